//! Figures checked against the seed's right values.

use super::*;
use crate::bundle::RumusNegatif::*;

fn d(s: &str) -> Decimal {
    Decimal::from_str_exact(s).unwrap()
}

fn cap(t: &str, r: &str) -> String {
    format::number(
        capaian(d(t), d(r), Polaritas::Positif, DuaTKurangR).unwrap(),
        2,
    )
}

#[test]
fn capaian_positive_matches_the_seeds_right_values() {
    assert_eq!(cap("87", "87.12"), "100,14");
    assert_eq!(cap("80", "80.01"), "100,01");
    assert_eq!(cap("9", "12.50"), "138,89");
    assert_eq!(cap("4", "4.26"), "106,50");
    assert_eq!(cap("90", "91.02"), "101,13");
    assert_eq!(cap("5", "5.11"), "102,20");
}

#[test]
fn capaian_negative_both_formulas() {
    let c = capaian(d("4"), d("3"), Polaritas::Negatif, DuaTKurangR).unwrap();
    assert_eq!(format::number(c, 2), "125,00");
    let c = capaian(d("4"), d("3"), Polaritas::Negatif, TBagiR).unwrap();
    assert_eq!(format::number(c, 2), "133,33");
    assert_eq!(capaian(d("4"), d("0"), Polaritas::Negatif, TBagiR), None);
    let below_zero = capaian(d("4"), d("9"), Polaritas::Negatif, DuaTKurangR).unwrap();
    assert!(below_zero < Decimal::ZERO);
}

#[test]
fn tpt_of_the_seed() {
    assert_eq!(
        format::percent(pct(d("25029"), d("832804")).unwrap(), 2),
        "3,01%"
    );
}

#[test]
fn default_scale_bounds_are_explicit() {
    let s = default_scale();
    let label = |v: &str| rate(&s, d(v)).unwrap().predikat;
    assert_eq!(label("100.01"), "Sangat Baik");
    assert_eq!(label("100"), "Baik");
    assert_eq!(label("75"), "Baik");
    assert_eq!(label("74.99"), "Cukup");
    assert_eq!(label("55"), "Cukup");
    assert_eq!(label("54.99"), "Kurang");
}

#[test]
fn largest_remainder_shares_add_up_to_100() {
    let amounts = [
        d("605313104"),
        d("718370000"),
        d("434500000"),
        d("378081450"),
    ];
    let s = shares(&amounts, 2, true);
    let sum: Decimal = s.iter().map(|x| x.unwrap()).sum();
    assert_eq!(sum, d("100.00"));
}

#[test]
fn placeholders_are_found_and_expanded() {
    let mut names = BTreeMap::new();
    names.insert("IKU1.capaian".to_string(), "100,14%".to_string());
    assert_eq!(
        expand("capaian {{ IKU1.capaian }} ({{x}})", &names),
        "capaian 100,14% ({{x}})"
    );
    assert_eq!(
        placeholders("a {{b}} {{ c"),
        vec![Ok("b".into()), Err("{{ c".into())]
    );
}

proptest::proptest! {
    #[test]
    fn largest_remainder_always_sums_to_100(v in proptest::collection::vec(1u64..10_000_000_000, 1..12)) {
        let amounts: Vec<Decimal> = v.iter().map(|&x| Decimal::from(x)).collect();
        let s = shares(&amounts, 2, true);
        let sum: Decimal = s.iter().map(|x| x.unwrap()).sum();
        proptest::prop_assert_eq!(sum, d("100"));
    }
}

#[test]
fn the_mirror_scale_follows_the_formula_and_keeps_each_rows_score() {
    let s = default_scale();
    let text = |m: &[SkalaBand]| -> Vec<(Option<String>, Option<String>, u32)> {
        m.iter()
            .map(|b| {
                let n = |x: &Option<Batas>| x.as_ref().map(|x| format::number(x.nilai.0, 2));
                (n(&b.dari), n(&b.sampai), b.nilai)
            })
            .collect()
    };
    let some = |v: &str| Some(v.to_string());
    // 2T−R: capaian = 200 − ratio.
    assert_eq!(
        text(&mirror_scale(&s, DuaTKurangR, 2)),
        vec![
            (None, some("100,00"), 4),
            (some("100,00"), some("125,00"), 3),
            (some("125,00"), some("145,00"), 2),
            (some("145,00"), None, 1),
        ]
    );
    // T/R: capaian = 10 000 / ratio, bounds rounded as capaian is.
    assert_eq!(
        text(&mirror_scale(&s, TBagiR, 2)),
        vec![
            (None, some("100,00"), 4),
            (some("100,00"), some("133,33"), 3),
            (some("133,33"), some("181,82"), 2),
            (some("181,82"), None, 1),
        ]
    );
    // A ratio of 120 % (2T−R: capaian 80) is Baik in both tables.
    let m = mirror_scale(&s, DuaTKurangR, 2);
    assert_eq!(rate(&m, d("120")).unwrap().predikat, "Baik");
    assert_eq!(rate(&s, d("80")).unwrap().predikat, "Baik");
    // The bounds keep their inclusivity: capaian 100 is Baik, so ratio 100 is Baik.
    assert_eq!(rate(&m, d("100")).unwrap().predikat, "Baik");
    assert_eq!(rate(&m, d("99.99")).unwrap().predikat, "Sangat Baik");
}

#[test]
fn a_figure_feeds_the_next_as_printed() {
    // 81,54 (printed) against a target of 70 is 116,49, not 116,48 of 81,5355….
    let exact = d("81.5355");
    let r = format::round(exact, 2);
    let c = format::round(
        capaian(d("70"), r, Polaritas::Positif, DuaTKurangR).unwrap(),
        2,
    );
    assert_eq!(format::number(c, 2), "116,49");
    let c_exact = capaian(d("70"), exact, Polaritas::Positif, DuaTKurangR).unwrap();
    assert_eq!(format::number(c_exact, 2), "116,48");
}

#[test]
fn shares_round_each_alone_when_asked() {
    let s = shares(&[d("1"), d("1"), d("1")], 2, false);
    assert_eq!(s, vec![Some(d("33.33")); 3]);
    let s = shares(&[d("1"), d("1"), d("1")], 2, true);
    assert_eq!(s.iter().flatten().copied().sum::<Decimal>(), d("100"));
}
