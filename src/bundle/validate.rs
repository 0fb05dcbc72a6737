//! Checks that need the whole bundle: ids unique and references resolvable, figures
//! computable for the report year, money and counts not negative, NIPs well-formed, pangkat
//! matching golongan, rating bands without gaps or overlaps, labour-market identity,
//! placeholders naming real figures, no characters a document cannot hold. Every finding
//! names its field path and says what would be right; all are returned at once.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use super::diag::{Severity, child, did_you_mean};
use super::json::{Node, Pos, Value};
use super::scalar::{Dec, Year, days_in_month};
use super::types::*;

/// One finding of validation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Finding {
    /// Field path.
    pub path: String,
    /// Message.
    pub message: String,
    /// Error or warning.
    pub severity: Severity,
    /// Exact position when known (otherwise located from the path).
    pub pos: Option<Pos>,
}

#[derive(Default)]
struct Findings(Vec<Finding>);

impl Findings {
    fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Finding {
            path: path.into(),
            message: message.into(),
            severity: Severity::Error,
            pos: None,
        });
    }
    fn warn(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Finding {
            path: path.into(),
            message: message.into(),
            severity: Severity::Warning,
            pos: None,
        });
    }
}

/// Pangkat names by golongan (PP 99/2000).
pub const PANGKAT: &[(&str, &str)] = &[
    ("I/a", "Juru Muda"),
    ("I/b", "Juru Muda Tingkat I"),
    ("I/c", "Juru"),
    ("I/d", "Juru Tingkat I"),
    ("II/a", "Pengatur Muda"),
    ("II/b", "Pengatur Muda Tingkat I"),
    ("II/c", "Pengatur"),
    ("II/d", "Pengatur Tingkat I"),
    ("III/a", "Penata Muda"),
    ("III/b", "Penata Muda Tingkat I"),
    ("III/c", "Penata"),
    ("III/d", "Penata Tingkat I"),
    ("IV/a", "Pembina"),
    ("IV/b", "Pembina Tingkat I"),
    ("IV/c", "Pembina Utama Muda"),
    ("IV/d", "Pembina Utama Madya"),
    ("IV/e", "Pembina Utama"),
];

/// Normalise a pangkat for comparison ("Tk. I" = "Tingkat I", case, spaces).
fn norm_pangkat(s: &str) -> String {
    s.to_lowercase()
        .replace("tk.", "tingkat")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

/// Validate a typed bundle against its source tree.
pub fn validate(b: &Bundle, tree: &Node) -> Vec<Finding> {
    let mut f = Findings::default();
    ids_and_references(b, &mut f);
    report_year_figures(b, &mut f);
    amounts(b, &mut f);
    officials(b, &mut f);
    scale(b, &mut f);
    labour(b, &mut f);
    texts(b, tree, &mut f);
    f.0
}

fn unique<'a>(
    f: &mut Findings,
    what: &str,
    items: impl Iterator<Item = (String, &'a str)>,
) -> BTreeSet<&'a str> {
    let mut seen: BTreeMap<&str, String> = BTreeMap::new();
    for (path, id) in items {
        if id.trim().is_empty() {
            f.error(path, format!("{what} id is empty"));
        } else if let Some(first) = seen.get(id) {
            f.error(
                path,
                format!("duplicate {what} id {id:?} (already used at {first}); ids must be unique"),
            );
        } else {
            seen.insert(id, path);
        }
    }
    seen.into_keys().collect()
}

/// A decimal as staff write it: `-1.000,5`.
fn show(d: Decimal) -> String {
    crate::format::number(d, d.normalize().scale())
}

fn reference(f: &mut Findings, path: String, id: &str, what: &str, known: &BTreeSet<&str>) {
    if !known.contains(id) {
        let hint = did_you_mean(id, known.iter().copied())
            .map(|s| format!("did you mean {s:?}?"))
            .unwrap_or_else(|| {
                if known.is_empty() {
                    format!("no {what} is defined")
                } else {
                    format!(
                        "known: {}",
                        known
                            .iter()
                            .map(|s| format!("{s:?}"))
                            .collect::<Vec<_>>()
                            .join(", ")
                    )
                }
            });
        f.error(path, format!("unknown {what} {id:?} ({hint})"));
    }
}

/// The id of every item of a list with its field path (`sasaran[2].id`).
fn ids<'a, T>(
    items: &'a [T],
    list: &'a str,
    id: impl Fn(&'a T) -> &'a String + 'a,
) -> impl Iterator<Item = (String, &'a str)> + 'a {
    items
        .iter()
        .enumerate()
        .map(move |(i, x)| (format!("{list}[{i}].id"), id(x).as_str()))
}

fn ids_and_references(b: &Bundle, f: &mut Findings) {
    let pejabat = unique(f, "pejabat", ids(&b.pejabat, "pejabat", |p| &p.id));
    let units = unique(
        f,
        "unit",
        ids(&b.organisasi.unit, "organisasi.unit", |u| &u.id),
    );
    let tujuan = unique(f, "tujuan", ids(&b.tujuan, "tujuan", |t| &t.id));
    let sasaran = unique(f, "sasaran", ids(&b.sasaran, "sasaran", |s| &s.id));
    let programs = unique(f, "program", ids(&b.program, "program", |p| &p.id));
    // Indicator ids share one namespace (they name placeholders).
    let mut ind = Vec::new();
    for (i, t) in b.tujuan.iter().enumerate() {
        for (j, k) in t.indikator.iter().enumerate() {
            ind.push((format!("tujuan[{i}].indikator[{j}].id"), k.id.as_str()));
        }
    }
    for (i, s) in b.sasaran.iter().enumerate() {
        for (j, k) in s.indikator.iter().enumerate() {
            ind.push((format!("sasaran[{i}].indikator[{j}].id"), k.id.as_str()));
        }
    }
    let ind_ids = unique(f, "indikator", ind.into_iter());
    for clash in ind_ids.intersection(&sasaran) {
        f.error(
            "sasaran",
            format!(
                "id {clash:?} is used by a sasaran and an indikator; placeholders need distinct ids"
            ),
        );
    }

    reference(
        f,
        "penandatangan.kepala".into(),
        &b.penandatangan.kepala,
        "pejabat",
        &pejabat,
    );
    reference(
        f,
        "penandatangan.atasan".into(),
        &b.penandatangan.atasan,
        "pejabat",
        &pejabat,
    );
    for (i, u) in b.organisasi.unit.iter().enumerate() {
        if let Some(p) = &u.induk {
            reference(f, format!("organisasi.unit[{i}].induk"), p, "unit", &units);
            if p == &u.id {
                f.error(
                    format!("organisasi.unit[{i}].induk"),
                    "a unit cannot be its own parent",
                );
            }
        }
    }
    for (i, s) in b.sasaran.iter().enumerate() {
        if let Some(t) = &s.tujuan {
            reference(f, format!("sasaran[{i}].tujuan"), t, "tujuan", &tujuan);
        }
        if s.indikator.is_empty() {
            f.error(
                format!("sasaran[{i}].indikator"),
                "a sasaran needs at least one indikator",
            );
        }
        for (j, k) in s.indikator.iter().enumerate() {
            if let Some(u) = &k.unit {
                reference(
                    f,
                    format!("sasaran[{i}].indikator[{j}].unit"),
                    u,
                    "unit",
                    &units,
                );
            }
        }
    }
    for (i, p) in b.program.iter().enumerate() {
        for (j, s) in p.sasaran.iter().enumerate() {
            reference(
                f,
                format!("program[{i}].sasaran[{j}]"),
                s,
                "sasaran",
                &sasaran,
            );
        }
    }
    for (i, a) in b.anggaran.iter().enumerate() {
        reference(
            f,
            format!("anggaran[{i}].sasaran"),
            &a.sasaran,
            "sasaran",
            &sasaran,
        );
        if let Some(p) = &a.program {
            reference(f, format!("anggaran[{i}].program"), p, "program", &programs);
        }
    }
    if b.sasaran.is_empty() {
        f.error("sasaran", "the report needs at least one sasaran strategis");
    }
}

fn year_value(map: &BTreeMap<Year, Dec>, y: Year) -> Option<Decimal> {
    map.get(&y).map(|d| d.0)
}

fn report_year_figures(b: &Bundle, f: &mut Findings) {
    let y = b.laporan.tahun;
    let default_rule = b
        .tata_letak
        .as_ref()
        .and_then(|t| t.rumus_negatif)
        .unwrap_or_default();
    for (i, s) in b.sasaran.iter().enumerate() {
        for (j, k) in s.indikator.iter().enumerate() {
            let p = format!("sasaran[{i}].indikator[{j}]");
            let t = year_value(&k.target, y);
            let r = year_value(&k.realisasi, y);
            match t {
                None => f.error(format!("{p}.target"), format!("no target for the report year {y}; add \"{y}\": <target>")),
                Some(t) if t.is_zero() => f.error(format!("{p}.target.{y}"), "target is 0, so capaian (realisasi / target) cannot be computed; enter the agreed non-zero target"),
                _ => {}
            }
            if r.is_none() {
                f.error(
                    format!("{p}.realisasi"),
                    format!("no realisasi for the report year {y}; add \"{y}\": <realisasi>"),
                );
            }
            for (yy, t) in &k.target {
                if t.0.is_zero() && *yy != y && k.realisasi.contains_key(yy) {
                    f.error(format!("{p}.target.{yy}"), "target is 0, so capaian for this year cannot be computed; enter the non-zero target or remove the year");
                }
            }
            if k.target_renstra.0.is_zero() {
                f.error(
                    format!("{p}.target_renstra"),
                    "Renstra end target is 0, so tingkat kemajuan cannot be computed",
                );
            }
            let rule = k.rumus_negatif.unwrap_or(default_rule);
            if k.polaritas == Polaritas::Negatif && rule == RumusNegatif::TBagiR {
                for (yy, r) in &k.realisasi {
                    if r.0.is_zero() {
                        f.error(format!("{p}.realisasi.{yy}"), "realisasi is 0 and this negative indicator uses the formula T/R, which is then undefined; use \"rumus_negatif\": \"2T-R\" or check the value");
                    }
                }
            }
        }
    }
    for (i, t) in b.tujuan.iter().enumerate() {
        for (j, k) in t.indikator.iter().enumerate() {
            let p = format!("tujuan[{i}].indikator[{j}]");
            match year_value(&k.target, y) {
                None => f.error(
                    format!("{p}.target"),
                    format!("no target for the report year {y}; add \"{y}\": <target>"),
                ),
                Some(t) if t.is_zero() => f.error(
                    format!("{p}.target.{y}"),
                    "target is 0, so capaian cannot be computed; enter the non-zero target",
                ),
                _ => {}
            }
            match k.realisasi_dari {
                Some(_) => {
                    if !k.realisasi.is_empty() {
                        f.error(format!("{p}.realisasi"), "realisasi is taken from ketenagakerjaan (realisasi_dari); remove these values so the figure is not typed twice");
                    }
                    if !b.ketenagakerjaan.periode.iter().any(|q| q.tahun == y) {
                        f.error(format!("{p}.realisasi_dari"), format!("no ketenagakerjaan.periode for the report year {y} to compute the realisasi from"));
                    }
                }
                None => {
                    if year_value(&k.realisasi, y).is_none() {
                        f.error(format!("{p}.realisasi"), format!("no realisasi for the report year {y}; add \"{y}\": <realisasi> or use \"realisasi_dari\""));
                    }
                }
            }
        }
    }
    let period = &b.laporan.periode_renstra;
    if period.len() != 2 || period[0] > period[1] {
        f.error(
            "laporan.periode_renstra",
            "expected [first year, last year] of the Renstra period, e.g. [2016, 2021]",
        );
    }
}

fn amounts(b: &Bundle, f: &mut Findings) {
    let neg = |f: &mut Findings, path: String, d: &Dec, what: &str| {
        if d.0.is_sign_negative() && !d.0.is_zero() {
            f.error(
                path,
                format!("{what} cannot be negative (found {})", show(d.0)),
            );
        }
    };
    for (i, a) in b.anggaran.iter().enumerate() {
        neg(
            f,
            format!("anggaran[{i}].alokasi"),
            &a.alokasi,
            "an allocation",
        );
        neg(
            f,
            format!("anggaran[{i}].realisasi"),
            &a.realisasi,
            "a budget realisation",
        );
        if a.alokasi.0.is_zero() {
            f.error(
                format!("anggaran[{i}].alokasi"),
                "allocation is 0, so serapan (realisasi / alokasi) cannot be computed",
            );
        }
        if a.realisasi.0 > a.alokasi.0 && a.alokasi.0 > Decimal::ZERO {
            f.warn(
                format!("anggaran[{i}].realisasi"),
                format!(
                    "realisation {} is above the allocation {}",
                    show(a.realisasi.0),
                    show(a.alokasi.0)
                ),
            );
        }
    }
    if !b.anggaran.is_empty() && b.anggaran.iter().all(|a| a.alokasi.0.is_zero()) {
        f.error(
            "anggaran",
            "the total allocation is 0, so budget shares cannot be computed",
        );
    }
    for (i, a) in b.aset.iter().enumerate() {
        neg(f, format!("aset[{i}].nilai"), &a.nilai, "an asset value");
        neg(f, format!("aset[{i}].jumlah"), &a.jumlah, "a quantity");
    }
    for (i, q) in b.ketenagakerjaan.periode.iter().enumerate() {
        let p = format!("ketenagakerjaan.periode[{i}]");
        neg(
            f,
            format!("{p}.angkatan_kerja"),
            &q.angkatan_kerja,
            "a count of people",
        );
        neg(f, format!("{p}.bekerja"), &q.bekerja, "a count of people");
        neg(
            f,
            format!("{p}.penganggur"),
            &q.penganggur,
            "a count of people",
        );
        if let Some(puk) = &q.penduduk_usia_kerja {
            neg(
                f,
                format!("{p}.penduduk_usia_kerja"),
                puk,
                "a count of people",
            );
        }
    }
}

/// Check an 18-digit NIP: birth date, appointment month after age 18, sex digit.
pub fn check_nip(nip: &str) -> Result<(), String> {
    if nip.len() != 18 || !nip.bytes().all(|c| c.is_ascii_digit()) {
        let digits = nip.chars().filter(|c| c.is_ascii_digit()).count();
        return Err(format!(
            "a NIP has exactly 18 digits and nothing else (found {} characters, {digits} digits); write it without spaces, e.g. \"196906211998021001\"",
            nip.chars().count()
        ));
    }
    let n = |a: usize, b: usize| nip[a..b].parse::<u32>().unwrap_or(0);
    let (by, bm, bd) = (n(0, 4), n(4, 6), n(6, 8));
    if !(1900..=2100).contains(&by)
        || !(1..=12).contains(&bm)
        || bd == 0
        || bd > days_in_month(by as i32, bm)
    {
        return Err(format!(
            "digits 1–8 of the NIP must be a real birth date YYYYMMDD, found {}",
            &nip[0..8]
        ));
    }
    let (ay, am) = (n(8, 12), n(12, 14));
    if !(1..=12).contains(&am) {
        return Err(format!(
            "digits 9–14 of the NIP must be the appointment month YYYYMM, found {}",
            &nip[8..14]
        ));
    }
    if ay * 12 + am < (by + 18) * 12 + bm {
        return Err(format!(
            "the NIP says appointed in {}-{:02} but born in {by}-{bm:02}: appointment must be at age 18 or later",
            ay, am
        ));
    }
    if !matches!(&nip[14..15], "1" | "2") {
        return Err(format!(
            "digit 15 of the NIP is the sex code, 1 or 2, found {}",
            &nip[14..15]
        ));
    }
    Ok(())
}

fn officials(b: &Bundle, f: &mut Findings) {
    for (i, p) in b.pejabat.iter().enumerate() {
        if let Some(nip) = &p.nip
            && let Err(m) = check_nip(nip)
        {
            f.error(format!("pejabat[{i}].nip"), m);
        }
        if let Some(g) = &p.golongan {
            match PANGKAT.iter().find(|(gol, _)| gol.eq_ignore_ascii_case(g)) {
                None => f.error(
                    format!("pejabat[{i}].golongan"),
                    format!("unknown golongan {g:?}; expected one of I/a … IV/e, e.g. \"IV/c\""),
                ),
                Some((gol, name)) => {
                    if let Some(pk) = &p.pangkat
                        && norm_pangkat(pk) != norm_pangkat(name)
                    {
                        let right = PANGKAT
                            .iter()
                            .find(|(_, n)| norm_pangkat(n) == norm_pangkat(pk));
                        let hint = match right {
                            Some((g2, _)) => format!("; {pk:?} is golongan {g2}"),
                            None => String::new(),
                        };
                        f.error(format!("pejabat[{i}].pangkat"), format!("pangkat {pk:?} does not match golongan {gol}, whose pangkat is {name:?}{hint}"));
                    }
                }
            }
        }
    }
}

fn scale(b: &Bundle, f: &mut Findings) {
    let Some(bands) = &b.skala else { return };
    if bands.is_empty() {
        f.error(
            "skala",
            "a rating scale needs at least one band (or leave skala out for the default)",
        );
        return;
    }
    let mut order: Vec<usize> = (0..bands.len()).collect();
    order.sort_by_key(|&i| {
        bands[i]
            .dari
            .as_ref()
            .map(|d| (1, d.nilai.0))
            .unwrap_or((0, Decimal::MIN))
    });
    for (n, &i) in order.iter().enumerate() {
        let band = &bands[i];
        if let (Some(lo), Some(hi)) = (&band.dari, &band.sampai)
            && (lo.nilai.0 > hi.nilai.0
                || (lo.nilai.0 == hi.nilai.0 && !(lo.inklusif && hi.inklusif)))
        {
            f.error(
                format!("skala[{i}]"),
                format!(
                    "band {:?} is empty: dari {} is not below sampai {}",
                    band.predikat, lo.nilai.0, hi.nilai.0
                ),
            );
        }
        if n == 0 && band.dari.is_some() {
            f.error(
                format!("skala[{i}].dari"),
                format!(
                    "values below {} have no band; give the lowest band no \"dari\"",
                    band.dari.as_ref().map(|d| d.nilai.0).unwrap_or_default()
                ),
            );
        }
        if n + 1 == order.len() && band.sampai.is_some() {
            f.error(
                format!("skala[{i}].sampai"),
                format!(
                    "values above {} have no band; give the highest band no \"sampai\"",
                    band.sampai.as_ref().map(|d| d.nilai.0).unwrap_or_default()
                ),
            );
        }
        if let Some(&j) = order.get(n + 1) {
            let next = &bands[j];
            match (&band.sampai, &next.dari) {
                (Some(hi), Some(lo)) => {
                    let (a, bb) = (hi.nilai.0, lo.nilai.0);
                    if a < bb || (a == bb && !hi.inklusif && !lo.inklusif) {
                        f.error(format!("skala[{j}].dari"), format!("gap between band {:?} (up to {a}) and band {:?} (from {bb}): values in between get no rating; make the bounds meet with exactly one inklusif", band.predikat, next.predikat));
                    } else if a > bb || (hi.inklusif && lo.inklusif) {
                        f.error(format!("skala[{j}].dari"), format!("band {:?} overlaps band {:?} at {bb}: a value would get two ratings; make exactly one of the meeting bounds inklusif", next.predikat, band.predikat));
                    }
                }
                _ => f.error(
                    format!("skala[{j}]"),
                    format!(
                        "band {:?} overlaps band {:?} (an unbounded side)",
                        next.predikat, band.predikat
                    ),
                ),
            }
        }
    }
}

fn labour(b: &Bundle, f: &mut Findings) {
    for (i, q) in b.ketenagakerjaan.periode.iter().enumerate() {
        let p = format!("ketenagakerjaan.periode[{i}]");
        let sum = q.bekerja.0 + q.penganggur.0;
        if sum != q.angkatan_kerja.0 {
            f.warn(format!("{p}.angkatan_kerja"), format!(
                "angkatan kerja {} is not bekerja {} + penganggur {} = {}; TPT is computed from the angkatan kerja as given",
                crate::format::integer(q.angkatan_kerja.0), crate::format::integer(q.bekerja.0), crate::format::integer(q.penganggur.0), crate::format::integer(sum)
            ));
        }
        if q.angkatan_kerja.0.is_zero() {
            f.error(
                format!("{p}.angkatan_kerja"),
                "angkatan kerja is 0, so TPT cannot be computed",
            );
        }
        if let Some(puk) = &q.penduduk_usia_kerja {
            if puk.0.is_zero() {
                f.error(
                    format!("{p}.penduduk_usia_kerja"),
                    "penduduk usia kerja is 0, so TPAK cannot be computed",
                );
            } else if puk.0 < q.angkatan_kerja.0 {
                f.warn(
                    format!("{p}.penduduk_usia_kerja"),
                    "penduduk usia kerja is smaller than the angkatan kerja (TPAK above 100%)",
                );
            }
        }
    }
}

/// Scan every string of the source: characters a document cannot hold, and placeholders.
fn texts(b: &Bundle, tree: &Node, f: &mut Findings) {
    let names = crate::figures::placeholder_names(b);
    walk_strings(tree, "", &mut |path, pos, s| {
        let len = s.chars().count();
        if len > MAX_TEXT {
            f.0.push(Finding {
                path: path.to_string(),
                message: format!("text of {len} characters is longer than {MAX_TEXT}; split it into several paragraphs"),
                severity: Severity::Error,
                pos: Some(pos),
            });
        }
        if let Some(c) = s.chars().find(|&c| is_forbidden(c)) {
            f.0.push(Finding {
                path: path.to_string(),
                message: format!("character U+{:04X} cannot appear in a document (control or non-character); remove it", c as u32),
                severity: Severity::Error,
                pos: Some(pos),
            });
        }
        for item in crate::figures::placeholders(s) {
            let message = match item {
                Err(bad) => {
                    format!("unclosed placeholder starting at {bad:?}; write {{{{ name }}}}")
                }
                Ok(name) if names.contains(&name) => continue,
                Ok(name) => {
                    let hint = did_you_mean(&name, names.iter().map(String::as_str))
                        .map(|s| format!("did you mean {s:?}?"))
                        .unwrap_or_else(|| {
                            "run `lkjip figures BUNDLE` for the list of names".into()
                        });
                    format!("unknown figure {name:?} in placeholder ({hint})")
                }
            };
            f.0.push(Finding {
                path: path.to_string(),
                message,
                severity: Severity::Error,
                pos: Some(pos),
            });
        }
    });
}

/// Longest text accepted in one string (a paragraph of about 30 pages).
pub const MAX_TEXT: usize = 100_000;

/// Control characters other than tab and line break, and Unicode non-characters, which
/// XML 1.0 (DOCX) cannot hold.
pub fn is_forbidden(c: char) -> bool {
    let u = c as u32;
    (c.is_control() && c != '\n' && c != '\t')
        || (0xFDD0..=0xFDEF).contains(&u)
        || (u & 0xFFFE) == 0xFFFE
}

/// Visit every string value of the source with its field path and position.
pub fn walk_strings(node: &Node, path: &str, visit: &mut dyn FnMut(&str, Pos, &str)) {
    match &node.value {
        Value::String(s) => visit(path, node.pos, s),
        Value::Array(items) => {
            for (i, n) in items.iter().enumerate() {
                walk_strings(n, &child(path, &format!("[{i}]")), visit);
            }
        }
        Value::Object(fields) => {
            for (k, _, n) in fields {
                walk_strings(n, &child(path, k), visit);
            }
        }
        _ => {}
    }
}
