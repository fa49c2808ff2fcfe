//! `ingress-sim migrate` and `ingress-sim diff`: both output shapes, the exit codes (1 when a
//! request changes: a CI gate), `--emit` (written, routable with `route --gateway`, never over an
//! input file), positions in two input files, and the usage errors.

mod support;

use support::{ingress_sim, Sandbox};

/// A wildcard host for ingress-nginx: one label as an Ingress host, any number as a Gateway API
/// hostname (the `wildcard-widens` quiet change). `host:` is on line 9, the path on line 12.
const WILDCARD: &str = "\
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: wild
  namespace: shop
spec:
  ingressClassName: nginx
  rules:
  - host: \"*.example.com\"
    http:
      paths:
      - path: /
        pathType: Prefix
        backend:
          service:
            name: web
            port:
              number: 80
";

/// The Service behind it (a file of its own, read first).
const SERVICE: &str = "\
apiVersion: v1
kind: Service
metadata: {name: web, namespace: shop}
spec:
  ports:
  - {name: http, port: 80}
";

/// An ImplementationSpecific path: a string prefix under Traefik, element-wise under `spec`.
const STATIC: &str = "\
apiVersion: networking.k8s.io/v1
kind: Ingress
metadata:
  name: static
  namespace: default
spec:
  rules:
  - host: shop.example.com
    http:
      paths:
      - path: /static
        pathType: ImplementationSpecific
        backend:
          service:
            name: assets
            port:
              number: 80
";

/// The Service behind it (Traefik builds no router for a Service missing from an input that has
/// Services).
const ASSETS: &str = "\
apiVersion: v1
kind: Service
metadata: {name: assets, namespace: default}
spec:
  ports:
  - {name: http, port: 80}
";

/// The name the diff reads the converted YAML back under (`migrate::EMITTED_SOURCE`).
const EMITTED_SOURCE: &str = "gateway-api.yaml";

fn wildcard_inputs(sandbox: &Sandbox) -> (String, String) {
    (sandbox.file("service.yaml", SERVICE), sandbox.file("wild.yaml", WILDCARD))
}

#[test]
fn json_lists_every_changed_request_before_and_after_with_positions_in_both_files() {
    let sandbox = Sandbox::new();
    let (service, wild) = wildcard_inputs(&sandbox);
    let run = ingress_sim(&["migrate", "-f", &service, "-f", &wild, "--json"]);
    run.expect_code(1);
    let json = run.json();
    let keys: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["from", "to", "gateways", "notices", "requests", "changed"], "{json}");
    assert_eq!((json["from"].as_str(), json["to"].as_str()), (Some("ingress-nginx"), Some("envoy-gateway")));
    assert_eq!(json["gateways"], serde_json::json!(["shop/nginx"]));
    let changed = json["changed"].as_array().unwrap();
    assert!(!changed.is_empty() && changed.len() <= json["requests"].as_u64().unwrap() as usize, "{json}");
    // Two labels before the wildcard's domain: 404 before, the backend after.
    let widened = changed
        .iter()
        .find(|c| c["request"]["host"] == "a.b.example.com" && c["request"]["scheme"] == "http")
        .unwrap_or_else(|| panic!("a.b.example.com over http is not among the changes: {json}"));
    assert!(widened["probes"].as_str().is_some_and(|p| !p.is_empty()), "{widened}");
    let (before, after) = (&widened["before"], &widened["after"]);
    assert_eq!((before["outcome"].as_str(), before["status"].as_u64()), (Some("no-match"), Some(404)), "{before}");
    assert_eq!(before["profile"], "ingress-nginx");
    assert_eq!((after["outcome"].as_str(), after["status"].as_u64()), (Some("rule"), Some(200)), "{after}");
    assert_eq!(after["gateway"], "shop/nginx");
    assert_eq!(after["profile"], "envoy-gateway");
    assert_eq!(after["backend"]["service"]["name"], "web");
    // "After" positions point into the converted YAML, read back under its own name; "before"
    // positions and the notices into the input file they are in, counting its own lines.
    let winner = after["explanation"].as_array().unwrap().iter().find(|e| e["verdict"] == "winner").unwrap();
    assert_eq!(winner["span"]["file"], EMITTED_SOURCE, "{winner}");
    let widens = json["notices"].as_array().unwrap().iter().find(|n| n["code"] == "wildcard-widens");
    let widens = widens.unwrap_or_else(|| panic!("no wildcard-widens notice: {}", json["notices"]));
    assert_eq!(widens["object"], "Ingress shop/wild");
    assert_eq!((widens["span"]["file"].as_str(), widens["span"]["start"]["line"].as_u64()), (Some(&*wild), Some(9)));
    assert_eq!(widens["hosts"], serde_json::json!(["*.example.com"]));
    let kept = changed.iter().find(|c| c["before"]["outcome"] == "rule").expect("a request the Ingress answered");
    let won = kept["before"]["explanation"].as_array().unwrap().iter().find(|e| e["verdict"] == "won").unwrap();
    assert_eq!((won["span"]["file"].as_str(), won["span"]["start"]["line"].as_u64()), (Some(&*wild), Some(12)));
}

#[test]
fn text_has_a_summary_the_notices_and_each_change_with_its_deciding_lines() {
    let sandbox = Sandbox::new();
    let (service, wild) = wildcard_inputs(&sandbox);
    let run = ingress_sim(&["migrate", "-f", &service, "-f", &wild]);
    run.expect_code(1);
    let first = run.stdout.lines().next().unwrap();
    assert!(
        first.starts_with("Migration from ingress-nginx") && first.contains("envoy-gateway") && first.contains(" of "),
        "{first}"
    );
    assert!(run.stdout.contains("\nGateways: shop/nginx\n"), "{}", run.stdout);
    let notice = run.stdout.lines().find(|l| l.contains("wildcard-widens")).expect("the wildcard-widens notice");
    assert!(
        notice.contains("warning") && notice.contains("Ingress shop/wild") && notice.contains(&format!("{wild}:9:"))
    );
    // The changes counted by outcome, most first: the wildcard's widening is most of them.
    let counts = run.stdout.lines().skip_while(|l| !l.starts_with("Changed requests (")).nth(1).unwrap_or("");
    assert!(counts.trim_start().split_once("  ").is_some_and(|(_, kinds)| kinds == "no-match → rule"), "{counts}");
    let request = run.stdout.lines().position(|l| l.trim_start().starts_with("GET http://a.b.example.com/ "));
    let request = request.unwrap_or_else(|| panic!("no GET http://a.b.example.com/ line:\n{}", run.stdout));
    let lines: Vec<&str> = run.stdout.lines().skip(request + 1).take_while(|l| !l.is_empty()).collect();
    assert!(lines[0].trim_start().starts_with("before  404"), "{lines:?}");
    let after = lines.iter().position(|l| l.trim_start().starts_with("after")).expect("an after line");
    assert!(lines[after].contains("shop/web:80") && lines[after].contains("envoy-gateway"), "{lines:?}");
    assert!(
        lines[after + 1].contains("✓ won") && lines[after + 1].contains(&format!("{EMITTED_SOURCE}:")),
        "the winning match and its place: {lines:?}"
    );
    // How to explain one change in full: the route commands, with the input files as given.
    assert!(run.stdout.contains(&format!("ingress-sim route -f {service} -f {wild} --profile ingress-nginx")));
    assert!(run.stdout.contains("--gateway shop/nginx --profile envoy-gateway"), "{}", run.stdout);
}

#[test]
fn emit_writes_yaml_that_routes_through_the_named_gateway_beside_the_input() {
    let sandbox = Sandbox::new();
    let (service, wild) = wildcard_inputs(&sandbox);
    // An existing file is replaced, not appended to.
    let out = sandbox.file("gateway-api-out.yaml", "# stale\n".repeat(2000));
    let run = ingress_sim(&["migrate", "-f", &service, "-f", &wild, "--emit", &out]);
    run.expect_code(1);
    assert!(run.stdout.contains(&format!("Wrote the Gateway API resources to {out}\n")), "{}", run.stdout);
    // The "after" places name the emitted file (the diff read it back under that name).
    let won = run.stdout.lines().find(|l| l.contains("✓ won") && l.contains("HTTPRoute")).unwrap();
    assert!(won.contains(&format!("{out}:")), "{won}");
    assert!(run.stdout.contains(&format!("ingress-sim route -f {out} -f {service} -f {wild} --gateway shop/nginx")));
    let yaml = std::fs::read_to_string(&out).unwrap();
    assert!(!yaml.contains("# stale") && yaml.contains("kind: Gateway") && yaml.contains("kind: HTTPRoute"), "{yaml}");
    // The emitted file routes: two labels now reach the backend, and the places name the file.
    let route = ingress_sim(&[
        "route",
        "-f",
        &out,
        "-f",
        &service,
        "-f",
        &wild,
        "--gateway",
        "shop/nginx",
        "--url",
        "http://a.b.example.com/x",
        "--profile",
        "envoy-gateway",
        "--json",
    ]);
    route.expect_code(0);
    let decision = route.json();
    assert_eq!((decision["status"].as_u64(), decision["gateway"].as_str()), (Some(200), Some("shop/nginx")));
    assert_eq!(decision["backend"]["service"]["name"], "web");
    assert_eq!(decision["span"]["file"], out.as_str());
    // The same as text: the headline and the place in the emitted file.
    let text =
        ingress_sim(&["route", "-f", &out, "-f", &wild, "--gateway", "shop/nginx", "--url", "http://a.b.example.com/"]);
    text.expect_code(0);
    assert!(text.stdout.starts_with("→ shop/web:80 (rule)"), "{}", text.stdout);
    assert!(text.stdout.contains(&format!("Defined at {out}:")), "{}", text.stdout);
    // With --json, standard output is the object alone; where the YAML went is on stderr.
    let json = ingress_sim(&["migrate", "-f", &service, "-f", &wild, "--emit", &out, "--json"]);
    json.expect_code(1);
    let json_value = json.json();
    assert_eq!(json_value["gateways"], serde_json::json!(["shop/nginx"]));
    let after = &json_value["changed"][0]["after"];
    let winner = after["explanation"].as_array().unwrap().iter().find(|e| e["verdict"] == "winner");
    assert_eq!(winner.map(|w| w["span"]["file"].clone()), Some(serde_json::json!(out)), "{after}");
    assert!(json.stderr.contains(&format!("wrote the Gateway API resources to {out}")), "{}", json.stderr);
    assert_eq!(std::fs::read_to_string(&out).unwrap(), yaml, "the same input, the same YAML");
}

#[test]
fn emit_never_overwrites_an_input_file() {
    let sandbox = Sandbox::new();
    let (service, wild) = wildcard_inputs(&sandbox);
    let same_file_another_way = format!("{}/./wild.yaml", std::path::Path::new(&wild).parent().unwrap().display());
    for target in [wild.as_str(), same_file_another_way.as_str()] {
        let run = ingress_sim(&["migrate", "-f", &service, "-f", &wild, "--emit", target]);
        run.expect_code(2);
        assert!(run.stderr.contains("--emit") && run.stderr.contains("is an input file"), "{}", run.stderr);
        assert!(run.stdout.is_empty());
    }
    assert_eq!(std::fs::read_to_string(&wild).unwrap(), WILDCARD, "the input is untouched");
    let stdin = ingress_sim(&["migrate", "-f", &wild, "--emit", "-"]);
    stdin.expect_code(2);
    assert!(stdin.stderr.contains("--emit: give a file name"), "{}", stdin.stderr);
    // A directory that does not exist: a clear message, exit 2.
    let missing = sandbox.path("no-such-dir/out.yaml");
    let run = ingress_sim(&["migrate", "-f", &wild, "--emit", &missing]);
    run.expect_code(2);
    assert!(run.stderr.contains(&format!("--emit: cannot write {missing}")), "{}", run.stderr);
}

#[test]
fn changes_past_the_explained_ones_say_how_to_explain_them() {
    let sandbox = Sandbox::new();
    // More paths than the engine explains, on a host without TLS: each changes over https (no
    // HTTPS listener is written).
    const MAX_EXPLAINED: usize = ingress_engine::migrate::MAX_EXPLAINED;
    let paths: String = (0..MAX_EXPLAINED + 10)
        .map(|i| format!("      - {{path: /p{i}, pathType: Prefix, backend: {{service: {{name: web, port: {{number: 80}}}}}}}}\n"))
        .collect();
    let many = format!(
        "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {{name: many, namespace: shop}}\nspec:\n  ingressClassName: nginx\n  rules:\n  - host: shop.example.com\n    http:\n      paths:\n{paths}"
    );
    let input = sandbox.file("many.yaml", many);
    let run = ingress_sim(&["migrate", "-f", &input]);
    run.expect_code(1);
    let note = format!("(explained for the first {MAX_EXPLAINED} changes only: `ingress-sim route` explains this one)");
    let unexplained = run.stdout.matches(&note).count();
    let changed: usize =
        run.stdout.lines().next().unwrap().split(": ").nth(1).unwrap().split(' ').next().unwrap().parse().unwrap();
    assert!(
        changed > MAX_EXPLAINED && unexplained == changed - MAX_EXPLAINED,
        "{changed} changed, {unexplained} unexplained:\n{}",
        run.stdout
    );
}

#[test]
fn nothing_to_convert_changes_nothing_and_exits_0() {
    let sandbox = Sandbox::new();
    let service = sandbox.file("service.yaml", SERVICE);
    let run = ingress_sim(&["migrate", "-f", &service, "--json"]);
    run.expect_code(0);
    let json = run.json();
    assert_eq!((json["requests"].as_u64(), json["changed"].as_array().map(Vec::len)), (Some(0), Some(0)), "{json}");
    let text = ingress_sim(&["migrate", "-f", &service]);
    text.expect_code(0);
    assert!(text.stdout.lines().next().unwrap().ends_with("none of 0 generated requests changes its answer."));
}

#[test]
fn profile_names_of_the_wrong_kind_and_unknown_names_exit_2_listing_the_known_ones() {
    let sandbox = Sandbox::new();
    let wild = sandbox.file("wild.yaml", WILDCARD);
    let from = ingress_sim(&["migrate", "-f", &wild, "--from", "envoy-gateway"]);
    from.expect_code(2);
    assert!(
        from.stderr.contains("--from: envoy-gateway is a Gateway API implementation")
            && from.stderr.contains("ingress-nginx, ingress-nginx@1.14.2"),
        "{}",
        from.stderr
    );
    let to = ingress_sim(&["migrate", "-f", &wild, "--to", "traefik"]);
    to.expect_code(2);
    assert!(
        to.stderr.contains("--to: traefik is an Ingress profile") && to.stderr.contains("spec, envoy-gateway, contour"),
        "{}",
        to.stderr
    );
    let unknown = ingress_sim(&["migrate", "-f", &wild, "--to", "istio"]);
    unknown.expect_code(2);
    assert!(unknown.stderr.contains("'istio'") && unknown.stderr.contains("envoy-gateway"), "{}", unknown.stderr);
    let diff = ingress_sim(&["diff", "-f", &wild, "--from", "traefik", "--to", "contour@9"]);
    diff.expect_code(2);
    let missing = ingress_sim(&["diff", "-f", &wild, "--from", "traefik"]);
    missing.expect_code(2);
    assert!(missing.stderr.contains("--to <PROFILE>"), "{}", missing.stderr);
    let gateway = ingress_sim(&["diff", "-f", &wild, "--from", "ingress-nginx", "--to", "envoy-gateway"]);
    gateway.expect_code(2);
    assert!(gateway.stderr.contains("--to: envoy-gateway is a Gateway API implementation"), "{}", gateway.stderr);
    let unreadable = ingress_sim(&["migrate", "-f", &sandbox.path("missing.yaml")]);
    unreadable.expect_code(2);
    assert!(unreadable.stderr.contains("no such file"), "{}", unreadable.stderr);
}

#[test]
fn diff_lists_what_moving_between_two_profiles_changes() {
    let sandbox = Sandbox::new();
    let service = sandbox.file("assets.yaml", ASSETS);
    let input = sandbox.file("static.yaml", STATIC);
    let run = ingress_sim(&["diff", "-f", &service, "-f", &input, "--from", "spec", "--to", "traefik", "--json"]);
    run.expect_code(1);
    let json = run.json();
    let keys: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
    assert_eq!(keys, ["from", "to", "requests", "changed"], "{json}");
    assert_eq!((json["from"].as_str(), json["to"].as_str()), (Some("spec"), Some("traefik")));
    let changed = json["changed"].as_array().unwrap();
    // Traefik's PathPrefix is a string prefix: one character longer still reaches the backend.
    let longer = changed.iter().find(|c| c["request"]["path"] == "/staticx");
    let longer = longer.unwrap_or_else(|| panic!("/staticx is not among the changes: {json}"));
    assert_eq!(
        (longer["before"]["outcome"].as_str(), longer["before"]["profile"].as_str()),
        (Some("no-match"), Some("spec"))
    );
    assert_eq!(
        (longer["after"]["outcome"].as_str(), longer["after"]["profile"].as_str()),
        (Some("rule"), Some("traefik"))
    );
    let won = longer["after"]["explanation"].as_array().unwrap().iter().find(|e| e["verdict"] == "won").unwrap();
    assert_eq!((won["span"]["file"].as_str(), won["span"]["start"]["line"].as_u64()), (Some(&*input), Some(11)));
    // Text: the summary, then the change with both answers.
    let text = ingress_sim(&["diff", "-f", &input, "--from", "spec", "--to", "traefik"]);
    text.expect_code(1);
    assert!(text.stdout.starts_with("Diff from spec to traefik"), "{}", text.stdout);
    let line = text.stdout.lines().position(|l| l.trim_start().starts_with("GET http://shop.example.com/staticx "));
    let line = line.unwrap_or_else(|| panic!("{}", text.stdout));
    let next: Vec<&str> = text.stdout.lines().skip(line + 1).collect();
    assert!(next[0].trim_start().starts_with("before  404  spec"), "{next:?}");
    assert!(next.iter().any(|l| l.trim_start().starts_with("after   assets:80  traefik")), "{next:?}");
    // The hint compares the first change under both profiles, and that command works.
    let hint = text.stdout.lines().find(|l| l.trim_start().starts_with("ingress-sim compare -f ")).unwrap();
    let args: Vec<&str> = hint.split_whitespace().skip(1).collect();
    assert!(args.contains(&"spec,traefik"), "{hint}");
    let compared = ingress_sim(&args);
    compared.expect_code(1);
    assert!(compared.stdout.contains("The profiles disagree"), "{}", compared.stdout);
    // The same profile twice: nothing changes, exit 0.
    let same = ingress_sim(&["diff", "-f", &input, "--from", "traefik", "--to", "traefik@3.7"]);
    same.expect_code(0);
    assert!(same.stdout.contains(": none of "), "{}", same.stdout);
}

#[test]
fn help_names_both_commands_and_their_exit_codes() {
    let overview = ingress_sim(&["--help"]);
    assert!(overview.stdout.contains("migrate") && overview.stdout.contains("diff"), "{}", overview.stdout);
    let migrate = ingress_sim(&["migrate", "--help"]);
    for expected in
        ["--from <PROFILE>", "--to <IMPLEMENTATION>", "--emit <OUT.yaml>", "1  at least one request changes"]
    {
        assert!(migrate.stdout.contains(expected), "{expected}: {}", migrate.stdout);
    }
    let diff = ingress_sim(&["diff", "--help"]);
    assert!(
        diff.stdout.contains("{from, to, requests, changed: [{request, probes, explained, before, after}]}"),
        "{}",
        diff.stdout
    );
}
