//! Accounts, sessions, failed logins and the site's generated secrets.
//!
//! Passwords arrive here already hashed and session tokens already hashed:
//! the database never holds anything that logs someone in by itself.

use sqlx::any::AnyRow;
use sqlx::Row;

use askaf_content::Lang;

use crate::{now_text, now_unix, Error, Store};

/// Someone who runs the site.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct User {
    pub id: i64,
    pub username: String,
    /// `admin`, `editor` or `moderator`.
    pub role: String,
    pub created_at: String,
    pub password_changed_at: String,
    /// The language the editorial pages are shown in to this account's user.
    pub lang: Lang,
    /// Whether the user chose `lang` (or signed in once, which took the
    /// login page's language, [`Store::adopt_user_lang`]); a new account's
    /// is not, and its `lang` is English until then.
    pub lang_chosen: bool,
}

/// A live session and whose it is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub user: User,
    pub expires_unix: i64,
}

const USER_COLUMNS: &str = "id, username, role, created_at, password_changed_at, lang, lang_chosen";

fn user_from_row(r: &AnyRow) -> User {
    User {
        id: r.get("id"),
        username: r.get("username"),
        role: r.get("role"),
        created_at: r.get("created_at"),
        password_changed_at: r.get("password_changed_at"),
        // The column's CHECK holds it to the three codes.
        lang: r.get::<String, _>("lang").parse().unwrap_or(Lang::En),
        lang_chosen: r.get::<i64, _>("lang_chosen") != 0,
    }
}

/// Whose failed logins [`Store::login_failures`] counts.
#[derive(Debug, Clone, Copy)]
pub enum FailuresOf<'a> {
    /// One account's, from one address.
    AccountFromAddress(&'a str, &'a str),
    /// One address's, for any account.
    Address(&'a str),
    /// One account's, from every address.
    Account(&'a str),
}

impl Store {
    /// Creates an account; `Conflict` when the name is taken.
    pub async fn create_user(
        &self,
        username: &str,
        role: &str,
        password_hash: &str,
    ) -> Result<User, Error> {
        let now = now_text();
        let id: Option<i64> = sqlx::query_scalar(
            "INSERT INTO users (username, role, password_hash, created_at, password_changed_at)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT (username) DO NOTHING RETURNING id",
        )
        .bind(username)
        .bind(role)
        .bind(password_hash)
        .bind(&now)
        .bind(&now)
        .fetch_optional(&self.pool)
        .await?;
        let Some(id) = id else {
            return Err(Error::Conflict(format!(
                "there is already an account named {username}"
            )));
        };
        Ok(User {
            id,
            username: username.to_string(),
            role: role.to_string(),
            created_at: now.clone(),
            password_changed_at: now,
            lang: Lang::En,
            lang_chosen: false,
        })
    }

    /// Sets a new password hash and ends every session of the account, so a
    /// changed password shuts out whoever had the old one.
    pub async fn set_password(&self, username: &str, password_hash: &str) -> Result<(), Error> {
        let mut tx = self.begin_write().await?;
        let id: Option<i64> = sqlx::query_scalar("SELECT id FROM users WHERE username = $1")
            .bind(username)
            .fetch_optional(&mut *tx)
            .await?;
        let Some(id) = id else {
            return Err(Error::NotFound(format!(
                "there is no account named {username}"
            )));
        };
        sqlx::query("UPDATE users SET password_hash = $1, password_changed_at = $2 WHERE id = $3")
            .bind(password_hash)
            .bind(now_text())
            .bind(id)
            .execute(&mut *tx)
            .await?;
        sqlx::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(id)
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(())
    }

    /// Replaces an account's password hash with a stronger hash of the same
    /// password (made at a sign-in, while the password is at hand), if the
    /// hash is still `old`: the password is the same, so its sessions go
    /// on, and a password changed meanwhile is left as it is. Whether it
    /// was replaced.
    pub async fn upgrade_password_hash(
        &self,
        username: &str,
        old: &str,
        new: &str,
    ) -> Result<bool, Error> {
        let done = sqlx::query(
            "UPDATE users SET password_hash = $1 WHERE username = $2 AND password_hash = $3",
        )
        .bind(new)
        .bind(username)
        .bind(old)
        .execute(&self.pool)
        .await?;
        Ok(done.rows_affected() == 1)
    }

    /// Changes an account's role; it applies from the account's next request.
    pub async fn set_role(&self, username: &str, role: &str) -> Result<(), Error> {
        self.update_user(
            "UPDATE users SET role = $1 WHERE username = $2",
            role,
            username,
        )
        .await
    }

    /// Sets the language an account's editorial pages are shown in.
    pub async fn set_user_lang(&self, username: &str, lang: Lang) -> Result<(), Error> {
        self.update_user(
            "UPDATE users SET lang = $1, lang_chosen = 1 WHERE username = $2",
            lang.code(),
            username,
        )
        .await
    }

    /// Gives an account whose user has not chosen a language `lang`, the
    /// one they signed in in, as chosen; an account's choice stays. Whether
    /// it was given.
    pub async fn adopt_user_lang(&self, username: &str, lang: Lang) -> Result<bool, Error> {
        let done = sqlx::query(
            "UPDATE users SET lang = $1, lang_chosen = 1 WHERE username = $2 AND lang_chosen = 0",
        )
        .bind(lang.code())
        .bind(username)
        .execute(&self.pool)
        .await?
        .rows_affected();
        Ok(done > 0)
    }

    /// Runs `sql`, which sets one column of an account to `$1` where its
    /// name is `$2`; `NotFound` when there is no such account.
    async fn update_user(&self, sql: &str, value: &str, username: &str) -> Result<(), Error> {
        let done = sqlx::query(sql)
            .bind(value)
            .bind(username)
            .execute(&self.pool)
            .await?
            .rows_affected();
        if done == 0 {
            return Err(Error::NotFound(format!(
                "there is no account named {username}"
            )));
        }
        Ok(())
    }

    /// Removes an account and its sessions.
    pub async fn remove_user(&self, username: &str) -> Result<(), Error> {
        let done = sqlx::query("DELETE FROM users WHERE username = $1")
            .bind(username)
            .execute(&self.pool)
            .await?
            .rows_affected();
        if done == 0 {
            return Err(Error::NotFound(format!(
                "there is no account named {username}"
            )));
        }
        Ok(())
    }

    pub async fn users(&self) -> Result<Vec<User>, Error> {
        let rows = sqlx::query(&format!(
            "SELECT {USER_COLUMNS} FROM users ORDER BY username"
        ))
        .fetch_all(&self.pool)
        .await?;
        Ok(rows.iter().map(user_from_row).collect())
    }

    /// One account by name, without reading the others.
    pub async fn user(&self, username: &str) -> Result<Option<User>, Error> {
        Ok(self.user_for_login(username).await?.map(|(user, _)| user))
    }

    /// The account and its password hash, for a login attempt.
    pub async fn user_for_login(&self, username: &str) -> Result<Option<(User, String)>, Error> {
        let row = sqlx::query(&format!(
            "SELECT {USER_COLUMNS}, password_hash FROM users WHERE username = $1"
        ))
        .bind(username)
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| (user_from_row(&r), r.get("password_hash"))))
    }

    /// Starts a session that lasts `ttl_seconds`.
    pub async fn create_session(
        &self,
        user_id: i64,
        token_hash: &str,
        ttl_seconds: i64,
    ) -> Result<(), Error> {
        let now = now_unix();
        let mut tx = self.begin_write().await?;
        // Expired sessions are swept whenever someone logs in.
        sqlx::query("DELETE FROM sessions WHERE expires_unix < $1")
            .bind(now)
            .execute(&mut *tx)
            .await?;
        sqlx::query(
            "INSERT INTO sessions (token_hash, user_id, created_unix, expires_unix) VALUES ($1, $2, $3, $4)",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(now)
        .bind(now + ttl_seconds)
        .execute(&mut *tx)
        .await?;
        tx.commit().await?;
        Ok(())
    }

    /// The session for a token hash, if it exists and has not expired.
    pub async fn session(&self, token_hash: &str) -> Result<Option<Session>, Error> {
        let row = sqlx::query(
            "SELECT u.id, u.username, u.role, u.created_at, u.password_changed_at, u.lang, u.lang_chosen, s.expires_unix
             FROM sessions s JOIN users u ON u.id = s.user_id
             WHERE s.token_hash = $1 AND s.expires_unix > $2",
        )
        .bind(token_hash)
        .bind(now_unix())
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|r| Session {
            user: user_from_row(&r),
            expires_unix: r.get("expires_unix"),
        }))
    }

    pub async fn delete_session(&self, token_hash: &str) -> Result<(), Error> {
        sqlx::query("DELETE FROM sessions WHERE token_hash = $1")
            .bind(token_hash)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    pub async fn record_login_failure(&self, username: &str, ip: &str) -> Result<(), Error> {
        sqlx::query("INSERT INTO login_failures (username, ip, at_unix) VALUES ($1, $2, $3)")
            .bind(username)
            .bind(ip)
            .bind(now_unix())
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// Failed logins of `of` in the last `window_seconds`, and the age in
    /// seconds of the oldest one counted (0 when none was).
    pub async fn login_failures(
        &self,
        of: FailuresOf<'_>,
        window_seconds: i64,
    ) -> Result<(u32, u64), Error> {
        let now = now_unix();
        let (filter, first, second) = match of {
            FailuresOf::AccountFromAddress(user, ip) => ("username = $1 AND ip = $2", user, ip),
            FailuresOf::Address(ip) => ("ip = $1 AND ip = $2", ip, ip),
            FailuresOf::Account(user) => ("username = $1 AND username = $2", user, user),
        };
        let row = sqlx::query(&format!(
            "SELECT COUNT(*) AS n, MIN(at_unix) AS oldest FROM login_failures
             WHERE {filter} AND at_unix >= $3"
        ))
        .bind(first)
        .bind(second)
        .bind(now - window_seconds)
        .fetch_one(&self.pool)
        .await?;
        let oldest: Option<i64> = row.get("oldest");
        Ok((
            row.get::<i64, _>("n") as u32,
            oldest.map_or(0, |t| (now - t).max(0) as u64),
        ))
    }

    /// Forgets an account's failed logins after a successful one.
    pub async fn clear_login_failures(&self, username: &str) -> Result<(), Error> {
        sqlx::query("DELETE FROM login_failures WHERE username = $1")
            .bind(username)
            .execute(&self.pool)
            .await?;
        Ok(())
    }

    /// A secret the site generates once and every node then shares; the first
    /// writer wins, so concurrent first starts agree.
    pub async fn site_secret(
        &self,
        name: &str,
        generate: impl FnOnce() -> Vec<u8>,
    ) -> Result<Vec<u8>, Error> {
        sqlx::query(
            "INSERT INTO site_secrets (name, value) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING",
        )
        .bind(name)
        .bind(generate())
        .execute(&self.pool)
        .await?;
        Ok(
            sqlx::query_scalar("SELECT value FROM site_secrets WHERE name = $1")
                .bind(name)
                .fetch_one(&self.pool)
                .await?,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_db::TestDb;

    on_both!(accounts_sessions_and_failures, the_site_secret_is_made_once);

    async fn accounts_sessions_and_failures(db: TestDb) {
        let store = db.open().await;
        let u = store
            .create_user("ana", "moderator", "$hash1")
            .await
            .unwrap();
        assert!(matches!(
            store.create_user("ana", "admin", "$h").await,
            Err(Error::Conflict(_))
        ));
        let (found, hash) = store.user_for_login("ana").await.unwrap().unwrap();
        assert_eq!((found.id, hash.as_str()), (u.id, "$hash1"));
        assert!(store.user_for_login("bo").await.unwrap().is_none());

        // English until the user chooses or signs in (the login page's
        // language, adopted once); the choice is the account's, in its
        // sessions too, and a later sign-in in another language keeps it.
        assert_eq!((found.lang, found.lang_chosen), (Lang::En, false));
        assert!(store.adopt_user_lang("ana", Lang::Fa).await.unwrap());
        let ana = store.user("ana").await.unwrap().unwrap();
        assert_eq!((ana.lang, ana.lang_chosen), (Lang::Fa, true));
        assert!(!store.adopt_user_lang("ana", Lang::En).await.unwrap());
        store.set_user_lang("ana", Lang::Ps).await.unwrap();
        assert!(!store.adopt_user_lang("ana", Lang::En).await.unwrap());
        assert_eq!(store.user("ana").await.unwrap().unwrap().lang, Lang::Ps);
        assert!(matches!(
            store.set_user_lang("bo", Lang::Fa).await,
            Err(Error::NotFound(_))
        ));

        store.create_session(u.id, "t1", 3600).await.unwrap();
        store.create_session(u.id, "t-expired", -1).await.unwrap();
        let session = store.session("t1").await.unwrap().unwrap();
        assert_eq!(
            (session.user.username.as_str(), session.user.lang),
            ("ana", Lang::Ps)
        );
        assert!(store.session("t-expired").await.unwrap().is_none());
        assert!(store.session("nope").await.unwrap().is_none());

        // A stronger hash of the same password keeps the sessions, and is
        // not written over a hash that changed meanwhile.
        assert!(store
            .upgrade_password_hash("ana", "$hash1", "$hash1-stronger")
            .await
            .unwrap());
        assert!(!store
            .upgrade_password_hash("ana", "$hash1", "$hash1-again")
            .await
            .unwrap());
        let (_, hash) = store.user_for_login("ana").await.unwrap().unwrap();
        assert_eq!(hash, "$hash1-stronger");
        assert!(store.session("t1").await.unwrap().is_some());

        // A new password ends the old sessions.
        store.set_password("ana", "$hash2").await.unwrap();
        assert!(store.session("t1").await.unwrap().is_none());
        assert!(matches!(
            store.set_password("bo", "$h").await,
            Err(Error::NotFound(_))
        ));

        store
            .record_login_failure("ana", "198.51.100.1")
            .await
            .unwrap();
        store
            .record_login_failure("ana", "198.51.100.2")
            .await
            .unwrap();
        store
            .record_login_failure("bo", "198.51.100.1")
            .await
            .unwrap();
        let store = &store;
        let count = |of| async move { store.login_failures(of, 900).await.unwrap().0 };
        let here = FailuresOf::AccountFromAddress("ana", "198.51.100.1");
        let ip = FailuresOf::Address("198.51.100.1");
        let account = FailuresOf::Account("ana");
        assert_eq!(
            (count(here).await, count(ip).await, count(account).await),
            (1, 2, 2)
        );
        store.clear_login_failures("ana").await.unwrap();
        assert_eq!(
            (count(here).await, count(ip).await, count(account).await),
            (0, 1, 0)
        );

        store.create_session(u.id, "t2", 3600).await.unwrap();
        store.remove_user("ana").await.unwrap();
        assert!(store.session("t2").await.unwrap().is_none());
        assert!(matches!(
            store.remove_user("ana").await,
            Err(Error::NotFound(_))
        ));
    }

    async fn the_site_secret_is_made_once(db: TestDb) {
        let store = db.open().await;
        let a = store.site_secret("signing", || vec![1; 32]).await.unwrap();
        let b = store.site_secret("signing", || vec![2; 32]).await.unwrap();
        assert_eq!(a, vec![1; 32]);
        assert_eq!(a, b);
    }
}
