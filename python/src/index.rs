//! `chaff.WireIndex`: the wire index file, as `chaff wire add / lookup / stats` use it.

use crate::errors::{OrPyErr, StoryError, WireIndexError, json};
use chaff::feeds::{FeedReader, Location};
use chaff::wire::{Added, PageStoryHints, Story};
use pyo3::prelude::*;
use std::path::PathBuf;
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};

/// The index, shared by the Python object and the threads that work on it with the GIL
/// released: look-ups share it (the library keeps a reader connection per concurrent
/// look-up), adds take it alone.
#[derive(Clone)]
pub struct Shared(Arc<RwLock<chaff::wire::WireIndex>>);

impl Shared {
    pub fn read(&self) -> RwLockReadGuard<'_, chaff::wire::WireIndex> {
        // A panic while holding the lock left SQLite rolled back: the index is still usable.
        self.0.read().unwrap_or_else(|p| p.into_inner())
    }

    fn write(&self) -> RwLockWriteGuard<'_, chaff::wire::WireIndex> {
        self.0.write().unwrap_or_else(|p| p.into_inner())
    }
}

#[pyclass(module = "chaff._chaff", frozen)]
pub struct WireIndex {
    index: Shared,
    read_only: bool,
    path: PathBuf,
}

impl WireIndex {
    pub fn shared(&self) -> Shared {
        self.index.clone()
    }

    /// The index, for adding: refused when opened read-only. Lock it with `write` once the
    /// GIL is released (waiting for other threads' look-ups must not hold the GIL).
    fn writable(&self) -> PyResult<Shared> {
        if self.read_only {
            return Err(WireIndexError::new_err(format!(
                "wire index {} is open read-only: open it with WireIndex(path) to add stories",
                self.path.display()
            )));
        }
        Ok(self.index.clone())
    }
}

#[derive(Default, serde::Serialize)]
struct Summary {
    added: u64,
    already_present: u64,
    errors: Vec<String>,
}

impl Summary {
    fn count(&mut self, outcome: Result<Added, chaff::wire::StoryError>, place: String) {
        match outcome {
            Ok(Added::Added) => self.added += 1,
            Ok(Added::AlreadyPresent(_)) => self.already_present += 1,
            Err(e) => self.errors.push(format!("{place}: {e}")),
        }
    }
}

#[pymethods]
impl WireIndex {
    /// Open an index file; created if missing unless `read_only`, in which case a missing
    /// file is an error (as `chaff score --index` says).
    #[new]
    #[pyo3(signature = (path, read_only=false))]
    fn new(py: Python<'_>, path: PathBuf, read_only: bool) -> PyResult<WireIndex> {
        let index = py
            .detach(|| {
                if read_only {
                    chaff::wire::WireIndex::open_read_only(&path)
                } else {
                    chaff::wire::WireIndex::create_or_open(&path)
                }
            })
            .or_py()?;
        Ok(WireIndex {
            index: Shared(Arc::new(RwLock::new(index))),
            read_only,
            path,
        })
    }

    #[getter]
    fn path(&self) -> PathBuf {
        self.path.clone()
    }

    #[getter]
    fn read_only(&self) -> bool {
        self.read_only
    }

    /// Add stories given as JSON objects (one per string), in one transaction. Every story is
    /// checked first: if any is invalid, nothing is added and StoryError names each bad one
    /// by its position. Returns `{"added", "already_present", "errors"}` as JSON.
    fn add_json(&self, py: Python<'_>, stories: Vec<String>) -> PyResult<String> {
        let shared = self.writable()?;
        let summary = py.detach(|| {
            let mut index = shared.write();
            let mut parsed = Vec::with_capacity(stories.len());
            let mut bad = Vec::new();
            for (i, s) in stories.iter().enumerate() {
                match Story::from_json(s) {
                    Ok(story) => parsed.push(story),
                    Err(e) => bad.push(format!("stories[{i}]: {e}")),
                }
            }
            if !bad.is_empty() {
                return Ok(Err(bad));
            }
            let outcomes = index.add_many(&parsed)?;
            let mut summary = Summary::default();
            for (i, outcome) in outcomes.into_iter().enumerate() {
                summary.count(outcome, format!("stories[{i}]"));
            }
            Ok::<_, chaff::wire::WireError>(Ok(summary))
        });
        match summary.or_py()? {
            Ok(summary) => json(&summary),
            Err(bad) => Err(StoryError::new_err(format!(
                "{} of {} stories are invalid, none was added: {}",
                bad.len(),
                stories.len(),
                bad.join("; ")
            ))),
        }
    }

    /// Add the stories of feed files as `chaff wire add` reads them (chaff JSON Lines, ninjs
    /// JSON, NewsML-G2 XML, HTML pages). Bad items are reported in `errors` (as the CLI prints
    /// them) and the others are added. Returns the summary as JSON.
    #[pyo3(signature = (paths, agency=None, published=None))]
    fn add_feeds_json(
        &self,
        py: Python<'_>,
        paths: Vec<PathBuf>,
        agency: Option<String>,
        published: Option<String>,
    ) -> PyResult<String> {
        let shared = self.writable()?;
        let summary = py.detach(|| {
            let mut index = shared.write();
            let mut reader = FeedReader::new(PageStoryHints { agency, published });
            let mut summary = Summary::default();
            for path in &paths {
                let name = path.display().to_string();
                let items = match reader.open(path) {
                    Ok(items) => items,
                    Err(e) => {
                        summary.errors.push(format!("{name}: {e}"));
                        continue;
                    }
                };
                let mut stories = Vec::new();
                let mut places = Vec::new();
                for item in items {
                    let place = Location(&name, item.at).to_string();
                    match item.story {
                        Ok(s) => {
                            stories.push(s);
                            places.push(place);
                        }
                        Err(e) => summary.errors.push(format!("{place}: {e}")),
                    }
                }
                for (outcome, place) in index.add_many(&stories)?.into_iter().zip(places) {
                    summary.count(outcome, place);
                }
            }
            Ok::<_, chaff::wire::WireError>(summary)
        });
        json(&summary.or_py()?)
    }

    /// The wire story a body text holds most of, as JSON (`null` when none).
    fn lookup_json(&self, py: Python<'_>, text: String) -> PyResult<String> {
        let index = self.index.clone();
        let found = py.detach(|| index.read().lookup(&text)).or_py()?;
        json(&found)
    }

    /// What the index holds, as `chaff wire stats --json` prints it.
    fn stats_json(&self, py: Python<'_>) -> PyResult<String> {
        let index = self.index.clone();
        let stats = py.detach(|| index.read().stats()).or_py()?;
        json(&stats)
    }

    fn __repr__(&self) -> String {
        format!(
            "WireIndex({:?}{})",
            self.path.display().to_string(),
            if self.read_only { ", read_only=True" } else { "" }
        )
    }
}
