# The editorial pages (/admin/…): every string an editor reads, in English.
# Dari and Pashto have the same keys in ../fa/admin.ftl and ../ps/admin.ftl.
# Numbers arrive already written in the page's digits; `$count` selects a
# plural form and `$n` shows it.

admin-description = Editorial pages of AskAfghanistan
admin-list-separator = ,{" "}
admin-separator = ;{" "}

## Navigation and frame

admin-nav-label = Editorial
admin-nav-dashboard = Dashboard
admin-nav-comments = Comments
admin-nav-articles = Articles
admin-nav-new-article = New article
admin-nav-media = Images
admin-nav-bans = Bans
admin-nav-words = Word list
admin-nav-log = Decision log
admin-nav-questions = Questions
admin-nav-accounts = Accounts
admin-nav-account = Your account
admin-logout = Log out
admin-language-label = Interface language:

## Page titles

admin-title-dashboard = Editorial
admin-title-login = Log in
admin-title-account = Your account
admin-title-comments = Comments: { $status }
admin-title-edit-comment = Edit comment #{ $id }
admin-title-articles = Articles
admin-title-new-article = New article
admin-title-edit-article = Edit article
admin-title-history = History of { $article }
admin-title-bans = Bans
admin-title-words = Word list
admin-title-log = Decision log
admin-title-questions = What readers want next
admin-title-media = Images
admin-title-accounts = Accounts

## Names

admin-status-pending = Waiting
admin-status-approved = Approved
admin-status-spam = Spam
admin-status-deleted = Deleted
admin-role-admin = admin
admin-role-editor = editor
admin-role-moderator = moderator
admin-role-author = author
admin-lang-en = English
admin-lang-fa = Dari
admin-lang-ps = Pashto
admin-content-file = content file
admin-ban-email = email
admin-ban-network = network

## The decision log's actions, as the store records them

admin-action-published = published
admin-action-held = held
admin-action-imported = imported
admin-action-refused = refused
admin-action-approved = approved
admin-action-marked-spam = marked-spam
admin-action-deleted = deleted
admin-action-requeued = requeued
admin-action-edited = edited
admin-action-closed = closed
admin-action-opened = opened
admin-action-banned = banned
admin-action-unbanned = unbanned
admin-action-patterns = patterns
admin-action-account-created = account created
admin-action-role-changed = role changed
admin-action-password-set = password set
admin-action-account-removed = account removed
admin-action-image-uploaded = image uploaded
admin-action-image-imported = image imported
admin-action-language-changed = interface language changed
admin-log-automatic = automatic
admin-actor-command-line = { $command } (command line)
admin-history-by = by { $name }

## Revisions

admin-revision-draft = Saved as a draft
admin-revision-publish = Published
admin-revision-unpublish = Unpublished
admin-revision-restore = Restored (as a draft)
admin-revision-restored = Restored the text of revision #{ $number } (as a draft)
admin-revision-file = Content file
admin-revision-original = The content file's text before the first edit here
admin-revision-review = Submitted for review
admin-revision-saved = Saved

## Notices after an action

admin-notice-approved = Approved: the comment is on the article now.
admin-notice-marked-spam = Marked as spam.
admin-notice-deleted = Deleted.
admin-notice-requeued = Back in the queue.
# After a moderator's decision, the comment it was about: its number, author and first words.
admin-notice-which = Comment #{ $id } by { $name }: “{ $start }”
# The button under that notice that puts the comment back where it stood ($to: its status before).
admin-undo = Undo { $to ->
        [pending] (back to the queue)
        [approved] (approved again)
        [spam] (spam again)
       *[deleted] (deleted again)
    }
admin-notice-edited = Saved.
admin-notice-closed = Comments closed.
admin-notice-opened = Comments opened.
admin-notice-banned = Banned.
admin-notice-unbanned = Ban lifted.
admin-notice-words = The word list was saved.
admin-notice-draft-saved = Draft saved: a new revision, not public.
admin-notice-published = Published: the page, feeds, sitemap, API and Ask show it now.
admin-notice-unpublished = Unpublished: it is off the site; the text is kept as a draft.
admin-notice-unpublished-translations = Unpublished: it is off the site; the text is kept as a draft. Its translations stay on the site, without their link to it until it is published again.
admin-notice-review = Submitted for review: an editor sees it in the list of articles waiting for review.
admin-notice-scheduled = Scheduled: the text saved last is published at that time.
admin-notice-unscheduled = The schedule was cancelled: the article stays as it is.
admin-notice-unapplied-cleared = The record of the server that did not serve the article as saved is cleared.
admin-notice-restored = Restored as a new revision (a draft): publish it to put it on the site.
admin-notice-moved = Saved under its new address; the article at the old address, one the site keeps for its own pages, is unpublished.
admin-notice-up-to-date = Marked as up to date: the translation now records the original's current revision, and is published so.
admin-notice-up-to-date-draft = Marked as up to date in a new draft: the published translation shows its notice until the draft is published.
admin-notice-up-to-date-conflict = Not marked: someone saved the translation meanwhile. The page below is up to date; try again.
admin-notice-restore-conflict = Not restored: someone saved the article meanwhile. The history below is up to date; try again.
admin-notice-language = The language of your editorial pages was saved.
admin-notice-created = The account was created.
admin-notice-role = The role was changed: it applies from the account's next page.
admin-notice-password = The password was set; the account's sessions were ended.
admin-notice-removed = The account was removed.
admin-notice-password-changed = Your password was changed. Other sessions of your account were logged out.
admin-notice-signed-out = You have logged out.
admin-notice-new-translation = A new { $language } translation of { $article }: write the title, question and short answer, and replace each paragraph of the body with its translation. The original is beside the form.
admin-notice-uploaded = Uploaded. To show it in an article, write { $markdown } where it belongs.
admin-media-alt-placeholder = what it shows, in the article's language

## Errors

admin-error-role = Your account ({ $role }) may not open this page; ask an administrator.
admin-error-csrf = The form could not be verified (it may be from an old copy of the page, or cookies are off). Go back, reload the page and try again.
admin-error-login-throttled = Too many failed logins. Try again in { $wait }.
admin-error-login-wrong = The username or password is not right.
admin-error-language = Choose English (en), Dari (fa) or Pashto (ps).
admin-error-no-language = No such language: en, fa or ps.
admin-error-passwords-differ = The two new passwords differ.
admin-error-account-passwords-differ = The two passwords differ.
admin-error-password-wrong = The current password is not right.
admin-error-status = status must be pending, approved, spam or deleted
admin-error-not-a-number = “{ $value }” is not a number
admin-error-moderation = action must be approve, spam, delete or requeue
admin-error-close-open = action must be close or open
admin-error-name = Name { $problem }.
admin-error-comment = Comment { $problem }.
admin-error-words-empty-regex = Not saved: line { $line }: the regular expression { $entry } is empty.
admin-error-words-bad-regex = Not saved: line { $line }: { $entry } is not a usable regular expression: { $detail }
admin-error-words-no-terms = Not saved: line { $line }: { $entry } has no letters or digits to match; write /…/ for a regular expression.
admin-error-words-too-long = Not saved: the list is { $chars } characters long, and may be at most { $max }. Your text is kept below; shorten it and save again.
admin-error-may-not-write = Your account may not write articles.
admin-error-may-not-publish = Your account ({ $role }) may save drafts but not publish or unpublish; an editor publishes. Go back: your text is still in the form.
admin-error-session-expired = Your session has expired, so nothing was saved. Your text is kept below: sign in at the foot of the form and press the button again.
admin-error-sign-in-wrong-kept = The username or password is not right, so nothing was saved. Your text is kept below: sign in again at the foot of the form and press the button again.
admin-error-text-kept = Your text is kept below: nothing was saved.
admin-error-session-expired-action = Your session has expired, so nothing was done. Sign in at the foot of the form and press the button again.
admin-error-sign-in-wrong-action = The username or password is not right, so nothing was done. Sign in again at the foot of the form and press the button again.
admin-error-nothing-done = Nothing was done.
admin-error-form-unverified = The form could not be verified (it may be from an old copy of the page), so nothing was saved. Your text is kept below: check it and press the button again.
admin-error-form-unverified-action = The form could not be verified (it may be from an old copy of the page), so nothing was done. Check it and press the button again.
admin-error-editor-button = Choose Preview, Save draft or Publish.
admin-error-not-scheduled = Not scheduled: the time is shown with its problem below. Your text is kept.
admin-error-conflict = Not saved: someone saved this article after you opened it. Both texts are below; your text is in the form. Merge what you need and save again.
admin-error-still-applying = Still being applied: this change is taking longer than usual, and it will be finished even if you leave this page. Look at the article's history in a minute. Your text is in the form, if you need it; saving the same text again does no harm.
admin-error-saved-not-applied = Saved, but this server could not put the change on the site: { $reason }. The other servers serve it as saved, and the history shows it; this server tries again by itself, sending this form again tries now, and a restart serves it. Your text is in the form.
admin-error-still-applying-late = Still being applied: this change is taking longer than usual, and it will be finished even if you leave this page. “See how this save ended” shows how it ends, saved or refused, with what you typed; so does the article's page in the editor. Your text is also in the form.
admin-late-check = See how this save ended
admin-late-open-article = Open the article in the editor
admin-late-pending = Your save sent { $when } is still being applied. Look again in a minute: this page will say how it ended. Your text is in the form. If it still says this after several minutes, the server that was applying it may have stopped: save your text again.
admin-late-invalid = Not saved: your save sent { $when } was refused when it was applied, for the problems shown next to their fields. Your text is in the form.
admin-late-invalid-now-fine = Not saved: your save sent { $when } was refused when it was applied; as the site stands now, its text has no problems. Your text is in the form: save it again.
admin-late-conflict = Not saved: your save sent { $when } was refused when it was applied, because someone saved this article after you opened it. Both texts are below; your text is in the form. Merge what you need and save again.
admin-late-failed = Not saved: your save sent { $when } failed on the server ({ $reason }). Your text is in the form: save it again.
admin-late-step-not-done = Saved, but not { $step ->
        [schedule] scheduled
        [unschedule] taken off the schedule
        [review] submitted for review
       *[unpublish] unpublished at its old address
    }: your save sent { $when } was saved, and then that failed on the server ({ $reason }). Your text is in the form, on the revision saved: press { $step ->
        [schedule] Schedule again
        [unschedule] Cancel the schedule again
        [review] Submit for review again
       *[unpublish] Unpublish on the article at its old address
    }.
admin-error-step-not-done = Saved, but not { $step ->
        [schedule] scheduled
        [unschedule] taken off the schedule
        [review] submitted for review
       *[unpublish] unpublished at its old address
    }: your revision was saved, and then that failed on the server ({ $reason }). Your text is in the form, on the revision saved: press { $step ->
        [schedule] Schedule again
        [unschedule] Cancel the schedule again
        [review] Submit for review again
       *[unpublish] Unpublish on the article at its old address
    }.
admin-error-schedule-passed = Saved as a draft, not scheduled: the time you chose, { $at }, had passed when your save was applied, so it is not published. Your text is in the form, on the revision saved: choose a later time and press Schedule, or press Publish to publish it now.
admin-late-schedule-passed = Saved as a draft, not scheduled: the time you chose, { $at }, had passed when your save sent { $when } was applied, so it is not published. Your text is in the form, on the revision saved: choose a later time and press Schedule, or press Publish to publish it now.
admin-late-lost = This save's outcome is unknown: the server stopped while applying your save sent { $when }. The article's history shows whether it was saved. Your text is below, in the form: save it again.
admin-late-unseen = { $state ->
        [pending] Your save sent { $when } is still being applied.
        [lost] Your save sent { $when } has an unknown outcome: the server stopped while applying it. Look at the history, and save your text again if it is not there.
        [step] Your save sent { $when } was saved, but what its button asked for next was not done: press that button again on the save's page.
       *[ended] Your save sent { $when } did not end as you sent it: it was refused, or not put on the site. See why and what to do on the save's page.
    }
admin-error-problems-preview = { $n } { $count ->
        [one] problem to fix before saving (shown next to its field).
       *[other] problems to fix before saving (shown next to their fields).
    }
admin-error-problems-not-saved = Not saved: { $n } { $count ->
        [one] problem (shown next to its field).
       *[other] problems (shown next to their fields).
    } Your text is kept below.
admin-error-schedule-no-date = Give the date to publish on.
admin-error-schedule-time = “{ $time }” is not a time of day: write it as 09:30.
admin-error-schedule-no-such-time = That time does not exist in Kabul.
admin-error-schedule-past = That time has passed: to publish now, press Publish.
admin-error-cannot-restore = Revision { $number } cannot be restored as it is
admin-error-cannot-save = { $article } cannot be saved as it is
admin-error-same-language = { $article } is already in that language: choose another to translate into.
admin-error-translate-reserved = { $article } is an address the site keeps for its own pages, so the article cannot be translated yet: give it another address on its edit page first, then translate it from there.
admin-error-up-to-date-base = The form did not say which revision of { $article } it was opened on (its base field), so nothing was marked: open the article's edit page again and mark it there.
admin-error-not-a-translation = { $article } records no original (translated_from): it is not a translation.
admin-error-original-unpublished = The original { $article } is not published: there is no newer text to record.
admin-error-not-created = Not created: { $problem }.
admin-error-no-account = There is no account named { $name }.
admin-error-own-role = You cannot take away your own administrator role: another administrator can.
admin-error-own-password = Change your own password on the Your account page, which asks for the current one.
admin-error-password-not-set = The password of { $name } was not changed: { $problem }
admin-error-own-removal = You cannot remove your own account: another administrator can.
admin-error-account-action = Choose Change role, Set password or Remove.
admin-error-upload-none = Choose an image file to upload.
admin-error-upload-refused = Not uploaded: { $file }: { $problem }.
admin-error-upload-unreadable = The upload could not be read: { $problem }
admin-title-login-required = Login required
admin-error-login-required = This page is for the site's editors and moderators. Log in at /admin/login.
admin-problem-body-line = line { $n } of the text: { $problem }
admin-problem-empty = is empty
admin-problem-too-long = is longer than { $max } characters
admin-problem-invalid-email = is not an email address
admin-problem-control-chars = contains control characters
admin-error-ban-empty = A ban needs an email address, an IP address or a network such as { $network }.
admin-error-ban-email = “{ $target }” { $problem }.
admin-error-ban-network = “{ $target }” is not a network: write an address, a slash and a prefix length, such as { $network } or { $network6 }.
admin-error-ban-neither = “{ $target }” is neither an email address nor an IP address or network (such as { $address }, { $network } or { $network6 }).
admin-error-ban-exists = { $target } is banned already.
# A ban that holds the address the moderator is connected from: said before it is done.
admin-ban-own-address = { $target } includes the address you are connected from now, { $address }: once banned, every comment sent from it is refused, yours too. Nothing is banned yet; to ban it all the same, press the button below.
admin-ban-own-confirm = Ban it, my address too
admin-error-password-too-short = The password must be at least { $min } characters long.
admin-error-password-too-long = The password must be at most { $max } characters long.
admin-error-account-exists = there is already an account named { $name }
admin-media-empty = the file is empty
admin-media-too-large = the file is { $size } bytes, over the limit of { $mb } MB
admin-media-not-an-image = the file is not a JPEG, PNG or WebP image (whatever its name says)
admin-media-too-many-pixels = the image is { $width } × { $height } pixels, over the limit of { $mp } megapixels
admin-media-corrupt = the image cannot be read: { $problem }
admin-media-encode = the image could not be encoded again: { $problem }
admin-error-date-form = “{ $date }” is not a date: write it as YYYY-MM-DD (Gregorian, or Solar Hijri such as 1405-09-05), or as day, month and year (26 November 2026, 5 Qaws 1405).
admin-error-date-year = Not a Solar Hijri date: the year { $year } is outside the years converted ({ $first } to { $last }).
admin-error-date-month = Not a Solar Hijri date: there is no month { $month }; the year has 12 months.
admin-error-date-day = Not a Solar Hijri date: month { $month } ({ $month ->
        [1] Hamal
        [2] Sawr
        [3] Jawza
        [4] Saratan
        [5] Asad
        [6] Sunbula
        [7] Mizan
        [8] Aqrab
        [9] Qaws
        [10] Jadi
        [11] Dalw
       *[12] Hut
    }) of { $year } has { $length } days, not { $day }.
admin-error-date-gregorian = Not a date: { $problem }.

## Login and account

admin-field-username = Username
admin-field-password = Password
admin-login = Log in
admin-login-accounts = Accounts are created by the operator with
admin-account-language = Language
admin-account-language-legend = The language of your editorial pages
admin-account-language-save = Save the language
admin-account-password = Change your password
admin-field-current-password = Current password
admin-field-new-password-own = New password (at least 10 characters)
admin-field-new-password-again = New password again
admin-change-password = Change password

## Dashboard and comments

admin-dashboard-questions = What readers want next: questions that found no answer
# An article published in the editor under a slug the site now keeps for its own pages
# (`ask`, saved before it was reserved): the dashboard's list, and its edit page's notice
# beside the slug field. $address is its path, /en/ask.
admin-reserved-articles = Articles not on the site: their address is one of the site’s own
admin-reserved-articles-help = Each of these was published here under an address the site keeps for its own pages, so it is not on the site. Open it, give it another web address and save it: it is saved, and published if you publish it, under the new address, and unpublished at the old one.
admin-reserved-slug-edit = This article’s address, { $address }, is an address the site keeps for its own pages, so the article is not on the site. Type another web address here and save: the article is saved under the new one and unpublished at this one, its text and history kept.
admin-refused-files = Content files the site refused
admin-refused-files-help = These files in the content directory have problems, so the site serves each of their articles at the last version it accepted (a file with no version accepted is not served at all). Whoever edits the files can fix them; the site takes each file as soon as it is saved without problems.
admin-refused-line = line { $line }
admin-editor-file-refused = Its content file changed, and the site refused the change
admin-editor-file-refused-help = The file has the problems below, so the site serves this article as it was before the file changed: the version in this form, not the file's text. Once the file is saved without problems, the site serves it instead and it becomes the article's newest revision; until then, what you save here is served.
admin-editor-unapplied = This server does not serve the article as saved
admin-editor-unapplied-help = Its last publish or unpublish is saved, and the other servers serve it so, but this server could not put it on the site and still serves the version before it. It tries again by itself; publishing again tries now, and a restart serves it. The reason:
admin-editor-unapplied-elsewhere = Not every server serves the article as saved
admin-editor-unapplied-other = The server { $node } could not put its last publish or unpublish on the site and still serves the version before it. That server tries again by itself, and serves it once started again. The reason:
admin-editor-unapplied-noted = Recorded { $ago } ago, { $when }.
admin-editor-unapplied-stale = That server has not tried again for over an hour, where a running server tries every few minutes: it may have stopped for good. If it no longer exists, clear this record (publishing the article again clears it too); if it is started again, it serves the article as saved.
admin-editor-unapplied-clear = Clear this record
admin-error-unapplied-not-stale = This record cannot be cleared: it was renewed within the last hour, so that server is still trying, or the record is gone already.
admin-comments-tabs = Comment status
admin-comments-pages = More of this list
admin-comments-first = The first { $count }
admin-comments-next = The next { $count }
admin-nothing-here = Nothing here.
admin-nothing-yet = Nothing here yet.
admin-comment-on = on
admin-comment-reply-to = reply to #{ $id }
admin-comment-held = Held:
# Under a comment in the queue that has links: each link's words and where it leads.
admin-comment-links = Links, and where each leads:
admin-comment-staff = Site team: { $name }
admin-approve = Approve
admin-spam = Spam
admin-delete = Delete
admin-requeue = Back to queue
admin-edit = Edit
# Said, out of sight, after each button of a comment in the queue (Approve, Spam, …) and its Edit link, so a screen reader says which comment each acts on.
admin-comment-which = comment #{ $id } by { $name }, { $when }
admin-field-name = Name
admin-field-comment = Comment (Markdown)
admin-save = Save
admin-cancel = Cancel
admin-history = History

## The list of articles

admin-filter-search = Search titles and web addresses
admin-field-language = Language
admin-filter-all = All
admin-filter-tag = Tag
admin-filter-status = Status
admin-filter-missing = Not yet translated into
admin-filter-missing-off = No filter
admin-filter = Filter
admin-article-published = Published
admin-article-draft = Draft
admin-article-scheduled = Scheduled
admin-article-review = Waiting for review
admin-article-outdated = Translation out of date
admin-article-outdated-lower = translation out of date
admin-article-pending = , with unpublished changes
admin-article-due = ; scheduled for { $when }
admin-article-due-failed = not published at that time: tried again at { $retry }
# A time on the editorial pages, in Kabul: the day (Solar Hijri and Gregorian in Dari and Pashto) and the time; the zone is said here only.
admin-moment = { $day }, { $time } (Kabul time)
admin-article-waiting = ; waiting for review (submitted by { $name })
admin-articles-caption = { $matching } of { $n } { $count ->
        [one] article
       *[other] articles
    }
admin-articles-page = , page { $page } of { $pages }
admin-col-article = Article
admin-col-updated = Updated
admin-col-approved-comments = Approved comments
admin-view = View
admin-comments-closed = Closed
admin-comments-open = Open
admin-comments-open-button = Open
admin-comments-close-button = Close
admin-comments-on = comments on
admin-pages-label = Pages of the list
admin-previous-page = Previous page
admin-next-page = Next page

## The editor

admin-editor-view = View the published page
admin-editor-history = History and differences
admin-translation-edit = Edit the { $language } translation
admin-translation-new = Translate into { $language }
admin-stale-original = The { $language } original,
admin-stale-changed = , has changed since this translation was made from it (its revision
admin-stale-now = ; now
admin-stale-file-version = the content file's version of { $when }
admin-stale-unknown-version = a version the store no longer holds
admin-stale-diff = What changed in the original since
admin-stale-lost = The store no longer holds the text of that revision, so what changed cannot be shown: compare the translation with the original beside the form.
# The original changed since the translation, but in none of the fields its translation follows.
admin-stale-same = The original's title, question, short answer, tags, sources and body are as they were then: what changed is elsewhere (its dates, its translations).
admin-stale-fields-lost = Of that revision the store kept only its title and body: a change in its question, short answer, tags or sources cannot be shown.
admin-mark-up-to-date = Mark as up to date
admin-preview-title = Preview (as the page will look;
admin-preview-edit = edit below
admin-preview-live = Preview while you type
admin-preview-none = The preview appears once the article has a title, a language, an address and a body without problems.
admin-editor-address = Address
admin-field-slug = Web address (the words after /en/, /fa/ or /ps/: lowercase letters, digits, hyphens)
admin-field-title = Title
admin-field-question = Question (as a reader would ask it)
admin-field-summary = Short answer (one paragraph)
admin-field-tags = Tags (their web addresses, comma-separated)
admin-field-published = Published (2026-02-20, or Solar Hijri: 1404-12-01 or 1 Hut 1404)
admin-field-updated = Updated
admin-field-translations = Translations (the web address in each language, if there is one)
admin-field-translated-from = Translated from (a translation's original: its language, and its revision the translation was made from)
admin-field-original-language = Language of the original
admin-field-not-a-translation = None: not a translation
admin-field-original-revision = Revision of the original
admin-field-sources = Sources (at least one)
admin-field-source-title = Source { $index }: title
admin-field-source-url = Source { $index }: URL
admin-field-source-accessed = Source { $index }: accessed
admin-field-body = Body (Markdown: paragraphs, ## headings, lists, tables; no HTML)
admin-help-body-images = Images: upload them on this page, which opens in a new tab so that this text is kept, and paste the Markdown it shows into the text:
admin-opens-new-tab = (opens in a new tab)
admin-draft-kept = Text you typed here and did not send is kept in this browser, from
admin-draft-restore = Restore it
admin-draft-discard = Discard it
admin-editor-sign-in = Sign in to save
admin-sign-in-role = Sign in to change the role
admin-sign-in-password = Sign in to set the password
admin-sign-in-remove = Sign in to remove the account
admin-sign-in-lift = Sign in to lift the ban
admin-sign-in-add-account = Sign in to add the account
admin-sign-in-ban = Sign in to add the ban
admin-preview = Preview
admin-save-draft = Save draft
admin-submit-review = Submit for review
admin-publish = Publish
admin-unpublish = Unpublish
admin-schedule-legend = Publish later
admin-scheduled = Scheduled to be published on { $when }, as set by { $name }: the text saved last is what goes out.
admin-unschedule = Cancel the schedule
admin-schedule-failed = Publishing at that time failed. It is tried again at { $retry }, and less often after each failure, until it goes out or the schedule is cancelled; Publish shows what is wrong if it is the text. The reason noted:
admin-schedule-date = Date (2026-12-24, or Solar Hijri: 1405-10-03 or 3 Jadi 1405)
admin-schedule-date-solar = Date (2026-12-24, or Solar Hijri: 1405-10-03 or 3 Jadi 1405)
admin-schedule-time = Time in Kabul (UTC+4:30)
admin-schedule = Schedule
admin-original-title = The { $language } original,
admin-conflict-title = Saved meanwhile by { $name } at { $when }
admin-conflict-diff = What your text changes in theirs
admin-conflict-theirs = Their text
admin-conflict-mine = Your text
# A conflict whose two texts are alike (both saved the same change).
admin-conflict-same = Your text and theirs are the same.

## History

admin-history-back = Back to the editor
admin-history-caption = Revisions, newest first
admin-col-compare-from = Compare from
admin-col-compare-to = to
admin-col-revision = Revision
admin-col-saved = Saved
admin-col-by = By
admin-col-what = What
admin-history-from = from revision { $number }
admin-history-to = to revision { $number }
admin-history-served = (on the site)
admin-hash-number = #{ $id }
admin-compare = Compare
admin-restore = Restore revision #{ $number }
admin-history-none = No revision was saved in the editor yet: the article is as its content file has it.
admin-history-diff = Differences from #{ $from } to #{ $to }
admin-diff-removed = Removed
admin-diff-added = Added
admin-diff-label = Differences
admin-diff-same = These two revisions are the same.
# The head of a stretch of what changed, in every diff the editorial pages show (the
# history's, a conflict's, a stale translation's original): a field a translation follows,
# or a line of the body (counted from the first line of the Body field) or of the front
# matter (counted from the file's first line, `+++`); `file` when the revision is no
# article with front matter.
admin-diff-at = { $part ->
        [title] Title
        [question] Question
        [summary] Short answer
        [tags] Tags
        [sources] Sources
        [body] Body, line { $line }
        [front_matter] Front matter, line { $line }
       *[file] Line { $line }
    }

## Bans, words, log

admin-field-ban-target = Email address, IP address or network (CIDR)
admin-field-ban-note = Note (why)
admin-ban = Ban
admin-col-banned = Banned
admin-col-kind = Kind
admin-col-note = Note
admin-col-since = Since
admin-col-lift = Lift
admin-ban-since-by = { $when } by { $name }
admin-lift = Lift
admin-lift-target = the ban on { $target }
admin-no-bans = No addresses are banned.
admin-field-words = Words and patterns that hold a comment for review
admin-words-help = One entry a line. A word or phrase matches whole words, ignoring case (Arabic and Persian letter forms are folded). A line like
admin-words-help-regex = {" "}is a regular expression. Lines starting with # are notes.
admin-words-save = Save the list
admin-log-caption = Newest decisions first
admin-col-when = When
admin-col-decision = Decision
admin-col-reason = Reason
admin-col-from = From

## Questions readers asked

admin-questions-intro = Questions readers asked that found no clear answer, and those whose reader said the answer did not answer them (with the answer given), grouped by what they ask across spellings and wordings, newest first.
admin-col-question = Question
admin-col-asked-in = Asked in
admin-col-no-answer = No answer
admin-col-not-helpful = Answer did not help
admin-col-last-asked = Last asked
admin-col-write = Write
admin-questions-answered-with = Answered with:
admin-questions-write = Write an article for this
admin-questions-why = Why no answer:
admin-questions-why-no-words = no article uses its words.
admin-questions-why-too-little = the nearest sentence covers too little of it.
admin-questions-why-lacks-main-word = the nearest sentence lacks its main word.
admin-questions-why-short = a short question, and the nearest sentence lacks one of its words.
admin-questions-why-one-word = the nearest sentence holds only one of its words.
admin-questions-why-far = its words match, but its meaning is far from the articles.
admin-questions-nearest = Nearest sentence, not quoted:

## Images

admin-field-media = Image (JPEG, PNG or WebP, up to 15 MB; its metadata, such as a camera's GPS position, is removed)
admin-upload = Upload
admin-media-none = No images yet.
admin-media-caption = Uploaded images, newest first: write the Markdown shown, with alt text in the article's language
admin-col-image = Image
admin-col-markdown = Markdown
admin-col-size = Size
admin-col-uploaded = Uploaded
admin-media-size = { $size }, { $kb } KB
admin-media-uploaded = { $when } by { $name }

## Accounts

admin-users-caption = Accounts (also managed with
admin-field-role = Role
admin-col-created = Created
admin-col-password-changed = Password changed
admin-col-change = Change
admin-users-you = Your account
admin-users-change-yours = change your password or language
admin-users-role-of = Role of { $name }
admin-users-change-role = Change role
admin-users-of = of { $name }
admin-users-new-password-for = New password for { $name }
admin-users-new-password = new password
admin-users-new-password-again-for = New password for { $name } again
admin-users-again = again
admin-users-set-password = Set password
admin-users-remove = Remove
admin-users-add = Add an account
admin-field-new-username = Username (letters, digits, . _ -)
admin-field-new-password = Password (at least 10 characters)
admin-field-password-again = Password again
admin-users-add-button = Add the account

## A form that chose an action, shown again when it was not done (the
## session lapsed, or its token did not hold): what its button does.
admin-again-role = Change the role of { $name } to { $role }.
admin-again-password = Set a new password for { $name }.
admin-again-password-retype = The new password you typed was not kept, so that it is never written into a page: type it again below, twice.
admin-again-remove = Remove the account { $name }.
admin-again-lift = Lift the ban on { $target }.

## An article's problems, as `askaf check` names them (admin/check.rs): the
## English text from a content file ($origin "file") is check's own, word
## for word; in the browser's editor ($origin "editor") a field is named as
## the form names it, without its front matter key. $field is the field as
## admin-check-field names it, from the form's name for a key below;
## $problem is why a slug, a language or a date was refused, said by the
## messages after these. What a content file's writer types (a front matter
## key $key, a language's code $lang) reaches Dari and Pashto marked as
## English, left to right, and so do the values only they take: an
## article's address $address (/fa/slug), the folder to move a file to
## $to_folder (fa/) and a line to write $line; their text holds no marks.

admin-check-key-slug = Web address
admin-check-key-lang = Language
admin-check-key-title = Title
admin-check-key-question = Question
admin-check-key-summary = Short answer
admin-check-key-published = Published
admin-check-key-updated = Updated
admin-check-key-tags = Tags
admin-check-key-translations = Translations
admin-check-key-sources = Sources
admin-check-key-translated_from = Translated from
admin-check-field = { $origin ->
        [file] `{ $key }`
       *[editor] “{ $name }”
    }
admin-check-no-opening-fence = the file must start with a `+++` line that opens the TOML front matter
admin-check-unclosed-front-matter = the front matter opened here is never closed: add a `+++` line after it
admin-check-front-matter-syntax = front matter: { $detail }
admin-check-front-matter-syntax-date = front matter: { $detail }; a Solar Hijri date goes in quotes: `{ $key } = "{ $value }"`
admin-check-unquoted-value = front matter: the value of { $field } must be quoted: { $line }
# TOML's refusal of a front matter (admin-check-front-matter-syntax's $detail), said in
# Dari and Pashto with the field it names, TOML's own words after it ($detail, English,
# marked so); English shows TOML's words alone, as askaf check prints them, so these
# English lines are the translators' source only. $field is the field by its name, or the
# key as typed.
admin-check-toml-said = { $said } ({ $detail })
admin-check-toml-unknown-field = { $field } is no field of an article: correct its name or remove its line
admin-check-toml-missing-field = { $field } is missing
admin-check-toml-wrong-type = { $field } { $expected ->
        [text] must be text in quotes
        [list] must be a list
        [true-false] must be true or false
        [table] must be a table
       *[other] is not the kind of value it takes
    }
admin-check-toml-bad-date = { $field }: that date is no day of the calendar
admin-check-missing-field = missing field { $field }
admin-check-empty-field = field { $field } is empty
admin-check-field-too-long = field { $field } is longer than { $max } characters
admin-check-control-character = field { $field } contains a control character
admin-check-reserved-slug = field { $field }: { $quoted } is an address of the site itself in every language (/en/{ $slug }, /fa/{ $slug }, /ps/{ $slug }): choose another
# The problem ($problem, admin-check-slug) names the field: in the editor,
# as "a web address", so its label is not said before it as well.
admin-check-invalid-slug = { $origin ->
        [file] field { $field }: { $problem }
       *[editor] { $problem }
    }
admin-check-unknown-lang = field { $field }: { $problem }
admin-check-lang-not-folder = field { $field }: `{ $lang }`, but the file is in the folder of `{ $folder }`: move it to { $lang }/, or write lang = "{ $folder }"
admin-check-duplicate-tag = tag { $tag } is listed twice
admin-check-invalid-tag = tag: { $problem }
admin-check-tag-is-a-name = tag { $tag } is a name, not an address: a tag is written in lowercase ASCII letters, digits and hyphens, and a topic's names in English, Dari and Pashto are set on the topics' names page, /admin/tags
admin-check-invalid-date = field { $field }: { $problem }
admin-check-updated-before-published = { $updated_field } ({ $updated }) is earlier than { $published_field } ({ $published })
admin-check-translation-unknown-lang = translations: { $problem }
admin-check-translation-to-own-lang = { $origin ->
        [file] translations: `{ $lang }`
       *[editor] Translations: { $language }
    } is this article's own language
admin-check-translation-invalid-slug = { $origin ->
        [file] translations.{ $lang }
       *[editor] the translation in { $language }
    }: { $problem }
admin-check-original-lang-missing = { $origin ->
        [file] translated_from: missing `lang`, the language of the original
       *[editor] Translated from: the language of the original is missing
    }
admin-check-original-unknown-lang = { $origin ->
        [file] translated_from
       *[editor] Translated from
    }: { $problem }
admin-check-original-is-own-lang = { $origin ->
        [file] translated_from: `{ $lang }` is this article's own language
       *[editor] Translated from: { $language } is this article's own language
    }
admin-check-original-not-in-translations = { $origin ->
        [file] translated_from: no `{ $lang }` entry in `translations` names the original: add its slug there
       *[editor] Translated from: no web address in { $language } under Translations names the original: add its web address there
    }
admin-check-original-revision-missing = { $origin ->
        [file] translated_from: missing `revision`, the original's revision the translation was made from
       *[editor] Translated from: the revision of the original, the one the translation was made from, is missing
    }
admin-check-original-revision-invalid = { $origin ->
        [file] translated_from: `revision` must be
       *[editor] Translated from: the revision of the original must be
    } an article's revision, 32 hexadecimal digits, not { $value }
admin-check-no-sources = { $origin ->
        [file] missing `[[sources]]`: every article cites at least one source
       *[editor] no source: every article cites at least one
    }
admin-check-empty-sources = { $origin ->
        [file] `sources` is empty
       *[editor] the sources are empty
    }: cite at least one
admin-check-source-title-missing = source { $n }: missing { $origin ->
        [file] `title`
       *[editor] title
    }
admin-check-source-url-invalid = source { $n }: { $origin ->
        [file] `url`
       *[editor] the URL
    } must be an http(s) address without spaces, not { $url }
admin-check-source-url-missing = source { $n }: missing { $origin ->
        [file] `url`
       *[editor] URL
    }
admin-check-source-accessed-invalid = source { $n }: { $origin ->
        [file] `accessed`
       *[editor] accessed
    }: { $problem }
admin-check-source-accessed-missing = source { $n }: missing { $origin ->
        [file] `accessed`
       *[editor] accessed
    } date
admin-check-incomplete-front-matter = incomplete front matter
admin-check-raw-html = raw HTML is not allowed in articles: write it in Markdown
admin-check-link-not-allowed = the link { $url } cannot be kept: link to http(s), mailto or tel addresses, pages of this site, or #anchors
admin-check-image-not-uploaded = the image { $url } is not an upload: upload it at /admin/media and use the address it gives (/media/…)
admin-check-image-not-kept = the image { $url } is not among the uploads: upload it at /admin/media, or correct its address
admin-check-image-alt-missing = the image needs alt text, saying what it shows for readers who cannot see it: ![what it shows](/media/…)
admin-check-image-alt-language = the image's alt text is not in the article's language ({ $native }): write it as the article's readers read
admin-check-no-body = the article has no body
admin-check-unclosed-code-fence = the code block opened here with { $fence } is never closed, so the rest of the article shows as code: close it with { $fence } on a line of its own
admin-check-duplicate-slug = another { $language } article has the { $origin ->
        [file] slug
       *[editor] web address
    } { $quoted } already (/{ $lang }/{ $slug }, published or a draft): choose another
admin-check-translation-not-an-article = { $origin ->
        [file] translation `{ $lang }`
       *[editor] the translation in { $language }
    } points to /{ $lang }/{ $slug }, which is not an article
admin-check-translation-is-draft = { $origin ->
        [file] translation `{ $lang }`
       *[editor] the translation in { $language }
    } points to /{ $lang }/{ $slug }, which is still a draft
admin-check-unreadable = cannot be read: { $error }
admin-check-file-too-large = { $origin ->
        [file] the file is larger than { $mb } MB: an article is a few kilobytes; split it or remove what is not an article
       *[editor] the article is larger than { $mb } MB, the most an article may be (a letter of Dari or Pashto counts twice): split it into several articles, or remove what is not part of it
    }
admin-check-not-utf8 = the file is not valid UTF-8
admin-check-address-changed = the language and { $origin ->
        [file] slug
       *[editor] web address
    } of /{ $lang }/{ $slug } cannot be changed in the editor yet: make a new article
# A value as typed, quoted on the editor's page (`askaf check` writes `value`).
admin-check-quoted = “{ $value }”
# A slug, a tag or a translation's address refused: a content file's in
# askaf check's words; the editor's form calls each a web address.
admin-check-slug = { $origin ->
        [file] invalid slug { $value }: { $reason }
       *[editor] { $value } cannot be a web address: { $reason }
    }
admin-check-slug-empty = it is empty
admin-check-slug-too-long = it is longer than { $max } characters
admin-check-slug-characters = use only lowercase ASCII letters, digits and hyphens
admin-check-slug-hyphens = hyphens may not lead, trail or repeat
admin-check-unknown-language = unknown language { $value } (expected one of: en, fa, ps)
admin-check-date-not-real = { $typed } is not a real date
admin-check-date-typed = { $typed } is { $problem }
admin-check-date-form = not a date: write it as YYYY-MM-DD (Gregorian, or Solar Hijri such as 1405-09-05), or as day, month and year (26 November 2026, 5 Qaws 1405)
admin-check-date-solar = not a Solar Hijri date: { $problem }
admin-check-solar-year = the year { $year } is outside the years converted ({ $first } to { $last })
admin-check-solar-month = there is no month { $month }: the year has 12 months
admin-check-solar-day = month { $month } ({ $name }) of { $year } has { $length } days, not { $day }
admin-check-date-gregorian = not a date: { $problem }
admin-check-gregorian-day = { $name } { $year } has { $length } days, not { $day }
admin-check-date-not-alone = { $typed } should be a date alone, like 2026-11-20
admin-check-not-a-date = expected a date like 2026-11-20, found a { $found }

## Why a typed name is no username or role (admin/accounts.rs).

admin-error-username-length = A username must be { $min } to { $max } characters long; “{ $typed }” has { $len }.
admin-error-username-character = A username may contain only letters a-z, digits, “.”, “_” and “-”; “{ $typed }” contains “{ $bad }”.
admin-error-username-start = A username must start with a letter or digit; “{ $typed }” does not.
admin-error-role-unknown = “{ $typed }” is not a role: choose one of { $roles }.

# Topics' names per language (/admin/tags)
admin-nav-tags = Topics
admin-title-tags = Topics' names
admin-tags-intro = Each topic's name as readers see it in each language. Left empty, a language shows the site's built-in name (shown greyed in the field), else the English name, else the topic's address.
admin-tags-none = No article has a topic yet.
admin-tags-count = { $n } { $count ->
        [one] article
       *[other] articles
    }
admin-tags-field = Name in { $language }
admin-tags-save = Save the names
admin-notice-tag-labels = The topic's names are saved; the pages show them now.
admin-error-tag-label = Not saved: a name is one line of at most { $max } characters.
admin-error-tag-label-script = Not saved: the { $language } name is written in another script; write it as { $language } readers read it.
admin-help-tags = Each topic's name in English, Dari and Pashto is set by an editor on the page

## Why a comment was held or refused (queue and log); a value as typed
## (word-list entry, ban, name) is shown in its own direction

admin-reason-honeypot = filled in the hidden field that only programs see
admin-reason-too-fast = posted { $seconds } s after the form was shown (minimum { $min } s)
admin-reason-form-missing = the form's timing token was missing or invalid
admin-reason-form-expired = posted { $amount } { $unit ->
        [seconds] s
        [minutes] min
        [hours] h
       *[days] days
    } after the form was shown; the form had expired
admin-reason-rate-limit-ip = { $count } { $count-count ->
        [one] comment
       *[other] comments
    } from this IP address in the last hour (limit { $limit })
admin-reason-rate-limit-email = { $count } { $count-count ->
        [one] comment
       *[other] comments
    } from this email address in the last hour (limit { $limit })
admin-reason-rate-limit-refused = { $count } { $count-count ->
        [one] post
       *[other] posts
    } refused from this IP address in the last hour (limit { $limit })
admin-reason-duplicate = the same text was already posted to this article
admin-reason-banned = banned: “{ $target }”
admin-reason-closed = comments on this article are closed
admin-reason-too-many-links = { $links } { $links-count ->
        [one] link
       *[other] links
    } (at most { $max } without review)
admin-reason-pattern = matched the word list entry “{ $entry }”
admin-reason-first-comment = first comment from this email address
admin-reason-no-email = no email address, so it cannot count as a known commenter's
admin-reason-taken-name = signed as “{ $name }”, the site's name or one its staff sign with, without being signed in
admin-reason-unproven-commenter = this email's comments were approved, but this one was not sent from the browser that wrote them

## What the decision log's other lines did, with their values; a value as
## typed (a name, an address, a note, a file) is shown in its own direction

admin-detail-patterns = { $entries } { $entries-count ->
        [one] entry
       *[other] entries
    }
admin-detail-account-created = { $name } as { $role }
admin-detail-role-changed = { $name }: { $from } to { $to }
admin-detail-password-set = { $name }
admin-detail-account-removed = { $name }
admin-detail-account-removed-role = { $name } ({ $role })
admin-detail-language-changed = { $name }: { $from } to { $to }
admin-detail-image = { $file } (from { $original })
admin-detail-imported = { $source } comment { $id }
admin-detail-edited = was: { $name }: { $body }
admin-detail-banned = { $kind } { $target }
admin-detail-banned-note = { $kind } { $target }; note: { $note }
admin-detail-unbanned = { $target }

# Deleting an upload (/admin/media)
admin-action-image-deleted = image deleted
admin-notice-media-deleted = Deleted { $file }, with its smaller copies.
admin-error-media-in-use = Not deleted: { $file } is shown in { $count ->
    [one] this article. Take it out of the article, then delete it:
   *[other] these { $n } articles. Take it out of them, then delete it:
    }
admin-error-media-not-kept = There is no image { $file } to delete (it was deleted already, or the address is mistyped).
admin-media-refused-file = (a content file the site refused: it serves the last version it accepted, and would show the image once the file is fixed)
admin-media-catalogued-file = (a content file whose version last accepted shows the image, in a content directory a server has read within the hour; this server does not serve it)
admin-again-media-delete = Delete the image { $file }.
admin-sign-in-media-delete = Sign in to delete the image
admin-media-delete = Delete
admin-col-delete = Delete

# h56-c
admin-check-date-ambiguous = not a date: the year must be written in four digits, first (year/month/day: 1405/9/16, 2026.12.07) or last (day/month/year: 16/9/1405, 7.12.2026)
admin-error-date-ambiguous = “{ $date }” is not clear: write the year in four digits, first (year/month/day: 1405/9/16, 2026.12.07) or last (day/month/year: 16/9/1405, 7.12.2026).
admin-revision-scheduled = Saved as a draft, scheduled to be published on { $when }

# h57-c
admin-notice-unscheduled-saved = The schedule was cancelled and your text was saved as a draft. Nothing was published: the site shows the article as it did before.
admin-revision-unscheduled = Saved as a draft; the schedule for { $when } was cancelled: not published
admin-action-rerendered = shown again in the current format (automatic)
