//! The `nginx.ingress.kubernetes.io/*` annotations ingress2gateway's ingress-nginx provider reads
//! (kubernetes-sigs/ingress2gateway v1.1.0 `pkg/i2gw/providers/ingressnginx/annotations.go`), and
//! how it reads a value.

pub(super) const PREFIX: &str = "nginx.ingress.kubernetes.io/";

pub(super) const CANARY: &str = "nginx.ingress.kubernetes.io/canary";
pub(super) const CANARY_WEIGHT: &str = "nginx.ingress.kubernetes.io/canary-weight";
pub(super) const CANARY_WEIGHT_TOTAL: &str = "nginx.ingress.kubernetes.io/canary-weight-total";
pub(super) const CANARY_BY_HEADER: &str = "nginx.ingress.kubernetes.io/canary-by-header";
pub(super) const CANARY_BY_HEADER_VALUE: &str = "nginx.ingress.kubernetes.io/canary-by-header-value";
pub(super) const CANARY_BY_HEADER_PATTERN: &str = "nginx.ingress.kubernetes.io/canary-by-header-pattern";
pub(super) const CANARY_BY_COOKIE: &str = "nginx.ingress.kubernetes.io/canary-by-cookie";
pub(super) const REWRITE_TARGET: &str = "nginx.ingress.kubernetes.io/rewrite-target";
pub(super) const APP_ROOT: &str = "nginx.ingress.kubernetes.io/app-root";
pub(super) const PERMANENT_REDIRECT: &str = "nginx.ingress.kubernetes.io/permanent-redirect";
pub(super) const PERMANENT_REDIRECT_CODE: &str = "nginx.ingress.kubernetes.io/permanent-redirect-code";
pub(super) const TEMPORAL_REDIRECT: &str = "nginx.ingress.kubernetes.io/temporal-redirect";
pub(super) const TEMPORAL_REDIRECT_CODE: &str = "nginx.ingress.kubernetes.io/temporal-redirect-code";
/// Read by `addWWWRedirect` but missing from `parsedAnnotations`: upstream also reports it as
/// unsupported.
pub(super) const FROM_TO_WWW_REDIRECT: &str = "nginx.ingress.kubernetes.io/from-to-www-redirect";
pub(super) const PROXY_REDIRECT_FROM: &str = "nginx.ingress.kubernetes.io/proxy-redirect-from";
pub(super) const PROXY_REDIRECT_TO: &str = "nginx.ingress.kubernetes.io/proxy-redirect-to";
pub(super) const X_FORWARDED_PREFIX: &str = "nginx.ingress.kubernetes.io/x-forwarded-prefix";
pub(super) const UPSTREAM_VHOST: &str = "nginx.ingress.kubernetes.io/upstream-vhost";
pub(super) const CONNECTION_PROXY_HEADER: &str = "nginx.ingress.kubernetes.io/connection-proxy-header";
pub(super) const CUSTOM_HEADERS: &str = "nginx.ingress.kubernetes.io/custom-headers";
pub(super) const PROXY_CONNECT_TIMEOUT: &str = "nginx.ingress.kubernetes.io/proxy-connect-timeout";
pub(super) const PROXY_SEND_TIMEOUT: &str = "nginx.ingress.kubernetes.io/proxy-send-timeout";
pub(super) const PROXY_READ_TIMEOUT: &str = "nginx.ingress.kubernetes.io/proxy-read-timeout";
pub(super) const PROXY_BODY_SIZE: &str = "nginx.ingress.kubernetes.io/proxy-body-size";
pub(super) const CLIENT_BODY_BUFFER_SIZE: &str = "nginx.ingress.kubernetes.io/client-body-buffer-size";
pub(super) const BACKEND_PROTOCOL: &str = "nginx.ingress.kubernetes.io/backend-protocol";
pub(super) const USE_REGEX: &str = "nginx.ingress.kubernetes.io/use-regex";
pub(super) const SSL_REDIRECT: &str = "nginx.ingress.kubernetes.io/ssl-redirect";
pub(super) const ENABLE_CORS: &str = "nginx.ingress.kubernetes.io/enable-cors";
pub(super) const CORS_ALLOW_ORIGIN: &str = "nginx.ingress.kubernetes.io/cors-allow-origin";
pub(super) const CORS_ALLOW_HEADERS: &str = "nginx.ingress.kubernetes.io/cors-allow-headers";
pub(super) const CORS_ALLOW_METHODS: &str = "nginx.ingress.kubernetes.io/cors-allow-methods";
pub(super) const CORS_ALLOW_CREDENTIALS: &str = "nginx.ingress.kubernetes.io/cors-allow-credentials";
pub(super) const CORS_EXPOSE_HEADERS: &str = "nginx.ingress.kubernetes.io/cors-expose-headers";
pub(super) const CORS_MAX_AGE: &str = "nginx.ingress.kubernetes.io/cors-max-age";
pub(super) const WHITELIST_SOURCE_RANGE: &str = "nginx.ingress.kubernetes.io/whitelist-source-range";
pub(super) const DENYLIST_SOURCE_RANGE: &str = "nginx.ingress.kubernetes.io/denylist-source-range";
pub(super) const PROXY_SSL_VERIFY: &str = "nginx.ingress.kubernetes.io/proxy-ssl-verify";
pub(super) const PROXY_SSL_SECRET: &str = "nginx.ingress.kubernetes.io/proxy-ssl-secret";
pub(super) const PROXY_SSL_NAME: &str = "nginx.ingress.kubernetes.io/proxy-ssl-name";
pub(super) const PROXY_SSL_SERVER_NAME: &str = "nginx.ingress.kubernetes.io/proxy-ssl-server-name";
pub(super) const PROXY_SSL_VERIFY_DEPTH: &str = "nginx.ingress.kubernetes.io/proxy-ssl-verify-depth";
pub(super) const PROXY_SSL_PROTOCOLS: &str = "nginx.ingress.kubernetes.io/proxy-ssl-protocols";
pub(super) const AFFINITY: &str = "nginx.ingress.kubernetes.io/affinity";
pub(super) const SESSION_COOKIE_EXPIRES: &str = "nginx.ingress.kubernetes.io/session-cookie-expires";
pub(super) const SSL_PASSTHROUGH: &str = "nginx.ingress.kubernetes.io/ssl-passthrough";

/// `parsedAnnotations`: an annotation with the prefix that is not listed here gets `Unsupported
/// annotation <name>` (converter.go `convert`). Listed does not mean converted: the features
/// report what they cannot express themselves.
pub(super) const PARSED: &[&str] = &[
    CANARY,
    CANARY_WEIGHT,
    CANARY_WEIGHT_TOTAL,
    CANARY_BY_HEADER,
    CANARY_BY_HEADER_VALUE,
    CANARY_BY_HEADER_PATTERN,
    CANARY_BY_COOKIE,
    REWRITE_TARGET,
    APP_ROOT,
    PERMANENT_REDIRECT,
    PERMANENT_REDIRECT_CODE,
    TEMPORAL_REDIRECT,
    TEMPORAL_REDIRECT_CODE,
    PROXY_REDIRECT_FROM,
    PROXY_REDIRECT_TO,
    X_FORWARDED_PREFIX,
    UPSTREAM_VHOST,
    CONNECTION_PROXY_HEADER,
    CUSTOM_HEADERS,
    PROXY_CONNECT_TIMEOUT,
    PROXY_SEND_TIMEOUT,
    PROXY_READ_TIMEOUT,
    PROXY_BODY_SIZE,
    CLIENT_BODY_BUFFER_SIZE,
    BACKEND_PROTOCOL,
    USE_REGEX,
    SSL_REDIRECT,
    ENABLE_CORS,
    CORS_ALLOW_ORIGIN,
    CORS_ALLOW_HEADERS,
    CORS_ALLOW_METHODS,
    CORS_ALLOW_CREDENTIALS,
    CORS_EXPOSE_HEADERS,
    CORS_MAX_AGE,
    WHITELIST_SOURCE_RANGE,
    DENYLIST_SOURCE_RANGE,
    PROXY_SSL_VERIFY,
    PROXY_SSL_SECRET,
    PROXY_SSL_NAME,
    PROXY_SSL_SERVER_NAME,
    PROXY_SSL_VERIFY_DEPTH,
    PROXY_SSL_PROTOCOLS,
    AFFINITY,
    SESSION_COOKIE_EXPIRES,
    SSL_PASSTHROUGH,
];

/// Go's `strconv.ParseBool`.
pub(super) fn parse_bool(v: &str) -> Option<bool> {
    match v {
        "1" | "t" | "T" | "TRUE" | "true" | "True" => Some(true),
        "0" | "f" | "F" | "FALSE" | "false" | "False" => Some(false),
        _ => None,
    }
}

/// Go's `strconv.ParseInt(v, 10, bits)`: an optional sign and decimal digits, within range.
pub(super) fn parse_int(v: &str, bits: u32) -> Option<i64> {
    let digits = v.strip_prefix(['+', '-']).unwrap_or(v);
    if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    let n: i64 = v.parse().ok()?;
    let limit = 1i64.checked_shl(bits - 1).unwrap_or(i64::MAX);
    (bits >= 64 || (-limit..limit).contains(&n)).then_some(n)
}

/// Go's `strconv.Atoi` (64-bit `int`).
pub(super) fn atoi(v: &str) -> Option<i64> {
    parse_int(v, 64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn go_integer_parsing() {
        assert_eq!(parse_int("20", 32), Some(20));
        assert_eq!(parse_int("+7", 32), Some(7));
        assert_eq!(parse_int("-1", 32), Some(-1));
        assert_eq!(parse_int("2147483648", 32), None);
        assert_eq!(parse_int("1.5", 32), None);
        assert_eq!(parse_int("", 32), None);
        assert_eq!(atoi("301"), Some(301));
    }
}
