//! Every visible string of the SPA, in English and Kiswahili. Each language is an exhaustive `match` over
//! [`Key`], so a string missing in either language is a compile error, not a blank on a citizen's screen.

pub mod account;
pub mod acting;
pub mod answers;
pub mod apply;
pub mod auth;
mod en;
pub mod field_errors;
pub mod forms;
pub mod notices;
pub mod ntsa;
pub mod officer;
pub mod organisations;
pub mod pay;
pub mod record;
pub mod register;
pub mod search;
mod sw;
pub mod test_booking;
pub mod transfers;

use leptos::prelude::*;
pub use njia_domain::catalog::Lang;

use crate::browser;

/// A set of strings in both languages. Each area of the app (the core below, forms, accounts…) declares its
/// own key enum in its own file and implements this with two exhaustive `match`es, so a missing translation
/// does not compile and two areas never edit the same list.
pub trait Translate: Copy {
    fn en(self) -> &'static str;
    fn sw(self) -> &'static str;
}

/// Keys of the SPA's own core strings. Catalog content carries its own translations.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Key {
    PortalName,
    Tagline,
    SkipToContent,
    SwitchLanguage,
    LanguageName,
    HomeTitle,
    HomeIntro,
    LoadingServices,
    ErrorOffline,
    ErrorServer,
    ErrorReference,
    TryAgain,
    Fee,
    Free,
    ConvenienceFeeNote,
    UpTo,
    Over,
    DocumentsNeeded,
    NoDocuments,
    Required,
    Optional,
    RequiredSometimes,
    AcceptedUpTo,
    Or,
    ProcessingTime,
    Immediate,
    WorkingDays,
    Days,
    WhoCanApply,
    ApplicantCitizen,
    ApplicantResident,
    ApplicantForeigner,
    ApplicantOrganisation,
    AllServices,
    NotFoundTitle,
    NotFoundBody,
    ServiceNotFoundTitle,
    ServiceNotFoundBody,
    GoHome,
    FooterAbout,
    FooterData,
}

/// The current language, shared through context. `Copy`, so closures can capture it freely.
#[derive(Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

const STORAGE_KEY: &str = "njia.lang";

impl I18n {
    /// The remembered choice, else the browser's preference, else English.
    fn detect() -> Lang {
        browser::local_get(STORAGE_KEY)
            .and_then(|tag| Lang::from_tag(&tag))
            .or_else(|| browser::navigator_language().and_then(|tag| Lang::from_tag(&tag)))
            .unwrap_or_default()
    }

    pub fn lang(&self) -> Lang {
        self.lang.get()
    }

    /// The translation of `key` in the current language; reactive when called inside a closure.
    pub fn t(&self, key: impl Translate) -> &'static str {
        text(self.lang.get(), key)
    }

    /// The translation with `{n}` replaced: each language places the number where its grammar wants it.
    pub fn t_n(&self, key: impl Translate, n: impl std::fmt::Display) -> String {
        self.t(key).replace("{n}", &n.to_string())
    }

    pub fn set(&self, lang: Lang) {
        browser::local_set(STORAGE_KEY, lang.tag());
        self.lang.set(lang);
    }

    pub fn toggle(&self) {
        self.set(match self.lang.get_untracked() {
            Lang::En => Lang::Sw,
            Lang::Sw => Lang::En,
        });
    }
}

/// For the tests of each file of keys: every key has words in both languages, with the same `{…}`
/// placeholders, so a translation can never drop a number or a name.
#[cfg(test)]
pub(crate) fn assert_translated<K: Translate + std::fmt::Debug>(keys: &[K]) {
    fn placeholders(s: &str) -> Vec<&str> {
        let mut found: Vec<&str> = s
            .match_indices('{')
            .filter_map(|(start, _)| {
                let end = s[start..].find('}')?;
                Some(&s[start..start + end + 1])
            })
            .collect();
        found.sort_unstable();
        found
    }
    for &key in keys {
        let (en, sw) = (key.en(), key.sw());
        assert!(!en.trim().is_empty() && !sw.trim().is_empty(), "{key:?}");
        assert_eq!(placeholders(en), placeholders(sw), "{key:?}");
    }
}

pub fn text(lang: Lang, key: impl Translate) -> &'static str {
    match lang {
        Lang::En => key.en(),
        Lang::Sw => key.sw(),
    }
}

impl Translate for Key {
    fn en(self) -> &'static str {
        en::text(self)
    }

    fn sw(self) -> &'static str {
        sw::text(self)
    }
}

/// Provides the language to the app and keeps `<html lang>` in step with it.
pub fn provide() -> I18n {
    let i18n = I18n {
        lang: RwSignal::new(I18n::detect()),
    };
    provide_context(i18n);
    Effect::new(move |_| browser::set_document_lang(i18n.lang().tag()));
    i18n
}

pub fn use_i18n() -> I18n {
    expect_context::<I18n>()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counted_phrases_carry_the_number_in_both_languages() {
        for key in [Key::WorkingDays, Key::Days] {
            for lang in [Lang::En, Lang::Sw] {
                assert!(text(lang, key).contains("{n}"), "{key:?} in {lang:?}");
            }
        }
    }

    #[test]
    fn each_language_differs_where_it_should() {
        // A key whose text is identical in both languages is usually an untranslated copy.
        let same_on_purpose = [Key::PortalName];
        for key in [
            Key::HomeTitle,
            Key::TryAgain,
            Key::NotFoundTitle,
            Key::Fee,
            Key::FooterAbout,
        ] {
            if !same_on_purpose.contains(&key) {
                assert_ne!(text(Lang::En, key), text(Lang::Sw, key), "{key:?}");
            }
        }
    }
}
