//! The ingress-nginx provider of the conversion (issue 15, rules N1…N13 in
//! `migrate/convert/nginx.rs`): fixtures re-written from kubernetes-sigs/ingress2gateway v1.1.0's
//! `pkg/i2gw/providers/ingressnginx/*_test.go` tables (each `input.yaml` names its test) and the
//! upstream defects flagged, under `tests/migrate/ingress-nginx/<case>/`, in the format of
//! migrate_convert.rs (here `notices.txt` lines carry the object and upstream's wording).
#![cfg(feature = "gateway")]

mod support;

use ingress_engine::migrate::{convert, ConvertOptions, NoticeLevel, Provider};
use ingress_engine::{Options, Simulator};
use support::migrate::{cases, fixture_failures};

#[test]
fn every_fixture_converts_as_upstream_does() {
    let failures: Vec<String> = cases("ingress-nginx", 20).iter().flat_map(|case| fixture_failures(case)).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// Every notice the provider writes names its object and points into the input, and carries a
/// stable kebab-case code.
#[test]
fn notices_name_their_object_and_place() {
    for case in cases("ingress-nginx", 20) {
        let input = std::fs::read_to_string(case.join("input.yaml")).unwrap();
        let sim = Simulator::new(input.as_str(), &Options::default());
        let conv = convert(&sim, &ConvertOptions { provider: Provider::IngressNginx });
        for n in conv.notices.iter().filter(|n| n.code != "url-normalization") {
            assert!(n.code.bytes().all(|b| b.is_ascii_lowercase() || b == b'-'), "{}: {}", case.display(), n.code);
            if n.level != NoticeLevel::Info || n.object.is_some() {
                assert!(n.object.is_some() && n.span.is_some(), "{}: {n:?}", case.display());
            }
            // An annotation's notice points at the line that writes it.
            if let (Some(span), Some(name)) =
                (n.span, n.message.split_whitespace().find(|w| w.contains(".kubernetes.io/")))
            {
                let line = input.lines().nth(span.start.line as usize - 1).unwrap_or("");
                let name = name.trim_matches(|c: char| !c.is_ascii_alphanumeric() && c != '/' && c != '.' && c != '-');
                if n.code == "unsupported-annotation" {
                    assert!(line.contains(name), "{}: {} points at {line:?}", case.display(), n.message);
                }
            }
        }
    }
}

/// Each annotation the provider reads, alone and with each other one, on an Ingress with a TLS
/// host, a wildcard host and a rule without host (with a canary of the first): the conversion never panics, and what it writes reads
/// back without error-level diagnostics — or, where upstream itself writes an object the API
/// server refuses, the conversion says so in a notice.
#[test]
fn annotation_pairs_read_back() {
    let annotations: &[(&str, &str)] = &[
        ("use-regex", "\"true\""),
        ("rewrite-target", "/$1"),
        ("rewrite-target", "/new"),
        ("x-forwarded-prefix", "/p"),
        ("app-root", "/app"),
        ("permanent-redirect", "https://Example.ORG/x"),
        ("temporal-redirect", "http://example.org:8080"),
        ("ssl-redirect", "\"false\""),
        ("from-to-www-redirect", "\"true\""),
        ("upstream-vhost", "internal.example.com"),
        ("connection-proxy-header", "close"),
        ("enable-cors", "\"true\""),
        ("proxy-read-timeout", "\"30\""),
        ("ssl-passthrough", "\"true\""),
        ("backend-protocol", "GRPC"),
        ("backend-protocol", "HTTPS"),
        ("canary-by-header", "X-Canary"),
        ("canary-weight", "\"30\""),
        ("affinity", "cookie"),
        ("whitelist-source-range", "10.0.0.0/8"),
        ("proxy-body-size", "1m"),
        // Values upstream refuses or misreads.
        ("canary-weight", "abc"),
        ("canary-weight-total", "\"-5\""),
        ("permanent-redirect", "\"\""),
        ("temporal-redirect", "':bad'"),
        ("proxy-body-size", "x"),
        ("cors-max-age", "zz"),
        ("from-to-www-redirect", "maybe"),
        ("backend-protocol", "\"\""),
        ("app-root", "http://x"),
        ("rewrite-target", "'/\\$1'"),
        ("proxy-connect-timeout", "\"0\""),
        ("use-regex", "\"yes\""),
        ("auth-url", "http://auth"),
    ];
    let mut problems = Vec::new();
    for (a, first) in annotations.iter().enumerate() {
        for second in &annotations[a..] {
            let block = format!(
                "    nginx.ingress.kubernetes.io/{}: {}\n    nginx.ingress.kubernetes.io/{}: {}\n",
                first.0, first.1, second.0, second.1
            );
            let input = format!(
                "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: main\n  annotations:\n{block}spec:\n  ingressClassName: nginx\n  tls: [{{hosts: [secure.example.com], secretName: cert}}]\n  rules:\n  - host: secure.example.com\n    http:\n      paths:\n      - {{path: /a/, pathType: Prefix, backend: {{service: {{name: a, port: {{number: 80}}}}}}}}\n      - {{path: /, pathType: Exact, backend: {{service: {{name: b, port: {{number: 80}}}}}}}}\n  - host: \"*.wild.example.com\"\n    http:\n      paths:\n      - {{path: /w, pathType: Prefix, backend: {{service: {{name: w, port: {{number: 80}}}}}}}}\n  - http:\n      paths:\n      - {{path: /c, pathType: ImplementationSpecific, backend: {{service: {{name: c, port: {{number: 80}}}}}}}}\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: main-canary\n  annotations:\n    nginx.ingress.kubernetes.io/canary: \"true\"\n{block}spec:\n  ingressClassName: nginx\n  rules:\n  - host: secure.example.com\n    http:\n      paths:\n      - {{path: /a/, pathType: Prefix, backend: {{service: {{name: a2, port: {{number: 80}}}}}}}}\n"
            );
            let conv = support::migrate::conversion(&input, Provider::IngressNginx);
            for p in support::migrate::read_back_problems(&input, &conv) {
                problems.push(format!("{} + {}: {p}\n{}", first.0, second.0, conv.yaml));
            }
        }
    }
    let lines: Vec<&str> = problems.iter().filter_map(|p| p.lines().next()).collect();
    assert!(problems.is_empty(), "{}\n\n{}", lines.join("\n"), problems[0]);
}

/// The provider's cost at the size (1,000 Ingresses / 5,000 paths, every feature's
/// annotation somewhere, 200 hosts shared): printed, not asserted (`--ignored`, run in release).
#[test]
#[ignore]
fn provider_at_scale() {
    let features = [
        "nginx.ingress.kubernetes.io/use-regex: \"true\"",
        "nginx.ingress.kubernetes.io/rewrite-target: /$1",
        "nginx.ingress.kubernetes.io/canary: \"true\"\n    nginx.ingress.kubernetes.io/canary-weight: \"10\"",
        "nginx.ingress.kubernetes.io/upstream-vhost: internal",
        "nginx.ingress.kubernetes.io/enable-cors: \"true\"",
        "nginx.ingress.kubernetes.io/proxy-read-timeout: \"30\"",
        "nginx.ingress.kubernetes.io/auth-url: http://auth",
        "nginx.ingress.kubernetes.io/app-root: /app",
        "nginx.ingress.kubernetes.io/ssl-redirect: \"false\"",
        "nginx.ingress.kubernetes.io/permanent-redirect: https://example.org/",
    ];
    let mut input = String::new();
    for i in 0..1_000 {
        let paths: String = (0..5)
            .map(|p| format!("      - {{path: /p{p}/s{i}/, pathType: Prefix, backend: {{service: {{name: s{i}, port: {{number: 80}}}}}}}}\n"))
            .collect();
        input.push_str(&format!(
            "---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ing{i}\n  namespace: ns{}\n  annotations:\n    {}\nspec:\n  ingressClassName: nginx\n  tls: [{{hosts: [h{}.example.com], secretName: cert}}]\n  rules:\n  - host: h{}.example.com\n    http:\n      paths:\n{paths}",
            i % 10,
            features[i % features.len()],
            i % 200,
            i % 200,
        ));
    }
    let sim = Simulator::new(input.as_str(), &Options::default());
    let start = std::time::Instant::now();
    let conv = convert(&sim, &ConvertOptions { provider: Provider::IngressNginx });
    let ms = start.elapsed().as_secs_f64() * 1e3;
    let common = std::time::Instant::now();
    let common_yaml = convert(&sim, &ConvertOptions { provider: Provider::Common }).yaml;
    let common_ms = common.elapsed().as_secs_f64() * 1e3;
    println!(
        "convert 1,000 Ingresses / 5,000 paths: ingress-nginx {ms:.1} ms ({} notices, {} bytes written), common {common_ms:.1} ms ({} bytes)",
        conv.notices.len(),
        conv.yaml.len(),
        common_yaml.len()
    );
}

/// converter.go `convert`'s backend-protocol switch (backend_protocol_test.go's values): GRPC and
/// GRPCS in any case → a GRPCRoute; HTTP, HTTPS, AUTO_HTTP or none → an HTTPRoute; anything else,
/// even empty → left out with upstream's warning.
#[test]
fn backend_protocol_values_pick_the_route_kind() {
    for (value, kind) in [
        (Some("GRPC"), "GRPCRoute"),
        (Some("grpc"), "GRPCRoute"),
        (Some("GRPCS"), "GRPCRoute"),
        (Some("HTTP"), "HTTPRoute"),
        (Some("https"), "HTTPRoute"),
        (Some("AUTO_HTTP"), "HTTPRoute"),
        (None, "HTTPRoute"),
        (Some("FCGI"), "none"),
        (Some("\"\""), "none"),
        (Some("h2c"), "none"),
    ] {
        let annotation = value.map_or(String::new(), |v| {
            format!("  annotations:\n    nginx.ingress.kubernetes.io/backend-protocol: {v}\n")
        });
        let input = format!(
            "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: app\n{annotation}spec:\n  ingressClassName: nginx\n  rules:\n  - host: app.example.com\n    http:\n      paths:\n      - {{path: /, pathType: Prefix, backend: {{service: {{name: app, port: {{number: 80}}}}}}}}\n"
        );
        let conv = support::migrate::conversion(&input, Provider::IngressNginx);
        let written = if conv.yaml.contains("kind: GRPCRoute") {
            "GRPCRoute"
        } else if conv.yaml.contains("kind: HTTPRoute") {
            "HTTPRoute"
        } else {
            "none"
        };
        assert_eq!(written, kind, "{value:?}\n{}", conv.yaml);
        let warned = conv.notices.iter().any(|n| n.code == "unsupported-backend-protocol");
        assert_eq!(warned, kind == "none", "{value:?}: {:?}", conv.notices);
        let grpc_warning = conv.notices.iter().any(|n| n.code == "grpc-partial");
        assert_eq!(grpc_warning, kind == "GRPCRoute", "{value:?}");
    }
}
