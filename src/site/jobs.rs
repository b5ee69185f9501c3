//! The job board, single-listing pages and job-listing callouts, as template contexts.
//! JobPosting markup is produced here only, for open single listings.

use super::context::{Paginator, SectionContext};
use super::job_feeds::JobFeedLink;
use super::job_filters::{ActiveFilter, BoardItem, FilterNav, JobFilter};
use super::listed::{Hashes, Listed, UNREMEMBERED};
use super::render::{Base, Dest, Pager};
use super::seo::SeoContext;
use super::{Section, Site, SiteJob, SitePage};
use crate::error::Error;
use crate::jobs::{jsonld, EmploymentType, Salary, Workplace};
use crate::markdown::Shortcode;
use crate::output::OutputFile;
use crate::templates::join_url;
use serde::Serialize;

/// The theme template that draws a callout, at the end of articles and for the shortcode.
pub const CALLOUT_TEMPLATE: &str = "partials/job_callout.html";

#[derive(Serialize)]
pub struct JobSummary<'a> {
    pub title: &'a str,
    pub company: &'a str,
    /// "City, Region, Country", "Hybrid: City, Country; City, Country" or "Remote (Country,
    /// Country)", countries named in the site's language.
    pub place: &'a str,
    /// Fully remote (a hybrid role is not).
    pub remote: bool,
    /// `on-site`, `hybrid` or `remote`.
    pub workplace: Workplace,
    /// "On-site", "Hybrid", "Remote".
    pub workplace_label: &'static str,
    pub employment_type: EmploymentType,
    pub employment_label: &'static str,
    pub date_posted: String,
    pub valid_through: Option<String>,
    pub permalink: &'a str,
    pub tags: &'a [String],
    pub salary: Option<&'a Salary>,
    /// "£32,000–£38,000 a year", in the site's language.
    pub salary_text: Option<&'a str>,
}

#[derive(Serialize)]
pub struct CalloutContext<'a> {
    /// The level of its heading: 2 at the end of a page; as a shortcode, one below the
    /// heading it stands under (`Shortcode::heading_level`).
    pub heading_level: u8,
    /// Its name as a landmark (`aria-label`), told apart from the page's other callouts.
    pub label: String,
    pub text: &'a str,
    pub board_url: String,
    pub jobs: Listed<'a, JobSummary<'a>>,
}

/// A callout's landmark name: "Open roles", with the tag it shows and, for any but the
/// page's first callout, its place among them. Screen readers list landmarks by role and
/// name, and two named alike cannot be told apart there.
fn callout_label(only_tag: Option<&str>, ordinal: usize) -> String {
    let mut label = match only_tag {
        Some(tag) => format!("Open roles: {}", tag.trim()),
        None => "Open roles".to_string(),
    };
    if ordinal > 1 {
        label.push_str(&format!(" ({ordinal})"));
    }
    label
}

/// Where the callout at the end of a body comes among the page's callouts: after every
/// `job_callout` shortcode of its body.
fn ordinal_after(shortcodes: &[String]) -> usize {
    shortcodes.iter().filter(|name| name.as_str() == "job_callout").count() + 1
}

#[derive(Serialize)]
struct JobContext<'a> {
    #[serde(flatten)]
    summary: JobSummary<'a>,
    company_url: Option<&'a str>,
    apply_url: &'a str,
    description: Option<&'a str>,
    content: &'a crate::markdown::Html,
    open: bool,
    /// Where `company_logo` is published.
    company_logo: Option<&'a str>,
    requisition_id: Option<&'a str>,
    hours: Option<&'a str>,
    benefits: Option<&'a str>,
    education: Option<&'a str>,
    experience_months: Option<u32>,
    /// `experience_months` in words: "2 years", "18 months".
    experience: Option<String>,
}

/// Months of experience as a reader says them: whole years in years.
fn experience_words(months: u32) -> String {
    let plural = |n: u32, one: &str| format!("{n} {one}{}", if n == 1 { "" } else { "s" });
    if months > 0 && months.is_multiple_of(12) {
        plural(months / 12, "year")
    } else {
        plural(months, "month")
    }
}

/// What `job.html` names; `job_posting_json` only while the listing is open.
#[derive(Serialize)]
struct JobVars<'a> {
    job: JobContext<'a>,
    board_url: String,
    current_url: &'a str,
    current_path: &'a str,
    seo: SeoContext<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    job_posting_json: Option<jsonld::PostingScript<'a>>,
}

/// What `jobs.html` names: one page of the board, or of one of its filter pages.
#[derive(Serialize)]
struct BoardVars<'a> {
    section: SectionContext<'a>,
    paginator: Paginator<Listed<'a, BoardItem<'a>>>,
    seo: SeoContext<'a>,
    current_url: String,
    current_path: &'a str,
    /// The board's feeds, for `<link rel="alternate">` in the head.
    job_feeds: Vec<JobFeedLink>,
    filters: FilterNav<'a>,
    #[serde(skip_serializing_if = "Option::is_none")]
    filter: Option<ActiveFilter<'a>>,
}

impl Site {
    pub(super) fn job_summary(&self, i: usize) -> JobSummary<'_> {
        let j = &self.jobs[i].job;
        JobSummary {
            title: &j.title,
            company: &j.company,
            place: &self.jobs[i].place,
            remote: j.workplace == Workplace::Remote,
            workplace: j.workplace,
            workplace_label: j.workplace.label(),
            employment_type: j.employment_type,
            employment_label: j.employment_type.label(),
            date_posted: j.date_posted.to_iso(),
            valid_through: j.valid_through.map(|d| d.to_iso()),
            permalink: &self.jobs[i].permalink,
            tags: &j.tags,
            salary: j.salary.as_ref(),
            salary_text: self.jobs[i].salary_text.as_deref(),
        }
    }

    fn board_url(&self) -> String {
        join_url(&self.config.base_url, &crate::content::section_path(&self.config.jobs.section))
    }

    /// `hashes`: the render's, for the fingerprint (`Base::listed`).
    fn callout<'a>(
        &'a self,
        tags: &[String],
        (only_tag, ordinal): (Option<&str>, usize),
        limit: usize,
        hashes: &'a Hashes,
    ) -> CalloutContext<'a> {
        let picked = self.callouts.select(tags, only_tag, limit);
        CalloutContext {
            heading_level: 2,
            label: callout_label(only_tag, ordinal),
            text: &self.config.jobs.callout_text,
            board_url: self.board_url(),
            jobs: Listed::callout(self, hashes, picked),
        }
    }

    /// The callout that ends an article, unless the site or the article turned it off.
    pub(super) fn article_callout<'a>(&'a self, i: usize, hashes: &'a Hashes) -> Option<CalloutContext<'a>> {
        let SitePage { page, rendered, .. } = &self.pages[i];
        let wanted = self.config.jobs.callout && page.is_article() && page.meta.job_callout != Some(false);
        let at = (None, ordinal_after(&rendered.shortcodes));
        (wanted && self.has_job_board())
            .then(|| self.callout(&page.meta.tags, at, self.config.jobs.callout_limit, hashes))
    }

    /// The callout on the follow-up calculator, chosen like an article tagged for
    /// follow-ups and interviews, and turned off with the site's callouts.
    pub(super) fn followup_callout<'a>(&'a self, hashes: &'a Hashes) -> Option<CalloutContext<'a>> {
        let tags = ["follow-up".to_string(), "interviewing".to_string()];
        (self.config.jobs.callout && self.has_job_board())
            .then(|| self.callout(&tags, (None, 1), self.config.jobs.callout_limit, hashes))
    }

    /// The home page's latest open roles: the newest, as for an article without tags;
    /// none without open roles, or when the site turned callouts off.
    pub(super) fn home_callout<'a>(&'a self, home: &Section, hashes: &'a Hashes) -> Option<CalloutContext<'a>> {
        let at = (None, ordinal_after(&home.shortcodes));
        (self.config.jobs.callout && !self.callouts.open.is_empty())
            .then(|| self.callout(&[], at, self.config.jobs.callout_limit, hashes))
    }

    /// `{{< job_callout tag="interviewing" limit="2" >}}`.
    pub(super) fn job_callout_shortcode(&self, sc: &Shortcode) -> Result<String, String> {
        if !self.has_job_board() {
            return Err(format!(
                "this site has no job board: add listings under content/{}/",
                self.config.jobs.section
            ));
        }
        if let Some(unknown) = sc.args.keys().find(|k| !["tag", "limit"].contains(&k.as_str())) {
            return Err(format!("unknown argument `{unknown}`; it takes `tag` and `limit`"));
        }
        let limit = match sc.args.get("limit") {
            Some(l) => {
                l.parse::<usize>().ok().filter(|n| (1..=crate::jobs::CALLOUT_LIMITS).contains(n)).ok_or_else(|| {
                    format!("`limit` {l:?} must be a number from 1 to {}", crate::jobs::CALLOUT_LIMITS)
                })?
            }
            None => self.config.jobs.callout_limit,
        };
        let tag = sc.args.get("tag").map(String::as_str);
        let tags: Vec<String> = tag.map(|t| vec![t.to_string()]).unwrap_or_default();
        let mut ctx = self.base_context();
        let at = (tag, sc.ordinal);
        let callout =
            CalloutContext { heading_level: sc.heading_level, ..self.callout(&tags, at, limit, &UNREMEMBERED) };
        ctx.insert("callout", &callout);
        self.templates.render(CALLOUT_TEMPLATE, &ctx).map_err(|e| e.to_string())
    }

    /// Every listing keeps its page; only open ones carry JobPosting data.
    pub(super) fn render_job_page(&self, base: &Base<'_>, i: usize) -> Result<OutputFile, Error> {
        let SiteJob { job: j, permalink, html, logo_url, place, .. } = &self.jobs[i];
        let dest = Dest {
            rel: format!("{}index.html", j.path),
            source: j.file.display.clone(),
            content_len: html.len(),
            own: true,
        };
        if let Some(left_out) = base.left_out(&dest) {
            return Ok(left_out);
        }
        let open = j.is_open(self.today);
        let description = j.summary(place);
        let vars = JobVars {
            job: JobContext {
                summary: self.job_summary(i),
                company_url: j.company_url.as_deref(),
                apply_url: &j.apply_url,
                description: j.description.as_deref(),
                content: html,
                open,
                company_logo: logo_url.as_deref(),
                requisition_id: j.details.requisition_id.as_deref(),
                hours: j.details.hours.as_deref(),
                benefits: j.details.benefits.as_deref(),
                education: j.details.education.as_deref(),
                experience_months: j.details.experience_months,
                experience: j.details.experience_months.map(experience_words),
            },
            board_url: self.board_url(),
            current_url: permalink,
            current_path: &j.path,
            seo: self.other_seo(j.headline(), &description, &j.path),
            job_posting_json: open.then(|| jsonld::PostingScript {
                job: j,
                description_html: html,
                permalink,
                logo_url: logo_url.as_deref(),
            }),
        };
        self.render_vars(base, "job.html", &vars, dest)
    }

    /// The job board's list pages: open listings, newest first.
    pub(super) fn render_board(&self, base: &Base<'_>) -> Vec<Result<OutputFile, Error>> {
        self.render_job_list(base, None)
    }

    /// One list of open listings, page by page: the whole board, or one filter's share of
    /// it under the filter's own title and URL, in the board's template.
    pub(super) fn render_job_list(&self, base: &Base<'_>, filter: Option<usize>) -> Vec<Result<OutputFile, Error>> {
        let Some(list) = self.job_list(filter) else { return Vec::new() };
        super::render::paginate(&self.config.base_url, list.path, list.items, list.per_page)
            .map(|(path, pager)| self.render_job_list_page(base, &list, &path, &pager))
            .collect()
    }

    /// The board's list (`filter` None) or one filter's (by index); None without a board
    /// or that filter.
    pub(super) fn job_list(&self, filter: Option<usize>) -> Option<JobList<'_>> {
        let section = self.sections.get(&self.config.jobs.section)?;
        let (path, items) = match filter {
            Some(k) => {
                let f = self.job_filters.filters.get(k)?;
                (&f.path, &f.items)
            }
            None => (&section.path, &self.callouts.open),
        };
        let per_page = section.per_page(&self.config);
        Some(JobList { section, filter, path, items, per_page })
    }

    /// One page of a list of open listings.
    pub(super) fn render_job_list_page(
        &self,
        base: &Base<'_>,
        list: &JobList<'_>,
        path: &str,
        pager: &Pager<'_>,
    ) -> Result<OutputFile, Error> {
        let section = list.section;
        let filter = list.filter.map(|k| &self.job_filters.filters[k]);
        let own = path == section.path;
        let dest = Dest { rel: format!("{path}index.html"), source: section.source_file(), content_len: 0, own };
        if let Some(left_out) = base.left_out(&dest) {
            return Ok(left_out);
        }
        let url = join_url(&self.config.base_url, path);
        let (heading, seo) = match filter {
            Some(f) => self.filter_heading(section, &f.title, &f.description, path),
            None => (self.section_context(section), self.list_seo(section, url.clone(), pager.current_index == 1)),
        };
        let vars = BoardVars {
            section: heading,
            paginator: pager.with_pages(Listed::board(self, &base.listed, pager.pages)),
            seo,
            current_url: url,
            current_path: path,
            job_feeds: self.job_feed_links(section),
            filters: self.filter_nav(list.filter),
            filter: filter.map(JobFilter::active),
        };
        let template = section.source.meta.template.as_deref().unwrap_or("jobs.html");
        self.render_vars(base, template, &vars, dest)
    }
}

/// A paginated list of open listings: the board's, or one filter's.
pub(super) struct JobList<'a> {
    section: &'a Section,
    /// The filter's index in `FilterIndex::filters`; None for the whole board.
    filter: Option<usize>,
    pub(super) path: &'a str,
    pub(super) items: &'a [usize],
    pub(super) per_page: usize,
}

#[cfg(test)]
mod tests {
    use crate::jobs::jsonld::{job_posting, PostingScript};
    use crate::jobs::Job;
    use crate::site::cache::input_hash;
    use serde_json::Value;

    const LISTING: &str = "---\ntitle: Advisor\ncompany: Acme </script>\nemployment_type: FULL_TIME\ndate_posted: 2025-01-10\napply_url: https://acme.example/apply\nlocation: { city: Leeds, country: gb }\n---\nBody\n";

    fn listing(text: &str) -> Job {
        crate::jobs::tests::parse(text).unwrap()
    }

    fn script(job: &Job) -> PostingScript<'_> {
        PostingScript { job, description_html: "<p>Body</p>", permalink: "https://a.io/jobs/advisor/", logo_url: None }
    }

    #[test]
    fn a_page_prints_the_escaped_posting_and_its_fingerprint_hashes_what_it_is_made_of() {
        let job = listing(LISTING);
        let printed = serde_json::to_value(script(&job)).unwrap();
        let expected =
            crate::escape::script_json(&job_posting(&job, "<p>Body</p>", "https://a.io/jobs/advisor/", None));
        assert_eq!(printed, Value::String(expected));
        assert!(!printed.as_str().unwrap().contains("</script>"), "{printed}");

        let hash = |job: &Job| input_hash(&script(job)).unwrap();
        assert_eq!(hash(&job), hash(&listing(LISTING)));
        // Fields only the JobPosting carries: its page's other variables show neither.
        let direct = listing(&LISTING.replace("---\nBody", "direct_apply: true\n---\nBody"));
        let street = listing(&LISTING.replace("city: Leeds,", "city: Leeds, street: 1 Park Row,"));
        assert_ne!(hash(&job), hash(&direct));
        assert_ne!(hash(&job), hash(&street));
        let logo = PostingScript { logo_url: Some("https://a.io/logo.png"), ..script(&job) };
        assert_ne!(hash(&job), input_hash(&logo).unwrap());
    }

    #[test]
    fn experience_in_words() {
        assert_eq!(super::experience_words(24), "2 years");
        assert_eq!(super::experience_words(12), "1 year");
        assert_eq!(super::experience_words(18), "18 months");
        assert_eq!(super::experience_words(1), "1 month");
        assert_eq!(super::experience_words(0), "0 months");
    }
}
