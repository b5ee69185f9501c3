//! The names of what careerpress keeps beside an output folder (its lock, staging folder
//! and records), in one place: the build writes them, and the walk of the sources must
//! know an output folder when a symlink leads into one.

use std::path::{Path, PathBuf};

/// `.<name>.careerpress-<what>` beside `out`: never inside it, so never published.
pub fn sibling(out: &Path, what: &str) -> PathBuf {
    let name = out.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
    out.with_file_name(format!(".{name}.careerpress-{what}"))
}

/// The output folder of a build (the folder with careerpress's lock beside it, or the
/// staging folder beside that) that `real`, a resolved path, is in or is; None outside
/// any. A symlink in the sources that led there would publish the last build inside the
/// next one, which would grow with every build.
pub fn output_holding(real: &Path) -> Option<&Path> {
    real.ancestors().find(|folder| {
        let staging = folder.file_name().is_some_and(|n| {
            let n = n.to_string_lossy();
            n.starts_with('.') && n.ends_with(".careerpress-staging")
        });
        staging || (folder.file_name().is_some() && sibling(folder, "lock").is_file())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_output_folder_is_known_by_its_lock_or_as_the_staging_folder() {
        let tmp = tempfile::tempdir().unwrap();
        let out = tmp.path().join("public");
        std::fs::create_dir_all(out.join("posts/a")).unwrap();
        assert_eq!(output_holding(&out.join("posts/a")), None, "no lock: no build wrote it");
        std::fs::write(sibling(&out, "lock"), "").unwrap();
        assert_eq!(output_holding(&out.join("posts/a")), Some(out.as_path()));
        assert_eq!(output_holding(&out), Some(out.as_path()));
        let staging = sibling(&out, "staging");
        assert_eq!(output_holding(&staging.join("posts")), Some(staging.as_path()));
        assert_eq!(output_holding(tmp.path()), None);
    }
}
