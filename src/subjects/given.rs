//! The codes an import has given to subjects, each with its subject and the
//! hash of that subject's current name, kept in the order of the store's
//! index of codes on temporary files.
//!
//! Once an import's subjects outgrow the linker's cache, the codes of the
//! rows to come are looked up a window at a time. In the store, each look-up
//! walks the index from its root and reads the subject's name, and the pages
//! of both are read again for every window once they outgrow the page
//! cache. Here a window's codes, sorted, are found in sorted files of 33
//! bytes a code: a block is read once for all the codes that fall in it.
//! When the linker has the store's every code here too (a store that held
//! few when the import began), a code not found is in no subject, the store
//! is not read at all, and the codes can wait here to be written to the
//! store once, in order, when something reads them there.
//!
//! The codes given go to a new file every [`FRESH_LIMIT`]; a file is merged
//! with the one before it once it is as large, so that there are a few
//! files, and each code is written again only a few times.

use std::collections::HashMap;
use std::fs::File;
use std::io::{self, BufReader, BufWriter, Read, Seek, SeekFrom, Write};

use foldhash::fast::RandomState;

use super::temporary_file;

/// A code (as its place in the index's order), its subject, the hash of
/// the subject's name, and whether the code waits to be written to the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Entry {
    order: u128,
    id: i64,
    name: u64,
    unwritten: bool,
}

const ENTRY_BYTES: usize = 33;

impl Entry {
    fn write(&self, out: &mut impl Write) -> io::Result<()> {
        out.write_all(&self.order.to_le_bytes())?;
        out.write_all(&self.id.to_le_bytes())?;
        out.write_all(&self.name.to_le_bytes())?;
        out.write_all(&[u8::from(self.unwritten)])
    }

    fn read(bytes: &[u8]) -> Entry {
        let field = |at: usize, len: usize| &bytes[at..at + len];
        Entry {
            order: u128::from_le_bytes(field(0, 16).try_into().expect("16 bytes")),
            id: i64::from_le_bytes(field(16, 8).try_into().expect("8 bytes")),
            name: u64::from_le_bytes(field(24, 8).try_into().expect("8 bytes")),
            unwritten: bytes[32] != 0,
        }
    }
}

/// Codes given since the last file was written, at most this many (528 KB),
/// and as many renamed subjects: then they go to a file.
const FRESH_LIMIT: usize = 16_384;
/// Entries read at once from a file: about 16 KiB.
const BLOCK_ENTRIES: usize = 512;

/// One sorted file of codes.
struct Run {
    file: File,
    /// The first code of each block, to find the block a code would be in
    /// without reading the others.
    firsts: Vec<u128>,
    entries: usize,
    /// Whether every code in it has been written to the store since it was
    /// made, whatever its entries say.
    all_written: bool,
    /// The block last read, and which.
    block: Vec<u8>,
    block_at: Option<usize>,
    /// Where the last code looked up was, or would be: block and entry.
    cursor: (usize, usize),
}

impl Run {
    /// Starts a look-up of codes in ascending order from the first block.
    fn rewind(&mut self) {
        self.cursor = (0, 0);
    }

    /// The entry of `order`, no lower than the last looked up since
    /// [`rewind`](Self::rewind): the blocks and entries before the last
    /// one found are passed over, and a block is read only when a code
    /// falls in it, once.
    fn find(&mut self, order: u128, block_entries: usize) -> io::Result<Option<Entry>> {
        let (mut block, mut from) = self.cursor;
        if self.firsts.first().is_none_or(|first| *first > order) {
            return Ok(None);
        }
        while self
            .firsts
            .get(block + 1)
            .is_some_and(|first| *first <= order)
        {
            block += 1;
            from = 0;
        }
        if self.block_at != Some(block) {
            let start = block * block_entries;
            let len = (self.entries - start).min(block_entries);
            self.block.resize(len * ENTRY_BYTES, 0);
            self.file
                .seek(SeekFrom::Start((start * ENTRY_BYTES) as u64))?;
            self.file.read_exact(&mut self.block)?;
            self.block_at = Some(block);
        }
        let entries = self.block.len() / ENTRY_BYTES;
        let order_at = |i: usize| {
            u128::from_le_bytes(
                self.block[i * ENTRY_BYTES..][..16]
                    .try_into()
                    .expect("16 bytes"),
            )
        };
        let (mut low, mut high) = (from, entries);
        while low < high {
            let mid = (low + high) / 2;
            if order_at(mid) < order {
                low = mid + 1;
            } else {
                high = mid;
            }
        }
        self.cursor = (block, low);
        if low == entries || order_at(low) != order {
            return Ok(None);
        }
        let entry = Entry::read(&self.block[low * ENTRY_BYTES..][..ENTRY_BYTES]);
        Ok(Some(Entry {
            unwritten: entry.unwritten && !self.all_written,
            ..entry
        }))
    }

    /// Its entries in order, each as it stands now.
    fn entries(&mut self) -> io::Result<impl Iterator<Item = io::Result<Entry>> + '_> {
        self.file.seek(SeekFrom::Start(0))?;
        let all_written = self.all_written;
        let mut reader = BufReader::with_capacity(1 << 16, &self.file);
        let mut bytes = [0u8; ENTRY_BYTES];
        Ok((0..self.entries).map(move |_| {
            reader.read_exact(&mut bytes)?;
            let e = Entry::read(&bytes);
            Ok(Entry {
                unwritten: e.unwritten && !all_written,
                ..e
            })
        }))
    }
}

/// The codes given, and the subjects renamed, during one import.
pub struct Given {
    /// Sorted files, each older and at least as large as the next.
    runs: Vec<Run>,
    /// Codes given since, in the order given until sorted.
    fresh: Vec<Entry>,
    /// Subjects renamed: id → hash of the new name, which stands for the
    /// name kept with each of their codes.
    renamed: HashMap<i64, u64, RandomState>,
    /// Codes waiting to be written to the store.
    unwritten: usize,
    fresh_limit: usize,
    block_entries: usize,
}

impl Default for Given {
    fn default() -> Given {
        Given::with_limits(FRESH_LIMIT, BLOCK_ENTRIES)
    }
}

impl Given {
    fn with_limits(fresh_limit: usize, block_entries: usize) -> Given {
        Given {
            runs: Vec::new(),
            fresh: Vec::with_capacity(fresh_limit),
            renamed: HashMap::default(),
            unwritten: 0,
            fresh_limit,
            block_entries,
        }
    }

    /// Keeps a code (its place in the index's order) given to subject `id`,
    /// whose name hashes to `name`; `unwritten` when it is not in the
    /// store yet. A code is given once.
    pub fn add(
        &mut self,
        order: u128,
        id: i64,
        name: u64,
        unwritten: bool,
    ) -> rusqlite::Result<()> {
        self.fresh.push(Entry {
            order,
            id,
            name,
            unwritten,
        });
        self.unwritten += usize::from(unwritten);
        if self.fresh.len() >= self.fresh_limit {
            self.write_fresh().map_err(temporary_file)?;
        }
        Ok(())
    }

    /// Keeps a subject's new name, for every code it was given.
    pub fn rename(&mut self, id: i64, name: u64) -> rusqlite::Result<()> {
        self.renamed.insert(id, name);
        if self.renamed.len() >= self.fresh_limit {
            // Into the names of every code, in one file.
            self.write_fresh().map_err(temporary_file)?;
            let all = self.runs.len();
            self.merge_last(all).map_err(temporary_file)?;
            self.renamed.clear();
        }
        Ok(())
    }

    /// Whether codes wait to be written to the store.
    pub fn any_unwritten(&self) -> bool {
        self.unwritten > 0
    }

    /// Looks up `orders` (ascending, no two alike), handing `found` the
    /// position of each one given, its subject and the hash of the
    /// subject's name now.
    pub fn look_up(
        &mut self,
        orders: impl Iterator<Item = u128>,
        mut found: impl FnMut(usize, i64, u64),
    ) -> rusqlite::Result<()> {
        self.fresh.sort_unstable_by_key(|e| e.order);
        for run in &mut self.runs {
            run.rewind();
        }
        let mut fresh = 0;
        for (at, order) in orders.enumerate() {
            fresh += self.fresh[fresh..].partition_point(|e| e.order < order);
            let mut entry = self.fresh.get(fresh).filter(|e| e.order == order).copied();
            for run in &mut self.runs {
                if entry.is_some() {
                    break;
                }
                entry = run
                    .find(order, self.block_entries)
                    .map_err(temporary_file)?;
            }
            if let Some(e) = entry {
                found(at, e.id, self.renamed.get(&e.id).copied().unwrap_or(e.name));
            }
        }
        Ok(())
    }

    /// Hands `write` every code waiting to be written, in order, with its
    /// subject; they count as written from then on.
    pub fn write_unwritten(
        &mut self,
        mut write: impl FnMut(u128, i64) -> Result<(), rusqlite::Error>,
    ) -> Result<(), rusqlite::Error> {
        if self.unwritten == 0 {
            return Ok(());
        }
        self.fresh.sort_unstable_by_key(|e| e.order);
        let mut sources: Vec<Entries<'_>> = Vec::with_capacity(self.runs.len() + 1);
        // A file made before the last time holds none.
        for run in self.runs.iter_mut().filter(|run| !run.all_written) {
            sources.push(Box::new(run.entries().map_err(temporary_file)?));
        }
        sources.push(Box::new(self.fresh.iter().copied().map(Ok)));
        for entry in merged(sources) {
            let entry = entry.map_err(temporary_file)?;
            if entry.unwritten {
                write(entry.order, entry.id)?;
            }
        }
        for run in &mut self.runs {
            run.all_written = true;
        }
        for e in &mut self.fresh {
            e.unwritten = false;
        }
        self.unwritten = 0;
        Ok(())
    }

    /// Writes the codes in memory to a file of their own, then merges it
    /// into the one before while that is no larger.
    fn write_fresh(&mut self) -> io::Result<()> {
        if self.fresh.is_empty() {
            return Ok(());
        }
        self.fresh.sort_unstable_by_key(|e| e.order);
        let mut fresh = std::mem::take(&mut self.fresh);
        let run = self.write_run(fresh.drain(..).map(Ok))?;
        self.fresh = fresh;
        self.runs.push(run);
        while let [.., older, newer] = self.runs.as_slice()
            && older.entries <= 2 * newer.entries
        {
            self.merge_last(2)?;
        }
        Ok(())
    }

    /// Merges the last `count` files into one.
    fn merge_last(&mut self, count: usize) -> io::Result<()> {
        // One file alone is written again too, taking in the new names.
        if count == 0 {
            return Ok(());
        }
        let mut last: Vec<Run> = self.runs.split_off(self.runs.len() - count);
        let mut sources: Vec<Entries<'_>> = Vec::with_capacity(last.len());
        for run in &mut last {
            sources.push(Box::new(run.entries()?));
        }
        let run = self.write_run(merged(sources))?;
        self.runs.push(run);
        Ok(())
    }

    /// A new file of `entries` (in order), with the names of renamed
    /// subjects in place of those kept.
    fn write_run(&self, entries: impl Iterator<Item = io::Result<Entry>>) -> io::Result<Run> {
        let mut out = BufWriter::with_capacity(1 << 16, tempfile::tempfile()?);
        let mut firsts = Vec::new();
        let mut count = 0;
        for entry in entries {
            let mut e = entry?;
            if let Some(name) = self.renamed.get(&e.id) {
                e.name = *name;
            }
            if count % self.block_entries == 0 {
                firsts.push(e.order);
            }
            count += 1;
            e.write(&mut out)?;
        }
        Ok(Run {
            file: out.into_inner().map_err(|e| e.into_error())?,
            firsts,
            entries: count,
            all_written: false,
            block: Vec::new(),
            block_at: None,
            cursor: (0, 0),
        })
    }
}

/// Entries in order, read from a file or held in memory.
type Entries<'a> = Box<dyn Iterator<Item = io::Result<Entry>> + 'a>;

/// The entries of every source in one order; a read error ends it.
fn merged(sources: Vec<Entries<'_>>) -> impl Iterator<Item = io::Result<Entry>> + '_ {
    let mut sources: Vec<_> = sources.into_iter().map(Iterator::peekable).collect();
    std::iter::from_fn(move || {
        let mut least: Option<(u128, usize)> = None;
        for (i, source) in sources.iter_mut().enumerate() {
            match source.peek() {
                Some(Ok(e)) if least.is_none_or(|(order, _)| e.order < order) => {
                    least = Some((e.order, i));
                }
                Some(Err(_)) => return source.next(),
                _ => {}
            }
        }
        least.and_then(|(_, i)| sources[i].next())
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Looks up `orders` (sorted here), giving (order, id, name) for each found.
    fn look_up(given: &mut Given, orders: &[u128]) -> Vec<(u128, i64, u64)> {
        let mut orders = orders.to_vec();
        orders.sort_unstable();
        let mut found = Vec::new();
        given
            .look_up(orders.iter().copied(), |at, id, name| {
                found.push((orders[at], id, name))
            })
            .unwrap();
        found
    }

    fn unwritten(given: &mut Given) -> Vec<(u128, i64)> {
        let mut written = Vec::new();
        given
            .write_unwritten(|order, id| {
                written.push((order, id));
                Ok(())
            })
            .unwrap();
        written
    }

    #[test]
    fn codes_are_found_whether_in_memory_or_on_file() {
        // Two entries a block, three in memory at most: most codes are on file.
        let mut given = Given::with_limits(3, 2);
        // Given out of order, as rows give them.
        for order in [50u128, 10, 30, 70, 20, 60, 40, 90, 80, 15] {
            given
                .add(order, order as i64 / 10, order as u64, false)
                .unwrap();
        }
        let sizes: Vec<usize> = given.runs.iter().map(|r| r.entries).collect();
        assert_eq!(sizes, [9], "three files of three, merged as they came");
        assert_eq!(given.runs[0].firsts, [10, 30, 50, 70, 90]);
        assert_eq!(given.fresh.len(), 1);
        let wanted = [5, 10, 15, 20, 30, 40, 45, 50, 60, 70, 80, 90, 95];
        let found = look_up(&mut given, &wanted);
        let given_orders = [10u128, 15, 20, 30, 40, 50, 60, 70, 80, 90];
        assert_eq!(found, given_orders.map(|o| (o, o as i64 / 10, o as u64)));
        // A code or two at a time finds the same.
        for order in [10u128, 15, 50, 90] {
            assert_eq!(
                look_up(&mut given, &[order]),
                [(order, order as i64 / 10, order as u64)]
            );
        }
        assert_eq!(look_up(&mut given, &[35, 65]), []);
    }

    #[test]
    fn a_file_is_merged_into_the_one_before_once_it_is_as_large() {
        let mut given = Given::with_limits(2, 4);
        let sizes =
            |given: &Given| -> Vec<usize> { given.runs.iter().map(|r| r.entries).collect() };
        let mut seen = Vec::new();
        for order in 0..14u128 {
            given.add(1000 - order, 1, 1, false).unwrap();
            seen.push(sizes(&given));
        }
        assert_eq!(seen[1], [2]);
        assert_eq!(seen[3], [4]);
        assert_eq!(seen[5], [6], "4 is no more than twice 2");
        assert_eq!(seen[7], [6, 2]);
        assert_eq!(seen[9], [10]);
        assert_eq!(seen[13], [10, 4]);
        let all: Vec<u128> = (987..=1000).collect();
        assert_eq!(look_up(&mut given, &all).len(), 14);
    }

    #[test]
    fn a_renamed_subject_s_codes_carry_its_new_name() {
        let mut given = Given::with_limits(3, 2);
        given.add(10, 1, 100, false).unwrap();
        given.add(20, 2, 200, false).unwrap();
        given.add(30, 1, 100, false).unwrap();
        // On file now; then one more for subject 1, in memory.
        given.add(40, 1, 100, false).unwrap();
        given.rename(1, 111).unwrap();
        assert_eq!(
            look_up(&mut given, &[10, 20, 30, 40]),
            [(10, 1, 111), (20, 2, 200), (30, 1, 111), (40, 1, 111)]
        );
        // Renamed again, and the renames written into the files.
        given.rename(1, 112).unwrap();
        given.rename(2, 201).unwrap();
        given.rename(3, 300).unwrap();
        assert!(given.renamed.is_empty(), "written");
        assert_eq!(given.fresh.len(), 0);
        assert_eq!(given.runs.len(), 1);
        assert_eq!(
            look_up(&mut given, &[10, 20, 30, 40]),
            [(10, 1, 112), (20, 2, 201), (30, 1, 112), (40, 1, 112)]
        );
    }

    #[test]
    fn codes_waiting_to_be_written_come_out_once_in_order() {
        let mut given = Given::with_limits(3, 2);
        for (order, unwritten) in [(50, true), (10, false), (30, true), (70, true), (20, true)] {
            given.add(order, order as i64, 0, unwritten).unwrap();
        }
        assert!(given.any_unwritten());
        assert_eq!(
            unwritten(&mut given),
            [(20, 20), (30, 30), (50, 50), (70, 70)]
        );
        assert!(!given.any_unwritten());
        assert_eq!(unwritten(&mut given), []);
        // Written ones stay written when their file is merged.
        for order in [60, 40, 80, 90] {
            given.add(order, order as i64, 0, true).unwrap();
        }
        assert_eq!(given.runs.len(), 1, "merged");
        assert_eq!(
            unwritten(&mut given),
            [(40, 40), (60, 60), (80, 80), (90, 90)]
        );
        // Every code is still found.
        assert_eq!(
            look_up(&mut given, &[10, 20, 30, 40, 50, 60, 70, 80, 90]).len(),
            9
        );
    }

    #[test]
    fn nothing_given_finds_nothing() {
        let mut given = Given::default();
        assert_eq!(look_up(&mut given, &[1, 2, 3]), []);
        assert_eq!(unwritten(&mut given), []);
    }
}
