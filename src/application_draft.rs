//! The phone's copy of each application's answers, so a reload or a dropped connection costs nothing: the
//! answers are written here first and to the server as soon as it can be reached. Kept in `sessionStorage`
//! (SECURITY.md: nothing sensitive in `localStorage`; the server copy is what survives a change of phone),
//! and removed on sign-out.

use njia_domain::forms::Answers;
use serde::{Deserialize, Serialize};

const PREFIX: &str = "njia.application.";

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct DeviceDraft {
    pub answers: Answers,
    /// The answers changed on the phone since the server last confirmed them.
    pub unsent: bool,
    /// The `Idempotency-Key` of a submission not yet confirmed: a retry reuses it, so it cannot send twice.
    pub submit_key: Option<String>,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

pub fn load(id: &str) -> Option<DeviceDraft> {
    let text = storage()?.get_item(&format!("{PREFIX}{id}")).ok()??;
    serde_json::from_str(&text).ok()
}

pub fn save(id: &str, draft: &DeviceDraft) {
    // Full or disabled storage (private modes): the server copy still holds what was saved there.
    if let (Some(storage), Ok(text)) = (storage(), serde_json::to_string(draft)) {
        let _ = storage.set_item(&format!("{PREFIX}{id}"), &text);
    }
}

pub fn update(id: &str, change: impl FnOnce(&mut DeviceDraft)) -> DeviceDraft {
    let mut draft = load(id).unwrap_or_default();
    change(&mut draft);
    save(id, &draft);
    draft
}

pub fn clear(id: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(&format!("{PREFIX}{id}"));
    }
}

/// Every application's copy, at sign-out: the next person on a shared phone finds nothing.
pub fn clear_all() {
    let Some(storage) = storage() else { return };
    let count = storage.length().unwrap_or(0);
    let keys: Vec<String> = (0..count)
        .filter_map(|i| storage.key(i).ok().flatten())
        .filter(|key| key.starts_with(PREFIX))
        .collect();
    for key in keys {
        let _ = storage.remove_item(&key);
    }
}
