//! Which listings the job board's feeds carry and how a listing reads in each: Indeed's XML
//! and a JSON Feed for aggregators and apps (written by `crate::feeds::jobs`), and an Atom
//! feed of new listings for readers, through the article feeds' own writer. Open listings
//! only, in the board's order (newest first), so a listing that closes leaves every feed
//! in the same build that takes it off the board.

use super::feeds::{generated, generated_source, streamed, FeedLink};
use super::render::Base;
use super::{cache, Section, Site, SiteJob};
use crate::dates::Date;
use crate::feeds::jobs::{self as writer, JsonItem, Place, Posting, Publisher, INDEED_FILE, JSON_FEED_FILE};
use crate::feeds::{self, Entry, Feed, FEED_FILE};
use crate::jobs::{jsonld, EmploymentType, Job, Location, Salary, SalaryUnit, Workplace};
use crate::output::{OutputFile, Stage};
use crate::templates::join_url;
use rayon::prelude::*;
use serde::Serialize;

/// A job feed as the board's `<head>` links it (`job_feeds` on the board's list pages).
#[derive(Debug, Clone, Serialize)]
pub struct JobFeedLink {
    #[serde(flatten)]
    pub link: FeedLink,
    /// The `type` of its `<link rel="alternate">`.
    pub mime: &'static str,
}

/// The names and URLs the board's Atom and JSON feeds describe themselves with.
struct BoardMeta {
    title: String,
    feed_url: String,
    /// The board's first list page.
    page_url: String,
}

/// A build's render, and `Site::open_listing_hashes`: what a job feed is reused by.
type Reuse<'b, 'h> = (&'b Base<'b>, &'h [cache::InputHash]);

/// Each job feed's file beside the board's list page, its media type, and its format's
/// name for the link's title.
const JOB_FEEDS: [(&str, &str, &str); 3] = [
    (FEED_FILE, "application/atom+xml", "Atom"),
    (JSON_FEED_FILE, "application/feed+json", "JSON Feed"),
    (INDEED_FILE, "application/xml", "XML for job sites"),
];

/// The job feeds' paths (`jobs/atom.xml`, …), which pages may link to.
pub(super) fn job_feed_paths(board: &Section) -> impl Iterator<Item = String> + '_ {
    JOB_FEEDS.iter().map(|(file, ..)| feed_path(board, file))
}

/// Where a job feed is published: beside the board's list page.
fn feed_path(board: &Section, file: &str) -> String {
    format!("{}{file}", board.path)
}

impl Site {
    /// The board's feeds; none for a site without a board. They are written even when no
    /// listing is open: an empty feed tells aggregators that every job has closed, where a
    /// missing one looks like a broken site and leaves them showing the old jobs.
    /// With a staging folder, the Atom feed is put there as soon as it is made, and the
    /// two large ones are streamed into it as they are made, so that neither is ever held
    /// whole. In a build (`base`) those two are taken from the last one when what they
    /// carry is unchanged: at 20,000 listings they are 135 MB of JSON and 66 MB of XML,
    /// made and compared with the old files on every rebuild.
    pub(super) fn job_feeds(&self, base: Option<&Base<'_>>) -> Vec<OutputFile> {
        let Some(board) = self.sections.get(&self.config.jobs.section) else { return Vec::new() };
        let stage = base.and_then(|b| b.stage);
        let atom = self.job_atom(board);
        let atom = match stage {
            Some(stage) => stage.put(atom),
            None => atom,
        };
        let hashes = base.filter(|b| b.reuses_generated()).and_then(|b| Some((b, self.open_listing_hashes()?)));
        let reuse = hashes.as_ref().map(|(base, hashes)| (*base, &hashes[..]));
        let (json, indeed) =
            rayon::join(|| self.job_json_feed(board, stage, reuse), || self.indeed_feed(board, stage, reuse));
        vec![atom, json, indeed]
    }

    /// A hash of everything the JSON and XML job feeds read of each open listing, in their
    /// order: what those feeds are made of, past their own few fields. None when one cannot
    /// be hashed. A new field of `Job` is in it by itself; anything else the writers come to
    /// read (of `SiteJob`, the config) must join it or the feed's own fields, or the feed
    /// is reused stale.
    fn open_listing_hashes(&self) -> Option<Vec<cache::InputHash>> {
        self.callouts
            .open
            .par_iter()
            .map(|&j| {
                let SiteJob { job, permalink, html, logo_url, .. } = &self.jobs[j];
                // The body is hashed as its own hash (`markdown::Html`): room for the rest.
                cache::input_hash_from(&(job, permalink, html, logo_url), 2048)
            })
            .collect()
    }

    /// The feeds as the board's pages link them.
    pub(super) fn job_feed_links(&self, board: &Section) -> Vec<JobFeedLink> {
        let title = self.job_feed_title(board);
        JOB_FEEDS
            .iter()
            .map(|&(file, mime, format)| JobFeedLink {
                link: FeedLink { title: format!("{title} ({format})"), url: self.board_file_url(board, file) },
                mime,
            })
            .collect()
    }

    /// "Career Compass: Jobs": the site's title and the board's.
    fn job_feed_title(&self, board: &Section) -> String {
        format!("{}: {}", self.config.title, board.title)
    }

    /// The names and URLs the Atom or JSON feed in `file` describes itself with.
    fn board_meta(&self, board: &Section, file: &str) -> BoardMeta {
        BoardMeta {
            title: self.job_feed_title(board),
            feed_url: self.board_file_url(board, file),
            page_url: join_url(&self.config.base_url, &board.path),
        }
    }

    /// What the Atom or JSON feed says of itself: the board's title and description, where
    /// the feed is, the board as the page it mirrors, and when the newest of `items` came
    /// (listings have no `updated`); without any, the build date, as the site feed has it.
    fn board_feed<'a>(&'a self, board: &'a Section, meta: &'a BoardMeta, items: &[usize]) -> Feed<'a> {
        let (author, author_url) = self.feed_author();
        Feed {
            title: &meta.title,
            subtitle: board.source.meta.description.as_deref().unwrap_or_default(),
            language: &self.config.language,
            self_url: &meta.feed_url,
            page_url: &meta.page_url,
            author,
            author_url,
            updated: items.iter().map(|&j| self.jobs[j].job.date_posted).max().unwrap_or(Date::day(self.today)),
        }
    }

    fn board_file_url(&self, board: &Section, file: &str) -> String {
        join_url(&self.config.base_url, &feed_path(board, file))
    }

    /// New listings for people: the newest `[feeds] limit` open ones, like the article feeds.
    fn job_atom(&self, board: &Section) -> OutputFile {
        let open = &self.callouts.open;
        let newest = &open[..open.len().min(self.config.feeds.limit)];
        let meta = self.board_meta(board, FEED_FILE);
        let feed = self.board_feed(board, &meta, newest);
        let headlines: Vec<String> = newest.iter().map(|&j| self.jobs[j].job.headline()).collect();
        let entries = newest.iter().zip(&headlines).map(|(&j, headline)| {
            let SiteJob { job, permalink, html, .. } = &self.jobs[j];
            feeds::entry(&Entry {
                permalink,
                title: headline,
                // The employer is in the title; the entry's author is the site's, as the feed's.
                authors: Vec::new(),
                published: job.date_posted,
                updated: job.date_posted,
                summary: job.summary(&self.jobs[j].place).into_owned(),
                content: html,
                categories: job.tags.iter().map(String::as_str).collect(),
            })
        });
        let xml = feeds::atom(&feed, entries);
        generated(feed_path(board, FEED_FILE), "the job board's Atom feed", xml)
    }

    /// Every open listing as JSON Feed 1.1, with the JobPosting data its page carries.
    fn job_json_feed(&self, board: &Section, stage: Option<&Stage>, reuse: Option<Reuse<'_, '_>>) -> OutputFile {
        let meta = self.board_meta(board, JSON_FEED_FILE);
        let feed = self.board_feed(board, &meta, &self.callouts.open);
        let items = self.callouts.open.iter().map(|&j| {
            let SiteJob { job, permalink, html, logo_url, .. } = &self.jobs[j];
            JsonItem {
                permalink,
                title: &job.title,
                content_html: html,
                summary: job.description.as_deref(),
                external_url: &job.apply_url,
                published: job.date_posted,
                tags: &job.tags,
                job_posting: jsonld::job_posting(job, html, permalink, logo_url.as_deref()),
            }
        });
        let rel = feed_path(board, JSON_FEED_FILE);
        let own = (JSON_FEED_FILE, &feed);
        large_feed(stage, reuse, rel, "the job board's JSON Feed", &own, |out| writer::json_feed(&feed, items, out))
    }

    /// Every open listing in Indeed's XML: aggregators want all of them, never a newest few.
    fn indeed_feed(&self, board: &Section, stage: Option<&Stage>, reuse: Option<Reuse<'_, '_>>) -> OutputFile {
        let home = join_url(&self.config.base_url, "");
        let publisher = Publisher { name: &self.config.title, url: &home, last_build: Date::day(self.today) };
        let postings = self.callouts.open.iter().flat_map(|&j| postings(&self.jobs[j]));
        let rel = feed_path(board, INDEED_FILE);
        let own = (INDEED_FILE, &publisher);
        large_feed(stage, reuse, rel, "the job board's XML feed", &own, |out| {
            writer::indeed_xml(&publisher, postings, out)
        })
    }
}

/// A job feed carrying every open listing, streamed into `stage` as `write` makes it; or,
/// with `reuse`, taken from the last build when its `own` fields and the listings' hashes
/// are what that build made it from.
fn large_feed(
    stage: Option<&Stage>,
    reuse: Option<Reuse<'_, '_>>,
    rel: String,
    what: &str,
    own: &impl Serialize,
    write: impl FnOnce(&mut dyn std::io::Write) -> std::io::Result<()>,
) -> OutputFile {
    match reuse {
        Some((base, listings)) => base.generated_or_reused(&rel, generated_source(what), &(own, listings), || {
            streamed(stage, rel.clone(), what, write)
        }),
        None => streamed(stage, rel, what, write),
    }
}

/// One posting per office, as Indeed files a job by place; a remote role has one.
fn postings(sj: &SiteJob) -> Vec<Posting<'_>> {
    let job = &sj.job;
    // The listing's path names it on this site as long as its URL lives; a second office
    // adds its number, so the first keeps the reference it had alone.
    let reference = job.path.trim_end_matches('/');
    let places: Vec<Place<'_>> = match job.locations.as_slice() {
        [] => vec![remote_place(job)],
        offices => offices.iter().map(office).collect(),
    };
    let remote_type = match job.workplace {
        Workplace::OnSite => None,
        Workplace::Hybrid => Some("Hybrid remote"),
        Workplace::Remote => Some("Fully remote"),
    };
    places
        .into_iter()
        .enumerate()
        .map(|(n, place)| Posting {
            title: &job.title,
            date: job.date_posted,
            reference: if n == 0 { reference.to_string() } else { format!("{reference}-{}", n + 1) },
            requisition_id: jsonld::identifier(job),
            url: &sj.permalink,
            company: &job.company,
            place,
            description: &sj.html,
            salary: job.salary.as_ref().map(salary_text),
            job_type: indeed_job_type(job.employment_type),
            remote_type,
            expires: job.valid_through.map(jsonld::end_of_validity),
            categories: &job.tags,
        })
        .collect()
}

fn given(v: &Option<String>) -> Option<&str> {
    v.as_deref().filter(|t| !t.trim().is_empty())
}

/// An office's address.
fn office(l: &Location) -> Place<'_> {
    Place {
        street: given(&l.street),
        city: Some(&l.city),
        state: given(&l.region),
        postal_code: given(&l.postal_code),
        country: Some(&l.country),
    }
}

/// A fully remote role: the country when it is open to one only (the job is then found by
/// that country's searches).
fn remote_place(job: &Job) -> Place<'_> {
    match job.applicant_countries.as_slice() {
        [one] => Place { country: Some(one), ..Place::default() },
        _ => Place::default(),
    }
}

/// "32000-38000 GBP per year": Indeed's salary element is text, as a reader would say it.
fn salary_text(s: &Salary) -> String {
    let amount = |x: f64| jsonld::number(x).to_string();
    let range = if s.min == s.max { amount(s.min) } else { format!("{}-{}", amount(s.min), amount(s.max)) };
    let per = match s.unit {
        SalaryUnit::Hour => "hour",
        SalaryUnit::Day => "day",
        SalaryUnit::Week => "week",
        SalaryUnit::Month => "month",
        SalaryUnit::Year => "year",
    };
    format!("{range} {} per {per}", s.currency)
}

/// Indeed's words for employment types; `OTHER` says nothing it could file, so none.
fn indeed_job_type(t: EmploymentType) -> Option<&'static str> {
    Some(match t {
        EmploymentType::FullTime => "fulltime",
        EmploymentType::PartTime => "parttime",
        EmploymentType::Contractor => "contract",
        EmploymentType::Temporary => "temporary",
        EmploymentType::Intern => "internship",
        EmploymentType::Volunteer => "volunteer",
        EmploymentType::PerDiem => "per diem",
        EmploymentType::Other => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn salaries_read_as_text_with_whole_amounts() {
        let salary = |min, max, unit| Salary { min, max, currency: "GBP".into(), unit };
        assert_eq!(salary_text(&salary(32000.0, 38000.0, SalaryUnit::Year)), "32000-38000 GBP per year");
        assert_eq!(salary_text(&salary(12.5, 12.5, SalaryUnit::Hour)), "12.5 GBP per hour");
        assert_eq!(salary_text(&salary(0.0, 100.0, SalaryUnit::Day)), "0-100 GBP per day");
        assert_eq!(salary_text(&salary(500.0, 650.5, SalaryUnit::Week)), "500-650.5 GBP per week");
        assert_eq!(salary_text(&salary(3000.0, 3000.0, SalaryUnit::Month)), "3000 GBP per month");
    }

    #[test]
    fn employment_types_map_to_indeed_words() {
        assert_eq!(indeed_job_type(EmploymentType::FullTime), Some("fulltime"));
        assert_eq!(indeed_job_type(EmploymentType::PartTime), Some("parttime"));
        assert_eq!(indeed_job_type(EmploymentType::Contractor), Some("contract"));
        assert_eq!(indeed_job_type(EmploymentType::Intern), Some("internship"));
        assert_eq!(indeed_job_type(EmploymentType::Other), None);
    }
}
