//! Decides how much a batch of changes rebuilds: a static file needs nothing rebuilt (it is
//! read from its source when requested), an edited article re-renders itself and the list
//! pages showing it, as does an article added or removed (`site::membership`), templates
//! and data files (what pages show, not which there are) draw the pages open in a browser
//! first and then the rest a step at a time (`site::Target`), pages that requests wait for
//! first, until a newer change stops it; anything else (config, other new or deleted
//! files) reloads the site, parsing again only the content files that changed
//! (`site::SourceCache`), and draws it as a template edit, open pages first, when a page
//! is open. Only pages whose template input changed are drawn again (the same
//! fingerprints `build` reuses pages by, kept in memory).

use super::state::StaleFiles;
use crate::output::{Data, OutputFile};
use crate::site::cache::{Fingerprints, RenderCache};
use crate::site::{self, Arrival, BuildOptions, EditFiles, Edited, Site, SourceCache, Target, Timings};
use anyhow::Result;
use std::collections::{BTreeSet, HashMap, HashSet};
use std::path::PathBuf;
use std::sync::Arc;

pub struct Rebuilder {
    options: BuildOptions,
    site: Option<Site>,
    /// The fingerprint of every page served, as last rendered.
    fingerprints: Fingerprints,
    /// Content files as last parsed: a reload reads only what changed.
    sources: SourceCache,
    /// The sitemap's files as served: after an edit that writes it again, those it no
    /// longer has are gone.
    sitemaps: Vec<String>,
    /// What `rest` is to render, after a partial outcome.
    rest: Option<Rest>,
}

/// The part of a change left until after the pages open in a browser.
enum Rest {
    /// Every file of the loaded site: the pages templates draw (`left`, with their site
    /// keys, listed at the first step but for those `done`) a step at a time, so that a
    /// page asked for comes next and a newer save need not wait for the whole site, then
    /// the files generated without templates (feeds, the sitemap). `drawn` counts pages
    /// drawn anew. `templates_only`: since every file was last drawn, only templates
    /// changed. Then no page's own input did (`RenderCache::in_memory_inputs_known`: at
    /// 10,000 articles, hashing them is a tenth of drawing the site), and the files made
    /// without templates stand (another 6 %). `reloaded`: the site was loaded again since
    /// every file was last drawn, so files may have gone (a deleted article's page, a tag's
    /// feed): the last step leaves served only the files the site now has.
    Site {
        left: Option<Vec<(String, Target)>>,
        done: HashSet<String>,
        drawn: usize,
        templates_only: bool,
        reloaded: bool,
    },
    /// The pages that can show one article's edit.
    Edit(Box<Edited>),
}

/// What a site drawn open pages first (`Rebuilder::draw_open_first`) changes besides them.
#[derive(Default)]
struct Turnover {
    /// Every page of the site, listed for `rest` (else listed by its first step).
    left: Option<Vec<(String, Target)>>,
    /// Files served that the site no longer has.
    removed: Vec<String>,
    /// Files to name stale although they may not be served yet (new pages), or are not
    /// drawn with the pages (the feeds, made at the last step).
    coming: Vec<String>,
    /// See `Rest::Site`.
    templates_only: bool,
    /// The site was loaded again: its copied files are served as they now are, and its
    /// last step leaves only its files served (see `Rest::Site`).
    reloaded: bool,
}

/// Files an outcome leaves still to be drawn.
enum Stale {
    /// Every file served but `fresh`, and those `coming` (new pages and feeds, not served yet).
    AllBut { fresh: HashSet<String>, coming: Vec<String> },
    /// These, and those stale before that the outcome did not change.
    Only(HashSet<String>),
    /// Those stale before, but these.
    Fewer(Vec<String>),
}

/// A step of `Rest::Site` draws this many pages (~30 ms on two cores): a page asked for
/// waits for the step under way, and a newer save for the step under way.
const STEP: usize = 256;

/// An edit that can show on more files than this draws those open in a browser first.
/// Fewer take a few milliseconds; a date edit that moves an article to the top of the
/// lists at 10,000 articles shows on about a thousand (~120 ms).
const FIRST_WHEN_OVER: usize = 100;

/// What a rebuild changed in the served files.
pub struct Outcome {
    /// The whole new site, or only the files that changed.
    files: Changes,
    pub summary: String,
    /// Set when only the pages open in a browser were rendered: the files still to be,
    /// by `Rebuilder::rest`.
    stale: Option<Stale>,
}

enum Changes {
    Some {
        changed: Vec<OutputFile>,
        removed: Vec<String>,
    },
    /// The whole new site, where a page reused from memory (an empty `Published` path)
    /// keeps what is served now.
    Reusing(Vec<OutputFile>),
    /// `changed`, and of what is served only the files at `keep`: the end of a reload
    /// drawn a part at a time.
    Keeping {
        changed: Vec<OutputFile>,
        keep: HashSet<String>,
    },
}

/// The output paths of the sitemap's files among `files`.
fn sitemaps_of(files: &[OutputFile]) -> Vec<String> {
    files.iter().filter(|f| site::is_sitemap(f)).map(|f| f.rel.clone()).collect()
}

/// "`what` N of M files", N being those not reused.
fn rendered_summary(what: &str, files: &[OutputFile]) -> String {
    let rendered = files.iter().filter(|f| !is_reused(&f.data)).count();
    format!("{what} {rendered} of {} files", files.len())
}

fn is_reused(data: &Data) -> bool {
    matches!(data, Data::Published { path, .. } if path.as_os_str().is_empty())
}

impl Outcome {
    fn new(files: Changes, summary: String) -> Outcome {
        Outcome { files, summary, stale: None }
    }

    /// Makes `files` (what is served) what this rebuild serves, and `stale` those of them
    /// still to be rendered.
    pub fn apply_to(self, files: &mut HashMap<String, Arc<Data>>, stale: &mut StaleFiles) {
        match self.stale {
            Some(Stale::AllBut { fresh, coming }) => {
                stale.all_but(fresh);
                for key in coming {
                    stale.insert(key);
                }
            }
            Some(Stale::Only(more)) => {
                if let Changes::Some { changed, removed } = &self.files {
                    for key in changed.iter().map(|f| &f.rel).chain(removed) {
                        stale.remove(key);
                    }
                }
                for key in more {
                    stale.insert(key);
                }
            }
            Some(Stale::Fewer(done)) => {
                for key in &done {
                    stale.remove(key);
                }
            }
            None => stale.clear(),
        }
        match self.files {
            Changes::Reusing(new) => {
                let mut previous = std::mem::take(files);
                *files = new
                    .into_iter()
                    .filter_map(|f| match is_reused(&f.data) {
                        // Always there: fingerprints are only kept for what is served.
                        true => previous.remove(&f.rel).map(|data| (f.rel, data)),
                        false => Some((f.rel, Arc::new(f.data))),
                    })
                    .collect();
            }
            Changes::Some { changed, removed } => {
                for key in removed {
                    files.remove(&key);
                }
                for f in changed {
                    files.insert(f.rel, Arc::new(f.data));
                }
            }
            Changes::Keeping { changed, keep } => {
                files.retain(|key, _| keep.contains(key));
                for f in changed {
                    files.insert(f.rel, Arc::new(f.data));
                }
            }
        }
    }
}

impl Rebuilder {
    pub fn new(options: BuildOptions) -> Rebuilder {
        Rebuilder {
            options,
            site: None,
            fingerprints: Fingerprints::new(),
            sources: SourceCache::default(),
            sitemaps: Vec::new(),
            rest: None,
        }
    }

    /// Loads and renders the whole site.
    pub fn full(&mut self) -> Result<Vec<OutputFile>> {
        self.fingerprints.clear();
        self.load_and_render()
    }

    /// Loads the whole site and renders it, reusing every page whose fingerprint is in
    /// `self.fingerprints` (those come back as empty `Published` paths).
    fn load_and_render(&mut self) -> Result<Vec<OutputFile>> {
        let site = self.load()?;
        self.render_all(site)
    }

    fn load(&mut self) -> Result<Site> {
        let mut timings = Timings::default();
        // What it rendered of each page's Markdown is kept for the load, its site dropped.
        if let Some(site) = self.site.take() {
            self.sources.keep_markdown(site);
        }
        // A preview left running past midnight still opens and closes job listings on time.
        self.options.today = crate::dates::today()?;
        let site = Site::load_reusing(&self.options, &mut timings, &self.sources)?;
        // As `build` prints them: a preview is where authors see their problems first.
        for w in &site.warnings {
            errln!("warning: {w}");
        }
        Ok(site)
    }

    /// Renders every file of `site`, which is kept as the loaded site once that succeeds.
    fn render_all(&mut self, site: Site) -> Result<Vec<OutputFile>> {
        // Taken, so that a failure leaves none: the next render then reuses nothing.
        let cache = RenderCache::in_memory(std::mem::take(&mut self.fingerprints));
        let files = site::render_reusing(&site, Some(&cache), None)?;
        self.fingerprints = cache.into_fingerprints();
        self.sitemaps = sitemaps_of(&files);
        self.site = Some(site);
        Ok(files)
    }

    /// Whether part of the last change is still to be rendered (`rest`).
    pub fn has_rest(&self) -> bool {
        self.rest.is_some()
    }

    /// Renders the next part of what the last change left (`has_rest`), the pages among
    /// `wanted` (site keys requests wait for) first.
    pub fn rest(&mut self, wanted: &HashSet<String>) -> Result<Outcome> {
        let result = match (self.rest.take(), self.site.take()) {
            (Some(Rest::Site { left, done, drawn, templates_only, reloaded }), Some(site)) => {
                let site = self.site.insert(site);
                let mut left = left.unwrap_or_else(|| listed(site, &done));
                let part = next_part(&mut left, wanted);
                if part.is_empty() {
                    let sitemaps = (!templates_only).then_some(&mut self.sitemaps);
                    return Ok(Self::finish_site(site, drawn, sitemaps, reloaded));
                }
                let targets = part.iter().map(|(_, t)| t);
                let files = Self::render_targets(site, targets, &mut self.fingerprints, templates_only);
                let drawn = drawn + files.as_ref().map_or(0, Vec::len);
                self.rest = Some(Rest::Site { left: Some(left), done, drawn, templates_only, reloaded });
                files.map(|changed| Outcome {
                    summary: format!("rendered {} of {} pages", changed.len(), part.len()),
                    files: Changes::Some { changed, removed: Vec::new() },
                    stale: Some(Stale::Fewer(part.into_iter().map(|(key, _)| key).collect())),
                })
            }
            (Some(Rest::Edit(edited)), Some(site)) => {
                let site = self.site.insert(site);
                Self::finish_edit(site, &edited, &mut self.fingerprints, &mut self.sitemaps)
            }
            _ => Err(anyhow::anyhow!("nothing is left to render")),
        };
        self.forget_on_error(result)
    }

    /// Draws `targets` of `site`, each recorded with its fingerprint and left out when that
    /// is the one served; with `templates_only` (see `Rest::Site`), no page's input is hashed.
    fn render_targets<'a>(
        site: &Site,
        targets: impl Iterator<Item = &'a Target>,
        fingerprints: &mut Fingerprints,
        templates_only: bool,
    ) -> Result<Vec<OutputFile>> {
        let targets: Vec<&Target> = targets.collect();
        let cache = match templates_only {
            true => RenderCache::in_memory_inputs_known(std::mem::take(fingerprints)),
            false => RenderCache::in_memory(std::mem::take(fingerprints)),
        };
        let files = site::render_targets(site, targets, Some(&cache));
        *fingerprints = cache.into_updated_fingerprints();
        Ok(files?)
    }

    /// The end of `Rest::Site`, every page drawn (`drawn` of them anew): given the served
    /// sitemap's parts, the files made without templates, the sitemap's parts it no longer
    /// has removed; else those files are left as they are. After a reload (`reloaded`),
    /// only the files of the site as loaded stay served: a feed can have gone with its tag.
    fn finish_site(site: &Site, drawn: usize, served_sitemaps: Option<&mut Vec<String>>, reloaded: bool) -> Outcome {
        let Some(served_sitemaps) = served_sitemaps else {
            let nothing = Changes::Some { changed: Vec::new(), removed: Vec::new() };
            return Outcome::new(
                nothing,
                format!("rendered {} (feeds and sitemap unchanged)", crate::wording::count(drawn, "page", "pages")),
            );
        };
        let changed = site::render_generated(site);
        let sitemaps = sitemaps_of(&changed);
        let removed: Vec<String> = served_sitemaps.iter().filter(|rel| !sitemaps.contains(rel)).cloned().collect();
        *served_sitemaps = sitemaps;
        let summary =
            format!("rendered {} and {} other files", crate::wording::count(drawn, "page", "pages"), changed.len());
        // (A reload is never `templates_only`, which leaves `served_sitemaps` out.)
        let files = if reloaded {
            let mut keep: HashSet<String> = site.targets().into_iter().map(|(key, _)| key).collect();
            keep.extend(site.assets.iter().chain(&changed).map(|f| f.rel.clone()));
            Changes::Keeping { changed, keep }
        } else {
            Changes::Some { changed, removed }
        };
        Outcome::new(files, summary)
    }

    /// Leaves out paths that are gone and were never part of the site: an atomic save
    /// reports its temporary file too, and the save must count as one edited file.
    pub fn relevant(&self, batch: BTreeSet<PathBuf>) -> BTreeSet<PathBuf> {
        batch.into_iter().filter(|rel| self.matters(rel)).collect()
    }

    /// After a failure the loaded site is dropped, so the next change rebuilds everything:
    /// the error then stays shown until the build succeeds, whichever file is saved next.
    /// `open`: the site keys of the pages open in a browser, which a change to what every
    /// page shows renders first (the outcome is then partial).
    pub fn apply(&mut self, batch: &BTreeSet<PathBuf>, open: &HashSet<String>) -> Result<Outcome> {
        let pending = self.rest.take();
        // Every page's stamp holds its input as it is now: of earlier changes, at most
        // templates are left to draw.
        let settled = matches!(pending, None | Some(Rest::Site { templates_only: true, .. }));
        // Any rest left undrawn (an article edit's too) is drawn with this change.
        let unfinished = pending.is_some();
        let reloaded = matches!(pending, Some(Rest::Site { reloaded: true, .. }));
        let result = self.try_apply(batch, open, settled).map(|outcome| match unfinished {
            true => self.carry(outcome),
            false => outcome,
        });
        // A reload's rest carried on: what it has to remove still has to go at its end.
        if let (true, Some(Rest::Site { reloaded, .. })) = (reloaded, &mut self.rest) {
            *reloaded = true;
        }
        self.forget_on_error(result)
    }

    /// `outcome` of a change that came before the rest of an earlier one was drawn (`rest`
    /// stopped for it): those pages stay stale, and the whole site's pages are looked at
    /// again, now with this change in it, the feeds after. Only pages whose fingerprint
    /// moved are drawn again.
    fn carry(&mut self, mut outcome: Outcome) -> Outcome {
        if matches!(self.rest, Some(Rest::Site { .. })) || matches!(outcome.files, Changes::Reusing(_)) {
            // This change draws the whole site again anyway (`templates_only` only when no
            // more than templates were left to draw), or has drawn it.
            return outcome;
        }
        // An article edit's own rest (`Rest::Edit`) is part of the site's, which does not
        // forget what the edit removed as `finish_edit` would.
        if let Changes::Some { removed, .. } = &outcome.files {
            for rel in removed {
                self.fingerprints.remove(rel);
            }
        }
        if outcome.stale.is_none() {
            outcome.stale = Some(Stale::Only(HashSet::new()));
        }
        self.rest =
            Some(Rest::Site { left: None, done: HashSet::new(), drawn: 0, templates_only: false, reloaded: false });
        outcome
    }

    fn forget_on_error<T>(&mut self, result: Result<T>) -> Result<T> {
        if result.is_err() {
            // Fingerprints may then name pages rendered but never served.
            self.forget();
        }
        result
    }

    /// Drops the loaded site and all that was kept of it: the next change reloads.
    pub fn forget(&mut self) {
        self.site = None;
        self.fingerprints.clear();
        self.rest = None;
    }

    /// `settled`: no earlier change was left partly drawn.
    fn try_apply(&mut self, batch: &BTreeSet<PathBuf>, open: &HashSet<String>, settled: bool) -> Result<Outcome> {
        let root = &self.options.root;
        self.sources.forget(batch.iter().map(|rel| root.join(rel)));
        if self.only_static_edits(batch) {
            let nothing = Changes::Some { changed: Vec::new(), removed: Vec::new() };
            return Ok(Outcome::new(nothing, "static file served as saved, nothing rebuilt".into()));
        }
        if let Some(outcome) = self.article_edit(batch, open)? {
            return Ok(outcome);
        }
        if let Some(outcome) = self.template_edit(batch, open, settled)? {
            return Ok(outcome);
        }
        self.reload(open)
    }

    /// Anything that can change which pages there are (a new or deleted file other than an
    /// article's, site.toml, a section's text, a listing): the site is loaded again. With a
    /// page open in a browser it is then drawn as after a template edit, that page first
    /// and the rest by `rest`: pages the site no longer has, and copied files, are changed
    /// at once, and the pages and feeds not yet served named stale, so that a request waits
    /// for them. When the new site's paths would clash, a whole render says so as a build
    /// would.
    fn reload(&mut self, open: &HashSet<String>) -> Result<Outcome> {
        match &self.site {
            Some(_) if !open.is_empty() => self.reload_open_first(open),
            _ => self.reload_whole(),
        }
    }

    /// Loads the site again and draws the pages `open` first (see `reload`).
    fn reload_open_first(&mut self, open: &HashSet<String>) -> Result<Outcome> {
        let old_assets = self.site.as_ref().map(asset_keys).unwrap_or_default();
        let site = self.load()?;
        match self.turnover(&site, old_assets) {
            Some(turn) => self.draw_open_first(site, open, "reloaded the site, ", turn),
            None => self.render_all(site).map(Self::whole),
        }
    }

    /// What the loaded `site` changes in what is served (see `reload`), its pages listed
    /// for `rest`; `old_assets` are the copied files served now. None when its paths would
    /// clash (`Site::outputs_clash`), which only a whole render reports as a build does.
    fn turnover(&mut self, site: &Site, old_assets: Vec<String>) -> Option<Turnover> {
        let left = listed(site, &HashSet::new());
        let generated = site.generated_keys();
        let is_alias = Target::is_redirect;
        let aliases: Vec<&str> = left.iter().filter(|(_, t)| is_alias(t)).map(|(key, _)| key.as_str()).collect();
        let pages = left.iter().filter(|(_, t)| !is_alias(t)).map(|(key, _)| key.as_str());
        let assets = site.assets.iter().map(|a| a.rel.as_str());
        if site.outputs_clash(pages.chain(assets).chain(generated.iter().map(String::as_str)), &aliases) {
            return None;
        }
        let keys: HashSet<&str> = left.iter().map(|(key, _)| key.as_str()).collect();
        let now: HashSet<&str> = site.assets.iter().map(|a| a.rel.as_str()).collect();
        let mut removed: Vec<String> =
            self.fingerprints.keys().filter(|key| !keys.contains(key.as_str())).cloned().collect();
        for key in &removed {
            self.fingerprints.remove(key);
        }
        let coming = left.iter().map(|(key, _)| key).filter(|key| !self.fingerprints.contains_key(*key)).cloned();
        let coming: Vec<String> = coming.chain(generated).collect();
        removed.extend(old_assets.into_iter().filter(|rel| !now.contains(rel.as_str())));
        Some(Turnover { left: Some(left), removed, coming, templates_only: false, reloaded: true })
    }

    /// Loads and renders the whole site at once.
    fn reload_whole(&mut self) -> Result<Outcome> {
        self.load_and_render().map(Self::whole)
    }

    fn whole(files: Vec<OutputFile>) -> Outcome {
        let summary = rendered_summary("reloaded the site, rendered", &files);
        Outcome::new(Changes::Reusing(files), summary)
    }

    /// Templates or data files alone changed: what pages show changed, and seldom which
    /// pages there are. After templates alone, the loaded site only takes them again,
    /// unless a body drew a shortcode with them or the theme gained or lost the job filter
    /// groups' template; else the site is loaded again, as `reload_open_first` does (which
    /// pages there are can change then). The pages open in a browser are rendered and
    /// announced first, and the rest follow (`rest`) a part at a time, pages that requests
    /// wait for first.
    ///
    /// When templates alone changed after a `settled` change, no page's own input did, and
    /// pages are stamped without hashing it again.
    fn template_edit(
        &mut self,
        batch: &BTreeSet<PathBuf>,
        open: &HashSet<String>,
        settled: bool,
    ) -> Result<Option<Outcome>> {
        if !self.only_presentation_edits(batch) {
            return Ok(None);
        }
        let data = self.options.root.join(crate::data::DATA_DIR);
        let no_data_files = batch.iter().all(|rel| !self.options.root.join(rel).starts_with(&data));
        // Left in `self.site` when not kept, so that the load keeps its Markdown.
        let kept = match self.site.take() {
            // Past midnight, listings open and close: that takes a load.
            Some(mut site) if no_data_files && site.today == crate::dates::today()? => {
                if site.reload_templates()? {
                    Some(site)
                } else {
                    self.site = Some(site);
                    None
                }
            }
            other => {
                self.site = other;
                None
            }
        };
        // Loaded again, the site can have other pages: the job filter groups' template
        // decides whether a group has one, and listings close at midnight.
        let Some(site) = kept else { return self.reload_open_first(open).map(Some) };
        let turn = Turnover { templates_only: settled, ..Turnover::default() };
        self.draw_open_first(site, open, "kept the content, ", turn).map(Some)
    }

    /// Draws the pages of `site` open in a browser, and leaves the rest to `rest`, every
    /// other file named stale: `site` is the site from now on.
    fn draw_open_first(&mut self, site: Site, open: &HashSet<String>, how: &str, turn: Turnover) -> Result<Outcome> {
        let first = site.targets_among(open);
        let targets = first.iter().map(|(_, t)| t);
        let mut changed = Self::render_targets(&site, targets, &mut self.fingerprints, turn.templates_only)?;
        // Those whose fingerprint did not move (not drawn with an edited template) are left
        // as served, and are not counted as drawn.
        let drawn = changed.len();
        let done: HashSet<String> = first.into_iter().map(|(key, _)| key).collect();
        let open_count = done.len();
        let mut up_to_date = done.clone();
        up_to_date.extend(site.assets.iter().map(|a| a.rel.clone()));
        if turn.reloaded {
            changed.extend(site.assets.iter().cloned());
        }
        let left = turn.left.map(|mut left| {
            left.retain(|(key, _)| !done.contains(key));
            left
        });
        let mut coming = turn.coming;
        coming.retain(|key| !done.contains(key));
        self.site = Some(site);
        let (templates_only, reloaded) = (turn.templates_only, turn.reloaded);
        self.rest = Some(Rest::Site { left, done, drawn, templates_only, reloaded });
        let summary = match (drawn, open_count) {
            (0, 0) => format!("{how}rendering the pages the change shows in"),
            (0, 1) => format!("{how}the page open in a browser is unchanged"),
            (0, n) => format!("{how}the {n} pages open in a browser are unchanged"),
            (1, _) => format!("{how}rendered the page open in a browser first"),
            (n, _) => format!("{how}rendered the {n} pages open in a browser first"),
        };
        let first = Changes::Some { changed, removed: turn.removed };
        let stale = Stale::AllBut { fresh: up_to_date, coming };
        Ok(Outcome { files: first, summary, stale: Some(stale) })
    }

    /// One existing article edited in place (an atomic save included), or one added or
    /// removed (`Site::arrive`): the site is updated without a reload, and only the pages
    /// that can show the edit are looked at (`Site::edit_article`), of which only those
    /// whose fingerprint moved are rendered. When those are many, the ones open in a
    /// browser come first. A draft left out of the site, saved or deleted, draws nothing.
    fn article_edit(&mut self, batch: &BTreeSet<PathBuf>, open: &HashSet<String>) -> Result<Option<Outcome>> {
        let (Some(site), 1) = (&mut self.site, batch.len()) else { return Ok(None) };
        let Some(rel) = batch.first() else { return Ok(None) };
        let Ok(content_rel) = rel.strip_prefix(crate::content::CONTENT_DIR) else { return Ok(None) };
        // A preview left running past midnight reloads, so job listings open and close on time.
        if crate::dates::today()? != site.today {
            return Ok(None);
        }
        let content_rel =
            content_rel.components().map(|c| c.as_os_str().to_string_lossy()).collect::<Vec<_>>().join("/");
        let edited = match site.edit_article(&content_rel, self.options.future)? {
            Some(edited) => edited,
            None => match site.arrive(&content_rel, &self.options)? {
                Some(Arrival::Listed(edited)) => *edited,
                Some(Arrival::LeftOut) => {
                    let nothing = Changes::Some { changed: Vec::new(), removed: Vec::new() };
                    return Ok(Some(Outcome::new(nothing, "left out of the site (a draft), nothing rendered".into())));
                }
                None => return Ok(None),
            },
        };
        for w in &edited.warnings {
            errln!("warning: {w}");
        }
        if let Some(first) = Self::open_first(site, &edited, open, &self.sitemaps)? {
            // Gone now, or drawn without a cache (their stamps still say what was served
            // before): were the rest stopped and carried, and the edit undone by then, no
            // stamp may pass the old page off as what is served.
            if let Changes::Some { removed, changed } = &first.files {
                for rel in removed.iter().chain(changed.iter().map(|f| &f.rel)) {
                    self.fingerprints.remove(rel);
                }
            }
            self.rest = Some(Rest::Edit(Box::new(edited)));
            return Ok(Some(first));
        }
        Self::finish_edit(site, &edited, &mut self.fingerprints, &mut self.sitemaps).map(Some)
    }

    /// The pages open in a browser among the many that can show `edited`, when there are
    /// any; the rest (named stale, with the `sitemaps` served when the sitemap can change)
    /// are left to `rest`.
    fn open_first(
        site: &Site,
        edited: &Edited,
        open: &HashSet<String>,
        sitemaps: &[String],
    ) -> Result<Option<Outcome>> {
        if open.is_empty() {
            return Ok(None);
        }
        let first = site::render_edit(site, edited, None, Some(open))?;
        if first.changed.is_empty() || first.considered <= FIRST_WHEN_OVER {
            return Ok(None);
        }
        let mut stale: HashSet<String> = first.left_out.into_iter().collect();
        if first.sitemap_left_out {
            stale.extend(sitemaps.iter().cloned());
        }
        let summary = format!(
            "re-rendered {} open in a browser first, of the {} files that could show it",
            crate::wording::count(first.changed.len(), "page", "pages"),
            first.considered
        );
        let files = Changes::Some { changed: first.changed, removed: first.removed };
        Ok(Some(Outcome { files, summary, stale: Some(Stale::Only(stale)) }))
    }

    /// Renders the pages that can show `edited` whose fingerprint moved.
    fn finish_edit(
        site: &Site,
        edited: &Edited,
        fingerprints: &mut Fingerprints,
        served_sitemaps: &mut Vec<String>,
    ) -> Result<Outcome> {
        let cache = RenderCache::in_memory(std::mem::take(fingerprints));
        let rendered = site::render_edit(site, edited, Some(&cache), None);
        // Kept on failure too: `apply` then forgets them with the site.
        *fingerprints = cache.into_updated_fingerprints();
        let EditFiles { changed, mut removed, considered, .. } = rendered?;
        let sitemaps = sitemaps_of(&changed);
        if !sitemaps.is_empty() {
            removed.extend(served_sitemaps.iter().filter(|rel| !sitemaps.contains(rel)).cloned());
            *served_sitemaps = sitemaps;
        }
        for rel in &removed {
            fingerprints.remove(rel);
        }
        let summary = format!("re-rendered {} of the {considered} files that could show it", changed.len());
        Ok(Outcome::new(Changes::Some { changed, removed }, summary))
    }

    /// A path that exists now, or that the loaded site read from or from inside (so its
    /// removal counts: a deleted page bundle may be reported as its folder alone), left-out
    /// drafts included (a draft bundle's files are published once it is gone).
    fn matters(&self, rel: &PathBuf) -> bool {
        let abs = self.options.root.join(rel);
        if abs.exists() {
            return true;
        }
        let Some(site) = &self.site else { return true };
        if !rel.starts_with(crate::content::CONTENT_DIR) {
            return true;
        }
        let content_rel = rel.strip_prefix(crate::content::CONTENT_DIR).unwrap_or(rel);
        let content_rel: Vec<_> = content_rel.components().map(|c| c.as_os_str().to_string_lossy()).collect();
        site.left_out_under(&content_rel.join("/"))
            || site.pages.iter().any(|p| p.page.file.abs.starts_with(&abs))
            || site.jobs.iter().any(|j| j.job.file.abs.starts_with(&abs))
            || site.sections.values().any(|s| s.source.file.as_ref().is_some_and(|f| f.abs.starts_with(&abs)))
            || site.assets.iter().any(|a| matches!(&a.data, Data::Copy(src) if src.starts_with(&abs)))
            || site.sections.keys().any(|k| abs == self.options.root.join(crate::content::CONTENT_DIR).join(k))
    }

    /// Whether `batch` touches only what the loaded site's pages are drawn with, not which
    /// pages there are: the theme's templates, the site's own, and data files (which
    /// templates alone read).
    fn only_presentation_edits(&self, batch: &BTreeSet<PathBuf>) -> bool {
        let Some(site) = &self.site else { return false };
        let root = &self.options.root;
        let folders = [
            crate::templates::theme_dir(root, &site.config).join("templates"),
            root.join("templates"),
            root.join(crate::data::DATA_DIR),
        ];
        batch.iter().all(|rel| {
            let abs = root.join(rel);
            folders.iter().any(|f| abs.starts_with(f))
        })
    }

    /// Edits of copied files the site already has (`static/`, and images and other files
    /// beside the Markdown, page bundles' included): they are read when requested. Their
    /// URLs, which relative links use, stay the same. A symlink or a pipe saved in a
    /// file's place goes through the full rebuild, whose walk says where it leads, and so
    /// does an image whose size the site read: the pages showing it give that size.
    fn only_static_edits(&self, batch: &BTreeSet<PathBuf>) -> bool {
        let Some(site) = &self.site else { return false };
        batch.iter().all(|rel| {
            let abs = self.options.root.join(rel);
            let regular = std::fs::symlink_metadata(&abs).is_ok_and(|m| m.is_file());
            regular
                && !site.sized_images.contains(&abs)
                && site.assets.iter().any(|a| matches!(&a.data, Data::Copy(src) if *src == abs))
        })
    }
}

/// The output paths of `site`'s copied files.
fn asset_keys(site: &Site) -> Vec<String> {
    site.assets.iter().map(|a| a.rel.clone()).collect()
}

/// The pages `site`'s templates draw but those `done`, in the order `next_part` takes them.
fn listed(site: &Site, done: &HashSet<String>) -> Vec<(String, Target)> {
    let mut left = site.targets();
    left.retain(|(key, _)| !done.contains(key));
    // Taken from the end, fewest folders deep first: the home page and the sections' first
    // pages come before the articles and list pages under them.
    left.sort_by_cached_key(|(key, _)| std::cmp::Reverse(key.matches('/').count()));
    left
}

/// The next step of `Rest::Site`, taken from `left`: the pages among `wanted` when any is,
/// else the next `STEP`.
fn next_part(left: &mut Vec<(String, Target)>, wanted: &HashSet<String>) -> Vec<(String, Target)> {
    let mut asked = Vec::new();
    if !wanted.is_empty() {
        left.retain_mut(|(key, target)| match wanted.contains(key.as_str()) {
            true => {
                asked.push((std::mem::take(key), target.clone()));
                false
            }
            false => true,
        });
    }
    if asked.is_empty() {
        asked = left.split_off(left.len().saturating_sub(STEP));
    }
    asked
}
