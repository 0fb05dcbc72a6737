//! A reader with a calculator: every printed derived figure recomputes from the printed
//! figures it comes from. The printed figures are the placeholder values (the same
//! `show_*` functions print the tables and the prose), parsed back from their Indonesian
//! form. Checked for every bundle in `data/` and for generated agencies (the samples with
//! random targets, realisations, polarities, formulas and budgets, from 0,005 to
//! trillions).

mod common;

use std::collections::BTreeMap;

use lkjip::bundle::{Polaritas, RumusNegatif};
use lkjip::figures::{self, Figures};
use lkjip::format;
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{Value, json};

/// The number in a printed figure ("87,12%", "Rp2.135.244.834,00", "Rp. 1.234,-",
/// "+0,17"), or `None` for "-".
fn num(printed: &str) -> Option<Decimal> {
    let s = printed
        .replace("Rp.", "")
        .replace("Rp", "")
        .replace(",-", "");
    let s = s
        .trim()
        .trim_end_matches('%')
        .trim_start_matches('+')
        .trim();
    if s == "-" {
        return None;
    }
    let token: String = s
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-'))
        .collect();
    Some(format::parse_decimal(&token).unwrap_or_else(|e| panic!("{printed:?}: {e}")))
}

/// Every recomputation that disagrees with what is printed, as messages.
fn disagreements(b: &lkjip::bundle::Bundle, f: &Figures) -> Vec<String> {
    let n = &f.names;
    let get = |k: &str| n.get(k).map(String::as_str).unwrap_or("-");
    let dp = f.desimal;
    let pct = |v: Option<Decimal>| v.map(|v| format::percent(v, dp)).unwrap_or("-".into());
    let scale = figures::scale_of(b);
    let default_rule = b
        .tata_letak
        .as_ref()
        .and_then(|t| t.rumus_negatif)
        .unwrap_or_default();
    let mut bad = Vec::new();
    let mut check = |what: String, printed: &str, recomputed: String| {
        if printed != recomputed {
            bad.push(format!(
                "{what}: printed {printed}, recomputed {recomputed}"
            ));
        }
    };
    let mut capaians = Vec::new();
    for k in b.sasaran.iter().flat_map(|s| &s.indikator) {
        let id = &k.id;
        let rule = k.rumus_negatif.unwrap_or(default_rule);
        let (t, r) = (
            num(get(&format!("{id}.target"))),
            num(get(&format!("{id}.realisasi"))),
        );
        let c = t
            .zip(r)
            .and_then(|(t, r)| figures::capaian(t, r, k.polaritas, rule));
        check(
            format!("{id}.capaian"),
            get(&format!("{id}.capaian")),
            pct(c),
        );
        let printed_c = num(get(&format!("{id}.capaian")));
        capaians.push((k.id.clone(), printed_c));
        let kat = printed_c
            .and_then(|c| figures::rate(&scale, c))
            .map_or("-".to_string(), |r| r.predikat);
        check(
            format!("{id}.kategori"),
            get(&format!("{id}.kategori")),
            kat.clone(),
        );
        // The mirror table: the printed ratio R/T looked up gives the same category.
        if k.polaritas == Polaritas::Negatif
            && let (Some(t), Some(r)) = (t, r)
            && !t.is_zero()
        {
            let ratio = format::round(r / t * Decimal::ONE_HUNDRED, dp);
            let mirror = figures::mirror_scale(&scale, rule, dp);
            let looked = figures::rate(&mirror, ratio).map_or("-".to_string(), |r| r.predikat);
            check(
                format!("{id} ratio {ratio} in the mirror table"),
                &kat,
                looked,
            );
        }
        // Realisation minus the national figure, whole: the difference of the printed
        // figures, every decimal of it printed (normalised on both sides).
        let signed = |d: Option<Decimal>| {
            d.map_or("-".to_string(), |d| {
                let d = d.normalize();
                let shown = format::number(d, d.scale());
                if d > Decimal::ZERO {
                    format!("+{shown}")
                } else {
                    shown
                }
            })
        };
        let nasional = num(get(&format!("{id}.nasional")));
        check(
            format!("{id}.selisih_nasional"),
            &signed(num(get(&format!("{id}.selisih_nasional")))),
            signed(r.zip(nasional).map(|(r, n)| r - n)),
        );
        let (tr, rr) = (
            num(get(&format!("{id}.target_renstra"))),
            num(get(&format!("{id}.realisasi_renstra"))),
        );
        let kemajuan = tr
            .zip(rr)
            .and_then(|(t, r)| figures::capaian(t, r, k.polaritas, rule));
        check(
            format!("{id}.kemajuan"),
            get(&format!("{id}.kemajuan")),
            pct(kemajuan),
        );
    }
    let mean =
        |v: &[Decimal]| (!v.is_empty()).then(|| v.iter().sum::<Decimal>() / Decimal::from(v.len()));
    let all: Vec<Decimal> = capaians.iter().filter_map(|c| c.1).collect();
    check(
        "rata_rata_capaian".into(),
        get("rata_rata_capaian"),
        pct(mean(&all)),
    );
    // Budget: serapan, shares adding up to 100,00, efficiency from printed capaian and serapan.
    let mut shares = Decimal::ZERO;
    let mut serapans = Vec::new();
    for a in &f.anggaran {
        let id = &a.sasaran;
        let al = num(get(&format!("{id}.alokasi"))).unwrap();
        let re = num(get(&format!("{id}.realisasi_anggaran"))).unwrap();
        let serapan = (!al.is_zero()).then(|| re / al * Decimal::ONE_HUNDRED);
        check(
            format!("{id}.serapan"),
            get(&format!("{id}.serapan")),
            pct(serapan),
        );
        let porsi = num(get(&format!("{id}.porsi"))).unwrap_or_default();
        shares += porsi;
        if !a.program.is_empty()
            && a.program.iter().map(|p| p.alokasi).sum::<Decimal>() == a.alokasi
        {
            let sum: Decimal = a.program.iter().filter_map(|p| p.porsi).sum();
            check(
                format!("{id}.porsi = its programs'"),
                &pct(Some(porsi)),
                pct(Some(sum)),
            );
        }
        let s = num(get(&format!("{id}.serapan")));
        serapans.extend(s);
        let own: Vec<Decimal> = b
            .sasaran
            .iter()
            .filter(|x| &x.id == id)
            .flat_map(|x| &x.indikator)
            .filter_map(|k| capaians.iter().find(|c| c.0 == k.id).and_then(|c| c.1))
            .collect();
        let c = mean(&own).map(|c| format::round(c, dp));
        let method = b
            .tata_letak
            .as_ref()
            .and_then(|t| t.efisiensi)
            .unwrap_or_default();
        let e = match method {
            lkjip::bundle::MetodeEfisiensi::Rasio => {
                c.zip(s).and_then(|(c, s)| figures::ratio(c, s))
            }
            lkjip::bundle::MetodeEfisiensi::Selisih => c.zip(s).map(|(c, s)| c - s),
        };
        check(
            format!("{id}.efisiensi"),
            get(&format!("{id}.efisiensi")),
            e.map_or("-".into(), |e| format::number(e, dp)),
        );
    }
    if !f.anggaran.is_empty() {
        let lr = b
            .tata_letak
            .as_ref()
            .and_then(|t| t.porsi_sisa_terbesar)
            .unwrap_or(true);
        if lr {
            check(
                "shares add up".into(),
                &pct(Some(shares)),
                pct(Some(Decimal::ONE_HUNDRED)),
            );
        }
        check(
            "rata_rata_serapan".into(),
            get("rata_rata_serapan"),
            pct(mean(&serapans)),
        );
        let (t, r) = (
            num(get("anggaran.total")).unwrap(),
            num(get("anggaran.realisasi")).unwrap(),
        );
        check(
            "anggaran.serapan".into(),
            get("anggaran.serapan"),
            pct(Some(r / t * Decimal::ONE_HUNDRED)),
        );
    }
    bad
}

fn figures_of(name: &str, bytes: &[u8]) -> Option<(lkjip::bundle::Bundle, Figures)> {
    let loaded = lkjip::check::load(name, bytes).ok()?;
    let f = figures::compute(&loaded.bundle);
    Some((loaded.bundle, f))
}

#[test]
fn every_printed_figure_of_every_sample_recomputes_from_the_printed_figures() {
    let mut bad = Vec::new();
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("data");
    let mut paths: Vec<_> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    paths.sort();
    for path in paths {
        let bytes = std::fs::read(&path).unwrap();
        let (b, f) = figures_of(&path.display().to_string(), &bytes).expect("the sample loads");
        bad.extend(
            disagreements(&b, &f)
                .into_iter()
                .map(|m| format!("{}: {m}", path.display())),
        );
    }
    assert!(bad.is_empty(), "{}", bad.join("\n"));
}

/// A decimal from 0,005 to about a trillion, with 0 to 3 decimals.
fn amount() -> impl Strategy<Value = Decimal> {
    (1u64..1_000_000_000_000_000u64, 0u32..4, 0u32..4).prop_map(|(m, scale, shrink)| {
        let v = Decimal::from(m) / Decimal::from(10u64.pow(3 * shrink + 2));
        v.round_dp(scale).max(Decimal::new(5, 3))
    })
}

fn generated(
    base: &str,
    values: Vec<(Decimal, Decimal, bool, bool)>,
    money: Vec<(Decimal, Decimal)>,
) -> Vec<u8> {
    let mut v: Value = serde_json::from_str(base).unwrap();
    let mut it = values.into_iter().cycle();
    let year = v["laporan"]["tahun"].as_i64().unwrap().to_string();
    for s in v["sasaran"].as_array_mut().unwrap() {
        for k in s["indikator"].as_array_mut().unwrap() {
            let (t, r, neg, tr) = it.next().unwrap();
            k["target"][&year] = json!(t.to_string().parse::<serde_json::Number>().unwrap());
            k["realisasi"] = json!({ &year: r.to_string().parse::<serde_json::Number>().unwrap() });
            if let Some(o) = k.as_object_mut() {
                o.remove("realisasi_dari");
                o.remove("realisasi_renstra");
            }
            k["polaritas"] = json!(if neg { "negatif" } else { "positif" });
            k["rumus_negatif"] = json!(if tr { "T/R" } else { "2T-R" });
        }
    }
    let mut m = money.into_iter().cycle();
    for a in v["anggaran"].as_array_mut().unwrap() {
        let (al, re) = m.next().unwrap();
        a["alokasi"] = json!(
            al.round_dp(2)
                .to_string()
                .parse::<serde_json::Number>()
                .unwrap()
        );
        a["realisasi"] = json!(
            re.round_dp(2)
                .to_string()
                .parse::<serde_json::Number>()
                .unwrap()
        );
    }
    serde_json::to_vec(&v).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, .. ProptestConfig::default() })]

    #[test]
    fn generated_agencies_recompute_from_their_printed_figures(
        values in proptest::collection::vec((amount(), amount(), any::<bool>(), any::<bool>()), 1..12),
        money in proptest::collection::vec((amount(), amount()), 1..12),
        which in 0usize..2,
    ) {
        let base = ["data/mojokerto-2021.json", "data/kecamatan-mojosari-2021.json"][which];
        let text = std::fs::read_to_string(std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(base)).unwrap();
        let bytes = generated(&text, values, money);
        // A generated agency may be invalid (a zero divisor): then there is nothing printed.
        if let Some((b, f)) = figures_of("generated.json", &bytes) {
            let bad = disagreements(&b, &f);
            prop_assert!(bad.is_empty(), "{}", bad.join("\n"));
        }
    }
}

#[test]
fn the_parser_reads_what_is_printed() {
    let names: BTreeMap<&str, Decimal> = BTreeMap::from([
        ("87,12%", Decimal::new(8712, 2)),
        ("Rp2.135.244.834,00", Decimal::from(2_135_244_834u64)),
        ("Rp. 1.234,-", Decimal::from(1234)),
        ("+0,17", Decimal::new(17, 2)),
    ]);
    for (s, v) in names {
        assert_eq!(num(s), Some(v));
    }
    assert_eq!(num("-"), None);
    let _ = RumusNegatif::default();
}

/// The number of a printed figure as it stands in a table cell: "87,12%" → "87,12",
/// "Rp2.135.244.834,00" → "2.135.244.834,00".
fn token(printed: &str) -> String {
    printed
        .trim_start_matches("Rp.")
        .trim_start_matches("Rp")
        .trim()
        .chars()
        .take_while(|c| c.is_ascii_digit() || matches!(c, '.' | ',' | '-' | '\u{2212}'))
        .collect()
}

/// The link between the figures above and the page: the figures the recomputation reads
/// and checks (every IKU's target, realisation and capaian, every sasaran's serapan) are
/// found in the PDF's text as printed — whole, so no cell wrapped or shrank them into
/// something else.
#[test]
fn the_pdf_prints_the_figures_that_recompute() {
    if lkjip::readers::poppler("pdftotext").is_none() {
        return;
    }
    let mut missing = Vec::new();
    for path in common::data_bundles() {
        let bytes = std::fs::read(&path).unwrap();
        let (b, f) = figures_of(&path.display().to_string(), &bytes).expect("the sample loads");
        let (_dir, pdf, _) = common::render(path.to_str().unwrap());
        let text = common::squash(&common::pdf_text(&pdf));
        let mut names: Vec<String> = Vec::new();
        for k in b.sasaran.iter().flat_map(|s| &s.indikator) {
            for what in ["target", "realisasi", "capaian"] {
                names.push(format!("{}.{what}", k.id));
            }
        }
        names.extend(f.anggaran.iter().map(|a| format!("{}.serapan", a.sasaran)));
        for name in names {
            let Some(printed) = f.names.get(&name) else {
                continue;
            };
            let t = common::squash(&token(printed));
            if !t.is_empty() && !text.contains(&t) {
                missing.push(format!(
                    "{}: {name} = {printed:?} is not in the PDF",
                    path.display()
                ));
            }
        }
    }
    assert!(missing.is_empty(), "{}", missing.join("\n"));
}
