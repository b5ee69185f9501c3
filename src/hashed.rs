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

/// Hashes keys (paths, mostly) with XXH3 rather than the default SipHash: the publish step
/// looks up each of 400,000 output paths at 100,000 articles, and a site's own paths need
/// no protection from crafted collisions.
#[derive(Default)]
pub struct Xxh3(u64);

/// The hasher of maps keyed by the site's own strings.
pub type ByXxh3 = BuildHasherDefault<Xxh3>;

impl Hasher for Xxh3 {
    fn finish(&self) -> u64 {
        self.0
    }
    fn write(&mut self, bytes: &[u8]) {
        // Each piece seeds the next: a `str` is its bytes, then a 0xff end mark.
        self.0 = xxhash_rust::xxh3::xxh3_64_with_seed(bytes, self.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    #[test]
    fn strings_hash_by_all_their_bytes_and_where_they_end() {
        let h = |parts: &[&str]| {
            let mut hasher = ByXxh3::default().build_hasher();
            for p in parts {
                std::hash::Hash::hash(p, &mut hasher);
            }
            hasher.finish()
        };
        assert_eq!(h(&["posts/a"]), h(&["posts/a"]));
        assert_ne!(h(&["posts/a"]), h(&["posts/b"]));
        assert_ne!(h(&["ab", "c"]), h(&["a", "bc"]));
        let map: std::collections::HashMap<&str, usize, ByXxh3> = [("a", 1), ("b", 2)].into_iter().collect();
        assert_eq!((map.get("a"), map.get("b"), map.get("c")), (Some(&1), Some(&2), None));
    }
}
