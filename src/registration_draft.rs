//! What the registration wizard keeps in the tab's `sessionStorage`, so a reload or a dropped connection does
//! not cost the person their answers. `sessionStorage` ends with the tab, unlike `localStorage`
//! (SECURITY.md: nothing sensitive kept on the device), and the password never goes into it.

use njia_domain::api::accounts::Channel;
use serde::{Deserialize, Serialize};

const DRAFT_KEY: &str = "njia.register.draft";

/// The wizard's answers, without the password and its confirmation.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default)]
pub struct Draft {
    pub kind: String,
    pub id_number: String,
    pub first_name: String,
    pub other_names: String,
    pub surname: String,
    pub dob_day: String,
    pub dob_month: String,
    pub dob_year: String,
    pub email: String,
    pub phone: String,
    pub privacy_accepted: bool,
}

fn storage() -> Option<web_sys::Storage> {
    web_sys::window()?.session_storage().ok().flatten()
}

fn get(key: &str) -> Option<String> {
    storage()?.get_item(key).ok().flatten()
}

fn set(key: &str, value: &str) {
    // Storage may be full or disabled (private modes): the wizard still works, it just forgets on reload.
    if let Some(storage) = storage() {
        let _ = storage.set_item(key, value);
    }
}

fn remove(key: &str) {
    if let Some(storage) = storage() {
        let _ = storage.remove_item(key);
    }
}

/// The saved draft, or an empty one when there is none or it cannot be read (an older app's format).
pub fn load() -> Draft {
    get(DRAFT_KEY)
        .and_then(|json| serde_json::from_str(&json).ok())
        .unwrap_or_default()
}

pub fn save(draft: &Draft) {
    if *draft == Draft::default() {
        remove(DRAFT_KEY);
    } else if let Ok(json) = serde_json::to_string(draft) {
        set(DRAFT_KEY, &json);
    }
}

pub fn clear() {
    remove(DRAFT_KEY);
}

fn sent_key(channel: Channel) -> String {
    format!("njia.register.sent.{}", channel.as_str())
}

/// Remembers when a code may next be asked for (ms since the epoch), so the confirm page's countdown
/// survives a reload instead of inviting a resend the server would refuse.
pub fn remember_resend_at(channel: Channel, at_ms: f64) {
    set(&sent_key(channel), &format!("{at_ms:.0}"));
}

pub fn resend_at(channel: Channel) -> Option<f64> {
    get(&sent_key(channel))?.parse().ok()
}

pub fn forget_resend_times() {
    for channel in [Channel::Sms, Channel::Email] {
        remove(&sent_key(channel));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_draft_round_trips_and_old_formats_fill_in() {
        let draft = Draft {
            kind: "citizen".into(),
            first_name: "Wanjiru".into(),
            privacy_accepted: true,
            ..Draft::default()
        };
        let json = serde_json::to_string(&draft).expect("serialise");
        assert!(!json.contains("password\""), "no password field: {json}");
        assert_eq!(serde_json::from_str::<Draft>(&json).ok(), Some(draft));
        let partial: Draft = serde_json::from_str(r#"{"surname":"Kamau"}"#).expect("partial");
        assert_eq!(partial.surname, "Kamau");
        assert_eq!(partial.kind, "");
    }
}
