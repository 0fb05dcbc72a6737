//! A small DER writer for the CMS structures lkjip makes (tag, length, content; OIDs;
//! DER order of `SET OF`). Decoding goes through the `cms` and `x509-cert` crates.

/// `tag` `length` `content`.
pub fn tlv(tag: u8, content: &[u8]) -> Vec<u8> {
    let mut out = vec![tag];
    let n = content.len();
    if n < 0x80 {
        out.push(n as u8);
    } else {
        let bytes: Vec<u8> = n
            .to_be_bytes()
            .iter()
            .copied()
            .skip_while(|&b| b == 0)
            .collect();
        out.push(0x80 | bytes.len() as u8);
        out.extend_from_slice(&bytes);
    }
    out.extend_from_slice(content);
    out
}

/// A `SEQUENCE` of already encoded parts.
pub fn seq(parts: &[&[u8]]) -> Vec<u8> {
    tlv(0x30, &parts.concat())
}

/// A `SET OF` of already encoded parts, sorted as DER wants.
pub fn set_of(mut parts: Vec<Vec<u8>>) -> Vec<u8> {
    parts.sort();
    tlv(0x31, &parts.concat())
}

/// An `OBJECT IDENTIFIER` from its dotted form.
pub fn oid(dotted: &str) -> Vec<u8> {
    let arcs: Vec<u64> = dotted
        .split('.')
        .map(|a| a.parse().expect("OID arc"))
        .collect();
    let mut body = Vec::new();
    let mut push = |mut v: u64| {
        let mut chunk = vec![(v & 0x7f) as u8];
        v >>= 7;
        while v > 0 {
            chunk.push(0x80 | (v & 0x7f) as u8);
            v >>= 7;
        }
        chunk.reverse();
        body.extend(chunk);
    };
    push(arcs[0] * 40 + arcs[1]);
    for &a in &arcs[2..] {
        push(a);
    }
    tlv(0x06, &body)
}

/// A small non-negative `INTEGER`.
pub fn int(n: u8) -> Vec<u8> {
    if n < 0x80 {
        tlv(0x02, &[n])
    } else {
        tlv(0x02, &[0, n])
    }
}

/// An `OCTET STRING`.
pub fn octets(bytes: &[u8]) -> Vec<u8> {
    tlv(0x04, bytes)
}

/// `NULL`.
pub const NULL: [u8; 2] = [0x05, 0x00];

/// OIDs used by the signature.
pub mod oids {
    /// id-signedData.
    pub const SIGNED_DATA: &str = "1.2.840.113549.1.7.2";
    /// id-data.
    pub const DATA: &str = "1.2.840.113549.1.7.1";
    /// id-sha256.
    pub const SHA256: &str = "2.16.840.1.101.3.4.2.1";
    /// rsaEncryption.
    pub const RSA: &str = "1.2.840.113549.1.1.1";
    /// sha256WithRSAEncryption.
    pub const SHA256_RSA: &str = "1.2.840.113549.1.1.11";
    /// id-contentType.
    pub const CONTENT_TYPE: &str = "1.2.840.113549.1.9.3";
    /// id-messageDigest.
    pub const MESSAGE_DIGEST: &str = "1.2.840.113549.1.9.4";
    /// id-signingTime.
    pub const SIGNING_TIME: &str = "1.2.840.113549.1.9.5";
    /// id-aa-signingCertificateV2.
    pub const SIGNING_CERTIFICATE_V2: &str = "1.2.840.113549.1.9.16.2.47";
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn oid_and_lengths() {
        assert_eq!(
            oid(oids::SHA256),
            [6, 9, 0x60, 0x86, 0x48, 1, 0x65, 3, 4, 2, 1]
        );
        assert_eq!(&tlv(4, &[0; 200])[..3], &[4, 0x81, 200]);
        assert_eq!(&tlv(4, &[0; 300])[..4], &[4, 0x82, 1, 44]);
    }
}
