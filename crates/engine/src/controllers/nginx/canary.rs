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

/// What sends a request to the canary side.
pub(crate) fn selector(c: &Canary) -> String {
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
    let percent = percent_text(c);
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

/// The share of unselected traffic the canary gets, in percent.
pub(crate) fn weight_percent(c: &Canary) -> f64 {
    if c.weight_total <= 0 {
        return 0.0;
    }
    (c.weight.clamp(0, c.weight_total) as f64) * 100.0 / c.weight_total as f64
}

/// The canary's share as text with up to two decimals (`20`, `33.33`), written without float
/// formatting (which would add ~15 KB of formatting code to the browser bundle).
fn percent_text(c: &Canary) -> String {
    if c.weight_total <= 0 {
        return "0".into();
    }
    let hundredths = c.weight.clamp(0, c.weight_total) as i128 * 10_000 / c.weight_total as i128;
    let (whole, fraction) = (hundredths / 100, hundredths % 100);
    match fraction {
        0 => whole.to_string(),
        f if f % 10 == 0 => format!("{whole}.{}", f / 10),
        f => format!("{whole}.{f:02}"),
    }
}

/// Which side of the split one request takes, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Side {
    /// The header, the cookie or a weight of 100 % sends it to the canary.
    Canary(String),
    /// The header, the cookie or a weight of 0 keeps it on the main side.
    Main(String),
    /// The weight decides at random; the decision shows the main side.
    Random(String),
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
                return Side::Canary(format!("header {name}: {value} equals canary-by-header-value"));
            }
        } else if let Some(pattern) = &c.header_pattern {
            match regex_lite::Regex::new(pattern) {
                Ok(re) if re.is_match(&value) => {
                    return Side::Canary(format!("header {name}: {value} matches canary-by-header-pattern /{pattern}/"))
                }
                Ok(_) => {}
                Err(_) => {
                    return Side::Random(format!(
                        "canary-by-header-pattern /{pattern}/ uses regex features the simulator cannot evaluate (nginx answers main if PCRE cannot compile it either)"
                    ))
                }
            }
        } else if value == "always" {
            return Side::Canary(format!("header {name}: always"));
        } else if value == "never" {
            return Side::Main(format!("header {name}: never"));
        }
    }
    if let Some((name, value)) = c.cookie.as_deref().and_then(|k| nginx_cookie(request, k).map(|v| (k, v))) {
        match value {
            "always" => return Side::Canary(format!("cookie {name}=always")),
            "never" => return Side::Main(format!("cookie {name}=never")),
            _ => {}
        }
    }
    let percent = percent_text(c);
    match weight_percent(c) {
        p if p >= 100.0 => Side::Canary(format!("canary-weight {} of {}: every request", c.weight, c.weight_total)),
        p if p <= 0.0 => Side::Main(format!("canary-weight {}: no request", c.weight)),
        _ => Side::Random(format!(
            "Neither header nor cookie decides: {percent}% of requests go to the canary at random"
        )),
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
        selector: "every request the canary side does not take".into(),
        taken: !to_canary,
    };
    let canary_branch = SplitBranch {
        backend: Some(backend.clone()),
        ingress: cx.manifest.ingresses[*ci].id(),
        canary: true,
        weight: Some(percent),
        selector: selector(c),
        taken: to_canary,
    };
    Some(CanarySplit { branches: vec![main_branch, canary_branch], ingress: *ci, attached: alt.canaries.len(), side })
}

#[cfg(test)]
mod percent_tests {
    use super::*;

    #[test]
    fn percent_text_has_at_most_two_decimals() {
        let text = |weight, weight_total| percent_text(&Canary { weight, weight_total, ..Canary::default() });
        assert_eq!(text(20, 100), "20");
        assert_eq!(text(1, 3), "33.33");
        assert_eq!(text(1, 4), "25");
        assert_eq!(text(1, 8), "12.5");
        assert_eq!(text(5, 0), "0");
        assert_eq!(text(500, 100), "100");
    }
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
