//! Canary Ingresses (`nginx.ingress.kubernetes.io/canary: "true"`), as
//! internal/ingress/controller/controller.go `mergeAlternativeBackends` merges them: a canary
//! creates no location; each of its paths looks for a location of the same host with the same raw
//! path and type, and its upstream becomes an *alternative backend of that location's upstream*
//! (Service + port), so every location proxying to that upstream is split. A canary
//! `defaultBackend` attaches to the catch-all server's upstreams. At request time
//! (`rootfs/etc/nginx/lua/balancer.lua` `route_to_alternative_balancer`) only the first alternative
//! counts; header (`always`/`never`, or the exact `canary-by-header-value`), then cookie
//! (`always`/`never`), then weight decide.

use super::annotations::{Annotations, Canary};
use super::config::{upstream, Server, Target};
use crate::controllers::Context;
use crate::decision::{BackendRef, SplitBranch};

/// An alternative backend attached to a primary upstream.
#[derive(Clone, Debug)]
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
    servers: &[Server],
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
                for loc in &catch_all.locations {
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
                for loc in &server.locations {
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
    parts.push(format!(
        "otherwise {percent}% of requests at random (canary-weight {} of {}{ignored})",
        c.weight, c.weight_total
    ));
    parts.join("; then ")
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

/// The split for a location proxying to `primary` (namespace, backend) of Ingress `main`.
pub(crate) fn split(
    cx: &Context<'_>,
    alternatives: &[Alternative],
    annotations: &[Annotations],
    primary: &(String, BackendRef),
    main: usize,
) -> (Vec<SplitBranch>, Option<usize>, usize) {
    let Some(alt) = alternatives.iter().find(|a| a.primary == *primary) else { return (Vec::new(), None, 0) };
    let Some((ci, backend)) = alt.canaries.first() else { return (Vec::new(), None, 0) };
    let c = &annotations[*ci].canary;
    let percent = weight_percent(c);
    let main_branch = SplitBranch {
        backend: Some(primary.1.clone()),
        ingress: cx.manifest.ingresses[main].id(),
        canary: false,
        weight: Some(100.0 - percent),
        selector: "every request the canary side does not take".into(),
    };
    let canary_branch = SplitBranch {
        backend: Some(backend.clone()),
        ingress: cx.manifest.ingresses[*ci].id(),
        canary: true,
        weight: Some(percent),
        selector: selector(c),
    };
    (vec![main_branch, canary_branch], Some(*ci), alt.canaries.len())
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
