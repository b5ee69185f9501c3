//! careerpress: a static site generator for career-advice publishers. The modules follow
//! the pipeline: config → content → markdown → templates → site (load, render) → output.

#![forbid(unsafe_code)]

#[macro_use]
pub mod console;
pub mod authors;
pub mod build;
pub mod check;
pub mod cli;
pub mod config;
pub mod content;
pub mod data;
pub mod dates;
pub mod error;
pub mod escape;
pub mod feeds;
pub mod findings;
pub mod followup;
pub mod footnotes;
pub mod foreign;
pub mod hashed;
pub mod import;
pub mod jobs;
pub mod locale;
pub mod markdown;
pub mod mismatch;
pub mod output;
pub mod published;
pub mod rank;
pub mod recover;
pub mod scaffold;
pub mod seo;
pub mod serve;
pub mod site;
pub mod templates;
#[cfg(test)]
mod testing;
pub mod toml_spans;
pub mod toml_syntax;
pub mod typography;
pub mod wording;
pub mod yaml;
