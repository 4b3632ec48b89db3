//! chaff separates article text from boilerplate and flags scraper-farm copies of wire stories.
//!
//! The modules follow the data, one way, HTML in and verdict out:
//!
//! ```text
//! input ─▶ decode ─▶ segment ─▶ page ─▶ features ─▶ model ─▶ extract ─▶ facts ─┐
//!                                                                 fingerprint ─▶ wire ─▶ verdict ─▶ batch ─▶ moderation
//! ```
//!
//! `datasets`, `train` and `eval` sit beside the flow: they read labelled samples and produce
//! the model files the flow runs on. `cli` is the thin edge that parses arguments.

pub mod batch;
pub mod calendar;
pub mod cli;
pub mod datasets;
pub mod decode;
pub mod eval;
pub mod explain;
pub mod extract;
pub mod facts;
pub mod farmgen;
pub mod features;
pub mod feeds;
pub mod fingerprint;
pub mod input;
pub mod model;
pub mod moderation;
pub mod page;
pub mod patterns;
pub mod segment;
pub mod serve;
pub mod train;
pub mod verdict;
pub mod wire;
pub mod words;
