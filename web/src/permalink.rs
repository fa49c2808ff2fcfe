//! Permalinks: the whole state in the URL fragment, `#v1=<base64url of deflate-raw>`.
//!
//! Compression uses the browser's `CompressionStream`, so no compressor ships in the wasm. The
//! fragment never reaches a server.

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

    #[wasm_bindgen(js_name = ReadableStream)]
    type Stream;
    #[wasm_bindgen(method, js_name = pipeThrough)]
    fn pipe_through(this: &Stream, transform: &JsValue) -> Stream;
}

const FRAGMENT_PREFIX: &str = "v1=";

/// Runs bytes through a transform stream and collects the output.
async fn transform(bytes: &[u8], transform: &JsValue) -> Result<Vec<u8>, JsValue> {
    let parts = Array::of1(&Uint8Array::from(bytes));
    let blob = web_sys::Blob::new_with_u8_array_sequence(&parts)?;
    let output: Stream = blob.stream().unchecked_into::<Stream>().pipe_through(transform);
    let response = web_sys::Response::new_with_opt_readable_stream(Some(output.unchecked_ref()))?;
    let buffer = JsFuture::from(response.array_buffer()?).await?;
    Ok(Uint8Array::new(&buffer).to_vec())
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
    let fragment = fragment.trim_start_matches('#');
    let Some(payload) = fragment.strip_prefix(FRAGMENT_PREFIX) else {
        return Err(format!("this link was made by a newer version of the playground (we read v{SCHEMA_VERSION})"));
    };
    let compressed = base64url_decode(payload).ok_or("the link is damaged (not base64url)")?;
    let stream = DecompressionStream::new("deflate-raw").map_err(describe)?;
    let bytes = transform(&compressed, &stream).await.map_err(|_| "the link is damaged or cut short".to_string())?;
    let text = String::from_utf8(bytes).map_err(|_| "the link is damaged (not UTF-8)")?;
    snapshot::decode(&text)
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
