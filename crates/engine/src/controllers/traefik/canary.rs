//! Canary Ingresses under Traefik's `kubernetesIngressNGINX` provider (traefik/traefik v3.7.9
//! `pkg/provider/kubernetes/ingress-nginx/build.go` second pass, `translator.go`
//! `appendCanaryRule`, `appendNonCanaryRule`, `model.go` `RequiresCanaryRouter`,
//! `RequiresNonCanaryRouter`). A canary path attaches to the primary path with the same
//! namespace, host, path and pathType, and its settings to every location proxying to that
//! primary Service: the location's router then sends `weight` of `total` (`max(total, 100)`) to
//! the canary (a weighted round robin), a longer router `(<rule>) && (<header or cookie>)` takes
//! the requests the header or cookie sends to the canary, and with a weight a router
//! `(<rule>) && (Header(h, "never") || <cookie never>)` keeps those on the primary.

use super::prose;
use super::{go_quote, quote_meta};
use crate::controllers::glob::compile_regex;
use crate::controllers::glob::verdict::Slot;
use crate::controllers::Context;
use crate::decision::SplitBranch;
use crate::request::Request;

/// A canary's settings, attached to the locations of its primary Service.
#[derive(Clone)]
pub(super) struct Canary {
    /// The canary Ingress's path (its backend receives the canary's share).
    pub slot: Slot,
    pub weight: i64,
    pub total: i64,
    pub header: String,
    pub header_value: String,
    pub header_pattern: String,
    pub cookie: String,
}

/// The header part of a router rule, as Traefik's `Header` and `HeaderRegexp` matchers read it
/// (`pkg/muxer/http/matcher.go`: any value of the header, its name without regard to case).
#[derive(Clone)]
pub(super) enum HeaderCond {
    Is(String, String),
    Matches(String, regex_lite::Regex),
    IsNot(String, String),
    All(Vec<HeaderCond>),
    Any(Vec<HeaderCond>),
}

impl HeaderCond {
    /// Does `request` satisfy it?
    pub fn holds(&self, request: &Request) -> bool {
        match self {
            HeaderCond::Is(name, value) => values(request, name).iter().any(|v| v == value),
            HeaderCond::Matches(name, re) => values(request, name).iter().any(|v| re.is_match(v)),
            HeaderCond::IsNot(name, value) => !values(request, name).iter().any(|v| v == value),
            HeaderCond::All(all) => all.iter().all(|c| c.holds(request)),
            HeaderCond::Any(any) => any.iter().any(|c| c.holds(request)),
        }
    }
}

/// The values of header `name`; the request's cookies are its `Cookie` line.
fn values(request: &Request, name: &str) -> Vec<String> {
    let mut out: Vec<String> = request.header_values(name).map(str::to_string).collect();
    if name.eq_ignore_ascii_case("cookie") && !request.cookies.is_empty() {
        let pairs: Vec<String> = request.cookies.iter().map(|(k, v)| format!("{k}={v}")).collect();
        out.push(pairs.join("; "));
    }
    out
}

/// `Matcher("a", "b")` as `fmt.Sprintf("%s(%q, %q)")` writes it.
fn matcher2(matcher: &str, a: &str, b: &str) -> String {
    format!("{matcher}({}, {})", go_quote(a), go_quote(b))
}

/// `HeaderRegexp("Cookie", "(^|;\s*)<name>=<value>(;|$)")`.
fn cookie_is(name: &str, value: &str) -> Option<(String, HeaderCond)> {
    let pattern = format!(r"(^|;\s*){}={value}(;|$)", quote_meta(name));
    let re = compile_regex(&pattern, false).ok()?;
    Some((matcher2("HeaderRegexp", "Cookie", &pattern), HeaderCond::Matches("Cookie".into(), re)))
}

impl Canary {
    /// A header without a value or pattern: `always` / `never` select the side.
    fn plain_header(&self) -> bool {
        !self.header.is_empty() && self.header_value.is_empty() && self.header_pattern.is_empty()
    }

    /// `appendCanaryRule`: the canary router's conditions, when it has a header or a cookie;
    /// `None` also when its header pattern is no regex (the router would not parse).
    pub fn canary_conditions(&self) -> Option<(String, HeaderCond)> {
        let mut parts = Vec::new();
        let h = self.header.as_str();
        if !h.is_empty() {
            parts.push(if self.header_value.is_empty() && !self.header_pattern.is_empty() {
                let re = compile_regex(&self.header_pattern, false).ok()?;
                (matcher2("HeaderRegexp", h, &self.header_pattern), HeaderCond::Matches(h.into(), re))
            } else {
                let value = if self.header_value.is_empty() { "always" } else { &self.header_value };
                (matcher2("Header", h, value), HeaderCond::Is(h.into(), value.into()))
            });
        }
        if !self.cookie.is_empty() {
            let (text, cond) = cookie_is(&self.cookie, "always")?;
            parts.push(if self.plain_header() {
                let never = HeaderCond::IsNot(h.into(), "never".into());
                (format!("({text} && !{})", matcher2("Header", h, "never")), HeaderCond::All(vec![cond, never]))
            } else {
                (text, cond)
            });
        }
        joined(parts)
    }

    /// `appendNonCanaryRule`, when `RequiresNonCanaryRouter`: with a weight, a plain header's
    /// `never` and the cookie's `never` keep the request on the primary.
    pub fn primary_conditions(&self) -> Option<(String, HeaderCond)> {
        if self.weight <= 0 {
            return None;
        }
        let mut parts = Vec::new();
        if self.plain_header() {
            let h = self.header.as_str();
            parts.push((matcher2("Header", h, "never"), HeaderCond::Is(h.into(), "never".into())));
        }
        if !self.cookie.is_empty() {
            parts.push(cookie_is(&self.cookie, "never")?);
        }
        joined(parts)
    }

    /// The canary's share of the weighted service, in percent.
    pub fn percent(&self) -> f64 {
        self.weight as f64 * 100.0 / self.total as f64
    }
}

/// The two sides of a location whose primary Service has canary `c`: `total - weight` to the
/// primary (`main`), `weight` to the canary; `to_canary` says which side this request takes.
pub(super) fn split(cx: &Context<'_>, main: Slot, c: &Canary, to_canary: bool) -> Vec<SplitBranch> {
    let branch = |slot: Slot, canary: bool, weight: f64, selector: String| SplitBranch {
        backend: slot.backend(cx),
        ingress: cx.manifest.ingresses[slot.ingress()].id(),
        canary,
        weight: Some(weight),
        selector,
        taken: canary == to_canary,
    };
    vec![
        branch(main, false, 100.0 - c.percent(), prose::primary_share()),
        branch(c.slot, true, c.percent(), prose::canary_share(c.weight, c.total)),
    ]
}

/// The parts joined with ` || `, when there are any.
fn joined(parts: Vec<(String, HeaderCond)>) -> Option<(String, HeaderCond)> {
    if parts.is_empty() {
        return None;
    }
    let (texts, conds): (Vec<String>, Vec<HeaderCond>) = parts.into_iter().unzip();
    Some((texts.join(" || "), HeaderCond::Any(conds)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn canary(header: &str, value: &str, cookie: &str, weight: i64) -> Canary {
        Canary {
            slot: Slot::Default { ingress: 0 },
            weight,
            total: 100,
            header: header.into(),
            header_value: value.into(),
            header_pattern: String::new(),
            cookie: cookie.into(),
        }
    }

    /// The rule texts of `appendCanaryRule` / `appendNonCanaryRule` (their lengths rank the
    /// routers), and what they take.
    #[test]
    fn canary_rules_as_the_translator_writes_them() {
        let c = canary("X-Canary", "", "canary", 10);
        let (text, cond) = c.canary_conditions().unwrap();
        assert_eq!(
            text,
            r#"Header("X-Canary", "always") || (HeaderRegexp("Cookie", "(^|;\\s*)canary=always(;|$)") && !Header("X-Canary", "never"))"#
        );
        let mut request = Request::new("a", "/");
        assert!(!cond.holds(&request));
        request.cookies.push(("canary".into(), "always".into()));
        assert!(cond.holds(&request));
        request.headers.push(("x-canary".into(), "never".into()));
        assert!(!cond.holds(&request), "the header's never wins over the cookie");
        let (never, primary) = c.primary_conditions().unwrap();
        assert_eq!(never, r#"Header("X-Canary", "never") || HeaderRegexp("Cookie", "(^|;\\s*)canary=never(;|$)")"#);
        assert!(primary.holds(&request));
        assert!(canary("X-Canary", "", "", 0).primary_conditions().is_none(), "no weight: no primary router");
        let (valued, _) = canary("X-Env", "blue", "", 0).canary_conditions().unwrap();
        assert_eq!(valued, r#"Header("X-Env", "blue")"#);
        assert!(canary("", "", "", 50).canary_conditions().is_none(), "a weight alone is the weighted service");
    }
}
