//! `lkjip workbook`: the model's sheets as an XLSX (rust_xlsxwriter), with a README sheet
//! in Indonesian first. Header row frozen, columns as wide as their contents, number
//! formats `#,##0.00` (money, decimals) and `#,##0` (staff counts), which a reader shows in
//! its own locale (1.234,56 under id-ID). Every sheet is protected without a password:
//! only the value cells (pale yellow) are unlocked; each value column has a data
//! validation (a decimal, ≥ 0 where the bundle requires it, whole for staff counts).
//! Computed figures are locked formula cells (pale green) with their result cached, so a
//! reader that does not recalculate still shows them.
//!
//! Deterministic: the same bundle gives the same bytes. rust_xlsxwriter stamps the zip
//! entries with a fixed date (1980-01-01); the one clock it reads, the document's creation
//! time, is set here from the bundle's report date. This module must never read the
//! clock nor anything but the bundle.
//!
//! Numbers in an XLSX are binary floating point (`f64`). A value whose shortest `f64`
//! text does not give back the exact decimal (more than 15 significant digits) is written
//! as an Indonesian text instead (`"1.234,5678901234567891"`), which the import reads
//! exactly; every other value round-trips exactly.

use std::str::FromStr;

use rust_decimal::Decimal;
use rust_xlsxwriter::{
    Color, DataValidation, DataValidationErrorStyle, DataValidationRule, DocProperties,
    ExcelDateTime, Format, FormatAlign, FormatBorder, Formula, ProtectionOptions, Workbook,
    Worksheet, XlsxError,
};

use super::model::{Cell, Kind, Role, Rule, Sheet};
use crate::bundle::json::Node;

/// Fill of the cells to type into.
const INPUT: u32 = 0xFFF2CC;
/// Fill of cells with no value to give.
const NA: u32 = 0xD9D9D9;
/// Fill of computed cells.
const COMPUTED: u32 = 0xE2EFDA;
/// Width of the README's column (characters), and the characters a wrapped line of it
/// holds (its text is proportional, so fewer).
const README_WIDTH: u32 = 85;
const README_LINE: usize = 88;
/// Widest a label column gets (characters); longer labels wrap.
const LABEL_WIDTH: usize = 48;
/// Fill of the header row.
const HEADER: u32 = 0xDDEBF7;

/// The XLSX bytes of `sheets` for the bundle `tree` (named `bundle_name` in the README).
pub fn workbook(tree: &Node, sheets: &[Sheet], bundle_name: &str) -> Result<Vec<u8>, XlsxError> {
    let mut wb = Workbook::new();
    let instansi = tree
        .get("instansi")
        .map(|i| {
            let g = |k| i.get(k).and_then(Node::text).unwrap_or("");
            format!("{} {}", g("nama"), g("daerah")).trim().to_string()
        })
        .unwrap_or_default();
    let year = tree
        .get("laporan")
        .and_then(|l| l.get("tahun"))
        .and_then(Node::text)
        .unwrap_or("")
        .to_string();
    let mut props = DocProperties::new()
        .set_title(format!("Data LKjIP {instansi} Tahun {year}"))
        .set_subject("Lembar kerja data kinerja untuk lkjip")
        .set_author("lkjip")
        .set_comment(format!(
            "Dibuat dari {bundle_name}; dibaca kembali dengan lkjip import"
        ));
    let date = tree
        .get("laporan")
        .and_then(|l| l.get("tanggal"))
        .and_then(Node::text)
        .and_then(|t| crate::bundle::scalar::Date::parse(t).ok())
        .and_then(|d| ExcelDateTime::from_ymd(d.year as u16, d.month as u8, d.day as u8).ok());
    let date = match date {
        Some(d) => d,
        None => ExcelDateTime::from_ymd(2000, 1, 1)?,
    };
    props = props.set_creation_datetime(&date);
    wb.set_properties(&props);

    let readme = wb.add_worksheet();
    write_readme(readme, &instansi, &year, bundle_name, sheets)?;
    readme.set_active(true);
    for sheet in sheets {
        let ws = wb.add_worksheet();
        write_sheet(ws, sheet)?;
    }
    wb.save_to_buffer()
}

fn base() -> Format {
    Format::new()
        .set_border(FormatBorder::Thin)
        .set_border_color(Color::RGB(0xBFBFBF))
        .set_align(FormatAlign::Top)
}

/// Column letters of a 0-based column index.
pub fn column_name(mut c: u32) -> String {
    let mut s = Vec::new();
    loop {
        s.push(b'A' + (c % 26) as u8);
        if c < 26 {
            break;
        }
        c = c / 26 - 1;
    }
    s.reverse();
    String::from_utf8(s).unwrap_or_default()
}

/// The exact `f64` of a decimal, when its shortest text gives the decimal back.
pub fn exact_f64(d: Decimal) -> Option<f64> {
    let f = f64::from_str(&d.to_string()).ok()?;
    let back = Decimal::from_str_exact(&format!("{f}")).ok()?;
    (back == d).then_some(f)
}

fn write_sheet(ws: &mut Worksheet, sheet: &Sheet) -> Result<(), XlsxError> {
    ws.set_name(sheet.kind.name())?;
    let header = base()
        .set_bold()
        .set_text_wrap()
        .set_background_color(Color::RGB(HEADER));
    let key = base().set_bold().set_background_color(Color::RGB(0xF2F2F2));
    let label = base().set_text_wrap();
    let na = base()
        .set_italic()
        .set_font_color(Color::RGB(0x595959))
        .set_background_color(Color::RGB(NA));
    let input = |whole: bool| {
        base()
            .set_unlocked()
            .set_background_color(Color::RGB(INPUT))
            .set_num_format(if whole { "#,##0" } else { "#,##0.00" })
    };
    // Counts show without decimals: staff, and the statistics' series and asset
    // quantities whose values are all whole (per series row, per asset column).
    fn whole<'a>(mut vals: impl Iterator<Item = &'a Cell>) -> bool {
        vals.all(|c| match c {
            Cell::Value(s) => s.value.is_none_or(|v| v.fract().is_zero()),
            _ => true,
        })
    }
    let whole_rows: Vec<bool> = sheet
        .rows
        .iter()
        .map(|r| sheet.kind == Kind::Statistik && whole(r.cells.iter()))
        .collect();
    let whole_cols: Vec<bool> = (0..sheet.columns.len())
        .map(|c| match &sheet.columns[c].role {
            Role::Value {
                rule: Rule::Count, ..
            } => true,
            Role::Value { field, .. } if sheet.kind == Kind::Aset && field == "jumlah" => {
                whole(sheet.rows.iter().filter_map(|r| r.cells.get(c)))
            }
            _ => false,
        })
        .collect();
    // Staff totals are head counts: whole; other computed cells (capaian, serapan,
    // rates) with two decimals.
    let computed = base()
        .set_num_format(if sheet.kind == Kind::Pegawai {
            "#,##0"
        } else {
            "#,##0.00"
        })
        .set_italic()
        .set_background_color(Color::RGB(COMPUTED));
    let year_fmt = key.clone().set_num_format("0").set_align(FormatAlign::Left);

    // Width of each column in characters: its longest content, within bounds.
    let mut widths: Vec<usize> = sheet
        .columns
        .iter()
        .map(|c| c.header.chars().count().min(16))
        .collect();
    for (c, column) in sheet.columns.iter().enumerate() {
        ws.write_string_with_format(0, c as u16, &column.header, &header)?;
        let _ = column;
    }
    for (r, row) in sheet.rows.iter().enumerate() {
        let r = r as u32 + 1;
        for (c, (cell, column)) in row.cells.iter().zip(&sheet.columns).enumerate() {
            let col = c as u16;
            let shown = match cell {
                Cell::Text(t) => {
                    let f = if column.role == Role::Key {
                        &key
                    } else {
                        &label
                    };
                    ws.write_string_with_format(r, col, t, f)?;
                    t.chars().count()
                }
                Cell::Year(y) => {
                    ws.write_number_with_format(r, col, *y, &year_fmt)?;
                    4
                }
                Cell::Value(slot) => {
                    let whole = whole_cols[c] || whole_rows[r as usize - 1];
                    let f = input(whole);
                    match slot.value {
                        None => {
                            ws.write_blank(r, col, &f)?;
                            0
                        }
                        Some(v) => match exact_f64(v) {
                            Some(x) => {
                                ws.write_number_with_format(r, col, x, &f)?;
                                let dp = if whole { 0 } else { 2 };
                                crate::format::number(v, dp).chars().count()
                            }
                            None => {
                                let t = crate::format::number(v, v.scale());
                                ws.write_string_with_format(r, col, &t, &f)?;
                                t.chars().count()
                            }
                        },
                    }
                }
                Cell::Na(note) => {
                    ws.write_string_with_format(r, col, note, &na)?;
                    note.chars().count()
                }
                Cell::Formula { formula, result } => {
                    let mut text = formula.clone();
                    for i in (0..sheet.columns.len()).rev() {
                        text = text.replace(
                            &format!("{{{i}}}"),
                            &format!("{}{}", column_name(i as u32), r + 1),
                        );
                    }
                    let dp = if sheet.kind == Kind::Pegawai { 0 } else { 2 };
                    let shown = result.map(|v| crate::format::number(v, dp));
                    let cached = result
                        .and_then(|v| exact_f64(crate::format::round(v, 10)))
                        .map(|x| format!("{x}"))
                        .unwrap_or_default();
                    ws.write_formula_with_format(
                        r,
                        col,
                        Formula::new(format!("={text}")).set_result(cached),
                        &computed,
                    )?;
                    shown.map_or(0, |s| s.chars().count())
                }
            };
            widths[c] = widths[c].max(shown);
        }
    }
    // Rows as tall as their wrapped labels (readers do not size rows on opening).
    for (r, row) in sheet.rows.iter().enumerate() {
        let lines = row
            .cells
            .iter()
            .zip(&sheet.columns)
            .filter(|(_, c)| c.role == Role::Label)
            .map(|(cell, _)| match cell {
                Cell::Text(t) => t.chars().count().div_ceil(LABEL_WIDTH - 2).max(1),
                _ => 1,
            })
            .max()
            .unwrap_or(1);
        if lines > 1 {
            ws.set_row_height(r as u32 + 1, 15 * lines as u32)?;
        }
    }
    for (c, column) in sheet.columns.iter().enumerate() {
        let max = if column.role == Role::Label {
            LABEL_WIDTH
        } else {
            30
        };
        let w = (widths[c].clamp(6, max) + 2) as f64;
        ws.set_column_width(c as u16, w)?;
        if let Role::Value { rule, .. } = &column.role {
            if sheet.rows.is_empty() {
                continue;
            }
            let dv = validation(*rule)?;
            ws.add_data_validation(1, c as u16, sheet.rows.len() as u32, c as u16, &dv)?;
        }
    }
    ws.set_row_height(0, 32)?;
    ws.set_freeze_panes(1, sheet.key_columns() as u16)?;
    ws.protect_with_options(&ProtectionOptions {
        format_columns: true,
        format_rows: true,
        ..ProtectionOptions::default()
    });
    ws.set_landscape();
    ws.set_paper_size(9);
    ws.set_print_fit_to_pages(1, 0);
    ws.set_repeat_rows(0, 0)?;
    Ok(())
}

fn validation(rule: Rule) -> Result<DataValidation, XlsxError> {
    let dv = match rule {
        Rule::Any => {
            DataValidation::new().allow_decimal_number(DataValidationRule::Between(-1e15, 1e15))
        }
        Rule::NonNegative => {
            DataValidation::new().allow_decimal_number(DataValidationRule::Between(0.0, 1e15))
        }
        Rule::Count => {
            DataValidation::new().allow_whole_number(DataValidationRule::Between(0, 1_000_000))
        }
    };
    let message = match rule {
        Rule::Any => {
            "Isikan angka, misalnya 87,12 atau 1234567. Kosongkan sel bila tidak ada nilai."
        }
        Rule::NonNegative => {
            "Isikan angka 0 atau lebih, misalnya 1234567,89. Kosongkan sel bila tidak ada nilai."
        }
        Rule::Count => "Isikan bilangan bulat 0 atau lebih (jumlah orang).",
    };
    Ok(dv
        .set_error_title("Nilai tidak sah")?
        .set_error_message(message)?
        .set_error_style(DataValidationErrorStyle::Stop))
}

fn write_readme(
    ws: &mut Worksheet,
    instansi: &str,
    year: &str,
    bundle_name: &str,
    sheets: &[Sheet],
) -> Result<(), XlsxError> {
    ws.set_name("README")?;
    let title = Format::new().set_bold().set_font_size(14);
    let head = Format::new().set_bold();
    let body = Format::new().set_text_wrap().set_align(FormatAlign::Top);
    ws.set_column_width(0, README_WIDTH)?;
    let mut lines: Vec<(String, &Format)> = vec![
        (format!("Lembar Kerja Data LKjIP {instansi} Tahun {year}"), &title),
        (format!("Dibuat oleh lkjip dari bundel {bundle_name}."), &body),
        (String::new(), &body),
        ("Cara mengisi".into(), &head),
        ("1. Isi hanya sel berwarna kuning. Kolom ID, nama, satuan dan polaritas terkunci (lembar diproteksi tanpa kata sandi) supaya baris tetap dapat dikenali.".into(), &body),
        ("2. Ketik angka sebagai angka: 87,12 atau 1234567,89 (tanpa \"Rp\" dan tanpa \"%\"). Tampilan 1.234.567,89 mengikuti pengaturan bahasa Indonesia komputer Anda. Angka yang terlanjur diketik sebagai teks juga dibaca, selalu cara Indonesia: titik pemisah ribuan, koma pemisah desimal (\"1.234,5\"); teks \"87.12\" ditolak, ketik 87,12.".into(), &body),
        ("3. Sel kosong berarti tidak ada nilai: nilai yang dikosongkan dihapus dari bundel saat diimpor. Jangan menulis \"-\" atau \"nihil\"; tulis 0 bila nilainya nol.".into(), &body),
        ("4. Urutan baris boleh diubah: setiap baris dikenali dari ID-nya (kolom pertama), bukan dari urutannya. Jangan mengubah ID, nama lembar atau judul kolom, dan jangan menambah baris baru: tambahkan indikator baru di bundel lebih dulu. Baris atau kolom tahun laporan yang masih kosong (misalnya baris Pegawai tahun laporan, kolom periode baru di Statistik) boleh diisi: lkjip menambahkannya ke bundel; baris pegawai yang diisi harus diisi lengkap.".into(), &body),
        ("5. Sel abu-abu tidak diisi (misalnya realisasi yang diambil dari statistik, atau target Renstra untuk indikator tujuan). Sel hijau (Capaian, Serapan, Jumlah) dihitung otomatis dari nilai di baris yang sama, hanya untuk membantu; nilainya tidak dibaca kembali. Angka resmi laporan dihitung oleh lkjip.".into(), &body),
        ("6. Simpan tetap dalam format Excel (.xlsx). Satu lembar boleh juga dikirim sebagai CSV asalkan baris judulnya tidak diubah: dengan pemisah titik koma \";\" angkanya dibaca cara Indonesia (1.234,5), dengan pemisah koma \",\" cara Inggris (1,234.5).".into(), &body),
        (format!("7. Kembalikan berkas ke bagian perencanaan. Berkas dibaca dengan: lkjip import BERKAS.xlsx --into {bundle_name} (tambahkan --dry-run untuk melihat perubahan saja). Setiap kesalahan disebutkan dengan lembar dan selnya, misalnya Indikator!F7."), &body),
        (String::new(), &body),
        ("Isi lembar".into(), &head),
    ];
    for s in sheets {
        let what = match s.kind {
            Kind::Indikator => {
                "indikator tujuan dan sasaran (IKU): target dan realisasi per tahun, target dan realisasi akhir Renstra, capaian nasional. Kolom Capaian dihitung menurut polaritas indikator."
            }
            Kind::Anggaran => {
                "anggaran per sasaran dan program: alokasi (pagu) dan realisasi dalam rupiah. Kolom Serapan dihitung."
            }
            Kind::Pegawai => "jumlah PNS per golongan dan PPPK per tahun (bilangan bulat).",
            Kind::Aset => "sarana dan prasarana: jumlah dan nilai (rupiah) per aset.",
            Kind::Statistik => {
                "statistik instansi: nilai setiap seri per periode (misalnya angkatan kerja, penganggur). Laju seperti TPT dihitung oleh lkjip."
            }
        };
        lines.push((
            format!("{}: {} ({} baris)", s.kind.name(), what, s.rows.len()),
            &body,
        ));
    }
    for (r, (text, f)) in lines.iter().enumerate() {
        ws.write_string_with_format(r as u32, 0, text, f)?;
        let n = text.chars().count().div_ceil(README_LINE).max(1);
        if n > 1 {
            ws.set_row_height(r as u32, 15 * n as u32)?;
        }
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_paper_size(9);
    ws.protect();
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn column_names() {
        assert_eq!(column_name(0), "A");
        assert_eq!(column_name(25), "Z");
        assert_eq!(column_name(26), "AA");
        assert_eq!(column_name(701), "ZZ");
        assert_eq!(column_name(702), "AAA");
    }

    #[test]
    fn f64_only_when_exact() {
        let d = |s: &str| Decimal::from_str_exact(s).unwrap();
        assert_eq!(exact_f64(d("87.12")), Some(87.12));
        assert_eq!(exact_f64(d("635513354")), Some(635513354.0));
        assert_eq!(exact_f64(d("1234.5678901234567891")), None);
    }
}
