//! The bundle attached to a report PDF (PDF/A-3 `/AF`, as `render` embeds it): its file
//! name and bytes, for `verify` (re-render and compare) and `sign` (the verification link
//! of the QR).

use super::pdf::{self, Pdf, Value};

/// An embedded file: its name and its decoded bytes.
pub struct Embedded {
    /// The file name (`/UF`, else `/F`).
    pub name: String,
    /// The bytes.
    pub bytes: Vec<u8>,
}

/// The first file attached to the document (the catalog's `/AF`, else its
/// `/Names /EmbeddedFiles`), if any.
pub fn attached(pdf: &Pdf) -> Result<Option<Embedded>, String> {
    let root = pdf.dict(pdf.root()?)?;
    let mut spec = match root.get("AF").map(|v| pdf.resolve(v)).transpose()? {
        Some(Value::Array(a)) => a.into_iter().next(),
        _ => None,
    };
    if spec.is_none()
        && let Some(Value::Dict(names)) = root.get("Names").map(|v| pdf.resolve(v)).transpose()?
        && let Some(Value::Dict(ef)) = names
            .get("EmbeddedFiles")
            .map(|v| pdf.resolve(v))
            .transpose()?
        && let Some(Value::Array(a)) = ef.get("Names").map(|v| pdf.resolve(v)).transpose()?
    {
        // [name, file specification, …]
        spec = a.into_iter().nth(1);
    }
    let Some(spec) = spec else { return Ok(None) };
    let Value::Dict(spec) = pdf.resolve(&spec)? else {
        return Err("the attachment's file specification is not a dictionary".into());
    };
    let name = match spec.get("UF").or_else(|| spec.get("F")) {
        Some(Value::Str(s)) => pdf::decode_text(s),
        _ => "bundle.json".into(),
    };
    let Some(Value::Dict(ef)) = spec.get("EF").map(|v| pdf.resolve(v)).transpose()? else {
        return Err("the attachment has no embedded file".into());
    };
    let Some(Value::Ref(stream, _)) = ef.get("F").or_else(|| ef.get("UF")) else {
        return Err("the attachment has no embedded file".into());
    };
    Ok(Some(Embedded {
        name,
        bytes: pdf.stream_data(*stream)?,
    }))
}
