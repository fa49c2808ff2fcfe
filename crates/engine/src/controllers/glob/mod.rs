//! What the GCE, ALB, Traefik and Contour profiles share: the pattern languages of their
//! matchers (ALB `*`/`?` globs, GCE URL-map paths and hosts, bounded regexes for Traefik's
//! `PathRegexp` and Contour's regex routes) and, in [`verdict`], the bookkeeping that turns a
//! compiled route into explanation entries and a [`super::Routed`]; in [`request_path`], the request
//! path as Traefik and Envoy (Contour) match it.
//!
//! Everything here is bounded: globs are matched with the classic two-pointer algorithm
//! (O(pattern × text) at worst), regexes are compiled by `regex-lite` with size and nesting limits
//! and run in linear time.

pub(crate) mod prose;
pub(crate) mod request_path;
pub(crate) mod verdict;

/// A glob with `*` (any run of characters, `/` included) and optionally `?` (exactly one
/// character), as ALB path-pattern and host-header conditions and GCE host rules use them.
/// `ignore_case` compares ASCII letters case-insensitively (host names).
pub(crate) fn glob_match(pattern: &str, text: &str, question: bool, ignore_case: bool) -> bool {
    if pattern.is_ascii() && text.is_ascii() {
        // One byte is one character: the same algorithm without collecting characters.
        return glob_walk(pattern.as_bytes(), text.as_bytes(), question, ignore_case);
    }
    let p: Vec<char> = pattern.chars().collect();
    let t: Vec<char> = text.chars().collect();
    glob_walk(&p, &t, question, ignore_case)
}

/// A character of a glob: `char`, or a byte of an ASCII string.
trait GlobChar: Copy + PartialEq {
    const STAR: Self;
    const QUESTION: Self;
    fn same_ignoring_case(self, other: Self) -> bool;
}

impl GlobChar for char {
    const STAR: char = '*';
    const QUESTION: char = '?';
    fn same_ignoring_case(self, other: char) -> bool {
        self.eq_ignore_ascii_case(&other)
    }
}

impl GlobChar for u8 {
    const STAR: u8 = b'*';
    const QUESTION: u8 = b'?';
    fn same_ignoring_case(self, other: u8) -> bool {
        self.eq_ignore_ascii_case(&other)
    }
}

/// The two-pointer glob walk over characters.
fn glob_walk<C: GlobChar>(p: &[C], t: &[C], question: bool, ignore_case: bool) -> bool {
    let same = |a: C, b: C| if ignore_case { a.same_ignoring_case(b) } else { a == b };
    let (mut pi, mut ti) = (0usize, 0usize);
    // Where the last `*` was seen, and the text position it currently swallows up to.
    let mut star: Option<(usize, usize)> = None;
    while ti < t.len() {
        match p.get(pi) {
            Some(&c) if c == C::STAR => {
                star = Some((pi, ti));
                pi += 1;
            }
            Some(&c) if (question && c == C::QUESTION) || same(c, t[ti]) => {
                pi += 1;
                ti += 1;
            }
            _ => match star {
                Some((sp, st)) => {
                    pi = sp + 1;
                    ti = st + 1;
                    star = Some((sp, st + 1));
                }
                None => return false,
            },
        }
    }
    p[pi..].iter().all(|&c| c == C::STAR)
}

/// A case-sensitive path glob (`*` and `?`, as [`glob_match`] with `question`), sorted at compile
/// time into the shapes that need no glob walk.
#[derive(Debug)]
pub(crate) enum PathGlob {
    /// No wildcard: the path itself.
    Literal(String),
    /// `<literal>*`: every path that starts with the literal.
    Prefix(String),
    /// Anything else.
    Glob(String),
}

impl PathGlob {
    pub fn new(pattern: &str) -> PathGlob {
        match pattern.strip_suffix('*') {
            _ if !pattern.contains(['*', '?']) => PathGlob::Literal(pattern.to_string()),
            Some(head) if !head.contains(['*', '?']) => PathGlob::Prefix(head.to_string()),
            _ => PathGlob::Glob(pattern.to_string()),
        }
    }

    /// `glob_match(pattern, path, true, false)`.
    pub fn matches(&self, path: &str) -> bool {
        match self {
            PathGlob::Literal(p) => path == p,
            PathGlob::Prefix(p) => path.starts_with(p.as_str()),
            PathGlob::Glob(p) => glob_match(p, path, true, false),
        }
    }
}

/// A GCE URL-map path rule (GCP `pathMatchers[].pathRules[].paths`): `*` is allowed only as the
/// last character, right after a `/`; `/foo/*` matches every path that starts with `/foo/`, any
/// other path matches only itself. Returns the length of the matched literal part (the longest
/// match wins inside a path matcher), `None` when it does not match.
pub(crate) fn url_map_path_match(pattern: &str, path: &str) -> Option<usize> {
    match pattern.strip_suffix('*') {
        Some(prefix) if prefix.ends_with('/') => path.starts_with(prefix).then_some(prefix.len()),
        _ => (pattern == path).then_some(pattern.len()),
    }
}

/// Whether a GCE URL-map path is one GCP accepts: starts with `/`, and a `*` only as a trailing `/*`.
pub(crate) fn url_map_path_valid(pattern: &str) -> bool {
    let body = pattern.strip_suffix("/*").map_or(pattern, |b| b);
    pattern.starts_with('/') && !body.contains('*')
}

/// The longest pattern `regex-lite` is asked to compile (the API server accepts any length).
const MAX_REGEX_LEN: usize = 4096;

/// Compiles a controller's regex with bounded size and nesting. `full` anchors it at both ends
/// (Envoy `safe_regex` route matches must match the whole path); otherwise it may match anywhere
/// (Go's `regexp.MatchString`, Traefik's `PathRegexp`). The error text is what the learner reads.
pub(crate) fn compile_regex(pattern: &str, full: bool) -> Result<regex_lite::Regex, String> {
    if pattern.len() > MAX_REGEX_LEN {
        return Err(prose::regex_too_long(MAX_REGEX_LEN));
    }
    let source = if full { format!("^(?:{pattern})$") } else { pattern.to_string() };
    regex_lite::RegexBuilder::new(&source)
        .size_limit(1 << 20)
        .nest_limit(64)
        .build()
        .map_err(|e| e.to_string().lines().last().unwrap_or("invalid regex").trim().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn globs() {
        // (pattern, text, `?` is a wildcard, ignore case, matches): ALB paths, ALB and GCE hosts.
        let table = [
            ("/foo/*", "/foo/bar/baz", true, false, true),
            ("/foo/*", "/foo/", true, false, true),
            ("/foo/*", "/foo", true, false, false),
            ("/img/*.png", "/img/a/b.png", true, false, true),
            ("/img/*.png", "/img/a/b.jpg", true, false, false),
            ("/v?/users", "/v1/users", true, false, true),
            ("/v?/users", "/v10/users", true, false, false),
            ("/Foo", "/foo", true, false, false),
            ("*", "", true, false, true),
            ("**a**", "xxa", true, false, true),
            ("", "x", true, false, false),
            ("", "", true, false, true),
            ("*.foo.com", "a.b.foo.com", true, true, true),
            ("*.foo.com", "A.foo.COM", true, true, true),
            ("*.foo.com", "foo.com", true, true, false),
            ("api-?.foo.com", "api-1.foo.com", true, true, true),
            // GCE hosts have no `?`: it is a literal.
            ("api-?.foo.com", "api-1.foo.com", false, true, false),
        ];
        for (pattern, text, question, ignore_case, matches) in table {
            assert_eq!(glob_match(pattern, text, question, ignore_case), matches, "{pattern} {text}");
        }
    }

    #[test]
    fn path_globs_agree_with_the_walk() {
        let patterns = ["/foo", "/foo/*", "/*", "*", "", "/a?c", "/a*b", "/x/**", "/é*", "/é?"];
        let texts = ["/foo", "/foo/", "/foo/bar", "/", "", "/abc", "/aXXb", "/x/", "/é", "/éa", "/ée/f"];
        for p in patterns {
            for t in texts {
                assert_eq!(PathGlob::new(p).matches(t), glob_match(p, t, true, false), "{p} {t}");
            }
        }
        assert!(glob_match("/é?", "/éa", true, false));
        assert!(glob_match("/?", "/é", true, false));
    }

    #[test]
    fn glob_is_bounded() {
        let pattern = "*a".repeat(200);
        let text = "a".repeat(199) + "b";
        assert!(!glob_match(&pattern, &text, true, false));
    }

    #[test]
    fn url_map_paths() {
        assert_eq!(url_map_path_match("/*", "/anything"), Some(1));
        assert_eq!(url_map_path_match("/foo/*", "/foo/x"), Some(5));
        assert_eq!(url_map_path_match("/foo/*", "/foo"), None);
        assert_eq!(url_map_path_match("/foo", "/foo"), Some(4));
        assert_eq!(url_map_path_match("/foo", "/foo/"), None);
        assert_eq!(url_map_path_match("/foo*", "/foobar"), None);
        assert!(url_map_path_valid("/foo/*"));
        assert!(url_map_path_valid("/*"));
        assert!(!url_map_path_valid("/foo*"));
        assert!(!url_map_path_valid("/a/*/b"));
        assert!(!url_map_path_valid(""));
    }

    #[test]
    fn regexes() {
        let full = compile_regex("/api/v[0-9]+", true).unwrap();
        assert!(full.is_match("/api/v2"));
        assert!(!full.is_match("/api/v2/users"));
        let anywhere = compile_regex("/api/v[0-9]+", false).unwrap();
        assert!(anywhere.is_match("/x/api/v2/users"));
        let alternation = compile_regex("/a|/b", true).unwrap();
        assert!(alternation.is_match("/b"));
        assert!(!alternation.is_match("/a/b"));
        assert!(compile_regex("/foo[", true).is_err());
        assert!(compile_regex(&"a".repeat(MAX_REGEX_LEN + 1), true).is_err());
        assert!(compile_regex(&"(".repeat(100), false).is_err());
    }
}
