//! The end-to-end harness: real processes (the server, Xvfb, tauri-driver and through it the
//! console binary) and a small W3C WebDriver client to drive the console's window.

pub mod customer;
pub mod processes;
pub mod webdriver;

use std::path::PathBuf;

/// The directory holding the workspace's built binaries (`target/debug`), found from the
/// running executable: a test (`target/debug/deps/…`) or a binary (`target/debug/…`).
pub fn bin_dir() -> PathBuf {
    let exe = std::env::current_exe().expect("the running executable's path");
    let dir = exe.parent().expect("target/<profile>/…");
    match dir.file_name() {
        Some(name) if name == "deps" => dir.parent().expect("target/<profile>/deps"),
        _ => dir,
    }
    .to_path_buf()
}

/// A built workspace binary; fails with what to run when it is missing.
pub fn built(name: &str) -> PathBuf {
    let path = bin_dir().join(name);
    assert!(
        path.exists(),
        "{} is not built: run `cargo build -p sportello-server -p sportello-console` first (./dev test does)",
        path.display()
    );
    path
}

/// Copies a screenshot into `docs/` for the README, from the run at the default clock only:
/// the runs near midnight (`SPORTELLO_TEST_CLOCK`) show other days and times.
pub fn publish_screenshot(shot: &std::path::Path) -> std::io::Result<()> {
    if std::env::var_os(sportello_clock::TEST_START_ENV).is_some() {
        return Ok(());
    }
    let docs = workspace_root().join("docs");
    std::fs::create_dir_all(&docs)?;
    std::fs::copy(shot, docs.join(shot.file_name().expect("a file")))?;
    Ok(())
}

/// The workspace root.
pub fn workspace_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("tests/ lives in the workspace")
        .to_path_buf()
}
