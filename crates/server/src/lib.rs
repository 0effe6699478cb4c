//! `sportello-server`: the source of truth behind the Sportello console.
//!
//! - [`api`]: the axum router (`app(state)`), one handler module per resource;
//! - [`web`]: the customer page, HTML under `/customer`;
//! - [`store`]: the storage trait and its engines;
//! - [`secrets`], [`expiry`]: the delivery-password secrets and their validity;
//! - [`seed`]: deterministic demo data, bulk-loaded in batches;
//! - [`cli`]: the `migrate`, `seed`, `serve` and `demo` commands.

pub mod api;
pub mod callback;
pub mod cli;
pub mod credentials;
pub mod error;
pub mod expiry;
pub mod extract;
pub mod files;
pub mod i18n;
pub mod mail;
pub mod mask;
pub mod password;
pub mod secrets;
pub mod seed;
pub mod service;
pub mod signin;
pub mod store;
pub mod sweeper;
pub mod text;
pub mod tls;
pub mod topics;
pub mod web;

pub use api::{app, AppState};
/// The clock every time-dependent rule reads (see the `sportello-clock` crate).
pub use sportello_clock as clock;
