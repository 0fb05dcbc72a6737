//! The hand-made IR that the tests of both renderers (`pdf::tests`, `docx::tests`) use,
//! written once: the IR builders ([`text`], [`para`], [`heading`], [`cell`],
//! [`signature`], [`emblem`], …) and the documents built from them.
//!
//! - [`report`]: a report with every block kind: cover, letter, roman front matter
//!   restarting at i (with a table of contents of depth 2, so a level-3 heading is left
//!   out), an arabic body restarting at 1 with every list style, a long table (two header
//!   rows with row and column spans, [`LONG_TABLE_ROWS`] body rows, a footer row with
//!   column spans, `<` and `&` in the caption), a landscape section continuing the
//!   numbers and a portrait appendix after it, on F4 paper, with [`INJECTIONS`] (strings
//!   that would be markup if typst parsed them) printed in a paragraph.
//! - [`small`]: a one-section A4 document around given blocks.
//! - [`page_labels`]: the heading page labels the DOCX renderer is given for [`report`].

use std::collections::BTreeMap;

use crate::doc::ir::*;

/// Strings that typst markup would interpret; they must print literally.
pub(crate) const INJECTIONS: &[&str] = &[
    "#read(\"/etc/passwd\")",
    "*bold*",
    "$x$",
    "<tag>",
    "@ref",
    "back\\slash",
    "say \"hi\"",
    "_under_",
    "#set text(red)",
    "[x] // not a comment",
];

/// The header text of the long table (checked on two pages).
pub(crate) const LONG_TABLE_HEADER: &str = "INDIKATOR KINERJA UTAMA";

/// Number of body rows of the long table.
pub(crate) const LONG_TABLE_ROWS: usize = 250;

/// A plain text span.
pub(crate) fn text(s: &str) -> Inline {
    Inline::Text {
        text: s.to_owned(),
        bold: false,
        italic: false,
        underline: false,
    }
}

/// A text span with the given styles.
pub(crate) fn styled(s: &str, bold: bool, italic: bool, underline: bool) -> Inline {
    Inline::Text {
        text: s.to_owned(),
        bold,
        italic,
        underline,
    }
}

/// A justified paragraph with a first-line indent.
pub(crate) fn para(spans: Vec<Inline>) -> Block {
    Block::Paragraph(Paragraph {
        spans,
        align: Align::Justify,
        first_line_indent: true,
        size_pt: None,
        anchor: None,
        origin: Default::default(),
    })
}

/// A heading listed in tables of contents.
pub(crate) fn heading(level: u8, number: Option<&str>, title: &str, anchor: &str) -> Block {
    Block::Heading(Heading {
        level,
        number: number.map(str::to_owned),
        text: title.to_owned(),
        anchor: anchor.to_owned(),
        in_toc: true,
    })
}

/// A cell spanning one column and one row.
pub(crate) fn cell(s: &str, align: Align, bold: bool) -> Cell {
    span_cell(s, 1, 1, align, bold)
}

/// A cell spanning `colspan` columns and `rowspan` rows.
pub(crate) fn span_cell(s: &str, colspan: u32, rowspan: u32, align: Align, bold: bool) -> Cell {
    Cell {
        spans: vec![text(s)],
        colspan,
        rowspan,
        align,
        bold,
    }
}

/// The head of the agency's signature block.
pub(crate) fn signature(align: Align) -> Signature {
    Signature {
        place_date: Some("Mojokerto, 18 Februari 2022".to_owned()),
        role_lines: vec![
            "KEPALA DINAS TENAGA KERJA".to_owned(),
            "KABUPATEN MOJOKERTO,".to_owned(),
        ],
        name: "BAMBANG PURWANTO, SH., MH.".to_owned(),
        rank: Some("Pembina Utama Muda".to_owned()),
        nip: Some("NIP. 19690621 199802 1 001".to_owned()),
        align,
        electronic: None,
    }
}

fn lorem(n: usize) -> String {
    let sentence = "Pembangunan daerah merupakan proses di mana pemerintah daerah maupun \
                    masyarakatnya secara bersama-sama mengelola sumber daya yang ada. ";
    sentence.repeat(n)
}

/// The long table: two header rows with row and column spans, `rows` body rows with long
/// wrapping cells, and a footer row with column spans and an empty cell.
pub(crate) fn long_table(rows: usize) -> Block {
    let header = vec![
        Row {
            cells: vec![
                span_cell("No", 1, 2, Align::Center, true),
                span_cell(LONG_TABLE_HEADER, 1, 2, Align::Center, true),
                span_cell("Target", 2, 1, Align::Center, true),
                span_cell("Realisasi (Rp)", 1, 2, Align::Center, true),
            ],
        },
        Row {
            cells: vec![
                cell("2020", Align::Center, true),
                cell("2021", Align::Center, true),
            ],
        },
    ];
    let body = (1..=rows)
        .map(|i| Row {
            cells: vec![
                cell(&i.to_string(), Align::Center, false),
                cell(
                    &format!(
                        "Persentase tenaga kerja yang ditempatkan melalui bursa kerja \
                         dan pelatihan berbasis kompetensi, baris {i}"
                    ),
                    Align::Left,
                    false,
                ),
                cell("85,00%", Align::Right, false),
                cell("87,50%", Align::Right, false),
                cell("Rp2.135.244.834,00", Align::Right, false),
            ],
        })
        .chain(std::iter::once(Row {
            cells: vec![
                span_cell("Rata-rata capaian", 2, 1, Align::Left, true),
                span_cell("", 2, 1, Align::Center, true),
                cell("Rp2.135.244.834,00", Align::Right, true),
            ],
        }))
        .collect();
    Block::Table(Table {
        caption: vec![
            "Tabel 1.2.1".to_owned(),
            "Capaian Indikator Kinerja Utama <Sasaran> & Target".to_owned(),
        ],
        widths: vec![6, 44, 12, 12, 26],
        header,
        body,
        size_pt: 10,
        note: Some("Sumber: Dinas Tenaga Kerja Kabupaten Mojokerto".to_owned()),
        anchor: None,
        origin: Default::default(),
    })
}

fn wide_table() -> Block {
    let head: Vec<Cell> = ["No", "Program", "Kegiatan", "Anggaran", "Realisasi", "%"]
        .iter()
        .map(|s| cell(s, Align::Center, true))
        .collect();
    let body = (1..=8)
        .map(|i| Row {
            cells: vec![
                cell(&i.to_string(), Align::Center, false),
                cell("Program Peningkatan Kesempatan Kerja", Align::Left, false),
                cell(&lorem(1), Align::Justify, false),
                cell("Rp1.250.000.000,00", Align::Right, false),
                cell("Rp1.187.500.000,00", Align::Right, false),
                cell("95,00", Align::Right, false),
            ],
        })
        .collect();
    Block::Table(Table {
        caption: vec!["Tabel 3.2.1".to_owned(), "Realisasi Anggaran".to_owned()],
        widths: vec![5, 22, 35, 15, 15, 8],
        header: vec![Row { cells: head }],
        body,
        size_pt: 10,
        note: None,
        anchor: None,
        origin: Default::default(),
    })
}

/// Lists of every style: a lettered list whose items hold a nested numbered list, a
/// bulleted list and a paragraph; then lists starting at C, lettered with a parenthesis
/// and numbered with a dot.
fn lists() -> Vec<Block> {
    let item = |s: &str, children: Vec<Block>| ListItem {
        spans: vec![text(s)],
        children,
        origin: Default::default(),
    };
    let nested = Block::List(List {
        style: ListStyle::DecimalParen,
        start: 1,
        items: vec![item("pertama", vec![]), item("kedua", vec![])],
        origin: Default::default(),
    });
    let bullets = Block::List(List {
        style: ListStyle::Bullet,
        start: 1,
        items: vec![item("butir satu", vec![]), item("butir dua", vec![])],
        origin: Default::default(),
    });
    let single = |style: ListStyle, start: u32, s: &str| {
        Block::List(List {
            style,
            start,
            items: vec![item(s, vec![])],
            origin: Default::default(),
        })
    };
    vec![
        Block::List(List {
            style: ListStyle::LowerAlphaDot,
            start: 1,
            items: vec![
                item("Undang-Undang Nomor 28 Tahun 1999;", vec![nested]),
                item(
                    "Peraturan Presiden Nomor 29 Tahun 2014;",
                    vec![bullets, para(vec![text("Paragraf di dalam butir.")])],
                ),
                item(&lorem(2), vec![]),
            ],
            origin: Default::default(),
        }),
        single(ListStyle::UpperAlphaDot, 3, "butir mulai C"),
        single(ListStyle::LowerAlphaParen, 1, "butir a kurung"),
        single(ListStyle::DecimalDot, 1, "butir satu titik"),
    ]
}

/// The report (see the module docs): cover, letter, front matter (roman, restart), body
/// (arabic, restart) with the long table, a landscape section and a portrait appendix
/// continuing the arabic numbers, on F4 paper.
pub(crate) fn report() -> Document {
    let cover = Section::new(
        "cover",
        Orientation::Portrait,
        PageNumbering::None,
        false,
        vec![Block::Cover(Cover {
            government: "PEMERINTAH KABUPATEN MOJOKERTO".to_owned(),
            title: vec![
                "LAPORAN KINERJA INSTANSI PEMERINTAH".to_owned(),
                "(LKjIP) TAHUN 2021".to_owned(),
            ],
            emblem: "lambang.png".to_owned(),
            agency: "DINAS TENAGA KERJA".to_owned(),
            region: "KABUPATEN MOJOKERTO".to_owned(),
            year: "TAHUN 2022".to_owned(),
        })],
    );
    let letter = Section::new(
        "letter",
        Orientation::Portrait,
        PageNumbering::None,
        false,
        vec![
            Block::Letterhead(Letterhead {
                emblem: "lambang.png".to_owned(),
                government: "PEMERINTAH KABUPATEN MOJOKERTO".to_owned(),
                agency: "DINAS TENAGA KERJA".to_owned(),
                lines: vec![
                    "Jl. Pemuda No. 55 A Telp. (0321) 592152 Fax. (0321) 510387".to_owned(),
                    "MOJOSARI - MOJOKERTO 61382".to_owned(),
                ],
            }),
            Block::LetterHeader(LetterHeader {
                place_date: "Mojokerto, 18 Februari 2022".to_owned(),
                fields: vec![
                    ["Nomor".to_owned(), "050/191/416-107/2022".to_owned()],
                    ["Sifat".to_owned(), "Segera".to_owned()],
                    ["Lampiran".to_owned(), "1 (satu) berkas".to_owned()],
                    [
                        "Hal".to_owned(),
                        "Penyampaian dokumen LKjIP Tahun 2021".to_owned(),
                    ],
                ],
                addressee: vec![
                    "Kepada".to_owned(),
                    "Yth. Kepala Bagian Organisasi".to_owned(),
                    "Setda Kabupaten Mojokerto".to_owned(),
                    "di –".to_owned(),
                    "MOJOKERTO".to_owned(),
                ],
            }),
            para(vec![text(&lorem(3))]),
            Block::Signature(signature(Align::Right)),
        ],
    );
    let injected: Vec<Inline> = INJECTIONS
        .iter()
        .flat_map(|s| [text(s), Inline::Break])
        .collect();
    let front = Section::new(
        "front",
        Orientation::Portrait,
        PageNumbering::LowerRoman,
        true,
        vec![
            heading(1, None, "KATA PENGANTAR", "kata-pengantar"),
            para(vec![
                text("Dengan rahmat Tuhan Yang Maha Esa, "),
                styled("Laporan Kinerja", true, false, false),
                text(" dapat diselesaikan ("),
                styled("Good Governance", false, true, false),
                text(", "),
                styled("Clean Government", true, true, true),
                text("). "),
                text(&lorem(2)),
            ]),
            Block::Paragraph(Paragraph {
                spans: injected,
                align: Align::Left,
                first_line_indent: false,
                size_pt: None,
                anchor: None,
                origin: Default::default(),
            }),
            Block::Signature(signature(Align::Center)),
            Block::PageBreak,
            heading(1, None, "DAFTAR ISI", "daftar-isi"),
            Block::Toc(Toc { depth: 2 }),
            Block::PageBreak,
            heading(1, None, "IKHTISAR EKSEKUTIF", "ikhtisar"),
            para(vec![text(&lorem(4))]),
        ],
    );
    let body = Section::new(
        "body",
        Orientation::Portrait,
        PageNumbering::Arabic,
        true,
        vec![
            heading(1, Some("BAB I"), "PENDAHULUAN", "bab-1"),
            heading(2, Some("1.1"), "LATAR BELAKANG", "s-1-1"),
            para(vec![text(&lorem(5))]),
        ]
        .into_iter()
        .chain(lists())
        .chain([
            heading(2, Some("1.2"), "CAPAIAN KINERJA *bukan tebal*", "s-1-2"),
            long_table(LONG_TABLE_ROWS),
            Block::PageBreak,
            heading(1, Some("BAB II"), "PERENCANAAN KINERJA", "bab-2"),
            heading(2, Some("2.1"), "VISI DAN MISI", "s-2-1"),
            heading(3, Some("2.1.1"), "Visi", "s-2-1-1"),
            Block::Image(Image {
                key: "lambang.png".to_owned(),
                width_mm: 30,
                alt: "Lambang Kabupaten Mojokerto".to_owned(),
            }),
            Block::Spacer { mm: 5 },
            Block::SignaturePair {
                left: Signature {
                    align: Align::Center,
                    place_date: None,
                    role_lines: vec!["PIHAK KEDUA,".to_owned(), "BUPATI MOJOKERTO".to_owned()],
                    ..signature(Align::Center)
                },
                right: Signature {
                    place_date: None,
                    role_lines: vec!["PIHAK PERTAMA,".to_owned()],
                    ..signature(Align::Center)
                },
            },
            narrow_table(),
        ])
        .collect(),
    );
    let landscape = Section::new(
        "landscape-3.2",
        Orientation::Landscape,
        PageNumbering::Arabic,
        false,
        vec![
            heading(2, Some("3.2"), "REALISASI ANGGARAN", "s-3-2"),
            wide_table(),
        ],
    );
    let appendix = Section::new(
        "appendix",
        Orientation::Portrait,
        PageNumbering::Arabic,
        false,
        vec![
            heading(1, None, "LAMPIRAN", "lampiran"),
            para(vec![text("Lampiran laporan.")]),
        ],
    );
    Document {
        meta: meta(),
        page: PageSetup {
            paper: "F4".to_owned(),
            width_mm: 215,
            height_mm: 330,
            margin: Margins {
                top: 30,
                bottom: 25,
                left: 40,
                right: 25,
            },
            font_docx: "Arial".to_owned(),
            font_pdf: "Liberation Sans".to_owned(),
            font_size_pt: 12,
            line_spacing_pct: 115,
            footer_notice: Vec::new(),
        },
        sections: vec![cover, letter, front, body, landscape, appendix],
        images: vec![emblem()],
        origin: Default::default(),
    }
}

/// The report's metadata (dated 18 February 2022, in Indonesian).
pub(crate) fn meta() -> Meta {
    Meta {
        title: "Laporan Kinerja Instansi Pemerintah Tahun 2021".to_owned(),
        author: "Dinas Tenaga Kerja Kabupaten Mojokerto".to_owned(),
        subject: "LKjIP 2021".to_owned(),
        language: "id-ID".to_owned(),
        date: "2022-02-18".to_owned(),
        date_parts: [2022, 2, 18],
    }
}

/// A page label for every heading of [`report`], as the PDF renderer reports them
/// (plausible values, not measured: the DOCX tests only need labels to cache).
pub(crate) fn page_labels() -> BTreeMap<String, String> {
    [
        ("kata-pengantar", "i"),
        ("daftar-isi", "ii"),
        ("ikhtisar", "iii"),
        ("bab-1", "1"),
        ("s-1-1", "1"),
        ("s-1-2", "2"),
        ("bab-2", "10"),
        ("s-2-1", "10"),
        ("s-2-1-1", "10"),
        ("s-3-2", "11"),
        ("lampiran", "12"),
    ]
    .into_iter()
    .map(|(a, p)| (a.to_owned(), p.to_owned()))
    .collect()
}

/// The test emblem (80 × 96 px).
pub(crate) fn emblem() -> ImageAsset {
    ImageAsset {
        key: "lambang.png".to_owned(),
        png: include_bytes!("testdata/emblem.png").to_vec(),
        svg: None,
        width_px: 80,
        height_px: 96,
    }
}

/// A one-section A4 document with the given blocks.
pub(crate) fn small(blocks: Vec<Block>) -> Document {
    let mut doc = report();
    doc.page.paper = "A4".to_owned();
    doc.page.width_mm = 210;
    doc.page.height_mm = 297;
    doc.sections = vec![Section::new(
        "body",
        Orientation::Portrait,
        PageNumbering::Arabic,
        true,
        blocks,
    )];
    doc
}

/// A table of many narrow columns with long numbers and words that cannot break.
pub(crate) fn narrow_table() -> Block {
    let texts = [
        "No",
        "Rp2.135.244.834,00",
        "Rp12.135.244.834,00",
        "100,00%",
        "Pertanggungjawaban",
        "050/191/416-107/2022",
        "https://disnaker.mojokertokab.go.id/laporan",
        "Kesejahteraan",
        "Rp999.999.999.999,99",
        "Total",
    ];
    let row = |bold: bool| Row {
        cells: texts.iter().map(|s| cell(s, Align::Right, bold)).collect(),
    };
    Block::Table(Table {
        caption: vec!["Tabel sempit".to_owned()],
        widths: vec![1; 10],
        header: vec![row(true)],
        body: vec![row(false), row(false)],
        size_pt: 10,
        note: None,
        anchor: None,
        origin: Default::default(),
    })
}
