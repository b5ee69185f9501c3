//! The kinds of problem `careerpress check` reports, and the `[check]` settings that turn
//! one off or raise it to an error. A leaf module, so that `config` can check the settings
//! without importing the checker.

use serde::Deserialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    Warning,
    Error,
}

impl Severity {
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Error => "error",
            Severity::Warning => "warning",
        }
    }
}

/// One kind of finding: its code, how serious it is unless `[check]` says otherwise, and
/// what it means in a few words (the README says why it matters and how to fix it).
pub struct Code {
    pub name: &'static str,
    pub severity: Severity,
    pub summary: &'static str,
}

const fn code(name: &'static str, severity: Severity, summary: &'static str) -> Code {
    Code { name, severity, summary }
}

use Severity::{Error as E, Warning as W};

/// Every code `check` can report.
pub const CODES: &[Code] = &[
    code("broken-link", E, "an internal link or image names no file the site publishes"),
    code("broken-fragment", E, "a link's #fragment names no id on its target page"),
    code("closed-listing-link", E, "an article links to a job listing that has closed"),
    code("duplicate-url", E, "two sources are published at one URL"),
    code("duplicate-id", E, "two elements of one page have the same id"),
    code("job-required", E, "a job posting lacks a property Google requires, so it cannot show in job search"),
    code("job-valid-through", W, "a job listing has no valid_through date"),
    code("job-salary", W, "a job listing has no salary"),
    code("job-address", W, "an on-site job listing has no street address or postal code"),
    code("job-logo", W, "a job listing has no company logo"),
    code("job-identifier", W, "a job listing has no requisition_id"),
    code("job-expiring", W, "a job listing closes within 7 days"),
    code("description-missing", W, "an article has no description"),
    code("description-length", W, "an article's description is shorter than 50 or longer than 160 characters"),
    code("duplicate-title", W, "two pages have the same title"),
    code("duplicate-description", W, "two pages have the same description"),
    code("no-tags", W, "an article has no tags"),
    code("image-alt", W, "an image has no alt text"),
    code("mixed-content", W, "an https page loads an image, script, frame or stylesheet over http"),
    code("heading-skip", W, "a heading skips a level"),
    code("foreign-syntax", W, "Liquid, Hugo or Zola template syntax left in Markdown"),
    code("shortcode-stand-in", W, "a shortcode pages call is still the stand-in `careerpress import` wrote"),
    code("base-url-path", W, "base_url is a path, so canonical and sharing URLs are relative"),
    code("future-date", W, "an `updated`, `reviewed` or job `date_posted` is after the build date"),
    code("stale", W, "an article has not been reviewed for longer than review_after_days"),
    code("build-warning", W, "a problem `build` warns about too, such as two spellings of one tag"),
];

pub fn find(name: &str) -> Option<&'static Code> {
    CODES.iter().find(|c| c.name == name)
}

/// `[check]` in site.toml.
#[derive(Debug, Clone, Deserialize, serde::Serialize)]
#[serde(deny_unknown_fields)]
pub struct CheckConfig {
    /// Articles whose `reviewed` (else `updated`, else `date`) is older than this warn as stale.
    #[serde(default = "default_review_after_days")]
    pub review_after_days: u32,
    /// Codes not reported at all.
    #[serde(default)]
    pub off: Vec<String>,
    /// Warning codes reported as errors.
    #[serde(default)]
    pub errors: Vec<String>,
}

fn default_review_after_days() -> u32 {
    365
}

impl Default for CheckConfig {
    fn default() -> Self {
        CheckConfig { review_after_days: default_review_after_days(), off: Vec::new(), errors: Vec::new() }
    }
}

impl CheckConfig {
    /// The key and message of a bad `[check]` setting: an unknown code, above all.
    pub fn check(&self) -> Result<(), (&'static str, String)> {
        for (key, names) in [("off", &self.off), ("errors", &self.errors)] {
            if let Some(unknown) = names.iter().find(|n| find(n).is_none()) {
                let known: Vec<&str> = CODES.iter().map(|c| c.name).collect();
                return Err((key, format!("unknown code {unknown:?}; the codes are: {}", known.join(", "))));
            }
        }
        if self.review_after_days == 0 {
            return Err(("review_after_days", "must be at least 1".into()));
        }
        Ok(())
    }

    /// How `code` is reported under these settings; None when it is turned off.
    pub fn severity(&self, code: &Code) -> Option<Severity> {
        if self.off.iter().any(|n| n == code.name) {
            None
        } else if self.errors.iter().any(|n| n == code.name) {
            Some(Severity::Error)
        } else {
            Some(code.severity)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn settings_name_known_codes_only() {
        assert!(CheckConfig::default().check().is_ok());
        let bad = CheckConfig { off: vec!["no-tag".into()], ..Default::default() };
        let (key, message) = bad.check().unwrap_err();
        assert_eq!(key, "off");
        assert!(message.contains("unknown code \"no-tag\"") && message.contains("no-tags"), "{message}");
        let raised = CheckConfig { errors: vec!["stale".into()], off: vec!["no-tags".into()], ..Default::default() };
        assert_eq!(raised.severity(find("stale").unwrap()), Some(Severity::Error));
        assert_eq!(raised.severity(find("no-tags").unwrap()), None);
        assert_eq!(raised.severity(find("image-alt").unwrap()), Some(Severity::Warning));
    }

    #[test]
    fn codes_are_unique_and_kebab_case() {
        let mut names: Vec<&str> = CODES.iter().map(|c| c.name).collect();
        names.sort_unstable();
        names.dedup();
        assert_eq!(names.len(), CODES.len());
        assert!(names.iter().all(|n| n.chars().all(|c| c.is_ascii_lowercase() || c == '-')));
    }
}
