//! The public calls: [`Simulator::route_gateway`] and its companions. Each implementation's
//! table is compiled the first time it is asked about and kept on the [`Simulator`].

use super::filters::{self, ListenerSide};
use super::select::{self, Asked, ListenerChoice, NoListener};
use super::{explain, GatewayDecision, GatewayOutcome, Implementation};
use crate::decision::MatchedRequest;
use crate::diagnostic::Diagnostic;
use crate::request::{Request, Scheme};
use crate::{Explain, Simulator};
use std::sync::Arc;

/// Why a request could not be given to a Gateway.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum GatewayChoiceError {
    /// The input has no Gateway.
    NoGateway,
    /// No Gateway was named and the input has several (`namespace/name`, input order).
    Several(Vec<String>),
    /// The named Gateway is not in the input.
    NotFound {
        /// The name asked for.
        asked: String,
        /// The Gateways of the input.
        known: Vec<String>,
    },
}

impl std::fmt::Display for GatewayChoiceError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            GatewayChoiceError::NoGateway => {
                write!(f, "the input has no Gateway (kind: Gateway, gateway.networking.k8s.io) to send the request to")
            }
            GatewayChoiceError::Several(known) => write!(
                f,
                "the input has {} Gateways; name the one to send the request to (namespace/name): {}",
                known.len(),
                known.join(", ")
            ),
            GatewayChoiceError::NotFound { asked, known } => write!(
                f,
                "no Gateway {asked:?} in the input; the input has {}",
                if known.is_empty() { "none".to_string() } else { known.join(", ") }
            ),
        }
    }
}

impl std::error::Error for GatewayChoiceError {}

impl Simulator {
    /// The input's Gateways as `namespace/name`, in input order.
    pub fn gateways(&self) -> Vec<String> {
        self.manifest().gateway.gateways.iter().map(|g| g.id()).collect()
    }

    /// True when the input has any Gateway API object (Namespaces alone do not count).
    pub fn has_gateway_api(&self) -> bool {
        self.manifest().gateway.has_gateway_api()
    }

    /// The one rule for "which routing applies" to a request: Gateway routing when a Gateway is
    /// named, or when the input has at least one Gateway and no Ingress; Ingress routing
    /// otherwise. The CLI, the JS API and the case runner all ask this.
    pub fn asks_gateway(&self, gateway: Option<&str>) -> bool {
        gateway.is_some() || (!self.manifest().gateway.gateways.is_empty() && self.manifest().ingresses.is_empty())
    }

    /// Route and Gateway status under `implementation` (what its controller would write in the
    /// routes' and Gateways' status), in input order.
    pub fn gateway_diagnostics(&self, implementation: Implementation) -> Vec<Diagnostic> {
        self.gateway_table(implementation).diagnostics.clone()
    }

    /// True when the API server would refuse this route (`Validation::gateway_rejected`, kept in
    /// the manifest's order of each kind).
    fn refused_route(&self, route: &super::attach::RouteObject) -> bool {
        use super::attach::RouteObject;
        let (objects, refused) = (&self.manifest().gateway, &self.validation().gateway_rejected);
        let (position, flags) = match route {
            RouteObject::Http(r) => (objects.http_routes.iter().position(|o| Arc::ptr_eq(o, r)), &refused.http_routes),
            RouteObject::Grpc(r) => (objects.grpc_routes.iter().position(|o| Arc::ptr_eq(o, r)), &refused.grpc_routes),
            RouteObject::Tls(r) => (objects.tls_routes.iter().position(|o| Arc::ptr_eq(o, r)), &refused.tls_routes),
        };
        position.and_then(|i| flags.get(i).copied()).unwrap_or(false)
    }

    /// The index (input order) of the Gateway `gateway` names (`namespace/name`, or a name the
    /// input has once), or of the input's only Gateway.
    fn choose_gateway(&self, gateway: Option<&str>) -> Result<usize, GatewayChoiceError> {
        let gateways = &self.manifest().gateway.gateways;
        let known = || self.gateways();
        match gateway {
            None => match gateways.len() {
                0 => Err(GatewayChoiceError::NoGateway),
                1 => Ok(0),
                _ => Err(GatewayChoiceError::Several(known())),
            },
            Some(asked) => {
                let exact = gateways.iter().position(|g| {
                    asked.split_once('/').is_some_and(|(ns, name)| g.meta.namespace() == ns && g.meta.name() == name)
                });
                if let Some(i) = exact {
                    return Ok(i);
                }
                let by_name: Vec<usize> =
                    (0..gateways.len()).filter(|&i| !asked.contains('/') && gateways[i].meta.name() == asked).collect();
                match by_name.as_slice() {
                    [one] => Ok(*one),
                    _ => Err(GatewayChoiceError::NotFound { asked: asked.to_string(), known: known() }),
                }
            }
        }
    }

    /// Routes a request through a Gateway under `implementation`: the listener, the route, rule
    /// and match, the backend (or split), the filters' effects, and — as `explain` asks — every
    /// other candidate judged against it. `gateway = None` means the input's only Gateway.
    pub fn route_gateway(
        &self,
        request: &Request,
        gateway: Option<&str>,
        implementation: Implementation,
        explain: Explain,
    ) -> Result<GatewayDecision, GatewayChoiceError> {
        let index = self.choose_gateway(gateway)?;
        let table = self.gateway_table(implementation);
        // The table compiles the Gateways in input order.
        let compiled = &table.gateways[index];
        let asked = Asked::new(request, implementation);
        let selection = select::select(compiled, &asked, implementation);
        let with_notes = explain != Explain::No;
        let matched = MatchedRequest {
            scheme: request.scheme,
            host: asked.host.to_string(),
            path: asked.path.to_string(),
            sni: asked.sni.clone(),
        };
        let mut decision = GatewayDecision::unanswered(implementation, matched, compiled.id.clone());
        decision.rejected = self.validation().gateway_rejected.gateways.get(index).copied().unwrap_or(false);
        let mut notes = Vec::new();
        match selection.listener {
            ListenerChoice::None(why) => {
                decision.outcome = GatewayOutcome::NoListener;
                // gateway_types.go `GatewaySpec.Listeners`: traffic that matches no listener's
                // hostname is rejected, HTTP with 404; no listener on the port or for the SNI:
                // no HTTP exchange at all.
                decision.status = (why == NoListener::Hostname).then_some(404);
            }
            ListenerChoice::Misdirected { by_sni, by_host } => {
                decision.listener = Some(compiled.listeners[by_sni].info.name.clone());
                if by_host.is_some() {
                    decision.outcome = GatewayOutcome::Misdirected;
                    decision.status = Some(421);
                } else {
                    decision.outcome = GatewayOutcome::NoMatch;
                    decision.status = Some(404);
                }
            }
            ListenerChoice::Chosen(l) => {
                let listener = &compiled.listeners[l];
                decision.listener = Some(listener.info.name.clone());
                match selection.winner {
                    None => {
                        decision.outcome = GatewayOutcome::NoMatch;
                        decision.status = Some(404);
                    }
                    Some((m, _)) => {
                        let record = &listener.matches[m as usize];
                        decision.route = Some(record.route.id.clone());
                        decision.route_kind = Some(record.route.kind());
                        decision.rule = Some(record.rule);
                        decision.rule_name = record.rule_name.clone();
                        decision.match_index = record.match_index;
                        decision.span = Some(record.span);
                        decision.rejected |= self.refused_route(&record.route.object);
                        let side = ListenerSide {
                            port: listener.info.port.unwrap_or(asked.port),
                            https: matches!(listener.info.protocol, super::attach::Protocol::Https)
                                || request.scheme == Scheme::Https,
                        };
                        let applied = filters::apply(
                            &record.action,
                            record.route.kind(),
                            &record.conditions.path,
                            request,
                            (&asked.host, &asked.path, asked.query),
                            side,
                            with_notes,
                        );
                        decision.outcome = applied.outcome.unwrap_or(GatewayOutcome::Rule);
                        decision.status = applied.status;
                        decision.backend = applied.backend;
                        decision.split = applied.split;
                        decision.redirect = applied.redirect;
                        decision.upstream_path = applied.upstream_path;
                        decision.upstream_host = applied.upstream_host;
                        decision.upstream_headers = applied.upstream_headers;
                        decision.response_headers = applied.response_headers;
                        decision.mirrors = applied.mirrors;
                        notes = applied.notes;
                    }
                }
            }
        }
        if with_notes {
            let mut explanation = explain::explain(compiled, &asked, &selection, implementation);
            explanation.extend(notes.into_iter().map(super::GatewayEntry::info));
            if decision.rejected {
                explanation.push(super::GatewayEntry::info(super::prose::rejected()));
            }
            decision.explanation = explanation;
            let mut diagnostics: Vec<Diagnostic> = self.read_diagnostics().cloned().collect();
            diagnostics.extend(table.diagnostics.iter().cloned());
            let order = &self.manifest().sources;
            crate::order::sort_by_key(&mut diagnostics, |d| {
                d.span.map(|s| crate::source::input_order(order, s)).unwrap_or((usize::MAX, 0, 0, 0))
            });
            decision.diagnostics = diagnostics;
        }
        Ok(decision)
    }
}
