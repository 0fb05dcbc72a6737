//! What every request to the studio must pass, before any handler runs:
//!
//! - `Host` is `127.0.0.1:PORT` or `localhost:PORT` (else 403: DNS rebinding);
//! - the session token, as the cookie `lkjip_studio_PORT` or `Authorization: Bearer
//!   TOKEN` (else 403); `GET /?token=TOKEN` (the printed address) sets the cookie and
//!   redirects to `/`, so the token leaves the address bar;
//! - a write (any method but GET and HEAD) whose `Origin` is another site's → 403, and
//!   its body must be `Content-Type: application/json` (else 415), which a page of another
//!   site cannot send without the browser asking first.
//!
//! It must never let a request through on a guess, nor print or log the token.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use super::App;

/// A fresh session token: 32 bytes from the operating system, as hex.
pub fn new_token() -> Result<String, getrandom::Error> {
    let mut bytes = [0u8; 32];
    getrandom::fill(&mut bytes)?;
    Ok(bytes.iter().map(|b| format!("{b:02x}")).collect())
}

/// Compare without stopping at the first difference.
fn same(a: &str, b: &str) -> bool {
    a.len() == b.len()
        && a.bytes()
            .zip(b.bytes())
            .fold(0u8, |acc, (x, y)| acc | (x ^ y))
            == 0
}

fn cookie_name(port: u16) -> String {
    format!("lkjip_studio_{port}")
}

fn own_host(app: &App, host: &str) -> bool {
    host == format!("127.0.0.1:{}", app.port) || host == format!("localhost:{}", app.port)
}

fn token_of(app: &App, headers: &HeaderMap) -> Option<String> {
    if let Some(bearer) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    {
        return Some(bearer.trim().to_string());
    }
    let name = cookie_name(app.port);
    headers
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .find(|(k, _)| *k == name)
        .map(|(_, v)| v.to_string())
}

fn forbidden(why: &str) -> Response {
    (
        StatusCode::FORBIDDEN,
        [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
        format!(
            "403 forbidden: {why}. Open the address `lkjip edit` printed (http://127.0.0.1:PORT/?token=…).\n"
        ),
    )
        .into_response()
}

/// The middleware.
pub async fn guard(State(app): State<App>, req: Request, next: Next) -> Response {
    let headers = req.headers();
    let host_ok = headers
        .get(header::HOST)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|h| own_host(&app, h));
    if !host_ok {
        return forbidden("this server answers only to 127.0.0.1 and localhost with its port");
    }
    let write = !matches!(*req.method(), Method::GET | Method::HEAD);
    if write {
        let origin_ok = headers.get(header::ORIGIN).is_none_or(|o| {
            o.to_str()
                .ok()
                .and_then(|o| o.strip_prefix("http://"))
                .is_some_and(|h| own_host(&app, h))
        });
        let cross_site = headers
            .get("sec-fetch-site")
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v == "cross-site");
        if !origin_ok || cross_site {
            return forbidden("a change may come only from the studio's own page");
        }
    }
    let presented = token_of(&app, headers);
    if !presented.as_deref().is_some_and(|t| same(t, &app.token)) {
        // The printed address: take the token from the query, set the cookie, drop it.
        if req.method() == Method::GET && req.uri().path() == "/" {
            let from_query = req.uri().query().and_then(|q| {
                q.split('&')
                    .filter_map(|kv| kv.split_once('='))
                    .find(|(k, _)| *k == "token")
                    .map(|(_, v)| v.to_string())
            });
            if from_query.as_deref().is_some_and(|t| same(t, &app.token)) {
                let cookie = format!(
                    "{}={}; Path=/; HttpOnly; SameSite=Strict",
                    cookie_name(app.port),
                    app.token
                );
                return (
                    StatusCode::SEE_OTHER,
                    [
                        (header::SET_COOKIE, cookie),
                        (header::LOCATION, "/".to_string()),
                    ],
                )
                    .into_response();
            }
        }
        return forbidden("the session token is missing or wrong");
    }
    if write {
        let json = headers
            .get(header::CONTENT_TYPE)
            .and_then(|v| v.to_str().ok())
            .is_some_and(|v| v.trim_start().starts_with("application/json"));
        if !json {
            return (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                [(header::CONTENT_TYPE, "text/plain; charset=utf-8")],
                "415: a change must be sent as Content-Type: application/json\n",
            )
                .into_response();
        }
    }
    next.run(req).await
}
