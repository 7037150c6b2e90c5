//! `askaf user add|passwd|remove|list`: accounts are made by whoever runs
//! the server, never through a public form.

use std::io::{BufRead, IsTerminal};
use std::process::ExitCode;

use anyhow::Context;
use askaf_auth::{Role, Username};
use askaf_store::{Detail, Location};

/// Who the decision log says acted: whoever runs the server's commands.
const ACTOR: &str = "askaf user (command line)";

fn runtime() -> anyhow::Result<tokio::runtime::Runtime> {
    tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .context("cannot start the async runtime")
}

/// A new password: typed twice at a terminal, or the first line of stdin
/// (for scripts), which must hold one. Never a flag, so it stays out of
/// shell history and `ps`.
fn read_password() -> anyhow::Result<String> {
    let password = if std::io::stdin().is_terminal() {
        let first = rpassword::prompt_password("New password: ")?;
        let again = rpassword::prompt_password("Again: ")?;
        anyhow::ensure!(first == again, "the two passwords differ; nothing changed");
        first
    } else {
        let mut line = String::new();
        std::io::stdin()
            .lock()
            .read_line(&mut line)
            .context("cannot read the password from stdin")?;
        let password = line.trim_end_matches(['\n', '\r']).to_string();
        // An unset variable piped in, or `</dev/null`: said as that, not
        // as a password too short.
        anyhow::ensure!(
            !password.is_empty(),
            "no password was given on standard input: give it as its first line \
             (printf '%s\\n' \"$PW\" | askaf user ...), or run the command at a terminal, \
             which asks for it; nothing changed"
        );
        password
    };
    askaf_auth::check_password_policy(&password)?;
    Ok(password)
}

fn hash(password: &str) -> anyhow::Result<String> {
    Ok(askaf_auth::hash_password(password)?)
}

fn name(s: &str) -> anyhow::Result<Username> {
    Username::parse(s).map_err(|e| anyhow::anyhow!("{e}"))
}

pub fn add(database: &Location, user: &str, role: &str) -> anyhow::Result<ExitCode> {
    super::site_or_new(database)?;
    // A running server holds the directory but keeps no SQLite database
    // in it: it serves from PostgreSQL, and an account made here would be
    // in a database nobody reads.
    if let Location::Sqlite(dir) = database {
        let locked = matches!(
            askaf_store::DataLock::acquire(dir),
            Err(askaf_store::Error::Locked(_))
        );
        anyhow::ensure!(
            !locked || dir.join(askaf_store::DB_FILE).is_file(),
            "the server running in {} keeps its data in another database (PostgreSQL): \
             give it with --database URL or the settings file it uses",
            dir.display()
        );
    }
    let user = name(user)?;
    let role: Role = role.parse()?;
    let password = read_password()?;
    let hashed = hash(&password)?;
    runtime()?.block_on(async {
        let store = super::open_store(database, "user add", super::Access::Writes).await?;
        store
            .create_user(user.as_str(), role.as_str(), &hashed)
            .await?;
        store
            .log_action(
                "account created",
                &Detail::AccountCreated {
                    name: user.as_str().to_string(),
                    role: role.as_str().to_string(),
                },
                ACTOR,
            )
            .await?;
        store.close().await;
        println!("created {} ({role})", user.as_str());
        Ok(ExitCode::SUCCESS)
    })
}

pub fn passwd(database: &Location, user: &str) -> anyhow::Result<ExitCode> {
    super::existing_site(database)?;
    let user = name(user)?;
    runtime()?.block_on(async {
        let store = super::open_store(database, "user passwd", super::Access::Writes).await?;
        // Say so before asking for a password nobody can use.
        anyhow::ensure!(
            store.user_for_login(user.as_str()).await?.is_some(),
            "there is no account named {}",
            user.as_str()
        );
        let hashed = hash(&read_password()?)?;
        store.set_password(user.as_str(), &hashed).await?;
        store
            .log_action(
                "password set",
                &Detail::PasswordSet {
                    name: user.as_str().to_string(),
                },
                ACTOR,
            )
            .await?;
        store.close().await;
        println!(
            "changed the password of {}; its sessions have ended",
            user.as_str()
        );
        Ok(ExitCode::SUCCESS)
    })
}

pub fn remove(database: &Location, user: &str) -> anyhow::Result<ExitCode> {
    super::existing_site(database)?;
    let user = name(user)?;
    runtime()?.block_on(async {
        let store = super::open_store(database, "user remove", super::Access::Writes).await?;
        store.remove_user(user.as_str()).await?;
        store
            .log_action(
                "account removed",
                &Detail::AccountRemoved {
                    name: user.as_str().to_string(),
                    role: None,
                },
                ACTOR,
            )
            .await?;
        store.close().await;
        println!("removed {}", user.as_str());
        Ok(ExitCode::SUCCESS)
    })
}

pub fn list(database: &Location) -> anyhow::Result<ExitCode> {
    super::existing_site(database)?;
    let users = runtime()?.block_on(super::read_once(database, "user list", async |store| {
        Ok(store.users().await?)
    }))?;
    if users.is_empty() {
        eprintln!(
            "no accounts in {database} yet; create one with `askaf user add NAME --role admin`"
        );
    }
    for u in users {
        println!("{}\t{}\t{}", u.username, u.role, u.created_at);
    }
    Ok(ExitCode::SUCCESS)
}
