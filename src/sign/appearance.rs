//! The visible appearance of a signature: its QR, drawn as vector squares (black on
//! white) filling the field's square. No text is drawn here: the layout prints the
//! signer's jabatan, name, pangkat and NIP right around the square, and a text in the
//! appearance would need a font embedded in the update to stay PDF/A.

use qrcode::{Color, EcLevel, QrCode};

/// The content stream of a form XObject of `w` × `h` points showing the QR of `payload`
/// (one module of quiet zone inside the square; the page around it is white).
pub fn qr_stream(payload: &str, w: f64, h: f64) -> Result<Vec<u8>, String> {
    let code = QrCode::with_error_correction_level(payload.as_bytes(), EcLevel::M)
        .map_err(|e| format!("the QR cannot hold its text ({e})"))?;
    let n = code.width();
    let colors = code.to_colors();
    let quiet = 1.0;
    let side = w.min(h);
    let module = side / (n as f64 + 2.0 * quiet);
    let mut out = String::new();
    out.push_str(&format!(
        "q 1 1 1 rg 0 0 {} {} re f 0 0 0 rg\n",
        num(w),
        num(h)
    ));
    for y in 0..n {
        // Runs of dark modules on a row become one rectangle.
        let mut x = 0;
        while x < n {
            if colors[y * n + x] == Color::Dark {
                let start = x;
                while x < n && colors[y * n + x] == Color::Dark {
                    x += 1;
                }
                let px = (start as f64 + quiet) * module;
                let py = side - (y as f64 + 1.0 + quiet) * module;
                out.push_str(&format!(
                    "{} {} {} {} re\n",
                    num(px),
                    num(py),
                    num((x - start) as f64 * module),
                    num(module)
                ));
            } else {
                x += 1;
            }
        }
    }
    out.push_str("f Q\n");
    Ok(out.into_bytes())
}

fn num(x: f64) -> String {
    let s = format!("{x:.3}");
    s.trim_end_matches('0').trim_end_matches('.').to_owned()
}
