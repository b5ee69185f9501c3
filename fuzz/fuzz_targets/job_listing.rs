//! Job listing front matter: strict fields, offices, workplaces, salaries, URLs, dates.
#![no_main]
use careerpress::content::ContentFile;
use careerpress::jobs::Job;
use libfuzzer_sys::fuzz_target;
use std::path::{Path, PathBuf};

fuzz_target!(|text: &str| {
    let file = ContentFile {
        abs: PathBuf::from("jobs/a.md"),
        rel: "jobs/a.md".into(),
        display: Path::new("content").join("jobs/a.md"),
    };
    if let Ok(job) = Job::parse(&file, text, "jobs/") {
        // What the pages and feeds then make of it.
        let mut readable = careerpress::locale::Readable::new("en-GB");
        let _ = job.place(|c| readable.country(c));
        if let Some(s) = &job.salary {
            let _ = readable.salary(s);
        }
        let _ = careerpress::jobs::jsonld::job_posting(&job, "<p>x</p>", "https://x.example/jobs/a/", None);
    }
});
