//! The `amicus` command: the allocator, then the CLI (`app::run`).
//!
//! The allocator is mimalloc, with arenas committed as they are used. Measured on 2 cores,
//! letters to N Members (whole process, peak resident memory): glibc's allocator gave 75–82 MB
//! at 1,000, 84–89 MB at 10,000 and 114 MB at 100,000, while the live heap stayed at 17 MB
//! (heaptrack) and `malloc_trim` every 64 documents did not hold it; mimalloc gave 71–79,
//! 76–90 and 87–93 MB (the README's Speed section), and 1,000 letters took 10% less time. mimalloc's default (arenas committed
//! whole on Linux) stayed flat too but at 115 MB from the first thousand.

use clap::Parser;

#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

#[cfg(target_os = "linux")]
mod allocator_options {
    unsafe extern "C" {
        fn mi_option_set_default(option: std::os::raw::c_int, value: std::os::raw::c_long);
    }

    /// `mi_option_arena_eager_commit` in mimalloc 3's `mi_option_t`.
    const ARENA_EAGER_COMMIT: std::os::raw::c_int = 4;

    /// Runs before `main`, among the program's initialisers, so before the Rust runtime's first
    /// allocation reserves an arena: set from `main`, the option came too late and changed nothing
    /// (115 MB at 1,000 letters, as the default). Priority 100 runs it before mimalloc's own
    /// initialiser (101 when built with clang), which reads the options. A default, so that
    /// `MIMALLOC_ARENA_EAGER_COMMIT` still overrides it.
    #[used]
    #[unsafe(link_section = ".init_array.00100")]
    static SET_OPTIONS: extern "C" fn() = set_options;

    extern "C" fn set_options() {
        // SAFETY: sets the default of one of mimalloc's options; no other thread exists yet.
        unsafe { mi_option_set_default(ARENA_EAGER_COMMIT, 0) }
    }
}

fn main() {
    // `amicus list | head` should stop quietly when `head` has read enough, as Unix tools do,
    // rather than panic on the closed pipe.
    #[cfg(unix)]
    // SAFETY: called before any thread starts; restores the default action for SIGPIPE.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = amicus::cli::Cli::parse();
    std::process::exit(amicus::app::run(&cli));
}
