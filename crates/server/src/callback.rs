//! The callback rules (docs/product.md §4) as pure functions of the stored callback, the request and
//! the time: when a new callback is due, and what an attempt does to it. The store applies
//! them inside its transaction, after taking the ticket's row lock.
//!
//! - A callback is due at the time asked for, or within [`Callback::ASAP_MINUTES`] minutes
//!   when the customer wants it as soon as possible; not in the past, not more than
//!   [`Callback::MAX_DAYS_AHEAD`] days ahead.
//! - Up to [`Callback::MAX_ATTEMPTS`] attempts, at least [`Callback::RETRY_MINUTES`] minutes
//!   apart. `answered` completes it; `wrong_number` ends it (failed) and flags the phone; the
//!   third other failure fails it and sends the ticket back to the queue. After a failure the
//!   callback is due again when the next attempt may be made.

use chrono::{DateTime, Duration, Utc};
use sportello_protocol::{Callback, CallbackOutcome, CallbackState};

/// Why a callback cannot be scheduled as asked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DueRefusal {
    /// Neither a due time nor `asap`, or both.
    Unclear,
    /// The due time has passed.
    InThePast,
    /// Further ahead than [`Callback::MAX_DAYS_AHEAD`] days.
    TooFar,
}

impl DueRefusal {
    pub fn message(&self) -> String {
        match self {
            DueRefusal::Unclear => {
                "give either a due time (due_at) or asap: true, not both and not neither".into()
            }
            DueRefusal::InThePast => "the due time has passed: pick a time from now on".into(),
            DueRefusal::TooFar => format!(
                "the due time is more than {} days ahead",
                Callback::MAX_DAYS_AHEAD
            ),
        }
    }
}

/// When a new callback falls due.
pub fn due_at(
    due_at: Option<DateTime<Utc>>,
    asap: bool,
    now: DateTime<Utc>,
) -> Result<DateTime<Utc>, DueRefusal> {
    match (due_at, asap) {
        (None, true) => Ok(now + Duration::minutes(Callback::ASAP_MINUTES)),
        (Some(at), false) => {
            // A minute of grace for a clock that runs a little behind the server's.
            if at < now - Duration::minutes(1) {
                Err(DueRefusal::InThePast)
            } else if at > now + Duration::days(Callback::MAX_DAYS_AHEAD) {
                Err(DueRefusal::TooFar)
            } else {
                Ok(at)
            }
        }
        _ => Err(DueRefusal::Unclear),
    }
}

/// A callback as its stored row and attempts describe it.
#[derive(Debug, Clone, Copy)]
pub struct Record {
    pub state: CallbackState,
    pub attempts: u32,
    pub last_attempt_at: Option<DateTime<Utc>>,
}

/// Why an attempt cannot be logged now.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AttemptRefusal {
    /// Completed, failed or cancelled: no more attempts.
    Finished(CallbackState),
    /// Less than [`Callback::RETRY_MINUTES`] since the last attempt.
    TooSoon { retry_at: DateTime<Utc> },
}

/// What an attempt does.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Effect {
    pub state: CallbackState,
    /// When the callback is due next, while it stays scheduled.
    pub next_due_at: Option<DateTime<Utc>>,
    /// The number on file is wrong: flag it.
    pub flag_phone: bool,
    /// The callback failed for good: the ticket goes back to the queue, unassigned.
    pub back_to_queue: bool,
}

impl Record {
    pub fn attempt(
        &self,
        outcome: CallbackOutcome,
        now: DateTime<Utc>,
    ) -> Result<Effect, AttemptRefusal> {
        if self.state != CallbackState::Scheduled {
            return Err(AttemptRefusal::Finished(self.state));
        }
        if let Some(last) = self.last_attempt_at {
            let retry_at = last + Duration::minutes(Callback::RETRY_MINUTES);
            if now < retry_at {
                return Err(AttemptRefusal::TooSoon { retry_at });
            }
        }
        let made = self.attempts + 1;
        Ok(match outcome {
            CallbackOutcome::Answered => Effect {
                state: CallbackState::Completed,
                next_due_at: None,
                flag_phone: false,
                back_to_queue: false,
            },
            CallbackOutcome::WrongNumber => Effect {
                state: CallbackState::Failed,
                next_due_at: None,
                flag_phone: true,
                back_to_queue: true,
            },
            CallbackOutcome::NoAnswer | CallbackOutcome::Busy | CallbackOutcome::Voicemail
                if made >= Callback::MAX_ATTEMPTS =>
            {
                Effect {
                    state: CallbackState::Failed,
                    next_due_at: None,
                    flag_phone: false,
                    back_to_queue: true,
                }
            }
            CallbackOutcome::NoAnswer | CallbackOutcome::Busy | CallbackOutcome::Voicemail => {
                Effect {
                    state: CallbackState::Scheduled,
                    next_due_at: Some(now + Duration::minutes(Callback::RETRY_MINUTES)),
                    flag_phone: false,
                    back_to_queue: false,
                }
            }
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn asap_is_due_within_five_minutes_and_a_time_must_be_ahead() {
        let now = t("2026-11-23T10:00:00Z");
        assert_eq!(due_at(None, true, now), Ok(t("2026-11-23T10:05:00Z")));
        assert_eq!(
            due_at(Some(t("2026-11-23T15:00:00Z")), false, now),
            Ok(t("2026-11-23T15:00:00Z"))
        );
        assert_eq!(
            due_at(Some(t("2026-11-23T09:30:00Z")), false, now),
            Err(DueRefusal::InThePast)
        );
        assert_eq!(
            due_at(Some(t("2026-12-24T10:00:00Z")), false, now),
            Err(DueRefusal::TooFar)
        );
        assert_eq!(due_at(None, false, now), Err(DueRefusal::Unclear));
        assert_eq!(
            due_at(Some(t("2026-11-23T15:00:00Z")), true, now),
            Err(DueRefusal::Unclear)
        );
    }

    #[test]
    fn three_failures_ten_minutes_apart_fail_the_callback() {
        let mut r = Record {
            state: CallbackState::Scheduled,
            attempts: 0,
            last_attempt_at: None,
        };
        let mut now = t("2026-11-23T10:00:00Z");
        for (n, outcome) in [
            CallbackOutcome::NoAnswer,
            CallbackOutcome::Busy,
            CallbackOutcome::Voicemail,
        ]
        .into_iter()
        .enumerate()
        {
            let e = r.attempt(outcome, now).unwrap();
            if n < 2 {
                assert_eq!(e.state, CallbackState::Scheduled);
                assert_eq!(e.next_due_at, Some(now + Duration::minutes(10)));
                assert!(!e.back_to_queue);
                // Nine minutes later is too soon.
                r = Record {
                    state: e.state,
                    attempts: n as u32 + 1,
                    last_attempt_at: Some(now),
                };
                assert_eq!(
                    r.attempt(CallbackOutcome::NoAnswer, now + Duration::minutes(9)),
                    Err(AttemptRefusal::TooSoon {
                        retry_at: now + Duration::minutes(10)
                    })
                );
                now += Duration::minutes(10);
            } else {
                assert_eq!(e.state, CallbackState::Failed);
                assert!(e.back_to_queue);
                assert!(!e.flag_phone);
            }
        }
    }

    #[test]
    fn answered_completes_and_wrong_number_ends_and_flags() {
        let r = Record {
            state: CallbackState::Scheduled,
            attempts: 1,
            last_attempt_at: Some(t("2026-11-23T09:00:00Z")),
        };
        let now = t("2026-11-23T10:00:00Z");
        let answered = r.attempt(CallbackOutcome::Answered, now).unwrap();
        assert_eq!(answered.state, CallbackState::Completed);
        assert!(!answered.back_to_queue && !answered.flag_phone);
        let wrong = r.attempt(CallbackOutcome::WrongNumber, now).unwrap();
        assert_eq!(wrong.state, CallbackState::Failed);
        assert!(wrong.flag_phone);
    }

    #[test]
    fn a_finished_callback_takes_no_attempt() {
        for state in [
            CallbackState::Completed,
            CallbackState::Failed,
            CallbackState::Cancelled,
        ] {
            let r = Record {
                state,
                attempts: 1,
                last_attempt_at: None,
            };
            assert_eq!(
                r.attempt(CallbackOutcome::Answered, t("2026-11-23T10:00:00Z")),
                Err(AttemptRefusal::Finished(state))
            );
        }
    }
}
