//! The conventions of the text itself: every module opens with a `//!` doc; the time is read
//! from a `sportello_clock::Clock` (`Utc::now()` and its kin appear only in the clock crate);
//! no tracked file refers to a file outside the repository; every product rule the code cites
//! ("rule 3.7") exists in `docs/product.md`.

use super::repo::{relative, root, rust_files, tracked_texts};

#[test]
fn every_module_opens_with_a_doc_comment() {
    let root = root();
    let mut files = Vec::new();
    for dir in ["crates", "src-tauri/src", "tests", "xtask/src"] {
        rust_files(&root.join(dir), &mut files);
    }
    assert!(files.len() > 10, "found too few Rust files: {files:?}");
    let missing: Vec<_> = files
        .iter()
        .filter(|f| !std::fs::read_to_string(f).unwrap().starts_with("//!"))
        .map(|f| relative(f))
        .collect();
    assert!(
        missing.is_empty(),
        "modules without a `//!` doc: {missing:?}"
    );
}

#[test]
fn only_the_clock_reads_the_wall_clock() {
    let root = root();
    let mut files = Vec::new();
    for dir in ["crates", "src-tauri/src", "tests"] {
        rust_files(&root.join(dir), &mut files);
    }
    let wall = ["Utc::now()", "Local::now()", "SystemTime::now()"];
    let offenders: Vec<String> = files
        .iter()
        .filter(|f| !f.ends_with("crates/clock/src/lib.rs"))
        .flat_map(|f| {
            let text = std::fs::read_to_string(f).unwrap();
            text.lines()
                .enumerate()
                .filter(|(_, line)| wall.iter().any(|w| line.contains(w)))
                .map(|(n, line)| format!("{}:{}: {}", relative(f), n + 1, line.trim()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        offenders.is_empty(),
        "read the time from a sportello_clock::Clock (product rule 10.2), not the wall:\n{}",
        offenders.join("\n")
    );
}

#[test]
fn nothing_refers_to_files_outside_the_repository() {
    // Spelled in pieces, so this file does not name what it looks for.
    let outside = [
        ["..", "/shared"].concat(),
        ["DESIGN", ".md"].concat(),
        ["DESIGN", " §"].concat(),
    ];
    let offenders: Vec<String> = tracked_texts()
        .iter()
        .flat_map(|(path, text)| {
            text.lines()
                .enumerate()
                .filter(|(_, line)| outside.iter().any(|o| line.contains(o.as_str())))
                .map(|(n, line)| format!("{path}:{}: {}", n + 1, line.trim()))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        offenders.is_empty(),
        "the repository must stand on its own (cite docs/product.md):\n{}",
        offenders.join("\n")
    );
}

/// "rule 3.7", "rules 3.2–3.3", "rules 3.5, 3.6": every number cited.
fn cited_rules(text: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut rest = text;
    while let Some(at) = rest.find("rule") {
        rest = &rest[at + 4..];
        let list = rest.strip_prefix('s').unwrap_or(rest);
        let Some(list) = list.strip_prefix(' ') else {
            continue;
        };
        let mut chars = list.char_indices().peekable();
        let mut current = String::new();
        let mut end = 0;
        while let Some((i, c)) = chars.next() {
            if c.is_ascii_digit() || (c == '.' && !current.is_empty()) {
                current.push(c);
                end = i + c.len_utf8();
            } else if matches!(c, ',' | '–' | ' ' | '-') || list[i..].starts_with("and ") {
                if !current.is_empty() {
                    out.push(std::mem::take(&mut current));
                }
                if list[i..].starts_with("and ") {
                    chars.nth(2);
                }
            } else {
                break;
            }
        }
        if !current.is_empty() {
            out.push(current);
        }
        rest = &list[end.min(list.len())..];
    }
    out.retain(|r| {
        let r = r.trim_end_matches('.');
        r.split_once('.').is_some_and(|(a, b)| {
            !a.is_empty() && !b.is_empty() && a.bytes().chain(b.bytes()).all(|c| c.is_ascii_digit())
        })
    });
    out.iter()
        .map(|r| r.trim_end_matches('.').to_string())
        .collect()
}

#[test]
fn the_rule_citations_are_read_as_written() {
    assert_eq!(cited_rules("(product rule 3.7)."), ["3.7"]);
    assert_eq!(
        cited_rules("rules 3.5, 3.6, 3.7 and 3.11; rules 3.2–3.3"),
        ["3.5", "3.6", "3.7", "3.11", "3.2", "3.3"]
    );
    assert!(cited_rules("the rules of the day, version 0.1.0").is_empty());
}

#[test]
fn every_cited_product_rule_exists() {
    let product = std::fs::read_to_string(root().join("docs/product.md")).unwrap();
    let defined: std::collections::BTreeSet<String> = product
        .lines()
        .filter_map(|line| {
            let rest = line.trim_start().strip_prefix("- **")?;
            let number: String = rest
                .chars()
                .take_while(|c| c.is_ascii_digit() || *c == '.')
                .collect();
            Some(number.trim_end_matches('.').to_string())
        })
        .filter(|n| n.contains('.'))
        .collect();
    assert!(
        defined.len() > 30,
        "rules read from docs/product.md: {defined:?}"
    );
    let missing: Vec<String> = tracked_texts()
        .iter()
        .filter(|(path, _)| path != "docs/product.md" && !path.ends_with("tidy.rs"))
        .flat_map(|(path, text)| {
            cited_rules(text)
                .into_iter()
                .filter(|r| !defined.contains(r))
                .map(|r| format!("{path}: rule {r}"))
                .collect::<Vec<_>>()
        })
        .collect();
    assert!(
        missing.is_empty(),
        "rules cited but not in docs/product.md:\n{}",
        missing.join("\n")
    );
}
