//! The server's defences: the write token, the headers of every answer, and errors as JSON.

use axum::Json;
use axum::extract::Request;
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

/// The header every write must carry.
pub const TOKEN_HEADER: &str = "x-chaff-token";
/// Where the token comes from; without it, one is generated and printed at start.
pub const TOKEN_ENV: &str = "CHAFF_SERVE_TOKEN";

/// Scripts only from this server's `/static/chaff.js`, styles from `/static/chaff.css`,
/// requests only to itself; no plugins, no framing, no forms to elsewhere. The item page's
/// iframe of the raw page is `srcdoc` and sandboxed, and inherits this policy too.
pub const CSP: &str = "default-src 'none'; script-src 'self'; style-src 'self'; img-src 'self'; \
     connect-src 'self'; frame-src 'self'; form-action 'self'; base-uri 'none'; \
     frame-ancestors 'none'";

/// 32 random bytes, hex: a token nobody guesses.
pub fn generate_token() -> String {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes).expect("the OS random source");
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// An error answer: a status and a message, as `{"error": "..."}`, never a stack.
#[derive(Debug)]
pub struct ApiError {
    pub status: StatusCode,
    pub message: String,
}

impl ApiError {
    pub fn new(status: StatusCode, message: impl Into<String>) -> ApiError {
        ApiError {
            status,
            message: message.into(),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        (
            self.status,
            Json(serde_json::json!({ "error": self.message, "status": self.status.as_u16() })),
        )
            .into_response()
    }
}

impl From<crate::moderation::QueueError> for ApiError {
    fn from(e: crate::moderation::QueueError) -> ApiError {
        use crate::moderation::QueueError as Q;
        let status = match &e {
            Q::NotFound(_) => StatusCode::NOT_FOUND,
            Q::AlreadyResolved { .. } => StatusCode::CONFLICT,
            _ => StatusCode::INTERNAL_SERVER_ERROR,
        };
        ApiError::new(status, e.to_string())
    }
}

/// Equal strings in time that does not depend on where they differ.
fn same(a: &[u8], b: &[u8]) -> bool {
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// A write goes ahead only with the right token. A browser sends no custom header on a
/// cross-site form post, so this also stops another site from deciding anything.
pub fn check_token(headers: &HeaderMap, token: &str) -> Result<(), ApiError> {
    match headers.get(TOKEN_HEADER) {
        Some(v) if same(v.as_bytes(), token.as_bytes()) => Ok(()),
        Some(_) => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "wrong X-Chaff-Token",
        )),
        None => Err(ApiError::new(
            StatusCode::UNAUTHORIZED,
            "writes need the X-Chaff-Token header (the token chaff serve printed at start)",
        )),
    }
}

/// The headers of every answer.
pub async fn headers(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
    let h = response.headers_mut();
    let set = |h: &mut HeaderMap, k: header::HeaderName, v: &'static str| {
        h.insert(k, HeaderValue::from_static(v));
    };
    set(h, header::CONTENT_SECURITY_POLICY, CSP);
    set(h, header::X_CONTENT_TYPE_OPTIONS, "nosniff");
    set(h, header::X_FRAME_OPTIONS, "DENY");
    set(h, header::REFERRER_POLICY, "no-referrer");
    set(h, header::CACHE_CONTROL, "no-store");
    // axum's own rejections (a body over the limit, a bad path) answer in plain text; the
    // API promises JSON.
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    let is_html = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/html"));
    if (status.is_client_error() || status.is_server_error()) && !is_json && !is_html {
        let reason = status.canonical_reason().unwrap_or("error").to_lowercase();
        let mut json = ApiError::new(status, reason).into_response();
        for (k, v) in response.headers() {
            if k != header::CONTENT_TYPE && k != header::CONTENT_LENGTH {
                json.headers_mut().insert(k.clone(), v.clone());
            }
        }
        return json;
    }
    response
}

/// Anything not routed.
pub async fn not_found() -> ApiError {
    ApiError::new(StatusCode::NOT_FOUND, "no such page")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_are_long_random_and_compared_whole() {
        let (a, b) = (generate_token(), generate_token());
        assert_eq!(a.len(), 64);
        assert_ne!(a, b);
        assert!(same(a.as_bytes(), a.as_bytes()));
        assert!(!same(a.as_bytes(), &a.as_bytes()[..63]));
        assert!(!same(a.as_bytes(), b.as_bytes()));
    }
}
