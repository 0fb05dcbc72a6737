//! Placeholders: bundle text cites a computed figure as `{{ name }}` (spaces optional), so
//! no number is typed twice. This module names every figure, formats it once for both
//! prose and tables (with `format::show_*`), finds placeholders in text and expands them.
//!
//! Names (ids as in the bundle): `IKU1.target`, `IKU1.realisasi`, `IKU1.capaian`,
//! `IKU1.kategori`, `IKU1.target.2020`, `IKU1.realisasi.2020`, `IKU1.capaian.2020`,
//! `IKU1.selisih` (points vs the previous year), `IKU1.perubahan` (relative change, %),
//! `IKU1.kemajuan`, `IKU1.target_renstra`, `IKU1.realisasi_renstra`, `IKU1.nasional`,
//! `IKU1.selisih_nasional`;
//! goal indicators the same (`TPT.realisasi.2021` …); per sasaran `S1.alokasi`,
//! `S1.alokasi.terbilang`, `S1.realisasi_anggaran`, `S1.serapan`, `S1.porsi`,
//! `S1.efisiensi`; `anggaran.total`, `anggaran.total.terbilang`, `anggaran.realisasi`,
//! `anggaran.serapan`; every declared statistic (series or rate) per year and per period
//! id: `tpt.2021`, `angkatan_kerja.2021`, `aki.2021`; `jumlah_iku`, `iku_tercapai`,
//! `rata_rata_capaian`, `rata_rata_serapan`, `aset.total`, `pegawai.2021` (PNS + PPPK),
//! `pegawai.pns.2021`, `pegawai.pppk.2021`, `tahun`; the agency's names `instansi.nama`,
//! `instansi.daerah`, `instansi.pemerintah`, `instansi.singkatan` (the name when no
//! abbreviation is given). Table and chart numbers (`tabel.ID`) come from the outline.

use std::collections::BTreeMap;

use super::Figures;
use crate::bundle::Bundle;
use crate::format::{self, MoneyStyle, show_diff, show_measure, show_pct, show_stat, show_words};

/// `ID.target.YEAR`, `ID.realisasi.YEAR`, `ID.capaian.YEAR` for every year.
fn put_years(
    put: &mut impl FnMut(String, String),
    id: &str,
    sat: &str,
    years: &[super::YearFig],
    dp: u32,
    desimal: u32,
) {
    for y in years {
        put(
            format!("{id}.target.{}", y.tahun),
            show_measure(y.target, sat, dp, desimal),
        );
        put(
            format!("{id}.realisasi.{}", y.tahun),
            show_measure(y.realisasi, sat, dp, desimal),
        );
        put(format!("{id}.capaian.{}", y.tahun), show_pct(y.capaian, dp));
    }
}

pub(super) fn names(
    b: &Bundle,
    f: &Figures,
    dp: u32,
    money: MoneyStyle,
) -> BTreeMap<String, String> {
    let mut n = BTreeMap::new();
    let mut put = |k: String, v: String| {
        n.insert(k, v);
    };
    put("tahun".into(), b.laporan.tahun.to_string());
    let i = &b.instansi;
    put("instansi.nama".into(), i.nama.clone());
    put("instansi.daerah".into(), i.daerah.clone());
    put("instansi.pemerintah".into(), i.pemerintah.clone());
    put(
        "instansi.singkatan".into(),
        i.singkatan.clone().unwrap_or_else(|| i.nama.clone()),
    );
    let indicators = b.sasaran.iter().flat_map(|s| s.indikator.iter());
    for (k, fig) in indicators.zip(&f.indikator) {
        let id = &k.id;
        let sat = k.satuan.as_str();
        put(
            format!("{id}.target"),
            show_measure(fig.target, sat, dp, fig.desimal),
        );
        put(
            format!("{id}.realisasi"),
            show_measure(fig.realisasi, sat, dp, fig.desimal),
        );
        put(format!("{id}.capaian"), show_pct(fig.capaian, dp));
        put(
            format!("{id}.kategori"),
            fig.kategori
                .as_ref()
                .map_or("-".into(), |r| r.predikat.clone()),
        );
        put(
            format!("{id}.selisih"),
            show_diff(fig.selisih, sat, dp, fig.desimal),
        );
        put(format!("{id}.perubahan"), show_pct(fig.perubahan, dp));
        put(
            format!("{id}.selisih_nasional"),
            show_diff(fig.selisih_nasional, sat, dp, fig.desimal),
        );
        put(format!("{id}.kemajuan"), show_pct(fig.kemajuan, dp));
        put(
            format!("{id}.target_renstra"),
            show_measure(Some(k.target_renstra.0), sat, dp, fig.desimal),
        );
        put(
            format!("{id}.realisasi_renstra"),
            show_measure(fig.realisasi_renstra, sat, dp, fig.desimal),
        );
        put(
            format!("{id}.nasional"),
            show_measure(k.nasional.map(|d| d.0), sat, dp, fig.desimal),
        );
        put_years(&mut put, id, sat, &fig.tahunan, dp, fig.desimal);
    }
    let goals = b.tujuan.iter().flat_map(|t| t.indikator.iter());
    for (k, fig) in goals.zip(&f.tujuan) {
        let id = &k.id;
        let sat = k.satuan.as_str();
        let now = fig.tahunan.iter().find(|y| y.tahun == b.laporan.tahun.0);
        put(
            format!("{id}.target"),
            show_measure(now.and_then(|y| y.target), sat, dp, fig.desimal),
        );
        put(
            format!("{id}.realisasi"),
            show_measure(now.and_then(|y| y.realisasi), sat, dp, fig.desimal),
        );
        put(format!("{id}.capaian"), show_pct(fig.capaian, dp));
        put(
            format!("{id}.kategori"),
            fig.kategori
                .as_ref()
                .map_or("-".into(), |r| r.predikat.clone()),
        );
        put_years(&mut put, id, sat, &fig.tahunan, dp, fig.desimal);
    }
    for a in &f.anggaran {
        let id = &a.sasaran;
        put(format!("{id}.alokasi"), format::rupiah(a.alokasi, money));
        put(format!("{id}.alokasi.terbilang"), show_words(a.alokasi));
        put(
            format!("{id}.realisasi_anggaran"),
            format::rupiah(a.realisasi, money),
        );
        put(
            format!("{id}.realisasi_anggaran.terbilang"),
            show_words(a.realisasi),
        );
        put(format!("{id}.serapan"), show_pct(a.serapan, dp));
        put(format!("{id}.porsi"), show_pct(a.porsi, dp));
        put(
            format!("{id}.efisiensi"),
            a.efisiensi.map_or("-".into(), |e| format::number(e, dp)),
        );
    }
    put(
        "anggaran.total".into(),
        format::rupiah(f.anggaran_total, money),
    );
    put(
        "anggaran.total.terbilang".into(),
        show_words(f.anggaran_total),
    );
    put(
        "anggaran.realisasi".into(),
        format::rupiah(f.anggaran_realisasi, money),
    );
    put(
        "anggaran.realisasi.terbilang".into(),
        show_words(f.anggaran_realisasi),
    );
    put("anggaran.serapan".into(), show_pct(f.anggaran_serapan, dp));
    put(
        "rata_rata_serapan".into(),
        show_pct(f.rata_rata_serapan, dp),
    );
    let st = &f.statistik;
    for stat in &st.data {
        for (pid, v) in st.periode_id.iter().zip(&stat.nilai) {
            put(
                format!("{}.{pid}", stat.id),
                show_stat(*v, &stat.nilai, &stat.satuan, stat.laju, dp),
            );
        }
        // The year is its last period that has a value (`StatistikFig::by_year`), the
        // value an indicator's `realisasi_dari` takes.
        let by_year = st.by_year(&stat.id);
        for y in &st.tahun {
            put(
                format!("{}.{y}", stat.id),
                show_stat(
                    by_year.get(y).copied(),
                    &stat.nilai,
                    &stat.satuan,
                    stat.laju,
                    dp,
                ),
            );
        }
    }
    for p in &f.pegawai {
        put(format!("pegawai.{}", p.tahun), format::count(p.jumlah));
        put(format!("pegawai.pns.{}", p.tahun), format::count(p.pns));
        put(format!("pegawai.pppk.{}", p.tahun), format::count(p.pppk));
    }
    put("aset.total".into(), format::rupiah(f.aset_total, money));
    put(
        "jumlah_iku".into(),
        format::count_words(f.ringkasan.jumlah_iku as u64),
    );
    put(
        "iku_tercapai".into(),
        format::count_words(f.ringkasan.tercapai as u64),
    );
    put(
        "rata_rata_capaian".into(),
        show_pct(f.ringkasan.rata_rata_capaian, dp),
    );
    n
}

/// The placeholders in `s`, in order: `Ok(name)` or `Err(text)` for an unclosed `{{`.
pub fn placeholders(s: &str) -> Vec<Result<String, String>> {
    let mut out = Vec::new();
    let mut rest = s;
    while let Some(i) = rest.find("{{") {
        let after = &rest[i + 2..];
        match after.find("}}") {
            Some(j) => {
                out.push(Ok(after[..j].trim().to_string()));
                rest = &after[j + 2..];
            }
            None => {
                out.push(Err(rest[i..].chars().take(30).collect()));
                break;
            }
        }
    }
    out
}

/// Replace every `{{ name }}` in `s` with its value; unknown names stay as typed
/// (validation has already rejected them).
pub fn expand(s: &str, names: &BTreeMap<String, String>) -> String {
    substitute(s, |name| names.get(name).cloned())
}

/// The one scan of placeholders: every `{{ name }}` in `s` becomes `value(name)` (the
/// name trimmed), or stays as typed when that is `None`. Used by `expand`, the phrases'
/// fill and the Word round trip's normal form.
pub fn substitute(s: &str, mut value: impl FnMut(&str) -> Option<String>) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(i) = rest.find("{{") {
        let after = &rest[i + 2..];
        let Some(j) = after.find("}}") else { break };
        out.push_str(&rest[..i]);
        match value(after[..j].trim()) {
            Some(v) => out.push_str(&v),
            None => out.push_str(&rest[i..i + 2 + j + 2]),
        }
        rest = &after[j + 2..];
    }
    out.push_str(rest);
    out
}
