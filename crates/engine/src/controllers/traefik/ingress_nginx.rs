//! Traefik's `kubernetesIngressNGINX` provider: the Ingresses ingress-nginx would serve, with
//! their `nginx.ingress.kubernetes.io/*` annotations, written as routers of Traefik's muxer
//! (traefik/traefik v3.7.9, commit d0bd2ec19853, `pkg/provider/kubernetes/ingress-nginx/`).
//!
//! - `build.go` `build`: Ingresses sorted by `creationTimestamp`, ties by `namespace/name`
//!   descending, as ingress-nginx; `validateIngress` skips a whole Ingress with a snippet
//!   annotation (unless `allowSnippetAnnotations`) or, with `strictValidatePathType` (default on),
//!   an Exact or Prefix path outside `(?i)^/[[:alnum:]._\-/]*$`. Canary Ingresses give no router
//!   of their own. A host is in regex mode when any Ingress with a rule for it has `use-regex` or
//!   a `rewrite-target` (`hostsWithUseRegex`).
//! - `translator.go` `buildRule`: `Host(%q)` (with `server-alias`: `(Host(…) || Host(…))`),
//!   joined to `Path(%q)` for Exact, and for Prefix, ImplementationSpecific or no pathType
//!   `(Path("/p") || PathPrefix("/p/"))` (`PathPrefix("/")` for `/`), or
//!   `PathRegexp("(?i)^/p")` in regex mode. No router priority is set, so the muxer ranks
//!   routers by the length of their rule ([`super`]), across hosts: a Prefix router beats an
//!   Exact one for the same path, where nginx does the opposite.
//! - An Ingress's `defaultBackend` beside rules is one host-only router per host; a rules-less
//!   one is the catch-all `PathPrefix("/")` at the lowest priority (the oldest only).
//! - `middleware.go`: ssl-redirect (default on for an Ingress with `tls`), force-ssl-redirect,
//!   app-root, permanent-/temporal-redirect and from-to-www-redirect are middlewares of the
//!   Ingress's own routers ([`Middlewares`]); ssl-passthrough turns the Ingress's hosts into TCP
//!   `HostSNI` routers.

use super::canary::{Canary, HeaderCond};
use super::middlewares::{Middlewares, RegexRedirect};
use super::prose::{self, Dropped};
use super::{matcher_rule, normalize, Built, Passthrough, PathCond, Provider, Release, Traefik, TraefikRouter};
use crate::controllers::common::{by_age, TieBreak};
use crate::controllers::glob::compile_regex;
use crate::controllers::glob::verdict::Slot;
use crate::controllers::Context;
use crate::decision::BackendRef;
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::{HttpPath, Ingress, PathType, Rule};
use crate::router::hash::FxMap;

const PREFIX: &str = "nginx.ingress.kubernetes.io/";

pub(super) const ANNOTATION_PREFIXES: &[&str] = &[PREFIX];

/// The annotations that change which router answers, or that it redirects.
pub(super) const SIMULATED: &[&str] = &[
    "nginx.ingress.kubernetes.io/use-regex",
    "nginx.ingress.kubernetes.io/rewrite-target",
    "nginx.ingress.kubernetes.io/ssl-redirect",
    "nginx.ingress.kubernetes.io/force-ssl-redirect",
    "nginx.ingress.kubernetes.io/ssl-passthrough",
    "nginx.ingress.kubernetes.io/app-root",
    "nginx.ingress.kubernetes.io/permanent-redirect",
    "nginx.ingress.kubernetes.io/permanent-redirect-code",
    "nginx.ingress.kubernetes.io/temporal-redirect",
    "nginx.ingress.kubernetes.io/temporal-redirect-code",
    "nginx.ingress.kubernetes.io/server-alias",
    "nginx.ingress.kubernetes.io/from-to-www-redirect",
    "nginx.ingress.kubernetes.io/canary",
    "nginx.ingress.kubernetes.io/canary-by-header",
    "nginx.ingress.kubernetes.io/canary-by-header-value",
    "nginx.ingress.kubernetes.io/canary-by-header-pattern",
    "nginx.ingress.kubernetes.io/canary-by-cookie",
    "nginx.ingress.kubernetes.io/canary-weight",
    "nginx.ingress.kubernetes.io/canary-weight-total",
    "nginx.ingress.kubernetes.io/server-snippet",
    "nginx.ingress.kubernetes.io/configuration-snippet",
    "nginx.ingress.kubernetes.io/auth-snippet",
];

/// The snippet annotations `validateIngress` refuses.
const SNIPPETS: [&str; 3] = [
    "nginx.ingress.kubernetes.io/server-snippet",
    "nginx.ingress.kubernetes.io/configuration-snippet",
    "nginx.ingress.kubernetes.io/auth-snippet",
];

/// The lowest router priority (`math.MinInt32`), the rules-less defaultBackend's.
const LOWEST: i64 = i32::MIN as i64;

/// `IngressConfig` as far as routing needs it, parsed as `annotations.go` `parseIngressConfig`
/// does: a boolean is true only for `true` in any case (`"1"` is false), an integer that
/// `strconv.Atoi` refuses is unset, a list is split on `,` and trimmed.
struct Config<'a> {
    canary: bool,
    canary_by: CanaryBy<'a>,
    /// `use-regex`, or a non-empty `rewrite-target`: the Ingress's hosts go to regex mode.
    regex_mode: bool,
    ssl_redirect: Option<bool>,
    force_ssl_redirect: bool,
    ssl_passthrough: bool,
    app_root: Option<&'a str>,
    permanent_redirect: Option<(&'a str, Option<i64>)>,
    temporal_redirect: Option<(&'a str, Option<i64>)>,
    aliases: Vec<String>,
    from_to_www: bool,
}

impl<'a> Config<'a> {
    fn of(ingress: &'a Ingress) -> Config<'a> {
        let text = |key: &str| ingress.meta.annotation(&format!("{PREFIX}{key}")).map(|a| a.value.as_str());
        let flag = |key: &str| text(key).map(|v| v.eq_ignore_ascii_case("true"));
        let number = |key: &str| text(key).and_then(|v| v.parse::<i64>().ok());
        let redirect = |key: &str| text(key).map(|url| (url, number(&format!("{key}-code"))));
        Config {
            canary: flag("canary") == Some(true),
            canary_by: CanaryBy {
                header: text("canary-by-header").unwrap_or_default(),
                header_value: text("canary-by-header-value").unwrap_or_default(),
                header_pattern: text("canary-by-header-pattern").unwrap_or_default(),
                cookie: text("canary-by-cookie").unwrap_or_default(),
                weight: number("canary-weight"),
                weight_total: number("canary-weight-total"),
            },
            regex_mode: flag("use-regex") == Some(true) || text("rewrite-target").is_some_and(|t| !t.is_empty()),
            ssl_redirect: flag("ssl-redirect"),
            force_ssl_redirect: flag("force-ssl-redirect") == Some(true),
            ssl_passthrough: flag("ssl-passthrough") == Some(true),
            app_root: text("app-root"),
            permanent_redirect: redirect("permanent-redirect"),
            temporal_redirect: redirect("temporal-redirect"),
            aliases: text("server-alias")
                .map(|v| v.split(',').map(|a| a.trim().to_string()).collect())
                .unwrap_or_default(),
            from_to_www: flag("from-to-www-redirect") == Some(true),
        }
    }

    /// `validateIngress`: why the whole Ingress is skipped.
    fn refused(ingress: &Ingress) -> Option<Dropped> {
        let snippet = SNIPPETS.iter().find(|key| ingress.meta.annotation(key).is_some_and(|a| !a.value.is_empty()));
        if let Some(key) = snippet {
            return Some(Dropped::Snippet(key));
        }
        let paths = ingress.spec.rules.iter().filter_map(|r| r.http.as_ref()).flat_map(|h| &h.paths);
        paths
            .filter(|p| !p.path().is_empty() && p.path_type() != Some(PathType::ImplementationSpecific))
            .find(|p| !strict_path(p.path()))
            .map(|p| Dropped::StrictPath(p.path().to_string()))
    }

    /// The permanent-redirect / temporal-redirect (temporal wins), its code limited to 300–308
    /// (`buildRedirect`), its regex `.*`, or in regex mode `^https?://[^/]+<path>`.
    fn redirect(&self, regex_mode: bool, path: &str) -> Option<RegexRedirect> {
        let (url, code, default) = match (self.temporal_redirect, self.permanent_redirect) {
            (Some((url, code)), _) => (url, code, 302),
            (None, Some((url, code))) => (url, code, 301),
            (None, None) => return None,
        };
        let status = code.filter(|c| (300..=308).contains(c)).map_or(default, |c| c as u16);
        let regex = if regex_mode { Some(compile_regex(&format!("^https?://[^/]+{path}"), false).ok()?) } else { None };
        Some(RegexRedirect { regex, replacement: url.to_string(), status })
    }

    /// The middlewares of a router of this Ingress (`buildMiddlewares`).
    fn middlewares(&self, has_tls: bool, regex_mode: bool, path: &str) -> Option<Box<Middlewares>> {
        let middlewares = Middlewares {
            ssl_redirect: self.force_ssl_redirect || (has_tls && self.ssl_redirect.unwrap_or(true)),
            app_root: self.app_root.filter(|root| root.starts_with('/')).map(str::to_string),
            redirect: self.redirect(regex_mode, path),
            to_host: None,
        };
        (!middlewares.is_empty()).then(|| Box::new(middlewares))
    }
}

/// A canary Ingress's canary-by-* and canary-weight annotations.
struct CanaryBy<'a> {
    header: &'a str,
    header_value: &'a str,
    header_pattern: &'a str,
    cookie: &'a str,
    weight: Option<i64>,
    weight_total: Option<i64>,
}

impl CanaryBy<'_> {
    /// The canary of `slot`: the total is at least 100, the weight within 0..=total.
    fn canary(&self, slot: Slot) -> Canary {
        let total = self.weight_total.unwrap_or(0).max(100);
        Canary {
            slot,
            weight: self.weight.unwrap_or(0).clamp(0, total),
            total,
            header: self.header.to_string(),
            header_value: self.header_value.to_string(),
            header_pattern: self.header_pattern.to_string(),
            cookie: self.cookie.to_string(),
        }
    }
}

/// `strictPathTypeRegexp`: `(?i)^/[[:alnum:]._\-/]*$`.
fn strict_path(path: &str) -> bool {
    path.strip_prefix('/').is_some_and(|rest| rest.bytes().all(|b| b.is_ascii_alphanumeric() || b"._-/".contains(&b)))
}

/// The Ingresses the provider reads, in its order, with what it refuses.
struct Read<'a> {
    /// Regular Ingresses, oldest first, with their configuration.
    regular: Vec<(usize, Config<'a>)>,
    /// Every host of a regular Ingress's rules (`allHosts`), and whether it is in regex mode
    /// (`hostsWithUseRegex`).
    hosts: FxMap<&'a str, bool>,
    /// The Ingress that claimed each alias first (`claimedAliases`), lower case.
    claimed: FxMap<String, usize>,
    /// Canary Ingresses, oldest first.
    canaries: Vec<(usize, Config<'a>)>,
    /// The primary Service (`canaryPrimaryKey`) of each regular path (`ingressPathKey`); a newer
    /// Ingress's path replaces an older one's.
    paths: FxMap<String, String>,
}

impl Read<'_> {
    /// Is `host` in regex mode?
    fn regex_mode(&self, host: &str) -> bool {
        self.hosts.get(host).copied().unwrap_or(false)
    }
}

/// The first pass of `build`: order, validation, canaries, hosts, regex mode, aliases.
fn read<'a>(cx: &Context<'a>, out: &mut Built, diagnostics: &mut Vec<Diagnostic>) -> Read<'a> {
    let mut read = Read {
        regular: Vec::new(),
        hosts: FxMap::default(),
        claimed: FxMap::default(),
        canaries: Vec::new(),
        paths: FxMap::default(),
    };
    for i in by_age(cx, TieBreak::NameDescending) {
        let ingress: &'a Ingress = &cx.manifest.ingresses[i];
        if let Some(why) = Config::refused(ingress) {
            diagnostics.push(skip_warning(ingress, &why));
            out.skipped.extend(slots(ingress, i).map(|slot| (slot, why.clone())));
            continue;
        }
        let config = Config::of(ingress);
        if config.canary {
            read.canaries.push((i, config));
            continue;
        }
        for alias in &config.aliases {
            read.claimed.entry(alias.to_ascii_lowercase()).or_insert(i);
        }
        for rule in &ingress.spec.rules {
            *read.hosts.entry(rule.host()).or_default() |= config.regex_mode;
            for path in rule.http.iter().flat_map(|h| &h.paths) {
                if let Some(service) = service_key(ingress, path) {
                    read.paths.insert(path_key(ingress, rule.host(), path), service);
                }
            }
        }
        read.regular.push((i, config));
    }
    read
}

/// `ingressPathKey`: `namespace/host+path/pathType`, no pathType being Prefix.
fn path_key(ingress: &Ingress, host: &str, path: &HttpPath) -> String {
    let kind = match path.path_type() {
        Some(PathType::Exact) => "Exact",
        Some(PathType::ImplementationSpecific) => "ImplementationSpecific",
        _ => "Prefix",
    };
    format!("{}/{host}{}/{kind}", ingress.meta.namespace(), path.path())
}

/// `canaryPrimaryKey`: `namespace/service/port` of a path with a Service backend.
fn service_key(ingress: &Ingress, path: &HttpPath) -> Option<String> {
    let backend = path.backend.as_ref().and_then(BackendRef::from_model)?;
    matches!(backend, BackendRef::Service { .. }).then(|| format!("{}/{backend}", ingress.meta.namespace()))
}

/// The second pass of `build`: each canary path attaches to the primary path with the same key
/// (the first canary to claim it), unless it proxies to the same Service; its settings go to
/// the primary Service, the last canary's winning.
fn attach_canaries(cx: &Context<'_>, read: &Read<'_>, built: &mut Built) -> FxMap<String, Canary> {
    let mut canaries = FxMap::default();
    let mut claimed: Vec<String> = Vec::new();
    for (i, config) in &read.canaries {
        let ingress = &cx.manifest.ingresses[*i];
        for slot in slots(ingress, *i) {
            let (Some(path), Slot::Path { rule, .. }) = (slot.path_ref_in(ingress), slot) else {
                built.skipped.push((slot, Dropped::Canary));
                continue;
            };
            let key = path_key(ingress, ingress.spec.rules[rule].host(), path);
            let why = match (read.paths.get(&key), service_key(ingress, path)) {
                (None, _) => Dropped::CanaryUnmatched,
                _ if claimed.contains(&key) => Dropped::CanaryTaken,
                (_, None) => Dropped::NoService,
                (Some(primary), Some(own)) if *primary == own => Dropped::CanarySameService,
                (Some(primary), Some(_)) => {
                    claimed.push(key);
                    canaries.insert(primary.clone(), config.canary_by.canary(slot));
                    continue;
                }
            };
            built.skipped.push((slot, why));
        }
    }
    canaries
}

/// Every path and the defaultBackend of an Ingress, as slots.
fn slots(ingress: &Ingress, i: usize) -> impl Iterator<Item = Slot> + '_ {
    let paths = ingress.spec.rules.iter().enumerate().flat_map(move |(r, rule)| {
        rule.http.iter().flat_map(move |h| (0..h.paths.len()).map(move |p| Slot::Path { ingress: i, rule: r, path: p }))
    });
    paths.chain(ingress.spec.default_backend.as_ref().map(|_| Slot::Default { ingress: i }))
}

fn skip_warning(ingress: &Ingress, why: &Dropped) -> Diagnostic {
    let id = ingress.id();
    Diagnostic::new(Severity::Warning, Code::Controller, prose::skipped_ingress(&id, why))
        .on(format!("Ingress {id}"))
        .at(ingress.span)
}

/// The routers of the `kubernetesIngressNGINX` provider.
pub(super) fn compile(cx: &Context<'_>) -> (Traefik, Vec<Diagnostic>) {
    let mut built = Built::default();
    let mut diagnostics = Vec::new();
    let read = read(cx, &mut built, &mut diagnostics);
    let canaries = attach_canaries(cx, &read, &mut built);
    let mut catch_all_taken = false;
    for (i, config) in &read.regular {
        let ingress = &cx.manifest.ingresses[*i];
        if config.ssl_passthrough {
            passthrough(ingress, *i, &mut built);
            continue;
        }
        let translator = Translator {
            read: &read,
            canaries: &canaries,
            ingress,
            i: *i,
            config,
            has_tls: !ingress.spec.tls.is_empty(),
        };
        for (r, rule) in ingress.spec.rules.iter().enumerate() {
            for (p, _) in rule.http.iter().flat_map(|h| h.paths.iter().enumerate()) {
                translator.path(Slot::Path { ingress: *i, rule: r, path: p }, rule, &mut built, &mut diagnostics);
            }
        }
        if ingress.spec.default_backend.as_ref().is_some_and(|b| b.service.is_some()) {
            let slot = Slot::Default { ingress: *i };
            if !ingress.spec.rules.is_empty() {
                translator.host_defaults(slot, &mut built);
            } else if catch_all_taken {
                built.skipped.push((slot, Dropped::LaterDefault));
            } else {
                catch_all_taken = true;
                built.routers.push(translator.router(
                    slot,
                    None,
                    "default-backend".into(),
                    PathCond::Prefix("/".into()),
                    LOWEST,
                ));
            }
        }
    }
    (Traefik::assemble(cx, built, Provider::IngressNginx), diagnostics)
}

/// ssl-passthrough: a `HostSNI` router per rule host, to the backend of the rule's `/` path (or
/// the defaultBackend of a rule without `http`); no HTTP router.
fn passthrough(ingress: &Ingress, i: usize, built: &mut Built) {
    for (r, rule) in ingress.spec.rules.iter().enumerate() {
        let target = match &rule.http {
            Some(h) => {
                h.paths.iter().position(|p| p.path() == "/").map(|p| Slot::Path { ingress: i, rule: r, path: p })
            }
            None => ingress.spec.default_backend.as_ref().map(|_| Slot::Default { ingress: i }),
        };
        let why = if rule.host().is_empty() { Dropped::PassthroughNoHost } else { Dropped::Passthrough };
        if let (Some(slot), false) = (target, rule.host().is_empty()) {
            built.passthrough.push(Passthrough { host: rule.host().to_string(), slot });
        }
        for p in 0..rule.http.as_ref().map_or(0, |h| h.paths.len()) {
            built.skipped.push((Slot::Path { ingress: i, rule: r, path: p }, why.clone()));
        }
    }
}

/// Writes one regular Ingress's routers.
struct Translator<'r, 'a> {
    read: &'r Read<'a>,
    canaries: &'r FxMap<String, Canary>,
    ingress: &'a Ingress,
    i: usize,
    config: &'r Config<'a>,
    has_tls: bool,
}

impl Translator<'_, '_> {
    /// The router of one path (`buildRule`), and its from-to-www twin.
    fn path(&self, slot: Slot, rule: &Rule, built: &mut Built, diagnostics: &mut Vec<Diagnostic>) {
        let Some(path) = slot.path_ref_in(self.ingress) else { return };
        if path.backend.as_ref().is_none_or(|b| b.service.is_none()) {
            built.skipped.push((slot, Dropped::NoService));
            return;
        }
        let regex_mode = self.read.regex_mode(rule.host());
        let (text, cond) = match path_rule(path.path(), path.path_type(), regex_mode) {
            Ok(found) => found,
            Err((rule, error)) => {
                let why = Dropped::BadRegex { rule, error };
                let warning = Diagnostic::new(Severity::Warning, Code::Controller, prose::dropped_diagnostic(&why));
                diagnostics.push(warning.on(format!("Ingress {}", self.ingress.id())).at(path.span));
                built.skipped.push((slot, why));
                return;
            }
        };
        let host = Some(rule.host().to_string()).filter(|h| !h.is_empty());
        if host.is_none() && text.is_none() {
            built.skipped.push((slot, Dropped::EmptyRule));
            return;
        }
        let Slot::Path { rule: r, path: p, .. } = slot else { return };
        let name = format!("{}-{}-rule-{r}-path-{p}", self.ingress.meta.namespace(), self.ingress.meta.name());
        let mut router = self.router(slot, host, name, cond, 0);
        router.middlewares = self.config.middlewares(self.has_tls, regex_mode, path.path());
        router.rule = join_rule(router.rule_host(), text);
        router.priority = router.rule.len() as i64;
        self.www_twin(&router, rule.host(), built);
        if let Some(canary) = service_key(self.ingress, path).and_then(|key| self.canaries.get(&key)) {
            with_canary(&mut router, canary, built);
        }
        built.routers.push(router);
    }

    /// `spec.defaultBackend` beside rules: a host-only router per distinct rule host.
    fn host_defaults(&self, slot: Slot, built: &mut Built) {
        let hosts: Vec<&str> = self.ingress.spec.rules.iter().map(Rule::host).collect();
        for (_, &host) in hosts.iter().enumerate().filter(|&(k, host)| !hosts[..k].contains(host)) {
            if host.is_empty() {
                built.skipped.push((slot, Dropped::EmptyRule));
                continue;
            }
            let name = format!("{}-{}-default-backend", self.ingress.meta.namespace(), self.ingress.meta.name());
            let mut router = self.router(slot, Some(host.to_string()), name, PathCond::Any, 0);
            router.middlewares = self.config.middlewares(self.has_tls, self.read.regex_mode(host), "");
            router.rule = router.rule_host().unwrap_or_default();
            router.priority = router.rule.len() as i64;
            self.www_twin(&router, host, built);
            built.routers.push(router);
        }
    }

    /// A router of this Ingress: its hosts (with the aliases it may keep, `resolveAliases`).
    fn router(&self, slot: Slot, host: Option<String>, name: String, path: PathCond, priority: i64) -> TraefikRouter {
        let aliases = match &host {
            Some(_) => self.aliases(),
            None => Vec::new(),
        };
        let rule = if host.is_none() { matcher_rule("PathPrefix", "/") } else { String::new() };
        TraefikRouter {
            name: normalize(&name),
            rule,
            priority,
            aliases,
            ..TraefikRouter::new(slot, host, Release::V3_7, path)
        }
    }

    /// `resolveAliases`: an alias that is a host of some Ingress, or that another Ingress claimed
    /// first, is dropped.
    fn aliases(&self) -> Vec<String> {
        let kept = |alias: &&String| {
            let lower = alias.to_ascii_lowercase();
            !self.read.hosts.contains_key(lower.as_str())
                && self.read.claimed.get(&lower).is_none_or(|&owner| owner == self.i)
        };
        self.config.aliases.iter().filter(kept).cloned().collect()
    }

    /// from-to-www-redirect (`buildFromToWwwRedirect`): a router for `www.<host>` (or, for a
    /// `www.` host, the name without it) that redirects to `host`, unless that twin is a host of
    /// some Ingress or the host is a wildcard. Its rule is `Host("<twin>")`.
    fn www_twin(&self, router: &TraefikRouter, host: &str, built: &mut Built) {
        if !self.config.from_to_www || host.starts_with("*.") || host.is_empty() {
            return;
        }
        let twin = match host.strip_prefix("www.") {
            Some(bare) => bare.to_string(),
            None => format!("www.{host}"),
        };
        if self.read.hosts.contains_key(twin.as_str()) {
            return;
        }
        let rule = matcher_rule("Host", &twin);
        let to_host = Some(host.to_string());
        built.routers.push(TraefikRouter {
            name: format!("{}-from-to-www-redirect", router.name),
            priority: rule.len() as i64,
            rule,
            middlewares: Some(Box::new(Middlewares { to_host, ..Middlewares::default() })),
            ..TraefikRouter::new(router.slot, Some(twin), Release::V3_7, PathCond::Any)
        });
    }
}

/// A location whose primary Service has a canary: its router's weighted service, the canary
/// router `(<rule>) && (<conditions>)` to the canary path, and, with a weight, the primary
/// router `(<rule>) && (<never>)` (`translate`).
fn with_canary(router: &mut TraefikRouter, canary: &Canary, built: &mut Built) {
    let variant = |suffix: &str, to_canary: bool, (conditions, cond): (String, HeaderCond)| {
        let rule = format!("({}) && ({conditions})", router.rule);
        TraefikRouter {
            name: format!("{}-{suffix}", router.name),
            priority: rule.len() as i64,
            rule,
            aliases: router.aliases.clone(),
            middlewares: router.middlewares.clone(),
            headers: Some(Box::new(cond)),
            canary: to_canary.then(|| Box::new(canary.clone())),
            ..TraefikRouter::new(router.slot, router.host.clone(), Release::V3_7, router.path.clone())
        }
    };
    if let Some(conditions) = canary.canary_conditions() {
        built.routers.push(variant("canary", true, conditions));
    }
    if let Some(conditions) = canary.primary_conditions() {
        built.routers.push(variant("non-canary", false, conditions));
    }
    router.canary = Some(Box::new(canary.clone()));
}

/// The path part of a router rule and the condition it is (`buildRule`); `None` for an empty
/// path. A regex the simulator cannot compile is an error (the rule text and why).
type PathRule = (Option<String>, PathCond);

fn path_rule(path: &str, path_type: Option<PathType>, regex_mode: bool) -> Result<PathRule, (String, String)> {
    if path.is_empty() {
        return Ok((None, PathCond::Any));
    }
    if path_type == Some(PathType::Exact) {
        return Ok((Some(matcher_rule("Path", path)), PathCond::Path(path.to_string())));
    }
    if regex_mode {
        let pattern = format!("(?i)^{path}");
        let text = matcher_rule("PathRegexp", &pattern);
        return match compile_regex(&pattern, false) {
            Ok(re) => Ok((Some(text), PathCond::Regexp(re))),
            Err(e) => Err((text, e)),
        };
    }
    if path == "/" {
        return Ok((Some(matcher_rule("PathPrefix", "/")), PathCond::Prefix("/".into())));
    }
    let bare = path.strip_suffix('/').unwrap_or(path);
    let text = format!("({} || {})", matcher_rule("Path", bare), matcher_rule("PathPrefix", &format!("{bare}/")));
    Ok((Some(text), PathCond::Segment(bare.to_string())))
}

/// `host && path`, either may be missing.
fn join_rule(host: Option<String>, path: Option<String>) -> String {
    [host, path].into_iter().flatten().collect::<Vec<_>>().join(" && ")
}

impl TraefikRouter {
    /// The host part of the rule: `Host(%q)`, or `(Host(…) || Host(…))` with aliases.
    fn rule_host(&self) -> Option<String> {
        let host = self.host.as_deref()?;
        let hosts: Vec<String> = std::iter::once(host)
            .chain(self.aliases.iter().map(String::as_str))
            .map(|h| matcher_rule("Host", h))
            .collect();
        Some(if hosts.len() > 1 { format!("({})", hosts.join(" || ")) } else { hosts.concat() })
    }
}

impl Slot {
    /// The written path of this slot in `ingress` (the Ingress it belongs to).
    fn path_ref_in(self, ingress: &Ingress) -> Option<&crate::model::HttpPath> {
        let Slot::Path { rule, path, .. } = self else { return None };
        ingress.spec.rules.get(rule)?.http.as_ref()?.paths.get(path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn path_rules_as_build_rule_writes_them() {
        let text = |path, kind, regex| path_rule(path, kind, regex).unwrap().0;
        assert_eq!(
            text("/foo/", Some(PathType::Prefix), false).as_deref(),
            Some(r#"(Path("/foo") || PathPrefix("/foo/"))"#)
        );
        assert_eq!(text("/", None, false).as_deref(), Some(r#"PathPrefix("/")"#));
        assert_eq!(text("/foo", Some(PathType::Exact), true).as_deref(), Some(r#"Path("/foo")"#));
        assert_eq!(
            text("/foo", Some(PathType::ImplementationSpecific), true).as_deref(),
            Some(r#"PathRegexp("(?i)^/foo")"#)
        );
        assert_eq!(text("", Some(PathType::Prefix), false), None);
        assert!(path_rule("/a(", Some(PathType::Prefix), true).is_err());
        let (_, segment) = path_rule("/foo", Some(PathType::Prefix), false).unwrap();
        assert!(segment.matches("/foo") && segment.matches("/foo/bar") && !segment.matches("/foobar"));
    }

    #[test]
    fn strict_path_type_characters() {
        assert!(strict_path("/api/v1.2_x-y/"));
        assert!(!strict_path("/api/(.*)") && !strict_path("/a b") && !strict_path("api"));
    }
}
