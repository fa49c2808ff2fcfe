//! The YAML writer: the converted objects as `---`-separated documents ready for `kubectl apply`.
//!
//! Objects are written by kind (Gateways, HTTPRoutes, GRPCRoutes, TLSRoutes: kubernetes-sigs/
//! ingress2gateway v1.1.0 `cmd/print.go` `outputResult`'s order), each kind sorted by
//! `namespace/name` (upstream iterates Go maps, so its order varies from run to run). Keys are in
//! alphabetical order within every mapping, as `kubectl get -o yaml` and upstream's printer write
//! them; empty lists and absent fields are left out (`omitempty`). Strings are written plain only
//! when YAML cannot read them as anything else, otherwise double-quoted
//! ([`crate::cases::quoted`]), so every document reads back as written.

use super::output::*;
use crate::cases::quoted;

/// What upstream's printer adds to every object (`i2gw.GeneratorAnnotationKey`).
const GENERATOR_ANNOTATION: &str = "gateway.networking.k8s.io/generator";
/// The generator named in it: this converter, following ingress2gateway v1.1.0's rules.
const GENERATOR: &str = "ingress-sim-ingress2gateway-v1.1.0";
const API_VERSION: &str = "gateway.networking.k8s.io/v1";

/// The YAML of `output`, and the Gateways as `namespace/name` in the order written.
pub fn emit(output: &Output) -> (String, Vec<String>) {
    let mut docs: Vec<Node> = Vec::new();
    let mut gateways: Vec<&Gateway> = output.gateways.iter().collect();
    crate::order::sort_by(&mut gateways, |a, b| (&a.namespace, &a.name).cmp(&(&b.namespace, &b.name)));
    let ids = gateways.iter().map(|g| g.id()).collect();
    docs.extend(gateways.into_iter().map(gateway));
    docs.extend(sorted(&output.http_routes, |r| (&r.namespace, &r.name)).map(http_route));
    docs.extend(sorted(&output.grpc_routes, |r| (&r.namespace, &r.name)).map(grpc_route));
    docs.extend(sorted(&output.tls_routes, |r| (&r.namespace, &r.name)).map(tls_route));
    let mut yaml = String::new();
    for (i, doc) in docs.iter().enumerate() {
        if i > 0 {
            yaml.push_str("---\n");
        }
        if let Node::Map(entries) = doc {
            write_map(&mut yaml, entries, 0, false);
        }
    }
    (yaml, ids)
}

fn sorted<T>(items: &[T], key: impl Fn(&T) -> (&String, &String)) -> impl Iterator<Item = &T> {
    let mut items: Vec<&T> = items.iter().collect();
    crate::order::sort_by(&mut items, |a, b| key(a).cmp(&key(b)));
    items.into_iter()
}

/// A YAML value before it is written.
enum Node {
    /// A scalar, already formatted.
    Scalar(String),
    Map(Vec<(&'static str, Node)>),
    List(Vec<Node>),
}

impl Node {
    fn text(s: &str) -> Node {
        Node::Scalar(scalar(s))
    }

    fn number(n: impl ToString) -> Node {
        Node::Scalar(n.to_string())
    }

    /// A mapping without its absent (`None`) and empty-list entries, keys sorted.
    fn map(entries: Vec<(&'static str, Option<Node>)>) -> Node {
        let mut kept: Vec<(&'static str, Node)> = entries
            .into_iter()
            .filter_map(|(k, v)| v.map(|v| (k, v)))
            .filter(|(_, v)| !matches!(v, Node::List(items) if items.is_empty()))
            .collect();
        crate::order::sort_by_key(&mut kept, |(k, _)| *k);
        Node::Map(kept)
    }

    fn list<T>(items: &[T], each: impl Fn(&T) -> Node) -> Option<Node> {
        Some(Node::List(items.iter().map(each).collect()))
    }
}

/// `s` plain when YAML reads it back as this same string, else double-quoted.
fn scalar(s: &str) -> String {
    let plain_chars = s.chars().all(|c| c.is_ascii_alphanumeric() || matches!(c, '.' | '_' | '/' | '-'));
    let first_ok = s.chars().next().is_some_and(|c| c.is_ascii_alphanumeric() || c == '/');
    // A path (`/`, `/1`) is never read as a number, boolean or null.
    let has_letter = s.starts_with('/') || s.chars().any(|c| c.is_ascii_alphabetic());
    let lower = s.to_ascii_lowercase();
    let special = matches!(lower.as_str(), "true" | "false" | "null" | "yes" | "no" | "on" | "off" | "y" | "n")
        || looks_numeric(&lower)
        || ["0x", "0o", "0b"].iter().any(|p| lower.starts_with(p));
    if plain_chars && first_ok && has_letter && !special {
        s.to_string()
    } else {
        quoted(s)
    }
}

/// True when YAML could read `lower` (lower-cased) as a number: digits with `.`, `_`, `-` and an
/// exponent, or infinity / not-a-number. Wider than YAML's own rules on purpose (a needless quote
/// is harmless); written out rather than `str::parse::<f64>`, whose parser costs the JS package
/// ~5 KB.
fn looks_numeric(lower: &str) -> bool {
    let digits = lower.chars().any(|c| c.is_ascii_digit())
        && lower.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '_' | '-' | '+' | 'e'));
    digits || matches!(lower.trim_start_matches(['-', '+']), ".inf" | ".nan" | "inf" | "nan" | "infinity")
}

fn write_map(out: &mut String, entries: &[(&'static str, Node)], indent: usize, first_inline: bool) {
    for (i, (key, value)) in entries.iter().enumerate() {
        if !(first_inline && i == 0) {
            out.push_str(&" ".repeat(indent));
        }
        out.push_str(key);
        out.push(':');
        match value {
            Node::Scalar(s) => {
                out.push(' ');
                out.push_str(s);
                out.push('\n');
            }
            Node::Map(inner) if inner.is_empty() => out.push_str(" {}\n"),
            Node::Map(inner) => {
                out.push('\n');
                write_map(out, inner, indent + 2, false);
            }
            Node::List(items) if items.is_empty() => out.push_str(" []\n"),
            Node::List(items) => {
                out.push('\n');
                write_list(out, items, indent);
            }
        }
    }
}

fn write_list(out: &mut String, items: &[Node], indent: usize) {
    for item in items {
        out.push_str(&" ".repeat(indent));
        out.push_str("- ");
        match item {
            Node::Scalar(s) => {
                out.push_str(s);
                out.push('\n');
            }
            Node::Map(inner) if inner.is_empty() => out.push_str("{}\n"),
            Node::Map(inner) => write_map(out, inner, indent + 2, true),
            Node::List(inner) if inner.is_empty() => out.push_str("[]\n"),
            Node::List(inner) => {
                // Not written by this converter; kept valid anyway.
                out.push('\n');
                write_list(out, inner, indent + 2);
            }
        }
    }
}

fn object(kind: &str, namespace: &str, name: &str, spec: Node) -> Node {
    Node::map(vec![
        ("apiVersion", Some(Node::text(API_VERSION))),
        ("kind", Some(Node::text(kind))),
        (
            "metadata",
            Some(Node::map(vec![
                ("annotations", Some(Node::Map(vec![(GENERATOR_ANNOTATION, Node::text(GENERATOR))]))),
                ("name", Some(Node::text(name))),
                ("namespace", Some(Node::text(namespace))),
            ])),
        ),
        ("spec", Some(spec)),
    ])
}

fn gateway(g: &Gateway) -> Node {
    let spec = Node::map(vec![
        ("gatewayClassName", Some(Node::text(&g.class_name))),
        ("listeners", Node::list(&g.listeners, listener)),
    ]);
    object("Gateway", &g.namespace, &g.name, spec)
}

fn listener(l: &Listener) -> Node {
    Node::map(vec![
        ("hostname", l.hostname.as_deref().map(Node::text)),
        ("name", Some(Node::text(&l.name))),
        ("port", Some(Node::number(l.port))),
        ("protocol", Some(Node::text(l.protocol.as_str()))),
        (
            "tls",
            l.tls.as_ref().map(|tls| {
                Node::map(vec![
                    (
                        "certificateRefs",
                        Node::list(&tls.certificate_refs, |name| {
                            Node::map(vec![
                                ("group", Some(Node::text(""))),
                                ("kind", Some(Node::text("Secret"))),
                                ("name", Some(Node::text(name))),
                            ])
                        }),
                    ),
                    ("mode", tls.mode.map(|m| Node::text(m.as_str()))),
                ])
            }),
        ),
    ])
}

fn parent_ref(p: &ParentRef) -> Node {
    Node::map(vec![
        ("name", Some(Node::text(&p.name))),
        ("namespace", p.namespace.as_deref().map(Node::text)),
        ("port", p.port.map(Node::number)),
        ("sectionName", p.section_name.as_deref().map(Node::text)),
    ])
}

fn route_spec(parents: &[ParentRef], hostnames: &[String], rules: Option<Node>) -> Node {
    Node::map(vec![
        ("hostnames", Node::list(hostnames, |h| Node::text(h))),
        ("parentRefs", Node::list(parents, parent_ref)),
        ("rules", rules),
    ])
}

fn http_route(r: &HttpRoute) -> Node {
    let rules = Node::list(&r.rules, |rule| {
        Node::map(vec![
            ("backendRefs", Node::list(&dedupe_backend_refs(&rule.backend_refs), backend_ref)),
            ("filters", Node::list(&rule.filters, filter)),
            ("matches", Node::list(&rule.matches, http_match)),
            ("timeouts", rule.timeout_request.as_deref().map(|t| Node::map(vec![("request", Some(Node::text(t)))]))),
        ])
    });
    object("HTTPRoute", &r.namespace, &r.name, route_spec(&r.parent_refs, &r.hostnames, rules))
}

/// kubernetes-sigs/ingress2gateway v1.1.0 `pkg/i2gw/emitters/utils/utils.go`
/// `removeBackendRefsDuplicates`: one backendRef per Service/port (group, kind, name, port), the
/// weights summed when both are set. Upstream rebuilds the list from a Go map (random order);
/// first-seen order here.
fn dedupe_backend_refs(refs: &[BackendRef]) -> Vec<BackendRef> {
    let key = |r: &BackendRef| {
        let group = match r.group.as_deref() {
            Some(g) if g != "core" => g.to_string(),
            _ => String::new(),
        };
        (group, r.kind.clone().unwrap_or_else(|| "Service".to_string()), r.name.clone(), r.port.unwrap_or(0))
    };
    let mut out: Vec<BackendRef> = Vec::new();
    for r in refs {
        match out.iter_mut().find(|o| key(o) == key(r)) {
            Some(existing) => {
                if let (Some(a), Some(b)) = (existing.weight, r.weight) {
                    existing.weight = Some(a + b);
                }
            }
            None => out.push(r.clone()),
        }
    }
    out
}

fn backend_ref(b: &BackendRef) -> Node {
    Node::map(vec![
        ("group", b.group.as_deref().map(Node::text)),
        ("kind", b.kind.as_deref().map(Node::text)),
        ("name", Some(Node::text(&b.name))),
        ("port", b.port.map(Node::number)),
        ("weight", b.weight.map(Node::number)),
    ])
}

fn http_match(m: &HttpRouteMatch) -> Node {
    Node::map(vec![
        ("headers", Node::list(&m.headers, header_match)),
        (
            "path",
            m.path.as_ref().map(|p| {
                Node::map(vec![("type", Some(Node::text(p.kind.as_str()))), ("value", Some(Node::text(&p.value)))])
            }),
        ),
    ])
}

fn header_match(h: &HeaderMatch) -> Node {
    Node::map(vec![
        ("name", Some(Node::text(&h.name))),
        ("type", Some(Node::text(h.kind.as_str()))),
        ("value", Some(Node::text(&h.value))),
    ])
}

fn filter(f: &HttpFilter) -> Node {
    let (kind, key, body) = match f {
        HttpFilter::RequestRedirect(r) => ("RequestRedirect", "requestRedirect", redirect(r)),
        HttpFilter::UrlRewrite(r) => ("URLRewrite", "urlRewrite", rewrite(r)),
        HttpFilter::RequestHeaderModifier(m) => ("RequestHeaderModifier", "requestHeaderModifier", header_modifier(m)),
        HttpFilter::ResponseHeaderModifier(m) => {
            ("ResponseHeaderModifier", "responseHeaderModifier", header_modifier(m))
        }
        HttpFilter::Cors(c) => ("CORS", "cors", cors(c)),
    };
    Node::map(vec![("type", Some(Node::text(kind))), (key, Some(body))])
}

fn cors(c: &Cors) -> Node {
    let texts = |items: &[String]| Node::list(items, |s| Node::text(s));
    Node::map(vec![
        ("allowCredentials", c.allow_credentials.map(|b| Node::Scalar(b.to_string()))),
        ("allowHeaders", texts(&c.allow_headers)),
        ("allowMethods", texts(&c.allow_methods)),
        ("allowOrigins", texts(&c.allow_origins)),
        ("exposeHeaders", texts(&c.expose_headers)),
        ("maxAge", c.max_age.map(Node::number)),
    ])
}

fn path_modifier(p: &PathModifier) -> Node {
    match p {
        PathModifier::ReplaceFullPath(v) => {
            Node::map(vec![("replaceFullPath", Some(Node::text(v))), ("type", Some(Node::text("ReplaceFullPath")))])
        }
        PathModifier::ReplacePrefixMatch(v) => Node::map(vec![
            ("replacePrefixMatch", Some(Node::text(v))),
            ("type", Some(Node::text("ReplacePrefixMatch"))),
        ]),
    }
}

fn redirect(r: &RequestRedirect) -> Node {
    Node::map(vec![
        ("hostname", r.hostname.as_deref().map(Node::text)),
        ("path", r.path.as_ref().map(path_modifier)),
        ("port", r.port.map(Node::number)),
        ("scheme", r.scheme.as_deref().map(Node::text)),
        ("statusCode", r.status_code.map(Node::number)),
    ])
}

fn rewrite(r: &UrlRewrite) -> Node {
    Node::map(vec![("hostname", r.hostname.as_deref().map(Node::text)), ("path", r.path.as_ref().map(path_modifier))])
}

fn header_modifier(m: &HeaderModifier) -> Node {
    let pair = |(name, value): &(String, String)| {
        Node::map(vec![("name", Some(Node::text(name))), ("value", Some(Node::text(value)))])
    };
    Node::map(vec![
        ("add", Node::list(&m.add, pair)),
        ("remove", Node::list(&m.remove, |h| Node::text(h))),
        ("set", Node::list(&m.set, pair)),
    ])
}

fn grpc_route(r: &GrpcRoute) -> Node {
    let rules = Node::list(&r.rules, |rule| {
        Node::map(vec![
            ("backendRefs", Node::list(&rule.backend_refs, backend_ref)),
            ("filters", Node::list(&rule.filters, filter)),
            (
                "matches",
                Node::list(&rule.matches, |m| {
                    let method = (m.service.is_some() || m.method.is_some()).then(|| {
                        Node::map(vec![
                            ("method", m.method.as_deref().map(Node::text)),
                            ("service", m.service.as_deref().map(Node::text)),
                        ])
                    });
                    Node::map(vec![("headers", Node::list(&m.headers, header_match)), ("method", method)])
                }),
            ),
        ])
    });
    object("GRPCRoute", &r.namespace, &r.name, route_spec(&r.parent_refs, &r.hostnames, rules))
}

fn tls_route(r: &TlsRoute) -> Node {
    let rules = Node::list(&r.rules, |refs| Node::map(vec![("backendRefs", Node::list(refs, backend_ref))]));
    object("TLSRoute", &r.namespace, &r.name, route_spec(&r.parent_refs, &r.hostnames, rules))
}

#[cfg(test)]
mod tests {
    use super::{dedupe_backend_refs, scalar, BackendRef};

    /// `removeBackendRefsDuplicates`: one ref per group/kind/name/port (`core` is the core group,
    /// no kind is Service), weights summed only when both are set.
    #[test]
    fn equal_backend_refs_merge() {
        let r = |group: Option<&str>, kind: Option<&str>, name: &str, port: i64, weight: Option<i64>| BackendRef {
            group: group.map(str::to_string),
            kind: kind.map(str::to_string),
            name: name.to_string(),
            port: Some(port),
            weight,
        };
        let merged = dedupe_backend_refs(&[
            r(None, None, "a", 80, Some(1)),
            r(Some("core"), Some("Service"), "a", 80, Some(2)),
            r(None, None, "a", 81, None),
            r(None, None, "b", 80, None),
            r(None, None, "b", 80, Some(5)),
        ]);
        assert_eq!(
            merged,
            vec![r(None, None, "a", 80, Some(3)), r(None, None, "a", 81, None), r(None, None, "b", 80, None)]
        );
    }

    #[test]
    fn strings_that_yaml_would_misread_are_quoted() {
        for plain in ["example.com", "web-svc", "/foo", "PathPrefix", "v1.2", "/", "/1"] {
            assert_eq!(scalar(plain), plain);
        }
        for quoted in ["*.example.com", "", "true", "No", "1e3", "0x1f", "123", "/a b", "/api/v[0-9]+", "a: b", "~"] {
            assert!(scalar(quoted).starts_with('"'), "{quoted}");
        }
    }
}
