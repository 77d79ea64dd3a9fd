//! `/account` and its sub-pages, for signed-in people only: the overview (details, devices, activity) and
//! one small form per change (`/account/phone`, `/account/email`, `/account/password`).

mod activity;
mod change_contact;
mod change_password;
mod devices;

use leptos::prelude::*;
use leptos_router::components::{A, Outlet};
use njia_domain::api::accounts::{Account, AccountKind};
use njia_domain::date::Date;
use njia_domain::ids::PhoneNumber;

pub use change_contact::{ChangeEmailPage, ChangePhonePage};
pub use change_password::ChangePasswordPage;

use crate::i18n::account::{AccountKey, date};
use crate::i18n::forms::FormKey;
use crate::i18n::organisations::OrgKey;
use crate::i18n::pay::PayKey;
use crate::i18n::{Lang, use_i18n};
use crate::session::{SignedInOnly, use_session};
use crate::title::use_title;

/// The parent of every `/account` route: signed-in people only.
#[component]
pub fn AccountRoutes() -> impl IntoView {
    view! { <SignedInOnly><Outlet/></SignedInOnly> }
}

/// A phone number as Kenyans write it (`0712 345 678`), else as stored.
pub fn phone_for_people(phone: &str) -> String {
    PhoneNumber::parse(phone).map_or_else(|_| phone.to_string(), |p| p.national())
}

fn date_of_birth(lang: Lang, iso: &str) -> String {
    Date::parse_iso(iso).map_or_else(
        |_| iso.to_string(),
        |d| date(lang, d.year(), d.month(), d.day()),
    )
}

fn full_name(account: &Account) -> String {
    [&account.first_name, &account.other_names, &account.surname]
        .into_iter()
        .filter(|n| !n.is_empty())
        .cloned()
        .collect::<Vec<_>>()
        .join(" ")
}

fn id_label(kind: AccountKind) -> AccountKey {
    match kind {
        AccountKind::Citizen => AccountKey::NationalId,
        AccountKind::Resident => AccountKey::AlienId,
        AccountKind::Foreigner => AccountKey::Passport,
    }
}

/// `/account`
#[component]
pub fn AccountPage() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    use_title(move || i18n.t(AccountKey::AccountTitle).to_string());
    let details = move || {
        session.account().map(|account| {
            let lang = i18n.lang();
            let name = full_name(&account);
            let id_key = id_label(account.kind);
            view! {
                <dl class="summary-list">
                    <div class="summary-list__row">
                        <dt class="summary-list__key">{i18n.t(AccountKey::Name)}</dt>
                        <dd class="summary-list__value">{name}</dd>
                    </div>
                    <div class="summary-list__row">
                        <dt class="summary-list__key">{i18n.t(id_key)}</dt>
                        <dd class="summary-list__value">{account.id_number_masked.clone()}</dd>
                    </div>
                    <div class="summary-list__row">
                        <dt class="summary-list__key">{i18n.t(AccountKey::DateOfBirth)}</dt>
                        <dd class="summary-list__value">{date_of_birth(lang, &account.date_of_birth)}</dd>
                    </div>
                    <div class="summary-list__row">
                        <dt class="summary-list__key">{i18n.t(AccountKey::Phone)}</dt>
                        <dd class="summary-list__value">{phone_for_people(&account.phone)}</dd>
                        <dd class="summary-list__actions">
                            <A href="/account/phone">
                                {i18n.t(FormKey::Change)}
                                <span class="visually-hidden">{i18n.t(AccountKey::ChangePhoneHidden)}</span>
                            </A>
                        </dd>
                    </div>
                    <div class="summary-list__row">
                        <dt class="summary-list__key">{i18n.t(AccountKey::Email)}</dt>
                        <dd class="summary-list__value">{account.email.clone()}</dd>
                        <dd class="summary-list__actions">
                            <A href="/account/email">
                                {i18n.t(FormKey::Change)}
                                <span class="visually-hidden">{i18n.t(AccountKey::ChangeEmailHidden)}</span>
                            </A>
                        </dd>
                    </div>
                    <div class="summary-list__row">
                        <dt class="summary-list__key">{i18n.t(AccountKey::Password)}</dt>
                        <dd class="summary-list__value">{i18n.t(AccountKey::PasswordSet)}</dd>
                        <dd class="summary-list__actions">
                            <A href="/account/password">
                                {i18n.t(FormKey::Change)}
                                <span class="visually-hidden">{i18n.t(AccountKey::ChangePasswordHidden)}</span>
                            </A>
                        </dd>
                    </div>
                </dl>
            }
        })
    };
    view! {
        <h1 tabindex="-1">{move || i18n.t(AccountKey::AccountTitle)}</h1>
        <section aria-labelledby="details-title">
            <h2 id="details-title">{move || i18n.t(AccountKey::PersonalDetails)}</h2>
            {details}
            <p class="hint">{move || i18n.t(AccountKey::DetailsFromDocument)}</p>
        </section>
        <section aria-labelledby="payments-title">
            <h2 id="payments-title">{move || i18n.t(PayKey::PaymentsTitle)}</h2>
            <p>{move || i18n.t(PayKey::PaymentsIntro)}</p>
            <p><A href="/account/payments">{move || i18n.t(PayKey::SeePayments)}</A></p>
        </section>
        <section aria-labelledby="account-organisations-title">
            <h2 id="account-organisations-title">{move || i18n.t(OrgKey::AccountSection)}</h2>
            <p>{move || i18n.t(OrgKey::AccountIntro)}</p>
            <p><A href="/organisations">{move || i18n.t(OrgKey::Title)}</A></p>
        </section>
        <devices::Devices/>
        <activity::Activity/>
    }
}

/// "Back to your account", above each change form.
#[component]
fn BackToAccount() -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <p class="back-link"><A href="/account">{move || i18n.t(AccountKey::BackToAccount)}</A></p>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn details_read_as_people_write_them() {
        assert_eq!(phone_for_people("+254712345678"), "0712 345 678");
        assert_eq!(date_of_birth(Lang::En, "1990-03-27"), "27 March 1990");
        assert_eq!(date_of_birth(Lang::Sw, "1990-03-27"), "27 Machi 1990");
    }
}
