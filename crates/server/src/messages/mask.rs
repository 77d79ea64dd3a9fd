//! Destinations as log lines may show them: enough to tell two apart, not enough to contact anyone.

/// `+254712345678` → `+2547******78`; `jane@example.com` → `j***@example.com`. Anything else keeps only its
/// first character.
pub fn mask_destination(destination: &str) -> String {
    if let Some((local, domain)) = destination.split_once('@') {
        let first: String = local.chars().take(1).collect();
        return format!("{first}***@{domain}");
    }
    let chars: Vec<char> = destination.chars().collect();
    if destination.starts_with('+') && chars.len() > 7 {
        let head: String = chars[..5].iter().collect();
        let tail: String = chars[chars.len() - 2..].iter().collect();
        return format!("{head}{}{tail}", "*".repeat(chars.len() - 7));
    }
    let first: String = chars.iter().take(1).collect();
    format!("{first}***")
}

#[cfg(test)]
mod tests {
    use super::mask_destination;

    #[test]
    fn phone_numbers_keep_the_country_code_and_the_last_two_digits() {
        assert_eq!(mask_destination("+254712345678"), "+2547******78");
        assert!(!mask_destination("+254712345678").contains("123456"));
    }

    #[test]
    fn email_addresses_keep_the_first_letter_and_the_domain() {
        assert_eq!(mask_destination("jane.doe@example.com"), "j***@example.com");
    }

    #[test]
    fn anything_else_keeps_one_character() {
        assert_eq!(mask_destination("0712345678"), "0***");
        assert_eq!(mask_destination("+2547"), "+***");
        assert_eq!(mask_destination(""), "***");
    }
}
