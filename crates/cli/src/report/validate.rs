//! `validate`: every diagnostic, errors apart from warnings and notices.

use crate::report::diagnostics::format_styled;
use crate::style::Style;
use ingress_engine::{Diagnostic, Severity};
use serde_json::{json, Value};
use std::io::{self, Write};

/// The diagnostics of one input, split by severity.
#[derive(Debug)]
pub struct Findings<'a> {
    pub errors: Vec<&'a Diagnostic>,
    pub warnings: Vec<&'a Diagnostic>,
    pub notices: Vec<&'a Diagnostic>,
}

impl<'a> Findings<'a> {
    /// Splits diagnostics by severity, keeping their order.
    pub fn by_severity(diagnostics: &'a [Diagnostic]) -> Findings<'a> {
        let of = |severity: Severity| diagnostics.iter().filter(|d| d.severity == severity).collect::<Vec<_>>();
        let errors = of(Severity::Error);
        let warnings = of(Severity::Warning);
        let notices =
            diagnostics.iter().filter(|d| !matches!(d.severity, Severity::Error | Severity::Warning)).collect();
        Findings { errors, warnings, notices }
    }

    /// Would the API server accept every object?
    pub fn is_valid(&self) -> bool {
        self.errors.is_empty()
    }
}

/// `{"valid", "errors", "warnings", "notices"}` (positions name their files).
pub fn to_json(findings: &Findings<'_>) -> Value {
    let list = |diagnostics: &[&Diagnostic]| serde_json::to_value(diagnostics).unwrap_or_default();
    json!({
        "valid": findings.is_valid(),
        "errors": list(&findings.errors),
        "warnings": list(&findings.warnings),
        "notices": list(&findings.notices),
    })
}

/// A verdict line naming the files, then errors, warnings and notices each under its own heading.
pub fn write_text(out: &mut dyn Write, files: &[&str], findings: &Findings<'_>, style: Style) -> io::Result<()> {
    let verdict = if findings.is_valid() { style.good("valid") } else { style.bad("invalid") };
    writeln!(
        out,
        "{}: {verdict} ({}, {}, {})",
        files.join(", "),
        count(findings.errors.len(), "error"),
        count(findings.warnings.len(), "warning"),
        count(findings.notices.len(), "notice"),
    )?;
    for (heading, diagnostics) in
        [("Errors", &findings.errors), ("Warnings", &findings.warnings), ("Notices", &findings.notices)]
    {
        if diagnostics.is_empty() {
            continue;
        }
        writeln!(out)?;
        writeln!(out, "{}", style.bold(heading))?;
        for diagnostic in diagnostics.iter() {
            write_diagnostic(out, diagnostic, style)?;
        }
    }
    Ok(())
}

fn write_diagnostic(out: &mut dyn Write, diagnostic: &Diagnostic, style: Style) -> io::Result<()> {
    writeln!(out, "  {}", format_styled(diagnostic, style))?;
    let mut detail = Vec::new();
    if let Some(field) = &diagnostic.field {
        detail.push(format!("field {field}"));
    }
    if let Some(error_type) = diagnostic.error_type {
        detail.push(format!("type {}", error_type.as_api_str()));
    }
    if !detail.is_empty() {
        writeln!(out, "      {}", style.dim(&detail.join(", ")))?;
    }
    Ok(())
}

/// `1 error`, `2 errors`.
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}
