//! What the revisions after a signature changed, and whether each change is allowed.
//!
//! A signed PDF may get later incremental updates: a co-signer's signature, a document
//! timestamp, the validation data of a DSS. Those leave what was signed as it was. The
//! revision a signature covers (the file up to its `/ByteRange` end) is read as a PDF
//! of its own and every object of the newest revision is compared with it. Allowed (as
//! pyHanko's difference analysis allows them): new objects that nothing old points to
//! unless through an allowed change; a signature field filled (`/V` set where there was
//! none, its appearance); new signature fields in the form's `/Fields` and their widgets
//! in a page's `/Annots`; the catalog's `/AcroForm`, `/DSS`, `/Extensions`, `/Version`;
//! the form's `/SigFlags`, `/DR`, `/DA`; the document info's `/ModDate` and `/Producer`;
//! the catalog's XMP metadata stream (its dates).
//! Anything else is a change of content, named by its object (and page where known).
//!
//! It only reads; it never decides about the signatures themselves (`verify` does).

use std::collections::{BTreeMap, BTreeSet};

use super::pdf::{Dict, Object, Pdf, Value};

/// Every change after the signed revision that is not allowed, one phrase each
/// (`object 12 (page 3): …`). Empty: only allowed changes. `Err`: the signed revision
/// cannot be read on its own.
pub fn disallowed_changes(signed: &Pdf, newest: &Pdf) -> Result<Vec<String>, String> {
    let pages = page_map(newest);
    let sig_widgets = signature_widgets(newest);
    let appearances = appearances_of(newest, &sig_widgets);
    let mut out = Vec::new();
    let old_nums: BTreeSet<u32> = signed.object_numbers().into_iter().collect();
    let new_nums: BTreeSet<u32> = newest.object_numbers().into_iter().collect();
    let root_old = signed.root().ok();
    let info_old = match signed.trailer.get("Info") {
        Some(Value::Ref(n, _)) => Some(*n),
        _ => None,
    };
    // The XMP metadata of the catalog (signing tools update its dates).
    let metadata_old =
        root_old
            .and_then(|r| signed.dict(r).ok())
            .and_then(|c| match c.get("Metadata") {
                Some(Value::Ref(n, _)) => Some(*n),
                _ => None,
            });
    if newest.root().ok() != root_old {
        out.push("the document catalog was replaced by another object".into());
    }
    for &num in &old_nums {
        let where_ = |what: &str| match pages.get(&num) {
            Some(p) => format!("object {num} ({what}, page {p})"),
            None => format!("object {num} ({what})"),
        };
        if !new_nums.contains(&num) {
            out.push(format!("{} was deleted", where_("an object")));
            continue;
        }
        let (Ok(old), Ok(new)) = (signed.object(num), newest.object(num)) else {
            // Unreadable in the signed revision and the newest alike: unchanged bytes.
            if signed.object(num).is_ok() != newest.object(num).is_ok() {
                out.push(format!("{} cannot be read any more", where_("an object")));
            }
            continue;
        };
        if same(&old, &new) {
            continue;
        }
        let what = kind(&old);
        let allowed = match (&old.value, &new.value, &new.stream) {
            _ if Some(num) == root_old => catalog_change(&old, &new),
            _ if Some(num) == info_old => {
                dict_change(&old.value, &new.value, &["ModDate", "Producer"])
            }
            _ if appearances.contains(&num) => true,
            (Value::Dict(o), Value::Dict(n), Some(_))
                if Some(num) == metadata_old
                    && o.name("Type") == Some("Metadata")
                    && n.name("Type") == Some("Metadata") =>
            {
                true
            }
            (Value::Dict(o), Value::Dict(n), None) if sig_widgets.contains(&num) => {
                field_change(o, n)
            }
            (Value::Dict(o), Value::Dict(n), None) if o.name("Type") == Some("Page") => {
                annots_grow(newest, &sig_widgets, o.get("Annots"), n.get("Annots"))
                    && dict_change(&old.value, &new.value, &["Annots"])
            }
            (Value::Dict(o), Value::Dict(_), None)
                if o.get("Fields").is_some() && o.get("Type").is_none() =>
            {
                form_change(&old, &new)
            }
            (Value::Array(o), Value::Array(n), None) => {
                // A page's /Annots or the form's /Fields as an object of its own.
                n.starts_with(o)
                    && n[o.len()..].iter().all(|v| match v {
                        Value::Ref(r, _) => sig_widgets.contains(r),
                        _ => false,
                    })
            }
            _ => false,
        };
        if !allowed {
            out.push(format!("{} was changed", where_(&what)));
        }
    }
    Ok(out)
}

fn same(a: &Object, b: &Object) -> bool {
    a.value == b.value && a.stream == b.stream
}

/// What an object is, for a message.
fn kind(o: &Object) -> String {
    let Value::Dict(d) = &o.value else {
        return "a value".into();
    };
    let t = d.name("Type").or(d.name("Subtype"));
    match (t, o.stream.is_some()) {
        (Some("Page"), _) => "a page".into(),
        (Some("Catalog"), _) => "the catalog".into(),
        (Some("EmbeddedFile"), _) => "an embedded file".into(),
        (Some("Annot"), _) => "an annotation".into(),
        (Some(t), true) => format!("a /{t} stream"),
        (Some(t), false) => format!("a /{t} dictionary"),
        (None, true) if o.stream.is_some() => "a stream (page content, image or font)".into(),
        (None, _) => "a dictionary".into(),
    }
}

/// Whether only `allowed` keys differ between two dictionaries.
fn dict_change(old: &Value, new: &Value, allowed: &[&str]) -> bool {
    let (Value::Dict(o), Value::Dict(n)) = (old, new) else {
        return false;
    };
    let keys: BTreeSet<&str> = o.0.iter().chain(&n.0).map(|(k, _)| k.as_str()).collect();
    keys.into_iter()
        .all(|k| allowed.contains(&k) || o.get(k) == n.get(k))
}

fn catalog_change(old: &Object, new: &Object) -> bool {
    if old.stream.is_some() || new.stream.is_some() {
        return false;
    }
    if let (Value::Dict(o), Value::Dict(n)) = (&old.value, &new.value)
        && let (Some(Value::Dict(fo)), Some(Value::Dict(fnew))) =
            (o.get("AcroForm"), n.get("AcroForm"))
    {
        // An inline form: its own rules; the rest of the catalog as usual.
        return form_dict_change(fo, fnew)
            && dict_change(
                &old.value,
                &new.value,
                &["AcroForm", "DSS", "Extensions", "Version"],
            );
    }
    let form_was = match &old.value {
        Value::Dict(o) => o.get("AcroForm").cloned(),
        _ => None,
    };
    let form_now = match &new.value {
        Value::Dict(n) => n.get("AcroForm").cloned(),
        _ => None,
    };
    // The form may be added, or kept; a form replaced by another object is not allowed.
    let form_ok = form_was.is_none() || form_was == form_now;
    form_ok
        && dict_change(
            &old.value,
            &new.value,
            &["AcroForm", "DSS", "Extensions", "Version"],
        )
}

fn form_change(old: &Object, new: &Object) -> bool {
    match (&old.value, &new.value) {
        (Value::Dict(o), Value::Dict(n)) => form_dict_change(o, n),
        _ => false,
    }
}

fn form_dict_change(o: &Dict, n: &Dict) -> bool {
    let fields_ok = match (o.get("Fields"), n.get("Fields")) {
        (Some(Value::Array(a)), Some(Value::Array(b))) => b.starts_with(a),
        (a, b) => a == b,
    };
    fields_ok
        && dict_change(
            &Value::Dict(o.clone()),
            &Value::Dict(n.clone()),
            &["Fields", "SigFlags", "DR", "DA"],
        )
}

/// A signature field filled: `/V` set where there was none, its appearance.
fn field_change(o: &Dict, n: &Dict) -> bool {
    o.get("V").is_none()
        && dict_change(
            &Value::Dict(o.clone()),
            &Value::Dict(n.clone()),
            &["V", "AP", "MK", "AS"],
        )
}

/// A page's `/Annots`: the old ones kept, in order, and new signature widgets after them.
fn annots_grow(
    newest: &Pdf,
    sig_widgets: &BTreeSet<u32>,
    old: Option<&Value>,
    new: Option<&Value>,
) -> bool {
    if old == new {
        return true;
    }
    let list = |v: Option<&Value>| match v {
        None => Some(Vec::new()),
        Some(Value::Array(a)) => Some(a.clone()),
        Some(r @ Value::Ref(..)) => match newest.resolve(r) {
            Ok(Value::Array(a)) => Some(a),
            _ => None,
        },
        _ => None,
    };
    // An indirect /Annots that stays the same reference is compared as its own object.
    if let (Some(Value::Ref(a, _)), Some(Value::Ref(b, _))) = (old, new)
        && a == b
    {
        return true;
    }
    let (Some(o), Some(n)) = (list(old), list(new)) else {
        return false;
    };
    n.starts_with(&o)
        && n[o.len()..].iter().all(|v| match v {
            Value::Ref(r, _) => sig_widgets.contains(r),
            _ => false,
        })
}

/// The object numbers of the signature fields and their widgets (the form's fields with
/// `/FT /Sig`, kids included, and widgets whose parent is one).
fn signature_widgets(pdf: &Pdf) -> BTreeSet<u32> {
    super::field::signature_fields(pdf)
        .map(|f| f.into_iter().map(|(n, _)| n).collect())
        .unwrap_or_default()
}

/// The appearance streams of the signature widgets (`/AP /N`, `/D`, `/R`).
fn appearances_of(pdf: &Pdf, widgets: &BTreeSet<u32>) -> BTreeSet<u32> {
    let mut out = BTreeSet::new();
    for &w in widgets {
        let Ok(d) = pdf.dict(w) else { continue };
        let Some(ap) = d.get("AP").and_then(|v| pdf.resolve(v).ok()) else {
            continue;
        };
        let Value::Dict(ap) = ap else { continue };
        for (_, v) in &ap.0 {
            if let Value::Ref(n, _) = v {
                out.insert(*n);
            }
        }
    }
    out
}

/// Page number (1-based) of each page object and of what it points to directly
/// (contents, annotations).
fn page_map(pdf: &Pdf) -> BTreeMap<u32, usize> {
    let mut out = BTreeMap::new();
    let Ok(pages) = pdf.pages() else { return out };
    for (i, &p) in pages.iter().enumerate() {
        out.insert(p, i + 1);
        let Ok(d) = pdf.dict(p) else { continue };
        for key in ["Contents", "Annots", "Resources"] {
            let mut refs = Vec::new();
            match d.get(key) {
                Some(Value::Ref(n, _)) => {
                    refs.push(*n);
                    if let Ok(Value::Array(a)) = pdf.resolve(&Value::Ref(*n, 0)) {
                        refs.extend(a.iter().filter_map(|v| match v {
                            Value::Ref(n, _) => Some(*n),
                            _ => None,
                        }));
                    }
                }
                Some(Value::Array(a)) => refs.extend(a.iter().filter_map(|v| match v {
                    Value::Ref(n, _) => Some(*n),
                    _ => None,
                })),
                _ => {}
            }
            for r in refs {
                out.entry(r).or_insert(i + 1);
            }
        }
    }
    out
}
