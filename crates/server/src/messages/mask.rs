//! Destinations as log lines may show them: enough to tell two apart, not enough to contact anyone.

/// The masks of the domain's identifier types, as the screens show them (`+254 7** *** 678`,
/// `j***@example.com`); anything that is neither keeps only its first character.
pub fn mask_destination(destination: &str) -> String {
    if let Ok(email) = njia_domain::ids::Email::parse(destination) {
        return email.masked();
    }
    if let Ok(phone) = njia_domain::ids::PhoneNumber::parse(destination) {
        return phone.masked();
    }
    let first: String = destination.chars().take(1).collect();
    format!("{first}***")
}

#[cfg(test)]
mod tests {
    use super::mask_destination;

    #[test]
    fn phone_numbers_keep_the_country_code_and_the_last_two_digits() {
        assert_eq!(
            mask_destination("+254712345678"),
            njia_domain::ids::PhoneNumber::parse("+254712345678")
                .map(|p| p.masked())
                .unwrap_or_default()
        );
        assert!(!mask_destination("+254712345678").contains("2345"));
    }

    #[test]
    fn email_addresses_keep_the_first_letter_and_the_domain() {
        assert_eq!(mask_destination("jane.doe@example.com"), "j***@example.com");
    }

    #[test]
    fn anything_else_keeps_one_character() {
        assert_eq!(mask_destination("not a phone"), "n***");
        assert_eq!(mask_destination("+2547"), "+***");
        assert_eq!(mask_destination(""), "***");
    }
}
