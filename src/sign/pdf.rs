//! Just enough of PDF to read and extend a finished file. Reading is lopdf's (strict: no
//! repair of a damaged file; classic cross-reference tables and cross-reference streams,
//! object streams, incremental updates followed through `/Prev`), turned into the small
//! value model the signing code works with. Writing is ours: values, and an incremental
//! update (new and replaced objects, a cross-reference section of the kind the previous
//! one is, a trailer pointing at it). Every byte before the update stays as it was.
//!
//! It never rewrites a file in place, never repairs one, and never inflates a stream
//! beyond [`MAX_STREAM`] bytes.

use std::collections::BTreeMap;
use std::fmt::Write as _;

/// The most bytes a stream is inflated to (a bundle is far smaller).
pub const MAX_STREAM: usize = 64 * 1024 * 1024;

/// A PDF value. Names are decoded (without the slash; `#xx` escapes resolved).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A real number, as written back.
    Real(String),
    /// `/Name`.
    Name(String),
    /// A literal or hex string, decoded to bytes.
    Str(Vec<u8>),
    /// `[…]`.
    Array(Vec<Value>),
    /// `<<…>>`, in the order written.
    Dict(Dict),
    /// `N G R`.
    Ref(u32, u16),
}

/// A dictionary: keys (names without the slash) and values in order.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Dict(pub Vec<(String, Value)>);

impl Dict {
    /// The value of `key`.
    pub fn get(&self, key: &str) -> Option<&Value> {
        self.0.iter().find(|(k, _)| k == key).map(|(_, v)| v)
    }

    /// Set `key` (replacing its value in place, or appending).
    pub fn set(&mut self, key: &str, value: Value) {
        match self.0.iter_mut().find(|(k, _)| k == key) {
            Some((_, v)) => *v = value,
            None => self.0.push((key.to_owned(), value)),
        }
    }

    /// The name value of `key`.
    pub fn name(&self, key: &str) -> Option<&str> {
        match self.get(key) {
            Some(Value::Name(n)) => Some(n),
            _ => None,
        }
    }
}

/// A reason the file cannot be read, lower-case.
pub type Error = String;

/// An indirect object: its value and, for a stream, the raw (still encoded) data.
#[derive(Debug, Clone, PartialEq)]
pub struct Object {
    /// The value (a stream's dictionary for a stream).
    pub value: Value,
    /// The stream's data as stored, if the object is a stream.
    pub stream: Option<Vec<u8>>,
}

/// A parsed PDF file: its bytes, its objects (newest revision) and the newest trailer.
pub struct Pdf<'a> {
    /// The whole file.
    pub bytes: &'a [u8],
    /// The document as lopdf read it.
    doc: lopdf::Document,
    /// Object number → generation of the objects in use.
    gens: BTreeMap<u32, u16>,
    /// The newest trailer dictionary (of a cross-reference stream: its dictionary).
    pub trailer: Dict,
    /// Offset of the newest cross-reference section (`startxref`).
    pub startxref: usize,
}

fn convert(o: &lopdf::Object, depth: u32) -> Value {
    use lopdf::Object as O;
    if depth > 100 {
        return Value::Null;
    }
    match o {
        O::Null => Value::Null,
        O::Boolean(b) => Value::Bool(*b),
        O::Integer(n) => Value::Int(*n),
        O::Real(r) => Value::Real(real_text(f64::from(*r))),
        O::Name(n) => Value::Name(String::from_utf8_lossy(n).into_owned()),
        O::String(s, _) => Value::Str(s.clone()),
        O::Array(a) => Value::Array(a.iter().map(|v| convert(v, depth + 1)).collect()),
        O::Dictionary(d) => Value::Dict(convert_dict(d, depth)),
        O::Stream(s) => Value::Dict(convert_dict(&s.dict, depth)),
        O::Reference((n, g)) => Value::Ref(*n, *g),
    }
}

fn convert_dict(d: &lopdf::Dictionary, depth: u32) -> Dict {
    Dict(
        d.iter()
            .map(|(k, v)| {
                (
                    String::from_utf8_lossy(k).into_owned(),
                    convert(v, depth + 1),
                )
            })
            .collect(),
    )
}

/// A real as PDF writes it: at most five decimals, no trailing zeros.
fn real_text(x: f64) -> String {
    let s = format!("{x:.5}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    if s.is_empty() || s == "-" || s == "-0" {
        "0".into()
    } else {
        s.to_owned()
    }
}

impl<'a> Pdf<'a> {
    /// Read `bytes` (every revision; the newest wins).
    pub fn parse(bytes: &'a [u8]) -> Result<Pdf<'a>, Error> {
        if !bytes.starts_with(b"%PDF-") {
            return Err("not a PDF file (no %PDF- header)".into());
        }
        let options = lopdf::LoadOptions {
            strict: true,
            max_decompressed_size: Some(MAX_STREAM),
            ..lopdf::LoadOptions::default()
        };
        // lopdf is expected not to panic; if it does on a hostile file, that is one
        // more damaged file, not a crash.
        let loaded =
            std::panic::catch_unwind(|| lopdf::Document::load_mem_with_options(bytes, options))
                .map_err(|_| "the file is damaged (its structure cannot be read)".to_string())?;
        let doc = loaded.map_err(|e| {
            let e = e.to_string();
            if e.to_lowercase().contains("encrypt") || e.to_lowercase().contains("password") {
                format!("an encrypted PDF ({e})")
            } else {
                format!("the file is damaged or truncated ({e})")
            }
        })?;
        if doc.trailer.get(b"Encrypt").is_ok() {
            return Err("an encrypted PDF (lkjip reads only unencrypted ones)".into());
        }
        let mut gens = BTreeMap::new();
        for &(n, g) in doc.objects.keys() {
            gens.insert(n, g);
        }
        let trailer = convert_dict(&doc.trailer, 0);
        Ok(Pdf {
            bytes,
            startxref: doc.xref_start,
            gens,
            trailer,
            doc,
        })
    }

    /// The numbers of the objects in use, ascending.
    pub fn object_numbers(&self) -> Vec<u32> {
        self.gens.keys().copied().collect()
    }

    /// The object `num`, or an error naming it.
    pub fn object(&self, num: u32) -> Result<Object, Error> {
        let g = *self
            .gens
            .get(&num)
            .ok_or_else(|| format!("object {num} is not in the cross-reference table"))?;
        let o = self
            .doc
            .objects
            .get(&(num, g))
            .ok_or_else(|| format!("object {num} cannot be read"))?;
        Ok(Object {
            value: convert(o, 0),
            stream: match o {
                lopdf::Object::Stream(s) => Some(s.content.clone()),
                _ => None,
            },
        })
    }

    /// The dictionary of object `num` (or of the stream `num`).
    pub fn dict(&self, num: u32) -> Result<Dict, Error> {
        match self.object(num)?.value {
            Value::Dict(d) => Ok(d),
            _ => Err(format!("object {num} is not a dictionary")),
        }
    }

    /// Follow a reference (other values are returned as they are).
    pub fn resolve(&self, v: &Value) -> Result<Value, Error> {
        match v {
            Value::Ref(n, _) => Ok(self.object(*n)?.value),
            other => Ok(other.clone()),
        }
    }

    /// The object number of the catalog.
    pub fn root(&self) -> Result<u32, Error> {
        match self.trailer.get("Root") {
            Some(Value::Ref(n, _)) => Ok(*n),
            _ => Err("the trailer has no /Root".into()),
        }
    }

    /// The next free object number (`/Size` of the trailer).
    pub fn size(&self) -> Result<u32, Error> {
        match self.trailer.get("Size") {
            Some(Value::Int(n)) if *n > 0 && *n < 100_000_000 => Ok(*n as u32),
            _ => Err("the trailer has no /Size".into()),
        }
    }

    /// Whether the newest cross-reference section is a stream (not a classic table).
    pub fn xref_is_stream(&self) -> bool {
        let at = self.bytes.get(self.startxref..).unwrap_or_default();
        let at = &at[at.iter().take_while(|c| c.is_ascii_whitespace()).count()..];
        !at.starts_with(b"xref")
    }

    /// The object numbers of the pages, in order.
    pub fn pages(&self) -> Result<Vec<u32>, Error> {
        let root = self.dict(self.root()?)?;
        let Some(Value::Ref(top, _)) = root.get("Pages") else {
            return Err("the catalog has no /Pages".into());
        };
        let mut out = Vec::new();
        let mut seen = std::collections::BTreeSet::new();
        self.walk_pages(*top, &mut out, &mut seen, 0)?;
        Ok(out)
    }

    fn walk_pages(
        &self,
        num: u32,
        out: &mut Vec<u32>,
        seen: &mut std::collections::BTreeSet<u32>,
        depth: u32,
    ) -> Result<(), Error> {
        if depth > 64 {
            return Err("the page tree is too deep".into());
        }
        if !seen.insert(num) {
            return Err(format!("the page tree loops (object {num} twice)"));
        }
        let d = self.dict(num)?;
        if d.name("Type") == Some("Page") {
            out.push(num);
            return Ok(());
        }
        let Some(Value::Array(kids)) = d.get("Kids").map(|k| self.resolve(k)).transpose()? else {
            return Err(format!("page tree node {num} has no /Kids"));
        };
        for k in kids {
            if let Value::Ref(n, _) = k {
                self.walk_pages(n, out, seen, depth + 1)?;
            }
        }
        Ok(())
    }

    /// The text each page prints, in the order its content draws it (lopdf's text
    /// extraction; a page whose text cannot be read is an error).
    pub fn page_texts(&self) -> Result<Vec<String>, Error> {
        let n = self.doc.get_pages().len() as u32;
        (1..=n)
            .map(|p| {
                self.doc
                    .extract_text_with_limit(&[p], MAX_STREAM)
                    .map_err(|e| format!("the text of page {p} cannot be read ({e})"))
            })
            .collect()
    }

    /// The decoded data of stream `num` (no filter or `/FlateDecode`), at most
    /// [`MAX_STREAM`] bytes.
    pub fn stream_data(&self, num: u32) -> Result<Vec<u8>, Error> {
        let obj = self.object(num)?;
        let (Value::Dict(d), Some(data)) = (obj.value, obj.stream) else {
            return Err(format!("object {num} is not a stream"));
        };
        match d.get("Filter") {
            None => Ok(data),
            Some(Value::Name(f)) if f == "FlateDecode" => inflate(&data),
            Some(Value::Array(fs))
                if fs.len() == 1 && fs[0] == Value::Name("FlateDecode".into()) =>
            {
                inflate(&data)
            }
            _ => Err(format!("object {num}: unsupported stream filter")),
        }
    }
}

fn inflate(data: &[u8]) -> Result<Vec<u8>, Error> {
    use std::io::Read;
    let mut out = Vec::new();
    flate2::read::ZlibDecoder::new(data)
        .take(MAX_STREAM as u64 + 1)
        .read_to_end(&mut out)
        .map_err(|e| format!("cannot inflate a stream ({e})"))?;
    if out.len() > MAX_STREAM {
        return Err(format!("a stream inflates to more than {MAX_STREAM} bytes"));
    }
    Ok(out)
}

/// Write a value as PDF syntax.
pub fn write_value(v: &Value, out: &mut Vec<u8>) {
    match v {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Value::Int(n) => out.extend_from_slice(n.to_string().as_bytes()),
        Value::Real(r) => out.extend_from_slice(r.as_bytes()),
        Value::Name(n) => write_name(n, out),
        Value::Str(s) => {
            out.push(b'(');
            for &c in s {
                match c {
                    b'(' | b')' | b'\\' => out.extend_from_slice(&[b'\\', c]),
                    b'\r' => out.extend_from_slice(b"\\r"),
                    b'\n' => out.extend_from_slice(b"\\n"),
                    _ => out.push(c),
                }
            }
            out.push(b')');
        }
        Value::Array(items) => {
            out.push(b'[');
            for (i, it) in items.iter().enumerate() {
                if i > 0 {
                    out.push(b' ');
                }
                write_value(it, out);
            }
            out.push(b']');
        }
        Value::Dict(d) => {
            out.extend_from_slice(b"<<");
            for (k, v) in &d.0 {
                write_name(k, out);
                if !matches!(
                    v,
                    Value::Name(_) | Value::Str(_) | Value::Array(_) | Value::Dict(_)
                ) {
                    out.push(b' ');
                }
                write_value(v, out);
            }
            out.extend_from_slice(b">>");
        }
        Value::Ref(n, g) => out.extend_from_slice(format!("{n} {g} R").as_bytes()),
    }
}

/// `/name`, with `#xx` for every byte that is not a regular character.
fn write_name(n: &str, out: &mut Vec<u8>) {
    out.push(b'/');
    for &c in n.as_bytes() {
        if (0x21..0x7f).contains(&c) && !b"()<>[]{}/%#".contains(&c) {
            out.push(c);
        } else {
            out.extend_from_slice(format!("#{c:02X}").as_bytes());
        }
    }
}

/// A PDF text string: PDFDocEncoding-safe ASCII as is, anything else UTF-16BE with BOM.
pub fn text_string(s: &str) -> Value {
    if s.bytes().all(|c| (0x20..0x7f).contains(&c)) {
        Value::Str(s.as_bytes().to_vec())
    } else {
        let mut out = vec![0xfe, 0xff];
        for u in s.encode_utf16() {
            out.extend_from_slice(&u.to_be_bytes());
        }
        Value::Str(out)
    }
}

/// Decode a PDF text string (UTF-16BE with BOM, UTF-8 with BOM, or PDFDocEncoding read
/// as Latin-1).
pub fn decode_text(bytes: &[u8]) -> String {
    if let Some(rest) = bytes.strip_prefix(&[0xfe, 0xff]) {
        let units: Vec<u16> = rest
            .chunks(2)
            .map(|c| u16::from_be_bytes([c[0], *c.get(1).unwrap_or(&0)]))
            .collect();
        String::from_utf16_lossy(&units)
    } else if let Some(rest) = bytes.strip_prefix(&[0xef, 0xbb, 0xbf]) {
        String::from_utf8_lossy(rest).into_owned()
    } else {
        bytes.iter().map(|&c| c as char).collect()
    }
}

/// An object to write in an incremental update: its number and its bytes between
/// `N 0 obj` and `endobj`.
pub struct NewObject {
    /// Object number.
    pub num: u32,
    /// Body (a value, or a stream dictionary followed by its stream).
    pub body: Vec<u8>,
}

impl NewObject {
    /// An object holding a value.
    pub fn value(num: u32, v: &Value) -> NewObject {
        let mut body = Vec::new();
        write_value(v, &mut body);
        NewObject { num, body }
    }

    /// A stream object: `dict` gets the `/Length`.
    pub fn stream(num: u32, mut dict: Dict, data: &[u8]) -> NewObject {
        dict.set("Length", Value::Int(data.len() as i64));
        let mut body = Vec::new();
        write_value(&Value::Dict(dict), &mut body);
        body.extend_from_slice(b"\nstream\n");
        body.extend_from_slice(data);
        body.extend_from_slice(b"\nendstream");
        NewObject { num, body }
    }
}

/// Append an incremental update to `pdf`: `objects` (new or replacing older ones), a
/// cross-reference section for them and a trailer with the new `/Size`, the same
/// `/Root`, `/Info` and `/ID`, and `/Prev` pointing at the previous section. Returns the
/// whole new file and the offset of each object's body.
pub fn append_update(pdf: &Pdf, objects: &[NewObject], size: u32) -> (Vec<u8>, Vec<usize>) {
    let mut out = pdf.bytes.to_vec();
    if !out.ends_with(b"\n") {
        out.push(b'\n');
    }
    let mut starts = Vec::new();
    let mut body_starts = Vec::new();
    for o in objects {
        starts.push((o.num, out.len()));
        out.extend_from_slice(format!("{} 0 obj\n", o.num).as_bytes());
        body_starts.push(out.len());
        out.extend_from_slice(&o.body);
        out.extend_from_slice(b"\nendobj\n");
    }
    let mut trailer = Dict::default();
    for key in ["Root", "Info", "ID"] {
        if let Some(v) = pdf.trailer.get(key) {
            trailer.set(key, v.clone());
        }
    }
    trailer.set("Prev", Value::Int(pdf.startxref as i64));
    let xref_at = out.len();
    if pdf.xref_is_stream() {
        // A cross-reference stream after one: the object `size`, listing itself too.
        starts.push((size, xref_at));
        starts.sort();
        let mut index = Vec::new();
        let mut data = Vec::new();
        for run in runs(&starts) {
            index.push(Value::Int(i64::from(run[0].0)));
            index.push(Value::Int(run.len() as i64));
            for &(_, at) in run {
                data.push(1);
                data.extend_from_slice(&(at as u32).to_be_bytes());
                data.extend_from_slice(&[0, 0]);
            }
        }
        trailer.set("Type", Value::Name("XRef".into()));
        trailer.set("Size", Value::Int(i64::from(size) + 1));
        trailer.set("Index", Value::Array(index));
        trailer.set(
            "W",
            Value::Array(vec![Value::Int(1), Value::Int(4), Value::Int(2)]),
        );
        let xref = NewObject::stream(size, trailer, &data);
        out.extend_from_slice(format!("{size} 0 obj\n").as_bytes());
        out.extend_from_slice(&xref.body);
        out.extend_from_slice(b"\nendobj\n");
    } else {
        starts.sort();
        let mut x = String::from("xref\n");
        for run in runs(&starts) {
            let _ = writeln!(x, "{} {}", run[0].0, run.len());
            for (_, at) in run {
                let _ = write!(x, "{at:010} 00000 n\r\n");
            }
        }
        out.extend_from_slice(x.as_bytes());
        trailer.set("Size", Value::Int(i64::from(size)));
        out.extend_from_slice(b"trailer\n");
        write_value(&Value::Dict(trailer), &mut out);
    }
    out.extend_from_slice(format!("\nstartxref\n{xref_at}\n%%EOF\n").as_bytes());
    (out, body_starts)
}

/// Runs of consecutive object numbers of a sorted list.
fn runs(starts: &[(u32, usize)]) -> Vec<&[(u32, usize)]> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < starts.len() {
        let mut j = i;
        while j + 1 < starts.len() && starts[j + 1].0 == starts[j].0 + 1 {
            j += 1;
        }
        out.push(&starts[i..=j]);
        i = j + 1;
    }
    out
}

/// A PDF of `objects` (numbered from 1, object 1 the catalog) with a classic
/// cross-reference table, `trailer_extra` added to its trailer (e.g. `/Info 4 0 R`): the
/// small files of the tests, made once.
#[doc(hidden)]
pub fn classic_pdf(objects: &[&str], trailer_extra: &str) -> Vec<u8> {
    let mut out = b"%PDF-1.7\n".to_vec();
    let mut offsets = Vec::new();
    for (i, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", i + 1).as_bytes());
    }
    let xref = out.len();
    let size = objects.len() + 1;
    out.extend_from_slice(format!("xref\n0 {size}\n0000000000 65535 f\r\n").as_bytes());
    for o in offsets {
        out.extend_from_slice(format!("{o:010} 00000 n\r\n").as_bytes());
    }
    out.extend_from_slice(
        format!("trailer\n<</Size {size}/Root 1 0 R{trailer_extra}>>\nstartxref\n{xref}\n%%EOF\n")
            .as_bytes(),
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_round_trip() {
        let v = "<</Type/Annot/Rect[0 1.5 -2 3]/T(a\\(b\\)\\\\c)/H<414>/P 3 0 R/N null/B true/K/A#20b>>";
        let bytes = classic_pdf(
            &[
                "<</Type/Catalog/Pages 2 0 R>>",
                "<</Type/Pages/Kids[]/Count 0>>",
                v,
            ],
            "",
        );
        let pdf = Pdf::parse(&bytes).unwrap();
        let d = pdf.dict(3).unwrap();
        assert_eq!(d.get("P"), Some(&Value::Ref(3, 0)));
        assert_eq!(d.get("T"), Some(&Value::Str(b"a(b)\\c".to_vec())));
        assert_eq!(d.get("H"), Some(&Value::Str(vec![0x41, 0x40])));
        assert_eq!(d.name("K"), Some("A b"));
        let mut out = Vec::new();
        write_value(&Value::Dict(d.clone()), &mut out);
        let again = classic_pdf(
            &[
                "<</Type/Catalog/Pages 2 0 R>>",
                "<</Type/Pages/Kids[]/Count 0>>",
                std::str::from_utf8(&out).unwrap(),
            ],
            "",
        );
        assert_eq!(Pdf::parse(&again).unwrap().dict(3).unwrap(), d);
    }

    #[test]
    fn text_strings_are_ascii_or_utf16() {
        assert_eq!(
            decode_text(&match text_string("TTE Ä") {
                Value::Str(s) => s,
                _ => unreachable!(),
            }),
            "TTE Ä"
        );
        assert_eq!(text_string("TTE A"), Value::Str(b"TTE A".to_vec()));
    }

    /// A small PDF with an indirect stream length and a signature-like dictionary.
    fn small() -> Vec<u8> {
        classic_pdf(
            &[
                "<</Type/Catalog/Pages 2 0 R/AcroForm<</Fields[4 0 R]>>>>",
                "<</Type/Pages/Kids[3 0 R]/Count 1>>",
                "<</Type/Page/Parent 2 0 R/Contents 5 0 R>>",
                "<</FT/Sig/T(x)/V<</ByteRange[0 1 3 4]/Contents<00>>>>>",
                "<</Length 6 0 R>>\nstream\nabc\nendstream",
                "3",
            ],
            "",
        )
    }

    #[test]
    fn damaged_files_give_errors_not_panics() {
        let good = small();
        let pdf = Pdf::parse(&good).unwrap();
        assert_eq!(pdf.pages().unwrap(), vec![3]);
        assert_eq!(pdf.stream_data(5).unwrap(), b"abc");
        // Every truncation and every byte changed: an error or a result, never a panic.
        let walk = |bytes: &[u8]| {
            if let Ok(pdf) = Pdf::parse(bytes) {
                let _ = pdf.pages();
                let _ = pdf.stream_data(5);
                let _ = crate::sign::field::signature_fields(&pdf);
            }
            let _ = crate::sign::verify::signatures(bytes, &[]);
        };
        for n in 0..good.len() {
            walk(&good[..n]);
        }
        for i in 0..good.len() {
            for b in [b'0', b'5', b'9', b'<', b'>', b'[', b'(', b'/', b' '] {
                let mut bad = good.clone();
                bad[i] = b;
                walk(&bad);
            }
        }
    }
}
