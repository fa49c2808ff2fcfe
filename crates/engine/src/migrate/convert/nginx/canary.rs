//! N5: canary Ingresses → weights and header matches (kubernetes-sigs/ingress2gateway v1.1.0
//! `pkg/i2gw/providers/ingressnginx/canary.go` `canaryFeature`, `getCanaryInfo`,
//! `parseCanaryConfig`, `createHeaderMatchRule`).

use super::annotations::*;
use super::Cx;
use crate::migrate::convert::aggregate::route_name;
use crate::migrate::convert::output::{
    BackendSource, HeaderMatch, HeaderMatchType, HttpRouteMatch, HttpRouteRule, Output,
};
use crate::migrate::NoticeLevel;

/// `canaryConfig`.
#[derive(Default)]
struct Config {
    is_header: bool,
    header: String,
    header_value: String,
    is_weight: bool,
    weight: i64,
    weight_total: i64,
}

/// What `getCanaryInfo` found in one rule's sources.
struct Split {
    canary_weight: i64,
    main_weight: i64,
    config: Config,
    canary: usize,
    main: usize,
}

/// `canaryFeature`: for each rule group (`common.GetRuleGroups`: namespace, class, host), the
/// routes named after its first Ingress and host.
pub(super) fn apply(cx: &mut Cx<'_, '_>, output: &mut Output) {
    for (namespace, name) in rule_group_routes(cx) {
        if let Some(route) = output.http_routes.iter_mut().find(|r| r.namespace == namespace && r.name == name) {
            let mut added: Vec<HttpRouteRule> = Vec::new();
            for rule_index in 0..route.rules.len() {
                let rule = &route.rules[rule_index];
                let Some(split) = canary_info(cx, &rule.sources, "httproute", &route.name, rule_index) else {
                    continue;
                };
                let existing_path = rule.matches.first().and_then(|m| m.path.clone());
                let rule = &mut route.rules[rule_index];
                let config = &split.config;
                // Weights unless the canary is by header only.
                if config.is_weight || !config.is_header {
                    rule.backend_refs[split.canary].weight = Some(split.canary_weight);
                    rule.backend_refs[split.main].weight = Some(split.main_weight);
                }
                if !config.is_header {
                    continue;
                }
                let canary_source = rule.sources[split.canary].clone();
                let main_source = rule.sources[split.main].clone();
                let value = if config.header_value.is_empty() { "always" } else { config.header_value.as_str() };
                let mut canary_backend = rule.backend_refs[split.canary].clone();
                canary_backend.weight = None;
                added.push(header_rule(
                    &config.header,
                    value,
                    existing_path.clone(),
                    canary_backend,
                    vec![canary_source, main_source.clone()],
                ));
                if config.header_value.is_empty() {
                    let mut main_backend = rule.backend_refs[split.main].clone();
                    main_backend.weight = None;
                    added.push(header_rule(&config.header, "never", existing_path, main_backend, vec![main_source]));
                }
                if !config.is_weight {
                    rule.backend_refs.remove(split.canary);
                    rule.sources.remove(split.canary);
                }
            }
            route.rules.extend(added);
        }
        if let Some(route) = output.grpc_routes.iter_mut().find(|r| r.namespace == namespace && r.name == name) {
            for (rule_index, rule) in route.rules.iter_mut().enumerate() {
                let Some(split) = canary_info(cx, &rule.sources, "grpcroute", &route.name, rule_index) else {
                    continue;
                };
                rule.backend_refs[split.canary].weight = Some(split.canary_weight);
                rule.backend_refs[split.main].weight = Some(split.main_weight);
            }
        }
    }
}

/// `common.GetRuleGroups` keyed `namespace/class/host` (every Ingress, whatever its protocol),
/// each named after the first Ingress that adds a rule: the route keys `canaryFeature` looks up.
fn rule_group_routes(cx: &Cx<'_, '_>) -> Vec<(String, String)> {
    let mut groups: Vec<((String, String, String), String)> = Vec::new();
    for ing in &cx.input.ingresses {
        for rule in &ing.ingress.spec.rules {
            let host = rule.host.as_ref().map_or("", |h| h.value.as_str()).to_string();
            let key = (ing.namespace().to_string(), ing.class.clone(), host);
            if !groups.iter().any(|(k, _)| *k == key) {
                groups.push((key, ing.name().to_string()));
            }
        }
    }
    groups.into_iter().map(|((namespace, _, host), name)| (namespace, route_name(&name, &host))).collect()
}

/// `createHeaderMatchRule`: the header (type unset: Exact) with the first match's path.
fn header_rule(
    header: &str,
    value: &str,
    path: Option<crate::migrate::convert::output::PathMatch>,
    backend: crate::migrate::convert::output::BackendRef,
    sources: Vec<BackendSource>,
) -> HttpRouteRule {
    let headers =
        vec![HeaderMatch { kind: HeaderMatchType::Exact, name: header.to_string(), value: value.to_string() }];
    HttpRouteRule {
        matches: vec![HttpRouteMatch { path, headers }],
        filters: Vec::new(),
        backend_refs: vec![backend],
        sources,
        ..Default::default()
    }
}

/// `getCanaryInfo`: one canary (`canary: "true"`, compared as text) and one main backend, else
/// nothing; more than one of either, or a canary alone, is upstream's conversion error.
fn canary_info(cx: &mut Cx<'_, '_>, sources: &[BackendSource], kind: &str, route: &str, rule: usize) -> Option<Split> {
    let mut canary = None;
    let mut main = None;
    let mut config = Config::default();
    let field = format!("{kind}.{route}.spec.rules[{rule}].backendRefs");
    for (index, source) in sources.iter().enumerate() {
        if cx.text(source.ingress, CANARY) == "true" {
            if canary.is_some() {
                rule_error(
                    cx,
                    &field,
                    "multiple canary backends",
                    "at most one canary backend is allowed per rule",
                    source,
                );
                continue;
            }
            config = parse_config(cx, source.ingress);
            canary = Some(index);
        } else {
            if main.is_some() {
                rule_error(
                    cx,
                    &field,
                    "multiple non-canary backends",
                    "at most one non-canary backend is allowed per rule when using canary",
                    source,
                );
                continue;
            }
            main = Some(index);
        }
    }
    let canary = canary?;
    let Some(main) = main else {
        let source = &sources[canary];
        rule_error(
            cx,
            &field,
            "canary backend without non-canary backend",
            "a non-canary backend is required when using canary",
            source,
        );
        return None;
    };
    let canary_weight = config.weight;
    let main_weight = config.weight_total - canary_weight;
    Some(Split { canary_weight, main_weight, config, canary, main })
}

/// A `field.Invalid` upstream returns (its whole conversion fails); here an error notice, and the
/// conversion goes on.
fn rule_error(cx: &mut Cx<'_, '_>, field: &str, value: &str, detail: &str, source: &BackendSource) {
    let message = format!("{field}: Invalid value: {value:?}: {detail}");
    let notice = crate::migrate::Notice::new(NoticeLevel::Error, "canary-invalid-rule", message)
        .about(cx.ingress(source.ingress).object(), Some(source.span));
    cx.notices.push(notice);
}

/// `parseCanaryConfig`: invalid values fall back to the defaults (weight 0, total 100) with an
/// error notice; by-header-pattern and by-cookie are reported, not converted.
fn parse_config(cx: &mut Cx<'_, '_>, i: usize) -> Config {
    let mut config = Config { weight_total: 100, ..Config::default() };
    let id = cx.id(i);
    for key in [CANARY_BY_HEADER_PATTERN, CANARY_BY_COOKIE] {
        if !cx.text(i, key).is_empty() {
            let message = format!("ingress {id} uses unsupported annotation {key}");
            cx.on_ingress(NoticeLevel::Warning, "unsupported-annotation", message, i, key);
        }
    }
    config.header = cx.text(i, CANARY_BY_HEADER).to_string();
    config.is_header = !config.header.is_empty();
    config.header_value = cx.text(i, CANARY_BY_HEADER_VALUE).to_string();

    let weight = cx.text(i, CANARY_WEIGHT);
    if !weight.is_empty() {
        config.is_weight = true;
        match go_parse_int32(weight) {
            Err((_, err)) => {
                let message = format!("Invalid canary-weight annotation {weight:?}, defaulting to 0: {err}");
                cx.on_ingress(NoticeLevel::Error, "canary-invalid", message, i, CANARY_WEIGHT);
                config.is_weight = false;
            }
            Ok(w) if w < 0 => {
                let message = format!("Negative canary-weight {w}, defaulting to 0");
                cx.on_ingress(NoticeLevel::Error, "canary-invalid", message, i, CANARY_WEIGHT);
                config.is_weight = false;
            }
            Ok(w) => config.weight = w,
        }
    }
    let total = cx.text(i, CANARY_WEIGHT_TOTAL);
    if !total.is_empty() {
        // Go's ParseInt returns 0 for bad syntax and the bound for a value out of range, with the
        // error; upstream reports the error and still tests the returned value.
        let wt = match go_parse_int32(total) {
            Ok(wt) => wt,
            Err((wt, err)) => {
                let message = format!("Invalid canary-weight-total annotation {total:?}, defaulting to 100: {err}");
                cx.on_ingress(NoticeLevel::Error, "canary-invalid", message, i, CANARY_WEIGHT_TOTAL);
                wt
            }
        };
        if wt <= 0 {
            let message = format!("Non-positive canary-weight-total {wt}, defaulting to 100");
            cx.on_ingress(NoticeLevel::Error, "canary-invalid", message, i, CANARY_WEIGHT_TOTAL);
        } else {
            config.weight_total = wt;
        }
    }
    if config.weight > config.weight_total {
        let message = format!(
            "Canary-weight ({}) exceeding canary-weight-total ({}), capping weight to {}",
            config.weight, config.weight_total, config.weight_total
        );
        cx.on_ingress(NoticeLevel::Error, "canary-invalid", message, i, CANARY_WEIGHT);
        config.weight = config.weight_total;
    }
    config
}

/// Go's `strconv.ParseInt(v, 10, 32)`: the value, or (what Go returns beside the error, the error's text).
fn go_parse_int32(v: &str) -> Result<i64, (i64, String)> {
    if let Some(n) = parse_int(v, 32) {
        return Ok(n);
    }
    let digits = v.strip_prefix(['+', '-']).unwrap_or(v);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        let bound = if v.starts_with('-') { i64::from(i32::MIN) } else { i64::from(i32::MAX) };
        return Err((bound, format!("strconv.ParseInt: parsing {v:?}: value out of range")));
    }
    Err((0, format!("strconv.ParseInt: parsing {v:?}: invalid syntax")))
}
