//! The index's directory: tantivy's memory-mapped one, except that the
//! document store, the postings and the positions are read with `pread`.
//!
//! Answering a question reads back a few dozen passages from anywhere in
//! the store (about a gigabyte at 100,000 articles). Through a memory map,
//! every page those reads touch stays in the process's resident memory
//! (`RssFile`) until the kernel needs it back, so the server looked as
//! large as the store after a few thousand questions. Read with `pread`,
//! the same pages sit in the kernel's page cache, shared and reclaimable,
//! and the process holds only the blocks tantivy keeps decompressed.
//!
//! The postings are the same story at a smaller size: 300 questions at
//! 100,000 articles touched nearly all of them (100 of 123 MB), and mapped,
//! all of it counted in the server's resident memory (575 MB after a page
//! and question load; 477 MB read with `pread`). Tantivy reads a term's
//! postings as one slice per query, so a `pread` is one copy of a few
//! hundred kilobytes from the page cache, which the questions' latency did
//! not show (p50 3.6 ms mapped, 3.7 ms read). Term dictionaries, field
//! norms and fast columns stay mapped: tantivy holds each of them whole
//! for the segment's life, so a read copy would be resident all the time,
//! where the map holds only the pages questions touch.
//!
//! A merge reads each of its segments' stores whole, and writes it out
//! again. Through the shared map, every merged store's pages stayed
//! resident until the merge was over: eight 28 MB stores at once, which
//! took a first start at 100,000 articles 270 MB above its working size
//! each time. Read into a buffer of its own, one store is held at a time
//! and let go as soon as it is written.

use std::fs::File;
use std::ops::Range;
use std::os::unix::fs::FileExt;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use tantivy::directory::error::{DeleteError, LockError, OpenReadError, OpenWriteError};
use tantivy::directory::{
    Directory, DirectoryLock, FileHandle, Lock, MmapDirectory, OwnedBytes, WatchCallback,
    WatchHandle, WritePtr,
};
use tantivy::HasLen;

/// The segment files read with `pread` (see the module's comment): the
/// document store, the postings (`idx`) and the positions (`pos`).
const READ_NOT_MAPPED: [&str; 3] = ["store", "idx", "pos"];

#[derive(Debug, Clone)]
pub(super) struct IndexDirectory {
    mapped: MmapDirectory,
    root: PathBuf,
}

impl IndexDirectory {
    pub(super) fn open(root: &Path) -> tantivy::Result<IndexDirectory> {
        Ok(IndexDirectory {
            mapped: MmapDirectory::open(root)?,
            root: root.to_path_buf(),
        })
    }
}

/// A document store file, read with `pread`, never mapped. Segment files
/// are written once and never change, so its length is known at open.
#[derive(Debug)]
struct StoreFile {
    file: File,
    len: usize,
}

impl HasLen for StoreFile {
    fn len(&self) -> usize {
        self.len
    }
}

impl FileHandle for StoreFile {
    fn read_bytes(&self, range: Range<usize>) -> std::io::Result<OwnedBytes> {
        let mut buffer = vec![0u8; range.len()];
        self.file.read_exact_at(&mut buffer, range.start as u64)?;
        Ok(OwnedBytes::new(buffer))
    }
}

impl Directory for IndexDirectory {
    fn get_file_handle(&self, path: &Path) -> Result<Arc<dyn FileHandle>, OpenReadError> {
        if path
            .extension()
            .and_then(|e| e.to_str())
            .is_some_and(|e| READ_NOT_MAPPED.contains(&e))
        {
            let full = self.root.join(path);
            let opened = File::open(&full).and_then(|file| {
                let len = usize::try_from(file.metadata()?.len()).map_err(std::io::Error::other)?;
                Ok(StoreFile { file, len })
            });
            return match opened {
                Ok(store) => Ok(Arc::new(store)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {
                    Err(OpenReadError::FileDoesNotExist(path.to_path_buf()))
                }
                Err(e) => Err(OpenReadError::wrap_io_error(e, full)),
            };
        }
        self.mapped.get_file_handle(path)
    }

    fn delete(&self, path: &Path) -> Result<(), DeleteError> {
        self.mapped.delete(path)
    }

    fn exists(&self, path: &Path) -> Result<bool, OpenReadError> {
        self.mapped.exists(path)
    }

    fn open_write(&self, path: &Path) -> Result<WritePtr, OpenWriteError> {
        self.mapped.open_write(path)
    }

    fn atomic_read(&self, path: &Path) -> Result<Vec<u8>, OpenReadError> {
        self.mapped.atomic_read(path)
    }

    fn atomic_write(&self, path: &Path, data: &[u8]) -> std::io::Result<()> {
        self.mapped.atomic_write(path, data)
    }

    fn acquire_lock(&self, lock: &Lock) -> Result<DirectoryLock, LockError> {
        self.mapped.acquire_lock(lock)
    }

    fn sync_directory(&self) -> std::io::Result<()> {
        self.mapped.sync_directory()
    }

    fn watch(&self, callback: WatchCallback) -> tantivy::Result<WatchHandle> {
        self.mapped.watch(callback)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stores_postings_and_positions_are_read_the_rest_mapped() {
        let dir = tempfile::tempdir().unwrap();
        let data: Vec<u8> = (0..(3 << 20)).map(|i| (i % 251) as u8).collect();
        std::fs::write(dir.path().join("x.store"), &data).unwrap();
        for name in ["x.idx", "x.pos", "x.term"] {
            std::fs::write(dir.path().join(name), &data[..100]).unwrap();
        }
        let d = IndexDirectory::open(dir.path()).unwrap();
        let store = d.get_file_handle(Path::new("x.store")).unwrap();
        assert_eq!(store.len(), data.len());
        for range in [0..10, 4096..9000, 1000..(2 << 20), 0..data.len()] {
            assert_eq!(
                store.read_bytes(range.clone()).unwrap().as_slice(),
                &data[range]
            );
        }
        let mapped = d.get_file_handle(Path::new("x.term")).unwrap();
        assert_eq!(mapped.read_bytes(0..100).unwrap().as_slice(), &data[..100]);
        for read in ["x.idx", "x.pos"] {
            let handle = d.get_file_handle(Path::new(read)).unwrap();
            assert_eq!(handle.read_bytes(10..90).unwrap().as_slice(), &data[10..90]);
        }
        assert!(matches!(
            d.get_file_handle(Path::new("missing.store")),
            Err(OpenReadError::FileDoesNotExist(_))
        ));
        // A whole-store read (a merge's) is a buffer of its own: the store
        // is never mapped, so none of its pages stay in the process.
        #[cfg(target_os = "linux")]
        {
            let maps = std::fs::read_to_string("/proc/self/maps").unwrap();
            for read in ["x.store", "x.idx", "x.pos"] {
                let path = dir.path().join(read);
                assert!(!maps.contains(path.to_str().unwrap()), "{maps}");
            }
            let term = dir.path().join("x.term");
            assert!(maps.contains(term.to_str().unwrap()), "{maps}");
        }
    }
}
