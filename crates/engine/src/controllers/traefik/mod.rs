//! The Traefik v3 profile: its Kubernetes Ingress provider (traefik/traefik
//! `pkg/provider/kubernetes/ingress/kubernetes.go`) and HTTP muxer (`pkg/muxer/http/mux.go`).
//!
//! The release modelled is v3.7.9; `traefik@3.6` is v3.6.24 (3.6.11–3.6.24) and
//! `traefik@3.6.10` v3.6.10 (3.6.0–3.6.10), which differ in how a rule is written and a wildcard
//! host matched ([`Release`]).
//!
//! - `loadRouter`: one router per path. Its rule is `Host("h")`, wildcards included
//!   (`Host("*.foo.com")`, since v3.7.0, commit ea92a3e150), joined with ` && ` to `Path("p")` for
//!   Exact and `PathPrefix("p")` for Prefix and ImplementationSpecific (or the matcher named by
//!   `traefik.ingress.kubernetes.io/router.pathmatcher`: `Path`, `PathPrefix` or `PathRegexp`, for
//!   ImplementationSpecific only). Values are Go-quoted (`%q`). An empty host or path adds no
//!   matcher.
//! - `Host` compares case-insensitively; `*.foo.com` matches when the request host with its first
//!   label replaced by `*` equals it (`pkg/muxer/muxer.go` `DomainMatchHostExpression`): exactly
//!   one label, of any characters.
//! - `PathPrefix` is a character-wise prefix: `/foo` matches `/foobar` (the spec's Prefix does not).
//!   `PathRegexp` is a Go regexp that may match anywhere in the path.
//! - Priority (`mux.go` `GetRulePriority`): the length of the rule string unless
//!   `traefik.ingress.kubernetes.io/router.priority` sets one; routers are tried from the highest
//!   priority down and the first match wins. `sort.Sort` is not stable and routers live in a map,
//!   so the order of equal priorities is undefined: the simulator breaks ties by router name
//!   (`namespace-name-host-path`, as the provider builds it), then input order, and says
//!   "undefined (simulated: …)" ([`Reason::UndefinedOrder`]).
//! - `loadConfigurationFromIngresses`: only a rules-less Ingress's defaultBackend is used, as the
//!   router `PathPrefix("/")` with the lowest priority (`math.MinInt32`); only the first such
//!   Ingress gets it ("The default backend already exists"). Which one is first is undefined
//!   (`client.go` `GetIngresses` ranges over maps of informers): the simulator takes the oldest
//!   and says so. A defaultBackend next to rules is ignored. Otherwise an unmatched request gets
//!   Traefik's 404.
//! - Resource backends are skipped ("resource backends are not supported").
//! - `loadService`: a backend whose Service (when the input lists it) has no port of that number
//!   or name builds no router ("service port not found"); a rules-less defaultBackend with a
//!   `resource`, without a Service, or with such a port builds none either, and leaves the
//!   catch-all to the next rules-less Ingress (see [`ingress`]). So does a backend whose Service
//!   is missing from an input that lists Services ("service not found"), or is an ExternalName
//!   Service (refused: `allowExternalNameServices` is off by default).
//! - Routers match the path after the entry point's `normalizePath` and `sanitizePath` (`.`, `..`
//!   and `//` resolved; see [`traefik_routing_path`]).
//!
//! The `traefik-ingress-nginx` profile is Traefik's other Ingress provider,
//! `kubernetesIngressNGINX` ([`ingress_nginx`]): it reads the same Ingresses as ingress-nginx
//! would and writes them as routers of this muxer, with middlewares for the redirects.

mod canary;
mod explain;
mod ingress;
mod ingress_nginx;
mod middlewares;
mod prose;

use super::common::{HostIndex, HostKey};
use super::glob::request_path::traefik_routing_path;
use super::glob::verdict::{annotation_entries, distinct, ignored_of, spec_certificate, Slot};
use super::{Asked, Context, Controller, Routed, Selection};
use crate::decision::{Entry, IgnoredAnnotation};
use crate::diagnostic::Diagnostic;
use crate::matching::{match_host, HostMatch, HostMiss};
use canary::{Canary, HeaderCond};
use middlewares::Middlewares;
use prose::Dropped;

const PATH_MATCHER: &str = "traefik.ingress.kubernetes.io/router.pathmatcher";
const PRIORITY: &str = "traefik.ingress.kubernetes.io/router.priority";

/// The compiled configuration: routers, highest priority first.
pub(crate) struct Traefik {
    routers: Vec<TraefikRouter>,
    /// Paths and default backends that produce no router, and why.
    skipped: Vec<(Slot, Dropped)>,
    /// Rules-less defaultBackends after the one used: Traefik keeps the first it reads, in an
    /// undefined order (the simulator: oldest first).
    unused_defaults: Vec<Slot>,
    /// The routers (positions in `routers`) by the host of their rule.
    index: HostIndex,
    /// The ignored annotations of a request no router matches (every router's Ingress).
    unmatched_ignored: Vec<IgnoredAnnotation>,
    /// Which provider wrote the routers.
    provider: Provider,
    /// TLS passthrough routers (`HostSNI`), tried before the HTTP routers for an HTTPS request.
    passthrough: Vec<Passthrough>,
}

/// The Traefik provider that reads the Ingresses.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Provider {
    /// `kubernetesIngress`: `traefik.ingress.kubernetes.io/*` annotations.
    Ingress,
    /// `kubernetesIngressNGINX`: `nginx.ingress.kubernetes.io/*` annotations.
    IngressNginx,
}

impl Provider {
    /// The annotation namespaces the provider reads, and the annotations of them it simulates.
    fn annotations(self) -> (&'static [&'static str], &'static [&'static str]) {
        match self {
            Provider::Ingress => (ANNOTATION_PREFIXES, SIMULATED),
            Provider::IngressNginx => (ingress_nginx::ANNOTATION_PREFIXES, ingress_nginx::SIMULATED),
        }
    }
}

/// A TCP router `HostSNI("host")` with TLS passthrough: the TLS connection goes to the backend
/// of `slot` as it is, whatever the HTTP request inside.
struct Passthrough {
    host: String,
    slot: Slot,
}

const ANNOTATION_PREFIXES: &[&str] = &["traefik.ingress.kubernetes.io/"];
const SIMULATED: &[&str] = &[PATH_MATCHER, PRIORITY];

struct TraefikRouter {
    slot: Slot,
    name: String,
    rule: String,
    priority: i64,
    host: Option<String>,
    release: Release,
    path: PathCond,
    /// More hosts the rule takes (`Host("a") || Host("b")`: ingress-nginx `server-alias`).
    aliases: Vec<String>,
    /// What answers before the service: redirects written as middlewares.
    middlewares: Option<Box<Middlewares>>,
    /// Header conditions of the rule (the canary routers of ingress-nginx's canaries).
    headers: Option<Box<HeaderCond>>,
    /// The canary its weighted service sends a share to.
    canary: Option<Box<Canary>>,
}

/// The release: how it writes a router rule (so the rule's length, the router's priority) and
/// which first labels a wildcard host takes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Release {
    /// v3.7.0 and later: `Host("*.foo.com")` (traefik/traefik `ea92a3e15012` "Add wildcard host
    /// in Host and HostSNI matchers", `loadRouter` @v3.7.9), one first label of any characters
    /// (`pkg/muxer/muxer.go` `DomainMatchHostExpression`).
    V3_7,
    /// v3.6.11–v3.6.24: values Go-quoted (`11d251415a6f` "Fix ingress router's rule", v3.6.11),
    /// and `buildHostRule` @v3.6.24 writes a wildcard as
    /// `HostRegexp("^[a-zA-Z0-9-]+\\.foo\\.com$")`: `regexp.QuoteMeta` of the host with `\*\.`
    /// replaced by `[a-zA-Z0-9-]+\.`, every backslash doubled by the quoting. The HostRegexp
    /// matcher (`pkg/muxer/http/matcher.go` `hostRegexp`) runs on the lower-cased request host,
    /// so the first label must be letters, digits and `-`.
    V3_6,
    /// v3.6.0–v3.6.10 (`loadRouter`, `buildHostRule`, `buildRule` @v3.6.10): the same rules
    /// between backticks, unescaped: `` HostRegexp(`^[a-zA-Z0-9-]+\.foo\.com$`) ``, two
    /// characters shorter per escaped character than 3.6.11's; a backtick in a value ends the
    /// string, and the rule does not parse.
    V3_6_10,
}

/// What a `kubernetesIngress` profile does with a backend whose Service the input leaves out
/// while listing others (`loadService` "service not found", see [`ingress`]): the words the
/// input's analysis says after naming the Service. `None` for the other profiles.
pub(crate) fn missing_service_consequence(profile: crate::Profile) -> Option<&'static str> {
    use crate::Profile::{Traefik, TraefikV3_6, TraefikV3_6_10};
    matches!(profile, Traefik | TraefikV3_6 | TraefikV3_6_10).then_some(prose::MISSING_SERVICE)
}

impl Release {
    fn of(profile: crate::Profile) -> Release {
        match profile {
            crate::Profile::TraefikV3_6 => Release::V3_6,
            crate::Profile::TraefikV3_6_10 => Release::V3_6_10,
            _ => Release::V3_7,
        }
    }

    /// `matcher(value)` as the release writes it.
    fn matcher(self, matcher: &str, value: &str) -> String {
        match self {
            Release::V3_6_10 => format!("{matcher}(`{value}`)"),
            Release::V3_6 | Release::V3_7 => matcher_rule(matcher, value),
        }
    }

    /// Why the release's rule for `value` does not parse (a backtick inside backticks).
    fn unparsable(self, value: &str) -> Option<&'static str> {
        (self == Release::V3_6_10 && value.contains('`')).then_some(prose::BACKTICK)
    }

    /// The host matcher of a router rule.
    fn host_rule(self, host: &str) -> String {
        match (self, host.strip_prefix("*.")) {
            (Release::V3_6 | Release::V3_6_10, Some(domain)) => {
                self.matcher("HostRegexp", &format!("^[a-zA-Z0-9-]+\\.{}$", quote_meta(domain)))
            }
            _ => self.matcher("Host", host),
        }
    }

    /// Does a wildcard host take this first label of the request host?
    fn takes_label(self, label: &str) -> bool {
        match self {
            Release::V3_7 => true,
            Release::V3_6 | Release::V3_6_10 => {
                !label.is_empty() && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'-')
            }
        }
    }
}

/// Go's `regexp.QuoteMeta`: a backslash before every regex metacharacter.
fn quote_meta(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    for c in text.chars() {
        if "\\.+*?()|[]{}^$".contains(c) {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

#[derive(Clone)]
enum PathCond {
    Any,
    Path(String),
    Prefix(String),
    /// `(Path("/foo") || PathPrefix("/foo/"))`: the path or anything below it, element-wise.
    Segment(String),
    Regexp(regex_lite::Regex),
}

impl PathCond {
    fn matches(&self, path: &str) -> bool {
        match self {
            PathCond::Any => true,
            PathCond::Path(p) => path == p,
            PathCond::Prefix(p) => path.starts_with(p.as_str()),
            PathCond::Segment(p) => {
                path.strip_prefix(p.as_str()).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
            }
            PathCond::Regexp(re) => re.is_match(path),
        }
    }

    fn matches_ignoring_case(&self, path: &str) -> bool {
        let folded = path.to_ascii_lowercase();
        match self {
            PathCond::Path(p) => folded == p.to_ascii_lowercase(),
            PathCond::Prefix(p) => folded.starts_with(&p.to_ascii_lowercase()),
            PathCond::Segment(p) => PathCond::Segment(p.to_ascii_lowercase()).matches(&folded),
            PathCond::Any | PathCond::Regexp(_) => false,
        }
    }
}

impl TraefikRouter {
    /// A router for `slot` with no rule text yet, priority 0, no aliases and no middlewares.
    fn new(slot: Slot, host: Option<String>, release: Release, path: PathCond) -> TraefikRouter {
        TraefikRouter {
            slot,
            name: String::new(),
            rule: String::new(),
            priority: 0,
            host,
            release,
            path,
            aliases: Vec::new(),
            middlewares: None,
            headers: None,
            canary: None,
        }
    }

    /// Its rule matches: host, path and headers.
    fn matches(&self, request: &crate::request::Request, host: &str, path: &str) -> bool {
        self.host_match(host).tier().is_some() && self.path.matches(path) && self.headers_hold(request)
    }

    /// Its header conditions hold (none: they do).
    fn headers_hold(&self, request: &crate::request::Request) -> bool {
        self.headers.as_ref().is_none_or(|h| h.holds(request))
    }

    /// `Host` is case-insensitive; `*.foo.com` takes one first label of any characters
    /// (traefik/traefik v3.7.9 `pkg/muxer/muxer.go` `DomainMatchHostExpression`: the request
    /// host's first label is replaced by `*` and the result compared with `strings.EqualFold`),
    /// or, before 3.7, the labels its `HostRegexp` takes ([`Release`]).
    fn host_match(&self, host: &str) -> HostMatch {
        let Some(rule_host) = &self.host else { return HostMatch::Any };
        if self.aliases.iter().any(|alias| alias.eq_ignore_ascii_case(host)) {
            return HostMatch::Precise;
        }
        let Some(domain) = rule_host.strip_prefix("*.") else { return match_host(rule_host, host) };
        match host.split_once('.') {
            Some((label, rest)) if rest.eq_ignore_ascii_case(domain) && self.release.takes_label(label) => {
                HostMatch::Wildcard
            }
            _ => match match_host(rule_host, host) {
                HostMatch::Wildcard => HostMatch::Miss(HostMiss::Different),
                other => other,
            },
        }
    }
}

/// `provider.Normalize`: non-alphanumeric runs become one `-`.
fn normalize(name: &str) -> String {
    name.split(|c: char| !c.is_alphanumeric()).filter(|s| !s.is_empty()).collect::<Vec<_>>().join("-")
}

/// A matcher as `loadRouter` and `buildRule` write it: `fmt.Sprintf("%s(%q)", matcher, value)`
/// (traefik/traefik v3.7.9 `pkg/provider/kubernetes/ingress/kubernetes.go`). The rule's length is
/// its priority, so the quoting counts.
fn matcher_rule(matcher: &str, value: &str) -> String {
    format!("{matcher}({})", go_quote(value))
}

/// Go's `strconv.Quote`: `"`, `\` and control characters escaped, printable characters kept.
fn go_quote(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\u{7}' => out.push_str("\\a"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{b}' => out.push_str("\\v"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => out.push_str(&format!("\\x{:02x}", c as u32)),
            c if c.is_control() => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

impl Traefik {
    /// The routers of the profile's provider, and the Ingresses and paths it drops.
    pub fn compile(cx: &Context<'_>) -> (Traefik, Vec<Diagnostic>) {
        match cx.profile {
            crate::Profile::TraefikIngressNginx => ingress_nginx::compile(cx),
            _ => ingress::compile(cx),
        }
    }

    /// The configuration: the routers sorted by priority and indexed by host.
    fn assemble(cx: &Context<'_>, built: Built, provider: Provider) -> Traefik {
        let Built { mut routers, skipped, unused_defaults, passthrough } = built;
        // mux.go: highest priority first; ties are unordered in Traefik — by name, then input order here.
        crate::order::sort_by(&mut routers, |a, b| {
            b.priority.cmp(&a.priority).then_with(|| a.name.cmp(&b.name)).then(a.slot.cmp(&b.slot))
        });
        let mut index = HostIndex::default();
        for (k, r) in routers.iter().enumerate() {
            let head = match &r.path {
                PathCond::Path(p) | PathCond::Prefix(p) | PathCond::Segment(p) => Some(p.as_str()),
                PathCond::Any | PathCond::Regexp(_) => None,
            };
            let key = match r.host.as_deref() {
                None => HostKey::Always,
                Some(h) => h.strip_prefix("*.").map_or(HostKey::Exact(h), HostKey::OneLabel),
            };
            index.add(k, key, head);
            r.aliases.iter().for_each(|alias| index.add(k, HostKey::Exact(alias), head));
        }
        index.finish();
        let every = distinct(routers.iter().map(|r| r.slot.ingress()));
        let (prefixes, simulated) = provider.annotations();
        let unmatched_ignored = ignored_of(cx, &every, prefixes, simulated);
        Traefik { routers, skipped, unused_defaults, index, unmatched_ignored, provider, passthrough }
    }
}

/// The routers as Traefik lists them (name, rule, priority), highest priority first: what a debug
/// print needs, without a derived printer for every part of a router.
impl std::fmt::Debug for Traefik {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let routers: Vec<(&str, &str, i64)> =
            self.routers.iter().map(|r| (r.name.as_str(), r.rule.as_str(), r.priority)).collect();
        f.debug_struct("Traefik").field("provider", &self.provider).field("routers", &routers).finish_non_exhaustive()
    }
}

/// What a provider built, before sorting and indexing.
#[derive(Default)]
struct Built {
    routers: Vec<TraefikRouter>,
    skipped: Vec<(Slot, Dropped)>,
    unused_defaults: Vec<Slot>,
    passthrough: Vec<Passthrough>,
}

impl Traefik {
    /// The TLS passthrough router an HTTPS request's SNI reaches (`HostSNI` compares without
    /// case), before any HTTP router.
    fn passthrough_for(&self, asked: &Asked<'_>) -> Option<usize> {
        if self.passthrough.is_empty() || asked.request.scheme != crate::request::Scheme::Https {
            return None;
        }
        let sni = asked.sni()?;
        self.passthrough.iter().position(|p| p.host.eq_ignore_ascii_case(&sni))
    }

    /// The annotations of the answering Ingress (of every router's, when none answers) that the
    /// profile does not simulate.
    fn ignored_of(&self, cx: &Context<'_>, answering: Option<usize>) -> Vec<IgnoredAnnotation> {
        let (prefixes, simulated) = self.provider.annotations();
        match answering {
            Some(i) => ignored_of(cx, &[i], prefixes, simulated),
            None => self.unmatched_ignored.clone(),
        }
    }

    /// The explanation lines naming the annotations of `involved` Ingresses the profile does not
    /// simulate.
    fn annotation_entries(&self, cx: &Context<'_>, involved: &[usize]) -> Vec<Entry> {
        let (prefixes, simulated) = self.provider.annotations();
        annotation_entries(cx, involved, prefixes, simulated, cx.profile.latest().name())
    }

    /// Does another router of the winner `w`'s priority match? Routers are sorted by priority,
    /// so those are the neighbours of `w`.
    fn tied_with(&self, w: usize, asked: &Asked<'_>, path: &str) -> bool {
        let (request, host) = (asked.request, asked.host());
        let priority = self.routers[w].priority;
        let same = |k: &usize| self.routers[*k].priority == priority;
        let before = (0..w).rev().take_while(same);
        let after = (w + 1..self.routers.len()).take_while(same);
        before.chain(after).any(|k| self.routers[k].matches(request, host, path))
    }
}

/// What [`Traefik::select`](Controller::select) chose: the router (a position in the routers,
/// highest priority first), the middleware that answered, or the TLS passthrough router.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Winner {
    router: Option<usize>,
    answered: Option<middlewares::Answered>,
    passthrough: Option<usize>,
}

impl Controller for Traefik {
    type Winner = Winner;

    /// The first router, highest priority first, whose rule matches, from the per-host lists.
    fn select(&self, cx: &Context<'_>, asked: &Asked<'_>) -> Selection<Winner> {
        let host = asked.host();
        if let Some(p) = self.passthrough_for(asked) {
            let mut routed = self.passthrough[p].slot.decided(cx, prose::host_sni_rule(&self.passthrough[p].host));
            routed.ignored_annotations = self.ignored_of(cx, routed.ingress);
            return Selection { routed, winner: Winner { passthrough: Some(p), ..Winner::default() } };
        }
        let Ok(path) = traefik_routing_path(asked.path()) else {
            let mut routed = Routed::bad_request();
            routed.tls = spec_certificate(cx, asked, prose::TLS_DEFAULT, prose::TLS_NOTE);
            return Selection { routed, winner: Winner::default() };
        };
        let path = path.as_str();
        let winner = self.index.first(host, path, |k| self.routers[k].matches(asked.request, host, path));
        let mut answered = None;
        let mut routed = match winner {
            Some(w) => {
                let router = &self.routers[w];
                let mut routed = router.slot.decided(cx, router.rule.clone());
                if let Some((by, redirect)) = router.middlewares.as_ref().and_then(|m| m.answer(asked, path)) {
                    answered = Some(by);
                    routed.outcome = crate::decision::Outcome::Redirect;
                    routed.redirect = Some(redirect);
                    routed.backend = None;
                } else if let Some(c) = &router.canary {
                    // The canary router (with header conditions) proxies to the canary; the
                    // location's own router to its weighted service.
                    let to_canary = router.headers.is_some() || c.weight >= c.total;
                    routed.split = canary::split(cx, router.slot, c, to_canary);
                    if to_canary {
                        routed.backend = c.slot.backend(cx);
                    }
                }
                routed
            }
            None => Routed::no_match(),
        };
        routed.matched_path = (path != asked.path()).then(|| path.to_string());
        routed.tls = spec_certificate(cx, asked, prose::TLS_DEFAULT, prose::TLS_NOTE);
        routed.ignored_annotations = self.ignored_of(cx, routed.ingress);
        Selection { routed, winner: Winner { router: winner, answered, passthrough: None } }
    }

    /// An equal-priority router also matches, or the winner is one of several rules-less
    /// defaultBackends.
    fn picks_among_ties(&self, cx: &Context<'_>, asked: &Asked<'_>) -> bool {
        let Some(w) = self.select(cx, asked).winner.router else { return false };
        let Ok(path) = traefik_routing_path(asked.path()) else { return false };
        // The rules-less catch-all is one of several only when others were left unused; any other
        // router (an Ingress's own defaultBackend for its hosts too) ties by priority.
        match (self.routers[w].slot, &self.routers[w].host) {
            (Slot::Default { .. }, None) => !self.unused_defaults.is_empty(),
            _ => self.tied_with(w, asked, &path),
        }
    }

    fn explain(&self, cx: &Context<'_>, asked: &Asked<'_>, selection: &Selection<Winner>) -> Vec<Entry> {
        explain::explain(self, cx, asked, selection)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::decision::{Reason, Verdict};

    /// The decision for `host` + `path` under the Traefik profile.
    fn route(yaml: &str, host: &str, path: &str) -> crate::Decision {
        use crate::{Explain, Options, Profile, Request, Simulator};
        Simulator::new(yaml, &Options::default()).route(&Request::new(host, path), Profile::Traefik, Explain::Yes)
    }

    /// Which of several rules-less defaultBackends Traefik keeps is undefined upstream: the
    /// simulator's pick (the oldest) is marked as such.
    #[test]
    fn the_default_backend_order_is_undefined() {
        let rules_less = |name: &str, stamp: &str| {
            format!("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {{name: {name}, namespace: web, creationTimestamp: \"{stamp}\"}}\nspec:\n  defaultBackend: {{service: {{name: {name}, port: {{number: 80}}}}}}\n")
        };
        let yaml = format!(
            "{}---\n{}",
            rules_less("newer", "2024-06-01T00:00:00Z"),
            rules_less("older", "2024-01-01T00:00:00Z")
        );
        let d = route(&yaml, "any.example.com", "/");
        assert_eq!(d.ingress.as_deref(), Some("web/older"));
        let won = d.explanation.iter().find(|e| e.verdict == Verdict::Won).unwrap();
        assert!(won.message.contains("undefined (simulated: the oldest, web/older)"), "{}", won.message);
        let other = d.explanation.iter().find(|e| e.ingress.as_deref() == Some("web/newer")).unwrap();
        assert_eq!((other.verdict, other.reason), (Verdict::Lost, Reason::UndefinedOrder));
        let one = route(&rules_less("only", "2024-01-01T00:00:00Z"), "a.com", "/");
        assert!(one.explanation.iter().all(|e| e.reason != Reason::UndefinedOrder && !e.message.contains("undefined")));
    }

    #[test]
    fn rules_and_names() {
        assert_eq!(matcher_rule("Host", "foo.com"), r#"Host("foo.com")"#);
        assert_eq!(matcher_rule("Host", "*.foo.com"), r#"Host("*.foo.com")"#);
        assert_eq!(matcher_rule("PathPrefix", r#"/a"b\c"#), r#"PathPrefix("/a\"b\\c")"#);
        assert_eq!(go_quote("/\tx\u{1}é"), r#""/\tx\x01é""#);
        assert_eq!(normalize("default-web-foo.com/api/v1"), "default-web-foo-com-api-v1");
        assert!(PathCond::Prefix("/foo".into()).matches("/foobar"));
        assert!(!PathCond::Path("/foo".into()).matches("/foo/"));
    }

    /// The wildcard host rule of each release, and its length (the router's priority) next to
    /// `PathPrefix("/")`: 36 since 3.7, 60 in 3.6.11–3.6.24 (docs/controller-sources.md T1).
    #[test]
    fn wildcard_rules_by_release() {
        let rule = |r: Release| format!("{} && {}", r.host_rule("*.foo.com"), r.matcher("PathPrefix", "/"));
        assert_eq!(rule(Release::V3_7).len(), 36);
        assert_eq!(Release::V3_6.host_rule("*.foo.com"), r#"HostRegexp("^[a-zA-Z0-9-]+\\.foo\\.com$")"#);
        assert_eq!(rule(Release::V3_6).len(), 60);
        assert_eq!(Release::V3_6_10.host_rule("*.foo.com"), r#"HostRegexp(`^[a-zA-Z0-9-]+\.foo\.com$`)"#);
        assert_eq!(rule(Release::V3_6_10).len(), 58);
        assert_eq!(Release::V3_6.host_rule("a.foo.com"), r#"Host("a.foo.com")"#);
        assert_eq!(Release::V3_6_10.matcher("PathPrefix", r#"/a"b"#), r#"PathPrefix(`/a"b`)"#);
        assert!(Release::V3_6_10.unparsable("/a`b").is_some() && Release::V3_6.unparsable("/a`b").is_none());
        assert!(Release::V3_6.takes_label("Team-1") && !Release::V3_6.takes_label("team_a"));
        assert!(Release::V3_7.takes_label("team_a"));
        let winner = |profile| {
            let yaml = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: w, namespace: shop}\nspec:\n  rules:\n  - host: \"*.foo.com\"\n    http: {paths: [{path: /, pathType: Prefix, backend: {service: {name: tenant, port: {number: 80}}}}]}\n";
            let sim = crate::Simulator::new(yaml, &crate::Options::default());
            sim.route(&crate::Request::new("a.foo.com", "/"), profile, crate::Explain::No).matched_as
        };
        assert_eq!(
            winner(crate::Profile::TraefikV3_6).as_deref(),
            Some(r#"HostRegexp("^[a-zA-Z0-9-]+\\.foo\\.com$") && PathPrefix("/")"#)
        );
        assert_eq!(winner(crate::Profile::Traefik).as_deref(), Some(r#"Host("*.foo.com") && PathPrefix("/")"#));
    }
}
