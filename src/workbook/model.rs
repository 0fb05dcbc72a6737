//! What the workbook holds: the five sheets (Indikator, Anggaran, Pegawai, Aset, Statistik)
//! as columns and rows, each value cell tied to the one place in the bundle it comes from
//! (the parent object's path and the member key). The writer lays this out; the import
//! reads cells against the same model, so that the two can never disagree on where a
//! number goes.
//!
//! Only raw values are value cells. Names, units and polarity are labels (shown, locked,
//! never read); computed figures (capaian, serapan, totals) are formula columns (shown,
//! locked, never read). The model reads the positioned tree of a bundle that loaded; it
//! never changes it.

use rust_decimal::Decimal;

use crate::bundle::json::{Node, Value};
use crate::bundle::scalar::parse_dec;

/// The kinds of sheet, in workbook order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Indicators of tujuan and sasaran: target and realisation per year.
    Indikator,
    /// The budget per sasaran and program.
    Anggaran,
    /// Staff per year.
    Pegawai,
    /// Assets.
    Aset,
    /// The agency's statistics: each series per period.
    Statistik,
}

impl Kind {
    /// Every kind, in workbook order.
    pub const ALL: [Kind; 5] = [
        Kind::Indikator,
        Kind::Anggaran,
        Kind::Pegawai,
        Kind::Aset,
        Kind::Statistik,
    ];

    /// The sheet's name.
    pub fn name(self) -> &'static str {
        match self {
            Kind::Indikator => "Indikator",
            Kind::Anggaran => "Anggaran",
            Kind::Pegawai => "Pegawai",
            Kind::Aset => "Aset",
            Kind::Statistik => "Statistik",
        }
    }

    /// The header of the sheet's first column, which also recognises a CSV of its shape.
    pub fn first_header(self) -> &'static str {
        match self {
            Kind::Indikator => "ID Indikator",
            Kind::Anggaran => "ID Sasaran",
            Kind::Pegawai => "Tahun",
            Kind::Aset => "Nama Aset",
            Kind::Statistik => "ID Seri",
        }
    }

    /// What one row is, in messages.
    pub fn row_word(self) -> &'static str {
        match self {
            Kind::Indikator => "indicator",
            Kind::Anggaran => "budget row",
            Kind::Pegawai => "staff year",
            Kind::Aset => "asset",
            Kind::Statistik => "series",
        }
    }
}

/// What may be typed into a value cell.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Rule {
    /// Any decimal.
    Any,
    /// A decimal ≥ 0 (money, quantities).
    NonNegative,
    /// A whole number ≥ 0 (staff counts).
    Count,
}

/// What a column is.
#[derive(Debug, Clone, PartialEq)]
pub enum Role {
    /// Part of the row's key (the id); locked; read to match the row.
    Key,
    /// A label (name, unit, polarity): locked, never read.
    Label,
    /// Raw values, typed by the user and read back; `field` names them in messages
    /// ("realisasi 2022").
    Value {
        /// The field, in messages.
        field: String,
        /// What may be typed.
        rule: Rule,
    },
    /// A computed figure, as a formula: locked, never read.
    Formula,
}

/// One column.
#[derive(Debug, Clone)]
pub struct Column {
    /// The header text (row 1), which is how the import finds the column.
    pub header: String,
    /// What it is.
    pub role: Role,
}

/// Where one value lives in the bundle: member `key` of the object at `parent`.
#[derive(Debug, Clone)]
pub struct Slot {
    /// Path of the object holding the value (`sasaran[0].indikator[1].target`).
    pub parent: String,
    /// The member key (`2022`, `alokasi`).
    pub key: String,
    /// The value now in the bundle (`None`: absent or null).
    pub value: Option<Decimal>,
    /// Whether a changed value is written as an Indonesian string (`"1.234,5"`) rather
    /// than a JSON number: the form the bundle gives this value, or when it has none the
    /// form of its siblings in the same object (else a number).
    pub string_form: bool,
    /// The element not yet in the bundle that this value belongs to or brings in (an
    /// index into [`Sheet::fresh`]), and whether that element needs this value.
    pub fresh: Option<(usize, bool)>,
}

impl Slot {
    /// The full path of the value, for messages (`sasaran[0].indikator[1].target.2022`).
    pub fn path(&self) -> String {
        if self.parent.is_empty() {
            self.key.clone()
        } else {
            format!("{}.{}", self.parent, self.key)
        }
    }
}

/// One cell of the model.
#[derive(Debug, Clone)]
pub enum Cell {
    /// A text (key or label).
    Text(String),
    /// A whole number shown as a key (the year of a staff row).
    Year(i32),
    /// A raw value of the bundle.
    Value(Slot),
    /// No value belongs here (e.g. the Renstra target of a goal indicator, a realisation
    /// taken from a statistic): locked, grey, with this note; must stay so.
    Na(String),
    /// A formula over cells of the same row: `{N}` stands for column N's cell; `result` is
    /// the value a reader shows before it recalculates.
    Formula {
        /// The formula, with `{N}` column references.
        formula: String,
        /// The cached result.
        result: Option<Decimal>,
    },
}

/// One row: its key (for messages and matching) and a cell per column.
#[derive(Debug, Clone)]
pub struct Row {
    /// The row's id (`IKU3`, `S1 / P2`, `2021`, an asset's name, a series id).
    pub key: String,
    /// One cell per column.
    pub cells: Vec<Cell>,
}

/// One sheet.
#[derive(Debug, Clone)]
pub struct Sheet {
    /// Which.
    pub kind: Kind,
    /// Columns in order.
    pub columns: Vec<Column>,
    /// Rows in bundle order.
    pub rows: Vec<Row>,
    /// Elements of the report year the bundle does not have yet, offered as an empty row
    /// (a staff year) or column (a statistics period); the import adds one only when a
    /// cell of it is filled.
    pub fresh: Vec<Fresh>,
}

/// An element of an array of the bundle that the report year needs and the bundle does
/// not have yet (the staff of the report year, the report year's statistics period). It
/// is a copy of the latest element of the same array (its layout, its number forms)
/// with every member set anew: `fixed` ones when it is added, the others from its
/// slots (whose `parent` starts with `prefix`).
#[derive(Debug, Clone)]
pub struct Fresh {
    /// What it is, in messages (`staff year 2022`).
    pub what: String,
    /// The array it goes into (`pegawai.per_tahun`).
    pub array: String,
    /// It goes before the element now at this index (the array's length: at the end).
    pub at: usize,
    /// The element it copies.
    pub template: usize,
    /// The path its own values use until it is added (`pegawai.per_tahun[+]`), which
    /// names nothing in the bundle.
    pub prefix: String,
    /// Members set when it is added: (parent path, key, JSON text).
    pub fixed: Vec<(String, String, String)>,
}

impl Sheet {
    /// How many leading columns form the row key.
    pub fn key_columns(&self) -> usize {
        self.columns
            .iter()
            .take_while(|c| c.role == Role::Key)
            .count()
    }
}

/// The workbook's sheets of the bundle `tree` (current schema). `only_year`: only the
/// columns and rows of that year (`--year`); `extra_years`: indicator years to offer even
/// when the bundle has no value for them yet (the import passes the years its file has).
pub fn build(tree: &Node, only_year: Option<i32>, extra_years: &[i32]) -> Vec<Sheet> {
    let report_year = tree
        .get("laporan")
        .and_then(|l| l.get("tahun"))
        .and_then(Node::text)
        .and_then(|t| t.parse::<i32>().ok());
    let keep = |y: i32| only_year.is_none_or(|o| o == y);
    vec![
        indikator(tree, report_year, only_year, extra_years),
        anggaran(tree),
        pegawai(tree, report_year.filter(|y| keep(*y)), &keep),
        aset(tree),
        statistik(tree, report_year.filter(|y| keep(*y)), &keep),
    ]
}

fn items(n: Option<&Node>) -> &[Node] {
    match n.map(|n| &n.value) {
        Some(Value::Array(a)) => a,
        _ => &[],
    }
}

fn fields(n: Option<&Node>) -> &[(String, crate::bundle::json::Pos, Node)] {
    match n.map(|n| &n.value) {
        Some(Value::Object(f)) => f,
        _ => &[],
    }
}

fn text(n: &Node, key: &str) -> String {
    n.get(key).and_then(Node::text).unwrap_or("").to_string()
}

/// The decimal of a value node and whether it is a string.
fn decimal(n: Option<&Node>) -> (Option<Decimal>, bool) {
    match n.map(|n| &n.value) {
        Some(Value::Number(t)) => (parse_dec(t, false).ok(), false),
        Some(Value::String(t)) => (parse_dec(t, true).ok(), true),
        _ => (None, false),
    }
}

/// The slot of member `key` of the object `obj` at `parent`.
fn slot(obj: Option<&Node>, parent: &str, key: &str) -> Slot {
    let node = obj.and_then(|o| o.get(key));
    let (value, is_string) = decimal(node);
    let string_form = if node.is_some_and(|n| !matches!(n.value, Value::Null)) {
        is_string
    } else {
        // The form of the siblings.
        fields(obj)
            .iter()
            .find(|(_, _, v)| matches!(v.value, Value::Number(_) | Value::String(_)))
            .is_some_and(|(_, _, v)| matches!(v.value, Value::String(_)))
    };
    Slot {
        parent: parent.to_string(),
        key: key.to_string(),
        value,
        string_form,
        fresh: None,
    }
}

/// The slot of a value of the element `fresh` (not in the bundle yet): laid out as the
/// member `key` of `template` (its form), with no value.
fn fresh_slot(
    template: Option<&Node>,
    parent: &str,
    key: &str,
    fresh: usize,
    needed: bool,
) -> Slot {
    Slot {
        value: None,
        fresh: Some((fresh, needed)),
        ..slot(template, parent, key)
    }
}

/// The JSON text of a year in the form `template` gives its year (number or string).
fn year_json(template: Option<&Node>, year: i32) -> String {
    match template.map(|n| &n.value) {
        Some(Value::String(_)) => format!("\"{year}\""),
        _ => year.to_string(),
    }
}

fn json_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| format!("\"{s}\""))
}

fn col(header: impl Into<String>, role: Role) -> Column {
    Column {
        header: header.into(),
        role,
    }
}

fn value(header: impl Into<String>, field: impl Into<String>, rule: Rule) -> Column {
    col(
        header,
        Role::Value {
            field: field.into(),
            rule,
        },
    )
}

/// The header of a target column of `year`.
pub fn target_header(year: i32) -> String {
    format!("Target {year}")
}

/// The header of a realisation column of `year`.
pub fn realisasi_header(year: i32) -> String {
    format!("Realisasi {year}")
}

fn indikator(
    tree: &Node,
    report_year: Option<i32>,
    only_year: Option<i32>,
    extra_years: &[i32],
) -> Sheet {
    // (list, kind) of every indicator, goals first.
    let mut found: Vec<(String, &Node, &Node, bool)> = Vec::new();
    for (list, goal) in [("tujuan", true), ("sasaran", false)] {
        for (i, parent) in items(tree.get(list)).iter().enumerate() {
            for (j, k) in items(parent.get("indikator")).iter().enumerate() {
                found.push((format!("{list}[{i}].indikator[{j}]"), parent, k, goal));
            }
        }
    }
    let mut years: Vec<i32> = match only_year {
        Some(y) => vec![y],
        None => {
            let mut ys: Vec<i32> = found
                .iter()
                .flat_map(|(_, _, k, _)| {
                    fields(k.get("target"))
                        .iter()
                        .chain(fields(k.get("realisasi")))
                        .filter_map(|(y, _, _)| y.parse::<i32>().ok())
                })
                .chain(report_year)
                .chain(extra_years.iter().copied())
                .collect();
            ys.sort_unstable();
            ys.dedup();
            ys
        }
    };
    years.retain(|y| (1900..=2200).contains(y));
    let mut columns = vec![
        col(Kind::Indikator.first_header(), Role::Key),
        col("Tujuan/Sasaran", Role::Label),
        col("Nama Indikator", Role::Label),
        col("Satuan", Role::Label),
        col("Polaritas", Role::Label),
    ];
    for &y in &years {
        columns.push(value(target_header(y), format!("target {y}"), Rule::Any));
        columns.push(value(
            realisasi_header(y),
            format!("realisasi {y}"),
            Rule::Any,
        ));
    }
    let renstra = only_year.is_none();
    if renstra {
        columns.push(value("Target Renstra", "target_renstra", Rule::Any));
        columns.push(value("Realisasi Renstra", "realisasi_renstra", Rule::Any));
        columns.push(value("Nasional", "nasional", Rule::Any));
    }
    let capaian_year = report_year.filter(|y| years.contains(y));
    if let Some(y) = capaian_year {
        columns.push(col(format!("Capaian {y} (%)"), Role::Formula));
    }
    let default_rule = tree
        .get("tata_letak")
        .and_then(|t| t.get("rumus_negatif"))
        .and_then(Node::text)
        .unwrap_or("2T-R")
        .to_string();
    let rows = found
        .iter()
        .map(|(path, parent, k, goal)| {
            let from_stat = k.get("realisasi_dari").and_then(Node::text);
            let negative = text(k, "polaritas") == "negatif";
            let mut cells = vec![
                Cell::Text(text(k, "id")),
                Cell::Text(text(parent, "id")),
                Cell::Text(text(k, "nama")),
                Cell::Text(text(k, "satuan")),
                Cell::Text(if negative {
                    "Negatif (lebih rendah lebih baik)".into()
                } else {
                    "Positif (lebih tinggi lebih baik)".into()
                }),
            ];
            for &y in &years {
                let key = y.to_string();
                cells.push(Cell::Value(slot(
                    k.get("target"),
                    &format!("{path}.target"),
                    &key,
                )));
                cells.push(match from_stat {
                    Some(s) => Cell::Na(format!("dari statistik {s}")),
                    None => {
                        Cell::Value(slot(k.get("realisasi"), &format!("{path}.realisasi"), &key))
                    }
                });
            }
            if renstra {
                for key in ["target_renstra", "realisasi_renstra", "nasional"] {
                    cells.push(if *goal {
                        Cell::Na(String::new())
                    } else {
                        Cell::Value(slot(Some(k), path, key))
                    });
                }
            }
            if let Some(y) = capaian_year {
                let i = years.iter().position(|x| *x == y).unwrap_or(0);
                let (t, r) = (5 + 2 * i, 6 + 2 * i);
                let rule = k
                    .get("rumus_negatif")
                    .and_then(Node::text)
                    .unwrap_or(&default_rule);
                cells.push(if from_stat.is_some() {
                    Cell::Na("lihat lkjip figures".into())
                } else {
                    capaian(&cells, t, r, negative, rule == "T/R")
                });
            }
            Row {
                key: text(k, "id"),
                cells,
            }
        })
        .collect();
    Sheet {
        kind: Kind::Indikator,
        columns,
        rows,
        fresh: Vec::new(),
    }
}

fn value_of(cells: &[Cell], i: usize) -> Option<Decimal> {
    match cells.get(i) {
        Some(Cell::Value(s)) => s.value,
        _ => None,
    }
}

/// The capaian formula of target column `t` and realisation column `r`.
fn capaian(cells: &[Cell], t: usize, r: usize, negative: bool, t_over_r: bool) -> Cell {
    let (tv, rv) = (value_of(cells, t), value_of(cells, r));
    let hundred = Decimal::ONE_HUNDRED;
    let (formula, result) = if !negative {
        (
            format!(
                "IF(AND(ISNUMBER({{{t}}}),ISNUMBER({{{r}}}),{{{t}}}<>0),{{{r}}}/{{{t}}}*100,\"\")"
            ),
            tv.zip(rv)
                .filter(|(t, _)| !t.is_zero())
                .and_then(|(t, r)| r.checked_div(t)?.checked_mul(hundred)),
        )
    } else if t_over_r {
        (
            format!(
                "IF(AND(ISNUMBER({{{t}}}),ISNUMBER({{{r}}}),{{{r}}}<>0),{{{t}}}/{{{r}}}*100,\"\")"
            ),
            tv.zip(rv)
                .filter(|(_, r)| !r.is_zero())
                .and_then(|(t, r)| t.checked_div(r)?.checked_mul(hundred)),
        )
    } else {
        (
            format!(
                "IF(AND(ISNUMBER({{{t}}}),ISNUMBER({{{r}}}),{{{t}}}<>0),(2*{{{t}}}-{{{r}}})/{{{t}}}*100,\"\")"
            ),
            tv.zip(rv)
                .filter(|(t, _)| !t.is_zero())
                .and_then(|(t, r)| (t * Decimal::TWO - r).checked_div(t)?.checked_mul(hundred)),
        )
    };
    Cell::Formula { formula, result }
}

fn anggaran(tree: &Node) -> Sheet {
    let name_of = |list: &str, id: &str| {
        items(tree.get(list))
            .iter()
            .find(|n| n.get("id").and_then(Node::text) == Some(id))
            .map(|n| text(n, "nama"))
            .unwrap_or_default()
    };
    let columns = vec![
        col(Kind::Anggaran.first_header(), Role::Key),
        col("ID Program", Role::Key),
        col("Uraian", Role::Label),
        value("Alokasi (Rp)", "alokasi", Rule::NonNegative),
        value("Realisasi (Rp)", "realisasi", Rule::NonNegative),
        col("Serapan (%)", Role::Formula),
    ];
    let rows = items(tree.get("anggaran"))
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let path = format!("anggaran[{i}]");
            let s = text(a, "sasaran");
            let p = text(a, "program");
            let label = if p.is_empty() {
                name_of("sasaran", &s)
            } else {
                name_of("program", &p)
            };
            let alokasi = slot(Some(a), &path, "alokasi");
            let realisasi = slot(Some(a), &path, "realisasi");
            let result = alokasi
                .value
                .zip(realisasi.value)
                .filter(|(a, _)| !a.is_zero())
                .and_then(|(a, r)| r.checked_div(a)?.checked_mul(Decimal::ONE_HUNDRED));
            Row {
                key: anggaran_key(&s, &p),
                cells: vec![
                    Cell::Text(s),
                    Cell::Text(p),
                    Cell::Text(label),
                    Cell::Value(alokasi),
                    Cell::Value(realisasi),
                    Cell::Formula {
                        formula: "IF(AND(ISNUMBER({3}),ISNUMBER({4}),{3}<>0),{4}/{3}*100,\"\")"
                            .into(),
                        result,
                    },
                ],
            }
        })
        .collect();
    Sheet {
        kind: Kind::Anggaran,
        columns,
        rows,
        fresh: Vec::new(),
    }
}

/// The key of a budget row: its sasaran, and its program when it has one.
pub fn anggaran_key(sasaran: &str, program: &str) -> String {
    if program.is_empty() {
        sasaran.to_string()
    } else {
        format!("{sasaran} / {program}")
    }
}

fn pegawai(tree: &Node, report_year: Option<i32>, keep: &dyn Fn(i32) -> bool) -> Sheet {
    let gol = ["I", "II", "III", "IV"];
    let mut columns = vec![col(Kind::Pegawai.first_header(), Role::Key)];
    for g in gol {
        columns.push(value(
            format!("PNS Golongan {g}"),
            format!("PNS golongan {g}"),
            Rule::Count,
        ));
    }
    columns.push(value("PPPK", "PPPK", Rule::Count));
    columns.push(col("Jumlah", Role::Formula));
    let rows = items(tree.get("pegawai").and_then(|p| p.get("per_tahun")))
        .iter()
        .enumerate()
        .filter_map(|(i, t)| {
            let year = t.get("tahun").and_then(Node::text)?.parse::<i32>().ok()?;
            if !keep(year) {
                return None;
            }
            let path = format!("pegawai.per_tahun[{i}]");
            let mut cells = vec![Cell::Year(year)];
            for g in gol {
                cells.push(Cell::Value(slot(t.get("pns"), &format!("{path}.pns"), g)));
            }
            cells.push(Cell::Value(slot(Some(t), &path, "pppk")));
            let result = (1..=5).filter_map(|c| value_of(&cells, c)).sum();
            cells.push(Cell::Formula {
                formula: "SUM({1},{2},{3},{4},{5})".into(),
                result: Some(result),
            });
            Some(Row {
                key: year.to_string(),
                cells,
            })
        })
        .collect();
    let mut sheet = Sheet {
        kind: Kind::Pegawai,
        columns,
        rows,
        fresh: Vec::new(),
    };
    // The report year's row when the bundle has none: a copy of the latest year's.
    let list = items(tree.get("pegawai").and_then(|p| p.get("per_tahun")));
    let year_of = |t: &Node| t.get("tahun").and_then(Node::text)?.parse::<i32>().ok();
    let Some(ry) = report_year else { return sheet };
    if list.is_empty() || list.iter().any(|t| year_of(t) == Some(ry)) {
        return sheet;
    }
    let template = list.len() - 1;
    let tpl = &list[template];
    let at = list
        .iter()
        .position(|t| year_of(t).is_some_and(|y| y > ry))
        .unwrap_or(list.len());
    let prefix = "pegawai.per_tahun[+]".to_string();
    let mut cells = vec![Cell::Year(ry)];
    for g in gol {
        cells.push(Cell::Value(fresh_slot(
            tpl.get("pns"),
            &format!("{prefix}.pns"),
            g,
            0,
            true,
        )));
    }
    cells.push(Cell::Value(fresh_slot(
        Some(tpl),
        &prefix,
        "pppk",
        0,
        false,
    )));
    cells.push(Cell::Formula {
        formula: "SUM({1},{2},{3},{4},{5})".into(),
        result: Some(Decimal::ZERO),
    });
    let row_at = sheet
        .rows
        .iter()
        .position(|r| r.key.parse::<i32>().is_ok_and(|y| y > ry))
        .unwrap_or(sheet.rows.len());
    sheet.rows.insert(
        row_at,
        Row {
            key: ry.to_string(),
            cells,
        },
    );
    sheet.fresh.push(Fresh {
        what: format!("staff year {ry}"),
        array: "pegawai.per_tahun".into(),
        at,
        template,
        fixed: vec![(
            prefix.clone(),
            "tahun".into(),
            year_json(tpl.get("tahun"), ry),
        )],
        prefix,
    });
    sheet
}

fn aset(tree: &Node) -> Sheet {
    let columns = vec![
        col(Kind::Aset.first_header(), Role::Key),
        col("Satuan", Role::Label),
        value("Jumlah", "jumlah", Rule::NonNegative),
        value("Nilai (Rp)", "nilai", Rule::NonNegative),
    ];
    let rows = items(tree.get("aset"))
        .iter()
        .enumerate()
        .map(|(i, a)| {
            let path = format!("aset[{i}]");
            Row {
                key: text(a, "nama"),
                cells: vec![
                    Cell::Text(text(a, "nama")),
                    Cell::Text(text(a, "satuan")),
                    Cell::Value(slot(Some(a), &path, "jumlah")),
                    Cell::Value(slot(Some(a), &path, "nilai")),
                ],
            }
        })
        .collect();
    Sheet {
        kind: Kind::Aset,
        columns,
        rows,
        fresh: Vec::new(),
    }
}

fn statistik(tree: &Node, report_year: Option<i32>, keep: &dyn Fn(i32) -> bool) -> Sheet {
    let stat = tree.get("statistik");
    let list = items(stat.and_then(|s| s.get("periode")));
    let year_of = |p: &Node| p.get("tahun").and_then(Node::text)?.parse::<i32>().ok();
    // (id, label, index of a new period's fresh element)
    let mut periods: Vec<(String, String, Option<usize>)> = list
        .iter()
        .filter(|p| year_of(p).is_none_or(keep))
        .map(|p| (text(p, "id"), text(p, "label"), None))
        .collect();
    let fresh = new_periods(list, report_year, &year_of);
    for (i, f) in fresh.iter().enumerate() {
        let (id, label) = (&f.fixed[0].2, &f.fixed[1].2);
        let unquote = |j: &str| serde_json::from_str::<String>(j).unwrap_or_default();
        periods.push((unquote(id), unquote(label), Some(i)));
    }
    let mut columns = vec![
        col(Kind::Statistik.first_header(), Role::Key),
        col("Nama Seri", Role::Label),
        col("Satuan", Role::Label),
    ];
    for (id, label, _) in &periods {
        let clash = label.is_empty()
            || periods.iter().filter(|(_, l, _)| l == label).count() > 1
            || columns.iter().any(|c| &c.header == label);
        let header = if clash {
            format!("{label} ({id})").trim().to_string()
        } else {
            label.clone()
        };
        columns.push(value(header, format!("periode {id}"), Rule::Any));
    }
    let rows = items(stat.and_then(|s| s.get("seri")))
        .iter()
        .enumerate()
        .map(|(i, s)| {
            let path = format!("statistik.seri[{i}].nilai");
            let mut cells = vec![
                Cell::Text(text(s, "id")),
                Cell::Text(text(s, "nama")),
                Cell::Text(text(s, "satuan")),
            ];
            for (id, _, fresh) in &periods {
                let mut slot = slot(s.get("nilai"), &path, id);
                slot.fresh = fresh.map(|f| (f, false));
                cells.push(Cell::Value(slot));
            }
            Row {
                key: text(s, "id"),
                cells,
            }
        })
        .collect();
    Sheet {
        kind: Kind::Statistik,
        columns,
        rows,
        fresh,
    }
}

/// The statistics periods of the report year when the bundle has none and the periods'
/// shape says which: the periods of the latest earlier year, each with that year in its
/// id, copied with the report year in its id and label (`2021`, "Desember 2021" gives
/// `2022`, "Desember 2022"). None when a period's id does not hold its year, or a new
/// id is taken.
fn new_periods(
    list: &[Node],
    report_year: Option<i32>,
    year_of: &dyn Fn(&Node) -> Option<i32>,
) -> Vec<Fresh> {
    let Some(ry) = report_year else {
        return Vec::new();
    };
    if list.iter().any(|p| year_of(p) == Some(ry)) {
        return Vec::new();
    }
    let Some(last) = list.iter().filter_map(year_of).filter(|y| *y < ry).max() else {
        return Vec::new();
    };
    let (from, to) = (last.to_string(), ry.to_string());
    let pattern: Vec<(usize, &Node)> = list
        .iter()
        .enumerate()
        .filter(|(_, p)| year_of(p) == Some(last))
        .collect();
    let ids: Vec<String> = list.iter().map(|p| text(p, "id")).collect();
    let new_ids: Vec<String> = pattern
        .iter()
        .map(|(_, p)| text(p, "id").replace(&from, &to))
        .collect();
    let shaped = pattern.iter().all(|(_, p)| text(p, "id").contains(&from))
        && new_ids.iter().all(|n| !ids.contains(n))
        && new_ids
            .iter()
            .enumerate()
            .all(|(i, n)| !new_ids[..i].contains(n));
    if !shaped {
        return Vec::new();
    }
    let at = list
        .iter()
        .position(|p| year_of(p).is_some_and(|y| y > ry))
        .unwrap_or(list.len());
    pattern
        .iter()
        .zip(new_ids)
        .enumerate()
        .map(|(k, ((template, p), id))| {
            let prefix = format!("statistik.periode[+{k}]");
            let label = text(p, "label").replace(&from, &to);
            Fresh {
                what: format!("period {id} ({label:?})"),
                array: "statistik.periode".into(),
                at,
                template: *template,
                fixed: vec![
                    (prefix.clone(), "id".into(), json_string(&id)),
                    (prefix.clone(), "label".into(), json_string(&label)),
                    (
                        prefix.clone(),
                        "tahun".into(),
                        year_json(p.get("tahun"), ry),
                    ),
                ],
                prefix,
            }
        })
        .collect()
}
