//! Logistic models: fit (with linfa-logistic, or sign-constrained in `signed`), save and load
//! as JSON (`file`), predict without linfa.
//!
//! A fitted model is only weights over named columns; we keep our own small JSON form
//! (names, scaler, weights) instead of linfa's serialisation so that a model file can be read
//! by a person, diffed in review, and checked against the feature names of this build: a
//! model trained with other features would silently mis-read every column.

pub mod file;
pub mod signed;

pub use signed::Sign;

use crate::features::Schema;
use linfa::prelude::*;
use linfa_logistic::LogisticRegression;
use ndarray::{Array1, Array2};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// Version of the model file layout; bumped when a field changes meaning.
pub const FORMAT: u32 = 1;

/// Why a model could not be fitted, read or used.
#[derive(Debug, thiserror::Error)]
pub enum ModelError {
    #[error("cannot read model file {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("model file {path} is not a chaff model: {source}")]
    Parse {
        path: PathBuf,
        source: serde_json::Error,
    },
    #[error(
        "model file {path} has format {found}, this build reads format {expected}; retrain with `chaff train`"
    )]
    Format {
        path: PathBuf,
        found: u32,
        expected: u32,
    },
    #[error(
        "model file {path} was trained with other features than this build computes ({detail}); retrain with `chaff train`"
    )]
    FeatureMismatch { path: PathBuf, detail: String },
    #[error(
        "model file {path} gives column {column} the weight {weight}, against its orientation ({sign:?}); retrain it"
    )]
    WrongSign {
        path: PathBuf,
        column: String,
        weight: f32,
        sign: Sign,
    },
    #[error("cannot fit a model: {0}")]
    Fit(String),
    #[error("cannot write model file {path}: {source}")]
    Write {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// A logistic regression over standardised, named columns.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Logistic {
    /// Column names, in order.
    pub names: Vec<String>,
    /// Per-column mean and standard deviation used to standardise inputs.
    pub mean: Vec<f32>,
    pub scale: Vec<f32>,
    /// Weight per standardised column, and the intercept.
    pub weights: Vec<f32>,
    pub intercept: f32,
    /// The sign each weight was held to (`signed::fit`); empty for an unconstrained fit.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub signs: Vec<Sign>,
}

/// Knobs of a fit.
#[derive(Debug, Clone, Copy)]
pub struct FitOptions {
    /// L2 penalty.
    pub l2: f32,
    pub max_iterations: u64,
}

impl Default for FitOptions {
    fn default() -> Self {
        FitOptions {
            l2: 1.0,
            max_iterations: 200,
        }
    }
}

impl Logistic {
    /// Fit on row-major `x` (`y.len()` rows of `names.len()` columns).
    pub fn fit(
        names: Vec<String>,
        x: &[f32],
        y: &[bool],
        opts: FitOptions,
    ) -> Result<Logistic, ModelError> {
        let width = names.len();
        if width == 0 || x.len() != y.len() * width {
            return Err(ModelError::Fit(format!(
                "{} values for {} rows of {} columns",
                x.len(),
                y.len(),
                width
            )));
        }
        let (mean, scale) = standardiser(x, width);
        let mut m = Array2::<f32>::zeros((y.len(), width));
        for (r, row) in x.chunks(width).enumerate() {
            for c in 0..width {
                m[[r, c]] = (row[c] - mean[c]) / scale[c];
            }
        }
        let targets = Array1::from_iter(y.iter().copied());
        let data = Dataset::new(m, targets);
        let fitted = LogisticRegression::default()
            .alpha(opts.l2)
            .max_iterations(opts.max_iterations)
            .fit(&data)
            .map_err(|e| ModelError::Fit(e.to_string()))?;
        // linfa calls the larger class "positive"; we want P(body), so flip when body is
        // the smaller class.
        let sign = if fitted.labels().pos.class { 1.0 } else { -1.0 };
        Ok(Logistic {
            names,
            mean,
            scale,
            weights: fitted.params().iter().map(|w| w * sign).collect(),
            intercept: fitted.intercept() * sign,
            signs: Vec::new(),
        })
    }

    /// Probability of the positive class for one row.
    pub fn predict(&self, row: &[f32]) -> f32 {
        // Checked once for the row instead of three bounds checks a column (the model is
        // run twice on every block). The sum keeps its order, term by term, so every
        // probability stays bit for bit what it was.
        assert!(
            row.len() <= self.weights.len()
                && row.len() <= self.mean.len()
                && row.len() <= self.scale.len(),
            "a row of {} values for a model of {} columns",
            row.len(),
            self.weights.len()
        );
        let mut z = self.intercept;
        for (((v, w), m), s) in row
            .iter()
            .zip(&self.weights)
            .zip(&self.mean)
            .zip(&self.scale)
        {
            z += w * (v - m) / s;
        }
        sigmoid(z)
    }

    /// Probabilities for row-major rows.
    pub fn predict_rows(&self, rows: &[f32]) -> Vec<f32> {
        rows.chunks(self.names.len())
            .map(|r| self.predict(r))
            .collect()
    }

    /// Each column's push on one row's log-odds, measured from `reference` (a row of the
    /// same width): weight × (value − reference) on the standardised scale. What made this
    /// prediction differ from the reference's, for explanations.
    pub fn contributions(&self, row: &[f32], reference: &[f32]) -> Vec<f32> {
        row.iter()
            .zip(reference)
            .enumerate()
            .map(|(c, (v, r))| self.weights[c] * (v - r) / self.scale[c])
            .collect()
    }

    /// Refuse a model whose weights break the signs it records, or whose recorded signs are
    /// not `expected`: a file edited by hand, or fitted by another build's table.
    pub fn check_signs(&self, expected: &[Sign], path: &Path) -> Result<(), ModelError> {
        if self.signs != expected {
            return Err(ModelError::FeatureMismatch {
                path: path.to_path_buf(),
                detail: format!(
                    "column orientations differ: file has {:?}, this build holds {:?}",
                    self.signs, expected
                ),
            });
        }
        for ((name, w), s) in self.names.iter().zip(&self.weights).zip(&self.signs) {
            if !s.allows(*w) {
                return Err(ModelError::WrongSign {
                    path: path.to_path_buf(),
                    column: name.clone(),
                    weight: *w,
                    sign: *s,
                });
            }
        }
        Ok(())
    }

    /// Refuse a model whose columns are not `expected`, by name and order.
    pub fn check_names(&self, expected: &[String], path: &Path) -> Result<(), ModelError> {
        if self.names == expected {
            return Ok(());
        }
        let missing: Vec<&String> = expected
            .iter()
            .filter(|n| !self.names.contains(n))
            .collect();
        let extra: Vec<&String> = self
            .names
            .iter()
            .filter(|n| !expected.contains(n))
            .collect();
        let detail = if missing.is_empty() && extra.is_empty() {
            "same names in another order".to_string()
        } else {
            format!("missing in file: {missing:?}; unknown to this build: {extra:?}")
        };
        Err(ModelError::FeatureMismatch {
            path: path.to_path_buf(),
            detail,
        })
    }
}

pub fn sigmoid(z: f32) -> f32 {
    1.0 / (1.0 + (-z).exp())
}

/// Column means and standard deviations (1 for constant columns, so they do no harm).
pub(crate) fn standardiser(x: &[f32], width: usize) -> (Vec<f32>, Vec<f32>) {
    let rows = (x.len() / width).max(1) as f64;
    let mut mean = vec![0f64; width];
    for row in x.chunks(width) {
        for (m, v) in mean.iter_mut().zip(row) {
            *m += *v as f64;
        }
    }
    mean.iter_mut().for_each(|m| *m /= rows);
    let mut var = vec![0f64; width];
    for row in x.chunks(width) {
        for c in 0..width {
            let d = row[c] as f64 - mean[c];
            var[c] += d * d;
        }
    }
    let scale = var
        .iter()
        .map(|v| {
            let s = (v / rows).sqrt();
            if s > 1e-6 { s as f32 } else { 1.0 }
        })
        .collect();
    (mean.into_iter().map(|m| m as f32).collect(), scale)
}

/// The block model file: the schema it was trained with, one or two logistic passes, the
/// decision threshold, and a record of how it was made.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct BlockModel {
    pub format: u32,
    pub schema: Schema,
    pub first: Logistic,
    /// Present when the `second_pass` step is on.
    pub second: Option<Logistic>,
    /// Body when the final probability is at least this (tuned on dev splits).
    pub threshold: f32,
    /// How far (in blocks) outside the main region a body-looking block may sit and stay.
    pub region_margin: usize,
    /// The decision over the block sequence (step `sequence`); absent in older files.
    #[serde(default)]
    pub sequence: Option<crate::sequence::Sequence>,
    /// Body blocks after the article's last paragraph of at least this many words are
    /// dropped ([`crate::extract::drop_tail`]; tuned on dev, 0 = off, as in older files).
    #[serde(default)]
    pub tail_words: usize,
    /// A kept block under this share of the page's kept median probability is dropped
    /// ([`crate::extract::drop_below_page_share`]; tuned on dev, 0 = off, as in older files).
    #[serde(default)]
    pub page_share: f32,
    /// A kept block after the main run and after a reply form, under this probability, is
    /// dropped ([`crate::extract::drop_after_reply_form`]; tuned on dev, 0 = off, as in older
    /// files).
    #[serde(default)]
    pub reply_form_cut: f32,
    /// A dropped block of at most this many words between two kept blocks of one article
    /// element is kept ([`crate::extract::keep_short_between`]; tuned on dev, 0 = off, as in
    /// older files).
    #[serde(default)]
    pub short_gap_words: usize,
    /// What data and settings produced this model.
    pub manifest: serde_json::Value,
    /// Metrics the model reached on the dev splits when it was trained.
    pub metrics: serde_json::Value,
}

impl BlockModel {
    /// Read and check a model file.
    pub fn load(path: &Path) -> Result<BlockModel, ModelError> {
        Self::from_json(&file::read(path)?, path)
    }

    /// Parse and check a model from JSON text; `origin` names it in errors.
    pub fn from_json(text: &str, origin: &Path) -> Result<BlockModel, ModelError> {
        let model: BlockModel = file::parse(text, origin, FORMAT)?;
        model.first.check_names(&model.schema.names(), origin)?;
        if let Some(second) = &model.second {
            second.check_names(&model.schema.second_pass_names(), origin)?;
        }
        Ok(model)
    }

    /// Write as pretty JSON.
    pub fn save(&self, path: &Path) -> Result<(), ModelError> {
        file::save(self, path)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::features::Steps;

    fn toy() -> (Vec<f32>, Vec<bool>) {
        // Positive when the first column is large; the second column is noise.
        let mut x = Vec::new();
        let mut y = Vec::new();
        for i in 0..200 {
            let a = (i % 20) as f32;
            x.extend_from_slice(&[a, ((i * 7) % 5) as f32]);
            y.push(a >= 12.0);
        }
        (x, y)
    }

    #[test]
    fn fit_learns_the_signal_whichever_class_is_larger() {
        let (x, y) = toy();
        let m = Logistic::fit(vec!["a".into(), "b".into()], &x, &y, FitOptions::default()).unwrap();
        assert!(m.predict(&[19.0, 1.0]) > 0.9);
        assert!(m.predict(&[1.0, 1.0]) < 0.1);
        // Flip the labels so that "true" is now the larger class.
        let flipped: Vec<bool> = y.iter().map(|b| !b).collect();
        let m = Logistic::fit(
            vec!["a".into(), "b".into()],
            &x,
            &flipped,
            FitOptions::default(),
        )
        .unwrap();
        assert!(m.predict(&[1.0, 1.0]) > 0.9);
        assert!(m.weights[0].abs() > m.weights[1].abs());
    }

    #[test]
    fn fit_is_deterministic() {
        let (x, y) = toy();
        let a = Logistic::fit(vec!["a".into(), "b".into()], &x, &y, FitOptions::default()).unwrap();
        let b = Logistic::fit(vec!["a".into(), "b".into()], &x, &y, FitOptions::default()).unwrap();
        assert_eq!(a.weights, b.weights);
    }

    fn model_with(names: Vec<String>) -> BlockModel {
        let n = names.len();
        BlockModel {
            format: FORMAT,
            schema: Schema {
                steps: Steps {
                    second_pass: false,
                    ..Steps::default()
                },
                vocabulary: vec![],
            },
            first: Logistic {
                names,
                mean: vec![0.0; n],
                scale: vec![1.0; n],
                weights: vec![0.0; n],
                intercept: 0.0,
                signs: Vec::new(),
            },
            second: None,
            threshold: 0.5,
            region_margin: 3,
            sequence: None,
            tail_words: 0,
            page_share: 0.0,
            reply_form_cut: 0.0,
            short_gap_words: 0,
            manifest: serde_json::Value::Null,
            metrics: serde_json::Value::Null,
        }
    }

    #[test]
    fn a_model_with_other_feature_names_is_refused() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.json");
        let schema = Schema {
            steps: Steps {
                second_pass: false,
                ..Steps::default()
            },
            vocabulary: vec![],
        };
        let good = model_with(schema.names());
        good.save(&path).unwrap();
        assert!(BlockModel::load(&path).is_ok());

        let mut names = schema.names();
        names[0] = "word_count_from_an_older_build".into();
        model_with(names).save(&path).unwrap();
        let err = BlockModel::load(&path).unwrap_err().to_string();
        assert!(
            err.contains("other features") && err.contains("word_count_from_an_older_build"),
            "{err}"
        );
    }

    #[test]
    fn wrong_format_and_garbage_are_refused_with_the_path() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("m.json");
        std::fs::write(&path, r#"{"format": 99}"#).unwrap();
        let err = BlockModel::load(&path).unwrap_err().to_string();
        assert!(err.contains("format 99") && err.contains("m.json"), "{err}");
        std::fs::write(&path, "not json").unwrap();
        assert!(matches!(
            BlockModel::load(&path),
            Err(ModelError::Parse { .. })
        ));
        assert!(matches!(
            BlockModel::load(&dir.path().join("missing.json")),
            Err(ModelError::Read { .. })
        ));
    }
}
