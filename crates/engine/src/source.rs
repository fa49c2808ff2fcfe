//! Source positions: every model element remembers where it was written.

use serde::Serialize;

/// A position in the input text. Lines and columns are 1-based; `offset` is a byte offset.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Pos {
    /// 1-based line number in the whole input (not per document).
    pub line: u32,
    /// 1-based column, counted in characters.
    pub column: u32,
}

/// A range of the input, from `start` (inclusive) to `end` (exclusive), inside one YAML document.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize)]
pub struct Span {
    /// 0-based index of the YAML document (`---`-separated) the range lies in.
    pub doc: u32,
    /// Where the range starts.
    pub start: Pos,
    /// Where the range ends.
    pub end: Pos,
}

impl Span {
    /// A zero-width span at one position.
    pub fn point(doc: u32, line: u32, column: u32) -> Span {
        let pos = Pos { line, column };
        Span { doc, start: pos, end: pos }
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

impl std::fmt::Display for Span {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
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
placeless!(String, bool, usize, i64);

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
