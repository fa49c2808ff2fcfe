//! A raw HTTP/1.1 client over `std::net::TcpStream`: the request-target is sent byte for byte as
//! generated (percent-encoding, `//`, dot segments and case untouched), one connection per request.

use std::io::{Read, Write};
use std::net::{SocketAddr, TcpStream};
use std::time::Duration;

/// What came back.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Answer {
    pub status: u16,
    pub location: Option<String>,
    pub body: String,
}

/// `GET <target> HTTP/1.1` with `Host: <host>` to 127.0.0.1:`port`.
pub fn get(port: u16, host: &str, target: &str, timeout: Duration) -> std::io::Result<Answer> {
    send(port, ("GET", host, target), &[], timeout)
}

/// `<method> <target> HTTP/1.1` with `Host: <host>` and the `extra` header lines.
pub fn send(
    port: u16,
    (method, host, target): (&str, &str, &str),
    extra: &[(&str, &str)],
    timeout: Duration,
) -> std::io::Result<Answer> {
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let mut stream = TcpStream::connect_timeout(&addr, timeout)?;
    stream.set_read_timeout(Some(timeout.max(Duration::from_secs(5))))?;
    stream.set_write_timeout(Some(timeout.max(Duration::from_secs(5))))?;
    let extra: String = extra.iter().map(|(name, value)| format!("{name}: {value}\r\n")).collect();
    let request = format!(
        "{method} {target} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: nginx-differential\r\n{extra}Connection: close\r\n\r\n"
    );
    stream.write_all(request.as_bytes())?;
    let mut raw = Vec::new();
    stream.read_to_end(&mut raw)?;
    parse(&raw).ok_or_else(|| {
        std::io::Error::new(
            std::io::ErrorKind::InvalidData,
            format!("malformed response: {:?}", String::from_utf8_lossy(&raw[..raw.len().min(200)])),
        )
    })
}

fn parse(raw: &[u8]) -> Option<Answer> {
    let head_end = raw.windows(4).position(|w| w == b"\r\n\r\n")?;
    let head = std::str::from_utf8(&raw[..head_end]).ok()?;
    let mut lines = head.split("\r\n");
    let status_line = lines.next()?;
    let status = status_line.split(' ').nth(1)?.parse().ok()?;
    let mut location = None;
    let mut length = None;
    let mut chunked = false;
    for line in lines {
        let (name, value) = line.split_once(':')?;
        let value = value.trim();
        match name.trim().to_ascii_lowercase().as_str() {
            "location" => location = Some(value.to_string()),
            "content-length" => length = value.parse::<usize>().ok(),
            "transfer-encoding" => chunked = value.eq_ignore_ascii_case("chunked"),
            _ => {}
        }
    }
    let mut body = raw[head_end + 4..].to_vec();
    if chunked {
        body = dechunk(&body)?;
    } else if let Some(n) = length {
        body.truncate(n);
    }
    Some(Answer { status, location, body: String::from_utf8_lossy(&body).into_owned() })
}

fn dechunk(mut data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::new();
    loop {
        let line_end = data.windows(2).position(|w| w == b"\r\n")?;
        let size_text = std::str::from_utf8(&data[..line_end]).ok()?;
        let size = usize::from_str_radix(size_text.split(';').next()?.trim(), 16).ok()?;
        data = &data[line_end + 2..];
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(data.get(..size)?);
        data = data.get(size + 2..)?;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_length_and_chunked_bodies() {
        let a = parse(b"HTTP/1.1 301 Moved\r\nLocation: http://x/foo/\r\nContent-Length: 3\r\n\r\nabcdef").unwrap();
        assert_eq!((a.status, a.location.as_deref(), a.body.as_str()), (301, Some("http://x/foo/"), "abc"));
        let a =
            parse(b"HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n3\r\nabc\r\n2\r\nde\r\n0\r\n\r\n").unwrap();
        assert_eq!(a.body, "abcde");
    }
}
