//! `askaf export`: the mirror a CDN or a disk serves, checked as a crawler
//! would: every link of every page leads to a file of the mirror.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::helpers::BIN;
use crate::xss::start_tags;

/// `askaf export OUT --data DATA EXTRA…`, without the environment's settings.
fn export_command(out: &Path, data: &Path, extra: &[&str]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.arg("export")
        .arg(out)
        .arg("--data")
        .arg(data)
        .args(extra);
    for (k, _) in std::env::vars() {
        if k.starts_with("ASKAF_") {
            cmd.env_remove(k);
        }
    }
    cmd
}

pub(crate) fn export(out: &Path, data: &Path, extra: &[&str]) -> String {
    let done = export_command(out, data, extra).output().unwrap();
    assert!(
        done.status.success(),
        "export: {}",
        String::from_utf8_lossy(&done.stderr)
    );
    String::from_utf8(done.stdout).unwrap()
}

/// The built-in site's mirror, exported with `--site-url
/// https://askaf.example` (and `--relative` when `relative`) from a data
/// directory with no database (the content files' articles alone, which is
/// all a fresh server has too): exported once for the whole test binary,
/// by the first test that asks for it (the others wait for that), and
/// copied into a directory of each test's own, which it may change. A
/// debug build's export of the whole site costs some 3 CPU-seconds and ten
/// seconds on a loaded machine, and a dozen tests that only read a
/// finished mirror each made their own. The tests of the export itself (a
/// re-export, what it writes and keeps) still export for themselves.
fn built_in_mirror(relative: bool) -> tempfile::TempDir {
    type Files = std::sync::OnceLock<Vec<(PathBuf, Vec<u8>)>>;
    static PLAIN: Files = std::sync::OnceLock::new();
    static RELATIVE: Files = std::sync::OnceLock::new();
    let cell = if relative { &RELATIVE } else { &PLAIN };
    let mirror = cell.get_or_init(|| {
        let data = tempfile::tempdir().unwrap();
        let out = tempfile::tempdir().unwrap();
        let mut args = vec!["--site-url", "https://askaf.example"];
        if relative {
            args.push("--relative");
        }
        export(out.path(), data.path(), &args);
        let mut all = Vec::new();
        files(out.path(), &mut all);
        all.into_iter()
            .map(|p| {
                let bytes = std::fs::read(&p).unwrap();
                (p.strip_prefix(out.path()).unwrap().to_path_buf(), bytes)
            })
            .collect()
    });
    let copy = tempfile::tempdir().unwrap();
    for (file, bytes) in mirror {
        let to = copy.path().join(file);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::write(to, bytes).unwrap();
    }
    copy
}

fn files(dir: &Path, out: &mut Vec<PathBuf>) {
    for e in std::fs::read_dir(dir).unwrap().flatten() {
        let p = e.path();
        if p.is_dir() {
            files(&p, out);
        } else {
            out.push(p);
        }
    }
}

fn decoded(path: &Path, ext: &str) -> Vec<u8> {
    let packed = std::fs::read(format!("{}.{ext}", path.display())).unwrap();
    let mut raw = Vec::new();
    match ext {
        "gz" => {
            flate2::read::GzDecoder::new(&packed[..])
                .read_to_end(&mut raw)
                .unwrap();
        }
        _ => {
            brotli::Decompressor::new(&packed[..], 4096)
                .read_to_end(&mut raw)
                .unwrap();
        }
    }
    raw
}

/// Every link, script and form target of every page, resolved by `find`.
fn check_links(root: &Path, find: impl Fn(&Path, &str) -> Option<PathBuf>) -> usize {
    let mut all = Vec::new();
    files(root, &mut all);
    let mut checked = 0;
    for page in all
        .iter()
        .filter(|p| p.extension().is_some_and(|e| e == "html"))
    {
        let html = std::fs::read_to_string(page).unwrap();
        for (_, attrs) in start_tags(&html) {
            for (attr, value) in attrs {
                if !matches!(attr.as_str(), "href" | "src" | "action") {
                    continue;
                }
                if value.starts_with("http://")
                    || value.starts_with("https://")
                    || value.starts_with("mailto:")
                    || value.starts_with('#')
                {
                    continue;
                }
                // One file per address: a query (the footer's API link
                // on a Dari page, `?lang=fa`) would claim what the file
                // cannot hold.
                assert!(
                    !value.contains('?'),
                    "{}: {attr}=\"{value}\" carries a query to a file",
                    page.display()
                );
                let target = value.split('#').next().unwrap();
                assert!(
                    find(page, target).is_some(),
                    "{}: {attr}=\"{value}\" leads nowhere in the mirror",
                    page.display()
                );
                checked += 1;
            }
        }
    }
    checked
}

/// The file of the mirror at `root` a web server answers the root-relative
/// `target` with, by the README's rule (`try_files $uri $uri.html
/// $uri.json $uri/index.html`).
fn served(root: &Path, target: &str) -> Option<PathBuf> {
    assert!(target.starts_with('/'), "{target}");
    let base = root.join(target.trim_start_matches('/'));
    [
        base.clone(),
        PathBuf::from(format!("{}.html", base.display())),
        PathBuf::from(format!("{}.json", base.display())),
        base.join("index.html"),
    ]
    .into_iter()
    .find(|p| p.is_file())
}

/// The file a link `target` of `page` leads to in a mirror made with
/// `--relative` at `root`: from the page's directory, as a browser reading
/// the files finds it. A 404 page's links are from the root, as a web
/// server finds them: it is shown only by one, at whatever address was
/// missing.
fn in_a_relative_mirror(root: &Path, page: &Path, target: &str) -> Option<PathBuf> {
    if page.file_name().is_some_and(|f| f == "404.html") {
        return served(root, target);
    }
    assert!(
        !target.starts_with('/'),
        "{}: {target} is not relative",
        page.display()
    );
    let p = page.parent().unwrap().join(target);
    p.exists().then_some(p)
}

#[test]
fn the_mirror_is_whole_its_links_resolve_and_a_second_export_writes_nothing() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let said = export(
        out.path(),
        data.path(),
        &["--relative", "--site-url", "https://askaf.example"],
    );
    assert!(said.starts_with("exported "), "{said}");
    assert!(!said.contains(": 0 files written"), "{said}");
    // A directory with no database is given none (a mistyped --data would
    // otherwise become an empty site that backup and user take for real).
    assert_eq!(std::fs::read_dir(data.path()).unwrap().count(), 0);

    // Every file has its compressed siblings, the same bytes.
    let mut all = Vec::new();
    files(out.path(), &mut all);
    let originals: Vec<&PathBuf> = all
        .iter()
        .filter(|p| {
            !p.extension().is_some_and(|e| e == "gz" || e == "br")
                && !p.ends_with(".askaf-export.json")
        })
        .collect();
    assert!(originals.len() > 21 * 4, "{} files", originals.len());
    for f in &originals {
        let plain = std::fs::read(f).unwrap();
        assert_eq!(decoded(f, "gz"), plain, "{}", f.display());
        assert_eq!(decoded(f, "br"), plain, "{}", f.display());
    }

    // A crawler of the files finds every link it follows.
    let checked = check_links(out.path(), |page, target| {
        in_a_relative_mirror(out.path(), page, target)
    });
    assert!(checked > 500, "{checked} links checked");

    // The live site answers questions and takes comments.
    let article =
        std::fs::read_to_string(out.path().join("en/who-governs-afghanistan.html")).unwrap();
    assert!(!article.contains("class=\"comment-form\""));
    assert!(article.contains("https://askaf.example/en/who-governs-afghanistan#comment-form"));
    assert!(article.contains("action=\"https://askaf.example/ask\""));
    let json = std::fs::read_to_string(
        out.path()
            .join("api/v1/articles/en/who-governs-afghanistan.json"),
    )
    .unwrap();
    let doc: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert!(doc["attribution"].is_object(), "{doc}");

    // Nothing changed: nothing written.
    let again = export(
        out.path(),
        data.path(),
        &["--relative", "--site-url", "https://askaf.example"],
    );
    assert!(again.contains(": 0 files written, 0 removed"), "{again}");
}

#[test]
fn a_mirror_for_a_web_server_keeps_root_links_a_plain_rule_finds() {
    let out = built_in_mirror(false);
    let checked = check_links(out.path(), |_, target| served(out.path(), target));
    assert!(checked > 500, "{checked} links checked");
}

#[test]
fn every_page_of_a_long_listing_is_in_the_mirror_and_linked() {
    let content = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(content.path().join("en")).unwrap();
    for i in 0..60 {
        let slug = format!("q{i:02}");
        std::fs::write(
            content.path().join(format!("en/{slug}.md")),
            crate::helpers::article(&slug, "en", "", "A body."),
        )
        .unwrap();
    }
    export(
        out.path(),
        data.path(),
        &[
            "--relative",
            "--content",
            content.path().to_str().unwrap(),
            "--site-url",
            "https://askaf.example",
        ],
    );
    for file in [
        "en/page/2.html",
        "en/tags/test/page/2.html",
        "fa/index.html",
    ] {
        assert!(out.path().join(file).is_file(), "{file}");
    }
    assert!(!out.path().join("en/page/3.html").exists());
    let first = std::fs::read_to_string(out.path().join("en/index.html")).unwrap();
    assert!(
        first.contains("rel=\"next\" href=\"../en/page/2.html\""),
        "{first}"
    );
    let second = std::fs::read_to_string(out.path().join("en/page/2.html")).unwrap();
    assert!(second.contains("rel=\"prev\" href=\"../../en/index.html\""));
    let checked = check_links(out.path(), |page, target| {
        in_a_relative_mirror(out.path(), page, target)
    });
    assert!(checked > 200, "{checked} links checked");
}

/// A link an article writes relative to its page (`afghan-currency`,
/// `../fa/afghan-currency`) leads where it leads on the site in a mirror
/// opened from a disk too: it was left as written, and `en/x.html`'s
/// `afghan-currency` named no file (the mirror's is
/// `en/afghan-currency.html`), nor did `../fa/afghan-currency`.
#[test]
fn a_link_relative_to_its_article_leads_to_its_page_in_a_mirror_on_a_disk() {
    let content = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    write_linking_articles(content.path());
    export(
        out.path(),
        data.path(),
        &[&["--relative"][..], &site_args(content.path())].concat(),
    );
    let page = std::fs::read_to_string(out.path().join("en/linking.html")).unwrap();
    for link in [
        "href=\"../en/target.html\"",
        "href=\"../en/target.html#p-2\"",
        "href=\"../fa/target.html\"",
        "href=\"../en/tags/test.html\"",
    ] {
        assert!(page.contains(link), "{link} is not on the page");
    }
    let checked = check_links(out.path(), |page, target| {
        in_a_relative_mirror(out.path(), page, target)
    });
    assert!(checked > 50, "{checked} links checked");
}

/// The stylesheet, script and icon a mirror's pages link are named by
/// their bytes (`static/site.0123456789ab.css`), in both link forms, so
/// that a CDN in front of the mirror, which keeps them a year (the
/// README's block says so), fetches the new ones after a re-export that
/// changed them. The mirror linked `/static/site.css` whatever its bytes:
/// a file has no query, and the live site's `?v=` was left out, so a CDN
/// served the old stylesheet with the new pages.
#[test]
fn a_mirrors_assets_are_named_by_their_bytes() {
    use sha2::Digest;
    for relative in [false, true] {
        let out = built_in_mirror(relative);
        for page in [
            "index.html",
            "fa/index.html",
            "ps/404.html",
            "en/who-governs-afghanistan.html",
            "en/tags/history.html",
        ] {
            let html = std::fs::read_to_string(out.path().join(page)).unwrap();
            let mut linked = Vec::new();
            for (tag, attrs) in start_tags(&html) {
                let attr = if tag == "script" { "src" } else { "href" };
                let Some((_, value)) = attrs.iter().find(|(a, _)| a == attr) else {
                    continue;
                };
                if !value.contains("static/") {
                    continue;
                }
                // A 404 page's links are from the root in either form:
                // a web server shows it at any depth.
                let file = if relative && !page.ends_with("404.html") {
                    out.path().join(page).parent().unwrap().join(value)
                } else {
                    assert!(value.starts_with("/static/"), "{page}: {value}");
                    out.path().join(value.trim_start_matches('/'))
                };
                let bytes = std::fs::read(&file)
                    .unwrap_or_else(|e| panic!("{page}: {value} leads nowhere: {e}"));
                let hash = hex::encode(&sha2::Sha256::digest(&bytes)[..6]);
                let name = file.file_name().unwrap().to_str().unwrap().to_string();
                let (stem, ext) = name.split_once('.').unwrap();
                assert_eq!(
                    name,
                    format!("{stem}.{hash}.{}", ext.rsplit('.').next().unwrap()),
                    "{page}: {value} is not named by its bytes"
                );
                // The same bytes as the live site's file of that name.
                let plain = out
                    .path()
                    .join(format!("static/{stem}.{}", ext.rsplit('.').next().unwrap()));
                assert_eq!(bytes, std::fs::read(plain).unwrap(), "{page}: {value}");
                linked.push(stem.to_string());
            }
            linked.sort_unstable();
            assert_eq!(linked, ["icon", "site", "site"], "{page}");
        }
    }
}

/// `en/target`, `fa/target` and `en/linking`, whose body links the others
/// relative to its own page, as an author may write them.
pub(crate) fn write_linking_articles(dir: &Path) {
    std::fs::create_dir_all(dir.join("en")).unwrap();
    std::fs::create_dir_all(dir.join("fa")).unwrap();
    let target = "First paragraph.\n\nSecond paragraph.";
    std::fs::write(
        dir.join("en/target.md"),
        crate::helpers::article("target", "en", "", target),
    )
    .unwrap();
    std::fs::write(
        dir.join("fa/target.md"),
        crate::helpers::article("target", "fa", "", "متنی به دری."),
    )
    .unwrap();
    std::fs::write(
        dir.join("en/linking.md"),
        crate::helpers::article(
            "linking",
            "en",
            "",
            "See [the target](target), [its second paragraph](./target#p-2), \
             [the Dari one](../fa/target) and [the topic](tags/test).\n\nMore.",
        ),
    )
    .unwrap();
}

/// The arguments of an export of the content files in `content` for
/// `https://askaf.example`.
fn site_args(content: &Path) -> [&str; 4] {
    [
        "--content",
        content.to_str().unwrap(),
        "--site-url",
        "https://askaf.example",
    ]
}

/// Every file of the mirror, by its path under `dir`, with its bytes.
fn snapshot(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut all = Vec::new();
    files(dir, &mut all);
    all.into_iter()
        .map(|p| {
            let bytes = std::fs::read(&p).unwrap();
            (p.strip_prefix(dir).unwrap().to_path_buf(), bytes)
        })
        .collect()
}

/// An export that fails (here an image an article shows is not among the
/// uploads) says which page shows it and leaves the mirror as it was; the
/// next export puts back what was removed or damaged in the mirror since,
/// and leaves no empty directory of an article that went.
#[test]
fn a_failed_export_changes_nothing_and_the_next_mends_the_mirror() {
    let content = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(content.path().join("en")).unwrap();
    for slug in ["first", "second"] {
        std::fs::write(
            content.path().join(format!("en/{slug}.md")),
            crate::helpers::article(slug, "en", "", "A body."),
        )
        .unwrap();
        // Settled files: one written within 2 s of an export is read again
        // and left out of the manifest's catalogue, so on a slow machine the
        // mended mirror's manifest would differ from the first by timing.
        set_modified(
            &content.path().join(format!("en/{slug}.md")),
            std::time::SystemTime::now() - std::time::Duration::from_secs(3600),
        );
    }
    let args = site_args(content.path());
    export(out.path(), data.path(), &args);
    let before = snapshot(out.path());
    assert!(before.keys().any(|p| p.ends_with("en/second.html")));

    // A new article whose image is missing.
    std::fs::write(
        content.path().join("en/pictured.md"),
        crate::helpers::article(
            "pictured",
            "en",
            "",
            "Kabul.\n\n![A street](/media/0123456789abcdef-640x400.png)",
        ),
    )
    .unwrap();
    let failed = Command::new(BIN)
        .arg("export")
        .arg(out.path())
        .arg("--data")
        .arg(data.path())
        .args(args)
        .env_remove("ASKAF_CONTENT")
        .env_remove("ASKAF_DATA")
        .output()
        .unwrap();
    assert!(!failed.status.success());
    let said = String::from_utf8_lossy(&failed.stderr);
    assert!(
        said.contains("/media/0123456789abcdef-640x400.png, shown on /en/pictured"),
        "{said}"
    );
    assert_eq!(
        snapshot(out.path()),
        before,
        "the failed export changed the mirror"
    );

    // Without it, and with the mirror damaged: mended.
    std::fs::remove_file(content.path().join("en/pictured.md")).unwrap();
    std::fs::remove_file(out.path().join("en/first.html.br")).unwrap();
    std::fs::write(out.path().join("en/second.html"), "garbage").unwrap();
    std::fs::write(out.path().join("en/index.html.gz"), "junk").unwrap();
    let feed = out.path().join("feed.atom.br");
    let len = std::fs::metadata(&feed).unwrap().len();
    std::fs::File::options()
        .write(true)
        .open(&feed)
        .unwrap()
        .set_len(len / 2)
        .unwrap();
    let said = export(out.path(), data.path(), &args);
    // Each damaged page is written again with its siblings.
    assert!(said.contains(": 12 files written"), "{said}");
    assert_eq!(snapshot(out.path()), before);

    // An article that goes takes its directory with it.
    let dirs_of = |slug: &str| {
        snapshot(out.path())
            .keys()
            .filter(|p| p.starts_with(format!("en/{slug}")) && p.components().count() > 2)
            .count()
    };
    assert!(
        dirs_of("second") > 0,
        "the article has files under en/second/"
    );
    std::fs::remove_file(content.path().join("en/second.md")).unwrap();
    export(out.path(), data.path(), &args);
    assert_eq!(dirs_of("second"), 0);
    assert!(!out.path().join("en/second").exists());
}

/// `n` English articles and two Dari ones under `dir`, each with a body
/// long enough to take a while to compress.
fn write_articles(dir: &Path, n: usize) {
    std::fs::create_dir_all(dir.join("en")).unwrap();
    std::fs::create_dir_all(dir.join("fa")).unwrap();
    let body: String = (0..20)
        .map(|i| format!("Paragraph {i} about the river, its bridges, orchards and roads.\n\n"))
        .collect();
    for i in 0..n {
        let slug = format!("a{i:03}");
        std::fs::write(
            dir.join(format!("en/{slug}.md")),
            crate::helpers::article(&slug, "en", "", &body),
        )
        .unwrap();
    }
    for slug in ["d1", "d2"] {
        std::fs::write(
            dir.join(format!("fa/{slug}.md")),
            crate::helpers::article(slug, "fa", "", "متنی به دری."),
        )
        .unwrap();
    }
}

/// The mirror's files without its manifest (which says what they were
/// made from, and how long ago they were checked).
fn mirror(dir: &Path) -> std::collections::BTreeMap<PathBuf, Vec<u8>> {
    let mut files = snapshot(dir);
    files.remove(Path::new(".askaf-export.json"));
    files
}

/// The numbers an export printed: (addresses, made, files written).
fn counts(said: &str) -> (usize, usize, usize) {
    let number = |after: &str, before: &str| -> usize {
        let at = said
            .find(before)
            .unwrap_or_else(|| panic!("{before:?} in {said}"));
        said[..at]
            .rsplit(after)
            .next()
            .unwrap()
            .trim()
            .parse()
            .unwrap_or_else(|_| panic!("a number before {before:?} in {said}"))
    };
    (
        number("exported", " pages"),
        number("(", " made"),
        number(":", " files written"),
    )
}

/// A second export makes only the pages whose content changed, and the
/// pages that show them (listings, topics, feeds, the sitemap): nothing
/// when nothing changed. What it leaves is what an export into an empty
/// directory writes, byte for byte.
#[test]
fn a_re_export_makes_only_what_changed_and_leaves_what_a_fresh_one_writes() {
    let content = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    write_articles(content.path(), 12);
    let args = [
        "--relative",
        "--content",
        content.path().to_str().unwrap(),
        "--site-url",
        "https://askaf.example",
    ];
    let (pages, made, _) = counts(&export(out.path(), data.path(), &args));
    assert_eq!(made, pages, "a first export makes every page");
    let first = mirror(out.path());

    let said = export(out.path(), data.path(), &args);
    assert_eq!(counts(&said), (pages, 0, 0), "nothing changed: {said}");
    assert_eq!(mirror(out.path()), first);

    // One article's title: its own pages, and those that list it.
    let path = content.path().join("en/a003.md");
    let text = std::fs::read_to_string(&path).unwrap();
    let text = text
        .replace("Title of a003", "Bridges of a003")
        .replace("What about a003?", "What about the Bridges of a003?");
    std::fs::write(&path, text).unwrap();
    let said = export(out.path(), data.path(), &args);
    let (_, made, written) = counts(&said);
    assert!(made > 4 && made < pages / 3, "{said}");
    assert!(written >= made, "{said}");
    let now = mirror(out.path());
    // The root leads to each language and lists no article.
    for listing in [
        "en/index.html",
        "en/tags/test.html",
        "feed.atom",
        "en/feed.atom",
        "api/v1/articles.json",
    ] {
        let file = PathBuf::from(listing);
        assert!(
            String::from_utf8_lossy(&now[&file]).contains("Bridges of a003"),
            "{listing} shows the new title"
        );
    }
    assert_eq!(
        now[Path::new("en/a005.html")],
        first[Path::new("en/a005.html")]
    );
    assert_eq!(now[Path::new("fa/d1.html")], first[Path::new("fa/d1.html")]);

    let fresh = tempfile::tempdir().unwrap();
    export(fresh.path(), data.path(), &args);
    assert!(
        mirror(fresh.path()) == now,
        "the re-export differs from a fresh export"
    );
}

/// Sets `path`'s modification time to `when`, keeping its text.
fn set_modified(path: &Path, when: std::time::SystemTime) {
    std::fs::File::options()
        .write(true)
        .open(path)
        .unwrap()
        .set_modified(when)
        .unwrap();
}

/// With no database, a re-export reads again only the content files whose
/// size or time changed since the last: the others' articles come from what
/// that export kept in its manifest. An edit is never missed, though the
/// file keeps its length; and the manifest, a file of the mirror, keeps
/// neither a draft nor where the content directory is.
#[test]
fn a_re_export_without_a_database_reads_only_the_files_that_changed() {
    let content = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    write_articles(content.path(), 3);
    std::fs::write(
        content.path().join("en/secret.md"),
        crate::helpers::article("secret", "en", "draft = true", "Not yet."),
    )
    .unwrap();
    // Older than a time stamp a write could still share: files to trust.
    let an_hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    let mut files = Vec::new();
    self::files(content.path(), &mut files);
    for file in &files {
        set_modified(file, an_hour_ago);
    }
    let args = site_args(content.path());
    let (pages, _, _) = counts(&export(out.path(), data.path(), &args));
    let manifest = std::fs::read_to_string(out.path().join(".askaf-export.json")).unwrap();
    assert!(manifest.contains("Title of a001"), "{manifest}");
    assert!(!manifest.contains("Title of secret"), "a draft: {manifest}");
    assert!(
        !manifest.contains(content.path().to_str().unwrap()),
        "the content directory: {manifest}"
    );

    // A file of the same size and time is not read: here one that is no
    // article at all, which a reading would refuse.
    let a001 = content.path().join("en/a001.md");
    let text = std::fs::read_to_string(&a001).unwrap();
    std::fs::write(&a001, "x".repeat(text.len())).unwrap();
    set_modified(&a001, an_hour_ago);
    let said = export(out.path(), data.path(), &args);
    assert_eq!(counts(&said), (pages, 0, 0), "nothing read: {said}");
    std::fs::write(&a001, &text).unwrap();
    set_modified(&a001, an_hour_ago);

    // The same length, another time (not a recent one): read, and made.
    let a002 = content.path().join("en/a002.md");
    let text = std::fs::read_to_string(&a002).unwrap();
    let edited = text
        .replace("Title of a002", "Tilled of a02")
        .replace("What about a002?", "What about Zz02?");
    assert_eq!(edited.len(), text.len());
    std::fs::write(&a002, &edited).unwrap();
    set_modified(&a002, an_hour_ago + std::time::Duration::from_secs(60));
    let said = export(out.path(), data.path(), &args);
    let (_, made, _) = counts(&said);
    assert!(made > 0, "{said}");
    for (page, shows) in [
        ("en/a002.html", "Tilled of a02"),
        ("feed.atom", "What about Zz02?"),
        ("en/index.html", "What about Zz02?"),
    ] {
        let now = std::fs::read_to_string(out.path().join(page)).unwrap();
        assert!(now.contains(shows), "{page} shows {shows}");
    }
    // A new file, and one gone.
    std::fs::write(
        content.path().join("en/new.md"),
        crate::helpers::article("new", "en", "", "A new one."),
    )
    .unwrap();
    std::fs::remove_file(content.path().join("en/a000.md")).unwrap();
    export(out.path(), data.path(), &args);
    assert!(out.path().join("en/new.html").exists());
    assert!(!out.path().join("en/a000.html").exists());

    let fresh = tempfile::tempdir().unwrap();
    export(fresh.path(), data.path(), &args);
    assert!(
        mirror(fresh.path()) == mirror(out.path()),
        "the re-export differs from a fresh export"
    );
}

/// An export stopped halfway (killed) leaves the mirror as it was, and
/// the next one takes up the pages it had made rather than making them
/// again; the mirror it writes is a fresh export's.
#[test]
fn a_stopped_export_is_taken_up_where_it_stopped() {
    let content = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    write_articles(content.path(), 150);
    let args = site_args(content.path());
    let mut child = export_command(out.path(), data.path(), &args)
        .stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .spawn()
        .unwrap();
    let journal = out.path().join(".askaf-export-staging/.journal");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(120);
    let staged = loop {
        let lines = std::fs::read_to_string(&journal)
            .map(|t| t.lines().count())
            .unwrap_or(0);
        if lines > 40 {
            break lines - 1;
        }
        assert!(
            child.try_wait().unwrap().is_none(),
            "the export ended before it could be stopped"
        );
        assert!(std::time::Instant::now() < deadline, "nothing staged");
        std::thread::sleep(std::time::Duration::from_millis(20));
    };
    child.kill().unwrap();
    child.wait().unwrap();
    // Nothing of it in the mirror: only what it staged.
    let left: Vec<PathBuf> = snapshot(out.path()).into_keys().collect();
    assert!(
        left.iter().all(|p| p.starts_with(".askaf-export-staging")),
        "{left:?}"
    );

    let said = export(out.path(), data.path(), &args);
    let (pages, made, _) = counts(&said);
    assert!(
        made + staged <= pages,
        "{staged} staged before the stop: {said}"
    );
    assert!(!out.path().join(".askaf-export-staging").exists());
    let fresh = tempfile::tempdir().unwrap();
    export(fresh.path(), data.path(), &args);
    assert!(
        mirror(fresh.path()) == mirror(out.path()),
        "the export taken up differs from a fresh one"
    );
}

/// The files a re-export said it removed (`removed FILE` lines).
fn removed(said: &str) -> std::collections::BTreeSet<String> {
    said.lines()
        .filter_map(|l| l.strip_prefix("removed "))
        .map(str::to_string)
        .collect()
}

/// What the site no longer has goes from the mirror, and the export names
/// it: a page whose article went (with its `.gz` and `.br`), an upload no
/// page shows any more. An upload the site lost (a backup from before it
/// restored) while a page still shows it is not left in the mirror as if
/// nothing happened: the export refuses the content file that shows it, as
/// a start does, naming the file, its line and the image. Files in the
/// directory the export did not write stay.
#[tokio::test]
async fn a_re_export_removes_and_names_what_the_site_no_longer_has() {
    let content = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    let backup = data.path().join("before-the-photo.db");
    std::fs::create_dir_all(content.path().join("en")).unwrap();
    let write = |slug: &str, body: &str| {
        std::fs::write(
            content.path().join(format!("en/{slug}.md")),
            crate::helpers::article(slug, "en", "", body),
        )
        .unwrap();
    };
    write("first", "A body.");
    write("second", "A body.");
    // `askaf backup FILE` or `askaf restore FILE`.
    let database = |command: &str| {
        let (ok, _, err) = crate::helpers::askaf(&[
            command,
            backup.to_str().unwrap(),
            "--data",
            data.path().to_str().unwrap(),
        ]);
        assert!(ok, "{command}: {err}");
    };
    let store = askaf_store::Store::open(data.path()).await.unwrap();
    database("backup");
    let kept = askaf_site::keep_image(
        &store,
        crate::media::photo(1000, 600),
        "ed",
        "kabul.jpg",
        "upload",
    )
    .await
    .unwrap()
    .unwrap();
    store.close().await;
    let image = kept.name.url();
    write(
        "pictured",
        &format!("Kabul.\n\n![A street in Kabul]({image})"),
    );
    let args = site_args(content.path());
    export(out.path(), data.path(), &args);
    let images: Vec<PathBuf> = snapshot(out.path())
        .into_keys()
        .filter(|p| p.starts_with("media"))
        .collect();
    assert!(images.len() >= 2, "the photo and its copies: {images:?}");
    // Files of the directory's owner, beside the mirror's.
    let own = |f: &str| out.path().join(f);
    std::fs::write(own("notes.txt"), "mine").unwrap();
    std::fs::write(own(&format!("{}.gz", images[0].display())), "mine").unwrap();
    std::fs::write(own("en/first.html.old"), "mine").unwrap();

    // The upload is gone from the site, the page still shows it.
    database("restore");
    let before = snapshot(out.path());
    let failed = export_command(out.path(), data.path(), &args)
        .output()
        .unwrap();
    let said = String::from_utf8_lossy(&failed.stderr);
    assert!(!failed.status.success(), "the lost upload passed: {said}");
    assert!(
        said.contains(&format!(
            "en/pictured.md:19: the image `{image}` is not among the uploads"
        )) && said.contains("refusing to export"),
        "{said}"
    );
    assert_eq!(
        snapshot(out.path()),
        before,
        "the failed export changed the mirror"
    );

    // The page without it, and an article unpublished: both go, named.
    write("pictured", "Kabul.");
    std::fs::remove_file(content.path().join("en/second.md")).unwrap();
    let said = export(out.path(), data.path(), &args);
    let gone = removed(&said);
    let mut expected: std::collections::BTreeSet<String> =
        images.iter().map(|p| p.display().to_string()).collect();
    for file in [
        "en/second.html",
        "en/second.txt",
        "en/second/comments.atom",
        "api/v1/articles/en/second.json",
    ] {
        for name in [file.to_string(), format!("{file}.gz"), format!("{file}.br")] {
            expected.insert(name);
        }
    }
    assert_eq!(gone, expected, "{said}");
    assert!(
        said.contains(&format!(", {} removed", expected.len())),
        "{said}"
    );
    for file in &expected {
        assert!(!out.path().join(file).exists(), "{file} is still there");
    }
    for file in [
        "notes.txt".to_string(),
        format!("{}.gz", images[0].display()),
        "en/first.html.old".to_string(),
    ] {
        assert_eq!(
            std::fs::read_to_string(own(&file)).unwrap(),
            "mine",
            "{file}"
        );
    }
    // Nothing more to remove.
    let said = export(out.path(), data.path(), &args);
    assert!(removed(&said).is_empty(), "{said}");
}

/// Each kind of thing a page is made from, changed in turn, is in the
/// mirror after a re-export exactly as an export into an empty directory
/// has it: an article's text, a comment (the pages that count them), a
/// discussion closed, a topic's name, a translation added and one
/// retitled (its original's page names it), the site's address, the
/// program. A re-export that skipped a page made from what changed would
/// differ.
#[tokio::test]
async fn every_kind_of_change_is_re_exported_as_a_fresh_export_has_it() {
    use askaf_content::Lang;
    let content = tempfile::tempdir().unwrap();
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(content.path().join("en")).unwrap();
    std::fs::create_dir_all(content.path().join("fa")).unwrap();
    let write = |file: &str, text: String| {
        std::fs::write(content.path().join(file), text).unwrap();
    };
    for slug in ["a", "b"] {
        write(
            &format!("en/{slug}.md"),
            crate::helpers::article(slug, "en", "", "A body."),
        );
    }
    write(
        "fa/d.md",
        crate::helpers::article("d", "fa", "", "متنی به دری."),
    );
    let store = askaf_store::Store::open(data.path()).await.unwrap();
    store.close().await;
    let mut args = site_args(content.path()).map(str::to_string).to_vec();
    let mut program = PathBuf::from(BIN);
    let run = |program: &Path, dir: &Path, args: &[String]| {
        let mut cmd = Command::new(program);
        cmd.arg("export")
            .arg(dir)
            .arg("--data")
            .arg(data.path())
            .args(args);
        crate::helpers::clean_env(&mut cmd, std::env::vars_os());
        // `program` is a fresh copy for "a new program" below.
        let done = crate::helpers::output_of_fresh_copy(&mut cmd);
        assert!(
            done.status.success(),
            "{}",
            String::from_utf8_lossy(&done.stderr)
        );
        String::from_utf8(done.stdout).unwrap()
    };
    run(&program, out.path(), &args);
    // Re-exports; the mirror is a fresh export's. Returns what it said and
    // the files whose bytes changed.
    let again = |what: &str, program: &Path, args: &[String]| {
        let before = mirror(out.path());
        let said = run(program, out.path(), args);
        let now = mirror(out.path());
        let fresh = tempfile::tempdir().unwrap();
        run(program, fresh.path(), args);
        assert!(
            mirror(fresh.path()) == now,
            "after {what}, the re-export differs from a fresh export: {said}"
        );
        let changed: std::collections::BTreeSet<String> = now
            .iter()
            .filter(|(f, bytes)| before.get(*f) != Some(bytes))
            .map(|(f, _)| f.display().to_string())
            .filter(|f| !f.ends_with(".gz") && !f.ends_with(".br"))
            .collect();
        (said, changed)
    };
    let shows = |file: &str, text: &str| {
        let page = std::fs::read_to_string(out.path().join(file)).unwrap();
        assert!(page.contains(text), "{file} does not show {text:?}");
    };

    let (said, changed) = again("nothing", &program, &args);
    assert!(changed.is_empty() && said.contains("(0 made"), "{said}");

    // An article's text: its pages, and those that list it.
    write(
        "en/a.md",
        crate::helpers::article("a", "en", "", "A body, rewritten."),
    );
    let (said, changed) = again("an edit", &program, &args);
    assert!(changed.contains("en/a.txt"), "{said} {changed:?}");
    assert!(!changed.contains("en/b.html"), "{changed:?}");
    shows("en/a.txt", "A body, rewritten.");

    // A comment approved: its article's pages and the listings that count.
    let store = askaf_store::Store::open(data.path()).await.unwrap();
    store
        .insert_comment(&askaf_store::NewComment {
            lang: Lang::En,
            slug: "b",
            parent_id: None,
            name: "Ana",
            email: None,
            ip: None,
            body: "A thought about b.",
            body_html: "<p>A thought about b.</p>",
            fingerprint: "a thought about b",
            status: askaf_store::Status::Approved,
            held: vec![],
            staff: None,
        })
        .await
        .unwrap();
    store.close().await;
    let (said, changed) = again("a comment", &program, &args);
    for file in ["en/b.html", "en/index.html", "en/b/comments.atom"] {
        assert!(changed.contains(file), "{file}: {said} {changed:?}");
    }
    assert!(!changed.contains("en/a.html"), "{changed:?}");
    shows("en/b.html", "A thought about b.");

    // The discussion closed.
    let store = askaf_store::Store::open(data.path()).await.unwrap();
    store
        .set_comments_closed(Lang::En, "b", true, "mod")
        .await
        .unwrap();
    store.close().await;
    let (said, changed) = again("comments closed", &program, &args);
    assert!(changed.contains("en/b.html"), "{said} {changed:?}");

    // A topic named by an editor: its page and its articles'.
    let store = askaf_store::Store::open(data.path()).await.unwrap();
    store
        .set_tag_labels("test", &[(Lang::En, "Proving ground")], "ed")
        .await
        .unwrap();
    store.close().await;
    let (said, changed) = again("a topic's name", &program, &args);
    for file in ["en/tags/test.html", "en/a.html"] {
        assert!(changed.contains(file), "{file}: {said} {changed:?}");
    }
    shows("en/a.html", "Proving ground");

    // A translation added, which only it declares: its original's page
    // links it, though the original's file is as it was.
    let translation = |title: &str| {
        crate::helpers::article("a", "fa", "translations = { en = \"a\" }", "ترجمه.")
            .replace("Title of a", title)
    };
    write("fa/a.md", translation("عنوان دری"));
    let (said, changed) = again("a translation", &program, &args);
    assert!(changed.contains("en/a.html"), "{said} {changed:?}");
    shows("en/a.html", "عنوان دری");
    // Retitled, a title of the same length.
    write("fa/a.md", translation("عنوان نوی"));
    let (said, changed) = again("a translation's title", &program, &args);
    assert!(changed.contains("en/a.html"), "{said} {changed:?}");
    shows("en/a.html", "عنوان نوی");

    // The site's address: every page made again.
    args[3] = "https://mirror-of.example".into();
    let (said, _) = again("the site's address", &program, &args);
    let (pages, made, _) = counts(&said);
    assert_eq!(made, pages, "{said}");
    shows("en/a.html", "https://mirror-of.example/en/a");

    // Another program (a new build): every page made again, none written
    // whose bytes are the same.
    let bin = tempfile::tempdir().unwrap();
    program = bin.path().join("askaf");
    std::fs::copy(BIN, &program).unwrap();
    let (said, changed) = again("a new program", &program, &args);
    let (pages, made, written) = counts(&said);
    assert_eq!((made, written), (pages, 0), "{said}");
    assert!(changed.is_empty(), "{changed:?}");
}

/// Makes the mirror in `out` look as if its last export had been of a
/// build whose stylesheet was `old` (`static/site.OLD.css`, with its `.gz`
/// and `.br`, listed in the manifest as the one the pages link) rather
/// than `now`'s bytes: as an export of the program before an upgrade that
/// changed the stylesheet left it. What the manifest says of the other
/// files, an earlier stylesheet kept among them, stays.
fn as_if_the_last_export_linked(out: &Path, now: &str, old: &str) {
    let path = out.join(".askaf-export.json");
    let mut manifest: serde_json::Value =
        serde_json::from_slice(&std::fs::read(&path).unwrap()).unwrap();
    let files = manifest["files"].as_object_mut().unwrap();
    let mut entry = files.remove(now).unwrap();
    let css = format!("/* the stylesheet of {old} */ body {{ color: #123; }}");
    let css = css.as_bytes();
    // Not real gzip or brotli: what counts is that each is as long as the
    // manifest says it was written.
    let mut lengths = Vec::new();
    for (suffix, bytes) in [("", css), (".gz", &css[..3]), (".br", &css[..5])] {
        std::fs::write(out.join(format!("{old}{suffix}")), bytes).unwrap();
        lengths.push(bytes.len());
    }
    entry["len"] = lengths[0].into();
    entry["gz"] = lengths[1].into();
    entry["br"] = lengths[2].into();
    files.insert(old.to_string(), entry);
    std::fs::write(&path, serde_json::to_vec_pretty(&manifest).unwrap()).unwrap();
}

/// A re-export after the stylesheet, script or icon changed keeps the file
/// the pages linked before (named by its old bytes), so that a page of the
/// last export that a CDN, a browser or an offline copy still holds finds
/// its stylesheet; the version before that goes at the next change, and is
/// named with what else went. Each of them is at most two files in the
/// mirror. The re-export removed the old file at once, and an old page
/// kept elsewhere was shown without its stylesheet and script.
#[test]
fn a_re_export_keeps_the_assets_the_last_exports_pages_linked() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    export(out.path(), data.path(), &[]);
    // The stylesheet as the pages link it, named by its bytes.
    let home = std::fs::read_to_string(out.path().join("en/index.html")).unwrap();
    let now = home
        .split('"')
        .find_map(|v| {
            v.strip_prefix("/static/site.")
                .filter(|v| v.ends_with(".css"))
        })
        .map(|v| format!("static/site.{v}"))
        .unwrap_or_else(|| panic!("no stylesheet: {home}"));
    assert_ne!(now, "static/site.css");
    let exists = |file: &str| {
        ["", ".gz", ".br"]
            .iter()
            .all(|s| out.path().join(format!("{file}{s}")).is_file())
    };

    // The last export was of a build with another stylesheet.
    let first = "static/site.0123456789ab.css";
    as_if_the_last_export_linked(out.path(), &now, first);
    let said = export(out.path(), data.path(), &[]);
    assert!(exists(first), "{first} went: {said}");
    assert!(exists(&now), "{said}");
    assert!(removed(&said).is_empty(), "{said}");
    // Kept as it was, also by an export that changes nothing.
    let said = export(out.path(), data.path(), &[]);
    assert!(said.contains(": 0 files written, 0 removed"), "{said}");
    assert!(exists(first), "{said}");

    // Another build, another stylesheet: the one before goes, named.
    let second = "static/site.ba9876543210.css";
    as_if_the_last_export_linked(out.path(), &now, second);
    let said = export(out.path(), data.path(), &[]);
    assert_eq!(
        removed(&said),
        [first, &format!("{first}.br"), &format!("{first}.gz")]
            .map(String::from)
            .into(),
        "{said}"
    );
    assert!(!out.path().join(first).exists());
    assert!(exists(second) && exists(&now), "{said}");
    // And the next change of it, at the next export, the second.
    as_if_the_last_export_linked(out.path(), &now, "static/site.aaaaaaaaaaaa.css");
    let said = export(out.path(), data.path(), &[]);
    assert!(removed(&said).contains(second), "{said}");
}

/// An export into a directory its user may not write in says what it was
/// doing and why: exporting into that directory, permission denied (into
/// the directory itself, or into a new one there). It named a file of its
/// own staging directory (`…/.askaf-export-staging/.journal`), which the
/// operator never asked for, and not the directory given. The archive of
/// the articles (`--markdown`) says the same: it named the first article
/// file it failed to write (`cannot write DIR/en/….md`).
#[test]
fn an_export_into_a_directory_it_may_not_write_says_so() {
    let out = tempfile::tempdir().unwrap();
    let none = out.path().join("no-database");
    for (markdown, dir) in [false, true].into_iter().flat_map(|m| {
        [
            (m, out.path().to_path_buf()),
            (m, out.path().join("mirror")),
        ]
    }) {
        let mut args: Vec<&dyn AsRef<std::ffi::OsStr>> = vec![&"export"];
        if markdown {
            args.push(&"--markdown");
        }
        args.extend([&dir as &dyn AsRef<std::ffi::OsStr>, &"--data", &none]);
        let (ok, said, err) = crate::operator::run_as_reader(out.path(), &args);
        assert!(!ok, "{said}");
        let wanted = format!("cannot export into {}: permission denied", dir.display());
        assert!(
            err.to_lowercase().contains(&wanted.to_lowercase()),
            "missing `{wanted}` in: {err}"
        );
        assert!(
            err.contains("give a directory this user may write in"),
            "{err}"
        );
        assert!(!err.contains(".journal"), "{err}");
        assert!(!dir.join(".askaf-export-staging").exists());
    }
}

/// nginx, or `None` where it is not installed (it is looked for on `PATH`
/// and in `/usr/sbin`, where Debian puts it outside root's `PATH`).
fn nginx() -> Option<PathBuf> {
    let path = std::env::var_os("PATH").unwrap_or_default();
    std::env::split_paths(&path)
        .chain([PathBuf::from("/usr/sbin")])
        .map(|dir| dir.join("nginx"))
        .find(|p| p.is_file())
}

/// The status, headers (`name: value` lines) and body of `GET path` on
/// 127.0.0.1:`port`, in HTTP/1.0.
fn http_get(port: u16, path: &str) -> (u16, String, String) {
    http_get_with(port, path, "")
}

/// [`http_get`] with more request header lines (`headers`, each ending in
/// `\r\n`); a body that is not UTF-8 is read lossily. (nginx compresses
/// nothing for HTTP/1.0, `gzip_http_version`'s default, but says `Vary`.)
fn http_get_with(port: u16, path: &str, headers: &str) -> (u16, String, String) {
    use std::io::Write;
    let mut stream = std::net::TcpStream::connect(("127.0.0.1", port)).unwrap();
    write!(
        stream,
        "GET {path} HTTP/1.0\r\nHost: mirror.test\r\n{headers}\r\n"
    )
    .unwrap();
    let mut bytes = Vec::new();
    stream.read_to_end(&mut bytes).unwrap();
    let answer = String::from_utf8_lossy(&bytes).into_owned();
    let status = answer
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    let (head, body) = answer.split_once("\r\n\r\n").unwrap_or_default();
    (status, head.to_string(), body.to_string())
}

/// The value of the header `name` in `head`, as [`http_get`] gives it.
fn header<'a>(head: &'a str, name: &str) -> Option<&'a str> {
    head.lines().find_map(|line| {
        let (n, value) = line.split_once(':')?;
        n.eq_ignore_ascii_case(name).then(|| value.trim())
    })
}

/// nginx serving the mirror in `mirror`, exported with `--site-url site`,
/// with the README's own block, as an operator copies it (the mirror's
/// directory and the live site's address put in), on a port of its own;
/// `None` (the test passes over it) where nginx is not installed, unless
/// `ASKAF_REQUIRE_EXTERNAL=1`.
struct Nginx {
    port: u16,
    _server: Stopped,
    _dir: tempfile::TempDir,
}

impl Nginx {
    fn serving(mirror: &Path, site: &str) -> Option<Nginx> {
        let Some(nginx) = nginx() else {
            let why = "nginx is not installed: apt-get install nginx-light";
            assert_ne!(
                std::env::var("ASKAF_REQUIRE_EXTERNAL").as_deref(),
                Ok("1"),
                "{why}; ASKAF_REQUIRE_EXTERNAL=1 requires it"
            );
            eprintln!("skipped: {why}");
            return None;
        };
        // The README's block, as an operator copies it, with the mirror's
        // root and the site's address.
        let readme =
            std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("../../README.md"))
                .unwrap();
        let block = readme
            .split("```nginx\n")
            .nth(1)
            .and_then(|rest| rest.split("```").next())
            .unwrap();
        assert!(block.contains("https://askafghanistan.example/"), "{block}");
        let block = block
            .replace("/srv/askaf-mirror", mirror.to_str().unwrap())
            .replace("https://askafghanistan.example", site);
        assert!(block.contains("error_page 404"), "{block}");
        let dir = tempfile::tempdir().unwrap();
        let port = std::net::TcpListener::bind("127.0.0.1:0")
            .unwrap()
            .local_addr()
            .unwrap()
            .port();
        let d = dir.path().display();
        // The types of the mirror's files, as Debian's `mime.types`, which an
        // operator's `http` block includes, names them.
        let types = " types { text/html html; text/plain txt; text/css css; \
                     application/javascript js; application/atom+xml atom; \
                     application/json json; text/xml xml; image/svg+xml svg; }\n";
        // One process (no workers under another user, who could not read a
        // temporary directory), in the foreground, everything under `dir`.
        let conf = format!(
            "master_process off;\ndaemon off;\npid {d}/nginx.pid;\nerror_log {d}/error.log;\n\
             events {{}}\nhttp {{\n access_log off;\n default_type text/html;\n{types}\
             client_body_temp_path {d}/body;\n proxy_temp_path {d}/proxy;\n\
             fastcgi_temp_path {d}/fastcgi;\n uwsgi_temp_path {d}/uwsgi;\n\
             scgi_temp_path {d}/scgi;\n server {{\n  listen 127.0.0.1:{port};\n{block}\n }}\n}}\n"
        );
        std::fs::write(dir.path().join("nginx.conf"), conf).unwrap();
        let mut server = Stopped(
            Command::new(nginx)
                .arg("-p")
                .arg(dir.path())
                .arg("-c")
                .arg(dir.path().join("nginx.conf"))
                .arg("-e")
                .arg(dir.path().join("error.log"))
                .spawn()
                .unwrap(),
        );
        let started = std::time::Instant::now();
        while std::net::TcpStream::connect(("127.0.0.1", port)).is_err() {
            let log = std::fs::read_to_string(dir.path().join("error.log")).unwrap_or_default();
            assert!(
                server.0.try_wait().unwrap().is_none(),
                "nginx stopped: {log}"
            );
            assert!(
                started.elapsed().as_secs() < 10,
                "nginx did not listen: {log}"
            );
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
        Some(Nginx {
            port,
            _server: server,
            _dir: dir,
        })
    }
}

/// A mirror served by nginx with the README's own configuration block
/// answers an address it does not have with the page of that address's
/// language, and a 404 status; the pages it has as before, the API's
/// documents to any site's script as the live API does, each text file
/// said to be UTF-8, as the site says it: a `.txt`, which has no `<meta
/// charset>`, was sent as bare `text/plain`, which a browser may read in
/// its own legacy encoding (Firefox does not guess UTF-8 for a page from
/// the web), so a Dari or Pashto article's text came out as mojibake.
/// No dot-file is served (the export's manifest), but `/.well-known/`.
#[test]
fn nginx_with_the_readmes_block_answers_a_missing_page_in_its_language() {
    let out = built_in_mirror(false);
    let Some(nginx) = Nginx::serving(out.path(), "https://askaf.example") else {
        return;
    };
    let port = nginx.port;
    let page = |file: &str| std::fs::read_to_string(out.path().join(file)).unwrap();
    for (path, file) in [
        ("/fa/no-such-article", "fa/404.html"),
        ("/ps/tags/nothing", "ps/404.html"),
        ("/en/nope", "en/404.html"),
        ("/nowhere", "en/404.html"),
        // The 404 pages' own files, which the live site does not have
        // either: they were served with 200.
        ("/fa/404", "fa/404.html"),
        ("/fa/404.html", "fa/404.html"),
        ("/ps/404", "ps/404.html"),
        ("/en/404", "en/404.html"),
        ("/en/404.html", "en/404.html"),
    ] {
        let (status, _, body) = http_get(port, path);
        assert_eq!(status, 404, "{path}");
        assert_eq!(body, page(file), "{path} answered with another page");
    }
    assert!(page("fa/404.html").contains(r#"<html lang="fa" dir="rtl""#));
    assert!(page("ps/404.html").contains(r#"<html lang="ps" dir="rtl""#));
    let (status, _, body) = http_get(port, "/fa/");
    assert_eq!(status, 200);
    assert_eq!(body, page("fa/index.html"));
    for (path, file, content_type) in [
        (
            "/fa/who-governs-afghanistan.txt",
            "fa/who-governs-afghanistan.txt",
            "text/plain; charset=utf-8",
        ),
        (
            "/ps/languages-of-afghanistan.txt",
            "ps/languages-of-afghanistan.txt",
            "text/plain; charset=utf-8",
        ),
        (
            "/fa/feed.atom",
            "fa/feed.atom",
            "application/atom+xml; charset=utf-8",
        ),
        (
            "/static/site.css",
            "static/site.css",
            "text/css; charset=utf-8",
        ),
        ("/ps/", "ps/index.html", "text/html; charset=utf-8"),
    ] {
        let (status, head, body) = http_get(port, path);
        assert_eq!(
            (status, header(&head, "content-type")),
            (200, Some(content_type)),
            "{path}"
        );
        assert_eq!(body, page(file), "{path}");
    }
    // A language written as another tag for it, as a browser or a link
    // may (`/fa-AF/…`, `/prs/…`, `/EN/…`), is sent to the site's own, the
    // rest of the address and its query kept, as the live site sends it:
    // the mirror answered with the English 404 page. The site's own codes,
    // and words that start alike, stay.
    for (path, to) in [
        (
            "/fa-AF/who-governs-afghanistan",
            "/fa/who-governs-afghanistan",
        ),
        ("/prs/", "/fa/"),
        ("/prs-AF", "/fa/"),
        ("/fa", "/fa/"),
        ("/PS/feed.atom", "/ps/feed.atom"),
        ("/ps_AF/tags/x?y=1", "/ps/tags/x?y=1"),
        ("/en-GB/about", "/en/about"),
        ("/EN/", "/en/"),
        ("/eng", "/en/"),
    ] {
        let (status, head, _) = http_get(port, path);
        assert_eq!(status, 308, "{path}");
        // From the root, as the live site writes it: nginx's own absolute
        // `Location` named the scheme and port it was reached on, which
        // behind a CDN or a proxy that ends TLS are not the reader's.
        assert_eq!(header(&head, "location"), Some(to), "{path}");
    }
    for (path, wanted) in [
        ("/fa/", 200),
        ("/en/", 200),
        ("/faq/", 404),
        ("/english", 404),
        ("/de/x", 404),
    ] {
        let (status, _, _) = http_get(port, path);
        assert_eq!(status, wanted, "{path}");
    }
    // Pages, feeds and API documents are revalidated each time, as the
    // live site has them (`public, max-age=0, must-revalidate`), so that a
    // CDN in front of the mirror serves a re-export's at once: with no
    // `Cache-Control` a CDN keeps them as long as it likes (CloudFront a
    // day), and served the pages of the export before.
    for path in [
        "/",
        "/fa/",
        "/en/who-governs-afghanistan",
        "/ps/languages-of-afghanistan.txt",
        "/fa/feed.atom",
        "/sitemap.xml",
        "/api/v1/articles",
        "/api/v1/articles/fa/who-governs-afghanistan",
    ] {
        let (status, head, _) = http_get(port, path);
        assert_eq!(status, 200, "{path}");
        assert_eq!(
            header(&head, "cache-control"),
            Some("public, max-age=0, must-revalidate"),
            "{path}"
        );
    }
    // The stylesheet as the pages link it, named by its bytes, is kept a
    // year, as the live site's `?v=` is; under its plain name, which does
    // not change with its bytes, five minutes.
    let home = page("en/index.html");
    let css = home
        .split('"')
        .find(|v| v.starts_with("/static/site.") && v.ends_with(".css") && v.len() > 20)
        .unwrap_or_else(|| panic!("no stylesheet named by its bytes: {home}"));
    for (path, cache) in [
        (css, "public, max-age=31536000, immutable"),
        ("/static/site.css", "public, max-age=300"),
        ("/static/icon.svg", "public, max-age=300"),
    ] {
        let (status, head, body) = http_get(port, path);
        assert_eq!(status, 200, "{path}");
        assert_eq!(header(&head, "cache-control"), Some(cache), "{path}");
        assert_eq!(body, page(path.trim_start_matches('/')), "{path}");
    }
    // The API's documents, which any site may read on the live site
    // (`Access-Control-Allow-Origin: *`), may be read from the mirror too.
    // One the mirror lacks is the API's JSON 404, which any site's script
    // may read, as the live API's: it was the English HTML page, without
    // the header, so a script could not even read it.
    assert!(page("api/404.json").contains("/api/v1/articles"));
    for (path, wanted, file) in [
        ("/api/v1/articles", 200, "api/v1/articles.json"),
        (
            "/api/v1/articles/fa/who-governs-afghanistan",
            200,
            "api/v1/articles/fa/who-governs-afghanistan.json",
        ),
        (
            "/api/v1/articles/fa/no-such-article",
            404,
            "api/v1/articles/fa/404.json",
        ),
        ("/api/v2", 404, "api/404.json"),
        ("/api/404", 404, "api/404.json"),
        ("/api/404.json", 404, "api/404.json"),
        (
            "/api/v1/articles/en/who-governs-afghanistan.txt",
            404,
            "api/404.json",
        ),
    ] {
        let (status, head, body) = http_get(port, path);
        assert_eq!(status, wanted, "{path}");
        assert_eq!(
            header(&head, "content-type"),
            Some("application/json"),
            "{path}"
        );
        assert_eq!(
            header(&head, "access-control-allow-origin"),
            Some("*"),
            "{path}"
        );
        assert_eq!(body, page(file), "{path}");
    }
    // The export's own files (its manifest, which lists every file and
    // what it was made from; its staging directory) are not the site's:
    // no dot-file is served, the reader gets the 404 page. The block
    // served the manifest to anyone until 6 December. An ACME challenge
    // (`/.well-known/`), which an operator's certificate may need, is.
    assert!(out.path().join(".askaf-export.json").is_file());
    // Under `/fa/` and `/ps/` a dot-file, there or not, is the language's
    // 404 page, as any other missing address there is (it was the English
    // page: the block refused dot-files in a location of its own, which
    // took the server's English `error_page`).
    for (file, text) in [
        (".askaf-export-staging/fa/x.html", "x"),
        ("fa/.hidden", "x"),
        ("ps/tags/.hidden.html", "x"),
        ("api/v1/.hidden.json", "x"),
        (".well-known/acme-challenge/token", "proof"),
    ] {
        let file = out.path().join(file);
        std::fs::create_dir_all(file.parent().unwrap()).unwrap();
        std::fs::write(file, text).unwrap();
    }
    for (path, file) in [
        ("/.askaf-export.json", "en/404.html"),
        ("/.askaf-export", "en/404.html"),
        ("/.askaf-export-staging/fa/x.html", "en/404.html"),
        ("/fa/.hidden", "fa/404.html"),
        ("/fa/.nothing", "fa/404.html"),
        ("/ps/tags/.hidden", "ps/404.html"),
        ("/ps/.nothing/x", "ps/404.html"),
        ("/en/.nothing", "en/404.html"),
        ("/api/v1/.hidden", "api/404.json"),
        ("/.well-known/../.askaf-export.json", "en/404.html"),
        ("/fa/../.askaf-export.json", "en/404.html"),
    ] {
        let (status, _, body) = http_get(port, path);
        assert_eq!(status, 404, "{path}");
        assert_eq!(body, page(file), "{path} answered with another page");
    }
    let (status, _, body) = http_get(port, "/.well-known/acme-challenge/token");
    assert_eq!((status, body.as_str()), (200, "proof"));
}

/// An article's API address whose language is written as another tag for
/// it (`/api/v1/articles/fa-AF/slug`, `prs`, `EN`) is sent on by the
/// mirror as the live API sends it: the same status (308), the same
/// `Location` (the site's own code, the rest of the address and the query
/// kept, from the root as the live site writes it), and readable by any
/// site's script (a browser's `fetch` from another site follows a redirect
/// only if the redirect itself carries `Access-Control-Allow-Origin`). The
/// mirror answered it with the API's JSON 404, while its pages' addresses
/// (`/fa-AF/…`) were already sent on.
#[test]
fn nginx_sends_an_api_address_with_a_language_tag_on_as_the_live_api_does() {
    let Some((nginx, _live, live_port, _dirs)) = mirror_and_live() else {
        return;
    };
    let slug = "who-governs-afghanistan";
    for (path, to) in [
        (
            format!("/api/v1/articles/fa-AF/{slug}"),
            format!("/api/v1/articles/fa/{slug}"),
        ),
        (
            format!("/api/v1/articles/prs/{slug}?x=1"),
            format!("/api/v1/articles/fa/{slug}?x=1"),
        ),
        (
            format!("/api/v1/articles/ps_AF/{slug}"),
            format!("/api/v1/articles/ps/{slug}"),
        ),
        (
            format!("/api/v1/articles/EN/{slug}"),
            format!("/api/v1/articles/en/{slug}"),
        ),
        (
            format!("/api/v1/articles/fa-Arab-AF/{slug}"),
            format!("/api/v1/articles/fa/{slug}"),
        ),
        // Sent on before the article is looked for, as live.
        (
            "/api/v1/articles/en-GB/no-such-article".into(),
            "/api/v1/articles/en/no-such-article".into(),
        ),
    ] {
        let (live_status, live_head, _) = http_get(live_port, &path);
        let (status, head, _) = http_get(nginx.port, &path);
        assert_eq!(
            (live_status, header(&live_head, "location")),
            (308, Some(to.as_str())),
            "live {path}"
        );
        assert_eq!(status, live_status, "{path}");
        assert_eq!(header(&head, "location"), Some(to.as_str()), "{path}");
        assert_eq!(
            header(&head, "access-control-allow-origin"),
            Some("*"),
            "{path}"
        );
        let (status, _, _) = http_get(nginx.port, &to);
        let wanted = if to.contains("no-such") { 404 } else { 200 };
        assert_eq!(status, wanted, "{to}");
    }
    // The site's own codes are served, and what the live API does not send
    // on is not sent on: a deeper address, a language the site lacks (a
    // 400 there), a word that only starts like a code.
    for path in [
        format!("/api/v1/articles/fa/{slug}"),
        format!("/api/v1/articles/fa-AF/{slug}/x"),
        format!("/api/v1/articles/de/{slug}"),
        format!("/api/v1/articles/fax/{slug}"),
        format!("/api/v1/articles/fa-/{slug}"),
    ] {
        let (live_status, _, _) = http_get(live_port, &path);
        let (status, head, _) = http_get(nginx.port, &path);
        assert_ne!(live_status, 308, "live {path}");
        assert_ne!(status, 308, "{path}");
        assert_eq!(header(&head, "location"), None, "{path}");
    }
    // An address with a slash after it is sent to the one without, as
    // live, when that one is the API's (until 7 December both answered
    // it with the JSON 404); a language's other tag goes to the site's own
    // in the same step, before the article is looked for, as without the
    // slash.
    for (path, to) in [
        (
            format!("/api/v1/articles/fa/{slug}/"),
            Some(format!("/api/v1/articles/fa/{slug}")),
        ),
        (
            format!("/api/v1/articles/ps/{slug}//?x=1"),
            Some(format!("/api/v1/articles/ps/{slug}?x=1")),
        ),
        (
            format!("/api/v1/articles/fa-AF/{slug}/"),
            Some(format!("/api/v1/articles/fa/{slug}")),
        ),
        (
            "/api/v1/articles/en-GB/no-such-article/".into(),
            Some("/api/v1/articles/en/no-such-article".into()),
        ),
        (
            "/api/v1/articles/?lang=fa".into(),
            Some("/api/v1/articles?lang=fa".into()),
        ),
        ("/api/v1/articles/fa/no-such-article/".into(), None),
        (format!("/api/v1/articles/fa/{slug}/x/"), None),
    ] {
        let (live_status, live_head, _) = http_get(live_port, &path);
        let (status, head, _) = http_get(nginx.port, &path);
        let wanted = if to.is_some() { 308 } else { 404 };
        assert_eq!(
            (live_status, header(&live_head, "location")),
            (wanted, to.as_deref()),
            "live {path}"
        );
        assert_eq!(status, live_status, "{path}");
        assert_eq!(header(&head, "location"), to.as_deref(), "{path}");
        assert_eq!(
            header(&head, "access-control-allow-origin"),
            Some("*"),
            "{path}"
        );
        if let Some(to) = to.filter(|to| !to.contains("no-such")) {
            let (status, _, _) = http_get(nginx.port, &to);
            assert_eq!(status, 200, "{to}");
        }
    }
}

/// A language after the API's list or Ask (`/api/v1/articles/fa`, with a
/// slash after it or as another tag, `/api/v1/ask/fa?q=…`), as a reuser
/// guesses from the site's `/fa/` addresses, is sent by the mirror where
/// the live API sends it: to the address that asks with `lang=`, the query
/// after it, readable by any site's script. The mirror answered it with
/// the API's English 404.
#[test]
fn nginx_sends_a_language_after_the_apis_list_on_as_the_live_api_does() {
    let Some((nginx, _live, live_port, _dirs)) = mirror_and_live() else {
        return;
    };
    for (path, to) in [
        ("/api/v1/articles/fa", "/api/v1/articles?lang=fa"),
        ("/api/v1/articles/fa/", "/api/v1/articles?lang=fa"),
        ("/api/v1/articles/ps//", "/api/v1/articles?lang=ps"),
        (
            "/api/v1/articles/en?page=2",
            "/api/v1/articles?lang=en&page=2",
        ),
        ("/api/v1/articles/fa-AF/", "/api/v1/articles?lang=fa"),
        ("/api/v1/articles/EN", "/api/v1/articles?lang=en"),
        ("/api/v1/articles/pus", "/api/v1/articles?lang=ps"),
        ("/api/v1/ask/fa?q=kabul", "/api/v1/ask?lang=fa&q=kabul"),
        ("/api/v1/ask/ps/", "/api/v1/ask?lang=ps"),
    ] {
        let (live_status, live_head, _) = http_get(live_port, path);
        assert_eq!(
            (live_status, header(&live_head, "location")),
            (308, Some(to)),
            "live {path}"
        );
        let (status, head, _) = http_get(nginx.port, path);
        assert_eq!(
            (status, header(&head, "location")),
            (308, Some(to)),
            "{path}"
        );
        assert_eq!(
            header(&head, "access-control-allow-origin"),
            Some("*"),
            "{path}"
        );
    }
    // The list the mirror has, its first page of every language (a file
    // has no query), is where the articles' address leads.
    let (status, _, _) = http_get(nginx.port, "/api/v1/articles?lang=fa");
    assert_eq!(status, 200);
    // What the live API does not send on is not sent on: a language the
    // site lacks, a word that only starts like a code.
    for path in [
        "/api/v1/articles/de",
        "/api/v1/articles/fax",
        "/api/v1/articles/fa-",
    ] {
        let (live_status, _, _) = http_get(live_port, path);
        let (status, head, _) = http_get(nginx.port, path);
        assert_eq!(live_status, 404, "live {path}");
        assert_eq!(status, 404, "{path}");
        assert_eq!(header(&head, "location"), None, "{path}");
    }
}

/// A mirror of the built-in site ([`built_in_mirror`]) served by nginx
/// with the README's block, whose live site (where it sends Ask and
/// comments) is a server of the same content, and the live site's port;
/// `None` (the test passes over it) where nginx is not installed. The
/// pages' own absolute links name `https://askaf.example`: these tests
/// ask the mirror and the live site for the same addresses and compare
/// statuses, headers and languages, not links.
fn mirror_and_live() -> Option<(Nginx, crate::helpers::TestApp, u16, [tempfile::TempDir; 2])> {
    let data = tempfile::tempdir().unwrap();
    let out = built_in_mirror(false);
    let live = crate::helpers::TestApp::spawn_with(data.path(), &[], None);
    let nginx = Nginx::serving(out.path(), &live.url)?;
    let live_port: u16 = live.url.rsplit(':').next().unwrap().parse().unwrap();
    Some((nginx, live, live_port, [data, out]))
}

/// Asks the mirror and the live site for `path` and checks that they
/// answer alike: the same status and `Location`; for a page or a 404, the
/// same `Content-Type`; for a 404, a page in the same language. Returns
/// the status.
fn answered_as_live(nginx: u16, live: u16, path: &str) -> u16 {
    let lang = |body: &str| {
        body.split_once("<html lang=\"")
            .and_then(|(_, rest)| rest.split_once('"'))
            .map(|(lang, _)| lang.to_string())
    };
    let (live_status, live_head, live_body) = http_get(live, path);
    let (status, head, body) = http_get(nginx, path);
    assert_eq!(
        (status, header(&head, "location")),
        (live_status, header(&live_head, "location")),
        "{path}"
    );
    if matches!(status, 200 | 404) {
        assert_eq!(
            header(&head, "content-type"),
            header(&live_head, "content-type"),
            "{path}"
        );
    }
    if status == 404 {
        assert_eq!(lang(&body), lang(&live_body), "{path}");
    }
    status
}

/// Every error the mirror answers is sent with the caching headers the
/// live site sends its errors with (`Cache-Control: no-store`, neither
/// validator), so that a CDN or a browser does not keep a 404 for an
/// address a re-export adds: nginx's `add_header` leaves out an error
/// unless told `always`, and the mirror's 404s went with no
/// `Cache-Control` at all, and with the 404 page's `ETag`. An article's
/// API address in a language the site does not have is a 404 on both (it
/// was a 400 on the live site).
#[test]
fn nginx_sends_its_errors_uncached_as_the_live_site_does() {
    let Some((nginx, _live, live_port, _dirs)) = mirror_and_live() else {
        return;
    };
    for path in [
        "/en/no-such-article",
        "/fa/no-such-article",
        "/ps/tags/nothing",
        "/nowhere",
        "/de/x",
        "/fa/404",
        "/en/404.html",
        "/en/who-governs-afghanistan.html",
        "/fa/who-governs-afghanistan.html.gz",
        "/en/index",
        "/en/page/2.html",
        "/fa/no-such-article/",
        "/.askaf-export.json",
        "/fa/.askaf-export.json",
        "/static/nothing.css",
        "/api",
        "/api/404",
        "/api/v1/nothing",
        "/api/v1/articles.json",
        "/api/v1/articles/en/no-such-article",
        "/api/v1/articles/fa/no-such-article/",
        "/api/v1/articles/de/x",
        "/api/v1/articles/de/who-governs-afghanistan",
        "/api/v1/articles/fa/404",
        "/api/v1/articles/ps/no-such-article",
        "/api/v1/articles/en/404.json",
    ] {
        assert_eq!(answered_as_live(nginx.port, live_port, path), 404, "{path}");
        let (_, live_head, _) = http_get(live_port, path);
        let (_, head, _) = http_get(nginx.port, path);
        assert_eq!(
            header(&live_head, "cache-control"),
            Some("no-store"),
            "{path} live"
        );
        for name in ["cache-control", "etag", "last-modified", "expires"] {
            assert_eq!(
                header(&head, name),
                header(&live_head, name),
                "{name} of {path}: {head}"
            );
        }
        if path.starts_with("/api") {
            assert_eq!(
                header(&head, "access-control-allow-origin"),
                Some("*"),
                "{path}"
            );
        }
    }
}

/// An article's API address in a language, which the mirror lacks, is
/// answered with the API's 404 in that language (the mirror's
/// `api/v1/articles/{lang}/404.json`), the very document the live API
/// answers it with, whatever the reader's `Accept-Language` (the live
/// API says that 404 in the article's language); it was the English
/// `api/404.json`. Any other address under `/api/` the mirror lacks is
/// `api/404.json`, what the live API answers a program that sends neither
/// `lang=` nor `Accept-Language`: a static host cannot read either
/// (README, "A static mirror").
#[test]
fn nginx_answers_a_missing_article_of_the_api_in_its_language() {
    let Some((nginx, _live, live_port, dirs)) = mirror_and_live() else {
        return;
    };
    let file = |f: &str| std::fs::read_to_string(dirs[1].path().join(f)).unwrap();
    for (path, file_name, said) in [
        (
            "/api/v1/articles/fa/no-such-article",
            "api/v1/articles/fa/404.json",
            "چنین نشانی‌ای",
        ),
        (
            "/api/v1/articles/ps/no-such-article",
            "api/v1/articles/ps/404.json",
            "داسې پته نشته",
        ),
        (
            "/api/v1/articles/ps/who-governs-afghanistan.json",
            "api/v1/articles/ps/404.json",
            "داسې پته نشته",
        ),
        (
            "/api/v1/articles/fa/404",
            "api/v1/articles/fa/404.json",
            "چنین نشانی‌ای",
        ),
        (
            "/api/v1/articles/en/no-such-article",
            "api/v1/articles/en/404.json",
            "No such address",
        ),
        // A dot-name is no article, and is said so in its language, as
        // live (the mirror's refusal of dot-files said it in English).
        (
            "/api/v1/articles/fa/.hidden",
            "api/v1/articles/fa/404.json",
            "چنین نشانی‌ای",
        ),
        (
            "/api/v1/articles/ps/.well-known",
            "api/v1/articles/ps/404.json",
            "داسې پته نشته",
        ),
        ("/api/v2", "api/404.json", "No such address"),
    ] {
        let (status, head, body) = http_get(nginx.port, path);
        assert_eq!(status, 404, "{path}");
        assert_eq!(body, file(file_name), "{path}");
        assert_eq!(
            header(&head, "content-type"),
            Some("application/json"),
            "{path}"
        );
        let detail: serde_json::Value = serde_json::from_str(&body).unwrap();
        let detail = detail["errors"][0]["detail"].as_str().unwrap();
        assert!(detail.contains(said), "{path}: {body}");
        // The live API's answer, word for word.
        let (live_status, _, live_body) = http_get(live_port, path);
        assert_eq!((live_status, live_body), (404, body.clone()), "{path}");
    }
}

/// Each kind of file of the mirror is sent with the type the live site
/// sends it with: the sitemap was `text/xml` (nginx's `mime.types` for
/// `.xml`) where the live site says `application/xml`.
#[test]
fn nginx_types_each_kind_of_file_as_the_live_site_does() {
    let Some((nginx, _live, live_port, _dirs)) = mirror_and_live() else {
        return;
    };
    for path in [
        "/",
        "/fa/",
        "/sitemap.xml",
        "/robots.txt",
        "/feed.atom",
        "/comments.atom",
        "/ps/feed.atom",
        "/en/who-governs-afghanistan",
        "/fa/who-governs-afghanistan.txt",
        "/en/who-governs-afghanistan/comments.atom",
        "/en/tags/history",
        "/en/about",
        "/api/v1/articles",
        "/api/v1/articles/fa/who-governs-afghanistan",
        "/static/site.css",
        "/static/site.js",
        "/static/icon.svg",
        "/favicon.ico",
    ] {
        assert_eq!(answered_as_live(nginx.port, live_port, path), 200, "{path}");
    }
}

/// The names of the mirror's files are not addresses of the site: the
/// live site has `/en/slug`, not `/en/slug.html`, nor its `.gz` or `.br`,
/// nor `/en/index` for `/en/`, nor `/api/v1/articles.json`; the mirror
/// served each of them with 200 (the compressed ones as if they were
/// HTML), so a page had several addresses there. Each is a 404, in its
/// language and type, as on the live site; the forms the live site sends
/// on (a language tag) are still sent on.
#[test]
fn nginx_serves_no_files_name_that_the_live_site_lacks() {
    let Some((nginx, _live, live_port, _dirs)) = mirror_and_live() else {
        return;
    };
    let slug = "who-governs-afghanistan";
    for (path, wanted) in [
        (format!("/en/{slug}.html"), 404),
        (format!("/fa/{slug}.html"), 404),
        (format!("/ps/{slug}.html?x=1"), 404),
        (format!("/en/{slug}.html.gz"), 404),
        (format!("/fa/{slug}.html.br"), 404),
        (format!("/ps/{slug}.txt.gz"), 404),
        (format!("/en/{slug}/comments.atom.br"), 404),
        ("/en/tags/history.html".into(), 404),
        ("/fa/tags/government.html.gz".into(), 404),
        ("/en/about.html".into(), 404),
        // A listing's page by its file's name: live said 400, "not a page
        // number", where the mirror said 404.
        ("/en/page/2.html".into(), 404),
        ("/fa/page/2.html".into(), 404),
        ("/ps/page/3.html.gz".into(), 404),
        ("/en/tags/history/page/2.html".into(), 404),
        ("/en/index".into(), 404),
        ("/en/index.html".into(), 404),
        ("/fa/index".into(), 404),
        ("/ps/index.html.gz".into(), 404),
        ("/index".into(), 404),
        ("/index.html".into(), 404),
        ("/index.html.br".into(), 404),
        ("/sitemap.xml.gz".into(), 404),
        ("/feed.atom.br".into(), 404),
        ("/fa/feed.atom.gz".into(), 404),
        ("/static/site.css.gz".into(), 404),
        ("/static/icon.svg.br".into(), 404),
        ("/api/v1/articles.json".into(), 404),
        ("/api/v1/articles.json.gz".into(), 404),
        (format!("/api/v1/articles/fa/{slug}.json"), 404),
        (format!("/api/v1/articles/en/{slug}.json.br"), 404),
        // Sent on first, as live.
        (format!("/fa-AF/{slug}.html"), 308),
        (format!("/api/v1/articles/prs/{slug}.json"), 308),
    ] {
        assert_eq!(
            answered_as_live(nginx.port, live_port, &path),
            wanted,
            "{path}"
        );
    }
}

/// Ask in a language (`/fa/ask`), which the live site sends to its Ask
/// page (`/ask?lang=fa`, the query kept), is sent by the mirror to the
/// live site's, the one the mirror's Ask forms point to (the mirror has
/// no Ask of its own): it was a 404. A language tag goes to the site's
/// own code first, as live. A question given twice is sent on with both.
#[test]
fn nginx_sends_ask_in_a_language_to_the_live_sites_ask() {
    let Some((nginx, live, live_port, _dirs)) = mirror_and_live() else {
        return;
    };
    // A question given twice is sent on with both, and refused there in
    // the path's language, as the live site sends it: the mirror kept the
    // first and dropped the other, so that the live Ask answered from the
    // mirror what it refuses from the live site.
    for (path, answered) in [
        ("/en/ask", 200),
        ("/fa/ask", 200),
        ("/ps/ask", 200),
        ("/fa/ask?q=%D8%A2%D8%A8", 200),
        ("/en/ask?q=x&y=1", 200),
        ("/ps/ask?y=1&q=z", 200),
        ("/en/ask?lang=fa", 200),
        ("/en/ask?q=a&q=b", 400),
        ("/fa/ask?q=%D8%A2%D8%A8&y=1&q", 400),
        ("/ps/ask?q=&q=z", 400),
    ] {
        let (live_status, live_head, _) = http_get(live_port, path);
        let to = header(&live_head, "location").unwrap_or_default();
        assert_eq!(live_status, 308, "live {path}");
        assert!(to.starts_with("/ask?lang="), "live {path}: {to}");
        let (status, head, _) = http_get(nginx.port, path);
        assert_eq!(status, 308, "{path}");
        assert_eq!(
            header(&head, "location"),
            Some(format!("{}{to}", live.url).as_str()),
            "{path}"
        );
        let (status, _, page) = http_get(live_port, to);
        assert_eq!(status, answered, "{to}");
        let lang = &path[1..3];
        assert!(
            page.contains(&format!("<html lang=\"{lang}\"")),
            "{to}: {page}"
        );
    }
    // Given three times, the mirror sends on the first and the last (its
    // `if` captures one match): refused there all the same.
    let path = "/en/ask?q=a&q=b&q=c";
    let (_, head, _) = http_get(nginx.port, path);
    let to = header(&head, "location").unwrap_or_default();
    assert_eq!(to, format!("{}/ask?lang=en&q=a&q=c", live.url), "{path}");
    assert_eq!(http_get(live_port, &to[live.url.len()..]).0, 400, "{to}");
    for path in [
        "/fa-AF/ask",
        "/PS/ask?q=x",
        "/en/ask/",
        "/en/asking",
        "/en/ask.html",
    ] {
        assert_ne!(answered_as_live(nginx.port, live_port, path), 200, "{path}");
    }
}

/// Two addresses the live site answers and the mirror has no file for
/// are answered as live: `/api`, the API's root, which is the API's JSON
/// 404 with `Access-Control-Allow-Origin` there, was the mirror's English
/// HTML 404, which another site's script could not read; and Ask itself,
/// `/ask` and `/api/v1/ask`, were 404s where `/fa/ask` was sent to the
/// live site's Ask: they are sent there too, the query kept.
#[test]
fn nginx_answers_the_api_root_as_json_and_sends_ask_to_the_live_site() {
    let Some((nginx, live, live_port, _dirs)) = mirror_and_live() else {
        return;
    };
    for path in ["/api", "/api?x=1"] {
        assert_eq!(answered_as_live(nginx.port, live_port, path), 404, "{path}");
        let (_, head, body) = http_get(nginx.port, path);
        assert_eq!(
            header(&head, "access-control-allow-origin"),
            Some("*"),
            "{path}"
        );
        assert_eq!(body, http_get(live_port, path).2, "{path}");
    }
    for path in [
        "/ask",
        "/ask?lang=fa&q=%D8%A2%D8%A8",
        "/ask?q=a&q=b",
        "/api/v1/ask?q=kabul&lang=en",
    ] {
        let (status, head, _) = http_get(nginx.port, path);
        assert_eq!(status, 308, "{path}");
        assert_eq!(
            header(&head, "location"),
            Some(format!("{}{path}", live.url).as_str()),
            "{path}"
        );
        if path.starts_with("/api/") {
            assert_eq!(
                header(&head, "access-control-allow-origin"),
                Some("*"),
                "{path}"
            );
        }
    }
    for path in ["/ask/", "/asking", "/ask.html", "/api/v1/ask/x"] {
        assert_ne!(answered_as_live(nginx.port, live_port, path), 200, "{path}");
    }
}

/// The mirror says that its files vary by the encoding asked for, as the
/// live site does (`Vary: Accept-Encoding`): nginx serves a file's `.gz`
/// sibling to a client that takes gzip (`gzip_static`), and said nothing
/// of it, so a CDN or a proxy in front of the mirror could keep the gzip
/// bytes and send them to a client that had not asked for them.
#[test]
fn nginx_says_its_files_vary_by_encoding_as_the_live_site_does() {
    let Some((nginx, _live, live_port, _dirs)) = mirror_and_live() else {
        return;
    };
    for path in [
        "/fa/",
        "/en/who-governs-afghanistan",
        "/ps/feed.atom",
        "/sitemap.xml",
        "/api/v1/articles",
        "/static/site.css",
        "/en/no-such-article",
    ] {
        let (_, live, _) = http_get_with(live_port, path, "Accept-Encoding: gzip\r\n");
        assert!(
            header(&live, "vary").is_some_and(|v| v.eq_ignore_ascii_case("accept-encoding")),
            "live {path}: {live}"
        );
        for asked in ["Accept-Encoding: gzip\r\n", ""] {
            let (_, head, _) = http_get_with(nginx.port, path, asked);
            assert!(
                header(&head, "vary").is_some_and(|v| v.eq_ignore_ascii_case("accept-encoding")),
                "{path} {asked:?}: {head}"
            );
        }
    }
}

/// A page's address whose language is written as another tag for it, or
/// a language's bare code, is sent by the mirror where the live site sends
/// it, in one step: the same status and the same `Location`. The mirror
/// sent `/prs-AF` and `/eng` to `/fa` and `/en` (which it then served with
/// 200) where the live site sends them to `/fa/` and `/en/`, its home
/// pages' one address, as it sends `/fa` itself.
#[test]
fn nginx_sends_a_language_tag_where_the_live_site_does() {
    let Some((nginx, _live, live_port, _dirs)) = mirror_and_live() else {
        return;
    };
    for path in [
        "/prs-AF",
        "/prs-AF/",
        "/fa-AF",
        "/fa-AF?x=1",
        "/FA",
        "/fa",
        "/fa?x=1",
        "/en",
        "/ps",
        "/eng",
        "/ps_AF",
        "/pbt/",
        "/EN/",
        "/fa-AF/who-governs-afghanistan",
        "/ps-AF/feed.atom?x=1",
        "/en-GB/tags/history",
    ] {
        assert_eq!(answered_as_live(nginx.port, live_port, path), 308, "{path}");
    }
}

/// The other addresses the live site sends on are sent on by the mirror
/// to the same place, and the icon browsers ask for unasked is there: an
/// address with a slash after it (`/fa/slug/`, as links and typed
/// addresses may end), a listing's first page by its number
/// (`/fa/page/1`), the old `/about`. The mirror answered each with a 404,
/// and `/favicon.ico` too. A slash after what is no page, and the first
/// page of a topic the language lacks, are a 404 on both, in the address's
/// language.
#[test]
fn nginx_sends_an_address_on_where_the_live_site_does() {
    let Some((nginx, _live, live_port, _dirs)) = mirror_and_live() else {
        return;
    };
    for (path, wanted) in [
        ("/about", 308),
        ("/about?x=1", 308),
        ("/fa/page/1", 308),
        ("/ps/page/001", 308),
        ("/en/tags/history/page/1", 308),
        ("/fa/tags/government/page/1?x=1", 308),
        ("/fa/tags/history/page/1", 404),
        ("/en/about/", 308),
        ("/en/about/?x=1", 308),
        ("/fa/afghan-currency/", 308),
        ("/ps/who-governs-afghanistan/?x=1", 308),
        ("/en/tags/history/", 308),
        ("/fa/page/1/", 308),
        ("/ps/who-governs-afghanistan/comments.atom/", 308),
        ("/en/a/b/", 308),
        ("/fa/no-such-article/", 404),
        ("/ps/tags/", 404),
        ("/en/tags/", 404),
        ("/favicon.ico", 200),
    ] {
        assert_eq!(
            answered_as_live(nginx.port, live_port, path),
            wanted,
            "{path}"
        );
    }
}

/// A mirror made with `--relative`, served by nginx with the README's
/// block, answers a missing address at any depth with a 404 page whose
/// stylesheet, script, icon and links lead to files the mirror has: the
/// 404 page's links were relative to its own file (`en/404.html`), and
/// nginx serves it at the address asked for, so at `/en/a/b/c` its
/// `../static/site.….css` was `/en/a/static/…`, and the page came without
/// its stylesheet and with links that led nowhere.
#[test]
fn a_relative_mirrors_404_page_works_at_any_depth() {
    let out = built_in_mirror(true);
    let Some(nginx) = Nginx::serving(out.path(), "https://askaf.example") else {
        return;
    };
    for (path, file) in [
        ("/en/a/b/c", "en/404.html"),
        ("/fa/tags/x/y/z", "fa/404.html"),
        ("/ps/a", "ps/404.html"),
        ("/nowhere/at/all/", "en/404.html"),
        ("/x", "en/404.html"),
    ] {
        let (status, _, body) = http_get(nginx.port, path);
        assert_eq!(status, 404, "{path}");
        assert_eq!(
            body,
            std::fs::read_to_string(out.path().join(file)).unwrap(),
            "{path}"
        );
        let asked = reqwest::Url::parse(&format!("http://mirror.test{path}")).unwrap();
        let mut linked = Vec::new();
        for (tag, attrs) in start_tags(&body) {
            for (attr, value) in attrs {
                if !matches!(attr.as_str(), "href" | "src")
                    || value.starts_with("https://")
                    || value.starts_with('#')
                {
                    continue;
                }
                let to = asked.join(&value).unwrap();
                let (status, head, _) = http_get(nginx.port, to.path());
                assert_eq!(status, 200, "{path}: <{tag} {attr}=\"{value}\"> is {to}");
                linked.push((tag.clone(), header(&head, "content-type").map(String::from)));
            }
        }
        assert!(
            linked.contains(&("link".into(), Some("text/css; charset=utf-8".into()))),
            "{path}: no stylesheet among {linked:?}"
        );
        assert!(linked.len() > 5, "{path}: {linked:?}");
    }
}

/// A child process stopped when dropped, also when a test fails while it
/// runs: a server left running holds the test's output open, and the test
/// run never ends.
struct Stopped(std::process::Child);

impl Drop for Stopped {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}
