//! The body of the report: the outline in force walked in order. Chapters are numbered
//! BAB I, BAB II …, sections 1.1, 1.2 …, sub-sections 1., 2. …; a section with nothing to
//! show is left out and not numbered. Tables and charts are numbered per chapter with no
//! gap ("Tabel 3.1", "Grafik 1.1"), and every item id that shows one becomes a
//! cross-reference (`tabel.ID`, `grafik.ID`). The wide "Pencapaian Kinerja dan Anggaran"
//! table gets a landscape section of its own (so does an organisation chart too wide for a
//! portrait page), and the headings just before it go with it; page numbering continues
//! across.

use std::collections::BTreeMap;

use crate::bundle::kerangka::{Butir, Kerangka};
use crate::bundle::{Indikator, JenisUnit, Sasaran, Unit};
use crate::figures::IndikatorFig;
use crate::figures::placeholder::{show_diff, show_measure, show_pct};
use crate::format;

use super::build::{Ctx, PENDING_FIGURE, PENDING_TABLE, bold, heading, line, para, section, t};
use super::ir::*;
use super::outline;
use super::tables;

/// The body sections and the cross-references they define.
pub(super) struct Body {
    /// Sections: portrait body, landscape table(s), rest.
    pub sections: Vec<Section>,
    /// `tabel.ID` / `grafik.ID` → "Tabel 3.2" / "Grafik 1.1".
    pub refs: BTreeMap<String, String>,
}

/// What an item gives: blocks (with the ids its first table or chart answers to), or a
/// landscape section.
enum Out {
    Blocks {
        ids: Vec<String>,
        blocks: Vec<Block>,
    },
    Landscape {
        ids: Vec<String>,
        blocks: Vec<Block>,
    },
}

impl Out {
    fn blocks(ids: Vec<String>, blocks: Vec<Block>) -> Out {
        Out::Blocks { ids, blocks }
    }
    fn is_empty(&self) -> bool {
        match self {
            Out::Blocks { blocks, .. } | Out::Landscape { blocks, .. } => blocks.is_empty(),
        }
    }
}

/// Walk the outline.
pub(super) fn body(cx: &Ctx, k: &Kerangka) -> Body {
    let mut all = Vec::new();
    let mut refs = BTreeMap::new();
    for (ci, bab) in k.bab.iter().enumerate() {
        let ch = ci as u32 + 1;
        let title = outline::title(&cx.expand(&bab.judul), 1);
        let mut outs = vec![Out::blocks(
            vec![],
            vec![heading(
                1,
                Some(format!("BAB {}", format::roman(ch))),
                &title,
                &format!("bab-{ch}"),
            )],
        )];
        let mut n = 0;
        for item in &bab.isi {
            outs.extend(item_outs(cx, item, ch, &format!("s-{ch}"), 2, &mut n));
        }
        number(ch, &mut outs, &mut refs);
        all.extend(outs);
    }
    let mut sections = Vec::new();
    let mut current = Vec::new();
    let mut wide = 0;
    for out in all {
        match out {
            Out::Blocks { blocks, .. } => current.extend(blocks),
            Out::Landscape { mut blocks, .. } => {
                // headings that would end the portrait page go with what they head
                let mut heads = Vec::new();
                while matches!(current.last(), Some(Block::Heading(_))) {
                    heads.extend(current.pop());
                }
                heads.reverse();
                heads.append(&mut blocks);
                let blocks = heads;
                let name = if wide == 0 {
                    "body".to_string()
                } else {
                    format!("body-end-{wide}")
                };
                sections.push(section(
                    &name,
                    PageNumbering::Arabic,
                    wide == 0,
                    std::mem::take(&mut current),
                ));
                wide += 1;
                let mut s = section(
                    &if wide == 1 {
                        "landscape".to_string()
                    } else {
                        format!("landscape-{wide}")
                    },
                    PageNumbering::Arabic,
                    false,
                    blocks,
                );
                s.orientation = Orientation::Landscape;
                sections.push(s);
            }
        }
    }
    let name = if wide == 0 { "body" } else { "body-end" };
    sections.push(section(name, PageNumbering::Arabic, wide == 0, current));
    Body { sections, refs }
}

/// Number the pending tables and charts of one chapter, recording cross-references.
fn number(ch: u32, outs: &mut [Out], refs: &mut BTreeMap<String, String>) {
    let (mut tables, mut figures) = (0, 0);
    for out in outs.iter_mut() {
        let (Out::Blocks { ids, blocks } | Out::Landscape { ids, blocks }) = out;
        let mut first_table = true;
        let mut first_figure = true;
        for b in blocks.iter_mut() {
            match b {
                Block::Table(tb)
                    if tb.caption.first().map(String::as_str) == Some(PENDING_TABLE) =>
                {
                    tables += 1;
                    let label = format!("Tabel {ch}.{tables}");
                    tb.caption[0] = label.clone();
                    if first_table {
                        for id in ids.iter() {
                            refs.insert(format!("tabel.{id}"), label.clone());
                        }
                        first_table = false;
                    }
                }
                Block::Paragraph(p) => {
                    if let Some(Inline::Text { text, .. }) = p.spans.first_mut()
                        && text == PENDING_FIGURE
                    {
                        figures += 1;
                        let label = format!("Grafik {ch}.{figures}");
                        *text = label.clone();
                        if first_figure {
                            for id in ids.iter() {
                                refs.insert(format!("grafik.{id}"), label.clone());
                            }
                            first_figure = false;
                        }
                    }
                }
                _ => {}
            }
        }
    }
}

/// The outs of one item; a section with no content gives nothing and takes no number.
fn item_outs(cx: &Ctx, item: &Butir, ch: u32, anchor: &str, level: u8, n: &mut u32) -> Vec<Out> {
    let ids: Vec<String> = item.id.iter().cloned().collect();
    if let Some(g) = &item.bagian {
        let no = *n + 1;
        let here = format!("{anchor}-{no}");
        let mut inner = Vec::new();
        let mut m = 0;
        for sub in &g.isi {
            inner.extend(item_outs(cx, sub, ch, &here, level + 1, &mut m));
        }
        if inner.iter().all(Out::is_empty) {
            return vec![];
        }
        *n = no;
        let title = outline::title(&cx.expand(&g.judul), level);
        let head = if level <= 2 {
            heading(2, Some(format!("{ch}.{no}")), &title, &here)
        } else {
            Block::Heading(Heading {
                level: 3,
                number: Some(format!("{no}.")),
                text: title,
                anchor: here,
                in_toc: false,
            })
        };
        let mut out = vec![Out::blocks(vec![], vec![head])];
        out.extend(inner);
        return out;
    }
    if let Some(slot) = &item.narasi {
        let blocks =
            cx.b.narasi
                .get(slot)
                .map(|b| cx.source_blocks(&format!("narasi.{slot}"), b))
                .unwrap_or_default();
        return vec![Out::blocks(ids, blocks)];
    }
    if let Some(s) = &item.kalimat {
        let key = format!("kalimat.{}", item.id.as_deref().unwrap_or(""));
        return vec![Out::blocks(
            ids,
            vec![cx.sentence(key.trim_end_matches('.'), s)],
        )];
    }
    if item.halaman_baru == Some(true) {
        return vec![Out::blocks(ids, vec![Block::PageBreak])];
    }
    match item.komponen.as_deref() {
        Some("tabel_statistik") => statistik_tables(cx, item),
        Some("kinerja_anggaran") if outline::left_out("kinerja_anggaran", cx.b).is_none() => {
            vec![Out::Landscape {
                ids,
                blocks: vec![tables::kinerja_anggaran(cx)],
            }]
        }
        Some("kinerja_anggaran") => vec![],
        Some("bagan_organisasi") if outline::left_out("bagan_organisasi", cx.b).is_none() => {
            let base = super::charts::key_base(item.id.as_deref(), "bagan_organisasi");
            // the item's id answers to the first part of a chart drawn in two
            super::charts::bagan(cx, &base)
                .into_iter()
                .enumerate()
                .map(|(i, (blocks, landscape))| {
                    let ids = if i == 0 { ids.clone() } else { vec![] };
                    match landscape {
                        true => Out::Landscape { ids, blocks },
                        false => Out::blocks(ids, blocks),
                    }
                })
                .collect()
        }
        Some("bagan_organisasi") => vec![],
        Some(kind) => vec![Out::blocks(ids, component(cx, kind, item))],
        None => vec![],
    }
}

/// Every declared context table (or the one named by `tabel`), each answering to its id.
fn statistik_tables(cx: &Ctx, item: &Butir) -> Vec<Out> {
    let Some(st) = &cx.b.statistik else {
        return vec![];
    };
    st.tabel
        .iter()
        .filter(|t| item.tabel.as_ref().is_none_or(|x| x == &t.id))
        .enumerate()
        .map(|(i, t)| {
            let mut ids = vec![t.id.clone()];
            if i == 0 {
                ids.extend(item.id.clone());
            }
            Out::blocks(ids, vec![tables::statistik(cx, st, t)])
        })
        .collect()
}

/// The blocks of a generated component (see `outline::KOMPONEN`).
fn component(cx: &Ctx, kind: &str, item: &Butir) -> Vec<Block> {
    let b = cx.b;
    if outline::left_out(kind, b).is_some() {
        return vec![];
    }
    let chart_key = || super::charts::key_base(item.id.as_deref(), kind);
    match kind {
        "landasan_hukum" => vec![cx.plain_list(
            ListStyle::DecimalDot,
            b.landasan_hukum.iter().map(|l| cx.inlines(l)),
        )],
        "tugas_pokok" => {
            let o = &b.organisasi;
            let mut out = cx.blocks(&o.pembuka);
            out.push(line(
                vec![bold(format!("\u{201c}{}\u{201d}", o.tugas_pokok))],
                Align::Center,
            ));
            out
        }
        "fungsi" => vec![cx.plain_list(
            ListStyle::LowerAlphaDot,
            b.organisasi.fungsi.iter().map(|f| cx.inlines(f)),
        )],
        "unit_organisasi" => units(cx),
        "tabel_pegawai" => vec![tables::pegawai(cx)],
        "grafik_pegawai" => super::charts::pegawai(cx, &chart_key()),
        "grafik_iku" => super::charts::iku(cx, &chart_key()),
        "grafik_tren" => super::charts::tren(cx, &chart_key()),
        "grafik_anggaran" => super::charts::anggaran(cx, &chart_key()),
        "grafik_statistik" => item
            .tabel
            .as_deref()
            .map(|id| super::charts::statistik(cx, &chart_key(), id))
            .unwrap_or_default(),
        "rincian_pegawai" => b
            .pegawai
            .rincian
            .iter()
            .zip(&cx.f.pegawai_rincian)
            .map(|(r, f)| tables::pegawai_rincian(r, f))
            .collect(),
        "tabel_aset" => vec![tables::aset(cx)],
        "visi" => vec![line(
            vec![bold(format!("\u{201c}{}\u{201d}", b.visi))],
            Align::Center,
        )],
        "misi" => vec![cx.plain_list(
            ListStyle::DecimalDot,
            b.misi.iter().map(|m| vec![t(m.clone())]),
        )],
        "tujuan" => vec![
            para(vec![t(
                "Tujuan yang hendak dicapai beserta indikatornya adalah:",
            )]),
            cx.plain_list(
                ListStyle::DecimalDot,
                b.tujuan.iter().map(|tj| {
                    let inds: Vec<String> = tj.indikator.iter().map(|k| k.nama.clone()).collect();
                    vec![t(format!("{} (indikator: {})", tj.nama, inds.join("; ")))]
                }),
            ),
        ],
        "tabel_sasaran" => vec![tables::sasaran(cx)],
        "tabel_iku" => vec![tables::iku(cx)],
        "tabel_program" => vec![tables::program(cx)],
        "skala" => tables::skala(cx),
        "tabel_tujuan" => vec![tables::tujuan(cx)],
        "pengukuran" => vec![tables::pengukuran(cx)],
        "analisis_indikator" => analyses(cx),
        "tiga_tahun" => vec![tables::tiga_tahun(cx)],
        "renstra" => vec![tables::renstra(cx)],
        "nasional" => vec![tables::nasional(cx)],
        "alokasi" => {
            let cite = item
                .id
                .as_ref()
                .and_then(|id| cx.names.get(&format!("tabel.{id}")))
                .cloned()
                .unwrap_or_else(|| "tabel di atas".into());
            let mut out = vec![tables::alokasi(cx)];
            out.extend(tables::alokasi_kalimat(cx, &cite));
            out
        }
        "tanda_tangan" => vec![cx.signature(
            &b.penandatangan.kepala,
            Some(cx.place_date()),
            vec![],
            Align::Right,
        )],
        _ => vec![],
    }
}

/// "Susunan organisasi … terdiri atas 1 (satu) Sekretariat, 3 (tiga) Sub Bagian …": the
/// units counted per kind (the head aside), with each kind's printed name.
fn composition(cx: &Ctx) -> Option<String> {
    let units = &cx.b.organisasi.unit;
    let counted = |k: JenisUnit| {
        let n = units.iter().filter(|u| u.jenis == k).count();
        (n > 0).then(|| format!("{} {}", format::count_words(n as u64), cx.kind_name(k)))
    };
    // Desa are the kecamatan's territory, not its organisation: said apart.
    let parts: Vec<String> = JenisUnit::ALL
        .iter()
        .filter(|k| !matches!(k, JenisUnit::Kepala | JenisUnit::Desa))
        .filter_map(|&k| counted(k))
        .collect();
    let list = match parts.as_slice() {
        [] => return None,
        [one] => one.clone(),
        [rest @ .., last] => format!("{} dan {last}", rest.join(", ")),
    };
    let desa = counted(JenisUnit::Desa)
        .map(|d| format!(", dengan wilayah kerja meliputi {d}"))
        .unwrap_or_default();
    Some(format!(
        "Susunan organisasi {} terdiri atas {list}{desa}.",
        cx.b.instansi.nama
    ))
}

/// The composition sentence, the bundle's introduction and every unit's duties.
fn units(cx: &Ctx) -> Vec<Block> {
    let o = &cx.b.organisasi;
    let mut out = Vec::new();
    if let Some(sentence) = composition(cx) {
        out.push(para(vec![t(sentence)]));
    }
    out.extend(cx.blocks(&o.pengantar_unit));
    let top: Vec<&Unit> = o.unit.iter().filter(|u| u.induk.is_none()).collect();
    if !top.is_empty() {
        out.push(Block::List(List {
            style: ListStyle::UpperAlphaDot,
            start: 1,
            items: top.iter().map(|u| unit_item(cx, u, 0)).collect(),
            origin: Default::default(),
        }));
    }
    out
}

fn unit_item(cx: &Ctx, u: &Unit, depth: usize) -> ListItem {
    let title = match u.jenis {
        JenisUnit::Kepala
        | JenisUnit::Sekretariat
        | JenisUnit::Bidang
        | JenisUnit::Fungsional
        | JenisUnit::InspekturPembantu
        | JenisUnit::StafAhli
            if depth == 0 =>
        {
            u.nama.to_uppercase()
        }
        _ => u.nama.clone(),
    };
    let mut children = cx.blocks(&u.tugas);
    let kids: Vec<&Unit> =
        cx.b.organisasi
            .unit
            .iter()
            .filter(|c| c.induk.as_deref() == Some(u.id.as_str()))
            .collect();
    if !kids.is_empty() && depth < 4 {
        // The head leads its units; any other unit consists of them.
        let verb = if u.jenis == JenisUnit::Kepala {
            "membawahkan"
        } else {
            "terdiri dari"
        };
        children.push(para(vec![t(format!("{} {verb}:", u.nama))]));
        children.push(Block::List(List {
            style: ListStyle::DecimalDot,
            start: 1,
            items: kids.iter().map(|k| unit_item(cx, k, depth + 1)).collect(),
            origin: Default::default(),
        }));
    }
    ListItem {
        spans: vec![bold(format!("{title}, mempunyai tugas:"))],
        children,
        origin: Default::default(),
    }
}

/// Every indicator's analysis in the regulation's seven points: the program writes the
/// comparisons (1 target, 2 previous years, 3 Renstra end target, 4 national figure, each
/// left out where there is nothing to compare) and the facts of 6 and 7 (efficiency of the
/// sasaran's budget, its programs); the bundle writes 5, 6 and 7. Points are numbered
/// without gaps; indicators are lettered A … Z, AA …
fn analyses(cx: &Ctx) -> Vec<Block> {
    let mut out = Vec::new();
    let indicators =
        cx.b.sasaran
            .iter()
            .flat_map(|s| s.indikator.iter().map(move |k| (s, k)))
            .zip(&cx.f.indikator);
    for (idx, ((s, k), fig)) in indicators.enumerate() {
        let n = idx as u32 + 1;
        out.push(Block::Heading(Heading {
            level: 3,
            number: Some(format!("{}.", format::alpha_upper(n))),
            text: k.nama.clone(),
            anchor: format!("iku-{n}"),
            in_toc: false,
        }));
        let points = seven_points(cx, s, k, fig);
        let mut no = 0;
        for (title, blocks) in points {
            if blocks.is_empty() {
                continue;
            }
            no += 1;
            out.push(line(vec![bold(format!("{no}. {title}"))], Align::Left));
            out.extend(blocks);
        }
        out.extend(cx.blocks(&k.analisis));
    }
    out
}

fn seven_points(
    cx: &Ctx,
    s: &Sasaran,
    k: &Indikator,
    fig: &IndikatorFig,
) -> Vec<(&'static str, Vec<Block>)> {
    let y = cx.b.laporan.tahun;
    let v = |d| show_measure(d, &k.satuan, cx.dp, fig.desimal);
    let kat = fig
        .kategori
        .as_ref()
        .map_or("-".to_string(), |r| r.predikat.clone());
    let p1 = vec![para(vec![t(format!(
        "Indikator {} pada sasaran \u{201c}{}\u{201d} pada Tahun {y} ditargetkan sebesar {} dengan realisasi sebesar {}, sehingga capaian kinerjanya {} (kategori {kat}).",
        k.nama,
        s.nama,
        v(fig.target),
        v(fig.realisasi),
        show_pct(fig.capaian, cx.dp),
    ))])];
    let past: Vec<String> = fig
        .tahunan
        .iter()
        .filter(|x| x.tahun < y.0 && x.realisasi.is_some())
        .map(|x| match x.capaian {
            Some(c) => format!(
                "Tahun {} sebesar {} (capaian {})",
                x.tahun,
                v(x.realisasi),
                show_pct(Some(c), cx.dp)
            ),
            None => format!("Tahun {} sebesar {}", x.tahun, v(x.realisasi)),
        })
        .collect();
    let p2 = if past.is_empty() {
        vec![]
    } else {
        vec![para(vec![t(format!(
            "Realisasi pada tahun-tahun sebelumnya: {}. Dibanding tahun sebelumnya, realisasi Tahun {y} berubah {} poin ({}).",
            past.join("; "),
            show_diff(fig.selisih, cx.dp),
            show_pct(fig.perubahan, cx.dp),
        ))])]
    };
    let period =
        cx.b.laporan
            .periode_renstra
            .last()
            .map(|e| e.to_string())
            .unwrap_or_default();
    let p3 = vec![para(vec![t(format!(
        "Target akhir Renstra (Tahun {period}) sebesar {}; dengan realisasi {} tingkat kemajuannya {}.",
        v(Some(k.target_renstra.0)),
        v(fig.realisasi_renstra),
        show_pct(fig.kemajuan, cx.dp),
    ))])];
    let p4 = match k.nasional {
        Some(nas) => vec![para(vec![t(format!(
            "Realisasi nasional sebesar {}, sehingga realisasi {} berselisih {} poin dari angka nasional.",
            v(Some(nas.0)),
            cx.b.instansi.nama,
            show_diff(fig.selisih_nasional, cx.dp),
        ))])],
        None => vec![],
    };
    let p5 = cx.blocks(&k.penyebab);
    let mut p6 = Vec::new();
    if let Some(a) = cx.f.anggaran.iter().find(|a| a.sasaran == s.id)
        && let (Some(e), Some(ok)) = (a.efisiensi, a.efisien)
    {
        p6.push(para(vec![t(format!(
            "Anggaran sasaran ini terserap {} dengan rata-rata capaian kinerja {}, sehingga nilai efisiensinya {} ({}).",
            show_pct(a.serapan, cx.dp),
            show_pct(a.capaian, cx.dp),
            format::number(e, cx.dp),
            if ok { "efisien" } else { "tidak efisien" }
        ))]));
    }
    p6.extend(cx.blocks(&k.efisiensi));
    let programs: Vec<String> =
        cx.b.program
            .iter()
            .filter(|p| p.sasaran.contains(&s.id))
            .map(|p| p.nama.clone())
            .collect();
    let mut p7 = Vec::new();
    if !programs.is_empty() {
        p7.push(para(vec![t(format!(
            "Program yang menunjang sasaran ini: {}.",
            programs.join("; ")
        ))]));
    }
    p7.extend(cx.blocks(&k.program_pendukung));
    vec![
        ("Perbandingan target dan realisasi kinerja tahun ini", p1),
        ("Perbandingan dengan realisasi tahun-tahun sebelumnya", p2),
        ("Perbandingan dengan target jangka menengah (Renstra)", p3),
        ("Perbandingan dengan realisasi nasional", p4),
        (
            "Analisis penyebab keberhasilan/kegagalan serta alternatif solusi",
            p5,
        ),
        ("Analisis efisiensi penggunaan sumber daya", p6),
        ("Program dan kegiatan yang menunjang", p7),
    ]
}
