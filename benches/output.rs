//! Measures ways of publishing a 10,000-file site, to keep the staging-and-exchange design
//! honest: `cargo bench --bench output`. Prints wall times; nothing is asserted.

use careerpress::output::{publish, Data, OutputFile};
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

const FILES: usize = 10_000;

fn site(version: usize, changed: usize) -> Vec<OutputFile> {
    (0..FILES)
        .map(|i| {
            let body = if i < changed { format!("<p>page {i} v{version}</p>") } else { format!("<p>page {i}</p>") };
            OutputFile {
                rel: format!("posts/article-{i}/index.html"),
                source: PathBuf::from("bench"),
                data: Data::Bytes(body.repeat(40).into_bytes()),
            }
        })
        .collect()
}

/// The naive way: write a fresh tree, swap it in, delete the old one.
fn naive(out: &Path, files: &[OutputFile]) {
    let fresh = out.with_extension("fresh");
    for f in files {
        let p = fresh.join(&f.rel);
        fs::create_dir_all(p.parent().unwrap()).unwrap();
        if let Data::Bytes(b) = &f.data {
            fs::write(p, b).unwrap();
        }
    }
    let old = out.with_extension("old");
    if out.exists() {
        fs::rename(out, &old).unwrap();
    }
    fs::rename(&fresh, out).unwrap();
    if old.exists() {
        fs::remove_dir_all(&old).unwrap();
    }
}

fn time(label: &str, f: impl FnOnce()) {
    let t = Instant::now();
    f();
    println!("{label:<48} {:>8.1} ms", t.elapsed().as_secs_f64() * 1e3);
}

fn main() {
    let tmp = tempfile::tempdir().unwrap();
    let a = site(0, 0);
    let b = site(1, 1);
    let c = site(2, 100);

    let naive_out = tmp.path().join("naive");
    time("naive: first build", || naive(&naive_out, &a));
    time("naive: rebuild, 1 file changed", || naive(&naive_out, &b));

    let out = tmp.path().join("public");
    time("publish: first build", || {
        publish(&out, &a).unwrap();
    });
    time("publish: rebuild, nothing changed (hard-link clone)", || {
        publish(&out, &a).unwrap();
    });
    time("publish: rebuild, 1 file changed", || {
        publish(&out, &b).unwrap();
    });
    time("publish: rebuild, 100 files changed", || {
        publish(&out, &c).unwrap();
    });
    time("publish: rebuild, nothing changed", || {
        publish(&out, &c).unwrap();
    });
}
