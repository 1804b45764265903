use clap::Parser;

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
