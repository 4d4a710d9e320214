//! Output: files written atomically (a temporary file in the same folder, then a rename),
//! so a failed render never leaves a partial file and never replaces a good one. A
//! temporary file is named after the process writing it, `.histmap-<pid>-<random>.tmp`,
//! so one left by a process that was killed is recognised and removed by the next run.

use crate::error::{Error, Result};
use std::io::Write;
use std::path::Path;

/// Writes `bytes` to `path` atomically, creating the folder if needed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut pending = Pending::new(path)?;
    pending.file().write_all(bytes).map_err(|e| Error::file(path, format!("write failed: {e}")))?;
    pending.commit()
}

/// A file being written beside where it goes, put in its place only by [`Pending::commit`]:
/// until then (or if it is dropped) the earlier file there is left as it was.
pub struct Pending {
    tmp: tempfile::NamedTempFile,
    path: std::path::PathBuf,
}

impl Pending {
    /// Starts writing `path`, creating its folder.
    pub fn new(path: &Path) -> Result<Pending> {
        let dir = match path.parent() {
            Some(d) if !d.as_os_str().is_empty() => d,
            _ => Path::new("."),
        };
        std::fs::create_dir_all(dir).map_err(|e| Error::file(dir, format!("cannot create output folder: {e}")))?;
        let mut builder = tempfile::Builder::new();
        let prefix = format!("{TEMP_PREFIX}{}-", std::process::id());
        builder.prefix(&prefix).suffix(TEMP_SUFFIX);
        // Temporary files are private (0600); a map is an ordinary file, readable by all.
        #[cfg(unix)]
        builder.permissions(std::os::unix::fs::PermissionsExt::from_mode(0o644));
        let tmp = builder.tempfile_in(dir).map_err(|e| Error::file(dir, format!("cannot write here: {e}")))?;
        Ok(Pending { tmp, path: path.to_path_buf() })
    }

    /// The file to write into.
    pub fn file(&mut self) -> &mut std::fs::File {
        self.tmp.as_file_mut()
    }

    /// Flushes the file to disk and puts it in its place.
    pub fn commit(self) -> Result<()> {
        let path = self.path;
        self.tmp.as_file().sync_all().map_err(|e| Error::file(&path, format!("write failed: {e}")))?;
        self.tmp.persist(&path).map_err(|e| Error::file(&path, format!("cannot replace file: {}", e.error)))?;
        Ok(())
    }
}

const TEMP_PREFIX: &str = ".histmap-";
const TEMP_SUFFIX: &str = ".tmp";

/// Removes the temporary files that processes no longer running left in `dir` (a render
/// killed between writing a file and renaming it). Those of running processes, and any
/// other file, are left alone; a folder that cannot be read is no error.
pub fn remove_stale(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else { return };
    for entry in entries.flatten() {
        let name = entry.file_name();
        let pid = name
            .to_str()
            .and_then(|n| n.strip_prefix(TEMP_PREFIX)?.strip_suffix(TEMP_SUFFIX)?.split_once('-'))
            .and_then(|(pid, _)| pid.parse::<u32>().ok());
        let age = || entry.metadata().and_then(|m| m.modified()).ok().and_then(|t| t.elapsed().ok());
        if pid.is_some_and(|pid| !running(pid, age())) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Whether the process that wrote a temporary file `age` ago may still be writing it: on
/// Linux, whether `/proc` has it; elsewhere, whether the file is less than an hour old.
fn running(pid: u32, age: Option<std::time::Duration>) -> bool {
    if pid == std::process::id() {
        return true;
    }
    if cfg!(target_os = "linux") {
        Path::new("/proc").join(pid.to_string()).exists()
    } else {
        age.is_none_or(|a| a.as_secs() < 3600)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn temporaries_of_dead_processes_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        // No process has an id this large (Linux's limit is 2^22).
        let stale = dir.path().join(".histmap-4294967295-abc123.tmp");
        let own = dir.path().join(format!(".histmap-{}-abc123.tmp", std::process::id()));
        let other = dir.path().join(".histmap-notes.tmp");
        for p in [&stale, &own, &other] {
            std::fs::write(p, b"partial").unwrap();
        }
        remove_stale(dir.path());
        assert_eq!(!stale.exists(), cfg!(target_os = "linux"));
        assert!(own.exists() && other.exists());
    }

    #[test]
    fn replaces_files_and_leaves_no_temporaries() {
        let dir = tempfile::tempdir().unwrap();
        let p = dir.path().join("sub/map.svg");
        write_atomic(&p, b"one").unwrap();
        write_atomic(&p, b"two").unwrap();
        assert_eq!(std::fs::read(&p).unwrap(), b"two");
        let names: Vec<_> = std::fs::read_dir(p.parent().unwrap()).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, vec![std::ffi::OsString::from("map.svg")]);
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            assert_eq!(std::fs::metadata(&p).unwrap().permissions().mode() & 0o777, 0o644);
        }
    }
}
