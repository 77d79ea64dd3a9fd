//! The live password-strength meter, and the common-password list it and the password checks share.
//!
//! The list (about 80 KB) is data, not code: it is fetched the first time a password field opens and kept
//! for the rest of the visit. Until it arrives the checks use the compiled-in local supplement alone; the
//! server checks again with the full list anyway.

use std::sync::Arc;

use leptos::prelude::*;
use leptos::task::spawn_local;
use njia_domain::password::{CommonPasswords, PersonalInfo, StrengthHint, estimate};

use crate::i18n::register::RegisterKey;
use crate::i18n::use_i18n;

/// The common-password list, shared through context (see [`provide_common_passwords`]).
#[derive(Clone, Copy)]
pub struct CommonPasswordList {
    loaded: RwSignal<Option<Arc<CommonPasswords>>>,
    fallback: StoredValue<Arc<CommonPasswords>>,
    loading: RwSignal<bool>,
}

impl CommonPasswordList {
    /// Starts fetching the list, unless it is here or on its way. A failed fetch is tried again on the next
    /// call.
    pub fn load(&self) {
        if self.loaded.with_untracked(Option::is_some) || self.loading.get_untracked() {
            return;
        }
        self.loading.set(true);
        let (loaded, loading) = (self.loaded, self.loading);
        spawn_local(async move {
            if let Ok(text) = crate::api::registration::common_passwords().await {
                loaded.set(Some(Arc::new(CommonPasswords::with_local(&text))));
            }
            loading.set(false);
        });
    }

    /// The full list once fetched, else the local supplement alone. Reactive.
    pub fn get(&self) -> Arc<CommonPasswords> {
        self.loaded
            .get()
            .unwrap_or_else(|| self.fallback.get_value())
    }

    pub fn get_untracked(&self) -> Arc<CommonPasswords> {
        self.loaded
            .get_untracked()
            .unwrap_or_else(|| self.fallback.get_value())
    }

    pub fn is_loading(&self) -> bool {
        self.loading.get_untracked()
    }

    /// Waits (a few seconds at most) for a fetch in flight, so a check made right after the page opened
    /// already uses the full list.
    pub async fn settled(&self) {
        for _ in 0..50 {
            if !self.is_loading() {
                return;
            }
            gloo_timers::future::TimeoutFuture::new(100).await;
        }
    }
}

pub fn provide_common_passwords() {
    provide_context(CommonPasswordList {
        loaded: RwSignal::new(None),
        fallback: StoredValue::new(Arc::new(CommonPasswords::with_local(""))),
        loading: RwSignal::new(false),
    });
}

pub fn use_common_passwords() -> CommonPasswordList {
    expect_context::<CommonPasswordList>()
}

/// What the person told us about themselves, owned, for [`PersonalInfo`] (which borrows).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct PersonalDetails {
    /// Every name as typed (first, other, surname); split into words here.
    pub names: Vec<String>,
    pub id_number: String,
    pub email: String,
    pub phone: String,
}

impl PersonalDetails {
    /// Calls `f` with the details as the domain's password rules take them: the same words and trimming
    /// as the server's `validate_registration`.
    pub fn with_info<R>(&self, f: impl FnOnce(&PersonalInfo<'_>) -> R) -> R {
        let names: Vec<&str> = self
            .names
            .iter()
            .flat_map(|n| n.split_whitespace())
            .collect();
        let info = PersonalInfo {
            names: &names,
            id_number: Some(self.id_number.trim()),
            email: Some(self.email.trim()),
            phone: Some(self.phone.trim()),
        };
        f(&info)
    }
}

/// Words for a score on zxcvbn's 0–4 scale.
pub fn strength_key(score: u8) -> RegisterKey {
    match score {
        0 | 1 => RegisterKey::StrengthWeak,
        2 => RegisterKey::StrengthFair,
        3 => RegisterKey::StrengthGood,
        _ => RegisterKey::StrengthStrong,
    }
}

pub fn hint_key(hint: StrengthHint) -> RegisterKey {
    match hint {
        StrengthHint::AddWords => RegisterKey::HintAddWords,
        StrengthHint::AvoidSequences => RegisterKey::HintAvoidSequences,
        StrengthHint::AvoidRepeats => RegisterKey::HintAvoidRepeats,
        StrengthHint::AvoidKeyboardPatterns => RegisterKey::HintAvoidKeyboardPatterns,
        StrengthHint::AvoidDates => RegisterKey::HintAvoidDates,
        StrengthHint::AvoidCommon => RegisterKey::HintAvoidCommon,
        StrengthHint::AvoidPersonal => RegisterKey::HintAvoidPersonal,
    }
}

/// The strength of `password` as a labelled `<meter>` with words ("Weak" … "Strong") and the estimator's
/// advice, both in a polite live region, so the change is heard as well as seen and never told by colour
/// alone. The estimate runs on every input: it is fast (well under a millisecond on a phone).
#[component]
pub fn PasswordMeter(
    /// The field the meter describes, for `aria-controls`-style association by id.
    id: &'static str,
    #[prop(into)] password: Signal<String>,
    #[prop(into)] personal: Signal<PersonalDetails>,
) -> impl IntoView {
    let i18n = use_i18n();
    let list = use_common_passwords();
    let strength = Memo::new(move |_| {
        password.with(|pw| {
            (!pw.is_empty()).then(|| {
                let list = list.get();
                personal.with(|p| p.with_info(|info| estimate(pw, info, &list)))
            })
        })
    });
    // One step above the score, so "Weak" (score 0) still shows a sliver of bar: an empty bar reads as
    // "nothing typed yet".
    let level = move || strength.get().map_or(0, |s| s.score + 1);
    let words = move || {
        strength.get().map(|s| {
            let mut text = format!(
                "{}: {}.",
                i18n.t(RegisterKey::Strength),
                i18n.t(strength_key(s.score))
            );
            if let Some(hint) = s.feedback {
                text.push(' ');
                text.push_str(i18n.t(hint_key(hint)));
            }
            text
        })
    };
    let label_id = format!("{id}-strength-label");
    let words_id = format!("{id}-strength");
    view! {
        <div class="password-meter">
            // The words below repeat the label, so it is only for the meter's accessible name.
            <p id=label_id.clone() class="visually-hidden">{move || i18n.t(RegisterKey::Strength)}</p>
            <meter
                class="password-meter__bar"
                min="0"
                max="5"
                low="2.5"
                high="3.5"
                optimum="5"
                value=move || level().to_string()
                aria-labelledby=label_id
                aria-describedby=words_id.clone()
            ></meter>
            <p id=words_id class="password-meter__words" aria-live="polite">{words}</p>
        </div>
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn words_cover_the_whole_scale() {
        assert_eq!(strength_key(0), RegisterKey::StrengthWeak);
        assert_eq!(strength_key(2), RegisterKey::StrengthFair);
        assert_eq!(strength_key(3), RegisterKey::StrengthGood);
        assert_eq!(strength_key(4), RegisterKey::StrengthStrong);
    }

    #[test]
    fn personal_details_reach_the_estimator() {
        let details = PersonalDetails {
            names: vec!["Wanjiru".into(), "".into(), "Kamau Njeri".into()],
            id_number: " 12345678 ".into(),
            email: "wanjiru@example.com".into(),
            phone: "0712345678".into(),
        };
        let list = CommonPasswords::with_local("");
        let plain = estimate("wanjirukamau", &PersonalInfo::default(), &list);
        let known = details.with_info(|info| estimate("wanjirukamau", info, &list));
        assert!(
            known.guesses_log10 < plain.guesses_log10,
            "{known:?} vs {plain:?}"
        );
    }
}
