//! `enable-cors`: the preflight nginx answers itself.
//!
//! kubernetes/ingress-nginx at controller-v1.15.1: `internal/ingress/annotations/cors/main.go`
//! (`Parse`) reads the annotations; `rootfs/etc/nginx/template/nginx.tmpl` (`define "CORS"`,
//! included in every location of an Ingress with enable-cors) writes, in the location's rewrite
//! phase (before the location's `return`, its `rewrite`, and the Lua of ssl-redirect and the
//! balancer):
//!
//! ```nginx
//! if ($http_origin ~* ((https://a\.com)|(https://[A-Za-z0-9\-]+\.b\.com))$ ) { set $cors 'true'; }
//! # or, for cors-allow-origin `*` (the default): set $http_origin *; set $cors 'true';
//! if ($request_method = 'OPTIONS') { set $cors ${cors}options; }
//! if ($cors = "trueoptions") { more_set_headers 'Access-Control-Allow-Origin: $http_origin'; …; return 204; }
//! ```
//!
//! So an `OPTIONS` request is answered 204 by nginx when the origin list is `*` (whatever the
//! `Origin` header, even none) or when its `Origin` matches one of the listed origins (the regex
//! `buildCorsOriginRegex` writes in `internal/ingress/controller/template/template.go`:
//! case-insensitive, anchored at the end only). Any other request goes on as usual.

use super::annotations::get;
use crate::model::Ingress;
use crate::request::Request;
use std::sync::OnceLock;

/// `cors.Config` as far as the preflight needs it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Cors {
    /// `CorsAllowOrigin`: `["*"]`, or the origins kept by `Parse` (maybe none: then nginx never
    /// sets `$cors` and answers no preflight).
    pub allow_origin: Vec<String>,
    /// `cors-allow-origin` failed the annotation validator and `Parse` fell back to `*`.
    pub invalid_origin: Option<String>,
}

/// How a preflight request fares at a location with enable-cors.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Preflight {
    /// nginx answers 204 itself; the `Access-Control-Allow-Origin` it sends.
    Answered { allow_origin: String },
    /// The `Origin` sent (maybe none) does not match the list: the request goes on to the backend.
    OriginRefused { origin: Option<String> },
}

/// `Parse`: `None` unless `enable-cors` is true (`strconv.ParseBool`).
pub(crate) fn parse(ingress: &Ingress) -> Option<Cors> {
    if !get(ingress, "enable-cors").and_then(super::annotations::parse_bool).unwrap_or(false) {
        return None;
    }
    let written = get(ingress, "cors-allow-origin").map(str::trim).filter(|v| !v.is_empty());
    let Some(written) = written else {
        // A missing or empty annotation: the default, `*`.
        return Some(Cors { allow_origin: vec!["*".into()], invalid_origin: None });
    };
    if !valid_annotation(written) {
        return Some(Cors { allow_origin: vec!["*".into()], invalid_origin: Some(written.to_string()) });
    }
    let mut allow_origin = Vec::new();
    for origin in written.split(',').map(str::trim).filter(|o| !o.is_empty()) {
        if origin == "*" {
            allow_origin = vec!["*".to_string()];
            break;
        }
        if origin_regex().is_match(origin) {
            allow_origin.push(origin.to_string());
        }
    }
    Some(Cors { allow_origin, invalid_origin: None })
}

/// The annotation's validator, `parser.ValidateRegex(corsOriginRegexValidator, true)`: spaces
/// removed, no CR or LF (`MaliciousRegex`).
fn valid_annotation(value: &str) -> bool {
    static VALIDATOR: OnceLock<regex_lite::Regex> = OnceLock::new();
    let validator = VALIDATOR.get_or_init(|| {
        regex_lite::Regex::new(r"^((((([a-z]+://)?(\*\.)?[A-Za-z0-9\-.]*(:\d+)?,?)|null)+)|\*)?$").expect("valid")
    });
    let compact: String = value.chars().filter(|&c| c != ' ').collect();
    validator.is_match(&compact) && !compact.contains(['\r', '\n'])
}

/// `corsOriginRegex`: each origin `Parse` keeps (others are skipped with an error in the log).
fn origin_regex() -> &'static regex_lite::Regex {
    static ORIGIN: OnceLock<regex_lite::Regex> = OnceLock::new();
    ORIGIN
        .get_or_init(|| regex_lite::Regex::new(r"^([a-z]+://(\*\.)?[A-Za-z0-9\-.]*(:\d+)?|\*|null)?$").expect("valid"))
}

impl Cors {
    /// True for the default `*`: every request sets `$cors` to `true`.
    fn allows_every_origin(&self) -> bool {
        self.allow_origin.len() == 1 && self.allow_origin[0] == "*"
    }

    /// The regex of `buildCorsOriginRegex`, as nginx.conf writes it between `~* (` and `)$`.
    pub fn origin_pattern(&self) -> String {
        self.allow_origin.iter().map(|o| format!("({})", origin_as_regex(o))).collect::<Vec<_>>().join("|")
    }

    /// The `if` nginx.tmpl writes for the origin list (empty when the list is).
    pub fn origin_directive(&self) -> String {
        if self.allows_every_origin() {
            "set $http_origin *; set $cors 'true';".to_string()
        } else if self.allow_origin.is_empty() {
            String::new()
        } else {
            format!("if ($http_origin ~* ({})$ ) {{ set $cors 'true'; }}", self.origin_pattern())
        }
    }

    /// What the location's CORS block does with `request`: `None` unless it is an `OPTIONS`.
    pub fn preflight(&self, request: &Request) -> Option<Preflight> {
        if request.method != "OPTIONS" {
            return None;
        }
        // nginx ≥ 1.23 joins repeated header lines for $http_*.
        let origins: Vec<&str> = request.header_values("origin").collect();
        let origin = (!origins.is_empty()).then(|| origins.join(", "));
        if self.allows_every_origin() {
            return Some(Preflight::Answered { allow_origin: "*".into() });
        }
        let matched = !self.allow_origin.is_empty()
            && origin.as_deref().is_some_and(|o| {
                regex_lite::Regex::new(&format!("(?i)({})$", self.origin_pattern())).is_ok_and(|re| re.is_match(o))
            });
        Some(match (matched, origin) {
            (true, Some(origin)) => Preflight::Answered { allow_origin: origin },
            (_, origin) => Preflight::OriginRefused { origin },
        })
    }
}

/// `buildOriginRegex`: Go's `regexp.QuoteMeta`, then the first `\*` (a `*.` subdomain) becomes
/// `[A-Za-z0-9\-]+`.
fn origin_as_regex(origin: &str) -> String {
    let mut quoted = String::with_capacity(origin.len() + 8);
    for c in origin.chars() {
        if r"\.+*?()|[]{}^$".contains(c) {
            quoted.push('\\');
        }
        quoted.push(c);
    }
    quoted.replacen(r"\*", r"[A-Za-z0-9\-]+", 1)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cors(origin: &str) -> Cors {
        let mut ingress = Ingress::default();
        for (k, v) in [("enable-cors", "true"), ("cors-allow-origin", origin)] {
            ingress.meta.annotations.push((
                crate::model::Spanned::new(format!("nginx.ingress.kubernetes.io/{k}"), Default::default()),
                crate::model::Spanned::new(v.to_string(), Default::default()),
            ));
        }
        parse(&ingress).expect("enabled")
    }

    fn options(origin: Option<&str>) -> Request {
        let mut r = Request::new("a.com", "/");
        r.method = "OPTIONS".into();
        r.headers = origin.map(|o| ("Origin".to_string(), o.to_string())).into_iter().collect();
        r
    }

    #[test]
    fn origins_are_parsed_as_ingress_nginx_does() {
        assert_eq!(cors("https://a.com, https://*.b.com:8443").allow_origin, ["https://a.com", "https://*.b.com:8443"]);
        // A value without a scheme passes the validator but not corsOriginRegex: skipped.
        assert!(cors("a.com").allow_origin.is_empty());
        // Anything the validator refuses falls back to `*`.
        let refused = cors("https://a.com/path");
        assert_eq!((refused.allow_origin, refused.invalid_origin.is_some()), (vec!["*".to_string()], true));
        assert_eq!(cors("https://a.com,*").allow_origin, ["*"]);
    }

    #[test]
    fn the_preflight_is_answered_for_a_matching_origin_only() {
        let c = cors("https://*.b.com");
        assert_eq!(c.origin_pattern(), r"(https://[A-Za-z0-9\-]+\.b\.com)");
        let answered = |o| matches!(c.preflight(&options(o)), Some(Preflight::Answered { .. }));
        assert!(answered(Some("HTTPS://x.B.com")));
        // Anchored at the end only, as nginx.tmpl writes it.
        assert!(answered(Some("evil-https://x.b.com")));
        assert!(!answered(Some("https://x.y.b.com")));
        assert!(!answered(None));
        assert_eq!(c.preflight(&Request::new("a.com", "/")), None);
        // `*` answers every OPTIONS, with or without an Origin.
        assert!(matches!(cors("*").preflight(&options(None)), Some(Preflight::Answered { .. })));
    }
}
