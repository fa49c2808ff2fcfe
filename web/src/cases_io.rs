//! The batch table and the CLI's `--cases` file format: rows ⇄ cases, import and export.
//!
//! Import reads a case file with the engine's own reader, in the JS API package (`parseCases`,
//! through `case-file.js`, imported on first use: the page's wasm carries no case-file reader, and
//! the rows come back through the Teach bridge, see `components::teach_panel`); the export too:
//! `case-file.js` has the package's `writeCases` (the engine's writer) write the rows that can run
//! ([`case_from_row`], handed over by [`crate::controllers::case_file_object`]), so what is
//! exported reads back the same.

use crate::request_fields::{build_request, headers_text};
use crate::state::{CaseRow, RequestFields};
use ingress_engine::cases::{Case, Expect};
use ingress_engine::{Outcome, Request, Scheme};

/// Reads the expectation typed in a row: an outcome word, or a backend.
pub fn parse_expectation(text: &str) -> Result<Expect, String> {
    let text = text.trim();
    let outcome = match text.to_ascii_lowercase().as_str() {
        "" => return Err("write the expected backend (service:port) or no-match".into()),
        "no match" | "nomatch" | "404" => Some(Outcome::NoMatch),
        "default backend" => Some(Outcome::DefaultBackend),
        // Every outcome's own name, a controller's too (`redirect`, `config-error`…): a case file's
        // `outcome: redirect` must not come back as a backend called "redirect".
        other => Outcome::parse(other),
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

/// A table row for a case (its id is assigned by the state), as a case file's import writes one
/// (`case-file.js`'s `rowOf`): the URL, the SNI only when it is not the URL's own, the method and
/// header lines, the expectation as typed.
pub fn row_for_case(request: &Request, expect: &Expect) -> CaseRow {
    let url = request_url(request);
    let host = Request::from_url(&url).ok().and_then(|r| r.sni);
    let sni = request.sni.clone().filter(|sni| Some(sni) != host.as_ref()).unwrap_or_default();
    CaseRow {
        id: 0,
        name: String::new(),
        url,
        sni,
        method: if request.is_default_method() { String::new() } else { request.method.clone() },
        headers: headers_text(request),
        expect: expectation_text(expect),
        extra: extra_expectations(expect),
    }
}

/// A row as a runnable case, or why it cannot run.
pub fn case_from_row(row: &CaseRow) -> Result<Case, String> {
    let fields = RequestFields { host_header: String::new(), ..row.request_fields() };
    let request = build_request(&fields)?;
    let typed = parse_expectation(&row.expect)?;
    let expect = Expect { backend: typed.backend, outcome: typed.outcome, ..row.extra.clone() };
    let name = Some(row.name.trim().to_string()).filter(|n| !n.is_empty());
    Ok(Case { name, request, expect, ..Case::default() })
}
