//! Seeded generation of Ingress sets and of the requests sent for each (no crates: SplitMix64).

use super::model::{Backend, HttpPath, Ingress, IngressSet, PathType, Port, Rule};

/// SplitMix64.
#[derive(Clone, Debug)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// Uniform in `0..n` (n > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }

    /// True with probability `num/den`.
    pub fn chance(&mut self, num: u32, den: u32) -> bool {
        self.below(den as usize) < num as usize
    }

    pub fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }

    /// Inclusive range.
    pub fn range(&mut self, lo: usize, hi: usize) -> usize {
        lo + self.below(hi - lo + 1)
    }
}

/// The seed of set `i` of a run seeded with `seed`.
pub fn set_seed(seed: u64, i: usize) -> u64 {
    Rng::new(seed ^ (i as u64).wrapping_mul(0xA24B_AED4_963E_E407)).next_u64()
}

/// Rule hosts a set draws from.
const HOSTS: &[&str] = &["foo.example.com", "bar.example.com", "*.example.com", "*.foo.example.com", "example.com"];

/// Plain paths (valid for Exact/Prefix under ingress-nginx's strict path check:
/// `^/[[:alnum:]._\-/]*$`), with shared prefixes and trailing slashes.
const PLAIN_PATHS: &[&str] = &[
    "/",
    "/foo",
    "/foo/",
    "/foo/bar",
    "/foo/bar/",
    "/foobar",
    "/foo/bar/baz",
    "/foo/bar/bar",
    "/api",
    "/api/",
    "/api/v1",
    "/api/v1/",
    "/app.v2",
    "/Foo",
    "/a-b_c",
];

/// Regular expressions for use-regex Ingresses (ImplementationSpecific), each with request paths
/// that exercise it.
pub const REGEX_PATHS: &[(&str, &[&str])] = &[
    ("/api/v[0-9]+", &["/api/v1", "/api/v12/users", "/api/vx", "/API/V2"]),
    ("/foo/bar/[A-Z0-9]{3}", &["/foo/bar/bar", "/foo/bar/AB1", "/foo/bar/ab", "/foo/bar/baz/x"]),
    ("/foo/bar/bar", &["/foo/bar/bar", "/foo/bar/barx", "/FOO/bar/bar"]),
    ("/img/.*\\.png", &["/img/a.png", "/img/x/y.PNG", "/img/apng", "/img/.png"]),
    ("/(foo|bar)/baz", &["/foo/baz", "/bar/baz/1", "/baz/baz"]),
    ("/foo$", &["/foo", "/foo/", "/FOO", "/foox"]),
    ("/v[12]/items", &["/v1/items", "/v2/items/7", "/v3/items"]),
    ("/[a-z]+/edit", &["/page/edit", "/page/edit/2", "/7/edit", "/Page/Edit"]),
    ("/foo/.+", &["/foo/", "/foo/x", "/foo"]),
    ("/api", &["/api", "/apis", "/api/v1"]),
    ("/foo/", &["/foo", "/foo/", "/foo/x"]),
    ("/users/\\d+/?$", &["/users/42", "/users/42/", "/users/42/x", "/users/x"]),
    ("/(?:docs|help)/[[:alpha:]]+", &["/docs/intro", "/help/Faq", "/docs/123", "/blog/x"]),
    ("/a{2,}/b", &["/aa/b", "/aaaa/b/c", "/a/b"]),
    ("/files/.*?\\.txt", &["/files/a.txt", "/files/a/b.TXT", "/files/atxt"]),
    ("/(?<id>[0-9]+)/show", &["/12/show", "/x/show", "/12/showing"]),
    ("/w/\\w+-\\w+", &["/w/a-b", "/w/a_b-c", "/w/ab"]),
    // A double quote and an escaped backslash: since 1.15 the location is quoted and escaped, so
    // nginx compiles the path as written.
    ("/q/\"[a-z]+\"", &["/q/\"ab\"", "/q/ab", "/q/\"AB\"/x"]),
    ("/b/a\\\\b", &["/b/a\\b", "/b/ab"]),
];

/// Generates one Ingress set. The caller rejects sets the API server would not accept.
pub fn ingress_set(rng: &mut Rng) -> IngressSet {
    let host_count = rng.range(1, 3);
    let mut hosts: Vec<Option<String>> = Vec::new();
    while hosts.len() < host_count {
        let host = if rng.chance(1, 4) { None } else { Some(rng.pick(HOSTS).to_string()) };
        if !hosts.contains(&host) {
            hosts.push(host);
        }
    }
    let regex_set = rng.chance(1, 3);
    let count = rng.range(1, 4);
    let mut names: Vec<&str> = vec!["ing-a", "ing-b", "ing-c", "ing-d"];
    // shuffle the names so that the name tie-break is not the input order
    for i in (1..names.len()).rev() {
        let j = rng.below(i + 1);
        names.swap(i, j);
    }
    let mut ingresses = Vec::new();
    for (i, name) in names.iter().enumerate().take(count) {
        let letter = (b'a' + i as u8) as char;
        let use_regex = regex_set && (rng.chance(1, 2) || i == 0);
        let default_backend = rng.chance(1, 4).then(|| Backend::new(format!("{letter}-def"), port(rng)));
        let rule_count = if default_backend.is_some() && rng.chance(1, 4) { 0 } else { rng.range(1, 2) };
        let mut service = 0;
        let mut rules = Vec::new();
        for _ in 0..rule_count {
            let host = rng.pick(&hosts).clone();
            if host.is_some() && rng.chance(1, 12) {
                rules.push(Rule { host, paths: None });
                continue;
            }
            let mut paths = Vec::new();
            for _ in 0..rng.range(1, 4) {
                service += 1;
                let backend = Backend::new(format!("{letter}{service}"), port(rng));
                let (path, path_type) = if use_regex && rng.chance(1, 2) {
                    (rng.pick(REGEX_PATHS).0.to_string(), PathType::ImplementationSpecific)
                } else {
                    let path_type = *rng.pick(&[PathType::Exact, PathType::Prefix, PathType::ImplementationSpecific]);
                    let path = if path_type == PathType::ImplementationSpecific && rng.chance(1, 15) {
                        String::new()
                    } else {
                        rng.pick(PLAIN_PATHS).to_string()
                    };
                    (path, path_type)
                };
                paths.push(HttpPath { path, path_type, backend });
            }
            rules.push(Rule { host, paths: Some(paths) });
        }
        ingresses.push(Ingress {
            namespace: if rng.chance(1, 6) { "team".into() } else { "default".into() },
            name: name.to_string(),
            created: *rng.pick(&[0, 0, 60, 120, 180]),
            use_regex,
            annotations: annotations(rng),
            default_backend,
            rules,
        });
    }
    IngressSet { ingresses }
}

/// permanent-redirect URLs: absolute, a path (nginx's absolute_redirect makes it absolute), and
/// one without a scheme or a leading `/` (left as written).
const PERMANENT_URLS: &[&str] =
    &["https://new.example.com/docs", "/moved", "/moved/?x=1", "http://old.example.com", "elsewhere"];
/// temporal-redirect URLs: only `http…` schemes pass isValidURL (`ftp:` makes the whole redirect fail).
const TEMPORAL_URLS: &[&str] =
    &["https://promo.example.com/sale", "http://a.example.com/t", "ftp://files.example.com/"];
/// Redirect codes: in range, out of range (the default), and codes for which nginx sends no Location.
const CODES: &[&str] = &["301", "302", "303", "307", "308", "300", "304", "399", "200"];
/// app-root values: valid absolute paths, and ones rewrite/main.go drops.
const APP_ROOTS: &[&str] = &["/app", "/app/", "/foo/bar", "app", "https://x.example.com/app"];
/// cors-allow-origin values: a list (one with a `*.` subdomain), `*`, an origin without a scheme
/// (dropped by the parser), one the validator refuses (so `*`), `null`.
const CORS_ORIGINS: &[&str] = &[
    "https://app.example.com",
    "https://app.example.com, https://*.partner.example.com:8443",
    "*",
    "app.example.com",
    "https://app.example.com/path",
    "null,http://a.example.com",
];
/// Origin headers sent with OPTIONS requests (`None`: no Origin).
const ORIGINS: &[Option<&str>] = &[
    Some("https://app.example.com"),
    Some("HTTPS://APP.example.com"),
    Some("https://x.partner.example.com:8443"),
    Some("https://x.y.partner.example.com:8443"),
    Some("https://evil-https://app.example.com"),
    Some("http://a.example.com"),
    Some("null"),
    Some("https://other.example.net"),
    None,
];
/// server-alias values: names of no server, a rule host, the Ingress's own host.
const ALIASES: &[&str] = &["alias.example.com", "alias.example.com, other.test", "foo.example.com", " b.test ,a.test"];

/// The redirect annotations of one Ingress (most Ingresses have none).
fn annotations(rng: &mut Rng) -> Vec<(&'static str, String)> {
    let mut out = Vec::new();
    let mut maybe = |rng: &mut Rng, key: &'static str, values: &[&str], num: u32| {
        if rng.chance(num, 10) {
            out.push((key, rng.pick(values).to_string()));
        }
    };
    maybe(rng, "permanent-redirect", PERMANENT_URLS, 1);
    maybe(rng, "permanent-redirect-code", CODES, 1);
    maybe(rng, "temporal-redirect", TEMPORAL_URLS, 1);
    maybe(rng, "temporal-redirect-code", CODES, 1);
    maybe(rng, "relative-redirects", &["true", "false"], 1);
    maybe(rng, "app-root", APP_ROOTS, 2);
    maybe(rng, "server-alias", ALIASES, 2);
    maybe(rng, "enable-cors", &["true"], 2);
    maybe(rng, "cors-allow-origin", CORS_ORIGINS, 5);
    out
}

fn port(rng: &mut Rng) -> Port {
    match rng.below(8) {
        0 => Port::Name("http"),
        1 | 2 => Port::Number(8080),
        _ => Port::Number(80),
    }
}

/// One request: the Host header and the request-target, both sent as written; `preflight`: an
/// `OPTIONS` instead of a `GET`, with this `Origin` header if any.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Req {
    pub host: String,
    pub target: String,
    pub preflight: Option<Option<String>>,
}

impl Req {
    pub fn method(&self) -> &'static str {
        if self.preflight.is_some() {
            "OPTIONS"
        } else {
            "GET"
        }
    }

    /// The header lines besides Host.
    pub fn headers(&self) -> Vec<(&'static str, String)> {
        self.preflight.clone().flatten().map(|origin| ("Origin", origin)).into_iter().collect()
    }
}

impl std::fmt::Display for Req {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} {} HTTP/1.1 | Host: {}", self.method(), self.target, self.host)?;
        self.headers().iter().try_for_each(|(name, value)| write!(f, " | {name}: {value}"))
    }
}

/// A concrete host name that a rule host (or none) answers to, and neighbours that it does not.
fn host_probes(host: &Option<String>) -> Vec<String> {
    match host {
        None => vec!["unknown.test".into()],
        Some(h) => match h.strip_prefix("*.") {
            Some(domain) => {
                // `[\w-]+` (buildServerName) is one label of word characters and hyphens
                vec![
                    format!("app.{domain}"),
                    format!("a-b.{domain}"),
                    format!("x.y.{domain}"),
                    domain.into(),
                    format!("a_b.{domain}"),
                    format!("a~b.{domain}"),
                    format!("-.{domain}"),
                ]
            }
            None => vec![h.clone()],
        },
    }
}

/// Decorations nginx strips from the Host header: case, port, trailing dot.
fn decorate_host(rng: &mut Rng, host: &str) -> String {
    if host.contains(':') || host.ends_with('.') {
        return host.to_string(); // decorated already (a second port would make it malformed)
    }
    match rng.below(10) {
        0 => host.to_ascii_uppercase(),
        1 => format!("{host}:8080"),
        2 => format!("{host}."),
        3 => {
            let mut h: Vec<char> = host.chars().collect();
            if let Some(c) = h.first_mut() {
                *c = c.to_ascii_uppercase();
            }
            h.into_iter().collect()
        }
        _ => host.to_string(),
    }
}

/// Variants of a path: trailing slash, sub-path, string-prefix neighbour, case, percent-encoding,
/// `//`, `/./`, `/x/../`, a query.
fn path_variant(rng: &mut Rng, base: &str) -> String {
    let base = if base.is_empty() { "/" } else { base };
    let trimmed = base.trim_end_matches('/');
    let variant = match rng.below(24) {
        0 | 1 => base.to_string(),
        2 | 16 => {
            if base.ends_with('/') && base.len() > 1 {
                trimmed.to_string()
            } else {
                format!("{base}/")
            }
        }
        3 => format!("{trimmed}/x"),
        4 => format!("{trimmed}bar"),
        5 => base.to_ascii_uppercase(),
        6 => {
            // percent-encode one letter (%41 style, upper or lower hex)
            let letters: Vec<usize> =
                base.char_indices().filter(|(_, c)| c.is_ascii_alphanumeric()).map(|(i, _)| i).collect();
            if letters.is_empty() {
                return "/%41".into();
            }
            let i = *rng.pick(&letters);
            let c = base.as_bytes()[i];
            let enc = if rng.chance(1, 2) { format!("%{c:02X}") } else { format!("%{c:02x}") };
            format!("{}{enc}{}", &base[..i], &base[i + 1..])
        }
        7 => {
            // %2F for an inner slash, or appended
            match base[1..].find('/') {
                Some(i) => format!("{}%2F{}", &base[..i + 1], &base[i + 2..]),
                None => format!("{trimmed}%2Fx"),
            }
        }
        8 => format!("/{base}"),
        9 => match base[1..].find('/') {
            Some(i) => format!("{}//{}", &base[..i + 1], &base[i + 2..]),
            None => format!("{trimmed}//x"),
        },
        10 => format!("/.{base}"),
        11 => format!("/x/..{base}"),
        12 => match base[1..].find('/') {
            Some(i) => format!("{}/./{}", &base[..i + 1], &base[i + 2..]),
            None => format!("{base}/."),
        },
        13 => format!("{base}?q=1"),
        14 if trimmed.is_empty() => "/x/%2E%2E/".into(),
        14 => format!("{trimmed}/%2E%2E{base}"),
        15 => format!("{trimmed}/x/.."),
        17 => format!("{trimmed}%3Fx"),
        18 => format!("{trimmed}%252Fx"),
        19 => format!("{base}#frag"),
        20 => format!("{trimmed}/%2e/x"),
        21 => format!("{trimmed};v=1"),
        22 => format!("{trimmed}%20x"),
        23 => match base.find(|c: char| c.is_ascii_lowercase()) {
            // an encoded upper-case letter: `/%46oo` is `/Foo`
            Some(i) => format!("{}%{:02X}{}", &base[..i], base.as_bytes()[i].to_ascii_uppercase(), &base[i + 1..]),
            None => format!("{base}%46"),
        },
        _ => unreachable!(),
    };
    // never climb above the root (nginx answers 400) and always start with '/'
    if variant.starts_with('/') {
        variant
    } else {
        format!("/{variant}")
    }
}

/// Paths every set also probes.
/// (Not `/healthz` or `/nginx_status`: server `_` answers those itself.)
const EXTRA_PATHS: &[&str] = &["/", "/foo", "/foo/", "/foobar", "/foo/bar", "/api/v1", "/nothing"];

/// The requests for one set: ≥ `min` distinct ones.
pub fn requests(rng: &mut Rng, set: &IngressSet, min: usize) -> Vec<Req> {
    let mut bases: Vec<String> = EXTRA_PATHS.iter().map(|s| s.to_string()).collect();
    let mut rule_hosts: Vec<Option<String>> = Vec::new();
    for ing in &set.ingresses {
        for rule in &ing.rules {
            if !rule_hosts.contains(&rule.host) {
                rule_hosts.push(rule.host.clone());
            }
            for p in rule.paths.iter().flatten() {
                match REGEX_PATHS.iter().find(|(re, _)| *re == p.path) {
                    Some((_, samples)) if p.path_type == PathType::ImplementationSpecific => {
                        bases.extend(samples.iter().map(|s| s.to_string()))
                    }
                    _ => bases.push(p.path.clone()),
                }
            }
        }
    }
    bases.sort();
    bases.dedup();
    let mut hosts: Vec<String> = rule_hosts.iter().flat_map(host_probes).collect();
    for ing in &set.ingresses {
        let aliases = ing.annotation("server-alias").unwrap_or_default();
        hosts.extend(aliases.split(',').map(str::trim).filter(|a| !a.is_empty()).map(str::to_string));
    }
    let others =
        ["unknown.test", "foo.example.com", "b.foo.example.com", "127.0.0.1", "[::1]", "foo.example.com.:8080"];
    let cors = set.ingresses.iter().any(|i| i.annotation("enable-cors").is_some());
    let mut out: Vec<Req> = Vec::new();
    let mut attempts = 0;
    while out.len() < min && attempts < min * 20 {
        attempts += 1;
        let host =
            if hosts.is_empty() || rng.chance(1, 5) { rng.pick(&others).to_string() } else { rng.pick(&hosts).clone() };
        let host = decorate_host(rng, &host);
        let base = rng.pick(&bases).clone();
        let target = path_variant(rng, &base);
        let preflight = cors && rng.chance(1, 3);
        let origin = preflight.then(|| (*rng.pick(ORIGINS)).map(str::to_string));
        let req = Req { host, target, preflight: origin };
        if !out.contains(&req) {
            out.push(req);
        }
    }
    out
}
