//! Driving licences as NTSA keeps them: the classes of vehicle a licence covers, booklet or smart, whether it
//! is valid, and the demerit points a driver has left. Pure rules, shared by the server (which works out a
//! licence's status from the register) and the SPA (which says when to renew).

use serde::{Deserialize, Serialize};

use crate::catalog::{Lang, Localized};
use crate::date::Date;

/// A class of vehicle a licence covers (the categories of the Traffic (Driving Licences) Rules as NTSA
/// publishes them). On the wire as its code: `"B1"`, `"CE"`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "UPPERCASE")]
pub enum LicenceClass {
    A1,
    A2,
    A3,
    B1,
    B2,
    B3,
    C1,
    C,
    CE,
    CD,
    D1,
    D2,
    D3,
    E,
    F,
    G,
}

impl LicenceClass {
    /// Every class, in the order NTSA lists them.
    pub const ALL: [LicenceClass; 16] = [
        LicenceClass::A1,
        LicenceClass::A2,
        LicenceClass::A3,
        LicenceClass::B1,
        LicenceClass::B2,
        LicenceClass::B3,
        LicenceClass::C1,
        LicenceClass::C,
        LicenceClass::CE,
        LicenceClass::CD,
        LicenceClass::D1,
        LicenceClass::D2,
        LicenceClass::D3,
        LicenceClass::E,
        LicenceClass::F,
        LicenceClass::G,
    ];

    /// The code printed on the licence: `B1`, `CE`.
    pub fn code(self) -> &'static str {
        match self {
            LicenceClass::A1 => "A1",
            LicenceClass::A2 => "A2",
            LicenceClass::A3 => "A3",
            LicenceClass::B1 => "B1",
            LicenceClass::B2 => "B2",
            LicenceClass::B3 => "B3",
            LicenceClass::C1 => "C1",
            LicenceClass::C => "C",
            LicenceClass::CE => "CE",
            LicenceClass::CD => "CD",
            LicenceClass::D1 => "D1",
            LicenceClass::D2 => "D2",
            LicenceClass::D3 => "D3",
            LicenceClass::E => "E",
            LicenceClass::F => "F",
            LicenceClass::G => "G",
        }
    }

    /// A class from its code, in any case and with spaces around it: `b1`, ` CE `.
    pub fn parse(text: &str) -> Option<LicenceClass> {
        let text = text.trim();
        LicenceClass::ALL
            .into_iter()
            .find(|class| class.code().eq_ignore_ascii_case(text))
    }

    /// What the class lets a person drive, in English. Which of B1 and B2 is the automatic-only class
    /// differs between public sources (DOMAIN.md ⚠), so neither name claims it.
    pub fn name_en(self) -> &'static str {
        match self {
            LicenceClass::A1 => "Moped",
            LicenceClass::A2 => "Light motorcycle",
            LicenceClass::A3 => "Motorcycle taxi, courier or three-wheeler",
            LicenceClass::B1 => "Light vehicle up to 3,500 kg",
            LicenceClass::B2 => "Light vehicle up to 3,500 kg, second category",
            LicenceClass::B3 => "Professional light vehicle",
            LicenceClass::C1 => "Light truck",
            LicenceClass::C => "Medium truck",
            LicenceClass::CE => "Truck with a trailer",
            LicenceClass::CD => "Truck carrying hazardous goods",
            LicenceClass::D1 => "Van, up to 14 passengers",
            LicenceClass::D2 => "Minibus, 14 to 32 passengers",
            LicenceClass::D3 => "Bus, 33 passengers or more",
            LicenceClass::E => "Heavy articulated vehicle",
            LicenceClass::F => "Vehicle adapted for a driver with a disability",
            LicenceClass::G => "Plant or industrial machinery",
        }
    }

    /// What the class lets a person drive, in Kiswahili.
    pub fn name_sw(self) -> &'static str {
        match self {
            LicenceClass::A1 => "Pikipiki ndogo (moped)",
            LicenceClass::A2 => "Pikipiki nyepesi",
            LicenceClass::A3 => "Bodaboda, pikipiki ya mizigo au bajaji",
            LicenceClass::B1 => "Gari dogo hadi kilo 3,500",
            LicenceClass::B2 => "Gari dogo hadi kilo 3,500, kundi la pili",
            LicenceClass::B3 => "Gari dogo la kikazi",
            LicenceClass::C1 => "Lori dogo",
            LicenceClass::C => "Lori la wastani",
            LicenceClass::CE => "Lori lenye trela",
            LicenceClass::CD => "Lori la kubeba mizigo hatari",
            LicenceClass::D1 => "Gari la abiria hadi 14",
            LicenceClass::D2 => "Basi dogo, abiria 14 hadi 32",
            LicenceClass::D3 => "Basi, abiria 33 au zaidi",
            LicenceClass::E => "Gari zito lenye kiungo (trela)",
            LicenceClass::F => "Gari lililorekebishwa kwa dereva mwenye ulemavu",
            LicenceClass::G => "Mitambo ya ujenzi au ya viwandani",
        }
    }

    pub fn name_in(self, lang: Lang) -> &'static str {
        match lang {
            Lang::En => self.name_en(),
            Lang::Sw => self.name_sw(),
        }
    }

    /// Both names, as the API carries text meant for people.
    pub fn name(self) -> Localized {
        Localized {
            en: self.name_en().to_string(),
            sw: self.name_sw().to_string(),
        }
    }

    /// Professional classes (B3, C1, C, CE, CD, D1–D3): their drivers are re-tested every
    /// [`PROFESSIONAL_RETEST_YEARS`] years.
    pub fn is_professional(self) -> bool {
        matches!(
            self,
            LicenceClass::B3
                | LicenceClass::C1
                | LicenceClass::C
                | LicenceClass::CE
                | LicenceClass::CD
                | LicenceClass::D1
                | LicenceClass::D2
                | LicenceClass::D3
        )
    }
}

/// How often drivers of professional classes are re-tested.
pub const PROFESSIONAL_RETEST_YEARS: u32 = 3;

/// Classes kept as text, `B1,A2`: how the register stores a provisional licence's classes. Unknown codes
/// are skipped; each class appears once, in the order NTSA lists them.
pub fn parse_class_list(text: &str) -> Vec<LicenceClass> {
    let mut classes: Vec<LicenceClass> = text.split(',').filter_map(LicenceClass::parse).collect();
    classes.sort_unstable();
    classes.dedup();
    classes
}

/// The inverse of [`parse_class_list`].
pub fn class_list(classes: &[LicenceClass]) -> String {
    classes
        .iter()
        .map(|class| class.code())
        .collect::<Vec<_>>()
        .join(",")
}

/// The old paper booklet or the smart (card) licence that replaces it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LicenceKind {
    Booklet,
    Smart,
}

impl LicenceKind {
    pub const ALL: [LicenceKind; 2] = [LicenceKind::Booklet, LicenceKind::Smart];

    pub fn as_str(self) -> &'static str {
        match self {
            LicenceKind::Booklet => "booklet",
            LicenceKind::Smart => "smart",
        }
    }

    pub fn parse(text: &str) -> Option<LicenceKind> {
        LicenceKind::ALL
            .into_iter()
            .find(|kind| kind.as_str() == text)
    }
}

/// Whether a licence lets its holder drive today.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LicenceStatus {
    Valid,
    Expired,
    Suspended,
}

impl LicenceStatus {
    pub const ALL: [LicenceStatus; 3] = [
        LicenceStatus::Valid,
        LicenceStatus::Expired,
        LicenceStatus::Suspended,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LicenceStatus::Valid => "valid",
            LicenceStatus::Expired => "expired",
            LicenceStatus::Suspended => "suspended",
        }
    }
}

/// The demerit-point scheme, as data so that a change of the rules is a change of numbers.
///
/// ⚠ The public sources disagree (DOMAIN.md shows two versions of the scheme). These numbers follow the one
/// NTSA's own pages give: every driver starts a 12-month period with 20 points, minor offences cost 2 to 4,
/// losing 10 within the period calls for a refresher course, and losing all 20 suspends the licence. Check
/// them against the gazetted rules before relying on them for anything but a display.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DemeritRules {
    /// Points every driver holds at the start of a 12-month period.
    pub total: u32,
    /// Losing this many within 12 months calls for a refresher course.
    pub refresher_after_lost: u32,
    /// The licence is suspended when the points left fall to this.
    pub suspend_when_left: u32,
}

/// The scheme in force (see the warning on [`DemeritRules`]).
pub const DEMERIT_RULES: DemeritRules = DemeritRules {
    total: 20,
    refresher_after_lost: 10,
    suspend_when_left: 0,
};

impl Default for DemeritRules {
    fn default() -> Self {
        DEMERIT_RULES
    }
}

impl DemeritRules {
    /// Points left on `today`, from every offence as `(date, points)`: only those of the last 12 months
    /// count (after the same day a year before, up to and including today); later dates are not yet
    /// counted. Never below zero.
    pub fn points_left(&self, offences: impl IntoIterator<Item = (Date, u32)>, today: Date) -> u32 {
        let since = one_year_before(today);
        let lost = offences
            .into_iter()
            .filter(|(on, _)| *on > since && *on <= today)
            .fold(0u32, |lost, (_, points)| lost.saturating_add(points));
        self.total.saturating_sub(lost)
    }

    /// Whether the points lost within 12 months call for a refresher course.
    pub fn needs_refresher(&self, points_left: u32) -> bool {
        self.total.saturating_sub(points_left) >= self.refresher_after_lost
    }

    /// Whether so few points are left that the licence is suspended.
    pub fn suspends(&self, points_left: u32) -> bool {
        points_left <= self.suspend_when_left
    }
}

/// A licence's status on `today`: suspended when the demerit points have run out (under
/// [`DEMERIT_RULES`]), else expired after its expiry date (it is valid through that day), else valid.
pub fn licence_status(expires_on: Date, today: Date, points_left: u32) -> LicenceStatus {
    if DEMERIT_RULES.suspends(points_left) {
        LicenceStatus::Suspended
    } else if today > expires_on {
        LicenceStatus::Expired
    } else {
        LicenceStatus::Valid
    }
}

/// How many days before expiry the portal starts suggesting a renewal.
pub const RENEWAL_WINDOW_DAYS: i64 = 60;

/// Whether to suggest renewing: the licence has expired or expires within [`RENEWAL_WINDOW_DAYS`].
pub fn renewal_due(expires_on: Date, today: Date) -> bool {
    days_between(today, expires_on) <= RENEWAL_WINDOW_DAYS
}

/// Days from `from` to `to`: positive when `to` is later.
pub fn days_between(from: Date, to: Date) -> i64 {
    day_number(to) - day_number(from)
}

/// Days since 1970-01-01 (Howard Hinnant's days-from-civil, the inverse of `Date::from_unix_ms`).
fn day_number(date: Date) -> i64 {
    let month = i64::from(date.month());
    let year = i64::from(date.year()) - i64::from(month <= 2);
    let era = year.div_euclid(400);
    let yoe = year - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + i64::from(date.day()) - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The same day a year earlier; 29 February goes back to 28 February.
fn one_year_before(date: Date) -> Date {
    Date::new(date.year() - 1, date.month(), date.day())
        .or_else(|_| Date::new(date.year() - 1, date.month(), date.day() - 1))
        .unwrap_or(date)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(text: &str) -> Date {
        Date::parse_iso(text).expect("date")
    }

    #[test]
    fn every_class_reads_back_from_its_code_in_any_case() {
        for class in LicenceClass::ALL {
            assert_eq!(LicenceClass::parse(class.code()), Some(class));
            assert_eq!(
                LicenceClass::parse(&format!(" {} ", class.code().to_lowercase())),
                Some(class)
            );
        }
        assert_eq!(LicenceClass::parse("B4"), None);
        assert_eq!(LicenceClass::parse(""), None);
        assert_eq!(LicenceClass::parse("BCE"), None);
    }

    #[test]
    fn classes_travel_as_their_codes() {
        assert_eq!(
            serde_json::to_string(&LicenceClass::CE).expect("json"),
            "\"CE\""
        );
        for class in LicenceClass::ALL {
            let json = serde_json::to_string(&class).expect("json");
            assert_eq!(json, format!("\"{}\"", class.code()));
            assert_eq!(
                serde_json::from_str::<LicenceClass>(&json).expect("back"),
                class
            );
        }
        assert_eq!(
            serde_json::to_string(&LicenceKind::Smart).expect("json"),
            "\"smart\""
        );
        assert_eq!(
            serde_json::to_string(&LicenceStatus::Suspended).expect("json"),
            "\"suspended\""
        );
    }

    #[test]
    fn every_class_has_a_distinct_name_in_each_language() {
        for lang in [Lang::En, Lang::Sw] {
            let mut names: Vec<&str> = LicenceClass::ALL.iter().map(|c| c.name_in(lang)).collect();
            names.sort_unstable();
            names.dedup();
            assert_eq!(names.len(), LicenceClass::ALL.len(), "{lang:?}");
        }
        for class in LicenceClass::ALL {
            assert_ne!(class.name_en(), class.name_sw(), "{class:?}");
            assert_eq!(class.name().get(Lang::Sw), class.name_sw());
        }
    }

    #[test]
    fn professional_classes_are_the_ones_re_tested() {
        let professional: Vec<&str> = LicenceClass::ALL
            .into_iter()
            .filter(|c| c.is_professional())
            .map(LicenceClass::code)
            .collect();
        assert_eq!(
            professional,
            ["B3", "C1", "C", "CE", "CD", "D1", "D2", "D3"]
        );
    }

    #[test]
    fn class_lists_are_stored_as_codes() {
        assert_eq!(
            parse_class_list("B1, a2,B1,X9"),
            [LicenceClass::A2, LicenceClass::B1]
        );
        assert_eq!(class_list(&[LicenceClass::B1, LicenceClass::C1]), "B1,C1");
        assert_eq!(parse_class_list(""), []);
        assert_eq!(LicenceKind::parse("booklet"), Some(LicenceKind::Booklet));
        assert_eq!(LicenceKind::parse("card"), None);
    }

    #[test]
    fn points_count_only_the_last_twelve_months() {
        let rules = DEMERIT_RULES;
        let today = d("2026-11-22");
        assert_eq!(rules.points_left([], today), 20);
        let offences = [
            (d("2026-11-22"), 2),
            (d("2026-01-10"), 4),
            (d("2025-11-23"), 3),
            // A year ago to the day, and older: no longer counted.
            (d("2025-11-22"), 5),
            (d("2024-06-01"), 8),
            // Not yet happened.
            (d("2026-11-23"), 6),
        ];
        assert_eq!(rules.points_left(offences, today), 11);
        assert_eq!(rules.points_left([(today, 25)], today), 0);
        assert!(!rules.needs_refresher(11));
        assert!(rules.needs_refresher(10));
        assert!(rules.suspends(0));
        assert!(!rules.suspends(1));
        assert_eq!(DemeritRules::default(), DEMERIT_RULES);
        // 29 February looks back to 28 February of the year before.
        let leap = d("2028-02-29");
        assert_eq!(
            rules.points_left([(d("2027-02-28"), 2), (d("2027-03-01"), 3)], leap),
            17
        );
    }

    #[test]
    fn status_follows_expiry_then_points() {
        let expires = d("2026-12-31");
        assert_eq!(
            licence_status(expires, d("2026-12-31"), 20),
            LicenceStatus::Valid
        );
        assert_eq!(
            licence_status(expires, d("2027-01-01"), 20),
            LicenceStatus::Expired
        );
        assert_eq!(
            licence_status(expires, d("2026-06-01"), 0),
            LicenceStatus::Suspended
        );
        assert_eq!(
            licence_status(expires, d("2027-06-01"), 0),
            LicenceStatus::Suspended
        );
    }

    #[test]
    fn renewal_is_suggested_within_sixty_days_and_after_expiry() {
        let expires = d("2026-12-31");
        assert!(!renewal_due(expires, d("2026-10-31")));
        assert!(renewal_due(expires, d("2026-11-01")));
        assert!(renewal_due(expires, d("2027-03-01")));
        assert_eq!(days_between(d("2026-11-01"), expires), 60);
        assert_eq!(days_between(d("2024-02-28"), d("2024-03-01")), 2);
        assert_eq!(days_between(d("1970-01-01"), d("1969-12-31")), -1);
    }

    fn date() -> impl Strategy<Value = Date> {
        (0i64..40_000).prop_map(|days| Date::from_unix_ms(days * 86_400_000))
    }

    proptest! {
        #[test]
        fn days_between_agrees_with_unix_time(a in -50_000i64..50_000, b in -50_000i64..50_000) {
            let (from, to) = (Date::from_unix_ms(a * 86_400_000), Date::from_unix_ms(b * 86_400_000));
            prop_assert_eq!(days_between(from, to), b - a);
        }

        #[test]
        fn points_left_stay_in_range_and_never_grow_with_another_offence(
            today in date(),
            offences in proptest::collection::vec((date(), 0u32..10), 0..12),
            extra in (date(), 0u32..10),
        ) {
            let rules = DEMERIT_RULES;
            let before = rules.points_left(offences.clone(), today);
            prop_assert!(before <= rules.total);
            let mut more = offences;
            more.push(extra);
            prop_assert!(rules.points_left(more, today) <= before);
        }

        #[test]
        fn offences_older_than_a_year_never_count(today in date(), points in 0u32..30, back in 366i64..5_000) {
            let then = Date::from_unix_ms((days_between(Date::from_unix_ms(0), today) - back) * 86_400_000);
            prop_assert_eq!(DEMERIT_RULES.points_left([(then, points)], today), DEMERIT_RULES.total);
        }

        #[test]
        fn a_licence_with_points_left_is_valid_exactly_until_it_expires(
            expires in date(), today in date(), points in 1u32..=20,
        ) {
            let status = licence_status(expires, today, points);
            prop_assert_eq!(status == LicenceStatus::Expired, today > expires);
            prop_assert_ne!(status, LicenceStatus::Suspended);
            prop_assert_eq!(renewal_due(expires, today), days_between(today, expires) <= RENEWAL_WINDOW_DAYS);
        }
    }
}
