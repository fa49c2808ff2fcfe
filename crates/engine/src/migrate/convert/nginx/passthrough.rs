//! N10: `ssl-passthrough` (kubernetes-sigs/ingress2gateway v1.1.0
//! `pkg/i2gw/providers/ingressnginx/ssl_passthrough.go` `sslPassthroughFeature`, `buildTLSRoute`,
//! `addPassthroughListeners`, `stripPassthroughRules`).

use super::annotations::{parse_bool, SSL_PASSTHROUGH};
use super::Cx;
use crate::migrate::convert::aggregate::name_from_host;
use crate::migrate::convert::output::{
    BackendRef, BackendSource, HttpRoute, Listener, ListenerProtocol, ListenerTls, Output, ParentRef, TlsMode, TlsRoute,
};
use crate::migrate::NoticeLevel;

/// Routes with a backend from an `ssl-passthrough: true` Ingress get a TLSRoute of those backends
/// and TLS Passthrough listeners for their hostnames; the passthrough backends leave the HTTPRoute
/// (rules left without backends go, and so does a route left without any source of another Ingress).
pub(super) fn apply(cx: &mut Cx<'_, '_>, output: &mut Output) {
    let passthrough: Vec<bool> = (0..cx.input.ingresses.len())
        .map(|i| cx.value(i, SSL_PASSTHROUGH).and_then(parse_bool) == Some(true))
        .collect();
    if !passthrough.contains(&true) {
        return;
    }
    let mut keep = Vec::with_capacity(output.http_routes.len());
    for mut route in std::mem::take(&mut output.http_routes) {
        let sources = route.rules.iter().flat_map(|r| &r.sources);
        let (with, without): (Vec<_>, Vec<_>) = sources.partition(|s| passthrough[s.ingress]);
        if with.is_empty() {
            keep.push(route);
            continue;
        }
        let tls_route = tls_route(&route, &passthrough);
        http_dropped(cx, &route, &with);
        if tls_route.hostnames.is_empty() || tls_route.rules.is_empty() {
            refused(cx, &route, &tls_route, &with);
        } else {
            merged(cx, &tls_route, &with);
            match output.tls_routes.iter_mut().find(|r| r.namespace == tls_route.namespace && r.name == tls_route.name)
            {
                Some(existing) => *existing = tls_route,
                None => output.tls_routes.push(tls_route),
            }
        }
        add_listeners(output, &route);
        if !without.is_empty() {
            strip(&mut route, &passthrough);
            keep.push(route);
        }
    }
    output.http_routes = keep;
}

/// Upstream defect flagged (`passthrough-http-dropped`): ingress-nginx's passthrough takes TLS
/// connections on 443 only — plain HTTP still reaches the Ingress's locations — but the passthrough
/// backends leave the HTTPRoute, so port-80 requests for those paths lose their route.
fn http_dropped(cx: &mut Cx<'_, '_>, route: &HttpRoute, sources: &[&BackendSource]) {
    let owned: Vec<BackendSource> = sources.iter().map(|s| (*s).clone()).collect();
    let i = owned[0].ingress;
    let message = format!(
        "plain HTTP to {} still reaches Ingress {}'s paths in ingress-nginx (ssl-passthrough only takes TLS connections on port 443); ingress2gateway v1.1.0 (ssl_passthrough.go stripPassthroughRules) removes them from HTTPRoute {}/{}, so port-80 requests for them get no route",
        route.hostnames.first().map_or("every host", |h| h.as_str()),
        cx.id(i),
        route.namespace,
        route.name
    );
    let mut notice = crate::migrate::Notice::new(NoticeLevel::Warning, "passthrough-http-dropped", message)
        .about(cx.ingress(i).object(), cx.span(i, SSL_PASSTHROUGH));
    notice.hosts = route.hostnames.clone();
    notice.paths = cx.written_paths(&owned);
    cx.notices.push(notice);
}

/// Upstream defect flagged (`passthrough-backends-merged`): ingress-nginx hands a passthrough
/// host's TLS connections to the Service of its `/` location only; the TLSRoute lists every
/// distinct backend of the host's passthrough paths, which a Gateway balances connections across.
fn merged(cx: &mut Cx<'_, '_>, tls_route: &TlsRoute, sources: &[&BackendSource]) {
    let backends = tls_route.rules.iter().map(Vec::len).sum::<usize>();
    if backends < 2 {
        return;
    }
    let i = sources[0].ingress;
    let names: Vec<&str> = tls_route.rules.iter().flatten().map(|b| b.name.as_str()).collect();
    let message = format!(
        "TLSRoute {}/{} sends TLS connections to {backends} backends ({}), spread across them; ingress-nginx passes them to the Service of the host's `/` path only (ingress2gateway v1.1.0 ssl_passthrough.go buildTLSRoute merges every passthrough path's backend)",
        tls_route.namespace,
        tls_route.name,
        names.join(", ")
    );
    let mut notice = crate::migrate::Notice::new(NoticeLevel::Warning, "passthrough-backends-merged", message)
        .about(cx.ingress(i).object(), cx.span(i, SSL_PASSTHROUGH));
    notice.hosts = tls_route.hostnames.clone();
    cx.notices.push(notice);
}

/// Upstream writes a TLSRoute without hostnames (a host-less rule) or without backends (the rules
/// redirect), which the API server refuses (`spec.hostnames`, `spec.rules` are required): it is
/// not written here, and said; the passthrough backends still leave the HTTPRoute, as upstream's do.
fn refused(cx: &mut Cx<'_, '_>, route: &HttpRoute, tls_route: &TlsRoute, sources: &[&BackendSource]) {
    let missing = if tls_route.hostnames.is_empty() { "hostnames" } else { "backends" };
    let message = format!(
        "TLSRoute {}/{} is not written: ingress2gateway v1.1.0 writes it without {missing}, which the API server refuses; the ssl-passthrough backends still leave HTTPRoute {}/{}",
        tls_route.namespace, tls_route.name, route.namespace, route.name
    );
    let i = sources[0].ingress;
    cx.on_ingress(NoticeLevel::Warning, "tls-route-not-written", message, i, SSL_PASSTHROUGH);
}

/// `buildTLSRoute`: the route's hostnames and Gateways (on the first hostname's passthrough
/// listener), one rule with the distinct passthrough backends (`name/port`).
fn tls_route(route: &HttpRoute, passthrough: &[bool]) -> TlsRoute {
    let section = route.hostnames.first().map(|h| format!("{}-tls-passthrough", name_from_host(h)));
    let parent_refs = route
        .parent_refs
        .iter()
        .map(|p| ParentRef {
            name: p.name.clone(),
            namespace: p.namespace.clone(),
            section_name: section.clone(),
            ..Default::default()
        })
        .collect();
    let mut backends: Vec<BackendRef> = Vec::new();
    for rule in &route.rules {
        for (index, backend) in rule.backend_refs.iter().enumerate() {
            if rule.sources.get(index).is_some_and(|s| !passthrough[s.ingress]) {
                continue;
            }
            if backends.iter().any(|b| b.name == backend.name && b.port == backend.port) {
                continue;
            }
            backends.push(backend.clone());
        }
    }
    TlsRoute {
        namespace: route.namespace.clone(),
        name: format!("{}-tls-passthrough", route.name),
        parent_refs,
        hostnames: route.hostnames.clone(),
        rules: if backends.is_empty() { Vec::new() } else { vec![backends] },
    }
}

/// `addPassthroughListeners`: `<host>-tls-passthrough` on port 443, protocol TLS, Passthrough.
fn add_listeners(output: &mut Output, route: &HttpRoute) {
    for parent in &route.parent_refs {
        let namespace = parent.namespace.as_deref().unwrap_or(&route.namespace);
        let Some(gateway) = output.gateways.iter_mut().find(|g| g.namespace == namespace && g.name == parent.name)
        else {
            continue;
        };
        for host in &route.hostnames {
            let name = format!("{}-tls-passthrough", name_from_host(host));
            if gateway.listeners.iter().any(|l| l.name == name) {
                continue;
            }
            gateway.listeners.push(Listener {
                name,
                hostname: Some(host.clone()),
                port: 443,
                protocol: ListenerProtocol::Tls,
                tls: Some(ListenerTls { mode: Some(TlsMode::Passthrough), certificate_refs: Vec::new() }),
            });
        }
    }
}

/// `stripPassthroughRules`: drop the passthrough backends; rules without backends go.
fn strip(route: &mut HttpRoute, passthrough: &[bool]) {
    for rule in &mut route.rules {
        let mut index = 0;
        while index < rule.backend_refs.len() {
            if rule.sources.get(index).is_some_and(|s| passthrough[s.ingress]) {
                rule.backend_refs.remove(index);
                rule.sources.remove(index);
            } else {
                index += 1;
            }
        }
    }
    route.rules.retain(|r| !r.backend_refs.is_empty());
}
