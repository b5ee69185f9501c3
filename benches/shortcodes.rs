//! Times `markdown::render` on one article made of N shortcodes, next to one made of N plain
//! paragraphs: `cargo bench --bench shortcodes`. Filling shortcode placeholders once cost a
//! scan of the whole page per shortcode; both columns should now grow alike, linearly.
//! Prints wall times (best of three); nothing is asserted.

use careerpress::markdown::{render, LinkContext, Shortcode};
use std::collections::{HashMap, HashSet};
use std::time::Instant;

/// The allocator the binary uses (src/main.rs).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const COUNTS: [usize; 4] = [1_000, 4_000, 10_000, 20_000];

/// About the size of the default theme's job callout.
fn callout(sc: &Shortcode) -> Result<String, String> {
    let tag = sc.args.get("tag").map_or("", String::as_str);
    Ok(format!(
        "<aside class=\"job-callout\"><h2>Jobs tagged {tag}</h2><ul><li><a href=\"/jobs/a/\">Recruiter at \
         Example</a></li><li><a href=\"/jobs/b/\">Career advisor at Example</a></li></ul></aside>"
    ))
}

/// Best of three renders of `source`, in milliseconds.
fn time(source: &str) -> f64 {
    let (permalinks, published, left_out) = (HashMap::new(), HashSet::new(), HashSet::new());
    let links = LinkContext {
        base_url: "https://bench.example/",
        permalinks: &permalinks,
        source_dir: "posts",
        page_path: "posts/many/",
        published: &published,
        left_out: &left_out,
        shortcodes: Some(&callout),
        known_shortcodes: &["job_callout"],
        inline_shortcodes: &[],
        note_lookups: false,
        theme_ids: &Default::default(),
    };
    (0..3)
        .map(|_| {
            let started = Instant::now();
            let rendered = render(source, &links).expect("the article renders");
            std::hint::black_box(rendered.html.len());
            started.elapsed().as_secs_f64() * 1e3
        })
        .fold(f64::INFINITY, f64::min)
}

fn main() {
    println!("{:>8} {:>14} {:>14}", "count", "shortcodes ms", "paragraphs ms");
    for n in COUNTS {
        let shortcodes = vec!["{{< job_callout tag=\"interviewing\" limit=2 >}}"; n].join("\n\n");
        let paragraphs = vec!["A paragraph of about as many words as a shortcode line."; n].join("\n\n");
        println!("{n:>8} {:>14.1} {:>14.1}", time(&shortcodes), time(&paragraphs));
    }
}
