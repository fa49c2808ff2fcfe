//! Several input files joined into one YAML stream, and positions in that stream mapped back to
//! the file and line they came from.
//!
//! Files are joined with a `---` line between them, so each starts a new YAML document. A file
//! that does not end with a newline gets one first, so the separator always has a line of its own.

use crate::input::Source;
use ingress_engine::source::{Pos, Span};

/// The joined text and where each file lies in it.
#[derive(Debug, Clone)]
pub struct SourceMap {
    text: String,
    files: Vec<FileExtent>,
}

#[derive(Debug, Clone)]
struct FileExtent {
    name: String,
    /// The line of the joined text that holds the file's line 1.
    first_line: u32,
    /// How many lines the file has (a last line without newline counts).
    line_count: u32,
}

/// A position inside one input file; `line` and `column` are 1-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Location<'a> {
    pub file: &'a str,
    pub line: u32,
    pub column: u32,
}

impl std::fmt::Display for Location<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// A span of the joined text mapped into one file: `end` is clamped to that file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct FileSpan<'a> {
    pub start: Location<'a>,
    pub end: Location<'a>,
}

const SEPARATOR: &str = "---\n";

impl SourceMap {
    /// Joins the files in order.
    pub fn join(sources: &[Source]) -> SourceMap {
        let mut text = String::with_capacity(sources.iter().map(|s| s.text.len() + SEPARATOR.len() + 1).sum());
        let mut files = Vec::with_capacity(sources.len());
        let mut next_line = 1u32;
        for (index, source) in sources.iter().enumerate() {
            if index > 0 {
                text.push_str(SEPARATOR);
                next_line += 1;
            }
            text.push_str(&source.text);
            if !source.text.is_empty() && !source.text.ends_with('\n') {
                text.push('\n');
            }
            let line_count = count_lines(&source.text);
            files.push(FileExtent { name: source.name.clone(), first_line: next_line, line_count });
            next_line = next_line.saturating_add(line_count);
        }
        SourceMap { text, files }
    }

    /// The joined YAML stream.
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The file names, in command-line order.
    pub fn file_names(&self) -> impl Iterator<Item = &str> {
        self.files.iter().map(|f| f.name.as_str())
    }

    /// The file and line a position of the joined text came from; `None` for an unplaced
    /// position (line 0). The separator line after a file is that file's end (its last line + 1):
    /// where the YAML parser reports a document that ends too early.
    pub fn locate(&self, pos: Pos) -> Option<Location<'_>> {
        if pos.line == 0 || self.files.is_empty() {
            return None;
        }
        let index = self.files.partition_point(|f| f.first_line <= pos.line).max(1) - 1;
        let file = &self.files[index];
        let line = pos.line.saturating_sub(file.first_line) + 1;
        Some(Location { file: &file.name, line, column: pos.column })
    }

    /// A span mapped into the file where it starts; an end beyond that file is clamped to the
    /// file's end.
    pub fn locate_span(&self, span: Span) -> Option<FileSpan<'_>> {
        let start = self.locate(span.start)?;
        let end = match self.locate(span.end) {
            Some(end) if end.file == start.file => end,
            _ => self.end_of(start.file),
        };
        Some(FileSpan { start, end })
    }

    /// `file:line:column` of a span's start, or `""` when it has no place.
    pub fn describe(&self, span: Option<Span>) -> String {
        span.and_then(|s| self.locate(s.start)).map(|l| l.to_string()).unwrap_or_default()
    }

    fn end_of<'a>(&'a self, name: &'a str) -> Location<'a> {
        let line_count = self.files.iter().find(|f| f.name == name).map_or(0, |f| f.line_count);
        Location { file: name, line: line_count + 1, column: 1 }
    }
}

fn count_lines(text: &str) -> u32 {
    let newlines = text.bytes().filter(|b| *b == b'\n').count();
    let unterminated_last_line = usize::from(!text.is_empty() && !text.ends_with('\n'));
    u32::try_from(newlines + unterminated_last_line).unwrap_or(u32::MAX)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(name: &str, text: &str) -> Source {
        Source { name: name.into(), text: text.into() }
    }

    fn pos(line: u32, column: u32) -> Pos {
        Pos { line, column }
    }

    fn at(file: &str, line: u32, column: u32) -> Option<Location<'_>> {
        Some(Location { file, line, column })
    }

    #[test]
    fn joins_with_one_separator_line() {
        let map = SourceMap::join(&[source("a", "x: 1\ny: 2\n"), source("b", "z: 3"), source("c", "w: 4\n")]);
        assert_eq!(map.text(), "x: 1\ny: 2\n---\nz: 3\n---\nw: 4\n");
    }

    #[test]
    fn maps_lines_back_to_their_file() {
        let map = SourceMap::join(&[source("a", "x: 1\ny: 2\n"), source("b", "z: 3"), source("c", "w: 4\n")]);
        assert_eq!(map.locate(pos(1, 1)), at("a", 1, 1));
        assert_eq!(map.locate(pos(2, 4)), at("a", 2, 4));
        assert_eq!(map.locate(pos(3, 1)), at("a", 3, 1), "the separator is the end of the file before");
        assert_eq!(map.locate(pos(4, 3)), at("b", 1, 3));
        assert_eq!(map.locate(pos(6, 1)), at("c", 1, 1));
        assert_eq!(map.locate(pos(7, 1)), at("c", 2, 1), "end of input stays in the last file");
        assert_eq!(map.locate(pos(0, 0)), None);
    }

    #[test]
    fn empty_files_take_no_lines() {
        let map = SourceMap::join(&[source("a", ""), source("b", "z: 3\n")]);
        assert_eq!(map.text(), "---\nz: 3\n");
        assert_eq!(map.locate(pos(1, 1)), at("a", 1, 1));
        assert_eq!(map.locate(pos(2, 1)), at("b", 1, 1));
    }

    #[test]
    fn span_end_is_clamped_to_the_start_file() {
        let map = SourceMap::join(&[source("a", "x: 1\ny: 2\n"), source("b", "z: 3\n")]);
        let span = Span { doc: 0, start: pos(2, 1), end: pos(4, 2) };
        let located = map.locate_span(span).unwrap();
        assert_eq!(located.start, Location { file: "a", line: 2, column: 1 });
        assert_eq!(located.end, Location { file: "a", line: 3, column: 1 });
        assert_eq!(map.describe(Some(span)), "a:2:1");
        assert_eq!(map.describe(None), "");
    }
}
