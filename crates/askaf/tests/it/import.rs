//! `askaf import --wxr` (issue 12, item 10): a WordPress export brought in
//! as content files and comments, served, and imported again without
//! doubling anything; with `--uploads`, the images its posts show kept as
//! uploads and shown by the articles.

use std::io::Cursor;
use std::path::Path;

use crate::helpers::{add_user, askaf, attr, command_line_said, TestApp, MOD_PASSWORD};

const EXPORT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../askaf-import/testdata/wordpress.xml"
);

/// Two posts showing images from `wp-content/uploads`.
const IMAGES_EXPORT: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../askaf-import/testdata/wordpress-images.xml"
);

fn line_of(needle: &str) -> usize {
    line_in(EXPORT, needle)
}

fn line_in(file: &str, needle: &str) -> usize {
    let text = std::fs::read_to_string(file).unwrap();
    text[..text.find(needle).unwrap()].matches('\n').count() + 1
}

#[tokio::test]
async fn a_wordpress_export_is_served_with_its_comments_and_imports_again_without_doubles() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    // A new site's directory, made for it: a missing one is refused
    // (`a_mistyped_data_directory_is_refused_before_anything_is_written`).
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let import = || {
        askaf(&[
            "import".as_ref(),
            "--wxr".as_ref(),
            EXPORT.as_ref(),
            "--content".as_ref(),
            content.as_os_str(),
            "--data".as_ref(),
            data.as_os_str(),
        ])
    };
    let (ok, out, err) = import();
    assert!(ok, "{out}{err}");
    assert!(out.contains("wrote 4 article(s) (1 draft(s))"), "{out}");
    assert!(out.contains("2 post(s) not imported"), "{out}");
    assert!(out.contains("added 4 comment(s)"), "{out}");
    // What did not come across is named by line of the export.
    let broken = format!(
        "{EXPORT}:{}: the post “Prices & wages <br>”: not imported",
        line_of("<title>Prices")
    );
    assert!(out.contains(&broken), "{out}");
    assert!(out.contains("youtube.com/embed/abc123"), "{out}");
    assert!(out.contains("<wp:reading_time>"), "{out}");

    let (ok, out, err) = askaf(&["check".as_ref(), "--content".as_ref(), content.as_os_str()]);
    assert!(ok && out.contains("ok: 3 articles"), "{out}{err}");

    let app = TestApp::spawn_with(&data, &["--content", content.to_str().unwrap()], None);
    let page = app.text("/en/capital-of-afghanistan").await;
    assert!(page.contains("the largest city of Afghanistan"), "{page}");
    // The approved comment and the reply to it, as the site renders a comment.
    assert!(
        page.contains("Clear and <strong>useful</strong>, thank you."),
        "{page}"
    );
    assert!(page.contains("Glad it helped, Farid."), "{page}");
    // Held and spam comments wait for a moderator; the pingback is gone.
    for hidden in [
        "Still waiting for a moderator",
        "Cheap pills",
        "a link to this post",
    ] {
        assert!(!page.contains(hidden), "{hidden} is shown");
    }
    assert!(!page.contains("<iframe"));
    // Polylang's translation, linked both ways.
    assert!(page.contains("/fa/post-102"), "{page}");
    let fa = app.text("/fa/post-102").await;
    assert!(
        fa.contains("کابل پایتخت و بزرگ‌ترین شهر افغانستان است"),
        "{fa}"
    );
    assert!(fa.contains("/en/capital-of-afghanistan"));
    // The draft is not on the site.
    assert_eq!(app.get("/en/roads-in-winter").await.status(), 404);
    // Ask quotes the imported article.
    let answer = app
        .json("/api/v1/ask?q=What%20is%20the%20capital%20of%20Afghanistan%3F")
        .await;
    let first = &answer["answer"][0];
    assert!(
        first["text"].as_str().unwrap().contains("Kabul"),
        "{answer}"
    );
    assert!(
        first["path"]
            .as_str()
            .unwrap()
            .contains("/en/capital-of-afghanistan#p-"),
        "{answer}"
    );
    drop(app);

    // Again: every file is kept, and no comment is added twice.
    let (ok, out, err) = import();
    assert!(ok, "{out}{err}");
    assert!(
        out.contains("wrote 0 article(s) (0 draft(s))") && out.contains("4 already there"),
        "{out}"
    );
    assert!(
        out.contains("added 0 comment(s) to the database (4 already there)"),
        "{out}"
    );
}

#[test]
fn a_file_that_is_not_an_export_is_refused_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("notes.xml");
    std::fs::write(&file, "<html><body>hello</body></html>").unwrap();
    let (ok, out, _) = askaf(&[
        "import".as_ref(),
        "--wxr".as_ref(),
        file.as_os_str(),
        "--content".as_ref(),
        dir.path().join("c").as_os_str(),
        "--data".as_ref(),
        dir.path().join("d").as_os_str(),
    ]);
    assert!(!ok);
    assert!(
        out.contains(&format!(
            "{}:1: this is XML but not a WordPress export",
            file.display()
        )),
        "{out}"
    );
    assert!(!dir.path().join("c").exists(), "nothing is written");
}

/// A mistyped `--data` is refused, naming it, before an article is
/// written: the comments went into a new, empty site made there, which
/// the server never read.
#[test]
fn a_mistyped_data_directory_is_refused_before_anything_is_written() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let typo = dir.path().join("dta");
    let (ok, out, err) = askaf(&[
        "import".as_ref(),
        "--wxr".as_ref(),
        EXPORT.as_ref(),
        "--content".as_ref(),
        content.as_os_str(),
        "--data".as_ref(),
        typo.as_os_str(),
    ]);
    assert!(!ok, "{out}");
    let t = typo.display();
    assert!(
        err.contains(&format!(
            "no database at {t}/askaf.db: there is no directory {t};"
        )),
        "{err}"
    );
    assert!(!typo.exists() && !content.exists(), "nothing is written");
}

/// A picture of `w` × `h` in `format`, its pixels made from `seed` so that
/// two pictures of one size are different files.
fn picture(w: u32, h: u32, seed: u8, format: image::ImageFormat) -> Vec<u8> {
    let image = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, seed])
    });
    let mut out = Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(image)
        .write_to(&mut out, format)
        .unwrap();
    out.into_inner()
}

/// The site's copy of `wp-content/uploads` the images export points into:
/// the original of a resized copy and the copy itself, an image with no
/// alt text in its post, one more for the second post, a text file named
/// as a photo, and a file over the size limit (sparse: no disk written).
/// `herat-street.jpg` is missing.
fn uploads_folder(dir: &Path) {
    let month = dir.join("2021/05");
    std::fs::create_dir_all(&month).unwrap();
    let jpeg = image::ImageFormat::Jpeg;
    std::fs::write(month.join("kabul.jpg"), picture(600, 400, 10, jpeg)).unwrap();
    std::fs::write(month.join("kabul-300x200.jpg"), picture(300, 200, 10, jpeg)).unwrap();
    let png = image::ImageFormat::Png;
    std::fs::write(month.join("map.png"), picture(40, 30, 20, png)).unwrap();
    std::fs::write(month.join("bamiyan.png"), picture(50, 20, 30, png)).unwrap();
    std::fs::write(month.join("notes.jpg"), "notes for the post, not a photo").unwrap();
    std::fs::File::create(month.join("panorama.jpg"))
        .unwrap()
        .set_len(15 * 1024 * 1024 + 1)
        .unwrap();
}

/// The `/media/…` address an article shows with `alt`.
fn media_shown(article: &str, alt: &str) -> String {
    let start = format!("![{alt}](/media/");
    let at = article
        .find(&start)
        .unwrap_or_else(|| panic!("no image “{alt}” in {article}"));
    let rest = &article[at + start.len() - "/media/".len()..];
    rest[..rest.find(')').unwrap()].to_string()
}

#[tokio::test]
async fn images_from_uploads_are_kept_once_shown_and_served_and_what_is_not_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let data = dir.path().join("data");
    std::fs::create_dir(&data).unwrap();
    let uploads = dir.path().join("uploads");
    uploads_folder(&uploads);
    let import = |extra: &[&std::ffi::OsStr]| {
        let mut args: Vec<&std::ffi::OsStr> = vec![
            "import".as_ref(),
            "--wxr".as_ref(),
            IMAGES_EXPORT.as_ref(),
            "--content".as_ref(),
            content.as_os_str(),
            "--data".as_ref(),
            data.as_os_str(),
        ];
        args.extend_from_slice(extra);
        askaf(&args)
    };

    // Without --uploads, as before: links, and the report says how to do better.
    let (ok, out, err) = import(&["--dry-run".as_ref()]);
    assert!(ok, "{out}{err}");
    assert!(
        out.contains("1 media file(s) are in the export; the articles link to 7 image(s)")
            && out.contains("import with --uploads DIR"),
        "{out}"
    );

    let (ok, out, err) = import(&["--uploads".as_ref(), uploads.as_os_str()]);
    assert!(ok, "{out}{err}");
    assert!(out.contains("wrote 2 article(s)"), "{out}");
    assert!(
        !out.contains("import with --uploads DIR"),
        "the images are reported one by one: {out}"
    );
    // kabul.jpg (shown by both posts), map.png and bamiyan.png.
    assert!(out.contains("kept 3 image(s) from"), "{out}");
    let capital = line_in(
        IMAGES_EXPORT,
        "<item>\n\t\t<title><![CDATA[What is the capital",
    );
    let at = format!("{IMAGES_EXPORT}:{capital}: “What is the capital of Afghanistan?”: ");
    let old = "https://kabul-explained.example/wp-content/uploads/2021/05";
    for (what, line) in [
        (
            "a missing file",
            format!(
                "{at}the image {old}/herat-street.jpg was not brought in: 2021/05/herat-street.jpg is not in {}; left as a link to it",
                uploads.display()
            ),
        ),
        (
            "a file that is not an image",
            format!(
                "{at}the image {old}/notes.jpg was not brought in: 2021/05/notes.jpg: the file is not a JPEG, PNG or WebP image (whatever its name says); left as a link to it"
            ),
        ),
        (
            "a file too large",
            format!(
                "{at}the image {old}/panorama.jpg was not brought in: 2021/05/panorama.jpg: the file is 15728641 bytes, over the limit of 15728640 bytes (15 MB); left as a link to it"
            ),
        ),
        (
            "an image without alt text",
            format!("{at}the image 2021/05/map.png is kept as /media/"),
        ),
    ] {
        assert!(out.contains(&line), "{what}: {line}\n{out}");
    }
    assert!(out.contains("but left as a link to its old address: it has no alt text"));

    let capital = std::fs::read_to_string(content.join("en/capital-of-afghanistan.md")).unwrap();
    let bamiyan = std::fs::read_to_string(content.join("en/where-is-bamiyan.md")).unwrap();
    // The resized copy's original is what is kept and shown.
    let kabul = media_shown(&capital, "Kabul seen from a hill");
    assert!(kabul.ends_with("-600x400.jpg"), "{kabul}");
    assert!(!capital.contains("kabul-300x200.jpg"), "{capital}");
    // What was not brought in is still a link to where it was.
    for link in [
        format!("[A street in Herat]({old}/herat-street.jpg)"),
        format!("[A page of notes]({old}/notes.jpg)"),
        format!("[Kabul at night]({old}/panorama.jpg)"),
        format!("[map.png]({old}/map.png)"),
    ] {
        assert!(capital.contains(&link), "{link}\n{capital}");
    }
    // One file, two posts: one upload.
    assert_eq!(media_shown(&bamiyan, "Kabul, where the road starts"), kabul);
    let valley = media_shown(&bamiyan, "The Bamiyan valley in spring");
    assert!(valley.ends_with("-50x20.png"), "{valley}");

    let (ok, out, err) = askaf(&["check".as_ref(), "--content".as_ref(), content.as_os_str()]);
    assert!(ok && out.contains("ok: 2 articles"), "{out}{err}");

    add_user(&data, "ed", "editor", MOD_PASSWORD);
    let app = TestApp::spawn_with(&data, &["--content", content.to_str().unwrap()], None);
    let page = app.text("/en/capital-of-afghanistan").await;
    let img = page
        .find(&format!("src=\"{kabul}\""))
        .map(|at| &page[page[..at].rfind("<img").unwrap()..])
        .unwrap_or_else(|| panic!("no <img> of {kabul}: {page}"));
    assert_eq!(
        attr(img, "<img", "alt").as_deref(),
        Some("Kabul seen from a hill")
    );
    let served = app.get(&kabul).await;
    assert_eq!(served.status(), 200);
    assert_eq!(served.headers()["content-type"], "image/jpeg");
    let served = image::load_from_memory(&served.bytes().await.unwrap()).unwrap();
    assert_eq!((served.width(), served.height()), (600, 400));
    assert_eq!(app.get(&valley).await.status(), 200);

    // The media page lists each file once, brought in by the import.
    app.login("ed", MOD_PASSWORD).await;
    let media = app.text("/admin/media").await;
    for file in [
        "2021/05/kabul.jpg",
        "2021/05/map.png",
        "2021/05/bamiyan.png",
    ] {
        let row = format!("<small dir=\"auto\">{file}</small>");
        assert_eq!(media.matches(&row).count(), 1, "{file}: {media}");
    }
    assert!(!media.contains("notes.jpg"), "{media}");
    // Who brought them in: the command as typed, marked as English, the
    // rest in the editor's language (the Dari and Pashto pages showed
    // `askaf import` unmarked, for a Dari or Pashto voice to read).
    for (lang, said) in command_line_said("askaf import") {
        app.choose_admin_lang(lang).await;
        let media = app.text("/admin/media").await;
        assert_eq!(media.matches(&said).count(), 3, "{lang}: {media}");
        assert!(!media.contains("askaf import ("), "{lang}: {media}");
    }
}
