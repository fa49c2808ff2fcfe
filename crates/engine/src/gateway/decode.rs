//! YAML nodes → [`crate::gateway::model`]: GatewayClass, Gateway, HTTPRoute, GRPCRoute, TLSRoute,
//! ReferenceGrant (`gateway.networking.k8s.io`) and core Namespaces, with every wrong type,
//! duplicate key and unknown field reported at its field path (and a "did you mean"), as
//! [`crate::decode`] does for Ingress.
//!
//! The fields known at each place are those of the CRDs' `v1` schemas at kubernetes-sigs/
//! gateway-api v1.6.1 (`config/crd/standard/gateway.networking.k8s.io_*.yaml`); the few fields
//! only the experimental channel serves (`retry`, `sessionPersistence`, `externalAuth`,
//! `useDefaultGateways`, `defaultScope`) are read with a notice, since a cluster with the
//! standard CRDs rejects them as unknown fields. Versions: see [`versions`].

mod refs;
mod route;
mod versions;

use std::sync::Arc;

use super::model::*;
use crate::decode::fields::{Cx, Fields};
use crate::decode::{decode_meta, OBJECT_FIELDS};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::{Manifest, Spanned};
use crate::yaml::Node;

pub(crate) use refs::{label_selector, object_ref};

/// The Gateway API kinds this module reads.
const KINDS: &[&str] = &["GatewayClass", "Gateway", "HTTPRoute", "GRPCRoute", "TLSRoute", "ReferenceGrant"];

/// The other kinds the v1.6.1 CRDs serve in the group (standard and experimental channels): read
/// by no routing here, skipped with a notice.
const OTHER_KINDS: &[&str] =
    &["TCPRoute", "UDPRoute", "BackendTLSPolicy", "ListenerSet", "XBackendTrafficPolicy", "XMesh", "XListenerSet"];

/// True for the objects this module answers for: every kind of the Gateway API group (read,
/// skipped with a notice, or a kind that does not exist there), core Namespaces, and a Gateway API
/// kind written with a mistyped group (`networking.k8s.io/v1` HTTPRoute). Istio's
/// `networking.istio.io` Gateway and other groups' kinds are not claimed.
pub(crate) fn claims(kind: &str, group: &str) -> bool {
    group == GROUP || (kind == "Namespace" && group.is_empty()) || (KINDS.contains(&kind) && is_group_typo(group))
}

/// A group that is Gateway API's mistyped (or Ingress's, which people write by habit).
fn is_group_typo(group: &str) -> bool {
    group == "networking.k8s.io"
        || group.starts_with("gateway.")
        || crate::decode::suggest::nearest(group, &[GROUP]).is_some()
}

/// Decodes one object [`claims`] accepts into `manifest.gateway`. `prefix` is the field path of
/// the object inside a list (`items[2].`).
pub(crate) fn decode_object(node: &Node, kind: &str, api_version: &str, prefix: &str, manifest: &mut Manifest) {
    let group = api_version.rsplit_once('/').map_or("", |(g, _)| g);
    if group == GROUP && !KINDS.contains(&kind) {
        return not_read(node, kind, api_version, prefix, manifest);
    }
    // Named as `object_top` names it once metadata is read, so that the version's error below
    // belongs to the object too.
    let text_at = |keys: &[&str]| crate::decode::node_at(node, keys).and_then(crate::decode::scalar_text);
    let name = text_at(&["metadata", "name"]).unwrap_or("");
    let object = match kind {
        "GatewayClass" | "Namespace" => format!("{kind} {name}"),
        _ => format!(
            "{kind} {}/{name}",
            text_at(&["metadata", "namespace"]).filter(|n| !n.is_empty()).unwrap_or("default")
        ),
    };
    let mut cx = Cx::new(object, prefix, &mut manifest.diagnostics);
    if kind != "Namespace" && group != GROUP {
        // The API server answers `no matches for kind "HTTPRoute" in version "networking.k8s.io/v1"`.
        let version = api_version.rsplit_once('/').map_or("v1", |(_, v)| v);
        let span = crate::decode::node_at(node, &["apiVersion"]).map_or(node.span, |n| n.span);
        cx.error_at(
            span,
            "apiVersion",
            crate::diagnostic::ErrorType::Invalid,
            format!("{api_version:?}: {kind} is a Gateway API kind, in group {GROUP} (did you mean \"{GROUP}/{version}\"?); read as {GROUP}/v1"),
        );
    } else if kind != "Namespace" {
        versions::check(kind, api_version, node, &mut cx);
    }
    let objects = &mut manifest.gateway;
    let api_version = api_version.to_string();
    match kind {
        "GatewayClass" => objects.classes.push(GatewayClass { api_version, ..gateway_class(node, &mut cx) }),
        "Gateway" => objects.gateways.push(Gateway { api_version, ..gateway(node, &mut cx) }),
        "HTTPRoute" => {
            objects.http_routes.push(Arc::new(HttpRoute { api_version, ..route::http_route(node, &mut cx) }))
        }
        "GRPCRoute" => {
            objects.grpc_routes.push(Arc::new(GrpcRoute { api_version, ..route::grpc_route(node, &mut cx) }))
        }
        "TLSRoute" => objects.tls_routes.push(Arc::new(TlsRoute { api_version, ..route::tls_route(node, &mut cx) })),
        "ReferenceGrant" => {
            objects.reference_grants.push(ReferenceGrant { api_version, ..reference_grant(node, &mut cx) })
        }
        _ => objects.namespaces.push(namespace(node, &mut cx)),
    }
}

/// An object of the Gateway API group this module does not read: another kind the CRDs serve
/// (a notice), or a kind the group does not have (an error, with the kind it probably is).
fn not_read(node: &Node, kind: &str, api_version: &str, prefix: &str, manifest: &mut Manifest) {
    let name = crate::decode::node_at(node, &["metadata", "name"]).and_then(crate::decode::scalar_text).unwrap_or("");
    let what = if name.is_empty() { kind.to_string() } else { format!("{kind} {name}") };
    if OTHER_KINDS.contains(&kind) {
        let message = format!(
            "skipped {what} ({api_version}): of Gateway API, only {} objects take part in routing",
            KINDS.join(", ")
        );
        manifest.diagnostics.push(Diagnostic::new(Severity::Notice, Code::Document, message).at(node.span));
        return;
    }
    let known: Vec<&str> = KINDS.iter().chain(OTHER_KINDS).copied().collect();
    let hint =
        crate::decode::suggest::nearest(kind, &known).map(|k| format!(" (did you mean {k:?}?)")).unwrap_or_default();
    let span = crate::decode::node_at(node, &["kind"]).map_or(node.span, |n| n.span);
    let mut cx = Cx::new(what, prefix, &mut manifest.diagnostics);
    cx.error_at(
        span,
        "kind",
        crate::diagnostic::ErrorType::NotSupported,
        format!("{kind:?}: no such kind in {GROUP}{hint}; the API server answers: no matches for kind {kind:?} in version {api_version:?}"),
    );
}

/// The top-level fields of an object: `metadata` read, the object renamed `Kind namespace/name`
/// (or `Kind name` when cluster-scoped), and the `spec` node.
pub(super) fn object_top<'n>(
    node: &'n Node,
    kind: &str,
    namespaced: bool,
    cx: &mut Cx,
) -> Option<(Fields<'n>, crate::model::ObjectMeta, Option<&'n Node>)> {
    let mut top = cx.fields(node, "", OBJECT_FIELDS)?;
    let meta = decode_meta(top.get("metadata"), cx);
    if namespaced {
        cx.set_object(format!("{kind} {}/{}", meta.namespace(), meta.name()));
    } else {
        cx.set_object(format!("{kind} {}", meta.name()));
    }
    // `status` is what a controller wrote; routing does not read it, so its fields go unchecked.
    let spec = top.get("spec");
    Some((top, meta, spec))
}

/// The field path `path.key` (one function instead of a `format!` at every field: the JS API
/// package pays for each call site).
pub(crate) fn at(path: &str, key: &str) -> String {
    let mut out = String::with_capacity(path.len() + 1 + key.len());
    out.push_str(path);
    if !path.is_empty() {
        out.push('.');
    }
    out.push_str(key);
    out
}

/// The field path of item `i` of the list at `path`: `path[i]`.
pub(crate) fn nth(path: &str, i: usize) -> String {
    format!("{path}[{i}]")
}

/// A field only the experimental channel's CRDs serve: read, with a notice saying so.
pub(super) fn experimental(node: &Node, path: &str, cx: &mut Cx) {
    let field = format!("{}{path}", cx.prefix());
    let mut d = Diagnostic::new(
        Severity::Notice,
        Code::Decode,
        format!(
            "{field}: served only by the experimental channel's CRDs of Gateway API v1.6.1; with the standard CRDs the API server rejects it as an unknown field"
        ),
    )
    .at(node.span);
    d.field = Some(field);
    cx.push(d);
}

/// Notes `key` when it is written as an empty list (the schema's `minItems` then applies, where
/// an absent list is defaulted or `Required`).
pub(super) fn note_empty(f: &mut Fields, key: &str, out: &mut Vec<Spanned<String>>) {
    if let Some(node @ Node { value: crate::yaml::Value::Seq(items), .. }) = f.get(key) {
        if items.is_empty() {
            out.push(Spanned::new(key.to_string(), node.span));
        }
    }
}

/// A sequence of strings.
pub(super) fn strings(f: &mut Fields, cx: &mut Cx, key: &str) -> Vec<Spanned<String>> {
    let path = f.path_of(key);
    f.seq(cx, key).iter().enumerate().filter_map(|(i, item)| cx.string(item, &nth(&path, i))).collect()
}

/// A sequence of integers.
pub(super) fn ints(f: &mut Fields, cx: &mut Cx, key: &str) -> Vec<Spanned<i64>> {
    let path = f.path_of(key);
    f.seq(cx, key).iter().enumerate().filter_map(|(i, item)| cx.int(item, &nth(&path, i))).collect()
}

/// A mapping of strings to strings (`options`, `labels`).
pub(super) fn string_map(node: &Node, path: &str, cx: &mut Cx) -> Vec<(Spanned<String>, Spanned<String>)> {
    let mut out = Vec::new();
    if let Some(entries) = cx.map_entries(node, path) {
        for (k, v) in entries {
            let entry_path = format!("{path}.{}", crate::decode::scalar_text(k).unwrap_or("?"));
            if let (Some(key), Some(value)) = (cx.string(k, &entry_path), cx.string(v, &entry_path)) {
                out.push((key, value));
            }
        }
    }
    out
}

fn gateway_class(node: &Node, cx: &mut Cx) -> GatewayClass {
    let mut class = GatewayClass { span: node.span, spec_span: node.span, ..Default::default() };
    let Some((top, meta, spec)) = object_top(node, "GatewayClass", false, cx) else { return class };
    class.meta = meta;
    if let Some(spec) = spec {
        class.spec_span = spec.span;
        if let Some(mut f) = cx.fields(spec, "spec", &["controllerName", "parametersRef", "description"]) {
            class.controller_name = f.string(cx, "controllerName");
            if let Some(p) = f.get("parametersRef") {
                class.parameters_ref = object_ref(p, "spec.parametersRef", &["group", "kind", "name", "namespace"], cx);
            }
            class.description = f.string(cx, "description");
            f.finish(cx);
        }
    }
    top.finish(cx);
    class
}

fn gateway(node: &Node, cx: &mut Cx) -> Gateway {
    let mut gateway = Gateway { span: node.span, spec_span: node.span, ..Default::default() };
    let Some((top, meta, spec)) = object_top(node, "Gateway", true, cx) else { return gateway };
    gateway.meta = meta;
    if let Some(spec) = spec {
        gateway.spec_span = spec.span;
        const SPEC: &[&str] = &[
            "gatewayClassName",
            "listeners",
            "addresses",
            "infrastructure",
            "allowedListeners",
            "tls",
            "defaultScope",
        ];
        if let Some(mut f) = cx.fields(spec, "spec", SPEC) {
            gateway.class_name = f.string(cx, "gatewayClassName");
            note_empty(&mut f, "listeners", &mut gateway.empty_lists);
            for (i, l) in f.seq(cx, "listeners").iter().enumerate() {
                gateway.listeners.push(listener(l, &nth("spec.listeners", i), cx));
            }
            for (i, a) in f.seq(cx, "addresses").iter().enumerate() {
                let path = nth("spec.addresses", i);
                let mut address = GatewayAddress { span: a.span, ..Default::default() };
                if let Some(mut af) = cx.fields(a, &path, &["type", "value"]) {
                    address.kind = af.string(cx, "type");
                    address.value = af.string(cx, "value");
                    af.finish(cx);
                }
                gateway.addresses.push(address);
            }
            if let Some(infra) = f.get("infrastructure") {
                gateway.infrastructure = Some(infrastructure(infra, cx));
            }
            if let Some(allowed) = f.get("allowedListeners") {
                if let Some(mut af) = cx.fields(allowed, "spec.allowedListeners", &["namespaces"]) {
                    if let Some(ns) = af.get("namespaces") {
                        gateway.allowed_listeners = Some(route_namespaces(ns, "spec.allowedListeners.namespaces", cx));
                    }
                    af.finish(cx);
                }
            }
            if let Some(tls) = f.get("tls") {
                gateway.tls = Some(gateway_tls(tls, cx));
            }
            if let Some(scope) = f.get("defaultScope") {
                experimental(scope, "spec.defaultScope", cx);
                cx.string(scope, "spec.defaultScope");
            }
            f.finish(cx);
        }
    }
    top.finish(cx);
    gateway
}

fn listener(node: &Node, path: &str, cx: &mut Cx) -> Listener {
    let mut listener = Listener { span: node.span, ..Default::default() };
    let Some(mut f) = cx.fields(node, path, &["name", "hostname", "port", "protocol", "tls", "allowedRoutes"]) else {
        return listener;
    };
    listener.name = f.string(cx, "name");
    listener.hostname = f.string(cx, "hostname");
    listener.port = f.int(cx, "port");
    listener.protocol = f.string(cx, "protocol");
    if let Some(tls) = f.get("tls") {
        let tls_path = at(path, "tls");
        let mut value = ListenerTls { span: tls.span, ..Default::default() };
        if let Some(mut tf) = cx.fields(tls, &tls_path, &["mode", "certificateRefs", "options"]) {
            value.mode = tf.string(cx, "mode");
            for (i, r) in tf.seq(cx, "certificateRefs").iter().enumerate() {
                let ref_path = nth(&at(&tls_path, "certificateRefs"), i);
                value.certificate_refs.extend(object_ref(r, &ref_path, &["group", "kind", "name", "namespace"], cx));
            }
            if let Some(options) = tf.get("options") {
                value.options = string_map(options, &at(&tls_path, "options"), cx);
            }
            tf.finish(cx);
        }
        listener.tls = Some(value);
    }
    if let Some(allowed) = f.get("allowedRoutes") {
        let allowed_path = at(path, "allowedRoutes");
        let mut value = AllowedRoutes { span: allowed.span, ..Default::default() };
        if let Some(mut af) = cx.fields(allowed, &allowed_path, &["namespaces", "kinds"]) {
            if let Some(ns) = af.get("namespaces") {
                let namespaces = route_namespaces(ns, &at(&allowed_path, "namespaces"), cx);
                value.namespaces_from = namespaces.from;
                value.selector = namespaces.selector;
                value.namespaces_span = Some(ns.span);
            }
            for (i, k) in af.seq(cx, "kinds").iter().enumerate() {
                let kind_path = nth(&at(&allowed_path, "kinds"), i);
                let mut kind = RouteGroupKind { span: k.span, ..Default::default() };
                if let Some(mut kf) = cx.fields(k, &kind_path, &["group", "kind"]) {
                    kind.group = kf.string(cx, "group");
                    kind.kind = kf.string(cx, "kind");
                    kf.finish(cx);
                }
                value.kinds.push(kind);
            }
            af.finish(cx);
        }
        listener.allowed_routes = Some(value);
    }
    f.finish(cx);
    listener
}

/// `namespaces` of `allowedRoutes` / `allowedListeners`: `from` and `selector`.
fn route_namespaces(node: &Node, path: &str, cx: &mut Cx) -> RouteNamespaces {
    let mut value = RouteNamespaces { span: node.span, ..Default::default() };
    if let Some(mut f) = cx.fields(node, path, &["from", "selector"]) {
        value.from = f.string(cx, "from");
        if let Some(selector) = f.get("selector") {
            value.selector = label_selector(selector, &at(path, "selector"), cx);
        }
        f.finish(cx);
    }
    value
}

/// `spec.infrastructure`: labels and annotations for what the implementation creates, and a
/// parametersRef.
fn infrastructure(node: &Node, cx: &mut Cx) -> Infrastructure {
    let path = "spec.infrastructure";
    let mut value = Infrastructure { span: node.span, ..Default::default() };
    let Some(mut f) = cx.fields(node, path, &["labels", "annotations", "parametersRef"]) else { return value };
    if let Some(map) = f.get("labels") {
        value.labels_span = Some(map.span);
        value.labels = string_map(map, &at(path, "labels"), cx);
    }
    if let Some(map) = f.get("annotations") {
        value.annotations_span = Some(map.span);
        value.annotations = string_map(map, &at(path, "annotations"), cx);
    }
    if let Some(p) = f.get("parametersRef") {
        value.parameters_ref = object_ref(p, &at(path, "parametersRef"), &["group", "kind", "name"], cx);
    }
    f.finish(cx);
    value
}

/// The fields of a SecretObjectReference / ObjectReference.
const REF: &[&str] = &["group", "kind", "name", "namespace"];

/// `spec.tls` (GatewayTLSConfig): the client certificate for backends, and the validation of
/// clients' certificates (by default and per port).
fn gateway_tls(node: &Node, cx: &mut Cx) -> GatewayTls {
    let mut value = GatewayTls { span: node.span, ..Default::default() };
    let Some(mut f) = cx.fields(node, "spec.tls", &["backend", "frontend"]) else { return value };
    if let Some(backend) = f.get("backend") {
        if let Some(mut bf) = cx.fields(backend, "spec.tls.backend", &["clientCertificateRef"]) {
            if let Some(r) = bf.get("clientCertificateRef") {
                value.client_certificate_ref = object_ref(r, "spec.tls.backend.clientCertificateRef", REF, cx);
            }
            bf.finish(cx);
        }
    }
    if let Some(frontend) = f.get("frontend") {
        let mut front = FrontendTls { span: frontend.span, ..Default::default() };
        if let Some(mut ff) = cx.fields(frontend, "spec.tls.frontend", &["default", "perPort"]) {
            if let Some(default) = ff.get("default") {
                front.has_default = true;
                front.default = frontend_validation(default, "spec.tls.frontend.default", cx);
            }
            for (i, p) in ff.seq(cx, "perPort").iter().enumerate() {
                let path = nth("spec.tls.frontend.perPort", i);
                let mut port = PerPortTls { span: p.span, ..Default::default() };
                if let Some(mut pf) = cx.fields(p, &path, &["port", "tls"]) {
                    port.port = pf.int(cx, "port");
                    if let Some(tls) = pf.get("tls") {
                        port.has_tls = true;
                        port.validation = frontend_validation(tls, &at(&path, "tls"), cx);
                    }
                    pf.finish(cx);
                }
                front.per_port.push(port);
            }
            ff.finish(cx);
        }
        value.frontend = Some(front);
    }
    f.finish(cx);
    value
}

/// A mapping holding `validation` (FrontendTLSValidation: caCertificateRefs and mode).
fn frontend_validation(node: &Node, path: &str, cx: &mut Cx) -> Option<FrontendValidation> {
    let mut tf = cx.fields(node, path, &["validation"])?;
    let validation = tf.get("validation").map(|v| {
        let vpath = at(path, "validation");
        let mut value = FrontendValidation { span: v.span, ..Default::default() };
        if let Some(mut vf) = cx.fields(v, &vpath, &["caCertificateRefs", "mode"]) {
            for (i, r) in vf.seq(cx, "caCertificateRefs").iter().enumerate() {
                value.ca_certificate_refs.extend(object_ref(r, &nth(&at(&vpath, "caCertificateRefs"), i), REF, cx));
            }
            value.mode = vf.string(cx, "mode");
            vf.finish(cx);
        }
        value
    });
    tf.finish(cx);
    validation
}

fn reference_grant(node: &Node, cx: &mut Cx) -> ReferenceGrant {
    let mut grant = ReferenceGrant { span: node.span, spec_span: node.span, ..Default::default() };
    let Some((top, meta, spec)) = object_top(node, "ReferenceGrant", true, cx) else { return grant };
    grant.meta = meta;
    if let Some(spec) = spec {
        grant.spec_span = spec.span;
        if let Some(mut f) = cx.fields(spec, "spec", &["from", "to"]) {
            note_empty(&mut f, "from", &mut grant.empty_lists);
            note_empty(&mut f, "to", &mut grant.empty_lists);
            for (i, from) in f.seq(cx, "from").iter().enumerate() {
                let path = nth("spec.from", i);
                let mut entry = ReferenceGrantFrom { span: from.span, ..Default::default() };
                if let Some(mut ff) = cx.fields(from, &path, &["group", "kind", "namespace"]) {
                    entry.group = ff.string(cx, "group");
                    entry.kind = ff.string(cx, "kind");
                    entry.namespace = ff.string(cx, "namespace");
                    ff.finish(cx);
                }
                grant.from.push(entry);
            }
            for (i, to) in f.seq(cx, "to").iter().enumerate() {
                let path = nth("spec.to", i);
                let mut entry = ReferenceGrantTo { span: to.span, ..Default::default() };
                if let Some(mut tf) = cx.fields(to, &path, &["group", "kind", "name"]) {
                    entry.group = tf.string(cx, "group");
                    entry.kind = tf.string(cx, "kind");
                    entry.name = tf.string(cx, "name");
                    tf.finish(cx);
                }
                grant.to.push(entry);
            }
            f.finish(cx);
        }
    }
    top.finish(cx);
    grant
}

/// A core Namespace: its metadata (labels); `spec` (finalizers) and `status` are not read.
fn namespace(node: &Node, cx: &mut Cx) -> Namespace {
    let mut namespace = Namespace { span: node.span, ..Default::default() };
    let Some((top, meta, _)) = object_top(node, "Namespace", false, cx) else { return namespace };
    namespace.meta = meta;
    top.finish(cx);
    namespace
}
