//! A Gateway decision walked in the order the rules apply ([`gateway_steps`]): the request, which
//! routes are attached (G3), which listener takes the request (G2), each candidate match on it
//! (G4–G6), the answer (G7, G8) — the same [`Step`] shape as [`crate::steps()`] for Ingress.
//!
//! A printer: it never routes. Every explanation entry is in exactly one step.

use crate::decision::Verdict;
use crate::gateway::{GatewayDecision, GatewayEntry, GatewayOutcome, GatewayReason, GatewayVerdict};
use crate::source::Span;
use crate::steps::{Stage, Step};

fn verdict(v: GatewayVerdict) -> Verdict {
    match v {
        GatewayVerdict::Winner => Verdict::Won,
        GatewayVerdict::Lost => Verdict::Lost,
        GatewayVerdict::Skipped => Verdict::Ignored,
        GatewayVerdict::Info => Verdict::Info,
    }
}

/// The rule a candidate's reason cites.
fn rule_of(reason: GatewayReason) -> &'static str {
    use GatewayReason as R;
    match reason {
        R::ListenerPort | R::ListenerProtocol | R::ListenerHostname | R::Misdirected => "G2",
        R::NotAttached | R::HostnameIntersection | R::NotProgrammed => "G3",
        R::Hostname => "G4",
        R::Path | R::Method | R::Header | R::Query | R::Grpc => "G5",
        R::InvalidBackend | R::RefNotPermitted => "G7",
        _ => "G6",
    }
}

/// Which step an entry goes to.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Place {
    Request,
    Attachment,
    Listener,
    /// Skipped because of its listener (grouped per listener).
    OtherListener,
    Candidate,
    Answer,
}

fn place(e: &GatewayEntry, seen_listener_step: bool) -> Place {
    use GatewayReason as R;
    match (e.verdict, e.reason) {
        (GatewayVerdict::Info, R::Note) if e.route.is_some() => Place::Attachment,
        (GatewayVerdict::Info, R::ListenerPort | R::ListenerProtocol | R::ListenerHostname | R::Misdirected) => {
            Place::Listener
        }
        (GatewayVerdict::Info, R::Note) if !seen_listener_step && e.listener.is_some() => Place::Listener,
        (GatewayVerdict::Info, R::Note) if !seen_listener_step => Place::Request,
        (GatewayVerdict::Info, _) => Place::Answer,
        (_, R::NotAttached | R::HostnameIntersection) if e.rule.is_none() => Place::Attachment,
        (GatewayVerdict::Skipped, _) | (GatewayVerdict::Lost, R::Misdirected) => Place::OtherListener,
        _ => Place::Candidate,
    }
}

fn spans(decision: &GatewayDecision, entries: &[usize]) -> Vec<Span> {
    entries.iter().filter_map(|&i| decision.explanation[i].span).collect()
}

fn step(stage: Stage, rule: &str, title: String, text: String, spans: Vec<Span>, entries: Vec<usize>) -> Step {
    Step { stage, rule: rule.to_string(), title, text, spans, entries, verdict: Verdict::Info }
}

/// The decision's explanation as steps: request, attachment, listener (and the listeners that
/// did not take it), each candidate match on the chosen listener, the answer. A decision routed
/// without explanation still gets its request, listener and answer steps.
pub fn gateway_steps(decision: &GatewayDecision) -> Vec<Step> {
    let x = &decision.explanation;
    let (mut request, mut attachment, mut listener, mut candidates, mut answer) =
        (Vec::new(), Vec::new(), Vec::new(), Vec::new(), Vec::new());
    // Per other listener, in order of appearance: its skipped candidates.
    let mut others: Vec<(String, Vec<usize>)> = Vec::new();
    let mut seen_listener_step = false;
    for (i, e) in x.iter().enumerate() {
        match place(e, seen_listener_step) {
            Place::Request => request.push(i),
            Place::Attachment => attachment.push(i),
            Place::Listener => {
                seen_listener_step = true;
                listener.push(i);
            }
            Place::OtherListener => {
                let name = e.listener.clone().unwrap_or_default();
                match others.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, v)) => v.push(i),
                    None => others.push((name, vec![i])),
                }
            }
            Place::Candidate => {
                if e.verdict == GatewayVerdict::Winner {
                    answer.insert(0, i);
                } else {
                    candidates.push(i);
                }
            }
            Place::Answer => answer.push(i),
        }
    }
    let mut out = Vec::new();
    let r = &decision.request;
    let notes: Vec<&str> = request.iter().map(|&i| x[i].message.as_str()).collect();
    let text = format!(
        "{} request for {}{} to Gateway {}.{}",
        r.scheme.as_str(),
        r.host,
        r.path,
        decision.gateway,
        if notes.is_empty() { String::new() } else { format!(" {}", notes.join(" ")) }
    );
    let spans_request = spans(decision, &request);
    out.push(step(Stage::Request, "G2", "The request".into(), text, spans_request, request));
    if !attachment.is_empty() {
        let mut routes: Vec<&str> = attachment.iter().filter_map(|&i| x[i].route.as_deref()).collect();
        routes.dedup();
        let text = format!(
            "Not attached everywhere they ask (parentRefs, allowedRoutes, hostname intersection; their status says why): {}.",
            routes.join(", ")
        );
        let spans_attachment = spans(decision, &attachment);
        let mut s = step(Stage::Class, "G3", "Attachment".into(), text, spans_attachment, attachment);
        s.verdict = Verdict::Ignored;
        out.push(s);
    }
    let listener_text = listener.first().map_or_else(
        || match &decision.listener {
            Some(l) => format!("Listener {l:?} takes the request."),
            None => "No listener takes the request.".to_string(),
        },
        |&i| x[i].message.clone(),
    );
    let title = match &decision.listener {
        Some(l) => format!("Listener {l}"),
        None => "No listener".to_string(),
    };
    let spans_listener = spans(decision, &listener);
    let mut s = step(Stage::Host, "G2", title, listener_text, spans_listener, listener);
    s.verdict = if decision.outcome == GatewayOutcome::NoListener || decision.outcome == GatewayOutcome::Misdirected {
        Verdict::Lost
    } else {
        Verdict::Won
    };
    out.push(s);
    for (name, entries) in others {
        let first = &x[entries[0]];
        let reason = first.reason;
        let text = format!(
            "Listener {name:?} does not take this request: its {} match{} {} not consulted. {}",
            entries.len(),
            if entries.len() == 1 { "" } else { "es" },
            if entries.len() == 1 { "is" } else { "are" },
            first.message
        );
        let spans_other = spans(decision, &entries);
        let mut s = step(Stage::Host, rule_of(reason), format!("Listener {name}"), text, spans_other, entries);
        s.verdict = verdict(first.verdict);
        out.push(s);
    }
    for i in candidates {
        let e = &x[i];
        let title = format!(
            "{} rule {}{}",
            e.route.as_deref().unwrap_or(""),
            e.rule.map_or(String::new(), |r| r.to_string()),
            e.match_index.map_or(String::new(), |m| format!(" match {m}"))
        );
        let mut s = step(Stage::Path, rule_of(e.reason), title, e.message.clone(), spans(decision, &[i]), vec![i]);
        s.verdict = verdict(e.verdict);
        out.push(s);
    }
    let main = answer.first().map(|&i| &x[i]);
    let text = match main {
        Some(e) if e.verdict == GatewayVerdict::Winner => {
            let rest: Vec<&str> = answer.iter().skip(1).map(|&i| x[i].message.as_str()).collect();
            let status = decision.status.map_or("no HTTP status".to_string(), |s| format!("status {s}"));
            format!("{} {} ({status}).", e.message, rest.join(" ")).replace("  ", " ")
        }
        Some(e) => e.message.clone(),
        None => match decision.status {
            Some(s) => format!("The Gateway answers {s} ({}).", decision.outcome.as_str()),
            None => format!("No HTTP answer ({}).", decision.outcome.as_str()),
        },
    };
    let rule = match decision.outcome {
        GatewayOutcome::NoMatch => "G8",
        GatewayOutcome::Rule
        | GatewayOutcome::Redirect
        | GatewayOutcome::BackendError
        | GatewayOutcome::CorsPreflight => "G7",
        GatewayOutcome::Misdirected | GatewayOutcome::NoListener => "G2",
    };
    let spans_answer = spans(decision, &answer);
    let won = main.is_some_and(|e| e.verdict == GatewayVerdict::Winner);
    let mut s = step(Stage::Winner, rule, format!("Answer: {}", decision.outcome.as_str()), text, spans_answer, answer);
    s.verdict = if won { Verdict::Won } else { Verdict::Info };
    out.push(s);
    out
}
