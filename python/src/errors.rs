//! The exceptions: one base, `chaff.Error`, and one subclass per kind of bad input, each
//! carrying the library error's message, which is what the CLI prints after `chaff: `.

use pyo3::create_exception;
use pyo3::exceptions::PyException;
use pyo3::prelude::*;

create_exception!(
    chaff,
    Error,
    PyException,
    "Base of every error chaff raises; the message is what the `chaff` CLI would print."
);
create_exception!(
    chaff,
    DecodeError,
    Error,
    "The bytes are not a text page: binary data or corrupt gzip."
);
create_exception!(
    chaff,
    WireIndexError,
    Error,
    "The wire index is missing, corrupt, not writable, or failed."
);
create_exception!(
    chaff,
    StoryError,
    Error,
    "A wire story (a dict, or an item of a feed file) is not valid."
);
create_exception!(
    chaff,
    ModelError,
    Error,
    "A model file does not load or does not match this build."
);
create_exception!(
    chaff,
    InputError,
    Error,
    "An argument or an input record is not what chaff reads (a bad date, a broken WARC record)."
);

pub fn register(m: &Bound<'_, PyModule>) -> PyResult<()> {
    let py = m.py();
    m.add("Error", py.get_type::<Error>())?;
    m.add("DecodeError", py.get_type::<DecodeError>())?;
    m.add("WireIndexError", py.get_type::<WireIndexError>())?;
    m.add("StoryError", py.get_type::<StoryError>())?;
    m.add("ModelError", py.get_type::<ModelError>())?;
    m.add("InputError", py.get_type::<InputError>())?;
    Ok(())
}

/// A library error as the Python exception of its kind.
pub trait ToPyErr {
    fn py_err(self) -> PyErr;
}

impl ToPyErr for chaff::decode::DecodeError {
    fn py_err(self) -> PyErr {
        DecodeError::new_err(self.to_string())
    }
}

impl ToPyErr for chaff::wire::WireError {
    fn py_err(self) -> PyErr {
        WireIndexError::new_err(self.to_string())
    }
}

impl ToPyErr for chaff::wire::StoryError {
    fn py_err(self) -> PyErr {
        StoryError::new_err(self.to_string())
    }
}

impl ToPyErr for chaff::model::ModelError {
    fn py_err(self) -> PyErr {
        ModelError::new_err(self.to_string())
    }
}

impl ToPyErr for chaff::verdict::VerdictError {
    fn py_err(self) -> PyErr {
        match self {
            chaff::verdict::VerdictError::Model(e) => e.py_err(),
            chaff::verdict::VerdictError::Wire(e) => e.py_err(),
            other => Error::new_err(other.to_string()),
        }
    }
}

impl ToPyErr for chaff::feeds::FeedError {
    fn py_err(self) -> PyErr {
        StoryError::new_err(self.to_string())
    }
}

/// A result whose error converts to a Python exception.
pub trait OrPyErr<T> {
    fn or_py(self) -> PyResult<T>;
}

impl<T, E: ToPyErr> OrPyErr<T> for Result<T, E> {
    fn or_py(self) -> PyResult<T> {
        self.map_err(ToPyErr::py_err)
    }
}

/// A serde record as JSON text (the records are plain data: this cannot fail in practice).
pub fn json(value: &impl serde::Serialize) -> PyResult<String> {
    serde_json::to_string(value).map_err(|e| Error::new_err(e.to_string()))
}
