//! The studio's page: HTML, CSS and JS embedded in the binary (no network, no build
//! step; plain JS, no library). It must never load anything from another site.
//!
//! For work on the page only: with `LKJIP_STUDIO_ASSETS=DIR` (the source directory
//! `src/studio/assets`) the three files are read from there at each request, so a change
//! shows on reload without a rebuild.

use axum::extract::Path;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};

const INDEX: &str = include_str!("assets/index.html");
const JS: &str = include_str!("assets/studio.js");
const CSS: &str = include_str!("assets/studio.css");

/// Headers every page response carries: no framing by other sites, no outside resource.
const CSP: &str = "default-src 'self'; img-src 'self' data: blob:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

/// The file `name` from `LKJIP_STUDIO_ASSETS`, when set (development), else `embedded`.
fn text(name: &str, embedded: &'static str) -> String {
    std::env::var_os("LKJIP_STUDIO_ASSETS")
        .and_then(|dir| std::fs::read_to_string(std::path::Path::new(&dir).join(name)).ok())
        .unwrap_or_else(|| embedded.to_string())
}

/// `GET /`.
pub async fn index() -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/html; charset=utf-8"),
            (header::CONTENT_SECURITY_POLICY, CSP),
            (header::CACHE_CONTROL, "no-store"),
        ],
        text("index.html", INDEX),
    )
        .into_response()
}

/// `GET /assets/{file}`.
pub async fn file(Path(name): Path<String>) -> Response {
    let (mime, body) = match name.as_str() {
        "studio.js" => ("text/javascript; charset=utf-8", text("studio.js", JS)),
        "studio.css" => ("text/css; charset=utf-8", text("studio.css", CSS)),
        _ => return StatusCode::NOT_FOUND.into_response(),
    };
    (
        [
            (header::CONTENT_TYPE, mime),
            (header::CACHE_CONTROL, "no-store"),
            (header::X_CONTENT_TYPE_OPTIONS, "nosniff"),
        ],
        body,
    )
        .into_response()
}
