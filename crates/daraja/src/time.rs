//! Daraja timestamps: `YYYYMMDDHHmmss` in Kenya time (EAT, UTC+3, no daylight saving), without chrono.

use std::time::{SystemTime, UNIX_EPOCH};

/// Kenya's offset from UTC in seconds (EAT, UTC+3 all year).
const EAT_OFFSET_SECONDS: i64 = 3 * 3600;

/// Seconds since the Unix epoch, now.
pub fn unix_now() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| i64::try_from(d.as_secs()).unwrap_or(i64::MAX))
}

/// The Daraja `Timestamp` (`YYYYMMDDHHmmss`, Kenya time) for a Unix time in seconds.
pub fn timestamp_eat(unix_seconds: i64) -> String {
    let local = unix_seconds + EAT_OFFSET_SECONDS;
    let days = local.div_euclid(86_400);
    let secs = local.rem_euclid(86_400);
    let (year, month, day) = civil_from_days(days);
    format!(
        "{year:04}{month:02}{day:02}{:02}{:02}{:02}",
        secs / 3600,
        (secs % 3600) / 60,
        secs % 60
    )
}

/// Days since 1970-01-01 to a proleptic Gregorian date (Howard Hinnant's algorithm).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::timestamp_eat;

    #[test]
    fn epoch_is_three_in_the_morning_in_nairobi() {
        assert_eq!(timestamp_eat(0), "19700101030000");
    }

    #[test]
    fn an_ordinary_instant() {
        // 2023-11-14T22:13:20Z
        assert_eq!(timestamp_eat(1_700_000_000), "20231115011320");
    }

    #[test]
    fn the_date_changes_at_21_00_utc() {
        // 2023-12-31T20:59:59Z is still the old year in Nairobi; 21:00:00Z is the new one.
        assert_eq!(timestamp_eat(1_704_056_399), "20231231235959");
        assert_eq!(timestamp_eat(1_704_056_400), "20240101000000");
    }

    #[test]
    fn leap_day() {
        // 2024-02-28T21:00:00Z
        assert_eq!(timestamp_eat(1_709_154_000), "20240229000000");
        assert_eq!(timestamp_eat(1_709_154_000 + 86_400), "20240301000000");
    }
}
