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
/// Every article ranks its neighbours this way (related reading and its job callout, on
/// every build), so this counts in a small open-addressed table (the lists hold at most a
/// few hundred items in all, so it stays in the first-level cache) and keeps the best
/// `limit` in one pass over it, with no sort. A merge of the lists' heads did the same work
/// with a compare per list per item; once every tag's window was full (100,000 articles,
/// 20,000 listings) it was a tenth of a rebuild's CPU time.
pub fn most_shared(
    lists: &[&[usize]],
    keep: impl Fn(usize) -> bool,
    recency: impl Fn(usize) -> usize,
    limit: usize,
) -> Vec<usize> {
    let entries: usize = lists.iter().map(|l| l.len()).sum();
    let mut table = Counts::with_room_for(entries);
    for (list, items) in lists.iter().enumerate() {
        for &item in *items {
            table.count(item, list);
        }
    }
    // (times seen, recency, item), best first.
    let mut best: Vec<(u32, usize, usize)> = Vec::with_capacity(limit + 1);
    let better =
        |a: &(u32, usize, usize), b: &(u32, usize, usize)| a.0 > b.0 || (a.0 == b.0 && (a.1, a.2) < (b.1, b.2));
    for (item, seen) in table.items() {
        // Full, and seen less often than the last kept: out, without looking up its
        // recency (most items are seen once, and each lookup is a miss in a large site).
        if best.len() == limit && best.last().is_none_or(|worst| seen < worst.0) {
            continue;
        }
        let candidate = (seen, recency(item), item);
        // Full, and no better than the last kept: nothing to do, not even ask `keep`.
        if best.len() == limit && best.last().is_none_or(|worst| !better(&candidate, worst)) {
            continue;
        }
        if !keep(item) {
            continue;
        }
        let at = best.iter().position(|b| better(&candidate, b)).unwrap_or(best.len());
        if at < limit {
            best.insert(at, candidate);
            best.truncate(limit);
        }
    }
    best.into_iter().map(|(_, _, i)| i).collect()
}

/// How many lists name each item: open addressing with linear probing, at most half full.
struct Counts {
    /// (item + 1, times seen, last list counted); item 0 is an empty slot. Counts and list
    /// numbers are small, and 16-byte slots keep the table in the first-level cache.
    slots: Vec<(usize, u32, u32)>,
    /// The slots taken, in the order they were: the items are read back from these, not
    /// by scanning a table that is at least half empty (a scan was most of this module's
    /// time in a 100,000-article rebuild).
    taken: Vec<usize>,
    mask: usize,
    /// The hash's top bits pick the slot.
    shift: u32,
}

impl Counts {
    fn with_room_for(entries: usize) -> Counts {
        let size = (entries * 2).next_power_of_two().max(16);
        Counts {
            slots: vec![(0, 0, 0); size],
            taken: Vec::with_capacity(entries),
            mask: size - 1,
            shift: u64::BITS - size.trailing_zeros(),
        }
    }

    fn count(&mut self, item: usize, list: usize) {
        let key = item.wrapping_add(1);
        // An article has a few tags. Past u32::MAX list numbers wrap, and an item named by
        // two lists counted one after the other whose numbers wrap to the same value would
        // count once: a miscount at four billion lists, never a panic.
        let list = list as u32;
        // Fibonacci hashing: item numbers are dense, and this spreads neighbours apart.
        let mut at = ((key as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) >> self.shift) as usize & self.mask;
        loop {
            let slot = &mut self.slots[at];
            if slot.0 == key {
                // A list names an item once; were it there twice, it still counts once.
                if slot.2 != list {
                    slot.1 = slot.1.saturating_add(1);
                    slot.2 = list;
                }
                return;
            }
            if slot.0 == 0 {
                *slot = (key, 1, list);
                self.taken.push(at);
                return;
            }
            at = (at + 1) & self.mask;
        }
    }

    fn items(&self) -> impl Iterator<Item = (usize, u32)> + '_ {
        self.taken.iter().map(|&at| (self.slots[at].0 - 1, self.slots[at].1))
    }
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

    #[test]
    fn an_item_twice_in_one_list_counts_once() {
        let recency = |i: usize| i;
        // 1 is named twice by the first list only; 2 by both lists, so it leads.
        assert_eq!(most_shared(&[&[1, 1, 2], &[2]], |_| true, recency, 3), [2, 1]);
        // Three names of 5 in one list do not beat two lists naming 9.
        assert_eq!(most_shared(&[&[5, 5, 5, 9], &[9]], |_| true, recency, 1), [9]);
    }

    /// The counting against the rule written plainly: count each item over all lists, then
    /// sort by count, recency and index; on many random tag sets.
    #[test]
    fn the_table_ranks_as_counting_and_sorting_does() {
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
