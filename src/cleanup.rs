//! What must not outlive an interrupted run: temporary output files and
//! child processes. Both are registered here while they exist; on SIGINT,
//! SIGTERM or SIGHUP the handler kills the children's process groups, removes
//! the files and exits with 128 + the signal's number (130, 143, 129), as
//! shells do.
//!
//! A `kill -9` cannot be handled: children then die by their death signal
//! (see `confine` in the PDF child module), and `--resume` removes the
//! temporary files left in the output folder.

use std::path::{Path, PathBuf};
use std::sync::Mutex;

static FILES: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());
static GROUPS: Mutex<Vec<u32>> = Mutex::new(Vec::new());
static DIRS: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// Removes its entry from the registry when dropped.
#[must_use]
pub struct Tracked(Entry);

enum Entry {
    File(PathBuf),
    Group(u32),
    Dir(PathBuf),
}

impl Drop for Tracked {
    fn drop(&mut self) {
        match &self.0 {
            Entry::File(p) => remove_first(&FILES, |f| f == p),
            Entry::Group(g) => remove_first(&GROUPS, |x| x == g),
            Entry::Dir(p) => remove_first(&DIRS, |d| d == p),
        }
    }
}

fn remove_first<T>(list: &Mutex<Vec<T>>, is: impl Fn(&T) -> bool) {
    let mut list = list.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(i) = list.iter().position(is) {
        list.swap_remove(i);
    }
}

/// Remember a temporary file to remove if the run is interrupted.
pub fn track_file(path: &Path) -> Tracked {
    FILES
        .lock()
        .unwrap_or_else(|p| p.into_inner())
        .push(path.to_path_buf());
    Tracked(Entry::File(path.to_path_buf()))
}

/// Remember a temporary folder (a site being built by `review`) to remove,
/// with everything in it, if the run is interrupted.
pub fn track_dir(path: &Path) -> Tracked {
    DIRS.lock()
        .unwrap_or_else(|p| p.into_inner())
        .push(path.to_path_buf());
    Tracked(Entry::Dir(path.to_path_buf()))
}

/// Remember a child (the leader of its own process group) to kill if the run
/// is interrupted.
pub fn track_group(pid: u32) -> Tracked {
    GROUPS.lock().unwrap_or_else(|p| p.into_inner()).push(pid);
    Tracked(Entry::Group(pid))
}

/// Handle SIGINT, SIGTERM and SIGHUP on a thread of their own: kill the
/// registered children, remove the registered files, exit 128 + signal.
pub fn install() -> std::io::Result<()> {
    use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
    let mut signals = signal_hook::iterator::Signals::new([SIGINT, SIGTERM, SIGHUP])?;
    std::thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            if let Some(signal) = signals.forever().next() {
                clean_up();
                std::process::exit(128 + signal);
            }
        })?;
    Ok(())
}

/// Kill every registered child group and remove every registered file.
pub fn clean_up() {
    for &pid in GROUPS.lock().unwrap_or_else(|p| p.into_inner()).iter() {
        #[cfg(unix)]
        if let Ok(pid) = i32::try_from(pid) {
            // SAFETY: a plain system call on a group this process started.
            unsafe { libc::killpg(pid, libc::SIGKILL) };
        }
    }
    for path in FILES.lock().unwrap_or_else(|p| p.into_inner()).iter() {
        let _ = std::fs::remove_file(path);
    }
    for path in DIRS.lock().unwrap_or_else(|p| p.into_inner()).iter() {
        // Renamed first: a thread still writing into the folder then finds
        // no folder at its path, instead of adding files while it is removed.
        let doomed = path.with_extension("removing");
        let target = if std::fs::rename(path, &doomed).is_ok() {
            doomed
        } else {
            path.clone()
        };
        let _ = std::fs::remove_dir_all(target);
    }
}

/// The name of baocao's temporary output files (`.baocao-XXXXXX.tmp`).
pub fn is_temporary_name(name: &str) -> bool {
    name.starts_with(".baocao-") && name.ends_with(".tmp")
}

/// Remove the temporary files that an earlier, killed run left in `dir`
/// (`--resume`). Returns how many were removed.
pub fn remove_stale(dir: &Path) -> usize {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return 0;
    };
    entries
        .flatten()
        .filter(|e| e.file_type().is_ok_and(|t| t.is_file()))
        .filter(|e| is_temporary_name(&e.file_name().to_string_lossy()))
        .filter(|e| std::fs::remove_file(e.path()).is_ok())
        .count()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stale_temporaries_are_removed_and_nothing_else() {
        let dir = tempfile::tempdir().unwrap();
        for name in [".baocao-abc123.tmp", "a.json", ".baocao-x.json", "b.tmp"] {
            std::fs::write(dir.path().join(name), "x").unwrap();
        }
        assert_eq!(remove_stale(dir.path()), 1);
        let mut left: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        left.sort();
        assert_eq!(left, [".baocao-x.json", "a.json", "b.tmp"]);
    }

    #[test]
    fn clean_up_removes_tracked_files_only_while_tracked() {
        let dir = tempfile::tempdir().unwrap();
        let (kept, tracked) = (dir.path().join("kept"), dir.path().join("tracked"));
        std::fs::write(&kept, "x").unwrap();
        std::fs::write(&tracked, "x").unwrap();
        let guard = track_file(&kept);
        drop(guard);
        let _guard = track_file(&tracked);
        clean_up();
        assert!(kept.exists());
        assert!(!tracked.exists());
    }
}
