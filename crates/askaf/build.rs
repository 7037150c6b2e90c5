// The sample site is embedded with include_dir!, which cannot tell cargo to
// rebuild when a Markdown file changes; this does.
fn main() {
    println!("cargo:rerun-if-changed=../../content");
}
