//! Ranking by shared tags, the one rule behind related articles and job callouts: the
//! items met most often among the tag lists come first, the newest first among equals.

/// Candidates are looked for among each shared tag's `WINDOW` newest items only: that
/// keeps the cost per article bounded however big a tag grows (a callout then costs what
/// it shows, not what the board holds), and exact for tags of up to this many items.
pub const WINDOW: usize = 100;

/// Up to `limit` items of `lists` (one list per shared tag, each newest first and cut to
/// its window, naming an item once), most often seen first, then by `recency` (smaller is
/// newer); items that `keep` refuses are not counted. `tables` lends the counting table.
///
/// Every article ranks its neighbours this way (related reading and its job callout, on
/// every build), so this counts each item in a table indexed by the item itself (see
/// [`Counts`]) and keeps the best `limit` in one pass over the items seen, with no sort.
/// A merge of the lists' heads did the same work with a compare per list per item.
pub fn most_shared(
    tables: &Tables,
    lists: &[&[usize]],
    keep: impl Fn(usize) -> bool,
    recency: impl Fn(usize) -> usize,
    limit: usize,
) -> Vec<usize> {
    tables.with(|table| {
        for items in lists {
            table.count(items);
        }
        best_of(table, keep, recency, limit)
    })
}

/// The best `limit` items counted in `table`, in one pass over them.
fn best_of(table: &Counts, keep: impl Fn(usize) -> bool, recency: impl Fn(usize) -> usize, limit: usize) -> Vec<usize> {
    // (times seen, recency, item), best first.
    let mut best: Vec<(u16, usize, usize)> = Vec::with_capacity(limit + 1);
    let better =
        |a: &(u16, usize, usize), b: &(u16, usize, usize)| a.0 > b.0 || (a.0 == b.0 && (a.1, a.2) < (b.1, b.2));
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

/// Counting tables kept between rankings: one for each thread of the pool that renders,
/// used only by it, and one for any other thread. A table is made once per thread and
/// build, not once per article, and stays with the core that uses it: tables handed to
/// whichever thread asked next cost about half as much again at 100,000 articles (most
/// likely in misses on lines the other core had written; docs/PERFORMANCE.md).
pub struct Tables {
    per_thread: Vec<std::sync::Mutex<Counts>>,
    other: std::sync::Mutex<Counts>,
}

impl Tables {
    /// Runs `rank` with this thread's table, cleared after. A table in use (by another
    /// thread outside the pool) or poisoned by a panic gives way to a new one.
    fn with<R>(&self, rank: impl FnOnce(&mut Counts) -> R) -> R {
        let slot = rayon::current_thread_index().and_then(|i| self.per_thread.get(i)).unwrap_or(&self.other);
        match slot.try_lock() {
            Ok(mut table) => {
                let ranked = rank(&mut table);
                table.clear();
                ranked
            }
            Err(_) => rank(&mut Counts::default()),
        }
    }
}

impl Default for Tables {
    fn default() -> Tables {
        Tables {
            per_thread: (0..rayon::current_num_threads()).map(|_| Default::default()).collect(),
            other: Default::default(),
        }
    }
}

impl Clone for Tables {
    /// Tables are scratch space: a clone starts with empty ones.
    fn clone(&self) -> Tables {
        Tables::default()
    }
}

impl std::fmt::Debug for Tables {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Tables")
    }
}

/// How many lists name each item, in a table indexed by the item: as long as the largest
/// item counted (two bytes per page of the site for related reading), zeroed once, and
/// cleared after each ranking only where it was counted in.
///
/// An open-addressed hash table, made for each ranking, did this before: small, but whether
/// an item's slot was new or taken could not be predicted, and made fresh it had to be
/// zeroed every time. At 100,000 articles and 20,000 listings, once every tag's window was
/// full, ranking was a twelfth of a rebuild's CPU time (flat profile, 1,618 samples of
/// 19,774); with this table and `Tables`, 910 samples.
#[derive(Default)]
struct Counts {
    /// Times seen, by item; 0 for an item not seen since the last `clear`. Counts stop at
    /// `u16::MAX` (that many tags on one article).
    seen: Vec<u16>,
    /// The items seen, in the order first seen: read back and cleared from these, never
    /// by scanning the whole table. Written ahead of `taken`, its length.
    order: Vec<usize>,
    taken: usize,
}

impl Counts {
    /// Counts each item of one list once: a list names an item once, and a repeat right
    /// after itself is skipped.
    fn count(&mut self, items: &[usize]) {
        if self.order.len() < self.taken + items.len() {
            self.order.resize(self.taken + items.len(), 0);
        }
        let mut last = None;
        let mut taken = self.taken;
        for &item in items {
            if last == Some(item) {
                continue;
            }
            last = Some(item);
            if item >= self.seen.len() {
                self.seen.resize(item + 1, 0);
            }
            let seen = &mut self.seen[item];
            // Written every time and kept only the first: no branch on whether it is new.
            self.order[taken] = item;
            taken += usize::from(*seen == 0);
            *seen = seen.saturating_add(1);
        }
        self.taken = taken;
    }

    fn items(&self) -> impl Iterator<Item = (usize, u16)> + '_ {
        self.order[..self.taken].iter().map(|&item| (item, self.seen[item]))
    }

    fn clear(&mut self) {
        for &item in &self.order[..self.taken] {
            self.seen[item] = 0;
        }
        self.taken = 0;
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
        most_shared(&Tables::default(), &refs, |_| true, recency, limit)
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
        assert_eq!(most_shared(&Tables::default(), &refs, |i| i != 2, recency, 3), [3, 1]);
    }

    #[test]
    fn an_item_twice_in_one_list_counts_once() {
        let recency = |i: usize| i;
        // 1 is named twice by the first list only; 2 by both lists, so it leads.
        let tables = Tables::default();
        assert_eq!(most_shared(&tables, &[&[1, 1, 2], &[2]], |_| true, recency, 3), [2, 1]);
        // Three names of 5 in one list do not beat two lists naming 9.
        assert_eq!(most_shared(&tables, &[&[5, 5, 5, 9], &[9]], |_| true, recency, 1), [9]);
    }

    /// The counting against the rule written plainly: count each item over all lists, then
    /// sort by count, recency and index; on many random tag sets.
    #[test]
    fn the_table_ranks_as_counting_and_sorting_does() {
        struct Case {
            recency: Vec<usize>,
            tags: Vec<Vec<usize>>,
            limit: usize,
            expected: Vec<usize>,
        }
        let mut next = crate::testing::random(0x9e37_79b9);
        let cases: Vec<Case> = (0..500)
            .map(|round| {
                // Now and then items past any counted before, so that a table grows.
                let items = 1 + if round % 50 == 49 { 400 + next(800) } else { next(40) };
                let recency: Vec<usize> = (0..items).map(|_| next(10)).collect();
                let tags: Vec<Vec<usize>> = (0..next(6))
                    .map(|_| {
                        let mut t: Vec<usize> = (0..items).filter(|_| next(3) == 0).collect();
                        t.sort_by_key(|&i| (recency[i], i));
                        t
                    })
                    .collect();
                let limit = next(8);
                let mut counted: Vec<(usize, usize, usize)> = (0..items)
                    .map(|i| (tags.iter().filter(|t| t.contains(&i)).count(), recency[i], i))
                    .filter(|&(n, _, _)| n > 0)
                    .collect();
                counted.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
                let expected = counted.iter().take(limit).map(|&(_, _, i)| i).collect();
                Case { recency, tags, limit, expected }
            })
            .collect();
        // One set of tables for every case, as a build's threads share them: what one
        // ranking leaves in a table must not count in the next, on this thread (the table
        // for threads outside the pool) or on the pool's, several at once.
        let tables = Tables::default();
        let check = |case: &Case| {
            let refs: Vec<&[usize]> = case.tags.iter().map(Vec::as_slice).collect();
            let ranked = most_shared(&tables, &refs, |_| true, |i| case.recency[i], case.limit);
            assert_eq!(ranked, case.expected, "{:?} limit {}", case.tags, case.limit);
        };
        cases.iter().for_each(check);
        use rayon::prelude::*;
        cases.par_iter().for_each(check);
    }
}
