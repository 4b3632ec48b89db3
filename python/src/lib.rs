//! `chaff._chaff`: the Python binding of the chaff library.
//!
//! Every function here converts Python arguments, releases the GIL, calls the same library
//! call the CLI makes (`extract::Extractor`, `wire::WireIndex`, `verdict`, `input::WarcReader`,
//! `feeds`), and hands the result back as JSON text, which `chaff/__init__.py` parses: the
//! records are then the very serde records the CLI prints, float for float. Errors become
//! subclasses of `chaff.Error` carrying the message the CLI would print.

mod errors;
mod index;
mod pages;
mod warc;

use pyo3::prelude::*;

#[pymodule]
fn _chaff(m: &Bound<'_, PyModule>) -> PyResult<()> {
    errors::register(m)?;
    m.add_function(wrap_pyfunction!(pages::extract_json, m)?)?;
    m.add_function(wrap_pyfunction!(pages::score_json, m)?)?;
    m.add_function(wrap_pyfunction!(pages::inspect_json, m)?)?;
    m.add_function(wrap_pyfunction!(pages::judge_json, m)?)?;
    m.add_function(wrap_pyfunction!(pages::near_copies, m)?)?;
    m.add_class::<index::WireIndex>()?;
    m.add_class::<warc::WarcRecords>()?;
    // The field names of a `chaff score --jsonl` line, in order: the Spark job's columns.
    m.add("SCORE_FIELDS", chaff::verdict::Record::FIELDS.to_vec())?;
    m.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
