//! The agency's declared statistics as figures: every series value and every derived rate
//! (pembilang / penyebut × pengali) per period, exact; and the value of a statistic for a
//! year (its last period of that year that has a value), which indicators with
//! `realisasi_dari` take as their realisation. A rate with a zero or missing denominator
//! is `None` (validation reports a zero denominator first).

use std::collections::BTreeMap;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::bundle::Statistik;

/// One series or rate with its value per period.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct StatFig {
    /// Id.
    pub id: String,
    /// Printed name.
    pub nama: String,
    /// Unit ("%", "orang", "per 100.000 KH").
    pub satuan: String,
    /// A derived rate (true) or a raw series (false).
    pub laju: bool,
    /// Value per period, in the order of `statistik.periode`.
    pub nilai: Vec<Option<Decimal>>,
}

/// Every statistic of the bundle, series first, then rates.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct StatistikFig {
    /// Period labels, in order.
    pub periode: Vec<String>,
    /// Period ids, in order.
    #[serde(skip)]
    pub periode_id: Vec<String>,
    /// Year of each period.
    pub tahun: Vec<i32>,
    /// Series and rates.
    pub data: Vec<StatFig>,
}

impl StatistikFig {
    /// The statistic with this id.
    pub fn get(&self, id: &str) -> Option<&StatFig> {
        self.data.iter().find(|s| s.id == id)
    }

    /// Value per year: the last period of each year that has a value (the one rule for
    /// `realisasi_dari` and the year placeholders such as `tpt.2021`; validation warns
    /// when it is not the year's last period).
    pub fn by_year(&self, id: &str) -> BTreeMap<i32, Decimal> {
        let mut out = BTreeMap::new();
        if let Some(s) = self.get(id) {
            for (y, v) in self.tahun.iter().zip(&s.nilai) {
                if let Some(v) = v {
                    out.insert(*y, *v);
                }
            }
        }
        out
    }

    /// For each year of a statistic whose value comes from a period other than the
    /// year's last (that one has no value): (year, label of the period used, label of
    /// the year's last period).
    pub fn earlier_periods(&self, id: &str) -> Vec<(i32, String, String)> {
        let Some(s) = self.get(id) else {
            return vec![];
        };
        let mut out = Vec::new();
        let years: std::collections::BTreeSet<i32> = self.tahun.iter().copied().collect();
        for y in years {
            let of_year: Vec<usize> = (0..self.tahun.len())
                .filter(|&i| self.tahun[i] == y)
                .collect();
            let (Some(&last), Some(used)) = (
                of_year.last(),
                of_year.iter().rev().find(|&&i| s.nilai[i].is_some()),
            ) else {
                continue;
            };
            if *used != last {
                out.push((y, self.periode[*used].clone(), self.periode[last].clone()));
            }
        }
        out
    }
}

/// Compute every series value and rate per period.
pub fn compute(st: Option<&Statistik>) -> StatistikFig {
    let Some(st) = st else {
        return StatistikFig::default();
    };
    let series_values = |id: &str| -> Vec<Option<Decimal>> {
        let s = st.seri.iter().find(|s| s.id == id);
        st.periode
            .iter()
            .map(|p| s.and_then(|s| s.nilai.get(&p.id)).map(|d| d.0))
            .collect()
    };
    let mut data: Vec<StatFig> = st
        .seri
        .iter()
        .map(|s| StatFig {
            id: s.id.clone(),
            nama: s.nama.clone(),
            satuan: s.satuan.clone().unwrap_or_default(),
            laju: false,
            nilai: series_values(&s.id),
        })
        .collect();
    for l in &st.laju {
        let top = series_values(&l.pembilang);
        let bottom = series_values(&l.penyebut);
        let nilai = top
            .iter()
            .zip(&bottom)
            .map(|(a, b)| {
                let (a, b) = ((*a)?, (*b)?);
                super::ratio(a, b).and_then(|q| q.checked_mul(l.pengali.0))
            })
            .collect();
        data.push(StatFig {
            id: l.id.clone(),
            nama: l.nama.clone(),
            satuan: l.satuan.clone(),
            laju: true,
            nilai,
        });
    }
    StatistikFig {
        periode: st.periode.iter().map(|p| p.label.clone()).collect(),
        periode_id: st.periode.iter().map(|p| p.id.clone()).collect(),
        tahun: st.periode.iter().map(|p| p.tahun.0).collect(),
        data,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bundle::scalar::{Dec, Year};
    use crate::bundle::{LajuDef, Periode, Seri};

    fn d(s: &str) -> Decimal {
        s.parse().unwrap()
    }

    fn seri(id: &str, values: &[(&str, &str)]) -> Seri {
        Seri {
            id: id.into(),
            nama: id.into(),
            satuan: None,
            nilai: values
                .iter()
                .map(|(k, v)| (k.to_string(), Dec(d(v))))
                .collect(),
        }
    }

    fn rate(id: &str, top: &str, bottom: &str, times: &str) -> LajuDef {
        LajuDef {
            id: id.into(),
            nama: id.into(),
            singkatan: None,
            satuan: "%".into(),
            pembilang: top.into(),
            penyebut: bottom.into(),
            pengali: Dec(d(times)),
        }
    }

    fn periods(ids: &[(&str, i32)]) -> Vec<Periode> {
        ids.iter()
            .map(|(id, y)| Periode {
                id: id.to_string(),
                label: id.to_string(),
                tahun: Year(*y),
            })
            .collect()
    }

    #[test]
    fn tpt_of_the_seed_is_3_01_percent() {
        let st = Statistik {
            periode: periods(&[("2021", 2021)]),
            seri: vec![
                seri("penganggur", &[("2021", "25029")]),
                seri("angkatan_kerja", &[("2021", "832804")]),
            ],
            laju: vec![rate("tpt", "penganggur", "angkatan_kerja", "100")],
            ..Default::default()
        };
        let f = compute(Some(&st));
        let tpt = f.get("tpt").unwrap().nilai[0].unwrap();
        assert_eq!(crate::format::percent(tpt, 2), "3,01%");
        assert_eq!(f.by_year("tpt").get(&2021), Some(&tpt));
    }

    #[test]
    fn maternal_mortality_per_100_000_live_births() {
        let st = Statistik {
            periode: periods(&[("2021", 2021)]),
            seri: vec![
                seri("kematian_ibu", &[("2021", "21")]),
                seri("kelahiran_hidup", &[("2021", "15712")]),
            ],
            laju: vec![rate("aki", "kematian_ibu", "kelahiran_hidup", "100000")],
            ..Default::default()
        };
        let aki = compute(Some(&st)).get("aki").unwrap().nilai[0].unwrap();
        // 21 / 15 712 × 100 000 = 133,655…
        assert_eq!(crate::format::number(aki, 2), "133,66");
    }

    #[test]
    fn zero_or_missing_denominator_gives_no_rate_and_the_last_period_of_a_year_counts() {
        let st = Statistik {
            periode: periods(&[("feb", 2021), ("agt", 2021), ("2022", 2022)]),
            seri: vec![
                seri("a", &[("feb", "1"), ("agt", "3"), ("2022", "5")]),
                seri("b", &[("feb", "10"), ("agt", "0")]),
            ],
            laju: vec![rate("r", "a", "b", "100")],
            ..Default::default()
        };
        let f = compute(Some(&st));
        assert_eq!(f.get("r").unwrap().nilai, vec![Some(d("10")), None, None]);
        assert_eq!(f.by_year("r").get(&2021), Some(&d("10")));
        assert_eq!(f.by_year("a").get(&2021), Some(&d("3")));
    }
}
