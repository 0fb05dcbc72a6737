//! The emblem (`kop.lambang`) in the studio: the upload (`POST /api/lambang`, a PNG sent as
//! base64 in JSON) is checked (a PNG that decodes, at most [`MAX_BYTES`] and
//! [`MAX_SIDE`] pixels a side) and written atomically as `lambang.png` in the bundle's
//! folder (the previous one kept as `lambang.png.bak`), and `kop.lambang` set to that
//! name; `GET /api/lambang` answers the emblem the bundle names, for the form's preview.
//!
//! It must never: write a file whose name comes from the request (the name is always
//! `lambang.png`); read an emblem outside the bundle's folder ([`safe`]: no absolute path,
//! no `..`), so a bundle PUT over HTTP cannot make the studio show another file.

use std::path::{Component, Path, PathBuf};

/// Largest emblem accepted (bytes of the PNG).
pub const MAX_BYTES: usize = 1024 * 1024;
/// Largest side accepted (pixels): a letterhead emblem is printed about 2,5 cm wide.
pub const MAX_SIDE: u32 = 4000;
/// The file name an uploaded emblem is stored under, beside the bundle.
pub const FILE: &str = "lambang.png";

/// The emblem named by `kop.lambang`, inside `dir`, or why it is refused: only a relative
/// path without `..` (the bundle's folder or below it).
pub fn safe(dir: &Path, rel: &str) -> Result<PathBuf, String> {
    let p = Path::new(rel);
    let plain = !rel.is_empty()
        && p.components()
            .all(|c| matches!(c, Component::Normal(_) | Component::CurDir));
    if plain {
        Ok(dir.join(p))
    } else {
        Err(format!(
            "in the studio the emblem must be a file in the bundle's folder (or below it), named without \"..\" or a leading \"/\"; upload it with the form (it is saved as {FILE})"
        ))
    }
}

/// Decode standard base64 (with or without padding; whitespace ignored).
pub fn base64(text: &str) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(text.len() / 4 * 3);
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in text.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            b'=' | b' ' | b'\n' | b'\r' | b'\t' => continue,
            _ => return None,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push((acc >> bits) as u8);
            acc &= (1 << bits) - 1;
        }
    }
    Some(out)
}

/// Check that `bytes` is a PNG the report can print; the message (Indonesian, for the
/// form) when not.
pub fn check_png(bytes: &[u8]) -> Result<(u32, u32), String> {
    if bytes.len() > MAX_BYTES {
        return Err(format!(
            "berkas lambang terlalu besar ({} KB); paling besar {} KB",
            bytes.len() / 1024,
            MAX_BYTES / 1024
        ));
    }
    let Some((w, h)) = crate::doc::build::png_size(bytes) else {
        return Err("lambang harus berkas PNG (simpan gambar sebagai PNG lalu unggah lagi)".into());
    };
    if w == 0 || h == 0 || w > MAX_SIDE || h > MAX_SIDE {
        return Err(format!(
            "lambang {w}×{h} piksel; paling besar {MAX_SIDE}×{MAX_SIDE}"
        ));
    }
    let limits = png::Limits {
        bytes: 4 * MAX_SIDE as usize * MAX_SIDE as usize,
    };
    let decoder = png::Decoder::new_with_limits(std::io::Cursor::new(bytes), limits);
    let decoded = decoder.read_info().and_then(|mut r| {
        let size = r.output_buffer_size().unwrap_or(0);
        let mut buf = vec![0u8; size];
        r.next_frame(&mut buf).map(|_| ())
    });
    decoded
        .map(|()| (w, h))
        .map_err(|e| format!("berkas PNG ini rusak atau tidak bisa dibaca ({e})"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_plain_relative_names_are_safe() {
        let dir = Path::new("/x/y");
        assert_eq!(safe(dir, "lambang.png").unwrap(), dir.join("lambang.png"));
        assert_eq!(safe(dir, "img/l.png").unwrap(), dir.join("img/l.png"));
        for bad in ["", "/etc/passwd", "../l.png", "img/../../l.png"] {
            assert!(safe(dir, bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn base64_decodes() {
        assert_eq!(base64("aGVsbG8=").unwrap(), b"hello");
        assert_eq!(base64("aGVsbG8").unwrap(), b"hello");
        assert!(base64("a*b").is_none());
    }

    #[test]
    fn only_a_png_that_decodes_passes() {
        let neutral = crate::doc::build::NEUTRAL_EMBLEM;
        assert!(check_png(neutral).is_ok());
        assert!(check_png(b"<svg/>").is_err());
        let mut cut = neutral.to_vec();
        cut.truncate(cut.len() / 2);
        assert!(check_png(&cut).is_err());
    }
}
