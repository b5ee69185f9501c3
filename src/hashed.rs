//! Maps keyed by a hash made once: the records that carry a line per output file (200,000
//! at 100,000 articles) hash each path with XXH3 as they read it, and the map must not
//! hash it again.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::atomic::{AtomicUsize, Ordering::Relaxed};
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

/// A record's lines, found by their path: the render record's pages and the staging
/// listing's folders. A build asks for them in nearly the order the last build wrote them
/// (each thread in its own order), so each thread first looks a few lines past the one it
/// found last, and only then in the map. At 100,000 articles the map, the lines and their
/// paths outgrow the caches, and a lookup in the map was three misses: the render
/// record's grew 17.6 times from 10,000 articles (892 against 51 profile samples per
/// build). Looked for this way, the two records' lookups took 354 samples, not 1,258.
pub struct PathIndex<T> {
    items: Vec<T>,
    /// Index into `items` by `xxh3_64` of the path. Of two paths with one hash (never
    /// seen, but possible) only the first is found, and `get` tells it from the other.
    by_hash: HashMap<u64, usize, ByHash>,
    /// Per thread of the pool, and one (the last) for any other thread: the item after the
    /// one it found last.
    cursors: Vec<Cursor>,
}

/// A thread's cursor, alone on its cache line: written at every find, two threads' cursors
/// side by side would pass one line back and forth between their cores.
#[repr(align(128))]
struct Cursor(AtomicUsize);

/// How many items past its cursor a thread looks before it asks the map: with two threads
/// the lines of one build's threads alternate, in runs as long as an item takes on one.
const LOOK_AHEAD: usize = 8;

impl<T> PathIndex<T> {
    /// The items of `lines`, in their order, each with the `xxh3_64` of its path.
    pub fn new(lines: Vec<(u64, T)>) -> PathIndex<T> {
        let mut by_hash = HashMap::with_capacity_and_hasher(lines.len(), ByHash::default());
        let mut items = Vec::with_capacity(lines.len());
        for (hash, item) in lines {
            by_hash.entry(hash).or_insert(items.len());
            items.push(item);
        }
        let cursors = (0..=rayon::current_num_threads()).map(|_| Cursor(AtomicUsize::new(0))).collect();
        PathIndex { items, by_hash, cursors }
    }

    /// The item whose `path` is `rel`.
    pub fn get<'t>(&self, rel: &str, path: impl Fn(&T) -> Option<&'t str>) -> Option<&T> {
        let is_rel = |i: &usize| path(&self.items[*i]) == Some(rel);
        let cursor = rayon::current_thread_index().and_then(|i| self.cursors.get(i)).or_else(|| self.cursors.last());
        let from = cursor.map_or(0, |c| c.0.load(Relaxed));
        let near = (from..self.items.len().min(from + LOOK_AHEAD)).find(is_rel);
        let i = match near {
            Some(i) => i,
            None => *self.by_hash.get(&xxh3_64(rel.as_bytes())).filter(|i| is_rel(i))?,
        };
        if let Some(cursor) = cursor {
            cursor.0.store(i + 1, Relaxed);
        }
        Some(&self.items[i])
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }
}

impl<T> Default for PathIndex<T> {
    fn default() -> PathIndex<T> {
        PathIndex::new(Vec::new())
    }
}

impl<T: std::fmt::Debug> std::fmt::Debug for PathIndex<T> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(&self.items).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::hash::BuildHasher;

    /// Found in any order, near the cursor or far from it, and never taken for another
    /// path with the same hash.
    #[test]
    fn a_path_index_finds_every_path_in_any_order_and_only_its_own() {
        let paths: Vec<String> = (0..200).map(|i| format!("posts/p{i}/index.html")).collect();
        let lines = paths.iter().map(|p| (xxh3_64(p.as_bytes()), p.as_str())).collect();
        let index = PathIndex::new(lines);
        fn path<'a>(p: &&'a str) -> Option<&'a str> {
            Some(*p)
        }
        for order in [(0..200).collect::<Vec<_>>(), (0..200).rev().collect(), (0..200).map(|i| i * 37 % 200).collect()]
        {
            for i in order {
                assert_eq!(index.get(&paths[i], path), Some(&paths[i].as_str()));
            }
        }
        assert_eq!(index.get("posts/p200/index.html", path), None);
        // A line whose hash is another path's: the map finds it, the path check refuses it.
        let clash = PathIndex::new(vec![(xxh3_64(b"b"), "a")]);
        assert_eq!((clash.get("b", path), clash.get("a", path)), (None, Some(&"a")));
        assert_eq!(PathIndex::<&str>::default().get("a", path), None);
    }

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
