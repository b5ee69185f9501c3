//! Who wrote an article: site.toml's `[authors.<id>]` profiles and how an article's
//! `author:` names one. Readers of career advice want to know whose advice it is, so one
//! profile feeds the author block, the JSON-LD `author` and the Atom author alike.

use crate::seo::{Image, ImageMeta};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// site.toml `[authors]`: profiles by id, in id order so messages list them stably.
pub type Authors = BTreeMap<String, Author>;

/// One `[authors.<id>]` table.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Author {
    pub name: String,
    /// The `image:` shape of front matter; `alt` may be left out and is then the name.
    pub photo: Option<ImageMeta>,
    /// One line about the author.
    pub bio: Option<String>,
    /// The author's own page: an http(s) URL or a path on this site.
    pub url: Option<String>,
    /// `photo` once checked.
    #[serde(skip)]
    pub photo_image: Option<Image>,
}

/// Checks every profile; the error is the key path under `[authors]` (`[id, "photo",
/// "width"]`) and its message.
pub fn check(authors: &mut Authors) -> Result<(), (Vec<String>, String)> {
    for (id, author) in authors.iter_mut() {
        let at = |key: &str, m: String| (vec![id.clone(), key.to_string()], m);
        if !is_id(id) {
            return Err((
                vec![id.clone()],
                format!("{id:?} is not an author id: use lower-case letters, digits, `-` and `_`, e.g. \"ana-diaz\""),
            ));
        }
        author.name = author.name.trim().to_string();
        if author.name.is_empty() {
            return Err(at("name", "is required: the name readers see".into()));
        }
        if let Some(bio) = &author.bio {
            if bio.contains('\n') {
                return Err(at("bio", "is one line; longer biographies belong on the author's own page".into()));
            }
        }
        if let Some(url) = &author.url {
            check_url(url.trim()).map_err(|m| at("url", m))?;
        }
        author.photo_image = match &author.photo {
            Some(photo) => {
                let mut photo = photo.clone();
                if photo.alt.as_deref().is_none_or(|a| a.trim().is_empty()) {
                    photo.alt = Some(author.name.clone());
                }
                // Profiles belong to no article folder, so a photo is under static/ or a URL.
                let image = photo.check(false).map_err(|(key, m)| (vec![id.clone(), "photo".into(), key.into()], m))?;
                Some(image)
            }
            None => None,
        };
    }
    Ok(())
}

/// Ids are what articles write in `author:` and what CSS or templates may key on.
fn is_id(id: &str) -> bool {
    !id.is_empty() && id.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-' || c == '_')
}

/// An author's link: absolute http(s), or a path on this site.
fn check_url(url: &str) -> Result<(), String> {
    let host = url.strip_prefix("https://").or_else(|| url.strip_prefix("http://"));
    let ok = match host {
        Some(rest) => !rest.is_empty() && !rest.starts_with('/'),
        None => url.starts_with('/') && !url.starts_with("//"),
    };
    if ok && !url.chars().any(|c| c.is_whitespace() || c.is_control() || "\"<>\\".contains(c)) {
        Ok(())
    } else {
        Err(format!("{url:?} is not a link: give an https:// URL or a path on this site such as \"/about/\""))
    }
}

/// One person an article credits: the name readers see, and the `[authors]` profile when
/// the name written is one of its ids.
#[derive(Debug, Clone, Copy)]
pub struct Credit<'a> {
    pub name: &'a str,
    pub profile: Option<(&'a str, &'a Author)>,
}

impl<'a> Credit<'a> {
    pub fn url(&self) -> Option<&'a str> {
        self.profile.and_then(|(_, a)| a.url.as_deref()).map(str::trim)
    }
}

/// Who an article is by, as templates, JSON-LD and feeds show it: one person, or several
/// in the order the article names them.
#[derive(Debug, Clone)]
pub struct Byline<'a> {
    pub credits: Vec<Credit<'a>>,
    /// Whether the article names its authors itself rather than taking the site's.
    pub own: bool,
}

impl<'a> Byline<'a> {
    /// Every name, as one line where a theme wants a single text (`page.author`).
    pub fn names(&self) -> std::borrow::Cow<'a, str> {
        match self.credits.as_slice() {
            [one] => one.name.into(),
            many => many.iter().map(|c| c.name).collect::<Vec<_>>().join(", ").into(),
        }
    }
}

/// The article's own `author:` when it writes one, else the site's `author`; each name is
/// a profile when it is one of the ids. None when neither names anyone.
pub fn byline<'a>(authors: &'a Authors, own: &'a [String], site_author: &'a str) -> Option<Byline<'a>> {
    let credit = |written: &'a str| {
        let profile = authors.get_key_value(written).map(|(id, a)| (id.as_str(), a));
        Credit { name: profile.map_or(written, |(_, a)| a.name.as_str()), profile }
    };
    let mine: Vec<Credit<'a>> = own.iter().map(|w| w.trim()).filter(|w| !w.is_empty()).map(credit).collect();
    if !mine.is_empty() {
        return Some(Byline { credits: mine, own: true });
    }
    let site = site_author.trim();
    (!site.is_empty()).then(|| Byline { credits: vec![credit(site)], own: false })
}

/// For `#[serde(deserialize_with)]` on front matter `author`: one name or id, or a list of
/// them for an article written together; `~` names no one.
pub fn deserialize_written<'de, D: serde::Deserializer<'de>>(d: D) -> Result<Vec<String>, D::Error> {
    struct Written;
    impl<'de> serde::de::Visitor<'de> for Written {
        type Value = Vec<String>;
        fn expecting(&self, f: &mut std::fmt::Formatter) -> std::fmt::Result {
            f.write_str("a name or author id, or a list of them")
        }
        fn visit_str<E: serde::de::Error>(self, v: &str) -> Result<Vec<String>, E> {
            Ok(vec![v.to_string()])
        }
        fn visit_unit<E: serde::de::Error>(self) -> Result<Vec<String>, E> {
            Ok(Vec::new())
        }
        fn visit_none<E: serde::de::Error>(self) -> Result<Vec<String>, E> {
            Ok(Vec::new())
        }
        fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Vec<String>, A::Error> {
            let mut names = Vec::new();
            while let Some(name) = seq.next_element::<String>()? {
                names.push(name);
            }
            Ok(names)
        }
    }
    d.deserialize_any(Written)
}

/// What an article's `author:` may hold, on its own: trimmed names, none of them empty
/// (a lone `author: ""` names no one, as leaving it out does) and none twice. The error is
/// the index of the item at fault and its message.
pub fn tidy_written(written: &mut Vec<String>) -> Result<(), (usize, String)> {
    for name in written.iter_mut() {
        if name.trim().len() != name.len() {
            *name = name.trim().to_string();
        }
    }
    if let [only] = written.as_slice() {
        if only.is_empty() {
            written.clear();
        }
    }
    for (i, name) in written.iter().enumerate() {
        if name.is_empty() {
            return Err((i, format!("`author`: item {} is empty: write a name or an author id, or remove it", i + 1)));
        }
        if written[..i].contains(name) {
            return Err((i, format!("`author`: {name:?} is named twice")));
        }
    }
    Ok(())
}

/// An article's `author:` against the profiles. Before a site has any, `author:` holds
/// plain names as it always did; once it has some, a name that is no id is a mistake
/// (most likely a typo of one), and the message lists the ids. The error is the index of
/// the first such name and its message.
pub fn check_reference(authors: &Authors, written: &[String]) -> Result<(), (usize, String)> {
    if authors.is_empty() {
        return Ok(());
    }
    let Some(i) = written.iter().position(|w| !w.is_empty() && !authors.contains_key(w.as_str())) else {
        return Ok(());
    };
    let known: Vec<&str> = authors.keys().map(String::as_str).collect();
    let message = format!(
        "`author`: {:?} is not an author id of site.toml's [authors]; known ids: {}",
        written[i],
        known.join(", ")
    );
    Err((i, message))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ana() -> Author {
        Author { name: "Ana Díaz".into(), bio: Some("Recruiter for ten years.".into()), ..Default::default() }
    }

    fn authors() -> Authors {
        Authors::from([("ana".to_string(), ana())])
    }

    fn written(names: &[&str]) -> Vec<String> {
        names.iter().map(|n| n.to_string()).collect()
    }

    #[test]
    fn an_id_resolves_to_its_profile_and_a_plain_name_stays_a_name() {
        let a = authors();
        let ana_only = written(&["ana"]);
        let b = byline(&a, &ana_only, "The editors").unwrap();
        let c = b.credits[0];
        assert_eq!((c.name, c.profile.map(|(id, _)| id), b.own), ("Ana Díaz", Some("ana"), true));
        let b = byline(&a, &[], "The editors").unwrap();
        assert_eq!((b.names().as_ref(), b.credits[0].profile.is_none(), b.own), ("The editors", true, false));
        // The site's author may itself be an id.
        assert_eq!(byline(&a, &written(&["  "]), "ana").unwrap().names(), "Ana Díaz");
        assert!(byline(&a, &[], " ").is_none());
    }

    #[test]
    fn several_authors_are_credited_in_the_order_written() {
        let a = authors();
        let two = written(&["Bo Chen", "ana"]);
        let b = byline(&a, &two, "The editors").unwrap();
        assert_eq!(b.names(), "Bo Chen, Ana Díaz");
        let profiles: Vec<Option<&str>> = b.credits.iter().map(|c| c.profile.map(|(id, _)| id)).collect();
        assert_eq!(profiles, [None, Some("ana")]);
        assert!(b.own);
    }

    #[test]
    fn what_is_written_is_trimmed_and_each_name_given_once() {
        let mut w = written(&[" ana ", "bo"]);
        tidy_written(&mut w).unwrap();
        assert_eq!(w, ["ana", "bo"]);
        let mut lone_empty = written(&[" "]);
        tidy_written(&mut lone_empty).unwrap();
        assert!(lone_empty.is_empty(), "a lone empty name names no one");
        let (at, message) = tidy_written(&mut written(&["ana", " "])).unwrap_err();
        assert_eq!(at, 1);
        assert!(message.contains("item 2 is empty"), "{message}");
        let (at, message) = tidy_written(&mut written(&["ana", "bo", "ana "])).unwrap_err();
        assert_eq!((at, message.as_str()), (2, "`author`: \"ana\" is named twice"));
    }

    #[test]
    fn unknown_ids_are_errors_only_once_profiles_exist() {
        assert!(check_reference(&Authors::new(), &written(&["Jo Bloggs"])).is_ok());
        assert!(check_reference(&authors(), &written(&["ana"])).is_ok());
        let (at, message) = check_reference(&authors(), &written(&["ana", "anna"])).unwrap_err();
        assert_eq!(at, 1);
        assert!(message.contains("\"anna\"") && message.ends_with("known ids: ana"), "{message}");
    }

    #[test]
    fn front_matter_author_is_one_name_or_a_list() {
        #[derive(serde::Deserialize)]
        struct Meta {
            #[serde(default, deserialize_with = "deserialize_written")]
            author: Vec<String>,
        }
        let read = |yaml: &str| crate::yaml::parse::<Meta>(yaml).map(|m| m.author);
        assert_eq!(read("author: ana\n").unwrap(), ["ana"]);
        assert_eq!(read("author: [ana, Bo Chen]\n").unwrap(), ["ana", "Bo Chen"]);
        assert_eq!(read("author:\n  - ana\n  - bo\n").unwrap(), ["ana", "bo"]);
        assert!(read("author:\n").unwrap().is_empty());
        assert!(read("title: x\n").unwrap().is_empty());
        let e = read("author: 3\n").unwrap_err();
        assert!(e.message.contains("a name or author id, or a list of them"), "{}", e.message);
        assert!(read("author: [ana, {name: Bo}]\n").is_err());
        let toml: Meta = toml::from_str("author = [\"ana\", \"bo\"]").unwrap();
        assert_eq!(toml.author, ["ana", "bo"]);
    }

    #[test]
    fn profiles_are_checked_field_by_field() {
        let mut a = Authors::from([("ana".to_string(), Author { name: " ".into(), ..ana() })]);
        assert_eq!(check(&mut a).unwrap_err().0, ["ana", "name"]);
        let mut a = Authors::from([("Ana Díaz".to_string(), ana())]);
        assert_eq!(check(&mut a).unwrap_err().0, ["Ana Díaz"]);
        let mut a = Authors::from([("ana".to_string(), Author { url: Some("example.org".into()), ..ana() })]);
        assert_eq!(check(&mut a).unwrap_err().0, ["ana", "url"]);
        let mut a = Authors::from([("ana".to_string(), Author { bio: Some("a\nb".into()), ..ana() })]);
        assert_eq!(check(&mut a).unwrap_err().0, ["ana", "bio"]);
        let photo = ImageMeta { src: Some("ana.png".into()), alt: None, width: Some(96), height: Some(96) };
        let mut a = Authors::from([("ana".to_string(), Author { photo: Some(photo.clone()), ..ana() })]);
        assert_eq!(check(&mut a).unwrap_err().0, ["ana", "photo", "src"]);
        let photo = ImageMeta { src: Some("/img/ana.png".into()), ..photo };
        let mut a =
            Authors::from([("ana".to_string(), Author { photo: Some(photo), url: Some("/about/".into()), ..ana() })]);
        check(&mut a).unwrap();
        let image = a["ana"].photo_image.as_ref().unwrap();
        assert_eq!((image.alt.as_str(), image.width), ("Ana Díaz", 96), "alt defaults to the name");
    }

    #[test]
    fn urls_are_absolute_or_site_paths() {
        for good in ["https://example.org/ana", "http://a.io", "/about/"] {
            assert!(check_url(good).is_ok(), "{good}");
        }
        for bad in ["about", "//cdn.example.org", "javascript:alert(1)", "https://", "/a b"] {
            assert!(check_url(bad).is_err(), "{bad}");
        }
    }
}
