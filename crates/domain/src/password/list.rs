//! The list of common passwords: data read at run time, so the SPA's Wasm stays small and fetches the list
//! only when someone starts typing a password.

use std::fmt;

use super::text::lower_char;

/// The file, in `crates/domain/data/`, that the SPA serves as a static asset and fetches.
pub const COMMON_PASSWORDS_FILE: &str = "common-passwords.txt";

/// The Kenyan-context supplement (`data/local-passwords.txt`). A few hundred bytes, so it is compiled in
/// everywhere and the SPA and the server always agree on it.
pub const LOCAL_PASSWORDS: &str = include_str!("../../data/local-passwords.txt");

/// Common passwords, each with its rank (1 for the most common), which the estimator takes as the number of
/// guesses an attacker needs to reach it.
///
/// Stored as one string of entries plus a sorted index into it: a single allocation for the text and 12 bytes
/// per entry on Wasm, rather than one allocation per entry.
#[derive(Clone, Default)]
pub struct CommonPasswords {
    /// Every entry, lower-cased, in file order (duplicates included, unused).
    text: String,
    /// `(start, end, rank)` of each distinct entry in `text`, sorted by the entry.
    index: Vec<(usize, usize, u32)>,
    /// Length of the longest entry in characters: the estimator stops extending a substring there.
    max_chars: usize,
}

/// What the list says about a candidate substring, for the estimator's scan.
pub(super) struct Lookup {
    /// The rank if the candidate is an entry.
    pub(super) rank: Option<u32>,
    /// Whether some entry starts with the candidate (including the candidate itself), i.e. whether a longer
    /// substring can still match.
    pub(super) is_prefix: bool,
}

impl CommonPasswords {
    /// Reads a list: one password per line, most common first. Surrounding whitespace is trimmed, blank lines
    /// and lines starting with `#` are skipped, entries are lower-cased. The rank is the position among the
    /// entries; a repeated entry keeps its first rank.
    pub fn parse(text: &str) -> Self {
        Self::from_lines(text.lines())
    }

    /// [`parse`](Self::parse) of `common` (the fetched or embedded [`COMMON_PASSWORDS_FILE`]) followed by the
    /// compiled-in [`LOCAL_PASSWORDS`], which therefore rank after it. This is the list the SPA and server use.
    pub fn with_local(common: &str) -> Self {
        Self::from_lines(common.lines().chain(LOCAL_PASSWORDS.lines()))
    }

    /// Both bundled files, read once. Native only: the SPA fetches the list instead of shipping it.
    #[cfg(not(target_arch = "wasm32"))]
    pub fn bundled() -> &'static CommonPasswords {
        static BUNDLED: std::sync::OnceLock<CommonPasswords> = std::sync::OnceLock::new();
        BUNDLED.get_or_init(|| Self::with_local(include_str!("../../data/common-passwords.txt")))
    }

    fn from_lines<'a>(lines: impl Iterator<Item = &'a str>) -> Self {
        let mut list = Self::default();
        let mut rank = 0u32;
        for line in lines {
            let entry = line.trim();
            if entry.is_empty() || entry.starts_with('#') {
                continue;
            }
            rank = rank.saturating_add(1);
            let start = list.text.len();
            list.text.extend(entry.chars().map(lower_char));
            list.index.push((start, list.text.len(), rank));
            list.max_chars = list.max_chars.max(entry.chars().count());
        }
        let text = &list.text;
        // Equal entries end up together with the best rank first, which is the one `dedup_by` keeps.
        list.index
            .sort_unstable_by(|a, b| text[a.0..a.1].cmp(&text[b.0..b.1]).then(a.2.cmp(&b.2)));
        list.index
            .dedup_by(|later, kept| text[later.0..later.1] == text[kept.0..kept.1]);
        list
    }

    /// The rank of `candidate` (compared lower-cased), if it is in the list.
    pub fn rank(&self, candidate: &str) -> Option<u32> {
        let lower: String = candidate.chars().map(lower_char).collect();
        self.lookup(&lower).rank
    }

    /// The number of distinct entries.
    pub fn len(&self) -> usize {
        self.index.len()
    }

    pub fn is_empty(&self) -> bool {
        self.index.is_empty()
    }

    pub(super) fn max_chars(&self) -> usize {
        self.max_chars
    }

    /// Looks up an already lower-cased candidate: one binary search answers both questions.
    pub(super) fn lookup(&self, lower: &str) -> Lookup {
        let entry = |&(start, end, _): &(usize, usize, u32)| &self.text[start..end];
        let at = self.index.partition_point(|e| entry(e) < lower);
        match self.index.get(at) {
            Some(e) => Lookup {
                rank: (entry(e) == lower).then_some(e.2),
                is_prefix: entry(e).starts_with(lower),
            },
            None => Lookup {
                rank: None,
                is_prefix: false,
            },
        }
    }
}

/// Only the size: printing ten thousand passwords into a log helps nobody.
impl fmt::Debug for CommonPasswords {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("CommonPasswords")
            .field("len", &self.len())
            .finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_ranks_by_entry_order() {
        let list = CommonPasswords::parse("# header\n\nSecret\n  dragon \r\nsecret\n#x\nmonkey\n");
        assert_eq!(list.len(), 3);
        assert_eq!(list.rank("secret"), Some(1));
        assert_eq!(list.rank("DRAGON"), Some(2));
        assert_eq!(
            list.rank("monkey"),
            Some(4),
            "the duplicate still took a rank"
        );
        assert_eq!(list.rank("#x"), None);
        assert_eq!(list.rank("drag"), None);
        assert_eq!(list.max_chars(), 6);
    }

    #[test]
    fn lookup_reports_prefixes() {
        let list = CommonPasswords::parse("password\npass\n");
        let pass = list.lookup("pass");
        assert_eq!((pass.rank, pass.is_prefix), (Some(2), true));
        let passw = list.lookup("passw");
        assert_eq!((passw.rank, passw.is_prefix), (None, true));
        let passx = list.lookup("passx");
        assert_eq!((passx.rank, passx.is_prefix), (None, false));
        assert!(!list.lookup("zzz").is_prefix);
    }

    #[test]
    fn local_supplement_ranks_after_the_common_list() {
        let list = CommonPasswords::with_local("password\n");
        assert_eq!(list.rank("password"), Some(1));
        assert!(list.rank("kenya123").is_some_and(|rank| rank > 1));
        assert!(format!("{list:?}").starts_with("CommonPasswords { len: "));
    }
}
