//! Gateway API through the JS API: `simulateGateway()` and `Simulation.routeGateway()` answer
//! with the Gateway decision (the CLI's `route --json` shape for Gateway input), and
//! `simulate()`/`Simulation.route()` refuse, naming these, a request the engine would send
//! through a Gateway ([`Simulator::asks_gateway`]: an input with Gateways and no Ingress), so that
//! neither answers with a shape its declared type does not have. `compareGateway()` and
//! `Simulation.compareGateway()` route through the Gateway under several implementations.

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

/// The keys of `compareGateway()`'s and `Simulation.compareGateway()`'s options.
pub const COMPARE_KEYS: &[&str] = &["class", "profiles[]", "gateway", "explain?"];

/// Their shape, for error messages.
pub const COMPARE_SHAPE: &str = "{ class?, profiles?, gateway?, explain? }";

/// The options of a Gateway routing call (`profile`) or comparison (`profiles`).
#[derive(Debug, Default, Deserialize)]
pub struct GatewayOptions {
    /// The IngressClass to simulate (for the Ingresses of a mixed input; Gateways ignore it).
    pub class: Option<String>,
    /// A Gateway API implementation (`spec`, `envoy-gateway`, `contour`).
    pub profile: Option<String>,
    /// For a comparison: implementations in the order to show them (absent or empty: every one).
    pub profiles: Option<Vec<String>>,
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

    /// The Gateway named (an empty name is none) and how much to explain.
    fn gateway_and_explain(&self) -> (Option<&str>, Explain) {
        let explain = if self.explain.unwrap_or(true) { Explain::Yes } else { Explain::No };
        (self.gateway.as_deref().filter(|g| !g.is_empty()), explain)
    }

    /// Routes the request through the Gateway, as a plain object.
    pub fn route(&self, sim: &Simulator, request: &Request) -> Result<JsValue, String> {
        let name = match self.profile.as_deref().filter(|p| !p.is_empty()) {
            Some(text) => ProfileName::parse(text).map_err(|e| format!("options.profile: {e}"))?,
            None => ProfileName::default(),
        };
        let implementation = name.gateway().map_err(|e| format!("options.profile: {e}"))?;
        let (gateway, explain) = self.gateway_and_explain();
        let decision = sim
            .route_gateway(request, gateway, implementation, explain)
            .map_err(|e| format!("options.gateway: {e}"))?;
        js::to_plain(&decision)
    }

    /// Routes the request through the Gateway under each implementation: `{ agree, groups,
    /// differences, decisions }`, as a plain object.
    pub fn compare(&self, sim: &Simulator, request: &Request) -> Result<JsValue, String> {
        let implementations = match self.profiles.as_deref() {
            None | Some([]) => Implementation::ALL.to_vec(),
            Some(names) => names
                .iter()
                .map(|n| ProfileName::parse(n).and_then(|name| name.gateway()))
                .collect::<Result<_, _>>()
                .map_err(|e| format!("options.profiles: {e}"))?,
        };
        let (gateway, explain) = self.gateway_and_explain();
        let comparison = sim
            .compare_gateway(request, gateway, &implementations, explain)
            .map_err(|e| format!("options.gateway: {e}"))?;
        js::to_plain(&comparison)
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
