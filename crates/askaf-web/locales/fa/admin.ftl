# صفحه‌های ویراستاری (/admin/…) به دری. کلیدها همان کلیدهای ../en/admin.ftl اند.
# شماره‌ها با رقم‌های فارسی می‌آیند؛ `$count` شکل جمع را برمی‌گزیند و `$n` آن را نشان می‌دهد.

admin-description = صفحه‌های ویراستاری AskAfghanistan
admin-list-separator = ،{" "}
admin-separator = ؛{" "}

## Navigation and frame

admin-nav-label = ویراستاری
admin-nav-dashboard = صفحهٔ نخست
admin-nav-comments = نظرها
admin-nav-articles = مقاله‌ها
admin-nav-new-article = مقالهٔ تازه
admin-nav-media = تصویرها
admin-nav-bans = مسدودشده‌ها
admin-nav-words = فهرست واژه‌ها
admin-nav-log = دفتر تصمیم‌ها
admin-nav-questions = پرسش‌ها
admin-nav-accounts = حساب‌ها
admin-nav-account = حساب شما
admin-logout = خروج
admin-language-label = زبان صفحه‌ها:

## Page titles

admin-title-dashboard = ویراستاری
admin-title-login = ورود
admin-title-account = حساب شما
admin-title-comments = نظرها: { $status }
admin-title-edit-comment = ویرایش نظر #{ $id }
admin-title-articles = مقاله‌ها
admin-title-new-article = مقالهٔ تازه
admin-title-edit-article = ویرایش مقاله
admin-title-history = تاریخچهٔ { $article }
admin-title-bans = مسدودشده‌ها
admin-title-words = فهرست واژه‌ها
admin-title-log = دفتر تصمیم‌ها
admin-title-questions = آنچه خواننده‌ها می‌خواهند
admin-title-media = تصویرها
admin-title-accounts = حساب‌ها

## Names

admin-status-pending = در انتظار
admin-status-approved = تأییدشده
admin-status-spam = هرزنامه
admin-status-deleted = حذف‌شده
admin-role-admin = مدیر
admin-role-editor = ویراستار
admin-role-moderator = ناظر
admin-role-author = نویسنده
admin-lang-en = انگلیسی
admin-lang-fa = دری
admin-lang-ps = پشتو
admin-content-file = فایل محتوا
admin-ban-email = ایمیل
admin-ban-network = شبکه

## The decision log's actions, as the store records them

admin-action-published = نشر شد
admin-action-held = نگه داشته شد
admin-action-imported = وارد شد
admin-action-refused = رد شد
admin-action-approved = تأیید شد
admin-action-marked-spam = هرزنامه شمرده شد
admin-action-deleted = حذف شد
admin-action-requeued = به صف برگشت
admin-action-edited = ویرایش شد
admin-action-closed = نظرها بسته شد
admin-action-opened = نظرها باز شد
admin-action-banned = مسدود شد
admin-action-unbanned = مسدودیت برداشته شد
admin-action-patterns = فهرست واژه‌ها ذخیره شد
admin-action-account-created = حساب ساخته شد
admin-action-role-changed = نقش تغییر کرد
admin-action-password-set = رمز عبور تعیین شد
admin-action-account-removed = حساب حذف شد
admin-action-image-uploaded = تصویر بارگذاری شد
admin-action-image-imported = تصویر وارد شد
admin-action-language-changed = زبان صفحه‌ها تغییر کرد
admin-log-automatic = خودکار
admin-actor-command-line = { $command } (خط فرمان)
admin-history-by = از سوی { $name }

## Revisions

admin-revision-draft = به شکل پیش‌نویس ذخیره شد
admin-revision-publish = نشر شد
admin-revision-unpublish = از نشر برداشته شد
admin-revision-restore = بازگردانده شد (به شکل پیش‌نویس)
admin-revision-restored = متن نسخهٔ #{ $number } بازگردانده شد (به شکل پیش‌نویس)
admin-revision-file = فایل محتوا
admin-revision-original = متن فایل محتوا پیش از نخستین ویرایش در اینجا
admin-revision-review = برای بازبینی فرستاده شد
admin-revision-saved = ذخیره شد

## Notices after an action

admin-notice-approved = تأیید شد: نظر اکنون زیر مقاله است.
admin-notice-marked-spam = هرزنامه شمرده شد.
admin-notice-deleted = حذف شد.
admin-notice-requeued = به صف برگشت.
# پس از تصمیم ناظر، نظری که دربارهٔ آن بود: شماره، نویسنده و نخستین واژه‌هایش.
admin-notice-which = نظرِ #{ $id } از { $name }: «{ $start }»
# دکمهٔ زیر آن پیام که نظر را به جای پیشینش برمی‌گرداند ($to: وضعیت پیشین آن).
admin-undo = برگرداندن { $to ->
        [pending] (به صف)
        [approved] (دوباره تأییدشده)
        [spam] (دوباره هرزنامه)
       *[deleted] (دوباره حذف‌شده)
    }
admin-notice-edited = ذخیره شد.
admin-notice-closed = نظرها بسته شد.
admin-notice-opened = نظرها باز شد.
admin-notice-banned = مسدود شد.
admin-notice-unbanned = مسدودیت برداشته شد.
admin-notice-words = فهرست واژه‌ها ذخیره شد.
admin-notice-draft-saved = پیش‌نویس ذخیره شد: نسخه‌ای تازه که عمومی نیست.
admin-notice-published = نشر شد: صفحه، خبرخوان‌ها، نقشهٔ سایت، { $api } و بخش پرسش اکنون آن را نشان می‌دهند.
admin-notice-unpublished = از نشر برداشته شد: از سایت برداشته شد و متن آن به شکل پیش‌نویس نگه داشته می‌شود.
admin-notice-unpublished-translations = از نشر برداشته شد: از سایت برداشته شد و متن آن به شکل پیش‌نویس نگه داشته می‌شود. ترجمه‌های آن در سایت می‌مانند، بی پیوند به آن، تا دوباره نشر شود.
admin-notice-review = برای بازبینی فرستاده شد: ویراستار آن را در فهرست مقاله‌های در انتظار بازبینی می‌بیند.
admin-notice-scheduled = زمان‌بندی شد: آخرین متن ذخیره‌شده در آن زمان نشر می‌شود.
admin-notice-unscheduled = زمان‌بندی لغو شد: مقاله همان‌گونه که هست می‌ماند.
admin-notice-unapplied-cleared = ثبتِ سروری که مقاله را همان‌گونه که ذخیره شده نشان نمی‌داد پاک شد.
admin-notice-restored = به شکل نسخه‌ای تازه (پیش‌نویس) بازگردانده شد: برای رفتن به سایت آن را نشر کنید.
admin-notice-moved = با نشانی تازه‌اش ذخیره شد؛ مقاله در نشانی پیشین، که از آنِ خود سایت است، از نشر برداشته شد.
admin-notice-up-to-date = به‌روز شمرده شد: ترجمه اکنون نسخهٔ کنونی اصل را ثبت می‌کند و چنین نشر شده است.
admin-notice-up-to-date-draft = در پیش‌نویسی تازه به‌روز شمرده شد: ترجمهٔ نشرشده تا نشر این پیش‌نویس یادداشت خود را نشان می‌دهد.
admin-notice-up-to-date-conflict = ثبت نشد: کسی در این میان ترجمه را ذخیره کرد. صفحهٔ زیر به‌روز است؛ دوباره کوشش کنید.
admin-notice-restore-conflict = بازگردانده نشد: کسی در این میان مقاله را ذخیره کرد. تاریخچهٔ زیر به‌روز است؛ دوباره کوشش کنید.
admin-notice-language = زبان صفحه‌های ویراستاری شما ذخیره شد.
admin-notice-created = حساب ساخته شد.
admin-notice-role = نقش تغییر کرد: از صفحهٔ بعدی حساب اجرا می‌شود.
admin-notice-password = رمز عبور تعیین شد؛ نشست‌های این حساب پایان یافت.
admin-notice-removed = حساب حذف شد.
admin-notice-password-changed = رمز عبور شما تغییر کرد. از نشست‌های دیگر حساب شما خارج شدید.
admin-notice-signed-out = از حساب خود خارج شدید.
admin-notice-new-translation = ترجمهٔ تازهٔ { $language } از { $article }: عنوان، پرسش و پاسخ کوتاه را بنویسید و هر بند متن را با ترجمهٔ آن جای‌گزین کنید. اصل در کنار فورم است.
admin-notice-uploaded = بارگذاری شد. برای نشان دادن آن در مقاله، { $markdown } را در جای آن بنویسید.
admin-media-alt-placeholder = آنچه نشان می‌دهد، به زبان مقاله

## Errors

admin-error-role = حساب شما ({ $role }) اجازهٔ باز کردن این صفحه را ندارد؛ از مدیر بخواهید.
admin-error-csrf = فورم تأیید نشد (شاید از نسخهٔ کهنهٔ صفحه باشد یا کوکی‌ها خاموش باشند). برگردید، صفحه را دوباره بار کنید و دوباره کوشش کنید.
admin-error-login-throttled = ورودهای ناموفق بسیار زیاد. { $wait } دیگر دوباره کوشش کنید.
admin-error-login-wrong = نام کاربری یا رمز عبور درست نیست.
admin-error-language = انگلیسی ({ $en })، دری ({ $fa }) یا پشتو ({ $ps }) را برگزینید.
admin-error-no-language = چنین زبانی نیست: { $en }، { $fa } یا { $ps }.
admin-error-passwords-differ = دو رمز عبور تازه با هم فرق دارند.
admin-error-account-passwords-differ = دو رمز عبور با هم فرق دارند.
admin-error-password-wrong = رمز عبور کنونی درست نیست.
admin-error-status = وضعیت باید { $pending }، { $approved }، { $spam } یا { $deleted } باشد
admin-error-not-a-number = «{ $value }» شماره نیست
admin-error-moderation = کار باید یکی از این‌ها باشد: تأیید، هرزنامه، حذف یا برگشت به صف
admin-error-close-open = کار باید { $close } یا { $open } باشد
admin-error-name = نام: { $problem }.
admin-error-comment = نظر: { $problem }.
admin-error-words-empty-regex = ذخیره نشد: سطر { $line }، عبارت باقاعدهٔ { $entry } خالی است.
admin-error-words-bad-regex = ذخیره نشد: سطر { $line }، { $entry }، یک عبارت باقاعدهٔ قابل استفاده نیست.
admin-error-words-no-terms = ذخیره نشد: سطر { $line }، { $entry }، هیچ حرف یا رقمی برای جور آمدن ندارد؛ برای عبارت باقاعده آن را میان /…/ بنویسید.
admin-error-words-too-long = ذخیره نشد: فهرست { $chars } حرف دارد و حداکثر { $max } حرف می‌تواند داشته باشد. متن شما در زیر نگه داشته شده است؛ آن را کوتاه‌تر کنید و دوباره ذخیره کنید.
admin-error-may-not-write = حساب شما اجازهٔ نوشتن مقاله را ندارد.
admin-error-may-not-publish = حساب شما ({ $role }) می‌تواند پیش‌نویس ذخیره کند، اما نمی‌تواند نشر کند یا از نشر بردارد؛ نشر کار ویراستار است. برگردید: متن شما هنوز در فورم است.
admin-error-session-expired = نشست شما پایان یافته است، بنابراین چیزی ذخیره نشد. متن شما در زیر نگه داشته شده است: در پایین فورم وارد شوید و دوباره دکمه را بزنید.
admin-error-sign-in-wrong-kept = نام کاربری یا رمز عبور درست نیست، بنابراین چیزی ذخیره نشد. متن شما در زیر نگه داشته شده است: در پایین فورم دوباره وارد شوید و دوباره دکمه را بزنید.
admin-error-text-kept = متن شما در زیر نگه داشته شده است: چیزی ذخیره نشد.
admin-error-session-expired-action = نشست شما پایان یافته است، بنابراین کاری انجام نشد. در پایین فورم وارد شوید و دوباره دکمه را بزنید.
admin-error-sign-in-wrong-action = نام کاربری یا رمز عبور درست نیست، بنابراین کاری انجام نشد. در پایین فورم دوباره وارد شوید و دوباره دکمه را بزنید.
admin-error-nothing-done = کاری انجام نشد.
admin-error-form-unverified = فورم تأیید نشد (شاید از نسخهٔ کهنهٔ صفحه باشد)، بنابراین چیزی ذخیره نشد. متن شما در زیر نگه داشته شده است: آن را ببینید و دوباره دکمه را بزنید.
admin-error-form-unverified-action = فورم تأیید نشد (شاید از نسخهٔ کهنهٔ صفحه باشد)، بنابراین کاری انجام نشد. آن را ببینید و دوباره دکمه را بزنید.
admin-error-editor-button = پیش‌نمایش، ذخیرهٔ پیش‌نویس یا نشر را برگزینید.
admin-error-not-scheduled = زمان‌بندی نشد: زمان با مشکل آن در زیر نشان داده شده است. متن شما نگه داشته شده است.
admin-error-conflict = ذخیره نشد: کسی پس از آن‌که شما این مقاله را باز کردید آن را ذخیره کرد. هر دو متن در زیر است؛ متن شما در فورم است. آنچه را لازم دارید یکجا کنید و دوباره ذخیره کنید.
admin-error-still-applying = هنوز در حال اعمال است: این تغییر بیش از معمول وقت می‌گیرد و حتی اگر این صفحه را ترک کنید تمام می‌شود. یک دقیقه بعد تاریخچهٔ مقاله را ببینید. متن شما در فورم است، اگر لازم داشته باشید؛ ذخیرهٔ دوبارهٔ همین متن ضرری ندارد.
admin-error-saved-not-applied = ذخیره شد، اما این سرور نتوانست تغییر را روی سایت بگذارد: { $reason }. سرورهای دیگر آن را همان‌گونه که ذخیره شده نشان می‌دهند و تاریخچه آن را نشان می‌دهد؛ این سرور خودش دوباره تلاش می‌کند، فرستادن دوبارهٔ این فورم همین حالا تلاش می‌کند، و راه‌اندازی دوباره آن را نشان می‌دهد. متن شما در فورم است.
admin-error-still-applying-late = هنوز در حال اعمال است: این تغییر بیش از معمول وقت می‌گیرد و حتی اگر این صفحه را ترک کنید تمام می‌شود. «ببینید این ذخیره چگونه تمام شد» نشان می‌دهد که چگونه تمام می‌شود، ذخیره شده یا رد شده، همراه با آنچه نوشته‌اید؛ صفحهٔ مقاله در ویرایشگر نیز همین را نشان می‌دهد. متن شما در فورم هم هست.
admin-late-check = ببینید این ذخیره چگونه تمام شد
admin-late-open-article = باز کردن مقاله در ویرایشگر
admin-late-pending = ذخیره‌ای که { $when } فرستادید هنوز در حال اعمال است. یک دقیقه بعد دوباره ببینید: این صفحه خواهد گفت که چگونه تمام شد. متن شما در فورم است. اگر پس از چند دقیقه هنوز همین را بگوید، شاید سروری که آن را اعمال می‌کرد متوقف شده باشد: متن خود را دوباره ذخیره کنید.
admin-late-invalid = ذخیره نشد: ذخیره‌ای که { $when } فرستادید هنگام اعمال رد شد، به خاطر مشکلاتی که در کنار خانه‌های مربوط نشان داده شده‌اند. متن شما در فورم است.
admin-late-invalid-now-fine = ذخیره نشد: ذخیره‌ای که { $when } فرستادید هنگام اعمال رد شد؛ با وضع کنونی سایت، متن آن مشکلی ندارد. متن شما در فورم است: آن را دوباره ذخیره کنید.
admin-late-conflict = ذخیره نشد: ذخیره‌ای که { $when } فرستادید هنگام اعمال رد شد، زیرا کسی پس از آن‌که شما این مقاله را باز کردید آن را ذخیره کرد. هر دو متن در زیر است؛ متن شما در فورم است. آنچه را لازم دارید یکجا کنید و دوباره ذخیره کنید.
admin-late-failed = ذخیره نشد: ذخیره‌ای که { $when } فرستادید در سرور ناکام شد ({ $reason }). متن شما در فورم است: آن را دوباره ذخیره کنید.
admin-late-step-not-done = ذخیره شد، اما { $step ->
        [schedule] زمان‌بندی نشد
        [unschedule] زمان‌بندی آن لغو نشد
        [review] برای بازبینی فرستاده نشد
       *[unpublish] از نشانی پیشین آن برداشته نشد
    }: ذخیره‌ای که { $when } فرستادید ذخیره شد، و سپس آن کار در سرور ناکام شد ({ $reason }). متن شما بر روی نسخهٔ ذخیره‌شده در فورم است: دوباره { $step ->
        [schedule] «زمان‌بندی»
        [unschedule] «لغو زمان‌بندی»
        [review] «فرستادن برای بازبینی»
       *[unpublish] «برداشتن از نشر» را در مقاله به نشانی پیشین آن
    } را بزنید.
admin-error-step-not-done = ذخیره شد، اما { $step ->
        [schedule] زمان‌بندی نشد
        [unschedule] زمان‌بندی آن لغو نشد
        [review] برای بازبینی فرستاده نشد
       *[unpublish] از نشانی پیشین آن برداشته نشد
    }: نسخهٔ شما ذخیره شد، و سپس آن کار در سرور ناکام شد ({ $reason }). متن شما بر روی نسخهٔ ذخیره‌شده در فورم است: دوباره { $step ->
        [schedule] «زمان‌بندی»
        [unschedule] «لغو زمان‌بندی»
        [review] «فرستادن برای بازبینی»
       *[unpublish] «برداشتن از نشر» را در مقاله به نشانی پیشین آن
    } را بزنید.
admin-error-schedule-passed = به شکل پیش‌نویس ذخیره شد و زمان‌بندی نشد: زمانی که برگزیدید، { $at }، هنگام اعمال ذخیرهٔ شما گذشته بود، پس نشر نشد. متن شما بر روی نسخهٔ ذخیره‌شده در فورم است: زمان دیرتری برگزینید و «زمان‌بندی» را بزنید، یا برای نشر همین اکنون «نشر کردن» را بزنید.
admin-late-schedule-passed = به شکل پیش‌نویس ذخیره شد و زمان‌بندی نشد: زمانی که برگزیدید، { $at }، هنگام اعمال ذخیره‌ای که { $when } فرستادید گذشته بود، پس نشر نشد. متن شما بر روی نسخهٔ ذخیره‌شده در فورم است: زمان دیرتری برگزینید و «زمان‌بندی» را بزنید، یا برای نشر همین اکنون «نشر کردن» را بزنید.
admin-late-lost = نتیجهٔ این ذخیره معلوم نیست: سرور هنگام اعمال ذخیره‌ای که { $when } فرستادید متوقف شد. تاریخچهٔ مقاله نشان می‌دهد که ذخیره شده است یا نه. متن شما در زیر، در فورم است: آن را دوباره ذخیره کنید.
admin-late-unseen = { $state ->
        [pending] ذخیره‌ای که { $when } فرستادید هنوز در حال اعمال است.
        [lost] نتیجهٔ ذخیره‌ای که { $when } فرستادید معلوم نیست: سرور هنگام اعمال آن متوقف شد. تاریخچه را ببینید، و اگر متن شما در آن نیست، آن را دوباره ذخیره کنید.
        [step] ذخیره‌ای که { $when } فرستادید ذخیره شد، اما کاری که دکمهٔ آن پس از ذخیره می‌خواست انجام نشد: آن دکمه را در صفحهٔ همان ذخیره دوباره بزنید.
       *[ended] ذخیره‌ای که { $when } فرستادید آن‌گونه که فرستادید تمام نشد: رد شد، یا روی سایت گذاشته نشد. دلیل آن و کاری را که باید بکنید در صفحهٔ همان ذخیره ببینید.
    }
admin-error-problems-preview = { $n } مشکل که پیش از ذخیره باید درست شود (در کنار خانهٔ مربوط نشان داده شده است).
admin-error-problems-not-saved = ذخیره نشد: { $n } مشکل (در کنار خانهٔ مربوط نشان داده شده است). متن شما در زیر نگه داشته شده است.
admin-error-schedule-no-date = تاریخ نشر را بنویسید.
admin-error-schedule-time = «{ $time }» ساعت روز نیست: آن را مانند 09:30 بنویسید.
admin-error-schedule-no-such-time = چنین زمانی در کابل وجود ندارد.
admin-error-schedule-past = این زمان گذشته است: برای نشر همین اکنون، دکمهٔ نشر را بزنید.
admin-error-cannot-restore = نسخهٔ { $number } را نمی‌توان همان‌گونه که هست بازگرداند
admin-error-cannot-save = { $article } را نمی‌توان همان‌گونه که هست ذخیره کرد
admin-error-same-language = { $article } از پیش به همین زبان است: زبان دیگری را برای ترجمه برگزینید.
admin-error-translate-reserved = { $article } نشانی‌ای است که سایت برای صفحه‌های خودش نگه می‌دارد، بنابراین این مقاله هنوز ترجمه نمی‌شود: نخست در صفحهٔ ویرایش آن نشانی دیگری به آن بدهید، سپس از همان‌جا ترجمه‌اش کنید.
admin-error-up-to-date-base = فرم نگفت که از کدام نسخهٔ { $article } باز شده بود (خانهٔ { $base } آن)، پس چیزی ثبت نشد: صفحهٔ ویرایش مقاله را دوباره باز کنید و از آنجا آن را به‌روز نشانی کنید.
admin-error-not-a-translation = { $article } هیچ اصلی ({ $key }) ثبت نکرده است: ترجمه نیست.
admin-error-original-unpublished = اصل { $article } نشر نشده است: متن تازه‌تری برای ثبت نیست.
admin-error-not-created = ساخته نشد: { $problem }.
admin-error-no-account = حسابی به نام { $name } نیست.
admin-error-own-role = نمی‌توانید نقش مدیریت خود را بگیرید: مدیر دیگری می‌تواند.
admin-error-own-password = رمز عبور خود را در صفحهٔ «حساب شما» تغییر دهید، که رمز کنونی را می‌پرسد.
admin-error-password-not-set = رمز عبور { $name } تغییر نکرد: { $problem }
admin-error-own-removal = نمی‌توانید حساب خود را حذف کنید: مدیر دیگری می‌تواند.
admin-error-account-action = تغییر نقش، تعیین رمز عبور یا حذف را برگزینید.
admin-error-upload-none = یک فایل تصویر برای بارگذاری برگزینید.
admin-error-upload-refused = بارگذاری نشد: { $file }: { $problem }.
admin-error-upload-unreadable = بارگذاری خوانده نشد: { $problem }
admin-title-login-required = ورود لازم است
admin-error-login-required = این صفحه برای ویراستاران و ناظران سایت است. در { $login } وارد شوید.
admin-problem-body-line = سطر { $n } متن: { $problem }
admin-problem-empty = خالی است
admin-problem-too-long = از { $max } حرف درازتر است
admin-problem-invalid-email = نشانی ایمیل نیست
admin-problem-control-chars = نویسه‌هایی دارد که نشان داده نمی‌شوند
admin-error-ban-empty = برای مسدود کردن، یک نشانی ایمیل، یک نشانی { $ip } یا یک شبکه مانند { $network } بنویسید.
admin-error-ban-email = «{ $target }» { $problem }.
admin-error-ban-network = «{ $target }» شبکه نیست: یک نشانی، یک خط مایل و طول پیشوند بنویسید، مانند { $network } یا { $network6 }.
admin-error-ban-neither = «{ $target }» نه نشانی ایمیل است و نه نشانی { $ip } یا شبکه (مانند { $address }، { $network } یا { $network6 }).
admin-error-ban-exists = { $target } از پیش مسدود است.
# مسدودیتی که نشانی‌ای را که ناظر از آن وصل است در بر می‌گیرد: پیش از انجام گفته می‌شود.
admin-ban-own-address = { $target } نشانی‌ای را که اکنون از آن وصل هستید، { $address }، هم در بر می‌گیرد: پس از مسدود شدن، هر نظری که از آن فرستاده شود رد می‌شود، نظرهای خود شما هم. هنوز چیزی مسدود نشده است؛ اگر باز هم می‌خواهید آن را مسدود کنید، دکمهٔ زیر را بزنید.
admin-ban-own-confirm = مسدود کن، حتی نشانی خودم را
admin-error-password-too-short = رمز عبور باید دست‌کم { $min } حرف باشد.
admin-error-password-too-long = رمز عبور باید حداکثر { $max } حرف باشد.
admin-error-account-exists = حسابی به نام { $name } از پیش هست
admin-media-empty = فایل خالی است
admin-media-too-large = فایل { $size } بایت است، بیشتر از حد { $mb } مگابایت
admin-media-not-an-image = فایل تصویر { $jpeg }، { $png } یا { $webp } نیست (نامش هر چه بگوید)
admin-media-too-many-pixels = تصویر { $width } × { $height } پیکسل است، بیشتر از حد { $mp } مگاپیکسل
admin-media-corrupt = تصویر خوانده نمی‌شود: { $problem }
admin-media-encode = تصویر دوباره ساخته نشد: { $problem }
admin-error-date-form = «{ $date }» تاریخ نیست: آن را به شکل { $form } (میلادی، یا هجری شمسی مانند {"\u2066"}۱۴۰۵-۰۹-۰۵{"\u2069"}) یا با روز، ماه و سال بنویسید (۵ قوس ۱۴۰۵ یا ۲۶ نومبر ۲۰۲۶).
admin-error-date-year = تاریخ هجری شمسی درست نیست: سال { $year } بیرون از سال‌هایی است که تبدیل می‌شوند ({ $first } تا { $last }).
admin-error-date-month = تاریخ هجری شمسی درست نیست: ماه { $month } وجود ندارد؛ سال ۱۲ ماه دارد.
admin-error-date-day = تاریخ هجری شمسی درست نیست: ماه { $name } سال { $year } { $length } روز دارد، نه { $day }.
admin-error-date-gregorian = تاریخ درست نیست: { $problem }.

## Login and account

admin-field-username = نام کاربری
admin-field-password = رمز عبور
admin-login = ورود
admin-login-accounts = حساب‌ها را گردانندهٔ سایت با این فرمان می‌سازد:
admin-account-language = زبان
admin-account-language-legend = زبان صفحه‌های ویراستاری شما
admin-account-language-save = ذخیرهٔ زبان
admin-account-password = تغییر رمز عبور
admin-field-current-password = رمز عبور کنونی
admin-field-new-password-own = رمز عبور تازه (دست‌کم ۱۰ حرف)
admin-field-new-password-again = دوباره رمز عبور تازه
admin-change-password = تغییر رمز عبور

## Dashboard and comments

admin-dashboard-questions = آنچه خواننده‌ها می‌خواهند: پرسش‌هایی که پاسخی نیافتند
admin-reserved-articles = مقاله‌هایی که در سایت نیستند: نشانی‌شان از آنِ خود سایت است
admin-reserved-articles-help = هر یک از این مقاله‌ها اینجا با نشانی‌ای منتشر شده که سایت برای صفحه‌های خودش نگه می‌دارد، از این رو در سایت نیست. آن را باز کنید، نشانی کوتاه دیگری به آن بدهید و ذخیره کنید: با نشانی تازه ذخیره می‌شود (و اگر منتشرش کنید، منتشر می‌شود) و در نشانی پیشین از نشر برداشته می‌شود.
admin-reserved-slug-edit = نشانی این مقاله، { $address }، نشانی‌ای است که سایت برای صفحه‌های خودش نگه می‌دارد، از این رو مقاله در سایت نیست. نشانی کوتاه دیگری اینجا بنویسید و ذخیره کنید: مقاله با نشانی تازه ذخیره می‌شود و در این نشانی از نشر برداشته می‌شود؛ متن و تاریخچهٔ آن نگه داشته می‌شود.
admin-refused-files = فایل‌های محتوایی که سایت نپذیرفت
admin-refused-files-help = این فایل‌های پوشهٔ محتوا مشکل دارند، پس سایت مقالهٔ هر کدام را به آخرین نسخه‌ای که پذیرفته است نشان می‌دهد (فایلی که هیچ نسخه‌اش پذیرفته نشده است اصلاً نشان داده نمی‌شود). کسی که فایل‌ها را ویرایش می‌کند می‌تواند آن‌ها را درست کند؛ سایت هر فایل را به محض ذخیره شدن بدون مشکل می‌پذیرد.
admin-refused-line = سطر { $line }
admin-editor-file-refused = فایل محتوایی این مقاله تغییر کرد و سایت آن تغییر را نپذیرفت
admin-editor-file-refused-help = فایل مشکل‌های زیر را دارد، پس سایت این مقاله را همان‌گونه نشان می‌دهد که پیش از تغییر فایل بود: نسخه‌ای که در این فرم است، نه متن فایل. همین که فایل بدون مشکل ذخیره شود، سایت آن را به جای این نسخه نشان می‌دهد و تازه‌ترین نسخهٔ مقاله می‌شود؛ تا آن زمان، آنچه اینجا ذخیره کنید نشان داده می‌شود.
admin-editor-unapplied = این سرور مقاله را همان‌گونه که ذخیره شده نشان نمی‌دهد
admin-editor-unapplied-help = آخرین نشر یا لغو نشر آن ذخیره شده است و سرورهای دیگر آن را همان‌گونه نشان می‌دهند، اما این سرور نتوانست آن را روی سایت بگذارد و هنوز نسخهٔ پیش از آن را نشان می‌دهد. خودش دوباره تلاش می‌کند؛ نشر دوباره همین حالا تلاش می‌کند، و راه‌اندازی دوباره آن را نشان می‌دهد. دلیل:
admin-editor-unapplied-elsewhere = همهٔ سرورها مقاله را همان‌گونه که ذخیره شده نشان نمی‌دهند
admin-editor-unapplied-other = سرور { $node } نتوانست آخرین نشر یا لغو نشر آن را روی سایت بگذارد و هنوز نسخهٔ پیش از آن را نشان می‌دهد. آن سرور خودش دوباره تلاش می‌کند، و پس از راه‌اندازی دوباره آن را نشان می‌دهد. دلیل:
admin-editor-unapplied-noted = { $ago } پیش ثبت شد، { $when }.
admin-editor-unapplied-stale = آن سرور بیش از یک ساعت است که دوباره تلاش نکرده است، در حالی که سروری که کار می‌کند هر چند دقیقه یک بار تلاش می‌کند: شاید برای همیشه ایستاده باشد. اگر دیگر وجود ندارد، این ثبت را پاک کنید (نشر دوبارهٔ مقاله نیز آن را پاک می‌کند)؛ اگر دوباره راه‌اندازی شود، مقاله را همان‌گونه که ذخیره شده نشان می‌دهد.
admin-editor-unapplied-clear = پاک کردن این ثبت
admin-error-unapplied-not-stale = این ثبت پاک نمی‌شود: در یک ساعت گذشته تازه شده است، پس آن سرور هنوز تلاش می‌کند، یا ثبت پیش‌تر پاک شده است.
admin-comments-tabs = وضعیت نظرها
admin-comments-pages = باقی این فهرست
admin-comments-first = { $count } نخست
admin-comments-next = { $count } بعدی
admin-nothing-here = اینجا چیزی نیست.
admin-nothing-yet = هنوز اینجا چیزی نیست.
admin-comment-on = دربارهٔ
admin-comment-reply-to = پاسخ به #{ $id }
admin-comment-held = نگه داشته شد:
# زیر نظری در صف که پیوند دارد: متن هر پیوند و جایی که به آن می‌برد.
admin-comment-links = پیوندها، و این‌که هر کدام به کجا می‌برد:
admin-comment-staff = گروه سایت: { $name }
admin-approve = تأیید
admin-spam = هرزنامه
admin-delete = حذف
admin-requeue = برگشت به صف
admin-edit = ویرایش
# پس از هر دکمهٔ یک نظر در صف (تأیید، هرزنامه، …) و پیوند ویرایش آن، پنهان از دید، تا صفحه‌خوان بگوید هر کدام با کدام نظر است.
admin-comment-which = نظرِ #{ $id } از { $name }، { $when }
admin-field-name = نام
admin-field-comment = نظر ({ $markdown })
admin-save = ذخیره
admin-cancel = لغو
admin-history = تاریخچه

## The list of articles

admin-filter-search = جستجو در عنوان‌ها و نشانی‌ها
admin-field-language = زبان
admin-filter-all = همه
admin-filter-tag = موضوع
admin-filter-status = وضعیت
admin-filter-missing = هنوز ترجمه نشده به
admin-filter-missing-off = بدون فلتر
admin-filter = فلتر
admin-article-published = نشرشده
admin-article-draft = پیش‌نویس
admin-article-scheduled = زمان‌بندی‌شده
admin-article-review = در انتظار بازبینی
admin-article-outdated = ترجمهٔ کهنه
admin-article-outdated-lower = ترجمه کهنه است
admin-article-pending = ، با تغییرهای نشرنشده
admin-article-due = ؛ زمان‌بندی‌شده برای { $when }
admin-article-due-failed = در آن زمان نشر نشد: در { $retry } دوباره آزموده می‌شود
# A time on the editorial pages, in Kabul: the day (Solar Hijri and Gregorian in Dari and Pashto) and the time; the zone is said here only.
admin-moment = { $day }، { $time } (به وقت کابل)
admin-article-waiting = ؛ در انتظار بازبینی (فرستاده از سوی { $name })
admin-articles-caption = { $matching } از { $n } مقاله
admin-articles-page = ، صفحهٔ { $page } از { $pages }
admin-col-article = مقاله
admin-col-updated = به‌روز شده
admin-col-approved-comments = نظرهای تأییدشده
admin-view = دیدن
admin-comments-closed = بسته
admin-comments-open = باز
admin-comments-open-button = باز کردن
admin-comments-close-button = بستن
admin-comments-on = نظرها دربارهٔ
admin-pages-label = صفحه‌های فهرست
admin-previous-page = صفحهٔ پیشین
admin-next-page = صفحهٔ بعدی

## The editor

admin-editor-view = دیدن صفحهٔ نشرشده
admin-editor-history = تاریخچه و تفاوت‌ها
admin-translation-edit = ویرایش ترجمهٔ { $language }
admin-translation-new = ترجمه به { $language }
admin-stale-original = اصل { $language }،
admin-stale-changed = ، پس از ساخته شدن این ترجمه از آن تغییر کرده است (نسخهٔ آن
admin-stale-now = ؛ اکنون
admin-stale-file-version = نسخهٔ فایل محتوا از { $when }
admin-stale-unknown-version = نسخه‌ای که دیگر نگه داشته نمی‌شود
admin-stale-diff = آنچه از آن زمان در اصل تغییر کرد
admin-stale-lost = متن آن نسخه دیگر نگه داشته نمی‌شود، بنابراین تغییرها نشان داده نمی‌شوند: ترجمه را با اصلِ کنار فورم مقایسه کنید.
admin-stale-same = عنوان، پرسش، پاسخ کوتاه، موضوع‌ها، منابع و متن اصل همان است که آن زمان بود: تغییر در جای دیگری است (تاریخ‌ها یا ترجمه‌های آن).
admin-stale-fields-lost = از آن نسخه تنها عنوان و متن آن نگه داشته شده است: تغییر در پرسش، پاسخ کوتاه، موضوع‌ها یا منابع آن نشان داده نمی‌شود.
admin-mark-up-to-date = به‌روز شمردن
admin-preview-title = پیش‌نمایش (همان‌گونه که صفحه دیده خواهد شد؛
admin-preview-edit = ویرایش در زیر
admin-preview-live = پیش‌نمایش هم‌زمان با نوشتن
admin-preview-none = پیش‌نمایش وقتی دیده می‌شود که مقاله عنوان، زبان، نشانی و متنی بی‌مشکل داشته باشد.
admin-editor-address = نشانی
admin-field-slug = نشانی کوتاه (حرف‌های کوچک لاتین، رقم‌ها، خط تیره)
admin-field-title = عنوان
admin-field-question = پرسش (همان‌گونه که خواننده می‌پرسد)
admin-field-summary = پاسخ کوتاه (یک بند)
admin-field-tags = موضوع‌ها (نشانی‌های کوتاه، جدا با ویرگول)
admin-field-published = تاریخ نشر (هجری شمسی: {"\u2066"}۱۴۰۴-۱۲-۰۱{"\u2069"} یا ۱ حوت ۱۴۰۴؛ یا میلادی: {"\u2066"}2026-02-20{"\u2069"})
admin-field-updated = به‌روز شده
admin-field-translations = ترجمه‌ها (نشانی کوتاه در هر زبان، اگر باشد)
admin-field-translated-from = ترجمه شده از (اصلِ یک ترجمه: زبان آن، و نسخه‌ای که ترجمه از آن ساخته شد)
admin-field-original-language = زبان اصل
admin-field-not-a-translation = هیچ: ترجمه نیست
admin-field-original-revision = نسخهٔ اصل
admin-field-sources = منابع (دست‌کم یکی)
admin-field-source-title = منبع { $index }: عنوان
admin-field-source-url = منبع { $index }: نشانی ({ $url })
admin-field-source-accessed = منبع { $index }: تاریخ دیدن
admin-field-body = متن ({ $markdown }: بندها، عنوان‌های ##، فهرست‌ها، جدول‌ها؛ بدون { $html })
admin-help-body-images = تصویرها: تصویر را در این صفحه بارگذاری کنید، که در زبانهٔ تازه باز می‌شود تا این متن بماند، و { $markdown } نشان‌داده‌شده را در متن بگذارید:
admin-opens-new-tab = (در زبانهٔ تازه باز می‌شود)
admin-draft-kept = متنی که اینجا نوشتید و نفرستادید در این مرورگر نگه داشته شده است، از
admin-draft-restore = بازگرداندن آن
admin-draft-discard = دور انداختن آن
admin-editor-sign-in = برای ذخیره وارد شوید
admin-sign-in-role = برای تغییر نقش وارد شوید
admin-sign-in-password = برای تعیین رمز عبور وارد شوید
admin-sign-in-remove = برای حذف حساب وارد شوید
admin-sign-in-lift = برای برداشتن مسدودیت وارد شوید
admin-sign-in-add-account = برای افزودن حساب وارد شوید
admin-sign-in-ban = برای مسدود کردن وارد شوید
admin-preview = پیش‌نمایش
admin-save-draft = ذخیرهٔ پیش‌نویس
admin-submit-review = فرستادن برای بازبینی
admin-publish = نشر کردن
admin-unpublish = برداشتن از نشر
admin-schedule-legend = نشر در زمانی دیگر
admin-scheduled = زمان‌بندی شده برای نشر در { $when }، از سوی { $name }: آخرین متن ذخیره‌شده نشر می‌شود.
admin-unschedule = لغو زمان‌بندی
admin-schedule-failed = نشر در آن زمان ناکام شد. در { $retry } دوباره آزموده می‌شود و پس از هر ناکامی کمتر، تا نشر شود یا زمان‌بندی لغو شود؛ اگر مشکل از متن باشد، «نشر کردن» آن را نشان می‌دهد. دلیل ثبت‌شده:
admin-schedule-date = تاریخ (هجری شمسی: {"\u2066"}۱۴۰۵-۱۰-۰۳{"\u2069"} یا ۳ جدی ۱۴۰۵؛ یا میلادی: {"\u2066"}2026-12-24{"\u2069"})
admin-schedule-date-solar = تاریخ (هجری شمسی: {"\u2066"}۱۴۰۵-۱۰-۰۳{"\u2069"} یا ۳ جدی ۱۴۰۵؛ یا میلادی: {"\u2066"}2026-12-24{"\u2069"})
admin-schedule-time = ساعت به وقت کابل ({ $utc })
admin-schedule = زمان‌بندی
admin-original-title = اصل { $language }،
admin-conflict-title = در این میان { $name } در { $when } ذخیره کرد
admin-conflict-diff = آنچه متن شما در متن او تغییر می‌دهد
admin-conflict-theirs = متن او
admin-conflict-mine = متن شما
admin-conflict-same = متن شما و متن او یکسان‌اند.

## History

admin-history-back = برگشت به ویرایشگر
admin-history-caption = نسخه‌ها، تازه‌ترین نخست
admin-col-compare-from = مقایسه از
admin-col-compare-to = تا
admin-col-revision = نسخه
admin-col-saved = ذخیره شده
admin-col-by = از سوی
admin-col-what = چه
admin-history-from = از نسخهٔ { $number }
admin-history-to = تا نسخهٔ { $number }
admin-history-served = (روی سایت)
admin-hash-number = #{ $id }
admin-compare = مقایسه
admin-restore = بازگرداندن نسخهٔ #{ $number }
admin-history-none = هنوز نسخه‌ای در ویرایشگر ذخیره نشده است: مقاله همان است که در فایل محتوای آن است.
admin-history-diff = تفاوت‌ها از #{ $from } تا #{ $to }
admin-diff-removed = برداشته‌شده
admin-diff-added = افزوده‌شده
admin-diff-label = تفاوت‌ها
admin-diff-same = این دو نسخه یکسان‌اند.
admin-diff-at = { $part ->
        [title] عنوان
        [question] پرسش
        [summary] پاسخ کوتاه
        [tags] موضوع‌ها
        [sources] منابع
        [body] متن، سطر { $line }
        [front_matter] بخش آغازین، سطر { $line }
       *[file] سطر { $line }
    }

## Bans, words, log

admin-field-ban-target = نشانی ایمیل، نشانی { $ip } یا شبکه ({ $cidr })
admin-field-ban-note = یادداشت (چرا)
admin-ban = مسدود کردن
admin-col-banned = مسدودشده
admin-col-kind = نوع
admin-col-note = یادداشت
admin-col-since = از
admin-col-lift = برداشتن
admin-ban-since-by = { $when } از سوی { $name }
admin-lift = برداشتن
admin-lift-target = مسدودیتِ { $target }
admin-no-bans = هیچ نشانی‌ای مسدود نیست.
admin-field-words = واژه‌ها و الگوهایی که نظر را برای بازبینی نگه می‌دارند
admin-words-help = هر سطر یک مورد. یک واژه یا عبارت با واژه‌های کامل جور می‌آید و بزرگی و کوچکی حرف را نمی‌بیند (شکل‌های حرف‌های عربی و فارسی یکی شمرده می‌شوند). سطری مانند
admin-words-help-regex = {" "}یک عبارت باقاعده است. سطرهایی که با # آغاز می‌شوند یادداشت‌اند.
admin-words-save = ذخیرهٔ فهرست
admin-log-caption = تازه‌ترین تصمیم‌ها نخست
admin-col-when = زمان
admin-col-decision = تصمیم
admin-col-reason = دلیل
admin-col-from = از

## Questions readers asked

admin-questions-intro = پرسش‌هایی که خواننده‌ها پرسیدند و پاسخ روشنی نیافتند، و پرسش‌هایی که خواننده گفت پاسخ به آن جواب نداد (با پاسخ داده‌شده)، گروه‌بندی‌شده بر پایهٔ آنچه می‌پرسند در املاها و گفته‌های گوناگون، تازه‌ترین نخست.
admin-col-question = پرسش
admin-col-asked-in = پرسیده شده به
admin-col-no-answer = بی‌پاسخ
admin-col-not-helpful = پاسخ کمک نکرد
admin-col-last-asked = آخرین بار پرسیده شده
admin-col-write = نوشتن
admin-questions-answered-with = پاسخ داده شده با:
admin-questions-write = برای این پرسش مقاله بنویسید
admin-questions-why = چرا پاسخی داده نشد:
admin-questions-why-no-words = هیچ مقاله‌ای واژه‌های آن را به کار نمی‌برد.
admin-questions-why-too-little = نزدیک‌ترین جمله بخش کمی از آن را در بر می‌گیرد.
admin-questions-why-lacks-main-word = نزدیک‌ترین جمله واژهٔ اصلی آن را ندارد.
admin-questions-why-short = پرسشی کوتاه است و نزدیک‌ترین جمله یکی از واژه‌های آن را ندارد.
admin-questions-why-one-word = نزدیک‌ترین جمله تنها یکی از واژه‌های آن را دارد.
admin-questions-why-far = واژه‌هایش یافت می‌شوند، اما معنایش از مقاله‌ها دور است.
admin-questions-nearest = نزدیک‌ترین جمله، که نقل نشد:

## Images

admin-field-media = تصویر ({ $jpeg }، { $png } یا { $webp }، تا ۱۵ مگابایت؛ داده‌های همراه آن، مانند موقعیت { $gps } کمره، برداشته می‌شود)
admin-upload = بارگذاری
admin-media-none = هنوز تصویری نیست.
admin-media-caption = تصویرهای بارگذاری‌شده، تازه‌ترین نخست: { $markdown } نشان‌داده‌شده را بنویسید، با متن جای‌گزین به زبان مقاله
admin-col-image = تصویر
admin-col-markdown = { $markdown }
admin-col-size = اندازه
admin-col-uploaded = بارگذاری شده
admin-media-size = { $size }، { $kb } کیلوبایت
admin-media-uploaded = { $when } از سوی { $name }

## Accounts

admin-users-caption = حساب‌ها (همچنین با فرمان
admin-field-role = نقش
admin-col-created = ساخته شده
admin-col-password-changed = تغییر رمز عبور
admin-col-change = تغییر
admin-users-you = حساب شما
admin-users-change-yours = رمز عبور یا زبان خود را تغییر دهید
admin-users-role-of = نقش { $name }
admin-users-change-role = تغییر نقش
admin-users-of = برای { $name }
admin-users-new-password-for = رمز عبور تازه برای { $name }
admin-users-new-password = رمز عبور تازه
admin-users-new-password-again-for = دوباره رمز عبور تازه برای { $name }
admin-users-again = دوباره
admin-users-set-password = تعیین رمز عبور
admin-users-remove = حذف
admin-users-add = افزودن حساب
admin-field-new-username = نام کاربری (حرف‌های لاتین، رقم‌ها، . _ -)
admin-field-new-password = رمز عبور (دست‌کم ۱۰ حرف)
admin-field-password-again = دوباره رمز عبور
admin-users-add-button = افزودن این حساب

## A form that chose an action, shown again when it was not done.
admin-again-role = نقش { $name } را به { $role } تغییر دهید.
admin-again-password = برای { $name } رمز عبور تازه تعیین کنید.
admin-again-password-retype = رمز عبور تازه‌ای که نوشتید نگه داشته نشد تا هرگز در صفحه‌ای نوشته نشود: آن را در زیر دوباره، دو بار، بنویسید.
admin-again-remove = حساب { $name } را حذف کنید.
admin-again-lift = مسدودیتِ { $target } را بردارید.

## An article's problems, as `askaf check` names them (admin/check.rs).

admin-check-key-slug = نشانی کوتاه
admin-check-key-lang = زبان
admin-check-key-title = عنوان
admin-check-key-question = پرسش
admin-check-key-summary = پاسخ کوتاه
admin-check-key-published = تاریخ نشر
admin-check-key-updated = تاریخ به‌روز شدن
admin-check-key-tags = موضوع‌ها
admin-check-key-translations = ترجمه‌ها
admin-check-key-sources = منابع
admin-check-key-translated_from = ترجمه شده از
# A field a problem names: from a content file with its front matter key.
admin-check-field = { $origin ->
        [file] «{ $name }» ({ $key })
       *[editor] «{ $name }»
    }
admin-check-no-opening-fence = فایل باید با یک خط «+++» آغاز شود که بخش آغازین ({ $term }) را باز می‌کند
admin-check-unclosed-front-matter = بخش آغازین ({ $term }) که اینجا باز شده، هرگز بسته نشده است: پس از آن یک خط «+++» بیفزایید
admin-check-front-matter-syntax = بخش آغازین ({ $term }) خوانده نشد: { $detail }
admin-check-front-matter-syntax-date = بخش آغازین ({ $term }) خوانده نشد: { $detail }؛ تاریخ هجری شمسی میان نشانه‌های نقل قول نوشته می‌شود: «{ $line }»
admin-check-unquoted-value = بخش آغازین ({ $term }) خوانده نشد: مقدار { $field } باید میان نشانه‌های نقل قول نوشته شود: «{ $line }»
admin-check-toml-said = { $said } ({ $detail })
admin-check-toml-unknown-field = خانه‌ای به نام { $field } در مقاله نیست: نام آن را درست بنویسید یا خط آن را بردارید
admin-check-toml-missing-field = خانهٔ { $field } نوشته نشده است
admin-check-toml-wrong-type = { $field } { $expected ->
        [text] باید متنی میان نشانه‌های نقل قول باشد
        [list] باید فهرست باشد
        [true-false] باید { $true } یا { $false } باشد
        [table] باید جدول باشد
       *[other] از گونه‌ای نیست که این خانه می‌پذیرد
    }
admin-check-toml-bad-date = { $field }: این تاریخ روزی از تقویم نیست
admin-check-missing-field = خانهٔ { $field } نوشته نشده است
admin-check-empty-field = خانهٔ { $field } خالی است
admin-check-field-too-long = خانهٔ { $field } از { $max } حرف درازتر است
admin-check-control-character = خانهٔ { $field } نویسه‌ای دارد که نشان داده نمی‌شود
admin-check-reserved-slug = نشانی کوتاه: { $quoted } در هر زبان نشانی یکی از صفحه‌های خود سایت است ({ $path_fa }، { $path_ps }، { $path_en }): نشانی دیگری برگزینید
# The problem (admin-check-slug) names the field itself.
admin-check-invalid-slug = { $problem }
admin-check-unknown-lang = { $field }: { $problem }
admin-check-lang-not-folder = { $field }: { $language }، اما پرونده در پوشهٔ { $folder_language } است: آن را به پوشهٔ «{ $to_folder }» ببرید، یا بنویسید «{ $line }»
admin-check-duplicate-tag = موضوع { $tag } دو بار آمده است
admin-check-invalid-tag = موضوع: { $problem }
admin-check-tag-is-a-name = موضوع { $tag } یک نام است، نه نشانی: موضوع با حرف‌های کوچک لاتین ({ $ascii })، رقم‌ها و خط تیره نوشته می‌شود، و نام‌های هر موضوع به انگلیسی، دری و پشتو در صفحهٔ «نام موضوعات» ({ $tags_page }) تعیین می‌شود
admin-check-invalid-date = { $field }: { $problem }
admin-check-updated-before-published = تاریخ به‌روز شدن ({ $updated }) پیش از تاریخ نشر ({ $published }) است
admin-check-translation-unknown-lang = ترجمه‌ها: { $problem }
admin-check-translation-to-own-lang = { $origin ->
        [file] ترجمه‌ها: { $language } ({ $lang }) زبان خود این مقاله است
       *[editor] ترجمه‌ها: { $language } زبان خود این مقاله است
    }
admin-check-translation-invalid-slug = ترجمهٔ { $language }: { $problem }
admin-check-original-lang-missing = { $origin ->
        [file] ترجمه شده از: زبان اصل ({ $key }) نوشته نشده است
       *[editor] ترجمه شده از: زبان اصل نوشته نشده است
    }
admin-check-original-unknown-lang = ترجمه شده از: { $problem }
admin-check-original-is-own-lang = { $origin ->
        [file] ترجمه شده از: { $language } ({ $lang }) زبان خود این مقاله است
       *[editor] ترجمه شده از: { $language } زبان خود این مقاله است
    }
admin-check-original-not-in-translations = { $origin ->
        [file] ترجمه شده از: در «ترجمه‌ها» نشانی کوتاهی به { $language } ({ $lang }) نیست که اصل را نشان دهد: نشانی کوتاه اصل را آنجا بنویسید
       *[editor] ترجمه شده از: در «ترجمه‌ها» نشانی کوتاهی به { $language } نیست که اصل را نشان دهد: نشانی کوتاه اصل را آنجا بنویسید
    }
admin-check-original-revision-missing = { $origin ->
        [file] ترجمه شده از: نسخهٔ اصل ({ $key })، که ترجمه از آن ساخته شد، نوشته نشده است
       *[editor] ترجمه شده از: نسخهٔ اصل، که ترجمه از آن ساخته شد، نوشته نشده است
    }
admin-check-original-revision-invalid = ترجمه شده از: نسخهٔ اصل باید نسخهٔ یک مقاله باشد، ۳۲ رقم در مبنای شانزده ({ $hexadecimal })، نه { $value }
admin-check-no-sources = { $origin ->
        [file] منبعی نیامده است ({ $table }): هر مقاله دست‌کم یک منبع را نام می‌برد
       *[editor] منبعی نیامده است: هر مقاله دست‌کم یک منبع را نام می‌برد
    }
admin-check-empty-sources = فهرست منابع خالی است: دست‌کم یک منبع بنویسید
admin-check-source-title-missing = منبع { $n }: عنوان ندارد
admin-check-source-url-invalid = منبع { $n }: نشانی ({ $url_word }) باید نشانی { $http } بدون فاصله باشد، نه { $url }
admin-check-source-url-missing = منبع { $n }: نشانی ({ $url_word }) ندارد
admin-check-source-accessed-invalid = منبع { $n }: تاریخ دیدن: { $problem }
admin-check-source-accessed-missing = منبع { $n }: تاریخ دیدن ندارد
admin-check-incomplete-front-matter = بخش آغازین ({ $term }) کامل نیست
admin-check-raw-html = { $html } خام در مقاله‌ها پذیرفته نیست: آن را با { $markdown } بنویسید
admin-check-link-not-allowed = پیوند { $url } نگه داشته نمی‌شود: به نشانی‌های { $http }، { $mailto } یا { $tel }، صفحه‌های همین سایت یا بخش‌های همین صفحه (#…) پیوند دهید
admin-check-image-not-uploaded = تصویر { $url } بارگذاری‌شده نیست: آن را در { $media_page } بارگذاری کنید و نشانی‌ای را که می‌دهد ({ $media_path }) به کار ببرید
admin-check-image-not-kept = تصویر { $url } در میان بارگذاری‌ها نیست: آن را در { $media_page } بارگذاری کنید یا نشانی‌اش را درست کنید
admin-check-image-alt-missing = تصویر متن جای‌گزین ({ $alt }) می‌خواهد که بگوید چه نشان می‌دهد، برای خواننده‌ای که آن را نمی‌بیند: ![آنچه نشان می‌دهد]({ $media_path })
admin-check-image-alt-language = متن جای‌گزین تصویر به زبان مقاله ({ $language }) نیست: آن را به زبانی بنویسید که خوانندگان مقاله می‌خوانند
admin-check-no-body = مقاله متن ندارد
admin-check-unclosed-code-fence = بلوک کدی که این‌جا با { $fence } باز شده، هرگز بسته نشده است، از این رو باقی مقاله به شکل کد نشان داده می‌شود: آن را با { $fence } در یک سطر جداگانه ببندید
admin-check-duplicate-slug = مقالهٔ دیگری به زبان { $language } نشانی کوتاه { $quoted } را دارد ({ $address }، نشرشده یا پیش‌نویس): نشانی کوتاه دیگری برگزینید
admin-check-translation-not-an-article = ترجمهٔ { $language } به { $address } اشاره می‌کند، که مقاله نیست
admin-check-translation-is-draft = ترجمهٔ { $language } به { $address } اشاره می‌کند، که هنوز پیش‌نویس است
admin-check-unreadable = خوانده نمی‌شود: { $error }
admin-check-file-too-large = { $origin ->
        [file] فایل بزرگ‌تر از { $mb } مگابایت است: یک مقاله چند کیلوبایت است؛ آن را بخش کنید یا آنچه را که مقاله نیست بردارید
       *[editor] مقاله از { $mb } مگابایت بزرگ‌تر است، که بیشترین اندازهٔ یک مقاله است (هر حرف دری یا پشتو دو بار شمرده می‌شود): آن را به چند مقاله بخش کنید یا آنچه را که بخشی از آن نیست بردارید
    }
admin-check-not-utf8 = فایل { $utf8 } درست نیست
admin-check-address-changed = زبان و نشانی کوتاه { $address } هنوز در ویرایشگر تغییر داده نمی‌شود: مقالهٔ تازه‌ای بسازید
# A value as typed, quoted on the editor's page (`askaf check` writes `value`).
admin-check-quoted = «{ $value }»
admin-check-slug = نشانی کوتاه { $value } درست نیست: { $reason }
admin-check-slug-empty = خالی است
admin-check-slug-too-long = از { $max } حرف درازتر است
admin-check-slug-characters = تنها حرف‌های کوچک لاتین ({ $ascii })، رقم‌ها و خط تیره به کار ببرید
admin-check-slug-hyphens = خط تیره نباید در آغاز یا پایان بیاید یا پشت هم تکرار شود
admin-check-unknown-language = زبان { $value } شناخته نیست (باید یکی از { $en }، { $fa } یا { $ps } باشد)
admin-check-date-not-real = { $typed } روزی از تقویم نیست
admin-check-date-typed = { $typed } { $problem }
admin-check-date-form = تاریخ نیست: آن را به شکل { $form } (میلادی یا هجری شمسی) یا با روز، ماه و سال بنویسید (۵ قوس ۱۴۰۵ یا ۲۶ نومبر ۲۰۲۶)
admin-check-date-solar = تاریخ هجری شمسی نیست: { $problem }
admin-check-solar-year = سال { $year } بیرون از سال‌هایی است که تبدیل می‌شوند ({ $first } تا { $last })
admin-check-solar-month = ماه { $month } وجود ندارد: سال ۱۲ ماه دارد
admin-check-solar-day = ماه { $name } سال { $year } { $length } روز دارد، نه { $day }
admin-check-date-gregorian = تاریخ نیست: { $problem }
admin-check-gregorian-day = ماه { $name } سال { $year } { $length } روز دارد، نه { $day }
admin-check-date-not-alone = { $typed } باید تنها یک تاریخ باشد، بی ساعت، مانند 2026-11-20
admin-check-not-a-date = اینجا تاریخی مانند 2026-11-20 خواسته می‌شود

## Why a typed name is no username or role (admin/accounts.rs).

admin-error-username-length = نام کاربری باید { $min } تا { $max } حرف باشد؛ «{ $typed }» { $len } حرف دارد.
admin-error-username-character = نام کاربری تنها می‌تواند حرف‌های لاتین { $az }، رقم‌ها، «.»، «_» و «-» داشته باشد؛ «{ $typed }» «{ $bad }» دارد.
admin-error-username-start = نام کاربری باید با یک حرف یا رقم آغاز شود؛ «{ $typed }» چنین نیست.
admin-error-role-unknown = «{ $typed }» نقش نیست: یکی از این‌ها را برگزینید: { $roles }.

# نام موضوعات به هر زبان (/admin/tags)
admin-nav-tags = موضوعات
admin-title-tags = نام موضوعات
admin-tags-intro = نام هر موضوع، چنان که خوانندگان به هر زبان می‌بینند. اگر خالی بماند، آن زبان نام داخلی سایت را نشان می‌دهد (که کم‌رنگ در خانه دیده می‌شود)، وگرنه نام انگلیسی، وگرنه نشانی موضوع را.
admin-tags-none = هنوز هیچ مقاله‌ای موضوعی ندارد.
admin-tags-count = { $n } مقاله
admin-tags-field = نام به { $language }
admin-tags-save = ذخیرهٔ نام‌ها
admin-notice-tag-labels = نام‌های موضوع ذخیره شد؛ صفحه‌ها اکنون آن‌ها را نشان می‌دهند.
admin-error-tag-label = ذخیره نشد: هر نام یک سطر است و حداکثر { $max } حرف.
admin-error-tag-label-script = ذخیره نشد: نام { $language } به خط دیگری نوشته شده است؛ آن را چنان بنویسید که خوانندگان { $language } می‌خوانند.
admin-help-tags = نام هر موضوع به انگلیسی، دری و پشتو را ویراستار در این صفحه تعیین می‌کند:

## Why a comment was held or refused (queue and log); a value as typed
## (word-list entry, ban, name) is shown in its own direction

admin-reason-honeypot = خانهٔ پنهانی را پر کرده است که تنها برنامه‌ها آن را می‌بینند
admin-reason-too-fast = { $seconds } ثانیه پس از نشان دادن فرم فرستاده شد (دست‌کم { $min } ثانیه)
admin-reason-form-missing = نشانهٔ زمانی فرم نبود یا درست نبود
admin-reason-form-expired = { $amount } { $unit ->
        [seconds] ثانیه
        [minutes] دقیقه
        [hours] ساعت
       *[days] روز
    } پس از نشان دادن فرم فرستاده شد؛ زمان فرم گذشته بود
admin-reason-rate-limit-ip = { $count } نظر در یک ساعت گذشته از این نشانی { $ip } (حد: { $limit })
admin-reason-rate-limit-email = { $count } نظر در یک ساعت گذشته از این ایمیل (حد: { $limit })
admin-reason-rate-limit-refused = { $count } نظر ردشده در یک ساعت گذشته از این نشانی { $ip } (حد: { $limit })
admin-reason-duplicate = همین متن پیش‌تر زیر این مقاله فرستاده شده است
admin-reason-banned = «{ $target }» مسدود است
admin-reason-closed = نظرها برای این مقاله بسته شده‌اند
admin-reason-too-many-links = { $links } پیوند (بی بررسی، حداکثر { $max } پیوند)
admin-reason-pattern = با «{ $entry }» از فهرست واژه‌ها جور آمد
admin-reason-first-comment = نخستین نظر از این ایمیل
admin-reason-no-email = ایمیل ندارد، پس نظرِ نویسنده‌ای شناخته‌شده شمرده نمی‌شود
admin-reason-taken-name = با نام «{ $name }» امضا شده است، که نام سایت یا نامی است که گروه سایت با آن امضا می‌کند، بی آن‌که نویسنده وارد شده باشد
admin-reason-unproven-commenter = نظرهای این ایمیل تأیید شده‌اند، اما این نظر از مرورگری که آن‌ها را نوشته فرستاده نشده است

## What the decision log's other lines did, with their values; a value as
## typed (a name, an address, a note, a file) is shown in its own direction

admin-detail-patterns = { $entries } مورد
admin-detail-account-created = { $name } با نقش { $role }
admin-detail-role-changed = { $name }: از { $from } به { $to }
admin-detail-password-set = { $name }
admin-detail-account-removed = { $name }
admin-detail-account-removed-role = { $name } ({ $role })
admin-detail-language-changed = { $name }: از { $from } به { $to }
admin-detail-image = { $file } (از { $original })
admin-detail-imported = نظر { $id } از { $source }
admin-detail-edited = پیش از ویرایش: { $name }: { $body }
admin-detail-banned = { $kind } { $target }
admin-detail-banned-note = { $kind } { $target }؛ یادداشت: { $note }
admin-detail-unbanned = { $target }

# Deleting an upload (/admin/media)
admin-action-image-deleted = تصویر حذف شد
admin-notice-media-deleted = { $file } با نسخه‌های کوچک‌ترش حذف شد.
admin-error-media-in-use = حذف نشد: { $file } در { $count ->
    [one] این مقاله نشان داده می‌شود. نخست آن را از مقاله بردارید، سپس حذفش کنید:
   *[other] این { $n } مقاله نشان داده می‌شود. نخست آن را از آن‌ها بردارید، سپس حذفش کنید:
    }
admin-error-media-not-kept = تصویر { $file } برای حذف وجود ندارد (پیش‌تر حذف شده است، یا نشانی آن نادرست نوشته شده است).
admin-media-refused-file = (فایل محتوایی که سایت نپذیرفت: آخرین نسخه‌ای که از آن پذیرفته است نمایش داده می‌شود، و پس از درست شدن فایل، این تصویر را نشان خواهد داد)
admin-media-catalogued-file = (فایل محتوایی که آخرین نسخهٔ پذیرفته‌شدهٔ آن این تصویر را نشان می‌دهد، در پوشهٔ محتوایی که سروری در یک ساعت گذشته آن را خوانده است؛ این سرور آن را نمایش نمی‌دهد)
admin-again-media-delete = تصویر { $file } را حذف کنید.
admin-sign-in-media-delete = برای حذف تصویر وارد شوید
admin-media-delete = حذف
admin-col-delete = حذف

# h56-c
admin-check-date-ambiguous = تاریخ نیست: سال باید با چهار رقم نوشته شود، یا در آغاز (سال/ماه/روز: ۱۴۰۵/۹/۱۶، ۲۰۲۶.۱۲.۰۷) یا در پایان (روز/ماه/سال: ۱۶/۹/۱۴۰۵، ۷.۱۲.۲۰۲۶)
admin-error-date-ambiguous = «{ $date }» روشن نیست: سال را با چهار رقم بنویسید، یا در آغاز (سال/ماه/روز: ۱۴۰۵/۹/۱۶، ۲۰۲۶.۱۲.۰۷) یا در پایان (روز/ماه/سال: ۱۶/۹/۱۴۰۵، ۷.۱۲.۲۰۲۶).
admin-revision-scheduled = به شکل پیش‌نویس ذخیره شد و برای نشر در { $when } زمان‌بندی شد

# h57-c
admin-notice-unscheduled-saved = زمان‌بندی لغو شد و متن شما به شکل پیش‌نویس ذخیره شد. چیزی نشر نشد: سایت مقاله را همان‌گونه نشان می‌دهد که پیش‌تر نشان می‌داد.
admin-revision-unscheduled = به شکل پیش‌نویس ذخیره شد؛ زمان‌بندی نشر در { $when } لغو شد: نشر نشد
admin-action-rerendered = دوباره با قالب کنونی نشان داده شد (خودکار)
