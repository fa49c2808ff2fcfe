//! The conversion fixtures' runner (`tests/migrate/<set>/<case>/`), shared by migrate_convert.rs
//! (the common converter) and migrate_nginx.rs (the ingress-nginx provider); the format is stated
//! in migrate_convert.rs's docs.

use ingress_engine::gateway::model::{BackendRef, GatewayObjects, HeaderMatch, HttpRouteFilter, ParentRef};
use ingress_engine::gateway::Implementation;
use ingress_engine::migrate::{convert, Conversion, ConvertOptions, Provider};
use ingress_engine::model::Spanned;
use ingress_engine::{Explain, Options, Request, Simulator, Source};
use std::fmt::Write as _;
use std::path::{Path, PathBuf};

/// The fixture directories under `tests/migrate/<set>/`, sorted; at least `min` of them.
pub fn cases(set: &str, min: usize) -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/migrate").join(set);
    let mut cases: Vec<PathBuf> =
        std::fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).filter(|p| p.is_dir()).collect();
    cases.sort();
    assert!(cases.len() >= min, "fixtures missing under {}", dir.display());
    cases
}

pub fn read(case: &Path, file: &str) -> Option<String> {
    std::fs::read_to_string(case.join(file)).ok()
}

pub fn provider(case: &Path) -> Provider {
    // A case of the `ingress-nginx` set is converted by that provider unless it says otherwise.
    let set_default =
        if case.parent().is_some_and(|p| p.ends_with("ingress-nginx")) { "ingress-nginx" } else { "common" };
    match read(case, "provider").as_deref().map(str::trim).unwrap_or(set_default) {
        "ingress-nginx" => Provider::IngressNginx,
        "common" => Provider::Common,
        other => panic!("unknown provider {other}"),
    }
}

pub fn conversion(input: &str, provider: Provider) -> Conversion {
    convert(&Simulator::new(input, &Options::default()), &ConvertOptions { provider })
}

/// What differs between fixture `case` and its conversion (empty: it converts as expected).
pub fn fixture_failures(case: &Path) -> Vec<String> {
    let mut failures = Vec::new();
    let name = case.file_name().unwrap().to_string_lossy().to_string();
    let input = read(case, "input.yaml").unwrap();
    let conv = conversion(&input, provider(case));
    let expected = read(case, "output.yaml").unwrap_or_default();
    let got = project(&objects(&conv.yaml));
    let want = project(&objects(&expected));
    if got != want {
        failures.push(format!("{name}: objects differ\n--- expected\n{want}--- got\n{got}--- emitted\n{}", conv.yaml));
    }
    // A line `level code` checks those two; a longer line, `level code object: message` (or
    // `level code: message` for a notice without object), checks the wording too.
    let want_notices: Vec<String> = read(case, "notices.txt")
        .unwrap_or_default()
        .lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .map(str::to_string)
        .collect();
    let notices: Vec<String> = conv
        .notices
        .iter()
        .filter(|n| n.code != "url-normalization")
        .zip(want_notices.iter().map(Some).chain(std::iter::repeat(None)))
        .map(|(n, want)| {
            let short = format!("{} {}", n.level.as_str(), n.code);
            match want {
                Some(w) if w.split_whitespace().count() > 2 => match &n.object {
                    Some(object) => format!("{short} {object}: {}", n.message),
                    None => format!("{short}: {}", n.message),
                },
                _ => short,
            }
        })
        .collect();
    if notices != want_notices {
        let all: Vec<String> = conv
            .notices
            .iter()
            .map(|n| format!("{} {} {}: {}", n.level.as_str(), n.code, n.object.as_deref().unwrap_or("-"), n.message))
            .collect();
        failures.push(format!(
            "{name}: notices\n{}\nexpected\n{}\nall:\n{}",
            notices.join("\n"),
            want_notices.join("\n"),
            all.join("\n")
        ));
    }
    failures.extend(read_back_problems(&input, &conv).into_iter().map(|p| format!("{name}: {p}")));
    failures.extend(request_problems(case, &input, &conv).into_iter().map(|p| format!("{name}: {p}")));
    failures
}

/// The emitted YAML beside the input: no error-level diagnostic from reading, validation or the
/// Gateway tables of either implementation.
pub fn read_back_problems(input: &str, conv: &Conversion) -> Vec<String> {
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

pub fn request_problems(case: &Path, input: &str, conv: &Conversion) -> Vec<String> {
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

pub fn answer(d: &serde_json::Value) -> String {
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

pub fn objects(yaml: &str) -> GatewayObjects {
    let sim = Simulator::new(yaml, &Options::default());
    assert!(sim.manifest().ingresses.is_empty());
    sim.manifest().gateway.clone()
}

pub fn text(v: &Option<Spanned<String>>) -> &str {
    v.as_ref().map_or("-", |s| s.value.as_str())
}

pub fn number(v: &Option<Spanned<i64>>) -> String {
    v.as_ref().map_or("-".to_string(), |n| n.value.to_string())
}

pub fn texts(v: &[Spanned<String>]) -> String {
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
            if let Some(c) = &f.cors {
                let credentials = c.allow_credentials.as_ref().map_or("-".to_string(), |b| b.value.to_string());
                let _ = write!(
                    s,
                    "(origins {} methods {} headers {} expose {} credentials {credentials} maxAge {})",
                    texts(&c.allow_origins),
                    texts(&c.allow_methods),
                    texts(&c.allow_headers),
                    texts(&c.expose_headers),
                    number(&c.max_age)
                );
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
pub fn project(o: &GatewayObjects) -> String {
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
