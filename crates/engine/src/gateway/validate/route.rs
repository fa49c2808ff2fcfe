//! HTTPRoute, GRPCRoute and TLSRoute: `config/crd/standard/gateway.networking.k8s.io_
//! httproutes.yaml`, `_grpcroutes.yaml`, `_tlsroutes.yaml` (v1.6.1), from
//! `apis/v1/httproute_types.go`, `grpcroute_types.go`, `tlsroute_types.go`.

use super::schema::*;
use super::*;

const PATH_TYPES: &[&str] = &["Exact", "PathPrefix", "RegularExpression"];
const MATCH_TYPES: &[&str] = &["Exact", "RegularExpression"];
const METHODS: &[&str] = &["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH"];
const HTTP_FILTERS: &[&str] = &[
    "RequestHeaderModifier",
    "ResponseHeaderModifier",
    "RequestMirror",
    "RequestRedirect",
    "URLRewrite",
    "ExtensionRef",
    "CORS",
];
const GRPC_FILTERS: &[&str] = &["ResponseHeaderModifier", "RequestHeaderModifier", "RequestMirror", "ExtensionRef"];

/// The total-matches rule on `spec.rules` (httproute_types.go `HTTPRouteSpec.Rules`).
const TOTAL_MATCHES: &str = "While 16 rules and 64 matches per rule are allowed, the total number of matches across all rules in a route must be less than 128";

/// HTTPRouteSpec.
pub(super) fn http(route: &HttpRoute, s: &mut Schema) {
    if route.spec_span == route.span {
        return s.required("spec", route.span);
    }
    parent_refs(&route.parent_refs, route.spec_span, s);
    hostnames(&route.hostnames, route.spec_span, 16, s);
    let rules_span = list_span(&route.rules, |r| r.span, route.spec_span);
    // An absent `rules` is defaulted to one rule; `rules: []` fails minItems.
    if let Some(written) = route.empty_lists.iter().find(|e| e.value == "rules") {
        s.items("spec.rules", 0, written.span, 1, 16);
    }
    s.items("spec.rules", route.rules.len(), rules_span, 0, 16);
    for (i, rule) in route.rules.iter().enumerate() {
        http_rule(&nth("spec.rules", i), rule, s);
    }
    // A rule without matches is defaulted to one match.
    let total: usize = route.rules.iter().map(|r| r.matches.len().max(1)).sum();
    if total > 128 {
        s.cel_array("spec.rules", rules_span, TOTAL_MATCHES);
    }
}

fn http_rule(path: &str, rule: &HttpRouteRule, s: &mut Schema) {
    s.string(&at(path, "name"), &rule.name, SECTION_NAME);
    let matches_span = list_span(&rule.matches, |m| m.span, rule.span);
    s.items(&at(path, "matches"), rule.matches.len(), matches_span, 0, 64);
    for (i, m) in rule.matches.iter().enumerate() {
        http_match(&nth(&at(path, "matches"), i), m, s);
    }
    filters(&at(path, "filters"), &rule.filters, rule.span, false, s);
    let backends_span = list_span(&rule.backend_refs, |b| b.span, rule.span);
    s.items(&at(path, "backendRefs"), rule.backend_refs.len(), backends_span, 0, 16);
    for (i, b) in rule.backend_refs.iter().enumerate() {
        let backend_path = nth(&at(path, "backendRefs"), i);
        backend_ref(&backend_path, b, s);
        filters(&at(&backend_path, "filters"), &b.filters, b.span, false, s);
    }
    if let Some(t) = &rule.timeouts {
        let timeouts = at(path, "timeouts");
        let duration = Str { pattern: Some(&DURATION), ..Str::default() };
        s.string(&at(&timeouts, "request"), &t.request, duration);
        s.string(&at(&timeouts, "backendRequest"), &t.backend_request, duration);
        // HTTPRouteTimeouts XValidation.
        if let (Some(request), Some(backend)) = (
            t.request.as_ref().and_then(|r| duration_ms(&r.value)),
            t.backend_request.as_ref().and_then(|b| duration_ms(&b.value)),
        ) {
            if request != 0 && backend > request {
                s.cel_object(&timeouts, t.span, "backendRequest timeout cannot be longer than request timeout");
            }
        }
    }
    if let Some(retry) = &rule.retry {
        let retry_path = at(path, "retry");
        for (i, code) in retry.codes.iter().enumerate() {
            s.int(&nth(&at(&retry_path, "codes"), i), &Some(code.clone()), Some(400), Some(599));
        }
        s.int(&at(&retry_path, "attempts"), &retry.attempts, Some(0), None);
        s.string(&at(&retry_path, "backoff"), &retry.backoff, Str { pattern: Some(&DURATION), ..Str::default() });
    }
    rule_cel(path, rule, s);
}

/// The CEL rules on an HTTPRouteRule (httproute_types.go, above `HTTPRouteRule`).
fn rule_cel(path: &str, rule: &HttpRouteRule, s: &mut Schema) {
    if !rule.backend_refs.is_empty() && rule.filters.iter().any(|f| f.request_redirect.is_some()) {
        s.cel_object(path, rule.span, "RequestRedirect filter must not be used together with backendRefs");
    }
    // With the defaults applied: no matches is one PathPrefix `/` match, no path is PathPrefix.
    let one_prefix_match = match rule.matches.as_slice() {
        [] => true,
        [only] => only.path.as_ref().is_none_or(|p| p.kind_or_default() == "PathPrefix"),
        _ => false,
    };
    if one_prefix_match {
        return;
    }
    let replaces_prefix = |m: &Option<PathModifier>| {
        m.as_ref().is_some_and(|p| text(&p.kind) == "ReplacePrefixMatch" && p.replace_prefix_match.is_some())
    };
    let redirects = |filters: &[HttpRouteFilter]| {
        filters.iter().filter(|f| f.request_redirect.as_ref().is_some_and(|r| replaces_prefix(&r.path))).count() == 1
    };
    let rewrites = |filters: &[HttpRouteFilter]| {
        filters.iter().filter(|f| f.url_rewrite.as_ref().is_some_and(|r| replaces_prefix(&r.path))).count() == 1
    };
    if redirects(&rule.filters) {
        s.cel_object(path, rule.span, "When using RequestRedirect filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified");
    }
    if rewrites(&rule.filters) {
        s.cel_object(
            path,
            rule.span,
            "When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified",
        );
    }
    if rule.backend_refs.iter().filter(|b| redirects(&b.filters)).count() == 1 {
        s.cel_object(path, rule.span, "Within backendRefs, when using RequestRedirect filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified");
    }
    if rule.backend_refs.iter().filter(|b| rewrites(&b.filters)).count() == 1 {
        s.cel_object(path, rule.span, "Within backendRefs, When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified");
    }
}

fn http_match(path: &str, m: &HttpRouteMatch, s: &mut Schema) {
    if let Some(p) = &m.path {
        path_match(&at(path, "path"), p, s);
    }
    header_matches(&at(path, "headers"), &m.headers, m.span, 4096, s);
    header_matches(&at(path, "queryParams"), &m.query_params, m.span, 1024, s);
    s.string(&at(path, "method"), &m.method, one_of(METHODS));
}

/// HTTPPathMatch: the type enum, the value's length, and the ten CEL rules on the path
/// (httproute_types.go, above `HTTPPathMatch`), with `type` defaulted to PathPrefix and `value`
/// to `/`.
fn path_match(path: &str, p: &PathMatch, s: &mut Schema) {
    s.string(&at(path, "type"), &p.kind, one_of(PATH_TYPES));
    s.string(&at(path, "value"), &p.value, Str { max: Some(1024), ..Str::default() });
    let kind = p.kind_or_default();
    let value = p.value_or_default();
    if !matches!(kind, "Exact" | "PathPrefix") {
        if kind != "RegularExpression" {
            s.cel_object(path, p.span, "type must be one of ['Exact', 'PathPrefix', 'RegularExpression']");
        }
        return;
    }
    let suffix = " when type one of ['Exact', 'PathPrefix']";
    let mut fail = |message: &str| s.cel_object(path, p.span, format!("{message}{suffix}"));
    if !value.starts_with('/') {
        fail("value must be an absolute path and start with '/'");
    }
    for needle in ["//", "/./", "/../", "%2f", "%2F", "#"] {
        if value.contains(needle) {
            fail(&format!("must not contain '{needle}'"));
        }
    }
    for end in ["/..", "/."] {
        if value.ends_with(end) {
            fail(&format!("must not end with '{end}'"));
        }
    }
    if !is_path_characters(value) {
        s.cel_object(
            path,
            p.span,
            "must only contain valid characters (matching ^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$) for types ['Exact', 'PathPrefix']",
        );
    }
}

/// `^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$`.
fn is_path_characters(value: &str) -> bool {
    let bytes = value.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'%' if bytes.get(i + 1..i + 3).is_some_and(|h| h.iter().all(u8::is_ascii_hexdigit)) => i += 3,
            c if c.is_ascii_alphanumeric() || b"-/._~!$&'()*+,;=:@".contains(&c) => i += 1,
            _ => return false,
        }
    }
    !bytes.is_empty()
}

/// `headers` / `queryParams` of a match: at most 16, keyed by name; each a name (required,
/// HTTPHeaderName), a value (required, 1–`max_value`) and a type.
fn header_matches(path: &str, matches: &[HeaderMatch], parent: Span, max_value: usize, s: &mut Schema) {
    s.items(path, matches.len(), list_span(matches, |h| h.span, parent), 0, 16);
    s.unique(path, matches.iter().map(|h| (h.name.as_ref(), h.span)), Some("name"));
    for (i, h) in matches.iter().enumerate() {
        let entry = nth(path, i);
        s.string(&at(&entry, "type"), &h.kind, one_of(MATCH_TYPES));
        s.required_string(&at(&entry, "name"), &h.name, h.span, HEADER_NAME_STR);
        s.required_string(
            &at(&entry, "value"),
            &h.value,
            h.span,
            Str { min: 1, max: Some(max_value), ..Str::default() },
        );
    }
}

/// The filters of a rule or backendRef: at most 16, the CEL rules on the list (each kind at most
/// once, except RequestMirror and ExtensionRef; not RequestRedirect with URLRewrite), and each
/// filter's type ↔ field rules (httproute_types.go `HTTPRouteRule.Filters`, `HTTPRouteFilter`;
/// grpcroute_types.go `GRPCRouteRule.Filters`, `GRPCRouteFilter`).
fn filters(path: &str, filters: &[HttpRouteFilter], parent: Span, grpc: bool, s: &mut Schema) {
    let span = list_span(filters, |f| f.span, parent);
    s.items(path, filters.len(), span, 0, 16);
    for (i, f) in filters.iter().enumerate() {
        filter(&nth(path, i), f, grpc, s);
    }
    let count = |kind: &str| filters.iter().filter(|f| f.kind() == kind).count();
    if !grpc && count("RequestRedirect") > 0 && count("URLRewrite") > 0 {
        s.cel_array(
            path,
            span,
            "May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both",
        );
    }
    let once: &[&str] = if grpc {
        &["RequestHeaderModifier", "ResponseHeaderModifier"]
    } else {
        &["CORS", "RequestHeaderModifier", "ResponseHeaderModifier", "RequestRedirect", "URLRewrite"]
    };
    for kind in once {
        if count(kind) > 1 {
            s.cel_array(path, span, format!("{kind} filter cannot be repeated"));
        }
    }
}

fn filter(path: &str, f: &HttpRouteFilter, grpc: bool, s: &mut Schema) {
    s.required_string(&at(path, "type"), &f.kind, f.span, one_of(if grpc { GRPC_FILTERS } else { HTTP_FILTERS }));
    let kind = f.kind();
    // Type ↔ field: "filter.X must be nil if the filter.type is not T" and "filter.X must be
    // specified for T filter.type".
    let fields: [(&str, &str, bool); 7] = [
        ("cors", "CORS", f.cors.is_some()),
        ("requestHeaderModifier", "RequestHeaderModifier", f.request_header_modifier.is_some()),
        ("responseHeaderModifier", "ResponseHeaderModifier", f.response_header_modifier.is_some()),
        ("requestMirror", "RequestMirror", f.request_mirror.is_some()),
        ("requestRedirect", "RequestRedirect", f.request_redirect.is_some()),
        ("urlRewrite", "URLRewrite", f.url_rewrite.is_some()),
        ("extensionRef", "ExtensionRef", f.extension_ref.is_some()),
    ];
    for (field, filter_type, present) in fields {
        if grpc && !GRPC_FILTERS.contains(&filter_type) {
            continue;
        }
        if present && kind != filter_type {
            s.cel_object(path, f.span, format!("filter.{field} must be nil if the filter.type is not {filter_type}"));
        }
        if !present && kind == filter_type {
            s.cel_object(path, f.span, format!("filter.{field} must be specified for {filter_type} filter.type"));
        }
    }
    if let Some(m) = &f.request_header_modifier {
        header_modifier(&at(path, "requestHeaderModifier"), m, s);
    }
    if let Some(m) = &f.response_header_modifier {
        header_modifier(&at(path, "responseHeaderModifier"), m, s);
    }
    if let Some(m) = &f.request_mirror {
        request_mirror(&at(path, "requestMirror"), m, s);
    }
    if let Some(r) = &f.request_redirect {
        let redirect = at(path, "requestRedirect");
        s.string(&at(&redirect, "scheme"), &r.scheme, one_of(&["http", "https"]));
        s.string(&at(&redirect, "hostname"), &r.hostname, PRECISE_HOSTNAME_STR);
        if let Some(p) = &r.path {
            path_modifier(&at(&redirect, "path"), p, s);
        }
        s.int(&at(&redirect, "port"), &r.port, Some(1), Some(65535));
        s.int_one_of(&at(&redirect, "statusCode"), &r.status_code, &[301, 302, 303, 307, 308]);
    }
    if let Some(r) = &f.url_rewrite {
        let rewrite = at(path, "urlRewrite");
        s.string(&at(&rewrite, "hostname"), &r.hostname, PRECISE_HOSTNAME_STR);
        if let Some(p) = &r.path {
            path_modifier(&at(&rewrite, "path"), p, s);
        }
    }
    if let Some(c) = &f.cors {
        cors(&at(path, "cors"), c, s);
    }
    if let Some(e) = &f.extension_ref {
        object_ref(&at(path, "extensionRef"), e, &["group", "kind", "name"], s);
    }
}

/// HTTPHeaderFilter: `set` and `add` (≤ 16, keyed by name), `remove` (≤ 16, a set).
fn header_modifier(path: &str, m: &HeaderModifier, s: &mut Schema) {
    for (key, headers) in [("set", &m.set), ("add", &m.add)] {
        let list = format!("{path}.{key}");
        s.items(&list, headers.len(), list_span(headers, |h| h.span, m.span), 0, 16);
        s.unique(&list, headers.iter().map(|h| (h.name.as_ref(), h.span)), Some("name"));
        for (i, h) in headers.iter().enumerate() {
            let entry = nth(&list, i);
            s.required_string(&at(&entry, "name"), &h.name, h.span, HEADER_NAME_STR);
            s.required_string(
                &at(&entry, "value"),
                &h.value,
                h.span,
                Str { min: 1, max: Some(4096), ..Str::default() },
            );
        }
    }
    let remove = at(path, "remove");
    s.items(&remove, m.remove.len(), list_span(&m.remove, |r| r.span, m.span), 0, 16);
    s.unique(&remove, m.remove.iter().map(|r| (Some(r), r.span)), None);
}

/// HTTPRequestMirrorFilter: a backendRef (required), percent 0–100 or a fraction, not both.
fn request_mirror(path: &str, m: &RequestMirror, s: &mut Schema) {
    match &m.backend_ref {
        Some(b) => backend_object_ref(&at(path, "backendRef"), b, s),
        None => s.required(&at(path, "backendRef"), m.span),
    }
    s.int(&at(path, "percent"), &m.percent, Some(0), Some(100));
    if let Some(fraction) = &m.fraction {
        let fraction_path = at(path, "fraction");
        match &fraction.numerator {
            Some(_) => s.int(&at(&fraction_path, "numerator"), &fraction.numerator, Some(0), None),
            None => s.required(&at(&fraction_path, "numerator"), fraction.span),
        }
        s.int(&at(&fraction_path, "denominator"), &fraction.denominator, Some(1), None);
        let denominator = fraction.denominator.as_ref().map_or(100, |d| d.value);
        if fraction.numerator.as_ref().is_some_and(|n| n.value > denominator) {
            s.cel_object(&fraction_path, fraction.span, "numerator must be less than or equal to denominator");
        }
    }
    if m.percent.is_some() && m.fraction.is_some() {
        s.cel_object(path, m.span, "Only one of percent or fraction may be specified in HTTPRequestMirrorFilter");
    }
}

/// HTTPPathModifier: type (required), the two values (≤ 1024), and the four CEL rules tying the
/// type to its value.
fn path_modifier(path: &str, p: &PathModifier, s: &mut Schema) {
    s.required_string(&at(path, "type"), &p.kind, p.span, one_of(&["ReplaceFullPath", "ReplacePrefixMatch"]));
    let long = Str { max: Some(1024), ..Str::default() };
    s.string(&at(path, "replaceFullPath"), &p.replace_full_path, long);
    s.string(&at(path, "replacePrefixMatch"), &p.replace_prefix_match, long);
    let kind = text(&p.kind);
    if kind == "ReplaceFullPath" && p.replace_full_path.is_none() {
        s.cel_object(path, p.span, "replaceFullPath must be specified when type is set to 'ReplaceFullPath'");
    }
    if p.replace_full_path.is_some() && kind != "ReplaceFullPath" {
        s.cel_object(path, p.span, "type must be 'ReplaceFullPath' when replaceFullPath is set");
    }
    if kind == "ReplacePrefixMatch" && p.replace_prefix_match.is_none() {
        s.cel_object(path, p.span, "replacePrefixMatch must be specified when type is set to 'ReplacePrefixMatch'");
    }
    if p.replace_prefix_match.is_some() && kind != "ReplacePrefixMatch" {
        s.cel_object(path, p.span, "type must be 'ReplacePrefixMatch' when replacePrefixMatch is set");
    }
}

/// HTTPCORSFilter.
fn cors(path: &str, c: &Cors, s: &mut Schema) {
    // (field, values, maxItems, each value's schema, the CEL rule against '*' with others)
    type List<'c> = (&'static str, &'c [Spanned<String>], usize, Str, &'static str);
    let lists: [List; 4] = [
        (
            "allowOrigins",
            &c.allow_origins,
            64,
            Str { min: 1, max: Some(253), pattern: Some(&CORS_ORIGIN), values: None },
            "AllowOrigins cannot contain '*' alongside other origins",
        ),
        (
            "allowMethods",
            &c.allow_methods,
            9,
            one_of(&["GET", "HEAD", "POST", "PUT", "DELETE", "CONNECT", "OPTIONS", "TRACE", "PATCH", "*"]),
            "AllowMethods cannot contain '*' alongside other methods",
        ),
        (
            "allowHeaders",
            &c.allow_headers,
            64,
            HEADER_NAME_STR,
            "AllowHeaders cannot contain '*' alongside other methods",
        ),
        ("exposeHeaders", &c.expose_headers, 64, HEADER_NAME_STR, ""),
    ];
    for (key, values, max, rule, wildcard_message) in lists {
        let list = format!("{path}.{key}");
        let span = list_span(values, |v| v.span, c.span);
        s.items(&list, values.len(), span, 0, max);
        s.unique(&list, values.iter().map(|v| (Some(v), v.span)), None);
        for (i, v) in values.iter().enumerate() {
            s.check_string(&nth(&list, i), v, rule);
        }
        if !wildcard_message.is_empty() && values.len() > 1 && values.iter().any(|v| v.value == "*") {
            s.cel_array(&list, span, wildcard_message);
        }
    }
    s.int(&at(path, "maxAge"), &c.max_age, Some(1), None);
}

/// A Gateway API Duration (`^([0-9]{1,5}(h|m|s|ms)){1,4}$`) in milliseconds, for the CEL
/// comparison of timeouts; `None` when it does not parse.
fn duration_ms(value: &str) -> Option<u64> {
    if !DURATION.is_match(value) {
        return None;
    }
    let mut total = 0u64;
    let mut number = 0u64;
    let bytes = value.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let c = bytes[i];
        if c.is_ascii_digit() {
            number = number * 10 + u64::from(c - b'0');
            i += 1;
            continue;
        }
        let (unit, width) = match (c, bytes.get(i + 1)) {
            (b'm', Some(b's')) => (1, 2),
            (b'h', _) => (3_600_000, 1),
            (b'm', _) => (60_000, 1),
            (b's', _) => (1_000, 1),
            _ => return None,
        };
        total += number * unit;
        number = 0;
        i += width;
    }
    Some(total)
}

// ---------------------------------------------------------------------------------------------

/// GRPCRouteSpec.
pub(super) fn grpc(route: &GrpcRoute, s: &mut Schema) {
    parent_refs(&route.parent_refs, route.spec_span, s);
    hostnames(&route.hostnames, route.spec_span, 16, s);
    let rules_span = list_span(&route.rules, |r| r.span, route.spec_span);
    s.items("spec.rules", route.rules.len(), rules_span, 0, 16);
    for (i, rule) in route.rules.iter().enumerate() {
        let path = nth("spec.rules", i);
        s.string(&at(&path, "name"), &rule.name, SECTION_NAME);
        s.items(&at(&path, "matches"), rule.matches.len(), list_span(&rule.matches, |m| m.span, rule.span), 0, 64);
        for (j, m) in rule.matches.iter().enumerate() {
            let match_path = nth(&at(&path, "matches"), j);
            if let Some(method) = &m.method {
                grpc_method(&at(&match_path, "method"), method, s);
            }
            header_matches(&at(&match_path, "headers"), &m.headers, m.span, 4096, s);
        }
        filters(&at(&path, "filters"), &rule.filters, rule.span, true, s);
        s.items(
            &at(&path, "backendRefs"),
            rule.backend_refs.len(),
            list_span(&rule.backend_refs, |b| b.span, rule.span),
            0,
            16,
        );
        for (j, b) in rule.backend_refs.iter().enumerate() {
            let backend_path = nth(&at(&path, "backendRefs"), j);
            backend_ref(&backend_path, b, s);
            filters(&at(&backend_path, "filters"), &b.filters, b.span, true, s);
        }
    }
    // GRPCRouteSpec.Rules: matches are not defaulted here (`has(self[i].matches)`).
    let total: usize = route.rules.iter().map(|r| r.matches.len()).sum();
    if total > 128 {
        s.cel_array("spec.rules", rules_span, TOTAL_MATCHES);
    }
}

/// GRPCMethodMatch: type enum, service and method ≤ 1024, and three CEL rules.
fn grpc_method(path: &str, m: &GrpcMethodMatch, s: &mut Schema) {
    s.string(&at(path, "type"), &m.kind, one_of(MATCH_TYPES));
    let long = Str { max: Some(1024), ..Str::default() };
    s.string(&at(path, "service"), &m.service, long);
    s.string(&at(path, "method"), &m.method, long);
    // `type` defaults to Exact, so `has(self.type)` always holds.
    if m.service.is_none() && m.method.is_none() {
        s.cel_object(path, m.span, "One or both of 'service' or 'method' must be specified");
    }
    if text(&m.kind).is_empty() || text(&m.kind) == "Exact" {
        if m.service.as_ref().is_some_and(|v| !is_grpc_service(&v.value)) {
            s.cel_object(path, m.span, "service must only contain valid characters (matching ^(?i)\\.?[a-z_][a-z_0-9]*(\\.[a-z_][a-z_0-9]*)*$)");
        }
        if m.method.as_ref().is_some_and(|v| !is_grpc_identifier(&v.value)) {
            s.cel_object(path, m.span, "method must only contain valid characters (matching ^[A-Za-z_][A-Za-z_0-9]*$)");
        }
    }
}

/// `^[A-Za-z_][A-Za-z_0-9]*$`.
fn is_grpc_identifier(value: &str) -> bool {
    let mut chars = value.chars();
    chars.next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
        && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
}

/// `^(?i)\.?[a-z_][a-z_0-9]*(\.[a-z_][a-z_0-9]*)*$`.
fn is_grpc_service(value: &str) -> bool {
    let value = value.strip_prefix('.').unwrap_or(value);
    value.split('.').all(is_grpc_identifier)
}

// ---------------------------------------------------------------------------------------------

/// TLSRouteSpec: hostnames (required, 1–1024, no IPs, RFC 1123, wildcard only as the first
/// label) and one rule of 1–16 backendRefs.
pub(super) fn tls(route: &TlsRoute, s: &mut Schema) {
    if route.spec_span == route.span {
        return s.required("spec", route.span);
    }
    parent_refs(&route.parent_refs, route.spec_span, s);
    if route.hostnames.is_empty() {
        required_list("spec.hostnames", 0, &route.empty_lists, route.spec_span, 1, s);
    } else {
        hostnames(&route.hostnames, route.spec_span, 1024, s);
        let span = list_span(&route.hostnames, |h| h.span, route.spec_span);
        // TLSRouteSpec.Hostnames XValidation (tlsroute_types.go).
        if route.hostnames.iter().any(|h| is_ip(&h.value)) {
            s.cel_array("spec.hostnames", span, "Hostnames cannot contain an IP");
        }
        if route.hostnames.iter().any(|h| !h.value.contains('*') && !PRECISE_HOSTNAME.is_match(&h.value)) {
            s.cel_array("spec.hostnames", span, "Hostnames must be valid based on RFC-1123");
        }
        let bad_wildcard = |h: &str| !(h.starts_with("*.") && PRECISE_HOSTNAME.is_match(&h[2..]));
        if route.hostnames.iter().any(|h| h.value.contains('*') && bad_wildcard(&h.value)) {
            s.cel_array(
                "spec.hostnames",
                span,
                "Wildcards on hostnames must be the first label, and the rest of hostname must be valid based on RFC-1123",
            );
        }
    }
    if route.rules.is_empty() {
        return required_list("spec.rules", 0, &route.empty_lists, route.spec_span, 1, s);
    }
    s.items("spec.rules", route.rules.len(), list_span(&route.rules, |r| r.span, route.spec_span), 1, 1);
    for (i, rule) in route.rules.iter().enumerate() {
        let path = nth("spec.rules", i);
        s.string(&at(&path, "name"), &rule.name, SECTION_NAME);
        if rule.backend_refs.is_empty() {
            s.required(&at(&path, "backendRefs"), rule.span);
        }
        s.items(
            &at(&path, "backendRefs"),
            rule.backend_refs.len(),
            list_span(&rule.backend_refs, |b| b.span, rule.span),
            0,
            16,
        );
        for (j, b) in rule.backend_refs.iter().enumerate() {
            backend_ref(&nth(&at(&path, "backendRefs"), j), b, s);
        }
    }
}

/// CEL `isIP`: an IPv4 or IPv6 address.
fn is_ip(value: &str) -> bool {
    value.parse::<std::net::IpAddr>().is_ok()
}
