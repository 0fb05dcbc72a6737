//! Derived figures: a pure function of the bundle, in exact decimals. Capaian by polarity,
//! rating category, year-on-year change, progress against the Renstra end target,
//! comparison with the national figure, budget totals, shares, absorption and efficiency,
//! the agency's declared statistics and rates, staff and asset totals, averages and summary counts.
//!
//! Raw facts are kept exact. A computed figure that the report prints is kept *as printed*
//! (rounded by `format::round`, half away from zero, to the decimals it prints with), and
//! every figure computed from it starts from that printed value: a realisation taken from
//! a declared rate, a capaian, a serapan, a mean. A reader with a calculator then finds
//! every printed figure from the printed figures it comes from (81,54 against 70 gives
//! 116,49, not the 116,48 of the unrounded rate), and a category is given to the capaian
//! as printed, so the table can never show 100,00 % next to a rating meant for values
//! above 100. Budget shares are rounded by largest remainder so that they add up to
//! exactly 100,00 (`tata_letak.porsi_sisa_terbesar: false` rounds each on its own), and a
//! sasaran's share is the sum of its programs' printed shares.
//! An undefined quotient (zero divisor) is `None` and prints as "-"; validation reports it
//! first, so a valid bundle has none. Nothing here panics.
//!
//! Every figure also has a placeholder name (`IKU1.capaian`, `S2.alokasi.terbilang`,
//! `tpt.2021` …) that bundle texts can cite as `{{ name }}`.

pub mod placeholder;
pub mod statistik;

pub use placeholder::{expand, placeholders};

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::bundle::scalar::Year;
use crate::bundle::{
    Batas, Bundle, GayaRupiah, MetodeEfisiensi, Polaritas, RumusNegatif, SkalaBand,
};
use crate::format::{self, MoneyStyle};

const HUNDRED: Decimal = Decimal::ONE_HUNDRED;

/// A rating: score and label.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Rating {
    /// Score (4 = Sangat Baik on the default scale).
    pub nilai: u32,
    /// Label.
    pub predikat: String,
}

/// One year of an indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct YearFig {
    /// Year.
    pub tahun: i32,
    /// Target.
    pub target: Option<Decimal>,
    /// Realisation.
    pub realisasi: Option<Decimal>,
    /// Capaian (%).
    pub capaian: Option<Decimal>,
}

/// Figures of one performance indicator.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct IndikatorFig {
    /// Indicator id.
    pub id: String,
    /// Sasaran id.
    pub sasaran: String,
    /// Target of the report year.
    pub target: Option<Decimal>,
    /// Realisation of the report year.
    pub realisasi: Option<Decimal>,
    /// Capaian of the report year (%).
    pub capaian: Option<Decimal>,
    /// Rating of the printed capaian.
    pub kategori: Option<Rating>,
    /// Every year with a target or realisation, oldest first.
    pub tahunan: Vec<YearFig>,
    /// Realisation change vs the previous year, in points.
    pub selisih: Option<Decimal>,
    /// Realisation change vs the previous year, relative (%).
    pub perubahan: Option<Decimal>,
    /// Realisation counted against the Renstra end target.
    pub realisasi_renstra: Option<Decimal>,
    /// Progress against the Renstra end target (%), with the polarity rule.
    pub kemajuan: Option<Decimal>,
    /// Realisation minus the national figure, in points.
    pub selisih_nasional: Option<Decimal>,
    /// Decimals its values print with (not "%" units): 0 when every target, realisation
    /// and reference value is whole, else the report's, so one indicator never prints
    /// "6" next to "6,50".
    pub desimal: u32,
}

/// Budget figures of one sasaran.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AnggaranFig {
    /// Sasaran id.
    pub sasaran: String,
    /// Allocation.
    pub alokasi: Decimal,
    /// Realisation.
    pub realisasi: Decimal,
    /// Share of the total allocation (%), as printed (largest remainder when asked).
    pub porsi: Option<Decimal>,
    /// Absorption (%).
    pub serapan: Option<Decimal>,
    /// Mean capaian of the sasaran's indicators (%).
    pub capaian: Option<Decimal>,
    /// Efficiency index (ratio) or difference (points), per the bundle's method.
    pub efisiensi: Option<Decimal>,
    /// Efficient by the method's threshold.
    pub efisien: Option<bool>,
    /// Per program of the sasaran, when the bundle splits the budget by program.
    pub program: Vec<ProgramAnggaranFig>,
}

/// Budget figures of one program within a sasaran.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ProgramAnggaranFig {
    /// Program id.
    pub program: String,
    /// Allocation.
    pub alokasi: Decimal,
    /// Realisation.
    pub realisasi: Decimal,
    /// Share of the total allocation (%).
    pub porsi: Option<Decimal>,
    /// Absorption (%).
    pub serapan: Option<Decimal>,
}

/// Goal-indicator figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TujuanFig {
    /// Indicator id.
    pub id: String,
    /// Years, oldest first.
    pub tahunan: Vec<YearFig>,
    /// Capaian of the report year.
    pub capaian: Option<Decimal>,
    /// Rating.
    pub kategori: Option<Rating>,
    /// Decimals its values print with (see [`IndikatorFig::desimal`]).
    pub desimal: u32,
}

/// Staff totals of one year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct PegawaiFig {
    /// Year.
    pub tahun: i32,
    /// PNS (all golongan).
    pub pns: u64,
    /// PPPK.
    pub pppk: u64,
    /// Total staff (PNS + PPPK).
    pub jumlah: u64,
}

/// Totals of one staff breakdown, per year.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct RincianFig {
    /// Title.
    pub judul: String,
    /// Years shown (every year a category gives), oldest first.
    pub tahun: Vec<i32>,
    /// Total per year, in the order of `tahun`.
    pub jumlah: Vec<u64>,
}

/// Summary for the executive summary.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Ringkasan {
    /// Number of indicators.
    pub jumlah_iku: usize,
    /// Indicators whose printed capaian is at least 100.
    pub tercapai: usize,
    /// Mean capaian.
    pub rata_rata_capaian: Option<Decimal>,
    /// Indicator with the highest capaian.
    pub tertinggi: Option<String>,
    /// Indicator with the lowest capaian.
    pub terendah: Option<String>,
}

/// All derived figures, plus their formatted values by placeholder name.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Figures {
    /// Decimals printed for percentages.
    pub desimal: u32,
    /// Per indicator, in bundle order.
    pub indikator: Vec<IndikatorFig>,
    /// Goal indicators.
    pub tujuan: Vec<TujuanFig>,
    /// Budget per sasaran (sasaran order).
    pub anggaran: Vec<AnggaranFig>,
    /// Total allocation.
    pub anggaran_total: Decimal,
    /// Total realisation.
    pub anggaran_realisasi: Decimal,
    /// Overall absorption.
    pub anggaran_serapan: Option<Decimal>,
    /// Mean absorption over sasaran.
    pub rata_rata_serapan: Option<Decimal>,
    /// Declared statistics and rates per period.
    pub statistik: statistik::StatistikFig,
    /// Staff per year.
    pub pegawai: Vec<PegawaiFig>,
    /// Staff breakdowns with their totals.
    pub pegawai_rincian: Vec<RincianFig>,
    /// Total asset value.
    pub aset_total: Decimal,
    /// Summary counts.
    pub ringkasan: Ringkasan,
    /// Formatted value of every figure by placeholder name.
    pub names: BTreeMap<String, String>,
}

/// Options read from the bundle.
struct Opts {
    dp: u32,
    money: MoneyStyle,
    rule: RumusNegatif,
    efficiency: MetodeEfisiensi,
    largest_remainder: bool,
}

pub use crate::bundle::validate::MAX_DESIMAL;

fn opts(b: &Bundle) -> Opts {
    let t = b.tata_letak.clone().unwrap_or_default();
    Opts {
        dp: t.desimal.unwrap_or(2).min(MAX_DESIMAL),
        money: match t.rupiah.unwrap_or_default() {
            GayaRupiah::Baku => MoneyStyle::Modern,
            GayaRupiah::Lama => MoneyStyle::Legacy,
        },
        rule: t.rumus_negatif.unwrap_or_default(),
        efficiency: t.efisiensi.unwrap_or_default(),
        largest_remainder: t.porsi_sisa_terbesar.unwrap_or(true),
    }
}

/// `a / b`, or `None` when `b` is zero (or the quotient overflows).
pub fn ratio(a: Decimal, b: Decimal) -> Option<Decimal> {
    if b.is_zero() { None } else { a.checked_div(b) }
}

/// `a / b × 100`.
pub fn pct(a: Decimal, b: Decimal) -> Option<Decimal> {
    ratio(a, b).and_then(|q| q.checked_mul(HUNDRED))
}

/// Capaian in % by polarity: positive `R/T×100`; negative `(2T−R)/T×100` or `T/R×100`.
pub fn capaian(
    t: Decimal,
    r: Decimal,
    polaritas: Polaritas,
    rule: RumusNegatif,
) -> Option<Decimal> {
    match (polaritas, rule) {
        (Polaritas::Positif, _) => pct(r, t),
        (Polaritas::Negatif, RumusNegatif::DuaTKurangR) => t
            .checked_mul(Decimal::TWO)
            .and_then(|tt| tt.checked_sub(r))
            .and_then(|n| pct(n, t)),
        (Polaritas::Negatif, RumusNegatif::TBagiR) => pct(t, r),
    }
}

/// The seed's 4-band scale: > 100 Sangat Baik; 75–100 Baik; 55–< 75 Cukup; < 55 Kurang.
pub fn default_scale() -> Vec<SkalaBand> {
    let b = |v: i64, inklusif| {
        Some(Batas {
            nilai: crate::bundle::scalar::Dec(Decimal::from(v)),
            inklusif,
        })
    };
    let band = |dari, sampai, nilai, predikat: &str| SkalaBand {
        dari,
        sampai,
        nilai,
        predikat: predikat.into(),
    };
    vec![
        band(b(100, false), None, 4, "Sangat Baik"),
        band(b(75, true), b(100, true), 3, "Baik"),
        band(b(55, true), b(75, false), 2, "Cukup"),
        band(None, b(55, false), 1, "Kurang"),
    ]
}

/// The rating scale read on the ratio realisasi/target (%) of a negative indicator: the
/// band of each row holds the ratios whose capaian (by `rule`) falls in the same row of
/// `scale`, so the score and the category stay with their row. With `2T-R` the capaian is
/// 200 − ratio; with `T/R` it is 10 000 / ratio, and a bound is printed rounded to `dp`
/// as capaian is (a bound of 0 has no ratio: that side is open).
pub fn mirror_scale(scale: &[SkalaBand], rule: RumusNegatif, dp: u32) -> Vec<SkalaBand> {
    let ratio_of = |c: &Batas| -> Option<Batas> {
        let v = match rule {
            RumusNegatif::DuaTKurangR => Some(Decimal::from(200) - c.nilai.0),
            RumusNegatif::TBagiR if c.nilai.0 > Decimal::ZERO => {
                Decimal::from(10_000).checked_div(c.nilai.0)
            }
            RumusNegatif::TBagiR => None,
        }?;
        Some(Batas {
            nilai: crate::bundle::scalar::Dec(format::round(v, dp).normalize()),
            inklusif: c.inklusif,
        })
    };
    scale
        .iter()
        .map(|band| SkalaBand {
            dari: band.sampai.as_ref().and_then(ratio_of),
            sampai: band.dari.as_ref().and_then(ratio_of),
            nilai: band.nilai,
            predikat: band.predikat.clone(),
        })
        .collect()
}

/// The band that holds `v`, if any.
pub fn rate(scale: &[SkalaBand], v: Decimal) -> Option<Rating> {
    scale
        .iter()
        .find(|band| {
            let above = band.dari.as_ref().is_none_or(|d| {
                if d.inklusif {
                    v >= d.nilai.0
                } else {
                    v > d.nilai.0
                }
            });
            let below = band.sampai.as_ref().is_none_or(|s| {
                if s.inklusif {
                    v <= s.nilai.0
                } else {
                    v < s.nilai.0
                }
            });
            above && below
        })
        .map(|band| Rating {
            nilai: band.nilai,
            predikat: band.predikat.clone(),
        })
}

/// The scale in force (the bundle's, or the default).
pub fn scale_of(b: &Bundle) -> Vec<SkalaBand> {
    b.skala.clone().unwrap_or_else(default_scale)
}

/// The mean of values, as printed with `dp` decimals.
fn mean_printed(values: impl Iterator<Item = Decimal>, dp: u32) -> Option<Decimal> {
    mean(values).map(|m| format::round(m, dp))
}

fn mean(values: impl Iterator<Item = Decimal>) -> Option<Decimal> {
    let v: Vec<Decimal> = values.collect();
    let sum = v.iter().try_fold(Decimal::ZERO, |a, x| a.checked_add(*x))?;
    ratio(sum, Decimal::from(v.len()))
}

/// Shares in % of each amount in the total, rounded to `dp` places as printed. With
/// `largest_remainder`, they are rounded so that they add up to exactly 100.
pub fn shares(amounts: &[Decimal], dp: u32, largest_remainder: bool) -> Vec<Option<Decimal>> {
    let total: Decimal = amounts.iter().copied().sum();
    let exact: Vec<Option<Decimal>> = amounts.iter().map(|a| pct(*a, total)).collect();
    if !largest_remainder || exact.iter().any(Option::is_none) {
        return exact
            .into_iter()
            .map(|e| e.map(|e| format::round(e, dp)))
            .collect();
    }
    let unit = Decimal::new(1, dp);
    let floors: Vec<Decimal> = exact
        .iter()
        .map(|e| (e.unwrap_or_default() / unit).floor() * unit)
        .collect();
    let mut left = ((HUNDRED - floors.iter().copied().sum::<Decimal>()) / unit).round();
    let mut order: Vec<usize> = (0..amounts.len()).collect();
    order.sort_by(|&i, &j| {
        let ri = exact[i].unwrap_or_default() - floors[i];
        let rj = exact[j].unwrap_or_default() - floors[j];
        rj.cmp(&ri).then(i.cmp(&j))
    });
    let mut out = floors;
    for i in order {
        if left <= Decimal::ZERO {
            break;
        }
        out[i] += unit;
        left -= Decimal::ONE;
    }
    out.into_iter().map(Some).collect()
}

/// Compute every figure of the bundle.
pub fn compute(b: &Bundle) -> Figures {
    let o = opts(b);
    let year = b.laporan.tahun;
    let scale = scale_of(b);
    let rated = |c: Option<Decimal>| c.and_then(|c| rate(&scale, format::round(c, o.dp)));
    let printed = |v: Option<Decimal>| v.map(|v| format::round(v, o.dp));

    let stats = statistik::compute(b.statistik.as_ref());
    let mut indikator = Vec::new();
    for s in &b.sasaran {
        for k in &s.indikator {
            let rule = k.rumus_negatif.unwrap_or(o.rule);
            let realisasi = realisation(&stats, &k.realisasi, k.realisasi_dari.as_deref(), o.dp);
            let tahunan = years_of(&k.target, &realisasi, k.polaritas, rule, o.dp);
            let now = tahunan.iter().find(|y| y.tahun == year.0);
            let prev = tahunan
                .iter()
                .rev()
                .find(|y| y.tahun < year.0 && y.realisasi.is_some());
            let r = now.and_then(|y| y.realisasi);
            let c = now.and_then(|y| y.capaian);
            let selisih = r.zip(prev.and_then(|p| p.realisasi)).map(|(a, b)| a - b);
            let perubahan = selisih
                .zip(prev.and_then(|p| p.realisasi))
                .and_then(|(d, b)| pct(d, b));
            indikator.push(IndikatorFig {
                id: k.id.clone(),
                sasaran: s.id.clone(),
                target: now.and_then(|y| y.target),
                realisasi: r,
                capaian: c,
                kategori: rated(c),
                tahunan,
                selisih,
                perubahan,
                realisasi_renstra: k.realisasi_renstra.map(|d| d.0).or(r),
                kemajuan: printed(
                    k.realisasi_renstra
                        .map(|d| d.0)
                        .or(r)
                        .and_then(|r| capaian(k.target_renstra.0, r, k.polaritas, rule)),
                ),
                selisih_nasional: r.zip(k.nasional.map(|n| n.0)).map(|(r, n)| r - n),
                desimal: decimals(
                    o.dp,
                    k.target
                        .values()
                        .map(|d| d.0)
                        .chain(realisasi.values().copied())
                        .chain([k.target_renstra.0])
                        .chain(k.realisasi_renstra.map(|d| d.0))
                        .chain(k.nasional.map(|d| d.0)),
                ),
            });
        }
    }

    let tujuan: Vec<TujuanFig> = b
        .tujuan
        .iter()
        .flat_map(|t| t.indikator.iter())
        .map(|k| {
            let realisasi = realisation(&stats, &k.realisasi, k.realisasi_dari.as_deref(), o.dp);
            let tahunan = years_of(&k.target, &realisasi, k.polaritas, o.rule, o.dp);
            let c = tahunan
                .iter()
                .find(|y| y.tahun == year.0)
                .and_then(|y| y.capaian);
            TujuanFig {
                id: k.id.clone(),
                desimal: decimals(
                    o.dp,
                    k.target
                        .values()
                        .map(|d| d.0)
                        .chain(realisasi.values().copied()),
                ),
                tahunan,
                capaian: c,
                kategori: rated(c),
            }
        })
        .collect();

    // Budget per sasaran, in sasaran order (rows of several programs add up).
    let per_sasaran: Vec<(String, Decimal, Decimal)> = b
        .sasaran
        .iter()
        .filter(|s| b.anggaran.iter().any(|a| a.sasaran == s.id))
        .map(|s| {
            let rows = b.anggaran.iter().filter(|a| a.sasaran == s.id);
            let (al, re) = rows.fold((Decimal::ZERO, Decimal::ZERO), |(x, y), a| {
                (x + a.alokasi.0, y + a.realisasi.0)
            });
            (s.id.clone(), al, re)
        })
        .collect();
    let grand: Decimal = per_sasaran.iter().map(|r| r.1).sum();
    // Program rows of a sasaran, in the order of `program` (rows of one program add up).
    let programs_of = |sasaran: &str| -> Vec<(String, Decimal, Decimal)> {
        b.program
            .iter()
            .filter_map(|p| {
                let rows: Vec<_> = b
                    .anggaran
                    .iter()
                    .filter(|a| a.sasaran == sasaran && a.program.as_deref() == Some(p.id.as_str()))
                    .collect();
                if rows.is_empty() {
                    return None;
                }
                let al: Decimal = rows.iter().map(|a| a.alokasi.0).sum();
                let re: Decimal = rows.iter().map(|a| a.realisasi.0).sum();
                Some((p.id.clone(), al, re))
            })
            .collect()
    };
    let programs: Vec<Vec<(String, Decimal, Decimal)>> =
        per_sasaran.iter().map(|(id, ..)| programs_of(id)).collect();
    // The printed shares: of the programs where they make up their sasaran's whole
    // budget, else of the sasaran; a sasaran's share is the sum of its programs'.
    let split = |i: usize| {
        !programs[i].is_empty()
            && programs[i].iter().map(|p| p.1).sum::<Decimal>() == per_sasaran[i].1
    };
    let leaves: Vec<Decimal> = (0..per_sasaran.len())
        .flat_map(|i| {
            if split(i) {
                programs[i].iter().map(|p| p.1).collect()
            } else {
                vec![per_sasaran[i].1]
            }
        })
        .collect();
    let mut leaf_shares = shares(&leaves, o.dp, o.largest_remainder).into_iter();
    let anggaran: Vec<AnggaranFig> = per_sasaran
        .iter()
        .enumerate()
        .map(|(i, (id, al, re))| {
            let program_shares: Vec<Option<Decimal>> = if split(i) {
                programs[i]
                    .iter()
                    .map(|_| leaf_shares.next().flatten())
                    .collect()
            } else {
                // Programs that cover part of their sasaran: each share on its own.
                programs[i]
                    .iter()
                    .map(|p| printed(pct(p.1, grand)))
                    .collect()
            };
            let porsi = if split(i) {
                program_shares
                    .iter()
                    .try_fold(Decimal::ZERO, |a, s| s.map(|s| a + s))
            } else {
                leaf_shares.next().flatten()
            };
            let serapan = printed(pct(*re, *al));
            let c = mean_printed(
                indikator
                    .iter()
                    .filter(|k| &k.sasaran == id)
                    .filter_map(|k| k.capaian),
                o.dp,
            );
            let efisiensi = printed(match o.efficiency {
                MetodeEfisiensi::Rasio => c.zip(serapan).and_then(|(c, s)| ratio(c, s)),
                MetodeEfisiensi::Selisih => c.zip(serapan).map(|(c, s)| c - s),
            });
            let efisien = efisiensi.map(|e| match o.efficiency {
                MetodeEfisiensi::Rasio => e >= Decimal::ONE,
                MetodeEfisiensi::Selisih => e >= Decimal::ZERO,
            });
            AnggaranFig {
                sasaran: id.clone(),
                alokasi: *al,
                realisasi: *re,
                porsi,
                serapan,
                capaian: c,
                efisiensi,
                efisien,
                program: programs[i]
                    .iter()
                    .zip(program_shares)
                    .map(|((pid, al, re), porsi)| ProgramAnggaranFig {
                        program: pid.clone(),
                        alokasi: *al,
                        realisasi: *re,
                        porsi,
                        serapan: printed(pct(*re, *al)),
                    })
                    .collect(),
            }
        })
        .collect();
    let anggaran_total: Decimal = anggaran.iter().map(|a| a.alokasi).sum();
    let anggaran_realisasi: Decimal = anggaran.iter().map(|a| a.realisasi).sum();

    let pegawai: Vec<PegawaiFig> = b
        .pegawai
        .per_tahun
        .iter()
        .map(|p| {
            let pns = [p.pns.i, p.pns.ii, p.pns.iii, p.pns.iv]
                .iter()
                .map(|&n| u64::from(n))
                .sum();
            let pppk = u64::from(p.pppk.unwrap_or(0));
            PegawaiFig {
                tahun: p.tahun.0,
                pns,
                pppk,
                jumlah: pns + pppk,
            }
        })
        .collect();
    let pegawai_rincian = b
        .pegawai
        .rincian
        .iter()
        .map(|r| {
            let tahun: std::collections::BTreeSet<i32> = r
                .baris
                .iter()
                .flat_map(|row| row.jumlah.keys().map(|y| y.0))
                .collect();
            let jumlah = tahun
                .iter()
                .map(|y| {
                    r.baris
                        .iter()
                        .filter_map(|row| row.jumlah.get(&Year(*y)))
                        .map(|&n| u64::from(n))
                        .sum()
                })
                .collect();
            RincianFig {
                judul: r.judul.clone(),
                tahun: tahun.into_iter().collect(),
                jumlah,
            }
        })
        .collect();
    let aset_total = b.aset.iter().map(|a| a.nilai.0).sum();

    let with_c: Vec<&IndikatorFig> = indikator.iter().filter(|k| k.capaian.is_some()).collect();
    let ringkasan = Ringkasan {
        jumlah_iku: indikator.len(),
        tercapai: with_c
            .iter()
            .filter(|k| k.capaian.is_some_and(|c| format::round(c, o.dp) >= HUNDRED))
            .count(),
        rata_rata_capaian: mean_printed(with_c.iter().filter_map(|k| k.capaian), o.dp),
        tertinggi: with_c
            .iter()
            .max_by_key(|k| k.capaian)
            .map(|k| k.id.clone()),
        terendah: with_c
            .iter()
            .min_by_key(|k| k.capaian)
            .map(|k| k.id.clone()),
    };

    let mut f = Figures {
        desimal: o.dp,
        indikator,
        tujuan,
        rata_rata_serapan: mean_printed(anggaran.iter().filter_map(|a| a.serapan), o.dp),
        anggaran_serapan: printed(pct(anggaran_realisasi, anggaran_total)),
        anggaran,
        anggaran_total,
        anggaran_realisasi,
        statistik: stats,
        pegawai,
        pegawai_rincian,
        aset_total,
        ringkasan,
        names: BTreeMap::new(),
    };
    f.names = placeholder::names(b, &f, o.dp, o.money);
    f
}

/// 0 when every value is whole, else `dp`, or more when a typed value has more decimals
/// (a target of 0,005 prints as 0,005, never as 0,01), at most [`MAX_DESIMAL`]: so every
/// raw value prints as typed and a reader recomputes from what is printed.
fn decimals(dp: u32, values: impl Iterator<Item = Decimal>) -> u32 {
    let widest = values.map(|v| v.normalize().scale()).max().unwrap_or(0);
    if widest == 0 {
        0
    } else {
        widest.max(dp).min(MAX_DESIMAL)
    }
}

/// The realisation per year: typed, or the declared statistic's value of each year as
/// printed (`dp` decimals, as the statistics table prints it).
fn realisation(
    stats: &statistik::StatistikFig,
    typed: &BTreeMap<Year, crate::bundle::scalar::Dec>,
    from: Option<&str>,
    dp: u32,
) -> BTreeMap<i32, Decimal> {
    match from {
        Some(id) => stats
            .by_year(id)
            .into_iter()
            .map(|(y, v)| (y, format::round(v, dp)))
            .collect(),
        None => typed.iter().map(|(y, d)| (y.0, d.0)).collect(),
    }
}

/// Every year with a target or a realisation, oldest first, with its capaian as printed.
fn years_of(
    target: &BTreeMap<Year, crate::bundle::scalar::Dec>,
    realisasi: &BTreeMap<i32, Decimal>,
    polaritas: Polaritas,
    rule: RumusNegatif,
    dp: u32,
) -> Vec<YearFig> {
    let years: std::collections::BTreeSet<i32> = target
        .keys()
        .map(|y| y.0)
        .chain(realisasi.keys().copied())
        .collect();
    years
        .into_iter()
        .map(|y| {
            let t = target.get(&Year(y)).map(|d| d.0);
            let r = realisasi.get(&y).copied();
            YearFig {
                tahun: y,
                target: t,
                realisasi: r,
                capaian: t
                    .zip(r)
                    .and_then(|(t, r)| capaian(t, r, polaritas, rule))
                    .map(|c| format::round(c, dp)),
            }
        })
        .collect()
}

/// Every placeholder name of a bundle (computed figures formatted; used by validation).
pub fn placeholder_names(b: &Bundle) -> std::collections::BTreeSet<String> {
    compute(b).names.into_keys().collect()
}

#[cfg(test)]
mod tests;
