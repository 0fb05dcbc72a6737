//! Tests of the whole renderer on a small hand-made document that uses every block kind:
//! the produced parts are read back (ZIP, XML) and compared with the IR; LibreOffice
//! converts the file to PDF when it is installed.

use std::collections::BTreeMap;
use std::io::Read;

use crate::doc::ir::*;

use super::fixup::{self, Element, Node};
use super::render_docx;

/// A 2×2 red PNG.
fn png() -> Vec<u8> {
    // Built by hand: signature, IHDR (2×2, RGB 8-bit), one stored zlib IDAT, IEND.
    fn chunk(kind: &[u8], data: &[u8]) -> Vec<u8> {
        let mut out = (data.len() as u32).to_be_bytes().to_vec();
        out.extend_from_slice(kind);
        out.extend_from_slice(data);
        let mut crc = crc32(kind, 0xffff_ffff);
        crc = crc32(data, crc);
        out.extend_from_slice(&(!crc).to_be_bytes());
        out
    }
    fn crc32(bytes: &[u8], mut c: u32) -> u32 {
        for b in bytes {
            c ^= u32::from(*b);
            for _ in 0..8 {
                c = if c & 1 != 0 {
                    0xedb8_8320 ^ (c >> 1)
                } else {
                    c >> 1
                };
            }
        }
        c
    }
    fn adler(data: &[u8]) -> u32 {
        let (mut a, mut b) = (1u32, 0u32);
        for d in data {
            a = (a + u32::from(*d)) % 65521;
            b = (b + a) % 65521;
        }
        (b << 16) | a
    }
    let raw: Vec<u8> = [0u8, 255, 0, 0, 255, 0, 0].repeat(2);
    let mut z = vec![0x78, 0x01, 0x01];
    z.extend_from_slice(&(raw.len() as u16).to_le_bytes());
    z.extend_from_slice(&(!(raw.len() as u16)).to_le_bytes());
    z.extend_from_slice(&raw);
    z.extend_from_slice(&adler(&raw).to_be_bytes());
    let mut ihdr = 2u32.to_be_bytes().to_vec();
    ihdr.extend_from_slice(&2u32.to_be_bytes());
    ihdr.extend_from_slice(&[8, 2, 0, 0, 0]);
    let mut out = vec![0x89, b'P', b'N', b'G', 0x0d, 0x0a, 0x1a, 0x0a];
    out.extend(chunk(b"IHDR", &ihdr));
    out.extend(chunk(b"IDAT", &z));
    out.extend(chunk(b"IEND", &[]));
    out
}

fn t(s: &str) -> Inline {
    Inline::Text {
        text: s.into(),
        bold: false,
        italic: false,
        underline: false,
    }
}

fn para(s: &str) -> Block {
    Block::Paragraph(Paragraph {
        spans: vec![t(s)],
        align: Align::Justify,
        first_line_indent: true,
        size_pt: None,
    })
}

fn heading(level: u8, number: Option<&str>, text: &str, anchor: &str) -> Block {
    Block::Heading(Heading {
        level,
        number: number.map(str::to_string),
        text: text.into(),
        anchor: anchor.into(),
        in_toc: true,
    })
}

fn cell(s: &str, colspan: u32, rowspan: u32, bold: bool) -> Cell {
    Cell {
        spans: vec![t(s)],
        colspan,
        rowspan,
        align: Align::Center,
        bold,
    }
}

fn sig(name: &str, align: Align) -> Signature {
    Signature {
        place_date: Some("Mojokerto, 18 Februari 2022".into()),
        role_lines: vec![
            "KEPALA DINAS TENAGA KERJA".into(),
            "KABUPATEN MOJOKERTO,".into(),
        ],
        name: name.into(),
        rank: Some("Pembina Utama Muda".into()),
        nip: Some("NIP 19690621 199802 1 001".into()),
        align,
        electronic: None,
    }
}

/// A document with every block kind.
pub(crate) fn sample() -> Document {
    let table = Table {
        caption: vec![
            "Tabel 3.1".into(),
            "Capaian Kinerja <Sasaran> & Target".into(),
        ],
        widths: vec![5, 30, 10, 10, 10],
        header: vec![
            Row {
                cells: vec![
                    cell("No", 1, 2, true),
                    cell("Indikator", 1, 2, true),
                    cell("Tahun 2021", 3, 1, true),
                ],
            },
            Row {
                cells: vec![
                    cell("Target", 1, 1, true),
                    cell("Realisasi", 1, 1, true),
                    cell("%", 1, 1, true),
                ],
            },
        ],
        body: (1..=30)
            .map(|i| Row {
                cells: vec![
                    cell(&i.to_string(), 1, 1, false),
                    Cell {
                        spans: vec![t(&format!("Persentase penempatan tenaga kerja {i}"))],
                        colspan: 1,
                        rowspan: 1,
                        align: Align::Left,
                        bold: false,
                    },
                    cell("75,00", 1, 1, false),
                    cell(&format!("{},50", 70 + i), 1, 1, false),
                    cell(&format!("{},01%", 90 + i), 1, 1, false),
                ],
            })
            .chain(std::iter::once(Row {
                cells: vec![
                    cell("Rata-rata capaian", 2, 1, true),
                    cell("", 2, 1, true),
                    cell("101,23%", 1, 1, true),
                ],
            }))
            .collect(),
        size_pt: 10,
        note: Some("Sumber: Dinas Tenaga Kerja, 2022".into()),
    };
    let wide = Table {
        caption: vec!["Tabel 3.2 Realisasi Anggaran".into()],
        widths: vec![1, 4, 2, 2, 2, 2, 2],
        header: vec![Row {
            cells: ["No", "Program", "Pagu", "Realisasi", "Sisa", "%", "Ket"]
                .iter()
                .map(|h| cell(h, 1, 1, true))
                .collect(),
        }],
        body: vec![Row {
            cells: vec![
                cell("1", 1, 1, false),
                cell("Program Penunjang Urusan Pemerintahan", 1, 1, false),
                cell("Rp2.135.244.834,00", 1, 1, false),
                cell("Rp2.000.000.000,00", 1, 1, false),
                cell("Rp135.244.834,00", 1, 1, false),
                cell("93,67%", 1, 1, false),
                cell("-", 1, 1, false),
            ],
        }],
        size_pt: 9,
        note: None,
    };
    let nested = List {
        style: ListStyle::DecimalParen,
        start: 1,
        items: vec![
            ListItem {
                spans: vec![t("butir bersarang satu")],
                children: vec![],
            },
            ListItem {
                spans: vec![t("butir bersarang dua")],
                children: vec![],
            },
        ],
    };
    Document {
        meta: Meta {
            title: "Laporan Kinerja Instansi Pemerintah (LKjIP) Tahun 2021".into(),
            author: "Dinas Tenaga Kerja Kabupaten Mojokerto".into(),
            subject: "LKjIP Tahun 2021".into(),
            language: "id-ID".into(),
            date: "2022-02-18".into(),
            date_parts: [2022, 2, 18],
        },
        page: PageSetup::a4(),
        sections: vec![
            Section::new(
                "cover",
                Orientation::Portrait,
                PageNumbering::None,
                false,
                vec![Block::Cover(Cover {
                    government: "PEMERINTAH KABUPATEN MOJOKERTO".into(),
                    title: vec![
                        "LAPORAN KINERJA".into(),
                        "INSTANSI PEMERINTAH".into(),
                        "(LKjIP) TAHUN 2021".into(),
                    ],
                    emblem: "lambang.png".into(),
                    agency: "DINAS TENAGA KERJA".into(),
                    region: "KABUPATEN MOJOKERTO".into(),
                    year: "2022".into(),
                })],
            ),
            Section::new(
                "letter",
                Orientation::Portrait,
                PageNumbering::None,
                false,
                vec![
                    Block::Letterhead(Letterhead {
                        emblem: "lambang.png".into(),
                        government: "PEMERINTAH KABUPATEN MOJOKERTO".into(),
                        agency: "DINAS TENAGA KERJA".into(),
                        lines: vec![
                            "Jl. R.A. Basuni No. 19 Sooko, Mojokerto".into(),
                            "Telp. (0321) 321616".into(),
                        ],
                    }),
                    Block::LetterHeader(LetterHeader {
                        place_date: "Mojokerto, 18 Februari 2022".into(),
                        fields: vec![
                            ["Nomor".into(), "050/123/416-110/2022".into()],
                            ["Sifat".into(), "Penting".into()],
                            ["Lampiran".into(), "1 (satu) berkas".into()],
                            ["Hal".into(), "Penyampaian LKjIP Tahun 2021".into()],
                        ],
                        addressee: vec![
                            "Yth. Bupati Mojokerto".into(),
                            "di -".into(),
                            "MOJOKERTO".into(),
                        ],
                    }),
                    para(
                        "Bersama ini kami sampaikan Laporan Kinerja Instansi Pemerintah (LKjIP) Tahun 2021.",
                    ),
                    Block::Signature(sig("Drs. NAMA KEPALA DINAS, M.Si", Align::Right)),
                ],
            ),
            Section::new(
                "front",
                Orientation::Portrait,
                PageNumbering::LowerRoman,
                true,
                vec![
                    heading(1, None, "KATA PENGANTAR", "kata-pengantar"),
                    para("Puji syukur kehadirat Tuhan Yang Maha Esa."),
                    Block::Signature(sig("Drs. NAMA KEPALA DINAS, M.Si", Align::Center)),
                    Block::PageBreak,
                    heading(1, None, "DAFTAR ISI", "daftar-isi"),
                    Block::Toc(Toc { depth: 3 }),
                ],
            ),
            Section::new(
                "body",
                Orientation::Portrait,
                PageNumbering::Arabic,
                true,
                vec![
                    heading(1, Some("BAB I"), "PENDAHULUAN", "bab-1"),
                    heading(2, Some("1.1"), "Latar Belakang", "s-1-1"),
                    para("Laporan ini disusun sesuai Peraturan Presiden Nomor 29 Tahun 2014."),
                    Block::Paragraph(Paragraph {
                        spans: vec![
                            t("Teks "),
                            Inline::Text {
                                text: "tebal".into(),
                                bold: true,
                                italic: false,
                                underline: false,
                            },
                            t(", "),
                            Inline::Text {
                                text: "miring".into(),
                                bold: false,
                                italic: true,
                                underline: false,
                            },
                            t(", "),
                            Inline::Text {
                                text: "garis bawah".into(),
                                bold: false,
                                italic: false,
                                underline: true,
                            },
                            Inline::Break,
                            t("baris baru dengan #read(\"/etc/passwd\") * _ $ <x> & \"kutip\"."),
                        ],
                        align: Align::Left,
                        first_line_indent: false,
                        size_pt: None,
                    }),
                    heading(3, Some("1.1.1"), "Dasar Hukum", "s-1-1-1"),
                    Block::List(List {
                        style: ListStyle::LowerAlphaDot,
                        start: 1,
                        items: vec![
                            ListItem {
                                spans: vec![t("Undang-Undang Nomor 28 Tahun 1999")],
                                children: vec![],
                            },
                            ListItem {
                                spans: vec![t("Peraturan Pemerintah Nomor 8 Tahun 2006")],
                                children: vec![
                                    Block::List(nested),
                                    para("Paragraf di dalam butir."),
                                ],
                            },
                        ],
                    }),
                    Block::List(List {
                        style: ListStyle::UpperAlphaDot,
                        start: 3,
                        items: vec![ListItem {
                            spans: vec![t("butir mulai C")],
                            children: vec![],
                        }],
                    }),
                    Block::List(List {
                        style: ListStyle::Bullet,
                        start: 1,
                        items: vec![ListItem {
                            spans: vec![t("butir bertanda")],
                            children: vec![],
                        }],
                    }),
                    Block::List(List {
                        style: ListStyle::LowerAlphaParen,
                        start: 1,
                        items: vec![ListItem {
                            spans: vec![t("butir a kurung")],
                            children: vec![],
                        }],
                    }),
                    Block::List(List {
                        style: ListStyle::DecimalDot,
                        start: 1,
                        items: vec![ListItem {
                            spans: vec![t("butir satu titik")],
                            children: vec![],
                        }],
                    }),
                    Block::Spacer { mm: 5 },
                    Block::Image(Image {
                        key: "lambang.png".into(),
                        width_mm: 30,
                        alt: "Lambang".into(),
                    }),
                    Block::PageBreak,
                    heading(1, Some("BAB III"), "AKUNTABILITAS KINERJA", "bab-3"),
                    Block::Table(table),
                    Block::SignaturePair {
                        left: sig("PIHAK KEDUA", Align::Center),
                        right: sig("PIHAK PERTAMA", Align::Center),
                    },
                ],
            ),
            Section::new(
                "landscape-3.2",
                Orientation::Landscape,
                PageNumbering::Arabic,
                false,
                vec![
                    heading(2, Some("3.2"), "Realisasi Anggaran", "s-3-2"),
                    Block::Table(wide),
                ],
            ),
            Section::new(
                "appendix",
                Orientation::Portrait,
                PageNumbering::None,
                false,
                vec![
                    heading(1, None, "LAMPIRAN", "lampiran"),
                    para("Lampiran laporan."),
                ],
            ),
        ],
        images: vec![ImageAsset {
            key: "lambang.png".into(),
            png: png(),
            svg: None,
            width_px: 2,
            height_px: 2,
        }],
    }
}

/// Page labels as the typst layout would report them.
pub(crate) fn pages() -> BTreeMap<String, String> {
    [
        ("kata-pengantar", "i"),
        ("daftar-isi", "ii"),
        ("bab-1", "1"),
        ("s-1-1", "1"),
        ("s-1-1-1", "2"),
        ("bab-3", "3"),
        ("s-3-2", "5"),
    ]
    .into_iter()
    .map(|(a, p)| (a.to_string(), p.to_string()))
    .collect()
}

/// All parts of a package by name.
fn unzip(bytes: &[u8]) -> BTreeMap<String, Vec<u8>> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a ZIP");
    let mut out = BTreeMap::new();
    for i in 0..z.len() {
        let mut f = z.by_index(i).expect("entry");
        // PNG is compressed already: pictures are stored, every other part deflated.
        let png = f.name().starts_with("word/media/") && f.name().ends_with(".png");
        let method = if png {
            zip::CompressionMethod::Stored
        } else {
            zip::CompressionMethod::Deflated
        };
        assert_eq!(f.compression(), method, "{} compression", f.name());
        let mut v = Vec::new();
        f.read_to_end(&mut v).expect("read");
        out.insert(f.name().to_string(), v);
    }
    out
}

fn part(parts: &BTreeMap<String, Vec<u8>>, name: &str) -> Element {
    fixup::parse(parts.get(name).unwrap_or_else(|| panic!("{name} missing")))
        .expect("parses")
        .root
}

fn all<'a>(root: &'a Element, name: &str) -> Vec<&'a Element> {
    let mut out = Vec::new();
    fn go<'a>(e: &'a Element, name: &str, out: &mut Vec<&'a Element>) {
        if e.name == name {
            out.push(e);
        }
        for c in e.elements() {
            go(c, name, out);
        }
    }
    go(root, name, &mut out);
    out
}

fn style_of(p: &Element) -> Option<&str> {
    p.find("w:pPr")
        .and_then(|pp| pp.find("w:pStyle"))
        .and_then(|s| s.get_attr("w:val"))
}

/// The text of each paragraph (runs' `w:t`, tabs as `\t`, breaks as `\n`).
fn paragraph_text(p: &Element) -> String {
    let mut s = String::new();
    p.walk(&mut |e| match e.name.as_str() {
        "w:t" => {
            for c in &e.children {
                if let Node::Text(t) = c {
                    s.push_str(&fixup::unescape(t));
                }
            }
        }
        "w:tab" => s.push('\t'),
        "w:br" => s.push('\n'),
        _ => {}
    });
    s
}

fn render() -> (Vec<u8>, BTreeMap<String, Vec<u8>>) {
    let bytes = render_docx(&sample(), &pages()).expect("renders");
    let parts = unzip(&bytes);
    (bytes, parts)
}

#[test]
fn headings_keep_text_style_and_bookmark() {
    let (_, parts) = render();
    let doc = part(&parts, "word/document.xml");
    let body = doc.find("w:body").expect("body");
    let heads: Vec<&Element> = all(body, "w:p")
        .into_iter()
        .filter(|p| style_of(p).is_some_and(|s| s.starts_with("Heading")))
        .collect();
    let mut want = Vec::new();
    for s in &sample().sections {
        for b in &s.blocks {
            if let Block::Heading(h) = b {
                want.push(h.clone());
            }
        }
    }
    assert_eq!(heads.len(), want.len());
    for (p, h) in heads.iter().zip(&want) {
        assert_eq!(style_of(p), Some(format!("Heading{}", h.level).as_str()));
        let text = paragraph_text(p);
        assert!(text.ends_with(&h.text), "{text:?} ends with {:?}", h.text);
        if let Some(n) = &h.number {
            assert!(text.starts_with(n.as_str()));
        }
        let bm = p.find("w:bookmarkStart").expect("bookmark");
        assert!(bm.get_attr("w:name").is_some_and(|n| n.starts_with("_Toc")));
    }
}

#[test]
fn every_ir_text_appears() {
    let (_, parts) = render();
    let doc = part(&parts, "word/document.xml");
    let texts: Vec<String> = all(&doc, "w:p").iter().map(|p| paragraph_text(p)).collect();
    // Whitespace aside: a line break is a space in the IR's text and <w:br/> in Word.
    let squash = |s: &str| s.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let joined = squash(&texts.join("\n"));
    for t in sample().texts() {
        assert!(joined.contains(&squash(&t)), "missing {t:?}");
    }
}

#[test]
fn sections_orientation_and_page_numbers() {
    let (_, parts) = render();
    let doc = part(&parts, "word/document.xml");
    let secs = all(&doc, "w:sectPr");
    let ir = sample();
    assert_eq!(secs.len(), ir.sections.len());
    for (s, irs) in secs.iter().zip(&ir.sections) {
        let sz = s.find("w:pgSz").expect("pgSz");
        let w: u32 = sz.get_attr("w:w").and_then(|v| v.parse().ok()).expect("w");
        let h: u32 = sz.get_attr("w:h").and_then(|v| v.parse().ok()).expect("h");
        match irs.orientation {
            Orientation::Landscape => {
                assert_eq!(sz.get_attr("w:orient"), Some("landscape"));
                assert!(w > h);
            }
            Orientation::Portrait => {
                assert_eq!(sz.get_attr("w:orient"), None);
                assert!(w < h);
            }
        }
        let fmt = s.find("w:pgNumType").and_then(|n| n.get_attr("w:fmt"));
        let want = match irs.numbering {
            PageNumbering::None => None,
            PageNumbering::LowerRoman => Some("lowerRoman"),
            PageNumbering::Arabic => Some("decimal"),
        };
        assert_eq!(fmt, want, "section {}", irs.name);
        let start = s.find("w:pgNumType").and_then(|n| n.get_attr("w:start"));
        assert_eq!(start, irs.restart.then_some("1"), "section {}", irs.name);
        assert!(s.find("w:footerReference").is_some());
    }
    // Two footer parts serve all sections.
    assert_eq!(
        parts
            .keys()
            .filter(|k| k.starts_with("word/footer"))
            .count(),
        2
    );
    let footer = String::from_utf8(parts["word/footer1.xml"].clone()).expect("utf8");
    assert!(footer.contains("PAGE"));
}

#[test]
fn tables_have_header_rows_spans_and_fixed_layout() {
    let (_, parts) = render();
    let doc = part(&parts, "word/document.xml");
    let tables: Vec<&Element> = all(&doc, "w:tbl")
        .into_iter()
        .filter(|t| !all(t, "w:tblHeader").is_empty())
        .collect();
    assert_eq!(tables.len(), 2, "both data tables have header rows");
    let t = tables[0];
    let rows: Vec<&Element> = t.elements().filter(|e| e.name == "w:tr").collect();
    let is_head = |r: &Element| {
        r.find("w:trPr")
            .and_then(|p| p.find("w:tblHeader"))
            .is_some()
    };
    assert!(is_head(rows[0]) && is_head(rows[1]) && !is_head(rows[2]));
    assert!(rows.iter().all(|r| {
        r.find("w:trPr")
            .and_then(|p| p.find("w:cantSplit"))
            .is_some()
    }));
    assert_eq!(
        t.find("w:tblPr")
            .and_then(|p| p.find("w:tblLayout"))
            .and_then(|l| l.get_attr("w:type")),
        Some("fixed")
    );
    let grid: u32 = all(t, "w:gridCol")
        .iter()
        .map(|g| {
            g.get_attr("w:w")
                .and_then(|v| v.parse::<u32>().ok())
                .expect("w")
        })
        .sum();
    assert_eq!(grid, 11906 - 1134 - 1701);
    assert_eq!(all(rows[0], "w:gridSpan")[0].get_attr("w:val"), Some("3"));
    let merges: Vec<Option<&str>> = all(t, "w:vMerge")
        .iter()
        .map(|m| m.get_attr("w:val"))
        .collect();
    assert_eq!(
        merges,
        vec![
            Some("restart"),
            Some("restart"),
            Some("continue"),
            Some("continue")
        ]
    );
    // Every row fills the five grid columns.
    for r in &rows {
        let span: u32 = r
            .elements()
            .filter(|c| c.name == "w:tc")
            .map(|c| {
                c.find("w:tcPr")
                    .and_then(|p| p.find("w:gridSpan"))
                    .and_then(|g| g.get_attr("w:val"))
                    .map_or(1, |v| v.parse().expect("n"))
            })
            .sum();
        assert_eq!(span, 5);
    }
}

#[test]
fn toc_is_a_field_with_cached_page_labels() {
    let (_, parts) = render();
    let doc = part(&parts, "word/document.xml");
    let body = doc.find("w:body").expect("body");
    let entries: Vec<&Element> = all(body, "w:p")
        .into_iter()
        .filter(|p| style_of(p).is_some_and(|s| s.starts_with("TOC")))
        .collect();
    // Every heading of the sample is in the TOC.
    assert_eq!(entries.len(), 8);
    let instr: Vec<String> = all(body, "w:instrText")
        .iter()
        .map(|i| i.text_content())
        .collect();
    assert!(
        instr[0].contains("TOC \\o \"1-3\" \\h \\z \\u"),
        "{instr:?}"
    );
    assert_eq!(
        all(body, "w:fldChar")
            .iter()
            .filter(|f| f.get_attr("w:fldCharType") == Some("begin"))
            .count(),
        9
    );
    assert_eq!(
        all(body, "w:fldChar")
            .iter()
            .filter(|f| f.get_attr("w:fldCharType") == Some("end"))
            .count(),
        9
    );
    let labels = pages();
    let bookmarks: Vec<String> = all(body, "w:bookmarkStart")
        .iter()
        .filter_map(|b| b.get_attr("w:name").map(str::to_string))
        .collect();
    for (e, (anchor, text)) in entries.iter().zip([
        ("kata-pengantar", "KATA PENGANTAR"),
        ("daftar-isi", "DAFTAR ISI"),
        ("bab-1", "BAB I PENDAHULUAN"),
        ("s-1-1", "1.1\tLatar Belakang"),
        ("s-1-1-1", "1.1.1\tDasar Hukum"),
        ("bab-3", "BAB III AKUNTABILITAS KINERJA"),
        ("s-3-2", "3.2\tRealisasi Anggaran"),
        ("lampiran", "LAMPIRAN"),
    ]) {
        let link = e.find("w:hyperlink").expect("hyperlink");
        let target = link.get_attr("w:anchor").expect("anchor").to_string();
        assert!(bookmarks.contains(&target), "{target} is a bookmark");
        let want_label = labels.get(anchor).cloned().unwrap_or_default();
        assert_eq!(paragraph_text(e), format!("{text}\t{want_label}"));
        let pageref = all(e, "w:instrText")
            .iter()
            .map(|i| i.text_content())
            .find(|t| t.contains("PAGEREF"))
            .expect("pageref");
        assert!(pageref.contains(&target));
    }
    let settings = part(&parts, "word/settings.xml");
    assert_eq!(
        settings
            .find("w:updateFields")
            .and_then(|u| u.get_attr("w:val")),
        Some("true")
    );
}

#[test]
fn lists_restart_per_list() {
    let (_, parts) = render();
    let num = part(&parts, "word/numbering.xml");
    let nums: Vec<&Element> = num.elements().filter(|e| e.name == "w:num").collect();
    assert_eq!(nums.len(), 6);
    let starts: Vec<&str> = nums
        .iter()
        .map(|n| {
            n.find("w:lvlOverride")
                .and_then(|o| o.find("w:startOverride"))
                .and_then(|s| s.get_attr("w:val"))
                .expect("start")
        })
        .collect();
    assert_eq!(starts, vec!["1", "1", "3", "1", "1", "1"]);
    let doc = part(&parts, "word/document.xml");
    let used: Vec<(String, String)> = all(&doc, "w:numPr")
        .iter()
        .map(|n| {
            let get = |k: &str| {
                n.find(k)
                    .and_then(|e| e.get_attr("w:val"))
                    .expect("val")
                    .to_string()
            };
            (get("w:numId"), get("w:ilvl"))
        })
        .collect();
    assert_eq!(
        used[2],
        ("2".to_string(), "1".to_string()),
        "the nested list is its own num at level 1"
    );
    let rels = String::from_utf8(parts["word/_rels/document.xml.rels"].clone()).expect("utf8");
    assert!(rels.contains("numbering.xml"));
}

#[test]
fn metadata_and_language() {
    let (_, parts) = render();
    let core = part(&parts, "docProps/core.xml");
    let get = |n: &str| core.find(n).map(|e| e.text_content()).unwrap_or_default();
    let ir = sample();
    assert_eq!(get("dc:title"), ir.meta.title);
    assert_eq!(get("dc:creator"), ir.meta.author);
    assert_eq!(get("dc:language"), "id-ID");
    assert_eq!(get("dcterms:created"), "2022-02-18T00:00:00Z");
    let styles = part(&parts, "word/styles.xml");
    assert_eq!(all(&styles, "w:lang")[0].get_attr("w:val"), Some("id-ID"));
    assert!(parts.contains_key("word/theme/theme1.xml"));
    let ct = String::from_utf8(parts["[Content_Types].xml"].clone()).expect("utf8");
    assert!(ct.contains("/word/theme/theme1.xml"));
}

#[test]
fn pictures_have_unique_ids_and_media() {
    let (_, parts) = render();
    let doc = part(&parts, "word/document.xml");
    let ids: Vec<&str> = all(&doc, "wp:docPr")
        .iter()
        .filter_map(|d| d.get_attr("id"))
        .collect();
    assert_eq!(ids, vec!["1", "2", "3"]);
    let alts: Vec<Option<&str>> = all(&doc, "wp:docPr")
        .iter()
        .map(|d| d.get_attr("descr"))
        .collect();
    assert_eq!(alts, vec![None, None, Some("Lambang")]);
    assert!(parts.keys().any(|k| k.starts_with("word/media/")));
    let rels = String::from_utf8(parts["word/_rels/document.xml.rels"].clone()).expect("utf8");
    for blip in all(&doc, "a:blip") {
        let rid = blip.get_attr("r:embed").expect("embed");
        assert!(rels.contains(&format!("Id=\"{rid}\"")), "{rid} in rels");
    }
}

#[test]
fn two_renders_are_byte_identical() {
    let a = render_docx(&sample(), &pages()).expect("a");
    let b = render_docx(&sample(), &pages()).expect("b");
    assert!(a == b, "two renders in one process differ");
}

#[test]
fn unknown_image_is_an_error() {
    let mut d = sample();
    d.images.clear();
    let e = render_docx(&d, &pages()).expect_err("no image");
    assert!(e.to_string().contains("lambang.png"));
}

#[test]
fn empty_document_renders() {
    let mut d = sample();
    d.sections.clear();
    let bytes = render_docx(&d, &BTreeMap::new()).expect("renders");
    let parts = unzip(&bytes);
    assert_eq!(all(&part(&parts, "word/document.xml"), "w:sectPr").len(), 1);
}

/// Convert with LibreOffice and find the headings in the PDF's text (skipped without
/// LibreOffice or poppler, see [`crate::readers`]).
#[test]
fn libreoffice_converts_and_shows_headings() {
    let Some(soffice) = crate::readers::soffice() else {
        return;
    };
    let Some(pdftotext) = crate::readers::poppler("pdftotext") else {
        return;
    };
    let dir = tempfile::tempdir().expect("tempdir");
    let docx = dir.path().join("sample.docx");
    std::fs::write(&docx, render_docx(&sample(), &pages()).expect("renders")).expect("write");
    let profile = dir.path().join("profile");
    let status = std::process::Command::new(soffice)
        .arg(format!(
            "-env:UserInstallation=file://{}",
            profile.display()
        ))
        .args(["--headless", "--convert-to", "pdf", "--outdir"])
        .arg(dir.path())
        .arg(&docx)
        .output()
        .expect("soffice runs");
    assert!(
        status.status.success(),
        "soffice failed: {}",
        String::from_utf8_lossy(&status.stderr)
    );
    let pdf = dir.path().join("sample.pdf");
    assert!(
        pdf.exists(),
        "no PDF: {}",
        String::from_utf8_lossy(&status.stdout)
    );
    let text = std::process::Command::new(pdftotext)
        .arg("-layout")
        .arg(&pdf)
        .arg("-")
        .output()
        .expect("pdftotext runs");
    let text = String::from_utf8_lossy(&text.stdout);
    for h in [
        "KATA PENGANTAR",
        "DAFTAR ISI",
        "PENDAHULUAN",
        "Latar Belakang",
        "AKUNTABILITAS KINERJA",
        "Realisasi Anggaran",
        "LAMPIRAN",
    ] {
        assert!(text.contains(h), "{h} in the PDF text");
    }
}

/// Validate with `openxml-audit` (PyPI): no schema errors (skipped without it, see
/// [`crate::readers`]).
#[test]
fn openxml_audit_finds_no_errors() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("sample.docx");
    std::fs::write(&path, render_docx(&sample(), &pages()).expect("renders")).expect("write");
    let Some(audit) = crate::readers::openxml_audit() else {
        return;
    };
    let out = std::process::Command::new(audit)
        .arg(&path)
        .args(["-o", "json", "-m", "0"])
        .output()
        .expect("openxml-audit runs");
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).expect("JSON report");
    let errors = &report[0]["errors"];
    assert_eq!(report[0]["error_count"], 0, "{errors:#}");
}

/// Write the sample to `$LKJIP_DOCX_SAMPLE` when that is set (for looking at it); with
/// `$LKJIP_DOCX_IR` naming an IR JSON (as written by `lkjip render --emit-typst DIR`,
/// images read from `DIR/img/`), render that document instead.
#[test]
fn write_sample_when_asked() {
    let Ok(path) = std::env::var("LKJIP_DOCX_SAMPLE") else {
        return;
    };
    let doc = match std::env::var("LKJIP_DOCX_IR") {
        Ok(ir) => {
            let mut d: Document =
                serde_json::from_slice(&std::fs::read(&ir).expect("IR file")).expect("IR JSON");
            let dir = std::path::Path::new(&ir).parent().expect("dir").join("img");
            for entry in std::fs::read_dir(dir).expect("img dir") {
                let entry = entry.expect("entry");
                let png = std::fs::read(entry.path()).expect("png");
                let w = u32::from_be_bytes(png[16..20].try_into().expect("4 bytes"));
                let h = u32::from_be_bytes(png[20..24].try_into().expect("4 bytes"));
                let key = entry.file_name().to_string_lossy().into_owned();
                d.images.push(ImageAsset {
                    key,
                    png,
                    svg: None,
                    width_px: w,
                    height_px: h,
                });
            }
            d
        }
        Err(_) => sample(),
    };
    std::fs::write(path, render_docx(&doc, &pages()).expect("renders")).expect("write");
}
