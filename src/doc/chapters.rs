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
use crate::format;
use crate::format::{show_diff, show_measure, show_pct};

use super::build::{Ctx, PENDING_FIGURE, PENDING_TABLE, bold, heading, line, para, section, t};
use super::ir::*;
use super::komponen::Komponen;
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
                Some(cx.say("bab.nomor", &[("nomor", &format::roman(ch))])),
                &title,
                &format!("bab-{ch}"),
            )],
        )];
        let mut n = 0;
        for item in &bab.isi {
            outs.extend(item_outs(cx, item, ch, &format!("s-{ch}"), 2, &mut n));
        }
        let mut outs = wide_tables_apart(cx, outs);
        number(cx, ch, &mut outs, &mut refs);
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
                push_section(
                    &mut sections,
                    section(
                        &name,
                        PageNumbering::Arabic,
                        false,
                        std::mem::take(&mut current),
                    ),
                );
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
                push_section(&mut sections, s);
            }
        }
    }
    let name = if wide == 0 { "body" } else { "body-end" };
    push_section(
        &mut sections,
        section(name, PageNumbering::Arabic, false, current),
    );
    // the body's first page is page 1
    if let Some(first) = sections.first_mut() {
        first.restart = true;
    }
    Body { sections, refs }
}

/// Add a body section: a section starts a new page, so a page break at its top would
/// leave an empty page (typst lays one out) and is dropped; a section left with no
/// block (a landscape table at the end of the body) is not added at all.
fn push_section(sections: &mut Vec<Section>, mut s: Section) {
    let breaks = s
        .blocks
        .iter()
        .take_while(|b| matches!(b, Block::PageBreak))
        .count();
    s.blocks.drain(..breaks);
    if !s.blocks.is_empty() {
        sections.push(s);
    }
}

/// A table whose words fit no portrait text block even at the smallest table size, but a
/// landscape one, moves onto a landscape page of its own (`doc::fit`); what comes before
/// and after it stays where it was.
fn wide_tables_apart(cx: &Ctx, outs: Vec<Out>) -> Vec<Out> {
    let portrait = super::fit::text_width_pt(&cx.page, false);
    let landscape = super::fit::text_width_pt(&cx.page, true);
    let too_wide = |b: &Block| match b {
        Block::Table(t) => !super::fit::fits(t, portrait) && super::fit::fits(t, landscape),
        _ => false,
    };
    let mut out = Vec::with_capacity(outs.len());
    for o in outs {
        match o {
            Out::Blocks { ids, blocks } if blocks.iter().any(too_wide) => {
                let mut ids = Some(ids);
                let mut run = Vec::new();
                for b in blocks {
                    if too_wide(&b) {
                        if !run.is_empty() {
                            let ids = ids.take().unwrap_or_default();
                            out.push(Out::blocks(ids, std::mem::take(&mut run)));
                        }
                        let ids = ids.take().unwrap_or_default();
                        out.push(Out::Landscape {
                            ids,
                            blocks: vec![b],
                        });
                    } else {
                        run.push(b);
                    }
                }
                if !run.is_empty() {
                    out.push(Out::blocks(ids.unwrap_or_default(), run));
                }
            }
            o => out.push(o),
        }
    }
    out
}

/// Number the pending tables and charts of one chapter, recording cross-references.
fn number(cx: &Ctx, ch: u32, outs: &mut [Out], refs: &mut BTreeMap<String, String>) {
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
                    let label = cx.say("label.tabel", &[("nomor", &format!("{ch}.{tables}"))]);
                    tb.caption[0] = label.clone();
                    tb.anchor = Some(format!("tabel-{ch}-{tables}"));
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
                        let label =
                            cx.say("label.grafik", &[("nomor", &format!("{ch}.{figures}"))]);
                        *text = label.clone();
                        p.anchor = Some(format!("grafik-{ch}-{figures}"));
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
    let Some(kind) = item.komponen.as_deref().and_then(Komponen::from_name) else {
        // An unknown name is an error of `check`, so a valid bundle never gets here.
        return vec![];
    };
    if kind.left_out(cx.b).is_some() {
        return vec![];
    }
    component(cx, kind, item, ids)
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

/// A generated component, as the parts of its chapter (the landscape ones on pages of
/// their own). No catch-all: a new component does not compile until it is built here.
fn component(cx: &Ctx, kind: Komponen, item: &Butir, ids: Vec<String>) -> Vec<Out> {
    let b = cx.b;
    let chart_key = || super::charts::key_base(item.id.as_deref(), kind.name());
    let blocks = match kind {
        Komponen::TabelStatistik => return statistik_tables(cx, item),
        Komponen::KinerjaAnggaran => {
            return vec![Out::Landscape {
                ids,
                blocks: vec![tables::kinerja_anggaran(cx)],
            }];
        }
        Komponen::BaganOrganisasi => {
            // the item's id answers to the first part of a chart drawn in two
            return super::charts::bagan(cx, &chart_key())
                .into_iter()
                .enumerate()
                .map(|(i, (blocks, landscape))| {
                    let ids = if i == 0 { ids.clone() } else { vec![] };
                    match landscape {
                        true => Out::Landscape { ids, blocks },
                        false => Out::blocks(ids, blocks),
                    }
                })
                .collect();
        }
        Komponen::LandasanHukum => vec![cx.plain_list(
            ListStyle::DecimalDot,
            b.landasan_hukum.iter().map(|l| cx.inlines(l)),
        )],
        Komponen::TugasPokok => {
            let o = &b.organisasi;
            let mut out = cx.blocks(&o.pembuka);
            out.push(line(
                vec![bold(format!("\u{201c}{}\u{201d}", o.tugas_pokok))],
                Align::Center,
            ));
            out
        }
        Komponen::Fungsi => vec![cx.plain_list(
            ListStyle::LowerAlphaDot,
            b.organisasi.fungsi.iter().map(|f| cx.inlines(f)),
        )],
        Komponen::UnitOrganisasi => units(cx),
        Komponen::TabelPegawai => vec![tables::pegawai(cx)],
        Komponen::GrafikPegawai => super::charts::pegawai(cx, &chart_key()),
        Komponen::GrafikIku => super::charts::iku(cx, &chart_key()),
        Komponen::GrafikTren => super::charts::tren(cx, &chart_key()),
        Komponen::GrafikAnggaran => super::charts::anggaran(cx, &chart_key()),
        Komponen::GrafikStatistik => item
            .tabel
            .as_deref()
            .map(|id| super::charts::statistik(cx, &chart_key(), id))
            .unwrap_or_default(),
        Komponen::RincianPegawai => b
            .pegawai
            .rincian
            .iter()
            .zip(&cx.f.pegawai_rincian)
            .map(|(r, f)| tables::pegawai_rincian(cx, r, f))
            .collect(),
        Komponen::TabelAset => vec![tables::aset(cx)],
        Komponen::Visi => vec![line(
            vec![bold(format!("\u{201c}{}\u{201d}", b.visi))],
            Align::Center,
        )],
        Komponen::Misi => vec![cx.plain_list(
            ListStyle::DecimalDot,
            b.misi.iter().map(|m| vec![t(m.clone())]),
        )],
        Komponen::Tujuan => vec![
            para(vec![t(cx.say("tujuan.pengantar", &[]))]),
            cx.plain_list(
                ListStyle::DecimalDot,
                b.tujuan.iter().map(|tj| {
                    let inds: Vec<String> = tj.indikator.iter().map(|k| k.nama.clone()).collect();
                    vec![t(cx.say(
                        "tujuan.butir",
                        &[("tujuan", &tj.nama), ("indikator", &inds.join("; "))],
                    ))]
                }),
            ),
        ],
        Komponen::TabelSasaran => vec![tables::sasaran(cx)],
        Komponen::TabelIku => vec![tables::iku(cx)],
        Komponen::TabelProgram => vec![tables::program(cx)],
        Komponen::Skala => tables::skala(cx),
        Komponen::TabelTujuan => vec![tables::tujuan(cx)],
        Komponen::Pengukuran => vec![tables::pengukuran(cx)],
        Komponen::AnalisisIndikator => analyses(cx),
        Komponen::TigaTahun => vec![tables::tiga_tahun(cx)],
        Komponen::Renstra => vec![tables::renstra(cx)],
        Komponen::Nasional => vec![tables::nasional(cx)],
        Komponen::Alokasi => {
            let cite = item
                .id
                .as_ref()
                .and_then(|id| cx.names.get(&format!("tabel.{id}")))
                .cloned()
                .unwrap_or_else(|| cx.say("alokasi.kalimat.tabel_di_atas", &[]));
            let mut out = vec![tables::alokasi(cx)];
            out.extend(tables::alokasi_kalimat(cx, &cite));
            out
        }
        Komponen::TandaTangan => vec![cx.signature(
            &b.penandatangan.kepala,
            Some(cx.place_date()),
            vec![],
            Align::Right,
        )],
    };
    vec![Out::blocks(ids, blocks)]
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
        [rest @ .., last] => cx.say(
            "organisasi.susunan.dan",
            &[("daftar", &rest.join(", ")), ("terakhir", last)],
        ),
    };
    let instansi = ("instansi", cx.b.instansi.nama.as_str());
    Some(match counted(JenisUnit::Desa) {
        Some(desa) => cx.say(
            "organisasi.susunan.wilayah",
            &[instansi, ("daftar", &list), ("wilayah", &desa)],
        ),
        None => cx.say("organisasi.susunan", &[instansi, ("daftar", &list)]),
    })
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
        let leads = if u.jenis == JenisUnit::Kepala {
            "organisasi.membawahkan"
        } else {
            "organisasi.terdiri_dari"
        };
        children.push(para(vec![t(cx.say(leads, &[("unit", &u.nama)]))]));
        children.push(Block::List(List {
            style: ListStyle::DecimalDot,
            start: 1,
            items: kids.iter().map(|k| unit_item(cx, k, depth + 1)).collect(),
            origin: Default::default(),
        }));
    }
    ListItem {
        spans: vec![bold(cx.say("organisasi.tugas", &[("unit", &title)]))],
        children,
        origin: Default::default(),
    }
}

/// Every indicator's analysis in the regulation's seven points, always seven: the program
/// writes the comparisons (1 target, 2 previous years, 3 Renstra end target, 4 national
/// figure) and the facts of 6 and 7 (efficiency of the sasaran's budget, its programs);
/// the bundle writes 5, 6 and 7. Where a point has no data the report says so (a phrase
/// `analisis.*.kosong`) and `check` warns. Indicators are lettered A … Z, AA …
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
        for (no, (title, blocks)) in seven_points(cx, s, k, fig).into_iter().enumerate() {
            out.push(line(
                vec![bold(format!("{}. {}", no + 1, cx.say(title, &[])))],
                Align::Left,
            ));
            out.extend(blocks);
        }
        out.extend(cx.blocks(&k.analisis));
    }
    out
}

/// The seven points of one indicator: the phrase id of each title and its blocks (a
/// sentence saying the data is missing where there is none).
fn seven_points(
    cx: &Ctx,
    s: &Sasaran,
    k: &Indikator,
    fig: &IndikatorFig,
) -> Vec<(&'static str, Vec<Block>)> {
    let y = cx.b.laporan.tahun.to_string();
    let v = |d| show_measure(d, &k.satuan, cx.dp, fig.desimal);
    let said = |id: &str, vars: &[(&str, &str)]| vec![para(vec![t(cx.say(id, vars))])];
    let or_missing = |blocks: Vec<Block>, id: &str| {
        if blocks.is_empty() {
            said(id, &[("indikator", &k.nama)])
        } else {
            blocks
        }
    };
    let kat = fig
        .kategori
        .as_ref()
        .map_or("-".to_string(), |r| r.predikat.clone());
    let p1 = said(
        "analisis.target",
        &[
            ("indikator", &k.nama),
            ("sasaran", &s.nama),
            ("tahun", &y),
            ("target", &v(fig.target)),
            ("realisasi", &v(fig.realisasi)),
            ("capaian", &show_pct(fig.capaian, cx.dp)),
            ("kategori", &kat),
        ],
    );
    let past: Vec<String> = fig
        .tahunan
        .iter()
        .filter(|x| x.tahun < cx.b.laporan.tahun.0 && x.realisasi.is_some())
        .map(|x| {
            let (tahun, realisasi) = (x.tahun.to_string(), v(x.realisasi));
            match x.capaian {
                Some(c) => cx.say(
                    "analisis.tahun_lalu.butir",
                    &[
                        ("tahun", &tahun),
                        ("realisasi", &realisasi),
                        ("capaian", &show_pct(Some(c), cx.dp)),
                    ],
                ),
                None => cx.say(
                    "analisis.tahun_lalu.butir_tanpa_target",
                    &[("tahun", &tahun), ("realisasi", &realisasi)],
                ),
            }
        })
        .collect();
    let p2 = if past.is_empty() {
        said("analisis.tahun_lalu.kosong", &[("indikator", &k.nama)])
    } else {
        said(
            "analisis.tahun_lalu",
            &[
                ("daftar", &past.join("; ")),
                ("tahun", &y),
                (
                    "selisih",
                    &show_diff(fig.selisih, &k.satuan, cx.dp, fig.desimal),
                ),
                ("perubahan", &show_pct(fig.perubahan, cx.dp)),
            ],
        )
    };
    let period =
        cx.b.laporan
            .periode_renstra
            .last()
            .map(|e| e.to_string())
            .unwrap_or_default();
    let p3 = said(
        "analisis.renstra",
        &[
            ("tahun_akhir", &period),
            ("target_renstra", &v(Some(k.target_renstra.0))),
            ("realisasi", &v(fig.realisasi_renstra)),
            ("kemajuan", &show_pct(fig.kemajuan, cx.dp)),
        ],
    );
    let p4 = match k.nasional {
        Some(nas) => said(
            "analisis.nasional",
            &[
                ("nasional", &v(Some(nas.0))),
                ("instansi", &cx.b.instansi.nama),
                (
                    "selisih",
                    &show_diff(fig.selisih_nasional, &k.satuan, cx.dp, fig.desimal),
                ),
            ],
        ),
        None => said("analisis.nasional.kosong", &[("indikator", &k.nama)]),
    };
    let p5 = or_missing(cx.blocks(&k.penyebab), "analisis.penyebab.kosong");
    let mut p6 = Vec::new();
    if let Some(a) = cx.f.anggaran.iter().find(|a| a.sasaran == s.id)
        && let (Some(e), Some(ok)) = (a.efisiensi, a.efisien)
    {
        let verdict = cx.say(
            if ok {
                "analisis.efisiensi.efisien"
            } else {
                "analisis.efisiensi.tidak_efisien"
            },
            &[],
        );
        p6.extend(said(
            "analisis.efisiensi",
            &[
                ("serapan", &show_pct(a.serapan, cx.dp)),
                ("capaian", &show_pct(a.capaian, cx.dp)),
                ("efisiensi", &format::number(e, cx.dp)),
                ("penilaian", &verdict),
            ],
        ));
    }
    p6.extend(cx.blocks(&k.efisiensi));
    let p6 = or_missing(p6, "analisis.efisiensi.kosong");
    let programs: Vec<String> =
        cx.b.program
            .iter()
            .filter(|p| p.sasaran.contains(&s.id))
            .map(|p| p.nama.clone())
            .collect();
    let mut p7 = Vec::new();
    if !programs.is_empty() {
        p7.extend(said(
            "analisis.program",
            &[("daftar", &programs.join("; "))],
        ));
    }
    p7.extend(cx.blocks(&k.program_pendukung));
    let p7 = or_missing(p7, "analisis.program.kosong");
    vec![
        ("analisis.judul.target", p1),
        ("analisis.judul.tahun_lalu", p2),
        ("analisis.judul.renstra", p3),
        ("analisis.judul.nasional", p4),
        ("analisis.judul.penyebab", p5),
        ("analisis.judul.efisiensi", p6),
        ("analisis.judul.program", p7),
    ]
}
