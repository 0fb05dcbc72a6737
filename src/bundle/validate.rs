//! Checks of what the bundle alone can say: ids unique and references resolvable, money
//! and counts not negative, NIPs well-formed, pangkat matching golongan, rating bands
//! without gaps or overlaps, labour-market identity, no characters a document cannot
//! hold. Every finding names its field path and says what would be right; all are
//! returned at once.
//!
//! The checks that need computed figures or the outline (report-year figures computable,
//! placeholders naming real figures, the outline itself) are a stage above, in
//! the `check` module; each finding carries an [`Order`] key so the two stages' findings read
//! as one list in a fixed order. This module never calls up into figures or the document.

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

/// The groups of checks, in the order their findings are printed (both stages).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Group {
    /// The paths still drafted by `lkjip init`.
    Draf,
    /// Ids and references.
    Ids,
    /// Report-year figures (stage above).
    ReportYear,
    /// Money and counts.
    Amounts,
    /// Officials and NIPs.
    Officials,
    /// The rating scale.
    Scale,
    /// Declared statistics.
    Statistik,
    /// Organisation units.
    Units,
    /// Staff.
    Staff,
    /// Layout choices.
    Layout,
    /// The outline and the phrases (stage above).
    Outline,
    /// Every string: length and characters here, placeholders in the stage above.
    Texts,
}

/// The sort key of a finding: its group, then its place within the group.
pub type Order = (Group, u32);

/// Most decimals a percentage can be printed with (`tata_letak.desimal`).
pub const MAX_DESIMAL: u32 = 6;

/// The findings, and whether the bundle is a draft (`draf`).
#[derive(Default)]
pub struct Findings(pub Vec<Finding>, pub bool);

impl Findings {
    /// An error at `path`.
    pub fn error(&mut self, path: impl Into<String>, message: impl Into<String>) {
        self.0.push(Finding {
            path: path.into(),
            message: message.into(),
            severity: Severity::Error,
            pos: None,
        });
    }
    /// A report-year value still to be entered: an error, a warning in a draft.
    pub fn still_missing(&mut self, path: impl Into<String>, message: impl Into<String>) {
        if self.1 {
            self.warn(path, message);
        } else {
            self.error(path, message);
        }
    }
    /// A warning at `path`.
    pub fn warn(&mut self, path: impl Into<String>, message: impl Into<String>) {
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

/// Validate a typed bundle against its source tree: every finding with its [`Order`].
pub fn validate(b: &Bundle, tree: &Node) -> Vec<(Order, Finding)> {
    let mut out = Vec::new();
    let mut f = Findings(Vec::new(), !b.draf.is_empty());
    let mut close = |f: &mut Findings, g: Group| {
        out.extend(f.0.drain(..).map(|x| ((g, 0), x)));
    };
    for path in &b.draf {
        f.warn(
            path.clone(),
            format!(
                "drafted by `lkjip init` from last year's bundle: check and update this for {}, then remove {path:?} from draf",
                b.laporan.tahun
            ),
        );
    }
    close(&mut f, Group::Draf);
    ids_and_references(b, &mut f);
    close(&mut f, Group::Ids);
    amounts(b, &mut f);
    close(&mut f, Group::Amounts);
    officials(b, &mut f);
    close(&mut f, Group::Officials);
    scale(b, &mut f);
    close(&mut f, Group::Scale);
    statistik(b, &mut f);
    close(&mut f, Group::Statistik);
    units(b, &mut f);
    close(&mut f, Group::Units);
    staff(b, &mut f);
    close(&mut f, Group::Staff);
    layout(b, &mut f);
    close(&mut f, Group::Layout);
    texts(tree, &mut out);
    out
}

/// Whether the bundle is a draft: report-year values still missing are warnings.
pub fn is_draft(b: &Bundle) -> bool {
    !b.draf.is_empty()
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
/// A decimal as the bundle wrote it, in the Indonesian form (for messages).
pub fn show(d: Decimal) -> String {
    crate::format::number(d, d.normalize().scale())
}

/// An unknown id at `path`: an error naming what it should be, with the nearest known id.
pub fn reference(f: &mut Findings, path: String, id: &str, what: &str, known: &BTreeSet<&str>) {
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

/// Names a statistic may not take: they would collide with other placeholders.
const RESERVED_IDS: &[&str] = &["anggaran", "pegawai", "aset", "tahun", "unit", "tabel"];

fn statistik(b: &Bundle, f: &mut Findings) {
    let Some(st) = &b.statistik else { return };
    let periods = unique(
        f,
        "periode",
        ids(&st.periode, "statistik.periode", |p| &p.id),
    );
    // Series and rates share one namespace (they name placeholders).
    let mut all = Vec::new();
    for (i, s) in st.seri.iter().enumerate() {
        all.push((format!("statistik.seri[{i}].id"), s.id.as_str()));
    }
    for (i, l) in st.laju.iter().enumerate() {
        all.push((format!("statistik.laju[{i}].id"), l.id.as_str()));
    }
    for (path, id) in &all {
        let taken = RESERVED_IDS.contains(id)
            || b.sasaran
                .iter()
                .any(|s| s.id == *id || s.indikator.iter().any(|k| k.id == *id))
            || b.tujuan
                .iter()
                .any(|t| t.indikator.iter().any(|k| k.id == *id));
        if taken {
            f.error(path.clone(), format!("id {id:?} is already the name of another figure (a sasaran, an indikator or one of {}); choose another id", RESERVED_IDS.join(", ")));
        }
    }
    let known = unique(f, "statistik", all.into_iter());
    let series: BTreeSet<&str> = st.seri.iter().map(|s| s.id.as_str()).collect();
    for (i, s) in st.seri.iter().enumerate() {
        for key in s.nilai.keys() {
            reference(
                f,
                format!("statistik.seri[{i}].nilai.{key}"),
                key,
                "periode",
                &periods,
            );
        }
    }
    let label = |id: &str| {
        st.periode
            .iter()
            .find(|p| p.id == id)
            .map_or(id.to_string(), |p| p.label.clone())
    };
    let series_index = |id: &str| st.seri.iter().position(|s| s.id == id);
    for (i, l) in st.laju.iter().enumerate() {
        let p = format!("statistik.laju[{i}]");
        reference(f, format!("{p}.pembilang"), &l.pembilang, "seri", &series);
        reference(f, format!("{p}.penyebut"), &l.penyebut, "seri", &series);
        if l.pengali.0 <= Decimal::ZERO {
            f.error(format!("{p}.pengali"), format!("the multiplier must be above 0 (e.g. 100 for a percentage, 100000 per 100.000), found {}", show(l.pengali.0)));
        }
        let (Some(top), Some(bottom)) = (series_index(&l.pembilang), series_index(&l.penyebut))
        else {
            continue;
        };
        for (pid, v) in &st.seri[bottom].nilai {
            if v.0.is_zero() && st.seri[top].nilai.contains_key(pid) {
                f.error(
                    format!("statistik.seri[{bottom}].nilai.{pid}"),
                    format!(
                        "{} is 0 in period {:?}, so the rate {:?} ({} / {} × {}) cannot be computed; check the value",
                        st.seri[bottom].nama,
                        label(pid),
                        l.id,
                        l.pembilang,
                        l.penyebut,
                        show(l.pengali.0)
                    ),
                );
            }
        }
    }
    for (i, idt) in st.identitas.iter().enumerate() {
        let p = format!("statistik.identitas[{i}]");
        reference(f, format!("{p}.seri"), &idt.seri, "seri", &series);
        for (j, part) in idt.jumlah.iter().enumerate() {
            reference(f, format!("{p}.jumlah[{j}]"), part, "seri", &series);
        }
        if idt.jumlah.is_empty() {
            f.error(
                format!("{p}.jumlah"),
                "an identity needs the series that add up to the total",
            );
        }
        let Some(total) = series_index(&idt.seri) else {
            continue;
        };
        let parts: Option<Vec<usize>> = idt.jumlah.iter().map(|s| series_index(s)).collect();
        let Some(parts) = parts else { continue };
        for per in &st.periode {
            let Some(t) = st.seri[total].nilai.get(&per.id) else {
                continue;
            };
            let values: Option<Vec<Decimal>> = parts
                .iter()
                .map(|&k| st.seri[k].nilai.get(&per.id).map(|d| d.0))
                .collect();
            let Some(values) = values else { continue };
            let sum: Decimal = values.iter().copied().sum();
            if sum != t.0 {
                let terms: Vec<String> = parts
                    .iter()
                    .zip(&values)
                    .map(|(&k, v)| format!("{} {}", st.seri[k].nama, show(*v)))
                    .collect();
                f.warn(
                    format!("statistik.seri[{total}].nilai.{}", per.id),
                    format!(
                        "{} {} in {:?} is not {} = {} (identity statistik.identitas[{i}]); rates use the value as given",
                        st.seri[total].nama,
                        show(t.0),
                        per.label,
                        terms.join(" + "),
                        show(sum)
                    ),
                );
            }
        }
    }
    let _ = unique(f, "tabel", ids(&st.tabel, "statistik.tabel", |t| &t.id));
    for (i, t) in st.tabel.iter().enumerate() {
        let p = format!("statistik.tabel[{i}]");
        for (j, pid) in t.periode.iter().enumerate() {
            reference(f, format!("{p}.periode[{j}]"), pid, "periode", &periods);
        }
        if t.baris.is_empty() {
            f.error(
                format!("{p}.baris"),
                "a table needs at least one row (a seri or laju id)",
            );
        }
        for (j, row) in t.baris.iter().enumerate() {
            let rp = format!("{p}.baris[{j}]");
            reference(
                f,
                format!("{rp}.id"),
                &row.id,
                "statistik (seri or laju)",
                &known,
            );
            for (k, sub) in row.rincian.iter().enumerate() {
                reference(
                    f,
                    format!("{rp}.rincian[{k}].id"),
                    &sub.id,
                    "statistik (seri or laju)",
                    &known,
                );
                if !sub.rincian.is_empty() {
                    f.error(
                        format!("{rp}.rincian[{k}].rincian"),
                        "rows go two levels deep at most (a row and its rincian)",
                    );
                }
            }
        }
    }
}

/// The unit tree: every parent exists (checked with the ids) and no unit is its own
/// ancestor; a cycle is reported once, at its first unit in the bundle, naming every unit
/// in it in parent order.
fn units(b: &Bundle, f: &mut Findings) {
    let list = &b.organisasi.unit;
    let index = |id: &str| list.iter().position(|u| u.id == id);
    let mut reported: BTreeSet<Vec<usize>> = BTreeSet::new();
    for i in 0..list.len() {
        let mut chain = vec![i];
        let mut cur = i;
        while let Some(next) = list[cur].induk.as_deref().and_then(index) {
            if next == cur {
                break; // "its own parent" is reported with the references
            }
            if let Some(start) = chain.iter().position(|&c| c == next) {
                let mut members = chain[start..].to_vec();
                let smallest = (0..members.len()).min_by_key(|&k| members[k]).unwrap_or(0);
                members.rotate_left(smallest);
                let mut key = members.clone();
                key.sort_unstable();
                if reported.insert(key) {
                    let names: Vec<&str> = members
                        .iter()
                        .chain(members.first())
                        .map(|&c| list[c].id.as_str())
                        .collect();
                    f.error(
                        format!("organisasi.unit[{}].induk", members[0]),
                        format!("units form a cycle: {}; one of them must have another induk (the head has none)", names.join(" → ")),
                    );
                }
                break;
            }
            chain.push(next);
            cur = next;
        }
    }
    for (k, v) in &b.organisasi.nama_jenis {
        if v.trim().is_empty() {
            f.error(
                format!("organisasi.nama_jenis.{}", k.key()),
                "the printed name of a unit kind cannot be empty",
            );
        }
    }
}

/// Staff: one entry per year, and every breakdown adds up to PNS + PPPK of its year.
fn staff(b: &Bundle, f: &mut Findings) {
    let years = &b.pegawai.per_tahun;
    let mut seen = BTreeMap::new();
    for (i, y) in years.iter().enumerate() {
        if let Some(first) = seen.insert(y.tahun, i) {
            f.error(
                format!("pegawai.per_tahun[{i}].tahun"),
                format!(
                    "year {} is already given at pegawai.per_tahun[{first}]; one entry per year",
                    y.tahun
                ),
            );
        }
    }
    for (i, r) in b.pegawai.rincian.iter().enumerate() {
        let p = format!("pegawai.rincian[{i}]");
        if r.baris.is_empty() {
            f.error(
                format!("{p}.baris"),
                "a breakdown needs at least one category",
            );
        }
        let mut totals: BTreeMap<Year, u64> = BTreeMap::new();
        for (j, row) in r.baris.iter().enumerate() {
            for (y, n) in &row.jumlah {
                if !seen.contains_key(y) {
                    f.error(
                        format!("{p}.baris[{j}].jumlah.{y}"),
                        format!("year {y} is not in pegawai.per_tahun; give the year's PNS (and PPPK) counts there first"),
                    );
                }
                *totals.entry(*y).or_default() += u64::from(*n);
            }
        }
        for (y, total) in totals {
            let Some(&k) = seen.get(&y) else { continue };
            let py = &years[k];
            let pns = [py.pns.i, py.pns.ii, py.pns.iii, py.pns.iv]
                .iter()
                .map(|&n| u64::from(n))
                .sum::<u64>();
            let pppk = u64::from(py.pppk.unwrap_or(0));
            if total != pns + pppk {
                f.warn(
                    p.clone(),
                    format!(
                        "the categories of {:?} add up to {total} in {y}, but pegawai.per_tahun[{k}] has {} (PNS {pns} + PPPK {pppk})",
                        r.judul,
                        pns + pppk
                    ),
                );
            }
        }
    }
}

/// Layout choices the program cannot honour are refused, not silently changed.
fn layout(b: &Bundle, f: &mut Findings) {
    if let Some(dp) = b.tata_letak.as_ref().and_then(|t| t.desimal)
        && dp > MAX_DESIMAL
    {
        f.error(
            "tata_letak.desimal",
            format!("percentages can be printed with at most {MAX_DESIMAL} decimals, found {dp}"),
        );
    }
}

/// Scan every string of the source: length, and characters a document cannot hold. The
/// n-th string's findings have the order `(Texts, 2n)` (its placeholders, checked a stage
/// above, `2n + 1`).
fn texts(tree: &Node, out: &mut Vec<(Order, Finding)>) {
    let mut n = 0u32;
    walk_strings(tree, "", &mut |path, pos, s| {
        let order = (Group::Texts, 2 * n);
        n += 1;
        let len = s.chars().count();
        if len > MAX_TEXT {
            out.push((order, Finding {
                path: path.to_string(),
                message: format!("text of {len} characters is longer than {MAX_TEXT}; split it into several paragraphs"),
                severity: Severity::Error,
                pos: Some(pos),
            }));
        }
        if let Some(c) = s.chars().find(|&c| is_forbidden(c)) {
            out.push((order, Finding {
                path: path.to_string(),
                message: format!("character U+{:04X} cannot appear in a document (control or non-character); remove it", c as u32),
                severity: Severity::Error,
                pos: Some(pos),
            }));
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
