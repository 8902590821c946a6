//! Opening the file a command reads, as its options describe it.

use anyhow::Result;
use credit::ingest::reader::{self, Encoding, InputFormat, ReadError, RowSource, Source};

use crate::context::UsageError;

/// An input file opened for reading rows.
pub struct Input {
    pub source: Source,
    pub format: InputFormat,
    pub rows: Box<dyn RowSource + Send>,
}

/// Opens `file` (`-` for stdin) in the format `--input-format` names, else the
/// one its extension implies, decoded as `--encoding` says.
pub fn open(
    file: &str,
    input_format: Option<&str>,
    encoding: &str,
    sheet: Option<&str>,
) -> Result<Input> {
    let source = Source::from_arg(file);
    let format = match input_format {
        Some(f) => f.parse::<InputFormat>().map_err(UsageError)?,
        // Only a name that says nothing is the caller's to fix with an option;
        // a missing file or a directory fails as it would when opened.
        None => InputFormat::detect(&source).map_err(|e| match e {
            ReadError::UnknownFormat { .. } => anyhow::Error::new(UsageError(e.to_string())),
            other => other.into(),
        })?,
    };
    let encoding: Encoding = encoding.parse().map_err(UsageError)?;
    let rows = reader::open(&source, format, encoding, sheet)?;
    Ok(Input {
        source,
        format,
        rows,
    })
}

impl Input {
    /// The index of the column headed `wanted`; a usage error naming the
    /// columns there are when there is none.
    pub fn column(&self, wanted: &str) -> Result<usize, UsageError> {
        let headers = self.rows.headers();
        headers
            .iter()
            .position(|h| h.trim() == wanted)
            .ok_or_else(|| {
                UsageError(format!(
                    "{} has no column '{wanted}'; its columns are: {}",
                    self.source,
                    headers.join(", ")
                ))
            })
    }
}
