//! Gateway API routing (G1–G8 in `gateway.rs`): listener choice, attachment, hostname
//! intersection, matching, precedence, filters, backends, per implementation. Each test names the
//! rule and the upstream text it checks.
#![cfg(feature = "gateway")]

use ingress_engine::gateway::{GatewayDecision, GatewayOutcome, GatewayVerdict, Implementation};
use ingress_engine::{Code, Explain, Options, Request, RequestFields, Simulator};

const GATEWAY: &str = r#"
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: infra}
spec:
  gatewayClassName: any
  listeners:
  - {name: http, port: 80, protocol: HTTP}
"#;

fn sim(yaml: &str) -> Simulator {
    Simulator::new(yaml, &Options::default())
}

fn request(url: &str) -> Request {
    Request::from_url(url).unwrap()
}

fn request_with(url: &str, method: &str, headers: &[(&str, &str)]) -> Request {
    let fields = RequestFields {
        url: Some(url.to_string()),
        method: Some(method.to_string()),
        headers: headers.iter().map(|(n, v)| (n.to_string(), v.to_string())).collect(),
        ..RequestFields::default()
    };
    fields.build().unwrap()
}

#[track_caller]
fn route(sim: &Simulator, r: &Request, implementation: Implementation) -> GatewayDecision {
    let d = sim.route_gateway(r, None, implementation, Explain::Yes).unwrap();
    let fast = sim.route_gateway(r, None, implementation, Explain::No).unwrap();
    assert_eq!(
        (&fast.outcome, &fast.status, &fast.route, &fast.rule, &fast.match_index, &fast.backend, &fast.upstream_path),
        (&d.outcome, &d.status, &d.route, &d.rule, &d.match_index, &d.backend, &d.upstream_path),
        "the explained and the fast decisions agree"
    );
    let winners: Vec<_> = d.explanation.iter().filter(|e| e.verdict == GatewayVerdict::Winner).collect();
    match &d.route {
        Some(route) => {
            assert_eq!(winners.len(), 1, "{:#?}", d.explanation);
            assert_eq!(winners[0].route.as_ref(), Some(route));
            assert_eq!((winners[0].rule, winners[0].match_index), (d.rule, d.match_index));
        }
        None => assert!(winners.is_empty(), "{:#?}", d.explanation),
    }
    d
}

fn routes(body: &str) -> String {
    format!("{GATEWAY}{body}")
}

#[test]
fn prefix_matching_is_element_wise_and_exact_beats_a_longer_prefix() {
    let s = sim(&routes(
        r#"
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: a, namespace: infra}
spec:
  parentRefs: [{name: gw}]
  rules:
  - matches: [{path: {type: PathPrefix, value: /foo}}]
    backendRefs: [{name: prefix, port: 8080}]
  - matches: [{path: {type: Exact, value: /foo}}]
    backendRefs: [{name: exact, port: 8080}]
  - matches: [{path: {type: PathPrefix, value: /foo/bar/baz}}]
    backendRefs: [{name: long, port: 8080}]
"#,
    ));
    for imp in Implementation::ALL {
        let d = route(&s, &request("http://example.com/foo"), imp);
        assert_eq!(d.backend_label(), "infra/exact:8080", "{imp}");
        assert_eq!(route(&s, &request("http://example.com/foo/"), imp).backend_label(), "infra/prefix:8080");
        assert_eq!(route(&s, &request("http://example.com/foo/bar/baz/q"), imp).backend_label(), "infra/long:8080");
        let miss = route(&s, &request("http://example.com/foobar"), imp);
        assert_eq!((miss.outcome, miss.status), (GatewayOutcome::NoMatch, Some(404)));
    }
}

#[test]
fn every_match_is_judged_once_with_its_step() {
    let s = sim(&routes(
        r#"
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: a, namespace: infra}
spec:
  parentRefs: [{name: gw}]
  rules:
  - matches: [{path: {type: PathPrefix, value: /foo}}]
    backendRefs: [{name: prefix, port: 8080}]
  - matches: [{path: {type: Exact, value: /foo}}, {path: {value: /bar}}, {path: {value: /foo}, method: POST}]
    backendRefs: [{name: exact, port: 8080}]
"#,
    ));
    let d = route(&s, &request("http://example.com/foo"), Implementation::Spec);
    let judged: Vec<_> = d
        .explanation
        .iter()
        .filter(|e| e.rule.is_some())
        .map(|e| (e.rule.unwrap(), e.match_index, e.reason.as_str()))
        .collect();
    assert_eq!(
        judged,
        vec![(0, Some(0), "precedence-exact"), (1, Some(0), "matched"), (1, Some(1), "path"), (1, Some(2), "method"),]
    );
}

/// G2: `gateway_types.go` `Listener.Hostname` (421 for a misdirected request), checked with the
/// table of conformance/tests/httproute-https-listener-detect-misdirected-requests.go (v1.6.1).
#[test]
fn https_listeners_answer_421_for_a_host_another_listener_serves() {
    let mut yaml = String::from(
        r#"
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: same-namespace-with-https-listener, namespace: gateway-conformance-infra}
spec:
  gatewayClassName: any
  listeners:
"#,
    );
    for (name, hostname) in [
        ("https", None),
        ("https-with-hostname", Some("second-example.org")),
        ("https-with-wildcard-hostname", Some("\"*.wildcard.org\"")),
        ("https-with-hostname-matching-wildcard", Some("fourth-example.wildcard.org")),
    ] {
        yaml.push_str(&format!("  - name: {name}\n    port: 443\n    protocol: HTTPS\n"));
        if let Some(h) = hostname {
            yaml.push_str(&format!("    hostname: {h}\n"));
        }
        yaml.push_str("    tls: {certificateRefs: [{kind: Secret, name: cert}]}\n");
    }
    for (i, (section, hostname, backend)) in [
        ("https", Some("example.org"), "infra-backend-v1"),
        ("https-with-hostname", None, "infra-backend-v2"),
        ("https-with-wildcard-hostname", None, "infra-backend-v3"),
        ("https-with-hostname-matching-wildcard", None, "infra-backend-v1"),
    ]
    .into_iter()
    .enumerate()
    {
        yaml.push_str(&format!(
            "---\napiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {{name: test-{i}, namespace: gateway-conformance-infra}}\nspec:\n  parentRefs: [{{name: same-namespace-with-https-listener, sectionName: {section}}}]\n{}  rules:\n  - matches: [{{path: {{type: PathPrefix, value: /detect-misdirected-requests}}}}]\n    backendRefs: [{{name: {backend}, port: 8080}}]\n",
            hostname.map_or(String::new(), |h| format!("  hostnames: [{h}]\n"))
        ));
    }
    let s = sim(&yaml);
    let cases = [
        ("example.org", "example.org", 200, "infra-backend-v1"),
        ("example.org", "second-example.org", 421, ""),
        ("example.org", "unknown-example.org", 404, ""),
        ("second-example.org", "second-example.org", 200, "infra-backend-v2"),
        ("second-example.org", "example.org", 421, ""),
        ("second-example.org", "unknown-example.org", 421, ""),
        ("third-example.wildcard.org", "third-example.wildcard.org", 200, "infra-backend-v3"),
        ("third-example.wildcard.org", "fith-example.wildcard.org", 200, "infra-backend-v3"),
        ("third-example.wildcard.org", "fourth-example.wildcard.org", 421, ""),
        ("third-example.wildcard.org", "second-example.org", 421, ""),
        ("third-example.wildcard.org", "unknown-example.org", 421, ""),
        ("fourth-example.wildcard.org", "fourth-example.wildcard.org", 200, "infra-backend-v1"),
        ("fourth-example.wildcard.org", "fith-example.wildcard.org", 421, ""),
        ("unknown-example.org", "example.org", 200, "infra-backend-v1"),
        ("unknown-example.org", "unknown-example.org", 404, ""),
    ];
    for imp in Implementation::ALL {
        for (sni, host, status, backend) in cases {
            let r = RequestFields {
                url: Some(format!("https://{host}/detect-misdirected-requests")),
                sni: Some(sni.to_string()),
                ..RequestFields::default()
            }
            .build()
            .unwrap();
            let d = route(&s, &r, imp);
            assert_eq!(d.status, Some(status), "{imp}: SNI {sni}, Host {host}: {:#?}", d.explanation);
            let got = d.backend.as_ref().map(|b| b.to_string()).unwrap_or_default();
            let want =
                if backend.is_empty() { String::new() } else { format!("gateway-conformance-infra/{backend}:8080") };
            assert_eq!(got, want, "{imp}: SNI {sni}, Host {host}");
        }
    }
}

/// G3: `httproute_types.go` `HTTPRouteSpec.Hostnames` — intersection with the listener, checked
/// with conformance/tests/httproute-hostname-intersection (v1.6.1).
#[test]
fn route_hostnames_intersect_listener_hostnames() {
    let s = sim(r#"
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: infra}
spec:
  gatewayClassName: any
  listeners:
  - {name: listener-1, port: 80, protocol: HTTP, hostname: very.specific.com}
  - {name: listener-2, port: 80, protocol: HTTP, hostname: "*.wildcard.io"}
  - {name: listener-3, port: 80, protocol: HTTP, hostname: "*.anotherwildcard.io"}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: specific-host-matches-listener-specific-host, namespace: infra}
spec:
  parentRefs: [{name: gw}]
  hostnames: [non.matching.com, "*.nonmatchingwildcard.io", very.specific.com]
  rules:
  - matches: [{path: {type: PathPrefix, value: /s1}}]
    backendRefs: [{name: v1, port: 8080}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: specific-host-matches-listener-wildcard-host, namespace: infra}
spec:
  parentRefs: [{name: gw}]
  hostnames: [non.matching.com, wildcard.io, foo.wildcard.io, bar.wildcard.io, foo.bar.wildcard.io]
  rules:
  - matches: [{path: {type: PathPrefix, value: /s2}}]
    backendRefs: [{name: v2, port: 8080}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: wildcard-host-matches-listener-specific-host, namespace: infra}
spec:
  parentRefs: [{name: gw}]
  hostnames: [non.matching.com, "*.specific.com"]
  rules:
  - matches: [{path: {type: PathPrefix, value: /s3}}]
    backendRefs: [{name: v3, port: 8080}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: wildcard-host-matches-listener-wildcard-host, namespace: infra}
spec:
  parentRefs: [{name: gw}]
  hostnames: ["*.anotherwildcard.io"]
  rules:
  - matches: [{path: {type: PathPrefix, value: /s4}}]
    backendRefs: [{name: v1, port: 8080}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: no-intersecting-hosts, namespace: infra}
spec:
  parentRefs: [{name: gw}]
  hostnames: [specific.but.wrong.com, wildcard.io]
  rules:
  - matches: [{path: {type: PathPrefix, value: /s5}}]
    backendRefs: [{name: v2, port: 8080}]
"#);
    let cases = [
        ("very.specific.com", "/s1", 200, "v1"),
        ("non.matching.com", "/s1", 404, ""),
        ("foo.nonmatchingwildcard.io", "/s1", 404, ""),
        ("foo.wildcard.io", "/s2", 200, "v2"),
        ("bar.wildcard.io", "/s2", 200, "v2"),
        ("foo.bar.wildcard.io", "/s2", 200, "v2"),
        ("non.matching.com", "/s2", 404, ""),
        ("wildcard.io", "/s2", 404, ""),
        ("very.specific.com", "/s3", 200, "v3"),
        ("anotherthing.specific.com", "/s3", 404, ""),
        ("foo.anotherwildcard.io", "/s4", 200, "v1"),
        ("foo.bar.anotherwildcard.io", "/s4", 200, "v1"),
        ("specific.but.wrong.com", "/s5", 404, ""),
        ("wildcard.io", "/s5", 404, ""),
    ];
    for imp in Implementation::ALL {
        for (host, path, status, backend) in cases {
            let d = route(&s, &request(&format!("http://{host}{path}")), imp);
            assert_eq!(d.status, Some(status), "{imp} {host}{path}: {:#?}", d.explanation);
            let want = if backend.is_empty() { String::new() } else { format!("infra/{backend}:8080") };
            assert_eq!(d.backend_label(), want, "{imp} {host}{path}");
        }
    }
    let status = s.gateway_diagnostics(Implementation::Spec);
    let no_intersection: Vec<_> = status.iter().filter(|d| d.message.contains("NoMatchingListenerHostname")).collect();
    assert_eq!(no_intersection.len(), 1, "{status:#?}");
    assert_eq!(no_intersection[0].object.as_deref(), Some("HTTPRoute infra/no-intersecting-hosts"));
    assert!(status.iter().all(|d| d.code == Code::RouteStatus || d.code == Code::GatewayStatus));
}

/// G7: `httproute_types.go` `HTTPRequestRedirectFilter.Port` — the port rules, checked with
/// conformance/tests/httproute-redirect-port-and-scheme (v1.6.1): listeners on 80 and 8080.
#[test]
fn redirect_locations_follow_the_port_and_scheme_rules() {
    let mut yaml = String::from(
        r#"
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: infra}
spec:
  gatewayClassName: any
  listeners:
  - {name: http, port: 80, protocol: HTTP}
  - {name: http-8080, port: 8080, protocol: HTTP}
  - {name: https, port: 443, protocol: HTTPS, tls: {certificateRefs: [{name: cert}]}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: redirect, namespace: infra}
spec:
  parentRefs: [{name: gw}]
  rules:
"#,
    );
    for (path, scheme, port) in [
        ("/scheme-nil-and-port-nil", None, None),
        ("/scheme-nil-and-port-80", None, Some(80)),
        ("/scheme-nil-and-port-8080", None, Some(8080)),
        ("/scheme-https-and-port-nil", Some("https"), None),
        ("/scheme-https-and-port-443", Some("https"), Some(443)),
        ("/scheme-https-and-port-8443", Some("https"), Some(8443)),
        ("/scheme-nil-and-port-443", None, Some(443)),
    ] {
        let mut redirect = Vec::new();
        if let Some(s) = scheme {
            redirect.push(format!("scheme: {s}"));
        }
        if let Some(p) = port {
            redirect.push(format!("port: {p}"));
        }
        redirect.push("hostname: example.org".to_string());
        yaml.push_str(&format!(
            "  - matches: [{{path: {{type: PathPrefix, value: {path}}}}}]\n    filters: [{{type: RequestRedirect, requestRedirect: {{{}}}}}]\n",
            redirect.join(", ")
        ));
    }
    let s = sim(&yaml);
    let cases = [
        ("http://x/scheme-nil-and-port-nil", "http://example.org/scheme-nil-and-port-nil"),
        ("http://x/scheme-nil-and-port-80", "http://example.org/scheme-nil-and-port-80"),
        ("http://x/scheme-nil-and-port-8080", "http://example.org:8080/scheme-nil-and-port-8080"),
        ("http://x/scheme-https-and-port-nil", "https://example.org/scheme-https-and-port-nil"),
        ("http://x/scheme-https-and-port-443", "https://example.org/scheme-https-and-port-443"),
        ("http://x/scheme-https-and-port-8443", "https://example.org:8443/scheme-https-and-port-8443"),
        ("http://x:8080/scheme-nil-and-port-nil", "http://example.org:8080/scheme-nil-and-port-nil"),
        ("http://x:8080/scheme-nil-and-port-80", "http://example.org/scheme-nil-and-port-80"),
        ("http://x:8080/scheme-https-and-port-nil", "https://example.org/scheme-https-and-port-nil"),
        ("https://x/scheme-nil-and-port-nil", "https://example.org/scheme-nil-and-port-nil"),
        ("https://x/scheme-nil-and-port-443", "https://example.org/scheme-nil-and-port-443"),
        ("https://x/scheme-nil-and-port-8080", "https://example.org:8080/scheme-nil-and-port-8080"),
        ("http://x/scheme-nil-and-port-nil?q=1", "http://example.org/scheme-nil-and-port-nil?q=1"),
    ];
    for imp in Implementation::ALL {
        for (url, location) in cases {
            let d = route(&s, &request(url), imp);
            assert_eq!(d.outcome, GatewayOutcome::Redirect, "{url}");
            assert_eq!(d.status, Some(302));
            assert_eq!(d.redirect.as_ref().unwrap().location, location, "{imp} {url}");
        }
    }
}

/// G7: URLRewrite (`HTTPURLRewriteFilter`) and RequestHeaderModifier together, checked with
/// conformance/tests/httproute-rewrite-path and httproute-rewrite-host (v1.6.1).
#[test]
fn rewrites_change_the_upstream_path_host_and_headers() {
    let s = sim(&routes(
        r#"
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: rewrite, namespace: infra}
spec:
  parentRefs: [{name: gw}]
  rules:
  - matches: [{path: {type: PathPrefix, value: /prefix/one}}]
    filters: [{type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /one}}}]
    backendRefs: [{name: v1, port: 8080}]
  - matches: [{path: {type: PathPrefix, value: /strip-prefix}}]
    filters: [{type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /}}}]
    backendRefs: [{name: v1, port: 8080}]
  - matches: [{path: {type: PathPrefix, value: /full/one}}]
    filters: [{type: URLRewrite, urlRewrite: {path: {type: ReplaceFullPath, replaceFullPath: /one}}}]
    backendRefs: [{name: v1, port: 8080}]
  - matches: [{path: {type: PathPrefix, value: /full/rewrite-path-and-modify-headers}}]
    filters:
    - {type: URLRewrite, urlRewrite: {path: {type: ReplaceFullPath, replaceFullPath: /test}}}
    - type: RequestHeaderModifier
      requestHeaderModifier:
        set: [{name: X-Header-Set, value: set-overwrites-values}]
        add: [{name: X-Header-Add, value: header-val-1}, {name: X-Header-Add-Append, value: header-val-2}]
        remove: [X-Header-Remove]
    backendRefs: [{name: v1, port: 8080}]
  - matches: [{path: {type: PathPrefix, value: /host}}]
    filters: [{type: URLRewrite, urlRewrite: {hostname: one.example.org}}]
    backendRefs: [{name: v1, port: 8080}]
"#,
    ));
    let cases = [
        ("http://a/prefix/one/two", "/one/two"),
        ("http://a/strip-prefix/three", "/three"),
        ("http://a/strip-prefix", "/"),
        ("http://a/full/one/two", "/one"),
        ("http://a/full/one/two?q=1", "/one?q=1"),
        ("http://a/full/rewrite-path-and-modify-headers/test", "/test"),
    ];
    for imp in Implementation::ALL {
        for (url, upstream) in cases {
            assert_eq!(route(&s, &request(url), imp).upstream_path.as_deref(), Some(upstream), "{imp} {url}");
        }
    }
    let r = request_with(
        "http://a/full/rewrite-path-and-modify-headers/x",
        "GET",
        &[("X-Header-Set", "old"), ("X-Header-Add-Append", "orig"), ("X-Header-Remove", "gone")],
    );
    let d = route(&s, &r, Implementation::Spec);
    let headers: Vec<(&str, &str)> = d.upstream_headers.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
    assert_eq!(
        headers,
        vec![
            ("Host", "a"),
            ("X-Header-Set", "set-overwrites-values"),
            ("X-Header-Add-Append", "orig,header-val-2"),
            ("X-Header-Add", "header-val-1"),
        ]
    );
    let host = route(&s, &request("http://a:80/host/x"), Implementation::Spec);
    assert_eq!(
        (host.upstream_host.as_deref(), host.upstream_path.as_deref()),
        (Some("one.example.org"), Some("/host/x"))
    );
}

/// G7: weights and invalid references (`HTTPRouteRule.BackendRefs`: all invalid → 500; partly
/// invalid → that share gets 500), ReferenceGrant for another namespace (`referencegrant_types.go`).
#[test]
fn splits_invalid_backends_and_reference_grants() {
    let s = sim(&routes(
        r#"
---
apiVersion: v1
kind: Service
metadata: {name: v1, namespace: infra}
spec: {ports: [{port: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: v2, namespace: infra}
spec: {ports: [{port: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: web, namespace: other}
spec: {ports: [{port: 8080}]}
---
apiVersion: v1
kind: Service
metadata: {name: granted, namespace: third}
spec: {ports: [{port: 8080}]}
---
apiVersion: gateway.networking.k8s.io/v1beta1
kind: ReferenceGrant
metadata: {name: allow, namespace: third}
spec:
  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: infra}]
  to: [{group: "", kind: Service}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: infra}
spec:
  parentRefs: [{name: gw}]
  rules:
  - matches: [{path: {value: /split}}]
    backendRefs: [{name: v1, port: 8080, weight: 90}, {name: v2, port: 8080, weight: 10}]
  - matches: [{path: {value: /partly}}]
    backendRefs: [{name: missing, port: 8080}, {name: v2, port: 8080}]
  - matches: [{path: {value: /missing}}]
    backendRefs: [{name: missing, port: 8080}]
  - matches: [{path: {value: /kind}}]
    backendRefs: [{group: example.com, kind: Thing, name: v1}]
  - matches: [{path: {value: /cross}}]
    backendRefs: [{name: web, namespace: other, port: 8080}]
  - matches: [{path: {value: /granted}}]
    backendRefs: [{name: granted, namespace: third, port: 8080}]
  - matches: [{path: {value: /none}}]
"#,
    ));
    for imp in Implementation::ALL {
        let split = route(&s, &request("http://a/split"), imp);
        assert_eq!(split.backend_label(), "infra/v1:8080");
        let shares: Vec<(String, f64, u16)> =
            split.split.iter().map(|s| (s.backend.to_string(), s.share, s.status)).collect();
        assert_eq!(shares, vec![("infra/v1:8080".into(), 0.9, 200), ("infra/v2:8080".into(), 0.1, 200)]);
        let partly = route(&s, &request("http://a/partly"), imp);
        assert_eq!((partly.status, partly.backend_label().as_str()), (Some(200), "infra/v2:8080"));
        assert_eq!(partly.split.iter().map(|s| s.status).collect::<Vec<_>>(), vec![500, 200]);
        for path in ["/missing", "/kind", "/cross", "/none"] {
            let d = route(&s, &request(&format!("http://a{path}")), imp);
            assert_eq!((d.outcome, d.status), (GatewayOutcome::BackendError, Some(500)), "{path}");
        }
        assert_eq!(route(&s, &request("http://a/granted"), imp).backend_label(), "third/granted:8080");
    }
    let status = s.gateway_diagnostics(Implementation::Spec);
    let reasons: Vec<&str> = ["BackendNotFound", "InvalidKind", "RefNotPermitted"]
        .into_iter()
        .filter(|r| status.iter().any(|d| d.message.contains(r)))
        .collect();
    assert_eq!(reasons, vec!["BackendNotFound", "InvalidKind", "RefNotPermitted"], "{status:#?}");
}

/// The implementations differ where the spec leaves a choice (gateway/implementation.rs's
/// table): regex rank, method against headers, hostname fall-through, conflicting rules.
#[test]
fn implementations_differ_where_the_spec_is_silent() {
    let s = sim(&routes(
        r#"
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: infra, creationTimestamp: "2024-01-01T00:00:00Z"}
spec:
  parentRefs: [{name: gw}]
  hostnames: [app.example.com]
  rules:
  - matches: [{path: {type: PathPrefix, value: /api}}]
    backendRefs: [{name: prefix, port: 80}]
  - matches: [{path: {type: RegularExpression, value: "/api/v[0-9]+/.*"}}]
    backendRefs: [{name: regex, port: 80}]
  - matches: [{path: {value: /m}, method: GET}]
    backendRefs: [{name: method, port: 80}]
  - matches: [{path: {value: /m}, headers: [{name: x-a, value: "1"}]}]
    backendRefs: [{name: header, port: 80}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: wild, namespace: infra, creationTimestamp: "2024-01-02T00:00:00Z"}
spec:
  parentRefs: [{name: gw}]
  hostnames: ["*.example.com"]
  rules:
  - matches: [{path: {value: /other}}]
    backendRefs: [{name: wildcard, port: 80}]
  - matches: [{path: {value: /api}}]
    backendRefs: [{name: wildcard-api, port: 80}]
"#,
    ));
    let get = |imp, url: &str, headers: &[(&str, &str)]| route(&s, &request_with(url, "GET", headers), imp);
    // Regex rank: the spec reading puts RegularExpression after every PathPrefix; Envoy Gateway
    // and Contour put it before.
    let regex = "http://app.example.com/api/v1/users";
    assert_eq!(get(Implementation::Spec, regex, &[]).backend_label(), "infra/prefix:80");
    assert_eq!(get(Implementation::EnvoyGateway, regex, &[]).backend_label(), "infra/regex:80");
    assert_eq!(get(Implementation::Contour, regex, &[]).backend_label(), "infra/regex:80");
    let spec = get(Implementation::Spec, regex, &[]);
    let loser = spec.explanation.iter().find(|e| e.rule == Some(1)).unwrap();
    assert_eq!(loser.reason.as_str(), "precedence-regex");
    // Method against a header: the spec (and Contour) rank a method first; Envoy Gateway counts
    // the method as one header match, a tie that the rule order breaks.
    let both = "http://app.example.com/m";
    assert_eq!(get(Implementation::Spec, both, &[("X-A", "1")]).backend_label(), "infra/method:80");
    assert_eq!(get(Implementation::Contour, both, &[("X-A", "1")]).backend_label(), "infra/method:80");
    assert_eq!(get(Implementation::EnvoyGateway, both, &[("X-A", "1")]).backend_label(), "infra/method:80");
    // Fall-through: app.example.com has its own rules; /other only the wildcard route matches.
    let other = "http://app.example.com/other";
    assert_eq!(get(Implementation::Spec, other, &[]).backend_label(), "infra/wildcard:80");
    for imp in [Implementation::EnvoyGateway, Implementation::Contour] {
        let d = get(imp, other, &[]);
        assert_eq!(d.status, Some(404), "{imp}: one virtual host per hostname");
        let wildcard =
            d.explanation.iter().find(|e| e.route.as_deref() == Some("infra/wild") && e.rule == Some(0)).unwrap();
        assert_eq!(wildcard.reason.as_str(), "precedence-hostname");
    }
    // Every implementation: the exact hostname's rule outranks the wildcard's.
    for imp in Implementation::ALL {
        let d = get(imp, "http://app.example.com/api/x", &[]);
        assert_eq!(d.route.as_deref(), Some("infra/r"), "{imp}");
        let wild =
            d.explanation.iter().find(|e| e.route.as_deref() == Some("infra/wild") && e.rule == Some(1)).unwrap();
        assert_eq!(wild.reason.as_str(), "precedence-hostname", "{imp}");
        assert_eq!(get(imp, "http://b.example.com/api/x", &[]).backend_label(), "infra/wildcard-api:80");
    }
}

/// G6 ties: the older route wins; Contour drops a rule repeating an older route's conditions
/// (`hasConflictRoute`) and ranks the rule index before age.
#[test]
fn ties_go_to_the_older_route() {
    let s = sim(&routes(
        r#"
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: young, namespace: infra, creationTimestamp: "2024-05-01T00:00:00Z"}
spec:
  parentRefs: [{name: gw}]
  rules:
  - matches: [{path: {value: /same}}]
    backendRefs: [{name: young, port: 80}]
  - matches: [{path: {value: /h}, headers: [{name: b, value: "1"}]}]
    backendRefs: [{name: young-h, port: 80}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: old, namespace: infra, creationTimestamp: "2024-01-01T00:00:00Z"}
spec:
  parentRefs: [{name: gw}]
  rules:
  - matches: [{path: {value: /x}}]
    backendRefs: [{name: old-x, port: 80}]
  - matches: [{path: {value: /same}}]
    backendRefs: [{name: old, port: 80}]
  - matches: [{path: {value: /h}, headers: [{name: a, value: "1"}]}]
    backendRefs: [{name: old-h, port: 80}]
"#,
    ));
    for imp in Implementation::ALL {
        let d = route(&s, &request("http://a/same"), imp);
        assert_eq!(d.backend_label(), "infra/old:80", "{imp}");
        let young =
            d.explanation.iter().find(|e| e.route.as_deref() == Some("infra/young") && e.rule == Some(0)).unwrap();
        let expected = if imp == Implementation::Contour { "not-programmed" } else { "precedence-age" };
        assert_eq!(young.reason.as_str(), expected, "{imp}");
    }
    let h = request_with("http://a/h", "GET", &[("a", "1"), ("b", "1")]);
    assert_eq!(route(&s, &h, Implementation::Spec).backend_label(), "infra/old-h:80");
    assert_eq!(route(&s, &h, Implementation::EnvoyGateway).backend_label(), "infra/old-h:80");
    assert_eq!(route(&s, &h, Implementation::Contour).backend_label(), "infra/young-h:80");
    assert!(s.gateway_diagnostics(Implementation::Contour).iter().any(|d| d.message.contains("PartiallyInvalid")));
}

/// G3: allowedRoutes (namespaces Same by default, Selector over Namespace labels; kinds),
/// sectionName and port (`shared_types.go` `ParentReference`).
#[test]
fn attachment_follows_allowed_routes_section_name_and_port() {
    let s = sim(r#"
apiVersion: v1
kind: Namespace
metadata: {name: team, labels: {shared: "yes"}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: infra}
spec:
  gatewayClassName: any
  listeners:
  - {name: same, port: 80, protocol: HTTP, hostname: same.example.com}
  - name: selected
    port: 80
    protocol: HTTP
    hostname: selected.example.com
    allowedRoutes: {namespaces: {from: Selector, selector: {matchLabels: {shared: "yes"}}}}
  - name: all
    port: 8080
    protocol: HTTP
    allowedRoutes: {namespaces: {from: All}, kinds: [{kind: GRPCRoute}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: from-team, namespace: team}
spec:
  parentRefs: [{name: gw, namespace: infra}]
  rules: [{backendRefs: [{name: team, port: 80}]}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: wrong-section, namespace: infra}
spec:
  parentRefs: [{name: gw, sectionName: nope}]
  rules: [{backendRefs: [{name: x, port: 80}]}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: on-8080, namespace: infra}
spec:
  parentRefs: [{name: gw, port: 8080}]
  rules: [{backendRefs: [{name: x, port: 80}]}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: home, namespace: infra}
spec:
  parentRefs: [{name: gw, sectionName: same}]
  rules: [{backendRefs: [{name: home, port: 80}]}]
"#);
    for imp in Implementation::ALL {
        assert_eq!(route(&s, &request("http://selected.example.com/"), imp).backend_label(), "team/team:80");
        assert_eq!(route(&s, &request("http://same.example.com/"), imp).backend_label(), "infra/home:80");
        let d = route(&s, &request("http://other.example.com/"), imp);
        assert_eq!((d.outcome, d.status), (GatewayOutcome::NoListener, Some(404)));
        let d = route(&s, &request("http://a:8080/"), imp);
        assert_eq!(d.status, Some(404), "on-8080 is not allowed (kinds: GRPCRoute)");
        let skipped: Vec<_> = d.explanation.iter().filter(|e| e.reason.as_str() == "not-attached").collect();
        let ids: Vec<_> = skipped.iter().map(|e| e.route.clone().unwrap()).collect();
        assert_eq!(ids, vec!["infra/on-8080", "infra/wrong-section"], "{:#?}", d.explanation);
    }
    let status = s.gateway_diagnostics(Implementation::Spec);
    let reasons: Vec<_> =
        status.iter().map(|d| d.message.split("reason ").nth(1).unwrap().split(':').next().unwrap()).collect();
    assert_eq!(reasons, vec!["NoMatchingParent", "NotAllowedByListeners"], "{status:#?}");
}

/// GRPCRoute (`grpcroute_types.go` `GRPCMethodMatch`: a gRPC request is POST
/// /package.Service/Method with content-type application/grpc) and TLSRoute (SNI → backend on a
/// TLS passthrough listener), as conformance/tests/grpcroute-exact-method-matching and
/// tlsroute-simple-same-namespace (v1.6.1).
#[test]
fn grpc_routes_match_service_and_method_and_tls_routes_match_the_sni() {
    let s = sim(r#"
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: infra}
spec:
  gatewayClassName: any
  listeners:
  - {name: http, port: 80, protocol: HTTP}
  - {name: tls, port: 443, protocol: TLS, hostname: "*.example.com", tls: {mode: Passthrough}}
---
apiVersion: gateway.networking.k8s.io/v1
kind: GRPCRoute
metadata: {name: exact-matching, namespace: infra}
spec:
  parentRefs: [{name: gw}]
  rules:
  - matches: [{method: {service: gateway_api_conformance.echo_basic.grpcecho.GrpcEcho, method: Echo}}]
    backendRefs: [{name: grpc-infra-backend-v1, port: 8080}]
  - matches: [{method: {service: gateway_api_conformance.echo_basic.grpcecho.GrpcEcho, method: EchoTwo}}]
    backendRefs: [{name: grpc-infra-backend-v2, port: 8080}]
---
apiVersion: gateway.networking.k8s.io/v1alpha2
kind: TLSRoute
metadata: {name: tls, namespace: infra}
spec:
  parentRefs: [{name: gw}]
  hostnames: [abc.example.com]
  rules: [{backendRefs: [{name: tcp-backend, port: 8443}]}]
"#);
    let grpc = |method: &str| {
        request_with(
            &format!("http://grpc.example.com/gateway_api_conformance.echo_basic.grpcecho.GrpcEcho/{method}"),
            "POST",
            &[("content-type", "application/grpc")],
        )
    };
    for imp in Implementation::ALL {
        assert_eq!(route(&s, &grpc("Echo"), imp).backend_label(), "infra/grpc-infra-backend-v1:8080");
        assert_eq!(route(&s, &grpc("EchoTwo"), imp).backend_label(), "infra/grpc-infra-backend-v2:8080");
        let unknown = route(&s, &grpc("EchoThree"), imp);
        assert_eq!(unknown.status, Some(404));
        let plain = route(
            &s,
            &request("http://grpc.example.com/gateway_api_conformance.echo_basic.grpcecho.GrpcEcho/Echo"),
            imp,
        );
        assert_eq!(plain.status, Some(404), "not gRPC without the content type");
        let on_http = plain.explanation.iter().filter(|e| e.rule.is_some() && e.listener.as_deref() == Some("http"));
        assert!(
            on_http.clone().count() == 2 && on_http.clone().all(|e| e.reason.as_str() == "grpc"),
            "{:#?}",
            plain.explanation
        );
        let tls = route(&s, &request("https://abc.example.com/"), imp);
        assert_eq!((tls.route.as_deref(), tls.backend_label().as_str()), (Some("infra/tls"), "infra/tcp-backend:8443"));
        assert_eq!(tls.upstream_path, None, "TLS passes through: the Gateway sees no HTTP");
        let other = route(&s, &request("https://other.example.com/"), imp);
        assert_eq!(other.route, None);
        let none = route(&s, &request("https://abc.example.net/"), imp);
        assert_eq!((none.outcome, none.status), (GatewayOutcome::NoListener, None), "no listener serves the SNI");
    }
}

/// CORS (`httproute_types.go` `HTTPCORSFilter`), as conformance/tests/httproute-cors (v1.6.1):
/// the Gateway answers a preflight itself and echoes an allowed origin.
#[test]
fn cors_preflights_are_answered_by_the_gateway() {
    let s = sim(&routes(
        r#"
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: cors, namespace: infra}
spec:
  parentRefs: [{name: gw}]
  rules:
  - matches: [{path: {value: /cors-1}}]
    filters:
    - type: CORS
      cors:
        allowOrigins: ["https://www.foo.com", "https://*.bar.com"]
        allowMethods: [GET, OPTIONS]
        allowHeaders: [x-header-1]
    backendRefs: [{name: v1, port: 8080}]
"#,
    ));
    let preflight = |origin: &str| {
        request_with("http://a/cors-1", "OPTIONS", &[("Origin", origin), ("Access-Control-Request-Method", "GET")])
    };
    for imp in Implementation::ALL {
        let allowed = route(&s, &preflight("https://xpto.www.bar.com"), imp);
        assert_eq!((allowed.outcome, allowed.status), (GatewayOutcome::CorsPreflight, Some(204)));
        assert!(allowed
            .response_headers
            .contains(&("Access-Control-Allow-Origin".to_string(), "https://xpto.www.bar.com".to_string())));
        let denied = route(&s, &preflight("https://foobar.com"), imp);
        assert_eq!(denied.status, Some(204));
        assert!(denied.response_headers.is_empty());
        let simple = route(&s, &request_with("http://a/cors-1", "GET", &[("Origin", "https://www.foo.com")]), imp);
        assert_eq!((simple.status, simple.backend_label().as_str()), (Some(200), "infra/v1:8080"));
        assert_eq!(
            simple.response_headers,
            vec![("Access-Control-Allow-Origin".to_string(), "https://www.foo.com".to_string())]
        );
    }
}

/// G1 and the API's errors: which Gateway, and the class an implementation serves.
#[test]
fn gateway_choice_and_served_classes() {
    let s = sim(r#"
apiVersion: gateway.networking.k8s.io/v1
kind: GatewayClass
metadata: {name: eg}
spec: {controllerName: gateway.envoyproxy.io/gatewayclass-controller}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: one, namespace: a}
spec: {gatewayClassName: eg, listeners: [{name: http, port: 80, protocol: HTTP}]}
---
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: two, namespace: b}
spec: {gatewayClassName: eg, listeners: [{name: http, port: 80, protocol: HTTP}]}
"#);
    assert_eq!(s.gateways(), vec!["a/one", "b/two"]);
    assert!(s.has_gateway_api() && s.asks_gateway(None));
    let r = request("http://x/");
    let several = s.route_gateway(&r, None, Implementation::Spec, Explain::No).unwrap_err();
    assert!(several.to_string().contains("a/one, b/two"), "{several}");
    assert_eq!(s.route_gateway(&r, Some("two"), Implementation::Spec, Explain::No).unwrap().gateway, "b/two");
    let missing = s.route_gateway(&r, Some("c/three"), Implementation::Spec, Explain::No).unwrap_err();
    assert!(missing.to_string().contains("\"c/three\""), "{missing}");
    assert!(s.gateway_diagnostics(Implementation::EnvoyGateway).is_empty());
    let contour = s.gateway_diagnostics(Implementation::Contour);
    assert_eq!(contour.len(), 2, "{contour:#?}");
    assert!(contour[0].message.contains("would not program"));
    assert_eq!(Implementation::parse("envoy-gateway"), Some(Implementation::EnvoyGateway));
    let json =
        serde_json::to_value(s.route_gateway(&r, Some("a/one"), Implementation::EnvoyGateway, Explain::Yes).unwrap())
            .unwrap();
    assert_eq!(json["profile"], "envoy-gateway");
    assert_eq!(json["outcome"], "no-match");
    assert_eq!(json["status"], 404);
    assert_eq!(json["match"], serde_json::Value::Null);
}

/// `grpcroute_types.go` `GRPCRouteSpec.Hostnames`: an HTTPRoute and a GRPCRoute sharing a
/// hostname on one listener: only the older is accepted.
#[test]
fn an_http_route_and_a_grpc_route_sharing_a_hostname_keep_the_older() {
    let s = sim(&routes(
        r#"
---
apiVersion: gateway.networking.k8s.io/v1
kind: GRPCRoute
metadata: {name: grpc, namespace: infra, creationTimestamp: "2024-01-01T00:00:00Z"}
spec:
  parentRefs: [{name: gw}]
  hostnames: [api.example.com]
  rules: [{backendRefs: [{name: grpc, port: 50051}]}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: http, namespace: infra, creationTimestamp: "2024-02-01T00:00:00Z"}
spec:
  parentRefs: [{name: gw}]
  hostnames: ["*.example.com"]
  rules: [{backendRefs: [{name: web, port: 80}]}]
"#,
    ));
    for imp in Implementation::ALL {
        let web = route(&s, &request("http://www.example.com/"), imp);
        assert_eq!(web.status, Some(404), "{imp}: the newer HTTPRoute is not accepted");
        let grpc = request_with("http://api.example.com/pkg.Svc/Call", "POST", &[("content-type", "application/grpc")]);
        assert_eq!(route(&s, &grpc, imp).backend_label(), "infra/grpc:50051");
        let http = web.explanation.iter().find(|e| e.route.as_deref() == Some("infra/http")).unwrap();
        assert_eq!(http.reason.as_str(), "not-programmed");
    }
}

/// The walk of a decision (`gateway_steps`): request, attachment, listener, the listeners that
/// did not take it, each candidate with the rule that decided it, the answer.
#[test]
fn a_decision_walks_listener_candidates_and_answer() {
    let s = sim(r#"
apiVersion: gateway.networking.k8s.io/v1
kind: Gateway
metadata: {name: gw, namespace: infra}
spec:
  gatewayClassName: any
  listeners:
  - {name: http, port: 80, protocol: HTTP}
  - {name: admin, port: 8080, protocol: HTTP}
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: app, namespace: infra}
spec:
  parentRefs: [{name: gw, sectionName: http}]
  rules:
  - matches: [{path: {value: /api}}, {path: {type: Exact, value: /api/v1}}]
    backendRefs: [{name: api, port: 80}]
  - matches: [{path: {value: /static}}]
    backendRefs: [{name: static, port: 80}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: admin, namespace: infra}
spec:
  parentRefs: [{name: gw, sectionName: admin}]
  rules: [{backendRefs: [{name: admin, port: 80}]}]
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: elsewhere, namespace: team}
spec:
  parentRefs: [{name: gw, namespace: infra}]
  rules: [{backendRefs: [{name: x, port: 80}]}]
"#);
    let d = route(&s, &request("http://example.com/api/v1"), Implementation::Spec);
    let walk: Vec<(String, String, String)> = ingress_engine::gateway::gateway_steps(&d)
        .into_iter()
        .map(|s| (s.stage.as_str().to_string(), s.rule, s.verdict.as_str().to_string()))
        .collect();
    let expected = [
        ("request", "G2", "info"),
        ("class", "G3", "ignored"),
        ("host", "G2", "won"),
        ("host", "G2", "ignored"),
        ("path", "G6", "lost"),
        ("path", "G5", "lost"),
        ("winner", "G7", "won"),
    ];
    let expected: Vec<(String, String, String)> =
        expected.iter().map(|(a, b, c)| (a.to_string(), b.to_string(), c.to_string())).collect();
    assert_eq!(walk, expected, "{:#?}", ingress_engine::gateway::gateway_steps(&d));
    if std::env::var_os("SHOW_STEPS").is_some() {
        for s in ingress_engine::gateway::gateway_steps(&d) {
            eprintln!("[{} {} {}] {}: {}", s.stage.as_str(), s.rule, s.verdict.as_str(), s.title, s.text);
        }
    }
}

/// Two parentRefs reaching the same listener attach the route once: its matches are candidates
/// (and judged) once.
#[test]
fn a_route_named_twice_by_its_parent_refs_attaches_once() {
    let s = sim(&routes(
        r#"
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: twice, namespace: infra}
spec:
  parentRefs: [{name: gw}, {name: gw, sectionName: http}]
  rules: [{matches: [{path: {value: /a}}, {path: {value: /b}}], backendRefs: [{name: v1, port: 80}]}]
"#,
    ));
    let d = route(&s, &request("http://x/b"), Implementation::Spec);
    assert_eq!((d.rule, d.match_index), (Some(0), Some(1)));
    assert_eq!(d.explanation.iter().filter(|e| e.rule.is_some()).count(), 2, "{:#?}", d.explanation);
}

/// Envoy Gateway and Contour route the path Envoy normalises (`normalize_path`,
/// `merge_slashes`); the spec reading matches it as sent.
#[cfg(feature = "controllers")]
#[test]
fn envoy_based_implementations_route_the_normalised_path() {
    let s = sim(&routes(
        r#"
---
apiVersion: gateway.networking.k8s.io/v1
kind: HTTPRoute
metadata: {name: r, namespace: infra}
spec:
  parentRefs: [{name: gw}]
  rules:
  - matches: [{path: {type: Exact, value: /admin}}]
    filters: [{type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: /internal}}}]
    backendRefs: [{name: admin, port: 80}]
  - backendRefs: [{name: public, port: 80}]
"#,
    ));
    for url in ["http://x/public/../admin", "http://x//admin"] {
        assert_eq!(route(&s, &request(url), Implementation::Spec).backend_label(), "infra/public:80", "{url}");
        for imp in [Implementation::EnvoyGateway, Implementation::Contour] {
            let d = route(&s, &request(url), imp);
            assert_eq!(d.backend_label(), "infra/admin:80", "{imp} {url}");
            assert_eq!(d.upstream_path.as_deref(), Some("/internal"), "{imp} {url}");
            assert!(d.explanation.iter().any(|e| e.message.contains("normalize_path")), "{imp} {url}");
        }
    }
}
