//! `lkjip figures` on the sample: every figure the seed's tables print, computed from the
//! raw facts (with the seed's right values, not its hand-computed slips).

mod common;

use common::{SAMPLE, lkjip};

fn figures() -> std::collections::BTreeMap<String, String> {
    let out = lkjip(&["figures", SAMPLE]);
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .skip(1)
        .filter_map(|l| {
            let (k, v) = l.split_once("  ")?;
            Some((k.trim().to_string(), v.trim().to_string()))
        })
        .collect()
}

#[test]
fn the_seeds_figures_are_computed() {
    let f = figures();
    let expect = [
        ("IKU1.capaian", "100,14%"),
        ("IKU2.capaian", "100,01%"),
        ("IKU3.capaian", "138,89%"),
        ("IKU4.capaian", "106,50%"),
        ("IKU2.kemajuan", "101,13%"),
        ("IKU3.kemajuan", "102,20%"),
        ("IKU1.kategori", "Sangat Baik"),
        ("tpt.2021", "3,01%"),
        ("S2.alokasi", "Rp. 718.370.000,-"),
        (
            "S2.alokasi.terbilang",
            "tujuh ratus delapan belas juta tiga ratus tujuh puluh ribu rupiah",
        ),
        ("jumlah_iku", "4 (empat)"),
    ];
    for (name, value) in expect {
        assert_eq!(f.get(name).map(String::as_str), Some(value), "{name}");
    }
    // Shares of the budget add up (each printed to 2 decimals).
    for name in [
        "S1.porsi",
        "S2.porsi",
        "S3.porsi",
        "S4.porsi",
        "S1.serapan",
        "anggaran.total",
        "anggaran.serapan",
    ] {
        assert!(f.contains_key(name), "{name} missing");
    }
}

#[test]
fn figures_json_is_the_same_computation() {
    let out = lkjip(&["figures", SAMPLE, "--json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(v["names"]["IKU3.capaian"], "138,89%");
    assert_eq!(v["indikator"].as_array().unwrap().len(), 4);
    // exact decimals, never floats: capaian is a string of digits, kept as printed
    // (12,5 / 9 = 138,888… printed 138,89, and every figure computed from it uses 138,89)
    let c = v["indikator"][2]["capaian"].as_str().unwrap();
    assert_eq!(c, "138.89");
}
