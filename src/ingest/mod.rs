//! Reading department files: column layouts, header mapping, value parsing,
//! streaming row readers for CSV, xlsx and JSON lines, row validation and the
//! import pipeline.

pub mod headers;
pub mod import;
pub mod layout;
mod leading;
pub mod reader;
pub mod register;
pub mod scout;
mod sheet;
pub mod validate;
pub mod values;
pub mod writer;
