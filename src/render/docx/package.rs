//! The small fixed parts (settings, core properties, theme) and the ZIP package.
//!
//! docx-rs stores its entries uncompressed and has no title, author or language in the
//! core properties and no `w:updateFields`; these parts are written here from the IR's
//! metadata (dates from the report date, never the clock). The package is then written
//! anew: entries in a fixed order, deflate-compressed (the PNG pictures stored), with fixed timestamps and
//! permissions, so the same document gives the same bytes.

use std::io::{Cursor, Write};

use docx_rs::XMLDocx;
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

use crate::doc::ir::Meta;

use super::xml::escape;

/// `word/settings.xml`: `w:updateFields` makes Word offer to refresh the TOC and page
/// references when the file is opened; decimal symbol and list separator are Indonesian.
pub(crate) fn settings_xml(language: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:settings \
xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:zoom w:percent=\"100\"/>\
<w:defaultTabStop w:val=\"720\"/><w:characterSpacingControl w:val=\"doNotCompress\"/><w:updateFields w:val=\"true\"/>\
<w:compat><w:compatSetting w:name=\"compatibilityMode\" w:uri=\"http://schemas.microsoft.com/office/word\" w:val=\"15\"/>\
</w:compat><w:themeFontLang w:val=\"{}\"/><w:decimalSymbol w:val=\",\"/><w:listSeparator w:val=\";\"/></w:settings>",
        escape(language)
    )
}

/// The report date as a W3CDTF timestamp (midnight UTC).
pub(crate) fn timestamp(meta: &Meta) -> String {
    let [y, m, d] = meta.date_parts;
    format!("{y:04}-{m:02}-{d:02}T00:00:00Z")
}

/// `docProps/core.xml`: title, subject, creator (the agency), language, dates.
pub(crate) fn core_xml(meta: &Meta) -> String {
    let ts = timestamp(meta);
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties \
xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" \
xmlns:dc=\"http://purl.org/dc/elements/1.1/\" xmlns:dcterms=\"http://purl.org/dc/terms/\" \
xmlns:dcmitype=\"http://purl.org/dc/dcmitype/\" xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\">\
<dc:title>{}</dc:title><dc:subject>{}</dc:subject><dc:creator>{}</dc:creator><cp:lastModifiedBy>{}</cp:lastModifiedBy>\
<cp:revision>1</cp:revision><dc:language>{}</dc:language>\
<dcterms:created xsi:type=\"dcterms:W3CDTF\">{ts}</dcterms:created>\
<dcterms:modified xsi:type=\"dcterms:W3CDTF\">{ts}</dcterms:modified></cp:coreProperties>",
        escape(&meta.title),
        escape(&meta.subject),
        escape(&meta.author),
        escape(&meta.author),
        escape(&meta.language),
    )
}

/// A minimal Office theme (Word expects one; the validator requires the relationship).
/// Fonts name the document font so theme-font text looks the same.
pub(crate) fn theme_xml(font: &str) -> String {
    let font = escape(font);
    let colors = [
        ("dk1", "000000"),
        ("lt1", "FFFFFF"),
        ("dk2", "44546A"),
        ("lt2", "E7E6E6"),
        ("accent1", "4472C4"),
        ("accent2", "ED7D31"),
        ("accent3", "A5A5A5"),
        ("accent4", "FFC000"),
        ("accent5", "5B9BD5"),
        ("accent6", "70AD47"),
        ("hlink", "0563C1"),
        ("folHlink", "954F72"),
    ];
    let mut clr = String::new();
    for (name, rgb) in colors {
        clr.push_str(&format!("<a:{name}><a:srgbClr val=\"{rgb}\"/></a:{name}>"));
    }
    let fill = "<a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill>";
    let line = "<a:ln w=\"6350\"><a:solidFill><a:schemeClr val=\"phClr\"/></a:solidFill></a:ln>";
    let effect = "<a:effectStyle><a:effectLst/></a:effectStyle>";
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<a:theme \
xmlns:a=\"http://schemas.openxmlformats.org/drawingml/2006/main\" name=\"Office Theme\"><a:themeElements>\
<a:clrScheme name=\"Office\">{clr}</a:clrScheme><a:fontScheme name=\"Office\">\
<a:majorFont><a:latin typeface=\"{font}\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:majorFont>\
<a:minorFont><a:latin typeface=\"{font}\"/><a:ea typeface=\"\"/><a:cs typeface=\"\"/></a:minorFont></a:fontScheme>\
<a:fmtScheme name=\"Office\"><a:fillStyleLst>{fill}{fill}{fill}</a:fillStyleLst>\
<a:lnStyleLst>{line}{line}{line}</a:lnStyleLst><a:effectStyleLst>{effect}{effect}{effect}</a:effectStyleLst>\
<a:bgFillStyleLst>{fill}{fill}{fill}</a:bgFillStyleLst></a:fmtScheme></a:themeElements>\
<a:objectDefaults/><a:extraClrSchemeLst/></a:theme>"
    )
}

/// Relationship type of the theme part.
pub(crate) const THEME_REL: &str =
    "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme";
/// Content type of the theme part.
pub(crate) const THEME_CT: &str = "application/vnd.openxmlformats-officedocument.theme+xml";
/// Package path of the theme.
pub(crate) const THEME_PATH: &str = "word/theme/theme1.xml";

/// Parts under `word/` that docx-rs always writes but that belong in the package only
/// when the document's relationships point at them (else they are orphans).
const OPTIONAL: [&str; 4] = [
    "comments.xml",
    "commentsExtended.xml",
    "footnotes.xml",
    "numbering.xml",
];

/// The optional parts (names under `word/`) that the document relationships do not name.
pub(crate) fn unreferenced(document_rels: &[u8]) -> Vec<&'static str> {
    let rels = String::from_utf8_lossy(document_rels);
    OPTIONAL
        .into_iter()
        .filter(|name| !rels.contains(&format!("Target=\"{name}\"")))
        .collect()
}

/// Write the package: fixed entry order, deflate (pictures stored: PNG is compressed
/// already), fixed time and permissions. Parts of `word/` named in `skip` are left out.
pub(crate) fn zip(x: &XMLDocx, theme: &[u8], skip: &[&str]) -> zip::result::ZipResult<Vec<u8>> {
    let mut entries: Vec<(String, &[u8])> = vec![
        ("[Content_Types].xml".into(), &x.content_type),
        ("_rels/.rels".into(), &x.rels),
        ("docProps/app.xml".into(), &x.doc_props.app),
        ("docProps/core.xml".into(), &x.doc_props.core),
        ("docProps/custom.xml".into(), &x.doc_props.custom),
        ("word/document.xml".into(), &x.document),
        ("word/_rels/document.xml.rels".into(), &x.document_rels),
        ("word/styles.xml".into(), &x.styles),
        ("word/settings.xml".into(), &x.settings),
        ("word/fontTable.xml".into(), &x.font_table),
        ("word/numbering.xml".into(), &x.numberings),
        ("word/comments.xml".into(), &x.comments),
        ("word/commentsExtended.xml".into(), &x.comments_extended),
        ("word/footnotes.xml".into(), &x.footnotes),
        (THEME_PATH.into(), theme),
    ];
    for (i, h) in x.headers.iter().enumerate() {
        entries.push((format!("word/header{}.xml", i + 1), h));
        if let Some(r) = x.header_rels.get(i) {
            entries.push((format!("word/_rels/header{}.xml.rels", i + 1), r));
        }
    }
    for (i, f) in x.footers.iter().enumerate() {
        entries.push((format!("word/footer{}.xml", i + 1), f));
        if let Some(r) = x.footer_rels.get(i) {
            entries.push((format!("word/_rels/footer{}.xml.rels", i + 1), r));
        }
    }
    for (id, bytes) in &x.media {
        entries.push((format!("word/media/{id}.png"), bytes));
    }
    entries.retain(|(name, _)| !skip.iter().any(|s| name.strip_prefix("word/") == Some(*s)));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    // The pictures are PNG, deflate-compressed already: stored as they are.
    let stored = options.compression_method(CompressionMethod::Stored);
    let mut w = ZipWriter::new(Cursor::new(Vec::new()));
    for (name, bytes) in entries {
        let is_png = name.starts_with("word/media/") && name.ends_with(".png");
        w.start_file(name, if is_png { stored } else { options })?;
        w.write_all(bytes)?;
    }
    Ok(w.finish()?.into_inner())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn core_has_title_creator_language_and_report_date() {
        let meta = Meta {
            title: "LKjIP <2021> & co".into(),
            ..crate::render::fixture::meta()
        };
        let xml = core_xml(&meta);
        let part = super::super::xml::parse(xml.as_bytes()).expect("parses");
        let get = |n: &str| {
            part.root
                .find(n)
                .map(|e| e.text_content())
                .unwrap_or_default()
        };
        assert_eq!(get("dc:title"), "LKjIP <2021> & co");
        assert_eq!(get("dc:creator"), "Dinas Tenaga Kerja Kabupaten Mojokerto");
        assert_eq!(get("dc:language"), "id-ID");
        assert_eq!(get("dcterms:created"), "2022-02-18T00:00:00Z");
        assert_eq!(get("dcterms:modified"), "2022-02-18T00:00:00Z");
    }

    #[test]
    fn optional_parts_need_a_relationship() {
        let rels = br#"<Relationships><Relationship Target="numbering.xml"/><Relationship Target="commentsExtended.xml"/></Relationships>"#;
        assert_eq!(unreferenced(rels), vec!["comments.xml", "footnotes.xml"]);
    }

    #[test]
    fn settings_and_theme_parse() {
        let s = settings_xml("id-ID");
        let part = super::super::xml::parse(s.as_bytes()).expect("settings parse");
        assert_eq!(
            part.root
                .find("w:updateFields")
                .and_then(|u| u.get_attr("w:val")),
            Some("true")
        );
        super::super::xml::parse(theme_xml("Arial").as_bytes()).expect("theme parses");
    }
}
