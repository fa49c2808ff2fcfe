//! The request bar's fields → the engine's [`Request`], through the engine's one request parser.
//!
//! The Headers box holds one `Name: value` per line; a `Cookie:` line gives the cookies. Errors
//! start with the label of the field they are about, so the form shows them under that field.

use crate::state::{RequestField, RequestFields};
use ingress_engine::request::parse_header_lines;
use ingress_engine::{Request, Scheme};

/// The methods the Method menu offers (the engine takes any token; these cover what people test).
pub const METHODS: &[&str] = &["GET", "HEAD", "POST", "PUT", "PATCH", "DELETE", "OPTIONS"];

/// The label a field's errors start with.
fn label(field: RequestField) -> &'static str {
    match field {
        RequestField::Url => "URL",
        RequestField::Sni => "SNI",
        RequestField::HostHeader => "Host header",
        RequestField::Method => "Method",
        RequestField::Headers => "Headers",
    }
}

/// The request the fields describe: the URL, with the Host header replaced, the SNI name, the
/// method and the headers set when those fields are filled in. The error names its field.
pub fn build_request(fields: &RequestFields) -> Result<Request, String> {
    let headers = parse_header_lines(&fields.headers).map_err(|m| format!("{}, {m}", label(RequestField::Headers)))?;
    let engine_fields = ingress_engine::RequestFields {
        url: Some(fields.url.clone()),
        host: Some(fields.host_header.clone()),
        sni: Some(fields.sni.clone()),
        method: Some(fields.method.clone()),
        headers,
        ..Default::default()
    };
    engine_fields.build().map_err(|e| {
        let field = match e.field {
            "host" => RequestField::HostHeader,
            "sni" => RequestField::Sni,
            "method" => RequestField::Method,
            "headers" | "cookies" => RequestField::Headers,
            _ => RequestField::Url,
        };
        format!("{}: {}", label(field), e.message)
    })
}

/// Which field an error from [`build_request`] is about.
pub fn error_field(message: &str) -> RequestField {
    [RequestField::Headers, RequestField::Method, RequestField::HostHeader, RequestField::Sni]
        .into_iter()
        .find(|&field| message.starts_with(label(field)))
        .unwrap_or(RequestField::Url)
}

/// The Headers box's text for a request's headers and cookies (a `Cookie:` line last).
pub fn headers_text(request: &Request) -> String {
    let mut lines: Vec<String> = request.headers.iter().map(|(name, value)| format!("{name}: {value}")).collect();
    if !request.cookies.is_empty() {
        let cookies: Vec<String> = request.cookies.iter().map(|(name, value)| format!("{name}={value}")).collect();
        lines.push(format!("Cookie: {}", cookies.join("; ")));
    }
    lines.join("\n")
}

/// What the SNI field says when it is empty.
pub fn sni_placeholder(url: &str) -> String {
    match Request::from_url(url) {
        Ok(Request { scheme: Scheme::Https, sni: Some(host), .. }) => format!("{host} (the URL's host)"),
        Ok(_) => "none: http:// has no TLS (type a name to simulate one)".into(),
        Err(_) => "the URL's host, for https://".into(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    fn fields(url: &str, headers: &str) -> RequestFields {
        RequestFields { url: url.into(), headers: headers.into(), ..RequestFields::default() }
    }

    #[wasm_bindgen_test]
    fn headers_and_cookies_come_from_the_box() {
        let request = build_request(&fields("http://a.com/", "X-Canary: always\n\nCookie: beta=always")).unwrap();
        assert_eq!(request.headers, [("X-Canary".to_string(), "always".to_string())]);
        assert_eq!(request.cookies, [("beta".to_string(), "always".to_string())]);
        assert_eq!(headers_text(&request), "X-Canary: always\nCookie: beta=always");
        let post = RequestFields { method: "POST".into(), ..fields("http://a.com/", "") };
        assert_eq!(build_request(&post).unwrap().method, "POST");
    }

    #[wasm_bindgen_test]
    fn errors_name_their_field() {
        let bad = build_request(&fields("http://a.com/", "X-A: 1\nnocolon")).unwrap_err();
        assert_eq!(bad, "Headers, line 2: \"nocolon\" is not a header: write it as Name: value");
        assert_eq!(error_field(&bad), RequestField::Headers);
        let url = build_request(&fields("ftp://a/", "")).unwrap_err();
        assert!(url.starts_with("URL: scheme"), "{url}");
        assert_eq!(error_field(&url), RequestField::Url);
        let method = build_request(&RequestFields { method: "G T".into(), ..fields("http://a/", "") }).unwrap_err();
        assert_eq!(error_field(&method), RequestField::Method);
    }
}
