//! `route`: one decision, as text for people or as the Decision JSON object.

use crate::report::diagnostics::format_styled;
use crate::report::test::with_method_and_headers;
use crate::report::{place, url};
use crate::style::Style;
use ingress_engine::decision::TlsDecision;
use ingress_engine::{Decision, Diagnostic, Outcome, Profile, Request, Span, Verdict};
use std::io::{self, Write};

/// The serialised [`Decision`] (its positions name their files).
pub fn to_json(decision: &Decision) -> serde_json::Value {
    serde_json::to_value(decision).unwrap_or_default()
}

/// The decision for `sent` for people: headline, winner, "Why" (every candidate) and diagnostics.
pub fn write_text(out: &mut dyn Write, sent: &Request, decision: &Decision, style: Style) -> io::Result<()> {
    writeln!(out, "{}", headline(decision, style))?;
    let request = &decision.request;
    let matched = url(request.scheme, &request.host, &request.path);
    field(out, style, "Request", &with_method_and_headers(sent, matched))?;
    field(out, style, "Status", &status_label(decision))?;
    if let Some(ingress) = &decision.ingress {
        field(out, style, "Ingress", ingress)?;
    }
    if let Some(rule) = decision.rule {
        field(out, style, "Rule", &format!("spec.rules[{rule}]"))?;
        field(out, style, "Host", &host_label(decision.host.as_deref()))?;
    }
    if let (Some(path), Some(path_type), Some(index)) = (&decision.path, decision.path_type, decision.path_index) {
        field(out, style, "Path", &format!("{path} ({}), paths[{index}]", path_type.as_str()))?;
    }
    let place = place(decision.span);
    if !place.is_empty() {
        field(out, style, "Defined at", &place)?;
    }
    let tls = decision.tls.as_ref().map_or("none: plain HTTP (give --sni or an https:// URL)".to_string(), tls_label);
    field(out, style, "TLS", &tls)?;
    let class =
        decision.class.as_deref().map_or_else(|| unchosen_class(decision.profile), |c| format!("IngressClass {c}"));
    let profile = decision.profile;
    field(out, style, "Simulated", &format!("{class}, profile {profile} ({})", profile.release()))?;
    if decision.rejected {
        writeln!(
            out,
            "  {}",
            style.caution("The answering Ingress would be rejected by the API server (see Diagnostics).")
        )?;
    }
    let why: Vec<(String, String, Option<Span>)> =
        decision.explanation.iter().map(|e| (verdict_mark(e.verdict, style), e.message.clone(), e.span)).collect();
    write_why_and_diagnostics(out, &why, &decision.diagnostics, style)
}

/// "Why" (one line per entry: its mark, its sentence, its place) and then "Diagnostics", as every
/// decision prints them.
pub(crate) fn write_why_and_diagnostics(
    out: &mut dyn Write,
    why: &[(String, String, Option<Span>)],
    diagnostics: &[Diagnostic],
    style: Style,
) -> io::Result<()> {
    writeln!(out)?;
    writeln!(out, "{}", style.bold("Why"))?;
    for (mark, message, span) in why {
        let place = place(*span);
        let place = if place.is_empty() { String::new() } else { format!("  {}", style.dim(&place)) };
        writeln!(out, "  {mark}  {message}{place}")?;
    }
    if !diagnostics.is_empty() {
        writeln!(out)?;
        writeln!(out, "{}", style.bold("Diagnostics"))?;
        for diagnostic in diagnostics {
            writeln!(out, "  {}", format_styled(diagnostic, style))?;
        }
    }
    Ok(())
}

fn headline(decision: &Decision, style: Style) -> String {
    let target = match decision.outcome {
        Outcome::NoMatch => "404".to_string(),
        Outcome::Redirect => {
            decision.redirect.as_ref().map(|r| format!("{} {}", r.status, r.location)).unwrap_or_default()
        }
        Outcome::ConfigError => "configuration rejected by the controller".to_string(),
        Outcome::ControllerAnswer => match decision.status {
            Some(status) => format!("{status} answered by the controller itself"),
            None => "connection closed by the controller".to_string(),
        },
        _ if decision.backend.is_none() => "no usable backend".to_string(),
        _ => decision.backend_label(),
    };
    let target = if decision.outcome.reaches_backend() { style.good(&target) } else { style.bad(&target) };
    format!("→ {target} ({})", decision.outcome.as_str())
}

/// One `Name      value` line of a decision.
pub(crate) fn field(out: &mut dyn Write, style: Style, name: &str, value: &str) -> io::Result<()> {
    writeln!(out, "  {} {value}", style.dim(&format!("{name:<10}")))
}

/// `200`, `308 Location: https://…`, or what a client sees when nothing new is served.
fn status_label(decision: &Decision) -> String {
    match (decision.status, &decision.redirect) {
        (Some(status), Some(r)) => format!("{status}, Location: {}", r.location),
        (Some(status), None) => status.to_string(),
        (None, _) if decision.outcome == Outcome::ControllerAnswer => {
            "none: the controller closes the connection without an HTTP answer".to_string()
        }
        (None, _) => "none: the controller keeps serving its previous configuration".to_string(),
    }
}

fn host_label(host: Option<&str>) -> String {
    match host {
        None | Some("") => "(any host)".to_string(),
        Some(host) => host.to_string(),
    }
}

fn tls_label(tls: &TlsDecision) -> String {
    match (&tls.secret_name, &tls.ingress, tls.entry) {
        (Some(secret), Some(ingress), Some(entry)) => {
            format!("SNI {} → Secret {secret} ({ingress}, spec.tls[{entry}])", tls.sni)
        }
        (Some(secret), _, _) => format!("SNI {} → Secret {secret}", tls.sni),
        // Neither a Secret nor the default certificate: the backend answers (TLS passthrough).
        (None, _, _) if !tls.default_certificate => format!("SNI {} → passed through to the backend", tls.sni),
        _ => format!("SNI {} → the controller's default certificate", tls.sni),
    }
}

pub(crate) fn verdict_mark(verdict: Verdict, style: Style) -> String {
    match verdict {
        Verdict::Won => style.good("✓ won    "),
        Verdict::Lost => style.bad("✗ lost   "),
        Verdict::Ignored => style.caution("– ignored"),
        Verdict::Info => style.note("· info   "),
    }
}

/// What "no class chosen" simulates: every Ingress under the spec's R1 (and ingress-nginx, which
/// follows it here), but the controller run without a class setting under the other profiles,
/// which take only the Ingresses their controller would (the explanation's class step says which).
fn unchosen_class(profile: Profile) -> String {
    match profile.latest() {
        Profile::Spec | Profile::IngressNginx => "every class".to_string(),
        _ => "no class chosen (the controller without a class setting)".to_string(),
    }
}
