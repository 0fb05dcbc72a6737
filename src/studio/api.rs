//! The HTTP API under `/api` (documented in the README), used by the studio's page and
//! usable by other programs with `Authorization: Bearer TOKEN`:
//!
//! | route | what |
//! |---|---|
//! | `GET /api/bundle` | `{version, bundle, file, dirty, disk_changed}` |
//! | `PUT /api/bundle` | `{version, bundle}` → `{version, problems, figures}`; stale → 409; not a bundle → 400 |
//! | `PATCH /api/bundle` | `{version, path, value}` or `{version, path, remove: true}` → as PUT |
//! | `GET /api/problems` | `{version, problems}` as `lkjip check`, each with its JSON path |
//! | `GET /api/figures` | `lkjip figures --json` (422 while the bundle has errors) |
//! | `GET /api/outline` | the narrative slots in reading order and the outline in force (`kerangka`) |
//! | `GET /api/pages` | `{version, count, hashes}`; `GET /api/pages/K.svg` page K (from 1), `K.txt` its text |
//! | `GET /api/events` | server-sent events: a `state` event with the [`live::Snapshot`] after every change |
//! | `POST /api/save` | write the bundle (atomic, backup `.bak`); changed on disk → 409 |
//! | `POST /api/reload` | read the file again, dropping the edits here |
//! | `POST /api/render` | PDF and DOCX beside the bundle, as `lkjip render` |
//! | `GET /api/download/pdf`, `/docx` | the rendered files |
//! | `POST /api/init` | `{year, bundle?}`: next year's draft (as `lkjip init`) of that bundle or of this one |
//! | `GET /api/lambang` | the emblem `kop.lambang` names (PNG) |
//! | `POST /api/lambang` | `{version, png}` (base64): stored as `lambang.png` beside the bundle, `kop.lambang` set → as PUT |
//!
//! It must never read or write a path taken from a request.

// Handlers answer an error as the finished response (axum's idiom); one per request, so
// its size does not matter.
#![allow(clippy::result_large_err)]

use std::convert::Infallible;
use std::path::PathBuf;
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::{Path as UrlPath, State};
use axum::http::{StatusCode, header};
use axum::response::sse::{Event, KeepAlive, Sse};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use serde_json::{Value as Json, json};

use super::patch::{self, Op};
use super::session::{self, SaveError, Session};
use super::{App, assets, guard, lambang, live};

type Reply = Result<Response, Response>;

fn err(code: StatusCode, message: impl Into<String>) -> Response {
    (code, axum::Json(json!({ "error": message.into() }))).into_response()
}

fn ok(v: Json) -> Reply {
    Ok(axum::Json(v).into_response())
}

/// The router: page, assets and API, all behind the guard.
pub fn router(app: App) -> Router {
    Router::new()
        .route("/", get(assets::index))
        .route("/assets/{file}", get(assets::file))
        .route(
            "/api/bundle",
            get(get_bundle).put(put_bundle).patch(patch_bundle),
        )
        .route("/api/problems", get(problems))
        .route("/api/figures", get(figures))
        .route("/api/outline", get(outline))
        .route("/api/pages", get(pages))
        .route("/api/pages/{file}", get(page))
        .route("/api/events", get(events))
        .route("/api/save", post(save))
        .route("/api/reload", post(reload))
        .route("/api/render", post(render))
        .route("/api/download/{kind}", get(download))
        .route("/api/init", post(init))
        .route("/api/lambang", get(get_lambang).post(post_lambang))
        .layer(axum::middleware::from_fn_with_state(
            app.clone(),
            guard::guard,
        ))
        .with_state(app)
}

fn lock(app: &App) -> Result<std::sync::MutexGuard<'_, Session>, Response> {
    app.session
        .lock()
        .map_err(|_| err(StatusCode::INTERNAL_SERVER_ERROR, "the session is broken"))
}

/// Lay out the opened bundle (called once, when the server starts).
pub fn first_compile(app: &App) {
    if let Ok(s) = app.session.lock() {
        publish(app, &s, None, Instant::now());
    }
}

/// Tell the page (and the compile thread) about the session as it is now.
fn publish(app: &App, s: &Session, hint: Option<String>, since: Instant) {
    if let Some((loaded, emblem)) = s.checked.ready() {
        app.live.submit(live::Job {
            version: s.version,
            loaded,
            emblem,
            hint,
            since,
        });
    }
    let (errors, warnings) = s.checked.counts();
    let dirty = s.dirty();
    let error = (errors > 0).then(|| {
        format!("halaman menunjukkan versi terakhir tanpa galat; {errors} galat perlu diperbaiki")
    });
    app.live.snapshot.send_modify(|snap| {
        snap.version = s.version;
        snap.errors = errors;
        snap.warnings = warnings;
        snap.dirty = dirty;
        if error.is_some() {
            snap.error = error;
            snap.changed = Vec::new();
        }
    });
}

/// Every second: has the file changed on disk? (The page offers to reload.)
pub async fn watch_disk(app: App) {
    loop {
        tokio::time::sleep(Duration::from_millis(1000)).await;
        let changed = match app.session.lock() {
            Ok(s) => s.disk_changed(),
            Err(_) => return,
        };
        app.live.snapshot.send_if_modified(|snap| {
            let differs = snap.disk_changed != changed;
            snap.disk_changed = changed;
            differs
        });
    }
}

fn change_reply(s: &Session) -> Json {
    json!({
        "version": s.version,
        "problems": s.checked.problems_json(),
        "figures": s.checked.figures_json(),
        "dirty": s.dirty(),
    })
}

async fn get_bundle(State(app): State<App>) -> Reply {
    let s = lock(&app)?;
    let bundle: Json = serde_json::from_str(&s.text)
        .map_err(|e| err(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    ok(json!({
        "version": s.version,
        "bundle": bundle,
        "file": s.save_path().display().to_string(),
        "saved_before": s.target.is_some(),
        "dirty": s.dirty(),
        "disk_changed": s.disk_changed(),
        "problems": s.checked.problems_json(),
        "figures": s.checked.figures_json(),
    }))
}

fn version_of(body: &Json) -> Result<u64, Response> {
    body.get("version").and_then(Json::as_u64).ok_or_else(|| {
        err(
            StatusCode::BAD_REQUEST,
            "the body needs \"version\": the version of the bundle the change was made to",
        )
    })
}

fn parse_body(bytes: &[u8]) -> Result<Json, Response> {
    serde_json::from_slice(bytes).map_err(|e| {
        err(
            StatusCode::BAD_REQUEST,
            format!("the body is not JSON ({e})"),
        )
    })
}

/// Check `text` and take it when it is a bundle; the reply.
fn take(app: &App, s: &mut Session, text: String, hint: Option<String>, since: Instant) -> Reply {
    let checked = session::check(&s.name, &text, &s.dir);
    if !checked.is_bundle() {
        return Err((
            StatusCode::BAD_REQUEST,
            axum::Json(json!({
                "error": "not a bundle; nothing was changed",
                "problems": checked.problems_json(),
            })),
        )
            .into_response());
    }
    s.accept(text, checked);
    publish(app, s, hint, since);
    ok(change_reply(s))
}

fn stale(s: &Session, version: u64) -> Result<(), Response> {
    if version == s.version {
        Ok(())
    } else {
        Err((
            StatusCode::CONFLICT,
            axum::Json(json!({
                "error": format!("the bundle changed (version {} now, the change was made to {version}); nothing was changed: load it again", s.version),
                "version": s.version,
            })),
        )
            .into_response())
    }
}

async fn put_bundle(State(app): State<App>, body: axum::body::Bytes) -> Reply {
    let since = Instant::now();
    let body = parse_body(&body)?;
    let version = version_of(&body)?;
    let bundle = body
        .get("bundle")
        .ok_or_else(|| err(StatusCode::BAD_REQUEST, "the body needs \"bundle\""))?;
    let mut text = serde_json::to_string_pretty(bundle)
        .map_err(|e| err(StatusCode::BAD_REQUEST, e.to_string()))?;
    text.push('\n');
    let mut s = lock(&app)?;
    stale(&s, version)?;
    take(&app, &mut s, text, None, since)
}

async fn patch_bundle(State(app): State<App>, body: axum::body::Bytes) -> Reply {
    let since = Instant::now();
    let body = parse_body(&body)?;
    let version = version_of(&body)?;
    let path = body
        .get("path")
        .and_then(Json::as_str)
        .ok_or_else(|| err(StatusCode::BAD_REQUEST, "the body needs \"path\""))?;
    let segs = patch::parse_path(path).map_err(|e| err(StatusCode::BAD_REQUEST, e.0))?;
    let op = if body.get("remove").and_then(Json::as_bool) == Some(true) {
        Op::Remove
    } else {
        Op::Set(body.get("value").cloned().ok_or_else(|| {
            err(
                StatusCode::BAD_REQUEST,
                "the body needs \"value\" (or \"remove\": true)",
            )
        })?)
    };
    let hint = match &op {
        Op::Set(Json::String(s)) => Some(s.clone()),
        Op::Set(Json::Number(n)) => Some(n.to_string()),
        _ => None,
    };
    let mut s = lock(&app)?;
    stale(&s, version)?;
    let text = patch::apply_patch(&s.text, &segs, &op)
        .map_err(|e| err(StatusCode::BAD_REQUEST, format!("{path}: {e}")))?;
    if text == s.text {
        return ok(change_reply(&s));
    }
    take(&app, &mut s, text, hint, since)
}

async fn problems(State(app): State<App>) -> Reply {
    let s = lock(&app)?;
    let (errors, warnings) = s.checked.counts();
    ok(json!({
        "version": s.version,
        "errors": errors,
        "warnings": warnings,
        "problems": s.checked.problems_json(),
    }))
}

async fn figures(State(app): State<App>) -> Reply {
    let s = lock(&app)?;
    match s.checked.figures_json() {
        Some(f) => ok(f),
        None => Err((
            StatusCode::UNPROCESSABLE_ENTITY,
            axum::Json(json!({
                "error": "the bundle has errors; figures are computed once it loads",
                "problems": s.checked.problems_json(),
            })),
        )
            .into_response()),
    }
}

async fn outline(State(app): State<App>) -> Reply {
    let s = lock(&app)?;
    let Some(l) = s.checked.loaded.clone() else {
        return ok(json!({ "slots": [] }));
    };
    drop(s);
    let (k, _) = crate::doc::outline::resolve(&l.bundle);
    let mut slots = Vec::new();
    for bab in &k.bab {
        let mut section = String::new();
        for item in &bab.isi {
            if let Some(g) = &item.bagian {
                section = g.judul.clone();
            }
            crate::doc::outline::walk(std::slice::from_ref(item), &mut |b| {
                if let Some(slot) = &b.narasi {
                    slots.push(json!({
                        "slot": slot,
                        "bab": bab.judul,
                        "bagian": section,
                        "wajib": b.wajib.unwrap_or(true),
                    }));
                }
            });
        }
    }
    // What each id is, hidden ones too (the outline without the `hapus` changes).
    let mut shown = l.bundle.clone();
    if let Some(own) = shown.kerangka.as_mut() {
        own.ubah.retain(|u| u.hapus.is_none());
    }
    let (all, _) = crate::doc::outline::resolve(&shown);
    let mut labels = serde_json::Map::new();
    for bab in &all.bab {
        labels.insert(bab.id.clone(), json!(bab.judul));
        crate::doc::outline::walk(&bab.isi, &mut |b| {
            if let Some(id) = &b.id {
                let label = match (&b.bagian, &b.komponen, &b.narasi) {
                    (Some(g), _, _) => g.judul.clone(),
                    (_, Some(c), _) => c.clone(),
                    (_, _, Some(n)) => n.clone(),
                    _ => id.clone(),
                };
                labels.insert(id.clone(), json!(label));
            }
        });
    }
    ok(json!({ "slots": slots, "kerangka": k, "labels": labels }))
}

async fn pages(State(app): State<App>) -> Reply {
    let snap = app.live.snapshot.borrow().clone();
    ok(json!({
        "version": snap.pages_version,
        "count": snap.count,
        "hashes": snap.hashes,
        "error": snap.error,
        "ms": snap.ms,
        "layouts": snap.layouts,
    }))
}

async fn page(
    State(app): State<App>,
    UrlPath(file): UrlPath<String>,
    axum::extract::RawQuery(query): axum::extract::RawQuery,
) -> Reply {
    if let Some(k) = file.strip_suffix(".txt").and_then(|n| n.parse().ok()) {
        let text = app
            .live
            .text(k)
            .ok_or_else(|| err(StatusCode::NOT_FOUND, format!("there is no page {k}")))?;
        return Ok((
            [
                (header::CONTENT_TYPE, "text/plain; charset=utf-8"),
                (header::CACHE_CONTROL, "no-store"),
            ],
            text,
        )
            .into_response());
    }
    let k: usize = file
        .strip_suffix(".svg")
        .and_then(|n| n.parse().ok())
        .ok_or_else(|| {
            err(
                StatusCode::NOT_FOUND,
                "pages are /api/pages/K.svg, K from 1",
            )
        })?;
    let (hash, svg) = app
        .live
        .svg(k)
        .ok_or_else(|| err(StatusCode::NOT_FOUND, format!("there is no page {k}")))?;
    let asked = query
        .as_deref()
        .and_then(|q| q.split('&').find_map(|kv| kv.strip_prefix("h=")));
    // A URL naming this page's hash always shows the same page: the browser keeps it.
    let cache = if asked == Some(hash.as_str()) {
        "private, max-age=31536000, immutable"
    } else {
        "no-store"
    };
    Ok((
        [
            (header::CONTENT_TYPE, "image/svg+xml"),
            (header::CACHE_CONTROL, cache),
        ],
        [(header::ETAG, format!("\"{hash}\""))],
        svg.as_str().to_owned(),
    )
        .into_response())
}

async fn events(
    State(app): State<App>,
) -> Sse<impl futures_util::Stream<Item = Result<Event, Infallible>>> {
    let rx = app.live.snapshot.subscribe();
    let stream = futures_util::stream::unfold((rx, true), |(mut rx, first)| async move {
        if !first && rx.changed().await.is_err() {
            return None;
        }
        let snap = rx.borrow_and_update().clone();
        let event = Event::default()
            .event("state")
            .json_data(&snap)
            .unwrap_or_else(|_| Event::default().event("state").data("{}"));
        Some((Ok(event), (rx, false)))
    });
    Sse::new(stream).keep_alive(KeepAlive::default())
}

async fn save(State(app): State<App>, body: axum::body::Bytes) -> Reply {
    let body = if body.is_empty() {
        json!({})
    } else {
        parse_body(&body)?
    };
    let mut s = lock(&app)?;
    if let Some(v) = body.get("version").and_then(Json::as_u64) {
        stale(&s, v)?;
    }
    let result = s.save();
    let (errors, _) = s.checked.counts();
    let reply = match result {
        Ok(path) => ok(json!({
            "path": path.display().to_string(),
            "backup": Session::backup_path(&path).display().to_string(),
            "version": s.version,
            "errors": errors,
        })),
        Err(SaveError::Conflict(m)) => Err((
            StatusCode::CONFLICT,
            axum::Json(json!({ "error": m, "disk_changed": true })),
        )
            .into_response()),
        Err(SaveError::Io(m)) => Err(err(StatusCode::INTERNAL_SERVER_ERROR, m)),
    };
    let (dirty, disk_changed) = (s.dirty(), s.disk_changed());
    app.live.snapshot.send_modify(|snap| {
        snap.dirty = dirty;
        snap.disk_changed = disk_changed;
    });
    reply
}

async fn reload(State(app): State<App>) -> Reply {
    let mut s = lock(&app)?;
    s.reload()
        .map_err(|m| err(StatusCode::UNPROCESSABLE_ENTITY, m))?;
    publish(&app, &s, None, Instant::now());
    app.live
        .snapshot
        .send_modify(|snap| snap.disk_changed = false);
    ok(change_reply(&s))
}

/// Where the rendered files of the session go: `<stem>.pdf` and `.docx` beside the file.
fn outputs(s: &Session) -> (PathBuf, PathBuf, String) {
    let path = s.save_path();
    let stem = path
        .file_stem()
        .map_or_else(|| "lkjip".into(), |x| x.to_string_lossy().into_owned());
    let dir = path
        .parent()
        .filter(|d| !d.as_os_str().is_empty())
        .unwrap_or(std::path::Path::new("."))
        .to_path_buf();
    (
        dir.join(format!("{stem}.pdf")),
        dir.join(format!("{stem}.docx")),
        format!("{stem}.json"),
    )
}

async fn render(State(app): State<App>) -> Reply {
    let (ready, pdf, docx, attachment, problems, version) = {
        let s = lock(&app)?;
        let (pdf, docx, attachment) = outputs(&s);
        (
            s.checked.ready(),
            pdf,
            docx,
            attachment,
            s.checked.problems_json(),
            s.version,
        )
    };
    let Some((loaded, emblem)) = ready else {
        return Err((
            StatusCode::UNPROCESSABLE_ENTITY,
            axum::Json(json!({
                "error": "the bundle has errors; fix them first (the list shows where)",
                "problems": problems,
            })),
        )
            .into_response());
    };
    let job = tokio::task::spawn_blocking(move || -> Result<Json, String> {
        let r = crate::report::render(&loaded, emblem, &attachment)
            .map_err(|e| format!("rendering failed: {e}"))?;
        for (dest, bytes) in [(&pdf, &r.pdf), (&docx, &r.docx)] {
            crate::render::output::write_atomic(dest, bytes).map_err(|e| {
                format!(
                    "{}: cannot write ({})",
                    dest.display(),
                    crate::failure::io_reason(&e)
                )
            })?;
        }
        Ok(json!({
            "pdf": pdf.display().to_string(),
            "docx": docx.display().to_string(),
            "pages": r.pages,
            "version": version,
        }))
    })
    .await;
    match job {
        Ok(Ok(v)) => ok(v),
        Ok(Err(m)) => Err(err(StatusCode::INTERNAL_SERVER_ERROR, m)),
        Err(e) => Err(err(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())),
    }
}

async fn download(State(app): State<App>, UrlPath(kind): UrlPath<String>) -> Reply {
    let (pdf, docx, _) = outputs(&*lock(&app)?);
    let (path, mime) = match kind.as_str() {
        "pdf" => (pdf, "application/pdf"),
        "docx" => (
            docx,
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        ),
        _ => return Err(err(StatusCode::NOT_FOUND, "download pdf or docx")),
    };
    let bytes = std::fs::read(&path).map_err(|_| {
        err(
            StatusCode::NOT_FOUND,
            format!("{} is not rendered yet: render first", path.display()),
        )
    })?;
    let name = path
        .file_name()
        .map_or_else(|| "lkjip".into(), |n| n.to_string_lossy().into_owned())
        .replace(['"', '\\'], "_");
    Ok((
        [
            (header::CONTENT_TYPE, mime.to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        Body::from(bytes),
    )
        .into_response())
}

async fn init(State(app): State<App>, body: axum::body::Bytes) -> Reply {
    let since = Instant::now();
    let body = parse_body(&body)?;
    let version = version_of(&body)?;
    let year = body
        .get("year")
        .and_then(Json::as_i64)
        .and_then(|y| i32::try_from(y).ok())
        .ok_or_else(|| {
            err(
                StatusCode::BAD_REQUEST,
                "the body needs \"year\" (the new report year)",
            )
        })?;
    let mut s = lock(&app)?;
    stale(&s, version)?;
    let from = match body.get("bundle") {
        Some(Json::String(text)) => text.clone(),
        Some(b) => serde_json::to_string_pretty(b).unwrap_or_default(),
        None => s.text.clone(),
    };
    let loaded = crate::check::load("last year's bundle", from.as_bytes()).map_err(|ps| {
        (
            StatusCode::BAD_REQUEST,
            axum::Json(json!({
                "error": "last year's bundle has errors; fix them first",
                "problems": ps.iter().map(session::problem_json).collect::<Vec<_>>(),
            })),
        )
            .into_response()
    })?;
    let draft = crate::bundle::draft::next_year(loaded.tree, year)
        .map_err(|m| err(StatusCode::BAD_REQUEST, m))?;
    let text = crate::bundle::tree::to_pretty(&draft.tree);
    take(&app, &mut s, text, None, since)?;
    // A new year is a new file: never saved over the bundle it came from.
    s.target = None;
    s.disk = None;
    publish(&app, &s, None, since);
    let mut reply = change_reply(&s);
    reply["file"] = json!(s.save_path().display().to_string());
    reply["draf"] = json!(draft.paths);
    ok(reply)
}

async fn get_lambang(State(app): State<App>) -> Reply {
    let path = {
        let s = lock(&app)?;
        let rel = s
            .checked
            .loaded
            .as_ref()
            .and_then(|l| l.bundle.kop.lambang.clone())
            .ok_or_else(|| err(StatusCode::NOT_FOUND, "the bundle names no emblem"))?;
        lambang::safe(&s.dir, &rel).map_err(|m| err(StatusCode::NOT_FOUND, m))?
    };
    let bytes = std::fs::read(&path)
        .ok()
        .filter(|b| crate::doc::build::png_size(b).is_some())
        .ok_or_else(|| err(StatusCode::NOT_FOUND, "the emblem is not a readable PNG"))?;
    Ok((
        [
            (header::CONTENT_TYPE, "image/png"),
            (header::CACHE_CONTROL, "no-store"),
        ],
        Body::from(bytes),
    )
        .into_response())
}

async fn post_lambang(State(app): State<App>, body: axum::body::Bytes) -> Reply {
    let since = Instant::now();
    let body = parse_body(&body)?;
    let version = version_of(&body)?;
    let bytes = body
        .get("png")
        .and_then(Json::as_str)
        .map(|t| t.split_once("base64,").map_or(t, |(_, b)| b))
        .and_then(lambang::base64)
        .ok_or_else(|| {
            err(
                StatusCode::BAD_REQUEST,
                "the body needs \"png\": the PNG file in base64",
            )
        })?;
    lambang::check_png(&bytes).map_err(|m| err(StatusCode::UNPROCESSABLE_ENTITY, m))?;
    let mut s = lock(&app)?;
    stale(&s, version)?;
    let dest = s.dir.join(lambang::FILE);
    let io = |p: &std::path::Path, e: std::io::Error| {
        err(
            StatusCode::INTERNAL_SERVER_ERROR,
            format!(
                "{}: cannot write ({})",
                p.display(),
                crate::failure::io_reason(&e)
            ),
        )
    };
    if let Ok(old) = std::fs::read(&dest)
        && old != bytes
    {
        let bak = Session::backup_path(&dest);
        crate::render::output::write_atomic(&bak, &old).map_err(|e| io(&bak, e))?;
    }
    crate::render::output::write_atomic(&dest, &bytes).map_err(|e| io(&dest, e))?;
    let segs = patch::parse_path("kop.lambang").map_err(|e| err(StatusCode::BAD_REQUEST, e.0))?;
    let text = patch::apply_patch(&s.text, &segs, &Op::Set(json!(lambang::FILE)))
        .map_err(|e| err(StatusCode::BAD_REQUEST, format!("kop.lambang: {e}")))?;
    let mut reply = take(&app, &mut s, text, None, since)?;
    drop(s);
    reply.headers_mut().insert(
        header::CACHE_CONTROL,
        axum::http::HeaderValue::from_static("no-store"),
    );
    Ok(reply)
}
