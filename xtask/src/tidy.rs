//! Conventions kept by a test rather than by memory: every Rust module opens with a `//!` doc.

#[cfg(test)]
mod tests {
    use std::path::Path;

    fn rust_files(dir: &Path, out: &mut Vec<std::path::PathBuf>) {
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

    #[test]
    fn every_module_opens_with_a_doc_comment() {
        let root = super::super::codegen::workspace_root();
        let mut files = Vec::new();
        for dir in ["crates", "src-tauri/src", "tests", "xtask/src"] {
            rust_files(&root.join(dir), &mut files);
        }
        assert!(files.len() > 10, "found too few Rust files: {files:?}");
        let missing: Vec<_> = files
            .iter()
            .filter(|f| !std::fs::read_to_string(f).unwrap().starts_with("//!"))
            .map(|f| f.strip_prefix(&root).unwrap().display().to_string())
            .collect();
        assert!(
            missing.is_empty(),
            "modules without a `//!` doc: {missing:?}"
        );
    }
}
