//! Strings of searching and browsing the catalog: the search box, its results, categories.

use super::Translate;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SearchKey {
    Label,
    Hint,
    /// `{n}` services, when one.
    FoundOne,
    /// `{n}` services, when not one.
    FoundMany,
    /// `{q}` is what the person typed.
    NoMatch,
    NoMatchHint,
    BrowseInstead,
    BrowseTitle,
    /// How many services a category has, when one.
    CountOne,
    /// How many services a category has, when not one.
    CountMany,
    CategoryNotFoundTitle,
    CategoryNotFoundBody,
}

impl SearchKey {
    /// The key for a count: languages differ in which words change with the number.
    pub fn found(n: usize) -> SearchKey {
        if n == 1 {
            SearchKey::FoundOne
        } else {
            SearchKey::FoundMany
        }
    }

    pub fn count(n: usize) -> SearchKey {
        if n == 1 {
            SearchKey::CountOne
        } else {
            SearchKey::CountMany
        }
    }
}

impl Translate for SearchKey {
    fn en(self) -> &'static str {
        match self {
            SearchKey::Label => "Search for a service",
            SearchKey::Hint => {
                "In English or Kiswahili, for example “driving licence” or “pasipoti”"
            }
            SearchKey::FoundOne => "{n} service found",
            SearchKey::FoundMany => "{n} services found",
            SearchKey::NoMatch => "No services match “{q}”",
            SearchKey::NoMatchHint => {
                "Check the spelling, or try other words in English or Kiswahili, such as the name of the document or the agency."
            }
            SearchKey::BrowseInstead => "Browse services by category",
            SearchKey::BrowseTitle => "Browse by category",
            SearchKey::CountOne => "{n} service",
            SearchKey::CountMany => "{n} services",
            SearchKey::CategoryNotFoundTitle => "We could not find that category",
            SearchKey::CategoryNotFoundBody => {
                "The address may be mistyped, or the category may have been renamed. Search or browse from the list of services."
            }
        }
    }

    fn sw(self) -> &'static str {
        match self {
            SearchKey::Label => "Tafuta huduma",
            SearchKey::Hint => {
                "Kwa Kiswahili au Kiingereza, kwa mfano “leseni ya udereva” au “passport”"
            }
            SearchKey::FoundOne => "Huduma {n} imepatikana",
            SearchKey::FoundMany => "Huduma {n} zimepatikana",
            SearchKey::NoMatch => "Hakuna huduma inayolingana na “{q}”",
            SearchKey::NoMatchHint => {
                "Hakikisha tahajia, au jaribu maneno mengine kwa Kiswahili au Kiingereza, kama jina la hati au la taasisi."
            }
            SearchKey::BrowseInstead => "Angalia huduma kwa aina",
            SearchKey::BrowseTitle => "Huduma kwa aina",
            SearchKey::CountOne => "Huduma {n}",
            SearchKey::CountMany => "Huduma {n}",
            SearchKey::CategoryNotFoundTitle => "Hatukupata aina hiyo ya huduma",
            SearchKey::CategoryNotFoundBody => {
                "Huenda anwani imekosewa, au aina hiyo imepewa jina jipya. Tafuta au angalia kwenye orodha ya huduma."
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::i18n::{Lang, text};

    #[test]
    fn counted_and_quoted_phrases_carry_their_value_in_both_languages() {
        for lang in [Lang::En, Lang::Sw] {
            for n in [0, 1, 2] {
                assert!(text(lang, SearchKey::found(n)).contains("{n}"));
                assert!(text(lang, SearchKey::count(n)).contains("{n}"));
            }
            assert!(text(lang, SearchKey::NoMatch).contains("{q}"));
        }
        assert_eq!(SearchKey::found(1), SearchKey::FoundOne);
        assert_eq!(SearchKey::count(3), SearchKey::CountMany);
    }

    #[test]
    fn each_string_is_translated() {
        for key in [
            SearchKey::Label,
            SearchKey::Hint,
            SearchKey::FoundMany,
            SearchKey::NoMatch,
            SearchKey::NoMatchHint,
            SearchKey::BrowseInstead,
            SearchKey::BrowseTitle,
            SearchKey::CategoryNotFoundTitle,
            SearchKey::CategoryNotFoundBody,
        ] {
            assert_ne!(text(Lang::En, key), text(Lang::Sw, key), "{key:?}");
        }
    }
}
