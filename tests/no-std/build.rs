//! A `no_std` binary on a hosted target links against the C library for its
//! start-up code only; nothing of Rust's std comes with it.
fn main() {
    println!("cargo:rustc-link-arg-bins=-lc");
}
