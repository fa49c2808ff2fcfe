//! YAML text → a tree of [`Node`]s that remember their [`Span`]s.
//!
//! serde_yaml gives no positions for values, only for its first error, and it stops at that error.
//! The playground must put every diagnostic on its line, and must keep the good documents of an
//! input whose third document is broken. So we drive the libyaml port that serde_yaml itself uses
//! ([`unsafe_libyaml`]) at the event level, and build our own spanned tree (see ARCHITECTURE.md).
//!
//! Guarantees: never panics, never recurses deeper than [`Limits::max_depth`], and never builds
//! more than [`Limits::max_nodes`] nodes, whatever aliases the input uses (alias bombs).

mod builder;
mod events;
mod split;

use crate::source::{SourceId, Sources, Span};

pub use builder::Limits;

/// One node of a YAML document.
#[derive(Clone, Debug, PartialEq)]
pub struct Node {
    /// What the node holds.
    pub value: Value,
    /// Where it was written (for a collection, from its first to its last character).
    pub span: Span,
    /// An explicit tag such as `!!str`, if one was written.
    pub tag: Option<Box<str>>,
}

/// The content of a [`Node`].
#[derive(Clone, Debug, PartialEq)]
pub enum Value {
    /// A scalar; `plain` is true when it was written without quotes or block indicators, so it may
    /// resolve to a number, a boolean or null.
    Scalar {
        /// The scalar's text, escapes resolved.
        text: String,
        /// Written without quotes or block indicators.
        plain: bool,
    },
    /// A sequence.
    Seq(Vec<Node>),
    /// A mapping, in source order (duplicate keys kept; the decoder reports them).
    Map(Vec<(Node, Node)>),
}

/// What a plain scalar resolves to under the YAML 1.2 core schema (the one Kubernetes clients use
/// for JSON compatibility: `yes`/`on` are strings, `true`/`false` are booleans).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ScalarKind {
    /// `null`, `~` or nothing.
    Null,
    /// `true` / `false`.
    Bool,
    /// An integer.
    Int,
    /// A floating-point number.
    Float,
    /// Anything else, and every quoted or block scalar.
    Str,
}

impl Node {
    /// The scalar's kind, or `None` for a collection.
    pub fn scalar_kind(&self) -> Option<ScalarKind> {
        match &self.value {
            Value::Scalar { text, plain } => {
                Some(if !*plain || self.has_str_tag() { ScalarKind::Str } else { resolve_plain(text) })
            }
            _ => None,
        }
    }

    fn has_str_tag(&self) -> bool {
        matches!(self.tag.as_deref(), Some("tag:yaml.org,2002:str") | Some("!!str"))
    }

    /// True for an explicit or implicit null (`~`, `null`, empty).
    pub fn is_null(&self) -> bool {
        self.scalar_kind() == Some(ScalarKind::Null)
    }

    /// A short description for error messages: "a mapping", "a sequence", "integer 80", …
    pub fn describe(&self) -> String {
        match &self.value {
            Value::Map(_) => "a mapping".into(),
            Value::Seq(_) => "a sequence".into(),
            Value::Scalar { text, .. } => match self.scalar_kind() {
                Some(ScalarKind::Null) => "null".into(),
                Some(ScalarKind::Bool) => format!("boolean {text}"),
                Some(ScalarKind::Int) => format!("integer {text}"),
                Some(ScalarKind::Float) => format!("number {text}"),
                _ => format!("string {text:?}"),
            },
        }
    }
}

fn resolve_plain(text: &str) -> ScalarKind {
    match text {
        "" | "~" | "null" | "Null" | "NULL" => return ScalarKind::Null,
        "true" | "True" | "TRUE" | "false" | "False" | "FALSE" => return ScalarKind::Bool,
        ".inf" | "-.inf" | "+.inf" | ".Inf" | "-.Inf" | "+.Inf" | ".nan" | ".NaN" | ".NAN" => return ScalarKind::Float,
        _ => {}
    }
    let digits = text.strip_prefix(['-', '+']).unwrap_or(text);
    if !digits.is_empty() && digits.bytes().all(|b| b.is_ascii_digit()) {
        return ScalarKind::Int;
    }
    if let Some(hex) = digits.strip_prefix("0x").or_else(|| digits.strip_prefix("0o")) {
        if !hex.is_empty() && hex.bytes().all(|b| b.is_ascii_hexdigit()) {
            return ScalarKind::Int;
        }
    }
    if is_decimal_float(digits) {
        return ScalarKind::Float;
    }
    ScalarKind::Str
}

/// `1.5`, `.5`, `1.`, `1e3`, `2.5E-3` (no sign): the decimal forms `str::parse::<f64>` accepts,
/// checked by hand so the wasm builds carry no float parser (a test compares the two).
fn is_decimal_float(text: &str) -> bool {
    let bytes = text.as_bytes();
    let digits_from = |start: usize| bytes[start..].iter().take_while(|b| b.is_ascii_digit()).count();
    let whole = digits_from(0);
    let mut at = whole;
    let mut fraction = 0;
    if bytes.get(at) == Some(&b'.') {
        fraction = digits_from(at + 1);
        at += 1 + fraction;
    }
    if whole + fraction == 0 {
        return false;
    }
    if matches!(bytes.get(at), Some(b'e' | b'E')) {
        at += 1;
        if matches!(bytes.get(at), Some(b'+' | b'-')) {
            at += 1;
        }
        let exponent = digits_from(at);
        if exponent == 0 {
            return false;
        }
        at += exponent;
    }
    at == bytes.len()
}

/// One `---`-separated document of the input.
#[derive(Clone, Debug)]
pub struct Document {
    /// 0-based document index within its source: the number of `---` separator lines before it.
    pub index: u32,
    /// The root node, or `None` for an empty document or one that failed to parse.
    pub root: Option<Node>,
    /// The whole document's text range.
    pub span: Span,
}

/// A problem found while reading YAML text.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum YamlError {
    /// The text is not valid YAML (libyaml's own message).
    Syntax {
        /// libyaml's description.
        message: String,
        /// Where.
        span: Span,
    },
    /// An alias names an anchor that was not defined before it.
    UnknownAnchor {
        /// The anchor's name.
        anchor: String,
        /// Where.
        span: Span,
    },
    /// Collections nested deeper than the limit.
    TooDeep {
        /// The limit that was hit.
        limit: usize,
        /// Where.
        span: Span,
    },
    /// One document copies more nodes through aliases than the limit (an alias bomb).
    TooManyAliasNodes {
        /// The limit that was hit.
        limit: usize,
        /// Where.
        span: Span,
    },
    /// Expanding aliases (or the input itself) would build more nodes than the limit.
    TooManyNodes {
        /// The limit that was hit.
        limit: usize,
        /// Where.
        span: Span,
    },
}

impl YamlError {
    /// Where the problem is.
    pub fn span(&self) -> Span {
        match self {
            YamlError::Syntax { span, .. }
            | YamlError::UnknownAnchor { span, .. }
            | YamlError::TooDeep { span, .. }
            | YamlError::TooManyAliasNodes { span, .. }
            | YamlError::TooManyNodes { span, .. } => *span,
        }
    }
}

impl std::fmt::Display for YamlError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            YamlError::Syntax { message, .. } => write!(f, "YAML syntax error: {message}"),
            YamlError::UnknownAnchor { anchor, .. } => {
                write!(f, "YAML alias *{anchor} refers to an anchor &{anchor} that is not defined before it")
            }
            YamlError::TooDeep { limit, .. } => {
                write!(f, "YAML nesting is deeper than {limit} levels; no Kubernetes object is that deep")
            }
            YamlError::TooManyAliasNodes { limit, .. } => write!(
                f,
                "YAML aliases in this document expand to more than {limit} nodes (an alias bomb?); the document was not read"
            ),
            YamlError::TooManyNodes { limit, .. } => write!(
                f,
                "YAML expands to more than {limit} nodes (an alias bomb, or an input far larger than any manifest); the document was not read"
            ),
        }
    }
}

impl std::error::Error for YamlError {}

/// Parses every document of every source. A broken document yields an error and `root: None`,
/// and does not stop the documents after it.
pub fn parse_documents<'a>(input: impl Into<Sources<'a>>, limits: &Limits) -> (Vec<Document>, Vec<YamlError>) {
    parse_sources(input.into(), limits)
}

/// [`parse_documents`], compiled once (the generic wrapper only converts its argument: each
/// caller's type would otherwise get a copy of the whole loop, in the wasm builds too).
fn parse_sources(input: Sources<'_>, limits: &Limits) -> (Vec<Document>, Vec<YamlError>) {
    let mut documents = Vec::new();
    let mut errors = Vec::new();
    let mut budget = limits.max_nodes;
    for (index, chunk) in source_chunks(input) {
        let parsed = parse_chunk(&chunk, index, limits, &mut budget);
        documents.extend(parsed.documents);
        errors.extend(parsed.error);
    }
    (documents, errors)
}

pub use split::Chunk;

/// The `---`-separated pieces of one unnamed text, each parsed on its own by [`parse_chunk`].
pub fn chunks(input: &str) -> impl Iterator<Item = Chunk<'_>> {
    split::documents(SourceId::UNNAMED, input)
}

/// The chunks of every source in order, each with its document index within its source.
pub fn source_chunks(sources: Sources<'_>) -> impl Iterator<Item = (u32, Chunk<'_>)> {
    sources.iter().flat_map(|(source, text)| {
        split::documents(source, text)
            .enumerate()
            .map(|(index, chunk)| (u32::try_from(index).unwrap_or(u32::MAX), chunk))
    })
}

/// What [`parse_chunk`] read from one chunk.
#[derive(Clone, Debug)]
pub struct ParsedChunk {
    /// Its documents (normally one; `...` can end one and start another inside a chunk, and
    /// such documents share the chunk's index).
    pub documents: Vec<Document>,
    /// The error that stopped it, if any (then `documents` holds one document with no root).
    pub error: Option<YamlError>,
    /// How many nodes it built, taken from the budget.
    pub nodes: usize,
}

/// Parses one chunk as document `index`, taking its nodes from `budget` (shared by the whole
/// input, so that many small alias bombs are bounded too).
pub fn parse_chunk(chunk: &Chunk<'_>, index: u32, limits: &Limits, budget: &mut usize) -> ParsedChunk {
    let before = *budget;
    let outcome = builder::build(chunk, index, limits, budget);
    let span = Span {
        source: chunk.source,
        doc: index,
        start: crate::source::Pos { line: chunk.first_line, column: 1 },
        end: crate::source::Pos { line: chunk.first_line + chunk.line_count, column: 1 },
    };
    let (documents, error) = match outcome {
        Ok(roots) if roots.is_empty() => (vec![Document { index, root: None, span }], None),
        Ok(roots) => (roots.into_iter().map(|root| Document { index, root, span }).collect(), None),
        Err(error) => (vec![Document { index, root: None, span }], Some(error)),
    };
    ParsedChunk { documents, error, nodes: before - *budget }
}

#[cfg(test)]
mod tests;
