//! `/payments/:id/card-return?session_id=…[&cancelled=1]`: where the card gateway sends the person back. The
//! page asks the server to confirm the payment with the gateway, then goes to the receipt when paid, or says
//! what happened (failed, cancelled, not confirmed yet) and how to go on.

use leptos::prelude::*;
use leptos_router::NavigateOptions;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use njia_domain::api::payments::{PaymentProblem, PaymentStatus};

use super::problem_message;
use crate::api::{self, ApiError};
use crate::components::status::{LoadError, Loading};
use crate::i18n::apply::ApplyKey;
use crate::i18n::pay::PayKey;
use crate::i18n::use_i18n;
use crate::session::{SignedInOnly, use_session};
use crate::title::use_title;

/// How a card payment ended, for the person.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CardOutcome {
    Paid,
    Failed(PaymentProblem),
    Cancelled,
    /// The gateway has not said yet.
    Checking,
}

/// The server's word wins; the gateway's `cancelled=1` only explains a payment that is not settled.
pub fn card_outcome(
    status: PaymentStatus,
    problem: Option<PaymentProblem>,
    cancelled: bool,
) -> CardOutcome {
    match status {
        PaymentStatus::Paid | PaymentStatus::RefundDue => CardOutcome::Paid,
        PaymentStatus::Failed if problem == Some(PaymentProblem::Cancelled) => {
            CardOutcome::Cancelled
        }
        PaymentStatus::Failed => CardOutcome::Failed(problem.unwrap_or(PaymentProblem::Other)),
        PaymentStatus::Pending | PaymentStatus::Unconfirmed if cancelled => CardOutcome::Cancelled,
        PaymentStatus::Pending | PaymentStatus::Unconfirmed => CardOutcome::Checking,
    }
}

#[component]
pub fn CardReturnPage() -> impl IntoView {
    view! { <SignedInOnly><CardReturn/></SignedInOnly> }
}

#[component]
fn CardReturn() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    let params = use_params_map();
    let query = use_query_map();
    let id = Memo::new(move |_| params.read().get("id").unwrap_or_default());
    let cancelled = query.read_untracked().get("cancelled").as_deref() == Some("1");
    use_title(move || i18n.t(PayKey::CardCheckingTitle).to_string());
    let confirmed = LocalResource::new(move || {
        let id = id.get();
        async move { api::payments::card_confirm(&id).await }
    });
    // Paid: straight on to the receipt, in place of this page in the history.
    Effect::new({
        let navigate = navigate.clone();
        move |_| {
            if let Some(Ok(payment)) = confirmed.get() {
                if card_outcome(payment.status, payment.problem, cancelled) == CardOutcome::Paid {
                    navigate(
                        &format!("/applications/{}/receipt", payment.application_id),
                        NavigateOptions {
                            replace: true,
                            ..Default::default()
                        },
                    );
                }
            } else if let Some(Err(error)) = confirmed.get() {
                session.handle_error(&error, &navigate);
            }
        }
    });
    let retry = Callback::new(move |()| confirmed.refetch());
    move || match confirmed.get() {
        None => view! {
            <h1 tabindex="-1">{move || i18n.t(PayKey::CardCheckingTitle)}</h1>
            <Loading label=PayKey::CardChecking/>
        }
        .into_any(),
        Some(Err(ApiError::Api { status: 404, .. })) => view! {
            <h1 tabindex="-1">{move || i18n.t(PayKey::PaymentNotFoundTitle)}</h1>
            <p>{move || i18n.t(PayKey::PaymentNotFoundBody)}</p>
            <p><A href="/applications">{move || i18n.t(ApplyKey::MyApplications)}</A></p>
        }
        .into_any(),
        Some(Err(error)) => view! {
            <h1 tabindex="-1">{move || i18n.t(PayKey::CardCheckingTitle)}</h1>
            <LoadError error on_retry=retry/>
        }
        .into_any(),
        Some(Ok(payment)) => {
            let pay = format!("/applications/{}/pay", payment.application_id);
            let receipt = format!("/applications/{}/receipt", payment.application_id);
            match card_outcome(payment.status, payment.problem, cancelled) {
                CardOutcome::Paid => view! {
                    <h1 tabindex="-1">{move || i18n.t(PayKey::CardPaidTitle)}</h1>
                    <p><A href=receipt attr:class="button">{move || i18n.t(PayKey::SeeReceipt)}</A></p>
                }
                .into_any(),
                CardOutcome::Failed(problem) => view! {
                    <h1 tabindex="-1">{move || i18n.t(PayKey::CardFailedTitle)}</h1>
                    <div class="notice notice--error" role="alert">
                        <p>{move || problem_message(i18n.lang(), Some(problem))}</p>
                    </div>
                    <p><A href=pay attr:class="button">{move || i18n.t(PayKey::TryAgain)}</A></p>
                }
                .into_any(),
                CardOutcome::Cancelled => view! {
                    <h1 tabindex="-1">{move || i18n.t(PayKey::CardCancelledTitle)}</h1>
                    <p>{move || i18n.t(PayKey::CardCancelledBody)}</p>
                    <p><A href=pay attr:class="button">{move || i18n.t(PayKey::ChooseHowToPay)}</A></p>
                }
                .into_any(),
                CardOutcome::Checking => view! {
                    <h1 tabindex="-1">{move || i18n.t(PayKey::CardCheckingTitle)}</h1>
                    <p>{move || i18n.t(PayKey::CardPendingBody)}</p>
                    <div class="button-group">
                        <button type="button" class="button" on:click=move |_| retry.run(())>
                            {move || i18n.t(PayKey::CheckAgain)}
                        </button>
                        <A href=pay>{move || i18n.t(PayKey::ChooseHowToPay)}</A>
                    </div>
                }
                .into_any(),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_servers_word_decides_how_a_card_payment_ended() {
        use PaymentStatus as S;
        assert_eq!(card_outcome(S::Paid, None, true), CardOutcome::Paid);
        assert_eq!(card_outcome(S::RefundDue, None, false), CardOutcome::Paid);
        assert_eq!(
            card_outcome(S::Failed, Some(PaymentProblem::CardDeclined), false),
            CardOutcome::Failed(PaymentProblem::CardDeclined)
        );
        assert_eq!(
            card_outcome(S::Failed, None, false),
            CardOutcome::Failed(PaymentProblem::Other)
        );
        assert_eq!(
            card_outcome(S::Failed, Some(PaymentProblem::Cancelled), false),
            CardOutcome::Cancelled
        );
        assert_eq!(card_outcome(S::Pending, None, true), CardOutcome::Cancelled);
        assert_eq!(card_outcome(S::Pending, None, false), CardOutcome::Checking);
        assert_eq!(
            card_outcome(S::Unconfirmed, None, false),
            CardOutcome::Checking
        );
    }
}
