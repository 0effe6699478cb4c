//! ARCHITECTURE.md stays true: every path it names in backticks exists. A path is read from
//! the repository's root, or from the directory of the section it is in (a heading naming a
//! directory in backticks, such as "`crates/core/src`", sets it for what follows).

use super::repo::root;

/// Whether a backticked word names a file or directory: a relative path with a slash, or a
/// file name with an extension the repository uses.
fn is_path(word: &str) -> bool {
    let plain = |c: char| c.is_ascii_alphanumeric() || "_-./".contains(c);
    if word.is_empty() || !word.chars().all(plain) || word.starts_with('/') {
        return false;
    }
    let extensions = [
        ".rs", ".ts", ".svelte", ".md", ".toml", ".json", ".sql", ".yml", ".html", ".py",
    ];
    word.contains('/') || extensions.iter().any(|e| word.ends_with(e))
}

/// Every path named in `text` that exists neither from `root` nor from its section's
/// directory.
fn missing(text: &str, root: &std::path::Path) -> Vec<String> {
    let mut base: Option<String> = None;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let words: Vec<&str> = line.split('`').skip(1).step_by(2).collect();
        if line.starts_with('#') {
            base = words
                .iter()
                .find(|w| is_path(w) && root.join(w).is_dir())
                .map(|w| w.to_string());
        }
        for word in words.into_iter().filter(|w| is_path(w)) {
            let found = root.join(word).exists()
                || base
                    .as_ref()
                    .is_some_and(|b| root.join(b).join(word).exists());
            if !found {
                out.push(format!("ARCHITECTURE.md:{}: `{word}`", n + 1));
            }
        }
    }
    out
}

#[test]
fn every_path_the_architecture_names_exists() {
    let root = root();
    let text = std::fs::read_to_string(root.join("ARCHITECTURE.md")).unwrap();
    let named = text
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|w| is_path(w))
        .count();
    assert!(named > 40, "ARCHITECTURE.md names only {named} paths");
    let missing = missing(&text, &root);
    assert!(
        missing.is_empty(),
        "ARCHITECTURE.md names paths that do not exist:\n{}",
        missing.join("\n")
    );
}

#[test]
fn a_path_is_read_from_its_section() {
    let root = root();
    let text = "## `crates/core/src`\n`cache/` `nowhere.rs`\n## Other\n`cache/`";
    assert_eq!(
        missing(text, &root),
        [
            "ARCHITECTURE.md:2: `nowhere.rs`",
            "ARCHITECTURE.md:4: `cache/`"
        ]
    );
    assert!(!is_path("/api/v1/sync") && !is_path("a b") && is_path(".ci/run"));
}
