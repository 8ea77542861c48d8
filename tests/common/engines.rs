//! Every engine on one body against the byte-wise one: the check behind
//! `tests/engines.rs` and the `parse` fuzz target.

use nhncloud_header::engines::Engine;
use nhncloud_header::{ErrorKind, Mode, Options};

/// The index's kernels available here (the byte-wise engine is the
/// reference). Fails if none is: the test would hold nothing to account.
pub fn kernels() -> Vec<Engine> {
    let kernels: Vec<Engine> = Engine::ALL
        .into_iter()
        .filter(|&engine| engine != Engine::ByteWise && engine.is_available())
        .collect();
    assert!(
        kernels.contains(&Engine::Portable),
        "the portable kernel is always available where the index is compiled: {kernels:?}"
    );
    kernels
}

/// Whether the index is compiled in (not in the small-code build).
pub fn index_compiled() -> bool {
    Engine::Portable.is_available()
}

/// Errors the index leaves to the byte-wise engine inside a header it has
/// found: its rules, not JSON's.
fn is_header_rule(kind: ErrorKind) -> bool {
    matches!(
        kind,
        ErrorKind::WrongType
            | ErrorKind::MissingField
            | ErrorKind::DuplicateKey
            | ErrorKind::InvalidResultCode
    )
}

/// Every engine on one body with `options`.
pub fn check_with(body: &[u8], options: Options) -> Result<(), String> {
    let show = || String::from_utf8_lossy(body).into_owned();
    let parsed = Engine::ByteWise
        .extract(body, Mode::Parse, options)
        .unwrap();
    for mode in [Mode::Parse, Mode::Scan] {
        let expected = Engine::ByteWise.extract(body, mode, options).unwrap();
        for engine in kernels() {
            let got = engine.extract(body, mode, options).unwrap();
            if got != expected {
                return Err(format!(
                    "{} {mode:?}: {got:?}, byte-wise {expected:?}\nbody: {:?}",
                    engine.name(),
                    show()
                ));
            }
            match engine.walk(body, mode, options) {
                // A valid body is the index's, unless shorter than a block.
                None if parsed.is_ok() && body.len() >= 64 => {
                    return Err(format!(
                        "{} {mode:?} hands over a valid body: {:?}",
                        engine.name(),
                        show()
                    ));
                }
                None => {}
                Some(key) => {
                    let wrong = match &expected {
                        Ok(_) => None,
                        Err(error) if error.offset() < key => Some(*error),
                        Err(error) if mode == Mode::Parse && !is_header_rule(error.kind()) => {
                            Some(*error)
                        }
                        Err(_) => None,
                    };
                    if body.get(key) != Some(&b'"') || wrong.is_some() {
                        return Err(format!(
                            "{} {mode:?} vouches (header key at {key}) for a body the \
                             byte-wise engine rejects with {wrong:?}: {:?}",
                            engine.name(),
                            show()
                        ));
                    }
                }
            }
        }
    }
    Ok(())
}
