//! The answer to "where does this request go, and why": [`Decision`], serialisable as the CLI's
//! `route --json` object and the JS API's `simulate()` result (a stable contract, see README).

use crate::diagnostic::Diagnostic;
use crate::model::{Backend, PathType};
use crate::names::stable_names;
use crate::source::Span;
use serde::Serialize;

/// What happened to the request.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// A rule's path matched.
    Rule,
    /// No path matched and a `defaultBackend` answers.
    DefaultBackend,
    /// Nothing answers: the controller returns 404.
    NoMatch,
    /// The controller answers with a redirect itself (`redirect` says where); no backend is
    /// reached. Controller profiles only (e.g. ingress-nginx's ssl-redirect, nginx's 301 to `/p/`).
    Redirect,
    /// The controller cannot load a configuration with this input (e.g. nginx rejects duplicate
    /// locations) and keeps serving its previous one. Controller profiles only.
    ConfigError,
    /// The controller answers the request itself with `status`, neither a redirect nor its 404:
    /// ingress-nginx's CORS preflight (204), its 503 when the location's Service has no
    /// endpoints. No backend is reached. Controller profiles only.
    ControllerAnswer,
}

stable_names!(Outcome, as_str;
    Rule => "rule",
    DefaultBackend => "default-backend",
    NoMatch => "no-match",
    Redirect => "redirect",
    ConfigError => "config-error",
    ControllerAnswer => "controller-answer",
);

impl Outcome {
    /// Every outcome.
    pub const ALL: [Outcome; 6] = [
        Outcome::Rule,
        Outcome::DefaultBackend,
        Outcome::NoMatch,
        Outcome::Redirect,
        Outcome::ConfigError,
        Outcome::ControllerAnswer,
    ];

    /// True when a backend receives the request.
    pub fn reaches_backend(self) -> bool {
        matches!(self, Outcome::Rule | Outcome::DefaultBackend)
    }

    /// The HTTP status the client receives with this outcome: 200 when a backend answers (the
    /// backend's own status is not simulated), 404 when nothing matches, the redirect's status,
    /// and `None` for a configuration error: the controller serves nothing new (it keeps its
    /// previous configuration), so no status belongs to this input. A controller's own answer
    /// carries its status in the decision (`None` here).
    pub fn status(self, redirect: Option<&Redirect>) -> Option<u16> {
        match self {
            Outcome::Rule | Outcome::DefaultBackend => Some(200),
            Outcome::NoMatch => Some(404),
            Outcome::Redirect => redirect.map(|r| r.status),
            Outcome::ConfigError | Outcome::ControllerAnswer => None,
        }
    }
}

/// A backend in the API's own JSON shape:
/// `{"service":{"name":"s","port":{"number":80}}}` or `{"resource":{"apiGroup":…,"kind":…,"name":…}}`.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum BackendRef {
    /// A Service port.
    Service {
        /// Service name.
        name: String,
        /// Port, by number or by name as written.
        port: PortRef,
    },
    /// Another object in the Ingress's namespace.
    #[serde(rename_all = "camelCase")]
    Resource {
        /// API group (`null` for the core group).
        api_group: Option<String>,
        /// Kind.
        kind: String,
        /// Name.
        name: String,
    },
}

/// A Service port reference.
#[derive(Clone, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "camelCase")]
pub enum PortRef {
    /// `port.number`.
    Number(i64),
    /// `port.name`.
    Name(String),
}

impl BackendRef {
    /// The backend a written [`Backend`] denotes, when it denotes one (service wins if both are
    /// set, which validation rejects anyway).
    pub fn from_model(backend: &Backend) -> Option<BackendRef> {
        if let Some(service) = &backend.service {
            let name = service.name.as_ref().map(|n| n.value.clone()).unwrap_or_default();
            let port = service.port.as_ref()?;
            let port = match (&port.number, &port.name) {
                (Some(n), _) if n.value != 0 => PortRef::Number(n.value),
                (_, Some(name)) if !name.value.is_empty() => PortRef::Name(name.value.clone()),
                _ => return None,
            };
            return Some(BackendRef::Service { name, port });
        }
        let resource = backend.resource.as_ref()?;
        Some(BackendRef::Resource {
            api_group: resource.api_group.as_ref().map(|g| g.value.clone()),
            kind: resource.kind.as_ref().map(|k| k.value.clone()).unwrap_or_default(),
            name: resource.name.as_ref().map(|n| n.value.clone()).unwrap_or_default(),
        })
    }
}

/// `service-name:port` (port number or name as written) or `resource:Kind/name` — the form the
/// batch case file's `expect.backend` uses.
impl std::fmt::Display for BackendRef {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            BackendRef::Service { name, port: PortRef::Number(n) } => write!(f, "{name}:{n}"),
            BackendRef::Service { name, port: PortRef::Name(p) } => write!(f, "{name}:{p}"),
            BackendRef::Resource { kind, name, .. } => write!(f, "resource:{kind}/{name}"),
        }
    }
}

/// Which certificate answers the TLS handshake.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TlsDecision {
    /// The SNI name of the handshake (lower-cased).
    pub sni: String,
    /// The Secret holding the certificate; `null` when the controller's default certificate answers.
    pub secret_name: Option<String>,
    /// The Ingress whose `tls` entry answers.
    pub ingress: Option<String>,
    /// The index of that entry in `spec.tls`.
    pub entry: Option<usize>,
    /// The host of the entry that matched (`*.foo.com` for a wildcard).
    pub matched_host: Option<String>,
    /// True when no entry covers the name and the controller's default certificate is used.
    pub default_certificate: bool,
    /// A sentence saying what happened.
    pub message: String,
    /// The `tls` entry's place in the input.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

impl TlsDecision {
    /// The answer for `sni` when no certificate of the input serves it: the controller's default
    /// certificate (or none), as `message` says.
    pub(crate) fn fallback(sni: String, message: String) -> TlsDecision {
        TlsDecision {
            sni,
            secret_name: None,
            ingress: None,
            entry: None,
            matched_host: None,
            default_certificate: true,
            message,
            span: None,
        }
    }
}

/// The verdict on one candidate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Verdict {
    /// It answers the request.
    Won,
    /// It was considered and beaten (or did not match).
    Lost,
    /// It was not considered at all (other class, unusable path).
    Ignored,
    /// A step of the decision, not a candidate.
    Info,
}

stable_names!(Verdict, as_str; Won => "won", Lost => "lost", Ignored => "ignored", Info => "info");

/// Why a candidate won or lost; stable kebab-case names in JSON.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Reason {
    /// The winner.
    Matched,
    /// A note about the request or the class.
    Note,
    /// The Ingress belongs to another IngressClass.
    OtherClass,
    /// The path cannot be routed: its pathType or path is invalid.
    InvalidPath,
    /// The rule's host is a different name.
    WrongHost,
    /// The wildcard covers exactly one label; the request host has more.
    WildcardDepth,
    /// The wildcard needs a label in front of its domain.
    WildcardNeedsLabel,
    /// A more specific host tier has rules for this host (precise beats wildcard beats none).
    LessSpecificHost,
    /// Exact path differs.
    ExactMismatch,
    /// Exact path differs only by a trailing slash.
    ExactTrailingSlash,
    /// Prefix: the last element is only a string prefix (`/foo` vs `/foobar`).
    NotElementPrefix,
    /// Prefix: an element differs, or the request is shorter.
    PrefixMismatch,
    /// Paths are case-sensitive.
    CaseMismatch,
    /// Matched, but a longer path matched too.
    ShorterThanWinner,
    /// Matched with the same length; Exact beats Prefix.
    ExactWonTie,
    /// Matched with the same length; Prefix beats ImplementationSpecific.
    PrefixWonTie,
    /// Same host, path and type as the winner; the older Ingress (or earlier entry) wins.
    Duplicate,
    /// The rule has no `http` section: its host goes to the default backend.
    NoPaths,
    /// A default backend that answers.
    DefaultBackend,
    /// A default backend that does not answer (a rule matched, or another default was chosen).
    DefaultBackendNotUsed,
    /// TLS: the certificate choice.
    Tls,
    /// Controller profiles: the controller's matcher does not accept the request (the message
    /// names the controller construct: nginx location, URL-map path, ALB condition, router rule).
    NotMatched,
    /// Controller profiles: it matched, but the controller's precedence chose another.
    Outranked,
    /// Controller profiles: the controller answers with a redirect.
    Redirect,
    /// Controller profiles: a canary (weighted / header / cookie) alternative.
    Canary,
    /// Controller profiles: an annotation the profile does not simulate (listed, never dropped).
    IgnoredAnnotation,
    /// Controller profiles: the controller would refuse the configuration.
    ConfigError,
    /// Controller profiles: it ties with the winner and the controller's order between them is
    /// undefined upstream; the message says which one the simulator picks.
    UndefinedOrder,
}

stable_names!(Reason, as_str;
    Matched => "matched",
    Note => "note",
    OtherClass => "other-class",
    InvalidPath => "invalid-path",
    WrongHost => "wrong-host",
    WildcardDepth => "wildcard-depth",
    WildcardNeedsLabel => "wildcard-needs-label",
    LessSpecificHost => "less-specific-host",
    ExactMismatch => "exact-mismatch",
    ExactTrailingSlash => "exact-trailing-slash",
    NotElementPrefix => "not-element-prefix",
    PrefixMismatch => "prefix-mismatch",
    CaseMismatch => "case-mismatch",
    ShorterThanWinner => "shorter-than-winner",
    ExactWonTie => "exact-won-tie",
    PrefixWonTie => "prefix-won-tie",
    Duplicate => "duplicate",
    NoPaths => "no-paths",
    DefaultBackend => "default-backend",
    DefaultBackendNotUsed => "default-backend-not-used",
    Tls => "tls",
    NotMatched => "not-matched",
    Outranked => "outranked",
    Redirect => "redirect",
    Canary => "canary",
    IgnoredAnnotation => "ignored-annotation",
    ConfigError => "config-error",
    UndefinedOrder => "undefined-order",
);

impl Reason {
    /// The stage of a decision's walk ([`crate::steps()`]) an entry with this reason belongs to: the
    /// one table from reasons to stages, so that a new reason cannot be forgotten. A `note` has no
    /// stage of its own: its place in the explanation decides ([`mod@crate::steps`] says how); this is
    /// the stage of a note after the candidates.
    pub fn stage(self) -> crate::steps::Stage {
        use crate::steps::Stage;
        match self {
            Reason::OtherClass => Stage::Class,
            Reason::WrongHost | Reason::WildcardDepth | Reason::WildcardNeedsLabel | Reason::LessSpecificHost => {
                Stage::Host
            }
            Reason::InvalidPath
            | Reason::ExactMismatch
            | Reason::ExactTrailingSlash
            | Reason::NotElementPrefix
            | Reason::PrefixMismatch
            | Reason::CaseMismatch
            | Reason::ShorterThanWinner
            | Reason::ExactWonTie
            | Reason::PrefixWonTie
            | Reason::Duplicate
            | Reason::NoPaths
            | Reason::NotMatched
            | Reason::Outranked
            | Reason::Canary
            | Reason::UndefinedOrder => Stage::Path,
            Reason::Matched
            | Reason::Note
            | Reason::DefaultBackend
            | Reason::DefaultBackendNotUsed
            | Reason::Redirect
            | Reason::ConfigError => Stage::Winner,
            Reason::Tls => Stage::Tls,
            Reason::IgnoredAnnotation => Stage::Notes,
        }
    }
}

/// One line of the explanation: a step, or a candidate with its verdict.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Entry {
    /// Won, lost, ignored or info.
    pub verdict: Verdict,
    /// Why.
    pub reason: Reason,
    /// The sentence a learner reads.
    pub message: String,
    /// `namespace/name` of the Ingress concerned.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ingress: Option<String>,
    /// Index in `spec.rules`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub rule: Option<usize>,
    /// Index in `spec.rules[rule].http.paths`.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_index: Option<usize>,
    /// The rule's host (`""` for none).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub host: Option<String>,
    /// The rule's path.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// The path type as written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub path_type: Option<PathType>,
    /// The candidate's backend.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub backend: Option<BackendRef>,
    /// Where the candidate is written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

impl Entry {
    /// An informational step.
    pub fn info(message: impl Into<String>) -> Entry {
        Entry {
            verdict: Verdict::Info,
            reason: Reason::Note,
            message: message.into(),
            ingress: None,
            rule: None,
            path_index: None,
            host: None,
            path: None,
            path_type: None,
            backend: None,
            span: None,
        }
    }
}

/// The request as it was matched.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct MatchedRequest {
    /// `http` or `https`.
    pub scheme: crate::request::Scheme,
    /// Normalised host.
    pub host: String,
    /// Path without query or fragment.
    pub path: String,
    /// SNI name, if any.
    pub sni: Option<String>,
}

/// The full decision for one request.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Decision {
    /// `rule`, `default-backend`, `no-match`, `redirect`, `config-error` or `controller-answer`.
    pub outcome: Outcome,
    /// The HTTP status the client receives: 200 when a backend answers, 404, the redirect's
    /// 301/302/307/308, the controller's own answer (204 CORS preflight, 503); `null` for
    /// `config-error` (the controller keeps serving its previous configuration, so this input is
    /// never served).
    pub status: Option<u16>,
    /// `namespace/name` of the Ingress that answers (rule or default backend).
    pub ingress: Option<String>,
    /// Index of the winning rule in `spec.rules`.
    pub rule: Option<usize>,
    /// Index of the winning path in the rule's `http.paths`.
    pub path_index: Option<usize>,
    /// The winning rule's host as written (`*.foo.com`), `""` for a rule without host.
    pub host: Option<String>,
    /// The winning path as written.
    pub path: Option<String>,
    /// The winning path's type as written.
    pub path_type: Option<PathType>,
    /// The backend that gets the request.
    pub backend: Option<BackendRef>,
    /// The certificate choice, for a TLS request.
    pub tls: Option<TlsDecision>,
    /// Every candidate and step, winner first.
    pub explanation: Vec<Entry>,
    /// Diagnostics of the input and of the request.
    pub diagnostics: Vec<Diagnostic>,
    /// The profile that produced this decision.
    pub profile: crate::profile::Profile,
    /// The release of the controller the profile models (`3.7`, `1.15`; [`crate::Profile::version`]).
    pub profile_version: String,
    /// The IngressClass simulated (`null`: every class).
    pub class: Option<String>,
    /// True when the answering Ingress would be rejected by the API server (the decision shows
    /// what would happen if it were admitted).
    pub rejected: bool,
    /// The request as matched.
    pub request: MatchedRequest,
    /// Where the winning path (or default backend) is written, for highlighting.
    pub span: Option<Span>,
    /// The Service port the backend reaches, when the input has the Service: a named port
    /// resolved to its number (or a numbered port confirmed), with the port's name.
    pub resolved_port: Option<ResolvedPort>,
    /// The controller construct that matched, in the controller's own syntax
    /// (`location = /foo`, `URL map path /foo/*`, `PathPrefix(`/foo`)`, …). Controller profiles.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub matched_as: Option<String>,
    /// The redirect the controller answers with (outcome `redirect`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub redirect: Option<Redirect>,
    /// The path the backend receives when the controller rewrites it (ingress-nginx `rewrite-target`).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub upstream_path: Option<String>,
    /// Traffic split by canary rules: the main backend and its alternatives, with what selects each.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub split: Vec<SplitBranch>,
    /// Annotations on the Ingresses involved that the profile does not simulate.
    #[serde(skip_serializing_if = "Vec::is_empty", default)]
    pub ignored_annotations: Vec<IgnoredAnnotation>,
}

/// A redirect answered by the controller.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Redirect {
    /// HTTP status (301, 302, 307, 308).
    pub status: u16,
    /// The `Location` header.
    pub location: String,
}

/// One side of a canary split.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SplitBranch {
    /// The backend of this side.
    pub backend: Option<BackendRef>,
    /// `namespace/name` of the Ingress it comes from.
    pub ingress: String,
    /// True for the canary side.
    pub canary: bool,
    /// Share of the traffic that is not selected by header or cookie, in percent.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub weight: Option<f64>,
    /// What sends a request to this side (`header X-Canary: always`, `cookie canary=always`, …).
    pub selector: String,
    /// The side the decision's backend is: the canary when the request's header or cookie (or a
    /// 100 % weight) sends it there, else the main side.
    pub taken: bool,
}

/// An annotation a profile does not simulate.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct IgnoredAnnotation {
    /// `namespace/name` of the Ingress.
    pub ingress: String,
    /// The annotation key.
    pub key: String,
    /// Where it is written.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub span: Option<Span>,
}

/// A backend port looked up in a Service of the input.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct ResolvedPort {
    /// `namespace/name` of the Service.
    pub service: String,
    /// The port's name, if it has one.
    pub name: Option<String>,
    /// The port number.
    pub number: i64,
}

impl Decision {
    /// The backend as `service:port` / `resource:Kind/name`, or `""`.
    pub fn backend_label(&self) -> String {
        self.backend.as_ref().map(ToString::to_string).unwrap_or_default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_status_follows_the_outcome_and_the_redirect() {
        let redirect = Redirect { status: 308, location: "https://a/".into() };
        assert_eq!(Outcome::Rule.status(None), Some(200));
        assert_eq!(Outcome::DefaultBackend.status(None), Some(200));
        assert_eq!(Outcome::NoMatch.status(None), Some(404));
        assert_eq!(Outcome::Redirect.status(Some(&redirect)), Some(308));
        assert_eq!(Outcome::ConfigError.status(None), None);
    }
}
