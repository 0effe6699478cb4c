//! Everything a customer reads, in thirteen languages (rule 8.4): one Fluent file per language
//! in `crates/server/locales/`, compiled into the binary. Plurals follow each language's rules
//! (Fluent's plural categories); dates and times are written with each language's own pattern
//! (the messages `format-date` and `format-datetime`) and month and day names. Arabic is
//! written right to left, and its variables are isolated so Latin ids keep their order.
//!
//! Messages are looked up by id; a language that lacks one is a test failure
//! (`every_language_has_every_message`), and at run time it falls back to English.

use std::collections::HashMap;
use std::sync::LazyLock;

use chrono::{DateTime, TimeZone};
use fluent_bundle::concurrent::FluentBundle;
use fluent_bundle::{FluentArgs, FluentResource, FluentValue};

/// The languages, as the customer page offers them: `(tag, Fluent file, chrono locale)`.
const LANGUAGES: &[(&str, &str, chrono::Locale)] = &[
    (
        "it",
        include_str!("../locales/it.ftl"),
        chrono::Locale::it_IT,
    ),
    (
        "en",
        include_str!("../locales/en.ftl"),
        chrono::Locale::en_GB,
    ),
    (
        "de",
        include_str!("../locales/de.ftl"),
        chrono::Locale::de_DE,
    ),
    (
        "es",
        include_str!("../locales/es.ftl"),
        chrono::Locale::es_ES,
    ),
    (
        "pt",
        include_str!("../locales/pt.ftl"),
        chrono::Locale::pt_PT,
    ),
    (
        "fr",
        include_str!("../locales/fr.ftl"),
        chrono::Locale::fr_FR,
    ),
    (
        "ja",
        include_str!("../locales/ja.ftl"),
        chrono::Locale::ja_JP,
    ),
    (
        "tr",
        include_str!("../locales/tr.ftl"),
        chrono::Locale::tr_TR,
    ),
    (
        "nl",
        include_str!("../locales/nl.ftl"),
        chrono::Locale::nl_NL,
    ),
    (
        "pl",
        include_str!("../locales/pl.ftl"),
        chrono::Locale::pl_PL,
    ),
    (
        "cs",
        include_str!("../locales/cs.ftl"),
        chrono::Locale::cs_CZ,
    ),
    (
        "sv",
        include_str!("../locales/sv.ftl"),
        chrono::Locale::sv_SE,
    ),
    (
        "ar",
        include_str!("../locales/ar.ftl"),
        chrono::Locale::ar_EG,
    ),
];

/// The language used when a customer's is not one of ours.
pub const DEFAULT: &str = "en";

/// A language Sportello speaks: one of the thirteen tags.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Lang(&'static str);

impl Lang {
    /// The language of a tag (`it`, `pt-BR`, `AR`…), or English.
    pub fn of(tag: &str) -> Lang {
        Lang::find(tag).unwrap_or(Lang(DEFAULT))
    }

    /// The language of a tag, if it is one of ours (`pt-BR` is `pt`).
    pub fn find(tag: &str) -> Option<Lang> {
        let primary = tag.split(['-', '_']).next()?.trim().to_ascii_lowercase();
        LANGUAGES
            .iter()
            .find(|(t, _, _)| *t == primary)
            .map(|(t, _, _)| Lang(t))
    }

    /// The first of the languages an `Accept-Language` header names that we speak, in the
    /// header's order of preference; English when none.
    pub fn negotiate(accept_language: &str) -> Lang {
        let mut wanted: Vec<(f32, usize, &str)> = accept_language
            .split(',')
            .enumerate()
            .filter_map(|(i, part)| {
                let mut pieces = part.split(';');
                let tag = pieces.next()?.trim();
                let q = pieces
                    .find_map(|p| p.trim().strip_prefix("q="))
                    .and_then(|q| q.parse::<f32>().ok())
                    .unwrap_or(1.0);
                (!tag.is_empty() && q > 0.0).then_some((q, i, tag))
            })
            .collect();
        wanted.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        wanted
            .into_iter()
            .find_map(|(_, _, tag)| Lang::find(tag))
            .unwrap_or(Lang(DEFAULT))
    }

    /// Every language, in the order the page lists them.
    pub fn all() -> impl Iterator<Item = Lang> {
        LANGUAGES.iter().map(|(t, _, _)| Lang(t))
    }

    pub fn tag(self) -> &'static str {
        self.0
    }

    /// Arabic is written right to left.
    pub fn is_rtl(self) -> bool {
        self.0 == "ar"
    }

    /// `rtl` or `ltr`, for the HTML `dir` attribute.
    pub fn dir(self) -> &'static str {
        if self.is_rtl() {
            "rtl"
        } else {
            "ltr"
        }
    }

    /// The message `id` with no variables.
    pub fn t(self, id: &str) -> String {
        self.format(id, &[])
    }

    /// The message `id` with its variables filled in.
    pub fn format(self, id: &str, args: &[(&str, Arg<'_>)]) -> String {
        let mut fluent_args = FluentArgs::new();
        for (name, value) in args {
            let value = match value {
                Arg::Text(s) => FluentValue::from(*s),
                Arg::Number(n) => FluentValue::from(*n),
            };
            fluent_args.set(*name, value);
        }
        let bundles = &*BUNDLES;
        let found = [self.0, DEFAULT].into_iter().find_map(|tag| {
            let bundle = &bundles[tag];
            let pattern = bundle.get_message(id)?.value()?;
            let mut errors = Vec::new();
            let text = bundle.format_pattern(pattern, Some(&fluent_args), &mut errors);
            if !errors.is_empty() {
                tracing::warn!(
                    language = tag,
                    message = id,
                    ?errors,
                    "a message did not format cleanly"
                );
            }
            Some(text.into_owned())
        });
        found.unwrap_or_else(|| {
            tracing::error!(message = id, "no language has this message");
            id.to_string()
        })
    }

    /// A day, by this language's rules (`format-date`), e.g. "Sunday 25 October 2026".
    pub fn date<Tz: TimeZone>(self, at: &DateTime<Tz>) -> String
    where
        Tz::Offset: std::fmt::Display,
    {
        self.strftime(at, "format-date")
    }

    /// A time of a day, by this language's rules (`format-datetime`).
    pub fn datetime<Tz: TimeZone>(self, at: &DateTime<Tz>) -> String
    where
        Tz::Offset: std::fmt::Display,
    {
        self.strftime(at, "format-datetime")
    }

    fn strftime<Tz: TimeZone>(self, at: &DateTime<Tz>, pattern_id: &str) -> String
    where
        Tz::Offset: std::fmt::Display,
    {
        let pattern = self.t(pattern_id);
        at.format_localized(&pattern, self.locale()).to_string()
    }

    fn locale(self) -> chrono::Locale {
        LANGUAGES
            .iter()
            .find(|(t, _, _)| *t == self.0)
            .map(|(_, _, l)| *l)
            .unwrap_or(chrono::Locale::en_GB)
    }

    /// An amount as the store writes it (`"1234.50"`) in `currency`, with this language's
    /// decimal separator (`1234.50 EUR`, `1234,50 EUR`).
    pub fn money(self, decimal: &str, currency: &str) -> String {
        let separator = self.t("format-decimal-separator");
        format!("{} {currency}", decimal.replacen('.', &separator, 1))
    }
}

/// A variable's value: text, or a number (which chooses plural forms).
#[derive(Debug, Clone, Copy)]
pub enum Arg<'a> {
    Text(&'a str),
    Number(i64),
}

impl<'a> From<&'a str> for Arg<'a> {
    fn from(s: &'a str) -> Self {
        Arg::Text(s)
    }
}

impl<'a> From<&'a String> for Arg<'a> {
    fn from(s: &'a String) -> Self {
        Arg::Text(s)
    }
}

impl From<i64> for Arg<'_> {
    fn from(n: i64) -> Self {
        Arg::Number(n)
    }
}

static BUNDLES: LazyLock<HashMap<&'static str, FluentBundle<FluentResource>>> =
    LazyLock::new(|| {
        LANGUAGES
            .iter()
            .map(|(tag, text, _)| (*tag, bundle(tag, text)))
            .collect()
    });

/// A language's bundle; a file that does not parse is a bug caught by the tests.
fn bundle(tag: &str, text: &str) -> FluentBundle<FluentResource> {
    let resource = FluentResource::try_new(text.to_string())
        .unwrap_or_else(|(_, errors)| panic!("locales/{tag}.ftl does not parse: {errors:?}"));
    let id: unic_langid::LanguageIdentifier = tag.parse().expect("a valid language tag");
    let mut bundle = FluentBundle::new_concurrent(vec![id]);
    // Isolation marks keep a Latin id's order inside right-to-left text; left-to-right
    // languages do not need them, and plain-text mails read better without.
    bundle.set_use_isolating(tag == "ar");
    bundle
        .add_resource(resource)
        .unwrap_or_else(|errors| panic!("locales/{tag}.ftl repeats a message: {errors:?}"));
    bundle
}

/// The message ids of a language's file (for the completeness test).
#[cfg(test)]
fn ids(text: &str) -> std::collections::BTreeSet<String> {
    use fluent_bundle::FluentResource;
    let resource = FluentResource::try_new(text.to_string()).expect("parses");
    resource
        .entries()
        .filter_map(|entry| match entry {
            fluent_syntax::ast::Entry::Message(m) => Some(m.id.name.to_string()),
            _ => None,
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_language_has_every_message() {
        let all: std::collections::BTreeSet<String> = LANGUAGES
            .iter()
            .flat_map(|(_, text, _)| ids(text))
            .collect();
        let mut problems = Vec::new();
        for (tag, text, _) in LANGUAGES {
            let have = ids(text);
            for missing in all.difference(&have) {
                problems.push(format!("locales/{tag}.ftl lacks `{missing}`"));
            }
        }
        assert!(problems.is_empty(), "{}", problems.join("\n"));
        assert_eq!(LANGUAGES.len(), 13);
    }

    #[test]
    fn every_message_formats_without_errors_in_every_language() {
        let ids = ids(LANGUAGES[1].1);
        let text = FluentValue::from("X");
        for (tag, _, _) in LANGUAGES {
            let bundle = &BUNDLES[tag];
            for id in &ids {
                let message = bundle.get_message(id).expect("checked above");
                let pattern = message.value().expect("every message has a value");
                for n in [0, 1, 2, 3, 5, 11, 22, 101] {
                    let mut args = FluentArgs::new();
                    for name in [
                        "name",
                        "time",
                        "zone",
                        "order",
                        "date",
                        "amount",
                        "shipment",
                        "carrier",
                        "tracking",
                        "recipient",
                        "email",
                        "max",
                        "ticket",
                        "subject",
                        "customer",
                        "channel",
                        "destination",
                        "phone",
                        "agent",
                    ] {
                        args.set(name, text.clone());
                    }
                    args.set("count", n);
                    args.set("quantity", n);
                    let mut errors = Vec::new();
                    bundle.format_pattern(pattern, Some(&args), &mut errors);
                    assert!(errors.is_empty(), "{tag} {id} ({n}): {errors:?}");
                }
            }
        }
    }

    #[test]
    fn plurals_follow_each_language() {
        let en = Lang::of("en");
        assert_eq!(
            en.format("order-item-quantity", &[("quantity", 1.into())]),
            "1 item"
        );
        assert_eq!(
            en.format("order-item-quantity", &[("quantity", 3.into())]),
            "3 items"
        );
        let pl = Lang::of("pl");
        let few = pl.format("order-item-quantity", &[("quantity", 3.into())]);
        let many = pl.format("order-item-quantity", &[("quantity", 5.into())]);
        assert_ne!(few, many, "Polish has different words for 3 and 5");
    }

    #[test]
    fn dates_use_each_language_month_names() {
        let at = chrono::Utc
            .with_ymd_and_hms(2026, 10, 25, 21, 59, 0)
            .unwrap();
        assert!(
            Lang::of("en").date(&at).contains("October"),
            "{}",
            Lang::of("en").date(&at)
        );
        assert!(
            Lang::of("it").date(&at).contains("ottobre"),
            "{}",
            Lang::of("it").date(&at)
        );
        assert!(
            Lang::of("de").date(&at).contains("Oktober"),
            "{}",
            Lang::of("de").date(&at)
        );
        assert!(
            Lang::of("ar").date(&at).contains("أكتوبر"),
            "{}",
            Lang::of("ar").date(&at)
        );
    }

    #[test]
    fn languages_are_negotiated_in_order_of_preference() {
        assert_eq!(Lang::negotiate("de-CH, fr;q=0.9").tag(), "de");
        assert_eq!(Lang::negotiate("zh;q=1, pt-BR;q=0.8, it;q=0.5").tag(), "pt");
        assert_eq!(Lang::negotiate("it;q=0.2, ar;q=0.9").tag(), "ar");
        assert_eq!(Lang::negotiate("zh, ko").tag(), "en");
        assert_eq!(Lang::negotiate("").tag(), "en");
        assert_eq!(Lang::of("AR").dir(), "rtl");
        assert_eq!(Lang::of("xx").tag(), "en");
    }

    #[test]
    fn money_uses_the_language_decimal_separator() {
        assert_eq!(Lang::of("en").money("1234.50", "EUR"), "1234.50 EUR");
        assert_eq!(Lang::of("it").money("1234.05", "EUR"), "1234,05 EUR");
    }
}
