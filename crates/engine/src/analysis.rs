//! Static diagnostics beyond validation: what the API server accepts but a reader should know.
//! Every finding comes from the profile's router, so it agrees with what routing does: under the
//! spec profile the compiled spec index, under a controller profile that controller's own
//! decisions (the private `under_profile` module).

mod under_profile;

pub(crate) use under_profile::{ProfileRouter, Reuse};

use crate::class::{Admission, ClassChoice};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::matching::{elements, match_host, MatchKind};
use crate::model::{Manifest, Spanned};
use crate::router::hash::FxMap;
use crate::router::{Candidate, HostKey, Router};
use std::borrow::Cow;

/// All static diagnostics of a compiled manifest: who wins is judged by `profile`'s router when
/// one is given (a controller profile, with what its last analysis left to reuse), else by the
/// spec index.
pub(crate) fn analyse_under(
    manifest: &Manifest,
    router: &Router,
    choice: &ClassChoice,
    profile: Option<(&ProfileRouter<'_>, &mut Reuse)>,
) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    class_notes(manifest, router, choice, &mut out);
    let missing = missing_service_consequence(profile.as_ref().map(|(judge, _)| judge.profile));
    match profile {
        Some((judge, reuse)) => under_profile::findings(manifest, router, judge, reuse, &mut out),
        None => {
            let duplicates = duplicate_paths(manifest, router, &mut out);
            shadowed_paths(manifest, router, &duplicates, &mut out);
            tls_hosts(manifest, router, &mut out);
            default_backends(manifest, router, &mut out);
        }
    }
    backends(manifest, router, missing, &mut out);
    out
}

/// What the controller does with a backend whose Service the input leaves out: the profile's
/// own words when it has them.
fn missing_service_consequence(profile: Option<crate::Profile>) -> &'static str {
    #[cfg(feature = "controllers")]
    let own = profile.and_then(crate::controllers::missing_service_consequence);
    #[cfg(not(feature = "controllers"))]
    let own = profile.and(None);
    own.unwrap_or("the controller would answer 503")
}

fn object(manifest: &Manifest, i: usize) -> String {
    format!("Ingress {}", manifest.ingresses[i].id())
}

fn field_of(c: &Candidate) -> String {
    format!("spec.rules[{}].http.paths[{}]", c.rule, c.path_index)
}

/// A path's elements as one string (`/a/b` for `/a/b/`, `""` for `/`): without allocating when
/// the path has no empty element inside.
fn element_key(path: &str) -> Cow<'_, str> {
    if path.contains("//") {
        Cow::Owned(elements(path).flat_map(|e| ["/", e]).collect())
    } else {
        Cow::Borrowed(path.trim_end_matches('/'))
    }
}

/// A warning about one path, placed on it, with its field path.
fn path_warning(manifest: &Manifest, c: &Candidate, code: Code, message: String) -> Diagnostic {
    let mut d = Diagnostic::new(Severity::Warning, code, message).at(c.span).on(object(manifest, c.ingress));
    d.field = Some(field_of(c));
    d
}

fn describe(c: &Candidate, manifest: &Manifest) -> String {
    let host = if c.host.is_empty() { "any host".to_string() } else { format!("host {}", c.host) };
    format!(
        "{} ({}) for {host} in Ingress {}",
        if c.path.is_empty() { "\"\"" } else { &c.path },
        c.path_type.as_str(),
        manifest.ingresses[c.ingress].id()
    )
}

fn class_notes(manifest: &Manifest, router: &Router, choice: &ClassChoice, out: &mut Vec<Diagnostic>) {
    for (i, admission) in router.admission.iter().enumerate() {
        if let Admission::OtherClass(why) = admission {
            // With no class chosen, a controller profile still takes only its own Ingresses.
            let message = match choice.name() {
                Some(class) => format!("not simulated for IngressClass {class:?}: {why}"),
                None => format!("not simulated, the controller does not take it: {why}"),
            };
            out.push(
                Diagnostic::new(Severity::Notice, Code::OtherClass, message)
                    .at(manifest.ingresses[i].span)
                    .on(object(manifest, i)),
            );
        }
    }
    let defaults: Vec<_> = manifest.classes.iter().filter(|c| c.is_default()).collect();
    if defaults.len() > 1 {
        let chosen = crate::class::default_class(&manifest.classes).map(|c| c.meta.name()).unwrap_or("");
        out.push(Diagnostic::new(
            Severity::Warning,
            Code::IngressClass,
            format!("{} IngressClasses are marked default; since Kubernetes 1.25 admission picks the newest ({chosen:?}); older releases refused to create Ingresses without a class", defaults.len()),
        ));
    }
    if let ClassChoice::Chosen(name) = choice {
        if !manifest.classes.is_empty() && !manifest.classes.iter().any(|c| c.meta.name() == name) {
            out.push(Diagnostic::new(
                Severity::Warning,
                Code::IngressClass,
                format!("the chosen IngressClass {name:?} is not among the IngressClasses in the input"),
            ));
        }
    }
}

/// Reports every path that repeats the host, path and type of a better one; returns the losers.
fn duplicate_paths(manifest: &Manifest, router: &Router, out: &mut Vec<Diagnostic>) -> Vec<bool> {
    let mut loser = vec![false; router.candidates.len()];
    // The best candidate of each (host, path, type); every other one of the group loses to it.
    let mut best: FxMap<(&HostKey, &str, u8), usize> = FxMap::default();
    for (id, c) in router.candidates.iter().enumerate() {
        let slot = best.entry((&c.key, &*c.path, c.path_type as u8)).or_insert(id);
        if c.priority < router.candidates[*slot].priority {
            *slot = id;
        }
    }
    for (id, c) in router.candidates.iter().enumerate() {
        let winner = best[&(&c.key, &*c.path, c.path_type as u8)];
        if winner != id {
            let w = &router.candidates[winner];
            loser[id] = true;
            let message = if w.ingress == c.ingress {
                format!(
                    "{} is defined twice in this Ingress; the first one (line {}) wins and this one is never used",
                    describe(c, manifest),
                    w.span.start.line
                )
            } else {
                format!(
                    "{} is defined twice; {} wins (oldest creationTimestamp, then namespace/name, then input order) and this one is never used",
                    describe(c, manifest),
                    describe(w, manifest)
                )
            };
            out.push(path_warning(manifest, c, Code::DuplicatePath, message));
        }
    }
    loser
}

/// A path is shadowed when no request it matches is won by it. Prefix paths with the same
/// elements under the same host match exactly the same requests, so all but the best of them are
/// shadowed (and an Exact path cannot shadow a prefix, which matches infinitely many paths). An
/// Exact path matches one request: it is shadowed when that request goes elsewhere.
fn shadowed_paths(manifest: &Manifest, router: &Router, duplicate: &[bool], out: &mut Vec<Diagnostic>) {
    let mut by_elements: FxMap<(&HostKey, Cow<str>), usize> = FxMap::default();
    let mut shadowed_by: Vec<Option<usize>> = vec![None; router.candidates.len()];
    for (id, c) in router.candidates.iter().enumerate() {
        match c.kind {
            MatchKind::Exact => {
                if let Some(w) = router.lookup_in_host(&c.key, &c.path).filter(|w| w.id as usize != id) {
                    shadowed_by[id] = Some(w.id as usize);
                }
            }
            MatchKind::Prefix => {
                let best = by_elements.entry((&c.key, element_key(&c.path))).or_insert(id);
                if router.candidates[*best].priority > c.priority {
                    shadowed_by[*best] = Some(id);
                    *best = id;
                } else if *best != id {
                    shadowed_by[id] = Some(*best);
                }
            }
        }
    }
    // A group's earlier losers point at a former best; point them at the final one.
    for id in 0..shadowed_by.len() {
        if let Some(mut w) = shadowed_by[id] {
            while let Some(next) = shadowed_by[w].filter(|_| router.candidates[w].kind == MatchKind::Prefix) {
                w = next;
            }
            shadowed_by[id] = Some(w);
        }
    }
    for (id, c) in router.candidates.iter().enumerate() {
        let Some(w) = shadowed_by[id].filter(|_| !duplicate[id]) else { continue };
        let w = &router.candidates[w];
        let message = format!(
            "{} can never win: {} matches every request it matches and takes precedence (longer path, or Exact on a tie)",
            describe(c, manifest),
            describe(w, manifest)
        );
        out.push(path_warning(manifest, c, Code::ShadowedPath, message));
    }
}

/// A TLS host of an admitted Ingress that no rule's host matches (spec host matching).
struct UnroutedTlsHost<'m> {
    ingress: usize,
    /// `spec.tls[t].hosts[k]`.
    at: (usize, usize),
    value: &'m Spanned<String>,
}

impl UnroutedTlsHost<'_> {
    fn diagnostic(&self, manifest: &Manifest, message: String) -> Diagnostic {
        let mut d = Diagnostic::new(Severity::Warning, Code::TlsHostUnrouted, message)
            .at(self.value.span)
            .on(object(manifest, self.ingress));
        d.field = Some(format!("spec.tls[{}].hosts[{}]", self.at.0, self.at.1));
        d
    }
}

/// Every TLS host no rule's host matches; none when a rule without host serves every name.
fn unrouted_tls_hosts<'m>(manifest: &'m Manifest, router: &Router) -> Vec<UnroutedTlsHost<'m>> {
    // Without TLS hosts there is nothing to look for (and the rule hosts are not listed).
    let has_tls = |(i, ingress): (usize, &std::sync::Arc<crate::model::Ingress>)| {
        router.is_admitted(i) && !ingress.spec.tls.is_empty()
    };
    if !manifest.ingresses.iter().enumerate().any(has_tls) {
        return Vec::new();
    }
    let rule_hosts: Vec<(String, &[usize])> = router.host_keys().collect();
    if rule_hosts.iter().any(|(h, _)| h.is_empty()) {
        return Vec::new();
    }
    let served = |name: &str| {
        rule_hosts.iter().any(|(rule, _)| match name.strip_prefix("*.") {
            Some(domain) => {
                *rule == name
                    || rule.strip_suffix(domain).is_some_and(|front| {
                        front.ends_with('.') && !front[..front.len() - 1].contains('.') && front.len() > 1
                    })
            }
            None => match_host(rule, name).tier().is_some(),
        })
    };
    let mut out = Vec::new();
    for (i, ingress) in manifest.ingresses.iter().enumerate().filter(|(i, _)| router.is_admitted(*i)) {
        for (t, tls) in ingress.spec.tls.iter().enumerate() {
            for (k, host) in tls.hosts.iter().enumerate() {
                if !served(&host.value.to_ascii_lowercase()) {
                    out.push(UnroutedTlsHost { ingress: i, at: (t, k), value: host });
                }
            }
        }
    }
    out
}

fn tls_hosts(manifest: &Manifest, router: &Router, out: &mut Vec<Diagnostic>) {
    for host in unrouted_tls_hosts(manifest, router) {
        let message = format!(
            "TLS host {} has no rule: a client gets the certificate, then no route (the default backend or 404)",
            host.value.value
        );
        out.push(host.diagnostic(manifest, message));
    }
}

fn default_backends(manifest: &Manifest, router: &Router, out: &mut Vec<Diagnostic>) {
    let Some((&first, rest)) = router.default_backends.split_first() else {
        return;
    };
    for &i in rest {
        let ingress = &manifest.ingresses[i];
        let span = ingress.spec.default_backend.as_ref().map(|b| b.span);
        let oldest = manifest.ingresses[first].id();
        let message = if ingress.spec.rules.is_empty() {
            format!("this Ingress has only a defaultBackend, and it is never used: {oldest} is older and its defaultBackend answers every request no rule matches")
        } else {
            format!("several Ingresses set spec.defaultBackend: this one answers only unmatched paths of its own rules' hosts; for any other unmatched request {oldest}'s (oldest) answers")
        };
        out.push(
            Diagnostic::new(Severity::Notice, Code::DefaultBackendConflict, message)
                .at_opt(span)
                .on(object(manifest, i)),
        );
    }
}

fn backends(manifest: &Manifest, router: &Router, missing: &str, out: &mut Vec<Diagnostic>) {
    for (i, ingress) in manifest.ingresses.iter().enumerate() {
        if !router.is_admitted(i) {
            continue;
        }
        // Field paths are written only for the few backends that get a diagnostic.
        let paths = ingress.spec.rules.iter().enumerate().flat_map(|(r, rule)| {
            rule.http.iter().flat_map(move |h| {
                h.paths.iter().enumerate().filter_map(move |(p, path)| path.backend.as_ref().map(|b| (Some((r, p)), b)))
            })
        });
        let all = ingress.spec.default_backend.iter().map(|b| (None, b)).chain(paths);
        for (position, backend) in all {
            if backend.resource.is_none() && (manifest.services.is_empty() || backend.service.is_none()) {
                continue;
            }
            let field = match position {
                Some((r, p)) => format!("spec.rules[{r}].http.paths[{p}].backend"),
                None => "spec.defaultBackend".to_string(),
            };
            if let Some(resource) = &backend.resource {
                let kind = resource.kind.as_ref().map_or("", |k| k.value.as_str());
                let mut d = Diagnostic::new(
                    Severity::Notice,
                    Code::ResourceBackend,
                    format!("a resource backend ({kind}): valid in the API, but ingress-nginx and Traefik do not route to it, ingress-gce fails the whole Ingress (\"Ingress Backend is not a service\") and the AWS Load Balancer Controller the whole IngressGroup (missing required \"service\" field)"),
                )
                .at(resource.span)
                .on(object(manifest, i));
                d.field = Some(format!("{field}.resource"));
                out.push(d);
            }
            if manifest.services.is_empty() {
                continue;
            }
            let Some(service) = &backend.service else {
                continue;
            };
            let name = service.name.as_ref().map_or("", |n| n.value.as_str());
            let ns = ingress.meta.namespace();
            let found = manifest.services.iter().find(|s| s.meta.name() == name && s.meta.namespace() == ns);
            let problem = match found {
                None => Some(format!("Service {ns}/{name} is not in the input (the other Services are): {missing}")),
                Some(svc) => service.port.as_ref().and_then(|port| {
                    if let Some(pn) = port.name.as_ref().filter(|n| !n.value.is_empty()) {
                        (!svc.ports.iter().any(|p| p.name.as_deref() == Some(pn.value.as_str())))
                            .then(|| format!("Service {ns}/{name} has no port named {:?}", pn.value))
                    } else if let Some(num) = port.number.as_ref() {
                        (!svc.ports.iter().any(|p| p.port == Some(num.value)))
                            .then(|| format!("Service {ns}/{name} does not expose port {}", num.value))
                    } else {
                        None
                    }
                }),
            };
            if let Some(message) = problem {
                let mut d = Diagnostic::new(Severity::Warning, Code::MissingService, message)
                    .at(service.span)
                    .on(object(manifest, i));
                d.field = Some(format!("{field}.service"));
                out.push(d);
            }
        }
    }
}
