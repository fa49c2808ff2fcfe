//! G1–G3 and the references of G7: which Gateways an implementation serves, their listeners,
//! which routes attach to which listener with which effective hostnames, and which backend
//! references resolve — with the status conditions a controller would write, as diagnostics.
//! Nothing here routes a request.

use super::matching::intersect;
use super::model::{
    AllowedRoutes, BackendRef, Gateway, GatewayObjects, GrpcRoute, HttpRoute, LabelSelector, Listener, ParentRef,
    TlsRoute, GROUP,
};
use super::{GatewayBackend, Implementation, PortNumber, RouteKind};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::{Manifest, ObjectMeta, Spanned};
use crate::source::Span;
use std::sync::Arc;

/// The controller name a GatewayClass names for each implementation that has one (G1).
/// Envoy Gateway: `gateway.envoyproxy.io/gatewayclass-controller` (envoyproxy/gateway
/// `api/v1alpha1/shared_types.go` `GatewayControllerName`); Contour:
/// `projectcontour.io/gateway-controller` (projectcontour/contour `internal/provisioner`,
/// the provisioner's default `--gateway-controller-name`).
pub(crate) fn controller_name(implementation: Implementation) -> Option<&'static str> {
    match implementation {
        Implementation::Spec => None,
        Implementation::EnvoyGateway => Some("gateway.envoyproxy.io/gatewayclass-controller"),
        Implementation::Contour => Some("projectcontour.io/gateway-controller"),
    }
}

/// A route of any kind, shared with the model.
#[derive(Clone, Debug)]
pub(crate) enum RouteObject {
    /// An HTTPRoute.
    Http(Arc<HttpRoute>),
    /// A GRPCRoute.
    Grpc(Arc<GrpcRoute>),
    /// A TLSRoute.
    Tls(Arc<TlsRoute>),
}

impl RouteObject {
    pub fn kind(&self) -> RouteKind {
        match self {
            RouteObject::Http(_) => RouteKind::Http,
            RouteObject::Grpc(_) => RouteKind::Grpc,
            RouteObject::Tls(_) => RouteKind::Tls,
        }
    }

    pub fn meta(&self) -> &ObjectMeta {
        match self {
            RouteObject::Http(r) => &r.meta,
            RouteObject::Grpc(r) => &r.meta,
            RouteObject::Tls(r) => &r.meta,
        }
    }

    pub fn parent_refs(&self) -> &[ParentRef] {
        match self {
            RouteObject::Http(r) => &r.parent_refs,
            RouteObject::Grpc(r) => &r.parent_refs,
            RouteObject::Tls(r) => &r.parent_refs,
        }
    }

    pub fn hostnames(&self) -> &[Spanned<String>] {
        match self {
            RouteObject::Http(r) => &r.hostnames,
            RouteObject::Grpc(r) => &r.hostnames,
            RouteObject::Tls(r) => &r.hostnames,
        }
    }

    pub fn span(&self) -> Span {
        match self {
            RouteObject::Http(r) => r.span,
            RouteObject::Grpc(r) => r.span,
            RouteObject::Tls(r) => r.span,
        }
    }
}

/// A route with what ranks it among routes (G6: oldest first, then `namespace/name`, then input
/// order).
#[derive(Debug)]
pub(crate) struct RouteInfo {
    pub object: RouteObject,
    /// `namespace/name`.
    pub id: String,
    /// Rank among all routes: oldest creationTimestamp first (none counts as newest), then
    /// `namespace/name`, then input order.
    pub age_rank: u32,
    /// The creationTimestamp as written.
    pub created: Option<String>,
}

impl RouteInfo {
    pub fn kind(&self) -> RouteKind {
        self.object.kind()
    }
    pub fn namespace(&self) -> &str {
        self.object.meta().namespace()
    }
}

/// Every route of the input, ranked.
pub(crate) fn ranked_routes(objects: &GatewayObjects, order: &[crate::source::SourceId]) -> Vec<Arc<RouteInfo>> {
    let mut all: Vec<RouteObject> = objects.http_routes.iter().cloned().map(RouteObject::Http).collect();
    all.extend(objects.grpc_routes.iter().cloned().map(RouteObject::Grpc));
    all.extend(objects.tls_routes.iter().cloned().map(RouteObject::Tls));
    let mut keyed: Vec<_> = all
        .into_iter()
        .map(|object| {
            let meta = object.meta();
            let created = meta.creation_timestamp.as_ref().map(|t| t.value.clone());
            let key = (
                created.is_none(),
                created.clone(),
                meta.namespace().to_string(),
                meta.name().to_string(),
                crate::source::input_order(order, object.span()),
            );
            (key, object, created)
        })
        .collect();
    keyed.sort_by(|a, b| a.0.cmp(&b.0));
    keyed
        .into_iter()
        .enumerate()
        .map(|(rank, (_, object, created))| {
            let id = format!("{}/{}", object.meta().namespace(), object.meta().name());
            Arc::new(RouteInfo { object, id, age_rank: rank as u32, created })
        })
        .collect()
}

/// A listener's protocol, as routing reads it.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Protocol {
    Http,
    /// HTTPS, TLS terminated at the Gateway.
    Https,
    /// TLS; `passthrough` when the Gateway does not terminate it.
    Tls {
        passthrough: bool,
    },
    /// TCP, UDP or anything else: no HTTP routing.
    Other,
}

/// A listener, read for routing.
#[derive(Clone, Debug)]
pub(crate) struct ListenerInfo {
    pub name: String,
    pub port: Option<i64>,
    pub protocol: Protocol,
    /// As written.
    pub protocol_text: String,
    /// Lower case; `""` when the listener has none (every host).
    pub hostname: String,
    /// Conflicted with another listener (same port, protocol and hostname): not accepted.
    pub conflicted: bool,
    pub span: Span,
}

impl ListenerInfo {
    fn of(listener: &Listener) -> ListenerInfo {
        let protocol_text = listener.protocol().to_string();
        let protocol = match protocol_text.as_str() {
            "HTTP" => Protocol::Http,
            "HTTPS" => Protocol::Https,
            "TLS" => Protocol::Tls {
                passthrough: listener.tls.as_ref().is_some_and(|t| t.mode_or_default() == "Passthrough"),
            },
            _ => Protocol::Other,
        };
        ListenerInfo {
            name: listener.name().to_string(),
            port: listener.port.as_ref().map(|p| p.value),
            protocol,
            protocol_text,
            hostname: listener.hostname.as_ref().map(|h| h.value.to_ascii_lowercase()).unwrap_or_default(),
            conflicted: false,
            span: listener.span,
        }
    }

    /// The route kinds a listener takes by default (`gateway_types.go` `AllowedRoutes.Kinds`:
    /// "the supported kinds for the protocol"): HTTP and HTTPS take HTTPRoute and GRPCRoute, TLS
    /// takes TLSRoute.
    fn default_kinds(&self) -> &'static [RouteKind] {
        match self.protocol {
            Protocol::Http | Protocol::Https => &[RouteKind::Http, RouteKind::Grpc],
            Protocol::Tls { .. } => &[RouteKind::Tls],
            Protocol::Other => &[],
        }
    }
}

/// Why a route is not attached through one parentRef (the `Accepted: False` reason).
#[derive(Clone, Debug)]
pub(crate) struct NotAccepted {
    /// The condition reason (`NotAllowedByListeners`, `NoMatchingListenerHostname`,
    /// `NoMatchingParent`).
    pub reason: &'static str,
    pub message: String,
    /// True when the listeners exist and allow the route but no hostname intersects.
    pub hostname: bool,
}

/// One route attached to one listener.
#[derive(Clone, Debug)]
pub(crate) struct Attached {
    pub listener: usize,
    /// Effective hostnames (lower case; `""`: every host), in the route's order, without
    /// duplicates.
    pub hostnames: Vec<String>,
    /// Route hostnames this listener ignores (no intersection with its hostname).
    pub ignored: Vec<String>,
}

/// What one route's parentRefs to one Gateway came to.
#[derive(Clone, Debug)]
pub(crate) struct RouteAttachment {
    pub route: Arc<RouteInfo>,
    /// The parentRef's span.
    pub span: Span,
    pub result: Result<Vec<Attached>, NotAccepted>,
}

/// A Gateway's listeners and the routes that name it.
#[derive(Debug)]
pub(crate) struct GatewayAttachments {
    pub id: String,
    pub listeners: Vec<ListenerInfo>,
    pub routes: Vec<RouteAttachment>,
}

/// G1–G3 for one Gateway: its listeners, and every route whose parentRefs name it.
pub(crate) fn attach(
    gateway: &Gateway,
    routes: &[Arc<RouteInfo>],
    objects: &GatewayObjects,
    diagnostics: &mut Vec<Diagnostic>,
) -> GatewayAttachments {
    let mut listeners: Vec<ListenerInfo> = gateway.listeners.iter().map(ListenerInfo::of).collect();
    mark_conflicts(gateway, &mut listeners, diagnostics);
    let mut attachments = Vec::new();
    for route in routes {
        for (index, parent) in route.object.parent_refs().iter().enumerate() {
            if !names_gateway(parent, route.namespace(), gateway) {
                continue;
            }
            let result = attach_route(gateway, &listeners, route, parent, objects);
            if let Err(not) = &result {
                diagnostics.push(
                    Diagnostic::new(
                        Severity::Warning,
                        Code::RouteStatus,
                        format!(
                            "parentRefs[{index}] ({}): Accepted: False, reason {}: {}",
                            gateway.id(),
                            not.reason,
                            not.message
                        ),
                    )
                    .at(parent.span)
                    .on(format!("{} {}", route.kind().as_str(), route.id)),
                );
            }
            attachments.push(RouteAttachment { route: route.clone(), span: parent.span, result });
        }
    }
    GatewayAttachments { id: gateway.id(), listeners, routes: attachments }
}

/// Does a parentRef name this Gateway (group and kind default to Gateway API's Gateway, the
/// namespace to the route's: `shared_types.go` `ParentReference`)?
fn names_gateway(parent: &ParentRef, route_namespace: &str, gateway: &Gateway) -> bool {
    parent.group_or_default() == GROUP
        && parent.kind_or_default() == "Gateway"
        && parent.namespace_or(route_namespace) == gateway.meta.namespace()
        && parent.name() == gateway.meta.name()
}

/// Listeners that share port, protocol and hostname are Conflicted and not accepted
/// (`gateway_types.go` `GatewaySpec.Listeners`, "Handling indistinct Listeners": "ALL indistinct
/// Listeners must not be accepted").
fn mark_conflicts(gateway: &Gateway, listeners: &mut [ListenerInfo], diagnostics: &mut Vec<Diagnostic>) {
    for i in 0..listeners.len() {
        let twin = (0..listeners.len()).find(|&j| {
            j != i
                && listeners[j].port == listeners[i].port
                && listeners[j].protocol_text == listeners[i].protocol_text
                && listeners[j].hostname == listeners[i].hostname
        });
        if let Some(j) = twin {
            listeners[i].conflicted = true;
            diagnostics.push(
                Diagnostic::new(
                    Severity::Warning,
                    Code::GatewayStatus,
                    format!(
                        "listener {:?}: Conflicted: True, reason HostnameConflict: listener {:?} has the same port, protocol and hostname; neither is accepted",
                        listeners[i].name, listeners[j].name
                    ),
                )
                .at(listeners[i].span)
                .on(format!("Gateway {}", gateway.id())),
            );
        }
    }
    for listener in listeners.iter() {
        if listener.protocol == Protocol::Other {
            diagnostics.push(
                Diagnostic::new(
                    Severity::Notice,
                    Code::GatewayStatus,
                    format!(
                        "listener {:?}: protocol {:?} carries no HTTP or TLS routes; the simulator routes HTTP, HTTPS and TLS listeners only",
                        listener.name, listener.protocol_text
                    ),
                )
                .at(listener.span)
                .on(format!("Gateway {}", gateway.id())),
            );
        }
    }
}

/// G3 for one parentRef: sectionName and port pick listeners; allowedRoutes (namespaces, kinds)
/// admits; hostnames intersect (`httproute_types.go` `HTTPRouteSpec.Hostnames`; `shared_types.go`
/// `ParentReference.SectionName`, `.Port`; `gateway_types.go` `AllowedRoutes`).
fn attach_route(
    gateway: &Gateway,
    listeners: &[ListenerInfo],
    route: &RouteInfo,
    parent: &ParentRef,
    objects: &GatewayObjects,
) -> Result<Vec<Attached>, NotAccepted> {
    let section = parent.section_name.as_ref().map(|s| s.value.as_str());
    let port = parent.port.as_ref().map(|p| p.value);
    let named: Vec<usize> = (0..listeners.len())
        .filter(|&i| {
            section.is_none_or(|s| listeners[i].name == s) && port.is_none_or(|p| listeners[i].port == Some(p))
        })
        .collect();
    if named.is_empty() {
        let what = match (section, port) {
            (Some(s), Some(p)) => format!("no listener named {s:?} on port {p}"),
            (Some(s), None) => format!("no listener named {s:?}"),
            (None, Some(p)) => format!("no listener on port {p}"),
            (None, None) => "the Gateway has no listeners".to_string(),
        };
        return Err(NotAccepted {
            reason: "NoMatchingParent",
            message: format!("{} has {what}", gateway.id()),
            hostname: false,
        });
    }
    let mut allowed = Vec::new();
    let mut refusals = Vec::new();
    for &i in &named {
        let spec = &gateway.listeners[i];
        match allows(spec, &listeners[i], route, gateway, objects) {
            Ok(()) if listeners[i].conflicted => {
                refusals.push(format!("listener {:?} is Conflicted", listeners[i].name))
            }
            Ok(()) => allowed.push(i),
            Err(why) => refusals.push(format!("listener {:?} {why}", listeners[i].name)),
        }
    }
    if allowed.is_empty() {
        return Err(NotAccepted { reason: "NotAllowedByListeners", message: refusals.join("; "), hostname: false });
    }
    let route_hostnames: Vec<String> = route.object.hostnames().iter().map(|h| h.value.to_ascii_lowercase()).collect();
    let mut attached = Vec::new();
    for i in allowed {
        let listener_hostname = &listeners[i].hostname;
        let (hostnames, ignored) = if route_hostnames.is_empty() {
            (vec![listener_hostname.clone()], Vec::new())
        } else {
            let mut effective: Vec<String> = Vec::new();
            let mut ignored = Vec::new();
            for h in &route_hostnames {
                match intersect(listener_hostname, h) {
                    Some(e) if !effective.contains(&e) => effective.push(e),
                    Some(_) => {}
                    None => ignored.push(h.clone()),
                }
            }
            (effective, ignored)
        };
        if !hostnames.is_empty() {
            attached.push(Attached { listener: i, hostnames, ignored });
        }
    }
    if attached.is_empty() {
        return Err(NotAccepted {
            reason: "NoMatchingListenerHostname",
            message: format!(
                "none of the route's hostnames ({}) intersects a listener hostname ({})",
                route_hostnames.join(", "),
                named.iter().map(|&i| shown_hostname(&listeners[i].hostname)).collect::<Vec<_>>().join(", ")
            ),
            hostname: true,
        });
    }
    Ok(attached)
}

/// A hostname for a sentence: `(any host)` for none.
pub(crate) fn shown_hostname(hostname: &str) -> String {
    if hostname.is_empty() {
        "(any host)".to_string()
    } else {
        hostname.to_string()
    }
}

/// Does the listener's allowedRoutes admit the route (namespaces `Same` by default, `All`,
/// `Selector` over Namespace labels; kinds)?
fn allows(
    spec: &Listener,
    listener: &ListenerInfo,
    route: &RouteInfo,
    gateway: &Gateway,
    objects: &GatewayObjects,
) -> Result<(), String> {
    let allowed = spec.allowed_routes.as_ref();
    let from = allowed.map_or("Same", AllowedRoutes::from_or_default);
    let route_ns = route.namespace();
    match from {
        "All" => {}
        "Selector" => {
            let selector = allowed.and_then(|a| a.selector.as_ref());
            if !selector.is_some_and(|s| selects(s, route_ns, objects)) {
                return Err(format!("selects namespaces by label and {route_ns:?} does not match"));
            }
        }
        "None" => return Err("allows routes from no namespace".to_string()),
        _ => {
            if route_ns != gateway.meta.namespace() {
                return Err(format!(
                    "allows routes from its own namespace {:?} only (allowedRoutes.namespaces.from: Same), not {route_ns:?}",
                    gateway.meta.namespace()
                ));
            }
        }
    }
    let kinds: Vec<(String, String)> = allowed
        .map(|a| {
            a.kinds
                .iter()
                .map(|k| {
                    let group = k.group.as_ref().map_or(GROUP, |g| g.value.as_str()).to_string();
                    (group, k.kind.as_ref().map(|k| k.value.clone()).unwrap_or_default())
                })
                .collect()
        })
        .unwrap_or_default();
    let kind = route.kind().as_str();
    let ok = if kinds.is_empty() {
        listener.default_kinds().contains(&route.kind())
    } else {
        kinds.iter().any(|(g, k)| g == GROUP && k == kind)
    };
    if !ok {
        let listed = if kinds.is_empty() {
            listener.default_kinds().iter().map(|k| k.as_str()).collect::<Vec<_>>().join(", ")
        } else {
            kinds.iter().map(|(_, k)| k.as_str()).collect::<Vec<_>>().join(", ")
        };
        let listed = if listed.is_empty() { "no route kind".to_string() } else { listed };
        return Err(format!(
            "({} on port {}) takes {listed}, not {kind}",
            listener.protocol_text,
            port_text(listener.port)
        ));
    }
    Ok(())
}

fn port_text(port: Option<i64>) -> String {
    port.map_or("(none)".to_string(), |p| p.to_string())
}

/// Does a label selector select a namespace? A namespace not in the input has only its
/// `kubernetes.io/metadata.name` label (set by the API server on every Namespace).
fn selects(selector: &LabelSelector, namespace: &str, objects: &GatewayObjects) -> bool {
    let label = |key: &str| -> Option<String> {
        match objects.namespace(namespace) {
            Some(ns) => ns.label(key).map(str::to_string),
            None => (key == "kubernetes.io/metadata.name").then(|| namespace.to_string()),
        }
    };
    let labels_ok = selector.match_labels.iter().all(|(k, v)| label(&k.value).as_deref() == Some(v.value.as_str()));
    let expressions_ok = selector.match_expressions.iter().all(|e| {
        let key = e.key.as_ref().map_or("", |k| k.value.as_str());
        let values: Vec<&str> = e.values.iter().map(|v| v.value.as_str()).collect();
        let value = label(key);
        match e.operator.as_ref().map_or("", |o| o.value.as_str()) {
            "In" => value.is_some_and(|v| values.contains(&v.as_str())),
            "NotIn" => value.is_none_or(|v| !values.contains(&v.as_str())),
            "Exists" => value.is_some(),
            "DoesNotExist" => value.is_none(),
            _ => false,
        }
    });
    labels_ok && expressions_ok
}

/// Why a backend reference does not resolve (`ResolvedRefs: False`; `httproute_types.go`
/// `HTTPBackendRef.BackendRef`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum RefProblem {
    /// `InvalidKind`: not a core Service.
    InvalidKind(String),
    /// `BackendNotFound`: the input lists Services and not this one.
    NotFound,
    /// `RefNotPermitted`: another namespace, no ReferenceGrant.
    NotPermitted,
}

impl RefProblem {
    pub fn reason(&self) -> &'static str {
        match self {
            RefProblem::InvalidKind(_) => "InvalidKind",
            RefProblem::NotFound => "BackendNotFound",
            RefProblem::NotPermitted => "RefNotPermitted",
        }
    }
}

/// A backend reference, resolved.
#[derive(Clone, Debug)]
pub(crate) struct ResolvedBackend {
    pub backend: GatewayBackend,
    pub problem: Option<RefProblem>,
    pub span: Span,
}

/// G7: resolves a backendRef (or a mirror's) of a route in `route_namespace`. The kind must be a
/// core Service (group `""`, kind `Service`); another namespace needs a ReferenceGrant there
/// (`referencegrant_types.go`); the Service must exist when the input lists Services (an input
/// without any Service is read as not showing them: its references are taken as existing).
pub(crate) fn resolve_backend(
    reference: &BackendRef,
    route_kind: RouteKind,
    route_namespace: &str,
    manifest: &Manifest,
) -> ResolvedBackend {
    resolve_object(
        reference.group(),
        reference.kind_or_default(),
        reference.namespace_or(route_namespace),
        reference.name(),
        reference.port.as_ref().map(|p| p.value),
        reference.span,
        route_kind,
        route_namespace,
        manifest,
    )
}

/// [`resolve_backend`] for the fields of any reference.
#[allow(clippy::too_many_arguments)]
pub(crate) fn resolve_object(
    group: &str,
    kind: &str,
    namespace: &str,
    name: &str,
    port: Option<i64>,
    span: Span,
    route_kind: RouteKind,
    route_namespace: &str,
    manifest: &Manifest,
) -> ResolvedBackend {
    let is_service = group.is_empty() && kind == "Service";
    let backend = if is_service {
        GatewayBackend::Service {
            name: name.to_string(),
            namespace: namespace.to_string(),
            port: port.map(|number| PortNumber { number }),
        }
    } else {
        GatewayBackend::Resource {
            group: group.to_string(),
            kind: kind.to_string(),
            name: name.to_string(),
            namespace: namespace.to_string(),
        }
    };
    let problem = if !is_service {
        Some(RefProblem::InvalidKind(if group.is_empty() { kind.to_string() } else { format!("{kind}.{group}") }))
    } else if namespace != route_namespace && !granted(manifest, route_kind, route_namespace, namespace, name) {
        Some(RefProblem::NotPermitted)
    } else if !manifest.services.is_empty() && manifest.service(namespace, name).is_none() {
        Some(RefProblem::NotFound)
    } else {
        None
    };
    ResolvedBackend { backend, problem, span }
}

/// Does a ReferenceGrant in `to_namespace` let routes of `kind` in `from_namespace` refer to the
/// Service `name` (`referencegrant_types.go`: `from` entries OR, `to` entries OR; a `to` without a
/// name allows every object of its kind)?
fn granted(manifest: &Manifest, kind: RouteKind, from_namespace: &str, to_namespace: &str, name: &str) -> bool {
    manifest.gateway.reference_grants.iter().filter(|g| g.meta.namespace() == to_namespace).any(|grant| {
        let from_ok = grant.from.iter().any(|f| {
            f.group.as_ref().is_some_and(|g| g.value == GROUP)
                && f.kind.as_ref().is_some_and(|k| k.value == kind.as_str())
                && f.namespace.as_ref().is_some_and(|n| n.value == from_namespace)
        });
        let to_ok = grant.to.iter().any(|t| {
            t.group.as_ref().is_none_or(|g| g.value.is_empty())
                && t.kind.as_ref().is_some_and(|k| k.value == "Service")
                && t.name.as_ref().is_none_or(|n| n.value.is_empty() || n.value == name)
        });
        from_ok && to_ok
    })
}
