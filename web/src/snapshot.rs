//! The state as text, for local storage and permalinks.
//!
//! Format (schema version 1): a sequence of fields `key <byte length>:<value>\n`. Values are
//! taken by length, so any text survives; unknown keys are skipped, so later versions can add
//! fields. A table row is a field whose value is itself such a sequence. Fields added later
//! (`method`, `headers`; a row's `status` and `location`, the redirect a case expects) are written
//! only when set, so a state without them encodes as before.

use crate::state::{CaseRow, Playground, RequestFields};
use ingress_engine::cases::Expect;
use ingress_engine::model::PathType;
use ingress_engine::Profile;
use std::fmt::Write;

/// The schema version written in permalinks (`#v1=…`) and storage keys.
pub const SCHEMA_VERSION: u32 = 1;

fn field(out: &mut String, key: &str, value: &str) {
    let _ = writeln!(out, "{key} {}:{value}", value.len());
}

fn optional(out: &mut String, key: &str, value: Option<&str>) {
    if let Some(value) = value {
        field(out, key, value);
    }
}

/// Reads `key len:value\n` fields.
pub fn read_fields(mut text: &str) -> Result<Vec<(&str, &str)>, String> {
    let mut fields = Vec::new();
    while !text.is_empty() {
        let (key, rest) = text.split_once(' ').ok_or("a field has no length")?;
        let (length, rest) = rest.split_once(':').ok_or("a field has no value")?;
        let length: usize = length.parse().map_err(|_| format!("bad length for {key:?}"))?;
        let value = rest.get(..length).ok_or_else(|| format!("{key:?} is cut short"))?;
        text = rest[length..].strip_prefix('\n').ok_or_else(|| format!("{key:?} is not terminated"))?;
        fields.push((key, value));
    }
    Ok(fields)
}

/// The state as text.
pub fn encode(state: &Playground) -> String {
    let mut out = String::with_capacity(state.yaml.len() + 256);
    field(&mut out, "yaml", &state.yaml);
    field(&mut out, "url", &state.request.url);
    field(&mut out, "sni", &state.request.sni);
    field(&mut out, "host", &state.request.host_header);
    request_extras(&mut out, &state.request.method, &state.request.headers);
    optional(&mut out, "class", state.class.as_deref());
    field(&mut out, "profile", state.profile.name());
    if state.failures_only {
        field(&mut out, "failures-only", "1");
    }
    for row in &state.rows {
        field(&mut out, "row", &encode_row(row));
    }
    out
}

/// `method` and `headers`, when set.
fn request_extras(out: &mut String, method: &str, headers: &str) {
    optional(out, "method", Some(method).filter(|m| !m.is_empty()));
    optional(out, "headers", Some(headers).filter(|h| !h.is_empty()));
}

fn encode_row(row: &CaseRow) -> String {
    let mut out = String::new();
    field(&mut out, "name", &row.name);
    field(&mut out, "url", &row.url);
    field(&mut out, "sni", &row.sni);
    request_extras(&mut out, &row.method, &row.headers);
    field(&mut out, "expect", &row.expect);
    let e = &row.extra;
    optional(&mut out, "ingress", e.ingress.as_deref());
    optional(&mut out, "path", e.path.as_deref());
    optional(&mut out, "pathType", e.path_type.map(|t| t.as_str()));
    optional(&mut out, "tls", e.tls.as_deref());
    optional(&mut out, "status", e.status.map(|s| s.to_string()).as_deref());
    optional(&mut out, "location", e.location.as_deref());
    out
}

/// The state back from text.
pub fn decode(text: &str) -> Result<Playground, String> {
    decode_with_row_limit(text, usize::MAX).map(|(state, _)| state)
}

/// The state back from text with at most `max_rows` test rows, and how many rows were left out.
/// Rows past the limit are counted, not decoded.
pub fn decode_with_row_limit(text: &str, max_rows: usize) -> Result<(Playground, usize), String> {
    let mut yaml = String::new();
    let mut dropped = 0;
    let mut request = RequestFields::default();
    let mut rows = Vec::new();
    let (mut class, mut profile, mut failures_only) = (None, Profile::default(), false);
    for (key, value) in read_fields(text)? {
        match key {
            "yaml" => yaml = value.to_string(),
            "url" => request.url = value.to_string(),
            "sni" => request.sni = value.to_string(),
            "host" => request.host_header = value.to_string(),
            "method" => request.method = value.to_string(),
            "headers" => request.headers = value.to_string(),
            "class" => class = Some(value.to_string()),
            "profile" => profile = Profile::parse(value).unwrap_or_default(),
            "failures-only" => failures_only = value == "1",
            "row" if rows.len() < max_rows => rows.push(decode_row(value)?),
            "row" => dropped += 1,
            _ => {}
        }
    }
    let mut state = Playground::new(yaml, request, rows);
    state.class = class;
    state.profile = profile;
    state.failures_only = failures_only;
    Ok((state, dropped))
}

fn decode_row(text: &str) -> Result<CaseRow, String> {
    let mut row = CaseRow::default();
    let mut extra = Expect::default();
    for (key, value) in read_fields(text)? {
        let value = value.to_string();
        match key {
            "name" => row.name = value,
            "url" => row.url = value,
            "sni" => row.sni = value,
            "method" => row.method = value,
            "headers" => row.headers = value,
            "expect" => row.expect = value,
            "ingress" => extra.ingress = Some(value),
            "path" => extra.path = Some(value),
            "pathType" => extra.path_type = PathType::parse(&value),
            "tls" => extra.tls = Some(value),
            "status" => extra.status = value.parse().ok(),
            "location" => extra.location = Some(value),
            _ => {}
        }
    }
    row.extra = extra;
    Ok(row)
}
