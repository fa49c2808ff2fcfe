//! Validation of Gateway API objects as the API server does it with the v1.6.1 CRDs: the cases
//! of kubernetes-sigs/gateway-api v1.6.1 `tests/cel/*_test.go` (each names its test function and
//! case; the expected strings are upstream's `wantErrors`, matched as substrings of the errors as
//! upstream does), then schema checks read from `config/crd/standard/*.yaml`, the message shape,
//! the places, and the per-object rejection.
#![cfg(feature = "gateway")]

use ingress_engine::model::Manifest;
use ingress_engine::{Diagnostic, DocumentCache, ErrorType, Validation};

/// Reads and validates an input (as `Simulator::new_incremental` does).
fn read(yaml: &str) -> (Manifest, Validation) {
    DocumentCache::default().read_all(yaml)
}

fn errors(yaml: &str) -> Vec<Diagnostic> {
    let (manifest, validation) = read(yaml);
    let mut all: Vec<Diagnostic> = manifest.diagnostics.iter().filter(|d| d.is_error()).cloned().collect();
    all.extend(validation.diagnostics.into_iter().filter(|d| d.is_error()));
    all
}

/// Upstream's check (`validateHTTPRoute` and friends): an error iff `want` is non-empty, and every
/// wanted string is in some error message.
#[track_caller]
fn expect(case: &str, yaml: &str, want: &[&str]) {
    let got = errors(yaml);
    let messages: Vec<&str> = got.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(want.is_empty(), got.is_empty(), "{case}: want {want:?}, got {messages:#?}\n{yaml}");
    for w in want {
        assert!(messages.iter().any(|m| m.contains(w)), "{case}: want {w:?}, got {messages:#?}\n{yaml}");
    }
}

/// An HTTPRoute in `default` with the given rules (flow or block YAML, indented under `rules:`).
fn route(rules: &str) -> String {
    format!("apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {{name: foo, namespace: default}}\nspec:\n  rules:\n{rules}")
}

/// The rule of TestHTTPPathMatch: one match with `path`, one backend `test:8080`.
fn with_path(path: &str) -> String {
    route(&format!("  - matches: [{{path: {path}}}]\n    backendRefs: [{{name: test, port: 8080}}]\n"))
}

const PATH_CHARS: &str = "must only contain valid characters (matching ^(?:[-A-Za-z0-9/._~!$&'()*+,;=:@]|[%][0-9a-fA-F]{2})+$) for types ['Exact', 'PathPrefix']";

#[test]
fn upstream_http_path_match() {
    // tests/cel/httproute_test.go TestHTTPPathMatch.
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "invalid because path does not start with '/'",
            "{type: PathPrefix, value: foo}",
            &["value must be an absolute path and start with '/' when type one of ['Exact', 'PathPrefix']"],
        ),
        (
            "invalid httpRoute prefix (/.)",
            "{type: PathPrefix, value: /.}",
            &["must not end with '/.' when type one of ['Exact', 'PathPrefix']"],
        ),
        (
            "invalid exact (/./)",
            "{type: Exact, value: /foo/./bar}",
            &["must not contain '/./' when type one of ['Exact', 'PathPrefix']"],
        ),
        (
            "invalid type",
            "{type: FooBar, value: /path}",
            &["supported values: \"Exact\", \"PathPrefix\", \"RegularExpression\""],
        ),
        (
            "valid because type is RegularExpression but would not be valid for Exact",
            "{type: RegularExpression, value: /foo/./bar}",
            &[],
        ),
        ("valid httpRoute prefix", "{type: PathPrefix, value: /path}", &[]),
        ("valid path with some special characters", "{type: Exact, value: \"/abc/123'/a-b-c/d@gmail/%0A\"}", &[]),
        ("invalid prefix path (/[])", "{type: PathPrefix, value: \"/[]\"}", &[PATH_CHARS]),
        ("invalid exact path (/^)", "{type: Exact, value: /^}", &[PATH_CHARS]),
    ];
    for (case, path, want) in cases {
        expect(case, &with_path(path), want);
    }
}

#[test]
fn path_value_rules_each_have_their_message() {
    // The nine rules above HTTPPathMatch in apis/v1/httproute_types.go (lines 530–540).
    let cases: &[(&str, &str)] = &[
        ("/a//b", "must not contain '//'"),
        ("/a/../b", "must not contain '/../'"),
        ("/a%2fb", "must not contain '%2f'"),
        ("/a%2Fb", "must not contain '%2F'"),
        ("/a#b", "must not contain '#'"),
        ("/a/..", "must not end with '/..'"),
    ];
    for (value, want) in cases {
        expect(value, &with_path(&format!("{{type: Exact, value: \"{value}\"}}")), &[want]);
    }
    // Defaults apply before the rules: a path with no type is a PathPrefix.
    expect("default type", &with_path("{value: relative}"), &["value must be an absolute path"]);
}

#[test]
fn upstream_backend_object_reference() {
    // tests/cel/httproute_test.go TestBackendObjectReference.
    let backend = |b: &str| route(&format!("  - backendRefs: [{b}]\n"));
    expect("default groupkind with port", &backend("{name: backend, port: 8080}"), &[]);
    expect("default groupkind with no port", &backend("{name: backend}"), &["Must have port for Service reference"]);
    expect("explicit service with port", &backend("{group: \"\", kind: Service, name: backend, port: 8080}"), &[]);
    expect(
        "explicit service with no port",
        &backend("{group: \"\", kind: Service, name: backend}"),
        &["Must have port for Service reference"],
    );
    expect(
        "explicit ref with no port",
        &backend("{group: multicluster.x-k8s.io, kind: ServiceImport, name: backend}"),
        &[],
    );
}

#[test]
fn upstream_http_route_filter() {
    // tests/cel/httproute_test.go TestHTTPRouteFilter.
    let filter = |f: &str| route(&format!("  - filters: [{f}]\n"));
    let mirror = "requestMirror: {backendRef: {name: backend, port: 8080}}";
    let cases: &[(&str, String, &[&str])] = &[
        ("valid HTTPRouteFilterRequestHeaderModifier route filter", "{type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: name, value: foo}], add: [{name: add, value: foo}], remove: [remove]}}".to_string(), &[]),
        ("invalid HTTPRouteFilterRequestHeaderModifier type filter with non-matching field", format!("{{type: RequestHeaderModifier, {mirror}}}"), &["filter.requestHeaderModifier must be specified for RequestHeaderModifier filter.type", "filter.requestMirror must be nil if the filter.type is not RequestMirror"]),
        ("invalid HTTPRouteFilterRequestHeaderModifier type filter with empty value field", "{type: RequestHeaderModifier}".into(), &["filter.requestHeaderModifier must be specified for RequestHeaderModifier filter.type"]),
        ("valid HTTPRouteFilterRequestMirror route filter", format!("{{type: RequestMirror, {mirror}}}"), &[]),
        ("invalid HTTPRouteFilterRequestMirror type filter with non-matching field", "{type: RequestMirror, requestHeaderModifier: {set: [{name: name, value: foo}]}}".into(), &["filter.requestHeaderModifier must be nil if the filter.type is not RequestHeaderModifier", "filter.requestMirror must be specified for RequestMirror filter.type"]),
        ("invalid HTTPRouteFilterRequestMirror type filter with empty value field", "{type: RequestMirror}".into(), &["filter.requestMirror must be specified for RequestMirror filter.type"]),
        ("valid HTTPRouteFilterRequestRedirect route filter", "{type: RequestRedirect, requestRedirect: {scheme: http, hostname: hostname, path: {type: ReplaceFullPath, replaceFullPath: path}, port: 8080, statusCode: 302}}".into(), &[]),
        ("invalid HTTPRouteFilterRequestRedirect type filter with non-matching field", format!("{{type: RequestRedirect, {mirror}}}"), &["filter.requestMirror must be nil if the filter.type is not RequestMirror", "filter.requestRedirect must be specified for RequestRedirect filter.type"]),
        ("invalid HTTPRouteFilterRequestRedirect type filter with empty value field", "{type: RequestRedirect}".into(), &["filter.requestRedirect must be specified for RequestRedirect filter.type"]),
        ("valid HTTPRouteFilterExtensionRef filter", "{type: ExtensionRef, extensionRef: {group: group, kind: kind, name: name}}".into(), &[]),
        ("invalid HTTPRouteFilterExtensionRef type filter with non-matching field", format!("{{type: ExtensionRef, {mirror}}}"), &["filter.requestMirror must be nil if the filter.type is not RequestMirror", "filter.extensionRef must be specified for ExtensionRef filter.type"]),
        ("invalid HTTPRouteFilterExtensionRef type filter with empty value field", "{type: ExtensionRef}".into(), &["filter.extensionRef must be specified for ExtensionRef filter.type"]),
        ("valid HTTPRouteFilterURLRewrite route filter", "{type: URLRewrite, urlRewrite: {hostname: hostname, path: {type: ReplaceFullPath, replaceFullPath: path}}}".into(), &[]),
        ("invalid HTTPCORSFilter type filter with non-matching field", format!("{{type: CORS, {mirror}}}"), &["filter.cors must be specified for CORS filter.type", "filter.requestMirror must be nil if the filter.type is not RequestMirror"]),
        ("invalid HTTPCORSFilter type filter with empty value field", "{type: CORS}".into(), &["filter.cors must be specified for CORS filter.type"]),
        ("valid HTTPCORSFilter test", "{type: CORS, cors: {allowOrigins: [\"https://xpto.com\"], allowCredentials: true, allowMethods: [GET], allowHeaders: [X-Header], exposeHeaders: [X-Exposed], maxAge: 10}}".into(), &[]),
        ("invalid HTTPRouteFilterURLRewrite type filter with non-matching field", format!("{{type: URLRewrite, {mirror}}}"), &["filter.requestMirror must be nil if the filter.type is not RequestMirror", "filter.urlRewrite must be specified for URLRewrite filter.type"]),
        ("invalid HTTPRouteFilterURLRewrite type filter with empty value field", "{type: URLRewrite}".into(), &["filter.urlRewrite must be specified for URLRewrite filter.type"]),
    ];
    for (case, f, want) in cases {
        expect(case, &filter(f), want);
    }
}

#[test]
fn upstream_http_route_rule() {
    // tests/cel/httproute_test.go TestHTTPRouteRule.
    let prefix = |value: &str| format!("{{path: {{type: PathPrefix, value: {value}}}}}");
    let backend = "{name: backend, port: 8080}";
    let redirect_prefix =
        "{type: RequestRedirect, requestRedirect: {path: {type: ReplacePrefixMatch, replacePrefixMatch: foo}}}";
    let rewrite_prefix = "{type: URLRewrite, urlRewrite: {path: {type: ReplacePrefixMatch, replacePrefixMatch: foo}}}";
    let rule = |matches: &str, filters: &str, backends: &str| {
        route(&format!("  - matches: [{matches}]\n    filters: [{filters}]\n    backendRefs: [{backends}]\n"))
    };
    let cases: Vec<(&str, String, &[&str])> = vec![
        ("valid httpRoute with no filters", rule(&prefix("/"), "", backend), &[]),
        ("valid httpRoute with 1 filter", rule(&prefix("/"), "{type: RequestMirror, requestMirror: {backendRef: {name: mirror, port: 8081}}}", backend), &[]),
        ("valid httpRoute with duplicate ExtensionRef filters", rule(&prefix("/"), "{type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: special-header, value: foo}]}}, {type: RequestMirror, requestMirror: {backendRef: {name: test, port: 8080}}}, {type: ExtensionRef, extensionRef: {group: \"\", kind: Service, name: test}}, {type: ExtensionRef, extensionRef: {group: \"\", kind: Service, name: test}}, {type: ExtensionRef, extensionRef: {group: \"\", kind: Service, name: test}}", backend), &[]),
        ("valid redirect path modifier", rule(&prefix("/"), redirect_prefix, ""), &[]),
        ("valid rewrite path modifier", rule(&prefix("/bar"), rewrite_prefix, backend), &[]),
        (
            "multiple actions for different request headers",
            route("  - filters: [{type: RequestHeaderModifier, requestHeaderModifier: {add: [{name: x-vegetable, value: carrot}, {name: x-grain, value: rye}], set: [{name: x-fruit, value: watermelon}, {name: x-spice, value: coriander}]}}]\n"),
            &[],
        ),
        (
            "multiple actions for different response headers",
            route("  - filters: [{type: ResponseHeaderModifier, responseHeaderModifier: {add: [{name: x-example, value: blueberry}], set: [{name: x-different, value: turnip}]}}]\n"),
            &[],
        ),
        // Not upstream: an empty header value fails the schema's minLength.
        (
            "empty header values",
            rule(&prefix("/"), "{type: RequestHeaderModifier, requestHeaderModifier: {add: [{name: x-vanilla, value: \"\"}]}}", backend),
            &["spec.rules[0].filters[0].requestHeaderModifier.add[0].value in body should be at least 1 chars long"],
        ),
        ("backendref with request redirect httpRoute filter", rule(&prefix("/"), "{type: RequestRedirect, requestRedirect: {scheme: https, statusCode: 301}}", backend), &["RequestRedirect filter must not be used together with backendRefs"]),
        ("request redirect without backendref in httpRoute filter", rule(&prefix("/"), "{type: RequestRedirect, requestRedirect: {scheme: https, statusCode: 301}}", ""), &[]),
        ("backendref without request redirect filter", rule(&prefix("/"), "{type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: name, value: foo}]}}", backend), &[]),
        ("backendref without any filter", rule(&prefix("/"), "", backend), &[]),
        ("valid use of URLRewrite filter", rule(&prefix("/foo"), rewrite_prefix, ""), &[]),
        ("invalid URLRewrite filter because too many path matches", rule(&format!("{}, {}", prefix("/foo"), prefix("/bar")), rewrite_prefix, ""), &["When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified"]),
        ("invalid URLRewrite filter because wrong path match type", rule("{path: {type: RegularExpression, value: \"/foo\"}}", rewrite_prefix, ""), &["When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified"]),
        ("valid use of RequestRedirect filter", rule(&prefix("/foo"), redirect_prefix, ""), &[]),
        ("invalid RequestRedirect filter because too many path matches", rule(&format!("{}, {}", prefix("/foo"), prefix("/bar")), redirect_prefix, ""), &["When using RequestRedirect filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified"]),
        ("invalid RequestRedirect filter because path match has type RegularExpression", rule("{path: {type: RegularExpression, value: \"/foo\"}}", redirect_prefix, ""), &["When using RequestRedirect filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified"]),
        ("valid use of URLRewrite filter (within backendRefs)", rule(&prefix("/foo"), "", &format!("{{name: backend, port: 8080, filters: [{rewrite_prefix}]}}")), &[]),
        ("invalid URLRewrite filter (within backendRefs) because too many path matches", rule(&format!("{}, {}", prefix("/foo"), prefix("/bar")), "", &format!("{{name: backend, port: 8080, filters: [{rewrite_prefix}]}}")), &["Within backendRefs, When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified"]),
        ("invalid URLRewrite filter (within backendRefs) because path match has type RegularExpression", rule("{path: {type: RegularExpression, value: \"/foo\"}}", "", &format!("{{name: backend, port: 8080, filters: [{rewrite_prefix}]}}")), &["Within backendRefs, When using URLRewrite filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified"]),
        ("valid use of RequestRedirect filter (within backendRefs)", rule(&prefix("/foo"), "", &format!("{{name: backend, port: 8080, filters: [{redirect_prefix}]}}")), &[]),
        ("invalid RequestRedirect filter (within backendRefs) because too many path matches", rule(&format!("{}, {}", prefix("/foo"), prefix("/bar")), "", &format!("{{name: backend, port: 8080, filters: [{redirect_prefix}]}}")), &["Within backendRefs, when using RequestRedirect filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified"]),
        ("invalid RequestRedirect filter (within backendRefs) because path match has type RegularExpression", rule("{path: {type: RegularExpression, value: \"/foo\"}}", "", &format!("{{name: backend, port: 8080, filters: [{redirect_prefix}]}}")), &["Within backendRefs, when using RequestRedirect filter with path.replacePrefixMatch, exactly one PathPrefix match must be specified"]),
        ("rewrite and redirect filters combined (invalid)", rule(&prefix("/foo"), &format!("{rewrite_prefix}, {redirect_prefix}"), ""), &["May specify either httpRouteFilterRequestRedirect or httpRouteFilterRequestRewrite, but not both"]),
        ("invalid because repeated URLRewrite filter", rule(&prefix("/foo"), &format!("{rewrite_prefix}, {rewrite_prefix}"), backend), &["URLRewrite filter cannot be repeated"]),
        ("invalid because repeated RequestHeaderModifier filter among mix of filters", rule(&prefix("/"), "{type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: a, value: b}]}}, {type: RequestMirror, requestMirror: {backendRef: {name: mirror, port: 8081}}}, {type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: c, value: d}]}}", backend), &["RequestHeaderModifier filter cannot be repeated"]),
        ("invalid because multiple filters are repeated", rule(&prefix("/"), "{type: ResponseHeaderModifier, responseHeaderModifier: {set: [{name: a, value: b}]}}, {type: ResponseHeaderModifier, responseHeaderModifier: {set: [{name: c, value: d}]}}, {type: RequestRedirect, requestRedirect: {scheme: https}}, {type: RequestRedirect, requestRedirect: {hostname: example.com}}, {type: CORS, cors: {allowOrigins: [\"*\"]}}, {type: CORS, cors: {allowOrigins: [\"*\"]}}", ""), &["CORS filter cannot be repeated", "ResponseHeaderModifier filter cannot be repeated", "RequestRedirect filter cannot be repeated"]),
    ];
    for (case, yaml, want) in &cases {
        expect(case, yaml, want);
    }
}

#[test]
fn upstream_total_matches_across_rules() {
    // TestHTTPRouteRule "too many matches and rules" (16 rules of 64 matches) and "many matches
    // and few rules" (2 rules of 64 matches).
    let rules = |rules: usize, matches: usize| {
        let one: Vec<String> = (0..matches).map(|i| format!("{{path: {{type: PathPrefix, value: /{i}}}}}")).collect();
        let rule = format!("  - matches: [{}]\n", one.join(", "));
        route(&rule.repeat(rules))
    };
    expect(
        "too many matches and rules",
        &rules(16, 64),
        &["total number of matches across all rules in a route must be less than 128"],
    );
    expect("many matches and few rules", &rules(2, 64), &[]);
    let too_many = errors(&rules(16, 64));
    assert_eq!(too_many.len(), 1, "{too_many:#?}");
    assert_eq!(too_many[0].field.as_deref(), Some("spec.rules"));
    assert!(
        too_many[0].message.starts_with("spec.rules: Invalid value: \"array\": While 16 rules"),
        "{}",
        too_many[0].message
    );
}

#[test]
fn upstream_http_backend_ref_filters() {
    // TestHTTPBackendRef "invalid because repeated URLRewrite and CORS filters within backendRefs".
    let filters = "{type: CORS, cors: {allowOrigins: [\"*\"]}}, {type: CORS, cors: {allowOrigins: [\"*\"]}}, {type: URLRewrite, urlRewrite: {hostname: a.example.com}}, {type: URLRewrite, urlRewrite: {hostname: b.example.com}}";
    let yaml = route(&format!("  - backendRefs: [{{name: backend, port: 8080, filters: [{filters}]}}]\n"));
    expect(
        "repeated within backendRefs",
        &yaml,
        &["CORS filter cannot be repeated", "URLRewrite filter cannot be repeated"],
    );
}

#[test]
fn upstream_http_path_modifier() {
    // tests/cel/httproute_test.go TestHTTPPathModifier (as a URLRewrite's path).
    let rewrite = |path: &str| route(&format!("  - filters: [{{type: URLRewrite, urlRewrite: {{path: {path}}}}}]\n"));
    let cases: &[(&str, &str, &[&str])] = &[
        ("valid ReplaceFullPath", "{type: ReplaceFullPath, replaceFullPath: foo}", &[]),
        (
            "replaceFullPath must be specified",
            "{type: ReplaceFullPath}",
            &["replaceFullPath must be specified when type is set to 'ReplaceFullPath'"],
        ),
        (
            "type must be 'ReplaceFullPath'",
            "{type: ReplacePrefixMatch, replaceFullPath: foo}",
            &["type must be 'ReplaceFullPath' when replaceFullPath is set"],
        ),
        ("valid ReplacePrefixMatch", "{type: ReplacePrefixMatch, replacePrefixMatch: /foo}", &[]),
        (
            "replacePrefixMatch must be specified",
            "{type: ReplacePrefixMatch}",
            &["replacePrefixMatch must be specified when type is set to 'ReplacePrefixMatch'"],
        ),
        (
            "type must be 'ReplacePrefixMatch'",
            "{type: ReplaceFullPath, replacePrefixMatch: /foo}",
            &["type must be 'ReplacePrefixMatch' when replacePrefixMatch is set"],
        ),
    ];
    for (case, path, want) in cases {
        expect(case, &rewrite(path), want);
    }
}

#[test]
fn upstream_http_route_cors() {
    // tests/cel/httproute_test.go TestHTTPRouteCORS.
    let cors = |body: &str| route(&format!("  - filters: [{{type: CORS, cors: {{{body}}}}}]\n"));
    let origin = |o: &str| cors(&format!("allowOrigins: [\"{o}\"]"));
    let pattern = |o: &str, i: usize| {
        format!("Invalid value: \"{o}\": spec.rules[0].filters[0].cors.allowOrigins[{i}] in body should match")
    };
    expect("Valid cors should be accepted", &cors("allowOrigins: [\"https://xpto.com\", \"http://*.abcd.com\"], allowCredentials: true, allowMethods: [GET, OPTIONS], maxAge: 3600"), &[]);
    expect("Using wildcard only is accepted", &origin("*"), &[]);
    expect(
        "Wildcard and other hosts on the same origin list should be denied",
        &cors("allowOrigins: [\"*\", \"https://xpto.com\"]"),
        &["AllowOrigins cannot contain '*' alongside other origins"],
    );
    expect(
        "An origin without the format scheme://host should be denied",
        &cors("allowOrigins: [\"https://xpto.com\", \"xpto.com\"]"),
        &[&pattern("xpto.com", 1)],
    );
    expect("An origin as http://*.com should be accepted", &origin("http://*.com"), &[]);
    for bad in [
        "https://xpto.com:notaport",
        "xpto/https://xpto.com",
        "http://www.example.com:111111",
        "http://www.example.com:",
        "http://www.example.com/cart",
        "spiffe://www.example.com",
        "http://*bar.com",
        "http://bar*.com",
        "http://bar.*.com",
        "http://*bar",
        "http://bar*",
        "http://*.bar.*.dev",
    ] {
        expect(bad, &origin(bad), &[&pattern(bad, 0)]);
    }
    expect(
        "Using an invalid HTTP method should be denied",
        &cors("allowMethods: [GET, BAZINGA]"),
        &["Unsupported value: \"BAZINGA\""],
    );
    expect(
        "Using wildcard and a valid method should be denied",
        &cors("allowMethods: [GET, \"*\"]"),
        &["AllowMethods cannot contain '*' alongside other methods"],
    );
    expect(
        "Using an array of valid methods should be accepted",
        &cors("allowMethods: [GET, HEAD, POST, PUT, DELETE, CONNECT, OPTIONS, TRACE, PATCH]"),
        &[],
    );
}

#[test]
fn upstream_parent_refs() {
    // tests/cel/httproute_standard_test.go TestHTTPRouteParentRefStandard.
    let parents = |refs: &str| {
        format!("apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {{name: foo}}\nspec:\n  parentRefs: [{refs}]\n")
    };
    let cases: &[(&str, &str, &[&str])] = &[
        (
            "invalid because duplicate parent refs without section name",
            "{kind: Gateway, name: example}, {kind: Gateway, name: example}",
            &["sectionName must be unique when parentRefs includes 2 or more references to the same parent"],
        ),
        (
            "invalid because duplicate parent refs with only one section name",
            "{kind: Gateway, name: example}, {kind: Gateway, name: example, sectionName: foo}",
            &["sectionName must be specified when parentRefs includes 2 or more references to the same parent"],
        ),
        (
            "invalid because duplicate parent refs with duplicate section names",
            "{kind: Gateway, name: example, sectionName: foo}, {kind: Gateway, name: example, sectionName: foo}",
            &["sectionName must be unique when parentRefs includes 2 or more references to the same parent"],
        ),
        ("valid single parentRef without sectionName", "{kind: Gateway, name: example}", &[]),
        ("valid single parentRef with sectionName", "{kind: Gateway, name: example, sectionName: foo}", &[]),
        (
            "valid because duplicate parent refs with different section names",
            "{kind: Gateway, name: example, sectionName: foo}, {kind: Gateway, name: example, sectionName: bar}",
            &[],
        ),
        (
            "valid because duplicate parent refs with different names",
            "{kind: Gateway, name: example, sectionName: foo}, {kind: Gateway, name: example2, sectionName: foo}",
            &[],
        ),
        (
            "valid because first parentRef has namespace while second doesn't",
            "{kind: Gateway, name: example, namespace: test}, {kind: Gateway, name: example}",
            &[],
        ),
        (
            "valid because second parentRef has namespace while first doesn't",
            "{kind: Gateway, name: example}, {kind: Gateway, name: example, namespace: test}",
            &[],
        ),
    ];
    for (case, refs, want) in cases {
        expect(case, &parents(refs), want);
    }
}

/// The base Gateway of tests/cel/gateway_test.go TestValidateGateway, with `listeners` replaced.
fn gateway(listeners: &str) -> String {
    format!("apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {{name: foo, namespace: default}}\nspec:\n  gatewayClassName: foo\n  listeners: [{listeners}]\n")
}

#[test]
fn upstream_validate_gateway() {
    // tests/cel/gateway_test.go TestValidateGateway.
    let tls = "tls: {mode: Terminate, certificateRefs: [{name: foo}]}";
    let cases: Vec<(&str, String, &[&str])> = vec![
        ("tls config present with http protocol", gateway(&format!("{{name: http, protocol: HTTP, port: 8080, {tls}}}")), &["tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']"]),
        ("tls config present with tcp protocol", gateway(&format!("{{name: tcp, protocol: TCP, port: 8080, {tls}}}")), &["tls must not be specified for protocols ['HTTP', 'TCP', 'UDP']"]),
        ("tls config not set with https protocol", gateway("{name: https, protocol: HTTPS, port: 8443}"), &[]),
        ("tls config with passthrough mode on https", gateway("{name: https, protocol: HTTPS, port: 8443, tls: {mode: Passthrough}}"), &["tls mode must be Terminate for protocol HTTPS"]),
        ("tls mode not set with tls protocol", gateway("{name: tls, protocol: TLS, port: 8443}"), &["tls mode must be set for protocol TLS"]),
        ("tls mode set with tls protocol", gateway("{name: tls, protocol: TLS, port: 8443, tls: {mode: Passthrough}}"), &[]),
        ("hostname present with tcp protocol", gateway("{name: tcp, protocol: TCP, port: 8080, hostname: foo.bar.com}"), &["hostname must not be specified for protocols ['TCP', 'UDP']"]),
        ("hostname present with udp protocol", gateway("{name: udp, protocol: UDP, port: 8080, hostname: foo.bar.com}"), &["hostname must not be specified for protocols ['TCP', 'UDP']"]),
        ("certificateRefs not set with https protocol and TLS terminate mode", gateway("{name: https, protocol: HTTPS, port: 8443, tls: {mode: Terminate}}"), &["certificateRefs or options must be specified when mode is Terminate"]),
        ("certificateRefs not set with tls protocol and TLS terminate mode", gateway("{name: tls, protocol: TLS, port: 8443, tls: {mode: Terminate}}"), &["certificateRefs or options must be specified when mode is Terminate"]),
        ("certificateRefs set with tls protocol and TLS terminate mode", gateway("{name: tls, protocol: TLS, port: 8443, tls: {mode: Terminate, certificateRefs: [{name: foo}]}}"), &[]),
        ("options set with tls protocol and TLS terminate mode", gateway("{name: tls, protocol: TLS, port: 8443, tls: {mode: Terminate, options: {networking.example.com/tls-version: \"1.2\"}}}"), &[]),
        ("names are not unique within the Gateway", gateway("{name: http, protocol: HTTP, port: 80}, {name: http, protocol: HTTP, port: 8000}, {name: http, protocol: HTTP, port: 8080}"), &["Listener name must be unique within the Gateway"]),
        ("combination of port, protocol, and hostname are not unique for each listener", gateway("{name: foo, protocol: HTTP, port: 80, hostname: foo.com}, {name: bar, protocol: HTTP, port: 80, hostname: foo.com}"), &["Combination of port, protocol and hostname must be unique for each listener"]),
        ("combination of port and protocol are not unique for each listener when hostnames not set", gateway("{name: foo, protocol: HTTP, port: 80}, {name: bar, protocol: HTTP, port: 80}"), &["Combination of port, protocol and hostname must be unique for each listener"]),
        ("port is unique when protocol and hostname are the same", gateway("{name: foo, protocol: HTTP, port: 80, hostname: foo.com}, {name: bar, protocol: HTTP, port: 8080, hostname: foo.com}"), &[]),
        ("hostname is unique when protocol and port are the same", gateway("{name: foo, protocol: HTTP, port: 80, hostname: foo.com}, {name: bar, protocol: HTTP, port: 80, hostname: bar.com}"), &[]),
        ("protocol is unique when port and hostname are the same", gateway(&format!("{{name: foo, protocol: HTTP, port: 80, hostname: foo.com}}, {{name: bar, protocol: HTTPS, port: 80, hostname: foo.com, {tls}}}")), &[]),
    ];
    for (case, yaml, want) in &cases {
        expect(case, yaml, want);
    }
    let addresses = |list: &str| {
        format!("apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {{name: foo}}\nspec:\n  gatewayClassName: foo\n  listeners: [{{name: http, protocol: HTTP, port: 80}}]\n  addresses: [{list}]\n")
    };
    expect("ip address and hostname in addresses are valid", &addresses("{type: IPAddress, value: 1.2.3.4}, {type: IPAddress, value: \"1111:2222:3333:4444::\"}, {type: Hostname, value: foo.bar}"), &[]);
    expect("ip address and hostname in addresses are invalid", &addresses("{type: IPAddress, value: \"1.2.3.4:8080\"}, {type: Hostname, value: \"*foo/bar\"}, {type: Hostname, value: \"12:34:56::\"}"), &["Invalid value: \"1.2.3.4:8080\": spec.addresses[0].value in body must be of type ipv4"]);
    expect("duplicate ip address or hostname", &addresses("{type: IPAddress, value: 1.2.3.4}, {type: IPAddress, value: 1.2.3.4}, {type: Hostname, value: foo.bar}, {type: Hostname, value: foo.bar}"), &["IPAddress values must be unique", "Hostname values must be unique"]);
    expect("optional ip address or hostname values", &addresses("{type: IPAddress}, {type: Hostname}"), &[]);
}

/// A GRPCRoute with the given rules.
fn grpc(rules: &str) -> String {
    format!(
        "apiVersion: gateway.networking.k8s.io/v1\nkind: GRPCRoute\nmetadata: {{name: foo}}\nspec:\n  rules:\n{rules}"
    )
}

#[test]
fn upstream_grpc_route_filter() {
    // tests/cel/grpcroute_test.go TestGRPCRouteFilter.
    let filter = |f: &str| grpc(&format!("  - filters: [{f}]\n"));
    let mirror = "requestMirror: {backendRef: {name: backend, port: 8080}}";
    let cases: Vec<(&str, String, &[&str])> = vec![
        ("valid GRPCRouteFilterRequestHeaderModifier route filter", "{type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: name, value: foo}], add: [{name: add, value: foo}], remove: [remove]}}".into(), &[]),
        ("invalid GRPCRouteFilterRequestHeaderModifier type filter with non-matching field", format!("{{type: RequestHeaderModifier, {mirror}}}"), &["filter.requestHeaderModifier must be specified for RequestHeaderModifier filter.type", "filter.requestMirror must be nil if the filter.type is not RequestMirror"]),
        ("invalid GRPCRouteFilterRequestHeaderModifier type filter with empty value field", "{type: RequestHeaderModifier}".into(), &["filter.requestHeaderModifier must be specified for RequestHeaderModifier filter.type"]),
        ("valid GRPCRouteFilterResponseHeaderModifier route filter", "{type: ResponseHeaderModifier, responseHeaderModifier: {set: [{name: name, value: foo}]}}".into(), &[]),
        ("invalid GRPCRouteFilterResponseHeaderModifier type filter with non-matching field", format!("{{type: ResponseHeaderModifier, {mirror}}}"), &["filter.responseHeaderModifier must be specified for ResponseHeaderModifier filter.type", "filter.requestMirror must be nil if the filter.type is not RequestMirror"]),
        ("invalid GRPCRouteFilterResponseHeaderModifier type filter with empty value field", "{type: ResponseHeaderModifier}".into(), &["filter.responseHeaderModifier must be specified for ResponseHeaderModifier filter.type"]),
        ("valid GRPCRouteFilterRequestMirror route filter", format!("{{type: RequestMirror, {mirror}}}"), &[]),
        ("invalid GRPCRouteFilterRequestMirror type filter with non-matching field", "{type: RequestMirror, requestHeaderModifier: {set: [{name: name, value: foo}]}}".into(), &["filter.requestHeaderModifier must be nil if the filter.type is not RequestHeaderModifier", "filter.requestMirror must be specified for RequestMirror filter.type"]),
        ("invalid GRPCRouteFilterRequestMirror type filter with empty value field", "{type: RequestMirror}".into(), &["filter.requestMirror must be specified for RequestMirror filter.type"]),
        ("valid GRPCRouteFilterExtensionRef filter", "{type: ExtensionRef, extensionRef: {group: group, kind: kind, name: name}}".into(), &[]),
        ("invalid GRPCRouteFilterExtensionRef type filter with non-matching field", format!("{{type: ExtensionRef, {mirror}}}"), &["filter.requestMirror must be nil if the filter.type is not RequestMirror", "filter.extensionRef must be specified for ExtensionRef filter.type"]),
        ("invalid GRPCRouteFilterExtensionRef type filter with empty value field", "{type: ExtensionRef}".into(), &["filter.extensionRef must be specified for ExtensionRef filter.type"]),
    ];
    for (case, f, want) in &cases {
        expect(case, &filter(f), want);
    }
    // TestGRPCRouteRule "invalid because multiple filters are repeated".
    let repeated = grpc("  - filters: [{type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: a, value: b}]}}, {type: RequestHeaderModifier, requestHeaderModifier: {set: [{name: c, value: d}]}}, {type: ResponseHeaderModifier, responseHeaderModifier: {set: [{name: a, value: b}]}}, {type: ResponseHeaderModifier, responseHeaderModifier: {set: [{name: c, value: d}]}}]\n");
    expect(
        "invalid because multiple filters are repeated",
        &repeated,
        &["RequestHeaderModifier filter cannot be repeated", "ResponseHeaderModifier filter cannot be repeated"],
    );
}

#[test]
fn upstream_grpc_method_match() {
    // tests/cel/grpcroute_test.go TestGRPCMethodMatch.
    let method = |m: &str| grpc(&format!("  - matches: [{{method: {m}}}]\n"));
    let service_chars =
        "service must only contain valid characters (matching ^(?i)\\.?[a-z_][a-z_0-9]*(\\.[a-z_][a-z_0-9]*)*$)";
    let method_chars = "method must only contain valid characters (matching ^[A-Za-z_][A-Za-z_0-9]*$)";
    let cases: &[(&str, &str, &[&str])] = &[
        ("valid GRPCRoute with 1 service in GRPCMethodMatch field", "{service: foo.Test.Example}", &[]),
        ("valid GRPCRoute with 1 method in GRPCMethodMatch field", "{method: Login}", &[]),
        (
            "invalid GRPCRoute missing service or method in GRPCMethodMatch field",
            "{type: Exact}",
            &["One or both of 'service' or 'method"],
        ),
        (
            "GRPCRoute uses regex in service and method with undefined match type",
            "{service: \".*\", method: \".*\"}",
            &[service_chars, method_chars],
        ),
        (
            "GRPCRoute uses regex in service and method with match type Exact",
            "{type: Exact, service: \".*\", method: \".*\"}",
            &[service_chars, method_chars],
        ),
        ("GRPCRoute uses regex in method with undefined match type", "{method: \".*\"}", &[method_chars]),
        ("GRPCRoute uses regex in service with match type Exact", "{type: Exact, service: \".*\"}", &[service_chars]),
        (
            "GRPCRoute uses regex in service and method with match type RegularExpression",
            "{type: RegularExpression, service: \".*\", method: \".*\"}",
            &[],
        ),
        (
            "GRPCRoute uses valid service and method with undefined match type",
            "{service: foo.Test.Example, method: Login}",
            &[],
        ),
        (
            "GRPCRoute uses valid service and method with match type Exact",
            "{type: Exact, service: foo.Test.Example, method: Login}",
            &[],
        ),
        (
            "GRPCRoute uses a valid service with a leading dot when match type is Exact",
            "{type: Exact, service: .foo.Test.Example}",
            &[],
        ),
    ];
    for (case, m, want) in cases {
        expect(case, &method(m), want);
    }
}

// ---------------------------------------------------------------------------------------------
// Schema checks (config/crd/standard/*.yaml), the message shape and places.

#[test]
fn schema_failures_have_the_api_servers_words_fields_and_places() {
    let yaml = "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: shop, namespace: web}\nspec:\n  hostnames: [Foo.example.com]\n  rules:\n  - matches:\n    - path: {type: Prefix, value: /}\n      method: get\n    filters:\n    - type: RequestRedirect\n      requestRedirect: {statusCode: 200, port: 0}\n";
    let got = errors(yaml);
    type Shape<'d> = (Option<&'d str>, Option<ErrorType>, &'d str, u32, u32);
    let shape: Vec<Shape> = got
        .iter()
        .map(|d| {
            let span = d.span.unwrap();
            (d.field.as_deref(), d.error_type, d.message.as_str(), span.start.line, span.start.column)
        })
        .collect();
    assert_eq!(
        shape,
        [
            (Some("spec.hostnames[0]"), Some(ErrorType::Invalid), "spec.hostnames[0]: Invalid value: \"Foo.example.com\": spec.hostnames[0] in body should match '^(\\*\\.)?[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$'", 5, 15),
            (Some("spec.rules[0].matches[0].path.type"), Some(ErrorType::NotSupported), "spec.rules[0].matches[0].path.type: Unsupported value: \"Prefix\": supported values: \"Exact\", \"PathPrefix\", \"RegularExpression\"", 8, 20),
            (Some("spec.rules[0].matches[0].method"), Some(ErrorType::NotSupported), "spec.rules[0].matches[0].method: Unsupported value: \"get\": supported values: \"GET\", \"HEAD\", \"POST\", \"PUT\", \"DELETE\", \"CONNECT\", \"OPTIONS\", \"TRACE\", \"PATCH\"", 9, 15),
            (Some("spec.rules[0].filters[0].requestRedirect.port"), Some(ErrorType::Invalid), "spec.rules[0].filters[0].requestRedirect.port: Invalid value: 0: spec.rules[0].filters[0].requestRedirect.port in body should be greater than or equal to 1", 12, 48),
            (Some("spec.rules[0].filters[0].requestRedirect.statusCode"), Some(ErrorType::NotSupported), "spec.rules[0].filters[0].requestRedirect.statusCode: Unsupported value: 200: supported values: \"301\", \"302\", \"303\", \"307\", \"308\"", 12, 37),
            // Unsupported values block the CEL rules (apiextensions-apiserver hasBlockingErr).
            (None, Some(ErrorType::Invalid), "<nil>: Invalid value: \"null\": some validation rules were not checked because the object was invalid; correct the existing errors to complete validation", 1, 1),
        ],
        "{got:#?}"
    );
    assert!(got.iter().all(|d| d.object.as_deref() == Some("HTTPRoute web/shop")));
}

#[test]
fn a_cel_failure_is_placed_on_the_object_the_rule_sits_on() {
    let yaml = route("  - filters:\n    - type: RequestRedirect\n      requestRedirect: {scheme: https}\n    backendRefs:\n    - {name: web, port: 80}\n");
    let got = errors(&yaml);
    assert_eq!(got.len(), 1, "{got:#?}");
    let d = &got[0];
    assert_eq!(
        d.message,
        "spec.rules[0]: Invalid value: \"object\": RequestRedirect filter must not be used together with backendRefs"
    );
    assert_eq!((d.field.as_deref(), d.error_type), (Some("spec.rules[0]"), Some(ErrorType::Invalid)));
    assert_eq!(d.span.unwrap().start.line, 6, "the rule's first line");
}

#[test]
fn limits_on_lists_are_too_many() {
    let hostnames: Vec<String> = (0..17).map(|i| format!("h{i}.example.com")).collect();
    let yaml = format!(
        "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {{name: r}}\nspec:\n  hostnames: [{}]\n",
        hostnames.join(", ")
    );
    let got = errors(&yaml);
    assert_eq!(got[0].message, "spec.hostnames: Too many: 17: must have at most 16 items");
    assert_eq!(got[0].error_type, Some(ErrorType::TooMany));
    let rules = route(&"  - backendRefs: [{name: web, port: 80}]\n".repeat(17));
    assert_eq!(errors(&rules)[0].message, "spec.rules: Too many: 17: must have at most 16 items");
    let matches: Vec<String> = (0..65).map(|i| format!("{{path: {{value: /{i}}}}}")).collect();
    let many = route(&format!("  - matches: [{}]\n", matches.join(", ")));
    assert_eq!(errors(&many)[0].message, "spec.rules[0].matches: Too many: 65: must have at most 64 items");
    let listeners: Vec<String> =
        (0..65).map(|i| format!("{{name: l{i}, port: {}, protocol: HTTP}}", 1000 + i)).collect();
    assert_eq!(
        errors(&gateway(&listeners.join(", ")))[0].message,
        "spec.listeners: Too many: 65: must have at most 64 items"
    );
}

#[test]
fn required_fields_are_placed_on_their_parent() {
    let got = errors("apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {name: g}\nspec:\n  listeners:\n  - {name: http, protocol: HTTP}\n");
    let fields: Vec<_> = got.iter().map(|d| (d.field.clone(), d.span.unwrap().start.line)).collect();
    assert_eq!(fields[0], (Some("spec.gatewayClassName".into()), 5));
    assert_eq!(fields[1], (Some("spec.listeners[0].port".into()), 6));
    assert!(got[0].message.ends_with("Required value"), "{}", got[0].message);
    let no_spec = errors("apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r}\n");
    assert_eq!(no_spec[0].message, "spec: Required value");
}

#[test]
fn header_matches_and_modifiers_are_keyed_by_name() {
    let yaml = route("  - matches:\n    - headers: [{name: x-a, value: \"1\"}, {name: x-a, value: \"2\"}, {name: \"bad header\", value: \"3\"}]\n    filters:\n    - type: RequestHeaderModifier\n      requestHeaderModifier: {remove: [x-b, x-b]}\n");
    let messages: Vec<String> = errors(&yaml).into_iter().map(|d| d.message).collect();
    assert!(
        messages.contains(
            &"spec.rules[0].matches[0].headers[1]: Duplicate value: map[string]interface {}{\"name\":\"x-a\"}"
                .to_string()
        ),
        "{messages:#?}"
    );
    assert!(messages.iter().any(|m| m.starts_with("spec.rules[0].matches[0].headers[2].name: Invalid value: \"bad header\": spec.rules[0].matches[0].headers[2].name in body should match")), "{messages:#?}");
    assert!(
        messages.contains(
            &"spec.rules[0].filters[0].requestHeaderModifier.remove[1]: Duplicate value: \"x-b\"".to_string()
        ),
        "{messages:#?}"
    );
}

#[test]
fn tls_routes_need_hostnames_and_one_rule() {
    let tls = |spec: &str| {
        format!("apiVersion: gateway.networking.k8s.io/v1\nkind: TLSRoute\nmetadata: {{name: t}}\nspec:\n{spec}")
    };
    expect("valid", &tls("  hostnames: [db.example.com]\n  rules: [{backendRefs: [{name: db, port: 5432}]}]\n"), &[]);
    expect(
        "no hostnames",
        &tls("  rules: [{backendRefs: [{name: db, port: 5432}]}]\n"),
        &["spec.hostnames: Required value"],
    );
    expect(
        "an IP",
        &tls("  hostnames: [\"10.0.0.1\"]\n  rules: [{backendRefs: [{name: db, port: 5432}]}]\n"),
        &["Hostnames cannot contain an IP"],
    );
    expect("two rules", &tls("  hostnames: [a.example.com]\n  rules: [{backendRefs: [{name: a, port: 1}]}, {backendRefs: [{name: b, port: 1}]}]\n"), &["spec.rules: Too many: 2: must have at most 1 items"]);
}

#[test]
fn reference_grants_and_classes() {
    expect(
        "grant without to",
        "apiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata: {name: g, namespace: b}\nspec:\n  from: [{group: gateway.networking.k8s.io, kind: HTTPRoute, namespace: a}]\n",
        &["spec.to: Required value"],
    );
    expect(
        "class controller",
        "apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata: {name: c}\nspec:\n  controllerName: no-slash\n",
        &["spec.controllerName: Invalid value: \"no-slash\": spec.controllerName in body should match"],
    );
    expect(
        "a cluster-scoped class's namespace is cleared, not refused",
        "apiVersion: gateway.networking.k8s.io/v1\nkind: GatewayClass\nmetadata: {name: c, namespace: x}\nspec:\n  controllerName: example.com/gw\n",
        &[],
    );
}

#[test]
fn timeouts_follow_the_duration_format_and_order() {
    let timeouts = |t: &str| route(&format!("  - timeouts: {t}\n    backendRefs: [{{name: web, port: 80}}]\n"));
    expect("ok", &timeouts("{request: 10s, backendRequest: 2s}"), &[]);
    expect("zero request means none", &timeouts("{request: 0s, backendRequest: 1h}"), &[]);
    expect(
        "longer backend",
        &timeouts("{request: 1s, backendRequest: 1m}"),
        &["backendRequest timeout cannot be longer than request timeout"],
    );
    expect(
        "not a duration",
        &timeouts("{request: 1.5s}"),
        &["spec.rules[0].timeouts.request in body should match '^([0-9]{1,5}(h|m|s|ms)){1,4}$'"],
    );
}

#[test]
fn refused_objects_are_flagged_per_kind() {
    let input = format!(
        "{}---\n{}---\n{}",
        route("  - backendRefs: [{name: web, port: 80}]\n"),
        route("  - backendRefs: [{name: web}]\n"),
        gateway("{name: http, protocol: HTTP, port: 80}"),
    );
    let (_, validation) = read(&input);
    assert_eq!(validation.gateway_rejected.http_routes, [false, true]);
    assert_eq!(validation.gateway_rejected.gateways, [false]);
    // A decoding error refuses the object too.
    let (_, decoded) = read(&route("  - backendRefs: [{name: web, port: \"80\"}]\n"));
    assert_eq!(decoded.gateway_rejected.http_routes, [true]);
}

#[test]
fn gateway_infrastructure_and_tls_follow_the_schema() {
    let with = |spec: &str| {
        format!("apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {{name: g}}\nspec:\n  gatewayClassName: c\n  listeners: [{{name: http, port: 80, protocol: HTTP}}]\n{spec}")
    };
    expect(
        "valid",
        &with("  infrastructure:\n    labels: {app.example.com/tier: edge}\n    annotations: {note: \"any text\"}\n    parametersRef: {group: example.com, kind: Config, name: c}\n  tls:\n    backend: {clientCertificateRef: {name: client}}\n    frontend:\n      default: {validation: {caCertificateRefs: [{group: \"\", kind: ConfigMap, name: ca}]}}\n      perPort: [{port: 443, tls: {validation: {caCertificateRefs: [{group: \"\", kind: ConfigMap, name: ca}], mode: AllowInsecureFallback}}}]\n"),
        &[],
    );
    // gateway_types.go GatewayInfrastructure: label keys (CEL), label values (LabelValue), at most 8 labels.
    expect(
        "label key and value",
        &with("  infrastructure:\n    labels: {\"-bad key\": \"-bad-value\"}\n"),
        &[
            "spec.infrastructure.labels.-bad key: Invalid value: \"-bad-value\": spec.infrastructure.labels.-bad key in body should match",
        ],
    );
    expect(
        "label key alone (CEL)",
        &with("  infrastructure:\n    labels: {\"-bad\": ok}\n"),
        &["spec.infrastructure.labels: Invalid value: \"object\": Label keys must be in the form of an optional DNS subdomain prefix followed by a required name segment of up to 63 characters."],
    );
    let nine: Vec<String> = (0..9).map(|i| format!("l{i}: v")).collect();
    expect(
        "nine labels",
        &with(&format!("  infrastructure:\n    labels: {{{}}}\n", nine.join(", "))),
        &["spec.infrastructure.labels: Too many: 9: must have at most 8 items"],
    );
    // GatewayTLSConfig / FrontendTLSConfig / FrontendTLSValidation.
    expect(
        "no default",
        &with("  tls:\n    frontend: {perPort: []}\n"),
        &["spec.tls.frontend.default: Required value"],
    );
    expect(
        "no CA",
        &with("  tls:\n    frontend: {default: {validation: {mode: AllowValidOnly}}}\n"),
        &["spec.tls.frontend.default.validation.caCertificateRefs: Required value"],
    );
    expect(
        "same port twice",
        &with("  tls:\n    frontend:\n      default: {}\n      perPort:\n      - {port: 443, tls: {}}\n      - {port: 443, tls: {}}\n"),
        &[
            "spec.tls.frontend.perPort[1]: Duplicate value: map[string]interface {}{\"port\":443}",
            "Port for TLS configuration must be unique within the Gateway",
        ],
    );
}

#[test]
fn an_empty_list_fails_min_items_where_an_absent_one_is_required_or_defaulted() {
    // HTTPRoute `rules` is defaulted when absent, `rules: []` fails minItems 1.
    let empty_rules =
        "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r}\nspec:\n  rules: []\n";
    expect(
        "rules: []",
        empty_rules,
        &["spec.rules: Invalid value: 0: spec.rules in body should have at least 1 items"],
    );
    expect(
        "no rules",
        "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata: {name: r}\nspec: {}\n",
        &[],
    );
    let gateway = |listeners: &str| {
        format!("apiVersion: gateway.networking.k8s.io/v1\nkind: Gateway\nmetadata: {{name: g}}\nspec:\n  gatewayClassName: c\n{listeners}")
    };
    expect(
        "listeners: []",
        &gateway("  listeners: []\n"),
        &["spec.listeners: Invalid value: 0: spec.listeners in body should have at least 1 items"],
    );
    expect("no listeners", &gateway(""), &["spec.listeners: Required value"]);
    let grant = "apiVersion: gateway.networking.k8s.io/v1beta1\nkind: ReferenceGrant\nmetadata: {name: g}\nspec:\n  from: []\n  to: [{group: \"\", kind: Service}]\n";
    expect("from: []", grant, &["spec.from: Invalid value: 0: spec.from in body should have at least 1 items"]);
}

#[test]
fn labels_are_validated_as_object_metadata() {
    // apimachinery ValidateLabels: keys are qualified names, values label values.
    let yaml = "apiVersion: gateway.networking.k8s.io/v1\nkind: HTTPRoute\nmetadata:\n  name: r\n  labels: {app: web, \"bad key!\": x, tier: \"-edge\"}\nspec: {}\n";
    let got = errors(yaml);
    let messages: Vec<&str> = got.iter().map(|d| d.message.as_str()).collect();
    assert_eq!(got.len(), 2, "{messages:#?}");
    assert!(
        messages[0].starts_with(
            "metadata.labels: Invalid value: \"bad key!\": name part must consist of alphanumeric characters"
        ),
        "{messages:#?}"
    );
    assert!(
        messages[1].starts_with("metadata.labels: Invalid value: \"-edge\": a valid label must be an empty string"),
        "{messages:#?}"
    );
    assert_eq!(got[1].span.unwrap().start.column, 43);
}
