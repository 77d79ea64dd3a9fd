//! Where people collect what an agency has made for them: the places an officer can name when an
//! application is ready for collection. An agency with no list here gets a free-text place instead.
//!
//! Source: shared/reference/DOMAIN.md (Centres): Smart DL biometrics and collection at 15 Huduma Centres.

/// NTSA's collection points for driving licences: the Huduma Centres of DOMAIN.md, in its order.
pub const NTSA_COLLECTION_CENTRES: [&str; 15] = [
    "Huduma Centre Nairobi GPO",
    "Huduma Centre Kibra",
    "Huduma Centre Mombasa",
    "Huduma Centre Kisumu",
    "Huduma Centre Nyeri",
    "Huduma Centre Garissa",
    "Huduma Centre Machakos",
    "Huduma Centre Embu",
    "Huduma Centre Meru",
    "Huduma Centre Kakamega",
    "Huduma Centre Eldoret",
    "Huduma Centre Thika",
    "Huduma Centre Kericho",
    "Huduma Centre Nakuru",
    "Huduma Centre Kisii",
];

/// The places `agency` hands things over at; empty when the agency has no fixed list.
pub fn collection_centres(agency: &str) -> &'static [&'static str] {
    match agency {
        "ntsa" => &NTSA_COLLECTION_CENTRES,
        _ => &[],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ntsa_has_fifteen_distinct_centres_and_others_none() {
        let centres = collection_centres("ntsa");
        assert_eq!(centres.len(), 15);
        for (i, a) in centres.iter().enumerate() {
            assert!(!centres[i + 1..].contains(a), "{a} twice");
            // A centre is written into a 500-character note and an SMS: keep names short.
            assert!(a.chars().count() <= 40, "{a}");
        }
        assert!(collection_centres("judiciary").is_empty());
    }
}
