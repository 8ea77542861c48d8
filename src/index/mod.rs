//! The structural index (placeholder while the engine split lands).

#[cfg(target_arch = "x86_64")]
pub(crate) mod x86_64;
