//! The built-in themes (src/load/builtin.rs) and `digest init`'s sample site are embedded with
//! include_dir; tell Cargo to rebuild when a file is added there, not only when one changes.

fn main() {
    println!("cargo:rerun-if-changed=themes");
    println!("cargo:rerun-if-changed=src/editor/new_site/sample");
}
