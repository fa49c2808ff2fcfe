//! The printer of the ingress-nginx profile: every sentence its explanations say, from the typed
//! facts the rules ([`super::route`], [`super::config`]) and the judging ([`super::explain`]) hand
//! it. Nothing here decides anything.

use super::annotations::Canary;
use super::canary::{Side, Why};
use super::config::{ConfigError, Refusal};
use super::cors::Cors;
use super::endpoints::{NoEndpoints, NotCustom};
use super::regex::{Construct, Invalid, Problem, Unsupported, MAX_PATTERN};
use super::tls;
use super::uri::BadUri;
use crate::decision::BackendRef;
use crate::request::Scheme;
use std::fmt;

/// What a location proxies to, as [`location`] names it.
pub(super) enum Proxies<'a> {
    /// The exact location ingress-nginx adds next to a Prefix path.
    AddedExact { prefix: &'a str, ingress: &'a str },
    /// A path of an Ingress (`path_type`: its pathType, or "no pathType").
    Path { path: &'a str, path_type: &'a str, ingress: &'a str },
    /// The server's implicit root, proxying to an Ingress's spec.defaultBackend.
    DefaultBackend { ingress: &'a str },
    /// The server's implicit root, proxying to the controller's default backend.
    ControllerDefault,
}

/// A location and what it proxies to (`text`: the location as nginx.tmpl writes it).
pub(super) fn location(text: &str, proxies: Proxies<'_>) -> String {
    let what = match proxies {
        Proxies::AddedExact { prefix, ingress } => {
            format!("added by ingress-nginx for Prefix {prefix} of Ingress {ingress}")
        }
        Proxies::Path { path, path_type, ingress } => {
            format!("path {} ({path_type}) of Ingress {ingress}", if path.is_empty() { "/" } else { path })
        }
        Proxies::DefaultBackend { ingress } => format!("the implicit root, spec.defaultBackend of Ingress {ingress}"),
        Proxies::ControllerDefault => "the implicit root, the controller's default backend (404)".to_string(),
    };
    format!("nginx `{text}` ({what})")
}

pub(super) fn bad_request(why: &BadUri) -> String {
    format!("nginx answers 400 Bad Request before any server or location is chosen: {why} (ngx_http_parse_complex_uri). No backend is reached.")
}

/// The redirect server BuildRedirects adds for `host` (from-to-www-redirect of `ingress`).
pub(super) fn www_redirect(host: &str, ingress: &str, server: &str, location: &str) -> String {
    format!("nginx's redirect server {host} (from-to-www-redirect of Ingress {ingress}, for server {server}) answers 308 → {location}: BuildRedirects adds it because no Ingress has a rule for {host}; ngx_srv_redirect.lua writes the scheme, the listener's port and the request URI without a final `/`.")
}

/// " of Ingress X" when the annotation's owner is known.
fn of_ingress(ingress: Option<&str>) -> String {
    ingress.map(|i| format!(" of Ingress {i}")).unwrap_or_default()
}

/// What the explanation says about the controller flag the simulation assumes.
const PASSTHROUGH_FLAG: &str = "assuming the controller runs with --enable-ssl-passthrough (off by default; without it the annotation does nothing and nginx terminates TLS as usual)";

/// The decision's `matched_as` of a connection passed through by SNI.
pub(super) fn passthrough_matched(sni: &str, server: &str) -> String {
    format!("ssl-passthrough {sni} (TCP proxy → location / of server {server})")
}

/// The handshake of a passed-through connection (`to`: the backend; `None`: an implicit
/// `location /` without a Service).
pub(super) fn passthrough_handshake(sni: &str, to: Option<&BackendRef>) -> String {
    let to = to.map_or_else(|| "an implicit location / without a Service".to_string(), |b| format!("Service {b}"));
    format!("TLS passthrough (ssl-passthrough, {PASSTHROUGH_FLAG}): the controller's TCP proxy reads the SNI {sni} from the ClientHello and hands the still encrypted connection to {to}; the backend's own certificate answers the handshake, no Secret of the input is used.")
}

/// Why a request to an ssl-passthrough host is still routed by nginx: plain HTTP, or a TLS
/// connection whose SNI is not the host.
pub(super) fn not_passed(host: &str, scheme: Scheme, sni: Option<String>) -> String {
    let why = match (scheme, sni) {
        (Scheme::Http, _) => "this is plain HTTP, which nginx routes as usual".to_string(),
        (Scheme::Https, Some(sni)) => format!(
            "this TLS connection's SNI is {sni}, so the TCP proxy hands it to nginx, which routes it by Host as usual"
        ),
        (Scheme::Https, None) => "this TLS connection sends no SNI, so the TCP proxy hands it to nginx".to_string(),
    };
    format!("Server {host} has ssl-passthrough ({PASSTHROUGH_FLAG}), which only passes TLS connections whose SNI is exactly {host}; {why}.")
}

/// The facts of an ssl-passthrough answer.
pub(super) struct PassedThrough<'a> {
    pub sni: &'a str,
    pub server: &'a str,
    /// The Ingress whose annotation makes the server pass TLS through.
    pub by: Option<&'a str>,
    /// The server's `location /`, from [`location`].
    pub root: &'a str,
}

pub(super) fn passthrough_won(p: &PassedThrough<'_>, host: &str, path: &str) -> String {
    format!("TLS connection with SNI {}: server {} has ssl-passthrough{}, so the controller's TCP proxy ({PASSTHROUGH_FLAG}) hands the connection, still encrypted, to the backend of its `location /`, {}. nginx never reads the HTTP request: the Host header ({host}) and the path ({path}) play no part, and no other annotation applies.", p.sni, p.server, of_ingress(p.by), p.root)
}

pub(super) fn passthrough_closed(p: &PassedThrough<'_>) -> String {
    format!("TLS connection with SNI {}: server {} has ssl-passthrough{} ({PASSTHROUGH_FLAG}), but its `location /` is {}: no Service to dial, so the TCP proxy closes the connection and the client gets no HTTP answer. Give the Ingress a `/` path to pass TLS through to its Service.", p.sni, p.server, of_ingress(p.by), p.root)
}

pub(super) fn passthrough_unused(location: &str, server: &str) -> String {
    format!("{location} is not used: with ssl-passthrough, TLS connections to {server} go to `location /` whatever the path (plain HTTP is routed by nginx as usual).")
}

pub(super) fn config_error(error: &ConfigError) -> String {
    format!("nginx -t fails: {error}. ingress-nginx does not load a configuration nginx refuses: the admission webhook no longer tests it (since 1.12.1, CVE-2025-1974), so it accepts the Ingress that causes it, the controller's reload fails, and the previous configuration keeps serving: this input never takes effect.")
}

/// An ignored annotation of another Ingress than the answering one.
pub(super) fn ignored_key_on(key: &str, ingress: &str) -> String {
    format!("{key} on {ingress}")
}

/// `host_wide`: one of them acts for the whole host.
pub(super) fn ignored_annotations(keys: &[String], host_wide: bool) -> String {
    let note = if host_wide {
        " Those acting for the whole host (server-snippet, auth-tls-*) may change this answer whichever Ingress of the host carries them."
    } else {
        ""
    };
    format!("Not simulated (listed in ignoredAnnotations): {}.{note}", keys.join(", "))
}

pub(super) fn normalised(asked: &str, path: &str) -> String {
    format!("nginx normalises the URI before matching locations: {asked:?} is matched as {path:?} (percent-decoding, merged slashes, resolved . and .. segments).")
}

pub(super) const LOSSY_URI: &str = "The decoded URI is not valid UTF-8; the simulator matches it with U+FFFD in place of the invalid bytes (nginx matches the raw bytes).";

/// How the answering server was found for `host`.
pub(super) enum ServerFound<'a> {
    /// By a server-alias of `server`.
    Alias(&'a str),
    CatchAll,
    /// By the wildcard `server` (`*.` first).
    Wildcard(&'a str),
    Exact,
}

pub(super) fn server_found(found: ServerFound<'_>, host: &str) -> String {
    match found {
        ServerFound::Alias(server) => format!("nginx server {server} answers Host {host}: {host} is in its server_name, a server-alias of the oldest Ingress with a rule for {server} that sets one (createServers)."),
        ServerFound::CatchAll => format!("No nginx server_name matches {host}, so the catch-all `server _` (default_server) answers."),
        ServerFound::Wildcard(server) => format!(
            "nginx server {server} answers Host {host}: its server_name is the regex ~^(?<subdomain>[\\w-]+)\\.{} (exactly one label).",
            server[2..].replace('.', "\\.")
        ),
        ServerFound::Exact => format!("nginx server {host} answers Host {host} (exact server_name)."),
    }
}

/// `why`: the location that puts the server in regex mode, from [`location`].
pub(super) fn regex_mode(server: &str, why: &str) -> String {
    format!("Server {server} is in regex mode (enforceRegexModifier): {why} uses use-regex or rewrite-target, so every location of this host is written `location ~* \"^<path>\"` — case-insensitive, anchored at the start only, checked in configuration order (longest path first), first match wins.")
}

pub(super) fn no_location(server: &str, path: &str) -> String {
    format!("No location of server {server} matches {path}: nginx answers 404 itself.")
}

pub(super) fn trailing_slash(location: &str, to: &str, path: &str) -> String {
    format!("{location} answers 301 → {to}: {path} is one `/` short of a location whose name ends in `/` and that proxies (auto_redirect in ngx_http_core_find_static_location), and no exact `= {path}` exists.")
}

pub(super) fn app_root(server: &str, location: &str, to: &str) -> String {
    format!("Server {server} answers 302 → {to} before looking for a location: {location} sets nginx.ingress.kubernetes.io/app-root, which nginx.tmpl writes at server level as `if ($uri = /) {{ return 302 $scheme://$http_host<app-root>; }}`.")
}

/// What nginx sends for a location's `return`.
pub(super) enum Sent<'a> {
    /// A redirect whose Location absolute_redirect completed.
    Absolute(&'a str),
    /// A redirect to the URL as written.
    AsWritten,
    /// A status that is no redirect: the URL is the body.
    Body,
}

/// A location's `return status url;` (`creator`: the Ingress whose annotations the host's
/// `location /` takes, when that is how the location got them).
pub(super) fn returned(
    location: &str,
    creator: Option<&str>,
    path: &str,
    (status, url): (u16, &str),
    sent: Sent<'_>,
) -> String {
    let whose = match creator {
        Some(i) => format!(" (the host's `location /` takes the annotations of Ingress {i}, which created the server: createServers, locationApplyAnnotations)"),
        None => String::new(),
    };
    let sent = match sent {
        Sent::Absolute(to) => format!(" nginx sends Location: {to}: absolute_redirect puts the scheme and the Host (without its port) in front of a path, unless the Ingress sets relative-redirects."),
        Sent::AsWritten => String::new(),
        Sent::Body => format!(" nginx turns `return`'s URL into a Location only for 301, 302, 303, 307 and 308: it answers {status} with the URL as the body (ngx_http_send_response), no redirect."),
    };
    format!("{location}{whose} matches {path}; its `return {status} {url};` (permanent-redirect / temporal-redirect of its Ingress; temporal-redirect wins when both are set) answers before the backend, and before the ssl-redirect of its rewrite phase.{sent}")
}

/// `block`: what the CORS block answered.
pub(super) fn preflight(location: &str, path: &str, block: &str) -> String {
    format!("{location} matches {path}; {block}")
}

/// How the answering location matched.
pub(super) enum Matched {
    FirstRegex,
    Exact,
    LongestPrefix,
}

pub(super) fn chosen(location: &str, matched: Matched, path: &str) -> String {
    let how = match matched {
        Matched::FirstRegex => "is the first regex location (in configuration order) that matches".to_string(),
        Matched::Exact => format!("matches exactly ({path})"),
        Matched::LongestPrefix => format!("is the longest prefix of {path}"),
    };
    format!("{location} {how}")
}

/// The rewrite phase's ssl-redirect (`force`: force-ssl-redirect is set; `keep_slash`:
/// preserve-trailing-slash).
pub(super) fn ssl_redirected(chosen: &str, to: &str, force: bool, host: &str, keep_slash: bool) -> String {
    let why = if force {
        "force-ssl-redirect is set".to_string()
    } else {
        format!("a certificate is configured for {host} and ssl-redirect is on (the default)")
    };
    let slash = if keep_slash { "" } else { "; a final `/` is dropped unless preserve-trailing-slash" };
    format!(
        "{chosen}; its rewrite phase (lua_ingress.lua) answers {} → {to}: plain HTTP and {why}{slash}.",
        tls::REDIRECT_CODE
    )
}

pub(super) fn no_tls_redirect_location() -> String {
    format!("No ssl-redirect: the location path starts with {} (no-tls-redirect-locations).", tls::NO_TLS_REDIRECT)
}

pub(super) const SSL_REDIRECT_OFF: &str =
    "No ssl-redirect: the answering Ingress sets nginx.ingress.kubernetes.io/ssl-redirect: \"false\".";

/// Who answered through the chosen location.
pub(super) enum Answered {
    Backend,
    DefaultBackend,
    NotFound,
}

pub(super) fn answered(chosen: &str, by: Answered) -> String {
    let tail = match by {
        Answered::Backend => "",
        Answered::DefaultBackend => " — the server's implicit `location /` proxies to the spec.defaultBackend of the Ingress that created the server",
        Answered::NotFound => " — the controller's default backend answers 404",
    };
    format!("{chosen}{tail}.")
}

pub(super) fn not_reached(location: &str) -> String {
    format!("{location} is not reached: the server's app-root `if ($uri = /)` answered first.")
}

/// Why a location lost to the answering one (`won`: its text, as nginx.tmpl writes it).
pub(super) enum Lost<'a> {
    RegexLater {
        won: Option<&'a str>,
    },
    RegexNoMatch,
    /// The regex could not be evaluated (`why`: the regex problem, when known).
    RegexUnevaluated {
        why: Option<&'a Problem>,
    },
    SlashRedirectFirst {
        won: Option<&'a str>,
    },
    NoMatch,
    ExactNeedsWhole {
        name: &'a str,
    },
    ExactWins {
        won: &'a str,
    },
    LongerPrefix {
        won: Option<&'a str>,
    },
    NotPrefix {
        name: &'a str,
    },
}

fn quoted(won: Option<&str>) -> String {
    won.map(|w| format!("`{w}`")).unwrap_or_default()
}

pub(super) fn lost(location: &str, why: Lost<'_>, path: &str) -> String {
    let d = location;
    match why {
        Lost::RegexLater { won } => format!(
            "{d} matches too, but regex locations are checked in configuration order and {} comes first.",
            quoted(won)
        ),
        Lost::RegexNoMatch => format!("{d}: the regex does not match {path} (case-insensitive, anchored at the start)."),
        Lost::RegexUnevaluated { why } => format!("{d} is not evaluated: its regex is not supported by the simulator ({}). The decision assumes it does not match; if it does and comes first, nginx chooses it instead.", why.map(Problem::to_string).unwrap_or_default()),
        Lost::SlashRedirectFirst { won } => format!(
            "{d} matches as a prefix, but nginx's trailing-slash redirect for {} ends the lookup first.",
            quoted(won)
        ),
        Lost::NoMatch => format!("{d} does not match {path}."),
        Lost::ExactNeedsWhole { name } => {
            format!("{d}: an exact location needs the whole URI to be {name}, not {path}.")
        }
        Lost::ExactWins { won } => format!("{d} matches as a prefix, but the exact match `{won}` wins at once."),
        Lost::LongerPrefix { won } => {
            format!("{d} matches as a prefix, but nginx keeps the longest matching prefix, {}.", quoted(won))
        }
        Lost::NotPrefix { name } => format!("{d}: {path} does not start with {name}."),
    }
}

pub(super) fn other_server(server: &str, host: &str) -> String {
    format!("nginx server {server} does not answer: its server_name does not match {host}.")
}

/// A path dropped because `by` configured the same path and type first.
pub(super) fn duplicate_path(path: &str, path_type: &str, server: &str, by: &str) -> String {
    format!("Path {path} ({path_type}) is dropped: the same path and type is already configured for server {server} by Ingress {by} (ingress-nginx merges Ingresses oldest creationTimestamp first, ties by namespace/name descending: the oldest wins).")
}

pub(super) const RESOURCE_PATH: &str = "ingress-nginx skips paths whose backend is not a Service (backend.resource).";

pub(super) const CANARY_PATH: &str =
    "A canary Ingress creates no location; its paths only add alternative backends to matching locations.";

/// What a location's rewrite-target did.
pub(super) enum Rewrite<'a> {
    /// The rewrite regex is not supported (`why`).
    Unsupported {
        name: &'a str,
        why: &'a Problem,
    },
    NoMatch,
    /// The URI became `upstream`, an absolute URL (a 302) or a path; `unknown`: variables left as written.
    Rewrote {
        upstream: &'a str,
        unknown: &'a [String],
    },
}

/// `quoted`: the location's name as its regex is written.
pub(super) fn rewrite(rewrite: Rewrite<'_>, target: &str, quoted: &str, path: &str) -> String {
    match rewrite {
        Rewrite::Unsupported { name, why } => format!("rewrite-target {target:?} is not evaluated: the rewrite regex (?i){name} is not supported by the simulator ({why})."),
        Rewrite::NoMatch => format!("rewrite \"(?i){quoted}\" does not match {path}: the URI is proxied unchanged."),
        Rewrite::Rewrote { upstream, unknown } => {
            let note = if unknown.is_empty() {
                String::new()
            } else {
                format!(" The nginx variables {} are not simulated and are shown as written.", unknown.join(", "))
            };
            if upstream.starts_with("http://") || upstream.starts_with("https://") {
                format!("rewrite \"(?i){quoted}\" {target} turns the URI into {upstream}: nginx answers it as a 302 redirect.{note}")
            } else {
                format!("rewrite \"(?i){quoted}\" {target} break; rewrites {path} to {upstream}: the backend receives {upstream}.{note}")
            }
        }
    }
}

/// The canary alternative of a location's upstream (`selector`: how the split picks it;
/// `attached`: how many canaries attach to that upstream).
pub(super) fn canary_used(
    canary: &str,
    (namespace, name): (&str, impl std::fmt::Display),
    selector: &str,
    side: &Side,
    attached: usize,
) -> String {
    let side = match side {
        Side::Canary(why) => format!("This request goes to the canary side ({why})."),
        Side::Main(why) => format!("This request stays on the main side ({why})."),
        Side::Random(why) => format!("{why}; the decision shows the main side, the split lists both."),
    };
    let more = if attached > 1 {
        format!(" {} more canaries attach to the same upstream; balancer.lua only uses the first.", attached - 1)
    } else {
        String::new()
    };
    format!("Canary: Ingress {canary} adds an alternative backend to upstream {namespace}/{name} (balancer.lua): {selector}. {side}{more}")
}

/// The main side of a canary split.
pub(super) const MAIN_SIDE: &str = "every request the canary side does not take";

/// What sends a request to the canary side.
pub(super) fn selector(c: &Canary) -> String {
    let mut parts = Vec::new();
    if let Some(h) = &c.header {
        match (&c.header_value, &c.header_pattern) {
            (Some(v), _) => parts.push(format!("header {h}: {v}")),
            (None, Some(p)) => parts.push(format!("header {h} matching /{p}/")),
            (None, None) => parts.push(format!("header {h}: always (never: main)")),
        }
    }
    if let Some(k) = &c.cookie {
        parts.push(format!("cookie {k}=always (never: main)"));
    }
    let percent = percent(c.weight, c.weight_total);
    let ignored = match c.ignored_weight_total {
        Some(t) => format!("; canary-weight-total {t} is below 100, which the balancer ignores"),
        None => String::new(),
    };
    let weight =
        format!("{percent}% of requests at random (canary-weight {} of {}{ignored})", c.weight, c.weight_total);
    let mut text = if parts.is_empty() { weight } else { format!("{}; otherwise {weight}", parts.join("; then ")) };
    for (name, value) in &c.invalid {
        let allowed = if *name == "canary-by-header-pattern" { "/-._~:^$[](){}*+?|&=\\" } else { "/-._~: and spaces" };
        text.push_str(&format!(
            " ({name} {value:?} is ignored: ingress-nginx's annotation validator allows only letters, digits and {allowed})"
        ));
    }
    text
}

/// The canary's share (`weight` of `total`) as text with up to two decimals (`20`, `33.33`),
/// written without float formatting (which would add ~15 KB of formatting code to the browser bundle).
fn percent(weight: i64, total: i64) -> String {
    if total <= 0 {
        return "0".into();
    }
    let hundredths = weight.clamp(0, total) as i128 * 10_000 / total as i128;
    let (whole, fraction) = (hundredths / 100, hundredths % 100);
    match fraction {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole}.{}", f / 10),
        f => format!("{whole}.{f:02}"),
    }
}

impl fmt::Display for Why {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let word = |always: bool| if always { "always" } else { "never" };
        match self {
            Why::HeaderEquals { name, value } => write!(f, "header {name}: {value} equals canary-by-header-value"),
            Why::HeaderMatches { name, value, pattern } => {
                write!(f, "header {name}: {value} matches canary-by-header-pattern /{pattern}/")
            }
            Why::PatternUnsupported { pattern } => write!(f, "canary-by-header-pattern /{pattern}/ uses regex features the simulator cannot evaluate (nginx answers main if PCRE cannot compile it either)"),
            Why::Header { name, always } => write!(f, "header {name}: {}", word(*always)),
            Why::Cookie { name, always } => write!(f, "cookie {name}={}", word(*always)),
            Why::EveryRequest { weight, total } => write!(f, "canary-weight {weight} of {total}: every request"),
            Why::NoRequest { weight } => write!(f, "canary-weight {weight}: no request"),
            Why::AtRandom { weight, total } => write!(
                f,
                "Neither header nor cookie decides: {}% of requests go to the canary at random",
                percent(*weight, *total)
            ),
        }
    }
}

/// A default-backend annotation that did not change this answer (`serving`: the location's
/// Service; `None`: the controller's default backend).
pub(super) fn default_backend_unused(custom: &str, serving: Option<&BackendRef>) -> String {
    let here = match serving {
        Some(b) => format!("Service {b} is assumed to have endpoints (it is in the input, or the input lists no Services), so it answers"),
        None => "this request reaches the host's implicit `location /`, which proxies to the controller's default backend, an upstream getBackendServers never swaps".to_string(),
    };
    format!("default-backend {custom}: ingress-nginx uses it only for a location whose Service has no endpoints (and, with custom-http-errors, for the listed error codes the backend returns), never for the requests no location matches; {here}.")
}

/// A location whose Service `missing` has no endpoints (`by`: the Ingress whose annotations the
/// location carries).
pub(super) fn no_endpoints(missing: &str, answer: &NoEndpoints, by: &str) -> String {
    let known = "the input lists Services and this one is not among them, so it has no endpoints";
    match answer {
        NoEndpoints::CustomDefault { service, backend } => format!("Service {missing} has no endpoints ({known}): the default-backend annotation of Ingress {by} swaps the location's upstream for custom-default-backend (getBackendServers), so Service {service} (its first port, {backend}) answers, sent X-Code: 503."),
        NoEndpoints::Unavailable { why_not_custom: None } => format!("Service {missing} has no endpoints ({known}): balancer.lua has no balancer for the upstream and answers 503 Service Unavailable itself (after the ssl-redirect). No backend is reached; a default-backend annotation on Ingress {by} would answer instead."),
        NoEndpoints::Unavailable { why_not_custom: Some(why) } => format!("Service {missing} has no endpoints ({known}) and {why}: balancer.lua answers 503 Service Unavailable itself. No backend is reached."),
    }
}

impl fmt::Display for NotCustom {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            NotCustom::Missing(service) => write!(f, "its default-backend Service {service} is not in the input either, so the annotation fails (\"unexpected error reading service\")"),
            NotCustom::NoPorts(service) => write!(f, "its default-backend Service {service} has no ports (\"Custom default backend service … has no ports. Ignoring\")"),
        }
    }
}

/// The certificate a TLS server answers the handshake with.
pub(super) enum Served<'a> {
    /// The Secret of `spec.tls[entry]` of `ingress`.
    Secret { secret: &'a str, entry: usize, ingress: &'a str },
    /// `spec.tls[entry]` names no Secret: the default certificate.
    NoSecret { entry: usize, ingress: &'a str },
    /// The host's oldest Ingress with a tls section lists no entry for it: the default certificate.
    NoEntry { ingress: &'a str },
}

/// Added when the SNI name and the Host header differ.
fn sni_differs(sni: &str, host: &str) -> String {
    if sni != host {
        format!(" The SNI name {sni} picks the certificate; the Host header {host} picks the nginx server.")
    } else {
        String::new()
    }
}

/// certificate.lua found no server with a certificate for `sni`.
pub(super) fn no_certificate(sni: &str, host: &str) -> String {
    format!("TLS (certificate.lua): no nginx server named {sni} (or its *. parent) has a certificate, so the controller's default certificate (--default-ssl-certificate, else the self-signed \"Kubernetes Ingress Controller Fake Certificate\") answers.{}", sni_differs(sni, host))
}

/// certificate.lua's answer for `sni`: the certificate of `server` (exact, or its wildcard).
pub(super) fn certificate(sni: &str, host: &str, server: &str, served: Served<'_>) -> String {
    let how = if server == sni { format!("server {server}") } else { format!("wildcard server {server}") };
    let what = match served {
        Served::Secret { secret, entry, ingress } => format!("Secret {secret} from spec.tls[{entry}] of {ingress}"),
        Served::NoSecret { entry, ingress } => format!("the default certificate: spec.tls[{entry}] of {ingress} names no Secret"),
        Served::NoEntry { ingress } => format!("the default certificate: {ingress} (the oldest Ingress with a tls section for this host) lists no tls entry for {server}"),
    };
    format!("TLS (certificate.lua): {how} answers the handshake with {what}.{}", sni_differs(sni, host))
}

/// A preflight the location's CORS block answered, sending `allow_origin`.
pub(super) fn preflight_answered(cors: &Cors, allow_origin: &str) -> String {
    let invalid = invalid_origin_note(cors);
    format!("enable-cors: its CORS block (nginx.tmpl) `{}` then `if ($request_method = 'OPTIONS') {{ set $cors ${{cors}}options; }}` make $cors \"trueoptions\", so nginx answers this preflight 204 itself, with Access-Control-Allow-Origin: {allow_origin} and the cors-allow-methods, -headers, -credentials and -max-age values — before the location's redirect, ssl-redirect, rewrite and backend. No backend is reached.{invalid}", cors.origin_directive())
}

/// An `OPTIONS` request (with `origin`) the CORS block lets through to the backend.
pub(super) fn preflight_refused(cors: &Cors, origin: Option<&str>) -> String {
    let sent = origin.map_or_else(|| "no Origin header".to_string(), |o| format!("Origin {o}"));
    let why = if cors.allow_origin.is_empty() {
        "cors-allow-origin keeps no valid origin (each needs a scheme: https://example.com, or `*` or null), so nginx never sets $cors".to_string()
    } else {
        format!("{sent} does not match `{}`", cors.origin_directive())
    };
    format!("enable-cors does not answer this OPTIONS request: {why}. It is not a preflight nginx answers, so it is proxied like any other request.")
}

/// The fallback to `*` when the annotation fails its validator.
fn invalid_origin_note(cors: &Cors) -> String {
    cors.invalid_origin.as_ref().map_or_else(String::new, |v| format!(" cors-allow-origin {v:?} fails the annotation's validator, so ingress-nginx uses `*` (\"cors-allow-origin is invalid, defaulting to '*'\")."))
}

/// The admission webhook's checkOverlap refuses a path; `by`: the older Ingress, `namespace/name`.
pub(super) fn overlap(host: &str, path: &str, by: &str) -> String {
    format!(
        r#"ingress-nginx: the admission webhook rejects this Ingress (host "{host}" and path "{path}" is already defined in ingress {by}): a non-canary Ingress may not repeat the host and path of another, whatever the pathType. Without the webhook the Ingress is served as simulated."#
    )
}

/// The admission webhook's ValidatePathType refuses `path` (`path_type`: as written).
pub(super) fn invalid_path(path: &str, path_type: Option<&str>) -> String {
    format!(
        "ingress-nginx: the admission webhook rejects this Ingress (\"ingress contains invalid paths: path {path} cannot be used with pathType {}\"): with strict-validate-path-type, on by default since 1.12, an Exact or Prefix path may only hold ASCII letters, digits, `.`, `_`, `-` and `/`. Use pathType ImplementationSpecific for a regex path. Without the webhook the Ingress is served as simulated.",
        path_type.unwrap_or("<nil>")
    )
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let host = &self.host;
        match &self.refusal {
            Refusal::Regex { location, unread, why } => {
                let failed = if *unread { "nginx cannot read" } else { "pcre2_compile() failed" };
                write!(f, "{failed} for location ~* \"^{location}\" in server {host}: {why}")
            }
            Refusal::Rewrite { location, why } => {
                write!(f, "pcre2_compile() failed for rewrite \"(?i){location}\" in server {host}: {why}")
            }
            Refusal::Unreadable { location, stop } => write!(
                f,
                "nginx cannot read `{location}` in server {host}: the unquoted path ends at {stop:?}, so nginx reads the location directive wrongly"
            ),
            Refusal::Duplicate { name } => write!(f, "duplicate location \"{name}\" in server {host}"),
        }
    }
}

/// The warning of a configuration nginx refuses.
pub(super) fn refused(error: &ConfigError) -> String {
    format!("ingress-nginx: {error} — nginx refuses the whole configuration (nginx -t fails), so the controller keeps serving its previous one and no change in this input takes effect.")
}

/// The notice of a regex location (`location`: its quoted name) the simulator cannot evaluate.
pub(super) fn regex_unsupported(location: &str, host: &str, why: &Unsupported) -> String {
    format!("ingress-nginx: the regex of location ~* \"^{location}\" (server {host}) is not supported by the simulator: {why}. Requests are routed as if it did not match, and the explanation says so.")
}

impl fmt::Display for BadUri {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            BadUri::AboveRoot => write!(f, "a \"..\" segment climbs above the root"),
            BadUri::Escape { first: None, bad } => write!(f, "\"%{}\" is not a valid percent-escape", *bad as char),
            BadUri::Escape { first: Some(first), bad } => {
                write!(f, "\"%{first:X}{}\" is not a valid percent-escape", *bad as char)
            }
            BadUri::Nul => write!(f, "\"%00\" (a NUL byte) is not allowed in the URI"),
            BadUri::EndsInEscape => write!(f, "the URI ends inside a percent-escape"),
        }
    }
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Problem::Invalid(why) => write!(f, "{why}"),
            Problem::Unsupported(why) => write!(f, "{why}"),
        }
    }
}

impl fmt::Display for Invalid {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Invalid::UnmatchedClose => f.write_str("unmatched closing parenthesis"),
            Invalid::NothingToRepeat(Some(c)) => write!(f, "quantifier {c:?} does not follow a repeatable item"),
            Invalid::NothingToRepeat(None) => f.write_str("quantifier does not follow a repeatable item"),
            Invalid::MissingClose => f.write_str("missing closing parenthesis"),
            Invalid::TrailingBackslash => f.write_str("\\ at end of pattern"),
            Invalid::UnclosedHexBrace => f.write_str("\\x{ without closing }"),
            Invalid::NotHex(digits) => write!(f, "\\x{{{digits}}} is not a hex number"),
            Invalid::UnknownEscape(c) => write!(f, "unrecognized character follows \\ (\\{c})"),
            Invalid::UnterminatedComment => f.write_str("missing ) after (?# comment"),
            Invalid::UnterminatedGroupName => f.write_str("unterminated group name"),
            Invalid::GroupName(name) => write!(f, "invalid group name {name:?}"),
            Invalid::UnterminatedGroup => f.write_str("unterminated group"),
            Invalid::UnterminatedClass => f.write_str("missing terminating ] for character class"),
            Invalid::PosixClass(name) => write!(f, "unknown POSIX class name [:{name}:]"),
            Invalid::DoubleQuote => f.write_str("the path contains a double quote, which ends nginx's quoted string"),
        }
    }
}

impl fmt::Display for Unsupported {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Unsupported::TooLong => write!(f, "the pattern is longer than {MAX_PATTERN} bytes"),
            Unsupported::RegexLite(error) => write!(f, "regex-lite cannot compile it ({error})"),
            Unsupported::Escape(what, c) => write!(f, "{what} (\\{c})"),
            Unsupported::Construct(what) => write!(f, "{what}"),
            Unsupported::InlineFlag(c) => write!(f, "the inline flag {c:?}"),
        }
    }
}

impl fmt::Display for Construct {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Construct::WideCodePoint => "a code point above \\xFF outside UTF mode",
            Construct::Backreference => "a backreference",
            Construct::ResetStart => "\\K (reset match start)",
            Construct::FirstPosition => "\\G (first matching position)",
            Construct::UnicodeProperty => "a Unicode property",
            Construct::CodeUnit => "a single code unit",
            Construct::OtherEscape => "an escape the simulator does not translate",
            Construct::Verb => "a PCRE verb or look-around written as (*...)",
            Construct::LookAhead => "a look-ahead assertion",
            Construct::LookBehind => "a look-behind assertion",
            Construct::AtomicGroup => "an atomic group (?>...)",
            Construct::BranchReset => "a branch-reset group (?|...)",
            Construct::Conditional => "a conditional group (?(...)...)",
            Construct::Callout => "a callout (?C...)",
            Construct::Recursion => "a recursion or subroutine call",
            Construct::NamedBackreference => "a named backreference or subroutine call",
            Construct::UnknownPGroup => "an unknown (?P group",
            Construct::Possessive => "a possessive quantifier",
        })
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn percent_has_at_most_two_decimals() {
        let text = super::percent;
        assert_eq!(text(20, 100), "20");
        assert_eq!(text(1, 3), "33.33");
        assert_eq!(text(1, 4), "25");
        assert_eq!(text(1, 8), "12.5");
        assert_eq!(text(5, 0), "0");
        assert_eq!(text(500, 100), "100");
    }
}
