//! `compare`: one line per profile, the differing fields first.

use crate::report::url;
use crate::style::Style;
use ingress_engine::{Comparison, Decision};
use std::io::{self, Write};

/// The comparison as JSON (every decision's positions name their files).
pub fn to_json(comparison: &Comparison) -> serde_json::Value {
    serde_json::to_value(comparison).unwrap_or_default()
}

/// The comparison for people.
pub fn write_text(out: &mut dyn Write, comparison: &Comparison, style: Style) -> io::Result<()> {
    if let Some(first) = comparison.decisions.first() {
        let request = &first.request;
        writeln!(out, "{}", style.bold(&url(request.scheme, &request.host, &request.path)))?;
    }
    if comparison.agree {
        writeln!(out, "{}", style.good("All profiles agree."))?;
    } else {
        writeln!(
            out,
            "{} {}",
            style.bad("The profiles disagree on:"),
            comparison
                .differences
                .iter()
                .map(String::as_str)
                .take_while(|d| is_answer_field(d))
                .collect::<Vec<_>>()
                .join(", ")
        )?;
    }
    let others: Vec<&str> = comparison.differences.iter().map(String::as_str).filter(|d| !is_answer_field(d)).collect();
    if !others.is_empty() {
        writeln!(out, "{}", style.dim(&format!("Also different: {}.", others.join(", "))))?;
    }
    writeln!(out)?;
    let majority = comparison.groups.first().map(|g| g.answer.as_str());
    let width = comparison.decisions.iter().map(|d| d.profile.name().len()).max().unwrap_or(0);
    for decision in &comparison.decisions {
        let answer = ingress_engine::compare::answer_label(decision);
        let shown = if comparison.agree || Some(answer.as_str()) == majority {
            style.good(&answer)
        } else {
            style.bad(&answer)
        };
        writeln!(out, "  {:<width$}  {shown}", decision.profile.name())?;
        let via = via(decision);
        if !via.is_empty() {
            writeln!(out, "  {:<width$}  {}", "", style.dim(&via))?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{}", style.dim("`ingress-sim route --profile NAME` explains one profile's decision."))?;
    Ok(())
}

/// The fields that decide where the request lands (the others only say how it got there).
fn is_answer_field(field: &str) -> bool {
    matches!(field, "outcome" | "backend" | "redirect" | "upstreamPath")
}

/// How the answer was reached: the construct that matched and the rule path.
fn via(decision: &Decision) -> String {
    let mut parts = Vec::new();
    if let Some(m) = &decision.matched_as {
        parts.push(m.clone());
    }
    if let (Some(path), Some(kind)) = (&decision.path, decision.path_type) {
        parts.push(format!("path {path} ({})", kind.as_str()));
    }
    if let Some(ingress) = &decision.ingress {
        parts.push(format!("Ingress {ingress}"));
    }
    parts.join(" · ")
}
