//! `/ntsa/transfers`: the vehicles someone has started to transfer to the signed-in person, each with the
//! seller's name. The person accepts or declines one after entering their password again; NTSA approves an
//! accepted transfer, and the vehicle then shows in My NTSA.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use njia_domain::api::transfers::{TransferOffer, TransferStatus};
use njia_domain::date::Date;

use crate::api;
use crate::components::form::{ErrorSummary, SubmitButton, TextField};
use crate::components::status::{LoadError, Loading};
use crate::i18n::account::date;
use crate::i18n::auth::tr;
use crate::i18n::transfers::TransferKey as K;
use crate::i18n::use_i18n;
use crate::pages::sign_in::{FormFailure, FormState, focus_id, problem};
use crate::session::{SignedInOnly, use_session};
use crate::title::use_title;

const PASSWORD: &str = "password";

#[component]
pub fn TransfersPage() -> impl IntoView {
    view! { <SignedInOnly><TransfersContent/></SignedInOnly> }
}

fn status_key(status: TransferStatus) -> K {
    match status {
        TransferStatus::AwaitingBuyer => K::AwaitingBuyer,
        TransferStatus::Accepted => K::Accepted,
        TransferStatus::Declined => K::Declined,
        TransferStatus::Completed => K::Completed,
    }
}

/// The offer being answered, and whether the answer is "accept".
type Chosen = RwSignal<Option<(TransferOffer, bool)>>;

#[component]
fn TransfersContent() -> impl IntoView {
    let i18n = use_i18n();
    let session = use_session();
    let navigate = use_navigate();
    use_title(move || i18n.t(K::Title).to_string());
    let offers = LocalResource::new(api::transfers::list);
    let chosen: Chosen = RwSignal::new(None);
    let password = RwSignal::new(String::new());
    let done: RwSignal<Option<String>> = RwSignal::new(None);
    let form = FormState::new();

    let submit = move || {
        let Some((offer, accept)) = chosen.get_untracked() else {
            return;
        };
        let problems = if password.get_untracked().is_empty() {
            vec![problem(PASSWORD, i18n.t(K::EnterPassword))]
        } else {
            Vec::new()
        };
        if !form.start_if_valid(problems) {
            return;
        }
        let navigate = navigate.clone();
        spawn_local(async move {
            let lang = i18n.lang();
            match api::transfers::answer(&offer.id, accept, password.get_untracked()).await {
                Ok(answered) => {
                    form.succeed();
                    password.set(String::new());
                    chosen.set(None);
                    let key = if accept {
                        K::DoneAccepted
                    } else {
                        K::DoneDeclined
                    };
                    done.set(Some(i18n.t(key).replace("{plate}", &answered.plate)));
                    offers.refetch();
                }
                Err(error) => {
                    password.set(String::new());
                    if session.handle_error(&error, &navigate) {
                        form.done();
                    } else if error
                        .fields()
                        .iter()
                        .any(|f| f.field == PASSWORD && f.code == "wrong")
                    {
                        form.done();
                        form.problems
                            .set(vec![problem(PASSWORD, i18n.t(K::WrongPassword))]);
                    } else if error.code() == Some("already_answered") {
                        form.done();
                        form.problems
                            .set(vec![problem(PASSWORD, i18n.t(K::AlreadyAnswered))]);
                        offers.refetch();
                    } else {
                        form.fail(lang, error, &[PASSWORD]);
                    }
                }
            }
        });
    };
    let retry = Callback::new({
        let submit = submit.clone();
        move |()| submit()
    });
    let submit = StoredValue::new(submit);
    let choose = move |offer: TransferOffer, accept: bool| {
        form.problems.clear();
        form.failure.set(None);
        password.set(String::new());
        done.set(None);
        chosen.set(Some((offer, accept)));
        request_animation_frame(|| focus_id(PASSWORD));
    };

    let answer_form = move || {
        chosen.get().map(|(offer, accept)| {
            let title = if accept { K::AcceptTitle } else { K::DeclineTitle };
            let plate = offer.plate.clone();
            view! {
                <section class="notice transfer__answer" aria-labelledby="transfer-answer">
                    <h2 id="transfer-answer">{move || i18n.t(title).replace("{plate}", &plate)}</h2>
                    <FormFailure form on_retry=retry/>
                    <form class="form" novalidate on:submit=move |ev| {
                        ev.prevent_default();
                        submit.with_value(|submit| submit());
                    }>
                        <TextField
                            id=PASSWORD
                            label=tr(K::PasswordLabel)
                            hint=tr(K::PasswordHint)
                            value=password
                            error=form.problems.for_field(PASSWORD)
                            input_type="password"
                            autocomplete="current-password"
                        />
                        <div class="button-group">
                            <SubmitButton label=tr(if accept { K::ConfirmAccept } else { K::ConfirmDecline }) busy=form.busy/>
                            <button type="button" class="button button--secondary" on:click=move |_| {
                                form.problems.clear();
                                chosen.set(None);
                            }>
                                {move || i18n.t(K::Cancel)}
                            </button>
                        </div>
                    </form>
                </section>
            }
        })
    };

    let list = move || {
        match offers.get() {
        Some(Err(error)) => {
            view! { <LoadError error on_retry=move |()| offers.refetch()/> }.into_any()
        }
        Some(Ok(list)) if list.items.is_empty() => {
            view! { <p>{move || i18n.t(K::NoOffers)}</p> }.into_any()
        }
        Some(Ok(list)) => view! {
            <ul class="card-list">
                {list.items.into_iter().map(|offer| view! { <OfferCard offer choose/> }).collect_view()}
            </ul>
        }
        .into_any(),
        None => view! { <Loading label=K::Loading/> }.into_any(),
    }
    };

    view! {
        <p><A href="/ntsa">{move || i18n.t(K::BackToMyNtsa)}</A></p>
        <ErrorSummary problems=form.problems/>
        <h1 tabindex="-1">{move || i18n.t(K::Title)}</h1>
        <p>{move || i18n.t(K::Intro)}</p>
        {move || done.get().map(|message| view! { <p class="notice notice--success" role="status">{message}</p> })}
        {answer_form}
        {list}
    }
}

#[component]
fn OfferCard(
    offer: TransferOffer,
    choose: impl Fn(TransferOffer, bool) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let i18n = use_i18n();
    let open = offer.status == TransferStatus::AwaitingBuyer;
    let status = offer.status;
    let stored = StoredValue::new(offer.clone());
    let created = offer.created_at.get(..10).unwrap_or_default().to_string();
    let created = move || {
        Date::parse_iso(&created).map_or_else(
            |_| created.clone(),
            |d| date(i18n.lang(), d.year(), d.month(), d.day()),
        )
    };
    view! {
        <li class="card">
            <h2 class="ntsa-plate">{offer.plate.clone()}</h2>
            <p class="ntsa-vehicle__name">{format!("{} {} {}", offer.make, offer.model, offer.year)}</p>
            <dl class="card__facts">
                <div><dt>{move || i18n.t(K::Seller)}</dt><dd>{offer.seller_name.clone()}</dd></div>
                <div><dt>{move || i18n.t(K::Offered)}</dt><dd>{created}</dd></div>
            </dl>
            <p><strong class="tag">{move || i18n.t(status_key(status))}</strong></p>
            {open.then(|| view! {
                <div class="button-group">
                    <button type="button" class="button" on:click=move |_| choose(stored.get_value(), true)>
                        {move || i18n.t(K::Accept)}
                        <span class="visually-hidden">" " {stored.get_value().plate}</span>
                    </button>
                    <button type="button" class="button button--secondary" on:click=move |_| choose(stored.get_value(), false)>
                        {move || i18n.t(K::Decline)}
                        <span class="visually-hidden">" " {stored.get_value().plate}</span>
                    </button>
                </div>
            })}
        </li>
    }
}
