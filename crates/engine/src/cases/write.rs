//! Writes a [`CaseFile`] in the format [`super::parse_cases`] reads (the playground's export), with
//! every string safely quoted, so what is written reads back as the same cases.

use super::{Case, CaseFile};
use crate::decision::Outcome;
use std::fmt::Write;

/// The case file's text: a header comment, the top-level keys that are set, then the cases.
pub fn write_case_file(file: &CaseFile) -> String {
    let mut out = String::from("# Ingress routing test cases (ingress-sim test --cases <this file>)\n");
    for (key, value) in [
        ("name", file.name.as_deref()),
        ("description", file.description.as_deref()),
        ("source", file.source.as_deref()),
        ("class", file.class.as_deref()),
        ("profile", profile_name(file)),
        ("gateway", file.gateway.as_deref()),
    ] {
        if let Some(value) = value {
            let _ = writeln!(out, "{key}: {}", quoted(value));
        }
    }
    if let Some(manifest) = file.manifest.as_deref().filter(|m| !m.trim().is_empty()) {
        out.push_str("manifest: ");
        out.push_str(&scalar_block(manifest, 2));
    }
    out.push_str(if file.cases.is_empty() { "cases: []\n" } else { "cases:\n" });
    for case in &file.cases {
        write_case(&mut out, case);
    }
    out
}

/// The `profile` as written: the Ingress profile's name, else the Gateway API implementation's.
fn profile_name(file: &CaseFile) -> Option<&'static str> {
    #[cfg(feature = "gateway")]
    if file.profile.is_none() {
        return file.implementation.map(|i| i.name());
    }
    file.profile.map(|p| p.name())
}

fn write_case(out: &mut String, case: &Case) {
    let mut first = true;
    let mut field = |out: &mut String, key: &str, value: &str| {
        out.push_str(if first { "- " } else { "  " });
        first = false;
        let _ = writeln!(out, "{key}: {}", quoted(value));
    };
    let request = &case.request;
    if let Some(name) = &case.name {
        field(out, "name", name);
    }
    field(out, "host", &request.host);
    field(out, "path", &request.path);
    if let Some(sni) = &request.sni {
        field(out, "sni", sni);
    }
    if let Some(gateway) = &case.gateway {
        field(out, "gateway", gateway);
    }
    if !request.is_default_method() {
        field(out, "method", &request.method);
    }
    if !request.cookies.is_empty() {
        let pairs: Vec<String> = request.cookies.iter().map(|(n, v)| format!("{n}={v}")).collect();
        field(out, "cookies", &pairs.join("; "));
    }
    if !request.headers.is_empty() {
        out.push_str("  headers:\n");
        for (name, value) in &request.headers {
            let _ = writeln!(out, "  - {}", quoted(&format!("{name}: {value}")));
        }
    }
    out.push_str("  expect:\n");
    let e = &case.expect;
    let status = e.status.map(|s| s.to_string());
    #[cfg(feature = "gateway")]
    let outcome = e.outcome.map(Outcome::as_str).or(e.gateway_outcome.map(|o| o.as_str()));
    #[cfg(not(feature = "gateway"))]
    let outcome = e.outcome.map(Outcome::as_str);
    for (key, value) in [
        ("backend", e.backend.as_deref()),
        ("outcome", outcome),
        ("status", status.as_deref()),
        ("location", e.location.as_deref()),
        ("ingress", e.ingress.as_deref()),
        ("path", e.path.as_deref()),
        ("pathType", e.path_type.map(|t| t.as_str())),
        ("tls", e.tls.as_deref()),
        ("route", e.route.as_deref()),
        ("listener", e.listener.as_deref()),
        ("rule", e.rule.as_deref()),
        ("namespace", e.namespace.as_deref()),
        ("upstreamPath", e.upstream_path.as_deref()),
        ("upstreamHost", e.upstream_host.as_deref()),
    ] {
        if let Some(value) = value {
            let _ = writeln!(out, "    {key}: {}", quoted(value));
        }
    }
    for (key, pairs) in [("upstreamHeaders", &e.upstream_headers), ("responseHeaders", &e.response_headers)] {
        if !pairs.is_empty() {
            let _ = writeln!(out, "    {key}:");
            for (name, value) in pairs {
                let _ = writeln!(out, "    - {}", quoted(&format!("{name}: {value}")));
            }
        }
    }
    for (key, names) in
        [("absentUpstreamHeaders", &e.absent_upstream_headers), ("absentResponseHeaders", &e.absent_response_headers)]
    {
        if !names.is_empty() {
            let _ = writeln!(out, "    {key}:");
            for name in names {
                let _ = writeln!(out, "    - {}", quoted(name));
            }
        }
    }
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
    // The explicit indentation indicator keeps a first line of only spaces from confusing the
    // reader's indentation detection.
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::cases::{parse_cases, Expect};
    use crate::model::PathType;
    use crate::request::RequestFields;
    use crate::Profile;

    #[test]
    fn what_is_written_reads_back_the_same() {
        let request = RequestFields {
            url: Some("https://shop.example.com/cart?x=\"1\"".into()),
            method: Some("POST".into()),
            headers: vec![("X-Canary".into(), "always".into()), ("X-Canary".into(), "a: b".into())],
            cookies: vec![("canary".into(), "never".into()), ("id".into(), "7".into())],
            ..RequestFields::default()
        }
        .build()
        .unwrap();
        let expect = Expect {
            backend: Some("canary:80".into()),
            path_type: Some(PathType::Prefix),
            status: Some(301),
            location: Some("https://shop.example.com/cart/".into()),
            ..Expect::default()
        };
        let file = CaseFile {
            cases: vec![Case { name: Some("a \"quoted\"\nname".into()), request, expect, ..Case::default() }],
            manifest: Some("kind: Ingress\n  indented\n\n".into()),
            class: Some("nginx".into()),
            profile: Some(Profile::IngressNginx),
            name: Some("n".into()),
            ..CaseFile::default()
        };
        let text = write_case_file(&file);
        let (read, errors) = parse_cases(&text);
        assert!(errors.is_empty(), "{errors:?}\n{text}");
        let spanless: Vec<Case> = read.cases.iter().map(|c| Case { span: Default::default(), ..c.clone() }).collect();
        assert_eq!(CaseFile { cases: spanless, ..read }, file, "{text}");
    }

    /// A Gateway API case file (an implementation for its profile, a gateway, the Gateway
    /// expectations) reads back the same too.
    #[cfg(feature = "gateway")]
    #[test]
    fn gateway_cases_read_back_the_same() {
        let request =
            RequestFields { url: Some("http://a.example/x".into()), ..RequestFields::default() }.build().unwrap();
        let expect = Expect {
            status: Some(200),
            backend: Some("web:8080".into()),
            gateway_outcome: Some(crate::gateway::GatewayOutcome::Rule),
            outcome: Some(crate::decision::Outcome::Rule),
            route: Some("ns/r".into()),
            listener: Some("http".into()),
            rule: Some("1".into()),
            namespace: Some("ns".into()),
            upstream_path: Some("/y?q=1".into()),
            upstream_host: Some("b.example".into()),
            upstream_headers: vec![("X-A".into(), "1,2".into())],
            absent_upstream_headers: vec!["X-B".into()],
            response_headers: vec![("X-C".into(), "a: b".into())],
            absent_response_headers: vec!["Server".into()],
            ..Expect::default()
        };
        let file = CaseFile {
            cases: vec![Case {
                name: Some("g".into()),
                request,
                expect,
                gateway: Some("ns/gw".into()),
                ..Case::default()
            }],
            implementation: Some(crate::gateway::Implementation::EnvoyGateway),
            gateway: Some("ns/other".into()),
            ..CaseFile::default()
        };
        let text = write_case_file(&file);
        let (read, errors) = parse_cases(&text);
        assert!(errors.is_empty(), "{errors:?}\n{text}");
        let spanless: Vec<Case> = read.cases.iter().map(|c| Case { span: Default::default(), ..c.clone() }).collect();
        assert_eq!(CaseFile { cases: spanless, ..read }, file, "{text}");
    }

    #[test]
    fn quoted_strings_read_back_exactly() {
        for text in [
            "plain",
            "svc:80",
            "a \"quote\" and \\ backslash",
            "yes",
            "null",
            "- dash",
            "#hash",
            "tab\there",
            "line\nbreak",
            "\u{1}\u{7f}\u{2028}",
            "ünïcødé ✓",
            "",
        ] {
            let file = format!("cases:\n- name: {}\n  host: h\n  path: /\n  expect:\n    backend: x:1\n", quoted(text));
            let (parsed, errors) = parse_cases(&file);
            assert!(errors.is_empty(), "{text:?}: {errors:?}");
            assert_eq!(
                parsed.cases[0].name.as_deref(),
                if text.is_empty() { Some("") } else { Some(text) },
                "{text:?}"
            );
        }
    }

    #[test]
    fn manifest_blocks_read_back_exactly() {
        for text in [
            "a: 1\nb: 2\n",
            "a: 1",
            "a: 1\n\n\n",
            "  indented first\nnext\n",
            "x:\n\ty\n",
            "win\r\nline\r\n",
            "trailing  \nspaces \n",
        ] {
            let file = format!("manifest: {}cases: []\n", scalar_block(text, 2));
            let (parsed, errors) = parse_cases(&file);
            assert!(errors.is_empty(), "{text:?}: {errors:?}\n{file}");
            assert_eq!(parsed.manifest.as_deref(), Some(text), "{file}");
        }
    }
}
