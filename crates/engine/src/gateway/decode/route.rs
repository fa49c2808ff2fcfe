//! HTTPRoute, GRPCRoute and TLSRoute: parentRefs, hostnames, rules, matches, filters and
//! backendRefs (`apis/v1/httproute_types.go`, `grpcroute_types.go`, `tlsroute_types.go`,
//! kubernetes-sigs/gateway-api v1.6.1).

use super::super::model::*;
use super::refs::{backend_ref, object_ref, parent_ref, BackendFilters, BACKEND_OBJECT_REF};
use super::{at, experimental, ints, note_empty, nth, object_top, strings};
use crate::decode::fields::{Cx, Fields};
use crate::yaml::Node;

/// The parts every route spec shares (CommonRouteSpec and hostnames), read from `f`.
#[derive(Default)]
struct Common {
    parent_refs: Vec<ParentRef>,
    hostnames: Vec<Spanned<String>>,
}

use crate::model::Spanned;

fn common(f: &mut Fields, cx: &mut Cx) -> Common {
    let parent_refs = f
        .seq(cx, "parentRefs")
        .iter()
        .enumerate()
        .map(|(i, p)| parent_ref(p, &nth("spec.parentRefs", i), cx))
        .collect();
    let hostnames = strings(f, cx, "hostnames");
    if let Some(node) = f.get("useDefaultGateways") {
        experimental(node, "spec.useDefaultGateways", cx);
        cx.string(node, "spec.useDefaultGateways");
    }
    Common { parent_refs, hostnames }
}

const ROUTE_SPEC: &[&str] = &["parentRefs", "hostnames", "rules", "useDefaultGateways"];

/// What every route kind reads alike: `metadata`, and under `spec` the CommonRouteSpec, the
/// hostnames and the rules, each rule read by its kind's own reader.
struct Envelope<R> {
    meta: crate::model::ObjectMeta,
    spec_span: Option<crate::source::Span>,
    common: Common,
    rules: Vec<R>,
    /// The lists of `empty` written empty (`[]`), which validation reports.
    empty_lists: Vec<Spanned<String>>,
}

/// Reads a route's envelope (`None` when the node is not an object); `empty` names the spec lists
/// whose explicit emptiness is kept.
fn envelope<R>(
    node: &Node,
    kind: &str,
    empty: &[&str],
    cx: &mut Cx,
    read_rule: impl Fn(&Node, &str, &mut Cx) -> R,
) -> Option<Envelope<R>> {
    let (top, meta, spec) = object_top(node, kind, true, cx)?;
    let mut envelope =
        Envelope { meta, spec_span: None, common: Common::default(), rules: Vec::new(), empty_lists: Vec::new() };
    if let Some(spec) = spec {
        envelope.spec_span = Some(spec.span);
        if let Some(mut f) = cx.fields(spec, "spec", ROUTE_SPEC) {
            envelope.common = common(&mut f, cx);
            for key in empty {
                note_empty(&mut f, key, &mut envelope.empty_lists);
            }
            for (i, rule) in f.seq(cx, "rules").iter().enumerate() {
                envelope.rules.push(read_rule(rule, &nth("spec.rules", i), cx));
            }
            f.finish(cx);
        }
    }
    top.finish(cx);
    Some(envelope)
}

pub(super) fn http_route(node: &Node, cx: &mut Cx) -> HttpRoute {
    let route = HttpRoute { span: node.span, spec_span: node.span, ..Default::default() };
    let Some(e) = envelope(node, "HTTPRoute", &["rules"], cx, http_rule) else { return route };
    let Common { parent_refs, hostnames } = e.common;
    let spec_span = e.spec_span.unwrap_or(node.span);
    HttpRoute { meta: e.meta, spec_span, parent_refs, hostnames, rules: e.rules, empty_lists: e.empty_lists, ..route }
}

fn http_rule(node: &Node, path: &str, cx: &mut Cx) -> HttpRouteRule {
    let mut rule = HttpRouteRule { span: node.span, ..Default::default() };
    const KNOWN: &[&str] = &["name", "matches", "filters", "backendRefs", "timeouts", "retry", "sessionPersistence"];
    let Some(mut f) = cx.fields(node, path, KNOWN) else { return rule };
    rule.name = f.string(cx, "name");
    for (i, m) in f.seq(cx, "matches").iter().enumerate() {
        rule.matches.push(http_match(m, &nth(&at(path, "matches"), i), cx));
    }
    for (i, filter_node) in f.seq(cx, "filters").iter().enumerate() {
        rule.filters.push(filter(filter_node, &nth(&at(path, "filters"), i), false, cx));
    }
    for (i, b) in f.seq(cx, "backendRefs").iter().enumerate() {
        rule.backend_refs.push(backend_ref(b, &nth(&at(path, "backendRefs"), i), BackendFilters::Http, cx));
    }
    if let Some(t) = f.get("timeouts") {
        let tpath = at(path, "timeouts");
        let mut timeouts = Timeouts { span: t.span, ..Default::default() };
        if let Some(mut tf) = cx.fields(t, &tpath, &["request", "backendRequest"]) {
            timeouts.request = tf.string(cx, "request");
            timeouts.backend_request = tf.string(cx, "backendRequest");
            tf.finish(cx);
        }
        rule.timeouts = Some(timeouts);
    }
    if let Some(r) = f.get("retry") {
        let rpath = at(path, "retry");
        experimental(r, &rpath, cx);
        let mut retry = Retry { span: r.span, ..Default::default() };
        if let Some(mut rf) = cx.fields(r, &rpath, &["codes", "attempts", "backoff"]) {
            retry.codes = ints(&mut rf, cx, "codes");
            retry.attempts = rf.int(cx, "attempts");
            retry.backoff = rf.string(cx, "backoff");
            rf.finish(cx);
        }
        rule.retry = Some(retry);
    }
    if let Some(s) = f.get("sessionPersistence") {
        rule.session_persistence = Some(session_persistence(s, &at(path, "sessionPersistence"), cx));
    }
    f.finish(cx);
    rule
}

fn session_persistence(node: &Node, path: &str, cx: &mut Cx) -> SessionPersistence {
    experimental(node, path, cx);
    let mut value = SessionPersistence { span: node.span, ..Default::default() };
    const KNOWN: &[&str] = &["sessionName", "absoluteTimeout", "type", "cookieConfig"];
    if let Some(mut f) = cx.fields(node, path, KNOWN) {
        value.session_name = f.string(cx, "sessionName");
        value.absolute_timeout = f.string(cx, "absoluteTimeout");
        value.kind = f.string(cx, "type");
        if let Some(c) = f.get("cookieConfig") {
            value.cookie_config_span = Some(c.span);
            if let Some(mut cf) = cx.fields(c, &at(path, "cookieConfig"), &["lifetimeType"]) {
                value.cookie_lifetime_type = cf.string(cx, "lifetimeType");
                cf.finish(cx);
            }
        }
        f.finish(cx);
    }
    value
}

fn http_match(node: &Node, path: &str, cx: &mut Cx) -> HttpRouteMatch {
    let mut value = HttpRouteMatch { span: node.span, ..Default::default() };
    let Some(mut f) = cx.fields(node, path, &["path", "headers", "queryParams", "method"]) else { return value };
    if let Some(p) = f.get("path") {
        let mut path_match = PathMatch { span: p.span, ..Default::default() };
        if let Some(mut pf) = cx.fields(p, &at(path, "path"), &["type", "value"]) {
            path_match.kind = pf.string(cx, "type");
            path_match.value = pf.string(cx, "value");
            pf.finish(cx);
        }
        value.path = Some(path_match);
    }
    value.headers = header_matches(&mut f, path, "headers", cx);
    value.query_params = header_matches(&mut f, path, "queryParams", cx);
    value.method = f.string(cx, "method");
    f.finish(cx);
    value
}

/// `headers` / `queryParams` of a match: type, name, value.
fn header_matches(f: &mut Fields, path: &str, key: &str, cx: &mut Cx) -> Vec<HeaderMatch> {
    let mut out = Vec::new();
    for (i, h) in f.seq(cx, key).iter().enumerate() {
        let entry_path = format!("{path}.{key}[{i}]");
        let mut entry = HeaderMatch { span: h.span, ..Default::default() };
        if let Some(mut hf) = cx.fields(h, &entry_path, &["type", "name", "value"]) {
            entry.kind = hf.string(cx, "type");
            entry.name = hf.string(cx, "name");
            entry.value = hf.string(cx, "value");
            hf.finish(cx);
        }
        out.push(entry);
    }
    out
}

/// A filter of a rule or backendRef; a GRPCRoute filter knows fewer fields.
pub(super) fn filter(node: &Node, path: &str, grpc: bool, cx: &mut Cx) -> HttpRouteFilter {
    let mut value = HttpRouteFilter { span: node.span, ..Default::default() };
    const HTTP: &[&str] = &[
        "type",
        "requestHeaderModifier",
        "responseHeaderModifier",
        "requestMirror",
        "requestRedirect",
        "urlRewrite",
        "cors",
        "externalAuth",
        "extensionRef",
    ];
    const GRPC: &[&str] = &["type", "requestHeaderModifier", "responseHeaderModifier", "requestMirror", "extensionRef"];
    let Some(mut f) = cx.fields(node, path, if grpc { GRPC } else { HTTP }) else { return value };
    value.kind = f.string(cx, "type");
    if let Some(m) = f.get("requestHeaderModifier") {
        value.request_header_modifier = Some(header_modifier(m, &at(path, "requestHeaderModifier"), cx));
    }
    if let Some(m) = f.get("responseHeaderModifier") {
        value.response_header_modifier = Some(header_modifier(m, &at(path, "responseHeaderModifier"), cx));
    }
    if let Some(m) = f.get("requestMirror") {
        value.request_mirror = Some(request_mirror(m, &at(path, "requestMirror"), cx));
    }
    if let Some(e) = f.get("extensionRef") {
        value.extension_ref = object_ref(e, &at(path, "extensionRef"), &["group", "kind", "name"], cx);
    }
    if !grpc {
        if let Some(r) = f.get("requestRedirect") {
            value.request_redirect = Some(request_redirect(r, &at(path, "requestRedirect"), cx));
        }
        if let Some(r) = f.get("urlRewrite") {
            let rpath = at(path, "urlRewrite");
            let mut rewrite = UrlRewrite { span: r.span, ..Default::default() };
            if let Some(mut rf) = cx.fields(r, &rpath, &["hostname", "path"]) {
                rewrite.hostname = rf.string(cx, "hostname");
                if let Some(p) = rf.get("path") {
                    rewrite.path = Some(path_modifier(p, &at(&rpath, "path"), cx));
                }
                rf.finish(cx);
            }
            value.url_rewrite = Some(rewrite);
        }
        if let Some(c) = f.get("cors") {
            value.cors = Some(cors(c, &at(path, "cors"), cx));
        }
        if let Some(a) = f.get("externalAuth") {
            external_auth(a, &at(path, "externalAuth"), cx);
            value.external_auth = Some(a.span);
        }
    }
    f.finish(cx);
    value
}

fn header_modifier(node: &Node, path: &str, cx: &mut Cx) -> HeaderModifier {
    let mut value = HeaderModifier { span: node.span, ..Default::default() };
    let Some(mut f) = cx.fields(node, path, &["set", "add", "remove"]) else { return value };
    for key in ["set", "add"] {
        let mut headers = Vec::new();
        for (i, h) in f.seq(cx, key).iter().enumerate() {
            let mut header = HttpHeader { span: h.span, ..Default::default() };
            if let Some(mut hf) = cx.fields(h, &format!("{path}.{key}[{i}]"), &["name", "value"]) {
                header.name = hf.string(cx, "name");
                header.value = hf.string(cx, "value");
                hf.finish(cx);
            }
            headers.push(header);
        }
        if key == "set" {
            value.set = headers;
        } else {
            value.add = headers;
        }
    }
    value.remove = strings(&mut f, cx, "remove");
    f.finish(cx);
    value
}

fn request_mirror(node: &Node, path: &str, cx: &mut Cx) -> RequestMirror {
    let mut value = RequestMirror { span: node.span, ..Default::default() };
    let Some(mut f) = cx.fields(node, path, &["backendRef", "percent", "fraction"]) else { return value };
    if let Some(b) = f.get("backendRef") {
        value.backend_ref = object_ref(b, &at(path, "backendRef"), BACKEND_OBJECT_REF, cx);
    }
    value.percent = f.int(cx, "percent");
    if let Some(fr) = f.get("fraction") {
        let mut fraction = Fraction { span: fr.span, ..Default::default() };
        if let Some(mut ff) = cx.fields(fr, &at(path, "fraction"), &["numerator", "denominator"]) {
            fraction.numerator = ff.int(cx, "numerator");
            fraction.denominator = ff.int(cx, "denominator");
            ff.finish(cx);
        }
        value.fraction = Some(fraction);
    }
    f.finish(cx);
    value
}

fn request_redirect(node: &Node, path: &str, cx: &mut Cx) -> RequestRedirect {
    let mut value = RequestRedirect { span: node.span, ..Default::default() };
    const KNOWN: &[&str] = &["scheme", "hostname", "path", "port", "statusCode"];
    let Some(mut f) = cx.fields(node, path, KNOWN) else { return value };
    value.scheme = f.string(cx, "scheme");
    value.hostname = f.string(cx, "hostname");
    if let Some(p) = f.get("path") {
        value.path = Some(path_modifier(p, &at(path, "path"), cx));
    }
    value.port = f.int(cx, "port");
    value.status_code = f.int(cx, "statusCode");
    f.finish(cx);
    value
}

fn path_modifier(node: &Node, path: &str, cx: &mut Cx) -> PathModifier {
    let mut value = PathModifier { span: node.span, ..Default::default() };
    let Some(mut f) = cx.fields(node, path, &["type", "replaceFullPath", "replacePrefixMatch"]) else {
        return value;
    };
    value.kind = f.string(cx, "type");
    value.replace_full_path = f.string(cx, "replaceFullPath");
    value.replace_prefix_match = f.string(cx, "replacePrefixMatch");
    f.finish(cx);
    value
}

fn cors(node: &Node, path: &str, cx: &mut Cx) -> Cors {
    let mut value = Cors { span: node.span, ..Default::default() };
    const KNOWN: &[&str] =
        &["allowOrigins", "allowCredentials", "allowMethods", "allowHeaders", "exposeHeaders", "maxAge"];
    let Some(mut f) = cx.fields(node, path, KNOWN) else { return value };
    value.allow_origins = strings(&mut f, cx, "allowOrigins");
    value.allow_credentials = f.boolean(cx, "allowCredentials");
    value.allow_methods = strings(&mut f, cx, "allowMethods");
    value.allow_headers = strings(&mut f, cx, "allowHeaders");
    value.expose_headers = strings(&mut f, cx, "exposeHeaders");
    value.max_age = f.int(cx, "maxAge");
    f.finish(cx);
    value
}

/// `externalAuth` (experimental channel): checked for its fields, not routed.
fn external_auth(node: &Node, path: &str, cx: &mut Cx) {
    experimental(node, path, cx);
    const KNOWN: &[&str] = &["protocol", "backendRef", "grpc", "http", "forwardBody"];
    let Some(mut f) = cx.fields(node, path, KNOWN) else { return };
    f.string(cx, "protocol");
    if let Some(b) = f.get("backendRef") {
        object_ref(b, &at(path, "backendRef"), BACKEND_OBJECT_REF, cx);
    }
    if let Some(g) = f.get("grpc") {
        if let Some(mut gf) = cx.fields(g, &at(path, "grpc"), &["allowedHeaders"]) {
            strings(&mut gf, cx, "allowedHeaders");
            gf.finish(cx);
        }
    }
    if let Some(h) = f.get("http") {
        if let Some(mut hf) = cx.fields(h, &at(path, "http"), &["path", "allowedHeaders", "allowedResponseHeaders"]) {
            hf.string(cx, "path");
            strings(&mut hf, cx, "allowedHeaders");
            strings(&mut hf, cx, "allowedResponseHeaders");
            hf.finish(cx);
        }
    }
    if let Some(b) = f.get("forwardBody") {
        if let Some(mut bf) = cx.fields(b, &at(path, "forwardBody"), &["maxSize"]) {
            bf.int(cx, "maxSize");
            bf.finish(cx);
        }
    }
    f.finish(cx);
}

pub(super) fn grpc_route(node: &Node, cx: &mut Cx) -> GrpcRoute {
    let route = GrpcRoute { span: node.span, spec_span: node.span, ..Default::default() };
    let Some(e) = envelope(node, "GRPCRoute", &[], cx, grpc_rule) else { return route };
    let Common { parent_refs, hostnames } = e.common;
    let spec_span = e.spec_span.unwrap_or(node.span);
    GrpcRoute { meta: e.meta, spec_span, parent_refs, hostnames, rules: e.rules, ..route }
}

fn grpc_rule(node: &Node, path: &str, cx: &mut Cx) -> GrpcRouteRule {
    let mut rule = GrpcRouteRule { span: node.span, ..Default::default() };
    const KNOWN: &[&str] = &["name", "matches", "filters", "backendRefs", "sessionPersistence"];
    let Some(mut f) = cx.fields(node, path, KNOWN) else { return rule };
    rule.name = f.string(cx, "name");
    for (i, m) in f.seq(cx, "matches").iter().enumerate() {
        let mpath = nth(&at(path, "matches"), i);
        let mut value = GrpcRouteMatch { span: m.span, ..Default::default() };
        if let Some(mut mf) = cx.fields(m, &mpath, &["method", "headers"]) {
            if let Some(method) = mf.get("method") {
                let mut method_match = GrpcMethodMatch { span: method.span, ..Default::default() };
                if let Some(mut tf) = cx.fields(method, &at(&mpath, "method"), &["type", "service", "method"]) {
                    method_match.kind = tf.string(cx, "type");
                    method_match.service = tf.string(cx, "service");
                    method_match.method = tf.string(cx, "method");
                    tf.finish(cx);
                }
                value.method = Some(method_match);
            }
            value.headers = header_matches(&mut mf, &mpath, "headers", cx);
            mf.finish(cx);
        }
        rule.matches.push(value);
    }
    for (i, filter_node) in f.seq(cx, "filters").iter().enumerate() {
        rule.filters.push(filter(filter_node, &nth(&at(path, "filters"), i), true, cx));
    }
    for (i, b) in f.seq(cx, "backendRefs").iter().enumerate() {
        rule.backend_refs.push(backend_ref(b, &nth(&at(path, "backendRefs"), i), BackendFilters::Grpc, cx));
    }
    if let Some(s) = f.get("sessionPersistence") {
        rule.session_persistence = Some(session_persistence(s, &at(path, "sessionPersistence"), cx));
    }
    f.finish(cx);
    rule
}

pub(super) fn tls_route(node: &Node, cx: &mut Cx) -> TlsRoute {
    let route = TlsRoute { span: node.span, spec_span: node.span, ..Default::default() };
    let Some(e) = envelope(node, "TLSRoute", &["hostnames", "rules"], cx, tls_rule) else { return route };
    let Common { parent_refs, hostnames } = e.common;
    let spec_span = e.spec_span.unwrap_or(node.span);
    TlsRoute { meta: e.meta, spec_span, parent_refs, hostnames, rules: e.rules, empty_lists: e.empty_lists, ..route }
}

fn tls_rule(node: &Node, path: &str, cx: &mut Cx) -> TlsRouteRule {
    let mut rule = TlsRouteRule { span: node.span, ..Default::default() };
    if let Some(mut rf) = cx.fields(node, path, &["name", "backendRefs"]) {
        rule.name = rf.string(cx, "name");
        for (j, b) in rf.seq(cx, "backendRefs").iter().enumerate() {
            let bpath = nth(&at(path, "backendRefs"), j);
            rule.backend_refs.push(backend_ref(b, &bpath, BackendFilters::None, cx));
        }
        rf.finish(cx);
    }
    rule
}
