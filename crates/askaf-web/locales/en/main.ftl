site-name = AskAfghanistan
# The site's name as written in this language's letters: a reader may not sign with it.
site-name-written = AskAfghanistan
tagline = AskAfghanistan provides clear answers to common questions about Afghanistan. All content is written independently and without influence.
reuse-notice = Content reuse requires attribution and a link.
rights = © { $year } AskAfghanistan. All rights reserved. { reuse-notice }
skip-to-content = Skip to content
nav-label = Site
nav-home = Questions
nav-about = About
nav-feed = Feed
nav-sitemap = Sitemap
nav-api = API
language-label = Language
lang-home-title = Clear answers to common questions about Afghanistan
root-enter = Questions and answers in English
lang-home-intro = Short, sourced answers, written and kept up to date by editors. Every article names its sources and the date it was last checked.
questions-newest = Newest questions
questions-by-topic = Questions by topic
short-answer = Short answer
# The title line under the question of an article's .txt form.
text-title = Title: { $title }
updated-on = Updated { $date }
published-on = Published { $date }
sources = Sources
accessed-on = (accessed { $date })
cite-this = Cite this
cite-plain = Plain text
cite-html = HTML
copy = Copy
copied = Copied
translations = Also in
on-this-page = On this page
tags = Topics
comments = { $count ->
    [0] No Comments
    [one] 1 Comment
   *[other] { $n } Comments
}
comments-heading = Comments
tag-title = Topic: { $tag }
tag-intro = { $count ->
    [one] 1 question on this topic.
   *[other] { $n } questions on this topic.
}
all-topics = All topics
about-title = About AskAfghanistan
about-p1 = AskAfghanistan answers the questions people most often ask about Afghanistan: who governs it, which languages are spoken, how the economy works, what has happened to girls’ education, and more. Each article answers one question, starts with a short answer, and lists the sources it rests on.
about-p2 = Articles are written by editors, dated, and revised when facts change. We publish in English, Dari and Pashto.
about-reuse-title = Reusing our content
about-reuse = You may quote and republish our articles. Content reuse requires attribution and a link: name AskAfghanistan and link to the article you used. Every article has a “Cite this” box with ready text.
about-machines-title = For developers
about-machines = Articles are available as Atom feeds, a sitemap and a JSON API at /api/v1/articles. Every API response carries the attribution to use.
not-found-title = Page not found
not-found-body = There is no page at this address. It may have moved, or the link may be mistyped.
not-found-elsewhere = This article is not in English, but it is in:
not-found-topic-elsewhere = No article in English has this topic yet, but some do in:
not-found-no-language = This address names no language. The article is in:
bad-request-title = Bad request
already-done-title = Already done
address-unreadable = This address cannot be read: part of it is not text. Check the link, or start again from the home page.
request-too-large = Nothing was saved: what was sent is larger than this form takes ({ $limit }), and this page cannot hold it. Go back with your browser's Back button, where the form usually still holds what you typed, shorten it and send it again.
too-large-title = Too large to send
comment-too-large = Your comment was not posted: what was sent is larger than the comment form takes ({ $limit }; a comment holds at most { $max } characters), and this page cannot hold it. Go back with your browser's Back button, where the form still holds what you wrote, shorten it and send it again.
size-kb = { $n } KB
size-mb = { $n } MB
wait-minutes = { $n } { $count ->
        [one] minute
       *[other] minutes
    }
wait-hours = { $n } { $count ->
        [one] hour
       *[other] hours
    }
duration-days = { $n } { $count ->
        [one] day
       *[other] days
    }
duration-weeks = { $n } { $count ->
        [one] week
       *[other] weeks
    }
request-address-too-long = This address is too long (more than 16 KB with its query). Shorten the question or the query and try again.
request-headers-too-large = This request's headers are too large (more than 16 KB). Clearing this site's cookies usually helps.
request-unreadable = What was sent cannot be read (a field given twice, or not text). Go back and send the form again.
error-title = Something went wrong
error-body = The site could not answer this request. Please try again in a moment.
method-title = Not this way
method-body = This address does not take that kind of request. Go back to the page and use its links and forms.
unavailable-title = Temporarily unavailable
unavailable-body = This page needs the site's database, which is not answering right now. Pages already seen are still served; please try again in a minute.
timeout-title = Taking too long
timeout-body = This request took longer than the site waits (30 seconds) and was stopped. Please try again in a moment. If you were sending a form, go back with your browser's Back button: the form usually still holds what you typed.
back-home = Back to the questions
# Both citations' words for the article's date (views::citation_updated).
citation-updated = updated { $date }
citation = “{ $title }{ $stop }” AskAfghanistan, { $updated }. { $url }
# Added to both citations by the page's script, with the day the reader read the page.
citation-accessed = Accessed { $date }.
attribution = AskAfghanistan ({ $site }). Content reuse requires attribution and a link.
ask-label = Ask a question about Afghanistan
ask-placeholder = e.g. Who governs Afghanistan?
ask-button = Ask
ask-title = Ask
ask-intro = Answers are quoted word for word from our articles, each sentence linked to the paragraph it comes from.
answer-heading = Answer
answer-confidence = Confidence: { $n }%
answer-source = From “{ $title }”
answer-from-language = From the { $lang ->
        [fa] Dari
        [ps] Pashto
       *[en] English
    } article “{ $title }”
answer-in-language = Our articles in English do not answer this; this answer is quoted from an article in { $lang ->
        [fa] Dari
        [ps] Pashto
       *[en] English
    }.
answer-asked-in-language = You asked in { $lang ->
        [fa] Dari
        [ps] Pashto
       *[en] English
    }: this answer is quoted from an article in that language.
answer-translation = Read the article in English: “{ $title }”
no-answer = No clear answer yet
no-answer-body = Our articles do not answer this clearly yet. Editors see the questions readers ask and write new answers. These articles come closest:
passages-heading = Passages that match
feedback-question = Did this answer your question?
feedback-yes = Yes
feedback-no = No
feedback-thanks = Thank you
feedback-thanks-yes = Thank you: we are glad it helped.
feedback-thanks-no = Thank you. Editors see the questions our answers did not answer, with the answer that was given, and write better ones.
feedback-gone = This answer was already rated, or its page is too old to rate. Thank you all the same.
feedback-unreadable = Choose Yes or No to say whether the answer answered your question.
feedback-again = Ask another question
ask-empty = Type a question to ask.
ask-too-long = Questions are limited to { $max } characters.
ask-lang-unknown = “{ $value }” is not one of this site's languages. Ask in English, Dari or Pashto: your question is kept in the box, and the language links at the top of the page ask it in each.
api-limit-refused = expected a whole number from { $min } to { $max }, got `{ $value }`
api-cursor-refused = not a cursor this API gave out (pass `{ $field }` as it came); start again without it
live-results = Answers as you type
comment-unavailable = The site's database is not answering, so your comment was not saved. Your text is below: please send it again in a minute.
comment-form-heading = Leave a comment
comment-on-live-site = Comments are written on the live site: leave a comment there
comment-reply-heading = Reply to { $name }
comment-name = Name
comment-email = Email (optional; never shown)
comment-email-help = Give an email and, once your first comment is approved, your later ones appear at once.
comment-body = Comment
comment-body-help = You can use *emphasis*, **bold**, [links](https://example.org), > quotes and lists.
comment-body-limit = A comment holds at most { $max } characters.
comment-honeypot = Leave this field empty
comment-submit = Post comment
comment-reply = Reply
comment-closed = Comments on this article are closed.
comment-held-title = Thank you: your comment is waiting for a moderator
comment-held-why-first-comment = A moderator reads the first comment with your email address from this browser before it appears; once it is approved, your next ones from this browser appear at once.
comment-held-why-no-email = A moderator reads comments sent without an email address before they appear.
comment-held-why-links = A moderator reads comments with more than { $n } { $count ->
        [one] link
       *[other] links
    } before they appear.
comment-held-why-other = A moderator reads some comments before they appear.
comment-held-saved = Your comment is saved and will appear under the article once it is approved.
comment-back = Back to the article
comment-feed = Comments feed
comment-edited = edited
comment-staff = Site team
comment-permalink = Link to this comment
comment-error-title = Your comment was not posted
comment-text-kept = Your text is kept in the form below.
comment-draft-restored = A comment you wrote here and did not send was kept in this browser, and is back in the box below.
comment-draft-discard = Discard the restored comment
comment-name-empty = Please give a name.
comment-name-too-long = The name is too long: at most { $max } characters.
comment-name-control-chars = The name contains characters that cannot be shown.
comment-email-invalid = This does not look like an email address. Leave it empty if you prefer.
comment-body-empty = Please write a comment.
comment-body-too-long = The comment is too long: at most { $max } characters.
comment-body-control-chars = The comment contains characters that cannot be shown.
comment-refused-honeypot = The comment could not be accepted.
comment-refused-too-fast = The form was sent very quickly after it was shown. Please read your comment over and send it again.
comment-refused-form-missing = The form could not be checked: it may be from an old copy of the page. Please send it again.
comment-refused-form-expired = The form has been open for a long time. Please send it again.
comment-refused-rate-limit-ip = Many comments came from your connection in the last hour. Please send it again in { $wait }.
comment-refused-rate-limit-email = Many comments came from this email address in the last hour. Please send it again in { $wait }.
comment-refused-rate-limit-refused = Many posts from your connection were refused in the last hour. Please send it again in { $wait }.
comment-refused-duplicate = This comment has already been posted on this article.
comment-refused-banned = Comments from this address cannot be accepted.
comment-refused-closed = Comments on this article are closed.
comment-refused-taken-name = This name is the site's own or one its team signs with, so readers cannot use it. Please sign with your own name.
comment-refused-csrf = This comment was sent from a page on another site, so it was not accepted. To comment, use the form on this page.
cross-site-refused = This request came from a page on another site and was refused. Go back to the page on this site and try again.
comment-refused-parent = The comment you are replying to is not there any more.
too-many-requests-title = Too many requests
too-many-requests-body = Please wait { $seconds } seconds and try again.
forbidden-title = Not allowed
pagination-label = Pages of this list
page-previous = Previous page
page-next = Next page
page-number = Page { $n }
page-of = Page { $page } of { $pages }
page-out-of-range = { $count ->
    [one] This list has only one page, so there is no page { $page }.
   *[other] This list has { $pages } pages, so there is no page { $page }.
}
page-invalid = Pages are numbered 1, 2, 3 and so on: “{ $value }” is not a page number.
topic-all = { $count ->
    [one] The one question on this topic
   *[other] All { $n } questions on this topic
}
translation-outdated = This translation was made from an earlier version of the original, which has changed since.
translation-outdated-link = Read the newer { $lang ->
        [fa] Dari
        [ps] Pashto
       *[en] English
    } original

# A question whose bytes, percent-decoded, are not UTF-8 (`?q=%E2%82`).
ask-not-utf8 = The question could not be read: it is not valid UTF-8 text. Type it again.

# h56-b
# A query parameter given twice (`lang=fa&lang=en`), after its name.
api-given-twice = given more than once; give it once
# The API's 404: the addresses it has ($list, $article, $ask, each with its method), `lang=` for each language ($en, $fa, $ps) and the list's field $field, all as typed.
api-not-found = No such address in this API. It has { $list } (every article, newest first; { $en }, { $fa } or { $ps } for one language), { $article } (one article: the list gives each its { $field }) and { $ask } (an answer with its sources).
# A language tag the API's `lang=` or an article's API address gives that names none of the site's ($value, as typed): the codes it takes ($en, $fa, $ps) and tags for them ($tags, a standard's name; $t1, $t2, $t3), as typed.
api-lang-refused = `{ $value }` is not a language of this site: use { $en }, { $fa } (Dari) or { $ps } (Pashto); a { $tags } tag such as { $t1 }, { $t2 } or { $t3 } names the same
# The API's 405 ($allow: the header's name, as typed).
api-method-refused = This address does not take this method; the { $allow } header lists those it takes.

# h56-a
# A language link to a language this page is not in, which leads to that
# language's home page: said after the language's name, in that language.
lang-link-article-untranslated = home page; this article is not translated into English yet
lang-link-topic-untranslated = home page; no question on this topic is in English yet
# The Ask page's title and heading when the question was not asked: $reason says why and what to do.
ask-refused-title = Not asked: { $reason }

# h57-b
api-address-unreadable = This address cannot be read: part of it is not text (once its %-escapes are decoded, its bytes are not { $encoding }). Take each article's address from the list's { $field }.
api-query-unreadable = The query (after ?) cannot be read. Give each parameter once, as { $form }, separated by { $amp }.

# h57-c
# A restore posted with a revision of another article (a stale or altered form): refused by the store.
not-a-revision-body = The revision named is not one of this article's revisions, so it cannot be restored here. Open the article's history and restore one of the revisions listed there.
