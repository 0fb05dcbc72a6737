//! How a command fails, and the one mapping of a failure to its exit code (and to the
//! word `render` prints for a bundle in its progress lines and summary).
//!
//! Commands return `Result<_, Failure>`; `main` turns the result into the process exit
//! code with [`exit_code`], the only place that does. A `Failure` carries no message: by
//! the time one is returned its messages have been printed to stderr (or, for a job of a
//! batch `render`, collected to be printed with the job).
//!
//! The exit codes (the CLI contract: ARCHITECTURE.md and the README): 0 success (warnings
//! allowed), 1 [`Failure::Invalid`], 2 [`Failure::Usage`], 3 [`Failure::Io`], 4
//! [`Failure::NotAuthentic`], 5 [`Failure::SignerNotVerified`] (the signatures are intact
//! but no signer's certificate chains to a trust anchor). A command that fails in several ways (`check` or `render`
//! of several bundles) exits with the [`worst`] of them: the highest code, so a rendering
//! or I/O failure outranks an invalid bundle.

use std::process::ExitCode;

/// Why a command failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Failure {
    /// The bundle is invalid, or a file given is not what the command needs (a wrong
    /// PKCS#12 password, a PDF not made by lkjip …).
    Invalid,
    /// A usage error: the command line, or what it names, cannot be used as given.
    Usage,
    /// Rendering failed, or a file could not be read or written.
    Io,
    /// `verify` found the document not authentic.
    NotAuthentic,
    /// `verify` found the document intact, but a signer's certificate does not chain to
    /// a trust anchor (`--trust`, `LKJIP_TRUST`, the config file, the system store).
    SignerNotVerified,
}

impl Failure {
    /// The exit code of the process.
    pub fn code(self) -> u8 {
        match self {
            Failure::Invalid => 1,
            Failure::Usage => 2,
            Failure::Io => 3,
            Failure::NotAuthentic => 4,
            Failure::SignerNotVerified => 5,
        }
    }

    /// The word for a bundle that failed so, in `render`'s progress lines and summary.
    pub fn word(self) -> &'static str {
        match self {
            Failure::Invalid => "invalid",
            Failure::Usage | Failure::Io | Failure::NotAuthentic | Failure::SignerNotVerified => {
                "failed"
            }
        }
    }

    /// The worse of two failures: the one with the higher exit code (`self` when equal).
    pub fn worse(self, other: Failure) -> Failure {
        if other.code() > self.code() {
            other
        } else {
            self
        }
    }
}

/// The worst of several failures ([`Failure::worse`]); `Ok` when there is none.
pub fn worst(failures: impl IntoIterator<Item = Failure>) -> Result<(), Failure> {
    failures
        .into_iter()
        .reduce(Failure::worse)
        .map_or(Ok(()), Err)
}

/// The process exit code of a command's result: 0 for `Ok`, else [`Failure::code`].
pub fn exit_code<T>(result: Result<T, Failure>) -> ExitCode {
    match result {
        Ok(_) => ExitCode::SUCCESS,
        Err(f) => ExitCode::from(f.code()),
    }
}

/// Lower-case reason of an I/O error, for messages such as "cannot write (permission
/// denied)".
pub fn io_reason(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "file not found".into(),
        std::io::ErrorKind::PermissionDenied => "permission denied".into(),
        _ => e.to_string().to_lowercase(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ALL: [Failure; 5] = [
        Failure::Invalid,
        Failure::Usage,
        Failure::Io,
        Failure::NotAuthentic,
        Failure::SignerNotVerified,
    ];

    #[test]
    fn codes_and_words_are_the_cli_contract() {
        let mapped: Vec<(u8, &str)> = ALL.iter().map(|f| (f.code(), f.word())).collect();
        assert_eq!(
            mapped,
            [
                (1, "invalid"),
                (2, "failed"),
                (3, "failed"),
                (4, "failed"),
                (5, "failed")
            ]
        );
        assert_eq!(exit_code(Ok::<(), Failure>(())), ExitCode::SUCCESS);
        for f in ALL {
            assert_eq!(exit_code::<()>(Err(f)), ExitCode::from(f.code()));
        }
    }

    #[test]
    fn worst_is_the_highest_code_in_any_order() {
        use Failure::*;
        assert_eq!(worst([]), Ok(()));
        assert_eq!(worst([Invalid]), Err(Invalid));
        assert_eq!(worst([Invalid, Io, Invalid]), Err(Io));
        assert_eq!(worst([Io, Invalid]), Err(Io));
        assert_eq!(worst([Invalid, Invalid]), Err(Invalid));
        assert_eq!(worst([Usage, Invalid]), Err(Usage));
        assert_eq!(worst([Io, NotAuthentic, Usage]), Err(NotAuthentic));
        for a in ALL {
            for b in ALL {
                let w = a.worse(b);
                assert_eq!(w.code(), a.code().max(b.code()), "{a:?} vs {b:?}");
                assert_eq!(w, b.worse(a));
            }
        }
    }
}
