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
