//! Kenya's 47 counties with their official codes (Constitution of Kenya 2010, First Schedule), for the
//! catalog's county questions.

/// (code, name). Names are the same in English and Kiswahili.
pub const COUNTIES: [(u8, &str); 47] = [
    (1, "Mombasa"),
    (2, "Kwale"),
    (3, "Kilifi"),
    (4, "Tana River"),
    (5, "Lamu"),
    (6, "Taita-Taveta"),
    (7, "Garissa"),
    (8, "Wajir"),
    (9, "Mandera"),
    (10, "Marsabit"),
    (11, "Isiolo"),
    (12, "Meru"),
    (13, "Tharaka-Nithi"),
    (14, "Embu"),
    (15, "Kitui"),
    (16, "Machakos"),
    (17, "Makueni"),
    (18, "Nyandarua"),
    (19, "Nyeri"),
    (20, "Kirinyaga"),
    (21, "Murang'a"),
    (22, "Kiambu"),
    (23, "Turkana"),
    (24, "West Pokot"),
    (25, "Samburu"),
    (26, "Trans Nzoia"),
    (27, "Uasin Gishu"),
    (28, "Elgeyo-Marakwet"),
    (29, "Nandi"),
    (30, "Baringo"),
    (31, "Laikipia"),
    (32, "Nakuru"),
    (33, "Narok"),
    (34, "Kajiado"),
    (35, "Kericho"),
    (36, "Bomet"),
    (37, "Kakamega"),
    (38, "Vihiga"),
    (39, "Bungoma"),
    (40, "Busia"),
    (41, "Siaya"),
    (42, "Kisumu"),
    (43, "Homa Bay"),
    (44, "Migori"),
    (45, "Kisii"),
    (46, "Nyamira"),
    (47, "Nairobi"),
];

/// The county of a code written as the form sends it: `"047"` or `"47"`.
pub fn by_code(code: &str) -> Option<(u8, &'static str)> {
    let number: u8 = code.trim().parse().ok()?;
    COUNTIES.iter().copied().find(|(c, _)| *c == number)
}

#[cfg(test)]
mod tests {
    #[test]
    fn forty_seven_counties_numbered_in_order() {
        assert!(
            super::COUNTIES
                .iter()
                .enumerate()
                .all(|(i, (code, _))| usize::from(*code) == i + 1)
        );
        assert_eq!(super::by_code("047"), Some((47, "Nairobi")));
        assert_eq!(super::by_code("1"), Some((1, "Mombasa")));
        assert_eq!(super::by_code("48"), None);
        assert_eq!(super::by_code("x"), None);
    }
}
