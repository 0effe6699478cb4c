//! The console process's memory. A sync makes its strings on one thread (the page decoded
//! from the network) and SQLite's worker thread frees them; glibc's malloc gives threads
//! arenas of their own and keeps what was freed across them, which raises a first sync's peak
//! memory by a third. With one arena the peak is lower at the same speed (glibc's per-thread
//! caches still serve small allocations without the lock); BENCHMARKS.md has the figures.

/// Keeps the process to one malloc arena. Call it first thing in `main`, before any thread
/// starts. Does nothing where the C library is not glibc.
pub fn one_malloc_arena() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes a malloc setting; called before other threads exist.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}
