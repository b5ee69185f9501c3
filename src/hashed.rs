//! Maps keyed by a hash made once: the records that carry a line per output file (200,000
//! at 100,000 articles) hash each path with XXH3 as they read it, and the map must not
//! hash it again.

use std::hash::{BuildHasherDefault, Hasher};
use xxhash_rust::xxh3::xxh3_64;

/// The map's keys are hashes already (or carry one): they are their own hash.
#[derive(Default)]
pub struct AlreadyHashed(u64);

/// The hasher of maps keyed by [`AlreadyHashed`] keys.
pub type ByHash = BuildHasherDefault<AlreadyHashed>;

impl Hasher for AlreadyHashed {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Only u64 keys come here (`write_u64`); anything else is still hashed.
        self.0 = xxh3_64(bytes);
    }
    fn write_u64(&mut self, n: u64) {
        self.0 = n;
    }
}
