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
