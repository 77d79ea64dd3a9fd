//! Search of the service catalog as a person types, in English and Kiswahili at once, forgiving of typos.
//!
//! The same code answers on the phone (over the catalog the SPA already holds, so it works offline and
//! updates on every keystroke) and on the server (`GET /api/services/search`), so both find the same
//! services in the same order.
//!
//! How a query matches (see also `docs/API.md`):
//! - Text is lowercased, accents are folded (`é` → `e`), apostrophes dropped (`ng'ombe` → `ngombe`) and
//!   everything else that is not a letter or a digit separates words. Very common words of either language
//!   (`the`, `of`, `ya`, `za`, `kwa`…) mean nothing on their own and are ignored on both sides.
//! - Every remaining query word must match something in a service for it to be found, so adding words
//!   narrows. A word matches a catalog word exactly, as its beginning (the word still being typed, from 2
//!   characters, or any word of 3+), or, when the catalog does not know the word as typed, within one edit
//!   for words of 4–7 characters and two for longer ones (insertion, deletion, substitution or swapping two
//!   neighbours: "lisence", "lesseni"). American spellings find the British ones the catalog uses.
//! - Each service's words are weighted by where they come from (name, then keywords, then its agency and
//!   category, then summary, then description); a word scores its best match, and services are ordered by
//!   the sum, ties in catalog order.

use std::collections::BTreeMap;

use crate::catalog::Catalog;

/// Longer queries are cut here (the API refuses them): no real question needs more, and it bounds the work
/// a hostile query can cause.
pub const MAX_QUERY_CHARS: usize = 100;

/// Words of a query beyond this many are ignored, for the same reasons.
pub const MAX_QUERY_WORDS: usize = 8;

/// Words that mean nothing on their own, in English and Kiswahili, with the possessives of the common noun
/// classes (a person may well type "leseni yangu"). Generic verbs of asking ("apply", "get", "omba",
/// "kupata") are here too: otherwise "get a passport" would require a service to say "get".
#[rustfmt::skip]
const STOP_WORDS: &[&str] = &[
    // English
    "a", "an", "and", "apply", "are", "as", "at", "be", "by", "can", "do", "does", "for", "from", "get",
    "how", "i", "in", "is", "it", "its", "me", "my", "need", "of", "on", "online", "or", "our", "please",
    "the", "to", "want", "we", "what", "with", "you", "your",
    // Kiswahili
    "au", "cha", "changu", "jinsi", "katika", "kuomba", "kupata", "kwa", "kwenye", "la", "langu", "na",
    "nataka", "ni", "omba", "pa", "tafadhali", "vya", "vyangu", "wa", "wangu", "ya", "yangu", "za", "zangu",
];

/// How well a query word matches a catalog word, in percent.
const EXACT: u32 = 100;
const PREFIX: u32 = 80;
const ONE_EDIT: u32 = 60;
const ONE_EDIT_PREFIX: u32 = 50;
const TWO_EDITS: u32 = 40;
const TWO_EDITS_PREFIX: u32 = 30;

/// How much a match counts by where the word comes from.
const NAME: u32 = 10;
const KEYWORD: u32 = 8;
const AGENCY_OR_CATEGORY: u32 = 5;
const SUMMARY: u32 = 4;
const DESCRIPTION: u32 = 2;

/// One service found: its id and how well it matched (only meaningful relative to other hits).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Hit<'a> {
    pub id: &'a str,
    pub score: u32,
}

/// The catalog's words, built once per catalog and then asked any number of queries.
#[derive(Debug, Clone)]
pub struct SearchIndex {
    ids: Vec<String>,
    /// Every distinct word, sorted, so a word's exact and prefix matches are one contiguous run.
    terms: Vec<Term>,
}

#[derive(Debug, Clone)]
struct Term {
    text: Box<str>,
    chars: Box<[char]>,
    /// Numbers and codes (`c24`, `cr12`) must be typed right: one digit off is another thing, not a typo.
    has_digit: bool,
    /// (service position, weight of the best place the word appears in that service).
    postings: Box<[(usize, u32)]>,
}

impl SearchIndex {
    pub fn new(catalog: &Catalog) -> SearchIndex {
        let mut words: BTreeMap<String, BTreeMap<usize, u32>> = BTreeMap::new();
        for (position, service) in catalog.services.iter().enumerate() {
            let mut add = |text: &str, weight: u32| {
                index_words(text, |word| {
                    let best = words
                        .entry(word.to_owned())
                        .or_default()
                        .entry(position)
                        .or_default();
                    *best = (*best).max(weight);
                });
            };
            for (text, weight) in [
                (&service.name, NAME),
                (&service.summary, SUMMARY),
                (&service.description, DESCRIPTION),
            ] {
                add(&text.en, weight);
                add(&text.sw, weight);
            }
            for keyword in &service.keywords {
                add(keyword, KEYWORD);
            }
            if let Some(agency) = catalog.agency(&service.agency) {
                add(&agency.short_name, AGENCY_OR_CATEGORY);
                add(&agency.name.en, AGENCY_OR_CATEGORY);
                add(&agency.name.sw, AGENCY_OR_CATEGORY);
            }
            if let Some(category) = catalog.categories.iter().find(|c| c.id == service.category) {
                add(&category.name.en, AGENCY_OR_CATEGORY);
                add(&category.name.sw, AGENCY_OR_CATEGORY);
            }
        }
        let terms = words
            .into_iter()
            .map(|(text, postings)| Term {
                chars: text.chars().collect(),
                has_digit: text.chars().any(|c| c.is_numeric()),
                text: text.into_boxed_str(),
                postings: postings.into_iter().collect(),
            })
            .collect();
        SearchIndex {
            ids: catalog.services.iter().map(|s| s.id.clone()).collect(),
            terms,
        }
    }

    /// The services matching `query`, best first, at most `limit`. Nothing for a query with no meaningful
    /// word (empty, punctuation, only common words).
    pub fn search(&self, query: &str, limit: usize) -> Vec<Hit<'_>> {
        let needles = parse(query);
        if limit == 0 || !needles.iter().any(|n| n.required) {
            return Vec::new();
        }
        let count = self.ids.len();
        let mut totals = vec![0_u32; count];
        let mut found = vec![true; count];
        let mut best = vec![0_u32; count];
        let mut rows = Rows::default();
        for needle in &needles {
            best.fill(0);
            self.score(needle, &mut best, &mut rows);
            for ((total, found), best) in totals.iter_mut().zip(&mut found).zip(&best) {
                *found &= *best > 0 || !needle.required;
                *total += best;
            }
        }
        let mut hits: Vec<Hit<'_>> = (0..count)
            .filter(|&i| found[i])
            .map(|i| Hit {
                id: &self.ids[i],
                score: totals[i],
            })
            .collect();
        // Stable, so equal scores keep catalog order.
        hits.sort_by_key(|hit| std::cmp::Reverse(hit.score));
        hits.truncate(limit);
        hits
    }

    /// Whether `word` (already normalised) is a word of the catalog as it stands.
    fn knows(&self, word: &str) -> bool {
        self.terms.binary_search_by(|t| (*t.text).cmp(word)).is_ok()
    }

    /// Each service's best match of one query word, into `best`.
    fn score(&self, needle: &Needle, best: &mut [u32], rows: &mut Rows) {
        let mut credit = |term: &Term, quality: u32| {
            for &(service, weight) in &term.postings {
                best[service] = best[service].max(quality * weight);
            }
        };
        let start = self.terms.partition_point(|t| *t.text < *needle.text);
        for term in self.terms[start..]
            .iter()
            .take_while(|t| t.text.starts_with(&needle.text))
        {
            if term.text.len() == needle.text.len() {
                credit(term, EXACT);
            } else if needle.prefix {
                credit(term, PREFIX);
            }
        }
        // A word the catalog knows is taken at its word: "kodi" (tax) is not a typo of "kadi" (card).
        if needle.max_edits == 0 || self.knows(&needle.text) {
            return;
        }
        for term in self.terms.iter().filter(|t| !t.has_digit) {
            if let Some(quality) = fuzzy(needle, &term.chars, rows) {
                credit(term, quality);
            }
        }
    }
}

/// One meaningful word of a query and how it may match.
#[derive(Debug)]
struct Needle {
    text: String,
    chars: Vec<char>,
    /// May match the start of a longer word.
    prefix: bool,
    /// The last word with no space after it: the person may still be typing it.
    typing: bool,
    max_edits: usize,
    /// A service must match every required word. The word being typed is not required while it could still
    /// become a common word ("leseni y" on the way to "leseni ya"), so results do not flicker to nothing.
    required: bool,
}

fn parse(query: &str) -> Vec<Needle> {
    let query = match query.char_indices().nth(MAX_QUERY_CHARS) {
        Some((end, _)) => &query[..end],
        None => query,
    };
    let mut words: Vec<String> = Vec::new();
    let ends_in_word = for_each_word(query, false, |word| words.push(word.to_owned()));
    let last = words.len().saturating_sub(1);
    let mut needles: Vec<Needle> = Vec::new();
    for (i, text) in words.into_iter().enumerate() {
        if needles.len() == MAX_QUERY_WORDS {
            break;
        }
        if STOP_WORDS.contains(&text.as_str()) || needles.iter().any(|n| n.text == text) {
            continue;
        }
        let chars: Vec<char> = text.chars().collect();
        let typing = ends_in_word && i == last;
        let may_become_stop_word =
            typing && (chars.len() == 1 || STOP_WORDS.iter().any(|s| s.starts_with(&text)));
        let max_edits = match chars.len() {
            _ if chars.iter().any(|c| c.is_numeric()) => 0,
            0..=3 => 0,
            4..=7 => 1,
            _ => 2,
        };
        needles.push(Needle {
            prefix: chars.len() >= 3 || (typing && chars.len() >= 2),
            typing,
            max_edits,
            required: !may_become_stop_word,
            chars,
            text,
        });
    }
    // A lone unfinished word that could become a common word is all the person has asked so far.
    if needles.len() == 1 && needles[0].chars.len() > 1 {
        needles[0].required = true;
    }
    needles
}

/// Feeds `emit` the normalised words of `text`. With `join_hyphens`, hyphenated words come out whole
/// ("e-passport" → "epassport"), which the index adds beside the parts so either spelling finds it. Returns
/// whether the text ends inside a word.
fn for_each_word(text: &str, join_hyphens: bool, mut emit: impl FnMut(&str)) -> bool {
    let mut word = String::new();
    for c in text.chars().flat_map(char::to_lowercase) {
        match fold(c) {
            Folded::One(c) => word.push(c),
            Folded::Two(a, b) => {
                word.push(a);
                word.push(b);
            }
            Folded::Drop => {}
            Folded::Break if join_hyphens && matches!(c, '-' | '\u{2010}' | '\u{2011}') => {}
            Folded::Break => {
                if !word.is_empty() {
                    emit(&word);
                    word.clear();
                }
            }
        }
    }
    let ends_in_word = !word.is_empty();
    if ends_in_word {
        emit(&word);
    }
    ends_in_word
}

/// British spellings, as the catalog writes them, and their American forms. Both are indexed: a person who
/// types "license" is not misspelling anything, and since the catalog also knows that word, typo tolerance
/// would not step in to find the names that say "licence".
#[rustfmt::skip]
const SPELLINGS: &[(&str, &str)] = &[
    ("authorisation", "authorization"), ("catalogue", "catalog"), ("centre", "center"),
    ("centres", "centers"), ("colour", "color"), ("defence", "defense"),
    ("enrolment", "enrollment"), ("judgement", "judgment"), ("licence", "license"), ("licences", "licenses"),
    ("offence", "offense"), ("offences", "offenses"), ("organisation", "organization"),
    ("organisations", "organizations"), ("programme", "program"), ("travelling", "traveling"),
];

/// The meaningful words of a catalog text, hyphenated words both whole and in parts, each with its other
/// spelling where it has one.
fn index_words(text: &str, mut emit: impl FnMut(&str)) {
    let mut keep = |word: &str| {
        if STOP_WORDS.contains(&word) {
            return;
        }
        emit(word);
        for &(british, american) in SPELLINGS {
            if word == british {
                emit(american);
            } else if word == american {
                emit(british);
            }
        }
    };
    for_each_word(text, false, &mut keep);
    if text.contains(['-', '\u{2010}', '\u{2011}']) {
        for_each_word(text, true, &mut keep);
    }
}

enum Folded {
    One(char),
    Two(char, char),
    Drop,
    Break,
}

/// Folds a lowercase character to what a person on a phone keyboard would type for it.
fn fold(c: char) -> Folded {
    let one = match c {
        'a'..='z' | '0'..='9' => c,
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' | 'ą' => 'a',
        'ç' | 'ć' | 'č' => 'c',
        'ď' | 'đ' | 'ð' => 'd',
        'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ė' | 'ę' | 'ě' => 'e',
        'ğ' => 'g',
        'ì' | 'í' | 'î' | 'ï' | 'ī' | 'į' | 'ı' => 'i',
        'ł' => 'l',
        'ñ' | 'ń' | 'ň' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
        'ř' => 'r',
        'ś' | 'š' | 'ş' => 's',
        'ť' | 'ţ' => 't',
        'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
        'ý' | 'ÿ' => 'y',
        'ź' | 'ż' | 'ž' => 'z',
        'ß' => return Folded::Two('s', 's'),
        'æ' => return Folded::Two('a', 'e'),
        'œ' => return Folded::Two('o', 'e'),
        'þ' => return Folded::Two('t', 'h'),
        // Apostrophes join ("ng'ombe"); combining accents, soft hyphens and zero-width marks vanish.
        '\''
        | '\u{2018}'
        | '\u{2019}'
        | '\u{02bc}'
        | '`'
        | '\u{00ad}'
        | '\u{200b}'..='\u{200d}'
        | '\u{2060}'
        | '\u{feff}'
        | '\u{0300}'..='\u{036f}' => return Folded::Drop,
        c if c.is_alphanumeric() => c,
        _ => return Folded::Break,
    };
    Folded::One(one)
}

/// The match quality of a query word against a catalog word within the allowed edits, if any: the whole
/// word, or, for the word being typed, the word's beginning ("lisen", on its way to "lisence", already finds
/// "licence").
fn fuzzy(needle: &Needle, term: &[char], rows: &mut Rows) -> Option<u32> {
    let (n, m, max) = (needle.chars.len(), term.len(), needle.max_edits);
    let whole = n.abs_diff(m) <= max;
    let start = needle.typing && m + max >= n;
    if !whole && !start {
        return None;
    }
    // When the whole word is out of reach it is longer than the query word plus the allowed edits, and so
    // are the beginnings past that length.
    let columns = if whole { m } else { n + max };
    let last = rows.distances(&needle.chars, &term[..columns], max)?;
    let quality = |edits: usize, one: u32, two: u32| match edits {
        1 => one,
        2 => two,
        _ => 0,
    };
    let of_whole = if whole {
        quality(last[m], ONE_EDIT, TWO_EDITS)
    } else {
        0
    };
    let of_start = match last[1..].iter().min() {
        Some(&edits) if needle.typing => quality(edits, ONE_EDIT_PREFIX, TWO_EDITS_PREFIX),
        _ => 0,
    };
    Some(of_whole.max(of_start)).filter(|&q| q > 0)
}

/// Three rows of the optimal-string-alignment table, kept between calls so a search allocates them once.
#[derive(Default)]
struct Rows([Vec<usize>; 3]);

impl Rows {
    /// The last row of the table of `a` against `b`: entry `j` is the distance from `a` to `b[..j]`. `None`
    /// as soon as every entry of a row exceeds `max`, since rows never get smaller.
    fn distances(&mut self, a: &[char], b: &[char], max: usize) -> Option<&[usize]> {
        for row in &mut self.0 {
            row.clear();
            row.resize(b.len() + 1, 0);
        }
        for (j, cell) in self.0[1].iter_mut().enumerate() {
            *cell = j;
        }
        for i in 1..=a.len() {
            let [before, previous, current] = &mut self.0;
            current[0] = i;
            let mut smallest = i;
            for j in 1..=b.len() {
                let cost = usize::from(a[i - 1] != b[j - 1]);
                let mut d = (previous[j] + 1)
                    .min(current[j - 1] + 1)
                    .min(previous[j - 1] + cost);
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                    d = d.min(before[j - 2] + 1);
                }
                current[j] = d;
                smallest = smallest.min(d);
            }
            if smallest > max {
                return None;
            }
            self.0.rotate_left(1);
        }
        Some(&self.0[1])
    }
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;
    use serde::Deserialize;

    use super::*;
    use crate::catalog::{Agency, Category, Service};

    /// The real catalog, parsed as the server parses it, so the tests follow the catalog as it grows.
    fn catalog() -> Catalog {
        #[derive(Deserialize)]
        struct Index {
            version: u32,
            categories: Vec<Category>,
        }
        #[derive(Deserialize)]
        struct AgencyFile {
            agency: Agency,
            #[serde(default)]
            services: Vec<Service>,
        }
        let index: Index =
            toml::from_str(include_str!("../../../catalog/index.toml")).expect("index.toml");
        let mut catalog = Catalog {
            version: index.version,
            agencies: Vec::new(),
            categories: index.categories,
            services: Vec::new(),
        };
        for text in [
            include_str!("../../../catalog/ntsa.toml"),
            include_str!("../../../catalog/immigration.toml"),
            include_str!("../../../catalog/nrb.toml"),
            include_str!("../../../catalog/civil-registration.toml"),
            include_str!("../../../catalog/brs.toml"),
            include_str!("../../../catalog/kra.toml"),
            include_str!("../../../catalog/judiciary.toml"),
            include_str!("../../../catalog/dci.toml"),
            include_str!("../../../catalog/ecitizen.toml"),
        ] {
            let file: AgencyFile = toml::from_str(text).expect("an agency file");
            catalog.agencies.push(file.agency);
            catalog.services.extend(file.services);
        }
        catalog
    }

    fn fixture() -> &'static (Catalog, SearchIndex) {
        static FIXTURE: std::sync::OnceLock<(Catalog, SearchIndex)> = std::sync::OnceLock::new();
        FIXTURE.get_or_init(|| {
            let catalog = catalog();
            let index = SearchIndex::new(&catalog);
            (catalog, index)
        })
    }

    fn ids(query: &str) -> Vec<&'static str> {
        fixture()
            .1
            .search(query, 100)
            .into_iter()
            .map(|h| h.id)
            .collect()
    }

    fn driving_licence_services() -> Vec<&'static str> {
        let (catalog, _) = fixture();
        let ids: Vec<&str> = catalog
            .services
            .iter()
            .filter(|s| s.category == "driving-licences")
            .map(|s| s.id.as_str())
            .collect();
        assert!(ids.contains(&"ntsa-dl-renewal-booklet") && ids.contains(&"ntsa-smart-dl"));
        ids
    }

    /// The driving-licence services come before anything else, whatever the order among themselves.
    fn assert_licences_first(query: &str) {
        let expected = driving_licence_services();
        let found = ids(query);
        assert!(found.len() >= expected.len(), "{query}: {found:?}");
        let mut first: Vec<&str> = found[..expected.len()].to_vec();
        first.sort_unstable();
        let mut expected = expected;
        expected.sort_unstable();
        assert_eq!(first, expected, "{query}: {found:?}");
    }

    #[test]
    fn leseni_and_licence_find_the_driving_licences_first() {
        for query in [
            "leseni",
            "licence",
            "license",
            "Licence",
            "LESENI",
            "driving licence",
        ] {
            assert_licences_first(query);
        }
    }

    #[test]
    fn american_spellings_find_what_british_ones_find() {
        assert_eq!(ids("license"), ids("licence"));
        assert_eq!(
            ids("driving license renewal"),
            ids("driving licence renewal")
        );
    }

    #[test]
    fn misspellings_still_find_the_driving_licences() {
        for query in [
            "lisence",
            "licnse",
            "lesseni",
            "lesen",
            "lisen",
            "driving lisence",
            "licence,",
        ] {
            let found = ids(query);
            assert!(
                found.contains(&"ntsa-dl-renewal-booklet") && found.contains(&"ntsa-smart-dl"),
                "{query}: {found:?}"
            );
            let first = fixture().0.service(found[0]).expect("a hit is a service");
            assert_eq!(first.category, "driving-licences", "{query}: {found:?}");
        }
    }

    #[test]
    fn passport_in_either_language_finds_the_passport_first() {
        for query in [
            "pasipoti",
            "passport",
            "Passport",
            "pasipoti mpya",
            "pasiposti",
            "paspoti",
        ] {
            let found = ids(query);
            assert_eq!(
                found.first(),
                Some(&"immigration-passport"),
                "{query}: {found:?}"
            );
        }
    }

    #[test]
    fn more_words_narrow() {
        let renewals = ids("kuhuisha leseni");
        assert!(
            renewals.contains(&"ntsa-dl-renewal-booklet"),
            "{renewals:?}"
        );
        assert!(renewals.contains(&"ntsa-smart-dl"), "{renewals:?}");
        assert!(!renewals.contains(&"immigration-passport"), "{renewals:?}");
        assert!(renewals.len() < ids("leseni").len());
        let english = ids("driving licence renewal");
        assert_eq!(
            english.first(),
            Some(&"ntsa-dl-renewal-booklet"),
            "{english:?}"
        );
        assert!(english.len() < ids("driving licence").len(), "{english:?}");
        let swahili = ids("leseni ya udereva");
        assert!(swahili.len() <= ids("leseni").len());
        assert!(
            swahili
                .iter()
                .all(|id| fixture().0.service(id).expect("a hit is a service").agency == "ntsa"),
            "{swahili:?}"
        );
    }

    #[test]
    fn accents_case_and_punctuation_do_not_matter() {
        assert_eq!(ids("PASSPORT!"), ids("passport"));
        assert_eq!(ids("pàssport"), ids("passport"));
        assert_eq!(ids("pa\u{0301}ssport"), ids("passport"));
        assert_eq!(ids("  leseni,  udereva.  "), ids("leseni udereva"));
        assert_eq!(ids("e-passport").first(), Some(&"immigration-passport"));
        assert_eq!(ids("epassport").first(), Some(&"immigration-passport"));
    }

    #[test]
    fn nothing_meaningful_finds_nothing() {
        for query in [
            "",
            "   ",
            "?!.,",
            "the",
            "ya",
            "of the",
            "na kwa ya",
            "a",
            "y",
            "\u{200b}",
        ] {
            assert_eq!(ids(query), Vec::<&str>::new(), "{query:?}");
        }
        assert_eq!(ids("zzqxv"), Vec::<&str>::new());
        assert_eq!(fixture().1.search("passport", 0), vec![]);
    }

    #[test]
    fn a_word_still_being_typed_matches_as_a_beginning() {
        assert_eq!(ids("pasip").first(), Some(&"immigration-passport"));
        // Also the plural "vitambulisho", one letter off at its start.
        let typed = ids("kitambu");
        let whole = ids("kitambulisho");
        assert_eq!(typed[..2], whole[..2]);
        assert!(whole.iter().all(|id| typed.contains(id)), "{typed:?}");
        // "y" could become "ya": the results of "leseni" stay while it is typed.
        assert_eq!(ids("leseni y"), ids("leseni"));
        assert_eq!(ids("leseni ya"), ids("leseni"));
        // A finished two-letter word is taken as it is, not as a beginning.
        assert!(ids("dl ").iter().all(|id| id.starts_with("ntsa-")));
    }

    #[test]
    fn a_known_word_is_not_taken_for_a_typo_of_another() {
        // "kodi" (tax) is one edit from "kadi" (card, of the smart licence).
        let found = ids("kodi");
        assert_eq!(found.first(), Some(&"kra-tax-payment"), "{found:?}");
        assert!(!found.contains(&"ntsa-smart-dl"), "{found:?}");
    }

    #[test]
    fn codes_and_numbers_must_be_typed_right() {
        assert!(ids("c24").contains(&"dci-good-conduct"));
        assert!(!ids("c25").contains(&"dci-good-conduct"));
    }

    #[test]
    fn the_limit_keeps_the_best() {
        let all = fixture().1.search("leseni", 100);
        let two = fixture().1.search("leseni", 2);
        assert_eq!(two, all[..2]);
        assert!(all.windows(2).all(|w| w[0].score >= w[1].score));
    }

    #[test]
    fn edits_are_counted_as_optimal_string_alignment() {
        let distance = |a: &str, b: &str| {
            let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
            Rows::default()
                .distances(&a, &b, 10)
                .map(|row| row[b.len()])
        };
        assert_eq!(distance("licence", "licence"), Some(0));
        assert_eq!(distance("lisence", "licence"), Some(1));
        assert_eq!(
            distance("licnese", "license"),
            Some(1),
            "a swap is one edit"
        );
        assert_eq!(distance("licnse", "license"), Some(1));
        assert_eq!(
            distance("ca", "abc"),
            Some(3),
            "OSA, not full Damerau: no edit after a swap"
        );
        assert_eq!(distance("", "abc"), Some(3));
        assert_eq!(Rows::default().distances(&['a'; 5], &['b'; 5], 2), None);
    }

    #[test]
    fn a_huge_query_costs_no_more_than_its_first_hundred_characters() {
        let huge = "leseni ".repeat(200_000);
        assert_eq!(ids(&huge), ids("leseni"));
        let one_word = "x".repeat(1_000_000);
        assert_eq!(ids(&one_word), Vec::<&str>::new());
    }

    /// The words of a name a person would type, and which of them a typo may fall on.
    fn typo_candidates(name: &str) -> Vec<String> {
        let mut words = Vec::new();
        for_each_word(name, false, |w| {
            if w.chars().count() >= 6 && w.chars().all(|c| c.is_ascii_lowercase()) {
                words.push(w.to_owned());
            }
        });
        words
    }

    proptest! {
        #[test]
        fn every_service_is_found_by_its_own_name(position in 0..fixture().0.services.len()) {
            let service = &fixture().0.services[position];
            for name in [&service.name.en, &service.name.sw] {
                prop_assert!(ids(name).contains(&service.id.as_str()), "{name}");
            }
        }

        #[test]
        fn one_slip_in_a_long_name_word_still_finds_the_service(
            position in 0..fixture().0.services.len(),
            swahili in any::<bool>(),
            pick in any::<prop::sample::Index>(),
            at in any::<prop::sample::Index>(),
            substitute in prop::option::of(prop::char::range('a', 'z')),
        ) {
            let (catalog, index) = fixture();
            let service = &catalog.services[position];
            let name = if swahili { &service.name.sw } else { &service.name.en };
            let candidates = typo_candidates(name);
            prop_assume!(!candidates.is_empty());
            let word = pick.get(&candidates);
            let mut chars: Vec<char> = word.chars().collect();
            let at = at.index(chars.len());
            match substitute {
                Some(c) => chars[at] = c,
                None => {
                    chars.remove(at);
                }
            }
            let slipped: String = chars.into_iter().collect();
            // A slip that spells another word of the catalog is that word, not a typo.
            prop_assume!(slipped != *word && !index.knows(&slipped));
            let mut query = String::new();
            for_each_word(name, false, |w| {
                query.push_str(if w == word { &slipped } else { w });
                query.push(' ');
            });
            prop_assert!(ids(&query).contains(&service.id.as_str()), "{query}");
        }

        #[test]
        fn any_text_is_answered_within_bounds(query in "\\PC{0,300}", limit in 0_usize..40) {
            let hits = fixture().1.search(&query, limit);
            prop_assert!(hits.len() <= limit);
            prop_assert!(parse(&query).len() <= MAX_QUERY_WORDS);
            let head: String = query.chars().take(MAX_QUERY_CHARS).collect();
            prop_assert_eq!(hits, fixture().1.search(&head, limit));
        }

        #[test]
        fn any_characters_at_all_never_panic(query in any::<String>()) {
            let _ = fixture().1.search(&query, 10);
        }
    }
}
