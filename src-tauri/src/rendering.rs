//! How WebKitGTK draws the window. It composites the page with OpenGL; where no GPU renders
//! (a virtual machine, a virtual or remote desktop such as a thin client's, or Xvfb), Mesa
//! emulates OpenGL on the CPU, and that emulation costs more than it saves: the queue scrolls
//! at nearly twice the frame rate with WebKit painting on the CPU directly (BENCHMARKS.md has
//! the figures). So on Linux without a GPU render node the console turns compositing off,
//! unless its environment already says what to do.

use std::path::Path;

/// The variable WebKitGTK reads: `1` paints without compositing.
pub const DISABLE_COMPOSITING: &str = "WEBKIT_DISABLE_COMPOSITING_MODE";

/// Whether `dri` (the system's is `/dev/dri`) holds a render node (`renderD128`, …): a GPU
/// that can render.
pub fn has_render_node(dri: &Path) -> bool {
    std::fs::read_dir(dri).is_ok_and(|entries| {
        entries
            .flatten()
            .any(|e| e.file_name().to_string_lossy().starts_with("renderD"))
    })
}

/// Whether to turn compositing off: no GPU renders, and nobody has decided already.
pub fn compositing_off(decided: bool, gpu: bool) -> bool {
    !decided && !gpu
}

/// Makes the choice for this process. Call it first thing in `main`, before any thread
/// starts (it sets an environment variable).
pub fn choose() {
    if cfg!(target_os = "linux")
        && compositing_off(
            std::env::var_os(DISABLE_COMPOSITING).is_some(),
            has_render_node(Path::new("/dev/dri")),
        )
    {
        std::env::set_var(DISABLE_COMPOSITING, "1");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_render_node_is_a_gpu_and_a_card_alone_is_not() {
        let dir = std::env::temp_dir().join(format!("sportello-dri-{}", std::process::id()));
        assert!(!has_render_node(&dir), "no directory, no GPU");
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("card0"), "").unwrap();
        assert!(
            !has_render_node(&dir),
            "a display card without a render node"
        );
        std::fs::write(dir.join("renderD128"), "").unwrap();
        assert!(has_render_node(&dir));
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn compositing_goes_off_only_without_a_gpu_and_without_a_choice() {
        assert!(compositing_off(false, false));
        assert!(!compositing_off(false, true));
        assert!(
            !compositing_off(true, false),
            "the environment's choice stands"
        );
        assert!(!compositing_off(true, true));
    }
}
