site-name = AskAfghanistan
tagline = AskAfghanistan به پرسش‌های رایج دربارهٔ افغانستان پاسخ‌های روشن می‌دهد. همهٔ محتوا مستقل و بدون نفوذ نوشته می‌شود.
reuse-notice = استفادهٔ دوباره از محتوا با ذکر منبع و گذاشتن پیوند مجاز است.
rights = © { $year } AskAfghanistan. همهٔ حقوق محفوظ است. { reuse-notice }
skip-to-content = رفتن به محتوا
nav-label = سایت
nav-home = پرسش‌ها
nav-about = دربارهٔ ما
nav-feed = خبرخوان
language-label = زبان
lang-home-title = پاسخ‌های روشن به پرسش‌های رایج دربارهٔ افغانستان
lang-home-intro = پاسخ‌های کوتاه و مستند که ویراستاران می‌نویسند و به‌روز نگه می‌دارند. هر مقاله منابع خود و تاریخ آخرین بررسی را نشان می‌دهد.
questions-newest = تازه‌ترین پرسش‌ها
questions-by-topic = پرسش‌ها بر اساس موضوع
short-answer = پاسخ کوتاه
updated-on = به‌روز شده در { $date }
published-on = نشر شده در { $date }
sources = منابع
accessed-on = — دیده شده در { $date }
cite-this = ارجاع به این مقاله
cite-plain = متن ساده
cite-html = HTML
copy = کاپی
copied = کاپی شد
translations = به زبان‌های دیگر
on-this-page = در این صفحه
tags = موضوع‌ها
comments = { $count ->
    [0] بدون نظر
   *[other] { $n } نظر
}
comments-heading = نظرها
comments-none-yet = هنوز نظری نیامده است.
tag-title = موضوع: { $tag }
tag-intro = { $n } پرسش در این موضوع.
all-topics = همهٔ موضوع‌ها
about-title = دربارهٔ AskAfghanistan
about-p1 = AskAfghanistan به پرسش‌هایی پاسخ می‌دهد که مردم بیشتر دربارهٔ افغانستان می‌پرسند: چه کسی بر آن حکومت می‌کند، به چه زبان‌هایی سخن می‌گویند، اقتصاد آن چگونه است، و بر آموزش دختران چه گذشته است. هر مقاله به یک پرسش پاسخ می‌دهد، با پاسخی کوتاه آغاز می‌شود و منابع خود را نام می‌برد.
about-p2 = مقاله‌ها را ویراستاران می‌نویسند، تاریخ‌گذاری می‌کنند و هنگام تغییر واقعیت‌ها بازنگری می‌کنند. ما به انگلیسی، دری و پښتو نشر می‌کنیم.
about-reuse-title = استفادهٔ دوباره از محتوا
about-reuse = می‌توانید مقاله‌های ما را نقل و دوباره نشر کنید، به شرط ذکر منبع و گذاشتن پیوند: نام AskAfghanistan را بیاورید و به مقاله‌ای که استفاده کرده‌اید پیوند دهید. هر مقاله بخشی به نام «ارجاع به این مقاله» با متن آماده دارد.
about-machines-title = برای برنامه‌نویسان
about-machines = مقاله‌ها از راه خبرخوان Atom، نقشهٔ سایت و API از نوع JSON در نشانی ‎/api/v1/articles‎ در دسترس‌اند. هر پاسخ API متن ارجاع را همراه دارد.
not-found-title = صفحه پیدا نشد
not-found-body = در این نشانی صفحه‌ای نیست. شاید جابه‌جا شده باشد یا پیوند نادرست نوشته شده باشد.
not-found-elsewhere = این مقاله به دری نیست، اما به این زبان‌ها هست:
bad-request-title = درخواست نادرست
already-done-title = پیش‌تر انجام شده
address-unreadable = این نشانی خوانده نمی‌شود: بخشی از آن متن نیست. پیوند را بررسی کنید یا از صفحهٔ اصلی دوباره آغاز کنید.
request-too-large = آنچه فرستاده شد برای این فورم بسیار بزرگ است. یک نظر حداکثر ۵۰۰۰ حرف می‌تواند باشد.
request-unreadable = آنچه فرستاده شد خوانده نمی‌شود (یک خانه دو بار آمده یا متن نیست). برگردید و فورم را دوباره بفرستید.
error-title = مشکلی پیش آمد
error-body = سایت نتوانست به این درخواست پاسخ دهد. لطفاً کمی بعد دوباره کوشش کنید.
method-title = از این راه نه
method-body = این نشانی این گونه درخواست را نمی‌پذیرد. به صفحه برگردید و از پیوندها و فورم‌های آن استفاده کنید.
unavailable-title = موقتاً در دسترس نیست
unavailable-body = این صفحه به پایگاه دادهٔ سایت نیاز دارد که اکنون پاسخ نمی‌دهد. صفحه‌هایی که قبلاً دیده شده‌اند هنوز نشان داده می‌شوند؛ لطفاً یک دقیقه بعد دوباره کوشش کنید.
back-home = بازگشت به پرسش‌ها
read-more = خواندن پاسخ
print-note = چاپ‌شده از AskAfghanistan
citation = «{ $title }»{ $stop } AskAfghanistan، به‌روز شده در { $date }. { $url }
attribution = AskAfghanistan ({ $site }). استفادهٔ دوباره از محتوا با ذکر منبع و گذاشتن پیوند مجاز است.
ask-label = پرسشی دربارهٔ افغانستان بپرسید
ask-placeholder = مثلاً: چه کسی بر افغانستان حکومت می‌کند؟
ask-button = بپرسید
ask-title = بپرسید
ask-intro = پاسخ‌ها کلمه به کلمه از مقاله‌های ما نقل می‌شوند و هر جمله به بندی که از آن آمده پیوند دارد.
answer-heading = پاسخ
answer-confidence = اطمینان: { $n }٪
answer-source = از «{ $title }»
answer-from-language = از مقالهٔ { $lang ->
        [en] انگلیسی
        [ps] پشتو
       *[fa] دری
    } «{ $title }»
answer-in-language = مقاله‌های دری ما به این پرسش پاسخ نمی‌دهند؛ این پاسخ از مقاله‌ای به زبان { $lang ->
        [en] انگلیسی
        [ps] پشتو
       *[fa] دری
    } نقل شده است.
answer-asked-in-language = پرسش شما به زبان { $lang ->
        [en] انگلیسی
        [ps] پشتو
       *[fa] دری
    } بود: این پاسخ از مقاله‌ای به همان زبان نقل شده است.
answer-translation = این مقاله به دری: «{ $title }»
no-answer = هنوز پاسخ روشنی نداریم
no-answer-body = مقاله‌های ما هنوز به این پرسش پاسخ روشنی نمی‌دهند. ویراستاران پرسش‌های خوانندگان را می‌بینند و پاسخ‌های تازه می‌نویسند. این مقاله‌ها نزدیک‌ترین‌اند:
passages-heading = بندهای مرتبط
feedback-question = آیا این پاسخ به پرسش شما جواب داد؟
feedback-yes = بلی
feedback-no = نخیر
feedback-thanks = تشکر
feedback-thanks-yes = تشکر؛ خوشحالیم که به کارتان آمد.
feedback-thanks-no = تشکر. ویراستاران پرسش‌هایی را که پاسخ‌های ما جواب نداد، همراه با پاسخی که داده شد می‌بینند و پاسخ‌های بهتری می‌نویسند.
feedback-gone = به این پاسخ قبلاً رأی داده شده است، یا صفحهٔ آن برای رأی دادن بسیار کهنه است. با این هم تشکر.
feedback-unreadable = «بلی» یا «نخیر» را انتخاب کنید تا بگویید آیا پاسخ به پرسش شما جواب داد.
feedback-again = پرسش دیگری بپرسید
ask-empty = پرسشی بنویسید.
ask-too-long = پرسش‌ها حداکثر { $max } حرف می‌توانند باشند.
live-results = پاسخ‌ها هنگام نوشتن
comment-unavailable = پایگاه دادهٔ سایت پاسخ نمی‌دهد، پس نظر شما ذخیره نشد. متن شما در زیر است: لطفاً یک دقیقه بعد دوباره بفرستید.
comment-form-heading = نظر خود را بنویسید
comment-on-live-site = نظرها در سایت اصلی نوشته می‌شوند: نظر خود را آنجا بنویسید
comment-reply-heading = پاسخ به { $name }
comment-name = نام
comment-email = ایمیل (اختیاری؛ نشان داده نمی‌شود)
comment-email-help = اگر ایمیل بدهید، پس از تأیید نخستین نظرتان، نظرهای بعدی شما فوراً نشر می‌شوند.
comment-body = نظر
comment-body-help = می‌توانید با ستاره واژه‌ها را برجسته کنید، پیوند بگذارید، با علامت > نقل‌قول کنید و فهرست بنویسید (Markdown). نظرهایی که بیش از دو پیوند دارند منتظر ناظر می‌مانند.
comment-honeypot = این خانه را خالی بگذارید
comment-submit = فرستادن نظر
comment-reply = پاسخ
comment-in-reply-to = در پاسخ به { $name }
comment-closed = نظرها برای این مقاله بسته شده‌اند.
comment-held-title = سپاس: نظر شما منتظر ناظر است
comment-held-body = ناظر نخستین نظرها را پیش از نشر می‌خواند. نظر شما ذخیره شده است و پس از تأیید زیر مقاله نشان داده می‌شود.
comment-back = بازگشت به مقاله
comment-feed = خبرخوان نظرها
comment-edited = ویرایش‌شده
comment-permalink = پیوند به این نظر
comment-error-title = نظر شما فرستاده نشد
comment-text-kept = متن شما در فرم زیر نگه داشته شده است.
comment-name-empty = لطفاً نامی بنویسید.
comment-name-too-long = نام بسیار دراز است: حداکثر { $max } حرف.
comment-name-control-chars = نام حرف‌هایی دارد که نمی‌توان نشان داد.
comment-email-invalid = این به نشانی ایمیل نمی‌ماند. اگر می‌خواهید، آن را خالی بگذارید.
comment-body-empty = لطفاً نظری بنویسید.
comment-body-too-long = نظر بسیار دراز است: حداکثر { $max } حرف.
comment-body-control-chars = نظر حرف‌هایی دارد که نمی‌توان نشان داد.
comment-refused-honeypot = این نظر پذیرفته نشد.
comment-refused-too-fast = فرم بسیار زود پس از باز شدن فرستاده شد. لطفاً نظر خود را یک بار دیگر بخوانید و دوباره بفرستید.
comment-refused-form-missing = فرم بررسی نشد؛ شاید از نسخهٔ کهنهٔ صفحه باشد. لطفاً دوباره بفرستید.
comment-refused-form-expired = فرم مدت درازی باز بوده است. لطفاً دوباره بفرستید.
comment-refused-rate-limit-ip = در یک ساعت گذشته نظرهای زیادی از اتصال شما آمده است. لطفاً کمی صبر کنید و دوباره بفرستید.
comment-refused-rate-limit-email = در یک ساعت گذشته نظرهای زیادی از این ایمیل آمده است. لطفاً کمی صبر کنید و دوباره بفرستید.
comment-refused-duplicate = این نظر پیش‌تر زیر همین مقاله فرستاده شده است.
comment-refused-banned = نظرهای این نشانی پذیرفته نمی‌شوند.
comment-refused-closed = نظرها برای این مقاله بسته شده‌اند.
comment-refused-csrf = این نظر از صفحه‌ای در سایت دیگری فرستاده شده بود و پذیرفته نشد. برای نوشتن نظر از فرم همین صفحه استفاده کنید.
cross-site-refused = این درخواست از صفحه‌ای در سایت دیگری آمده بود و رد شد. به صفحهٔ همین سایت برگردید و دوباره امتحان کنید.
comment-refused-parent = نظری که به آن پاسخ می‌دهید دیگر وجود ندارد.
too-many-requests-title = درخواست‌های بسیار
too-many-requests-body = لطفاً { $seconds } ثانیه صبر کنید و دوباره کوشش کنید.
forbidden-title = اجازه نیست
pagination-label = صفحه‌های این فهرست
page-previous = صفحهٔ قبلی
page-next = صفحهٔ بعدی
page-number = صفحهٔ { $n }
page-of = صفحهٔ { $page } از { $pages }
page-out-of-range = این فهرست { $pages } صفحه دارد و صفحهٔ { $page } ندارد.
page-invalid = صفحه‌ها با ۱، ۲، ۳ و مانند آن شماره‌گذاری شده‌اند: «{ $value }» شمارهٔ صفحه نیست.
topic-all = همهٔ { $n } پرسش این موضوع
translation-outdated = این ترجمه از نسخهٔ پیشین متن اصلی ساخته شده است و متن اصلی پس از آن تغییر کرده است.
translation-outdated-link = متن اصلی تازه‌تر را به { $lang ->
        [en] انگلیسی
        [ps] پشتو
       *[fa] دری
    } بخوانید
