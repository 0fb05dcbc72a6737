//! Fuzz the renderers on small valid bundles: the input's bytes replace the texts of the
//! minimal fixture (so the bundle stays valid), then PDF and DOCX are rendered.
#![no_main]

use libfuzzer_sys::fuzz_target;

const BASE: &str = include_str!("../../tests/fixtures/minimal.json");

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    let escaped = serde_json_escape(text);
    let bundle = BASE
        .replace("Puji syukur.", &escaped)
        .replace("Memimpin.", &escaped)
        .replace("Kesimpulan.", &escaped);
    if let Ok(loaded) = lkjip::check::load("fuzz.json", bundle.as_bytes()) {
        let _ = lkjip::report::render(&loaded, None, "fuzz.json");
    }
});

fn serde_json_escape(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out
}
