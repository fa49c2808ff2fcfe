//! Canary Ingresses (`nginx.ingress.kubernetes.io/canary: "true"`), as
//! internal/ingress/controller/controller.go `mergeAlternativeBackends` merges them: a canary
//! creates no location; each of its paths looks for a location of the same host with the same raw
//! path and type, and its upstream becomes an *alternative backend of that location's upstream*
//! (Service + port), so every location proxying to that upstream is split. A canary
//! `defaultBackend` attaches to the catch-all server's upstreams. At request time [`side`] decides
//! as `rootfs/etc/nginx/lua/balancer.lua` `route_to_alternative_balancer` does
//! (controller-v1.15.1): only the first alternative counts; then header, cookie, weight.

use super::annotations::{Annotations, Canary};
use super::config::{upstream, Server, Target};
use crate::controllers::Context;
use crate::decision::{BackendRef, SplitBranch};
use crate::request::Request;

/// An alternative backend attached to a primary upstream.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Alternative {
    /// The primary upstream: namespace and backend.
    pub primary: (String, BackendRef),
    /// The canary Ingresses' backends, in merge order.
    pub canaries: Vec<(usize, BackendRef)>,
}

/// `mergeAlternativeBackends` for every canary Ingress (only when a non-canary Ingress exists).
pub(crate) fn merge(
    cx: &Context<'_>,
    order: &[usize],
    annotations: &[Annotations],
    servers: &[std::sync::Arc<Server>],
) -> Vec<Alternative> {
    let mut out: Vec<Alternative> = Vec::new();
    if order.iter().all(|&i| annotations[i].canary.enabled) {
        return out;
    }
    let mut attach = |primary: (String, BackendRef), i: usize, alt: &(String, BackendRef)| {
        if primary == *alt {
            return;
        }
        match out.iter_mut().find(|a| a.primary == primary) {
            Some(a) => {
                if !a.canaries.iter().any(|(_, b)| *b == alt.1) {
                    a.canaries.push((i, alt.1.clone()));
                }
            }
            None => out.push(Alternative { primary, canaries: vec![(i, alt.1.clone())] }),
        }
    };
    for &i in order.iter().filter(|&&i| annotations[i].canary.enabled) {
        let ing = &cx.manifest.ingresses[i];
        if let Some(alt) = upstream(cx, Target::Root { ingress: Some(i) }) {
            if let Some(catch_all) = servers.iter().find(|s| s.host == "_") {
                for loc in catch_all.locations.iter().filter(|l| !l.added_exact) {
                    if let Some(primary) = upstream(cx, loc.target) {
                        attach(primary, i, &alt);
                    }
                }
            }
        }
        for (r, rule) in ing.spec.rules.iter().enumerate() {
            let host = if rule.host().is_empty() { "_" } else { rule.host() };
            let Some(http) = &rule.http else { continue };
            let Some(server) = servers.iter().find(|s| s.host == host) else { continue };
            for (p, path) in http.paths.iter().enumerate() {
                let Some(alt) = upstream(cx, Target::Path { ingress: i, rule: r, path_index: p }) else { continue };
                let pt = match path.path_type() {
                    Some(crate::model::PathType::Exact) => crate::model::PathType::Exact,
                    _ => crate::model::PathType::Prefix,
                };
                // The locations as getBackendServers made them, before updateServerLocations adds
                // its `= /foo` twins.
                for loc in server.locations.iter().filter(|l| !l.added_exact) {
                    if loc.raw != path.path() || loc.path_type != pt {
                        continue;
                    }
                    if let Some(primary) = upstream(cx, loc.target) {
                        attach(primary, i, &alt);
                    }
                }
            }
        }
    }
    out
}

/// The share of unselected traffic the canary gets, in percent.
pub(crate) fn weight_percent(c: &Canary) -> f64 {
    if c.weight_total <= 0 {
        return 0.0;
    }
    (c.weight.clamp(0, c.weight_total) as f64) * 100.0 / c.weight_total as f64
}

/// Which side of the split one request takes, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Side {
    /// The header, the cookie or a weight of 100 % sends it to the canary.
    Canary(Box<Why>),
    /// The header, the cookie or a weight of 0 keeps it on the main side.
    Main(Box<Why>),
    /// The weight decides at random; the decision shows the main side.
    Random(Box<Why>),
}

/// What decided a request's [`Side`] (printed by the `Display` in [`super::prose`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Why {
    /// The header equals canary-by-header-value.
    HeaderEquals { name: String, value: String },
    /// The header matches canary-by-header-pattern.
    HeaderMatches { name: String, value: String, pattern: String },
    /// The simulator cannot compile canary-by-header-pattern.
    PatternUnsupported { pattern: String },
    /// The header says `always` (or `never`).
    Header { name: String, always: bool },
    /// The cookie says `always` (or `never`).
    Cookie { name: String, always: bool },
    /// A weight of 100 % or more.
    EveryRequest { weight: i64, total: i64 },
    /// A weight of 0.
    NoRequest { weight: i64 },
    /// Neither header nor cookie: the weight, at random.
    AtRandom { weight: i64, total: i64 },
}

/// `route_to_alternative_balancer` for one request (balancer.lua, controller-v1.15.1; session
/// affinity is not simulated). The header first: with `canary-by-header-value` an equal value,
/// else with `canary-by-header-pattern` a PCRE match (`ngx.re.match`, unanchored) sends the
/// request to the canary and anything else falls through; without either, `always` and `never`
/// decide and other values fall through. Then the cookie (`always`/`never`), then the weight.
pub(crate) fn side(c: &Canary, request: &Request) -> Side {
    if let Some((name, value)) = c.header.as_deref().and_then(|h| nginx_header(request, h).map(|v| (h, v))) {
        if let Some(wanted) = &c.header_value {
            if value == *wanted {
                return Side::Canary(Box::new(Why::HeaderEquals { name: name.to_string(), value }));
            }
        } else if let Some(pattern) = &c.header_pattern {
            match regex_lite::Regex::new(pattern) {
                Ok(re) if re.is_match(&value) => {
                    return Side::Canary(Box::new(Why::HeaderMatches {
                        name: name.to_string(),
                        value,
                        pattern: pattern.clone(),
                    }))
                }
                Ok(_) => {}
                Err(_) => return Side::Random(Box::new(Why::PatternUnsupported { pattern: pattern.clone() })),
            }
        } else if value == "always" {
            return Side::Canary(Box::new(Why::Header { name: name.to_string(), always: true }));
        } else if value == "never" {
            return Side::Main(Box::new(Why::Header { name: name.to_string(), always: false }));
        }
    }
    if let Some((name, value)) = c.cookie.as_deref().and_then(|k| nginx_cookie(request, k).map(|v| (k, v))) {
        match value {
            "always" => return Side::Canary(Box::new(Why::Cookie { name: name.to_string(), always: true })),
            "never" => return Side::Main(Box::new(Why::Cookie { name: name.to_string(), always: false })),
            _ => {}
        }
    }
    let (weight, total) = (c.weight, c.weight_total);
    match weight_percent(c) {
        p if p >= 100.0 => Side::Canary(Box::new(Why::EveryRequest { weight, total })),
        p if p <= 0.0 => Side::Main(Box::new(Why::NoRequest { weight })),
        _ => Side::Random(Box::new(Why::AtRandom { weight, total })),
    }
}

/// `ngx.var["http_" .. name]` with `-` replaced by `_`: header names compared without case and with
/// `-` and `_` alike; a request header whose own name has `_` is dropped by nginx
/// (`underscores_in_headers off`, ingress-nginx's default). nginx 1.23+ joins repeated lines with `, `.
fn nginx_header(request: &Request, annotation: &str) -> Option<String> {
    let wanted = annotation.replace('-', "_");
    let values: Vec<&str> = request
        .headers
        .iter()
        .filter(|(n, _)| !n.contains('_') && n.replace('-', "_").eq_ignore_ascii_case(&wanted))
        .map(|(_, v)| v.as_str())
        .collect();
    (!values.is_empty()).then(|| values.join(", "))
}

/// `ngx.var["cookie_" .. name]`: the first cookie of that name, compared without case
/// (`ngx_http_parse_multi_header_lines`).
fn nginx_cookie<'r>(request: &'r Request, name: &str) -> Option<&'r str> {
    request.cookies.iter().find(|(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
}

/// The canary split of a location proxying to `primary` (namespace, backend) of Ingress `main`.
pub(crate) struct CanarySplit {
    /// The main side, then the canary side.
    pub branches: Vec<SplitBranch>,
    /// The canary Ingress balancer.lua uses.
    pub ingress: usize,
    /// How many canaries attach to the upstream (only the first is used).
    pub attached: usize,
    /// The side this request takes.
    pub side: Side,
}

impl CanarySplit {
    /// The backend that answers this request: the canary's when the request goes there.
    pub fn answering_backend(&self) -> Option<&BackendRef> {
        self.branches.iter().find(|b| b.taken).and_then(|b| b.backend.as_ref())
    }
}

/// The split for a location proxying to `primary` (namespace, backend) of Ingress `main`, if a
/// canary attaches to that upstream.
pub(crate) fn split(
    cx: &Context<'_>,
    alternatives: &[Alternative],
    annotations: &[Annotations],
    primary: &(String, BackendRef),
    main: usize,
    request: &Request,
) -> Option<CanarySplit> {
    let alt = alternatives.iter().find(|a| a.primary == *primary)?;
    let (ci, backend) = alt.canaries.first()?;
    let c = &annotations[*ci].canary;
    let percent = weight_percent(c);
    let side = side(c, request);
    let to_canary = matches!(side, Side::Canary(_));
    let main_branch = SplitBranch {
        backend: Some(primary.1.clone()),
        ingress: cx.manifest.ingresses[main].id(),
        canary: false,
        weight: Some(100.0 - percent),
        selector: super::prose::MAIN_SIDE.into(),
        taken: !to_canary,
    };
    let canary_branch = SplitBranch {
        backend: Some(backend.clone()),
        ingress: cx.manifest.ingresses[*ci].id(),
        canary: true,
        weight: Some(percent),
        selector: super::prose::selector(c),
        taken: to_canary,
    };
    Some(CanarySplit { branches: vec![main_branch, canary_branch], ingress: *ci, attached: alt.canaries.len(), side })
}

#[cfg(test)]
mod side_tests {
    use super::*;
    use crate::request::RequestFields;

    fn request(headers: &[(&str, &str)], cookies: &[(&str, &str)]) -> Request {
        let pairs = |list: &[(&str, &str)]| list.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect();
        RequestFields {
            host: Some("a.com".into()),
            headers: pairs(headers),
            cookies: pairs(cookies),
            ..RequestFields::default()
        }
        .build()
        .unwrap()
    }

    fn by_header(value: Option<&str>, pattern: Option<&str>) -> Canary {
        Canary {
            enabled: true,
            header: Some("X-Canary".into()),
            header_value: value.map(str::to_string),
            header_pattern: pattern.map(str::to_string),
            cookie: Some("canary".into()),
            weight: 50,
            weight_total: 100,
            ..Canary::default()
        }
    }

    fn goes_to_canary(c: &Canary, r: &Request) -> bool {
        matches!(side(c, r), Side::Canary(_))
    }

    #[test]
    fn repeated_header_lines_are_joined_as_nginx_does() {
        let joined = request(&[("X-Canary", "a"), ("x-canary", "b")], &[]);
        assert!(goes_to_canary(&by_header(Some("a, b"), None), &joined));
        assert!(!goes_to_canary(&by_header(Some("a"), None), &joined));
    }

    #[test]
    fn an_annotation_with_underscores_names_the_dashed_header() {
        let c = Canary { header: Some("X_Canary".into()), ..by_header(None, None) };
        assert!(goes_to_canary(&c, &request(&[("X-Canary", "always")], &[])));
    }

    #[test]
    fn a_pattern_is_searched_unanchored_and_a_miss_falls_through_to_the_cookie() {
        let c = by_header(None, Some("v2"));
        assert!(goes_to_canary(&c, &request(&[("X-Canary", "beta-v2-rc")], &[])));
        assert!(goes_to_canary(&c, &request(&[("X-Canary", "v3")], &[("Canary", "always")])));
        assert!(matches!(side(&c, &request(&[("X-Canary", "v3")], &[])), Side::Random(_)));
    }

    #[test]
    fn a_pattern_the_simulator_cannot_compile_says_so() {
        let c = by_header(None, Some("(?<=a)b"));
        let Side::Random(why) = side(&c, &request(&[("X-Canary", "ab")], &[])) else { panic!("decided") };
        let why = why.to_string();
        assert!(why.contains("cannot evaluate"), "{why}");
    }

    #[test]
    fn weight_zero_and_full_decide_without_header() {
        let none = request(&[], &[]);
        assert!(matches!(side(&Canary { weight: 0, ..by_header(None, None) }, &none), Side::Main(_)));
        assert!(goes_to_canary(&Canary { weight: 100, ..by_header(None, None) }, &none));
    }
}

#[cfg(test)]
mod validation_tests {
    use crate::request::RequestFields;
    use crate::{Explain, Options, Profile, Simulator};

    /// A main Ingress and a canary with `annotations` on host a.com.
    fn decide(annotations: &str, header: (&str, &str)) -> crate::Decision {
        let ingress = |name: &str, extra: &str| {
            format!("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: {name}\n  annotations: {{{extra}}}\nspec:\n  rules:\n  - host: a.com\n    http:\n      paths:\n      - {{path: /, pathType: Prefix, backend: {{service: {{name: {name}, port: {{number: 80}}}}}}}}\n")
        };
        let yaml = format!("{}---\n{}", ingress("main", ""), ingress("canary", annotations));
        let request = RequestFields {
            host: Some("a.com".into()),
            headers: vec![(header.0.into(), header.1.into())],
            ..RequestFields::default()
        };
        Simulator::new(yaml.as_str(), &Options::default()).route(
            &request.build().unwrap(),
            Profile::IngressNginx,
            Explain::Yes,
        )
    }

    /// checkAnnotation refuses a value its validator rejects; the canary parser then uses "": a
    /// value with a comma is no value at all, so `always` selects the canary again.
    #[test]
    fn an_invalid_header_value_is_dropped_and_said() {
        let canary =
            "nginx.ingress.kubernetes.io/canary: \"true\", nginx.ingress.kubernetes.io/canary-by-header: X-Canary";
        let with_value = format!("{canary}, nginx.ingress.kubernetes.io/canary-by-header-value: \"eu,us\"");
        let d = decide(&with_value, ("X-Canary", "always"));
        assert_eq!(d.backend_label(), "canary:80");
        assert!(d.split[1].selector.contains("canary-by-header-value \"eu,us\" is ignored"), "{}", d.split[1].selector);
        let spaced = format!("{canary}, nginx.ingress.kubernetes.io/canary-by-header-value: \" eu west \"");
        assert_eq!(decide(&spaced, ("X-Canary", "eu west")).backend_label(), "canary:80", "trimmed, spaces allowed");
        let pattern = format!("{canary}, nginx.ingress.kubernetes.io/canary-by-header-pattern: \"v<2\"");
        assert_eq!(decide(&pattern, ("X-Canary", "v<2")).backend_label(), "main:80", "the pattern is dropped");
    }
}
