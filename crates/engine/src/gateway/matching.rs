//! The predicates of Gateway API matching, written once (G4, G5): hostnames, paths, headers,
//! query parameters, methods. The table compiles conditions into these forms; select and explain
//! both call them, so a candidate is judged the same way in both.

use regex_lite::Regex;

/// Longest regular expression compiled (a bound on compile time for pasted input).
const MAX_REGEX_LEN: usize = 1024;

/// Compiles a pattern for a full match (Envoy `safe_regex` semantics: RE2 syntax, the whole value
/// must match), or says why it cannot be.
pub(crate) fn full_match_regex(pattern: &str) -> Result<Box<Regex>, String> {
    if pattern.len() > MAX_REGEX_LEN {
        return Err(format!("longer than {MAX_REGEX_LEN} characters"));
    }
    regex_lite::RegexBuilder::new(&format!("^(?:{pattern})$"))
        .size_limit(1 << 20)
        .nest_limit(64)
        .build()
        .map(Box::new)
        .map_err(|e| e.to_string().lines().last().unwrap_or("invalid regex").trim().to_string())
}

/// G4: does a hostname (lower case; `*.d` a wildcard, `""` any host) match a request host (lower
/// case, without port)? `*.d` matches any host with at least one label before `.d`
/// (`apis/v1/httproute_types.go` `HTTPRouteSpec.Hostnames`: "`*.example.com` would match both
/// `test.example.com`, and `foo.test.example.com`, but not `example.com`").
pub(crate) fn hostname_matches(hostname: &str, host: &str) -> bool {
    if hostname.is_empty() {
        return true;
    }
    match hostname.strip_prefix('*') {
        Some(suffix) => host.len() > suffix.len() && host.ends_with(suffix) && suffix.starts_with('.'),
        None => hostname == host,
    }
}

/// The specificity of a hostname, larger first (G2, G6): an exact name before every wildcard,
/// a wildcard by the characters after `*` (equivalently, more dots after it), any host last.
pub(crate) fn hostname_rank(hostname: &str) -> (u8, usize) {
    if hostname.is_empty() {
        (0, 0)
    } else if let Some(suffix) = hostname.strip_prefix('*') {
        (1, suffix.len())
    } else {
        (2, hostname.len())
    }
}

/// G3: the intersection of a listener hostname and a route hostname, as the effective hostname
/// the route serves on that listener (the more specific of the two), or `None` when they do not
/// intersect (`HTTPRouteSpec.Hostnames`: listener `*.example.com` and route `test.example.com`
/// → `test.example.com`; listener `test.example.com` and route `*.example.com` →
/// `test.example.com`).
pub(crate) fn intersect(listener: &str, route: &str) -> Option<String> {
    if listener.is_empty() {
        return Some(route.to_string());
    }
    if route.is_empty() {
        return Some(listener.to_string());
    }
    match (listener.strip_prefix('*'), route.strip_prefix('*')) {
        (None, None) => (listener == route).then(|| route.to_string()),
        (Some(_), None) => hostname_matches(listener, route).then(|| route.to_string()),
        (None, Some(_)) => hostname_matches(route, listener).then(|| listener.to_string()),
        (Some(l), Some(r)) => {
            if r.ends_with(l) {
                Some(route.to_string())
            } else if l.ends_with(r) {
                Some(listener.to_string())
            } else {
                None
            }
        }
    }
}

/// A path condition, compiled.
#[derive(Clone, Debug)]
pub(crate) enum PathCondition {
    /// `Exact`: byte for byte, case-sensitive.
    Exact(String),
    /// `PathPrefix`: element-wise; the value with its trailing `/` dropped (`/` → `""`).
    Prefix {
        /// The value as written.
        written: String,
        /// Without its trailing slashes.
        trimmed: String,
    },
    /// `RegularExpression`: a full match on the path.
    Regex {
        /// The pattern as written.
        written: String,
        /// Compiled (`None`: it does not compile; it never matches and the route says so).
        regex: Option<Box<Regex>>,
    },
}

impl PathCondition {
    /// A prefix condition.
    pub fn prefix(value: &str) -> PathCondition {
        PathCondition::Prefix { written: value.to_string(), trimmed: value.trim_end_matches('/').to_string() }
    }

    /// The value as written.
    pub fn written(&self) -> &str {
        match self {
            PathCondition::Exact(v) => v,
            PathCondition::Prefix { written, .. } | PathCondition::Regex { written, .. } => written,
        }
    }

    /// G5: does the request path (without query) satisfy the condition? PathPrefix:
    /// `apis/v1/httproute_types.go` `PathMatchPathPrefix`: "`/abc`, `/abc/`, and `/abc/def` would all
    /// match the prefix `/abc`, but the path `/abcd` would not".
    pub fn matches(&self, path: &str) -> bool {
        match self {
            PathCondition::Exact(value) => path == value,
            PathCondition::Prefix { trimmed, .. } => prefix_matches(trimmed, path),
            PathCondition::Regex { regex, .. } => regex.as_ref().is_some_and(|r| r.is_match(path)),
        }
    }
}

/// Element-wise prefix on a trimmed prefix (`""` matches every path).
pub(crate) fn prefix_matches(trimmed: &str, path: &str) -> bool {
    path.starts_with(trimmed) && matches!(path.as_bytes().get(trimmed.len()), None | Some(b'/'))
}

/// A header or query value condition.
#[derive(Clone, Debug)]
pub(crate) enum ValueCondition {
    /// Equal, byte for byte.
    Exact(String),
    /// A full regex match (`None`: does not compile, never matches).
    Regex(String, Option<Box<Regex>>),
}

impl ValueCondition {
    /// Does a value satisfy it?
    pub fn matches(&self, value: &str) -> bool {
        match self {
            ValueCondition::Exact(v) => v == value,
            ValueCondition::Regex(_, regex) => regex.as_ref().is_some_and(|r| r.is_match(value)),
        }
    }

    /// True for an exact condition.
    pub fn is_exact(&self) -> bool {
        matches!(self, ValueCondition::Exact(_))
    }

    /// The value or pattern as written.
    pub fn written(&self) -> &str {
        match self {
            ValueCondition::Exact(v) | ValueCondition::Regex(v, _) => v,
        }
    }
}

/// Does the request's header `name` satisfy `condition` (G5)? The same value as
/// [`header_value`], without building it when the request has one line of that name.
pub(crate) fn header_matches(request: &crate::request::Request, name: &str, condition: &ValueCondition) -> bool {
    if name.eq_ignore_ascii_case("host") {
        return condition.matches(&request.host);
    }
    let mut lines = request.header_values(name);
    match (lines.next(), lines.next()) {
        (None, _) => false,
        (Some(one), None) => condition.matches(one),
        (Some(_), Some(_)) => header_value(request, name).is_some_and(|v| condition.matches(&v)),
    }
}

/// The value a header condition reads from a request: the values of every line with that name
/// (case-insensitive), joined with `,` as RFC 9110 §5.3 combines them (Envoy does the same before
/// matching); `Host` is the request's host. `None` when the request has no such header.
pub(crate) fn header_value(request: &crate::request::Request, name: &str) -> Option<String> {
    if name.eq_ignore_ascii_case("host") {
        return Some(request.host.clone());
    }
    let mut values = request.header_values(name).peekable();
    values.peek()?;
    Some(values.collect::<Vec<_>>().join(","))
}

/// The first value of a query parameter (`apis/v1/httproute_types.go` `HTTPQueryParamMatch.Name`:
/// "it is *recommended* that implementations should match against the first value"); names are
/// compared exactly. A parameter without `=` has the value `""`.
pub(crate) fn query_value<'q>(query: &'q str, name: &str) -> Option<&'q str> {
    query.split('&').find_map(|pair| {
        let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
        (key == name).then_some(value)
    })
}

/// Splits `path?query#fragment` into the path (`/` when empty) and the query (without `?`).
pub(crate) fn split_path(raw: &str) -> (&str, &str) {
    let raw = raw.split('#').next().unwrap_or("");
    let (path, query) = raw.split_once('?').unwrap_or((raw, ""));
    (if path.is_empty() { "/" } else { path }, query)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcards_span_labels_and_need_one() {
        assert!(hostname_matches("*.example.com", "foo.example.com"));
        assert!(hostname_matches("*.example.com", "foo.bar.example.com"));
        assert!(!hostname_matches("*.example.com", "example.com"));
        assert!(!hostname_matches("*.example.com", "fooexample.com"));
        assert!(hostname_matches("", "anything"));
    }

    #[test]
    fn intersections_as_the_spec_lists_them() {
        assert_eq!(intersect("test.example.com", "").as_deref(), Some("test.example.com"));
        assert_eq!(intersect("test.example.com", "*.example.com").as_deref(), Some("test.example.com"));
        assert_eq!(intersect("*.example.com", "foo.test.example.com").as_deref(), Some("foo.test.example.com"));
        assert_eq!(intersect("*.example.com", "example.com"), None);
        assert_eq!(intersect("*.example.com", "*.foo.example.com").as_deref(), Some("*.foo.example.com"));
        assert_eq!(intersect("*.foo.example.com", "*.example.com").as_deref(), Some("*.foo.example.com"));
        assert_eq!(intersect("*.example.com", "*.example.net"), None);
    }

    #[test]
    fn prefixes_are_element_wise() {
        let p = PathCondition::prefix("/abc");
        assert!(p.matches("/abc") && p.matches("/abc/") && p.matches("/abc/def"));
        assert!(!p.matches("/abcd"));
        let slash = PathCondition::prefix("/abc/");
        assert!(slash.matches("/abc") && !slash.matches("/abcd"));
        assert!(PathCondition::prefix("/").matches("/anything"));
    }

    #[test]
    fn queries_take_the_first_value() {
        assert_eq!(query_value("a=1&a=2&b", "a"), Some("1"));
        assert_eq!(query_value("a=1&b", "b"), Some(""));
        assert_eq!(query_value("A=1", "a"), None);
        assert_eq!(split_path("/x?q=1#f"), ("/x", "q=1"));
        assert_eq!(split_path("?q"), ("/", "q"));
    }
}
