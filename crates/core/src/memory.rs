//! The console process's memory: which allocator serves it. A first sync makes its strings on
//! one thread (the page decoded from the network) and frees them on SQLite's worker thread,
//! which also allocates for its page cache, statements and the search index's buffers. With
//! glibc's malloc the two threads took turns at one arena's lock (a fifth of a first sync's
//! time went to malloc, free and their futex waits); with an arena each, glibc kept what one
//! thread freed of the other's, a third more memory. So the console's binaries make mimalloc
//! their Rust allocator ([`MiMalloc`], declared in each `main.rs`), and [`setup`] gives SQLite
//! the same and tells mimalloc to return freed memory to the system after 100 ms rather than
//! its default second, which keeps a first sync's peak well under its 200 MB (BENCHMARKS.md).
//! glibc still serves the C libraries of the window (GTK, WebKit's process): one arena.

pub use mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (its enum's 16th member; the Rust bindings do not name
/// it): how long freed memory is kept before it goes back to the system, in ms.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;
/// Freed memory is returned to the system after this many milliseconds (mimalloc's default is
/// 1000): 10 costs a first sync a fifth more time, 1000 a quarter more memory.
const PURGE_DELAY_MS: std::ffi::c_long = 100;

/// Sets the process's allocators up: call it first thing in `main`, before any thread starts
/// and before SQLite is used.
pub fn setup() {
    one_malloc_arena();
    no_huge_pages();
    // SAFETY: sets one of mimalloc's options.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS) };
    sqlite_on_mimalloc();
}

/// Asks the kernel for no transparent huge pages in this process. mimalloc asks for them by
/// default, and with memory going back to the system after [`PURGE_DELAY_MS`] each new
/// allocation then faulted in (and zeroed) 2 MiB at a time: a first sync peaked a quarter
/// higher at no gain in speed.
fn no_huge_pages() {
    #[cfg(target_os = "linux")]
    // SAFETY: prctl with integer arguments changes a flag of this process only.
    unsafe {
        libc::prctl(libc::PR_SET_THP_DISABLE, 1, 0, 0, 0);
    }
}

/// Keeps glibc's malloc to one arena. Does nothing where the C library is not glibc.
fn one_malloc_arena() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only changes a malloc setting; called before other threads exist.
    unsafe {
        libc::mallopt(libc::M_ARENA_MAX, 1);
    }
}

/// SQLite's own allocations made by mimalloc (SQLite copies the methods it is given; it must
/// not be initialised yet, else it keeps its allocator and says so).
fn sqlite_on_mimalloc() {
    use libmimalloc_sys as mi;
    use std::ffi::{c_int, c_void};
    // SQLite never asks for a negative size; its sizes fit an int (it caps them below 2 GiB).
    unsafe extern "C" fn x_malloc(n: c_int) -> *mut c_void {
        // SAFETY: mimalloc's malloc.
        unsafe { mi::mi_malloc(n.max(0) as usize) }
    }
    unsafe extern "C" fn x_free(p: *mut c_void) {
        // SAFETY: `p` came from `x_malloc` or `x_realloc`.
        unsafe { mi::mi_free(p) }
    }
    unsafe extern "C" fn x_realloc(p: *mut c_void, n: c_int) -> *mut c_void {
        // SAFETY: as for `x_free`.
        unsafe { mi::mi_realloc(p, n.max(0) as usize) }
    }
    unsafe extern "C" fn x_size(p: *mut c_void) -> c_int {
        // SAFETY: as for `x_free`.
        unsafe { mi::mi_usable_size(p).min(c_int::MAX as usize) as c_int }
    }
    unsafe extern "C" fn x_roundup(n: c_int) -> c_int {
        // SAFETY: a function of the size alone.
        unsafe { mi::mi_good_size(n.max(0) as usize).min(c_int::MAX as usize) as c_int }
    }
    unsafe extern "C" fn x_init(_: *mut c_void) -> c_int {
        libsqlite3_sys::SQLITE_OK
    }
    unsafe extern "C" fn x_shutdown(_: *mut c_void) {}
    let methods = libsqlite3_sys::sqlite3_mem_methods {
        xMalloc: Some(x_malloc),
        xFree: Some(x_free),
        xRealloc: Some(x_realloc),
        xSize: Some(x_size),
        xRoundup: Some(x_roundup),
        xInit: Some(x_init),
        xShutdown: Some(x_shutdown),
        pAppData: std::ptr::null_mut(),
    };
    // SAFETY: SQLite copies the methods before this returns.
    let rc = unsafe {
        libsqlite3_sys::sqlite3_config(
            libsqlite3_sys::SQLITE_CONFIG_MALLOC,
            &methods as *const libsqlite3_sys::sqlite3_mem_methods,
        )
    };
    if rc != libsqlite3_sys::SQLITE_OK {
        tracing::warn!(rc, "SQLite was already in use: it keeps its own allocator");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_option_set_is_mimallocs_purge_delay() {
        // The bindings do not name it: its number must still be the option whose default is
        // a second (mimalloc 3's purge delay), and setting it must take.
        // SAFETY: reads and sets mimalloc's options.
        unsafe {
            assert_eq!(libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY), 1000);
            libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, PURGE_DELAY_MS);
            assert_eq!(
                libmimalloc_sys::mi_option_get(MI_OPTION_PURGE_DELAY),
                PURGE_DELAY_MS
            );
        }
    }
}
