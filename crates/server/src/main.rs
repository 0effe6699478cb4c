//! The `sportello-server` binary: see [`sportello_server::cli`].

fn main() -> std::process::ExitCode {
    sportello_server::cli::main()
}
