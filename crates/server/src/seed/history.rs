//! The seeded audit history (rule 3.10): for every seeded delivery password, the entries its
//! life would have written, consistent with its state: the issue when it shipped, agents'
//! resends and regenerations over the days after, a courier's codes, the lock, the expiry or
//! the retirement. A few agents have habits of their own, so the lead view's flags have
//! something to find: marco resends a lot and resends right after regenerating, sarah works
//! at night and sends to trusted recipients, lena (a lead) regenerates past the agents' limit.
//!
//! It draws from a random stream of its own (the batch's seed with a tag), so the rest of the
//! data is what it was without it. The entries come out unnumbered; the pipeline orders every
//! batch's by time and chains them (`seed/mod.rs`). Each password also gets its card's history.

use chrono::{DateTime, Duration, TimeZone, Utc};
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sportello_protocol::{
    AuditAction, AuditActor, AuditEntry, AuditOutcome, PasswordEvent, PasswordState,
    PasswordStatus, Role, ShipmentStatus,
};

use crate::store::{CustomerRow, SeedBatch, ShipmentRow};

/// Who acts in the seeded history, and how often each is picked for an agent's action.
const ACTORS: &[(&str, &str, Role, u32)] = &[
    ("alice", "Alice Bianchi", Role::Agent, 40),
    ("marco", "Marco Conti", Role::Agent, 35),
    ("sarah", "Sarah Miller", Role::Agent, 18),
    ("lena", "Lena Rossi", Role::Lead, 7),
];

const RESEND_REASONS: &[&str] = &[
    "Customer lost the e-mail with the code",
    "The mail went to the customer's spam folder",
    "Customer asked for it again before the courier arrives",
    "Customer deleted the mail by mistake",
];

const REGENERATE_REASONS: &[&str] = &[
    "Customer forwarded the code to the wrong person",
    "Customer suspects someone else read the mail",
    "The code was locked after wrong attempts at the door",
];

const IDENTITY_CHECKS: &[&str] = &[
    "security_questions",
    "callback_to_number_on_file",
    "verified_email_reply",
];

fn actor(username: &str, name: &str, role: Role) -> AuditActor {
    AuditActor {
        id: format!("A-{username}"),
        username: username.into(),
        name: name.into(),
        role,
    }
}

/// One shipment's history as it is drawn.
struct Draft<'a> {
    shipment: &'a ShipmentRow,
    account: String,
    trusted: Vec<String>,
    out: Vec<AuditEntry>,
}

impl Draft<'_> {
    #[allow(clippy::too_many_arguments)]
    fn push(
        &mut self,
        at: DateTime<Utc>,
        who: AuditActor,
        action: AuditAction,
        refused: Option<&str>,
        generation: u32,
        reason: String,
        identity_check: &str,
        channel: &str,
        destination: String,
    ) {
        self.out.push(AuditEntry {
            seq: 0,
            at: sportello_protocol::audit::to_micros(at),
            actor: who,
            action,
            outcome: if refused.is_some() {
                AuditOutcome::Refused
            } else {
                AuditOutcome::Done
            },
            problem: refused.map(str::to_string),
            shipment_id: self.shipment.id.clone(),
            order_id: self.shipment.order_id.clone(),
            ticket_id: None,
            generation,
            reason,
            identity_check: identity_check.into(),
            channel: channel.into(),
            destination,
            prev_hash: String::new(),
            hash: String::new(),
        });
    }
}

/// Draws the history of every password in `batch`, fills each password's card history, and
/// gives the entries back, unnumbered. `now` bounds every time drawn.
pub(super) fn add(
    batch: &mut SeedBatch,
    seed: u64,
    batch_no: u32,
    now: DateTime<Utc>,
) -> Vec<AuditEntry> {
    let mut key = [0u8; 32];
    key[..8].copy_from_slice(&seed.to_le_bytes());
    key[8..12].copy_from_slice(&batch_no.to_le_bytes());
    key[12..20].copy_from_slice(b"history!");
    let mut rng = ChaCha8Rng::from_seed(key);
    let mut entries = Vec::new();
    let mut histories = Vec::new();
    for (i, shipment) in batch.shipments.iter().enumerate() {
        if shipment.password.is_none() {
            continue;
        }
        let customer = batch
            .orders
            .iter()
            .find(|o| o.id == shipment.order_id)
            .and_then(|o| batch.customers.iter().find(|c| c.id == o.customer_id));
        let Some(customer) = customer else { continue };
        let draft = draw(&mut rng, shipment, customer, now);
        histories.push((i, card(&draft)));
        entries.extend(draft);
    }
    for (i, history) in histories {
        if let Some(p) = batch.shipments[i].password.as_mut() {
            p.history = history;
        }
    }
    entries
}

/// What the password's card lists: the last sends and regenerations, newest first.
fn card(entries: &[AuditEntry]) -> Vec<PasswordEvent> {
    let mut sends: Vec<&AuditEntry> = entries
        .iter()
        .filter(|e| {
            e.outcome == AuditOutcome::Done
                && matches!(
                    e.action,
                    AuditAction::Issue
                        | AuditAction::Resend
                        | AuditAction::Regenerate
                        | AuditAction::Unlock
                )
        })
        .collect();
    // Newest first as the chain numbers them: in time order (ties as drawn), reversed.
    sends.sort_by_key(|e| e.at);
    sends
        .into_iter()
        .rev()
        .take(PasswordStatus::HISTORY)
        .map(|e| PasswordEvent {
            at: e.at,
            action: e.action,
            actor_name: e.actor.name.clone(),
            destination: e.destination.clone(),
            reason: e.reason.clone(),
        })
        .collect()
}

/// One shipment's entries, in time order.
fn draw(
    rng: &mut ChaCha8Rng,
    shipment: &ShipmentRow,
    customer: &CustomerRow,
    now: DateTime<Utc>,
) -> Vec<AuditEntry> {
    let password = shipment
        .password
        .as_ref()
        .expect("a shipment with a password");
    let mut d = Draft {
        shipment,
        account: crate::mask::email(&customer.email),
        trusted: customer
            .recipients
            .iter()
            .map(|r| crate::mask::email(&r.email))
            .collect(),
        out: Vec::new(),
    };
    let feed = actor("feed", "Carrier feed", Role::Integration);
    let courier = actor("carlo", "Carlo Esposito", Role::Courier);
    let issued = password.issued_at;
    // The end of the password's active life, and of what agents could do to it.
    let finished = shipment
        .events
        .iter()
        .find(|e| matches!(e.kind, ShipmentStatus::Delivered | ShipmentStatus::Returned))
        .map(|e| e.at);
    let end = finished.unwrap_or(password.expires_at).min(now);
    d.push(
        issued,
        feed.clone(),
        AuditAction::Issue,
        None,
        1,
        "shipped".into(),
        "",
        "email",
        d.account.clone(),
    );
    let span = (end - issued).num_minutes().max(2);
    let at = |rng: &mut ChaCha8Rng, sarah: bool| {
        let mut t = issued + Duration::minutes(rng.gen_range(1..span));
        if sarah {
            // Late in the evening or early in the morning, Rome time (UTC+1 in winter).
            let hour = [21u32, 22, 23, 0, 1, 2, 3, 4][rng.gen_range(0..8)];
            let minute = rng.gen_range(0..60);
            if let Some(night) = t.date_naive().and_hms_opt(hour, minute, 0) {
                t = Utc.from_utc_datetime(&night);
            }
        }
        t.clamp(
            issued + Duration::minutes(1),
            end.max(issued + Duration::minutes(1)),
        )
    };
    let pick_actor = |rng: &mut ChaCha8Rng| {
        let mut roll = rng.gen_range(0..100);
        for (username, name, role, weight) in ACTORS {
            if roll < *weight {
                return actor(username, name, *role);
            }
            roll -= weight;
        }
        let (username, name, role, _) = ACTORS[0];
        actor(username, name, role)
    };
    let mut generation = 1;
    let agent_actions = if rng.gen_bool(0.4) {
        rng.gen_range(1..=3)
    } else {
        0
    } + u32::from(password.generation > 1);
    let mut regenerations_left = password.generation - 1;
    for n in 0..agent_actions {
        let who = pick_actor(rng);
        let when = at(rng, who.username == "sarah");
        let check = IDENTITY_CHECKS[rng.gen_range(0..IDENTITY_CHECKS.len())];
        if regenerations_left > 0 && (n + 1 == agent_actions || rng.gen_bool(0.5)) {
            regenerations_left -= 1;
            generation += 1;
            let reason = REGENERATE_REASONS[rng.gen_range(0..REGENERATE_REASONS.len())];
            d.push(
                when,
                who.clone(),
                AuditAction::Regenerate,
                None,
                generation,
                reason.into(),
                check,
                "email",
                d.account.clone(),
            );
            if who.username == "marco" && rng.gen_bool(0.7) {
                // Marco resends what he has just regenerated.
                d.push(
                    when + Duration::minutes(rng.gen_range(1..8)),
                    who,
                    AuditAction::Resend,
                    None,
                    generation,
                    "Customer did not see the new code yet".into(),
                    check,
                    "email",
                    d.account.clone(),
                );
            }
            continue;
        }
        let trusted =
            !d.trusted.is_empty() && rng.gen_bool(if who.username == "sarah" { 0.6 } else { 0.1 });
        let (channel, destination) = if trusted {
            let i = rng.gen_range(0..d.trusted.len());
            ("trusted_email", d.trusted[i].clone())
        } else {
            ("email", d.account.clone())
        };
        let reason = RESEND_REASONS[rng.gen_range(0..RESEND_REASONS.len())];
        let sends = if who.username == "marco" {
            rng.gen_range(1..=4)
        } else {
            1
        };
        for k in 0..sends {
            let at = when + Duration::minutes(2 * i64::from(k));
            d.push(
                at,
                who.clone(),
                AuditAction::Resend,
                None,
                generation,
                reason.into(),
                check,
                channel,
                destination.clone(),
            );
        }
        if who.username == "marco" && rng.gen_bool(0.2) {
            d.push(
                when + Duration::seconds(20),
                who,
                AuditAction::Resend,
                Some(sportello_protocol::problem::types::PASSWORD_LIMIT),
                generation,
                format!("{reason} (refused: sent less than 60 seconds ago)"),
                check,
                channel,
                String::new(),
            );
        }
    }
    match password.state {
        PasswordState::Locked => {
            let door = end - Duration::minutes(30).min(end - issued);
            for k in 1..=5 {
                d.push(
                    door + Duration::minutes(k),
                    courier.clone(),
                    AuditAction::CodeRejected,
                    None,
                    generation,
                    format!("code rejected ({k} of 5)"),
                    "",
                    "courier",
                    String::new(),
                );
            }
            d.push(
                door + Duration::minutes(5),
                courier,
                AuditAction::Lock,
                None,
                generation,
                "too many wrong codes; a regeneration unlocks it".into(),
                "",
                "courier",
                String::new(),
            );
        }
        PasswordState::Retired => {
            if let Some(done) = finished {
                if shipment.status == ShipmentStatus::Delivered {
                    d.push(
                        done - Duration::minutes(1),
                        courier,
                        AuditAction::CodeAccepted,
                        None,
                        generation,
                        "code accepted".into(),
                        "",
                        "courier",
                        String::new(),
                    );
                }
                d.push(
                    done,
                    feed,
                    AuditAction::Retire,
                    None,
                    generation,
                    shipment.status.as_str().into(),
                    "",
                    "carrier",
                    String::new(),
                );
            }
        }
        PasswordState::Expired => {
            d.push(
                password.expires_at,
                actor("server", "Sportello server", Role::Admin),
                AuditAction::Expiry,
                None,
                generation,
                format!(
                    "the delivery day ended at {}",
                    sportello_protocol::audit::chain_time(password.expires_at)
                ),
                "",
                "server",
                String::new(),
            );
        }
        _ => {}
    }
    d.out.retain(|e| e.at <= now);
    d.out.sort_by_key(|e| e.at);
    d.out
}
