//! The `nginx.ingress.kubernetes.io/*` annotations the simulator reads, parsed as ingress-nginx
//! parses them (`internal/ingress/annotations/parser/main.go`: booleans with Go's
//! `strconv.ParseBool`, integers with `strconv.Atoi`; an unparsable value means the default).
//! Sources: `internal/ingress/annotations/rewrite/main.go` (rewrite-target, use-regex,
//! ssl-redirect, force-ssl-redirect, preserve-trailing-slash; ssl-redirect defaults to the
//! ConfigMap's `ssl-redirect: true`), `internal/ingress/annotations/canary/main.go`,
//! `cors/main.go` ([`super::cors`]), `defaultbackend/main.go` and `sslpassthrough/main.go`.
//! Every other annotation with the prefix is listed as ignored, never dropped silently.

use crate::decision::{IgnoredAnnotation, Redirect};
use crate::model::Ingress;

pub(crate) const PREFIX: &str = "nginx.ingress.kubernetes.io/";

/// The annotations the simulator evaluates (full keys).
pub(crate) const SIMULATED: &[&str] = &[
    "nginx.ingress.kubernetes.io/use-regex",
    "nginx.ingress.kubernetes.io/rewrite-target",
    "nginx.ingress.kubernetes.io/ssl-redirect",
    "nginx.ingress.kubernetes.io/force-ssl-redirect",
    "nginx.ingress.kubernetes.io/preserve-trailing-slash",
    "nginx.ingress.kubernetes.io/canary",
    "nginx.ingress.kubernetes.io/canary-by-header",
    "nginx.ingress.kubernetes.io/canary-by-header-value",
    "nginx.ingress.kubernetes.io/canary-by-header-pattern",
    "nginx.ingress.kubernetes.io/canary-by-cookie",
    "nginx.ingress.kubernetes.io/canary-weight",
    "nginx.ingress.kubernetes.io/canary-weight-total",
    "nginx.ingress.kubernetes.io/app-root",
    "nginx.ingress.kubernetes.io/permanent-redirect",
    "nginx.ingress.kubernetes.io/permanent-redirect-code",
    "nginx.ingress.kubernetes.io/temporal-redirect",
    "nginx.ingress.kubernetes.io/temporal-redirect-code",
    "nginx.ingress.kubernetes.io/server-alias",
    "nginx.ingress.kubernetes.io/from-to-www-redirect",
    "nginx.ingress.kubernetes.io/relative-redirects",
    "nginx.ingress.kubernetes.io/enable-cors",
    "nginx.ingress.kubernetes.io/cors-allow-origin",
    "nginx.ingress.kubernetes.io/default-backend",
    "nginx.ingress.kubernetes.io/ssl-passthrough",
];

/// Not simulated annotations that act for the whole host, whichever Ingress of the host carries
/// them: `createServers` copies server-snippet onto the server (internal/ingress/controller/controller.go,
/// controller-v1.15.1), and the client-certificate check of the host's `location /` guards the
/// server (auth-tls-*).
pub(crate) const HOST_WIDE: &[&str] = &[
    "nginx.ingress.kubernetes.io/server-snippet",
    "nginx.ingress.kubernetes.io/auth-tls-secret",
    "nginx.ingress.kubernetes.io/auth-tls-verify-client",
    "nginx.ingress.kubernetes.io/auth-tls-match-cn",
];

/// `rewrite.Config` as far as routing needs it.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Rewrite {
    pub target: Option<String>,
    pub use_regex: bool,
    pub ssl_redirect: bool,
    pub force_ssl_redirect: bool,
    pub preserve_trailing_slash: bool,
    /// `app-root`: where the server sends `/` (302), an absolute path (`parseRequestURI`, not a URL).
    pub app_root: Option<String>,
}

/// `canary.Config`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Canary {
    pub enabled: bool,
    pub header: Option<String>,
    pub header_value: Option<String>,
    pub header_pattern: Option<String>,
    pub cookie: Option<String>,
    pub weight: i64,
    /// The total the balancer draws from: [`effective_weight_total`].
    pub weight_total: i64,
    /// A `canary-weight-total` the balancer ignores (below 100), as written.
    pub ignored_weight_total: Option<i64>,
    /// Canary annotations whose value fails ingress-nginx's validator (name, value as written):
    /// the controller logs a warning and uses the default, `""`.
    pub invalid: Vec<(&'static str, String)>,
}

/// What the simulator reads from one Ingress.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Annotations {
    pub rewrite: Rewrite,
    pub canary: Canary,
    /// `redirect.Config` with a URL: every location of the Ingress answers `return <code> <url>;`.
    pub redirect: Option<Redirect>,
    /// `server-alias`: more names for the servers of the Ingress's hosts.
    pub aliases: Vec<String>,
    /// `redirect.Config.FromToWWW`: the hosts of the Ingress's paths get a `www.` twin that redirects.
    pub from_to_www: bool,
    /// `redirect.Config.Relative` (relative-redirects): the locations of the Ingress are written
    /// with `absolute_redirect off;`, so nginx leaves a `Location` starting with `/` as it is.
    pub relative_redirects: bool,
    /// `enable-cors` with its origins: the locations of the Ingress answer preflights.
    pub cors: Option<super::cors::Cors>,
    /// `default-backend`: the Service name (in the Ingress's namespace) that answers for a
    /// location of the Ingress whose Service has no endpoints ([`super::endpoints`]).
    pub default_backend: Option<String>,
    /// `ssl-passthrough`: the hosts of the Ingress's rules pass TLS through ([`super::passthrough`]).
    pub ssl_passthrough: bool,
}

/// Go's `strconv.ParseBool`.
pub(super) fn parse_bool(v: &str) -> Option<bool> {
    match v {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

pub(super) fn get<'a>(ingress: &'a Ingress, name: &str) -> Option<&'a str> {
    ingress
        .meta
        .annotations
        .iter()
        .find(|(k, _)| k.value.strip_prefix(PREFIX) == Some(name))
        .map(|(_, v)| v.value.as_str())
}

fn get_bool(ingress: &Ingress, name: &str, default: bool) -> bool {
    get(ingress, name).and_then(parse_bool).unwrap_or(default)
}

fn get_string(ingress: &Ingress, name: &str) -> Option<String> {
    get(ingress, name).filter(|v| !v.is_empty()).map(str::to_string)
}

fn get_int(ingress: &Ingress, name: &str) -> Option<i64> {
    get(ingress, name).and_then(|v| v.parse::<i64>().ok())
}

/// The total `math.random(weightTotal) <= weight` draws from: the annotation only when it is above
/// 100, else 100, so weight 5 of a total of 10 is a 5 % canary (kubernetes/ingress-nginx
/// `rootfs/etc/nginx/lua/balancer.lua` `route_to_alternative_balancer`, controller-v1.15.1; the Go
/// parser, `internal/ingress/annotations/canary/main.go` `Parse`, passes any integer through).
pub(crate) fn effective_weight_total(written: Option<i64>) -> i64 {
    written.map_or(100, |total| total.max(100))
}

/// `parser.BasicCharsRegex` (`^[/\-\._~a-zA-Z0-9:]*$`, checked with spaces removed), the validator
/// of canary-by-header, -value and canary-by-cookie (`internal/ingress/annotations/parser/validators.go`,
/// controller-v1.15.1; `checkAnnotation` refuses an invalid value and the canary parser uses `""`).
fn basic_chars(value: &str) -> bool {
    value.chars().filter(|&c| c != ' ').all(|c| c.is_ascii_alphanumeric() || "/-._~:".contains(c))
}

/// `parser.IsValidRegex` (the basic characters plus `^$[](){}*+?|&=\`), canary-by-header-pattern's validator.
fn regex_chars(value: &str) -> bool {
    value.chars().all(|c| c.is_ascii_alphanumeric() || "/-._~:^$[](){}*+?|&=\\".contains(c))
}

/// Parses the annotations of one Ingress.
pub(crate) fn parse(ingress: &Ingress) -> Annotations {
    let rewrite = Rewrite {
        target: get_string(ingress, "rewrite-target"),
        use_regex: get_bool(ingress, "use-regex", false),
        // ConfigMap default `ssl-redirect: "true"` (internal/ingress/controller/config/config.go).
        ssl_redirect: get_bool(ingress, "ssl-redirect", true),
        force_ssl_redirect: get_bool(ingress, "force-ssl-redirect", false),
        preserve_trailing_slash: get_bool(ingress, "preserve-trailing-slash", false),
        app_root: get_string(ingress, "app-root").filter(|root| is_app_root(root)),
    };
    let enabled = get_bool(ingress, "canary", false);
    let canary = if enabled {
        let written_total = get_int(ingress, "canary-weight-total");
        let mut invalid = Vec::new();
        let mut checked = |name: &'static str, valid: fn(&str) -> bool| {
            let value = get_string(ingress, name).map(|v| v.trim().to_string()).filter(|v| !v.is_empty())?;
            if valid(&value) {
                return Some(value);
            }
            invalid.push((name, value));
            None
        };
        Canary {
            enabled,
            header: checked("canary-by-header", basic_chars),
            header_value: checked("canary-by-header-value", basic_chars),
            header_pattern: checked("canary-by-header-pattern", regex_chars),
            cookie: checked("canary-by-cookie", basic_chars),
            weight: get_int(ingress, "canary-weight").unwrap_or(0),
            weight_total: effective_weight_total(written_total),
            ignored_weight_total: written_total.filter(|t| *t < 100),
            invalid,
        }
    } else {
        Canary::default()
    };
    // redirect.go Parse fails on a temporal-redirect URL that is not http(s), FromToWWW with it.
    // redirect.go Parse fails (no redirect.Config at all) on a relative-redirects that is not a
    // boolean, and on a temporal-redirect URL that is not http(s).
    let relative = get(ingress, "relative-redirects").map(parse_bool);
    let temporal_fails = get_string(ingress, "temporal-redirect").is_some_and(|url| !is_http_url(&url));
    let redirect_fails = temporal_fails || relative == Some(None);
    let from_to_www = get_bool(ingress, "from-to-www-redirect", false) && !redirect_fails;
    Annotations {
        rewrite,
        canary,
        redirect: redirect(ingress).filter(|_| !redirect_fails),
        relative_redirects: relative == Some(Some(true)) && !redirect_fails,
        aliases: aliases(ingress),
        from_to_www,
        cors: super::cors::parse(ingress),
        default_backend: get_string(ingress, "default-backend").filter(|name| is_dns1035_label(name)),
        ssl_passthrough: get_bool(ingress, "ssl-passthrough", false),
    }
}

/// `parser.ValidateServiceName` (`NameIsDNS1035Label`): what default-backend must be, else the
/// annotation is refused.
fn is_dns1035_label(name: &str) -> bool {
    let bytes = name.as_bytes();
    !bytes.is_empty()
        && bytes.len() <= 63
        && bytes[0].is_ascii_lowercase()
        && bytes.last().is_some_and(|b| b.is_ascii_lowercase() || b.is_ascii_digit())
        && bytes.iter().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || *b == b'-')
}

/// `internal/ingress/annotations/alias/main.go` `Parse` (controller-v1.15.1): the names between
/// commas, trimmed, without empties and duplicates, sorted (lower-cased here: nginx compares
/// server names without case).
fn aliases(ingress: &Ingress) -> Vec<String> {
    let mut names: Vec<String> = get(ingress, "server-alias")
        .unwrap_or_default()
        .split(',')
        .map(|name| name.trim().to_ascii_lowercase())
        .filter(|name| !name.is_empty())
        .collect();
    crate::order::sort_by(&mut names, String::cmp);
    names.dedup();
    names
}

/// `app-root`'s check (`internal/ingress/annotations/rewrite/main.go` `Parse`, controller-v1.15.1):
/// `url.ParseRequestURI` accepts it and it is not absolute (no scheme), so an absolute path;
/// anything else is dropped with a warning.
fn is_app_root(value: &str) -> bool {
    value.starts_with('/') && !value.chars().any(char::is_whitespace)
}

/// `internal/ingress/annotations/redirect/redirect.go` `Parse` (controller-v1.15.1):
/// `temporal-redirect` first, and only it: its URL must have an `http…` scheme (`isValidURL`,
/// else `Parse` fails and the Ingress has no redirect at all), its code `temporal-redirect-code`
/// when within 300–307, else 302. Then `permanent-redirect`, whose URL is not checked, with
/// `permanent-redirect-code` within 300–308, else 301. nginx.tmpl writes `return <code> <url>;`
/// in each location of the Ingress.
fn redirect(ingress: &Ingress) -> Option<Redirect> {
    let code = |name, default: u16, max: u16| {
        let code = get_int(ingress, name).unwrap_or(0);
        if (300..=i64::from(max)).contains(&code) {
            code as u16
        } else {
            default
        }
    };
    if let Some(location) = get_string(ingress, "temporal-redirect") {
        let status = code("temporal-redirect-code", 302, 307);
        return is_http_url(&location).then_some(Redirect { status, location });
    }
    let location = get_string(ingress, "permanent-redirect")?;
    Some(Redirect { status: code("permanent-redirect-code", 301, 308), location })
}

/// `isValidURL`: Go's `url.Parse` succeeds and the scheme starts with `http`.
fn is_http_url(url: &str) -> bool {
    let scheme = url.split_once(':').map(|(s, _)| s.to_ascii_lowercase()).unwrap_or_default();
    scheme.starts_with("http") && !url.chars().any(|c| c.is_whitespace() || c.is_control())
}

/// The `nginx.ingress.kubernetes.io/*` annotations of `ingress` the simulator does not evaluate.
pub(crate) fn ignored(ingress: &Ingress) -> Vec<IgnoredAnnotation> {
    super::super::common::ignored_annotations(ingress, &[PREFIX], SIMULATED)
}

impl Annotations {
    /// What `locationApplyAnnotations` gives each location of the Ingress that routing reads.
    pub fn location(&self) -> (Rewrite, Option<Redirect>) {
        (self.rewrite.clone(), self.redirect.clone())
    }
}

impl Rewrite {
    /// `needsRewrite` (internal/ingress/controller/location.go): a target different from the path.
    pub fn needs_rewrite(&self, path: &str) -> bool {
        self.target.as_deref().is_some_and(|t| t != path)
    }
}
