//! The wire index: a persistent archive of wire stories' fingerprints, on disk, to look a page
//! body up against.
//!
//! It keeps what a verdict needs to name the story (id, agency, publication date, title) and
//! what a look-up needs to find and compare it (exact hash, shingle count, MinHash signature,
//! LSH band keys), never the story text: a million stories take about a gigabyte, not the
//! four or five of their text (measured figures in `bench/WIRE.md`).
//!
//! Storage is one SQLite file (rusqlite, bundled): a transaction-safe single file that
//! survives a crash mid-add, which a hand-made format would have to earn. The layout:
//!
//! - `meta`: the format name and version, and the fingerprint constants the signatures were
//!   made with; opening refuses a file made with other constants (its signatures would
//!   compare as noise).
//! - `stories`: one row per story, `num` (rowid) → id, agency, published, title, xxh3-128 of
//!   the normalised body (UNIQUE: the same body under a new id is the same story), shingle
//!   count, 256-byte signature. `id` is UNIQUE too: adding a story twice changes nothing.
//! - `bands`: `(key, story)` WITHOUT ROWID, primary key on both: one 4-byte key per band per
//!   story, so a look-up is 42 point reads of a clustered B-tree. Band rows of a batch are
//!   sorted before insertion, which keeps page splits local.
//! - `agencies`: per agency, story count and date range, kept up to date on add so that
//!   `stats` answers at once on a million stories.

use crate::fingerprint::{
    BANDS, Fingerprint, Overlap, PERMUTATIONS, ROWS, SEED, SHINGLE_WORDS, Signature,
};
use rayon::prelude::*;
use rusqlite::{Connection, ErrorCode, OpenFlags, OptionalExtension, params};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Mutex, MutexGuard, PoisonError};

/// The wire story a page's body matches best: what a verdict and a moderator see of a match.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct WireMatch {
    pub id: String,
    pub agency: String,
    /// Estimated Jaccard resemblance of the two bodies' shingle sets.
    pub similarity: f32,
    /// Estimated share of the wire story's shingles found in the page body.
    pub containment: f32,
}

/// Name written into every index file, checked on open.
const FORMAT: &str = "chaff-wire-index";
/// Layout version, checked on open.
const VERSION: &str = "1";

/// A look-up reports a story only when the estimated resemblance reaches this (at least 4 of
/// 128 minima equal: below that, one or two chance equalities would pass for a match).
pub const MIN_SIMILARITY: f32 = 0.03;
/// ...and the estimated share of the story found in the body reaches this.
pub const MIN_CONTAINMENT: f32 = 0.2;

/// Errors of the index as a whole: each names the index file.
#[derive(Debug, thiserror::Error)]
pub enum WireError {
    #[error(
        "wire index {} does not exist (create it with `chaff wire add --index {} FILE...`)",
        path.display(), path.display()
    )]
    Missing { path: PathBuf },
    #[error("wire index {} is corrupt or not a chaff wire index: {detail}", path.display())]
    Corrupt { path: PathBuf, detail: String },
    #[error("wire index {}: {source}", path.display())]
    Sqlite {
        path: PathBuf,
        #[source]
        source: rusqlite::Error,
    },
    #[error("wire index {}: {source}", path.display())]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
}

/// What is wrong with one story: the batch goes on past it.
#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum StoryError {
    #[error("not a story JSON object: {0}")]
    Json(String),
    #[error("field `{0}` is missing or empty")]
    Empty(&'static str),
    #[error("`published` is not a date (YYYY-MM-DD, optionally followed by a time): {0:?}")]
    BadDate(String),
    #[error("`text` has no words")]
    NoWords,
    #[error("no agency: no wire dateline such as `BEIRUT (AP) —` opens the body (give one)")]
    NoAgency,
    #[error("no publication date in the page's meta tags or <time> elements (give one)")]
    NoDate,
}

/// A wire story as a reference feed delivers it: one JSON object per line.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Story {
    pub id: String,
    pub agency: String,
    /// ISO-8601 date or date-time (`2024-01-27T12:00:00Z`), kept as given.
    pub published: String,
    #[serde(default)]
    pub title: String,
    pub text: String,
}

impl Story {
    /// A story from its fields, checked: what every feed format makes of an item.
    pub fn new(
        id: String,
        agency: String,
        published: String,
        title: String,
        text: String,
    ) -> Result<Story, StoryError> {
        let story = Story {
            id,
            agency,
            published,
            title,
            text,
        };
        story.check()?;
        Ok(story)
    }

    /// Parse one JSON Lines line and check it.
    pub fn from_json(line: &str) -> Result<Story, StoryError> {
        let story: Story =
            serde_json::from_str(line).map_err(|e| StoryError::Json(e.to_string()))?;
        story.check()?;
        Ok(story)
    }

    /// The fields a story cannot do without.
    pub fn check(&self) -> Result<(), StoryError> {
        if self.id.trim().is_empty() {
            return Err(StoryError::Empty("id"));
        }
        if self.agency.trim().is_empty() {
            return Err(StoryError::Empty("agency"));
        }
        if self.text.trim().is_empty() {
            return Err(StoryError::Empty("text"));
        }
        if crate::calendar::parse_ymd(&self.published).is_none() {
            return Err(StoryError::BadDate(self.published.clone()));
        }
        Ok(())
    }
}

/// What a story taken from an HTML page may be given from outside: values that override what
/// the page says.
#[derive(Debug, Clone, Default)]
pub struct PageStoryHints {
    pub agency: Option<String>,
    pub published: Option<String>,
}

/// A wire story from an HTML page's extracted article: for archives kept as pages.
///
/// - `id`: the page's canonical URL, else `og:url`, else `source` (the file name as given);
/// - `agency`: the hint, else the agency of a wire dateline at the start of the body
///   (`BEIRUT (AP) —`, `(Reuters) -`, `PARIS (AFP) -`);
/// - `published`: the hint, else the publication date the page's markup declares
///   ([`crate::facts::dates::head_date`]: URL path, meta tags, JSON-LD, `<time>`), kept
///   as given when it is an ISO date or date-time, else as `YYYY-MM-DD`;
/// - `title`: the extracted title, else the page's declared title;
/// - `text`: the extracted article text.
pub fn page_story(
    source: &str,
    extraction: &crate::extract::Extraction,
    hints: &PageStoryHints,
) -> Result<Story, StoryError> {
    let page = &extraction.page;
    let id = page
        .canonical
        .clone()
        .or_else(|| page.meta_value("og:url").map(str::to_string))
        .filter(|s| !s.trim().is_empty())
        .unwrap_or_else(|| source.to_string());
    let agency = match &hints.agency {
        Some(a) => a.clone(),
        None => dateline_agency(&extraction.text)
            .ok_or(StoryError::NoAgency)?
            .to_string(),
    };
    let published = match &hints.published {
        Some(p) => p.clone(),
        None => {
            let d = crate::facts::dates::head_date(page, None).ok_or(StoryError::NoDate)?;
            // An ISO date-time is kept as the page gives it; other forms as `YYYY-MM-DD`.
            if crate::calendar::parse_ymd(&d.raw).is_some() {
                d.raw
            } else {
                d.date
            }
        }
    };
    let title = extraction
        .title
        .clone()
        .or_else(|| page.declared_title().map(str::to_string))
        .unwrap_or_default();
    Story::new(id, agency, published, title, extraction.text.clone())
}

/// The agency named by the wire dateline a body opens with, if any: the dateline of
/// `patterns::wire_dateline` on one of the first two paragraphs (the first may be the
/// headline), or a paragraph that opens with the bare agency name and a dash, as Reuters
/// and AFP feeds print a story without a place (`Reuters - Oil prices rose`).
pub fn dateline_agency(body: &str) -> Option<&'static str> {
    use crate::patterns::{Agency, wire_dateline};
    body.split("\n\n")
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .take(2)
        .find_map(|p| {
            let agency = wire_dateline(p).map(|d| d.agency).or_else(|| {
                ["Reuters", "AFP"]
                    .into_iter()
                    .find(|a| {
                        p.strip_prefix(a)
                            .is_some_and(|r| r.trim_start().starts_with(['-', '—', '–']))
                    })
                    .and_then(Agency::from_name)
            })?;
            Some(agency.name())
        })
}

/// Why an add changed nothing.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Duplicate {
    /// A story with this id is already indexed.
    SameId,
    /// A story with the same normalised body is already indexed, under this id.
    SameBody { existing_id: String },
}

/// The outcome of adding one story.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Added {
    Added,
    AlreadyPresent(Duplicate),
}

/// The wire story a body matches best.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Match {
    /// id, agency, similarity, containment (of the story in the body).
    #[serde(flatten)]
    pub wire: WireMatch,
    /// The story's publication date as the feed gave it.
    pub published: String,
    pub title: String,
    /// Estimated share of the body's shingles found in the story: low when the page padded
    /// the copy with text of its own.
    pub body_in_story: f32,
    /// True when the normalised body equals the story's (the figures are then exact).
    pub exact: bool,
}

/// Per-agency figures.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct AgencyStats {
    pub agency: String,
    pub stories: u64,
    pub first_published: Option<String>,
    pub last_published: Option<String>,
}

/// What an index holds.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Stats {
    pub path: PathBuf,
    pub stories: u64,
    pub agencies: Vec<AgencyStats>,
    pub first_published: Option<String>,
    pub last_published: Option<String>,
    /// Size of the index file (plus a rollback journal, if one is left) in bytes.
    pub file_bytes: u64,
}

/// A wire index file, open.
///
/// `Send + Sync`: a parallel batch shares one (`Arc<WireIndex>`) between its workers. Look-ups
/// take `&self` and run in parallel, each on a read-only connection from a small pool (one
/// per concurrent look-up, opened on first need and kept); adds take `&mut self` and use the
/// index's own connection.
#[derive(Debug)]
pub struct WireIndex {
    path: PathBuf,
    conn: Mutex<Connection>,
    readers: Mutex<Vec<Connection>>,
}

/// A lock whose holder panicked still guards a usable connection: SQLite rolled back.
fn lock<T>(m: &Mutex<T>) -> MutexGuard<'_, T> {
    m.lock().unwrap_or_else(PoisonError::into_inner)
}

const SCHEMA: &str = "
CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL) WITHOUT ROWID;
CREATE TABLE stories (
    num INTEGER PRIMARY KEY,
    id TEXT NOT NULL UNIQUE,
    agency TEXT NOT NULL,
    published TEXT NOT NULL,
    title TEXT NOT NULL,
    body_hash BLOB NOT NULL UNIQUE,
    shingles INTEGER NOT NULL,
    signature BLOB NOT NULL
);
CREATE TABLE bands (key INTEGER NOT NULL, story INTEGER NOT NULL, PRIMARY KEY (key, story)) WITHOUT ROWID;
CREATE TABLE agencies (
    agency TEXT PRIMARY KEY,
    stories INTEGER NOT NULL,
    first_published TEXT,
    last_published TEXT
) WITHOUT ROWID;
";

/// The fingerprint constants recorded in `meta`: a file made with others is refused.
fn meta_expected() -> Vec<(&'static str, String)> {
    vec![
        ("format", FORMAT.to_string()),
        ("version", VERSION.to_string()),
        ("shingle_words", SHINGLE_WORDS.to_string()),
        ("permutations", PERMUTATIONS.to_string()),
        ("bands", BANDS.to_string()),
        ("rows", ROWS.to_string()),
        ("seed", SEED.to_string()),
    ]
}

/// Band keys are 32-bit; stored as signed 32-bit so that SQLite spends 4 bytes on each.
fn band_value(key: u32) -> i64 {
    key as i32 as i64
}

impl WireIndex {
    /// Open an existing index for reading and adding. A missing file, a file that is not
    /// SQLite, or a SQLite file that is not a chaff wire index of this format, is an error
    /// naming the path.
    pub fn open(path: impl AsRef<Path>) -> Result<WireIndex, WireError> {
        Self::open_with(path.as_ref(), OpenFlags::SQLITE_OPEN_READ_WRITE, false)
    }

    /// Open an existing index for look-ups only.
    pub fn open_read_only(path: impl AsRef<Path>) -> Result<WireIndex, WireError> {
        Self::open_with(path.as_ref(), OpenFlags::SQLITE_OPEN_READ_ONLY, false)
    }

    /// Open an index, creating an empty one when the file does not exist (its directory must).
    pub fn create_or_open(path: impl AsRef<Path>) -> Result<WireIndex, WireError> {
        Self::open_with(
            path.as_ref(),
            OpenFlags::SQLITE_OPEN_READ_WRITE | OpenFlags::SQLITE_OPEN_CREATE,
            true,
        )
    }

    fn open_with(path: &Path, flags: OpenFlags, create: bool) -> Result<WireIndex, WireError> {
        let path = path.to_path_buf();
        if !create && !path.exists() {
            return Err(WireError::Missing { path });
        }
        if path.is_dir() {
            return Err(WireError::Corrupt {
                path,
                detail: "it is a directory".into(),
            });
        }
        let flags = flags | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&path, flags).map_err(|e| db_error(&path, e))?;
        let mut index = WireIndex {
            path,
            conn: Mutex::new(conn),
            readers: Mutex::new(Vec::new()),
        };
        index.prepare(create)?;
        if flags.contains(OpenFlags::SQLITE_OPEN_READ_WRITE) {
            // WAL, kept in the file: `chaff score` reads while `wire add` writes, and a
            // killed add loses only its open transaction.
            let conn = index.conn.get_mut().unwrap_or_else(PoisonError::into_inner);
            conn.pragma_update_and_check(None, "journal_mode", "WAL", |r| r.get::<_, String>(0))
                .map_err(|e| db_error(&index.path, e))?;
        }
        Ok(index)
    }

    /// Check (or, for a new empty file, write) the schema and the format record.
    fn prepare(&mut self, create: bool) -> Result<(), WireError> {
        let path = self.path.clone();
        let err = |e| db_error(&path, e);
        let conn = self.conn.get_mut().unwrap_or_else(PoisonError::into_inner);
        // Reading the schema is the first real read: a non-SQLite file fails here.
        let tables: i64 = conn
            .query_row("SELECT count(*) FROM sqlite_master", [], |r| r.get(0))
            .map_err(err)?;
        if tables == 0 {
            if !create {
                return Err(WireError::Corrupt {
                    path,
                    detail: "the file is empty (no tables)".into(),
                });
            }
            let tx = conn.transaction().map_err(err)?;
            tx.execute_batch(SCHEMA).map_err(err)?;
            for (k, v) in meta_expected() {
                tx.execute(
                    "INSERT INTO meta (key, value) VALUES (?1, ?2)",
                    params![k, v],
                )
                .map_err(err)?;
            }
            tx.commit().map_err(err)?;
        } else {
            let has_meta: bool = conn
                .query_row(
                    "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = 'meta'",
                    [],
                    |r| r.get::<_, i64>(0),
                )
                .map_err(err)?
                > 0;
            if !has_meta {
                return Err(WireError::Corrupt {
                    path,
                    detail: "SQLite file without a `meta` table".into(),
                });
            }
            for (k, want) in meta_expected() {
                let got: Option<String> = conn
                    .query_row("SELECT value FROM meta WHERE key = ?1", [k], |r| r.get(0))
                    .optional()
                    .map_err(err)?;
                if got.as_deref() != Some(want.as_str()) {
                    return Err(WireError::Corrupt {
                        path,
                        detail: format!(
                            "meta `{k}` is {}, this chaff expects {want:?}",
                            got.map(|g| format!("{g:?}"))
                                .unwrap_or_else(|| "missing".into())
                        ),
                    });
                }
            }
        }
        // A large page cache matters for adds (band rows land all over the B-tree); it is an
        // upper bound, allocated as used.
        conn.execute_batch("PRAGMA cache_size = -262144; PRAGMA synchronous = NORMAL;")
            .map_err(err)?;
        Ok(())
    }

    /// The index file.
    pub fn path(&self) -> &Path {
        &self.path
    }

    /// Add one story (its own transaction: for many, use [`WireIndex::add_many`]).
    pub fn add(&mut self, story: &Story) -> Result<Result<Added, StoryError>, WireError> {
        Ok(self.add_many(std::slice::from_ref(story))?.remove(0))
    }

    /// Add stories in one transaction, fingerprinting them in parallel. The outer error is the
    /// index failing (nothing of this call is kept); the inner ones are per story, in order.
    /// A story whose id or normalised body is already indexed (or earlier in the same call)
    /// is `AlreadyPresent` and changes nothing.
    pub fn add_many(
        &mut self,
        stories: &[Story],
    ) -> Result<Vec<Result<Added, StoryError>>, WireError> {
        let prepared: Vec<Result<Fingerprint, StoryError>> = stories
            .par_iter()
            .map(|s| {
                s.check()?;
                Fingerprint::of(&s.text).ok_or(StoryError::NoWords)
            })
            .collect();
        let path = self.path.clone();
        let err = |e| db_error(&path, e);
        let conn = self.conn.get_mut().unwrap_or_else(PoisonError::into_inner);
        let tx = conn.transaction().map_err(err)?;
        let mut outcomes = Vec::with_capacity(stories.len());
        let mut band_rows: Vec<(i64, i64)> = Vec::new();
        {
            let mut insert = tx
                .prepare_cached(
                    "INSERT OR IGNORE INTO stories
                     (id, agency, published, title, body_hash, shingles, signature)
                     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
                )
                .map_err(err)?;
            let mut by_id = tx
                .prepare_cached("SELECT 1 FROM stories WHERE id = ?1")
                .map_err(err)?;
            let mut by_hash = tx
                .prepare_cached("SELECT id FROM stories WHERE body_hash = ?1")
                .map_err(err)?;
            let mut agency = tx
                .prepare_cached(
                    "INSERT INTO agencies (agency, stories, first_published, last_published)
                     VALUES (?1, 1, ?2, ?2)
                     ON CONFLICT (agency) DO UPDATE SET
                       stories = stories + 1,
                       first_published = min(first_published, excluded.first_published),
                       last_published = max(last_published, excluded.last_published)",
                )
                .map_err(err)?;
            for (story, fp) in stories.iter().zip(prepared) {
                let fp = match fp {
                    Ok(fp) => fp,
                    Err(e) => {
                        outcomes.push(Err(e));
                        continue;
                    }
                };
                let hash = fp.exact.to_be_bytes();
                let id = story.id.trim();
                let agency_name = story.agency.trim();
                let published = story.published.trim();
                let n = insert
                    .execute(params![
                        id,
                        agency_name,
                        published,
                        story.title.trim(),
                        &hash[..],
                        fp.shingles,
                        fp.signature.to_bytes(),
                    ])
                    .map_err(err)?;
                if n == 0 {
                    let same_id = by_id.exists([id]).map_err(err)?;
                    let dup = if same_id {
                        Duplicate::SameId
                    } else {
                        let existing_id: String =
                            by_hash.query_row([&hash[..]], |r| r.get(0)).map_err(err)?;
                        Duplicate::SameBody { existing_id }
                    };
                    outcomes.push(Ok(Added::AlreadyPresent(dup)));
                    continue;
                }
                let num = tx.last_insert_rowid();
                band_rows.extend(
                    fp.signature
                        .band_keys()
                        .into_iter()
                        .map(|k| (band_value(k), num)),
                );
                agency
                    .execute(params![agency_name, published])
                    .map_err(err)?;
                outcomes.push(Ok(Added::Added));
            }
            band_rows.sort_unstable();
            band_rows.dedup();
            let mut band = tx
                .prepare_cached("INSERT OR IGNORE INTO bands (key, story) VALUES (?1, ?2)")
                .map_err(err)?;
            for (k, s) in band_rows {
                band.execute([k, s]).map_err(err)?;
            }
        }
        tx.commit().map_err(err)?;
        Ok(outcomes)
    }

    /// The indexed story that a body text holds the most of, if any holds a fair share
    /// (see [`MIN_SIMILARITY`], [`MIN_CONTAINMENT`]).
    pub fn lookup(&self, body_text: &str) -> Result<Option<Match>, WireError> {
        match Fingerprint::of(body_text) {
            Some(fp) => self.lookup_fingerprint(&fp),
            None => Ok(None),
        }
    }

    /// [`WireIndex::lookup`] for a body already fingerprinted.
    ///
    /// An exact body hash settles it at once. Otherwise every story sharing an LSH band key
    /// with the body is a candidate; each is compared by signature, and the one sharing the
    /// most shingles with the body wins (resemblance breaks ties): a page that is mostly a
    /// long story is matched to it rather than to a short brief it also contains.
    pub fn lookup_fingerprint(&self, fp: &Fingerprint) -> Result<Option<Match>, WireError> {
        let conn = self.reader()?;
        let found = self.lookup_on(&conn, fp);
        lock(&self.readers).push(conn);
        found
    }

    /// A read-only connection from the pool, or a new one.
    fn reader(&self) -> Result<Connection, WireError> {
        if let Some(c) = lock(&self.readers).pop() {
            return Ok(c);
        }
        let flags = OpenFlags::SQLITE_OPEN_READ_ONLY | OpenFlags::SQLITE_OPEN_NO_MUTEX;
        let conn = Connection::open_with_flags(&self.path, flags)
            .and_then(|c| c.execute_batch("PRAGMA cache_size = -65536;").map(|_| c))
            .map_err(|e| db_error(&self.path, e))?;
        Ok(conn)
    }

    fn lookup_on(&self, conn: &Connection, fp: &Fingerprint) -> Result<Option<Match>, WireError> {
        let err = |e| db_error(&self.path, e);
        let hash = fp.exact.to_be_bytes();
        let exact = conn
            .prepare_cached("SELECT num FROM stories WHERE body_hash = ?1")
            .map_err(err)?
            .query_row([&hash[..]], |r| r.get::<_, i64>(0))
            .optional()
            .map_err(err)?;
        if let Some(num) = exact {
            return self
                .story_match(conn, num, Overlap::identical(fp.shingles), true)
                .map(Some);
        }

        let mut candidates: HashMap<i64, u32> = HashMap::new();
        {
            let mut stmt = conn
                .prepare_cached("SELECT story FROM bands WHERE key = ?1")
                .map_err(err)?;
            for key in fp.signature.band_keys() {
                let mut rows = stmt.query([band_value(key)]).map_err(err)?;
                while let Some(row) = rows.next().map_err(err)? {
                    *candidates.entry(row.get(0).map_err(err)?).or_default() += 1;
                }
            }
        }
        let mut best: Option<(i64, Overlap)> = None;
        let mut stmt = conn
            .prepare_cached("SELECT shingles, signature FROM stories WHERE num = ?1")
            .map_err(err)?;
        for num in candidates.into_keys() {
            let (shingles, sig): (u32, Vec<u8>) = stmt
                .query_row([num], |r| Ok((r.get(0)?, r.get(1)?)))
                .map_err(err)?;
            let sig = Signature::from_bytes(&sig).ok_or_else(|| WireError::Corrupt {
                path: self.path.clone(),
                detail: format!("story #{num} has a signature of {} bytes", sig.len()),
            })?;
            // A is the story, B the body.
            let o = Overlap::estimate(sig.jaccard(&fp.signature), shingles, fp.shingles);
            if o.similarity < MIN_SIMILARITY || o.a_in_b < MIN_CONTAINMENT {
                continue;
            }
            let better = match &best {
                None => true,
                Some((_, b)) => (o.shared, o.similarity) > (b.shared, b.similarity),
            };
            if better {
                best = Some((num, o));
            }
        }
        match best {
            Some((num, o)) => self.story_match(conn, num, o, false).map(Some),
            None => Ok(None),
        }
    }

    fn story_match(
        &self,
        conn: &Connection,
        num: i64,
        o: Overlap,
        exact: bool,
    ) -> Result<Match, WireError> {
        conn.prepare_cached("SELECT id, agency, published, title FROM stories WHERE num = ?1")
            .and_then(|mut s| {
                s.query_row([num], |r| {
                    Ok(Match {
                        wire: WireMatch {
                            id: r.get(0)?,
                            agency: r.get(1)?,
                            similarity: o.similarity,
                            containment: o.a_in_b,
                        },
                        published: r.get(2)?,
                        title: r.get(3)?,
                        body_in_story: o.b_in_a,
                        exact,
                    })
                })
            })
            .map_err(|e| db_error(&self.path, e))
    }

    /// Story count, agencies, date range and file size.
    pub fn stats(&self) -> Result<Stats, WireError> {
        let err = |e| db_error(&self.path, e);
        let conn = lock(&self.conn);
        let mut stmt = conn
            .prepare_cached(
                "SELECT agency, stories, first_published, last_published FROM agencies
                 ORDER BY stories DESC, agency",
            )
            .map_err(err)?;
        let agencies: Vec<AgencyStats> = stmt
            .query_map([], |r| {
                Ok(AgencyStats {
                    agency: r.get(0)?,
                    stories: r.get::<_, i64>(1)? as u64,
                    first_published: r.get(2)?,
                    last_published: r.get(3)?,
                })
            })
            .map_err(err)?
            .collect::<Result<_, _>>()
            .map_err(err)?;
        let stories = agencies.iter().map(|a| a.stories).sum();
        let first_published = agencies
            .iter()
            .filter_map(|a| a.first_published.clone())
            .min();
        let last_published = agencies
            .iter()
            .filter_map(|a| a.last_published.clone())
            .max();
        let size = |p: &Path| std::fs::metadata(p).map(|m| m.len()).unwrap_or(0);
        let file_bytes = std::fs::metadata(&self.path)
            .map_err(|source| WireError::Io {
                path: self.path.clone(),
                source,
            })?
            .len()
            + size(&journal_path(&self.path));
        Ok(Stats {
            path: self.path.clone(),
            stories,
            agencies,
            first_published,
            last_published,
            file_bytes,
        })
    }
}

fn journal_path(path: &Path) -> PathBuf {
    let mut s = path.as_os_str().to_owned();
    s.push("-journal");
    PathBuf::from(s)
}

/// SQLite's "not a database" and "malformed" become [`WireError::Corrupt`]; the rest stay
/// SQLite errors; both name the file.
fn db_error(path: &Path, e: rusqlite::Error) -> WireError {
    match e.sqlite_error_code() {
        Some(ErrorCode::NotADatabase | ErrorCode::DatabaseCorrupt) => WireError::Corrupt {
            path: path.to_path_buf(),
            detail: e.to_string(),
        },
        _ => WireError::Sqlite {
            path: path.to_path_buf(),
            source: e,
        },
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn story(id: &str, text: &str) -> Story {
        Story {
            id: id.into(),
            agency: "AP".into(),
            published: "2024-01-27T12:00:00Z".into(),
            title: format!("Title of {id}"),
            text: text.into(),
        }
    }

    /// A few hundred words of distinct made-up prose per seed.
    fn prose(seed: u64, n: usize) -> String {
        (0..n)
            .map(|i| {
                format!(
                    "w{}x{}",
                    (seed * 7919 + i as u64 * 104_729) % 50_021,
                    i % 13
                )
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn story_check_names_the_bad_field() {
        assert_eq!(
            Story::from_json(r#"{"id":"a","agency":"","published":"2024-01-01","text":"x"}"#),
            Err(StoryError::Empty("agency"))
        );
        assert!(matches!(
            Story::from_json(r#"{"id":"a","agency":"AP","published":"Jan 1","text":"x"}"#),
            Err(StoryError::BadDate(_))
        ));
        assert!(matches!(Story::from_json("{"), Err(StoryError::Json(_))));
        let ok =
            Story::from_json(r#"{"id":"a","agency":"AP","published":"2024-01-01","text":"x y"}"#)
                .unwrap();
        assert_eq!(ok.title, "");
    }

    #[test]
    fn add_is_idempotent_by_id_and_by_body_and_lookup_finds_cut_copies() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("w.db");
        let mut idx = WireIndex::create_or_open(&path).unwrap();
        let texts: Vec<String> = (0..50).map(|s| prose(s, 400)).collect();
        let stories: Vec<Story> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| story(&format!("s{i}"), t))
            .collect();
        let out = idx.add_many(&stories).unwrap();
        assert!(out.iter().all(|o| o == &Ok(Added::Added)));

        // Same id again; same body (re-punctuated, re-cased) under a new id; a bad story.
        let mut shouted = story("new-id", &texts[3].to_uppercase());
        shouted.text.push('!');
        let mut no_words = story("empty", " — ");
        no_words.text = " — ".into();
        let out = idx
            .add_many(&[stories[0].clone(), shouted, no_words])
            .unwrap();
        assert_eq!(out[0], Ok(Added::AlreadyPresent(Duplicate::SameId)));
        assert_eq!(
            out[1],
            Ok(Added::AlreadyPresent(Duplicate::SameBody {
                existing_id: "s3".into()
            }))
        );
        assert_eq!(out[2], Err(StoryError::NoWords));
        assert_eq!(idx.stats().unwrap().stories, 50);

        // Exact copy.
        let m = idx.lookup(&texts[7]).unwrap().unwrap();
        assert_eq!(m.wire.id, "s7");
        assert!(m.exact);
        assert_eq!((m.wire.similarity, m.wire.containment), (1.0, 1.0));
        assert_eq!(m.title, "Title of s7");
        assert_eq!(crate::calendar::days_of(&m.published), Some(19_749));

        // 65% of a story, padded with a page's own words.
        let w: Vec<&str> = texts[9].split(' ').collect();
        let page = format!("{} {}", w[..260].join(" "), prose(999, 80));
        let m = idx.lookup(&page).unwrap().unwrap();
        assert_eq!(m.wire.id, "s9");
        assert!(!m.exact);
        assert!((m.wire.containment - 0.65).abs() < 0.12, "{m:?}");
        assert!(m.body_in_story > 0.6 && m.body_in_story < 0.9, "{m:?}");

        // Nothing of any story.
        assert_eq!(idx.lookup(&prose(12345, 400)).unwrap(), None);
        assert_eq!(idx.lookup("").unwrap(), None);
    }

    #[test]
    fn look_ups_run_in_parallel_on_a_shared_index() {
        fn shared<T: Send + Sync>(_: &T) {}
        let dir = tempfile::tempdir().unwrap();
        let mut idx = WireIndex::create_or_open(dir.path().join("p.db")).unwrap();
        let texts: Vec<String> = (100..140).map(|s| prose(s, 300)).collect();
        let stories: Vec<Story> = texts
            .iter()
            .enumerate()
            .map(|(i, t)| story(&format!("p{i}"), t))
            .collect();
        idx.add_many(&stories).unwrap();
        shared(&idx);
        let ids: Vec<String> = texts
            .par_iter()
            .map(|t| idx.lookup(t).unwrap().unwrap().wire.id)
            .collect();
        let want: Vec<String> = (0..40).map(|i| format!("p{i}")).collect();
        assert_eq!(ids, want);
        // Connections went back to the pool: no more than one per worker thread.
        assert!(lock(&idx.readers).len() <= rayon::current_num_threads());
    }

    #[test]
    fn open_refuses_missing_empty_and_foreign_files() {
        let dir = tempfile::tempdir().unwrap();
        let missing = dir.path().join("none.db");
        let e = WireIndex::open(&missing).unwrap_err();
        assert!(matches!(e, WireError::Missing { .. }));
        assert!(e.to_string().contains("none.db"));
        assert!(!missing.exists(), "open must not create");

        let junk = dir.path().join("junk.db");
        std::fs::write(&junk, vec![b'x'; 8192]).unwrap();
        let e = WireIndex::open(&junk).unwrap_err();
        assert!(matches!(e, WireError::Corrupt { .. }), "{e}");
        assert!(e.to_string().contains("junk.db"));

        let other = dir.path().join("other.db");
        Connection::open(&other)
            .unwrap()
            .execute_batch("CREATE TABLE t (x)")
            .unwrap();
        let e = WireIndex::create_or_open(&other).unwrap_err();
        assert!(e.to_string().contains("without a `meta` table"), "{e}");

        let newer = dir.path().join("newer.db");
        WireIndex::create_or_open(&newer).unwrap();
        Connection::open(&newer)
            .unwrap()
            .execute("UPDATE meta SET value = '9' WHERE key = 'version'", [])
            .unwrap();
        let e = WireIndex::open(&newer).unwrap_err();
        assert!(e.to_string().contains("meta `version`"), "{e}");
    }

    #[test]
    fn datelines_name_the_agency() {
        assert_eq!(
            dateline_agency("BEIRUT (AP) — The United States"),
            Some("AP")
        );
        assert_eq!(
            dateline_agency("(Reuters) - Oil prices rose"),
            Some("Reuters")
        );
        assert_eq!(
            dateline_agency("Reuters - Oil prices rose"),
            Some("Reuters")
        );
        assert_eq!(dateline_agency("PARIS (AFP) – France said"), Some("AFP"));
        assert_eq!(dateline_agency("The AP reported (AP) later"), None);
        assert_eq!(
            dateline_agency("Iraq talks begin\n\nBEIRUT (AP) — The United States"),
            Some("AP")
        );
        let late = "Headline\n\nFirst paragraph.\n\nBEIRUT (AP) — too late to be a dateline";
        assert_eq!(dateline_agency(late), None);
    }

    #[test]
    fn a_story_from_a_page_takes_canonical_id_meta_date_and_dateline_agency() {
        let html = r#"<html><head><title>Floods in the north | Wire Site</title>
            <link rel="canonical" href="https://wire.example/floods-north">
            <meta property="article:published_time" content="2022-11-30T08:00:00Z">
            </head><body><h1>Floods in the north</h1>
            <p>LYON (AFP) – Floods forced thousands from their homes in the north on Wednesday.</p>
            <p>Rescue teams worked through the night.</p><p>Share</p></body></html>"#;
        let page = crate::segment::segment(html);
        let labels: Vec<bool> = page
            .blocks
            .iter()
            .map(|b| b.tag() == "p" && b.words > 2)
            .collect();
        let text = page.text_where(&labels);
        let ex = crate::extract::Extraction {
            probs: vec![0.5; labels.len()],
            labels,
            title: Some("Floods in the north".into()),
            title_block: Some(0),
            text,
            page,
        };
        let s = page_story("floods.html", &ex, &PageStoryHints::default()).unwrap();
        assert_eq!(s.id, "https://wire.example/floods-north");
        assert_eq!(s.agency, "AFP");
        assert_eq!(s.published, "2022-11-30T08:00:00Z");
        assert_eq!(s.title, "Floods in the north");
        assert!(s.text.starts_with("LYON (AFP)") && s.text.ends_with("night."));

        let hints = PageStoryHints {
            agency: Some("Reuters".into()),
            published: Some("2020-02-02".into()),
        };
        let s = page_story("floods.html", &ex, &hints).unwrap();
        assert_eq!(
            (s.agency.as_str(), s.published.as_str()),
            ("Reuters", "2020-02-02")
        );

        // No dateline, no date: both are named.
        let mut bare = ex.clone();
        bare.text = "Rescue teams worked through the night.".into();
        assert_eq!(
            page_story("x", &bare, &PageStoryHints::default()),
            Err(StoryError::NoAgency)
        );
        bare.page.meta.clear();
        let hints = PageStoryHints {
            agency: Some("AP".into()),
            published: None,
        };
        assert_eq!(page_story("x", &bare, &hints), Err(StoryError::NoDate));
    }
}
