//! A figure as the report prints it, the same in prose, tables and charts: "-" for a
//! figure that is absent or undefined, percent for "%" units, whole numbers without
//! decimals, signed differences. Only presentation: never computes or rounds a figure
//! that feeds another (that is [`super::round`] where the figure is made).

use rust_decimal::Decimal;

use crate::format;

/// A percentage as printed, "-" when undefined.
pub fn show_pct(v: Option<Decimal>, dp: u32) -> String {
    v.map_or_else(|| "-".into(), |v| format::percent(v, dp))
}

/// A value in its unit: "%" units print as percent, others as numbers (whole numbers
/// without decimals); "-" when absent.
pub fn show_value(v: Option<Decimal>, satuan: &str, dp: u32) -> String {
    match v {
        None => "-".into(),
        Some(v) if satuan.trim() == "%" => format::percent(v, dp),
        Some(v) if v.fract().is_zero() => format::integer(v),
        Some(v) => format::number(v, dp),
    }
}

/// A value of an indicator in its unit, all its values alike: "%" units as percent with
/// the report's decimals `dp` (more when a typed value has more); others with `desimal`,
/// the indicator's (0 when all its values are whole); "-" when absent.
pub fn show_measure(v: Option<Decimal>, satuan: &str, dp: u32, desimal: u32) -> String {
    match v {
        None => "-".into(),
        Some(v) if satuan.trim() == "%" => format::percent(v, desimal.max(dp)),
        Some(v) if desimal == 0 => format::integer(v),
        Some(v) => format::number(v, desimal),
    }
}

/// A value `v` of a statistic's series `nilai` in its unit `satuan`: "%" as percent; a
/// rate (`laju`) always with the report's decimals; a series value as [`show_measure`]
/// with the series' decimals; "-" when absent.
///
/// Every value of a series prints alike: with as many decimals as its most precise
/// value (45.120.345.678.901,10 beside 44.987.123.456.789,00, never a bare
/// 44.987.123.456.789 in the same row); whole when all of them are whole.
pub fn show_stat(
    v: Option<Decimal>,
    nilai: &[Option<Decimal>],
    satuan: &str,
    laju: bool,
    dp: u32,
) -> String {
    match v {
        Some(v) if laju && satuan.trim() != "%" => format::number(v, dp),
        Some(v) if !laju => {
            let places = nilai
                .iter()
                .flatten()
                .map(|x| x.normalize().scale())
                .max()
                .unwrap_or(0);
            show_measure(Some(v), satuan, dp, places)
        }
        _ => show_value(v, satuan, dp),
    }
}

/// A signed difference of two values of an indicator ("+0,17" / "-1,05" / "+6"), with
/// the decimals its values print with ([`show_measure`]), so that the difference of two
/// printed values is printed whole (0,004 − 0,006 is "-0,002", never "0,00"); "-" when
/// absent.
pub fn show_diff(v: Option<Decimal>, satuan: &str, dp: u32, desimal: u32) -> String {
    let places = if satuan.trim() == "%" {
        desimal.max(dp)
    } else {
        desimal
    };
    match v {
        None => "-".into(),
        Some(v) if format::round(v, places) > Decimal::ZERO => {
            format!("+{}", format::number(v, places))
        }
        Some(v) => format::number(v, places),
    }
}

/// Money in words, "-" when it cannot be said.
pub fn show_words(v: Decimal) -> String {
    format::terbilang_rupiah(v).unwrap_or_else(|_| "-".into())
}
