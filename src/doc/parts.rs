//! The parts around the chapters: cover, cover letter on the kop surat, front matter
//! (Kata Pengantar, Daftar Isi, Ikhtisar Eksekutif) and the appendix (Perjanjian Kinerja,
//! Rencana Kinerja Tahunan).

use crate::figures::placeholder::{show_measure, show_pct};
use crate::format;

use super::build::{Ctx, EMBLEM_KEY, bold, cell, heading, line, para, row, t, table};
use super::ir::*;

/// The cover page.
pub(super) fn cover(cx: &Ctx) -> Vec<Block> {
    let b = cx.b;
    vec![Block::Cover(Cover {
        government: b.instansi.pemerintah.to_uppercase(),
        title: vec![
            "LAPORAN KINERJA".into(),
            "INSTANSI PEMERINTAH".into(),
            format!("(LKjIP) TAHUN {}", b.laporan.tahun),
        ],
        emblem: EMBLEM_KEY.into(),
        agency: cx.agency_upper(),
        region: b.instansi.daerah.to_uppercase(),
        year: b.laporan.tanggal.year.to_string(),
    })]
}

/// The kop surat of the agency.
pub(super) fn letterhead(cx: &Ctx) -> Block {
    let k = &cx.b.kop;
    let mut contact = Vec::new();
    if let Some(tel) = &k.telepon {
        contact.push(format!("Telp. {tel}"));
    }
    if let Some(fax) = &k.faks {
        contact.push(format!("Faks. {fax}"));
    }
    let mut web = Vec::new();
    if let Some(l) = &k.laman {
        web.push(format!("Laman: {l}"));
    }
    if let Some(e) = &k.email {
        web.push(format!("Pos-el: {e}"));
    }
    let mut lines = vec![k.alamat.clone()];
    if !contact.is_empty() {
        lines.push(contact.join(", "));
    }
    if !web.is_empty() {
        lines.push(web.join(", "));
    }
    lines.push(k.kota.clone());
    Block::Letterhead(Letterhead {
        emblem: EMBLEM_KEY.into(),
        government: cx.b.instansi.pemerintah.to_uppercase(),
        agency: cx.agency_upper(),
        lines,
    })
}

/// The cover letter on the kop surat, signed by the head of the agency.
pub(super) fn letter(cx: &Ctx) -> Vec<Block> {
    let s = &cx.b.surat_pengantar;
    let mut addressee: Vec<String> = s
        .kepada
        .iter()
        .enumerate()
        .map(|(i, l)| {
            if i == 0 {
                format!("Yth. {l}")
            } else {
                l.clone()
            }
        })
        .collect();
    if let Some(di) = &s.di {
        addressee.push("di".into());
        addressee.push(di.clone());
    }
    let mut out = vec![
        letterhead(cx),
        Block::LetterHeader(LetterHeader {
            place_date: format!(
                "{}, {}",
                cx.b.laporan.tempat,
                format::date(s.tanggal.year, s.tanggal.month, s.tanggal.day)
            ),
            fields: vec![
                ["Nomor".into(), s.nomor.clone()],
                ["Sifat".into(), s.sifat.clone()],
                ["Lampiran".into(), s.lampiran.clone()],
                ["Hal".into(), s.hal.clone()],
            ],
            addressee,
        }),
    ];
    out.extend(cx.source_blocks("surat_pengantar.isi", &s.isi));
    out.push(cx.signature(&cx.b.penandatangan.kepala, None, vec![], Align::Right));
    out
}

/// Kata Pengantar, Daftar Isi and Ikhtisar Eksekutif.
pub(super) fn front_matter(cx: &Ctx) -> Vec<Block> {
    let b = cx.b;
    let mut out = vec![heading(1, None, "KATA PENGANTAR", "kata-pengantar")];
    out.extend(cx.source_blocks("kata_pengantar", &b.kata_pengantar));
    out.push(cx.signature(
        &b.penandatangan.kepala,
        Some(cx.place_date()),
        vec![],
        Align::Right,
    ));
    out.push(Block::PageBreak);
    out.push(heading(1, None, "DAFTAR ISI", "daftar-isi"));
    out.push(Block::Toc(Toc { depth: 2 }));
    out.push(Block::PageBreak);
    out.push(heading(1, None, "IKHTISAR EKSEKUTIF", "ikhtisar-eksekutif"));
    out.extend(cx.source_blocks("ikhtisar.pembuka", &b.ikhtisar.pembuka));
    out.extend(summary(cx));
    out.extend(cx.source_blocks("ikhtisar.penutup", &b.ikhtisar.penutup));
    out
}

/// The generated summary of figures: counts, average, best and worst, budget, and a small
/// table of every indicator's capaian.
fn summary(cx: &Ctx) -> Vec<Block> {
    let f = cx.f;
    let r = &f.ringkasan;
    let name_of = |id: &Option<String>| {
        id.as_ref()
            .and_then(|id| {
                cx.b.sasaran
                    .iter()
                    .flat_map(|s| &s.indikator)
                    .find(|k| &k.id == id)
            })
            .map(|k| k.nama.clone())
            .unwrap_or_else(|| "-".into())
    };
    let capaian_of = |id: &Option<String>| {
        show_pct(
            id.as_ref()
                .and_then(|id| f.indikator.iter().find(|k| &k.id == id))
                .and_then(|k| k.capaian),
            cx.dp,
        )
    };
    let mut text = format!(
        "Pada Tahun {} {} {} mengukur {} indikator kinerja utama. Sebanyak {} indikator mencapai atau melampaui target, dengan rata-rata capaian {}. ",
        cx.b.laporan.tahun,
        cx.b.instansi.nama,
        cx.b.instansi.daerah,
        format::count_words(r.jumlah_iku as u64),
        format::count_words(r.tercapai as u64),
        show_pct(r.rata_rata_capaian, cx.dp),
    );
    if r.jumlah_iku > 1 {
        text.push_str(&format!(
            "Capaian tertinggi pada indikator {} ({}) dan terendah pada indikator {} ({}). ",
            name_of(&r.tertinggi),
            capaian_of(&r.tertinggi),
            name_of(&r.terendah),
            capaian_of(&r.terendah)
        ));
    }
    if !f.anggaran.is_empty() {
        text.push_str(&format!(
            "Dari total anggaran {} terealisasi {} atau serapan {}.",
            format::rupiah(f.anggaran_total, cx.money),
            format::rupiah(f.anggaran_realisasi, cx.money),
            show_pct(f.anggaran_serapan, cx.dp)
        ));
    }
    let rows =
        cx.b.sasaran
            .iter()
            .flat_map(|s| &s.indikator)
            .zip(&f.indikator)
            .enumerate()
            .map(|(i, (k, fig))| {
                row(vec![
                    cell((i + 1).to_string(), Align::Center),
                    cell(k.nama.clone(), Align::Left),
                    cell(
                        show_measure(fig.target, &k.satuan, cx.dp, fig.desimal),
                        Align::Right,
                    ),
                    cell(
                        show_measure(fig.realisasi, &k.satuan, cx.dp, fig.desimal),
                        Align::Right,
                    ),
                    cell(show_pct(fig.capaian, cx.dp), Align::Right),
                    cell(
                        fig.kategori
                            .as_ref()
                            .map_or("-".into(), |k| k.predikat.clone()),
                        Align::Center,
                    ),
                ])
            })
            .collect();
    vec![
        para(vec![t(text)]),
        table(
            vec!["Ringkasan Capaian Indikator Kinerja Utama".into()],
            vec![6, 40, 13, 13, 13, 15],
            &[
                "No",
                "Indikator Kinerja",
                "Target",
                "Realisasi",
                "Capaian",
                "Kategori",
            ],
            rows,
            None,
        ),
    ]
}

/// Lampiran: Perjanjian Kinerja and Rencana Kinerja Tahunan.
pub(super) fn appendix(cx: &Ctx) -> Vec<Block> {
    let b = cx.b;
    let y = b.laporan.tahun;
    let kepala = cx.pejabat(&b.penandatangan.kepala);
    let atasan = cx.pejabat(&b.penandatangan.atasan);
    let mut out = vec![
        heading(1, None, "LAMPIRAN", "lampiran"),
        heading(
            2,
            Some("1.".into()),
            &format!("Perjanjian Kinerja Tahun {y}"),
            "lampiran-pk",
        ),
        line(
            vec![bold(format!("PERJANJIAN KINERJA TAHUN {y}"))],
            Align::Center,
        ),
        line(
            vec![bold(format!(
                "{} {}",
                cx.agency_upper(),
                b.instansi.daerah.to_uppercase()
            ))],
            Align::Center,
        ),
        para(vec![t(
            "Dalam rangka mewujudkan manajemen pemerintahan yang efektif, transparan dan akuntabel serta berorientasi pada hasil, kami yang bertanda tangan di bawah ini:",
        )]),
    ];
    for (who, p) in [("PIHAK PERTAMA", kepala), ("PIHAK KEDUA", atasan)] {
        if let Some(p) = p {
            out.push(line(vec![t(format!("Nama : {}", p.nama))], Align::Left));
            out.push(line(
                vec![t(format!("Jabatan : {}", p.jabatan))],
                Align::Left,
            ));
            out.push(line(
                vec![t(format!("selanjutnya disebut {who}."))],
                Align::Left,
            ));
        }
    }
    out.push(para(vec![t(
        "PIHAK PERTAMA berjanji akan mewujudkan target kinerja yang seharusnya sesuai lampiran perjanjian ini, dalam rangka mencapai target kinerja jangka menengah seperti yang telah ditetapkan dalam dokumen perencanaan. Keberhasilan dan kegagalan pencapaian target kinerja tersebut menjadi tanggung jawab PIHAK PERTAMA.",
    )]));
    out.push(para(vec![t(
        "PIHAK KEDUA akan melakukan supervisi yang diperlukan serta akan melakukan evaluasi terhadap capaian kinerja dari perjanjian ini dan mengambil tindakan yang diperlukan dalam rangka pemberian penghargaan dan sanksi.",
    )]));
    out.push(target_table(
        cx,
        format!("Sasaran dan Target Kinerja Tahun {y}"),
    ));
    let mut left_roles = vec!["PIHAK KEDUA,".to_string()];
    let mut right_roles = vec!["PIHAK PERTAMA,".to_string()];
    out.push(Block::SignaturePair {
        left: cx.signature_of(
            &b.penandatangan.atasan,
            Some(String::new()),
            &mut left_roles,
            Align::Left,
        ),
        right: cx.signature_of(
            &b.penandatangan.kepala,
            Some(cx.place_date()),
            &mut right_roles,
            Align::Left,
        ),
    });
    out.push(Block::PageBreak);
    out.push(heading(
        2,
        Some("2.".into()),
        &format!("Rencana Kinerja Tahunan {y}"),
        "lampiran-rkt",
    ));
    out.push(target_table(cx, format!("Rencana Kinerja Tahunan {y}")));
    out
}

/// No | Sasaran | Indikator | Target of the report year (PK and RKT).
fn target_table(cx: &Ctx, title: String) -> Block {
    let y = cx.b.laporan.tahun;
    let mut body = Vec::new();
    for (i, s) in cx.b.sasaran.iter().enumerate() {
        for (j, k) in s.indikator.iter().enumerate() {
            let mut cells = Vec::new();
            if j == 0 {
                let n = s.indikator.len() as u32;
                cells.push(Cell {
                    rowspan: n,
                    ..cell((i + 1).to_string(), Align::Center)
                });
                cells.push(Cell {
                    rowspan: n,
                    ..cell(s.nama.clone(), Align::Left)
                });
            }
            cells.push(cell(k.nama.clone(), Align::Left));
            cells.push(cell(
                show_measure(
                    k.target.get(&y).map(|d| d.0),
                    &k.satuan,
                    cx.dp,
                    cx.f.indikator
                        .iter()
                        .find(|f| f.id == k.id)
                        .map_or(cx.dp, |f| f.desimal),
                ),
                Align::Center,
            ));
            body.push(row(cells));
        }
    }
    table(
        vec![title],
        vec![6, 42, 38, 14],
        &["No", "Sasaran Strategis", "Indikator Kinerja", "Target"],
        body,
        None,
    )
}
