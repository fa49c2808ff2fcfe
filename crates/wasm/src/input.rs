//! What the JS caller passes in, once decoded into Rust structs, and how it becomes engine input.
//!
//! Everything here is plain Rust (no JS values), so it is unit-tested natively; `js.rs` does the
//! decoding from JS objects. Errors are sentences without the function name: the export adds it.

use ingress_engine::cases::Expect;
use ingress_engine::{Explain, Options, Outcome, Profile, ProfileName, Request, RequestFields, Source, Sources};
use serde::Deserialize;

/// The keys of one named source, `{ name, text }`.
pub const SOURCE_KEYS: &[&str] = &["name", "text"];

/// One element of a manifest given as named sources. Both fields are optional here so that a
/// missing one is reported by [`ManifestInput::named`] in words, not by serde.
#[derive(Debug, Default, Deserialize)]
pub struct SourceInput {
    /// How positions in it are named (a file name).
    pub name: Option<String>,
    /// Its YAML or JSON text.
    pub text: Option<String>,
}

/// The manifest argument: one YAML text, or named sources whose positions name their files.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ManifestInput {
    /// A string: positions carry no file name.
    Text(String),
    /// An array of `{ name, text }`, read in order.
    Named(Vec<Source>),
}

impl ManifestInput {
    /// Named sources from the decoded array; each needs a non-empty name of its own and a text.
    pub fn named(sources: Vec<SourceInput>, argument: &str) -> Result<ManifestInput, String> {
        let mut named: Vec<Source> = Vec::with_capacity(sources.len());
        for (index, source) in sources.into_iter().enumerate() {
            let at = format!("{argument}[{index}]");
            let name = source.name.filter(|n| !n.trim().is_empty()).ok_or_else(|| {
                format!("{at}.name is missing or empty: each source needs a name (a file name) for its positions")
            })?;
            if named.iter().any(|s| s.name == name) {
                return Err(format!("{at}.name {name:?} is given twice: each source needs a name of its own"));
            }
            let text = source.text.ok_or_else(|| format!("{at}.text is missing: give the source's YAML text"))?;
            named.push(Source { name, text });
        }
        Ok(ManifestInput::Named(named))
    }

    /// What the engine reads.
    pub fn sources(&self) -> Sources<'_> {
        match self {
            ManifestInput::Text(text) => Sources::Text(text),
            ManifestInput::Named(sources) => Sources::Named(sources),
        }
    }
}

/// The keys a request object may have, in the order error messages list them.
pub const REQUEST_KEYS: &[&str] = &["url", "host", "path", "sni", "method", "headers{}", "cookies{}"];

/// The keys an options object may have.
pub const OPTIONS_KEYS: &[&str] = &["class", "profile"];

/// The keys a `compare()` options object may have.
pub const COMPARE_OPTIONS_KEYS: &[&str] = &["class", "profiles[]", "explain?"];

/// The keys of `runCases()`'s options (`listUncovered` is a count).
pub const CASES_OPTIONS_KEYS: &[&str] = &["class", "profile", "listUncovered#"];

/// The keys of `simulate()`'s options (`steps` is a boolean), read as a [`RouteOptionsInput`]
/// (one derived decoder for both: each costs the package ~1.4 KB).
pub const SIMULATE_OPTIONS_KEYS: &[&str] = &["class", "profile", "steps?"];

/// The keys of `Simulation.route()`'s options (`explain`, `analysis` and `steps` are booleans).
pub const ROUTE_OPTIONS_KEYS: &[&str] = &["class", "profile", "explain?", "analysis?", "steps?"];

/// The request object: `{ url, sni? }` or `{ host, path, sni? }`. Every field is optional here so
/// that a missing one is reported by [`RequestInput::into_request`] in words, not by serde.
#[derive(Debug, Default, Deserialize)]
pub struct RequestInput {
    /// A URL such as `https://foo.bar.com/api`; https implies SNI = host.
    pub url: Option<String>,
    /// The Host header.
    pub host: Option<String>,
    /// The path (query and fragment allowed; routing drops them).
    pub path: Option<String>,
    /// The TLS SNI name; makes the request HTTPS.
    pub sni: Option<String>,
    /// The method (default GET).
    pub method: Option<String>,
    /// Header lines as name–value pairs (an object or an array of pairs in JS).
    pub headers: Option<Vec<(String, String)>>,
    /// Cookies as name–value pairs.
    pub cookies: Option<Vec<(String, String)>>,
}

/// What a call asks under: the class the simulator is read with, and the profile asked.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Setting {
    /// The IngressClass to simulate (`None`: not chosen).
    pub class: Option<String>,
    /// The profile to route under, as named: an Ingress profile, a Gateway API implementation or
    /// both ([`ProfileName::ingress`] says why a name routes no Ingress).
    pub profile: ProfileName,
}

impl Setting {
    /// The simulator's options.
    pub fn options(&self) -> Options {
        Options { class: self.class.clone() }
    }
}

/// The options object: `{ class?, profile? }`.
#[derive(Debug, Default, Deserialize)]
pub struct OptionsInput {
    /// The IngressClass to simulate.
    pub class: Option<String>,
    /// The routing profile's name.
    pub profile: Option<String>,
}

/// `runCases()`'s options: `{ class?, profile?, listUncovered? }`.
#[derive(Debug, Default, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct CasesOptionsInput {
    /// The IngressClass to simulate.
    pub class: Option<String>,
    /// The routing profile's name.
    pub profile: Option<String>,
    /// How many uncovered paths the report lists at most (default: all of them).
    pub list_uncovered: Option<usize>,
}

impl CasesOptionsInput {
    /// The class and profile (the case file's unless given), and how many uncovered paths to list.
    pub fn resolve(self, defaults: Defaults<'_>) -> Result<(Setting, usize), String> {
        let setting = OptionsInput { class: self.class, profile: self.profile }.resolve(defaults)?;
        Ok((setting, self.list_uncovered.unwrap_or(usize::MAX)))
    }
}

/// `Simulation.route()`'s options: `{ class?, profile?, explain?, analysis?, steps? }`.
#[derive(Debug, Default, Deserialize)]
pub struct RouteOptionsInput {
    /// The IngressClass to simulate.
    pub class: Option<String>,
    /// The routing profile's name.
    pub profile: Option<String>,
    /// `false`: the decision without its explanation (faster); default `true`.
    pub explain: Option<bool>,
    /// `false`: the explained decision without waiting for the static analysis (its diagnostics
    /// lack the analysis findings until `validate()` has run it); default `true`.
    pub analysis: Option<bool>,
    /// `true`: add the decision's `steps` ([`ingress_engine::steps`]); default `false`.
    pub steps: Option<bool>,
}

impl RouteOptionsInput {
    /// True when the caller asks for the decision's steps.
    pub fn wants_steps(&self) -> bool {
        self.steps.unwrap_or(false)
    }

    /// How much to explain.
    pub fn explain(&self) -> Explain {
        match (self.explain.unwrap_or(true), self.analysis.unwrap_or(true)) {
            (false, _) => Explain::No,
            (true, true) => Explain::Yes,
            (true, false) => Explain::BeforeAnalysis,
        }
    }

    /// The class and profile, and how much to explain.
    pub fn resolve(self) -> Result<(Setting, Explain), String> {
        let explain = self.explain();
        let options = OptionsInput { class: self.class, profile: self.profile }.resolve(Defaults::default())?;
        Ok((options, explain))
    }
}

/// `compare()`'s options: `{ class?, profiles?, explain? }`.
#[derive(Debug, Default, Deserialize)]
pub struct CompareOptionsInput {
    /// The IngressClass to simulate.
    pub class: Option<String>,
    /// The profile names, in the order to show them.
    pub profiles: Option<Vec<String>>,
    /// `false`: the decisions without their explanations (faster); default `true`.
    pub explain: Option<bool>,
}

/// `compare()`'s options, resolved.
#[derive(Debug, PartialEq)]
pub struct CompareOptions {
    /// The class (`None`: not chosen).
    pub class: Option<String>,
    /// The profiles, in the order to show them.
    pub profiles: Vec<Profile>,
    /// Whether the decisions carry their explanations.
    pub explain: bool,
}

impl CompareOptionsInput {
    /// The class (empty: not chosen), the profiles (absent or empty: all of them) and whether to
    /// explain (default: yes).
    pub fn resolve(self) -> Result<CompareOptions, String> {
        let class = self.class.filter(|c| !c.is_empty());
        let profiles = match self.profiles {
            None => Profile::ALL.to_vec(),
            Some(names) if names.is_empty() => Profile::ALL.to_vec(),
            Some(names) => names
                .iter()
                .map(|n| Profile::parse_or_explain(n).map_err(|e| format!("options.profiles: {e}")))
                .collect::<Result<_, _>>()?,
        };
        Ok(CompareOptions { class, profiles, explain: self.explain.unwrap_or(true) })
    }
}

impl RequestInput {
    /// The engine request this object describes (the engine's one request parser; errors name
    /// the field as `request.<field>`).
    pub fn into_request(self) -> Result<Request, String> {
        let fields = RequestFields {
            url: self.url,
            host: self.host,
            path: self.path,
            sni: self.sni,
            method: self.method,
            headers: self.headers.unwrap_or_default(),
            cookies: self.cookies.unwrap_or_default(),
        };
        fields.build().map_err(|e| format!("request.{e}"))
    }
}

/// The case file's own `class` and `profile`, which explicit options override.
#[derive(Debug, Default, Clone, Copy)]
pub struct Defaults<'a> {
    /// `class` of the case file.
    pub class: Option<&'a str>,
    /// `profile` of the case file.
    pub profile: Option<&'a str>,
}

impl OptionsInput {
    /// The class and profile, an empty class meaning "not chosen".
    pub fn resolve(self, defaults: Defaults<'_>) -> Result<Setting, String> {
        let non_empty = |s: &String| !s.is_empty();
        let class = self.class.filter(non_empty).or_else(|| defaults.class.map(str::to_string));
        let profile = match self.profile.filter(non_empty).as_deref().or(defaults.profile) {
            None => ProfileName::default(),
            Some(name) => ProfileName::parse(name)?,
        };
        Ok(Setting { class, profile })
    }
}

/// A case's `expect` object, the shape `parseCases()` gives: every field optional. Read member
/// by member (`lib.rs`), not by serde: a derived `Deserialize` cost the package 1.4 KB.
#[derive(Debug, Default)]
pub struct ExpectInput {
    /// `service-name:port` or `resource:Kind/name`.
    pub backend: Option<String>,
    /// An outcome's name (`rule`, `no-match`…).
    pub outcome: Option<String>,
    /// `namespace/name`.
    pub ingress: Option<String>,
    /// The winning rule path.
    pub path: Option<String>,
    /// The winning path's type.
    pub path_type: Option<String>,
    /// The Secret name, or `default`.
    pub tls: Option<String>,
    /// The HTTP status the client receives.
    pub status: Option<f64>,
    /// The redirect's `Location` header.
    pub location: Option<String>,
    /// Gateway API: the answering route, the listener, the rule, the backend's namespace, and the
    /// path and Host the backend receives.
    pub gateway: GatewayExpectInput,
}

/// A Gateway API case's own expectations (`parseCases()`'s names), as text.
#[derive(Debug, Default)]
pub struct GatewayExpectInput {
    /// `namespace/name` of the route.
    pub route: Option<String>,
    /// The listener's name.
    pub listener: Option<String>,
    /// The rule, by index or name.
    pub rule: Option<String>,
    /// The backend's namespace.
    pub namespace: Option<String>,
    /// The path and query the backend receives.
    pub upstream_path: Option<String>,
    /// The Host the backend receives.
    pub upstream_host: Option<String>,
}

impl ExpectInput {
    /// The engine's expectation.
    pub fn resolve(self) -> Result<Expect, String> {
        let mut expect = Expect::default();
        match self.outcome.as_deref().map(|name| (name, Outcome::parse(name))) {
            None => {}
            Some((_, Some(outcome))) => expect.outcome = Some(outcome),
            #[cfg(feature = "gateway")]
            Some((name, None)) if ingress_engine::gateway::GatewayOutcome::parse(name).is_some() => {
                expect.gateway_outcome = ingress_engine::gateway::GatewayOutcome::parse(name);
            }
            Some((name, None)) => return Err(format!("expect.outcome: unknown outcome {name:?}")),
        }
        let path_type = match self.path_type {
            None => None,
            Some(name) => Some(ingress_engine::model::PathType::parse(&name).ok_or_else(|| {
                format!("expect.pathType: {name:?} is not one of {}", ingress_engine::model::PathType::NAMES.join(", "))
            })?),
        };
        let status = match self.status {
            None => None,
            Some(n) if n.fract() == 0.0 && (100.0..=599.0).contains(&n) => Some(n as u16),
            Some(n) => return Err(format!("expect.status: {n} is not an HTTP status (a number from 100 to 599)")),
        };
        let ExpectInput { backend, ingress, path, tls, location, gateway, .. } = self;
        let GatewayExpectInput { route, listener, rule, namespace, upstream_path, upstream_host } = gateway;
        Ok(Expect {
            backend,
            ingress,
            path,
            path_type,
            tls,
            status,
            location,
            route,
            listener,
            rule,
            namespace,
            upstream_path,
            upstream_host,
            ..expect
        })
    }
}

/// The message for a key an object should not have.
pub fn unknown_key(object: &str, key: &str, allowed: &[&str]) -> String {
    format!("{object} has an unknown key {key:?} (expected {})", allowed.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(name: Option<&str>, text: Option<&str>) -> SourceInput {
        SourceInput { name: name.map(str::to_string), text: text.map(str::to_string) }
    }

    #[test]
    fn named_sources_need_a_name_of_their_own_and_a_text() {
        let two = vec![source(Some("a.yaml"), Some("a: 1")), source(Some("b.yaml"), Some(""))];
        let read = ManifestInput::named(two, "yaml").unwrap();
        assert_eq!(read, ManifestInput::Named(vec![Source::new("a.yaml", "a: 1"), Source::new("b.yaml", "")]));
        assert_eq!(read.sources().len(), 2);
        let error = |sources| ManifestInput::named(sources, "yaml").unwrap_err();
        assert!(error(vec![source(None, Some("a: 1"))]).starts_with("yaml[0].name is missing or empty"));
        assert!(error(vec![source(Some(" "), Some("a: 1"))]).starts_with("yaml[0].name is missing or empty"));
        assert!(error(vec![source(Some("a"), None)]).starts_with("yaml[0].text is missing"));
        let twice = error(vec![source(Some("a"), Some("")), source(Some("a"), Some(""))]);
        assert_eq!(twice, "yaml[1].name \"a\" is given twice: each source needs a name of its own");
    }
    use ingress_engine::Scheme;

    fn host_path(host: &str, path: &str) -> RequestInput {
        RequestInput { host: Some(host.into()), path: Some(path.into()), ..Default::default() }
    }

    fn url(url: &str) -> RequestInput {
        RequestInput { url: Some(url.into()), ..Default::default() }
    }

    #[test]
    fn compare_options_default_to_every_profile_and_reject_unknown_names() {
        let all = CompareOptionsInput::default().resolve().unwrap();
        assert_eq!((all.class, all.profiles.len(), all.explain), (None, Profile::ALL.len(), true));
        let named = CompareOptionsInput {
            class: Some(String::new()),
            profiles: Some(vec!["traefik".into()]),
            explain: Some(false),
        };
        assert_eq!(
            named.resolve().unwrap(),
            CompareOptions { class: None, profiles: vec![Profile::Traefik], explain: false }
        );
        let unknown = CompareOptionsInput { profiles: Some(vec!["envoy".into()]), ..Default::default() };
        let message = unknown.resolve().unwrap_err();
        assert!(message.starts_with("options.profiles: unknown profile \"envoy\""), "{message}");
    }

    #[test]
    fn host_and_path_make_a_plain_http_request() {
        let request = host_path("foo.bar.com", "/api").into_request().unwrap();
        assert_eq!(request, Request::new("foo.bar.com", "/api"));
        assert_eq!(request.scheme, Scheme::Http);
    }

    #[test]
    fn sni_makes_the_request_https() {
        let input = RequestInput { sni: Some("tls.bar.com".into()), ..host_path("foo.bar.com", "/") };
        let request = input.into_request().unwrap();
        assert_eq!(request.scheme, Scheme::Https);
        assert_eq!(request.sni.as_deref(), Some("tls.bar.com"));
    }

    #[test]
    fn https_url_implies_sni_unless_given() {
        assert_eq!(url("https://foo.bar.com/x").into_request().unwrap().sni.as_deref(), Some("foo.bar.com"));
        let given = RequestInput { sni: Some("other.com".into()), ..url("https://foo.bar.com/x") };
        assert_eq!(given.into_request().unwrap().sni.as_deref(), Some("other.com"));
        assert_eq!(url("http://foo.bar.com/x").into_request().unwrap().sni, None);
    }

    #[test]
    fn bad_requests_say_what_is_wrong() {
        let message = |input: RequestInput| input.into_request().unwrap_err();
        assert_eq!(message(RequestInput::default()), "request.url: give a URL, or a host and a path");
        assert!(message(RequestInput { path: Some("/".into()), ..url("http://a/") })
            .starts_with("request.path: the URL carries"));
        assert_eq!(message(host_path(" ", "/")), "request.host: the host is empty");
        assert!(message(url("ftp://a/")).starts_with("request.url: scheme \"ftp\""));
        let header = RequestInput { headers: Some(vec![("X Y".into(), "1".into())]), ..url("http://a/") };
        assert!(message(header).starts_with("request.headers: header name \"X Y\""));
        let method = RequestInput { method: Some("G T".into()), ..url("http://a/") };
        assert!(message(method).starts_with("request.method: "));
    }

    #[test]
    fn method_headers_cookies_and_a_host_override() {
        let input = RequestInput {
            host: Some("other.com".into()),
            method: Some("DELETE".into()),
            headers: Some(vec![("X-Canary".into(), "always".into())]),
            cookies: Some(vec![("beta".into(), "never".into())]),
            ..url("https://a.com/x")
        };
        let request = input.into_request().unwrap();
        assert_eq!(
            (request.host.as_str(), request.sni.as_deref(), request.method.as_str()),
            ("other.com", Some("a.com"), "DELETE")
        );
        assert_eq!(request.headers, [("X-Canary".to_string(), "always".to_string())]);
        assert_eq!(request.cookies, [("beta".to_string(), "never".to_string())]);
        assert_eq!(RequestInput { host: Some("a".into()), ..Default::default() }.into_request().unwrap().path, "/");
    }

    #[test]
    fn options_resolve_with_case_file_defaults() {
        let defaults = Defaults { class: Some("nginx"), profile: Some("spec") };
        let resolved = OptionsInput::default().resolve(defaults).unwrap();
        assert_eq!(resolved, Setting { class: Some("nginx".into()), profile: Profile::Spec.into() });
        let explicit = OptionsInput { class: Some("traefik".into()), profile: None };
        assert_eq!(explicit.resolve(defaults).unwrap().class.as_deref(), Some("traefik"));
        let empty = OptionsInput { class: Some(String::new()), profile: Some(String::new()) };
        assert_eq!(empty.resolve(Defaults::default()).unwrap(), Setting::default());
    }

    #[test]
    fn route_options_explain_unless_told_not_to() {
        let (options, explain) = RouteOptionsInput::default().resolve().unwrap();
        assert_eq!((options, explain), (Setting::default(), Explain::Yes));
        let fast = RouteOptionsInput { profile: Some("traefik".into()), explain: Some(false), ..Default::default() };
        assert_eq!(fast.resolve().unwrap(), (Setting { class: None, profile: Profile::Traefik.into() }, Explain::No));
        let early = RouteOptionsInput { analysis: Some(false), ..Default::default() };
        assert_eq!(early.resolve().unwrap().1, Explain::BeforeAnalysis);
        let unknown = RouteOptionsInput { profile: Some("nginx".into()), ..Default::default() };
        assert!(unknown.resolve().unwrap_err().starts_with("unknown profile \"nginx\""));
    }

    #[test]
    fn expectations_read_outcomes_by_name() {
        let input = ExpectInput { outcome: Some("no-match".into()), tls: Some("default".into()), ..Default::default() };
        let expect = input.resolve().unwrap();
        assert_eq!((expect.outcome, expect.tls.as_deref()), (Some(Outcome::NoMatch), Some("default")));
        let status = |n| ExpectInput { status: Some(n), ..Default::default() }.resolve();
        assert_eq!(status(308.0).unwrap().status, Some(308));
        assert_eq!(status(42.5).unwrap_err(), "expect.status: 42.5 is not an HTTP status (a number from 100 to 599)");
        assert!(status(600.0).is_err());
        let wrong = ExpectInput { outcome: Some("nomatch".into()), ..Default::default() };
        assert_eq!(wrong.resolve().unwrap_err(), "expect.outcome: unknown outcome \"nomatch\"");
    }

    #[test]
    fn unknown_profiles_list_the_known_ones() {
        let input = OptionsInput { profile: Some("nginx".into()), ..Default::default() };
        let message = input.resolve(Defaults::default()).unwrap_err();
        assert!(message.starts_with("unknown profile \"nginx\"; known profiles: "), "{message}");
        assert!(message.contains("spec"), "{message}");
        let from_file = OptionsInput::default().resolve(Defaults { profile: Some("haproxy"), class: None });
        assert!(from_file.unwrap_err().contains("\"haproxy\""));
    }

    #[test]
    fn profiles_take_a_version() {
        let resolve =
            |name: &str| OptionsInput { profile: Some(name.into()), ..Default::default() }.resolve(Defaults::default());
        assert_eq!(resolve("traefik@3.6").unwrap().profile.ingress(), Ok(Profile::TraefikV3_6));
        assert_eq!(resolve("traefik@3.7").unwrap().profile.ingress(), Ok(Profile::Traefik));
        let message = resolve("ingress-nginx@1.13").unwrap_err();
        assert!(message.contains("known: ingress-nginx (= ingress-nginx@1.15), ingress-nginx@1.14.2"), "{message}");
    }
}
