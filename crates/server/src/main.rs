//! The `sportello-server` binary: see [`sportello_server::cli`].

// Seeding and serving allocate many short-lived strings on several threads; mimalloc keeps
// that cheaper than the system allocator.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    sportello_server::cli::main()
}
