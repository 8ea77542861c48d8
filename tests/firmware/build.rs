//! Links the programs at flash address 0 with `firmware.x` on bare-metal
//! targets; elsewhere (a host `cargo check`) there is nothing to link.
//! Writes `corpus.rs`: every documentation body of `tests/data/`, for the
//! programs that count instructions per byte.
fn main() {
    write_corpus();
    let target = std::env::var("TARGET").unwrap_or_default();
    if target.starts_with("thumb") {
        let dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
        println!("cargo:rustc-link-arg=-T{dir}/firmware.x");
    }
    println!("cargo:rerun-if-changed=firmware.x");
}

/// `CORPUS`: the bodies of `tests/data/*.json`, in name order, in flash.
fn write_corpus() {
    let dir = std::env::var("CARGO_MANIFEST_DIR").unwrap_or_default();
    let data = std::path::Path::new(&dir).join("../data");
    let mut bodies: Vec<_> = std::fs::read_dir(&data)
        .map(|entries| entries.filter_map(Result::ok).map(|entry| entry.path()).collect())
        .unwrap_or_default();
    bodies.retain(|path| path.extension().is_some_and(|e| e == "json"));
    bodies.sort();
    let mut source = format!("pub static CORPUS: [&[u8]; {}] = [\n", bodies.len());
    for body in &bodies {
        source += &format!("    include_bytes!({:?}),\n", body.display().to_string());
    }
    source += "];\n";
    let out = std::env::var("OUT_DIR").unwrap_or_default();
    std::fs::write(std::path::Path::new(&out).join("corpus.rs"), source).unwrap_or_default();
    println!("cargo:rerun-if-changed=../data");
}
