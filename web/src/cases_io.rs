//! The batch table and the CLI's `--cases` file format: rows ⇄ cases, import and export.
//!
//! Import reads a case file with the engine's own parser ([`parse_cases`]); export writes the same
//! format with a small YAML emitter whose strings are always safely quoted.

use crate::request_fields::build_request;
use crate::state::CaseRow;
use ingress_engine::cases::{parse_cases, Case, CaseFile, Expect};
use ingress_engine::{Outcome, Profile, Request, Scheme};
use std::fmt::Write;

/// Reads the expectation typed in a row: an outcome word, or a backend.
pub fn parse_expectation(text: &str) -> Result<Expect, String> {
    let text = text.trim();
    let outcome = match text.to_ascii_lowercase().as_str() {
        "" => return Err("write the expected backend (service:port) or no-match".into()),
        "no-match" | "no match" | "nomatch" | "404" => Some(Outcome::NoMatch),
        "default-backend" | "default backend" => Some(Outcome::DefaultBackend),
        "rule" => Some(Outcome::Rule),
        _ => None,
    };
    Ok(match outcome {
        Some(outcome) => Expect { outcome: Some(outcome), ..Expect::default() },
        None => Expect { backend: Some(text.to_string()), ..Expect::default() },
    })
}

/// The text a row shows for an expectation read from a file.
pub fn expectation_text(expect: &Expect) -> String {
    match (&expect.backend, expect.outcome) {
        (Some(backend), _) => backend.clone(),
        (None, Some(outcome)) => outcome.as_str().to_string(),
        (None, None) => String::new(),
    }
}

/// The expectations a row does not edit.
fn extra_expectations(expect: &Expect) -> Expect {
    Expect { backend: None, outcome: None, ..expect.clone() }
}

/// A URL that reads back as the same request.
pub fn request_url(request: &Request) -> String {
    let scheme = match request.scheme {
        Scheme::Http => "http",
        Scheme::Https => "https",
    };
    format!("{scheme}://{}{}", request.host, request.path)
}

/// One table row per case (ids are assigned by the state).
pub fn rows_from_case_file(file: &CaseFile) -> Vec<CaseRow> {
    file.cases
        .iter()
        .map(|case| {
            let url = request_url(&case.request);
            let host = Request::from_url(&url).ok().and_then(|r| r.sni);
            let sni = case.request.sni.clone().filter(|sni| Some(sni) != host.as_ref()).unwrap_or_default();
            CaseRow {
                id: 0,
                name: case.name.clone().unwrap_or_default(),
                url,
                sni,
                expect: expectation_text(&case.expect),
                extra: extra_expectations(&case.expect),
            }
        })
        .collect()
}

/// A row as a runnable case, or why it cannot run.
pub fn case_from_row(row: &CaseRow) -> Result<Case, String> {
    let request = build_request(&row.url, &row.sni, "").map_err(|e| format!("URL: {e}"))?;
    let typed = parse_expectation(&row.expect)?;
    let expect = Expect { backend: typed.backend, outcome: typed.outcome, ..row.extra.clone() };
    let name = Some(row.name.trim().to_string()).filter(|n| !n.is_empty());
    Ok(Case { name, request, expect, ..Case::default() })
}

/// Reads an imported case file into rows; the message lists the problems (cases with problems
/// are left out, as the CLI does).
pub fn import_case_file(text: &str) -> Result<(Vec<CaseRow>, Option<String>), String> {
    let (file, problems) = parse_cases(text);
    let report = (!problems.is_empty()).then(|| {
        let lines: Vec<String> = problems
            .iter()
            .map(|d| match d.line() {
                Some(line) => format!("line {line}: {}", d.message),
                None => d.message.clone(),
            })
            .collect();
        lines.join("\n")
    });
    if file.cases.is_empty() {
        return Err(report.unwrap_or_else(|| "the file has no cases".into()));
    }
    Ok((rows_from_case_file(&file), report))
}

/// What goes into an exported case file besides the rows.
#[derive(Clone, Copy, Debug)]
pub struct ExportContext<'a> {
    /// The manifest, so the file runs on its own (`ingress-sim test --cases file.yaml`).
    pub manifest: Option<&'a str>,
    /// The class chosen, if any.
    pub class: Option<&'a str>,
    /// The profile.
    pub profile: Profile,
}

/// The exported file and how many rows were left out because they cannot run.
#[derive(Clone, Debug, PartialEq)]
pub struct Export {
    /// The case file text.
    pub text: String,
    /// Rows left out (bad URL or no expectation).
    pub skipped: usize,
}

/// Writes the rows as a `--cases` file.
pub fn export_case_file(rows: &[CaseRow], context: ExportContext<'_>) -> Export {
    let mut out = String::from("# Ingress routing test cases (ingress-sim test --cases <this file>)\n");
    if let Some(class) = context.class {
        let _ = writeln!(out, "class: {}", quoted(class));
    }
    if context.profile != Profile::default() {
        let _ = writeln!(out, "profile: {}", quoted(context.profile.name()));
    }
    if let Some(manifest) = context.manifest.filter(|m| !m.trim().is_empty()) {
        out.push_str("manifest: ");
        out.push_str(&scalar_block(manifest, 2));
    }
    let cases: Vec<Case> = rows.iter().filter_map(|row| case_from_row(row).ok()).collect();
    let skipped = rows.len() - cases.len();
    if cases.is_empty() {
        out.push_str("cases: []\n");
    } else {
        out.push_str("cases:\n");
    }
    for case in &cases {
        let mut first = true;
        let mut field = |out: &mut String, key: &str, value: &str| {
            out.push_str(if first { "- " } else { "  " });
            first = false;
            let _ = writeln!(out, "{key}: {}", quoted(value));
        };
        if let Some(name) = &case.name {
            field(&mut out, "name", name);
        }
        field(&mut out, "host", &case.request.host);
        field(&mut out, "path", &case.request.path);
        if let Some(sni) = &case.request.sni {
            field(&mut out, "sni", sni);
        }
        out.push_str("  expect:\n");
        let e = &case.expect;
        let outcome = e.outcome.map(Outcome::as_str);
        for (key, value) in [
            ("backend", e.backend.as_deref()),
            ("outcome", outcome),
            ("ingress", e.ingress.as_deref()),
            ("path", e.path.as_deref()),
            ("pathType", e.path_type.as_deref()),
            ("tls", e.tls.as_deref()),
        ] {
            if let Some(value) = value {
                let _ = writeln!(out, "    {key}: {}", quoted(value));
            }
        }
    }
    Export { text: out, skipped }
}

/// A YAML double-quoted scalar: always valid, whatever the text.
pub fn quoted(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\t' => out.push_str("\\t"),
            '\r' => out.push_str("\\r"),
            c if (c as u32) < 0x20 || c == '\u{7f}' => {
                let _ = write!(out, "\\x{:02x}", c as u32);
            }
            // Unicode line/paragraph separators and the BOM are not printable in YAML.
            '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}' => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A multi-line value as a literal block (`|2-`, `|2`, `|2+`) indented by `indent`, when the text
/// can be written that way; otherwise a double-quoted scalar. Ends with a newline.
pub fn scalar_block(text: &str, indent: usize) -> String {
    let printable = text.chars().all(|c| {
        c == '\n'
            || c == '\t'
            || (c >= ' ' && c != '\u{7f}' && !matches!(c, '\u{85}' | '\u{2028}' | '\u{2029}' | '\u{feff}'))
    });
    // Trailing spaces on a line with no content after the last newline would be read back as
    // part of the text only if kept exactly; a line of only spaces before the first content line
    // confuses indentation detection, which the explicit indicator avoids.
    if !printable {
        return format!("{}\n", quoted(text));
    }
    let body = text.trim_end_matches('\n');
    let trailing = text.len() - body.len();
    let chomp = match trailing {
        0 => "-",
        1 => "",
        _ => "+",
    };
    let pad = " ".repeat(indent);
    let mut out = format!("|{indent}{chomp}\n");
    for line in body.split('\n') {
        if !line.is_empty() {
            out.push_str(&pad);
        }
        out.push_str(line);
        out.push('\n');
    }
    for _ in 1..trailing {
        out.push('\n');
    }
    out
}
