//! Terminal colours: used only when standard output is a terminal and `NO_COLOR` is not set.

use std::io::IsTerminal;

/// Paints text with ANSI colours, or leaves it alone.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Style {
    colour: bool,
}

impl Style {
    /// Colour when stdout is a terminal and `NO_COLOR` is unset or empty (https://no-color.org).
    pub fn for_stdout() -> Style {
        Style::choose(std::io::stdout().is_terminal(), std::env::var_os("NO_COLOR"))
    }

    fn choose(is_terminal: bool, no_color: Option<std::ffi::OsString>) -> Style {
        Style { colour: is_terminal && no_color.is_none_or(|v| v.is_empty()) }
    }

    /// No colour at all (messages on stderr, files, pipes).
    pub fn plain() -> Style {
        Style { colour: false }
    }

    fn paint(self, code: &str, text: &str) -> String {
        if self.colour {
            format!("\x1b[{code}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    pub fn bold(self, text: &str) -> String {
        self.paint("1", text)
    }

    pub fn dim(self, text: &str) -> String {
        self.paint("2", text)
    }

    pub fn good(self, text: &str) -> String {
        self.paint("1;32", text)
    }

    pub fn bad(self, text: &str) -> String {
        self.paint("1;31", text)
    }

    pub fn caution(self, text: &str) -> String {
        self.paint("33", text)
    }

    pub fn note(self, text: &str) -> String {
        self.paint("36", text)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colour_only_on_a_terminal_without_no_color() {
        assert_eq!(Style::choose(true, None).good("ok"), "\x1b[1;32mok\x1b[0m");
        assert_eq!(Style::choose(true, Some("".into())).bad("x"), "\x1b[1;31mx\x1b[0m");
        assert_eq!(Style::choose(true, Some("1".into())).good("ok"), "ok");
        assert_eq!(Style::choose(false, None).good("ok"), "ok");
        assert_eq!(Style::plain().dim("d"), "d");
    }
}
