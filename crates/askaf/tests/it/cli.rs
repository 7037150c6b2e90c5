use std::process::Command;

use crate::helpers::{add_user, article, askaf, askaf_env, TestApp, BIN, MOD_PASSWORD};

fn write(dir: &std::path::Path, rel: &str, text: &str) {
    let path = dir.join(rel);
    std::fs::create_dir_all(path.parent().unwrap()).unwrap();
    std::fs::write(path, text).unwrap();
}

fn check(dir: &std::path::Path) -> (bool, String, String) {
    let out = Command::new(BIN)
        .args(["check", "--content"])
        .arg(dir)
        .env_remove("ASKAF_CONTENT")
        .output()
        .unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_accepts_valid_content_and_the_builtin_site() {
    let dir = tempfile::tempdir().unwrap();
    write(
        dir.path(),
        "en/a.md",
        &article("a", "en", "translations = { fa = \"a\" }", "Body."),
    );
    write(
        dir.path(),
        "fa/a.md",
        &article("a", "fa", "translations = { en = \"a\" }", "متن."),
    );
    let (ok, stdout, stderr) = check(dir.path());
    assert!(ok, "{stderr}");
    assert_eq!(stdout, "ok: 2 articles (1 en, 1 fa, 0 ps)\n");

    let out = Command::new(BIN)
        .args(["check", "--builtin"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    let counts: Vec<usize> = stdout
        .split(['(', ',', ')'])
        .filter_map(|s| s.trim().split(' ').next()?.parse().ok())
        .collect();
    assert!(
        counts[0] >= 12 && counts[1] >= 4 && counts[2] >= 2,
        "{stdout}"
    );
}

#[test]
fn check_names_file_line_and_problem_and_fails() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    write(
        p,
        "en/missing.md",
        &article("missing", "en", "", "Body.").replace("question = \"What about missing?\"\n", ""),
    );
    write(
        p,
        "en/baddate.md",
        &article("baddate", "en", "", "Body.")
            .replace("updated = 2026-01-02", "updated = \"2026-02-30\""),
    );
    write(
        p,
        "fa/badsolar.md",
        &article("badsolar", "fa", "", "Body.")
            .replace("updated = 2026-01-02", "updated = \"1404-07-31\""),
    );
    write(p, "en/dup1.md", &article("dup", "en", "", "Body."));
    write(p, "en/dup2.md", &article("dup", "en", "", "Body."));
    write(
        p,
        "en/dangling.md",
        &article(
            "dangling",
            "en",
            "translations = { ps = \"nowhere\" }",
            "Body.",
        ),
    );
    write(p, "en/lang.md", &article("lang", "xx", "", "Body."));
    let (ok, _, stderr) = check(p);
    assert!(!ok);
    let d = p.display();
    for expected in [
        format!("{d}/en/missing.md:1: missing field `question`"),
        format!("{d}/en/baddate.md:9: field `updated`: `2026-02-30` is not a date: February 2026 has 28 days, not 30"),
        format!("{d}/fa/badsolar.md:9: field `updated`: `1404-07-31` is not a Solar Hijri date: month 7 (Mizan) of 1404 has 30 days, not 31"),
        format!("{d}/en/dup2.md:2: duplicate slug `dup` in language `en`: {d}/en/dup1.md has it too"),
        format!("{d}/en/dangling.md:10: translation `ps` points to /ps/nowhere, which is not an article"),
        format!("{d}/en/lang.md:3: field `lang`: unknown language `xx` (expected one of: en, fa, ps)"),
    ] {
        assert!(stderr.contains(&expected), "missing `{expected}` in:\n{stderr}");
    }
    assert!(stderr.contains("problems found; nothing was published"));
}

/// A front matter value written without its quotes is said as the
/// settings file says one: the file, the line, and the line as it should
/// be written. TOML said "string values must be quoted, expected literal
/// string" of `title = What is Kabul?`, and of a value with a comma
/// "unexpected key or value, expected newline, `#`", which names no fix.
/// A list's words are quoted one by one; a value that quotes would not
/// mend (a date that is no day) keeps what it was said before.
#[test]
fn check_says_how_to_write_a_value_written_without_quotes() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path();
    let cases = [
        (
            "title",
            "title = \"Title of a\"",
            "title = What is Kabul?",
            "title = \"What is Kabul?\"",
        ),
        (
            "summary",
            "summary = \"A short answer about a.\"",
            "summary = The capital, of course",
            "summary = \"The capital, of course\"",
        ),
        (
            "tags",
            "tags = [\"test\"]",
            "tags = [kabul, \"cities\"]",
            "tags = [\"kabul\", \"cities\"]",
        ),
        ("lang", "lang = \"fa\"", "lang = fa", "lang = \"fa\""),
        (
            "title",
            "title = \"Title of a\"",
            "title = کابل چیست؟",
            "title = \"کابل چیست؟\"",
        ),
    ];
    for (key, good, bad, fixed) in cases {
        let folder = if key == "lang" || bad.contains('ک') {
            "fa"
        } else {
            "en"
        };
        let text = article("a", folder, "", "Body.").replace(good, bad);
        assert!(text.contains(bad), "{text}");
        let line = 1 + text.lines().position(|l| l == bad).unwrap();
        let file = p.join(folder).join("a.md");
        write(p, &format!("{folder}/a.md"), &text);
        let (ok, _, stderr) = check(p);
        assert!(!ok, "{bad}");
        assert_eq!(
            stderr.lines().next().unwrap_or_default(),
            format!(
                "{}:{line}: front matter: the value of `{key}` must be quoted: {fixed}",
                file.display()
            ),
            "{bad}"
        );
        // The line as said is the line that reads.
        write(p, &format!("{folder}/a.md"), &text.replace(bad, fixed));
        let (ok, _, stderr) = check(p);
        assert!(ok, "{fixed}: {stderr}");
        std::fs::remove_file(&file).unwrap();
    }
    // Quotes would not make a day of a date that is none, nor a switch of `yes`.
    write(p, "en/a.md", &article("a", "en", "draft = yes", "Body."));
    let (ok, _, stderr) = check(p);
    assert!(!ok && !stderr.contains("must be quoted: draft"), "{stderr}");
}

#[test]
fn check_reads_the_synonyms_file_too() {
    let dir = tempfile::tempdir().unwrap();
    write(dir.path(), "en/a.md", &article("a", "en", "", "Body."));
    write(
        dir.path(),
        "synonyms.txt",
        "Taliban, Islamic Emirate\nlonely phrase\n",
    );
    let (ok, _, stderr) = check(dir.path());
    assert!(!ok);
    assert!(
        stderr.contains("synonyms.txt:2: a group needs at least two phrases"),
        "{stderr}"
    );
}

#[tokio::test]
async fn serve_takes_content_flags_a_config_file_and_environment() {
    let content = tempfile::tempdir().unwrap();
    write(
        content.path(),
        "en/only-one.md",
        &article("only-one", "en", "", "Just **one** article.\n\n- item"),
    );
    let data = tempfile::tempdir().unwrap();
    let config = data.path().join("askaf.toml");
    std::fs::write(
        &config,
        format!(
            "content = \"{}\"\nsite_url = \"https://ask.example\"\n",
            content.path().display()
        ),
    )
    .unwrap();
    let app = TestApp::spawn_with(data.path(), &["--config", config.to_str().unwrap()], None);
    let list = app.json("/api/v1/articles").await;
    assert_eq!(list["total"], 1);
    assert_eq!(
        list["articles"][0]["url"],
        "https://ask.example/en/only-one"
    );
    drop(app);

    // The environment overrides the file.
    let mut child = Command::new(BIN)
        .args(["serve", "--config", config.to_str().unwrap()])
        .env("ASKAF_ADDR", "127.0.0.1:0")
        .env("ASKAF_DATA", data.path())
        .env("ASKAF_SITE_URL", "https://env.example")
        .env("ASKAF_LOG", "warn")
        .stdout(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    use std::io::BufRead;
    let line = std::io::BufReader::new(child.stdout.take().unwrap())
        .lines()
        .next()
        .unwrap()
        .unwrap();
    let url = line.strip_prefix("listening on ").unwrap().to_string();
    let body: serde_json::Value = reqwest::get(format!("{url}/api/v1/articles"))
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(
        body["articles"][0]["url"],
        "https://env.example/en/only-one"
    );
    let _ = child.kill();
    let _ = child.wait();
    assert!(
        data.path().join("askaf.db").exists(),
        "the database is created in the data directory"
    );
}

#[test]
fn help_documents_the_commands_and_settings() {
    let out = Command::new(BIN).arg("--help").output().unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    for word in ["serve", "check", "import", "--config", "ASKAF_"] {
        assert!(help.contains(word), "`{word}` missing from --help:\n{help}");
    }
    // Every key the settings file takes, as the file itself lists them to
    // a key it does not take: the help named six of sixteen (not
    // `trust_proxy`, the limits or the model's), as if those were all.
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("askaf.toml");
    std::fs::write(&file, "no_such_key = 1\n").unwrap();
    let (ok, _, said) = askaf(&[
        "check".as_ref(),
        "--builtin".as_ref(),
        "--config".as_ref(),
        file.as_os_str(),
    ]);
    assert!(!ok, "{said}");
    let keys: Vec<&str> = said
        .split_once("expected one of ")
        .unwrap_or_else(|| panic!("{said}"))
        .1
        .trim()
        .split(", ")
        .map(|k| k.trim_matches('`'))
        .collect();
    assert!(
        keys.contains(&"trust_proxy") && keys.len() >= 16,
        "{keys:?}"
    );
    for key in keys {
        assert!(
            help.contains(key),
            "settings key `{key}` missing from --help:\n{help}"
        );
    }
    let out = Command::new(BIN)
        .args(["serve", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    for word in [
        "--addr",
        "--data",
        "--content",
        "--config",
        "ASKAF_ADDR",
        "127.0.0.1:8080",
        "./askaf-data",
    ] {
        assert!(
            help.contains(word),
            "`{word}` missing from serve --help:\n{help}"
        );
    }
}

/// The seed page, as a reader saved it: its list after "Key limitations remain:" was lost.
const SEED_LIKE: &str = "Russia’s decision to formally recognize Afghanistan’s current rulers marks a significant development in the country’s diplomatic situation. For more than three years, Afghanistan has remained largely isolated.\nRussia’s recognition improves Afghanistan’s diplomatic position in one important way: it ends the country’s complete lack of formal recognition.\nKey limitations remain:\nAs a result, Afghanistan’s international status has changed symbolically but not structurally, and Western conditions still apply.\nAskAfghanistan provides clear answers to common questions about Afghanistan. All content is written independently and without influence.\n© 2026 All rights reserved. Content reuse requires attribution and a link.\nNo Comments";

#[test]
fn import_turns_plain_text_into_a_draft_and_reports_the_lost_list() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("seed.txt");
    std::fs::write(&src, SEED_LIKE).unwrap();
    let out = Command::new(BIN)
        .args([
            "import",
            "--lang",
            "en",
            "--slug",
            "russia-recognition",
            "--text",
        ])
        .arg(&src)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let draft = String::from_utf8(out.stdout).unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(draft.starts_with("+++\nslug = \"russia-recognition\"\nlang = \"en\"\ndraft = true\n"));
    assert!(draft.contains("Key limitations remain:\n\n"));
    assert!(!draft.contains("No Comments") && !draft.contains("© 2026"));
    assert!(
        stderr.contains("line 3: `Key limitations remain:` introduces a list, but no items follow"),
        "{stderr}"
    );

    // A list that is there comes through as a list, and the draft is a file `check` reads.
    let with_list = SEED_LIKE.replace(
        "Key limitations remain:\n",
        "Key limitations remain:\nNo Western government has followed\nThe UN seat is unchanged\n",
    );
    std::fs::write(&src, with_list).unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir_all(&content).unwrap();
    let out_file = content.join("russia-recognition.md");
    let out = Command::new(BIN)
        .args([
            "import",
            "--lang",
            "en",
            "--slug",
            "russia-recognition",
            "--text",
        ])
        .arg(&src)
        .arg("--out")
        .arg(&out_file)
        .output()
        .unwrap();
    assert!(out.status.success());
    let draft = std::fs::read_to_string(&out_file).unwrap();
    assert!(draft.contains("Key limitations remain:\n\n- No Western government has followed\n- The UN seat is unchanged\n"), "{draft}");
    let (ok, _, stderr) = check(&content);
    assert!(!ok, "a fresh draft still lacks its question and sources");
    assert!(
        stderr.contains("russia-recognition.md:6: field `question` is empty"),
        "{stderr}"
    );
    // It refuses to overwrite.
    let again = Command::new(BIN)
        .args(["import", "--lang", "en", "--slug", "x", "--text"])
        .arg(&src)
        .arg("--out")
        .arg(&out_file)
        .output()
        .unwrap();
    assert!(!again.status.success());
}

/// `--text` holds the slug to the rule a content file's slug is held to,
/// and a missing folder for `--out` is named as what is missing.
#[test]
fn import_text_refuses_a_reserved_slug_and_names_a_missing_folder() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("page.txt");
    std::fs::write(&src, "A paragraph of an old page.\n").unwrap();
    let import = |slug: &str, out: Option<&std::path::Path>| {
        let mut cmd = Command::new(BIN);
        cmd.args(["import", "--lang", "en", "--slug", slug, "--text"])
            .arg(&src);
        if let Some(out) = out {
            cmd.arg("--out").arg(out);
        }
        let out = cmd.output().unwrap();
        (
            out.status.success(),
            String::from_utf8_lossy(&out.stderr).into_owned(),
        )
    };
    let (ok, stderr) = import("about", None);
    assert!(!ok, "{stderr}");
    assert!(
        stderr.contains("--slug about: field `slug`: `about` is an address of the site itself"),
        "{stderr}"
    );

    let missing = dir.path().join("no-such-folder");
    let (ok, stderr) = import("old-page", Some(&missing.join("old-page.md")));
    assert!(!ok, "{stderr}");
    assert!(
        stderr.contains(&format!(
            "cannot create {}: the directory {} does not exist",
            missing.join("old-page.md").display(),
            missing.display()
        )),
        "{stderr}"
    );
    assert!(!stderr.contains("must not exist yet"), "{stderr}");

    let out = dir.path().join("old-page.md");
    let (ok, stderr) = import("old-page", Some(&out));
    assert!(ok, "{stderr}");
    let (ok, stderr) = import("old-page", Some(&out));
    assert!(!ok);
    assert!(stderr.contains("it exists already"), "{stderr}");
}

/// The README's count of the built-in site's articles is the one `check`
/// finds, so a new sample article cannot leave it stale.
#[test]
fn the_readme_counts_the_builtin_articles_truly() {
    let out = Command::new(BIN)
        .args(["check", "--builtin"])
        .output()
        .unwrap();
    let said = String::from_utf8(out.stdout).unwrap();
    // "ok: 21 articles (13 en, 6 fa, 2 ps)"
    let inner = said
        .split_once('(')
        .and_then(|(_, rest)| rest.split_once(')'))
        .map(|(inner, _)| inner.to_string())
        .unwrap_or_else(|| panic!("check --builtin said {said:?}"));
    let count = |lang: &str| {
        inner
            .split(", ")
            .find_map(|part| part.strip_suffix(&format!(" {lang}")))
            .unwrap_or("0")
            .to_string()
    };
    let readme =
        std::fs::read_to_string(concat!(env!("CARGO_MANIFEST_DIR"), "/../../README.md")).unwrap();
    let expected = format!(
        "({} English articles, {} in Dari, {} in Pashto)",
        count("en"),
        count("fa"),
        count("ps")
    );
    assert!(
        readme.contains(&expected),
        "the README should say {expected}"
    );
}

#[test]
fn reindex_builds_the_index_afresh_from_the_content() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    write(
        &content,
        "en/a.md",
        &article("a", "en", "", "Kabul is the capital."),
    );
    write(
        &content,
        "en/b.md",
        &article("b", "en", "", "Herat is in the west."),
    );
    let data = dir.path().join("data");
    // The site must exist: a data directory that is not there is refused
    // (see operator::reindex_of_a_data_directory_that_is_not_there_makes_nothing).
    add_user(&data, "root", "admin", MOD_PASSWORD);
    let reindex = || {
        Command::new(BIN)
            .args(["reindex", "--content"])
            .arg(&content)
            .arg("--data")
            .arg(&data)
            .env_remove("ASKAF_CONTENT")
            .env_remove("ASKAF_DATA")
            .output()
            .unwrap()
    };
    let out = reindex();
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout} {}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(stdout.starts_with("indexed 2 articles ("), "{stdout}");
    let record = data.join("index").join("askaf-index.record");
    assert!(record.exists());
    // A damaged record: reindex builds the index again and writes a good one.
    std::fs::write(&record, b"garbage").unwrap();
    let out = reindex();
    assert!(out.status.success());
    assert_ne!(std::fs::read(&record).unwrap(), b"garbage");
    // A file with problems: left out as a start leaves it out (the index
    // is of the site `serve` serves), its problems named; the rest indexed.
    // Until 6 December the whole was refused, and a damaged index could not
    // be mended over a typo the server itself would start despite.
    write(&content, "en/c.md", "+++\nslug = \"c\"\n+++\n");
    std::fs::write(&record, b"garbage").unwrap();
    let out = reindex();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stdout} {stderr}");
    assert!(stdout.starts_with("indexed 2 articles ("), "{stdout}");
    assert!(
        stderr.contains("en/c.md:1: missing field") && stderr.contains("problem(s) in the content"),
        "{stderr}"
    );
    assert_ne!(std::fs::read(&record).unwrap(), b"garbage");
}

/// A port already in use is said at once, before the data directory is
/// made or an index built.
#[test]
fn serve_on_a_port_in_use_fails_before_touching_the_data() {
    let taken = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let addr = taken.local_addr().unwrap().to_string();
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let out = Command::new(BIN)
        .args(["serve", "--addr", &addr, "--data"])
        .arg(&data)
        .env_remove("ASKAF_CONTENT")
        .output()
        .unwrap();
    assert!(!out.status.success());
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains(&format!("cannot listen on {addr}")),
        "{stderr}"
    );
    assert!(!data.exists(), "the data directory is not made");
}

/// A data directory given as a file's path is said to be a file, not
/// "cannot create … File exists".
#[test]
fn serve_on_a_data_directory_that_is_a_file_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("askaf.toml");
    std::fs::write(&file, "addr = \"127.0.0.1:0\"\n").unwrap();
    let (ok, _, stderr) = askaf(&[
        "serve".as_ref(),
        "--addr".as_ref(),
        "127.0.0.1:0".as_ref(),
        "--data".as_ref(),
        file.as_os_str(),
    ]);
    assert!(!ok);
    assert!(
        stderr.contains(&format!(
            "the data directory {} is a file, not a directory: give a directory (it is made if missing)\n",
            file.display()
        )),
        "{stderr}"
    );
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "addr = \"127.0.0.1:0\"\n"
    );
}

/// `askaf ask ""` asks nothing: an error, as the site's 400, not "No clear
/// answer yet" and success.
#[test]
fn ask_with_no_word_is_an_error() {
    for q in ["", "  ?  "] {
        let out = Command::new(BIN)
            .args(["ask", q])
            .env_remove("ASKAF_CONTENT")
            .output()
            .unwrap();
        assert!(!out.status.success(), "{q:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert!(stderr.contains("type a question"), "{stderr}");
    }
}

/// `askaf ask --lang` takes the language tags the site takes in `lang=`
/// and `Accept-Language` (`fa-AF`, `prs`, `pus`, `EN`): each answers as
/// its site code does. It took `en`, `fa` and `ps` alone, and refused
/// `fa-AF` as an unknown language. Another language is refused with the
/// codes and tags it takes.
#[test]
fn ask_takes_a_language_tag_as_the_site_does() {
    let q = "What is the capital of Afghanistan?";
    for (code, tags) in [
        ("fa", &["fa-AF", "prs", "prs-AF", "FA"][..]),
        ("ps", &["ps-AF", "pus", "pbt"][..]),
        ("en", &["en-GB", "EN"][..]),
    ] {
        let (ok, wanted, err) = askaf(&["ask", q, "--lang", code]);
        assert!(ok, "--lang {code}: {err}");
        for tag in tags {
            let (ok, said, err) = askaf(&["ask", q, "--lang", tag]);
            assert!(ok, "--lang {tag}: {err}");
            assert_eq!(said, wanted, "--lang {tag} answered otherwise than {code}");
        }
    }
    for tag in ["de", "fa-", "x"] {
        let (ok, _, err) = askaf(&["ask", q, "--lang", tag]);
        assert!(!ok, "--lang {tag}");
        assert!(
            err.contains(&format!("`{tag}` is not a language of this site"))
                && err.contains("en, fa (Dari) or ps (Pashto)")
                && err.contains("fa-AF"),
            "--lang {tag}: {err}"
        );
    }
}

/// `import --lang` and `eval --lang` take the tags `ask --lang` takes
/// (`fa-AF`, `prs`, `pus`, `EN`), as the same name for the same thing
/// should: they took `en`, `fa` and `ps` alone and refused `fa-AF` as an
/// "unknown language" while `ask` took it. The draft still says the
/// site's code (`lang = "fa"`), which is what a content file takes. Another
/// language is refused with `ask`'s words.
#[test]
fn import_and_eval_take_a_language_tag_as_ask_does() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("page.txt");
    std::fs::write(&src, "یک بند از یک صفحهٔ کهنه.\n").unwrap();
    for (tag, code) in [("fa-AF", "fa"), ("prs", "fa"), ("pus", "ps"), ("EN", "en")] {
        let (ok, draft, err) = askaf(&[
            "import".as_ref(),
            "--lang".as_ref(),
            tag.as_ref(),
            "--slug".as_ref(),
            "old-page".as_ref(),
            "--text".as_ref(),
            src.as_os_str(),
        ]);
        assert!(ok, "import --lang {tag}: {err}");
        assert!(
            draft.contains(&format!("\nlang = \"{code}\"\n")),
            "import --lang {tag}: {draft}"
        );
    }
    let set = dir.path().join("set.json");
    std::fs::write(
        &set,
        r#"{"data": [{"title": "Herat", "paragraphs": [{"context": "هرات به ارگ کهنه‌اش شناخته می‌شود.", "qas": [{"id": "1", "question": "هرات به چه شناخته می‌شود؟", "answers": [{"text": "ارگ کهنه‌اش"}]}]}]}]}"#,
    )
    .unwrap();
    let eval = |tag: &str| {
        askaf(&[
            "eval".as_ref(),
            "--lang".as_ref(),
            tag.as_ref(),
            "--json".as_ref(),
            "--squad".as_ref(),
            set.as_os_str(),
        ])
    };
    let (ok, wanted, err) = eval("fa");
    assert!(ok, "eval --lang fa: {err}");
    let (ok, said, err) = eval("prs-AF");
    assert!(ok, "eval --lang prs-AF: {err}");
    let figures = |json: &str| {
        let mut v: serde_json::Value = serde_json::from_str(json).unwrap();
        // Latency differs from run to run; what was found must not.
        for k in ["p50_ms", "p99_ms"] {
            v.as_object_mut().unwrap().remove(k);
        }
        v
    };
    assert_eq!(figures(&said), figures(&wanted));
    for args in [
        &["import", "--slug", "x", "--text", "t.txt", "--lang", "de"][..],
        &["eval", "--squad", "s.json", "--lang", "de"][..],
    ] {
        let (ok, _, err) = askaf(args);
        assert!(!ok, "{args:?}");
        assert!(
            err.contains("`de` is not a language of this site") && err.contains("fa-AF"),
            "{args:?}: {err}"
        );
    }
}

/// `askaf ask … | head -0`: the reader is gone before the answer is
/// written. The command ends without a panic message (it used to print
/// "failed printing to stdout: Broken pipe" and a backtrace hint).
#[test]
fn ask_into_a_closed_pipe_ends_quietly() {
    let mut child = Command::new(BIN)
        .args(["ask", "What is the capital of Afghanistan?", "--lang", "en"])
        .env_remove("ASKAF_CONTENT")
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    drop(child.stdout.take());
    let out = child.wait_with_output().unwrap();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!stderr.contains("panicked"), "{stderr}");
    assert!(!stderr.contains("Broken pipe"), "{stderr}");
}

/// `askaf eval --offcorpus` indexes one half of a set's articles, and
/// `--offcorpus=second` the other: together they ask every question once
/// as answerable and once as off-corpus, and the counts beside the shares
/// add up. A half that is neither is refused with the two that are.
#[test]
fn eval_runs_the_off_corpus_test_on_either_half() {
    let dir = tempfile::tempdir().unwrap();
    let places = ["Herat", "Bamiyan", "Kandahar", "Mazar", "Kunduz"];
    let articles: Vec<String> = places
        .iter()
        .map(|p| {
            format!(
                r#"{{"title": "{p}", "paragraphs": [{{"context": "{p} is known for its old citadel, built in the {p} valley.", "qas": [{{"id": "{p}", "question": "What is {p} known for?", "answers": [{{"text": "its old citadel"}}]}}]}}]}}"#
            )
        })
        .collect();
    let file = dir.path().join("set.json");
    std::fs::write(&file, format!(r#"{{"data": [{}]}}"#, articles.join(","))).unwrap();
    let eval = |half: &str| {
        let args = ["eval", "--lang", "en", "--squad"].map(std::ffi::OsStr::new);
        crate::helpers::askaf(&[&args[..], &[file.as_os_str(), half.as_ref()]].concat())
    };
    // "(abstained of asked)" on a line that starts with `label`.
    let counts = |stdout: &str, label: &str| -> (usize, usize) {
        let line = stdout.lines().find(|l| l.trim_start().starts_with(label));
        let line = line.unwrap_or_else(|| panic!("no {label} line in {stdout}"));
        let inner = line.rsplit_once('(').unwrap().1.trim_end_matches(')');
        let (a, b) = inner.split_once(" of ").unwrap();
        (a.parse().unwrap(), b.parse().unwrap())
    };
    let (ok, first, err) = eval("--offcorpus");
    assert!(ok, "{err}");
    assert!(first.contains("over 3 paragraphs"), "{first}");
    let (ok, second, err) = eval("--offcorpus=second");
    assert!(ok, "{err}");
    assert!(second.contains("over 2 paragraphs"), "{second}");
    let (_, first_answerable) = counts(&first, "abstained, answerable");
    let (_, first_off) = counts(&first, "abstained, off-corpus");
    let (_, second_answerable) = counts(&second, "abstained, answerable");
    let (_, second_off) = counts(&second, "abstained, off-corpus");
    assert_eq!((first_answerable, first_off), (3, 2), "{first}");
    assert_eq!((second_answerable, second_off), (2, 3), "{second}");
    assert_eq!(
        first_answerable + second_answerable,
        places.len(),
        "every question is answerable once"
    );
    let (ok, _, err) = eval("--offcorpus=third");
    assert!(!ok);
    assert!(err.contains("first or second"), "{err}");
}

/// Set and empty, ASKAF_DATABASE_URL is refused by name, not taken to mean
/// SQLite.
#[test]
fn a_blank_database_url_is_an_error() {
    let data = tempfile::tempdir().unwrap();
    let mut command = Command::new(BIN);
    command.args(["user", "list", "--data"]).arg(data.path());
    crate::helpers::clean_env(&mut command, std::env::vars_os());
    let out = command.env("ASKAF_DATABASE_URL", "").output().unwrap();
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{err}");
    assert!(err.contains("ASKAF_DATABASE_URL is set but empty"), "{err}");
    assert!(!data.path().join(askaf_store::DB_FILE).exists());
}

/// A `database_url` that is no postgres:// URL is said of where it was
/// given (the settings file's line, `--database`, `ASKAF_DATABASE_URL`),
/// with what that place takes: a postgres:// URL, SQLite being the data
/// directory's, named elsewhere. It was told to "give a data directory
/// (SQLite) or a postgres:// URL", which `database_url` does not take (a
/// directory there is refused: that is `data`), and the flag and the
/// variable were both said as `database_url`. The password is not shown.
#[test]
fn a_bad_database_url_is_said_with_what_its_place_takes() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("askaf.toml");
    let data = dir.path().join("data");
    for url in ["/srv/askaf-data", "mysql://root:pw@db/askaf"] {
        let shown = url.replace(":pw@", ":***@");
        std::fs::write(&config, format!("database_url = \"{url}\"\n")).unwrap();
        let (ok, err) = settled(
            &["user", "list", "--config", config.to_str().unwrap()],
            &data,
            None,
        );
        assert!(!ok, "{err}");
        assert!(
            err.contains(&format!(
                "{}:1: field `database_url`: `{shown}` is not a database this site can use: \
                 it takes a postgres:// URL; for SQLite, leave the key out and name the \
                 data directory with `data`",
                config.display()
            )),
            "{url}: {err}"
        );
        let (ok, err) = settled(&["user", "list", "--database", url], &data, None);
        assert!(!ok, "{err}");
        assert!(
            err.contains(&format!(
                "--database: `{shown}` is not a database this site can use: --database takes \
                 a postgres:// URL; for SQLite, leave it out and name the data directory with \
                 --data"
            )),
            "{url}: {err}"
        );
        let (ok, err) = settled(
            &["serve", "--addr", "127.0.0.1:0"],
            &data,
            Some(("ASKAF_DATABASE_URL", url)),
        );
        assert!(!ok, "{err}");
        assert!(
            err.contains(&format!(
                "ASKAF_DATABASE_URL: `{shown}` is not a database this site can use: \
                 ASKAF_DATABASE_URL takes a postgres:// URL; for SQLite, unset it and name \
                 the data directory with ASKAF_DATA or --data"
            )),
            "{url}: {err}"
        );
        assert!(!err.contains("give a data directory"), "{err}");
        assert!(!err.contains(":pw@"), "{err}");
    }
    assert!(!data.join(askaf_store::DB_FILE).exists());
}

/// A bad value in an `ASKAF_*` variable is said of that variable: clap
/// named the flag (`'--comment-min-seconds <COMMENT_MIN_SECONDS>'`), which
/// the operator had not typed. A bad flag is still said of the flag.
#[test]
fn a_bad_environment_value_is_named_by_its_variable() {
    let data = tempfile::tempdir().unwrap();
    let run = |flag: Option<&str>| {
        let mut command = Command::new(BIN);
        command
            .args(["serve", "--addr", "127.0.0.1:0", "--data"])
            .arg(data.path());
        if let Some(value) = flag {
            command.args(["--comment-min-seconds", value]);
        }
        crate::helpers::clean_env(&mut command, std::env::vars_os());
        let out = command
            .env("ASKAF_COMMENT_MIN_SECONDS", "three")
            .output()
            .unwrap();
        assert!(!out.status.success());
        String::from_utf8_lossy(&out.stderr).into_owned()
    };
    let err = run(None);
    assert!(
        err.contains("invalid value 'three' for ASKAF_COMMENT_MIN_SECONDS (the environment variable of --comment-min-seconds)"),
        "{err}"
    );
    let err = run(Some("four"));
    assert!(
        err.contains("invalid value 'four' for '--comment-min-seconds"),
        "{err}"
    );
}

/// A site address with a query, a fragment, a space or no host is refused
/// by `serve` and `export`, saying what is wrong, before anything is
/// written: it was taken, and copied into every canonical link, feed and
/// API address (`https://ask.example?x=1/en/slug`).
#[test]
fn a_site_url_that_cannot_begin_a_link_is_refused() {
    let data = tempfile::tempdir().unwrap();
    let out = tempfile::tempdir().unwrap();
    for (url, said) in [
        ("https://ask.example?x=1", "has a query"),
        ("https://ask.example/#top", "has a fragment"),
        ("https://ask example.org", "has a space"),
        ("https://", "names no host"),
        ("https:///en", "names no host"),
        ("ftp://ask.example", "must start with http:// or https://"),
    ] {
        let mirror = out.path().join("mirror");
        for args in [
            vec![
                "serve",
                "--addr",
                "127.0.0.1:0",
                "--site-url",
                url,
                "--data",
            ],
            vec![
                "export",
                mirror.to_str().unwrap(),
                "--site-url",
                url,
                "--data",
            ],
        ] {
            let mut command = Command::new(BIN);
            command.args(&args).arg(data.path());
            crate::helpers::clean_env(&mut command, std::env::vars_os());
            let mut child = command
                .stdout(std::process::Stdio::null())
                .stderr(std::process::Stdio::piped())
                .spawn()
                .unwrap();
            // A server that takes the address serves until stopped.
            let started = std::time::Instant::now();
            while child.try_wait().unwrap().is_none() {
                if started.elapsed() > std::time::Duration::from_secs(20) {
                    let _ = child.kill();
                    panic!("{args:?}: still running after 20 s");
                }
                std::thread::sleep(std::time::Duration::from_millis(50));
            }
            let out = child.wait_with_output().unwrap();
            let err = String::from_utf8_lossy(&out.stderr);
            assert!(!out.status.success(), "{args:?}: {err}");
            assert!(err.contains(said) && err.contains(url), "{args:?}: {err}");
            assert!(!mirror.exists(), "{args:?}");
            assert!(!data.path().join(askaf_store::DB_FILE).exists(), "{args:?}");
        }
    }
}

/// Runs `askaf ARGS --data DATA` with a clean environment and `env` set,
/// for a setting's refusal: whether it succeeded, and what it said on
/// stderr. A command that took the setting may serve on (`serve`): it is
/// killed after 60 s, which is no success.
fn settled(args: &[&str], data: &std::path::Path, env: Option<(&str, &str)>) -> (bool, String) {
    let mut command = Command::new(BIN);
    command.args(args).arg("--data").arg(data);
    crate::helpers::clean_env(&mut command, std::env::vars_os());
    if let Some((name, value)) = env {
        command.env(name, value);
    }
    command
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped());
    let mut child = command.spawn().unwrap();
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    while child.try_wait().unwrap().is_none() && std::time::Instant::now() < deadline {
        std::thread::sleep(std::time::Duration::from_millis(50));
    }
    let _ = child.kill();
    let out = child.wait_with_output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// A `site_url` that cannot begin a link is said of where it was given,
/// as a bad value of any other setting is: the settings file and its line
/// (`askaf.toml:2: field `site_url`: …`), the environment variable, or the
/// flag. It was said as `site_url …` alone whichever of the three held
/// it, so an operator who sets it in a file and a unit's environment had
/// to guess which was wrong.
#[test]
fn a_bad_site_url_is_named_by_where_it_was_given() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("askaf.toml");
    std::fs::write(
        &config,
        "addr = \"127.0.0.1:0\"\nsite_url = \"https://ask.example?x=1\"\n",
    )
    .unwrap();
    let mirror = dir.path().join("mirror");
    let run = |args: &[&str], env: Option<&str>| {
        let data = dir.path().join("data");
        let (ok, err) = settled(args, &data, env.map(|url| ("ASKAF_SITE_URL", url)));
        assert!(!ok, "{args:?}: {err}");
        err
    };
    let err = run(&["serve", "--config", config.to_str().unwrap()], None);
    assert!(
        err.contains(&format!(
            "{}:2: field `site_url`: `https://ask.example?x=1` has a query",
            config.display()
        )),
        "{err}"
    );
    for args in [
        vec!["serve", "--addr", "127.0.0.1:0"],
        vec!["export", mirror.to_str().unwrap()],
    ] {
        let err = run(&args, Some("ftp://ask.example"));
        assert!(
            err.contains(
                "invalid value 'ftp://ask.example' for ASKAF_SITE_URL (the environment \
                 variable of --site-url): must start with http:// or https://"
            ),
            "{args:?}: {err}"
        );
        let mut args = args.clone();
        args.extend(["--site-url", "https://"]);
        let err = run(&args, Some("https://ask.example"));
        assert!(
            err.contains("invalid value 'https://' for '--site-url"),
            "{args:?}: {err}"
        );
        assert!(err.contains("names no host"), "{args:?}: {err}");
    }
    assert!(!mirror.exists());
    assert!(!dir.path().join("data").join(askaf_store::DB_FILE).exists());
}

/// A language the model is to be used for that Ask does not know is
/// refused where it was given (the settings file's line, the variable, the
/// flag), whether a model is given or not: until 7 December `en,fr` was
/// taken without a model, and with one only warned of as the model was
/// turned off, so the site answered by words alone and nobody was told why.
#[test]
fn a_model_language_ask_does_not_know_is_refused_where_it_was_given() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("askaf.toml");
    std::fs::write(
        &config,
        "addr = \"127.0.0.1:0\"\nask_model_langs = \"en,farsi\"\n",
    )
    .unwrap();
    let run = |args: &[&str], env: Option<&str>| {
        let data = dir.path().join("data");
        settled(
            args,
            &data,
            env.map(|langs| ("ASKAF_ASK_MODEL_LANGS", langs)),
        )
    };
    let (ok, err) = run(&["serve", "--config", config.to_str().unwrap()], None);
    assert!(!ok, "{err}");
    assert!(
        err.contains(&format!(
            "{}:2: field `ask_model_langs`: `farsi` in `en,farsi` is not a language Ask knows",
            config.display()
        )),
        "{err}"
    );
    let (ok, err) = run(&["ask", "What is the capital?"], Some("en,fr"));
    assert!(!ok, "{err}");
    assert!(
        err.contains(
            "invalid value 'en,fr' for ASKAF_ASK_MODEL_LANGS (the environment variable of \
             --model-langs): `fr` in `en,fr` is not a language Ask knows"
        ),
        "{err}"
    );
    let (ok, err) = run(
        &["serve", "--addr", "127.0.0.1:0", "--model-langs", " , "],
        None,
    );
    assert!(!ok, "{err}");
    assert!(
        err.contains("invalid value ' , ' for '--model-langs <LANGS>': names no language"),
        "{err}"
    );
    assert!(!dir.path().join("data").join(askaf_store::DB_FILE).exists());
    // Spaces after the commas are read as the list they write (the
    // built-in site asked, with no model).
    let mut command = Command::new(BIN);
    command.args(["ask", "--model-langs", "en, fa", "What is the capital?"]);
    crate::helpers::clean_env(&mut command, std::env::vars_os());
    let out = command.output().unwrap();
    let said = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    assert!(said.contains("Kabul"), "{said}");
}

/// The commands that read the content take the settings file's `content`,
/// and `export` its `site_url`, as `serve` does when no flag or variable
/// names another: `--config` names the site whole. They read the built-in
/// sample site instead, so a mirror exported with `--config askaf.toml`
/// was the sample site at `http://127.0.0.1:8080`, `reindex` filled the
/// served site's index with the sample's articles, and `check` asked for
/// `--content`.
#[test]
fn the_commands_take_the_content_and_site_url_of_the_settings_file() {
    let dir = tempfile::tempdir().unwrap();
    let site = dir.path().join("site");
    let data = dir.path().join("data");
    write(
        &site,
        "en/zarghun.md",
        &article(
            "zarghun",
            "en",
            "",
            "The Zarghun canal waters the orchards of Logar.",
        ),
    );
    let config = dir.path().join("askaf.toml");
    std::fs::write(
        &config,
        format!(
            "data = {:?}\ncontent = {:?}\nsite_url = \"https://ask.example.org\"\n",
            data.to_str().unwrap(),
            site.to_str().unwrap()
        ),
    )
    .unwrap();
    add_user(&data, "ed", "editor", "a long editor passphrase");
    let config = config.to_str().unwrap();
    let (ok, out, err) = askaf(&["check", "--config", config]);
    assert!(ok, "{err}");
    assert_eq!(out, "ok: 1 articles (1 en, 0 fa, 0 ps)\n");
    let (ok, out, err) = askaf(&["reindex", "--config", config]);
    assert!(ok, "{err}");
    assert!(out.contains("indexed 1 articles"), "{out}");
    let (ok, out, err) = askaf(&[
        "ask",
        "What does the Zarghun canal water?",
        "--config",
        config,
    ]);
    assert!(ok, "{err}");
    assert!(out.contains("The Zarghun canal waters"), "{out}");
    let mirror = dir.path().join("mirror");
    let (ok, _, err) = askaf(&["export", mirror.to_str().unwrap(), "--config", config]);
    assert!(ok, "{err}");
    let page = std::fs::read_to_string(mirror.join("en/zarghun.html")).unwrap();
    assert!(
        page.contains(r#"<link rel="canonical" href="https://ask.example.org/en/zarghun">"#),
        "{page}"
    );
    assert!(!mirror.join("en/who-governs-afghanistan.html").exists());
    // A flag still beats the file.
    let (ok, _, err) = askaf(&[
        "export",
        mirror.to_str().unwrap(),
        "--config",
        config,
        "--site-url",
        "https://other.example",
    ]);
    assert!(ok, "{err}");
    let page = std::fs::read_to_string(mirror.join("en/zarghun.html")).unwrap();
    assert!(
        page.contains(r#"<link rel="canonical" href="https://other.example/en/zarghun">"#),
        "{page}"
    );
}

/// The sentence only the editor's revision holds, and a question only it answers.
const REVISED: &str = "The Zarghun pipeline carries water from the Logar aquifer to Kabul.";
const ASKED: &str = "What does the Zarghun pipeline carry from the Logar aquifer?";

/// `askaf ask` with the site's database asks the site as the server
/// serves it, while that server runs: an article written and revised in
/// the browser editor is quoted (its revision, not its first text), and
/// the data directory is left as the server has it. Without the database,
/// the built-in site has no such sentence.
#[tokio::test]
async fn ask_with_the_data_directory_quotes_what_the_editor_published() {
    ask_the_served_site(&[], &[]).await;
}

/// Served and asked as on SQLite, the server and `ask` given `database`
/// (as `--database URL` each: `serve`'s, then `ask`'s); the data directory
/// is left as the server has it.
pub(crate) async fn ask_the_served_site(serve: &[&str], ask: &[&str]) {
    use crate::editor::{fields, post, publish_edit, NEW};
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().to_path_buf();
    crate::helpers::add_user_with(&dir, ask, "ed", "editor", MOD_PASSWORD);
    let app = TestApp::spawn_with(&dir, serve, Some(data));
    app.login("ed", MOD_PASSWORD).await;
    let slug = "zarghun-pipeline";
    let first = "The Zarghun pipeline was planned in 1975.";
    let r = post(&app, NEW, NEW, "draft", fields(slug, first, &[])).await;
    assert_eq!(r.status(), 303);
    publish_edit(&app, slug, first, "planned in 1975").await;
    publish_edit(&app, slug, REVISED, "Logar aquifer").await;

    let entries = |d: &std::path::Path| {
        let mut names: Vec<String> = std::fs::read_dir(d)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    };
    let before = entries(&dir);
    let index_before = entries(&dir.join("index"));
    let files_before = files_under(&dir);
    let mut args = vec!["ask", ASKED, "--data", dir.to_str().unwrap()];
    args.extend_from_slice(ask);
    // No temporary directory to write in: the database is read in place,
    // not copied, and the index is built in memory.
    let (ok, out, err) = askaf_env(&args, &[("TMPDIR", NO_TMP)]);
    assert!(ok, "{err}");
    assert!(out.contains(REVISED), "{out}");
    assert!(out.contains(&format!("</en/{slug}#p-")), "{out}");
    assert!(
        !out.contains("1975"),
        "the revision is asked, not the first text: {out}"
    );
    // Nothing of the command's is left in the server's data directory:
    // on SQLite, the database's own files (its `-wal` and `-shm`, which
    // the server has open) byte for byte as the server has them.
    assert_eq!(entries(&dir), before);
    assert_eq!(entries(&dir.join("index")), index_before);
    if ask.is_empty() {
        let files_after = files_under(&dir);
        for ((path, bytes), (after, now)) in files_before.iter().zip(&files_after) {
            assert_eq!(path, after);
            assert!(bytes == now, "{} changed", path.display());
        }
        assert_eq!(files_before.len(), files_after.len());
    }
    assert_eq!(app.get("/healthz").await.status(), 200);

    // A settings file naming the data directory, as `serve --config` reads it.
    if ask.is_empty() {
        let config = dir.join("ask.toml");
        std::fs::write(&config, format!("data = {:?}\n", dir.to_str().unwrap())).unwrap();
        let (ok, out, err) = askaf(&["ask", ASKED, "--config", config.to_str().unwrap()]);
        std::fs::remove_file(&config).unwrap();
        assert!(ok, "{err}");
        assert!(out.contains(REVISED), "{out}");
    }

    let (ok, out, err) = askaf(&["ask", ASKED]);
    assert!(ok, "{err}");
    assert!(!out.contains("Zarghun"), "{out}");
}

/// A temporary directory that does not exist: a command given it as
/// `TMPDIR` that needed one would fail.
const NO_TMP: &str = "/nonexistent/askaf-tmp";

/// Every file under `dir`, with its bytes, by path: SQLite's `-wal` and
/// `-shm` too, which a reader of a WAL database no connection had open
/// made and left (empty, and an index of nothing), since a read-only
/// connection may not remove them as it closes.
pub(crate) fn files_under(dir: &std::path::Path) -> Vec<(std::path::PathBuf, Vec<u8>)> {
    let mut files = Vec::new();
    let mut dirs = vec![dir.to_path_buf()];
    while let Some(d) = dirs.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let path = e.unwrap().path();
            if path.is_dir() {
                dirs.push(path);
            } else {
                let bytes = std::fs::read(&path).unwrap();
                files.push((path, bytes));
            }
        }
    }
    files.sort();
    files
}

/// A site served from the content directory `root/content` (with `also`,
/// by path under it and text), its data directory `root/data`, its server
/// stopped, and its Zarghun article revised since ([`REVISED`]): the
/// database is behind the files by one. Gives the data and content
/// directories.
async fn stopped_site_behind_its_files(
    root: &std::path::Path,
    also: &[(&str, &str)],
) -> (std::path::PathBuf, std::path::PathBuf) {
    let dir = root.join("data");
    let content = root.join("content");
    for (path, text) in also {
        write(&content, path, text);
    }
    let file = content.join("en").join("zarghun-pipeline.md");
    let first = "The Zarghun pipeline was planned in 1975.";
    write(
        &content,
        "en/zarghun-pipeline.md",
        &article("zarghun-pipeline", "en", "", first),
    );
    let mut app = TestApp::spawn_with(&dir, &["--content", content.to_str().unwrap()], None);
    assert_eq!(app.get("/healthz").await.status(), 200);
    assert!(app.terminate(std::time::Duration::from_secs(10)).is_some());
    std::fs::write(&file, article("zarghun-pipeline", "en", "", REVISED)).unwrap();
    (dir, content)
}

/// `askaf ask --data` reads the database where it is and writes nothing:
/// with no temporary directory it could copy it into, every file of the
/// data directory (the database's above all) is byte for byte as the
/// stopped server left it, and none is added ([`files_under`]). A content file changed
/// since the server read it (the database is behind it) is said, and
/// asked as the next start will serve it.
#[tokio::test]
async fn ask_reads_the_database_in_place_and_writes_nothing() {
    let root = tempfile::tempdir().unwrap();
    let (dir, content) = stopped_site_behind_its_files(root.path(), &[]).await;
    let content_arg = content.to_str().unwrap();
    let before = files_under(&dir);
    assert!(before
        .iter()
        .any(|(p, _)| p.ends_with(askaf_store::DB_FILE)));

    let args = [
        "ask",
        ASKED,
        "--data",
        dir.to_str().unwrap(),
        "--content",
        content_arg,
    ];
    let (ok, out, err) = askaf_env(&args, &[("TMPDIR", NO_TMP)]);
    assert!(ok, "{err}");
    assert!(out.contains(REVISED), "{out}");
    assert!(
        err.contains("the database is behind the content directory by 1 file(s)"),
        "{err}"
    );
    assert!(files_under(&dir) == before, "the data directory changed");
}

/// The commands that only read the site's database (`check --data`,
/// `user list`, `questions`, `backup`) leave a data directory no server has
/// open as they found it, byte for byte and with no file added, as `ask`
/// does: a read-only connection made an empty `-wal` and a `-shm` there,
/// and could not remove them as it closed. The backup is still a whole
/// copy: it lists the account.
#[tokio::test]
async fn the_commands_that_read_leave_a_stopped_servers_data_directory_as_found() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("data");
    add_user(&dir, "ana", "admin", MOD_PASSWORD);
    let mut app = TestApp::spawn_with(&dir, &[], None);
    assert_eq!(app.get("/healthz").await.status(), 200);
    assert!(app.terminate(std::time::Duration::from_secs(10)).is_some());
    let before = files_under(&dir);
    assert!(!before
        .iter()
        .any(|(p, _)| p.to_string_lossy().ends_with("-wal")));
    let data = dir.to_str().unwrap();
    let copy = root.path().join("copy.db");
    let copy_arg = copy.to_str().unwrap();
    for args in [
        &["check", "--builtin", "--data", data][..],
        &["user", "list", "--data", data],
        &["questions", "--data", data],
        &["backup", copy_arg, "--data", data],
    ] {
        let (ok, out, err) = askaf(args);
        assert!(ok, "{args:?}: {out}{err}");
        let after = files_under(&dir);
        let names = |files: &[(std::path::PathBuf, Vec<u8>)]| {
            files.iter().map(|(p, _)| p.clone()).collect::<Vec<_>>()
        };
        assert_eq!(names(&after), names(&before), "{args:?}");
        assert!(after == before, "{args:?} changed the data directory");
    }
    // The copy is a site of its own, with the account.
    let restored = root.path().join("restored");
    std::fs::create_dir_all(&restored).unwrap();
    std::fs::copy(&copy, restored.join(askaf_store::DB_FILE)).unwrap();
    let (ok, out, err) = askaf(&["user", "list", "--data", restored.to_str().unwrap()]);
    assert!(ok && out.starts_with("ana\tadmin\t"), "{out}{err}");
}

/// Runs `askaf ARGS` held after its first read of the database (the test
/// hook `ASKAF_TEST_HOLD_READ`), starts a server on the data directory
/// `dir` with `serve` arguments meanwhile, and lets the command go on: what
/// it read before the server opened the database may not hold, so it reads
/// again. Gives the command's outcome and the server.
fn read_while_a_server_starts(
    dir: &std::path::Path,
    args: &[&str],
    serve: &[&str],
) -> ((bool, String, String), TestApp) {
    let holds = tempfile::tempdir().unwrap();
    let hold = holds.path().join("hold");
    let reached = holds.path().join("hold.reached");
    std::fs::write(&hold, "").unwrap();
    let mut command = Command::new(BIN);
    command.args(args);
    crate::helpers::clean_env(&mut command, std::env::vars_os());
    let child = command
        .env("ASKAF_TEST_HOLD_READ", &hold)
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let started = std::time::Instant::now();
    while !reached.exists() {
        assert!(
            started.elapsed() < std::time::Duration::from_secs(60),
            "{args:?} was not held after its first read"
        );
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    let app = TestApp::spawn_with(dir, serve, None);
    std::fs::remove_file(&hold).unwrap();
    let out = child.wait_with_output().unwrap();
    let said = (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    );
    (said, app)
}

/// A server that starts while `askaf ask --data` reads the database no
/// server had open (immutable) has `ask` read it again through the
/// server's WAL, and say its notes once, those of the read it answers
/// from: it said them for each read. The file the server records as it
/// starts is no longer said to be behind.
#[tokio::test]
async fn ask_read_again_as_a_server_starts_says_its_notes_once() {
    let root = tempfile::tempdir().unwrap();
    let also = [("en/broken.md", "no front matter")];
    let (dir, content) = stopped_site_behind_its_files(root.path(), &also).await;
    let serve = ["--content", content.to_str().unwrap()];
    let args = [
        "ask",
        ASKED,
        "--data",
        dir.to_str().unwrap(),
        "--content",
        serve[1],
    ];
    let ((ok, out, err), app) = read_while_a_server_starts(&dir, &args, &serve);
    assert!(ok, "{err}");
    assert!(out.contains(REVISED), "{out}");
    assert_eq!(err.matches("problem(s) in the content").count(), 1, "{err}");
    assert!(!err.contains("behind"), "{err}");
    drop(app);
}

/// `askaf backup` and `user list` read again too when a server starts
/// during their first read; the backup, made again, is a whole copy where
/// the first one was (no "exists already" for the file it made itself).
#[tokio::test]
async fn backup_and_user_list_read_again_as_a_server_starts() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("data");
    add_user(&dir, "ana", "admin", MOD_PASSWORD);
    let data = dir.to_str().unwrap();
    let copy = root.path().join("copy.db");
    let ((ok, out, err), app) = read_while_a_server_starts(
        &dir,
        &["backup", copy.to_str().unwrap(), "--data", data],
        &[],
    );
    assert!(ok && out.starts_with("backed up "), "{out}{err}");
    drop(app);
    let restored = root.path().join("restored");
    std::fs::create_dir_all(&restored).unwrap();
    std::fs::copy(&copy, restored.join(askaf_store::DB_FILE)).unwrap();
    let (ok, out, err) = askaf(&["user", "list", "--data", restored.to_str().unwrap()]);
    assert!(ok && out.starts_with("ana\tadmin\t"), "{out}{err}");

    let ((ok, out, err), app) =
        read_while_a_server_starts(&dir, &["user", "list", "--data", data], &[]);
    assert!(ok && out.starts_with("ana\tadmin\t"), "{out}{err}");
    assert_eq!(out.lines().count(), 1, "{out}");
    drop(app);
}

/// `askaf ask --content` given the server's content directory spelled
/// another way (absolute where the server was given it relative, with or
/// without `./` or a slash after it) asks it as the server serves it: it
/// said every file was new or changed ("the database is behind the
/// content directory by N file(s)"), since the server's record names the
/// files by the path it was given.
#[tokio::test]
async fn ask_knows_the_servers_content_directory_however_it_is_spelled() {
    let root = tempfile::tempdir().unwrap();
    let dir = root.path().join("data");
    let content = root.path().join("content");
    let file = content.join("en").join("zarghun-pipeline.md");
    std::fs::create_dir_all(file.parent().unwrap()).unwrap();
    std::fs::write(&file, article("zarghun-pipeline", "en", "", REVISED)).unwrap();
    let app = TestApp::spawn_in(
        Some(root.path()),
        &dir,
        &["--content", "./content/"],
        None,
        None,
    );
    assert_eq!(app.get("/healthz").await.status(), 200);
    let absolute = content.to_str().unwrap().to_string();
    for spelled in [
        absolute.clone(),
        format!("{absolute}/"),
        "content".into(),
        "./content/".into(),
        "content//".into(),
    ] {
        let mut command = Command::new(BIN);
        command
            .args(["ask", ASKED, "--data", dir.to_str().unwrap(), "--content"])
            .arg(&spelled)
            .current_dir(root.path());
        crate::helpers::clean_env(&mut command, std::env::vars_os());
        let out = command.output().unwrap();
        let (said, err) = (
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr),
        );
        assert!(out.status.success(), "{spelled}: {err}");
        assert!(said.contains(REVISED), "{spelled}: {said}");
        assert!(!err.contains("behind"), "{spelled}: {err}");
    }
}

/// A data directory with no database, or a database URL that is not one,
/// is said, not made into an empty site and asked.
#[test]
fn ask_with_no_database_there_says_so() {
    let data = tempfile::tempdir().unwrap();
    let dir = data.path().to_str().unwrap();
    let (ok, _, err) = askaf(&["ask", ASKED, "--data", dir]);
    assert!(!ok);
    assert!(err.contains("no database at"), "{err}");
    assert!(!data.path().join(askaf_store::DB_FILE).exists());
    let (ok, _, err) = askaf(&["ask", ASKED, "--database", "mysql://askaf@127.0.0.1/askaf"]);
    assert!(!ok);
    assert!(err.contains("mysql"), "{err}");
}
