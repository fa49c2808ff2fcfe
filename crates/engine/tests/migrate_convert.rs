//! The conversion (issue 15, rules C1…C10 in `migrate/convert.rs`): fixtures re-written from
//! kubernetes-sigs/ingress2gateway v1.1.0 `pkg/i2gw/providers/common/converter_test.go`
//! (`Test_ToIR`) and our own, under `tests/migrate/common/<case>/`:
//!
//! - `input.yaml`: the Ingresses (and Services);
//! - `output.yaml`: the Gateway API objects expected, compared structurally with what the
//!   converter wrote (both read through the engine's own decoder, then projected field by field:
//!   document order, key order and quoting do not matter; list order does);
//! - `notices.txt` (optional): the notices expected, one `level code` a line, in order (the
//!   standard emitter's `url-normalization` is left out of both sides); a line
//!   `level code object: message` checks the wording too;
//! - `requests.txt` (optional): `URL => answer` a line, `answer` being `STATUS service:port`, or
//!   `STATUS` alone, `no-listener` (no listener of the Gateway takes it), or `none` (no HTTP
//!   exchange) — routed through the emitted Gateway (the first
//!   one written, or `@ns/name URL => …`) under Envoy Gateway;
//! - `provider` (optional): `ingress-nginx` (default: the common converter alone).
//!
//! Every emitted file must read back beside its input with no error-level diagnostic.
#![cfg(feature = "gateway")]

mod support;

use ingress_engine::migrate::Provider;
use support::migrate::{cases, conversion, fixture_failures, objects, provider, read, text};

#[test]
fn every_fixture_converts_as_expected() {
    let failures: Vec<String> = cases("common", 10).iter().flat_map(|case| fixture_failures(case)).collect();
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The emitted text is deterministic: converting twice, or with the input's documents in another
/// order, writes the same bytes.
#[test]
fn output_is_deterministic() {
    for case in cases("common", 10) {
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
