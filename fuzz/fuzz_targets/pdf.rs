//! Fuzz target of the PDF reader of `sign`/`verify`/`extract`: arbitrary bytes read as a
//! PDF, its pages, fields, attachment and signatures checked. Must never panic, loop or
//! take unbounded memory; a damaged file is an `Err`.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Ok(pdf) = lkjip::sign::pdf::Pdf::parse(data) {
        let _ = pdf.pages();
        let _ = lkjip::sign::field::signature_fields(&pdf);
        let _ = lkjip::sign::attachment::attached(&pdf);
    }
    let _ = lkjip::sign::verify::signatures(data, &[]);
    let _ = lkjip::sign::extract::extract(data);
});
