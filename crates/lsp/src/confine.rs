//! Where the server may write a file that a rules.toml chose (today: the baseline that
//! "accept this finding" writes to). A rules.toml comes with the folder, so in a workspace the
//! user has not trusted it must not be able to point the write anywhere else: an absolute path,
//! `../`, or a symlink that leads out of the workspace folders is refused.

use std::path::{Component, Path, PathBuf};

/// `path` resolved (symlinks followed, `..` gone) when it lies inside one of `roots`; else why
/// not. A file that does not exist yet is resolved through its folder, which must exist.
pub fn inside(path: &Path, roots: &[PathBuf]) -> Result<PathBuf, String> {
    let resolved = resolve(path)?;
    let inside = roots
        .iter()
        .filter_map(|r| std::fs::canonicalize(r).ok())
        .any(|root| resolved.starts_with(&root));
    if inside {
        Ok(resolved)
    } else {
        Err(format!(
            "the baseline file {} (from rules.toml) is outside the workspace folders, so the \
             untrusted workspace may not write it; trust the workspace or set `baseline` to a \
             file inside it",
            path.display()
        ))
    }
}

/// The real location of `path`: canonical when it exists (a symlink is followed to its target),
/// else its canonical folder joined with its plain file name. A dangling symlink is refused (its
/// target could be anywhere once created).
fn resolve(path: &Path) -> Result<PathBuf, String> {
    if let Ok(real) = std::fs::canonicalize(path) {
        return Ok(real);
    }
    if std::fs::symlink_metadata(path).is_ok() {
        return Err(format!(
            "the baseline file {} is a symlink to nothing",
            path.display()
        ));
    }
    let name = match path.components().next_back() {
        Some(Component::Normal(name)) => name,
        _ => return Err(format!("{} is not a file name", path.display())),
    };
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    let dir = std::fs::canonicalize(dir.unwrap_or(Path::new(".")))
        .map_err(|e| format!("the folder of {} cannot be used: {e}", path.display()))?;
    Ok(dir.join(name))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inside_the_workspace_is_allowed_and_everything_that_leads_out_is_not() {
        let outside = tempfile::tempdir().unwrap();
        let ws = tempfile::tempdir().unwrap();
        let root = vec![ws.path().to_path_buf()];
        let sub = ws.path().join("sub");
        std::fs::create_dir(&sub).unwrap();

        let plain = ws.path().join("sub/.budgetlint-baseline.json");
        assert!(inside(&plain, &root).is_ok());
        assert!(
            inside(&sub.join("../b.json"), &root).is_ok(),
            "`..` staying inside"
        );

        let absolute = outside.path().join("b.json");
        let err = inside(&absolute, &root).unwrap_err();
        assert!(err.contains("outside the workspace"), "{err}");
        assert!(
            inside(&sub.join("../../b.json"), &root).is_err(),
            "`../` out"
        );

        let link = ws.path().join("link.json");
        std::os::unix::fs::symlink(outside.path().join("target.json"), &link).unwrap();
        assert!(inside(&link, &root).is_err(), "a dangling symlink out");
        std::fs::write(outside.path().join("target.json"), "{}").unwrap();
        assert!(inside(&link, &root).is_err(), "a symlink out");

        let dir_link = ws.path().join("out");
        std::os::unix::fs::symlink(outside.path(), &dir_link).unwrap();
        assert!(
            inside(&dir_link.join("new.json"), &root).is_err(),
            "through a folder symlink"
        );
        assert!(inside(&plain, &[]).is_err(), "no workspace folder: nowhere");
    }
}
