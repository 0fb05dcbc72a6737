//! The checks that need computed figures or the outline, a stage above loading: the
//! report year's figures can be computed (targets and realisations present, no zero
//! divisor, a plausible value), the outline and its components, the phrases a bundle
//! overrides, every placeholder naming a real figure, and the seven points of every
//! indicator's analysis. [`load`] is the whole of loading: `bundle::read` (what the bundle
//! alone can say), these checks, then `bundle::finish`, so `check` and `render` print the
//! same findings in one fixed order (`bundle::validate::Group`).
//!
//! The pipeline runs one way: this module reads the bundle, the figures and the outline;
//! nothing below it calls it.

use std::collections::{BTreeMap, BTreeSet};

use rust_decimal::Decimal;

use crate::bundle::diag::{Severity, did_you_mean};
use crate::bundle::scalar::{Dec, Year};
use crate::bundle::validate::{Finding, Findings, Group, Order, reference, show, walk_strings};
use crate::bundle::{self, Bundle, Indikator, Loaded, Polaritas, Problem, RumusNegatif};
use crate::figures;

mod seven;

/// Load a bundle: parse, migrate, type-check, validate, and check what needs its figures
/// and its outline. `file` is used in messages. Every problem at once.
pub fn load(file: &str, bytes: &[u8]) -> Result<Loaded, Vec<Problem>> {
    let read = bundle::read(file, bytes)?;
    let mut found = read.found.clone();
    found.extend(above(&read.bundle, &read.tree));
    bundle::finish(file, read, found)
}

/// The findings of this stage, each with its sort key.
pub fn above(b: &Bundle, tree: &bundle::json::Node) -> Vec<(Order, Finding)> {
    let mut out = Vec::new();
    let mut f = Findings(Vec::new(), bundle::validate::is_draft(b));
    report_year_figures(b, &mut f);
    out.extend(f.0.drain(..).map(|x| ((Group::ReportYear, 0), x)));
    let outline = crate::doc::outline::check(b);
    out.extend(outline.into_iter().map(|x| ((Group::Outline, 0), x)));
    let phrases = crate::doc::phrase::check(b);
    out.extend(phrases.into_iter().map(|x| ((Group::Outline, 1), x)));
    seven::check(b, &mut f);
    out.extend(f.0.drain(..).map(|x| ((Group::Outline, 2), x)));
    placeholders(b, tree, &mut out);
    out
}

fn year_value(map: &BTreeMap<Year, Dec>, y: Year) -> Option<Decimal> {
    map.get(&y).map(|d| d.0)
}

/// The realisation per year of an indicator: typed, or taken from a declared statistic.
/// Reports a missing report-year value, an unknown statistic, and values typed twice.
fn realisation_source(
    b: &Bundle,
    stats: &figures::statistik::StatistikFig,
    p: &str,
    typed: &BTreeMap<Year, Dec>,
    from: Option<&str>,
    f: &mut Findings,
) -> BTreeMap<i32, Decimal> {
    let y = b.laporan.tahun;
    let Some(id) = from else {
        if year_value(typed, y).is_none() {
            f.still_missing(
                format!("{p}.realisasi"),
                format!("no realisasi for the report year {y}; add \"{y}\": <realisasi> or use \"realisasi_dari\" with a statistik id"),
            );
        }
        return typed.iter().map(|(k, v)| (k.0, v.0)).collect();
    };
    if !typed.is_empty() {
        f.error(format!("{p}.realisasi"), format!("realisasi is computed from the statistic {id:?} (realisasi_dari); remove these values so the figure is not typed twice"));
    }
    if stats.get(id).is_none() {
        let known: BTreeSet<&str> = stats.data.iter().map(|s| s.id.as_str()).collect();
        reference(
            f,
            format!("{p}.realisasi_dari"),
            id,
            "statistik (seri or laju)",
            &known,
        );
        return BTreeMap::new();
    }
    let values = stats.by_year(id);
    for (year, used, last) in stats.earlier_periods(id) {
        f.warn(
            format!("{p}.realisasi_dari"),
            format!("the realisasi {year} is taken from the period {used:?} of the statistic {id:?}, because the year's last period {last:?} has no value; enter the value of {last:?} or check that {used:?} is meant"),
        );
    }
    if !values.contains_key(&y.0) && !inputs_given(b, id, y) {
        f.still_missing(
            format!("{p}.realisasi_dari"),
            format!("the statistic {id:?} has no value in a period of the report year {y} (statistik.periode with \"tahun\": {y}) to take the realisasi from"),
        );
    }
    values
}

/// Whether a rate has both its series in a period of year `y` (then a missing value is a
/// zero denominator, reported at the series) or names an unknown series (reported there).
fn inputs_given(b: &Bundle, id: &str, y: Year) -> bool {
    let Some(st) = &b.statistik else { return false };
    let Some(l) = st.laju.iter().find(|l| l.id == id) else {
        return false;
    };
    let series = |sid: &str| st.seri.iter().find(|s| s.id == sid);
    let (Some(top), Some(bottom)) = (series(&l.pembilang), series(&l.penyebut)) else {
        return true;
    };
    st.periode
        .iter()
        .filter(|p| p.tahun == y)
        .any(|p| top.nilai.contains_key(&p.id) && bottom.nilai.contains_key(&p.id))
}

/// The figures of the report year can be computed: targets and realisations given (or a
/// statistic to take them from), no zero divisor; plausibility warnings.
fn report_year_figures(b: &Bundle, f: &mut Findings) {
    let y = b.laporan.tahun;
    let stats = figures::statistik::compute(b.statistik.as_ref());
    let default_rule = b
        .tata_letak
        .as_ref()
        .and_then(|t| t.rumus_negatif)
        .unwrap_or_default();
    for (i, s) in b.sasaran.iter().enumerate() {
        for (j, k) in s.indikator.iter().enumerate() {
            let p = format!("sasaran[{i}].indikator[{j}]");
            let t = year_value(&k.target, y);
            match t {
                None => f.still_missing(format!("{p}.target"), format!("no target for the report year {y}; add \"{y}\": <target>")),
                Some(t) if t.is_zero() => f.error(format!("{p}.target.{y}"), "target is 0, so capaian (realisasi / target) cannot be computed; enter the agreed non-zero target"),
                _ => {}
            }
            let r = realisation_source(b, &stats, &p, &k.realisasi, k.realisasi_dari.as_deref(), f);
            for (yy, t) in &k.target {
                if t.0.is_zero() && *yy != y && r.contains_key(&yy.0) {
                    f.error(format!("{p}.target.{yy}"), "target is 0, so capaian for this year cannot be computed; enter the non-zero target or remove the year");
                }
            }
            if k.target_renstra.0.is_zero() {
                f.error(
                    format!("{p}.target_renstra"),
                    "Renstra end target is 0, so tingkat kemajuan cannot be computed",
                );
            }
            let rule = k.rumus_negatif.unwrap_or(default_rule);
            plausible(f, &p, k, t, &r, y, rule);
            if k.polaritas == Polaritas::Negatif && rule == RumusNegatif::TBagiR {
                for (yy, r) in &r {
                    if r.is_zero() {
                        let at = match &k.realisasi_dari {
                            Some(_) => format!("{p}.realisasi_dari"),
                            None => format!("{p}.realisasi.{yy}"),
                        };
                        f.error(at, format!("realisasi {yy} is 0 and this negative indicator uses the formula T/R, which is then undefined; use \"rumus_negatif\": \"2T-R\" or check the value"));
                    }
                }
            }
        }
    }
    for (i, t) in b.tujuan.iter().enumerate() {
        for (j, k) in t.indikator.iter().enumerate() {
            let p = format!("tujuan[{i}].indikator[{j}]");
            match year_value(&k.target, y) {
                None => f.still_missing(
                    format!("{p}.target"),
                    format!("no target for the report year {y}; add \"{y}\": <target>"),
                ),
                Some(t) if t.is_zero() => f.error(
                    format!("{p}.target.{y}"),
                    "target is 0, so capaian cannot be computed; enter the non-zero target",
                ),
                _ => {}
            }
            realisation_source(b, &stats, &p, &k.realisasi, k.realisasi_dari.as_deref(), f);
        }
    }
    let period = &b.laporan.periode_renstra;
    if period.len() != 2 || period[0] > period[1] {
        f.error(
            "laporan.periode_renstra",
            "expected [first year, last year] of the Renstra period, e.g. [2016, 2021]",
        );
    }
}

/// Warnings at values that are possible but look mistyped: a capaian over 300 % or under
/// 10 %, a realisation more than ten times its target or last year's.
fn plausible(
    f: &mut Findings,
    p: &str,
    k: &Indikator,
    target: Option<Decimal>,
    realisasi: &BTreeMap<i32, Decimal>,
    y: Year,
    rule: RumusNegatif,
) {
    let at = match &k.realisasi_dari {
        Some(_) => format!("{p}.realisasi_dari"),
        None => format!("{p}.realisasi.{y}"),
    };
    let Some(r) = realisasi.get(&y.0).copied() else {
        return;
    };
    let ten = Decimal::TEN;
    if let Some(t) = target.filter(|t| !t.is_zero()) {
        if let Some(c) = figures::capaian(t, r, k.polaritas, rule)
            && (c > Decimal::from(300) || c < ten)
        {
            f.warn(
                at.clone(),
                format!(
                    "capaian {y} would be {} % (realisasi {} against target {}): check both values",
                    show(c.round_dp(2)),
                    show(r),
                    show(t)
                ),
            );
        }
        if r.abs() > (t * ten).abs() {
            f.warn(
                at.clone(),
                format!("realisasi {y} ({}) is more than ten times its target ({}): check the value and its unit", show(r), show(t)),
            );
        }
    }
    if let Some(prev) = realisasi.get(&(y.0 - 1)).filter(|v| !v.is_zero())
        && r.abs() > (*prev * ten).abs()
    {
        f.warn(
            at,
            format!("realisasi {y} ({}) is more than ten times last year's ({}): check the value and its unit", show(r), show(*prev)),
        );
    }
}

/// Every placeholder of every string names a computed figure or a cross-reference. The
/// n-th string's findings have the order `(Texts, 2n + 1)`, after its characters.
fn placeholders(b: &Bundle, tree: &bundle::json::Node, out: &mut Vec<(Order, Finding)>) {
    let mut names = figures::placeholder_names(b);
    names.extend(crate::doc::outline::ref_names(b));
    let mut n = 0u32;
    walk_strings(tree, "", &mut |path, pos, s| {
        let order = (Group::Texts, 2 * n + 1);
        n += 1;
        for item in figures::placeholders(s) {
            let message = match item {
                // A phrase's own names are judged by `doc::phrase::check`.
                Ok(_) if path.starts_with("frasa.") => continue,
                Err(bad) => {
                    format!("unclosed placeholder starting at {bad:?}; write {{{{ name }}}}")
                }
                Ok(name) if names.contains(&name) => continue,
                Ok(name) => {
                    let hint = did_you_mean(&name, names.iter().map(String::as_str))
                        .map(|s| format!("did you mean {s:?}?"))
                        .unwrap_or_else(|| {
                            "run `lkjip figures BUNDLE` for the list of names".into()
                        });
                    format!("unknown figure {name:?} in placeholder ({hint})")
                }
            };
            out.push((
                order,
                Finding {
                    path: path.to_string(),
                    message,
                    severity: Severity::Error,
                    pos: Some(pos),
                },
            ));
        }
    });
}
