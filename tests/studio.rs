//! The report studio (`lkjip edit`): the binary is started on a copy of the sample and
//! driven through HTTP (security cases, versions, saving exactly one changed value, a
//! change on disk, SIGKILL while saving) and through headless Chromium with WebDriver
//! (fantoccini driving Debian's chromedriver): the grid's capaian follows a typed
//! realisation, letters in a target get their message at the field, a save writes only
//! that value; moving a section in the outline moves it in the pages; the organisation
//! tree refuses a cycle at once and re-parents a unit; a statistics value and a rate's
//! formula change the computed rate, an identity's parts change its warning, a period's
//! code is renamed everywhere; the bold button makes a bold span; hiding, renaming and
//! inserting outline sections (and a chart) shows in the pages' text; typed paragraphs and
//! lists and pasted markup become the bundle's forms and read back the same after a reload;
//! a free table in a text is edited in place (a cell, a row from the table menu); a date is
//! typed day first and a day that does not exist is refused at its field.
//! The emblem upload is driven through HTTP. Browser tests skip without chromium and
//! chromedriver (strict in CI).

mod common;

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use common::{SAMPLE, readers};

/// A running `lkjip edit`, killed when dropped.
struct Studio {
    child: Child,
    port: u16,
    token: String,
    url: String,
}

impl Studio {
    fn start(bundle: &Path) -> Studio {
        let mut child = Command::new(env!("CARGO_BIN_EXE_lkjip"))
            .arg("edit")
            .arg(bundle)
            .args(["--no-open"])
            .current_dir(bundle.parent().unwrap())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut line = String::new();
        BufReader::new(child.stdout.take().unwrap())
            .read_line(&mut line)
            .unwrap();
        let url = line.trim().to_string();
        let rest = url.strip_prefix("http://127.0.0.1:").expect(&url);
        let (port, token) = rest.split_once("/?token=").expect(&url);
        Studio {
            port: port.parse().unwrap(),
            token: token.to_string(),
            url: url.clone(),
            child,
        }
    }

    /// A request with the right Host and the token as bearer, plus `extra` headers.
    fn call(&self, method: &str, path: &str, body: Option<&str>) -> (u16, String) {
        let auth = format!("Bearer {}", self.token);
        let mut headers = vec![("Authorization", auth.as_str())];
        if body.is_some() {
            headers.push(("Content-Type", "application/json"));
        }
        self.raw(method, path, &headers, body, None)
    }

    fn json(&self, method: &str, path: &str, body: Option<&str>) -> (u16, serde_json::Value) {
        let (code, text) = self.call(method, path, body);
        (
            code,
            serde_json::from_str(&text).unwrap_or(serde_json::Value::String(text)),
        )
    }

    /// A request with exactly these headers (`host`: the Host header, default the right one).
    fn raw(
        &self,
        method: &str,
        path: &str,
        headers: &[(&str, &str)],
        body: Option<&str>,
        host: Option<&str>,
    ) -> (u16, String) {
        let (code, _, body) = http(self.port, method, path, headers, body, host);
        (code, body)
    }

    fn version(&self) -> u64 {
        self.json("GET", "/api/bundle", None).1["version"]
            .as_u64()
            .unwrap()
    }
}

impl Drop for Studio {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// One HTTP/1.1 request on a fresh connection: status, head, body (chunked decoded).
fn http(
    port: u16,
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
    host: Option<&str>,
) -> (u16, String, String) {
    let mut s = TcpStream::connect(("127.0.0.1", port)).unwrap();
    s.set_read_timeout(Some(Duration::from_secs(60))).unwrap();
    let host = host.map_or_else(|| format!("127.0.0.1:{port}"), str::to_string);
    let mut req = format!("{method} {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n");
    for (k, v) in headers {
        req.push_str(&format!("{k}: {v}\r\n"));
    }
    let body = body.unwrap_or("");
    req.push_str(&format!("Content-Length: {}\r\n\r\n{body}", body.len()));
    s.write_all(req.as_bytes()).unwrap();
    let mut raw = Vec::new();
    s.read_to_end(&mut raw).unwrap();
    let text = String::from_utf8_lossy(&raw).into_owned();
    let (head, rest) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let code = head
        .split(' ')
        .nth(1)
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let body = if head
        .to_ascii_lowercase()
        .contains("transfer-encoding: chunked")
    {
        let mut out = String::new();
        let mut r = rest;
        while let Some((size, tail)) = r.split_once("\r\n") {
            let n = usize::from_str_radix(size.trim(), 16).unwrap_or(0);
            if n == 0 || tail.len() < n {
                break;
            }
            out.push_str(&tail[..n]);
            r = tail[n..].trim_start_matches("\r\n");
        }
        out
    } else {
        rest.to_string()
    };
    (code, head.to_string(), body)
}

/// A copy of the sample in a fresh directory.
fn sample_copy() -> (tempfile::TempDir, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("laporan.json");
    std::fs::copy(SAMPLE, &path).unwrap();
    (dir, path)
}

const REALISASI: &str = "sasaran[0].indikator[0].realisasi.2021";

#[test]
fn every_request_needs_the_token_and_the_right_host() {
    let (_dir, path) = sample_copy();
    let st = Studio::start(&path);
    assert!(st.url.starts_with("http://127.0.0.1:"));
    assert_eq!(st.token.len(), 64);
    for p in [
        "/",
        "/api/bundle",
        "/api/pages",
        "/api/pages/1.svg",
        "/api/events",
    ] {
        assert_eq!(
            st.raw("GET", p, &[], None, None).0,
            403,
            "{p} without token"
        );
    }
    let wrong = "Bearer 0000";
    assert_eq!(
        st.raw(
            "GET",
            "/api/bundle",
            &[("Authorization", wrong)],
            None,
            None
        )
        .0,
        403
    );
    assert_eq!(st.call("GET", "/api/bundle", None).0, 200);
    // The printed address sets the cookie and drops the token from the address bar.
    let (code, head, _) = http(
        st.port,
        "GET",
        &format!("/?token={}", st.token),
        &[],
        None,
        None,
    );
    assert_eq!(code, 303);
    let cookie = head
        .lines()
        .find_map(|l| l.strip_prefix("set-cookie: "))
        .expect(&head);
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict"));
    let pair = cookie.split(';').next().unwrap();
    assert_eq!(
        st.raw("GET", "/api/bundle", &[("Cookie", pair)], None, None)
            .0,
        200
    );
    // DNS rebinding: a foreign Host is refused even with the token.
    let auth = format!("Bearer {}", st.token);
    for host in [
        format!("evil.example:{}", st.port),
        "127.0.0.1".to_string(),
        format!("127.0.0.1:{}", st.port + 1),
    ] {
        let (code, _) = st.raw(
            "GET",
            "/api/bundle",
            &[("Authorization", &auth)],
            None,
            Some(&host),
        );
        assert_eq!(code, 403, "{host}");
    }
    assert_eq!(
        st.raw(
            "GET",
            "/api/bundle",
            &[("Authorization", &auth)],
            None,
            Some(&format!("localhost:{}", st.port))
        )
        .0,
        200
    );
}

#[test]
fn writes_need_the_studios_origin_and_json() {
    let (_dir, path) = sample_copy();
    let st = Studio::start(&path);
    let v = st.version();
    let auth = format!("Bearer {}", st.token);
    let body = format!(r#"{{"version": {v}, "path": "{REALISASI}", "value": 50}}"#);
    let (code, _) = st.raw(
        "PATCH",
        "/api/bundle",
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/json"),
            ("Origin", "http://evil.example"),
        ],
        Some(&body),
        None,
    );
    assert_eq!(code, 403);
    let (code, _) = st.raw(
        "POST",
        "/api/save",
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/json"),
            ("Origin", &format!("http://127.0.0.1:{}", st.port + 1)),
        ],
        Some("{}"),
        None,
    );
    assert_eq!(code, 403);
    let (code, _) = st.raw(
        "PATCH",
        "/api/bundle",
        &[("Authorization", &auth), ("Content-Type", "text/plain")],
        Some(&body),
        None,
    );
    assert_eq!(code, 415);
    assert_eq!(st.version(), v, "nothing changed");
    let (code, _) = st.raw(
        "PATCH",
        "/api/bundle",
        &[
            ("Authorization", &auth),
            ("Content-Type", "application/json"),
            ("Origin", &format!("http://127.0.0.1:{}", st.port)),
        ],
        Some(&body),
        None,
    );
    assert_eq!(code, 200);
    assert_eq!(st.version(), v + 1);
}

#[test]
fn stale_versions_conflict_and_non_bundles_are_refused() {
    let (_dir, path) = sample_copy();
    let st = Studio::start(&path);
    let (_, b) = st.json("GET", "/api/bundle", None);
    let v = b["version"].as_u64().unwrap();
    let bundle = b["bundle"].to_string();
    let (code, reply) = st.json(
        "PUT",
        "/api/bundle",
        Some(&format!(r#"{{"version": {}, "bundle": {bundle}}}"#, v + 7)),
    );
    assert_eq!(code, 409, "{reply}");
    assert_eq!(st.version(), v);
    for not_bundle in ["[1, 2]", r#"{"foo": 1}"#, "\"text\""] {
        let (code, reply) = st.json(
            "PUT",
            "/api/bundle",
            Some(&format!(r#"{{"version": {v}, "bundle": {not_bundle}}}"#)),
        );
        assert_eq!(code, 400, "{not_bundle}: {reply}");
        assert!(
            reply["problems"].as_array().is_some_and(|p| !p.is_empty()),
            "{reply}"
        );
        assert_eq!(st.version(), v);
    }
    let (code, reply) = st.json(
        "PUT",
        "/api/bundle",
        Some(&format!(r#"{{"version": {v}, "bundle": {bundle}}}"#)),
    );
    assert_eq!(code, 200, "{reply}");
    assert_eq!(reply["version"], v + 1);
    // A stale PATCH changes nothing either.
    let (code, _) = st.json(
        "PATCH",
        "/api/bundle",
        Some(&format!(
            r#"{{"version": {v}, "path": "{REALISASI}", "value": 1}}"#
        )),
    );
    assert_eq!(code, 409);
    // Letters in a number are taken, and the problem is at that field's path.
    let (code, reply) = st.json(
        "PATCH",
        "/api/bundle",
        Some(&format!(
            r#"{{"version": {}, "path": "sasaran[0].indikator[0].target.2021", "value": "abc"}}"#,
            v + 1
        )),
    );
    assert_eq!(code, 200, "{reply}");
    let problems = reply["problems"].as_array().unwrap();
    assert!(
        problems
            .iter()
            .any(|p| p["path"] == "sasaran[0].indikator[0].target.2021" && p["severity"] == "error"),
        "{reply}"
    );
    let (code, _) = st.json("GET", "/api/figures", None);
    assert_eq!(code, 422);
}

#[test]
fn a_patch_then_save_changes_only_that_value_and_keeps_a_backup() {
    let (_dir, path) = sample_copy();
    let before = std::fs::read_to_string(&path).unwrap();
    let st = Studio::start(&path);
    let v = st.version();
    let (code, reply) = st.json(
        "PATCH",
        "/api/bundle",
        Some(&format!(
            r#"{{"version": {v}, "path": "{REALISASI}", "value": 43.50}}"#
        )),
    );
    assert_eq!(code, 200, "{reply}");
    let capaian = reply["figures"]["names"]["IKU1.capaian"].as_str().unwrap();
    assert!(capaian.starts_with("50,00"), "{capaian}");
    let (code, problems) = st.json("GET", "/api/problems", None);
    assert_eq!(code, 200);
    assert_eq!(problems["errors"], 0, "{problems}");
    let (code, saved) = st.json("POST", "/api/save", Some("{}"));
    assert_eq!(code, 200, "{saved}");
    let after = std::fs::read_to_string(&path).unwrap();
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(before.lines().count(), after.lines().count());
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(changed[0].0.trim(), "\"2021\": 87.12");
    assert_eq!(changed[0].1.trim(), "\"2021\": 43.50");
    let backup = path.with_file_name("laporan.json.bak");
    assert_eq!(std::fs::read_to_string(backup).unwrap(), before);
    // Saved: the file on disk is the text here; saving again writes nothing new.
    let (code, _) = st.json("POST", "/api/save", Some("{}"));
    assert_eq!(code, 200);
    assert_eq!(std::fs::read_to_string(&path).unwrap(), after);
}

#[test]
fn a_file_changed_on_disk_is_never_overwritten() {
    let (_dir, path) = sample_copy();
    let st = Studio::start(&path);
    let theirs = std::fs::read_to_string(&path)
        .unwrap()
        .replace("\"tempat\": \"Mojokerto\"", "\"tempat\": \"Mojosari\"");
    std::fs::write(&path, &theirs).unwrap();
    let v = st.version();
    let (code, _) = st.json(
        "PATCH",
        "/api/bundle",
        Some(&format!(
            r#"{{"version": {v}, "path": "{REALISASI}", "value": 1}}"#
        )),
    );
    assert_eq!(code, 200);
    let (code, reply) = st.json("POST", "/api/save", Some("{}"));
    assert_eq!(code, 409, "{reply}");
    assert!(
        reply["error"].as_str().unwrap().contains("changed on disk"),
        "{reply}"
    );
    assert_eq!(std::fs::read_to_string(&path).unwrap(), theirs);
    // Reloading takes their file; a save is then possible again.
    let (code, _) = st.json("POST", "/api/reload", Some("{}"));
    assert_eq!(code, 200);
    let (_, b) = st.json("GET", "/api/bundle", None);
    assert_eq!(b["bundle"]["laporan"]["tempat"], "Mojosari");
    assert_eq!(st.json("POST", "/api/save", Some("{}")).0, 200);
}

#[test]
fn pages_follow_a_patch_and_only_changed_ones_change() {
    let (_dir, path) = sample_copy();
    let st = Studio::start(&path);
    let pages = |st: &Studio| st.json("GET", "/api/pages", None).1;
    let deadline = Instant::now() + Duration::from_secs(60);
    let first = loop {
        let p = pages(&st);
        if p["count"].as_u64().unwrap_or(0) > 0 {
            break p;
        }
        assert!(Instant::now() < deadline, "no pages: {p}");
        std::thread::sleep(Duration::from_millis(100));
    };
    let count = first["count"].as_u64().unwrap();
    assert!(count > 30, "{first}");
    let (code, svg) = st.call(
        "GET",
        &format!(
            "/api/pages/1.svg?h={}",
            first["hashes"][0].as_str().unwrap()
        ),
        None,
    );
    assert_eq!(code, 200);
    assert!(svg.contains("<svg"), "{}", &svg[..svg.len().min(200)]);
    assert_eq!(
        st.call("GET", &format!("/api/pages/{}.svg", count + 1), None)
            .0,
        404
    );
    let v = st.version();
    let (code, _) = st.json(
        "PATCH",
        "/api/bundle",
        Some(&format!(
            r#"{{"version": {v}, "path": "narasi.saran[0].p", "value": "Kalimat saran yang baru sama sekali."}}"#
        )),
    );
    assert_eq!(code, 200);
    let second = loop {
        let p = pages(&st);
        if p["version"] == v + 1 {
            break p;
        }
        assert!(Instant::now() < deadline, "pages not laid out again: {p}");
        std::thread::sleep(Duration::from_millis(50));
    };
    let a = first["hashes"].as_array().unwrap();
    let b = second["hashes"].as_array().unwrap();
    let changed = a.iter().zip(b).filter(|(x, y)| x != y).count();
    assert!(
        changed >= 1 && changed < a.len() / 2,
        "{changed} of {} pages changed",
        a.len()
    );
}

#[test]
fn sigkill_while_saving_leaves_a_bundle_that_parses() {
    let (_dir, path) = sample_copy();
    for round in 0..8u64 {
        let st = Studio::start(&path);
        let port = st.port;
        let token = st.token.clone();
        let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
        let flag = stop.clone();
        let saver = std::thread::spawn(move || {
            let auth = format!("Bearer {token}");
            let headers = [
                ("Authorization", auth.as_str()),
                ("Content-Type", "application/json"),
            ];
            let mut n = 0u64;
            while !flag.load(std::sync::atomic::Ordering::SeqCst) {
                let result = std::panic::catch_unwind(|| {
                    let (_, _, b) = http(port, "GET", "/api/bundle", &headers, None, None);
                    let v: serde_json::Value = serde_json::from_str(&b).unwrap_or_default();
                    let v = v["version"].as_u64().unwrap_or(0);
                    let text = "x".repeat((n % 5000) as usize);
                    let body = format!(
                        r#"{{"version": {v}, "path": "narasi.saran[0].p", "value": "{text}"}}"#
                    );
                    http(port, "PATCH", "/api/bundle", &headers, Some(&body), None);
                    http(port, "POST", "/api/save", &headers, Some("{}"), None);
                });
                if result.is_err() {
                    break;
                }
                n += 1;
            }
        });
        std::thread::sleep(Duration::from_millis(150 + 37 * round));
        let mut st = st;
        unsafe_kill(&mut st.child);
        stop.store(true, std::sync::atomic::Ordering::SeqCst);
        let _ = saver.join();
        let text = std::fs::read_to_string(&path).unwrap();
        serde_json::from_str::<serde_json::Value>(&text)
            .unwrap_or_else(|e| panic!("round {round}: the bundle does not parse: {e}"));
        let out = common::lkjip(&["check", path.to_str().unwrap()]);
        assert!(
            out.status.success(),
            "round {round}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

/// SIGKILL (no chance to clean up).
fn unsafe_kill(child: &mut Child) {
    let _ = Command::new("kill")
        .args(["-9", &child.id().to_string()])
        .status();
    let _ = child.wait();
}

// ---------------------------------------------------------------- browser

/// chromedriver (and the chromium it drives), or `None` after the SKIPPED notice.
fn chromedriver() -> Option<PathBuf> {
    let driver = readers::locate("chromedriver");
    let chromium = ["/usr/lib/chromium/chromium", "/usr/bin/chromium"]
        .iter()
        .any(|p| Path::new(p).exists());
    if driver.is_none() || !chromium {
        readers::missing("chromium not found", "chromium chromium-driver");
        return None;
    }
    driver
}

/// A chromedriver in its own process group (Chromium joins it), killed whole on drop.
struct Driver {
    child: Child,
    url: String,
}

impl Driver {
    fn start(path: &Path) -> Driver {
        use std::os::unix::process::CommandExt;
        let mut child = Command::new(path)
            .arg("--port=0")
            .process_group(0)
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let mut out = BufReader::new(child.stdout.take().unwrap());
        let mut port = None;
        let mut line = String::new();
        while port.is_none() && out.read_line(&mut line).unwrap_or(0) > 0 {
            if let Some(rest) = line.split("started successfully on port ").nth(1) {
                port = rest.trim().trim_end_matches('.').parse::<u16>().ok();
            }
            line.clear();
        }
        // Keep draining its output so that it never blocks on a full pipe.
        std::thread::spawn(move || {
            let mut sink = Vec::new();
            let _ = out.read_to_end(&mut sink);
        });
        Driver {
            url: format!("http://127.0.0.1:{}", port.expect("chromedriver port")),
            child,
        }
    }
}

impl Drop for Driver {
    fn drop(&mut self) {
        // `--`: procps' kill would read "-PID" as an option.
        let _ = Command::new("kill")
            .args(["-s", "TERM", "--", &format!("-{}", self.child.id())])
            .status();
        let _ = self.child.wait();
    }
}

async fn browser(driver: &Driver, w: u32, h: u32) -> fantoccini::Client {
    let mut caps = serde_json::Map::new();
    caps.insert(
        "goog:chromeOptions".into(),
        serde_json::json!({"args": [
            "--headless=new", "--no-sandbox", "--disable-dev-shm-usage", "--disable-gpu",
            format!("--window-size={w},{h}"), "--lang=id"
        ]}),
    );
    let mut builder =
        fantoccini::ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new());
    builder.capabilities(caps);
    tokio::time::timeout(Duration::from_secs(60), builder.connect(&driver.url))
        .await
        .expect("a WebDriver session within 60 s")
        .expect("WebDriver session")
}

/// Poll `f` until it gives `Some`, for at most 30 s.
async fn until<T, F, Fut>(what: &str, mut f: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Some(t) = f().await {
            return t;
        }
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

async fn text_of(c: &fantoccini::Client, css: &str) -> Option<String> {
    c.find(fantoccini::Locator::Css(css))
        .await
        .ok()?
        .text()
        .await
        .ok()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_grid_follows_typing_and_saves_one_value() {
    let Some(driver_path) = chromedriver() else {
        return;
    };
    let (_dir, path) = sample_copy();
    let before = std::fs::read_to_string(&path).unwrap();
    let st = Studio::start(&path);
    let driver = Driver::start(&driver_path);
    let c = browser(&driver, 1366, 768).await;
    c.goto(&st.url).await.unwrap();
    let capaian = r#"td[data-capaian="IKU1"]"#;
    let first = until("the IKU1 capaian", || async {
        text_of(&c, capaian).await.filter(|t| t.contains(','))
    })
    .await;
    assert!(first.starts_with("100,14"), "{first}");
    // Type a new realisation: the capaian beside the row follows.
    let real = c
        .find(fantoccini::Locator::Css(&format!(
            r#"[data-path="{REALISASI}"]"#
        )))
        .await
        .unwrap();
    real.clear().await.unwrap();
    real.send_keys("43,5").await.unwrap();
    let now = until("the new capaian", || async {
        text_of(&c, capaian)
            .await
            .filter(|t| t.starts_with("50,00"))
    })
    .await;
    assert!(now.starts_with("50,00"), "{now}");
    let predikat = text_of(&c, r#"td[data-predikat="IKU1"]"#).await.unwrap();
    assert_eq!(predikat, "Kurang");
    // Letters in a target: the message is at that field.
    let target_path = "sasaran[0].indikator[0].target.2021";
    let target = c
        .find(fantoccini::Locator::Css(&format!(
            r#"[data-path="{target_path}"]"#
        )))
        .await
        .unwrap();
    target.clear().await.unwrap();
    target.send_keys("delapan").await.unwrap();
    let message = until("the message at the target", || async {
        let cell = c
            .find(fantoccini::Locator::XPath(&format!(
                r#"//td[.//*[@data-path="{target_path}"]]//div[contains(@class, "msg") and contains(@class, "error")]"#
            )))
            .await
            .ok()?;
        cell.text().await.ok()
    })
    .await;
    assert!(!message.is_empty());
    if let Some(dir) = std::env::var_os("LKJIP_STUDIO_SHOTS") {
        std::fs::create_dir_all(&dir).unwrap();
        let png = c.screenshot().await.unwrap();
        std::fs::write(Path::new(&dir).join("error.png"), png).unwrap();
    }
    // Put it right, save, and only the realisation changed on disk.
    target.clear().await.unwrap();
    target.send_keys("87").await.unwrap();
    until("the message to go", || async {
        c.find(fantoccini::Locator::Css(".msg.error"))
            .await
            .err()
            .map(|_| ())
    })
    .await;
    if std::env::var_os("LKJIP_STUDIO_SHOTS").is_some() {
        shots(&c).await;
    }
    c.find(fantoccini::Locator::Css("#save"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    until("the toast", || async {
        text_of(&c, "#toast")
            .await
            .filter(|t| t.contains("Tersimpan"))
    })
    .await;
    let after = std::fs::read_to_string(&path).unwrap();
    let changed: Vec<(&str, &str)> = before
        .lines()
        .zip(after.lines())
        .filter(|(a, b)| a != b)
        .collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(changed[0].1.trim(), "\"2021\": \"43,5\"");
    let _ = c.close().await;
}

/// Screenshots of each form and the pages (LKJIP_STUDIO_SHOTS=DIR), for people to look at.
async fn shots(c: &fantoccini::Client) {
    let dir = PathBuf::from(std::env::var_os("LKJIP_STUDIO_SHOTS").unwrap());
    std::fs::create_dir_all(&dir).unwrap();
    for tab in [
        "iku",
        "narasi",
        "kerangka",
        "umum",
        "anggaran",
        "pegawai",
        "organisasi",
        "statistik",
        "semua",
        "masalah",
    ] {
        if let Ok(b) = c
            .find(fantoccini::Locator::Css(&format!(
                r#"#tabs [data-tab="{tab}"]"#
            )))
            .await
        {
            let _ = b.click().await;
            tokio::time::sleep(Duration::from_millis(900)).await;
            if let Ok(png) = c.screenshot().await {
                std::fs::write(dir.join(format!("{tab}.png")), png).unwrap();
            }
            // Lists in a text, the identities of the statistics: further down their tabs.
            let below = match tab {
                "narasi" => r#"[data-block="narasi.peran_strategis"]"#,
                "statistik" => "table.ident",
                _ => continue,
            };
            let _ = c
                .execute(
                    "const e = document.querySelector(arguments[0]); if (e) e.scrollIntoView();",
                    vec![serde_json::json!(below)],
                )
                .await;
            tokio::time::sleep(Duration::from_millis(300)).await;
            if let Ok(png) = c.screenshot().await {
                std::fs::write(dir.join(format!("{tab}-2.png")), png).unwrap();
            }
        }
    }
    // The file menu, open.
    if let Ok(m) = c.find(fantoccini::Locator::Css("#menu")).await {
        let _ = m.click().await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        if let Ok(png) = c.screenshot().await {
            std::fs::write(dir.join("berkas.png"), png).unwrap();
        }
        let _ = m.click().await;
    }
    if let Ok(b) = c
        .find(fantoccini::Locator::Css(r#"#tabs [data-tab="iku"]"#))
        .await
    {
        let _ = b.click().await;
    }
}

/// The body text of the pages as laid out now (the table of contents left out), its
/// whitespace made single, and the page hashes it was read with.
fn body_text(st: &Studio) -> (Vec<String>, String) {
    let (_, pages) = st.json("GET", "/api/pages", None);
    let hashes: Vec<String> = pages["hashes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|h| h.as_str().unwrap().to_string())
        .collect();
    let mut text = String::new();
    for k in 1..=hashes.len() {
        let (_, page) = st.call("GET", &format!("/api/pages/{k}.txt"), None);
        if !page.contains("DAFTAR ISI") {
            text.push_str(&page);
            text.push(' ');
        }
    }
    (
        hashes,
        text.split_whitespace().collect::<Vec<_>>().join(" "),
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_outline_reorder_changes_the_page_order() {
    let Some(driver_path) = chromedriver() else {
        return;
    };
    let (_dir, path) = sample_copy();
    let st = Studio::start(&path);
    let driver = Driver::start(&driver_path);
    let c = browser(&driver, 1366, 768).await;
    c.goto(&st.url).await.unwrap();
    until("the pages", || async {
        let n = c
            .find_all(fantoccini::Locator::Css("#pages figure"))
            .await
            .ok()?
            .len();
        (n > 40).then_some(())
    })
    .await;
    let (_, before) = body_text(&st);
    let lh = before.find("1.2 LANDASAN HUKUM").expect(&before[..2000]);
    let mt = before.find("1.3 MAKSUD DAN TUJUAN").expect("1.3 MAKSUD");
    assert!(lh < mt);
    let version = st.version();
    c.find(fantoccini::Locator::Css(r#"#tabs [data-tab="kerangka"]"#))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let down = until("the outline form", || async {
        c.find(fantoccini::Locator::Css(r#"[data-down="landasan-hukum"]"#))
            .await
            .ok()
    })
    .await;
    down.click().await.unwrap();
    // The pane shows the new layout: its pages carry the server's new hashes.
    let (hashes, after) = until("the pane to show the new layout", || async {
        let (_, pages) = st.json("GET", "/api/pages", None);
        if pages["version"].as_u64()? <= version {
            return None;
        }
        let (hashes, text) = body_text(&st);
        let shown = c
            .execute(
                "return [...document.querySelectorAll('#pages figure')].map(f => f.dataset.h)",
                vec![],
            )
            .await
            .ok()?;
        let shown: Vec<String> = serde_json::from_value(shown).ok()?;
        (shown == hashes).then_some((hashes, text))
    })
    .await;
    assert!(hashes.len() > 40);
    let mt = after
        .find("1.2 MAKSUD DAN TUJUAN")
        .expect("1.2 MAKSUD after the move");
    let lh = after
        .find("1.3 LANDASAN HUKUM")
        .expect("1.3 LANDASAN after the move");
    assert!(mt < lh);
    // The bundle records the move as one change of the default outline.
    let (_, b) = st.json("GET", "/api/bundle", None);
    let ubah = b["bundle"]["kerangka"]["ubah"].as_array().unwrap();
    assert_eq!(
        ubah.last().unwrap(),
        &serde_json::json!({"pindah": "landasan-hukum", "setelah": "maksud-tujuan"})
    );
    let _ = c.close().await;
}

/// Wait until the pane shows a layout newer than `version` whose body text passes `ok`;
/// answers that text.
async fn pages_until<F>(
    st: &Studio,
    c: &fantoccini::Client,
    what: &str,
    version: u64,
    ok: F,
) -> String
where
    F: Fn(&str) -> bool,
{
    until(what, || async {
        let (_, pages) = st.json("GET", "/api/pages", None);
        if pages["version"].as_u64()? <= version {
            return None;
        }
        let (hashes, text) = body_text(st);
        if !ok(&text) {
            return None;
        }
        let shown = c
            .execute(
                "return [...document.querySelectorAll('#pages figure')].map(f => f.dataset.h)",
                vec![],
            )
            .await
            .ok()?;
        let shown: Vec<String> = serde_json::from_value(shown).ok()?;
        (shown == hashes).then_some(text)
    })
    .await
}

async fn click(c: &fantoccini::Client, css: &str) {
    let e = until(css, || async {
        c.find(fantoccini::Locator::Css(css)).await.ok()
    })
    .await;
    e.click().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_outline_hide_rename_and_insert_show_in_the_pages() {
    let Some(driver_path) = chromedriver() else {
        return;
    };
    let (_dir, path) = sample_copy();
    let st = Studio::start(&path);
    let driver = Driver::start(&driver_path);
    let c = browser(&driver, 1366, 768).await;
    c.goto(&st.url).await.unwrap();
    until("the pages", || async {
        let n = c
            .find_all(fantoccini::Locator::Css("#pages figure"))
            .await
            .ok()?
            .len();
        (n > 40).then_some(())
    })
    .await;
    let (_, before) = body_text(&st);
    assert!(before.contains("1.7 SISTEMATIKA LAPORAN"));
    assert!(before.contains("1.3 MAKSUD DAN TUJUAN"));
    assert!(!before.contains("Grafik 4.1"));
    open_tab(&c, "kerangka").await;

    // Hide: the section's title and text leave the pages.
    let v = st.version();
    click(&c, r#"[data-hide="sistematika"]"#).await;
    let text = pages_until(&st, &c, "the hidden section to go", v, |t| {
        !t.contains("SISTEMATIKA LAPORAN")
    })
    .await;
    assert!(
        !text.contains("Sistematika penyusunan"),
        "its text went too"
    );

    // Rename: the new title is in the pages.
    let v = st.version();
    let title = until("the title field", || async {
        c.find(fantoccini::Locator::Css(
            r#"input[data-outline="maksud-tujuan"]"#,
        ))
        .await
        .ok()
    })
    .await;
    title.clear().await.unwrap();
    title.send_keys("Tujuan Penyusunan Laporan").await.unwrap();
    pages_until(&st, &c, "the new title", v, |t| {
        t.contains("1.3 TUJUAN PENYUSUNAN LAPORAN") && !t.contains("MAKSUD DAN TUJUAN")
    })
    .await;

    // Insert a section with its text at the end of BAB IV.
    let v = st.version();
    click(&c, r#"[data-insert-open="penutup"]"#).await;
    let judul = c
        .find(fantoccini::Locator::Css(r#"[data-insert-title="penutup"]"#))
        .await
        .unwrap();
    judul.send_keys("Bagian Uji Coba").await.unwrap();
    click(&c, r#"[data-insert-go="penutup"]"#).await;
    pages_until(&st, &c, "the inserted section", v, |t| {
        t.contains("4.3 BAGIAN UJI COBA Teks Bagian Uji Coba.")
    })
    .await;

    // Insert a chart of a statistic there too.
    let v = st.version();
    click(&c, r#"[data-insert-open="penutup"]"#).await;
    pick(&c, r#"[data-insert-kind="penutup"]"#, "grafik_statistik").await;
    pick(&c, r#"[data-insert-seri="penutup"]"#, "tpt").await;
    click(&c, r#"[data-insert-go="penutup"]"#).await;
    pages_until(&st, &c, "the inserted chart", v, |t| {
        t.contains("Grafik 4.1 Tingkat Pengangguran Terbuka")
    })
    .await;

    // The bundle holds the four changes after the sample's own, in order, and the
    // section's text.
    let (_, b) = st.json("GET", "/api/bundle", None);
    let all = b["bundle"]["kerangka"]["ubah"].as_array().unwrap();
    let had = all.len() - 4;
    let ubah = &all[had..];
    assert_eq!(ubah[0], serde_json::json!({"hapus": "sistematika"}));
    assert_eq!(
        ubah[1],
        serde_json::json!({"ganti_judul": "maksud-tujuan", "judul": "Tujuan Penyusunan Laporan"})
    );
    assert_eq!(ubah[2]["ke"], "penutup");
    assert_eq!(ubah[2]["sisip"]["bagian"]["judul"], "Bagian Uji Coba");
    let slot = ubah[2]["sisip"]["bagian"]["isi"][0]["narasi"]
        .as_str()
        .unwrap();
    assert_eq!(
        b["bundle"]["narasi"][slot],
        serde_json::json!([{"p": "Teks Bagian Uji Coba."}])
    );
    assert_eq!(
        ubah[3],
        serde_json::json!({"sisip": {"id": "grafik-tpt-1", "komponen": "grafik_statistik", "tabel": "tpt"}, "ke": "penutup"})
    );
    // The list of changes names them for people.
    until("the list of changes", || async {
        text_of(&c, "#form").await.filter(|t| {
            t.contains(&format!("Perubahan kerangka ({})", had + 4))
                && t.contains("Disembunyikan:")
                && t.contains("Disisipkan: Grafik statistik (tpt)")
        })
    })
    .await;
    let _ = c.close().await;
}

/// Standard base64 with padding.
fn base64(bytes: &[u8]) -> String {
    const A: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.len();
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let v = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for k in 0..4 {
            if k <= n {
                out.push(A[(v >> (18 - 6 * k) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

#[test]
fn the_emblem_upload_writes_only_lambang_png_and_refuses_what_is_not_a_png() {
    let (dir, path) = sample_copy();
    let st = Studio::start(&path);
    let first =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("src/render/testdata/emblem.png"))
            .unwrap();
    let second =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("layouts/lambang-netral.png"))
            .unwrap();
    let lambang = dir.path().join("lambang.png");
    let backup = dir.path().join("lambang.png.bak");
    let (code, _) = st.call("GET", "/api/lambang", None);
    assert_eq!(code, 404, "the sample names no emblem");

    // Not a PNG, a PNG cut in half, not base64: refused, nothing written, version kept.
    let v = st.version();
    let mut cut = first.clone();
    cut.truncate(first.len() / 2);
    for (body, want) in [
        (
            format!(
                r#"{{"version": {v}, "png": "{}"}}"#,
                base64(b"<svg xmlns='http://www.w3.org/2000/svg'/>")
            ),
            422,
        ),
        (
            format!(r#"{{"version": {v}, "png": "{}"}}"#, base64(&cut)),
            422,
        ),
        (format!(r#"{{"version": {v}, "png": "not*base64"}}"#), 400),
        (format!(r#"{{"version": {v}}}"#), 400),
    ] {
        let (code, reply) = st.json("POST", "/api/lambang", Some(&body));
        assert_eq!(code, want, "{reply}");
        assert!(!lambang.exists());
        assert_eq!(st.version(), v);
    }
    // A stale version: 409, nothing written.
    let (code, _) = st.json(
        "POST",
        "/api/lambang",
        Some(&format!(
            r#"{{"version": {}, "png": "{}"}}"#,
            v + 7,
            base64(&first)
        )),
    );
    assert_eq!(code, 409);
    assert!(!lambang.exists());

    // A PNG (as a data URL, as the page sends it): stored as lambang.png, kop.lambang set.
    let (code, reply) = st.json(
        "POST",
        "/api/lambang",
        Some(&format!(
            r#"{{"version": {v}, "png": "data:image/png;base64,{}"}}"#,
            base64(&first)
        )),
    );
    assert_eq!(code, 200, "{reply}");
    assert_eq!(reply["version"].as_u64(), Some(v + 1));
    assert_eq!(std::fs::read(&lambang).unwrap(), first);
    assert!(!backup.exists());
    let (_, b) = st.json("GET", "/api/bundle", None);
    assert_eq!(b["bundle"]["kop"]["lambang"], "lambang.png");
    let errors: Vec<_> = b["problems"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|p| p["severity"] == "error")
        .collect();
    assert!(errors.is_empty(), "{errors:?}");
    let (code, head, body) = http(
        st.port,
        "GET",
        "/api/lambang",
        &[("Authorization", &format!("Bearer {}", st.token))],
        None,
        None,
    );
    assert_eq!(code, 200);
    assert!(
        head.to_ascii_lowercase()
            .contains("content-type: image/png"),
        "{head}"
    );
    assert_eq!(body.len(), String::from_utf8_lossy(&first).len());

    // Another one: the first kept as lambang.png.bak. Saving writes kop.lambang.
    let (code, reply) = st.json(
        "POST",
        "/api/lambang",
        Some(&format!(
            r#"{{"version": {}, "png": "{}"}}"#,
            v + 1,
            base64(&second)
        )),
    );
    assert_eq!(code, 200, "{reply}");
    assert_eq!(std::fs::read(&lambang).unwrap(), second);
    assert_eq!(std::fs::read(&backup).unwrap(), first);
    let (code, _) = st.json("POST", "/api/save", Some("{}"));
    assert_eq!(code, 200);
    let saved: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(saved["kop"]["lambang"], "lambang.png");

    // An emblem outside the bundle's folder, put over HTTP: an error at kop.lambang, and
    // the studio does not read that file.
    let (_, b) = st.json("GET", "/api/bundle", None);
    let mut bundle = b["bundle"].clone();
    bundle["kop"]["lambang"] = serde_json::json!("../../../etc/hostname");
    let (code, reply) = st.json(
        "PUT",
        "/api/bundle",
        Some(&serde_json::json!({"version": b["version"], "bundle": bundle}).to_string()),
    );
    assert_eq!(code, 200, "{reply}");
    assert!(
        reply["problems"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["path"] == "kop.lambang" && p["severity"] == "error"),
        "{reply}"
    );
    let (code, _) = st.call("GET", "/api/lambang", None);
    assert_eq!(code, 404);
}

/// Set a `<select>` in the page and fire its change event, as a person picking an option.
async fn pick(c: &fantoccini::Client, css: &str, value: &str) {
    c.execute(
        "const e = document.querySelector(arguments[0]); e.value = arguments[1]; e.dispatchEvent(new Event('change'));",
        vec![serde_json::json!(css), serde_json::json!(value)],
    )
    .await
    .unwrap();
}

async fn open_tab(c: &fantoccini::Client, tab: &str) {
    c.find(fantoccini::Locator::Css(&format!(
        r#"#tabs [data-tab="{tab}"]"#
    )))
    .await
    .unwrap()
    .click()
    .await
    .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_org_tree_statistics_and_bold_text() {
    let Some(driver_path) = chromedriver() else {
        return;
    };
    let (_dir, path) = sample_copy();
    let st = Studio::start(&path);
    let driver = Driver::start(&driver_path);
    let c = browser(&driver, 1366, 768).await;
    c.goto(&st.url).await.unwrap();
    until("the form", || async {
        text_of(&c, r#"td[data-capaian="IKU1"]"#)
            .await
            .filter(|t| t.contains(','))
    })
    .await;
    open_tab(&c, "organisasi").await;
    let kepala = r#"[data-unit="kepala"] > .org-head select[data-path="organisasi.unit[0].induk"]"#;
    until("the organisation tree", || async {
        c.find(fantoccini::Locator::Css(kepala)).await.ok()
    })
    .await;
    // The head under one of its own sub-units: refused at once, at that field.
    let version = st.version();
    pick(&c, kepala, "seksi-k3").await;
    let message = until("the cycle message", || async {
        text_of(&c, r#"[data-unit="kepala"] > .org-head .msg.error"#).await
    })
    .await;
    assert!(message.contains("lingkaran"), "{message}");
    let shown: String = serde_json::from_value(
        c.execute(
            "return document.querySelector(arguments[0]).value",
            vec![serde_json::json!(kepala)],
        )
        .await
        .unwrap(),
    )
    .unwrap();
    assert_eq!(shown, "", "the select shows the head's real place again");
    tokio::time::sleep(Duration::from_millis(400)).await;
    assert_eq!(st.version(), version, "nothing was sent");
    // A seksi moved to another bidang: the bundle and the tree follow.
    pick(
        &c,
        r#"select[data-path="organisasi.unit[19].induk"]"#,
        "bid-hi",
    )
    .await;
    until("the seksi under its new bidang", || async {
        c.find(fantoccini::Locator::Css(
            r#"[data-unit="bid-hi"] [data-unit="seksi-k3"]"#,
        ))
        .await
        .ok()
    })
    .await;
    let induk = until("the new induk on the server", || async {
        let (_, b) = st.json("GET", "/api/bundle", None);
        let induk = b["bundle"]["organisasi"]["unit"][19]["induk"].clone();
        (induk != "bid-perlindungan").then_some(induk)
    })
    .await;
    assert_eq!(induk, "bid-hi");

    // Statistics: a value typed in the grid, the rate computed beside it.
    open_tab(&c, "statistik").await;
    let tpt = r#"[data-fig="tpt.2021"]"#;
    let before = until("the TPT of 2021", || async {
        text_of(&c, tpt).await.filter(|t| t.contains(','))
    })
    .await;
    assert!(before.starts_with("3,0"), "{before}");
    let cell = c
        .find(fantoccini::Locator::Css(
            r#"[data-path="statistik.seri[3].nilai.2021"]"#,
        ))
        .await
        .unwrap();
    cell.clear().await.unwrap();
    // 33.312,16 of 832.804 is 4 %.
    cell.send_keys("33312,16").await.unwrap();
    let after = until("the new TPT", || async {
        text_of(&c, tpt).await.filter(|t| t.starts_with("4,00"))
    })
    .await;
    assert!(after.starts_with("4,00"), "{after}");
    // The formula picker: TPT per 1.000 instead of per 100.
    pick(
        &c,
        r#"select[data-path="statistik.laju[0].pengali"]"#,
        "1000",
    )
    .await;
    until("TPT per 1.000", || async {
        text_of(&c, tpt).await.filter(|t| t.starts_with("40,00"))
    })
    .await;
    let (_, b) = st.json("GET", "/api/bundle", None);
    assert_eq!(b["bundle"]["statistik"]["laju"][0]["pengali"], 1000);

    // Identities: the sample declares Angkatan Kerja = Bekerja + Penganggur (its figures do
    // not add up: a warning at each of the total's values). Taking Penganggur out of the sum
    // changes the warning at once; putting it back (the "+ tambah" picker) restores it.
    let seri = b["bundle"]["statistik"]["seri"].as_array().unwrap();
    let total = seri
        .iter()
        .position(|s| s["id"] == "angkatan_kerja")
        .unwrap();
    let warn =
        format!(r#"td:has(> [data-path="statistik.seri[{total}].nilai.2020"]) .msg.warning"#);
    let first = until("the identity warning at the total", || async {
        text_of(&c, &warn).await
    })
    .await;
    assert!(first.contains("Penganggur"), "{first}");
    c.find(fantoccini::Locator::Css(
        r#"tr[data-row="statistik.identitas[0]"] .part:nth-child(2) button.x"#,
    ))
    .await
    .unwrap()
    .click()
    .await
    .unwrap();
    until("the warning without Penganggur", || async {
        text_of(&c, &warn)
            .await
            .filter(|t| t.contains("Bekerja") && !t.contains("Penganggur"))
    })
    .await;
    pick(&c, r#"[data-add-part="0"]"#, "penganggur").await;
    until("the warning with Penganggur again", || async {
        text_of(&c, &warn)
            .await
            .filter(|t| t.contains("Penganggur"))
    })
    .await;
    // A date is typed day first; a day that does not exist is said at once and not sent.
    open_tab(&c, "umum").await;
    let tanggal = until("the report's date", || async {
        c.find(fantoccini::Locator::Css(
            r#"input[data-path="laporan.tanggal"]"#,
        ))
        .await
        .ok()
    })
    .await;
    let (_, before) = st.json("GET", "/api/bundle", None);
    assert_eq!(before["bundle"]["laporan"]["tanggal"], "2022-02-18");
    assert_eq!(
        tanggal.prop("value").await.unwrap().as_deref(),
        Some("18-02-2022")
    );
    tanggal.clear().await.unwrap();
    tanggal.send_keys("30-02-2022").await.unwrap();
    let said = until("the message at the date", || async {
        text_of(
            &c,
            r#"label.field:has(input[data-path="laporan.tanggal"]) .msg.error"#,
        )
        .await
    })
    .await;
    assert!(said.contains("tidak ada"), "{said}");
    tokio::time::sleep(Duration::from_millis(400)).await;
    let (_, now) = st.json("GET", "/api/bundle", None);
    assert_eq!(
        now["bundle"]["laporan"]["tanggal"], "2022-02-18",
        "not sent"
    );
    tanggal.clear().await.unwrap();
    tanggal.send_keys("18/3/2022").await.unwrap();
    until("the new date on the server", || async {
        let (_, b) = st.json("GET", "/api/bundle", None);
        (b["bundle"]["laporan"]["tanggal"] == "2022-03-18").then_some(())
    })
    .await;
    assert_eq!(
        text_of(
            &c,
            r#"label.field:has(input[data-path="laporan.tanggal"]) .said"#
        )
        .await
        .as_deref(),
        Some("18 Maret 2022")
    );
    assert!(
        c.find(fantoccini::Locator::Css(
            r#"label.field:has(input[data-path="laporan.tanggal"]) .msg"#
        ))
        .await
        .is_err()
    );
    open_tab(&c, "statistik").await;

    let (_, b) = st.json("GET", "/api/bundle", None);
    assert_eq!(
        b["bundle"]["statistik"]["identitas"][0]["jumlah"],
        serde_json::json!(["bekerja", "penganggur"])
    );
    // A period's code renamed: its values, the tables' columns and the texts' quotations
    // follow, and the computed rate is still there under the new code.
    pick(
        &c,
        r#"input[data-path="statistik.periode[2].id"]"#,
        "des2021",
    )
    .await;
    until("the rate under the new code", || async {
        text_of(&c, r#"[data-fig="tpt.des2021"]"#)
            .await
            .filter(|t| t.starts_with("40,00"))
    })
    .await;
    let (_, b) = until("the renamed period on the server", || async {
        let (code, b) = st.json("GET", "/api/bundle", None);
        let text = b["bundle"].to_string();
        (text.contains("{{ tpt.des2021 }}") && !text.contains("{{ tpt.2021 }}"))
            .then_some((code, b))
    })
    .await;
    let stat = &b["bundle"]["statistik"];
    assert_eq!(stat["periode"][2]["id"], "des2021");
    assert!(
        stat["seri"][total]["nilai"]["des2021"].is_number()
            || stat["seri"][total]["nilai"]["des2021"].is_string()
    );
    assert!(stat["seri"][total]["nilai"].get("2021").is_none());
    assert!(
        b["problems"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["severity"] != "error"),
        "{}",
        b["problems"]
    );

    // Rich text: a paragraph made bold with the toolbar is one bold span in the bundle.
    open_tab(&c, "narasi").await;
    let para = r#"[data-path="narasi.saran"] > p:first-child"#;
    until("the paragraph editor", || async {
        c.find(fantoccini::Locator::Css(para)).await.ok()
    })
    .await;
    let text = b["bundle"]["narasi"]["saran"][0]["p"]
        .as_str()
        .unwrap()
        .to_string();
    c.execute(
        "const e = document.querySelector(arguments[0]); e.focus(); const r = document.createRange(); r.selectNodeContents(e); const s = getSelection(); s.removeAllRanges(); s.addRange(r); e.closest('.rich').querySelector('button.fmt-bold').click();",
        vec![serde_json::json!(para)],
    )
    .await
    .unwrap();
    let p = until("the bold paragraph on the server", || async {
        let (_, b) = st.json("GET", "/api/bundle", None);
        let p = b["bundle"]["narasi"]["saran"][0]["p"].clone();
        p.is_array().then_some(p)
    })
    .await;
    assert_eq!(p, serde_json::json!([{ "b": text }]));
    let (_, after) = st.json("GET", "/api/bundle", None);
    let (was, now) = (
        b["bundle"]["narasi"]["saran"].as_array().unwrap(),
        after["bundle"]["narasi"]["saran"].as_array().unwrap(),
    );
    assert_eq!(was.len(), now.len());
    assert_eq!(was[1..], now[1..], "the other blocks are as they were");
    let _ = c.close().await;
}

/// Wait (at most 30 s) until `narasi.SLOT` on the server is `want`; fails showing the last.
async fn slot_becomes(st: &Studio, slot: &str, want: &[serde_json::Value]) -> serde_json::Value {
    let want = serde_json::Value::Array(want.to_vec());
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let (_, b) = st.json("GET", "/api/bundle", None);
        let got = b["bundle"]["narasi"][slot].clone();
        if got == want || Instant::now() > deadline {
            assert_eq!(got, want);
            return got;
        }
        tokio::time::sleep(Duration::from_millis(150)).await;
    }
}

const ENTER: &str = "\u{E007}";
const TAB: &str = "\u{E004}";
const SHIFT_ENTER: &str = "\u{E008}\u{E007}\u{E000}";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_paragraphs_lists_and_pasted_markup_round_trip() {
    let Some(driver_path) = chromedriver() else {
        return;
    };
    let (_dir, path) = sample_copy();
    let st = Studio::start(&path);
    let driver = Driver::start(&driver_path);
    let c = browser(&driver, 1366, 768).await;
    c.goto(&st.url).await.unwrap();
    until("the form", || async {
        text_of(&c, r#"td[data-capaian="IKU1"]"#)
            .await
            .filter(|t| t.contains(','))
    })
    .await;
    let (_, b) = st.json("GET", "/api/bundle", None);
    let orig = b["bundle"]["narasi"]["kesimpulan"]
        .as_array()
        .unwrap()
        .clone();
    open_tab(&c, "narasi").await;
    // The whole slot is one editor (it reads back exactly what is stored).
    let css = r#".rich-text[data-path="narasi.kesimpulan"]"#;
    let ed = until("the kesimpulan editor", || async {
        c.find(fantoccini::Locator::Css(css)).await.ok()
    })
    .await;
    // Every text of the sample (nested lists and tables included) reads back exactly, so
    // each gets the whole-slot editor.
    let per_block = c
        .execute(
            "return [...document.querySelectorAll('#form [data-block]')].filter(b => !b.querySelector('.rich-text.blocks')).map(b => b.dataset.block)",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(per_block, serde_json::json!([]));
    c.execute(
        "const e = document.querySelector(arguments[0]); e.focus(); const r = document.createRange(); r.selectNodeContents(e.lastChild); r.collapse(false); const s = getSelection(); s.removeAllRanges(); s.addRange(r);",
        vec![serde_json::json!(css)],
    )
    .await
    .unwrap();
    // Enter: a new paragraph. The toolbar's numbered list, two items, Tab: a sub-item under
    // the second; Enter on an empty item steps out a level, then out of the list; then a
    // paragraph with a line break (Shift+Enter).
    ed.send_keys(&format!("{ENTER}Paragraf baru dari studio.{ENTER}"))
        .await
        .unwrap();
    c.find(fantoccini::Locator::Css(
        r#"[data-block="narasi.kesimpulan"] button.fmt-numbers"#,
    ))
    .await
    .unwrap()
    .click()
    .await
    .unwrap();
    ed.send_keys(&format!(
        "butir satu{ENTER}butir dua{ENTER}{TAB}anak butir{ENTER}{ENTER}{ENTER}Sesudah daftar.{SHIFT_ENTER}baris kedua."
    ))
    .await
    .unwrap();
    let mut want = orig.clone();
    want.extend([
        serde_json::json!({"p": "Paragraf baru dari studio."}),
        serde_json::json!({"list": {"style": "1.", "items": ["butir satu", {"text": "butir dua", "sub": [{"list": {"style": "1.", "items": ["anak butir"]}}]}]}}),
        serde_json::json!({"p": ["Sesudah daftar.", {"br": true}, "baris kedua."]}),
    ]);
    slot_becomes(&st, "kesimpulan", &want).await;
    // The numbering picker: the list at the caret becomes a) b).
    c.execute(
        "const e = document.querySelector(arguments[0]); e.focus(); const li = e.querySelector('ol > li'); const r = document.createRange(); r.setStart(li.firstChild, 2); r.collapse(true); const s = getSelection(); s.removeAllRanges(); s.addRange(r);",
        vec![serde_json::json!(css)],
    )
    .await
    .unwrap();
    pick(
        &c,
        r#"[data-block="narasi.kesimpulan"] select.fmt-style"#,
        "a)",
    )
    .await;
    let n = want.len();
    want[n - 2]["list"]["style"] = serde_json::json!("a)");
    slot_becomes(&st, "kesimpulan", &want).await;
    c.execute(
        "const e = document.querySelector(arguments[0]); e.focus(); const r = document.createRange(); r.selectNodeContents(e.lastChild); r.collapse(false); const s = getSelection(); s.removeAllRanges(); s.addRange(r);",
        vec![serde_json::json!(css)],
    )
    .await
    .unwrap();

    // Markup pasted from a word processor or a web page: its paragraphs, list, emphasis and
    // table (cells as plain text) are kept in the bundle's forms; styles, scripts, links and
    // classes are not stored.
    ed.send_keys(ENTER).await.unwrap();
    let html = r#"<meta charset="utf-8"><style>p{color:red}</style><h2 style="color:red">Judul <script>alert(1)</script>tempelan</h2><p class="MsoNormal">Teks <b>tebal</b> dan <span style="font-style:italic">miring</span></p><ul><li>satu</li><li>dua<ul><li>dua a</li></ul></li></ul><p><a href="http://example.com/">tautan</a> &lt;b&gt;bukan tag&lt;/b&gt;</p><table class="MsoTable"><tr><th>No</th><th style="width:40px">Uraian</th></tr><tr><td>1</td><td><p>Satu <b>dua</b></p></td></tr></table>"#;
    c.execute(
        "const e = document.querySelector(arguments[0]); const dt = new DataTransfer(); dt.setData('text/html', arguments[1]); dt.setData('text/plain', 'x'); e.dispatchEvent(new ClipboardEvent('paste', {clipboardData: dt, bubbles: true, cancelable: true}));",
        vec![serde_json::json!(css), serde_json::json!(html)],
    )
    .await
    .unwrap();
    want.extend([
        serde_json::json!({"p": "Judul tempelan"}),
        serde_json::json!({"p": ["Teks ", {"b": "tebal"}, " dan ", {"i": "miring"}]}),
        serde_json::json!({"list": {"style": "-", "items": ["satu", {"text": "dua", "sub": [{"list": {"style": "-", "items": ["dua a"]}}]}]}}),
        serde_json::json!({"p": "tautan <b>bukan tag</b>"}),
        serde_json::json!({"table": {"kepala": ["No", "Uraian"], "baris": [["1", "Satu dua"]]}}),
    ]);
    slot_becomes(&st, "kesimpulan", &want).await;
    // The pasted table is edited in place: a row added from the table menu, typed into.
    c.execute(
        "const e = document.querySelector(arguments[0]); e.focus(); const td = e.querySelector('table.ftable tbody td:last-child'); const r = document.createRange(); r.selectNodeContents(td); r.collapse(false); const s = getSelection(); s.removeAllRanges(); s.addRange(r);",
        vec![serde_json::json!(css)],
    )
    .await
    .unwrap();
    tokio::time::sleep(Duration::from_millis(100)).await;
    pick(
        &c,
        r#"[data-block="narasi.kesimpulan"] select.fmt-table"#,
        "row",
    )
    .await;
    for (k, text) in [(0, "2"), (1, "Tiga")] {
        c.execute(
            "const e = document.querySelector(arguments[0]); e.focus(); const td = e.querySelectorAll('table.ftable tbody tr')[1].cells[arguments[1]]; const r = document.createRange(); r.selectNodeContents(td); r.collapse(true); const s = getSelection(); s.removeAllRanges(); s.addRange(r);",
            vec![serde_json::json!(css), serde_json::json!(k)],
        )
        .await
        .unwrap();
        ed.send_keys(text).await.unwrap();
    }
    let n = want.len();
    want[n - 1]["table"]["baris"] = serde_json::json!([["1", "Satu dua"], ["2", "Tiga"]]);
    let got2 = slot_becomes(&st, "kesimpulan", &want).await;
    let stored = got2.to_string();
    for raw in ["alert", "color", "Mso", "href", "<h2", "<p"] {
        assert!(!stored.contains(raw), "{raw} stored: {stored}");
    }

    // Saved, the page loaded again: the same blocks are shown, in the same editor.
    c.find(fantoccini::Locator::Css("#save"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    until("the toast", || async {
        text_of(&c, "#toast")
            .await
            .filter(|t| t.contains("Tersimpan"))
    })
    .await;
    let disk: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();
    assert_eq!(disk["narasi"]["kesimpulan"], got2);
    c.refresh().await.unwrap();
    until("the form again", || async {
        text_of(&c, r#"td[data-capaian="IKU1"]"#)
            .await
            .filter(|t| t.contains(','))
    })
    .await;
    open_tab(&c, "narasi").await;
    until("the kesimpulan editor again", || async {
        c.find(fantoccini::Locator::Css(css)).await.ok()
    })
    .await;
    let shown = c
        .execute(
            "const e = document.querySelector(arguments[0]); return [blocksOf([...e.childNodes], false), e.querySelectorAll(':scope > ol[data-style=\"a)\"] > li').length, e.querySelectorAll(':scope > ul > li > ul > li').length];",
            vec![serde_json::json!(css)],
        )
        .await
        .unwrap();
    assert_eq!(shown[0], disk["narasi"]["kesimpulan"]);
    assert_eq!(shown[1], 2, "the list, lettered a) b) now, two items");
    assert_eq!(shown[2], 1, "the nested bullet");
    // And the pages print them.
    let text = until("the pages with the new text", || async {
        let (_, text) = body_text(&st);
        text.contains("Paragraf baru dari studio.").then_some(text)
    })
    .await;
    assert!(text.contains("butir satu"), "the list is printed");
    assert!(text.contains("Judul tempelan"));
    let _ = c.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_a_free_table_in_a_text_is_edited_in_place() {
    let Some(driver_path) = chromedriver() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("dinkes.json");
    std::fs::copy(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("data/dinkes-mojokerto-2021.json"),
        &path,
    )
    .unwrap();
    let st = Studio::start(&path);
    let driver = Driver::start(&driver_path);
    let c = browser(&driver, 1366, 768).await;
    c.goto(&st.url).await.unwrap();
    let (_, b) = st.json("GET", "/api/bundle", None);
    let orig = b["bundle"]["narasi"]["sarana_prasarana"]
        .as_array()
        .unwrap()
        .clone();
    let k = orig.iter().position(|b| b.get("table").is_some()).unwrap();
    until("the form", || async {
        c.find(fantoccini::Locator::Css("#tabs [data-tab=\"narasi\"]"))
            .await
            .ok()
    })
    .await;
    open_tab(&c, "narasi").await;
    let css = r#".rich-text[data-path="narasi.sarana_prasarana"]"#;
    let caption = until("the table in the text", || async {
        text_of(&c, &format!("{css} table.ftable caption")).await
    })
    .await;
    assert_eq!(caption, orig[k]["table"]["judul"].as_str().unwrap());
    if let Some(dir) = std::env::var_os("LKJIP_STUDIO_SHOTS") {
        std::fs::create_dir_all(&dir).unwrap();
        let _ = c
            .execute(
                "document.querySelector(arguments[0]).scrollIntoView()",
                vec![serde_json::json!(format!("{css} table.ftable"))],
            )
            .await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let png = c.screenshot().await.unwrap();
        std::fs::write(Path::new(&dir).join("tabel.png"), png).unwrap();
    }
    // Every text of this bundle, its table included, reads back exactly.
    let per_block = c
        .execute(
            "return [...document.querySelectorAll('#form [data-block]')].filter(b => !b.querySelector('.rich-text.blocks')).map(b => b.dataset.block)",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(per_block, serde_json::json!([]));
    // Typing at the end of a body cell changes that cell only.
    c.execute(
        "const e = document.querySelector(arguments[0]); e.focus(); const td = e.querySelector('table.ftable tbody tr').cells[3]; const r = document.createRange(); r.selectNodeContents(td); r.collapse(false); const s = getSelection(); s.removeAllRanges(); s.addRange(r);",
        vec![serde_json::json!(css)],
    )
    .await
    .unwrap();
    c.find(fantoccini::Locator::Css(css))
        .await
        .unwrap()
        .send_keys(" (diperbarui)")
        .await
        .unwrap();
    let mut want = orig.clone();
    let cell = format!(
        "{} (diperbarui)",
        orig[k]["table"]["baris"][0][3].as_str().unwrap()
    );
    want[k]["table"]["baris"][0][3] = serde_json::json!(cell);
    slot_becomes(&st, "sarana_prasarana", &want).await;
    let text = until("the pages with the new cell", || async {
        let (_, text) = body_text(&st);
        text.contains("(diperbarui)").then_some(text)
    })
    .await;
    assert!(text.contains(&cell), "the cell is printed whole");
    // Undo (the button) takes the typing back; the editor shows the text as it was.
    c.find(fantoccini::Locator::Css("#undo"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    slot_becomes(&st, "sarana_prasarana", &orig).await;
    let shown = until("the editor again", || async {
        text_of(&c, &format!("{css} table.ftable tbody tr td:nth-child(4)")).await
    })
    .await;
    assert_eq!(shown, orig[k]["table"]["baris"][0][3].as_str().unwrap());
    let _ = c.close().await;
}

/// The layout choices' check boxes: ticking "Daftar Tabel" puts the list of tables in
/// the pages and `true` in the bundle; the "Porsi genap 100 %" box shows its default
/// (on) for a bundle without the key, and unticking it writes `false`.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn browser_layout_boxes_follow_their_defaults() {
    let Some(driver_path) = chromedriver() else {
        return;
    };
    let (_dir, path) = sample_copy();
    let st = Studio::start(&path);
    let driver = Driver::start(&driver_path);
    let c = browser(&driver, 1366, 768).await;
    c.goto(&st.url).await.unwrap();
    until("the pages", || async {
        let n = c
            .find_all(fantoccini::Locator::Css("#pages figure"))
            .await
            .ok()?
            .len();
        (n > 40).then_some(())
    })
    .await;
    let (_, before) = body_text(&st);
    assert!(!before.contains("DAFTAR TABEL"));
    open_tab(&c, "umum").await;
    let porsi = r#"input[data-path="tata_letak.porsi_sisa_terbesar"]"#;
    let checked = |css: &'static str| {
        let c = c.clone();
        async move {
            c.find(fantoccini::Locator::Css(css))
                .await
                .ok()?
                .prop("checked")
                .await
                .ok()?
        }
    };
    until("the share box shown ticked (its default)", || async {
        (checked(porsi).await.as_deref() == Some("true")).then_some(())
    })
    .await;

    let v = st.version();
    click(&c, r#"input[data-path="tata_letak.daftar_tabel"]"#).await;
    let text = pages_until(&st, &c, "the Daftar Tabel in the pages", v, |t| {
        t.contains("DAFTAR TABEL")
    })
    .await;
    assert!(text.contains("Tabel 1.1"));
    let (_, got) = st.json("GET", "/api/bundle", None);
    assert_eq!(got["bundle"]["tata_letak"]["daftar_tabel"], true);
    if let Some(dir) = std::env::var_os("LKJIP_STUDIO_SHOTS") {
        std::fs::create_dir_all(&dir).unwrap();
        let _ = c
            .execute(
                "document.querySelector(arguments[0]).scrollIntoView({block: 'center'})",
                vec![serde_json::json!(
                    r#"input[data-path="tata_letak.daftar_tabel"]"#
                )],
            )
            .await;
        tokio::time::sleep(Duration::from_millis(300)).await;
        let png = c.screenshot().await.unwrap();
        std::fs::write(PathBuf::from(dir).join("tata-letak.png"), png).unwrap();
    }

    let v = st.version();
    click(&c, porsi).await;
    until("porsi_sisa_terbesar false in the bundle", || async {
        let (_, got) = st.json("GET", "/api/bundle", None);
        (got["version"].as_u64()? > v
            && got["bundle"]["tata_letak"]["porsi_sisa_terbesar"] == false)
            .then_some(())
    })
    .await;
    let _ = c.close().await;
}
