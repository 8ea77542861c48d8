//! aarch64: NEON is part of the architecture's baseline.

pub(crate) mod neon;
