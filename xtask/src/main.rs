//! Project tasks that are code, not shell: `cargo xtask codegen` writes the generated
//! TypeScript; `cargo xtask bench` measures the server; the tests in this crate keep generated
//! files fresh and conventions kept.

mod bench;
mod codegen;
mod tidy;

use anyhow::{bail, Result};

const USAGE: &str = "usage: cargo xtask codegen\n       cargo xtask bench [--tickets N] [--duration SECS] [--only seed|api|sync]...";

fn main() -> Result<()> {
    let mut args = std::env::args().skip(1);
    let task = args.next().unwrap_or_default();
    match task.as_str() {
        "codegen" => {
            let path = codegen::write()?;
            println!("wrote {}", path.display());
            Ok(())
        }
        "bench" => bench::run(args.collect()),
        _ => bail!("{USAGE}"),
    }
}
