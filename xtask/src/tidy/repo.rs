//! The repository as the tidy tests read it: its root, its Rust files, the files git tracks.

use std::path::{Path, PathBuf};

/// The workspace root.
pub fn root() -> PathBuf {
    crate::codegen::workspace_root()
}

/// The Rust files under `dir`, outside build output and generated code.
pub fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if path.is_dir() {
            if !matches!(
                name.as_ref(),
                "target" | "node_modules" | "gen" | ".git" | "dist"
            ) {
                rust_files(&path, out);
            }
        } else if name.ends_with(".rs") && name != "build.rs" {
            out.push(path);
        }
    }
}

/// Every file git tracks (the working tree's version), as (path from the root, text);
/// binary files are left out.
pub fn tracked_texts() -> Vec<(String, String)> {
    let root = root();
    let out = std::process::Command::new("git")
        .args(["ls-files", "-z"])
        .current_dir(&root)
        .output()
        .expect("git");
    assert!(out.status.success());
    String::from_utf8(out.stdout)
        .unwrap()
        .split('\0')
        .filter(|p| !p.is_empty())
        .filter_map(|p| {
            let text = std::fs::read_to_string(root.join(p)).ok()?;
            Some((p.to_string(), text))
        })
        .collect()
}

/// `path` from the workspace root.
pub fn relative(path: &Path) -> String {
    path.strip_prefix(root()).unwrap().display().to_string()
}
