//! Ranking by shared tags, the one rule behind related articles and job callouts: the
//! items met most often among the tag lists come first, the newest first among equals.

/// Up to `limit` items of `candidates` (one entry per shared tag), most often seen first,
/// then by `recency` (smaller is newer).
pub fn most_shared(mut candidates: Vec<usize>, recency: impl Fn(usize) -> usize, limit: usize) -> Vec<usize> {
    candidates.sort_unstable();
    let mut counted: Vec<(usize, usize)> = Vec::new();
    for i in candidates {
        match counted.last_mut() {
            Some((last, n)) if *last == i => *n += 1,
            _ => counted.push((i, 1)),
        }
    }
    counted.sort_unstable_by_key(|&(i, n)| (std::cmp::Reverse(n), recency(i)));
    counted.into_iter().take(limit).map(|(i, _)| i).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn most_shared_first_then_newest() {
        // 7 is seen three times, 3 and 5 twice (5 is newer), 9 once.
        let recency = |i: usize| 100 - i;
        assert_eq!(most_shared(vec![3, 7, 5, 7, 9, 3, 7, 5], recency, 3), [7, 5, 3]);
        assert_eq!(most_shared(vec![3, 7, 5, 7, 9, 3, 7, 5], recency, 10), [7, 5, 3, 9]);
        assert_eq!(most_shared(Vec::new(), recency, 3), Vec::<usize>::new());
    }
}
