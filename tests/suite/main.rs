//! careerpress's integration tests as one binary, one module per feature (as mdBook does):
//! the shared helpers in `common` compile once, and every module runs the real
//! `careerpress` binary or library on small fixture sites under `tests/fixtures/`.

mod common;

mod article_furniture;
mod author_text;
mod browser_followup;
mod browser_serve;
mod browser_theme;
mod build;
mod build_killed;
mod check;
mod code_health;
mod data;
mod dates;
mod escaping;
mod feeds;
mod file_system_faults;
mod followup_cli;
mod followup_node;
mod followup_page;
mod footnotes_and_outline;
mod hostile_inputs;
mod html_valid;
mod import;
mod incremental;
mod job_feeds;
mod job_filters;
mod jobs;
mod links;
mod no_panic;
mod output_folder;
mod publishing;
mod reading;
mod render_cache;
mod sample_site;
mod scaffold;
mod scale;
mod seo;
mod serve;
mod shortcodes;
mod site_files;
mod theme_palette;
