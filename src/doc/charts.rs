//! The chart components of the outline: what each chart shows, its caption and its alt
//! text, decided here from the computed figures (values exact, labels formatted by
//! `crate::format` and the placeholders' `show_*`); `crate::charts` only draws. Every chart
//! is registered in `Ctx::images` under a unique key and placed as a `Block::Image`
//! followed by its caption, which `chapters::number` numbers ("Grafik 1.1").
//!
//! Sizes: a chart is drawn in points as wide as the text block and printed 1:1, so its
//! text keeps the size it was drawn at; the organisation chart takes a landscape page when
//! it is too tall for a portrait one. No float here: the charts module converts.

use rust_decimal::Decimal;

use crate::bundle::{JenisUnit, Polaritas, Unit};
use crate::charts::hbars::{self, HBars};
use crate::charts::panels::{Bar, Panel, Panels};
use crate::charts::{self, Chart};
use crate::format;
use crate::format::{show_measure, show_pct, show_stat};

use super::build::{Ctx, PENDING_FIGURE, bold, line, t};
use super::ir::*;

/// Key of the staff chart in `Document::images` (the first one, when placed twice).
pub const STAFF_CHART_KEY: &str = "grafik-pegawai.svg";

/// Room kept under a chart for its caption, in mm.
const CAPTION_MM: u32 = 20;

/// Text block of the page in points (portrait: width, height; landscape: the other way).
fn text_block_pt(cx: &Ctx, landscape: bool) -> (u32, u32) {
    let orientation = if landscape {
        Orientation::Landscape
    } else {
        Orientation::Portrait
    };
    let (w, h) = cx.page.text_block_mm(orientation);
    (w * 720 / 254, h.saturating_sub(CAPTION_MM) * 720 / 254)
}

/// The base of a chart's image key: the outline item's id (or the component's name) as
/// a plain file name.
pub(super) fn key_base(id: Option<&str>, kind: &str) -> String {
    id.unwrap_or(kind)
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                c
            } else {
                '-'
            }
        })
        .collect()
}

/// Register an SVG under a key made unique, returning the key.
fn add(cx: &Ctx, base: &str, svg: String, width_px: u32, height_px: u32) -> String {
    let mut images = cx.images.borrow_mut();
    let mut key = format!("{base}.svg");
    let mut n = 1;
    while images.iter().any(|i| i.key == key) {
        n += 1;
        key = format!("{base}-{n}.svg");
    }
    images.push(ImageAsset {
        key: key.clone(),
        png: Vec::new(),
        svg: Some(svg),
        width_px,
        height_px,
    });
    key
}

/// Alt text of a bar chart: "Grafik batang <title>. <one part per bar group>."
fn bar_alt(cx: &Ctx, title: &str, parts: &[String]) -> String {
    cx.say(
        "grafik.alt.batang",
        &[
            ("judul", &title.to_lowercase()),
            ("data", &parts.join("; ")),
        ],
    )
}

/// The image of a chart and its pending caption.
fn placed(cx: &Ctx, base: &str, chart: Chart, title: &str, alt: String) -> Vec<Block> {
    let width_mm = chart.width_mm();
    let key = add(cx, base, chart.svg, chart.width, chart.height);
    vec![Block::Image(Image { key, width_mm, alt }), caption(title)]
}

fn caption(title: &str) -> Block {
    line(
        vec![bold(PENDING_FIGURE), t(format!(" {title}"))],
        Align::Center,
    )
}

/// The staff chart (the seed's "Grafik Perkembangan Jumlah PNS Menurut Pangkat/Golongan").
pub(super) fn pegawai(cx: &Ctx, base: &str) -> Vec<Block> {
    let per_year = &cx.b.pegawai.per_tahun;
    let with_pppk = per_year.iter().any(|p| p.pppk.is_some());
    let mut categories: Vec<String> = ["I", "II", "III", "IV"]
        .iter()
        .map(|g| cx.say("grafik.pegawai.golongan", &[("golongan", g)]))
        .collect();
    if with_pppk {
        categories.push(cx.say("grafik.pegawai.pppk", &[]));
    }
    let series: Vec<charts::Series> = per_year
        .iter()
        .map(|p| {
            let mut values: Vec<u64> = [p.pns.i, p.pns.ii, p.pns.iii, p.pns.iv]
                .iter()
                .map(|&n| u64::from(n))
                .collect();
            if with_pppk {
                values.push(u64::from(p.pppk.unwrap_or(0)));
            }
            charts::Series {
                label: p.tahun.to_string(),
                values,
            }
        })
        .collect();
    let drawn = cx.say(
        if with_pppk {
            "grafik.pegawai.judul_gambar_pppk"
        } else {
            "grafik.pegawai.judul_gambar"
        },
        &[],
    );
    let (w, h) = charts::SIZE;
    let svg = charts::grouped_bars(&drawn, &categories, &series, &cx.page.font_pdf);
    let key = add(cx, base, svg, w, h);
    let title = cx.say("grafik.pegawai.judul", &[]);
    let data: Vec<String> = series
        .iter()
        .map(|s| {
            let parts: Vec<String> = categories
                .iter()
                .zip(&s.values)
                .map(|(c, v)| format!("{c} {v}"))
                .collect();
            format!("{}: {}", s.label, parts.join(", "))
        })
        .collect();
    vec![
        Block::Image(Image {
            key,
            width_mm: 140,
            alt: cx.say(
                "grafik.alt",
                &[("judul", &title.to_lowercase()), ("data", &data.join("; "))],
            ),
        }),
        caption(&title),
    ]
}

/// The indicators of the sasaran, in order, with their figures.
fn indicators<'a>(
    cx: &'a Ctx,
) -> impl Iterator<
    Item = (
        &'a crate::bundle::Indikator,
        &'a crate::figures::IndikatorFig,
    ),
> {
    cx.b.sasaran
        .iter()
        .flat_map(|s| s.indikator.iter())
        .zip(&cx.f.indikator)
}

fn unit_title(nama: &str, satuan: &str) -> String {
    if satuan.trim().is_empty() {
        nama.to_string()
    } else {
        format!("{nama} ({})", satuan.trim())
    }
}

/// How a panel of values in `satuan` prints them: exact, or in a short unit when they
/// run into the tens of millions (never a percentage). Gives the panel's title, the
/// label of a value, and the axis scale.
struct PanelUnit<'a> {
    satuan: &'a str,
    short: Option<format::Magnitude>,
}

impl<'a> PanelUnit<'a> {
    fn of(satuan: &'a str, values: impl IntoIterator<Item = Decimal>) -> PanelUnit<'a> {
        let max = values.into_iter().map(|v| v.abs()).max();
        let short = max
            .filter(|_| satuan.trim() != "%")
            .and_then(format::magnitude);
        PanelUnit { satuan, short }
    }

    /// "Nilai PDRB (triliun rupiah)".
    fn title(&self, nama: &str) -> String {
        match self.short {
            Some(m) => unit_title(nama, &format!("{} {}", m.word, self.satuan.trim())),
            None => unit_title(nama, self.satuan),
        }
    }

    /// A value's label: "186,01 T", or `exact` as the tables print it.
    fn label(&self, cx: &Ctx, v: Decimal, exact: impl FnOnce() -> String) -> String {
        match self.short {
            Some(m) => format::short(v, m, cx.dp),
            None => exact(),
        }
    }

    fn scale(&self) -> Decimal {
        self.short.map_or(Decimal::ONE, |m| m.divisor)
    }
}

/// "lebih rendah lebih baik" on the panel of a negative indicator.
fn note(cx: &Ctx, p: Polaritas) -> Option<String> {
    matches!(p, Polaritas::Negatif).then(|| cx.say("grafik.polaritas_negatif", &[]))
}

/// (1) Target and realisation of every IKU in the report year, capaian under the bars.
pub(super) fn iku(cx: &Ctx, base: &str) -> Vec<Block> {
    let y = cx.b.laporan.tahun.to_string();
    let tahun = [("tahun", y.as_str())];
    let bar = |v: Option<Decimal>, unit: &PanelUnit, desimal: u32| {
        v.map(|value| Bar {
            value,
            label: unit.label(cx, value, || {
                show_measure(Some(value), unit.satuan, cx.dp, desimal)
            }),
        })
    };
    let mut alt = Vec::new();
    let panels: Vec<Panel> = indicators(cx)
        .map(|(k, fig)| {
            let capaian = fig
                .capaian
                .map(|c| {
                    cx.say(
                        "grafik.iku.capaian",
                        &[("capaian", &format::percent(c, cx.dp))],
                    )
                })
                .unwrap_or_default();
            let values = [
                ("indikator", k.nama.clone()),
                (
                    "target",
                    show_measure(fig.target, &k.satuan, cx.dp, fig.desimal),
                ),
                (
                    "realisasi",
                    show_measure(fig.realisasi, &k.satuan, cx.dp, fig.desimal),
                ),
                ("capaian", show_pct(fig.capaian, cx.dp)),
                ("polaritas", note(cx, k.polaritas).unwrap_or_default()),
            ];
            let values: Vec<(&str, &str)> = values.iter().map(|(n, v)| (*n, v.as_str())).collect();
            alt.push(cx.say(
                match k.polaritas {
                    Polaritas::Negatif => "grafik.iku.alt_negatif",
                    Polaritas::Positif => "grafik.iku.alt",
                },
                &values,
            ));
            let unit = PanelUnit::of(&k.satuan, fig.target.into_iter().chain(fig.realisasi));
            Panel {
                title: unit.title(&k.nama),
                note: note(cx, k.polaritas),
                categories: vec![y.clone()],
                bars: vec![vec![
                    bar(fig.target, &unit, fig.desimal),
                    bar(fig.realisasi, &unit, fig.desimal),
                ]],
                footer: vec![capaian],
                scale: unit.scale(),
            }
        })
        .collect();
    let (w, _) = text_block_pt(cx, false);
    let chart = charts::panels::draw(
        &Panels {
            title: String::new(),
            legend: vec![
                cx.say("grafik.iku.legenda.target", &tahun),
                cx.say("grafik.iku.legenda.realisasi", &tahun),
            ],
            panels,
            columns: 4,
            width: w,
        },
        &cx.page.font_pdf,
    );
    let title = cx.say("grafik.iku.judul", &tahun);
    placed(cx, base, chart, &title, bar_alt(cx, &title, &alt))
}

/// (2) Every indicator's realisation over the years it has.
pub(super) fn tren(cx: &Ctx, base: &str) -> Vec<Block> {
    let mut years: Vec<i32> = Vec::new();
    let mut alt = Vec::new();
    let panels: Vec<Panel> = indicators(cx)
        .map(|(k, fig)| {
            let had: Vec<_> = fig
                .tahunan
                .iter()
                .filter_map(|x| x.realisasi.map(|r| (x.tahun, r)))
                .collect();
            years.extend(had.iter().map(|h| h.0));
            let labels: Vec<String> = had
                .iter()
                .map(|(y, r)| {
                    format!(
                        "{y} {}",
                        show_measure(Some(*r), &k.satuan, cx.dp, fig.desimal)
                    )
                })
                .collect();
            alt.push(format!("{}: {}", k.nama, labels.join(", ")));
            let unit = PanelUnit::of(&k.satuan, had.iter().map(|h| h.1));
            Panel {
                title: unit.title(&k.nama),
                note: note(cx, k.polaritas),
                categories: had.iter().map(|h| h.0.to_string()).collect(),
                bars: had
                    .iter()
                    .map(|(_, r)| {
                        vec![Some(Bar {
                            value: *r,
                            label: unit.label(cx, *r, || {
                                show_measure(Some(*r), &k.satuan, cx.dp, fig.desimal)
                            }),
                        })]
                    })
                    .collect(),
                footer: vec![],
                scale: unit.scale(),
            }
        })
        .collect();
    let (first, last) = (
        years.iter().min().copied().unwrap_or_default(),
        years.iter().max().copied().unwrap_or_default(),
    );
    let (w, _) = text_block_pt(cx, false);
    let chart = charts::panels::draw(
        &Panels {
            title: String::new(),
            legend: vec![cx.say("grafik.tren.legenda", &[])],
            panels,
            columns: 3,
            width: w,
        },
        &cx.page.font_pdf,
    );
    let title = cx.say(
        "grafik.tren.judul",
        &[
            ("tahun_awal", &first.to_string()),
            ("tahun_akhir", &last.to_string()),
        ],
    );
    placed(cx, base, chart, &title, bar_alt(cx, &title, &alt))
}

/// (3) Budget allocation and realisation per sasaran, and per program under it when the
/// bundle gives programs; serapan beside every row.
pub(super) fn anggaran(cx: &Ctx, base: &str) -> Vec<Block> {
    let juta = Decimal::from(1_000_000);
    let bars = |alokasi: Decimal, realisasi: Decimal| {
        [alokasi, realisasi]
            .into_iter()
            .map(|v| Bar {
                value: v / juta,
                label: format::number(v / juta, 2),
            })
            .collect::<Vec<_>>()
    };
    let serapan = |s: Option<Decimal>| {
        cx.say(
            "grafik.anggaran.serapan",
            &[("serapan", &show_pct(s, cx.dp))],
        )
    };
    let row_alt = |nama: &str, alokasi, realisasi, serapan| {
        cx.say(
            "grafik.anggaran.alt",
            &[
                ("nama", nama),
                ("alokasi", &format::rupiah(alokasi, cx.money)),
                ("realisasi", &format::rupiah(realisasi, cx.money)),
                ("serapan", &show_pct(serapan, cx.dp)),
            ],
        )
    };
    let mut rows = Vec::new();
    let mut alt = Vec::new();
    let mut with_programs = false;
    for (i, a) in cx.f.anggaran.iter().enumerate() {
        let nama =
            cx.b.sasaran
                .iter()
                .find(|s| s.id == a.sasaran)
                .map_or(a.sasaran.clone(), |s| s.nama.clone());
        let label = cx.say(
            "grafik.anggaran.sasaran",
            &[("nomor", &(i + 1).to_string()), ("sasaran", &nama)],
        );
        alt.push(row_alt(&label, a.alokasi, a.realisasi, a.serapan));
        rows.push(hbars::Row {
            label,
            sub: false,
            bars: bars(a.alokasi, a.realisasi),
            note: serapan(a.serapan),
        });
        for p in &a.program {
            with_programs = true;
            let nama =
                cx.b.program
                    .iter()
                    .find(|x| x.id == p.program)
                    .map_or(p.program.clone(), |x| x.nama.clone());
            alt.push(row_alt(&nama, p.alokasi, p.realisasi, p.serapan));
            rows.push(hbars::Row {
                label: nama,
                sub: true,
                bars: bars(p.alokasi, p.realisasi),
                note: serapan(p.serapan),
            });
        }
    }
    let y = cx.b.laporan.tahun.to_string();
    let tahun = [("tahun", y.as_str())];
    let (w, _) = text_block_pt(cx, false);
    let chart = hbars::draw(
        &HBars {
            title: String::new(),
            legend: vec![
                cx.say("grafik.anggaran.legenda.alokasi", &[]),
                cx.say("grafik.anggaran.legenda.realisasi", &[]),
            ],
            axis_title: cx.say("grafik.anggaran.sumbu", &[]),
            rows,
            width: w,
        },
        &cx.page.font_pdf,
    );
    let title = if with_programs {
        cx.say("grafik.anggaran.judul_program", &tahun)
    } else {
        cx.say("grafik.anggaran.judul", &tahun)
    };
    placed(cx, base, chart, &title, bar_alt(cx, &title, &alt))
}

/// (4) A declared series or rate over its periods.
pub(super) fn statistik(cx: &Ctx, base: &str, id: &str) -> Vec<Block> {
    let st = &cx.f.statistik;
    let Some(stat) = st.get(id) else {
        return vec![];
    };
    let had: Vec<(String, Decimal)> = st
        .periode
        .iter()
        .zip(&stat.nilai)
        .filter_map(|(p, v)| v.map(|v| (p.clone(), v)))
        .collect();
    if had.is_empty() {
        return vec![];
    }
    let unit = PanelUnit::of(&stat.satuan, had.iter().map(|h| h.1));
    let label = |v: Decimal| {
        unit.label(cx, v, || {
            show_stat(Some(v), &stat.nilai, &stat.satuan, stat.laju, cx.dp)
        })
    };
    let (w, _) = text_block_pt(cx, false);
    let chart = charts::panels::draw(
        &Panels {
            title: String::new(),
            legend: vec![stat.nama.clone()],
            panels: vec![Panel {
                title: unit.title(&stat.nama),
                note: None,
                categories: had.iter().map(|h| h.0.clone()).collect(),
                bars: had
                    .iter()
                    .map(|h| {
                        vec![Some(Bar {
                            value: h.1,
                            label: label(h.1),
                        })]
                    })
                    .collect(),
                footer: vec![],
                scale: unit.scale(),
            }],
            columns: 1,
            width: w * 2 / 3,
        },
        &cx.page.font_pdf,
    );
    let (first, last) = (
        had.first().map(|h| h.0.as_str()).unwrap_or_default(),
        had.last().map(|h| h.0.as_str()).unwrap_or_default(),
    );
    // periods that are plain years read "Tahun 2019–2021", others "Agustus 2019 s.d.
    // Desember 2021"
    let plain_years = had
        .iter()
        .all(|h| h.0.len() == 4 && h.0.chars().all(|c| c.is_ascii_digit()));
    let title = match (plain_years, first == last) {
        (_, true) => cx.say(
            "grafik.statistik.judul",
            &[("statistik", &stat.nama), ("periode", first)],
        ),
        (true, false) => cx.say(
            "grafik.statistik.judul_tahun",
            &[("statistik", &stat.nama), ("awal", first), ("akhir", last)],
        ),
        (false, false) => cx.say(
            "grafik.statistik.judul_periode",
            &[("statistik", &stat.nama), ("awal", first), ("akhir", last)],
        ),
    };
    let data: Vec<String> = had
        .iter()
        .map(|h| format!("{} {}", h.0, label(h.1)))
        .collect();
    placed(cx, base, chart, &title, bar_alt(cx, &title, &data))
}

/// A drawing of `units` and its page: portrait when it fits and a landscape page would not
/// put more bidang side by side, else landscape; `None` when it fits neither.
fn org_fit(cx: &Ctx, units: &[Unit]) -> Option<(Chart, bool)> {
    let font = &cx.page.font_pdf;
    let (pw, ph) = text_block_pt(cx, false);
    let (lw, lh) = text_block_pt(cx, true);
    let side_by_side = charts::org::column_rows(units, pw) <= charts::org::column_rows(units, lw);
    let portrait = charts::org::draw(units, pw, font);
    if portrait.height <= ph && side_by_side {
        return Some((portrait, false));
    }
    let wide = charts::org::draw(units, lw, font);
    if wide.height <= lh {
        return Some((wide, true));
    }
    None
}

/// The chart placed, shrunk to the page when it is taller than any.
fn org_placed(cx: &Ctx, base: &str, units: &[Unit], title: &str) -> (Vec<Block>, bool) {
    let (chart, landscape, max_h) = match org_fit(cx, units) {
        Some((c, l)) => (c, l, u32::MAX),
        None => {
            let (_, lh) = text_block_pt(cx, true);
            let (lw, _) = text_block_pt(cx, true);
            (charts::org::draw(units, lw, &cx.page.font_pdf), true, lh)
        }
    };
    let alt = format!("{title}. {}", org_alt(cx, units));
    let mut blocks = placed(cx, base, chart.clone(), title, alt);
    if chart.height > max_h
        && let Some(Block::Image(i)) = blocks.first_mut()
    {
        i.width_mm = chart.width_mm() * max_h / chart.height;
    }
    (blocks, landscape)
}

/// The organisation chart (see [`org_fit`] for its page). When the whole tree fits no
/// page, it is drawn in two: the structure, with the UPT, kelurahan and desa under the
/// head summed up in one box, then those units on a page of their own.
pub(super) fn bagan(cx: &Ctx, base: &str) -> Vec<(Vec<Block>, bool)> {
    let units = &cx.b.organisasi.unit;
    let title = cx.say("grafik.bagan.judul", &[("instansi", &cx.b.instansi.nama)]);
    if org_fit(cx, units).is_some() {
        return vec![org_placed(cx, base, units, &title)];
    }
    let Some(head) = units
        .iter()
        .find(|u| u.induk.is_none() && u.jenis == JenisUnit::Kepala)
    else {
        return vec![org_placed(cx, base, units, &title)];
    };
    let field = |k: JenisUnit| {
        matches!(
            k,
            JenisUnit::Upt | JenisUnit::Lainnya | JenisUnit::Kelurahan | JenisUnit::Desa
        )
    };
    // the field units under the head and everything under them
    let mut second: Vec<&Unit> = units
        .iter()
        .filter(|u| u.induk.as_deref() == Some(head.id.as_str()) && field(u.jenis))
        .collect();
    let mut i = 0;
    while i < second.len() {
        let id = second[i].id.clone();
        second.extend(
            units
                .iter()
                .filter(|u| u.induk.as_deref() == Some(id.as_str())),
        );
        i += 1;
    }
    if second.is_empty() {
        return vec![org_placed(cx, base, units, &title)];
    }
    let in_second = |u: &Unit| second.iter().any(|s| s.id == u.id);
    let mut kinds: Vec<(JenisUnit, usize)> = Vec::new();
    for u in second
        .iter()
        .filter(|u| u.induk.as_deref() == Some(head.id.as_str()))
    {
        match kinds.iter_mut().find(|k| k.0 == u.jenis) {
            Some(k) => k.1 += 1,
            None => kinds.push((u.jenis, 1)),
        }
    }
    let summary: Vec<String> = kinds
        .iter()
        .map(|(k, n)| format!("{} {}", format::count(*n as u64), cx.kind_name(*k)))
        .collect();
    let mut first: Vec<Unit> = units.iter().filter(|u| !in_second(u)).cloned().collect();
    first.push(Unit {
        id: format!("{}-lanjutan", head.id),
        nama: cx.say(
            "grafik.bagan.lanjutan.kotak",
            &[("ringkasan", &summary.join(", "))],
        ),
        jenis: JenisUnit::Upt,
        induk: Some(head.id.clone()),
        tugas: vec![],
    });
    let mut rest: Vec<Unit> = vec![head.clone()];
    rest.extend(second.iter().map(|u| (*u).clone()));
    vec![
        org_placed(cx, base, &first, &title),
        org_placed(
            cx,
            base,
            &rest,
            &cx.say(
                "grafik.bagan.lanjutan",
                &[("judul", &title), ("ringkasan", &summary.join(", "))],
            ),
        ),
    ]
}

/// The tree in words, for the alt text: "Kepala Dinas membawahkan: Sekretariat (Sub Bagian
/// Umum, …); Bidang … (Seksi …); …".
fn org_alt(cx: &Ctx, units: &[Unit]) -> String {
    fn kids<'a>(units: &'a [Unit], id: &str) -> Vec<&'a Unit> {
        units
            .iter()
            .filter(|u| u.induk.as_deref() == Some(id))
            .collect()
    }
    fn describe(units: &[Unit], u: &Unit, depth: usize) -> String {
        let k = kids(units, &u.id);
        if k.is_empty() || depth > 6 {
            return u.nama.clone();
        }
        let inner: Vec<String> = k.iter().map(|c| describe(units, c, depth + 1)).collect();
        format!("{} ({})", u.nama, inner.join(", "))
    }
    let roots: Vec<&Unit> = units.iter().filter(|u| u.induk.is_none()).collect();
    let parts: Vec<String> = roots
        .iter()
        .map(|r| {
            let k = kids(units, &r.id);
            if k.is_empty() {
                return r.nama.clone();
            }
            let leads = cx.say(
                if r.jenis == JenisUnit::Kepala {
                    "organisasi.membawahkan"
                } else {
                    "organisasi.terdiri_dari"
                },
                &[("unit", &r.nama)],
            );
            let inner: Vec<String> = k.iter().map(|c| describe(units, c, 1)).collect();
            format!("{leads} {}.", inner.join("; "))
        })
        .collect();
    parts.join(" ")
}
