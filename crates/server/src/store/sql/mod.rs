//! The SQL of the store, written once for both engines. This directory is compiled into each
//! engine's module (`sqlite.rs` and `postgres.rs` each say `#[path = "sql/mod.rs"] mod sql;`),
//! so every statement, with `$n` placeholders both engines read, exists once in the source and
//! twice in the build: there `Engine`, `Conn` and `Row` name the engine's store, connection
//! and row, and what differs between engines is the engine's own: its pool, `run_migrations`,
//! `before_feed_read` and `read_snapshot` (what happens before, and the isolation under which,
//! a page of the feed is read), `record_change` (how a change gets its cursor), `begin_write`
//! and the bulk writer of `seed`.
//!
//! One file per aggregate (`schema`, `sessions`, `cases`, `customers`, `passwords`, `events`,
//! `mail`, `feed`, `seeding`, `requests`, `social`), each implementing its trait of `crate::store`, and the helpers they
//! share: `rendering` (entities into documents, and into the feed), `idempotency` (keys inside
//! a write's transaction) and `audit` (entries of the trail).
//!
//! Integers are bound as `i64` and integer columns are 64-bit on both engines.

use super::*;

mod audit;
mod cases;
mod customers;
mod events;
mod feed;
mod idempotency;
mod mail;
mod passwords;
mod rendering;
mod requests;
mod schema;
mod seeding;
mod sessions;
mod social;

use audit::*;
use customers::notify_customer;
use idempotency::*;
use passwords::*;
use rendering::*;

/// A value in the store that no code writes: the store was changed behind the server's back.
fn corrupt(what: &str, value: &str) -> StoreError {
    StoreError::Other(anyhow::anyhow!(
        "the store holds an invalid {what}: {value:?}"
    ))
}
