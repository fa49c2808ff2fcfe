//! The request form's fields → the engine's [`Request`].

use ingress_engine::{Request, RequestError, Scheme};

/// The request the fields describe: the URL, with the Host header replaced and the SNI name set
/// when those fields are filled in.
pub fn build_request(url: &str, sni: &str, host_header: &str) -> Result<Request, RequestError> {
    let mut request = Request::from_url(url)?;
    let host_header = host_header.trim();
    if !host_header.is_empty() {
        request.host = host_header.to_string();
    }
    Ok(request.with_sni(sni.trim()))
}

/// What the SNI field says when it is empty.
pub fn sni_placeholder(url: &str) -> String {
    match Request::from_url(url) {
        Ok(Request { scheme: Scheme::Https, sni: Some(host), .. }) => format!("{host} (the URL's host)"),
        Ok(_) => "none: http:// has no TLS (type a name to simulate one)".into(),
        Err(_) => "the URL's host, for https://".into(),
    }
}
