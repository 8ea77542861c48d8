//! `--color`: whether the readable lines are coloured, and the colour of
//! each: a success, a failure on the client's side, one on the server's
//! side, and a malformed input each have their own.

use std::io::{self, IsTerminal, Write};

use clap::ValueEnum;
use nhncloud_header::{Advice, Category};

/// When to colour (the variants undocumented, so that `--help` lists them
/// on one line).
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum When {
    // When standard output is a terminal and `NO_COLOR` is unset or empty.
    Auto,
    Always,
    Never,
}

impl When {
    pub fn colours(self) -> bool {
        match self {
            When::Always => true,
            When::Never => false,
            // https://no-color.org: set and not empty.
            When::Auto => {
                io::stdout().is_terminal()
                    && std::env::var_os("NO_COLOR").is_none_or(|value| value.is_empty())
            }
        }
    }
}

/// The colour of a readable line's verdict.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Tone {
    Success,
    /// The request was at fault: fix it, authenticate, wait for a limit.
    ClientSide,
    /// The service was at fault, or nothing says whose fault it was.
    ServerSide,
    Malformed,
}

impl Tone {
    /// A header's tone, from its category in the service's table. A code
    /// of `unspecified` category (or a success code in a body that says it
    /// failed) is the client's when its advice asks the caller to change
    /// something, else the server's: nothing says the request was wrong.
    pub fn of(category: Category, advice: Advice, is_successful: bool) -> Tone {
        match category {
            Category::Success | Category::PartialSuccess if is_successful => Tone::Success,
            Category::InvalidRequest
            | Category::Unauthorized
            | Category::Forbidden
            | Category::NotFound
            | Category::Conflict
            | Category::LimitExceeded => Tone::ClientSide,
            Category::ServerError | Category::Unavailable => Tone::ServerSide,
            _ => match advice {
                Advice::FixRequest
                | Advice::Authenticate
                | Advice::GetPermission
                | Advice::CheckState => Tone::ClientSide,
                _ => Tone::ServerSide,
            },
        }
    }

    /// SGR: green, yellow, red, and bold magenta.
    const fn escape(self) -> &'static [u8] {
        match self {
            Tone::Success => b"\x1b[32m",
            Tone::ClientSide => b"\x1b[33m",
            Tone::ServerSide => b"\x1b[31m",
            Tone::Malformed => b"\x1b[1;35m",
        }
    }

    /// Starts `tone`, if colouring.
    pub fn open(out: &mut impl Write, tone: Option<Tone>) -> io::Result<()> {
        match tone {
            Some(tone) => out.write_all(tone.escape()),
            None => Ok(()),
        }
    }

    /// Ends what [`Tone::open`] started.
    pub fn close(out: &mut impl Write, tone: Option<Tone>) -> io::Result<()> {
        match tone {
            Some(_) => out.write_all(b"\x1b[0m"),
            None => Ok(()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every category, successful or not: each tone where the issue puts
    /// it, and `unspecified` by its advice.
    #[test]
    fn tones_follow_the_category_then_the_advice() {
        use Category::*;
        for category in Category::ALL {
            for is_successful in [true, false] {
                let tone = Tone::of(category, Advice::ReadMessage, is_successful);
                let want = match category {
                    Success | PartialSuccess if is_successful => Tone::Success,
                    InvalidRequest | Unauthorized | Forbidden | NotFound | Conflict
                    | LimitExceeded => Tone::ClientSide,
                    _ => Tone::ServerSide,
                };
                assert_eq!(tone, want, "{category} {is_successful}");
            }
        }
        assert_eq!(
            Tone::of(Unspecified, Advice::FixRequest, false),
            Tone::ClientSide
        );
        assert_eq!(
            Tone::of(Unspecified, Advice::ContactSupport, false),
            Tone::ServerSide
        );
        let escapes: std::collections::BTreeSet<_> = [
            Tone::Success,
            Tone::ClientSide,
            Tone::ServerSide,
            Tone::Malformed,
        ]
        .map(Tone::escape)
        .into();
        assert_eq!(escapes.len(), 4, "four distinct colours");
    }
}
