//! Driving test slots: the demo (and a fresh install) gets slots at every Driving Test Unit for the next 14
//! weekdays, at 09:00 and 11:00 in Kenya, 4 places each. Loading again adds only the slots that are missing
//! (one per centre and start time).

use njia_domain::api::test_bookings::EAT_OFFSET_MS;

use crate::db::Db;

const DAY_MS: i64 = 86_400_000;
/// Start times in Kenya, in hours after midnight.
const HOURS: [i64; 2] = [9, 11];
const WEEKDAYS: usize = 14;
pub const PLACES: i64 = 4;

/// The start times (UTC milliseconds) of the slots of the `WEEKDAYS` weekdays after `now`'s day in Kenya.
pub fn slot_times(now: i64) -> Vec<i64> {
    // Days since 1970-01-01 (a Thursday) in Kenya's time.
    let today = (now + EAT_OFFSET_MS).div_euclid(DAY_MS);
    let mut times = Vec::new();
    let mut day = today;
    let mut weekdays = 0;
    while weekdays < WEEKDAYS {
        day += 1;
        // 0 = Thursday … 2 = Saturday, 3 = Sunday.
        if matches!(day.rem_euclid(7), 2 | 3) {
            continue;
        }
        weekdays += 1;
        for hour in HOURS {
            times.push(day * DAY_MS + hour * 3_600_000 - EAT_OFFSET_MS);
        }
    }
    times
}

/// Makes sure every test centre has its slots for the coming weekdays; returns how many were added.
pub async fn ensure_slots(db: &Db, now: i64) -> anyhow::Result<u64> {
    let centres: Vec<String> = sqlx::query_scalar("SELECT id FROM test_centres ORDER BY id")
        .fetch_all(&db.pool)
        .await?;
    let mut tx = db.begin().await?;
    let mut added = 0;
    for centre in &centres {
        for starts_at in slot_times(now) {
            added += sqlx::query(
                "INSERT INTO test_slots (id, centre_id, starts_at, capacity, booked) VALUES ($1, $2, $3, $4, 0) \
                 ON CONFLICT (centre_id, starts_at) DO NOTHING",
            )
            .bind(uuid::Uuid::new_v4().to_string())
            .bind(centre)
            .bind(starts_at)
            .bind(PLACES)
            .execute(&mut *tx)
            .await?
            .rows_affected();
        }
    }
    tx.commit().await?;
    Ok(added)
}

#[cfg(test)]
mod tests {
    use super::*;
    use njia_domain::api::test_bookings::kenya_date_time;

    #[test]
    fn slots_fall_on_the_next_weekdays_at_nine_and_eleven_in_kenya() {
        // Friday 2026-12-11 at 22:30 in Nairobi (19:30 UTC).
        let now = 1_797_017_400_000;
        let times = slot_times(now);
        assert_eq!(times.len(), 28);
        let first = kenya_date_time(times[0]);
        assert_eq!(
            (first.0.to_string(), first.1.as_str()),
            ("2026-12-14".to_string(), "09:00"),
            "Saturday and Sunday are skipped"
        );
        let second = kenya_date_time(times[1]);
        assert_eq!(second.1, "11:00");
        assert!(times.iter().all(|t| *t > now));
    }
}
