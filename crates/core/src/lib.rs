//! The console's brain, without Tauri: the local SQLite cache of cases, the sync from the
//! server, and the queries the UI asks (queue, case, status).

pub mod types;
