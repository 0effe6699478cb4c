//! What a customer's request is about (rule 8.3): each of the eight categories with the
//! specific options the contact form offers under it. An option is written `category/option`
//! in a form; its words, in every language, are the message `topic-category-option`.

use sportello_protocol::Category;

/// The options of each category, in the order the form lists them.
pub const TOPICS: &[(Category, &[&str])] = &[
    (
        Category::Orders,
        &["where_is_my_parcel", "delivery_password", "change_delivery"],
    ),
    (
        Category::ReturnsRefunds,
        &["start_return", "refund_status", "damaged_item"],
    ),
    (
        Category::DigitalDevices,
        &["device_setup", "digital_purchase", "subscription"],
    ),
    (
        Category::Prime,
        &["prime_benefits", "prime_billing", "prime_cancel"],
    ),
    (
        Category::PaymentOptions,
        &["payment_declined", "change_payment", "invoice"],
    ),
    (
        Category::AccountManagement,
        &["signin_problem", "update_details", "close_account"],
    ),
    (
        Category::SuspiciousActivity,
        &["unknown_order", "phishing_message", "unrecognised_charge"],
    ),
    (
        Category::GiftCards,
        &["redeem_card", "card_balance", "card_not_received"],
    ),
];

/// A form's `category/option`, if it names one of ours.
pub fn parse(value: &str) -> Option<(Category, &'static str)> {
    let (category, option) = value.split_once('/')?;
    TOPICS
        .iter()
        .find(|(c, _)| c.as_str() == category)
        .and_then(|(c, options)| options.iter().find(|o| **o == option).map(|o| (*c, *o)))
}

/// The form's value of an option.
pub fn value(category: Category, option: &str) -> String {
    format!("{}/{option}", category.as_str())
}

/// The message that names an option.
pub fn message_id(category: Category, option: &str) -> String {
    format!("topic-{}-{option}", category.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_category_has_options_and_every_option_its_words() {
        assert_eq!(TOPICS.len(), Category::ALL.len());
        for c in Category::ALL {
            let (_, options) = TOPICS.iter().find(|(t, _)| *t == c).expect("listed");
            assert!(!options.is_empty(), "{c:?}");
            for o in *options {
                assert_eq!(parse(&value(c, o)), Some((c, *o)));
                for lang in crate::i18n::Lang::all() {
                    let id = message_id(c, o);
                    assert_ne!(lang.t(&id), id, "{} lacks {id}", lang.tag());
                }
            }
        }
        assert_eq!(parse("orders/nope"), None);
        assert_eq!(parse("nope/where_is_my_parcel"), None);
        assert_eq!(parse("orders"), None);
    }
}
