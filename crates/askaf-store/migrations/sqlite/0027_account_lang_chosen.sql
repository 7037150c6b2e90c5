-- Whether an account's user has chosen the language of its editorial pages
-- (on Your account or with the admin bar's buttons). Until then a sign-in
-- takes the language the login page was shown in (the browser's, or the one
-- asked for), where a new Dari or Pashto moderator was answered in English
-- after a Dari or Pashto login page. Existing accounts keep theirs, as chosen.
ALTER TABLE users ADD COLUMN lang_chosen INTEGER NOT NULL DEFAULT 0;
UPDATE users SET lang_chosen = 1;
