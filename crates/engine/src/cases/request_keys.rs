//! A case's `headers` and `cookies` keys, read into name–value pairs for [`RequestFields`]
//! (which checks the names and values). Errors carry the span of the node they are about.
//!
//! [`RequestFields`]: crate::request::RequestFields

use crate::request::{parse_cookie_pairs, parse_header_line};
use crate::source::Span;
use crate::yaml::{Node, Value};

/// A problem and where it is written.
pub(super) type KeyError = (Span, String);

type Pairs = Vec<(String, String)>;

/// `headers:` as a mapping (`X-Canary: always`) or a list of `"Name: value"` strings.
pub(super) fn headers(node: &Node) -> Result<Pairs, KeyError> {
    match &node.value {
        Value::Map(entries) => pairs(entries),
        Value::Seq(items) => items
            .iter()
            .map(|item| match scalar(item) {
                Some(line) => parse_header_line(line).map_err(|m| (item.span, m)),
                None => Err((item.span, format!("expected a \"Name: value\" string, found {}", item.describe()))),
            })
            .collect(),
        _ if node.is_null() => Ok(Vec::new()),
        _ => Err((node.span, format!("expected a mapping of header names to values, found {}", node.describe()))),
    }
}

/// `cookies:` as a mapping (`canary: always`) or a `Cookie` header's value (`"a=1; b=2"`).
pub(super) fn cookies(node: &Node) -> Result<Pairs, KeyError> {
    match &node.value {
        Value::Map(entries) => pairs(entries),
        _ if node.is_null() => Ok(Vec::new()),
        _ => match scalar(node) {
            Some(text) => parse_cookie_pairs(text).map_err(|m| (node.span, m)),
            None => {
                Err((node.span, format!("expected a mapping of cookie names to values, found {}", node.describe())))
            }
        },
    }
}

/// A list of header names (`absentUpstreamHeaders: [X-A, X-B]`), or one name.
pub(super) fn names(node: &Node) -> Result<Vec<String>, KeyError> {
    match &node.value {
        Value::Seq(items) => items
            .iter()
            .map(|item| {
                scalar(item)
                    .map(str::to_string)
                    .ok_or_else(|| (item.span, format!("expected a header name, found {}", item.describe())))
            })
            .collect(),
        _ if node.is_null() => Ok(Vec::new()),
        _ => match scalar(node) {
            Some(name) => Ok(vec![name.to_string()]),
            None => Err((node.span, format!("expected a list of header names, found {}", node.describe()))),
        },
    }
}

/// The span of the key `field` names (`url`, `headers`, …) among a case's entries.
pub(super) fn span_of(entries: &[(Node, Node)], field: &str) -> Option<Span> {
    entries.iter().find(|(k, _)| scalar(k) == Some(field)).map(|(_, v)| v.span)
}

fn pairs(entries: &[(Node, Node)]) -> Result<Pairs, KeyError> {
    entries
        .iter()
        .map(|(k, v)| match (scalar(k), scalar(v).or(v.is_null().then_some(""))) {
            (Some(name), Some(value)) => Ok((name.to_string(), value.to_string())),
            (None, _) => Err((k.span, format!("expected a name, found {}", k.describe()))),
            (Some(name), None) => Err((v.span, format!("{name}: expected a text value, found {}", v.describe()))),
        })
        .collect()
}

fn scalar(node: &Node) -> Option<&str> {
    match &node.value {
        Value::Scalar { text, .. } if !node.is_null() => Some(text),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use crate::cases::parse_cases;
    use crate::model::PathType;
    use crate::Profile;

    use crate::cases::error_lines as errors;

    #[test]
    fn headers_as_a_mapping_or_lines_and_cookies_as_a_mapping_or_text() {
        let text = "profile: ingress-nginx\ncases:\n- host: a\n  method: PUT\n  headers: {X-Canary: always, X-Empty: }\n  cookies: \"a=1; b=2\"\n  expect: {backend: \"x:1\", pathType: Exact}\n- host: b\n  headers: [\"X-A: 1\", \"Cookie: c=3\"]\n  cookies: {d: \"4\"}\n  expect: {outcome: no-match}\n";
        let (file, errors) = parse_cases(text);
        assert!(errors.is_empty(), "{errors:?}");
        assert_eq!(file.profile, Some(Profile::IngressNginx));
        let first = &file.cases[0].request;
        assert_eq!(first.method, "PUT");
        assert_eq!(first.headers, [("X-Canary".into(), "always".into()), ("X-Empty".into(), String::new())]);
        assert_eq!(first.cookies, [("a".into(), "1".into()), ("b".into(), "2".into())]);
        assert_eq!(file.cases[0].expect.path_type, Some(PathType::Exact));
        let second = &file.cases[1].request;
        assert_eq!(second.headers, [("X-A".to_string(), "1".to_string())]);
        assert_eq!(second.cookies, [("c".into(), "3".into()), ("d".into(), "4".into())]);
    }

    #[test]
    fn bad_request_keys_and_names_are_reported_where_they_are_written() {
        let header = errors("cases:\n- host: a\n  headers: [nocolon]\n  expect: {outcome: rule}\n");
        assert_eq!(header, ["3:13: cases[0].headers: \"nocolon\" is not a header: write it as Name: value"]);
        let kind = errors("cases:\n- host: a\n  headers: 5\n  expect: {outcome: rule}\n");
        assert_eq!(kind, ["3:12: cases[0].headers: expected a mapping of header names to values, found integer 5"]);
        let cookie = errors("cases:\n- host: a\n  cookies: \"novalue\"\n  expect: {outcome: rule}\n");
        assert_eq!(cookie, ["3:12: cases[0].cookies: cookie \"novalue\" has no value: write it as name=value"]);
        let method = errors("cases:\n- host: a\n  method: \"G T\"\n  expect: {outcome: rule}\n");
        assert!(method[0].starts_with("3:11: cases[0].method: \"G T\" is not an HTTP method"), "{method:?}");
        let both = errors("cases:\n- url: http://a/\n  path: /x\n  expect: {outcome: rule}\n");
        assert_eq!(both, ["3:9: cases[0].path: the URL carries the path: give url alone, or host and path"]);
        let profile = errors("profile: haproxy\ncases: []\n");
        assert!(
            profile[0].starts_with("1:10: profile: \"haproxy\" is not one of spec, ingress-nginx, "),
            "{profile:?}"
        );
        let status = errors("cases:\n- host: a\n  expect: {status: 3020}\n");
        assert_eq!(status, ["3:20: cases[0].expect.status: \"3020\" is not an HTTP status (a number from 100 to 599)"]);
        assert_eq!(errors("cases:\n- host: a\n  expect: {status: 302}\n"), Vec::<String>::new());
        let path_type = errors("cases:\n- host: a\n  expect: {outcome: rule, pathType: prefix}\n");
        assert_eq!(
            path_type,
            ["3:37: cases[0].expect.pathType: \"prefix\" is not one of Exact, Prefix, ImplementationSpecific"]
        );
    }
}
