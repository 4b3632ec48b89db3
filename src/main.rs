//! The `chaff` command: arguments in, library calls out. Everything else lives in the library.

fn main() -> std::process::ExitCode {
    chaff::cli::main()
}
