//! A second reader of the file being imported, running ahead of the import
//! and sending only the codes of the rows to come.
//!
//! Once the subjects outgrow the page cache, linking looks up the codes its
//! cache lacks a window of rows at a time, sorted as the store's index is, so
//! that each page is read once a window rather than once a row; the fewer the
//! windows, the fewer the reads. A window of rows held validated costs about
//! 2 KB a row, which keeps windows small. Read ahead by a second reader, a
//! window costs 16 bytes a code, and can span tens of thousands of rows.
//!
//! What the scout sends is a hint and nothing more: a code it missed is looked
//! up when its row is linked, one it sends needlessly is looked up for
//! nothing, and linking gives the same result either way (see
//! [`Linker::prefetch_codes`](crate::subjects::Linker::prefetch_codes)).
//! A scout that fails to read just stops sending.

use std::sync::mpsc::{Receiver, SyncSender, sync_channel};
use std::thread::Scope;

use super::reader::{ReadError, Row, RowSource};
use crate::subjects::CodeKey;

/// Room in a window for the codes of the row that fills it.
const ROOM: usize = 16;

/// Opens the file being imported again, from its first row, to read the
/// cells of the columns given (the others may come empty).
pub type Reopen<'a> = dyn Fn(&[usize]) -> Result<Box<dyn RowSource + Send>, ReadError> + Sync + 'a;

/// The codes of the rows up to `last_row`, from where the previous window ended.
#[derive(Debug)]
pub struct Window {
    pub last_row: u64,
    pub codes: Vec<CodeKey>,
}

/// The import's end of a scout.
pub struct Scout {
    /// Where to start: sent once, when the import first wants windows.
    start: Option<SyncSender<u64>>,
    windows: Receiver<Window>,
    /// Windows' buffers going back to be filled again, so that memory does
    /// not grow with the windows sent.
    spent: SyncSender<Vec<CodeKey>>,
    /// The last row of the window the import is in; 0 before the first.
    covered_to: u64,
    /// Whether the scout has stopped (end of file, or a read error).
    ended: bool,
}

impl Scout {
    /// A scout on its own thread in `scope`, idle until [`start`](Self::start):
    /// it reads the cells of `columns` anew with `reopen`, adds each row's
    /// code keys to its window with `codes`, and cuts a window every
    /// `window_codes` codes.
    pub fn spawn<'scope, 'env>(
        scope: &'scope Scope<'scope, 'env>,
        reopen: &'env Reopen<'env>,
        columns: Vec<usize>,
        codes: impl Fn(&Row, &mut Vec<CodeKey>) + Send + 'scope,
        window_codes: usize,
    ) -> Scout {
        let (start, started) = sync_channel::<u64>(1);
        // Handed over only when the import takes it: a window waits in the
        // scout, not in the channel as well.
        let (send, windows) = sync_channel::<Window>(0);
        let (spent, spare) = sync_channel::<Vec<CodeKey>>(1);
        let empty = move || {
            let mut codes = spare
                .try_recv()
                .unwrap_or_else(|_| Vec::with_capacity(window_codes + ROOM));
            codes.clear();
            Window { last_row: 0, codes }
        };
        scope.spawn(move || {
            // The import ended without wanting it.
            let Ok(from) = started.recv() else { return };
            let Ok(mut rows) = reopen(&columns) else {
                return;
            };
            let mut row = Row::new();
            let mut window = empty();
            loop {
                match rows.next_row(&mut row) {
                    Ok(true) if row.number < from => continue,
                    Ok(true) => {
                        window.last_row = row.number;
                        codes(&row, &mut window.codes);
                        if window.codes.len() < window_codes {
                            continue;
                        }
                        let full = std::mem::replace(&mut window, empty());
                        // The import has ended.
                        if send.send(full).is_err() {
                            return;
                        }
                    }
                    Ok(false) => {
                        if !window.codes.is_empty() {
                            let _ = send.send(window);
                        }
                        return;
                    }
                    // A row that cannot be read has no codes to send; the
                    // import's own reader reports it, and any other error.
                    Err(e) if e.is_row_level() => continue,
                    Err(_) => return,
                }
            }
        });
        Scout {
            start: Some(start),
            windows,
            spent,
            covered_to: 0,
            ended: false,
        }
    }

    /// Whether the scout was started and is still sending windows.
    pub fn running(&self) -> bool {
        self.start.is_none() && !self.ended
    }

    /// Starts reading at row `from`; once only.
    pub fn start(&mut self, from: u64) {
        if let Some(start) = self.start.take() {
            // A scout that has ended says so at the next window.
            let _ = start.send(from);
        }
    }

    /// Hands a window's buffer back for the scout to fill again.
    pub fn give_back(&self, window: Window) {
        // A scout that has ended, or holds spare buffers enough, drops it.
        let _ = self.spent.try_send(window.codes);
    }

    /// Whether row `number` is in the window the import is in.
    pub fn covers(&self, number: u64) -> bool {
        number <= self.covered_to
    }

    /// The next window reaching row `number` or beyond, waiting for the
    /// scout to read that far (it reads far less of each row than the
    /// import does, and is ahead but for the rows it skips when started);
    /// `None` once the scout has ended.
    pub fn next(&mut self, number: u64) -> Option<Window> {
        if !self.running() {
            return None;
        }
        loop {
            match self.windows.recv() {
                Ok(window) if window.last_row < number => continue,
                Ok(window) => {
                    self.covered_to = window.last_row;
                    return Some(window);
                }
                Err(_) => {
                    self.ended = true;
                    return None;
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::reader::{self, Encoding, InputFormat, Source};

    /// A CSV of `rows` rows whose code column holds a different
    /// organization code in each row, and a blank every fifth row.
    fn file(rows: u64) -> (tempfile::TempDir, Source) {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rows.csv");
        let mut text = String::from("name,code\n");
        for n in 0..rows {
            let code = if n % 5 == 4 {
                String::new()
            } else {
                format!("{n:09}")
            };
            text.push_str(&format!("s{n},{code}\n"));
        }
        std::fs::write(&path, text).unwrap();
        (dir, Source::Path(path))
    }

    fn codes(row: &Row, keys: &mut Vec<CodeKey>) {
        if !row.get(1).is_empty() {
            keys.extend(CodeKey::new("org_code", row.get(1)));
        }
    }

    /// Every window the scout sends from `from`, waiting for each.
    fn windows(source: &Source, from: u64, window_codes: usize) -> Vec<Window> {
        let reopen = |columns: &[usize]| {
            reader::open_again(source, InputFormat::Csv, Encoding::Auto, columns)
        };
        std::thread::scope(|scope| {
            let mut scout = Scout::spawn(scope, &reopen, vec![1], codes, window_codes);
            assert!(!scout.running());
            assert!(scout.next(from).is_none(), "not started");
            scout.start(from);
            let mut got = Vec::new();
            while let Some(window) = scout.next(from) {
                assert!(scout.covers(window.last_row));
                assert!(!scout.covers(window.last_row + 1));
                got.push(window);
            }
            assert!(!scout.running());
            got
        })
    }

    #[test]
    fn windows_carry_the_codes_of_the_rows_from_the_start_row_on() {
        let (_dir, source) = file(20);
        // Rows are numbered as in the file: the header is row 1, so data
        // row n (from 0) is row n + 2. Starting at row 7 skips rows 0 to 4.
        let got = windows(&source, 7, 4);
        let ends: Vec<u64> = got.iter().map(|w| w.last_row).collect();
        // Rows 5..20 hold 12 codes (rows 9, 14 and 19 are blank): windows of
        // 4 codes end at rows 5-9 (data 5, 6, 7, 8), 10-14, 15-19.
        assert_eq!(ends, vec![10, 15, 20]);
        let all: Vec<CodeKey> = got.into_iter().flat_map(|w| w.codes).collect();
        let expected: Vec<CodeKey> = (5..20u64)
            .filter(|n| n % 5 != 4)
            .map(|n| CodeKey::new("org_code", &format!("{n:09}")).unwrap())
            .collect();
        assert_eq!(all, expected);
    }

    #[test]
    fn a_code_that_cannot_be_read_is_passed_over() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("rows.csv");
        let mut bytes = b"name,code\ns0,000000000\n".to_vec();
        bytes.extend(b"s1,\xff\xfe\n");
        bytes.extend(b"s2,000000002\n");
        std::fs::write(&path, bytes).unwrap();
        let source = Source::Path(path);
        let reopen = |columns: &[usize]| {
            reader::open_again(&source, InputFormat::Csv, Encoding::Utf8, columns)
        };
        let got = std::thread::scope(|scope| {
            let mut scout = Scout::spawn(scope, &reopen, vec![1], codes, 100);
            scout.start(0);
            let mut got = Vec::new();
            while let Some(window) = scout.next(0) {
                got.push(window);
            }
            got
        });
        // Row 3's code is not UTF-8: it comes empty, and rows 2 and 4 are sent.
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].last_row, 4);
        assert_eq!(got[0].codes.len(), 2);
    }

    #[test]
    fn the_last_window_holds_what_is_left() {
        let (_dir, source) = file(6);
        let got = windows(&source, 0, 100);
        assert_eq!(got.len(), 1);
        assert_eq!(got[0].last_row, 7);
        assert_eq!(got[0].codes.len(), 5);
    }

    #[test]
    fn a_scout_that_cannot_read_ends_without_a_window() {
        let source = Source::Path("/no/such/file.csv".into());
        assert!(windows(&source, 0, 10).is_empty());
    }

    #[test]
    fn a_scout_never_started_ends_with_the_import() {
        let (_dir, source) = file(5);
        let reopen = |columns: &[usize]| {
            reader::open_again(&source, InputFormat::Csv, Encoding::Auto, columns)
        };
        // The scope waits for the scout's thread: it has to end by itself
        // once the import's end is dropped.
        std::thread::scope(|scope| {
            let scout = Scout::spawn(scope, &reopen, vec![1], codes, 10);
            drop(scout);
        });
    }
}
