//! Gateway API (`gateway.networking.k8s.io`): Gateways, their listeners, and the routes attached
//! to them, read, validated, routed and explained like Ingresses.
//!
//! The rules below (G1–G…) are the contract of Gateway API routing in this crate, each cited to
//! kubernetes-sigs/gateway-api at v1.6.1 (`apis/v1/httproute_types.go`, `gateway_types.go`,
//! `shared_types.go`, `referencegrant_types.go`); what the specification leaves to
//! implementations is an [`Implementation`] choice (the `spec` reading, Envoy Gateway, Contour),
//! each citing its own source.
//!
//! (The rules are written in `gateway/rules.md`-style prose here as they land.)

mod attach;
pub mod decision;
mod explain;
mod filters;
mod implementation;
mod matching;
pub(crate) mod decode;
pub mod model;
pub(crate) mod validate;
mod prose;
mod select;
mod simulate;
pub(crate) mod table;

pub use decision::{
    GatewayBackend, GatewayDecision, GatewayEntry, GatewayOutcome, GatewayReason, GatewayVerdict, PortNumber,
    RouteKind, SplitShare,
};
pub use implementation::Implementation;
pub use simulate::GatewayChoiceError;
