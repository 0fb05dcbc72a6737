//! The `lkjip` command: parse the command line and hand over to the library; its result
//! becomes the exit code here, the one place (`lkjip::failure::exit_code`).

use std::process::ExitCode;

/// mimalloc: typst makes and drops many small objects on two threads, which glibc's
/// allocator serves with a page fault every few (20 000 a render against 1 100); measured
/// in `bench/README.md`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    lkjip::failure::exit_code(lkjip::cli::main())
}
