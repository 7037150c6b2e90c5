//! Images uploaded in the browser (issue 12, item 5): checked for what they
//! are, stripped of metadata, kept in the store, served with their smaller
//! copies under long cache lifetimes, and drawn in articles with `srcset`.

use std::io::Cursor;

use crate::editor::{fields, oldest_and_head, post, shows_within, shows_within_2s};
use crate::helpers::{add_user, add_user_with, askaf, attr, TestApp, MOD_PASSWORD};
use crate::nodes::{node, node_with};

/// A JPEG photograph of `w` × `h` with an EXIF segment naming a place.
pub(crate) fn photo(w: u32, h: u32) -> Vec<u8> {
    let image = image::RgbImage::from_fn(w, h, |x, y| {
        image::Rgb([(x % 256) as u8, (y % 256) as u8, 90])
    });
    let mut plain = Cursor::new(Vec::new());
    image::DynamicImage::ImageRgb8(image)
        .write_to(&mut plain, image::ImageFormat::Jpeg)
        .unwrap();
    let plain = plain.into_inner();
    let payload = b"Exif\0\0GPS 34.5553N 69.2075E";
    let mut out = plain[..2].to_vec();
    out.extend_from_slice(&[0xFF, 0xE1]);
    out.extend_from_slice(&((payload.len() + 2) as u16).to_be_bytes());
    out.extend_from_slice(payload);
    out.extend_from_slice(&plain[2..]);
    out
}

/// A multipart/form-data body with the CSRF field and one file.
fn multipart(csrf: &str, file_name: &str, bytes: &[u8]) -> (String, Vec<u8>) {
    let boundary = "----askaf-test-boundary-7d3f";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"csrf\"\r\n\r\n{csrf}\r\n")
            .as_bytes(),
    );
    body.extend_from_slice(
        format!(
            "--{boundary}\r\nContent-Disposition: form-data; name=\"file\"; filename=\"{file_name}\"\r\nContent-Type: image/jpeg\r\n\r\n"
        )
        .as_bytes(),
    );
    body.extend_from_slice(bytes);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    (format!("multipart/form-data; boundary={boundary}"), body)
}

/// Uploads `bytes` as `file_name` from the images page, the request's
/// `Sec-Fetch-Site` being `site`.
pub(crate) async fn upload(
    app: &TestApp,
    site: &str,
    file_name: &str,
    bytes: &[u8],
) -> reqwest::Response {
    let html = app.text("/admin/media").await;
    let csrf = attr(&html, "<input type=\"hidden\" name=\"csrf\"", "value").unwrap();
    let (content_type, body) = multipart(&csrf, file_name, bytes);
    app.client
        .post(format!("{}/admin/media", app.url))
        .header("sec-fetch-site", site)
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_uploaded_photo_is_stripped_served_in_sizes_and_drawn_in_an_article() {
    let app = TestApp::spawn_for_comments(&[]);
    app.login("ed", MOD_PASSWORD).await;
    let photo = photo(1200, 800);

    // A small body: the refusal comes before the body is read, and a large
    // one still being written would meet a closed connection.
    let r = upload(&app, "cross-site", "kabul.jpg", &photo[..2048]).await;
    assert_eq!(r.status(), 403, "a forged upload is refused");
    let r = upload(
        &app,
        "same-origin",
        "photo.jpg",
        b"<?php echo 'not an image'; ?>",
    )
    .await;
    assert_eq!(r.status(), 422);
    assert!(r
        .text()
        .await
        .unwrap()
        .contains("photo.jpg: the file is not a JPEG, PNG or WebP image"));

    let r = upload(&app, "same-origin", "kabul.jpg", &photo).await;
    assert_eq!(r.status(), 303);
    let to = TestApp::location(&r);
    let name = to
        .strip_prefix("/admin/media?uploaded=")
        .unwrap()
        .to_string();
    assert!(name.ends_with("-1200x800.jpg"), "{name}");
    let page = app.text(&to).await;
    assert!(page.contains(&format!("![](/media/{name})")), "{page}");

    let original = app.get(&format!("/media/{name}")).await;
    assert_eq!(original.status(), 200);
    assert_eq!(original.headers()["content-type"], "image/jpeg");
    assert!(original.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("immutable"));
    let kept = original.bytes().await.unwrap();
    assert!(
        !kept.windows(3).any(|w| w == b"GPS"),
        "the metadata is gone"
    );
    assert_eq!(image::load_from_memory(&kept).unwrap().width(), 1200);

    let copy = name.replace(".jpg", "-480.jpg");
    let small = app.get(&format!("/media/{copy}")).await;
    assert_eq!(small.status(), 200);
    let small = image::load_from_memory(&small.bytes().await.unwrap()).unwrap();
    assert_eq!((small.width(), small.height()), (480, 320));
    assert!(
        app.data_dir.join("media").join(&copy).exists(),
        "the copy is kept once made"
    );
    assert_eq!(app.get(&format!("/media/{copy}")).await.status(), 200);
    for missing in [
        "0123456789abcdef-1200x800.jpg".to_string(),
        name.replace(".jpg", "-500.jpg"),
        "../askaf.db".to_string(),
    ] {
        assert_eq!(
            app.get(&format!("/media/{missing}")).await.status(),
            404,
            "{missing}"
        );
    }

    // In an article, with alt text in its language: the copies in srcset.
    let body = format!("The tunnel in winter.\n\n![The Salang tunnel's southern entrance in snow](/media/{name})\n");
    let r = post(
        &app,
        "/admin/articles/new",
        "/admin/articles/new",
        "publish",
        fields("salang-photo", &body, &[]),
    )
    .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    shows_within_2s(&app, "/en/salang-photo", "srcset=").await;
    let article = app.text("/en/salang-photo").await;
    let img = &article[article.find("<img").unwrap()..];
    let img = &img[..img.find('>').unwrap()];
    assert!(img.contains(&format!("/media/{copy} 480w")), "{img}");
    assert!(img.contains("width=\"1200\" height=\"800\""), "{img}");
    assert!(img.contains("alt=\"The Salang tunnel"), "{img}");

    // Read away from the site (the API's `html`, a feed's `<content>`), the
    // image names the site, each of its copies too; as plain text (the
    // API's `text`, the `.txt`), it is its alt text.
    let alt = "The Salang tunnel's southern entrance in snow";
    let api = app.json("/api/v1/articles/en/salang-photo").await;
    let html = api["html"].as_str().unwrap();
    assert!(
        html.contains(&format!("src=\"{}/media/", app.url)),
        "{html}"
    );
    assert!(
        html.contains(&format!("{}/media/{copy} 480w", app.url)),
        "{html}"
    );
    assert!(
        !html.contains("\"/media/") && !html.contains(" /media/"),
        "{html}"
    );
    let feed = app.text("/en/feed.atom").await;
    assert!(
        feed.contains(&format!("src=&quot;{}/media/", app.url)),
        "{feed}"
    );
    assert!(
        !feed.contains("&quot;/media/") && !feed.contains(" /media/"),
        "{feed}"
    );
    let image = format!("[Image: {alt}]");
    let text = api["text"].as_str().unwrap();
    assert!(text.contains(&image), "{text}");
    let txt = app.text("/en/salang-photo.txt").await;
    assert!(txt.contains(&image), "{txt}");

    // An image from elsewhere, or without alt text, is named and not saved.
    let body = "Text.\n\n![](https://example.org/elsewhere.jpg)\n";
    let r = post(
        &app,
        "/admin/articles/new",
        "/admin/articles/new",
        "publish",
        fields("elsewhere", body, &[]),
    )
    .await;
    assert_eq!(r.status(), 422);
    let text = r.text().await.unwrap();
    assert!(text.contains("is not an upload"), "{text}");
    assert!(text.contains("the image needs alt text"), "{text}");

    // An upload's address the store does not keep (mistyped, or another
    // site's): named in the editor, and by `askaf check` given the site's
    // database (no other flag needed), which lets the kept one pass;
    // without one a file cannot tell, and check says so.
    let not_kept = "/media/0123456789abcdef-1200x800.jpg";
    let body = format!("Text.\n\n![The Salang pass in summer]({not_kept})\n");
    let r = post(
        &app,
        "/admin/articles/new",
        "/admin/articles/new",
        "publish",
        fields("mistyped", &body, &[]),
    )
    .await;
    assert_eq!(r.status(), 422);
    let text = r.text().await.unwrap();
    assert!(
        text.contains(&format!(
            "the image “<bdi>{not_kept}</bdi>” is not among the uploads"
        )),
        "{text}"
    );
    assert_eq!(app.get("/en/mistyped").await.status(), 404);
    let content = tempfile::tempdir().unwrap();
    let write = |slug: &str, image: &str| {
        let body = format!("Text.\n\n![The Salang tunnel in snow]({image})\n");
        std::fs::write(
            content.path().join(format!("{slug}.md")),
            crate::helpers::article(slug, "en", "", &body),
        )
        .unwrap();
    };
    write("kept", &format!("/media/{name}"));
    write("typo", not_kept);
    let dir = content.path().to_str().unwrap();
    let data = app.data_dir.to_str().unwrap();
    let (ok, _, err) = askaf(&["check", "--content", dir, "--data", data]);
    assert!(!ok, "{err}");
    assert!(err.contains("typo.md:19: the image"), "{err}");
    assert!(err.contains("1 problem found"), "{err}");
    assert!(!err.contains("kept.md"), "{err}");
    let (ok, out, err) = askaf(&["check", "--content", dir]);
    assert!(ok, "without a database a file cannot tell: {err}");
    assert!(out.contains("ok: 2 articles"), "{out}");
    assert!(
        err.contains(
            "note: articles show uploads (/media/…), which only the site's database keeps"
        ),
        "{err}"
    );
    let nowhere = tempfile::tempdir().unwrap();
    let nowhere = nowhere.path().to_str().unwrap();
    let (ok, _, err) = askaf(&["check", "--content", dir, "--uploads", "--data", nowhere]);
    assert!(!ok && err.contains("no database at"), "{err}");

    // The static mirror carries the images the pages show, and the page's
    // srcset, made relative for a mirror opened from disk, finds them. Last:
    // the export takes long enough for the server to close this client's
    // idle connection.
    let out = tempfile::tempdir().unwrap();
    crate::export::export(out.path(), &app.data_dir, &["--relative"]);
    let page = std::fs::read_to_string(out.path().join("en/salang-photo.html")).unwrap();
    assert!(page.contains(&format!("../media/{copy} 480w")), "{page}");
    for file in [name.clone(), copy.clone(), name.replace(".jpg", "-960.jpg")] {
        let bytes = std::fs::read(out.path().join("media").join(&file)).unwrap();
        assert!(image::load_from_memory(&bytes).is_ok(), "{file}");
        assert!(!out.path().join("media").join(format!("{file}.gz")).exists());
    }
}

/// Uploads a photo as the editor signed in on `app` and returns its file name.
pub(crate) async fn uploaded(app: &TestApp, w: u32, h: u32) -> String {
    let r = upload(app, "same-origin", "kabul.jpg", &photo(w, h)).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    TestApp::location(&r)
        .strip_prefix("/admin/media?uploaded=")
        .unwrap()
        .to_string()
}

#[tokio::test]
async fn a_copy_of_an_upload_the_store_does_not_keep_is_not_served_from_the_folder() {
    let app = TestApp::spawn_for_comments(&[]);
    app.login("ed", MOD_PASSWORD).await;
    let name = uploaded(&app, 1200, 800).await;
    let copy = name.replace(".jpg", "-480.jpg");
    assert_eq!(app.get(&format!("/media/{copy}")).await.status(), 200);
    let folder = app.data_dir.join("media");
    let bytes = std::fs::read(folder.join(&copy)).unwrap();

    // Copies left in the folder from before (of an upload the database
    // never had, or no longer has): each is a 404, conditional or not, and
    // goes from the folder.
    let gone = "0123456789abcdef-1200x800";
    for width in [480, 960] {
        std::fs::write(folder.join(format!("{gone}-{width}.jpg")), &bytes).unwrap();
    }
    let stale = format!("{gone}-480.jpg");
    let r = app
        .client
        .get(format!("{}/media/{stale}", app.url))
        .header("if-none-match", format!("\"{stale}\""))
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 404, "a validator of a gone upload");
    assert_eq!(app.get(&format!("/media/{stale}")).await.status(), 404);
    assert_eq!(app.get(&format!("/media/{gone}.jpg")).await.status(), 404);
    for width in [480, 960] {
        let file = folder.join(format!("{gone}-{width}.jpg"));
        assert!(!file.exists(), "{} is cleaned up", file.display());
    }
    // The kept upload's copy is still served.
    assert_eq!(app.get(&format!("/media/{copy}")).await.status(), 200);
}

/// Posts the delete form of `file` with this browser's token (as on every
/// editorial page), the request's `Sec-Fetch-Site` being `site`.
async fn delete(app: &TestApp, site: &str, file: &str) -> reqwest::Response {
    let (csrf, _) = app.form_tokens("/admin/account").await;
    app.client
        .post(format!("{}/admin/media/{file}/delete", app.url))
        .header("sec-fetch-site", site)
        .form(&[("csrf", csrf.as_str())])
        .send()
        .await
        .unwrap()
}

#[tokio::test]
async fn an_upload_no_article_shows_is_deleted_with_its_copies_and_one_an_article_shows_is_kept() {
    let app = TestApp::spawn_for_comments(&[]);
    app.login("ed", MOD_PASSWORD).await;
    let name = uploaded(&app, 1200, 800).await;
    let copy = name.replace(".jpg", "-480.jpg");
    let page = app.text("/admin/media").await;
    assert!(
        page.contains(&format!("action=\"/admin/media/{name}/delete\"")),
        "a delete form per upload: {page}"
    );
    let body = format!("The pass.\n\n![The Salang pass in snow](/media/{name})\n");
    let r = post(
        &app,
        "/admin/articles/new",
        "/admin/articles/new",
        "publish",
        fields("salang-pass", &body, &[]),
    )
    .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    shows_within_2s(&app, "/en/salang-pass", "srcset=").await;
    assert_eq!(app.get(&format!("/media/{copy}")).await.status(), 200);
    let kept_copy = app.data_dir.join("media").join(&copy);
    assert!(kept_copy.exists());
    let mirror = tempfile::tempdir().unwrap();
    crate::export::export(mirror.path(), &app.data_dir, &[]);
    let in_mirror = |file: &str| mirror.path().join("media").join(file).exists();
    assert!(in_mirror(&name) && in_mirror(&copy));

    // Forged, or by a moderator (who may not upload): refused.
    assert_eq!(delete(&app, "cross-site", &name).await.status(), 403);
    app.login("mod", MOD_PASSWORD).await;
    assert_eq!(delete(&app, "same-origin", &name).await.status(), 403);
    app.login("ed", MOD_PASSWORD).await;

    // An article shows it: kept, and the page names the article, linked to
    // its editor, in the editor's language; nothing else changed.
    let r = delete(&app, "same-origin", &name).await;
    assert_eq!(r.status(), 409);
    let page = r.text().await.unwrap();
    assert!(
        page.contains(&format!("Not deleted: {name} is shown in this article.")),
        "{page}"
    );
    assert!(
        page.contains(
            "<a href=\"/admin/articles/en/salang-pass/edit\" lang=\"en\" dir=\"ltr\">Where does Kabul&#39;s water come from?</a>"
        ),
        "{page}"
    );
    assert_eq!(app.get(&format!("/media/{name}")).await.status(), 200);
    assert_eq!(app.get(&format!("/media/{copy}")).await.status(), 200);
    assert!(kept_copy.exists());
    let r = app
        .admin_post(
            "/admin/media",
            "/admin/language",
            &[("lang", "fa"), ("back", "/admin/media")],
        )
        .await;
    assert_eq!(r.status(), 303);
    let r = delete(&app, "same-origin", &name).await;
    assert_eq!(r.status(), 409);
    let page = r.text().await.unwrap();
    assert!(page.contains("حذف نشد"), "{page}");
    app.admin_post(
        "/admin/media",
        "/admin/language",
        &[("lang", "en"), ("back", "/admin/media")],
    )
    .await;

    // Taken out of the article: deleted, the original and every copy.
    let r = post(
        &app,
        "/admin/articles/en/salang-pass/edit",
        "/admin/articles/en/salang-pass/edit",
        "publish",
        fields("salang-pass", "The pass, without a picture.", &[]),
    )
    .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    shows_within_2s(&app, "/en/salang-pass", "without a picture").await;
    let r = delete(&app, "same-origin", &name).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let to = TestApp::location(&r);
    assert_eq!(to, format!("/admin/media?deleted={name}"));
    let page = app.text(&to).await;
    assert!(
        page.contains(&format!("Deleted {name}, with its smaller copies.")),
        "{page}"
    );
    assert!(!page.contains(&format!("/media/{name}")), "{page}");
    for file in [&name, &copy, &name.replace(".jpg", "-960.jpg")] {
        assert_eq!(
            app.get(&format!("/media/{file}")).await.status(),
            404,
            "{file}"
        );
    }
    assert!(!kept_copy.exists(), "the copy made is removed");
    assert!(
        !app.data_dir.join("media").join(&name).exists(),
        "the original kept in the folder is removed"
    );
    assert_eq!(delete(&app, "same-origin", &name).await.status(), 404);
    app.login("mod", MOD_PASSWORD).await;
    let log = app.text("/admin/log").await;
    assert!(log.contains("image deleted"), "{log}");

    // The mirror's next export drops its files.
    crate::export::export(mirror.path(), &app.data_dir, &[]);
    assert!(!in_mirror(&name) && !in_mirror(&copy));
}

#[tokio::test]
async fn a_revision_that_shows_an_upload_deleted_since_is_not_restored() {
    let app = TestApp::spawn_for_comments(&[]);
    app.login("ed", MOD_PASSWORD).await;
    let name = uploaded(&app, 1200, 800).await;
    let edit = "/admin/articles/en/salang-pass/edit";
    let body = format!("The pass.\n\n![The Salang pass in snow](/media/{name})\n");
    let r = post(
        &app,
        "/admin/articles/new",
        "/admin/articles/new",
        "publish",
        fields("salang-pass", &body, &[]),
    )
    .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let r = post(
        &app,
        edit,
        edit,
        "publish",
        fields("salang-pass", "The pass, without a picture.", &[]),
    )
    .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    shows_within_2s(&app, "/en/salang-pass", "without a picture").await;
    let r = delete(&app, "same-origin", &name).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());

    // The first revision shows it: refused as a save that shows it is,
    // naming the image, in the editor's language; nothing saved.
    let history_url = "/admin/articles/en/salang-pass/history";
    let history = app.text(history_url).await;
    let (oldest, head) = oldest_and_head(&history);
    let form = [("id", oldest.as_str()), ("base", head.as_str())];
    let restore = || app.admin_post(history_url, "/admin/articles/en/salang-pass/restore", &form);
    let r = restore().await;
    assert_eq!(r.status(), 400);
    let text = r.text().await.unwrap();
    assert!(
        text.contains(&format!(
            "Revision 1 cannot be restored as it is: the image `/media/{name}` is not among the uploads"
        )),
        "{text}"
    );
    app.admin_post(
        history_url,
        "/admin/language",
        &[("lang", "fa"), ("back", history_url)],
    )
    .await;
    let r = restore().await;
    assert_eq!(r.status(), 400);
    let text = r.text().await.unwrap();
    assert!(
        text.contains("را نمی‌توان همان‌گونه که هست بازگرداند") && text.contains(&name),
        "{text}"
    );
    let after = app.text(history_url).await;
    assert_eq!(
        after.matches("name=\"id\" value=\"").count(),
        history.matches("name=\"id\" value=\"").count(),
        "no revision added"
    );
    assert!(!app.text(edit).await.contains(&name));
    assert!(!app.text("/en/salang-pass").await.contains(&name));
}

/// A GET of `/media/{file}` with `If-None-Match` naming it.
async fn conditional(app: &TestApp, file: &str) -> reqwest::Response {
    app.client
        .get(format!("{}/media/{file}", app.url))
        .header("if-none-match", format!("\"{file}\""))
        .send()
        .await
        .unwrap()
}

/// Whether the store was asked whether it keeps an upload in `log`, the
/// server's log of its SQL statements.
fn asked_if_kept(log: &str) -> bool {
    log.contains("SELECT 1 AS one FROM media")
}

/// A server with an editor signed in that logs every SQL statement it
/// runs, with the text of that log so far.
async fn logging_sql() -> (tempfile::TempDir, TestApp, impl Fn() -> String) {
    let data = tempfile::tempdir().unwrap();
    add_user(data.path(), "ed", "editor", MOD_PASSWORD);
    let log = data.path().join("server.log");
    let app = TestApp::spawn_traced(data.path(), &[], &log, "warn,sqlx::query=debug");
    app.login("ed", MOD_PASSWORD).await;
    (data, app, move || std::fs::read_to_string(&log).unwrap())
}

/// The store is asked once whether it keeps an upload: the next requests
/// for it and its copies (304s included) ask it nothing. Counted in the
/// server's own log of its SQL statements.
#[tokio::test]
async fn an_upload_found_kept_is_served_again_without_asking_the_store() {
    let (_data, app, read) = logging_sql().await;
    let name = uploaded(&app, 1200, 800).await;
    let copy = name.replace(".jpg", "-480.jpg");

    let before = read().len();
    assert_eq!(app.get(&format!("/media/{copy}")).await.status(), 200);
    assert!(
        asked_if_kept(&read()[before..]),
        "the first request asks the store"
    );
    let before = read().len();
    assert_eq!(app.get(&format!("/media/{copy}")).await.status(), 200);
    assert_eq!(conditional(&app, &copy).await.status(), 304);
    assert_eq!(conditional(&app, &name).await.status(), 304);
    let said = read()[before..].to_string();
    assert!(
        !said.contains("FROM media"),
        "a copy made and a validator ask the store nothing: {said}"
    );
    // The original's bytes, read from the store to make the copy, were
    // kept in the folder too: served from there, the store asked nothing.
    let before = read().len();
    assert_eq!(app.get(&format!("/media/{name}")).await.status(), 200);
    let said = read()[before..].to_string();
    assert!(!said.contains("FROM media"), "{said}");
}

/// An original is read from the store once and written into `DATA/media`,
/// as its copies are: the next requests for it (the largest entry of every
/// `srcset`) read no bytes from the store, and a copy not made yet is made
/// from the file, not from the store's bytes.
#[tokio::test]
async fn an_original_is_read_from_the_store_once_then_served_from_the_folder() {
    let (data, app, read) = logging_sql().await;
    let name = uploaded(&app, 1200, 800).await;

    let before = read().len();
    let r = app.get(&format!("/media/{name}")).await;
    assert_eq!(r.status(), 200);
    let bytes = r.bytes().await.unwrap();
    assert!(read()[before..].contains("SELECT bytes FROM media"));
    let file = data.path().join("media").join(&name);
    assert_eq!(std::fs::read(&file).unwrap(), bytes, "kept in the folder");

    let before = read().len();
    for _ in 0..2 {
        let r = app.get(&format!("/media/{name}")).await;
        assert_eq!(r.status(), 200);
        assert_eq!(
            r.headers()["cache-control"],
            "public, max-age=31536000, immutable"
        );
        assert_eq!(r.bytes().await.unwrap(), bytes);
    }
    let copy = name.replace(".jpg", "-960.jpg");
    let r = app.get(&format!("/media/{copy}")).await;
    assert_eq!(r.status(), 200);
    let small = image::load_from_memory(&r.bytes().await.unwrap()).unwrap();
    assert_eq!((small.width(), small.height()), (960, 640));
    let said = read()[before..].to_string();
    assert!(!said.contains("FROM media"), "{said}");
}

/// `DATA/media` that cannot be written (here a file in its place; a full
/// disk alike): every image is still served, from the store's bytes, and
/// the failure is logged.
#[tokio::test]
async fn an_unwritable_media_folder_still_serves_from_the_store() {
    let data = tempfile::tempdir().unwrap();
    add_user(data.path(), "ed", "editor", MOD_PASSWORD);
    std::fs::write(data.path().join("media"), b"not a directory").unwrap();
    let log = data.path().join("server.log");
    let app = TestApp::spawn_logged(data.path(), &[], None, Some(&log));
    app.login("ed", MOD_PASSWORD).await;
    let name = uploaded(&app, 1200, 800).await;
    let copy = name.replace(".jpg", "-480.jpg");
    for _ in 0..5 {
        for file in [&name, &copy] {
            let r = app.get(&format!("/media/{file}")).await;
            assert_eq!(r.status(), 200, "{file}");
            let shown = image::load_from_memory(&r.bytes().await.unwrap()).unwrap();
            assert_eq!(shown.width(), if file == &name { 1200 } else { 480 });
        }
    }
    // Said once a minute at most, not for each request (each copy's
    // request fails to keep two files: the original and the copy).
    let said = std::fs::read_to_string(&log).unwrap();
    assert_eq!(said.matches("cannot keep").count(), 1, "{said}");
}

/// A name the store said it does not keep has its files removed from
/// DATA/media once, when the store says so: the 404s remembered after
/// that touch no file (a file put there since stays until the store is
/// asked again).
#[tokio::test]
async fn a_remembered_404_removes_no_file() {
    let data = tempfile::tempdir().unwrap();
    let app = TestApp::spawn_with(data.path(), &[], None);
    let name = "0123456789abcdef-1200x800.jpg";
    let copy = "0123456789abcdef-1200x800-480.jpg";
    let media = data.path().join("media");
    std::fs::create_dir_all(&media).unwrap();
    std::fs::write(media.join(copy), b"left from before").unwrap();
    assert_eq!(app.get(&format!("/media/{name}")).await.status(), 404);
    assert!(!media.join(copy).exists(), "removed when the store said so");

    std::fs::write(media.join(copy), b"put back").unwrap();
    for file in [name, copy] {
        assert_eq!(app.get(&format!("/media/{file}")).await.status(), 404);
    }
    assert!(
        media.join(copy).exists(),
        "a remembered 404 removes nothing"
    );
}

/// A well-formed name the store does not keep (an image deleted, asked for
/// by a stale page or a bot) is asked about once: the next requests for it
/// and its copies, validators included, are 404s that ask the store
/// nothing. An upload of it made then is served at once, as an editor who
/// uploads an image and opens the page expects.
#[tokio::test]
async fn a_name_not_kept_is_asked_about_once_and_served_at_once_when_uploaded() {
    let (_data, app, read) = logging_sql().await;
    let name = uploaded(&app, 1200, 800).await;
    let copy = name.replace(".jpg", "-480.jpg");
    let r = delete(&app, "same-origin", &name).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());

    let before = read().len();
    assert_eq!(app.get(&format!("/media/{name}")).await.status(), 404);
    assert!(asked_if_kept(&read()[before..]), "asked the first time");
    let before = read().len();
    for _ in 0..3 {
        for file in [&name, &copy] {
            assert_eq!(app.get(&format!("/media/{file}")).await.status(), 404);
            assert_eq!(conditional(&app, file).await.status(), 404);
        }
    }
    let said = read()[before..].to_string();
    assert!(!said.contains("FROM media"), "{said}");

    assert_eq!(uploaded(&app, 1200, 800).await, name, "the same bytes");
    for file in [&name, &copy] {
        assert_eq!(
            app.get(&format!("/media/{file}")).await.status(),
            200,
            "{file} is served at once"
        );
    }
}

/// An upload deleted from the images page is a 404 at once on this node,
/// though it was served (and so remembered as kept) just before, its
/// validators included.
#[tokio::test]
async fn an_upload_deleted_here_is_a_404_at_once() {
    let app = TestApp::spawn_for_comments(&[]);
    app.login("ed", MOD_PASSWORD).await;
    let name = uploaded(&app, 1200, 800).await;
    let copy = name.replace(".jpg", "-480.jpg");
    for file in [&name, &copy] {
        assert_eq!(app.get(&format!("/media/{file}")).await.status(), 200);
        assert_eq!(conditional(&app, file).await.status(), 304);
    }
    let r = delete(&app, "same-origin", &name).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    for file in [&name, &copy] {
        assert_eq!(
            app.get(&format!("/media/{file}")).await.status(),
            404,
            "{file}"
        );
        assert_eq!(conditional(&app, file).await.status(), 404, "{file}");
    }
}

/// `/media/{file}` on `app` answers 404 within `within`, polled: asked
/// plainly, and with its validator when `conditional`.
async fn gone_within(app: &TestApp, file: &str, conditional: bool, within: std::time::Duration) {
    answers_within(app, file, conditional, 404, within).await;
}

/// `/media/{file}` on `app` answers `status` within `within`, polled, as
/// [`gone_within`] is.
async fn answers_within(
    app: &TestApp,
    file: &str,
    conditional: bool,
    status: u16,
    within: std::time::Duration,
) {
    let deadline = std::time::Instant::now() + within;
    loop {
        let r = if conditional {
            self::conditional(app, file).await
        } else {
            app.get(&format!("/media/{file}")).await
        };
        if r.status() == status {
            return;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "/media/{file} (conditional: {conditional}) answers {}, not {status}, after {within:?}",
            r.status()
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

/// A data directory whose database at `url` has the editor `ed`.
fn editor_data(url: &str) -> tempfile::TempDir {
    let data = tempfile::tempdir().unwrap();
    add_user_with(
        data.path(),
        &["--database", url],
        "ed",
        "editor",
        MOD_PASSWORD,
    );
    data
}

/// A node on the PostgreSQL database `url`, with a data directory of its
/// own and an editor signed in; `more` arguments as [`node_with`].
async fn editor_node(url: &str, more: &[&str]) -> (tempfile::TempDir, TestApp) {
    let data = editor_data(url);
    let app = node_with(data.path(), url, more);
    app.login("ed", MOD_PASSWORD).await;
    (data, app)
}

/// Two nodes on one PostgreSQL database, each with a data directory of its
/// own, an editor signed in on A.
struct TwoNodes {
    _db: askaf_store::testing::PgDatabase,
    url: String,
    a: TestApp,
    b: TestApp,
    _data_a: tempfile::TempDir,
    data_b: tempfile::TempDir,
}

impl TwoNodes {
    /// `None` without PostgreSQL, as [`askaf_store::testing::database`].
    async fn start() -> Option<TwoNodes> {
        let db = askaf_store::testing::database()?;
        let url = db.url();
        let (data_a, a) = editor_node(&url, &[]).await;
        let data_b = tempfile::tempdir().unwrap();
        let b = node(data_b.path(), &url);
        Some(TwoNodes {
            _db: db,
            url,
            a,
            b,
            _data_a: data_a,
            data_b,
        })
    }
}

/// Two nodes on one PostgreSQL: B serves an upload (and so remembers it
/// as kept), A deletes it, and B answers 404 for it and its copies once
/// A's notice arrives, its own copy removed. An upload the database loses
/// with no notice (a `pg_restore` of a backup from before it, here a
/// DELETE of its row) is found gone by B's check of the uploads it
/// remembers, within its slow timer (10 s).
#[tokio::test]
async fn an_upload_deleted_on_one_node_is_a_404_on_the_other() {
    let Some(nodes) = TwoNodes::start().await else {
        return;
    };
    let (url, a, b, data_b) = (&nodes.url, &nodes.a, &nodes.b, &nodes.data_b);
    let name = uploaded(a, 1200, 800).await;
    let copy = name.replace(".jpg", "-480.jpg");
    for file in [&name, &copy] {
        assert_eq!(b.get(&format!("/media/{file}")).await.status(), 200);
        assert_eq!(conditional(b, file).await.status(), 304);
    }
    let b_copy = data_b.path().join("media").join(&copy);
    let b_original = data_b.path().join("media").join(&name);
    assert!(b_copy.exists() && b_original.exists());

    let r = delete(a, "same-origin", &name).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let within = std::time::Duration::from_secs(2);
    for file in [&name, &copy] {
        gone_within(b, file, true, within).await;
        assert_eq!(b.get(&format!("/media/{file}")).await.status(), 404);
    }
    assert!(!b_copy.exists(), "B's copy is removed");
    assert!(!b_original.exists(), "B's original is removed");

    // Lost without a notice: B finds out by itself, and its copy goes.
    let other = uploaded(a, 1000, 700).await;
    let other_copy = other.replace(".jpg", "-480.jpg");
    for file in [&other, &other_copy] {
        assert_eq!(b.get(&format!("/media/{file}")).await.status(), 200);
    }
    let mut session = {
        use sqlx::Connection;
        sqlx::PgConnection::connect(url).await.unwrap()
    };
    let gone = sqlx::query("DELETE FROM media WHERE name = $1")
        .bind(&other)
        .execute(&mut session)
        .await
        .unwrap();
    assert_eq!(gone.rows_affected(), 1);
    let within = std::time::Duration::from_secs(15);
    gone_within(b, &other_copy, false, within).await;
    gone_within(b, &other, true, within).await;
    for file in [&other, &other_copy] {
        assert!(!data_b.path().join("media").join(file).exists(), "{file}");
    }
}

/// Two nodes on one PostgreSQL, A watching a content directory whose
/// article shows an upload, B reading none: deleting the upload through B
/// is refused (409), the page naming A's file, since the catalogue the
/// nodes share says what each content file shows, whichever node read it;
/// the same once B is started again on another content directory, whose
/// start leaves the files of A's catalogued. Taken out of A's file, the
/// upload is deleted through B. Until 7 December B looked only at what it
/// served itself: it deleted the upload (303), and A served a broken image
/// (and B's start on another directory took A's files out of the catalogue).
#[tokio::test]
async fn an_upload_another_nodes_content_file_shows_is_not_deleted() {
    let Some(db) = askaf_store::testing::database() else {
        return;
    };
    let url = db.url();
    let (content, other, _) = watched_dirs();
    let (_data_a, a) = editor_node(&url, &["--content", content.path().to_str().unwrap()]).await;
    let name = uploaded(&a, 300, 200).await;
    let dams = |body: &str| crate::helpers::article("dams", "en", "", body);
    let shows = dams(&format!("The dam.\n\n![The Kajaki dam](/media/{name})"));
    save(content.path(), "en/dams.md", shows.as_bytes());
    shows_within(&a, "/en/dams", &format!("/media/{name}"), WATCH).await;

    let data_b = tempfile::tempdir().unwrap();
    let mut b = node(data_b.path(), &url);
    b.login("ed", MOD_PASSWORD).await;
    let in_use = [
        (&name, "/en/dams.md</code> ("),
        (
            &name,
            "a content file whose version last accepted shows the image",
        ),
    ];
    not_deleted(&b, &in_use).await;
    assert_eq!(a.get(&format!("/media/{name}")).await.status(), 200);

    // B again, on a content directory of its own.
    b.kill_hard();
    let b = node_with(
        data_b.path(),
        &url,
        &["--content", other.path().to_str().unwrap()],
    );
    b.login("ed", MOD_PASSWORD).await;
    not_deleted(&b, &in_use).await;

    // Taken out of A's file: deleted through B.
    save(
        content.path(),
        "en/dams.md",
        dams("The dam, no picture.").as_bytes(),
    );
    shows_within(&a, "/en/dams", "no picture", WATCH).await;
    let r = delete(&b, "same-origin", &name).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
}

/// Two nodes on one PostgreSQL: A watches a content directory, B deletes
/// an upload. A's change to a file that shows the upload is checked (the
/// upload kept) just before the deletion and catalogued just after it
/// (held between the two by A's test hook): the deletion, finding nothing
/// that shows the upload, goes ahead, and A's catalogue write, taken one at
/// a time with it (`begin_write`), finds the upload gone: the change is
/// checked again and the file refused for the image, by its line, as A's
/// next start would refuse it. Until 7 December A served it with a broken
/// image until its next start.
#[tokio::test]
async fn a_content_file_racing_the_deletion_of_its_upload_on_another_node_is_refused() {
    let Some(db) = askaf_store::testing::database() else {
        return;
    };
    let url = db.url();
    let (content, data_a, logs) = watched_dirs();
    crate::helpers::add_user_with(
        data_a.path(),
        &["--database", &url],
        "ed",
        "editor",
        MOD_PASSWORD,
    );
    let hold = logs.path().join("hold-apply");
    let log = ServerLog(logs.path().join("server.log"));
    let a = TestApp::spawn_holding_logged(
        data_a.path(),
        &[
            "--database",
            &url,
            "--content",
            content.path().to_str().unwrap(),
        ],
        &hold,
        &log.0,
    );
    a.login("ed", MOD_PASSWORD).await;
    let data_b = tempfile::tempdir().unwrap();
    let b = node(data_b.path(), &url);
    b.login("ed", MOD_PASSWORD).await;
    let name = uploaded(&b, 300, 200).await;

    std::fs::write(&hold, "").unwrap();
    let dams = crate::helpers::article(
        "dams",
        "en",
        "",
        &format!("The dam.\n\n![The Kajaki dam](/media/{name})"),
    );
    save(content.path(), "en/dams.md", dams.as_bytes());
    log.within("a change is held for a test", 20).await;
    let r = delete(&b, "same-origin", &name).await;
    assert_eq!(
        r.status(),
        303,
        "nothing shows it yet: {}",
        r.text().await.unwrap()
    );
    std::fs::remove_file(&hold).unwrap();

    // The change ends: served, or refused.
    crate::helpers::eventually("A's change ends", || async {
        a.get("/en/dams").await.status() == 200 || content_problems(&a).await > 0
    })
    .await;
    let r = a.get("/en/dams").await;
    let (status, page) = (r.status(), r.text().await.unwrap());
    assert!(
        status == 404 && !page.contains(&name),
        "served with its image deleted: {status}: {page}"
    );
    assert_eq!(content_problems(&a).await, 1);
    let refused = log.lines("dams.md");
    assert!(
        refused
            .iter()
            .any(|l| l.contains(&format!("/media/{name}"))),
        "{refused:?}"
    );
    // Nor is its text recorded among the article's revisions, which are
    // what the site served: until 7 December the first round had recorded
    // it before its catalogue write was refused.
    let location = askaf_store::Location::parse(&url).unwrap();
    let store = askaf_store::Store::connect(&location).await.unwrap();
    let recorded = store.revision_count(askaf_content::Lang::En, "dams").await;
    assert_eq!(recorded.unwrap(), 0, "a revision never served is recorded");
}

/// Writes the content file `en/dams.md` in `content`, its article showing
/// the upload `name`, and waits until each of `apps` serves it.
async fn shown_in_dams(content: &std::path::Path, name: &str, apps: &[&TestApp]) {
    let dams = crate::helpers::article(
        "dams",
        "en",
        "",
        &format!("The dam.\n\n![The Kajaki dam](/media/{name})"),
    );
    save(content, "en/dams.md", dams.as_bytes());
    for app in apps {
        shows_within(app, "/en/dams", &format!("/media/{name}"), WATCH).await;
    }
}

/// One server on SQLite, started on a content directory whose article
/// shows an upload, then started again with no content directory: the
/// upload is deleted (303), since the only server of its database serves
/// no file that shows it. Until 7 December the first start's catalogue
/// rows stayed and refused the deletion (409, naming a file nothing
/// served) for good; a start on another directory dropped them, one with
/// none did not.
#[tokio::test]
async fn an_upload_only_a_directory_no_longer_served_shows_is_deleted() {
    let (content, data, logs) = watched_dirs();
    let log = logs.path().join("server.log");
    let mut app = watching(content.path(), data.path(), &log);
    app.login("ed", MOD_PASSWORD).await;
    let name = uploaded(&app, 300, 200).await;
    shown_in_dams(content.path(), &name, &[&app]).await;
    not_deleted(&app, &[(&name, "/en/dams")]).await;
    app.kill_hard();

    let app = TestApp::spawn_with(data.path(), &[], None);
    app.login("ed", MOD_PASSWORD).await;
    let r = delete(&app, "same-origin", &name).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
}

/// Two nodes on one PostgreSQL, both on a content directory whose article
/// shows an upload, then both started again on another directory: once
/// no node has looked at the first directory for longer than the
/// catalogue trusts a directory's files to be served
/// (`askaf_store::SERVED_WITHIN`, an hour, here made to have passed), the
/// upload is deleted (303). Within it, a node may still serve them (one
/// restarting, or one the others do not know of), and the upload is kept
/// (409, naming the file). Until 7 December the first directory's rows
/// refused the deletion for good.
#[tokio::test]
async fn an_upload_only_a_directory_no_node_looks_at_shows_is_deleted() {
    let Some(db) = askaf_store::testing::database() else {
        return;
    };
    let url = db.url();
    let (first, second, _) = watched_dirs();
    let on = |dir: &tempfile::TempDir| {
        vec![
            "--content".to_string(),
            dir.path().to_str().unwrap().to_string(),
        ]
    };
    let args = on(&first);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let (data_a, mut a) = editor_node(&url, &args).await;
    let data_b = tempfile::tempdir().unwrap();
    let mut b = node_with(data_b.path(), &url, &args);
    let name = uploaded(&a, 300, 200).await;
    shown_in_dams(first.path(), &name, &[&a, &b]).await;
    a.kill_hard();
    b.kill_hard();

    let args = on(&second);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let a = node_with(data_a.path(), &url, &args);
    let _b = node_with(data_b.path(), &url, &args);
    a.login("ed", MOD_PASSWORD).await;
    let in_use = [
        (&name, "/en/dams.md</code> ("),
        (
            &name,
            "a content directory a server has read within the hour",
        ),
    ];
    not_deleted(&a, &in_use).await;

    // An hour later, as far as the catalogue can tell: every directory
    // but the one the nodes now serve was last looked at then.
    let mut db_session = {
        use sqlx::Connection;
        sqlx::PgConnection::connect(&url).await.unwrap()
    };
    let second_dir = format!("{}/", second.path().to_str().unwrap());
    let aged = sqlx::query("UPDATE content_dirs SET looked_at = looked_at - 3601 WHERE dir <> $1")
        .bind(&second_dir)
        .execute(&mut db_session)
        .await;
    assert!(aged.is_ok(), "{aged:?}");
    let r = delete(&a, "same-origin", &name).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
}

/// Two nodes on one PostgreSQL: B found a name not kept (an upload A had
/// deleted), and A uploads those bytes again: B serves them once A's
/// notice arrives, not after its minute of believing "not kept".
#[tokio::test]
async fn an_upload_made_on_one_node_is_served_by_another_that_found_it_missing() {
    let Some(nodes) = TwoNodes::start().await else {
        return;
    };
    let (a, b) = (&nodes.a, &nodes.b);
    let name = uploaded(a, 1200, 800).await;
    let r = delete(a, "same-origin", &name).await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    for _ in 0..2 {
        assert_eq!(b.get(&format!("/media/{name}")).await.status(), 404);
    }

    assert_eq!(uploaded(a, 1200, 800).await, name, "the same bytes");
    let within = std::time::Duration::from_secs(2);
    answers_within(b, &name, false, 200, within).await;
}

/// PostgreSQL stopped: a node that cannot ask the store whether it keeps
/// an upload serves what it kept of it in its folder before (and answers
/// its validator with a 304), as it did before it asked the store at all:
/// the copy it made, the original read to make it, and a size never made,
/// made now from that original. An upload it has kept nothing of is a
/// 503. The failure is logged once, not per request.
#[tokio::test]
async fn a_copy_made_before_is_served_while_the_database_is_away() {
    let Some(server) = askaf_store::testing::PgServer::start() else {
        return;
    };
    let url = server.create_database("askaf");
    let (data, mut app) = editor_node(&url, &[]).await;
    let name = uploaded(&app, 1200, 800).await;
    let never_served = uploaded(&app, 1000, 700).await;
    let copy = name.replace(".jpg", "-480.jpg");
    let r = app.get(&format!("/media/{copy}")).await;
    assert_eq!(r.status(), 200);
    let bytes = r.bytes().await.unwrap();
    // Started again, the node remembers nothing of it: only its files in
    // the folder.
    app.kill_hard();
    let log = data.path().join("server.log");
    let app = TestApp::spawn_logged(data.path(), &["--database", &url], None, Some(&log));

    server.stop();
    for _ in 0..3 {
        let r = app.get(&format!("/media/{copy}")).await;
        assert_eq!(r.status(), 200, "a copy made before is served");
        assert_eq!(
            r.headers()["cache-control"],
            "public, max-age=31536000, immutable"
        );
        assert_eq!(r.bytes().await.unwrap(), bytes);
    }
    assert_eq!(conditional(&app, &copy).await.status(), 304);
    let r = app.get(&format!("/media/{name}")).await;
    assert_eq!(r.status(), 200, "the original read to make the copy");
    let original = r.bytes().await.unwrap();
    assert_eq!(image::load_from_memory(&original).unwrap().width(), 1200);
    assert_eq!(conditional(&app, &name).await.status(), 304);
    let never_made = name.replace(".jpg", "-960.jpg");
    let r = app.get(&format!("/media/{never_made}")).await;
    assert_eq!(r.status(), 200, "made from the original in the folder");
    let made = image::load_from_memory(&r.bytes().await.unwrap()).unwrap();
    assert_eq!(made.width(), 960);
    for file in [
        never_served.clone(),
        never_served.replace(".jpg", "-480.jpg"),
    ] {
        let r = app.get(&format!("/media/{file}")).await;
        assert_eq!(r.status(), 503, "nothing of it in the folder: {file}");
        assert_eq!(conditional(&app, &file).await.status(), 503, "{file}");
    }
    let said = std::fs::read_to_string(&log).unwrap();
    assert_eq!(
        said.matches("cannot ask the store whether it keeps an upload")
            .count(),
        1,
        "{said}"
    );
    server.start_again();
}

/// A server watching `content`, with an editor `ed` (password
/// [`MOD_PASSWORD`]), on the data directory `data`, its log in `log`.
fn watching(content: &std::path::Path, data: &std::path::Path, log: &std::path::Path) -> TestApp {
    crate::helpers::add_user(data, "ed", "editor", MOD_PASSWORD);
    TestApp::spawn_logged(
        data,
        &["--content", content.to_str().unwrap()],
        None,
        Some(log),
    )
}

/// A content directory (with its `en/`), a data directory and one for logs.
fn watched_dirs() -> (tempfile::TempDir, tempfile::TempDir, tempfile::TempDir) {
    let content = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(content.path().join("en")).unwrap();
    (
        content,
        tempfile::tempdir().unwrap(),
        tempfile::tempdir().unwrap(),
    )
}

/// Writes `bytes` as the content file `rel` as an editor saves: into a
/// hidden file, then renamed over it, so that the watch never reads it
/// half written.
pub(crate) fn save(content: &std::path::Path, rel: &str, bytes: &[u8]) {
    let path = content.join(rel);
    let tmp = path.with_file_name(format!(
        ".{}.tmp",
        path.file_name().unwrap().to_str().unwrap()
    ));
    std::fs::write(&tmp, bytes).unwrap();
    std::fs::rename(&tmp, &path).unwrap();
}

/// The problems the site found in its content since it started (`/healthz`).
pub(crate) async fn content_problems(app: &TestApp) -> u64 {
    app.json("/healthz").await["index"]["content_problems"]
        .as_u64()
        .unwrap()
}

/// A content file the watch cannot read as an article at all (not UTF-8,
/// larger than 2 MB) is refused as one with a problem in its front matter
/// is: named with its line in the log, counted in `/healthz`, its previous
/// version served, and the uploads it shows on disk kept from deletion,
/// the page naming it, until it is fixed, across a restart too. Before,
/// such a file was logged alone and forgotten: not counted, and the upload
/// it added deleted.
#[tokio::test]
async fn a_content_file_that_cannot_be_read_is_refused_and_keeps_the_uploads_it_shows() {
    let (content, data, logs) = watched_dirs();
    let log = logs.path().join("server.log");
    let app = watching(content.path(), data.path(), &log);
    app.login("ed", MOD_PASSWORD).await;
    let shown = uploaded(&app, 300, 200).await;
    let added = uploaded(&app, 320, 200).await;
    let large = uploaded(&app, 340, 200).await;
    let maps = |more: &str| {
        crate::helpers::article(
            "maps",
            "en",
            "",
            &format!("Maps.\n\n![A map of Kabul](/media/{shown}){more}"),
        )
    };
    save(content.path(), "en/maps.md", maps("").as_bytes());
    shows_within(&app, "/en/maps", &format!("/media/{shown}"), WATCH).await;

    // The map of Herat added, with a Latin-1 byte on line 23; and a new
    // file of 3 MB that shows another upload.
    let mut latin1 = maps(&format!(
        "\n\n![A map of Herat](/media/{added})\n\nCaf\u{e9}."
    ))
    .into_bytes();
    let at = latin1.windows(2).position(|w| w == "é".as_bytes()).unwrap();
    latin1.splice(at..at + 2, [0xE9]);
    save(content.path(), "en/maps.md", &latin1);
    let padding = "Padding. ".repeat(3 << 20 >> 3);
    let atlas = crate::helpers::article(
        "atlas",
        "en",
        "",
        &format!("![A map of Bamyan](/media/{large})\n\n{padding}"),
    );
    save(content.path(), "en/atlas.md", atlas.as_bytes());
    save(
        content.path(),
        "en/probe.md",
        crate::helpers::article("probe", "en", "", "A probe.").as_bytes(),
    );
    shows_within(&app, "/en/probe", "A probe.", WATCH).await;

    let page = app.text("/en/maps").await;
    assert!(page.contains(&format!("/media/{shown}")), "{page}");
    assert!(!page.contains(&added), "the previous version: {page}");
    assert_eq!(app.get("/en/atlas").await.status(), 404);
    assert_eq!(content_problems(&app).await, 2, "both counted");
    let refused = [
        "en/maps.md:23: the file is not valid UTF-8",
        "en/atlas.md:1: the file is larger than 2 MB",
        "content changed with problems: the files named keep their previous version",
    ];
    says(&log, &refused);
    // Each upload stays, the page naming what shows it: the version
    // served, and each file refused as it is on disk.
    let in_use = [
        (&shown, "Title of maps"),
        (&added, "en/maps.md"),
        (&large, "en/atlas.md"),
    ];
    not_deleted(&app, &in_use).await;
    assert_eq!(app.get(&format!("/media/{added}")).await.status(), 200);

    // Killed and started again: the files are refused as the watch refused
    // them, and remembered as refused, so the uploads they show stay.
    drop(app);
    let start_log = logs.path().join("start.log");
    let app = TestApp::spawn_logged(
        data.path(),
        &["--content", content.path().to_str().unwrap()],
        None,
        Some(&start_log),
    );
    app.login("ed", MOD_PASSWORD).await;
    let page = app.text("/en/maps").await;
    assert!(!page.contains(&added), "the previous version: {page}");
    assert_eq!(app.get("/en/atlas").await.status(), 404);
    assert_eq!(content_problems(&app).await, 2, "both counted at the start");
    says(&start_log, &refused);
    not_deleted(&app, &in_use).await;

    // Fixed without the new map, and the large file gone: the uploads no
    // file shows are deleted.
    save(content.path(), "en/maps.md", maps("\n\nFixed.").as_bytes());
    std::fs::remove_file(content.path().join("en/atlas.md")).unwrap();
    shows_within(&app, "/en/maps", "Fixed.", WATCH).await;
    for file in [&added, &large] {
        let r = delete(&app, "same-origin", file).await;
        assert_eq!(r.status(), 303, "{file}: {}", r.text().await.unwrap());
    }
    assert_eq!(delete(&app, "same-origin", &shown).await.status(), 409);
}

/// Asserts that the server's log `log` says each of `expected`.
fn says(log: &std::path::Path, expected: &[&str]) {
    let said = std::fs::read_to_string(log).unwrap();
    for expected in expected {
        assert!(
            said.contains(expected),
            "the log says {expected:?}:\n{said}"
        );
    }
}

/// Asserts that each upload of `in_use` (its file name, and what the page
/// must name as showing it) is refused deletion: 409, naming that.
async fn not_deleted(app: &TestApp, in_use: &[(&String, &str)]) {
    for (file, shown_by) in in_use {
        let r = delete(app, "same-origin", file).await;
        assert_eq!(r.status(), 409, "{file}");
        let page = r.text().await.unwrap();
        assert!(
            page.contains(shown_by),
            "{file} is shown by {shown_by}: {page}"
        );
    }
}

/// How long a change to a content file may take to be served: the watch
/// hears of it at once; the rest is a loaded machine.
const WATCH: std::time::Duration = std::time::Duration::from_secs(20);

/// A content file that shows an upload's address the site does not keep
/// (mistyped, or another site's) is refused as the editor refuses it: by
/// the watch (its previous version stays, the problem logged with its line
/// and counted), by a start and by an export with the site's database
/// (`askaf check`: above). Before, the watch served it with a broken image,
/// and only `askaf check --uploads` said so. A start refuses it as the
/// watch does (until 6 December it refused to start at all). An export
/// without a database, which cannot tell, archives it as before.
#[tokio::test]
async fn a_content_file_that_shows_an_upload_the_site_does_not_keep_is_refused() {
    let (content, data, logs) = watched_dirs();
    let log = logs.path().join("server.log");
    let write = |slug: &str, body: &str| {
        save(
            content.path(),
            &format!("en/{slug}.md"),
            crate::helpers::article(slug, "en", "", body).as_bytes(),
        )
    };
    write("pass", "The pass.");
    let app = watching(content.path(), data.path(), &log);
    app.login("ed", MOD_PASSWORD).await;
    let kept = uploaded(&app, 300, 200).await;
    let not_kept = "/media/0123456789abcdef-1200x800.jpg";
    write(
        "pass",
        &format!("The pass in winter.\n\n![The Salang pass in snow]({not_kept})"),
    );
    write(
        "typo",
        &format!("A typo.\n\n![The Salang tunnel]({not_kept})"),
    );
    write(
        "tunnel",
        &format!("The tunnel.\n\n![The Salang tunnel](/media/{kept})"),
    );
    shows_within(&app, "/en/tunnel", "srcset=", WATCH).await;
    let page = app.text("/en/pass").await;
    assert!(
        page.contains("The pass.") && !page.contains("in winter"),
        "the previous version stays: {page}"
    );
    assert_eq!(app.get("/en/typo").await.status(), 404);
    assert_eq!(content_problems(&app).await, 2);
    let said = std::fs::read_to_string(&log).unwrap();
    for file in ["pass", "typo"] {
        let expected = format!(
            "en/{file}.md:19: the image `{not_kept}` is not among the uploads: upload it at /admin/media, or correct its address"
        );
        assert!(said.contains(&expected), "{expected}:\n{said}");
    }

    let dir = content.path().to_str().unwrap();
    let data_dir = data.path().to_str().unwrap();

    // Killed and started again, it serves what it served: the files
    // refused as the watch refused them, each problem said and counted.
    drop(app);
    let start_log = logs.path().join("start.log");
    let app = TestApp::spawn_logged(data.path(), &["--content", dir], None, Some(&start_log));
    let page = app.text("/en/pass").await;
    assert!(
        page.contains("The pass.") && !page.contains("in winter"),
        "the previous version stays: {page}"
    );
    assert_eq!(app.get("/en/typo").await.status(), 404);
    assert!(app.text("/en/tunnel").await.contains("srcset="));
    assert_eq!(content_problems(&app).await, 2);
    let said = std::fs::read_to_string(&start_log).unwrap();
    for file in ["pass", "typo"] {
        let expected = format!(
            "en/{file}.md:19: the image `{not_kept}` is not among the uploads: upload it at /admin/media, or correct its address"
        );
        assert!(said.contains(&expected), "{expected}:\n{said}");
    }
    drop(app);

    // An export with the database refuses them, naming them; one without
    // (its scratch store keeps no upload) archives the files as before.
    let out = tempfile::tempdir().unwrap();
    let nowhere = tempfile::tempdir().unwrap();
    let nowhere = nowhere.path().join("data");
    let markdown = |data: &str| {
        askaf(&[
            "export",
            "--markdown",
            out.path().to_str().unwrap(),
            "--content",
            dir,
            "--data",
            data,
        ])
    };
    let (ok, _, err) = markdown(data_dir);
    assert!(!ok, "{err}");
    assert!(
        err.contains("typo.md:19: the image") && err.contains("refusing to export"),
        "{err}"
    );
    let (ok, stdout, err) = markdown(nowhere.to_str().unwrap());
    assert!(ok, "{err}");
    assert!(stdout.contains("exported 3 articles"), "{stdout}");
    let archived = std::fs::read_to_string(out.path().join("en/typo.md")).unwrap();
    assert!(archived.contains(not_kept), "{archived}");
}

/// A content file unchanged since the store catalogued it is not read at
/// a start; if it shows an upload the store no longer keeps (a database
/// restored or copied without it, a row deleted by hand), the start says
/// so all the same: the problem logged with its line and counted, and the
/// file listed on the dashboard as a refused file is, until it is fixed.
/// The article stays served as it was, as a change refused for the same
/// problem leaves it, since the site never takes an article down for an
/// image. Until 7 December such a start said nothing, and the page showed
/// a broken image until someone edited the file.
#[tokio::test]
async fn a_start_names_an_unchanged_file_that_shows_an_upload_the_store_lost() {
    let (content, data, logs) = watched_dirs();
    let app = watching(content.path(), data.path(), &logs.path().join("first.log"));
    app.login("ed", MOD_PASSWORD).await;
    let lost = uploaded(&app, 300, 200).await;
    let kept = uploaded(&app, 320, 200).await;
    let also = uploaded(&app, 340, 200).await;
    let write = |slug: &str, body: &str| {
        crate::content::save_aged(
            &content.path().join(format!("en/{slug}.md")),
            &crate::helpers::article(slug, "en", "", body),
        )
    };
    write(
        "maps",
        &format!("Maps.\n\n![A map of Kabul](/media/{lost}) ![A map of Herat](/media/{also})"),
    );
    write(
        "tunnel",
        &format!("The tunnel.\n\n![The Salang tunnel](/media/{kept})"),
    );
    for slug in ["maps", "tunnel"] {
        shows_within(&app, &format!("/en/{slug}"), "srcset=", WATCH).await;
    }
    drop(app);
    // A start catalogues the files, which the watch left to be read again.
    let args = ["--content", content.path().to_str().unwrap()];
    let app = TestApp::spawn_logged(data.path(), &args, None, None);
    assert!(app.text("/en/maps").await.contains(&lost));
    drop(app);

    let store = askaf_store::Store::open(data.path()).await.unwrap();
    assert!(store.delete_media(&lost).await.unwrap().is_some());
    store.close().await;
    let log = logs.path().join("start.log");
    let app = TestApp::spawn_logged(data.path(), &args, None, Some(&log));
    says(
        &log,
        &[
            &format!(
                "en/maps.md:19: the image `/media/{lost}` is not among the uploads: upload it at /admin/media, or correct its address"
            ),
            "files_read=1 files_unchanged=1",
        ],
    );
    assert_eq!(content_problems(&app).await, 1);
    let page = app.text("/en/maps").await;
    assert!(
        page.contains("Maps.") && page.contains(&lost),
        "still served: {page}"
    );
    assert_eq!(app.get(&format!("/media/{lost}")).await.status(), 404);
    app.login("ed", MOD_PASSWORD).await;
    let dashboard = app.text("/admin").await;
    assert!(dashboard.contains("/en/maps.md</bdi>"), "{dashboard}");
    assert!(dashboard.contains(&format!("/media/{lost}")), "{dashboard}");
    assert!(!dashboard.contains("tunnel.md"), "{dashboard}");
    // What the help and the images page say of such a file holds though
    // it did not change: its article is served as last accepted. Until 7
    // December both said "before the file changed" or "at its last change".
    let help = "serves each of their articles at the last version it accepted";
    assert!(dashboard.contains(help), "{dashboard}");
    assert!(
        !dashboard.contains("before the file changed"),
        "{dashboard}"
    );
    let r = delete(&app, "same-origin", &also).await;
    assert_eq!(r.status(), 409);
    let page = r.text().await.unwrap();
    let note = "a content file the site refused: it serves the last version it accepted";
    assert!(
        page.contains("/en/maps.md</code> (") && page.contains(note),
        "{page}"
    );

    // Fixed: served as it is now, and no longer listed.
    write("maps", "Maps, the map taken out.");
    shows_within(&app, "/en/maps", "the map taken out", WATCH).await;
    let dashboard = app.text("/admin").await;
    assert!(!dashboard.contains("refused-files"), "{dashboard}");
}

/// A TCP relay to a PostgreSQL server that can be made to hang, as a
/// database host that stops answering (rather than refusing) does: frozen,
/// it takes new connections and the bytes sent on the old ones, and passes
/// nothing on until thawed.
struct Relay {
    port: u16,
    frozen: std::sync::Arc<std::sync::atomic::AtomicBool>,
    closed: std::sync::Arc<std::sync::atomic::AtomicBool>,
}

impl Relay {
    /// A relay to the server of `url` (`postgres://…@127.0.0.1:PORT/…`),
    /// with the URL that goes through it.
    fn to(url: &str) -> (Relay, String) {
        use std::sync::atomic::{AtomicBool, Ordering};
        use std::sync::Arc;
        let at = url.find("127.0.0.1:").unwrap() + "127.0.0.1:".len();
        let end = at + url[at..].find('/').unwrap();
        let server: std::net::SocketAddr = format!("127.0.0.1:{}", &url[at..end]).parse().unwrap();
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        let port = listener.local_addr().unwrap().port();
        let (frozen, closed) = (
            Arc::new(AtomicBool::new(false)),
            Arc::new(AtomicBool::new(false)),
        );
        let wait = |frozen: &AtomicBool| {
            while frozen.load(Ordering::Relaxed) {
                std::thread::sleep(std::time::Duration::from_millis(20));
            }
        };
        let pipe = move |mut from: std::net::TcpStream,
                         mut to: std::net::TcpStream,
                         frozen: Arc<AtomicBool>| {
            use std::io::{Read, Write};
            std::thread::spawn(move || {
                let mut buf = [0; 16 * 1024];
                while let Ok(n @ 1..) = from.read(&mut buf) {
                    wait(&frozen);
                    if to.write_all(&buf[..n]).is_err() {
                        break;
                    }
                }
                let _ = to.shutdown(std::net::Shutdown::Both);
            });
        };
        let (f, c) = (frozen.clone(), closed.clone());
        std::thread::spawn(move || {
            for client in listener.incoming() {
                if c.load(Ordering::Relaxed) {
                    return;
                }
                let Ok(client) = client else { continue };
                let frozen = f.clone();
                std::thread::spawn(move || {
                    wait(&frozen);
                    let Ok(upstream) = std::net::TcpStream::connect(server) else {
                        return;
                    };
                    pipe(
                        client.try_clone().unwrap(),
                        upstream.try_clone().unwrap(),
                        frozen.clone(),
                    );
                    pipe(upstream, client, frozen);
                });
            }
        });
        let through = format!("{}{port}{}", &url[..at], &url[end..]);
        let relay = Relay {
            port,
            frozen,
            closed,
        };
        (relay, through)
    }

    fn freeze(&self, frozen: bool) {
        self.frozen
            .store(frozen, std::sync::atomic::Ordering::Relaxed);
    }
}

impl Drop for Relay {
    /// Thawed, so what it holds goes through and ends; its listener woken
    /// to see it is closed.
    fn drop(&mut self) {
        self.freeze(false);
        self.closed
            .store(true, std::sync::atomic::Ordering::Relaxed);
        let _ = std::net::TcpStream::connect(("127.0.0.1", self.port));
    }
}

/// The database hanging rather than refusing connections: a request for
/// an upload the node does not remember waits once for the pool's
/// timeout, then is served from DATA/media; the node then leaves the
/// database alone for a while (Ask's shortcut, shared): the next request
/// for another upload it does not remember is served from the folder at
/// once, one it has no file of is a 503 at once, and a question to Ask is
/// answered at once, not counted in the database.
#[tokio::test]
async fn a_hanging_database_is_waited_for_once_then_left_alone_for_a_while() {
    let Some(db) = askaf_store::testing::database() else {
        return;
    };
    let (relay, url) = Relay::to(&db.url());
    let (data, mut app) = editor_node(&url, &[]).await;
    let first = uploaded(&app, 1200, 800).await;
    let second = uploaded(&app, 1000, 700).await;
    let none = uploaded(&app, 800, 600).await;
    let copy = |name: &str| name.replace(".jpg", "-480.jpg");
    for name in [&first, &second] {
        assert_eq!(
            app.get(&format!("/media/{}", copy(name))).await.status(),
            200
        );
    }
    // Started again, the node remembers nothing: only its files.
    app.kill_hard();
    let app = node(data.path(), &url);

    relay.freeze(true);
    let timed = |path: String| {
        let app = &app;
        async move {
            let asked = std::time::Instant::now();
            let status = app.get(&path).await.status();
            (status, asked.elapsed())
        }
    };
    let (status, waited) = timed(format!("/media/{}", copy(&first))).await;
    assert_eq!(status, 200, "served from the folder after {waited:?}");
    let at_once = std::time::Duration::from_secs(1);
    for (file, want) in [
        (copy(&second), 200),
        (second.clone(), 200),
        (none.clone(), 503),
    ] {
        let (status, took) = timed(format!("/media/{file}")).await;
        assert_eq!(status, want, "{file}");
        assert!(took < at_once, "{file} took {took:?}");
    }
    let (status, took) = timed("/api/v1/ask?lang=en&q=Who%20governs%20Afghanistan%3F".into()).await;
    assert_eq!(status, 200);
    assert!(took < at_once, "the question took {took:?}");
    relay.freeze(false);
}

/// The database hanging while the scheduler waits for its answer: a
/// scheduler's query is in flight when the host stops answering, the one
/// case no bound of the pool or the server ends (the pool bounds only the
/// wait for a connection; `statement_timeout` is the frozen server's to
/// keep). The scheduler's own limit ends it: the failure is logged once
/// (then once a minute while it lasts, though it asks again every few
/// seconds), its end is said, and the article due meanwhile is published
/// once the database answers.
///
/// The query is caught in flight, not hoped for: the table is locked
/// before the article falls due, so the scheduler's claim waits at the
/// server, and the relay freezes once the server shows it waiting.
#[tokio::test]
async fn a_hanging_database_is_logged_once_by_the_scheduler_and_its_return_said() {
    use sqlx::Executor;
    use std::time::Duration;
    let Some(node) = Relayed::node() else { return };
    let (db, relay, log, app) = (&node.db, &node.relay, &node.log, &node.app);
    app.login("ed", MOD_PASSWORD).await;

    let slug = "salang-hang-test";
    let (date, time) = crate::editor::kabul_in(3);
    let form = fields(
        slug,
        "Snow closes the Salang Pass for days at a time.",
        &[("publish_date", &date), ("publish_time", &time)],
    );
    let r = post(
        app,
        crate::editor::NEW,
        crate::editor::NEW,
        "schedule",
        form,
    )
    .await;
    assert_eq!(r.status(), 303, "{}", r.text().await.unwrap());
    let mut locker = caught_in_flight(
        &db.url(),
        relay,
        "scheduled_publications",
        "%scheduled_publications%",
    )
    .await;
    // Answered at the server now; the answer is held by the relay.
    locker.execute("ROLLBACK").await.unwrap();

    let line = log.within("scheduled publishing:", 60).await;
    assert!(line.contains(GIVEN_UP), "{line}");
    // It asks again every few seconds meanwhile, each time in vain: each
    // try is logged at debug level, and said only once.
    log.tries(
        "DEBUG askaf_site::schedule: scheduled publishing failed again",
        1,
    )
    .await;
    assert_eq!(
        log.lines("ERROR askaf_site::schedule").len(),
        1,
        "{}",
        log.text()
    );
    assert!(log.lines("scheduled publishing works again").is_empty());
    relay.freeze(false);
    log.within("scheduled publishing works again", 60).await;
    crate::editor::published_within(app, &format!("/en/{slug}"), Duration::from_secs(30)).await;
}

/// The database hanging while the follower of the other nodes waits for
/// its answer: its catch-up (every 10 s, and at each notice) reads the
/// revisions saved on other nodes when the host stops answering, and its
/// listening connection waits for a notice that never comes, so nothing
/// but the follower's own 20 s limit ends the wait. The hang is said once
/// (then once a minute while it lasts, though the follower tries again
/// every 10 s), its end is said, and an article published through another
/// node meanwhile is served once the database answers: the follower
/// carries on. Until 7 December such a hang was logged only at debug
/// level, so a node silently fell behind.
///
/// The read is caught in flight as the scheduler's is (see
/// [`a_hanging_database_is_logged_once_by_the_scheduler_and_its_return_said`]),
/// once the follower has caught up at its start, so that what is caught is
/// its catch-up on the timer while its listening waits for a notice.
#[tokio::test]
async fn a_hanging_database_is_logged_once_by_the_follower_which_carries_on() {
    use sqlx::Executor;
    use std::time::Duration;
    let Some(node) = Relayed::node() else { return };
    let (db, relay, log, app) = (&node.db, &node.relay, &node.log, &node.app);
    // Caught up at its start: what is caught is the catch-up on its timer.
    log.within("listening for the other nodes' changes; caught up", 30)
        .await;
    let mut locker = caught_in_flight(
        &db.url(),
        relay,
        "article_edits",
        "%FROM article_edits WHERE id >%GROUP BY%",
    )
    .await;
    locker.execute("ROLLBACK").await.unwrap();

    let line = log.within("WARN askaf_site::follow", 60).await;
    assert!(
        line.contains("catching up with the other nodes failed") && line.contains(GIVEN_UP),
        "{line}"
    );
    // Another node publishes while this one's database hangs.
    let other = askaf_store::Store::connect(&db.location()).await.unwrap();
    let slug = "wakhan-follow-hang-test";
    let body = "Yaks carry loads across the Wakhan corridor.";
    crate::helpers::publish_in_store(&other, slug, body).await;
    // It tries again every 10 s meanwhile, each time in vain: each try
    // is logged at debug level, and said only once.
    log.tries("DEBUG askaf_site::follow: catching up with", 1)
        .await;
    let said = log.lines("WARN askaf_site::follow");
    assert_eq!(said.len(), 1, "{}", log.text());
    relay.freeze(false);
    log.within("catching up with the other nodes works again", 60)
        .await;
    crate::editor::published_within(app, &format!("/en/{slug}"), Duration::from_secs(30)).await;
    other.close().await;
    drop(node);
}

/// How long a node reached through a [`Relay`] waits for a call to its
/// store before it takes the database for hanging (askaf's
/// `ASKAF_TEST_ANSWER_WITHIN_MS`), where a server waits 20 s: long enough
/// for any call on a loaded machine, short enough that a test of a hang
/// waits seconds for it to be said.
const ANSWER_WITHIN_MS: &str = "5000";

/// What a node reached through a [`Relay`] says of a call it gave up.
const GIVEN_UP: &str = "the database did not answer within 5 s";

/// A node on a throwaway PostgreSQL reached through a [`Relay`], with an
/// editor `ed` and its log kept ([`ServerLog`]) with each try of its
/// background loops (debug level), which gives up a call to the store
/// after [`ANSWER_WITHIN_MS`].
struct Relayed {
    db: askaf_store::testing::PgDatabase,
    relay: Relay,
    _data: tempfile::TempDir,
    log: ServerLog,
    app: TestApp,
}

impl Relayed {
    /// `None` where PostgreSQL cannot be had.
    fn node() -> Option<Relayed> {
        let db = askaf_store::testing::database()?;
        let (relay, url) = Relay::to(&db.url());
        let data = editor_data(&url);
        let log = ServerLog(data.path().join("server.log"));
        let app = TestApp::spawn_hooked_traced(
            data.path(),
            &["--database", &url],
            &log.0,
            "info,askaf_site=debug",
            &[("ASKAF_TEST_ANSWER_WITHIN_MS", ANSWER_WITHIN_MS)],
        );
        Some(Relayed {
            db,
            relay,
            _data: data,
            log,
            app,
        })
    }
}

/// An article published in the editor whose upload is gone (deleted
/// through one node as another published it, before saves and deletions
/// were taken one at a time; a database restored without it): a start
/// serves it, names the missing image in its log, and counts it in the
/// health check's `content_problems`. Until 7 December nothing said so.
#[tokio::test]
async fn a_start_reports_an_article_whose_image_upload_is_gone() {
    let data = tempfile::tempdir().unwrap();
    let file = "0123456789abcdef-1200x800.jpg";
    let store = askaf_store::Store::open(data.path()).await.unwrap();
    store
        .add_media(file, b"jpeg", "ed", "kabul.jpg")
        .await
        .unwrap();
    let body = format!("Kabul from the hills.\n\n![Kabul from the hills](/media/{file})");
    crate::helpers::publish_in_store(&store, "kabul-hills-test", &body).await;
    store.delete_media(file).await.unwrap().unwrap();
    store.close().await;

    let log = ServerLog(data.path().join("server.log"));
    let app = TestApp::spawn_logged(data.path(), &[], None, Some(&log.0));
    let page = app.text("/en/kabul-hills-test").await;
    assert!(page.contains("Kabul from the hills."), "{page}");
    assert_eq!(content_problems(&app).await, 1);
    let line = log.within("served with that image missing", 10).await;
    assert!(
        line.contains("editor:en/kabul-hills-test.md") && line.contains(file),
        "{line}"
    );
}

/// A server's log file, read as it grows.
struct ServerLog(std::path::PathBuf);

impl ServerLog {
    fn text(&self) -> String {
        std::fs::read_to_string(&self.0).unwrap()
    }

    /// The lines that contain `what`.
    fn lines(&self, what: &str) -> Vec<String> {
        self.text()
            .lines()
            .filter(|l| l.contains(what))
            .map(str::to_string)
            .collect()
    }

    /// The last line that contains `what`, once one does, within `secs`.
    async fn within(&self, what: &str, secs: u64) -> String {
        use std::time::{Duration, Instant};
        let until = Instant::now() + Duration::from_secs(secs);
        loop {
            if let Some(line) = self.lines(what).pop() {
                return line;
            }
            assert!(
                Instant::now() < until,
                "not said within {secs}s: {what}\n{}",
                self.text()
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }

    /// Waits until `n` lines that contain `what` follow the last line
    /// said so far (within 60 s): tries made from now on. Polled, where a
    /// sleep long enough for a few tries on a loaded machine cost 25 s.
    async fn tries(&self, what: &str, n: usize) {
        use std::time::{Duration, Instant};
        let before = self.text().lines().count();
        let until = Instant::now() + Duration::from_secs(60);
        loop {
            let text = self.text();
            let made = text.lines().skip(before).filter(|l| l.contains(what));
            if made.count() >= n {
                return;
            }
            assert!(
                Instant::now() < until,
                "not {n} tries within 60 s: {what}\n{text}"
            );
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    }
}

/// A node's query caught in flight: `table` is locked (the connection
/// returned holds the lock, in a transaction, to be rolled back) until a
/// node's query that reads it (`query`, a LIKE pattern) waits for it at
/// the server; then `relay` freezes, before the node's `lock_timeout`
/// (3 s) ends the wait, so that the answer, once the lock goes, is held.
async fn caught_in_flight(
    url: &str,
    relay: &Relay,
    table: &str,
    query: &str,
) -> sqlx::PgConnection {
    use sqlx::{Connection, Executor};
    use std::time::{Duration, Instant};
    let (mut locker, mut watcher) = (
        sqlx::PgConnection::connect(url).await.unwrap(),
        sqlx::PgConnection::connect(url).await.unwrap(),
    );
    locker
        .execute(format!("BEGIN; LOCK TABLE {table} IN ACCESS EXCLUSIVE MODE").as_str())
        .await
        .unwrap();
    let until = Instant::now() + Duration::from_secs(30);
    loop {
        let waiting: i64 = sqlx::query_scalar(
            "SELECT COUNT(*) FROM pg_stat_activity WHERE wait_event_type = 'Lock' \
             AND application_name LIKE 'askaf serve%' AND query LIKE $1",
        )
        .bind(query)
        .fetch_one(&mut watcher)
        .await
        .unwrap();
        if waiting > 0 {
            break;
        }
        assert!(Instant::now() < until, "the node never asked: {query}");
        tokio::time::sleep(Duration::from_millis(20)).await;
    }
    relay.freeze(true);
    locker
}

/// Publishes a new article `slug` from the editor: the answer's status
/// and text.
async fn publish_new(app: &TestApp, slug: &str, body: &str) -> (u16, String) {
    let r = post(
        app,
        crate::editor::NEW,
        crate::editor::NEW,
        "publish",
        fields(slug, body, &[]),
    )
    .await;
    let status = r.status().as_u16();
    (status, r.text().await.unwrap())
}

/// A publish the server gives up waiting for (after 25 s, under its 30 s
/// request timeout; here the tests' shorter wait) while it is being applied: the request's handler is
/// dropped, and the change, begun, is still applied whole. Dropped
/// halfway, it left the revision saved as published and the page and the
/// index without it, the mismatch a hang of the scheduler's used to leave
/// (on PostgreSQL the node's catch-up with the store mended it later; on
/// SQLite nothing did). The editor is told the change is being applied,
/// with the text in the form. The change is held in flight by the
/// server's test hook, after the revision is saved.
#[tokio::test]
async fn a_publish_the_server_stops_waiting_for_is_applied_whole() {
    use std::time::Duration;
    let data = tempfile::tempdir().unwrap();
    add_user(data.path(), "ed", "editor", MOD_PASSWORD);
    let hold = data.path().join("hold-apply");
    let app = TestApp::spawn_holding(data.path(), &hold);
    app.login("ed", MOD_PASSWORD).await;
    let slug = "timed-out-halfway-test";
    let body = "The Kajaki dam on the Helmand turns water into power for Kandahar.";
    std::fs::write(&hold, "").unwrap();
    let (status, said) = publish_new(&app, slug, body).await;
    std::fs::remove_file(&hold).unwrap();
    assert_eq!(status, 202, "{said}");
    assert!(said.contains("Still being applied"), "{said}");
    assert!(said.contains(body), "the text is kept in the form: {said}");

    let page = format!("/en/{slug}");
    crate::editor::published_within(&app, &page, Duration::from_secs(10)).await;
    assert!(app.text(&page).await.contains("Kajaki dam"));
    let history = app
        .text(&format!("/admin/articles/en/{slug}/history"))
        .await;
    assert!(history.contains("Published"), "{history}");
    let answer = app
        .text("/api/v1/ask?lang=en&q=Which%20dam%20on%20the%20Helmand%20gives%20Kandahar%20power")
        .await;
    assert!(answer.contains(slug), "{answer}");
}

/// A publish saved that this node then fails to apply (the server's test
/// hook fails it once the revision is saved, as an index that cannot be
/// written does): the editor is told (202, the text in the form), the
/// article's editor page says that this server does not serve it as saved
/// and why, and the health check counts it. Sent again while the cause
/// lasts, it is said again; once the cause is gone, sent again, it is
/// served at once; and one not sent again is applied by the node itself
/// within seconds: no restart, no work on the database. Until 7 December a
/// second send was answered as saved while the node still did not serve
/// it, and on SQLite only a restart applied it.
#[tokio::test]
async fn a_publish_saved_and_not_applied_is_shown_then_applied_once_it_can_be() {
    use std::time::Duration;
    let data = tempfile::tempdir().unwrap();
    add_user(data.path(), "ed", "editor", MOD_PASSWORD);
    let fail = data.path().join("fail-apply");
    let log = ServerLog(data.path().join("server.log"));
    let app = TestApp::spawn_failing(data.path(), &[], &fail, &log.0);
    app.login("ed", MOD_PASSWORD).await;
    let unapplied = || async { app.json("/healthz").await["index"]["unapplied"].as_u64() };
    let status = |path: String| {
        let app = &app;
        async move { app.get(&path).await.status().as_u16() }
    };

    std::fs::write(&fail, "").unwrap();
    let slug = "helmand-unapplied-test";
    let body = "The Helmand river waters the farms of Lashkar Gah.";
    let (code, said) = publish_new(&app, slug, body).await;
    assert_eq!(code, 202, "{said}");
    assert!(said.contains("this server tries again by itself"), "{said}");
    assert!(said.contains(body), "the text is kept in the form: {said}");
    let page = format!("/en/{slug}");
    assert_eq!(status(page.clone()).await, 404);
    let form = app.text(&crate::editor::edit_url(slug)).await;
    assert!(
        form.contains("id=\"ed-unapplied\"")
            && form.contains("This server does not serve the article as saved")
            && form.contains("failed for a test"),
        "{form}"
    );
    assert_eq!(unapplied().await, Some(1));
    // Sent again while the cause lasts: said again, not taken for done.
    let (code, said) = publish_new(&app, slug, body).await;
    assert_eq!(code, 202, "{said}");
    assert_eq!(status(page.clone()).await, 404);
    // The cause gone, sent again: served at once.
    std::fs::remove_file(&fail).unwrap();
    let (code, said) = publish_new(&app, slug, body).await;
    assert_eq!(code, 303, "{said}");
    assert_eq!(status(page.clone()).await, 200);
    let form = app.text(&crate::editor::edit_url(slug)).await;
    assert!(!form.contains("ed-unapplied"), "{form}");

    // Not sent again: applied by the node itself.
    std::fs::write(&fail, "").unwrap();
    let slug = "kunar-unapplied-test";
    let (code, said) = publish_new(&app, slug, "The Kunar river runs south to Jalalabad.").await;
    assert_eq!(code, 202, "{said}");
    std::fs::remove_file(&fail).unwrap();
    crate::editor::published_within(&app, &format!("/en/{slug}"), Duration::from_secs(30)).await;
    assert_eq!(unapplied().await, Some(0));
    log.within("the article saved earlier is applied", 5).await;
}

/// A publish saved and not applied is the store's record, not the node's
/// memory: stopped and started again while the cause lasts, the node
/// still says it (the editor's page, `/healthz`), having tried it again as
/// it started; once the cause is gone it applies it by itself, and the
/// record goes. Until 7 December a restart forgot it, and the notice and
/// the count said nothing was left.
#[tokio::test]
async fn a_publish_not_applied_is_remembered_across_a_restart_and_tried_at_the_start() {
    let data = tempfile::tempdir().unwrap();
    add_user(data.path(), "ed", "editor", MOD_PASSWORD);
    let fail = data.path().join("fail-apply");
    let log = ServerLog(data.path().join("server.log"));
    let mut app = TestApp::spawn_failing(data.path(), &[], &fail, &log.0);
    app.login("ed", MOD_PASSWORD).await;
    std::fs::write(&fail, "").unwrap();
    let slug = "logar-unapplied-test";
    let (code, said) = publish_new(&app, slug, "The Logar river joins the Kabul river.").await;
    assert_eq!(code, 202, "{said}");
    assert_eq!(app.json("/healthz").await["index"]["unapplied"], 1);
    app.kill_hard();

    // Started again, the cause still there: tried at the start, and said.
    let app = TestApp::spawn_failing(data.path(), &[], &fail, &log.0);
    app.login("ed", MOD_PASSWORD).await;
    assert_eq!(app.json("/healthz").await["index"]["unapplied"], 1);
    let form = app.text(&crate::editor::edit_url(slug)).await;
    assert!(
        form.contains("id=\"ed-unapplied\"")
            && form.contains("This server does not serve the article as saved")
            && form.contains("failed for a test"),
        "{form}"
    );
    log.within("had not applied when it stopped are still not applied", 5)
        .await;

    // The cause gone: applied by the node itself, and the record gone.
    std::fs::remove_file(&fail).unwrap();
    crate::helpers::eventually("the article is applied", || async {
        app.json("/healthz").await["index"]["unapplied"] == 0
    })
    .await;
    let form = app.text(&crate::editor::edit_url(slug)).await;
    assert!(!form.contains("ed-unapplied"), "{form}");
    let store = askaf_store::Store::open(data.path()).await.unwrap();
    let left = store.unapplied_of(askaf_content::Lang::En, slug).await;
    assert_eq!(left.unwrap(), []);
}

/// The index directory removed under a running server: a publish is saved
/// and not applied, which the editor is told and its page says; a restart
/// serves it (its index built anew), and says nothing is left unapplied.
#[tokio::test]
async fn a_publish_with_the_index_gone_is_said_and_served_after_a_restart() {
    let data = tempfile::tempdir().unwrap();
    add_user(data.path(), "ed", "editor", MOD_PASSWORD);
    let mut app = TestApp::spawn_with(data.path(), &[], None);
    app.login("ed", MOD_PASSWORD).await;
    std::fs::remove_dir_all(data.path().join("index")).unwrap();
    let slug = "index-gone-test";
    let (code, said) = publish_new(&app, slug, "The Amu Darya marks the northern border.").await;
    assert_eq!(code, 202, "{said}");
    assert!(said.contains("this server tries again by itself"), "{said}");
    let form = app.text(&crate::editor::edit_url(slug)).await;
    assert!(form.contains("id=\"ed-unapplied\""), "{form}");
    assert_eq!(app.json("/healthz").await["index"]["unapplied"], 1);
    app.kill_hard();
    let mut app = TestApp::spawn_with(data.path(), &[], None);
    app.login("ed", MOD_PASSWORD).await;
    assert!(app.text(&format!("/en/{slug}")).await.contains("Amu Darya"));
    let form = app.text(&crate::editor::edit_url(slug)).await;
    assert!(!form.contains("ed-unapplied"), "{form}");
    assert_eq!(app.json("/healthz").await["index"]["unapplied"], 0);
    app.kill_hard();
}

/// A publish saved that this node then fails to apply (here the table of
/// served revisions stays locked past the node's 3 s `lock_timeout`): the
/// store says it is published, this node does not serve it yet. The
/// editor is told so, with the reason and that a restart serves it, the
/// text kept in the form, not a bare 500; the log says the same.
#[tokio::test]
async fn a_publish_saved_and_not_applied_says_so() {
    use sqlx::{Connection, Executor};
    let Some(db) = askaf_store::testing::database() else {
        return;
    };
    let data = editor_data(&db.url());
    let log = data.path().join("server.log");
    let app = TestApp::spawn_logged(data.path(), &["--database", &db.url()], None, Some(&log));
    app.login("ed", MOD_PASSWORD).await;
    let mut locker = sqlx::PgConnection::connect(&db.url()).await.unwrap();
    let slug = "saved-not-applied-test";
    let body = "The Kajaki dam on the Helmand turns water into power for Kandahar.";
    locker
        .execute("BEGIN; LOCK TABLE article_revisions IN ACCESS EXCLUSIVE MODE")
        .await
        .unwrap();
    let (status, said) = publish_new(&app, slug, body).await;
    locker.execute("ROLLBACK").await.unwrap();
    assert_eq!(status, 202, "{said}");
    assert!(
        said.contains("Saved, but this server could not put the change on the site"),
        "{said}"
    );
    assert!(said.contains("this server tries again by itself"), "{said}");
    assert!(said.contains(body), "the text is kept in the form: {said}");
    // In Dari, the sentence is Dari; the reason, the database's and the
    // log's words, which no translation holds, is marked as English, left
    // to right, so that a screen reader reads it in English and the
    // bidirectional algorithm keeps its order.
    app.choose_admin_lang("fa").await;
    locker
        .execute("BEGIN; LOCK TABLE article_revisions IN ACCESS EXCLUSIVE MODE")
        .await
        .unwrap();
    let (status, said) = publish_new(&app, "saved-not-applied-fa-test", body).await;
    locker.execute("ROLLBACK").await.unwrap();
    assert_eq!(status, 202, "{said}");
    assert!(
        said.contains("ذخیره شد، اما این سرور نتوانست تغییر را روی سایت بگذارد: <span lang=\"en\" dir=\"ltr\">recording the article revisions failed"),
        "{said}"
    );
    let logged = std::fs::read_to_string(&log).unwrap();
    assert!(
        logged.contains(
            "is saved; this node could not apply it: recording the article revisions failed"
        ),
        "{logged}"
    );
}
