//! Content as other generators write it reads as careerpress content: `.markdown` files,
//! TOML front matter between `+++` lines, and Jekyll's `YYYY-MM-DD-slug` file names that
//! give the date. The real binary builds `tests/fixtures/reading-formats`.

use crate::common::{check_links, first_datetime, listed_links, read_output, TestSite};

const BASE: &str = "https://reading.example.org/";

#[test]
fn jekyll_and_hugo_posts_build_with_their_dates_and_slugs() {
    let site = TestSite::new("reading-formats");
    site.build_ok(&[]);
    let jekyll = read_output(&site.out, "posts/jekyll-post/index.html");
    assert!(jekyll.contains("<h1>A Jekyll post</h1>"), "{jekyll}");
    assert_eq!(first_datetime(&jekyll).as_deref(), Some("2019-08-19"));
    let hugo = read_output(&site.out, "posts/hugo-post/index.html");
    assert!(hugo.contains("<h1>A Hugo post</h1>"), "{hugo}");
    assert_eq!(first_datetime(&hugo).as_deref(), Some("2021-04-02T09:30:00+02:00"));
    assert!(
        hugo.contains(&format!("href=\"{BASE}posts/jekyll-post/\"")),
        "a relative link to a .markdown file: {hugo}"
    );
    let listing = listed_links(&read_output(&site.out, "posts/index.html"));
    assert_eq!(listing, [format!("{BASE}posts/hugo-post/"), format!("{BASE}posts/jekyll-post/")]);
    check_links(&site.out, BASE).assert_ok();
}

#[test]
fn a_bad_toml_front_matter_value_is_located_in_the_file() {
    let site = TestSite::new("reading-formats");
    site.write(
        "content/posts/hugo-post.md",
        "+++\ntitle = \"A Hugo post\"\ndate = 2021-04-02\nlayout = \"post\"\n+++\n",
    );
    let r = site.build(&[]);
    r.assert_clean_failure();
    let line = crate::common::assert_error_location(&r, "content/posts/hugo-post.md", Some(4));
    assert!(line.contains("layout"), "{line}");
}
