//! Links the programs at flash address 0 with `firmware.x` on bare-metal
//! targets; elsewhere (a host `cargo check`) there is nothing to link.
fn main() {
    let target = std::env::var("TARGET").unwrap_or_default();
    if target.starts_with("thumb") {
        let dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
        println!("cargo:rustc-link-arg=-T{dir}/firmware.x");
    }
    println!("cargo:rerun-if-changed=firmware.x");
}
