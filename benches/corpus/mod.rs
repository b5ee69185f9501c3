//! The generated site every benchmark and the scale test share: articles in five sections,
//! each with 3 to 6 of 200 tags, plus job listings, in careerpress's layout and, for the
//! side-by-side runs, in Hugo's and Zola's with templates that do the same work.
//!
//! Deterministic: the same sizes always give the same bytes, so runs compare.

#![allow(dead_code)] // each bench uses a different part of it

use std::fmt::Write as _;
use std::fs;
use std::path::Path;

pub const SECTIONS: [&str; 5] = ["interviews", "follow-ups", "salary", "networking", "career-change"];
pub const TAGS: usize = 200;
pub const PAGINATE_BY: usize = 10;

const WORDS: [&str; 32] = [
    "interview",
    "candidate",
    "employer",
    "salary",
    "role",
    "team",
    "manager",
    "offer",
    "skills",
    "application",
    "feedback",
    "career",
    "question",
    "answer",
    "reference",
    "culture",
    "recruiter",
    "follow",
    "thank",
    "note",
    "deadline",
    "network",
    "mentor",
    "resume",
    "portfolio",
    "negotiate",
    "benefit",
    "promotion",
    "contract",
    "remote",
    "hybrid",
    "graduate",
];
const CITIES: [(&str, &str); 6] =
    [("Leeds", "GB"), ("Lyon", "FR"), ("Austin", "US"), ("Toronto", "CA"), ("Dublin", "IE"), ("Berlin", "DE")];

/// How big a site to generate.
#[derive(Clone, Copy, Debug)]
pub struct Corpus {
    pub articles: usize,
    pub listings: usize,
}

/// A small fast generator (PCG step), so that text varies without a dependency.
fn mix(i: usize, salt: usize) -> usize {
    let x = (i as u64).wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407 ^ salt as u64);
    ((x ^ (x >> 29)).wrapping_mul(0xbf58476d1ce4e5b9) >> 32) as usize
}

pub fn tag_name(t: usize) -> String {
    format!("topic-{t:03}")
}

impl Corpus {
    pub fn new(articles: usize, listings: usize) -> Corpus {
        Corpus { articles, listings }
    }

    pub fn section(i: usize) -> &'static str {
        SECTIONS[i % SECTIONS.len()]
    }

    pub fn slug(i: usize) -> String {
        format!("article-{i:06}")
    }

    /// The article's source, relative to the site root.
    pub fn article_path(i: usize) -> String {
        format!("content/{}/{}.md", Corpus::section(i), Corpus::slug(i))
    }

    /// The article's URL path.
    pub fn article_url(i: usize) -> String {
        format!("/{}/{}/", Corpus::section(i), Corpus::slug(i))
    }

    /// 3 to 6 distinct tags, drawn unevenly (low numbers are popular, as on real blogs).
    pub fn tags(i: usize) -> Vec<String> {
        let n = 3 + i % 4;
        let mut picked: Vec<usize> = Vec::with_capacity(n);
        let mut salt = 0;
        while picked.len() < n {
            let r = mix(i, salt) % (TAGS * TAGS);
            // The square root skews the draw towards the first tags.
            let t = (r as f64).sqrt() as usize;
            let t = TAGS - 1 - t.min(TAGS - 1);
            if !picked.contains(&t) {
                picked.push(t);
            }
            salt += 1;
        }
        picked.into_iter().map(tag_name).collect()
    }

    /// Distinct per article: one day apart per section, newest first by number, starting
    /// 2026-11-01 and going back (100,000 articles reach back to 1972).
    pub fn date(i: usize) -> String {
        let start = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        let day = start - chrono::Days::new((i / SECTIONS.len()) as u64);
        let minute = i % SECTIONS.len();
        format!("{}T09:{minute:02}:00Z", day.format("%Y-%m-%d"))
    }

    pub fn title(i: usize) -> String {
        let w = |s| WORDS[mix(i, s) % WORDS.len()];
        format!("Article {i}: the {} and the {}", w(100), w(101))
    }

    /// Between 50 and 160 characters, as search results want.
    pub fn description(i: usize) -> String {
        format!(
            "What article {i} teaches about the {}: a practical guide for candidates planning their next move.",
            WORDS[mix(i, 7) % WORDS.len()]
        )
    }

    /// About 300 words with two headings, a list and a link to the article before it in
    /// its section; `marker` goes into the first sentence, for edits.
    pub fn body(i: usize, marker: &str) -> String {
        let mut out = format!("The lead sentence of article {i} says {marker}.\n\n");
        for p in 0..4 {
            if p == 1 || p == 3 {
                let _ = writeln!(out, "## Part {p}: {}\n", WORDS[mix(i, 200 + p) % WORDS.len()]);
            }
            let words: Vec<&str> = (0..60).map(|w| WORDS[mix(i, p * 100 + w) % WORDS.len()]).collect();
            out.push_str(&words.join(" "));
            out.push_str(".\n\n");
        }
        for k in 0..3 {
            let _ =
                writeln!(out, "- {} {}", WORDS[mix(i, 300 + k) % WORDS.len()], WORDS[mix(i, 400 + k) % WORDS.len()]);
        }
        if i >= SECTIONS.len() {
            let prev = i - SECTIONS.len();
            let _ = writeln!(out, "\nRead [the article before]({}) too.", Corpus::article_url(prev));
        }
        out
    }

    /// A careerpress article: YAML front matter, then the body.
    pub fn article(i: usize, marker: &str) -> String {
        let tags = Corpus::tags(i).join(", ");
        format!(
            "---\ntitle: \"{}\"\ndate: {}\ndescription: \"{}\"\ntags: [{tags}]\n---\n\n{}",
            Corpus::title(i),
            Corpus::date(i),
            Corpus::description(i),
            Corpus::body(i, marker)
        )
    }

    pub fn listing_slug(j: usize) -> String {
        format!("role-{j:05}")
    }

    pub fn listing_tags(j: usize) -> Vec<String> {
        let n = 1 + j % 3;
        let mut tags: Vec<String> = (0..n).map(|k| tag_name(mix(j, 500 + k) % TAGS)).collect();
        tags.dedup();
        tags
    }

    fn listing_date(j: usize) -> String {
        let start = chrono::NaiveDate::from_ymd_opt(2026, 11, 1).unwrap();
        (start - chrono::Days::new((j % 300) as u64)).format("%Y-%m-%d").to_string()
    }

    /// A careerpress job listing, open until 2031.
    pub fn listing(j: usize) -> String {
        let (city, country) = CITIES[j % CITIES.len()];
        let min = 25_000 + (j % 40) * 1_000;
        format!(
            "---\ntitle: \"{} coordinator {j}\"\ncompany: \"Company {}\"\nemployment_type: FULL_TIME\n\
             date_posted: {}\nvalid_through: 2031-06-30\napply_url: \"https://jobs.example.com/apply/{j}\"\n\
             requisition_id: \"REQ-{j}\"\ncompany_logo: \"/logo.svg\"\n\
             tags: [{}]\nlocation: {{ street: \"{j} High Street\", city: \"{city}\", postal_code: \"{:05}\", country: \"{country}\" }}\n\
             salary: {{ min: {min}, max: {}, currency: \"EUR\", unit: YEAR }}\n---\n\n{}",
            capitalise(WORDS[mix(j, 1) % WORDS.len()]),
            j % 97,
            Corpus::listing_date(j),
            Corpus::listing_tags(j).join(", "),
            10_000 + j % 80_000,
            min + 8_000,
            Corpus::body(j, "this role is open")
        )
    }

    /// Writes the site in careerpress's layout, with the default theme.
    pub fn write_careerpress(&self, root: &Path) {
        fs::create_dir_all(root).unwrap();
        fs::write(
            root.join("site.toml"),
            format!(
                "title = \"Scale\"\nbase_url = \"https://scale.example.org/\"\nauthor = \"Scale team\"\n\
                 description = \"A generated site.\"\npaginate_by = {PAGINATE_BY}\n"
            ),
        )
        .unwrap();
        fs::create_dir_all(root.join("content")).unwrap();
        fs::write(root.join("content/_index.md"), "---\ntitle: Home\n---\n\nThe generated site.\n").unwrap();
        self.write_sources(root, "---\ntitle: \"{}\"\n---\n");
        copy_dir(&Path::new(env!("CARGO_MANIFEST_DIR")).join("themes/default"), &root.join("themes/default"));
        fs::create_dir_all(root.join("static")).unwrap();
        fs::write(
            root.join("static/logo.svg"),
            "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 10 10\"><rect width=\"10\" height=\"10\"/></svg>\n",
        )
        .unwrap();
    }
}

/// Hugo's templates for the same pages careerpress's default theme makes: article pages
/// with contents, tags, related articles, a job callout (the first tag's three newest
/// listings, from a listings-only taxonomy: filtering every listing, or every page of
/// a tag, made Hugo's build grow with the square of the site),
/// prev/next in section and JSON-LD; paginated home, section and tag lists; tag feeds,
/// section feeds, the sitemap; listing pages with JobPosting JSON-LD.
const HUGO_LAYOUTS: [(&str, &str); 7] = [
    (
        "_default/baseof.html",
        r##"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{{ .Title }} | {{ .Site.Title }}</title>
<meta name="description" content="{{ with .Description }}{{ . }}{{ else }}{{ .Summary | plainify | truncate 160 }}{{ end }}">
<link rel="canonical" href="{{ .Permalink }}">
<meta property="og:title" content="{{ .Title }}"><meta property="og:url" content="{{ .Permalink }}"><meta property="og:type" content="{{ if .IsPage }}article{{ else }}website{{ end }}">
{{ range .AlternativeOutputFormats }}<link rel="{{ .Rel }}" type="{{ .MediaType.Type }}" href="{{ .Permalink }}">{{ end }}
</head><body><header><a href="{{ .Site.Home.RelPermalink }}">{{ .Site.Title }}</a>
<nav>{{ range .Site.Sections }}<a href="{{ .RelPermalink }}">{{ .Title }}</a> {{ end }}<a href="/tags/">Tags</a></nav></header>
<main>{{ block "main" . }}{{ end }}</main><footer>{{ .Site.Title }}</footer></body></html>
"##,
    ),
    (
        "_default/single.html",
        r##"{{ define "main" }}<article><h1>{{ .Title }}</h1>
<time datetime="{{ .Date.Format "2006-01-02" }}">{{ .Date.Format "2 January 2006" }}</time>
<ul class="tags">{{ range .Params.tags }}<li><a href="/tags/{{ . | urlize }}/">{{ . }}</a></li>{{ end }}</ul>
{{ .TableOfContents }}
{{ .Content }}
<script type="application/ld+json">{"@context":"https://schema.org","@type":"BlogPosting","headline":{{ .Title | jsonify }},"datePublished":{{ .Date.Format "2006-01-02T15:04:05Z07:00" | jsonify }},"url":{{ .Permalink | jsonify }},"keywords":{{ .Params.tags | jsonify }}}</script>
{{ $related := .Site.RegularPages.Related . | first 3 }}{{ with $related }}<h2>Related reading</h2><ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a></li>{{ end }}</ul>{{ end }}
{{ $jobs := (index .Site.Taxonomies.jobtags (index .Params.tags 0)).Pages }}
{{ with first 3 $jobs }}<aside><h2>Open roles</h2><ul>{{ range . }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> at {{ .Params.company }}, {{ .Params.location.city }}</li>{{ end }}</ul></aside>{{ end }}
<nav>{{ with .NextInSection }}<a rel="prev" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }} {{ with .PrevInSection }}<a rel="next" href="{{ .RelPermalink }}">{{ .Title }}</a>{{ end }}</nav>
</article>{{ end }}
"##,
    ),
    (
        "_default/list.html",
        r##"{{ define "main" }}<h1>{{ .Title }}</h1>{{ $p := .Paginate .Pages }}
<ul>{{ range $p.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time><p>{{ .Summary | plainify | truncate 200 }}</p></li>{{ end }}</ul>
{{ with $p.Prev }}<a rel="prev" href="{{ .URL }}">Newer</a>{{ end }} {{ with $p.Next }}<a rel="next" href="{{ .URL }}">Older</a>{{ end }}{{ end }}
"##,
    ),
    (
        "index.html",
        r##"{{ define "main" }}<h1>{{ .Site.Title }}</h1>{{ $p := .Paginate (where .Site.RegularPages "Section" "ne" "jobs") }}
<ul>{{ range $p.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a> <time>{{ .Date.Format "2006-01-02" }}</time><p>{{ .Summary | plainify | truncate 200 }}</p></li>{{ end }}</ul>
{{ with $p.Next }}<a rel="next" href="{{ .URL }}">Older</a>{{ end }}{{ end }}
"##,
    ),
    (
        "_default/terms.html",
        r##"{{ define "main" }}<h1>Tags</h1><ul>{{ range .Data.Terms.Alphabetical }}<li><a href="{{ .Page.RelPermalink }}">{{ .Page.Title }}</a> ({{ .Count }})</li>{{ end }}</ul>{{ end }}
"##,
    ),
    (
        "jobs/single.html",
        r##"{{ define "main" }}<article><h1>{{ .Title }}</h1><p>{{ .Params.company }}, {{ .Params.location.city }}: {{ .Params.salary.min }} to {{ .Params.salary.max }} {{ .Params.salary.currency }} a year</p>
<p><a href="{{ .Params.apply_url }}">Apply</a></p>{{ .Content }}
<script type="application/ld+json">{"@context":"https://schema.org","@type":"JobPosting","title":{{ .Title | jsonify }},"description":{{ .Content | jsonify }},"datePosted":{{ .Params.date_posted | jsonify }},"validThrough":{{ .Params.valid_through | jsonify }},"employmentType":{{ .Params.employment_type | jsonify }},"hiringOrganization":{"@type":"Organization","name":{{ .Params.company | jsonify }}},"jobLocation":{"@type":"Place","address":{"@type":"PostalAddress","streetAddress":{{ .Params.location.street | jsonify }},"addressLocality":{{ .Params.location.city | jsonify }},"postalCode":{{ .Params.location.postal_code | jsonify }},"addressCountry":{{ .Params.location.country | jsonify }}}},"baseSalary":{"@type":"MonetaryAmount","currency":{{ .Params.salary.currency | jsonify }},"value":{"@type":"QuantitativeValue","minValue":{{ .Params.salary.min }},"maxValue":{{ .Params.salary.max }},"unitText":"YEAR"}}}</script>
</article>{{ end }}
"##,
    ),
    (
        "jobs/list.html",
        r##"{{ define "main" }}<h1>{{ .Title }}</h1>{{ $p := .Paginate .Pages }}
<ul>{{ range $p.Pages }}<li><a href="{{ .RelPermalink }}">{{ .Title }}</a>, {{ .Params.company }}, {{ .Params.location.city }}</li>{{ end }}</ul>
{{ with $p.Prev }}<a rel="prev" href="{{ .URL }}">Newer</a>{{ end }} {{ with $p.Next }}<a rel="next" href="{{ .URL }}">Older</a>{{ end }}{{ end }}
"##,
    ),
];

impl Corpus {
    /// Writes the same site in Hugo's layout: the same Markdown files (Hugo reads the same
    /// YAML front matter), with the templates above.
    pub fn write_hugo(&self, root: &Path) {
        self.write_sources(root, "---\ntitle: \"{}\"\n---\n");
        fs::write(
            root.join("hugo.toml"),
            format!(
                "baseURL = \"https://scale.example.org/\"\ntitle = \"Scale\"\nlanguageCode = \"en\"\npaginate = {PAGINATE_BY}\n\
                 disableKinds = []\n[taxonomies]\ntag = \"tags\"\njobtag = \"jobtags\"\n[outputs]\nhome = [\"HTML\", \"RSS\"]\n\
                 section = [\"HTML\", \"RSS\"]\ntaxonomy = [\"HTML\"]\nterm = [\"HTML\", \"RSS\"]\n\
                 [related]\nincludeNewer = true\nthreshold = 1\ntoLower = false\n[[related.indices]]\nname = \"tags\"\nweight = 1\n"
            ),
        )
        .unwrap();
        for j in 0..self.listings {
            let tags = Corpus::listing_tags(j).join(", ");
            let text = Corpus::listing(j).replacen("tags: [", &format!("jobtags: [{tags}]\ntags: ["), 1);
            fs::write(root.join(format!("content/jobs/{}.md", Corpus::listing_slug(j))), text).unwrap();
        }
        for (rel, text) in HUGO_LAYOUTS {
            let path = root.join("layouts").join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
    }

    /// The Markdown shared by every layout; `section_index` is each section's `_index.md`,
    /// with `{}` for its title.
    fn write_sources(&self, root: &Path, section_index: &str) {
        let index = |title: &str| section_index.replacen("{}", title, 1);
        fs::create_dir_all(root.join("content")).unwrap();
        for s in SECTIONS {
            fs::create_dir_all(root.join("content").join(s)).unwrap();
            fs::write(root.join(format!("content/{s}/_index.md")), index(&capitalise(s))).unwrap();
        }
        for i in 0..self.articles {
            fs::write(root.join(Corpus::article_path(i)), Corpus::article(i, "nothing new")).unwrap();
        }
        fs::create_dir_all(root.join("content/jobs")).unwrap();
        fs::write(root.join("content/jobs/_index.md"), index("Open roles")).unwrap();
        for j in 0..self.listings {
            fs::write(root.join(format!("content/jobs/{}.md", Corpus::listing_slug(j))), Corpus::listing(j)).unwrap();
        }
    }
}

/// Zola's templates for the same pages (Tera, as careerpress's). Zola has no related
/// articles, so its pages show none; its job callout shows the newest three listings of
/// the article's first tag, from a listings-only taxonomy (as Hugo's does; careerpress
/// ranks listings by every tag shared).
const ZOLA_TEMPLATES: [(&str, &str); 7] = [
    (
        "base.html",
        r##"<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>{% block title %}{{ config.title }}{% endblock %}</title>
<meta name="description" content="{% block description %}{{ config.description }}{% endblock %}">
<link rel="canonical" href="{{ current_url | default(value=config.base_url) }}">
<link rel="alternate" type="application/atom+xml" href="{{ get_url(path="atom.xml", trailing_slash=false) }}">
</head><body><header><a href="{{ config.base_url }}">{{ config.title }}</a>
<nav>{% for s in ["interviews", "follow-ups", "salary", "networking", "career-change"] %}<a href="/{{ s }}/">{{ s }}</a> {% endfor %}<a href="/tags/">Tags</a></nav></header>
<main>{% block content %}{% endblock %}</main><footer>{{ config.title }}</footer></body></html>
"##,
    ),
    (
        "index.html",
        r##"{% extends "base.html" %}{% block content %}<h1>{{ config.title }}</h1>{% endblock %}
"##,
    ),
    (
        "section.html",
        r##"{% extends "base.html" %}{% block title %}{{ section.title }} | {{ config.title }}{% endblock %}
{% block content %}<h1>{{ section.title }}</h1>
<ul>{% for p in paginator.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a> <time>{{ p.date | date(format="%Y-%m-%d") }}</time><p>{{ p.description }}</p></li>{% endfor %}</ul>
{% if paginator.previous %}<a rel="prev" href="{{ paginator.previous }}">Newer</a>{% endif %} {% if paginator.next %}<a rel="next" href="{{ paginator.next }}">Older</a>{% endif %}{% endblock %}
"##,
    ),
    (
        "page.html",
        r##"{% extends "base.html" %}{% block title %}{{ page.title }} | {{ config.title }}{% endblock %}
{% block description %}{{ page.description }}{% endblock %}
{% block content %}<article><h1>{{ page.title }}</h1><time datetime="{{ page.date }}">{{ page.date | date(format="%e %B %Y") }}</time>
<ul class="tags">{% for t in page.taxonomies.tags %}<li><a href="{{ get_taxonomy_url(kind="tags", name=t) }}">{{ t }}</a></li>{% endfor %}</ul>
<nav aria-label="On this page"><ul>{% for h in page.toc %}<li><a href="#{{ h.id }}">{{ h.title }}</a></li>{% endfor %}</ul></nav>
{{ page.content | safe }}
<script type="application/ld+json">{"@context":"https://schema.org","@type":"BlogPosting","headline":{{ page.title | json_encode | safe }},"datePublished":{{ page.date | json_encode | safe }},"url":{{ page.permalink | json_encode | safe }},"keywords":{{ page.taxonomies.tags | json_encode | safe }}}</script>
{% set jobs = get_taxonomy_term(kind="jobtags", term=page.taxonomies.tags[0], required=false) %}
{% if jobs %}<aside><h2>Open roles</h2><ul>{% for j in jobs.pages | slice(end=3) %}<li><a href="{{ j.permalink }}">{{ j.title }}</a> at {{ j.extra.company }}, {{ j.extra.city }}</li>{% endfor %}</ul></aside>{% endif %}
<nav>{% if page.higher %}<a rel="prev" href="{{ page.higher.permalink }}">{{ page.higher.title }}</a>{% endif %} {% if page.lower %}<a rel="next" href="{{ page.lower.permalink }}">{{ page.lower.title }}</a>{% endif %}</nav>
</article>{% endblock %}
"##,
    ),
    (
        "job.html",
        r##"{% extends "base.html" %}{% block title %}{{ page.title }} | {{ config.title }}{% endblock %}
{% block content %}<article><h1>{{ page.title }}</h1><p>{{ page.extra.company }}, {{ page.extra.city }}: {{ page.extra.salary_min }} to {{ page.extra.salary_max }} EUR a year</p>
<p><a href="{{ page.extra.apply_url }}">Apply</a></p>{{ page.content | safe }}
<script type="application/ld+json">{"@context":"https://schema.org","@type":"JobPosting","title":{{ page.title | json_encode | safe }},"description":{{ page.content | json_encode | safe }},"datePosted":{{ page.date | json_encode | safe }},"validThrough":"2031-06-30","employmentType":"FULL_TIME","hiringOrganization":{"@type":"Organization","name":{{ page.extra.company | json_encode | safe }}},"jobLocation":{"@type":"Place","address":{"@type":"PostalAddress","streetAddress":{{ page.extra.street | json_encode | safe }},"addressLocality":{{ page.extra.city | json_encode | safe }},"postalCode":{{ page.extra.postal_code | json_encode | safe }},"addressCountry":{{ page.extra.country | json_encode | safe }}}},"baseSalary":{"@type":"MonetaryAmount","currency":"EUR","value":{"@type":"QuantitativeValue","minValue":{{ page.extra.salary_min }},"maxValue":{{ page.extra.salary_max }},"unitText":"YEAR"}}}</script>
</article>{% endblock %}
"##,
    ),
    (
        "tags/list.html",
        r##"{% extends "base.html" %}{% block content %}<h1>Tags</h1><ul>{% for t in terms %}<li><a href="{{ t.permalink }}">{{ t.name }}</a> ({{ t.page_count }})</li>{% endfor %}</ul>{% endblock %}
"##,
    ),
    (
        "tags/single.html",
        r##"{% extends "base.html" %}{% block title %}{{ term.name }} | {{ config.title }}{% endblock %}
{% block content %}<h1>{{ term.name }}</h1>
<ul>{% for p in paginator.pages %}<li><a href="{{ p.permalink }}">{{ p.title }}</a> <time>{{ p.date | date(format="%Y-%m-%d") }}</time><p>{{ p.description }}</p></li>{% endfor %}</ul>
{% if paginator.previous %}<a rel="prev" href="{{ paginator.previous }}">Newer</a>{% endif %} {% if paginator.next %}<a rel="next" href="{{ paginator.next }}">Older</a>{% endif %}{% endblock %}
"##,
    ),
];

impl Corpus {
    /// A Zola article: the same text, with the tags under `taxonomies`.
    pub fn zola_article(i: usize, marker: &str) -> String {
        format!(
            "---\ntitle: \"{}\"\ndate: {}\ndescription: \"{}\"\ntaxonomies:\n  tags: [{}]\n---\n\n{}",
            Corpus::title(i),
            Corpus::date(i),
            Corpus::description(i),
            Corpus::tags(i).join(", "),
            Corpus::body(i, marker)
        )
    }

    /// Writes the same site in Zola's layout: the same bodies, with Zola's front matter
    /// (tags under `taxonomies`, listing fields under `extra`) and the templates above.
    pub fn write_zola(&self, root: &Path) {
        fs::create_dir_all(root.join("content")).unwrap();
        fs::write(
            root.join("config.toml"),
            format!(
                "base_url = \"https://scale.example.org/\"\ntitle = \"Scale\"\ndescription = \"A generated site.\"\n\
                 compile_sass = false\nbuild_search_index = false\ngenerate_feeds = true\n\
                 feed_filenames = [\"atom.xml\"]\n\
                 taxonomies = [{{ name = \"tags\", feed = true, paginate_by = {PAGINATE_BY} }}, \
                 {{ name = \"jobtags\", render = false }}]\n"
            ),
        )
        .unwrap();
        fs::write(root.join("content/_index.md"), "+++\ntitle = \"Home\"\n+++\n").unwrap();
        for s in SECTIONS {
            fs::create_dir_all(root.join("content").join(s)).unwrap();
            fs::write(
                root.join(format!("content/{s}/_index.md")),
                format!("+++\ntitle = \"{}\"\nsort_by = \"date\"\npaginate_by = {PAGINATE_BY}\n+++\n", capitalise(s)),
            )
            .unwrap();
        }
        for i in 0..self.articles {
            fs::write(root.join(Corpus::article_path(i)), Corpus::zola_article(i, "nothing new")).unwrap();
        }
        fs::create_dir_all(root.join("content/jobs")).unwrap();
        fs::write(
            root.join("content/jobs/_index.md"),
            format!(
                "+++\ntitle = \"Open roles\"\nsort_by = \"date\"\npaginate_by = {PAGINATE_BY}\n\
                 template = \"section.html\"\npage_template = \"job.html\"\n+++\n"
            ),
        )
        .unwrap();
        for j in 0..self.listings {
            let (city, country) = CITIES[j % CITIES.len()];
            let min = 25_000 + (j % 40) * 1_000;
            let tags = Corpus::listing_tags(j).join(", ");
            let text = format!(
                "---\ntitle: \"{} coordinator {j}\"\ndate: {}\ntaxonomies:\n  tags: [{tags}]\n  jobtags: [{tags}]\nextra:\n  company: \"Company {}\"\n  \
                 apply_url: \"https://jobs.example.com/apply/{j}\"\n  street: \"{j} High Street\"\n  city: \"{city}\"\n  \
                 postal_code: \"{:05}\"\n  country: \"{country}\"\n  salary_min: {min}\n  salary_max: {}\n---\n\n{}",
                capitalise(WORDS[mix(j, 1) % WORDS.len()]),
                Corpus::listing_date(j),
                j % 97,
                10_000 + j % 80_000,
                min + 8_000,
                Corpus::body(j, "this role is open")
            );
            fs::write(root.join(format!("content/jobs/{}.md", Corpus::listing_slug(j))), text).unwrap();
        }
        for (rel, text) in ZOLA_TEMPLATES {
            let path = root.join("templates").join(rel);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
    }
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    c.next().map(|f| f.to_uppercase().chain(c).collect()).unwrap_or_default()
}

pub fn copy_dir(from: &Path, to: &Path) {
    fs::create_dir_all(to).unwrap();
    for entry in fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let dest = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &dest);
        } else {
            fs::copy(entry.path(), dest).unwrap();
        }
    }
}
