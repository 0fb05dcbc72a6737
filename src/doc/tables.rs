//! The generated tables of the report. Every figure comes from `Figures` and is formatted
//! by the same functions as the prose (`format::show_*`), so a number printed
//! in a table and in a sentence can never differ.

use crate::bundle::{
    BarisStatistik, Indikator, Polaritas, RincianPegawai, RumusNegatif, Sasaran, SkalaBand,
    Statistik, TabelStatistik,
};
use crate::figures::{self, IndikatorFig, RincianFig};
use crate::format::{self, show_diff, show_measure, show_pct, show_stat, show_value, show_words};

use super::build::{Ctx, PENDING_TABLE, cell, hcell, para, row, t, table};
use super::ir::*;

const C: Align = Align::Center;
const L: Align = Align::Left;
const R: Align = Align::Right;

/// Indicators with their sasaran and figures, in order.
fn indicators<'a>(
    cx: &'a Ctx,
) -> impl Iterator<Item = (&'a Sasaran, &'a Indikator, &'a IndikatorFig)> + 'a {
    cx.b.sasaran
        .iter()
        .flat_map(|s| s.indikator.iter().map(move |k| (s, k)))
        .zip(&cx.f.indikator)
        .map(|((s, k), f)| (s, k, f))
}

fn total_row(cells: Vec<Cell>) -> Row {
    row(cells
        .into_iter()
        .map(|c| Cell { bold: true, ..c })
        .collect())
}

/// A declared context table: one column per period, one row per series or rate (sub-rows
/// lettered), the source and the formula of every rate shown underneath.
pub(super) fn statistik(cx: &Ctx, st: &Statistik, t: &TabelStatistik) -> Block {
    let figs = &cx.f.statistik;
    let columns: Vec<usize> = if t.periode.is_empty() {
        (0..st.periode.len()).collect()
    } else {
        t.periode
            .iter()
            .filter_map(|id| st.periode.iter().position(|p| &p.id == id))
            .collect()
    };
    let n = columns.len();
    let labels: Vec<String> = columns
        .iter()
        .map(|&i| st.periode[i].label.to_uppercase())
        .collect();
    // A unit the cells do not print ("jiwa", "per 1.000 penduduk") gets a Satuan column.
    let unit = |id: &str| {
        figs.get(id)
            .map_or(String::new(), |s| s.satuan.trim().to_string())
    };
    let ids = t
        .baris
        .iter()
        .flat_map(|r| std::iter::once(r).chain(&r.rincian));
    let with_unit = ids
        .clone()
        .any(|r| !matches!(unit(&r.id).as_str(), "" | "%"));
    let mut titles = cx.says(&["tabel.statistik.kolom.no", "tabel.statistik.kolom.uraian"]);
    if with_unit {
        titles.push(cx.say("tabel.statistik.kolom.satuan", &[]));
    }
    titles.extend(labels);
    let label_of = |row: &BarisStatistik| -> String {
        if let Some(l) = &row.label {
            return l.clone();
        }
        match st.laju.iter().find(|l| l.id == row.id) {
            Some(l) => match &l.singkatan {
                Some(s) => format!("{} ({s})", l.nama),
                None => l.nama.clone(),
            },
            None => figs.get(&row.id).map_or(row.id.clone(), |s| s.nama.clone()),
        }
    };
    let values = |id: &str| -> Vec<Cell> {
        let stat = figs.get(id);
        columns
            .iter()
            .map(|&i| {
                let text = stat.map_or("-".into(), |s| {
                    show_stat(
                        s.nilai.get(i).copied().flatten(),
                        &s.nilai,
                        &s.satuan,
                        s.laju,
                        cx.dp,
                    )
                });
                cell(text, R)
            })
            .collect()
    };
    let mut body = Vec::new();
    let mut rates = Vec::new();
    for (k, r) in t.baris.iter().enumerate() {
        let mut cells = vec![cell((k + 1).to_string(), C), cell(label_of(r), L)];
        if with_unit {
            cells.push(cell(unit(&r.id), C));
        }
        cells.extend(values(&r.id));
        body.push(row(cells));
        rates.push(&r.id);
        for (j, sub) in r.rincian.iter().enumerate() {
            let mut cells = vec![
                cell("", C),
                cell(
                    format!("{}. {}", format::alpha_lower(j as u32 + 1), label_of(sub)),
                    L,
                ),
            ];
            if with_unit {
                cells.push(cell(unit(&sub.id), C));
            }
            cells.extend(values(&sub.id));
            body.push(row(cells));
            rates.push(&sub.id);
        }
    }
    let formulas: Vec<String> = rates
        .iter()
        .filter_map(|id| st.laju.iter().find(|l| &&l.id == id))
        .map(|l| {
            let name = |sid: &str| figs.get(sid).map_or(sid.to_string(), |s| s.nama.clone());
            let times = if l.pengali.0 == rust_decimal::Decimal::ONE {
                String::new()
            } else {
                format!(
                    " × {}",
                    format::number(l.pengali.0, l.pengali.0.normalize().scale())
                )
            };
            format!(
                "{} = {} / {}{times}",
                l.singkatan.clone().unwrap_or_else(|| l.nama.clone()),
                name(&l.pembilang),
                name(&l.penyebut),
            )
        })
        .collect();
    let mut note: Vec<String> = Vec::new();
    if let Some(src) = &t.sumber {
        note.push(cx.say("tabel.statistik.sumber", &[("sumber", src)]));
    }
    if !formulas.is_empty() {
        note.push(format!("{}.", formulas.join("; ")));
    }
    // Period columns share 56 % of the width, at most 20 % each; the label takes the rest.
    let col = (56 / n.max(1) as u32).min(20);
    let mut widths = vec![6, 94 - col * n as u32];
    if with_unit {
        widths[1] -= 12;
        widths.push(12);
    }
    widths.extend(std::iter::repeat_n(col, n));
    table(
        vec![PENDING_TABLE.into(), t.judul.clone()],
        widths,
        &titles,
        body,
        (!note.is_empty()).then(|| note.join(" ")),
    )
}

/// The staff table: PNS per golongan per year with totals; PPPK columns when any year
/// gives PPPK.
pub(super) fn pegawai(cx: &Ctx) -> Block {
    let with_pppk = cx.b.pegawai.per_tahun.iter().any(|p| p.pppk.is_some());
    let body =
        cx.b.pegawai
            .per_tahun
            .iter()
            .zip(&cx.f.pegawai)
            .map(|(p, f)| {
                let mut cells = vec![
                    cell(p.tahun.to_string(), C),
                    cell(format::count(p.pns.i.into()), C),
                    cell(format::count(p.pns.ii.into()), C),
                    cell(format::count(p.pns.iii.into()), C),
                    cell(format::count(p.pns.iv.into()), C),
                ];
                if with_pppk {
                    cells.push(cell(format::count(f.pns), C));
                    cells.push(cell(format::count(f.pppk), C));
                }
                cells.push(Cell {
                    bold: true,
                    ..cell(format::count(f.jumlah), C)
                });
                row(cells)
            })
            .collect();
    let golongan = [
        "tabel.pegawai.kolom.tahun",
        "tabel.pegawai.kolom.gol_i",
        "tabel.pegawai.kolom.gol_ii",
        "tabel.pegawai.kolom.gol_iii",
        "tabel.pegawai.kolom.gol_iv",
    ];
    let (title, widths, heads): (&str, Vec<u32>, Vec<&str>) = if with_pppk {
        (
            "tabel.pegawai.judul_pppk",
            vec![14, 11, 11, 11, 11, 14, 13, 15],
            [
                &golongan[..],
                &[
                    "tabel.pegawai.kolom.jumlah_pns",
                    "tabel.pegawai.kolom.pppk",
                    "tabel.pegawai.kolom.jumlah",
                ],
            ]
            .concat(),
        )
    } else {
        (
            "tabel.pegawai.judul",
            vec![20, 15, 15, 15, 15, 20],
            [&golongan[..], &["tabel.pegawai.kolom.jumlah"]].concat(),
        )
    };
    let heads = cx.says(&heads);
    table(
        vec![PENDING_TABLE.into(), cx.say(title, &[])],
        widths,
        &heads,
        body,
        None,
    )
}

/// A staff breakdown (e.g. by education): one row per category, one column per year, and
/// the computed total row.
pub(super) fn pegawai_rincian(cx: &Ctx, r: &RincianPegawai, f: &RincianFig) -> Block {
    let n = f.tahun.len();
    let mut titles = cx.says(&[
        "tabel.rincian_pegawai.kolom.no",
        "tabel.rincian_pegawai.kolom.uraian",
    ]);
    titles.extend(f.tahun.iter().map(|y| y.to_string()));
    let mut body: Vec<Row> = r
        .baris
        .iter()
        .enumerate()
        .map(|(i, b)| {
            let mut cells = vec![cell((i + 1).to_string(), C), cell(b.nama.clone(), L)];
            cells.extend(f.tahun.iter().map(|y| {
                cell(
                    b.jumlah
                        .get(&crate::bundle::scalar::Year(*y))
                        .map_or("-".into(), |&n| format::count(n.into())),
                    C,
                )
            }));
            row(cells)
        })
        .collect();
    let mut total = vec![Cell {
        colspan: 2,
        ..cell(cx.say("tabel.jumlah", &[]), C)
    }];
    total.extend(f.jumlah.iter().map(|&n| cell(format::count(n), C)));
    body.push(total_row(total));
    let mut widths = vec![8, 44];
    widths.extend(std::iter::repeat_n(48 / n.max(1) as u32, n));
    table(
        vec![PENDING_TABLE.into(), r.judul.clone()],
        widths,
        &titles,
        body,
        None,
    )
}

/// Assets with a total row.
pub(super) fn aset(cx: &Ctx) -> Block {
    let money = format::MoneyColumn::of(
        cx.b.aset.iter().map(|a| a.nilai.0).chain([cx.f.aset_total]),
        cx.money,
    );
    let mut body: Vec<Row> =
        cx.b.aset
            .iter()
            .enumerate()
            .map(|(i, a)| {
                row(vec![
                    cell((i + 1).to_string(), C),
                    cell(a.nama.clone(), L),
                    cell(show_value(Some(a.jumlah.0), "", cx.dp), C),
                    cell(a.satuan.clone(), C),
                    cell(money.show(a.nilai.0), R),
                ])
            })
            .collect();
    body.push(total_row(vec![
        Cell {
            colspan: 4,
            ..cell(cx.say("tabel.jumlah", &[]), C)
        },
        cell(money.show(cx.f.aset_total), R),
    ]));
    table(
        vec![PENDING_TABLE.into(), cx.say("tabel.aset.judul", &[])],
        vec![6, 42, 10, 12, 30],
        &cx.says(&[
            "tabel.aset.kolom.no",
            "tabel.aset.kolom.jenis",
            "tabel.aset.kolom.jumlah",
            "tabel.aset.kolom.satuan",
            "tabel.aset.kolom.nilai",
        ]),
        body,
        None,
    )
}

/// Rows grouping indicators under their sasaran (rowspan), with `extra` cells per indicator.
fn by_sasaran(
    cx: &Ctx,
    numbered: bool,
    extra: &dyn Fn(&Indikator, &IndikatorFig) -> Vec<Cell>,
) -> Vec<Row> {
    let mut rows = Vec::new();
    let mut no = 0;
    let mut last: Option<&str> = None;
    for (s, k, f) in indicators(cx) {
        let mut cells = Vec::new();
        if last != Some(s.id.as_str()) {
            no += 1;
            let n = s.indikator.len() as u32;
            if numbered {
                cells.push(Cell {
                    rowspan: n,
                    ..cell(no.to_string(), C)
                });
            }
            cells.push(Cell {
                rowspan: n,
                ..cell(s.nama.clone(), L)
            });
            last = Some(s.id.as_str());
        }
        cells.push(cell(k.nama.clone(), L));
        cells.extend(extra(k, f));
        rows.push(row(cells));
    }
    rows
}

/// sasaran, indicators and targets of the report year.
pub(super) fn sasaran(cx: &Ctx) -> Block {
    let y = cx.b.laporan.tahun.to_string();
    let body = by_sasaran(cx, true, &|k, f| {
        vec![
            cell(k.satuan.clone(), C),
            cell(show_measure(f.target, &k.satuan, cx.dp, f.desimal), C),
        ]
    });
    let mut titles = cx.says(&[
        "tabel.sasaran.kolom.no",
        "tabel.sasaran.kolom.sasaran",
        "tabel.sasaran.kolom.indikator",
        "tabel.sasaran.kolom.satuan",
    ]);
    titles.push(cx.say("tabel.sasaran.kolom.target", &[("tahun", &y)]));
    table(
        vec![PENDING_TABLE.into(), cx.say("tabel.sasaran.judul", &[])],
        vec![6, 36, 32, 12, 14],
        &titles,
        body,
        None,
    )
}

/// the IKU with formula, polarity and responsible unit.
pub(super) fn iku(cx: &Ctx) -> Block {
    let unit_name = |id: &Option<String>| {
        id.as_ref()
            .and_then(|id| cx.b.organisasi.unit.iter().find(|u| &u.id == id))
            .map_or("-".to_string(), |u| u.nama.clone())
    };
    // The Formulasi column only when some indicator states its formula.
    let with_formula = indicators(cx).any(|(_, k, _)| k.formulasi.is_some());
    let body = indicators(cx)
        .enumerate()
        .map(|(i, (_, k, _))| {
            let mut cells = vec![cell((i + 1).to_string(), C), cell(k.nama.clone(), L)];
            if with_formula {
                cells.push(cell(k.formulasi.clone().unwrap_or_else(|| "-".into()), L));
            }
            cells.push(cell(
                cx.say(
                    match k.polaritas {
                        Polaritas::Positif => "polaritas.positif",
                        Polaritas::Negatif => "polaritas.negatif",
                    },
                    &[],
                ),
                C,
            ));
            cells.push(cell(unit_name(&k.unit), L));
            row(cells)
        })
        .collect();
    let (widths, titles): (Vec<u32>, Vec<&str>) = if with_formula {
        (
            vec![6, 30, 32, 12, 20],
            vec![
                "tabel.iku.kolom.no",
                "tabel.iku.kolom.indikator",
                "tabel.iku.kolom.formulasi",
                "tabel.iku.kolom.polaritas",
                "tabel.iku.kolom.penanggung_jawab",
            ],
        )
    } else {
        (
            vec![6, 52, 14, 28],
            vec![
                "tabel.iku.kolom.no",
                "tabel.iku.kolom.indikator",
                "tabel.iku.kolom.polaritas",
                "tabel.iku.kolom.penanggung_jawab",
            ],
        )
    };
    table(
        vec![PENDING_TABLE.into(), cx.say("tabel.iku.judul", &[])],
        widths,
        &cx.says(&titles),
        body,
        None,
    )
}

/// sasaran and their programs.
pub(super) fn program(cx: &Ctx) -> Block {
    // When the bundle marks priorities, only the priority programs are listed.
    let marked = cx.b.program.iter().any(|p| p.prioritas.is_some());
    let body =
        cx.b.sasaran
            .iter()
            .enumerate()
            .map(|(i, s)| {
                let progs: Vec<String> =
                    cx.b.program
                        .iter()
                        .filter(|p| p.sasaran.contains(&s.id))
                        .filter(|p| !marked || p.prioritas == Some(true))
                        .map(|p| p.nama.clone())
                        .collect();
                row(vec![
                    cell((i + 1).to_string(), C),
                    cell(s.nama.clone(), L),
                    cell(
                        if progs.is_empty() {
                            "-".into()
                        } else {
                            progs.join("; ")
                        },
                        L,
                    ),
                ])
            })
            .collect();
    table(
        vec![PENDING_TABLE.into(), cx.say("tabel.program.judul", &[])],
        vec![6, 50, 44],
        &cx.says(&[
            "tabel.program.kolom.no",
            "tabel.program.kolom.sasaran",
            "tabel.program.kolom.program",
        ]),
        body,
        None,
    )
}

fn band_text(cx: &Ctx, b: &SkalaBand) -> String {
    let n = |d: &crate::bundle::Batas| format::number(d.nilai.0, d.nilai.0.normalize().scale());
    match (&b.dari, &b.sampai) {
        (None, Some(s)) => format!("{} {}%", if s.inklusif { "≤" } else { "<" }, n(s)),
        (Some(d), None) => format!("{} {}%", if d.inklusif { "≥" } else { ">" }, n(d)),
        (Some(d), Some(s)) => cx.say(
            "skala.batas.antara",
            &[
                (
                    "dari",
                    &format!("{}{}%", if d.inklusif { "" } else { "> " }, n(d)),
                ),
                (
                    "sampai",
                    &format!("{}{}%", if s.inklusif { "" } else { "< " }, n(s)),
                ),
            ],
        ),
        (None, None) => cx.say("skala.batas.semua", &[]),
    }
}

/// the rating scale, and its mirror for negative indicators read on
/// the ratio realisasi/target.
pub(super) fn skala(cx: &Ctx) -> Vec<Block> {
    let scale = figures::scale_of(cx.b);
    let rows = |bands: &[SkalaBand]| -> Vec<Row> {
        bands
            .iter()
            .enumerate()
            .map(|(i, b)| {
                row(vec![
                    cell((i + 1).to_string(), C),
                    cell(band_text(cx, b), C),
                    cell(b.nilai.to_string(), C),
                    cell(b.predikat.clone(), C),
                ])
            })
            .collect()
    };
    // The formulas in use by negative indicators (goal indicators count too: the
    // labour office's TPT is one), each with its own mirror table.
    let default_rule =
        cx.b.tata_letak
            .as_ref()
            .and_then(|t| t.rumus_negatif)
            .unwrap_or_default();
    let mut rules: Vec<RumusNegatif> = Vec::new();
    let negative_rules =
        cx.b.sasaran
            .iter()
            .flat_map(|s| &s.indikator)
            .filter(|k| k.polaritas == Polaritas::Negatif)
            .map(|k| k.rumus_negatif.unwrap_or(default_rule))
            .chain(
                cx.b.tujuan
                    .iter()
                    .flat_map(|t| &t.indikator)
                    .filter(|k| k.polaritas == Polaritas::Negatif)
                    .map(|_| default_rule),
            );
    for r in negative_rules {
        if !rules.contains(&r) {
            rules.push(r);
        }
    }
    let mut out = vec![
        para(vec![t(cx.say("skala.pengantar", &[]))]),
        table(
            vec![PENDING_TABLE.into(), cx.say("tabel.skala.judul", &[])],
            vec![8, 40, 17, 35],
            &cx.says(&[
                "tabel.skala.kolom.no",
                "tabel.skala.kolom.capaian",
                "tabel.skala.kolom.nilai",
                "tabel.skala.kolom.kategori",
            ]),
            rows(&scale),
            Some(cx.say("tabel.skala.catatan", &[])),
        ),
    ];
    for rule in &rules {
        let formula = match rule {
            // No-break spaces: a formula never wraps inside.
            RumusNegatif::DuaTKurangR => {
                "(2T\u{a0}\u{2212}\u{a0}R)\u{a0}/\u{a0}T\u{a0}\u{d7}\u{a0}100%"
            }
            RumusNegatif::TBagiR => "T\u{a0}/\u{a0}R\u{a0}\u{d7}\u{a0}100%",
        };
        let rumus = [("rumus", formula)];
        out.push(para(vec![t(cx.say("skala.negatif.pengantar", &rumus))]));
        let caption = if rules.len() > 1 {
            cx.say("tabel.skala_negatif.judul_rumus", &rumus)
        } else {
            cx.say("tabel.skala_negatif.judul", &[])
        };
        out.push(table(
            vec![PENDING_TABLE.into(), caption],
            vec![8, 40, 17, 35],
            &cx.says(&[
                "tabel.skala_negatif.kolom.no",
                "tabel.skala_negatif.kolom.rasio",
                "tabel.skala_negatif.kolom.nilai",
                "tabel.skala_negatif.kolom.kategori",
            ]),
            rows(&figures::mirror_scale(&scale, *rule, cx.dp)),
            None,
        ));
    }
    out
}

/// Goal indicators over the years.
pub(super) fn tujuan(cx: &Ctx) -> Block {
    let mut body = Vec::new();
    for (k, f) in
        cx.b.tujuan
            .iter()
            .flat_map(|t| &t.indikator)
            .zip(&cx.f.tujuan)
    {
        let years: Vec<_> = f.tahunan.iter().rev().take(3).rev().collect();
        for (j, y) in years.iter().enumerate() {
            let mut cells = Vec::new();
            if j == 0 {
                cells.push(Cell {
                    rowspan: years.len() as u32,
                    ..cell(k.nama.clone(), L)
                });
            }
            cells.push(cell(y.tahun.to_string(), C));
            cells.push(cell(show_measure(y.target, &k.satuan, cx.dp, f.desimal), C));
            cells.push(cell(
                show_measure(y.realisasi, &k.satuan, cx.dp, f.desimal),
                C,
            ));
            cells.push(cell(show_pct(y.capaian, cx.dp), C));
            body.push(row(cells));
        }
    }
    table(
        vec![PENDING_TABLE.into(), cx.say("tabel.tujuan.judul", &[])],
        vec![36, 12, 16, 18, 18],
        &cx.says(&[
            "tabel.tujuan.kolom.indikator",
            "tabel.tujuan.kolom.tahun",
            "tabel.tujuan.kolom.target",
            "tabel.tujuan.kolom.realisasi",
            "tabel.tujuan.kolom.capaian",
        ]),
        body,
        None,
    )
}

/// Pengukuran Kinerja with capaian and category.
pub(super) fn pengukuran(cx: &Ctx) -> Block {
    let body = by_sasaran(cx, true, &|k, f| {
        vec![
            cell(k.satuan.clone(), C),
            cell(show_measure(f.target, &k.satuan, cx.dp, f.desimal), C),
            cell(show_measure(f.realisasi, &k.satuan, cx.dp, f.desimal), C),
            cell(show_pct(f.capaian, cx.dp), C),
            cell(
                f.kategori
                    .as_ref()
                    .map_or("-".into(), |r| r.predikat.clone()),
                C,
            ),
        ]
    });
    table(
        vec![
            PENDING_TABLE.into(),
            cx.say(
                "tabel.pengukuran.judul",
                &[("tahun", &cx.b.laporan.tahun.to_string())],
            ),
        ],
        vec![5, 21, 22, 10, 9, 11, 11, 11],
        &cx.says(&[
            "tabel.pengukuran.kolom.no",
            "tabel.pengukuran.kolom.sasaran",
            "tabel.pengukuran.kolom.indikator",
            "tabel.pengukuran.kolom.satuan",
            "tabel.pengukuran.kolom.target",
            "tabel.pengukuran.kolom.realisasi",
            "tabel.pengukuran.kolom.capaian",
            "tabel.pengukuran.kolom.kategori",
        ]),
        body,
        None,
    )
}

/// realisation over the last three years and the change.
pub(super) fn tiga_tahun(cx: &Ctx) -> Block {
    let y = cx.b.laporan.tahun.0;
    let years = [y - 2, y - 1, y];
    let body = by_sasaran(cx, false, &|k, f| {
        let mut cells: Vec<Cell> = years
            .iter()
            .map(|yy| {
                cell(
                    show_measure(
                        f.tahunan
                            .iter()
                            .find(|x| x.tahun == *yy)
                            .and_then(|x| x.realisasi),
                        &k.satuan,
                        cx.dp,
                        f.desimal,
                    ),
                    C,
                )
            })
            .collect();
        cells.push(cell(show_diff(f.selisih, &k.satuan, cx.dp, f.desimal), C));
        cells
    });
    let mut titles = cx.says(&[
        "tabel.tiga_tahun.kolom.sasaran",
        "tabel.tiga_tahun.kolom.indikator",
    ]);
    titles.extend(years.iter().map(|y| {
        cx.say(
            "tabel.tiga_tahun.kolom.realisasi",
            &[("tahun", &y.to_string())],
        )
    }));
    titles.push(cx.say("tabel.tiga_tahun.kolom.selisih", &[]));
    table(
        vec![PENDING_TABLE.into(), cx.say("tabel.tiga_tahun.judul", &[])],
        vec![26, 26, 12, 12, 12, 12],
        &titles,
        body,
        None,
    )
}

/// progress against the Renstra end target.
pub(super) fn renstra(cx: &Ctx) -> Block {
    let body = by_sasaran(cx, false, &|k, f| {
        vec![
            cell(
                show_measure(Some(k.target_renstra.0), &k.satuan, cx.dp, f.desimal),
                C,
            ),
            cell(
                show_measure(f.realisasi_renstra, &k.satuan, cx.dp, f.desimal),
                C,
            ),
            cell(show_pct(f.kemajuan, cx.dp), C),
        ]
    });
    let p = &cx.b.laporan.periode_renstra;
    let title = match (p.first(), p.last()) {
        (Some(a), Some(b)) => cx.say(
            "tabel.renstra.judul",
            &[
                ("tahun_awal", &a.to_string()),
                ("tahun_akhir", &b.to_string()),
            ],
        ),
        _ => cx.say("tabel.renstra.judul_tanpa_periode", &[]),
    };
    table(
        vec![PENDING_TABLE.into(), title],
        vec![28, 28, 15, 14, 15],
        &cx.says(&[
            "tabel.renstra.kolom.sasaran",
            "tabel.renstra.kolom.indikator",
            "tabel.renstra.kolom.target_akhir",
            "tabel.renstra.kolom.realisasi",
            "tabel.renstra.kolom.kemajuan",
        ]),
        body,
        None,
    )
}

/// comparison with the national figure ("-" where none).
pub(super) fn nasional(cx: &Ctx) -> Block {
    let body = by_sasaran(cx, false, &|k, f| {
        vec![
            cell(show_measure(f.realisasi, &k.satuan, cx.dp, f.desimal), C),
            cell(
                show_measure(k.nasional.map(|d| d.0), &k.satuan, cx.dp, f.desimal),
                C,
            ),
            cell(
                show_diff(f.selisih_nasional, &k.satuan, cx.dp, f.desimal),
                C,
            ),
        ]
    });
    table(
        vec![PENDING_TABLE.into(), cx.say("tabel.nasional.judul", &[])],
        vec![28, 28, 15, 15, 14],
        &[
            cx.say("tabel.nasional.kolom.sasaran", &[]),
            cx.say("tabel.nasional.kolom.indikator", &[]),
            cx.say(
                "tabel.nasional.kolom.realisasi",
                &[("tahun", &cx.b.laporan.tahun.to_string())],
            ),
            cx.say("tabel.nasional.kolom.nasional", &[]),
            cx.say("tabel.nasional.kolom.selisih", &[]),
        ],
        body,
        None,
    )
}

/// allocation per sasaran with share and total.
pub(super) fn alokasi(cx: &Ctx) -> Block {
    let money = format::MoneyColumn::of(
        cx.f.anggaran
            .iter()
            .flat_map(|a| std::iter::once(a.alokasi).chain(a.program.iter().map(|p| p.alokasi)))
            .chain([cx.f.anggaran_total]),
        cx.money,
    );
    let mut body: Vec<Row> =
        cx.f.anggaran
            .iter()
            .enumerate()
            .flat_map(|(i, a)| {
                let s = cx.b.sasaran.iter().find(|s| s.id == a.sasaran);
                let inds: Vec<String> = s
                    .map(|s| s.indikator.iter().map(|k| k.nama.clone()).collect())
                    .unwrap_or_default();
                let mut rows = vec![row(vec![
                    cell((i + 1).to_string(), C),
                    cell(s.map_or(String::new(), |s| s.nama.clone()), L),
                    cell(inds.join("; "), L),
                    cell(money.show(a.alokasi), R),
                    cell(show_pct(a.porsi, cx.dp), C),
                ])];
                // The programs of the sasaran, when the budget is given per program.
                rows.extend(a.program.iter().map(|p| {
                    let name =
                        cx.b.program
                            .iter()
                            .find(|x| x.id == p.program)
                            .map_or(p.program.clone(), |x| x.nama.clone());
                    row(vec![
                        cell("", C),
                        Cell {
                            colspan: 2,
                            ..cell(format!("\u{2013} {name}"), L)
                        },
                        cell(money.show(p.alokasi), R),
                        cell(show_pct(p.porsi, cx.dp), C),
                    ])
                }));
                rows
            })
            .collect();
    let share_total: Option<rust_decimal::Decimal> = cx.f.anggaran.iter().map(|a| a.porsi).sum();
    body.push(total_row(vec![
        Cell {
            colspan: 3,
            ..cell(cx.say("tabel.jumlah", &[]), C)
        },
        cell(money.show(cx.f.anggaran_total), R),
        cell(show_pct(share_total, cx.dp), C),
    ]));
    table(
        vec![PENDING_TABLE.into(), cx.say("tabel.alokasi.judul", &[])],
        vec![5, 30, 28, 24, 13],
        &cx.says(&[
            "tabel.alokasi.kolom.no",
            "tabel.alokasi.kolom.sasaran",
            "tabel.alokasi.kolom.indikator",
            "tabel.alokasi.kolom.anggaran",
            "tabel.alokasi.kolom.porsi",
        ]),
        body,
        None,
    )
}

/// The generated sentences after Tabel 3.2.1: total, largest allocation, in words.
pub(super) fn alokasi_kalimat(cx: &Ctx, table_ref: &str) -> Vec<Block> {
    let f = cx.f;
    let Some(max) = f.anggaran.iter().max_by_key(|a| a.alokasi) else {
        return vec![];
    };
    let s = cx.b.sasaran.iter().find(|s| s.id == max.sasaran);
    vec![para(cx.say_spans(
        "alokasi.kalimat",
        &[
            ("tabel", table_ref),
            ("tahun", &cx.b.laporan.tahun.to_string()),
            ("total", &format::rupiah(f.anggaran_total, cx.money)),
            ("total_terbilang", &show_words(f.anggaran_total)),
            ("sasaran", s.map_or("", |s| s.nama.as_str())),
            ("terbesar", &format::rupiah(max.alokasi, cx.money)),
            ("terbesar_terbilang", &show_words(max.alokasi)),
            ("porsi", &show_pct(max.porsi, cx.dp)),
            ("realisasi", &format::rupiah(f.anggaran_realisasi, cx.money)),
            ("serapan", &show_pct(f.anggaran_serapan, cx.dp)),
        ],
        &["terbesar_terbilang"],
    ))]
}

/// performance and budget side by side, two-level header (landscape).
pub(super) fn kinerja_anggaran(cx: &Ctx) -> Block {
    let anggaran = &cx.f.anggaran;
    let allocated = format::MoneyColumn::of(
        anggaran
            .iter()
            .map(|a| a.alokasi)
            .chain([cx.f.anggaran_total]),
        cx.money,
    );
    let spent = format::MoneyColumn::of(
        anggaran
            .iter()
            .map(|a| a.realisasi)
            .chain([cx.f.anggaran_realisasi]),
        cx.money,
    );
    let h = |id: &str, colspan, rowspan| hcell(&cx.say(id, &[]), colspan, rowspan);
    let header = vec![
        row(vec![
            h("tabel.kinerja_anggaran.kolom.sasaran", 1, 2),
            h("tabel.kinerja_anggaran.kolom.indikator", 1, 2),
            h("tabel.kinerja_anggaran.kolom.kinerja", 3, 1),
            h("tabel.kinerja_anggaran.kolom.anggaran", 3, 1),
            h("tabel.kinerja_anggaran.kolom.efisiensi", 1, 2),
        ]),
        row(vec![
            h("tabel.kinerja_anggaran.kolom.target", 1, 1),
            h("tabel.kinerja_anggaran.kolom.realisasi", 1, 1),
            h("tabel.kinerja_anggaran.kolom.capaian", 1, 1),
            h("tabel.kinerja_anggaran.kolom.alokasi", 1, 1),
            h("tabel.kinerja_anggaran.kolom.realisasi_anggaran", 1, 1),
            h("tabel.kinerja_anggaran.kolom.serapan", 1, 1),
        ]),
    ];
    let mut body = Vec::new();
    for a in &cx.f.anggaran {
        let Some(s) = cx.b.sasaran.iter().find(|s| s.id == a.sasaran) else {
            continue;
        };
        let figs: Vec<(&Indikator, &IndikatorFig)> = s
            .indikator
            .iter()
            .filter_map(|k| cx.f.indikator.iter().find(|f| f.id == k.id).map(|f| (k, f)))
            .collect();
        let n = figs.len().max(1) as u32;
        for (j, (k, f)) in figs.iter().enumerate() {
            let mut cells = Vec::new();
            if j == 0 {
                cells.push(Cell {
                    rowspan: n,
                    ..cell(s.nama.clone(), L)
                });
            }
            cells.push(cell(k.nama.clone(), L));
            cells.push(cell(show_measure(f.target, &k.satuan, cx.dp, f.desimal), C));
            cells.push(cell(
                show_measure(f.realisasi, &k.satuan, cx.dp, f.desimal),
                C,
            ));
            cells.push(cell(show_pct(f.capaian, cx.dp), C));
            if j == 0 {
                let eff = match (a.efisiensi, a.efisien) {
                    (Some(e), Some(ok)) => format!(
                        "{} ({})",
                        format::number(e, cx.dp),
                        cx.say(
                            if ok {
                                "analisis.efisiensi.efisien"
                            } else {
                                "analisis.efisiensi.tidak_efisien"
                            },
                            &[]
                        )
                    ),
                    _ => "-".into(),
                };
                cells.push(Cell {
                    rowspan: n,
                    ..cell(allocated.show(a.alokasi), R)
                });
                cells.push(Cell {
                    rowspan: n,
                    ..cell(spent.show(a.realisasi), R)
                });
                cells.push(Cell {
                    rowspan: n,
                    ..cell(show_pct(a.serapan, cx.dp), C)
                });
                cells.push(Cell {
                    rowspan: n,
                    ..cell(eff, C)
                });
            }
            body.push(row(cells));
        }
    }
    body.push(total_row(vec![
        Cell {
            colspan: 5,
            // The serapan of this row is of the totals, not a mean of the rows.
            ..cell(cx.say("tabel.jumlah", &[]), C)
        },
        cell(allocated.show(cx.f.anggaran_total), R),
        cell(spent.show(cx.f.anggaran_realisasi), R),
        cell(show_pct(cx.f.anggaran_serapan, cx.dp), C),
        cell("", C),
    ]));
    Block::Table(Table {
        caption: vec![
            PENDING_TABLE.into(),
            cx.say("tabel.kinerja_anggaran.judul", &[]),
        ],
        widths: vec![17, 17, 7, 8, 8, 14, 14, 7, 8],
        header,
        body,
        size_pt: 9,
        note: Some(
            cx.say(
                match cx
                    .b
                    .tata_letak
                    .as_ref()
                    .and_then(|t| t.efisiensi)
                    .unwrap_or_default()
                {
                    crate::bundle::MetodeEfisiensi::Rasio => "tabel.kinerja_anggaran.catatan.rasio",
                    crate::bundle::MetodeEfisiensi::Selisih => {
                        "tabel.kinerja_anggaran.catatan.selisih"
                    }
                },
                &[],
            ),
        ),
        anchor: None,
        origin: Default::default(),
    })
}
