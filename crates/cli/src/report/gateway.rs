//! `route` through a Gateway: the Gateway API decision for people (JSON is the decision itself).

use crate::report::route::{field, write_why_and_diagnostics};
use crate::report::test::with_method_and_headers;
use crate::report::{place, url};
use crate::style::Style;
use ingress_engine::gateway::{GatewayDecision, GatewayOutcome, GatewayVerdict};
use ingress_engine::Request;
use std::io::{self, Write};

/// Headline, the answering listener/route/rule/match, what the filters did, "Why" and diagnostics.
pub fn write_text(out: &mut dyn Write, sent: &Request, decision: &GatewayDecision, style: Style) -> io::Result<()> {
    writeln!(out, "{}", headline(decision, style))?;
    let request = &decision.request;
    field(out, style, "Request", &with_method_and_headers(sent, url(request.scheme, &request.host, &request.path)))?;
    field(
        out,
        style,
        "Status",
        &decision.status.map_or("none: no listener takes the connection".into(), |s| s.to_string()),
    )?;
    field(out, style, "Gateway", &decision.gateway)?;
    if let Some(listener) = &decision.listener {
        field(out, style, "Listener", listener)?;
    }
    if let (Some(route), Some(kind)) = (&decision.route, decision.route_kind) {
        field(out, style, "Route", &format!("{} {route}", kind.as_str()))?;
    }
    if let Some(rule) = decision.rule {
        let name = decision.rule_name.as_deref().map(|n| format!(" ({n})")).unwrap_or_default();
        let matched =
            decision.match_index.map_or(" (no matches: every request)".to_string(), |m| format!(", matches[{m}]"));
        field(out, style, "Rule", &format!("spec.rules[{rule}]{name}{matched}"))?;
    }
    let place = place(decision.span);
    if !place.is_empty() {
        field(out, style, "Defined at", &place)?;
    }
    write_effects(out, decision, style)?;
    let profile = decision.profile;
    field(
        out,
        style,
        "Simulated",
        &format!("Gateway API, {} ({} {})", profile.name(), profile.title(), decision.profile_version),
    )?;
    if decision.rejected {
        let warning = "The API server would refuse this Gateway or the answering route (see Diagnostics).";
        writeln!(out, "  {}", style.caution(warning))?;
    }
    let why: Vec<_> =
        decision.explanation.iter().map(|e| (verdict_mark(e.verdict, style), e.message.clone(), e.span)).collect();
    write_why_and_diagnostics(out, &why, &decision.diagnostics, style)
}

/// The split, and what the backend and the client receive after the filters.
fn write_effects(out: &mut dyn Write, decision: &GatewayDecision, style: Style) -> io::Result<()> {
    for share in &decision.split {
        let answer = if share.status == 200 { String::new() } else { format!(" → {}", share.status) };
        field(
            out,
            style,
            "Split",
            &format!("{} weight {} ({:.0} %){answer}", share.backend, share.weight, share.share * 100.0),
        )?;
    }
    if let Some(path) = &decision.upstream_path {
        field(out, style, "Upstream", &format!("{} {path}", decision.upstream_host.as_deref().unwrap_or("")))?;
    }
    for (name, value) in decision.upstream_headers.iter().filter(|(n, _)| !n.eq_ignore_ascii_case("host")) {
        field(out, style, "→ header", &format!("{name}: {value}"))?;
    }
    for (name, value) in &decision.response_headers {
        field(out, style, "← header", &format!("{name}: {value}"))?;
    }
    for mirror in &decision.mirrors {
        field(out, style, "Mirror", &mirror.to_string())?;
    }
    Ok(())
}

fn headline(decision: &GatewayDecision, style: Style) -> String {
    let target = match decision.outcome {
        GatewayOutcome::Redirect => {
            decision.redirect.as_ref().map(|r| format!("{} {}", r.status, r.location)).unwrap_or_default()
        }
        GatewayOutcome::Rule if decision.backend.is_some() => decision.backend_label(),
        _ => decision.status.map_or("no answer".to_string(), |s| s.to_string()),
    };
    let good = decision.outcome == GatewayOutcome::Rule && decision.backend.is_some();
    let target = if good { style.good(&target) } else { style.bad(&target) };
    format!("→ {target} ({})", decision.outcome.as_str())
}

pub(crate) fn verdict_mark(verdict: GatewayVerdict, style: Style) -> String {
    match verdict {
        GatewayVerdict::Winner => style.good("✓ won    "),
        GatewayVerdict::Lost => style.bad("✗ lost   "),
        GatewayVerdict::Skipped => style.caution("– skipped"),
        GatewayVerdict::Info => style.note("· info   "),
    }
}
