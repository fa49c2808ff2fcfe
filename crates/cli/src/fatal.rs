//! [`Fatal`]: a problem that stops the command before it can report anything (exit code 2).

use std::fmt;

/// Why the command could not run: a file that cannot be read, an input with nothing usable in it,
/// a case file with errors, arguments that contradict each other. Printed on stderr; exit code 2.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Fatal {
    message: String,
}

impl Fatal {
    pub fn new(message: impl Into<String>) -> Fatal {
        Fatal { message: message.into() }
    }

    /// Writing the output failed. A reader that went away (`| head`) is no news: no message.
    pub fn output(error: std::io::Error) -> Fatal {
        match error.kind() {
            std::io::ErrorKind::BrokenPipe => Fatal::new(""),
            _ => Fatal::new(format!("cannot write the output: {error}")),
        }
    }

    /// True when there is nothing to tell (the reader of the output has gone).
    pub fn is_silent(&self) -> bool {
        self.message.is_empty()
    }
}

impl fmt::Display for Fatal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}
