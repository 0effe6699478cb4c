//! An empty Tauri 2 window showing one element: the floor `cargo xtask bench --only startup`
//! holds the console's start-up to. Built from the workspace's Tauri (the same lock file as
//! the console), it opens a 1280×800 window with one paragraph and, once that is on screen,
//! prints `the first element is shown` on stderr, as the console logs its first queue row.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::OnceLock;
use std::time::Instant;

static LAUNCHED: OnceLock<Instant> = OnceLock::new();

/// The page's one element is on screen: said once, with the time since launch.
#[tauri::command]
fn shown() {
    static TOLD: AtomicBool = AtomicBool::new(false);
    if !TOLD.swap(true, Ordering::SeqCst) {
        let after = LAUNCHED.get().map_or(0, |t| t.elapsed().as_millis());
        eprintln!("the first element is shown after_ms={after}");
    }
}

fn main() {
    LAUNCHED.get_or_init(Instant::now);
    tauri::Builder::default()
        .invoke_handler(tauri::generate_handler![shown])
        .run(tauri::generate_context!())
        .expect("the empty window failed to start");
}
