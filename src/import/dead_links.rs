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

/// One page the import writes.
pub struct NewPage {
    /// Its path in `content/`.
    pub path: String,
    /// Its new URL (`/posts/a/`).
    pub url: String,
    /// Whether the first build leaves it out (a draft, or scheduled).
    pub left_out: bool,
}

/// What the imported site will publish, as the build's relative links look it up.
pub struct NewSite {
    /// Each file the import writes into `content/` by its path there, to its URL path.
    files: HashMap<String, String>,
    /// Each URL path (no leading `/`) of a page, a section or a copied file.
    published: HashSet<String>,
    /// The pages the first build leaves out, by their path in `content/`, to their URL.
    left_out: HashMap<String, String>,
    /// Their paths, as the build's links are told them.
    left_out_files: HashSet<String>,
}

impl NewSite {
    /// Its `pages`, sections' files by their path in `content/`, and the files copied
    /// (to their path under the site's root: `content/…` or `static/…`).
    pub fn new(pages: &[NewPage], sections: &[String], copies: &[(PathBuf, PathBuf)]) -> NewSite {
        let mut files = HashMap::new();
        let mut published = HashSet::new();
        let mut publish = |file: Option<String>, url: String| {
            files.extend(file.map(|f| (f, url.clone())));
            published.insert(url);
        };
        let folder = |path: &str| path.rsplit_once('/').map_or("", |(dir, _)| dir).to_string();
        let (out, kept): (Vec<&NewPage>, Vec<&NewPage>) = pages.iter().partition(|p| p.left_out);
        for page in &kept {
            publish(Some(page.path.clone()), page.url.trim_start_matches('/').to_string());
        }
        // Every folder holding pages is a section, with or without its `_index.md`.
        let folders = kept.iter().map(|p| &p.path).chain(sections).flat_map(|p| ancestors(folder(p)));
        for key in folders.collect::<BTreeSet<_>>() {
            publish(None, section_path(&key));
        }
        for path in sections {
            publish(Some(path.clone()), section_path(&folder(path)));
        }
        let bundles: HashMap<String, &str> = kept
            .iter()
            .filter_map(|p| Some((p.path.strip_suffix("/index.md")?.to_string(), p.url.trim_start_matches('/'))))
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
        let left_out: HashMap<String, String> = out.iter().map(|p| (p.path.clone(), p.url.clone())).collect();
        let left_out_files = left_out.keys().cloned().collect();
        NewSite { files, published, left_out, left_out_files }
    }

    /// Rewrites, in `text` (the body of the file at `dest` in `content/`, published at
    /// `page_url`), each link the build would refuse: one to a page it leaves out (a
    /// draft, for which the old site published nothing either) to that page's site path,
    /// which reaches it once it is published; a relative one that names nothing to the
    /// site path a browser read it as on the page at `old_url` under the old base path
    /// `base_path`. One that holds a template call careerpress cannot run (a shortcode of
    /// the old site's, `<{{% eturl rss %}}>`) goes to `#`, the call kept as its title. The
    /// report's notes.
    pub fn fix(&self, text: &mut String, dest: &str, page_url: &str, old_url: &str, base_path: &str) -> Vec<String> {
        let none = HashSet::new();
        let source_dir = dest.rsplit_once('/').map_or("", |(dir, _)| dir);
        let links = LinkContext {
            base_url: "/",
            permalinks: &self.files,
            source_dir,
            page_path: page_url.trim_start_matches('/'),
            published: &self.published,
            left_out: &self.left_out_files,
            shortcodes: None,
            known_shortcodes: &[],
            inline_shortcodes: &[],
            note_lookups: false,
            theme_ids: &none,
        };
        let mut notes: Vec<String> = template_targets(text, &links).into_iter().collect();
        let first = RefCell::new(None);
        let dead = |written: &str| {
            if written.starts_with('<') {
                return None;
            }
            let new = match self.left_out_page(written, source_dir) {
                Some(url) => url,
                None if crate::markdown::relative_link_found(written, &links) == Some(false) => {
                    relink::as_browser_read(written, old_url, base_path)
                }
                None => return None,
            };
            first.borrow_mut().get_or_insert_with(|| (written.to_string(), new.clone()));
            Some(new)
        };
        let (rewritten, count) = relink::rewrite(text, &dead, &|_| None);
        let Some((written, new)) = first.into_inner().filter(|_| count > 0) else { return notes };
        *text = rewritten;
        let (s, more) = if count == 1 { ("", "") } else { ("s", ", …") };
        notes.push(format!(
            "{count} link{s} to nothing the new site publishes ({written} → {new}{more}) → site path{s}: a draft's \
             or scheduled page's URL, else where a browser went from the old page; the build takes them as \
             written, and `careerpress check` lists any that lead nowhere"
        ));
        notes
    }

    /// The site path of the left-out page that `written` (an `@/` link or a relative one
    /// from `source_dir`) names, with its query and fragment.
    fn left_out_page(&self, written: &str, source_dir: &str) -> Option<String> {
        let (path, suffix) = written.split_at(written.find(['#', '?']).unwrap_or(written.len()));
        let file = match path.strip_prefix("@/") {
            Some(file) => file.to_string(),
            // A site path or a URL with a scheme names no file beside this one.
            None if path.starts_with('/') || path.split_once(':').is_some_and(|(s, _)| !s.contains('/')) => {
                return None
            }
            None => {
                let decoded = percent_encoding::percent_decode_str(path).decode_utf8().ok()?;
                crate::markdown::content_path(source_dir, &decoded)?
            }
        };
        self.left_out.get(&file).map(|url| format!("{url}{suffix}"))
    }
}

/// Rewrites, in `text`, each relative link whose target holds a template call, which the
/// old generator ran to make a URL and careerpress cannot (the site's own shortcode, or
/// what its import could not convert), and the build would refuse as naming no file: to
/// `#`, with the call as its title, for its author to set. The report's note when any was.
fn template_targets(text: &mut String, links: &LinkContext<'_>) -> Option<String> {
    // Most bodies hold no call: they are not read a second time.
    if !(text.contains("{{") || text.contains("{%")) {
        return None;
    }
    let first = RefCell::new(None);
    let refused = |written: &str| {
        let call = ["{{", "{%"].iter().any(|open| written.contains(open));
        let refused = call && crate::markdown::relative_link_found(written, links) == Some(false);
        if refused {
            first.borrow_mut().get_or_insert_with(|| written.to_string());
        }
        refused
    };
    let (rewritten, count) = relink::emptied(text, &refused);
    let written = first.into_inner().filter(|_| count > 0)?;
    *text = rewritten;
    let (s, them) = if count == 1 { ("", "it") } else { ("s", "each") };
    Some(format!(
        "{count} link{s} whose target is a template call careerpress cannot run ({written}{}) → #, the call kept \
         as the link's title: set {them} to the address it made (`careerpress check` lists {them})",
        if count == 1 { "" } else { ", …" }
    ))
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
    /// `/posts/renamed/`, a draft `posts/wip.md`, a section's introduction, and
    /// `static/docs/index.html`.
    fn site() -> NewSite {
        let page = |path: &str, url: &str, left_out| NewPage { path: path.into(), url: url.into(), left_out };
        let pages = [
            page("themes/night/index.md", "/themes/night/", false),
            page("posts/a.md", "/posts/renamed/", false),
            page("posts/wip.md", "/posts/wip/", true),
        ];
        let copies = [
            (PathBuf::from("old/shot.png"), PathBuf::from("content/themes/night/img/shot.png")),
            (PathBuf::from("old/logo.png"), PathBuf::from("content/posts/logo.png")),
            (PathBuf::from("old/docs.html"), PathBuf::from("static/docs/index.html")),
        ];
        NewSite::new(&pages, &["guides/_index.md".to_string()], &copies)
    }

    fn fixed(text: &str, dest: &str, page_url: &str) -> (String, Vec<String>) {
        let mut text = text.to_string();
        let notes = site().fix(&mut text, dest, page_url, "/old/place/", "");
        (text, notes)
    }

    #[test]
    fn links_the_build_follows_stay_as_written() {
        let from_bundle = "![](img/shot.png) [up](../) [home](../../) [a](../../posts/a.md) [r](../../posts/renamed/)";
        assert_eq!(fixed(from_bundle, "themes/night/index.md", "/themes/night/"), (from_bundle.to_string(), vec![]));
        let from_page = "![](logo.png) [g](../../guides/) [d](../../docs/) [n](../../themes/night/img/shot.png)";
        assert_eq!(fixed(from_page, "posts/a.md", "/posts/renamed/"), (from_page.to_string(), vec![]));
        let other = "[x](@/nowhere.md) [s](/nowhere/) [w](https://example.org/x) [f](#top) [t]({{ x }})";
        assert_eq!(fixed(other, "posts/a.md", "/posts/renamed/"), (other.to_string(), vec![]));
    }

    #[test]
    fn links_the_build_would_refuse_become_the_old_sites_site_paths() {
        let text = "[l](LICENSE) and ![](img/none.png \"t\")\n\n[r]: ../gone.md#x\n\nsee [r] and `[c](code.md)`\n";
        let (text, note) = fixed(text, "themes/night/index.md", "/themes/night/");
        assert_eq!(
            text,
            "[l](/old/place/LICENSE) and ![](/old/place/img/none.png \"t\")\n\n[r]: /old/gone.md#x\n\nsee [r] and `[c](code.md)`\n"
        );
        let [note] = &note[..] else { panic!("one note: {note:?}") };
        assert!(
            note.starts_with("3 links to nothing the new site publishes (LICENSE → /old/place/LICENSE, …)"),
            "{note}"
        );
        // From the source's folder `../logo.png` names nothing; from the page's URL, as
        // the build reads it next, it is the file copied beside the page.
        let (text, note) = fixed("[x](../logo.png)", "posts/a.md", "/posts/renamed/");
        assert_eq!((text.as_str(), note.len()), ("[x](../logo.png)", 0));
    }

    #[test]
    fn links_to_a_draft_become_its_site_path() {
        let text = "[a](@/posts/wip.md#end) [b](wip.md?x=1) [c](../wip/) [d](@/posts/a.md) [e](/posts/wip.md)";
        let (text, note) = fixed(text, "posts/a.md", "/posts/renamed/");
        // `../wip/` was a URL: from the page's new URL it names nothing published, and is
        // read as the old page's browser did.
        assert_eq!(
            text,
            "[a](/posts/wip/#end) [b](/posts/wip/?x=1) [c](/old/wip/) [d](@/posts/a.md) [e](/posts/wip.md)"
        );
        assert!(matches!(&note[..], [n]
            if n.starts_with("3 links to nothing the new site publishes (@/posts/wip.md#end → /posts/wip/#end, …)")));
    }

    #[test]
    fn a_template_call_as_a_target_goes_to_hash_and_is_kept_as_the_title() {
        let text = "[a](<{{% eturl rss %}}>) ![b](<{{% img \"x\" %}}> \"kept\") [c](<{%raw%}x{%endraw%}>)\n\n\
                    [r]: <{{% eturl rss %}}>\n[s]: {{%u%}} 'title'\n\nsee [r] and [s]\n";
        let (text, notes) = fixed(text, "posts/a.md", "/posts/renamed/");
        assert_eq!(
            text,
            "[a](# \"{{% eturl rss %}}\") ![b](# \"kept\") [c](# \"{%raw%}x{%endraw%}\")\n\n\
             [r]: # \"{{% eturl rss %}}\"\n[s]: # 'title'\n\nsee [r] and [s]\n"
        );
        let [note] = &notes[..] else { panic!("one note: {notes:?}") };
        let start = "5 links whose target is a template call careerpress cannot run ({{% eturl rss %}}, …) → #";
        assert!(note.starts_with(start), "{note}");
        // A title's quote and backslash are escaped, so that the title holds the call whole.
        let (text, _) = fixed(r#"[q]({{%x"\\%}})"#, "posts/a.md", "/posts/renamed/");
        assert_eq!(text, r#"[q](# "{{%x\"\\%}}")"#);
        // A call in a site path or a URL is printed as it is, and the build takes it.
        // `<{{< u >}}>` is no destination (a `<` inside), so no link either.
        let kept = "[a](</x/{{% u %}}>) [b](<https://x.org/{{% u %}}>) `[c](<{{% u %}}>)` [d](<{{< u >}}>)";
        assert_eq!(fixed(kept, "posts/a.md", "/posts/renamed/"), (kept.to_string(), vec![]));
    }
}
