//! Incremental equals fresh under the controller profiles: a simulator read through a
//! [`DocumentCache`] that has seen earlier versions of the input (and so reuses ingress-nginx's
//! compiled servers of unchanged hosts, and the static analysis of unchanged hosts) answers every
//! request and lists every diagnostic exactly as a simulator built from scratch.
//!
//! The inputs mix what makes a host's server depend on other Ingresses: several Ingresses per host
//! (age order, duplicates), canaries (their alternatives attach to upstreams of every host), TLS
//! (certificates, ssl-redirect), rewrite and regex mode (nginx refuses a bad regex: the whole
//! configuration fails), server-alias, from-to-www-redirect, app-root, defaultBackends (the
//! catch-all server). Each step edits the input as a person would: one document changed, added,
//! removed, moved, or pushed down by a blank line.

use ingress_engine::{DocumentCache, Explain, Options, Profile, Request, Simulator};
use proptest::prelude::*;

const HOSTS: &[&str] = &["", "a.example.com", "www.a.example.com", "b.example.com", "*.example.com", "c.test"];
const PATHS: &[&str] = &["/", "/a", "/a/", "/ab", "/b/c", "/a(", "/.well-known/x", ""];
const TYPES: &[&str] = &["Exact", "Prefix", "ImplementationSpecific"];
const SERVICES: &[&str] = &["web", "api", "shop"];

/// One annotation an Ingress may carry (nginx.ingress.kubernetes.io/…).
const ANNOTATIONS: &[(&str, &str)] = &[
    ("canary", "\"true\""),
    ("canary-weight", "\"30\""),
    ("canary-by-header", "X-Canary"),
    ("rewrite-target", "/$1"),
    ("use-regex", "\"true\""),
    ("ssl-redirect", "\"false\""),
    ("server-alias", "alias.example.com"),
    ("from-to-www-redirect", "\"true\""),
    ("app-root", "/app"),
    ("permanent-redirect", "https://moved.example.com"),
];

/// A path: indices into [`PATHS`], [`TYPES`] and [`SERVICES`].
type PathSpec = (usize, usize, usize);

#[derive(Clone, Debug)]
struct Doc {
    name: u8,
    age: u8,
    /// Per rule: an index into [`HOSTS`] and its paths.
    rules: Vec<(usize, Vec<PathSpec>)>,
    tls: Option<usize>,
    default_backend: Option<usize>,
    annotations: Vec<usize>,
}

fn doc() -> impl Strategy<Value = Doc> {
    let path = (0..PATHS.len(), 0..TYPES.len(), 0..SERVICES.len());
    let rule = (0..HOSTS.len(), prop::collection::vec(path, 0..4));
    (
        0u8..6,
        0u8..3,
        prop::collection::vec(rule, 0..3),
        prop::option::weighted(0.3, 0..HOSTS.len()),
        prop::option::weighted(0.2, 0..SERVICES.len()),
        prop::collection::vec(prop::sample::select((0..ANNOTATIONS.len()).collect::<Vec<_>>()), 0..3),
    )
        .prop_map(|(name, age, rules, tls, default_backend, annotations)| Doc {
            name,
            age,
            rules,
            tls,
            default_backend,
            annotations,
        })
}

fn render(doc: &Doc) -> String {
    let mut out = format!(
        "apiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: ing{}\n  creationTimestamp: \"2024-01-0{}T00:00:00Z\"\n",
        doc.name,
        doc.age + 1
    );
    if !doc.annotations.is_empty() {
        out.push_str("  annotations:\n");
        for &a in &doc.annotations {
            let (key, value) = ANNOTATIONS[a];
            out.push_str(&format!("    nginx.ingress.kubernetes.io/{key}: {value}\n"));
        }
    }
    out.push_str("spec:\n");
    if let Some(s) = doc.default_backend {
        out.push_str(&format!("  defaultBackend: {{service: {{name: {}, port: {{number: 80}}}}}}\n", SERVICES[s]));
    }
    if let Some(h) = doc.tls {
        let host = if HOSTS[h].is_empty() { "tls.example.com" } else { HOSTS[h] };
        out.push_str(&format!("  tls:\n  - hosts: [\"{host}\"]\n    secretName: cert{}\n", doc.name));
    }
    if !doc.rules.is_empty() {
        out.push_str("  rules:\n");
    }
    for (host, paths) in &doc.rules {
        out.push_str(&match HOSTS[*host] {
            "" => "  - http:\n".to_string(),
            host => format!("  - host: \"{host}\"\n    http:\n"),
        });
        out.push_str("      paths:\n");
        if paths.is_empty() {
            out.push_str("      []\n");
        }
        for &(p, t, s) in paths {
            out.push_str(&format!(
                "      - path: \"{}\"\n        pathType: {}\n        backend: {{service: {{name: {}, port: {{number: 80}}}}}}\n",
                PATHS[p], TYPES[t], SERVICES[s]
            ));
        }
    }
    out
}

fn join(docs: &[String]) -> String {
    docs.iter().map(|d| format!("---\n{d}")).collect()
}

/// One edit of the list of documents.
#[derive(Clone, Debug)]
enum Edit {
    Replace(usize, Doc),
    Insert(usize, Doc),
    Remove(usize),
    Swap(usize, usize),
    /// A blank line at the end of a document: every later document moves down.
    BlankLine(usize),
    /// One character of a backend's Service name changes (the playground's keystroke).
    Keystroke(usize),
}

fn edit() -> impl Strategy<Value = Edit> {
    prop_oneof![
        (any::<usize>(), doc()).prop_map(|(i, d)| Edit::Replace(i, d)),
        (any::<usize>(), doc()).prop_map(|(i, d)| Edit::Insert(i, d)),
        any::<usize>().prop_map(Edit::Remove),
        (any::<usize>(), any::<usize>()).prop_map(|(i, j)| Edit::Swap(i, j)),
        any::<usize>().prop_map(Edit::BlankLine),
        any::<usize>().prop_map(Edit::Keystroke),
    ]
}

fn apply(docs: &mut Vec<String>, edit: &Edit) {
    let n = docs.len();
    match edit {
        Edit::Replace(i, d) if n > 0 => docs[i % n] = render(d),
        Edit::Insert(i, d) => docs.insert(i % (n + 1), render(d)),
        Edit::Remove(i) if n > 0 => {
            docs.remove(i % n);
        }
        Edit::Swap(i, j) if n > 0 => docs.swap(i % n, j % n),
        Edit::BlankLine(i) if n > 0 => docs[i % n].push('\n'),
        Edit::Keystroke(i) if n > 0 => {
            let d = &mut docs[i % n];
            if let Some(at) = d.find("name: web").or_else(|| d.find("name: wex")) {
                let was = &d[at + 8..at + 9];
                let now = if was == "b" { "x" } else { "b" };
                d.replace_range(at + 8..at + 9, now);
            }
        }
        _ => {}
    }
}

/// Every request the comparison asks: each host (and a few others) × each path, plain, with the
/// canary header, and over TLS.
fn requests() -> Vec<Request> {
    let hosts = HOSTS
        .iter()
        .map(|h| if h.is_empty() { "other.test".to_string() } else { h.replace('*', "x") })
        .chain(["alias.example.com", "www.b.example.com", "probe.example.com"].map(String::from));
    let mut out = Vec::new();
    for host in hosts {
        for path in ["/", "/a", "/a/", "/ab/c", "/b/c", "/x"] {
            let plain = Request::new(host.clone(), path.to_string());
            let mut canary = plain.clone();
            canary.headers.push(("X-Canary".into(), "always".into()));
            let mut tls = plain.clone();
            tls.sni = Some(host.clone());
            out.extend([plain, canary, tls]);
        }
    }
    out
}

const PROFILES: [Profile; 3] = [Profile::IngressNginx, Profile::IngressNginxV1_14_2, Profile::Spec];

/// The incremental and the fresh simulator of one text agree on every request and diagnostic.
fn assert_same(incremental: &Simulator, text: &str, requests: &[Request]) -> Result<(), TestCaseError> {
    let fresh = Simulator::new(text, &Options::default());
    let (new, old) = (&incremental, &fresh);
    let same = |request: &Request, profile, explain| -> Result<(), TestCaseError> {
        let (a, b) = (new.route(request, profile, explain), old.route(request, profile, explain));
        prop_assert_eq!(a, b, "{} {:?} {}{}", profile, explain, request.host, request.path);
        Ok(())
    };
    for profile in PROFILES {
        // Routed before the analysis as the playground does, and after it.
        for request in requests.iter().take(6) {
            same(request, profile, Explain::BeforeAnalysis)?;
        }
        prop_assert_eq!(incremental.diagnostics(profile), fresh.diagnostics(profile), "{}\n{}", profile, text);
        for request in requests {
            same(request, profile, Explain::Yes)?;
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, ..ProptestConfig::default() })]

    #[test]
    fn incremental_equals_fresh_under_ingress_nginx(
        start in prop::collection::vec(doc(), 1..7),
        edits in prop::collection::vec(edit(), 1..6),
    ) {
        let requests = requests();
        let options = Options::default();
        let mut cache = DocumentCache::default();
        let mut docs: Vec<String> = start.iter().map(render).collect();
        let mut text = join(&docs);
        let first = Simulator::new_incremental(&text, &options, &mut cache);
        assert_same(&first, &text, &requests)?;
        for edit in &edits {
            apply(&mut docs, edit);
            text = join(&docs);
            let incremental = Simulator::new_incremental(&text, &options, &mut cache);
            assert_same(&incremental, &text, &requests)?;
        }
    }
}

/// An Ingress for `host` with one Prefix path to `service`, and optional annotations.
fn ingress(name: &str, host: &str, path: &str, service: &str, annotations: &str) -> String {
    format!(
        "---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: {name}\n  annotations: {{{annotations}}}\nspec:\n  rules:\n  - host: {host}\n    http:\n      paths:\n      - {{path: \"{path}\", pathType: Prefix, backend: {{service: {{name: {service}, port: {{number: 80}}}}}}}}\n"
    )
}

/// The findings on an unchanged host follow what every host shares: a regex nginx refuses in
/// another host's server fails the whole configuration, and the duplicate on the unchanged host
/// is no longer reported (nothing is served from this input).
#[test]
fn a_refused_configuration_elsewhere_changes_an_unchanged_hosts_findings() {
    let a = ingress("a1", "a.example.com", "/x", "web", "") + &ingress("a2", "a.example.com", "/x", "api", "");
    let fine = a.clone() + &ingress("b", "b.example.com", "/b", "web", "");
    let refused = a + &ingress("b", "b.example.com", "/a(", "web", "nginx.ingress.kubernetes.io/use-regex: \"true\"");
    let options = Options::default();
    let mut cache = DocumentCache::default();
    for text in [&fine, &refused, &fine] {
        let incremental = Simulator::new_incremental(text, &options, &mut cache);
        let fresh = Simulator::new(text, &options);
        assert_eq!(incremental.diagnostics(Profile::IngressNginx), fresh.diagnostics(Profile::IngressNginx), "{text}");
    }
    let duplicate = |text: &str| {
        let sim = Simulator::new(text, &options);
        sim.diagnostics(Profile::IngressNginx).iter().any(|d| d.message.contains("defined twice"))
    };
    assert!(duplicate(&fine) && !duplicate(&refused));
}
