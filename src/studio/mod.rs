//! The report studio, `lkjip edit [BUNDLE.json]`: a local web page, served by this binary,
//! in which the bundle is edited as forms, every problem shows at its field as it is
//! typed, and the report's pages follow each edit.
//!
//! One concern per file: `session` (the bundle being edited: its JSON text, version,
//! problems, figures, the file on disk), `patch` (editing the JSON text at a field path,
//! keeping every other byte), `guard` (the session token, `Host`, `Origin` and
//! `Content-Type` checks every request passes), `api` (the HTTP API under `/api`),
//! `live` (the one compile thread, page hashes, SVG pages, the event stream), `assets`
//! (the page's HTML, CSS and JS, embedded).
//!
//! It must never: listen on anything but 127.0.0.1; answer a request without the session
//! token; read or write a file other than the bundle, its backup (`BUNDLE.json.bak`), its
//! emblem and its rendered PDF and DOCX (no path from a request reaches the file system);
//! overwrite a bundle that changed on disk since it was loaded or saved; write a bundle
//! but atomically.

mod api;
mod assets;
mod guard;
mod lambang;
mod live;
mod patch;
mod session;

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use crate::failure::Failure;

/// Everything a request handler shares.
#[derive(Clone)]
pub(crate) struct App {
    /// The session token (hex).
    pub token: Arc<str>,
    /// The port the server listens on.
    pub port: u16,
    /// The bundle being edited.
    pub session: Arc<Mutex<session::Session>>,
    /// The compile thread and the pages it laid out.
    pub live: Arc<live::Live>,
}

/// `lkjip edit`: serve the studio for `bundle` (a new file starts from the embedded
/// sample; none: the sample, saved as `laporan-<year>.json` here) on 127.0.0.1:`port`
/// (0: a free one); print the address with the session token; open the browser unless
/// `no_open`. Runs until the process is stopped.
pub fn edit(bundle: Option<PathBuf>, port: u16, no_open: bool) -> Result<(), Failure> {
    let session = match session::Session::open(bundle.as_deref()) {
        Ok(s) => s,
        Err(m) => {
            eprintln!("{m}");
            return Err(Failure::Io);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("cannot start the server's threads ({e})");
            return Err(Failure::Io);
        }
    };
    runtime.block_on(serve(session, port, no_open))
}

async fn serve(session: session::Session, port: u16, no_open: bool) -> Result<(), Failure> {
    let addr = SocketAddr::from((Ipv4Addr::LOCALHOST, port));
    let listener = match tokio::net::TcpListener::bind(addr).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!(
                "cannot listen on 127.0.0.1:{port} ({}); choose another with --port",
                crate::failure::io_reason(&e)
            );
            return Err(Failure::Io);
        }
    };
    let port = listener.local_addr().map(|a| a.port()).unwrap_or(port);
    let token = match guard::new_token() {
        Ok(t) => t,
        Err(e) => {
            eprintln!("cannot draw a session token from the system ({e})");
            return Err(Failure::Io);
        }
    };
    let live = live::Live::start();
    let app = App {
        token: token.into(),
        port,
        session: Arc::new(Mutex::new(session)),
        live,
    };
    api::first_compile(&app);
    tokio::spawn(api::watch_disk(app.clone()));
    let url = format!("http://127.0.0.1:{port}/?token={}", app.token);
    {
        use std::io::Write;
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "{url}");
        let _ = out.flush();
    }
    eprintln!("lkjip studio: open the address above in a browser; stop with Ctrl+C (save first)");
    if !no_open {
        open_browser(&url);
    }
    let router = api::router(app.clone());
    if let Err(e) = axum::serve(listener, router).await {
        eprintln!("the server stopped ({e})");
        return Err(Failure::Io);
    }
    Ok(())
}

/// Open `url` in the system browser (xdg-open); a failure is only a note.
fn open_browser(url: &str) {
    let opener = if cfg!(target_os = "macos") {
        "open"
    } else {
        "xdg-open"
    };
    let spawned = std::process::Command::new(opener)
        .arg(url)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn();
    if spawned.is_err() {
        eprintln!("note: could not open a browser ({opener}); open the address yourself");
    }
}
