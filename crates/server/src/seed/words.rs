//! The word tables the seed draws from: the zones (time zone, language, currency, cities,
//! carriers), first and last names, the catalogue, ticket subjects per category, and the lines
//! of a conversation (customer bodies, replies, notes, authors). Data only: the order of each
//! table is part of the seed's output, so a change here changes what every `--seed` gives.

use sportello_protocol::Category;

pub(super) struct Zone {
    pub(super) tz: &'static str,
    pub(super) language: &'static str,
    pub(super) currency: &'static str,
    pub(super) country_code: &'static str,
    pub(super) cities: &'static [&'static str],
    pub(super) carriers: &'static [&'static str],
}

pub(super) const ZONES: &[Zone] = &[
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

pub(super) const IT_FIRST: &[&str] = &[
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
pub(super) const IT_LAST: &[&str] = &[
    "Rossi", "Russo", "Ferrari", "Esposito", "Bianchi", "Romano", "Colombo", "Ricci", "Marino",
    "Greco", "Bruno", "Gallo", "Conti", "De Luca", "Mancini", "Costa",
];
pub(super) const EN_FIRST: &[&str] = &[
    "Oliver", "Amelia", "George", "Isla", "Harry", "Ava", "Jack", "Emily", "James", "Sophia",
    "Michael", "Olivia", "David", "Grace", "Daniel", "Chloe",
];
pub(super) const EN_LAST: &[&str] = &[
    "Smith", "Jones", "Taylor", "Brown", "Williams", "Wilson", "Johnson", "Davies", "Miller",
    "Clarke", "Walker", "Wright", "Thompson", "Evans", "Hughes", "O'Brien",
];

/// (title, unit price in cents, frequently returned)
pub(super) const CATALOGUE: &[(&str, i64, bool)] = &[
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

pub(super) struct Subject {
    pub(super) category: Category,
    pub(super) en: &'static [&'static str],
    pub(super) it: &'static [&'static str],
}

pub(super) const SUBJECTS: &[Subject] = &[
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

pub(super) const CUSTOMER_BODIES_EN: &[&str] = &[
    "Hello, I deleted the e-mail with the delivery password by mistake. The courier comes today. Can you help?",
    "The tracking page says out for delivery but I can't find the code anywhere.",
    "I won't be home tomorrow; my husband will be. How does he get the password?",
    "Please call me back, I'm at work until 6pm. <b>Urgent</b> — it's a birthday present!",
    "I already asked twice. Nobody answered. Order attached.",
];
pub(super) const CUSTOMER_BODIES_IT: &[&str] = &[
    "Buongiorno, ho cancellato per sbaglio l'e-mail con la password di consegna. Il corriere passa oggi.",
    "Il tracciamento dice in consegna ma non trovo il codice da nessuna parte.",
    "Domani non sarò in casa, ci sarà mio marito. Come può avere la password?",
    "Per favore richiamatemi, sono al lavoro fino alle 18. È un regalo di compleanno!",
    "Ho già scritto due volte senza risposta.",
];
pub(super) const REPLIES_EN: &[&str] = &[
    "Thanks for reaching out. I've resent the delivery password to the e-mail address on your account.",
    "I understand. For your security we never read the password out on the phone; it has been e-mailed to you again.",
    "Your trusted recipient will receive the password by e-mail and can give it to the courier.",
];
pub(super) const REPLIES_IT: &[&str] = &[
    "Grazie per averci contattato. Ho inviato di nuovo la password di consegna all'e-mail del suo account.",
    "Capisco. Per la sua sicurezza non leggiamo mai la password al telefono; le è stata inviata di nuovo via e-mail.",
    "Il destinatario di fiducia riceverà la password via e-mail e potrà comunicarla al corriere.",
];
pub(super) const RESOLUTION_EN: &str = "Answered the customer's question; nothing more to do.";
pub(super) const RESOLUTION_IT: &str = "Risposto alla domanda del cliente; nient'altro da fare.";

pub(super) const NOTES: &[&str] = &[
    "Identity checked with security questions. Customer was polite.",
    "Caller could not confirm the postcode; did not resend.",
    "Customer mentioned a call from 'the courier' asking for the code: possible scam, advised.",
    "Second contact today about the same parcel.",
];
pub(super) const AUTHORS: &[&str] = &["Alice Bianchi", "Marco Conti", "Sarah Miller", "Luca Ferri"];
