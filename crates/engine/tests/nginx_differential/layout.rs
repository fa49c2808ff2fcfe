//! An Ingress set laid out as nginx configuration the way ingress-nginx writes it — an
//! independent reading of kubernetes/ingress-nginx (not of the engine's module):
//!
//! - `internal/ingress/controller/store/store.go` `sortIngressSlice`: Ingresses oldest
//!   `creationTimestamp` first; equal timestamps → `namespace/name` **descending**.
//! - `internal/k8s/main.go` `SetDefaultNGINXPathType`: `ImplementationSpecific` (and a missing
//!   type) becomes `Prefix` before anything else looks at the path.
//! - `internal/ingress/controller/controller.go` `createServers`: server `_` exists with a root
//!   location `/` (Prefix) to the controller default backend; the first rules-less Ingress with a
//!   `defaultBackend` takes over that root. Every rule host gets a server on first sight, whose
//!   root `/` goes to the creating Ingress's `defaultBackend` (else the controller default) and
//!   carries that Ingress's annotations (use-regex included).
//! - `getBackendServers`: each path becomes a location keyed by its raw path (`""` → `/`); the
//!   server's locations are scanned for the first one with the same path: a different type stops
//!   the scan and the path is added; the same type drops the path, unless that location is a
//!   default-backend root, which the path then replaces. Locations are then sorted by path
//!   descending, then stably by path length descending; servers by hostname ascending.
//! - `internal/ingress/controller/location.go` `updateServerLocations` (after the sort): `/` is
//!   kept; non-Prefix kept; Prefix with use-regex kept; Prefix `p` with an Exact `p` on the
//!   server → `p/`; otherwise `p/` followed right after by an Exact copy `p`.
//! - `internal/ingress/controller/template/template.go`: `enforceRegexModifier` (any location
//!   of the server with use-regex) → every location `~* "^<path>"`; else Exact → `= <path>`,
//!   other → `<path>`. `buildServerName`: `*.d.com` → `~^(?<subdomain>[\w-]+)\.d\.com$`.
//! - `rootfs/etc/nginx/template/nginx.tmpl`: `server_name_in_redirect off; port_in_redirect off;`
//!   in `http`; server `_` is the `default_server` and also holds `location /healthz` and
//!   `location /nginx_status` after the Ingress locations.
//! - The annotations written as nginx directives, each location carrying those of its Ingress
//!   (`locationApplyAnnotations`; the catch-all's root keeps its zero Redirect and Rewrite):
//!   `internal/ingress/annotations/redirect/redirect.go` `Parse` (temporal-redirect first, its URL
//!   must have an `http…` scheme or there is no redirect at all, its code 300–307 else 302; then
//!   permanent-redirect, code 300–308 else 301; relative-redirects) → nginx.tmpl's
//!   `return <code> <url>;` before `proxy_pass`, and `absolute_redirect off;`;
//!   `rewrite/main.go` `Parse` (app-root: `url.ParseRequestURI` and not absolute) → the server's
//!   `if ($uri = /) { return 302 $scheme://$http_host<app-root>; }`, one per such location, in
//!   location order; `alias/main.go` `Parse` and `createServers` (the first non-canary Ingress of
//!   the host with aliases; an alias that is the host or another server's host dropped) →
//!   `server_name <host> "<alias>"…;`; `cors/main.go` `Parse` (enable-cors; cors-allow-origin `*`
//!   by default or when its validator fails, else the listed origins `corsOriginRegex` accepts) →
//!   nginx.tmpl's `CORS` block first in the location, with template.go `buildCorsOriginRegex`
//!   (`add_header` stands in for `more_set_headers`, which nginx-light lacks).
//!
//! Every location proxies (so nginx's trailing-slash auto-redirect applies, as with
//! `proxy_pass http://upstream_balancer`) to a backend server on a unix socket that answers
//! `200 "<svc:port> <location id>"`, or `404 "default backend - 404"` for the controller's
//! default backend.

use super::model::{Ingress, IngressSet, PathType};
use std::fmt::Write as _;

/// How a location is written (controller-v1.15.1 `buildLocation`: the path always quoted).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Modifier {
    /// `location = "/p"`
    Exact,
    /// `location "/p"`
    Prefix,
    /// `location ~* "^/p"`
    Regex,
}

/// The body the controller's default backend answers with (status 404).
pub const DEFAULT_BACKEND_BODY: &str = "default backend - 404";

/// One nginx location.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Location {
    pub modifier: Modifier,
    pub path: String,
    /// `svc:port`; `None`: the controller's default backend.
    pub backend: Option<String>,
    /// The annotations' directives the location carries.
    pub directives: Directives,
    /// Where it comes from (for reproducers).
    pub origin: String,
}

impl Location {
    /// The `location` line's argument, as the template writes it: quoted, with `\\` and `"`
    /// escaped (`sanitizeQuotedRegex`, since 1.15.0).
    pub fn head(&self) -> String {
        let quoted: String =
            self.path.chars().flat_map(|c| (c == '\\' || c == '"').then_some('\\').into_iter().chain([c])).collect();
        match self.modifier {
            Modifier::Exact => format!("= \"{quoted}\""),
            Modifier::Prefix => format!("\"{quoted}\""),
            Modifier::Regex => format!("~* \"^{quoted}\""),
        }
    }
}

/// One nginx server.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Server {
    /// The Ingress host, or `_`.
    pub hostname: String,
    /// server-alias names, written after the host in `server_name`.
    pub aliases: Vec<String>,
    pub locations: Vec<Location>,
}

/// What an Ingress's redirect annotations make nginx do in each of its locations.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Directives {
    /// `return <code> <url>;` (permanent-redirect / temporal-redirect).
    pub ret: Option<(u16, String)>,
    /// `absolute_redirect off;` (relative-redirects).
    pub relative: bool,
    /// app-root: the server's `if ($uri = /)` for this location.
    pub app_root: Option<String>,
    /// enable-cors: `CorsAllowOrigin` (maybe empty).
    pub cors: Option<Vec<String>>,
}

impl Directives {
    /// redirect.go and rewrite/main.go `Parse` for one Ingress (generated values are well-formed
    /// for the annotation validators).
    fn of(ing: &Ingress) -> Directives {
        let code = |key: &str| ing.annotation(key).and_then(|c| c.parse::<u16>().ok()).unwrap_or(0);
        let relative = ing.annotation("relative-redirects") == Some("true");
        let ret = match (ing.annotation("temporal-redirect"), ing.annotation("permanent-redirect")) {
            (Some(url), _) if !url.is_empty() => {
                let scheme = url.split_once("://").map(|(s, _)| s).unwrap_or_default();
                if !scheme.starts_with("http") {
                    // isValidURL fails: Parse returns an error, so no redirect.Config at all.
                    return Directives { app_root: app_root(ing), cors: cors(ing), ..Directives::default() };
                }
                let code = code("temporal-redirect-code");
                Some((if (300..=307).contains(&code) { code } else { 302 }, url.to_string()))
            }
            (_, Some(url)) if !url.is_empty() => {
                let code = code("permanent-redirect-code");
                Some((if (300..=308).contains(&code) { code } else { 301 }, url.to_string()))
            }
            _ => None,
        };
        Directives { ret, relative, app_root: app_root(ing), cors: cors(ing) }
    }

    /// nginx.tmpl's `CORS` block, as the location writes it.
    fn cors_block(&self) -> Option<String> {
        let origins = self.cors.as_ref()?;
        let mut out = String::new();
        if origins.len() == 1 && origins[0] == "*" {
            out.push_str("            set $http_origin *;\n            set $cors 'true';\n");
        } else if !origins.is_empty() {
            let alternatives: Vec<String> = origins.iter().map(|o| format!("({})", origin_regex(o))).collect();
            let _ = writeln!(
                out,
                "            if ($http_origin ~* ({})$ ) {{ set $cors 'true'; }}",
                alternatives.join("|")
            );
        }
        out.push_str("            if ($request_method = 'OPTIONS') {\n                set $cors ${cors}options;\n            }\n");
        out.push_str("            if ($cors = \"true\") {\n                add_header Access-Control-Allow-Origin $http_origin;\n            }\n");
        out.push_str("            if ($cors = \"trueoptions\") {\n                add_header Access-Control-Allow-Origin $http_origin;\n                return 204;\n            }\n");
        Some(out)
    }
}

/// cors/main.go `Parse` for an Ingress with enable-cors (the generator writes only `"true"`).
fn cors(ing: &Ingress) -> Option<Vec<String>> {
    ing.annotation("enable-cors").filter(|v| *v == "true")?;
    let every = || Some(vec!["*".to_string()]);
    let Some(written) = ing.annotation("cors-allow-origin").map(str::trim).filter(|v| !v.is_empty()) else {
        return every();
    };
    // corsOriginRegexValidator, checked with the spaces removed.
    let validator = regex_lite::Regex::new(r"^((((([a-z]+://)?(\*\.)?[A-Za-z0-9\-.]*(:\d+)?,?)|null)+)|\*)?$").unwrap();
    if !validator.is_match(&written.replace(' ', "")) {
        return every();
    }
    let origin = regex_lite::Regex::new(r"^([a-z]+://(\*\.)?[A-Za-z0-9\-.]*(:\d+)?|\*|null)?$").unwrap();
    let mut kept = Vec::new();
    for o in written.split(',').map(str::trim).filter(|o| !o.is_empty()) {
        if o == "*" {
            return every();
        }
        if origin.is_match(o) {
            kept.push(o.to_string());
        }
    }
    Some(kept)
}

/// template.go `buildOriginRegex`: Go's `regexp.QuoteMeta`, then the first `\*` matches one label.
fn origin_regex(origin: &str) -> String {
    let quoted: String =
        origin.chars().flat_map(|c| (r"\.+*?()|[]{}^$".contains(c)).then_some('\\').into_iter().chain([c])).collect();
    quoted.replacen(r"\*", r"[A-Za-z0-9\-]+", 1)
}

/// rewrite/main.go: app-root must be a request URI that is not absolute (no scheme).
fn app_root(ing: &Ingress) -> Option<String> {
    ing.annotation("app-root").filter(|r| r.starts_with('/')).map(str::to_string)
}

/// alias/main.go `Parse`: names between commas, trimmed, deduplicated, sorted.
fn aliases_of(ing: &Ingress) -> Vec<String> {
    let mut names: Vec<String> = ing
        .annotation("server-alias")
        .unwrap_or_default()
        .split(',')
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty())
        .collect();
    names.sort();
    names.dedup();
    names
}

impl Server {
    /// `server_name` as `buildServerName` writes it.
    pub fn server_name(&self) -> String {
        match self.hostname.strip_prefix("*.") {
            Some(domain) => format!("~^(?<subdomain>[\\w-]+)\\.{}$", domain.split('.').collect::<Vec<_>>().join("\\.")),
            None => self.hostname.clone(),
        }
    }
}

/// The whole configuration's routing part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Layout {
    pub servers: Vec<Server>,
}

/// A location while the controller builds it.
#[derive(Clone, Debug)]
struct Loc {
    path: String,
    exact: bool,
    backend: Option<String>,
    is_def_backend: bool,
    use_regex: bool,
    directives: Directives,
    origin: String,
}

/// Lays out an Ingress set.
pub fn layout(set: &IngressSet) -> Layout {
    // sortIngressSlice
    let mut order: Vec<usize> = (0..set.ingresses.len()).collect();
    order.sort_by(|&a, &b| {
        let (ia, ib) = (&set.ingresses[a], &set.ingresses[b]);
        ia.created.cmp(&ib.created).then_with(|| ib.key().cmp(&ia.key()))
    });
    let ingresses: Vec<_> = order.iter().map(|&i| &set.ingresses[i]).collect();

    // createServers
    let mut servers: Vec<(String, Vec<Loc>)> = vec![(
        "_".to_string(),
        vec![Loc {
            path: "/".into(),
            exact: false,
            backend: None,
            is_def_backend: true,
            use_regex: false,
            directives: Directives::default(),
            origin: "controller default backend".into(),
        }],
    )];
    fn server_index(servers: &[(String, Vec<Loc>)], host: &str) -> Option<usize> {
        servers.iter().position(|(h, _)| h == host)
    }
    for ing in &ingresses {
        let mut un = None;
        if let Some(b) = &ing.default_backend {
            un = Some(b.label());
            let def = &mut servers[0].1[0];
            if def.is_def_backend && ing.rules.is_empty() {
                def.is_def_backend = false;
                def.backend = Some(b.label());
                def.origin = format!("{} spec.defaultBackend (catch-all)", ing.key());
                // locationApplyAnnotations, then the root's original Redirect and Rewrite (use-regex,
                // app-root, relative-redirects) put back: only the Ingress's CORS stays.
                def.directives = Directives { cors: cors(ing), ..Directives::default() };
            }
        }
        for rule in &ing.rules {
            let host = rule.host.clone().unwrap_or_else(|| "_".into());
            if server_index(&servers, &host).is_some() {
                continue;
            }
            let origin = match &un {
                Some(_) => format!("implicit root of {host}: {} spec.defaultBackend", ing.key()),
                None => format!("implicit root of {host}: controller default backend"),
            };
            servers.push((
                host,
                vec![Loc {
                    path: "/".into(),
                    exact: false,
                    backend: un.clone(),
                    is_def_backend: true,
                    use_regex: ing.use_regex,
                    directives: Directives::of(ing),
                    origin,
                }],
            ));
        }
    }

    // getBackendServers
    for ing in &ingresses {
        for (r, rule) in ing.rules.iter().enumerate() {
            let host = rule.host.clone().unwrap_or_else(|| "_".into());
            let s = server_index(&servers, &host).expect("createServers made every rule host");
            let Some(paths) = &rule.paths else { continue };
            for (p, path) in paths.iter().enumerate() {
                let nginx_path = if path.path.is_empty() { "/".to_string() } else { path.path.clone() };
                // SetDefaultNGINXPathType: ImplementationSpecific → Prefix
                let exact = path.path_type == PathType::Exact;
                let origin = format!("{} rules[{r}].paths[{p}] ({} {:?})", ing.key(), path.path_type.name(), path.path);
                let locations = &mut servers[s].1;
                let mut add = true;
                for loc in locations.iter_mut() {
                    if loc.path != nginx_path {
                        continue;
                    }
                    if loc.exact != exact {
                        break;
                    }
                    add = false;
                    if !loc.is_def_backend {
                        break; // "Location ... already configured": the newer path is dropped
                    }
                    loc.backend = Some(path.backend.label());
                    loc.is_def_backend = false;
                    loc.use_regex = ing.use_regex;
                    loc.directives = Directives::of(ing);
                    loc.origin = origin.clone();
                    break;
                }
                if add {
                    locations.push(Loc {
                        path: nginx_path,
                        exact,
                        backend: Some(path.backend.label()),
                        is_def_backend: false,
                        use_regex: ing.use_regex,
                        directives: Directives::of(ing),
                        origin,
                    });
                }
            }
        }
    }

    // createServers' second loop: the first Ingress (oldest first) with aliases for a host gives
    // them; then an alias that is the host or another server's host is dropped.
    let mut aliases: Vec<Vec<String>> = vec![Vec::new(); servers.len()];
    for ing in &ingresses {
        for rule in &ing.rules {
            let host = rule.host.clone().unwrap_or_else(|| "_".into());
            let s = server_index(&servers, &host).expect("createServers made every rule host");
            if aliases[s].is_empty() {
                aliases[s] = aliases_of(ing);
            }
        }
    }
    for (s, names) in aliases.iter_mut().enumerate() {
        let host = servers[s].0.clone();
        names.retain(|a| *a != host && server_index(&servers, a).is_none());
    }
    let mut servers: Vec<(String, Vec<String>, Vec<Loc>)> =
        servers.into_iter().zip(aliases).map(|((host, locations), aliases)| (host, aliases, locations)).collect();

    // sort locations (path descending, then stably by length descending) and servers
    for (_, _, locations) in &mut servers {
        locations.sort_by(|a, b| b.path.cmp(&a.path));
        locations.sort_by_key(|l| std::cmp::Reverse(l.path.len())); // stable
    }
    servers.sort_by(|a, b| a.0.cmp(&b.0));

    // updateServerLocations, then the template
    let servers = servers
        .into_iter()
        .map(|(hostname, aliases, locations)| {
            let exact_paths: Vec<String> = locations.iter().filter(|l| l.exact).map(|l| l.path.clone()).collect();
            let mut updated: Vec<Loc> = Vec::new();
            for loc in locations {
                if loc.path == "/" || loc.exact || loc.use_regex {
                    updated.push(loc);
                    continue;
                }
                let slashed = if loc.path.ends_with('/') { loc.path.clone() } else { format!("{}/", loc.path) };
                if exact_paths.contains(&loc.path) {
                    updated.push(Loc { path: slashed, ..loc });
                    continue;
                }
                let mut copy = loc.clone();
                copy.exact = true;
                copy.origin = format!("{} (exact location added for the Prefix)", copy.origin);
                updated.push(Loc { path: slashed, ..loc });
                updated.push(copy);
            }
            let regex = updated.iter().any(|l| l.use_regex);
            let locations = updated
                .into_iter()
                .map(|l| Location {
                    modifier: if regex {
                        Modifier::Regex
                    } else if l.exact {
                        Modifier::Exact
                    } else {
                        Modifier::Prefix
                    },
                    path: l.path,
                    backend: l.backend,
                    directives: l.directives,
                    origin: l.origin,
                })
                .collect();
            Server { hostname, aliases, locations }
        })
        .collect();
    Layout { servers }
}

/// Where the rendered configuration runs.
#[derive(Clone, Debug)]
pub struct Runtime {
    /// The directory for pid, logs and temp paths.
    pub dir: String,
    /// `127.0.0.1:<port>`.
    pub listen: String,
    /// The backend server's unix socket.
    pub socket: String,
    /// What `GET /__probe` with `Host: probe.nginx-diff.invalid` answers (proves it is our nginx).
    pub nonce: String,
}

/// The host whose server answers the readiness probe.
pub const PROBE_HOST: &str = "probe.nginx-diff.invalid";

impl Layout {
    /// The `server` blocks for the Ingresses (what a reproducer shows).
    pub fn render_servers(&self, rt: &Runtime) -> String {
        let mut out = String::new();
        for (s, server) in self.servers.iter().enumerate() {
            let _ = writeln!(out, "    ## start server {}", server.hostname);
            out.push_str("    server {\n");
            let aliases: String = server.aliases.iter().map(|a| format!(" \"{a}\"")).collect();
            let _ = writeln!(out, "        server_name {}{aliases} ;", server.server_name());
            let default = if server.hostname == "_" { " default_server" } else { "" };
            let _ = writeln!(out, "        listen {}{default};", rt.listen);
            for root in server.locations.iter().filter_map(|l| l.directives.app_root.as_deref()) {
                let _ = writeln!(
                    out,
                    "\n        if ($uri = /) {{\n            return 302 $scheme://$http_host{root};\n        }}"
                );
            }
            for (l, loc) in server.locations.iter().enumerate() {
                let _ = writeln!(out, "\n        # {}", loc.origin);
                let _ = writeln!(out, "        location {} {{", loc.head());
                let backend = loc.backend.as_deref().unwrap_or("");
                let _ = writeln!(out, "            proxy_set_header X-Backend \"{backend}\";");
                let _ = writeln!(out, "            proxy_set_header X-Location \"{s}.{l}\";");
                out.push_str("            port_in_redirect off;\n");
                if let Some(block) = loc.directives.cors_block() {
                    out.push_str(&block);
                }
                if loc.directives.relative {
                    out.push_str("            absolute_redirect off;\n");
                }
                if let Some((code, url)) = &loc.directives.ret {
                    let _ = writeln!(out, "            return {code} {url};");
                }
                let _ = writeln!(out, "            proxy_pass http://unix:{};", rt.socket);
                out.push_str("        }\n");
            }
            if server.hostname == "_" {
                out.push_str(
                    "\n        location /healthz {\n            access_log off;\n            return 200;\n        }\n",
                );
                out.push_str("\n        location /nginx_status {\n            allow 127.0.0.1;\n            deny all;\n            access_log off;\n            stub_status on;\n        }\n");
            }
            out.push_str("    }\n");
            let _ = writeln!(out, "    ## end server {}\n", server.hostname);
        }
        out
    }

    /// The whole `nginx.conf`.
    pub fn render(&self, rt: &Runtime) -> String {
        let dir = &rt.dir;
        format!(
            "# ingress-nginx layout for the differential test\n\
             pid {dir}/nginx.pid;\n\
             error_log {dir}/error.log warn;\n\
             events {{\n    worker_connections 1024;\n}}\n\
             http {{\n\
             \x20   access_log off;\n\
             \x20   client_body_temp_path {dir}/client-body;\n\
             \x20   proxy_temp_path {dir}/proxy-temp;\n\
             \x20   fastcgi_temp_path {dir}/fastcgi-temp;\n\
             \x20   uwsgi_temp_path {dir}/uwsgi-temp;\n\
             \x20   scgi_temp_path {dir}/scgi-temp;\n\
             \x20   default_type text/plain;\n\
             \x20   server_names_hash_bucket_size 128;\n\
             \x20   server_name_in_redirect off;\n\
             \x20   port_in_redirect off;\n\
             \x20   proxy_http_version 1.1;\n\n\
             \x20   # the backends: every location proxies here and is answered with its service\n\
             \x20   server {{\n\
             \x20       listen unix:{socket};\n\
             \x20       location / {{\n\
             \x20           if ($http_x_backend = \"\") {{\n\
             \x20               return 404 \"{DEFAULT_BACKEND_BODY}\";\n\
             \x20           }}\n\
             \x20           return 200 \"$http_x_backend $http_x_location\";\n\
             \x20       }}\n\
             \x20   }}\n\n\
             \x20   # readiness probe (an exact name no generated request uses)\n\
             \x20   server {{\n\
             \x20       server_name {PROBE_HOST};\n\
             \x20       listen {listen};\n\
             \x20       location = /__probe {{\n\
             \x20           return 200 \"{nonce}\";\n\
             \x20       }}\n\
             \x20   }}\n\n\
             {servers}}}\n",
            socket = rt.socket,
            listen = rt.listen,
            nonce = rt.nonce,
            servers = self.render_servers(rt),
        )
    }

    /// True when two prefix or two exact locations of a non-regex server have the same path:
    /// nginx refuses such a configuration ("duplicate location"). Used only to bias the generator.
    pub fn has_static_duplicates(&self) -> bool {
        self.servers.iter().any(|s| {
            let mut seen: Vec<(Modifier, &str)> = Vec::new();
            s.locations.iter().filter(|l| l.modifier != Modifier::Regex).any(|l| {
                let key = (l.modifier, l.path.as_str());
                let dup = seen.contains(&key);
                seen.push(key);
                dup
            })
        })
    }

    /// Finds a location by the id the backend echoes (`server.location`).
    pub fn location_by_id(&self, id: &str) -> Option<(&Server, &Location)> {
        let (s, l) = id.split_once('.')?;
        let server = self.servers.get(s.parse::<usize>().ok()?)?;
        Some((server, server.locations.get(l.parse::<usize>().ok()?)?))
    }
}
