//! Project tasks that are code, not shell: `cargo xtask codegen` writes the generated
//! TypeScript; the tests in this crate keep generated files fresh and conventions kept.

mod codegen;
mod tidy;

use anyhow::{bail, Result};

fn main() -> Result<()> {
    let task = std::env::args().nth(1).unwrap_or_default();
    match task.as_str() {
        "codegen" => {
            let path = codegen::write()?;
            println!("wrote {}", path.display());
            Ok(())
        }
        _ => bail!("usage: cargo xtask codegen"),
    }
}
