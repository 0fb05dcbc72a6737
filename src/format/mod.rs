//! Indonesian formatting of numbers, money, dates, words, NIP and roman numerals.
//!
//! This module is the only place in the project where numbers become text.
//! It covers thousands/decimal separators (`1.234.567,89`), percentages,
//! rupiah amounts in the two house styles, dates with Indonesian month names,
//! *terbilang* (numbers written out in words, KBBI spelling), the spaced NIP
//! layout and roman numerals. It also parses the decimal notation it prints
//! back into a [`Decimal`]. The `show_*` functions print a figure (or its absence) as
//! the report does everywhere.
//!
//! It never computes figures and never rounds for calculation. The one
//! exception is display rounding, which always goes through [`round`]
//! (half away from zero), the single rounding rule of the project.

use rust_decimal::prelude::*;

mod show;
pub use show::{show_diff, show_measure, show_pct, show_stat, show_value, show_words};

/// How money is printed (bundle choice).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum MoneyStyle {
    /// `Rp2.135.244.834,00`: no space after `Rp`, always two decimals.
    #[default]
    Modern,
    /// `Rp. 2.135.244.834,-`: `Rp.` and a space, whole amounts end in `,-`.
    Legacy,
}

/// Round half away from zero to `dp` places. THE one rounding rule of the project.
///
/// `round(2.345, 2) == 2.35` and `round(-2.345, 2) == -2.35`.
pub fn round(value: Decimal, dp: u32) -> Decimal {
    value.round_dp_with_strategy(dp, RoundingStrategy::MidpointAwayFromZero)
}

/// Format with `.` as thousands separator and `,` as decimal mark, showing
/// exactly `dp` decimals after rounding with [`round`].
///
/// `number(832804, 0) == "832.804"`, `number(3.0054, 2) == "3,01"`,
/// `number(-1234.5, 2) == "-1.234,50"`. A value that rounds to zero is printed
/// without a sign (never `-0` or `-0,00`).
pub fn number(value: Decimal, dp: u32) -> String {
    let rounded = round(value, dp);
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    // `Display` of a Decimal prints plain digits, a '.' and exactly `scale`
    // fraction digits; after rounding the scale is at most `dp`.
    let plain = rounded.abs().to_string();
    let (int_digits, frac_digits) = match plain.split_once('.') {
        Some((i, f)) => (i, f),
        None => (plain.as_str(), ""),
    };

    let mut out = String::with_capacity(plain.len() + plain.len() / 3 + dp as usize + 2);
    if negative {
        out.push('-');
    }
    out.push_str(&group_thousands(int_digits));
    if dp > 0 {
        out.push(',');
        out.push_str(frac_digits);
        for _ in frac_digits.len()..dp as usize {
            out.push('0');
        }
    }
    out
}

/// Insert `.` between groups of three digits, counting from the right.
fn group_thousands(digits: &str) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push('.');
        }
        out.push(c);
    }
    out
}

/// Integer with thousands separators: `integer(832804) == "832.804"`.
///
/// The value should be whole; if it is not, it is rounded to 0 decimals with
/// [`round`] first.
pub fn integer(value: Decimal) -> String {
    number(value, 0)
}

/// Percentage with `dp` decimals and no space before `%`:
/// `percent(3.0054, 2) == "3,01%"`.
///
/// ```
/// use rust_decimal::Decimal;
/// let tpt = Decimal::from(25029) * Decimal::ONE_HUNDRED / Decimal::from(832804);
/// assert_eq!(lkjip::format::percent(tpt, 2), "3,01%");
/// ```
pub fn percent(value: Decimal, dp: u32) -> String {
    let mut out = number(value, dp);
    out.push('%');
    out
}

/// Money in the chosen [`MoneyStyle`], rounded to 2 decimals with [`round`].
///
/// * Modern: `Rp2.135.244.834,00` (always two decimals; negative `-Rp1.000,00`).
/// * Legacy: `Rp. 2.135.244.834,-` when whole after rounding, else
///   `Rp. 1.234,50` (negative `-Rp. 1.000,-`).
pub fn rupiah(value: Decimal, style: MoneyStyle) -> String {
    rupiah_cents(value, style, false)
}

/// Money down one table column, every amount alike: in the legacy style, when one amount
/// of the column has cents, every amount prints them (`Rp. 1.000,00` beside
/// `Rp. 1.234,50`, never `Rp. 1.000,-`); the modern style always prints them.
#[derive(Debug, Clone, Copy)]
pub struct MoneyColumn {
    style: MoneyStyle,
    cents: bool,
}

impl MoneyColumn {
    /// The column of these amounts.
    pub fn of(values: impl IntoIterator<Item = Decimal>, style: MoneyStyle) -> MoneyColumn {
        let cents = values.into_iter().any(|v| !round(v, 2).fract().is_zero());
        MoneyColumn { style, cents }
    }

    /// One amount of the column.
    pub fn show(&self, value: Decimal) -> String {
        rupiah_cents(value, self.style, self.cents)
    }
}

/// [`rupiah`], with the cents printed even when zero when `cents` is true.
fn rupiah_cents(value: Decimal, style: MoneyStyle, cents: bool) -> String {
    let rounded = round(value, 2);
    let sign = if rounded.is_sign_negative() && !rounded.is_zero() {
        "-"
    } else {
        ""
    };
    let amount = rounded.abs();
    match style {
        MoneyStyle::Modern => format!("{sign}Rp{}", number(amount, 2)),
        MoneyStyle::Legacy if amount.fract().is_zero() && !cents => {
            format!("{sign}Rp. {},-", number(amount, 0))
        }
        MoneyStyle::Legacy => format!("{sign}Rp. {}", number(amount, 2)),
    }
}

/// An Indonesian short unit for large values in charts: thousand million (*miliar*) and
/// so on, with its word for an axis title and its abbreviation for a label.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Magnitude {
    /// What a value is divided by (10⁶, 10⁹, 10¹²).
    pub divisor: Decimal,
    /// The word, for a title: "juta", "miliar", "triliun".
    pub word: &'static str,
    /// The abbreviation, after a label's number: "jt", "M", "T".
    pub abbr: &'static str,
}

/// The short unit for values up to `max_abs`: the largest of juta, miliar and triliun
/// that leaves at least two whole digits (so 45 T, 186 T, 24,87 M; 1.130.287 stays as
/// it is); `None` below ten million.
pub fn magnitude(max_abs: Decimal) -> Option<Magnitude> {
    const UNITS: [(i64, &str, &str); 3] = [
        (1_000_000_000_000, "triliun", "T"),
        (1_000_000_000, "miliar", "M"),
        (1_000_000, "juta", "jt"),
    ];
    UNITS.iter().find_map(|&(d, word, abbr)| {
        let divisor = Decimal::from(d);
        (max_abs.abs() >= divisor * Decimal::TEN).then_some(Magnitude {
            divisor,
            word,
            abbr,
        })
    })
}

/// `value` in the short unit `m` with `dp` decimals: "186,01 T" (a no-break space keeps
/// the number and its unit on one line).
pub fn short(value: Decimal, m: Magnitude, dp: u32) -> String {
    format!("{}\u{a0}{}", number(value / m.divisor, dp), m.abbr)
}

/// Parse a decimal written in the Indonesian form back into a [`Decimal`].
///
/// Rules (one reading only, so a string is never silently misread):
/// * an optional leading `-`, then digits and separators only (no whitespace,
///   no `+`);
/// * a `,` is the (single) decimal mark;
/// * a `.` always groups thousands: `1.000` is one thousand, `1.234.567,89`;
/// * thousands groups: the first has 1 to 3 digits, every later one exactly 3.
///
/// A `.` that cannot group thousands (`"87.12"`, the English decimal point) is an
/// error that suggests the Indonesian form (`"87,12"`) or a JSON number (`87.12`).
/// Consequently `parse_decimal(&number(x, dp)) == round(x, dp)` for every `x` and
/// every `dp`.
///
/// Errors are a short lower-case reason such as
/// `expected a decimal number, found "1.2.3"`.
pub fn parse_decimal(s: &str) -> Result<Decimal, String> {
    let bad = || format!("expected a decimal number, found {s:?}");
    let (negative, body) = match s.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, s),
    };
    if body.is_empty()
        || !body
            .bytes()
            .all(|b| b.is_ascii_digit() || b == b'.' || b == b',')
    {
        return Err(bad());
    }

    let (int_digits, frac_digits): (String, &str) = if let Some((int, frac)) = body.split_once(',')
    {
        if frac.is_empty() || !frac.bytes().all(|b| b.is_ascii_digit()) {
            return Err(bad());
        }
        (ungroup(int).ok_or_else(bad)?, frac)
    } else {
        match ungroup(body) {
            Some(int) => (int, ""),
            None => return Err(english_or_bad(body, s)),
        }
    };

    // Trailing fraction zeros carry no value; dropping them keeps wide
    // padded output (e.g. 28 decimals) within Decimal's precision.
    let frac_digits = frac_digits.trim_end_matches('0');
    let mut canonical = String::with_capacity(int_digits.len() + frac_digits.len() + 2);
    if negative {
        canonical.push('-');
    }
    canonical.push_str(&int_digits);
    if !frac_digits.is_empty() {
        canonical.push('.');
        canonical.push_str(frac_digits);
    }
    Decimal::from_str_exact(&canonical)
        .map_err(|_| format!("number out of range or too precise, found {s:?}"))
}

/// Remove thousands separators from an integer part made of ASCII digits and
/// `.`; `None` when the grouping is malformed.
fn ungroup(int: &str) -> Option<String> {
    let mut groups = int.split('.');
    let first = groups.next()?;
    let grouped = int.contains('.');
    if first.is_empty()
        || (grouped && first.len() > 3)
        || !first.bytes().all(|b| b.is_ascii_digit())
    {
        return None;
    }
    let mut digits = first.to_string();
    for group in groups {
        if group.len() != 3 || !group.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        digits.push_str(group);
    }
    Some(digits)
}

/// The error for a string whose `.` cannot group thousands: a suggestion when it reads
/// as an English decimal point (`"87.12"`), else the plain reason.
fn english_or_bad(body: &str, s: &str) -> String {
    match body.split_once('.') {
        Some((int, frac))
            if !int.is_empty()
                && !frac.is_empty()
                && !frac.contains('.')
                && int.bytes().chain(frac.bytes()).all(|b| b.is_ascii_digit()) =>
        {
            let sign = if s.starts_with('-') { "-" } else { "" };
            format!(
                "{s:?} is ambiguous: in a text the dot groups thousands and the comma is the \
                 decimal mark; write \"{sign}{int},{frac}\" or the JSON number {sign}{int}.{frac}"
            )
        }
        _ => format!("expected a decimal number, found {s:?}"),
    }
}

const MONTHS: [&str; 12] = [
    "Januari",
    "Februari",
    "Maret",
    "April",
    "Mei",
    "Juni",
    "Juli",
    "Agustus",
    "September",
    "Oktober",
    "November",
    "Desember",
];

/// Date in words: `date(2022, 2, 18) == "18 Februari 2022"`.
///
/// Never panics; a month outside `1..=12` is printed as `?`.
pub fn date(year: i32, month: u32, day: u32) -> String {
    format!("{day} {} {year}", month_name(month))
}

/// Month and year: `month_year(2022, 2) == "Februari 2022"`.
pub fn month_year(year: i32, month: u32) -> String {
    format!("{} {year}", month_name(month))
}

/// Indonesian month name: `month_name(2) == "Februari"`; `"?"` outside `1..=12`.
pub fn month_name(month: u32) -> &'static str {
    month
        .checked_sub(1)
        .and_then(|i| MONTHS.get(i as usize))
        .copied()
        .unwrap_or("?")
}

const DIGITS: [&str; 10] = [
    "nol", "satu", "dua", "tiga", "empat", "lima", "enam", "tujuh", "delapan", "sembilan",
];

/// Largest whole number [`terbilang`] can write (999 triliun ...).
const TERBILANG_MAX: u64 = 999_999_999_999_999;

/// Terbilang: a number in words (KBBI spelling, lower case, single spaces).
///
/// `0` "nol", `11` "sebelas", `100` "seratus", `1000` "seribu",
/// `101000` "seratus satu ribu", `1000000` "satu juta", `1e9` "satu miliar",
/// `1e12` "satu triliun". The whole part may be at most
/// 999.999.999.999.999; larger magnitudes give `Err`. Negative values start
/// with "minus". Decimals are read digit by digit after "koma", taken from the
/// value as given with trailing zeros removed: `3.01` gives
/// "tiga koma nol satu".
pub fn terbilang(value: Decimal) -> Result<String, String> {
    let negative = value.is_sign_negative() && !value.is_zero();
    let magnitude = value.abs();
    let whole = magnitude
        .trunc()
        .to_u64()
        .filter(|w| *w <= TERBILANG_MAX)
        .ok_or_else(|| format!("number too large for terbilang: {value}"))?;

    let mut out = String::new();
    if negative {
        out.push_str("minus ");
    }
    out.push_str(&whole_words(whole));

    let frac = magnitude.fract().normalize();
    if !frac.is_zero() {
        out.push_str(" koma");
        let text = frac.to_string();
        let digits = text.split_once('.').map_or("", |(_, d)| d);
        for b in digits.bytes() {
            out.push(' ');
            out.push_str(DIGITS[usize::from(b - b'0')]);
        }
    }
    Ok(out)
}

/// Words for a whole number up to [`TERBILANG_MAX`].
fn whole_words(n: u64) -> String {
    if n == 0 {
        return DIGITS[0].to_string();
    }
    const SCALES: [(u64, &str); 4] = [
        (1_000_000_000_000, "triliun"),
        (1_000_000_000, "miliar"),
        (1_000_000, "juta"),
        (1_000, "ribu"),
    ];
    let mut words: Vec<String> = Vec::new();
    let mut rest = n;
    for (size, name) in SCALES {
        let group = rest / size;
        rest %= size;
        if group == 0 {
            continue;
        }
        if group == 1 && size == 1_000 {
            words.push("seribu".to_string());
        } else {
            words.push(format!("{} {name}", group_words(group)));
        }
    }
    if rest > 0 {
        words.push(group_words(rest));
    }
    words.join(" ")
}

/// Words for `1..=999`.
fn group_words(n: u64) -> String {
    let mut words: Vec<&str> = Vec::new();
    let hundreds = (n / 100) as usize;
    let tens = ((n / 10) % 10) as usize;
    let units = (n % 10) as usize;
    match hundreds {
        0 => {}
        1 => words.push("seratus"),
        h => words.extend([DIGITS[h], "ratus"]),
    }
    match (tens, units) {
        (0, 0) => {}
        (0, u) => words.push(DIGITS[u]),
        (1, 0) => words.push("sepuluh"),
        (1, 1) => words.push("sebelas"),
        (1, u) => words.extend([DIGITS[u], "belas"]),
        (t, 0) => words.extend([DIGITS[t], "puluh"]),
        (t, u) => words.extend([DIGITS[t], "puluh", DIGITS[u]]),
    }
    words.join(" ")
}

/// Money in words, after rounding to 2 decimals with [`round`]: terbilang of
/// the whole part + " rupiah", followed by terbilang of the sen + " sen" when
/// there are any. `718370000` gives
/// "tujuh ratus delapan belas juta tiga ratus tujuh puluh ribu rupiah";
/// `1.5` gives "satu rupiah lima puluh sen". Negative amounts start with
/// "minus".
///
/// ```
/// use rust_decimal::Decimal;
/// assert_eq!(
///     lkjip::format::terbilang_rupiah(Decimal::from(718_370_000)).unwrap(),
///     "tujuh ratus delapan belas juta tiga ratus tujuh puluh ribu rupiah"
/// );
/// ```
pub fn terbilang_rupiah(value: Decimal) -> Result<String, String> {
    let rounded = round(value, 2);
    let negative = rounded.is_sign_negative() && !rounded.is_zero();
    let amount = rounded.abs();
    let mut out = String::new();
    if negative {
        out.push_str("minus ");
    }
    out.push_str(&terbilang(amount.trunc())?);
    out.push_str(" rupiah");
    let sen = (amount.fract() * Decimal::ONE_HUNDRED).trunc();
    if !sen.is_zero() {
        out.push(' ');
        out.push_str(&terbilang(sen)?);
        out.push_str(" sen");
    }
    Ok(out)
}

/// Capitalise the first letter of every word, leaving the rest as is:
/// "tujuh ratus delapan belas juta" gives "Tujuh Ratus Delapan Belas Juta".
pub fn title_case(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut at_word_start = true;
    for c in s.chars() {
        if at_word_start && !c.is_whitespace() {
            out.extend(c.to_uppercase());
        } else {
            out.push(c);
        }
        at_word_start = c.is_whitespace();
    }
    out
}

/// NIP in its printed layout: "196906211998021001" gives
/// "19690621 199802 1 001". Input that is not exactly 18 ASCII digits is
/// returned unchanged (validation happens elsewhere).
///
/// ```
/// assert_eq!(lkjip::format::nip("196906211998021001"), "19690621 199802 1 001");
/// ```
pub fn nip(raw: &str) -> String {
    if raw.len() != 18 || !raw.bytes().all(|b| b.is_ascii_digit()) {
        return raw.to_string();
    }
    format!(
        "{} {} {} {}",
        &raw[..8],
        &raw[8..14],
        &raw[14..15],
        &raw[15..]
    )
}

/// Upper-case roman numerals: `roman(4) == "IV"`, `roman(1994) == "MCMXCIV"`.
/// `0` and values above 3999 fall back to decimal digits.
pub fn roman(n: u32) -> String {
    const TABLE: [(u32, &str); 13] = [
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    if n == 0 || n > 3999 {
        return n.to_string();
    }
    let mut out = String::new();
    let mut rest = n;
    for (value, symbol) in TABLE {
        while rest >= value {
            out.push_str(symbol);
            rest -= value;
        }
    }
    out
}

/// Lower-case roman numerals: `roman_lower(3) == "iii"`; same fallback as [`roman`].
pub fn roman_lower(n: u32) -> String {
    roman(n).to_lowercase()
}

/// A count of people or things with thousands separators: `count(1054) == "1.054"`.
pub fn count(n: u64) -> String {
    integer(Decimal::from(n))
}

/// Letters for list labels, continuing past z as spreadsheet columns do:
/// 1 → "a", 26 → "z", 27 → "aa", 28 → "ab" (0 gives "").
///
/// ```
/// assert_eq!(lkjip::format::alpha_lower(1), "a");
/// assert_eq!(lkjip::format::alpha_lower(27), "aa");
/// ```
pub fn alpha_lower(mut n: u32) -> String {
    let mut out = Vec::new();
    while n > 0 {
        n -= 1;
        out.push(b'a' + (n % 26) as u8);
        n /= 26;
    }
    out.reverse();
    String::from_utf8(out).unwrap_or_default()
}

/// [`alpha_lower`] in capitals: 1 → "A", 27 → "AA".
pub fn alpha_upper(n: u32) -> String {
    alpha_lower(n).to_uppercase()
}

/// Count in digits and words, as documents write it: `count_words(4) == "4 (empat)"`.
/// Beyond the range of [`terbilang`] only the digits are printed.
pub fn count_words(n: u64) -> String {
    match terbilang(Decimal::from(n)) {
        Ok(words) => format!("{n} ({words})"),
        Err(_) => n.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    fn d(s: &str) -> Decimal {
        Decimal::from_str_exact(s).unwrap()
    }

    fn words(n: u64) -> String {
        terbilang(Decimal::from(n)).unwrap()
    }

    #[test]
    fn round_half_away_from_zero() {
        assert_eq!(round(d("2.345"), 2), d("2.35"));
        assert_eq!(round(d("-2.345"), 2), d("-2.35"));
        assert_eq!(round(d("2.344"), 2), d("2.34"));
        assert_eq!(round(d("0.5"), 0), d("1"));
        assert_eq!(round(d("-0.5"), 0), d("-1"));
        assert_eq!(round(d("1.2"), 4), d("1.2"));
    }

    #[test]
    fn number_examples() {
        assert_eq!(number(d("832804"), 0), "832.804");
        assert_eq!(number(d("3.0054"), 2), "3,01");
        assert_eq!(number(d("-1234.5"), 2), "-1.234,50");
        assert_eq!(number(d("1234567.891"), 2), "1.234.567,89");
        assert_eq!(number(d("0"), 0), "0");
        assert_eq!(number(d("0"), 2), "0,00");
        assert_eq!(number(d("999"), 0), "999");
        assert_eq!(number(d("1000"), 0), "1.000");
        assert_eq!(number(d("123456"), 1), "123.456,0");
        assert_eq!(number(d("0.5"), 0), "1");
        assert_eq!(number(d("2.5"), 3), "2,500");
    }

    #[test]
    fn number_never_negative_zero() {
        assert_eq!(number(d("-0.004"), 2), "0,00");
        assert_eq!(number(d("-0.4"), 0), "0");
        assert_eq!(number(-Decimal::ZERO, 2), "0,00");
        assert_eq!(number(d("-0.005"), 2), "-0,01");
    }

    #[test]
    fn number_extremes() {
        assert_eq!(
            number(Decimal::MAX, 2),
            "79.228.162.514.264.337.593.543.950.335,00"
        );
        assert_eq!(
            number(Decimal::MIN, 0),
            "-79.228.162.514.264.337.593.543.950.335"
        );
        assert_eq!(parse_decimal(&number(Decimal::MAX, 2)), Ok(Decimal::MAX));
        let tiny = Decimal::new(1, 28);
        assert_eq!(number(tiny, 30), format!("0,{}100", "0".repeat(27)));
        assert_eq!(parse_decimal(&number(tiny, 30)), Ok(tiny));
    }

    #[test]
    fn integer_examples() {
        assert_eq!(integer(d("832804")), "832.804");
        assert_eq!(integer(d("2135244834")), "2.135.244.834");
        assert_eq!(integer(d("12.5")), "13");
        assert_eq!(integer(d("-1000")), "-1.000");
    }

    #[test]
    fn percent_examples() {
        assert_eq!(percent(d("3.0054"), 2), "3,01%");
        assert_eq!(percent(d("100.14"), 2), "100,14%");
        assert_eq!(percent(d("100.14"), 1), "100,1%");
        assert_eq!(percent(d("87"), 0), "87%");
    }

    #[test]
    fn rupiah_modern() {
        assert_eq!(
            rupiah(d("2135244834"), MoneyStyle::Modern),
            "Rp2.135.244.834,00"
        );
        assert_eq!(rupiah(d("-1000"), MoneyStyle::Modern), "-Rp1.000,00");
        assert_eq!(rupiah(d("1234.5"), MoneyStyle::Modern), "Rp1.234,50");
        assert_eq!(rupiah(d("-0.001"), MoneyStyle::Modern), "Rp0,00");
        assert_eq!(MoneyStyle::default(), MoneyStyle::Modern);
    }

    #[test]
    fn rupiah_legacy() {
        assert_eq!(
            rupiah(d("2135244834"), MoneyStyle::Legacy),
            "Rp. 2.135.244.834,-"
        );
        assert_eq!(rupiah(d("1234.5"), MoneyStyle::Legacy), "Rp. 1.234,50");
        assert_eq!(rupiah(d("1234.001"), MoneyStyle::Legacy), "Rp. 1.234,-");
        assert_eq!(rupiah(d("-1000"), MoneyStyle::Legacy), "-Rp. 1.000,-");
        assert_eq!(rupiah(d("999.995"), MoneyStyle::Legacy), "Rp. 1.000,-");
    }

    #[test]
    fn parse_accepts() {
        assert_eq!(parse_decimal("1.234.567,89"), Ok(d("1234567.89")));
        assert_eq!(parse_decimal("87,12"), Ok(d("87.12")));
        assert_eq!(parse_decimal("1.234.567"), Ok(d("1234567")));
        assert_eq!(parse_decimal("832.804"), Ok(d("832804")));
        assert_eq!(parse_decimal("1.000"), Ok(d("1000")));
        assert_eq!(parse_decimal("12.500"), Ok(d("12500")));
        assert_eq!(parse_decimal("-1.234,50"), Ok(d("-1234.5")));
        assert_eq!(parse_decimal("1234,5"), Ok(d("1234.5")));
        assert_eq!(parse_decimal("42"), Ok(d("42")));
        assert_eq!(parse_decimal("-0,00"), Ok(Decimal::ZERO));
        assert_eq!(parse_decimal("0,10"), Ok(d("0.1")));
    }

    #[test]
    fn parse_rejects() {
        for bad in [
            "",
            "-",
            " 1",
            "1 ",
            "+1",
            "1.2.3",
            "1.234.56",
            "1234.567.890",
            "1.234,5,6",
            "1,2.3",
            "1,",
            ",5",
            ".5",
            "5.",
            "1..2",
            "--1",
            "1e3",
            "abc",
            "1.23,4",
            "\u{663}",
        ] {
            assert!(parse_decimal(bad).is_err(), "{bad:?} should be rejected");
        }
        assert_eq!(
            parse_decimal("1.2.3"),
            Err("expected a decimal number, found \"1.2.3\"".to_string())
        );
        assert!(parse_decimal("99999999999999999999999999999999").is_err());
    }

    #[test]
    fn parse_refuses_the_english_decimal_point_with_a_suggestion() {
        let e = parse_decimal("87.12").unwrap_err();
        assert!(e.contains("\"87,12\"") && e.contains("87.12"), "{e}");
        let e = parse_decimal("-0.5").unwrap_err();
        assert!(e.contains("\"-0,5\""), "{e}");
    }

    #[test]
    fn dates() {
        assert_eq!(date(2022, 2, 18), "18 Februari 2022");
        assert_eq!(date(2023, 12, 31), "31 Desember 2023");
        assert_eq!(date(2023, 0, 1), "1 ? 2023");
        assert_eq!(date(2023, 13, 1), "1 ? 2023");
        assert_eq!(month_year(2022, 2), "Februari 2022");
        assert_eq!(month_name(2), "Februari");
        let all: Vec<&str> = (1..=12).map(month_name).collect();
        assert_eq!(
            all.join(" "),
            "Januari Februari Maret April Mei Juni Juli Agustus September Oktober November Desember"
        );
        assert_eq!(month_name(0), "?");
        assert_eq!(month_name(u32::MAX), "?");
    }

    #[test]
    fn terbilang_small() {
        let cases: [(u64, &str); 20] = [
            (0, "nol"),
            (1, "satu"),
            (9, "sembilan"),
            (10, "sepuluh"),
            (11, "sebelas"),
            (12, "dua belas"),
            (19, "sembilan belas"),
            (20, "dua puluh"),
            (21, "dua puluh satu"),
            (99, "sembilan puluh sembilan"),
            (100, "seratus"),
            (101, "seratus satu"),
            (110, "seratus sepuluh"),
            (111, "seratus sebelas"),
            (200, "dua ratus"),
            (1000, "seribu"),
            (1001, "seribu satu"),
            (1100, "seribu seratus"),
            (2000, "dua ribu"),
            (11000, "sebelas ribu"),
        ];
        for (n, expected) in cases {
            assert_eq!(words(n), expected, "{n}");
        }
    }

    #[test]
    fn terbilang_large() {
        assert_eq!(words(101_000), "seratus satu ribu");
        assert_eq!(words(1_000_000), "satu juta");
        assert_eq!(words(1_001_000), "satu juta seribu");
        assert_eq!(words(1_000_000_000), "satu miliar");
        assert_eq!(words(1_000_000_000_000), "satu triliun");
        assert_eq!(
            words(718_370_000),
            "tujuh ratus delapan belas juta tiga ratus tujuh puluh ribu"
        );
        assert_eq!(
            words(378_081_450),
            "tiga ratus tujuh puluh delapan juta delapan puluh satu ribu empat ratus lima puluh"
        );
        assert_eq!(
            words(2_135_244_834),
            "dua miliar seratus tiga puluh lima juta dua ratus empat puluh empat ribu delapan ratus tiga puluh empat"
        );
        assert_eq!(
            words(999_999_999_999_999),
            "sembilan ratus sembilan puluh sembilan triliun \
             sembilan ratus sembilan puluh sembilan miliar \
             sembilan ratus sembilan puluh sembilan juta \
             sembilan ratus sembilan puluh sembilan ribu \
             sembilan ratus sembilan puluh sembilan"
        );
    }

    #[test]
    fn terbilang_limits_sign_and_decimals() {
        assert!(terbilang(Decimal::from(1_000_000_000_000_000u64)).is_err());
        assert!(terbilang(Decimal::MAX).is_err());
        assert!(terbilang(Decimal::MIN).is_err());
        assert_eq!(terbilang(d("-12")).unwrap(), "minus dua belas");
        assert_eq!(terbilang(d("3.01")).unwrap(), "tiga koma nol satu");
        assert_eq!(terbilang(d("3.0100")).unwrap(), "tiga koma nol satu");
        assert_eq!(terbilang(d("3.00")).unwrap(), "tiga");
        assert_eq!(terbilang(d("-0.5")).unwrap(), "minus nol koma lima");
        assert_eq!(terbilang(-Decimal::ZERO).unwrap(), "nol");
        assert_eq!(
            terbilang(d("999999999999999.99")).unwrap(),
            format!("{} koma sembilan sembilan", words(999_999_999_999_999))
        );
    }

    #[test]
    fn terbilang_rupiah_examples() {
        assert_eq!(
            terbilang_rupiah(d("718370000")).unwrap(),
            "tujuh ratus delapan belas juta tiga ratus tujuh puluh ribu rupiah"
        );
        assert_eq!(
            terbilang_rupiah(d("1.5")).unwrap(),
            "satu rupiah lima puluh sen"
        );
        assert_eq!(
            terbilang_rupiah(d("1000.055")).unwrap(),
            "seribu rupiah enam sen"
        );
        assert_eq!(terbilang_rupiah(d("0.004")).unwrap(), "nol rupiah");
        assert_eq!(
            terbilang_rupiah(d("-0.5")).unwrap(),
            "minus nol rupiah lima puluh sen"
        );
        assert!(terbilang_rupiah(d("1000000000000000")).is_err());
    }

    #[test]
    fn title_case_examples() {
        assert_eq!(
            title_case("tujuh ratus delapan belas juta"),
            "Tujuh Ratus Delapan Belas Juta"
        );
        assert_eq!(title_case(""), "");
        assert_eq!(title_case("  dua  puluh "), "  Dua  Puluh ");
        assert_eq!(title_case("(empat)"), "(empat)");
    }

    #[test]
    fn nip_examples() {
        assert_eq!(nip("196906211998021001"), "19690621 199802 1 001");
        assert_eq!(nip("19690621199802100"), "19690621199802100");
        assert_eq!(nip("19690621199802100x"), "19690621199802100x");
        assert_eq!(nip("19690621 199802 1 001"), "19690621 199802 1 001");
        assert_eq!(nip("١٩٦٩٠٦٢١١٩٩٨٠٢١٠"), "١٩٦٩٠٦٢١١٩٩٨٠٢١٠");
    }

    #[test]
    fn roman_examples() {
        assert_eq!(roman(1), "I");
        assert_eq!(roman(4), "IV");
        assert_eq!(roman(9), "IX");
        assert_eq!(roman(14), "XIV");
        assert_eq!(roman(1994), "MCMXCIV");
        assert_eq!(roman(3999), "MMMCMXCIX");
        assert_eq!(roman(0), "0");
        assert_eq!(roman(4000), "4000");
        assert_eq!(roman_lower(3), "iii");
        assert_eq!(roman_lower(12), "xii");
    }

    #[test]
    fn count_words_examples() {
        assert_eq!(count_words(4), "4 (empat)");
        assert_eq!(count_words(0), "0 (nol)");
        assert_eq!(count_words(1000), "1000 (seribu)");
        assert_eq!(count_words(u64::MAX), u64::MAX.to_string());
    }

    /// Independent reader of terbilang output, used to check the words mean
    /// the number they were made from.
    fn read_words(s: &str) -> Option<u64> {
        let mut total = 0u64;
        let mut group = 0u64;
        let mut last = 0u64;
        for word in s.split(' ') {
            if let Some(digit) = DIGITS.iter().position(|w| *w == word) {
                last = digit as u64;
                continue;
            }
            match word {
                "sepuluh" => group += 10,
                "sebelas" => group += 11,
                "seratus" => group += 100,
                "belas" => {
                    group += 10 + last;
                    last = 0;
                }
                "puluh" => {
                    group += 10 * last;
                    last = 0;
                }
                "ratus" => {
                    group += 100 * last;
                    last = 0;
                }
                "seribu" => total += 1000,
                "ribu" | "juta" | "miliar" | "triliun" => {
                    let scale = match word {
                        "ribu" => 1_000,
                        "juta" => 1_000_000,
                        "miliar" => 1_000_000_000,
                        _ => 1_000_000_000_000,
                    };
                    total += (group + last) * scale;
                    group = 0;
                    last = 0;
                }
                _ => return None,
            }
        }
        Some(total + group + last)
    }

    /// Uniform over the whole range, plus numbers built group by group so
    /// that zero groups, groups equal to 1 and small values are common.
    fn arb_terbilang_input() -> impl Strategy<Value = u64> {
        let group = prop_oneof![Just(0u64), Just(1u64), 2u64..20, 0u64..1000];
        prop_oneof![
            0u64..=TERBILANG_MAX,
            0u64..1000,
            proptest::collection::vec(group, 5)
                .prop_map(|groups| groups.iter().fold(0, |acc, g| acc * 1000 + g)),
        ]
    }

    fn arb_decimal() -> impl Strategy<Value = Decimal> {
        (any::<i64>(), 0u32..=6).prop_map(|(m, s)| Decimal::new(m, s))
    }

    fn arb_small_decimal() -> impl Strategy<Value = Decimal> {
        (-999_999_999_999_999i64..=999_999_999_999_999, 0u32..=6)
            .prop_map(|(m, s)| Decimal::new(m, s))
    }

    proptest! {
        #[test]
        fn terbilang_is_well_formed(n in arb_terbilang_input()) {
            let text = terbilang(Decimal::from(n)).unwrap();
            prop_assert!(!text.contains("  "));
            prop_assert!(!text.starts_with(' ') && !text.ends_with(' '));
            prop_assert_eq!(text.to_lowercase(), text.clone());
            for never in ["satu ratus", "satu puluh", "satu belas", "sejuta", "semiliar", "setriliun", "milyar"] {
                prop_assert!(!text.contains(never), "{} contains {}", text, never);
            }
            // The thousands group equal to exactly 1 reads "seribu"; any
            // other "... satu ribu" is the tail of a larger group (101, 21, ...).
            let thousands = (n / 1000) % 1000;
            prop_assert_eq!(text.contains("seribu"), thousands == 1);
            if thousands == 1 {
                prop_assert!(!text.contains("satu ribu"));
            }
            let tokens: Vec<&str> = text.split(' ').collect();
            for (i, pair) in tokens.windows(2).enumerate() {
                if pair == ["satu", "ribu"] {
                    prop_assert!(i > 0);
                    prop_assert!(!["triliun", "miliar", "juta"].contains(&tokens[i - 1]));
                }
            }
            prop_assert_eq!(read_words(&text), Some(n));
        }

        #[test]
        fn terbilang_negative_and_decimals(x in prop_oneof![arb_decimal(), arb_small_decimal()]) {
            if x.abs().trunc() > Decimal::from(TERBILANG_MAX) {
                prop_assert!(terbilang(x).is_err());
                return Ok(());
            }
            let text = terbilang(x).unwrap();
            prop_assert!(!text.contains("  "));
            prop_assert_eq!(text.starts_with("minus "), x < Decimal::ZERO);
            prop_assert_eq!(text.contains(" koma "), !x.fract().is_zero());
            prop_assert!(!text.ends_with("koma nol"));
            let whole = words(x.abs().trunc().to_u64().unwrap());
            let unsigned = text.strip_prefix("minus ").unwrap_or(&text);
            prop_assert!(unsigned.starts_with(&whole));
        }

        #[test]
        fn terbilang_too_large_is_err(n in (TERBILANG_MAX + 1)..=u64::MAX) {
            prop_assert!(terbilang(Decimal::from(n)).is_err());
        }

        #[test]
        fn parse_round_trips_two_decimals(x in arb_decimal()) {
            prop_assert_eq!(parse_decimal(&number(x, 2)), Ok(round(x, 2)));
        }

        #[test]
        fn parse_round_trips_any_positive_dp(x in arb_decimal(), dp in 1u32..=8) {
            prop_assert_eq!(parse_decimal(&number(x, dp)), Ok(round(x, dp)));
        }

        #[test]
        fn parse_round_trips_integers_outside_ambiguous_range(n in any::<i64>()) {
            // "832.804" (one '.') is read as a decimal point by design.
            prop_assume!(!(1_000..1_000_000).contains(&n.unsigned_abs()));
            let x = Decimal::from(n);
            prop_assert_eq!(parse_decimal(&number(x, 0)), Ok(x));
        }

        #[test]
        fn integers_print_without_comma(n in any::<i64>()) {
            let text = number(Decimal::from(n), 0);
            prop_assert!(!text.contains(','));
            prop_assert_eq!(text.replace('.', ""), n.to_string());
        }

        #[test]
        fn number_has_dp_decimals_and_no_negative_zero(x in arb_decimal(), dp in 0u32..=8) {
            let text = number(x, dp);
            prop_assert!(!text.starts_with("-0") || text.chars().any(|c| ('1'..='9').contains(&c)));
            match text.split_once(',') {
                Some((_, frac)) => prop_assert_eq!(frac.len(), dp as usize),
                None => prop_assert_eq!(dp, 0),
            }
        }

        #[test]
        fn rupiah_matches_number(x in arb_decimal()) {
            let modern = rupiah(x, MoneyStyle::Modern);
            let plain = number(x, 2);
            match plain.strip_prefix('-') {
                Some(abs) => prop_assert_eq!(modern, format!("-Rp{abs}")),
                None => prop_assert_eq!(modern, format!("Rp{plain}")),
            }
        }

        #[test]
        fn roman_lower_is_lowercase_roman(n in 1u32..=3999) {
            prop_assert_eq!(roman_lower(n), roman(n).to_lowercase());
            prop_assert!(roman(n).chars().all(|c| "MDCLXVI".contains(c)));
        }
    }
}
