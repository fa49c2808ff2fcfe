//! The generated input: a set of Ingresses, written as the YAML manifest the engine reads.
//!
//! Only what plain nginx can show is modelled: hosts (precise, wildcard, none), paths of the three
//! types, service backends, `spec.defaultBackend`, `creationTimestamp`, and the annotations
//! written as plain nginx directives: `use-regex`, the redirects (`permanent-redirect`,
//! `temporal-redirect` and their codes → `return`), `app-root` (the server's `if ($uri = /)`) and
//! `server-alias` (`server_name`). No TLS, canaries, rewrites or Lua.

use std::fmt::Write as _;

/// `pathType`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathType {
    Exact,
    Prefix,
    ImplementationSpecific,
}

impl PathType {
    pub fn name(self) -> &'static str {
        match self {
            PathType::Exact => "Exact",
            PathType::Prefix => "Prefix",
            PathType::ImplementationSpecific => "ImplementationSpecific",
        }
    }
}

/// `backend.service.port`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Port {
    Number(u16),
    Name(&'static str),
}

/// `backend.service`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Backend {
    pub service: String,
    pub port: Port,
}

impl Backend {
    pub fn new(service: impl Into<String>, port: Port) -> Backend {
        Backend { service: service.into(), port }
    }

    /// `svc:port`, the form of `Decision::backend_label()`.
    pub fn label(&self) -> String {
        match &self.port {
            Port::Number(n) => format!("{}:{n}", self.service),
            Port::Name(n) => format!("{}:{n}", self.service),
        }
    }

    fn yaml(&self) -> String {
        match &self.port {
            Port::Number(n) => format!("{{service: {{name: {}, port: {{number: {n}}}}}}}", self.service),
            Port::Name(n) => format!("{{service: {{name: {}, port: {{name: {n}}}}}}}", self.service),
        }
    }
}

/// One `http.paths[]` entry.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HttpPath {
    pub path: String,
    pub path_type: PathType,
    pub backend: Backend,
}

/// One `spec.rules[]` entry; `paths: None` is a host-only rule (no `http`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Rule {
    pub host: Option<String>,
    pub paths: Option<Vec<HttpPath>>,
}

/// One Ingress.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Ingress {
    pub namespace: String,
    pub name: String,
    /// Seconds after 2024-01-01T00:00:00Z (below one hour).
    pub created: u32,
    pub use_regex: bool,
    /// The other annotations, as written (`nginx.ingress.kubernetes.io/` + key).
    pub annotations: Vec<(&'static str, String)>,
    pub default_backend: Option<Backend>,
    pub rules: Vec<Rule>,
}

impl Ingress {
    pub fn key(&self) -> String {
        format!("{}/{}", self.namespace, self.name)
    }

    /// The value of annotation `key` (without the prefix), if written.
    pub fn annotation(&self, key: &str) -> Option<&str> {
        self.annotations.iter().find(|(k, _)| *k == key).map(|(_, v)| v.as_str())
    }

    pub fn timestamp(&self) -> String {
        format!("2024-01-01T00:{:02}:{:02}Z", self.created / 60 % 60, self.created % 60)
    }
}

/// The input of one comparison.
#[derive(Clone, Debug, PartialEq, Eq, Default)]
pub struct IngressSet {
    pub ingresses: Vec<Ingress>,
}

/// YAML single-quoted scalar.
fn quote(s: &str) -> String {
    format!("'{}'", s.replace('\'', "''"))
}

impl IngressSet {
    /// The manifest: an IngressClass `nginx` for controller `k8s.io/ingress-nginx`, then every
    /// Ingress with `ingressClassName: nginx`.
    pub fn to_yaml(&self) -> String {
        let mut out = String::from(
            "apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {name: nginx}\nspec: {controller: k8s.io/ingress-nginx}\n",
        );
        for ing in &self.ingresses {
            out.push_str("---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n");
            let _ = writeln!(out, "  name: {}\n  namespace: {}", ing.name, ing.namespace);
            let _ = writeln!(out, "  creationTimestamp: \"{}\"", ing.timestamp());
            if ing.use_regex || !ing.annotations.is_empty() {
                out.push_str("  annotations:\n");
            }
            if ing.use_regex {
                out.push_str("    nginx.ingress.kubernetes.io/use-regex: \"true\"\n");
            }
            for (key, value) in &ing.annotations {
                let _ = writeln!(out, "    nginx.ingress.kubernetes.io/{key}: {}", quote(value));
            }
            out.push_str("spec:\n  ingressClassName: nginx\n");
            if let Some(b) = &ing.default_backend {
                let _ = writeln!(out, "  defaultBackend: {}", b.yaml());
            }
            if !ing.rules.is_empty() {
                out.push_str("  rules:\n");
            }
            for rule in &ing.rules {
                let mut first = true;
                let mut item = |line: String, out: &mut String| {
                    out.push_str(if first { "  - " } else { "    " });
                    first = false;
                    out.push_str(&line);
                    out.push('\n');
                };
                if let Some(h) = &rule.host {
                    item(format!("host: {}", quote(h)), &mut out);
                }
                if let Some(paths) = &rule.paths {
                    item("http:".to_string(), &mut out);
                    out.push_str("      paths:\n");
                    for p in paths {
                        let _ = writeln!(
                            out,
                            "      - path: {}\n        pathType: {}\n        backend: {}",
                            quote(&p.path),
                            p.path_type.name(),
                            p.backend.yaml()
                        );
                    }
                }
            }
        }
        out
    }
}
