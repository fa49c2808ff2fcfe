//! `test`: failures with expected and actual, what no case reached, and `N passed, M failed` last.

use crate::report::validate::count;
use crate::report::{place, url};
use crate::style::Style;
use ingress_engine::cases::{CaseResult, Uncovered};
use ingress_engine::{CaseFile, CaseReport, Request};
use serde::{Serialize, Serializer};
use std::io::{self, Write};

/// A finished batch and what the command line asked of it.
#[derive(Debug)]
pub struct TestRun<'a> {
    pub cases: &'a CaseFile,
    pub report: &'a CaseReport,
    /// How many errors and warnings the manifests have (mentioned, not listed).
    pub manifest_errors: usize,
    pub manifest_warnings: usize,
    pub only_failures: bool,
    pub fail_under: Option<f64>,
}

impl TestRun<'_> {
    /// Percentage of rule paths, default backends and Gateway matches some case reached (100 when
    /// there are none).
    pub fn coverage_percent(&self) -> f64 {
        let coverable = self.report.coverable;
        if coverable == 0 {
            return 100.0;
        }
        let reached = coverable.saturating_sub(self.report.uncovered.len());
        reached as f64 * 100.0 / coverable as f64
    }

    fn coverage_is_enough(&self) -> bool {
        self.fail_under.is_none_or(|minimum| self.coverage_percent() >= minimum)
    }

    /// Every case passed and coverage is high enough: exit 0.
    pub fn succeeded(&self) -> bool {
        self.report.failed == 0 && self.coverage_is_enough()
    }

    fn request_of(&self, result: &CaseResult) -> Option<&Request> {
        self.cases.cases.get(result.index).map(|case| &case.request)
    }

    fn shown(&self) -> impl Iterator<Item = &CaseResult> {
        self.report.results.iter().filter(|r| !(self.only_failures && r.passed))
    }
}

/// The report as one JSON object: counts, coverage, results (each with its request) and what no
/// case reached; case positions name the case file, manifest positions their own files (the
/// engine's spans carry their sources). Results
/// are converted one at a time while writing, so 50,000 of them take little memory.
pub fn to_json<'a>(run: &'a TestRun<'a>) -> TestJson<'a> {
    let report = run.report;
    TestJson {
        passed: report.passed,
        failed: report.failed,
        total: report.results.len(),
        success: run.succeeded(),
        coverage: CoverageJson {
            reached: report.coverable.saturating_sub(report.uncovered.len()),
            coverable: report.coverable,
            percent: run.coverage_percent(),
            fail_under: run.fail_under,
            reached_matches: report.coverable_matches.zip(report.uncovered_matches).map(|(all, not)| all - not),
            coverable_matches: report.coverable_matches,
        },
        results: ResultsJson(run),
        uncovered: UncoveredJson(run),
        manifest_errors: run.manifest_errors,
        manifest_warnings: run.manifest_warnings,
    }
}

/// `test --json`.
#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct TestJson<'a> {
    passed: usize,
    failed: usize,
    total: usize,
    success: bool,
    coverage: CoverageJson,
    results: ResultsJson<'a>,
    uncovered: UncoveredJson<'a>,
    manifest_errors: usize,
    manifest_warnings: usize,
}

#[derive(Debug, Serialize)]
#[serde(rename_all = "camelCase")]
struct CoverageJson {
    reached: usize,
    coverable: usize,
    percent: f64,
    fail_under: Option<f64>,
    /// Gateway matches (counted in `reached` and `coverable` too), when a case went through a Gateway.
    #[serde(skip_serializing_if = "Option::is_none")]
    reached_matches: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    coverable_matches: Option<usize>,
}

#[derive(Debug)]
struct ResultsJson<'a>(&'a TestRun<'a>);

impl Serialize for ResultsJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let run = self.0;
        serializer.collect_seq(run.shown().map(|result| {
            let mut value = serde_json::to_value(result).unwrap_or_default();
            if let (Some(object), Some(request)) = (value.as_object_mut(), run.request_of(result)) {
                object.insert("request".into(), serde_json::to_value(request).unwrap_or_default());
            }
            value
        }))
    }
}

#[derive(Debug)]
struct UncoveredJson<'a>(&'a TestRun<'a>);

impl Serialize for UncoveredJson<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let run = self.0;
        serializer.collect_seq(run.report.uncovered.iter().map(|item| {
            let mut value = serde_json::to_value(item).unwrap_or_default();
            if let Some(object) = value.as_object_mut() {
                object.retain(|_, v| !v.is_null());
            }
            value
        }))
    }
}

/// Cases (failures in full), what no case reached, coverage, and the summary line last.
pub fn write_text(out: &mut dyn Write, run: &TestRun<'_>, style: Style) -> io::Result<()> {
    let mut wrote_cases = false;
    for result in run.shown() {
        write_result(out, run, result, style)?;
        wrote_cases = true;
    }
    if wrote_cases {
        writeln!(out)?;
    }
    write_uncovered(out, run, style)?;
    write_coverage(out, run, style)?;
    writeln!(out, "{} passed, {} failed", run.report.passed, run.report.failed)
}

fn write_result(out: &mut dyn Write, run: &TestRun<'_>, result: &CaseResult, style: Style) -> io::Result<()> {
    let place = style.dim(&result.span.to_string());
    if result.passed {
        return writeln!(out, "{}  {}  {place}", style.good("ok  "), result.name);
    }
    writeln!(out, "{}  {}  {place}", style.bad("FAIL"), style.bold(&result.name))?;
    if let Some(request) = run.request_of(result) {
        writeln!(out, "      {}  {}", style.dim("request "), request_label(request))?;
    }
    writeln!(out, "      {}  {}", style.dim("expected"), result.expected)?;
    writeln!(out, "      {}  {}", style.dim("actual  "), result.actual)
}

fn write_uncovered(out: &mut dyn Write, run: &TestRun<'_>, style: Style) -> io::Result<()> {
    let uncovered = &run.report.uncovered;
    if uncovered.is_empty() {
        return Ok(());
    }
    let heading = format!("Not reached by any case ({} of {}):", uncovered.len(), run.report.coverable);
    writeln!(out, "{}", style.bold(&heading))?;
    let places: Vec<String> = uncovered.iter().map(|item| place(Some(item.span))).collect();
    let width = places.iter().map(|p| p.chars().count()).max().unwrap_or(0);
    for (item, place) in uncovered.iter().zip(&places) {
        let place = format!("{place:<width$}");
        let owner = match &item.route_kind {
            Some(kind) => format!("{kind} {}", item.ingress),
            None => item.ingress.clone(),
        };
        writeln!(out, "  {}  {owner}  {}", style.dim(&place), uncovered_label(item))?;
    }
    writeln!(out)
}

fn write_coverage(out: &mut dyn Write, run: &TestRun<'_>, style: Style) -> io::Result<()> {
    let report = run.report;
    let mut line = format!("Coverage: {} reached ({:.1}%)", coverage_counts(report), run.coverage_percent());
    if let Some(minimum) = run.fail_under {
        if run.coverage_is_enough() {
            line.push_str(&format!(", at least --fail-under {minimum}%"));
        } else {
            line = style.bad(&format!("{line}, below --fail-under {minimum}%"));
        }
    }
    writeln!(out, "{line}")?;
    if run.manifest_errors > 0 || run.manifest_warnings > 0 {
        let summary = format!(
            "The manifest has {} and {} (see `ingress-sim validate`).",
            count(run.manifest_errors, "error"),
            count(run.manifest_warnings, "warning")
        );
        writeln!(out, "{}", style.caution(&summary))?;
    }
    Ok(())
}

/// `N of M paths and default backends`, `N of M matches` through a Gateway, or both (a file
/// with cases of both kinds; the input's Ingress paths count whenever the profile reads Ingress).
fn coverage_counts(report: &CaseReport) -> String {
    let uncovered = report.uncovered.len() + report.unlisted;
    let (matches, uncovered_matches) = (report.coverable_matches.unwrap_or(0), report.uncovered_matches.unwrap_or(0));
    let ingress = report.coverable - matches;
    let ingress_reached = ingress.saturating_sub(uncovered - uncovered_matches);
    let paths = format!("{ingress_reached} of {ingress} paths and default backends");
    let gateway = format!("{} of {matches} matches", matches - uncovered_matches);
    match report.coverable_matches {
        None => paths,
        Some(_) if ingress == 0 => gateway,
        Some(_) => format!("{paths}, {gateway}"),
    }
}

/// `http://foo.bar.com/x`, after the method when it is not GET, with ` (SNI name)` when the TLS
/// name is not the host and ` [Name: value; cookie name=value]` for the headers and cookies.
pub fn request_label(request: &Request) -> String {
    let mut label = url(request.scheme, &request.host, &request.path);
    if let Some(sni) = request.sni.as_deref().filter(|sni| *sni != request.host) {
        label.push_str(&format!(" (SNI {sni})"));
    }
    with_method_and_headers(request, label)
}

/// `label` after the request's method when it is not GET, followed by ` [Name: value; cookie
/// name=value]` when it has headers or cookies.
pub fn with_method_and_headers(request: &Request, label: String) -> String {
    let mut label = if request.is_default_method() { label } else { format!("{} {label}", request.method) };
    let headers = request.headers.iter().map(|(name, value)| format!("{name}: {value}"));
    let cookies = request.cookies.iter().map(|(name, value)| format!("cookie {name}={value}"));
    let extras: Vec<String> = headers.chain(cookies).collect();
    if !extras.is_empty() {
        label.push_str(&format!(" [{}]", extras.join("; ")));
    }
    label
}

fn uncovered_label(item: &Uncovered) -> String {
    let backend = if item.backend.is_empty() { "(no backend)" } else { item.backend.as_str() };
    if let (Some(gateway), Some(listener), Some(rule)) = (&item.gateway, &item.listener, item.rule) {
        let matched = item.match_index.map(|m| format!(".matches[{m}]")).unwrap_or_default();
        let host = item.host.as_deref().filter(|h| !h.is_empty()).unwrap_or("(any host)");
        let path = match (&item.path, &item.path_type) {
            (Some(path), Some(kind)) => format!(" {path} ({kind})"),
            _ => String::new(),
        };
        return format!("rules[{rule}]{matched} on {gateway} listener {listener}  {host}{path} → {backend}");
    }
    match (item.rule, item.path_index) {
        (Some(rule), Some(path_index)) => {
            let host = item.host.as_deref().filter(|h| !h.is_empty()).unwrap_or("(any host)");
            format!(
                "rules[{rule}].paths[{path_index}]  {host} {} ({}) → {backend}",
                item.path.as_deref().unwrap_or(""),
                item.path_type.as_deref().unwrap_or("")
            )
        }
        _ => format!("defaultBackend → {backend}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn request_labels() {
        assert_eq!(request_label(&Request::new("a.com", "/x")), "http://a.com/x");
        assert_eq!(request_label(&Request::new("a.com", "/x").with_sni("a.com")), "https://a.com/x");
        assert_eq!(request_label(&Request::new("a.com", "/").with_sni("b.com")), "https://a.com/ (SNI b.com)");
        let fields = ingress_engine::RequestFields {
            url: Some("http://a.com/".into()),
            method: Some("POST".into()),
            headers: vec![("X-Canary".into(), "always".into()), ("Cookie".into(), "beta=never".into())],
            ..Default::default()
        };
        let label = request_label(&fields.build().unwrap());
        assert_eq!(label, "POST http://a.com/ [X-Canary: always; cookie beta=never]");
    }
}
