//! Markdown rendering with shortcodes, footnotes, heading ids and link rewriting.
#![no_main]
use careerpress::markdown::{render, LinkContext, Shortcode};
use libfuzzer_sys::fuzz_target;
use std::collections::{HashMap, HashSet};

fuzz_target!(|text: &str| {
    let permalinks: HashMap<String, String> =
        [("posts/b.md", "https://x.example/posts/b/"), ("posts/chart.png", "https://x.example/posts/chart.png")]
            .into_iter()
            .map(|(k, v)| (k.to_string(), v.to_string()))
            .collect();
    let published: HashSet<String> = ["posts/b/", "posts/chart.png"].into_iter().map(String::from).collect();
    let shortcode = |sc: &Shortcode| -> Result<String, String> {
        match sc.args.get("fail") {
            Some(why) => Err(why.clone()),
            None => Ok(format!("<h{0}>{1}</h{0}>", sc.heading_level, sc.name)),
        }
    };
    let links = LinkContext {
        base_url: "https://x.example/",
        permalinks: &permalinks,
        source_dir: "posts",
        page_path: "posts/a/",
        published: &published,
        shortcodes: Some(&shortcode),
        known_shortcodes: &["box", "job_callout", "followup_calculator"],
    };
    let _ = render(text, &links);
});
