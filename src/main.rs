//! The `lkjip` command: parse the command line and hand over to the library; its result
//! becomes the exit code here, the one place (`lkjip::failure::exit_code`).

use std::process::ExitCode;

fn main() -> ExitCode {
    lkjip::failure::exit_code(lkjip::cli::main())
}
