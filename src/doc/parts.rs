//! The parts around the chapters: cover, cover letter on the kop surat, front matter
//! (Kata Pengantar, Daftar Isi, Ikhtisar Eksekutif) and the appendix (Perjanjian Kinerja,
//! Rencana Kinerja Tahunan).

use crate::format;
use crate::format::{show_measure, show_pct};

use super::build::{Ctx, EMBLEM_KEY, bold, cell, heading, line, para, row, t, table};
use super::ir::*;

/// The cover page.
pub(super) fn cover(cx: &Ctx) -> Vec<Block> {
    let b = cx.b;
    vec![Block::Cover(Cover {
        government: b.instansi.pemerintah.to_uppercase(),
        title: cx.say_lines("sampul.judul", &[("tahun", &b.laporan.tahun.to_string())]),
        emblem: EMBLEM_KEY.into(),
        agency: cx.agency_upper(),
        region: b.instansi.daerah.to_uppercase(),
        year: b.laporan.tanggal.year.to_string(),
    })]
}

/// The kop surat of the agency.
pub(super) fn letterhead(cx: &Ctx) -> Block {
    let k = &cx.b.kop;
    let given = |id: &str, name: &str, value: &Option<String>| {
        // A phone number, an address of the web or of mail is one token on the kop: its
        // spaces do not break (nor does the space after its label, in the phrase).
        value
            .as_ref()
            .map(|v| cx.say(id, &[(name, &v.replace(' ', "\u{a0}"))]))
    };
    let contact: Vec<String> = [
        given("kop.telepon", "telepon", &k.telepon),
        given("kop.faks", "faks", &k.faks),
    ]
    .into_iter()
    .flatten()
    .collect();
    let web: Vec<String> = [
        given("kop.laman", "laman", &k.laman),
        given("kop.email", "email", &k.email),
    ]
    .into_iter()
    .flatten()
    .collect();
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
                cx.say("surat.kepada", &[("kepada", l)])
            } else {
                l.clone()
            }
        })
        .collect();
    if let Some(di) = &s.di {
        addressee.push(cx.say("surat.di", &[]));
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
                [cx.say("surat.nomor", &[]), s.nomor.clone()],
                [cx.say("surat.sifat", &[]), s.sifat.clone()],
                [cx.say("surat.lampiran", &[]), s.lampiran.clone()],
                [cx.say("surat.hal", &[]), s.hal.clone()],
            ],
            addressee,
        }),
    ];
    out.extend(cx.source_blocks("surat_pengantar.isi", &s.isi));
    out.push(cx.signature(&cx.b.penandatangan.kepala, None, vec![], Align::Right));
    out
}

/// Kata Pengantar, Daftar Isi, the lists of tables and charts asked for (`lists`, each
/// on its own page) and Ikhtisar Eksekutif.
pub(super) fn front_matter(cx: &Ctx, lists: &[Captioned]) -> Vec<Block> {
    let b = cx.b;
    let mut out = vec![heading(
        1,
        None,
        &cx.say("pengantar.judul", &[]),
        "kata-pengantar",
    )];
    out.extend(cx.source_blocks("kata_pengantar", &b.kata_pengantar));
    out.push(cx.signature(
        &b.penandatangan.kepala,
        Some(cx.place_date()),
        vec![],
        Align::Right,
    ));
    out.push(Block::PageBreak);
    out.push(heading(
        1,
        None,
        &cx.say("daftar_isi.judul", &[]),
        "daftar-isi",
    ));
    out.push(Block::Toc(Toc { depth: 2 }));
    out.push(Block::PageBreak);
    for &of in lists {
        let (title, anchor) = match of {
            Captioned::Table => ("daftar_tabel.judul", "daftar-tabel"),
            Captioned::Chart => ("daftar_grafik.judul", "daftar-grafik"),
        };
        out.push(heading(1, None, &cx.say(title, &[]), anchor));
        out.push(Block::Captions(CaptionList { of }));
        out.push(Block::PageBreak);
    }
    out.push(heading(
        1,
        None,
        &cx.say("ikhtisar.judul", &[]),
        "ikhtisar-eksekutif",
    ));
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
    // The sentences are joined by a space (the paragraph ends with one when the budget
    // sentence is missing, as it always has).
    let mut text = cx.say(
        "ikhtisar.ringkasan",
        &[
            ("tahun", &cx.b.laporan.tahun.to_string()),
            ("instansi", &cx.b.instansi.nama),
            ("daerah", &cx.b.instansi.daerah),
            ("jumlah", &format::count_words(r.jumlah_iku as u64)),
            ("tercapai", &format::count_words(r.tercapai as u64)),
            ("rata_rata", &show_pct(r.rata_rata_capaian, cx.dp)),
        ],
    ) + " ";
    if r.jumlah_iku > 1 {
        text += &cx.say(
            "ikhtisar.ringkasan.tertinggi",
            &[
                ("tertinggi", &name_of(&r.tertinggi)),
                ("capaian_tertinggi", &capaian_of(&r.tertinggi)),
                ("terendah", &name_of(&r.terendah)),
                ("capaian_terendah", &capaian_of(&r.terendah)),
            ],
        );
        text += " ";
    }
    if !f.anggaran.is_empty() {
        text += &cx.say(
            "ikhtisar.ringkasan.anggaran",
            &[
                ("anggaran", &format::rupiah(f.anggaran_total, cx.money)),
                ("realisasi", &format::rupiah(f.anggaran_realisasi, cx.money)),
                ("serapan", &show_pct(f.anggaran_serapan, cx.dp)),
            ],
        );
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
            vec![cx.say("ikhtisar.tabel.judul", &[])],
            vec![6, 40, 13, 13, 13, 15],
            &cx.says(&[
                "ikhtisar.tabel.kolom.no",
                "ikhtisar.tabel.kolom.indikator",
                "ikhtisar.tabel.kolom.target",
                "ikhtisar.tabel.kolom.realisasi",
                "ikhtisar.tabel.kolom.capaian",
                "ikhtisar.tabel.kolom.kategori",
            ]),
            rows,
            None,
        ),
    ]
}

/// Lampiran: Perjanjian Kinerja and Rencana Kinerja Tahunan.
pub(super) fn appendix(cx: &Ctx) -> Vec<Block> {
    let b = cx.b;
    let y = b.laporan.tahun.to_string();
    let tahun = [("tahun", y.as_str())];
    let kepala = cx.pejabat(&b.penandatangan.kepala);
    let atasan = cx.pejabat(&b.penandatangan.atasan);
    let mut out = vec![
        heading(1, None, &cx.say("lampiran.judul", &[]), "lampiran"),
        heading(
            2,
            Some("1.".into()),
            &cx.say("lampiran.pk.judul", &tahun),
            "lampiran-pk",
        ),
        line(
            vec![bold(cx.say("lampiran.pk.kepala", &tahun))],
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
        para(vec![t(cx.say("lampiran.pk.pembuka", &[]))]),
    ];
    let (pertama, kedua) = (
        cx.say("lampiran.pk.pihak_pertama", &[]),
        cx.say("lampiran.pk.pihak_kedua", &[]),
    );
    for (who, p) in [(&pertama, kepala), (&kedua, atasan)] {
        if let Some(p) = p {
            let said =
                |id: &str, vars: &[(&str, &str)]| line(vec![t(cx.say(id, vars))], Align::Left);
            out.push(said("lampiran.pk.nama", &[("nama", &p.nama)]));
            out.push(said("lampiran.pk.jabatan", &[("jabatan", &p.jabatan)]));
            out.push(said("lampiran.pk.disebut", &[("pihak", who)]));
        }
    }
    out.push(para(vec![t(cx.say("lampiran.pk.janji", &[]))]));
    out.push(para(vec![t(cx.say("lampiran.pk.supervisi", &[]))]));
    out.push(target_table(cx, cx.say("lampiran.pk.tabel.judul", &tahun)));
    let mut left_roles = vec![format!("{kedua},")];
    let mut right_roles = vec![format!("{pertama},")];
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
        &cx.say("lampiran.rkt.judul", &tahun),
        "lampiran-rkt",
    ));
    out.push(target_table(cx, cx.say("lampiran.rkt.tabel.judul", &tahun)));
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
        &cx.says(&[
            "lampiran.tabel.kolom.no",
            "lampiran.tabel.kolom.sasaran",
            "lampiran.tabel.kolom.indikator",
            "lampiran.tabel.kolom.target",
        ]),
        body,
        None,
    )
}
