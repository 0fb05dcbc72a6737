//! Live pages: one compile thread lays out the newest state of the bundle (older requests
//! waiting behind it are dropped: latest state wins), keeping typst's World parts and
//! memoization caches between edits (`comemo::evict(EVICT_AGE)`, not a clear), hashes
//! every page (`typst::utils::hash128`) and publishes a [`Snapshot`] on a watch channel
//! that the event stream (`/api/events`) sends to the page. Pages are drawn as SVG
//! (`typst-svg`) when first asked for, once per page hash.
//!
//! It must never lay out on the async runtime's threads, nor hold a lock while laying out.

use std::collections::HashMap;
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use serde::Serialize;
use typst::layout::{Frame, FrameItem};
use typst_layout::PagedDocument;

use crate::bundle::Loaded;

/// Memoized results unused for this many layouts are evicted (the studio notes measured
/// 22 ms a one-field layout with 5, 26 ms with 10; `evict(1)` was noisy at 42-79 ms).
const EVICT_AGE: usize = 6;
/// For a long report (more pages than [`LONG`]) a shorter age: every layout of a
/// 294-page bundle memoizes so much that six of them kept 1,7 GB resident.
const EVICT_AGE_LONG: usize = 2;
/// See [`EVICT_AGE_LONG`].
const LONG: usize = 120;

/// A layout request.
pub struct Job {
    /// The bundle version it shows.
    pub version: u64,
    /// The bundle.
    pub loaded: Arc<Loaded>,
    /// Its emblem.
    pub emblem: Option<Vec<u8>>,
    /// Text just typed, to find the page that shows it.
    pub hint: Option<String>,
    /// When the edit arrived (for the latency the snapshot reports).
    pub since: Instant,
}

/// What the page is told after every change.
#[derive(Debug, Clone, Default, Serialize)]
pub struct Snapshot {
    /// The bundle's version now.
    pub version: u64,
    /// The version the pages show.
    pub pages_version: u64,
    /// Number of pages.
    pub count: usize,
    /// Hash of each page (hex), page 1 first.
    pub hashes: Vec<String>,
    /// Pages (1-based) whose hash changed with the last layout.
    pub changed: Vec<usize>,
    /// The page (1-based) to bring into view: the changed page showing the text just
    /// typed, else the first changed page.
    pub focus: Option<usize>,
    /// Why the pages are not those of the current version (a layout error), if so.
    pub error: Option<String>,
    /// Milliseconds from the edit's arrival to the new page hashes.
    pub ms: u64,
    /// Layouts done.
    pub layouts: u64,
    /// Errors and warnings of the current version.
    pub errors: usize,
    /// Warnings.
    pub warnings: usize,
    /// The text differs from the file on disk.
    pub dirty: bool,
    /// The file on disk changed since it was loaded or saved here.
    pub disk_changed: bool,
}

/// The compile thread's handle and what it produced.
pub struct Live {
    jobs: Mutex<Sender<Job>>,
    /// The state the page is told about.
    pub snapshot: tokio::sync::watch::Sender<Snapshot>,
    doc: Mutex<Option<Arc<PagedDocument>>>,
    svgs: Mutex<HashMap<u128, Arc<String>>>,
}

impl Live {
    /// Start the compile thread.
    pub fn start() -> Arc<Live> {
        let (tx, rx) = channel();
        let (snapshot, _) = tokio::sync::watch::channel(Snapshot::default());
        let live = Arc::new(Live {
            jobs: Mutex::new(tx),
            snapshot,
            doc: Mutex::new(None),
            svgs: Mutex::new(HashMap::new()),
        });
        let me = Arc::clone(&live);
        let spawned = std::thread::Builder::new()
            .name("lkjip-layout".into())
            .spawn(move || me.run(rx));
        if let Err(e) = spawned {
            eprintln!("cannot start the layout thread ({e}); pages will not update");
        }
        live
    }

    /// Ask for a layout of this state (an older request not started yet is dropped).
    pub fn submit(&self, job: Job) {
        if let Ok(tx) = self.jobs.lock() {
            let _ = tx.send(job);
        }
    }

    fn run(&self, rx: Receiver<Job>) {
        crate::render::pdf::warm_up();
        let mut previous: Vec<u128> = Vec::new();
        while let Ok(mut job) = rx.recv() {
            while let Ok(newer) = rx.try_recv() {
                job = newer;
            }
            let doc = crate::report::document(&job.loaded, job.emblem.take());
            let laid = crate::render::pdf::live::layout_pages(&doc);
            let pages = laid.as_ref().map_or(0, |p| p.pages().len());
            typst::comemo::evict(if pages > LONG {
                EVICT_AGE_LONG
            } else {
                EVICT_AGE
            });
            match laid {
                Ok(paged) => {
                    let hashes: Vec<u128> =
                        paged.pages().iter().map(typst::utils::hash128).collect();
                    let changed: Vec<usize> = hashes
                        .iter()
                        .enumerate()
                        .filter(|(i, h)| previous.get(*i) != Some(h))
                        .map(|(i, _)| i + 1)
                        .collect();
                    let focus = focus(&paged, &changed, job.hint.as_deref());
                    let ms = job.since.elapsed().as_millis() as u64;
                    if let Ok(mut svgs) = self.svgs.lock() {
                        svgs.retain(|h, _| hashes.contains(h));
                    }
                    if let Ok(mut d) = self.doc.lock() {
                        *d = Some(Arc::new(paged));
                    }
                    self.snapshot.send_modify(|s| {
                        s.pages_version = job.version;
                        s.count = hashes.len();
                        s.hashes = hashes.iter().map(|h| format!("{h:032x}")).collect();
                        s.changed = changed;
                        s.focus = focus;
                        s.error = None;
                        s.ms = ms;
                        s.layouts += 1;
                    });
                    previous = hashes;
                }
                Err(e) => self.snapshot.send_modify(|s| {
                    s.error = Some(e.to_string());
                    s.changed = Vec::new();
                    s.layouts += 1;
                }),
            }
        }
    }

    /// Page `k` (1-based) as SVG, with its hash; `None` when there is no such page.
    pub fn svg(&self, k: usize) -> Option<(String, Arc<String>)> {
        let doc = self.doc.lock().ok()?.clone()?;
        let page = doc.pages().get(k.checked_sub(1)?)?;
        let hash = typst::utils::hash128(page);
        if let Some(svg) = self.svgs.lock().ok()?.get(&hash) {
            return Some((format!("{hash:032x}"), Arc::clone(svg)));
        }
        let svg = Arc::new(typst_svg::svg(page, &typst_svg::SvgOptions::default()));
        self.svgs.lock().ok()?.insert(hash, Arc::clone(&svg));
        Some((format!("{hash:032x}"), svg))
    }
}

impl Live {
    /// The text of page `k` (1-based), its runs separated by spaces; `None` when there
    /// is no such page.
    pub fn text(&self, k: usize) -> Option<String> {
        let doc = self.doc.lock().ok()?.clone()?;
        let page = doc.pages().get(k.checked_sub(1)?)?;
        let mut text = String::new();
        collect_text(&page.frame, &mut text);
        Some(text)
    }
}

/// The changed page that shows `hint` (its longest word, or as typed with a decimal
/// comma), else the first changed page.
fn focus(paged: &PagedDocument, changed: &[usize], hint: Option<&str>) -> Option<usize> {
    let first = changed.first().copied();
    let Some(hint) = hint.map(str::trim).filter(|h| !h.is_empty()) else {
        return first;
    };
    let word = hint
        .split(|c: char| c.is_whitespace() || "{}()[],;:\"'".contains(c))
        .max_by_key(|w| w.chars().count())
        .unwrap_or(hint);
    let needles = [word.to_string(), word.replace('.', ",")];
    let shows = |k: &usize| {
        let mut text = String::new();
        if let Some(page) = paged.pages().get(k - 1) {
            collect_text(&page.frame, &mut text);
        }
        needles
            .iter()
            .any(|n| n.chars().count() >= 2 && text.contains(n.as_str()))
    };
    changed.iter().copied().find(shows).or(first)
}

fn collect_text(frame: &Frame, out: &mut String) {
    for (_, item) in frame.items() {
        match item {
            FrameItem::Group(g) => collect_text(&g.frame, out),
            FrameItem::Text(t) => {
                out.push_str(&t.text);
                out.push(' ');
            }
            _ => {}
        }
    }
}
