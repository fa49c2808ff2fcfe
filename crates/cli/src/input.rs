//! Reading the files named on the command line (`-` is standard input) as UTF-8 text, each a
//! named [`Source`] of the engine: its positions name the file.

use crate::fatal::Fatal;
pub use ingress_engine::Source;
use std::io::Read;

/// What `-` stands for on the command line.
pub const STDIN_ARG: &str = "-";
/// How standard input is named in messages and in JSON `file` keys.
pub const STDIN_NAME: &str = "<stdin>";

/// Reads every argument in order. Standard input may be named once only: it cannot be read twice.
pub fn read_all<'a>(args: impl IntoIterator<Item = &'a str>) -> Result<Vec<Source>, Fatal> {
    let args: Vec<&str> = args.into_iter().collect();
    if args.iter().filter(|a| **a == STDIN_ARG).count() > 1 {
        return Err(Fatal::new("standard input (`-`) can be read only once"));
    }
    args.into_iter().map(read).collect()
}

/// Reads one argument: a path, or `-` for standard input.
pub fn read(arg: &str) -> Result<Source, Fatal> {
    let (name, bytes) = if arg == STDIN_ARG {
        let mut bytes = Vec::new();
        std::io::stdin().read_to_end(&mut bytes).map_err(|e| Fatal::new(format!("cannot read standard input: {e}")))?;
        (STDIN_NAME.to_string(), bytes)
    } else {
        let bytes = std::fs::read(arg).map_err(|e| Fatal::new(format!("cannot read {arg}: {}", describe_io(&e))))?;
        (arg.to_string(), bytes)
    };
    let text = String::from_utf8(bytes).map_err(|e| {
        Fatal::new(format!(
            "{name} is not UTF-8 text (invalid byte at offset {}): Kubernetes manifests are UTF-8 YAML or JSON",
            e.utf8_error().valid_up_to()
        ))
    })?;
    Ok(Source::new(name, strip_byte_order_mark(text)))
}

fn describe_io(error: &std::io::Error) -> String {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::IsADirectory => "it is a directory, not a file".to_string(),
        _ => error.to_string(),
    }
}

/// Editors on Windows write a byte-order mark; YAML does not want one in the middle of a stream.
fn strip_byte_order_mark(text: String) -> String {
    match text.strip_prefix('\u{feff}') {
        Some(rest) => rest.to_string(),
        None => text,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn missing_file_is_named() {
        let error = read("/nonexistent/ingress.yaml").unwrap_err().to_string();
        assert_eq!(error, "cannot read /nonexistent/ingress.yaml: no such file");
    }

    #[test]
    fn stdin_twice_is_refused() {
        let error = read_all(["-", "a.yaml", "-"]).unwrap_err().to_string();
        assert!(error.contains("only once"), "{error}");
    }

    #[test]
    fn byte_order_mark_is_dropped() {
        assert_eq!(strip_byte_order_mark("\u{feff}kind: Ingress".into()), "kind: Ingress");
        assert_eq!(strip_byte_order_mark("kind: Ingress".into()), "kind: Ingress");
    }
}
