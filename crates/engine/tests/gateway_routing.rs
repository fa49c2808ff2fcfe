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

/// `(route, rule, match)` of the winner, `backend` label.
fn winner(d: &GatewayDecision) -> (String, Option<usize>, Option<usize>, String) {
    (d.route.clone().unwrap_or_default(), d.rule, d.match_index, d.backend_label())
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
