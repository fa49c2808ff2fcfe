//! Arbitrary text as a request against a fixed manifest. The first line is read as a URL
//! (`Request::from_url`), the optional second line is a TLS SNI name; the two lines are also used
//! raw, as a Host header and a path (`Request::new`), which skips the URL parser's checks.
//! Every request that can be built is routed with its explanation and checked (common/mod.rs).

#![no_main]

mod common;

use common::route_and_check;
use ingress_engine::{Options, Request, Simulator};
use libfuzzer_sys::fuzz_target;
use std::sync::OnceLock;

/// Every host tier, the three path types, a defaultBackend, a named port, a resource backend,
/// TLS entries (precise and wildcard) and an Ingress of another class.
const MANIFEST: &str = r#"
apiVersion: networking.k8s.io/v1
kind: IngressClass
metadata:
  name: nginx
  annotations: {ingressclass.kubernetes.io/is-default-class: "true"}
spec: {controller: k8s.io/ingress-nginx}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: shop, namespace: web, creationTimestamp: "2024-01-01T00:00:00Z"}
spec:
  ingressClassName: nginx
  defaultBackend: {service: {name: fallback, port: {number: 80}}}
  tls:
  - {hosts: [shop.example.com], secretName: shop-cert}
  - {hosts: ["*.example.com"], secretName: wildcard-cert}
  rules:
  - host: shop.example.com
    http:
      paths:
      - {path: /, pathType: Prefix, backend: {service: {name: web, port: {number: 80}}}}
      - {path: /api, pathType: Prefix, backend: {service: {name: api, port: {name: http}}}}
      - {path: /api/v1/login, pathType: Exact, backend: {service: {name: auth, port: {number: 8443}}}}
      - {path: /static, pathType: ImplementationSpecific, backend: {resource: {apiGroup: k8s.example.com, kind: Bucket, name: assets}}}
  - host: "*.example.com"
    http:
      paths:
      - {path: /status, pathType: Exact, backend: {service: {name: status, port: {number: 8080}}}}
  - host: "*.ünïcode.example"
    http:
      paths:
      - {path: /ü/é, pathType: Prefix, backend: {service: {name: unicode, port: {number: 8081}}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: catch-all, namespace: web}
spec:
  rules:
  - http:
      paths:
      - {path: /healthz, pathType: Exact, backend: {service: {name: health, port: {number: 8080}}}}
      - {path: /docs/, pathType: Prefix, backend: {service: {name: docs, port: {number: 80}}}}
---
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: legacy
  annotations: {kubernetes.io/ingress.class: traefik}
spec:
  rules:
  - host: shop.example.com
    http:
      paths:
      - {path: /api/v2, pathType: Prefix, backend: {service: {name: never, port: {number: 80}}}}
"#;

fn simulator() -> &'static Simulator {
    static SIMULATOR: OnceLock<Simulator> = OnceLock::new();
    SIMULATOR.get_or_init(|| {
        let sim = Simulator::new(MANIFEST, &Options::default());
        // It may break API validation on purpose (the Unicode host), but it must read cleanly.
        let unreadable: Vec<_> = sim.manifest().diagnostics.iter().filter(|d| d.is_error()).collect();
        assert!(unreadable.is_empty(), "the fixed manifest does not parse: {unreadable:?}");
        assert_eq!(sim.manifest().ingresses.len(), 3);
        sim
    })
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let mut lines = text.splitn(3, '\n');
    let first = lines.next().unwrap_or_default();
    let second = lines.next();
    let sim = simulator();
    if let Ok(mut request) = Request::from_url(first) {
        if let Some(sni) = second {
            request = request.with_sni(sni);
        }
        route_and_check(sim, &request);
    }
    route_and_check(sim, &Request::new(first, second.unwrap_or("/")));
});
