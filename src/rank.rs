//! Ranking by shared tags, the one rule behind related articles and job callouts: the
//! items met most often among the tag lists come first, the newest first among equals.

use std::collections::HashMap;

/// Candidates are looked for among each shared tag's `WINDOW` newest items only: that
/// keeps the cost per article bounded however big a tag grows (a callout then costs what
/// it shows, not what the board holds), and exact for tags of up to this many items.
pub const WINDOW: usize = 100;

/// An item in more windows than this is not paired (see [`Overlaps`]): pairs grow with the
/// square of an item's windows, and an article with 2,000 tags would make 2 million.
const HUB: usize = 32;

/// Every list's window (its newest items, as numbers that order them newest first), with
/// the items each two windows share, found once per index.
///
/// Each article ranks its neighbours (related reading and its job callout) on every build.
/// Counting every item of its tags' windows did 900 counts per article once the windows
/// were full (100,000 articles, 20,000 listings): ranking grew 31 times from 10,000
/// articles to 100,000, a twentieth of a rebuild. Yet an item met in two of the lists is
/// one that two of its tags share, and those are few: an article's pairs of tags (15 for
/// six tags) name them directly. The rest are met once, and the newest of those are at the
/// heads of the windows.
#[derive(Debug, Clone, Default)]
pub struct Overlaps {
    windows: Vec<Vec<usize>>,
    /// [`pair`] of (list, later list) → the items both windows hold, ascending; only pairs
    /// sharing any.
    pairs: HashMap<u64, Vec<usize>, crate::hashed::ByHash>,
    /// Per list: its items that are in more than `hub` windows, ascending, counted by
    /// meeting them in each list asked about instead of through pairs.
    hubs: Vec<Vec<usize>>,
}

impl Overlaps {
    /// `windows`, each ascending with no item twice, as [`window`] cuts them.
    pub fn new(windows: Vec<Vec<usize>>) -> Overlaps {
        Overlaps::with_hub(windows, HUB)
    }

    fn with_hub(windows: Vec<Vec<usize>>, hub: usize) -> Overlaps {
        // Every (item, list), by item: each item's lists side by side.
        let mut entries: Vec<(usize, u32)> = windows
            .iter()
            .enumerate()
            .flat_map(|(list, items)| items.iter().map(move |&item| (item, list as u32)))
            .collect();
        entries.sort_unstable();
        let mut pairs: HashMap<u64, Vec<usize>, crate::hashed::ByHash> = HashMap::default();
        let mut hubs = vec![Vec::new(); windows.len()];
        for run in entries.chunk_by(|a, b| a.0 == b.0) {
            let item = run[0].0;
            if run.len() > hub {
                run.iter().for_each(|&(_, list)| hubs[list as usize].push(item));
                continue;
            }
            for (n, &(_, a)) in run.iter().enumerate() {
                for &(_, b) in &run[n + 1..] {
                    pairs.entry(pair(a, b)).or_default().push(item);
                }
            }
        }
        Overlaps { windows, pairs, hubs }
    }

    /// The window of list `list`: empty for a list it was not given.
    pub fn window(&self, list: usize) -> &[usize] {
        self.windows.get(list).map_or(&[], Vec::as_slice)
    }

    /// Up to `limit` items of the windows of `lists` (each list named once), most often
    /// seen among them first, then the smaller (newer) item; items that `keep` refuses are
    /// passed over.
    pub fn most_shared(&self, lists: &[usize], keep: impl Fn(usize) -> bool, limit: usize) -> Vec<usize> {
        if limit == 0 {
            return Vec::new();
        }
        let mut lists: Vec<u32> = lists.iter().filter(|&&l| l < self.windows.len()).map(|&l| l as u32).collect();
        lists.sort_unstable();
        lists.dedup();
        // (times seen, item) of every kept item seen twice or more, best first.
        let mut best = self.seen_in_pairs(&lists);
        best.extend(self.seen_as_hubs(&lists));
        best.retain(|&(_, item)| keep(item));
        best.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
        best.truncate(limit);
        let mut picked: Vec<usize> = best.into_iter().map(|(_, item)| item).collect();
        if picked.len() < limit {
            self.newest_seen_once(&lists, &keep, limit, &mut picked);
        }
        picked
    }

    /// The items that two or more of `lists` share, none of them a hub, with how many.
    fn seen_in_pairs(&self, lists: &[u32]) -> Vec<(usize, usize)> {
        let mut met: Vec<usize> = Vec::new();
        for (n, &a) in lists.iter().enumerate() {
            for &b in &lists[n + 1..] {
                if let Some(items) = self.pairs.get(&pair(a, b)) {
                    met.extend_from_slice(items);
                }
            }
        }
        met.sort_unstable();
        // An item in `seen` of the lists is met once per pair of them.
        met.chunk_by(|a, b| a == b).map(|run| (lists_of_pairs(run.len()), run[0])).collect()
    }

    /// The hubs that two or more of `lists` hold, with how many.
    fn seen_as_hubs(&self, lists: &[u32]) -> Vec<(usize, usize)> {
        let mut met: Vec<usize> = lists.iter().flat_map(|&l| self.hubs[l as usize].iter().copied()).collect();
        met.sort_unstable();
        met.chunk_by(|a, b| a == b).filter(|run| run.len() > 1).map(|run| (run.len(), run[0])).collect()
    }

    /// Fills `picked` up to `limit` with the newest items seen in one list only, once every
    /// item seen in more has been picked or refused: the heads of the windows, merged.
    fn newest_seen_once(&self, lists: &[u32], keep: impl Fn(usize) -> bool, limit: usize, picked: &mut Vec<usize>) {
        let mut heads: Vec<&[usize]> = lists.iter().map(|&l| self.windows[l as usize].as_slice()).collect();
        while picked.len() < limit {
            let Some(next) = heads.iter_mut().filter(|h| !h.is_empty()).min_by_key(|h| h[0]) else { break };
            let item = next[0];
            *next = &next[1..];
            // Items seen more than once come round once per list: picked already, or refused.
            if keep(item) && !picked.contains(&item) {
                picked.push(item);
            }
        }
    }
}

/// The key of two lists in `Overlaps::pairs`, which is its own hash: both numbers side by
/// side, mixed by an odd multiplier (which maps distinct keys to distinct keys) so that
/// the map's high bits vary too.
fn pair(a: u32, b: u32) -> u64 {
    ((u64::from(a) << 32) | u64::from(b)).wrapping_mul(0x9e37_79b9_7f4a_7c15)
}

/// How many lists hold an item met in `pairs` of their pairs: n lists make n(n-1)/2.
fn lists_of_pairs(pairs: usize) -> usize {
    let mut lists = 2;
    while lists * (lists - 1) / 2 < pairs {
        lists += 1;
    }
    lists
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Windows as the index holds them: ascending.
    fn overlaps(windows: &[&[usize]]) -> Overlaps {
        Overlaps::new(windows.iter().map(|w| w.to_vec()).collect())
    }

    #[test]
    fn most_shared_first_then_newest() {
        // 3 is in three windows, 5 and 7 in two (5 is newer), 1 and 9 in one.
        let o = overlaps(&[&[3, 5, 7], &[1, 3, 7], &[3, 5, 9]]);
        assert_eq!(o.most_shared(&[0, 1, 2], |_| true, 3), [3, 5, 7]);
        assert_eq!(o.most_shared(&[0, 1, 2], |_| true, 10), [3, 5, 7, 1, 9]);
        assert_eq!(o.most_shared(&[2, 0], |_| true, 10), [3, 5, 7, 9]);
        assert_eq!(o.most_shared(&[0, 1, 2], |_| true, 0), Vec::<usize>::new());
        assert_eq!(o.most_shared(&[], |_| true, 3), Vec::<usize>::new());
        // A list the index was not given has nothing in it.
        assert_eq!(o.most_shared(&[1, 7], |_| true, 3), [1, 3, 7]);
        assert_eq!(o.window(7), &[] as &[usize]);
    }

    #[test]
    fn refused_items_are_passed_over() {
        let o = overlaps(&[&[1, 2, 3], &[2, 3]]);
        assert_eq!(o.most_shared(&[0, 1], |i| i != 2, 3), [3, 1]);
        assert_eq!(o.most_shared(&[0, 1], |i| i != 1, 3), [2, 3]);
    }

    #[test]
    fn a_list_named_twice_counts_once() {
        let o = overlaps(&[&[1, 2], &[2]]);
        assert_eq!(o.most_shared(&[0, 0, 1], |_| true, 3), [2, 1]);
    }

    #[test]
    fn lists_are_told_from_their_pairs() {
        for lists in 2..200 {
            assert_eq!(lists_of_pairs(lists * (lists - 1) / 2), lists);
        }
    }

    /// The ranking against the rule written plainly: count each item over the windows
    /// asked about, then sort by count and item; on many random windows, with every item
    /// paired, with every item shared by three or more windows a hub, and as built.
    #[test]
    fn pairs_and_hubs_rank_as_counting_and_sorting_does() {
        let mut next = crate::testing::random(0x9e37_79b9);
        for round in 0..600 {
            // Now and then many windows, so that items are in more than `HUB` of them.
            let lists = if round % 20 == 19 { 30 + next(20) } else { next(7) };
            let items = 1 + next(if round % 3 == 0 { 10 } else { 60 });
            let windows: Vec<Vec<usize>> = (0..lists).map(|_| (0..items).filter(|_| next(3) == 0).collect()).collect();
            let asked: Vec<usize> = (0..lists).filter(|_| next(2) == 0).collect();
            let refused = next(items + 1);
            let keep = |i: usize| i != refused;
            let limit = next(8);
            let mut counted: Vec<(usize, usize)> = (0..items)
                .filter(|&i| keep(i))
                .map(|i| (asked.iter().filter(|&&l| windows[l].contains(&i)).count(), i))
                .filter(|&(n, _)| n > 0)
                .collect();
            counted.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
            let expected: Vec<usize> = counted.iter().take(limit).map(|&(_, i)| i).collect();
            for hub in [usize::MAX, 2, HUB] {
                let o = Overlaps::with_hub(windows.clone(), hub);
                assert_eq!(o.most_shared(&asked, keep, limit), expected, "{windows:?} {asked:?} hub {hub}");
            }
        }
    }
}
