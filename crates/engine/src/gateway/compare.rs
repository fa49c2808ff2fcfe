//! One request routed through a Gateway under several implementations side by side
//! ([`Simulator::compare_gateway`]), and where the answers differ — the Gateway API twin of
//! [`crate::compare`], sharing its grouping ([`Comparison`] is generic over the decision).
//!
//! The implementations agree when the client gets the same answer: the same status and outcome,
//! the same backend or split, the same redirect, and the backend receives the same path and host.
//! Which route, rule, match or listener answered is reported as a difference too, but does not
//! count as disagreement (the request lands in the same place).

use super::{GatewayChoiceError, GatewayDecision, GatewayOutcome, Implementation};
use crate::compare::{Compared, Comparison, Field};
use crate::request::Request;
use crate::{Explain, Simulator};

/// The decisions of several Gateway API implementations for one request:
/// `{agree, groups: [{answer, profiles}], differences, decisions}`, as [`Comparison`].
pub type GatewayComparison = Comparison<GatewayDecision, Implementation>;

/// An optional number as text (`""` when absent); one type, so the JS API package carries one
/// instance of it.
fn number(value: Option<usize>) -> String {
    value.map(|v| v.to_string()).unwrap_or_default()
}

/// Every share of a split as `backend weight status`, or `""`.
fn split_label(decision: &GatewayDecision) -> String {
    let shares = decision.split.iter().map(|s| format!("{} {} ({})", s.backend, s.weight, s.status));
    shares.collect::<Vec<_>>().join(", ")
}

impl Compared for GatewayDecision {
    type Profile = Implementation;
    const FIELDS: &'static [(&'static str, Field<GatewayDecision>)] = &[
        ("outcome", |d| d.outcome.as_str().to_string()),
        ("status", |d| number(d.status.map(usize::from))),
        ("backend", |d| d.backend_label()),
        ("split", split_label),
        ("redirect", |d| d.redirect.as_ref().map(|r| format!("{} {}", r.status, r.location)).unwrap_or_default()),
        ("upstreamPath", |d| d.upstream_path.clone().unwrap_or_default()),
        ("upstreamHost", |d| d.upstream_host.clone().unwrap_or_default()),
        ("route", |d| d.route.clone().unwrap_or_default()),
        ("rule", |d| number(d.rule)),
        ("match", |d| number(d.match_index)),
        ("listener", |d| d.listener.clone().unwrap_or_default()),
    ];

    fn profile(&self) -> Implementation {
        self.profile
    }

    /// `ns/svc:8080, upstream path /x`, `split a 90 (200), b 10 (500)`, `404 (no match)`,
    /// `302 → https://…`, `no HTTP answer (no listener)`: everything the client and the backend
    /// see (the upstream host when a filter changed it).
    fn answer_label(&self) -> String {
        let status = self.status.map_or_else(|| "no HTTP answer".to_string(), |s| number(Some(s.into())));
        let mut label = match self.outcome {
            GatewayOutcome::Rule if !self.split.is_empty() => format!("split {}", split_label(self)),
            GatewayOutcome::Rule => self.backend_label(),
            GatewayOutcome::Redirect => match &self.redirect {
                Some(r) => format!("{} → {}", r.status, r.location),
                None => format!("{status} (redirect)"),
            },
            GatewayOutcome::NoListener => format!("{status} (no listener)"),
            other => format!("{status} ({})", other.as_str().replace('-', " ")),
        };
        if self.outcome == GatewayOutcome::Rule && self.status != Some(200) {
            label.push_str(&format!(" (status {status})"));
        }
        if let Some(path) = &self.upstream_path {
            label.push_str(&format!(", upstream path {path}"));
        }
        // The Host the client sent (the same under every implementation) is no news.
        if let Some(host) = self.upstream_host.as_ref().filter(|h| **h != self.request.host) {
            label.push_str(&format!(", upstream host {host}"));
        }
        label
    }
}

impl Simulator {
    /// Routes a request through a Gateway under each of `implementations`
    /// ([`Simulator::route_gateway`]) and says where the answers differ. `gateway = None` means
    /// the input's only Gateway.
    pub fn compare_gateway(
        &self,
        request: &Request,
        gateway: Option<&str>,
        implementations: &[Implementation],
        explain: Explain,
    ) -> Result<GatewayComparison, GatewayChoiceError> {
        let decisions = implementations
            .iter()
            .map(|&implementation| self.route_gateway(request, gateway, implementation, explain))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(Comparison::of(decisions))
    }
}
