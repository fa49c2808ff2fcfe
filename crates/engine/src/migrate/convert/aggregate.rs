//! The common converter: Ingress rules grouped by namespace, class, host and protocol; one
//! Gateway per namespace and class; HTTPRoutes and GRPCRoutes per group; default-backend routes.
//!
//! kubernetes-sigs/ingress2gateway v1.1.0 `pkg/i2gw/providers/common/converter.go` (`ToIR`,
//! `ingressAggregator`) and `utils.go` (`NameFromHost`, `RouteName`, `ToBackendRef`,
//! `groupIngressPathsByMatchKey`, `ParseGRPCServiceMethod`). The rules are C1…C9 in
//! [`super`]'s docs.

use super::input::{Input, InputIngress};
use super::output::*;
use crate::migrate::{Notice, NoticeLevel};
use crate::model::{Backend, HttpPath, PathType};
use crate::source::Span;
use std::collections::BTreeMap;

/// Which route kind an Ingress's rules become (upstream `common.Protocol`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Protocol {
    /// `http`: HTTPRoute.
    Http,
    /// `grpc`: GRPCRoute.
    Grpc,
}

impl Protocol {
    /// As upstream spells it in the rule group key.
    fn as_str(self) -> &'static str {
        match self {
            Protocol::Http => "http",
            Protocol::Grpc => "grpc",
        }
    }
}

/// How the provider turns an `ImplementationSpecific` path match into a Gateway API one
/// (upstream `ProviderImplementationSpecificOptions.ToImplementationSpecificHTTPPathTypeMatch`);
/// `None`: the path is an error.
pub type ImplementationSpecific = Option<fn(&mut PathMatch)>;

/// One Ingress to convert and the route kind its rules become.
pub struct Selected {
    /// Index into [`Input::ingresses`].
    pub ingress: usize,
    /// HTTP or gRPC.
    pub protocol: Protocol,
}

/// The rules of one namespace/class/host/protocol (upstream `ingressRuleGroup`).
struct RuleGroup {
    namespace: String,
    /// The first Ingress's name: the routes are named after it.
    name: String,
    class: String,
    host: String,
    protocol: Protocol,
    /// The TLS entries of every Ingress contributing a rule: `(hosts, secretName)`.
    tls: Vec<(Vec<String>, String)>,
    /// `(ingress index, rule index)` in contribution order.
    rules: Vec<(usize, usize)>,
}

/// One Ingress path of a group (upstream `ingressPath`).
struct GroupPath<'a> {
    /// Index of the rule within the group (upstream's `ruleIdx`, used in error paths).
    group_rule: usize,
    path_index: usize,
    ingress: usize,
    rule: usize,
    path: &'a HttpPath,
}

/// Converts `selected` (HTTP Ingresses first, then gRPC ones, each in input order, as upstream
/// `ToIR` adds them) into Gateways and routes; upstream's field errors become error notices and the
/// conversion goes on (C9).
pub fn to_output(
    input: &Input<'_>,
    selected: &[Selected],
    implementation_specific: ImplementationSpecific,
    notices: &mut Vec<Notice>,
) -> Output {
    let mut groups: BTreeMap<String, RuleGroup> = BTreeMap::new();
    let mut default_backends: Vec<usize> = Vec::new();
    for pass in [Protocol::Http, Protocol::Grpc] {
        for s in selected.iter().filter(|s| s.protocol == pass) {
            let ing = &input.ingresses[s.ingress];
            add_ingress(&mut groups, s.ingress, ing, s.protocol);
            if ing.ingress.spec.default_backend.is_some() {
                default_backends.push(s.ingress);
            }
        }
    }

    let mut output = Output::default();
    // Listeners per `namespace/class`, in group order (upstream `listenersByNamespacedGateway`).
    let mut listeners: BTreeMap<(String, String), Vec<Listener>> = BTreeMap::new();
    // The key is upstream's `ns/class/host/protocol` string: its order (C2) is the text's.
    for group in groups.values() {
        listeners
            .entry((group.namespace.clone(), group.class.clone()))
            .or_default()
            .push(group_listener(group, notices));
        let paths = group_paths(input, group);
        match group.protocol {
            Protocol::Http => {
                let route = http_route(input, group, &paths, implementation_specific, notices);
                push_route(&mut output.http_routes, route, |r| (&r.namespace, &r.name), notices);
            }
            Protocol::Grpc => {
                let route = grpc_route(input, group, &paths, notices);
                push_route(&mut output.grpc_routes, route, |r| (&r.namespace, &r.name), notices);
            }
        }
    }

    for (position, &ingress) in default_backends.iter().enumerate() {
        let route = default_backend_route(input, ingress, position, notices);
        if !listeners.contains_key(&(route.namespace.clone(), input.ingresses[ingress].class.clone())) {
            let ing = &input.ingresses[ingress];
            notices.push(
                Notice::new(
                    NoticeLevel::Warning,
                    "default-backend-without-gateway",
                    format!(
                        "HTTPRoute {}/{} for the defaultBackend of Ingress {} has no Gateway {:?}: ingress2gateway makes Gateways from rules only, and no rule of this namespace and class has one",
                        route.namespace,
                        route.name,
                        ing.ingress.id(),
                        ing.class
                    ),
                )
                .about(ing.object(), ing.ingress.spec.default_backend.as_ref().map(|b| b.span)),
            );
        }
        push_route(&mut output.http_routes, route, |r| (&r.namespace, &r.name), notices);
    }

    for ((namespace, class), listeners) in listeners {
        output.gateways.push(Gateway {
            listeners: merge_listeners(&namespace, &class, listeners, notices),
            namespace,
            name: class.clone(),
            class_name: class,
        });
    }
    output
}

/// C1: upstream `addIngress`/`addIngressRule`.
fn add_ingress(groups: &mut BTreeMap<String, RuleGroup>, index: usize, ing: &InputIngress<'_>, protocol: Protocol) {
    let spec = &ing.ingress.spec;
    for (rule_index, rule) in spec.rules.iter().enumerate() {
        let key = format!("{}/{}/{}/{}", ing.namespace(), ing.class, rule.host(), protocol.as_str());
        let group = groups.entry(key).or_insert_with(|| RuleGroup {
            namespace: ing.namespace().to_string(),
            name: ing.name().to_string(),
            class: ing.class.clone(),
            host: rule.host().to_string(),
            protocol,
            tls: Vec::new(),
            rules: Vec::new(),
        });
        for tls in &spec.tls {
            let hosts = tls.hosts.iter().map(|h| h.value.clone()).collect();
            group.tls.push((hosts, tls.secret_name.as_ref().map(|s| s.value.clone()).unwrap_or_default()));
        }
        group.rules.push((index, rule_index));
    }
}

/// C3: the group's listener before merging: its host (or the TLS entry's only host for a
/// host-less rule), TLS with every secret named by the contributing Ingresses.
fn group_listener(group: &RuleGroup, notices: &mut Vec<Notice>) -> Listener {
    let hostname = if !group.host.is_empty() {
        Some(group.host.clone())
    } else if group.tls.len() == 1 && group.tls[0].0.len() == 1 {
        Some(group.tls[0].0[0].clone())
    } else {
        None
    };
    let tls = if group.tls.is_empty() {
        None
    } else {
        // Upstream collects the names in a Go map, so their order varies from run to run; sorted
        // here so that the output is deterministic.
        let mut names: Vec<String> = group.tls.iter().map(|(_, s)| s.clone()).collect();
        crate::order::sort_by(&mut names, |a, b| a.cmp(b));
        names.dedup();
        if names.iter().any(String::is_empty) {
            names.retain(|n| !n.is_empty());
            // Upstream writes a certificateRef named "", which the API server refuses (and with it
            // the whole Gateway); without any name left, the HTTPS listener is left out.
            let outcome = if names.is_empty() {
                "no HTTPS listener is written: the host is not served over HTTPS"
            } else {
                "it is left out"
            };
            notices.push(
                Notice::new(
                    NoticeLevel::Warning,
                    "tls-without-secret",
                    format!(
                        "a tls entry for host {:?} has no secretName (ingress-nginx serves its default certificate); ingress2gateway would write a certificateRef named \"\", which the API server refuses, so {outcome}",
                        group.host
                    ),
                )
                .about(group_object(group), None),
            );
        }
        (!names.is_empty()).then_some(ListenerTls { mode: None, certificate_refs: names })
    };
    Listener { name: String::new(), hostname, port: 0, protocol: ListenerProtocol::Http, tls }
}

/// `Ingress ns/name` of the group's first Ingress.
fn group_object(group: &RuleGroup) -> String {
    format!("Ingress {}/{}", group.namespace, group.name)
}

/// C3: one HTTP listener (port 80) and, with TLS, one HTTPS listener (443) per host name, named
/// `<NameFromHost>-http`/`-https` (`http`/`https` without a host); the first listener of a name
/// wins, certificate refs merge and dedupe (upstream `toRoutesAndGateways`).
fn merge_listeners(namespace: &str, class: &str, pending: Vec<Listener>, notices: &mut Vec<Notice>) -> Vec<Listener> {
    let mut merged: Vec<Listener> = Vec::new();
    for l in pending {
        let prefix = match &l.hostname {
            Some(h) if !h.is_empty() => format!("{}-", name_from_host(h)),
            _ => String::new(),
        };
        let http = format!("{prefix}http");
        add_listener(&mut merged, &http, &l.hostname, 80, ListenerProtocol::Http, None, namespace, class, notices);
        if let Some(tls) = &l.tls {
            let https = format!("{prefix}https");
            let refs = tls.certificate_refs.clone();
            add_listener(
                &mut merged,
                &https,
                &l.hostname,
                443,
                ListenerProtocol::Https,
                Some(refs),
                namespace,
                class,
                notices,
            );
        }
    }
    merged
}

#[allow(clippy::too_many_arguments)]
fn add_listener(
    merged: &mut Vec<Listener>,
    name: &str,
    hostname: &Option<String>,
    port: u16,
    protocol: ListenerProtocol,
    certificates: Option<Vec<String>>,
    namespace: &str,
    class: &str,
    notices: &mut Vec<Notice>,
) {
    let index = match merged.iter().position(|m| m.name == name) {
        Some(i) => {
            if merged[i].hostname != *hostname {
                notices.push(Notice::new(
                    NoticeLevel::Warning,
                    "listener-name-collision",
                    format!(
                        "Gateway {namespace}/{class}: hosts {:?} and {:?} both make listener {name}; ingress2gateway keeps the first, so requests for {:?} find no listener",
                        merged[i].hostname.as_deref().unwrap_or(""),
                        hostname.as_deref().unwrap_or(""),
                        hostname.as_deref().unwrap_or("")
                    ),
                )
                .about(format!("Gateway {namespace}/{class}"), None));
            }
            i
        }
        None => {
            let tls = certificates.as_ref().map(|_| ListenerTls::default());
            merged.push(Listener { name: name.to_string(), hostname: hostname.clone(), port, protocol, tls });
            merged.len() - 1
        }
    };
    if let (Some(certs), Some(tls)) = (certificates, merged[index].tls.as_mut()) {
        for c in certs {
            if !tls.certificate_refs.contains(&c) {
                tls.certificate_refs.push(c);
            }
        }
    }
}

/// kubernetes-sigs/ingress2gateway v1.1.0 `pkg/i2gw/providers/common/utils.go` `NameFromHost`:
/// runs of characters other than ASCII letters and digits become `-`, leading ones are dropped;
/// `""` and `*` are `all-hosts`.
pub fn name_from_host(host: &str) -> String {
    if host.is_empty() || host == "*" {
        return "all-hosts".to_string();
    }
    let mut out = String::with_capacity(host.len());
    let mut in_run = false;
    for c in host.chars() {
        if c.is_ascii_alphanumeric() {
            out.push(c);
            in_run = false;
        } else if !in_run {
            out.push('-');
            in_run = true;
        }
    }
    out.trim_start_matches('-').to_string()
}

/// `RouteName`: `<ingress>-<NameFromHost(host)>`.
pub fn route_name(ingress: &str, host: &str) -> String {
    format!("{ingress}-{}", name_from_host(host))
}

/// C4: the group's paths keyed by `pathType/path`, keys in first-seen order
/// (`groupIngressPathsByMatchKey`).
fn group_paths<'a>(input: &'a Input<'_>, group: &RuleGroup) -> Vec<(String, Vec<GroupPath<'a>>)> {
    let mut keyed: Vec<(String, Vec<GroupPath<'a>>)> = Vec::new();
    for (group_rule, &(ingress, rule)) in group.rules.iter().enumerate() {
        let Some(http) = &input.ingresses[ingress].ingress.spec.rules[rule].http else { continue };
        for (path_index, path) in http.paths.iter().enumerate() {
            let kind = path.path_type.as_ref().map_or("", |t| t.value.as_str());
            let key = format!("{kind}/{}", path.path());
            let entry = GroupPath { group_rule, path_index, ingress, rule, path };
            match keyed.iter_mut().find(|(k, _)| *k == key) {
                Some((_, list)) => list.push(entry),
                None => keyed.push((key, vec![entry])),
            }
        }
    }
    keyed
}

/// C4: `toHTTPRoute`.
fn http_route(
    input: &Input<'_>,
    group: &RuleGroup,
    paths: &[(String, Vec<GroupPath<'_>>)],
    implementation_specific: ImplementationSpecific,
    notices: &mut Vec<Notice>,
) -> HttpRoute {
    let mut route = route_head(group);
    for (_, list) in paths {
        let first = &list[0];
        let Some(path) = path_match(input, first, implementation_specific, notices) else { continue };
        let (backend_refs, sources) = backends(input, &group.namespace, list, notices);
        route.rules.push(HttpRouteRule {
            matches: vec![HttpRouteMatch { path: Some(path), headers: Vec::new() }],
            backend_refs,
            sources,
            ..HttpRouteRule::default()
        });
    }
    HttpRoute {
        namespace: route.namespace,
        name: route.name,
        parent_refs: route.parent_refs,
        hostnames: route.hostnames,
        rules: route.rules,
    }
}

/// C6: `toGRPCRoute`: the path `/<service>/<method>` becomes a method match (none for `/`).
fn grpc_route(
    input: &Input<'_>,
    group: &RuleGroup,
    paths: &[(String, Vec<GroupPath<'_>>)],
    notices: &mut Vec<Notice>,
) -> GrpcRoute {
    let head = route_head(group);
    let mut route = GrpcRoute {
        namespace: head.namespace,
        name: head.name,
        parent_refs: head.parent_refs,
        hostnames: head.hostnames,
        rules: Vec::new(),
    };
    for (_, list) in paths {
        let (service, method) = parse_grpc_service_method(list[0].path.path());
        let matches = if service.is_some() || method.is_some() {
            vec![GrpcRouteMatch { service, method, headers: Vec::new() }]
        } else {
            Vec::new()
        };
        let (backend_refs, sources) = backends(input, &group.namespace, list, notices);
        route.rules.push(GrpcRouteRule { matches, filters: Vec::new(), backend_refs, sources });
    }
    route
}

/// `ParseGRPCServiceMethod`: `/svc/method` → (`svc`, `method`); empty parts are absent.
pub fn parse_grpc_service_method(path: &str) -> (Option<String>, Option<String>) {
    let path = path.strip_prefix('/').unwrap_or(path);
    let mut parts = path.splitn(2, '/');
    let service = parts.next().filter(|s| !s.is_empty()).map(str::to_string);
    let method = parts.next().filter(|s| !s.is_empty()).map(str::to_string);
    (service, method)
}

/// Name, namespace, parentRefs (the class's Gateway, when there is a class) and hostnames.
fn route_head(group: &RuleGroup) -> HttpRoute {
    HttpRoute {
        namespace: group.namespace.clone(),
        name: route_name(&group.name, &group.host),
        parent_refs: if group.class.is_empty() { Vec::new() } else { vec![ParentRef::to_gateway(&group.class)] },
        hostnames: if group.host.is_empty() { Vec::new() } else { vec![group.host.clone()] },
        rules: Vec::new(),
    }
}

/// C5: `toHTTPRouteMatch`: Prefix → PathPrefix, Exact → Exact, ImplementationSpecific as the
/// provider says; a missing or unknown pathType is an error and the rule is left out.
fn path_match(
    input: &Input<'_>,
    path: &GroupPath<'_>,
    implementation_specific: ImplementationSpecific,
    notices: &mut Vec<Notice>,
) -> Option<PathMatch> {
    let field = format!("spec.rules[{}].http.paths[{}].pathType", path.group_rule, path.path_index);
    let value = path.path.path().to_string();
    let (code, message) = match (&path.path.path_type, path.path.path_type()) {
        (_, Some(PathType::Prefix)) => return Some(PathMatch { kind: PathMatchType::PathPrefix, value }),
        (_, Some(PathType::Exact)) => return Some(PathMatch { kind: PathMatchType::Exact, value }),
        (_, Some(PathType::ImplementationSpecific)) => match implementation_specific {
            Some(convert) => {
                let mut m = PathMatch { kind: PathMatchType::PathPrefix, value };
                convert(&mut m);
                return Some(m);
            }
            None => (
                "implementation-specific-path",
                format!("{field}: Invalid value: \"ImplementationSpecific\": implementationSpecific path type is not supported in generic translation, and your provider does not provide custom support to translate it"),
            ),
        },
        (None, _) => ("path-type-required", format!("{field}: Invalid value: null: pathType is required")),
        (Some(t), None) => {
            ("unsupported-path-type", format!("{field}: Invalid value: {:?}: unsupported path match type: {}", t.value, t.value))
        }
    };
    let ing = &input.ingresses[path.ingress];
    notices.push(Notice::new(NoticeLevel::Error, code, message).about(ing.object(), Some(path.path.span)));
    None
}

/// C7: `configureBackendRef`: every path of the key adds its backend (duplicates kept), each with
/// its source.
fn backends(
    input: &Input<'_>,
    namespace: &str,
    paths: &[GroupPath<'_>],
    notices: &mut Vec<Notice>,
) -> (Vec<BackendRef>, Vec<BackendSource>) {
    let mut refs = Vec::new();
    let mut sources = Vec::new();
    for (i, p) in paths.iter().enumerate() {
        let field = format!("paths.backends[{i}]");
        let ing = &input.ingresses[p.ingress];
        match p.path.backend.as_ref().and_then(|b| backend_ref(input, ing, namespace, b, &field, notices)) {
            Some(r) => {
                refs.push(r);
                sources.push(BackendSource {
                    ingress: p.ingress,
                    part: SourcePart::Path { rule: p.rule, path: p.path_index },
                    span: p.path.span,
                });
            }
            None if p.path.backend.is_none() => notices.push(missing_backend(ing, p.path.span)),
            None => {}
        }
    }
    (refs, sources)
}

/// C7: `ToBackendRef`: a Service by name and port number, a named port through the input's
/// Service (an error when it has no such port), or a `resource` by group, kind and name.
fn backend_ref(
    input: &Input<'_>,
    ing: &InputIngress<'_>,
    namespace: &str,
    backend: &Backend,
    field: &str,
    notices: &mut Vec<Notice>,
) -> Option<BackendRef> {
    if let Some(service) = &backend.service {
        let name = service.name.as_ref().map(|n| n.value.clone()).unwrap_or_default();
        let port_name = service.port.as_ref().and_then(|p| p.name.as_ref()).map_or("", |n| n.value.as_str());
        if port_name.is_empty() {
            let number = service.port.as_ref().and_then(|p| p.number.as_ref()).map_or(0, |n| n.value);
            return Some(BackendRef { name, port: Some(number), ..BackendRef::default() });
        }
        return match input.service_port(namespace, &name, port_name) {
            Some(number) => Some(BackendRef { name, port: Some(number), ..BackendRef::default() }),
            None => {
                notices.push(
                    Notice::new(
                        NoticeLevel::Error,
                        "named-port-not-found",
                        format!("{field}.service.port: Invalid value: \"name\": cannot find port with name {port_name} in service {name}"),
                    )
                    .about(ing.object(), Some(service.span)),
                );
                None
            }
        };
    }
    let Some(resource) = &backend.resource else {
        notices.push(missing_backend(ing, backend.span));
        return None;
    };
    let text = |v: &Option<crate::model::Spanned<String>>| v.as_ref().map(|s| s.value.clone());
    Some(BackendRef {
        group: text(&resource.api_group),
        kind: Some(text(&resource.kind).unwrap_or_default()),
        name: text(&resource.name).unwrap_or_default(),
        port: None,
        weight: None,
    })
}

/// A backend with neither `service` nor `resource` (upstream would dereference nil and crash).
fn missing_backend(ing: &InputIngress<'_>, span: Span) -> Notice {
    Notice::new(
        NoticeLevel::Error,
        "backend-missing",
        "backend has neither service nor resource: nothing to route to, so no backendRef is written",
    )
    .about(ing.object(), Some(span))
}

/// C8: `<ingress>-default-backend`, no hostnames, the class's Gateway as parent (even without a
/// class), one rule with the backend.
/// `position`: the Ingress's place among those with a default backend (upstream's error path).
fn default_backend_route(input: &Input<'_>, index: usize, position: usize, notices: &mut Vec<Notice>) -> HttpRoute {
    let ing = &input.ingresses[index];
    let backend = ing.ingress.spec.default_backend.as_ref().expect("only Ingresses with a defaultBackend");
    let mut route = HttpRoute {
        namespace: ing.namespace().to_string(),
        name: format!("{}-default-backend", ing.name()),
        parent_refs: vec![ParentRef::to_gateway(&ing.class)],
        hostnames: Vec::new(),
        rules: Vec::new(),
    };
    let field = format!("{}.paths.backends[{position}]", ing.name());
    if let Some(r) = backend_ref(input, ing, ing.namespace(), backend, &field, notices) {
        route.rules.push(HttpRouteRule {
            backend_refs: vec![r],
            sources: vec![BackendSource { ingress: index, part: SourcePart::DefaultBackend, span: backend.span }],
            ..HttpRouteRule::default()
        });
    }
    route
}

/// Upstream keeps routes in a map by `namespace/name`: a later route of the same name replaces an
/// earlier one (two hosts with the same `NameFromHost`), which is flagged.
fn push_route<R>(routes: &mut Vec<R>, route: R, key: impl Fn(&R) -> (&String, &String), notices: &mut Vec<Notice>) {
    let (ns, name) = key(&route);
    if let Some(i) = routes.iter().position(|r| key(r) == (ns, name)) {
        notices.push(Notice::new(
            NoticeLevel::Warning,
            "route-name-collision",
            format!("two rule groups make route {ns}/{name}; ingress2gateway keeps the last one, and the first one's rules are lost"),
        )
        .about(format!("route {ns}/{name}"), None));
        routes[i] = route;
    } else {
        routes.push(route);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_from_hosts_as_upstream() {
        assert_eq!(name_from_host("example.com"), "example-com");
        assert_eq!(name_from_host("*.example.com"), "example-com");
        assert_eq!(name_from_host("*"), "all-hosts");
        assert_eq!(name_from_host(""), "all-hosts");
        assert_eq!(name_from_host("a..b"), "a-b");
        assert_eq!(name_from_host("a.b."), "a-b-");
        assert_eq!(route_name("web", "foo.bar"), "web-foo-bar");
    }

    /// kubernetes-sigs/ingress2gateway v1.1.0 `pkg/i2gw/providers/common/utils_test.go`
    /// `TestParseGRPCServiceMethod`'s table.
    #[test]
    fn grpc_paths_split_into_service_and_method() {
        let table = [
            ("", "", ""),
            ("/", "", ""),
            ("/UserService", "UserService", ""),
            ("/UserService/GetUser", "UserService", "GetUser"),
            ("/UserService/GetUser/extra", "UserService", "GetUser/extra"),
            ("UserService/GetUser", "UserService", "GetUser"),
        ];
        let some = |v: &str| (!v.is_empty()).then(|| v.to_string());
        for (path, service, method) in table {
            assert_eq!(parse_grpc_service_method(path), (some(service), some(method)), "{path:?}");
        }
    }
}
