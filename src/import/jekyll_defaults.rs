//! Jekyll's front matter defaults (`defaults:` in `_config.yml`): values each document in
//! a scope gets unless its own front matter sets them. A post's old URL (`permalink`), its
//! tags and its author often come from there, so an import that skipped them would lose
//! every old URL of such a site without a word.

use serde_json::{Map, Value};

/// The `defaults` list of `_config.yml`, in the order written.
#[derive(Debug, Default)]
pub struct Defaults(Vec<Set>);

#[derive(Debug)]
struct Set {
    /// The scope's path, without leading `./` or `/` or a trailing `/`: "" is every file.
    path: String,
    /// `posts`, `pages`, `drafts` or a collection's name; None is every type.
    kind: Option<String>,
    values: Map<String, Value>,
}

/// What kind of document Jekyll saw in a file, for a scope's `type`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind<'a> {
    Post,
    Draft,
    Page,
    /// A document of the collection so named (`_guides/x.md` is `guides`).
    Collection(&'a str),
}

impl Defaults {
    /// The sets of `config["defaults"]`; one without `values` sets nothing and is left out.
    /// A scope's path under `collections_dir` is read from inside it, as Jekyll reads it.
    pub fn of(config: &Map<String, Value>, collections_dir: &str) -> Defaults {
        let Some(Value::Array(sets)) = config.get("defaults") else { return Defaults::default() };
        let sets = sets
            .iter()
            .filter_map(|set| {
                let values = set.get("values")?.as_object()?.clone();
                let scope = set.get("scope");
                let text = |key: &str| scope.and_then(|s| s.get(key)).and_then(Value::as_str);
                let path = text("path").unwrap_or("").trim_start_matches("./").trim_matches('/');
                let path = match collections_dir {
                    "" => path,
                    dir => path.strip_prefix(dir).map_or(path, |rest| rest.trim_start_matches('/')),
                };
                let path = path.to_string();
                Some(Set { path, kind: text("type").map(str::to_string), values })
            })
            .collect();
        Defaults(sets)
    }

    /// `meta` (a document's front matter, at `rel` in the source) with every default of
    /// its scopes under it: its own keys win, and nested maps are merged key by key.
    pub fn apply(&self, rel: &str, kind: Kind<'_>, meta: &mut Map<String, Value>) {
        let mut merged = Map::new();
        let mut leading: Option<&Set> = None;
        for set in self.0.iter().filter(|set| set.matches(rel, kind)) {
            if leading.is_none_or(|old| set.outranks(old)) {
                merge(&mut merged, &set.values);
                leading = Some(set);
            } else {
                let mut under = set.values.clone();
                merge(&mut under, &merged);
                merged = under;
            }
        }
        if !merged.is_empty() {
            merge(&mut merged, meta);
            *meta = merged;
        }
    }
}

impl Set {
    fn matches(&self, rel: &str, kind: Kind<'_>) -> bool {
        let kind_matches = match (self.kind.as_deref(), kind) {
            (None, _) => true,
            // Jekyll keeps drafts in the posts collection: `type: posts` covers them too.
            (Some("posts"), Kind::Post | Kind::Draft) | (Some("drafts"), Kind::Draft) | (Some("pages"), Kind::Page) => {
                true
            }
            (Some(named), Kind::Collection(label)) => named == label,
            _ => false,
        };
        kind_matches && within(&self.path, rel)
    }

    /// Jekyll's precedence: the longer path wins; on equal paths one with a `type` wins,
    /// and otherwise the later set, unless only the earlier one names a type.
    fn outranks(&self, old: &Set) -> bool {
        if self.path.len() != old.path.len() {
            return self.path.len() > old.path.len();
        }
        self.kind.is_some() || old.kind.is_none()
    }
}

/// Whether `rel` is `scope` or inside it, folder by folder; a scope with `*` is a glob of
/// folder and file names (`*` stays within one name, `**` crosses any number of folders).
fn within(scope: &str, rel: &str) -> bool {
    if scope.is_empty() {
        return true;
    }
    let scope: Vec<&str> = scope.split('/').collect();
    let rel: Vec<&str> = rel.split('/').collect();
    prefix_matches(&scope, &rel)
}

/// Whether the names of `scope` match the first names of `rel`: the positions of `rel`
/// each scope name can end at, worked out name by name, so that many `**` cost scope
/// times path, never a search of every way to split the path.
fn prefix_matches(scope: &[&str], rel: &[&str]) -> bool {
    let chars = |s: &str| s.chars().collect::<Vec<char>>();
    // reach[i]: the scope's names so far can match exactly the first `i` names of `rel`.
    let mut reach = vec![false; rel.len() + 1];
    reach[0] = true;
    for &name in scope {
        let mut next = vec![false; rel.len() + 1];
        if name == "**" {
            let first = reach.iter().position(|&r| r).unwrap_or(rel.len() + 1);
            next.iter_mut().skip(first).for_each(|n| *n = true);
        } else {
            let pattern = chars(name);
            for i in (0..rel.len()).filter(|&i| reach[i]) {
                next[i + 1] = super::jekyll::fnmatch(&pattern, &chars(rel[i]));
            }
        }
        reach = next;
    }
    reach.contains(&true)
}

/// `over`'s keys into `base`, maps merged key by key (Jekyll's `deep_merge_hashes`).
fn merge(base: &mut Map<String, Value>, over: &Map<String, Value>) {
    for (key, value) in over {
        match (base.get_mut(key), value) {
            (Some(Value::Object(inner)), Value::Object(more)) => merge(inner, more),
            _ => {
                base.insert(key.clone(), value.clone());
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn defaults(sets: Value) -> Defaults {
        Defaults::of(json!({ "defaults": sets }).as_object().unwrap(), "")
    }

    fn applied(d: &Defaults, rel: &str, kind: Kind<'_>, own: Value) -> Value {
        let mut meta = own.as_object().unwrap().clone();
        d.apply(rel, kind, &mut meta);
        Value::Object(meta)
    }

    #[test]
    fn a_documents_own_keys_win_and_maps_merge() {
        let d = defaults(json!([
            { "scope": { "path": "", "type": "posts" },
              "values": { "permalink": "/blog/:title/", "author": "Jane", "extra": { "a": 1, "b": 2 } } },
        ]));
        let got = applied(&d, "_posts/2020-01-02-x.md", Kind::Post, json!({ "author": "Sam", "extra": { "b": 3 } }));
        assert_eq!(got, json!({ "permalink": "/blog/:title/", "author": "Sam", "extra": { "a": 1, "b": 3 } }));
        assert_eq!(applied(&d, "about.md", Kind::Page, json!({ "title": "A" })), json!({ "title": "A" }));
        assert_eq!(applied(&d, "_drafts/x.md", Kind::Draft, json!({}))["author"], "Jane", "drafts are posts");
        let guides = defaults(json!([{ "scope": { "type": "guides" }, "values": { "author": "Guide" } }]));
        assert_eq!(applied(&guides, "_guides/a.md", Kind::Collection("guides"), json!({}))["author"], "Guide");
        assert_eq!(applied(&guides, "_tips/a.md", Kind::Collection("tips"), json!({})), json!({}));
    }

    #[test]
    fn the_more_specific_scope_wins_whatever_the_order() {
        let d = defaults(json!([
            { "scope": { "path": "_posts/jobs" }, "values": { "layout": "job", "tags": ["jobs"] } },
            { "scope": { "path": "" }, "values": { "layout": "default", "author": "Site" } },
            { "scope": { "path": "", "type": "posts" }, "values": { "layout": "post" } },
            { "scope": { "path": "" }, "values": { "layout": "later but no type" } },
        ]));
        let job = applied(&d, "_posts/jobs/2020-01-01-a.md", Kind::Post, json!({}));
        assert_eq!(job, json!({ "layout": "job", "tags": ["jobs"], "author": "Site" }));
        assert_eq!(applied(&d, "_posts/2020-01-01-b.md", Kind::Post, json!({}))["layout"], "post");
        // Equal paths, no type on either: the later set wins.
        assert_eq!(applied(&d, "about.md", Kind::Page, json!({}))["layout"], "later but no type");
        // A path is a folder, not a string prefix.
        assert_eq!(applied(&d, "_posts/jobsearch/2020-01-01-c.md", Kind::Post, json!({}))["layout"], "post");
    }

    #[test]
    fn scopes_match_folders_and_globs() {
        assert!(within("", "anything/at/all.md"));
        assert!(within("docs", "docs/a.md") && within("docs", "docs") && !within("docs", "docsy/a.md"));
        assert!(within("docs/*", "docs/guide/a.md") && within("*/guide", "docs/guide/a.md"));
        assert!(within("**/a.md", "x/y/a.md") && within("_posts/*-x.md", "_posts/2020-01-01-x.md"));
        assert!(!within("docs/*.md", "docs/guide/a.md") && !within("pages", "docs/pages/a.md"));
        assert!(within("**", "a.md") && within("x/**/a.md", "x/a.md") && !within("x/**/a.md", "y/a.md"));
        // Many `**` against a deep path that fails at its end: no search of every split.
        let many = format!("{}/nomatch", vec!["**"; 40].join("/"));
        let deep = format!("{}/post.md", vec!["d"; 40].join("/"));
        assert!(!within(&many, &deep));
        let d = defaults(json!([{ "scope": { "path": "/docs/" }, "values": { "author": "Docs" } }, { "values": 3 }]));
        assert_eq!(applied(&d, "docs/a.md", Kind::Page, json!({}))["author"], "Docs", "slashes around it are ignored");
        assert_eq!(d.0.len(), 1, "a set whose values are not a map sets nothing");
        // Under `collections_dir: col`, `col/_posts` and `_posts` are one scope.
        let sets = json!({ "defaults": [{ "scope": { "path": "col/_posts" }, "values": { "author": "P" } }] });
        let d = Defaults::of(sets.as_object().unwrap(), "col");
        assert_eq!(applied(&d, "_posts/2020-01-01-a.md", Kind::Post, json!({}))["author"], "P");
    }
}
