//! An empty Tauri 2 window showing one element: the floor `cargo xtask bench --only startup`
//! holds the console's start-up to. Built from the workspace's Tauri (the same lock file as
//! the console), it opens a 1280×800 window with one paragraph and, once that is on screen,
//! prints `the first element is shown` on stderr, as the console logs its first queue row.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;
use std::time::{Instant, SystemTime, UNIX_EPOCH};

static LAUNCHED: OnceLock<(Instant, SystemTime)> = OnceLock::new();

/// The page's one element is on screen: said once, with the time since launch and the page's
/// steps (navigation, script, painted; ms since the Unix epoch, written as ms since launch in
/// the console's form).
#[tauri::command]
fn shown(steps: Vec<(String, f64)>) {
    static TOLD: AtomicBool = AtomicBool::new(false);
    if TOLD.swap(true, Ordering::SeqCst) {
        return;
    }
    let Some((instant, wall)) = LAUNCHED.get() else {
        return;
    };
    let launched = wall
        .duration_since(UNIX_EPOCH)
        .map_or(0.0, |d| d.as_secs_f64() * 1000.0);
    let steps: Vec<String> = steps
        .iter()
        .map(|(name, at)| format!("{name}:{:.0}", at - launched))
        .collect();
    eprintln!(
        "the first element is shown after_ms={} steps={}",
        instant.elapsed().as_millis(),
        steps.join(",")
    );
}

fn main() {
    LAUNCHED.get_or_init(|| (Instant::now(), SystemTime::now()));
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![shown])
        .run(tauri::generate_context!())
        .expect("the empty window failed to start");
}
