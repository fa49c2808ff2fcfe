//! Permalinks: the whole state in the URL fragment, `#v1=<base64url of deflate-raw>`.
//!
//! Compression uses the browser's `CompressionStream`, so no compressor ships in the wasm. The
//! fragment never reaches a server.
//!
//! A link is untrusted input: 136 KB of deflate holds 100 MB of text. Reading one is bounded by
//! the caps below, which the docs widget's reader (`embed/permalink.js`) applies too, so a link
//! behaves the same everywhere.

use crate::numbers::group_thousands;
use crate::snapshot::{self, SCHEMA_VERSION};
use crate::state::Playground;
use js_sys::{Array, Uint8Array};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

#[wasm_bindgen]
extern "C" {
    /// `CompressionStream` / `DecompressionStream` (unstable in web-sys, so bound here).
    #[wasm_bindgen(js_name = CompressionStream)]
    type CompressionStream;
    #[wasm_bindgen(constructor, catch, js_class = "CompressionStream")]
    fn new(format: &str) -> Result<CompressionStream, JsValue>;

    #[wasm_bindgen(js_name = DecompressionStream)]
    type DecompressionStream;
    #[wasm_bindgen(constructor, catch, js_class = "DecompressionStream")]
    fn new(format: &str) -> Result<DecompressionStream, JsValue>;
    #[wasm_bindgen(method, getter)]
    fn writable(this: &DecompressionStream) -> Sink;
    #[wasm_bindgen(method, getter)]
    fn readable(this: &DecompressionStream) -> Stream;

    #[wasm_bindgen(js_name = WritableStream)]
    type Sink;
    #[wasm_bindgen(method, js_name = getWriter)]
    fn get_writer(this: &Sink) -> Writer;

    #[wasm_bindgen(js_name = WritableStreamDefaultWriter)]
    type Writer;
    #[wasm_bindgen(method)]
    fn write(this: &Writer, chunk: &JsValue) -> js_sys::Promise;
    #[wasm_bindgen(method)]
    fn close(this: &Writer) -> js_sys::Promise;

    #[wasm_bindgen(js_name = ReadableStream)]
    type Stream;
    #[wasm_bindgen(method, js_name = pipeThrough)]
    fn pipe_through(this: &Stream, transform: &JsValue) -> Stream;
    #[wasm_bindgen(method, js_name = getReader)]
    fn get_reader(this: &Stream) -> Reader;

    #[wasm_bindgen(js_name = ReadableStreamDefaultReader)]
    type Reader;
    #[wasm_bindgen(method)]
    fn read(this: &Reader) -> js_sys::Promise;
    #[wasm_bindgen(method)]
    fn cancel(this: &Reader) -> js_sys::Promise;
}

const FRAGMENT_PREFIX: &str = "v1=";

/// Longest fragment read, in characters: longer links are refused before decoding.
pub const MAX_FRAGMENT_CHARS: usize = 3_000_000;
/// Most text a link may hold once decompressed (2 MiB): decompression stops past it.
pub const MAX_LINK_BYTES: usize = 2 * 1024 * 1024;
/// Most test rows read from a link; the rest are left out (and counted).
pub const MAX_LINK_ROWS: usize = 1_000;

/// What a link opens.
#[derive(Debug, PartialEq)]
pub struct Opened {
    /// The state.
    pub state: Playground,
    /// Test rows past [`MAX_LINK_ROWS`], left out.
    pub dropped_rows: usize,
}

/// Runs bytes through a transform stream and collects the output.
async fn transform(bytes: &[u8], transform: &JsValue) -> Result<Vec<u8>, JsValue> {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts)?;
    let output: Stream = blob.stream().unchecked_into::<Stream>().pipe_through(transform);
    let response = web_sys::Response::new_with_opt_readable_stream(Some(output.unchecked_ref()))?;
    let buffer = JsFuture::from(response.array_buffer()?).await?;
    Ok(Uint8Array::new(&buffer).to_vec())
}

/// Compressed bytes handed to the decompressor at a time. The browser inflates each piece it is
/// given in one go, and deflate expands up to ~1,000 times: small pieces keep each step short
/// (4 KB → at most ~4 MB) and let reading stop soon after the cap.
const FEED_BYTES: usize = 4096;

/// Decompresses deflate-raw bytes piece by piece, giving up as soon as the output passes `limit`
/// bytes (`Ok(None)`), so a small link cannot make the page inflate gigabytes.
async fn inflate_at_most(bytes: &[u8], limit: usize) -> Result<Option<Vec<u8>>, JsValue> {
    let inflate = DecompressionStream::new("deflate-raw")?;
    let (writer, reader) = (inflate.writable().get_writer(), inflate.readable().get_reader());
    let pieces: Vec<Uint8Array> = bytes.chunks(FEED_BYTES).map(Uint8Array::from).collect();
    // Writing waits for reading (backpressure), so it runs beside the reading loop. Each promise
    // is awaited, so a stream cancelled below rejects them quietly.
    wasm_bindgen_futures::spawn_local(async move {
        for piece in pieces {
            if JsFuture::from(writer.write(&piece)).await.is_err() {
                return;
            }
        }
        let _ = JsFuture::from(writer.close()).await;
    });
    let mut out = Vec::new();
    loop {
        let chunk = JsFuture::from(reader.read()).await?;
        if js_sys::Reflect::get(&chunk, &"done".into())?.is_truthy() {
            return Ok(Some(out));
        }
        let value: Uint8Array = js_sys::Reflect::get(&chunk, &"value".into())?.unchecked_into();
        if out.len() + value.length() as usize > limit {
            let _ = JsFuture::from(reader.cancel()).await;
            return Ok(None);
        }
        let start = out.len();
        out.resize(start + value.length() as usize, 0);
        value.copy_to(&mut out[start..]);
    }
}

/// The fragment (`v1=…`, without `#`) for a state.
pub async fn fragment_for(state: &Playground) -> Result<String, String> {
    let text = snapshot::encode(state);
    let stream = CompressionStream::new("deflate-raw").map_err(describe)?;
    let compressed = transform(text.as_bytes(), &stream).await.map_err(describe)?;
    Ok(format!("{FRAGMENT_PREFIX}{}", base64url_encode(&compressed)))
}

/// True when the fragment looks like a permalink of some version.
pub fn is_permalink(fragment: &str) -> bool {
    let fragment = fragment.trim_start_matches('#');
    fragment.starts_with('v') && fragment.contains('=')
}

/// The state in a fragment (with or without `#`).
pub async fn state_from_fragment(fragment: &str) -> Result<Playground, String> {
    open_fragment(fragment).await.map(|opened| opened.state)
}

/// What a fragment (with or without `#`) opens, within the caps.
pub async fn open_fragment(fragment: &str) -> Result<Opened, String> {
    let fragment = fragment.trim_start_matches('#');
    let Some(payload) = fragment.strip_prefix(FRAGMENT_PREFIX) else {
        return Err(format!("this link was made by a newer version of the playground (we read v{SCHEMA_VERSION})"));
    };
    if payload.len() > MAX_FRAGMENT_CHARS {
        return Err(format!(
            "this link is too long ({} characters; at most {} are read)",
            group_thousands(u32::try_from(payload.len()).unwrap_or(u32::MAX)),
            group_thousands(MAX_FRAGMENT_CHARS as u32)
        ));
    }
    let compressed = base64url_decode(payload).ok_or("the link is damaged (not base64url)")?;
    let bytes = inflate_at_most(&compressed, MAX_LINK_BYTES)
        .await
        .map_err(|_| "the link is damaged or cut short".to_string())?
        .ok_or("this link holds more than 2 MB, more than the playground opens from a link")?;
    let text = String::from_utf8(bytes).map_err(|_| "the link is damaged (not UTF-8)")?;
    let (state, dropped_rows) = snapshot::decode_with_row_limit(&text, MAX_LINK_ROWS)?;
    Ok(Opened { state, dropped_rows })
}

/// The page's address.
pub fn current_url() -> String {
    web_sys::window().and_then(|w| w.location().href().ok()).unwrap_or_default()
}

/// Puts the fragment in the address bar (replacing the entry, not adding one) and returns the
/// full link.
pub fn publish(fragment: &str) -> String {
    let Some(window) = web_sys::window() else { return String::new() };
    let location = window.location();
    let base = format!(
        "{}{}{}",
        location.origin().unwrap_or_default(),
        location.pathname().unwrap_or_default(),
        location.search().unwrap_or_default()
    );
    let link = format!("{base}#{fragment}");
    if let Ok(history) = window.history() {
        let _ = history.replace_state_with_url(&JsValue::NULL, "", Some(&link));
    }
    link
}

fn describe(error: JsValue) -> String {
    error
        .dyn_ref::<js_sys::Error>()
        .map(|e| String::from(e.message()))
        .or_else(|| error.as_string())
        .unwrap_or_else(|| "unknown error".into())
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Base64url without padding (RFC 4648 §5).
pub fn base64url_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, &b)| n | (b as u32) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

/// Decodes base64url (padding and standard-alphabet `+/` tolerated).
pub fn base64url_decode(text: &str) -> Option<Vec<u8>> {
    let text = text.trim_end_matches('=');
    let mut out = Vec::with_capacity(text.len() * 3 / 4);
    let (mut buffer, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let value = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'-' | b'+' => 62,
            b'_' | b'/' => 63,
            _ => return None,
        };
        buffer = (buffer << 6) | value as u32;
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((buffer >> bits) as u8);
            buffer &= (1 << bits) - 1;
        }
    }
    Some(out)
}
