//! The seven points of every indicator's analysis (PermenPAN-RB 53/2014) are always
//! printed; where a point has no data the report says so in a sentence, and `check` warns
//! here, at the field that would fill it. Only when the outline holds the analysis.

use crate::bundle::Bundle;
use crate::bundle::validate::Findings;
use crate::doc::outline;
use crate::figures;

/// Warn at each indicator's point that has no data.
pub fn check(b: &Bundle, f: &mut Findings) {
    let (k, _) = outline::resolve(b);
    let mut analysed = false;
    for bab in &k.bab {
        outline::walk(&bab.isi, &mut |item| {
            analysed |= item.komponen.as_deref() == Some("analisis_indikator");
        });
    }
    if !analysed {
        return;
    }
    let figs = figures::compute(b);
    let year = b.laporan.tahun.0;
    let indicators = b.sasaran.iter().enumerate().flat_map(|(i, s)| {
        s.indikator
            .iter()
            .enumerate()
            .map(move |(j, k)| (i, s, j, k))
    });
    for ((i, s, j, k), fig) in indicators.zip(&figs.indikator) {
        let p = format!("sasaran[{i}].indikator[{j}]");
        let point = |n: u32, what: &str| {
            format!(
                "point {n} of the analysis of {} ({what}) has no data, so the report says so; ",
                k.id
            )
        };
        if !fig
            .tahunan
            .iter()
            .any(|y| y.tahun < year && y.realisasi.is_some())
        {
            let at = if k.realisasi_dari.is_some() {
                "realisasi_dari"
            } else {
                "realisasi"
            };
            f.warn(
                format!("{p}.{at}"),
                point(2, "comparison with earlier years") + "add the realisations of earlier years",
            );
        }
        if k.nasional.is_none() {
            f.warn(
                format!("{p}.nasional"),
                point(4, "comparison with the national figure")
                    + "add the national realisation (\"nasional\")",
            );
        }
        if k.penyebab.is_empty() {
            f.warn(
                format!("{p}.penyebab"),
                point(5, "causes of success or failure and solutions")
                    + "write them in \"penyebab\"",
            );
        }
        let budget = figs
            .anggaran
            .iter()
            .any(|a| a.sasaran == s.id && a.efisiensi.is_some());
        if !budget && k.efisiensi.is_empty() {
            f.warn(
                format!("{p}.efisiensi"),
                point(6, "efficiency of resources")
                    + "add the sasaran's budget (anggaran) or write \"efisiensi\"",
            );
        }
        let programs = b.program.iter().any(|x| x.sasaran.contains(&s.id));
        if !programs && k.program_pendukung.is_empty() {
            f.warn(
                format!("{p}.program_pendukung"),
                point(7, "supporting programs")
                    + "link a program to the sasaran or write \"program_pendukung\"",
            );
        }
    }
}
