//! The `lkjip` command: parse the command line and hand over to the library; its result
//! becomes the exit code here, the one place (`lkjip::failure::exit_code`).

use std::process::ExitCode;

/// mimalloc 2, without transparent huge pages: 8 % faster than glibc's malloc on a render
/// (typst makes and drops many small objects on two threads); see `bench/README.md`.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> ExitCode {
    lkjip::failure::exit_code(lkjip::cli::main())
}
