//! Opening the file a command reads, as its options describe it.

use std::path::{Path, PathBuf};

use anyhow::Result;
use credit::ingest::reader::{self, Encoding, InputFormat, ReadError, RowSource, Source};

use crate::context::UsageError;

/// An input file opened for reading rows.
pub struct Input {
    pub source: Source,
    pub format: InputFormat,
    pub encoding: Encoding,
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
    // A sheet the workbook lacks, or a sheet named for a file that has none,
    // is the option's to fix.
    let rows = reader::open(&source, format, encoding, sheet).map_err(|e| match e {
        ReadError::NoSuchSheet { .. } | ReadError::SheetNotApplicable { .. } => {
            anyhow::Error::new(UsageError(e.to_string()))
        }
        other => other.into(),
    })?;
    Ok(Input {
        source,
        format,
        encoding,
        rows,
    })
}

impl Input {
    /// Whether the file can be read a second time at little cost: see
    /// [`cheap_to_reopen`].
    pub fn cheap_to_reopen(&self) -> bool {
        cheap_to_reopen(&self.source, self.format)
    }

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

/// Refuses an output file (named by `option`) that is the file being read or
/// the store, or one of the store's WAL and journal files: creating it would
/// empty what the command is reading, or the store itself.
pub fn check_output(
    option: &str,
    output: &Path,
    input: &Source,
    store: &Path,
) -> Result<(), UsageError> {
    let named = |what: &str| {
        UsageError(format!(
            "{option} {} is {what}; writing it would destroy it, so name another file",
            output.display()
        ))
    };
    if let Source::Path(input) = input
        && same_file(output, input)
    {
        return Err(named("the file being read"));
    }
    let store_files = ["", "-wal", "-shm", "-journal"].map(|suffix| {
        let mut name = store.as_os_str().to_owned();
        name.push(suffix);
        PathBuf::from(name)
    });
    if store_files.iter().any(|file| same_file(output, file)) {
        return Err(named("the store"));
    }
    Ok(())
}

/// Whether both paths exist and are one file, whatever the links between them.
#[cfg(unix)]
fn same_file(a: &Path, b: &Path) -> bool {
    use std::os::unix::fs::MetadataExt;
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        (Ok(a), Ok(b)) => (a.dev(), a.ino()) == (b.dev(), b.ino()),
        _ => false,
    }
}

/// Whether both paths exist and are one file.
#[cfg(not(unix))]
fn same_file(a: &Path, b: &Path) -> bool {
    matches!((a.canonicalize(), b.canonicalize()), (Ok(a), Ok(b)) if a == b)
}

/// Whether `source` can be read a second time at little cost: a regular CSV
/// file. Not stdin, nor a named pipe or `<(…)` (a second reader would take
/// rows from the first), nor a workbook or JSON lines, whose second reading
/// would cost about what checking the rows does.
fn cheap_to_reopen(source: &Source, format: InputFormat) -> bool {
    format == InputFormat::Csv
        && matches!(source, Source::Path(path) if std::fs::metadata(path).is_ok_and(|m| m.is_file()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[cfg(unix)]
    #[test]
    fn only_a_regular_csv_file_is_read_twice() {
        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("rows.csv");
        std::fs::write(&file, "a\n1\n").unwrap();
        let fifo = dir.path().join("pipe.csv");
        let made = std::process::Command::new("mkfifo")
            .arg(&fifo)
            .status()
            .unwrap();
        assert!(made.success());
        let path = |p: &Path| Source::Path(p.to_path_buf());
        assert!(cheap_to_reopen(&path(&file), InputFormat::Csv));
        assert!(!cheap_to_reopen(&path(&file), InputFormat::Jsonl));
        assert!(!cheap_to_reopen(&path(&fifo), InputFormat::Csv));
        assert!(!cheap_to_reopen(&Source::Stdin, InputFormat::Csv));
        assert!(!cheap_to_reopen(&path(dir.path()), InputFormat::Csv));
    }
}
