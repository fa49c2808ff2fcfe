//! `performance.mark` / `performance.measure`, so tests and users can read what the engine costs.

fn performance() -> Option<web_sys::Performance> {
    web_sys::window()?.performance()
}

/// Milliseconds since navigation.
pub fn now() -> f64 {
    performance().map(|p| p.now()).unwrap_or_default()
}

/// Sets a mark.
pub fn mark(name: &str) {
    if let Some(p) = performance() {
        let _ = p.mark(name);
    }
}

/// Records a measure from `start_mark` to now.
pub fn measure(name: &str, start_mark: &str) {
    if let Some(p) = performance() {
        let _ = p.measure_with_start_mark(name, start_mark);
    }
}
