//! `compare`: one line per profile, the differing fields first.

use crate::report::url;
use crate::style::Style;
use ingress_engine::compare::Compared;
use ingress_engine::decision::MatchedRequest;
use ingress_engine::gateway::GatewayDecision;
use ingress_engine::{Comparison, Decision};
use std::io::{self, Write};

/// What the text report shows of a compared decision besides its answer.
pub trait Shown: Compared {
    /// Who was compared (`profiles`, `implementations`).
    const WHO: &'static str;
    /// The command that explains one decision.
    const EXPLAIN_ONE: &'static str;
    /// The fields that decide where the request lands (the others only say how it got there).
    const ANSWER_FIELDS: &'static [&'static str];
    /// The profile's name.
    fn profile_name(&self) -> &'static str;
    /// The request as matched.
    fn request(&self) -> &MatchedRequest;
    /// How the answer was reached: what matched, and where (the parts it has).
    fn via(&self) -> Vec<Option<String>>;
}

/// The comparison as JSON (every decision's positions name their files).
pub fn to_json<D: serde::Serialize, P: serde::Serialize>(comparison: &Comparison<D, P>) -> serde_json::Value {
    serde_json::to_value(comparison).unwrap_or_default()
}

/// The comparison for people.
pub fn write_text<D: Shown>(
    out: &mut dyn Write,
    comparison: &Comparison<D, D::Profile>,
    style: Style,
) -> io::Result<()> {
    let is_answer_field = |field: &str| D::ANSWER_FIELDS.contains(&field);
    if let Some(first) = comparison.decisions.first() {
        let request = first.request();
        writeln!(out, "{}", style.bold(&url(request.scheme, &request.host, &request.path)))?;
    }
    if comparison.agree {
        writeln!(out, "{}", style.good(&format!("All {} agree.", D::WHO)))?;
    } else {
        writeln!(
            out,
            "{} {}",
            style.bad(&format!("The {} disagree on:", D::WHO)),
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
    let width = comparison.decisions.iter().map(|d| d.profile_name().len()).max().unwrap_or(0);
    for decision in &comparison.decisions {
        let answer = decision.answer_label();
        let shown = if comparison.agree || Some(answer.as_str()) == majority {
            style.good(&answer)
        } else {
            style.bad(&answer)
        };
        writeln!(out, "  {:<width$}  {shown}", decision.profile_name())?;
        let via = decision.via().into_iter().flatten().collect::<Vec<_>>().join(" · ");
        if !via.is_empty() {
            writeln!(out, "  {:<width$}  {}", "", style.dim(&via))?;
        }
    }
    writeln!(out)?;
    writeln!(out, "{}", style.dim(D::EXPLAIN_ONE))?;
    Ok(())
}

impl Shown for Decision {
    const WHO: &'static str = "profiles";
    const EXPLAIN_ONE: &'static str = "`ingress-sim route --profile NAME` explains one profile's decision.";
    const ANSWER_FIELDS: &'static [&'static str] = &["outcome", "backend", "redirect", "upstreamPath"];

    fn profile_name(&self) -> &'static str {
        self.profile.name()
    }

    fn request(&self) -> &MatchedRequest {
        &self.request
    }

    /// The construct that matched and the rule path.
    fn via(&self) -> Vec<Option<String>> {
        vec![
            self.matched_as.clone(),
            self.path.as_ref().zip(self.path_type).map(|(path, kind)| format!("path {path} ({})", kind.as_str())),
            self.ingress.as_ref().map(|ingress| format!("Ingress {ingress}")),
        ]
    }
}

impl Shown for GatewayDecision {
    const WHO: &'static str = "implementations";
    const EXPLAIN_ONE: &'static str =
        "`ingress-sim route --profile NAME` explains one implementation's decision, every candidate match included.";
    const ANSWER_FIELDS: &'static [&'static str] =
        &["outcome", "status", "backend", "split", "redirect", "upstreamPath", "upstreamHost"];

    fn profile_name(&self) -> &'static str {
        self.profile.name()
    }

    fn request(&self) -> &MatchedRequest {
        &self.request
    }

    /// The listener, the route and the rule and match that answered.
    fn via(&self) -> Vec<Option<String>> {
        let matched = self.match_index.map(|m| format!(".matches[{m}]")).unwrap_or_default();
        vec![
            self.listener.as_ref().map(|listener| format!("listener {listener}")),
            self.route.as_ref().zip(self.route_kind).map(|(route, kind)| format!("{} {route}", kind.as_str())),
            self.rule.map(|rule| format!("rules[{rule}]{matched}")),
        ]
    }
}
