//! `/acting-as`: choose whom to act for in this tab — oneself, or one of one's organisations (as a current
//! member). The choice changes what "My applications", "My NTSA" and the payments show, and whom new
//! applications belong to; the server checks the membership on every call.

use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use njia_domain::api::organisations::{Organisation, OrganisationList};
use njia_domain::organisations::OrganisationRole;

use crate::acting::{ActingChoice, use_acting};
use crate::api;
use crate::components::status::{LoadError, Loading};
use crate::i18n::acting::ActingKey as K;
use crate::i18n::use_i18n;
use crate::session::{SignedInOnly, use_session};
use crate::title::use_title;

const PERSONAL: &str = "personal";

#[component]
pub fn ActingAsPage() -> impl IntoView {
    view! { <SignedInOnly><ActingAsContent/></SignedInOnly> }
}

/// The person's organisations, asked for their own account whatever the tab acts for: the list is the
/// person's memberships, not the organisation's.
pub async fn my_organisations() -> Result<Vec<Organisation>, api::ApiError> {
    api::get::<OrganisationList>("/api/organisations")
        .await
        .map(|list| list.items)
}

#[component]
fn ActingAsContent() -> impl IntoView {
    let i18n = use_i18n();
    use_title(move || i18n.t(K::Title).to_string());
    let organisations = LocalResource::new(my_organisations);
    let retry = Callback::new(move |()| organisations.refetch());
    view! {
        <h1 tabindex="-1">{move || i18n.t(K::Title)}</h1>
        <Suspense fallback=|| view! { <Loading label=K::Loading/> }>
            {move || organisations.get().map(|result| match result {
                Ok(list) if list.is_empty() => view! {
                    <p>{move || i18n.t(K::NoOrganisations)}</p>
                    <p><A href="/organisations">{move || i18n.t(K::YourOrganisations)}</A></p>
                }.into_any(),
                Ok(list) => view! { <ChooseForm organisations=list/> }.into_any(),
                Err(error) => view! { <LoadError error on_retry=retry/> }.into_any(),
            })}
        </Suspense>
    }
}

#[component]
fn ChooseForm(organisations: Vec<Organisation>) -> impl IntoView {
    let i18n = use_i18n();
    let acting = use_acting();
    let session = use_session();
    let navigate = use_navigate();
    let chosen = RwSignal::new(
        acting
            .current_untracked()
            .filter(|c| organisations.iter().any(|o| o.id == c.id))
            .map_or_else(|| PERSONAL.to_string(), |c| c.id),
    );
    let names = StoredValue::new(
        organisations
            .iter()
            .map(|o| (o.id.clone(), o.name.clone()))
            .collect::<Vec<_>>(),
    );
    let on_submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let id = chosen.get_untracked();
        let choice = names.with_value(|names| {
            names
                .iter()
                .find(|(oid, _)| *oid == id)
                .map(|(id, name)| ActingChoice {
                    id: id.clone(),
                    name: name.clone(),
                })
        });
        acting.set(choice);
        navigate("/applications", Default::default());
    };
    let first_name = move || session.account().map(|a| a.first_name).unwrap_or_default();
    view! {
        <form on:submit=on_submit novalidate>
            <div class="form-group">
                <fieldset class="fieldset" aria-describedby="acting-hint">
                    <legend class="visually-hidden">{move || i18n.t(K::Title)}</legend>
                    <p id="acting-hint" class="hint">{move || i18n.t(K::Hint)}</p>
                    <div class="radios">
                        <div class="radios__item">
                            <input class="radios__input" type="radio" name="acting" id="acting-personal"
                                value=PERSONAL
                                prop:checked=move || chosen.get() == PERSONAL
                                on:change=move |_| chosen.set(PERSONAL.to_string())/>
                            <label class="radios__label" for="acting-personal">
                                {move || i18n.t_n(K::YourselfOption, first_name())}
                            </label>
                        </div>
                        {organisations.into_iter().map(|organisation| {
                            let input_id = format!("acting-{}", organisation.id);
                            let id = organisation.id.clone();
                            let value = organisation.id.clone();
                            let role = match organisation.my_role {
                                OrganisationRole::Administrator => K::Administrator,
                                OrganisationRole::Agent => K::Agent,
                            };
                            view! {
                                <div class="radios__item">
                                    <input class="radios__input" type="radio" name="acting" id=input_id.clone()
                                        value=value
                                        prop:checked={
                                            let id = id.clone();
                                            move || chosen.get() == id
                                        }
                                        on:change=move |_| chosen.set(id.clone())/>
                                    <label class="radios__label" for=input_id>
                                        {organisation.name.clone()}
                                        <span class="hint">" (" {move || i18n.t(role)} ")"</span>
                                    </label>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
            </div>
            <button type="submit" class="button">{move || i18n.t(K::Continue)}</button>
        </form>
        <p><A href="/organisations">{move || i18n.t(K::YourOrganisations)}</A></p>
    }
}
