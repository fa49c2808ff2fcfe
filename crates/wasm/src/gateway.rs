//! Gateway API through the JS API: `simulateGateway()` and `Simulation.routeGateway()` answer
//! with the Gateway decision (the CLI's `route --json` shape for Gateway input), and
//! `simulate()`/`Simulation.route()` refuse, naming these, a request the engine would send
//! through a Gateway ([`Simulator::asks_gateway`]: an input with Gateways and no Ingress), so that
//! neither answers with a shape its declared type does not have.

use crate::js;
use ingress_engine::gateway::Implementation;
use ingress_engine::{Explain, ProfileName, Request, Simulator};
use serde::Deserialize;
use serde::Serialize;
use wasm_bindgen::JsValue;

/// The keys of `simulateGateway()`'s and `Simulation.routeGateway()`'s options.
pub const OPTIONS_KEYS: &[&str] = &["class", "profile", "gateway", "explain?"];

/// Their shape, for error messages.
pub const OPTIONS_SHAPE: &str = "{ class?, profile?, gateway?, explain? }";

/// The options of a Gateway routing call.
#[derive(Debug, Default, Deserialize)]
pub struct GatewayOptions {
    /// The IngressClass to simulate (for the Ingresses of a mixed input; Gateways ignore it).
    pub class: Option<String>,
    /// A Gateway API implementation (`spec`, `envoy-gateway`, `contour`).
    pub profile: Option<String>,
    /// The Gateway, `namespace/name` (or a name the input has once); absent: the only one.
    pub gateway: Option<String>,
    /// `false`: the decision without its explanation and diagnostics.
    pub explain: Option<bool>,
}

impl GatewayOptions {
    /// The simulator's options (an empty class is not chosen).
    pub fn engine_options(&self) -> ingress_engine::Options {
        ingress_engine::Options { class: self.class.clone().filter(|c| !c.is_empty()) }
    }

    /// Routes the request through the Gateway, as a plain object.
    pub fn route(&self, sim: &Simulator, request: &Request) -> Result<JsValue, String> {
        let name = match self.profile.as_deref().filter(|p| !p.is_empty()) {
            Some(text) => ProfileName::parse(text).map_err(|e| format!("options.profile: {e}"))?,
            None => ProfileName::default(),
        };
        let implementation = name.gateway().map_err(|e| format!("options.profile: {e}"))?;
        let gateway = self.gateway.as_deref().filter(|g| !g.is_empty());
        let explain = if self.explain.unwrap_or(true) { Explain::Yes } else { Explain::No };
        let decision = sim
            .route_gateway(request, gateway, implementation, explain)
            .map_err(|e| format!("options.gateway: {e}"))?;
        js::to_plain(&decision)
    }
}

/// Refuses an Ingress routing call for an input whose requests go through a Gateway.
pub fn refuse_gateway_input(sim: &Simulator, call: &str) -> Result<(), String> {
    match sim.asks_gateway(None) {
        true => Err(format!(
            "this input has Gateways and no Ingress, so its requests go through a Gateway: call {call} for \
             the Gateway API decision"
        )),
        false => Ok(()),
    }
}

/// One Gateway API implementation, as `implementations()` lists it.
#[derive(Debug, Serialize)]
pub struct ImplementationInfo {
    /// The name `options.profile` takes for Gateway API input.
    pub name: &'static str,
    /// A short title ("Envoy Gateway").
    pub title: &'static str,
    /// What its rules are read from.
    pub description: &'static str,
    /// The release modelled.
    pub version: &'static str,
}

/// Every Gateway API implementation, in the engine's order.
pub fn implementations() -> Vec<ImplementationInfo> {
    Implementation::ALL
        .iter()
        .map(|i| ImplementationInfo {
            name: i.name(),
            title: i.title(),
            description: i.description(),
            version: i.version(),
        })
        .collect()
}
