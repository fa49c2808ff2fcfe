//! `route --steps`: the decision walked in the order the rules apply ([`ingress_engine::steps`]),
//! numbered, as text; and the `steps` array `--json` adds.

use crate::report::place;
use crate::style::Style;
use ingress_engine::{Decision, Step, Verdict};
use std::io::{self, Write};

/// The decision's JSON object with its `steps` added.
pub fn with_steps(mut decision_json: serde_json::Value, steps: &[Step]) -> serde_json::Value {
    if let Some(object) = decision_json.as_object_mut() {
        object.insert("steps".to_string(), serde_json::to_value(steps).unwrap_or_default());
    }
    decision_json
}

/// The numbered walk: each step's title, rule and sentence, then what else its entries say and
/// where it looks in the input.
pub fn write_text(out: &mut dyn Write, decision: &Decision, steps: &[Step], style: Style) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{}", style.bold(&format!("Steps (profile {})", decision.profile)))?;
    let width = steps.len().to_string().len();
    for (n, step) in steps.iter().enumerate() {
        let mark = match step.verdict {
            Verdict::Won => style.good("✓"),
            Verdict::Lost => style.bad("✗"),
            Verdict::Ignored => style.caution("–"),
            Verdict::Info => style.note("·"),
        };
        let label = format!("[{} · {}]", step.stage.as_str(), step.rule);
        writeln!(out, "  {:>width$}. {mark} {}  {}", n + 1, style.bold(&step.title), style.dim(&label))?;
        writeln!(out, "  {:width$}    {}", "", step.text)?;
        for &i in &step.entries {
            let entry = &decision.explanation[i];
            if entry.message != step.text && !step.text.starts_with(&entry.message) {
                writeln!(out, "  {:width$}      {} {}", "", style.dim("·"), entry.message)?;
            }
        }
        let places: Vec<String> = step.spans.iter().map(|s| place(Some(*s))).filter(|p| !p.is_empty()).collect();
        if !places.is_empty() {
            writeln!(out, "  {:width$}    {}", "", style.dim(&format!("at {}", places.join(", "))))?;
        }
    }
    Ok(())
}
