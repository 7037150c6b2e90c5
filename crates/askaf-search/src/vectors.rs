//! Passage vectors by text, computed once, kept in a file, and filled in
//! the background while the site already answers.
//!
//! A sentence model costs about a millisecond per token on a small machine:
//! tens of seconds for a site of a few hundred articles, hours for a large
//! one. Nothing waits for that. [`Vectors`] maps the hash of a text (a
//! passage, or one of its sentences) to its vector; the engine re-ranks by
//! meaning the candidates whose vectors it holds and ranks the others by
//! their words. Texts the engine wants are queued ([`Vectors::want`]) and a
//! worker thread ([`Vectors::start`]) encodes them one batch at a time,
//! at the lowest CPU priority, outside every lock a question takes: a
//! question only reads the map, for the moment it takes to look up its
//! candidates.
//!
//! The key is the text's hash, so a passage an edit left alone keeps its
//! vector, and a text is encoded once however many passages hold it.
//!
//! The file (`DATA/vectors/MODEL.f16`) is a header and then one record a
//! vector: the key, the vector in f16 (half the size of f32, and the
//! model's similarities agree to the third decimal) and a checksum of both.
//! Records are appended as they are computed; a process killed in the
//! middle of one leaves a short or garbled last record, which the next
//! start drops (the file is cut back to the last whole record). Records of
//! texts no passage holds any more are dropped when the worker has seen
//! the whole site: it rewrites the file to a temporary name and renames it
//! into place, so a reader of the file never sees half of it.

use std::collections::{HashSet, VecDeque};
use std::io::{Seek, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, RwLock};
use std::time::{Duration, Instant};

use half::f16;
use rustc_hash::FxHashMap;

use crate::semantic::{EncodeError, Encoder, Role};

/// A text's key: the first 16 bytes of its SHA-256.
pub type Key = [u8; 16];

/// The key of `text` in the vector map.
pub(crate) fn key(text: &str) -> Key {
    use sha2::{Digest, Sha256};
    let d = Sha256::digest(text.as_bytes());
    let mut k = [0u8; 16];
    k.copy_from_slice(&d[..16]);
    k
}

const MAGIC: &[u8; 8] = b"ASKVEC2\n";
const HEADER: usize = 12;
/// How many bytes of [`MAGIC`] every format of the file opens with.
const FAMILY: usize = 6;
/// Texts encoded per call to the model: small enough that an edit's
/// passages queued behind a site's worth wait seconds, not minutes, and
/// that the map fills in steps a reader can watch.
const BATCH: usize = 8;
/// How often the worker logs its progress while it has work.
const PROGRESS_EVERY: Duration = Duration::from_secs(10);

/// The dot product of a question's vector and a stored one. The stored
/// half floats are widened a block at a time (`convert_to_f32_slice` uses
/// the CPU's F16C instructions where it has them) and summed in 8 lanes
/// the compiler can vectorize: a question with E5 compares itself with
/// every passage of its language, and widening one value at a time made
/// that scan four times as slow (`cargo run --release -p askaf-search
/// --example scan_cost`).
pub(crate) fn dot16(q: &[f32], v: &[f16]) -> f32 {
    use half::slice::HalfFloatSliceExt;
    const BLOCK: usize = 64;
    let mut wide = [0f32; BLOCK];
    let mut lanes = [0f32; 8];
    let mut rest = 0f32;
    for (qb, vb) in q.chunks(BLOCK).zip(v.chunks(BLOCK)) {
        let n = qb.len().min(vb.len());
        let w = &mut wide[..n];
        vb[..n].convert_to_f32_slice(w);
        let (q8, w8) = (qb[..n].chunks_exact(8), w.chunks_exact(8));
        rest += q8
            .remainder()
            .iter()
            .zip(w8.remainder())
            .map(|(a, b)| a * b)
            .sum::<f32>();
        for (a, b) in q8.zip(w8) {
            for i in 0..8 {
                lanes[i] += a[i] * b[i];
            }
        }
    }
    lanes.iter().sum::<f32>() + rest
}

/// The record's checksum: 4 bytes of the SHA-256 of its key and vector.
fn check(key: &Key, data: &[u8]) -> [u8; 4] {
    use sha2::{Digest, Sha256};
    let mut h = Sha256::new();
    h.update(key);
    h.update(data);
    let d = h.finalize();
    [d[0], d[1], d[2], d[3]]
}

fn record_len(dim: usize) -> usize {
    16 + 2 * dim + 4
}

/// What the worker has left to do.
#[derive(Default)]
struct Queue {
    texts: VecDeque<(Key, String)>,
    queued: HashSet<Key>,
    /// Set by [`Vectors::stop`]: the worker ends after its current batch.
    stopped: bool,
}

/// The vector file as the worker appends to it.
/// What [`Vectors::read_records`] found in a file.
struct Records {
    /// The bytes up to the end of the last whole, sound record.
    good: usize,
    /// Whole, sound records, live or stale.
    records: usize,
    /// Vectors the map did not hold before.
    added: usize,
}

struct File {
    path: PathBuf,
    /// Open for appending once the header is written; `None` until then.
    handle: Option<std::fs::File>,
    /// Records in the file, live or stale.
    records: usize,
}

/// Passage vectors by text, shared by the engine (which reads them) and a
/// worker (which adds them); see the module's documentation.
pub struct Vectors {
    encoder: Arc<dyn Encoder>,
    dim: AtomicUsize,
    /// Keyed with Fx: a key is a SHA-256 prefix, already spread evenly,
    /// and a question with E5 looks up every passage's.
    map: RwLock<FxHashMap<Key, Box<[f16]>>>,
    queue: Mutex<Queue>,
    wake: Condvar,
    /// Signalled when the queue empties, for [`Vectors::wait_idle`].
    idle: Condvar,
    /// Whether the worker is encoding a batch it took off the queue.
    busy: AtomicBool,
    /// Whether a worker thread encodes the queue; without one,
    /// [`Vectors::encode_now`] does, on the caller's thread.
    background: AtomicBool,
    file: Mutex<Option<File>>,
    encoded: AtomicUsize,
}

impl Vectors {
    /// An empty map for `encoder`'s vectors, kept in `path` when given
    /// (nothing is read until [`Vectors::load`]).
    pub fn new(encoder: Arc<dyn Encoder>, path: Option<PathBuf>) -> Arc<Vectors> {
        Arc::new(Vectors {
            encoder,
            dim: AtomicUsize::new(0),
            map: RwLock::new(FxHashMap::default()),
            queue: Mutex::new(Queue::default()),
            wake: Condvar::new(),
            idle: Condvar::new(),
            busy: AtomicBool::new(false),
            background: AtomicBool::new(false),
            file: Mutex::new(path.map(|path| File {
                path,
                handle: None,
                records: 0,
            })),
            encoded: AtomicUsize::new(0),
        })
    }

    /// The encoder the vectors come from.
    pub fn encoder(&self) -> &Arc<dyn Encoder> {
        &self.encoder
    }

    /// How many texts this map had the model encode since it was made
    /// (those read from the file are not counted).
    pub fn encoded(&self) -> usize {
        self.encoded.load(Ordering::SeqCst)
    }

    /// How many texts have a vector.
    pub fn len(&self) -> usize {
        read(&self.map).len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How many texts wait to be encoded.
    pub fn pending(&self) -> usize {
        lock(&self.queue).texts.len()
    }

    /// `f` of the vectors of `keys` (`None` for a text not encoded yet),
    /// under one short read of the map.
    pub(crate) fn with<T>(&self, keys: &[Key], f: impl FnOnce(&[Option<&[f16]>]) -> T) -> T {
        let map = read(&self.map);
        let found: Vec<Option<&[f16]>> = keys.iter().map(|k| map.get(k).map(|v| &**v)).collect();
        f(&found)
    }

    /// Reads the file, if any, into the map. A missing file is an empty
    /// map; one of another format or model size is started afresh; a
    /// short or garbled record and all after it (a write cut off by a
    /// crash) are dropped and the file cut back to the records before it.
    ///
    /// A file that is not one of ours at all (it does not open with
    /// `ASKVEC`: an `eval --vectors` given the question set, or any other
    /// file by mistake) is an error, and is never written: the vectors are
    /// then kept in memory only.
    pub fn load(&self) -> std::io::Result<usize> {
        let mut file = lock(&self.file);
        let Some(f) = file.as_mut() else {
            return Ok(0);
        };
        let bytes = match std::fs::read(&f.path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
            Err(e) => return Err(e),
        };
        let read = match self.read_records(&bytes) {
            Ok(Some(read)) => read,
            // An older format: the first record written starts it anew.
            Ok(None) => return Ok(0),
            Err(e) => {
                *file = None;
                return Err(e);
            }
        };
        let mut handle = std::fs::OpenOptions::new().write(true).open(&f.path)?;
        if read.good < bytes.len() {
            handle.set_len(read.good as u64)?;
        }
        handle.seek(std::io::SeekFrom::End(0))?;
        f.handle = Some(handle);
        f.records = read.records;
        Ok(read.added)
    }

    /// Reads the vectors another process keeps in `path` (a server's
    /// `DATA/vectors` file, [`vector_file`]) into the map, and leaves the
    /// file as it is: never cut back, never written. The command line
    /// answers a question of a site a server may be serving (and
    /// appending to that file) at that moment, so it takes what is there
    /// and encodes the rest in memory; a record the server is writing is
    /// not whole yet, and is only skipped. A missing file, or one of an
    /// older format, is nothing read.
    pub fn read_from(&self, path: &Path) -> std::io::Result<usize> {
        let bytes = match std::fs::read(path) {
            Ok(bytes) => bytes,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(0),
            Err(e) => return Err(e),
        };
        Ok(self.read_records(&bytes)?.map_or(0, |read| read.added))
    }

    /// The whole records at the start of a vector file's `bytes`, put in
    /// the map; `None` for a file of an older format or of another
    /// dimension than the map's (nothing read), an error for one that is
    /// not a vector file at all.
    fn read_records(&self, bytes: &[u8]) -> std::io::Result<Option<Records>> {
        // A file cut off within its header (a crash as it was made) is ours too.
        let family = &MAGIC[..FAMILY];
        let opening = bytes.len().min(FAMILY);
        if bytes[..opening] != family[..opening] {
            return Err(std::io::Error::new(
                std::io::ErrorKind::InvalidData,
                "not a file of passage vectors (those open with ASKVEC), so it is \
                 left as it is: give a new file name, or remove it",
            ));
        }
        if bytes.len() < HEADER || &bytes[..8] != MAGIC {
            return Ok(None);
        }
        let dim = u32::from_le_bytes([bytes[8], bytes[9], bytes[10], bytes[11]]) as usize;
        if dim == 0 {
            return Ok(None);
        }
        let known = self.dim.load(Ordering::SeqCst);
        if known != 0 && known != dim {
            return Ok(None);
        }
        let mut good = HEADER;
        let mut map = write(&self.map);
        let before = map.len();
        let mut records = 0;
        for r in bytes[HEADER..].chunks(record_len(dim)) {
            if r.len() < record_len(dim) {
                break;
            }
            let mut k = [0u8; 16];
            k.copy_from_slice(&r[..16]);
            let data = &r[16..16 + 2 * dim];
            if check(&k, data) != r[16 + 2 * dim..] {
                break;
            }
            let v: Box<[f16]> = data
                .chunks_exact(2)
                .map(|b| f16::from_le_bytes([b[0], b[1]]))
                .collect();
            map.insert(k, v);
            records += 1;
            good += record_len(dim);
        }
        self.dim.store(dim, Ordering::SeqCst);
        Ok(Some(Records {
            good,
            records,
            added: map.len() - before,
        }))
    }

    /// Queues the texts that have no vector and are not queued yet; the
    /// worker (or [`Vectors::encode_now`]) encodes them in this order.
    pub fn want<'a>(&self, texts: impl IntoIterator<Item = &'a str>) {
        let map = read(&self.map);
        let mut q = lock(&self.queue);
        let before = q.texts.len();
        for t in texts {
            let k = key(t);
            if !map.contains_key(&k) && q.queued.insert(k) {
                q.texts.push_back((k, t.to_string()));
            }
        }
        if q.texts.len() > before {
            self.wake.notify_all();
        }
    }

    /// Keeps only the vectors of texts in `live` (and those queued), in
    /// the map and, when it holds stale records, in the file, which is
    /// written anew under a temporary name and renamed into place.
    pub fn retain(&self, live: &HashSet<Key>) -> std::io::Result<()> {
        let mut file = lock(&self.file);
        let queued = lock(&self.queue).queued.clone();
        let mut map = write(&self.map);
        map.retain(|k, _| live.contains(k) || queued.contains(k));
        let Some(f) = file.as_mut() else {
            return Ok(());
        };
        if f.records == map.len() && f.handle.is_some() {
            return Ok(());
        }
        let dim = self.dim.load(Ordering::SeqCst);
        if dim == 0 {
            return Ok(());
        }
        if let Some(dir) = f.path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        let tmp = f.path.with_extension("tmp");
        {
            let mut out = std::io::BufWriter::new(std::fs::File::create(&tmp)?);
            out.write_all(MAGIC)?;
            out.write_all(&(dim as u32).to_le_bytes())?;
            let mut keys: Vec<&Key> = map.keys().collect();
            keys.sort();
            for k in keys {
                out.write_all(&record(k, &map[k]))?;
            }
            out.into_inner().map_err(|e| e.into_error())?.sync_all()?;
        }
        std::fs::rename(&tmp, &f.path)?;
        let mut handle = std::fs::OpenOptions::new().append(true).open(&f.path)?;
        handle.seek(std::io::SeekFrom::End(0))?;
        f.handle = Some(handle);
        f.records = map.len();
        Ok(())
    }

    /// Encodes everything queued on this thread, now: for the command
    /// line and evaluation, which want every vector before the first
    /// question, and for an engine with no worker.
    pub fn encode_now(&self) -> Result<(), EncodeError> {
        while let Some(batch) = self.take(usize::MAX) {
            let texts: Vec<&str> = batch.iter().map(|(_, t)| t.as_str()).collect();
            let result = self.encoder.encode(&texts, Role::Passage);
            self.settle(&batch, result)?;
        }
        Ok(())
    }

    /// Whether a worker encodes what is queued (see [`Vectors::start`]).
    pub fn in_background(&self) -> bool {
        self.background.load(Ordering::SeqCst)
    }

    /// Starts the worker thread: it reads the file, runs `feed` (which
    /// queues the site's texts with [`Vectors::want`] and returns the keys
    /// of every text the site holds, to drop the rest from the file), then
    /// encodes what is queued, now and as edits queue more, until
    /// [`Vectors::stop`]. It runs at the lowest CPU priority and asks the
    /// model to use one thread ([`Encoder::encode_in_background`]), so
    /// that serving pages keeps the machine's other cores.
    pub fn start(
        self: &Arc<Self>,
        feed: impl FnOnce(&Vectors) -> HashSet<Key> + Send + 'static,
    ) -> std::io::Result<std::thread::JoinHandle<()>> {
        self.background.store(true, Ordering::SeqCst);
        // Busy until the file is read and the site queued: `wait_idle`
        // does not mistake the moment before for a finished job.
        self.busy.store(true, Ordering::SeqCst);
        let me = self.clone();
        let started = std::thread::Builder::new()
            .name("askaf-vectors".into())
            .spawn(move || me.work(feed));
        if started.is_err() {
            // No worker: passages stay without vectors (ranked by their
            // words); edits still only queue theirs, never encoding under
            // the engine's lock.
            self.busy.store(false, Ordering::SeqCst);
        }
        started
    }

    /// Asks the worker to end after its current batch.
    pub fn stop(&self) {
        lock(&self.queue).stopped = true;
        self.wake.notify_all();
    }

    /// Whether nothing is queued, being encoded, or about to be (the
    /// worker reading the file and the site).
    pub fn is_idle(&self) -> bool {
        let q = lock(&self.queue);
        q.texts.is_empty() && !self.busy.load(Ordering::SeqCst)
    }

    /// Waits until nothing is queued and nothing is being encoded, or
    /// `timeout` passes; says whether the queue emptied.
    pub fn wait_idle(&self, timeout: Duration) -> bool {
        let deadline = Instant::now() + timeout;
        let mut q = lock(&self.queue);
        loop {
            if q.texts.is_empty() && !self.busy.load(Ordering::SeqCst) {
                return true;
            }
            let now = Instant::now();
            if now >= deadline {
                return false;
            }
            q = self
                .idle
                .wait_timeout(q, deadline - now)
                .unwrap_or_else(|p| p.into_inner())
                .0;
        }
    }

    fn work(&self, feed: impl FnOnce(&Vectors) -> HashSet<Key>) {
        lower_priority();
        let start = Instant::now();
        let file = lock(&self.file)
            .as_ref()
            .map(|f| f.path.display().to_string())
            .unwrap_or_default();
        match self.load() {
            Ok(n) => tracing::info!(vectors = n, "passage vectors read"),
            Err(e) => tracing::warn!(
                "cannot read the passage vectors {file}: {e}; they are computed anew"
            ),
        }
        let live = feed(self);
        if let Err(e) = self.retain(&live) {
            tracing::warn!("cannot rewrite the passage vector file: {e}");
        }
        let mut total = self.pending();
        if total > 0 {
            tracing::info!(
                to_encode = total,
                have = self.len(),
                "encoding passages in the background; Ask ranks the others by their words meanwhile"
            );
        }
        let mut done = 0usize;
        let mut last_log = Instant::now();
        let mut began = Instant::now();
        loop {
            let batch = {
                let mut q = lock(&self.queue);
                loop {
                    if q.stopped {
                        return;
                    }
                    if !q.texts.is_empty() {
                        break;
                    }
                    self.busy.store(false, Ordering::SeqCst);
                    self.idle.notify_all();
                    if done > 0 {
                        tracing::info!(
                            encoded = done,
                            vectors = read(&self.map).len(),
                            seconds = began.elapsed().as_secs_f32(),
                            since_start = start.elapsed().as_secs_f32(),
                            "passage vectors up to date"
                        );
                        done = 0;
                        total = 0;
                    }
                    q = self.wake.wait(q).unwrap_or_else(|p| p.into_inner());
                    began = Instant::now();
                }
                self.busy.store(true, Ordering::SeqCst);
                let n = q.texts.len().min(BATCH);
                let batch: Vec<(Key, String)> = q.texts.drain(..n).collect();
                total = total.max(done + n + q.texts.len());
                batch
            };
            let texts: Vec<&str> = batch.iter().map(|(_, t)| t.as_str()).collect();
            let result = self.encoder.encode_in_background(&texts, Role::Passage);
            if let Err(e) = self.settle(&batch, result) {
                // A text the model cannot encode stays without a vector
                // (ranked by its words), and is not tried again until an
                // edit or a restart queues it anew.
                tracing::warn!("cannot encode {} passages: {e}", batch.len());
            }
            self.busy.store(false, Ordering::SeqCst);
            done += batch.len();
            if last_log.elapsed() >= PROGRESS_EVERY {
                tracing::info!(
                    encoded = done,
                    of = total,
                    seconds = began.elapsed().as_secs_f32(),
                    "encoding passages in the background"
                );
                last_log = Instant::now();
            }
        }
    }

    /// Takes up to `n` texts off the queue (still marked queued, so a
    /// `want` meanwhile does not queue them twice).
    fn take(&self, n: usize) -> Option<Vec<(Key, String)>> {
        let mut q = lock(&self.queue);
        if q.texts.is_empty() {
            return None;
        }
        let n = q.texts.len().min(n).min(256);
        Some(q.texts.drain(..n).collect())
    }

    /// Puts a batch's vectors in the map and the file, and unmarks its
    /// texts as queued whatever the result.
    fn settle(
        &self,
        batch: &[(Key, String)],
        result: Result<Vec<Vec<f32>>, EncodeError>,
    ) -> Result<(), EncodeError> {
        let unqueue = || {
            let mut q = lock(&self.queue);
            for (k, _) in batch {
                q.queued.remove(k);
            }
        };
        let vectors = match result {
            Ok(v) if v.len() == batch.len() => v,
            Ok(v) => {
                unqueue();
                return Err(EncodeError(format!(
                    "{} vectors for {} texts",
                    v.len(),
                    batch.len()
                )));
            }
            Err(e) => {
                unqueue();
                return Err(e);
            }
        };
        self.encoded.fetch_add(batch.len(), Ordering::SeqCst);
        let dim =
            match self
                .dim
                .compare_exchange(0, vectors[0].len(), Ordering::SeqCst, Ordering::SeqCst)
            {
                Ok(_) => vectors[0].len(),
                Err(d) => d,
            };
        let mut records = Vec::new();
        {
            let mut map = write(&self.map);
            for ((k, _), v) in batch.iter().zip(&vectors) {
                if v.len() != dim {
                    continue;
                }
                let v: Box<[f16]> = v.iter().map(|&x| f16::from_f32(x)).collect();
                records.extend(record(k, &v));
                map.insert(*k, v);
            }
        }
        unqueue();
        if let Err(e) = self.append(dim, &records) {
            tracing::warn!(
                "cannot write passage vectors to their file: {e}; they are kept in memory"
            );
        }
        Ok(())
    }

    /// Appends whole records to the file, writing its header first if it
    /// has none (a new file, or one of another format or size).
    fn append(&self, dim: usize, records: &[u8]) -> std::io::Result<()> {
        let mut file = lock(&self.file);
        let Some(f) = file.as_mut() else {
            return Ok(());
        };
        if f.handle.is_none() {
            if let Some(dir) = f.path.parent() {
                std::fs::create_dir_all(dir)?;
            }
            let mut h = std::fs::File::create(&f.path)?;
            h.write_all(MAGIC)?;
            h.write_all(&(dim as u32).to_le_bytes())?;
            f.handle = Some(h);
            f.records = 0;
        }
        if let Some(h) = f.handle.as_mut() {
            h.write_all(records)?;
            f.records += records.len() / record_len(dim);
        }
        Ok(())
    }
}

/// One record of the file: key, f16 vector, checksum.
fn record(k: &Key, v: &[f16]) -> Vec<u8> {
    let data: Vec<u8> = v.iter().flat_map(|x| x.to_le_bytes()).collect();
    let mut r = Vec::with_capacity(record_len(v.len()));
    r.extend_from_slice(k);
    r.extend_from_slice(&data);
    r.extend_from_slice(&check(k, &data));
    r
}

fn lock<T>(m: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

fn read<T>(m: &RwLock<T>) -> std::sync::RwLockReadGuard<'_, T> {
    m.read().unwrap_or_else(|p| p.into_inner())
}

fn write<T>(m: &RwLock<T>) -> std::sync::RwLockWriteGuard<'_, T> {
    m.write().unwrap_or_else(|p| p.into_inner())
}

/// Puts the calling thread at the lowest CPU priority (Linux keeps a nice
/// value per thread), so that a busy worker yields to page serving.
fn lower_priority() {
    #[cfg(target_os = "linux")]
    // SAFETY: setpriority changes the calling thread's nice value only
    // (who = 0 with PRIO_PROCESS names the calling thread on Linux).
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, 0, 19);
    }
}

/// Where `encoder`'s vectors are kept in the data directory `data`.
pub fn vector_file(data: &Path, encoder: &dyn Encoder) -> PathBuf {
    data.join("vectors").join(format!("{}.f16", encoder.id()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use askaf_content::Lang;

    /// Widened by blocks and summed in lanes, the product is the one of
    /// widening each value, whatever the length (blocks of 64, lanes of 8).
    #[test]
    fn the_blockwise_dot_product_is_the_plain_one() {
        for dim in [1, 7, 8, 63, 64, 65, 384, 385] {
            let q: Vec<f32> = (0..dim)
                .map(|i| ((i * 37) % 101) as f32 / 50.0 - 1.0)
                .collect();
            let v: Vec<f16> = (0..dim)
                .map(|i| f16::from_f32(((i * 53) % 89) as f32 / 44.0 - 1.0))
                .collect();
            let plain: f32 = q.iter().zip(&v).map(|(a, b)| a * b.to_f32()).sum();
            let got = dot16(&q, &v);
            assert!(
                (got - plain).abs() <= 1e-4 * plain.abs().max(1.0),
                "{dim}: {got} against {plain}"
            );
        }
    }

    /// Letter counts, normalized: enough to test the bookkeeping.
    struct Letters {
        calls: AtomicUsize,
    }

    impl Encoder for Letters {
        fn id(&self) -> &str {
            "letters"
        }
        fn languages(&self) -> &[Lang] {
            &[Lang::En]
        }
        fn encode(&self, texts: &[&str], _: Role) -> Result<Vec<Vec<f32>>, EncodeError> {
            self.calls.fetch_add(texts.len(), Ordering::SeqCst);
            Ok(texts
                .iter()
                .map(|t| {
                    let mut v = vec![0f32; 26];
                    for c in t.chars().filter(char::is_ascii_lowercase) {
                        v[(c as u8 - b'a') as usize] += 1.0;
                    }
                    let n = v
                        .iter()
                        .map(|x| x * x)
                        .sum::<f32>()
                        .sqrt()
                        .max(f32::EPSILON);
                    v.into_iter().map(|x| x / n).collect()
                })
                .collect())
        }
    }

    fn letters() -> Arc<Letters> {
        Arc::new(Letters {
            calls: AtomicUsize::new(0),
        })
    }

    fn keys(texts: &[&str]) -> HashSet<Key> {
        texts.iter().map(|t| key(t)).collect()
    }

    #[test]
    fn each_text_is_encoded_once_and_the_file_survives_a_restart() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.f16");
        let enc = letters();
        let v = Vectors::new(enc.clone(), Some(path.clone()));
        assert_eq!(v.load().unwrap(), 0);
        v.want(["kabul", "herat", "kabul"]);
        v.encode_now().unwrap();
        assert_eq!(enc.calls.load(Ordering::SeqCst), 2);
        v.want(["kabul"]);
        assert_eq!(v.pending(), 0, "a text with a vector is not queued again");

        let again = Vectors::new(enc.clone(), Some(path.clone()));
        assert_eq!(again.load().unwrap(), 2);
        again.want(["herat", "kabul", "balkh"]);
        again.encode_now().unwrap();
        assert_eq!(enc.calls.load(Ordering::SeqCst), 3, "only balkh is new");
        assert_eq!(again.encoded(), 1);
        // f16 keeps the similarities to the third decimal.
        let q = enc.encode(&["kabul"], Role::Query).unwrap().remove(0);
        let got = again.with(&[key("kabul")], |v| dot16(&q, v[0].unwrap()));
        assert!((got - 1.0).abs() < 1e-3, "{got}");

        // An edit drops "kabul": its record leaves the file.
        again.retain(&keys(&["herat", "balkh"])).unwrap();
        let len = std::fs::metadata(&path).unwrap().len() as usize;
        assert_eq!(len, HEADER + 2 * record_len(26));
        let third = Vectors::new(enc.clone(), Some(path.clone()));
        assert_eq!(third.load().unwrap(), 2);
    }

    #[test]
    fn a_record_cut_off_by_a_crash_is_dropped_and_the_rest_kept() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("v.f16");
        let enc = letters();
        let v = Vectors::new(enc.clone(), Some(path.clone()));
        v.want(["kabul", "herat", "balkh"]);
        v.encode_now().unwrap();
        let whole = std::fs::read(&path).unwrap();
        assert_eq!(whole.len(), HEADER + 3 * record_len(26));

        // Killed in the middle of writing the third record.
        std::fs::write(&path, &whole[..whole.len() - 7]).unwrap();
        let after = Vectors::new(enc.clone(), Some(path.clone()));
        assert_eq!(after.load().unwrap(), 2);
        assert_eq!(
            std::fs::metadata(&path).unwrap().len() as usize,
            HEADER + 2 * record_len(26),
            "cut back to the last whole record, so appends stay aligned"
        );
        after.want(["kabul", "herat", "balkh"]);
        after.encode_now().unwrap();
        assert_eq!(after.encoded(), 1);
        assert_eq!(
            Vectors::new(enc.clone(), Some(path.clone()))
                .load()
                .unwrap(),
            3
        );

        // A garbled record (a bit flipped in its vector) ends the good part too.
        let mut bad = std::fs::read(&path).unwrap();
        bad[HEADER + record_len(26) + 20] ^= 0x40;
        std::fs::write(&path, &bad).unwrap();
        assert_eq!(
            Vectors::new(enc.clone(), Some(path.clone()))
                .load()
                .unwrap(),
            1
        );
        // An older format: started afresh, not an error.
        std::fs::write(&path, b"ASKVEC1\n\x03\0\0\0garbage").unwrap();
        let fresh = Vectors::new(enc, Some(path.clone()));
        assert_eq!(fresh.load().unwrap(), 0);
        fresh.want(["kabul"]);
        fresh.encode_now().unwrap();
        assert_eq!(std::fs::read(&path).unwrap()[..8], *MAGIC);
    }

    #[test]
    fn a_file_that_is_not_of_vectors_is_refused_and_never_written() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("set.json");
        std::fs::write(&path, "{\"data\": []}").unwrap();
        let v = Vectors::new(letters(), Some(path.clone()));
        let e = v.load().unwrap_err();
        assert_eq!(e.kind(), std::io::ErrorKind::InvalidData);
        assert!(
            e.to_string().contains("not a file of passage vectors"),
            "{e}"
        );
        // Kept in memory only.
        v.want(["kabul"]);
        v.encode_now().unwrap();
        assert_eq!(v.len(), 1);
        v.retain(&keys(&["kabul"])).unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"{\"data\": []}");
        // An empty file, or one cut off within its first bytes, is ours.
        for start in [&b""[..], b"ASK"] {
            std::fs::write(&path, start).unwrap();
            let v = Vectors::new(letters(), Some(path.clone()));
            assert_eq!(v.load().unwrap(), 0);
            v.want(["kabul"]);
            v.encode_now().unwrap();
            assert_eq!(std::fs::read(&path).unwrap()[..8], *MAGIC);
        }
    }
}
