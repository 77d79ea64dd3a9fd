//! The root component: context, routes, and focus management on navigation.

use leptos::prelude::*;
use leptos_router::components::{ParentRoute, Route, Router, Routes};
use leptos_router::hooks::use_location;
use leptos_router::path;

use crate::components::idle_warning::IdleWarning;
use crate::components::layout::Layout;
use crate::pages::account::{
    AccountPage, AccountRoutes, ChangeEmailPage, ChangePasswordPage, ChangePhonePage,
};
use crate::pages::applications::MyApplicationsPage;
use crate::pages::apply::ApplicationFlow;
use crate::pages::apply::check::CheckPage as ApplicationCheckPage;
use crate::pages::apply::documents::DocumentsPage;
use crate::pages::apply::overview::OverviewPage;
use crate::pages::apply::sent::SentPage;
use crate::pages::apply::start::StartApplicationPage;
use crate::pages::apply::step::StepPage;
use crate::pages::dev_outbox::DevOutboxPage;
use crate::pages::forgot_password::{
    ForgotPasswordPage, ForgotPasswordRoutes, NewPasswordPage, ResetCodePage, ResetDonePage,
};
use crate::pages::officer::{OfficerApplicationPage, OfficerRoutes, OfficerTestsPage, QueuePage};
use crate::pages::pay::card_return::CardReturnPage;
use crate::pages::pay::choose::PayPage;
use crate::pages::pay::history::PaymentsPage;
use crate::pages::pay::receipt::ReceiptPage;
use crate::pages::register::{
    CheckPage, ContactStep, DateOfBirthStep, IdStep, KindStep, NameStep, PasswordStep, PrivacyStep,
    RegisterFlow, StartPage,
};
use crate::pages::register_confirm::RegisterConfirmPage;
use crate::pages::sign_in::{SignInCodePage, SignInPage, SignInRoutes};
use crate::pages::{home::HomePage, not_found::NotFoundPage, service::ServicePage};
use crate::session::NoticeBanner;

#[component]
pub fn App() -> impl IntoView {
    crate::i18n::provide();
    crate::catalog::provide();
    crate::acting::provide_acting();
    crate::session::provide();
    crate::components::password_meter::provide_common_passwords();
    view! {
        <Router>
            <FocusOnNavigation/>
            <Layout>
                <NoticeBanner/>
                <Routes fallback=NotFoundPage>
                    <Route path=path!("/") view=HomePage/>
                    <Route path=path!("/services/:id") view=ServicePage/>
                    <Route path=path!("/categories/:id") view=crate::pages::category::CategoryPage/>
                    <Route path=path!("/services/:id/apply") view=StartApplicationPage/>
                    <Route path=path!("/applications") view=MyApplicationsPage/>
                    <Route path=path!("/acting-as") view=crate::pages::acting_as::ActingAsPage/>
                    <Route path=path!("/ntsa") view=crate::pages::my_ntsa::MyNtsaPage/>
                    <Route path=path!("/ntsa/record") view=crate::pages::driving_record::DrivingRecordPage/>
                    <Route path=path!("/check-licence") view=crate::pages::check_licence::CheckLicencePage/>
                    <Route path=path!("/ntsa/test-booking") view=crate::pages::test_booking::TestBookingPage/>
                    <Route path=path!("/ntsa/transfers") view=crate::pages::transfers::TransfersPage/>
                    <Route path=path!("/organisations") view=crate::pages::organisations::OrganisationsPage/>
                    <Route path=path!("/organisations/:id") view=crate::pages::organisations::OrganisationPage/>
                    <ParentRoute path=path!("/applications/:id") view=ApplicationFlow>
                        <Route path=path!("") view=OverviewPage/>
                        <Route path=path!("steps/:step") view=StepPage/>
                        <Route path=path!("documents") view=DocumentsPage/>
                        <Route path=path!("check") view=ApplicationCheckPage/>
                        <Route path=path!("sent") view=SentPage/>
                        <Route path=path!("pay") view=PayPage/>
                        <Route path=path!("receipt") view=ReceiptPage/>
                    </ParentRoute>
                    <ParentRoute path=path!("/sign-in") view=SignInRoutes>
                        <Route path=path!("") view=SignInPage/>
                        <Route path=path!("code") view=SignInCodePage/>
                    </ParentRoute>
                    <ParentRoute path=path!("/forgot-password") view=ForgotPasswordRoutes>
                        <Route path=path!("") view=ForgotPasswordPage/>
                        <Route path=path!("code") view=ResetCodePage/>
                        <Route path=path!("new-password") view=NewPasswordPage/>
                        <Route path=path!("done") view=ResetDonePage/>
                    </ParentRoute>
                    <ParentRoute path=path!("/account") view=AccountRoutes>
                        <Route path=path!("") view=AccountPage/>
                        <Route path=path!("phone") view=ChangePhonePage/>
                        <Route path=path!("email") view=ChangeEmailPage/>
                        <Route path=path!("password") view=ChangePasswordPage/>
                        <Route path=path!("payments") view=PaymentsPage/>
                    </ParentRoute>
                    <ParentRoute path=path!("/officer") view=OfficerRoutes>
                        <Route path=path!("") view=QueuePage/>
                        <Route path=path!("applications/:id") view=OfficerApplicationPage/>
                        <Route path=path!("tests") view=OfficerTestsPage/>
                    </ParentRoute>
                    <Route path=path!("/admin/notices") view=crate::pages::admin::notices::AdminNoticesPage/>
                    <Route path=path!("/payments/:id/card-return") view=CardReturnPage/>
                    <Route path=path!("/dev/outbox") view=DevOutboxPage/>
                    // Before the wizard, which would otherwise not know the path.
                    <Route path=path!("/register/confirm") view=RegisterConfirmPage/>
                    <ParentRoute path=path!("/register") view=RegisterFlow>
                        <Route path=path!("") view=StartPage/>
                        <Route path=path!("kind") view=KindStep/>
                        <Route path=path!("id") view=IdStep/>
                        <Route path=path!("name") view=NameStep/>
                        <Route path=path!("date-of-birth") view=DateOfBirthStep/>
                        <Route path=path!("contact") view=ContactStep/>
                        <Route path=path!("password") view=PasswordStep/>
                        <Route path=path!("privacy") view=PrivacyStep/>
                        <Route path=path!("check") view=CheckPage/>
                    </ParentRoute>
                </Routes>
            </Layout>
            <IdleWarning/>
        </Router>
    }
}

/// After client-side navigation, focus the new page's heading (not on first load, where the browser's own
/// start position is right).
#[component]
fn FocusOnNavigation() -> impl IntoView {
    let location = use_location();
    Effect::new(move |previous: Option<String>| {
        let path = location.pathname.get();
        if previous.is_some_and(|p| p != path) {
            request_animation_frame(crate::browser::focus_main_heading);
        }
        path
    });
}
