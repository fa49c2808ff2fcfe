//! The two predicates of routing, written once: does a rule's host match a request's host, and
//! does a path match a request's path. The compiled index ([`crate::router`]) is only a faster way
//! of asking the same questions; the property tests check that the two always agree.

/// How a rule host relates to a request host (already lower-cased, port and trailing dot removed).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostMatch {
    /// The rule names exactly this host.
    Precise,
    /// The rule is `*.domain` and the host is one label plus `.domain`.
    Wildcard,
    /// The rule has no host: it matches every host.
    Any,
    /// The rule does not match.
    Miss(HostMiss),
}

/// Why a rule host does not match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostMiss {
    /// A different name.
    Different,
    /// `*.foo.com` against `a.b.foo.com`: the wildcard covers exactly one label.
    WildcardDepth,
    /// `*.foo.com` against `foo.com`: the wildcard needs a label in front.
    WildcardNeedsLabel,
}

/// Host tiers in order of precedence: precise beats wildcard beats host-less.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum HostTier {
    /// A rule naming the host.
    Precise,
    /// A `*.` rule covering the host.
    Wildcard,
    /// A rule without host.
    Any,
}

impl HostMatch {
    /// The tier of a match, `None` for a miss.
    pub fn tier(self) -> Option<HostTier> {
        match self {
            HostMatch::Precise => Some(HostTier::Precise),
            HostMatch::Wildcard => Some(HostTier::Wildcard),
            HostMatch::Any => Some(HostTier::Any),
            HostMatch::Miss(_) => None,
        }
    }
}

/// Compares a rule host with a normalised request host (kubernetes/website
/// `content/en/docs/concepts/services-networking/ingress.md` "Hostname wildcards"; the `IngressRule.host`
/// comment in kubernetes/api `networking/v1/types.go`). Rule hosts are compared case-insensitively too, although the API server only
/// admits lower-case ones, so that a rejected Ingress is still simulated sensibly.
pub fn match_host(rule_host: &str, request_host: &str) -> HostMatch {
    if rule_host.is_empty() {
        return HostMatch::Any;
    }
    if let Some(domain) = rule_host.strip_prefix("*.") {
        let Some(label_end) = request_host.len().checked_sub(domain.len() + 1) else {
            return HostMatch::Miss(if request_host.eq_ignore_ascii_case(domain) {
                HostMiss::WildcardNeedsLabel
            } else {
                HostMiss::Different
            });
        };
        let suffix_ok = request_host.is_char_boundary(label_end)
            && request_host[label_end..].starts_with('.')
            && request_host[label_end + 1..].eq_ignore_ascii_case(domain);
        if !suffix_ok {
            return HostMatch::Miss(HostMiss::Different);
        }
        let label = &request_host[..label_end];
        return if label.is_empty() {
            HostMatch::Miss(HostMiss::WildcardNeedsLabel)
        } else if label.contains('.') {
            HostMatch::Miss(HostMiss::WildcardDepth)
        } else {
            HostMatch::Wildcard
        };
    }
    if rule_host.eq_ignore_ascii_case(request_host) {
        HostMatch::Precise
    } else {
        HostMatch::Miss(HostMiss::Different)
    }
}

/// How a path is compared, once the profile has interpreted its `pathType`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum MatchKind {
    /// Byte-for-byte equality.
    Exact,
    /// Element-wise prefix.
    Prefix,
}

/// Why a path does not match.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PathMiss {
    /// Exact: the strings differ.
    ExactDiffers,
    /// Exact: they differ only by a trailing slash, which Exact does not ignore.
    ExactTrailingSlash,
    /// Prefix: the request's element only starts with the rule's last element (`/foo` vs `/foobar`).
    NotElementPrefix,
    /// Prefix: an element differs.
    ElementDiffers,
    /// Prefix: the request path is shorter than the rule path.
    RequestShorter,
    /// Either kind: they would match ignoring case, but paths are case-sensitive.
    CaseDiffers,
}

/// The non-empty `/`-separated elements of a path. Empty elements (from `//` or a trailing
/// slash) do not count, which is how the docs' "trailing slash is ignored" rule falls out.
pub fn elements(path: &str) -> impl Iterator<Item = &str> + Clone {
    path.split('/').filter(|e| !e.is_empty())
}

/// Compares a rule path with a request path (kubernetes/website `ingress.md` "Examples" table under
/// "Path types"; the `PathType` comments in kubernetes/api `networking/v1/types.go`).
pub fn match_path(kind: MatchKind, rule_path: &str, request_path: &str) -> Result<(), PathMiss> {
    match kind {
        MatchKind::Exact => {
            if rule_path == request_path {
                Ok(())
            } else if rule_path.trim_end_matches('/') == request_path.trim_end_matches('/') {
                Err(PathMiss::ExactTrailingSlash)
            } else if rule_path.eq_ignore_ascii_case(request_path) {
                Err(PathMiss::CaseDiffers)
            } else {
                Err(PathMiss::ExactDiffers)
            }
        }
        MatchKind::Prefix => {
            let mut request = elements(request_path);
            for rule_element in elements(rule_path) {
                match request.next() {
                    Some(e) if e == rule_element => {}
                    Some(e) if e.eq_ignore_ascii_case(rule_element) => return Err(PathMiss::CaseDiffers),
                    Some(e) if e.starts_with(rule_element) => return Err(PathMiss::NotElementPrefix),
                    Some(_) => return Err(PathMiss::ElementDiffers),
                    None => return Err(PathMiss::RequestShorter),
                }
            }
            Ok(())
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn wildcard_is_exactly_one_label() {
        assert_eq!(match_host("*.foo.com", "bar.foo.com"), HostMatch::Wildcard);
        assert_eq!(match_host("*.foo.com", "BAR.Foo.com"), HostMatch::Wildcard);
        assert_eq!(match_host("*.foo.com", "baz.bar.foo.com"), HostMatch::Miss(HostMiss::WildcardDepth));
        assert_eq!(match_host("*.foo.com", "foo.com"), HostMatch::Miss(HostMiss::WildcardNeedsLabel));
        assert_eq!(match_host("*.foo.com", ".foo.com"), HostMatch::Miss(HostMiss::WildcardNeedsLabel));
        assert_eq!(match_host("*.foo.com", "xfoo.com"), HostMatch::Miss(HostMiss::Different));
        assert_eq!(match_host("*.foo.com", "é.foo.com"), HostMatch::Wildcard);
    }

    #[test]
    fn precise_and_any() {
        assert_eq!(match_host("foo.bar.com", "foo.bar.com"), HostMatch::Precise);
        assert_eq!(match_host("foo.bar.com", "FOO.bar.com"), HostMatch::Precise);
        assert_eq!(match_host("", "anything"), HostMatch::Any);
        assert_eq!(match_host("foo.bar.com", "bar.com"), HostMatch::Miss(HostMiss::Different));
    }

    /// The Kubernetes docs' path-matching examples table.
    #[test]
    fn docs_examples_table() {
        use MatchKind::*;
        let yes = |k, r, p| assert_eq!(match_path(k, r, p), Ok(()), "{k:?} {r} {p}");
        let no = |k, r, p| assert!(match_path(k, r, p).is_err(), "{k:?} {r} {p}");
        yes(Prefix, "/", "/anything/at/all");
        yes(Exact, "/foo", "/foo");
        no(Exact, "/foo", "/bar");
        assert_eq!(match_path(Exact, "/foo", "/foo/"), Err(PathMiss::ExactTrailingSlash));
        no(Exact, "/foo/", "/foo");
        yes(Prefix, "/foo", "/foo");
        yes(Prefix, "/foo", "/foo/");
        yes(Prefix, "/foo/", "/foo");
        yes(Prefix, "/foo/", "/foo/");
        assert_eq!(match_path(Prefix, "/aaa/bb", "/aaa/bbb"), Err(PathMiss::NotElementPrefix));
        yes(Prefix, "/aaa/bbb", "/aaa/bbb");
        yes(Prefix, "/aaa/bbb/", "/aaa/bbb");
        yes(Prefix, "/aaa/bbb", "/aaa/bbb/");
        yes(Prefix, "/aaa/bbb", "/aaa/bbb/ccc");
        assert_eq!(match_path(Prefix, "/aaa/bbb", "/aaa/bbbxyz"), Err(PathMiss::NotElementPrefix));
        assert_eq!(match_path(Prefix, "/aaa", "/ccc"), Err(PathMiss::ElementDiffers));
        assert_eq!(match_path(Prefix, "/foo", "/FOO"), Err(PathMiss::CaseDiffers));
        assert_eq!(match_path(Exact, "/foo", "/FOO"), Err(PathMiss::CaseDiffers));
        assert_eq!(match_path(Prefix, "/a/b", "/a"), Err(PathMiss::RequestShorter));
    }
}
