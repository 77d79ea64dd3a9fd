//! Driving test bookings (NTSA): the slots of the Driving Test Units with the places left, a booking that
//! holds a place until its fee is paid, rescheduling, cancelling, and the result an officer records.
//! Timestamps are RFC 3339 in UTC.

use serde::{Deserialize, Serialize};

use crate::catalog::Lang;
use crate::date::Date;
use crate::licences::LicenceClass;

/// Kenya is on East Africa Time, UTC+3, all year.
pub const EAT_OFFSET_MS: i64 = 3 * 3_600_000;

/// The day and `HH:MM` in Kenya of a moment in milliseconds since the Unix epoch.
pub fn kenya_date_time(ms: i64) -> (Date, String) {
    let local = ms + EAT_OFFSET_MS;
    let minutes = local.rem_euclid(86_400_000) / 60_000;
    (
        Date::from_unix_ms(local),
        format!("{:02}:{:02}", minutes / 60, minutes % 60),
    )
}

/// The first moment (milliseconds since the Unix epoch) of a day in Kenya; the day ends 24 hours later.
pub fn kenya_day_start_ms(date: Date) -> i64 {
    date.unix_days() * 86_400_000 - EAT_OFFSET_MS
}

const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const MONTHS_SW: [&str; 12] = [
    "Januari", "Februari", "Machi", "Aprili", "Mei", "Juni", "Julai", "Agosti", "Septemba",
    "Oktoba", "Novemba", "Desemba",
];

/// `12 December 2026` / `12 Desemba 2026`.
pub fn long_date(date: Date, lang: Lang) -> String {
    let months = match lang {
        Lang::En => &MONTHS_EN,
        Lang::Sw => &MONTHS_SW,
    };
    let month = months[usize::from(date.month().clamp(1, 12)) - 1];
    format!("{} {month} {}", date.day(), date.year())
}

/// A Kenyan clock time (`09:00`) as said in the language: `09:00` in English; in Kiswahili the hours are
/// counted from 6 in the morning and the evening, `saa 3:00 asubuhi`.
pub fn clock_time(time: &str, lang: Lang) -> String {
    let (Some(hour), Some(minute)) = (
        time.get(..2).and_then(|h| h.parse::<u8>().ok()),
        time.get(3..5),
    ) else {
        return time.to_string();
    };
    match lang {
        Lang::En => time.to_string(),
        Lang::Sw => {
            let swahili = match (hour + 6) % 12 {
                0 => 12,
                h => h,
            };
            let part = match hour {
                5..=11 => "asubuhi",
                12..=15 => "mchana",
                16..=18 => "jioni",
                _ => "usiku",
            };
            format!("saa {swahili}:{minute} {part}")
        }
    }
}

/// One test slot: a Driving Test Unit at a time, with the places not yet held or booked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TestSlot {
    pub id: String,
    pub centre_id: String,
    pub centre_name: String,
    /// RFC 3339 (UTC): when the test starts.
    pub starts_at: String,
    /// The day in Kenya (EAT), `YYYY-MM-DD`, to group slots by.
    pub date: String,
    /// The time in Kenya (EAT), `HH:MM`.
    pub time: String,
    pub places_left: u32,
}

/// `GET /api/ntsa/test-slots`: the slots of the next 30 days with a place left, soonest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TestSlots {
    pub items: Vec<TestSlot>,
}

/// `POST /api/ntsa/test-bookings`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BookTestRequest {
    pub slot_id: String,
    /// A class on the person's provisional licence.
    pub class: LicenceClass,
}

/// Where a booking stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum TestBookingStatus {
    /// The place is held until the fee is paid.
    Held,
    /// Paid: the test is booked.
    Booked,
    Cancelled,
    Passed,
    Failed,
}

impl TestBookingStatus {
    pub const ALL: [TestBookingStatus; 5] = [
        TestBookingStatus::Held,
        TestBookingStatus::Booked,
        TestBookingStatus::Cancelled,
        TestBookingStatus::Passed,
        TestBookingStatus::Failed,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            TestBookingStatus::Held => "held",
            TestBookingStatus::Booked => "booked",
            TestBookingStatus::Cancelled => "cancelled",
            TestBookingStatus::Passed => "passed",
            TestBookingStatus::Failed => "failed",
        }
    }

    pub fn parse(text: &str) -> Option<TestBookingStatus> {
        TestBookingStatus::ALL
            .into_iter()
            .find(|s| s.as_str() == text)
    }

    /// Whether the person may still move or cancel it.
    pub fn is_open(self) -> bool {
        matches!(self, TestBookingStatus::Held | TestBookingStatus::Booked)
    }
}

/// How long an unpaid booking holds its place: after that the place goes back to the slot, so a person who
/// walks away does not keep others from booking. A hold with an M-Pesa prompt or card payment still in
/// progress is kept until that payment is settled.
pub const HOLD_MINUTES: i64 = 30;

/// When a held place is let go unless paid for: the instant, and its Kenyan date and time as shown.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct HoldDeadline {
    /// RFC 3339, UTC.
    pub at: String,
    /// `YYYY-MM-DD`, Kenya time.
    pub date: String,
    /// `HH:MM`, Kenya time.
    pub time: String,
}

/// A person's driving test booking.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TestBooking {
    pub id: String,
    /// The application that carries the fee's invoice: pay at `/applications/{application_id}/pay`.
    pub application_id: String,
    pub slot: TestSlot,
    pub class: LicenceClass,
    pub status: TestBookingStatus,
    /// While `held`: pay before this or the place is let go (see [`HOLD_MINUTES`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub held_until: Option<HoldDeadline>,
}

/// `GET /api/ntsa/test-bookings`: the person's bookings, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TestBookings {
    pub items: Vec<TestBooking>,
}

/// `POST /api/ntsa/test-bookings/{id}/reschedule`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct RescheduleRequest {
    pub slot_id: String,
}

/// `POST /api/officer/test-bookings/{id}/result`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct TestResultRequest {
    pub passed: bool,
}

/// A Driving Test Unit, where driving tests are taken.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct TestCentre {
    pub id: String,
    pub name: String,
}

/// One test of the day as the examiner sees it: enough to call the candidate and check who they are, never
/// their whole ID number.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfficerTestBooking {
    /// The booking's id, for `POST /api/officer/test-bookings/{id}/result`.
    pub id: String,
    /// RFC 3339 (UTC): when the test starts.
    pub starts_at: String,
    /// The time in Kenya (EAT), `HH:MM`.
    pub time: String,
    pub class: LicenceClass,
    pub candidate_name: String,
    /// The last four characters of the candidate's ID number, to compare with the card they show.
    pub candidate_id_last4: String,
    /// The reference of the booking's application (`NJ-7KX3-9QPM`).
    pub reference: Option<String>,
    /// `booked`, `passed` or `failed`.
    pub status: TestBookingStatus,
    /// Whether the result may be recorded now: booked, and its time has come.
    pub can_record: bool,
}

/// `GET /api/officer/test-bookings`: one centre's tests of one day in Kenya, by start time, and the centres
/// to choose from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct OfficerTestBookings {
    /// The centre shown: the one asked for, else the first by name; absent when there are no centres.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub centre_id: Option<String>,
    /// The day shown, in Kenya (EAT), `YYYY-MM-DD`: the one asked for, else today.
    pub date: String,
    /// Every Driving Test Unit, by name.
    pub centres: Vec<TestCentre>,
    /// Booked tests and those with a result; held and cancelled ones are not there.
    pub items: Vec<OfficerTestBooking>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn times_are_told_in_kenya_in_both_languages() {
        // 2026-12-12T06:00:00Z is 09:00 in Nairobi.
        let (date, time) = kenya_date_time(1_797_055_200_000);
        assert_eq!(
            (date.to_string(), time.as_str()),
            ("2026-12-12".to_string(), "09:00")
        );
        assert_eq!(long_date(date, Lang::En), "12 December 2026");
        assert_eq!(long_date(date, Lang::Sw), "12 Desemba 2026");
        assert_eq!(clock_time("09:00", Lang::Sw), "saa 3:00 asubuhi");
        assert_eq!(clock_time("11:00", Lang::Sw), "saa 5:00 asubuhi");
        assert_eq!(clock_time("14:30", Lang::Sw), "saa 8:30 mchana");
        // Late in the evening UTC is already the next day in Kenya.
        let (date, time) = kenya_date_time(1_797_021_900_000);
        assert_eq!(
            (date.to_string(), time.as_str()),
            ("2026-12-11".to_string(), "23:45")
        );
    }

    #[test]
    fn a_kenyan_day_starts_at_nine_the_evening_before_in_utc() {
        let day = Date::new(2026, 12, 12).map(kenya_day_start_ms);
        // 2026-12-11T21:00:00Z.
        assert_eq!(day, Ok(1_797_022_800_000));
        let start = day.unwrap_or_default();
        assert_eq!(kenya_date_time(start).0.to_string(), "2026-12-12");
        assert_eq!(kenya_date_time(start - 1).0.to_string(), "2026-12-11");
        assert_eq!(
            kenya_date_time(start + 86_400_000 - 1).0.to_string(),
            "2026-12-12"
        );
    }

    #[test]
    fn statuses_read_back_what_they_write() {
        for status in TestBookingStatus::ALL {
            assert_eq!(TestBookingStatus::parse(status.as_str()), Some(status));
            assert_eq!(
                serde_json::to_string(&status).ok(),
                Some(format!("\"{}\"", status.as_str()))
            );
        }
        assert!(TestBookingStatus::Held.is_open());
        assert!(!TestBookingStatus::Passed.is_open());
    }
}
