//! Layers, checked: dependencies point one way (ui → src-tauri → core → protocol ← server).
//! Between crates: the protocol depends on no runtime, the server never on the console core,
//! the core never on Tauri. Within a crate: every top-level module sits in a layer, and no
//! module names (`crate::name`) a module of a higher layer; with no cycle inside a layer
//! either, the modules import each other in no circle.

use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

use super::repo::root;

/// The console core's modules, lowest first (the same as `crates/core/src/lib.rs` and
/// ARCHITECTURE.md describe).
const CORE: &[&[&str]] = &[
    &["types", "memory"],
    &["vault", "secrets", "client", "cache"],
    &["search", "stream"],
    &["tickets"],
    &["queue", "reads", "audit", "outbox", "apply"],
    &["cases", "sync", "replay", "due", "flags"],
    &["console", "inspect"],
];

/// The server's modules, lowest first.
const SERVER: &[&[&str]] = &[
    &[
        "text",
        "mask",
        "expiry",
        "files",
        "credentials",
        "callback",
        "password",
        "secrets",
        "signin",
        "i18n",
        "topics",
    ],
    &["store"],
    &["service", "mail", "seed", "sweeper"],
    &["error", "extract", "api", "web", "tls"],
    &["cli"],
];

/// Crates and what runs them: none of these may reach the wire types.
const RUNTIMES: &[&str] = &[
    "tokio",
    "async-std",
    "mio",
    "hyper",
    "axum",
    "tower",
    "reqwest",
    "sqlx",
    "tauri",
];

/// A crate's top-level modules (`name.rs` or `name/`), each with every module it names.
fn names(src: &Path) -> BTreeMap<String, BTreeSet<String>> {
    let mut files: BTreeMap<String, Vec<std::path::PathBuf>> = BTreeMap::new();
    for entry in std::fs::read_dir(src).unwrap().flatten() {
        let path = entry.path();
        let name = entry.file_name().to_string_lossy().to_string();
        if matches!(name.as_str(), "lib.rs" | "main.rs" | "bin") {
            continue;
        }
        if let Some(module) = name.strip_suffix(".rs") {
            files.insert(module.to_string(), vec![path]);
        } else if path.is_dir() {
            let mut all = Vec::new();
            super::repo::rust_files(&path, &mut all);
            files.insert(name, all);
        }
    }
    let modules: BTreeSet<String> = files.keys().cloned().collect();
    files
        .into_iter()
        .map(|(module, paths)| {
            let mut named = BTreeSet::new();
            for path in paths {
                let text = std::fs::read_to_string(&path).unwrap();
                for name in crate_paths(&text) {
                    if modules.contains(&name) && name != module {
                        named.insert(name);
                    }
                }
            }
            (module, named)
        })
        .collect()
}

/// The first segment of every `crate::…` path in `text`, grouped imports
/// (`crate::{a, b::c}`) included.
fn crate_paths(text: &str) -> Vec<String> {
    let ident = |s: &str| -> String {
        s.trim()
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
            .collect()
    };
    let mut out = Vec::new();
    for (at, _) in text.match_indices("crate::") {
        let before = text[..at].chars().next_back();
        if before.is_some_and(|c| c.is_ascii_alphanumeric() || c == '_') {
            continue; // `sportello_crate::…` and the like
        }
        let rest = &text[at + "crate::".len()..];
        if let Some(group) = rest.strip_prefix('{') {
            let end = group.find('}').unwrap_or(group.len());
            out.extend(group[..end].split(',').map(ident));
        } else {
            out.push(ident(rest));
        }
    }
    out.retain(|name| !name.is_empty());
    out
}

/// Every module named in no layer, every layer's module that does not exist, and every
/// reference to a module of a higher layer or, within a layer, in a circle.
fn check(crate_dir: &str, layers: &[&[&str]]) -> Vec<String> {
    let graph = names(&root().join(crate_dir).join("src"));
    let layer_of = |m: &str| layers.iter().position(|l| l.contains(&m));
    let mut problems = Vec::new();
    for module in graph.keys() {
        if layer_of(module).is_none() {
            problems.push(format!("{crate_dir}: module `{module}` is in no layer"));
        }
    }
    for module in layers.iter().flat_map(|l| l.iter()) {
        if !graph.contains_key(*module) {
            problems.push(format!(
                "{crate_dir}: the layers list `{module}`, which is gone"
            ));
        }
    }
    for (module, named) in &graph {
        let Some(mine) = layer_of(module) else {
            continue;
        };
        for other in named {
            if layer_of(other).is_some_and(|theirs| theirs > mine) {
                problems.push(format!(
                    "{crate_dir}: `{module}` names `{other}`, a higher layer"
                ));
            }
        }
    }
    // Within a layer, a circle: depth-first from each module along same-layer names.
    for module in graph.keys() {
        let mut stack = vec![(module.clone(), vec![module.clone()])];
        while let Some((at, path)) = stack.pop() {
            for next in &graph[&at] {
                if layer_of(next) != layer_of(module) {
                    continue;
                }
                if next == module {
                    problems.push(format!(
                        "{crate_dir}: a circle: {} → {module}",
                        path.join(" → ")
                    ));
                } else if !path.contains(next) {
                    let mut longer = path.clone();
                    longer.push(next.clone());
                    stack.push((next.clone(), longer));
                }
            }
        }
    }
    problems.sort();
    problems.dedup();
    problems
}

#[test]
fn no_module_names_a_higher_layer() {
    let mut problems = check("crates/core", CORE);
    problems.extend(check("crates/server", SERVER));
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn the_layer_check_finds_what_it_looks_for() {
    assert_eq!(
        crate_paths("use crate::cache::{a, b};\nuse crate::{queue::Q, types};\nsportello_crate::x"),
        ["cache", "queue", "types"]
    );
}

/// The workspace's resolved dependencies: for each workspace crate, every crate it builds
/// with (normal dependencies, transitively), and its direct dependencies of any kind.
fn dependencies() -> BTreeMap<String, (BTreeSet<String>, BTreeSet<String>)> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = std::process::Command::new(cargo)
        .args(["metadata", "--format-version", "1"])
        .current_dir(root())
        .output()
        .expect("cargo metadata");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let meta: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let name_of: BTreeMap<&str, &str> = meta["packages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["id"].as_str().unwrap(), p["name"].as_str().unwrap()))
        .collect();
    let nodes: BTreeMap<&str, &serde_json::Value> = meta["resolve"]["nodes"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| (n["id"].as_str().unwrap(), n))
        .collect();
    let normal = |dep: &serde_json::Value| {
        dep["dep_kinds"]
            .as_array()
            .unwrap()
            .iter()
            .any(|k| k["kind"].is_null())
    };
    meta["workspace_members"]
        .as_array()
        .unwrap()
        .iter()
        .map(|id| {
            let id = id.as_str().unwrap();
            let direct: BTreeSet<String> = nodes[id]["deps"]
                .as_array()
                .unwrap()
                .iter()
                .map(|d| name_of[d["pkg"].as_str().unwrap()].to_string())
                .collect();
            let mut built = BTreeSet::new();
            let mut todo = vec![id];
            while let Some(at) = todo.pop() {
                for dep in nodes[at]["deps"].as_array().unwrap() {
                    let pkg = dep["pkg"].as_str().unwrap();
                    if normal(dep) && built.insert(name_of[pkg].to_string()) {
                        todo.push(pkg);
                    }
                }
            }
            (name_of[id].to_string(), (built, direct))
        })
        .collect()
}

#[test]
fn crates_depend_one_way() {
    let deps = dependencies();
    let (protocol, _) = &deps["sportello-protocol"];
    let runtimes: Vec<&String> = protocol
        .iter()
        .filter(|d| RUNTIMES.contains(&d.as_str()) || d.starts_with("sportello-"))
        .collect();
    assert!(
        runtimes.is_empty(),
        "the wire types must build without a runtime or another crate of ours: {runtimes:?}"
    );
    let (_, server) = &deps["sportello-server"];
    assert!(
        !server.contains("sportello-core"),
        "the server never depends on the console core, not even in its tests"
    );
    let (core, _) = &deps["sportello-core"];
    let tauri: Vec<&String> = core.iter().filter(|d| d.starts_with("tauri")).collect();
    assert!(tauri.is_empty(), "the core is Tauri-free: {tauri:?}");
    let (shell, _) = &deps["sportello-console"];
    assert!(shell.contains("sportello-core") && shell.contains("tauri"));
}
