//! [`probes`]: the requests that can tell two ways of routing the same input apart, generated from
//! the input itself.
//!
//! Everything a migration (or a move between controllers) is known to change depends on the
//! request's host, its path's shape, its scheme and the canary headers and cookies, so the probes
//! vary exactly those, starting from what the Ingresses write:
//!
//! - **hosts**: every rule host as written; a wildcard `*.d` as `a.d` (one label, what an Ingress
//!   wildcard covers) and `a.b.d` (two labels, what a Gateway API wildcard covers too); the hosts
//!   of `nginx.ingress.kubernetes.io/server-alias`; and, once, a host no rule names
//!   ([`OTHER_HOST`]), which only a host-less rule or a default backend answers;
//! - **paths**, under each host of the path's rule (a host-less rule's paths under
//!   [`OTHER_HOST`]): the path as written; with its trailing slash toggled; one element deeper
//!   (`/a` → `/a/x`); one character longer (`/a` → `/ax`); upper-cased; behind a dot segment
//!   (`/x/../a`, which resolves to `/a`); behind a doubled slash (`//a`); and each host's root
//!   `/`. A regular-expression path is probed by its literal head (`/api/(.*)` → `/api/`) and
//!   by a path it matches (`/api/v[0-9]+` → `/api/v0`), also upper-cased;
//! - **schemes**: every variant over http; the path as written over https too (SNI = the host);
//! - **canaries**: each path of an Ingress with `nginx.ingress.kubernetes.io/canary: "true"`,
//!   with its `canary-by-header` header (the `canary-by-header-value`, else `always` and `never`)
//!   and with its `canary-by-cookie` cookie set to `always` and to `never`;
//! - **crossings**: the paths of host-less and wildcard rules, as written, under every other probed
//!   host they may reach (where a controller falls back to them, or keeps a host's rules apart).
//!
//! The list is deterministic (input order: Ingresses, rules, paths, then the variants in the
//! order above), has no two equal requests (the first description is kept), and is bounded: at
//! most [`MAX_PROBES`] requests, the later ones dropped ([`ProbeSet::truncated`] says so). An input
//! without Ingresses has no probes: nothing is routed by Ingress rules, so nothing can change.

use crate::model::{HttpPath, Ingress};
use crate::request::{Request, Scheme};
use crate::Simulator;
use serde::Serialize;
use std::collections::HashMap;
use std::hash::{Hash, Hasher};

/// The most requests one diff asks: enough for every variant of ~10,000 written paths; a
/// larger input is probed by its first paths (input order), and the run says it was cut.
pub const MAX_PROBES: usize = 100_000;

/// The host no rule names: only a host-less rule or a default backend answers it (`.invalid`
/// is reserved, RFC 2606, so no input can name it by accident).
pub const OTHER_HOST: &str = "other-host.invalid";

/// The annotation prefix of ingress-nginx.
const NGINX: &str = "nginx.ingress.kubernetes.io/";

/// One generated request and what it tells apart.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Probe {
    /// The request.
    pub request: Request,
    /// What it probes, in a few words (`wildcard host, two labels`, `path one element deeper`).
    pub probes: String,
}

/// The probes of an input, and whether [`MAX_PROBES`] cut the list.
#[derive(Clone, Debug, Default)]
pub struct ProbeSet {
    /// The probes, in input order.
    pub probes: Vec<Probe>,
    /// True when more requests were generated than [`MAX_PROBES`].
    pub truncated: bool,
}

/// The requests that can tell two routings of `sim`'s input apart (see the module docs):
/// deterministic, without duplicates, in input order, at most [`MAX_PROBES`].
pub fn probes(sim: &Simulator) -> Vec<Probe> {
    probe_set(sim).probes
}

/// [`probes`], saying whether the bound cut the list.
pub fn probe_set(sim: &Simulator) -> ProbeSet {
    let manifest = sim.manifest();
    let mut out = Generator::default();
    if manifest.ingresses.is_empty() {
        return ProbeSet::default();
    }
    for ingress in &manifest.ingresses {
        out.ingress(ingress);
    }
    out.crossed();
    out.push(Request::new(OTHER_HOST, "/"), "a host no rule names (default backend)");
    ProbeSet { probes: out.probes, truncated: out.truncated }
}

/// Collects probes, dropping repeats and stopping at the bound.
#[derive(Default)]
struct Generator {
    probes: Vec<Probe>,
    /// The probes by a hash of what makes a request the same (scheme, host, path, headers,
    /// cookies), for dropping repeats without copying every request into a key.
    seen: HashMap<u64, Vec<usize>>,
    truncated: bool,
    /// Every host probed, in order, once.
    hosts: Vec<String>,
    /// The paths of rules that reach other rules' hosts: `(None, path)` for a host-less rule,
    /// `(Some(".d"), path)` for a wildcard `*.d`.
    reaching: Vec<(Option<String>, String)>,
}

/// A hash of what makes two requests the same request (a fixed hasher: deterministic).
fn request_hash(request: &Request) -> u64 {
    let mut hasher = std::collections::hash_map::DefaultHasher::new();
    (request.scheme == Scheme::Https, &request.host, &request.path, &request.headers, &request.cookies)
        .hash(&mut hasher);
    hasher.finish()
}

/// True when two requests are the same request.
fn same(a: &Request, b: &Request) -> bool {
    a.scheme == b.scheme && a.host == b.host && a.path == b.path && a.headers == b.headers && a.cookies == b.cookies
}

/// One host to probe and what it stands for.
struct ProbedHost {
    host: String,
    what: &'static str,
}

impl Generator {
    fn push(&mut self, request: Request, probes: impl Into<String>) {
        let Generator { probes: list, seen, truncated, .. } = self;
        let bucket = seen.entry(request_hash(&request)).or_default();
        if bucket.iter().any(|&i| same(&list[i].request, &request)) {
            return;
        }
        if list.len() >= MAX_PROBES {
            *truncated = true;
            return;
        }
        bucket.push(list.len());
        list.push(Probe { request, probes: probes.into() });
    }

    fn ingress(&mut self, ingress: &Ingress) {
        let annotation = |key: &str| ingress.meta.annotation(&format!("{NGINX}{key}")).map(|v| v.value.trim());
        let aliases: Vec<String> = annotation("server-alias")
            .map(|v| v.split([',', ' ']).map(str::trim).filter(|a| !a.is_empty()).map(str::to_string).collect())
            .unwrap_or_default();
        let canary = annotation("canary") == Some("true");
        let header = annotation("canary-by-header").filter(|h| !h.is_empty()).map(|h| {
            let value = annotation("canary-by-header-value").filter(|v| !v.is_empty()).unwrap_or("always");
            (h.to_string(), value.to_string())
        });
        let cookie = annotation("canary-by-cookie").filter(|c| !c.is_empty()).map(str::to_string);
        for rule in &ingress.spec.rules {
            let mut hosts = hosts_of(rule.host());
            if !rule.host().is_empty() {
                hosts.extend(
                    aliases.iter().flat_map(|a| hosts_of(a)).map(|h| ProbedHost { what: "server-alias host", ..h }),
                );
            }
            for host in &hosts {
                self.push(Request::new(&host.host, "/"), format!("{}, root path", host.what));
                if !self.hosts.contains(&host.host) {
                    self.hosts.push(host.host.clone());
                }
            }
            let paths = rule.http.as_ref().map_or(&[][..], |h| &h.paths[..]);
            let reach = match rule.host() {
                "" => Some(None),
                host => host.strip_prefix('*').map(|suffix| Some(suffix.to_string())),
            };
            if let Some(reach) = reach {
                self.reaching.extend(paths.iter().map(|p| (reach.clone(), probe_path(p))));
            }
            for path in paths {
                for host in &hosts {
                    self.path(host, path);
                    if canary {
                        let base = probe_path(path);
                        if let Some((name, value)) = &header {
                            // `never` sends the request to the main side, whatever the weight.
                            let never = (value == "always").then_some("never");
                            for value in std::iter::once(value.as_str()).chain(never) {
                                let mut request = Request::new(&host.host, base.clone());
                                request.headers.push((name.clone(), value.to_string()));
                                self.push(request, format!("canary header {name}: {value}"));
                            }
                        }
                        if let Some(name) = &cookie {
                            for value in ["always", "never"] {
                                let mut request = Request::new(&host.host, base.clone());
                                request.cookies.push((name.clone(), value.to_string()));
                                self.push(request, format!("canary cookie {name}={value}"));
                            }
                        }
                    }
                }
            }
        }
        if ingress.spec.default_backend.is_some() {
            self.push(Request::new(OTHER_HOST, "/"), "a host no rule names (default backend)");
        }
    }

    /// The paths of host-less and wildcard rules under every other probed host they may reach:
    /// where a controller falls back to them, or keeps a host's rules apart, differs.
    fn crossed(&mut self) {
        let hosts = std::mem::take(&mut self.hosts);
        let reaching = std::mem::take(&mut self.reaching);
        for host in &hosts {
            for (pattern, path) in &reaching {
                let what = match pattern {
                    None => "path of a host-less rule under a named host".to_string(),
                    Some(suffix) if host.ends_with(suffix.as_str()) && host.len() > suffix.len() => {
                        format!("path of *{suffix} under a host it covers")
                    }
                    Some(_) => continue,
                };
                self.push(Request::new(host, path.clone()), what);
            }
        }
    }

    /// Every variant of one written path under one host.
    fn path(&mut self, host: &ProbedHost, path: &HttpPath) {
        let written = probe_path(path);
        let h = &host.host;
        let what = host.what;
        self.push(Request::new(h, written.clone()), format!("{what}, path as written"));
        let https = Request::new(h, written.clone()).with_sni(h.clone());
        self.push(https, format!("{what}, path as written, over https"));
        if written != "/" {
            let toggled = match written.strip_suffix('/') {
                Some(without) => without.to_string(),
                None => format!("{written}/"),
            };
            self.push(Request::new(h, toggled), format!("{what}, trailing slash toggled"));
        }
        let stem = written.trim_end_matches('/');
        self.push(Request::new(h, format!("{stem}/x")), format!("{what}, path one element deeper"));
        if !stem.is_empty() {
            self.push(Request::new(h, format!("{stem}x")), format!("{what}, path one character longer"));
        }
        let upper = written.to_ascii_uppercase();
        if upper != written {
            self.push(Request::new(h, upper), format!("{what}, path upper-cased"));
        }
        self.push(Request::new(h, format!("/x/..{written}")), format!("{what}, dot segment before the path"));
        self.push(Request::new(h, format!("/{written}")), format!("{what}, doubled slash before the path"));
        if let Some(sample) = regex_sample(path.path()) {
            self.push(Request::new(h, sample.clone()), format!("{what}, a path the regular expression matches"));
            let upper = sample.to_ascii_uppercase();
            if upper != sample {
                self.push(
                    Request::new(h, upper),
                    format!("{what}, a path the regular expression matches, upper-cased"),
                );
            }
        }
    }
}

/// A request path that a regular-expression path matches, as ingress-nginx anchors it
/// (`location ~* "^<path>"`), when the path has metacharacters and a simple reading of it gives
/// one: literals kept, `.` and classes as one character of them, `\d`/`\w` as `1`/`a`, `*`
/// and `?` as no repetition, `+` as one, `{n,m}` as `n`, a group or alternation as its first
/// branch. The sample is checked against the expression itself, so a reading this misses gives
/// no sample, never a wrong one.
fn regex_sample(written: &str) -> Option<String> {
    if !written.contains(['*', '+', '?', '(', '[', '{', '|', '\\', '$']) {
        return None;
    }
    let sample = sample_of(&mut written.chars().peekable(), false)?;
    let sample = if sample.starts_with('/') { sample } else { format!("/{sample}") };
    let anchored = regex_lite::RegexBuilder::new(&format!("^(?:{written})")).case_insensitive(true).build().ok()?;
    anchored.is_match(&sample).then_some(sample)
}

/// The sample of a sequence, up to the end or (inside a group) its closing `)`.
fn sample_of(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, in_group: bool) -> Option<String> {
    let mut out = String::new();
    // Where the last atom's text starts in `out`, so a quantifier can drop or repeat it.
    let mut atom_at = 0;
    while let Some(c) = chars.next() {
        let before = out.len();
        match c {
            ')' if in_group => return Some(out),
            '|' => {
                // The first branch is the sample: skip the others to the group's end.
                skip_branches(chars, in_group);
                return Some(out);
            }
            '^' | '$' => continue,
            '(' => {
                if chars.peek() == Some(&'?') {
                    chars.next();
                    // `(?:` and inline flags: only the non-capturing group is read.
                    if chars.next() != Some(':') {
                        return None;
                    }
                }
                out.push_str(&sample_of(chars, true)?);
            }
            '[' => out.push(class_sample(chars)?),
            '.' => out.push('x'),
            '\\' => match chars.next()? {
                'd' => out.push('1'),
                'w' => out.push('a'),
                c if c.is_ascii_alphanumeric() => return None,
                c => out.push(c),
            },
            '*' | '?' => {
                out.truncate(atom_at);
                skip_lazy(chars);
                continue;
            }
            '+' => {
                skip_lazy(chars);
                continue;
            }
            '{' => {
                let spec: String = chars.by_ref().take_while(|&c| c != '}').collect();
                let least: usize = spec.split(',').next()?.trim().parse().ok()?;
                let atom = out[atom_at..].to_string();
                out.truncate(atom_at);
                out.push_str(&atom.repeat(least.min(8)));
                continue;
            }
            c => out.push(c),
        }
        atom_at = before;
    }
    (!in_group).then_some(out)
}

/// After `|`: the rest of the alternatives, up to and including the group's `)`.
fn skip_branches(chars: &mut std::iter::Peekable<std::str::Chars<'_>>, in_group: bool) {
    let mut depth = 0usize;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                chars.next();
            }
            '(' => depth += 1,
            ')' if depth == 0 && in_group => return,
            ')' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
}

/// A lazy quantifier's `?` after `*`, `+`, `?` or `}`.
fn skip_lazy(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) {
    if chars.peek() == Some(&'?') {
        chars.next();
    }
}

/// One character a class `[...]` takes (after the `[`): its first member, or `x` for a negated
/// class that does not exclude it.
fn class_sample(chars: &mut std::iter::Peekable<std::str::Chars<'_>>) -> Option<char> {
    let negated = chars.peek() == Some(&'^');
    if negated {
        chars.next();
    }
    let mut members = String::new();
    let mut first = true;
    loop {
        let c = chars.next()?;
        match c {
            ']' if !first => break,
            '\\' => members.push(match chars.next()? {
                'd' => '1',
                'w' => 'a',
                c => c,
            }),
            c => members.push(c),
        }
        first = false;
    }
    if negated {
        return (!members.contains('x')).then_some('x');
    }
    members.chars().next()
}

/// The hosts that stand for a rule host.
fn hosts_of(host: &str) -> Vec<ProbedHost> {
    if host.is_empty() {
        return vec![ProbedHost { host: OTHER_HOST.to_string(), what: "host-less rule" }];
    }
    match host.strip_prefix("*.") {
        Some(domain) => vec![
            ProbedHost { host: format!("a.{domain}"), what: "wildcard host, one label" },
            ProbedHost { host: format!("a.b.{domain}"), what: "wildcard host, two labels" },
        ],
        None => vec![ProbedHost { host: host.to_string(), what: "host" }],
    }
}

/// The request path standing for a written path: the path itself, or for a regular expression
/// its literal head (up to the first metacharacter other than `.`); `/` when nothing is left.
fn probe_path(path: &HttpPath) -> String {
    let written = path.path();
    let literal = written
        .find(['*', '+', '?', '(', ')', '[', ']', '{', '}', '|', '\\', '^', '$'])
        .map_or(written, |end| &written[..end]);
    if literal.starts_with('/') {
        literal.to_string()
    } else {
        format!("/{literal}")
    }
}

#[cfg(test)]
mod tests {
    use super::regex_sample;

    #[test]
    fn regex_samples_match_their_expression() {
        for (written, sample) in [
            ("/api/v[0-9]+", Some("/api/v0")),
            ("/api/v\\d+/users", Some("/api/v1/users")),
            ("/(foo|bar)/.*", Some("/foo/")),
            ("/img/[a-z]{2,4}\\.png$", Some("/img/aa.png")),
            ("/items/(?:[^/]+)/edit", Some("/items/x/edit")),
            ("/plain", None),
            ("/bad[", None),
        ] {
            assert_eq!(regex_sample(written).as_deref(), sample, "{written}");
        }
    }
}
