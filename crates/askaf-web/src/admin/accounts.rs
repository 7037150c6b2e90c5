//! Accounts managed from the browser by an administrator (issue 12, item
//! 7), as `askaf user` manages them from the command line: create with a
//! role and a password, change the role, set a new password (which ends the
//! account's sessions), remove. Every action is written to the decision log
//! with who did it. An administrator cannot demote or remove their own
//! account, so the site always keeps one who can manage the others.

use askaf_auth::{Permission, Role, RoleError, Username, UsernameError};
use askaf_store::Detail;
use axum::extract::rejection::FormRejection;
use axum::extract::{Form, Path};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;
use fluent_templates::fluent_bundle::FluentValue;
use minijinja::{context, Value};
use serde::Deserialize;

use super::reasons::Message;
use super::{read, see_other, with_session, Again, Ctx, Current, Poster, SignIn, View};
use crate::markup::escape;
use crate::{AppError, AppState};

pub(super) fn routes() -> Router<AppState> {
    Router::new()
        .route("/admin/users", get(list).post(create))
        .route("/admin/users/{name}", post(change))
}

#[derive(Deserialize, Default)]
#[serde(default)]
struct AccountForm {
    csrf: String,
    username: String,
    role: String,
    password: String,
    confirm: String,
    /// For an existing account: `role`, `password` or `remove`.
    action: String,
    #[serde(flatten)]
    login: SignIn,
}

async fn list(cx: Ctx) -> Result<Response, AppError> {
    let me = cx.require(Some(Permission::ManageAccounts)).await?;
    let q = cx.uri.query().and_then(|q| q.strip_prefix("notice="));
    let view = page(&cx, &me.user.username, None, &AccountForm::default()).await?;
    let view = match q {
        Some(n) => view.notice_html(super::notice_html(&cx, n)),
        None => view,
    };
    cx.render(StatusCode::OK, Some(&me), view)
}

/// The accounts page: the list, and the form to add one (with what was
/// typed, except passwords, when it comes back with a problem, given as
/// HTML: escaped, what was typed in a `<bdi>`).
async fn page<'a>(
    cx: &Ctx,
    me: &str,
    problem: Option<String>,
    typed: &AccountForm,
) -> Result<View<'a>, AppError> {
    let users: Vec<Value> = cx
        .app
        .store()
        .users()
        .await?
        .iter()
        .map(|u| {
            context! {
                username => u.username.clone(), role => u.role.clone(),
                role_name => super::role_name(cx.lang, &u.role),
                created_at => crate::clock::stamp(cx.lang, &u.created_at),
                password_changed_at => crate::clock::stamp(cx.lang, &u.password_changed_at),
                me => u.username == me,
            }
        })
        .collect();
    let view = users_view(cx, users, typed, false);
    Ok(match problem {
        Some(p) => view.error_html(p),
        None => view,
    })
}

/// The accounts page listing `users`, its add form holding `typed` (but
/// never a password: when one was typed, the form says it was not kept),
/// with a sign-in in it when `login`.
fn users_view<'a>(cx: &Ctx, users: Vec<Value>, typed: &AccountForm, login: bool) -> View<'a> {
    let roles: Vec<Value> = Role::all()
        .iter()
        .map(|r| context! { code => r.as_str(), name => super::role_name(cx.lang, r.as_str()) })
        .collect();
    View::new(
        "users",
        cx.t("admin-title-accounts"),
        context! {
            users, roles, login,
            typed => context! {
                username => typed.username.clone(),
                role => typed.role.clone(),
                password_dropped => !(typed.password.is_empty() && typed.confirm.is_empty()),
            },
        },
    )
}

/// The page again, with the problem that stopped `me`'s request (HTML).
async fn refused(
    cx: &Ctx,
    me: &Current,
    status: StatusCode,
    problem: String,
    typed: &AccountForm,
) -> Result<Response, AppError> {
    let view = page(cx, &me.user.username, Some(problem), typed).await?;
    cx.render(status, Some(me), view)
}

/// A new password typed twice, hashed (argon2id) off the async threads.
async fn hashed(cx: &Ctx, form: &AccountForm) -> Result<Result<String, String>, AppError> {
    if form.password != form.confirm {
        return Ok(Err(cx.t("admin-error-account-passwords-differ")));
    }
    if let Err(e) = askaf_auth::check_password_policy(&form.password) {
        return Ok(Err(super::password_problem(cx, &e)));
    }
    let password = form.password.clone();
    let hash = tokio::task::spawn_blocking(move || askaf_auth::hash_password(&password))
        .await
        .map_err(|e| AppError::Internal(e.to_string()))?
        .map_err(|e| AppError::Internal(e.to_string()))?;
    Ok(Ok(hash))
}

/// Why a typed name is no [`Username`], in the request's language, as
/// HTML: what was typed (and the character refused) in a `<bdi>` of its
/// own, as a ban's value is.
fn username_problem(cx: &Ctx, e: &UsernameError) -> String {
    let (min, max) = Username::LENGTHS;
    match e {
        UsernameError::Length { typed, len } => Message::new("admin-error-username-length")
            .typed("typed", typed)
            .arg("min", cx.num(min))
            .arg("max", cx.num(max))
            .arg("len", cx.num(len)),
        UsernameError::Character { typed, bad } => {
            Message::english("admin-error-username-character", &[("az", "a-z")])
                .typed("typed", typed)
                .typed("bad", &bad.to_string())
        }
        UsernameError::Start { typed } => {
            Message::new("admin-error-username-start").typed("typed", typed)
        }
    }
    .html(cx.lang)
}

/// Why a typed name is no [`Role`], in the request's language, as HTML:
/// the name as typed in a `<bdi>` of its own, and the roles there are by
/// their names in that language.
fn role_problem(cx: &Ctx, e: &RoleError) -> String {
    match e {
        RoleError::Unknown { typed } => {
            let roles: Vec<String> = Role::all()
                .iter()
                .map(|r| super::role_name(cx.lang, r.as_str()))
                .collect();
            let separator = format!("{} ", crate::i18n::comma(cx.lang));
            Message::new("admin-error-role-unknown")
                .typed("typed", typed)
                .arg("roles", FluentValue::from(roles.join(&separator)))
        }
    }
    .html(cx.lang)
}

/// The account a form asks for, or what is wrong with it (HTML).
async fn new_account(
    cx: &Ctx,
    form: &AccountForm,
) -> Result<Result<(Username, Role, String), String>, AppError> {
    let name = match Username::parse(&form.username) {
        Ok(n) => n,
        Err(e) => return Ok(Err(username_problem(cx, &e))),
    };
    let role: Role = match form.role.parse() {
        Ok(r) => r,
        Err(e) => return Ok(Err(role_problem(cx, &e))),
    };
    Ok(hashed(cx, form)
        .await?
        .map(|hash| (name, role, hash))
        .map_err(|problem| escape(&problem)))
}

async fn create(
    cx: Ctx,
    form: Result<Form<AccountForm>, FormRejection>,
) -> Result<Response, AppError> {
    let form = read(&cx, form)?;
    // The token first, then the session or a sign-in typed into the form:
    // an account typed after the session lapsed comes back with it.
    let poster = cx
        .poster(Permission::ManageAccounts, &form.csrf, &form.login)
        .await?;
    let (me, cookie) = match poster {
        Poster::Signed(me, cookie) => (me, cookie),
        Poster::Unverified(ref me) => {
            let view = page(&cx, &me.user.username, None, &form).await?;
            return cx.not_done(&poster, view);
        }
        // The add form as typed, and no list of accounts, to someone not
        // signed in.
        Poster::Lapsed(_) => return cx.not_done(&poster, users_view(&cx, vec![], &form, true)),
    };
    let (name, role, hash) = match new_account(&cx, &form).await? {
        Ok(account) => account,
        Err(problem) => {
            let r = refused(&cx, &me, StatusCode::UNPROCESSABLE_ENTITY, problem, &form).await?;
            return Ok(with_session(r, cookie));
        }
    };
    let store = cx.app.store();
    match store.create_user(name.as_str(), role.as_str(), &hash).await {
        Ok(_) => {}
        // The one conflict of a new account: its name is taken.
        Err(askaf_store::Error::Conflict(_)) => {
            let taken = cx.t_with(
                "admin-error-account-exists",
                &[("name", name.as_str().to_string().into())],
            );
            let r = refused(
                &cx,
                &me,
                StatusCode::UNPROCESSABLE_ENTITY,
                escape(&cx.t_with("admin-error-not-created", &[("problem", taken.into())])),
                &form,
            )
            .await?;
            return Ok(with_session(r, cookie));
        }
        Err(e) => return Err(e.into()),
    }
    store
        .log_action(
            "account created",
            &Detail::AccountCreated {
                name: name.as_str().to_string(),
                role: role.as_str().to_string(),
            },
            &me.user.username,
        )
        .await?;
    Ok(with_session(
        see_other("/admin/users?notice=created"),
        cookie,
    ))
}

/// What a form for an existing account does, from its `action`.
#[derive(Clone, Copy)]
enum Change {
    Role,
    Password,
    Remove,
}

impl Change {
    fn of(action: &str) -> Option<Change> {
        match action {
            "role" => Some(Change::Role),
            "password" => Some(Change::Password),
            "remove" => Some(Change::Remove),
            _ => None,
        }
    }
}

async fn change(
    cx: Ctx,
    Path(name): Path<String>,
    form: Result<Form<AccountForm>, FormRejection>,
) -> Result<Response, AppError> {
    let form = read(&cx, form)?;
    // The token first, then the session or a sign-in typed into the form:
    // a change chosen after the session lapsed comes back as a form that
    // does it, and nothing of the account is shown before a sign-in.
    let poster = cx
        .poster(Permission::ManageAccounts, &form.csrf, &form.login)
        .await?;
    let Some(change) = Change::of(&form.action) else {
        // No form to give back for an action there is not.
        return cx.refused_as_posted(poster, cx.bad_request("admin-error-account-action"));
    };
    let Poster::Signed(me, cookie) = poster else {
        let heading = cx.t("admin-title-accounts");
        return cx.again_page(&poster, "users", heading, again(&cx, &name, change, &form));
    };
    let done = apply(&cx, &me, &name, change, &form).await;
    Ok(with_session(
        done.unwrap_or_else(IntoResponse::into_response),
        cookie,
    ))
}

/// The form for `change` to the account `name`, as sent: the new password
/// is asked for again, never written into the page.
fn again(cx: &Ctx, name: &str, change: Change, form: &AccountForm) -> Again {
    let (key, button, sign_in, mut fields) = match change {
        Change::Role => (
            "admin-again-role",
            "admin-users-change-role",
            "admin-sign-in-role",
            vec![("role", form.role.clone())],
        ),
        Change::Password => (
            "admin-again-password",
            "admin-users-set-password",
            "admin-sign-in-password",
            vec![],
        ),
        Change::Remove => (
            "admin-again-remove",
            "admin-users-remove",
            "admin-sign-in-remove",
            vec![],
        ),
    };
    fields.insert(0, ("action", form.action.clone()));
    let role = super::role_name(cx.lang, &form.role);
    Again {
        what: cx.t_with(
            key,
            &[("name", name.to_string().into()), ("role", role.into())],
        ),
        fields,
        password_for: matches!(change, Change::Password).then(|| name.to_string()),
        button: cx.t(button),
        sign_in: cx.t(sign_in),
    }
}

/// `change` to the account `name`, by `me`, who may manage accounts.
async fn apply(
    cx: &Ctx,
    me: &Current,
    name: &str,
    change: Change,
    form: &AccountForm,
) -> Result<Response, AppError> {
    let store = cx.app.store();
    let Some(user) = store.user(name).await? else {
        return Err(AppError::not_found_because(
            cx.lang,
            cx.t_with(
                "admin-error-no-account",
                &[("name", name.to_string().into())],
            ),
        ));
    };
    let own = user.username == me.user.username;
    let (action, detail, notice) = match change {
        Change::Role => {
            let role: Role = match form.role.parse() {
                Ok(r) => r,
                Err(e) => {
                    return refused(
                        cx,
                        me,
                        StatusCode::UNPROCESSABLE_ENTITY,
                        role_problem(cx, &e),
                        &AccountForm::default(),
                    )
                    .await
                }
            };
            if own && role != Role::Admin {
                return refused(
                    cx,
                    me,
                    StatusCode::CONFLICT,
                    escape(&cx.t("admin-error-own-role")),
                    &AccountForm::default(),
                )
                .await;
            }
            store.set_role(&user.username, role.as_str()).await?;
            (
                "role changed",
                Detail::RoleChanged {
                    name: user.username.clone(),
                    from: user.role.clone(),
                    to: role.as_str().to_string(),
                },
                "role",
            )
        }
        Change::Password => {
            if own {
                return refused(
                    cx,
                    me,
                    StatusCode::CONFLICT,
                    escape(&cx.t("admin-error-own-password")),
                    &AccountForm::default(),
                )
                .await;
            }
            let hash = match hashed(cx, form).await? {
                Ok(h) => h,
                Err(problem) => {
                    return refused(
                        cx,
                        me,
                        StatusCode::UNPROCESSABLE_ENTITY,
                        escape(&cx.t_with(
                            "admin-error-password-not-set",
                            &[
                                ("name", user.username.clone().into()),
                                ("problem", problem.into()),
                            ],
                        )),
                        &AccountForm::default(),
                    )
                    .await
                }
            };
            store.set_password(&user.username, &hash).await?;
            (
                "password set",
                Detail::PasswordSet {
                    name: user.username.clone(),
                },
                "password",
            )
        }
        Change::Remove => {
            if own {
                return refused(
                    cx,
                    me,
                    StatusCode::CONFLICT,
                    escape(&cx.t("admin-error-own-removal")),
                    &AccountForm::default(),
                )
                .await;
            }
            store.remove_user(&user.username).await?;
            (
                "account removed",
                Detail::AccountRemoved {
                    name: user.username.clone(),
                    role: Some(user.role.clone()),
                },
                "removed",
            )
        }
    };
    store.log_action(action, &detail, &me.user.username).await?;
    Ok(see_other(&format!("/admin/users?notice={notice}")))
}
