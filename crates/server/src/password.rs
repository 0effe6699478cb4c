//! The delivery-password rules (docs/product.md §3) that decide whether an action may happen: pure
//! functions of the password's stored record, the actor and the time, so every rule is tested
//! without a database and applied inside the store's transaction, where the record is locked.

use chrono::{DateTime, Duration, NaiveDate, Utc};
use chrono_tz::Tz;
use sportello_protocol::{PasswordLimit, PasswordState, Role, ShipmentStatus};

use crate::expiry::{day_in, next_day_starts};

/// Rule 3.1: orders at or above this total (in cents of their currency) ship with a delivery
/// password.
pub const SECURE_THRESHOLD_CENTS: i64 = 25_000;
/// Rule 3.7: at most this many sends per shipment and day.
pub const MAX_SENDS_PER_DAY: u32 = PasswordLimit::SendsPerDay.max();
/// Rule 3.7: at least this long between two sends.
pub const SECONDS_BETWEEN_SENDS: i64 = PasswordLimit::SecondsBetweenSends.max() as i64;
/// Rule 3.9: wrong codes before the password locks.
pub const MAX_FAILED_VERIFICATIONS: u32 = 5;
/// Rule 3.9: wrong codes a courier account may enter within an hour; one more disables it.
pub const COURIER_WRONG_CODES_PER_HOUR: u32 = 20;
/// Rule 3.6: regenerations on one day an agent may do; the next ones need a lead.
pub const AGENT_REGENERATIONS_PER_DAY: u32 = 2;

/// A password as the store keeps it, with its shipment's status.
#[derive(Debug, Clone)]
pub struct Record {
    pub shipment_status: ShipmentStatus,
    pub state: PasswordState,
    pub generation: u32,
    pub expires_at: DateTime<Utc>,
    /// The delivery time zone: its calendar day is the day the counters count (rule 3.8).
    pub zone: Tz,
    /// The day, in [`Record::zone`], the counters below count.
    pub counters_day: NaiveDate,
    pub sends_today: u32,
    pub regenerations_today: u32,
    pub last_sent_at: Option<DateTime<Utc>>,
}

/// Why an action is refused.
#[derive(Debug, Clone, PartialEq)]
pub enum Refusal {
    /// Rule 3.11: delivered or returned.
    Finished(ShipmentStatus),
    /// Locked, expired or retired: resend cannot help, regenerate can.
    NotActive(PasswordState),
    /// Rule 3.7.
    Limit {
        limit: PasswordLimit,
        resets_at: DateTime<Utc>,
    },
    /// Rule 3.6.
    LeadRequired { regenerations_today: u32 },
}

impl Record {
    /// The delivery day at `now`: the day a send made now counts toward.
    pub fn day(&self, now: DateTime<Utc>) -> NaiveDate {
        day_in(self.zone, now)
    }

    /// The counters as they stand at `now`: a new delivery day starts from zero.
    pub fn today(&self, now: DateTime<Utc>) -> (u32, u32) {
        if self.counters_day == self.day(now) {
            (self.sends_today, self.regenerations_today)
        } else {
            (0, 0)
        }
    }

    /// The state at `now`: an active code past its expiry is expired.
    pub fn state_at(&self, now: DateTime<Utc>) -> PasswordState {
        if self.state == PasswordState::Active && self.expires_at <= now {
            PasswordState::Expired
        } else {
            self.state
        }
    }

    fn check_open(&self) -> Result<(), Refusal> {
        match self.shipment_status {
            ShipmentStatus::Delivered | ShipmentStatus::Returned => {
                Err(Refusal::Finished(self.shipment_status))
            }
            _ => Ok(()),
        }
    }

    fn check_daily_sends(&self, now: DateTime<Utc>) -> Result<(), Refusal> {
        let (sends, _) = self.today(now);
        if sends >= MAX_SENDS_PER_DAY {
            return Err(Refusal::Limit {
                limit: PasswordLimit::SendsPerDay,
                resets_at: next_day_starts(self.zone, now),
            });
        }
        Ok(())
    }

    /// Rules 3.5, 3.7 and 3.11 for sending the current code again.
    pub fn check_resend(&self, now: DateTime<Utc>) -> Result<(), Refusal> {
        self.check_open()?;
        let state = self.state_at(now);
        if state != PasswordState::Active {
            return Err(Refusal::NotActive(state));
        }
        self.check_daily_sends(now)?;
        if let Some(last) = self.last_sent_at {
            let next = last + Duration::seconds(SECONDS_BETWEEN_SENDS);
            if now < next {
                return Err(Refusal::Limit {
                    limit: PasswordLimit::SecondsBetweenSends,
                    resets_at: next,
                });
            }
        }
        Ok(())
    }

    /// Rules 3.6, 3.7 and 3.11 for retiring the code and sending a new one. A regeneration is a
    /// send (it counts toward the daily five) but a deliberate one, with a reason: it is not
    /// held back by the 60-second spacing meant to stop accidental double resends.
    pub fn check_regenerate(&self, actor: Role, now: DateTime<Utc>) -> Result<(), Refusal> {
        self.check_open()?;
        let (_, regenerations) = self.today(now);
        if regenerations >= AGENT_REGENERATIONS_PER_DAY && actor != Role::Lead {
            return Err(Refusal::LeadRequired {
                regenerations_today: regenerations,
            });
        }
        self.check_daily_sends(now)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    fn active(now: DateTime<Utc>) -> Record {
        Record {
            shipment_status: ShipmentStatus::OutForDelivery,
            state: PasswordState::Active,
            generation: 1,
            expires_at: now + Duration::hours(10),
            zone: chrono_tz::UTC,
            counters_day: now.date_naive(),
            sends_today: 1,
            regenerations_today: 0,
            last_sent_at: Some(now - Duration::hours(1)),
        }
    }

    #[test]
    fn rule_3_11_finished_shipments_take_no_action() {
        let now = at("2026-11-23T10:00:00Z");
        for status in [ShipmentStatus::Delivered, ShipmentStatus::Returned] {
            let r = Record {
                shipment_status: status,
                ..active(now)
            };
            assert_eq!(r.check_resend(now), Err(Refusal::Finished(status)));
            assert_eq!(
                r.check_regenerate(Role::Lead, now),
                Err(Refusal::Finished(status))
            );
        }
    }

    #[test]
    fn rule_3_7_five_sends_a_day_then_midnight() {
        let now = at("2026-11-23T10:00:00Z");
        let r = Record {
            sends_today: 5,
            ..active(now)
        };
        let refusal = Err(Refusal::Limit {
            limit: PasswordLimit::SendsPerDay,
            resets_at: at("2026-11-24T00:00:00Z"),
        });
        assert_eq!(r.check_resend(now), refusal);
        assert_eq!(r.check_regenerate(Role::Lead, now), refusal);
        // The counters belong to their day.
        let tomorrow = at("2026-11-24T00:00:01Z");
        let r = Record {
            expires_at: tomorrow + Duration::hours(1),
            ..r
        };
        assert_eq!(r.check_resend(tomorrow), Ok(()));
    }

    #[test]
    fn rule_3_7_sixty_seconds_between_sends() {
        let now = at("2026-11-23T10:00:00Z");
        let r = Record {
            last_sent_at: Some(now - Duration::seconds(59)),
            ..active(now)
        };
        assert_eq!(
            r.check_resend(now),
            Err(Refusal::Limit {
                limit: PasswordLimit::SecondsBetweenSends,
                resets_at: now + Duration::seconds(1),
            })
        );
        assert_eq!(r.check_resend(now + Duration::seconds(1)), Ok(()));
        // A regeneration is deliberate: the spacing does not hold it back.
        assert_eq!(r.check_regenerate(Role::Agent, now), Ok(()));
    }

    #[test]
    fn resend_needs_an_active_code() {
        let now = at("2026-11-23T10:00:00Z");
        for state in [PasswordState::Locked, PasswordState::Retired] {
            let r = Record {
                state,
                ..active(now)
            };
            assert_eq!(r.check_resend(now), Err(Refusal::NotActive(state)));
            assert_eq!(r.check_regenerate(Role::Agent, now), Ok(()));
        }
        let r = Record {
            expires_at: now,
            ..active(now)
        };
        assert_eq!(
            r.check_resend(now),
            Err(Refusal::NotActive(PasswordState::Expired))
        );
    }

    #[test]
    fn rule_3_6_the_third_regeneration_of_a_day_needs_a_lead() {
        let now = at("2026-11-23T10:00:00Z");
        let r = Record {
            regenerations_today: 2,
            ..active(now)
        };
        assert_eq!(
            r.check_regenerate(Role::Agent, now),
            Err(Refusal::LeadRequired {
                regenerations_today: 2
            })
        );
        assert_eq!(r.check_regenerate(Role::Lead, now), Ok(()));
        let yesterday = Record {
            counters_day: at("2026-11-22T10:00:00Z").date_naive(),
            ..r
        };
        assert_eq!(yesterday.check_regenerate(Role::Agent, now), Ok(()));
    }

    #[test]
    fn rule_3_8_the_limits_count_the_delivery_day_and_reset_at_its_midnight() {
        // 23:30 UTC on 30 November is already 1 December in Rome.
        let now = at("2026-11-30T23:30:00Z");
        let rome: Tz = "Europe/Rome".parse().unwrap();
        let r = Record {
            zone: rome,
            counters_day: "2026-12-01".parse().unwrap(),
            sends_today: 5,
            ..active(now)
        };
        assert_eq!(r.today(now), (5, 0));
        assert_eq!(
            r.check_resend(now),
            Err(Refusal::Limit {
                limit: PasswordLimit::SendsPerDay,
                // Midnight in Rome, not in UTC.
                resets_at: at("2026-12-01T23:00:00Z"),
            })
        );
        // The UTC day's counters are yesterday's in Rome: they no longer count.
        let yesterday = Record {
            counters_day: "2026-11-30".parse().unwrap(),
            ..r
        };
        assert_eq!(yesterday.today(now), (0, 0));
        assert_eq!(yesterday.check_resend(now), Ok(()));
    }
}
