//! Front matter (YAML and TOML fences) and page/section parsing: any text an author saves
//! as a content file must come back as a page or as located errors, never a panic.
#![no_main]
use careerpress::content::{parse_page, parse_section, ContentFile};
use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};

fn file(rel: &str) -> ContentFile {
    ContentFile { abs: PathBuf::from(rel), rel: rel.into(), display: Path::new("content").join(rel) }
}

fuzz_target!(|text: &str| {
    let _ = parse_page(&file("posts/a.md"), text);
    let _ = parse_page(&file("posts/bundle/index.md"), text);
    let _ = parse_section(&file("posts/_index.md"), text);
});
