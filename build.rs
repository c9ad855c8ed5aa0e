//! `digest init` embeds the default theme and the sample site (include_dir); tell Cargo to
//! rebuild when a file is added there, not only when an existing one changes.

fn main() {
    println!("cargo:rerun-if-changed=themes/default");
    println!("cargo:rerun-if-changed=src/scaffold/sample");
}
