//! Results read back from their JSON shape (feature `readback`).
//!
//! The playground's own engine has no controller profiles: it computes controller decisions in a
//! second wasm module (the JS API package) and receives plain JS objects, the JSON shape every
//! result type serialises to. This module reads such a tree back into [`Decision`],
//! [`Comparison`] and [`CaseReport`], as the exact inverse of their `Serialize`
//! (`tests/readback.rs` checks that over the whole corpus under every profile, including that
//! every key written is read).
//!
//! The tree is abstract ([`Tree`]), so the engine knows nothing of JS: the playground implements
//! it over `JsValue`, the tests over `serde_json::Value`. The readers are written by hand because
//! serde's derived `Deserialize` with serde-wasm-bindgen cost the playground 22 KB gzipped
//! (measured; ARCHITECTURE.md, "profiles on demand").

use crate::cases::{CaseReport, CaseResult, Uncovered};
use crate::class::ClassNames;
use crate::compare::{AnswerGroup, Comparison};
use crate::decision::{
    BackendRef, Decision, Entry, IgnoredAnnotation, MatchedRequest, PortRef, Redirect, ResolvedPort, SplitBranch,
    TlsDecision,
};
use crate::diagnostic::Diagnostic;
use crate::source::{Pos, SourceId, Span};

/// A tree of plain values: objects, arrays, strings, numbers, booleans, null.
pub trait Tree: Sized {
    /// The member `key` of an object; `None` when it is absent or `null`, or this is no object.
    fn member(&self, key: &str) -> Option<Self>;
    /// The value as a string.
    fn string(&self) -> Option<String>;
    /// The value as a number.
    fn number(&self) -> Option<f64>;
    /// The value as a boolean.
    fn boolean(&self) -> Option<bool>;
    /// The elements of an array.
    fn items(&self) -> Option<Vec<Self>>;
}

/// Why a tree is not the shape expected: where (`decisions[1].explanation[0].reason`) and what.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReadError {
    at: String,
    problem: &'static str,
}

impl ReadError {
    /// The value is not a `what` (`"string"`, `"Reason"`, …).
    pub fn expected(what: &'static str) -> ReadError {
        ReadError { at: String::new(), problem: what }
    }

    fn missing() -> ReadError {
        ReadError::expected("a value (it is missing)")
    }

    /// The same error, one level further out (`key` or `[index]`).
    fn within(mut self, step: &str) -> ReadError {
        if !self.at.is_empty() && !self.at.starts_with('[') {
            self.at.insert(0, '.');
        }
        self.at.insert_str(0, step);
        self
    }
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.at.as_str() {
            "" => write!(f, "expected {}", self.problem),
            at => write!(f, "{at}: expected {}", self.problem),
        }
    }
}

impl std::error::Error for ReadError {}

/// A type that reads back from its JSON shape.
pub trait ReadBack: Sized {
    /// Reads a value.
    fn read<T: Tree>(tree: &T) -> Result<Self, ReadError>;

    /// Reads an object member: absent is an error, except for `Option` (`None`) and `Vec` (empty).
    fn read_member<T: Tree>(member: Option<T>) -> Result<Self, ReadError> {
        Self::read(&member.ok_or_else(ReadError::missing)?)
    }
}

/// Reads the member `key` of an object.
pub fn field<V: ReadBack, T: Tree>(tree: &T, key: &str) -> Result<V, ReadError> {
    V::read_member(tree.member(key)).map_err(|e| e.within(key))
}

impl ReadBack for String {
    fn read<T: Tree>(tree: &T) -> Result<String, ReadError> {
        tree.string().ok_or(ReadError::expected("a string"))
    }
}

/// A span's `file`: absent for the one unnamed source.
impl ReadBack for SourceId {
    fn read<T: Tree>(tree: &T) -> Result<SourceId, ReadError> {
        String::read(tree).map(|name| SourceId::named(&name))
    }

    fn read_member<T: Tree>(member: Option<T>) -> Result<SourceId, ReadError> {
        member.map_or(Ok(SourceId::UNNAMED), |tree| SourceId::read(&tree))
    }
}

impl ReadBack for bool {
    fn read<T: Tree>(tree: &T) -> Result<bool, ReadError> {
        tree.boolean().ok_or(ReadError::expected("true or false"))
    }
}

impl ReadBack for f64 {
    fn read<T: Tree>(tree: &T) -> Result<f64, ReadError> {
        tree.number().ok_or(ReadError::expected("a number"))
    }
}

/// Integers travel as JSON numbers (exact up to 2^53).
macro_rules! read_integer {
    ($($ty:ty),+) => {$(
        impl ReadBack for $ty {
            fn read<T: Tree>(tree: &T) -> Result<$ty, ReadError> {
                tree.number()
                    .filter(|n| n.fract() == 0.0 && *n >= <$ty>::MIN as f64 && *n <= <$ty>::MAX as f64)
                    .map(|n| n as $ty)
                    .ok_or(ReadError::expected(concat!("an integer (", stringify!($ty), ")")))
            }
        }
    )+};
}
read_integer!(u16, u32, usize, i64);

impl<V: ReadBack> ReadBack for Option<V> {
    fn read<T: Tree>(tree: &T) -> Result<Option<V>, ReadError> {
        V::read(tree).map(Some)
    }

    fn read_member<T: Tree>(member: Option<T>) -> Result<Option<V>, ReadError> {
        member.map(|tree| V::read(&tree)).transpose()
    }
}

impl<V: ReadBack> ReadBack for Vec<V> {
    fn read<T: Tree>(tree: &T) -> Result<Vec<V>, ReadError> {
        let items = tree.items().ok_or(ReadError::expected("an array"))?;
        items.iter().enumerate().map(|(i, item)| V::read(item).map_err(|e| e.within(&format!("[{i}]")))).collect()
    }

    fn read_member<T: Tree>(member: Option<T>) -> Result<Vec<V>, ReadError> {
        member.map_or(Ok(Vec::new()), |tree| Vec::read(&tree))
    }
}

/// `read_struct!(Type { field: "jsonKey", … })`: a struct whose members map one to one.
macro_rules! read_struct {
    ($($ty:ident { $($field:ident: $key:literal),+ $(,)? })+) => {$(
        impl ReadBack for $ty {
            fn read<T: Tree>(tree: &T) -> Result<$ty, ReadError> {
                Ok($ty { $($field: field(tree, $key)?),+ })
            }
        }
    )+};
}

read_struct! {
    Pos { line: "line", column: "column" }
    Span { source: "file", doc: "doc", start: "start", end: "end" }
    TlsDecision {
        sni: "sni",
        secret_name: "secretName",
        ingress: "ingress",
        entry: "entry",
        matched_host: "matchedHost",
        default_certificate: "defaultCertificate",
        message: "message",
        span: "span",
    }
    Entry {
        verdict: "verdict",
        reason: "reason",
        message: "message",
        ingress: "ingress",
        rule: "rule",
        path_index: "pathIndex",
        host: "host",
        path: "path",
        path_type: "pathType",
        backend: "backend",
        span: "span",
    }
    MatchedRequest { scheme: "scheme", host: "host", path: "path", sni: "sni" }
    Decision {
        outcome: "outcome",
        status: "status",
        ingress: "ingress",
        rule: "rule",
        path_index: "pathIndex",
        host: "host",
        path: "path",
        path_type: "pathType",
        backend: "backend",
        tls: "tls",
        explanation: "explanation",
        diagnostics: "diagnostics",
        profile: "profile",
        profile_version: "profileVersion",
        class: "class",
        rejected: "rejected",
        request: "request",
        span: "span",
        resolved_port: "resolvedPort",
        matched_as: "matchedAs",
        redirect: "redirect",
        upstream_path: "upstreamPath",
        split: "split",
        ignored_annotations: "ignoredAnnotations",
    }
    Redirect { status: "status", location: "location" }
    SplitBranch { backend: "backend", ingress: "ingress", canary: "canary", weight: "weight", selector: "selector", taken: "taken" }
    IgnoredAnnotation { ingress: "ingress", key: "key", span: "span" }
    ResolvedPort { service: "service", name: "name", number: "number" }
    Comparison { agree: "agree", groups: "groups", differences: "differences", decisions: "decisions" }
    AnswerGroup { answer: "answer", profiles: "profiles" }
    CaseResult {
        index: "index",
        name: "name",
        passed: "passed",
        expected: "expected",
        actual: "actual",
        outcome: "outcome",
        backend: "backend",
        ingress: "ingress",
        span: "span",
    }
    Uncovered {
        ingress: "ingress",
        rule: "rule",
        path_index: "pathIndex",
        host: "host",
        path: "path",
        path_type: "pathType",
        backend: "backend",
        span: "span",
        gateway: "gateway",
        listener: "listener",
        route: "route",
        route_kind: "routeKind",
        match_index: "match",
    }
    CaseReport {
        results: "results",
        passed: "passed",
        failed: "failed",
        uncovered: "uncovered",
        coverable: "coverable",
        unlisted: "unlisted",
        coverable_matches: "coverableMatches",
        uncovered_matches: "uncoveredMatches",
    }
    ClassNames { default: "default", names: "names" }
}

/// `{"service":{"name","port":{"number"|"name"}}}` or `{"resource":{"apiGroup","kind","name"}}`.
impl ReadBack for BackendRef {
    fn read<T: Tree>(tree: &T) -> Result<BackendRef, ReadError> {
        if let Some(service) = tree.member("service") {
            let read = || Ok(BackendRef::Service { name: field(&service, "name")?, port: field(&service, "port")? });
            return read().map_err(|e: ReadError| e.within("service"));
        }
        let resource = tree.member("resource").ok_or(ReadError::expected("a service or resource backend"))?;
        let read = || {
            Ok(BackendRef::Resource {
                api_group: field(&resource, "apiGroup")?,
                kind: field(&resource, "kind")?,
                name: field(&resource, "name")?,
            })
        };
        read().map_err(|e: ReadError| e.within("resource"))
    }
}

/// `{"number":80}` or `{"name":"http"}`.
impl ReadBack for PortRef {
    fn read<T: Tree>(tree: &T) -> Result<PortRef, ReadError> {
        if tree.member("number").is_some() {
            return field(tree, "number").map(PortRef::Number);
        }
        match tree.member("name") {
            Some(_) => field(tree, "name").map(PortRef::Name),
            None => Err(ReadError::expected("a port number or name")),
        }
    }
}

/// The flat shape: the span's `file`, `line`, `column`, `endLine`, `endColumn` and `doc` beside the rest.
impl ReadBack for Diagnostic {
    fn read<T: Tree>(tree: &T) -> Result<Diagnostic, ReadError> {
        let line: Option<u32> = field(tree, "line")?;
        let column: Option<u32> = field(tree, "column")?;
        let span = match (line, column) {
            (Some(line), Some(column)) => {
                let end_line: Option<u32> = field(tree, "endLine")?;
                let end_column: Option<u32> = field(tree, "endColumn")?;
                Some(Span {
                    source: field(tree, "file")?,
                    doc: field::<Option<u32>, T>(tree, "doc")?.unwrap_or_default(),
                    start: Pos { line, column },
                    end: Pos { line: end_line.unwrap_or(line), column: end_column.unwrap_or(column) },
                })
            }
            _ => None,
        };
        Ok(Diagnostic {
            severity: field(tree, "severity")?,
            code: field(tree, "code")?,
            message: field(tree, "message")?,
            field: field(tree, "field")?,
            error_type: field(tree, "type")?,
            object: field(tree, "object")?,
            span,
            suggested_profile: field(tree, "suggestedProfile")?,
        })
    }
}
