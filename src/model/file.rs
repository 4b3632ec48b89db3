//! Model files: JSON with a `format` version, read and written in one place for every model
//! (the block model and the page model), so that each refuses an unreadable or outdated
//! file with the same clear error naming it.

use super::ModelError;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::path::Path;

/// Read a model file's text.
pub fn read(path: &Path) -> Result<String, ModelError> {
    std::fs::read_to_string(path).map_err(|source| ModelError::Read {
        path: path.to_path_buf(),
        source,
    })
}

/// Parse a model of layout `format` from JSON text; `origin` names it in errors. The format
/// is checked before the rest, so that a file of another layout says so instead of failing
/// on whichever field changed.
pub fn parse<T: DeserializeOwned>(text: &str, origin: &Path, format: u32) -> Result<T, ModelError> {
    #[derive(serde::Deserialize)]
    struct Version {
        format: u32,
    }
    let v: Version = serde_json::from_str(text).map_err(|source| ModelError::Parse {
        path: origin.to_path_buf(),
        source,
    })?;
    if v.format != format {
        return Err(ModelError::Format {
            path: origin.to_path_buf(),
            found: v.format,
            expected: format,
        });
    }
    serde_json::from_str(text).map_err(|source| ModelError::Parse {
        path: origin.to_path_buf(),
        source,
    })
}

/// Write a model as pretty JSON (readable and diffable in review).
pub fn save<T: Serialize>(model: &T, path: &Path) -> Result<(), ModelError> {
    let text = serde_json::to_string_pretty(model).expect("model serialises");
    std::fs::write(path, text).map_err(|source| ModelError::Write {
        path: path.to_path_buf(),
        source,
    })
}
