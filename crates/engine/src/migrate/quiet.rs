//! Quiet changes: what a migration changes without any probe necessarily showing it, as notices
//! with the affected hosts and paths, found from the input and the conversion.

use super::{Conversion, Notice};
use crate::Simulator;

/// The quiet changes of converting `sim`'s input as `conversion` did.
pub(crate) fn quiet_changes(sim: &Simulator, conversion: &Conversion) -> Vec<Notice> {
    let _ = (sim, conversion);
    Vec::new()
}
