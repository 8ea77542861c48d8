//! Prints the header of each JSON file named on the command line.
//!
//! cargo run --release --example headers -- tests/data/*.json

fn main() {
    let mut failed = false;
    for path in std::env::args().skip(1) {
        let body = match std::fs::read(&path) {
            Ok(body) => body,
            Err(error) => {
                eprintln!("{path}: {error}");
                failed = true;
                continue;
            }
        };
        match nhncloud_header::parse(&body) {
            Ok(header) => match header.result_message {
                Some(message) => println!(
                    "{path}: {} {} {message:?}",
                    header.is_successful, header.result_code
                ),
                None => println!(
                    "{path}: {} {} null",
                    header.is_successful, header.result_code
                ),
            },
            Err(error) => {
                println!("{path}: {} at byte {}", error.kind().name(), error.offset());
                failed = true;
            }
        }
    }
    std::process::exit(failed as i32);
}
