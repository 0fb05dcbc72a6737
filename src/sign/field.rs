//! The empty signature field of an electronically signed report (TTE), added to the PDF
//! that typst-pdf wrote as one incremental update: a signature widget (`/FT /Sig`,
//! named after the official) exactly on the QR square of the layout, with an empty
//! appearance (PDF/A wants one on every annotation), the page's `/Annots` extended with
//! it, and the catalog's new `/AcroForm`. Any PAdES signer (`lkjip sign`, a signing
//! service, pyHanko, Acrobat) can then sign into that field.
//!
//! Nothing here depends on the clock or on chance, so the same bundle still gives the
//! same bytes; the bytes typst wrote stay as they were, before the update.

use super::pdf::{self, Dict, NewObject, Pdf, Value};
use crate::render::pdf::FieldPlacement;

/// A number of points with at most three decimals, as PDF writes it.
pub fn real(x: f64) -> Value {
    let s = format!("{x:.3}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    match s.parse::<i64>() {
        Ok(n) => Value::Int(n),
        Err(_) => Value::Real(s.to_owned()),
    }
}

/// `pdf_bytes` with an empty signature field at `place`. Fails (with a lower-case
/// reason) when the file already has a form or is not one this module can read.
pub fn add_field(pdf_bytes: &[u8], place: &FieldPlacement) -> Result<Vec<u8>, String> {
    let pdf = Pdf::parse(pdf_bytes)?;
    let root_num = pdf.root()?;
    let mut root = pdf.dict(root_num)?;
    if root.get("AcroForm").is_some() {
        return Err("the PDF already has a form (/AcroForm)".into());
    }
    let pages = pdf.pages()?;
    let page_num = *pages
        .get(place.page_index)
        .ok_or_else(|| format!("page {} does not exist", place.page_index + 1))?;
    let size = pdf.size()?;
    let (field, appearance, acroform) = (size, size + 1, size + 2);
    let mut objects = Vec::new();

    let [x1, y1, x2, y2] = place.rect;
    let mut widget = Dict::default();
    widget.set("Type", Value::Name("Annot".into()));
    widget.set("Subtype", Value::Name("Widget".into()));
    widget.set("FT", Value::Name("Sig".into()));
    widget.set("T", pdf::text_string(&place.name));
    // Print: PDF/A wants every annotation printed, none hidden.
    widget.set("F", Value::Int(4));
    widget.set(
        "Rect",
        Value::Array(vec![real(x1), real(y1), real(x2), real(y2)]),
    );
    widget.set("P", Value::Ref(page_num, 0));
    let mut ap = Dict::default();
    ap.set("N", Value::Ref(appearance, 0));
    widget.set("AP", Value::Dict(ap));
    objects.push(NewObject::value(field, &Value::Dict(widget)));

    objects.push(NewObject::stream(
        appearance,
        form_xobject(x2 - x1, y2 - y1),
        b"",
    ));

    let mut form = Dict::default();
    form.set("Fields", Value::Array(vec![Value::Ref(field, 0)]));
    form.set("SigFlags", Value::Int(1));
    objects.push(NewObject::value(acroform, &Value::Dict(form)));

    root.set("AcroForm", Value::Ref(acroform, 0));
    objects.push(NewObject::value(root_num, &Value::Dict(root)));

    let mut page = pdf.dict(page_num)?;
    match page.get("Annots").cloned() {
        None => page.set("Annots", Value::Array(vec![Value::Ref(field, 0)])),
        Some(Value::Array(mut annots)) => {
            annots.push(Value::Ref(field, 0));
            page.set("Annots", Value::Array(annots));
        }
        Some(Value::Ref(n, _)) => {
            let Value::Array(mut annots) = pdf.object(n)?.value else {
                return Err(format!(
                    "the /Annots of page {} is not an array",
                    place.page_index + 1
                ));
            };
            annots.push(Value::Ref(field, 0));
            objects.push(NewObject::value(n, &Value::Array(annots)));
        }
        Some(_) => {
            return Err(format!(
                "the /Annots of page {} is not an array",
                place.page_index + 1
            ));
        }
    }
    if !objects.iter().any(|o| o.num == page_num) {
        objects.push(NewObject::value(page_num, &Value::Dict(page)));
    }
    Ok(pdf::append_update(&pdf, &objects, size + 3).0)
}

/// The dictionary of a form XObject of `w` × `h` points.
pub fn form_xobject(w: f64, h: f64) -> Dict {
    let mut d = Dict::default();
    d.set("Type", Value::Name("XObject".into()));
    d.set("Subtype", Value::Name("Form".into()));
    d.set(
        "BBox",
        Value::Array(vec![Value::Int(0), Value::Int(0), real(w), real(h)]),
    );
    d.set("Resources", Value::Dict(Dict::default()));
    d
}

/// The signature fields of a PDF: (field object number, its dictionary), in the order of
/// the form's `/Fields` (kids included).
pub fn signature_fields(pdf: &Pdf) -> Result<Vec<(u32, Dict)>, String> {
    let root = pdf.dict(pdf.root()?)?;
    let Some(form) = root.get("AcroForm") else {
        return Ok(Vec::new());
    };
    let Value::Dict(form) = pdf.resolve(form)? else {
        return Err("the /AcroForm is not a dictionary".into());
    };
    let mut out = Vec::new();
    let mut todo: Vec<Value> = match form.get("Fields").map(|f| pdf.resolve(f)).transpose()? {
        Some(Value::Array(a)) => a.into_iter().rev().collect(),
        _ => Vec::new(),
    };
    let mut seen = 0;
    while let Some(v) = todo.pop() {
        seen += 1;
        if seen > 10_000 {
            return Err("the form's fields form a loop".into());
        }
        let Value::Ref(n, _) = v else { continue };
        let d = pdf.dict(n)?;
        if d.name("FT") == Some("Sig") {
            out.push((n, d.clone()));
        }
        if let Some(Value::Array(kids)) = d.get("Kids").map(|k| pdf.resolve(k)).transpose()? {
            todo.extend(kids.into_iter().rev());
        }
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A two-page PDF as a writer other than typst might make it, page 2 with a link.
    fn two_pages() -> Vec<u8> {
        super::super::pdf::classic_pdf(
            &[
                "<</Type/Catalog/Pages 2 0 R>>",
                "<</Type/Pages/Kids[3 0 R 4 0 R]/Count 2>>",
                "<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]>>",
                "<</Type/Page/Parent 2 0 R/MediaBox[0 0 200 200]/Annots 5 0 R>>",
                "[<</Type/Annot/Subtype/Link/Rect[0 0 1 1]>>]",
            ],
            "",
        )
    }

    #[test]
    fn the_field_goes_on_its_page_in_an_update_that_keeps_every_old_byte() {
        let old = two_pages();
        let place = FieldPlacement {
            name: "TTE NAMA".into(),
            page_index: 1,
            rect: [10.0, 20.0, 80.866, 90.866],
        };
        let new = add_field(&old, &place).unwrap();
        assert!(new.starts_with(&old));
        let pdf = Pdf::parse(&new).unwrap();
        let fields = signature_fields(&pdf).unwrap();
        assert_eq!(fields.len(), 1);
        let (num, widget) = &fields[0];
        assert_eq!(widget.get("T"), Some(&Value::Str(b"TTE NAMA".to_vec())));
        assert_eq!(widget.get("P"), Some(&Value::Ref(4, 0)));
        assert_eq!(
            widget.get("Rect"),
            Some(&Value::Array(vec![
                Value::Int(10),
                Value::Int(20),
                Value::Real("80.866".into()),
                Value::Real("90.866".into())
            ]))
        );
        // The page's /Annots array (an object of its own) keeps the link, adds the field.
        let Value::Array(annots) = pdf.object(5).unwrap().value else {
            panic!()
        };
        assert_eq!(annots.len(), 2);
        assert_eq!(annots[1], Value::Ref(*num, 0));
        // Adding a second form is refused.
        assert!(
            add_field(&new, &place)
                .unwrap_err()
                .contains("already has a form")
        );
    }
}
