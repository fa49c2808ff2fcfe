//! Traefik's `kubernetesIngress` provider (traefik/traefik v3.7.9
//! `pkg/provider/kubernetes/ingress/kubernetes.go`): one router per path (`loadRouter`), the
//! `traefik.ingress.kubernetes.io/router.*` annotations, the rules-less defaultBackend (see the
//! rules in [`super`]).

use super::prose::{self, Dropped};
use super::{normalize, Built, PathCond, Provider, Release, Traefik, TraefikRouter, PATH_MATCHER, PRIORITY};
use crate::controllers::common::{by_age, TieBreak};
use crate::controllers::glob::compile_regex;
use crate::controllers::glob::verdict::Slot;
use crate::controllers::Context;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::{HttpPath, Ingress, PathType};

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
            if ingress.spec.default_backend.is_some() {
                let slot = Slot::Default { ingress: i };
                if default_taken {
                    built.unused_defaults.push(slot);
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
                match router(ingress, slot, path, release, matcher) {
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

/// `loadRouter`: the router of one path; its priority is its rule's length.
fn router(
    ingress: &Ingress,
    slot: Slot,
    path: &HttpPath,
    release: Release,
    matcher: Option<&str>,
) -> Result<TraefikRouter, NoRouter> {
    if path.backend.as_ref().is_some_and(|b| b.service.is_none() && b.resource.is_some()) {
        return Err((Dropped::ResourceBackend, None));
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
