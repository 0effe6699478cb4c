//! The console process's memory. A sync makes its strings on one thread (the page decoded
//! from the network) and SQLite's worker thread frees them; glibc's malloc gives threads
//! arenas of their own and keeps what was freed across them, which put a first sync of
//! 100,000 tickets at 190–215 MiB peak. With one arena it peaks at 120–160 MiB at the same
//! speed (glibc's per-thread caches still serve small allocations without the lock).

/// Keeps the process to one malloc arena. Call it first thing in `main`, before any thread
/// starts. Does nothing where the C library is not glibc.
pub fn one_malloc_arena() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes a malloc setting; called before other threads exist.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}
