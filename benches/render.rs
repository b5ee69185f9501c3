//! Times the render step alone on the corpus `cargo bench --bench build` keeps in
//! CAREERPRESS_BENCH_SITE: load once, render seven times. Nothing is asserted. With
//! CAREERPRESS_BENCH_SERVE=1 the site is loaded as the dev server loads it, with the memos
//! it keeps between redraws, so that the renders after the first are the server's after a
//! template edit.

use careerpress::site::{render, BuildOptions, Site};
use std::time::Instant;

/// The allocator the binary uses (src/main.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let root = std::env::var_os("CAREERPRESS_BENCH_SITE").expect("set CAREERPRESS_BENCH_SITE to a corpus folder");
    let options = BuildOptions {
        root: root.into(),
        base_url: None,
        drafts: false,
        future: false,
        today: careerpress::dates::parse_date("2026-01-01").expect("a valid date"),
        preview: false,
    };
    let mut timings = Default::default();
    let site = match std::env::var_os("CAREERPRESS_BENCH_SERVE") {
        Some(_) => Site::load_reusing(&options, &mut timings, &Default::default()),
        None => Site::load(&options, &mut timings),
    }
    .expect("the corpus loads");
    let mut times = Vec::new();
    for _ in 0..7 {
        let t = Instant::now();
        let files = render(&site).expect("the corpus renders");
        times.push(t.elapsed().as_secs_f64() * 1e3);
        drop(files);
    }
    times.sort_by(f64::total_cmp);
    println!("render: median {:.1} ms, min {:.1} ms", times[3], times[0]);
}
