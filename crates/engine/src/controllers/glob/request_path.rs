//! The request path as Traefik and Contour's Envoy match it: both resolve `.` and `..` segments
//! and merge `//` before any router or route sees the path, each in its own way. The input is the
//! path without query or fragment ([`super::super::Asked::path`]); `Err` is the reason for the
//! proxy's 400 Bad Request.

use crate::decision::Entry;

/// How a proxy reads the request path, for the explanation.
pub(crate) struct PathReading<'a> {
    /// The proxy, as the explanation names it (`Traefik`, `Envoy`).
    pub proxy: &'a str,
    /// What rejects a path it cannot read.
    pub rejects: &'a str,
    /// What it does to the path before routing.
    pub rewrites: &'a str,
}

impl PathReading<'_> {
    /// The path the proxy routes (`routed`, from the request's `asked`), with a step saying how it
    /// differs; `None` after the step saying that the proxy answers 400.
    pub fn explain(
        &self,
        asked: &str,
        routed: Result<String, Rejected>,
        explanation: &mut Vec<Entry>,
    ) -> Option<String> {
        match routed {
            Err(why) => {
                explanation.push(Entry::info(super::prose::path_rejected(self, &why)));
                None
            }
            Ok(path) => {
                if path != asked {
                    explanation.push(Entry::info(super::prose::path_rewritten(self, &path, asked)));
                }
                Some(path)
            }
        }
    }
}

/// Why a proxy answers 400 before routing (the words: [`super::prose`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Rejected {
    /// A `%` not followed by two hex digits (the escape as written).
    InvalidEscape(String),
    /// `%00`, which Envoy's path normalisation rejects.
    EscapedNul,
    /// A NUL byte.
    Nul,
}

/// The path Traefik's routers match (traefik/traefik v3.7.9), in the order of its entry-point
/// handlers (`pkg/server/server_entrypoint_tcp.go`):
/// 1. Go's `net/http` rejects a `%` not followed by two hex digits (400).
/// 2. `normalizePath`: percent-encoded unreserved characters are decoded (`%2E%2E` is `..`) and
///    the other escapes upper-cased.
/// 3. `sanitizePath` (entry point option `http.sanitizePath`, default `true` since v3.3.6):
///    `URL.JoinPath()`, Go's `path.Clean` (`.` and `..` resolved, `..` above the root dropped,
///    repeated `/` merged) keeping a trailing `/`.
/// 4. `pkg/muxer/http/mux.go` `withRoutingPath`: escapes are decoded except reserved ones
///    (`%2F`, `%3F`, `%25`, …), which stay encoded.
pub(crate) fn traefik_routing_path(path: &str) -> Result<String, Rejected> {
    let normalized = decode_escapes(path, |byte| is_unreserved(byte).then_some(byte))?;
    let cleaned = go_join_path(&normalized);
    decode_escapes(&cleaned, |byte| (!is_reserved(byte)).then_some(byte))
}

/// RFC 3986 unreserved characters (Traefik's `unreservedCharacters`).
fn is_unreserved(byte: u8) -> bool {
    byte.is_ascii_alphanumeric() || b"-._~".contains(&byte)
}

/// RFC 3986 reserved characters and `%` (Traefik's `reservedCharacters`).
fn is_reserved(byte: u8) -> bool {
    b":/?#[]@!$&'()*+,;=%".contains(&byte)
}

/// Rewrites every `%XX` of `path`: decoded when `decode` gives the byte, else kept with upper-case
/// hex digits. A `%` without two hex digits is an error, as Go's URL parser reports it.
fn decode_escapes(path: &str, decode: impl Fn(u8) -> Option<u8>) -> Result<String, Rejected> {
    let bytes = path.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'%' {
            out.push(bytes[i]);
            i += 1;
            continue;
        }
        let Some(value) = hex_pair(bytes, i + 1) else {
            let escape = String::from_utf8_lossy(&bytes[i..bytes.len().min(i + 3)]).into_owned();
            return Err(Rejected::InvalidEscape(escape));
        };
        match decode(value) {
            Some(byte) => out.push(byte),
            None => out.extend_from_slice(format!("%{value:02X}").as_bytes()),
        }
        i += 3;
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// The byte written as two hex digits at `at`, if they are there.
fn hex_pair(bytes: &[u8], at: usize) -> Option<u8> {
    let digits = bytes.get(at..at + 2)?;
    let text = std::str::from_utf8(digits).ok()?;
    u8::from_str_radix(text, 16).ok().filter(|_| digits.iter().all(u8::is_ascii_hexdigit))
}

/// Go's `url.URL.JoinPath()` with no elements: `path.Clean` of the path, rooted, with a trailing
/// `/` kept when the path had one.
fn go_join_path(path: &str) -> String {
    let mut segments: Vec<&str> = Vec::new();
    for segment in path.split('/') {
        match segment {
            "" | "." => {}
            ".." => {
                segments.pop();
            }
            other => segments.push(other),
        }
    }
    let mut cleaned = format!("/{}", segments.join("/"));
    if path.ends_with('/') && !cleaned.ends_with('/') {
        cleaned.push('/');
    }
    cleaned
}

/// The `:path` Envoy routes on under Contour (projectcontour/contour v1.33.6
/// `internal/envoy/v3/listener.go` `httpConnectionManagerBuilder.Get`: `NormalizePath: true`, and
/// `MergeSlashes` on unless `disableMergeSlashes` is set, `pkg/config/parameters.go`).
/// `normalize_path` is Envoy's snapshot of Chromium's path canonicaliser
/// (envoyproxy/envoy `source/common/chromium_url/url_canon_path.cc` `DoPartialPath`): `.`, `..`
/// (also written `%2E`) are resolved, never above the root; `\` becomes `/`; escapes of letters,
/// digits, `-`, `_` and `~` are decoded, other escapes kept as written; spaces, `"`, `<`, `>`,
/// `` ` ``, `{`, `|`, `}`, control and non-ASCII bytes are percent-encoded; a NUL, raw or `%00`,
/// fails (400). Then `merge_slashes` collapses runs of `/`. Envoy matches routes on this
/// still-encoded path.
pub(crate) fn envoy_path(path: &str, merge_slashes: bool) -> Result<String, Rejected> {
    let canonical = chromium_canonical_path(path.as_bytes())?;
    if !merge_slashes {
        return Ok(canonical);
    }
    let mut merged = String::with_capacity(canonical.len());
    for c in canonical.chars() {
        if !(c == '/' && merged.ends_with('/')) {
            merged.push(c);
        }
    }
    Ok(merged)
}

/// How `kPathCharLookup` treats a byte of the path.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Pass,
    /// Percent-encoded in the output.
    Escape,
    /// Decoded when it arrives percent-encoded.
    Unescape,
    /// NUL: the path is rejected.
    Invalid,
}

fn class(byte: u8) -> Class {
    match byte {
        0 => Class::Invalid,
        b if !(0x20..0x7f).contains(&b) => Class::Escape,
        b' ' | b'"' | b'#' | b'%' | b'<' | b'>' | b'?' | b'\\' | b'^' | b'`' | b'{' | b'|' | b'}' => Class::Escape,
        b if b.is_ascii_alphanumeric() || b == b'-' || b == b'_' || b == b'~' => Class::Unescape,
        _ => Class::Pass,
    }
}

/// `IsDot`: the length of a `.` or `%2E` at `at`, or 0.
fn dot_len(bytes: &[u8], at: usize) -> usize {
    match bytes.get(at..) {
        Some([b'.', ..]) => 1,
        Some([b'%', b'2', b'e' | b'E', ..]) => 3,
        _ => 0,
    }
}

fn is_slash(byte: Option<&u8>) -> bool {
    matches!(byte, Some(b'/' | b'\\'))
}

/// Chromium's `DoPath`/`DoPartialPath` as Envoy snapshots it. The nested-escape guard
/// (`CheckForNestedEscapes`, which re-escapes a `%` that a later decoded digit would turn into a
/// new escape) only changes how such a path is written back, not which routes it matches.
fn chromium_canonical_path(bytes: &[u8]) -> Result<String, Rejected> {
    let mut out: Vec<u8> = Vec::with_capacity(bytes.len() + 1);
    if !is_slash(bytes.first()) {
        out.push(b'/');
    }
    let mut i = 0;
    while i < bytes.len() {
        let byte = bytes[i];
        let dot = dot_len(bytes, i);
        if dot > 0 {
            i += dot;
            if out.last() != Some(&b'/') {
                out.push(b'.');
                continue;
            }
            // ClassifyAfterDot: `.` or `..` followed by the end or a slash is a directory step.
            let second = dot_len(bytes, i);
            if i == bytes.len() || is_slash(bytes.get(i)) {
                i += usize::from(i < bytes.len());
            } else if second > 0 && (i + second == bytes.len() || is_slash(bytes.get(i + second))) {
                i += second + usize::from(i + second < bytes.len());
                back_up_to_previous_slash(&mut out);
            } else {
                out.push(b'.');
            }
            continue;
        }
        match (byte, class(byte)) {
            (b'\\', _) => out.push(b'/'),
            (b'%', _) => match hex_pair(bytes, i + 1) {
                Some(value) if class(value) == Class::Unescape => {
                    out.push(value);
                    i += 2;
                }
                Some(0) => return Err(Rejected::EscapedNul),
                Some(_) => {
                    out.extend_from_slice(&bytes[i..i + 3]);
                    i += 2;
                }
                // An invalid escape is passed through (the permissive behaviour).
                None => out.push(b'%'),
            },
            (_, Class::Invalid) => return Err(Rejected::Nul),
            (_, Class::Escape) => out.extend_from_slice(format!("%{byte:02X}").as_bytes()),
            _ => out.push(byte),
        }
        i += 1;
    }
    Ok(String::from_utf8_lossy(&out).into_owned())
}

/// `BackUpToPreviousSlash`: drops the last segment of the output, which ends with `/`; the first
/// `/` stays.
fn back_up_to_previous_slash(out: &mut Vec<u8>) {
    let last = out.len() - 1;
    if last == 0 {
        return;
    }
    let previous = out[..last].iter().rposition(|&b| b == b'/').unwrap_or(0);
    out.truncate(previous + 1);
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_explanation_says_what_the_proxy_routes() {
        let reading = PathReading { proxy: "Traefik", rejects: "net/http", rewrites: "sanitizePath" };
        let mut steps = Vec::new();
        assert_eq!(reading.explain("/a", Ok("/a".into()), &mut steps).as_deref(), Some("/a"));
        assert!(steps.is_empty());
        assert_eq!(reading.explain("/a/../b", traefik_routing_path("/a/../b"), &mut steps).as_deref(), Some("/b"));
        assert_eq!(steps.pop().unwrap().message, "Traefik routes the path /b, not /a/../b: sanitizePath.");
        assert_eq!(reading.explain("/%zz", traefik_routing_path("/%zz"), &mut steps), None);
        assert!(steps.pop().unwrap().message.starts_with("Traefik answers 400 Bad Request"));
    }

    #[test]
    fn traefik_cleans_like_go() {
        let table = [
            ("/", "/"),
            ("/a/../b", "/b"),
            ("/a/./b/", "/a/b/"),
            ("//a///b", "/a/b"),
            ("/a/..", "/"),
            ("/../../etc", "/etc"),
            ("/a/%2E%2E/b", "/b"),
            ("/a/%2e%2E/b", "/b"),
            ("/%61pi", "/api"),
            ("/a%2Fb", "/a%2Fb"),
            ("/a%2fb", "/a%2Fb"),
            ("/a%20b", "/a b"),
            ("/a/./", "/a/"),
            ("/a..b/c", "/a..b/c"),
        ];
        for (input, routed) in table {
            assert_eq!(traefik_routing_path(input).as_deref(), Ok(routed), "{input}");
        }
        assert!(traefik_routing_path("/a%2").unwrap_err().to_string().contains("\"%2\""));
        assert!(traefik_routing_path("/a%zz").is_err());
    }

    #[test]
    fn envoy_normalises_like_chromium() {
        let table = [
            ("/", "/"),
            ("/a/../b", "/b"),
            ("/a/./b/", "/a/b/"),
            ("/a/..", "/"),
            ("/a/.", "/a/"),
            ("/../../etc", "/etc"),
            ("/a/%2E%2E/b", "/b"),
            ("/a\\b", "/a/b"),
            ("/%61pi", "/api"),
            ("/a%2fb", "/a%2fb"),
            ("/a b", "/a%20b"),
            ("/a%zz", "/a%zz"),
            ("/a..b/c", "/a..b/c"),
            ("/a/%2e", "/a/"),
        ];
        for (input, routed) in table {
            assert_eq!(envoy_path(input, false).as_deref(), Ok(routed), "{input}");
        }
        assert_eq!(envoy_path("//a///b/", false).as_deref(), Ok("//a///b/"));
        assert_eq!(envoy_path("//a///b/", true).as_deref(), Ok("/a/b/"));
        assert_eq!(envoy_path("/a/..//b", true).as_deref(), Ok("/b"));
        assert!(envoy_path("/a%00", true).is_err());
    }
}
