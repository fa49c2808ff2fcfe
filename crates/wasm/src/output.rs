//! What goes back to JS besides the engine's own results ([`ingress_engine::Decision`],
//! [`ingress_engine::CaseReport`]): the validation summary, the profile list, a case file as
//! read, and the messages of errors made of diagnostics. Plain Rust, unit-tested natively.

use ingress_engine::cases::{Case, CaseFile, Expect};
use ingress_engine::{Diagnostic, Outcome, Profile, ProfileName, Severity, Simulator};
use serde::Serialize;
use std::borrow::Cow;

/// `validate()`'s result, the shape of the CLI's `validate --json`. Route and Gateway status are
/// computed for the call (owned); everything else is the simulator's (borrowed).
#[derive(Debug, Serialize)]
pub struct Validation<'a> {
    /// No errors (warnings and notices do not count).
    pub valid: bool,
    /// What makes the API server reject an object, and input that could not be read.
    pub errors: Vec<Cow<'a, Diagnostic>>,
    /// Accepted, but probably not what the author meant.
    pub warnings: Vec<Cow<'a, Diagnostic>>,
    /// Information.
    pub notices: Vec<Cow<'a, Diagnostic>>,
}

impl<'a> Validation<'a> {
    /// Sorts a simulator's diagnostics under a named profile by severity, keeping input order
    /// within each: the Ingress findings under its Ingress profile (`spec` when it has none), then
    /// the route and Gateway status ([`Simulator::gateway_status_named`]).
    pub fn of(sim: &'a Simulator, name: &ProfileName) -> Validation<'a> {
        let mut validation = Validation { valid: true, errors: vec![], warnings: vec![], notices: vec![] };
        let ingress = sim.diagnostics(name.ingress().unwrap_or_default()).iter().map(Cow::Borrowed);
        for diagnostic in ingress.chain(sim.gateway_status_named(name).into_iter().map(Cow::Owned)) {
            match diagnostic.severity {
                Severity::Error => validation.errors.push(diagnostic),
                Severity::Warning => validation.warnings.push(diagnostic),
                _ => validation.notices.push(diagnostic),
            }
        }
        validation.valid = validation.errors.is_empty();
        validation
    }
}

/// One entry of `profiles()`.
#[derive(Debug, Serialize)]
pub struct ProfileInfo {
    /// The name `options.profile` takes.
    pub name: &'static str,
    /// The release line modelled (`3.7`), as in a decision's `profileVersion`.
    pub version: &'static str,
    /// The upstream release tag modelled, and which releases route the same.
    pub release: &'static str,
    /// One line for selectors.
    pub description: &'static str,
}

/// Every routing profile.
pub fn profiles() -> Vec<ProfileInfo> {
    Profile::ALL
        .iter()
        .map(|p| ProfileInfo {
            name: p.name(),
            version: p.version(),
            release: p.release(),
            description: p.description(),
        })
        .collect()
}

/// `parseCases()`'s result: a case file as read, each request in the shape `simulate()` takes.
#[derive(Debug, Serialize)]
pub struct CaseFileView<'a> {
    name: Option<&'a str>,
    description: Option<&'a str>,
    source: Option<&'a str>,
    manifest: Option<&'a str>,
    class: Option<&'a str>,
    /// The profile as written: an Ingress profile or a Gateway API implementation.
    profile: Option<String>,
    /// The Gateway the file's requests go through (`namespace/name`), when it names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    gateway: Option<&'a str>,
    cases: Vec<CaseView<'a>>,
}

#[derive(Debug, Serialize)]
struct CaseView<'a> {
    index: usize,
    name: Option<&'a str>,
    request: RequestView<'a>,
    expect: ExpectView<'a>,
    line: u32,
    column: u32,
    /// The Gateway this case's request goes through, when the case names one.
    #[serde(skip_serializing_if = "Option::is_none")]
    gateway: Option<&'a str>,
}

/// `{ host, path, sni?, method?, headers?, cookies? }`: `simulate()` turns it back into the same
/// engine request (headers and cookies as arrays of `[name, value]` pairs).
#[derive(Debug, Serialize)]
struct RequestView<'a> {
    host: &'a str,
    path: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    sni: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    method: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    headers: &'a [(String, String)],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    cookies: &'a [(String, String)],
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct ExpectView<'a> {
    #[serde(skip_serializing_if = "Option::is_none")]
    backend: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    outcome: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    ingress: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    path: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    path_type: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tls: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    status: Option<u16>,
    #[serde(skip_serializing_if = "Option::is_none")]
    location: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    route: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    listener: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    rule: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    namespace: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    upstream_path: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    upstream_host: Option<&'a str>,
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    upstream_headers: &'a [(String, String)],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    absent_upstream_headers: &'a [String],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    response_headers: &'a [(String, String)],
    #[serde(skip_serializing_if = "<[_]>::is_empty")]
    absent_response_headers: &'a [String],
}

impl<'a> CaseFileView<'a> {
    /// Borrows a parsed case file.
    pub fn of(file: &'a CaseFile) -> CaseFileView<'a> {
        CaseFileView {
            name: file.name.as_deref(),
            description: file.description.as_deref(),
            source: file.source.as_deref(),
            manifest: file.manifest.as_deref(),
            class: file.class.as_deref(),
            profile: file.profile_name().map(|p| p.to_string()),
            gateway: file.gateway.as_deref(),
            cases: file.cases.iter().enumerate().map(|(index, case)| CaseView::of(index, case)).collect(),
        }
    }
}

impl<'a> CaseView<'a> {
    fn of(index: usize, case: &'a Case) -> CaseView<'a> {
        let request = &case.request;
        CaseView {
            index,
            name: case.name.as_deref(),
            request: RequestView {
                host: &request.host,
                path: &request.path,
                sni: request.sni.as_deref(),
                method: (!request.is_default_method()).then_some(request.method.as_str()),
                headers: &request.headers,
                cookies: &request.cookies,
            },
            expect: ExpectView::of(&case.expect),
            line: case.span.start.line,
            column: case.span.start.column,
            gateway: case.gateway.as_deref(),
        }
    }
}

impl<'a> ExpectView<'a> {
    fn of(expect: &'a Expect) -> ExpectView<'a> {
        ExpectView {
            backend: expect.backend.as_deref(),
            outcome: expect_outcome(expect),
            ingress: expect.ingress.as_deref(),
            path: expect.path.as_deref(),
            path_type: expect.path_type.map(|t| t.as_str()),
            tls: expect.tls.as_deref(),
            status: expect.status,
            location: expect.location.as_deref(),
            route: expect.route.as_deref(),
            listener: expect.listener.as_deref(),
            rule: expect.rule.as_deref(),
            namespace: expect.namespace.as_deref(),
            upstream_path: expect.upstream_path.as_deref(),
            upstream_host: expect.upstream_host.as_deref(),
            upstream_headers: &expect.upstream_headers,
            absent_upstream_headers: &expect.absent_upstream_headers,
            response_headers: &expect.response_headers,
            absent_response_headers: &expect.absent_response_headers,
        }
    }
}

/// The expected outcome's name: an Ingress outcome, or a Gateway API one.
fn expect_outcome(expect: &Expect) -> Option<&'static str> {
    let ingress = expect.outcome.map(Outcome::as_str);
    #[cfg(feature = "gateway")]
    let ingress = ingress.or(expect.gateway_outcome.map(|o| o.as_str()));
    ingress
}

/// How many diagnostics an error message lists before it says how many more there are.
const LISTED: usize = 10;

/// `headline:` followed by one `line:col: error: message` line per diagnostic.
pub fn error_list<'d>(headline: &str, diagnostics: impl IntoIterator<Item = &'d Diagnostic>) -> String {
    let mut message = format!("{headline}:");
    let mut count = 0;
    for diagnostic in diagnostics {
        if count < LISTED {
            message.push_str(&format!("\n  {diagnostic}"));
        }
        count += 1;
    }
    if count > LISTED {
        message.push_str(&format!("\n  … and {} more", count - LISTED));
    }
    message
}

/// The error for a manifest from which nothing usable came out.
pub fn unusable_manifest(sim: &Simulator) -> String {
    error_list("yaml: nothing usable came out of the manifest", sim.errors())
}

#[cfg(test)]
mod tests {
    use super::*;
    use ingress_engine::cases::parse_cases;
    use ingress_engine::{Code, Options, Span};

    const MANIFEST: &str = "apiVersion: networking.k8s.io/v1
kind: Ingress
metadata: {name: web}
spec:
  rules:
  - host: Foo.com
    http:
      paths:
      - {path: /a, pathType: Prefix, backend: {service: {name: a, port: {number: 80}}}}
";

    #[test]
    fn validation_sorts_diagnostics_by_severity() {
        let sim = Simulator::new(MANIFEST, &Options::default());
        let validation = Validation::of(&sim, &Profile::Spec.into());
        assert!(!validation.valid, "an upper-case host is invalid");
        assert!(validation.errors.iter().all(|d| d.severity == Severity::Error));
        assert!(validation.warnings.iter().all(|d| d.severity == Severity::Warning));
        assert!(validation.notices.iter().all(|d| d.severity == Severity::Notice));
        let total = validation.errors.len() + validation.warnings.len() + validation.notices.len();
        assert_eq!(total, sim.diagnostics(Profile::Spec).len());
    }

    #[test]
    fn valid_manifests_are_valid() {
        let sim = Simulator::new(&MANIFEST.replace("Foo.com", "foo.com"), &Options::default());
        assert!(Validation::of(&sim, &Profile::Spec.into()).valid);
    }

    #[test]
    fn every_profile_is_listed() {
        let listed: Vec<&str> = profiles().iter().map(|p| p.name).collect();
        assert_eq!(listed.len(), Profile::ALL.len());
        assert!(listed.contains(&"spec"));
        assert!(profiles().iter().all(|p| !p.description.is_empty()));
        let traefik: Vec<(&str, &str)> =
            profiles().iter().filter(|p| p.name.starts_with("traefik")).map(|p| (p.name, p.version)).collect();
        assert_eq!(
            traefik,
            [
                ("traefik", "3.7"),
                ("traefik@3.6", "3.6"),
                ("traefik@3.6.10", "3.6.10"),
                ("traefik-ingress-nginx", "3.7")
            ]
        );
    }

    #[test]
    fn case_views_keep_requests_and_expectations() {
        let text = "cases:\n- name: tls\n  url: https://foo.com:8443/a?q\n  expect: {backend: \"a:80\", pathType: Prefix}\n- host: foo.com\n  path: /b\n  expect: {outcome: no-match}\n";
        let (file, errors) = parse_cases(text);
        assert!(errors.is_empty(), "{errors:?}");
        let view = CaseFileView::of(&file);
        assert_eq!(view.cases.len(), 2);
        let tls = &view.cases[0];
        assert_eq!((tls.request.host, tls.request.path, tls.request.sni), ("foo.com:8443", "/a?q", Some("foo.com")));
        assert_eq!(
            (tls.expect.backend, tls.expect.path_type, tls.expect.outcome),
            (Some("a:80"), Some("Prefix"), None)
        );
        assert_eq!((tls.line, tls.column, tls.name), (2, 3, Some("tls")));
        let plain = &view.cases[1];
        assert_eq!((plain.index, plain.request.sni, plain.expect.outcome), (1, None, Some(Outcome::NoMatch.as_str())));
    }

    #[test]
    fn error_lists_give_places_and_stop_after_ten() {
        let at_line = |line| Diagnostic::new(Severity::Error, Code::Syntax, "bad").at(Span::point(0, line, 4));
        let diagnostics: Vec<Diagnostic> = (1..=12).map(at_line).collect();
        let message = error_list("the case file has errors", &diagnostics[..1]);
        assert_eq!(message, "the case file has errors:\n  1:4: error: bad");
        let long = error_list("many", &diagnostics);
        assert_eq!(long.lines().count(), 1 + LISTED + 1);
        assert!(long.ends_with("… and 2 more"), "{long}");
    }
}
