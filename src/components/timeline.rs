//! An application's history, oldest first: each status with its time and the officer's words (a reason,
//! what to change, where to collect). The applicant and the officer read the same list.

use leptos::prelude::*;
use njia_domain::api::applications::{ApplicationStatus, TimelineEntry};

use crate::i18n::account::local_date_time;
use crate::i18n::officer::{note_key, status_key};
use crate::i18n::use_i18n;

#[component]
pub fn Timeline(entries: Vec<TimelineEntry>) -> impl IntoView {
    let i18n = use_i18n();
    view! {
        <ol class="record-list timeline">
            {entries.into_iter().map(|entry| {
                let status = entry.status;
                let at = entry.at.clone();
                view! {
                    <li class="record-list__item">
                        <p class="record-list__title">{move || i18n.t(status_key(status))}</p>
                        <p class="record-list__meta">{move || local_date_time(i18n.lang(), &at)}</p>
                        {entry.note.map(|note| view! {
                            <p class="record-list__details timeline__note">
                                {move || i18n.t(note_key(status))}
                                // Notes the system writes come in both languages: show the reader's.
                                {move || njia_domain::api::payments::note_in(&note, i18n.lang() == crate::i18n::Lang::Sw).to_string()}
                            </p>
                        })}
                    </li>
                }
            }).collect_view()}
        </ol>
    }
}

/// A status as a tag, coloured by where the application stands.
#[component]
pub fn StatusTag(status: ApplicationStatus) -> impl IntoView {
    let i18n = use_i18n();
    let class = format!("tag status-tag status-tag--{}", status.as_str());
    view! { <strong class=class>{move || i18n.t(status_key(status))}</strong> }
}
