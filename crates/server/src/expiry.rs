//! When a delivery password stops working: 23:59:59 of the delivery day in the delivery
//! address's time zone, not the server's (DESIGN §3 rule 2).

use chrono::{DateTime, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// The expiry instant, or an error for an unknown time zone name.
pub fn expires_at(delivery_date: NaiveDate, delivery_tz: &str) -> anyhow::Result<DateTime<Utc>> {
    let tz: Tz = delivery_tz
        .parse()
        .map_err(|_| anyhow::anyhow!("unknown time zone {delivery_tz:?}"))?;
    let local = delivery_date.and_time(NaiveTime::from_hms_opt(23, 59, 59).expect("valid time"));
    let instant = match tz.from_local_datetime(&local) {
        LocalResult::Single(t) => t,
        // A repeated hour: the later instant keeps the password valid the whole local day.
        LocalResult::Ambiguous(_, later) => later,
        // A skipped hour (no zone skips 23:59, but be total): the next valid local instant.
        LocalResult::None => tz
            .from_local_datetime(&(local + chrono::Duration::hours(1)))
            .latest()
            .ok_or_else(|| anyhow::anyhow!("no valid local time near {local} in {delivery_tz}"))?,
    };
    Ok(instant.with_timezone(&Utc))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn rome_on_the_day_summer_time_ends() {
        // 2026-10-25: CEST ends at 03:00; the evening is CET (UTC+1).
        let d = NaiveDate::from_ymd_opt(2026, 10, 25).unwrap();
        assert_eq!(
            expires_at(d, "Europe/Rome").unwrap(),
            at("2026-10-25T22:59:59Z")
        );
    }

    #[test]
    fn rome_in_summer_and_new_york_and_london() {
        let d = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
        assert_eq!(
            expires_at(d, "Europe/Rome").unwrap(),
            at("2026-07-01T21:59:59Z")
        );
        assert_eq!(
            expires_at(d, "America/New_York").unwrap(),
            at("2026-07-02T03:59:59Z")
        );
        assert_eq!(
            expires_at(d, "Europe/London").unwrap(),
            at("2026-07-01T22:59:59Z")
        );
    }

    #[test]
    fn an_unknown_zone_is_an_error() {
        let d = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
        assert!(expires_at(d, "Mars/Olympus").is_err());
    }
}
