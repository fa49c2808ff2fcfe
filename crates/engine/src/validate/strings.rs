//! String validators with the API server's exact messages
//! (`staging/src/k8s.io/apimachinery/pkg/util/validation/validation.go`).

const DNS1123_LABEL_FMT: &str = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";
const DNS1123_SUBDOMAIN_FMT: &str = "[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
const DNS1035_LABEL_FMT: &str = "[a-z]([-a-z0-9]*[a-z0-9])?";
const WILDCARD_FMT: &str = "\\*\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*";
const QUALIFIED_NAME_FMT: &str = "([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]";
const HTTP_PATH_FMT: &str = "[A-Za-z0-9/\\-._~%!$&'()*+,;=:]+";

/// `RegexError`: the message, examples and the regex, exactly as apimachinery builds it (two
/// examples give the famous double space: `'my-name',  or '123-abc'`).
fn regex_error(msg: &str, fmt: &str, examples: &[&str]) -> String {
    if examples.is_empty() {
        return format!("{msg} (regex used for validation is '{fmt}')");
    }
    let mut out = format!("{msg} (e.g. ");
    for (i, example) in examples.iter().enumerate() {
        if i > 0 {
            out.push_str(" or ");
        }
        out.push_str(&format!("'{example}', "));
    }
    out.push_str(&format!("regex used for validation is '{fmt}')"));
    out
}

/// `MaxLenError`.
pub fn max_len_error(n: usize) -> String {
    format!("must be no more than {n} characters")
}

fn is_alnum_lower(b: u8) -> bool {
    b.is_ascii_lowercase() || b.is_ascii_digit()
}

/// Matches `[a-z0-9]([-a-z0-9]*[a-z0-9])?`.
fn matches_dns1123_label(s: &str) -> bool {
    let b = s.as_bytes();
    !b.is_empty()
        && is_alnum_lower(b[0])
        && is_alnum_lower(b[b.len() - 1])
        && b.iter().all(|&c| is_alnum_lower(c) || c == b'-')
}

fn matches_dns1123_subdomain(s: &str) -> bool {
    s.split('.').all(matches_dns1123_label)
}

/// `IsDNS1123Label`.
pub fn dns1123_label(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > 63 {
        errs.push(max_len_error(63));
    }
    if !matches_dns1123_label(value) {
        if matches_dns1123_subdomain(value) {
            errs.push("must not contain dots".into());
        } else {
            errs.push(regex_error(
                "a lowercase RFC 1123 label must consist of lower case alphanumeric characters or '-', and must start and end with an alphanumeric character",
                DNS1123_LABEL_FMT,
                &["my-name", "123-abc"],
            ));
        }
    }
    errs
}

/// `IsDNS1123Subdomain`.
pub fn dns1123_subdomain(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > 253 {
        errs.push(max_len_error(253));
    }
    if !matches_dns1123_subdomain(value) {
        errs.push(regex_error(
            "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character",
            DNS1123_SUBDOMAIN_FMT,
            &["example.com"],
        ));
    }
    errs
}

/// `IsDNS1035Label`.
pub fn dns1035_label(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > 63 {
        errs.push(max_len_error(63));
    }
    let b = value.as_bytes();
    let ok = !b.is_empty()
        && b[0].is_ascii_lowercase()
        && is_alnum_lower(b[b.len() - 1])
        && b.iter().all(|&c| is_alnum_lower(c) || c == b'-');
    if !ok {
        errs.push(regex_error(
            "a DNS-1035 label must consist of lower case alphanumeric characters or '-', start with an alphabetic character, and end with an alphanumeric character",
            DNS1035_LABEL_FMT,
            &["my-name", "abc-123"],
        ));
    }
    errs
}

/// `IsWildcardDNS1123Subdomain`.
pub fn wildcard_dns1123_subdomain(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if value.len() > 253 {
        errs.push(max_len_error(253));
    }
    let ok = value.strip_prefix("*.").is_some_and(matches_dns1123_subdomain);
    if !ok {
        errs.push(regex_error(
            "a wildcard DNS-1123 subdomain must start with '*.', followed by a valid DNS subdomain, which must consist of lower case alphanumeric characters, '-' or '.' and end with an alphanumeric character",
            WILDCARD_FMT,
            &["*.example.com"],
        ));
    }
    errs
}

/// `IsValidPortName` (IANA_SVC_NAME): every failing check adds its own message.
pub fn port_name(port: &str) -> Vec<String> {
    let mut errs = Vec::new();
    if port.len() > 15 {
        errs.push(max_len_error(15));
    }
    if port.is_empty() || !port.bytes().all(|c| is_alnum_lower(c) || c == b'-') {
        errs.push("must contain only alpha-numeric characters (a-z, 0-9), and hyphens (-)".into());
    }
    if !port.bytes().any(|c| c.is_ascii_lowercase()) {
        errs.push("must contain at least one letter (a-z)".into());
    }
    if port.contains("--") {
        errs.push("must not contain consecutive hyphens".into());
    }
    if port.starts_with('-') || port.ends_with('-') {
        errs.push("must not begin or end with a hyphen".into());
    }
    errs
}

/// `IsValidPortNum`.
pub fn port_number(port: i64) -> Vec<String> {
    if (1..=65535).contains(&port) {
        Vec::new()
    } else {
        vec!["must be between 1 and 65535, inclusive".into()]
    }
}

/// `IsValidPathSegmentName` (`apimachinery/pkg/api/validation/path`).
pub fn path_segment_name(name: &str) -> Vec<String> {
    if name == "." || name == ".." {
        return vec![format!("may not be '{name}'")];
    }
    let mut errs = Vec::new();
    for bad in ["/", "%"] {
        if name.contains(bad) {
            errs.push(format!("may not contain '{bad}'"));
        }
    }
    errs
}

/// `IsQualifiedName` (annotation keys).
pub fn qualified_name(value: &str) -> Vec<String> {
    let mut errs = Vec::new();
    let (prefix, name) = match value.split_once('/') {
        Some((p, n)) => (Some(p), n),
        None => (None, value),
    };
    if value.matches('/').count() > 1 {
        return vec![regex_error(
            "a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
            QUALIFIED_NAME_FMT,
            &["MyName", "my.name", "123-abc"],
        ) + " with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"];
    }
    if let Some(prefix) = prefix {
        if prefix.is_empty() {
            errs.push("prefix part must be non-empty".into());
        } else {
            errs.extend(dns1123_subdomain(prefix).into_iter().map(|m| format!("prefix part {m}")));
        }
    }
    if name.is_empty() {
        errs.push("name part must be non-empty".into());
    } else {
        if name.len() > 63 {
            errs.push(format!("name part {}", max_len_error(63)));
        }
        let b = name.as_bytes();
        let alnum = |c: u8| c.is_ascii_alphanumeric();
        let ok = alnum(b[0]) && alnum(b[b.len() - 1]) && b.iter().all(|&c| alnum(c) || matches!(c, b'-' | b'_' | b'.'));
        if !ok {
            errs.push(regex_error(
                "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character",
                QUALIFIED_NAME_FMT,
                &["MyName", "my.name", "123-abc"],
            ));
        }
    }
    errs
}

/// `IsDomainPrefixedPath` (IngressClass `spec.controller`): the messages and which value is shown.
pub fn domain_prefixed_path(value: &str) -> Vec<(String, String)> {
    let Some((host, path)) = value.split_once('/').filter(|(h, p)| !h.is_empty() && !p.is_empty()) else {
        return vec![(value.to_string(), "must be a domain-prefixed path (such as \"acme.io/foo\")".into())];
    };
    let mut errs: Vec<(String, String)> = dns1123_subdomain(host).into_iter().map(|m| (host.to_string(), m)).collect();
    let path_ok = path.bytes().all(|c| c.is_ascii_alphanumeric() || b"/-._~%!$&'()*+,;=:".contains(&c));
    if !path_ok {
        errs.push((path.to_string(), regex_error("must be a valid path", HTTP_PATH_FMT, &[])));
    }
    errs
}

/// `netutils.ParseIPSloppy(s) != nil`: IPv4 (leading zeros allowed) or IPv6.
pub fn is_ip_sloppy(s: &str) -> bool {
    if s.parse::<std::net::Ipv6Addr>().is_ok() {
        return true;
    }
    let parts: Vec<&str> = s.split('.').collect();
    parts.len() == 4
        && parts.iter().all(|p| {
            !p.is_empty()
                && p.len() <= 3
                && p.bytes().all(|b| b.is_ascii_digit())
                && p.parse::<u16>().is_ok_and(|n| n <= 255)
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn label_error_has_the_api_servers_double_space() {
        let msg = &dns1123_label("Foo")[0];
        assert!(
            msg.contains(
                "(e.g. 'my-name',  or '123-abc', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?')"
            ),
            "{msg}"
        );
    }

    #[test]
    fn subdomains() {
        assert!(dns1123_subdomain("foo.bar.com").is_empty());
        assert_eq!(dns1123_subdomain("Foo.com").len(), 1);
        assert_eq!(dns1123_subdomain("foo.com.").len(), 1);
        assert_eq!(dns1123_subdomain("foobar:80").len(), 1);
        // Only the length: the subdomain pattern does not bound label length.
        assert_eq!(dns1123_subdomain(&"a".repeat(254)), vec![max_len_error(253)]);
        assert_eq!(dns1123_subdomain(&"A".repeat(254)).len(), 2);
        assert_eq!(dns1123_label("a.b"), vec!["must not contain dots".to_string()]);
    }

    #[test]
    fn wildcards() {
        assert!(wildcard_dns1123_subdomain("*.bar.com").is_empty());
        assert!(wildcard_dns1123_subdomain("*.com").is_empty());
        for bad in ["*", "foo.*.bar.com", "*foo.com", "*.*.foo.com"] {
            assert_eq!(wildcard_dns1123_subdomain(bad).len(), 1, "{bad}");
        }
    }

    #[test]
    fn port_names_give_every_message() {
        assert!(port_name("http").is_empty());
        assert_eq!(port_name("HTTP").len(), 2);
        assert_eq!(port_name("-web"), vec!["must not begin or end with a hyphen".to_string()]);
        assert_eq!(port_name("a--b"), vec!["must not contain consecutive hyphens".to_string()]);
        assert_eq!(port_name("123"), vec!["must contain at least one letter (a-z)".to_string()]);
        assert_eq!(port_name("sixteen-chars-xx"), vec![max_len_error(15)]);
    }

    #[test]
    fn sloppy_ips() {
        assert!(is_ip_sloppy("127.0.0.1"));
        assert!(is_ip_sloppy("001.002.003.004"));
        assert!(is_ip_sloppy("::1"));
        assert!(!is_ip_sloppy("foo.bar"));
        assert!(!is_ip_sloppy("1.2.3"));
    }

    #[test]
    fn controllers() {
        assert!(domain_prefixed_path("foo.co/bar").is_empty());
        assert_eq!(domain_prefixed_path("foo").len(), 1);
        assert_eq!(domain_prefixed_path("foo.co/").len(), 1);
        assert_eq!(domain_prefixed_path("Foo.co/b a").len(), 2);
    }
}
