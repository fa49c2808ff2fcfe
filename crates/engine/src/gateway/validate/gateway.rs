//! GatewayClass, Gateway and ReferenceGrant: `config/crd/standard/gateway.networking.k8s.io_
//! gatewayclasses.yaml`, `_gateways.yaml`, `_referencegrants.yaml` (v1.6.1), from
//! `apis/v1/gatewayclass_types.go`, `gateway_types.go`, `referencegrant_types.go`.

use super::schema::*;
use super::*;

/// GatewayClassSpec: controllerName (required, `GatewayController`), description (≤ 64),
/// parametersRef (group, kind, name required).
pub(super) fn class(class: &GatewayClass, s: &mut Schema) {
    if class.spec_span == class.span {
        return s.required("spec", class.span);
    }
    let controller = Str { min: 1, max: Some(253), pattern: Some(&CONTROLLER), values: None };
    s.required_string("spec.controllerName", &class.controller_name, class.spec_span, controller);
    s.string("spec.description", &class.description, Str { max: Some(64), ..Str::default() });
    if let Some(p) = &class.parameters_ref {
        object_ref("spec.parametersRef", p, &["group", "kind", "name"], s);
    }
}

const PROTOCOLS_WITHOUT_TLS: &[&str] = &["HTTP", "TCP", "UDP"];

/// GatewaySpec.
pub(super) fn gateway(g: &Gateway, s: &mut Schema) {
    if g.spec_span == g.span {
        return s.required("spec", g.span);
    }
    s.required_string("spec.gatewayClassName", &g.class_name, g.spec_span, NAME);
    listeners(g, s);
    addresses(g, s);
    if let Some(infrastructure) = &g.infrastructure {
        self::infrastructure(infrastructure, s);
    }
    if let Some(tls) = &g.tls {
        gateway_tls(tls, s);
    }
    if let Some(allowed) = &g.allowed_listeners {
        let from = one_of(&["All", "Selector", "Same", "None"]);
        s.string("spec.allowedListeners.namespaces.from", &allowed.from, from);
        if let Some(selector) = &allowed.selector {
            label_selector("spec.allowedListeners.namespaces.selector", selector, s);
        }
    }
}

/// `spec.listeners`: 1–64, keyed by name, and the six CEL rules on the list (gateway_types.go
/// `GatewaySpec.Listeners`).
fn listeners(g: &Gateway, s: &mut Schema) {
    let listeners = &g.listeners;
    let span = list_span(listeners, |l| l.span, g.spec_span);
    if listeners.is_empty() {
        return required_list("spec.listeners", 0, &g.empty_lists, g.spec_span, 1, s);
    }
    s.items("spec.listeners", listeners.len(), span, 1, 64);
    s.unique("spec.listeners", listeners.iter().map(|l| (l.name.as_ref(), l.span)), Some("name"));
    for (i, l) in listeners.iter().enumerate() {
        listener(&nth("spec.listeners", i), l, s);
    }
    let protocol = |l: &Listener| l.protocol().to_string();
    if !listeners.iter().all(|l| !PROTOCOLS_WITHOUT_TLS.contains(&protocol(l).as_str()) || l.tls.is_none()) {
        s.cel_array("spec.listeners", span, "tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']");
    }
    let mode = |l: &Listener| l.tls.as_ref().map(|t| t.mode_or_default().to_string());
    if !listeners.iter().all(|l| protocol(l) != "HTTPS" || mode(l).is_none_or(|m| m.is_empty() || m == "Terminate")) {
        s.cel_array("spec.listeners", span, "tls mode must be Terminate for protocol HTTPS");
    }
    // `tls.mode` defaults to Terminate, so "has(l.tls.mode)" holds whenever `tls` is written.
    if !listeners.iter().all(|l| protocol(l) != "TLS" || mode(l).is_some_and(|m| !m.is_empty())) {
        s.cel_array("spec.listeners", span, "tls mode must be set for protocol TLS");
    }
    if !listeners.iter().all(|l| !matches!(protocol(l).as_str(), "TCP" | "UDP") || text(&l.hostname).is_empty()) {
        s.cel_array("spec.listeners", span, "hostname must not be specified for protocols ['TCP', 'UDP']");
    }
    let name = |l: &Listener| l.name().to_string();
    if !listeners.iter().all(|a| listeners.iter().filter(|b| name(a) == name(b)).count() == 1) {
        s.cel_array("spec.listeners", span, "Listener name must be unique within the Gateway");
    }
    let same = |a: &Listener, b: &Listener| {
        a.port.as_ref().map(|p| p.value) == b.port.as_ref().map(|p| p.value)
            && a.protocol() == b.protocol()
            && a.hostname.as_ref().map(|h| &h.value) == b.hostname.as_ref().map(|h| &h.value)
    };
    if !listeners.iter().all(|a| listeners.iter().filter(|b| same(a, b)).count() == 1) {
        s.cel_array(
            "spec.listeners",
            span,
            "Combination of port, protocol and hostname must be unique for each listener",
        );
    }
}

/// One Listener (gateway_types.go `Listener`, `ListenerTLSConfig`, `AllowedRoutes`).
fn listener(path: &str, l: &Listener, s: &mut Schema) {
    s.required_string(&at(path, "name"), &l.name, l.span, SECTION_NAME);
    s.string(&at(path, "hostname"), &l.hostname, HOSTNAME_STR);
    match &l.port {
        Some(_) => s.int(&at(path, "port"), &l.port, Some(1), Some(65535)),
        None => s.required(&at(path, "port"), l.span),
    }
    let protocol = Str { min: 1, max: Some(255), pattern: Some(&PROTOCOL), values: None };
    s.required_string(&at(path, "protocol"), &l.protocol, l.span, protocol);
    if let Some(tls) = &l.tls {
        let tls_path = at(path, "tls");
        s.string(&at(&tls_path, "mode"), &tls.mode, one_of(&["Terminate", "Passthrough"]));
        let refs_span = list_span(&tls.certificate_refs, |r| r.span, tls.span);
        s.items(&at(&tls_path, "certificateRefs"), tls.certificate_refs.len(), refs_span, 0, 64);
        for (i, r) in tls.certificate_refs.iter().enumerate() {
            object_ref(&nth(&at(&tls_path, "certificateRefs"), i), r, &["name"], s);
        }
        s.properties(&at(&tls_path, "options"), tls.options.len(), tls.span, 16);
        if tls.mode_or_default() == "Terminate" && tls.certificate_refs.is_empty() && tls.options.is_empty() {
            s.cel_object(&tls_path, tls.span, "certificateRefs or options must be specified when mode is Terminate");
        }
    }
    if let Some(allowed) = &l.allowed_routes {
        let allowed_path = at(path, "allowedRoutes");
        s.string(&at(&allowed_path, "namespaces.from"), &allowed.namespaces_from, one_of(&["All", "Selector", "Same"]));
        if let Some(selector) = &allowed.selector {
            label_selector(&at(&allowed_path, "namespaces.selector"), selector, s);
        }
        let kinds_span = list_span(&allowed.kinds, |k| k.span, allowed.span);
        s.items(&at(&allowed_path, "kinds"), allowed.kinds.len(), kinds_span, 0, 8);
        for (i, k) in allowed.kinds.iter().enumerate() {
            let kind_path = nth(&at(&allowed_path, "kinds"), i);
            s.string(&at(&kind_path, "group"), &k.group, GROUP_STR);
            s.required_string(&at(&kind_path, "kind"), &k.kind, k.span, KIND_STR);
        }
    }
}

/// `metav1.LabelSelector`: each requirement needs a key and an operator (the CRD schema checks
/// no more).
fn label_selector(path: &str, selector: &LabelSelector, s: &mut Schema) {
    for (i, e) in selector.match_expressions.iter().enumerate() {
        let entry = nth(&at(path, "matchExpressions"), i);
        if e.key.is_none() {
            s.required(&at(&entry, "key"), e.span);
        }
        if e.operator.is_none() {
            s.required(&at(&entry, "operator"), e.span);
        }
    }
}

/// `spec.addresses`: at most 16, their types and values, and the CEL rules on the list and on
/// each address (gateway_types.go `GatewaySpecAddress`).
fn addresses(g: &Gateway, s: &mut Schema) {
    let addresses = &g.addresses;
    let span = list_span(addresses, |a| a.span, g.spec_span);
    s.items("spec.addresses", addresses.len(), span, 0, 16);
    let address_type = Str { min: 1, max: Some(253), pattern: Some(&ADDRESS_TYPE), values: None };
    for (i, a) in addresses.iter().enumerate() {
        let path = nth("spec.addresses", i);
        s.string(&at(&path, "type"), &a.kind, address_type);
        s.string(&at(&path, "value"), &a.value, Str { max: Some(253), ..Str::default() });
        // The item's `oneOf`: an IPAddress (the default type) holds an IPv4 or IPv6 address.
        let is_ip_type = a.kind.as_ref().is_none_or(|k| k.value == "IPAddress");
        if let Some(value) = a.value.as_ref().filter(|v| is_ip_type && v.value.parse::<std::net::IpAddr>().is_err()) {
            let field = at(&path, "value");
            let detail = format!("{field} in body must be of type ipv4: {:?}", value.value);
            s.r.invalid(&field, value.span, crate::validate::BadValue::Str(&value.value), &detail);
        }
        let is_hostname = a.kind.as_ref().is_some_and(|k| k.value == "Hostname");
        if is_hostname && a.value.as_ref().is_some_and(|v| !HOSTNAME.is_match(&v.value)) {
            s.cel_object(&path, a.span, "Hostname value must be empty or contain only valid characters (matching ^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$)");
        }
    }
    // `type` defaults to IPAddress.
    let kind = |a: &GatewayAddress| a.kind.as_ref().map_or("IPAddress", |k| k.value.as_str()).to_string();
    for (address_type, message) in
        [("IPAddress", "IPAddress values must be unique"), ("Hostname", "Hostname values must be unique")]
    {
        let repeated = addresses.iter().any(|a1| {
            kind(a1) == address_type
                && a1.value.is_some()
                && addresses
                    .iter()
                    .filter(|a2| {
                        kind(a2) == address_type
                            && a2.value.as_ref().map(|v| &v.value) == a1.value.as_ref().map(|v| &v.value)
                    })
                    .count()
                    != 1
        });
        if repeated {
            s.cel_array("spec.addresses", span, message);
        }
    }
}

/// The key of a label or annotation of `spec.infrastructure` (its CEL rules).
static METADATA_KEY: Pattern = Pattern::new(
    r"^([a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*/)?([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]$",
);

/// GatewayInfrastructure: at most 8 labels and 16 annotations, their keys (two CEL rules each)
/// and values, and a parametersRef (gateway_types.go `GatewayInfrastructure`).
fn infrastructure(infra: &Infrastructure, s: &mut Schema) {
    let maps = [
        (
            "labels",
            "label",
            "Label",
            &infra.labels,
            infra.labels_span,
            8,
            Str { max: Some(63), pattern: Some(&LABEL_VALUE), ..Str::default() },
        ),
        (
            "annotations",
            "annotation",
            "Annotation",
            &infra.annotations,
            infra.annotations_span,
            16,
            Str { max: Some(4096), ..Str::default() },
        ),
    ];
    for (key, noun, title, entries, span, max, value_rule) in maps {
        let path = at("spec.infrastructure", key);
        let span = span.unwrap_or(infra.span);
        s.properties(&path, entries.len(), span, max);
        for (k, v) in entries.iter() {
            s.check_string(&at(&path, &k.value), v, value_rule);
        }
        if !entries.iter().all(|(k, _)| METADATA_KEY.is_match(&k.value)) {
            s.cel_object(&path, span, format!("{title} keys must be in the form of an optional DNS subdomain prefix followed by a required name segment of up to 63 characters."));
        }
        if !entries.iter().all(|(k, _)| k.value.split('/').next().unwrap_or("").len() < 253) {
            s.cel_object(&path, span, format!("If specified, the {noun} key's prefix must be a DNS subdomain not longer than 253 characters in total."));
        }
    }
    if let Some(p) = &infra.parameters_ref {
        object_ref("spec.infrastructure.parametersRef", p, &["group", "kind", "name"], s);
    }
}

/// GatewayTLSConfig (gateway_types.go): the backends' client certificate, and client-certificate
/// validation by default and per port (ports unique).
fn gateway_tls(tls: &GatewayTls, s: &mut Schema) {
    if let Some(r) = &tls.client_certificate_ref {
        object_ref("spec.tls.backend.clientCertificateRef", r, &["name"], s);
    }
    let Some(frontend) = &tls.frontend else { return };
    if !frontend.has_default {
        s.required("spec.tls.frontend.default", frontend.span);
    }
    if let Some(v) = &frontend.default {
        frontend_validation("spec.tls.frontend.default.validation", v, s);
    }
    let span = list_span(&frontend.per_port, |p| p.span, frontend.span);
    s.items("spec.tls.frontend.perPort", frontend.per_port.len(), span, 0, 64);
    let mut seen: Vec<i64> = Vec::new();
    for (i, p) in frontend.per_port.iter().enumerate() {
        let path = nth("spec.tls.frontend.perPort", i);
        match &p.port {
            Some(port) => {
                s.int(&at(&path, "port"), &p.port, Some(1), Some(65535));
                if seen.contains(&port.value) {
                    let body = format!("Duplicate value: map[string]interface {{}}{{\"port\":{}}}", port.value);
                    s.r.push(&path, crate::diagnostic::ErrorType::Duplicate, body, p.span);
                }
                seen.push(port.value);
            }
            None => s.required(&at(&path, "port"), p.span),
        }
        if !p.has_tls {
            s.required(&at(&path, "tls"), p.span);
        }
        if let Some(v) = &p.validation {
            frontend_validation(&at(&at(&path, "tls"), "validation"), v, s);
        }
    }
    let port = |p: &PerPortTls| p.port.as_ref().map(|p| p.value);
    if !frontend.per_port.iter().all(|a| frontend.per_port.iter().filter(|b| port(a) == port(b)).count() == 1) {
        s.cel_array("spec.tls.frontend.perPort", span, "Port for TLS configuration must be unique within the Gateway");
    }
}

/// FrontendTLSValidation: 1–16 caCertificateRefs (group, kind and name required) and a mode.
fn frontend_validation(path: &str, v: &FrontendValidation, s: &mut Schema) {
    let refs = at(path, "caCertificateRefs");
    if v.ca_certificate_refs.is_empty() {
        s.required(&refs, v.span);
    }
    s.items(&refs, v.ca_certificate_refs.len(), list_span(&v.ca_certificate_refs, |r| r.span, v.span), 0, 16);
    for (i, r) in v.ca_certificate_refs.iter().enumerate() {
        object_ref(&nth(&refs, i), r, &["group", "kind", "name"], s);
    }
    s.string(&at(path, "mode"), &v.mode, one_of(&["AllowValidOnly", "AllowInsecureFallback"]));
}

/// ReferenceGrantSpec: `from` and `to`, each 1–16 entries (referencegrant_types.go).
pub(super) fn reference_grant(grant: &ReferenceGrant, s: &mut Schema) {
    if grant.spec_span == grant.span {
        return s.required("spec", grant.span);
    }
    required_list("spec.from", grant.from.len(), &grant.empty_lists, grant.spec_span, 1, s);
    s.items("spec.from", grant.from.len(), list_span(&grant.from, |f| f.span, grant.spec_span), 0, 16);
    for (i, f) in grant.from.iter().enumerate() {
        let path = nth("spec.from", i);
        s.required_string(&at(&path, "group"), &f.group, f.span, GROUP_STR);
        s.required_string(&at(&path, "kind"), &f.kind, f.span, KIND_STR);
        s.required_string(&at(&path, "namespace"), &f.namespace, f.span, NAMESPACE_STR);
    }
    required_list("spec.to", grant.to.len(), &grant.empty_lists, grant.spec_span, 1, s);
    s.items("spec.to", grant.to.len(), list_span(&grant.to, |t| t.span, grant.spec_span), 0, 16);
    for (i, t) in grant.to.iter().enumerate() {
        let path = nth("spec.to", i);
        s.required_string(&at(&path, "group"), &t.group, t.span, GROUP_STR);
        s.required_string(&at(&path, "kind"), &t.kind, t.span, KIND_STR);
        s.string(&at(&path, "name"), &t.name, NAME);
    }
}
