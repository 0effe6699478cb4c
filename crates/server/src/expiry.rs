//! The delivery day in the delivery address's time zone, not the server's: a password stops
//! working at its 23:59:59 (rule 3.2), and the limits of a password count that zone's calendar
//! day and reset at its midnight (rule 3.8).

use chrono::{DateTime, LocalResult, NaiveDate, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;

/// A delivery time zone by its IANA name.
pub fn zone(delivery_tz: &str) -> anyhow::Result<Tz> {
    delivery_tz
        .parse()
        .map_err(|_| anyhow::anyhow!("unknown time zone {delivery_tz:?}"))
}

/// The calendar day it is at `now` in `tz`: the day a password's limits count (rule 3.8).
pub fn day_in(tz: Tz, now: DateTime<Utc>) -> NaiveDate {
    now.with_timezone(&tz).date_naive()
}

/// The next midnight in `tz` after `now`, as an instant: when the day's limits reset. Where a
/// zone skips midnight (a summer-time change at 00:00), the day starts at its first instant.
pub fn next_day_starts(tz: Tz, now: DateTime<Utc>) -> DateTime<Utc> {
    let next = day_in(tz, now) + chrono::Duration::days(1);
    let midnight = next.and_time(NaiveTime::MIN);
    let start = match tz.from_local_datetime(&midnight) {
        LocalResult::Single(t) | LocalResult::Ambiguous(t, _) => t,
        LocalResult::None => (1..=4)
            .find_map(|h| {
                tz.from_local_datetime(&(midnight + chrono::Duration::hours(h)))
                    .earliest()
            })
            .expect("a day starts within four hours of its midnight"),
    };
    start.with_timezone(&Utc)
}

/// The expiry instant, or an error for an unknown time zone name.
pub fn expires_at(delivery_date: NaiveDate, delivery_tz: &str) -> anyhow::Result<DateTime<Utc>> {
    let tz = zone(delivery_tz)?;
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
    fn the_limits_day_is_the_delivery_zones_day() {
        let rome = zone("Europe/Rome").unwrap();
        let ny = zone("America/New_York").unwrap();
        // 23:30 UTC on the last day of February is already March in Rome, still February in
        // New York.
        let now = at("2027-02-28T23:30:00Z");
        assert_eq!(
            day_in(rome, now),
            NaiveDate::from_ymd_opt(2027, 3, 1).unwrap()
        );
        assert_eq!(
            day_in(ny, now),
            NaiveDate::from_ymd_opt(2027, 2, 28).unwrap()
        );
        assert_eq!(next_day_starts(rome, now), at("2027-03-01T23:00:00Z"));
        assert_eq!(next_day_starts(ny, now), at("2027-03-01T05:00:00Z"));
        // The night summer time starts in New York (2 a.m. is skipped, midnight exists).
        assert_eq!(
            next_day_starts(ny, at("2027-03-14T03:00:00Z")),
            at("2027-03-14T05:00:00Z")
        );
        // Where midnight itself is skipped (Santiago, 2026-09-06), the day starts at 01:00.
        let santiago = zone("America/Santiago").unwrap();
        assert_eq!(
            next_day_starts(santiago, at("2026-09-05T12:00:00Z")),
            at("2026-09-06T04:00:00Z")
        );
    }

    #[test]
    fn an_unknown_zone_is_an_error() {
        let d = NaiveDate::from_ymd_opt(2026, 7, 1).unwrap();
        assert!(expires_at(d, "Mars/Olympus").is_err());
    }
}
