//! Checks made before a command starts its work, so that a run that cannot finish fails in
//! its first second, not after scoring a crawl, and leaves no file behind.

use anyhow::bail;
use std::path::Path;

/// `path` can be written: an existing file is a regular file that is not read-only, or a
/// new one can be made in an existing, writable folder. Creates nothing.
///
/// A file marked read-only (`chmod a-w`) counts as read-only even for root, who could write
/// it anyway: the mark says what its owner wants. `what` names the file in the error.
pub fn writable_file(path: &Path, what: &str) -> anyhow::Result<()> {
    let shown = path.display();
    match std::fs::metadata(path) {
        Ok(m) if m.is_dir() => bail!("{what} {shown} is a folder, not a file"),
        Ok(m) if m.permissions().readonly() => {
            bail!("{what} {shown} is read-only; make it writable or choose another file")
        }
        Ok(_) => {
            if let Err(e) = std::fs::OpenOptions::new().write(true).open(path) {
                bail!("{what} {shown} cannot be written: {e}");
            }
            // SQLite keeps its journal (-wal, -shm) beside the file.
            writable_folder(path, what)
        }
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => writable_folder(path, what),
        Err(e) => bail!("{what} {shown}: {e}"),
    }
}

/// The folder that holds `path` exists and is not read-only.
fn writable_folder(path: &Path, what: &str) -> anyhow::Result<()> {
    let dir = match path.parent() {
        Some(d) if !d.as_os_str().is_empty() => d,
        _ => Path::new("."),
    };
    match std::fs::metadata(dir) {
        Ok(m) if !m.is_dir() => bail!(
            "{what} {}: {} is not a folder",
            path.display(),
            dir.display()
        ),
        Ok(m) if m.permissions().readonly() => bail!(
            "{what} {}: its folder {} is read-only",
            path.display(),
            dir.display()
        ),
        Ok(_) => Ok(()),
        Err(e) => bail!("{what} {}: folder {}: {e}", path.display(), dir.display()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn read_only_and_missing_folders_are_refused_and_nothing_is_created() {
        let dir = tempfile::tempdir().unwrap();
        let new = dir.path().join("q.db");
        assert!(writable_file(&new, "queue").is_ok());
        assert!(!new.exists(), "the check creates nothing");
        assert!(writable_file(&dir.path().join("no/such/q.db"), "queue").is_err());
        std::fs::write(&new, b"").unwrap();
        let mut p = std::fs::metadata(&new).unwrap().permissions();
        p.set_readonly(true);
        std::fs::set_permissions(&new, p).unwrap();
        let e = writable_file(&new, "moderation queue")
            .unwrap_err()
            .to_string();
        assert!(e.contains("read-only") && e.contains("q.db"), "{e}");
        assert!(writable_file(dir.path(), "queue").is_err());
    }
}
