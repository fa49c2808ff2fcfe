//! Batch test cases: the `--cases` file format shared by the CLI, the JS API, the playground's
//! test table and the conformance corpus (a stable contract, see README).
//!
//! ```yaml
//! cases:
//! - name: api goes to the api service   # optional
//!   host: foo.bar.com                  # or url: https://foo.bar.com/api (then host/path/sni come from it)
//!   path: /api/v1
//!   sni: foo.bar.com                   # optional
//!   method: POST                       # optional (GET)
//!   headers: {X-Canary: always}        # optional: a mapping, or a list of "Name: value"
//!   cookies: {canary: always}          # optional: a mapping, or "a=1; b=2"
//!   expect:
//!     backend: "api:8080"              # service-name:port (number or name) or resource:Kind/name
//!     # or: outcome: no-match | default-backend | rule
//!     # optional: ingress: ns/name, path: /api, pathType: Prefix, tls: secret-name | default
//! ```
//!
//! Top-level keys `name`, `description`, `source`, `manifest`, `class` and `profile` are allowed too,
//! so a conformance-corpus file (manifest and cases in one) is itself a valid case file.
//!
//! Gateway API requests (feature `gateway`) use the same format: a file-level or per-case
//! `gateway: namespace/name` (optional when the input has one Gateway), `profile` naming a Gateway
//! API implementation (`spec`, `envoy-gateway`, `contour`), and `expect` keys for what a Gateway
//! decides — `status`, `route`, `listener`, `rule`, `namespace`, `upstreamPath`, `upstreamHost`,
//! `upstreamHeaders`, `absentUpstreamHeaders`, `responseHeaders`, `absentResponseHeaders`,
//! `redirect` (the `Location`) and the Gateway outcomes (see [`gateway`]). A case is routed
//! through the Gateway when [`Simulator::asks_gateway`] says so for its gateway.
//! [`write_case_file`] writes the format back (the playground's export).

#[cfg(feature = "gateway")]
pub mod gateway;
mod request_keys;
mod write;

/// A case file's parse errors as `line:column: message`, for the format's unit tests.
#[cfg(test)]
pub(crate) fn error_lines(text: &str) -> Vec<String> {
    let (_, errors) = parse_cases(text);
    let place = |e: &Diagnostic| e.span.map(|s| (s.start.line, s.start.column)).unwrap_or_default();
    errors.iter().map(|e| format!("{}:{}: {}", place(e).0, place(e).1, e.message)).collect()
}

pub use write::{quoted, scalar_block, write_case_file};

use crate::decision::Outcome;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::PathType;
use crate::request::{Request, RequestFields};
use crate::source::Span;
use crate::yaml::{self, Limits, Node, Value};
use crate::Profile;
use crate::ProfileName;
use crate::Simulator;
use serde::Serialize;

/// A parsed case file.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CaseFile {
    /// The cases, in file order.
    pub cases: Vec<Case>,
    /// `manifest`, when the file carries its own (corpus files do).
    pub manifest: Option<String>,
    /// `class`, when given.
    pub class: Option<String>,
    /// `profile`, when given.
    pub profile: Option<Profile>,
    /// `name`, when given.
    pub name: Option<String>,
    /// `description`, when given.
    pub description: Option<String>,
    /// `source`, when given.
    pub source: Option<String>,
    /// `gateway`: the Gateway (`namespace/name`) every case asks, unless a case names its own.
    pub gateway: Option<String>,
    /// `profile` read as a Gateway API implementation, when it names one (`spec` and `contour`
    /// name both an Ingress profile and an implementation).
    #[cfg(feature = "gateway")]
    pub implementation: Option<crate::gateway::Implementation>,
}

/// One case.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Case {
    /// `name`.
    pub name: Option<String>,
    /// The request.
    pub request: Request,
    /// `expect`.
    pub expect: Expect,
    /// Where the case is written.
    pub span: Span,
    /// `gateway`: the Gateway (`namespace/name`) this case asks (else the file's).
    pub gateway: Option<String>,
}

/// What a case expects. Every field given must hold.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Expect {
    /// `backend`: `service-name:port` or `resource:Kind/name`.
    pub backend: Option<String>,
    /// `outcome`.
    pub outcome: Option<Outcome>,
    /// `ingress`: `namespace/name`.
    pub ingress: Option<String>,
    /// `path`: the winning rule path.
    pub path: Option<String>,
    /// `pathType`.
    pub path_type: Option<PathType>,
    /// `tls`: the Secret name, or `default` for the controller's default certificate.
    pub tls: Option<String>,
    /// `status`: the HTTP status the client receives (100–599).
    pub status: Option<u16>,
    /// `location` (or, in Gateway API terms, `redirect`): the redirect's `Location` header.
    pub location: Option<String>,
    /// `outcome` read as a Gateway API outcome (`misdirected`, `backend-error`…), when it names one.
    #[cfg(feature = "gateway")]
    pub gateway_outcome: Option<crate::gateway::GatewayOutcome>,
    /// `route`: the answering route, `namespace/name`.
    pub route: Option<String>,
    /// `listener`: the name of the listener that took the request.
    pub listener: Option<String>,
    /// `rule`: the winning rule, by index (`0`) or by `name`.
    pub rule: Option<String>,
    /// `namespace`: the backend's namespace.
    pub namespace: Option<String>,
    /// `upstreamPath`: the path (and query) the backend receives.
    pub upstream_path: Option<String>,
    /// `upstreamHost`: the Host the backend receives.
    pub upstream_host: Option<String>,
    /// `upstreamHeaders`: headers the backend receives, each with this value (names
    /// case-insensitive; several values of one name joined with `,`).
    pub upstream_headers: Vec<(String, String)>,
    /// `absentUpstreamHeaders`: headers the backend must not receive.
    pub absent_upstream_headers: Vec<String>,
    /// `responseHeaders`: headers the filters set on the response, each with this value.
    pub response_headers: Vec<(String, String)>,
    /// `absentResponseHeaders`: headers the filters must not set on the response.
    pub absent_response_headers: Vec<String>,
}

impl Expect {
    /// `backend X`, `outcome no-match`…, for reports.
    pub fn describe(&self) -> String {
        let mut parts = Vec::new();
        if let Some(b) = &self.backend {
            parts.push(format!("backend {b}"));
        }
        if let Some(o) = self.outcome {
            parts.push(format!("outcome {}", o.as_str()));
        }
        if let Some(s) = self.status {
            parts.push(format!("status {s}"));
        }
        let path_type = self.path_type.map(|t| t.as_str().to_string());
        #[cfg(feature = "gateway")]
        if let (None, Some(o)) = (self.outcome, self.gateway_outcome) {
            parts.push(format!("outcome {}", o.as_str()));
        }
        let fields = [
            ("location", &self.location),
            ("ingress", &self.ingress),
            ("path", &self.path),
            ("pathType", &path_type),
            ("tls", &self.tls),
            ("route", &self.route),
            ("listener", &self.listener),
            ("rule", &self.rule),
            ("namespace", &self.namespace),
            ("upstreamPath", &self.upstream_path),
            ("upstreamHost", &self.upstream_host),
        ];
        for (k, v) in fields {
            if let Some(v) = v {
                parts.push(format!("{k} {v}"));
            }
        }
        for (k, pairs) in [("upstream header", &self.upstream_headers), ("response header", &self.response_headers)] {
            parts.extend(pairs.iter().map(|(n, v)| format!("{k} {n}: {v}")));
        }
        for (k, names) in [
            ("no upstream header", &self.absent_upstream_headers),
            ("no response header", &self.absent_response_headers),
        ] {
            parts.extend(names.iter().map(|n| format!("{k} {n}")));
        }
        parts.join(", ")
    }
}

/// Reads a case file. Every problem is reported with its place; the good cases are kept.
pub fn parse_cases(text: &str) -> (CaseFile, Vec<Diagnostic>) {
    parse_cases_in(text.into())
}

/// [`parse_cases`] of a file named `name`: the places of its cases and errors name it.
pub fn parse_named_cases(name: &str, text: &str) -> (CaseFile, Vec<Diagnostic>) {
    parse_cases_in(crate::source::Sources::Named(&[crate::source::Source::new(name, text)]))
}

fn parse_cases_in(input: crate::source::Sources<'_>) -> (CaseFile, Vec<Diagnostic>) {
    let mut file = CaseFile::default();
    let mut errors = Vec::new();
    let (docs, yaml_errors) = yaml::parse_documents(input, &Limits::default());
    for e in yaml_errors {
        errors.push(Diagnostic::new(Severity::Error, Code::Syntax, e.to_string()).at(e.span()));
    }
    let Some(root) = docs.iter().find_map(|d| d.root.as_ref()) else {
        if errors.is_empty() {
            errors.push(Diagnostic::new(
                Severity::Error,
                Code::Document,
                "the case file is empty: expected a mapping with a `cases:` list",
            ));
        }
        return (file, errors);
    };
    let mut err = |span: Span, msg: String| errors.push(Diagnostic::new(Severity::Error, Code::Decode, msg).at(span));
    let Value::Map(entries) = &root.value else {
        err(root.span, format!("expected a mapping with a `cases:` list, found {}", root.describe()));
        return (file, errors);
    };
    let mut saw_cases = false;
    for (k, v) in entries {
        match text_of(k) {
            Some("cases") => {
                saw_cases = true;
                match &v.value {
                    Value::Seq(items) => {
                        for (i, item) in items.iter().enumerate() {
                            if let Some(case) = parse_case(item, i, &mut err) {
                                file.cases.push(case);
                            }
                        }
                    }
                    _ if v.is_null() => {}
                    _ => err(v.span, format!("cases: expected a sequence of cases, found {}", v.describe())),
                }
            }
            Some("manifest") => file.manifest = text_of(v).map(str::to_string),
            Some("class") => file.class = text_of(v).map(str::to_string),
            Some("profile") => profile_of(v, &mut file, &mut err),
            Some("gateway") => file.gateway = text_of(v).map(str::to_string),
            Some("name") => file.name = text_of(v).map(str::to_string),
            Some("description") => file.description = text_of(v).map(str::to_string),
            Some("source") => file.source = text_of(v).map(str::to_string),
            other => err(k.span, format!("unknown key {:?} in the case file (expected cases, and optionally name, description, source, manifest, class, profile, gateway)", other.unwrap_or("?"))),
        }
    }
    if !saw_cases {
        err(root.span, "the case file has no `cases:` list".into());
    }
    (file, errors)
}

/// `profile`: an Ingress profile, a Gateway API implementation, or both (`spec`, `contour`), read
/// by [`ProfileName::parse`]; a name that is neither is reported at its place with both lists.
fn profile_of(node: &Node, file: &mut CaseFile, err: &mut impl FnMut(Span, String)) {
    match ProfileName::parse(text_of(node).unwrap_or_default()) {
        Ok(name) => {
            file.profile = name.ingress().ok();
            #[cfg(feature = "gateway")]
            {
                file.implementation = name.gateway().ok();
            }
        }
        // A release that does not exist explains itself; another name lists what is known.
        Err(why) if text_of(node).is_some_and(|t| t.contains('@')) => err(node.span, format!("profile: {why}")),
        Err(_) => err(node.span, unknown_profile(text_of(node).unwrap_or_default())),
    }
}

/// `profile: "x" is not one of …`: the Ingress profiles, then (with Gateway API) the implementations.
fn unknown_profile(text: &str) -> String {
    let profiles = Profile::NAMES.join(", ");
    #[cfg(feature = "gateway")]
    let implementations = format!(
        " (Ingress profiles), nor of {} (Gateway API implementations)",
        crate::gateway::Implementation::NAMES.join(", ")
    );
    #[cfg(not(feature = "gateway"))]
    let implementations = String::new();
    format!("profile: {text:?} is not one of {profiles}{implementations}")
}

/// A scalar that must be one of a closed set of names; an unknown one is reported at its place.
fn typed<T>(
    node: &Node,
    what: &str,
    parse: impl Fn(&str) -> Option<T>,
    known: &[&str],
    err: &mut impl FnMut(Span, String),
) -> Option<T> {
    let text = text_of(node).unwrap_or_default();
    let found = parse(text);
    if found.is_none() {
        err(node.span, format!("{what}: {text:?} is not one of {}", known.join(", ")));
    }
    found
}

fn text_of(node: &Node) -> Option<&str> {
    match &node.value {
        Value::Scalar { text, .. } if !node.is_null() => Some(text),
        _ => None,
    }
}

fn parse_case(node: &Node, index: usize, err: &mut impl FnMut(Span, String)) -> Option<Case> {
    let Value::Map(entries) = &node.value else {
        err(
            node.span,
            format!("cases[{index}]: expected a mapping with host, path and expect, found {}", node.describe()),
        );
        return None;
    };
    let mut case = Case { span: node.span, ..Default::default() };
    let mut fields = RequestFields::default();
    let mut has_expect = false;
    let mut fields_ok = true;
    for (k, v) in entries {
        let key = text_of(k).unwrap_or("?");
        let value = || text_of(v).map(str::to_string);
        match key {
            "name" => case.name = value(),
            "gateway" => case.gateway = value(),
            "host" => fields.host = value(),
            "path" => fields.path = value(),
            "url" => fields.url = value(),
            "sni" => fields.sni = value(),
            "method" => fields.method = value(),
            "headers" | "cookies" => {
                let read = if key == "headers" { request_keys::headers(v) } else { request_keys::cookies(v) };
                match read {
                    Ok(pairs) if key == "headers" => fields.headers = pairs,
                    Ok(pairs) => fields.cookies = pairs,
                    Err((span, message)) => {
                        fields_ok = false;
                        err(span, format!("cases[{index}].{key}: {message}"));
                    }
                }
            }
            "expect" => {
                has_expect = true;
                case.expect = parse_expect(v, index, err)?;
            }
            _ => err(
                k.span,
                format!("cases[{index}]: unknown key {key:?} (expected name, url, host, path, sni, method, headers, cookies, gateway, expect)"),
            ),
        }
    }
    if !fields_ok {
        return None;
    }
    case.request = match fields.build() {
        Ok(request) => request,
        Err(e) => {
            let span = request_keys::span_of(entries, e.field).unwrap_or(node.span);
            err(span, format!("cases[{index}].{e}"));
            return None;
        }
    };
    if !has_expect {
        err(node.span, format!("cases[{index}]: `expect` is missing (backend: \"service:port\" or outcome: no-match | default-backend)"));
        return None;
    }
    Some(case)
}

fn parse_expect(node: &Node, index: usize, err: &mut impl FnMut(Span, String)) -> Option<Expect> {
    let Value::Map(entries) = &node.value else {
        err(
            node.span,
            format!("cases[{index}].expect: expected a mapping (backend: … or outcome: …), found {}", node.describe()),
        );
        return None;
    };
    let mut expect = Expect::default();
    for (k, v) in entries {
        let key = text_of(k).unwrap_or("?");
        let value = text_of(v).map(str::to_string);
        match key {
            "backend" => expect.backend = value,
            "outcome" => {
                let name = value.as_deref().unwrap_or_default();
                expect.outcome = Outcome::parse(name);
                #[cfg(feature = "gateway")]
                {
                    expect.gateway_outcome = crate::gateway::GatewayOutcome::parse(name);
                }
                if !expect.has_outcome() {
                    err(v.span, format!("cases[{index}].expect.outcome: {name:?} is not one of {}", OUTCOME_NAMES.join(", ")));
                    return None;
                }
            }
            "ingress" => expect.ingress = value,
            "path" => expect.path = value,
            "pathType" => {
                match typed(v, &format!("cases[{index}].expect.pathType"), PathType::parse, PathType::NAMES, err) {
                    Some(t) => expect.path_type = Some(t),
                    None => return None,
                }
            }
            "tls" => expect.tls = value,
            "location" | "redirect" => expect.location = value,
            "route" => expect.route = value,
            "listener" => expect.listener = value,
            "rule" => expect.rule = value,
            "namespace" => expect.namespace = value,
            "upstreamPath" => expect.upstream_path = value,
            "upstreamHost" => expect.upstream_host = value,
            "upstreamHeaders" | "responseHeaders" => match request_keys::headers(v) {
                Ok(pairs) if key == "upstreamHeaders" => expect.upstream_headers = pairs,
                Ok(pairs) => expect.response_headers = pairs,
                Err((span, message)) => {
                    err(span, format!("cases[{index}].expect.{key}: {message}"));
                    return None;
                }
            },
            "absentUpstreamHeaders" | "absentResponseHeaders" => match request_keys::names(v) {
                Ok(names) if key == "absentUpstreamHeaders" => expect.absent_upstream_headers = names,
                Ok(names) => expect.absent_response_headers = names,
                Err((span, message)) => {
                    err(span, format!("cases[{index}].expect.{key}: {message}"));
                    return None;
                }
            },
            "status" => match value.as_deref().and_then(parse_status) {
                Some(status) => expect.status = Some(status),
                None => {
                    err(v.span, format!("cases[{index}].expect.status: {:?} is not an HTTP status (a number from 100 to 599)", value.unwrap_or_default()));
                    return None;
                }
            },
            _ => err(k.span, format!("cases[{index}].expect: unknown key {key:?} (expected backend, outcome, status, location, ingress, path, pathType, tls; for a Gateway: route, listener, rule, namespace, redirect, upstreamPath, upstreamHost, upstreamHeaders, absentUpstreamHeaders, responseHeaders, absentResponseHeaders)")),
        }
    }
    if expect.backend.is_none() && !expect.has_outcome() && expect.status.is_none() && expect.location.is_none() {
        err(node.span, format!("cases[{index}].expect: give `backend`, `outcome`, `status` or `redirect`"));
        return None;
    }
    Some(expect)
}

/// Every name `expect.outcome` takes: the Ingress outcomes, then the Gateway API ones not among them.
#[cfg(feature = "gateway")]
static OUTCOME_NAMES: std::sync::LazyLock<Vec<&'static str>> = std::sync::LazyLock::new(|| {
    let ingress = Outcome::NAMES.iter();
    let gateway = crate::gateway::GatewayOutcome::NAMES.iter().filter(|n| !Outcome::NAMES.contains(n));
    ingress.chain(gateway).copied().collect()
});
#[cfg(not(feature = "gateway"))]
static OUTCOME_NAMES: &[&str] = Outcome::NAMES;

impl CaseFile {
    /// The file's `profile` as a [`ProfileName`] (both its readings), when it names one.
    pub fn profile_name(&self) -> Option<ProfileName> {
        #[cfg(feature = "gateway")]
        if self.profile.is_none() {
            return self.implementation.map(ProfileName::from);
        }
        self.profile.map(ProfileName::from)
    }
}

impl Expect {
    /// Does it expect something only a Gateway API decision has (its outcome, route, listener,
    /// rule, backend namespace, upstream request or response headers)?
    pub fn asks_gateway_decision(&self) -> bool {
        #[cfg(feature = "gateway")]
        if self.outcome.is_none() && self.gateway_outcome.is_some() {
            return true;
        }
        let named =
            [&self.route, &self.listener, &self.rule, &self.namespace, &self.upstream_path, &self.upstream_host];
        named.iter().any(|v| v.is_some())
            || !self.upstream_headers.is_empty()
            || !self.absent_upstream_headers.is_empty()
            || !self.response_headers.is_empty()
            || !self.absent_response_headers.is_empty()
    }

    /// Is an outcome expected (an Ingress or a Gateway API one)?
    fn has_outcome(&self) -> bool {
        #[cfg(feature = "gateway")]
        if self.gateway_outcome.is_some() {
            return true;
        }
        self.outcome.is_some()
    }
}

/// An HTTP status as written in `expect.status`: three digits, 100 to 599.
fn parse_status(text: &str) -> Option<u16> {
    let digits = text.len() == 3 && text.bytes().all(|b| b.is_ascii_digit());
    digits.then(|| text.parse().ok()).flatten().filter(|s| (100..=599).contains(s))
}

/// `, status 404` for a case report's actual side; `, no status` when nothing is served.
fn status_text(status: Option<u16>) -> String {
    status.map_or_else(|| ", no status".to_string(), |s| format!(", status {s}"))
}

/// The result of one case.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseResult {
    /// Position in the file.
    pub index: usize,
    /// `name`, or `host + path`.
    pub name: String,
    /// Did every expectation hold?
    pub passed: bool,
    /// What was expected.
    pub expected: String,
    /// What happened (`outcome backend (ingress path)`).
    pub actual: String,
    /// The outcome.
    pub outcome: Outcome,
    /// `service:port`, `resource:Kind/name` or `""`.
    pub backend: String,
    /// The answering Ingress.
    pub ingress: Option<String>,
    /// Where the case is written.
    pub span: Span,
}

/// A path (or default backend) no case reached; or, through a Gateway, a match (route, rule,
/// match on a listener) no case's decision won with.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Uncovered {
    /// `namespace/name` of the Ingress; for a Gateway match, of the route (as `route`).
    pub ingress: String,
    /// Rule index (`null` for a default backend).
    pub rule: Option<usize>,
    /// Path index.
    pub path_index: Option<usize>,
    /// Rule host.
    pub host: Option<String>,
    /// Rule path.
    pub path: Option<String>,
    /// Path type.
    pub path_type: Option<String>,
    /// The backend.
    pub backend: String,
    /// Where it is written.
    pub span: Span,
    /// A Gateway match: the Gateway (`namespace/name`); absent for an Ingress path.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub gateway: Option<String>,
    /// A Gateway match: the listener it is attached to.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub listener: Option<String>,
    /// A Gateway match: `namespace/name` of its route.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub route: Option<String>,
    /// A Gateway match: its route's kind (`HTTPRoute`, `GRPCRoute`, `TLSRoute`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub route_kind: Option<String>,
    /// A Gateway match: its index in the rule's `matches` (absent for a rule without matches).
    #[serde(rename = "match", skip_serializing_if = "Option::is_none")]
    pub match_index: Option<usize>,
}

/// The results of a case file.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CaseReport {
    /// One result per case, in file order.
    pub results: Vec<CaseResult>,
    /// How many passed.
    pub passed: usize,
    /// How many failed.
    pub failed: usize,
    /// Paths and default backends no case reached.
    pub uncovered: Vec<Uncovered>,
    /// How many paths and default backends there are to cover.
    pub coverable: usize,
    /// How many more paths and default backends no case reached than `uncovered` lists
    /// ([`run_cases_listing`]); 0 when it lists them all.
    pub unlisted: usize,
    /// How many of `coverable` are Gateway matches (of the Gateways the cases went through);
    /// absent when no case went through a Gateway.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub coverable_matches: Option<usize>,
    /// How many Gateway matches no case reached, listed in `uncovered` or not; absent with
    /// `coverableMatches`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub uncovered_matches: Option<usize>,
}

/// Runs every case against a simulator under `profile`: each case's decision without its
/// explanation ([`crate::Explain::No`]). `profile` is a [`crate::Profile`] or a
/// [`ProfileName`]: Ingress cases run under its Ingress reading, Gateway API cases
/// ([`Simulator::asks_gateway`]) under its Gateway API one; a case the name cannot route (an
/// Ingress case under `envoy-gateway`, a Gateway case under `ingress-nginx`) fails, saying why.
pub fn run_cases(sim: &Simulator, profile: impl Into<ProfileName>, file: &CaseFile) -> CaseReport {
    run_cases_listing(sim, profile, file, usize::MAX)
}

/// [`run_cases`], listing at most `listed` uncovered paths and default backends (the first that
/// [`run_cases`] lists: paths in input order, then default backends) and counting the rest in
/// [`CaseReport::unlisted`]: for a caller that shows a few of them, so that a run's report grows
/// with its cases, not with the input's paths.
pub fn run_cases_listing(
    sim: &Simulator,
    profile: impl Into<ProfileName>,
    file: &CaseFile,
    listed: usize,
) -> CaseReport {
    let name = profile.into();
    let ingress = name.ingress();
    // Under a Gateway-only name, Ingress cases fail and no Ingress path is listed as uncovered.
    let profile = ingress.clone().unwrap_or_default();
    let router = sim.index(profile);
    let manifest = sim.manifest();
    let mut hit_paths = vec![false; router.candidates.len()];
    let mut hit_defaults = vec![false; manifest.ingresses.len()];
    let mut report = CaseReport::default();
    let ids = Ids { router, manifest };
    #[cfg(feature = "gateway")]
    let mut reached = gateway::Reached::default();
    for (index, case) in file.cases.iter().enumerate() {
        #[cfg(feature = "gateway")]
        if let Some(result) = gateway::run_case(sim, file, case, index, &name, &mut reached) {
            report.count(result);
            continue;
        }
        if let Err(why) = &ingress {
            report.count(failed(case, index, why.clone()));
            continue;
        }
        let decision = sim.route(&case.request, profile, crate::Explain::No);
        let seen = Observed::from_decision(&decision, &ids);
        if let Some(id) = seen.candidate {
            hit_paths[id as usize] = true;
        }
        if let Some(i) = seen.default_ingress {
            hit_defaults[i] = true;
        }
        let backend = seen.backend.clone();
        let ingress = seen.ingress.clone();
        let e = &case.expect;
        let mut ok = true;
        if let Some(b) = &e.backend {
            ok &= seen.outcome.reaches_backend() && *b == backend;
        }
        if let Some(o) = e.outcome {
            ok &= o == seen.outcome;
        }
        // What only a Gateway decides (a Gateway outcome, route, upstream…) never holds for an Ingress.
        ok &= !e.asks_gateway_decision();
        if let Some(want) = e.status {
            ok &= seen.status == Some(want);
        }
        let status_text = e.status.map(|_| status_text(seen.status)).unwrap_or_default();
        if let Some(want) = &e.location {
            ok &= seen.location.as_deref() == Some(want.as_str());
        }
        if let Some(want) = &e.ingress {
            ok &= ingress.as_deref() == Some(want.as_str());
        }
        if let Some(want) = &e.path {
            ok &= seen.path.as_ref().is_some_and(|(p, _)| p == want);
        }
        if let Some(want) = &e.path_type {
            ok &= seen.path.as_ref().is_some_and(|(_, t)| t == want);
        }
        let mut tls_text = String::new();
        if let Some(want) = &e.tls {
            let got = match seen.tls {
                Some(secret) => secret,
                None => {
                    let normalized = case.request.normalize(false);
                    let sni = case.request.sni.clone().unwrap_or_else(|| normalized.host.to_string());
                    sim.certificate(profile, &sni, &normalized.host).secret_name
                }
            };
            let got = got.unwrap_or_else(|| "default".into());
            ok &= *want == got;
            tls_text = format!(", tls {got}");
        }
        let path_text = seen.path.as_ref().map(|(p, t)| format!(" via {p} ({})", t.as_str())).unwrap_or_default();
        let actual = match seen.outcome {
            Outcome::NoMatch => format!("no-match{status_text}{tls_text}"),
            Outcome::Redirect | Outcome::ConfigError | Outcome::ControllerAnswer => {
                format!("{}{}{status_text}{tls_text}", seen.outcome.as_str(), seen.detail)
            }
            o => format!(
                "{} {backend} ({}{path_text}){status_text}{tls_text}",
                o.as_str(),
                ingress.clone().unwrap_or_default()
            ),
        };
        let name = case_name(case);
        if ok {
            report.passed += 1;
        } else {
            report.failed += 1;
        }
        report.results.push(CaseResult {
            index,
            name,
            passed: ok,
            expected: e.describe(),
            actual,
            outcome: seen.outcome,
            backend,
            ingress,
            span: case.span,
        });
    }
    // Ingress paths under a name with an Ingress reading, then the matches of the Gateways the
    // cases went through.
    if ingress.is_ok() {
        for (id, c) in router.candidates.iter().enumerate() {
            report.coverable += 1;
            if !hit_paths[id] {
                report.list_uncovered(listed, || Uncovered {
                    ingress: manifest.ingresses[c.ingress].id(),
                    rule: Some(c.rule),
                    path_index: Some(c.path_index),
                    host: Some(c.host.to_string()),
                    path: Some(c.path.to_string()),
                    path_type: Some(c.path_type.as_str().to_string()),
                    backend: c.backend.as_ref().map(ToString::to_string).unwrap_or_default(),
                    span: c.span,
                    ..Uncovered::default()
                });
            }
        }
        for &i in &router.default_backends {
            report.coverable += 1;
            if !hit_defaults[i] {
                let b = manifest.ingresses[i].spec.default_backend.as_ref();
                report.list_uncovered(listed, || Uncovered {
                    ingress: manifest.ingresses[i].id(),
                    rule: None,
                    path_index: None,
                    host: None,
                    path: None,
                    path_type: None,
                    backend: b
                        .and_then(crate::decision::BackendRef::from_model)
                        .map(|b| b.to_string())
                        .unwrap_or_default(),
                    span: b.map(|b| b.span).unwrap_or_default(),
                    ..Uncovered::default()
                });
            }
        }
    }
    #[cfg(feature = "gateway")]
    reached.list_uncovered(sim, &name, &mut report, listed);
    report
}

/// A case that could not be routed, and why.
fn failed(case: &Case, index: usize, why: String) -> CaseResult {
    CaseResult {
        index,
        name: case_name(case),
        passed: false,
        expected: case.expect.describe(),
        actual: why,
        outcome: Outcome::NoMatch,
        backend: String::new(),
        ingress: None,
        span: case.span,
    }
}

/// A case's `name`, or its host and path.
fn case_name(case: &Case) -> String {
    case.name.clone().unwrap_or_else(|| format!("{}{}", case.request.host, case.request.path))
}

impl CaseReport {
    /// Adds a result and counts it.
    fn count(&mut self, result: CaseResult) {
        match result.passed {
            true => self.passed += 1,
            false => self.failed += 1,
        }
        self.results.push(result);
    }

    /// Lists an uncovered path or default backend while fewer than `listed` are, else counts it.
    fn list_uncovered(&mut self, listed: usize, uncovered: impl FnOnce() -> Uncovered) {
        match self.uncovered.len() < listed {
            true => self.uncovered.push(uncovered()),
            false => self.unlisted += 1,
        }
    }
}

/// Look-up tables for decisions: the spec router (the candidate id of each written path), and
/// the index of each Ingress by `namespace/name` (the first, as a scan would find it).
struct Ids<'r> {
    router: &'r crate::router::Router,
    manifest: &'r crate::model::Manifest,
}

impl Ids<'_> {
    /// The first Ingress whose `namespace/name` is `id` (found per case rather than by a map of
    /// every Ingress built per run, so that a run costs its cases, not the input's size).
    fn ingress(&self, id: &str) -> Option<usize> {
        self.manifest.ingresses.iter().position(|ingress| {
            let (namespace, name) = (ingress.meta.namespace(), ingress.meta.name());
            id.len() == namespace.len() + 1 + name.len()
                && id.starts_with(namespace)
                && id[namespace.len()..].starts_with('/')
                && id.ends_with(name)
        })
    }
}

/// What one case observed, from its decision.
struct Observed {
    outcome: Outcome,
    status: Option<u16>,
    backend: String,
    ingress: Option<String>,
    /// The spec router's candidate id of the winning path.
    candidate: Option<u32>,
    default_ingress: Option<usize>,
    path: Option<(String, crate::model::PathType)>,
    /// The certificate secret, when the decision chose one (`Some(None)`: default certificate).
    tls: Option<Option<String>>,
    /// ` 308 → https://…` for redirects, the reason for configuration errors.
    detail: String,
    /// The redirect's `Location` header.
    location: Option<String>,
}

impl Observed {
    fn from_decision(decision: &crate::Decision, ids: &Ids<'_>) -> Observed {
        let index = decision.ingress.as_deref().and_then(|id| ids.ingress(id));
        let candidate = index.zip(decision.rule).zip(decision.path_index).and_then(|((i, r), p)| {
            match ids.router.slot(i, r, p)? {
                crate::router::Slot::Candidate(id) => Some(id),
                crate::router::Slot::Unroutable(_) => None,
            }
        });
        let detail = match (&decision.redirect, decision.outcome) {
            (Some(r), _) => format!(" {} → {}", r.status, r.location),
            (None, Outcome::ConfigError) => " (the controller refuses this configuration)".to_string(),
            _ => String::new(),
        };
        Observed {
            outcome: decision.outcome,
            status: decision.status,
            backend: decision.backend_label(),
            ingress: decision.ingress.clone(),
            candidate,
            default_ingress: index.filter(|_| decision.outcome == Outcome::DefaultBackend),
            path: decision.path.clone().zip(decision.path_type),
            tls: decision.tls.as_ref().map(|t| t.secret_name.clone()),
            detail,
            location: decision.redirect.as_ref().map(|r| r.location.clone()),
        }
    }
}
