//! Over-long lines in read-only views: Chromium lays out a line of millions of characters for
//! seconds and then draws nothing, so a view shows the start of such a line and says how much is
//! left out. The text itself is untouched (the engine and exports get all of it).

use crate::numbers::group_thousands;
use std::borrow::Cow;

/// The longest line a read-only view shows whole, in characters (the docs widget uses the same).
pub const MAX_SHOWN_LINE_CHARS: usize = 10_000;

/// `line`, or its first [`MAX_SHOWN_LINE_CHARS`] characters and "… N more characters".
pub fn shown_line(line: &str) -> Cow<'_, str> {
    // Fewer bytes than the cap means fewer characters too: no counting for ordinary lines.
    if line.len() <= MAX_SHOWN_LINE_CHARS {
        return Cow::Borrowed(line);
    }
    match line.char_indices().nth(MAX_SHOWN_LINE_CHARS) {
        None => Cow::Borrowed(line),
        Some((cut, _)) => {
            let rest = line[cut..].chars().count();
            let more = group_thousands(u32::try_from(rest).unwrap_or(u32::MAX));
            Cow::Owned(format!("{}… {more} more characters", &line[..cut]))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn long_lines_are_cut_at_a_character_with_a_count() {
        assert_eq!(shown_line("short"), "short");
        let exact = "é".repeat(MAX_SHOWN_LINE_CHARS);
        assert_eq!(shown_line(&exact), exact.as_str());
        let long = format!("{}{}", "é".repeat(MAX_SHOWN_LINE_CHARS), "x".repeat(12_345));
        let shown = shown_line(&long);
        assert!(shown.starts_with(&exact), "cut on a character boundary");
        assert!(shown.ends_with("… 12,345 more characters"), "{}", &shown[shown.len() - 40..]);
    }
}
