//! schema.org JobPosting data for single-listing pages, serialised so that no author text
//! can close the surrounding `<script>` element or be lost from the data.

use super::{Job, Location, Workplace};
use crate::dates::Date;
use crate::escape::encode_url;
use serde::Serialize;
use serde_json::{json, Map, Value};

/// An open listing's JobPosting as its page prints it. Templates get the JSON-LD text,
/// escaped for `<script>`; a page's fingerprint (`hash_bytes`, the one serializer that is
/// not human-readable) gets what the text is made of instead, so that a listing page whose
/// file is reused never builds it (as `site::seo::JsonLd` does for articles).
pub struct PostingScript<'a> {
    pub job: &'a Job,
    pub description_html: &'a str,
    pub permalink: &'a str,
    pub logo_url: Option<&'a str>,
}

impl Serialize for PostingScript<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let PostingScript { job, description_html, permalink, logo_url } = *self;
        if serializer.is_human_readable() {
            let posting = job_posting(job, description_html, permalink, logo_url);
            return serializer.serialize_str(&crate::escape::script_json(&posting));
        }
        (job, description_html, permalink, logo_url).serialize(serializer)
    }
}

/// The JobPosting object for an open listing; `description_html` is the rendered body and
/// `logo_url` where `company_logo` is published. Its URLs are written as the job feeds
/// write theirs (`escape::encode_url`: a host outside ASCII in Punycode, the path
/// percent-encoded), since search engines and aggregators read them as they read the
/// feeds, and the JSON job feed carries this object beside its own `url` for the listing.
pub fn job_posting(job: &Job, description_html: &str, permalink: &str, logo_url: Option<&str>) -> Value {
    let mut v = Map::new();
    v.insert("@context".into(), json!("https://schema.org/"));
    v.insert("@type".into(), json!("JobPosting"));
    v.insert("title".into(), json!(job.title));
    v.insert("description".into(), json!(crate::feeds::html_elsewhere(description_html)));
    v.insert("datePosted".into(), json!(job.date_posted.to_iso()));
    if let Some(vt) = job.valid_through {
        v.insert("validThrough".into(), json!(end_of_validity(vt)));
    }
    v.insert("employmentType".into(), json!(job.employment_type));
    v.insert("hiringOrganization".into(), organization(job, logo_url));
    v.insert("url".into(), json!(encode_url(permalink)));
    v.insert("directApply".into(), json!(job.direct_apply));
    v.insert("identifier".into(), json!({ "@type": "PropertyValue", "name": job.company, "value": identifier(job) }));
    place(job, &mut v);
    if let Some(s) = &job.salary {
        v.insert(
            "baseSalary".into(),
            json!({
                "@type": "MonetaryAmount",
                "currency": s.currency,
                "value": { "@type": "QuantitativeValue", "minValue": number(s.min), "maxValue": number(s.max), "unitText": s.unit }
            }),
        );
    }
    details(job, &mut v);
    Value::Object(v)
}

/// The employer's own reference when the listing gives one, else the listing's path:
/// either names this posting uniquely for that employer. Job feeds send the same.
pub fn identifier(job: &Job) -> &str {
    job.details.requisition_id.as_deref().unwrap_or(job.path.trim_end_matches('/'))
}

fn organization(job: &Job, logo_url: Option<&str>) -> Value {
    let mut org = Map::new();
    org.insert("@type".into(), json!("Organization"));
    org.insert("name".into(), json!(job.company));
    if let Some(url) = &job.company_url {
        org.insert("sameAs".into(), json!(url));
    }
    if let Some(logo) = logo_url {
        org.insert("logo".into(), json!(encode_url(logo)));
    }
    Value::Object(org)
}

/// `jobLocation`: one Place per office (an array when there are several), and for a fully
/// remote role `TELECOMMUTE` with the countries applicants may live in. A hybrid role has
/// its offices and no `TELECOMMUTE` (Google keeps that for roles done fully remotely),
/// with the countries when the listing names them.
fn place(job: &Job, v: &mut Map<String, Value>) {
    let places: Vec<Value> =
        job.locations.iter().map(|loc| json!({ "@type": "Place", "address": address(loc) })).collect();
    match places.len() {
        0 => {}
        1 => {
            v.insert("jobLocation".into(), places.into_iter().next().unwrap_or_default());
        }
        _ => {
            v.insert("jobLocation".into(), Value::Array(places));
        }
    }
    if job.workplace == Workplace::Remote {
        v.insert("jobLocationType".into(), json!("TELECOMMUTE"));
    }
    if !job.applicant_countries.is_empty() {
        let countries: Vec<Value> =
            job.applicant_countries.iter().map(|c| json!({ "@type": "Country", "name": c })).collect();
        v.insert("applicantLocationRequirements".into(), Value::Array(countries));
    }
}

fn address(loc: &Location) -> Value {
    let mut addr = Map::new();
    addr.insert("@type".into(), json!("PostalAddress"));
    let optional = [("streetAddress", &loc.street), ("addressRegion", &loc.region), ("postalCode", &loc.postal_code)];
    addr.insert("addressLocality".into(), json!(loc.city));
    for (key, value) in optional {
        if let Some(text) = value.as_deref().filter(|t| !t.trim().is_empty()) {
            addr.insert(key.into(), json!(text));
        }
    }
    addr.insert("addressCountry".into(), json!(loc.country));
    Value::Object(addr)
}

/// Hours, benefits, education and experience, when the listing gives them.
fn details(job: &Job, v: &mut Map<String, Value>) {
    let d = &job.details;
    if let Some(hours) = &d.hours {
        v.insert("workHours".into(), json!(hours));
    }
    if let Some(benefits) = &d.benefits {
        v.insert("jobBenefits".into(), json!(benefits));
    }
    if let Some(level) = &d.education {
        v.insert(
            "educationRequirements".into(),
            json!({ "@type": "EducationalOccupationalCredential", "credentialCategory": level }),
        );
    }
    if let Some(months) = d.experience_months {
        v.insert(
            "experienceRequirements".into(),
            json!({ "@type": "OccupationalExperienceRequirements", "monthsOfExperience": months }),
        );
    }
}

/// A bare date means "through the end of that day" (the listing stays open all day), but
/// search engines read a bare date as its first moment: give them the last one. Job
/// feeds' expiry dates are the same moment.
pub fn end_of_validity(vt: Date) -> String {
    if vt.has_time {
        vt.to_iso()
    } else {
        format!("{}T23:59:59+00:00", vt.at.format("%Y-%m-%d"))
    }
}

/// Whole amounts as integers (58000, not 58000.0), as people and validators expect.
pub fn number(x: f64) -> Value {
    if x.fract() == 0.0 && x.abs() < 9.0e15 {
        json!(x as i64)
    } else {
        json!(x)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bare_valid_through_dates_last_the_whole_day() {
        assert_eq!(end_of_validity(Date::parse("2025-03-01").unwrap()), "2025-03-01T23:59:59+00:00");
        assert_eq!(end_of_validity(Date::parse("2025-03-01T12:00:00+02:00").unwrap()), "2025-03-01T12:00:00+02:00");
    }
}
