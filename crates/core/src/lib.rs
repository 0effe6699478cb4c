//! The console's brain, without Tauri: the local SQLite cache of cases ([`cache`]), the
//! client of the server's API ([`client`]), the sync between them ([`sync`]), and the session
//! that ties them together for the shell ([`console`]). [`types`] is what the UI receives.

pub(crate) mod apply;
pub mod cache;
pub mod client;
pub mod console;
pub mod due;
pub mod memory;
pub mod outbox;
pub mod search;
pub mod secrets;
pub mod sync;
pub mod types;
pub mod vault;

pub use console::{default_data_dir, Console};
