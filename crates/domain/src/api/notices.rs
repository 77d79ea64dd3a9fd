//! Notices administrators publish to the portal's banner, in English and Kiswahili, and maintenance windows:
//! notices that also refuse an agency's transactions (submitting, paying) while they are open. Timestamps are
//! RFC 3339 in UTC.

use serde::{Deserialize, Serialize};

use crate::accounts::FieldProblem;
use crate::catalog::Localized;
use crate::date::Date;

/// The longest message, in characters, in each language: a banner is read on a phone.
pub const MAX_MESSAGE_CHARS: usize = 500;

/// One notice as the banner and the maintenance refusal show it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Notice {
    pub id: String,
    /// The agency it is about; absent for the whole portal.
    #[serde(default)]
    pub agency_id: Option<String>,
    pub message: Localized,
    /// RFC 3339 (UTC).
    pub starts_at: String,
    /// RFC 3339 (UTC).
    pub ends_at: String,
    /// A maintenance window: the agency's submissions and payments are refused between the two times.
    pub maintenance: bool,
    /// When an administrator took it down early (only in the administrators' list).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub withdrawn_at: Option<String>,
}

/// `GET /api/notices` (current and starting within 7 days, soonest first) and `GET /api/admin/notices`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticeList {
    pub items: Vec<Notice>,
}

/// `POST /api/admin/notices`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NewNotice {
    /// The agency it is about; absent or null for the whole portal. A maintenance window must name one.
    #[serde(default)]
    pub agency_id: Option<String>,
    pub message_en: String,
    pub message_sw: String,
    /// RFC 3339 (UTC).
    pub starts_at: String,
    /// RFC 3339 (UTC).
    pub ends_at: String,
    #[serde(default)]
    pub maintenance: bool,
}

/// A notice that passed [`NewNotice::validate`], its times in milliseconds since the Unix epoch.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidNotice {
    pub agency_id: Option<String>,
    pub message_en: String,
    pub message_sw: String,
    pub starts_at_ms: i64,
    pub ends_at_ms: i64,
    pub maintenance: bool,
}

impl NewNotice {
    /// The rules both sides check, in the form's order. Whether the agency exists is the server's to say.
    pub fn validate(&self, now_ms: i64) -> Result<ValidNotice, Vec<FieldProblem>> {
        let mut problems = Vec::new();
        let agency_id = self
            .agency_id
            .as_deref()
            .map(str::trim)
            .filter(|a| !a.is_empty())
            .map(str::to_string);
        if self.maintenance && agency_id.is_none() {
            problems.push(FieldProblem::new(
                "agency_id",
                "agency_required",
                "Choose the agency whose services the maintenance window stops",
            ));
        }
        let message_en = message(&self.message_en, "message_en", "English", &mut problems);
        let message_sw = message(&self.message_sw, "message_sw", "Kiswahili", &mut problems);
        let starts = parse_utc(&self.starts_at);
        if starts.is_none() {
            problems.push(FieldProblem::new(
                "starts_at",
                "invalid_time",
                "Enter a real date and time for the start",
            ));
        }
        match (starts, parse_utc(&self.ends_at)) {
            (_, None) => problems.push(FieldProblem::new(
                "ends_at",
                "invalid_time",
                "Enter a real date and time for the end",
            )),
            (Some(starts), Some(ends)) if ends <= starts => problems.push(FieldProblem::new(
                "ends_at",
                "ends_before_start",
                "The end must be after the start",
            )),
            (_, Some(ends)) if ends <= now_ms => problems.push(FieldProblem::new(
                "ends_at",
                "ends_in_past",
                "The end must be in the future",
            )),
            _ => {}
        }
        match (problems.is_empty(), starts, parse_utc(&self.ends_at)) {
            (true, Some(starts_at_ms), Some(ends_at_ms)) => Ok(ValidNotice {
                agency_id,
                message_en,
                message_sw,
                starts_at_ms,
                ends_at_ms,
                maintenance: self.maintenance,
            }),
            _ => Err(problems),
        }
    }
}

fn message(
    text: &str,
    field: &'static str,
    language: &str,
    problems: &mut Vec<FieldProblem>,
) -> String {
    let text = text.trim();
    if text.is_empty() {
        problems.push(FieldProblem::new(
            field,
            "required",
            format!("Enter the message in {language}"),
        ));
    } else if text.chars().count() > MAX_MESSAGE_CHARS {
        problems.push(FieldProblem::new(
            field,
            "too_long",
            format!("The message in {language} must be {MAX_MESSAGE_CHARS} characters or fewer"),
        ));
    }
    text.to_string()
}

/// Milliseconds since the Unix epoch of an RFC 3339 time in UTC, `2026-12-03T11:00:00Z` (fractions of a
/// second allowed and dropped); `None` for anything else, including other offsets, which the API never uses.
pub fn parse_utc(text: &str) -> Option<i64> {
    let text = text.strip_suffix('Z').or_else(|| text.strip_suffix('z'))?;
    let (date, time) = text.split_once(['T', 't'])?;
    let date = Date::parse_iso(date).ok()?;
    let time = time.split_once('.').map_or(time, |(whole, fraction)| {
        if !fraction.is_empty() && fraction.bytes().all(|b| b.is_ascii_digit()) {
            whole
        } else {
            ""
        }
    });
    let mut parts = time.split(':');
    let mut part = |max: i64| -> Option<i64> {
        let p = parts.next()?;
        let value = (p.len() == 2 && p.bytes().all(|b| b.is_ascii_digit()))
            .then(|| p.parse::<i64>().ok())
            .flatten()?;
        (value <= max).then_some(value)
    };
    let (hours, minutes, seconds) = (part(23)?, part(59)?, part(59)?);
    if parts.next().is_some() {
        return None;
    }
    Some(date.unix_days() * 86_400_000 + ((hours * 60 + minutes) * 60 + seconds) * 1000)
}

/// RFC 3339 in UTC of milliseconds since the Unix epoch, to the second: the inverse of [`parse_utc`].
pub fn format_utc(ms: i64) -> String {
    let date = Date::from_unix_ms(ms);
    let seconds = ms.rem_euclid(86_400_000) / 1000;
    format!(
        "{:04}-{:02}-{:02}T{:02}:{:02}:{:02}Z",
        date.year(),
        date.month(),
        date.day(),
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn notice() -> NewNotice {
        NewNotice {
            agency_id: Some("ntsa".into()),
            message_en: "NTSA services are being moved.".into(),
            message_sw: "Huduma za NTSA zinahamishwa.".into(),
            starts_at: "2026-12-03T08:00:00Z".into(),
            ends_at: "2026-12-03T11:00:00Z".into(),
            maintenance: true,
        }
    }

    const NOW: i64 = 1_795_338_000_000;

    fn codes(n: NewNotice) -> Vec<(&'static str, &'static str)> {
        n.validate(NOW)
            .err()
            .unwrap_or_default()
            .into_iter()
            .map(|p| (p.field, p.code))
            .collect()
    }

    #[test]
    fn reads_and_writes_utc_times() {
        assert_eq!(parse_utc("2026-11-22T09:00:00Z"), Some(1_795_338_000_000));
        assert_eq!(
            parse_utc("2026-11-22T09:00:00.123Z"),
            Some(1_795_338_000_000)
        );
        assert_eq!(format_utc(1_795_338_000_999), "2026-11-22T09:00:00Z");
        for bad in [
            "2026-11-22T09:00:00+03:00",
            "2026-11-22 09:00",
            "2026-02-30T09:00:00Z",
            "2026-11-22T24:00:00Z",
            "2026-11-22T09:00Z",
            "2026-11-22T09:00:00.Z",
            "",
        ] {
            assert_eq!(parse_utc(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_good_notice_passes_with_its_times() {
        let valid = notice().validate(NOW).expect("valid");
        assert_eq!(valid.ends_at_ms - valid.starts_at_ms, 3 * 3_600_000);
        assert_eq!(valid.agency_id.as_deref(), Some("ntsa"));
    }

    #[test]
    fn each_rule_names_its_field() {
        let mut n = notice();
        n.agency_id = None;
        n.message_en = " ".into();
        n.message_sw = "x".repeat(MAX_MESSAGE_CHARS + 1);
        n.ends_at = "2026-12-03T07:00:00Z".into();
        assert_eq!(
            codes(n),
            [
                ("agency_id", "agency_required"),
                ("message_en", "required"),
                ("message_sw", "too_long"),
                ("ends_at", "ends_before_start"),
            ]
        );
        let mut n = notice();
        n.starts_at = "tomorrow".into();
        n.ends_at = "2026-11-22T08:00:00Z".into();
        assert_eq!(
            codes(n),
            [("starts_at", "invalid_time"), ("ends_at", "ends_in_past")]
        );
    }

    #[test]
    fn a_portal_wide_notice_needs_no_agency_unless_it_is_a_maintenance_window() {
        let mut n = notice();
        n.agency_id = Some(String::new());
        n.maintenance = false;
        assert_eq!(n.validate(NOW).expect("valid").agency_id, None);
        let kiswahili_only = "ä".repeat(MAX_MESSAGE_CHARS);
        n.message_sw = kiswahili_only;
        assert!(n.validate(NOW).is_ok());
    }
}
