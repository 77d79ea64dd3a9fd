//! An application's documents as links to download them, named by the requirement each answers, with
//! type and size. The applicant and the officer read the same list.

use leptos::prelude::*;
use njia_domain::api::applications::DocumentInfo;
use njia_domain::catalog::DocumentRequirement;

use crate::format::file_size;
use crate::i18n::officer::OfficerKey;
use crate::i18n::use_i18n;

#[component]
pub fn DocumentLinks(
    documents: Vec<DocumentInfo>,
    /// The service's requirements, for their names (empty for a service gone from the catalog).
    requirements: Vec<DocumentRequirement>,
) -> impl IntoView {
    let i18n = use_i18n();
    if documents.is_empty() {
        return view! { <p>{move || i18n.t(OfficerKey::NoDocuments)}</p> }.into_any();
    }
    view! {
        <ul class="document-list">
            {documents.into_iter().map(|document| {
                let requirement = requirements
                    .iter()
                    .find(|r| r.id == document.requirement_id)
                    .map(|r| r.name.clone());
                let requirement_id = document.requirement_id.clone();
                let href = crate::api::officer::document_href(&document.id);
                let details = format!("{}, {}", document.file_type.label(), file_size(document.size_bytes));
                view! {
                    <li class="document-list__item">
                        <span class="document-list__name">
                            {move || requirement.as_ref().map_or_else(|| requirement_id.clone(), |n| n.get(i18n.lang()).to_string())}
                        </span>
                        // `download` also keeps the router from treating the link as a page of the app.
                        <a class="document-links__link" href=href download=document.file_name.clone()>
                            <span class="visually-hidden">{move || i18n.t(OfficerKey::Download)}</span>
                            {document.file_name.clone()}
                        </a>
                        <span class="document-links__meta">{details}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
