//! Source positions: every model element remembers where it was written, and in which input.
//!
//! An input is one text or several named ones ([`Sources`]: the files of `ingress-sim -f a.yaml
//! -f b.yaml`, the JS API's `[{name, text}]`). Lines, columns and document indexes count within
//! each source, and every [`Span`] carries its source's [`SourceId`], so a position names its file
//! wherever it ends up (decisions, diagnostics, case reports) and no front end rewrites positions.

use serde::ser::{Serialize, SerializeMap, Serializer};

/// A position in one source. Lines and columns are 1-based.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, serde::Serialize)]
pub struct Pos {
    /// 1-based line number in the source (not per document).
    pub line: u32,
    /// 1-based column, counted in characters.
    pub column: u32,
}

/// Which source a position lies in: [`SourceId::UNNAMED`] for the one unnamed text (the simple
/// case), or an interned file name.
///
/// Names are interned process-wide so that a `Span` stays `Copy` and small (four bytes here) and
/// still serialises its file name wherever it is written, without every result type carrying a
/// table of names. The interner only grows by distinct names (a process reads few files). Ids
/// compare in the order names were first seen, not in input order: sort places by [`input_order`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct SourceId(u32);

/// Every name interned so far; `SourceId(n)` is `NAMES[n - 1]`.
static NAMES: std::sync::Mutex<Vec<&'static str>> = std::sync::Mutex::new(Vec::new());

fn names() -> std::sync::MutexGuard<'static, Vec<&'static str>> {
    // A panic while the lock is held cannot leave the list half-written: keep using it.
    NAMES.lock().unwrap_or_else(std::sync::PoisonError::into_inner)
}

impl SourceId {
    /// The one unnamed source: positions without a file name.
    pub const UNNAMED: SourceId = SourceId(0);

    /// The source named `name` (the same id for the same name).
    pub fn named(name: &str) -> SourceId {
        let mut names = names();
        let index = match names.iter().position(|known| *known == name) {
            Some(index) => index,
            None => {
                names.push(Box::leak(name.into()));
                names.len() - 1
            }
        };
        SourceId(u32::try_from(index + 1).unwrap_or(u32::MAX))
    }

    /// The file name, or `None` for [`SourceId::UNNAMED`].
    pub fn name(self) -> Option<&'static str> {
        let index = usize::try_from(self.0).ok()?.checked_sub(1)?;
        names().get(index).copied()
    }
}

/// One named input text: a file, or a JS `{name, text}`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Source {
    /// How positions in it are named (`a.yaml`, `<stdin>`).
    pub name: String,
    /// Its text.
    pub text: String,
}

impl Source {
    /// A source named `name` holding `text`.
    pub fn new(name: impl Into<String>, text: impl Into<String>) -> Source {
        Source { name: name.into(), text: text.into() }
    }
}

/// What one simulation reads: one unnamed text, or named sources in order (documents are read in
/// that order, as if the files were concatenated, but each counts its own lines).
#[derive(Clone, Copy, Debug)]
pub enum Sources<'a> {
    /// One text without a name (the playground's editor, the JS API's string input).
    Text(&'a str),
    /// Named texts, in order.
    Named(&'a [Source]),
}

impl<'a> Sources<'a> {
    /// Every source's id and text, in order.
    pub fn iter(self) -> impl Iterator<Item = (SourceId, &'a str)> {
        let (text, named) = match self {
            Sources::Text(text) => (Some(text), &[][..]),
            Sources::Named(sources) => (None, sources),
        };
        let text = text.map(|text| (SourceId::UNNAMED, text));
        text.into_iter().chain(named.iter().map(|s| (SourceId::named(&s.name), s.text.as_str())))
    }

    /// How many sources there are.
    pub fn len(self) -> usize {
        match self {
            Sources::Text(_) => 1,
            Sources::Named(sources) => sources.len(),
        }
    }

    /// True when there is no source at all (an empty list of named sources).
    pub fn is_empty(self) -> bool {
        self.len() == 0
    }

    /// Every source's id, in order.
    pub fn ids(self) -> Vec<SourceId> {
        self.iter().map(|(id, _)| id).collect()
    }
}

/// The key that sorts spans into input order: by source (in `order`, the manifest's
/// [`crate::model::Manifest::sources`]), then line and column; at one position, by document.
pub fn input_order(order: &[SourceId], span: Span) -> (usize, u32, u32, u32) {
    let source = order.iter().position(|id| *id == span.source).unwrap_or(order.len());
    (source, span.start.line, span.start.column, span.doc)
}

impl<'a> From<&'a str> for Sources<'a> {
    fn from(text: &'a str) -> Self {
        Sources::Text(text)
    }
}

impl<'a> From<&'a String> for Sources<'a> {
    fn from(text: &'a String) -> Self {
        Sources::Text(text)
    }
}

impl<'a> From<&'a [Source]> for Sources<'a> {
    fn from(sources: &'a [Source]) -> Self {
        Sources::Named(sources)
    }
}

impl<'a> From<&'a Vec<Source>> for Sources<'a> {
    fn from(sources: &'a Vec<Source>) -> Self {
        Sources::Named(sources)
    }
}

/// A range of one source, from `start` (inclusive) to `end` (exclusive), inside one YAML document.
///
/// Serialised as `{"doc", "file", "start", "end"}`; `file` only when the source is named.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Span {
    /// The source the range lies in.
    pub source: SourceId,
    /// 0-based index of the YAML document (`---`-separated) within its source.
    pub doc: u32,
    /// Where the range starts.
    pub start: Pos,
    /// Where the range ends.
    pub end: Pos,
}

impl Serialize for Span {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let file = self.source.name();
        let mut map = serializer.serialize_map(Some(3 + usize::from(file.is_some())))?;
        map.serialize_entry("doc", &self.doc)?;
        if let Some(file) = file {
            map.serialize_entry("file", file)?;
        }
        map.serialize_entry("start", &self.start)?;
        map.serialize_entry("end", &self.end)?;
        map.end()
    }
}

impl Span {
    /// A zero-width span at one position.
    pub fn point(doc: u32, line: u32, column: u32) -> Span {
        let pos = Pos { line, column };
        Span { source: SourceId::UNNAMED, doc, start: pos, end: pos }
    }

    /// The same range in `source`.
    pub fn in_source(self, source: SourceId) -> Span {
        Span { source, ..self }
    }

    /// The file name, when the source is named.
    pub fn file(&self) -> Option<&'static str> {
        self.source.name()
    }

    /// The last line the range touches (a range ending at column 1 ends on the line before).
    pub fn last_line(&self) -> u32 {
        if self.end.column <= 1 && self.end.line > self.start.line {
            self.end.line - 1
        } else {
            self.end.line.max(self.start.line)
        }
    }
}

/// `line:column`, or `file:line:column` in a named source.
impl std::fmt::Display for Span {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if let Some(file) = self.file() {
            write!(f, "{file}:")?;
        }
        write!(f, "{}:{}", self.start.line, self.start.column)
    }
}

/// Moves every place a value holds by whole lines: a document read before, found again lower (or
/// higher) in the input after lines were added (or removed) above it, is moved instead of read
/// again ([`crate::DocumentCache`]).
pub trait MoveLines {
    /// Adds `by` to every line number.
    fn move_lines(&mut self, by: i64);
}

/// Line 0 is no place (`Span::default()`, for what the input does not write) and stays so.
impl MoveLines for Pos {
    fn move_lines(&mut self, by: i64) {
        if self.line > 0 {
            self.line = u32::try_from(i64::from(self.line) + by).unwrap_or(self.line);
        }
    }
}

impl MoveLines for Span {
    fn move_lines(&mut self, by: i64) {
        self.start.move_lines(by);
        self.end.move_lines(by);
    }
}

impl<T: MoveLines> MoveLines for Option<T> {
    fn move_lines(&mut self, by: i64) {
        if let Some(value) = self {
            value.move_lines(by);
        }
    }
}

impl<T: MoveLines> MoveLines for Vec<T> {
    fn move_lines(&mut self, by: i64) {
        self.iter_mut().for_each(|value| value.move_lines(by));
    }
}

impl<A: MoveLines, B: MoveLines> MoveLines for (A, B) {
    fn move_lines(&mut self, by: i64) {
        self.0.move_lines(by);
        self.1.move_lines(by);
    }
}

/// Shared values are moved in a copy of their own (the previous simulator may still hold them).
impl<T: MoveLines + Clone> MoveLines for std::sync::Arc<T> {
    fn move_lines(&mut self, by: i64) {
        std::sync::Arc::make_mut(self).move_lines(by);
    }
}

/// Values without places.
macro_rules! placeless {
    ($($ty:ty),+) => {$(
        impl MoveLines for $ty {
            fn move_lines(&mut self, _: i64) {}
        }
    )+};
}
placeless!(String, bool, usize, i64, SourceId);

/// `move_lines_of! { Type { field, … } … }`: moves every field. The fields are destructured
/// without `..`, so a field added to the type and not listed here does not compile.
macro_rules! move_lines_of {
    ($($ty:ident { $($field:ident),+ $(,)? })+) => {$(
        impl $crate::source::MoveLines for $ty {
            fn move_lines(&mut self, by: i64) {
                let $ty { $($field),+ } = self;
                $($crate::source::MoveLines::move_lines($field, by);)+
            }
        }
    )+};
}
pub(crate) use move_lines_of;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_name_is_interned_once() {
        let a = SourceId::named("source-test-a.yaml");
        assert_eq!(SourceId::named("source-test-a.yaml"), a);
        assert_ne!(SourceId::named("source-test-b.yaml"), a);
        assert_eq!(a.name(), Some("source-test-a.yaml"));
        assert_eq!(SourceId::UNNAMED.name(), None);
    }

    #[test]
    fn a_named_span_serialises_its_file_before_start_and_displays_it() {
        let span = Span::point(1, 7, 3);
        assert_eq!(
            serde_json::to_string(&span).unwrap(),
            r#"{"doc":1,"start":{"line":7,"column":3},"end":{"line":7,"column":3}}"#
        );
        assert_eq!(span.to_string(), "7:3");
        let named = span.in_source(SourceId::named("b.yaml"));
        assert_eq!(
            serde_json::to_string(&named).unwrap(),
            r#"{"doc":1,"file":"b.yaml","start":{"line":7,"column":3},"end":{"line":7,"column":3}}"#
        );
        assert_eq!(named.to_string(), "b.yaml:7:3");
    }

    #[test]
    fn each_source_counts_its_own_lines_and_documents() {
        let sources = [Source::new("one.yaml", "a: 1\n---\nb: 2\n"), Source::new("two.yaml", "c: 3\n")];
        let (documents, errors) = crate::yaml::parse_documents(&sources[..], &crate::yaml::Limits::default());
        assert!(errors.is_empty(), "{errors:?}");
        let places: Vec<_> = documents.iter().map(|d| (d.span.file(), d.index, d.span.start.line)).collect();
        assert_eq!(places, [(Some("one.yaml"), 0, 1), (Some("one.yaml"), 1, 2), (Some("two.yaml"), 0, 1)]);
    }

    #[test]
    fn input_order_follows_the_list_not_the_interning() {
        let (late, early) = (SourceId::named("order-late.yaml"), SourceId::named("order-early.yaml"));
        let order = [early, late];
        assert!(
            input_order(&order, Span::point(0, 9, 1).in_source(early))
                < input_order(&order, Span::point(0, 1, 1).in_source(late))
        );
    }
}
