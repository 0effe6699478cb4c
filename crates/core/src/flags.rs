//! The lead view's chart and flags (rule 7.8), computed on the lead's machine from the cached
//! trail's rows, in the lead's time zone (the team's: agents' own zones are not recorded).
//! Pure functions, tested without a cache.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use chrono::{NaiveDate, TimeZone, Timelike};
use sportello_protocol::{AuditAction, AuditOutcome};

use crate::audit::AuditRow;
use crate::types::{AuditFlag, DailyCount, FlagKind};

/// An agent's sends and regenerations on a day flag when above this many times the team's
/// median that day...
const BUSY_FACTOR: f64 = 3.0;
/// ...and at least this many, so quiet days do not flag.
const BUSY_FLOOR: u32 = 10;
/// A resend this soon after the same agent regenerated the same shipment flags.
const RESEND_AFTER_REGENERATE_MINUTES: i64 = 10;
/// Night is from this hour...
const NIGHT_FROM: u32 = 22;
/// ...to this one.
const NIGHT_TO: u32 = 6;
/// A shipment touched by this many agents in a day flags.
const MANY_AGENTS: usize = 3;

/// A send or regeneration an agent did.
fn is_send(r: &AuditRow) -> bool {
    r.by_agent
        && r.outcome == AuditOutcome::Done
        && matches!(
            r.action,
            AuditAction::Resend | AuditAction::Regenerate | AuditAction::Unlock
        )
}

/// Sends and regenerations per day and agent, by day then agent.
pub fn daily<Z: TimeZone>(rows: &[AuditRow], zone: &Z) -> Vec<DailyCount> {
    let mut counts: BTreeMap<(NaiveDate, &str), DailyCount> = BTreeMap::new();
    for r in rows.iter().filter(|r| is_send(r)) {
        let day = r.at.with_timezone(zone).date_naive();
        let c = counts
            .entry((day, r.actor_username.as_str()))
            .or_insert_with(|| DailyCount {
                day,
                actor_username: r.actor_username.clone(),
                actor_name: r.actor_name.clone(),
                resends: 0,
                regenerations: 0,
            });
        if r.action == AuditAction::Resend {
            c.resends += 1;
        } else {
            c.regenerations += 1;
        }
    }
    counts.into_values().collect()
}

fn median(mut values: Vec<u32>) -> f64 {
    values.sort_unstable();
    let n = values.len();
    match n {
        0 => 0.0,
        _ if !n.is_multiple_of(2) => f64::from(values[n / 2]),
        _ => (f64::from(values[n / 2 - 1]) + f64::from(values[n / 2])) / 2.0,
    }
}

/// Every flag the rows raise, by day then kind.
pub fn flags<Z: TimeZone>(rows: &[AuditRow], zone: &Z) -> Vec<AuditFlag> {
    let day_of = |r: &AuditRow| r.at.with_timezone(zone).date_naive();
    let mut out = Vec::new();

    // Busy days: an agent's sends against the team's median that day.
    let mut per_day: BTreeMap<NaiveDate, BTreeMap<&str, (String, Vec<u64>)>> = BTreeMap::new();
    for r in rows.iter().filter(|r| is_send(r)) {
        per_day
            .entry(day_of(r))
            .or_default()
            .entry(r.actor_username.as_str())
            .or_insert_with(|| (r.actor_name.clone(), Vec::new()))
            .1
            .push(r.seq);
    }
    for (day, agents) in &per_day {
        let m = median(agents.values().map(|(_, s)| s.len() as u32).collect());
        for (name, seqs) in agents.values() {
            let count = seqs.len() as u32;
            if count >= BUSY_FLOOR && f64::from(count) > BUSY_FACTOR * m {
                out.push(AuditFlag {
                    kind: FlagKind::BusyDay,
                    day: *day,
                    actor_name: Some(name.clone()),
                    shipment_id: None,
                    count,
                    median: Some(m),
                    seqs: seqs.clone(),
                });
            }
        }
    }

    // A regeneration, then a resend of the same shipment by the same agent soon after.
    let mut last_regeneration: HashMap<(&str, &str), &AuditRow> = HashMap::new();
    for r in rows.iter().filter(|r| is_send(r)) {
        let key = (r.actor_username.as_str(), r.shipment_id.as_str());
        match r.action {
            AuditAction::Regenerate | AuditAction::Unlock => {
                last_regeneration.insert(key, r);
            }
            AuditAction::Resend => {
                if let Some(regenerated) = last_regeneration.remove(&key) {
                    let minutes = (r.at - regenerated.at).num_minutes();
                    if (0..=RESEND_AFTER_REGENERATE_MINUTES).contains(&minutes) {
                        out.push(AuditFlag {
                            kind: FlagKind::ResendAfterRegenerate,
                            day: day_of(r),
                            actor_name: Some(r.actor_name.clone()),
                            shipment_id: Some(r.shipment_id.clone()),
                            count: minutes as u32,
                            median: None,
                            seqs: vec![regenerated.seq, r.seq],
                        });
                    }
                }
            }
            _ => {}
        }
    }

    // Per agent and day: actions at night, and sends to trusted recipients.
    let mut nights: BTreeMap<(NaiveDate, &str), (String, Vec<u64>)> = BTreeMap::new();
    let mut trusted: BTreeMap<(NaiveDate, &str), (String, Vec<u64>)> = BTreeMap::new();
    for r in rows.iter().filter(|r| r.by_agent) {
        let local = r.at.with_timezone(zone);
        let hour = local.hour();
        if !(NIGHT_TO..NIGHT_FROM).contains(&hour) {
            nights
                .entry((local.date_naive(), r.actor_username.as_str()))
                .or_insert_with(|| (r.actor_name.clone(), Vec::new()))
                .1
                .push(r.seq);
        }
        if r.action == AuditAction::Resend
            && r.outcome == AuditOutcome::Done
            && r.channel == "trusted_email"
        {
            trusted
                .entry((local.date_naive(), r.actor_username.as_str()))
                .or_insert_with(|| (r.actor_name.clone(), Vec::new()))
                .1
                .push(r.seq);
        }
    }
    for (kind, groups) in [
        (FlagKind::NightActions, nights),
        (FlagKind::TrustedRecipient, trusted),
    ] {
        for ((day, _), (name, seqs)) in groups {
            out.push(AuditFlag {
                kind,
                day,
                actor_name: Some(name),
                shipment_id: None,
                count: seqs.len() as u32,
                median: None,
                seqs,
            });
        }
    }

    // One shipment, many agents in a day.
    type Touched<'a> = BTreeMap<(NaiveDate, &'a str), (BTreeSet<&'a str>, Vec<u64>)>;
    let mut touched: Touched = BTreeMap::new();
    for r in rows.iter().filter(|r| r.by_agent) {
        let (agents, seqs) = touched
            .entry((day_of(r), r.shipment_id.as_str()))
            .or_default();
        agents.insert(r.actor_username.as_str());
        seqs.push(r.seq);
    }
    for ((day, shipment), (agents, seqs)) in touched {
        if agents.len() >= MANY_AGENTS {
            out.push(AuditFlag {
                kind: FlagKind::ManyAgents,
                day,
                actor_name: None,
                shipment_id: Some(shipment.to_string()),
                count: agents.len() as u32,
                median: None,
                seqs,
            });
        }
    }

    // Locks, with the wrong codes before them.
    let mut wrong: HashMap<&str, Vec<u64>> = HashMap::new();
    for r in rows {
        match r.action {
            AuditAction::CodeRejected if r.outcome == AuditOutcome::Done => {
                wrong.entry(r.shipment_id.as_str()).or_default().push(r.seq)
            }
            AuditAction::Lock => {
                let mut seqs = wrong.remove(r.shipment_id.as_str()).unwrap_or_default();
                seqs.push(r.seq);
                out.push(AuditFlag {
                    kind: FlagKind::LockAfterWrongCodes,
                    day: day_of(r),
                    actor_name: Some(r.actor_name.clone()),
                    shipment_id: Some(r.shipment_id.clone()),
                    count: seqs.len() as u32 - 1,
                    median: None,
                    seqs,
                });
            }
            AuditAction::Regenerate | AuditAction::Unlock => {
                wrong.remove(r.shipment_id.as_str());
            }
            _ => {}
        }
    }

    out.sort_by(|a, b| (a.day, a.kind as u8, &a.seqs).cmp(&(b.day, b.kind as u8, &b.seqs)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::{DateTime, Utc};

    fn row(seq: u64, at: &str, who: &str, action: AuditAction, shipment: &str) -> AuditRow {
        AuditRow {
            seq,
            at: at.parse::<DateTime<Utc>>().unwrap(),
            actor_username: who.into(),
            actor_name: who.to_uppercase(),
            by_agent: who != "carlo",
            action,
            outcome: AuditOutcome::Done,
            shipment_id: shipment.into(),
            channel: "email".into(),
        }
    }

    fn kinds(flags: &[AuditFlag]) -> Vec<FlagKind> {
        flags.iter().map(|f| f.kind).collect()
    }

    #[test]
    fn a_busy_day_flags_above_three_times_the_median_and_the_floor() {
        let mut rows = Vec::new();
        let mut seq = 0;
        let mut add = |who: &str, n: u32, rows: &mut Vec<AuditRow>| {
            for _ in 0..n {
                seq += 1;
                rows.push(row(
                    seq,
                    "2026-11-20T10:00:00Z",
                    who,
                    AuditAction::Resend,
                    &format!("S-{seq}"),
                ));
            }
        };
        add("alice", 3, &mut rows);
        add("sarah", 2, &mut rows);
        add("marco", 14, &mut rows);
        let flags = flags(&rows, &Utc);
        let busy: Vec<_> = flags
            .iter()
            .filter(|f| f.kind == FlagKind::BusyDay)
            .collect();
        assert_eq!(busy.len(), 1);
        assert_eq!(busy[0].actor_name.as_deref(), Some("MARCO"));
        assert_eq!((busy[0].count, busy[0].median), (14, Some(3.0)));
        // Three times the median, but under the floor: a quiet day.
        let quiet = [
            row(
                1,
                "2026-11-21T10:00:00Z",
                "alice",
                AuditAction::Resend,
                "S-1",
            ),
            row(
                2,
                "2026-11-21T10:00:00Z",
                "marco",
                AuditAction::Resend,
                "S-2",
            ),
            row(
                3,
                "2026-11-21T10:00:00Z",
                "marco",
                AuditAction::Resend,
                "S-3",
            ),
            row(
                4,
                "2026-11-21T10:00:00Z",
                "marco",
                AuditAction::Resend,
                "S-4",
            ),
            row(
                5,
                "2026-11-21T10:00:00Z",
                "marco",
                AuditAction::Resend,
                "S-5",
            ),
        ];
        assert!(!kinds(&super::flags(&quiet, &Utc)).contains(&FlagKind::BusyDay));
    }

    #[test]
    fn a_resend_soon_after_a_regeneration_flags_and_a_later_one_does_not() {
        let rows = [
            row(
                1,
                "2026-11-20T10:00:00Z",
                "marco",
                AuditAction::Regenerate,
                "S-1",
            ),
            row(
                2,
                "2026-11-20T10:04:00Z",
                "marco",
                AuditAction::Resend,
                "S-1",
            ),
            row(
                3,
                "2026-11-20T11:00:00Z",
                "alice",
                AuditAction::Regenerate,
                "S-2",
            ),
            row(
                4,
                "2026-11-20T11:30:00Z",
                "alice",
                AuditAction::Resend,
                "S-2",
            ),
            row(
                5,
                "2026-11-20T12:00:00Z",
                "sarah",
                AuditAction::Regenerate,
                "S-3",
            ),
            row(
                6,
                "2026-11-20T12:01:00Z",
                "alice",
                AuditAction::Resend,
                "S-3",
            ),
        ];
        let found: Vec<_> = flags(&rows, &Utc)
            .into_iter()
            .filter(|f| f.kind == FlagKind::ResendAfterRegenerate)
            .collect();
        assert_eq!(found.len(), 1);
        assert_eq!((found[0].seqs.clone(), found[0].count), (vec![1, 2], 4));
    }

    #[test]
    fn night_is_read_in_the_leads_time_zone() {
        let rows = [row(
            1,
            "2026-11-20T22:30:00Z",
            "sarah",
            AuditAction::Resend,
            "S-1",
        )];
        assert!(kinds(&flags(&rows, &Utc)).contains(&FlagKind::NightActions));
        // 23:30 in Rome, still night; 17:30 in New York, not.
        assert!(kinds(&flags(&rows, &chrono_tz::Europe::Rome)).contains(&FlagKind::NightActions));
        assert!(
            !kinds(&flags(&rows, &chrono_tz::America::New_York)).contains(&FlagKind::NightActions)
        );
    }

    #[test]
    fn many_agents_locks_and_trusted_recipients_flag() {
        let mut trusted = row(
            4,
            "2026-11-20T10:03:00Z",
            "alice",
            AuditAction::Resend,
            "S-9",
        );
        trusted.channel = "trusted_email".into();
        let rows = [
            row(
                1,
                "2026-11-20T10:00:00Z",
                "alice",
                AuditAction::Resend,
                "S-1",
            ),
            row(
                2,
                "2026-11-20T10:01:00Z",
                "marco",
                AuditAction::Resend,
                "S-1",
            ),
            row(
                3,
                "2026-11-20T10:02:00Z",
                "sarah",
                AuditAction::Regenerate,
                "S-1",
            ),
            trusted,
            row(
                5,
                "2026-11-20T15:00:00Z",
                "carlo",
                AuditAction::CodeRejected,
                "S-7",
            ),
            row(
                6,
                "2026-11-20T15:01:00Z",
                "carlo",
                AuditAction::CodeRejected,
                "S-7",
            ),
            row(7, "2026-11-20T15:02:00Z", "carlo", AuditAction::Lock, "S-7"),
        ];
        let flags = flags(&rows, &Utc);
        let many = flags
            .iter()
            .find(|f| f.kind == FlagKind::ManyAgents)
            .unwrap();
        assert_eq!((many.shipment_id.as_deref(), many.count), (Some("S-1"), 3));
        let lock = flags
            .iter()
            .find(|f| f.kind == FlagKind::LockAfterWrongCodes)
            .unwrap();
        assert_eq!((lock.seqs.clone(), lock.count), (vec![5, 6, 7], 2));
        let sent = flags
            .iter()
            .find(|f| f.kind == FlagKind::TrustedRecipient)
            .unwrap();
        assert_eq!(sent.seqs, vec![4]);
        assert_eq!(
            daily(&rows, &Utc)
                .iter()
                .map(|d| d.resends + d.regenerations)
                .sum::<u32>(),
            4
        );
    }
}
