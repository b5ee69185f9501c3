//! Starting points for authors: `init` writes a complete working site (settings, the default
//! theme, one article, one job listing) and `new` writes one draft page, so nobody has to
//! copy front matter from the README to begin.

use anyhow::{bail, Context, Result};
use chrono::NaiveDate;
use std::fs;
use std::io::Write;
use std::path::{Path, PathBuf};

use crate::cli::{InitArgs, NewArgs};
use crate::config::{Config, CONFIG_FILE};
use crate::dates::today;

/// `careerpress init [DIR]`: writes the site, then says what it wrote and what to run next.
pub fn run_init(args: &InitArgs) -> Result<()> {
    let files = init(&args.dir, today()?)?;
    outln!("Created a new site in {}:", args.dir.display());
    for f in files.iter().filter(|f| !f.starts_with("themes")) {
        outln!("  {}", f.display());
    }
    outln!("  themes/default/ ({} files: copy of the default theme, yours to change)", DEFAULT_THEME.len());
    outln!("\nNext:");
    let cd = if args.dir == Path::new(".") { String::new() } else { format!("cd {} && ", shell_word(&args.dir)) };
    outln!("  {cd}careerpress serve --watch   # preview at http://127.0.0.1:1111/, reloading on save");
    outln!("  careerpress new posts/my-first-post   # start a draft article");
    outln!("  careerpress build                     # write the site into public/");
    Ok(())
}

/// `path` as one word a shell reads back as it is: quoted when it holds anything but
/// letters, digits and `._/-` (a space, `ü`, a quote).
fn shell_word(path: &Path) -> String {
    let text = path.display().to_string();
    // `cd -dash` would read the name as an option.
    let text = if text.starts_with('-') { format!("./{text}") } else { text };
    if !text.is_empty() && text.bytes().all(|b| b.is_ascii_alphanumeric() || b"._/-".contains(&b)) {
        return text;
    }
    format!("'{}'", text.replace('\'', "'\\''"))
}

/// `careerpress new <section>/<slug>`: writes the draft and prints its path.
pub fn run_new(args: &NewArgs) -> Result<()> {
    let page = NewPage { target: &args.target, title: args.title.as_deref(), job: args.job, today: today()? };
    let rel = new_page(&args.site.root, &page)?;
    outln!("Created {} (draft: build or serve with --drafts to see it)", args.site.root.join(rel).display());
    Ok(())
}

/// One file of the default theme, embedded in the binary so `init` works anywhere.
pub struct ThemeFile {
    /// The path under `themes/default/`, with `/` separators.
    pub path: &'static str,
    pub bytes: &'static [u8],
}

macro_rules! theme_file {
    ($path:literal) => {
        ThemeFile { path: $path, bytes: include_bytes!(concat!("../themes/default/", $path)) }
    };
}

/// Every file of the repository's `themes/default/`; a test checks the list against the
/// folder, file for file, so the two cannot drift apart.
pub const DEFAULT_THEME: &[ThemeFile] = &[
    theme_file!("static/favicon.svg"),
    theme_file!("static/followup.js"),
    theme_file!("static/job-filters.js"),
    theme_file!("static/style.css"),
    theme_file!("templates/404.html"),
    theme_file!("templates/alias.html"),
    theme_file!("templates/base.html"),
    theme_file!("templates/followup.html"),
    theme_file!("templates/index.html"),
    theme_file!("templates/job.html"),
    theme_file!("templates/job_group.html"),
    theme_file!("templates/jobs.html"),
    theme_file!("templates/page.html"),
    theme_file!("templates/partials/author.html"),
    theme_file!("templates/partials/card.html"),
    theme_file!("templates/partials/followup_form.html"),
    theme_file!("templates/partials/job_callout.html"),
    theme_file!("templates/partials/job_filters.html"),
    theme_file!("templates/partials/meta.html"),
    theme_file!("templates/partials/summary.html"),
    theme_file!("templates/section.html"),
    theme_file!("templates/tag.html"),
    theme_file!("templates/tags.html"),
];

/// The starter site.toml: every key with a comment saying what it does.
const SITE_TOML: &str = r#"# Settings for this site. Unknown keys are errors, so a typo never goes unnoticed.

title = "My Career Site"                # required: the site's name, in every page title
base_url = "https://example.org/"       # required: where the site will live (or "/" to try it out)
description = "Practical career advice." # the home page's description for search results
language = "en"                         # the <html lang> of every page
author = "The editors"                  # the author of articles that name none
theme = "default"                       # the folder under themes/ that renders the site
output_dir = "public"                   # where `careerpress build` writes the site
paginate_by = 10                        # articles per list page (a section's _index.md may override it)

[jobs]
section = "jobs"       # the content folder holding job listings; its URL is the job board
callout = true         # end every article with a box of matching open roles
callout_text = "Ready for your next step? These roles are open now."
callout_limit = 3      # how many listings a callout shows at most

[feeds]
limit = 20             # newest articles in atom.xml and in each tag's feed

# When readers should follow up after an interview (the calculator page and `careerpress followup`).
[followup]
no_timeline_business_days = 5       # no timeline given: about a week
after_deadline_business_days = 2    # timeline given: a little past it
second_follow_up_business_days = 5
weekend = ["Saturday", "Sunday"]
holidays = []                       # ISO dates, e.g. ["2025-12-25"]

# Author profiles: an article's `author: sam` then ends with Sam's name, photo and bio.
# Once any profile exists, every article's `author:` must be one of these ids.
# [authors.sam]
# name = "Sam Lee"
# bio = "Career coach for ten years."
# url = "/about/"
# photo = { src = "/sam.png", width = 96, height = 96 }   # alt defaults to the name

# Link previews and structured data; uncomment and point at files under static/.
# [social]
# image = { src = "/share.png", alt = "Our logo", width = 1200, height = 630 }
# twitter = "@yourhandle"
# logo = "/logo.png"

[extra]                # anything your theme wants, as config.extra
"#;

const GITIGNORE: &str =
    "# The built site and its hidden staging folder and lock (see the README).\n/public\n/.public.careerpress-*\n";

const HOME: &str = r#"---
title: "My Career Site"
description: "Practical career advice, and open roles worth a look."
---

Welcome! This is the home page's introduction: edit it in `content/_index.md`.
"#;

const POSTS_INDEX: &str = r#"---
title: "Articles"
description: "Guides on interviews, follow-ups and job moves, newest first."
---

Every article, with the most recent at the top.
"#;

const JOBS_INDEX: &str = r#"---
title: "Open roles"
description: "Roles open now."
---

Roles open now. Each listing is a Markdown file in `content/jobs/`.
"#;

/// Writes a new site into `dir` (made if missing), which must be empty. Returns the files
/// written, relative to `dir`.
pub fn init(dir: &Path, today: NaiveDate) -> Result<Vec<PathBuf>> {
    if dir.exists() {
        if !dir.is_dir() {
            bail!("{}: exists and is not a folder", dir.display());
        }
        let mut entries = fs::read_dir(dir).with_context(|| format!("{}: cannot read the folder", dir.display()))?;
        if entries.next().is_some() {
            bail!("{}: the folder is not empty; init only writes into an empty or new folder", dir.display());
        }
    }
    fs::create_dir_all(dir).with_context(|| format!("{}: cannot create the folder", dir.display()))?;
    let files: Vec<(PathBuf, Vec<u8>)> = vec![
        (CONFIG_FILE.into(), SITE_TOML.into()),
        (".gitignore".into(), GITIGNORE.into()),
        ("content/_index.md".into(), HOME.into()),
        ("content/posts/_index.md".into(), POSTS_INDEX.into()),
        ("content/posts/welcome.md".into(), welcome_article(today).into()),
        ("content/jobs/_index.md".into(), JOBS_INDEX.into()),
        ("content/jobs/career-coach.md".into(), sample_listing(today).into()),
    ];
    write_starter(dir, files)
}

/// Writes `files` and the default theme into `dir`, refusing to overwrite anything.
/// Returns every file written, relative to `dir`.
fn write_starter(dir: &Path, mut files: Vec<(PathBuf, Vec<u8>)>) -> Result<Vec<PathBuf>> {
    for f in DEFAULT_THEME {
        files.push((Path::new("themes/default").join(f.path), f.bytes.to_vec()));
    }
    for (rel, bytes) in &files {
        write_new(&dir.join(rel), bytes)?;
    }
    Ok(files.into_iter().map(|(rel, _)| rel).collect())
}

/// What an imported site says about itself, for the new site's settings.
pub struct Starter<'a> {
    pub title: Option<&'a str>,
    pub base_url: Option<&'a str>,
    pub description: Option<&'a str>,
    pub language: Option<&'a str>,
    /// Who wrote the site's articles, for those that name nobody.
    pub author: Option<&'a str>,
    /// Old URLs of no page and where each sends readers: site.toml's `[redirects]`.
    pub redirects: &'a [(String, String)],
    /// The header's links (text, URL): site.toml's `[[menu]]`.
    pub menu: &'a [(String, String)],
    /// The old site's free-form values (Zola's `[extra]`), which its templates read as
    /// `config.extra`: site.toml's `[extra]`.
    pub extra: Option<&'a toml::Table>,
}

/// `[redirects]` and `[[menu]]` as site.toml writes them (each left out when empty),
/// every string quoted as TOML needs.
pub fn settings_tables(redirects: &[(String, String)], menu: &[(String, String)]) -> String {
    let quoted = |s: &str| toml::Value::String(s.to_string()).to_string();
    let mut tables = String::new();
    if !redirects.is_empty() {
        tables.push_str("[redirects]\n");
        for (from, to) in redirects {
            tables.push_str(&format!("{} = {}\n", quoted(from), quoted(to)));
        }
    }
    for (name, url) in menu {
        tables.push_str(&format!("\n[[menu]]\nname = {}\nurl = {}\n", quoted(name), quoted(url)));
    }
    tables
}

/// A new site for `import`: settings (with what the old site said about itself), the
/// home page and the default theme, but no sample article or listing.
pub fn init_for_import(dir: &Path, starter: &Starter<'_>) -> Result<Vec<PathBuf>> {
    let title = starter.title.filter(|t| !t.trim().is_empty());
    let files: Vec<(PathBuf, Vec<u8>)> = vec![
        (CONFIG_FILE.into(), starter_settings(starter).into()),
        (".gitignore".into(), GITIGNORE.into()),
        ("content/_index.md".into(), imported_home(title, starter.description).into()),
    ];
    write_starter(dir, files)
}

/// The site.toml a site made for an import starts with.
pub fn starter_settings(starter: &Starter<'_>) -> String {
    let quoted = |s: &str| toml::Value::String(s.to_string()).to_string();
    let mut settings = SITE_TOML.to_string();
    // What site.toml would refuse (an empty title, `lang: English`) keeps the starter's value.
    let title = starter.title.filter(|t| !t.trim().is_empty());
    let language = starter.language.filter(|l| crate::config::is_language_tag(l));
    let lines = [
        ("title = \"My Career Site\"", title.map(|t| format!("title = {}", quoted(t)))),
        ("base_url = \"https://example.org/\"", starter.base_url.map(|u| format!("base_url = {}", quoted(u)))),
        (
            "description = \"Practical career advice.\"",
            starter.description.map(|d| format!("description = {}", quoted(d))),
        ),
        ("language = \"en\"", language.map(|l| format!("language = {}", quoted(l)))),
        ("author = \"The editors\"", starter.author.map(|a| format!("author = {}", quoted(a)))),
    ];
    for (default, given) in lines {
        if let Some(given) = given {
            settings = settings.replacen(default, &given, 1);
        }
    }
    if let Some(extra) = starter.extra.and_then(extra_table) {
        let note = "# The imported site's own values, which its templates read as config.extra.\n";
        settings = settings.replacen(EXTRA_LINE, &format!("{note}{extra}"), 1);
    }
    if !starter.redirects.is_empty() || !starter.menu.is_empty() {
        settings.push_str("\n# The imported site's redirects elsewhere and header links.\n");
        settings.push_str(&settings_tables(starter.redirects, starter.menu));
    }
    settings
}

/// The starter's `[extra]` line, which an imported site's own values replace.
const EXTRA_LINE: &str = "[extra]                # anything your theme wants, as config.extra\n";

/// `extra` as site.toml's `[extra]` table, its own tables under it (`[extra.social]`);
/// None when it is empty.
pub fn extra_table(extra: &toml::Table) -> Option<String> {
    if extra.is_empty() {
        return None;
    }
    let outer = toml::Table::from_iter([("extra".to_string(), toml::Value::Table(extra.clone()))]);
    toml::to_string(&outer).ok()
}

/// The home page of a site made for an import, which an imported `content/_index.md`
/// replaces: the old site's title and description, and no introduction of the new site's
/// (an old site without one showed none, and "Welcome!" would be published as its own).
fn imported_home(title: Option<&str>, description: Option<&str>) -> String {
    // A JSON string is a YAML double-quoted scalar: any title is written safely.
    let quoted = |s: &str| serde_json::Value::String(s.trim().to_string()).to_string();
    let mut front = format!("title: {}\n", quoted(title.unwrap_or("My Career Site")));
    if let Some(d) = description.filter(|d| !d.trim().is_empty()) {
        front.push_str(&format!("description: {}\n", quoted(d)));
    }
    format!("---\n{front}---\n")
}

fn welcome_article(today: NaiveDate) -> String {
    format!(
        r#"---
title: "Welcome to your new site"
date: {today}
description: "What is where in your new site, and how to write and publish the next article."
tags: [getting-started]
---

This article lives in `content/posts/welcome.md`. Edit it, save, and the preview reloads.

## Writing the next one

Run `careerpress new posts/my-next-article` to start a draft, and remove `draft: true`
from its front matter when it is ready to publish.

Every article ends with a box of matching open roles from `content/jobs/`.
"#
    )
}

fn sample_listing(today: NaiveDate) -> String {
    // Open for two months: long enough that `check` does not warn it is about to close.
    let until = today.checked_add_days(chrono::Days::new(60)).unwrap_or(today);
    format!(
        r#"---
title: "Career Coach"
company: "Example Careers Ltd"
company_url: "https://example.org"
employment_type: FULL_TIME
date_posted: {today}
valid_through: {until}
apply_url: "https://example.org/careers/career-coach"
tags: [getting-started]
location: {{ street: "1 Example Street", city: "Leeds", postal_code: "LS1 1AA", country: "GB" }}
salary: {{ min: 30000, max: 36000, currency: "GBP", unit: YEAR }}
company_logo: "https://example.org/logo.png"
requisition_id: "EX-001"
---

An example listing: replace it with a real role, or delete it. It closes on its
`valid_through` date, after which the board and callouts leave it out.
"#
    )
}

/// Creates `path` and its folders, refusing to replace a file that is already there.
fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent).with_context(|| format!("{}: cannot create the folder", parent.display()))?;
    }
    let mut file = fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(|e| {
        if e.kind() == std::io::ErrorKind::AlreadyExists {
            anyhow::anyhow!("{}: already exists; careerpress will not overwrite it", path.display())
        } else {
            anyhow::Error::new(e).context(format!("{}: cannot create the file", path.display()))
        }
    })?;
    file.write_all(bytes).with_context(|| format!("{}: cannot write the file", path.display()))
}

/// What `new` is asked to write.
pub struct NewPage<'a> {
    /// `<section>/<slug>`, as typed.
    pub target: &'a str,
    pub title: Option<&'a str>,
    pub job: bool,
    pub today: NaiveDate,
}

/// Writes a draft article or job listing under `root`'s `content/`; returns its path.
pub fn new_page(root: &Path, page: &NewPage<'_>) -> Result<PathBuf> {
    let (section, slug) =
        page.target.trim_matches('/').rsplit_once('/').with_context(|| {
            format!("{:?}: give the section and the slug, such as posts/my-first-post", page.target)
        })?;
    check_slug(slug)?;
    let title = page_title(page.title, slug)?;
    // Its error says when the folder is not a site.
    let config = Config::load(root)?;
    let jobs_section = config.jobs.section.trim_matches('/');
    if page.job && section != jobs_section {
        bail!("--job writes listings into the jobs section {jobs_section:?} (site.toml `[jobs] section`), not {section:?}");
    }
    if !page.job && section == jobs_section {
        bail!("{section:?} is the jobs section: add --job to write a job listing");
    }
    let content = root.join("content");
    let bad_part = |p: &str| p.is_empty() || p == "." || p == ".." || p.starts_with(['.', '#']) || p.contains('\\');
    if section.split('/').any(bad_part) || !content.join(section).is_dir() {
        let known = sections(&content);
        let known = if known.is_empty() { "none: make a folder under content/".to_string() } else { known.join(", ") };
        bail!("{section:?}: no such section (no folder content/{section}/); existing sections: {known}");
    }
    let rel = Path::new("content").join(section).join(format!("{slug}.md"));
    let bundle = content.join(section).join(slug);
    let markdown = content.join(section).join(format!("{slug}.markdown"));
    for same_url in [bundle, markdown] {
        if same_url.exists() {
            bail!("{}: already exists and has the same URL; choose another slug", same_url.display());
        }
    }
    let text = if page.job { draft_listing(&title, page.today) } else { draft_article(&title, page.today) };
    write_new(&root.join(&rel), text.as_bytes())?;
    Ok(rel)
}

/// The section folders under `content/`, as `posts` or `guides/interviews`; page bundles
/// (folders with an `index.md`) and ignored names are not sections.
fn sections(content: &Path) -> Vec<String> {
    let mut found = Vec::new();
    let mut stack = vec![(content.to_path_buf(), String::new())];
    while let Some((dir, prefix)) = stack.pop() {
        let Ok(entries) = fs::read_dir(&dir) else { continue };
        for entry in entries.flatten() {
            let name = entry.file_name().to_string_lossy().into_owned();
            let path = entry.path();
            // Not through symlinks: a link to a folder above it (`up -> ..`) would be
            // followed round and round, and a few of them make that exponential.
            let is_dir = entry.file_type().is_ok_and(|t| t.is_dir());
            if name.starts_with(['.', '#']) || !is_dir || path.join("index.md").exists() {
                continue;
            }
            let rel = format!("{prefix}{name}");
            found.push(rel.clone());
            stack.push((path, format!("{rel}/")));
        }
    }
    found.sort();
    found
}

/// A clean slug: lower-case letters, digits and single hyphens between them.
fn check_slug(slug: &str) -> Result<()> {
    let letters = !slug.is_empty() && slug.chars().all(|c| (c.is_alphanumeric() && !c.is_uppercase()) || c == '-');
    if !letters {
        bail!("{slug:?} is not a clean slug: use lower-case letters, digits and hyphens, such as my-first-post");
    }
    if slug.starts_with('-') || slug.ends_with('-') || slug.contains("--") {
        bail!("{slug:?} is not a clean slug: a hyphen goes between two words, one at a time, such as my-first-post");
    }
    if slug.len() > crate::content::MAX_NAME_BYTES {
        bail!("the slug {}; choose a shorter one", crate::content::too_long(slug).replacen("has a part", "is", 1));
    }
    // index.md is a page bundle's page: it would make the whole section one page.
    if format!("{slug}.md") == crate::content::BUNDLE_FILE {
        bail!("{slug:?} would write index.md, which makes its folder one page (a page bundle), not a section; choose another slug");
    }
    Ok(())
}

/// The title `new` writes: `--title` trimmed, else the slug as words. A title is one line
/// of visible text, so a control character typed into it (a bell, an escape, a line break)
/// is refused here rather than written into front matter that the build then refuses.
fn page_title(title: Option<&str>, slug: &str) -> Result<String> {
    let Some(title) = title.map(str::trim) else { return Ok(title_from_slug(slug)) };
    if title.is_empty() {
        bail!("--title is empty");
    }
    if let Some(c) = title.chars().find(|c| c.is_control()) {
        // The build's own words for what it refuses; tab and line breaks it takes in text,
        // but not in a title shown on one line.
        let why = if crate::escape::is_control(c) {
            crate::escape::control_message(c)
        } else {
            format!(
                "this text holds the control character U+{:04X} (a tab or line break): a title is one line, remove it",
                c as u32
            )
        };
        bail!("--title: {why}");
    }
    Ok(title.to_string())
}

/// `my-first-post` → "My first post".
pub fn title_from_slug(slug: &str) -> String {
    let words = slug.split('-').filter(|w| !w.is_empty()).collect::<Vec<_>>().join(" ");
    let mut chars = words.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// A YAML double-quoted string: JSON's string syntax is valid YAML.
fn yaml_string(s: &str) -> String {
    serde_json::Value::String(s.to_string()).to_string()
}

fn draft_article(title: &str, today: NaiveDate) -> String {
    format!(
        "---\ntitle: {}\ndate: {today}\n# description: \"One sentence for listings and search results.\"\ntags: []\ndraft: true\n---\n\nWrite the article here. Remove `draft: true` above when it is ready to publish.\n",
        yaml_string(title)
    )
}

fn draft_listing(title: &str, today: NaiveDate) -> String {
    format!(
        r#"---
# TODO: replace every TODO below, then remove `draft: true` to publish.
title: {}
company: "TODO company"
employment_type: FULL_TIME   # FULL_TIME PART_TIME CONTRACTOR TEMPORARY INTERN VOLUNTEER PER_DIEM OTHER
date_posted: {today}
apply_url: "https://example.org/TODO-apply-link"
location: {{ city: "TODO city", country: "GB" }}   # TODO: or `locations: [...]`, `remote: true` with applicant_countries, or `remote: hybrid`
tags: []
draft: true
---

TODO: describe the role, what the person will do and what they need.
"#,
        yaml_string(title)
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::BTreeMap;

    fn files_under(dir: &Path, prefix: &str, out: &mut BTreeMap<String, Vec<u8>>) {
        for entry in fs::read_dir(dir).unwrap() {
            let entry = entry.unwrap();
            let name = format!("{prefix}{}", entry.file_name().to_string_lossy());
            if entry.path().is_dir() {
                files_under(&entry.path(), &format!("{name}/"), out);
            } else {
                out.insert(name, fs::read(entry.path()).unwrap());
            }
        }
    }

    #[test]
    fn an_imported_sites_home_has_its_title_and_description_and_no_welcome() {
        let dir = tempfile::tempdir().unwrap();
        let extra: toml::Table =
            "repository_url = \"https://github.com/me/proj\"\nlist = [1, 2]\n[mapbox]\ntoken = \"x\"\n"
                .parse()
                .unwrap();
        let starter = Starter {
            title: Some("Ana's \"Notes\": hiring"),
            base_url: None,
            description: Some("Notes on hiring, by Ana."),
            language: None,
            author: Some("Ana \"A.\" O'Neil"),
            redirects: &[("/old \"one\"/".into(), "https://new.example/?a=1&b=2".into())],
            menu: &[("About \"us\"".into(), "/about/".into())],
            extra: Some(&extra),
        };
        init_for_import(dir.path(), &starter).unwrap();
        let settings: toml::Table = fs::read_to_string(dir.path().join(CONFIG_FILE)).unwrap().parse().unwrap();
        assert_eq!(settings["author"].as_str(), Some("Ana \"A.\" O'Neil"));
        assert_eq!(settings["redirects"]["/old \"one\"/"].as_str(), Some("https://new.example/?a=1&b=2"));
        assert_eq!(settings["menu"][0]["name"].as_str(), Some("About \"us\""));
        // Zola's `[extra]`, nested tables and all, for the templates that read it.
        assert_eq!(settings["extra"], toml::Value::Table(extra), "{settings}");
        let text = fs::read_to_string(dir.path().join("content/_index.md")).unwrap();
        let split = crate::content::front_matter::split(&text, Path::new("_index.md")).unwrap();
        assert_eq!(split.body.trim(), "", "no introduction of the new site's: {text}");
        let meta = crate::yaml::parse_value(split.yaml).unwrap();
        assert_eq!(meta["title"], "Ana's \"Notes\": hiring");
        assert_eq!(meta["description"], "Notes on hiring, by Ana.");
        let none = Starter {
            title: None,
            base_url: None,
            description: Some(" "),
            language: None,
            author: None,
            redirects: &[],
            menu: &[],
            extra: None,
        };
        assert_eq!(imported_home(none.title, none.description), "---\ntitle: \"My Career Site\"\n---\n");
    }

    #[test]
    fn embedded_theme_is_the_repository_theme() {
        let mut on_disk = BTreeMap::new();
        files_under(&Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default"), "", &mut on_disk);
        let embedded: BTreeMap<String, Vec<u8>> =
            DEFAULT_THEME.iter().map(|f| (f.path.to_string(), f.bytes.to_vec())).collect();
        let names = |m: &BTreeMap<String, Vec<u8>>| m.keys().cloned().collect::<Vec<_>>();
        assert_eq!(names(&embedded), names(&on_disk), "list every theme file in DEFAULT_THEME");
        for (path, bytes) in &on_disk {
            assert!(embedded[path] == *bytes, "{path} differs from the embedded copy");
        }
    }

    #[test]
    fn starter_settings_parse() {
        let config = Config::parse(SITE_TOML, Path::new(CONFIG_FILE)).unwrap();
        assert_eq!(config.jobs.section, "jobs");
        assert_eq!(config.output_dir, "public");
    }

    #[test]
    fn title_from_slug_reads_as_a_sentence() {
        assert_eq!(title_from_slug("my-first-post"), "My first post");
        assert_eq!(title_from_slug("cv"), "Cv");
        assert_eq!(title_from_slug("2025-review"), "2025 review");
        assert_eq!(title_from_slug("élan"), "Élan");
    }

    #[test]
    fn a_folder_to_cd_into_is_one_shell_word() {
        assert_eq!(shell_word(Path::new("my-site/careers_2")), "my-site/careers_2");
        assert_eq!(shell_word(Path::new("we ird/ü")), "'we ird/ü'");
        assert_eq!(shell_word(Path::new("it's")), "'it'\\''s'");
        assert_eq!(shell_word(Path::new("-dash")), "./-dash");
    }

    #[test]
    fn slugs_must_be_clean() {
        for good in ["my-first-post", "a", "2025", "entrevue-réussie"] {
            assert!(check_slug(good).is_ok(), "{good}");
        }
        for bad in ["", "My-Post", "my post", "my_post", "-a", "a-", "a--b", "a.b", "../x", "index"] {
            assert!(check_slug(bad).is_err(), "{bad:?}");
        }
        assert!(check_slug("a--b").unwrap_err().to_string().contains("one at a time"));
        // What the build would refuse as a folder's name, `new` refuses first.
        let max = "é".repeat(crate::content::MAX_NAME_BYTES / 2);
        assert!(check_slug(&max).is_ok());
        let e = check_slug(&format!("{max}x")).unwrap_err().to_string();
        assert!(e.starts_with("the slug is 201 bytes long"), "{e}");
    }

    #[test]
    fn a_title_with_a_control_character_is_refused() {
        assert_eq!(page_title(None, "my-post").unwrap(), "My post");
        assert_eq!(page_title(Some("  Pay: a guide \n"), "x").unwrap(), "Pay: a guide");
        assert_eq!(page_title(Some("Café 面接 \u{a0}é"), "x").unwrap(), "Café 面接 \u{a0}é");
        let e = page_title(Some("Ring\u{7}the bell"), "x").unwrap_err().to_string();
        assert_eq!(e, format!("--title: {}", crate::escape::control_message('\u{7}')));
        for (bad, code) in [
            ("a\nb", "U+000A"),
            ("a\tb", "U+0009"),
            ("a\rb", "U+000D"),
            ("\u{1b}[2J", "U+001B"),
            ("a\u{85}b", "U+0085"),
        ] {
            let e = page_title(Some(bad), "x").unwrap_err().to_string();
            assert!(e.starts_with("--title: this text holds") && e.contains(code), "{bad:?}: {e}");
        }
        assert_eq!(page_title(Some(" \t"), "x").unwrap_err().to_string(), "--title is empty");
    }

    #[test]
    fn titles_are_quoted_for_yaml() {
        let text = draft_article("Say \"yes\": then #win", NaiveDate::from_ymd_opt(2025, 1, 2).unwrap());
        assert!(text.contains("title: \"Say \\\"yes\\\": then #win\"\ndate: 2025-01-02\n"), "{text}");
    }
}
