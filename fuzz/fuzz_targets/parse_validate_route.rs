//! Arbitrary bytes as a manifest: parse, validate, compile and analyse it (`Simulator::new`), route
//! requests derived from its own rules with full explanations, and run them as a tiny case file.
//! Every controller profile routes the same requests too (see `check_controller_decision`).
//! If the input is itself a case file with a `manifest:` (as the conformance corpus files are),
//! its manifest is simulated and its cases are run too. And the input is read again with a line
//! added halfway through the playground's `DocumentCache`, which must equal a fresh read.

#![no_main]

mod common;

use common::{check_controller_decision, route_and_check};
use ingress_engine::cases::{parse_cases, run_cases, Case, CaseFile, Expect};
use ingress_engine::{Explain, Options, Outcome, Profile, Request, Simulator};
use libfuzzer_sys::fuzz_target;

/// Rules and paths per Ingress looked at when deriving requests (keeps one run fast on big inputs).
const TAKE: usize = 3;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let sim = Simulator::new(text, &Options::default());
    let requests = derived_requests(&sim);
    for request in &requests {
        route_and_check(&sim, request);
    }
    let controllers = &Profile::ALL[1..];
    for request in &requests {
        for decision in sim.compare(request, controllers, Explain::Yes).decisions {
            check_controller_decision(&decision, request);
        }
    }
    for &controller in controllers {
        run_as_cases(&sim, controller, requests.clone());
    }
    moved_documents_equal_a_fresh_read(text, &requests);
    run_as_cases(&sim, Profile::Spec, requests);

    let (file, _errors) = parse_cases(text);
    if let Some(manifest) = &file.manifest {
        let options = Options { class: file.class.clone() };
        let sim = Simulator::new(manifest, &options);
        for case in &file.cases {
            route_and_check(&sim, &case.request);
        }
        let report = run_cases(&sim, Profile::Spec, &file);
        assert_eq!(report.passed + report.failed, file.cases.len());
    }
});

/// The playground's cache: the input read once, then again with a line added halfway (documents
/// after it move instead of being read again), must answer exactly as a fresh read of the new text.
fn moved_documents_equal_a_fresh_read(text: &str, requests: &[Request]) {
    let cut = text.as_bytes()[..text.len() / 2].iter().rposition(|&b| b == b'\n').map_or(0, |i| i + 1);
    let moved = format!("{}# moved\n{}", &text[..cut], &text[cut..]);
    let mut cache = ingress_engine::DocumentCache::default();
    let _ = Simulator::new_incremental(text, &Options::default(), &mut cache);
    let incremental = Simulator::new_incremental(&moved, &Options::default(), &mut cache);
    let fresh = Simulator::new(&moved, &Options::default());
    assert_eq!(incremental.diagnostics(Profile::Spec), fresh.diagnostics(Profile::Spec));
    assert_eq!(format!("{:?}", incremental.manifest().ingresses), format!("{:?}", fresh.manifest().ingresses));
    for request in requests {
        assert_eq!(incremental.route(request, Profile::Spec, Explain::Yes), fresh.route(request, Profile::Spec, Explain::Yes));
    }
}

/// Requests aimed at the manifest's own rules: each rule host (a wildcard with a label put in
/// front, a host-less rule with an arbitrary name), each path as written, one element deeper, and
/// `/`; the first host also in upper case with a port, a trailing dot, and over TLS.
fn derived_requests(sim: &Simulator) -> Vec<Request> {
    let mut requests = Vec::new();
    let rules = sim.manifest().ingresses.iter().take(TAKE).flat_map(|ingress| ingress.spec.rules.iter().take(TAKE));
    for rule in rules {
        let host = match rule.host() {
            "" => "any.example".to_string(),
            h => match h.strip_prefix('*') {
                Some(domain) => format!("label{domain}"),
                None => h.to_string(),
            },
        };
        if requests.is_empty() {
            requests.push(Request::new(format!("{}.:8443", host.to_uppercase()), "/?q=1#top"));
            requests.push(Request::new(host.clone(), "/").with_sni(host.clone()));
        }
        requests.push(Request::new(host.clone(), "/"));
        for path in rule.http.iter().flat_map(|http| http.paths.iter().take(TAKE)) {
            requests.push(Request::new(host.clone(), path.path()));
            requests.push(Request::new(host.clone(), format!("{}/deeper", path.path())));
        }
    }
    requests
}

/// Runs the requests as a case file under `profile`, expecting each to hit a rule, with the
/// default certificate.
fn run_as_cases(sim: &Simulator, profile: Profile, requests: Vec<Request>) {
    let cases: Vec<Case> = requests
        .into_iter()
        .map(|request| Case {
            request,
            expect: Expect { outcome: Some(Outcome::Rule), tls: Some("default".into()), ..Expect::default() },
            ..Case::default()
        })
        .collect();
    let count = cases.len();
    let report = run_cases(sim, profile, &CaseFile { cases, ..CaseFile::default() });
    assert_eq!(report.results.len(), count);
    assert_eq!(report.passed + report.failed, count);
    assert!(report.uncovered.len() <= report.coverable);
}
