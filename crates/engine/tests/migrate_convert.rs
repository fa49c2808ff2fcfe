//! The conversion (issue 15, rules C1…C10 in `migrate/convert.rs`): fixtures re-written from
//! kubernetes-sigs/ingress2gateway v1.1.0 `pkg/i2gw/providers/common/converter_test.go`
//! (`Test_ToIR`) and our own, under `tests/migrate/common/<case>/`:
//!
//! - `input.yaml`: the Ingresses (and Services);
//! - `output.yaml`: the Gateway API objects expected, compared structurally with what the
//!   converter wrote (both read through the engine's own decoder, then projected field by field:
//!   document order, key order and quoting do not matter; list order does);
//! - `notices.txt` (optional): the notices expected, one `level code` a line, in order (the
//!   standard emitter's `url-normalization` is left out of both sides);
//! - `requests.txt` (optional): `URL => answer` a line, `answer` being `STATUS service:port`, or
//!   `STATUS` alone, `no-listener` (no listener of the Gateway takes it), or `none` (no HTTP
//!   exchange) — routed through the emitted Gateway (the first
//!   one written, or `@ns/name URL => …`) under Envoy Gateway;
//! - `provider` (optional): `ingress-nginx` (default: the common converter alone).
//!
//! Every emitted file must read back beside its input with no error-level diagnostic.
#![cfg(feature = "gateway")]

use ingress_engine::gateway::model::{BackendRef, GatewayObjects, HeaderMatch, HttpRouteFilter, ParentRef};
use ingress_engine::gateway::Implementation;
use ingress_engine::migrate::{convert, Conversion, ConvertOptions, Provider};
use ingress_engine::model::Spanned;
use ingress_engine::{Explain, Options, Request, Simulator, Source};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn cases() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/migrate/common");
    let mut cases: Vec<PathBuf> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    cases.sort();
    assert!(cases.len() >= 10, "fixtures missing under {}", dir.display());
    cases
}

fn read(case: &Path, file: &str) -> Option<String> {
    std::fs::read_to_string(case.join(file)).ok()
}

fn provider(case: &Path) -> Provider {
    match read(case, "provider").as_deref().map(str::trim) {
        Some("ingress-nginx") => Provider::IngressNginx,
        None | Some("common") => Provider::Common,
        Some(other) => panic!("unknown provider {other}"),
    }
}

fn conversion(input: &str, provider: Provider) -> Conversion {
    convert(&Simulator::new(input, &Options::default()), &ConvertOptions { provider })
}

#[test]
fn every_fixture_converts_as_expected() {
    let mut failures = Vec::new();
    for case in cases() {
        let name = case.file_name().unwrap().to_string_lossy().to_string();
        let input = read(&case, "input.yaml").unwrap();
        let conv = conversion(&input, provider(&case));
        let expected = read(&case, "output.yaml").unwrap_or_default();
        let got = project(&objects(&conv.yaml));
        let want = project(&objects(&expected));
        if got != want {
            failures
                .push(format!("{name}: objects differ\n--- expected\n{want}--- got\n{got}--- emitted\n{}", conv.yaml));
        }
        let notices: Vec<String> = conv
            .notices
            .iter()
            .filter(|n| n.code != "url-normalization")
            .map(|n| format!("{} {}", n.level.as_str(), n.code))
            .collect();
        let want_notices: Vec<String> = read(&case, "notices.txt")
            .unwrap_or_default()
            .lines()
            .map(str::trim)
            .filter(|l| !l.is_empty())
            .map(str::to_string)
            .collect();
        if notices != want_notices {
            let all: Vec<String> =
                conv.notices.iter().map(|n| format!("{} {}: {}", n.level.as_str(), n.code, n.message)).collect();
            failures.push(format!("{name}: notices {notices:?}, expected {want_notices:?}\n{}", all.join("\n")));
        }
        failures.extend(read_back_problems(&input, &conv).into_iter().map(|p| format!("{name}: {p}")));
        failures.extend(request_problems(&case, &input, &conv).into_iter().map(|p| format!("{name}: {p}")));
    }
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The emitted YAML beside the input: no error-level diagnostic from reading, validation or the
/// Gateway tables of either implementation.
fn read_back_problems(input: &str, conv: &Conversion) -> Vec<String> {
    let sources = vec![Source::new("input.yaml", input), Source::new("gateway-api.yaml", conv.yaml.as_str())];
    let sim = Simulator::new(&sources, &Options::default());
    let gateway_file =
        |d: &ingress_engine::Diagnostic| d.span.is_none_or(|s| s.source.name() == Some("gateway-api.yaml"));
    let mut problems: Vec<String> = sim
        .errors()
        .filter(|d| gateway_file(d))
        .map(|d| format!("read back: {} {}", d.code.as_str(), d.message))
        .collect();
    for implementation in [Implementation::EnvoyGateway, Implementation::Spec] {
        for d in sim.gateway_diagnostics(implementation) {
            if d.is_error() {
                problems.push(format!("{}: {} {}", implementation.name(), d.code.as_str(), d.message));
            }
        }
    }
    if sim.gateways() != conv.gateways {
        problems.push(format!("gateways {:?} read back as {:?}", conv.gateways, sim.gateways()));
    }
    problems
}

fn request_problems(case: &Path, input: &str, conv: &Conversion) -> Vec<String> {
    let Some(lines) = read(case, "requests.txt") else { return Vec::new() };
    let sources = vec![Source::new("input.yaml", input), Source::new("gateway-api.yaml", conv.yaml.as_str())];
    let sim = Simulator::new(&sources, &Options::default());
    let mut problems = Vec::new();
    for line in lines.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        let (ask, want) = line.split_once("=>").expect("URL => answer");
        let (gateway, url) = match ask.trim().strip_prefix('@') {
            Some(rest) => {
                let (g, u) = rest.split_once(' ').unwrap();
                (Some(g.to_string()), u.trim())
            }
            None => (conv.gateways.first().cloned(), ask.trim()),
        };
        let request = Request::from_url(url).unwrap();
        let got = match sim.route_gateway(&request, gateway.as_deref(), Implementation::EnvoyGateway, Explain::No) {
            Ok(d) => answer(&serde_json::to_value(&d).unwrap()),
            Err(e) => format!("error {e:?}"),
        };
        if got != want.trim() {
            problems.push(format!("{url}: got {got:?}, expected {:?}", want.trim()));
        }
    }
    problems
}

fn answer(d: &serde_json::Value) -> String {
    if d["outcome"] == "no-listener" {
        return "no-listener".to_string();
    }
    let Some(status) = d["status"].as_u64() else { return "none".to_string() };
    let service = &d["backend"]["service"];
    match service["name"].as_str() {
        Some(name) => match service["port"]["number"].as_u64() {
            Some(port) => format!("{status} {name}:{port}"),
            None => format!("{status} {name}"),
        },
        None => status.to_string(),
    }
}

fn objects(yaml: &str) -> GatewayObjects {
    let sim = Simulator::new(yaml, &Options::default());
    assert!(sim.manifest().ingresses.is_empty());
    sim.manifest().gateway.clone()
}

fn text(v: &Option<Spanned<String>>) -> &str {
    v.as_ref().map_or("-", |s| s.value.as_str())
}

fn number(v: &Option<Spanned<i64>>) -> String {
    v.as_ref().map_or("-".to_string(), |n| n.value.to_string())
}

fn texts(v: &[Spanned<String>]) -> String {
    v.iter().map(|s| s.value.as_str()).collect::<Vec<_>>().join(",")
}

fn parents(refs: &[ParentRef]) -> String {
    refs.iter()
        .map(|p| format!("{}/{}#{}:{}", text(&p.namespace), text(&p.name), text(&p.section_name), number(&p.port)))
        .collect::<Vec<_>>()
        .join(",")
}

fn backends(refs: &[BackendRef]) -> String {
    refs.iter()
        .map(|b| {
            format!("{}/{}/{}:{}*{}", text(&b.group), text(&b.kind), text(&b.name), number(&b.port), number(&b.weight))
        })
        .collect::<Vec<_>>()
        .join(",")
}

fn headers(h: &[HeaderMatch]) -> String {
    h.iter().map(|h| format!("{}:{}={}", text(&h.kind), text(&h.name), text(&h.value))).collect::<Vec<_>>().join(",")
}

fn filters(f: &[HttpRouteFilter]) -> String {
    // The kind and every field that routes: enough to tell the ingress-nginx features apart.
    f.iter()
        .map(|f| {
            let mut s = f.kind().to_string();
            if let Some(r) = &f.request_redirect {
                let path = r.path.as_ref().map_or("-".to_string(), |p| {
                    format!("{}:{}{}", text(&p.kind), text(&p.replace_full_path), text(&p.replace_prefix_match))
                });
                let _ = write!(
                    s,
                    "({} {} {} {} {})",
                    text(&r.scheme),
                    text(&r.hostname),
                    path,
                    number(&r.port),
                    number(&r.status_code)
                );
            }
            if let Some(r) = &f.url_rewrite {
                let path = r.path.as_ref().map_or("-".to_string(), |p| {
                    format!("{}:{}{}", text(&p.kind), text(&p.replace_full_path), text(&p.replace_prefix_match))
                });
                let _ = write!(s, "({} {})", text(&r.hostname), path);
            }
            for m in [&f.request_header_modifier, &f.response_header_modifier].into_iter().flatten() {
                let pairs = |v: &[ingress_engine::gateway::model::HttpHeader]| {
                    v.iter().map(|h| format!("{}={}", text(&h.name), text(&h.value))).collect::<Vec<_>>().join(",")
                };
                let _ = write!(s, "(set {} add {} remove {})", pairs(&m.set), pairs(&m.add), texts(&m.remove));
            }
            s
        })
        .collect::<Vec<_>>()
        .join(";")
}

/// Every routing field of the Gateway API objects, one line per object, listener or rule; objects
/// sorted by kind and namespace/name.
fn project(o: &GatewayObjects) -> String {
    let mut objects: Vec<String> = Vec::new();
    for g in &o.gateways {
        let mut s = format!("Gateway {} class={}\n", g.id(), text(&g.class_name));
        for l in &g.listeners {
            let tls = l.tls.as_ref().map_or("-".to_string(), |t| {
                let certs: Vec<String> = t
                    .certificate_refs
                    .iter()
                    .map(|c| format!("{}/{}/{}", text(&c.group), text(&c.kind), text(&c.name)))
                    .collect();
                format!("{} [{}]", text(&t.mode), certs.join(","))
            });
            let _ = writeln!(
                s,
                "  listener {} host={} port={} {} tls={tls}",
                text(&l.name),
                text(&l.hostname),
                number(&l.port),
                text(&l.protocol)
            );
        }
        objects.push(s);
    }
    for r in &o.http_routes {
        let mut s =
            format!("HTTPRoute {} parents=[{}] hosts=[{}]\n", r.id(), parents(&r.parent_refs), texts(&r.hostnames));
        for rule in &r.rules {
            let matches: Vec<String> = rule
                .matches
                .iter()
                .map(|m| {
                    let path =
                        m.path.as_ref().map_or("-".to_string(), |p| format!("{}:{}", text(&p.kind), text(&p.value)));
                    format!("{path}{{{}}}", headers(&m.headers))
                })
                .collect();
            let timeout = rule.timeouts.as_ref().map_or("-", |t| text(&t.request));
            let _ = writeln!(
                s,
                "  rule matches=[{}] filters=[{}] backends=[{}] timeout={timeout}",
                matches.join(","),
                filters(&rule.filters),
                backends(&rule.backend_refs)
            );
        }
        objects.push(s);
    }
    for r in &o.grpc_routes {
        let mut s =
            format!("GRPCRoute {} parents=[{}] hosts=[{}]\n", r.id(), parents(&r.parent_refs), texts(&r.hostnames));
        for rule in &r.rules {
            let matches: Vec<String> = rule
                .matches
                .iter()
                .map(|m| {
                    let method = m
                        .method
                        .as_ref()
                        .map_or("-".to_string(), |m| format!("{}/{}", text(&m.service), text(&m.method)));
                    format!("{method}{{{}}}", headers(&m.headers))
                })
                .collect();
            let _ = writeln!(
                s,
                "  rule matches=[{}] filters=[{}] backends=[{}]",
                matches.join(","),
                filters(&rule.filters),
                backends(&rule.backend_refs)
            );
        }
        objects.push(s);
    }
    for r in &o.tls_routes {
        let mut s = format!(
            "TLSRoute {}/{} parents=[{}] hosts=[{}]\n",
            r.meta.namespace(),
            r.meta.name(),
            parents(&r.parent_refs),
            texts(&r.hostnames)
        );
        for rule in &r.rules {
            let _ = writeln!(s, "  rule backends=[{}]", backends(&rule.backend_refs));
        }
        objects.push(s);
    }
    objects.sort();
    objects.concat()
}

/// The emitted text is deterministic: converting twice, or with the input's documents in another
/// order, writes the same bytes.
#[test]
fn output_is_deterministic() {
    for case in cases() {
        let input = read(&case, "input.yaml").unwrap();
        let a = conversion(&input, provider(&case));
        let b = conversion(&input, provider(&case));
        assert_eq!(a.yaml, b.yaml);
        let mut docs: Vec<&str> = input.split("\n---\n").collect();
        docs.reverse();
        let reversed = conversion(&docs.join("\n---\n"), provider(&case));
        assert_eq!(a.yaml, reversed.yaml, "{}", case.display());
    }
}

/// Upstream's routes and listeners named after the host: whatever the host's characters, the
/// output is valid YAML that reads back as written (quoted where YAML would misread it).
#[test]
fn awkward_names_read_back_as_written() {
    for host in ["*.example.com", "123.example.com", "true.example", "xn--bcher-kva.example", "a--b.example"] {
        for path in ["/", "/a b", "/#x", "/true", "/*", "/: x", "/'q'", "/\"q\""] {
            let input = format!(
                "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {{name: web, namespace: \"012\"}}\nspec:\n  ingressClassName: \"yes\"\n  rules:\n  - host: {}\n    http:\n      paths:\n      - {{path: {}, pathType: Exact, backend: {{service: {{name: web, port: {{number: 80}}}}}}}}\n",
                ingress_engine::cases::quoted(host),
                ingress_engine::cases::quoted(path)
            );
            let conv = conversion(&input, Provider::Common);
            let o = objects(&conv.yaml);
            assert_eq!(o.gateways.len(), 1, "{}", conv.yaml);
            assert_eq!(o.gateways[0].id(), "012/yes");
            let route = &o.http_routes[0];
            assert_eq!(route.hostnames[0].value, host);
            assert_eq!(text(&route.rules[0].matches[0].path.as_ref().unwrap().value), path, "{}", conv.yaml);
        }
    }
}
