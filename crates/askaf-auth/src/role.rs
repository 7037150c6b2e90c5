//! Roles and what they allow, in one table ([`Role::can`]) so that a handler asks
//! for a permission and never compares roles itself.

use std::fmt;
use std::str::FromStr;

/// The kinds of account. Readers have no account: everything public works without
/// one, so every account is staff of some kind.
///
/// The order (`Moderator < Editor < Admin`) is only for sorting lists; permissions
/// are not nested (an editor cannot manage spam defences), so ask [`Role::can`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Role {
    /// Writes and saves drafts of articles; an editor publishes them.
    Author,
    Moderator,
    Editor,
    Admin,
}

/// Something a handler needs an account to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Permission {
    /// See the moderation queue; approve, mark spam, delete, edit comments; close comments on an article.
    ModerateComments,
    /// Ban emails and networks, edit the spam word list, read the decision log.
    ManageSpamDefences,
    /// See the questions readers asked (and those with no answer), article revisions.
    ReadEditorialData,
    /// Create and remove accounts from the web (the CLI can always).
    ManageAccounts,
    /// Open the article list and the editor, save drafts.
    WriteArticles,
    /// Publish and unpublish articles, restore revisions.
    PublishArticles,
}

impl Role {
    /// The name stored in the database and typed on the command line.
    pub fn as_str(&self) -> &'static str {
        match self {
            Role::Author => "author",
            Role::Moderator => "moderator",
            Role::Editor => "editor",
            Role::Admin => "admin",
        }
    }

    pub fn all() -> [Role; 4] {
        [Role::Author, Role::Moderator, Role::Editor, Role::Admin]
    }

    pub fn can(&self, p: Permission) -> bool {
        use Permission::*;
        match self {
            Role::Moderator => matches!(p, ModerateComments | ManageSpamDefences),
            Role::Author => matches!(p, WriteArticles),
            Role::Editor => matches!(
                p,
                ReadEditorialData | ModerateComments | WriteArticles | PublishArticles
            ),
            Role::Admin => true,
        }
    }
}

/// Why a typed name is no [`Role`]; `typed` is the name as typed, without
/// surrounding whitespace. The message lists the names there are, in
/// [`Role::all`]'s order.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum RoleError {
    #[error("unknown role {typed:?}: expected one of {}", role_names())]
    Unknown { typed: String },
}

/// The roles' names, comma-separated, in [`Role::all`]'s order.
fn role_names() -> String {
    let names: Vec<&str> = Role::all().iter().map(|r| r.as_str()).collect();
    names.join(", ")
}

impl FromStr for Role {
    type Err = RoleError;

    /// Accepts the names in any case, since they are typed by people on the command line.
    fn from_str(s: &str) -> Result<Role, RoleError> {
        let wanted = s.trim();
        Role::all()
            .into_iter()
            .find(|r| r.as_str().eq_ignore_ascii_case(wanted))
            .ok_or_else(|| RoleError::Unknown {
                typed: wanted.to_string(),
            })
    }
}

impl fmt::Display for Role {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Permission::*;

    #[test]
    fn permission_table() {
        let table = [
            (Role::Author, [false, false, false, false, true, false]),
            (Role::Moderator, [true, true, false, false, false, false]),
            (Role::Editor, [true, false, true, false, true, true]),
            (Role::Admin, [true, true, true, true, true, true]),
        ];
        let perms = [
            ModerateComments,
            ManageSpamDefences,
            ReadEditorialData,
            ManageAccounts,
            WriteArticles,
            PublishArticles,
        ];
        for (role, expected) in table {
            for (p, want) in perms.into_iter().zip(expected) {
                assert_eq!(role.can(p), want, "{role} {p:?}");
            }
        }
    }

    #[test]
    fn names_round_trip() {
        for r in Role::all() {
            assert_eq!(r.as_str().parse::<Role>(), Ok(r));
            assert_eq!(r.to_string(), r.as_str());
        }
        assert_eq!(" Admin ".parse::<Role>(), Ok(Role::Admin));
    }

    #[test]
    fn unknown_role_lists_the_valid_ones() {
        let err = "owner".parse::<Role>().unwrap_err().to_string();
        assert!(err.contains("\"owner\""), "{err}");
        assert!(err.contains("author, moderator, editor, admin"), "{err}");
    }
}
