//! `ingress-sim compare`: every profile's answer side by side; exit 0 when they agree, 1 when not.

mod support;

use support::{ingress_sim, Sandbox};

/// One host whose paths the profiles read differently (see the file's comments).
const MIXED: &str = include_str!("../../../tests/fixtures/shop.yaml");

/// Every profile, in the order `compare` lists them by default (older releases after their latest).
const EVERY_PROFILE: [&str; 10] = [
    "spec",
    "ingress-nginx",
    "ingress-nginx@1.14.2",
    "gce",
    "aws-alb",
    "traefik",
    "traefik@3.6",
    "traefik@3.6.10",
    "traefik-ingress-nginx",
    "contour",
];

#[test]
fn an_exact_path_is_routed_alike_by_every_profile() {
    let sandbox = Sandbox::new();
    let manifest = sandbox.file("shop.yaml", MIXED);
    let run = ingress_sim(&["compare", "-f", &manifest, "--url", "http://shop.example.com/cart", "--json"]);
    let comparison = run.expect_code(0).json();
    assert_eq!(comparison["agree"], true, "{comparison:#}");
    let decisions = comparison["decisions"].as_array().unwrap();
    let profiles: Vec<&str> = decisions.iter().map(|d| d["profile"].as_str().unwrap()).collect();
    assert_eq!(profiles, EVERY_PROFILE);
    let versions: Vec<&str> = decisions.iter().map(|d| d["profileVersion"].as_str().unwrap()).collect();
    assert_eq!(
        versions,
        ["networking.k8s.io/v1", "1.15", "1.14.2", "1.41", "3.5", "3.7", "3.6", "3.6.10", "3.7", "1.33"]
    );
    for d in decisions {
        assert_eq!(d["outcome"], "rule", "{d:#}");
        assert_eq!(d["backend"]["service"]["name"], "cart", "{d:#}");
        assert_eq!(d["span"]["file"].as_str().unwrap(), manifest, "positions carry their file");
    }
    assert_eq!(comparison["groups"].as_array().unwrap().len(), 1);
}

#[test]
fn a_character_prefix_separates_traefik_from_the_spec() {
    let sandbox = Sandbox::new();
    let manifest = sandbox.file("shop.yaml", MIXED);
    let run = ingress_sim(&[
        "compare",
        "-f",
        &manifest,
        "--url",
        "http://shop.example.com/staticfiles/app.js",
        "--profiles",
        "spec,traefik",
        "--json",
    ]);
    let comparison = run.expect_code(1).json();
    assert_eq!(comparison["agree"], false);
    let differences: Vec<&str> =
        comparison["differences"].as_array().unwrap().iter().map(|d| d.as_str().unwrap()).collect();
    assert!(differences.starts_with(&["outcome", "backend"]), "{differences:?}");
    let decisions = comparison["decisions"].as_array().unwrap();
    assert_eq!(decisions[0]["outcome"], "no-match", "spec: /static is element-wise");
    assert_eq!(decisions[1]["outcome"], "rule", "traefik: PathPrefix is a character prefix");
    assert_eq!(decisions[1]["backend"]["service"]["name"], "assets");
}

#[test]
fn text_names_the_differences_and_each_profile() {
    let sandbox = Sandbox::new();
    let manifest = sandbox.file("shop.yaml", MIXED);
    let run = ingress_sim(&["compare", "-f", &manifest, "--host", "shop.example.com", "--path", "/staticfiles"]);
    let text = &run.expect_code(1).stdout;
    assert!(text.contains("The profiles disagree on: outcome, backend"), "{text}");
    for profile in EVERY_PROFILE {
        assert!(text.lines().any(|l| l.trim_start().starts_with(profile)), "{profile} missing:\n{text}");
    }
}

#[test]
fn an_unknown_profile_is_a_usage_error() {
    let sandbox = Sandbox::new();
    let manifest = sandbox.file("shop.yaml", MIXED);
    let run = ingress_sim(&["compare", "-f", &manifest, "--url", "http://a/", "--profiles", "spec,envoy"]);
    let stderr = &run.expect_code(2).stderr;
    assert!(stderr.contains("unknown profile") && stderr.contains("aws-alb"), "{stderr}");
}

/// A wildcard host on `/` and an exact host on `/api` (see the file's comments).
const TENANTS: &str = include_str!("../../../tests/fixtures/tenants.yaml");

/// `traefik@3.6` is compared with `traefik`: the wildcard rule of 3.6 outranks `a.foo.com` on
/// `/api`, the 3.7 one does not.
#[test]
fn an_older_release_compares_with_the_latest() {
    let sandbox = Sandbox::new();
    let url = "http://a.foo.com/api/orders";
    let manifest = sandbox.file("m.yaml", TENANTS);
    let run = ingress_sim(&["compare", "-f", &manifest, "--url", url, "--profiles", "traefik,traefik@3.6", "--json"]);
    let comparison = run.expect_code(1).json();
    let decisions = comparison["decisions"].as_array().unwrap();
    let answer = |i: usize| decisions[i]["backend"]["service"]["name"].as_str().unwrap();
    assert_eq!((answer(0), answer(1)), ("api", "tenant-site"), "{comparison:#}");
    assert_eq!(decisions[1]["profile"], "traefik@3.6");
    assert_eq!(decisions[1]["profileVersion"], "3.6");
    let run = ingress_sim(&["compare", "-f", &manifest, "--url", url, "--profiles", "traefik@3.7,ingress-nginx@1.14"]);
    let stderr = &run.expect_code(2).stderr;
    assert!(stderr.contains("1.14.0–1.14.2 is ingress-nginx@1.14.2"), "{stderr}");
}

/// Migrating from ingress-nginx to Traefik's ingress-nginx provider: Prefix `/docs/` is
/// `location /docs/` for nginx, which answers `/docs` with a 301 to `/docs/`; the provider's
/// router `(Path("/docs") || PathPrefix("/docs/"))` sends `/docs` to the Service.
#[test]
fn traefiks_ingress_nginx_provider_differs_from_ingress_nginx() {
    let sandbox = Sandbox::new();
    let manifest = sandbox.file("shop.yaml", MIXED);
    let url = "http://shop.example.com/docs";
    let run = ingress_sim(&[
        "compare",
        "-f",
        &manifest,
        "--url",
        url,
        "--profiles",
        "ingress-nginx,traefik-ingress-nginx",
        "--json",
    ]);
    let comparison = run.expect_code(1).json();
    let decisions = comparison["decisions"].as_array().unwrap();
    assert_eq!((decisions[0]["outcome"].as_str(), decisions[0]["status"].as_u64()), (Some("redirect"), Some(301)));
    assert_eq!(decisions[1]["profile"], "traefik-ingress-nginx");
    assert_eq!(decisions[1]["profileVersion"], "3.7");
    assert_eq!(decisions[1]["backend"]["service"]["name"], "docs", "{comparison:#}");
    assert_eq!(decisions[1]["matchedAs"], r#"Host("shop.example.com") && (Path("/docs") || PathPrefix("/docs/"))"#);
}
