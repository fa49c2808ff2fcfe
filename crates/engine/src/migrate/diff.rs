//! The behaviour diff: [`migrate`] (Ingress profile → converted Gateway API objects) and
//! [`Simulator::diff`] (one Ingress profile → another), over the same generated requests
//! ([`super::probes`]).
//!
//! ## What "changed" means (defined once, here: [`Answer`])
//!
//! A request changes when the client or the backend would notice: the two decisions are read into
//! the same [`Answer`] and compared field by field:
//!
//! - **status**: the HTTP status the client gets (`null` when no HTTP exchange happens);
//! - **kind**: a backend answers (`rule`, `default-backend`) / a redirect / 404 (`no-match`, and a
//!   Gateway's hostname miss) / any other error (a configuration the controller refuses, a
//!   controller's own answer, a backend that cannot be reached, 421, no listener);
//! - **backends**: the Service (`namespace/name:port`, a named Ingress port resolved through the
//!   input's Service as ingress2gateway does) — or, for a weighted split, every Service with its
//!   share in per mille. An Ingress canary chosen by header or cookie is its one backend;
//! - **location**: a redirect's `Location`;
//! - **upstream path**: the path the backend receives when it is rewritten (ingress-nginx
//!   `rewrite-target`, a Gateway `URLRewrite`); a path passed on as routed counts as not rewritten.
//!
//! Which Ingress, rule, route or listener answered does not count: the same backend reached
//! another way is the same answer (as in [`crate::compare`]). Nor does the path normalisation a
//! proxy applies before passing the path on (a quiet change of its own: `normalisation-dropped`).
//!
//! ## Which Gateway answers
//!
//! A converted input has one Gateway per namespace and class, each with its own address. A request
//! goes to the first Gateway in [`super::Conversion::gateways`] order with a listener that takes it
//! (the scheme's protocol and port, and the listener hostname: exact, or a `*.` wildcard covering
//! any number of labels, or none); when none does, to the first Gateway, whose answer says why
//! (no listener). A host served by Gateways in several namespaces is the `split-host` quiet change.
//!
//! ## Cost
//!
//! Every probe is routed unexplained first ([`Explain::No`]); only the changed ones are routed
//! again with their explanations, and only the first [`MAX_EXPLAINED`] of them
//! (an explained pair costs ~1–2 ms on 1,000 Ingresses, and a cause usually changes many requests
//! alike). Each explanation keeps the entries that bear on the request (the module `trim`: other
//! hosts' candidates and other listeners' matches become one line each), so a change stays a few
//! KB of JSON however large the input. The changes after those carry their decisions without
//! explanation (`explained: false`, `explanation: []`), a migration says so in an
//! `unexplained-changes` notice, and [`super::MigrationRun::explain`] explains any one of them.
//! An Ingress decision is explained with [`Explain::BeforeAnalysis`]: the same explanation, without
//! running the profile's static analysis over the whole input first (its findings are the
//! `validate` command's business, and on 1,000 Ingresses it would be one long step of a run).

use super::probe::ProbeSet;
use super::{convert, Conversion, ConvertOptions, Notice, Provider};
use crate::decision::{BackendRef, Decision, Outcome, PortRef};
use crate::gateway::{GatewayBackend, GatewayDecision, GatewayOutcome, Implementation};
use crate::model::Manifest;
use crate::profile::Profile;
use crate::request::Request;
use crate::source::Sources;
use crate::{Explain, Simulator};
use serde::Serialize;

/// How many changed requests carry both explanations (see the module docs).
pub const MAX_EXPLAINED: usize = 200;

/// The notice that the changes after the first [`MAX_EXPLAINED`] carry no explanation.
pub(crate) fn unexplained_notice(changed: usize) -> Notice {
    Notice::new(
        super::NoticeLevel::Info,
        "unexplained-changes",
        format!(
            "{changed} requests change; the first {MAX_EXPLAINED} carry both explanations, the others their answers only (route one with ingress-sim route to see why)."
        ),
    )
}

/// One request whose answer changes: what it probes, and both decisions, explained.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Change<B, A> {
    /// The request.
    pub request: Request,
    /// What it probes ([`super::Probe::probes`]).
    pub probes: String,
    /// True when `before` and `after` carry their explanations (the first [`MAX_EXPLAINED`]
    /// changes; the others can be explained one at a time: [`super::MigrationRun::explain`]).
    pub explained: bool,
    /// The decision before (the `route --json` shape; an explanation keeps the entries about the
    /// request's own host, as the module docs say).
    pub before: B,
    /// The decision after.
    pub after: A,
}

/// What to migrate from and to.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct MigrateOptions {
    /// The Ingress profile the input runs under today (default: ingress-nginx, latest).
    pub from: Profile,
    /// The Gateway API implementation the converted objects run under (default: Envoy Gateway).
    pub to: Implementation,
    /// The name the emitted YAML is read back under, so the "after" places name the file the
    /// user has (`migrate --emit OUT.yaml`); `None`: [`super::EMITTED_SOURCE`].
    pub emitted_name: Option<String>,
}

impl Default for MigrateOptions {
    fn default() -> MigrateOptions {
        MigrateOptions { from: Profile::IngressNginx, to: Implementation::EnvoyGateway, emitted_name: None }
    }
}

/// A migration's result: the CLI's `migrate --json` object.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Migration {
    /// The Ingress profile routed before.
    pub from: Profile,
    /// The Gateway API implementation routed after.
    pub to: Implementation,
    /// The converted Gateways, `namespace/name`, in the order they are written.
    pub gateways: Vec<String>,
    /// The conversion's notices, then the quiet changes.
    pub notices: Vec<Notice>,
    /// How many requests were asked.
    pub requests: usize,
    /// Every request whose answer changes ([`Answer`]), in probe order (the first
    /// [`MAX_EXPLAINED`] explained).
    pub changed: Vec<Change<Decision, GatewayDecision>>,
    /// The conversion (its YAML is what `--emit` writes).
    #[serde(skip)]
    pub conversion: Conversion,
}

/// The same probes asked of two Ingress profiles: the CLI's `diff --json` object.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ProfileDiff {
    /// The profile routed before.
    pub from: Profile,
    /// The profile routed after.
    pub to: Profile,
    /// How many requests were asked.
    pub requests: usize,
    /// Every request whose answer changes, in probe order (the first [`MAX_EXPLAINED`] explained).
    pub changed: Vec<Change<Decision, Decision>>,
}

/// Converts `input`, reads the emitted YAML back beside it, and lists every probe whose answer
/// changes, with the conversion's notices and the quiet changes (a [`super::MigrationRun`] run to
/// its end).
pub fn migrate(input: Sources, options: &MigrateOptions) -> Migration {
    let mut run = super::MigrationRun::new(input, options);
    while !run.step(usize::MAX).finished {}
    run.finish()
}

/// The options of the conversion a migration from `from` runs.
pub(crate) fn convert_options(from: Profile) -> ConvertOptions {
    ConvertOptions { provider: Provider::for_profile(from) }
}

/// Converts the input of `sim` (ingress2gateway's provider for `from`).
pub(crate) fn conversion_of(sim: &Simulator, from: Profile) -> Conversion {
    convert(sim, &convert_options(from))
}

impl Simulator {
    /// Asks the same generated requests ([`super::probes`]) of two Ingress profiles and lists
    /// every one whose answer changes ([`Answer`]): a move between controllers
    /// (`ingress-nginx` → `traefik-ingress-nginx`) or an upgrade (`traefik@3.6` → `traefik`).
    pub fn diff(&self, from: Profile, to: Profile) -> ProfileDiff {
        let ProbeSet { probes, .. } = super::probe::probe_set(self);
        let manifest = self.manifest();
        let mut changed = Vec::new();
        for probe in &probes {
            let before = self.route(&probe.request, from, Explain::No);
            let after = self.route(&probe.request, to, Explain::No);
            if Answer::of_ingress_request(&before, &probe.request, manifest)
                != Answer::of_ingress_request(&after, &probe.request, manifest)
            {
                let explained = changed.len() < MAX_EXPLAINED;
                let (before, after) = if explained {
                    let before = super::trim::ingress(self.route(&probe.request, from, Explain::BeforeAnalysis));
                    (before, super::trim::ingress(self.route(&probe.request, to, Explain::BeforeAnalysis)))
                } else {
                    (before, after)
                };
                let (request, probes) = (probe.request.clone(), probe.probes.clone());
                changed.push(Change { request, probes, explained, before, after });
            }
        }
        ProfileDiff { from, to, requests: probes.len(), changed }
    }
}

/// What the client and the backend see of a decision: the one definition of "changed" (see the
/// module docs). Two decisions, of either kind, answer alike when their `Answer`s are equal.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    /// The HTTP status (`None`: no HTTP exchange).
    pub status: Option<u16>,
    /// The kind of answer.
    pub kind: AnswerKind,
    /// The backend (`namespace/name:port`), or every share of a weighted split with its share in
    /// per mille, sorted; empty unless a backend answers.
    pub backends: Vec<(String, Option<u32>)>,
    /// A redirect's `Location`.
    pub location: Option<String>,
    /// The path the backend receives, when it is rewritten.
    pub upstream_path: Option<String>,
}

/// The kinds of answer both routings share.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AnswerKind {
    /// A backend receives the request.
    Backend,
    /// A redirect.
    Redirect,
    /// 404: nothing matches.
    NotFound,
    /// Any other error: a refused configuration, a controller's own answer, an unreachable
    /// backend, 421, no listener.
    OtherError,
}

impl Answer {
    /// An Ingress profile's decision for `request`: as [`Answer::of_ingress`], except that a
    /// canary's `never` header or cookie (ingress-nginx `canary-by-header`, `canary-by-cookie`)
    /// sends the request to the main side alone, whatever the weights.
    pub fn of_ingress_request(decision: &Decision, request: &Request, manifest: &Manifest) -> Answer {
        let mut answer = Answer::of_ingress(decision, manifest);
        if answer.backends.len() > 1 && decision.split.iter().any(|b| b.canary && says_never(&b.selector, request)) {
            if let Some(main) = decision.split.iter().find(|b| b.taken && !b.canary) {
                let namespace = main.ingress.split_once('/').map_or("default", |(ns, _)| ns);
                let key = main.backend.as_ref().map(|b| ingress_backend(manifest, namespace, b));
                answer.backends = vec![(key.unwrap_or_default(), None)];
            }
        }
        answer
    }

    /// An Ingress profile's decision (`manifest`: the input, whose Services resolve named ports).
    pub fn of_ingress(decision: &Decision, manifest: &Manifest) -> Answer {
        let namespace = |ingress: &str| ingress.split_once('/').map_or("default", |(ns, _)| ns).to_string();
        let mut kind = match decision.outcome {
            Outcome::Rule | Outcome::DefaultBackend => AnswerKind::Backend,
            Outcome::Redirect => AnswerKind::Redirect,
            Outcome::NoMatch => AnswerKind::NotFound,
            Outcome::ConfigError | Outcome::ControllerAnswer => AnswerKind::OtherError,
        };
        let mut status = decision.status;
        let mut backends = Vec::new();
        if kind == AnswerKind::Backend {
            let ns = namespace(decision.ingress.as_deref().unwrap_or_default());
            let taken = decision.split.iter().find(|b| b.taken);
            let weighted: Vec<_> = decision.split.iter().filter(|b| b.weight.is_some_and(|w| w > 0.0)).collect();
            if taken.is_some_and(|t| !t.canary) && weighted.len() > 1 {
                for branch in weighted {
                    let key =
                        branch.backend.as_ref().map(|b| ingress_backend(manifest, &namespace(&branch.ingress), b));
                    let per_mille = branch.weight.map(|w| (w * 10.0).round() as u32);
                    backends.push((key.unwrap_or_default(), per_mille));
                }
            } else if let Some(branch) = taken {
                let key = branch.backend.as_ref().map(|b| ingress_backend(manifest, &namespace(&branch.ingress), b));
                backends.push((key.unwrap_or_default(), None));
            } else if let Some(backend) = &decision.backend {
                let key = match (&decision.resolved_port, backend) {
                    (Some(port), BackendRef::Service { .. }) => format!("{}:{}", port.service, port.number),
                    _ => ingress_backend(manifest, &ns, backend),
                };
                backends.push((key, None));
            } else {
                // A rule whose backend cannot be used: the controller answers 503.
                kind = AnswerKind::OtherError;
                status = Some(503);
            }
            crate::order::sort_by(&mut backends, |a, b| a.cmp(b));
        }
        let location = decision.redirect.as_ref().map(|r| same_url(&r.location));
        let upstream_path = if kind == AnswerKind::Backend { decision.upstream_path.clone() } else { None };
        Answer { status, kind, backends, location, upstream_path }
    }

    /// A Gateway API decision.
    pub fn of_gateway(decision: &GatewayDecision) -> Answer {
        let kind = match decision.outcome {
            GatewayOutcome::Rule => AnswerKind::Backend,
            GatewayOutcome::Redirect => AnswerKind::Redirect,
            GatewayOutcome::NoMatch => AnswerKind::NotFound,
            GatewayOutcome::NoListener if decision.status == Some(404) => AnswerKind::NotFound,
            _ => AnswerKind::OtherError,
        };
        let mut backends = Vec::new();
        if kind == AnswerKind::Backend {
            let shares: Vec<_> = decision.split.iter().filter(|s| s.share > 0.0).collect();
            if shares.len() > 1 {
                backends =
                    shares.iter().map(|s| (s.backend.to_string(), Some((s.share * 1000.0).round() as u32))).collect();
            } else if let Some(backend) = &decision.backend {
                backends.push((gateway_backend(backend), None));
            }
            crate::order::sort_by(&mut backends, |a, b| a.cmp(b));
        }
        let location = decision.redirect.as_ref().map(|r| same_url(&r.location));
        let upstream_path = match (&decision.upstream_path, kind) {
            (Some(path), AnswerKind::Backend) => {
                let path = path.split_once('?').map_or(path.as_str(), |(p, _)| p);
                (path != decision.request.path).then(|| path.to_string())
            }
            _ => None,
        };
        Answer { status: decision.status, kind, backends, location, upstream_path }
    }
}

/// True when `request` carries the `never` value of the header or cookie a canary's selector
/// names (`header X-Canary: always (never: main)`, `cookie canary=always (never: main)`).
fn says_never(selector: &str, request: &Request) -> bool {
    selector.split("; ").any(|part| {
        if let Some(rest) = part.strip_prefix("header ") {
            let name = rest.split([':', ' ']).next().unwrap_or_default();
            request.header_values(name).any(|v| v == "never")
        } else if let Some(rest) = part.strip_prefix("cookie ") {
            let name = rest.split('=').next().unwrap_or_default();
            request.cookies.iter().any(|(k, v)| k == name && v == "never")
        } else {
            false
        }
    })
}

/// A redirect's `Location` as the client follows it: scheme and host lower-cased, the scheme's
/// default port dropped, an empty path read as `/` (RFC 3986 §6.2.3: `https://h` and
/// `https://h:443/` are the same URL). A relative `Location` is kept as written.
fn same_url(location: &str) -> String {
    let Some((scheme, rest)) = location.split_once("://") else { return location.to_string() };
    let scheme = scheme.to_ascii_lowercase();
    let end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
    let (authority, tail) = rest.split_at(end);
    let mut authority = authority.to_ascii_lowercase();
    let default_port = match scheme.as_str() {
        "http" => ":80",
        "https" => ":443",
        _ => "",
    };
    if !default_port.is_empty() && authority.ends_with(default_port) {
        authority.truncate(authority.len() - default_port.len());
    }
    let slash = if tail.starts_with('/') { "" } else { "/" };
    format!("{scheme}://{authority}{slash}{tail}")
}

/// An Ingress backend as `namespace/name:port` (a named port resolved through the input's Service
/// when it has one, as ingress2gateway's `servicePorts` does), or `Kind namespace/name`.
fn ingress_backend(manifest: &Manifest, namespace: &str, backend: &BackendRef) -> String {
    match backend {
        BackendRef::Service { name, port: PortRef::Number(n) } => format!("{namespace}/{name}:{n}"),
        BackendRef::Service { name, port: PortRef::Name(port) } => {
            let number = manifest
                .service(namespace, name)
                .and_then(|s| s.ports.iter().find(|p| p.name.as_deref() == Some(port.as_str())))
                .and_then(|p| p.port);
            match number {
                Some(n) => format!("{namespace}/{name}:{n}"),
                None => format!("{namespace}/{name}:{port}"),
            }
        }
        BackendRef::Resource { kind, name, .. } => format!("{kind} {namespace}/{name}"),
    }
}

/// A Gateway backend in the same form as [`ingress_backend`].
fn gateway_backend(backend: &GatewayBackend) -> String {
    backend.to_string()
}
