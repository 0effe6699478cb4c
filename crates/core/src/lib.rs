//! The console's brain, without Tauri. The shell (and the command line) use one facade,
//! [`Console`]; [`types`] is what it hands to the UI. Beneath it, in layers that only name the
//! ones below (ARCHITECTURE.md has the map):
//!
//! 1. `cache`: the encrypted SQLite file, its connections and bookkeeping; `vault` and
//!    `secrets`: where its key is kept; `client`: the server's API;
//! 2. `search`: the full-text index of the cached tickets; `stream`: the pushed feed read
//!    event by event;
//! 3. `tickets`: ticket (and shipment) writes, with their search rows;
//! 4. `queue` and `reads`: what the queue, the case view and the due watch read; `audit`: the
//!    lead view's reads of the cached trail; `outbox`: the actions waiting to be sent,
//!    stored; `apply`: sync pages applied in bulk;
//! 5. `cases`: the cache and the queue's reader held open together; `sync` and `replay`: the
//!    network over the layers below; `due`: callbacks falling due; `flags`: the lead view's
//!    chart and flags;
//! 6. `console`: the facade (with `follow`, the pushed feed applied as it arrives).
//!
//! [`inspect`] opens the layers beneath the facade to the bench and the tests, and to nothing
//! else.

mod apply;
mod audit;
mod cache;
mod cases;
mod client;
mod console;
mod due;
mod flags;
pub mod inspect;
pub mod memory;
mod outbox;
mod queue;
mod reads;
mod replay;
mod search;
mod secrets;
mod stream;
mod sync;
mod tickets;
pub mod types;
mod vault;

pub use console::{default_data_dir, Console, FollowEnd, Followed};
