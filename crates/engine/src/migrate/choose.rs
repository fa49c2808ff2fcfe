//! Which converted Gateway a request reaches: the first, in the conversion's order, with a
//! listener that takes it (see [`super::diff`]'s module docs). ingress2gateway writes one Gateway
//! per namespace and IngressClass, each its own load balancer with its own address
//! (kubernetes-sigs/ingress2gateway v1.1.0 `pkg/i2gw/providers/common/converter.go`
//! `ingressToGateway`), so which one a client reaches is whichever its DNS names; the first that
//! serves the host stands for it.

use crate::gateway::model::Gateway;
use crate::request::{Request, Scheme};
use std::collections::HashMap;

/// The listeners of the converted Gateways, indexed by what they accept.
#[derive(Debug, Default)]
pub(crate) struct GatewayIndex {
    /// The Gateway ids (`namespace/name`), in the conversion's order.
    pub ids: Vec<String>,
    /// Per `(https, port)`: exact hostnames → the first Gateway; wildcard suffixes (`.d`) and the
    /// first Gateway of each; the first Gateway with a hostname-less listener.
    ports: HashMap<(bool, i64), Listeners>,
}

#[derive(Debug, Default)]
struct Listeners {
    exact: HashMap<String, usize>,
    wildcard: Vec<(String, usize)>,
    any: Option<usize>,
}

impl GatewayIndex {
    /// The index of `order`'s Gateways (ids missing from `gateways` are skipped).
    pub fn new(gateways: &[Gateway], order: &[String]) -> GatewayIndex {
        let mut index = GatewayIndex::default();
        for id in order {
            let Some(gateway) = gateways.iter().find(|g| g.id() == *id) else { continue };
            let position = index.ids.len();
            index.ids.push(id.clone());
            for listener in &gateway.listeners {
                let https = match listener.protocol() {
                    "HTTP" => false,
                    "HTTPS" | "TLS" => true,
                    _ => continue,
                };
                let port = listener.port.as_ref().map_or(if https { 443 } else { 80 }, |p| p.value);
                let entry = index.ports.entry((https, port)).or_default();
                match listener.hostname.as_ref().map(|h| h.value.to_ascii_lowercase()) {
                    None => {
                        entry.any.get_or_insert(position);
                    }
                    Some(h) if h.is_empty() => {
                        entry.any.get_or_insert(position);
                    }
                    Some(h) => match h.strip_prefix('*') {
                        Some(suffix) => {
                            if !entry.wildcard.iter().any(|(s, _)| *s == suffix) {
                                entry.wildcard.push((suffix.to_string(), position));
                            }
                        }
                        None => {
                            entry.exact.entry(h).or_insert(position);
                        }
                    },
                }
            }
        }
        index
    }

    /// The id of the Gateway `request` reaches: the first with a listener for its scheme, port and
    /// host; else the first Gateway (whose answer says no listener takes it); `None` without any.
    pub fn gateway_for(&self, request: &Request) -> Option<&str> {
        let https = request.scheme == Scheme::Https;
        let (host, port) = crate::request::split_host_port(request.host.trim());
        let port = port.and_then(|p| p.parse().ok()).unwrap_or(if https { 443 } else { 80 });
        let host = host.strip_suffix('.').unwrap_or(host).to_ascii_lowercase();
        // HTTPS listeners are chosen by the SNI name.
        let name = if https { request.sni.as_deref().map(str::to_ascii_lowercase).unwrap_or(host) } else { host };
        let best = self.ports.get(&(https, port)).and_then(|l| {
            let exact = l.exact.get(&name).copied();
            // Gateway API wildcards cover one or more labels (`*.d` takes `a.d` and `a.b.d`).
            let wildcard = l.wildcard.iter().filter(|(s, _)| name.ends_with(s.as_str()) && name.len() > s.len());
            [exact, wildcard.map(|(_, g)| *g).min(), l.any].into_iter().flatten().min()
        });
        self.ids.get(best.unwrap_or(0)).map(String::as_str)
    }
}
