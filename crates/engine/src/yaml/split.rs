//! Splitting a YAML stream into documents before parsing, so one broken document cannot hide the
//! others: libyaml stops at its first error, and we want to keep every good document.
//!
//! A line that starts with `---` followed by a space, a tab or the end of the line is a document
//! marker in block context (YAML 1.2 §9.1.2; a block scalar's content is always indented, so it
//! cannot start with one). A chunk starts at such a marker and runs to the next one.

/// One `---`-separated piece of the input.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Chunk<'a> {
    /// The source the chunk is part of.
    pub source: SourceId,
    /// The chunk's text, marker line included.
    pub text: &'a str,
    /// 1-based line of the chunk's first line in its source.
    pub first_line: u32,
    /// How many lines the chunk has.
    pub line_count: u32,
}

use crate::source::SourceId;

fn is_marker(line: &str) -> bool {
    match line.strip_prefix("---") {
        Some(rest) => rest.is_empty() || rest.starts_with([' ', '\t', '\r', '\n']),
        None => false,
    }
}

/// The chunks of `input`; an input with no marker is one chunk. A leading empty chunk (only
/// comments or blank lines before the first `---`) is dropped.
pub(super) fn documents(source: SourceId, input: &str) -> impl Iterator<Item = Chunk<'_>> {
    let bytes = input.as_bytes();
    let mut starts = vec![(0usize, 1u32)];
    let mut newlines = 0u32;
    for_each_line_start(bytes, |start| {
        newlines += 1;
        if bytes[start..].starts_with(b"---") && is_marker(&input[start..]) {
            starts.push((start, newlines + 1));
        }
    });
    // One past the last line (a last line without `\n` counts too).
    let total_lines = newlines + 1 + u32::from(!input.is_empty() && !input.ends_with('\n'));
    let mut chunks = Vec::with_capacity(starts.len());
    for (i, &(start, first_line)) in starts.iter().enumerate() {
        let (end, next_line) = starts.get(i + 1).copied().unwrap_or((input.len(), total_lines));
        let text = &input[start..end];
        if i == 0 && starts.len() > 1 && is_blank_or_comments(text) {
            continue;
        }
        chunks.push(Chunk { source, text, first_line, line_count: next_line - first_line });
    }
    chunks.into_iter()
}

/// Calls `f` with the offset just after each `\n`, in order. Eight bytes at a time: the playground
/// splits a megabyte on every keystroke, and wasm has no vectorised `memchr` (a line-by-line
/// `split_inclusive` took a fifth of an incremental update).
fn for_each_line_start(bytes: &[u8], mut f: impl FnMut(usize)) {
    const LOW7: u64 = 0x7f7f_7f7f_7f7f_7f7f;
    const NEWLINES: u64 = 0x0a0a_0a0a_0a0a_0a0a;
    let mut words = bytes.chunks_exact(8);
    let mut base = 0;
    for word in &mut words {
        let x = u64::from_le_bytes(word.try_into().unwrap_or_default()) ^ NEWLINES;
        // The high bit of each byte is set exactly where that byte was `\n` (no carries cross bytes).
        let mut found = !(((x & LOW7) + LOW7) | x | LOW7);
        while found != 0 {
            f(base + found.trailing_zeros() as usize / 8 + 1);
            found &= found - 1;
        }
        base += 8;
    }
    for (i, _) in words.remainder().iter().enumerate().filter(|(_, &b)| b == b'\n') {
        f(base + i + 1);
    }
}

fn is_blank_or_comments(text: &str) -> bool {
    text.lines().all(|l| {
        let t = l.trim();
        t.is_empty() || t.starts_with('#') || t.starts_with('%')
    })
}
