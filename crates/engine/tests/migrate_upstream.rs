//! Held-out evidence for the migration: the requests kubernetes-sigs/ingress2gateway's own e2e suite
//! (v1.1.0, `e2e/provider_ingressnginx_test.go` and the ingress-nginx rows of `provider_test.go`,
//! `implementation_test.go` and `multiprovider_test.go`) sends first to a real ingress-nginx and then
//! to the Gateway its conversion created (`e2e/framework/testcase.go` `TestEnv.Run`:
//! `verifyIngresses`, `runI2GW`, `verifyGatewayResources`; the same verifiers both times).
//!
//! The tests are translated under `tests/upstream/ingress2gateway/` (its README says how): one file per
//! upstream test function, one case-file document per `t.Run`, one case per verifier request. A
//! case's name states what upstream's verifier checks, in a fixed form the test reads:
//!
//! ```text
//! GET http://host/path[, Header: value] → 200[ or 204][, Service dummy-app2[ for 10–30 % of requests]][, backend path /p][, Location <exact> | Location ~ <regex>]
//! ```
//!
//! (`AllowedCodes`, the Service the echo body or the setup names, the path the backend received
//! when the echo body proves it, the `Location` `HeaderMatches` pattern; a `CanaryVerifier` is the
//! share of requests a Service answers). The case's `expect` is
//! the same check in case-file keys, for `ingress-sim test`; a test below keeps the two consistent.
//!
//! Each document is converted ([`migrate::convert`], ingress-nginx provider), the emitted YAML is
//! read back beside the input as `gateway-api.yaml`, and each request is routed through the converted
//! Gateway named after the Ingress's class (as upstream's `verifyGatewayResources` picks it) under
//! each Gateway API implementation. The score, per file and in total, with every failure, goes to
//! stderr and to `target/upstream-ingress2gateway-<implementation>.txt`. Upstream runs these tests
//! against Istio (its e2e default for provider features; Envoy Gateway only in the implementation
//! smoke test), which the simulator does not model: `envoy-gateway` is the one the issue's aim of
//! 90 % is about, and every implementation must reach it and the recorded score (98 %, the one
//! request missed being a timeout: latency is not simulated). The emitted YAML must read back
//! without errors. The same requests under the `ingress-nginx` profile are the second
//! score: they must answer as real ingress-nginx did (`target/upstream-ingress2gateway-ingress-nginx.txt`).

#![cfg(feature = "gateway")]

use ingress_engine::cases::{parse_named_cases, Case, CaseFile};
use ingress_engine::gateway::{GatewayBackend, GatewayDecision, GatewayOutcome, Implementation};
use ingress_engine::migrate::{convert, Answer as DiffAnswer, ConvertOptions, Provider};
use ingress_engine::{BackendRef, Decision, Explain, Options, Profile, Simulator, Source, Sources};
use regex_lite::Regex;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use support::upstream::{case_files, documents, percent};

mod support;

/// The score the converted Gateways reached (rounded down; the same under `spec`, `envoy-gateway`
/// and `contour`); the issue's aim is [`GATEWAY_AIM`]. Raise it when a fix lands.
const GATEWAY_THRESHOLD: f64 = 98.0;
/// Issue 15's aim for the held-out check.
const GATEWAY_AIM: f64 = 90.0;
/// The `ingress-nginx` profile's score on the same requests (rounded down); raise it when a fix lands.
const INGRESS_NGINX_THRESHOLD: f64 = 98.0;
/// The class the e2e suite gives every Ingress it verifies (`ingressnginx.NginxIngressClass`); the
/// converted Gateway carries its name.
const CLASS: &str = "nginx";

fn upstream_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("tests").join("upstream").join("ingress2gateway")
}

/// What an upstream verifier checks.
#[derive(Debug)]
struct Check {
    /// `AllowedCodes` (200 when the verifier names none).
    statuses: Vec<u16>,
    /// The Service that must answer, when upstream's check identifies it.
    service: Option<String>,
    /// A `CanaryVerifier`: the share of requests `service` answers lies strictly inside (percent).
    share: Option<(f64, f64)>,
    /// The path the backend receives (agnhost answers a `BodyRegex` only on that endpoint).
    backend_path: Option<String>,
    /// The `Location` header: exactly this, or matching this pattern.
    location: Option<LocationCheck>,
}

#[derive(Debug)]
enum LocationCheck {
    Exact(String),
    Pattern(Regex),
}

/// Reads the check from a case name (the form in the module docs).
fn parse_check(name: &str) -> Result<Check, String> {
    let (_, checks) = name.split_once(" → ").ok_or("no ` → ` in the name")?;
    // Location comes last: a pattern may hold anything.
    let (rest, location) = match checks.split_once(", Location ") {
        Some((rest, loc)) => {
            let check = match loc.strip_prefix("~ ") {
                Some(pattern) => LocationCheck::Pattern(Regex::new(pattern).map_err(|e| format!("{pattern}: {e}"))?),
                None => LocationCheck::Exact(loc.to_string()),
            };
            (rest, Some(check))
        }
        None => (checks, None),
    };
    let mut items = rest.split(", ");
    let statuses = items
        .next()
        .unwrap_or_default()
        .split(" or ")
        .map(|s| s.parse::<u16>().map_err(|_| format!("status {s:?}")))
        .collect::<Result<Vec<_>, _>>()?;
    let mut check = Check { statuses, service: None, share: None, backend_path: None, location };
    for item in items {
        if let Some(path) = item.strip_prefix("backend path ") {
            check.backend_path = Some(path.to_string());
            continue;
        }
        let service = item.strip_prefix("Service ").ok_or_else(|| format!("unknown check {item:?}"))?;
        match service.split_once(" for ") {
            Some((name, share)) => {
                let range = share.strip_suffix(" % of requests").ok_or_else(|| format!("share {share:?}"))?;
                let (low, high) = range.split_once('–').ok_or_else(|| format!("share {share:?}"))?;
                let number = |s: &str| s.parse::<f64>().map_err(|_| format!("share {share:?}"));
                check.share = Some((number(low)?, number(high)?));
                check.service = Some(name.to_string());
            }
            None => check.service = Some(service.to_string()),
        }
    }
    Ok(check)
}

/// What an answer shows a verifier: status, `Location`, the Service that answered and the share
/// of requests the checked Service takes.
#[derive(Debug, Default)]
struct Answer {
    status: Option<u16>,
    location: Option<String>,
    service: Option<String>,
    /// The path (and query) the backend receives.
    backend_path: Option<String>,
    /// The share (0–1) of requests answered by the check's Service.
    share: f64,
    /// A few words on what answered, for the report.
    what: String,
}

fn service_of_gateway(backend: &GatewayBackend) -> Option<&str> {
    match backend {
        GatewayBackend::Service { name, .. } => Some(name),
        _ => None,
    }
}

fn service_of_ingress(backend: &BackendRef) -> Option<&str> {
    match backend {
        BackendRef::Service { name, .. } => Some(name),
        _ => None,
    }
}

impl Answer {
    fn from_gateway(d: &GatewayDecision, check: &Check) -> Answer {
        // One request reaches one Service only when no weighted split shares the traffic: a
        // verifier that names a Service asks for it every time, not for a share of the time.
        let split = d.split.iter().filter(|s| s.share > 0.0).count() > 1;
        let reaches = matches!(d.outcome, GatewayOutcome::Rule) && !split;
        let service = d.backend.as_ref().and_then(service_of_gateway).filter(|_| reaches).map(str::to_string);
        let wanted = check.service.as_deref();
        let share = if !split {
            f64::from(u8::from(service.is_some() && service.as_deref() == wanted))
        } else {
            d.split
                .iter()
                .filter(|s| service_of_gateway(&s.backend) == wanted && s.status == 200)
                .map(|s| s.share)
                .sum()
        };
        let backends = match split {
            true => {
                d.split.iter().map(|s| format!("{} {:.0} %", s.backend, 100.0 * s.share)).collect::<Vec<_>>().join(", ")
            }
            false => d.backend_label(),
        };
        let what = format!(
            "{} {} via {} {}",
            d.outcome.as_str(),
            backends,
            d.route.as_deref().unwrap_or("-"),
            d.listener.as_deref().unwrap_or("-")
        );
        let location = d.redirect.as_ref().map(|r| r.location.clone());
        let backend_path = reaches.then(|| d.upstream_path.clone()).flatten();
        Answer { status: d.status, location, service, backend_path, share, what }
    }

    fn from_ingress(d: &Decision, check: &Check) -> Answer {
        let reaches = d.outcome.reaches_backend();
        let service = d.backend.as_ref().and_then(service_of_ingress).filter(|_| reaches).map(str::to_string);
        let wanted = check.service.as_deref();
        // A CanaryVerifier sends no canary header or cookie: the canary side takes its weight of
        // those requests, the main side the rest.
        let canary_weight = d.split.iter().find(|b| b.canary).and_then(|b| b.weight);
        let share = match canary_weight {
            Some(weight) if check.share.is_some() => d
                .split
                .iter()
                .filter(|b| b.backend.as_ref().and_then(service_of_ingress) == wanted)
                .map(|b| if b.canary { weight / 100.0 } else { 1.0 - weight / 100.0 })
                .sum(),
            _ => f64::from(u8::from(service.is_some() && service.as_deref() == wanted)),
        };
        let what = format!(
            "{} {} ({})",
            d.outcome.as_str(),
            d.backend.as_ref().map(ToString::to_string).unwrap_or_default(),
            d.ingress.as_deref().unwrap_or("-")
        );
        let location = d.redirect.as_ref().map(|r| r.location.clone());
        // The Ingress decision names the path only when a rewrite changes it.
        let backend_path = reaches.then(|| d.upstream_path.clone().unwrap_or_else(|| d.request.path.to_string()));
        Answer { status: d.status, location, service, backend_path, share, what }
    }

    /// Does it pass the check? `Err` says what differs.
    fn judge(&self, check: &Check) -> Result<(), String> {
        let mut wrong = Vec::new();
        if !self.status.is_some_and(|s| check.statuses.contains(&s)) {
            wrong.push(format!("status {}", self.status.map_or("none".to_string(), |s| s.to_string())));
        }
        match &check.share {
            Some((low, high)) => {
                let share = 100.0 * self.share;
                if !(share > *low && share < *high) {
                    wrong.push(format!("{} answers {share:.0} %", check.service.as_deref().unwrap_or_default()));
                }
            }
            None => {
                if check.service.is_some() && self.service != check.service {
                    wrong.push(format!("Service {}", self.service.as_deref().unwrap_or("none")));
                }
            }
        }
        if let Some(want) = &check.backend_path {
            if self.backend_path.as_ref() != Some(want) {
                wrong.push(format!("backend path {}", self.backend_path.as_deref().unwrap_or("none")));
            }
        }
        let location_ok = match &check.location {
            None => true,
            Some(LocationCheck::Exact(want)) => self.location.as_deref() == Some(want.as_str()),
            Some(LocationCheck::Pattern(re)) => self.location.as_deref().is_some_and(|l| re.is_match(l)),
        };
        if !location_ok {
            wrong.push(format!("Location {}", self.location.as_deref().unwrap_or("none")));
        }
        match wrong.is_empty() {
            true => Ok(()),
            false => Err(wrong.join(", ")),
        }
    }
}

/// One document of a fixture file: its cases and the input simulated.
struct Document {
    file: String,
    cases: CaseFile,
    input: Simulator,
}

fn load(path: &Path) -> Vec<Document> {
    let file = path.file_name().and_then(|n| n.to_str()).expect("a UTF-8 file name").to_string();
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    documents(&text)
        .iter()
        .enumerate()
        .map(|(index, doc)| {
            let (cases, errors) = parse_named_cases(&file, doc);
            let errors: Vec<String> = errors.iter().map(ToString::to_string).collect();
            assert!(errors.is_empty(), "{file} document {}: the case file has errors: {errors:#?}", index + 1);
            assert!(!cases.cases.is_empty(), "{file} document {}: no cases", index + 1);
            let options = Options { class: cases.class.clone() };
            let input = Simulator::new(cases.manifest.as_deref().unwrap_or_default(), &options);
            let errors: Vec<String> = input.errors().map(ToString::to_string).collect();
            assert!(errors.is_empty(), "{file} document {}: manifest errors: {errors:#?}", index + 1);
            Document { file: file.clone(), cases, input }
        })
        .collect()
}

fn all_documents() -> Vec<Document> {
    let docs: Vec<Document> = case_files(&upstream_dir()).iter().flat_map(|p| load(p)).collect();
    assert!(!docs.is_empty(), "no fixtures under {}", upstream_dir().display());
    docs
}

fn check_of(doc: &Document, case: &Case) -> Check {
    let name = case.name.as_deref().unwrap_or_default();
    parse_check(name).unwrap_or_else(|e| panic!("{}: case {name:?}: {e}", doc.file))
}

/// One request's result.
struct Scored {
    file: String,
    test: String,
    case: String,
    result: Result<(), String>,
    what: String,
    /// Through a Gateway: does the migration's diff call the answer changed from the
    /// `ingress-nginx` profile's ([`DiffAnswer`])? Upstream saw both pass the same check.
    diff_changed: Option<String>,
}

/// The report: per file, the total, then every failure.
fn report(title: &str, scored: &[Scored], notes: &[String]) -> (String, f64) {
    let mut out = format!("{title}\n");
    let mut files: Vec<&str> = scored.iter().map(|s| s.file.as_str()).collect();
    files.dedup();
    for file in files {
        let of_file: Vec<&Scored> = scored.iter().filter(|s| s.file == file).collect();
        let passed = of_file.iter().filter(|s| s.result.is_ok()).count();
        let _ =
            writeln!(out, "  {file:<26} {passed:>3}/{:<3} {:>6.1} %", of_file.len(), percent(passed, of_file.len()));
    }
    let passed = scored.iter().filter(|s| s.result.is_ok()).count();
    let score = percent(passed, scored.len());
    let _ = writeln!(out, "total: {passed}/{} = {score:.1} %", scored.len());
    for s in scored {
        if let Err(why) = &s.result {
            let _ = writeln!(out, "FAIL {} {}: {}\n     got {why} ({})", s.file, s.test, s.case, s.what);
        }
    }
    let through_gateway: Vec<&Scored> = scored.iter().filter(|s| s.result.is_ok()).collect();
    let changed: Vec<&&Scored> = through_gateway.iter().filter(|s| s.diff_changed.is_some()).collect();
    if scored.iter().any(|s| s.diff_changed.is_some()) {
        let _ = writeln!(
            out,
            "the migration's diff calls {} of the {} passing requests changed (upstream's check passed on both sides):",
            changed.len(),
            through_gateway.len()
        );
        for s in changed {
            let _ = writeln!(
                out,
                "  {} {}: {}\n     {}",
                s.file,
                s.test,
                s.case,
                s.diff_changed.as_deref().unwrap_or_default()
            );
        }
    }
    for note in notes {
        let _ = writeln!(out, "note: {note}");
    }
    (out, score)
}

fn record(name: &str, text: &str) {
    eprint!("{text}");
    let target = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../target");
    if std::fs::create_dir_all(&target).is_ok() {
        let _ = std::fs::write(target.join(format!("upstream-ingress2gateway-{name}.txt")), text);
    }
}

/// With `MIGRATE_UPSTREAM_DUMP=<dir>`, writes each document's input and emitted YAML there
/// (`<file>-<n>.input.yaml`, `<file>-<n>.gateway-api.yaml`), to look at a failure with the CLI.
fn dump(doc: &Document, yaml: &str) {
    let Some(dir) = std::env::var_os("MIGRATE_UPSTREAM_DUMP") else { return };
    let dir = PathBuf::from(dir);
    let _ = std::fs::create_dir_all(&dir);
    let stem = doc.file.trim_end_matches(".yaml");
    let test = doc.cases.name.clone().unwrap_or_default();
    let slug: String = test.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { '-' }).collect();
    let _ = std::fs::write(
        dir.join(format!("{stem}-{slug}.input.yaml")),
        doc.cases.manifest.as_deref().unwrap_or_default(),
    );
    let _ = std::fs::write(dir.join(format!("{stem}-{slug}.gateway-api.yaml")), yaml);
}

/// The converted Gateways of every document, read back beside the input, routed under one
/// implementation. Returns the scored requests and the read-back errors of the emitted YAML.
fn score_gateways(docs: &[Document], implementation: Implementation) -> (Vec<Scored>, Vec<String>) {
    let mut scored = Vec::new();
    let mut notes = Vec::new();
    for doc in docs {
        let conversion = convert(&doc.input, &ConvertOptions { provider: Provider::IngressNginx });
        dump(doc, &conversion.yaml);
        let manifest = doc.cases.manifest.clone().unwrap_or_default();
        let sources =
            [Source::new(doc.file.clone(), manifest), Source::new("gateway-api.yaml", conversion.yaml.clone())];
        let after = Simulator::new(Sources::Named(&sources), &Options { class: doc.cases.class.clone() });
        let test = doc.cases.name.clone().unwrap_or_default();
        for error in after.errors() {
            notes.push(format!("{} {test}: the emitted YAML reads back with an error: {error}", doc.file));
        }
        // verifyGatewayResources: the Gateway named after the verified Ingress's class.
        let gateway = conversion.gateways.iter().find(|g| g.rsplit('/').next() == Some(CLASS));
        for case in &doc.cases.cases {
            let check = check_of(doc, case);
            let name = case.name.clone().unwrap_or_default();
            let mut diff_changed = None;
            let (result, what) = match gateway {
                None => (Err(format!("no Gateway named {CLASS} among {:?}", conversion.gateways)), String::new()),
                Some(gateway) => match after.route_gateway(&case.request, Some(gateway), implementation, Explain::No) {
                    Ok(decision) => {
                        let before = doc.input.route(&case.request, Profile::IngressNginx, Explain::No);
                        let (before, after) =
                            (DiffAnswer::of_ingress(&before, doc.input.manifest()), DiffAnswer::of_gateway(&decision));
                        if before != after {
                            diff_changed = Some(format!("before {before:?}\n     after  {after:?}"));
                        }
                        let answer = Answer::from_gateway(&decision, &check);
                        (answer.judge(&check), answer.what)
                    }
                    Err(e) => (Err(format!("not routed: {e}")), String::new()),
                },
            };
            scored.push(Scored { file: doc.file.clone(), test: test.clone(), case: name, result, what, diff_changed });
        }
    }
    (scored, notes)
}

/// The converted Gateways answer upstream's requests as the converted Gateway did in upstream's
/// run: scored under every implementation (`envoy-gateway` is the one the issue's aim is about;
/// upstream's own runs used Istio, which is not modelled).
#[test]
fn converted_gateways_answer_upstream_requests_as_upstream_saw() {
    let docs = all_documents();
    let mut failures = Vec::new();
    for implementation in Implementation::ALL {
        let (scored, notes) = score_gateways(&docs, implementation);
        let title = format!(
            "kubernetes-sigs/ingress2gateway v1.1.0 e2e (ingress-nginx provider): the converted Gateways under {} ({})",
            implementation.name(),
            implementation.version()
        );
        let (text, score) = report(&title, &scored, &notes);
        record(implementation.name(), &text);
        let name = implementation.name();
        if !notes.is_empty() {
            failures.push(format!("{name}: the emitted YAML does not read back cleanly: {notes:#?}"));
        }
        if score < GATEWAY_AIM {
            failures.push(format!("{name}: {score:.1} % is below the issue's aim of {GATEWAY_AIM} %"));
        }
        if score < GATEWAY_THRESHOLD {
            failures.push(format!("{name}: {score:.1} % is below the recorded {GATEWAY_THRESHOLD} %"));
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The same requests under the `ingress-nginx` profile answer as real ingress-nginx did in
/// upstream's run (`verifyIngresses`, chart 4.14.3 = controller v1.14.3, which routes as the
/// profile's 1.15 line).
#[test]
fn ingress_nginx_profile_answers_upstream_requests_as_real_ingress_nginx() {
    let docs = all_documents();
    let mut scored = Vec::new();
    for doc in &docs {
        let test = doc.cases.name.clone().unwrap_or_default();
        for case in &doc.cases.cases {
            let check = check_of(doc, case);
            let decision = doc.input.route(&case.request, Profile::IngressNginx, Explain::No);
            let answer = Answer::from_ingress(&decision, &check);
            let name = case.name.clone().unwrap_or_default();
            scored.push(Scored {
                file: doc.file.clone(),
                test: test.clone(),
                case: name,
                result: answer.judge(&check),
                what: answer.what,
                diff_changed: None,
            });
        }
    }
    let title = "kubernetes-sigs/ingress2gateway v1.1.0 e2e (ingress-nginx provider): the same requests under profile ingress-nginx";
    let (text, score) = report(title, &scored, &[]);
    record("ingress-nginx", &text);
    assert!(score >= INGRESS_NGINX_THRESHOLD, "ingress-nginx: {score:.1} % is below {INGRESS_NGINX_THRESHOLD} %");
}

/// Every case's name states a check, and its `expect` says the same in case-file keys; every
/// document cites its upstream test.
#[test]
fn every_case_states_upstream_check_consistently() {
    let mut problems = Vec::new();
    let mut requests = 0;
    for doc in all_documents() {
        let source = doc.cases.source.clone().unwrap_or_default();
        if !source.starts_with("kubernetes-sigs/ingress2gateway v1.1.0 e2e/") {
            problems.push(format!("{}: source {source:?}", doc.file));
        }
        for case in &doc.cases.cases {
            requests += 1;
            let check = check_of(&doc, case);
            let e = &case.expect;
            let name = case.name.as_deref().unwrap_or_default();
            if e.status.is_some_and(|s| !check.statuses.contains(&s))
                || (e.status.is_none() && check.statuses.len() == 1)
            {
                problems.push(format!("{}: {name}: expect.status {:?}", doc.file, e.status));
            }
            let expected_service = e.backend.as_deref().and_then(|b| b.split(':').next());
            if check.share.is_none() && expected_service != check.service.as_deref() {
                problems.push(format!("{}: {name}: expect.backend {:?}", doc.file, e.backend));
            }
            let location_ok = match (&check.location, &e.location) {
                (Some(LocationCheck::Exact(want)), Some(got)) => want == got,
                (Some(LocationCheck::Pattern(_)), None) | (None, None) => true,
                (Some(LocationCheck::Pattern(re)), Some(got)) => re.is_match(got),
                _ => false,
            };
            if !location_ok {
                problems.push(format!("{}: {name}: expect.location {:?}", doc.file, e.location));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
    assert!(requests >= 50, "{requests} requests");
}

#[test]
fn checks_are_read_from_case_names() {
    let check = parse_check("GET http://www.example.com/ → 301 or 308, Location ~ ^https?://example\\.com(:80)?/?$")
        .expect("a check");
    assert_eq!(check.statuses, [301, 308]);
    assert!(matches!(&check.location, Some(LocationCheck::Pattern(re)) if re.is_match("http://example.com/")));
    let check =
        parse_check("GET http://c.com/hostname → 200, Service dummy-app2 for 10–30 % of requests").expect("a check");
    assert_eq!((check.service.as_deref(), check.share), (Some("dummy-app2"), Some((10.0, 30.0))));
    let check = parse_check("GET http://r.test/ → 302, Location https://t.example.com/p, q/").expect("a check");
    assert!(matches!(&check.location, Some(LocationCheck::Exact(l)) if l == "https://t.example.com/p, q/"));
    let check = parse_check("GET http://a/abc → 200, Service s, backend path /header").expect("a check");
    assert_eq!((check.service.as_deref(), check.backend_path.as_deref()), (Some("s"), Some("/header")));
    assert!(parse_check("GET / → 2xx").is_err());
    assert!(parse_check("GET / → 200, Ingress foo").is_err());

    let answer = Answer { status: Some(302), location: Some("http://a/app1".into()), ..Answer::default() };
    let check = parse_check("GET http://a/ → 302, Location ~ /app1$").expect("a check");
    assert_eq!(answer.judge(&check), Ok(()));
    let check = parse_check("GET http://a/ → 301 or 308, Location ~ /app1$").expect("a check");
    assert_eq!(answer.judge(&check), Err("status 302".to_string()));
}
