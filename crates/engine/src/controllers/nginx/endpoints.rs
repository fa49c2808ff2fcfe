//! A location whose Service has no endpoints, and the `default-backend` annotation.
//!
//! kubernetes/ingress-nginx at controller-v1.15.1: an upstream without endpoints gets no Lua
//! balancer (`rootfs/etc/nginx/lua/balancer.lua` `sync_backend`), so `balancer.rewrite()` answers
//! 503 in the location's rewrite phase, after lua_ingress.lua's ssl-redirect
//! (`rootfs/etc/nginx/lua/nginx/ngx_rewrite.lua`). `getBackendServers`
//! (`internal/ingress/controller/controller.go`, `shouldCreateUpstreamForLocationDefaultBackend`)
//! swaps such a location's upstream for `custom-default-backend-<namespace>-<service>` when the
//! location's Ingress has `default-backend` (`internal/ingress/annotations/defaultbackend/main.go`:
//! a Service of the Ingress's namespace, which must exist) with endpoints; nginx.tmpl then sends
//! it `X-Code: 503`, and the backend's port is the Service's first port.
//!
//! The annotation does not answer the requests no location of the Ingress matches: those go to
//! the server's `location /`, whose upstream is the creating Ingress's spec.defaultBackend or the
//! controller's default backend, and the latter is never swapped (`upstream.Name == defUpstreamName`
//! is skipped). With `custom-http-errors` it also answers the listed error codes the backend
//! returns; the simulator does not simulate a backend's status.
//!
//! The simulator knows endpoints only through the input's Services: when the input lists
//! Services, a Service missing from it has none; every Service it lists (and every Service when
//! it lists none) is assumed to have ready endpoints.

use super::config::{upstream, Target};
use crate::controllers::Context;
use crate::decision::{BackendRef, PortRef};
use crate::model::Service;

/// What answers a location whose Service has no endpoints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NoEndpoints {
    /// The location's Ingress's default-backend Service (`namespace/name`) answers with `X-Code: 503`.
    CustomDefault { service: String, backend: BackendRef },
    /// nginx answers 503; `why_not_custom` says why default-backend did not help, when it is set.
    Unavailable { why_not_custom: Option<NotCustom> },
}

/// Why a default-backend annotation could not stand in for a Service without endpoints.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum NotCustom {
    /// Its Service (`namespace/name`) is not in the input either.
    Missing(String),
    /// Its Service (`namespace/name`) has no ports.
    NoPorts(String),
}

/// The location's upstream Service (`namespace/name`) when the input shows it has no endpoints,
/// and what answers instead. `owner` is the Ingress whose annotations the location carries.
pub(crate) fn check(
    cx: &Context<'_>,
    target: Target,
    owner: Option<usize>,
    default_backend: Option<&str>,
) -> Option<(String, NoEndpoints)> {
    let services = &cx.manifest.services;
    let (namespace, BackendRef::Service { name, .. }) = upstream(cx, target)? else { return None };
    if services.is_empty() || find(services, &namespace, &name).is_some() {
        return None;
    }
    let missing = format!("{namespace}/{name}");
    let Some(custom) = default_backend else {
        return Some((missing, NoEndpoints::Unavailable { why_not_custom: None }));
    };
    let custom_namespace = owner.map_or(namespace.as_str(), |i| cx.manifest.ingresses[i].meta.namespace());
    let answer = match find(services, custom_namespace, custom) {
        None => NoEndpoints::Unavailable {
            why_not_custom: Some(NotCustom::Missing(format!("{custom_namespace}/{custom}"))),
        },
        Some(service) => match service.ports.first().and_then(|p| p.port) {
            Some(port) => NoEndpoints::CustomDefault {
                service: format!("{custom_namespace}/{custom}"),
                backend: BackendRef::Service { name: custom.to_string(), port: PortRef::Number(port) },
            },
            None => NoEndpoints::Unavailable {
                why_not_custom: Some(NotCustom::NoPorts(format!("{custom_namespace}/{custom}"))),
            },
        },
    };
    Some((missing, answer))
}

fn find<'a>(services: &'a [Service], namespace: &str, name: &str) -> Option<&'a Service> {
    services.iter().find(|s| s.meta.name() == name && s.meta.namespace() == namespace)
}
