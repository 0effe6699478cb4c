//! Realistic, deterministic demo data: the same `--seed` and `--today` give the same
//! customers, orders, shipments, tickets and callbacks. Only the secrets differ between runs:
//! delivery passwords come from the OS CSPRNG (rule 3.2) and password hashes are
//! salted.
//!
//! Data is generated and written in self-contained batches, so memory stays flat however
//! many tickets are asked for.

use chrono::{DateTime, Duration, NaiveDate, TimeZone, Utc};
use rand::seq::SliceRandom;
use rand::{Rng, SeedableRng};
use rand_chacha::ChaCha8Rng;
use sportello_protocol::{
    AgentInfo, Callback, CallbackAttempt, CallbackOutcome, CallbackState, Category, Channel,
    Message, MessageKind, PasswordState, Role, ShipmentStatus, TicketStatus, TrackingEvent,
};

use crate::expiry::expires_at;
use crate::secrets::{Code, Keys};
use crate::store::{
    CustomerRow, ItemRow, NewAgent, OrderRow, PasswordRow, PhoneRow, PreparedBatch, RecipientRow,
    SeedBatch, ShipmentRow, Store, TicketRow,
};

/// Orders at or above this total (in cents of their currency) ship with a delivery password.
pub const SECURE_THRESHOLD_CENTS: i64 = 25_000;

/// Tickets generated and written per transaction.
pub const BATCH: u32 = 1000;

/// The demo sign-ins (docs/product.md §9).
pub const DEMO_AGENTS: &[(&str, &str, &str, Role)] = &[
    ("alice", "alice-demo", "Alice Bianchi", Role::Agent),
    ("lena", "lena-demo", "Lena Rossi", Role::Lead),
    ("carlo", "carlo-demo", "Carlo Esposito", Role::Courier),
    ("feed", "feed-demo", "Carrier feed", Role::Integration),
    ("ada", "ada-demo", "Ada Marchetti", Role::Admin),
];

#[derive(Clone)]
pub struct SeedOptions {
    pub tickets: u32,
    pub seed: u64,
    /// The day the data is built around: deliveries due today, tickets from the last weeks.
    pub today: NaiveDate,
    /// When the seed runs: what the feed documents show (a password past its expiry shows as
    /// expired). It does not change the data written.
    pub now: DateTime<Utc>,
}

/// Fills an empty store. `progress(done, total)` is called after each batch.
///
/// Generating and rendering a batch (CPU) runs on its own thread, a couple of batches ahead
/// of the store writing the previous ones, so both cores stay busy.
pub async fn seed(
    store: &dyn Store,
    keys: &Keys,
    options: &SeedOptions,
    mut progress: impl FnMut(u32, u32),
) -> anyhow::Result<()> {
    let now = options.now;
    let contact_key = store.contact_key().await?;
    let mut first = SeedBatch::default();
    for (username, password, name, role) in DEMO_AGENTS {
        first.agents.push(NewAgent {
            info: AgentInfo {
                id: format!("A-{username}"),
                username: username.to_string(),
                name: name.to_string(),
                role: *role,
            },
            password_hash: crate::auth::hash_password(password)?,
        });
    }
    store
        .write_seed(PreparedBatch::new(first, now, &contact_key))
        .await?;
    let encoder = store.seed_encoder();
    let (tx, mut rx) = tokio::sync::mpsc::channel::<anyhow::Result<(u32, PreparedBatch)>>(2);
    let total = options.tickets;
    let generator = {
        let (options, keys) = (options.clone(), keys.clone());
        std::thread::spawn(move || {
            for b in 0..total.div_ceil(BATCH) {
                let count = BATCH.min(total - b * BATCH);
                let batch = generate_batch(&options, &keys, b, count).and_then(|rows| {
                    let mut batch = PreparedBatch::new(rows, now, &contact_key);
                    if let Some(encode) = encoder {
                        batch.encoded = Some(encode(&batch)?);
                    }
                    Ok((b * BATCH + count, batch))
                });
                let failed = batch.is_err();
                if tx.blocking_send(batch).is_err() || failed {
                    return;
                }
            }
        })
    };
    while let Some(batch) = rx.recv().await {
        let (done, batch) = batch?;
        store.write_seed(batch).await?;
        progress(done, total);
    }
    generator
        .join()
        .map_err(|_| anyhow::anyhow!("the seed generator panicked"))?;
    Ok(())
}

/// Batch `batch_no` of the data: `count` (at most [`BATCH`]) tickets with their customers,
/// orders and shipments. Batches never share ids, so they can be written in any order.
pub fn generate_batch(
    options: &SeedOptions,
    keys: &Keys,
    batch_no: u32,
    count: u32,
) -> anyhow::Result<SeedBatch> {
    Generator::new(options, keys, batch_no).batch(batch_no * BATCH, count.min(BATCH))
}

struct Zone {
    tz: &'static str,
    language: &'static str,
    currency: &'static str,
    country_code: &'static str,
    cities: &'static [&'static str],
    carriers: &'static [&'static str],
}

const ZONES: &[Zone] = &[
    Zone {
        tz: "Europe/Rome",
        language: "it",
        currency: "EUR",
        country_code: "+39",
        cities: &[
            "Milano", "Roma", "Torino", "Napoli", "Bologna", "Firenze", "Verona", "Bari",
        ],
        carriers: &["BRT", "Poste Italiane", "GLS", "DHL Express"],
    },
    Zone {
        tz: "Europe/London",
        language: "en",
        currency: "GBP",
        country_code: "+44",
        cities: &[
            "London",
            "Manchester",
            "Leeds",
            "Bristol",
            "Glasgow",
            "Birmingham",
        ],
        carriers: &["Royal Mail", "DPD", "DHL Express", "UPS"],
    },
    Zone {
        tz: "America/New_York",
        language: "en",
        currency: "USD",
        country_code: "+1",
        cities: &["New York", "Brooklyn", "Buffalo", "Albany", "Rochester"],
        carriers: &["UPS", "FedEx", "USPS"],
    },
];

const IT_FIRST: &[&str] = &[
    "Giulia",
    "Marco",
    "Francesca",
    "Luca",
    "Chiara",
    "Matteo",
    "Sara",
    "Alessandro",
    "Elena",
    "Davide",
    "Martina",
    "Lorenzo",
    "Valentina",
    "Simone",
    "Federica",
    "Andrea",
];
const IT_LAST: &[&str] = &[
    "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino",
    "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa",
];
const EN_FIRST: &[&str] = &[
    "Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Jack", "Emily", "James", "Sophia",
    "Michael", "Olivia", "David", "Grace", "Daniel", "Chloe",
];
const EN_LAST: &[&str] = &[
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Miller",
    "Clarke", "Walker", "Wright", "Thompson", "Evans", "Hughes", "O'Brien",
];

/// (title, unit price in cents, frequently returned)
const CATALOGUE: &[(&str, i64, bool)] = &[
    ("UltraBook Pro 14\" laptop, 16 GB", 149_900, false),
    ("Mirrorless camera body X-T50", 129_900, true),
    ("Noise-cancelling headphones WH-900", 34_900, true),
    ("Smartphone Galaxy S25, 256 GB", 99_900, false),
    ("Smartwatch Series 10", 44_900, true),
    ("Espresso machine Barista Touch", 69_900, false),
    ("Tablet 11\" Wi-Fi, 128 GB", 59_900, false),
    ("Gaming console, disc edition", 54_900, false),
    ("Running shoes, size 42", 12_900, true),
    ("Winter jacket, down, M", 18_900, true),
    ("E-reader Paperwhite", 16_900, false),
    ("Robot vacuum cleaner S8", 49_900, true),
    ("4K monitor 27\"", 32_900, false),
    ("Mechanical keyboard", 8_900, false),
    ("Gift card", 10_000, false),
    ("Cordless drill set", 15_900, false),
    ("Designer handbag", 89_000, true),
    ("Bluetooth speaker", 7_900, false),
];

struct Subject {
    category: Category,
    en: &'static [&'static str],
    it: &'static [&'static str],
}

const SUBJECTS: &[Subject] = &[
    Subject {
        category: Category::Orders,
        en: &[
            "I lost my delivery password",
            "Delivery password expired before the courier came",
            "The courier says the password is wrong",
            "Can my neighbour receive the parcel?",
            "Where is my parcel?",
        ],
        it: &[
            "Ho perso la password di consegna",
            "La password di consegna è scaduta",
            "Il corriere dice che la password è sbagliata",
            "Può ritirare il pacco mia sorella?",
            "Dov'è il mio pacco?",
        ],
    },
    Subject {
        category: Category::ReturnsRefunds,
        en: &[
            "Return label not received",
            "Refund not yet credited",
            "Item arrived damaged",
        ],
        it: &[
            "Non ho ricevuto l'etichetta di reso",
            "Rimborso non ancora accreditato",
            "Articolo arrivato danneggiato",
        ],
    },
    Subject {
        category: Category::DigitalDevices,
        en: &["E-reader does not turn on", "Cannot register my device"],
        it: &[
            "L'e-reader non si accende",
            "Non riesco a registrare il dispositivo",
        ],
    },
    Subject {
        category: Category::Prime,
        en: &[
            "Charged for Prime without signing up",
            "Prime delivery was late",
        ],
        it: &["Addebito Prime non richiesto", "Consegna Prime in ritardo"],
    },
    Subject {
        category: Category::PaymentOptions,
        en: &["Payment declined twice", "Instalment plan question"],
        it: &[
            "Pagamento rifiutato due volte",
            "Domanda sul pagamento a rate",
        ],
    },
    Subject {
        category: Category::AccountManagement,
        en: &["Change the e-mail on my account", "Add a trusted recipient"],
        it: &[
            "Cambiare l'e-mail dell'account",
            "Aggiungere un destinatario di fiducia",
        ],
    },
    Subject {
        category: Category::SuspiciousActivity,
        en: &[
            "Someone called asking for my delivery password",
            "Order I did not place",
        ],
        it: &[
            "Qualcuno mi ha chiamato chiedendo la password di consegna",
            "Ordine che non ho fatto",
        ],
    },
    Subject {
        category: Category::GiftCards,
        en: &["Gift card balance missing", "Top-up not applied"],
        it: &[
            "Saldo della carta regalo mancante",
            "Ricarica non applicata",
        ],
    },
];

const CUSTOMER_BODIES_EN: &[&str] = &[
    "Hello, I deleted the e-mail with the delivery password by mistake. The courier comes today. Can you help?",
    "The tracking page says out for delivery but I can't find the code anywhere.",
    "I won't be home tomorrow; my husband will be. How does he get the password?",
    "Please call me back, I'm at work until 6pm. <b>Urgent</b> — it's a birthday present!",
    "I already asked twice. Nobody answered. Order attached.",
];
const CUSTOMER_BODIES_IT: &[&str] = &[
    "Buongiorno, ho cancellato per sbaglio l'e-mail con la password di consegna. Il corriere passa oggi.",
    "Il tracciamento dice in consegna ma non trovo il codice da nessuna parte.",
    "Domani non sarò in casa, ci sarà mio marito. Come può avere la password?",
    "Per favore richiamatemi, sono al lavoro fino alle 18. È un regalo di compleanno!",
    "Ho già scritto due volte senza risposta.",
];
const REPLIES_EN: &[&str] = &[
    "Thanks for reaching out. I've resent the delivery password to the e-mail address on your account.",
    "I understand. For your security we never read the password out on the phone; it has been e-mailed to you again.",
    "Your trusted recipient will receive the password by e-mail and can give it to the courier.",
];
const REPLIES_IT: &[&str] = &[
    "Grazie per averci contattato. Ho inviato di nuovo la password di consegna all'e-mail del suo account.",
    "Capisco. Per la sua sicurezza non leggiamo mai la password al telefono; le è stata inviata di nuovo via e-mail.",
    "Il destinatario di fiducia riceverà la password via e-mail e potrà comunicarla al corriere.",
];
const RESOLUTION_EN: &str = "Answered the customer's question; nothing more to do.";
const RESOLUTION_IT: &str = "Risposto alla domanda del cliente; nient'altro da fare.";

const NOTES: &[&str] = &[
    "Identity checked with security questions. Customer was polite.",
    "Caller could not confirm the postcode; did not resend.",
    "Customer mentioned a call from 'the courier' asking for the code: possible scam, advised.",
    "Second contact today about the same parcel.",
];
const AUTHORS: &[&str] = &["Alice Bianchi", "Marco Conti", "Sarah Miller", "Luca Ferri"];

struct Generator<'a> {
    rng: ChaCha8Rng,
    keys: &'a Keys,
    today: NaiveDate,
    /// Midnight UTC of `today`: the anchor of every relative time.
    anchor: DateTime<Utc>,
    batch_no: u32,
}

impl<'a> Generator<'a> {
    fn new(options: &SeedOptions, keys: &'a Keys, batch_no: u32) -> Self {
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

    fn batch(mut self, start: u32, count: u32) -> anyhow::Result<SeedBatch> {
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
