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
        pegawai(tree, &keep),
        aset(tree),
        statistik(tree, &keep),
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
    }
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

fn pegawai(tree: &Node, keep: &dyn Fn(i32) -> bool) -> Sheet {
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
    Sheet {
        kind: Kind::Pegawai,
        columns,
        rows,
    }
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
    }
}

fn statistik(tree: &Node, keep: &dyn Fn(i32) -> bool) -> Sheet {
    let stat = tree.get("statistik");
    let periods: Vec<(String, String)> = items(stat.and_then(|s| s.get("periode")))
        .iter()
        .filter(|p| {
            p.get("tahun")
                .and_then(Node::text)
                .and_then(|t| t.parse::<i32>().ok())
                .is_none_or(keep)
        })
        .map(|p| (text(p, "id"), text(p, "label")))
        .collect();
    let mut columns = vec![
        col(Kind::Statistik.first_header(), Role::Key),
        col("Nama Seri", Role::Label),
        col("Satuan", Role::Label),
    ];
    for (id, label) in &periods {
        let clash = label.is_empty()
            || periods.iter().filter(|(_, l)| l == label).count() > 1
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
            for (id, _) in &periods {
                cells.push(Cell::Value(slot(s.get("nilai"), &path, id)));
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
    }
}
