//! The nginx configuration ingress-nginx would render: servers and their locations.
//!
//! Follows internal/ingress/controller/controller.go (`createServers`, `getBackendServers`),
//! internal/ingress/controller/location.go (`updateServerLocations`),
//! internal/ingress/controller/template/template.go (`enforceRegexModifier`, `buildLocation`,
//! `buildProxyPass` for the rewrite), internal/k8s/main.go (`SetDefaultNGINXPathType`) and
//! internal/ingress/controller/store/store.go (`sortIngressSlice`: oldest first, ties by
//! `namespace/name` descending).

use super::annotations::{self, Annotations, Rewrite};
use super::regex::{self, Problem};
use super::select::{Static, Tree};
use super::tls::{self, Cert};
use crate::controllers::common::{by_age, TieBreak};
use crate::controllers::Context;
use crate::decision::{BackendRef, Redirect};
use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::model::{Ingress, PathType};
use crate::router::hash::FxMap;
use crate::source::Span;
use std::sync::Arc;

/// Where a location sends its requests.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Target {
    /// `spec.rules[rule].http.paths[path_index]` of Ingress `ingress`.
    Path { ingress: usize, rule: usize, path_index: usize },
    /// The implicit `location /` of a server: an Ingress's `spec.defaultBackend`, or (`None`) the
    /// controller's default backend (404).
    Root { ingress: Option<usize> },
}

/// One nginx `location`.
#[derive(Debug)]
pub(crate) struct Location {
    /// `location.Path` when the template runs (`/foo/` for Prefix `/foo`).
    pub name: String,
    /// The path as the Ingress wrote it (`/` for `""`): the key ingress-nginx deduplicates on.
    pub raw: String,
    /// The type after `SetDefaultNGINXPathType` (ImplementationSpecific and none → Prefix).
    pub path_type: PathType,
    /// `location = …`.
    pub exact: bool,
    pub target: Target,
    /// The rewrite configuration of the Ingress that owns the location.
    pub rewrite: Rewrite,
    /// `return <code> <url>;` from the owning Ingress's permanent-/temporal-redirect.
    pub redirect: Option<Redirect>,
    /// Regex mode: the compiled `~* "^<name>"`.
    pub regex: Option<Result<regex_lite::Regex, Problem>>,
    /// `rewrite "(?i)<name>" <target> break;` when the location rewrites (its target differs
    /// from `name`).
    pub rewrite_regex: Option<Result<regex_lite::Regex, Problem>>,
    /// The extra `= /foo` that `updateServerLocations` adds for Prefix `/foo`.
    pub added_exact: bool,
    is_def_backend: bool,
    /// How the release writes the path into nginx.conf.
    quoting: Quoting,
}

impl Location {
    /// The directive as nginx.tmpl writes it (prefix and exact paths shown unquoted: nginx reads
    /// `"/p"` as `/p`, and releases before 1.14.3 wrote them so).
    pub fn text(&self) -> String {
        if self.regex.is_some() {
            format!("location ~* \"^{}\"", self.quoted_name())
        } else if self.exact {
            format!("location = {}", self.name)
        } else {
            format!("location {}", self.name)
        }
    }

    /// `name` inside nginx's double quotes, as `buildLocation` and `buildProxyPass` write it.
    pub fn quoted_name(&self) -> String {
        match self.quoting {
            Quoting::Escaped => sanitize_quoted_regex(&self.name),
            Quoting::Raw => self.name.clone(),
        }
    }
}

/// How a release writes location paths into nginx.conf (template.go `buildLocation`,
/// `buildProxyPass`), and so what nginx reads back from them.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Quoting {
    /// controller-v1.15.0 and later, 1.14.3+, 1.13.7+ (#14501: `605dea88408f`, backported as
    /// `1656ce5cc887` and `c423b85bee1e`): every path quoted and escaped
    /// ([`sanitize_quoted_regex`]), read back verbatim.
    Escaped,
    /// Up to controller-v1.14.2 and 1.13.6 (`buildLocation` @controller-v1.14.2): prefix and
    /// exact paths unquoted (`location /p`, `location = /p`), regex paths and the rewrite regex
    /// quoted without escaping (`~* "^<path>"`, `rewrite "(?i)<path>"`), so nginx's parser
    /// applies its escapes to them and a `"` ends the string.
    Raw,
}

impl Quoting {
    /// The quoting of the profile's release (`ingress-nginx@1.14.2`: [`Quoting::Raw`]).
    pub fn of(profile: crate::Profile) -> Quoting {
        if profile == crate::Profile::IngressNginxV1_14_2 {
            Quoting::Raw
        } else {
            Quoting::Escaped
        }
    }

    /// The text nginx hands to PCRE for a path written inside `"…"`.
    fn regex_source(self, path: &str) -> Result<String, regex::Invalid> {
        match self {
            Quoting::Escaped => Ok(path.to_string()),
            Quoting::Raw => unquote(path),
        }
    }

    /// Where nginx stops reading an unquoted prefix or exact location path as one argument,
    /// if it does before its end.
    fn unreadable_plain_path(self, path: &str) -> Option<char> {
        let stop = path.chars().find(|c| c.is_whitespace() || *c == ';' || *c == '{')?;
        (self == Quoting::Raw).then_some(stop)
    }
}

/// nginx's reading of a `"…"` string (`ngx_conf_read_token`), as it applies to a path written
/// there unescaped (before 1.14.3): `\"`, `\'` and `\\` lose the backslash, `\t`, `\r`, `\n` become
/// control characters, other escapes keep it; a bare `"` ends the string.
fn unquote(path: &str) -> Result<String, regex::Invalid> {
    let mut out = String::with_capacity(path.len());
    let mut chars = path.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' => return Err(regex::Invalid::DoubleQuote),
            '\\' => match chars.peek().copied() {
                Some(q @ ('"' | '\'' | '\\')) => {
                    chars.next();
                    out.push(q);
                }
                Some(e @ ('t' | 'r' | 'n')) => {
                    chars.next();
                    out.push(match e {
                        't' => '\t',
                        'r' => '\r',
                        _ => '\n',
                    });
                }
                _ => out.push('\\'),
            },
            c => out.push(c),
        }
    }
    Ok(out)
}

/// `sanitizeQuotedRegex` (kubernetes/ingress-nginx `internal/ingress/controller/template/template.go`,
/// controller-v1.15.1, #14501): a backslash before every `\` and `"`, so that nginx's unquoting
/// gives back the path exactly as written. Since 1.15.0 (and 1.14.3) every location path and the
/// `rewrite` regex are written this way: a `"` in a path no longer breaks the configuration, and
/// the regex nginx compiles is the path verbatim.
fn sanitize_quoted_regex(path: &str) -> String {
    let mut out = String::with_capacity(path.len() + 2);
    for c in path.chars() {
        if c == '\\' || c == '"' {
            out.push('\\');
        }
        out.push(c);
    }
    out
}

/// One nginx `server`.
#[derive(Debug)]
pub(crate) struct Server {
    /// The host (`_` for the catch-all server).
    pub host: String,
    /// Locations in configuration order.
    pub locations: Vec<Location>,
    /// Regex mode, and the location that caused it (`enforceRegexModifier`).
    pub regex_mode: Option<usize>,
    pub cert: Option<Cert>,
    /// The oldest Ingress with a rule for this host (it created the server).
    pub creator: Option<usize>,
    pub tree: Tree,
}

/// A path that did not become a location.
#[derive(Clone, Debug)]
pub(crate) struct Skipped {
    pub ingress: usize,
    pub rule: usize,
    pub path_index: usize,
    pub host: String,
    pub why: SkipReason,
}

#[derive(Clone, Debug)]
pub(crate) enum SkipReason {
    /// Same raw path and type already configured by an older Ingress (or earlier in this one).
    Duplicate(Target),
    /// `backend.resource`: ingress-nginx skips non-service backends.
    Resource,
    /// A canary Ingress creates no locations.
    Canary,
}

/// nginx would refuse the whole configuration (`nginx -t` fails; the old one stays loaded).
#[derive(Clone, Debug)]
pub(crate) struct ConfigError {
    pub refusal: Refusal,
    pub host: String,
    pub target: Option<Target>,
    pub span: Option<Span>,
}

/// What nginx refuses in a server (printed by the `Display` of [`ConfigError`] in [`super::prose`]).
#[derive(Clone, Debug)]
pub(crate) enum Refusal {
    /// A regex location (`location`: its quoted name) PCRE cannot compile or, when `unread`,
    /// nginx cannot read as a quoted string.
    Regex { location: String, unread: bool, why: regex::Invalid },
    /// The rewrite regex of a location (its quoted name).
    Rewrite { location: String, why: regex::Invalid },
    /// An unquoted location path (`location`: the directive) nginx stops reading at `stop`.
    Unreadable { location: String, stop: char },
    /// Two locations with the same name.
    Duplicate { name: String },
}

/// The compiled configuration.
#[derive(Debug)]
pub(crate) struct Config {
    /// Servers sorted by host (the `_` catch-all among them), shared with the next build when
    /// their host's Ingresses are unchanged ([`Reuse`]).
    pub servers: Vec<Arc<Server>>,
    /// Per manifest Ingress: its parsed annotations.
    pub annotations: Vec<Annotations>,
    pub skipped: Vec<Skipped>,
    pub errors: Vec<ConfigError>,
    /// Canary alternatives per primary upstream.
    pub alternatives: Vec<super::canary::Alternative>,
    pub diagnostics: Vec<Diagnostic>,
    /// Each server-alias name and the server (index in `servers`) whose `server_name` has it.
    pub aliases: FxMap<String, usize>,
    /// The `www.` twins of from-to-www-redirect: the twin's name, the server it redirects to
    /// (index in `servers`) and the Ingress that asked for it.
    pub www_redirects: FxMap<String, (usize, usize)>,
    /// Per server (index in `servers`): the not simulated annotations of its Ingresses that act
    /// for the whole host ([`annotations::HOST_WIDE`]).
    pub host_wide: FxMap<usize, Vec<crate::decision::IgnoredAnnotation>>,
    /// The ssl-passthrough servers by host (index in `servers`): [`super::passthrough::hosts`].
    pub passthrough: FxMap<String, usize>,
    /// The generation of what every host shares ([`Shared`]) in the [`Reuse`] this was built
    /// with: the same generation, the same shared parts.
    pub generation: u64,
}

impl Config {
    /// The server for a normalised Host: exact name, then the wildcard server whose
    /// `~^(?<subdomain>[\w-]+)\.foo\.com$` matches (`buildServerName`), else `_`.
    pub fn server_for(&self, host: &str) -> usize {
        if let Some(i) = self.server_named(host).filter(|_| host != "_") {
            return i;
        }
        if let Some(&i) = self.aliases.get(host) {
            return i;
        }
        if let Some((label, parent)) = host.split_once('.') {
            let one_label =
                !label.is_empty() && label.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_' || b == b'-');
            if one_label {
                if let Some(i) = self.server_named(&format!("*.{parent}")) {
                    return i;
                }
            }
        }
        self.server_named("_").unwrap_or(0)
    }

    /// The server whose host is `name` (servers are sorted by host, each host once).
    fn server_named(&self, name: &str) -> Option<usize> {
        self.servers.binary_search_by(|s| s.host.as_str().cmp(name)).ok()
    }

    /// The certificate for a name (`certificate.lua` `get_pem_cert_uid`, as `tls::lookup` reads
    /// it): the server named `name` if it has a certificate, else the wildcard server for it.
    pub fn certificate_for(&self, name: &str) -> Option<(&str, &super::tls::Cert)> {
        let name = name.trim().trim_end_matches('.').to_ascii_lowercase();
        let with_cert = |host: &str| {
            let s = &self.servers[self.server_named(host)?];
            s.cert.as_ref().map(|c| (s.host.as_str(), c))
        };
        if let Some(hit) = with_cert(&name) {
            return Some(hit);
        }
        let (_, parent) = name.split_once('.')?;
        with_cert(&format!("*.{parent}"))
    }
}

/// The upstream a target proxies to (`upstreamName`: namespace, service, port), `None` for the
/// controller's default backend.
pub(crate) fn upstream(cx: &Context<'_>, target: Target) -> Option<(String, BackendRef)> {
    let manifest = cx.manifest;
    let (ingress, backend) = match target {
        Target::Path { ingress, rule, path_index } => {
            let p = manifest.ingresses[ingress].spec.rules.get(rule)?.http.as_ref()?.paths.get(path_index)?;
            (ingress, BackendRef::from_model(p.backend.as_ref()?)?)
        }
        Target::Root { ingress: Some(i) } => {
            (i, BackendRef::from_model(manifest.ingresses[i].spec.default_backend.as_ref()?)?)
        }
        Target::Root { ingress: None } => return None,
    };
    let ns = manifest.ingresses[ingress].meta.namespace().to_string();
    Some((ns, backend))
}

fn has_service_default(ingress: &crate::model::Ingress) -> bool {
    ingress.spec.default_backend.as_ref().is_some_and(|b| b.service.is_some())
}

fn root(target: Target, (rewrite, redirect): (Rewrite, Option<Redirect>), quoting: Quoting) -> Location {
    Location {
        name: "/".into(),
        raw: "/".into(),
        path_type: PathType::Prefix,
        exact: false,
        target,
        rewrite,
        redirect,
        regex: None,
        rewrite_regex: None,
        added_exact: false,
        is_def_backend: true,
        quoting,
    }
}

/// The name a rule's host gets as a server (`_` for a rule without host).
fn server_name(rule: &crate::model::Rule) -> &str {
    if rule.host().is_empty() {
        "_"
    } else {
        rule.host()
    }
}

/// What compiling one host produced: its server (none when only canary Ingresses name the host),
/// the paths that did not become locations, and what nginx refuses in it.
#[derive(Debug)]
pub(crate) struct HostBuild {
    server: Option<Arc<Server>>,
    skipped: Vec<Skipped>,
    errors: Vec<ConfigError>,
    diagnostics: Vec<Diagnostic>,
}

/// Everything a host's [`HostBuild`] is made from: the admitted Ingresses with a rule for the
/// host, oldest first, each by its index and its shared value (an unchanged document keeps its
/// `Arc`, see [`crate::DocumentCache`]); for the catch-all, the Ingress whose defaultBackend is
/// its `location /`; and how the release quotes paths. Equal inputs build equal servers.
#[derive(Clone, Debug)]
struct HostInputs {
    members: Vec<(usize, Arc<Ingress>)>,
    catch_all_root: Option<(usize, Arc<Ingress>)>,
    quoting: Quoting,
}

impl HostInputs {
    /// `*self` equals the inputs of these Ingresses (`members`, the catch-all's `root`) under
    /// `quoting`, found without copying them (typing leaves all hosts but one as they were).
    fn are(&self, manifest: &crate::model::Manifest, members: &[usize], root: Option<usize>, quoting: Quoting) -> bool {
        let same = |kept: &(usize, Arc<Ingress>), i: usize| kept.0 == i && Arc::ptr_eq(&kept.1, &manifest.ingresses[i]);
        self.quoting == quoting
            && self.members.len() == members.len()
            && self.members.iter().zip(members).all(|(kept, &i)| same(kept, i))
            && match (&self.catch_all_root, root) {
                (None, None) => true,
                (Some(kept), Some(i)) => same(kept, i),
                _ => false,
            }
    }
}

/// The servers of the last build, per host, for the next build of the same profile: an edit
/// recompiles only the hosts whose Ingresses changed. Holding the `Arc`s keeps their addresses
/// from being reused by other values, so pointer equality means the same value.
#[derive(Debug, Default)]
pub(crate) struct Reuse {
    /// The admitted Ingresses oldest first, ties by `namespace/name` descending (`sortIngressSlice`).
    order: crate::router::ByAge<Vec<usize>>,
    hosts: FxMap<String, (HostInputs, Arc<HostBuild>)>,
    /// What every host shared in the last build, and its generation ([`Config::generation`]).
    shared: Option<Shared>,
    generation: u64,
    /// The admission webhook's findings per group of Ingresses sharing hosts.
    pub refusals: super::admission::Reuse,
    annotations: KeptAnnotations,
    by_host: ByHost,
}

/// Per manifest Ingress: its annotations as last parsed, with the Ingress they were parsed from
/// (held, so that an equal pointer means the same value).
#[derive(Debug, Default)]
struct KeptAnnotations(Vec<Option<(Arc<Ingress>, Annotations)>>);

impl KeptAnnotations {
    /// Per manifest Ingress: its parsed annotations (the default for one not admitted), parsed
    /// again only for the Ingresses that changed.
    fn parse(&mut self, cx: &Context<'_>) -> Vec<Annotations> {
        let ingresses = &cx.manifest.ingresses;
        self.0.resize_with(ingresses.len(), || None);
        let kept = self.0.iter_mut().zip(ingresses).enumerate();
        kept.map(|(i, (kept, ingress))| {
            if !cx.admitted(i) {
                return Annotations::default();
            }
            match kept {
                Some((seen, parsed)) if Arc::ptr_eq(seen, ingress) => parsed.clone(),
                _ => kept.insert((ingress.clone(), annotations::parse(ingress))).1.clone(),
            }
        })
        .collect()
    }
}

/// The last order of the servers by host, as a permutation of their creation order: typing keeps
/// the hosts, so the order is checked (one comparison per server) instead of sorted again.
#[derive(Debug, Default)]
struct ByHost(Vec<usize>);

impl ByHost {
    /// Sorts `servers` by host (each host names one server, so the order is unique).
    fn sort(&mut self, servers: &mut Vec<Arc<Server>>) {
        if self.0.len() == servers.len() {
            let kept: Vec<Arc<Server>> = self.0.iter().map(|&i| servers[i].clone()).collect();
            if kept.windows(2).all(|pair| pair[0].host < pair[1].host) {
                *servers = kept;
                return;
            }
        }
        let mut order: Vec<usize> = (0..servers.len()).collect();
        crate::order::sort_by(&mut order, |&a, &b| servers[a].host.cmp(&servers[b].host));
        *servers = order.iter().map(|&i| servers[i].clone()).collect();
        self.0 = order;
    }
}

/// What the answer for a host may depend on besides the server that answers it: whether nginx
/// refuses the configuration, the canary alternatives (and the canary Ingresses they name), the
/// www twins, aliases and ssl-passthrough hosts, the server names, the servers looked at for any
/// host (the catch-all, and the wildcard servers whose certificates cover a host's subdomains),
/// and the Services (endpoints).
#[derive(Debug, PartialEq)]
struct Shared {
    refused: bool,
    alternatives: Vec<super::canary::Alternative>,
    canaries: Vec<Same<Ingress>>,
    aliases: FxMap<String, usize>,
    www_redirects: FxMap<String, (usize, usize)>,
    passthrough: FxMap<String, usize>,
    hosts: Vec<String>,
    fallbacks: Vec<Same<Server>>,
    services: Vec<crate::model::Service>,
}

impl Shared {
    fn of(config: &Config, manifest: &crate::model::Manifest) -> Shared {
        let canaries = config.alternatives.iter().flat_map(|a| &a.canaries);
        Shared {
            refused: !config.errors.is_empty(),
            alternatives: config.alternatives.clone(),
            canaries: canaries.map(|&(i, _)| Same(manifest.ingresses[i].clone())).collect(),
            aliases: config.aliases.clone(),
            www_redirects: config.www_redirects.clone(),
            passthrough: config.passthrough.clone(),
            hosts: config.servers.iter().map(|s| s.host.clone()).collect(),
            fallbacks: (config.servers.iter())
                .filter(|s| s.host == "_" || s.host.starts_with("*."))
                .map(|s| Same(s.clone()))
                .collect(),
            services: manifest.services.clone(),
        }
    }

    /// `*self == Shared::of(config, manifest)`, without copying every host name and Service to
    /// find out (typing changes none of them).
    fn describes(&self, config: &Config, manifest: &crate::model::Manifest) -> bool {
        let canaries = config.alternatives.iter().flat_map(|a| &a.canaries).map(|&(i, _)| &manifest.ingresses[i]);
        let fallbacks = config.servers.iter().filter(|s| s.host == "_" || s.host.starts_with("*."));
        self.refused != config.errors.is_empty()
            && self.alternatives == config.alternatives
            && Same::all(&self.canaries, canaries)
            && self.aliases == config.aliases
            && self.www_redirects == config.www_redirects
            && self.passthrough == config.passthrough
            && self.hosts.iter().map(String::as_str).eq(config.servers.iter().map(|s| s.host.as_str()))
            && Same::all(&self.fallbacks, fallbacks)
            && self.services == manifest.services
    }
}

/// A shared value compared by identity (held, so that its address is not reused meanwhile).
#[derive(Debug)]
struct Same<T>(Arc<T>);

impl<T> Same<T> {
    /// Are `kept` the very values `now` lists, in order?
    fn all<'a>(kept: &[Same<T>], now: impl Iterator<Item = &'a Arc<T>>) -> bool
    where
        T: 'a,
    {
        let mut now = now;
        kept.iter().all(|kept| now.next().is_some_and(|now| Arc::ptr_eq(&kept.0, now))) && now.next().is_none()
    }
}

impl<T> PartialEq for Same<T> {
    fn eq(&self, other: &Same<T>) -> bool {
        Arc::ptr_eq(&self.0, &other.0)
    }
}

/// The admitted Ingresses with a rule for each host, oldest first (hosts in order of first
/// appearance, the catch-all `_` first), and the hosts that get a server, in the order
/// `createServers` creates them: a host named only by canary Ingresses gets none.
struct HostGroups<'m> {
    groups: Vec<(&'m str, Vec<usize>)>,
    created: Vec<usize>,
}

impl<'m> HostGroups<'m> {
    fn of(manifest: &'m crate::model::Manifest, order: &[usize], canary: impl Fn(usize) -> bool) -> HostGroups<'m> {
        let mut groups: Vec<(&str, Vec<usize>)> = vec![("_", Vec::new())];
        let mut created = vec![0];
        let mut has_server = vec![true];
        let mut by_host: FxMap<&str, usize> = FxMap::default();
        by_host.insert("_", 0);
        for &i in order {
            for rule in &manifest.ingresses[i].spec.rules {
                let host = server_name(rule);
                let g = *by_host.entry(host).or_insert_with(|| {
                    groups.push((host, Vec::new()));
                    has_server.push(false);
                    groups.len() - 1
                });
                if groups[g].1.last() != Some(&i) {
                    groups[g].1.push(i);
                }
                if !canary(i) && !has_server[g] {
                    has_server[g] = true;
                    created.push(g);
                }
            }
        }
        HostGroups { groups, created }
    }
}

/// The admitted Ingresses oldest first, ties by `namespace/name` descending (`sortIngressSlice`),
/// sorted again only when an Ingress's admission, age, namespace or name changed.
pub(crate) fn age_order(cx: &Context<'_>, reuse: &mut Reuse) -> Vec<usize> {
    reuse.order.get(&cx.manifest.ingresses, |i| cx.admitted(i), || by_age(cx, TieBreak::NameDescending))
}

/// Builds the configuration, reusing from `reuse` the servers of hosts whose Ingresses are
/// unchanged since its last build, and leaving this build's servers there.
pub(crate) fn build(cx: &Context<'_>, reuse: &mut Reuse) -> Config {
    let manifest = cx.manifest;
    let order = age_order(cx, reuse);
    let quoting = Quoting::of(cx.profile);
    let annotations = reuse.annotations.parse(cx);
    let canary = |i: usize| annotations[i].canary.enabled;
    // createServers: the catch-all's `location /` is the oldest rule-less Ingress's defaultBackend.
    let catch_all_root = order.iter().copied().find(|&i| {
        let ing = &manifest.ingresses[i];
        !canary(i) && has_service_default(ing) && ing.spec.rules.is_empty()
    });
    let HostGroups { groups, created } = HostGroups::of(manifest, &order, canary);
    let mut built: Vec<Arc<HostBuild>> = Vec::with_capacity(groups.len());
    let shared = |i: usize| (i, manifest.ingresses[i].clone());
    for (g, (host, members)) in groups.iter().enumerate() {
        let root = if g == 0 { catch_all_root } else { None };
        let inputs = || HostInputs {
            members: members.iter().map(|&i| shared(i)).collect(),
            catch_all_root: root.map(shared),
            quoting,
        };
        let plan = HostPlan { host, members, catch_all_root: root, annotations: &annotations, quoting };
        let build = || Arc::new(build_host(cx, &plan));
        let host_build = match reuse.hosts.get_mut(*host) {
            Some((before, kept)) => {
                if !before.are(manifest, members, root, quoting) {
                    (*before, *kept) = (inputs(), build());
                }
                kept.clone()
            }
            None => {
                let host_build = build();
                reuse.hosts.insert(host.to_string(), (inputs(), host_build.clone()));
                host_build
            }
        };
        built.push(host_build);
    }
    // Forget the hosts the input no longer has.
    if reuse.hosts.len() > groups.len() {
        let hosts: std::collections::HashSet<&str, std::hash::BuildHasherDefault<crate::router::hash::FxHasher>> =
            groups.iter().map(|(host, _)| *host).collect();
        reuse.hosts.retain(|host, _| hosts.contains(host.as_str()));
    }
    // In creation order, as createServers makes them and nginx checks them.
    let mut servers: Vec<Arc<Server>> = created.iter().filter_map(|&g| built[g].server.clone()).collect();
    let mut errors = Vec::new();
    let mut diagnostics = Vec::new();
    for &g in &created {
        errors.extend(built[g].errors.iter().cloned());
        diagnostics.extend(built[g].diagnostics.iter().cloned());
    }
    let skipped = built.iter().flat_map(|b| b.skipped.iter().cloned()).collect();
    let alternatives = super::canary::merge(cx, &order, &annotations, &servers);
    reuse.by_host.sort(&mut servers);
    let aliases = server_aliases(cx, &order, &annotations, &servers);
    let host_wide = host_wide_annotations(cx, &order, &servers);
    let www_redirects = www_redirects(cx, &order, &annotations, &servers);
    let passthrough = super::passthrough::hosts(cx, &order, &annotations, &servers);
    let mut config = Config {
        servers,
        annotations,
        skipped,
        errors,
        alternatives,
        diagnostics,
        aliases,
        host_wide,
        www_redirects,
        passthrough,
        generation: 0,
    };
    debug_assert!(reuse
        .shared
        .as_ref()
        .is_none_or(|kept| kept.describes(&config, manifest) == (*kept == Shared::of(&config, manifest))));
    if !reuse.shared.as_ref().is_some_and(|kept| kept.describes(&config, manifest)) {
        reuse.generation += 1;
        reuse.shared = Some(Shared::of(&config, manifest));
    }
    config.generation = reuse.generation;
    config
}

/// What one host's server is built from.
struct HostPlan<'a> {
    host: &'a str,
    /// The admitted Ingresses with a rule for the host, oldest first.
    members: &'a [usize],
    /// For `_`: the Ingress whose defaultBackend answers.
    catch_all_root: Option<usize>,
    /// Per manifest Ingress.
    annotations: &'a [Annotations],
    quoting: Quoting,
}

/// One host's server (`createServers` and `getBackendServers` for the Ingresses with a rule for
/// it, oldest first), its locations sorted and updated as the template writes them, and what
/// nginx refuses in it.
fn build_host(cx: &Context<'_>, plan: &HostPlan<'_>) -> HostBuild {
    let HostPlan { host, members, annotations, quoting, .. } = *plan;
    let manifest = cx.manifest;
    let canary = |i: usize| annotations[i].canary.enabled;
    let mut server = new_server(cx, plan);
    let mut skipped = Vec::new();
    // getBackendServers: locations.
    for &i in members {
        let ing = &manifest.ingresses[i];
        for (r, rule) in ing.spec.rules.iter().enumerate().filter(|(_, rule)| server_name(rule) == host) {
            let Some(http) = &rule.http else { continue };
            for (p, path) in http.paths.iter().enumerate() {
                let skip = |why| Skipped { ingress: i, rule: r, path_index: p, host: host.to_string(), why };
                if path.backend.as_ref().is_none_or(|b| b.service.is_none()) {
                    skipped.push(skip(SkipReason::Resource));
                    continue;
                }
                if canary(i) {
                    skipped.push(skip(SkipReason::Canary));
                    continue;
                }
                // Only canary Ingresses name a host without a server, and they were skipped.
                let Some(server) = server.as_mut() else { continue };
                let target = Target::Path { ingress: i, rule: r, path_index: p };
                if let Some(duplicate) = add_location(server, path, target, &annotations[i], quoting) {
                    skipped.push(skip(SkipReason::Duplicate(duplicate)));
                }
            }
        }
    }
    let (mut errors, mut diagnostics) = (Vec::new(), Vec::new());
    if let Some(server) = server.as_mut() {
        // Sort by path descending, then (stably) by length descending.
        crate::order::sort_by(&mut server.locations, |a, b| {
            b.raw.len().cmp(&a.raw.len()).then_with(|| b.raw.cmp(&a.raw))
        });
        update_locations(server);
        // enforceRegexModifier (template.go) runs on the locations updateServerLocations left:
        // rewrite-target /foo on Prefix /foo is left alone there (target = path), becomes
        // `location /foo/`, and then needs a rewrite (/foo ≠ /foo/): the server is in regex mode.
        server.regex_mode =
            server.locations.iter().position(|l| l.rewrite.use_regex || l.rewrite.needs_rewrite(&l.name));
        finish(cx, server, &mut errors, &mut diagnostics);
    }
    HostBuild { server: server.map(Arc::new), skipped, errors, diagnostics }
}

/// `createServers` for one host: the server with its `location /` (the creating Ingress's
/// defaultBackend, or the controller's), and its certificate (the oldest Ingress of the host
/// with TLS); `None` when only canary Ingresses name the host.
fn new_server(cx: &Context<'_>, plan: &HostPlan<'_>) -> Option<Server> {
    let HostPlan { host, members, catch_all_root, annotations, quoting } = *plan;
    let manifest = cx.manifest;
    let primaries = || members.iter().copied().filter(|&i| !annotations[i].canary.enabled);
    let (creator, location) = if host == "_" {
        // The catch-all's Rewrite is Go's zero value (no ssl-redirect), and stays so for a
        // catch-all Ingress ("TODO: Redirect and rewrite can affect the catch all behavior, skip
        // for now").
        let mut location = root(Target::Root { ingress: catch_all_root }, Default::default(), quoting);
        location.is_def_backend = catch_all_root.is_none();
        (None, location)
    } else {
        let creator = primaries().next()?;
        let default = has_service_default(&manifest.ingresses[creator]).then_some(creator);
        (Some(creator), root(Target::Root { ingress: default }, annotations[creator].location(), quoting))
    };
    // createServers, second loop: certificates.
    let cert = primaries()
        .find(|&i| host != "_" && !manifest.ingresses[i].spec.tls.is_empty())
        .map(|i| tls::extract(host, i, &manifest.ingresses[i]));
    Some(Server {
        host: host.to_string(),
        locations: vec![location],
        regex_mode: None,
        cert,
        creator,
        tree: Tree::default(),
    })
}

/// Adds a service path's location to its server, or takes over the server's `location /` from
/// the default backend; returns the target of the location that already has the path and type.
fn add_location(
    server: &mut Server,
    path: &crate::model::HttpPath,
    target: Target,
    annotations: &Annotations,
    quoting: Quoting,
) -> Option<Target> {
    let raw = if path.path().is_empty() { "/" } else { path.path() };
    // SetDefaultNGINXPathType: nil and ImplementationSpecific become Prefix.
    let pt = match path.path_type() {
        Some(PathType::Exact) => PathType::Exact,
        _ => PathType::Prefix,
    };
    // "Same paths but different types are allowed": the Go loop stops at the first location with
    // this path, even when a later one has the same type.
    if let Some(loc) = server.locations.iter_mut().find(|loc| loc.raw == raw) {
        if loc.path_type == pt {
            if !loc.is_def_backend {
                return Some(loc.target);
            }
            loc.target = target;
            loc.is_def_backend = false;
            (loc.rewrite, loc.redirect) = annotations.location();
            return None;
        }
    }
    server.locations.push(Location {
        name: raw.to_string(),
        raw: raw.to_string(),
        path_type: pt,
        exact: pt == PathType::Exact,
        target,
        rewrite: annotations.rewrite.clone(),
        redirect: annotations.redirect.clone(),
        regex: None,
        rewrite_regex: None,
        added_exact: false,
        is_def_backend: false,
        quoting,
    });
    None
}

/// `BuildRedirects` (pkg/util/ingress/ingress.go, controller-v1.15.1): a server gets
/// `RedirectFromToWWW` when a path of a non-canary Ingress with from-to-www-redirect becomes one of
/// its locations (`getBackendServers`); its twin is `www.<host>`, or the host without `www.`,
/// unless a server of that name exists. Servers are visited by host, and a twin name already made
/// is kept (nginx.conf writes the redirect servers before the others).
fn www_redirects(
    cx: &Context<'_>,
    order: &[usize],
    annotations: &[Annotations],
    servers: &[Arc<Server>],
) -> FxMap<String, (usize, usize)> {
    let position = |host: &str| servers.binary_search_by(|s| s.host.as_str().cmp(host)).ok();
    let mut asked: Vec<Option<usize>> = vec![None; servers.len()];
    for &i in order.iter().filter(|&&i| annotations[i].from_to_www && !annotations[i].canary.enabled) {
        for rule in &cx.manifest.ingresses[i].spec.rules {
            let has_service_path = rule
                .http
                .iter()
                .flat_map(|h| &h.paths)
                .any(|p| p.backend.as_ref().is_some_and(|b| b.service.is_some()));
            if let Some(s) = position(rule.host()).filter(|_| has_service_path) {
                asked[s].get_or_insert(i);
            }
        }
    }
    let mut twins = FxMap::default();
    for (s, by) in asked.iter().enumerate() {
        let (Some(i), host) = (*by, servers[s].host.as_str()) else { continue };
        if host == "_" || host.starts_with("*.") {
            continue;
        }
        let twin = host.strip_prefix("www.").map_or_else(|| format!("www.{host}"), str::to_string);
        if position(&twin).is_none() {
            twins.entry(twin).or_insert((s, i));
        }
    }
    twins
}

/// [`Config::host_wide`]: each Ingress's host-wide annotations, on the servers of its hosts.
fn host_wide_annotations(
    cx: &Context<'_>,
    order: &[usize],
    servers: &[Arc<Server>],
) -> FxMap<usize, Vec<crate::decision::IgnoredAnnotation>> {
    let mut found: FxMap<usize, Vec<crate::decision::IgnoredAnnotation>> = FxMap::default();
    for &i in order {
        let ingress = &cx.manifest.ingresses[i];
        let ignored: Vec<_> = annotations::ignored(ingress)
            .into_iter()
            .filter(|a| annotations::HOST_WIDE.contains(&a.key.as_str()))
            .collect();
        if ignored.is_empty() {
            continue;
        }
        for rule in &ingress.spec.rules {
            let host = if rule.host().is_empty() { "_" } else { rule.host() };
            if let Ok(s) = servers.binary_search_by(|server| server.host.as_str().cmp(host)) {
                let list = found.entry(s).or_default();
                list.extend(ignored.iter().filter(|a| !list.contains(a)).cloned().collect::<Vec<_>>());
            }
        }
    }
    found
}

/// `createServers` (internal/ingress/controller/controller.go, controller-v1.15.1): the oldest
/// non-canary Ingress with a rule for a host and a `server-alias` gives that server its aliases
/// (later ones are skipped: "Aliases already configured"); an alias that is the host itself or
/// the host of another server is dropped. `servers` are sorted by host, as nginx.conf writes them:
/// when two servers claim one alias, nginx keeps the first ("conflicting server name … ignored").
fn server_aliases(
    cx: &Context<'_>,
    order: &[usize],
    annotations: &[Annotations],
    servers: &[Arc<Server>],
) -> FxMap<String, usize> {
    let position = |host: &str| servers.binary_search_by(|s| s.host.as_str().cmp(host)).ok();
    let mut claimed: Vec<Option<usize>> = vec![None; servers.len()];
    for &i in order.iter().filter(|&&i| !annotations[i].canary.enabled && !annotations[i].aliases.is_empty()) {
        for rule in &cx.manifest.ingresses[i].spec.rules {
            let host = if rule.host().is_empty() { "_" } else { rule.host() };
            if let Some(s) = position(host) {
                claimed[s].get_or_insert(i);
            }
        }
    }
    let mut aliases = FxMap::default();
    for (s, owner) in claimed.iter().enumerate() {
        let Some(i) = *owner else { continue };
        for alias in &annotations[i].aliases {
            if position(alias).is_none() {
                aliases.entry(alias.clone()).or_insert(s);
            }
        }
    }
    aliases
}

/// `updateServerLocations` (internal/ingress/controller/location.go): Prefix `/foo` →
/// `location /foo/` plus `location = /foo` (unless an Exact `/foo` exists); `/`, non-Prefix and
/// rewrite/regex locations unchanged. It decides on the path as written (`needsRewrite` against
/// `raw`); the template later decides on the updated `name`.
fn update_locations(server: &mut Server) {
    let exact: Vec<String> =
        server.locations.iter().filter(|l| l.path_type == PathType::Exact).map(|l| l.raw.clone()).collect();
    let old = std::mem::take(&mut server.locations);
    for mut loc in old {
        if loc.raw == "/"
            || loc.path_type != PathType::Prefix
            || loc.rewrite.needs_rewrite(&loc.raw)
            || loc.rewrite.use_regex
        {
            server.locations.push(loc);
            continue;
        }
        let normalized = if loc.raw.ends_with('/') { loc.raw.clone() } else { format!("{}/", loc.raw) };
        if exact.contains(&loc.raw) {
            loc.name = normalized;
            server.locations.push(loc);
            continue;
        }
        let copy = Location {
            name: loc.raw.clone(),
            raw: loc.raw.clone(),
            path_type: PathType::Exact,
            exact: true,
            target: loc.target,
            rewrite: loc.rewrite.clone(),
            redirect: loc.redirect.clone(),
            regex: None,
            rewrite_regex: None,
            added_exact: true,
            is_def_backend: loc.is_def_backend,
            quoting: loc.quoting,
        };
        loc.name = normalized;
        server.locations.push(loc);
        server.locations.push(copy);
    }
}

fn target_span(cx: &Context<'_>, target: Target) -> Option<Span> {
    match target {
        Target::Path { ingress, rule, path_index } => cx.manifest.ingresses[ingress]
            .spec
            .rules
            .get(rule)
            .and_then(|r| r.http.as_ref())
            .and_then(|h| h.paths.get(path_index))
            .map(|p| p.path.as_ref().map_or(p.span, |s| s.span)),
        Target::Root { ingress: Some(i) } => cx.manifest.ingresses[i].spec.default_backend.as_ref().map(|b| b.span),
        Target::Root { ingress: None } => None,
    }
}

fn target_object(cx: &Context<'_>, target: Target) -> Option<String> {
    match target {
        Target::Path { ingress, .. } | Target::Root { ingress: Some(ingress) } => {
            Some(format!("Ingress {}", cx.manifest.ingresses[ingress].id()))
        }
        Target::Root { ingress: None } => None,
    }
}

/// Compiles regex locations, builds the static tree, and records what nginx would refuse.
fn finish(cx: &Context<'_>, server: &mut Server, errors: &mut Vec<ConfigError>, diagnostics: &mut Vec<Diagnostic>) {
    let host = server.host.clone();
    let refuse =
        |refusal: Refusal, target: Option<Target>, errors: &mut Vec<ConfigError>, diagnostics: &mut Vec<Diagnostic>| {
            let span = target.and_then(|t| target_span(cx, t));
            let error = ConfigError { refusal, host: host.clone(), target, span };
            let mut d =
                Diagnostic::new(Severity::Warning, Code::Controller, super::prose::refused(&error)).at_opt(span);
            if let Some(o) = target.and_then(|t| target_object(cx, t)) {
                d = d.on(o);
            }
            diagnostics.push(d);
            errors.push(error);
        };
    for loc in &mut server.locations {
        // buildProxyPass: `rewrite "(?i)<location.Path>" <target> break;` unless the target is
        // the (updated) location path; quoted, so (since 1.14.4) the regex is the path verbatim.
        if loc.rewrite.needs_rewrite(&loc.name) {
            loc.rewrite_regex = Some(
                loc.quoting.regex_source(&loc.name).map_err(Problem::Invalid).and_then(|p| regex::compile(&p, true)),
            );
        }
    }
    if server.regex_mode.is_some() {
        for loc in &mut server.locations {
            // buildLocation: `~* "^<path>"`; since 1.14.3 escaped, so nginx compiles `^` + the path.
            let source = loc.quoting.regex_source(&loc.name);
            let unread = source.is_err();
            let compiled = source.map_err(Problem::Invalid).and_then(|p| regex::compile(&format!("^{p}"), true));
            match &compiled {
                Err(Problem::Invalid(why)) => refuse(
                    Refusal::Regex { location: loc.quoted_name(), unread, why: why.clone() },
                    Some(loc.target),
                    errors,
                    diagnostics,
                ),
                Err(Problem::Unsupported(why)) => {
                    let span = target_span(cx, loc.target);
                    let message = super::prose::regex_unsupported(&loc.quoted_name(), &host, why);
                    let mut d = Diagnostic::new(Severity::Notice, Code::Controller, message).at_opt(span);
                    if let Some(o) = target_object(cx, loc.target) {
                        d = d.on(o);
                    }
                    diagnostics.push(d);
                }
                Ok(_) => {}
            }
            if let Some(Err(Problem::Invalid(why))) = &loc.rewrite_regex {
                refuse(
                    Refusal::Rewrite { location: loc.quoted_name(), why: why.clone() },
                    Some(loc.target),
                    errors,
                    diagnostics,
                );
            }
            loc.regex = Some(compiled);
        }
        return;
    }
    for loc in &server.locations {
        if let Some(stop) = loc.quoting.unreadable_plain_path(&loc.name) {
            refuse(Refusal::Unreadable { location: loc.text(), stop }, Some(loc.target), errors, diagnostics);
        }
    }
    let statics: Vec<Static> = server
        .locations
        .iter()
        .map(|l| Static { name: l.name.clone(), exact: l.exact, auto_redirect: l.name.ends_with('/') })
        .collect();
    match Tree::build(&statics) {
        Ok(tree) => server.tree = tree,
        Err(d) => {
            let second = server.locations.get(d.second).map(|l| l.target);
            refuse(Refusal::Duplicate { name: d.name }, second, errors, diagnostics);
        }
    }
}
