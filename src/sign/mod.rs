//! The electronic signature (TTE) of a finished report PDF, after typst: typst-pdf cannot
//! reserve or write a signature, so everything here works on the file it wrote, only ever
//! by appending incremental updates, never by rewriting a byte of it (the PDF/A-3b file
//! and its attached bundle stay intact).
//!
//! - `pdf`: just enough PDF to read cross-reference tables and objects and to append an
//!   update.
//! - `field`: the empty signature field on the QR square of the head's main signature
//!   block (deterministic: part of every TTE render).
//! - `attachment`: the bundle attached to the PDF.
//! - `keys`: the signer's PKCS#12 file and certificates.
//! - `asn1`: a small DER writer for the CMS structure.
//! - `cms`: the CMS SignedData of a PAdES B-B signature.
//! - `dss`: the document security store of `sign --ltv` (chain, CRLs and OCSP responses,
//!   PAdES B-LT).
//! - `doc_timestamp`: a document timestamp after the DSS (PAdES B-LTA); not used by
//!   `sign` yet (pyHanko still calls its update an illegal modification).
//! - `ocsp`: OCSP requests and responses (RFC 6960), fetched by `sign --ltv`, checked by
//!   `verify`.
//! - `appearance`: the QR and the signer's name drawn in the signed field.
//! - `signer`: the signing update (`lkjip sign`).
//! - `algo`: the hash and signature algorithms verified (RSA, ECDSA P-256/P-384).
//! - `tsa`: RFC 3161 timestamps of a signature (PAdES B-T).
//! - `trust`: trust anchors (where they come from) and the chain to one of them.
//! - `revisions`: what the revisions after a signature changed; allowed or not.
//! - `verify`: signatures and content of a signed report (`lkjip verify`).
//!
//! Never written, printed or logged anywhere: private keys and passwords.

pub mod algo;
pub mod appearance;
pub mod asn1;
pub mod attachment;
pub mod cms;
pub mod doc_timestamp;
pub mod dss;
pub mod extract;
pub mod field;
pub mod keys;
pub mod ocsp;
pub mod pdf;
pub mod revisions;
pub mod signer;
pub mod trust;
pub mod tsa;
pub mod verify;
