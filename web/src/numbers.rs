//! Numbers as text, without `f64`'s `Display`: core's float printing (Grisu and Dragon4 with their
//! tables) costs about 8 KB gzipped of wasm, and the page only ever shows a few fixed decimals.

/// `value` rounded to `places` decimals (0–3): `fixed(12.345, 1)` → `"12.3"`.
pub fn fixed(value: f64, places: u32) -> String {
    let scale = 10i64.pow(places.min(3));
    let scaled = (value * scale as f64).round() as i64;
    let sign = if scaled < 0 { "-" } else { "" };
    let (whole, part) = ((scaled / scale).unsigned_abs(), (scaled % scale).unsigned_abs());
    match places {
        0 => format!("{sign}{whole}"),
        _ => format!("{sign}{whole}.{part:0width$}", width = places.min(3) as usize),
    }
}

/// A byte count in megabytes with one decimal: `2_345_678` → `"2.3"`.
pub fn megabytes(bytes: usize) -> String {
    fixed(bytes as f64 / 1e6, 1)
}

/// A CSS length in pixels, to the hundredth: `"12.5px"`.
pub fn px(value: f64) -> String {
    format!("{}px", fixed(value, 2))
}

/// `251000` → `"251,000"`.
pub fn group_thousands(n: u32) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use wasm_bindgen_test::wasm_bindgen_test;

    #[wasm_bindgen_test]
    fn fixed_rounds_like_format() {
        for (value, places, expected) in [
            (12.345, 1, "12.3"),
            (12.35, 1, "12.4"),
            (0.04, 1, "0.0"),
            (-0.25, 1, "-0.3"),
            (-1.5, 0, "-2"),
            (99.999, 2, "100.00"),
            (7.0, 2, "7.00"),
            (0.5, 3, "0.500"),
            (1234.5, 0, "1235"),
        ] {
            assert_eq!(fixed(value, places), expected, "fixed({value}, {places})");
        }
        assert_eq!(megabytes(10_485_760), "10.5");
        assert_eq!(px(-3.333), "-3.33px");
        assert_eq!(group_thousands(251000), "251,000");
        assert_eq!(group_thousands(999), "999");
    }
}
