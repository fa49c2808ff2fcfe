//! YAML documents → [`Manifest`]: objects by kind, lists unwrapped, older Ingress versions
//! converted to v1, every type error and unknown field reported at its field path and place.
//!
//! Decoding never stops at the first problem: a field of the wrong type is reported and left
//! unset, and the rest of the object is still read.

pub(crate) mod fields;
mod legacy;
pub(crate) mod suggest;
mod template;

pub(crate) use template::first_action as template_error;

use crate::diagnostic::{Code, Diagnostic, ErrorType, Severity};
use crate::model::*;
use crate::source::{SourceId, Sources};
use crate::yaml::{self, Limits, Node, ScalarKind, Value};
use fields::Cx;

/// Reads an input (YAML or JSON, one or more documents; one text or several named sources) into a
/// [`Manifest`].
pub fn parse<'a>(input: impl Into<Sources<'a>>) -> Manifest {
    parse_with_limits(input, &Limits::default())
}

/// [`parse`] with explicit safety limits.
pub fn parse_with_limits<'a>(input: impl Into<Sources<'a>>, limits: &Limits) -> Manifest {
    parse_sources(input.into(), limits)
}

/// [`parse_with_limits`], compiled once (the generic wrapper only converts its argument).
fn parse_sources(input: Sources<'_>, limits: &Limits) -> Manifest {
    let (documents, errors) = yaml::parse_documents(input, limits);
    let mut manifest = decode_documents(&documents, errors);
    // A template's error goes before the YAML and type errors it causes.
    let templates = yaml::source_chunks(input).filter_map(|(index, chunk)| template_error(&chunk, index));
    manifest.diagnostics.splice(0..0, templates);
    manifest.sources = input.ids();
    manifest
}

/// Decodes parsed documents (and reports the YAML errors that came with them).
pub fn decode_documents(documents: &[yaml::Document], errors: Vec<yaml::YamlError>) -> Manifest {
    // Distinct (source, document) pairs, sorted and deduplicated: a BTreeSet's code cost the
    // playground's first visit 2.8 KB gz (docs/performance.md).
    let mut indices: Vec<(SourceId, u32)> = documents.iter().map(|d| (d.span.source, d.index)).collect();
    crate::order::sort_by_key(&mut indices, |&index| index);
    indices.dedup();
    let mut manifest = Manifest { documents: indices.len(), ..Manifest::default() };
    for error in errors {
        manifest.diagnostics.push(Diagnostic::new(Severity::Error, Code::Syntax, error.to_string()).at(error.span()));
    }
    for document in documents {
        if let Some(root) = &document.root {
            decode_object(root, "", &mut manifest);
        }
    }
    manifest
}

const LIST_KINDS: &[&str] = &[
    "List",
    "IngressList",
    "IngressClassList",
    "ServiceList",
    "NamespaceList",
    "GatewayClassList",
    "GatewayList",
    "HTTPRouteList",
    "GRPCRouteList",
    "TLSRouteList",
    "ReferenceGrantList",
];

/// Decodes one object (or list of objects). `prefix` is the field path of the object inside a
/// list (`items[2].`), empty at top level.
fn decode_object(node: &Node, prefix: &str, manifest: &mut Manifest) {
    let Value::Map(_) = &node.value else {
        if !node.is_null() {
            manifest.diagnostics.push(
                Diagnostic::new(
                    Severity::Error,
                    Code::Document,
                    format!(
                        "expected a Kubernetes object (a mapping with apiVersion and kind), found {}",
                        node.describe()
                    ),
                )
                .at(node.span),
            );
        }
        return;
    };
    let kind = string_field(node, "kind");
    let api_version = string_field(node, "apiVersion");
    let name = node_at(node, &["metadata", "name"]).and_then(scalar_text).unwrap_or("");
    let (Some(kind), Some(api_version)) = (kind, api_version) else {
        let missing = if kind.is_none() { "kind" } else { "apiVersion" };
        manifest.diagnostics.push(
            Diagnostic::new(
                Severity::Error,
                Code::Document,
                format!("{prefix}{missing}: Required value: every Kubernetes object needs apiVersion and kind"),
            )
            .at(node.span),
        );
        return;
    };
    let group = api_version.rsplit_once('/').map_or("", |(g, _)| g);
    match (kind, group) {
        ("Ingress", "networking.k8s.io" | "extensions") => {
            let mut cx = Cx::new(format!("Ingress {name}"), prefix, &mut manifest.diagnostics);
            let legacy = api_version != "networking.k8s.io/v1";
            if legacy && !legacy::is_known_version(api_version) {
                cx.error_at(
                    node.span,
                    "apiVersion",
                    ErrorType::NotSupported,
                    format!("Ingress apiVersion {api_version:?} is not known; read as networking.k8s.io/v1"),
                );
            }
            let mut ingress = decode_ingress(node, legacy, &mut cx);
            ingress.api_version = api_version.to_string();
            if legacy {
                legacy::announce(&ingress, api_version, node, &mut manifest.diagnostics);
            }
            manifest.ingresses.push(std::sync::Arc::new(ingress));
        }
        ("IngressClass", "networking.k8s.io") => {
            let mut cx = Cx::new(format!("IngressClass {name}"), prefix, &mut manifest.diagnostics);
            let class = decode_class(node, &mut cx);
            manifest.classes.push(class);
        }
        ("Service", "") => {
            let mut cx = Cx::new(format!("Service {name}"), prefix, &mut manifest.diagnostics);
            let service = decode_service(node, &mut cx);
            manifest.services.push(service);
        }
        #[cfg(feature = "gateway")]
        (k, group) if !LIST_KINDS.contains(&k) && crate::gateway::decode::claims(k, group) => {
            crate::gateway::decode::decode_object(node, kind, api_version, prefix, manifest);
        }
        (k, _) if LIST_KINDS.contains(&k) => match node_at(node, &["items"]) {
            Some(Node { value: Value::Seq(items), .. }) => {
                for (i, item) in items.iter().enumerate() {
                    decode_object(item, &format!("{prefix}items[{i}]."), manifest);
                }
            }
            Some(other) if !other.is_null() => manifest.diagnostics.push(
                Diagnostic::new(
                    Severity::Error,
                    Code::Decode,
                    format!("{prefix}items: expected a sequence of objects, found {}", other.describe()),
                )
                .at(other.span),
            ),
            _ => {}
        },
        _ => {
            let what = if name.is_empty() { kind.to_string() } else { format!("{kind} {name}") };
            manifest.diagnostics.push(
                Diagnostic::new(
                    Severity::Notice,
                    Code::Document,
                    format!("skipped {what} ({api_version}): only {TAKING_PART} objects take part in routing"),
                )
                .at(node.span),
            );
        }
    }
}

/// The kinds that take part in routing, for the notice on a skipped object.
#[cfg(feature = "gateway")]
const TAKING_PART: &str = "Ingress, IngressClass, Service, Namespace and Gateway API (GatewayClass, Gateway, HTTPRoute, GRPCRoute, TLSRoute, ReferenceGrant)";
#[cfg(not(feature = "gateway"))]
const TAKING_PART: &str = "Ingress, IngressClass and Service";

pub(crate) fn entries(node: &Node) -> &[(Node, Node)] {
    match &node.value {
        Value::Map(entries) => entries,
        _ => &[],
    }
}

pub(crate) fn node_at<'n>(node: &'n Node, keys: &[&str]) -> Option<&'n Node> {
    let mut current = node;
    for key in keys {
        current = entries(current).iter().find(|(k, _)| scalar_text(k) == Some(key)).map(|(_, v)| v)?;
    }
    Some(current)
}

pub(crate) fn scalar_text(node: &Node) -> Option<&str> {
    match &node.value {
        Value::Scalar { text, .. } => Some(text),
        _ => None,
    }
}

fn string_field<'n>(node: &'n Node, key: &str) -> Option<&'n str> {
    node_at(node, &[key]).filter(|n| !n.is_null()).and_then(scalar_text)
}

pub(crate) const OBJECT_FIELDS: &[&str] = &["apiVersion", "kind", "metadata", "spec", "status"];
const META_FIELDS: &[&str] = &[
    "name",
    "generateName",
    "namespace",
    "selfLink",
    "uid",
    "resourceVersion",
    "generation",
    "creationTimestamp",
    "deletionTimestamp",
    "deletionGracePeriodSeconds",
    "labels",
    "annotations",
    "ownerReferences",
    "finalizers",
    "managedFields",
];

pub(crate) fn decode_meta(node: Option<&Node>, cx: &mut Cx) -> ObjectMeta {
    let mut meta = ObjectMeta::default();
    let Some(node) = node else { return meta };
    meta.span = node.span;
    let Some(mut f) = cx.fields(node, "metadata", META_FIELDS) else {
        return meta;
    };
    meta.name = f.string(cx, "name");
    meta.namespace = f.string(cx, "namespace");
    meta.creation_timestamp = f.string(cx, "creationTimestamp");
    if let Some(annotations) = f.get("annotations") {
        if let Some(entries) = cx.map_entries(annotations, "metadata.annotations") {
            for (k, v) in entries {
                let path = format!("metadata.annotations.{}", scalar_text(k).unwrap_or("?"));
                if let (Some(key), Some(value)) = (cx.string(k, &path), cx.string(v, &path)) {
                    meta.annotations.push((key, value));
                }
            }
        }
    }
    if let Some(labels) = f.get("labels") {
        if let Some(entries) = cx.map_entries(labels, "metadata.labels") {
            for (k, v) in entries {
                let path = format!("metadata.labels.{}", scalar_text(k).unwrap_or("?"));
                if let (Some(key), Some(value)) = (cx.string(k, &path), cx.string(v, &path)) {
                    meta.labels.push((key, value));
                }
            }
        }
    }
    f.finish(cx);
    meta
}

fn decode_ingress(node: &Node, legacy: bool, cx: &mut Cx) -> Ingress {
    let mut ingress = Ingress { span: node.span, ..Default::default() };
    let Some(mut top) = cx.fields(node, "", OBJECT_FIELDS) else {
        return ingress;
    };
    ingress.meta = decode_meta(top.get("metadata"), cx);
    cx.set_object(format!("Ingress {}", ingress.id()));
    ingress.spec.span = node.span;
    if let Some(spec) = top.get("spec") {
        ingress.spec = decode_ingress_spec(spec, legacy, cx);
    }
    if let Some(status) = top.get("status") {
        ingress.status = decode_status(status, cx);
    }
    top.finish(cx);
    ingress
}

fn decode_ingress_spec(node: &Node, legacy: bool, cx: &mut Cx) -> IngressSpec {
    let mut spec = IngressSpec { span: node.span, ..Default::default() };
    let known: &[&str] = if legacy {
        &["backend", "ingressClassName", "rules", "tls"]
    } else {
        &["defaultBackend", "ingressClassName", "rules", "tls"]
    };
    let Some(mut f) = cx.fields(node, "spec", known) else {
        return spec;
    };
    let backend_key = if legacy { "backend" } else { "defaultBackend" };
    if let Some(b) = f.get(backend_key) {
        spec.default_backend = decode_backend(b, "spec.defaultBackend", legacy, cx);
    }
    spec.ingress_class_name = f.string(cx, "ingressClassName");
    for (i, rule) in f.seq(cx, "rules").iter().enumerate() {
        spec.rules.push(decode_rule(rule, &format!("spec.rules[{i}]"), legacy, cx));
    }
    for (i, tls) in f.seq(cx, "tls").iter().enumerate() {
        let path = format!("spec.tls[{i}]");
        let mut entry = Tls { span: tls.span, ..Default::default() };
        if let Some(mut tf) = cx.fields(tls, &path, &["hosts", "secretName"]) {
            for (k, host) in tf.seq(cx, "hosts").iter().enumerate() {
                if let Some(h) = cx.string(host, &format!("{path}.hosts[{k}]")) {
                    entry.hosts.push(h);
                }
            }
            entry.secret_name = tf.string(cx, "secretName");
            tf.finish(cx);
        }
        spec.tls.push(entry);
    }
    f.finish(cx);
    spec
}

fn decode_rule(node: &Node, path: &str, legacy: bool, cx: &mut Cx) -> Rule {
    let mut rule = Rule { span: node.span, ..Default::default() };
    let Some(mut f) = cx.fields(node, path, &["host", "http"]) else {
        return rule;
    };
    rule.host = f.string(cx, "host");
    if let Some(http) = f.get("http") {
        let http_path = format!("{path}.http");
        let mut value = HttpRuleValue { span: http.span, ..Default::default() };
        if let Some(mut hf) = cx.fields(http, &http_path, &["paths"]) {
            for (j, p) in hf.seq(cx, "paths").iter().enumerate() {
                value.paths.push(decode_path(p, &format!("{http_path}.paths[{j}]"), legacy, cx));
            }
            hf.finish(cx);
        }
        rule.http = Some(value);
    }
    f.finish(cx);
    rule
}

fn decode_path(node: &Node, path: &str, legacy: bool, cx: &mut Cx) -> HttpPath {
    let mut entry = HttpPath { span: node.span, ..Default::default() };
    let Some(mut f) = cx.fields(node, path, &["path", "pathType", "backend"]) else {
        return entry;
    };
    entry.path = f.string(cx, "path");
    entry.path_type = f.string(cx, "pathType");
    if let Some(b) = f.get("backend") {
        entry.backend = decode_backend(b, &format!("{path}.backend"), legacy, cx);
    }
    if legacy && entry.path_type.is_none() {
        // v1beta1 defaulting (pkg/apis/networking/v1beta1/defaults.go): pathType defaults to
        // ImplementationSpecific. The span points at the path entry, since nothing was written.
        entry.path_type = Some(Spanned::new(PathType::ImplementationSpecific.as_str().into(), node.span));
    }
    f.finish(cx);
    entry
}

fn decode_backend(node: &Node, path: &str, legacy: bool, cx: &mut Cx) -> Option<Backend> {
    let mut backend = Backend { span: node.span, ..Default::default() };
    let known: &[&str] = if legacy { &["serviceName", "servicePort", "resource"] } else { &["service", "resource"] };
    let mut f = cx.fields(node, path, known)?;
    if legacy {
        backend.service = legacy::service_backend(&mut f, path, cx);
    } else if let Some(s) = f.get("service") {
        let spath = format!("{path}.service");
        let mut service = ServiceBackend { span: s.span, ..Default::default() };
        if let Some(mut sf) = cx.fields(s, &spath, &["name", "port"]) {
            service.name = sf.string(cx, "name");
            if let Some(p) = sf.get("port") {
                let ppath = format!("{spath}.port");
                let mut port = ServicePortRef { span: p.span, ..Default::default() };
                if let Some(mut pf) = cx.fields(p, &ppath, &["name", "number"]) {
                    port.name = pf.string(cx, "name");
                    port.number = pf.int(cx, "number");
                    pf.finish(cx);
                }
                service.port = Some(port);
            }
            sf.finish(cx);
        }
        backend.service = Some(service);
    }
    if let Some(r) = f.get("resource") {
        let rpath = format!("{path}.resource");
        let mut resource = ResourceRef { span: r.span, ..Default::default() };
        if let Some(mut rf) = cx.fields(r, &rpath, &["apiGroup", "kind", "name"]) {
            resource.api_group = rf.string(cx, "apiGroup");
            resource.kind = rf.string(cx, "kind");
            resource.name = rf.string(cx, "name");
            rf.finish(cx);
        }
        backend.resource = Some(resource);
    }
    f.finish(cx);
    Some(backend)
}

fn decode_status(node: &Node, cx: &mut Cx) -> Vec<LoadBalancerIngress> {
    let mut out = Vec::new();
    let Some(mut f) = cx.fields(node, "status", &["loadBalancer"]) else {
        return out;
    };
    if let Some(lb) = f.get("loadBalancer") {
        if let Some(mut lf) = cx.fields(lb, "status.loadBalancer", &["ingress"]) {
            for (i, entry) in lf.seq(cx, "ingress").iter().enumerate() {
                let path = format!("status.loadBalancer.ingress[{i}]");
                let mut item = LoadBalancerIngress { span: entry.span, ..Default::default() };
                if let Some(mut ef) = cx.fields(entry, &path, &["ip", "hostname", "ipMode", "ports"]) {
                    item.ip = ef.string(cx, "ip");
                    item.hostname = ef.string(cx, "hostname");
                    ef.finish(cx);
                }
                out.push(item);
            }
            lf.finish(cx);
        }
    }
    f.finish(cx);
    out
}

fn decode_class(node: &Node, cx: &mut Cx) -> IngressClass {
    let mut class = IngressClass { span: node.span, ..Default::default() };
    let Some(mut top) = cx.fields(node, "", OBJECT_FIELDS) else {
        return class;
    };
    class.meta = decode_meta(top.get("metadata"), cx);
    cx.set_object(format!("IngressClass {}", class.meta.name()));
    if let Some(spec) = top.get("spec") {
        if let Some(mut f) = cx.fields(spec, "spec", &["controller", "parameters"]) {
            class.controller = f.string(cx, "controller");
            if let Some(p) = f.get("parameters") {
                let mut params = ClassParameters { span: p.span, ..Default::default() };
                if let Some(mut pf) =
                    cx.fields(p, "spec.parameters", &["apiGroup", "kind", "name", "scope", "namespace"])
                {
                    params.api_group = pf.string(cx, "apiGroup");
                    params.kind = pf.string(cx, "kind");
                    params.name = pf.string(cx, "name");
                    params.scope = pf.string(cx, "scope");
                    params.namespace = pf.string(cx, "namespace");
                    pf.finish(cx);
                }
                class.parameters = Some(params);
            }
            f.finish(cx);
        }
    }
    top.finish(cx);
    class
}

fn decode_service(node: &Node, cx: &mut Cx) -> Service {
    let mut service = Service { span: node.span, ..Default::default() };
    let Some(mut top) = cx.fields(node, "", OBJECT_FIELDS) else {
        return service;
    };
    service.meta = decode_meta(top.get("metadata"), cx);
    cx.set_object(format!("Service {}/{}", service.meta.namespace(), service.meta.name()));
    if let Some(spec) = top.get("spec") {
        // Only ports and the type matter here; the rest of a Service spec is not checked.
        service.external_name = string_field(spec, "type") == Some("ExternalName");
        if let Some(ports) = node_at(spec, &["ports"]) {
            if let Value::Seq(items) = &ports.value {
                for item in items {
                    service.ports.push(ServicePortSpec {
                        name: string_field(item, "name").map(str::to_string),
                        port: node_at(item, &["port"])
                            .filter(|n| n.scalar_kind() == Some(ScalarKind::Int))
                            .and_then(scalar_text)
                            .and_then(|t| t.parse().ok()),
                    });
                }
            }
        }
    }
    top.finish_lenient();
    service
}

#[cfg(test)]
mod tests;
