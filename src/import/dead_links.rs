//! Relative links the new site cannot follow. careerpress's build stops at a relative
//! link that names no file, where the old generator published it as written and a
//! browser followed it to nothing (the Zola docs' theme pages hold 139 of them), so an
//! imported site with one would not build until each was fixed by hand. Each is written
//! instead as the site path a browser read it as on the old site: the build takes it as it
//! is, and `careerpress check` lists it while it leads nowhere.

use super::relink;
use crate::content::{enclosing_bundle, section_path, CONTENT_DIR};
use crate::markdown::LinkContext;
use std::cell::RefCell;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::PathBuf;

/// What the imported site will publish, as the build's relative links look it up.
pub struct NewSite {
    /// Each file the import writes into `content/` by its path there, to its URL path.
    files: HashMap<String, String>,
    /// Each URL path (no leading `/`) of a page, a section or a copied file.
    published: HashSet<String>,
}

impl NewSite {
    /// `pages` by their path in `content/` with their new URL (`/posts/a/`), sections'
    /// files by their path in `content/`, and the files copied (to their path under the
    /// site's root: `content/…` or `static/…`).
    pub fn new(pages: &[(String, String)], sections: &[String], copies: &[(PathBuf, PathBuf)]) -> NewSite {
        let mut files = HashMap::new();
        let mut published = HashSet::new();
        let mut publish = |file: Option<String>, url: String| {
            files.extend(file.map(|f| (f, url.clone())));
            published.insert(url);
        };
        let folder = |path: &str| path.rsplit_once('/').map_or("", |(dir, _)| dir).to_string();
        for (path, url) in pages {
            publish(Some(path.clone()), url.trim_start_matches('/').to_string());
        }
        // Every folder holding pages is a section, with or without its `_index.md`.
        let folders = pages.iter().map(|(p, _)| p).chain(sections).flat_map(|p| ancestors(folder(p)));
        for key in folders.collect::<BTreeSet<_>>() {
            publish(None, section_path(&key));
        }
        for path in sections {
            publish(Some(path.clone()), section_path(&folder(path)));
        }
        let bundles: HashMap<String, &str> = pages
            .iter()
            .filter_map(|(p, url)| Some((p.strip_suffix("/index.md")?.to_string(), url.trim_start_matches('/'))))
            .collect();
        let bundle_folders: BTreeSet<String> = bundles.keys().cloned().collect();
        for (_, dest) in copies {
            let rel = super::slashed(dest);
            if let Some(inside) = rel.strip_prefix(&format!("{CONTENT_DIR}/")) {
                let (dir, name) = inside.rsplit_once('/').unwrap_or(("", inside));
                let url = match enclosing_bundle(dir, &bundle_folders) {
                    Some(bundle) => {
                        let below = dir[bundle.len()..].trim_start_matches('/');
                        format!("{}{below}{}{name}", bundles[bundle], if below.is_empty() { "" } else { "/" })
                    }
                    None => format!("{}{name}", section_path(dir)),
                };
                publish(Some(inside.to_string()), url);
            } else if let Some(path) = rel.strip_prefix("static/") {
                // A folder whose `index.html` is copied is served that file at its URL.
                if let Some(dir) = path.strip_suffix("index.html").filter(|d| d.is_empty() || d.ends_with('/')) {
                    publish(None, dir.to_string());
                }
                publish(None, path.to_string());
            }
        }
        NewSite { files, published }
    }

    /// Rewrites, in `text` (the body of the file at `dest` in `content/`, published at
    /// `page_url`), each relative link the build would refuse to the site path a browser
    /// read it as on the page at `old_url` under the old base path `base_path`; the
    /// report's note when any was.
    pub fn fix(&self, text: &mut String, dest: &str, page_url: &str, old_url: &str, base_path: &str) -> Option<String> {
        let none = HashSet::new();
        let links = LinkContext {
            base_url: "/",
            permalinks: &self.files,
            source_dir: dest.rsplit_once('/').map_or("", |(dir, _)| dir),
            page_path: page_url.trim_start_matches('/'),
            published: &self.published,
            left_out: &none,
            shortcodes: None,
            known_shortcodes: &[],
            inline_shortcodes: &[],
            note_lookups: false,
            theme_ids: &none,
        };
        let first = RefCell::new(None);
        let dead = |written: &str| {
            // Template text in a destination is the build's to read, not a path.
            if written.starts_with(['{', '<']) || crate::markdown::relative_link_found(written, &links) != Some(false) {
                return None;
            }
            let new = relink::as_browser_read(written, old_url, base_path);
            first.borrow_mut().get_or_insert_with(|| (written.to_string(), new.clone()));
            Some(new)
        };
        let (rewritten, count) = relink::rewrite(text, &dead, &|_| None);
        let (written, new) = first.into_inner().filter(|_| count > 0)?;
        *text = rewritten;
        let (s, them, more) = if count == 1 { ("", "it", "") } else { ("s", "them", ", …") };
        Some(format!(
            "{count} relative link{s} naming nothing on the new site ({written} → {new}{more}) → the site path{s} a \
             browser read {them} as on the old site, which the build takes as written; `careerpress check` lists \
             any that lead nowhere"
        ))
    }
}

/// `folder` and each folder above it, the top (`""`) last.
fn ancestors(folder: String) -> Vec<String> {
    let mut all = vec![folder];
    while let Some((parent, _)) = all.last().and_then(|f| f.rsplit_once('/')) {
        all.push(parent.to_string());
    }
    if all.last().is_some_and(|f| !f.is_empty()) {
        all.push(String::new());
    }
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A bundle `themes/night/` with its image, a page `posts/a.md` published at
    /// `/posts/renamed/`, a section's introduction, and `static/docs/index.html`.
    fn site() -> NewSite {
        let pages = [
            ("themes/night/index.md".to_string(), "/themes/night/".to_string()),
            ("posts/a.md".to_string(), "/posts/renamed/".to_string()),
        ];
        let copies = [
            (PathBuf::from("old/shot.png"), PathBuf::from("content/themes/night/img/shot.png")),
            (PathBuf::from("old/logo.png"), PathBuf::from("content/posts/logo.png")),
            (PathBuf::from("old/docs.html"), PathBuf::from("static/docs/index.html")),
        ];
        NewSite::new(&pages, &["guides/_index.md".to_string()], &copies)
    }

    fn fixed(text: &str, dest: &str, page_url: &str) -> (String, Option<String>) {
        let mut text = text.to_string();
        let note = site().fix(&mut text, dest, page_url, "/old/place/", "");
        (text, note)
    }

    #[test]
    fn links_the_build_follows_stay_as_written() {
        let from_bundle = "![](img/shot.png) [up](../) [home](../../) [a](../../posts/a.md) [r](../../posts/renamed/)";
        assert_eq!(fixed(from_bundle, "themes/night/index.md", "/themes/night/"), (from_bundle.to_string(), None));
        let from_page = "![](logo.png) [g](../../guides/) [d](../../docs/) [n](../../themes/night/img/shot.png)";
        assert_eq!(fixed(from_page, "posts/a.md", "/posts/renamed/"), (from_page.to_string(), None));
        let other = "[x](@/nowhere.md) [s](/nowhere/) [w](https://example.org/x) [f](#top) [t]({{ x }})";
        assert_eq!(fixed(other, "posts/a.md", "/posts/renamed/"), (other.to_string(), None));
    }

    #[test]
    fn links_the_build_would_refuse_become_the_old_sites_site_paths() {
        let text = "[l](LICENSE) and ![](img/none.png \"t\")\n\n[r]: ../gone.md#x\n\nsee [r] and `[c](code.md)`\n";
        let (text, note) = fixed(text, "themes/night/index.md", "/themes/night/");
        assert_eq!(
            text,
            "[l](/old/place/LICENSE) and ![](/old/place/img/none.png \"t\")\n\n[r]: /old/gone.md#x\n\nsee [r] and `[c](code.md)`\n"
        );
        let note = note.expect("a note");
        assert!(
            note.starts_with("3 relative links naming nothing on the new site (LICENSE → /old/place/LICENSE, …)"),
            "{note}"
        );
        // From the source's folder `../logo.png` names nothing; from the page's URL, as
        // the build reads it next, it is the file copied beside the page.
        let (text, note) = fixed("[x](../logo.png)", "posts/a.md", "/posts/renamed/");
        assert_eq!((text.as_str(), note.is_some()), ("[x](../logo.png)", false));
    }
}
