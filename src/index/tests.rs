//! Kernel tests (next).
