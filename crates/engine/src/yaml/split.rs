//! Splitting a YAML stream into documents before parsing, so one broken document cannot hide the
//! others: libyaml stops at its first error, and we want to keep every good document.
//!
//! A line that starts with `---` followed by a space, a tab or the end of the line is a document
//! marker in block context (YAML 1.2 §9.1.2; a block scalar's content is always indented, so it
//! cannot start with one). A chunk starts at such a marker and runs to the next one.

/// One `---`-separated piece of the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chunk<'a> {
    /// The chunk's text, marker line included.
    pub text: &'a str,
    /// 1-based line of the chunk's first line in the whole input.
    pub first_line: u32,
    /// How many lines the chunk has.
    pub line_count: u32,
}

fn is_marker(line: &str) -> bool {
    match line.strip_prefix("---") {
        Some(rest) => rest.is_empty() || rest.starts_with([' ', '\t', '\r', '\n']),
        None => false,
    }
}

/// The chunks of `input`; an input with no marker is one chunk. A leading empty chunk (only
/// comments or blank lines before the first `---`) is dropped.
pub(super) fn documents(input: &str) -> impl Iterator<Item = Chunk<'_>> {
    let mut starts = vec![(0usize, 1u32)];
    let mut line = 1u32;
    let mut offset = 0usize;
    for piece in input.split_inclusive('\n') {
        if offset > 0 && is_marker(piece) {
            starts.push((offset, line));
        }
        offset += piece.len();
        line += 1;
    }
    let total_lines = line;
    let mut chunks = Vec::with_capacity(starts.len());
    for (i, &(start, first_line)) in starts.iter().enumerate() {
        let (end, next_line) = starts.get(i + 1).copied().unwrap_or((input.len(), total_lines));
        let text = &input[start..end];
        if i == 0 && starts.len() > 1 && is_blank_or_comments(text) {
            continue;
        }
        chunks.push(Chunk { text, first_line, line_count: next_line - first_line });
    }
    chunks.into_iter()
}

fn is_blank_or_comments(text: &str) -> bool {
    text.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#') || t.starts_with('%')
    })
}
