//! Ranking by shared tags, the one rule behind related articles and job callouts: the
//! items met most often among the tag lists come first, the newest first among equals.

/// Candidates are looked for among each shared tag's `WINDOW` newest items only: that
/// keeps the cost per article bounded however big a tag grows (a callout then costs what
/// it shows, not what the board holds), and exact for tags of up to this many items.
pub const WINDOW: usize = 100;

/// Up to `limit` items of `candidates` (one entry per shared tag), most often seen first,
/// then by `recency` (smaller is newer).
///
/// One sort by recency brings each item's entries together in the final tie order; a
/// single pass then keeps the best `limit`. Every article ranks its neighbours this way, so
/// it avoids a second sort and a growing map.
pub fn most_shared(
    candidates: impl Iterator<Item = usize>,
    recency: impl Fn(usize) -> usize,
    limit: usize,
) -> Vec<usize> {
    let mut keyed: Vec<(usize, usize)> = candidates.map(|i| (recency(i), i)).collect();
    keyed.sort_unstable();
    // (times seen, item), best first; a later item must be seen strictly more to pass.
    let mut best: Vec<(usize, usize)> = Vec::with_capacity(limit + 1);
    let mut runs = keyed.chunk_by(|a, b| a == b);
    for run in runs.by_ref() {
        let (seen, item) = (run.len(), run[0].1);
        let at = best.iter().position(|&(n, _)| seen > n).unwrap_or(best.len());
        if at < limit {
            best.insert(at, (seen, item));
            best.truncate(limit);
        }
    }
    best.into_iter().map(|(_, i)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_shared_first_then_newest() {
        // 7 is seen three times, 3 and 5 twice (5 is newer), 9 once.
        let recency = |i: usize| 100 - i;
        let seen = [3, 7, 5, 7, 9, 3, 7, 5];
        assert_eq!(most_shared(seen.into_iter(), recency, 3), [7, 5, 3]);
        assert_eq!(most_shared(seen.into_iter(), recency, 10), [7, 5, 3, 9]);
        assert_eq!(most_shared(seen.into_iter(), recency, 0), Vec::<usize>::new());
        assert_eq!(most_shared(std::iter::empty(), recency, 3), Vec::<usize>::new());
    }

    #[test]
    fn ties_keep_recency_order_whatever_the_input_order() {
        // Equal recency (as listings without dates have) falls back to the smaller index.
        let flat = |_: usize| 0;
        assert_eq!(most_shared([4, 2, 8, 2, 4].into_iter(), flat, 3), [2, 4, 8]);
        let recency = |i: usize| [5, 1, 3, 0, 2][i];
        assert_eq!(most_shared([0, 1, 2, 3, 4].into_iter(), recency, 5), [3, 1, 4, 2, 0]);
        assert_eq!(most_shared([0, 0, 1, 2, 3, 4, 4].into_iter(), recency, 2), [4, 0]);
    }
}
