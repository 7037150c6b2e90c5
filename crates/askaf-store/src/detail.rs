//! What a line of the decision log says beside its action, kept with its
//! values so the log can say it in each moderator's own language.

use std::fmt;

use serde::{Deserialize, Serialize};

/// The values of an action that is not a check's decision (a word list
/// saved, an account created, a ban), stored as JSON in the row's `reasons`
/// column (an object `{"code": …, "values": {…}}`, where a check's decision
/// keeps a list of `Reason`s) beside its English sentence (`Display`) in
/// `detail`, for logs and for versions that cannot read it. Renaming a
/// variant or a field would orphan stored rows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "code", content = "values", rename_all = "kebab-case")]
pub enum Detail {
    /// The word list saved, with this many entries.
    Patterns {
        entries: u64,
    },
    /// `role` as stored (`admin`, `moderator`…).
    AccountCreated {
        name: String,
        role: String,
    },
    RoleChanged {
        name: String,
        from: String,
        to: String,
    },
    PasswordSet {
        name: String,
    },
    /// `role` is `None` when the command line removed it.
    AccountRemoved {
        name: String,
        role: Option<String>,
    },
    /// An account's interface language, `from` and `to` as language codes.
    LanguageChanged {
        name: String,
        from: String,
        to: String,
    },
    /// An image kept in the media store under `file`, uploaded or imported
    /// as `original`.
    Image {
        file: String,
        original: String,
    },
    /// A comment imported from `source` (`WordPress`), where its id was `id`.
    Imported {
        source: String,
        id: i64,
    },
    /// A moderator's edit: the name and text the comment had before.
    Edited {
        name: String,
        body: String,
    },
    /// `kind` is `email` or `network`; `note` is the moderator's, as typed.
    Banned {
        kind: String,
        target: String,
        note: String,
    },
    Unbanned {
        target: String,
    },
}

impl Detail {
    /// Its stable code (the JSON's `"code"`).
    pub fn code(&self) -> &'static str {
        match self {
            Detail::Patterns { .. } => "patterns",
            Detail::AccountCreated { .. } => "account-created",
            Detail::RoleChanged { .. } => "role-changed",
            Detail::PasswordSet { .. } => "password-set",
            Detail::AccountRemoved { .. } => "account-removed",
            Detail::LanguageChanged { .. } => "language-changed",
            Detail::Image { .. } => "image",
            Detail::Imported { .. } => "imported",
            Detail::Edited { .. } => "edited",
            Detail::Banned { .. } => "banned",
            Detail::Unbanned { .. } => "unbanned",
        }
    }

    /// One of each, for the translations' tests.
    pub fn examples() -> Vec<Detail> {
        let s = |v: &str| v.to_string();
        vec![
            Detail::Patterns { entries: 2 },
            Detail::AccountCreated {
                name: s("bo"),
                role: s("moderator"),
            },
            Detail::RoleChanged {
                name: s("bo"),
                from: s("moderator"),
                to: s("editor"),
            },
            Detail::PasswordSet { name: s("bo") },
            Detail::AccountRemoved {
                name: s("bo"),
                role: Some(s("author")),
            },
            Detail::AccountRemoved {
                name: s("bo"),
                role: None,
            },
            Detail::LanguageChanged {
                name: s("bo"),
                from: s("en"),
                to: s("ps"),
            },
            Detail::Image {
                file: s("ab12.webp"),
                original: s("kabul.jpg"),
            },
            Detail::Imported {
                source: s("WordPress"),
                id: 12,
            },
            Detail::Edited {
                name: s("Ana"),
                body: s("Thanks"),
            },
            Detail::Banned {
                kind: s("network"),
                target: s("203.0.113.0/24"),
                note: s("spam"),
            },
            Detail::Banned {
                kind: s("email"),
                target: s("x@example.com"),
                note: String::new(),
            },
            Detail::Unbanned {
                target: s("x@example.com"),
            },
        ]
    }

    /// As kept in the `reasons` column.
    pub(crate) fn encode(&self) -> String {
        // Strings and integers: serializing cannot fail.
        serde_json::to_string(self).unwrap_or_default()
    }

    /// Back from [`Detail::encode`]'s JSON; `None` for anything else (a
    /// check's list of reasons, a code a later version added).
    pub(crate) fn decode(json: &str) -> Option<Detail> {
        serde_json::from_str(json).ok()
    }
}

/// The English sentence kept in `detail`, as the log had it before the
/// values were kept.
impl fmt::Display for Detail {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Detail::Patterns { entries } => write!(
                f,
                "{entries} {}",
                if *entries == 1 { "entry" } else { "entries" }
            ),
            Detail::AccountCreated { name, role } => write!(f, "{name} as {role}"),
            Detail::RoleChanged { name, from, to } | Detail::LanguageChanged { name, from, to } => {
                write!(f, "{name}: {from} to {to}")
            }
            Detail::PasswordSet { name } | Detail::AccountRemoved { name, role: None } => {
                f.write_str(name)
            }
            Detail::AccountRemoved {
                name,
                role: Some(role),
            } => write!(f, "{name} ({role})"),
            Detail::Image { file, original } => write!(f, "{file} ({original})"),
            Detail::Imported { source, id } => write!(f, "{source} comment {id}"),
            Detail::Edited { name, body } => write!(f, "was: {name}: {body}"),
            Detail::Banned { target, note, .. } => {
                write!(f, "{}", format!("{target} {note}").trim_end())
            }
            Detail::Unbanned { target } => f.write_str(target),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Each comes back from its JSON, kept under its code, and a check's
    /// list of reasons is not taken for one.
    #[test]
    fn details_round_trip_through_json_under_their_codes() {
        for detail in Detail::examples() {
            let json = detail.encode();
            assert_eq!(Detail::decode(&json).as_ref(), Some(&detail), "{json}");
            let value: serde_json::Value = serde_json::from_str(&json).unwrap();
            assert_eq!(value["code"], detail.code(), "{json}");
        }
        assert_eq!(Detail::decode(r#"[{"code":"no-email"}]"#), None);
        assert_eq!(Detail::decode(r#"{"code":"later","values":{}}"#), None);
    }
}
