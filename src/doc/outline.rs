//! The outline in force for a bundle: the embedded default (PermenPAN-RB 53/2014,
//! `data/kerangka/default.json`), or the bundle's own, with the bundle's changes applied
//! (remove, rename, insert, move). Also its checks, which `bundle::validate` reports with
//! the others: every item sets one kind, components and table ids exist, narrative slots the
//! outline places exist in the bundle (an error) and slots it never places are reported (a
//! warning: their text would be lost), placeholders in titles and sentences resolve.
//!
//! Never decides content: `chapters` walks the resolved outline.

use std::collections::BTreeSet;

use crate::bundle::Bundle;
use crate::bundle::diag::did_you_mean;
use crate::bundle::kerangka::{Bab, Bagian, Butir, Kerangka, Ubah};
use crate::bundle::validate::Finding;

use super::komponen::{Komponen, Numbering};

/// The default outline, as shipped (readable by staff).
pub const DEFAULT_JSON: &str = include_str!("../../data/kerangka/default.json");

/// The default outline.
pub fn default_outline() -> Kerangka {
    parse(DEFAULT_JSON).unwrap_or_default()
}

/// An outline from JSON text (the default's file, or a test's).
pub fn parse(text: &str) -> Result<Kerangka, String> {
    let tree = crate::bundle::json::parse(text).map_err(|e| e.message)?;
    let rec = crate::bundle::de::Recorder::default();
    let k: Option<Kerangka> = crate::bundle::de::read(&tree, &rec);
    let problems = rec.problems.into_inner();
    match (k, problems.first()) {
        (Some(k), None) => Ok(k),
        (_, Some((pos, path, msg))) => Err(format!("{}:{}: {path}: {msg}", pos.line, pos.col)),
        (None, None) => Err("unreadable outline".into()),
    }
}

/// The outline in force for `b` and the problems of its changes.
pub fn resolve(b: &Bundle) -> (Kerangka, Vec<Finding>) {
    let own = b.kerangka.as_ref();
    let mut k = match own.and_then(|o| o.bab.clone()) {
        Some(bab) => Kerangka { bab },
        None => default_outline(),
    };
    let mut problems = Vec::new();
    for (i, u) in own.map_or(&[][..], |o| &o.ubah[..]).iter().enumerate() {
        if let Err((field, message)) = apply(&mut k, u) {
            problems.push(error(format!("kerangka.ubah[{i}]{field}"), message));
        }
    }
    (k, problems)
}

/// Check the outline of `b`: its changes, its items, its narrative slots.
pub fn check(b: &Bundle) -> Vec<Finding> {
    let (k, mut out) = resolve(b);
    if let Some(own) = &b.kerangka {
        for (i, bab) in own.bab.iter().flatten().enumerate() {
            for (j, item) in bab.isi.iter().enumerate() {
                check_item(b, item, &format!("kerangka.bab[{i}].isi[{j}]"), 2, &mut out);
            }
        }
        for (i, u) in own.ubah.iter().enumerate() {
            if let Some(item) = &u.sisip {
                check_item(b, item, &format!("kerangka.ubah[{i}].sisip"), 2, &mut out);
            }
        }
    }
    let mut ids = BTreeSet::new();
    let mut placed = BTreeSet::new();
    let mut noted = BTreeSet::new();
    for bab in &k.bab {
        walk(&bab.isi, &mut |item| {
            if let Some(kind) = item.komponen.as_deref().and_then(Komponen::from_name)
                && kind.noted()
                && let Some(why) = kind.left_out(b)
                && noted.insert(kind)
            {
                out.push(Finding {
                    severity: crate::bundle::Severity::Note,
                    ..error(
                        "kerangka",
                        format!(
                            "the component {} of the outline is left out: {why}",
                            kind.name()
                        ),
                    )
                });
            }
        });
    }
    for bab in &k.bab {
        if !ids.insert(bab.id.clone()) {
            out.push(error(
                "kerangka",
                format!(
                    "the outline has the id {:?} twice; ids must be unique",
                    bab.id
                ),
            ));
        }
        walk(&bab.isi, &mut |item| {
            if let Some(id) = &item.id
                && !ids.insert(id.clone())
            {
                out.push(error(
                    "kerangka",
                    format!("the outline has the id {id:?} twice; ids must be unique"),
                ));
            }
            if let Some(slot) = &item.narasi {
                placed.insert(slot.clone());
                let required = item.wajib.unwrap_or(true);
                if required && !b.narasi.contains_key(slot) {
                    out.push(error(
                        "narasi",
                        format!(
                            "the outline places narasi.{slot} (in BAB {}) but the bundle has no such text; add \"{slot}\": [ … ] or remove it from the outline (kerangka.ubah)",
                            bab.judul
                        ),
                    ));
                }
            }
        });
    }
    for slot in b.narasi.keys() {
        if !placed.contains(slot) {
            let hint = did_you_mean(slot, placed.iter().map(String::as_str))
                .map(|s| format!("did you mean {s:?}? "))
                .unwrap_or_default();
            out.push(Finding {
                severity: crate::bundle::Severity::Warning,
                ..error(
                    format!("narasi.{slot}"),
                    format!("no item of the outline places this text, so it would not be printed ({hint}add {{\"narasi\": \"{slot}\"}} to the outline with kerangka.ubah)"),
                )
            });
        }
    }
    // Placeholders in the outline's own titles and sentences.
    let mut names = crate::figures::placeholder_names(b);
    names.extend(ref_names_of(&k, b));
    let mut texts = Vec::new();
    for bab in &k.bab {
        texts.push(bab.judul.clone());
        walk(&bab.isi, &mut |item| {
            if let Some(s) = &item.kalimat {
                texts.push(s.clone());
            }
            if let Some(g) = &item.bagian {
                texts.push(g.judul.clone());
            }
        });
    }
    for text in texts {
        for name in crate::figures::placeholders(&text).into_iter().flatten() {
            if !names.contains(&name) {
                let hint = did_you_mean(&name, names.iter().map(String::as_str))
                    .map(|s| format!(" (did you mean {s:?}?)"))
                    .unwrap_or_default();
                out.push(error(
                    "kerangka",
                    format!("the outline's text {text:?} cites the unknown figure {name:?}{hint}; a table removed from the outline can no longer be cited"),
                ));
            }
        }
    }
    out
}

/// The cross-reference names of the outline in force: `tabel.ID` for every item that makes
/// a numbered table (and every declared context table), `grafik.ID` for charts.
pub fn ref_names(b: &Bundle) -> BTreeSet<String> {
    ref_names_of(&resolve(b).0, b)
}

fn ref_names_of(k: &Kerangka, b: &Bundle) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for bab in &k.bab {
        walk(&bab.isi, &mut |item| {
            let Some(kind) = item.komponen.as_deref().and_then(Komponen::from_name) else {
                return;
            };
            if let Some(id) = &item.id {
                match kind.numbering() {
                    Numbering::Table => {
                        out.insert(format!("tabel.{id}"));
                    }
                    Numbering::Chart => {
                        out.insert(format!("grafik.{id}"));
                    }
                    Numbering::None => {}
                }
            }
            if kind == Komponen::TabelStatistik {
                for t in b.statistik.iter().flat_map(|s| &s.tabel) {
                    if item.tabel.as_ref().is_none_or(|x| x == &t.id) {
                        out.insert(format!("tabel.{}", t.id));
                    }
                }
            }
        });
    }
    out
}

/// Visit every item, sections' items included, in order.
pub fn walk(items: &[Butir], visit: &mut dyn FnMut(&Butir)) {
    for item in items {
        visit(item);
        if let Some(g) = &item.bagian {
            walk(&g.isi, visit);
        }
    }
}

fn error(path: impl Into<String>, message: impl Into<String>) -> Finding {
    Finding {
        path: path.into(),
        message: message.into(),
        severity: crate::bundle::Severity::Error,
        pos: None,
    }
}

/// One item of a bundle's outline: exactly one kind, a known component, a known table,
/// sections at most two levels deep.
fn check_item(b: &Bundle, item: &Butir, path: &str, level: u8, out: &mut Vec<Finding>) {
    let kinds = [
        ("bagian", item.bagian.is_some()),
        ("narasi", item.narasi.is_some()),
        ("komponen", item.komponen.is_some()),
        ("kalimat", item.kalimat.is_some()),
        ("halaman_baru", item.halaman_baru.is_some()),
    ];
    let set: Vec<&str> = kinds.iter().filter(|k| k.1).map(|k| k.0).collect();
    if set.len() != 1 {
        out.push(error(
            path,
            format!(
                "an outline item sets exactly one of bagian, narasi, komponen, kalimat, halaman_baru (found {})",
                if set.is_empty() { "none".into() } else { set.join(", ") }
            ),
        ));
    }
    if let Some(kind) = &item.komponen {
        if Komponen::from_name(kind).is_none() {
            let names = Komponen::ALL.map(Komponen::name);
            let hint = did_you_mean(kind, names)
                .map(|s| format!("did you mean {s:?}?"))
                .unwrap_or_else(|| format!("known: {}", names.join(", ")));
            out.push(error(
                format!("{path}.komponen"),
                format!("unknown component {kind:?} ({hint})"),
            ));
        }
        if kind == "grafik_statistik" && item.tabel.is_none() {
            out.push(error(
                format!("{path}.tabel"),
                "\"komponen\": \"grafik_statistik\" needs \"tabel\": the id of a statistik.seri or statistik.laju",
            ));
        }
        if let Some(t) = &item.tabel
            && kind == "grafik_statistik"
        {
            let known: Vec<&str> = b
                .statistik
                .iter()
                .flat_map(|s| {
                    s.seri
                        .iter()
                        .map(|x| x.id.as_str())
                        .chain(s.laju.iter().map(|x| x.id.as_str()))
                })
                .collect();
            if !known.contains(&t.as_str()) {
                let hint = did_you_mean(t, known.iter().copied())
                    .map(|s| format!(" (did you mean {s:?}?)"))
                    .unwrap_or_default();
                out.push(error(
                    format!("{path}.tabel"),
                    format!("no statistik.seri or statistik.laju has the id {t:?}{hint}"),
                ));
            }
        } else if let Some(t) = &item.tabel {
            let known: Vec<&str> = b
                .statistik
                .iter()
                .flat_map(|s| &s.tabel)
                .map(|t| t.id.as_str())
                .collect();
            if kind != "tabel_statistik" {
                out.push(error(
                    format!("{path}.tabel"),
                    "\"tabel\" only goes with \"komponen\": \"tabel_statistik\" or \"grafik_statistik\"",
                ));
            } else if !known.contains(&t.as_str()) {
                let hint = did_you_mean(t, known.iter().copied())
                    .map(|s| format!(" (did you mean {s:?}?)"))
                    .unwrap_or_default();
                out.push(error(
                    format!("{path}.tabel"),
                    format!("no statistik.tabel has the id {t:?}{hint}"),
                ));
            }
        }
    }
    if let Some(g) = &item.bagian {
        if level > 3 {
            out.push(error(
                format!("{path}.bagian"),
                "sections go two levels deep at most (a section and its sub-sections)",
            ));
        }
        for (j, sub) in g.isi.iter().enumerate() {
            check_item(b, sub, &format!("{path}.bagian.isi[{j}]"), level + 1, out);
        }
    }
}

/// Where a chapter or an item is.
#[derive(Debug, Clone, PartialEq)]
enum Loc {
    /// Chapter index.
    Bab(usize),
    /// Chapter index and the path of item indices through nested sections.
    Item(usize, Vec<usize>),
}

fn find(k: &Kerangka, id: &str) -> Option<Loc> {
    fn inside(items: &[Butir], id: &str, path: &mut Vec<usize>) -> bool {
        for (i, item) in items.iter().enumerate() {
            path.push(i);
            if item.id.as_deref() == Some(id) {
                return true;
            }
            if let Some(g) = &item.bagian
                && inside(&g.isi, id, path)
            {
                return true;
            }
            path.pop();
        }
        false
    }
    for (c, bab) in k.bab.iter().enumerate() {
        if bab.id == id {
            return Some(Loc::Bab(c));
        }
        let mut path = Vec::new();
        if inside(&bab.isi, id, &mut path) {
            return Some(Loc::Item(c, path));
        }
    }
    None
}

/// Every id of the outline (for suggestions).
fn all_ids(k: &Kerangka) -> Vec<String> {
    let mut ids: Vec<String> = k.bab.iter().map(|b| b.id.clone()).collect();
    for bab in &k.bab {
        walk(&bab.isi, &mut |i| ids.extend(i.id.clone()));
    }
    ids
}

fn unknown(k: &Kerangka, id: &str) -> String {
    let ids = all_ids(k);
    let hint = did_you_mean(id, ids.iter().map(String::as_str))
        .map(|s| format!("did you mean {s:?}?"))
        .unwrap_or_else(|| format!("ids: {}", ids.join(", ")));
    format!("the outline has no chapter or item with the id {id:?} ({hint})")
}

/// The item list holding the item at `path` (all but the last index) in chapter `c`.
fn list_mut<'a>(k: &'a mut Kerangka, c: usize, path: &[usize]) -> Option<&'a mut Vec<Butir>> {
    let mut list = &mut k.bab.get_mut(c)?.isi;
    for &i in path {
        list = &mut list.get_mut(i)?.bagian.as_mut()?.isi;
    }
    Some(list)
}

enum Thing {
    Bab(Bab),
    Item(Butir),
}

fn apply(k: &mut Kerangka, u: &Ubah) -> Result<(), (&'static str, String)> {
    let ops = [
        u.hapus.is_some(),
        u.ganti_judul.is_some(),
        u.sisip.is_some(),
        u.pindah.is_some(),
    ];
    if ops.iter().filter(|x| **x).count() != 1 {
        return Err((
            "",
            "a change sets exactly one of hapus, ganti_judul, sisip, pindah".into(),
        ));
    }
    if let Some(id) = &u.hapus {
        let loc = find(k, id).ok_or_else(|| (".hapus", unknown(k, id)))?;
        take(k, &loc);
        return Ok(());
    }
    if let Some(id) = &u.ganti_judul {
        let judul = u
            .judul
            .clone()
            .ok_or_else(|| (".judul", "give the new title in \"judul\"".to_string()))?;
        match find(k, id).ok_or_else(|| (".ganti_judul", unknown(k, id)))? {
            Loc::Bab(c) => k.bab[c].judul = judul,
            Loc::Item(c, path) => {
                let (last, parent) = path
                    .split_last()
                    .map(|(l, p)| (*l, p.to_vec()))
                    .unwrap_or_default();
                let item = list_mut(k, c, &parent).and_then(|l| l.get_mut(last));
                match item.and_then(|i| i.bagian.as_mut()) {
                    Some(g) => g.judul = judul,
                    None => {
                        return Err((
                            ".ganti_judul",
                            format!("{id:?} is not a chapter or section; only those have a title"),
                        ));
                    }
                }
            }
        }
        return Ok(());
    }
    let thing = if let Some(item) = &u.sisip {
        if item.id.as_ref().is_some_and(|id| find(k, id).is_some()) {
            return Err((
                ".sisip.id",
                format!(
                    "the outline already has the id {:?}",
                    item.id.as_deref().unwrap_or("")
                ),
            ));
        }
        Thing::Item(item.clone())
    } else {
        let id = u.pindah.as_deref().unwrap_or("");
        let loc = find(k, id).ok_or_else(|| (".pindah", unknown(k, id)))?;
        if let (Some(place), Loc::Item(..)) = (
            u.setelah.as_ref().or(u.sebelum.as_ref()).or(u.ke.as_ref()),
            &loc,
        ) && inside_of(k, &loc, place)
        {
            return Err((".pindah", format!("cannot move {id:?} into itself")));
        }
        take(k, &loc)
    };
    place(k, u, thing)
}

/// Whether the item with id `other` lies inside the item at `loc` (or is it).
fn inside_of(k: &Kerangka, loc: &Loc, other: &str) -> bool {
    match (loc, find(k, other)) {
        (Loc::Item(c, p), Some(Loc::Item(c2, p2))) => *c == c2 && p2.starts_with(p),
        _ => false,
    }
}

fn take(k: &mut Kerangka, loc: &Loc) -> Thing {
    match loc {
        Loc::Bab(c) => Thing::Bab(k.bab.remove(*c)),
        Loc::Item(c, path) => {
            let (last, parent) = path
                .split_last()
                .map(|(l, p)| (*l, p.to_vec()))
                .unwrap_or_default();
            let list = list_mut(k, *c, &parent).expect("a found item has a list");
            Thing::Item(list.remove(last))
        }
    }
}

fn place(k: &mut Kerangka, u: &Ubah, thing: Thing) -> Result<(), (&'static str, String)> {
    let places = [
        (".setelah", u.setelah.as_ref(), 1usize),
        (".sebelum", u.sebelum.as_ref(), 0),
        (".ke", u.ke.as_ref(), 2),
    ];
    let given: Vec<_> = places.iter().filter(|p| p.1.is_some()).collect();
    let [(field, Some(target), how)] = given[..] else {
        return Err(("", "say where: exactly one of setelah, sebelum, ke".into()));
    };
    let loc = find(k, target).ok_or_else(|| (*field, unknown(k, target)))?;
    match (thing, loc, how) {
        (Thing::Bab(bab), Loc::Bab(c), 0 | 1) => k.bab.insert(c + how, bab),
        (Thing::Bab(_), _, _) => {
            return Err((
                *field,
                "a chapter goes before or after another chapter".into(),
            ));
        }
        (Thing::Item(item), Loc::Bab(c), 2) => k.bab[c].isi.push(item),
        (Thing::Item(_), Loc::Bab(_), _) => {
            return Err((
                *field,
                format!("{target:?} is a chapter: use \"ke\" to add at its end"),
            ));
        }
        (Thing::Item(item), Loc::Item(c, path), 2) => {
            let list = list_mut(k, c, &path).ok_or_else(|| {
                (
                    *field,
                    format!("{target:?} is not a section; \"ke\" needs a chapter or section"),
                )
            })?;
            list.push(item);
        }
        (Thing::Item(item), Loc::Item(c, path), how) => {
            let (last, parent) = path
                .split_last()
                .map(|(l, p)| (*l, p.to_vec()))
                .unwrap_or_default();
            let list = list_mut(k, c, &parent).expect("a found item has a list");
            list.insert(last + how, item);
        }
    }
    Ok(())
}

/// A section's title as printed: capitals for chapters and sections, as given below.
pub fn title(judul: &str, level: u8) -> String {
    if level <= 2 {
        judul.to_uppercase()
    } else {
        judul.to_string()
    }
}

/// A section (for tests and builders): `{"bagian": {"judul": …, "isi": …}}` with an id.
pub fn section(id: &str, judul: &str, isi: Vec<Butir>) -> Butir {
    Butir {
        id: Some(id.into()),
        bagian: Some(Box::new(Bagian {
            judul: judul.into(),
            isi,
        })),
        ..Default::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_outline_parses_and_uses_only_known_components() {
        let k = parse(DEFAULT_JSON).expect("default outline");
        assert_eq!(k.bab.len(), 4);
        let mut kinds = Vec::new();
        for bab in &k.bab {
            walk(&bab.isi, &mut |i| kinds.extend(i.komponen.clone()));
        }
        for kind in &kinds {
            assert!(
                Komponen::from_name(kind).is_some(),
                "unknown component {kind}"
            );
        }
        // Every component is used by the default outline, but the statistic chart, which
        // names one of the bundle's own series.
        for c in Komponen::ALL
            .into_iter()
            .filter(|c| *c != Komponen::GrafikStatistik)
        {
            assert!(
                kinds.iter().any(|k| k == c.name()),
                "{} is not in the default outline",
                c.name()
            );
        }
    }

    fn ids(k: &Kerangka) -> Vec<String> {
        all_ids(k)
    }

    #[test]
    fn changes_remove_rename_insert_and_move() {
        let mut k = default_outline();
        apply(
            &mut k,
            &Ubah {
                hapus: Some("kerja-sama".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert!(!ids(&k).contains(&"kerja-sama".to_string()));
        apply(
            &mut k,
            &Ubah {
                ganti_judul: Some("arah-kebijakan".into()),
                judul: Some("STRATEGI DAN ARAH KEBIJAKAN".into()),
                ..Default::default()
            },
        )
        .unwrap();
        let sisip = section(
            "inovasi",
            "INOVASI",
            vec![Butir {
                narasi: Some("inovasi".into()),
                ..Default::default()
            }],
        );
        apply(
            &mut k,
            &Ubah {
                sisip: Some(sisip),
                setelah: Some("sistematika".into()),
                ..Default::default()
            },
        )
        .unwrap();
        apply(
            &mut k,
            &Ubah {
                pindah: Some("maksud-tujuan".into()),
                sebelum: Some("latar-belakang".into()),
                ..Default::default()
            },
        )
        .unwrap();
        let first: Vec<String> = k.bab[0].isi.iter().filter_map(|i| i.id.clone()).collect();
        assert_eq!(
            &first[..3],
            ["maksud-tujuan", "latar-belakang", "landasan-hukum"]
        );
        assert!(first.contains(&"inovasi".to_string()));
        let e = apply(
            &mut k,
            &Ubah {
                hapus: Some("sistematik".into()),
                ..Default::default()
            },
        )
        .unwrap_err();
        assert!(e.1.contains("did you mean \"sistematika\"?"), "{}", e.1);
        let e = apply(
            &mut k,
            &Ubah {
                pindah: Some("sumber-daya".into()),
                ke: Some("sdm".into()),
                ..Default::default()
            },
        )
        .unwrap_err();
        assert!(e.1.contains("into itself"), "{}", e.1);
        // Chapters move among chapters.
        apply(
            &mut k,
            &Ubah {
                pindah: Some("penutup".into()),
                sebelum: Some("akuntabilitas".into()),
                ..Default::default()
            },
        )
        .unwrap();
        assert_eq!(k.bab[2].id, "penutup");
    }
}
