//! # ingress-engine
//!
//! The routing engine of the Ingress simulator: it reads Kubernetes `networking.k8s.io/v1`
//! Ingress manifests as people paste them, validates them as the API server would, and decides
//! which Ingress, rule, path and backend answers a request — and why every other candidate lost.
//!
//! It is pure Rust with no I/O, builds for native targets and `wasm32-unknown-unknown`, and knows
//! nothing of wasm-bindgen, the DOM or yew: the CLI, the JS bindings and the web app all call it.
//!
//! ## Example
//!
//! One [`Simulator`] per input; the [`Profile`] (whose routing rules) is a question asked of it.
//!
//! ```
//! use ingress_engine::{Explain, Options, Outcome, Profile, Request, Simulator};
//!
//! let yaml = r#"
//! apiVersion: networking.k8s.io/v1
//! kind: Ingress
//! metadata: {name: fanout}
//! spec:
//!   rules:
//!   - host: foo.bar.com
//!     http:
//!       paths:
//!       - {path: /foo, pathType: Prefix, backend: {service: {name: service1, port: {number: 4200}}}}
//! "#;
//! let sim = Simulator::new(yaml, &Options::default());
//! let request = Request::from_url("http://foo.bar.com/foo/x").unwrap();
//! let decision = sim.route(&request, Profile::Spec, Explain::Yes);
//! assert_eq!(decision.outcome, Outcome::Rule);
//! assert_eq!(decision.backend_label(), "service1:4200");
//! assert!(!decision.explanation.is_empty());
//!
//! // The same input under a controller's rules, and several profiles side by side.
//! let nginx = sim.route(&request, Profile::IngressNginx, Explain::No);
//! assert_eq!(nginx.backend_label(), "service1:4200");
//! let comparison = sim.compare(&request, Profile::ALL, Explain::No);
//! assert!(comparison.agree);
//! ```
//!
//! ## The public surface
//!
//! - [`Simulator`]: the façade. [`Simulator::route`] (one request under one profile, explained as
//!   [`Explain`] asks), [`Simulator::compare`] (the same over several profiles, as a
//!   [`Comparison`]), [`Simulator::analyse`] (every [`Diagnostic`] under a profile),
//!   [`Simulator::errors`]; [`DocumentCache`] makes a new reading after an edit re-read only the
//!   edited document.
//! - The results: [`Decision`] (with its [`Entry`] explanation), [`Diagnostic`], [`Comparison`],
//!   [`CaseReport`].
//! - The inputs: [`Request`] (one parser, [`RequestFields`]), [`Options`], [`Profile`], named
//!   [`Source`]s; case files ([`cases`]); the parsed [`model`], with a [`Span`] on everything.
//! - Gateway API (feature `gateway`, [`gateway`]): [`Simulator::route_gateway`] (one request through
//!   a Gateway under an [`gateway::Implementation`], a [`gateway::GatewayDecision`] explained as
//!   [`Explain`] asks), [`Simulator::gateways`], [`Simulator::asks_gateway`] (which routing applies),
//!   [`Simulator::gateway_diagnostics`] (route and Gateway status); the rules G1–G8 are in
//!   [`gateway`]'s documentation.
//!
//! ## Pipeline
//!
//! Inside, one reading goes through these steps; everything up to class choice is done once per
//! input, everything after once per profile, the first time that profile is asked about.
//!
//! 1. YAML: text → spanned YAML trees, one per `---` document; a broken document does not stop
//!    the others. Limits bound depth and size (alias bombs).
//! 2. Decoding: trees → [`Manifest`] (Ingress, IngressClass, Service; `List` unwrapped; v1beta1
//!    converted), with type errors and unknown fields at their field paths.
//! 3. Validation: the API server's create-time validation, every error reported ([`Validation`]).
//! 4. Class: the IngressClass simulated ([`Options::class`]); then, per profile, which Ingresses
//!    that profile's controller admits for it (the controllers differ).
//! 5. Per profile: the admitted paths compiled into the spec index, and the profile's controller
//!    configuration (ingress-nginx servers and locations, GCE URL maps, …); every profile, the
//!    spec included, chooses a request's winner in one place (`select`, indexed) and explains it
//!    apart (`explain`: every other candidate judged against that winner, never choosing).
//! 6. Per profile, on first need: static diagnostics (duplicates, shadowed paths, TLS hosts no rule
//!    serves…), judged by that profile's own router.
//!
//! ## Routing rules of the `spec` profile
//!
//! These rules are the contract of [`Simulator::route`] under [`Profile::Spec`]; each is tested by name in the
//! conformance corpus (`crates/engine/tests/corpus/*.yaml`). Sources: the Kubernetes "Ingress"
//! concept page (kubernetes/website `content/en/docs/concepts/services-networking/ingress.md`) and
//! the `networking.k8s.io/v1` type comments (kubernetes/api `networking/v1/types.go`).
//!
//! **R1 — Class.** With a class `C` chosen (or, if none is chosen, the input's default
//! IngressClass), an Ingress takes part iff its `spec.ingressClassName` is `C`; or it has no field
//! and its `kubernetes.io/ingress.class` annotation is `C`; or it has neither and `C` is the
//! default class (admission assigns it at creation). With no class chosen and no default class,
//! every Ingress takes part. Ingresses that fail validation still take part (the decision says
//! `rejected: true`), but paths that cannot be interpreted (missing or unknown `pathType`,
//! relative path) are skipped.
//!
//! **R2 — Request.** The host is lower-cased; a `:port` and a trailing dot are dropped. The path
//! is everything before the first `?` or `#`; empty means `/`. No other normalisation.
//!
//! **R3 — Host tier.** A rule host matches a request host when it is equal (*precise*); or it is
//! `*.D` and the host is exactly one non-empty label followed by `.D` (*wildcard*); or the rule has
//! no host (*any*). Rules are grouped into the first non-empty tier in the order precise,
//! wildcard, any; rules of all Ingresses in that tier are merged. Lower tiers are not consulted,
//! even when no path of the chosen tier matches.
//!
//! **R4 — Path match.** `Exact` matches iff the request path equals the rule path, byte for byte.
//! `Prefix` splits both on `/`, drops empty elements, and matches iff the rule's elements are a
//! prefix of the request's (so `/foo` matches `/foo/bar` but not `/foobar`, and a trailing slash is
//! ignored on either side). `ImplementationSpecific` is matched as `Prefix` in this profile.
//!
//! **R5 — Precedence.** Among matching paths of the tier, the winner is the least by the key
//! (1) longer rule path string first; (2) `Exact` < `Prefix` < `ImplementationSpecific`;
//! (3) Ingress rank: older `creationTimestamp` first (none counts as newest), then
//! `namespace/name`, then input order; (4) rule index; (5) path index. Two paths equal on (1)–(2)
//! with the same host and path are duplicates: the loser is reported ([`Code::DuplicatePath`]).
//!
//! **R6 — Default backend.** When no path matches: if R3 chose a tier, the best-ranked Ingress
//! among those with a rule in that tier that has `spec.defaultBackend` answers; otherwise (or if
//! none of them has one) the best-ranked admitted Ingress with a `defaultBackend` answers. If no
//! Ingress has one, the outcome is `no-match` (the controller answers 404).
//!
//! **R7 — TLS.** For a TLS request the SNI name (default: the URL's host) picks the certificate:
//! the `tls` entry listing the name exactly, else one whose wildcard covers it, the best-ranked
//! Ingress first; else the controller's default certificate. The Host header still picks the route.
//!
//! ## Features
//!
//! - `controllers` (default): the controller profiles (`ingress-nginx`, `gce`, `aws-alb`,
//!   `traefik`, `contour`) and the regex engine they need. Without it only `spec` routes; the
//!   other profiles answer that they are not built in.
//! - `gateway` (default): Gateway API objects (`gateway.networking.k8s.io`) are read, validated
//!   and routed ([`gateway`]). Without it they are skipped with a notice.
//! - `readback`: the `readback` module, the result types read back from their JSON shape (for
//!   front ends that receive results computed elsewhere, as the playground does with controller
//!   decisions).
//!
//! ## Crate layout and invariants
//!
//! See `ARCHITECTURE.md`. The short version: parsing never fails (it returns a model plus
//! diagnostics), no function panics on any input, and this crate imports nothing from the web,
//! wasm or CLI crates.

#![deny(missing_docs, missing_debug_implementations, rustdoc::broken_intra_doc_links)]

mod analysis;
pub mod cases;
mod class;
pub mod compare;
mod controllers;
pub mod decision;
#[doc(hidden)]
pub mod decode;
pub mod diagnostic;
mod document_cache;
#[cfg(feature = "gateway")]
pub mod gateway;
mod hints;
#[doc(hidden)]
pub mod matching;
#[cfg(feature = "gateway")]
pub mod migrate;
pub mod model;
mod names;
#[doc(hidden)]
pub mod order;
pub mod profile;
mod profile_name;
#[cfg(feature = "readback")]
pub mod readback;
pub mod request;
pub mod route_map;
#[doc(hidden)]
pub mod router;
mod simulator;
pub mod source;
pub mod steps;
mod tls;
mod validate;
mod yaml;

pub use cases::{CaseFile, CaseReport};
pub use class::{ClassNames, EVERY_CLASS, IS_DEFAULT_CLASS};
pub use compare::Comparison;
pub use decision::{BackendRef, Decision, Entry, IgnoredAnnotation, Outcome, Reason, Redirect, SplitBranch, Verdict};
pub use diagnostic::{Code, Diagnostic, ErrorType, Severity};
pub use document_cache::DocumentCache;
pub use model::Manifest;
pub use profile::Profile;
pub use profile_name::ProfileName;
pub use request::{FieldError, Request, RequestError, RequestFields, Scheme};
pub use route_map::RouteMap;
pub use simulator::{Explain, Options, Simulator};
pub use source::{Source, SourceId, Sources, Span};
pub use steps::{steps, Stage, Step};
pub use validate::{Validation, CLASS_ANNOTATION};
