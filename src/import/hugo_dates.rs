//! Hugo's four front matter dates in one table: the keys that give each (its own and its
//! aliases) and the order Hugo reads them in by default. A site's `[frontmatter]` orders
//! (`import::hugo`), the reading of a page without one (`import::meta`) and the key case
//! Hugo ignores (`import::hugo`) all go by it, so they cannot disagree on which key is
//! which date: kept apart, `published` was an alias in one and no date in another.

/// One of the dates Hugo's `[frontmatter]` can order. careerpress has `date` and `updated`;
/// a later `publishDate` becomes the date, and an `expiryDate` a draft or a note (`meta`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Field {
    Date,
    Lastmod,
    PublishDate,
    ExpiryDate,
}

/// A date's keys, the first its name under `[frontmatter]` and the spelling the import
/// reads it by, the rest its aliases; and Hugo's default order for it, by the dates it
/// reads (each standing for all of its keys) and Hugo's `:` tokens.
struct Row {
    field: Field,
    keys: &'static [&'static str],
    default: &'static [&'static str],
}

/// As Hugo's docs ("Configure front matter") give them; Hugo compares every key in lower
/// case, so the spelling here is only the one careerpress's own reading expects.
const TABLE: [Row; 4] = [
    Row { field: Field::Date, keys: &["date"], default: &["date", "publishDate", "lastmod"] },
    Row { field: Field::Lastmod, keys: &["lastmod", "modified"], default: &[":git", "lastmod", "date", "publishDate"] },
    Row {
        field: Field::PublishDate,
        keys: &["publishDate", "pubdate", "published"],
        default: &["publishDate", "date"],
    },
    Row { field: Field::ExpiryDate, keys: &["expiryDate", "unpublishdate"], default: &["expiryDate"] },
];

impl Field {
    pub const ALL: [Field; 4] = [Field::Date, Field::Lastmod, Field::PublishDate, Field::ExpiryDate];

    fn row(self) -> &'static Row {
        TABLE.iter().find(|row| row.field == self).unwrap_or(&TABLE[0])
    }

    /// Its name under `[frontmatter]`, and the front matter key careerpress reads for it.
    pub fn name(self) -> &'static str {
        self.row().keys[0]
    }

    /// The front matter keys that give it: its own, then its aliases.
    pub fn keys(self) -> &'static [&'static str] {
        self.row().keys
    }
}

/// The date `name` (in any case) is Hugo's name of, if any.
fn named(name: &str) -> Option<Field> {
    Field::ALL.into_iter().find(|field| field.name().eq_ignore_ascii_case(name))
}

/// Every key of Hugo's dates, aliases included, in the spelling the import reads it by.
pub fn all_keys() -> impl Iterator<Item = &'static str> {
    TABLE.iter().flat_map(|row| row.keys.iter().copied())
}

/// `order` of `field` as Hugo reads it: `:default` is Hugo's own order for the field, and
/// each date's name (in any case) is followed by its aliases. Any other name is a front
/// matter key of the site's own (`date = ["myDate", ":default"]`) and stays as written, as
/// do `:` tokens. An entry already read is not read again.
pub fn expanded(field: Field, order: &[String]) -> Vec<String> {
    let defaults = field.row().default.iter().map(|entry| entry.to_string());
    let names = order.iter().flat_map(|entry| {
        if entry.eq_ignore_ascii_case(":default") {
            defaults.clone().collect()
        } else {
            vec![entry.clone()]
        }
    });
    let mut out: Vec<String> = Vec::new();
    for name in names {
        let keys =
            named(&name).map_or_else(|| vec![name.clone()], |f| f.keys().iter().map(|k| k.to_string()).collect());
        for key in keys {
            if !out.iter().any(|k| k.eq_ignore_ascii_case(&key)) {
                out.push(key);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn default_orders_are_hugos_with_every_alias() {
        let lower =
            |field: Field| expanded(field, &[":default".into()]).iter().map(|k| k.to_lowercase()).collect::<Vec<_>>();
        assert_eq!(lower(Field::Date), ["date", "publishdate", "pubdate", "published", "lastmod", "modified"]);
        assert_eq!(lower(Field::PublishDate), ["publishdate", "pubdate", "published", "date"]);
        let lastmod = [":git", "lastmod", "modified", "date", "publishdate", "pubdate", "published"];
        assert_eq!(lower(Field::Lastmod), lastmod);
        assert_eq!(lower(Field::ExpiryDate), ["expirydate", "unpublishdate"]);
    }

    #[test]
    fn an_orders_names_give_their_keys_and_default_hugos_order() {
        let order = |entries: &[&str]| {
            let entries: Vec<String> = entries.iter().map(|e| e.to_string()).collect();
            expanded(Field::Date, &entries)
        };
        assert_eq!(order(&["PUBLISHDATE", "myDate"]), ["publishDate", "pubdate", "published", "myDate"]);
        assert_eq!(order(&["lastMod", ":fileModTime"]), ["lastmod", "modified", ":fileModTime"]);
        // An alias in an order is read alone, as Hugo adds aliases to a date's name only.
        assert_eq!(order(&["published"]), ["published"]);
        assert_eq!(order(&[":filename", ":default"])[..3], [":filename", "date", "publishDate"]);
        assert_eq!(all_keys().count(), 8);
        assert!(Field::ALL.iter().all(|f| f.keys()[0] == f.name()));
    }
}
