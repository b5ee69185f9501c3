//! site.toml: the one config model, its value checks and their located errors.
#![no_main]
use careerpress::config::Config;
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|text: &str| {
    let _ = Config::parse(text, Path::new("site.toml"));
});
