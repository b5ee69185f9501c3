//! Ranking by shared tags, the one rule behind related articles and job callouts: the
//! items met most often among the tag lists come first, the newest first among equals.

/// Candidates are looked for among each shared tag's `WINDOW` newest items only: that
/// keeps the cost per article bounded however big a tag grows (a callout then costs what
/// it shows, not what the board holds), and exact for tags of up to this many items.
pub const WINDOW: usize = 100;

/// Up to `limit` items of `lists` (one list per shared tag, each newest first and cut to
/// its window), most often seen first, then by `recency` (smaller is newer); items that
/// `keep` refuses are not counted.
///
/// The lists are already in recency order, so one merge of their heads meets each item's
/// entries together, in the final tie order, and a single pass keeps the best `limit`.
/// Every article ranks its neighbours this way (related reading and its job callout, on
/// every build), so it neither sorts nor builds a map.
pub fn most_shared(
    lists: &[&[usize]],
    keep: impl Fn(usize) -> bool,
    recency: impl Fn(usize) -> usize,
    limit: usize,
) -> Vec<usize> {
    let mut heads: Vec<&[usize]> = lists.to_vec();
    // (times seen, item), best first; a later item must be seen strictly more to pass.
    let mut best: Vec<(usize, usize)> = Vec::with_capacity(limit + 1);
    loop {
        let key_of = |list: &&[usize]| list.first().map(|&i| (recency(i), i));
        let Some(next) = heads.iter().filter_map(key_of).min() else { break };
        let mut seen = 0;
        for list in &mut heads {
            if key_of(list) == Some(next) {
                seen += 1;
                // A list names an item once; were it there twice, it still counts once.
                while key_of(list) == Some(next) {
                    *list = &list[1..];
                }
            }
        }
        let item = next.1;
        if !keep(item) {
            continue;
        }
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

    /// `items` as per-tag lists the way callers hold them: each in recency order.
    fn lists(tags: &[&[usize]], recency: impl Fn(usize) -> usize) -> Vec<Vec<usize>> {
        tags.iter()
            .map(|t| {
                let mut l = t.to_vec();
                l.sort_by_key(|&i| (recency(i), i));
                l
            })
            .collect()
    }

    fn ranked(tags: &[&[usize]], recency: impl Fn(usize) -> usize + Copy, limit: usize) -> Vec<usize> {
        let owned = lists(tags, recency);
        let refs: Vec<&[usize]> = owned.iter().map(Vec::as_slice).collect();
        most_shared(&refs, |_| true, recency, limit)
    }

    #[test]
    fn most_shared_first_then_newest() {
        // 7 is in three tags, 3 and 5 in two (5 is newer), 9 in one.
        let recency = |i: usize| 100 - i;
        let tags: [&[usize]; 3] = [&[3, 7, 5], &[7, 9, 3], &[7, 5]];
        assert_eq!(ranked(&tags, recency, 3), [7, 5, 3]);
        assert_eq!(ranked(&tags, recency, 10), [7, 5, 3, 9]);
        assert_eq!(ranked(&tags, recency, 0), Vec::<usize>::new());
        assert_eq!(ranked(&[], recency, 3), Vec::<usize>::new());
    }

    #[test]
    fn ties_keep_recency_order_whatever_the_tag_order() {
        // Equal recency (as listings without dates have) falls back to the smaller index.
        let flat = |_: usize| 0;
        assert_eq!(ranked(&[&[4, 2], &[8, 2, 4]], flat, 3), [2, 4, 8]);
        let recency = |i: usize| [5, 1, 3, 0, 2][i];
        assert_eq!(ranked(&[&[0, 1, 2, 3, 4]], recency, 5), [3, 1, 4, 2, 0]);
        assert_eq!(ranked(&[&[0, 1, 2], &[0, 3, 4], &[4]], recency, 2), [4, 0]);
    }

    #[test]
    fn refused_items_are_not_counted() {
        let recency = |i: usize| i;
        let owned = lists(&[&[1, 2, 3], &[2, 3]], recency);
        let refs: Vec<&[usize]> = owned.iter().map(Vec::as_slice).collect();
        assert_eq!(most_shared(&refs, |i| i != 2, recency, 3), [3, 1]);
    }

    /// The merge against the rule written plainly: count each item over all lists, then
    /// sort by count, recency and index; on many random tag sets.
    #[test]
    fn the_merge_ranks_as_counting_and_sorting_does() {
        let mut seed = 0x9e37_79b9_u64;
        let mut next = move |n: u64| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            (seed % n) as usize
        };
        for _ in 0..500 {
            let items = 1 + next(40);
            let recency: Vec<usize> = (0..items).map(|_| next(10)).collect();
            let rec = |i: usize| recency[i];
            let tags: Vec<Vec<usize>> = (0..next(6))
                .map(|_| {
                    let mut t: Vec<usize> = (0..items).filter(|_| next(3) == 0).collect();
                    t.sort_by_key(|&i| (rec(i), i));
                    t
                })
                .collect();
            let refs: Vec<&[usize]> = tags.iter().map(Vec::as_slice).collect();
            let limit = next(8);
            let mut counted: Vec<(usize, usize, usize)> = (0..items)
                .map(|i| (tags.iter().filter(|t| t.contains(&i)).count(), rec(i), i))
                .filter(|&(n, _, _)| n > 0)
                .collect();
            counted.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
            let expected: Vec<usize> = counted.iter().take(limit).map(|&(_, _, i)| i).collect();
            assert_eq!(most_shared(&refs, |_| true, rec, limit), expected, "{tags:?} limit {limit}");
        }
    }
}
