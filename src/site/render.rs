//! Renders a loaded site into output files in memory, in parallel. Every template error
//! surfaces here, before anything is written.

use super::context::Paginator;
use super::{Section, Site};
use crate::error::{Error, ErrorKind, Errors};
use crate::output::{Data, OutputFile};
use crate::templates::join_url;
use rayon::prelude::*;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use tera::Context;

/// One list page to render: which section, which slice of its listing.
struct ListJob<'a> {
    section: &'a Section,
    items: Vec<usize>,
    per_page: usize,
    template: &'a str,
}

/// Produces every file of the site, or every error found while rendering.
pub fn render(site: &Site) -> Result<Vec<OutputFile>, Errors> {
    let base = base_context(site);
    let page_files = site.pages.par_iter().enumerate().map(|(i, page)| {
        let mut ctx = base.clone();
        ctx.insert("page", &site.page_context(i));
        if page.is_article() {
            let section = &site.sections[page.section_key()];
            ctx.insert("section", &site.section_context(section));
        }
        ctx.insert("current_url", &site.permalinks[i]);
        ctx.insert("current_path", &page.path);
        let template = page.meta.template.as_deref().unwrap_or("page.html");
        let html = site.templates.render(template, &ctx)?;
        Ok(OutputFile {
            rel: format!("{}index.html", page.path),
            source: page.file.display.clone(),
            data: Data::Bytes(html.into_bytes()),
        })
    });

    let home_items = site.all_articles();
    let list_jobs: Vec<ListJob<'_>> = site
        .sections
        .values()
        .map(|s| ListJob {
            section: s,
            items: if s.path.is_empty() {
                home_items.clone()
            } else {
                s.pages.clone()
            },
            per_page: s.source.meta.paginate_by.unwrap_or(site.config.paginate_by),
            template: s
                .source
                .meta
                .template
                .as_deref()
                .unwrap_or(if s.path.is_empty() {
                    "index.html"
                } else {
                    "section.html"
                }),
        })
        .collect();
    let list_pages: Vec<(&ListJob<'_>, usize)> = list_jobs
        .iter()
        .flat_map(|j| (1..=pager_count(j.items.len(), j.per_page)).map(move |n| (j, n)))
        .collect();
    let list_files = list_pages
        .par_iter()
        .map(|&(job, n)| render_list_page(site, &base, job, n));

    let mut results: Vec<Result<OutputFile, Error>> = page_files.chain(list_files).collect();
    results.push(
        site.templates
            .render("404.html", &base)
            .map(|html| OutputFile {
                rel: "404.html".into(),
                source: PathBuf::from("404.html"),
                data: Data::Bytes(html.into_bytes()),
            }),
    );
    let mut files = Vec::with_capacity(results.len() + site.assets.len());
    let mut errors = Vec::new();
    for r in results {
        match r {
            Ok(f) => files.push(f),
            Err(e) => errors.push(e),
        }
    }
    if !errors.is_empty() {
        errors.sort_by(|a, b| a.path().cmp(b.path()));
        errors.dedup_by(|a, b| a.to_string() == b.to_string());
        return Err(Errors(errors));
    }
    files.extend(site.assets.iter().cloned());
    check_clashes(&files)?;
    Ok(files)
}

fn base_context(site: &Site) -> Context {
    let mut ctx = Context::new();
    ctx.insert("config", &site.config);
    ctx.insert("nav", &site.nav());
    ctx.insert("lang", &site.config.language);
    ctx
}

fn pager_count(items: usize, per_page: usize) -> usize {
    items.div_ceil(per_page).max(1)
}

/// URL path of page `n` (1-based) of a list: the first is the section itself.
fn pager_path(section_path: &str, n: usize) -> String {
    if n == 1 {
        section_path.to_string()
    } else {
        format!("{section_path}page/{n}/")
    }
}

fn render_list_page(
    site: &Site,
    base: &Context,
    job: &ListJob<'_>,
    n: usize,
) -> Result<OutputFile, Error> {
    let count = pager_count(job.items.len(), job.per_page);
    let start = (n - 1) * job.per_page;
    let slice = &job.items[start.min(job.items.len())..(start + job.per_page).min(job.items.len())];
    let path = pager_path(&job.section.path, n);
    let url = |k: usize| join_url(&site.config.base_url, &pager_path(&job.section.path, k));
    let paginator = Paginator {
        pages: slice.iter().map(|&i| site.page_summary(i)).collect(),
        current_index: n,
        number_pagers: count,
        first: url(1),
        last: url(count),
        previous: (n > 1).then(|| url(n - 1)),
        next: (n < count).then(|| url(n + 1)),
    };
    let subsections: Vec<_> = job
        .section
        .subsections
        .iter()
        .map(|k| site.section_context(&site.sections[k]))
        .collect();
    let mut ctx = base.clone();
    ctx.insert("section", &site.section_context(job.section));
    ctx.insert("paginator", &paginator);
    ctx.insert("subsections", &subsections);
    ctx.insert("current_url", &url(n));
    ctx.insert("current_path", &path);
    let source = job.section.source.file.as_ref().map_or_else(
        || Path::new("content").join(&job.section.source.key),
        |f| f.display.clone(),
    );
    let html = site.templates.render(job.template, &ctx)?;
    Ok(OutputFile {
        rel: format!("{path}index.html"),
        source,
        data: Data::Bytes(html.into_bytes()),
    })
}

/// Two files for one output path would silently lose one: name both instead.
fn check_clashes(files: &[OutputFile]) -> Result<(), Errors> {
    let mut seen: HashMap<&str, &Path> = HashMap::with_capacity(files.len());
    let mut errors = Vec::new();
    for f in files {
        if let Some(first) = seen.insert(&f.rel, &f.source) {
            errors.push(Error::new(
                ErrorKind::DuplicateUrl,
                &f.source,
                format!(
                    "output file {} is also produced by {}",
                    f.rel,
                    first.display()
                ),
            ));
        }
    }
    if errors.is_empty() {
        Ok(())
    } else {
        Err(Errors(errors))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pagination_paths() {
        assert_eq!(pager_count(0, 5), 1);
        assert_eq!(pager_count(10, 5), 2);
        assert_eq!(pager_count(11, 5), 3);
        assert_eq!(pager_path("posts/", 1), "posts/");
        assert_eq!(pager_path("posts/", 3), "posts/page/3/");
        assert_eq!(pager_path("", 2), "page/2/");
    }
}
