//! `lkjip absorb EDITED.docx --into BUNDLE.json`: staff's edits of a DOCX made by lkjip
//! come back into the bundle's texts, and printed figures stay computed.
//!
//! The edited file is compared with the DOCX that the bundle renders to now (rebuilt in
//! memory, read by the same reader). Body elements are matched by their element marks
//! (`_lkjip_<n>[_<k>]`, see `render::docx::origin`); an element without a mark goes to
//! the bundle text it stands in (the one before it, else the one after it), or is
//! reported. Each bundle text's elements are read back as narrative blocks (paragraphs,
//! lists, tables; bold, italic, underline, line breaks); a figure left as printed comes
//! back as its placeholder, text typed around it stays around it. A text whose blocks
//! read the same as the bundle's (placeholders and span splits normalised) is left
//! untouched, byte for byte; a changed one replaces its JSON value in the file, nothing
//! else moves.
//!
//! It must never absorb a changed figure as text, drop content silently, or write
//! anything when it refuses.

use std::collections::{BTreeMap, BTreeSet};

use crate::bundle::Bundle;
use crate::bundle::text::{self as bt, Inlines, Span};

use super::read::{Docx, Elem, Para, Piece, Tbl, pieces_text};

/// A refused or unplaceable edit, with its location.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Issue {
    /// Where (slot, element, table row/column …).
    pub at: String,
    /// What, and what to do instead.
    pub message: String,
    /// A printed figure that was changed (as opposed to content that cannot be placed).
    pub figure: bool,
}

/// The outcome of comparing an edited DOCX with the bundle's own.
#[derive(Debug, Default)]
pub struct Absorbed {
    /// Bundle text key → its new blocks, for the texts that changed (in document order).
    pub changed: Vec<(String, Vec<bt::Block>)>,
    /// Figures changed and content that cannot be placed.
    pub issues: Vec<Issue>,
    /// Tracked changes read as accepted: (where, what).
    pub tracked: Vec<(String, String)>,
    /// Comments ignored.
    pub comments: usize,
    /// Short diff lines per changed text.
    pub diffs: Vec<(String, Vec<String>)>,
}

/// Where each body element of the edited file belongs.
#[derive(Debug, Clone, PartialEq)]
enum Region {
    /// A bundle text (`narasi.x` …).
    Slot(String),
    /// Generated content: the element with this number in the bundle's own DOCX.
    Gen((usize, usize)),
    /// No (usable) mark.
    New,
}

/// The printed value of every marked figure in a DOCX read back (name → text).
pub fn figure_values(d: &Docx) -> BTreeMap<String, String> {
    fn walk(ps: &[Piece], out: &mut BTreeMap<String, String>) {
        for p in ps {
            if let Piece::Figure {
                name: Some(n),
                pieces,
            } = p
            {
                out.entry(n.clone()).or_insert_with(|| pieces_text(pieces));
            }
        }
    }
    let mut out = BTreeMap::new();
    for e in &d.body {
        match e {
            Elem::P(p) => walk(&p.pieces, &mut out),
            Elem::T(t) => {
                for r in &t.rows {
                    for c in r {
                        for p in &c.paras {
                            walk(&p.pieces, &mut out);
                        }
                    }
                }
            }
        }
    }
    out
}

/// The bundle text at `key`.
pub fn slot_blocks<'b>(b: &'b Bundle, key: &str) -> Option<&'b [bt::Block]> {
    match key {
        "surat_pengantar.isi" => Some(&b.surat_pengantar.isi),
        "kata_pengantar" => Some(&b.kata_pengantar),
        "ikhtisar.pembuka" => Some(&b.ikhtisar.pembuka),
        "ikhtisar.penutup" => Some(&b.ikhtisar.penutup),
        k => k
            .strip_prefix("narasi.")
            .and_then(|s| b.narasi.get(s))
            .map(Vec::as_slice),
    }
}

/// Whether a source key names a bundle text that absorb writes back (not an outline
/// sentence).
fn is_text(key: &str) -> bool {
    !key.starts_with("kalimat")
}

/// A short quote of a text for messages.
pub fn quote(s: &str) -> String {
    let s = s.split_whitespace().collect::<Vec<_>>().join(" ");
    let short: String = s.chars().take(60).collect();
    if short.chars().count() < s.chars().count() {
        format!("\"{short}…\"")
    } else {
        format!("\"{short}\"")
    }
}

fn elem_text(e: &Elem) -> String {
    match e {
        Elem::P(p) => p.text(),
        Elem::T(t) => t
            .rows
            .iter()
            .flat_map(|r| r.iter().map(|c| c.text()))
            .collect::<Vec<_>>()
            .join(" "),
    }
}

fn is_empty(e: &Elem) -> bool {
    match e {
        Elem::P(p) => {
            p.text().trim().is_empty() && !p.pieces.iter().any(|x| matches!(x, Piece::Object))
        }
        Elem::T(_) => false,
    }
}

/// Where an element of the bundle's own DOCX stands: the heading above it and, for a
/// table, its caption.
fn where_in(orig: &Docx, n: (usize, usize)) -> String {
    let idx = orig
        .body
        .iter()
        .position(|e| e.mark() == Some(n))
        .unwrap_or(0);
    let mut heading = None;
    for e in orig.body.iter().take(idx + 1).rev() {
        if let Elem::P(p) = e
            && p.style.as_deref().is_some_and(|s| s.starts_with("Heading"))
        {
            heading = Some(p.text());
            break;
        }
    }
    let caption = match (
        orig.body.get(idx),
        idx.checked_sub(1).and_then(|i| orig.body.get(i)),
    ) {
        (Some(Elem::T(_)), Some(Elem::P(p)))
            if p.style.as_deref().is_some_and(|s| s.starts_with("Caption")) =>
        {
            Some(p.text())
        }
        _ => None,
    };
    match (caption, heading) {
        (Some(c), _) => format!("table {}", quote(&c)),
        (None, Some(h)) => format!("under heading {}", quote(&h)),
        (None, None) => "at the start".to_string(),
    }
}

/// What to change in the bundle instead of a printed figure.
pub fn advice(name: &str, b: &Bundle) -> String {
    let parts: Vec<&str> = name.split('.').collect();
    let id = parts.first().copied().unwrap_or("");
    let field = parts.get(1).copied().unwrap_or("");
    let path = b.sasaran.iter().enumerate().find_map(|(i, s)| {
        if s.id == id {
            return Some(format!("sasaran[{i}]"));
        }
        s.indikator
            .iter()
            .position(|k| k.id == id)
            .map(|j| format!("sasaran[{i}].indikator[{j}]"))
    });
    let path = path.or_else(|| {
        b.tujuan.iter().enumerate().find_map(|(i, t)| {
            t.indikator
                .iter()
                .position(|k| k.id == id)
                .map(|j| format!("tujuan[{i}].indikator[{j}]"))
        })
    });
    let at = path.clone().unwrap_or_else(|| id.to_string());
    if name.ends_with(".terbilang") {
        return format!(
            "the words follow the amount {}; change that amount in the bundle",
            name.trim_end_matches(".terbilang")
        );
    }
    match (path.is_some(), field) {
        (true, "capaian" | "kategori" | "selisih" | "perubahan" | "kemajuan") => format!(
            "{name} is computed from the target and realisasi: change {at}.realisasi (or .target) in the bundle"
        ),
        (true, "target" | "realisasi" | "target_renstra" | "nasional") => format!(
            "change {at}.{field} in the bundle (a printed value is not copied back: it is rounded and may come from a statistic)"
        ),
        (true, "alokasi" | "realisasi_anggaran" | "serapan" | "porsi" | "efisiensi") => format!(
            "{name} is computed from the budget: change the anggaran of {id} ({at}) in the bundle"
        ),
        _ => format!(
            "{name} is computed from the bundle: change the data it comes from, then render again"
        ),
    }
}

/// Normalise a run of spans: line feeds as breaks, placeholders as `{{ name }}`,
/// adjacent spans of one kind merged, empty text dropped.
fn canon_inlines(i: &Inlines) -> Vec<Span> {
    let mut out: Vec<Span> = Vec::new();
    let push = |out: &mut Vec<Span>, s: Span| {
        if let Some(last) = out.last_mut() {
            match (last, &s) {
                (Span::Text(a), Span::Text(b))
                | (Span::Bold(a), Span::Bold(b))
                | (Span::Italic(a), Span::Italic(b))
                | (Span::Underline(a), Span::Underline(b)) => {
                    a.push_str(b);
                    return;
                }
                _ => {}
            }
        }
        out.push(s);
    };
    for s in &i.0 {
        let (text, make): (&str, fn(String) -> Span) = match s {
            Span::Text(t) => (t, Span::Text),
            Span::Bold(t) => (t, Span::Bold),
            Span::Italic(t) => (t, Span::Italic),
            Span::Underline(t) => (t, Span::Underline),
            Span::Break(_) => {
                push(&mut out, Span::Break(true));
                continue;
            }
        };
        for (k, line) in canon_placeholders(text).split('\n').enumerate() {
            if k > 0 {
                push(&mut out, Span::Break(true));
            }
            if !line.is_empty() {
                push(&mut out, make(line.to_string()));
            }
        }
    }
    out
}

fn canon_placeholders(s: &str) -> String {
    crate::figures::placeholder::substitute(s, |name| Some(format!("{{{{ {name} }}}}")))
}

/// Blocks in normal form, for comparison only.
fn canon(blocks: &[bt::Block]) -> Vec<bt::Block> {
    blocks
        .iter()
        .map(|b| match b {
            bt::Block::Paragraph(i) => bt::Block::Paragraph(Inlines(canon_inlines(i))),
            bt::Block::List(l) => bt::Block::List(bt::List {
                style: l.style,
                items: l
                    .items
                    .iter()
                    .map(|it| bt::Item {
                        text: Inlines(canon_inlines(&it.text)),
                        sub: canon(&it.sub),
                    })
                    .collect(),
            }),
            bt::Block::Table(t) => {
                let mut kepala = t.kepala.clone();
                while kepala.last().is_some_and(|k| k.is_empty()) {
                    kepala.pop();
                }
                bt::Block::Table(bt::FreeTable {
                    judul: t.judul.clone().filter(|j| !j.trim().is_empty()),
                    kepala,
                    baris: t
                        .baris
                        .iter()
                        .map(|r| {
                            let mut r: Vec<Inlines> =
                                r.iter().map(|c| Inlines(canon_inlines(c))).collect();
                            while r.last().is_some_and(|c| c.0.is_empty()) {
                                r.pop();
                            }
                            r
                        })
                        .collect(),
                })
            }
        })
        .collect()
}

/// The plain text of a block (with placeholders), one line per paragraph or item.
fn block_lines(b: &bt::Block, out: &mut Vec<String>) {
    match b {
        bt::Block::Paragraph(i) => out.push(i.plain()),
        bt::Block::List(l) => {
            for it in &l.items {
                out.push(format!("• {}", it.text.plain()));
                for s in &it.sub {
                    block_lines(s, out);
                }
            }
        }
        bt::Block::Table(t) => {
            out.push(format!(
                "[table{}] {}",
                t.judul
                    .as_ref()
                    .map(|j| format!(" {}", quote(j)))
                    .unwrap_or_default(),
                t.kepala.join(" | ")
            ));
            for r in &t.baris {
                out.push(format!(
                    "  | {}",
                    r.iter().map(Inlines::plain).collect::<Vec<_>>().join(" | ")
                ));
            }
        }
    }
}

/// A short line diff (LCS) of two texts' lines: "- old" / "+ new".
fn diff(old: &[bt::Block], new: &[bt::Block]) -> Vec<String> {
    let mut a = Vec::new();
    let mut b = Vec::new();
    for x in old {
        block_lines(x, &mut a);
    }
    for x in new {
        block_lines(x, &mut b);
    }
    let (n, m) = (a.len(), b.len());
    let mut l = vec![vec![0usize; m + 1]; n + 1];
    for i in (0..n).rev() {
        for j in (0..m).rev() {
            l[i][j] = if a[i] == b[j] {
                l[i + 1][j + 1] + 1
            } else {
                l[i + 1][j].max(l[i][j + 1])
            };
        }
    }
    let short = |s: &str| {
        let t: String = s.chars().take(100).collect();
        if t.chars().count() < s.chars().count() {
            format!("{t}…")
        } else {
            t
        }
    };
    let (mut i, mut j) = (0, 0);
    let mut out = Vec::new();
    while i < n || j < m {
        if i < n && j < m && a[i] == b[j] {
            i += 1;
            j += 1;
        } else if j < m && (i == n || l[i][j + 1] >= l[i + 1][j]) {
            out.push(format!("+ {}", short(&b[j])));
            j += 1;
        } else {
            out.push(format!("- {}", short(&a[i])));
            i += 1;
        }
    }
    if out.is_empty() {
        out.push("~ emphasis (bold, italic, underline) or line breaks changed".into());
    }
    out
}

/// Reads pieces back as bundle inlines; figures become placeholders.
struct Reader<'a> {
    values: &'a BTreeMap<String, String>,
    bundle: &'a Bundle,
    issues: &'a mut Vec<Issue>,
}

impl Reader<'_> {
    fn inlines(&mut self, pieces: &[Piece], at: &str) -> Inlines {
        let mut spans: Vec<Span> = Vec::new();
        self.pieces(pieces, at, &mut spans, None);
        Inlines(canon_inlines(&Inlines(spans)))
    }

    fn pieces(
        &mut self,
        pieces: &[Piece],
        at: &str,
        spans: &mut Vec<Span>,
        style: Option<(bool, bool, bool)>,
    ) {
        let make = |text: String, b: bool, i: bool, u: bool| {
            if b {
                Span::Bold(text)
            } else if i {
                Span::Italic(text)
            } else if u {
                Span::Underline(text)
            } else {
                Span::Text(text)
            }
        };
        for p in pieces {
            match p {
                Piece::Text { text, b, i, u } => spans.push(make(text.clone(), *b, *i, *u)),
                Piece::Break => spans.push(Span::Break(true)),
                Piece::Object => self.issues.push(Issue {
                    at: at.to_string(),
                    message:
                        "a picture or object cannot be absorbed into the bundle's text (left out)"
                            .into(),
                    figure: false,
                }),
                Piece::Figure { name, pieces } => {
                    let text = pieces_text(pieces);
                    let first = pieces.iter().find_map(|x| match x {
                        Piece::Text { b, i, u, .. } => Some((*b, *i, *u)),
                        _ => None,
                    });
                    let (b, i, u) = first.or(style).unwrap_or((false, false, false));
                    let value = name
                        .as_ref()
                        .and_then(|n| self.values.get(n).map(|v| (n, v)));
                    match value {
                        None => self.pieces(pieces, at, spans, Some((b, i, u))),
                        Some(_) if text.trim().is_empty() => {}
                        Some((n, v)) => {
                            let ph = format!("{{{{ {n} }}}}");
                            match text.find(v.as_str()) {
                                Some(k) => {
                                    let before = &text[..k];
                                    let after = &text[k + v.len()..];
                                    spans.push(make(format!("{before}{ph}{after}"), b, i, u));
                                }
                                None => {
                                    self.issues.push(Issue {
                                        at: at.to_string(),
                                        message: format!(
                                            "figure {n} printed as {} but the bundle computes {}; the figure stays computed: {}",
                                            quote(&text),
                                            quote(v),
                                            advice(n, self.bundle)
                                        ),
                                        figure: true,
                                    });
                                    spans.push(make(ph, b, i, u));
                                }
                            }
                        }
                    }
                }
            }
        }
    }

    /// A slot's elements as narrative blocks.
    fn blocks(&mut self, elems: &[(&Elem, String)], lists: &Lists) -> Vec<bt::Block> {
        let mut out = Vec::new();
        let mut caption: Option<String> = None;
        let mut items: Vec<ListEntry> = Vec::new();
        let flush = |items: &mut Vec<ListEntry>, out: &mut Vec<bt::Block>| {
            if !items.is_empty() {
                let mut i = 0;
                let base = items[0].level;
                out.extend(build_lists(items, &mut i, base, lists));
                items.clear();
            }
        };
        for (k, (e, at)) in elems.iter().enumerate() {
            match e {
                Elem::P(p) => {
                    if p.style.as_deref().is_some_and(|s| s.starts_with("Caption"))
                        && matches!(elems.get(k + 1), Some((Elem::T(_), _)))
                    {
                        caption = Some(p.text());
                        continue;
                    }
                    if is_empty(e) {
                        continue;
                    }
                    let inl = self.inlines(&p.pieces, at);
                    if let Some((num, level)) = &p.num {
                        items.push(ListEntry {
                            num: Some(num.clone()),
                            level: *level,
                            text: inl,
                        });
                    } else if !items.is_empty() && p.indent > 0 {
                        // a paragraph inside a list item (indented to the item's text)
                        let level = (p.indent as usize / 397).saturating_sub(1);
                        items.push(ListEntry {
                            num: None,
                            level,
                            text: inl,
                        });
                    } else {
                        flush(&mut items, &mut out);
                        out.push(bt::Block::Paragraph(inl));
                    }
                }
                Elem::T(t) => {
                    flush(&mut items, &mut out);
                    out.push(self.table(t, caption.take(), at));
                }
            }
        }
        flush(&mut items, &mut out);
        out
    }

    fn table(&mut self, t: &Tbl, judul: Option<String>, at: &str) -> bt::Block {
        let kepala = t
            .rows
            .first()
            .map(|r| r.iter().map(|c| c.text()).collect())
            .unwrap_or_default();
        let baris = t
            .rows
            .iter()
            .skip(1)
            .map(|r| {
                r.iter()
                    .map(|c| {
                        let mut pieces = Vec::new();
                        for (i, p) in c.paras.iter().enumerate() {
                            if i > 0 {
                                pieces.push(Piece::Break);
                            }
                            pieces.extend(p.pieces.iter().cloned());
                        }
                        self.inlines(&pieces, at)
                    })
                    .collect()
            })
            .collect();
        bt::Block::Table(bt::FreeTable {
            judul,
            kepala,
            baris,
        })
    }
}

type Lists = BTreeMap<String, super::read::NumInfo>;

struct ListEntry {
    num: Option<String>,
    level: usize,
    text: Inlines,
}

fn list_style(lists: &Lists, num: Option<&str>, level: usize) -> bt::ListStyle {
    let s = num
        .and_then(|n| lists.get(n))
        .and_then(|l| l.levels.get(&level))
        .map_or("1.", String::as_str);
    match s {
        "a." => bt::ListStyle::LowerAlphaDot,
        "a)" => bt::ListStyle::LowerAlphaParen,
        "A." => bt::ListStyle::UpperAlphaDot,
        "1)" => bt::ListStyle::DecimalParen,
        "-" => bt::ListStyle::Bullet,
        _ => bt::ListStyle::DecimalDot,
    }
}

/// Whether an item numbered `n` continues the list numbered `first` at `level`: the
/// same numbering, or one of the same definition that does not restart (LibreOffice
/// gives every item its own `w:num`).
fn same_list(lists: &Lists, first: Option<&str>, n: &str, level: usize) -> bool {
    if Some(n) == first {
        return true;
    }
    match (first.and_then(|f| lists.get(f)), lists.get(n)) {
        (Some(a), Some(b)) => a.abstract_id == b.abstract_id && !b.restart.contains(&level),
        _ => false,
    }
}

/// Lists from numbered entries at `level` and deeper (deeper ones nest in the item
/// before them; an item with another numbering starts a new list).
fn build_lists(items: &[ListEntry], i: &mut usize, level: usize, lists: &Lists) -> Vec<bt::Block> {
    let mut out = Vec::new();
    while *i < items.len() && items[*i].level >= level {
        let num = items[*i].num.clone();
        let mut list = bt::List {
            style: list_style(lists, num.as_deref(), level),
            items: Vec::new(),
        };
        while *i < items.len() && items[*i].level >= level {
            let e = &items[*i];
            if e.level > level {
                let sub = build_lists(items, i, e.level, lists);
                match list.items.last_mut() {
                    Some(last) => last.sub.extend(sub),
                    None => list.items.push(bt::Item {
                        text: Inlines(vec![]),
                        sub,
                    }),
                }
                continue;
            }
            match &e.num {
                None => {
                    // a paragraph inside the previous item
                    match list.items.last_mut() {
                        Some(last) => last.sub.push(bt::Block::Paragraph(e.text.clone())),
                        None => list.items.push(bt::Item {
                            text: e.text.clone(),
                            sub: vec![],
                        }),
                    }
                }
                Some(n)
                    if !list.items.is_empty() && !same_list(lists, num.as_deref(), n, level) =>
                {
                    break;
                }
                Some(_) => list.items.push(bt::Item {
                    text: e.text.clone(),
                    sub: vec![],
                }),
            }
            *i += 1;
        }
        if list.items.is_empty() {
            break;
        }
        out.push(bt::Block::List(list));
    }
    out
}

/// Compare the edited DOCX with the bundle's own (`orig`, rebuilt from the bundle).
pub fn compare(edited: &Docx, orig: &Docx, bundle: &Bundle) -> Absorbed {
    let mut res = Absorbed {
        comments: edited.comments,
        ..Absorbed::default()
    };
    let values = figure_values(orig);
    let key_of = |d: &Docx, k: usize| {
        d.properties
            .get(&format!(
                "{}{k}",
                crate::render::docx::ORIGIN_SOURCE_PROPERTY
            ))
            .cloned()
    };
    // regions of the edited elements
    let mut seen = BTreeSet::new();
    let mut regions: Vec<Region> = edited
        .body
        .iter()
        .map(|e| match e.mark() {
            Some(m) if !seen.insert(m) => Region::New,
            Some((n, 0)) => Region::Gen((n, 0)),
            Some((n, k)) => match key_of(edited, k).or_else(|| key_of(orig, k)) {
                Some(key) if is_text(&key) => Region::Slot(key),
                _ => Region::Gen((n, k)),
            },
            None => Region::New,
        })
        .collect();
    let fixed = regions.clone();
    for (i, r) in regions.iter_mut().enumerate() {
        if *r != Region::New || is_empty(&edited.body[i]) {
            continue;
        }
        let prev = fixed[..i].iter().rev().find(|r| **r != Region::New);
        let next = fixed[i + 1..].iter().find(|r| **r != Region::New);
        *r = match (prev, next) {
            (Some(Region::Slot(s)), _) => Region::Slot(s.clone()),
            (_, Some(Region::Slot(s))) => Region::Slot(s.clone()),
            _ => {
                let after = fixed[..i]
                    .iter()
                    .rposition(|r| *r != Region::New)
                    .map(|j| format!("after {}", quote(&elem_text(&edited.body[j]))))
                    .unwrap_or_else(|| "at the start".into());
                res.issues.push(Issue {
                    at: format!("body element {} ({after})", i + 1),
                    message: format!(
                        "{} added among generated content cannot be placed in a bundle text: {}",
                        match &edited.body[i] {
                            Elem::P(_) => "a paragraph",
                            Elem::T(_) => "a table",
                        },
                        quote(&elem_text(&edited.body[i]))
                    ),
                    figure: false,
                });
                Region::New
            }
        };
    }
    // tracked changes, with the text they are in
    for (idx, kind, text) in &edited.tracked {
        let wher = match regions.get(*idx) {
            Some(Region::Slot(s)) => s.clone(),
            Some(Region::Gen(n)) => where_in(orig, *n),
            _ => format!("body element {}", idx + 1),
        };
        res.tracked.push((wher, format!("{kind} {}", quote(text))));
    }
    // bundle texts: every key the bundle's own DOCX has, in document order
    let mut keys: Vec<String> = Vec::new();
    for e in &orig.body {
        if let Some((_, k)) = e.mark()
            && k > 0
            && let Some(key) = key_of(orig, k)
            && is_text(&key)
            && !keys.contains(&key)
        {
            keys.push(key);
        }
    }
    let mut reader = Reader {
        values: &values,
        bundle,
        issues: &mut res.issues,
    };
    for key in &keys {
        let elems: Vec<(&Elem, String)> = edited
            .body
            .iter()
            .zip(&regions)
            .enumerate()
            .filter(|(_, (_, r))| matches!(r, Region::Slot(s) if s == key))
            .map(|(i, (e, _))| (e, format!("{key}, body element {}", i + 1)))
            .collect();
        let new = reader.blocks(&elems, &edited.lists);
        let old = slot_blocks(bundle, key).unwrap_or(&[]);
        if canon(old) != canon(&new) {
            if std::env::var_os("LKJIP_ABSORB_DEBUG").is_some() {
                eprintln!("{key}: old {:?}\n new {:?}", canon(old), canon(&new));
            }
            res.diffs.push((key.clone(), diff(old, &new)));
            res.changed.push((key.clone(), new));
        }
    }
    // generated content: figures and text as the bundle gives them
    let orig_by_n: BTreeMap<(usize, usize), &Elem> = orig
        .body
        .iter()
        .filter_map(|e| e.mark().map(|m| (m, e)))
        .collect();
    let mut present = BTreeSet::new();
    for (e, r) in edited.body.iter().zip(&regions) {
        let Region::Gen(n) = r else { continue };
        present.insert(*n);
        let Some(o) = orig_by_n.get(n) else { continue };
        check_generated(e, o, *n, orig, &values, bundle, &mut res.issues);
    }
    for (n, o) in &orig_by_n {
        let is_text_key = match o.mark() {
            Some((_, k)) if k > 0 => key_of(orig, k).is_some_and(|key| is_text(&key)),
            _ => false,
        };
        if is_text_key || present.contains(n) || is_empty(o) {
            continue;
        }
        res.issues.push(Issue {
            at: where_in(orig, *n),
            message: format!(
                "generated {} was deleted: {} (it comes from the bundle; it is not absorbed)",
                match o {
                    Elem::P(_) => "paragraph",
                    Elem::T(_) => "table",
                },
                quote(&elem_text(o))
            ),
            figure: false,
        });
    }
    res
}

fn figures_in<'a>(ps: &'a [Piece], out: &mut Vec<(&'a str, String)>) {
    for p in ps {
        if let Piece::Figure {
            name: Some(n),
            pieces,
        } = p
        {
            out.push((n, pieces_text(pieces)));
        }
    }
}

fn para_figures(p: &Para) -> Vec<(&str, String)> {
    let mut out = Vec::new();
    figures_in(&p.pieces, &mut out);
    out
}

/// Check one generated element against the bundle's own: every figure as computed, the
/// text as generated.
fn check_generated(
    e: &Elem,
    o: &Elem,
    n: (usize, usize),
    orig: &Docx,
    values: &BTreeMap<String, String>,
    bundle: &Bundle,
    issues: &mut Vec<Issue>,
) {
    let wher = where_in(orig, n);
    let figure_issue = |at: String, name: &str, printed: &str, issues: &mut Vec<Issue>| {
        let computed = values.get(name).cloned().unwrap_or_default();
        issues.push(Issue {
            at,
            message: format!(
                "figure {name} printed as {} but the bundle computes {}: {}",
                quote(printed),
                quote(&computed),
                advice(name, bundle)
            ),
            figure: true,
        });
    };
    match (e, o) {
        (Elem::P(p), Elem::P(q)) => {
            // entries of the table of contents and of the lists of tables and charts:
            // their page numbers are Word's to update
            if q.style
                .as_deref()
                .is_some_and(|s| s.starts_with("TOC") || s == "TableofFigures")
            {
                return;
            }
            let mut bad = false;
            for (name, text) in para_figures(p) {
                if values.get(name).is_some_and(|v| *v != text) {
                    figure_issue(
                        format!("{wher}, paragraph {}", quote(&q.text())),
                        name,
                        &text,
                        issues,
                    );
                    bad = true;
                }
            }
            if !bad && p.text() != q.text() {
                issues.push(Issue {
                    at: wher,
                    message: format!(
                        "generated text changed from {} to {}: it comes from the bundle and is not absorbed (change the bundle, or the outline's sentence)",
                        quote(&q.text()),
                        quote(&p.text())
                    ),
                    figure: false,
                });
            }
        }
        (Elem::T(t), Elem::T(u)) => {
            let header_of = |ri: usize, ci: usize| -> String {
                let cols = u.rows.get(ri).map_or(0, Vec::len);
                u.rows
                    .iter()
                    .take(ri)
                    .filter(|r| r.len() == cols)
                    .find(|r| {
                        r.iter()
                            .all(|c| c.paras.iter().all(|p| para_figures(p).is_empty()))
                    })
                    .and_then(|r| r.get(ci))
                    .map(|c| c.text())
                    .unwrap_or_else(|| format!("{}", ci + 1))
            };
            let row_of = |ri: usize| -> String {
                u.rows
                    .get(ri)
                    .and_then(|r| {
                        r.iter()
                            .map(|c| c.text())
                            .find(|t| t.chars().any(char::is_alphabetic) && t.chars().count() > 3)
                    })
                    .unwrap_or_else(|| format!("{}", ri + 1))
            };
            if t.rows.len() != u.rows.len()
                || t.rows.iter().zip(&u.rows).any(|(a, b)| a.len() != b.len())
            {
                issues.push(Issue {
                    at: wher.clone(),
                    message: "rows or cells were added to or removed from a generated table; it comes from the bundle and is not absorbed".into(),
                    figure: false,
                });
            }
            for (ri, (a, b)) in t.rows.iter().zip(&u.rows).enumerate() {
                for (ci, (x, y)) in a.iter().zip(b).enumerate() {
                    let (xt, yt) = (x.text(), y.text());
                    if xt == yt {
                        continue;
                    }
                    let at = format!(
                        "{wher}, row {}, column {}",
                        quote(&row_of(ri)),
                        quote(&header_of(ri, ci))
                    );
                    let names: Vec<(&str, String)> =
                        y.paras.iter().flat_map(para_figures).collect();
                    match names.first() {
                        Some((name, _)) => figure_issue(at, name, &xt, issues),
                        None => issues.push(Issue {
                            at,
                            message: format!(
                                "generated cell changed from {} to {}: it comes from the bundle and is not absorbed",
                                quote(&yt),
                                quote(&xt)
                            ),
                            figure: false,
                        }),
                    }
                }
            }
        }
        _ => issues.push(Issue {
            at: wher,
            message: "a generated element was replaced by another kind of content; not absorbed"
                .into(),
            figure: false,
        }),
    }
}
