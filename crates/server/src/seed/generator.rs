//! The row generator: one ChaCha8 stream per batch, seeded from `--seed` and the batch
//! number, turns the word tables into customers, orders, shipments, delivery passwords,
//! tickets (with their messages) and callbacks. The order of its draws is the data: drawing
//! in another order changes what every `--seed` gives.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sportello_protocol::{
    Callback, CallbackAttempt, CallbackOutcome, CallbackState, Category, Channel, Message,
    MessageKind, PasswordState, ShipmentStatus, TicketStatus, TrackingEvent,
};

use super::words::{
    Zone, AUTHORS, CATALOGUE, CUSTOMER_BODIES_EN, CUSTOMER_BODIES_IT, EN_FIRST, EN_LAST, IT_FIRST,
    IT_LAST, NOTES, REPLIES_EN, REPLIES_IT, RESOLUTION_EN, RESOLUTION_IT, SUBJECTS, ZONES,
};
use super::{SeedOptions, BATCH, SECURE_THRESHOLD_CENTS};
use crate::expiry::expires_at;
use crate::secrets::{Code, Keys};
use crate::store::{
    CustomerRow, ItemRow, OrderRow, PasswordRow, PhoneRow, RecipientRow, SeedBatch, ShipmentRow,
    TicketRow,
};

/// The rows of one batch, drawn from its own random stream (see [`Generator::new`]).
pub(super) struct Generator<'a> {
    rng: ChaCha8Rng,
    keys: &'a Keys,
    today: NaiveDate,
    /// Midnight UTC of `today`: the anchor of every relative time.
    anchor: DateTime<Utc>,
    batch_no: u32,
}

impl<'a> Generator<'a> {
    /// Batch `batch_no`'s stream: ChaCha8 keyed by the seed's 8 bytes, then the batch
    /// number's 4, then zeros; so batches are independent and can be made in any order.
    pub(super) fn new(options: &SeedOptions, keys: &'a Keys, batch_no: u32) -> Self {
        let mut seed = [0u8; 32];
        seed[..8].copy_from_slice(&options.seed.to_le_bytes());
        seed[8..12].copy_from_slice(&batch_no.to_le_bytes());
        Generator {
            rng: ChaCha8Rng::from_seed(seed),
            keys,
            today: options.today,
            anchor: Utc.from_utc_datetime(&options.today.and_hms_opt(0, 0, 0).expect("midnight")),
            batch_no,
        }
    }

    fn pick<T: Copy>(&mut self, items: &[T]) -> T {
        *items.choose(&mut self.rng).expect("non-empty")
    }

    fn minutes_ago(&mut self, max: i64) -> DateTime<Utc> {
        self.anchor - Duration::minutes(self.rng.gen_range(1..=max))
    }

    pub(super) fn batch(mut self, start: u32, count: u32) -> anyhow::Result<SeedBatch> {
        let mut batch = SeedBatch::default();
        let customers = (count * 3 / 5).max(1);
        let customer_base = self.batch_no * BATCH;
        for c in 0..customers {
            batch.customers.push(self.customer(customer_base + c));
        }
        for t in start..start + count {
            let ci = self.rng.gen_range(0..customers) as usize;
            let customer = &batch.customers[ci];
            let zone = ZONES
                .iter()
                .find(|z| customer.phones[0].number.starts_with(z.country_code))
                .expect("every customer has a zone");
            let category = self.pick(&SUBJECTS.iter().map(|s| s.category).collect::<Vec<_>>());
            let with_order = matches!(
                category,
                Category::Orders
                    | Category::ReturnsRefunds
                    | Category::DigitalDevices
                    | Category::SuspiciousActivity
            ) || self.rng.gen_bool(0.3);
            let order_id = if with_order {
                let (order, shipments) = self.order(t, &customer.id, zone)?;
                let id = order.id.clone();
                batch.orders.push(order);
                batch.shipments.extend(shipments);
                Some(id)
            } else {
                None
            };
            let placed_at = batch
                .orders
                .last()
                .filter(|_| order_id.is_some())
                .map(|o| o.placed_at);
            let customer = &batch.customers[ci];
            let ticket = self.ticket(t, customer, order_id, placed_at, category, zone.language);
            batch.tickets.push(ticket);
        }
        Ok(batch)
    }

    fn customer(&mut self, n: u32) -> CustomerRow {
        let zone = &ZONES[match self.rng.gen_range(0..10) {
            0..=4 => 0,
            5..=7 => 1,
            _ => 2,
        }];
        let (first, last) = if zone.language == "it" {
            (self.pick(IT_FIRST), self.pick(IT_LAST))
        } else {
            (self.pick(EN_FIRST), self.pick(EN_LAST))
        };
        let id = format!("C-{:07}", n + 1);
        let local = format!(
            "{}.{}{}",
            first.to_lowercase(),
            last.to_lowercase().replace([' ', '\''], ""),
            n + 1
        );
        let domain = self.pick(&["example.com", "example.org", "example.net"]);
        let mut phones = vec![PhoneRow {
            id: format!("P-{:07}-1", n + 1),
            label: "mobile".into(),
            number: format!(
                "{} {} {:03} {:04}",
                zone.country_code,
                self.rng.gen_range(300..400),
                self.rng.gen_range(0..1000),
                self.rng.gen_range(0..10000)
            ),
            wrong_number: false,
        }];
        if self.rng.gen_bool(0.4) {
            phones.push(PhoneRow {
                id: format!("P-{:07}-2", n + 1),
                label: "home".into(),
                number: format!(
                    "{} {:02} {:04} {:04}",
                    zone.country_code,
                    self.rng.gen_range(10..99),
                    self.rng.gen_range(0..10000),
                    self.rng.gen_range(0..10000)
                ),
                // Every tenth second number turned out wrong on a callback.
                wrong_number: n % 10 == 3,
            });
        }
        let mut recipients = Vec::new();
        for r in 0..self.rng.gen_range(0..=2) {
            let (rf, rl) = if zone.language == "it" {
                (self.pick(IT_FIRST), self.pick(IT_LAST))
            } else {
                (self.pick(EN_FIRST), self.pick(EN_LAST))
            };
            recipients.push(RecipientRow {
                id: format!("R-{:07}-{}", n + 1, r + 1),
                name: format!("{rf} {rl}"),
                email: format!(
                    "{}.{}@example.com",
                    rf.to_lowercase(),
                    rl.to_lowercase().replace([' ', '\''], "")
                ),
            });
        }
        CustomerRow {
            id,
            name: format!("{first} {last}"),
            email: format!("{local}@{domain}"),
            language: zone.language.into(),
            phones,
            recipients,
        }
    }

    fn order(
        &mut self,
        t: u32,
        customer_id: &str,
        zone: &Zone,
    ) -> anyhow::Result<(OrderRow, Vec<ShipmentRow>)> {
        let id = format!("402-{:07}-{:07}", self.rng.gen_range(0..10_000_000), t);
        let mut items = Vec::new();
        for _ in 0..self.rng.gen_range(1..=4) {
            let (title, price, frequently_returned) = self.pick(CATALOGUE);
            items.push(ItemRow {
                title: title.into(),
                quantity: if price < 20_000 {
                    self.rng.gen_range(1..=3)
                } else {
                    1
                },
                price_cents: price,
                frequently_returned,
            });
        }
        let total_cents = items
            .iter()
            .map(|i| i.price_cents * i64::from(i.quantity))
            .sum();
        let count = if self.rng.gen_bool(0.1) { 2 } else { 1 };
        let mut shipments = Vec::new();
        for s in 0..count {
            shipments.push(self.shipment(t, s, &id, total_cents, zone)?);
        }
        // The order was placed some hours before its first parcel was labelled.
        let first_scan = shipments
            .iter()
            .filter_map(|s| s.events.first().map(|e| e.at))
            .min()
            .unwrap_or(self.anchor);
        let placed_at = first_scan - Duration::minutes(self.rng.gen_range(60..60 * 30));
        let order = OrderRow {
            id: id.clone(),
            customer_id: customer_id.into(),
            placed_at,
            total_cents,
            currency: zone.currency.into(),
            items,
        };
        Ok((order, shipments))
    }

    fn shipment(
        &mut self,
        t: u32,
        s: u32,
        order_id: &str,
        total_cents: i64,
        zone: &Zone,
    ) -> anyhow::Result<ShipmentRow> {
        use ShipmentStatus::*;
        let status = match self.rng.gen_range(0..100) {
            0..=9 => LabelCreated,
            10..=21 => Shipped,
            22..=41 => InTransit,
            42..=64 => OutForDelivery,
            65..=74 => DeliveryAttempted,
            75..=94 => Delivered,
            _ => Returned,
        };
        let day_offset = match status {
            LabelCreated => self.rng.gen_range(2..=5),
            Shipped | InTransit => self.rng.gen_range(0..=2),
            // Mostly today; now and then yesterday, so some passwords have expired.
            OutForDelivery | DeliveryAttempted => {
                if self.rng.gen_bool(0.15) {
                    -1
                } else {
                    0
                }
            }
            Delivered | Returned => -self.rng.gen_range(1..=10),
        };
        let delivery_date = self.today + Duration::days(day_offset);
        let carrier = self.pick(zone.carriers);
        let serial = u64::from(t) * 2 + u64::from(s);
        let tracking_number = match carrier {
            "UPS" => format!("1Z{:06X}{:010}", self.rng.gen_range(0..0xFFFFFF), serial),
            "Poste Italiane" | "Royal Mail" | "USPS" => {
                format!(
                    "RR{serial:09}{}",
                    if zone.tz == "Europe/Rome" {
                        "IT"
                    } else if zone.tz == "Europe/London" {
                        "GB"
                    } else {
                        "US"
                    }
                )
            }
            _ => format!("{}{serial:012}", self.rng.gen_range(10..99)),
        };
        let route: &[ShipmentStatus] = match status {
            LabelCreated => &[LabelCreated],
            Shipped => &[LabelCreated, Shipped],
            InTransit => &[LabelCreated, Shipped, InTransit, InTransit],
            OutForDelivery => &[LabelCreated, Shipped, InTransit, OutForDelivery],
            DeliveryAttempted => &[
                LabelCreated,
                Shipped,
                InTransit,
                OutForDelivery,
                DeliveryAttempted,
            ],
            Delivered => &[LabelCreated, Shipped, InTransit, OutForDelivery, Delivered],
            Returned => &[
                LabelCreated,
                Shipped,
                InTransit,
                OutForDelivery,
                DeliveryAttempted,
                Returned,
            ],
        };
        // The newest scan fits the status and the delivery day; older ones go back from it.
        let delivery_day =
            Utc.from_utc_datetime(&delivery_date.and_hms_opt(0, 0, 0).expect("midnight"));
        let newest = match status {
            Delivered | Returned => {
                delivery_day + Duration::minutes(self.rng.gen_range(8 * 60..17 * 60))
            }
            OutForDelivery | DeliveryAttempted if day_offset < 0 => {
                delivery_day + Duration::minutes(self.rng.gen_range(7 * 60..15 * 60))
            }
            _ => self.anchor - Duration::minutes(self.rng.gen_range(30..20 * 60)),
        };
        let mut times = vec![newest];
        for _ in 1..route.len() {
            let previous = *times.last().expect("one at least");
            times.push(previous - Duration::minutes(self.rng.gen_range(4 * 60..26 * 60)));
        }
        times.reverse();
        let mut events = Vec::new();
        for (kind, at) in route.iter().zip(times) {
            events.push(TrackingEvent {
                at,
                kind: *kind,
                location: Some(self.pick(zone.cities).to_string()),
            });
        }
        let shipped_at = events.get(1).map(|e| e.at);
        let password = match shipped_at {
            Some(issued_at) if total_cents >= SECURE_THRESHOLD_CENTS => Some(self.password(
                &format!("S-{serial:08}"),
                status,
                issued_at,
                delivery_date,
                zone.tz,
            )?),
            _ => None,
        };
        Ok(ShipmentRow {
            id: format!("S-{serial:08}"),
            order_id: order_id.into(),
            carrier: carrier.into(),
            tracking_number,
            status,
            delivery_date,
            delivery_tz: zone.tz.into(),
            events,
            password,
        })
    }

    fn password(
        &mut self,
        shipment_id: &str,
        status: ShipmentStatus,
        issued_at: DateTime<Utc>,
        delivery_date: NaiveDate,
        tz: &str,
    ) -> anyhow::Result<PasswordRow> {
        let expires = expires_at(delivery_date, tz)?;
        let generation = if self.rng.gen_bool(0.2) { 2 } else { 1 };
        let mut failed = 0;
        let state = match status {
            ShipmentStatus::Delivered | ShipmentStatus::Returned => PasswordState::Retired,
            _ if delivery_date < self.today => PasswordState::Expired,
            _ if self.rng.gen_bool(0.05) => {
                failed = 5;
                PasswordState::Locked
            }
            _ => {
                failed = self.rng.gen_range(0..=2);
                PasswordState::Active
            }
        };
        let sends_today = if state == PasswordState::Active {
            self.rng.gen_range(0..=2)
        } else {
            0
        };
        let code = Code::generate();
        Ok(PasswordRow {
            generation,
            state,
            issued_at,
            expires_at: expires,
            code: self.keys.seal(shipment_id, generation, &code),
            counters_day: self.today,
            sends_today,
            regenerations_today: if generation > 1 && state == PasswordState::Active {
                1
            } else {
                0
            },
            failed_verifications: failed,
            last_sent_at: Some(issued_at),
            history: Vec::new(),
        })
    }

    fn ticket(
        &mut self,
        t: u32,
        customer: &CustomerRow,
        order_id: Option<String>,
        placed_at: Option<DateTime<Utc>>,
        category: Category,
        language: &str,
    ) -> TicketRow {
        let subjects = SUBJECTS
            .iter()
            .find(|s| s.category == category)
            .expect("every category");
        let italian = language == "it";
        let subject = self
            .pick(if italian { subjects.it } else { subjects.en })
            .to_string();
        let status = match self.rng.gen_range(0..100) {
            0..=24 => TicketStatus::New,
            25..=59 => TicketStatus::Open,
            60..=79 => TicketStatus::Pending,
            _ => TicketStatus::Closed,
        };
        let channel = self.pick(&Channel::ALL);
        // A customer writes after ordering: between the order and now, else in the last fortnight.
        let created_at = match placed_at {
            Some(placed) => {
                let window = (self.anchor - placed).num_minutes().max(10);
                placed + Duration::minutes(self.rng.gen_range(5..window))
            }
            None => self.minutes_ago(60 * 24 * 14),
        };
        let id = format!("T-{:07}", t + 100_001);
        let mut at = created_at;
        let mut messages = vec![Message {
            id: format!("{id}-M1"),
            kind: MessageKind::Customer,
            author: customer.name.clone(),
            at,
            body: self
                .pick(if italian {
                    CUSTOMER_BODIES_IT
                } else {
                    CUSTOMER_BODIES_EN
                })
                .into(),
        }];
        if status != TicketStatus::New {
            if self.rng.gen_bool(0.6) {
                at += Duration::minutes(self.rng.gen_range(2..90));
                messages.push(Message {
                    id: format!("{id}-M{}", messages.len() + 1),
                    kind: MessageKind::Note,
                    author: self.pick(AUTHORS).into(),
                    at,
                    body: self.pick(NOTES).into(),
                });
            }
            at += Duration::minutes(self.rng.gen_range(2..240));
            messages.push(Message {
                id: format!("{id}-M{}", messages.len() + 1),
                kind: MessageKind::Reply,
                author: self.pick(AUTHORS).into(),
                at,
                body: self
                    .pick(if italian { REPLIES_IT } else { REPLIES_EN })
                    .into(),
            });
        }
        let mut callbacks = Vec::new();
        if channel == Channel::PhoneCallback && !customer.phones.is_empty() {
            let mut phone_id = customer.phones[0].id.clone();
            let wrong = customer.phones.iter().find(|p| p.wrong_number);
            // Callbacks in every state: due now, due later after a failed attempt, failed
            // after three attempts or on a wrong number, completed, and cancelled by a close.
            let (state, due_at, attempts) = match (status, self.rng.gen_range(0..4)) {
                (TicketStatus::Closed, _) if t.is_multiple_of(3) => (
                    CallbackState::Cancelled,
                    created_at + Duration::minutes(5),
                    0,
                ),
                (TicketStatus::Closed, _) => (
                    CallbackState::Completed,
                    created_at + Duration::minutes(5),
                    1,
                ),
                (_, 0) => (
                    CallbackState::Scheduled,
                    self.anchor - Duration::minutes(self.rng.gen_range(1..30)),
                    0,
                ),
                (_, 1) => (
                    CallbackState::Scheduled,
                    self.anchor + Duration::minutes(self.rng.gen_range(10..600)),
                    1,
                ),
                (_, 2) if wrong.is_some() => {
                    phone_id = wrong.map(|p| p.id.clone()).unwrap_or(phone_id);
                    (CallbackState::Failed, created_at + Duration::minutes(5), 1)
                }
                (_, 2) => (CallbackState::Failed, created_at + Duration::minutes(5), 3),
                _ => (
                    CallbackState::Completed,
                    created_at + Duration::minutes(5),
                    2,
                ),
            };
            let on_wrong_number = wrong.is_some_and(|p| p.id == phone_id);
            let mut attempt_list = Vec::new();
            for a in 0..attempts {
                let last = a + 1 == attempts;
                attempt_list.push(CallbackAttempt {
                    at: created_at + Duration::minutes(5 + 10 * i64::from(a)),
                    agent: self.pick(AUTHORS).into(),
                    outcome: if last && state == CallbackState::Completed {
                        CallbackOutcome::Answered
                    } else if on_wrong_number {
                        CallbackOutcome::WrongNumber
                    } else {
                        self.pick(&[
                            CallbackOutcome::NoAnswer,
                            CallbackOutcome::Busy,
                            CallbackOutcome::Voicemail,
                        ])
                    },
                    note: String::new(),
                });
            }
            callbacks.push(Callback {
                id: format!("CB-{:07}", t + 1),
                ticket_id: id.clone(),
                phone_id,
                due_at,
                state,
                note: if italian {
                    "Preferisce dopo le 18".into()
                } else {
                    "Prefers after 6pm".into()
                },
                attempts: attempt_list,
            });
        }
        let updated_at = messages.last().map_or(created_at, |m| m.at);
        TicketRow {
            id,
            customer_id: customer.id.clone(),
            order_id,
            category,
            channel,
            status,
            subject,
            assignee: (status != TicketStatus::New && self.rng.gen_bool(0.3))
                .then(|| "alice".to_string()),
            created_at,
            updated_at,
            resolution: (status == TicketStatus::Closed).then(|| {
                if italian {
                    RESOLUTION_IT
                } else {
                    RESOLUTION_EN
                }
                .to_string()
            }),
            closed_at: (status == TicketStatus::Closed).then_some(updated_at),
            messages,
            callbacks,
        }
    }
}
