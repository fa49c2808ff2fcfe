//! Helpers of the routing benches (not a bench target: Cargo only discovers `benches/*.rs` and
//! `benches/*/main.rs`).

pub mod linear_scan;
pub mod synthetic;
