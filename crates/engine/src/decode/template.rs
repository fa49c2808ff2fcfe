//! Unrendered Helm/Go templates. `{{ .Values.host }}` reads as YAML (a nested flow mapping) or
//! breaks it (`{{- if … }}` on a line of its own), so a chart's template yields type or syntax
//! errors that say nothing about the real problem: it was never rendered. One error at the first
//! template action says so, before those.

use crate::diagnostic::{Code, Diagnostic, Severity};
use crate::source::{Pos, Span};
use crate::yaml::Chunk;

/// The error for the first template action of a `---` chunk (document `index`), if it has one.
/// An action is `{{`, an optional `-` and spaces, then `.`, `$`, a comment `/*` or a name
/// (`if`, `include`, `toYaml`…), closed by `}}` on the same line; comment lines are skipped.
pub(crate) fn first_action(chunk: &Chunk<'_>, index: u32) -> Option<Diagnostic> {
    if !chunk.text.contains("{{") {
        return None;
    }
    let (offset, line, start, end) = chunk.text.lines().enumerate().find_map(|(n, line)| {
        let (start, end) = action_in(line)?;
        Some((n as u32, line, start, end))
    })?;
    let column = |byte: usize| line[..byte].chars().count() as u32 + 1;
    let at = chunk.first_line + offset;
    let span = Span {
        source: chunk.source,
        doc: index,
        start: Pos { line: at, column: column(start) },
        end: Pos { line: at, column: column(end) },
    };
    let message = format!(
        "this looks like a Helm/Go template ({}), not rendered YAML: run `helm template` (or your chart tool) first and use its output; errors below that come from reading template syntax as YAML go away then",
        &line[start..end]
    );
    Some(Diagnostic::new(Severity::Error, Code::Template, message).at(span))
}

/// The byte range of the first template action in a line (not a `#` comment line).
fn action_in(line: &str) -> Option<(usize, usize)> {
    if line.trim_start().starts_with('#') {
        return None;
    }
    let mut from = 0;
    while let Some(found) = line[from..].find("{{") {
        let start = from + found;
        let inside = line[start + 2..].trim_start_matches('-').trim_start();
        let opens_action = inside.starts_with(['.', '$'])
            || inside.starts_with("/*")
            || inside.starts_with(|c: char| c.is_ascii_alphabetic());
        if let Some(close) = line[start + 2..].find("}}").filter(|_| opens_action) {
            return Some((start, start + 2 + close + 2));
        }
        from = start + 2;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    fn first(text: &str) -> Option<Diagnostic> {
        first_action(
            &Chunk {
                source: crate::source::SourceId::UNNAMED,
                text,
                first_line: 10,
                line_count: text.lines().count() as u32,
            },
            2,
        )
    }

    #[test]
    fn finds_the_first_action_and_places_it() {
        let text = "# {{ a comment }}\napiVersion: networking.k8s.io/v1\nkind: Ingress\nmetadata:\n  name: {{ include \"app.fullname\" . }}\n  labels: {{- toYaml .Values.labels | nindent 4 }}\n";
        let d = first(text).expect("a template");
        assert_eq!((d.severity, d.code), (Severity::Error, Code::Template));
        let span = d.span.expect("placed");
        assert_eq!((span.doc, span.start.line, span.start.column, span.end.column), (2, 14, 9, 39));
        assert!(d.message.contains("helm template"), "{}", d.message);
        assert!(d.message.contains("{{ include \"app.fullname\" . }}"), "{}", d.message);
    }

    #[test]
    fn control_actions_and_trimming_count() {
        assert_eq!(first("{{- if .Values.ingress.enabled -}}\n").and_then(|d| d.line()), Some(10));
        assert!(first("host: \"{{ .Values.host }}\"\n").is_some());
        assert!(first("x: {{/* note */}}\n").is_some());
        assert!(first("x: {{ $fullName }}\n").is_some());
    }

    #[test]
    fn braces_that_are_no_template_are_left_alone() {
        assert!(first("a: {{b: c}: d}\n").is_none(), "a nested flow mapping");
        assert!(first("a: '{{ unclosed'\n").is_none());
        assert!(first("a: b\n").is_none());
        assert!(first("# {{ .Values.x }}\n").is_none());
    }
}
