//! A request from the fields a user writes: the one parser behind `ingress-sim --url/-H/--cookie`,
//! the JS API's request object, a case file's request keys and the playground's request bar.
//! Every error names the field it is about.

use super::{Request, RequestError, DEFAULT_METHOD};

/// The fields of a request, as written. Empty strings count as not given.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RequestFields {
    /// A URL such as `https://foo.bar.com/api?x=1` (https implies SNI = the URL's host).
    pub url: Option<String>,
    /// The Host header: without `url`, the request's host; with it, replaces the URL's host in the
    /// Host header only (the SNI name stays the URL's).
    pub host: Option<String>,
    /// The path, with `host` (default `/`); a URL carries its own.
    pub path: Option<String>,
    /// The TLS SNI name; makes the request HTTPS.
    pub sni: Option<String>,
    /// The method (default `GET`).
    pub method: Option<String>,
    /// Header lines as name and value. A `Host` line is the `host` field; a `Cookie` line gives cookies.
    pub headers: Vec<(String, String)>,
    /// Cookies as name and value.
    pub cookies: Vec<(String, String)>,
}

/// A field that cannot be read: which one, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FieldError {
    /// `url`, `host`, `path`, `sni`, `method`, `headers` or `cookies`.
    pub field: &'static str,
    /// What is wrong, naming the offending header or cookie.
    pub message: String,
}

impl FieldError {
    fn new(field: &'static str, message: impl Into<String>) -> FieldError {
        FieldError { field, message: message.into() }
    }
}

impl std::fmt::Display for FieldError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}: {}", self.field, self.message)
    }
}

impl std::error::Error for FieldError {}

impl RequestFields {
    /// The request these fields describe, or the first field that cannot be read.
    pub fn build(mut self) -> Result<Request, FieldError> {
        let given = |v: &Option<String>| v.as_deref().map(str::trim).filter(|s| !s.is_empty()).map(str::to_string);
        let lines = HeaderLines::sort(std::mem::take(&mut self.headers), std::mem::take(&mut self.cookies))?;
        let host = match (given(&self.host), lines.host) {
            (Some(_), Some(_)) => {
                return Err(FieldError::new("headers", "the Host header is given twice (as host and as a header)"))
            }
            (field, header) => field.or(header),
        };
        let mut request = self.target(host)?;
        if request.host.chars().any(|c| c.is_whitespace() || c.is_control()) {
            return Err(FieldError::new("host", format!("{:?} contains a space or a control character", request.host)));
        }
        if let Some(method) = given(&self.method) {
            if !is_token(&method) {
                let why = "is not an HTTP method (letters, digits and !#$%&'*+-.^_`|~ only)";
                return Err(FieldError::new("method", format!("{method:?} {why}")));
            }
            request.method = method;
        }
        request.headers = lines.headers;
        request.cookies = lines.cookies;
        Ok(match given(&self.sni) {
            Some(sni) => request.with_sni(sni),
            None => request,
        })
    }

    /// The request line and host: the URL (its host replaced by `host` in the Host header), or
    /// `host` and the path.
    fn target(&self, host: Option<String>) -> Result<Request, FieldError> {
        let blank = |v: &Option<String>| v.as_deref().is_some_and(|t| t.trim().is_empty());
        let url = self.url.as_deref().map(str::trim).filter(|u| !u.is_empty());
        match (url, host) {
            (Some(_), _) if self.path.is_some() => {
                Err(FieldError::new("path", "the URL carries the path: give url alone, or host and path"))
            }
            (Some(url), host) => {
                let mut request = Request::from_url(url).map_err(|e| FieldError::new("url", e.to_string()))?;
                if let Some(host) = host {
                    request.host = host;
                }
                Ok(request)
            }
            (None, Some(host)) => {
                let path = self.path.clone().filter(|p| !p.is_empty()).unwrap_or_else(|| "/".into());
                Ok(Request::new(host, path))
            }
            (None, None) if blank(&self.url) => Err(FieldError::new("url", RequestError::Empty.to_string())),
            (None, None) if blank(&self.host) => Err(FieldError::new("host", "the host is empty")),
            (None, None) => Err(FieldError::new("url", "give a URL, or a host and a path")),
        }
    }
}

/// Header lines sorted out: a `Host` line is the host, `Cookie` lines and the cookies given apart
/// are the cookies, the rest are headers.
struct HeaderLines {
    host: Option<String>,
    headers: Vec<(String, String)>,
    cookies: Vec<(String, String)>,
}

impl HeaderLines {
    fn sort(lines: Vec<(String, String)>, given: Vec<(String, String)>) -> Result<HeaderLines, FieldError> {
        let mut sorted = HeaderLines { host: None, headers: Vec::new(), cookies: Vec::new() };
        for (name, value) in lines {
            check_header(&name, &value)?;
            let (name, value) = (name.trim(), value.trim());
            if name.eq_ignore_ascii_case("host") {
                if sorted.host.is_some() {
                    return Err(FieldError::new("headers", "the Host header is given twice"));
                }
                sorted.host = Some(value.to_string()).filter(|h| !h.is_empty());
            } else if name.eq_ignore_ascii_case("cookie") {
                sorted.cookies.extend(parse_cookie_pairs(value).map_err(|m| FieldError::new("headers", m))?);
            } else {
                sorted.headers.push((name.to_string(), value.to_string()));
            }
        }
        for (name, value) in given {
            let cookie = check_cookie(name.trim(), value.trim()).map_err(|m| FieldError::new("cookies", m))?;
            sorted.cookies.push(cookie);
        }
        Ok(sorted)
    }
}

impl Request {
    /// True when the method is the default one.
    pub fn is_default_method(&self) -> bool {
        self.method == DEFAULT_METHOD
    }
}

/// An RFC 9110 token: what header names, cookie names and methods are made of.
fn is_token(text: &str) -> bool {
    !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b))
}

fn check_header(name: &str, value: &str) -> Result<(), FieldError> {
    let name = name.trim();
    if name.is_empty() {
        return Err(FieldError::new("headers", "a header has no name (write it as Name: value)"));
    }
    if !is_token(name) {
        return Err(FieldError::new(
            "headers",
            format!("header name {name:?} has characters a header name cannot have (letters, digits and !#$%&'*+-.^_`|~ only)"),
        ));
    }
    if value.chars().any(|c| c.is_control() && c != '\t') {
        return Err(FieldError::new(
            "headers",
            format!("the value of header {name} has a line break or control character"),
        ));
    }
    Ok(())
}

fn check_cookie(name: &str, value: &str) -> Result<(String, String), String> {
    if !is_token(name) {
        return Err(format!("cookie name {name:?} is empty or has characters a cookie name cannot have"));
    }
    if value.chars().any(|c| c.is_control() || c == ';') {
        return Err(format!("the value of cookie {name} has a `;` or a control character"));
    }
    Ok((name.to_string(), value.to_string()))
}

/// Reads one header line, `Name: value`.
pub fn parse_header_line(line: &str) -> Result<(String, String), String> {
    let Some((name, value)) = line.split_once(':') else {
        return Err(format!("{:?} is not a header: write it as Name: value", line.trim()));
    };
    check_header(name, value).map_err(|e| e.message)?;
    Ok((name.trim().to_string(), value.trim().to_string()))
}

/// Reads header lines, one `Name: value` per line; blank lines are skipped. The error names the line.
pub fn parse_header_lines(text: &str) -> Result<Vec<(String, String)>, String> {
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(i, line)| parse_header_line(line).map_err(|m| format!("line {}: {m}", i + 1)))
        .collect()
}

/// Reads cookies written as a `Cookie` header's value: `name=value; other=value`.
pub fn parse_cookie_pairs(text: &str) -> Result<Vec<(String, String)>, String> {
    text.split(';')
        .filter(|pair| !pair.trim().is_empty())
        .map(|pair| match pair.split_once('=') {
            Some((name, value)) => check_cookie(name.trim(), value.trim()),
            None => Err(format!("cookie {:?} has no value: write it as name=value", pair.trim())),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::request::Scheme;

    fn fields(url: &str) -> RequestFields {
        RequestFields { url: Some(url.into()), ..RequestFields::default() }
    }

    fn error(fields: RequestFields) -> String {
        fields.build().unwrap_err().to_string()
    }

    #[test]
    fn a_url_with_method_headers_and_cookies() {
        let request = RequestFields {
            method: Some("POST".into()),
            headers: vec![("X-Canary".into(), " always ".into()), ("Cookie".into(), "a=1; b=2".into())],
            cookies: vec![("c".into(), "3".into())],
            ..fields("https://shop.example.com/cart")
        }
        .build()
        .unwrap();
        assert_eq!(
            (request.scheme, request.host.as_str(), request.path.as_str()),
            (Scheme::Https, "shop.example.com", "/cart")
        );
        assert_eq!(request.method, "POST");
        assert_eq!(request.headers, [("X-Canary".to_string(), "always".to_string())]);
        assert_eq!(request.header_values("x-canary").collect::<Vec<_>>(), ["always"]);
        let cookies: Vec<(&str, &str)> = request.cookies.iter().map(|(n, v)| (n.as_str(), v.as_str())).collect();
        assert_eq!(cookies, [("a", "1"), ("b", "2"), ("c", "3")]);
    }

    #[test]
    fn defaults_get_and_root_path() {
        let request = RequestFields { host: Some("foo.com".into()), ..RequestFields::default() }.build().unwrap();
        assert_eq!((request.method.as_str(), request.path.as_str()), ("GET", "/"));
        assert!(request.is_default_method());
    }

    #[test]
    fn a_host_header_overrides_the_urls_host_but_not_its_sni() {
        let request = RequestFields { host: Some("other.com".into()), ..fields("https://foo.com/x") }.build().unwrap();
        assert_eq!((request.host.as_str(), request.sni.as_deref()), ("other.com", Some("foo.com")));
        let by_header =
            RequestFields { headers: vec![("host".into(), "other.com".into())], ..fields("http://foo.com/") }.build();
        assert_eq!(by_header.unwrap().host, "other.com");
    }

    #[test]
    fn errors_name_the_field() {
        assert_eq!(error(RequestFields::default()), "url: give a URL, or a host and a path");
        assert_eq!(error(fields(" ")), "url: the URL is empty");
        assert!(error(fields("ftp://a/")).starts_with("url: scheme \"ftp\""));
        assert!(error(RequestFields { path: Some("/x".into()), ..fields("http://a/") })
            .starts_with("path: the URL carries"));
        assert!(
            error(RequestFields { method: Some("GE T".into()), ..fields("http://a/") }).starts_with("method: \"GE T\"")
        );
        let bad_name = RequestFields { headers: vec![("X Canary".into(), "1".into())], ..fields("http://a/") };
        assert!(error(bad_name).starts_with("headers: header name \"X Canary\""));
        let split = RequestFields { headers: vec![("X-A".into(), "1\r\nX-B: 2".into())], ..fields("http://a/") };
        assert!(error(split).contains("line break"));
        let twice = RequestFields {
            host: Some("a".into()),
            headers: vec![("Host".into(), "b".into())],
            ..RequestFields::default()
        };
        assert!(error(twice).contains("Host header is given twice"));
        let cookie = RequestFields { cookies: vec![("a b".into(), "1".into())], ..fields("http://a/") };
        assert!(error(cookie).starts_with("cookies: cookie name \"a b\""));
        let blank = RequestFields { host: Some(" ".into()), ..RequestFields::default() };
        assert_eq!(error(blank), "host: the host is empty");
        let bad_host = RequestFields { host: Some("a b".into()), ..RequestFields::default() };
        assert!(error(bad_host).starts_with("host: "));
    }

    #[test]
    fn header_and_cookie_text() {
        assert_eq!(parse_header_line("X-Canary:always"), Ok(("X-Canary".into(), "always".into())));
        assert_eq!(parse_header_line("X-Empty:"), Ok(("X-Empty".into(), String::new())));
        assert_eq!(parse_header_line("nocolon").unwrap_err(), "\"nocolon\" is not a header: write it as Name: value");
        assert!(parse_header_line(": v").unwrap_err().contains("no name"));
        let lines = parse_header_lines("A: 1\n\n  \nB: 2").unwrap();
        assert_eq!(lines.len(), 2);
        assert_eq!(
            parse_header_lines("A: 1\nbad").unwrap_err(),
            "line 2: \"bad\" is not a header: write it as Name: value"
        );
        assert_eq!(parse_cookie_pairs("a=1; b=x=y;").unwrap(), [("a".into(), "1".into()), ("b".into(), "x=y".into())]);
        assert!(parse_cookie_pairs("a").unwrap_err().contains("no value"));
    }
}
