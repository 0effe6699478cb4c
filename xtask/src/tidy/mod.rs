//! Conventions kept by tests rather than by memory (`cargo test -p xtask`), each in a module of
//! its own:
//! - `text_rules.rs`: `//!` docs, the clock rule, no file outside the repository referenced,
//!   cited product rules exist;
//! - `layers.rs`: which crate may depend on which, and no module of a crate names a module of a
//!   higher layer (hence no import cycles);
//! - `budget.rs`: no source file over 600 lines without a stated reason;
//! - `map.rs`: every path ARCHITECTURE.md names exists.
//!
//! The generated TypeScript is kept fresh by `codegen.rs`'s own test.

#[cfg(test)]
mod budget;
#[cfg(test)]
mod layers;
#[cfg(test)]
mod map;
#[cfg(test)]
mod repo;
#[cfg(test)]
mod text_rules;
