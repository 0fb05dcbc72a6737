//! Fuzz the whole input side: load (parse, type-check, validate) + figures + IR build.
//! Any input must give either a bundle or located problems, never a panic.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    match lkjip::check::load("fuzz.json", data) {
        Ok(loaded) => {
            let f = lkjip::figures::compute(&loaded.bundle);
            let _ = lkjip::doc::build(&loaded.bundle, &f, None);
        }
        Err(problems) => assert!(!problems.is_empty()),
    }
});
