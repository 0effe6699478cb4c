//! The line budget: a source file holds one concept, and one concept fits in 600 lines. A file
//! over it is listed here with the reason it stays whole; a listed file that shrank below the
//! budget must leave the list.

use super::repo::tracked_texts;

/// The most lines a source file has without a stated reason.
const BUDGET: usize = 600;

/// Source files over the budget, with why each stays one file.
const OVER_BUDGET: &[(&str, &str)] = &[];

/// What counts as source: code the team writes (generated files are the generator's).
fn is_source(path: &str) -> bool {
    let code = [".rs", ".ts", ".svelte", ".js", ".py", ".sh", ".sql", ".css"];
    code.iter().any(|ext| path.ends_with(ext)) && path != crate::codegen::GENERATED
}

#[test]
fn no_source_file_is_over_budget_without_a_reason() {
    let mut sizes: Vec<(String, usize)> = tracked_texts()
        .into_iter()
        .filter(|(path, _)| is_source(path))
        .map(|(path, text)| (path, text.lines().count()))
        .collect();
    assert!(sizes.len() > 50, "found too few source files: {sizes:?}");
    sizes.sort();
    let listed = |path: &str| OVER_BUDGET.iter().any(|(p, _)| *p == path);
    let over: Vec<String> = sizes
        .iter()
        .filter(|(path, lines)| *lines > BUDGET && !listed(path))
        .map(|(path, lines)| format!("{path}: {lines} lines"))
        .collect();
    assert!(
        over.is_empty(),
        "split these along their concepts, or list them in xtask/src/tidy/budget.rs with why \
         they stay whole:\n{}",
        over.join("\n")
    );
    let stale: Vec<&str> = OVER_BUDGET
        .iter()
        .map(|(path, _)| *path)
        .filter(|path| {
            sizes
                .iter()
                .find(|(p, _)| p == path)
                .is_none_or(|(_, lines)| *lines <= BUDGET)
        })
        .collect();
    assert!(
        stale.is_empty(),
        "within the budget (or gone) now; take them off the list: {stale:?}"
    );
}
