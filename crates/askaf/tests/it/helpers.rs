use std::ffi::{OsStr, OsString};
use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{self, RecvTimeoutError};
use std::time::{Duration, Instant};

pub const BIN: &str = env!("CARGO_BIN_EXE_askaf");

/// How long a server may take to print `listening on`.
pub const START_DEADLINE: Duration = Duration::from_secs(30);

/// How long an editorial request of a server that holds changes in flight
/// ([`TestApp::spawn_holding`]) waits for its change before it answers 202
/// (askaf's `ASKAF_TEST_CHANGE_WAIT_MS`): what the tests hold is answered
/// past it, and what they do not hold (a small draft) ends well within it
/// on a loaded machine. The server's own 25 s made each held save a test
/// waited for cost 25 s of real time, in a dozen tests.
pub const HELD_CHANGE_WAIT: Duration = Duration::from_secs(5);

/// [`HELD_CHANGE_WAIT`] in milliseconds, as the variable takes it.
const HELD_CHANGE_WAIT_MS: &str = "5000";

/// The test hooks of a server each of whose changes is held while the file
/// `hold` exists, and whose requests wait [`HELD_CHANGE_WAIT`] for them.
fn holding(hold: &Path) -> [(&'static str, &OsStr); 2] {
    [
        ("ASKAF_TEST_HOLD_APPLY", hold.as_os_str()),
        ("ASKAF_TEST_CHANGE_WAIT_MS", OsStr::new(HELD_CHANGE_WAIT_MS)),
    ]
}

/// Test hooks given as text, as [`TestApp::start`] takes them.
fn os_hooks<'a>(hooks: &[(&'a str, &'a str)]) -> Vec<(&'a str, &'a OsStr)> {
    hooks.iter().map(|(k, v)| (*k, OsStr::new(*v))).collect()
}

/// Removes from `command` every `ASKAF_*` variable of `parent` (the test
/// process's environment), so a setting the developer exported (a content
/// directory, a config file, a model) never reaches a server under test.
pub fn clean_env(command: &mut Command, parent: impl IntoIterator<Item = (OsString, OsString)>) {
    for (key, _) in parent {
        if key.to_string_lossy().starts_with("ASKAF_") {
            command.env_remove(key);
        }
    }
}

/// `command.output()` for a program that was copied just before (a copy
/// of the binary where another user may run it, or standing for a new
/// build): another test thread that forks while the copy's write handle is
/// open hands the child that handle until the child execs, and running the
/// copy meanwhile fails with ETXTBSY ("Text file busy", once in a CI run).
/// That lasts as long as a fork does, so the run is tried again a little
/// later, for up to 2 s.
pub fn output_of_fresh_copy(command: &mut Command) -> std::process::Output {
    let mut tries = 0;
    loop {
        match command.output() {
            Err(e) if e.kind() == std::io::ErrorKind::ExecutableFileBusy && tries < 100 => {
                tries += 1;
                std::thread::sleep(Duration::from_millis(20));
            }
            out => return out.unwrap(),
        }
    }
}

/// Spawns `command` with its stdout piped and waits, at most `within`, for it
/// to print `listening on URL`; returns the child and the URL. stdout is read
/// on a thread of its own, so a server that hangs before that line (or
/// prints nothing) is given up on in time; it is then killed.
pub fn start_listening(mut command: Command, within: Duration) -> Result<(Child, String), String> {
    let mut child = command
        .stdout(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot start {command:?}: {e}"))?;
    let stdout = child.stdout.take().ok_or("stdout is not piped")?;
    let (tx, rx) = mpsc::channel();
    // Reads to the end, so the server never writes into a closed pipe; the
    // channel closes when stdout does.
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            if let Some(url) = line.strip_prefix("listening on ") {
                let _ = tx.send(url.trim().to_string());
            }
        }
    });
    let problem = match rx.recv_timeout(within) {
        Ok(url) => return Ok((child, url)),
        Err(RecvTimeoutError::Timeout) => format!("no `listening on` line within {within:?}"),
        Err(RecvTimeoutError::Disconnected) => "exited before listening".to_string(),
    };
    let _ = child.kill();
    let status = child.wait();
    Err(format!("{problem} ({status:?})"))
}

/// A running `askaf serve` on 127.0.0.1:0 with a fresh data directory; killed on drop.
/// Runs `askaf ARGS` with a clean environment: whether it succeeded, its
/// standard output and its standard error.
pub fn askaf<S: AsRef<std::ffi::OsStr>>(args: &[S]) -> (bool, String, String) {
    askaf_env(args, &[])
}

/// [`askaf`], with `env` set in its environment.
pub fn askaf_env<S: AsRef<std::ffi::OsStr>>(
    args: &[S],
    env: &[(&str, &str)],
) -> (bool, String, String) {
    let mut command = Command::new(BIN);
    command.args(args);
    clean_env(&mut command, std::env::vars_os());
    command.envs(env.iter().copied());
    let out = command.output().unwrap();
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

pub struct TestApp {
    pub url: String,
    pub client: reqwest::Client,
    child: Child,
    _data: Option<tempfile::TempDir>,
    pub data_dir: PathBuf,
}

impl TestApp {
    /// The built-in sample site.
    pub async fn spawn() -> TestApp {
        let data = tempfile::tempdir().unwrap();
        let dir = data.path().to_path_buf();
        Self::spawn_with(&dir, &[], Some(data))
    }

    /// Starts the server on `data_dir` with extra arguments.
    pub fn spawn_with(data_dir: &Path, extra: &[&str], keep: Option<tempfile::TempDir>) -> TestApp {
        Self::spawn_logged(data_dir, extra, keep, None)
    }

    /// As [`TestApp::spawn_with`], its log (standard error, at `info`)
    /// appended to `log` when given, for tests that read what it says.
    pub fn spawn_logged(
        data_dir: &Path,
        extra: &[&str],
        keep: Option<tempfile::TempDir>,
        log: Option<&Path>,
    ) -> TestApp {
        Self::spawn_in(None, data_dir, extra, keep, log)
    }

    /// As [`TestApp::spawn_logged`], its log filtered by `filter` (an
    /// `ASKAF_LOG` value such as `warn,sqlx::query=debug`, which logs
    /// every SQL statement) rather than at `info`.
    pub fn spawn_traced(data_dir: &Path, extra: &[&str], log: &Path, filter: &str) -> TestApp {
        Self::start(None, data_dir, extra, None, Some((log, filter)), &[])
    }

    /// As [`TestApp::spawn_traced`], with askaf's test hooks `hooks` (each
    /// a variable and its value) set in its environment.
    pub fn spawn_hooked_traced(
        data_dir: &Path,
        extra: &[&str],
        log: &Path,
        filter: &str,
        hooks: &[(&str, &str)],
    ) -> TestApp {
        Self::start(
            None,
            data_dir,
            extra,
            None,
            Some((log, filter)),
            &os_hooks(hooks),
        )
    }

    /// As [`TestApp::spawn_logged`], given `within` rather than
    /// [`START_DEADLINE`] to print `listening on`: for a server whose start
    /// is slow on purpose (every connect to its database held back). With
    /// askaf's test hooks `hooks` (each a variable and its value) set in
    /// its environment.
    pub fn spawn_logged_within(
        data_dir: &Path,
        extra: &[&str],
        log: &Path,
        within: Duration,
        hooks: &[(&str, &str)],
    ) -> TestApp {
        Self::start_within(
            None,
            data_dir,
            extra,
            None,
            Some((log, "info")),
            &os_hooks(hooks),
            within,
        )
    }

    /// As [`TestApp::spawn_logged`], started in the working directory
    /// `cwd` when given, for paths given relative to it, as an operator
    /// types them.
    pub fn spawn_in(
        cwd: Option<&Path>,
        data_dir: &Path,
        extra: &[&str],
        keep: Option<tempfile::TempDir>,
        log: Option<&Path>,
    ) -> TestApp {
        Self::start(
            cwd,
            data_dir,
            extra,
            keep,
            log.map(|log| (log, "info")),
            &[],
        )
    }

    /// As [`TestApp::spawn_with`], each change it applies held while the
    /// file `hold` exists, once the editor's revision is saved and before
    /// the site changes (askaf-site's `test-hooks`). An editorial request
    /// waits [`HELD_CHANGE_WAIT`] for its change before it answers 202, not
    /// the 25 s a server waits ([`TestApp::spawn_holding_the_full_wait`]).
    pub fn spawn_holding(data_dir: &Path, hold: &Path) -> TestApp {
        Self::start(None, data_dir, &[], None, None, &holding(hold))
    }

    /// As [`TestApp::spawn_holding`], requests waiting the server's own 25 s
    /// for their change, as in production.
    pub fn spawn_holding_the_full_wait(data_dir: &Path, hold: &Path) -> TestApp {
        let hooks = [("ASKAF_TEST_HOLD_APPLY", hold.as_os_str())];
        Self::start(None, data_dir, &[], None, None, &hooks)
    }

    /// As [`TestApp::spawn_holding`], with `extra` arguments and its log
    /// (filtered as `info`) appended to `log`, which says when a change is
    /// held.
    pub fn spawn_holding_logged(
        data_dir: &Path,
        extra: &[&str],
        hold: &Path,
        log: &Path,
    ) -> TestApp {
        Self::start(
            None,
            data_dir,
            extra,
            None,
            Some((log, "info")),
            &holding(hold),
        )
    }

    /// As [`TestApp::spawn_with`], askaf-site's test hook `var` naming `file`.
    fn spawn_hooked(data_dir: &Path, var: &str, file: &Path) -> TestApp {
        Self::start(None, data_dir, &[], None, None, &[(var, file.as_os_str())])
    }

    /// As [`TestApp::spawn_holding`], each change it applies then failing
    /// while the file `fail` exists (see [`TestApp::spawn_failing`]): a
    /// save held past the server's wait, then saved and not applied.
    pub fn spawn_holding_failing(data_dir: &Path, hold: &Path, fail: &Path) -> TestApp {
        let [held, wait] = holding(hold);
        let hooks = [held, wait, ("ASKAF_TEST_FAIL_APPLY", fail.as_os_str())];
        Self::start(None, data_dir, &[], None, None, &hooks)
    }

    /// As [`TestApp::spawn_hooked`], with `extra` arguments and its log
    /// (filtered as `info`) appended to `log`.
    fn spawn_logged_hooked(
        data_dir: &Path,
        extra: &[&str],
        log: &Path,
        var: &str,
        file: &Path,
    ) -> TestApp {
        Self::start(
            None,
            data_dir,
            extra,
            None,
            Some((log, "info")),
            &[(var, file.as_os_str())],
        )
    }

    /// As [`TestApp::spawn_logged`], each change it applies failing while
    /// the file `fail` exists, once the editor's revision is saved and
    /// before the site changes (askaf-site's `test-hooks`), as one whose
    /// index cannot be written fails.
    pub fn spawn_failing(data_dir: &Path, extra: &[&str], fail: &Path, log: &Path) -> TestApp {
        Self::spawn_logged_hooked(data_dir, extra, log, "ASKAF_TEST_FAIL_APPLY", fail)
    }

    /// As [`TestApp::spawn_with`], the step after each save (a schedule, a
    /// review asked for, an unpublish at the old slug) failing while the
    /// file `fail` exists, once the revision is saved (askaf-site's
    /// `test-hooks`).
    pub fn spawn_failing_step(data_dir: &Path, fail: &Path) -> TestApp {
        Self::spawn_hooked(data_dir, "ASKAF_TEST_FAIL_STEP", fail)
    }

    /// Starts the server; its log, filtered as `ASKAF_LOG` says, appended
    /// to the file given with it (else only warnings, to standard error).
    fn start(
        cwd: Option<&Path>,
        data_dir: &Path,
        extra: &[&str],
        keep: Option<tempfile::TempDir>,
        log: Option<(&Path, &str)>,
        hooks: &[(&str, &OsStr)],
    ) -> TestApp {
        Self::start_within(cwd, data_dir, extra, keep, log, hooks, START_DEADLINE)
    }

    /// As [`TestApp::start`], waiting `within` for `listening on`.
    fn start_within(
        cwd: Option<&Path>,
        data_dir: &Path,
        extra: &[&str],
        keep: Option<tempfile::TempDir>,
        log: Option<(&Path, &str)>,
        hooks: &[(&str, &OsStr)],
        within: Duration,
    ) -> TestApp {
        let mut command = Command::new(BIN);
        if let Some(cwd) = cwd {
            command.current_dir(cwd);
        }
        command
            .args(["serve", "--addr", "127.0.0.1:0", "--data"])
            .arg(data_dir)
            .args(extra);
        clean_env(&mut command, std::env::vars_os());
        command.env("ASKAF_LOG", log.map_or("warn", |(_, filter)| filter));
        for (var, value) in hooks {
            command.env(var, value);
        }
        if let Some((path, _)) = log {
            command.stderr(Stdio::from(
                std::fs::OpenOptions::new()
                    .create(true)
                    .append(true)
                    .open(path)
                    .unwrap(),
            ));
        }
        let (child, url) =
            start_listening(command, within).unwrap_or_else(|e| panic!("askaf serve: {e}"));
        TestApp {
            url,
            // Like a browser: keeps cookies, but shows each redirect.
            client: reqwest::Client::builder()
                .redirect(reqwest::redirect::Policy::none())
                .cookie_store(true)
                .build()
                .unwrap(),
            child,
            _data: keep,
            data_dir: data_dir.to_path_buf(),
        }
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{}", self.url, path))
            .send()
            .await
            .unwrap()
    }

    /// GET that must answer 200; returns the body.
    pub async fn text(&self, path: &str) -> String {
        let r = self.get(path).await;
        assert_eq!(r.status(), 200, "GET {path}");
        r.text().await.unwrap()
    }

    /// [`TestApp::text`] as a reader with no session or cookies sees it.
    pub async fn reader_text(&self, path: &str) -> String {
        let r = TestApp::fresh_client()
            .get(format!("{}{path}", self.url))
            .send()
            .await
            .unwrap();
        assert_eq!(r.status(), 200, "GET {path}");
        r.text().await.unwrap()
    }

    pub async fn json(&self, path: &str) -> serde_json::Value {
        let r = self.get(path).await;
        assert_eq!(r.status(), 200, "GET {path}");
        r.json().await.unwrap()
    }
}

impl Drop for TestApp {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Polls `check` until it holds, for at most 20 seconds.
pub async fn eventually<F, Fut>(what: &str, mut check: F)
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = bool>,
{
    let deadline = Instant::now() + Duration::from_secs(20);
    while !check().await {
        assert!(Instant::now() < deadline, "not within 20 s: {what}");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

/// A minimal valid article, for content directories the tests build.
pub fn article(slug: &str, lang: &str, extra_front: &str, body: &str) -> String {
    format!(
        "+++\nslug = \"{slug}\"\nlang = \"{lang}\"\ntitle = \"Title of {slug}\"\nquestion = \"What about {slug}?\"\nsummary = \"A short answer about {slug}.\"\ntags = [\"test\"]\npublished = 2026-01-01\nupdated = 2026-01-02\n{extra_front}\n[[sources]]\ntitle = \"A source\"\nurl = \"https://example.org/\"\naccessed = 2026-01-01\n+++\n\n{body}\n"
    )
}

/// Publishes the English article `slug` (born in the editor, by `ed`,
/// its text [`article`] with `body`) straight through `store`, as another
/// node or an older version would have: no server is told but by the
/// store's notice. Returns its revision's id.
pub async fn publish_in_store(store: &askaf_store::Store, slug: &str, body: &str) -> i64 {
    let source = article(slug, "en", "", body);
    store
        .save_edit(&askaf_store::NewEdit {
            lang: askaf_content::Lang::En,
            slug,
            path: &format!("editor:en/{slug}.md"),
            source: &source,
            title: &format!("Title of {slug}"),
            author: Some("ed"),
            action: askaf_store::EditAction::Publish,
            base: None,
            file_revision: None,
            original: None,
            original_served: false,
        })
        .await
        .unwrap()
        .unwrap()
}

/// Every `Vary` header of a response, lower case, joined with commas.
pub fn vary(r: &reqwest::Response) -> String {
    r.headers()
        .get_all("vary")
        .iter()
        .map(|v| v.to_str().unwrap().to_ascii_lowercase())
        .collect::<Vec<_>>()
        .join(",")
}

/// Extracts the value of the first `attr="..."` on the first tag matching `tag_start`.
pub fn attr(html: &str, tag_start: &str, attr: &str) -> Option<String> {
    let at = html.find(tag_start)?;
    let tag_end = html[at..].find('>')? + at;
    let tag = &html[at..tag_end];
    let key = format!("{attr}=\"");
    let v = tag.find(&key)? + key.len();
    let end = tag[v..].find('"')? + v;
    Some(tag[v..end].to_string())
}

/// One rule of a stylesheet: its selectors, its declarations, and the
/// `@media` condition it stands under (empty when none).
#[derive(Debug)]
pub struct CssRule {
    pub media: String,
    pub selectors: Vec<String>,
    pub body: String,
}

/// The rules of `css`, read as a browser reads the site's own stylesheet
/// (no nesting beyond `@media`, no braces in strings).
pub fn css_rules(css: &str) -> Vec<CssRule> {
    let mut text = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(at) = rest.find("/*") {
        text.push_str(&rest[..at]);
        rest = rest[at..]
            .find("*/")
            .map_or("", |end| &rest[at + end + 2..]);
    }
    text.push_str(rest);
    let (mut rules, mut media, mut rest) = (Vec::new(), String::new(), text.as_str());
    while let Some(open) = rest.find('{') {
        let mut prelude = rest[..open].trim();
        // A `}` before the prelude closes the `@media` block the rules were in.
        if let Some(closed) = prelude.rfind('}') {
            media.clear();
            prelude = prelude[closed + 1..].trim();
        }
        if prelude.starts_with('@') {
            media = prelude.to_string();
            rest = &rest[open + 1..];
            continue;
        }
        let close = rest[open..].find('}').map_or(rest.len(), |c| open + c);
        rules.push(CssRule {
            media: media.clone(),
            selectors: prelude.split(',').map(|s| s.trim().to_string()).collect(),
            body: rest[open + 1..close].trim().to_string(),
        });
        rest = rest.get(close + 1..).unwrap_or("");
    }
    rules
}

/// Runs `askaf user add NAME --role ROLE` on a data directory, the password on stdin.
pub fn add_user(data_dir: &Path, name: &str, role: &str, password: &str) {
    add_user_with(data_dir, &[], name, role, password)
}

/// [`add_user`] with more arguments (`--database URL`).
pub fn add_user_with(data_dir: &Path, extra: &[&str], name: &str, role: &str, password: &str) {
    use std::io::Write;
    // A new site's directory is made first, as an operator makes it: a
    // data directory that is not there is refused as mistyped.
    std::fs::create_dir_all(data_dir).unwrap();
    let mut command = Command::new(BIN);
    command
        .args(["user", "add", name, "--role", role, "--data"])
        .arg(data_dir)
        .args(extra);
    clean_env(&mut command, std::env::vars_os());
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(format!("{password}\n").as_bytes())
        .unwrap();
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "user add: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

pub const MOD_PASSWORD: &str = "a long moderator passphrase";

impl TestApp {
    /// A server with a moderator `mod` (password [`MOD_PASSWORD`]), an editor
    /// `ed` and `extra` arguments; the comment form's minimum time is off
    /// unless `extra` sets it.
    pub fn spawn_for_comments(extra: &[&str]) -> TestApp {
        Self::spawn_for_comments_prepared(extra, |_| {})
    }

    /// As [`TestApp::spawn_for_comments`], `prepare` given the data
    /// directory once the accounts are made, before the server starts.
    pub fn spawn_for_comments_prepared(extra: &[&str], prepare: impl FnOnce(&Path)) -> TestApp {
        let data = tempfile::tempdir().unwrap();
        let dir = data.path().to_path_buf();
        add_user(&dir, "mod", "moderator", MOD_PASSWORD);
        add_user(&dir, "ed", "editor", MOD_PASSWORD);
        prepare(&dir);
        let mut args = vec![];
        if !extra.contains(&"--comment-min-seconds") {
            args.extend(["--comment-min-seconds", "0"]);
        }
        args.extend_from_slice(extra);
        Self::spawn_with(&dir, &args, Some(data))
    }

    /// The hidden form fields (`csrf`, and `t` where there is one) on a
    /// page; loading it also gives this browser the page's cookies (the
    /// comment form's timing stamp). Article pages are the same bytes for
    /// everyone and carry no token: their `csrf` is empty.
    pub async fn form_tokens(&self, path: &str) -> (String, String) {
        let html = self.text(path).await;
        let csrf = attr(&html, "<input type=\"hidden\" name=\"csrf\"", "value");
        assert!(
            csrf.is_some() || !path.starts_with("/admin"),
            "no csrf field on {path}"
        );
        let t = attr(&html, "<input type=\"hidden\" name=\"t\"", "value").unwrap_or_default();
        (csrf.unwrap_or_default(), t)
    }

    pub async fn post_form(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        self.client
            .post(format!("{}{}", self.url, path))
            .form(fields)
            .send()
            .await
            .unwrap()
    }

    /// Posts a comment through the article's own form, as a reader's
    /// browser would: it loads the page (which stamps when the form was
    /// shown, in a cookie) and posts from it (`Sec-Fetch-Site: same-origin`).
    pub async fn comment(&self, article: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        self.form_tokens(article).await;
        self.client
            .post(format!("{}{article}/comments", self.url))
            .header("sec-fetch-site", "same-origin")
            .form(fields)
            .send()
            .await
            .unwrap()
    }

    /// Posts the login form once, as typed; returns the answer as it is.
    pub async fn try_login(&self, name: &str, password: &str) -> reqwest::Response {
        let (csrf, _) = self.form_tokens("/admin/login").await;
        self.post_form(
            "/admin/login",
            &[
                ("username", name),
                ("password", password),
                ("csrf", &csrf),
                ("next", "/admin"),
            ],
        )
        .await
    }

    /// Logs in through the login form; panics unless it works.
    pub async fn login(&self, name: &str, password: &str) {
        let r = self.try_login(name, password).await;
        assert_eq!(
            r.status(),
            303,
            "login as {name}: {}",
            r.text().await.unwrap()
        );
    }

    /// Submits a moderator form found on `page` (its CSRF token) to `action`.
    pub async fn admin_post(
        &self,
        page: &str,
        action: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let (csrf, _) = self.form_tokens(page).await;
        let mut all: Vec<(&str, &str)> = vec![("csrf", &csrf)];
        all.extend_from_slice(fields);
        self.post_form(action, &all).await
    }

    /// Chooses `lang` for the editorial pages, as the account page does,
    /// for the one signed in in this browser; panics unless it is done.
    pub async fn choose_admin_lang(&self, lang: &str) {
        let r = self
            .admin_post(
                "/admin/account",
                "/admin/language",
                &[("lang", lang), ("back", "/admin")],
            )
            .await;
        assert_eq!(r.status(), 303, "choosing {lang}");
    }

    /// Approves comment `id` from the moderation queue, as the moderator
    /// signed in in this browser; panics unless it is done.
    pub async fn approve_comment(&self, id: i64) {
        let r = self
            .admin_post(
                "/admin/comments",
                &format!("/admin/comments/{id}"),
                &[("action", "approve"), ("back", "pending")],
            )
            .await;
        assert_eq!(r.status(), 303, "approving comment {id}");
    }

    pub fn location(r: &reqwest::Response) -> String {
        r.headers()
            .get("location")
            .map(|v| v.to_str().unwrap().to_string())
            .unwrap_or_default()
    }
}

impl TestApp {
    /// Another browser, its own cookies, every request of which carries
    /// `header` (an `Accept-Language`, the `X-Forwarded-For` a proxy adds).
    pub fn client_with(header: &'static str, value: &str) -> reqwest::Client {
        let mut headers = reqwest::header::HeaderMap::new();
        headers.insert(header, value.parse().unwrap());
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .cookie_store(true)
            .default_headers(headers)
            .build()
            .unwrap()
    }

    /// Another browser: its own cookies.
    pub fn fresh_client() -> reqwest::Client {
        reqwest::Client::builder()
            .redirect(reqwest::redirect::Policy::none())
            .cookie_store(true)
            .build()
            .unwrap()
    }
}

impl TestApp {
    /// The server's process id, to kill it while others still hold `self`.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// SIGKILL: no shutdown, no flush, as a crash or the OOM killer would.
    pub fn kill_hard(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// SIGTERM, as a service manager stops the server; its exit status if
    /// it exits `within`, else `None` (and it is left to `Drop`).
    pub fn terminate(&mut self, within: Duration) -> Option<std::process::ExitStatus> {
        let sent = Command::new("kill")
            .args(["-TERM", &self.child.id().to_string()])
            .status()
            .unwrap();
        assert!(sent.success(), "kill -TERM failed");
        let deadline = std::time::Instant::now() + within;
        while std::time::Instant::now() < deadline {
            if let Some(status) = self.child.try_wait().unwrap() {
                return Some(status);
            }
            std::thread::sleep(Duration::from_millis(20));
        }
        None
    }
}

/// `html`'s text with its tags dropped (entities left as written).
pub fn without_tags(html: &str) -> String {
    let mut text = String::new();
    let mut in_tag = false;
    for c in html.chars() {
        match c {
            '<' => in_tag = true,
            '>' => in_tag = false,
            c if !in_tag => text.push(c),
            _ => {}
        }
    }
    text
}

/// How the editorial pages name a command run on the server (`askaf user`,
/// `askaf import`), in each language: the command as typed, marked as
/// English, the rest in the page's language.
pub fn command_line_said(command: &str) -> [(&'static str, String); 3] {
    let command = format!(r#"<span lang="en" dir="ltr">{command}</span>"#);
    [
        ("en", format!("{command} (command line)")),
        ("fa", format!("{command} (خط فرمان)")),
        ("ps", format!("{command} (د امر کرښه)")),
    ]
}
