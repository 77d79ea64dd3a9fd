//! Lists and sizes shown to people.

use njia_domain::catalog::DocumentType;

use crate::i18n::{Key, Lang, text};

/// File sizes as phones show them ("1 MB", "6.2 MB"): the domain's rule, so the phone's check and the
/// server's refusal quote the same numbers.
pub use njia_domain::documents::human_size as file_size;

/// "PDF, JPEG or PNG" / "PDF, JPEG au PNG".
pub fn one_of(lang: Lang, types: &[DocumentType]) -> String {
    let labels: Vec<&str> = types.iter().map(|t| t.label()).collect();
    match labels.split_last() {
        None => String::new(),
        Some((last, [])) => (*last).to_string(),
        Some((last, rest)) => format!("{} {} {last}", rest.join(", "), text(lang, Key::Or)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sizes_read_like_a_phone_shows_them() {
        assert_eq!(file_size(1_048_576), "1 MB");
        assert_eq!(file_size(6_501_171), "6.2 MB");
        assert_eq!(file_size(52_428_800), "50 MB");
        assert_eq!(file_size(2048), "2 KB");
        assert_eq!(file_size(12), "12 B");
    }

    #[test]
    fn a_list_of_types_reads_as_a_sentence_in_each_language() {
        use DocumentType::*;
        assert_eq!(one_of(Lang::En, &[Pdf, Jpeg, Png]), "PDF, JPEG or PNG");
        assert_eq!(one_of(Lang::Sw, &[Pdf, Jpeg]), "PDF au JPEG");
        assert_eq!(one_of(Lang::En, &[Pdf]), "PDF");
    }
}
