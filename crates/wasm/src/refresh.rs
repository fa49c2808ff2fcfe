//! `Simulation.refresh(query)`: everything a page shows for one state of its input, in one call.
//!
//! A page that redraws on every keystroke asks the same four questions each time — the decision
//! for its request, its table of cases, the problems, the classes — after handing over the new
//! text. Asked one by one that is five crossings of the boundary, five decodings of options, and
//! the megabyte of YAML turned into a JS string and back; here it is one call, whose text may come
//! as UTF-8 bytes (a `Uint8Array`, copied as is), and one result object.
//!
//! Each part answers exactly as the method of the same name does for the same arguments
//! (`update`, `route`, `runCases`, `validate`, `classes`): this module only sequences them over the
//! held [`Handle`]. Plain Rust, so the sequencing is unit-tested natively; `lib.rs` decodes the
//! query and builds the result object.

use crate::handle::Handle;
use crate::input::Setting;
use crate::output;
use ingress_engine::cases::{CaseFile, CaseReport};
use ingress_engine::{ClassNames, Decision, Explain, Request, Sources};

/// What a refresh asks, decoded.
#[derive(Debug)]
pub struct Query<'a> {
    /// The new manifest, if it changed (`None`: ask the one held).
    pub yaml: Option<Sources<'a>>,
    /// The request to route and explain (`None`: no decision).
    pub request: Option<Request>,
    /// The class and profile every part is asked under.
    pub setting: Setting,
    /// How much the decision explains.
    pub explain: Explain,
    /// The cases to run (`None`: no report).
    pub cases: Option<CaseFile>,
    /// How many uncovered paths the report lists at most.
    pub listed: usize,
}

/// What a refresh answers: the parts in the shapes of `route`, `runCases`, `validate` and
/// `classes`.
#[derive(Debug)]
pub struct Answer<'a> {
    /// The decision, when a request was given.
    pub decision: Option<Decision>,
    /// The cases' report, when cases were given.
    pub report: Option<CaseReport>,
    /// Every diagnostic under the profile.
    pub validation: output::Validation<'a>,
    /// The classes the manifest names.
    pub classes: ClassNames,
}

/// Updates `handle` to the query's manifest, if it gives one, then answers every part the query
/// asks for. Fails as `route` and `runCases` do (a manifest from which nothing usable came out).
pub fn refresh<'h>(handle: &'h mut Handle, query: Query<'_>) -> Result<Answer<'h>, String> {
    if let Some(yaml) = query.yaml {
        handle.update(yaml);
    }
    let setting = &query.setting;
    let decision = match &query.request {
        Some(request) => Some(handle.route(request, setting, query.explain)?),
        None => None,
    };
    let report = match &query.cases {
        Some(file) => Some(handle.run_cases(file, setting, query.listed)?),
        None => None,
    };
    let classes = handle.classes();
    Ok(Answer { decision, report, validation: handle.validation(setting), classes })
}

#[cfg(test)]
mod tests {
    use super::*;
    use ingress_engine::cases::parse_cases;
    use ingress_engine::Profile;

    fn manifest(service: &str) -> String {
        format!(
            "apiVersion: networking.k8s.io/v1\nkind: IngressClass\nmetadata: {{name: nginx}}\nspec: {{controller: k8s.io/ingress-nginx}}\n---\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata: {{name: shop}}\nspec:\n  ingressClassName: nginx\n  rules:\n  - host: shop.example.com\n    http:\n      paths:\n      - {{path: /, pathType: Prefix, backend: {{service: {{name: {service}, port: {{number: 80}}}}}}}}\n      - {{path: /bad, pathType: Exact, backend: {{service: {{name: {service}, port: {{number: 0}}}}}}}}\n"
        )
    }

    fn query<'a>(yaml: Option<&'a str>, profile: Profile) -> Query<'a> {
        let (cases, errors) =
            parse_cases("cases:\n- {url: http://shop.example.com/x, expect: {backend: \"web:80\"}}\n");
        assert!(errors.is_empty(), "{errors:?}");
        Query {
            yaml: yaml.map(Sources::from),
            request: Some(Request::from_url("http://shop.example.com/a").unwrap()),
            setting: Setting { class: None, profile: profile.into() },
            explain: Explain::Yes,
            cases: Some(cases),
            listed: 1,
        }
    }

    /// Each part equals the answer of the separate calls on a handle given the same text.
    fn assert_as_separate_calls(answer: &Answer<'_>, text: &str, query: &Query<'_>) {
        let mut separate = Handle::new(text);
        let setting = &query.setting;
        let decision = separate.route(query.request.as_ref().unwrap(), setting, query.explain).unwrap();
        assert_eq!(answer.decision.as_ref(), Some(&decision));
        let report = separate.run_cases(query.cases.as_ref().unwrap(), setting, query.listed).unwrap();
        assert_eq!(answer.report.as_ref(), Some(&report));
        assert_eq!(answer.classes, separate.classes());
        let validation = separate.validation(setting);
        let a = &answer.validation;
        assert_eq!(
            (a.valid, &a.errors, &a.warnings, &a.notices),
            (validation.valid, &validation.errors, &validation.warnings, &validation.notices)
        );
    }

    #[test]
    fn answers_as_the_separate_calls_after_each_edit_under_every_profile() {
        for &profile in Profile::ALL {
            let (first, edited) = (manifest("web"), manifest("api"));
            let mut handle = Handle::new(&first);
            for text in [&first, &edited, &first] {
                let query = query(Some(text), profile);
                let answer = refresh(&mut handle, query).unwrap();
                assert_as_separate_calls(&answer, text, &self::query(None, profile));
            }
        }
    }

    #[test]
    fn without_a_manifest_it_asks_the_one_held_and_without_a_request_or_cases_it_skips_them() {
        let text = manifest("web");
        let mut handle = Handle::new(&text);
        let answer = refresh(&mut handle, query(None, Profile::IngressNginx)).unwrap();
        assert_eq!(answer.decision.as_ref().map(Decision::backend_label).as_deref(), Some("web:80"));
        assert_eq!(answer.report.as_ref().map(|r| (r.passed, r.failed)), Some((1, 0)));
        assert!(!answer.validation.valid, "port 0 is invalid");
        assert_eq!(answer.classes.names, ["nginx"]);
        let bare = Query { request: None, cases: None, ..query(None, Profile::Spec) };
        let answer = refresh(&mut handle, bare).unwrap();
        assert!(answer.decision.is_none() && answer.report.is_none());
        assert_eq!(answer.classes.names, ["nginx"]);
    }

    #[test]
    fn an_unusable_manifest_is_refused_as_route_refuses_it() {
        let mut handle = Handle::new(&manifest("web"));
        let message = refresh(&mut handle, query(Some("spec: ["), Profile::Spec)).unwrap_err();
        assert!(message.starts_with("yaml: nothing usable came out of the manifest"), "{message}");
        // Without a request or cases there is nothing to refuse: the problems are answered.
        let bare = Query { request: None, cases: None, ..query(None, Profile::Spec) };
        assert!(!refresh(&mut handle, bare).unwrap().validation.valid);
    }
}
