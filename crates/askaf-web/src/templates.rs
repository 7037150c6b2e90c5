//! The HTML templates, embedded in the binary and autoescaped.
//!
//! English words on a Dari or Pashto page are marked `lang="en"
//! dir="ltr"`, in one of two ways. The rule: a word the code gives a
//! sentence (a format's name such as Markdown or HTML, a status as an
//! address writes it, an error as the log has it) is a Fluent argument,
//! marked by [`crate::admin::reasons::english_html`] (`t_en('key',
//! word='Markdown')` or `|english` in a template), so that the Dari and
//! Pashto translations hold a placeholder and no Latin letters (a test in
//! `i18n` holds them to it, the brand and a footer link its only words
//! allowed); words a text spells itself that we do not pick one by one
//! (an article's words, the brand, tagline and rights in `base.html` and
//! the about page) go through `|runs(lang)`, which marks each run of
//! another script.

use std::sync::LazyLock;

use askaf_content::Lang;
use fluent_templates::fluent_bundle::FluentValue;
use minijinja::value::Kwargs;
use minijinja::{Environment, State, Value};

use crate::i18n;

static ENV: LazyLock<Environment<'static>> = LazyLock::new(|| {
    let mut env = Environment::new();
    env.set_auto_escape_callback(|_| minijinja::AutoEscape::Html);
    env.set_undefined_behavior(minijinja::UndefinedBehavior::Strict);
    for (name, source) in [
        ("base.html", include_str!("../templates/base.html")),
        ("card.html", include_str!("../templates/card.html")),
        ("home.html", include_str!("../templates/home.html")),
        ("root.html", include_str!("../templates/root.html")),
        ("tag.html", include_str!("../templates/tag.html")),
        (
            "pagination.html",
            include_str!("../templates/pagination.html"),
        ),
        ("about.html", include_str!("../templates/about.html")),
        ("article.html", include_str!("../templates/article.html")),
        ("error.html", include_str!("../templates/error.html")),
        ("ask.html", include_str!("../templates/ask.html")),
        ("askform.html", include_str!("../templates/askform.html")),
        ("feedback.html", include_str!("../templates/feedback.html")),
        ("comments.html", include_str!("../templates/comments.html")),
        ("comment.html", include_str!("../templates/comment.html")),
        (
            "commentform.html",
            include_str!("../templates/commentform.html"),
        ),
        (
            "commentpage.html",
            include_str!("../templates/commentpage.html"),
        ),
        (
            "commentheld.html",
            include_str!("../templates/commentheld.html"),
        ),
        ("admin.html", include_str!("../templates/admin.html")),
    ] {
        // The templates are part of the binary and covered by tests; a syntax
        // error in one is a build defect, caught by the first test that renders.
        if let Err(e) = env.add_template(name, source) {
            panic!("template {name} does not parse: {e}");
        }
    }
    env.add_function("t", translate);
    env.add_function("t_en", translate_with_english);
    env.add_function("t_typed", translate_with_typed);
    env.add_filter("english", english);
    env.add_function("dates", dates);
    env.add_filter("runs", runs);
    // The forms' `maxlength`s, from the rules the server holds them to.
    // (An article's body has none: its limit is its file's, in bytes, which
    // a count of characters cannot say; see `admin::editor::MAX_FORM_BYTES`.)
    env.add_global("max_comment_name", askaf_comments::MAX_NAME_CHARS);
    env.add_global("max_comment_email", askaf_comments::MAX_EMAIL_CHARS);
    env.add_global("max_comment_body", askaf_comments::MAX_BODY_CHARS);
    env.add_global("max_title", askaf_content::MAX_TITLE);
    env.add_global("max_question", askaf_content::MAX_QUESTION);
    env.add_global("max_summary", askaf_content::MAX_SUMMARY);
    env.add_global("max_tag_label", crate::admin::MAX_LABEL_CHARS);
    env.add_global("max_word_list", askaf_comments::MAX_PATTERN_LIST_CHARS);
    // minijinja's HTML escaping also escapes `/`, which turns every URL into
    // `http:&#x2f;&#x2f;…`; valid, but unreadable in source and copied
    // citations. Escaping the five characters that matter is enough.
    env.set_formatter(|out, state, value| match value.as_str() {
        Some(s) if !value.is_safe() && state.auto_escape() != minijinja::AutoEscape::None => out
            .write_str(&crate::markup::escape(s))
            .map_err(minijinja::Error::from),
        _ => minijinja::escape_formatter(out, state, value),
    });
    env
});

/// `t('key')` in a template: the interface string in the page's language;
/// `t('key', name=value, …)` with Fluent arguments. A whole number is
/// written in the page's digits; `count=N` also selects the plural form,
/// and the message shows it as `$n`, as [`i18n::count_text`] does.
fn translate(state: &State, key: &str, kwargs: Kwargs) -> Result<String, minijinja::Error> {
    let lang = page_lang(state);
    let mut args: Vec<(String, FluentValue<'static>)> = Vec::new();
    for name in kwargs.args().map(str::to_string).collect::<Vec<_>>() {
        let value: Value = kwargs.get(&name)?;
        if let (Some(n), true) = (value.as_i64(), value.is_integer()) {
            if name == "count" {
                args.push((
                    "n".into(),
                    FluentValue::from(i18n::digits(lang, &n.to_string())),
                ));
                args.push((name, FluentValue::from(n)));
            } else {
                args.push((name, FluentValue::from(i18n::digits(lang, &n.to_string()))));
            }
        } else {
            args.push((name, FluentValue::from(value.to_string())));
        }
    }
    kwargs.assert_all_used()?;
    let args: Vec<(&str, FluentValue<'static>)> =
        args.iter().map(|(k, v)| (k.as_str(), v.clone())).collect();
    Ok(i18n::text(lang, key, &args))
}

/// `t_en('key', name='Word', …)` in a template: the message as HTML, each
/// argument a word that Dari and Pashto keep in English as it is (a
/// format's name, such as Markdown), marked as English in their sentence
/// by the one helper for it ([`crate::admin::reasons::english_html`]);
/// the English message writes such a word itself. A whole number among
/// them is written in the page's digits, as `t` writes it.
fn translate_with_english(
    state: &State,
    key: &str,
    kwargs: Kwargs,
) -> Result<Value, minijinja::Error> {
    translate_marking(state, key, kwargs, crate::admin::reasons::english_html)
}

/// `t_typed('key', name=value, …)` in a template: the message as HTML,
/// each argument a value as someone typed it (an account's name), isolated
/// in a `<bdi>` of its own ([`crate::admin::reasons::bdi`]), so that a
/// Latin name ending in a full stop keeps it at its end in a Dari or
/// Pashto sentence, as the decision log names it. A whole number is
/// written in the page's digits, as `t` writes it.
fn translate_with_typed(
    state: &State,
    key: &str,
    kwargs: Kwargs,
) -> Result<Value, minijinja::Error> {
    translate_marking(state, key, kwargs, crate::admin::reasons::bdi)
}

/// The message `key` as HTML, each argument but a whole number made HTML
/// by `mark` and put in its place after the sentence is escaped.
fn translate_marking(
    state: &State,
    key: &str,
    kwargs: Kwargs,
    mark: fn(&str) -> String,
) -> Result<Value, minijinja::Error> {
    use crate::admin::reasons::{placeholder, with_values};
    let lang = page_lang(state);
    let names: Vec<String> = kwargs.args().map(str::to_string).collect();
    let mut given = Vec::with_capacity(names.len());
    let mut args: Vec<(&str, FluentValue<'static>)> = Vec::with_capacity(names.len());
    for name in &names {
        let value: Value = kwargs.get(name)?;
        let said = match (value.as_i64(), value.is_integer()) {
            (Some(n), true) => i18n::digits(lang, &n.to_string()),
            _ => {
                given.push(mark(&value.to_string()));
                placeholder(given.len() - 1)
            }
        };
        args.push((name.as_str(), FluentValue::from(said)));
    }
    kwargs.assert_all_used()?;
    let sentence = crate::markup::escape(&i18n::text(lang, key, &args));
    Ok(Value::from_safe_string(with_values(&sentence, &given)))
}

/// `{{ value|english }}` in a template: a literal value in Latin letters
/// (an example to type) marked as English ([`crate::admin::reasons::english_html`]),
/// so that a Dari or Pashto voice does not read it.
fn english(value: &str) -> Value {
    Value::from_safe_string(crate::admin::reasons::english_html(value))
}

/// The page's language, English where the template says none.
fn page_lang(state: &State) -> Lang {
    state
        .lookup("lang")
        .and_then(|v| v.as_str().and_then(|s| s.parse::<Lang>().ok()))
        .unwrap_or(Lang::En)
}

/// `dates()` in a template: what the script needs to write a day as the
/// server does in the page's language ([`i18n::date_with_gregorian`]):
/// `digits`, 0 to 9; `months`, the Gregorian month names, January first,
/// and in Dari and Pashto `solar_months`, Hamal first, `|` between them.
fn dates(state: &State) -> Value {
    let lang = page_lang(state);
    minijinja::context! {
        digits => i18n::digits(lang, "0123456789"),
        months => i18n::gregorian_months(lang).join("|"),
        solar_months => i18n::solar_months(lang).map(|m| m.join("|")),
    }
}

/// `{{ text|runs(lang) }}` in a template: `text`, an article's words in
/// `lang` (its language), escaped, each run of words in another script in
/// its element, as its body has them ([`askaf_content::runs_html`]): for
/// its question, short answer, headings and title where a page shows them,
/// not in an attribute or `<title>`, which hold no markup.
fn runs(text: &str, lang: &str) -> Result<Value, minijinja::Error> {
    let lang = lang.parse::<Lang>().map_err(|_| {
        minijinja::Error::new(
            minijinja::ErrorKind::InvalidOperation,
            format!("runs: `{lang}` is not one of the site's languages"),
        )
    })?;
    Ok(Value::from_safe_string(askaf_content::runs_html(
        text,
        lang,
        &[],
        crate::markup::escape,
    )))
}

pub fn render(name: &str, ctx: Value) -> Result<String, minijinja::Error> {
    ENV.get_template(name)?.render(ctx)
}

#[cfg(test)]
mod tests {
    /// Words in English on a Dari or Pashto page (a reason as the log has
    /// it) are marked by one helper, `admin::reasons::english_html`, so
    /// that every such mark is the same and changes in one place. A
    /// template that wrote `lang="en"` itself was a second way (the
    /// unapplied notice and a schedule's failure did until 7 December).
    #[test]
    fn no_template_marks_english_by_hand() {
        for (name, template) in super::ENV.templates() {
            let source = template.source();
            if let Some(at) = source.find("lang=\"en\"") {
                let line = source[..at].lines().count();
                panic!("{name}:{line} marks English by hand: give it reasons::english_html's HTML");
            }
        }
    }
}
