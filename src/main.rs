//! The `chaff` command: arguments in, library calls out. Everything else lives in the library.

/// mimalloc instead of glibc's malloc: a page is tens of thousands of small allocations
/// (tree nodes, block texts, token lists) freed together, where glibc's malloc and free were
/// about 12% of the instructions (README "Speed"). Output does not depend on the allocator.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() -> std::process::ExitCode {
    chaff::cli::main()
}
