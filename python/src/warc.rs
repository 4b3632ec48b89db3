//! `chaff._chaff.WarcRecords`: the pages of a WARC file held in memory, read by the same
//! reader as `chaff score crawl.warc.gz` (gzip members or plain records, HTTP headers parsed,
//! non-HTML and non-response records skipped and counted, broken records reported with their
//! byte offset and passed over).

use chaff::input::{Event, WarcReader};
use pyo3::prelude::*;
use pyo3::types::{PyBytes, PyDict};
use std::collections::BTreeMap;
use std::io::Cursor;
use std::sync::Mutex;

#[pyclass(module = "chaff._chaff")]
pub struct WarcRecords {
    reader: Mutex<WarcReader<Cursor<Vec<u8>>>>,
    skipped: Mutex<BTreeMap<&'static str, u64>>,
}

#[pymethods]
impl WarcRecords {
    /// The records of WARC `data` (the whole file); `name` is how sources and errors name
    /// it (`name#offset`).
    #[new]
    fn new(data: Vec<u8>, name: &str) -> WarcRecords {
        WarcRecords {
            reader: Mutex::new(WarcReader::new(name, Cursor::new(data))),
            skipped: Mutex::new(BTreeMap::new()),
        }
    }

    fn __iter__(slf: PyRef<'_, Self>) -> PyRef<'_, Self> {
        slf
    }

    /// The next page: a dict with `source`, `url`, `payload` (bytes), `charset`, `fetched`
    /// (unix seconds), or with `source` and `error` for a broken record.
    fn __next__<'py>(&self, py: Python<'py>) -> PyResult<Option<Bound<'py, PyDict>>> {
        loop {
            let event = py.detach(|| {
                let mut reader = self.reader.lock().unwrap_or_else(|p| p.into_inner());
                reader.next()
            });
            let d = PyDict::new(py);
            match event {
                None => return Ok(None),
                Some(Ok(Event::Skipped(reason))) => {
                    let mut s = self.skipped.lock().unwrap_or_else(|p| p.into_inner());
                    *s.entry(reason.as_str()).or_default() += 1;
                }
                Some(Ok(Event::Record(r))) => {
                    d.set_item("source", r.source)?;
                    d.set_item("url", r.url)?;
                    d.set_item("payload", PyBytes::new(py, &r.bytes))?;
                    d.set_item("charset", r.charset)?;
                    d.set_item("fetched", r.fetched)?;
                    return Ok(Some(d));
                }
                Some(Err(e)) => {
                    d.set_item("source", e.location())?;
                    d.set_item("error", e.message())?;
                    return Ok(Some(d));
                }
            }
        }
    }

    /// Records passed over so far, by reason (`request`, `not_html`...).
    #[getter]
    fn skipped(&self) -> BTreeMap<&'static str, u64> {
        self.skipped.lock().unwrap_or_else(|p| p.into_inner()).clone()
    }
}
