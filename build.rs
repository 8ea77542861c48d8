//! One name for the build's shape, instead of its predicate written at each
//! use: `nhncloud_header_fast` is set unless the target is bare metal
//! (`target_os = "none"`) or `--cfg nhncloud_header_small` asks for the
//! small-code build on any target. With it, the structural index and the
//! byte-wise engine's fast paths are compiled in (see `FAST_PATHS` in
//! `src/grammar/mod.rs`).

fn main() {
    println!("cargo::rustc-check-cfg=cfg(nhncloud_header_fast)");
    println!("cargo::rerun-if-changed=build.rs");
    let bare_metal = std::env::var("CARGO_CFG_TARGET_OS").is_ok_and(|os| os == "none");
    let small = std::env::var_os("CARGO_CFG_NHNCLOUD_HEADER_SMALL").is_some();
    if !bare_metal && !small {
        println!("cargo::rustc-cfg=nhncloud_header_fast");
    }
}
