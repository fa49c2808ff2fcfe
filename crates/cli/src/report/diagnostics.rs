//! Diagnostics as text: `file:line:column: severity: message [object]`.

use crate::report::place;
use crate::style::Style;
use ingress_engine::{Diagnostic, Severity};

/// One diagnostic on one line, without colour.
pub fn format_diagnostic(diagnostic: &Diagnostic) -> String {
    format_styled(diagnostic, Style::plain())
}

/// One diagnostic on one line, the severity coloured.
pub fn format_styled(diagnostic: &Diagnostic, style: Style) -> String {
    let severity = diagnostic.severity.as_str();
    let severity = match diagnostic.severity {
        Severity::Error => style.bad(severity),
        Severity::Warning => style.caution(severity),
        _ => style.note(severity),
    };
    let place = place(diagnostic.span);
    let mut line = if place.is_empty() { String::new() } else { format!("{place}: ") };
    line.push_str(&format!("{severity}: {}", diagnostic.message));
    if let Some(profile) = diagnostic.suggested_profile {
        line.push_str(&format!(" (--profile {profile})"));
    }
    if let Some(object) = &diagnostic.object {
        line.push_str(&style.dim(&format!(" [{object}]")));
    }
    line
}
