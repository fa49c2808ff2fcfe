//! Traefik's `kubernetesIngress` provider (traefik/traefik v3.7.9
//! `pkg/provider/kubernetes/ingress/kubernetes.go`): one router per path (`loadRouter`), the
//! `traefik.ingress.kubernetes.io/router.*` annotations, the rules-less defaultBackend (see the
//! rules in [`super`]).
//!
//! A backend gets a router only when `loadService` creates its service: a Service port it names
//! (by number, or by a non-empty name) must be one of the Service's ports ("service port not
//! found", v3.7.9 as v3.6.10 and v3.6.24), and the Service must exist ("service not found"). The
//! simulator knows the cluster's Services only through the input: when it lists Services, a
//! Service missing from it does not exist; when it lists none, every Service is assumed to exist
//! (as the ingress-nginx profiles assume). An ExternalName Service is refused
//! (`allowExternalNameServices` is off by default). The ports are checked when the input lists the
//! Service with its ports; those of a Service listed without ports (a stub) are not known.

use super::prose::{self, Dropped};
use super::{normalize, Built, PathCond, Provider, Release, Traefik, TraefikRouter, PATH_MATCHER, PRIORITY};
use crate::controllers::common::{by_age, TieBreak};
use crate::controllers::glob::compile_regex;
use crate::controllers::glob::verdict::Slot;
use crate::controllers::Context;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::{Backend, HttpPath, Ingress, PathType, Service, ServiceBackend};

/// The provider's routers, and the paths and Ingresses it drops.
pub(super) fn compile(cx: &Context<'_>) -> (Traefik, Vec<Diagnostic>) {
    let mut built = Built::default();
    let mut diagnostics = Vec::new();
    let mut default_taken = false;
    let release = Release::of(cx.profile);
    for i in by_age(cx, TieBreak::NameAscending) {
        let ingress = &cx.manifest.ingresses[i];
        let warn = |message: String, span| {
            Diagnostic::new(Severity::Warning, Code::Controller, message)
                .on(format!("Ingress {}", ingress.id()))
                .at(span)
        };
        // parseRouterConfig: an annotation that does not parse drops the whole Ingress.
        let priority = match ingress.meta.annotation(PRIORITY) {
            None => 0,
            Some(v) => match v.value.trim().parse::<i64>() {
                Ok(n) => n,
                Err(_) => {
                    diagnostics.push(warn(prose::bad_priority(&v.value, &ingress.id()), v.span));
                    continue;
                }
            },
        };
        if ingress.spec.rules.is_empty() {
            if let Some(backend) = &ingress.spec.default_backend {
                let slot = Slot::Default { ingress: i };
                if default_taken {
                    built.unused_defaults.push(slot);
                } else if let Some((why, warning)) = default_dropped(cx, ingress, backend) {
                    diagnostics.extend(warning.map(|message| warn(message, backend.span)));
                    built.skipped.push((slot, why));
                } else {
                    default_taken = true;
                    built.routers.push(TraefikRouter {
                        name: "default-router".into(),
                        rule: release.matcher("PathPrefix", "/"),
                        priority: i64::from(i32::MIN),
                        ..TraefikRouter::new(slot, None, release, PathCond::Prefix("/".into()))
                    });
                }
            }
            continue;
        }
        if ingress.spec.default_backend.is_some() {
            built.skipped.push((Slot::Default { ingress: i }, Dropped::DefaultBesideRules));
        }
        let matcher = ingress.meta.annotation(PATH_MATCHER).map(|v| v.value.trim());
        for (r, rule) in ingress.spec.rules.iter().enumerate() {
            let Some(http) = &rule.http else { continue };
            for (p, path) in http.paths.iter().enumerate() {
                let slot = Slot::Path { ingress: i, rule: r, path: p };
                match router(cx, ingress, slot, path, (release, matcher)) {
                    Ok(mut router) => {
                        if priority != 0 {
                            router.priority = priority;
                        }
                        built.routers.push(router);
                    }
                    Err((why, warning)) => {
                        if let Some(message) = warning {
                            diagnostics.push(warn(message, path.span));
                        }
                        built.skipped.push((slot, why));
                    }
                }
            }
        }
    }
    (Traefik::assemble(cx, built, Provider::Ingress), diagnostics)
}

/// Why a path has no router, and the warning to give about it.
type NoRouter = (Dropped, Option<String>);

/// Why a rules-less defaultBackend gets no router (`loadConfigurationFromIngresses` @v3.7.9,
/// checked after "The default backend already exists").
fn default_dropped(cx: &Context<'_>, ingress: &Ingress, backend: &Backend) -> Option<NoRouter> {
    if backend.resource.is_some() {
        return Some((Dropped::DefaultResource, None));
    }
    let Some(service) = &backend.service else { return Some((Dropped::DefaultNoService, None)) };
    not_loaded(cx, ingress, service)
}

/// Why `loadService` @v3.7.9 (the same in v3.6.10 and v3.6.24) cannot create the backend's
/// service, checked in its order: the Service does not exist (`client.GetService` finds none:
/// "service not found"), when the input lists Services at all; it is an ExternalName Service,
/// which the provider refuses unless `allowExternalNameServices` is set (off by default); it has no
/// such port.
fn not_loaded(cx: &Context<'_>, ingress: &Ingress, backend: &ServiceBackend) -> Option<NoRouter> {
    let name = backend.name.as_ref().map_or("", |n| n.value.as_str());
    let id = || format!("{}/{name}", ingress.meta.namespace());
    let Some(service) = cx.manifest.service(ingress.meta.namespace(), name) else {
        // The input's analysis warns about the missing Service, in this profile's words
        // ([`super::missing_service_consequence`]).
        return (!cx.manifest.services.is_empty()).then(|| (Dropped::ServiceNotFound { service: id() }, None));
    };
    if service.external_name {
        let why = Dropped::ExternalName { service: id() };
        let warning = prose::dropped_diagnostic(&why);
        return Some((why, Some(warning)));
    }
    port_not_found(service, backend).map(|port| {
        let why = Dropped::PortNotFound { service: id(), port };
        let warning = prose::dropped_diagnostic(&why);
        (why, Some(warning))
    })
}

/// The backend's port as written (`8080` or `"http"`) when it is not one of the Service's ports,
/// matched as in `loadService` @v3.7.9:
/// `backend.Service.Port.Number == p.Port || (backend.Service.Port.Name == p.Name && len(p.Name) > 0)`
/// (an unset number is 0). A Service listed without ports is not checked: the API server
/// requires ports (but for ExternalName), so one without them is a stub that says the Service exists.
fn port_not_found(service: &Service, backend: &ServiceBackend) -> Option<String> {
    if service.ports.is_empty() {
        return None;
    }
    let port = backend.port.as_ref();
    let number = port.and_then(|p| p.number.as_ref()).map_or(0, |n| n.value);
    let port_name = port.and_then(|p| p.name.as_ref()).map_or("", |n| n.value.as_str());
    let found = service
        .ports
        .iter()
        .any(|p| p.port.unwrap_or(0) == number || (!port_name.is_empty() && p.name.as_deref() == Some(port_name)));
    (!found).then(|| if number != 0 { number.to_string() } else { format!("{port_name:?}") })
}

/// `loadRouter`: the router of one path, built when its backend's service is (`loadService`);
/// its priority is its rule's length.
fn router(
    cx: &Context<'_>,
    ingress: &Ingress,
    slot: Slot,
    path: &HttpPath,
    (release, matcher): (Release, Option<&str>),
) -> Result<TraefikRouter, NoRouter> {
    if path.backend.as_ref().is_some_and(|b| b.service.is_none() && b.resource.is_some()) {
        return Err((Dropped::ResourceBackend, None));
    }
    if let Some(no_router) =
        path.backend.as_ref().and_then(|b| b.service.as_ref()).and_then(|s| not_loaded(cx, ingress, s))
    {
        return Err(no_router);
    }
    let Slot::Path { rule: r, .. } = slot else { return Err((Dropped::EmptyRule, None)) };
    let host_text = ingress.spec.rules[r].host();
    let host = Some(host_text.to_string()).filter(|h| !h.is_empty());
    let mut parts: Vec<String> = host.iter().map(|h| release.host_rule(h)).collect();
    let mut cond = PathCond::Any;
    if !path.path().is_empty() {
        let (text, path_cond) = path_matcher(path, release, matcher)?;
        parts.push(text);
        cond = path_cond;
    }
    if parts.is_empty() {
        return Err((Dropped::EmptyRule, None));
    }
    let rule = parts.join(" && ");
    let name = format!("{}-{}-{host_text}{}", ingress.meta.namespace(), ingress.meta.name(), path.path());
    Ok(TraefikRouter {
        name: normalize(&name),
        priority: rule.len() as i64,
        rule,
        ..TraefikRouter::new(slot, host, release, cond)
    })
}

/// The path matcher of a router: `Path` for Exact, `PathPrefix` for Prefix, the matcher named by
/// `router.pathmatcher` (default `PathPrefix`) for ImplementationSpecific.
fn path_matcher(path: &HttpPath, release: Release, matcher: Option<&str>) -> Result<(String, PathCond), NoRouter> {
    let name = match path.path_type() {
        Some(PathType::Exact) => "Path",
        Some(PathType::Prefix) => "PathPrefix",
        _ => matcher.unwrap_or("PathPrefix"),
    };
    let value = path.path();
    let cond = match name {
        "Path" => PathCond::Path(value.to_string()),
        "PathPrefix" => PathCond::Prefix(value.to_string()),
        "PathRegexp" => match compile_regex(value, false) {
            Ok(re) => PathCond::Regexp(re),
            Err(error) => {
                let why = Dropped::BadRegex { rule: release.matcher("PathRegexp", value), error };
                let warning = prose::dropped_diagnostic(&why);
                return Err((why, Some(warning)));
            }
        },
        other => {
            let why = Dropped::UnknownMatcher { rule: release.matcher(other, value) };
            return Err((why, Some(prose::unknown_matcher(other))));
        }
    };
    let rule = release.matcher(name, value);
    if let Some(why) = release.unparsable(value) {
        let why = Dropped::Unparsable { rule, why };
        let warning = prose::dropped_diagnostic(&why);
        return Err((why, Some(warning)));
    }
    Ok((rule, cond))
}

#[cfg(test)]
mod tests {
    use crate::decision::{Outcome, Verdict};
    use crate::{Decision, Explain, Options, Profile, Request, Simulator};

    /// v3.7.9, v3.6.24 and v3.6.10 share `loadService` and the defaultBackend checks.
    const RELEASES: [Profile; 3] = [Profile::Traefik, Profile::TraefikV3_6, Profile::TraefikV3_6_10];

    const SERVICES: &str = "apiVersion: v1\nkind: Service\nmetadata: {name: api, namespace: shop}\nspec: {ports: [{name: http, port: 80}]}\n";

    fn route(yaml: &str, profile: Profile, path: &str) -> (Decision, Simulator) {
        let sim = Simulator::new(yaml, &Options::default());
        (sim.route(&Request::new("shop.example.com", path), profile, Explain::Yes), sim)
    }

    fn no_router_message(d: &Decision) -> Option<&str> {
        d.explanation
            .iter()
            .find(|e| e.verdict == Verdict::Ignored && e.message.starts_with("No router:"))
            .map(|e| e.message.as_str())
    }

    fn path_to(port: &str) -> String {
        format!("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {{name: web, namespace: shop}}\nspec:\n  rules:\n  - host: shop.example.com\n    http: {{paths: [{{path: /api, pathType: Prefix, backend: {{service: {{name: api, port: {port}}}}}}}]}}\n---\n{SERVICES}")
    }

    fn rules_less(backend: &str) -> String {
        format!("apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {{name: fallback, namespace: shop}}\nspec:\n  defaultBackend: {backend}\n---\n{SERVICES}")
    }

    #[test]
    fn a_port_the_listed_service_lacks_builds_no_router() {
        for profile in RELEASES {
            for (port, said) in [("{number: 8080}", "port 8080"), ("{name: grpc}", "port \"grpc\"")] {
                let (d, sim) = route(&path_to(port), profile, "/api");
                assert_eq!(d.outcome, Outcome::NoMatch, "{profile:?} {port}");
                let why = no_router_message(&d).unwrap_or_default();
                assert!(why.contains(&format!("Service shop/api has no {said}")), "{why}");
                assert!(why.contains("\"service port not found\""), "{why}");
                let warned = sim.diagnostics(profile).iter().any(|w| w.message.contains("service port not found"));
                assert!(warned, "{profile:?}: {:?}", sim.diagnostics(profile));
            }
            for port in ["{number: 80}", "{name: http}"] {
                let (d, _) = route(&path_to(port), profile, "/api");
                assert_eq!(d.outcome, Outcome::Rule, "{profile:?} {port}");
            }
        }
    }

    /// Without the Service in the input, or with a Service that lists no ports (a stub), its
    /// ports are unknown: the path keeps its router.
    #[test]
    fn unknown_ports_are_not_checked() {
        let yaml = path_to("{number: 8080}");
        let (without, _) = route(yaml.split("---").next().unwrap_or_default(), Profile::Traefik, "/api");
        assert_eq!(without.outcome, Outcome::Rule);
        let stub = yaml.replace("spec: {ports: [{name: http, port: 80}]}", "spec: {}");
        assert_ne!(stub, yaml);
        let (with_stub, _) = route(&stub, Profile::Traefik, "/api");
        assert_eq!(with_stub.outcome, Outcome::Rule);
    }

    /// An input that lists Services but not `api` (here only `web`).
    fn without_api(backend: &str) -> String {
        path_to("{number: 80}")
            .replace("{name: api, namespace: shop}", "{name: web, namespace: shop}")
            .replace("backend: {service: {name: api, port: {number: 80}}}", &format!("backend: {backend}"))
    }

    #[test]
    fn a_service_missing_from_an_input_that_lists_services_builds_no_router() {
        let yaml = without_api("{service: {name: api, port: {number: 80}}}");
        assert!(yaml.contains("name: web, namespace") && yaml.contains("name: api, port"), "{yaml}");
        for profile in RELEASES {
            let (d, sim) = route(&yaml, profile, "/api");
            assert_eq!(d.outcome, Outcome::NoMatch, "{profile:?}");
            let why = no_router_message(&d).unwrap_or_default();
            assert!(
                why.contains("Service shop/api is not in the input") && why.contains("\"service not found\""),
                "{why}"
            );
            let warnings: Vec<_> = sim.diagnostics(profile).iter().filter(|w| w.message.contains("shop/api")).collect();
            assert_eq!(warnings.len(), 1, "{profile:?}: {warnings:?}");
            assert_eq!(
                warnings[0].message,
                format!(
                    "Service shop/api is not in the input (the other Services are): {}",
                    super::prose::MISSING_SERVICE
                )
            );
        }
        // The profiles without words of their own keep the shared sentence.
        let (_, sim) = route(&yaml, Profile::Gce, "/api");
        let shared = "Service shop/api is not in the input (the other Services are): the controller would answer 503";
        assert!(
            sim.diagnostics(Profile::Gce).iter().any(|w| w.message == shared),
            "{:?}",
            sim.diagnostics(Profile::Gce)
        );
    }

    /// `allowExternalNameServices` is off by default: no router, and a warning.
    #[test]
    fn an_external_name_service_builds_no_router() {
        let yaml = path_to("{number: 80}")
            .replace("spec: {ports:", "spec: {type: ExternalName, externalName: api.example.net, ports:");
        assert!(yaml.contains("type: ExternalName"), "{yaml}");
        for profile in RELEASES {
            let (d, sim) = route(&yaml, profile, "/api");
            assert_eq!(d.outcome, Outcome::NoMatch, "{profile:?}");
            let why = no_router_message(&d).unwrap_or_default();
            assert!(
                why.contains("Service shop/api is an ExternalName Service")
                    && why.contains("allowExternalNameServices"),
                "{why}"
            );
            let warned =
                sim.diagnostics(profile).iter().any(|w| w.message.contains("\"externalName services not allowed\""));
            assert!(warned, "{profile:?}: {:?}", sim.diagnostics(profile));
        }
        let (d, _) = route(&yaml, Profile::IngressNginx, "/api");
        assert_eq!(d.outcome, Outcome::Rule);
    }

    /// With no Service in the input every Service is assumed to exist, as under ingress-nginx.
    #[test]
    fn an_input_without_services_assumes_they_exist() {
        let yaml = path_to("{number: 80}");
        let (d, _) = route(yaml.split("---").next().unwrap_or_default(), Profile::Traefik, "/api");
        assert_eq!(d.outcome, Outcome::Rule);
    }

    #[test]
    fn a_default_backend_traefik_cannot_load_is_no_catch_all() {
        let dropped = [
            (
                "{resource: {apiGroup: k8s.example.com, kind: Bucket, name: b}}",
                "Resource is not supported for default backend",
            ),
            ("{}", "Default backend is missing service definition"),
            ("{service: {name: api, port: {number: 9090}}}", "service port not found"),
            ("{service: {name: gone, port: {number: 80}}}", "service not found"),
        ];
        for profile in RELEASES {
            for (backend, why) in dropped {
                let (d, _) = route(&rules_less(backend), profile, "/");
                assert_eq!(d.outcome, Outcome::NoMatch, "{profile:?} {backend}");
                assert!(no_router_message(&d).unwrap_or_default().contains(why), "{:?}", d.explanation);
            }
            let (d, _) = route(&rules_less("{service: {name: api, port: {number: 80}}}"), profile, "/");
            assert_eq!(d.outcome, Outcome::DefaultBackend, "{profile:?}");
        }
    }

    /// A dropped defaultBackend does not take the place of the one Traefik keeps
    /// (`conf.HTTP.Services["default-backend"]` is set only by a built one).
    #[test]
    fn a_dropped_default_backend_leaves_the_catch_all_to_the_next() {
        let older = rules_less("{resource: {apiGroup: k8s.example.com, kind: Bucket, name: b}}").replace(
            "name: fallback, namespace: shop}",
            "name: older, namespace: shop, creationTimestamp: \"2020-01-01T00:00:00Z\"}",
        );
        assert!(older.contains("name: older"), "{older}");
        let newer = "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {name: newer, namespace: shop, creationTimestamp: \"2024-01-01T00:00:00Z\"}\nspec:\n  defaultBackend: {service: {name: api, port: {number: 80}}}\n";
        let (d, _) = route(&format!("{older}---\n{newer}"), Profile::Traefik, "/");
        assert_eq!((d.outcome, d.ingress.as_deref()), (Outcome::DefaultBackend, Some("shop/newer")));
        assert!(d.explanation.iter().all(|e| !e.message.contains("undefined")), "{:?}", d.explanation);
    }
}
