//! BAB I–IV: the chapters in the seed's order, each section's narrative from the bundle
//! with the generated tables and sentences in their places. The wide "Pencapaian Kinerja
//! dan Anggaran" table gets a landscape section of its own; numbering continues across.

use crate::bundle::{JenisUnit, Unit};
use crate::figures::placeholder::{show_pct, show_value};
use crate::format;

use super::build::{Ctx, bold, heading, line, para, section, t};
use super::ir::*;
use super::tables;

/// The body sections: BAB I–III up to 3.2.1, a landscape section for Tabel 3.2.2, then the
/// rest of BAB III and BAB IV.
pub(super) fn body(cx: &Ctx) -> Vec<Section> {
    let mut first = bab1(cx);
    first.extend(bab2(cx));
    first.extend(bab3(cx));
    let mut wide = section(
        "landscape",
        PageNumbering::Arabic,
        false,
        vec![tables::kinerja_anggaran(cx)],
    );
    wide.orientation = Orientation::Landscape;
    let mut rest = cx.blocks(&cx.b.narasi.anggaran_analisis);
    rest.push(Block::PageBreak);
    rest.extend(bab4(cx));
    vec![
        section("body", PageNumbering::Arabic, true, first),
        wide,
        section("body-end", PageNumbering::Arabic, false, rest),
    ]
}

fn chapter(n: u32, title: &str) -> Block {
    heading(
        1,
        Some(format!("BAB {}", format::roman(n))),
        title,
        &format!("bab-{n}"),
    )
}

fn sec(ch: u32, n: u32, title: &str) -> Block {
    heading(2, Some(format!("{ch}.{n}")), title, &format!("s-{ch}-{n}"))
}

fn sub(anchor: &str, number: &str, title: &str) -> Block {
    Block::Heading(Heading {
        level: 3,
        number: Some(number.into()),
        text: title.into(),
        anchor: anchor.into(),
        in_toc: false,
    })
}

fn bab1(cx: &Ctx) -> Vec<Block> {
    let b = cx.b;
    let n = &b.narasi;
    let mut out = vec![chapter(1, "PENDAHULUAN"), sec(1, 1, "LATAR BELAKANG")];
    out.extend(cx.blocks(&n.latar_belakang));
    if let Some(st) = &b.statistik {
        out.extend(st.tabel.iter().map(|t| tables::statistik(cx, st, t)));
    }
    out.extend(cx.blocks(&n.latar_belakang_lanjutan));
    out.push(sec(1, 2, "LANDASAN HUKUM"));
    out.push(cx.plain_list(
        ListStyle::DecimalDot,
        b.landasan_hukum.iter().map(|l| cx.inlines(l)),
    ));
    out.push(sec(1, 3, "MAKSUD DAN TUJUAN"));
    out.extend(cx.blocks(&n.maksud_tujuan));
    out.push(sec(1, 4, "DATA UMUM ORGANISASI"));
    out.extend(organisasi(cx));
    out.push(sec(1, 5, &format!("PERAN STRATEGIS {}", cx.agency_upper())));
    out.extend(cx.blocks(&n.peran_strategis));
    out.push(sec(1, 6, "KEKUATAN SUMBER DAYA"));
    out.push(sub("s-1-6-1", "1.", "Sumber Daya Manusia"));
    out.extend(cx.blocks(&n.sumber_daya_manusia));
    if !b.pegawai.per_tahun.is_empty() {
        out.push(tables::pegawai(cx));
        out.push(Block::Image(Image {
            key: super::build::STAFF_CHART_KEY.into(),
            width_mm: 140,
            alt: "Grafik jumlah pegawai per golongan dan tahun".into(),
        }));
    }
    for (r, f) in b.pegawai.rincian.iter().zip(&cx.f.pegawai_rincian) {
        out.push(tables::pegawai_rincian(cx, r, f));
    }
    out.push(sub("s-1-6-2", "2.", "Sarana dan Prasarana"));
    out.extend(cx.blocks(&n.sarana_prasarana));
    if !b.aset.is_empty() {
        out.push(tables::aset(cx));
    }
    if !n.kerja_sama.is_empty() {
        out.push(sub("s-1-6-3", "3.", "Kerja Sama"));
        out.extend(cx.blocks(&n.kerja_sama));
    }
    out.push(sec(1, 7, "SISTEMATIKA LAPORAN"));
    out.extend(cx.blocks(&n.sistematika));
    out.push(Block::PageBreak);
    out
}

/// Tugas pokok, fungsi and every unit's duties, as nested lists.
fn organisasi(cx: &Ctx) -> Vec<Block> {
    let o = &cx.b.organisasi;
    let mut out = cx.blocks(&o.pembuka);
    out.push(line(
        vec![bold(format!("\u{201c}{}\u{201d}", o.tugas_pokok))],
        Align::Center,
    ));
    out.push(para(vec![t(format!(
        "Untuk menyelenggarakan tugas pokok tersebut, {} mempunyai fungsi sebagai berikut:",
        cx.b.instansi.nama
    ))]));
    out.push(cx.plain_list(
        ListStyle::LowerAlphaDot,
        o.fungsi.iter().map(|f| cx.inlines(f)),
    ));
    if let Some(sentence) = composition(cx) {
        out.push(para(vec![t(sentence)]));
    }
    out.extend(cx.blocks(&o.pengantar_unit));
    let top: Vec<&Unit> = o.unit.iter().filter(|u| u.induk.is_none()).collect();
    let items = top.iter().map(|u| unit_item(cx, u, 0)).collect();
    out.push(Block::List(List {
        style: ListStyle::UpperAlphaDot,
        start: 1,
        items,
    }));
    out
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
        }));
    }
    ListItem {
        spans: vec![bold(format!("{title}, mempunyai tugas:"))],
        children,
    }
}

fn bab2(cx: &Ctx) -> Vec<Block> {
    let b = cx.b;
    let mut out = vec![
        chapter(2, "PERENCANAAN KINERJA"),
        sec(2, 1, "VISI, MISI, TUJUAN DAN SASARAN"),
    ];
    out.push(para(vec![t(format!(
        "Visi Pemerintah {} yang menjadi acuan {} adalah:",
        b.instansi.daerah, b.instansi.nama
    ))]));
    out.push(line(
        vec![bold(format!("\u{201c}{}\u{201d}", b.visi))],
        Align::Center,
    ));
    out.push(para(vec![t(
        "Untuk mewujudkan visi tersebut ditetapkan misi sebagai berikut:",
    )]));
    out.push(cx.plain_list(
        ListStyle::DecimalDot,
        b.misi.iter().map(|m| vec![t(m.clone())]),
    ));
    if !b.tujuan.is_empty() {
        out.push(para(vec![t(
            "Tujuan yang hendak dicapai beserta indikatornya adalah:",
        )]));
        out.push(cx.plain_list(
            ListStyle::DecimalDot,
            b.tujuan.iter().map(|tj| {
                let inds: Vec<String> = tj.indikator.iter().map(|k| k.nama.clone()).collect();
                vec![t(format!("{} (indikator: {})", tj.nama, inds.join("; ")))]
            }),
        ));
    }
    out.extend(cx.blocks(&b.narasi.visi_misi));
    out.extend(cx.blocks(&b.narasi.sasaran_pembuka));
    out.push(para(vec![t(
        "Sasaran strategis beserta indikator kinerja dan targetnya disajikan pada tabel berikut:",
    )]));
    out.push(tables::sasaran(cx));
    out.push(sec(2, 2, "INDIKATOR KINERJA UTAMA"));
    out.extend(cx.blocks(&b.narasi.iku_pembuka));
    out.push(tables::iku(cx));
    out.push(sec(2, 3, "ARAH KEBIJAKAN"));
    out.extend(cx.blocks(&b.narasi.arah_kebijakan));
    out.push(sec(2, 4, "PROGRAM PRIORITAS"));
    out.push(tables::program(cx));
    out.extend(cx.blocks(&b.narasi.program_prioritas));
    out.push(sec(2, 5, "RENCANA KINERJA TAHUNAN DAN PERJANJIAN KINERJA"));
    out.push(para(vec![t(format!(
        "Rencana Kinerja Tahunan dan Perjanjian Kinerja Tahun {} {} {} disajikan pada Lampiran.",
        b.laporan.tahun, b.instansi.nama, b.instansi.daerah
    ))]));
    out.push(Block::PageBreak);
    out
}

fn bab3(cx: &Ctx) -> Vec<Block> {
    let b = cx.b;
    let n = &b.narasi;
    let mut out = vec![chapter(3, "AKUNTABILITAS KINERJA")];
    out.extend(cx.blocks(&n.akuntabilitas_pembuka));
    out.extend(tables::skala(cx));
    out.push(sec(3, 1, "CAPAIAN KINERJA"));
    if !b.tujuan.is_empty() {
        out.push(tables::tujuan(cx));
    }
    out.extend(cx.blocks(&n.capaian_pembuka));
    out.push(tables::pengukuran(cx));
    let mut idx = 0;
    for s in &b.sasaran {
        for k in &s.indikator {
            let fig = &cx.f.indikator[idx];
            idx += 1;
            let letter = format::alpha_upper(idx as u32);
            out.push(sub(&format!("iku-{}", idx), &format!("{letter}."), &k.nama));
            let kat = fig
                .kategori
                .as_ref()
                .map_or("-".to_string(), |r| r.predikat.clone());
            out.push(para(vec![t(format!(
                "Indikator {} pada sasaran \u{201c}{}\u{201d} pada Tahun {} ditargetkan sebesar {} dengan realisasi sebesar {}, sehingga capaian kinerjanya {} (kategori {}).",
                k.nama,
                s.nama,
                b.laporan.tahun,
                show_value(fig.target, &k.satuan, cx.dp),
                show_value(fig.realisasi, &k.satuan, cx.dp),
                show_pct(fig.capaian, cx.dp),
                kat
            ))]));
            out.extend(cx.blocks(&k.analisis));
        }
    }
    out.push(tables::tiga_tahun(cx));
    out.push(tables::renstra(cx));
    out.extend(cx.blocks(&n.renstra_analisis));
    out.push(tables::nasional(cx));
    out.extend(cx.blocks(&n.nasional_analisis));
    out.push(sec(3, 2, "REALISASI ANGGARAN"));
    out.push(tables::alokasi(cx));
    out.extend(tables::alokasi_kalimat(cx));
    out
}

fn bab4(cx: &Ctx) -> Vec<Block> {
    let b = cx.b;
    let mut out = vec![chapter(4, "PENUTUP"), sec(4, 1, "KESIMPULAN")];
    out.extend(cx.blocks(&b.narasi.kesimpulan));
    out.push(sec(4, 2, "SARAN DAN REKOMENDASI"));
    out.extend(cx.blocks(&b.narasi.saran));
    out.push(cx.signature(
        &b.penandatangan.kepala,
        Some(cx.place_date()),
        vec![],
        Align::Right,
    ));
    out
}
