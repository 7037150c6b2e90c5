site-name = AskAfghanistan
tagline = AskAfghanistan provides clear answers to common questions about Afghanistan. All content is written independently and without influence.
reuse-notice = Content reuse requires attribution and a link.
rights = © { $year } AskAfghanistan. All rights reserved. { reuse-notice }
skip-to-content = Skip to content
nav-label = Site
nav-home = Questions
nav-about = About
nav-feed = Feed
language-label = Language
lang-home-title = Clear answers to common questions about Afghanistan
lang-home-intro = Short, sourced answers, written and kept up to date by editors. Every article names its sources and the date it was last checked.
questions-newest = Newest questions
questions-by-topic = Questions by topic
short-answer = Short answer
updated-on = Updated { $date }
published-on = Published { $date }
sources = Sources
accessed-on = accessed { $date }
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
comments-none-yet = No comments yet.
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
bad-request-title = Bad request
error-title = Something went wrong
error-body = The site could not answer this request. Please try again in a moment.
back-home = Back to the questions
read-more = Read the answer
print-note = Printed from AskAfghanistan
citation = “{ $title }.” AskAfghanistan, updated { $date }. { $url }
attribution = AskAfghanistan ({ $site }). Content reuse requires attribution and a link.
ask-label = Ask a question about Afghanistan
ask-placeholder = e.g. Who governs Afghanistan?
ask-button = Ask
ask-title = Ask
ask-intro = Answers are quoted word for word from our articles, each sentence linked to the paragraph it comes from.
answer-heading = Answer
answer-confidence = Confidence: { $n }%
answer-source = From “{ $title }”
no-answer = No clear answer yet
no-answer-body = Our articles do not answer this clearly yet. Editors see the questions readers ask and write new answers. These articles come closest:
passages-heading = Passages that match
ask-empty = Type a question to ask.
ask-too-long = Questions are limited to { $max } characters.
live-results = Answers as you type
