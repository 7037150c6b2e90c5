site-name = AskAfghanistan
# The site's name as written in this language's letters: a reader may not sign with it.
site-name-written = آسک افغانستان
tagline = AskAfghanistan د افغانستان په اړه عامو پوښتنو ته روښانه ځوابونه ورکوي. ټوله منځپانګه په خپلواکه توګه او له هر ډول اغېز پرته لیکل کېږي.
reuse-notice = د منځپانګې بیا کارول د سرچینې له یادونې او لینک سره روا دي.
rights = © { $year } AskAfghanistan. ټول حقونه خوندي دي. { reuse-notice }
skip-to-content = منځپانګې ته ورشئ
nav-label = سایټ
nav-home = پوښتنې
nav-about = زموږ په اړه
nav-feed = فیډ
nav-sitemap = د سایټ نقشه
nav-api = API
language-label = ژبه
lang-home-title = د افغانستان په اړه عامو پوښتنو ته روښانه ځوابونه
root-enter = پوښتنې او ځوابونه په پښتو
lang-home-intro = لنډ او مستند ځوابونه چې اېډیټران يې لیکي او تازه ساتي. هره مقاله خپلې سرچینې او د وروستۍ کتنې نېټه ښيي.
questions-newest = تازه پوښتنې
questions-by-topic = پوښتنې د موضوع له مخې
short-answer = لنډ ځواب
# The title line under the question of an article's .txt form.
text-title = سرلیک: { $title }
updated-on = تازه شوې: { $date }
published-on = خپره شوې: { $date }
sources = سرچینې
accessed-on = — کتل شوې: { $date }
cite-this = دې مقالې ته حواله
cite-plain = ساده متن
cite-html = { $html }
copy = کاپي
copied = کاپي شو
translations = په نورو ژبو
on-this-page = په دې پاڼه کې
tags = موضوعګانې
comments = { $count ->
    [0] هیڅ تبصره نشته
    [one] { $n } تبصره
   *[other] { $n } تبصرې
}
comments-heading = تبصرې
tag-title = موضوع: { $tag }
tag-intro = په دې موضوع کې { $n } { $count ->
        [one] پوښتنه
       *[other] پوښتنې
    }.
all-topics = ټولې موضوعګانې
about-title = د AskAfghanistan په اړه
about-p1 = AskAfghanistan هغو پوښتنو ته ځواب ورکوي چې خلک يې د افغانستان په اړه ډېرې کوي: څوک يې اداره کوي، په کومو ژبو خبرې کېږي، اقتصاد يې څنګه دی، او د نجونو پر زده‌کړو څه تېر شوي دي. هره مقاله یوې پوښتنې ته ځواب ورکوي، په لنډ ځواب پیلېږي او خپلې سرچینې ښيي.
about-p2 = مقالې اېډیټران لیکي، نېټه ورکوي يې او کله چې حقایق بدل شي، بیا يې کتنه کوي. موږ په انګلیسي، دري او پښتو خپروو.
about-reuse-title = د منځپانګې بیا کارول
about-reuse = تاسو کولای شئ زموږ مقالې نقل او بیا خپرې کړئ، خو باید سرچینه یاده او لینک ورکړئ: د AskAfghanistan نوم واخلئ او هغې مقالې ته لینک ورکړئ چې کارولې مو ده. هره مقاله د «دې مقالې ته حواله» برخه لري.
about-machines-title = د پروګرام جوړونکو لپاره
about-machines = مقالې د { $atom } فیډ، سایټ نقشې او { $json } { $api } له لارې په { $path } کې شته. د { $api } هر ځواب د سرچینې یادونه ورسره لري.
not-found-title = پاڼه ونه موندل شوه
not-found-body = په دې پته کومه پاڼه نشته. کېدای شي ځای يې بدل شوی وي یا لینک غلط لیکل شوی وي.
not-found-elsewhere = دا مقاله په پښتو نشته، خو په دې ژبو کې شته:
not-found-topic-elsewhere = تر اوسه هېڅ پښتو مقاله دا موضوع نه لري، خو په دې ژبو کې شته:
not-found-no-language = په دې پته کې ژبه نه ده ښودل شوې. دا مقاله په دې ژبو کې شته:
bad-request-title = ناسمه غوښتنه
already-done-title = مخکې شوی
address-unreadable = دا پته نه لوستل کېږي: یوه برخه يې متن نه دی. لینک وګورئ، یا له کور پاڼې بیا پیل وکړئ.
request-too-large = هېڅ ونه ساتل شو: څه چې ولېږل شول له هغې اندازې ({ $limit }) لوی دي چې دا فورم یې مني، او دا پاڼه یې نشي ساتلی. د براوزر د «شاته» تڼۍ سره بېرته لاړ شئ، چېرې چې فورم معمولاً لا هم هغه څه لري چې تاسو لیکلي وو، لنډ یې کړئ او بیا یې ولېږئ.
too-large-title = د لېږلو لپاره ډېر لوی
comment-too-large = ستاسو تبصره ونه لېږل شوه: څه چې ولېږل شول د تبصرې د فورم له اندازې ({ $limit }؛ یوه تبصره تر { $max } تورو پورې کېدای شي) لوی دي، او دا پاڼه یې نشي ساتلی. د براوزر د «شاته» تڼۍ سره بېرته لاړ شئ، چېرې چې فورم لا هم ستاسو لیکنه لري، لنډ یې کړئ او بیا یې ولېږئ.
size-kb = { $n } کیلوبایټه
size-mb = { $n } مېګابایټه
wait-minutes = { $n } { $count ->
        [one] دقیقه
       *[other] دقیقې
    }
wait-hours = { $n } { $count ->
        [one] ساعت
       *[other] ساعته
    }
duration-days = { $n } { $count ->
        [one] ورځ
       *[other] ورځې
    }
duration-weeks = { $n } اونۍ
request-address-too-long = دا پته ډېره اوږده ده (د پوښتنې سره تر ۱۶ کیلوبایټه زیاته). پوښتنه لنډه کړئ او بیا هڅه وکړئ.
request-headers-too-large = د دې غوښتنې سرلیکونه ډېر لوی دي (تر ۱۶ کیلوبایټه زیات). د دې سایټ د کوکیو پاکول معمولاً مرسته کوي.
request-unreadable = څه چې ولېږل شول نه لوستل کېږي (یوه برخه دوه ځله راغلې یا متن نه دی). بېرته لاړ شئ او فورم بیا ولېږئ.
error-title = یوه ستونزه پېښه شوه
error-body = سایټ دې غوښتنې ته ځواب ونه شو ویلای. مهرباني وکړئ لږ وروسته بیا هڅه وکړئ.
method-title = له دې لارې نه
method-body = دا پته دا ډول غوښتنه نه مني. پاڼې ته بېرته لاړ شئ او د هغې لینکونه او فورمونه وکاروئ.
unavailable-title = په لنډ وخت کې د لاسرسي وړ نه دی
unavailable-body = دې پاڼې ته د سایټ ډېټابېس ته اړتیا ده، چې اوس ځواب نه ورکوي. هغه پاڼې چې مخکې لیدل شوې وې لا هم ښودل کېږي؛ مهرباني وکړئ یوه دقیقه وروسته بیا هڅه وکړئ.
timeout-title = ډېر وخت یې ونیو
timeout-body = دې غوښتنې تر هغه ډېر وخت ونیو چې سایټ یې انتظار باسي (۳۰ ثانیې)، نو ودرول شوه. مهرباني وکړئ لږ وروسته بیا هڅه وکړئ. که مو فورم لېږه، د براوزر په «شاته» تڼۍ بېرته لاړ شئ: فورم معمولاً لا هم ستاسو لیکلی متن لري.
back-home = پوښتنو ته ستنېدل
citation-updated = تازه شوې: { $date }
citation = «{ $title }»{ $stop } AskAfghanistan، { $updated }. { $url }
citation-accessed = کتل شوې: { $date }.
attribution = AskAfghanistan ({ $site }). د منځپانګې بیا کارول د سرچینې له یادونې او لینک سره روا دي.
ask-label = د افغانستان په اړه پوښتنه وکړئ
ask-placeholder = د بېلګې په توګه: افغانستان څوک اداره کوي؟
ask-button = وپوښتئ
ask-title = وپوښتئ
ask-intro = ځوابونه کټ مټ زموږ له مقالو اخیستل کېږي، او هره جمله هغې برخې ته لینک لري چې ترې اخیستل شوې ده.
answer-heading = ځواب
answer-confidence = ډاډ: { $n }٪
answer-source = له «{ $title }» څخه
answer-from-language = له { $lang ->
        [en] انګلیسي
        [fa] دري
       *[ps] پښتو
    } مقالې «{ $title }» څخه
answer-in-language = زموږ پښتو مقالې دې پوښتنې ته ځواب نه ورکوي؛ دا ځواب په { $lang ->
        [en] انګلیسي
        [fa] دري
       *[ps] پښتو
    } ژبه له یوې مقالې څخه را اخیستل شوی دی.
answer-asked-in-language = تاسو په { $lang ->
        [en] انګلیسي
        [fa] دري
       *[ps] پښتو
    } ژبه پوښتنه وکړه: دا ځواب په همدې ژبه له یوې مقالې څخه را اخیستل شوی دی.
answer-translation = دا مقاله په پښتو: «{ $title }»
no-answer = تر اوسه روښانه ځواب نشته
no-answer-body = زموږ مقالې تر اوسه دې پوښتنې ته روښانه ځواب نه ورکوي. اېډیټران د لوستونکو پوښتنې ګوري او نوي ځوابونه لیکي. دا مقالې تر ټولو نږدې دي:
passages-heading = اړوندې برخې
feedback-question = ایا دې ځواب ستاسو پوښتنې ته ځواب ورکړ؟
feedback-yes = هو
feedback-no = نه
feedback-thanks = مننه
feedback-thanks-yes = مننه؛ خوښ یو چې ګټور و.
feedback-thanks-no = مننه. مدیران هغه پوښتنې ګوري چې زموږ ځوابونو ورته ځواب ونه ورکړ، د هغه ځواب سره چې ورکړل شو، او ښه ځوابونه لیکي.
feedback-gone = دې ځواب ته مخکې رایه ورکړل شوې، یا یې پاڼه د رایې لپاره ډېره زړه ده. بیا هم مننه.
feedback-unreadable = «هو» یا «نه» وټاکئ چې ووایاست ځواب ستاسو پوښتنې ته ځواب ورکړ که نه.
feedback-again = بله پوښتنه وکړئ
ask-empty = یوه پوښتنه ولیکئ.
ask-too-long = پوښتنه تر { $max } تورو اوږده نه شي کېدای.
ask-lang-unknown = «{ $value }» د دې سایټ له ژبو څخه نه ده. په انګلیسي، دري یا پښتو وپوښتئ: ستاسو پوښتنه د پوښتنې په خانه کې پاتې ده، او د پاڼې په سر کې د ژبو لینکونه یې په هره ژبه پوښتي.
api-limit-refused = باید له { $min } څخه تر { $max } پورې یو بشپړ عدد وي، خو «{ $value }» ورکړل شو
api-cursor-refused = دا هغه نښه نه ده چې دې پروګرامي انټرفېس ورکړې وي ({ $field } هماغسې ولېږئ لکه څنګه چې راغلی)؛ له هغې پرته بیا پیل وکړئ
live-results = د لیکلو پر مهال ځوابونه
comment-unavailable = د سایټ ډېټابېس ځواب نه ورکوي، نو ستاسو تبصره خوندي نه شوه. ستاسو متن لاندې دی: مهرباني وکړئ یوه دقیقه وروسته یې بیا ولېږئ.
comment-form-heading = خپله تبصره ولیکئ
comment-on-live-site = تبصرې په اصلي سایټ کې لیکل کېږي: خپله تبصره هلته ولیکئ
comment-reply-heading = { $name } ته ځواب
comment-name = نوم
comment-email = برېښنالیک (اختیاري؛ نه ښودل کېږي)
comment-email-help = که برېښنالیک ورکړئ، ستاسو د لومړۍ تبصرې له منلو وروسته به مو نورې تبصرې سمدستي خپرې شي.
comment-body = تبصره
comment-body-help = تاسو کولی شئ په ستوري سره کلمې ټینګې کړئ، لینک واچوئ، د > نښې سره نقل قول وکړئ او لېستونه ولیکئ ({ $markdown }).
comment-body-limit = تبصره تر { $max } تورو پورې کېدای شي.
comment-honeypot = دا ځای تش پرېږدئ
comment-submit = تبصره ولېږئ
comment-reply = ځواب
comment-closed = پر دې مقاله تبصرې تړل شوې دي.
comment-held-title = مننه: ستاسو تبصره د څارونکي انتظار کوي
comment-held-why-first-comment = څارونکی هغه لومړۍ تبصره چې ستاسو په برېښنالیک له دې براوزر څخه لېږل کېږي له خپرېدو مخکې لولي؛ له منلو وروسته به ستاسو نورې تبصرې له دې براوزر څخه سمدستي خپرې شي.
comment-held-why-no-email = څارونکی هغه تبصرې چې بې برېښنالیک لېږل کېږي له خپرېدو مخکې لولي.
comment-held-why-links = څارونکی هغه تبصرې چې له { $n } زیات لینکونه ولري له خپرېدو مخکې لولي.
comment-held-why-other = څارونکی ځینې تبصرې له خپرېدو مخکې لولي.
comment-held-saved = ستاسو تبصره خوندي شوې او له منلو وروسته به د مقالې لاندې ښکاره شي.
comment-back = مقالې ته بېرته
comment-feed = د تبصرو فیډ
comment-edited = سمه شوې
comment-staff = د سایټ ډله
comment-permalink = دې تبصرې ته لینک
comment-error-title = ستاسو تبصره ونه لېږل شوه
comment-text-kept = ستاسو متن لاندې فورمه کې ساتل شوی.
comment-draft-restored = هغه تبصره چې دلته مو لیکلې وه او ونه مو لېږله په دې براوزر کې ساتل شوې وه، او بېرته لاندې فورمه کې ایښودل شوه.
comment-draft-discard = بېرته راوستل شوې تبصره لرې کړئ
comment-name-empty = مهرباني وکړئ نوم ولیکئ.
comment-name-too-long = نوم ډېر اوږد دی: تر { $max } تورو پورې.
comment-name-control-chars = نوم داسې توري لري چې نه ښودل کېږي.
comment-email-invalid = دا د برېښنالیک پته نه ښکاري. که غواړئ، تش یې پرېږدئ.
comment-body-empty = مهرباني وکړئ تبصره ولیکئ.
comment-body-too-long = تبصره ډېره اوږده ده: تر { $max } تورو پورې.
comment-body-control-chars = تبصره داسې توري لري چې نه ښودل کېږي.
comment-refused-honeypot = دا تبصره ونه منل شوه.
comment-refused-too-fast = فورمه تر ښودلو ډېر ژر ولېږل شوه. مهرباني وکړئ خپله تبصره بیا ولولئ او بیا یې ولېږئ.
comment-refused-form-missing = فورمه ونه ازمویل شوه؛ ښايي د پاڼې له زوړ نقل څخه وي. مهرباني وکړئ بیا یې ولېږئ.
comment-refused-form-expired = فورمه ډېر وخت خلاصه وه. مهرباني وکړئ بیا یې ولېږئ.
comment-refused-rate-limit-ip = په تېر ساعت کې ستاسو له اتصال څخه ډېرې تبصرې راغلې. { $wait } وروسته یې بیا ولېږئ.
comment-refused-rate-limit-email = په تېر ساعت کې له دې برېښنالیک څخه ډېرې تبصرې راغلې. { $wait } وروسته یې بیا ولېږئ.
comment-refused-rate-limit-refused = په تېر ساعت کې ستاسو له اتصال څخه ډېرې لېږل شوې تبصرې ونه منل شوې. { $wait } وروسته یې بیا ولېږئ.
comment-refused-duplicate = دا تبصره مخکې پر همدې مقاله لېږل شوې ده.
comment-refused-banned = له دې پتې څخه تبصرې نه منل کېږي.
comment-refused-closed = پر دې مقاله تبصرې تړل شوې دي.
comment-refused-taken-name = دا نوم د سایټ خپل دی یا یې د سایټ ډله لاسلیکوي، نو لوستونکي یې نه شي کارولی. مهرباني وکړئ په خپل نوم لاسلیک وکړئ.
comment-refused-csrf = دا تبصره د بل سایټ له یوې پاڼې لېږل شوې وه، نو ونه منل شوه. د تبصرې لپاره د همدې پاڼې فورمه وکاروئ.
cross-site-refused = دا غوښتنه د بل سایټ له یوې پاڼې راغلې وه او رد شوه. د همدې سایټ پاڼې ته ورشئ او بیا هڅه وکړئ.
comment-refused-parent = هغه تبصره چې تاسو یې ځوابوئ نور نشته.
too-many-requests-title = ډېرې غوښتنې
too-many-requests-body = مهرباني وکړئ { $seconds } ثانیې صبر وکړئ او بیا هڅه وکړئ.
forbidden-title = اجازه نشته
pagination-label = د دې لړلیک پاڼې
page-previous = مخکینۍ پاڼه
page-next = بله پاڼه
page-number = پاڼه { $n }
page-of = پاڼه { $page } له { $pages } څخه
page-out-of-range = دا لړلیک { $pages } پاڼې لري، نو { $page } پاڼه نه لري.
page-invalid = پاڼې په ۱، ۲، ۳ او داسې نورو شمېرل شوې دي: «{ $value }» د پاڼې شمېره نه ده.
topic-all = د دې موضوع ټولې { $n } پوښتنې
translation-outdated = دا ژباړه د اصلي متن له یوې پخوانۍ بڼې څخه شوې ده، او اصلي متن له هغه وروسته بدل شوی دی.
translation-outdated-link = نوی اصلي متن په { $lang ->
        [en] انګلیسي
        [fa] دري
       *[ps] پښتو
    } ولولئ

ask-not-utf8 = پوښتنه ونه لوستل شوه: توري یې سم کوډ شوي نه دي. بیا یې ولیکئ.

# h56-b
api-given-twice = له یو ځل زیات ورکړل شوی؛ یوازې یو ځل یې ورکړئ
api-not-found = په دې پروګرامي انټرفېس کې داسې پته نشته. پتې یې دا دي: { $list } (ټولې مقالې، تر ټولو نوې لومړی؛ د یوې ژبې لپاره { $en }، { $fa } یا { $ps })، { $article } (یوه مقاله؛ لېست د هرې مقالې { $field } ورکوي) او { $ask } (ځواب له خپلو سرچینو سره).
api-lang-refused = «{ $value }» د دې سایټ له ژبو څخه نه ده: { $en }، { $fa } (دري) یا { $ps } (پښتو) وکاروئ؛ د { $tags } نښه لکه { $t1 }، { $t2 } یا { $t3 } هم همدا ژبې ښيي
api-method-refused = دا پته د غوښتنې دا طریقه نه مني؛ د { $allow } سرلیک هغه طریقې ښيي چې مني یې.

# h56-a
lang-link-article-untranslated = کورپاڼه؛ دا مقاله لا پښتو ته نه ده ژباړل شوې
lang-link-topic-untranslated = کورپاڼه؛ په دې موضوع لا په پښتو هېڅ پوښتنه نه ده لیکل شوې
ask-refused-title = ونه پوښتل شوه: { $reason }

# h57-c
not-a-revision-body = یاده شوې ګڼه د دې مقالې له ګڼو څخه نه ده، نو دلته بېرته نه راګرځول کېږي. د مقالې مخینه پرانیزئ او هلته له لېست شویو ګڼو څخه یوه بېرته راوګرځوئ.
