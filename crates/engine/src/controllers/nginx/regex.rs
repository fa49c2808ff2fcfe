//! nginx regex locations are PCRE; the simulator runs them with `regex-lite`. This module
//! translates the PCRE syntax that has a `regex-lite` equivalent and refuses, with a reason, the
//! constructs that have none (look-around, backreferences, atomic groups, possessive quantifiers,
//! `\K`, recursion, conditionals, …): such a location is reported as not evaluated, never guessed.
//!
//! Differences handled: inside `[...]` PCRE takes `[`, `&&`, `--`, `~~` literally (regex-lite
//! nests classes and has set operators); `\<`/`\>` are literal in PCRE (word boundaries in
//! regex-lite); `{` that starts no valid quantifier is a literal in PCRE; `\v` is vertical
//! whitespace in PCRE (vertical tab in regex-lite); `(?'name'…)` and `\Q…\E` are PCRE spellings.
//! Case-insensitivity (`~*`) is ASCII in both (PCRE without UTF/UCP, regex-lite by design).
//! Known, accepted difference: PCRE's `$` and `\Z` also match before a final `\n` (a URI only has
//! one when it contains `%0A`).

use regex_lite::{Regex, RegexBuilder};

/// Why a pattern cannot be evaluated by the simulator (printed by the `Display`s in
/// [`super::prose`]).
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Problem {
    /// PCRE itself rejects it: nginx refuses the configuration (`pcre2_compile() failed`).
    Invalid(Invalid),
    /// Valid PCRE the simulator cannot run.
    Unsupported(Unsupported),
}

/// What PCRE (or nginx, reading the quoted path) rejects.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Invalid {
    UnmatchedClose,
    /// A quantifier (the character, when it is one) with nothing to repeat.
    NothingToRepeat(Option<char>),
    MissingClose,
    TrailingBackslash,
    UnclosedHexBrace,
    /// `\x{…}` whose digits (as written) are no hex number.
    NotHex(String),
    /// `\` then a letter PCRE does not know.
    UnknownEscape(char),
    UnterminatedComment,
    UnterminatedGroupName,
    /// A group name (as written) PCRE refuses.
    GroupName(String),
    UnterminatedGroup,
    UnterminatedClass,
    /// `[:name:]` (as written) is no POSIX class.
    PosixClass(String),
    /// The path holds a `"`, which ends nginx's quoted string (a path written unescaped).
    DoubleQuote,
}

/// What valid PCRE the simulator does not run.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) enum Unsupported {
    /// Longer than [`MAX_PATTERN`] bytes.
    TooLong,
    /// regex-lite refuses the translation (its error's last line).
    RegexLite(String),
    /// An escape, `\` and the character.
    Escape(Construct, char),
    Construct(Construct),
    /// An inline flag regex-lite lacks.
    InlineFlag(char),
}

/// A PCRE construct without a regex-lite equivalent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Construct {
    WideCodePoint,
    Backreference,
    ResetStart,
    FirstPosition,
    UnicodeProperty,
    CodeUnit,
    OtherEscape,
    Verb,
    LookAhead,
    LookBehind,
    AtomicGroup,
    BranchReset,
    Conditional,
    Callout,
    Recursion,
    NamedBackreference,
    UnknownPGroup,
    Possessive,
}

/// Longest pattern the simulator compiles (bounded work per input).
pub(super) const MAX_PATTERN: usize = 4096;

/// Translates a PCRE pattern to regex-lite syntax.
pub(crate) fn translate(pcre: &str) -> Result<String, Problem> {
    if pcre.len() > MAX_PATTERN {
        return Err(Problem::Unsupported(Unsupported::TooLong));
    }
    let chars: Vec<char> = pcre.chars().collect();
    let mut out = String::with_capacity(pcre.len() + 8);
    let mut depth = 0usize;
    // Can a quantifier follow here (PCRE: "quantifier does not follow a repeatable item")?
    let mut repeatable = false;
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        match c {
            '\\' => {
                i = escape(&chars, i, &mut out, false)?;
                repeatable = true;
                continue;
            }
            '[' => {
                i = class(&chars, i, &mut out)?;
                repeatable = true;
                continue;
            }
            '(' => {
                i = group_open(&chars, i, &mut out, &mut depth)?;
                repeatable = false;
                continue;
            }
            ')' => {
                if depth == 0 {
                    return Err(Problem::Invalid(Invalid::UnmatchedClose));
                }
                depth -= 1;
                out.push(')');
                repeatable = true;
            }
            '*' | '+' | '?' => {
                if !repeatable {
                    return Err(Problem::Invalid(Invalid::NothingToRepeat(Some(c))));
                }
                out.push(c);
                i += 1;
                i = quantifier_suffix(&chars, i, &mut out)?;
                repeatable = false;
                continue;
            }
            '{' => match counted(&chars, i) {
                Some(end) => {
                    if !repeatable {
                        return Err(Problem::Invalid(Invalid::NothingToRepeat(None)));
                    }
                    out.extend(&chars[i..end]);
                    i = quantifier_suffix(&chars, end, &mut out)?;
                    repeatable = false;
                    continue;
                }
                None => {
                    out.push_str("\\{");
                    repeatable = true;
                }
            },
            '}' | ']' | '#' | '&' | '~' | '-' | '<' | '>' | ' ' => {
                literal(c, &mut out);
                repeatable = true;
            }
            '|' => {
                out.push('|');
                repeatable = false;
            }
            '^' | '$' => {
                out.push(c);
                repeatable = false;
            }
            _ => {
                out.push(c);
                repeatable = true;
            }
        }
        i += 1;
    }
    if depth != 0 {
        return Err(Problem::Invalid(Invalid::MissingClose));
    }
    Ok(out)
}

/// Compiles a translated pattern, case-insensitive when `caseless` (nginx `~*`, `(?i)`), with
/// bounded size.
pub(crate) fn compile(pcre: &str, caseless: bool) -> Result<Regex, Problem> {
    let translated = translate(pcre)?;
    RegexBuilder::new(&translated)
        .case_insensitive(caseless)
        .size_limit(1 << 20)
        .nest_limit(64)
        .build()
        .map_err(|e| Problem::Unsupported(Unsupported::RegexLite(first_line(&e.to_string()).to_string())))
}

fn first_line(s: &str) -> &str {
    s.lines().rev().find(|l| !l.trim().is_empty()).unwrap_or(s).trim()
}

/// A literal character in regex-lite syntax (escaped when it means something there).
fn literal(c: char, out: &mut String) {
    let special = c.is_ascii_punctuation()
        && !matches!(c, '<' | '>' | '"' | '\'' | '%' | ',' | '/' | ':' | ';' | '=' | '@' | '!' | '_' | '`');
    escaped(c, special, out);
}

/// `c` as written, after a backslash when it is `special`; a space as `\x20`.
fn escaped(c: char, special: bool, out: &mut String) {
    if special {
        out.push('\\');
        out.push(c);
    } else if c == ' ' {
        out.push_str("\\x20");
    } else {
        out.push(c);
    }
}

fn hex_escape(value: u32, out: &mut String) {
    out.push_str(&format!("\\x{{{value:X}}}"));
}

/// `\` at `chars[i]`; returns the index after the escape. `in_class`: inside `[...]`.
fn escape(chars: &[char], i: usize, out: &mut String, in_class: bool) -> Result<usize, Problem> {
    let Some(&c) = chars.get(i + 1) else {
        return Err(Problem::Invalid(Invalid::TrailingBackslash));
    };
    let unsupported = |what: Construct| Err(Problem::Unsupported(Unsupported::Escape(what, c)));
    match c {
        'd' | 'D' | 'w' | 'W' | 's' | 'S' | 't' | 'n' | 'r' | 'f' | 'a' => {
            out.push('\\');
            out.push(c);
        }
        'b' if in_class => out.push_str("\\x08"),
        'b' | 'B' | 'A' | 'z' => {
            out.push('\\');
            out.push(c);
        }
        'Z' => out.push_str("\\z"),
        'e' => out.push_str("\\x1B"),
        'h' if in_class => out.push_str("\\t\\x20\\xA0"),
        'h' => out.push_str("[\\t\\x20\\xA0]"),
        'H' if !in_class => out.push_str("[^\\t\\x20\\xA0]"),
        'v' if in_class => out.push_str("\\n\\x0B\\x0C\\r\\x85"),
        'v' => out.push_str("[\\n\\x0B\\x0C\\r\\x85]"),
        'V' if !in_class => out.push_str("[^\\n\\x0B\\x0C\\r\\x85]"),
        'N' if !in_class => out.push_str("[^\\n]"),
        'R' if !in_class => out.push_str("(?:\\r\\n|[\\n\\x0B\\x0C\\r\\x85])"),
        'x' => {
            let rest = &chars[i + 2..];
            if rest.first() == Some(&'{') {
                let Some(close) = rest.iter().position(|&ch| ch == '}') else {
                    return Err(Problem::Invalid(Invalid::UnclosedHexBrace));
                };
                let digits: String = rest[1..close].iter().collect();
                let value =
                    u32::from_str_radix(&digits, 16).map_err(|_| Problem::Invalid(Invalid::NotHex(digits.clone())))?;
                if value > 0xFF {
                    return unsupported(Construct::WideCodePoint);
                }
                hex_escape(value, out);
                return Ok(i + 2 + close + 1);
            }
            let n = rest.iter().take(2).take_while(|ch| ch.is_ascii_hexdigit()).count();
            let digits: String = rest[..n].iter().collect();
            hex_escape(u32::from_str_radix(&digits, 16).unwrap_or(0), out);
            return Ok(i + 2 + n);
        }
        '0' => {
            let rest = &chars[i + 2..];
            let n = rest.iter().take(2).take_while(|ch| ('0'..='7').contains(ch)).count();
            let digits: String = rest[..n].iter().collect();
            hex_escape(u32::from_str_radix(&digits, 8).unwrap_or(0), out);
            return Ok(i + 2 + n);
        }
        'Q' => {
            let mut j = i + 2;
            while j < chars.len() {
                if chars[j] == '\\' && chars.get(j + 1) == Some(&'E') {
                    return Ok(j + 2);
                }
                if in_class {
                    class_literal(chars[j], out);
                } else {
                    literal(chars[j], out);
                }
                j += 1;
            }
            return Ok(j);
        }
        'E' => {}
        '1'..='9' => return unsupported(Construct::Backreference),
        'g' | 'k' => return unsupported(Construct::Backreference),
        'K' => return unsupported(Construct::ResetStart),
        'G' => return unsupported(Construct::FirstPosition),
        'p' | 'P' | 'X' => return unsupported(Construct::UnicodeProperty),
        'C' => return unsupported(Construct::CodeUnit),
        'c' | 'o' | 'u' | 'U' | 'L' | 'l' | 'H' | 'V' | 'N' | 'R' => return unsupported(Construct::OtherEscape),
        c if c.is_ascii_alphanumeric() => {
            return Err(Problem::Invalid(Invalid::UnknownEscape(c)));
        }
        c => {
            if in_class {
                class_literal(c, out);
            } else {
                literal(c, out);
            }
        }
    }
    Ok(i + 2)
}

/// `(` at `chars[i]`.
fn group_open(chars: &[char], i: usize, out: &mut String, depth: &mut usize) -> Result<usize, Problem> {
    let at = |k: usize| chars.get(i + k).copied();
    let unsupported = |what: Construct| Err(Problem::Unsupported(Unsupported::Construct(what)));
    if at(1) == Some('*') {
        return unsupported(Construct::Verb);
    }
    if at(1) != Some('?') {
        *depth += 1;
        out.push('(');
        return Ok(i + 1);
    }
    match at(2) {
        Some('=') | Some('!') => unsupported(Construct::LookAhead),
        Some('<') if matches!(at(3), Some('=') | Some('!')) => unsupported(Construct::LookBehind),
        Some('>') => unsupported(Construct::AtomicGroup),
        Some('|') => unsupported(Construct::BranchReset),
        Some('(') => unsupported(Construct::Conditional),
        Some('C') => unsupported(Construct::Callout),
        Some('R') | Some('&') | Some('+') => unsupported(Construct::Recursion),
        Some(d) if d.is_ascii_digit() => unsupported(Construct::Recursion),
        Some('-') if at(3).is_some_and(|d| d.is_ascii_digit()) => unsupported(Construct::Recursion),
        Some('P') if matches!(at(3), Some('>') | Some('=')) => unsupported(Construct::NamedBackreference),
        Some('#') => {
            let close =
                chars[i..].iter().position(|&c| c == ')').ok_or(Problem::Invalid(Invalid::UnterminatedComment))?;
            Ok(i + close + 1)
        }
        Some('<') | Some('\'') | Some('P') => {
            let start = match at(2) {
                Some('P') if at(3) == Some('<') => i + 4,
                Some('P') => return unsupported(Construct::UnknownPGroup),
                _ => i + 3,
            };
            let close_char = if at(2) == Some('\'') { '\'' } else { '>' };
            let len = chars[start..]
                .iter()
                .position(|&c| c == close_char)
                .ok_or(Problem::Invalid(Invalid::UnterminatedGroupName))?;
            let name: String = chars[start..start + len].iter().collect();
            let valid = name.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
            if !valid {
                return Err(Problem::Invalid(Invalid::GroupName(name.to_string())));
            }
            *depth += 1;
            out.push_str("(?P<");
            out.push_str(&name);
            out.push('>');
            Ok(start + len + 1)
        }
        _ => {
            // (?:...), (?flags) and (?flags:...): the flags both engines share.
            let mut j = i + 2;
            let mut flags = String::new();
            while let Some(&c) = chars.get(j) {
                match c {
                    'i' | 'm' | 's' | 'x' | 'U' | '-' => flags.push(c),
                    ':' | ')' => break,
                    other => return Err(Problem::Unsupported(Unsupported::InlineFlag(other))),
                }
                j += 1;
            }
            match chars.get(j) {
                Some(':') => {
                    *depth += 1;
                    out.push_str("(?");
                    out.push_str(&flags);
                    out.push(':');
                    Ok(j + 1)
                }
                Some(')') => {
                    if !flags.is_empty() {
                        out.push_str("(?");
                        out.push_str(&flags);
                        out.push(')');
                    }
                    Ok(j + 1)
                }
                _ => Err(Problem::Invalid(Invalid::UnterminatedGroup)),
            }
        }
    }
}

/// `{n}`, `{n,}` or `{n,m}` starting at `chars[i]`: the index after `}`.
fn counted(chars: &[char], i: usize) -> Option<usize> {
    let close = i + chars[i..].iter().position(|&c| c == '}')?;
    let inner: String = chars[i + 1..close].iter().collect();
    let (lo, hi) = match inner.split_once(',') {
        Some((lo, hi)) => (lo, Some(hi)),
        None => (inner.as_str(), None),
    };
    let number = |s: &str| !s.is_empty() && s.len() <= 5 && s.chars().all(|c| c.is_ascii_digit());
    (number(lo) && hi.is_none_or(|h| h.is_empty() || number(h))).then_some(close + 1)
}

/// After a quantifier: `?` (lazy) is kept, `+` (possessive) is not supported.
fn quantifier_suffix(chars: &[char], i: usize, out: &mut String) -> Result<usize, Problem> {
    match chars.get(i) {
        Some('?') => {
            out.push('?');
            Ok(i + 1)
        }
        Some('+') => Err(Problem::Unsupported(Unsupported::Construct(Construct::Possessive))),
        _ => Ok(i),
    }
}

/// A literal inside a regex-lite class.
fn class_literal(c: char, out: &mut String) {
    escaped(c, matches!(c, '[' | ']' | '\\' | '-' | '&' | '~' | '^'), out);
}

/// `[` at `chars[i]`: translates the whole class, returns the index after its `]`.
fn class(chars: &[char], i: usize, out: &mut String) -> Result<usize, Problem> {
    let unterminated = || Problem::Invalid(Invalid::UnterminatedClass);
    let mut j = i + 1;
    out.push('[');
    if chars.get(j) == Some(&'^') {
        out.push('^');
        j += 1;
    }
    let mut first = true;
    loop {
        let Some(&c) = chars.get(j) else { return Err(unterminated()) };
        if c == ']' && !first {
            out.push(']');
            return Ok(j + 1);
        }
        first = false;
        if c == '[' && chars.get(j + 1) == Some(&':') {
            let rest: String = chars[j..chars.len().min(j + 12)].iter().collect();
            if let Some(end) = rest.find(":]") {
                let name = &rest[2..end];
                let known = [
                    "alnum", "alpha", "ascii", "blank", "cntrl", "digit", "graph", "lower", "print", "punct", "space",
                    "upper", "word", "xdigit",
                ];
                if !known.contains(&name.trim_start_matches('^')) {
                    return Err(Problem::Invalid(Invalid::PosixClass(name.to_string())));
                }
                out.push_str(&rest[..end + 2]);
                j += rest[..end + 2].chars().count();
                continue;
            }
        }
        if c == '\\' {
            j = escape(chars, j, out, true)?;
        } else if c == '-'
            && chars.get(j + 1).is_some_and(|&n| n != ']')
            && out.ends_with(|l: char| l != '[' && l != '^')
        {
            // A range dash between two items.
            out.push('-');
            j += 1;
        } else {
            class_literal(c, out);
            j += 1;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ok(p: &str) -> Regex {
        compile(p, true).unwrap_or_else(|e| panic!("{p}: {e:?}"))
    }

    fn unsupported(p: &str) -> bool {
        matches!(compile(p, true), Err(Problem::Unsupported(_)))
    }

    fn invalid(p: &str) -> bool {
        matches!(compile(p, true), Err(Problem::Invalid(_)))
    }

    #[test]
    fn common_patterns_translate() {
        let r = ok("^/foo/bar/[A-Z0-9]{3}");
        assert!(r.is_match("/foo/bar/bar"));
        assert!(r.is_match("/FOO/BAR/x1z"));
        assert!(!r.is_match("/foo/bar/ba"));
        let r = ok("^/api(/|$)(.*)");
        let c = r.captures("/api/v1/x").unwrap();
        assert_eq!(&c[2], "v1/x");
        assert!(ok("^/a.*\\.php$").is_match("/a/b.PHP"));
        assert!(ok("^/(?<ver>v[0-9]+)/").is_match("/v2/x"));
        assert!(ok("^/(?'ver'v[0-9]+)/").is_match("/v2/x"));
        assert!(ok("^/x(?i:ab)(?#comment)c").is_match("/xABc"));
    }

    #[test]
    fn pcre_literals_stay_literal() {
        assert!(ok("^/a{b").is_match("/a{b"));
        assert!(ok("^/a{,3}").is_match("/a{,3}"));
        assert!(ok("^/[a[]").is_match("/["));
        assert!(ok("^/[a&&b]").is_match("/&"));
        assert!(ok("^/[]a]").is_match("/]"));
        assert!(ok("^/[^]a]").is_match("/b"));
        assert!(ok("^/\\<x\\>").is_match("/<x>"));
        assert!(ok("^/[a-c-]").is_match("/-"));
        assert!(ok("^/[[:digit:]]+$").is_match("/123"));
        assert!(ok("^/\\Qa.b\\E$").is_match("/a.b"));
        assert!(!ok("^/\\Qa.b\\E$").is_match("/axb"));
        assert!(ok("^/\\x41\\x{42}").is_match("/ab"));
        assert!(ok("^/a\\ b").is_match("/a b"));
    }

    #[test]
    fn pcre_only_constructs_are_detected() {
        for p in [
            "^/(?=a)",
            "^/(?!a)",
            "^/(?<=a)b",
            "^/(?<!a)b",
            "^/(a)\\1",
            "^/(?<n>a)\\k<n>",
            "^/(?>a+)",
            "^/a++",
            "^/a*+",
            "^/a{2}+",
            "^/a\\Kb",
            "^/(?R)",
            "^/(?1)",
            "^/(?(1)a|b)",
            "^/(*SKIP)",
            "^/\\p{L}",
            "^/(?|a|b)",
            "^/\\G",
        ] {
            assert!(unsupported(p), "{p} should be unsupported");
        }
    }

    #[test]
    fn pcre_errors_are_invalid() {
        for p in ["^/(a", "^/a)", "^/[a", "^/\\", "^/a|*b", "^/\\y", "^/(?<1a>x)"] {
            assert!(invalid(p), "{p} should be invalid");
        }
    }

    #[test]
    fn bounded() {
        assert!(unsupported(&format!("^/{}", "a".repeat(5000))));
        assert!(unsupported("^/((a{100}){100}){100}"));
    }
}
