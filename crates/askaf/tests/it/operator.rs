//! The operator's command line given bad input: a clear error that names
//! the file, the line and what is wrong, a non-zero exit, and nothing lost.

use std::ffi::OsStr;
use std::path::Path;

use crate::helpers::{add_user, article, askaf, MOD_PASSWORD};

/// `askaf ARGS`, each argument as a path or a word.
fn run(args: &[&dyn AsRef<OsStr>]) -> (bool, String, String) {
    let args: Vec<&OsStr> = args.iter().map(|a| a.as_ref()).collect();
    askaf(&args)
}

/// `askaf ARGS`, which must fail saying `expected`; its standard error.
fn refused(args: &[&dyn AsRef<OsStr>], expected: &str) -> String {
    let (ok, _, err) = run(args);
    assert!(!ok, "succeeded, where it should have said `{expected}`");
    assert!(err.contains(expected), "missing `{expected}` in:\n{err}");
    err
}

/// `askaf serve` of `content` into `data` on a free port, which must fail
/// saying `expected` before it serves anything.
fn serve_refused(data: &Path, content: &Path, expected: &str) -> String {
    refused(
        &[
            &"serve",
            &"--addr",
            &"127.0.0.1:0",
            &"--data",
            &data,
            &"--content",
            &content,
        ],
        expected,
    )
}

/// A SQuAD set of one question.
const SET: &str = r#"{"data": [{"title": "Kabul", "paragraphs": [{"context": "Kabul is the capital of Afghanistan.", "qas": [{"id": "1", "question": "What is the capital of Afghanistan?", "answers": [{"text": "Kabul", "answer_start": 0}]}]}]}]}"#;

/// `--details` naming the set itself would have written the answers'
/// details over the questions: refused, and the set is as it was.
#[test]
fn eval_never_writes_its_details_over_its_question_set() {
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("set.json");
    std::fs::write(&set, SET).unwrap();
    // The same file, spelt another way.
    let again = dir.path().join(".").join("set.json");
    refused(
        &[&"eval", &"--squad", &set, &"--details", &again],
        &format!("--details {} is the question set itself", again.display()),
    );
    assert_eq!(std::fs::read_to_string(&set).unwrap(), SET);
    // A details file that cannot be made is named.
    let nowhere = dir.path().join("missing").join("details.jsonl");
    refused(
        &[&"eval", &"--squad", &set, &"--details", &nowhere],
        &format!("cannot create {}", nowhere.display()),
    );
}

/// `--vectors FILE` keeps the passages' vectors in a file of its own
/// format; a file that is something else (here the question set, or an
/// editor's notes) is refused by name and left as it was, where it used to
/// be overwritten. A directory is said to be one, not "search index
/// directory".
#[test]
fn eval_vectors_never_overwrite_a_file_that_is_not_theirs() {
    let Some(model) = crate::ask::e5_dir() else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let set = dir.path().join("set.json");
    std::fs::write(&set, SET).unwrap();
    let eval = |vectors: &Path, expected: Option<&str>| {
        let args: [&dyn AsRef<OsStr>; 7] = [
            &"eval",
            &"--squad",
            &set,
            &"--model",
            &model,
            &"--vectors",
            &vectors,
        ];
        match expected {
            Some(expected) => {
                refused(&args, expected);
            }
            None => {
                let (ok, _, err) = run(&args);
                assert!(ok, "{err}");
            }
        }
    };
    let notes = dir.path().join("notes.txt");
    std::fs::write(&notes, "what to ask next\n").unwrap();
    for (file, text) in [(&set, SET), (&notes, "what to ask next\n")] {
        let said = format!(
            "passage vector file {}: not a file of passage vectors",
            file.display()
        );
        eval(file, Some(&said));
        assert_eq!(std::fs::read_to_string(file).unwrap(), text);
    }
    let said = format!("passage vector file {}: ", dir.path().display());
    eval(dir.path(), Some(&said));
    // A file of its own is made, then read.
    let vectors = dir.path().join("vectors.bin");
    eval(&vectors, None);
    eval(&vectors, None);
    assert!(std::fs::metadata(&vectors).unwrap().len() > 0);
}

/// A synonyms file that is not UTF-8 (or cannot be read) was "stream did
/// not contain valid UTF-8", naming nothing; it is named with its line.
/// `export --markdown` left such a file out of the archive.
#[test]
fn a_synonyms_file_that_is_not_utf8_is_named_with_its_line() {
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    std::fs::create_dir_all(content.join("en")).unwrap();
    std::fs::write(
        content.join("en/a.md"),
        article("a", "en", "", "Kabul is the capital."),
    )
    .unwrap();
    let synonyms = content.join("synonyms.txt");
    std::fs::write(&synonyms, b"Taliban, Islamic Emirate\ncapital, \xff\xfe\n").unwrap();
    let expected = format!("{}:2: the file is not valid UTF-8", synonyms.display());
    let data = dir.path().join("data");
    refused(&[&"check", &"--content", &content], &expected);
    refused(&[&"ask", &"capital?", &"--content", &content], &expected);
    serve_refused(&data, &content, &expected);
    // The archive of the articles copies it as it is, where it left it out.
    let archive = dir.path().join("archive");
    let (ok, _, err) = run(&[
        &"export",
        &"--markdown",
        &archive,
        &"--content",
        &content,
        &"--data",
        &data,
    ]);
    assert!(ok, "{err}");
    assert_eq!(
        std::fs::read(archive.join("synonyms.txt")).unwrap(),
        std::fs::read(&synonyms).unwrap()
    );
    // A directory in its place is said to be one, with its name.
    std::fs::remove_file(&synonyms).unwrap();
    std::fs::create_dir(&synonyms).unwrap();
    refused(
        &[&"check", &"--content", &content],
        &format!("cannot read {}", synonyms.display()),
    );
}

/// `askaf export DIR` into a file, or into a directory of other files that
/// no export made, was "DIR/.askaf-export-staging: Not a directory", or
/// wrote the mirror among those files (over a `robots.txt` or an
/// `index.html` of their own): both are refused, and nothing is written.
/// An empty directory, or one holding only hidden files (a `.git`), is
/// exported into as before.
#[test]
fn export_refuses_a_file_or_a_directory_that_is_not_a_mirror() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "mine\n").unwrap();
    refused(
        &[&"export", &file, &"--data", &data],
        &format!(
            "{} is a file, not a directory: give the directory to write the mirror into",
            file.display()
        ),
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine\n");

    let other = dir.path().join("www");
    std::fs::create_dir_all(other.join("en")).unwrap();
    std::fs::write(other.join("robots.txt"), "User-agent: *\n").unwrap();
    refused(
        &[&"export", &other, &"--data", &data],
        &format!(
            "{} holds files that no export wrote (it has no .askaf-export.json)",
            other.display()
        ),
    );
    assert_eq!(
        std::fs::read_to_string(other.join("robots.txt")).unwrap(),
        "User-agent: *\n"
    );
    let mut left: Vec<_> = std::fs::read_dir(&other)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    left.sort();
    assert_eq!(left, ["en", "robots.txt"]);

    let git = dir.path().join("mirror");
    std::fs::create_dir_all(git.join(".git")).unwrap();
    let (ok, _, err) = run(&[&"export", &git, &"--data", &data]);
    assert!(ok, "{err}");
    assert!(git.join("robots.txt").is_file() && git.join(".git").is_dir());
}

/// `askaf restore` says what is wrong with the file it is given: a
/// directory was "no such file", an empty file "it has no
/// `_sqlx_migrations` table", a cut-off backup a bare SQLite code. The
/// database stays as it was.
#[test]
fn restore_says_what_is_wrong_with_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    add_user(&data, "ana", "admin", MOD_PASSWORD);
    let db = data.join(askaf_store::DB_FILE);
    let backup = dir.path().join("whole.db");
    let (ok, _, err) = run(&[&"backup", &backup, &"--data", &data]);
    assert!(ok, "{err}");
    let before = std::fs::read(&db).unwrap();

    let empty = dir.path().join("empty.db");
    std::fs::write(&empty, b"").unwrap();
    let cut = dir.path().join("cut.db");
    let bytes = std::fs::read(&backup).unwrap();
    std::fs::write(&cut, &bytes[..bytes.len() / 2]).unwrap();
    for (file, why) in [
        (dir.path().to_path_buf(), "it is a directory, not a file"),
        (dir.path().join("nosuch.db"), "there is no such file"),
        (empty, "the file is empty"),
        (cut, "the file is damaged or cut short"),
    ] {
        let said = format!(
            "{} is not a usable AskAfghanistan backup: {why}",
            file.display()
        );
        let err = refused(&[&"restore", &file, &"--data", &data], &said);
        assert!(!err.contains("(code: "), "{err}");
        assert_eq!(std::fs::read(&db).unwrap(), before);
    }
}

/// `askaf backup DIR/FILE` where DIR is a file said "the directory DIR does
/// not exist"; it is said to be a file.
#[test]
fn backup_into_a_path_under_a_file_says_so() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    add_user(&data, "ana", "admin", MOD_PASSWORD);
    let file = dir.path().join("notes.txt");
    std::fs::write(&file, "mine\n").unwrap();
    let target = file.join("b.db");
    refused(
        &[&"backup", &target, &"--data", &data],
        &format!(
            "cannot write {}: {} is a file, not a directory",
            target.display(),
            file.display()
        ),
    );
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "mine\n");
}

/// A database that cannot be reached is said once: `copy-db` said
/// "cannot open the database X" three times over.
#[test]
fn copy_db_says_why_a_database_cannot_be_opened_once() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    add_user(&data, "ana", "admin", MOD_PASSWORD);
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let url = format!("postgres://askaf@127.0.0.1:{port}/askaf");
    let err = refused(
        &[&"copy-db", &"--from", &data, &"--to", &url],
        &format!("error: --to: cannot open the database {url}: "),
    );
    assert_eq!(err.matches(&url).count(), 1, "{err}");
}

/// Every file in `dir` with its bytes, by name.
fn files_in(dir: &Path) -> std::collections::BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap())
        .filter(|e| e.file_type().unwrap().is_file())
        .map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            (name, std::fs::read(e.path()).unwrap())
        })
        .collect()
}

/// `copy-db` leaves its source as it found it: no lock file made there,
/// no `-wal` or `-shm` left, the schema not migrated (it brought an older
/// source up to date and made `askaf.lock` in it). A source whose schema
/// is older than this askaf's is refused, saying what to do, and nothing
/// is made at the target; a source a server has open is refused too.
#[tokio::test]
async fn copy_db_leaves_its_source_as_it_found_it() {
    use sqlx::{ConnectOptions, Executor};
    let dir = tempfile::tempdir().unwrap();
    let from = dir.path().join("from");
    std::fs::create_dir(&from).unwrap();
    add_user(&from, "ana", "admin", MOD_PASSWORD);
    std::fs::remove_file(from.join("askaf.lock")).ok();
    let before = files_in(&from);
    assert_eq!(before.keys().collect::<Vec<_>>(), ["askaf.db"]);

    let to = dir.path().join("to");
    let (ok, out, err) = run(&[&"copy-db", &"--from", &from, &"--to", &to]);
    assert!(ok, "{err}");
    assert!(out.contains("every table holds as many rows"), "{out}");
    let after = files_in(&from);
    assert!(after == before, "the source changed: {:?}", after.keys());
    let (_, out, _) = run(&[&"user", &"list", &"--data", &to]);
    assert!(out.starts_with("ana\tadmin\t"), "{out}");

    // One migration undone in the record: the source is behind.
    let mut c = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(from.join("askaf.db"))
        .connect()
        .await
        .unwrap();
    c.execute(
        "DELETE FROM _sqlx_migrations WHERE version = (SELECT MAX(version) FROM _sqlx_migrations)",
    )
    .await
    .unwrap();
    // Closed, not dropped: its close, which takes the log into the
    // database, is then over before the source is read.
    sqlx::Connection::close(c).await.unwrap();
    let before = files_in(&from);
    let fresh = dir.path().join("fresh");
    let err = refused(
        &[&"copy-db", &"--from", &from, &"--to", &fresh],
        &format!(
            "error: --from: cannot open the database {}/askaf.db: ",
            from.display()
        ),
    );
    assert!(
        err.contains("has schema version")
            && err.contains("older than this askaf's")
            && err.contains("run `askaf serve`"),
        "{err}"
    );
    let after = files_in(&from);
    assert!(after == before, "the source changed: {:?}", after.keys());
    assert!(!fresh.exists(), "no target is made for a source refused");

    // A server has the source open.
    let (ok, _, err) = run(&[&"copy-db", &"--from", &to, &"--to", &fresh]);
    assert!(ok, "{err}");
    let app = crate::helpers::TestApp::spawn_with(&to, &[], None);
    let again = dir.path().join("again");
    refused(
        &[&"copy-db", &"--from", &to, &"--to", &again],
        &format!(
            "the data directory {} is in use by a running server",
            to.display()
        ),
    );
    drop(app);
}

/// A model that cannot be loaded is said with its cause once, where `ask`
/// said "No such file or directory" twice.
#[test]
fn ask_says_why_a_model_cannot_be_loaded_once() {
    let dir = tempfile::tempdir().unwrap();
    let (ok, _, err) = run(&[&"ask", &"What is the capital?", &"--model", &dir.path()]);
    assert!(ok, "{err}");
    assert!(err.contains("e5-small-q4.bin"), "{err}");
    assert_eq!(err.matches("No such file or directory").count(), 1, "{err}");
}

/// A port past 65535 is said to be one, not "not an address with a port".
#[test]
fn serve_names_a_port_out_of_range() {
    refused(
        &[&"serve", &"--addr", &"127.0.0.1:99999"],
        "port 99999 is out of range: a port is 0 to 65535",
    );
}

/// `import --wxr` with an `--uploads` folder that is not there wrote the
/// articles with their images left as links, which a second import with
/// the right folder then kept as they were: refused before anything is
/// written. A `--content` that is a file is said to be one, before the
/// database is made.
#[test]
fn import_wxr_checks_its_folders_before_writing_anything() {
    let export = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../askaf-import/testdata/wordpress-images.xml"
    );
    let dir = tempfile::tempdir().unwrap();
    let content = dir.path().join("content");
    let data = dir.path().join("data");
    let uploads = dir.path().join("uploads");
    refused(
        &[
            &"import",
            &"--wxr",
            &export,
            &"--content",
            &content,
            &"--uploads",
            &uploads,
            &"--data",
            &data,
        ],
        &format!(
            "--uploads {}: there is no such directory",
            uploads.display()
        ),
    );
    assert!(!content.exists() && !data.exists());

    let file = dir.path().join("content.md");
    std::fs::write(&file, "mine\n").unwrap();
    refused(
        &[
            &"import",
            &"--wxr",
            &export,
            &"--content",
            &file,
            &"--data",
            &data,
        ],
        &format!("--content {} is a file, not a directory", file.display()),
    );
    assert!(!data.exists());
}

/// `import --text`: `--dry-run` (which is for `--wxr`) wrote the draft all
/// the same, and an empty file made a draft with no title and succeeded.
/// Both are refused, and nothing is written.
#[test]
fn import_text_refuses_dry_run_and_an_empty_file() {
    let dir = tempfile::tempdir().unwrap();
    let text = dir.path().join("page.txt");
    let out = dir.path().join("draft.md");
    let import = |dry_run: bool, expected: &str| {
        let mut args: Vec<&dyn AsRef<OsStr>> = vec![
            &"import",
            &"--text",
            &text,
            &"--lang",
            &"en",
            &"--slug",
            &"old-page",
            &"--out",
            &out,
        ];
        if dry_run {
            args.push(&"--dry-run");
        }
        refused(&args, expected);
        assert!(!out.exists());
    };
    std::fs::write(&text, "A title\n\nSome text.\n").unwrap();
    import(
        true,
        "the argument '--text <TEXT>' cannot be used with '--dry-run'",
    );
    std::fs::write(&text, " \n\n").unwrap();
    let said = format!("{} is empty: there is no text to import", text.display());
    import(false, &said);
}

/// Every argument of the account commands says what it is, and the short
/// help does not list three commands as if they were all.
#[test]
fn help_says_what_every_argument_is() {
    for action in ["add", "passwd", "remove"] {
        let (ok, out, _) = run(&[&"user", &action, &"--help"]);
        assert!(ok);
        let line = out
            .lines()
            .find(|l| l.trim_start().starts_with("<NAME>"))
            .unwrap_or_else(|| panic!("no <NAME> in user {action} --help:\n{out}"));
        assert!(line.contains("account"), "user {action} --help: `{line}`");
    }
    let (ok, out, _) = run(&[&"-h"]);
    assert!(ok);
    assert!(!out.contains("One binary: serve, check, import."), "{out}");
}

/// TOML's own words name no field for a key given twice or a value of the
/// wrong type ("duplicate key", "invalid type: string …, expected a
/// sequence"): the field on that line is named.
#[test]
fn front_matter_mistakes_name_their_field() {
    let dir = tempfile::tempdir().unwrap();
    let en = dir.path().join("en");
    std::fs::create_dir_all(&en).unwrap();
    let good = article("a", "en", "", "Body.");
    std::fs::write(
        en.join("twice.md"),
        good.replacen("slug = \"a\"\n", "slug = \"a\"\nslug = \"b\"\n", 1),
    )
    .unwrap();
    std::fs::write(
        en.join("type.md"),
        good.replace("tags = [\"test\"]", "tags = \"test\""),
    )
    .unwrap();
    let d = dir.path().display();
    let err = refused(
        &[&"check", &"--content", &dir.path()],
        &format!("{d}/en/twice.md:3: front matter: duplicate key `slug`"),
    );
    let expected = format!(
        "{d}/en/type.md:7: front matter: field `tags`: invalid type: string \"test\", expected a sequence"
    );
    assert!(err.contains(&expected), "missing `{expected}` in:\n{err}");
}

/// A question set, a settings file, a text or a WordPress export that is
/// not UTF-8 was "stream did not contain valid UTF-8", "is not UTF-8 text"
/// or "is not UTF-8 text (byte 2041)": each is named with the line of its
/// first bad byte, as an article is.
#[test]
fn files_that_are_not_utf8_are_named_with_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("latin1.txt");
    std::fs::write(&file, b"{\"data\": [\n\n{\"title\": \"Caf\xe9\"}]}\n").unwrap();
    let said = format!("{}:3: the file is not valid UTF-8", file.display());
    refused(&[&"eval", &"--squad", &file], &said);
    refused(&[&"serve", &"--config", &file], &said);
    refused(
        &[
            &"import", &"--text", &file, &"--lang", &"en", &"--slug", &"cafe",
        ],
        &said,
    );
    let content = dir.path().join("content");
    refused(
        &[
            &"import",
            &"--wxr",
            &file,
            &"--content",
            &content,
            &"--dry-run",
        ],
        &said,
    );
}

/// A content directory that is not there is said before anything is made:
/// the data directory a typo'd `--content` named stays as it was, without
/// a database nobody meant to create.
#[test]
fn serve_with_no_content_directory_makes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let data = dir.path().join("data");
    let nosuch = dir.path().join("nosuch");
    serve_refused(&data, &nosuch, &format!("cannot read {}", nosuch.display()));
    assert!(!data.exists(), "{} was made", data.display());
}

/// `reindex` of a data directory that is not there (a typo) is refused,
/// naming it, as the other commands that need a site are: before, it made
/// a new, empty site there and indexed the built-in articles into it.
#[test]
fn reindex_of_a_data_directory_that_is_not_there_makes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let typo = dir.path().join("dta");
    let err = refused(
        &[&"reindex", &"--data", &typo],
        &format!("there is no directory {}", typo.display()),
    );
    assert!(err.contains("--data DIR"), "says what to give: {err}");
    assert!(!typo.exists(), "{} was made", typo.display());
}

/// `askaf ARGS` as someone who may read `dir` but not write in it, as an
/// operator's account reads a server's data directory: the directory made
/// read-only, and, when the tests run as root (whom file modes do not
/// stop), the command run as `nobody`, who may read the files root made
/// but not write them. The directory is writable again afterwards.
pub(crate) fn run_as_reader(dir: &Path, args: &[&dyn AsRef<OsStr>]) -> (bool, String, String) {
    use std::os::unix::fs::{MetadataExt, PermissionsExt};
    use std::os::unix::process::CommandExt;
    let mode = |path: &Path, mode: u32| {
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(mode)).unwrap()
    };
    // A file made here is owned by whoever runs the tests.
    let root = std::fs::metadata(dir).unwrap().uid() == 0;
    // `nobody` must pass through the temporary directories to reach it.
    for up in dir
        .ancestors()
        .skip(1)
        .take_while(|d| d.starts_with(std::env::temp_dir()))
    {
        if *up != std::env::temp_dir() {
            mode(up, 0o755);
        }
    }
    mode(dir, 0o555);
    // Nor may `nobody` reach the binary where cargo built it (a clone in
    // a home or a `mktemp -d` directory, 0700): a copy in a directory of
    // its own is run instead.
    let bin = tempfile::tempdir().unwrap();
    mode(bin.path(), 0o755);
    let copy = bin.path().join("askaf");
    std::fs::copy(crate::helpers::BIN, &copy).unwrap();
    let mut command = std::process::Command::new(if root {
        copy.as_path()
    } else {
        Path::new(crate::helpers::BIN)
    });
    command.args(args.iter().map(|a| a.as_ref()));
    crate::helpers::clean_env(&mut command, std::env::vars_os());
    if root {
        command.uid(65534).gid(65534);
    }
    let out = crate::helpers::output_of_fresh_copy(&mut command);
    mode(dir, 0o755);
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

/// The commands that only read work on a data directory their user may
/// only read, with the server stopped (the database opened immutable, no
/// file made beside it; they said the directory was read-only, since
/// SQLite had to make `askaf.db-shm` there) and while it runs (its `-shm`,
/// which SQLite needs to read beside a writer, is there).
#[test]
fn read_only_commands_read_a_data_directory_they_may_not_write() {
    let data = tempfile::tempdir().unwrap();
    add_user(data.path(), "root", "admin", MOD_PASSWORD);
    let list = |data: &Path| run_as_reader(data, &[&"user", &"list", &"--data", &data]);
    let copies = tempfile::tempdir().unwrap();
    std::fs::set_permissions(
        copies.path(),
        std::os::unix::fs::PermissionsExt::from_mode(0o777),
    )
    .unwrap();
    let backup =
        |data: &Path, copy: &Path| run_as_reader(data, &[&"backup", &copy, &"--data", &data]);

    let (ok, out, err) = list(data.path());
    assert!(ok, "{err}");
    assert!(out.starts_with("root\tadmin\t"), "{out}");
    let stopped = copies.path().join("stopped.db");
    let (ok, out, err) = backup(data.path(), &stopped);
    assert!(ok && out.starts_with("backed up "), "{out}{err}");
    assert!(stopped.is_file());
    assert!(!data.path().join("askaf.db-shm").exists());
    assert!(!data.path().join("askaf.db-wal").exists());

    let app = crate::helpers::TestApp::spawn_with(data.path(), &[], None);
    let (ok, out, err) = list(data.path());
    assert!(ok, "{err}");
    assert!(out.starts_with("root\tadmin\t"), "{out}");
    let (ok, out, err) = run_as_reader(data.path(), &[&"questions", &"--data", &data.path()]);
    assert!(ok, "{out}{err}");
    let copy = copies.path().join("x.db");
    let (ok, out, err) = backup(data.path(), &copy);
    assert!(ok && out.starts_with("backed up "), "{out}{err}");
    assert!(copy.is_file());
    drop(app);
}

/// A data directory left by a server that stopped without closing the
/// database (its `askaf.db-wal` there, no `askaf.db-shm`): its last
/// commits are in the log, which SQLite reads only by making the `-shm`.
/// A user who may only read the directory is told that, naming it, and
/// what to do, where SQLite said "unable to open database file" (and
/// opening it immutable would miss the log's commits); one who may write
/// there reads them.
#[tokio::test]
async fn a_read_after_a_crash_in_a_directory_one_may_only_read_says_what_to_do() {
    use sqlx::{ConnectOptions, Executor};
    let data = tempfile::tempdir().unwrap();
    add_user(data.path(), "root", "admin", MOD_PASSWORD);
    // A connection held open, as a server's is: the account added next is
    // committed to the log and not taken into the database as its
    // command closes, since it is not the last to close.
    let mut held = sqlx::sqlite::SqliteConnectOptions::new()
        .filename(data.path().join("askaf.db"))
        .connect()
        .await
        .unwrap();
    held.execute("SELECT 1 FROM users").await.unwrap();
    add_user(data.path(), "late", "editor", MOD_PASSWORD);
    let crashed = tempfile::tempdir().unwrap();
    for file in ["askaf.db", "askaf.db-wal"] {
        std::fs::copy(data.path().join(file), crashed.path().join(file)).unwrap();
    }
    sqlx::Connection::close(held).await.unwrap();

    let (ok, out, err) = run_as_reader(
        crashed.path(),
        &[&"user", &"list", &"--data", &crashed.path()],
    );
    assert!(!ok, "{out}");
    let dir = crashed.path().display().to_string();
    assert!(
        err.contains(&format!("the data directory {dir} holds askaf.db-wal"))
            && err.contains("Start the server once"),
        "{err}"
    );
    assert!(!err.contains("unable to open database file"), "{err}");
    assert!(!crashed.path().join("askaf.db-shm").exists());

    let (ok, out, err) = run(&[&"user", &"list", &"--data", &crashed.path()]);
    assert!(ok, "{err}");
    assert!(out.contains("late\teditor"), "{out}");
}

/// A content directory that holds no article (a wrong path, a mount that
/// failed) is warned of, by `check` and by `serve` alike, naming it; both
/// still go on, since a site written only in the browser keeps its
/// articles in the database and may have no files.
#[test]
fn an_empty_content_directory_is_warned_of_by_check_and_serve() {
    let dir = tempfile::tempdir().unwrap();
    let empty = dir.path().join("content");
    std::fs::create_dir_all(empty.join("en")).unwrap();
    std::fs::write(empty.join("README.md"), "not an article").unwrap();
    let warning = format!(
        "warning: the content directory {} holds no articles",
        empty.display()
    );
    let (ok, out, err) = run(&[&"check", &"--content", &empty]);
    assert!(ok, "{err}");
    assert!(out.contains("ok: 0 articles"), "{out}");
    assert!(err.contains(&warning), "missing `{warning}` in: {err}");

    let data = dir.path().join("data");
    let log = dir.path().join("serve.log");
    let content = empty.to_str().unwrap();
    let app =
        crate::helpers::TestApp::spawn_logged(&data, &["--content", content], None, Some(&log));
    drop(app);
    let said = std::fs::read_to_string(&log).unwrap();
    let warning = format!(
        "the content directory {} holds no articles",
        empty.display()
    );
    assert!(said.contains(&warning), "missing `{warning}` in: {said}");

    // One article, and neither says so.
    std::fs::write(
        empty.join("en/a.md"),
        article("a", "en", "", "Kabul is the capital."),
    )
    .unwrap();
    let (ok, out, err) = run(&[&"check", &"--content", &empty]);
    assert!(ok && out.contains("ok: 1 articles"), "{out}{err}");
    assert!(!err.contains("warning"), "{err}");
}

/// A password piped in empty (an unset variable, `</dev/null`) is said as
/// that, not as a password too short.
#[test]
fn user_add_says_when_no_password_came_on_standard_input() {
    use std::io::Write;
    let data = tempfile::tempdir().unwrap();
    for given in ["", "\n"] {
        let mut command = std::process::Command::new(crate::helpers::BIN);
        command
            .args(["user", "add", "ana", "--role", "moderator", "--data"])
            .arg(data.path())
            .stdin(std::process::Stdio::piped())
            .stdout(std::process::Stdio::piped())
            .stderr(std::process::Stdio::piped());
        crate::helpers::clean_env(&mut command, std::env::vars_os());
        let mut child = command.spawn().unwrap();
        child
            .stdin
            .take()
            .unwrap()
            .write_all(given.as_bytes())
            .unwrap();
        let out = child.wait_with_output().unwrap();
        let err = String::from_utf8_lossy(&out.stderr);
        assert!(!out.status.success(), "{given:?}");
        assert!(
            err.contains("no password was given on standard input"),
            "{given:?}: {err}"
        );
        assert!(!err.contains("at least"), "{given:?}: {err}");
    }
    let (_, out, _) = run(&[&"user", &"list", &"--data", &data.path()]);
    assert!(!out.contains("ana"), "{out}");
}
