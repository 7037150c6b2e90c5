# د اېډیټ پاڼې (/admin/…) په پښتو. کیلي همغه د ../en/admin.ftl کیلي دي.
# شمېرې په فارسي عددونو راځي؛ `$count` د جمع بڼه ټاکي او `$n` يې ښيي.

admin-description = د AskAfghanistan د اېډیټ پاڼې
admin-list-separator = ،{" "}
admin-separator = ؛{" "}

## Navigation and frame

admin-nav-label = اېډیټ
admin-nav-dashboard = لومړی مخ
admin-nav-comments = تبصرې
admin-nav-articles = مقالې
admin-nav-new-article = نوې مقاله
admin-nav-media = انځورونه
admin-nav-bans = بندیزونه
admin-nav-words = د کلمو لړلیک
admin-nav-log = د پرېکړو لړلیک
admin-nav-questions = پوښتنې
admin-nav-accounts = حسابونه
admin-nav-account = ستاسو حساب
admin-logout = وتل
admin-language-label = د پاڼو ژبه:

## Page titles

admin-title-dashboard = اېډیټ
admin-title-login = ننوتل
admin-title-account = ستاسو حساب
admin-title-comments = تبصرې: { $status }
admin-title-edit-comment = د #{ $id } تبصرې سمول
admin-title-articles = مقالې
admin-title-new-article = نوې مقاله
admin-title-edit-article = د مقالې سمول
admin-title-history = د { $article } مخینه
admin-title-bans = بندیزونه
admin-title-words = د کلمو لړلیک
admin-title-log = د پرېکړو لړلیک
admin-title-questions = لوستونکي بیا څه غواړي
admin-title-media = انځورونه
admin-title-accounts = حسابونه

## Names

admin-status-pending = په تمه
admin-status-approved = منل شوې
admin-status-spam = سپام
admin-status-deleted = ړنګې شوې
admin-role-admin = مدیر
admin-role-editor = اېډیټر
admin-role-moderator = څارونکی
admin-role-author = لیکوال
admin-lang-en = انګلیسي
admin-lang-fa = دري
admin-lang-ps = پښتو
admin-content-file = د منځپانګې فایل
admin-ban-email = برېښنالیک
admin-ban-network = شبکه

## The decision log's actions, as the store records them

admin-action-published = خپره شوه
admin-action-held = وساتل شوه
admin-action-imported = راوړل شوه
admin-action-refused = رد شوه
admin-action-approved = ومنل شوه
admin-action-marked-spam = سپام وګڼل شوه
admin-action-deleted = ړنګه شوه
admin-action-requeued = کتار ته ستنه شوه
admin-action-edited = سمه شوه
admin-action-closed = تبصرې وتړل شوې
admin-action-opened = تبصرې پرانیستل شوې
admin-action-banned = بندیز ولګېد
admin-action-unbanned = بندیز لرې شو
admin-action-patterns = د کلمو لړلیک وساتل شو
admin-action-account-created = حساب جوړ شو
admin-action-role-changed = رول بدل شو
admin-action-password-set = پټنوم وټاکل شو
admin-action-account-removed = حساب ړنګ شو
admin-action-image-uploaded = انځور پورته شو
admin-action-image-imported = انځور راوړل شو
admin-action-language-changed = د پاڼو ژبه بدله شوه
admin-log-automatic = خپلکاره
admin-actor-command-line = { $command } (د امر کرښه)
admin-history-by = د { $name } له خوا

## Revisions

admin-revision-draft = د مسودې په توګه وساتل شوه
admin-revision-publish = خپره شوه
admin-revision-unpublish = له خپرېدو لرې شوه
admin-revision-restore = بېرته راوګرځول شوه (د مسودې په توګه)
admin-revision-restored = د #{ $number } ګڼې متن بېرته راوګرځول شو (د مسودې په توګه)
admin-revision-file = د منځپانګې فایل
admin-revision-original = د منځپانګې د فایل متن تر دلته د لومړي سمون دمخه
admin-revision-review = د کتنې لپاره ولېږل شوه
admin-revision-saved = وساتل شوه

## Notices after an action

admin-notice-approved = ومنل شوه: تبصره اوس د مقالې لاندې ده.
admin-notice-marked-spam = سپام وګڼل شوه.
admin-notice-deleted = ړنګه شوه.
admin-notice-requeued = کتار ته ستنه شوه.
# د څارونکي له پرېکړې وروسته، هغه تبصره چې پرېکړه پرې وه: شمېره، لیکوال او لومړي ټکي یې.
admin-notice-which = د { $name } تبصره #{ $id }: «{ $start }»
# د هغه پیغام لاندې تڼۍ چې تبصره بېرته خپل پخواني ځای ته وړي ($to: پخوانی حالت یې).
admin-undo = بېرته ګرځول { $to ->
        [pending] (کتار ته)
        [approved] (بیا منل شوې)
        [spam] (بیا سپام)
       *[deleted] (بیا ړنګه شوې)
    }
admin-notice-edited = وساتل شوه.
admin-notice-closed = تبصرې وتړل شوې.
admin-notice-opened = تبصرې پرانیستل شوې.
admin-notice-banned = بندیز ولګېد.
admin-notice-unbanned = بندیز لرې شو.
admin-notice-words = د کلمو لړلیک وساتل شو.
admin-notice-draft-saved = مسوده وساتل شوه: نوې ګڼه، چې عامه نه ده.
admin-notice-published = خپره شوه: پاڼه، فیډونه، د سایټ نقشه، { $api } او پوښتنه اوس دا ښيي.
admin-notice-unpublished = له خپرېدو لرې شوه: له سایټه لرې شوه؛ متن يې د مسودې په توګه ساتل کېږي.
admin-notice-unpublished-translations = له خپرېدو لرې شوه: له سایټه لرې شوه؛ متن يې د مسودې په توګه ساتل کېږي. ژباړې يې په سایټ کې پاتې کېږي، خو تر هغه چې بیا خپره شي، دې ته لینک نه لري.
admin-notice-review = د کتنې لپاره ولېږل شوه: اېډیټر يې د کتنې په تمه مقالو په لړلیک کې ویني.
admin-notice-scheduled = مهالوېش شو: وروستی ساتل شوی متن په هغه وخت خپرېږي.
admin-notice-unscheduled = مهالوېش لغوه شو: مقاله لکه څنګه چې ده پاتې کېږي.
admin-notice-unapplied-cleared = د هغه سرور ثبت چې مقاله یې هغسې نه ښوده لکه څنګه چې ساتل شوې، پاک شو.
admin-notice-restored = د نوې ګڼې (مسودې) په توګه بېرته راوګرځول شوه: د سایټ لپاره يې خپره کړئ.
admin-notice-moved = په نوې پته خوندي شوه؛ په زړه پته کې مقاله، چې د سایټ خپله پته ده، له خپرېدو لرې شوه.
admin-notice-up-to-date = تازه وګڼل شوه: ژباړه اوس د اصل اوسنۍ ګڼه ثبتوي او همداسې خپره ده.
admin-notice-up-to-date-draft = په یوه نوې مسوده کې تازه وګڼل شوه: خپره شوې ژباړه تر هغې خپل خبرتیا ښيي چې مسوده خپره شي.
admin-notice-up-to-date-conflict = ثبت نه شوه: په دې منځ کې چا ژباړه وساتله. لاندې پاڼه تازه ده؛ بیا هڅه وکړئ.
admin-notice-restore-conflict = بېرته رانه غله: په دې منځ کې چا مقاله وساتله. لاندې مخینه تازه ده؛ بیا هڅه وکړئ.
admin-notice-language = ستاسو د اېډیټ پاڼو ژبه وساتل شوه.
admin-notice-created = حساب جوړ شو.
admin-notice-role = رول بدل شو: د حساب له راتلونکې پاڼې پلي کېږي.
admin-notice-password = پټنوم وټاکل شو؛ د حساب ناستې پای ته ورسېدې.
admin-notice-removed = حساب ړنګ شو.
admin-notice-password-changed = ستاسو پټنوم بدل شو. ستاسو د حساب نورې ناستې ووتلې.
admin-notice-signed-out = تاسو له خپل حساب څخه ووتلئ.
admin-notice-new-translation = د { $article } نوې { $language } ژباړه: سرلیک، پوښتنه او لنډ ځواب ولیکئ، او د متن هره برخه په خپلې ژباړې بدله کړئ. اصل د فورم تر څنګ دی.
admin-notice-uploaded = پورته شو. په مقاله کې د ښودلو لپاره، { $markdown } په خپل ځای کې ولیکئ.
admin-media-alt-placeholder = څه چې ښيي، د مقالې په ژبه

## Errors

admin-error-role = ستاسو حساب ({ $role }) دا پاڼه نه شي پرانیستلای؛ له مدیر څخه وغواړئ.
admin-error-csrf = فورم تایید نه شو (کېدای شي د پاڼې له زړې نسخې وي، یا کوکیز بند وي). بېرته لاړ شئ، پاڼه بیا پورته کړئ او بیا هڅه وکړئ.
admin-error-login-throttled = ډېر ناکام ننوتل. { $wait } وروسته بیا هڅه وکړئ.
admin-error-login-wrong = کارن‌نوم یا پټنوم سم نه دی.
admin-error-language = انګلیسي ({ $en })، دري ({ $fa }) یا پښتو ({ $ps }) وټاکئ.
admin-error-no-language = داسې ژبه نشته: { $en }، { $fa } یا { $ps }.
admin-error-passwords-differ = دواړه نوي پټنومونه سره توپیر لري.
admin-error-account-passwords-differ = دواړه پټنومونه سره توپیر لري.
admin-error-password-wrong = اوسنی پټنوم سم نه دی.
admin-error-status = حالت باید { $pending }، { $approved }، { $spam } یا { $deleted } وي
admin-error-not-a-number = «{ $value }» شمېره نه ده
admin-error-moderation = کار باید له دې څخه یو وي: منل، سپام، ړنګول یا کتار ته ستنول
admin-error-close-open = کار باید { $close } یا { $open } وي
admin-error-name = نوم: { $problem }.
admin-error-comment = تبصره: { $problem }.
admin-error-words-empty-regex = ونه ساتل شو: { $line } کرښه، منظم عبارت { $entry } تش دی.
admin-error-words-bad-regex = ونه ساتل شو: { $line } کرښه، { $entry } د کارولو وړ منظم عبارت نه دی.
admin-error-words-no-terms = ونه ساتل شو: { $line } کرښه، { $entry } د سمون لپاره هېڅ توری یا شمېره نه لري؛ د منظم عبارت لپاره یې د /…/ ترمنځ ولیکئ.
admin-error-words-too-long = ونه ساتل شو: لړلیک { $chars } توري لري، او تر { $max } تورو زیات نه شي کېدای. ستاسو متن لاندې ساتل شوی؛ لنډ یې کړئ او بیا یې وساتئ.
admin-error-may-not-write = ستاسو حساب مقالې نه شي لیکلای.
admin-error-may-not-publish = ستاسو حساب ({ $role }) مسودې ساتلای شي خو خپرول یا له خپرېدو لرې کول نه شي کولای؛ اېډیټر يې خپروي. بېرته لاړ شئ: ستاسو متن لا په فورم کې دی.
admin-error-session-expired = ستاسو ناسته پای ته رسېدلې، نو هیڅ ونه ساتل شول. ستاسو متن لاندې ساتل شوی: د فورم په پای کې ننوځئ او تڼۍ بیا کېکاږئ.
admin-error-sign-in-wrong-kept = کارن‌نوم یا پټنوم سم نه دی، نو هیڅ ونه ساتل شول. ستاسو متن لاندې ساتل شوی: د فورم په پای کې بیا ننوځئ او تڼۍ بیا کېکاږئ.
admin-error-text-kept = ستاسو متن لاندې ساتل شوی: هیڅ ونه ساتل شول.
admin-error-session-expired-action = ستاسو ناسته پای ته رسېدلې، نو هیڅ کار ونه شو. د فورم په پای کې ننوځئ او تڼۍ بیا کېکاږئ.
admin-error-sign-in-wrong-action = کارن‌نوم یا پټنوم سم نه دی، نو هیڅ کار ونه شو. د فورم په پای کې بیا ننوځئ او تڼۍ بیا کېکاږئ.
admin-error-nothing-done = هیڅ کار ونه شو.
admin-error-form-unverified = فورم تایید نه شو (کېدای شي د پاڼې له زړې نسخې وي)، نو هیڅ ونه ساتل شول. ستاسو متن لاندې ساتل شوی: وې ګورئ او تڼۍ بیا کېکاږئ.
admin-error-form-unverified-action = فورم تایید نه شو (کېدای شي د پاڼې له زړې نسخې وي)، نو هیڅ کار ونه شو. وې ګورئ او تڼۍ بیا کېکاږئ.
admin-error-editor-button = مخکتنه، د مسودې ساتل یا خپرول وټاکئ.
admin-error-not-scheduled = مهالوېش ونه شو: وخت له خپلې ستونزې سره لاندې ښودل شوی. ستاسو متن ساتل شوی.
admin-error-conflict = ونه ساتل شوه: تاسو چې دا مقاله پرانیسته، وروسته چا وساتله. دواړه متنونه لاندې دي؛ ستاسو متن په فورم کې دی. څه چې اړتیا لرئ یو ځای یې کړئ او بیا يې وساتئ.
admin-error-still-applying = لا هم پلي کېږي: دا بدلون تر معمول ډېر وخت نیسي، او که دا پاڼه پرېږدئ هم بشپړ به شي. یوه دقیقه وروسته د مقالې تاریخچه وګورئ. ستاسو متن په فورم کې دی، که اړتیا ورته لرئ؛ د همدې متن بیا ساتل زیان نه لري.
admin-error-saved-not-applied = وساتل شو، خو دې سرور ونه شو کولای بدلون پر سایټ کېږدي: { $reason }. نور سرورونه یې لکه څنګه چې ساتل شوی ښيي، او تاریخچه یې ښيي؛ دا سرور پخپله بیا هڅه کوي، د دې فورم بیا لېږل همدا اوس هڅه کوي، او بیا پیلول یې ښيي. ستاسو متن په فورم کې دی.
admin-error-still-applying-late = لا هم پلي کېږي: دا بدلون تر معمول ډېر وخت نیسي، او که دا پاڼه پرېږدئ هم بشپړ به شي. «وګورئ دا ساتنه څنګه پای ته ورسېده» ښيي چې څنګه پای ته رسېږي، ساتل شوې که رد شوې، د هغه څه سره چې تاسو لیکلي؛ په اېډیټر کې د مقالې پاڼه هم همدا ښيي. ستاسو متن په فورم کې هم دی.
admin-late-check = وګورئ دا ساتنه څنګه پای ته ورسېده
admin-late-open-article = مقاله په اېډیټر کې پرانیزئ
admin-late-pending = هغه ساتنه چې تاسو { $when } ولېږله لا هم پلي کېږي. یوه دقیقه وروسته بیا وګورئ: دا پاڼه به ووايي چې څنګه پای ته ورسېده. ستاسو متن په فورم کې دی. که تر څو دقیقو وروسته لا هم همدا ووايي، ښايي هغه سرور چې پلي کوله یې ودرېدلی وي: خپل متن بیا وساتئ.
admin-late-invalid = ونه ساتل شوه: هغه ساتنه چې تاسو { $when } ولېږله د پلي کېدو پر وخت رد شوه، د هغو ستونزو له امله چې د خپلو ځایونو تر څنګ ښودل شوې دي. ستاسو متن په فورم کې دی.
admin-late-invalid-now-fine = ونه ساتل شوه: هغه ساتنه چې تاسو { $when } ولېږله د پلي کېدو پر وخت رد شوه؛ لکه څنګه چې سایټ اوس دی، د هغې متن کومه ستونزه نه لري. ستاسو متن په فورم کې دی: بیا یې وساتئ.
admin-late-conflict = ونه ساتل شوه: هغه ساتنه چې تاسو { $when } ولېږله د پلي کېدو پر وخت رد شوه، ځکه چې تاسو دا مقاله پرانیسته، وروسته چا وساتله. دواړه متنونه لاندې دي؛ ستاسو متن په فورم کې دی. څه چې اړتیا لرئ یو ځای یې کړئ او بیا يې وساتئ.
admin-late-failed = ونه ساتل شوه: هغه ساتنه چې تاسو { $when } ولېږله په سرور کې ناکامه شوه ({ $reason }). ستاسو متن په فورم کې دی: بیا یې وساتئ.
admin-late-step-not-done = وساتل شوه، خو { $step ->
        [schedule] مهالوېش یې نه شو
        [unschedule] مهالوېش یې لغوه نه شو
        [review] د کتنې لپاره ونه لېږل شوه
       *[unpublish] په پخواني پته کې یې خپرول ونه درول شول
    }: هغه ساتنه چې تاسو { $when } ولېږله وساتل شوه، او بیا هغه کار په سرور کې ناکام شو ({ $reason }). ستاسو متن د ساتل شوې نسخې پر سر په فورم کې دی: بیا { $step ->
        [schedule] «مهالوېش»
        [unschedule] «مهالوېش لغوه کړئ»
        [review] «د کتنې لپاره لېږل»
       *[unpublish] په پخواني پته کې پر مقاله «خپرول درول»
    } کېکاږئ.
admin-error-step-not-done = وساتل شوه، خو { $step ->
        [schedule] مهالوېش یې نه شو
        [unschedule] مهالوېش یې لغوه نه شو
        [review] د کتنې لپاره ونه لېږل شوه
       *[unpublish] په پخواني پته کې یې خپرول ونه درول شول
    }: ستاسو نسخه وساتل شوه، او بیا هغه کار په سرور کې ناکام شو ({ $reason }). ستاسو متن د ساتل شوې نسخې پر سر په فورم کې دی: بیا { $step ->
        [schedule] «مهالوېش»
        [unschedule] «مهالوېش لغوه کړئ»
        [review] «د کتنې لپاره لېږل»
       *[unpublish] په پخواني پته کې پر مقاله «خپرول درول»
    } کېکاږئ.
admin-error-schedule-passed = د مسودې په توګه وساتل شوه، مهالوېش یې نه شو: هغه وخت چې تاسو غوره کړ، { $at }، ستاسو د ساتنې د پلي کېدو پر مهال تېر شوی و، نو خپره نه شوه. ستاسو متن د ساتل شوې نسخې پر سر په فورم کې دی: وروسته وخت غوره کړئ او «مهالوېش» کېکاږئ، یا د اوس خپرولو لپاره «خپرول» کېکاږئ.
admin-late-schedule-passed = د مسودې په توګه وساتل شوه، مهالوېش یې نه شو: هغه وخت چې تاسو غوره کړ، { $at }، د هغې ساتنې د پلي کېدو پر مهال تېر شوی و چې تاسو { $when } ولېږله، نو خپره نه شوه. ستاسو متن د ساتل شوې نسخې پر سر په فورم کې دی: وروسته وخت غوره کړئ او «مهالوېش» کېکاږئ، یا د اوس خپرولو لپاره «خپرول» کېکاږئ.
admin-late-lost = د دې ساتنې پایله نه ده معلومه: سرور هغه مهال ودرېد چې هغه ساتنه یې پلي کوله چې تاسو { $when } ولېږله. د مقالې تاریخچه ښيي چې ساتل شوې که نه. ستاسو متن لاندې په فورم کې دی: بیا یې وساتئ.
admin-late-unseen = { $state ->
        [pending] هغه ساتنه چې تاسو { $when } ولېږله لا هم پلي کېږي.
        [lost] د هغې ساتنې پایله چې تاسو { $when } ولېږله نه ده معلومه: سرور د پلي کولو پر مهال ودرېد. تاریخچه وګورئ، او که ستاسو متن پکې نه وي، بیا یې وساتئ.
        [step] هغه ساتنه چې تاسو { $when } ولېږله وساتل شوه، خو هغه کار چې د هغې تڼۍ ورپسې غوښت ونه شو: د همدې ساتنې په پاڼه کې هغه تڼۍ بیا کېکاږئ.
       *[ended] هغه ساتنه چې تاسو { $when } ولېږله هغسې پای ته ونه رسېده لکه تاسو چې لېږلې وه: رد شوه، یا پر سایټ کېښودل نه شوه. لامل او هغه څه چې باید یې وکړئ د همدې ساتنې په پاڼه کې وګورئ.
    }
admin-error-problems-preview = { $n } { $count ->
        [one] ستونزه چې له ساتلو مخکې باید سمه شي (د خپل ځای تر څنګ ښودل شوې).
       *[other] ستونزې چې له ساتلو مخکې باید سمې شي (د خپلو ځایونو تر څنګ ښودل شوې).
    }
admin-error-problems-not-saved = ونه ساتل شوه: { $n } { $count ->
        [one] ستونزه (د خپل ځای تر څنګ ښودل شوې).
       *[other] ستونزې (د خپلو ځایونو تر څنګ ښودل شوې).
    } ستاسو متن لاندې ساتل شوی.
admin-error-schedule-no-date = د خپرېدو نېټه ولیکئ.
admin-error-schedule-time = «{ $time }» د ورځې وخت نه دی: داسې يې ولیکئ: 09:30.
admin-error-schedule-no-such-time = دا وخت په کابل کې نشته.
admin-error-schedule-past = دا وخت تېر شوی: د اوس خپرولو لپاره، خپرول کېکاږئ.
admin-error-cannot-restore = { $number } ګڼه لکه څنګه چې ده بېرته نه شي راګرځېدلای
admin-error-cannot-save = { $article } لکه څنګه چې ده نه شي ساتل کېدای
admin-error-same-language = { $article } له مخکې په همدې ژبه ده: د ژباړې لپاره بله ژبه وټاکئ.
admin-error-translate-reserved = { $article } هغه پته ده چې سایټ یې د خپلو پاڼو لپاره ساتي، نو دا مقاله لا نه شي ژباړل کېدای: لومړی د هغې د سمولو په پاڼه کې بله پته ورکړئ، بیا یې له هماغه ځایه وژباړئ.
admin-error-up-to-date-base = فورم ونه ویل چې د { $article } له کومې بڼې پرانیستل شوی و (د { $base } خانه یې)، نو هېڅ ونه ثبت شول: د مقالې د سمون پاڼه بیا پرانیزئ او له هغه ځایه یې تازه په نښه کړئ.
admin-error-not-a-translation = { $article } هیڅ اصل ({ $key }) نه ثبتوي: ژباړه نه ده.
admin-error-original-unpublished = اصل { $article } نه دی خپور شوی: د ثبتولو لپاره نوی متن نشته.
admin-error-not-created = جوړ نه شو: { $problem }.
admin-error-no-account = د { $name } په نوم حساب نشته.
admin-error-own-role = تاسو خپل د مدیر رول نه شئ اخیستلای: بل مدیر يې کولای شي.
admin-error-own-password = خپل پټنوم د «ستاسو حساب» په پاڼه کې بدل کړئ، چې اوسنی پټنوم غواړي.
admin-error-password-not-set = د { $name } پټنوم بدل نه شو: { $problem }
admin-error-own-removal = تاسو خپل حساب نه شئ ړنګولای: بل مدیر يې کولای شي.
admin-error-account-action = د رول بدلول، د پټنوم ټاکل یا ړنګول وټاکئ.
admin-error-upload-none = د پورته کولو لپاره د انځور فایل وټاکئ.
admin-error-upload-refused = پورته نه شو: { $file }: { $problem }.
admin-error-upload-unreadable = پورته شوی فایل ونه لوستل شو: { $problem }
admin-title-login-required = ننوتل پکار دي
admin-error-login-required = دا پاڼه د سایټ د اېډیټرانو او څارونکو لپاره ده. په { $login } کې ننوځئ.
admin-problem-body-line = د متن { $n } کرښه: { $problem }
admin-problem-empty = تش دی
admin-problem-too-long = له { $max } تورو اوږد دی
admin-problem-invalid-email = برېښنالیک پته نه ده
admin-problem-control-chars = داسې توري لري چې نه ښودل کېږي
admin-error-ban-empty = د بندیز لپاره یوه برېښنالیک پته، { $ip } پته یا شبکه ولیکئ، لکه { $network }.
admin-error-ban-email = «{ $target }» { $problem }.
admin-error-ban-network = «{ $target }» شبکه نه ده: یوه پته، یوه مایله کرښه او د مختاړي اوږدوالی ولیکئ، لکه { $network } یا { $network6 }.
admin-error-ban-neither = «{ $target }» نه برېښنالیک پته ده، نه { $ip } پته یا شبکه (لکه { $address }، { $network } یا { $network6 }).
admin-error-ban-exists = پر { $target } دمخه بندیز لګېدلی.
# هغه بندیز چې هغه پته هم رانغاړي چې څارونکی ترې وصل دی: له لګولو مخکې ویل کېږي.
admin-ban-own-address = { $target } هغه پته هم رانغاړي چې تاسو اوس ترې وصل یاست، { $address }: له بندیز وروسته، هره تبصره چې له هغې ولېږل شي رد کېږي، ستاسو خپلې هم. تر اوسه هېڅ بند شوی نه دی؛ که بیا هم غواړئ بندیز پرې ولګوئ، لاندې تڼۍ کېکاږئ.
admin-ban-own-confirm = بندیز ولګوه، زما پته هم
admin-error-password-too-short = پټنوم باید لږ تر لږه { $min } توري وي.
admin-error-password-too-long = پټنوم باید تر { $max } تورو زیات نه وي.
admin-error-account-exists = د { $name } په نوم حساب دمخه شته
admin-media-empty = فایل تش دی
admin-media-too-large = فایل { $size } بایټه دی، له { $mb } مېګابایټه حد څخه زیات
admin-media-not-an-image = فایل { $jpeg }، { $png } یا { $webp } انځور نه دی (نوم يې هر څه وايي)
admin-media-too-many-pixels = انځور { $width } × { $height } پکسله دی، له { $mp } مېګاپکسله حد څخه زیات
admin-media-corrupt = انځور نه لوستل کېږي: { $problem }
admin-media-encode = انځور بیا جوړ نه شو: { $problem }
admin-error-date-form = «{ $date }» نېټه نه ده: داسې يې ولیکئ: { $form } (میلادي، یا لمریزه هجري لکه {"\u2066"}۱۴۰۵-۰۹-۰۵{"\u2069"})، یا ورځ، میاشت او کال (۵ لیندۍ ۱۴۰۵ یا ۲۶ نومبر ۲۰۲۶).
admin-error-date-year = سمه لمریزه هجري نېټه نه ده: { $year } کال د هغو کلونو بهر دی چې اړول کېږي ({ $first } تر { $last }).
admin-error-date-month = سمه لمریزه هجري نېټه نه ده: { $month } میاشت نشته؛ کال ۱۲ میاشتې لري.
admin-error-date-day = سمه لمریزه هجري نېټه نه ده: د { $year } کال { $name } { $length } ورځې لري، نه { $day }.
admin-error-date-gregorian = سمه نېټه نه ده: { $problem }.

## Login and account

admin-field-username = کارن‌نوم
admin-field-password = پټنوم
admin-login = ننوتل
admin-login-accounts = حسابونه د سایټ چلوونکی په دې امر جوړوي:
admin-account-language = ژبه
admin-account-language-legend = ستاسو د اېډیټ پاڼو ژبه
admin-account-language-save = ژبه وساتئ
admin-account-password = پټنوم بدلول
admin-field-current-password = اوسنی پټنوم
admin-field-new-password-own = نوی پټنوم (لږ تر لږه ۱۰ توري)
admin-field-new-password-again = نوی پټنوم بیا
admin-change-password = پټنوم بدل کړئ

## Dashboard and comments

admin-dashboard-questions = لوستونکي بیا څه غواړي: هغه پوښتنې چې ځواب يې ونه موند
admin-reserved-articles = هغه مقالې چې په سایټ کې نشته: پته یې د سایټ خپله ده
admin-reserved-articles-help = هره یوه له دغو مقالو دلته په هغه پته خپره شوې چې سایټ یې د خپلو پاڼو لپاره ساتي، نو په سایټ کې نشته. پرانیزئ یې، بله لنډه پته ورکړئ او خوندي یې کړئ: په نوې پته خوندي کېږي (او که یې خپره کړئ، خپرېږي)، او په زړه پته کې له خپرېدو لرې کېږي.
admin-reserved-slug-edit = د دې مقالې پته، { $address }، هغه پته ده چې سایټ یې د خپلو پاڼو لپاره ساتي، نو مقاله په سایټ کې نشته. دلته بله لنډه پته ولیکئ او خوندي یې کړئ: مقاله په نوې پته خوندي کېږي او په دې پته کې له خپرېدو لرې کېږي؛ متن او تاریخچه یې ساتل کېږي.
admin-refused-files = هغه د منځپانګې فایلونه چې سایټ ونه منل
admin-refused-files-help = د منځپانګې په فولډر کې دا فایلونه ستونزې لري، نو سایټ د هر یوه مقاله په هغې وروستۍ نسخې ښيي چې منلې یې ده (هغه فایل چې هېڅ نسخه یې نه ده منل شوې هېڅ نه ښودل کېږي). څوک چې فایلونه سموي کولی شي دوی سم کړي؛ سایټ هر فایل همغه مهال مني چې پرته له ستونزې خوندي شي.
admin-refused-line = کرښه { $line }
admin-editor-file-refused = د دې مقالې د منځپانګې فایل بدل شو، او سایټ هغه بدلون ونه مانه
admin-editor-file-refused-help = فایل لاندې ستونزې لري، نو سایټ دا مقاله هماغسې ښيي لکه د فایل له بدلون مخکې چې وه: هغه بڼه چې په دې فورمه کې ده، نه د فایل متن. څنګه چې فایل پرته له ستونزې خوندي شي، سایټ به هغه د دې بڼې پر ځای وښيي او د مقالې تر ټولو نوې بڼه به شي؛ تر هغه وخته، هغه څه چې دلته یې خوندي کړئ ښودل کېږي.
admin-editor-unapplied = دا سرور مقاله هغسې نه ښيي لکه څنګه چې ساتل شوې
admin-editor-unapplied-help = د دې وروستۍ خپرونه یا له خپرونې ایستل ساتل شوي، او نور سرورونه یې همداسې ښيي، خو دې سرور ونه شو کولای هغه پر سایټ کېږدي او لا هم تر هغې مخکې بڼه ښيي. دا پخپله بیا هڅه کوي؛ بیا خپرول همدا اوس هڅه کوي، او بیا پیلول یې ښيي. لامل:
admin-editor-unapplied-elsewhere = ټول سرورونه مقاله هغسې نه ښيي لکه څنګه چې ساتل شوې
admin-editor-unapplied-other = سرور { $node } ونه شو کولای د دې وروستۍ خپرونه یا له خپرونې ایستل پر سایټ کېږدي او لا هم تر هغې مخکې بڼه ښيي. هغه سرور پخپله بیا هڅه کوي، او چې بیا پیل شي، ښيي یې. لامل:
admin-editor-unapplied-noted = { $ago } مخکې ثبت شو، { $when }.
admin-editor-unapplied-stale = هغه سرور له یوه ساعت زیات دی چې بیا یې هڅه نه ده کړې، په داسې حال کې چې چلېدونکی سرور هرو څو دقیقو کې هڅه کوي: ښايي د تل لپاره درېدلی وي. که نور نشته، دا ثبت پاک کړئ (د مقالې بیا خپرول یې هم پاکوي)؛ که بیا پیل شي، مقاله هغسې ښيي لکه څنګه چې ساتل شوې.
admin-editor-unapplied-clear = دا ثبت پاک کړئ
admin-error-unapplied-not-stale = دا ثبت نه پاکېږي: په تېر یوه ساعت کې نوی شوی، نو هغه سرور لا هڅه کوي، یا ثبت مخکې پاک شوی.
admin-comments-tabs = د تبصرو حالت
admin-comments-pages = د دې لړلیک پاتې برخه
admin-comments-first = لومړني { $count }
admin-comments-next = راتلونکي { $count }
admin-nothing-here = دلته څه نشته.
admin-nothing-yet = تر اوسه دلته څه نشته.
admin-comment-on = پر
admin-comment-reply-to = #{ $id } ته ځواب
admin-comment-held = ساتل شوې:
# په کتار کې د هغې تبصرې لاندې چې تړنې لري: د هرې تړنې متن او هغه ځای چې ورځي.
admin-comment-links = تړنې، او دا چې هره یوه چېرته وړي:
admin-comment-staff = د سایټ ډله: { $name }
admin-approve = منل
admin-spam = سپام
admin-delete = ړنګول
admin-requeue = کتار ته ستنول
admin-edit = سمول
# د کتار د هرې تبصرې له هرې تڼۍ (منل، سپام، …) او د سمون له تړنې وروسته، له سترګو پټ، چې سکرین لوستونکی ووايي هره یوه په کومه تبصره کار کوي.
admin-comment-which = د { $name } تبصره #{ $id }، { $when }
admin-field-name = نوم
admin-field-comment = تبصره ({ $markdown })
admin-save = ساتل
admin-cancel = لغوه
admin-history = مخینه

## The list of articles

admin-filter-search = په سرلیکونو او پتو کې لټون
admin-field-language = ژبه
admin-filter-all = ټول
admin-filter-tag = موضوع
admin-filter-status = حالت
admin-filter-missing = تر اوسه نه دی ژباړل شوی په
admin-filter-missing-off = پرته له چاڼه
admin-filter = چاڼ
admin-article-published = خپره شوې
admin-article-draft = مسوده
admin-article-scheduled = مهالوېش شوې
admin-article-review = د کتنې په تمه
admin-article-outdated = زړه ژباړه
admin-article-outdated-lower = ژباړه زړه ده
admin-article-pending = ، له ناخپرو بدلونونو سره
admin-article-due = ؛ د { $when } لپاره مهالوېش شوې
admin-article-due-failed = په هغه وخت خپور نه شو: په { $retry } بیا هڅه کېږي
# A time on the editorial pages, in Kabul: the day (Solar Hijri and Gregorian in Dari and Pashto) and the time; the zone is said here only.
admin-moment = { $day }، { $time } (د کابل وخت)
admin-article-waiting = ؛ د کتنې په تمه (د { $name } له خوا لېږل شوې)
admin-articles-caption = له { $n } { $count ->
        [one] مقالې
       *[other] مقالو
    } څخه { $matching }
admin-articles-page = ، پاڼه { $page } له { $pages }
admin-col-article = مقاله
admin-col-updated = تازه شوې
admin-col-approved-comments = منل شوې تبصرې
admin-view = کتل
admin-comments-closed = تړلې
admin-comments-open = پرانیستې
admin-comments-open-button = پرانیستل
admin-comments-close-button = تړل
admin-comments-on = تبصرې پر
admin-pages-label = د لړلیک پاڼې
admin-previous-page = مخکنۍ پاڼه
admin-next-page = بله پاڼه

## The editor

admin-editor-view = خپره شوې پاڼه وګورئ
admin-editor-history = مخینه او توپیرونه
admin-translation-edit = { $language } ژباړه سمول
admin-translation-new = په { $language } ژباړل
admin-stale-original = { $language } اصل،
admin-stale-changed = ، له هغه وخته بدل شوی چې دا ژباړه ترې جوړه شوه (د هغه ګڼه
admin-stale-now = ؛ اوس
admin-stale-file-version = د { $when } د منځپانګې د فایل نسخه
admin-stale-unknown-version = یوه نسخه چې نور نه ساتل کېږي
admin-stale-diff = له هغه وخته په اصل کې څه بدل شول
admin-stale-lost = د هغې ګڼې متن نور نه ساتل کېږي، نو بدلونونه نه شي ښودل کېدای: ژباړه د فورم تر څنګ له اصل سره پرتله کړئ.
admin-stale-same = د اصل سرلیک، پوښتنه، لنډ ځواب، موضوعګانې، سرچینې او متن هماغه دي چې هغه وخت وو: بدلون بل ځای دی (د هغې نېټې یا ژباړې).
admin-stale-fields-lost = له هغې ګڼې یوازې سرلیک او متن ساتل شوي: د هغې په پوښتنه، لنډ ځواب، موضوعګانو یا سرچینو کې بدلون نه شي ښودل کېدای.
admin-mark-up-to-date = تازه یې وګڼئ
admin-preview-title = مخکتنه (لکه پاڼه چې به ښکاري؛
admin-preview-edit = لاندې سمول
admin-preview-live = د لیکلو پر مهال مخکتنه
admin-preview-none = مخکتنه هغه وخت ښکاري چې لیکنه سرلیک، ژبه، پته او بې ستونزې متن ولري.
admin-editor-address = پته
admin-field-slug = لنډه پته (کوچني لاتین توري، عددونه، لنډې کرښې)
admin-field-title = سرلیک
admin-field-question = پوښتنه (لکه لوستونکی چې يې پوښتي)
admin-field-summary = لنډ ځواب (یوه برخه)
admin-field-tags = موضوعګانې (لنډې پتې، په کامې جلا)
admin-field-published = د خپرېدو نېټه (لمریزه هجري: {"\u2066"}۱۴۰۴-۱۲-۰۱{"\u2069"} یا ۱ کب ۱۴۰۴؛ یا میلادي: {"\u2066"}2026-02-20{"\u2069"})
admin-field-updated = تازه شوې
admin-field-translations = ژباړې (په هره ژبه کې لنډه پته، که وي)
admin-field-translated-from = له دې ژباړل شوې (د ژباړې اصل: ژبه يې، او هغه ګڼه چې ژباړه ترې جوړه شوه)
admin-field-original-language = د اصل ژبه
admin-field-not-a-translation = هیڅ: ژباړه نه ده
admin-field-original-revision = د اصل ګڼه
admin-field-sources = سرچینې (لږ تر لږه یوه)
admin-field-source-title = سرچینه { $index }: سرلیک
admin-field-source-url = سرچینه { $index }: پته ({ $url })
admin-field-source-accessed = سرچینه { $index }: د کتلو نېټه
admin-field-body = متن ({ $markdown }: برخې، ## سرلیکونه، لړلیکونه، جدولونه؛ { $html } نه)
admin-help-body-images = انځورونه: انځور په دې پاڼه کې پورته کړئ، چې په نوې ټب کې پرانیستل کېږي څو دا متن پاتې شي، او هلته ښودل شوی { $markdown } په متن کې کېږدئ:
admin-opens-new-tab = (په نوې ټب کې پرانیستل کېږي)
admin-draft-kept = هغه متن چې دلته مو ولیکه او ونه مو لېږه په دې براوزر کې ساتل شوی، له
admin-draft-restore = بېرته یې راوګرځوئ
admin-draft-discard = لرې یې کړئ
admin-editor-sign-in = د ساتلو لپاره ننوځئ
admin-sign-in-role = د رول د بدلولو لپاره ننوځئ
admin-sign-in-password = د پټنوم د ټاکلو لپاره ننوځئ
admin-sign-in-remove = د حساب د ړنګولو لپاره ننوځئ
admin-sign-in-lift = د بندیز د لرې کولو لپاره ننوځئ
admin-sign-in-add-account = د حساب د زیاتولو لپاره ننوځئ
admin-sign-in-ban = د بندیز د لګولو لپاره ننوځئ
admin-preview = مخکتنه
admin-save-draft = مسوده ساتل
admin-submit-review = د کتنې لپاره لېږل
admin-publish = خپرول
admin-unpublish = له خپرېدو لرې کول
admin-schedule-legend = وروسته خپرول
admin-scheduled = د { $when } لپاره د خپرېدو مهالوېش شوې، د { $name } له خوا: وروستی ساتل شوی متن خپرېږي.
admin-unschedule = مهالوېش لغوه کړئ
admin-schedule-failed = په هغه وخت خپرول پاتې راغلل. په { $retry } بیا هڅه کېږي، او له هرې ناکامۍ وروسته لږ ځله، تر هغو چې خپور شي یا مهالوېش لغوه شي؛ که ستونزه په متن کې وي، «خپرول» یې ښيي. ثبت شوی لامل:
admin-schedule-date = نېټه (لمریزه هجري: {"\u2066"}۱۴۰۵-۱۰-۰۳{"\u2069"} یا ۳ مرغومی ۱۴۰۵؛ یا میلادي: {"\u2066"}2026-12-24{"\u2069"})
admin-schedule-date-solar = نېټه (لمریزه هجري: {"\u2066"}۱۴۰۵-۱۰-۰۳{"\u2069"} یا ۳ مرغومی ۱۴۰۵؛ یا میلادي: {"\u2066"}2026-12-24{"\u2069"})
admin-schedule-time = د کابل وخت ({ $utc })
admin-schedule = مهالوېش
admin-original-title = { $language } اصل،
admin-conflict-title = په دې منځ کې { $name } په { $when } وساتله
admin-conflict-diff = ستاسو متن د هغه په متن کې څه بدلوي
admin-conflict-theirs = د هغه متن
admin-conflict-mine = ستاسو متن
admin-conflict-same = ستاسو متن او د هغه متن یو شان دي.

## History

admin-history-back = اېډیټر ته ستنېدل
admin-history-caption = ګڼې، نوې لومړی
admin-col-compare-from = پرتله له
admin-col-compare-to = تر
admin-col-revision = ګڼه
admin-col-saved = ساتل شوې
admin-col-by = د چا له خوا
admin-col-what = څه
admin-history-from = له { $number } ګڼې
admin-history-to = تر { $number } ګڼې
admin-history-served = (پر سایټ)
admin-hash-number = #{ $id }
admin-compare = پرتله
admin-restore = #{ $number } ګڼه بېرته راګرځول
admin-history-none = تر اوسه په اېډیټر کې هیڅ ګڼه نه ده ساتل شوې: مقاله لکه د خپل منځپانګې فایل ده.
admin-history-diff = توپیرونه له #{ $from } تر #{ $to }
admin-diff-removed = لرې شوي
admin-diff-added = زیات شوي
admin-diff-label = توپیرونه
admin-diff-same = دا دوه ګڼې یو شان دي.
admin-diff-at = { $part ->
        [title] سرلیک
        [question] پوښتنه
        [summary] لنډ ځواب
        [tags] موضوعګانې
        [sources] سرچینې
        [body] متن، کرښه { $line }
        [front_matter] سرېزه، کرښه { $line }
       *[file] کرښه { $line }
    }

## Bans, words, log

admin-field-ban-target = برېښنالیک، { $ip } پته یا شبکه ({ $cidr })
admin-field-ban-note = یادښت (ولې)
admin-ban = بندیز لګول
admin-col-banned = بندیز پرې
admin-col-kind = ډول
admin-col-note = یادښت
admin-col-since = له
admin-col-lift = لرې کول
admin-ban-since-by = { $when } د { $name } له خوا
admin-lift = لرې کول
admin-lift-target = پر { $target } بندیز
admin-no-bans = پر هېڅ پتې بندیز نه دی لګېدلی.
admin-field-words = هغه کلمې او بېلګې چې تبصره د کتنې لپاره ساتي
admin-words-help = په هره کرښه کې یو توکی. یوه کلمه یا عبارت له بشپړو کلمو سره سمون خوري او د تورو لوی والی او کوچنی والی نه ګوري (د عربي او فارسي تورو بڼې یو ګڼل کېږي). یوه کرښه لکه
admin-words-help-regex = {" "}منظم عبارت دی. هغه کرښې چې په # پیلېږي یادښتونه دي.
admin-words-save = لړلیک وساتئ
admin-log-caption = نوې پرېکړې لومړی
admin-col-when = کله
admin-col-decision = پرېکړه
admin-col-reason = لامل
admin-col-from = له

## Questions readers asked

admin-questions-intro = هغه پوښتنې چې لوستونکو وکړې او روښانه ځواب يې ونه موند، او هغه چې لوستونکي وویل ځواب يې ځواب نه و (له ورکړل شوي ځواب سره)، د هغه څه له مخې ډله شوې چې پوښتي يې، په بېلو لیکدودونو او وینګو کې، نوې لومړی.
admin-col-question = پوښتنه
admin-col-asked-in = پوښتل شوې په
admin-col-no-answer = ځواب نشته
admin-col-not-helpful = ځواب مرسته ونه کړه
admin-col-last-asked = وروستی ځل پوښتل شوې
admin-col-write = لیکل
admin-questions-answered-with = ځواب ورکړل شو په:
admin-questions-write = د دې لپاره مقاله ولیکئ
admin-questions-why = ولې ځواب ورنه کړل شو:
admin-questions-why-no-words = هېڅ مقاله یې کلمې نه کاروي.
admin-questions-why-too-little = تر ټولو نږدې جمله یې لږه برخه رانغاړي.
admin-questions-why-lacks-main-word = تر ټولو نږدې جمله یې اصلي کلمه نه لري.
admin-questions-why-short = لنډه پوښتنه ده، او تر ټولو نږدې جمله یې یوه کلمه نه لري.
admin-questions-why-one-word = تر ټولو نږدې جمله یې یوازې یوه کلمه لري.
admin-questions-why-far = کلمې یې موندل کېږي، خو مانا یې له مقالو لرې ده.
admin-questions-nearest = تر ټولو نږدې جمله، چې رانقل نه شوه:

## Images

admin-field-media = انځور ({ $jpeg }، { $png } یا { $webp }، تر ۱۵ مېګابایټه؛ د هغه مېټاډېټا، لکه د کمرې { $gps } ځای، لرې کېږي)
admin-upload = پورته کول
admin-media-none = تر اوسه انځور نشته.
admin-media-caption = پورته شوي انځورونه، نوي لومړی: ښودل شوی { $markdown } ولیکئ، د مقالې په ژبه له بدیل متن سره
admin-col-image = انځور
admin-col-markdown = { $markdown }
admin-col-size = اندازه
admin-col-uploaded = پورته شوی
admin-media-size = { $size }، { $kb } کیلوبایټه
admin-media-uploaded = { $when } د { $name } له خوا

## Accounts

admin-users-caption = حسابونه (په دې امر هم
admin-field-role = رول
admin-col-created = جوړ شوی
admin-col-password-changed = پټنوم بدل شوی
admin-col-change = بدلون
admin-users-you = ستاسو حساب
admin-users-change-yours = خپل پټنوم یا ژبه بدل کړئ
admin-users-role-of = د { $name } رول
admin-users-change-role = رول بدلول
admin-users-of = د { $name }
admin-users-new-password-for = د { $name } لپاره نوی پټنوم
admin-users-new-password = نوی پټنوم
admin-users-new-password-again-for = د { $name } لپاره نوی پټنوم بیا
admin-users-again = بیا
admin-users-set-password = پټنوم ټاکل
admin-users-remove = ړنګول
admin-users-add = حساب زیاتول
admin-field-new-username = کارن‌نوم (لاتین توري، عددونه، . _ -)
admin-field-new-password = پټنوم (لږ تر لږه ۱۰ توري)
admin-field-password-again = پټنوم بیا
admin-users-add-button = حساب زیات کړئ

## A form that chose an action, shown again when it was not done.
admin-again-role = د { $name } رول په { $role } بدل کړئ.
admin-again-password = د { $name } لپاره نوی پټنوم وټاکئ.
admin-again-password-retype = هغه نوی پټنوم چې تاسو ولیکه ونه ساتل شو، څو هېڅکله په پاڼه کې ونه لیکل شي: لاندې یې بیا دوه ځله ولیکئ.
admin-again-remove = د { $name } حساب ړنګ کړئ.
admin-again-lift = پر { $target } بندیز لرې کړئ.

## An article's problems, as `askaf check` names them (admin/check.rs).

admin-check-key-slug = لنډه پته
admin-check-key-lang = ژبه
admin-check-key-title = سرلیک
admin-check-key-question = پوښتنه
admin-check-key-summary = لنډ ځواب
admin-check-key-published = د خپرېدو نېټه
admin-check-key-updated = د تازه کېدو نېټه
admin-check-key-tags = موضوعګانې
admin-check-key-translations = ژباړې
admin-check-key-sources = سرچینې
admin-check-key-translated_from = له دې ژباړل شوې
# A field a problem names: from a content file with its front matter key.
admin-check-field = { $origin ->
        [file] «{ $name }» ({ $key })
       *[editor] «{ $name }»
    }
admin-check-no-opening-fence = فایل باید په یوې «+++» کرښې پیل شي چې سرېزه ({ $term }) پرانیزي
admin-check-unclosed-front-matter = هغه سرېزه ({ $term }) چې دلته پرانیستل شوې، هېڅکله نه ده تړل شوې: له هغې وروسته یوه «+++» کرښه ورزیاته کړئ
admin-check-front-matter-syntax = سرېزه ({ $term }) ونه لوستل شوه: { $detail }
admin-check-front-matter-syntax-date = سرېزه ({ $term }) ونه لوستل شوه: { $detail }؛ لمریزه هجري نېټه د نقل قول په نښو کې لیکل کېږي: «{ $line }»
admin-check-unquoted-value = سرېزه ({ $term }) ونه لوستل شوه: د { $field } ارزښت باید د نقل قول په نښو کې ولیکل شي: «{ $line }»
admin-check-toml-said = { $said } ({ $detail })
admin-check-toml-unknown-field = په مقاله کې د { $field } په نوم خانه نشته: نوم یې سم ولیکئ یا یې کرښه لرې کړئ
admin-check-toml-missing-field = { $field } نه دی لیکل شوی
admin-check-toml-wrong-type = { $field } { $expected ->
        [text] باید د نقل قول په نښو کې متن وي
        [list] باید لړلیک وي
        [true-false] باید { $true } یا { $false } وي
        [table] باید جدول وي
       *[other] له هغه ډول نه دی چې دا خانه يې مني
    }
admin-check-toml-bad-date = { $field }: دا نېټه د جنتري کومه ورځ نه ده
admin-check-missing-field = { $field } نه دی لیکل شوی
admin-check-empty-field = { $field } تش دی
admin-check-field-too-long = { $field } له { $max } تورو اوږد دی
admin-check-control-character = { $field } داسې توری لري چې نه ښودل کېږي
admin-check-reserved-slug = لنډه پته: { $quoted } په هره ژبه کې د سایټ د خپلې یوې پاڼې پته ده ({ $path_ps }، { $path_fa }، { $path_en }): بله پته وټاکئ
# The problem (admin-check-slug) names the field itself.
admin-check-invalid-slug = { $problem }
admin-check-unknown-lang = { $field }: { $problem }
admin-check-lang-not-folder = { $field }: { $language }، خو دوتنه د { $folder_language } په پوښۍ کې ده: «{ $to_folder }» پوښۍ ته یې یوسئ، یا ولیکئ «{ $line }»
admin-check-duplicate-tag = موضوع { $tag } دوه ځله راغلې ده
admin-check-invalid-tag = موضوع: { $problem }
admin-check-tag-is-a-name = موضوع { $tag } نوم دی، پته نه ده: موضوع په کوچنیو لاتین ({ $ascii }) تورو، عددونو او لنډو کرښو لیکل کېږي، او د هرې موضوع نومونه په انګلیسي، دري او پښتو کې د «د موضوعګانو نومونه» په پاڼه ({ $tags_page }) کې ټاکل کېږي
admin-check-invalid-date = { $field }: { $problem }
admin-check-updated-before-published = د تازه کېدو نېټه ({ $updated }) د خپرېدو له نېټې ({ $published }) مخکې ده
admin-check-translation-unknown-lang = ژباړې: { $problem }
admin-check-translation-to-own-lang = { $origin ->
        [file] ژباړې: { $language } ({ $lang }) د همدې مقالې خپله ژبه ده
       *[editor] ژباړې: { $language } د همدې مقالې خپله ژبه ده
    }
admin-check-translation-invalid-slug = { $language } ژباړه: { $problem }
admin-check-original-lang-missing = { $origin ->
        [file] له دې ژباړل شوې: د اصل ژبه ({ $key }) نه ده لیکل شوې
       *[editor] له دې ژباړل شوې: د اصل ژبه نه ده لیکل شوې
    }
admin-check-original-unknown-lang = له دې ژباړل شوې: { $problem }
admin-check-original-is-own-lang = { $origin ->
        [file] له دې ژباړل شوې: { $language } ({ $lang }) د همدې مقالې خپله ژبه ده
       *[editor] له دې ژباړل شوې: { $language } د همدې مقالې خپله ژبه ده
    }
admin-check-original-not-in-translations = { $origin ->
        [file] له دې ژباړل شوې: په «ژباړې» کې د { $language } ({ $lang }) لنډه پته نشته چې اصل وښيي: د اصل لنډه پته هلته ولیکئ
       *[editor] له دې ژباړل شوې: په «ژباړې» کې د { $language } لنډه پته نشته چې اصل وښيي: د اصل لنډه پته هلته ولیکئ
    }
admin-check-original-revision-missing = { $origin ->
        [file] له دې ژباړل شوې: د اصل ګڼه ({ $key })، چې ژباړه ترې جوړه شوه، نه ده لیکل شوې
       *[editor] له دې ژباړل شوې: د اصل ګڼه، چې ژباړه ترې جوړه شوه، نه ده لیکل شوې
    }
admin-check-original-revision-invalid = له دې ژباړل شوې: د اصل ګڼه باید د یوې مقالې ګڼه وي، ۳۲ شپاړسیز ({ $hexadecimal }) عددونه، نه { $value }
admin-check-no-sources = { $origin ->
        [file] سرچینه نشته ({ $table }): هره مقاله لږ تر لږه یوه سرچینه یادوي
       *[editor] سرچینه نشته: هره مقاله لږ تر لږه یوه سرچینه یادوي
    }
admin-check-empty-sources = د سرچینو لړلیک تش دی: لږ تر لږه یوه سرچینه ولیکئ
admin-check-source-title-missing = سرچینه { $n }: سرلیک نه لري
admin-check-source-url-invalid = سرچینه { $n }: پته ({ $url_word }) باید د { $http } پته وي، بې تشو ځایونو، نه { $url }
admin-check-source-url-missing = سرچینه { $n }: پته ({ $url_word }) نه لري
admin-check-source-accessed-invalid = سرچینه { $n }: د کتلو نېټه: { $problem }
admin-check-source-accessed-missing = سرچینه { $n }: د کتلو نېټه نه لري
admin-check-incomplete-front-matter = سرېزه ({ $term }) بشپړه نه ده
admin-check-raw-html = په مقالو کې خام { $html } نه منل کېږي: په { $markdown } يې ولیکئ
admin-check-link-not-allowed = تړنه { $url } نه ساتل کېږي: { $http }، { $mailto } یا { $tel } پتو، د همدې سایټ پاڼو یا د همدې پاڼې برخو (#…) ته تړنه ورکړئ
admin-check-image-not-uploaded = انځور { $url } پورته شوی نه دی: په { $media_page } کې يې پورته کړئ او هغه پته وکاروئ چې دا يې درکوي ({ $media_path })
admin-check-image-not-kept = انځور { $url } د پورته شویو انځورونو په منځ کې نشته: په { $media_page } کې يې پورته کړئ، یا يې پته سمه کړئ
admin-check-image-alt-missing = انځور بدیل متن ({ $alt }) غواړي چې ووايي څه ښيي، د هغو لوستونکو لپاره چې يې نه شي لیدلای: ![څه چې ښيي]({ $media_path })
admin-check-image-alt-language = د انځور بدیل متن د مقالې په ژبه ({ $language }) نه دی: په هغه ژبه يې ولیکئ چې د مقالې لوستونکي يې لولي
admin-check-no-body = مقاله متن نه لري
admin-check-unclosed-code-fence = د کوډ هغه برخه چې دلته په { $fence } پرانیستل شوې، هېڅکله نه ده تړل شوې، نو د مقالې پاتې برخه د کوډ په بڼه ښکاري: په یوه جلا کرښه کې يې په { $fence } وتړئ
admin-check-duplicate-slug = بله مقاله په { $language } کې لنډه پته { $quoted } لري ({ $address }، خپره شوې یا مسوده): بله لنډه پته وټاکئ
admin-check-translation-not-an-article = { $language } ژباړه { $address } ته اشاره کوي، چې مقاله نه ده
admin-check-translation-is-draft = { $language } ژباړه { $address } ته اشاره کوي، چې لا مسوده ده
admin-check-unreadable = نه لوستل کېږي: { $error }
admin-check-file-too-large = { $origin ->
        [file] فایل له { $mb } مېګابایټه لوی دی: یوه مقاله څو کیلوبایټه وي؛ ووېشئ يې یا هغه څه لرې کړئ چې مقاله نه ده
       *[editor] مقاله له { $mb } مېګابایټه لویه ده، چې د یوې مقالې تر ټولو ډېره اندازه ده (د دري یا پښتو هر توری دوه ځله شمېرل کېږي): په څو مقالو یې ووېشئ، یا هغه څه لرې کړئ چې د هغې برخه نه ده
    }
admin-check-not-utf8 = فایل سم { $utf8 } نه دی
admin-check-address-changed = د { $address } ژبه او لنډه پته لا په اېډیټر کې نه شي بدلېدای: نوې مقاله جوړه کړئ
# A value as typed, quoted on the editor's page (`askaf check` writes `value`).
admin-check-quoted = «{ $value }»
admin-check-slug = لنډه پته { $value } سمه نه ده: { $reason }
admin-check-slug-empty = تشه ده
admin-check-slug-too-long = له { $max } تورو اوږده ده
admin-check-slug-characters = یوازې کوچني لاتین ({ $ascii }) توري، عددونه او لنډې کرښې وکاروئ
admin-check-slug-hyphens = لنډه کرښه باید په پیل یا پای کې نه وي او پرله پسې تکرار نه شي
admin-check-unknown-language = ژبه { $value } نه پېژندل کېږي (باید یو له { $en }، { $fa } یا { $ps } وي)
admin-check-date-not-real = { $typed } د جنترۍ ورځ نه ده
admin-check-date-typed = { $typed } { $problem }
admin-check-date-form = نېټه نه ده: داسې يې ولیکئ: { $form } (میلادي یا لمریزه هجري)، یا ورځ، میاشت او کال (۵ لیندۍ ۱۴۰۵ یا ۲۶ نومبر ۲۰۲۶)
admin-check-date-solar = لمریزه هجري نېټه نه ده: { $problem }
admin-check-solar-year = { $year } کال د هغو کلونو بهر دی چې اړول کېږي ({ $first } تر { $last })
admin-check-solar-month = { $month } میاشت نشته: کال ۱۲ میاشتې لري
admin-check-solar-day = د { $year } کال { $name } { $length } ورځې لري، نه { $day }
admin-check-date-gregorian = نېټه نه ده: { $problem }
admin-check-gregorian-day = د { $year } کال { $name } { $length } ورځې لري، نه { $day }
admin-check-date-not-alone = { $typed } باید یوازې نېټه وي، بې وخته، لکه 2026-11-20
admin-check-not-a-date = دلته داسې نېټه غوښتل کېږي لکه 2026-11-20

## Why a typed name is no username or role (admin/accounts.rs).

admin-error-username-length = کارن‌نوم باید له { $min } تر { $max } تورو وي؛ «{ $typed }» { $len } توري لري.
admin-error-username-character = کارن‌نوم یوازې لاتین توري { $az }، عددونه، «.»، «_» او «-» لرلای شي؛ «{ $typed }» «{ $bad }» لري.
admin-error-username-start = کارن‌نوم باید په یوه توري یا عدد پیل شي؛ «{ $typed }» داسې نه دی.
admin-error-role-unknown = «{ $typed }» رول نه دی: له دې یو وټاکئ: { $roles }.

# د موضوعګانو نومونه په هره ژبه (/admin/tags)
admin-nav-tags = موضوعګانې
admin-title-tags = د موضوعګانو نومونه
admin-tags-intro = د هرې موضوع نوم، لکه لوستونکي يې چې په هره ژبه ویني. که تش پاتې شي، هغه ژبه د سایټ دننی نوم ښيي (چې په خانه کې کمرنګه ښکاري)، که نه وي انګلیسي نوم، که نه وي د موضوع پته.
admin-tags-none = تر اوسه هېڅ مقاله موضوع نه لري.
admin-tags-count = { $n } { $count ->
        [one] مقاله
       *[other] مقالې
    }
admin-tags-field = نوم په { $language }
admin-tags-save = نومونه وساتئ
admin-notice-tag-labels = د موضوع نومونه وساتل شول؛ پاڼې يې اوس ښيي.
admin-error-tag-label = ونه ساتل شو: هر نوم یوه کرښه ده او تر { $max } تورو زیات نه وي.
admin-error-tag-label-script = ونه ساتل شو: { $language } نوم په بل لیک لیکل شوی؛ داسې یې ولیکئ لکه { $language } لوستونکي چې یې لولي.
admin-help-tags = د هرې موضوع نوم په انګلیسي، دري او پښتو کې اېډیټر په دې پاڼه کې ټاکي:

## Why a comment was held or refused (queue and log); a value as typed
## (word-list entry, ban, name) is shown in its own direction

admin-reason-honeypot = هغه پټ ځای یې ډک کړی چې یوازې پروګرامونه يې ویني
admin-reason-too-fast = د فورم تر ښودلو { $seconds } { $seconds-count ->
        [one] ثانیه
       *[other] ثانیې
    } وروسته ولېږل شوه (لږ تر لږه { $min } { $min-count ->
        [one] ثانیه
       *[other] ثانیې
    })
admin-reason-form-missing = د فورم د وخت نښه نه وه یا سمه نه وه
admin-reason-form-expired = د فورم تر ښودلو { $amount } { $unit ->
        [seconds] { $amount-count ->
            [one] ثانیه
           *[other] ثانیې
        }
        [minutes] { $amount-count ->
            [one] دقیقه
           *[other] دقیقې
        }
        [hours] { $amount-count ->
            [one] ساعت
           *[other] ساعته
        }
       *[days] { $amount-count ->
            [one] ورځ
           *[other] ورځې
        }
    } وروسته ولېږل شوه؛ د فورم وخت تېر شوی و
admin-reason-rate-limit-ip = په تېر ساعت کې له دې { $ip } پتې { $count } { $count-count ->
        [one] تبصره
       *[other] تبصرې
    } (حد: { $limit })
admin-reason-rate-limit-email = په تېر ساعت کې له دې برېښنالیک { $count } { $count-count ->
        [one] تبصره
       *[other] تبصرې
    } (حد: { $limit })
admin-reason-rate-limit-refused = په تېر ساعت کې له دې { $ip } پتې { $count } { $count-count ->
        [one] تبصره
       *[other] تبصرې
    } رد شوې (حد: { $limit })
admin-reason-duplicate = همدا متن مخکې پر دې مقاله لېږل شوی و
admin-reason-banned = پر «{ $target }» بندیز لګېدلی
admin-reason-closed = پر دې مقاله تبصرې تړل شوې دي
admin-reason-too-many-links = { $links } { $links-count ->
        [one] لینک
       *[other] لینکونه
    } (له کتنې پرته تر { $max } پورې)
admin-reason-pattern = د کلمو لړلیک له «{ $entry }» توکي سره سمون خوري
admin-reason-first-comment = له دې برېښنالیک څخه لومړۍ تبصره
admin-reason-no-email = برېښنالیک نه لري، نو د پېژندل شوي تبصره کوونکي تبصره نه شي ګڼل کېدای
admin-reason-taken-name = په «{ $name }» نوم لاسلیک شوې، چې د سایټ نوم دی یا هغه نوم چې د سایټ ډله پرې لاسلیک کوي، پرته له دې چې ننوتلی وي
admin-reason-unproven-commenter = د دې برېښنالیک تبصرې تایید شوې دي، خو دا تبصره له هغه براوزر څخه نه ده لېږل شوې چې هغه یې لیکلې دي

## What the decision log's other lines did, with their values; a value as
## typed (a name, an address, a note, a file) is shown in its own direction

admin-detail-patterns = { $entries } { $entries-count ->
        [one] توکی
       *[other] توکي
    }
admin-detail-account-created = { $name }، رول: { $role }
admin-detail-role-changed = { $name }: له { $from } څخه { $to } ته
admin-detail-password-set = { $name }
admin-detail-account-removed = { $name }
admin-detail-account-removed-role = { $name } ({ $role })
admin-detail-language-changed = { $name }: له { $from } څخه { $to } ته
admin-detail-image = { $file } (له { $original } څخه)
admin-detail-imported = له { $source } څخه تبصره { $id }
admin-detail-edited = تر سمون مخکې: { $name }: { $body }
admin-detail-banned = { $kind } { $target }
admin-detail-banned-note = { $kind } { $target }؛ یادښت: { $note }
admin-detail-unbanned = { $target }

# Deleting an upload (/admin/media)
admin-action-image-deleted = انځور ړنګ شو
admin-notice-media-deleted = { $file } د خپلو کوچنیو کاپيو سره ړنګ شو.
admin-error-media-in-use = ړنګ نه شو: { $file } په { $count ->
    [one] دې مقاله کې ښودل کېږي. لومړی یې له مقالې لرې کړئ، بیا یې ړنګ کړئ:
   *[other] دې { $n } مقالو کې ښودل کېږي. لومړی یې له هغو لرې کړئ، بیا یې ړنګ کړئ:
    }
admin-error-media-not-kept = د ړنګولو لپاره { $file } انځور نشته (مخکې ړنګ شوی، یا یې پته غلطه لیکل شوې ده).
admin-media-refused-file = (د منځپانګې فایل چې سایټ ونه مانه: هغه وروستۍ نسخه یې ښودل کېږي چې سایټ منلې ده، او د فایل له سمېدو وروسته به دا انځور وښيي)
admin-media-catalogued-file = (د منځپانګې فایل چې وروستۍ منل شوې نسخه یې دا انځور ښيي، د منځپانګې په داسې فولډر کې چې یو سرور په تېر یو ساعت کې لوستی دی؛ دا سرور یې نه ښيي)
admin-again-media-delete = د { $file } انځور ړنګ کړئ.
admin-sign-in-media-delete = د انځور د ړنګولو لپاره ننوځئ
admin-media-delete = ړنګول
admin-col-delete = ړنګول

# h56-c
admin-check-date-ambiguous = نېټه نه ده: کال باید په څلورو رقمونو ولیکل شي، یا په پیل کې (کال/میاشت/ورځ: ۱۴۰۵/۹/۱۶، ۲۰۲۶.۱۲.۰۷) یا په پای کې (ورځ/میاشت/کال: ۱۶/۹/۱۴۰۵، ۷.۱۲.۲۰۲۶)
admin-error-date-ambiguous = «{ $date }» څرګنده نه ده: کال په څلورو رقمونو ولیکئ، یا په پیل کې (کال/میاشت/ورځ: ۱۴۰۵/۹/۱۶، ۲۰۲۶.۱۲.۰۷) یا په پای کې (ورځ/میاشت/کال: ۱۶/۹/۱۴۰۵، ۷.۱۲.۲۰۲۶).
admin-revision-scheduled = د مسودې په توګه وساتل شوه او د { $when } لپاره د خپرېدو مهالوېش شوه

# h57-c
admin-notice-unscheduled-saved = مهالوېش لغوه شو او ستاسو متن د مسودې په توګه وساتل شو. هېڅ شی خپور نه شو: سایټ مقاله هماغسې ښيي لکه مخکې چې یې ښوده.
admin-revision-unscheduled = د مسودې په توګه وساتل شوه؛ د { $when } لپاره د خپرېدو مهالوېش لغوه شو: خپره نه شوه
admin-action-rerendered = په اوسني بڼه بیا وښودل شو (خپلکاره)
