//! Masking of contact points for agent-facing answers: enough to confirm with a caller which
//! contact is meant, never enough to read it out.

/// `alice@example.com` → `a•••@example.com`.
pub fn email(address: &str) -> String {
    match address.split_once('@') {
        Some((local, domain)) => {
            let first: String = local.chars().take(1).collect();
            format!("{first}•••@{domain}")
        }
        None => "•••".to_string(),
    }
}

/// `+39 347 123 4512` → `+39 •••• ••12`: the country code and the last two digits.
pub fn phone(number: &str) -> String {
    let digits: Vec<char> = number.chars().filter(|c| c.is_ascii_digit()).collect();
    let last: String = digits[digits.len().saturating_sub(2)..].iter().collect();
    let country = number
        .strip_prefix('+')
        .and_then(|rest| rest.split(|c: char| !c.is_ascii_digit()).next())
        .filter(|cc| !cc.is_empty() && cc.len() <= 3);
    match country {
        Some(cc) => format!("+{cc} •••• ••{last}"),
        None => format!("•••• ••{last}"),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn emails_keep_the_first_letter_and_the_domain() {
        assert_eq!(super::email("alice@example.com"), "a•••@example.com");
        assert_eq!(super::email("x@y.it"), "x•••@y.it");
        assert_eq!(super::email("broken"), "•••");
    }

    #[test]
    fn phones_keep_the_country_code_and_two_digits() {
        assert_eq!(super::phone("+39 347 123 4512"), "+39 •••• ••12");
        assert_eq!(super::phone("+44 7700 900123"), "+44 •••• ••23");
        assert_eq!(super::phone("347 1234512"), "•••• ••12");
    }
}
