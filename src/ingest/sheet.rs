//! Worksheets, read row by row as their cells stream out of the workbook.
//!
//! calamine's cell reader borrows the workbook it reads, so both live on a
//! thread of their own. That thread turns cells into rows and hands them
//! over in batches through a bounded channel: a sheet of a million rows
//! takes no more memory than one of a thousand. What stays whole in memory
//! is an xlsx workbook's shared-strings table (cells refer to it by number),
//! and an .xls, .xlsb or .ods sheet, which calamine reads only whole.
//!
//! The header is the first row with a value; columns start at its first
//! value, and cells left of that have no header to name them.

use std::fmt::Write as _;
use std::fs::File;
use std::io::{self, BufWriter, Read, Seek, SeekFrom};
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, SyncSender, sync_channel};

use calamine::{Data, DataRef, Reader as _, Sheets, XlsxError};

use super::reader::{Cache, Digest, ReadError, Row, RowSource, Source, open_raw};

/// Rows handed over at a time, and batches on their way at most.
const BATCH: usize = 256;
const BATCHES_IN_FLIGHT: usize = 4;

/// What the sheet's thread sends, in this order: the header (or why there
/// is none), batches of rows, then the end (or why reading stopped).
enum Message {
    Headers(Vec<String>),
    Rows(Vec<Result<Row, ReadError>>),
    Failed(ReadError),
    End,
}

/// A worksheet being read on its own thread.
pub(super) struct SheetRows {
    headers: Vec<String>,
    incoming: Receiver<Message>,
    batch: std::vec::IntoIter<Result<Row, ReadError>>,
    done: bool,
    file: String,
    digest: Digest,
}

impl SheetRows {
    /// Opens the sheet named `sheet` (the first one if `None`) and reads its header.
    pub(super) fn open(source: &Source, sheet: Option<&str>) -> Result<SheetRows, ReadError> {
        let file = source.to_string();
        let digest = Digest::default();
        let io_error = |source| ReadError::Io {
            file: file.clone(),
            source,
        };
        // Read once for the digest (and the same "cannot open" message as
        // text files).
        // calamine reads the file again: its pages are kept.
        let mut raw = open_raw(source, &digest, Cache::Keep)?;
        let workbook = match source {
            Source::Path(path) => {
                // calamine then opens the file itself.
                io::copy(&mut raw, &mut io::sink()).map_err(io_error)?;
                Workbook::Path(path.clone())
            }
            Source::Stdin => {
                // calamine needs to seek, which a pipe cannot; held in
                // memory, the workbook would make memory grow with it.
                let spooled = Spooled::copy(&mut raw).map_err(|e| {
                    io_error(io::Error::new(
                        e.kind(),
                        format!(
                            "cannot copy it to a temporary file in {} ({e}); \
                             set TMPDIR to a writable directory with room for it",
                            std::env::temp_dir().display()
                        ),
                    ))
                })?;
                Workbook::Spooled(spooled)
            }
        };
        let (send, incoming) = sync_channel(BATCHES_IN_FLIGHT);
        let wanted = sheet.map(str::to_string);
        let name = file.clone();
        std::thread::Builder::new()
            .name("credit-sheet".into())
            .spawn(move || {
                if let Err(Halt::Failed(err)) = workbook.read(wanted.as_deref(), &name, &send) {
                    // The reader may be gone already; then nobody is waiting.
                    let _ = send.send(Message::Failed(err));
                }
            })
            .map_err(io_error)?;
        let mut rows = SheetRows {
            headers: Vec::new(),
            incoming,
            batch: Vec::new().into_iter(),
            done: false,
            file,
            digest,
        };
        match rows.incoming.recv() {
            Ok(Message::Headers(headers)) => rows.headers = headers,
            Ok(Message::Failed(err)) => return Err(err),
            _ => return Err(rows.stopped()),
        }
        Ok(rows)
    }

    fn stopped(&self) -> ReadError {
        ReadError::Workbook {
            file: self.file.clone(),
            message: "reading the sheet stopped unexpectedly".into(),
        }
    }
}

impl RowSource for SheetRows {
    fn headers(&self) -> &[String] {
        &self.headers
    }

    fn next_row(&mut self, row: &mut Row) -> Result<bool, ReadError> {
        loop {
            if let Some(next) = self.batch.next() {
                *row = next?;
                return Ok(true);
            }
            if self.done {
                return Ok(false);
            }
            match self.incoming.recv() {
                Ok(Message::Rows(rows)) => self.batch = rows.into_iter(),
                Ok(Message::End) => self.done = true,
                Ok(Message::Failed(err)) => {
                    self.done = true;
                    return Err(err);
                }
                Ok(Message::Headers(_)) | Err(_) => {
                    self.done = true;
                    return Err(self.stopped());
                }
            }
        }
    }

    fn encoding_used(&self) -> &'static str {
        "xlsx"
    }

    fn sha256(&self) -> String {
        self.digest.hex()
    }
}

/// Why the sheet's thread stopped early.
enum Halt {
    Failed(ReadError),
    /// The rows are no longer wanted.
    Gone,
}

impl From<ReadError> for Halt {
    fn from(err: ReadError) -> Halt {
        Halt::Failed(err)
    }
}

/// The workbook, moved to the thread that reads it.
enum Workbook {
    Path(PathBuf),
    /// Standard input, copied to a temporary file.
    Spooled(Spooled),
}

/// A copy of a stream in an unnamed temporary file, which the system
/// removes once it is closed, however the process ends. Clones (calamine
/// clones its reader to try one format after another) read at positions of
/// their own.
#[derive(Clone)]
struct Spooled {
    file: Arc<File>,
    len: u64,
    at: u64,
}

impl Spooled {
    /// Copies `input` to a temporary file.
    fn copy(input: &mut dyn Read) -> io::Result<Spooled> {
        let mut file = BufWriter::with_capacity(64 * 1024, tempfile::tempfile()?);
        let len = io::copy(input, &mut file)?;
        let file = file.into_inner().map_err(|e| e.into_error())?;
        Ok(Spooled {
            file: Arc::new(file),
            len,
            at: 0,
        })
    }
}

impl Read for Spooled {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = read_at(&self.file, buf, self.at)?;
        self.at += n as u64;
        Ok(n)
    }
}

impl Seek for Spooled {
    fn seek(&mut self, to: SeekFrom) -> io::Result<u64> {
        let at = match to {
            SeekFrom::Start(at) => Some(at),
            SeekFrom::End(by) => self.len.checked_add_signed(by),
            SeekFrom::Current(by) => self.at.checked_add_signed(by),
        };
        self.at =
            at.ok_or_else(|| io::Error::new(io::ErrorKind::InvalidInput, "seek before the start"))?;
        Ok(self.at)
    }
}

#[cfg(unix)]
fn read_at(file: &File, buf: &mut [u8], at: u64) -> io::Result<usize> {
    std::os::unix::fs::FileExt::read_at(file, buf, at)
}

#[cfg(windows)]
fn read_at(file: &File, buf: &mut [u8], at: u64) -> io::Result<usize> {
    std::os::windows::fs::FileExt::seek_read(file, buf, at)
}

impl Workbook {
    fn read(self, wanted: Option<&str>, file: &str, out: &SyncSender<Message>) -> Result<(), Halt> {
        match self {
            Workbook::Path(path) => {
                let workbook = calamine::open_workbook_auto(path).map_err(|e| broken(file, &e))?;
                read_sheet(workbook, wanted, file, out)
            }
            Workbook::Spooled(spooled) => {
                let workbook =
                    calamine::open_workbook_auto_from_rs(spooled).map_err(|e| broken(file, &e))?;
                read_sheet(workbook, wanted, file, out)
            }
        }
    }
}

fn read_sheet<RS: Read + Seek>(
    mut workbook: Sheets<RS>,
    wanted: Option<&str>,
    file: &str,
    out: &SyncSender<Message>,
) -> Result<(), Halt> {
    let name = choose_sheet(&workbook.sheet_names(), wanted, file)?;
    let mut rows = Assembler::new(file, &name, out);
    match &mut workbook {
        Sheets::Xlsx(xlsx) => match xlsx.worksheet_cells_reader(&name) {
            Ok(mut cells) => {
                while let Some(cell) = cells.next_cell().map_err(|e| broken(file, &e))? {
                    let (r, c) = cell.get_position();
                    rows.cell(r, c, cell.get_value())?;
                }
            }
            // A chart sheet: no cells.
            Err(XlsxError::NotAWorksheet(_)) => {}
            Err(e) => return Err(broken(file, &e).into()),
        },
        other => {
            let range = other.worksheet_range(&name).map_err(|e| broken(file, &e))?;
            let (top, left) = range.start().unwrap_or((0, 0));
            for (r, c, data) in range.used_cells() {
                rows.cell(top + r as u32, left + c as u32, &data_ref(data))?;
            }
        }
    }
    rows.finish()
}

/// calamine could not read the workbook.
fn broken(file: &str, e: &dyn std::fmt::Display) -> ReadError {
    ReadError::Workbook {
        file: file.to_string(),
        message: e.to_string(),
    }
}

/// The sheet called `wanted` (ignoring surrounding spaces if nothing
/// matches exactly), or the first.
fn choose_sheet(names: &[String], wanted: Option<&str>, file: &str) -> Result<String, ReadError> {
    match wanted {
        Some(wanted) => names
            .iter()
            .find(|n| n.as_str() == wanted)
            .or_else(|| names.iter().find(|n| n.trim() == wanted.trim()))
            .cloned()
            .ok_or_else(|| ReadError::NoSuchSheet {
                file: file.to_string(),
                sheet: wanted.to_string(),
                available: names.to_vec(),
            }),
        None => names.first().cloned().ok_or_else(|| ReadError::NoSheets {
            file: file.to_string(),
        }),
    }
}

fn data_ref(data: &Data) -> DataRef<'_> {
    match data {
        Data::Int(i) => DataRef::Int(*i),
        Data::Float(f) => DataRef::Float(*f),
        Data::String(s) => DataRef::SharedString(s),
        Data::Bool(b) => DataRef::Bool(*b),
        Data::DateTime(dt) => DataRef::DateTime(*dt),
        Data::DateTimeIso(s) => DataRef::DateTimeIso(s.clone()),
        Data::DurationIso(s) => DataRef::DurationIso(s.clone()),
        Data::Error(e) => DataRef::Error(e.clone()),
        Data::Empty => DataRef::Empty,
    }
}

/// Turns cells, in sheet order, into the header and then numbered rows.
struct Assembler<'a> {
    file: &'a str,
    sheet: &'a str,
    out: &'a SyncSender<Message>,
    /// The header's width, once its row has ended.
    width: Option<usize>,
    /// The first column, set by the header's first value.
    left: u32,
    /// The row being filled (index from 0), if any.
    current: Option<u32>,
    row: Row,
    /// The first error cell of the current row.
    error: Option<ReadError>,
    batch: Vec<Result<Row, ReadError>>,
    text: String,
}

impl<'a> Assembler<'a> {
    fn new(file: &'a str, sheet: &'a str, out: &'a SyncSender<Message>) -> Assembler<'a> {
        Assembler {
            file,
            sheet,
            out,
            width: None,
            left: 0,
            current: None,
            row: Row::new(),
            error: None,
            batch: Vec::with_capacity(BATCH),
            text: String::new(),
        }
    }

    fn cell(&mut self, r: u32, c: u32, value: &DataRef<'_>) -> Result<(), Halt> {
        if matches!(value, DataRef::Empty) {
            return Ok(());
        }
        if self.current.is_some_and(|current| current != r) {
            self.end_row()?;
        }
        if self.current.is_none() {
            if self.width.is_none() {
                self.left = c;
            }
            self.current = Some(r);
            self.row.start(u64::from(r) + 1);
        }
        if c < self.left || self.error.is_some() {
            return Ok(());
        }
        let col = (c - self.left) as usize;
        while self.row.len() < col {
            self.row.push("");
        }
        self.text.clear();
        if let Err(value) = cell_text(&mut self.text, value) {
            self.error = Some(ReadError::CellError {
                file: self.file.to_string(),
                sheet: self.sheet.to_string(),
                cell: format!("{}{}", column_letters(c as usize), u64::from(r) + 1),
                row: u64::from(r) + 1,
                value,
            });
            return Ok(());
        }
        self.row.push(&self.text);
        Ok(())
    }

    fn end_row(&mut self) -> Result<(), Halt> {
        self.current = None;
        let row = std::mem::take(&mut self.row);
        match (self.width, self.error.take()) {
            // An error cell in the header stops the import.
            (None, Some(err)) => return Err(err.into()),
            (None, None) => {
                self.width = Some(row.len());
                let headers = row.cells().map(str::to_string).collect();
                return self.send(Message::Headers(headers));
            }
            (Some(_), Some(err)) => self.batch.push(Err(err)),
            (Some(_), None) if row.is_blank() => {}
            (Some(width), None) => {
                let mut row = row;
                while row.len() < width {
                    row.push("");
                }
                self.batch.push(Ok(row));
            }
        }
        if self.batch.len() >= BATCH {
            let rows = std::mem::replace(&mut self.batch, Vec::with_capacity(BATCH));
            self.send(Message::Rows(rows))?;
        }
        Ok(())
    }

    fn finish(mut self) -> Result<(), Halt> {
        if self.current.is_some() {
            self.end_row()?;
        }
        if self.width.is_none() {
            return Err(ReadError::EmptySheet {
                file: self.file.to_string(),
                sheet: self.sheet.to_string(),
            }
            .into());
        }
        let rows = std::mem::take(&mut self.batch);
        if !rows.is_empty() {
            self.send(Message::Rows(rows))?;
        }
        self.send(Message::End)
    }

    fn send(&self, message: Message) -> Result<(), Halt> {
        self.out.send(message).map_err(|_| Halt::Gone)
    }
}

/// A cell's value as text, or the error it holds.
fn cell_text(out: &mut String, value: &DataRef<'_>) -> Result<(), String> {
    match value {
        DataRef::Empty => {}
        DataRef::SharedString(s) => out.push_str(s),
        DataRef::String(s) | DataRef::DateTimeIso(s) | DataRef::DurationIso(s) => out.push_str(s),
        DataRef::Int(i) => write!(out, "{i}").expect("writing to a String"),
        DataRef::Float(f) => write_float(out, *f),
        DataRef::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
        DataRef::DateTime(dt) if dt.is_datetime() => {
            let (y, mo, d, h, mi, s, _) = dt.to_ymd_hms_milli();
            write!(out, "{y:04}-{mo:02}-{d:02}").expect("writing to a String");
            if (h, mi, s) != (0, 0, 0) {
                write!(out, " {h:02}:{mi:02}:{s:02}").expect("writing to a String");
            }
        }
        DataRef::DateTime(dt) => write_float(out, dt.as_f64()),
        DataRef::Error(e) => return Err(e.to_string()),
    }
    Ok(())
}

/// Shortest text that reads back as the same number; integral values have
/// no `.0`, so a 15-digit registration number typed as a number survives.
fn write_float(out: &mut String, f: f64) {
    let f = if f == 0.0 { 0.0 } else { f };
    write!(out, "{f}").expect("writing to a String");
}

/// `0` → `A`, `25` → `Z`, `26` → `AA`.
fn column_letters(mut col: usize) -> String {
    let mut letters = Vec::new();
    loop {
        letters.push(b'A' + (col % 26) as u8);
        if col < 26 {
            break;
        }
        col = col / 26 - 1;
    }
    letters.reverse();
    String::from_utf8(letters).expect("ASCII letters")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::reader::Hashing;

    #[test]
    fn a_spooled_copy_reads_and_seeks_like_the_bytes_it_holds() {
        let bytes: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let digest = Digest::default();
        let mut a = Spooled::copy(&mut Hashing::new(bytes.as_slice(), &digest)).unwrap();
        let mut whole = Vec::new();
        a.read_to_end(&mut whole).unwrap();
        assert_eq!(whole, bytes);

        // Each clone keeps its own position.
        let mut b = a.clone();
        assert_eq!(b.seek(SeekFrom::Start(10)).unwrap(), 10);
        assert_eq!(a.seek(SeekFrom::End(-5)).unwrap(), 199_995);
        let mut two = [0; 2];
        b.read_exact(&mut two).unwrap();
        assert_eq!(two, [10, 11]);
        assert_eq!(b.seek(SeekFrom::Current(-1)).unwrap(), 11);
        let mut rest = Vec::new();
        a.read_to_end(&mut rest).unwrap();
        assert_eq!(rest, bytes[199_995..]);
        assert!(b.seek(SeekFrom::Current(-12)).is_err());

        let direct = Digest::default();
        direct.update(&bytes);
        assert_eq!(digest.hex(), direct.hex());
    }

    #[test]
    fn a_workbook_from_a_spooled_copy_reads_as_from_its_file() {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/examples/data/licenses.xlsx");
        let bytes = std::fs::read(path).unwrap();
        let spooled = Spooled::copy(&mut bytes.as_slice()).unwrap();
        let (send, incoming) = sync_channel(1000);
        Workbook::Spooled(spooled)
            .read(None, "-", &send)
            .ok()
            .unwrap();
        let (send_path, incoming_path) = sync_channel(1000);
        Workbook::Path(path.into())
            .read(None, "-", &send_path)
            .ok()
            .unwrap();
        let cells = |incoming: Receiver<Message>| {
            let mut cells = Vec::new();
            for message in incoming.try_iter() {
                match message {
                    Message::Headers(h) => cells.push(h),
                    Message::Rows(rows) => cells.extend(
                        rows.into_iter()
                            .map(|r| r.unwrap().cells().map(str::to_string).collect()),
                    ),
                    Message::Failed(e) => panic!("{e}"),
                    Message::End => cells.push(vec!["end".into()]),
                }
            }
            cells
        };
        let from_spool = cells(incoming);
        assert_eq!(from_spool.len(), 1 + 6 + 1, "{from_spool:?}");
        assert_eq!(from_spool, cells(incoming_path));
    }

    fn read_all(rows: &mut SheetRows) -> Vec<Result<(u64, Vec<String>), String>> {
        let mut row = Row::new();
        let mut out = Vec::new();
        loop {
            match rows.next_row(&mut row) {
                Ok(true) => out.push(Ok((row.number, row.cells().map(str::to_string).collect()))),
                Ok(false) => return out,
                Err(err) => out.push(Err(err.to_string())),
            }
        }
    }

    #[test]
    fn a_sheet_longer_than_a_batch_streams_every_row_in_order() {
        use rust_xlsxwriter::{Formula, Workbook};
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("long.xlsx");
        let mut book = Workbook::new();
        book.add_worksheet()
            .set_name("说明")
            .unwrap()
            .write_string(0, 0, "填报说明")
            .unwrap();
        let sheet = book.add_worksheet().set_name("数据").unwrap();
        // The header, on row 3, starts in column B.
        sheet.write_string(2, 1, "名称").unwrap();
        sheet.write_string(2, 3, "金额").unwrap();
        let rows = 3 * BATCH as u32 + 7;
        for i in 0..rows {
            let r = 3 + i;
            // A cell left of the header has no column to go to.
            sheet.write_string(r, 0, "旁注").unwrap();
            sheet.write_string(r, 1, format!("主体{i}")).unwrap();
            if i % 2 == 0 {
                sheet.write_number(r, 3, f64::from(i)).unwrap();
            }
        }
        // Past the last row: one wider than the header, one with an error.
        sheet.write_string(3 + rows, 1, "宽").unwrap();
        sheet.write_string(3 + rows, 5, "多出").unwrap();
        sheet.write_string(4 + rows, 1, "错").unwrap();
        sheet
            .write_formula(4 + rows, 3, Formula::new("=1/0").set_result("#DIV/0!"))
            .unwrap();
        book.save(&path).unwrap();

        let source = Source::Path(path);
        let mut first = SheetRows::open(&source, None).unwrap();
        assert_eq!(first.headers(), ["填报说明"]);
        assert!(read_all(&mut first).is_empty());

        let mut sheet = SheetRows::open(&source, Some("数据")).unwrap();
        assert_eq!(sheet.headers(), ["名称", "", "金额"]);
        let read = read_all(&mut sheet);
        assert_eq!(read.len(), rows as usize + 2);
        for (i, row) in read[..rows as usize].iter().enumerate() {
            let amount = if i % 2 == 0 {
                i.to_string()
            } else {
                String::new()
            };
            let expected = vec![format!("主体{i}"), String::new(), amount];
            assert_eq!(row, &Ok((4 + i as u64, expected)));
        }
        let wide = u64::from(rows) + 4;
        assert_eq!(
            read[rows as usize],
            Ok((wide, ["宽", "", "", "", "多出"].map(String::from).to_vec()))
        );
        let error = read[rows as usize + 1].as_ref().unwrap_err();
        assert!(
            error.contains(&format!(
                "sheet \"数据\", cell D{}: holds the error #DIV/0!",
                wide + 1
            )),
            "{error}"
        );
    }

    #[test]
    fn a_reader_may_stop_early() {
        use rust_xlsxwriter::Workbook;
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("stop.xlsx");
        let mut book = Workbook::new();
        let sheet = book.add_worksheet();
        sheet.write_string(0, 0, "a").unwrap();
        for r in 1..=(BATCH * (BATCHES_IN_FLIGHT + 2)) as u32 {
            sheet.write_number(r, 0, f64::from(r)).unwrap();
        }
        book.save(&path).unwrap();
        let mut rows = SheetRows::open(&Source::Path(path), None).unwrap();
        let mut row = Row::new();
        assert!(rows.next_row(&mut row).unwrap());
        assert_eq!((row.number, row.get(0)), (2, "1"));
        // The sheet's thread, blocked on a full channel, ends once its
        // rows are no longer wanted.
        drop(rows);
    }

    #[test]
    fn column_letters_run_past_z() {
        assert_eq!(column_letters(0), "A");
        assert_eq!(column_letters(25), "Z");
        assert_eq!(column_letters(26), "AA");
        assert_eq!(column_letters(27), "AB");
        assert_eq!(column_letters(701), "ZZ");
        assert_eq!(column_letters(702), "AAA");
    }

    #[test]
    fn float_text_is_shortest_and_never_ends_in_point_zero() {
        let text = |f: f64| {
            let mut s = String::new();
            write_float(&mut s, f);
            s
        };
        assert_eq!(text(110_108_000_000_016.0), "110108000000016");
        assert_eq!(text(0.2), "0.2");
        assert_eq!(text(-0.0), "0");
        assert_eq!(text(12.0), "12");
        assert_eq!(text(1.5e20), "150000000000000000000");
        // An 18-digit code typed as a number has already lost its last digits;
        // the text shows what the cell holds rather than failing.
        assert_eq!(text(913_100_001_234_567_890.0), "913100001234568000");
    }
}
