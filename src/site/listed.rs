//! The items of a list in a page's template input (articles on section, home and tag
//! pages; listings on the job board and in callouts), kept as indexes into the site. A
//! template gets each item's context; a fingerprint gets the hash of that context, made
//! once in a render of every page however many pages show the item (a render of a few
//! pages hashes each where it is asked for). At 100,000 articles in 200 tags a rebuild
//! fingerprinted 550,000 article summaries, each article's five or six times, and 300,000
//! listings in callouts, for 20,000 listings.

use super::cache::{self, InputHash};
use super::context::PageSummary;
use super::job_filters::BoardItem;
use super::jobs::JobSummary;
use super::Site;
use serde::ser::{Error as _, SerializeSeq};
use serde::{Serialize, Serializer};
use std::borrow::Cow;
use std::sync::OnceLock;

/// One hash per item of one kind (articles, board cards, callout listings), each made the
/// first time a page's fingerprint asks for it. Empty (nothing remembered) except in a
/// render of every page that fingerprints them.
#[derive(Default)]
pub(super) struct Hashes(Vec<OnceLock<Option<InputHash>>>);

/// For lists outside any render's fingerprints (a shortcode's callout): every hash is made
/// where it is asked for.
pub(super) static UNREMEMBERED: Hashes = Hashes(Vec::new());

impl Hashes {
    fn new(items: usize) -> Hashes {
        Hashes((0..items).map(|_| OnceLock::new()).collect())
    }

    fn get(&self, i: usize, make: impl FnOnce() -> Option<InputHash>) -> Option<InputHash> {
        match self.0.get(i) {
            Some(memo) => *memo.get_or_init(make),
            None => make(),
        }
    }
}

/// What one render remembers of list items (`Base::listed`).
#[derive(Default)]
pub(super) struct ListedHashes {
    pub(super) summaries: Hashes,
    pub(super) board: Hashes,
    pub(super) callout: Hashes,
}

impl ListedHashes {
    /// Room for every article and listing of `site`.
    pub(super) fn for_site(site: &Site) -> ListedHashes {
        ListedHashes {
            summaries: Hashes::new(site.pages.len()),
            board: Hashes::new(site.jobs.len()),
            callout: Hashes::new(site.jobs.len()),
        }
    }
}

/// Bytes to start an item's hash with: a summary or a card is a few hundred.
const ITEM_ROOM: usize = 1024;

/// A list of site items as a page's template input: `context` makes item `i`'s.
pub(super) struct Listed<'a, T> {
    site: &'a Site,
    items: Cow<'a, [usize]>,
    context: fn(&'a Site, usize) -> T,
    hashes: &'a Hashes,
}

impl<'a> Listed<'a, PageSummary<'a>> {
    /// Articles as section, home and tag pages list them.
    pub(super) fn summaries(site: &'a Site, hashes: &'a ListedHashes, items: &'a [usize]) -> Self {
        Listed { site, items: Cow::Borrowed(items), context: |s, i| s.page_summary(i), hashes: &hashes.summaries }
    }
}

impl<'a> Listed<'a, BoardItem<'a>> {
    /// Listings as the board and its filter pages show them.
    pub(super) fn board(site: &'a Site, hashes: &'a ListedHashes, items: &'a [usize]) -> Self {
        Listed { site, items: Cow::Borrowed(items), context: |s, i| s.board_item(i), hashes: &hashes.board }
    }
}

impl<'a> Listed<'a, JobSummary<'a>> {
    /// The listings a callout picked.
    pub(super) fn callout(site: &'a Site, hashes: &'a Hashes, picked: Vec<usize>) -> Self {
        Listed { site, items: Cow::Owned(picked), context: |s, i| s.job_summary(i), hashes }
    }
}

impl<T: Serialize> Serialize for Listed<'_, T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let context = |i: usize| (self.context)(self.site, i);
        if serializer.is_human_readable() {
            return serializer.collect_seq(self.items.iter().map(|&i| context(i)));
        }
        // The fingerprint's serializer (`hash_bytes`), the only one that is not
        // human-readable: the items' hashes stand for their contexts.
        let mut seq = serializer.serialize_seq(Some(self.items.len()))?;
        for &i in self.items.iter() {
            let hash = self.hashes.get(i, || cache::input_hash_from(&context(i), ITEM_ROOM));
            seq.serialize_element(&hash.ok_or_else(|| S::Error::custom("a list item cannot be hashed"))?)?;
        }
        seq.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How many times `hashes` makes item 1's hash when asked three times.
    fn makes(hashes: &Hashes) -> usize {
        let made = std::cell::Cell::new(0);
        for _ in 0..3 {
            hashes.get(1, || {
                made.set(made.get() + 1);
                Some(7)
            });
        }
        made.get()
    }

    #[test]
    fn a_remembered_hash_is_made_once_and_an_unremembered_one_each_time() {
        let hashes = Hashes::new(2);
        assert_eq!(makes(&hashes), 1);
        assert_eq!(hashes.get(1, || Some(8)), Some(7), "the first hash stands for the render");
        assert_eq!(makes(&UNREMEMBERED), 3);
    }
}
