//! `askaf`: the whole AskAfghanistan site in one binary.

mod cmd;
mod settings;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;

use askaf_content::Lang;
use clap::builder::{PathBufValueParser, TypedValueParser};
use clap::{CommandFactory, FromArgMatches, Parser, Subcommand};

use settings::{LogFormat, Overrides};

/// AskAfghanistan: clear, cited answers to common questions about Afghanistan.
///
/// Settings come from built-in defaults, then the TOML file given with
/// --config, then ASKAF_* environment variables, then flags; each later
/// source wins.
#[derive(Debug, Parser)]
#[command(name = "askaf", version, about, long_about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Serve the site. With no flags: 127.0.0.1:8080, data in ./askaf-data, the built-in sample site.
    Serve(ServeArgs),
    /// Validate a content directory; every problem names the file and line. Exits non-zero on any problem.
    Check {
        /// The content directory to check (Markdown files with TOML front matter).
        #[arg(long, env = "ASKAF_CONTENT", value_parser = PathBufValueParser::new().try_map(settings::content_dir))]
        content: Option<PathBuf>,
        /// Check the built-in sample site instead.
        #[arg(long, conflicts_with = "content")]
        builtin: bool,
        /// Also check that every upload an article shows (`/media/…`) is
        /// kept in the site's database, as the server does: a file alone
        /// cannot tell a mistyped address. Naming the database (`--data` or
        /// `--database`, as for `serve`) is enough; this flag asks for the
        /// default one, ./askaf-data.
        #[arg(long)]
        uploads: bool,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Bring articles in: a WordPress export (--wxr), or one plain-text article (--text).
    ///
    /// `--wxr FILE --content DIR` writes every post as DIR/LANG/SLUG.md and adds
    /// its comments to the database, then reports, by line of the export,
    /// everything that did not come across. Run again, it adds only what is new.
    #[command(group(clap::ArgGroup::new("what").required(true).args(["text", "wxr"])))]
    Import {
        /// A plain-text article: written as a draft Markdown file to stdout or --out.
        #[arg(long, requires_all = ["lang", "slug"])]
        text: Option<PathBuf>,
        /// A WordPress export (Tools → Export → All content).
        #[arg(long, requires = "content")]
        wxr: Option<PathBuf>,
        /// The content directory the articles of --wxr are written into.
        #[arg(long, env = "ASKAF_CONTENT", value_parser = PathBufValueParser::new().try_map(settings::content_dir))]
        content: Option<PathBuf>,
        /// The language: en, fa (Dari) or ps (Pashto), or a tag for one
        /// (fa-AF, prs, pus), as `ask --lang` takes it. With --wxr, for posts
        /// that do not say (Polylang's language wins) [default: the export's].
        #[arg(long, value_parser = Lang::parse_tag)]
        lang: Option<Lang>,
        /// The slug of the new article (--text): lowercase letters, digits and hyphens.
        #[arg(long)]
        slug: Option<String>,
        /// Where to write the draft of --text; refuses to overwrite an existing file.
        #[arg(long)]
        out: Option<PathBuf>,
        /// With --wxr: report what would be imported, write nothing.
        #[arg(long, conflicts_with = "text")]
        dry_run: bool,
        /// With --wxr: the site's copy of wp-content/uploads. The images the
        /// posts show are read from it and kept as uploads (as at /admin/media),
        /// and the articles show them; without it they stay links.
        #[arg(long, requires = "wxr")]
        uploads: Option<PathBuf>,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Ask a question and print the answer quoted from the articles, with its links.
    ///
    /// Asks the content files alone (--content DIR, else the built-in sample
    /// site), or, given the site's database (--data DIR, --database URL or
    /// --config FILE, as for `serve`, or ASKAF_DATA or ASKAF_DATABASE_URL set in the
    /// environment, as for `check`: a shell set up for `serve` asks its
    /// database), the site as `askaf serve` serves it: with the articles
    /// written and revised in the browser editor. The database is only read,
    /// from one snapshot, with no copy and no lock (the index is built in
    /// memory), so it may be asked while the server runs; content files it
    /// has not recorded yet are said, and asked as a start would serve them.
    Ask {
        /// The question, in English, Dari or Pashto.
        question: String,
        /// The reader's language: en, fa (Dari) or ps (Pashto), or a tag
        /// for one as the site takes it (fa-AF, prs, ps-AF, pus).
        #[arg(long, default_value = "en", value_parser = Lang::parse_tag)]
        lang: Lang,
        /// Content directory to ask (with --data or --database: the one
        /// `serve` reads, under the editor's articles). [default: the built-in sample site]
        #[arg(long, env = "ASKAF_CONTENT", value_parser = PathBufValueParser::new().try_map(settings::content_dir))]
        content: Option<PathBuf>,
        #[command(flatten)]
        model: ModelArgs,
        /// Also print what the answer was decided on: the sentence the words
        /// chose (answered or not), the question's closeness to it and to
        /// its best passage, the words' coverage and the share of the
        /// heaviest word it lacks. For editors and operators asking why Ask
        /// answered or turned a question away.
        #[arg(long)]
        explain: bool,
        #[command(flatten)]
        data: DataArgs,
    },
    /// List the questions readers asked, most asked first: what to write next.
    Questions {
        /// Only those that found no clear answer.
        #[arg(long)]
        unanswered: bool,
        /// How many to list (at least one).
        #[arg(long, default_value_t = 50, value_parser = clap::value_parser!(u32).range(1..))]
        limit: u32,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Manage the accounts of editors, moderators and administrators.
    User {
        #[command(subcommand)]
        action: UserAction,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Write a consistent copy of the database to FILE while the site keeps serving.
    Backup {
        /// The file to write; must not exist yet.
        file: PathBuf,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Replace the database with a backup. Stop the server first; the
    /// database it replaces is kept beside it.
    Restore {
        /// A file written by `askaf backup`.
        file: PathBuf,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Write the public site as static files, each with .gz and .br siblings, for
    /// nginx (gzip_static), a CDN or a disk. A second export writes only what changed.
    ///
    /// A second export into the same DIR also removes what the site no longer has
    /// (naming each file, for a CDN to forget), but keeps the stylesheet, script and
    /// icon the last export's pages linked (named by their bytes) until they change
    /// again: a page of that export that a CDN, a browser or an offline copy still
    /// holds finds them.
    Export {
        /// The directory to write the mirror into: a new or empty one, or an
        /// earlier export's. With --markdown, where the content files go.
        dir: PathBuf,
        /// Content directory. [default: the built-in sample site]
        #[arg(long, env = "ASKAF_CONTENT", value_parser = PathBufValueParser::new().try_map(settings::content_dir))]
        content: Option<PathBuf>,
        /// The live site's address: canonical links and feeds use it, and the
        /// mirror's Ask box and comment links go there.
        #[arg(long, env = "ASKAF_SITE_URL", value_parser = settings::site_url)]
        site_url: Option<String>,
        /// Links relative to each page, for a mirror opened from disk (file://).
        #[arg(long)]
        relative: bool,
        /// Write every article as its content file (LANG/SLUG.md) instead of
        /// the site: the archive, with the articles written in the browser,
        /// for git or for `askaf serve --content DIR`.
        #[arg(long, conflicts_with_all = ["site_url", "relative"])]
        markdown: bool,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Copy a site's whole database to another: SQLite to PostgreSQL or back.
    /// Every table is copied with its ids, and every table's row count is
    /// checked and printed. Stop the servers using either database first.
    CopyDb {
        /// A data directory (its SQLite database) or a postgres:// URL.
        #[arg(long, value_name = "DATA_DIR_OR_URL")]
        from: String,
        /// A data directory or a postgres:// URL; must hold no rows unless --replace.
        #[arg(long, value_name = "DATA_DIR_OR_URL")]
        to: String,
        /// Delete everything the target holds before copying into it.
        #[arg(long)]
        replace: bool,
    },
    /// Build the search index afresh, with progress. Stop the server first:
    /// it keeps its index up to date by itself; this is for a damaged index.
    Reindex {
        /// Content directory. [default: the built-in sample site]
        #[arg(long, env = "ASKAF_CONTENT", value_parser = PathBufValueParser::new().try_map(settings::content_dir))]
        content: Option<PathBuf>,
        #[command(flatten)]
        data: DataArgs,
    },
    /// Evaluate Ask on a SQuAD-format file: Recall@1/5, MRR@10, answer accuracy, abstention, latency.
    Eval {
        /// The SQuAD-format JSON file.
        #[arg(long)]
        squad: PathBuf,
        /// Language of the set: en, fa (Dari) or ps (Pashto), or a tag for
        /// one (fa-AF, prs, pus), as `ask --lang` takes it.
        #[arg(long, default_value = "en", value_parser = Lang::parse_tag)]
        lang: Lang,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
        /// Also write one JSON line per question (confidence, gold rank, best sentence) to this file.
        #[arg(long)]
        details: Option<PathBuf>,
        /// Override an engine weight for this run, e.g. --set proximity_weight=0.5 (repeatable).
        #[arg(long = "set", value_name = "NAME=VALUE")]
        settings: Vec<String>,
        /// The off-corpus test: index half the file's articles (chosen by a
        /// hash of their titles) and ask the other half's questions, which
        /// must be abstained on (`abstained_offcorpus`). `--offcorpus=second`
        /// indexes the other half, so that the two runs together count
        /// every question once as answerable and once as off-corpus.
        #[arg(
            long,
            value_name = "HALF",
            num_args = 0..=1,
            require_equals = true,
            default_missing_value = "first"
        )]
        offcorpus: Option<askaf_search::eval::Half>,
        /// Keep the passages' vectors in this file, so that a second run
        /// with the same model and set encodes nothing.
        #[arg(long, value_name = "FILE")]
        vectors: Option<PathBuf>,
        #[command(flatten)]
        model: ModelArgs,
    },
}

/// The optional sentence-embedding model, for ranking and abstaining by meaning.
#[derive(Debug, clap::Args)]
pub struct ModelArgs {
    /// multilingual-e5-small: a directory holding e5-small-q4.bin, or that
    /// file (`bash scripts/fetch-model.sh` prints the directory); without
    /// one, Ask ranks and abstains by the question's words alone.
    #[arg(long = "model", env = "ASKAF_ASK_MODEL", value_name = "DIR")]
    pub dir: Option<PathBuf>,
    /// The languages the model is used for, comma-separated. [default: en,fa,ps]
    #[arg(
        long = "model-langs",
        env = "ASKAF_ASK_MODEL_LANGS",
        value_name = "LANGS",
        value_parser = settings::model_langs
    )]
    pub langs: Option<String>,
}

/// Where the data lives, as `serve` finds it: --data, else the config file, else the default.
#[derive(Debug, clap::Args)]
pub struct DataArgs {
    /// Data directory (SQLite database). [default: ./askaf-data]
    #[arg(long, env = "ASKAF_DATA", global = true)]
    data: Option<PathBuf>,
    /// The site's PostgreSQL database, as for `serve`. [default: SQLite in the data directory]
    #[arg(
        long = "database",
        env = "ASKAF_DATABASE_URL",
        global = true,
        value_name = "URL"
    )]
    database_url: Option<String>,
    /// A TOML settings file, as for `serve`.
    #[arg(long, env = "ASKAF_CONFIG", global = true)]
    config: Option<PathBuf>,
}

impl DataArgs {
    /// The data directory and the database, as `serve` would use them.
    fn place(&self) -> anyhow::Result<(PathBuf, askaf_store::Location)> {
        let s = settings::Settings::load(
            self.config.as_deref(),
            Overrides {
                data: self.data.clone(),
                database_url: self.database_url.clone(),
                ..Overrides::default()
            },
        )?;
        let database = s.database()?;
        Ok((s.data, database))
    }

    fn database(&self) -> anyhow::Result<askaf_store::Location> {
        self.place().map(|(_, db)| db)
    }

    /// The settings file's (`--config`) settings, for what a command
    /// takes from it where no flag or variable says otherwise, as `serve`
    /// layers them (`content`; `site_url` for `export`; the model for
    /// `ask`). Without them `--config` named the site's database but not
    /// its files: `export`, `reindex` and `ask` read the built-in sample
    /// site in their place, and `export` linked it to the default address.
    fn file(&self) -> anyhow::Result<settings::Settings> {
        settings::Settings::load(self.config.as_deref(), Overrides::default())
    }

    /// The database, if one was named ([`DataArgs::names_a_database`]):
    /// for the commands that read the content files alone without one.
    fn named_database(&self) -> anyhow::Result<Option<askaf_store::Location>> {
        Ok(self.named_place()?.map(|(_, database)| database))
    }

    /// The data directory and the database, if either was named
    /// ([`DataArgs::names_a_database`]): `ask` reads the site from the
    /// database and the model's passage vectors from the directory.
    fn named_place(&self) -> anyhow::Result<Option<(PathBuf, askaf_store::Location)>> {
        if self.names_a_database() {
            self.place().map(Some)
        } else {
            Ok(None)
        }
    }

    /// Whether the data directory or the database was named (by a flag or
    /// its environment variable), or a settings file given, as `serve`
    /// reads them, rather than left to the default.
    fn names_a_database(&self) -> bool {
        self.data.is_some() || self.database_url.is_some() || self.config.is_some()
    }
}

#[derive(Debug, Subcommand)]
enum UserAction {
    /// Create an account. The password is read from the terminal, or from the first line of stdin.
    Add {
        /// The account's name, to sign in with: 2 to 40 letters a-z, digits, '.', '_' or '-',
        /// starting with a letter or digit (capitals are taken as small letters).
        name: String,
        /// admin, editor, moderator or author (an author writes drafts; an editor publishes).
        #[arg(long)]
        role: String,
    },
    /// Set a new password (read as for `add`); the account's sessions end.
    Passwd {
        /// The account's name.
        name: String,
    },
    /// Remove an account and end its sessions.
    Remove {
        /// The account's name.
        name: String,
    },
    /// List the accounts.
    List,
}

#[derive(Debug, clap::Args)]
pub struct ServeArgs {
    /// Address to listen on (HOST:PORT; localhost:8080 too); port 0 picks a free port. [default: 127.0.0.1:8080]
    #[arg(long, env = "ASKAF_ADDR", value_parser = settings::listen_addr)]
    addr: Option<SocketAddr>,
    /// Data directory (SQLite database, search index, rendered pages), created if missing. [default: ./askaf-data]
    #[arg(long, env = "ASKAF_DATA")]
    data: Option<PathBuf>,
    /// A PostgreSQL database instead of SQLite: postgres://USER:PASSWORD@HOST/DB,
    /// or postgres:///DB?host=/run/postgresql for a Unix socket; add ?sslmode=verify-full
    /// (and sslrootcert=FILE) to check the server's certificate over TCP.
    /// The index and pages stay in the data directory. [default: SQLite in the data directory]
    #[arg(long = "database", env = "ASKAF_DATABASE_URL", value_name = "URL")]
    database_url: Option<String>,
    /// Content directory of Markdown articles. [default: the built-in sample site]
    #[arg(long, env = "ASKAF_CONTENT", value_parser = PathBufValueParser::new().try_map(settings::content_dir))]
    content: Option<PathBuf>,
    /// Public URL of the site, for canonical links and feeds. [default: http://ADDR]
    #[arg(long, env = "ASKAF_SITE_URL", value_parser = settings::site_url)]
    site_url: Option<String>,
    /// Log format. [default: text]
    #[arg(long, env = "ASKAF_LOG_FORMAT", value_enum)]
    log_format: Option<LogFormat>,
    /// A TOML settings file.
    #[arg(long, env = "ASKAF_CONFIG")]
    config: Option<PathBuf>,
    #[command(flatten)]
    limits: settings::Limits,
    #[command(flatten)]
    model: ModelArgs,
}

/// mimalloc rather than glibc's allocator: pages are allocated on one
/// worker thread and freed on another, which glibc serves with a lock per
/// arena that the workers then queue on; mimalloc frees such memory without
/// one, and returns freed pages to the system on its own.
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's options, numbered as in its `mimalloc.h` (v3), which the
/// bindings do not name.
const MI_OPTION_ARENA_EAGER_COMMIT: libmimalloc_sys::mi_option_t = 4;
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

/// Memory is returned to the system as soon as it is free, and committed
/// only when used: resident memory is what the server holds, which the
/// operator sets limits by (bench/README.md: 35 MB less after a warm start
/// at 100,000 articles; throughput stayed within the benchmark's run-to-run
/// noise).
fn tune_allocator() {
    // SAFETY: setting options is allowed at any time; before the first
    // large allocations, as here, they apply to all of them.
    unsafe {
        libmimalloc_sys::mi_option_set(MI_OPTION_ARENA_EAGER_COMMIT, 0);
        libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 0);
    }
}

/// A command whose output goes to a pipe closed early (`askaf ask … | head`)
/// ends quietly, as `cat` or `grep` do, instead of panicking in `println!`:
/// the signal for a closed pipe goes back to ending the process. Not for
/// `serve`, whose writes to a reader gone mid-response must fail as errors
/// the server handles, never end it.
fn end_quietly_on_a_closed_pipe() {
    // SAFETY: restoring a signal's default disposition before any thread is
    // started; it changes nothing else in the process.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
}

fn main() -> ExitCode {
    tune_allocator();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // The help names every key of the settings file, from the struct that
    // reads it, so no key goes unnamed.
    let long_about = format!(
        "{}\n\nThe settings file's keys: {}.",
        Cli::command()
            .get_long_about()
            .map(|a| a.to_string())
            .unwrap_or_default(),
        settings::FileSettings::keys().join(", ")
    );
    let parsed = Cli::command()
        .long_about(long_about)
        .try_get_matches_from(&args)
        .and_then(|m| Cli::from_arg_matches(&m));
    let cli = match parsed {
        Ok(cli) => cli,
        Err(e) => match settings::from_environment(&e, &Cli::command(), &args) {
            Some(said) => {
                eprint!("{said}");
                return ExitCode::from(2);
            }
            None => e.exit(),
        },
    };
    if !matches!(cli.command, Command::Serve(_)) {
        end_quietly_on_a_closed_pipe();
    }
    let result = match cli.command {
        Command::Serve(args) => {
            let overrides = Overrides {
                addr: args.addr,
                data: args.data,
                database_url: args.database_url,
                content: args.content,
                site_url: args.site_url,
                log_format: args.log_format,
                limits: args.limits,
                ask_model: args.model.dir,
                ask_model_langs: args.model.langs,
            };
            settings::Settings::load(args.config.as_deref(), overrides).and_then(cmd::serve::run)
        }
        Command::Check {
            content,
            builtin,
            uploads,
            data,
        } => (if uploads {
            data.database().map(Some)
        } else {
            data.named_database()
        })
        .and_then(|database| {
            let content = if builtin {
                None
            } else {
                content.or(data.file()?.content)
            };
            cmd::check::run(content.as_deref(), builtin, database.as_ref())
        }),
        Command::Import {
            text,
            wxr,
            content,
            lang,
            slug,
            out,
            dry_run,
            uploads,
            data,
        } => match (text, wxr, content) {
            (_, Some(wxr), Some(content)) => cmd::wxr::run(
                &wxr,
                &content,
                lang,
                dry_run,
                uploads.as_deref(),
                data.database(),
            ),
            (Some(text), _, _) => cmd::import::run(
                &text,
                lang.unwrap_or(Lang::En), // clap requires it with --text
                slug.as_deref().unwrap_or_default(),
                out.as_deref(),
            ),
            _ => Err(anyhow::anyhow!(
                "say what to import: --wxr FILE --content DIR, or --text FILE"
            )),
        },
        Command::Questions {
            unanswered,
            limit,
            data,
        } => data
            .database()
            .and_then(|d| cmd::questions::run(unanswered, limit, &d)),
        Command::User { action, data } => data.database().and_then(|d| match action {
            UserAction::Add { name, role } => cmd::user::add(&d, &name, &role),
            UserAction::Passwd { name } => cmd::user::passwd(&d, &name),
            UserAction::Remove { name } => cmd::user::remove(&d, &name),
            UserAction::List => cmd::user::list(&d),
        }),
        Command::Backup { file, data } => {
            data.database().and_then(|d| cmd::backup::backup(&d, &file))
        }
        Command::Restore { file, data } => data
            .place()
            .and_then(|(dir, db)| cmd::backup::restore(&dir, &db, &file)),
        Command::CopyDb { from, to, replace } => cmd::copy_db::run(&from, &to, replace),
        Command::Ask {
            question,
            lang,
            content,
            model,
            explain,
            data,
        } => data.named_place().and_then(|place| {
            let file = data.file()?;
            let model = ModelArgs {
                dir: model.dir.or(file.ask_model),
                langs: model.langs.or(file.ask_model_langs),
            };
            cmd::ask::run(cmd::ask::Asked {
                question: &question,
                lang,
                content: content.or(file.content).as_deref(),
                database: place.as_ref().map(|(_, database)| database),
                data: place.as_ref().map(|(dir, _)| dir.as_path()),
                model: &model,
                explain,
            })
        }),
        Command::Export {
            dir,
            content,
            markdown: true,
            data,
            ..
        } => data.database().and_then(|db| {
            cmd::export::markdown(&dir, content.or(data.file()?.content).as_deref(), &db)
        }),
        Command::Export {
            dir,
            content,
            site_url,
            relative,
            markdown: false,
            data,
        } => data.database().and_then(|db| {
            let file = data.file()?;
            let content = content.or(file.content);
            let site_url = site_url.or(file.site_url);
            cmd::export::run(&dir, content.as_deref(), site_url.as_deref(), relative, &db)
        }),
        Command::Reindex { content, data } => data.place().and_then(|(dir, db)| {
            cmd::reindex::run(content.or(data.file()?.content).as_deref(), &dir, &db)
        }),
        Command::Eval {
            squad,
            lang,
            json,
            details,
            settings,
            offcorpus,
            vectors,
            model,
        } => cmd::eval::run(cmd::eval::Options {
            squad: &squad,
            lang,
            json,
            details: details.as_deref(),
            settings: &settings,
            offcorpus,
            vectors: vectors.as_deref(),
            model: &model,
        }),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {}", said(&e));
            ExitCode::FAILURE
        }
    }
}

/// An error and its causes, each once: many errors already name their
/// cause in their own words (`cannot read X: No such file or directory`),
/// and `{:#}` would then say the cause twice. Every error or warning the
/// binary prints about an error goes through here.
fn said(e: &anyhow::Error) -> String {
    let mut said: Vec<String> = Vec::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if said.iter().any(|s| s.contains(&text)) {
            continue;
        }
        // A cause that says all the context before it said, and more
        // (`cannot open the database X` and then `cannot open the
        // database X: connection refused`).
        match said.last_mut() {
            Some(last) if text.starts_with(last.as_str()) => *last = text,
            _ => said.push(text),
        }
    }
    said.join(": ")
}

#[cfg(test)]
mod tests {
    use super::said;

    #[test]
    fn a_cause_already_said_is_not_said_again() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "No such file or directory");
        let e = anyhow::Error::new(io).context("cannot read /x: No such file or directory");
        assert_eq!(said(&e), "cannot read /x: No such file or directory");
        let e = anyhow::anyhow!("disk full").context("cannot write /y");
        assert_eq!(said(&e), "cannot write /y: disk full");
        let e = anyhow::anyhow!("cannot open the database X: pool timed out")
            .context("cannot open the database X");
        assert_eq!(said(&e), "cannot open the database X: pool timed out");
        let e = anyhow::anyhow!("cannot open the database X: refused")
            .context("cannot open the database X")
            .context("--to");
        assert_eq!(said(&e), "--to: cannot open the database X: refused");
    }
}
