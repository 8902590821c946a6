//! Streaming row readers for the files departments send: CSV (UTF-8 or
//! GB18030), xlsx and JSON lines, all behind one [`RowSource`] trait.
//!
//! Cells arrive as text; interpreting them is the caller's business. Row
//! numbers are the ones a person sees when opening the file, so messages
//! can point at them.

use std::collections::{HashMap, VecDeque};
use std::fmt::{self, Write as _};
use std::fs::File;
use std::io::{self, BufRead, BufReader, Read};
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::{Arc, Mutex};

use encoding_rs_io::DecodeReaderBytesBuilder;
use sha2::{Digest as _, Sha256};

use super::leading::LeadingCells;

/// How much of a text file is inspected to choose its encoding.
const SNIFF_BYTES: u64 = 1024 * 1024;

/// Where input comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Source {
    /// A file.
    Path(PathBuf),
    /// Standard input.
    Stdin,
}

impl Source {
    /// `-` means standard input, anything else a path.
    pub fn from_arg(arg: &str) -> Source {
        if arg == "-" {
            Source::Stdin
        } else {
            Source::Path(PathBuf::from(arg))
        }
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Path(path) => write!(f, "{}", path.display()),
            Source::Stdin => f.write_str("standard input"),
        }
    }
}

/// The kind of file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InputFormat {
    /// Comma- (or tab-) separated text.
    Csv,
    /// A spreadsheet workbook (xlsx, xlsm, xls, xlsb, ods).
    Xlsx,
    /// One JSON object per line.
    Jsonl,
}

impl InputFormat {
    /// The format a file name's extension implies.
    pub fn from_extension(path: &Path) -> Option<InputFormat> {
        let ext = path.extension()?.to_str()?.to_ascii_lowercase();
        match ext.as_str() {
            "csv" | "txt" => Some(InputFormat::Csv),
            "xlsx" | "xlsm" | "xls" | "xlsb" | "ods" => Some(InputFormat::Xlsx),
            "jsonl" | "ndjson" | "json" => Some(InputFormat::Jsonl),
            _ => None,
        }
    }

    /// The format of `source` judged by its name; standard input is CSV.
    /// A path that cannot be read as a file says so first, whatever its name.
    pub fn detect(source: &Source) -> Result<InputFormat, ReadError> {
        match source {
            Source::Stdin => Ok(InputFormat::Csv),
            Source::Path(path) => {
                let metadata = std::fs::metadata(path).map_err(|e| ReadError::Open {
                    file: source.to_string(),
                    source: e,
                })?;
                if metadata.is_dir() {
                    return Err(ReadError::Directory {
                        file: source.to_string(),
                    });
                }
                Self::from_extension(path).ok_or_else(|| ReadError::UnknownFormat {
                    file: source.to_string(),
                })
            }
        }
    }

    /// The name used in options and messages.
    pub fn as_str(self) -> &'static str {
        match self {
            InputFormat::Csv => "csv",
            InputFormat::Xlsx => "xlsx",
            InputFormat::Jsonl => "jsonl",
        }
    }
}

impl FromStr for InputFormat {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "csv" | "txt" => Ok(InputFormat::Csv),
            "xlsx" | "xls" | "excel" => Ok(InputFormat::Xlsx),
            "jsonl" | "ndjson" | "json" => Ok(InputFormat::Jsonl),
            _ => Err(format!(
                "'{s}' is not an input format (allowed: csv, xlsx, jsonl)"
            )),
        }
    }
}

/// The character encoding of a text file.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Encoding {
    /// UTF-8 when the start of the file is valid UTF-8, else GB18030.
    #[default]
    Auto,
    /// UTF-8, with or without a BOM.
    Utf8,
    /// GB18030, which includes GBK and GB2312.
    Gb18030,
}

impl FromStr for Encoding {
    type Err = String;
    fn from_str(s: &str) -> Result<Self, String> {
        match s.trim().to_ascii_lowercase().as_str() {
            "auto" => Ok(Encoding::Auto),
            "utf-8" | "utf8" => Ok(Encoding::Utf8),
            "gb18030" | "gbk" | "gb2312" | "cp936" => Ok(Encoding::Gb18030),
            _ => Err(format!(
                "'{s}' is not an encoding (allowed: auto, utf-8, gb18030)"
            )),
        }
    }
}

/// Why a file could not be read; each message names the file and what to do.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    /// The file could not be opened.
    #[error("cannot open {file}: {source}")]
    Open {
        /// The file.
        file: String,
        /// The operating system's reason.
        #[source]
        source: io::Error,
    },
    /// The path names a directory.
    #[error("{file} is a directory; name the file in it to read")]
    Directory {
        /// The directory.
        file: String,
    },
    /// Reading failed part way.
    #[error("{file}: reading failed: {source}")]
    Io {
        /// The file.
        file: String,
        /// The operating system's reason.
        #[source]
        source: io::Error,
    },
    /// There is no header row.
    #[error("{file} has no header row: the file is empty")]
    Empty {
        /// The file.
        file: String,
    },
    /// The chosen sheet has no header row.
    #[error(
        "{file}, sheet \"{sheet}\", has no header row: the sheet is empty; choose another with --sheet"
    )]
    EmptySheet {
        /// The file.
        file: String,
        /// The sheet.
        sheet: String,
    },
    /// Text read as UTF-8 is not UTF-8.
    #[error(
        "{file}, row {row}: not valid UTF-8 ({why}); if the file is GBK/GB18030, \
         run again with --encoding gb18030"
    )]
    NotUtf8 {
        /// The file.
        file: String,
        /// The row as numbered in the file.
        row: u64,
        /// Why the file was being read as UTF-8.
        why: &'static str,
    },
    /// The file is UTF-16 text, which no department layout uses.
    #[error(
        "{file} is UTF-16 text (Excel's \"Unicode Text\"); save it as \"CSV UTF-8\" \
         or as .xlsx and try again"
    )]
    Utf16 {
        /// The file.
        file: String,
    },
    /// A quoted value runs to the end of the file.
    #[error(
        "{file}, row {row}: a quote opened in this row is never closed, so lines {row} to \
         {last_line} were read as one row; close the quote (a quote meant as text is written \
         twice, \"\") and import again"
    )]
    UnclosedQuote {
        /// The file.
        file: String,
        /// The row as numbered in the file.
        row: u64,
        /// The file's last line.
        last_line: u64,
    },
    /// A workbook or a binary file read as text.
    #[error("{file} {what}")]
    NotText {
        /// The file.
        file: String,
        /// What it is, and what to do.
        what: String,
    },
    /// The CSV parser refused a record.
    #[error("{file}, row {row}: {message}")]
    Csv {
        /// The file.
        file: String,
        /// The row as numbered in the file.
        row: u64,
        /// The parser's description.
        message: String,
    },
    /// The file name does not tell the format.
    #[error(
        "cannot tell the format of {file} from its name; pass --input-format csv, xlsx or jsonl"
    )]
    UnknownFormat {
        /// The file.
        file: String,
    },
    /// The spreadsheet library could not read the workbook.
    #[error(
        "{file}: cannot read the workbook ({message}); if a web system exported it, it may \
         be HTML or CSV inside: try --input-format csv, or save it as .xlsx from a spreadsheet program"
    )]
    Workbook {
        /// The file.
        file: String,
        /// The library's description.
        message: String,
    },
    /// `--sheet` named a sheet the workbook lacks.
    #[error("{file} has no sheet named \"{sheet}\"; its sheets are: {}", .available.join(", "))]
    NoSuchSheet {
        /// The file.
        file: String,
        /// The requested sheet.
        sheet: String,
        /// The workbook's sheets.
        available: Vec<String>,
    },
    /// The workbook has no sheets at all.
    #[error("{file} has no sheets")]
    NoSheets {
        /// The file.
        file: String,
    },
    /// A cell holds a formula error such as `#N/A`.
    #[error(
        "{file}, sheet \"{sheet}\", cell {cell}: holds the error {value}; fix the formula \
         or replace it with a value"
    )]
    CellError {
        /// The file.
        file: String,
        /// The sheet.
        sheet: String,
        /// The cell reference such as `C5`.
        cell: String,
        /// The spreadsheet row.
        row: u64,
        /// The error as the spreadsheet shows it.
        value: String,
    },
    /// A JSON line is not an acceptable object.
    #[error("{file}, line {line}: {message}")]
    Json {
        /// The file.
        file: String,
        /// The line number.
        line: u64,
        /// What is wrong and what to do.
        message: String,
    },
    /// `--sheet` was given for input that has no sheets.
    #[error("--sheet applies only to spreadsheets, not to {format} input")]
    SheetNotApplicable {
        /// The input format.
        format: &'static str,
    },
}

impl ReadError {
    /// Whether only the current row is bad: the reader has moved past it and
    /// `next_row` may be called again.
    pub fn is_row_level(&self) -> bool {
        matches!(
            self,
            ReadError::NotUtf8 { .. } | ReadError::CellError { .. } | ReadError::Json { .. }
        )
    }
}

/// One data row: its number in the file and its cells as text.
#[derive(Clone, Debug, Default)]
pub struct Row {
    /// The row as a person sees it: the header is row 1 in a CSV file, the
    /// spreadsheet's own row number in xlsx, the line number in JSON lines.
    pub number: u64,
    /// Every cell's text, one after another, reused from row to row.
    text: String,
    /// Where each cell ends in `text`.
    ends: Vec<usize>,
}

impl Row {
    /// An empty row to pass to [`RowSource::next_row`].
    pub fn new() -> Row {
        Row::default()
    }

    /// A row with these cells, numbered as in its file.
    pub fn from_cells(number: u64, cells: &[&str]) -> Row {
        let mut row = Row::new();
        row.start(number);
        for cell in cells {
            row.push(cell);
        }
        row
    }

    /// The text of column `col`; empty when the row is shorter.
    pub fn get(&self, col: usize) -> &str {
        match self.ends.get(col) {
            Some(&end) => {
                let start = col.checked_sub(1).map_or(0, |before| self.ends[before]);
                &self.text[start..end]
            }
            None => "",
        }
    }

    /// The number of cells in this row.
    pub fn len(&self) -> usize {
        self.ends.len()
    }

    /// Whether the row has no cells.
    pub fn is_empty(&self) -> bool {
        self.ends.is_empty()
    }

    /// The cells in column order.
    pub fn cells(&self) -> impl Iterator<Item = &str> {
        (0..self.len()).map(|col| self.get(col))
    }

    /// Whether every cell is empty or spaces.
    pub(super) fn is_blank(&self) -> bool {
        self.cells().all(|cell| cell.trim().is_empty())
    }

    /// Empties the row to fill it again as row `number`.
    pub(super) fn start(&mut self, number: u64) {
        self.number = number;
        self.text.clear();
        self.ends.clear();
    }

    /// Appends a cell.
    pub(super) fn push(&mut self, cell: &str) {
        self.text.push_str(cell);
        self.ends.push(self.text.len());
    }

    /// Fills the row with a parsed record's cells; false, leaving the row
    /// empty, when a cell is not UTF-8. The record's bytes are checked in one
    /// pass: they are valid UTF-8 and no cell starts inside a character
    /// exactly when every cell is valid UTF-8.
    pub(super) fn fill(&mut self, number: u64, record: &csv::ByteRecord) -> bool {
        self.start(number);
        let Ok(text) = simdutf8::basic::from_utf8(record.as_slice()) else {
            return false;
        };
        let mut end = 0;
        for cell in record {
            end += cell.len();
            if !text.is_char_boundary(end) {
                self.ends.clear();
                return false;
            }
            self.ends.push(end);
        }
        self.text.push_str(text);
        true
    }
}

/// A file being read row by row.
pub trait RowSource {
    /// The header row's cells, as written.
    fn headers(&self) -> &[String];

    /// Fills `row` with the next data row; false at the end. Reuses row's buffers.
    fn next_row(&mut self, row: &mut Row) -> Result<bool, ReadError>;

    /// How the bytes were decoded: "utf-8", "utf-8 (BOM)", "gb18030", "xlsx" or "jsonl".
    fn encoding_used(&self) -> &'static str;

    /// SHA-256 (hex) of the bytes read so far: of the whole file once the
    /// last row has been read.
    fn sha256(&self) -> String;
}

/// Every row left in `source`, numbered, as text: for tests of readers.
#[cfg(test)]
pub(super) fn read_all(source: &mut dyn RowSource) -> Vec<(u64, Vec<String>)> {
    let mut row = Row::new();
    let mut out = Vec::new();
    while source.next_row(&mut row).unwrap() {
        out.push((row.number, row.cells().map(str::to_string).collect()));
    }
    out
}

/// The running SHA-256 of what a reader has taken from its source, so an
/// import records the digest of exactly the bytes it read, in one pass; or
/// nothing, for a file read a second time ([`open_again`]).
#[derive(Clone)]
pub(super) struct Digest(Option<Arc<Mutex<Sha256>>>);

impl Default for Digest {
    fn default() -> Digest {
        Digest(Some(Arc::default()))
    }
}

impl Digest {
    /// A digest that takes nothing in, and whose hex is empty.
    fn none() -> Digest {
        Digest(None)
    }

    /// Whether it takes in what is read (it is not [`Digest::none`]).
    fn takes_in(&self) -> bool {
        self.0.is_some()
    }

    pub(super) fn update(&self, bytes: &[u8]) {
        if let Some(hasher) = &self.0 {
            hasher.lock().expect("digest lock").update(bytes);
        }
    }

    pub(super) fn hex(&self) -> String {
        let Some(hasher) = &self.0 else {
            return String::new();
        };
        let hasher = hasher.lock().expect("digest lock").clone();
        crate::audit::hex(&hasher.finalize())
    }
}

/// Passes every byte read through a [`Digest`].
pub(super) struct Hashing<R> {
    inner: R,
    digest: Digest,
}

impl<R> Hashing<R> {
    pub(super) fn new(inner: R, digest: &Digest) -> Hashing<R> {
        Hashing {
            inner,
            digest: digest.clone(),
        }
    }
}

impl<R: Read> Read for Hashing<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.digest.update(&buf[..n]);
        Ok(n)
    }
}

/// Opens `source` for reading rows; the header row is read at once.
pub fn open(
    source: &Source,
    format: InputFormat,
    encoding: Encoding,
    sheet: Option<&str>,
) -> Result<Box<dyn RowSource + Send>, ReadError> {
    if sheet.is_some() && format != InputFormat::Xlsx {
        return Err(ReadError::SheetNotApplicable {
            format: format.as_str(),
        });
    }
    open_rows(source, format, encoding, sheet, Digest::default())
}

/// Opens a file again, as [`open`] did, to read the cells of `columns`
/// (counted from 0) a second time: a CSV file gives those alone, the others
/// before the last of them empty (see [`super::leading`]), and is not
/// hashed again (its digest was taken on the first reading); JSON lines
/// give every cell, and no digest either. A workbook is opened as [`open`]
/// opens it with no sheet named.
pub fn open_again(
    source: &Source,
    format: InputFormat,
    encoding: Encoding,
    columns: &[usize],
) -> Result<Box<dyn RowSource + Send>, ReadError> {
    match format {
        InputFormat::Csv => {
            let text = open_text(source, encoding, &Digest::none())?;
            Ok(Box::new(LeadingCells::open(source, text, columns)?))
        }
        _ => open_rows(source, format, encoding, None, Digest::none()),
    }
}

/// The rows of `source` in `format`, a CSV or JSON lines file's bytes
/// going through `digest`.
fn open_rows(
    source: &Source,
    format: InputFormat,
    encoding: Encoding,
    sheet: Option<&str>,
    digest: Digest,
) -> Result<Box<dyn RowSource + Send>, ReadError> {
    match format {
        InputFormat::Csv => Ok(Box::new(CsvRows::open(source, encoding, digest)?)),
        InputFormat::Xlsx => Ok(Box::new(super::sheet::SheetRows::open(source, sheet)?)),
        InputFormat::Jsonl => Ok(Box::new(JsonRows::open(source, encoding, digest)?)),
    }
}

/// Whether a reader of a file leaves the pages it has read in the page cache.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Cache {
    Keep,
    /// See [`DropBehind`].
    DropBehind,
}

pub(super) fn open_raw(
    source: &Source,
    digest: &Digest,
    cache: Cache,
) -> Result<Box<dyn Read + Send>, ReadError> {
    let raw: Box<dyn Read + Send> = match source {
        Source::Path(path) => {
            let open_error = |e| ReadError::Open {
                file: source.to_string(),
                source: e,
            };
            let file = File::open(path).map_err(open_error)?;
            let metadata = file.metadata().map_err(open_error)?;
            if metadata.is_dir() {
                return Err(ReadError::Directory {
                    file: source.to_string(),
                });
            }
            if cache == Cache::DropBehind && metadata.is_file() {
                Box::new(DropBehind::new(file))
            } else {
                Box::new(file)
            }
        }
        // Not locked: a lock cannot move to the thread that reads.
        Source::Stdin => Box::new(io::stdin()),
    };
    Ok(Box::new(Hashing::new(raw, digest)))
}

/// A file read from start to end once, whose pages are taken out of the
/// page cache as soon as they have been read, [`DROP_STEP`] at a time.
///
/// An import reads its file once (the scout, reading it a second time, runs
/// ahead), so nobody reads those pages again, and a province's file is
/// gigabytes: left cached, they take as much memory from the store's
/// write-ahead log and file, which the import writes at the same time, and
/// the kernel has to find fresh pages for those instead of using again
/// the ones just read.
struct DropBehind {
    file: File,
    /// Bytes read, and bytes before which the pages have been dropped.
    read: u64,
    dropped: u64,
}

/// How far a [`DropBehind`] reads between two drops.
const DROP_STEP: u64 = 8 << 20;

impl DropBehind {
    fn new(file: File) -> DropBehind {
        DropBehind {
            file,
            read: 0,
            dropped: 0,
        }
    }

    /// Asks the kernel to drop the pages of the bytes read since the last
    /// drop. Only advice: an error changes nothing that is read.
    fn drop_read(&mut self) {
        #[cfg(target_os = "linux")]
        if let Some(len) = std::num::NonZeroU64::new(self.read - self.dropped) {
            let _ = rustix::fs::fadvise(
                &self.file,
                self.dropped,
                Some(len),
                rustix::fs::Advice::DontNeed,
            );
        }
        self.dropped = self.read;
    }
}

impl Read for DropBehind {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.file.read(buf)?;
        self.read += n as u64;
        if self.read - self.dropped >= DROP_STEP || (n == 0 && !buf.is_empty()) {
            self.drop_read();
        }
        Ok(n)
    }
}

/// A text stream decoded to UTF-8, with what was learnt from its first bytes.
pub(super) struct Text {
    pub(super) reader: Box<dyn Read + Send>,
    pub(super) label: &'static str,
    /// Why invalid UTF-8 later in the file is a surprise; `None` once decoded.
    pub(super) utf8_why: Option<&'static str>,
    pub(super) delimiter: u8,
}

pub(super) fn open_text(
    source: &Source,
    encoding: Encoding,
    digest: &Digest,
) -> Result<Text, ReadError> {
    let file = source.to_string();
    // The reading that hashes the file is the import's own, which reads it
    // once; a second reading (the scout's) runs ahead of it.
    let cache = if digest.takes_in() {
        Cache::DropBehind
    } else {
        Cache::Keep
    };
    let mut raw = open_raw(source, digest, cache)?;
    // Exactly the size read: left to grow, the buffer doubles to 2 MiB.
    let mut head = Vec::with_capacity(SNIFF_BYTES as usize);
    raw.by_ref()
        .take(SNIFF_BYTES)
        .read_to_end(&mut head)
        .map_err(|e| ReadError::Io {
            file: file.clone(),
            source: e,
        })?;
    let complete = (head.len() as u64) < SNIFF_BYTES;

    if head.starts_with(b"\xff\xfe") || head.starts_with(b"\xfe\xff") {
        return Err(ReadError::Utf16 { file });
    }
    // A workbook renamed to .csv, or a file that is not text at all, would
    // otherwise be decoded as GB18030 and fail as a header row of garbage.
    let not_text = |what| {
        Err(ReadError::NotText {
            file: file.clone(),
            what,
        })
    };
    if head.starts_with(b"PK\x03\x04") {
        return not_text("is an xlsx workbook, not text; pass --input-format xlsx".into());
    }
    if head.starts_with(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1") {
        return not_text(
            "is an Excel 97-2003 workbook (.xls), not text; pass --input-format xlsx".into(),
        );
    }
    if let Some(at) = head.iter().position(|&b| b == 0) {
        return not_text(format!(
            "is not text: byte {} is a NUL; is it the file you meant?",
            at + 1
        ));
    }
    let delimiter = sniff_delimiter(&head);
    // A UTF-8 BOM settles the question whatever was asked: decoding it as
    // GB18030 would only turn the first header into garbage.
    let (label, utf8_why) = if head.starts_with(b"\xef\xbb\xbf") {
        head.drain(..3);
        (
            "utf-8 (BOM)",
            Some("the file starts with a UTF-8 byte-order mark"),
        )
    } else {
        match encoding {
            Encoding::Utf8 => ("utf-8", Some("--encoding utf-8 was given")),
            Encoding::Gb18030 => ("gb18030", None),
            Encoding::Auto if looks_utf8(&head, complete) => {
                ("utf-8", Some("the first 1 MiB of the file was valid UTF-8"))
            }
            Encoding::Auto => ("gb18030", None),
        }
    };
    let stream = Rejoined {
        head,
        at: 0,
        rest: raw,
    };
    let reader: Box<dyn Read + Send> = if utf8_why.is_some() {
        Box::new(stream)
    } else {
        Box::new(
            DecodeReaderBytesBuilder::new()
                .encoding(Some(encoding_rs::GB18030))
                .build(stream),
        )
    };
    Ok(Text {
        reader,
        label,
        utf8_why,
        delimiter,
    })
}

/// The bytes read to learn the encoding, then the rest of the stream. The
/// first bytes' buffer is freed once they are read, rather than held for as
/// long as the file is (twice over while the scout reads it too).
struct Rejoined<R> {
    head: Vec<u8>,
    at: usize,
    rest: R,
}

impl<R: Read> Read for Rejoined<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        if self.at == self.head.len() {
            return self.rest.read(buf);
        }
        let n = buf.len().min(self.head.len() - self.at);
        buf[..n].copy_from_slice(&self.head[self.at..self.at + n]);
        self.at += n;
        if self.at == self.head.len() {
            self.head = Vec::new();
            self.at = 0;
        }
        Ok(n)
    }
}

/// Valid UTF-8, allowing a sequence cut off where the sample was cut.
fn looks_utf8(head: &[u8], complete: bool) -> bool {
    match std::str::from_utf8(head) {
        Ok(_) => true,
        Err(e) => !complete && e.error_len().is_none(),
    }
}

/// Tab when the first line has more tabs than commas (Excel's "Text (Tab
/// delimited)" export, usually named .txt), else comma. Both are ASCII bytes
/// that never occur inside a GB18030 multi-byte character, so raw bytes do.
fn sniff_delimiter(head: &[u8]) -> u8 {
    let first_line = head.split(|&b| b == b'\n').next().unwrap_or(&[]);
    let count = |d: u8| first_line.iter().filter(|&&b| b == d).count();
    if count(b'\t') > count(b',') {
        b'\t'
    } else {
        b','
    }
}

/// Counts lines in the stream the CSV parser reads, so rows can be numbered
/// as an editor shows them.
///
/// The parser's own line count is unusable: it numbers a record from where
/// the previous one ended, so CRLF endings and skipped blank lines shift
/// every number after them. Here each run of line-break bytes is logged with
/// the count of breaks up to its end; a record's first character lies at
/// the end of the run its start offset falls in, or at the offset itself.
struct LineIndex<R> {
    inner: R,
    offset: u64,
    breaks: u64,
    in_run: bool,
    run_start: u64,
    pending_cr: bool,
    /// (start, end, breaks before end) of each closed run of CR/LF bytes.
    runs: VecDeque<(u64, u64, u64)>,
    breaks_before_front: u64,
    /// The line of the last byte that is not a line break.
    last_line: u64,
    /// Whether the stream has ended.
    ended: bool,
    quotes: Quotes,
}

impl<R: Read> LineIndex<R> {
    fn new(inner: R, delimiter: u8) -> Self {
        LineIndex {
            inner,
            offset: 0,
            breaks: 0,
            in_run: false,
            run_start: 0,
            pending_cr: false,
            runs: VecDeque::new(),
            breaks_before_front: 0,
            last_line: 0,
            ended: false,
            quotes: Quotes::new(delimiter),
        }
    }

    /// The 1-based line of the first character at or after byte `start`.
    /// Queries must come in increasing order of `start`.
    fn line_at(&mut self, start: u64) -> u64 {
        while let Some(&(_, end, breaks)) = self.runs.front() {
            if end > start {
                break;
            }
            self.breaks_before_front = breaks;
            self.runs.pop_front();
        }
        match self.runs.front() {
            Some(&(run_start, _, breaks)) if run_start <= start => breaks + 1,
            _ => self.breaks_before_front + 1,
        }
    }

    fn close_run(&mut self, end: u64) {
        if self.pending_cr {
            self.breaks += 1;
            self.pending_cr = false;
        }
        self.runs.push_back((self.run_start, end, self.breaks));
        self.in_run = false;
    }

    fn scan(&mut self, buf: &[u8]) {
        let mut i = 0;
        while i < buf.len() {
            if self.in_run {
                match buf[i] {
                    b'\n' => {
                        self.breaks += 1;
                        self.pending_cr = false;
                    }
                    b'\r' => {
                        // A CR counts as a break unless an LF follows it.
                        if self.pending_cr {
                            self.breaks += 1;
                        }
                        self.pending_cr = true;
                    }
                    _ => {
                        self.close_run(self.offset + i as u64);
                        continue;
                    }
                }
                i += 1;
            } else {
                let text_from = i;
                match memchr::memchr2(b'\n', b'\r', &buf[i..]) {
                    Some(at) => {
                        i += at;
                        self.in_run = true;
                        self.run_start = self.offset + i as u64;
                    }
                    None => i = buf.len(),
                }
                if i > text_from {
                    self.last_line = self.breaks + 1;
                }
            }
        }
        self.offset += buf.len() as u64;
    }
}

impl<R: Read> Read for LineIndex<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        if n == 0 {
            if self.in_run {
                self.close_run(self.offset);
            }
            self.ended = true;
        } else {
            self.scan(&buf[..n]);
            self.quotes.feed(&buf[..n]);
        }
        Ok(n)
    }
}

/// Whether the CSV text read so far ends inside a quoted value: the
/// parser's own states, followed with a quote as `"`, a record ending at a
/// CR or LF, and a quote doubled inside a quoted value standing for itself.
/// The parser takes a quote that is never closed to run to the end of the
/// file, and gives no error.
struct Quotes {
    delimiter: u8,
    state: QuoteState,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum QuoteState {
    FieldStart,
    Unquoted,
    Quoted,
    /// A quote inside a quoted value: it closes the value, unless another follows.
    QuoteInQuoted,
}

impl Quotes {
    fn new(delimiter: u8) -> Quotes {
        Quotes {
            delimiter,
            state: QuoteState::FieldStart,
        }
    }

    fn open(&self) -> bool {
        self.state == QuoteState::Quoted
    }

    fn feed(&mut self, buf: &[u8]) {
        let ends_field = |b: u8| b == self.delimiter || b == b'\n' || b == b'\r';
        let mut i = 0;
        while i < buf.len() {
            self.state = match self.state {
                QuoteState::Quoted => match memchr::memchr(b'"', &buf[i..]) {
                    Some(at) => {
                        i += at;
                        QuoteState::QuoteInQuoted
                    }
                    None => return,
                },
                QuoteState::Unquoted => {
                    match memchr::memchr3(self.delimiter, b'\n', b'\r', &buf[i..]) {
                        Some(at) => {
                            i += at;
                            QuoteState::FieldStart
                        }
                        None => return,
                    }
                }
                QuoteState::FieldStart if buf[i] == b'"' => QuoteState::Quoted,
                QuoteState::QuoteInQuoted if buf[i] == b'"' => QuoteState::Quoted,
                QuoteState::FieldStart | QuoteState::QuoteInQuoted if ends_field(buf[i]) => {
                    QuoteState::FieldStart
                }
                QuoteState::FieldStart | QuoteState::QuoteInQuoted => QuoteState::Unquoted,
            };
            i += 1;
        }
    }
}

struct CsvRows {
    reader: csv::Reader<LineIndex<Box<dyn Read + Send>>>,
    /// The record being parsed, its buffers reused from row to row.
    record: csv::ByteRecord,
    headers: Vec<String>,
    label: &'static str,
    utf8_why: &'static str,
    file: String,
    digest: Digest,
}

impl CsvRows {
    fn open(source: &Source, encoding: Encoding, digest: Digest) -> Result<CsvRows, ReadError> {
        let text = open_text(source, encoding, &digest)?;
        let reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .flexible(true)
            .delimiter(text.delimiter)
            .buffer_capacity(64 * 1024)
            .from_reader(LineIndex::new(text.reader, text.delimiter));
        let mut rows = CsvRows {
            reader,
            record: csv::ByteRecord::new(),
            headers: Vec::new(),
            label: text.label,
            utf8_why: text.utf8_why.unwrap_or(""),
            file: source.to_string(),
            digest,
        };
        let mut first = Row::new();
        if !rows.next_row(&mut first)? {
            return Err(ReadError::Empty { file: rows.file });
        }
        rows.headers = first.cells().map(str::to_string).collect();
        Ok(rows)
    }

    /// The line where the record starting at `start` has its first character.
    fn line_at(&mut self, start: Option<u64>) -> u64 {
        start.map_or(0, |byte| self.reader.get_mut().line_at(byte))
    }

    fn error(&mut self, err: csv::Error) -> ReadError {
        let row = self.line_at(err.position().map(csv::Position::byte));
        let message = err.to_string();
        match err.into_kind() {
            csv::ErrorKind::Io(source) => ReadError::Io {
                file: self.file.clone(),
                source,
            },
            _ => ReadError::Csv {
                file: self.file.clone(),
                row,
                message,
            },
        }
    }
}

impl RowSource for CsvRows {
    fn headers(&self) -> &[String] {
        &self.headers
    }

    fn next_row(&mut self, row: &mut Row) -> Result<bool, ReadError> {
        loop {
            match self.reader.read_byte_record(&mut self.record) {
                Ok(false) => return Ok(false),
                Ok(true) => {
                    let number = self.line_at(self.record.position().map(csv::Position::byte));
                    let at = self.reader.position().byte();
                    let index = self.reader.get_ref();
                    if index.ended && at == index.offset && index.quotes.open() {
                        return Err(ReadError::UnclosedQuote {
                            file: self.file.clone(),
                            row: number,
                            last_line: index.last_line,
                        });
                    }
                    if !row.fill(number, &self.record) {
                        return Err(ReadError::NotUtf8 {
                            file: self.file.clone(),
                            row: number,
                            why: self.utf8_why,
                        });
                    }
                    if !row.is_blank() {
                        return Ok(true);
                    }
                }
                Err(err) => return Err(self.error(err)),
            }
        }
    }

    fn encoding_used(&self) -> &'static str {
        self.label
    }

    fn sha256(&self) -> String {
        self.digest.hex()
    }
}

/// JSON lines: the first object's keys, in order, are the headers.
struct JsonRows {
    reader: BufReader<Box<dyn Read + Send>>,
    line: String,
    line_no: u64,
    headers: Vec<String>,
    columns: HashMap<String, usize>,
    cells: Vec<String>,
    first: Option<serde_json::Map<String, serde_json::Value>>,
    first_line: u64,
    file: String,
    utf8_why: Option<&'static str>,
    digest: Digest,
}

impl JsonRows {
    fn open(source: &Source, encoding: Encoding, digest: Digest) -> Result<JsonRows, ReadError> {
        let text = open_text(source, encoding, &digest)?;
        let mut rows = JsonRows {
            reader: BufReader::with_capacity(64 * 1024, text.reader),
            line: String::new(),
            line_no: 0,
            headers: Vec::new(),
            columns: HashMap::new(),
            cells: Vec::new(),
            first: None,
            first_line: 0,
            file: source.to_string(),
            utf8_why: text.utf8_why,
            digest,
        };
        if !rows.next_line()? {
            return Err(ReadError::Empty { file: rows.file });
        }
        if rows.line.trim_start().starts_with('[') {
            return Err(rows.json_error(
                "the file is one JSON array, not JSON lines; convert it with \
                 `jq -c '.[]'` or save it with one object per line"
                    .to_string(),
            ));
        }
        let object = rows.parse_line()?;
        rows.headers = object.keys().cloned().collect();
        rows.columns = (rows.headers.iter().cloned().enumerate())
            .map(|(i, k)| (k, i))
            .collect();
        rows.first = Some(object);
        rows.first_line = rows.line_no;
        Ok(rows)
    }

    /// Reads the next non-blank line into `self.line`; false at the end.
    fn next_line(&mut self) -> Result<bool, ReadError> {
        loop {
            self.line.clear();
            self.line_no += 1;
            match self.reader.read_line(&mut self.line) {
                Ok(0) => return Ok(false),
                Ok(_) if self.line.trim().is_empty() => {}
                Ok(_) => return Ok(true),
                Err(e) if e.kind() == io::ErrorKind::InvalidData => {
                    let why = self.utf8_why.unwrap_or("JSON lines are UTF-8");
                    return Err(self.json_error(format!(
                        "not valid UTF-8 ({why}); if the file is GBK/GB18030, \
                         run again with --encoding gb18030"
                    )));
                }
                Err(e) => {
                    return Err(ReadError::Io {
                        file: self.file.clone(),
                        source: e,
                    });
                }
            }
        }
    }

    fn parse_line(&self) -> Result<serde_json::Map<String, serde_json::Value>, ReadError> {
        match serde_json::from_str::<serde_json::Value>(&self.line) {
            Ok(serde_json::Value::Object(map)) => Ok(map),
            Ok(_) => Err(self.json_error("expected a JSON object {…}".to_string())),
            Err(e) => Err(self.json_error(format!("not valid JSON: {e}"))),
        }
    }

    fn json_error(&self, message: String) -> ReadError {
        ReadError::Json {
            file: self.file.clone(),
            line: self.line_no,
            message,
        }
    }

    fn fill(
        &mut self,
        object: &serde_json::Map<String, serde_json::Value>,
        line: u64,
        row: &mut Row,
    ) -> Result<(), ReadError> {
        use serde_json::Value;
        for cell in &mut self.cells {
            cell.clear();
        }
        self.cells.resize(self.headers.len(), String::new());
        for (key, value) in object {
            let error = |message: String| ReadError::Json {
                file: self.file.clone(),
                line,
                message,
            };
            let Some(&col) = self.columns.get(key) else {
                return Err(error(format!(
                    "key \"{key}\" is not among the first line's keys; every line must use \
                     the keys of the first"
                )));
            };
            let cell = &mut self.cells[col];
            match value {
                Value::Null => {}
                Value::String(s) => cell.push_str(s),
                Value::Number(n) => write!(cell, "{n}").expect("writing to a String"),
                Value::Bool(b) => cell.push_str(if *b { "true" } else { "false" }),
                Value::Array(_) | Value::Object(_) => {
                    return Err(error(format!(
                        "the value of \"{key}\" is a list or object; expected text, a number or null"
                    )));
                }
            }
        }
        row.start(line);
        for cell in &self.cells {
            row.push(cell);
        }
        Ok(())
    }
}

impl RowSource for JsonRows {
    fn headers(&self) -> &[String] {
        &self.headers
    }

    fn next_row(&mut self, row: &mut Row) -> Result<bool, ReadError> {
        loop {
            let (object, line) = match self.first.take() {
                Some(object) => (object, self.first_line),
                None => {
                    if !self.next_line()? {
                        return Ok(false);
                    }
                    (self.parse_line()?, self.line_no)
                }
            };
            self.fill(&object, line, row)?;
            if !row.is_blank() {
                return Ok(true);
            }
        }
    }

    fn encoding_used(&self) -> &'static str {
        "jsonl"
    }

    fn sha256(&self) -> String {
        self.digest.hex()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    fn write(dir: &tempfile::TempDir, name: &str, bytes: &[u8]) -> Source {
        let path = dir.path().join(name);
        File::create(&path).unwrap().write_all(bytes).unwrap();
        Source::Path(path)
    }

    #[test]
    fn the_first_bytes_come_before_the_rest_and_are_freed_once_read() {
        let mut stream = Rejoined {
            head: b"abcde".to_vec(),
            at: 0,
            rest: &b"fgh"[..],
        };
        let mut buf = [0u8; 3];
        assert_eq!(stream.read(&mut buf).unwrap(), 3);
        assert_eq!(&buf, b"abc");
        assert_eq!(stream.head.capacity(), 5, "held while unread");
        // A read ends where the first bytes do, and frees them.
        assert_eq!(stream.read(&mut buf).unwrap(), 2);
        assert_eq!(&buf[..2], b"de");
        assert_eq!(stream.head.capacity(), 0);
        let mut rest = Vec::new();
        stream.read_to_end(&mut rest).unwrap();
        assert_eq!(rest, b"fgh");
    }

    #[test]
    fn a_file_read_once_comes_through_whole_while_its_pages_are_dropped() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("big.csv");
        let len = 2 * DROP_STEP as usize + 1000;
        let bytes: Vec<u8> = (0..len).map(|i| (i % 251) as u8).collect();
        std::fs::write(&path, &bytes).unwrap();
        let mut reader = DropBehind::new(File::open(&path).unwrap());
        let mut read = Vec::new();
        let mut buf = vec![0u8; 100_000];
        let mut drops = Vec::new();
        loop {
            let n = reader.read(&mut buf).unwrap();
            read.extend_from_slice(&buf[..n]);
            if drops.last() != Some(&reader.dropped) {
                drops.push(reader.dropped);
            }
            if n == 0 {
                break;
            }
        }
        assert!(read == bytes, "the bytes read are the file's");
        // Dropped at the first read reaching a step (84 reads of 100,000
        // bytes), then the rest at the end, which comes before a second
        // step's worth.
        assert_eq!(drops, vec![0, 8_400_000, len as u64]);
    }

    fn cells(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    const CSV: &str = "行政相对人名称,处罚决定日期,罚款金额(万元)\n\
                       某某公司,2019-10-23,0.2\n\
                       另一公司,2019/1/5,1\n";

    #[test]
    fn utf8_csv() {
        let dir = tempfile::tempdir().unwrap();
        let source = write(&dir, "a.csv", CSV.as_bytes());
        let mut rows = open(&source, InputFormat::Csv, Encoding::Auto, None).unwrap();
        assert_eq!(rows.encoding_used(), "utf-8");
        assert_eq!(
            rows.headers(),
            cells(&["行政相对人名称", "处罚决定日期", "罚款金额(万元)"])
        );
        assert_eq!(
            read_all(rows.as_mut()),
            vec![
                (2, cells(&["某某公司", "2019-10-23", "0.2"])),
                (3, cells(&["另一公司", "2019/1/5", "1"])),
            ]
        );
    }

    #[test]
    fn a_file_opened_again_gives_the_same_rows_without_a_digest() {
        let dir = tempfile::tempdir().unwrap();
        let source = write(&dir, "a.csv", CSV.as_bytes());
        let mut first = open(&source, InputFormat::Csv, Encoding::Auto, None).unwrap();
        let mut again = open_again(&source, InputFormat::Csv, Encoding::Auto, &[0, 1, 2]).unwrap();
        assert_eq!(again.headers(), first.headers());
        assert_eq!(read_all(again.as_mut()), read_all(first.as_mut()));
        assert_eq!(first.sha256().len(), 64);
        assert_eq!(again.sha256(), "");
    }

    #[test]
    fn a_quote_never_closed_stops_the_file_at_its_row() {
        let dir = tempfile::tempdir().unwrap();
        let text = "名称,日期,金额\n\
                    某某公司,2019-10-23,0.2\n\
                    \"另一公司,2019/1/5,1\n\
                    第三公司,2019/1/6,2\r\n\
                    第四公司,2019/1/7,3\n";
        let (gbk, _, _) = encoding_rs::GB18030.encode(text);
        for (name, bytes) in [("u.csv", text.as_bytes()), ("g.csv", &gbk[..])] {
            let source = write(&dir, name, bytes);
            let mut rows = open(&source, InputFormat::Csv, Encoding::Auto, None).unwrap();
            let mut row = Row::new();
            assert!(rows.next_row(&mut row).unwrap());
            let err = rows.next_row(&mut row).unwrap_err();
            assert!(!err.is_row_level());
            assert_eq!(
                err.to_string(),
                format!(
                    "{source}, row 3: a quote opened in this row is never closed, so lines 3 to 5 \
                     were read as one row; close the quote (a quote meant as text is written \
                     twice, \"\") and import again"
                )
            );
        }

        // The last line is the last one with text, however long it is: 16
        // and 32 bytes are where the scan for line breaks skips ahead.
        for last in ["abcdefghijklmnop", &"x".repeat(32), "a"] {
            for end in ["", "\n", "\r\n\n"] {
                let text = format!("名称,日期\n\"x,1\n{last}{end}");
                let source = write(&dir, "last.csv", text.as_bytes());
                let mut rows = open(&source, InputFormat::Csv, Encoding::Auto, None).unwrap();
                let err = rows.next_row(&mut Row::new()).unwrap_err().to_string();
                assert!(err.contains("so lines 2 to 3 were read"), "{text:?}: {err}");
            }
        }

        // Quotes that are closed, doubled, or text inside an unquoted value.
        for tail in [
            "\"x,\"\"y\"\"\",1",
            "\"x\n\",\"\"",
            "x,5\",\"a\"\"\"",
            "\"x\"y,1",
        ] {
            for end in ["", "\n", "\r\n"] {
                let text = format!("名称,日期\n{tail}{end}");
                let source = write(&dir, "ok.csv", text.as_bytes());
                let mut rows = open(&source, InputFormat::Csv, Encoding::Auto, None).unwrap();
                assert_eq!(read_all(rows.as_mut()).len(), 1, "{text:?}");
            }
        }
    }

    #[test]
    fn utf8_csv_with_bom() {
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = b"\xef\xbb\xbf".to_vec();
        bytes.extend_from_slice(CSV.as_bytes());
        let source = write(&dir, "a.csv", &bytes);
        for encoding in [Encoding::Auto, Encoding::Utf8, Encoding::Gb18030] {
            let mut rows = open(&source, InputFormat::Csv, encoding, None).unwrap();
            assert_eq!(rows.encoding_used(), "utf-8 (BOM)");
            assert_eq!(rows.headers()[0], "行政相对人名称");
            assert_eq!(read_all(rows.as_mut()).len(), 2);
        }
    }

    #[test]
    fn gb18030_csv() {
        let dir = tempfile::tempdir().unwrap();
        let (bytes, _, unmappable) = encoding_rs::GB18030.encode(CSV);
        assert!(!unmappable);
        let source = write(&dir, "gb.csv", &bytes);
        for encoding in [Encoding::Auto, Encoding::Gb18030] {
            let mut rows = open(&source, InputFormat::Csv, encoding, None).unwrap();
            assert_eq!(rows.encoding_used(), "gb18030");
            assert_eq!(rows.headers()[2], "罚款金额(万元)");
            let all = read_all(rows.as_mut());
            assert_eq!(all[0], (2, cells(&["某某公司", "2019-10-23", "0.2"])));
        }
    }

    #[test]
    fn auto_detection_picks_gb18030_for_gbk_bytes() {
        let dir = tempfile::tempdir().unwrap();
        let (bytes, _, _) = encoding_rs::GBK.encode("名称,类别\n张三,自然人\n");
        assert!(std::str::from_utf8(&bytes).is_err());
        let source = write(&dir, "gbk.txt", &bytes);
        let format = InputFormat::detect(&source).unwrap();
        let mut rows = open(&source, format, Encoding::Auto, None).unwrap();
        assert_eq!(rows.encoding_used(), "gb18030");
        assert_eq!(rows.headers(), cells(&["名称", "类别"]));
        assert_eq!(
            read_all(rows.as_mut()),
            vec![(2, cells(&["张三", "自然人"]))]
        );
    }

    #[test]
    fn gbk_read_as_utf8_names_the_row_and_the_fix() {
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = b"name,kind\nabc,1\n".to_vec();
        bytes.extend_from_slice(&encoding_rs::GBK.encode("张三,自然人\n").0);
        bytes.extend_from_slice(b"def,2\n");
        let source = write(&dir, "late.csv", &bytes);
        let mut rows = open(&source, InputFormat::Csv, Encoding::Utf8, None).unwrap();
        let mut row = Row::new();
        assert!(rows.next_row(&mut row).unwrap());
        let err = rows.next_row(&mut row).unwrap_err();
        assert!(err.is_row_level());
        let text = err.to_string();
        assert!(text.contains("late.csv, row 3: not valid UTF-8"), "{text}");
        assert!(text.contains("--encoding gb18030"), "{text}");
        assert!(rows.next_row(&mut row).unwrap());
        assert_eq!((row.number, row.get(0)), (4, "def"));
    }

    #[test]
    fn a_character_split_by_a_delimiter_is_not_utf8() {
        // "中" is E4 B8 AD: cut in two by a comma, neither cell is UTF-8,
        // though the cells' bytes put together would be.
        let dir = tempfile::tempdir().unwrap();
        let source = write(&dir, "split.csv", b"a,b\n\xe4\xb8,\xad\nok,\xe4\xb8\xad\n");
        let mut rows = open(&source, InputFormat::Csv, Encoding::Utf8, None).unwrap();
        let mut row = Row::new();
        let err = rows.next_row(&mut row).unwrap_err();
        assert!(
            err.to_string()
                .contains("split.csv, row 2: not valid UTF-8"),
            "{err}"
        );
        assert!(rows.next_row(&mut row).unwrap());
        assert_eq!(
            (row.number, row.get(0), row.get(1), row.get(2)),
            (3, "ok", "中", "")
        );
    }

    #[test]
    fn invalid_utf8_after_the_sniffed_megabyte() {
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = b"name,kind\n".to_vec();
        let filler = "某某有限公司,法人及非法人组织\n";
        let lines = (SNIFF_BYTES as usize) / filler.len() + 10;
        for _ in 0..lines {
            bytes.extend_from_slice(filler.as_bytes());
        }
        bytes.extend_from_slice(&encoding_rs::GBK.encode("张三,自然人\n").0);
        let source = write(&dir, "big.csv", &bytes);
        let mut rows = open(&source, InputFormat::Csv, Encoding::Auto, None).unwrap();
        assert_eq!(rows.encoding_used(), "utf-8");
        let mut row = Row::new();
        let mut n = 0;
        let err = loop {
            match rows.next_row(&mut row) {
                Ok(true) => n += 1,
                Ok(false) => panic!("no error"),
                Err(e) => break e,
            }
        };
        assert_eq!(n, lines);
        let want = format!("row {}: not valid UTF-8 (the first 1 MiB", lines + 2);
        assert!(err.to_string().contains(&want), "{err}");
    }

    #[test]
    fn truncated_sequence_at_the_sniff_boundary_is_still_utf8() {
        let text = "某".repeat(10);
        let cut = &text.as_bytes()[..4];
        assert!(looks_utf8(cut, false));
        assert!(!looks_utf8(cut, true));
        assert!(!looks_utf8(&encoding_rs::GBK.encode("张三").0, false));
    }

    #[test]
    fn quoted_multiline_cells_keep_row_numbers_right() {
        let dir = tempfile::tempdir().unwrap();
        let text = "a,b\n1,\"line one\nline two\nline three\"\n2,x\n,\n\n3,y\n";
        let source = write(&dir, "m.csv", text.as_bytes());
        let mut rows = open(&source, InputFormat::Csv, Encoding::Auto, None).unwrap();
        assert_eq!(
            read_all(rows.as_mut()),
            vec![
                (2, cells(&["1", "line one\nline two\nline three"])),
                (5, cells(&["2", "x"])),
                (8, cells(&["3", "y"])),
            ]
        );
    }

    #[test]
    fn crlf_endings_and_blank_lines_keep_row_numbers_right() {
        let dir = tempfile::tempdir().unwrap();
        let text = "\r\na,b\r\n1,x\r\n\r\n\r\n2,\"p\r\nq\"\r\n3,y\r4,z\n\n5,w";
        let source = write(&dir, "crlf.csv", text.as_bytes());
        let mut rows = open(&source, InputFormat::Csv, Encoding::Auto, None).unwrap();
        assert_eq!(rows.headers(), cells(&["a", "b"]));
        let numbers: Vec<u64> = read_all(rows.as_mut()).iter().map(|r| r.0).collect();
        assert_eq!(numbers, [3, 6, 8, 9, 11]);
    }

    #[test]
    fn line_index_across_read_boundaries() {
        // One byte per read, so every run and CR/LF pair straddles a boundary.
        struct Trickle<'a>(&'a [u8]);
        impl Read for Trickle<'_> {
            fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
                let Some((&first, rest)) = self.0.split_first() else {
                    return Ok(0);
                };
                buf[0] = first;
                self.0 = rest;
                Ok(1)
            }
        }
        let text = "a,b\r\n\r\n1,\"x\n\ny\"\r\n".repeat(40);
        let mut reader = csv::ReaderBuilder::new()
            .has_headers(false)
            .from_reader(LineIndex::new(Trickle(text.as_bytes()), b','));
        let mut record = csv::StringRecord::new();
        let mut lines = Vec::new();
        while reader.read_record(&mut record).unwrap() {
            let start = record.position().unwrap().byte();
            lines.push(reader.get_mut().line_at(start));
        }
        let want: Vec<u64> = (0..40).flat_map(|i| [1 + 5 * i, 3 + 5 * i]).collect();
        assert_eq!(lines, want);
    }

    #[test]
    fn ragged_rows_and_tab_separated_text() {
        let dir = tempfile::tempdir().unwrap();
        let source = write(&dir, "t.txt", "a\tb\tc\n1\t2\n3\t4\t5\t6\n".as_bytes());
        let mut rows = open(&source, InputFormat::Csv, Encoding::Auto, None).unwrap();
        assert_eq!(rows.headers(), cells(&["a", "b", "c"]));
        let mut row = Row::new();
        assert!(rows.next_row(&mut row).unwrap());
        assert_eq!(
            (row.len(), row.get(1), row.get(2), row.get(9)),
            (2, "2", "", "")
        );
        assert!(rows.next_row(&mut row).unwrap());
        assert_eq!(row.len(), 4);
    }

    #[test]
    fn workbooks_and_binary_files_named_as_text() {
        let dir = tempfile::tempdir().unwrap();
        let xlsx = std::fs::read(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/examples/data/licenses.xlsx"
        ))
        .unwrap();
        let message = |name: &str, bytes: &[u8], format| {
            let source = write(&dir, name, bytes);
            let err = open(&source, format, Encoding::Auto, None).err().unwrap();
            let file = source.to_string();
            err.to_string().strip_prefix(&file).unwrap().to_string()
        };
        for format in [InputFormat::Csv, InputFormat::Jsonl] {
            assert_eq!(
                message("l.csv", &xlsx, format),
                " is an xlsx workbook, not text; pass --input-format xlsx"
            );
            assert_eq!(
                message("o.csv", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1\x00\x00", format),
                " is an Excel 97-2003 workbook (.xls), not text; pass --input-format xlsx"
            );
            assert_eq!(
                message("b.csv", b"\x7fELF\x02\x01\x01\x00\x00,a\n", format),
                " is not text: byte 8 is a NUL; is it the file you meant?"
            );
        }
    }

    #[test]
    fn empty_and_utf16_files() {
        let dir = tempfile::tempdir().unwrap();
        let source = write(&dir, "e.csv", b"\n,,\n");
        let err = open(&source, InputFormat::Csv, Encoding::Auto, None)
            .err()
            .unwrap();
        assert!(
            err.to_string()
                .ends_with("e.csv has no header row: the file is empty")
        );
        let source = write(&dir, "u.txt", b"\xff\xfea\x00,\x00b\x00");
        let err = open(&source, InputFormat::Csv, Encoding::Auto, None)
            .err()
            .unwrap();
        assert!(matches!(err, ReadError::Utf16 { .. }), "{err}");
        let missing = Source::Path(dir.path().join("nope.csv"));
        let err = open(&missing, InputFormat::Csv, Encoding::Auto, None)
            .err()
            .unwrap();
        assert!(err.to_string().starts_with("cannot open "), "{err}");
    }

    fn workbook(dir: &tempfile::TempDir) -> Source {
        use rust_xlsxwriter::{ExcelDateTime, Format, Workbook};
        let path = dir.path().join("book.xlsx");
        let mut book = Workbook::new();
        let date = Format::new().set_num_format("yyyy-mm-dd");
        let stamp = Format::new().set_num_format("yyyy-mm-dd hh:mm:ss");

        let first = book.add_worksheet().set_name("说明").unwrap();
        first.write_string(0, 0, "本表填报说明").unwrap();

        let sheet = book.add_worksheet().set_name("行政处罚").unwrap();
        // Header on row 3 (index 2), data from column B, as templates do.
        for (c, h) in [
            "行政相对人名称",
            "行政相对人代码_2",
            "处罚决定日期",
            "罚款金额",
            "时间",
            "是否",
        ]
        .iter()
        .enumerate()
        {
            sheet.write_string(2, c as u16 + 1, *h).unwrap();
        }
        sheet.write_string(3, 1, "某某公司").unwrap();
        sheet.write_number(3, 2, 110_108_000_000_016.0).unwrap();
        let when = ExcelDateTime::from_ymd(2019, 10, 23).unwrap();
        sheet
            .write_datetime_with_format(3, 3, &when, &date)
            .unwrap();
        sheet.write_number(3, 4, 0.2).unwrap();
        let at = ExcelDateTime::parse_from_str("2019-10-23 14:30:00").unwrap();
        sheet.write_datetime_with_format(3, 5, &at, &stamp).unwrap();
        sheet.write_boolean(3, 6, true).unwrap();
        // Row 5 left blank on purpose; row 6 holds text where numbers might be.
        sheet.write_string(5, 1, "另一公司").unwrap();
        sheet.write_string(5, 2, "110108000000016").unwrap();
        sheet.write_string(5, 3, "2019/1/5").unwrap();
        sheet.write_number(5, 4, 12.0).unwrap();
        book.save(&path).unwrap();
        Source::Path(path)
    }

    #[test]
    fn xlsx_cells_become_text() {
        let dir = tempfile::tempdir().unwrap();
        let source = workbook(&dir);
        assert_eq!(InputFormat::detect(&source).unwrap(), InputFormat::Xlsx);
        let mut rows = open(&source, InputFormat::Xlsx, Encoding::Auto, Some("行政处罚")).unwrap();
        assert_eq!(rows.encoding_used(), "xlsx");
        assert_eq!(
            rows.headers(),
            cells(&[
                "行政相对人名称",
                "行政相对人代码_2",
                "处罚决定日期",
                "罚款金额",
                "时间",
                "是否"
            ])
        );
        assert_eq!(
            read_all(rows.as_mut()),
            vec![
                (
                    4,
                    cells(&[
                        "某某公司",
                        "110108000000016",
                        "2019-10-23",
                        "0.2",
                        "2019-10-23 14:30:00",
                        "true"
                    ])
                ),
                (
                    6,
                    cells(&["另一公司", "110108000000016", "2019/1/5", "12", "", ""])
                ),
            ]
        );
    }

    #[test]
    fn xlsx_sheet_selection() {
        let dir = tempfile::tempdir().unwrap();
        let source = workbook(&dir);
        let rows = open(&source, InputFormat::Xlsx, Encoding::Auto, None).unwrap();
        assert_eq!(rows.headers(), cells(&["本表填报说明"]));
        let err = open(&source, InputFormat::Xlsx, Encoding::Auto, Some("Sheet1"))
            .err()
            .unwrap();
        assert!(
            err.to_string().ends_with(
                "book.xlsx has no sheet named \"Sheet1\"; its sheets are: 说明, 行政处罚"
            ),
            "{err}"
        );
        let csv = write(&dir, "a.csv", CSV.as_bytes());
        let err = open(&csv, InputFormat::Csv, Encoding::Auto, Some("x"))
            .err()
            .unwrap();
        assert!(matches!(
            err,
            ReadError::SheetNotApplicable { format: "csv" }
        ));
    }

    #[test]
    fn an_empty_sheet_says_which() {
        use rust_xlsxwriter::Workbook;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("empty.xlsx");
        let mut book = Workbook::new();
        book.add_worksheet().set_name("空表").unwrap();
        book.save(&path).unwrap();
        let err = open(&Source::Path(path), InputFormat::Xlsx, Encoding::Auto, None)
            .err()
            .unwrap();
        assert!(
            err.to_string()
                .contains("sheet \"空表\", has no header row"),
            "{err}"
        );
    }

    #[test]
    fn xlsx_error_cells_name_the_cell() {
        use rust_xlsxwriter::{Formula, Workbook};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("err.xlsx");
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "a").unwrap();
        sheet.write_string(0, 1, "b").unwrap();
        sheet.write_string(1, 0, "x").unwrap();
        sheet
            .write_formula(1, 1, Formula::new("=1/0").set_result("#DIV/0!"))
            .unwrap();
        sheet.write_string(2, 0, "y").unwrap();
        book.save(&path).unwrap();
        let mut rows = open(&Source::Path(path), InputFormat::Xlsx, Encoding::Auto, None).unwrap();
        let mut row = Row::new();
        let err = rows.next_row(&mut row).unwrap_err();
        assert!(err.is_row_level());
        assert!(
            err.to_string().contains("cell B2: holds the error #DIV/0!"),
            "{err}"
        );
        assert!(rows.next_row(&mut row).unwrap());
        assert_eq!((row.number, row.get(0)), (3, "y"));
    }

    #[test]
    fn not_a_workbook() {
        let dir = tempfile::tempdir().unwrap();
        let source = write(&dir, "fake.xls", b"<html><table></table></html>");
        let err = open(&source, InputFormat::Xlsx, Encoding::Auto, None)
            .err()
            .unwrap();
        assert!(err.to_string().contains("try --input-format csv"), "{err}");
    }

    #[test]
    fn json_lines() {
        let dir = tempfile::tempdir().unwrap();
        let text = "{\"CF_XDR_MC\":\"某某公司\",\"CF_NR_FK\":0.2,\"CF_XDR_GSZC\":110108000000016,\"BZ\":null}\n\
                    \n\
                    {\"BZ\":\"补录\",\"CF_XDR_MC\":\"另一公司\",\"CF_NR_FK\":12}\n\
                    {\"CF_XDR_MC\":\"第三\",\"extra\":1}\n\
                    {\"CF_XDR_MC\":\"第四\",\"CF_NR_FK\":true}\n";
        let source = write(&dir, "r.jsonl", text.as_bytes());
        let mut rows = open(&source, InputFormat::Jsonl, Encoding::Auto, None).unwrap();
        assert_eq!(rows.encoding_used(), "jsonl");
        assert_eq!(
            rows.headers(),
            cells(&["CF_XDR_MC", "CF_NR_FK", "CF_XDR_GSZC", "BZ"])
        );
        let mut row = Row::new();
        assert!(rows.next_row(&mut row).unwrap());
        assert_eq!(row.number, 1);
        assert_eq!(
            row.cells().collect::<Vec<_>>(),
            ["某某公司", "0.2", "110108000000016", ""]
        );
        assert!(rows.next_row(&mut row).unwrap());
        assert_eq!(row.number, 3);
        assert_eq!(
            row.cells().collect::<Vec<_>>(),
            ["另一公司", "12", "", "补录"]
        );
        let err = rows.next_row(&mut row).unwrap_err();
        assert!(err.is_row_level());
        assert!(
            err.to_string().ends_with(
                "r.jsonl, line 4: key \"extra\" is not among the first line's keys; \
                 every line must use the keys of the first"
            ),
            "{err}"
        );
        assert!(rows.next_row(&mut row).unwrap());
        assert_eq!((row.number, row.get(1)), (5, "true"));
        assert!(!rows.next_row(&mut row).unwrap());
    }

    #[test]
    fn json_lines_in_gbk_name_the_line_and_carry_on() {
        let dir = tempfile::tempdir().unwrap();
        let mut bytes = b"{\"a\":\"x\"}\n".to_vec();
        bytes.extend_from_slice(&encoding_rs::GBK.encode("{\"a\":\"张三\"}\n").0);
        bytes.extend_from_slice(b"{\"a\":\"y\"}\n");
        let source = write(&dir, "g.jsonl", &bytes);
        let mut rows = open(&source, InputFormat::Jsonl, Encoding::Utf8, None).unwrap();
        let mut row = Row::new();
        assert!(rows.next_row(&mut row).unwrap());
        let err = rows.next_row(&mut row).unwrap_err();
        assert!(err.is_row_level());
        assert!(err.to_string().contains("line 2: not valid UTF-8"), "{err}");
        assert!(err.to_string().contains("--encoding gb18030"), "{err}");
        assert!(rows.next_row(&mut row).unwrap());
        assert_eq!((row.number, row.get(0)), (3, "y"));

        let mut rows = open(&source, InputFormat::Jsonl, Encoding::Auto, None).unwrap();
        let all = read_all(rows.as_mut());
        assert_eq!(all[1], (2, cells(&["张三"])));
    }

    #[test]
    fn json_mistakes() {
        let dir = tempfile::tempdir().unwrap();
        let source = write(&dir, "a.json", b"[{\"a\":1}]\n");
        let err = open(&source, InputFormat::Jsonl, Encoding::Auto, None)
            .err()
            .unwrap();
        assert!(err.to_string().contains("one JSON array"), "{err}");

        let source = write(&dir, "b.jsonl", b"{\"a\":1}\n{\"a\":\n{\"a\":[1]}\n");
        let mut rows = open(&source, InputFormat::Jsonl, Encoding::Auto, None).unwrap();
        let mut row = Row::new();
        assert!(rows.next_row(&mut row).unwrap());
        let err = rows.next_row(&mut row).unwrap_err();
        assert!(err.to_string().contains("line 2: not valid JSON"), "{err}");
        let err = rows.next_row(&mut row).unwrap_err();
        assert!(
            err.to_string()
                .contains("line 3: the value of \"a\" is a list"),
            "{err}"
        );
        assert!(!rows.next_row(&mut row).unwrap());
    }

    #[test]
    fn formats_and_encodings_by_name() {
        let p = |s: &str| InputFormat::from_extension(Path::new(s));
        assert_eq!(p("a.CSV"), Some(InputFormat::Csv));
        assert_eq!(p("a.txt"), Some(InputFormat::Csv));
        assert_eq!(p("a.xlsm"), Some(InputFormat::Xlsx));
        assert_eq!(p("a.xls"), Some(InputFormat::Xlsx));
        assert_eq!(p("a.ndjson"), Some(InputFormat::Jsonl));
        assert_eq!(p("a.json"), Some(InputFormat::Jsonl));
        assert_eq!(p("a.doc"), None);
        assert_eq!(p("a"), None);
        let detect = |s: &str| InputFormat::detect(&Source::from_arg(s));
        assert_eq!(detect("-").unwrap(), InputFormat::Csv);
        let dir = tempfile::tempdir().unwrap();
        let Source::Path(doc) = write(&dir, "a.doc", b"x") else {
            unreachable!()
        };
        let err = detect(doc.to_str().unwrap()).unwrap_err().to_string();
        assert!(
            err.contains("pass --input-format csv, xlsx or jsonl"),
            "{err}"
        );
        // Whatever the name, a missing file or a directory says what it is.
        let missing = dir.path().join("a.csv");
        let err = detect(missing.to_str().unwrap()).unwrap_err();
        assert!(matches!(err, ReadError::Open { .. }), "{err}");
        let err = detect(dir.path().to_str().unwrap()).unwrap_err();
        assert!(
            err.to_string()
                .ends_with("is a directory; name the file in it to read"),
            "{err}"
        );
        assert_eq!("GBK".parse::<Encoding>(), Ok(Encoding::Gb18030));
        assert_eq!("utf8".parse::<Encoding>(), Ok(Encoding::Utf8));
        assert!("latin1".parse::<Encoding>().is_err());
        assert_eq!("xlsx".parse::<InputFormat>(), Ok(InputFormat::Xlsx));
        assert_eq!(Source::from_arg("-").to_string(), "standard input");
    }
}
