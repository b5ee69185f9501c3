//! Job listings: strict parsing of `content/jobs/*.md` (search engines reject or penalise
//! sloppy postings), open/closed status against the build date, and the callout that sends
//! article readers on to matching open roles.

pub mod jsonld;

use crate::content::alias::{self, Alias};
use crate::content::front_matter::{self, key_line, Split};
use crate::content::{stem_slug, validate_slug, ContentFile};
use crate::dates::Date;
use crate::error::{Error, ErrorKind, Errors};
use crate::seo::ImageSrc;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;

/// site.toml `[jobs]`.
#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, default)]
pub struct JobsConfig {
    /// The content folder that holds listings; its URL is the job board.
    pub section: String,
    /// Whether articles end with a job-listing callout.
    pub callout: bool,
    /// The callout's lead sentence.
    pub callout_text: String,
    /// How many listings a callout shows at most.
    pub callout_limit: usize,
}

impl Default for JobsConfig {
    fn default() -> Self {
        JobsConfig {
            section: "jobs".into(),
            callout: true,
            callout_text: "Ready for your next step? These roles are open now.".into(),
            callout_limit: 3,
        }
    }
}

impl JobsConfig {
    /// The key and message of a bad `[jobs]` setting.
    pub fn check(&self) -> Result<(), (&'static str, String)> {
        let s = &self.section;
        let bad = s.is_empty()
            || s.starts_with('/')
            || s.contains('\\')
            || s.split('/').any(|part| part.is_empty() || part == "." || part == "..");
        if bad {
            return Err(("section", format!("{s:?} is not a folder under content/, such as \"jobs\"")));
        }
        // As a callout's own `limit` takes: none would draw an empty box on every article.
        if !(1..=CALLOUT_LIMITS).contains(&self.callout_limit) {
            let message =
                format!("must be a number from 1 to {CALLOUT_LIMITS}; turn callouts off with `callout = false`");
            return Err(("callout_limit", message));
        }
        Ok(())
    }
}

/// The most listings one callout may show: a callout points readers on, the board lists.
pub const CALLOUT_LIMITS: usize = 20;

/// schema.org's employment types, written in front matter as Google documents them. Read
/// by `words_enum!`, so that a wrong value is answered with the words it takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE", remote = "Self")]
pub enum EmploymentType {
    FullTime,
    PartTime,
    Contractor,
    Temporary,
    Intern,
    Volunteer,
    PerDiem,
    Other,
}

impl EmploymentType {
    /// What readers see: "Full time" for FULL_TIME.
    pub fn label(self) -> &'static str {
        match self {
            EmploymentType::FullTime => "Full time",
            EmploymentType::PartTime => "Part time",
            EmploymentType::Contractor => "Contractor",
            EmploymentType::Temporary => "Temporary",
            EmploymentType::Intern => "Intern",
            EmploymentType::Volunteer => "Volunteer",
            EmploymentType::PerDiem => "Per diem",
            EmploymentType::Other => "Other",
        }
    }
}

/// The period a salary figure is paid for, as schema.org's `unitText` spells it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE", remote = "Self")]
pub enum SalaryUnit {
    Hour,
    Day,
    Week,
    Month,
    Year,
}

crate::mismatch::words_enum!(EmploymentType, SalaryUnit);

/// Where the work is done: Google's job search files a role by it, and readers filter by it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize)]
#[serde(rename_all = "kebab-case")]
pub enum Workplace {
    /// At the listed office(s).
    OnSite,
    /// Partly at the listed office(s), partly from home.
    Hybrid,
    /// Fully remote, from the listed countries.
    Remote,
}

impl Workplace {
    /// What readers see.
    pub fn label(self) -> &'static str {
        match self {
            Workplace::OnSite => "On-site",
            Workplace::Hybrid => "Hybrid",
            Workplace::Remote => "Remote",
        }
    }
}

/// `remote:` as written: `true`, `false` or `hybrid`. The `expecting` is what serde says
/// of anything else: by default it names the enum, which tells an author nothing.
#[derive(Debug, Clone, Deserialize)]
#[serde(untagged, expecting = "expected true, false or hybrid")]
enum RemoteMeta {
    Flag(bool),
    Word(String),
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(
    deny_unknown_fields,
    expecting = "a mapping with `city` and `country`, and optionally `street`, `region` and `postal_code`"
)]
pub struct Location {
    /// Street and number, for an on-site role: Google recommends it with the postal code.
    pub street: Option<String>,
    pub city: String,
    pub region: Option<String>,
    pub postal_code: Option<String>,
    /// ISO 3166-1 alpha-2.
    pub country: String,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
#[serde(deny_unknown_fields, expecting = "a mapping with `min`, `max`, `currency` and `unit`")]
pub struct Salary {
    pub min: f64,
    pub max: f64,
    pub currency: String,
    pub unit: SalaryUnit,
}

/// A listing's front matter as written; `Job::parse` checks it.
#[derive(Debug, Clone, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct JobMeta {
    title: Option<String>,
    company: Option<String>,
    company_url: Option<String>,
    employment_type: Option<EmploymentType>,
    date_posted: Option<Date>,
    valid_through: Option<Date>,
    apply_url: Option<String>,
    #[serde(default)]
    direct_apply: bool,
    #[serde(default, deserialize_with = "crate::content::deserialize_tags")]
    tags: Vec<String>,
    location: Option<Location>,
    /// Several offices, as a role open in more than one city has.
    locations: Option<Vec<Location>>,
    remote: Option<RemoteMeta>,
    #[serde(default)]
    applicant_countries: Vec<String>,
    salary: Option<Salary>,
    description: Option<String>,
    slug: Option<String>,
    #[serde(default)]
    draft: bool,
    #[serde(default)]
    aliases: Vec<String>,
    company_logo: Option<String>,
    requisition_id: Option<String>,
    hours: Option<String>,
    benefits: Option<String>,
    education: Option<String>,
    experience_months: Option<u32>,
}

/// What a listing may add for job search: each maps to one schema.org JobPosting property.
#[derive(Debug, Clone, Default, Serialize)]
pub struct JobDetails {
    /// `hiringOrganization.logo`: an https URL, a path under static/, or a file beside the listing.
    pub company_logo: Option<ImageSrc>,
    /// The employer's own reference: `identifier`.
    pub requisition_id: Option<String>,
    /// `workHours`, as written ("37.5 hours a week, flexible").
    pub hours: Option<String>,
    /// `jobBenefits`.
    pub benefits: Option<String>,
    /// `educationRequirements.credentialCategory`: one of `EDUCATION_LEVELS`.
    pub education: Option<String>,
    /// `experienceRequirements.monthsOfExperience`.
    pub experience_months: Option<u32>,
}

/// The credential categories Google's job search reads.
pub const EDUCATION_LEVELS: [&str; 5] =
    ["high school", "associate degree", "bachelor degree", "professional certificate", "postgraduate degree"];

impl JobDetails {
    fn check(m: &mut JobMeta) -> Result<JobDetails, FieldError> {
        let company_logo = match m.company_logo.as_deref().map(str::trim) {
            Some(src) => Some(crate::seo::parse_src(src, true).map_err(|msg| field_err("company_logo", msg))?),
            None => None,
        };
        let text = |key: &'static str, v: Option<String>| match v.map(|s| s.trim().to_string()) {
            Some(s) if s.is_empty() => Err(field_err(key, "is empty: give a value or leave the key out")),
            other => Ok(other),
        };
        let education = text("education", m.education.take())?;
        if let Some(level) = &education {
            if !EDUCATION_LEVELS.contains(&level.as_str()) {
                return Err(field_err(
                    "education",
                    format!("{level:?} is not one of: {}", EDUCATION_LEVELS.join(", ")),
                ));
            }
        }
        Ok(JobDetails {
            company_logo,
            requisition_id: text("requisition_id", m.requisition_id.take())?,
            hours: text("hours", m.hours.take())?,
            benefits: text("benefits", m.benefits.take())?,
            education,
            experience_months: m.experience_months,
        })
    }
}

/// A checked job listing. Serialize is for fingerprints (`hash_bytes`): a listing's page
/// and the job feeds hash the listing instead of the JobPosting data made of it, so every
/// field that can reach them is serialised; only where it came from is not.
#[derive(Debug, Clone, Serialize)]
pub struct Job {
    #[serde(skip)]
    pub file: ContentFile,
    pub title: String,
    pub company: String,
    pub company_url: Option<String>,
    pub employment_type: EmploymentType,
    pub date_posted: Date,
    pub valid_through: Option<Date>,
    pub apply_url: String,
    pub direct_apply: bool,
    pub tags: Vec<String>,
    /// The office or offices, first the main one; empty for a fully remote role.
    pub locations: Vec<Location>,
    pub workplace: Workplace,
    /// Where applicants may live: required for remote roles, optional for hybrid ones.
    pub applicant_countries: Vec<String>,
    pub salary: Option<Salary>,
    pub description: Option<String>,
    pub details: JobDetails,
    pub draft: bool,
    /// URL path relative to base_url, e.g. `jobs/career-advisor/`.
    pub path: String,
    /// Old URLs of the listing, each written as a redirect to it.
    #[serde(skip)]
    pub aliases: Vec<Alias>,
    /// Empty once rendered (`SiteJob::html` is what pages and feeds carry). Shared, as a
    /// page's body is (`content::Page::body`).
    #[serde(skip)]
    pub body: std::sync::Arc<str>,
    #[serde(skip)]
    pub body_line: usize,
}

/// A field that failed its check: the key locates the error in the file, or, where it is
/// missing because of another (`remote: true` needs `applicant_countries`), that one.
struct FieldError {
    key: &'static str,
    message: String,
    because_of: Option<&'static str>,
}

fn field_err(key: &'static str, message: impl Into<String>) -> FieldError {
    FieldError { key, message: message.into(), because_of: None }
}

/// A field `key` that `because_of` makes required, and that is missing.
fn needed_by(key: &'static str, because_of: &'static str, message: impl Into<String>) -> FieldError {
    FieldError { key, message: message.into(), because_of: Some(because_of) }
}

impl Job {
    /// Parses and checks one listing; every error names the file and the field, and its
    /// front matter may have several.
    pub fn parse(file: &ContentFile, text: &str, section_path: &str) -> Result<Job, Errors> {
        let split = front_matter::split(text, &file.display)?;
        let mut m: JobMeta = front_matter::parse(&split, &file.display)?;
        // One spelling for the board's tag filters and for matching articles' tags.
        crate::content::nfc_tags(&mut m.tags);
        let located = |e: FieldError| {
            let written = |key| crate::content::front_matter::written_key_line(&split, key);
            let line =
                written(e.key).or_else(|| e.because_of.and_then(written)).unwrap_or_else(|| key_line(&split, e.key));
            Error::new(ErrorKind::FrontMatter, &file.display, format!("job listing `{}`: {}", e.key, e.message))
                .at(line, 1)
        };
        let details = JobDetails::check(&mut m).map_err(located)?;
        crate::content::check_tags(&m.tags, &split, &file.display, "job listing `tags`: contains an empty tag")?;
        let aliases = alias::parse(&m.aliases, &split, &file.display)?;
        let job = Job::check(file, m, aliases, section_path, &split).map_err(located)?;
        Ok(Job { details, ..job })
    }

    fn check(
        file: &ContentFile,
        mut m: JobMeta,
        aliases: Vec<Alias>,
        section_path: &str,
        split: &Split<'_>,
    ) -> Result<Job, FieldError> {
        let title = required("title", &m.title)?;
        let company = required("company", &m.company)?;
        let employment_type = m.employment_type.ok_or_else(|| field_err("employment_type", "is required"))?;
        let date_posted = m.date_posted.ok_or_else(|| field_err("date_posted", "is required (YYYY-MM-DD)"))?;
        check_validity(date_posted, m.valid_through)?;
        let apply_url = required("apply_url", &m.apply_url)?;
        check_http_url(&apply_url).map_err(|msg| field_err("apply_url", msg))?;
        if let Some(u) = &m.company_url {
            check_http_url(u).map_err(|msg| field_err("company_url", msg))?;
        }
        let (workplace, locations) = check_place(&mut m)?;
        if let Some(s) = &m.salary {
            check_salary(s).map_err(|msg| field_err("salary", msg))?;
        }
        // The same slug rules as articles: a given slug is used as written, once checked.
        let slug = match &m.slug {
            Some(s) => validate_slug(s).map_err(|msg| field_err("slug", msg))?,
            None => stem_slug(file),
        };
        if slug.is_empty() {
            return Err(field_err("title", "cannot make a URL from the file name: add a `slug`"));
        }
        Ok(Job {
            file: file.clone(),
            // Shown as page text like an article's title: with the body's punctuation.
            title: crate::typography::smart(&title),
            company,
            company_url: m.company_url,
            employment_type,
            date_posted,
            valid_through: m.valid_through,
            apply_url,
            direct_apply: m.direct_apply,
            tags: m.tags,
            locations: locations
                .into_iter()
                .map(|l| Location { country: l.country.to_ascii_uppercase(), ..l })
                .collect(),
            workplace,
            applicant_countries: each_once_upper(&m.applicant_countries),
            salary: m.salary.map(|s| Salary { currency: s.currency.to_ascii_uppercase(), ..s }),
            description: m.description.as_deref().map(crate::typography::smart),
            details: JobDetails::default(),
            draft: m.draft,
            path: format!("{section_path}{slug}/"),
            aliases,
            body: split.body.into(),
            body_line: split.body_line,
        })
    }

    /// Open while it has no `valid_through` or that day has not passed.
    pub fn is_open(&self, today: NaiveDate) -> bool {
        self.valid_through.is_none_or(|vt| vt.utc_date() >= today)
    }

    /// The listing in a sentence: its `description`, else what its card says (role,
    /// employer, place as readers see it). The page's meta description and the job feed's
    /// summary.
    pub fn summary(&self, place: &str) -> Cow<'_, str> {
        match &self.description {
            Some(d) => Cow::Borrowed(d),
            None => Cow::Owned(format!("{}, {place}", self.headline())),
        }
    }

    /// "Careers Advisor at Northwind University": the page's title and the job feed entry's.
    pub fn headline(&self) -> String {
        format!("{} at {}", self.title, self.company)
    }

    /// "Leeds, West Yorkshire, GB", "Hybrid: Leeds, GB; York, GB" or "Remote (US, CA)",
    /// with each country as `country` names it.
    pub fn place(&self, country: impl Fn(&str) -> String) -> String {
        let offices = || {
            self.locations
                .iter()
                .map(|l| {
                    let mut parts = vec![l.city.clone()];
                    if let Some(r) = l.region.as_deref().filter(|r| !r.is_empty()) {
                        parts.push(r.to_string());
                    }
                    parts.push(country(&l.country));
                    parts.join(", ")
                })
                .collect::<Vec<_>>()
                .join("; ")
        };
        let countries = || self.applicant_countries.iter().map(|c| country(c)).collect::<Vec<_>>().join(", ");
        match self.workplace {
            Workplace::OnSite => offices(),
            Workplace::Hybrid => format!("Hybrid: {}", offices()),
            Workplace::Remote => format!("Remote ({})", countries()),
        }
    }

    /// Every country the role is in or open to, each once: the board's country filter.
    pub fn countries(&self) -> Vec<&str> {
        let mut all: Vec<&str> = self.locations.iter().map(|l| l.country.as_str()).collect();
        all.extend(self.applicant_countries.iter().map(String::as_str));
        let mut seen = std::collections::HashSet::new();
        all.retain(|c| seen.insert(*c));
        all
    }
}

/// A non-blank text field, trimmed.
fn required(key: &'static str, value: &Option<String>) -> Result<String, FieldError> {
    match value.as_deref().map(str::trim) {
        Some(s) if !s.is_empty() => Ok(s.to_string()),
        _ => Err(field_err(key, "is required")),
    }
}

fn check_validity(date_posted: Date, valid_through: Option<Date>) -> Result<(), FieldError> {
    match valid_through {
        Some(vt) if vt.date_naive() < date_posted.date_naive() => {
            Err(field_err("valid_through", format!("{} is before date_posted {}", vt.to_iso(), date_posted.to_iso())))
        }
        _ => Ok(()),
    }
}

/// Where the work happens: offices (`location`, or `locations` for several), fully remote
/// with the countries it is open to, or hybrid: offices, and optionally those countries.
fn check_place(m: &mut JobMeta) -> Result<(Workplace, Vec<Location>), FieldError> {
    let workplace = workplace(m.remote.as_ref())?;
    let locations = offices(m)?;
    match workplace {
        Workplace::Remote if !locations.is_empty() => {
            return Err(field_err(
                "remote",
                "a fully remote role has no office: leave out `location`, or write `remote: hybrid` for a role \
                 partly at an office",
            ))
        }
        Workplace::Remote if m.applicant_countries.is_empty() => {
            return Err(needed_by(
                "applicant_countries",
                "remote",
                "is required for remote listings: list ISO country codes, e.g. [US, CA]",
            ))
        }
        Workplace::OnSite | Workplace::Hybrid if locations.is_empty() => {
            let what = if workplace == Workplace::Hybrid {
                "a hybrid role needs its office: give"
            } else {
                "is required: give"
            };
            return Err(needed_by(
                "location",
                "remote",
                format!(
                    "{what} `location: {{ city, region, country }}` (or `locations: [...]` for several), or \
                     `remote: true` with `applicant_countries`"
                ),
            ));
        }
        Workplace::OnSite if !m.applicant_countries.is_empty() => {
            return Err(field_err(
                "applicant_countries",
                "only applies to `remote: true` or `remote: hybrid` listings",
            ));
        }
        _ => {}
    }
    for c in &m.applicant_countries {
        check_country(c).map_err(|msg| field_err("applicant_countries", msg))?;
    }
    Ok((workplace, locations))
}

/// `remote:` as written, checked.
fn workplace(remote: Option<&RemoteMeta>) -> Result<Workplace, FieldError> {
    Ok(match remote {
        None | Some(RemoteMeta::Flag(false)) => Workplace::OnSite,
        Some(RemoteMeta::Flag(true)) => Workplace::Remote,
        Some(RemoteMeta::Word(w)) => match w.trim().to_ascii_lowercase().as_str() {
            "hybrid" => Workplace::Hybrid,
            "true" | "yes" | "remote" => Workplace::Remote,
            "false" | "no" | "on-site" | "onsite" => Workplace::OnSite,
            _ => return Err(field_err("remote", format!("{w:?} is not one of: true, false, hybrid"))),
        },
    })
}

/// `location` or `locations`, each office checked.
fn offices(m: &mut JobMeta) -> Result<Vec<Location>, FieldError> {
    let key = if m.locations.is_some() { "locations" } else { "location" };
    let locations = match (m.location.take(), m.locations.take()) {
        (Some(_), Some(_)) => {
            return Err(field_err("locations", "give either `location` or `locations`, not both"));
        }
        (Some(one), None) => vec![one],
        (None, Some(several)) if several.is_empty() => {
            return Err(field_err("locations", "is empty: list at least one office, or leave the key out"));
        }
        (None, Some(several)) => several,
        (None, None) => Vec::new(),
    };
    for loc in &locations {
        if loc.city.trim().is_empty() {
            return Err(field_err(key, "`city` must not be empty"));
        }
        check_country(&loc.country).map_err(|msg| field_err(key, msg))?;
    }
    Ok(locations)
}

fn check_http_url(url: &str) -> Result<(), String> {
    let ok = (url.starts_with("https://") || url.starts_with("http://"))
        && url.split("://").nth(1).is_some_and(|r| !r.is_empty() && !r.starts_with('/'))
        && !url.contains(char::is_whitespace);
    if ok {
        Ok(())
    } else {
        Err(format!("{url:?} is not an absolute http(s) URL"))
    }
}

/// Country codes in upper case, each once: `[US, us]` would list the United States twice
/// to readers and in the JobPosting.
fn each_once_upper(codes: &[String]) -> Vec<String> {
    let mut seen = std::collections::HashSet::new();
    codes.iter().map(|c| c.to_ascii_uppercase()).filter(|c| seen.insert(c.clone())).collect()
}

/// A country as Google's JobPosting names it: an ISO 3166-1 alpha-2 code, in either case.
/// `XK` (Kosovo, not yet in the standard) is taken too, as CLDR and job boards take it.
fn check_country(code: &str) -> Result<(), String> {
    let upper = code.to_ascii_uppercase();
    if code.len() == 2 && (upper == "XK" || upper.parse::<iso_country::Country>().is_ok()) {
        Ok(())
    } else {
        Err(format!("country {code:?} is not a two-letter ISO 3166-1 code such as US or GB"))
    }
}

/// The largest salary amount taken, in any currency and for any period: 10^15, a
/// thousand trillion. A year's pay in the currency with the most units to the dollar (the
/// Iranian rial, about a million) stays far below it, so anything above is a slip (extra
/// zeros, `1e20`); and every whole amount up to it is a number JSON-LD's readers hold
/// exactly (2^53 is about 9 × 10^15) and write without an exponent.
pub const MAX_SALARY: f64 = 1e15;

fn check_salary(s: &Salary) -> Result<(), String> {
    if !(s.min.is_finite() && s.max.is_finite()) || s.min < 0.0 || s.max < s.min {
        return Err(format!("`min` ({}) and `max` ({}) must be numbers with 0 <= min <= max", s.min, s.max));
    }
    if let Some((key, amount)) = [("min", s.min), ("max", s.max)].into_iter().find(|&(_, a)| a > MAX_SALARY) {
        return Err(format!(
            "`{key}` ({amount}) is larger than any salary: amounts go up to {MAX_SALARY} (a thousand \
             trillion); check the zeros"
        ));
    }
    if !(s.currency.len() == 3 && s.currency.chars().all(|c| c.is_ascii_alphabetic())) {
        return Err(format!("`currency` {:?} is not a three-letter ISO 4217 code such as USD", s.currency));
    }
    // Job search reads the code as ISO 4217's: one it does not list is no currency to it.
    let Some(currency) = iso_currency::Currency::from_code(&s.currency.to_ascii_uppercase()) else {
        return Err(format!(
            "`currency` {:?} is not in ISO 4217: use a current code such as USD, EUR or GBP",
            s.currency
        ));
    };
    // ISO 4217's special codes are no money anyone is paid in: XXX means "no currency", XTS
    // is for testing, the rest are precious metals and units of account (XAU, XDR).
    if currency.is_special() {
        return Err(format!(
            "`currency` {:?} is ISO 4217's {:?}, not money a salary is paid in: use the currency of the \
             pay, such as USD, EUR or GBP",
            s.currency,
            currency.name()
        ));
    }
    // Money is counted in the currency's minor unit: an amount finer than it (0.4 yen) is
    // a slip, and pages would show it rounded (¥0) beside the exact JobPosting.
    let decimals = currency.exponent().unwrap_or(0);
    for (key, amount) in [("min", s.min), ("max", s.max)] {
        let written = amount.to_string();
        let places = written.split_once('.').map_or(0, |(_, fraction)| fraction.len());
        if places > usize::from(decimals) {
            let unit = match decimals {
                0 => "whole units".to_string(),
                n => format!("at most {n} decimal place{}", if n == 1 { "" } else { "s" }),
            };
            return Err(format!("`{key}` ({written}) is finer than {} is counted in: write {unit}", currency.code()));
        }
    }
    Ok(())
}

/// Open listings, newest first (then by title): the board's order and the callout's fallback.
pub fn open_newest_first<J: AsRef<Job>>(jobs: &[J], today: NaiveDate) -> Vec<usize> {
    let job = |i: usize| jobs[i].as_ref();
    let mut open: Vec<usize> = (0..jobs.len()).filter(|&i| job(i).is_open(today)).collect();
    open.sort_by(|&a, &b| {
        job(b)
            .date_posted
            .cmp(&job(a).date_posted)
            .then_with(|| job(a).title.cmp(&job(b).title))
            .then_with(|| job(a).path.cmp(&job(b).path))
    });
    open
}

impl AsRef<Job> for Job {
    fn as_ref(&self) -> &Job {
        self
    }
}

/// Open listings ranked once per build, so that a callout costs what it shows rather than
/// what the site holds: an article's callout looks only at the listings sharing its tags.
#[derive(Debug, Clone, Default)]
pub struct CalloutIndex {
    /// Open listings, newest first: the board's order and the callout's fallback.
    pub open: Vec<usize>,
    /// Normalised tag → the places in `open` of the listings carrying it, in order (newest
    /// first). Places rather than listings: a ranking counts in a table indexed by what it
    /// counts (`rank::Counts`), and a tag's newest listings hold the first places in `open`
    /// however many the board has, where their listing numbers spread over all of them. At
    /// 20,000 listings that spread made counting 2.5 times as slow per listing as at 2,000.
    by_tag: HashMap<String, Vec<usize>>,
    /// Lent to each callout's ranking.
    tables: crate::rank::Tables,
}

/// Tags match whatever their case and surrounding spaces.
fn norm(tag: &str) -> String {
    tag.trim().to_lowercase()
}

impl CalloutIndex {
    pub fn new<J: AsRef<Job>>(jobs: &[J], today: NaiveDate) -> CalloutIndex {
        let open = open_newest_first(jobs, today);
        let mut by_tag: HashMap<String, Vec<usize>> = HashMap::new();
        for (place, &i) in open.iter().enumerate() {
            let mut own: Vec<String> = jobs[i].as_ref().tags.iter().map(|t| norm(t)).collect();
            own.sort_unstable();
            own.dedup();
            for t in own {
                by_tag.entry(t).or_default().push(place);
            }
        }
        CalloutIndex { open, by_tag, tables: crate::rank::Tables::default() }
    }

    /// Up to `limit` open listings for a callout: most tags shared with `tags` first,
    /// newest first among equals (among each tag's `rank::WINDOW` newest), so that an
    /// article with no matches still shows the newest. With `only_tag`, just listings
    /// carrying that tag (the shortcode's filter).
    pub fn select(&self, tags: &[String], only_tag: Option<&str>, limit: usize) -> Vec<usize> {
        // Places in `open` throughout; listings only in what is returned.
        let only: Option<&[usize]> = only_tag.map(|t| self.by_tag.get(&norm(t)).map_or(&[][..], Vec::as_slice));
        let allowed = |place: usize| only.is_none_or(|places| places.binary_search(&place).is_ok());
        let mut wanted: Vec<String> = tags.iter().map(|t| norm(t)).collect();
        wanted.sort_unstable();
        wanted.dedup();
        let sharing: Vec<&[usize]> = wanted
            .iter()
            .filter_map(|t| self.by_tag.get(t))
            .map(|places| &places[..places.len().min(crate::rank::WINDOW)])
            .collect();
        let mut picked = crate::rank::most_shared(&self.tables, &sharing, allowed, |place| place, limit);
        let pool: &mut dyn Iterator<Item = usize> = match only {
            Some(places) => &mut places.iter().copied(),
            None => &mut (0..self.open.len()),
        };
        for place in pool {
            if picked.len() >= limit {
                break;
            }
            if !picked.contains(&place) {
                picked.push(place);
            }
        }
        picked.into_iter().map(|place| self.open[place]).collect()
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use std::path::PathBuf;

    fn file(name: &str) -> ContentFile {
        ContentFile {
            abs: PathBuf::from(name),
            rel: format!("jobs/{name}"),
            display: PathBuf::from("content/jobs").join(name),
        }
    }

    const ONSITE: &str = "---\ntitle: Advisor\ncompany: Acme\nemployment_type: FULL_TIME\ndate_posted: 2025-01-10\napply_url: https://acme.example/apply\nlocation: { city: Leeds, country: gb }\ntags: [interviewing]\n---\nBody\n";

    /// `Job::parse` where one error is expected at most; other modules' tests use it too.
    pub(crate) fn parse(text: &str) -> Result<Job, Error> {
        Job::parse(&file("advisor.md"), text, "jobs/").map_err(|Errors(mut errors)| {
            assert_eq!(errors.len(), 1, "{errors:#?}");
            errors.remove(0)
        })
    }

    #[test]
    fn an_empty_tag_is_an_error_at_the_item() {
        let e = parse(&ONSITE.replace("tags: [interviewing]", "tags: [interviewing, \"\"]")).unwrap_err();
        assert_eq!((e.line(), e.column()), (Some(8), Some(22)), "{e}");
        assert!(e.message().contains("job listing `tags`: contains an empty tag"), "{e}");
    }

    #[test]
    fn every_front_matter_error_of_a_listing_is_reported() {
        let text = ONSITE.replace("employment_type: FULL_TIME", "employment_type: SOMETIMES\nsalary_text: good");
        let Errors(errors) = Job::parse(&file("advisor.md"), &text, "jobs/").unwrap_err();
        let lines: Vec<_> = errors.iter().map(|e| e.line()).collect();
        assert_eq!(lines, [Some(4), Some(5)], "{errors:#?}");
        assert!(errors[0].message().contains("expected one of FULL_TIME, PART_TIME, "), "{errors:#?}");
        assert!(errors[0].message().ends_with("PER_DIEM or OTHER, not the text \"SOMETIMES\""), "{errors:#?}");
        // Listings have no `extra` to move a key to: the keys they take are listed.
        assert!(errors[1].message().contains("unknown field `salary_text`, expected one of `title`"), "{errors:#?}");
    }

    #[test]
    fn salaries_up_to_the_limit_and_in_currencies_starting_with_x_are_taken() {
        let salary =
            |min: f64, max: f64, currency: &str| Salary { min, max, currency: currency.into(), unit: SalaryUnit::Year };
        assert!(check_salary(&salary(0.0, MAX_SALARY, "IRR")).is_ok());
        assert!(check_salary(&salary(MAX_SALARY + 1e3, MAX_SALARY + 1e3, "IRR")).unwrap_err().starts_with("`min`"));
        // Real money whose code starts with X: the CFA and CFP francs, the East Caribbean dollar.
        for code in ["XOF", "XAF", "XPF", "XCD"] {
            assert!(check_salary(&salary(1.0, 2.0, code)).is_ok(), "{code}");
        }
        // Amounts in the currency's minor unit, and no finer.
        assert!(check_salary(&salary(25.5, 30.25, "USD")).is_ok());
        assert!(check_salary(&salary(1.125, 2.0, "KWD")).is_ok());
        let e = check_salary(&salary(0.4, 0.45, "JPY")).unwrap_err();
        assert_eq!(e, "`min` (0.4) is finer than JPY is counted in: write whole units");
        let e = check_salary(&salary(25.0, 30.125, "USD")).unwrap_err();
        assert!(e.starts_with("`max` (30.125)") && e.ends_with("at most 2 decimal places"), "{e}");
    }

    #[test]
    fn parses_onsite_listing() {
        let j = parse(ONSITE).unwrap();
        assert_eq!(j.path, "jobs/advisor/");
        assert_eq!(j.locations[0].country, "GB");
        assert_eq!(j.workplace, Workplace::OnSite);
        assert_eq!(j.place(|c| c.to_string()), "Leeds, GB");
        assert_eq!(j.employment_type, EmploymentType::FullTime);
        assert_eq!(j.employment_type.label(), "Full time");
    }

    #[test]
    fn each_bad_field_is_named_with_its_line() {
        let cases = [
            ("employment_type: FULL_TIME", "employment_type: SOMETIMES", "employment_type", 4),
            ("apply_url: https://acme.example/apply", "apply_url: /apply", "apply_url", 6),
            ("location: { city: Leeds, country: gb }", "location: { city: Leeds, country: Britain }", "location", 7),
            ("company: Acme\n", "", "company", 1),
            ("location: { city: Leeds, country: gb }", "remote: true", "applicant_countries", 7),
            ("location: { city: Leeds, country: gb }", "remote: hybrid", "location", 7),
            ("location: { city: Leeds, country: gb }\n", "", "location", 1),
            (
                "location: { city: Leeds, country: gb }",
                "location: { city: Leeds, country: gb }\nremote: true\napplicant_countries: [US]",
                "remote",
                8,
            ),
            ("tags: [interviewing]", "salary: { min: 10, max: 5, currency: USD, unit: YEAR }", "salary", 8),
            ("tags: [interviewing]", "salary: { min: 1, max: 5, currency: USD, unit: FORTNIGHT }", "salary", 8),
            ("tags: [interviewing]", "salary: { min: 1, max: 5, currency: ABC, unit: YEAR }", "ISO 4217", 8),
            (
                "tags: [interviewing]",
                "salary: { min: 1, max: 1e+20, currency: GBP, unit: YEAR }",
                "`max` (100000000000000000000) is larger than any salary: amounts go up to 1000000000000000",
                8,
            ),
            (
                "tags: [interviewing]",
                "salary: { min: 1, max: 5, currency: XXX, unit: YEAR }",
                "XXX\" is ISO 4217's \"No currency\"",
                8,
            ),
            (
                "tags: [interviewing]",
                "salary: { min: 1, max: 5, currency: xts, unit: YEAR }",
                "\"Code reserved for testing\"",
                8,
            ),
            ("tags: [interviewing]", "salary: { min: 1, max: 5, currency: XAU, unit: YEAR }", "Gold", 8),
            ("tags: [interviewing]", "valid_through: 2024-12-31", "valid_through", 8),
            ("location: { city: Leeds, country: gb }", "remote: sometimes", "remote", 7),
            ("location: { city: Leeds, country: gb }", "locations: []", "locations", 7),
            (
                "location: { city: Leeds, country: gb }",
                "location: { city: Leeds, country: gb }\nlocations: [{ city: York, country: gb }]",
                "locations",
                8,
            ),
            ("location: { city: Leeds, country: gb }", "locations: [{ city: York, country: England }]", "locations", 7),
            ("tags:", "applicant_countries: [GB]\ntags:", "applicant_countries", 8),
        ];
        for (from, to, field, line) in cases {
            let text = ONSITE.replace(from, to);
            let e = parse(&text).unwrap_err();
            assert!(e.message().contains(field), "{field}: {e}");
            assert_eq!(e.line(), Some(line), "{field}: {e}");
            assert_eq!(e.path(), std::path::Path::new("content/jobs/advisor.md"));
        }
    }

    #[test]
    fn several_offices_hybrid_and_remote_roles() {
        let several = ONSITE.replace(
            "location: { city: Leeds, country: gb }",
            "locations:\n  - { city: Leeds, region: West Yorkshire, country: gb }\n  - { city: Lyon, country: fr }",
        );
        let j = parse(&several).unwrap();
        assert_eq!(j.locations.len(), 2);
        assert_eq!(j.place(|c| format!("<{c}>")), "Leeds, West Yorkshire, <GB>; Lyon, <FR>");
        assert_eq!(j.countries(), ["GB", "FR"]);

        let hybrid = ONSITE.replace("tags:", "remote: hybrid\napplicant_countries: [gb, ie]\ntags:");
        let j = parse(&hybrid).unwrap();
        assert_eq!(j.workplace, Workplace::Hybrid);
        assert_eq!(j.place(|c| c.to_string()), "Hybrid: Leeds, GB");
        assert_eq!(j.countries(), ["GB", "IE"]);
        let no_office = ONSITE.replace("location: { city: Leeds, country: gb }", "remote: Hybrid");
        let e = parse(&no_office).unwrap_err();
        assert!(e.message().contains("a hybrid role needs its office"), "{e}");

        let remote =
            ONSITE.replace("location: { city: Leeds, country: gb }", "remote: true\napplicant_countries: [us, ca]");
        let j = parse(&remote).unwrap();
        assert_eq!((j.workplace, j.locations.len()), (Workplace::Remote, 0));
        assert_eq!(j.place(|c| c.to_string()), "Remote (US, CA)");

        let twice = ONSITE
            .replace("location: { city: Leeds, country: gb }", "remote: true\napplicant_countries: [US, us, CA, US]");
        assert_eq!(parse(&twice).unwrap().applicant_countries, ["US", "CA"], "each country once");
    }

    #[test]
    fn countries_are_iso_3166_codes() {
        for good in ["GB", "gb", "US", "XK"] {
            assert!(check_country(good).is_ok(), "{good}");
        }
        for bad in ["XX", "UK", "ZZ", "G", "GBR", "1A", ""] {
            let e = check_country(bad).unwrap_err();
            assert!(e.contains("ISO 3166-1"), "{bad}: {e}");
        }
        let e = parse(&ONSITE.replace("country: gb", "country: XX")).unwrap_err();
        assert!(e.message().contains("\"XX\" is not a two-letter ISO 3166-1 code"), "{e}");
    }

    #[test]
    fn unknown_field_is_an_error() {
        let e = parse(&ONSITE.replace("tags:", "wage: 3\ntags:")).unwrap_err();
        assert!(e.message().contains("wage"), "{e}");
    }

    #[test]
    fn open_until_the_end_of_valid_through() {
        let j = parse(&ONSITE.replace("tags:", "valid_through: 2025-02-01\ntags:")).unwrap();
        let d = |s| crate::dates::parse_date(s).unwrap();
        assert!(j.is_open(d("2025-02-01")));
        assert!(!j.is_open(d("2025-02-02")));
        assert!(parse(ONSITE).unwrap().is_open(d("2099-01-01")));
    }

    /// The rule as first written, one sort of every open listing per callout: the index
    /// must pick exactly the same listings.
    fn select_by_sorting(
        jobs: &[Job],
        today: NaiveDate,
        tags: &[String],
        only: Option<&str>,
        limit: usize,
    ) -> Vec<usize> {
        let has = |i: usize, t: &str| jobs[i].tags.iter().any(|jt| norm(jt) == norm(t));
        let mut wanted: Vec<String> = tags.iter().map(|t| norm(t)).collect();
        wanted.sort();
        wanted.dedup();
        let mut ranked: Vec<(usize, usize)> = open_newest_first(jobs, today)
            .into_iter()
            .filter(|&i| only.is_none_or(|t| has(i, t)))
            .map(|i| (i, wanted.iter().filter(|w| has(i, w)).count()))
            .collect();
        ranked.sort_by_key(|&(_, shared)| std::cmp::Reverse(shared));
        ranked.into_iter().take(limit).map(|(i, _)| i).collect()
    }

    #[test]
    fn the_callout_index_picks_what_sorting_everything_picks() {
        let mut next = crate::testing::random(0x2545_f491_4f6c_dd1d);
        let names = ["a", "B", "c", "d ", "e"];
        let jobs: Vec<Job> = (0..60)
            .map(|k| {
                let tags: Vec<&str> = (0..next(4)).map(|_| names[next(5)]).collect();
                let text = ONSITE
                    .replace("2025-01-10", &format!("2025-01-{:02}", 1 + next(28)))
                    .replace("[interviewing]", &format!("[{}]", tags.join(", ")))
                    .replace("title: Advisor", &format!("title: Job {k}"))
                    .replace(
                        "tags:",
                        &if next(5) == 0 {
                            "valid_through: 2025-01-31\ntags:".to_string()
                        } else {
                            "tags:".to_string()
                        },
                    );
                parse(&text).unwrap()
            })
            .collect();
        let today = NaiveDate::from_ymd_opt(2025, 3, 1).unwrap();
        let index = CalloutIndex::new(&jobs, today);
        for _ in 0..300 {
            let tags: Vec<String> = (0..next(4)).map(|_| names[next(5)].to_string()).collect();
            let only = (next(3) == 0).then(|| names[next(5)]);
            let limit = 1 + next(6);
            assert_eq!(
                index.select(&tags, only, limit),
                select_by_sorting(&jobs, today, &tags, only, limit),
                "{tags:?} {only:?} {limit}"
            );
        }
    }

    #[test]
    fn callout_prefers_shared_tags_then_newest() {
        let mk = |name: &str, date: &str, tags: &str| {
            parse(
                &ONSITE
                    .replace("2025-01-10", date)
                    .replace("[interviewing]", tags)
                    .replace("title: Advisor", &format!("title: {name}")),
            )
            .unwrap()
        };
        let jobs = vec![
            mk("A", "2025-01-01", "[a, b]"),
            mk("B", "2025-01-05", "[a]"),
            mk("C", "2025-01-09", "[c]"),
            mk("D", "2025-01-08", "[]"),
        ];
        let today = NaiveDate::from_ymd_opt(2025, 6, 1).unwrap();
        let tags = vec!["A".to_string(), "b".to_string()];
        let index = CalloutIndex::new(&jobs, today);
        assert_eq!(index.select(&tags, None, 3), vec![0, 1, 2]);
        assert_eq!(index.select(&[], None, 2), vec![2, 3]);
        assert_eq!(index.select(&[], Some("a"), 3), vec![1, 0]);
        assert_eq!(index.select(&tags, Some(" B "), 3), vec![0]);
        assert_eq!(index.select(&tags, Some("nothing"), 3), Vec::<usize>::new());
    }

    #[test]
    fn a_callout_looks_only_at_each_tags_newest_listings() {
        // Listings 0 and 1 both carry `a` and `b`, but 0 has fallen out of the window of
        // `a`'s newest: it counts as sharing one tag, 1 as sharing two.
        let job = |n: usize, tags: &str| {
            let day = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap() + chrono::Days::new(n as u64);
            let text = ONSITE.replace("2025-01-10", &day.to_string()).replace("[interviewing]", tags);
            parse(&text).unwrap()
        };
        let mut jobs = vec![job(0, "[a, b]"), job(1, "[a, b]")];
        jobs.extend((2..crate::rank::WINDOW + 1).map(|n| job(n, "[a]")));
        jobs.extend((0..crate::rank::WINDOW / 2).map(|n| job(1_000 + n, "[b]")));
        let index = CalloutIndex::new(&jobs, NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        let wanted = vec!["a".to_string(), "b".to_string()];
        let picked = index.select(&wanted, None, 2);
        assert_eq!(picked[0], 1, "the one sharing both tags inside both windows comes first");
        assert_ne!(picked[1], 0, "the one outside a window is not ranked as sharing two");
        // Within the window the ranking is exact: a smaller board finds listing 0 too.
        let small = CalloutIndex::new(&jobs[..10], NaiveDate::from_ymd_opt(2026, 1, 1).unwrap());
        assert_eq!(small.select(&wanted, None, 2), vec![1, 0]);
    }
}
