//! Just enough of PDF to read and extend a finished file: the cross-reference tables
//! (classic tables, as typst-pdf writes them, followed through `/Prev`), indirect
//! objects, and the values inside them; plus writing values back and appending an
//! incremental update (new and replaced objects, a cross-reference section, a trailer
//! pointing at the previous one). Every byte before the update stays as it was.
//!
//! It never rewrites a file in place and never reads cross-reference streams or object
//! streams (a file that uses them is reported as not one lkjip can read).

use std::collections::BTreeMap;
use std::fmt::Write as _;

/// A PDF value. Names are kept as written (without the slash, `#xx` escapes undecoded).
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A real number, as written.
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
#[derive(Debug, Clone)]
pub struct Object {
    /// The value (a stream's dictionary for a stream).
    pub value: Value,
    /// The stream's data as stored, if the object is a stream.
    pub stream: Option<Vec<u8>>,
}

/// A parsed PDF file: its bytes, where each object starts, and the newest trailer.
pub struct Pdf<'a> {
    /// The whole file.
    pub bytes: &'a [u8],
    /// Object number → (generation, byte offset), newest revision first.
    pub offsets: BTreeMap<u32, (u16, usize)>,
    /// The newest trailer dictionary.
    pub trailer: Dict,
    /// Offset of the newest cross-reference section (`startxref`).
    pub startxref: usize,
}

impl<'a> Pdf<'a> {
    /// Read the cross-reference sections of `bytes`.
    pub fn parse(bytes: &'a [u8]) -> Result<Pdf<'a>, Error> {
        if !bytes.starts_with(b"%PDF-") {
            return Err("not a PDF file (no %PDF- header)".into());
        }
        let tail_start = bytes.len().saturating_sub(1024);
        let tail = &bytes[tail_start..];
        let at = rfind(tail, b"startxref").ok_or("no startxref at the end (truncated?)")?;
        let mut p = Parser::new(bytes, tail_start + at + b"startxref".len());
        let startxref = match p.value()? {
            Value::Int(n) if n >= 0 && (n as usize) < bytes.len() => n as usize,
            _ => return Err("startxref points outside the file (truncated?)".into()),
        };
        if !bytes[tail_start + at..].windows(5).any(|w| w == b"%%EOF") {
            return Err("no %%EOF at the end (truncated?)".into());
        }
        let mut offsets = BTreeMap::new();
        let mut trailer = None;
        let mut next = Some(startxref);
        let mut seen = Vec::new();
        while let Some(at) = next {
            if seen.contains(&at) || seen.len() > 1000 {
                return Err("cross-reference sections form a loop".into());
            }
            seen.push(at);
            let (t, entries) = xref_section(bytes, at)?;
            for (num, entry) in entries {
                offsets.entry(num).or_insert(entry);
            }
            next = match t.get("Prev") {
                Some(Value::Int(n)) if *n >= 0 => Some(*n as usize),
                _ => None,
            };
            trailer.get_or_insert(t);
        }
        let trailer = trailer.ok_or("no trailer")?;
        Ok(Pdf {
            bytes,
            offsets,
            trailer,
            startxref,
        })
    }

    /// The object `num`, or an error naming it.
    pub fn object(&self, num: u32) -> Result<Object, Error> {
        let &(_, at) = self
            .offsets
            .get(&num)
            .ok_or_else(|| format!("object {num} is not in the cross-reference table"))?;
        let mut p = Parser::new(self.bytes, at);
        let bad = || format!("object {num} is not at its offset {at} (damaged or truncated)");
        match (p.value(), p.value(), p.keyword()) {
            (Ok(Value::Int(n)), Ok(Value::Int(_)), Some(b"obj")) if n == i64::from(num) => {}
            _ => return Err(bad()),
        }
        let value = p.value().map_err(|e| format!("object {num}: {e}"))?;
        let stream = if p.peek_keyword() == Some(b"stream") {
            p.keyword();
            // EOL after `stream`: CRLF or LF.
            if p.bytes.get(p.pos) == Some(&b'\r') {
                p.pos += 1;
            }
            if p.bytes.get(p.pos) == Some(&b'\n') {
                p.pos += 1;
            }
            let len = match &value {
                Value::Dict(d) => match d.get("Length") {
                    Some(Value::Int(n)) if *n >= 0 => *n as usize,
                    // The length's own object is read without its stream: a length
                    // that points at its stream cannot loop.
                    Some(Value::Ref(r, _)) => match self.value_only(*r)? {
                        Value::Int(n) if n >= 0 => n as usize,
                        _ => return Err(format!("object {num}: bad stream length")),
                    },
                    _ => return Err(format!("object {num}: stream without a length")),
                },
                _ => return Err(format!("object {num}: stream without a dictionary")),
            };
            let data = self
                .bytes
                .get(p.pos..p.pos + len)
                .ok_or_else(|| format!("object {num}: stream runs past the end (truncated?)"))?;
            Some(data.to_vec())
        } else {
            None
        };
        Ok(Object { value, stream })
    }

    /// The value of object `num`, not reading a stream after it.
    fn value_only(&self, num: u32) -> Result<Value, Error> {
        let &(_, at) = self
            .offsets
            .get(&num)
            .ok_or_else(|| format!("object {num} is not in the cross-reference table"))?;
        let mut p = Parser::new(self.bytes, at);
        match (p.value(), p.value(), p.keyword()) {
            (Ok(Value::Int(n)), Ok(Value::Int(_)), Some(b"obj")) if n == i64::from(num) => {}
            _ => {
                return Err(format!(
                    "object {num} is not at its offset {at} (damaged or truncated)"
                ));
            }
        }
        p.value().map_err(|e| format!("object {num}: {e}"))
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
            Some(Value::Int(n)) if *n > 0 => Ok(*n as u32),
            _ => Err("the trailer has no /Size".into()),
        }
    }

    /// The object numbers of the pages, in order.
    pub fn pages(&self) -> Result<Vec<u32>, Error> {
        let root = self.dict(self.root()?)?;
        let Some(Value::Ref(top, _)) = root.get("Pages") else {
            return Err("the catalog has no /Pages".into());
        };
        let mut out = Vec::new();
        self.walk_pages(*top, &mut out, 0)?;
        Ok(out)
    }

    fn walk_pages(&self, num: u32, out: &mut Vec<u32>, depth: u32) -> Result<(), Error> {
        if depth > 64 {
            return Err("the page tree is too deep".into());
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
                self.walk_pages(n, out, depth + 1)?;
            }
        }
        Ok(())
    }

    /// The decoded data of stream `num` (no filter or `/FlateDecode`).
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
        .read_to_end(&mut out)
        .map_err(|e| format!("cannot inflate a stream ({e})"))?;
    Ok(out)
}

fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// One classic cross-reference section at `at` and its trailer.
type XrefEntries = Vec<(u32, (u16, usize))>;

fn xref_section(bytes: &[u8], at: usize) -> Result<(Dict, XrefEntries), Error> {
    let mut p = Parser::new(bytes, at);
    match p.keyword() {
        Some(b"xref") => {}
        _ => {
            return Err(
                "no cross-reference table where startxref points (a cross-reference stream, or a damaged file)"
                    .into(),
            );
        }
    }
    let mut entries = Vec::new();
    loop {
        p.skip_ws();
        if p.peek_keyword() == Some(b"trailer") {
            p.keyword();
            break;
        }
        let (Ok(Value::Int(first)), Ok(Value::Int(count))) = (p.value(), p.value()) else {
            return Err("damaged cross-reference table".into());
        };
        if first < 0 || !(0..=10_000_000).contains(&count) {
            return Err("damaged cross-reference table".into());
        }
        p.skip_ws();
        for i in 0..count as usize {
            let line = bytes
                .get(p.pos..p.pos + 20)
                .ok_or("cross-reference table runs past the end (truncated?)")?;
            let text =
                std::str::from_utf8(&line[..18]).map_err(|_| "damaged cross-reference entry")?;
            let offset: usize = text[..10]
                .parse()
                .map_err(|_| "damaged cross-reference entry")?;
            let gen_: u16 = text[11..16]
                .parse()
                .map_err(|_| "damaged cross-reference entry")?;
            if &text[17..18] == "n" {
                entries.push((first as u32 + i as u32, (gen_, offset)));
            }
            p.pos += 20;
        }
    }
    match p.value()? {
        Value::Dict(d) => Ok((d, entries)),
        _ => Err("the trailer is not a dictionary".into()),
    }
}

/// A tokenizer and value parser over the file's bytes.
pub struct Parser<'a> {
    bytes: &'a [u8],
    /// Current offset.
    pub pos: usize,
}

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\n' | b'\r' | b'\t' | b'\x0c' | b'\0')
}

fn is_delim(c: u8) -> bool {
    matches!(
        c,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

impl<'a> Parser<'a> {
    /// A parser at `pos`.
    pub fn new(bytes: &'a [u8], pos: usize) -> Parser<'a> {
        Parser { bytes, pos }
    }

    fn skip_ws(&mut self) {
        while let Some(&c) = self.bytes.get(self.pos) {
            if is_ws(c) {
                self.pos += 1;
            } else if c == b'%' {
                while let Some(&c) = self.bytes.get(self.pos) {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn regular(&self, from: usize) -> usize {
        let mut end = from;
        while let Some(&c) = self.bytes.get(end) {
            if is_ws(c) || is_delim(c) {
                break;
            }
            end += 1;
        }
        end
    }

    fn peek_keyword(&mut self) -> Option<&'a [u8]> {
        self.skip_ws();
        let end = self.regular(self.pos);
        (end > self.pos).then(|| &self.bytes[self.pos..end])
    }

    fn keyword(&mut self) -> Option<&'a [u8]> {
        let k = self.peek_keyword()?;
        self.pos += k.len();
        Some(k)
    }

    /// The next value.
    pub fn value(&mut self) -> Result<Value, Error> {
        self.value_depth(0)
    }

    fn value_depth(&mut self, depth: u32) -> Result<Value, Error> {
        if depth > 100 {
            return Err("objects nested too deeply".into());
        }
        self.skip_ws();
        let c = *self
            .bytes
            .get(self.pos)
            .ok_or("unexpected end of file (truncated?)")?;
        match c {
            b'/' => {
                let end = self.regular(self.pos + 1);
                let name = String::from_utf8_lossy(&self.bytes[self.pos + 1..end]).into_owned();
                self.pos = end;
                Ok(Value::Name(name))
            }
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_ws();
                    match self.bytes.get(self.pos) {
                        Some(b']') => {
                            self.pos += 1;
                            return Ok(Value::Array(items));
                        }
                        None => return Err("unterminated array (truncated?)".into()),
                        _ => items.push(self.value_depth(depth + 1)?),
                    }
                }
            }
            b'<' if self.bytes.get(self.pos + 1) == Some(&b'<') => {
                self.pos += 2;
                let mut d = Dict::default();
                loop {
                    self.skip_ws();
                    match self.bytes.get(self.pos) {
                        Some(b'>') if self.bytes.get(self.pos + 1) == Some(&b'>') => {
                            self.pos += 2;
                            return Ok(Value::Dict(d));
                        }
                        Some(b'/') => {
                            let Value::Name(k) = self.value_depth(depth + 1)? else {
                                unreachable!()
                            };
                            let v = self.value_depth(depth + 1)?;
                            d.0.push((k, v));
                        }
                        None => return Err("unterminated dictionary (truncated?)".into()),
                        _ => return Err("dictionary key is not a name".into()),
                    }
                }
            }
            b'<' => {
                let end = self.bytes[self.pos..]
                    .iter()
                    .position(|&c| c == b'>')
                    .ok_or("unterminated hex string (truncated?)")?;
                let hex: Vec<u8> = self.bytes[self.pos + 1..self.pos + end]
                    .iter()
                    .copied()
                    .filter(|c| !is_ws(*c))
                    .collect();
                self.pos += end + 1;
                Ok(Value::Str(unhex(&hex)?))
            }
            b'(' => self.literal_string(),
            _ => {
                let end = self.regular(self.pos);
                if end == self.pos {
                    return Err(format!("unexpected character {:?}", c as char));
                }
                let tok = &self.bytes[self.pos..end];
                self.pos = end;
                match tok {
                    b"null" => return Ok(Value::Null),
                    b"true" => return Ok(Value::Bool(true)),
                    b"false" => return Ok(Value::Bool(false)),
                    _ => {}
                }
                let text = std::str::from_utf8(tok).map_err(|_| "bad token")?;
                if let Ok(n) = text.parse::<i64>() {
                    // `N G R`?
                    let save = self.pos;
                    if n >= 0 {
                        self.skip_ws();
                        let gend = self.regular(self.pos);
                        if let Some(g) = std::str::from_utf8(&self.bytes[self.pos..gend])
                            .ok()
                            .and_then(|t| t.parse::<u16>().ok())
                        {
                            self.pos = gend;
                            if self.peek_keyword() == Some(b"R") {
                                self.keyword();
                                return Ok(Value::Ref(n as u32, g));
                            }
                        }
                    }
                    self.pos = save;
                    return Ok(Value::Int(n));
                }
                if text.parse::<f64>().is_ok() {
                    return Ok(Value::Real(text.to_owned()));
                }
                Err(format!("unexpected token {text:?}"))
            }
        }
    }

    fn literal_string(&mut self) -> Result<Value, Error> {
        self.pos += 1;
        let mut out = Vec::new();
        let mut depth = 0u32;
        loop {
            let c = *self
                .bytes
                .get(self.pos)
                .ok_or("unterminated string (truncated?)")?;
            self.pos += 1;
            match c {
                b'(' => {
                    depth += 1;
                    out.push(c);
                }
                b')' if depth == 0 => return Ok(Value::Str(out)),
                b')' => {
                    depth -= 1;
                    out.push(c);
                }
                b'\\' => {
                    let e = *self
                        .bytes
                        .get(self.pos)
                        .ok_or("unterminated string (truncated?)")?;
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.bytes.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.bytes.get(self.pos) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(c),
            }
        }
    }
}

fn unhex(hex: &[u8]) -> Result<Vec<u8>, Error> {
    let digit = |c: u8| -> Result<u8, Error> {
        match c {
            b'0'..=b'9' => Ok(c - b'0'),
            b'a'..=b'f' => Ok(c - b'a' + 10),
            b'A'..=b'F' => Ok(c - b'A' + 10),
            _ => Err("bad hex string".into()),
        }
    };
    hex.chunks(2)
        .map(|p| Ok(digit(p[0])? << 4 | if p.len() > 1 { digit(p[1])? } else { 0 }))
        .collect()
}

/// Write a value as PDF syntax.
pub fn write_value(v: &Value, out: &mut Vec<u8>) {
    match v {
        Value::Null => out.extend_from_slice(b"null"),
        Value::Bool(b) => out.extend_from_slice(if *b { b"true" } else { b"false" }),
        Value::Int(n) => out.extend_from_slice(n.to_string().as_bytes()),
        Value::Real(r) => out.extend_from_slice(r.as_bytes()),
        Value::Name(n) => {
            out.push(b'/');
            out.extend_from_slice(n.as_bytes());
        }
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
                out.push(b'/');
                out.extend_from_slice(k.as_bytes());
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
    starts.sort();
    let xref_at = out.len();
    let mut x = String::from("xref\n");
    let mut i = 0;
    while i < starts.len() {
        let mut j = i;
        while j + 1 < starts.len() && starts[j + 1].0 == starts[j].0 + 1 {
            j += 1;
        }
        let _ = writeln!(x, "{} {}", starts[i].0, j - i + 1);
        for (_, at) in &starts[i..=j] {
            let _ = write!(x, "{at:010} 00000 n\r\n");
        }
        i = j + 1;
    }
    out.extend_from_slice(x.as_bytes());
    let mut trailer = Dict::default();
    trailer.set("Size", Value::Int(i64::from(size)));
    for key in ["Root", "Info", "ID"] {
        if let Some(v) = pdf.trailer.get(key) {
            trailer.set(key, v.clone());
        }
    }
    trailer.set("Prev", Value::Int(pdf.startxref as i64));
    out.extend_from_slice(b"trailer\n");
    write_value(&Value::Dict(trailer), &mut out);
    out.extend_from_slice(format!("\nstartxref\n{xref_at}\n%%EOF\n").as_bytes());
    (out, body_starts)
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
        let src =
            b"<</Type/Annot/Rect[0 1.5 -2 3]/T(a\\(b\\)\\\\c)/H<414>/P 12 0 R/N null/B true>>";
        let v = Parser::new(src, 0).value().unwrap();
        let Value::Dict(d) = &v else { panic!() };
        assert_eq!(d.get("P"), Some(&Value::Ref(12, 0)));
        assert_eq!(d.get("T"), Some(&Value::Str(b"a(b)\\c".to_vec())));
        assert_eq!(d.get("H"), Some(&Value::Str(vec![0x41, 0x40])));
        let mut out = Vec::new();
        write_value(&v, &mut out);
        assert_eq!(Parser::new(&out, 0).value().unwrap(), v);
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
