//! Free text people type: messages, notes, reasons, resolutions, locations, usernames
//! (rule 4.5). It is stored as typed and always shown as text; what cannot be shown honestly
//! is refused with a sentence saying what is wrong: NUL and the other control characters (tab,
//! line feed and carriage return excepted), and the bidirectional embedding, override and
//! isolate characters that can make text read differently from what it holds.

/// Why a text was refused, in words for the client.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{0}")]
pub struct Refused(pub String);

/// The bidirectional formatting characters refused: LRE, RLE, PDF, LRO, RLO (U+202A–U+202E)
/// and LRI, RLI, FSI, PDI (U+2066–U+2069). The plain marks (U+200E, U+200F) are allowed:
/// right-to-left text uses them.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}')
}

/// A character free text may not hold.
pub fn is_refused(c: char) -> bool {
    (c.is_control() && !matches!(c, '\t' | '\n' | '\r')) || is_bidi_control(c)
}

/// Checks `value`, named `what` in the answer: not blank when `required`, at most
/// `max_chars` characters, no refused character.
pub fn check(what: &str, value: &str, required: bool, max_chars: usize) -> Result<(), Refused> {
    if required && value.trim().is_empty() {
        return Err(Refused(format!("{what} is empty")));
    }
    let chars = value.chars().count();
    if chars > max_chars {
        return Err(Refused(format!(
            "{what} has {chars} characters; at most {max_chars} fit"
        )));
    }
    if let Some((at, c)) = value.chars().enumerate().find(|(_, c)| is_refused(*c)) {
        let kind = if is_bidi_control(c) {
            "a bidirectional override character"
        } else {
            "a control character"
        };
        return Err(Refused(format!(
            "{what} holds {kind} (U+{:04X}) at character {}: remove it and send the text again",
            c as u32,
            at + 1
        )));
    }
    Ok(())
}

/// An identifier a client sends (a ticket, phone or recipient id): printable, without
/// spaces, at most 128 characters. Anything else names nothing and is answered as such.
pub fn is_plausible_id(id: &str) -> bool {
    !id.is_empty()
        && id.len() <= 128
        && id
            .chars()
            .all(|c| !c.is_control() && !c.is_whitespace() && !is_bidi_control(c))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plain_text_with_lines_and_tabs_and_any_script_passes() {
        for text in [
            "Consegna domani\nalle 9.\tGrazie",
            "<b>not bold</b> & 'quoted'",
            "مرحبا \u{200F}بكم",
            "配達は明日です",
        ] {
            assert_eq!(check("the note", text, true, 100), Ok(()), "{text:?}");
        }
    }

    #[test]
    fn control_and_bidi_override_characters_are_refused_with_where() {
        let nul = check("the note", "ab\0c", false, 100).unwrap_err();
        assert!(
            nul.0
                .contains("a control character (U+0000) at character 3"),
            "{nul}"
        );
        let bell = check("the note", "\u{7}", false, 100).unwrap_err();
        assert!(bell.0.contains("U+0007"));
        let c1 = check("the note", "x\u{85}", false, 100).unwrap_err();
        assert!(c1.0.contains("U+0085"));
        for bidi in ['\u{202A}', '\u{202E}', '\u{2066}', '\u{2069}'] {
            let refused =
                check("the reason", &format!("pay {bidi}fdp.exe"), true, 100).unwrap_err();
            assert!(refused.0.contains("bidirectional override"), "{refused}");
        }
    }

    #[test]
    fn blank_and_long_texts_are_refused() {
        assert!(check("the message", "  \n ", true, 10).is_err());
        assert_eq!(check("the note", "", false, 10), Ok(()));
        let long = check("the note", &"é".repeat(11), false, 10).unwrap_err();
        assert!(long.0.contains("11 characters; at most 10"));
    }

    #[test]
    fn the_openapi_patterns_say_exactly_what_is_refused() {
        use sportello_protocol::text::{FREE_TEXT, REQUIRED_TEXT};
        let free = regex::Regex::new(FREE_TEXT).unwrap();
        let required = regex::Regex::new(REQUIRED_TEXT).unwrap();
        let samples = (0u32..0x3100)
            .chain(0xFEFF..0xFF00)
            .chain([0x1_F600, 0x10_FFFF])
            .filter_map(char::from_u32);
        for c in samples {
            let alone = c.to_string();
            assert_eq!(
                free.is_match(&alone),
                check("x", &alone, false, 10).is_ok(),
                "U+{:04X} alone",
                c as u32
            );
            assert_eq!(
                required.is_match(&alone),
                check("x", &alone, true, 10).is_ok(),
                "U+{:04X} alone, required",
                c as u32
            );
            // Between other text, as a blank-looking character among visible ones.
            let within = format!(" a{c}b ");
            assert_eq!(
                required.is_match(&within),
                check("x", &within, true, 10).is_ok(),
                "U+{:04X} within",
                c as u32
            );
        }
    }

    #[test]
    fn ids_are_printable_words() {
        assert!(is_plausible_id("T-0000042"));
        assert!(is_plausible_id("E-C-00042"));
        for bad in ["", "T-1\0", "a b", "x\u{202E}y", &"x".repeat(129)] {
            assert!(!is_plausible_id(bad), "{bad:?}");
        }
    }
}
