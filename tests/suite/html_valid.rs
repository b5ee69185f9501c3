//! The default theme's pages must pass the Nu HTML Checker (npm package `vnu-jar`) with no
//! errors: build the repository's own site and check every HTML file. It needs java and
//! the checker's jar, so it is ignored by a plain `cargo test`; `.ci/run` installs both and
//! runs it with `--include-ignored`.

use crate::common::{repo_root, run_careerpress};
use std::path::PathBuf;
use std::process::Command;

fn vnu_jar() -> Option<PathBuf> {
    let candidates = [
        std::env::var_os("CAREERPRESS_VNU_JAR").map(PathBuf::from),
        Some(repo_root().join("target/qa-tools/node_modules/vnu-jar/build/dist/vnu.jar")),
    ];
    candidates.into_iter().flatten().find(|p| p.is_file())
}

fn java_works() -> bool {
    Command::new("java").arg("-version").output().is_ok_and(|o| o.status.success())
}

#[test]
#[ignore = "needs java + the Nu HTML Checker (npm install --prefix target/qa-tools vnu-jar)"]
fn every_page_of_the_sample_site_passes_the_html_checker() {
    assert!(java_works(), "java is missing: install default-jre-headless (see .ci/run)");
    let jar = vnu_jar().expect("vnu.jar is missing: npm install --prefix target/qa-tools vnu-jar (see .ci/run)");
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("public");
    let root = repo_root();
    run_careerpress(["build", "--root", root.to_str().unwrap(), "--output", out.to_str().unwrap()], tmp.path())
        .assert_success();
    let pages: Vec<PathBuf> = crate::common::list_html_files(&out).into_iter().map(|rel| out.join(rel)).collect();
    assert!(pages.len() >= 10, "too few pages: {pages:?}");
    let result = Command::new("java").arg("-jar").arg(&jar).arg("--errors-only").args(&pages).output().unwrap();
    let report = String::from_utf8_lossy(&result.stderr);
    assert!(result.status.success() && report.trim().is_empty(), "HTML errors:\n{report}");
}
