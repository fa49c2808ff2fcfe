//! nginx's request-URI normalisation, done before any `location` is matched.
//!
//! A port of `ngx_http_parse_complex_uri` (nginx `src/http/ngx_http_parse.c`) with
//! `merge_slashes on` (the default): `%XX` is decoded and the decoded character is then treated as
//! if it had been written literally (so `%2F` is a slash and `%2E%2E` a `..` segment), except that
//! a decoded `%` or `#` (and `?` from `%3F`) stays a plain character; `//` is merged; `.` and `..`
//! segments are resolved; a `..` above the root, a bad `%` escape or `%00` is a 400 Bad Request.
//! The raw URI is split at the first `?` (arguments) and `#` (fragment) before decoding.

/// The URI as nginx matches locations against it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Uri {
    /// The normalised path (`r->uri`).
    pub path: String,
    /// The query string after `?` (`r->args`), without the `?`.
    pub args: Option<String>,
    /// The decoded bytes were not UTF-8: `path` has U+FFFD in their place.
    pub lossy: bool,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum State {
    Usual,
    Slash,
    Dot,
    DotDot,
    Quoted,
    QuotedSecond,
}

/// Why nginx answers 400 to a request target (printed by its `Display` in [`super::prose`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum BadUri {
    /// A `..` segment above the root.
    AboveRoot,
    /// `%` then a byte that is no hex digit (`first`: the hex digit before it, if any).
    Escape { first: Option<u8>, bad: u8 },
    /// `%00`.
    Nul,
    /// The target ends after `%` or `%X`.
    EndsInEscape,
}

/// `u -= 4` and back to just after the previous `/` (`sw_dot_dot` in `ngx_http_parse_complex_uri`).
fn up(out: &mut Vec<u8>) -> Result<(), BadUri> {
    let mut u = out.len() as isize - 4;
    loop {
        if u < 0 {
            return Err(BadUri::AboveRoot);
        }
        if out[u as usize] == b'/' {
            out.truncate(u as usize + 1);
            return Ok(());
        }
        u -= 1;
    }
}

/// One character in a path state (but `%`, `?` and `#`): writes it or resolves
/// the segment, and gives the next state (`sw_usual`, `sw_slash`, `sw_dot`, `sw_dot_dot`).
fn step(state: State, ch: u8, out: &mut Vec<u8>) -> Result<State, BadUri> {
    Ok(match (state, ch) {
        (State::Slash, b'/') => State::Slash, // merge_slashes
        (State::Dot, b'/') => {
            out.pop();
            State::Slash
        }
        (State::DotDot, b'/') => {
            up(out)?;
            State::Slash
        }
        (State::Slash, b'.') => {
            out.push(ch);
            State::Dot
        }
        (State::Dot, b'.') => {
            out.push(ch);
            State::DotDot
        }
        (_, b'/') => {
            out.push(ch);
            State::Slash
        }
        _ => {
            out.push(ch);
            State::Usual
        }
    })
}

/// Normalises a raw request target (`/a/../b%2Fc?x=1#f`) as nginx does; `Err` is the reason for
/// nginx's 400 Bad Request.
pub(crate) fn normalize(raw: &str) -> Result<Uri, BadUri> {
    let raw = raw.as_bytes();
    let mut out: Vec<u8> = Vec::with_capacity(raw.len() + 1);
    // `empty_path_in_uri` (and a target that does not start with `/`): nginx's URI starts with `/`.
    if raw.first() != Some(&b'/') {
        out.push(b'/');
    }
    let mut state = if out.is_empty() { State::Usual } else { State::Slash };
    let mut quoted_state = State::Usual;
    let mut decoded: u8 = 0;
    let mut args: Option<String> = None;
    let mut i = 0;
    // A decoded character is examined again in the state before the `%` (`state = quoted_state;
    // break;` without reading the next character).
    let mut again: Option<u8> = None;
    loop {
        let ch = match again.take() {
            Some(c) => c,
            None => {
                let Some(&c) = raw.get(i) else { break };
                i += 1;
                c
            }
        };
        match (state, ch) {
            (State::Quoted, _) => match hex(ch) {
                Some(d) => {
                    decoded = d;
                    state = State::QuotedSecond;
                }
                None => return Err(BadUri::Escape { first: None, bad: ch }),
            },
            (State::QuotedSecond, _) => {
                let Some(d) = hex(ch) else {
                    return Err(BadUri::Escape { first: Some(decoded), bad: ch });
                };
                let c = (decoded << 4) | d;
                if ch.is_ascii_digit() {
                    if c == b'%' || c == b'#' {
                        state = State::Usual;
                        out.push(c);
                        continue;
                    }
                    if c == 0 {
                        return Err(BadUri::Nul);
                    }
                } else if c == b'?' {
                    state = State::Usual;
                    out.push(c);
                    continue;
                }
                state = quoted_state;
                again = Some(c);
            }
            // Every path state: `%` starts an escape; `?` (`goto args`) and `#` (`goto done`) end the path.
            (_, b'%') => {
                quoted_state = state;
                state = State::Quoted;
            }
            (_, b'?' | b'#') => {
                if ch == b'?' {
                    args = Some(rest_args(&raw[i..]));
                }
                break;
            }
            (path_state, _) => state = step(path_state, ch, &mut out)?,
        }
    }
    // The path ended (at `?`, `#` or the end of the target): a last `.` or `..` segment resolves.
    match state {
        State::Quoted | State::QuotedSecond => return Err(BadUri::EndsInEscape),
        State::Dot => {
            out.pop();
        }
        State::DotDot => up(&mut out)?,
        State::Usual | State::Slash => {}
    }
    let (path, lossy) = match String::from_utf8(out) {
        Ok(s) => (s, false),
        Err(e) => (String::from_utf8_lossy(e.as_bytes()).into_owned(), true),
    };
    Ok(Uri { path, args, lossy })
}

/// The arguments after `?`, up to a `#`.
fn rest_args(rest: &[u8]) -> String {
    let end = rest.iter().position(|&b| b == b'#').unwrap_or(rest.len());
    String::from_utf8_lossy(&rest[..end]).into_owned()
}

fn hex(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn path(raw: &str) -> String {
        normalize(raw).map(|u| u.path).unwrap_or_else(|e| format!("400: {e}"))
    }

    /// (raw target, the normalised path, or "400" for nginx's 400 Bad Request).
    fn check(table: &[(&str, &str)]) {
        for &(raw, want) in table {
            let got = path(raw);
            let got = if got.starts_with("400: ") { "400" } else { got.as_str() };
            assert_eq!(got, want, "{raw}");
        }
    }

    #[test]
    fn plain_paths_are_unchanged() {
        check(&[("/", "/"), ("/foo/bar", "/foo/bar"), ("/foo/", "/foo/"), ("/a.b/c..d/.e", "/a.b/c..d/.e"), ("", "/")]);
    }

    #[test]
    fn slashes_merge_and_dots_resolve() {
        check(&[
            ("//foo///bar", "/foo/bar"),
            ("/foo/./bar", "/foo/bar"),
            ("/foo/../bar", "/bar"),
            ("/foo/bar/..", "/foo/"),
            ("/foo/.", "/foo/"),
            ("/a/b/../../c/", "/c/"),
            ("/..", "400"),
            ("/foo/../../x", "400"),
            ("//..", "400"),
        ]);
    }

    #[test]
    fn percent_decoding() {
        check(&[
            ("/caf%C3%A9", "/café"),
            ("/a%2Fb", "/a/b"),
            ("/a%2f%2fb", "/a/b"),
            ("/foo/%2E%2E/bar", "/bar"),
            ("/%25", "/%"),
            ("/a%23b", "/a#b"),
            ("/a%3Fb", "/a?b"),
            ("/a+b", "/a+b"),
            ("/%zz", "400"),
            ("/%4", "400"),
            ("/%00", "400"),
        ]);
        let u = normalize("/%FF").unwrap();
        assert!(u.lossy);
    }

    #[test]
    fn query_and_fragment() {
        let u = normalize("/a/../b?x=1&y=/..#frag").unwrap();
        assert_eq!(u.path, "/b");
        assert_eq!(u.args.as_deref(), Some("x=1&y=/.."));
        assert_eq!(normalize("/a/..?q").unwrap().path, "/");
        assert_eq!(normalize("/a/.#f").unwrap().path, "/a/");
        assert_eq!(normalize("?q").unwrap().path, "/");
        assert_eq!(normalize("foo").unwrap().path, "/foo");
    }
}
