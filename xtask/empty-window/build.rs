//! Tauri's build step: the window's configuration and permissions, as the console's.
fn main() {
    tauri_build::build()
}
