use clap::Parser;

fn main() {
    let cli = amicus::cli::Cli::parse();
    std::process::exit(amicus::app::run(&cli));
}
