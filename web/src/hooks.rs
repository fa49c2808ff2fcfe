//! Custom hooks.

mod use_controller;
mod use_debounced;
mod use_permalink;
mod use_simulation;

pub use use_controller::{use_controller, ControllerView};
pub use use_debounced::use_debounced;
pub use use_permalink::use_permalink;
pub use use_simulation::{use_simulation, EngineState};
