//! Watches the files a build reads and hands them over in bursts: a save is often several
//! events (write, rename, attribute change), and `git checkout` of another branch is thousands,
//! so events are collected until the disk has been quiet for a moment and then given to one
//! rebuild together.
//!
//! notify (inotify, FSEvents, ReadDirectoryChangesW) delivers the events; the coalescing is a
//! few lines here rather than a debouncer crate because it must end a burst on quiet, not on
//! a fixed tick, to keep a single save's rebuild quick.

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use notify::{EventKind, RecommendedWatcher, RecursiveMode, Watcher as _};

use crate::layout::{CONTENT_DIR, I18N_DIR, STATIC_DIR, TEMPLATES_DIR, THEMES_DIR};

/// How long the disk must be quiet before a burst of events is handed over.
pub const QUIET: Duration = Duration::from_millis(25);
/// A burst is handed over after this long even if events keep coming.
const LONGEST_BURST: Duration = Duration::from_secs(2);

/// The site's watched folders, and the events notify delivers for them.
pub struct Watcher {
    root: PathBuf,
    watcher: RecommendedWatcher,
    events: Receiver<notify::Result<notify::Event>>,
}

impl Watcher {
    /// Watches `site.yaml` (through the root folder, not recursively: the output folder is
    /// there), `content/`, `static/`, `themes/` and `i18n/`.
    pub fn new(root: &Path) -> Result<Watcher, String> {
        let (tx, events) = mpsc::channel();
        let watcher = notify::recommended_watcher(tx).map_err(|e| cannot_watch(root, &e))?;
        let mut watcher = Watcher {
            root: std::fs::canonicalize(root).unwrap_or_else(|_| root.to_path_buf()),
            watcher,
            events,
        };
        watcher.watch_folders()?;
        Ok(watcher)
    }

    /// (Re)starts watching the site's folders; called again when one may have been created.
    pub fn watch_folders(&mut self) -> Result<(), String> {
        self.watcher
            .watch(&self.root, RecursiveMode::NonRecursive)
            .map_err(|e| cannot_watch(&self.root, &e))?;
        for folder in [CONTENT_DIR, STATIC_DIR, THEMES_DIR, TEMPLATES_DIR, I18N_DIR] {
            let path = self.root.join(folder);
            if path.is_dir() {
                self.watcher
                    .watch(&path, RecursiveMode::Recursive)
                    .map_err(|e| cannot_watch(&path, &e))?;
            }
        }
        Ok(())
    }

    /// Blocks until something changed, then returns every path that changed until the disk
    /// was quiet for [`QUIET`]. `None` when the watcher is gone.
    pub fn next_burst(&self) -> Option<Burst> {
        let mut burst = Burst::default();
        let first = self.events.recv().ok()?;
        let started = Instant::now();
        burst.add(first);
        loop {
            match self.events.recv_timeout(QUIET) {
                Ok(event) => {
                    burst.add(event);
                    if started.elapsed() > LONGEST_BURST {
                        break;
                    }
                }
                Err(RecvTimeoutError::Timeout) => break,
                Err(RecvTimeoutError::Disconnected) => return None,
            }
        }
        burst.paths.sort();
        burst.paths.dedup();
        Some(burst)
    }
}

/// What to tell an editor whose machine will not watch the site; the usual cause is Linux's
/// limit on watched folders, which a large site can reach.
fn cannot_watch(path: &Path, err: &notify::Error) -> String {
    let mut message = format!("cannot watch {} for changes: {err}", path.display());
    // inotify reports its limit as such, or as "no space left on device" (ENOSPC, 28).
    let limit = match &err.kind {
        notify::ErrorKind::MaxFilesWatch => true,
        notify::ErrorKind::Io(io) => io.raw_os_error() == Some(28),
        _ => false,
    };
    if limit {
        message.push_str(
            ". The system's limit on watched folders is reached: raise it, e.g. \
             `sudo sysctl fs.inotify.max_user_watches=524288`, and start digest serve again",
        );
    }
    message
}

/// The changes of one burst.
#[derive(Debug, Default)]
pub struct Burst {
    /// The paths that changed, each once, as the watcher reports them (resolved).
    pub paths: Vec<PathBuf>,
    /// Events were lost (the kernel's queue overflowed in a huge checkout): nothing precise is
    /// known, so everything must be read again.
    pub lost_events: bool,
}

impl Burst {
    fn add(&mut self, event: notify::Result<notify::Event>) {
        match event {
            // Reading a file is not a change (a watcher that reacts to reads rebuilds forever).
            Ok(event) if matches!(event.kind, EventKind::Access(_)) => {}
            Ok(event) if event.need_rescan() => self.lost_events = true,
            Ok(event) => self.paths.extend(event.paths),
            Err(_) => self.lost_events = true,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use notify::event::{AccessKind, CreateKind, Flag, ModifyKind};

    fn event(kind: EventKind, path: &str) -> notify::Result<notify::Event> {
        Ok(notify::Event::new(kind).add_path(PathBuf::from(path)))
    }

    #[test]
    fn reads_are_not_changes_and_lost_events_mean_everything() {
        let mut burst = Burst::default();
        burst.add(event(EventKind::Access(AccessKind::Any), "/site/site.yaml"));
        assert!(burst.paths.is_empty(), "a read is not a change");
        burst.add(event(EventKind::Modify(ModifyKind::Any), "/site/site.yaml"));
        burst.add(event(
            EventKind::Create(CreateKind::File),
            "/site/content/x",
        ));
        assert_eq!(
            burst.paths,
            [
                PathBuf::from("/site/site.yaml"),
                PathBuf::from("/site/content/x")
            ]
        );
        assert!(!burst.lost_events);
        burst.add(Ok(
            notify::Event::new(EventKind::Other).set_flag(Flag::Rescan)
        ));
        assert!(burst.lost_events, "the kernel dropped events");
    }

    #[test]
    fn a_burst_ends_when_the_disk_is_quiet() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::create_dir_all(dir.path().join("content")).unwrap();
        let watcher = Watcher::new(dir.path()).unwrap();
        for i in 0..20 {
            std::fs::write(dir.path().join(format!("content/{i}.md")), "x").unwrap();
        }
        let burst = watcher.next_burst().unwrap();
        let written: Vec<_> = burst
            .paths
            .iter()
            .filter(|p| p.extension().is_some_and(|e| e == "md"))
            .collect();
        assert_eq!(written.len(), 20, "one burst for all the writes: {burst:?}");
    }
}

#[cfg(test)]
mod messages {
    use super::*;

    #[test]
    fn the_watch_limit_says_how_to_raise_it() {
        let limit = notify::Error::new(notify::ErrorKind::MaxFilesWatch);
        let message = cannot_watch(Path::new("/site/content"), &limit);
        assert!(
            message.starts_with("cannot watch /site/content for changes: "),
            "{message}"
        );
        assert!(message.contains("fs.inotify.max_user_watches"), "{message}");
        let other = notify::Error::generic("denied");
        assert!(!cannot_watch(Path::new("/site"), &other).contains("sysctl"));
    }
}
