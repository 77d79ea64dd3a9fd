//! `/applications/:id/documents`: the documents the answers call for. Each file is checked on the phone
//! before a byte is sent (its real type from its first bytes, its size against the service's limit, its
//! name), with the same rules the server applies again while the file streams in. A photo that is too
//! large is offered a shrink on the phone. Uploads show progress and can be cancelled and retried.

use leptos::prelude::*;
use leptos::task::spawn_local;
use leptos_router::components::A;
use leptos_router::hooks::use_navigate;
use njia_domain::api::applications::DocumentInfo;
use njia_domain::catalog::{DocumentRequirement, DocumentType};
use njia_domain::documents::{self, FileProblem, SNIFF_BYTES, human_size};
use wasm_bindgen::JsCast;
use web_sys::Blob;

use super::{
    SaveStatus, asked_documents, document_missing_message, missing_documents, use_flow,
    visible_steps,
};
use crate::api::upload::{self, Upload};
use crate::api::{self, ApiError};
use crate::components::form::{ErrorSummary, FieldError, Problem, Problems};
use crate::format::one_of;
use crate::i18n::apply::ApplyKey;
use crate::i18n::forms::FormKey;
use crate::i18n::{I18n, use_i18n};
use crate::title::use_title;

pub fn input_id(requirement: &str) -> String {
    format!("doc-{requirement}")
}

/// A file problem in the person's language, saying what to do.
pub fn file_message(i18n: I18n, problem: &FileProblem, accepted: &[DocumentType]) -> String {
    match problem {
        FileProblem::Empty => i18n.t(ApplyKey::FileEmpty).into(),
        FileProblem::PathInName => i18n.t(ApplyKey::FilePathInName).into(),
        FileProblem::BadName => i18n.t(ApplyKey::FileBadName).into(),
        FileProblem::TooLarge { size, limit } => i18n
            .t(ApplyKey::FileTooLarge)
            .replace("{size}", size)
            .replace("{limit}", limit),
        FileProblem::UnknownType => i18n.t(ApplyKey::FileUnknownType).into(),
        FileProblem::NotAccepted { found } => i18n
            .t(ApplyKey::FileNotAccepted)
            .replace("{found}", found)
            .replace("{accepted}", &one_of(i18n.lang(), accepted)),
        FileProblem::NameMismatch { named, found } => i18n
            .t(ApplyKey::FileNameMismatch)
            .replace("{named}", named)
            .replace("{found}", found),
        FileProblem::QuotaExceeded => i18n.t(ApplyKey::FileQuota).into(),
    }
}

/// The server's refusal of an upload, by its code, in the same words as the phone's own check.
fn server_file_message(
    i18n: I18n,
    error: &ApiError,
    size: u64,
    requirement: &DocumentRequirement,
) -> Option<String> {
    let field = error.fields().first()?;
    let problem = match field.code.as_str() {
        "empty_file" => FileProblem::Empty,
        "path_in_name" => FileProblem::PathInName,
        "bad_name" => FileProblem::BadName,
        "too_large" => FileProblem::TooLarge {
            size: human_size(size),
            limit: human_size(requirement.max_bytes),
        },
        "unknown_type" => FileProblem::UnknownType,
        "quota_exceeded" => FileProblem::QuotaExceeded,
        _ => return Some(field.message.clone()),
    };
    Some(file_message(i18n, &problem, &requirement.accepted))
}

#[component]
pub fn DocumentsPage() -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow();
    let navigate = use_navigate();
    use_title(move || i18n.t(ApplyKey::DocumentsTitle).to_string());
    let problems = Problems::default();
    let service = flow.service_untracked();
    let asked: Vec<DocumentRequirement> = service
        .as_ref()
        .map(|s| {
            flow.answers
                .with_untracked(|a| asked_documents(s, a).into_iter().cloned().collect())
        })
        .unwrap_or_default();
    let back_href = {
        let service = service.clone();
        move || {
            let Some(service) = &service else {
                return flow.path("");
            };
            let answers = flow.answers.get();
            match visible_steps(service, &answers).last() {
                Some(step) => flow.path(&format!("steps/{}", step.id)),
                None => format!("/services/{}", service.id),
            }
        }
    };
    let on_continue = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(service) = flow.service_untracked() else {
            return;
        };
        let missing: Vec<Problem> = flow.answers.with_untracked(|answers| {
            flow.documents.with_untracked(|attached| {
                missing_documents(&service, answers, attached)
                    .into_iter()
                    .map(|d| Problem {
                        field_id: input_id(&d.id),
                        message: document_missing_message(i18n.lang(), d),
                    })
                    .collect()
            })
        });
        if missing.is_empty() {
            problems.clear();
            navigate(&flow.path("check"), Default::default());
        } else {
            problems.set(missing);
        }
    };
    view! {
        <p class="back-link"><A href=back_href>{move || i18n.t(FormKey::Back)}</A></p>
        <ErrorSummary problems/>
        <h1 tabindex="-1">{move || i18n.t(ApplyKey::DocumentsTitle)}</h1>
        <p>{move || i18n.t(ApplyKey::DocumentsIntro)}</p>
        {asked.into_iter().map(|requirement| view! { <DocumentSlot requirement problems/> }).collect_view()}
        <form novalidate on:submit=on_continue>
            <button type="submit" class="button">{move || i18n.t(ApplyKey::Continue)}</button>
        </form>
        <SaveStatus/>
    }
}

/// Where one document's upload stands.
#[derive(Debug, Clone, PartialEq)]
enum SlotState {
    Idle,
    Checking,
    /// A photo over the limit that can be made smaller: its size, for the offer.
    CanShrink {
        size: u64,
    },
    Shrinking,
    Uploading {
        percent: u8,
    },
    /// The connection dropped: the chosen file is kept for a retry.
    Interrupted,
    Cancelled,
    Removing,
}

#[component]
fn DocumentSlot(requirement: DocumentRequirement, problems: Problems) -> impl IntoView {
    let i18n = use_i18n();
    let flow = use_flow();
    let id = input_id(&requirement.id);
    let state = RwSignal::new(SlotState::Idle);
    let shrunk: RwSignal<Option<(u64, u64)>> = RwSignal::new(None);
    // The chosen file (kept for a retry or a shrink) and the running upload: browser objects, so local.
    let chosen: StoredValue<Option<(Blob, String)>, LocalStorage> = StoredValue::new_local(None);
    let running: StoredValue<Option<Upload>, LocalStorage> = StoredValue::new_local(None);
    let requirement = StoredValue::new(requirement);
    let error = {
        let id = id.clone();
        Signal::derive(move || {
            problems
                .all()
                .into_iter()
                .find(|p| p.field_id == id)
                .map(|p| p.message)
        })
    };
    let set_problem = {
        let id = id.clone();
        move |message: Option<String>| {
            let mut all: Vec<Problem> = problems.all();
            all.retain(|p| p.field_id != id);
            if let Some(message) = message {
                all.push(Problem {
                    field_id: id.clone(),
                    message,
                });
            }
            problems.set(all);
        }
    };
    let attached = Memo::new(move |_| {
        let requirement_id = requirement.with_value(|r| r.id.clone());
        flow.documents.with(|docs| {
            docs.iter()
                .find(|d| d.requirement_id == requirement_id)
                .cloned()
        })
    });

    let send = {
        let set_problem = set_problem.clone();
        move |file: Blob, name: String| {
            let size = file.size() as u64;
            let requirement_id = requirement.with_value(|r| r.id.clone());
            let path = format!(
                "/api/applications/{}/documents/{requirement_id}",
                flow.id.get_untracked()
            );
            state.set(SlotState::Uploading { percent: 0 });
            let started =
                upload::put_file::<DocumentInfo, _>(&path, &name, &file, move |percent| {
                    if matches!(state.get_untracked(), SlotState::Uploading { .. }) {
                        state.set(SlotState::Uploading { percent });
                    }
                });
            let (handle, answer) = match started {
                Ok(started) => started,
                Err(_) => {
                    state.set(SlotState::Interrupted);
                    return;
                }
            };
            running.set_value(Some(handle));
            let set_problem = set_problem.clone();
            spawn_local(async move {
                let result = answer.await;
                running.set_value(None);
                if state.get_untracked() == SlotState::Cancelled {
                    return;
                }
                match result {
                    Ok(document) => {
                        chosen.set_value(None);
                        flow.documents.update(|docs| {
                            docs.retain(|d| d.requirement_id != document.requirement_id);
                            docs.push(document);
                        });
                        set_problem(None);
                        state.set(SlotState::Idle);
                    }
                    Err(ApiError::Network) => state.set(SlotState::Interrupted),
                    Err(error) => {
                        state.set(SlotState::Idle);
                        let message = requirement
                            .with_value(|r| server_file_message(i18n, &error, size, r))
                            .unwrap_or_else(|| i18n.t(crate::i18n::Key::ErrorServer).to_string());
                        set_problem(Some(message));
                    }
                }
            });
        }
    };

    let on_choose = {
        let (send, set_problem) = (send.clone(), set_problem.clone());
        move |ev: leptos::ev::Event| {
            let Some(input) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            let Some(file) = input.files().and_then(|files| files.get(0)) else {
                return;
            };
            // Cleared so that choosing the same file again (after fixing it) fires a change.
            input.set_value("");
            let name = file.name();
            let blob: Blob = file.into();
            shrunk.set(None);
            state.set(SlotState::Checking);
            let (send, set_problem) = (send.clone(), set_problem.clone());
            spawn_local(async move {
                let head = upload::head(&blob, SNIFF_BYTES).await.unwrap_or_default();
                let size = blob.size() as u64;
                let (accepted, max_bytes) =
                    requirement.with_value(|r| (r.accepted.clone(), r.max_bytes));
                match documents::check_file(&name, size, &head, &accepted, max_bytes) {
                    Ok(_) => {
                        set_problem(None);
                        chosen.set_value(Some((blob.clone(), name.clone())));
                        send(blob, name);
                    }
                    Err(FileProblem::TooLarge { .. })
                        if accepted.contains(&DocumentType::Jpeg)
                            && matches!(
                                documents::sniff(&head),
                                Some(DocumentType::Jpeg | DocumentType::Png)
                            ) =>
                    {
                        set_problem(None);
                        chosen.set_value(Some((blob, name)));
                        state.set(SlotState::CanShrink { size });
                    }
                    Err(problem) => {
                        state.set(SlotState::Idle);
                        set_problem(Some(file_message(i18n, &problem, &accepted)));
                    }
                }
            });
        }
    };

    let on_shrink = {
        let (send, set_problem) = (send.clone(), set_problem.clone());
        move |_| {
            let Some((photo, name)) = chosen.get_value() else {
                return;
            };
            state.set(SlotState::Shrinking);
            let (send, set_problem) = (send.clone(), set_problem.clone());
            spawn_local(async move {
                let max_bytes = requirement.with_value(|r| r.max_bytes);
                match upload::shrink_photo(&photo, max_bytes).await {
                    Some(smaller) => {
                        shrunk.set(Some((photo.size() as u64, smaller.size() as u64)));
                        let stem = name
                            .rsplit_once('.')
                            .map_or(name.as_str(), |(stem, _)| stem);
                        let name = format!("{stem}.jpg");
                        chosen.set_value(Some((smaller.clone(), name.clone())));
                        send(smaller, name);
                    }
                    None => {
                        state.set(SlotState::Idle);
                        set_problem(Some(i18n.t(ApplyKey::ShrinkFailed).to_string()));
                    }
                }
            });
        }
    };

    let on_retry = {
        let send = send.clone();
        move |_| {
            if let Some((file, name)) = chosen.get_value() {
                send(file, name);
            }
        }
    };
    let on_cancel = move |_| {
        state.set(SlotState::Cancelled);
        if let Some(handle) = running.get_value() {
            handle.abort();
        }
    };
    let on_remove = {
        let set_problem = set_problem.clone();
        move |_| {
            let Some(document) = attached.get_untracked() else {
                return;
            };
            state.set(SlotState::Removing);
            let set_problem = set_problem.clone();
            spawn_local(async move {
                match api::applications::delete_document(&document.id).await {
                    Ok(()) => {
                        flow.documents
                            .update(|docs| docs.retain(|d| d.id != document.id));
                        state.set(SlotState::Idle);
                    }
                    Err(_) => {
                        state.set(SlotState::Idle);
                        set_problem(Some(i18n.t(crate::i18n::Key::ErrorOffline).to_string()));
                    }
                }
            });
        }
    };

    let (name, accepted, max_bytes, optional) = requirement.with_value(|r| {
        (
            r.name.clone(),
            r.accepted.clone(),
            r.max_bytes,
            !r.is_required(&flow.answers.get_untracked()),
        )
    });
    let accept_attribute = accepted
        .iter()
        .map(|t| match t {
            DocumentType::Pdf => ".pdf,application/pdf",
            DocumentType::Jpeg => ".jpg,.jpeg,image/jpeg",
            DocumentType::Png => ".png,image/png",
        })
        .collect::<Vec<_>>()
        .join(",");
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let described =
        crate::components::form::described_by(Some(hint_id.clone()), error_id.clone(), error);
    let accepted_hint = {
        let accepted = accepted.clone();
        move || {
            i18n.t(ApplyKey::Accepts)
                .replace("{types}", &one_of(i18n.lang(), &accepted))
                .replace("{size}", &human_size(max_bytes))
        }
    };
    let busy = move || {
        matches!(
            state.get(),
            SlotState::Checking
                | SlotState::Shrinking
                | SlotState::Uploading { .. }
                | SlotState::Removing
        )
    };
    let heading_id = format!("{id}-heading");
    let labelled_by = heading_id.clone();
    let hidden_name = name.clone();
    view! {
        <section class="document-slot" class:form-group--error=move || error.with(Option::is_some) aria-labelledby=labelled_by>
            <h2 id=heading_id class="document-slot__name">
                {move || name.get(i18n.lang()).to_string()}
                {optional.then(|| view! { " " <span class="hint">{move || i18n.t(FormKey::Optional)}</span> })}
            </h2>
            <p id=hint_id class="hint">{accepted_hint}</p>
            <FieldError id=error_id error/>
            {move || attached.get().map(|document| view! {
                <p class="document-slot__file">
                    <span class="tag tag--done">{move || i18n.t(ApplyKey::Attached)}</span> " "
                    <span class="document-slot__file-name">{document.file_name.clone()}</span> " "
                    <span class="hint">{format!("({}, {})", document.file_type.label(), human_size(document.size_bytes))}</span>
                </p>
            })}
            {move || shrunk.get().map(|(from, to)| view! {
                <p class="hint">{i18n.t(ApplyKey::Shrunk).replace("{from}", &human_size(from)).replace("{to}", &human_size(to))}</p>
            })}
            <div role="status" aria-live="polite" class="document-slot__status">
                {move || match state.get() {
                    SlotState::Checking => Some(view! { <p>{i18n.t(ApplyKey::Checking)}</p> }.into_any()),
                    SlotState::Shrinking => Some(view! { <p>{i18n.t(ApplyKey::Shrinking)}</p> }.into_any()),
                    SlotState::Removing => Some(view! { <p>{i18n.t(ApplyKey::Removing)}</p> }.into_any()),
                    SlotState::Uploading { percent } => Some(view! {
                        <p>{i18n.t_n(ApplyKey::Uploading, percent)}</p>
                        <progress class="progress" max="100" value=percent>{format!("{percent}%")}</progress>
                    }.into_any()),
                    SlotState::Interrupted => Some(view! { <p>{i18n.t(ApplyKey::UploadFailedNetwork)}</p> }.into_any()),
                    SlotState::Cancelled => Some(view! { <p>{i18n.t(ApplyKey::UploadCancelled)}</p> }.into_any()),
                    SlotState::CanShrink { size } => Some(view! {
                        <p>{i18n.t(ApplyKey::ShrinkOffer)
                            .replace("{size}", &human_size(size))
                            .replace("{limit}", &requirement.with_value(|r| human_size(r.max_bytes)))}</p>
                    }.into_any()),
                    SlotState::Idle => None,
                }}
            </div>
            {move || match state.get() {
                SlotState::Uploading { .. } => Some(view! {
                    <button type="button" class="button button--secondary" on:click=on_cancel>{move || i18n.t(ApplyKey::Cancel)}</button>
                }.into_any()),
                SlotState::Interrupted | SlotState::Cancelled => Some(view! {
                    <button type="button" class="button" on:click=on_retry.clone()>{move || i18n.t(ApplyKey::RetryUpload)}</button>
                }.into_any()),
                SlotState::CanShrink { .. } => Some(view! {
                    <button type="button" class="button" on:click=on_shrink.clone()>{move || i18n.t(ApplyKey::ShrinkButton)}</button>
                }.into_any()),
                _ => None,
            }}
            <div class="file-input" class:file-input--hidden=busy>
                <label class="label" for=id.clone()>
                    {move || if attached.with(Option::is_some) { i18n.t(ApplyKey::ReplaceFile) } else { i18n.t(ApplyKey::ChooseFile) }}
                </label>
                <input
                    id=id.clone()
                    class="file-input__input"
                    type="file"
                    accept=accept_attribute
                    aria-describedby=described
                    aria-invalid=move || error.with(Option::is_some).then_some("true")
                    disabled=busy
                    on:change=on_choose
                />
            </div>
            {move || attached.get().is_some().then(|| view! {
                <button type="button" class="button button--secondary" disabled=busy on:click=on_remove.clone()>
                    {move || i18n.t(ApplyKey::Remove)}
                    <span class="visually-hidden">" " {hidden_name.get(i18n.lang()).to_string()}</span>
                </button>
            })}
        </section>
    }
}
