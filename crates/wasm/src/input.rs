//! What the JS caller passes in, once decoded into Rust structs, and how it becomes engine input.
//!
//! Everything here is plain Rust (no JS values), so it is unit-tested natively; `js.rs` does the
//! decoding from JS objects. Errors are sentences without the function name: the export adds it.

use ingress_engine::{Options, Profile, Request};
use serde::Deserialize;

/// The keys a request object may have, in the order error messages list them.
pub const REQUEST_KEYS: &[&str] = &["url", "host", "path", "sni"];

/// The keys an options object may have.
pub const OPTIONS_KEYS: &[&str] = &["class", "profile"];

/// The keys a `compare()` options object may have.
pub const COMPARE_OPTIONS_KEYS: &[&str] = &["class", "profiles[]", "explain?"];

/// The keys of `Simulation.route()`'s options (`explain` is a boolean).
pub const ROUTE_OPTIONS_KEYS: &[&str] = &["class", "profile", "explain?"];

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
}

/// The options object: `{ class?, profile? }`.
#[derive(Debug, Default, Deserialize)]
pub struct OptionsInput {
    /// The IngressClass to simulate.
    pub class: Option<String>,
    /// The routing profile's name.
    pub profile: Option<String>,
}

/// `Simulation.route()`'s options: `{ class?, profile?, explain? }`.
#[derive(Debug, Default, Deserialize)]
pub struct RouteOptionsInput {
    /// The IngressClass to simulate.
    pub class: Option<String>,
    /// The routing profile's name.
    pub profile: Option<String>,
    /// `false`: the decision without its explanation (faster); default `true`.
    pub explain: Option<bool>,
}

impl RouteOptionsInput {
    /// The engine options and whether to explain.
    pub fn resolve(self) -> Result<(Options, bool), String> {
        let options = OptionsInput { class: self.class, profile: self.profile }.resolve(Defaults::default())?;
        Ok((options, self.explain.unwrap_or(true)))
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
                .map(|n| Profile::parse(n).ok_or_else(|| format!("options.profiles: {}", unknown_profile(n))))
                .collect::<Result<_, _>>()?,
        };
        Ok(CompareOptions { class, profiles, explain: self.explain.unwrap_or(true) })
    }
}

impl RequestInput {
    /// The engine request this object describes.
    pub fn into_request(self) -> Result<Request, String> {
        let request = match (self.url, self.host, self.path) {
            (Some(_), Some(_), _) => {
                return Err("request has both url and host: give { url } or { host, path }, not both".into())
            }
            (Some(_), None, Some(_)) => {
                return Err("request has both url and path: the URL carries the path, give { url } alone".into())
            }
            (Some(url), None, None) => Request::from_url(&url).map_err(|e| format!("request.url: {e}"))?,
            (None, Some(host), Some(path)) if !host.trim().is_empty() => Request::new(host, path),
            (None, Some(_), Some(_)) => return Err("request.host is empty".into()),
            (None, Some(_), None) => {
                return Err("request.path is missing: give { host, path } (use \"/\" for the root)".into())
            }
            (None, None, _) => return Err("request needs url, or host and path".into()),
        };
        Ok(match self.sni {
            Some(sni) => request.with_sni(sni),
            None => request,
        })
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
    /// The engine options, an empty class meaning "not chosen".
    pub fn resolve(self, defaults: Defaults<'_>) -> Result<Options, String> {
        let non_empty = |s: &String| !s.is_empty();
        let class = self.class.filter(non_empty).or_else(|| defaults.class.map(str::to_string));
        let profile = match self.profile.filter(non_empty).as_deref().or(defaults.profile) {
            None => Profile::default(),
            Some(name) => Profile::parse(name).ok_or_else(|| unknown_profile(name))?,
        };
        Ok(Options { class, profile })
    }
}

fn unknown_profile(name: &str) -> String {
    let known: Vec<&str> = Profile::ALL.iter().map(|p| p.name()).collect();
    format!("unknown profile {name:?}; known profiles: {}", known.join(", "))
}

/// The message for a key an object should not have.
pub fn unknown_key(object: &str, key: &str, allowed: &[&str]) -> String {
    format!("{object} has an unknown key {key:?} (expected {})", allowed.join(", "))
}

#[cfg(test)]
mod tests {
    use super::*;
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
        assert!(message(RequestInput::default()).contains("needs url, or host and path"));
        assert!(message(RequestInput { url: Some("http://a/".into()), ..host_path("a", "/") })
            .contains("both url and host"));
        assert!(message(RequestInput { path: Some("/".into()), ..url("http://a/") }).contains("both url and path"));
        assert!(
            message(RequestInput { host: Some("a".into()), ..Default::default() }).contains("request.path is missing")
        );
        assert!(message(host_path(" ", "/")).contains("request.host is empty"));
        assert!(message(url("ftp://a/")).starts_with("request.url: scheme \"ftp\""));
    }

    #[test]
    fn options_resolve_with_case_file_defaults() {
        let defaults = Defaults { class: Some("nginx"), profile: Some("spec") };
        let resolved = OptionsInput::default().resolve(defaults).unwrap();
        assert_eq!(resolved, Options { class: Some("nginx".into()), profile: Profile::Spec });
        let explicit = OptionsInput { class: Some("traefik".into()), profile: None };
        assert_eq!(explicit.resolve(defaults).unwrap().class.as_deref(), Some("traefik"));
        let empty = OptionsInput { class: Some(String::new()), profile: Some(String::new()) };
        assert_eq!(empty.resolve(Defaults::default()).unwrap(), Options::default());
    }

    #[test]
    fn route_options_explain_unless_told_not_to() {
        let (options, explain) = RouteOptionsInput::default().resolve().unwrap();
        assert_eq!((options, explain), (Options::default(), true));
        let fast = RouteOptionsInput { profile: Some("traefik".into()), explain: Some(false), class: None };
        assert_eq!(fast.resolve().unwrap(), (Options { class: None, profile: Profile::Traefik }, false));
        let unknown = RouteOptionsInput { profile: Some("nginx".into()), ..Default::default() };
        assert!(unknown.resolve().unwrap_err().starts_with("unknown profile \"nginx\""));
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
}
