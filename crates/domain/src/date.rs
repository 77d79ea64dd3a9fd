//! Calendar dates without a date-time crate (chrono would add weight to every phone's download): enough to
//! read a date of birth typed as day, month and year, and to tell an age.

use std::fmt;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    year: i32,
    month: u8,
    day: u8,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
pub enum DateError {
    #[error("Enter a date")]
    Missing,
    #[error("Enter a real date, for example 27 3 1990")]
    Invalid,
}

impl Date {
    pub fn new(year: i32, month: u8, day: u8) -> Result<Date, DateError> {
        if !(1..=12).contains(&month)
            || day == 0
            || day > days_in_month(year, month)
            || !(1..=9999).contains(&year)
        {
            return Err(DateError::Invalid);
        }
        Ok(Date { year, month, day })
    }

    /// `YYYY-MM-DD`, the API's date format.
    pub fn parse_iso(text: &str) -> Result<Date, DateError> {
        let text = text.trim();
        if text.is_empty() {
            return Err(DateError::Missing);
        }
        let mut parts = text.split('-');
        let (Some(y), Some(m), Some(d), None) =
            (parts.next(), parts.next(), parts.next(), parts.next())
        else {
            return Err(DateError::Invalid);
        };
        if y.len() != 4 || m.len() != 2 || d.len() != 2 {
            return Err(DateError::Invalid);
        }
        Date::from_parts(d, m, y)
    }

    /// Day, month and year as a person types them in three boxes (GOV.UK's date pattern).
    pub fn from_parts(day: &str, month: &str, year: &str) -> Result<Date, DateError> {
        let (day, month, year) = (day.trim(), month.trim(), year.trim());
        if day.is_empty() && month.is_empty() && year.is_empty() {
            return Err(DateError::Missing);
        }
        let number = |s: &str, max_len: usize| -> Result<u32, DateError> {
            if s.is_empty() || s.len() > max_len || !s.bytes().all(|b| b.is_ascii_digit()) {
                return Err(DateError::Invalid);
            }
            s.parse().map_err(|_| DateError::Invalid)
        };
        if year.len() != 4 {
            return Err(DateError::Invalid);
        }
        let (d, m, y) = (number(day, 2)?, number(month, 2)?, number(year, 4)?);
        Date::new(
            y as i32,
            u8::try_from(m).map_err(|_| DateError::Invalid)?,
            u8::try_from(d).map_err(|_| DateError::Invalid)?,
        )
    }

    /// The date `ms` milliseconds after the Unix epoch, in UTC.
    pub fn from_unix_ms(ms: i64) -> Date {
        // Howard Hinnant's days-to-civil algorithm.
        let z = ms.div_euclid(86_400_000) + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u8;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u8;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Days from 1970-01-01 to this date: the inverse of [`Date::from_unix_ms`], to find where a day starts.
    pub fn unix_days(self) -> i64 {
        // Howard Hinnant's days-from-civil algorithm.
        let year = i64::from(self.year) - i64::from(self.month <= 2);
        let era = year.div_euclid(400);
        let yoe = year - era * 400;
        let month = i64::from(self.month);
        let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5
            + i64::from(self.day)
            - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    pub fn day(self) -> u8 {
        self.day
    }

    /// The same day `years` later (or earlier); 29 February becomes 28 February in a common year, as a
    /// licence renewed on a leap day runs to the last day of February.
    pub fn add_years(self, years: i32) -> Date {
        let year = self.year + years;
        let day = self.day.min(days_in_month(year, self.month));
        Date {
            year,
            month: self.month,
            day,
        }
    }

    /// The same day `months` later, or the month's last day where it is shorter (31 January + 1 month is
    /// 28 or 29 February).
    pub fn add_months(self, months: u32) -> Date {
        let index = self.month as u32 - 1 + months;
        let year = self.year + (index / 12) as i32;
        let month = (index % 12) as u8 + 1;
        Date {
            year,
            month,
            day: self.day.min(days_in_month(year, month)),
        }
    }

    /// Whole years from `self` to `on`: the age of someone born on `self`. Someone born on 29 February
    /// comes of age on 1 March in a common year.
    pub fn years_until(self, on: Date) -> i32 {
        let mut years = on.year - self.year;
        if (on.month, on.day) < (self.month, self.day) {
            years -= 1;
        }
        years
    }
}

impl fmt::Display for Date {
    /// `YYYY-MM-DD`.
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

fn is_leap(year: i32) -> bool {
    (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
}

fn days_in_month(year: i32, month: u8) -> u8 {
    match month {
        2 if is_leap(year) => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn unix_days_and_from_unix_ms_agree() {
        assert_eq!(Date::new(1970, 1, 1).map(Date::unix_days), Ok(0));
        assert_eq!(Date::new(1969, 12, 31).map(Date::unix_days), Ok(-1));
        assert_eq!(Date::new(2000, 3, 1).map(Date::unix_days), Ok(11_017));
        for days in (-800_000..800_000).step_by(997) {
            let date = Date::from_unix_ms(days * 86_400_000);
            assert_eq!(date.unix_days(), days, "{date}");
        }
    }

    #[test]
    fn months_are_added_keeping_the_day_where_it_exists() {
        let end = Date::new(2026, 11, 30).map(|d| d.add_months(3).to_string());
        assert_eq!(end, Ok("2027-02-28".into()));
        let plain = Date::new(2026, 12, 2).map(|d| d.add_months(3).to_string());
        assert_eq!(plain, Ok("2027-03-02".into()));
    }

    #[test]
    fn years_are_added_keeping_the_day_where_it_exists() {
        let leap = Date::new(2024, 2, 29).map(|d| d.add_years(1).to_string());
        assert_eq!(leap, Ok("2025-02-28".into()));
        let leap = Date::new(2024, 2, 29).map(|d| d.add_years(4).to_string());
        assert_eq!(leap, Ok("2028-02-29".into()));
        let later = Date::new(2026, 12, 2).map(|d| d.add_years(3).to_string());
        assert_eq!(later, Ok("2029-12-02".into()));
    }

    #[test]
    fn reads_typed_dates_and_refuses_impossible_ones() {
        assert_eq!(
            Date::from_parts("27", "3", "1990").map(|d| d.to_string()),
            Ok("1990-03-27".into())
        );
        assert_eq!(
            Date::from_parts(" 1 ", "01", "2000").map(|d| d.to_string()),
            Ok("2000-01-01".into())
        );
        assert_eq!(Date::from_parts("29", "2", "2000").map(|d| d.day()), Ok(29));
        assert_eq!(Date::from_parts("29", "2", "1900"), Err(DateError::Invalid));
        assert_eq!(Date::from_parts("31", "4", "1990"), Err(DateError::Invalid));
        assert_eq!(Date::from_parts("1", "13", "1990"), Err(DateError::Invalid));
        assert_eq!(Date::from_parts("1", "1", "90"), Err(DateError::Invalid));
        assert_eq!(Date::from_parts("a", "1", "1990"), Err(DateError::Invalid));
        assert_eq!(Date::from_parts("", "", ""), Err(DateError::Missing));
        assert_eq!(Date::parse_iso("1990-03-27").map(|d| d.month()), Ok(3));
        assert_eq!(Date::parse_iso("1990-3-27"), Err(DateError::Invalid));
        assert_eq!(Date::parse_iso(""), Err(DateError::Missing));
    }

    #[test]
    fn converts_unix_time_to_dates() {
        assert_eq!(Date::from_unix_ms(0).to_string(), "1970-01-01");
        assert_eq!(
            Date::from_unix_ms(1_795_338_000_123).to_string(),
            "2026-11-22"
        );
        assert_eq!(
            Date::from_unix_ms(951_782_400_000).to_string(),
            "2000-02-29"
        );
        assert_eq!(Date::from_unix_ms(-86_400_000).to_string(), "1969-12-31");
    }

    #[test]
    fn ages_turn_over_on_the_birthday() {
        let born = Date::new(2008, 11, 22).expect("date");
        assert_eq!(born.years_until(Date::new(2026, 11, 21).expect("date")), 17);
        assert_eq!(born.years_until(Date::new(2026, 11, 22).expect("date")), 18);
        let leap = Date::new(2008, 2, 29).expect("date");
        assert_eq!(leap.years_until(Date::new(2026, 2, 28).expect("date")), 17);
        assert_eq!(leap.years_until(Date::new(2026, 3, 1).expect("date")), 18);
    }
}
