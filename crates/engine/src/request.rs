//! The request being simulated: a URL, or a host and a path, an optional TLS SNI name, and the
//! method, headers and cookies the controllers that branch on them read (ingress-nginx canaries).
//! [`RequestFields`] is the one way the CLI, the JS API, case files and the playground build one.

use crate::names::stable_names;
use serde::Serialize;

mod fields;

pub use fields::{parse_cookie_pairs, parse_header_line, parse_header_lines, FieldError, RequestFields};

/// `http` or `https`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Scheme {
    /// Plain HTTP (port 80).
    #[default]
    Http,
    /// HTTPS (port 443): TLS with SNI.
    Https,
}

stable_names!(Scheme, as_str; Http => "http", Https => "https");

/// An HTTP request as the Ingress controller sees it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Request {
    /// The scheme.
    pub scheme: Scheme,
    /// The Host header as given (may carry a port or upper case; routing normalises it).
    pub host: String,
    /// The path as given (may carry `?query` or `#fragment`; routing drops them).
    pub path: String,
    /// The TLS SNI name, when the request is made over TLS.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub sni: Option<String>,
    /// The method, as sent (`GET` unless given; left out of JSON when `GET`).
    #[serde(skip_serializing_if = "is_default_method")]
    pub method: String,
    /// The header lines other than `Host` and `Cookie`, in order, names as written.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub headers: Vec<(String, String)>,
    /// The cookies the `Cookie` header carries, in order.
    #[serde(skip_serializing_if = "Vec::is_empty")]
    pub cookies: Vec<(String, String)>,
}

/// The method when none is given.
pub const DEFAULT_METHOD: &str = "GET";

fn is_default_method(method: &str) -> bool {
    method == DEFAULT_METHOD
}

impl Default for Request {
    fn default() -> Request {
        Request::new(String::new(), String::new())
    }
}

/// Why a URL could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
#[non_exhaustive]
pub enum RequestError {
    /// Nothing was given.
    Empty,
    /// A scheme other than http or https.
    UnsupportedScheme(String),
    /// The URL has no host.
    MissingHost,
    /// The port is not a number from 1 to 65535.
    BadPort(String),
    /// The host has characters no host name can have.
    BadHost(String),
}

impl std::fmt::Display for RequestError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            RequestError::Empty => write!(f, "the URL is empty"),
            RequestError::UnsupportedScheme(s) => {
                write!(f, "scheme {s:?} is not supported: an Ingress serves http and https")
            }
            RequestError::MissingHost => write!(f, "the URL has no host (write it like https://foo.bar.com/path)"),
            RequestError::BadPort(p) => write!(f, "port {p:?} is not a number from 1 to 65535"),
            RequestError::BadHost(h) => {
                write!(f, "host {h:?} contains characters a host name cannot have")
            }
        }
    }
}

impl std::error::Error for RequestError {}

impl Request {
    /// A plain-HTTP request for a host and a path.
    pub fn new(host: impl Into<String>, path: impl Into<String>) -> Request {
        Request {
            scheme: Scheme::Http,
            host: host.into(),
            path: path.into(),
            sni: None,
            method: DEFAULT_METHOD.to_string(),
            headers: Vec::new(),
            cookies: Vec::new(),
        }
    }

    /// The values of the header lines named `name` (compared without regard to case), in order.
    pub fn header_values<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.headers.iter().filter(move |(n, _)| n.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }

    /// Sets the SNI name (and makes the request HTTPS).
    pub fn with_sni(mut self, sni: impl Into<String>) -> Request {
        let sni = sni.into();
        if !sni.is_empty() {
            self.scheme = Scheme::Https;
            self.sni = Some(sni);
        }
        self
    }

    /// Reads a URL such as `https://foo.bar.com:8443/a/b?x=1#y`. A missing scheme means http.
    /// For https the SNI name defaults to the URL's host.
    pub fn from_url(url: &str) -> Result<Request, RequestError> {
        let url = url.trim();
        if url.is_empty() {
            return Err(RequestError::Empty);
        }
        let (scheme, rest) = match url.split_once("://") {
            Some((s, rest)) => match s.to_ascii_lowercase().as_str() {
                "http" => (Scheme::Http, rest),
                "https" => (Scheme::Https, rest),
                other => return Err(RequestError::UnsupportedScheme(other.to_string())),
            },
            None => (Scheme::Http, url.strip_prefix("//").unwrap_or(url)),
        };
        let authority_end = rest.find(['/', '?', '#']).unwrap_or(rest.len());
        let (authority, path) = rest.split_at(authority_end);
        let authority = authority.rsplit_once('@').map_or(authority, |(_, host)| host);
        let (host, port) = split_host_port(authority);
        if host.is_empty() {
            return Err(RequestError::MissingHost);
        }
        if let Some(port) = port {
            if !port.parse::<u16>().is_ok_and(|p| p > 0) {
                return Err(RequestError::BadPort(port.to_string()));
            }
        }
        if host.chars().any(|c| c.is_whitespace() || c.is_control() || "<>\"{}|\\^`".contains(c)) {
            return Err(RequestError::BadHost(host.to_string()));
        }
        let path = if path.is_empty() || path.starts_with(['?', '#']) { format!("/{path}") } else { path.to_string() };
        let mut request = Request { scheme, ..Request::new(authority, path) };
        if scheme == Scheme::Https {
            request.sni = Some(host.trim_start_matches('[').trim_end_matches(']').to_string());
        }
        Ok(request)
    }
}

/// Splits `host:port` (and `[v6]:port`).
pub(crate) fn split_host_port(authority: &str) -> (&str, Option<&str>) {
    if let Some(rest) = authority.strip_prefix('[') {
        if let Some(end) = rest.find(']') {
            let port = rest[end + 1..].strip_prefix(':');
            return (&authority[..end + 2], port);
        }
    }
    match authority.rsplit_once(':') {
        Some((host, port)) if !host.contains(':') => (host, Some(port)),
        _ => (authority, None),
    }
}

/// The request as routing uses it, with what was changed to get there.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NormalizedRequest<'r> {
    /// Lower-case host without port or trailing dot.
    pub host: std::borrow::Cow<'r, str>,
    /// The path without query or fragment; `/` when empty.
    pub path: &'r str,
    /// Notes for the explanation ("port 8443 ignored", …).
    pub notes: Vec<String>,
}

impl Request {
    /// Normalises host and path for matching. `with_notes` controls whether notes are written
    /// (the fast path skips them).
    pub fn normalize(&self, with_notes: bool) -> NormalizedRequest<'_> {
        let mut notes = Vec::new();
        let (host, port) = split_host_port(self.host.trim());
        if let (Some(port), true) = (port, with_notes) {
            notes.push(format!("The port :{port} in the Host header is ignored: Ingress rules match host names only (ports are implicitly :80 and :443)."));
        }
        let trimmed = host.strip_suffix('.').unwrap_or(host);
        if with_notes && trimmed.len() != host.len() {
            notes.push(format!("The trailing dot of {host:?} is ignored."));
        }
        let host = if trimmed.bytes().any(|b| b.is_ascii_uppercase()) {
            if with_notes {
                notes.push(format!(
                    "Host names are case-insensitive: {trimmed:?} is matched as {:?}.",
                    trimmed.to_ascii_lowercase()
                ));
            }
            std::borrow::Cow::Owned(trimmed.to_ascii_lowercase())
        } else {
            std::borrow::Cow::Borrowed(trimmed)
        };
        let cut = self.path.find(['?', '#']).unwrap_or(self.path.len());
        let mut path = &self.path[..cut];
        if with_notes && cut < self.path.len() {
            notes.push(format!("Only the path takes part in matching: {:?} is dropped.", &self.path[cut..]));
        }
        if path.is_empty() {
            path = "/";
        }
        NormalizedRequest { host, path, notes }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn urls() {
        let r = Request::from_url("https://foo.bar.com:8443/a/b?x=1#y").unwrap();
        assert_eq!(r.scheme, Scheme::Https);
        assert_eq!(r.host, "foo.bar.com:8443");
        assert_eq!(r.path, "/a/b?x=1#y");
        assert_eq!(r.sni.as_deref(), Some("foo.bar.com"));
        let n = r.normalize(true);
        assert_eq!(n.host, "foo.bar.com");
        assert_eq!(n.path, "/a/b");
        assert_eq!(n.notes.len(), 2);
        let r = Request::from_url("foo.bar.com").unwrap();
        assert_eq!((r.scheme, r.host.as_str(), r.path.as_str()), (Scheme::Http, "foo.bar.com", "/"));
        let r = Request::from_url("http://Foo.Bar.com.?q").unwrap();
        assert_eq!(r.normalize(false).host, "foo.bar.com");
        assert_eq!(r.normalize(false).path, "/");
        assert_eq!(Request::from_url("http://[::1]:80/x").unwrap().normalize(false).host, "[::1]");
        assert!(matches!(Request::from_url("ftp://x/"), Err(RequestError::UnsupportedScheme(_))));
        assert!(matches!(Request::from_url("http:///x"), Err(RequestError::MissingHost)));
        assert!(matches!(Request::from_url("http://x:99999/"), Err(RequestError::BadPort(_))));
        assert!(matches!(Request::from_url(""), Err(RequestError::Empty)));
    }
}
