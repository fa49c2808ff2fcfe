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
//!
//! Every location proxies (so nginx's trailing-slash auto-redirect applies, as with
//! `proxy_pass http://upstream_balancer`) to a backend server on a unix socket that answers
//! `200 "<svc:port> <location id>"`, or `404 "default backend - 404"` for the controller's
//! default backend.

use super::model::{IngressSet, PathType};
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
    pub locations: Vec<Location>,
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
                // the catch-all keeps the root's original rewrite (use-regex) settings
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
                        origin,
                    });
                }
            }
        }
    }

    // sort locations (path descending, then stably by length descending) and servers
    for (_, locations) in &mut servers {
        locations.sort_by(|a, b| b.path.cmp(&a.path));
        locations.sort_by_key(|l| std::cmp::Reverse(l.path.len())); // stable
    }
    servers.sort_by(|a, b| a.0.cmp(&b.0));

    // updateServerLocations, then the template
    let servers = servers
        .into_iter()
        .map(|(hostname, locations)| {
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
                    origin: l.origin,
                })
                .collect();
            Server { hostname, locations }
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
            let _ = writeln!(out, "        server_name {} ;", server.server_name());
            let default = if server.hostname == "_" { " default_server" } else { "" };
            let _ = writeln!(out, "        listen {}{default};", rt.listen);
            for (l, loc) in server.locations.iter().enumerate() {
                let _ = writeln!(out, "\n        # {}", loc.origin);
                let _ = writeln!(out, "        location {} {{", loc.head());
                let backend = loc.backend.as_deref().unwrap_or("");
                let _ = writeln!(out, "            proxy_set_header X-Backend \"{backend}\";");
                let _ = writeln!(out, "            proxy_set_header X-Location \"{s}.{l}\";");
                out.push_str("            port_in_redirect off;\n");
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
