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
