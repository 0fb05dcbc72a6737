//! RFC 3161 timestamps (PAdES B-T): asking a time-stamping authority (TSA) for a token
//! over the signature value (`sign --tsa URL`, plain HTTP POST of a
//! `application/timestamp-query`), and reading a token back in `verify` (the time, the
//! hash it stamps, the TSA's CMS signature).
//!
//! It never sends anything but the hash of the signature value, and never follows a
//! redirect; an `https://` TSA is refused (no TLS client here; the token is signed, so
//! plain HTTP loses nothing but privacy of a hash).

use std::io::{Read, Write};
use std::net::{TcpStream, ToSocketAddrs};
use std::time::Duration;

use super::algo::{Hash, oid};
use super::asn1::{octets, oid as der_oid, seq, tlv};

/// The unsigned attribute holding a signature's timestamp (id-aa-signatureTimeStampToken).
pub const TIMESTAMP_TOKEN: &str = "1.2.840.113549.1.9.16.2.14";

/// The most bytes read from a TSA.
const MAX_RESPONSE: u64 = 1024 * 1024;

/// A DER `TimeStampReq` for the hash `digest` (made with `hash`), asking for the TSA's
/// certificate in the token.
pub fn request_der(hash: Hash, digest: &[u8]) -> Vec<u8> {
    let alg = match hash {
        Hash::Sha256 => oid::SHA256,
        Hash::Sha384 => oid::SHA384,
        Hash::Sha512 => oid::SHA512,
    };
    let imprint = seq(&[&seq(&[&der_oid(alg)]), &octets(digest)]);
    // version 1, messageImprint, certReq TRUE.
    seq(&[&super::asn1::int(1), &imprint, &[0x01, 0x01, 0xff]])
}

/// The timestamp token (a DER `ContentInfo`) for `data` (the signature value), from the
/// TSA at `url`. Errors: one lower-case phrase.
pub fn token(url: &str, hash: Hash, data: &[u8]) -> Result<Vec<u8>, String> {
    token_of_digest(url, hash, &hash.digest(&[data]))
}

/// The timestamp token for the `hash` digest `digest`, from the TSA at `url`. Errors: one
/// lower-case phrase.
pub fn token_of_digest(url: &str, hash: Hash, digest: &[u8]) -> Result<Vec<u8>, String> {
    let req = request_der(hash, digest);
    let body = http_post(url, &req)?;
    let resp = children(&body).ok_or("the TSA's answer is not a timestamp response")?;
    let status = resp
        .first()
        .and_then(|s| children(s.2))
        .and_then(|s| s.first().map(|i| i.1.to_vec()))
        .ok_or("the TSA's answer is not a timestamp response")?;
    // granted (0) or grantedWithMods (1).
    if !(status == [0] || status == [1]) {
        return Err(format!(
            "the TSA refused the request (status {})",
            status.last().copied().unwrap_or(255)
        ));
    }
    let token = resp
        .get(1)
        .ok_or("the TSA's answer holds no timestamp token")?
        .2
        .to_vec();
    Ok(token)
}

/// POST `body` to an `http://host[:port]/path` URL; the response body of a 200.
fn http_post(url: &str, body: &[u8]) -> Result<Vec<u8>, String> {
    let media = ("application/timestamp-query", "application/timestamp-reply");
    http(url, Some((body, media)), "TSA")
}

/// POST an OCSP request to an `http://` responder; the response body of a 200.
pub fn ocsp_post(url: &str, body: &[u8]) -> Result<Vec<u8>, String> {
    let media = ("application/ocsp-request", "application/ocsp-response");
    http(url, Some((body, media)), "OCSP responder")
}

/// GET an `http://` URL (a CRL); the response body of a 200. `what` names the server in
/// errors.
pub fn http_get(url: &str, what: &str) -> Result<Vec<u8>, String> {
    http(url, None, what)
}

/// A POST body with its content type and the type accepted back.
type Body<'a> = (&'a [u8], (&'a str, &'a str));

fn http(url: &str, body: Option<Body>, what: &str) -> Result<Vec<u8>, String> {
    let rest = url.strip_prefix("http://").ok_or_else(|| {
        format!("the {what} URL {url} is not http:// (https is not supported; what it serves is signed, so plain HTTP is safe)")
    })?;
    let (host_port, path) = match rest.find('/') {
        Some(i) => (&rest[..i], &rest[i..]),
        None => (rest, "/"),
    };
    let addr_text = if host_port.contains(':') {
        host_port.to_string()
    } else {
        format!("{host_port}:80")
    };
    let unreachable = |e: std::io::Error| format!("cannot reach the {what} {url} ({e})");
    let addr = addr_text
        .to_socket_addrs()
        .map_err(unreachable)?
        .next()
        .ok_or_else(|| format!("cannot resolve the {what} {url}"))?;
    let mut s = TcpStream::connect_timeout(&addr, Duration::from_secs(30)).map_err(unreachable)?;
    s.set_read_timeout(Some(Duration::from_secs(60)))
        .map_err(unreachable)?;
    s.set_write_timeout(Some(Duration::from_secs(60)))
        .map_err(unreachable)?;
    let head = match body {
        Some((body, (content_type, accept))) => format!(
            "POST {path} HTTP/1.0\r\nHost: {host_port}\r\nContent-Type: {content_type}\r\nAccept: {accept}\r\nContent-Length: {}\r\nConnection: close\r\n\r\n",
            body.len()
        ),
        None => format!("GET {path} HTTP/1.0\r\nHost: {host_port}\r\nConnection: close\r\n\r\n"),
    };
    s.write_all(head.as_bytes()).map_err(unreachable)?;
    s.write_all(body.map_or(&[][..], |b| b.0))
        .map_err(unreachable)?;
    let mut resp = Vec::new();
    s.take(MAX_RESPONSE)
        .read_to_end(&mut resp)
        .map_err(unreachable)?;
    let split = resp
        .windows(4)
        .position(|w| w == b"\r\n\r\n")
        .ok_or_else(|| format!("the {what} {url} gave no HTTP answer"))?;
    let status_line = String::from_utf8_lossy(&resp[..split]);
    let status_line = status_line.lines().next().unwrap_or("");
    if status_line.split_whitespace().nth(1) != Some("200") {
        return Err(format!("the {what} {url} answered {status_line:?}"));
    }
    Ok(resp[split + 4..].to_vec())
}

/// A DER element: its tag, its content, the whole element.
pub type Element<'a> = (u8, &'a [u8], &'a [u8]);

/// The elements of a DER constructed value. `None`: not DER.
pub fn children(der: &[u8]) -> Option<Vec<Element<'_>>> {
    let (_, content, _) = element(der)?;
    let mut out = Vec::new();
    let mut rest = content;
    while !rest.is_empty() {
        let (tag, c, len) = element(rest)?;
        out.push((tag, c, &rest[..len]));
        rest = &rest[len..];
    }
    Some(out)
}

/// One DER element at the start of `der`: tag, content, total length.
fn element(der: &[u8]) -> Option<(u8, &[u8], usize)> {
    let tag = *der.first()?;
    let first = *der.get(1)?;
    let (len, head) = if first < 0x80 {
        (usize::from(first), 2)
    } else {
        let k = usize::from(first & 0x7f);
        if k == 0 || k > 4 {
            return None;
        }
        let bytes = der.get(2..2 + k)?;
        (
            bytes.iter().fold(0usize, |a, &b| a << 8 | usize::from(b)),
            2 + k,
        )
    };
    let end = head.checked_add(len)?;
    Some((tag, der.get(head..end)?, end))
}

/// What a `TSTInfo` says: the stamped hash and the time.
pub struct TstInfo {
    /// The hash algorithm of the imprint.
    pub hash: Option<Hash>,
    /// The stamped hash.
    pub imprint: Vec<u8>,
    /// The time, as the TSA wrote it (`YYYYMMDDHHMMSS[.f]Z`).
    pub gen_time: String,
}

/// Read a DER `TSTInfo`.
pub fn tst_info(der: &[u8]) -> Option<TstInfo> {
    let f = children(der)?;
    // version, policy, messageImprint, serialNumber, genTime, …
    let imprint = children(f.get(2)?.2)?;
    let alg = children(imprint.first()?.2)?;
    let alg_oid = der::asn1::ObjectIdentifier::from_bytes(alg.first()?.1).ok()?;
    let time = f.get(4)?;
    if time.0 != 0x18 {
        return None;
    }
    Some(TstInfo {
        hash: Hash::from_oid(&alg_oid.to_string()),
        imprint: imprint.get(1)?.1.to_vec(),
        gen_time: String::from_utf8_lossy(time.1).into_owned(),
    })
}

/// An unsigned attribute of a `SignerInfo` holding `token`.
pub fn unsigned_attribute(token: &[u8]) -> Vec<u8> {
    let attr = seq(&[&der_oid(TIMESTAMP_TOKEN), &tlv(0x31, token)]);
    tlv(0xa1, &attr)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_request_is_der_and_reads_back() {
        let req = request_der(Hash::Sha256, &[7; 32]);
        let f = children(&req).unwrap();
        assert_eq!(f.len(), 3);
        assert_eq!(f[0].1, [1]);
        let imprint = children(f[1].2).unwrap();
        assert_eq!(imprint[1].1, [7; 32]);
        assert!(children(&[0x30, 0x05, 1]).is_none());
        assert!(http_post("https://tsa.example/", b"").is_err());
    }
}
