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

/// Who an article is by, as templates, JSON-LD and feeds show it.
#[derive(Debug, Clone, Copy)]
pub struct Byline<'a> {
    pub name: &'a str,
    /// The `[authors]` profile, when the name written is one of its ids.
    pub profile: Option<(&'a str, &'a Author)>,
    /// Whether the article names its author itself rather than taking the site's.
    pub own: bool,
}

impl<'a> Byline<'a> {
    pub fn url(&self) -> Option<&'a str> {
        self.profile.and_then(|(_, a)| a.url.as_deref()).map(str::trim)
    }
}

/// The article's own `author:` when it writes one, else the site's `author`; either is
/// a profile when it is one of the ids. None when neither names anyone.
pub fn byline<'a>(authors: &'a Authors, own: Option<&'a str>, site_author: &'a str) -> Option<Byline<'a>> {
    let own = own.map(str::trim).filter(|a| !a.is_empty());
    let written = own.unwrap_or(site_author.trim());
    if written.is_empty() {
        return None;
    }
    let profile = authors.get_key_value(written).map(|(id, a)| (id.as_str(), a));
    Some(Byline { name: profile.map_or(written, |(_, a)| a.name.as_str()), profile, own: own.is_some() })
}

/// An article's `author:` against the profiles. Before a site has any, `author:` is a
/// plain name as it always was; once it has some, a name that is no id is a mistake
/// (most likely a typo of one), and the message lists the ids.
pub fn check_reference(authors: &Authors, written: &str) -> Result<(), String> {
    let written = written.trim();
    if authors.is_empty() || written.is_empty() || authors.contains_key(written) {
        return Ok(());
    }
    let known: Vec<&str> = authors.keys().map(String::as_str).collect();
    Err(format!("`author`: {written:?} is not an author id of site.toml's [authors]; known ids: {}", known.join(", ")))
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

    #[test]
    fn an_id_resolves_to_its_profile_and_a_plain_name_stays_a_name() {
        let a = authors();
        let b = byline(&a, Some("ana"), "The editors").unwrap();
        assert_eq!((b.name, b.profile.map(|(id, _)| id), b.own), ("Ana Díaz", Some("ana"), true));
        let b = byline(&a, None, "The editors").unwrap();
        assert_eq!((b.name, b.profile.is_none(), b.own), ("The editors", true, false));
        // The site's author may itself be an id.
        assert_eq!(byline(&a, Some("  "), "ana").unwrap().name, "Ana Díaz");
        assert!(byline(&a, None, " ").is_none());
    }

    #[test]
    fn unknown_ids_are_errors_only_once_profiles_exist() {
        assert!(check_reference(&Authors::new(), "Jo Bloggs").is_ok());
        assert!(check_reference(&authors(), "ana").is_ok());
        let message = check_reference(&authors(), "anna").unwrap_err();
        assert!(message.contains("\"anna\"") && message.ends_with("known ids: ana"), "{message}");
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
