//! `nhncloud-header generate man|bash|zsh|fish`: the man page and the shell
//! completions, from the clap definition the tool parses its arguments
//! with, so they cannot drift from it. A hidden subcommand, not a build
//! step: an installed binary can always write its own.

use std::io::{self, Write};

use clap::{Command, Parser, ValueEnum};
use clap_complete::Shell;

/// Write the man page, or a shell's completions, on standard output.
#[derive(Parser)]
#[command(
    name = "nhncloud-header generate",
    bin_name = "nhncloud-header generate"
)]
pub struct Arguments {
    #[arg(value_enum)]
    pub what: Generated,
}

/// What `generate` writes on standard output.
#[derive(Clone, Copy, ValueEnum)]
pub enum Generated {
    /// The man page, in roff (`man -l -` shows it).
    Man,
    Bash,
    Zsh,
    Fish,
}

/// The `EXIT STATUS` of `--help` and of the man page: one text, each
/// status with its meaning.
pub const EXIT_STATUSES: [(u8, &str); 4] = [
    (0, "every input successful"),
    (
        1,
        "some header unsuccessful (isSuccessful false), or inconsistent with the service's table",
    ),
    (
        2,
        "some input malformed, unreadable or skipped as binary (or the output could not be written)",
    ),
    (
        64,
        "a usage error: an unknown flag or service, a bad value (clap's message on standard error)",
    ),
];

/// `--help`'s section after the options.
pub fn exit_status_help() -> String {
    let mut text = String::from("EXIT STATUS:\n");
    for (status, meaning) in EXIT_STATUSES {
        text += &format!("  {status:<4}{meaning}\n");
    }
    text.pop();
    text
}

pub fn write(generated: Generated, mut command: Command, out: &mut impl Write) -> io::Result<()> {
    let shell = match generated {
        Generated::Man => return write_man(command, out),
        Generated::Bash => Shell::Bash,
        Generated::Zsh => Shell::Zsh,
        Generated::Fish => Shell::Fish,
    };
    let name = command.get_name().to_string();
    clap_complete::generate(shell, &mut command, name, out);
    Ok(())
}

/// clap_mangen's sections, with `EXIT STATUS` in place of its `EXTRA`
/// (which would hold `--help`'s text of it, unformatted).
fn write_man(command: Command, out: &mut impl Write) -> io::Result<()> {
    let command = command
        .after_help(None::<&str>)
        .after_long_help(None::<&str>);
    let man = clap_mangen::Man::new(command);
    man.render_title(out)?;
    man.render_name_section(out)?;
    man.render_synopsis_section(out)?;
    man.render_description_section(out)?;
    man.render_options_section(out)?;
    out.write_all(b".SH \"EXIT STATUS\"\n")?;
    for (status, meaning) in EXIT_STATUSES {
        writeln!(out, ".TP\n{status}\n{meaning}")?;
    }
    man.render_version_section(out)
}
