//! Contact tokens (rule 5.2): how a console finds a customer by a whole e-mail address or
//! phone number without ever holding one. The server puts, in each customer's document, keyed
//! hashes of the customer's normalised contacts; the console hashes what an agent typed the
//! same way, with the same deployment key, and looks the tokens up. Without the key a token
//! says nothing; fragments of a contact are not searchable by design.
//!
//! This is a convention both sides must compute alike, so it lives beside the wire types:
//! `token(key, kind, value)` is the first 12 bytes of HMAC-SHA-256 over
//! `"sportello/contact/v1" 0x00 kind 0x00 value`, written as `c` and 24 lowercase hex digits
//! (one word to a full-text index). E-mail addresses are trimmed and lower-cased; phone numbers
//! are their digits, both the whole international number and the national part after a `+`
//! country code.

use hmac::{Hmac, Mac};
use sha2::Sha256;

/// The deployment's key, 32 bytes.
pub type ContactKey = [u8; 32];

const CONTEXT: &[u8] = b"sportello/contact/v1";

/// Fewest digits a typed number needs to be taken for a whole phone number.
pub const MIN_PHONE_DIGITS: usize = 6;

fn token(key: &ContactKey, kind: &str, value: &str) -> String {
    let mut mac = <Hmac<Sha256> as Mac>::new_from_slice(key).expect("any key size");
    mac.update(CONTEXT);
    mac.update(&[0]);
    mac.update(kind.as_bytes());
    mac.update(&[0]);
    mac.update(value.as_bytes());
    let digest = mac.finalize().into_bytes();
    let mut out = String::with_capacity(25);
    out.push('c');
    for b in &digest[..12] {
        out.push_str(&format!("{b:02x}"));
    }
    out
}

fn digits(s: &str) -> String {
    s.chars().filter(char::is_ascii_digit).collect()
}

/// The normalised forms of a stored phone number: its digits, and for an international number
/// (`+39 347 123 4567`) also its national part (`3471234567`).
fn phone_forms(number: &str) -> Vec<String> {
    let mut forms = vec![digits(number)];
    if let Some(rest) = number.trim().strip_prefix('+') {
        if let Some((_, national)) = rest.split_once(|c: char| !c.is_ascii_digit()) {
            let national = digits(national);
            if !national.is_empty() {
                forms.push(national);
            }
        }
    }
    forms.retain(|f| !f.is_empty());
    forms.dedup();
    forms
}

/// The tokens of a customer's contacts, for the customer's document.
pub fn customer_tokens<'a>(
    key: &ContactKey,
    email: &str,
    phones: impl IntoIterator<Item = &'a str>,
) -> Vec<String> {
    let mut out = vec![token(key, "email", &email.trim().to_lowercase())];
    for number in phones {
        for form in phone_forms(number) {
            let t = token(key, "phone", &form);
            if !out.contains(&t) {
                out.push(t);
            }
        }
    }
    out
}

/// The tokens to look up for what an agent typed, when it reads as a whole e-mail address or
/// phone number (in any common format: spaces, dashes, dots, brackets, a `+` or `00` country
/// code, a national trunk `0`); empty otherwise. Any one of them matching finds the customer.
pub fn query_tokens(key: &ContactKey, typed: &str) -> Vec<String> {
    let typed = typed.trim();
    if let Some((local, domain)) = typed.split_once('@') {
        let email_like = !local.is_empty()
            && domain.contains('.')
            && !domain.starts_with('.')
            && !domain.ends_with('.')
            && !typed.contains(char::is_whitespace);
        return if email_like {
            vec![token(key, "email", &typed.to_lowercase())]
        } else {
            Vec::new()
        };
    }
    let number_like = typed
        .chars()
        .all(|c| c.is_ascii_digit() || " +-().".contains(c));
    let d = digits(typed);
    if !number_like || d.len() < MIN_PHONE_DIGITS {
        return Vec::new();
    }
    let mut forms = vec![d.clone()];
    let international = if let Some(rest) = d.strip_prefix("00") {
        forms.push(rest.to_string());
        Some(rest.to_string())
    } else if typed.starts_with('+') {
        Some(d.clone())
    } else {
        None
    };
    if let Some(international) = international {
        // The country code is one to three digits: try each as the split, with and without
        // a trunk `0` written after it (`+44 (0)7700 900123`).
        for cc in 1..=3 {
            if international.len() > cc + 4 {
                let national = &international[cc..];
                forms.push(national.to_string());
                if let Some(rest) = national.strip_prefix('0') {
                    forms.push(rest.to_string());
                }
            }
        }
    } else if let Some(national) = d.strip_prefix('0') {
        // A national number typed with its trunk prefix (`07700 900123`).
        forms.push(national.to_string());
    }
    forms.dedup();
    forms.iter().map(|f| token(key, "phone", f)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const KEY: ContactKey = [7; 32];

    fn finds(stored_email: &str, stored_phones: &[&str], typed: &str) -> bool {
        let stored = customer_tokens(&KEY, stored_email, stored_phones.iter().copied());
        query_tokens(&KEY, typed).iter().any(|t| stored.contains(t))
    }

    #[test]
    fn a_whole_phone_number_in_any_common_format_finds_its_customer() {
        let phones = ["+39 347 123 4567", "06 1234 5678"];
        for typed in [
            "+39 347 123 4567",
            "+393471234567",
            "0039 347 1234567",
            "347 123 4567",
            "(347) 123-4567",
            "347.123.4567",
            "06 1234 5678",
            "+39 06 1234 5678",
        ] {
            assert!(finds("o@example.net", &phones, typed), "{typed}");
        }
        let uk = ["+44 7700 900123"];
        assert!(finds("o@example.net", &uk, "07700 900123"));
        assert!(finds("o@example.net", &uk, "+44 (0)7700 900123"));
    }

    #[test]
    fn fragments_and_other_numbers_find_nothing() {
        let phones = ["+39 347 123 4567"];
        for typed in ["347 123", "4567", "+39 347 123 4568", "Olivia", "3471234"] {
            assert!(!finds("o@example.net", &phones, typed), "{typed}");
        }
    }

    #[test]
    fn a_whole_e_mail_address_in_any_case_finds_its_customer() {
        assert!(finds(
            "Olivia.Miller@Example.net",
            &[],
            " olivia.miller@example.NET "
        ));
        assert!(!finds(
            "Olivia.Miller@Example.net",
            &[],
            "olivia.miller@example"
        ));
        assert!(!finds("Olivia.Miller@Example.net", &[], "olivia"));
        assert!(query_tokens(&KEY, "a @b.c").is_empty());
    }

    #[test]
    fn tokens_depend_on_the_key_and_never_spell_the_contact() {
        let a = customer_tokens(&KEY, "x@y.it", ["+39 347 123 4567"]);
        let b = customer_tokens(&[8; 32], "x@y.it", ["+39 347 123 4567"]);
        assert_eq!(a.len(), 3);
        assert!(a.iter().all(|t| t.len() == 25 && t.starts_with('c')));
        assert!(a.iter().all(|t| !b.contains(t)));
        assert!(a.iter().all(|t| !t.contains("3471234567")));
    }
}
