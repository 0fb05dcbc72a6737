//! A small JSON parser that keeps the position (line, column) of every value and key, so
//! that every later error can point at `file:line:col`. Numbers are kept as their source
//! text (decimals are read exactly later, never through `f64`). Strict RFC 8259: no
//! comments, no trailing commas, no duplicate keys, no control characters in strings;
//! nesting is limited so a hostile file cannot overflow the stack.

/// Maximum nesting of arrays and objects.
pub const MAX_DEPTH: usize = 64;

/// A position in the source: 1-based line and column (in characters).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Pos {
    /// Line, from 1.
    pub line: u32,
    /// Column in characters, from 1.
    pub col: u32,
}

/// A JSON value with its position.
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Where the value starts.
    pub pos: Pos,
    /// The value.
    pub value: Value,
}

/// A JSON value; numbers keep their source text.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// `null`.
    Null,
    /// `true` / `false`.
    Bool(bool),
    /// A number, as written.
    Number(String),
    /// A string.
    String(String),
    /// An array.
    Array(Vec<Node>),
    /// An object: keys with their positions, in source order.
    Object(Vec<(String, Pos, Node)>),
}

impl Value {
    /// Short description for messages ("a string", "an array" …).
    pub fn describe(&self) -> String {
        match self {
            Value::Null => "null".into(),
            Value::Bool(b) => format!("{b}"),
            Value::Number(n) => format!("the number {n}"),
            Value::String(s) => {
                let short: String = s.chars().take(40).collect();
                if short.len() < s.len() {
                    format!("the string {short:?}…")
                } else {
                    format!("the string {short:?}")
                }
            }
            Value::Array(_) => "an array".into(),
            Value::Object(_) => "an object".into(),
        }
    }
}

/// A syntax error with its position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyntaxError {
    /// Where.
    pub pos: Pos,
    /// What is wrong.
    pub message: String,
}

struct Parser<'a> {
    src: &'a [u8],
    text: &'a str,
    i: usize,
    line: u32,
    line_start: usize,
    /// Column cache: the column (in characters) at byte `col_at` of the current line, so
    /// positions on a very long line cost no more than the bytes since the last one.
    col_at: usize,
    col: u32,
}

type R<T> = Result<T, SyntaxError>;

/// Parse a whole document.
pub fn parse(text: &str) -> R<Node> {
    let mut p = Parser {
        src: text.as_bytes(),
        text,
        i: 0,
        line: 1,
        line_start: 0,
        col_at: 0,
        col: 1,
    };
    if text.starts_with('\u{feff}') {
        return Err(p.err_here(
            "the file starts with a byte-order mark (BOM); save it as UTF-8 without BOM",
        ));
    }
    p.ws()?;
    if p.i >= p.src.len() {
        return Err(p.err_here("the file is empty; expected a JSON object"));
    }
    let node = p.value(0)?;
    p.ws()?;
    if p.i < p.src.len() {
        return Err(p.err_here(&format!(
            "unexpected {} after the end of the JSON value",
            p.describe_here()
        )));
    }
    Ok(node)
}

impl Parser<'_> {
    fn pos(&mut self) -> Pos {
        if self.col_at < self.line_start || self.col_at > self.i {
            self.col_at = self.line_start;
            self.col = 1;
        }
        self.col += self.text[self.col_at..self.i].chars().count() as u32;
        self.col_at = self.i;
        Pos {
            line: self.line,
            col: self.col,
        }
    }

    fn err_here(&mut self, msg: &str) -> SyntaxError {
        SyntaxError {
            pos: self.pos(),
            message: msg.to_string(),
        }
    }

    fn describe_here(&self) -> String {
        match self.text[self.i..].chars().next() {
            None => "end of file".into(),
            Some(c) if c.is_control() => format!("control character U+{:04X}", c as u32),
            Some(c) => format!("{c:?}"),
        }
    }

    fn ws(&mut self) -> R<()> {
        while self.i < self.src.len() {
            match self.src[self.i] {
                b' ' | b'\t' | b'\r' => self.i += 1,
                b'\n' => {
                    self.i += 1;
                    self.line += 1;
                    self.line_start = self.i;
                }
                b'/' if matches!(self.src.get(self.i + 1), Some(b'/') | Some(b'*')) => {
                    return Err(self.err_here("comments are not allowed in JSON"));
                }
                _ => break,
            }
        }
        Ok(())
    }

    fn value(&mut self, depth: usize) -> R<Node> {
        if depth > MAX_DEPTH {
            return Err(self.err_here(&format!(
                "nesting deeper than {MAX_DEPTH} levels of arrays and objects"
            )));
        }
        let pos = self.pos();
        let value = match self.src.get(self.i) {
            None => return Err(self.err_here("unexpected end of file (the file is truncated?)")),
            Some(b'{') => self.object(depth)?,
            Some(b'[') => self.array(depth)?,
            Some(b'"') => Value::String(self.string()?),
            Some(b't') => self.word("true", Value::Bool(true))?,
            Some(b'f') => self.word("false", Value::Bool(false))?,
            Some(b'n') => self.word("null", Value::Null)?,
            Some(b'-' | b'0'..=b'9') => self.number()?,
            Some(b'\'') => {
                return Err(self.err_here(
                    "found ' : JSON needs double quotes \" around field names and text",
                ));
            }
            Some(c) if c.is_ascii_alphabetic() => {
                let end = self.text[self.i..]
                    .find(|c: char| !c.is_alphanumeric())
                    .map_or(self.text.len(), |e| self.i + e);
                let found: String = self.text[self.i..end].chars().take(20).collect();
                return Err(self.err_here(&format!(
                    "expected a value, found {found:?} (text must be in double quotes)"
                )));
            }
            Some(_) => {
                return Err(
                    self.err_here(&format!("expected a value, found {}", self.describe_here()))
                );
            }
        };
        Ok(Node { pos, value })
    }

    fn word(&mut self, w: &str, v: Value) -> R<Value> {
        if self.src[self.i..].starts_with(w.as_bytes()) {
            self.i += w.len();
            Ok(v)
        } else {
            let end = self.text[self.i..]
                .find(|c: char| !c.is_alphanumeric())
                .map_or(self.text.len(), |e| self.i + e);
            let found: String = self.text[self.i..end].chars().take(20).collect();
            Err(self.err_here(&format!(
                "expected a value, found {found:?} (text must be in double quotes)"
            )))
        }
    }

    fn number(&mut self) -> R<Value> {
        let start = self.i;
        let bad = |p: &mut Self| p.err_here("malformed number");
        if self.src[self.i] == b'-' {
            self.i += 1;
        }
        match self.src.get(self.i) {
            Some(b'0') => self.i += 1,
            Some(b'1'..=b'9') => {
                while matches!(self.src.get(self.i), Some(b'0'..=b'9')) {
                    self.i += 1;
                }
            }
            _ => return Err(bad(self)),
        }
        if self.src.get(self.i) == Some(&b'.') {
            self.i += 1;
            if !matches!(self.src.get(self.i), Some(b'0'..=b'9')) {
                return Err(bad(self));
            }
            while matches!(self.src.get(self.i), Some(b'0'..=b'9')) {
                self.i += 1;
            }
        }
        if matches!(self.src.get(self.i), Some(b'e' | b'E')) {
            self.i += 1;
            if matches!(self.src.get(self.i), Some(b'+' | b'-')) {
                self.i += 1;
            }
            if !matches!(self.src.get(self.i), Some(b'0'..=b'9')) {
                return Err(bad(self));
            }
            while matches!(self.src.get(self.i), Some(b'0'..=b'9')) {
                self.i += 1;
            }
        }
        if matches!(self.src.get(self.i), Some(b'.' | b',' | b'0'..=b'9'))
            && self.src.get(self.i) != Some(&b',')
        {
            return Err(self.err_here(
                "malformed number (write decimals with one point, e.g. 87.12, or as a string \"87,12\")",
            ));
        }
        Ok(Value::Number(self.text[start..self.i].to_string()))
    }

    fn string(&mut self) -> R<String> {
        let open = self.pos();
        self.i += 1; // opening quote
        let mut out = String::new();
        loop {
            let Some(&b) = self.src.get(self.i) else {
                return Err(SyntaxError {
                    pos: open,
                    message: "unterminated string (missing closing quote)".into(),
                });
            };
            match b {
                b'"' => {
                    self.i += 1;
                    return Ok(out);
                }
                b'\\' => {
                    self.i += 1;
                    let Some(&e) = self.src.get(self.i) else {
                        return Err(self.err_here("unterminated escape at end of file"));
                    };
                    self.i += 1;
                    match e {
                        b'"' => out.push('"'),
                        b'\\' => out.push('\\'),
                        b'/' => out.push('/'),
                        b'b' => out.push('\u{8}'),
                        b'f' => out.push('\u{c}'),
                        b'n' => out.push('\n'),
                        b'r' => out.push('\r'),
                        b't' => out.push('\t'),
                        b'u' => out.push(self.unicode_escape()?),
                        _ => {
                            self.i -= 2;
                            return Err(self.err_here(&format!(
                                "invalid escape \\{} in a string (write a backslash as \\\\)",
                                e as char
                            )));
                        }
                    }
                }
                0..=0x1f => {
                    return Err(self.err_here(&format!(
                        "control character U+{b:04X} inside a string (write a line break as \\n)"
                    )));
                }
                _ => {
                    let c = self.text[self.i..].chars().next().unwrap_or('\u{fffd}');
                    out.push(c);
                    self.i += c.len_utf8();
                }
            }
        }
    }

    fn hex4(&mut self) -> R<u32> {
        let h = self.src.get(self.i..self.i + 4);
        let v = h
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u32::from_str_radix(h, 16).ok());
        match v {
            Some(v) => {
                self.i += 4;
                Ok(v)
            }
            None => Err(self.err_here("invalid \\u escape (expected 4 hex digits)")),
        }
    }

    fn unicode_escape(&mut self) -> R<char> {
        let hi = self.hex4()?;
        if (0xD800..0xDC00).contains(&hi) {
            if self.src[self.i..].starts_with(b"\\u") {
                self.i += 2;
                let lo = self.hex4()?;
                if (0xDC00..0xE000).contains(&lo) {
                    let c = 0x10000 + ((hi - 0xD800) << 10) + (lo - 0xDC00);
                    return char::from_u32(c).ok_or_else(|| self.err_here("invalid \\u escape"));
                }
            }
            return Err(self.err_here("unpaired surrogate in \\u escape"));
        }
        char::from_u32(hi).ok_or_else(|| self.err_here("unpaired surrogate in \\u escape"))
    }

    fn array(&mut self, depth: usize) -> R<Value> {
        self.i += 1;
        let mut items = Vec::new();
        self.ws()?;
        if self.src.get(self.i) == Some(&b']') {
            self.i += 1;
            return Ok(Value::Array(items));
        }
        loop {
            self.ws()?;
            if self.src.get(self.i) == Some(&b']') {
                return Err(self.err_here("trailing comma before ']'"));
            }
            items.push(self.value(depth + 1)?);
            self.ws()?;
            match self.src.get(self.i) {
                Some(b',') => self.i += 1,
                Some(b']') => {
                    self.i += 1;
                    return Ok(Value::Array(items));
                }
                None => return Err(self.err_here("unexpected end of file inside an array")),
                _ => {
                    return Err(self.err_here(&format!(
                        "expected ',' or ']' in an array, found {}",
                        self.describe_here()
                    )));
                }
            }
        }
    }

    fn object(&mut self, depth: usize) -> R<Value> {
        self.i += 1;
        let mut fields: Vec<(String, Pos, Node)> = Vec::new();
        self.ws()?;
        if self.src.get(self.i) == Some(&b'}') {
            self.i += 1;
            return Ok(Value::Object(fields));
        }
        loop {
            self.ws()?;
            let kpos = self.pos();
            match self.src.get(self.i) {
                Some(b'"') => {}
                Some(b'}') => return Err(self.err_here("trailing comma before '}'")),
                Some(b'\'') => {
                    return Err(self.err_here(
                        "found ' : JSON needs double quotes \" around field names and text",
                    ));
                }
                None => return Err(self.err_here("unexpected end of file inside an object")),
                _ => {
                    return Err(self.err_here(&format!(
                        "expected a field name in double quotes, found {}",
                        self.describe_here()
                    )));
                }
            }
            let key = self.string()?;
            if fields.iter().any(|(k, _, _)| *k == key) {
                return Err(SyntaxError {
                    pos: kpos,
                    message: format!("duplicate field {key:?} in the same object"),
                });
            }
            self.ws()?;
            if self.src.get(self.i) != Some(&b':') {
                return Err(self.err_here(&format!(
                    "expected ':' after the field name {key:?}, found {}",
                    self.describe_here()
                )));
            }
            self.i += 1;
            self.ws()?;
            let v = self.value(depth + 1)?;
            fields.push((key, kpos, v));
            self.ws()?;
            match self.src.get(self.i) {
                Some(b',') => self.i += 1,
                Some(b'}') => {
                    self.i += 1;
                    return Ok(Value::Object(fields));
                }
                None => return Err(self.err_here("unexpected end of file inside an object")),
                _ => {
                    return Err(self.err_here(&format!(
                        "expected ',' or '}}' in an object, found {}",
                        self.describe_here()
                    )));
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn err(s: &str) -> (u32, u32, String) {
        let e = parse(s).unwrap_err();
        (e.pos.line, e.pos.col, e.message)
    }

    #[test]
    fn positions_of_values_and_keys() {
        let n = parse("{\n  \"a\": [1, \"x\"],\n  \"b\": null\n}").unwrap();
        let Value::Object(f) = n.value else { panic!() };
        assert_eq!(f[0].1, Pos { line: 2, col: 3 });
        assert_eq!(f[1].2.pos, Pos { line: 3, col: 8 });
    }

    #[test]
    fn numbers_keep_their_text() {
        let n = parse("[87.12, 1e400, -0]").unwrap();
        let Value::Array(a) = n.value else { panic!() };
        assert_eq!(a[0].value, Value::Number("87.12".into()));
        assert_eq!(a[1].value, Value::Number("1e400".into()));
    }

    #[test]
    fn rejects_trailing_comma_comments_bom_and_duplicates() {
        assert_eq!(err("[1,]").2, "trailing comma before ']'");
        assert_eq!(err("{\"a\":1,}").2, "trailing comma before '}'");
        assert!(err("// x\n{}").2.contains("comments"));
        assert!(err("\u{feff}{}").2.contains("byte-order mark"));
        let (l, c, m) = err("{\"a\":1,\n \"a\":2}");
        assert_eq!((l, c), (2, 2));
        assert!(m.contains("duplicate field \"a\""));
        assert!(err("").2.contains("empty"));
        assert!(err("{\"a\": 1.2.3}").2.contains("malformed number"));
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let s = "[".repeat(100_000);
        assert!(err(&s).2.contains("nesting deeper"));
    }

    #[test]
    fn positions_on_one_long_line_are_exact() {
        // Regression: columns were recounted from the line start for every value, which
        // made a bundle saved on one line quadratic to load.
        let items = vec!["\"é\""; 5000].join(",");
        let text = format!("[{items}, x]");
        let (l, c, _) = err(&text);
        assert_eq!((l, c), (1, text.chars().count() as u32 - 1));
        let n = parse(&format!("[{items}]")).unwrap();
        let Value::Array(a) = n.value else { panic!() };
        assert_eq!(
            a[4999].pos,
            Pos {
                line: 1,
                col: 2 + 4999 * 4
            }
        );
    }

    #[test]
    fn columns_count_characters_not_bytes() {
        let (l, c, _) = err("{\"é\": x}");
        assert_eq!((l, c), (1, 7));
    }
}
