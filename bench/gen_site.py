#!/usr/bin/env python3
"""Writes a synthetic AskAfghanistan site of N articles for bench/scale.sh.

The articles use the project's own format (TOML front matter between `+++`
lines, then Markdown; see content/README.md) and pass `askaf check`. They are
mixed across English, Dari and Pashto, about 6.5 KB each on average (the scale
issue measured 10,000 real-looking articles at 65 MB), with `##` headings,
paragraphs, bullet and numbered lists and the odd table. Some Dari and Pashto
articles are translations of an English one (same slug, linked both ways, as
content/README.md asks); the rest stand alone.

The text is not real prose, but it is made of real words: built-in lists of
English, Dari and Pashto nouns, adjectives, verbs and function words, put into
sentence templates with Zipf-like weights (a few words are everywhere, most
are rare), plus place names, years, numbers and made-up personal and village
names that give the long tail of rare terms a search index meets in real text.
The same seed always writes the same site.

Besides the content directory it writes, into --meta DIR:
  paths.tsv      lang, URL path, file (relative to the content directory)
  questions.tsv  lang, question (each article's question, and questions cut
                 from its sentences, for the Ask load)

Standard library only.

  python3 bench/gen_site.py --count 1000 --out /tmp/site --meta /tmp/meta --seed 1
"""

from __future__ import annotations

import argparse
import datetime as dt
import random
import sys
from pathlib import Path

# --- word lists ---------------------------------------------------------------
# Each list is ordered roughly from common to rare; `Zipf` below weights the
# first entries more, as real text does.

EN_NOUNS = """
government province city people water school university student teacher book
language history culture land mountain river rain snow winter summer spring
autumn year month day week market bread wheat rice fruit grape pomegranate
apple melon saffron carpet export import road highway bridge car airport
hospital doctor health disease vaccine child woman man family work worker
farmer agriculture livestock sheep cow horse camel trade money bank price tax
law court ministry director minister election parliament border neighbour
refugee returnee aid drought flood earthquake war peace security police army
electricity dam canal irrigation village district valley desert forest
mine copper lithium gas coal railway telephone internet radio newspaper
television journalist poet poem music song festival mosque shrine museum
library archive census population household income salary loan budget
inflation currency exchange remittance harvest crop orchard almond pistachio
cotton cattle pasture nomad tribe council elder judge constitution decree
ambassador embassy visa passport permit office clinic midwife nurse pharmacy
medicine nutrition hunger famine winterization shelter tent blanket fuel
firewood kerosene solar panel generator well spring reservoir glacier lake
pass tunnel checkpoint bus taxi truck cargo container port corridor transit
customs tariff quota contract investor company factory workshop bakery tailor
shop bazaar caravan merchant broker lender debt interest savings pension
graduate exam curriculum classroom textbook alphabet script dictionary
grammar dialect accent translation interpreter manuscript inscription ruin
citadel fortress minaret palace garden tomb monument statue stupa heritage
mapping survey statistics indicator report estimate figure percentage rate
""".split()

EN_ADJECTIVES = """
new old large small national local public private rural urban northern
southern eastern western central official informal main high low cold dry
warm long short recent early late major minor poor rich young traditional
modern seasonal annual monthly daily regional international domestic foreign
heavy light fresh steep narrow wide remote crowded quiet busy safe fragile
stable sudden gradual sharp steady limited basic average estimated reported
""".split()

EN_VERBS = [  # (third person present, past)
    ("grows", "grew"), ("falls", "fell"), ("rises", "rose"), ("opens", "opened"),
    ("closes", "closed"), ("builds", "built"), ("needs", "needed"),
    ("supports", "supported"), ("receives", "received"), ("sends", "sent"),
    ("produces", "produced"), ("exports", "exported"), ("imports", "imported"),
    ("connects", "connected"), ("serves", "served"), ("employs", "employed"),
    ("reaches", "reached"), ("covers", "covered"), ("depends on", "depended on"),
    ("feeds", "fed"), ("hosts", "hosted"), ("trains", "trained"),
    ("records", "recorded"), ("collects", "collected"), ("repairs", "repaired"),
    ("protects", "protected"), ("replaces", "replaced"), ("funds", "funded"),
    ("manages", "managed"), ("restricts", "restricted"), ("allows", "allowed"),
    ("publishes", "published"), ("teaches", "taught"), ("treats", "treated"),
    ("irrigates", "irrigated"), ("crosses", "crossed"), ("links", "linked"),
]

EN_PLACES = """
Kabul Herat Kandahar Mazar-i-Sharif Jalalabad Kunduz Ghazni Bamyan Balkh
Badakhshan Helmand Nangarhar Paktia Paktika Khost Logar Wardak Parwan Kapisa
Panjshir Baghlan Takhar Samangan Jowzjan Sar-e-Pol Faryab Badghis Ghor Farah
Nimroz Zabul Uruzgan Daykundi Laghman Kunar Nuristan Faizabad Pul-i-Khumri
Sheberghan Maymana Qala-i-Naw Chaghcharan Lashkar-Gah Tarinkot Gardez Sharana
Torkham Spin-Boldak Islam-Qala Hairatan Wakhan Salang Kajaki Amu-Darya Helmand-River
""".split()

EN_ORGS = [
    "the World Bank", "the United Nations", "UNICEF", "the World Food Programme",
    "UNHCR", "the Asian Development Bank", "Da Afghanistan Bank",
    "the Ministry of Public Health", "the Ministry of Education",
    "the National Statistics and Information Authority", "the Red Crescent",
    "the World Health Organization", "local councils", "provincial officials",
]

EN_FUNCTION_OPENERS = [
    "In {Y},", "Since {Y},", "By {Y},", "Today,", "Before {Y},", "After {Y},",
    "In most years,", "According to {ORG},", "For many families,", "As of {Y},",
]

EN_TEMPLATES = [
    "{OPEN} the {A} {N} of {P} {V} about {NUM} {NP}.",
    "{OPEN} {P} {V} {NUM} {NP} and {V} the {A} {N} in {P2}.",
    "The {N} in {P} {VP} {A} {NP} after the {N2} of {Y}.",
    "Most {NP} in {P} {V} the {N}, and {PCT} of them {V} {A} {NP2}.",
    "{ORG_CAP} {VP} that the {N} of {P} {VP2} by {PCT} between {Y} and {Y2}.",
    "{NAME}, a {N} from {VILLAGE} near {P}, says the {A} {N2} {V} every {SEASON}.",
    "A {A} {N} {V} {P} with {P2}, and {NUM} {NP} {V2} it each {PERIOD}.",
    "There are about {NUM} {NP} in {P}, most of them {A}.",
    "The {A} {N} is {A2}, and the {N2} {V} when the {SEASON} comes.",
    "{OPEN} {ORG} {VP} {NUM} {NP} in {P} and {P2}.",
    "Without the {N}, the {NP} of {P} would {VBASE} less {N2}.",
    "The {N} {V} the {NP} of {VILLAGE}, a village of {NUM} households in {P}.",
]

EN_QUESTIONS = [
    "What is the {N} of {P} like?",
    "How many {NP} are there in {P}?",
    "Why did the {N} in {P} change after {Y}?",
    "Who runs the {N} in {P}?",
    "How does the {A} {N} work in {P}?",
    "When did {P} get its {A} {N}?",
    "What happened to the {N} of {P} in {Y}?",
    "Where do the {NP} of {P} come from?",
]

EN_HEADINGS = [
    "The {N} in {P}", "How the {N} works", "What changed after {Y}",
    "{A_CAP} {NP}", "History of the {N}", "The {N} today", "{NP_CAP} and {NP2}",
    "Where the {NP} come from", "Figures for {Y}", "Practical notes",
    "Who is responsible", "Outlook",
]

EN_SEASONS = "spring summer autumn winter harvest".split()
EN_PERIODS = "year month week season".split()

FA_NOUNS = """
حکومت ولایت شهر مردم آب مکتب دانشگاه شاگرد معلم کتاب زبان تاریخ فرهنگ زمین
کوه دریا باران برف زمستان تابستان بهار خزان سال ماه روز هفته بازار نان گندم
برنج میوه انگور انار سیب خربوزه زعفران قالین صادرات واردات راه سرک پل موتر
میدان‌هوایی شفاخانه داکتر صحت بیماری واکسین کودک زن مرد خانواده کار کارگر
دهقان زراعت مالداری گوسفند گاو اسپ شتر تجارت پول بانک قیمت مالیات قانون
محکمه وزارت رئیس وزیر انتخابات پارلمان سرحد همسایه مهاجر عودت‌کننده کمک
خشکسالی سیلاب زلزله جنگ صلح امنیت پولیس برق بند کانال آبیاری قریه ولسوالی
دره دشت جنگل معدن مس لیتیم گاز زغال‌سنگ راه‌آهن تلفون انترنت رادیو روزنامه
تلویزیون خبرنگار شاعر شعر موسیقی آهنگ جشن مسجد زیارتگاه موزیم کتابخانه
سرشماری جمعیت خانوار درآمد معاش قرضه بودجه تورم ارز حواله حاصل کشت باغ بادام
پسته پنبه چراگاه کوچی قبیله شورا بزرگ قاضی قانون‌اساسی فرمان سفیر سفارت ویزه
پاسپورت دفتر کلینیک قابله نرس دواخانه دوا تغذیه گرسنگی سرپناه خیمه کمپل
سوخت هیزم تیل پنل‌آفتابی جنراتور چاه چشمه ذخیره یخچال جهیل کوتل تونل بس
تکسی لاری محموله بندر دهلیز گمرک تعرفه قرارداد سرمایه‌گذار شرکت فابریکه
کارگاه نانوایی خیاط دکان کاروان سوداگر قرض پس‌انداز تقاعد فارغ امتحان
نصاب صنف الفبا خط فرهنگ‌لغت دستور لهجه ترجمه ترجمان نسخه کتیبه ویرانه ارگ
قلعه منار قصر گلستان آرامگاه بنای‌تاریخی میراث نقشه سروی آمار گزارش برآورد
""".split()

FA_ADJECTIVES = """
نو کهنه بزرگ کوچک ملی محلی عمومی خصوصی روستایی شهری شمالی جنوبی شرقی غربی
مرکزی رسمی غیررسمی اصلی بلند پایین سرد خشک گرم دراز کوتاه تازه سنگین سبک
تنگ فراخ دوردست پرجمعیت آرام امن شکننده پایدار ناگهانی تدریجی محدود ساده
سالانه ماهانه روزانه منطقه‌ای بین‌المللی داخلی خارجی سنتی مدرن فصلی فقیر
""".split()

FA_VERBS = [  # (present, past)
    ("رشد می‌کند", "رشد کرد"), ("کاهش می‌یابد", "کاهش یافت"),
    ("افزایش می‌یابد", "افزایش یافت"), ("باز می‌شود", "باز شد"),
    ("بسته می‌شود", "بسته شد"), ("می‌سازد", "ساخت"), ("نیاز دارد", "نیاز داشت"),
    ("حمایت می‌کند", "حمایت کرد"), ("دریافت می‌کند", "دریافت کرد"),
    ("می‌فرستد", "فرستاد"), ("تولید می‌کند", "تولید کرد"),
    ("صادر می‌کند", "صادر کرد"), ("وارد می‌کند", "وارد کرد"),
    ("وصل می‌کند", "وصل کرد"), ("خدمت می‌کند", "خدمت کرد"),
    ("می‌رسد", "رسید"), ("پوشش می‌دهد", "پوشش داد"),
    ("وابسته است", "وابسته بود"), ("میزبانی می‌کند", "میزبانی کرد"),
    ("آموزش می‌دهد", "آموزش داد"), ("ثبت می‌کند", "ثبت کرد"),
    ("جمع‌آوری می‌کند", "جمع‌آوری کرد"), ("ترمیم می‌کند", "ترمیم کرد"),
    ("محافظت می‌کند", "محافظت کرد"), ("اداره می‌کند", "اداره کرد"),
    ("محدود می‌کند", "محدود کرد"), ("اجازه می‌دهد", "اجازه داد"),
    ("منتشر می‌کند", "منتشر کرد"), ("درمان می‌کند", "درمان کرد"),
]

FA_PLACES = """
کابل هرات قندهار مزارشریف جلال‌آباد کندز غزنی بامیان بلخ بدخشان هلمند ننگرهار
پکتیا پکتیکا خوست لوگر وردک پروان کاپیسا پنجشیر بغلان تخار سمنگان جوزجان
سرپل فاریاب بادغیس غور فراه نیمروز زابل ارزگان دایکندی لغمان کنر نورستان
فیض‌آباد پلخمری شبرغان میمنه قلعه‌نو چغچران لشکرگاه ترینکوت گردیز شرنه
تورخم اسلام‌قلعه حیرتان واخان سالنگ کجکی آمو
""".split()

FA_ORGS = [
    "بانک جهانی", "سازمان ملل متحد", "یونیسف", "برنامهٔ جهانی غذا",
    "کمیساریای عالی پناهندگان", "بانک انکشاف آسیایی", "د افغانستان بانک",
    "وزارت صحت عامه", "وزارت معارف", "ادارهٔ ملی احصائیه و معلومات",
    "سره‌میاشت", "سازمان جهانی صحت", "شوراهای محلی", "مقام‌های ولایتی",
]

FA_OPENERS = [
    "در سال {Y}", "از سال {Y} به این سو", "تا سال {Y}", "امروز", "پیش از {Y}",
    "پس از {Y}", "در بیشتر سال‌ها", "به گفتهٔ {ORG}", "برای بسیاری از خانواده‌ها",
]

FA_TEMPLATES = [
    "{OPEN}، {N} {A} {P} حدود {NUM} {N2} را {V}.",
    "{OPEN} {P} {NUM} {N} دارد و {N2} {A} آن در {P2} {V}.",
    "{N} در {P} پس از {N2} سال {Y} {VP}.",
    "بیشتر مردم {P} به {N} {A} وابسته‌اند و {PCT} آنان {N2} {V}.",
    "{ORG} گزارش داد که {N} {P} میان {Y} و {Y2} به اندازهٔ {PCT} {VP}.",
    "{NAME}، {N} از {VILLAGE} در نزدیکی {P}، می‌گوید که {N2} {A} هر {SEASON} {V}.",
    "یک {N} {A} {P} را با {P2} وصل می‌کند و هر {PERIOD} {NUM} {N2} از آن می‌گذرد.",
    "در {P} حدود {NUM} {N} وجود دارد که بیشتر آن‌ها {A} هستند.",
    "{N} {A} است و {N2} با آمدن {SEASON} {V}.",
    "{OPEN}، {ORG} در {P} و {P2} {NUM} {N} را {VP}.",
    "{N} {P} قریهٔ {VILLAGE} را با {NUM} خانوار {V}.",
]

FA_QUESTIONS = [
    "{N} {P} چگونه است؟", "در {P} چند {N} وجود دارد؟",
    "چرا {N} {P} پس از {Y} تغییر کرد؟", "چه کسی {N} {P} را اداره می‌کند؟",
    "{N} {A} در {P} چگونه کار می‌کند؟", "{P} کی {N} {A} پیدا کرد؟",
    "در سال {Y} بر {N} {P} چه گذشت؟",
]

FA_HEADINGS = [
    "{N} در {P}", "{N} چگونه کار می‌کند", "پس از {Y} چه تغییر کرد",
    "تاریخچهٔ {N}", "{N} امروز", "{N} و {N2}", "آمار سال {Y}",
    "نکته‌های کاربردی", "چه کسی مسئول است", "چشم‌انداز",
]

FA_SEASONS = "بهار تابستان خزان زمستان".split()
FA_PERIODS = "سال ماه هفته فصل".split()

PS_NOUNS = """
حکومت ولایت ښار خلک اوبه ښوونځی پوهنتون زده‌کوونکی ښوونکی کتاب ژبه تاریخ
کلتور ځمکه غر سیند باران واوره ژمی اوړی پسرلی منی کال میاشت ورځ اونۍ بازار
ډوډۍ غنم وريجې مېوه انګور انار مڼه خټکی زعفران غالۍ صادرات واردات لار سړک
پل موټر هوايي‌ډګر روغتون ډاکټر روغتیا ناروغي واکسین ماشوم ښځه سړی کورنۍ کار
کارګر بزګر کرنه مالداري پسه غوا آس اوښ سوداګري پیسې بانک بیه مالیه قانون
محکمه وزارت رییس وزیر ټاکنې سرحد ګاونډی کډوال مرسته وچکالي سېلاب زلزله
جګړه سوله امنیت پولیس برېښنا بند کانال اوبه‌لګونه کلی ولسوالي دره دښته ځنګل
کان مس لیتیم ګاز ډبرسکاره اورګاډی ټیلیفون انټرنېټ راډیو ورځپاڼه ټلویزیون
خبریال شاعر شعر موسیقي سندره جشن جومات زیارت موزیم کتابتون سرشمېرنه نفوس
کورنۍ‌ګانې عاید معاش پور بودیجه انفلاسیون اسعار حواله حاصلات کښت باغ بادام
پسته پنبه څړځای کوچی قوم شوری مشر قاضي اساسي‌قانون فرمان سفیر سفارت ویزه
پاسپورټ دفتر کلینیک قابله نرسه درملتون درمل تغذیه لوږه سرپناه کېږدۍ کمبله
سونګ لرګي تېل لمریز‌پینل جنراتور څاه چینه زېرمه یخچال ډنډ کوتل تونل بس ټکسي
لارۍ بار بندر دهلیز ګمرک تعرفه تړون پانګوال شرکت فابریکه کارځای نانوايي خیاط
دوکان کاروان سوداګر سپما تقاعد فارغ ازموینه نصاب ټولګی الفبا لیک قاموس ګرامر
لهجه ژباړه ژباړن نسخه کتیبه کنډواله ارګ کلا منار ماڼۍ بڼ مقبره میراث نقشه
سروې احصایه راپور اټکل
""".split()

PS_ADJECTIVES = """
نوی زوړ لوی کوچنی ملي سیمه‌ییز عامه خصوصي کلیوال ښاري شمالي جنوبي ختیځ لوېدیځ
مرکزي رسمي غیررسمي اصلي لوړ ټیټ سوړ وچ ګرم اوږد لنډ تازه دروند سپک تنګ پراخ
لرې ګڼ‌مېشته ارام خوندي کمزوری باثباته ناڅاپي ورو محدود ساده کلنی میاشتنی
ورځنی نړیوال کورنی بهرنی دودیز عصري موسمي بېوزله
""".split()

PS_VERBS = [  # (present, past)
    ("وده کوي", "وده یې وکړه"), ("کمېږي", "کم شو"), ("زیاتېږي", "زیات شو"),
    ("پرانیستل کېږي", "پرانیستل شو"), ("تړل کېږي", "وتړل شو"),
    ("جوړوي", "جوړ کړ"), ("اړتیا لري", "اړتیا یې درلوده"),
    ("ملاتړ کوي", "ملاتړ یې وکړ"), ("ترلاسه کوي", "ترلاسه یې کړ"),
    ("لېږي", "ولېږه"), ("تولیدوي", "تولید یې کړ"), ("صادروي", "صادر یې کړ"),
    ("واردوي", "وارد یې کړ"), ("نښلوي", "ویې نښلاوه"), ("خدمت کوي", "خدمت یې وکړ"),
    ("رسېږي", "ورسېد"), ("پوښي", "ویې پوښه"), ("پورې تړلی دی", "پورې تړلی و"),
    ("کوربه توب کوي", "کوربه توب یې وکړ"), ("روزنه ورکوي", "روزنه یې ورکړه"),
    ("ثبتوي", "ثبت یې کړ"), ("راټولوي", "راټول یې کړ"), ("ترمیموي", "ترمیم یې کړ"),
    ("ساتي", "وساته"), ("اداره کوي", "اداره یې کړ"), ("محدودوي", "محدود یې کړ"),
    ("اجازه ورکوي", "اجازه یې ورکړه"), ("خپروي", "خپور یې کړ"), ("درملنه کوي", "درملنه یې وکړه"),
]

PS_PLACES = """
کابل هرات کندهار مزارشریف جلال‌اباد کندز غزني بامیان بلخ بدخشان هلمند ننګرهار
پکتیا پکتیکا خوست لوګر وردګ پروان کاپیسا پنجشیر بغلان تخار سمنګان جوزجان
سرپل فاریاب بادغیس غور فراه نیمروز زابل ارزګان دایکندي لغمان کونړ نورستان
فیض‌اباد پلخمري شبرغان میمنه قلعه‌نو چغچران لښکرګاه ترینکوټ ګردېز شرنه
تورخم اسلام‌کلا حیرتان واخان سالنګ کجکي آمو
""".split()

PS_ORGS = [
    "نړیوال بانک", "ملګري ملتونه", "یونیسف", "د خوړو نړیوال پروګرام",
    "د کډوالو عالي کمېشنري", "د اسیا پراختیايي بانک", "د افغانستان بانک",
    "د عامې روغتیا وزارت", "د پوهنې وزارت", "د احصایې او معلوماتو ملي اداره",
    "سره میاشت", "د روغتیا نړیوال سازمان", "سیمه‌ییزې شوراګانې", "ولایتي چارواکي",
]

PS_OPENERS = [
    "په {Y} کال کې", "له {Y} راهیسې", "تر {Y} پورې", "نن ورځ", "له {Y} مخکې",
    "له {Y} وروسته", "په ډېرو کلونو کې", "د {ORG} په وینا", "د ډېرو کورنیو لپاره",
]

PS_TEMPLATES = [
    "{OPEN}، د {P} {A} {N} شاوخوا {NUM} {N2} {V}.",
    "{OPEN} {P} {NUM} {N} لري او د هغه {A} {N2} په {P2} کې {V}.",
    "په {P} کې {N} د {Y} کال له {N2} وروسته {VP}.",
    "د {P} ډېری خلک په {A} {N} پورې تړلي دي او {PCT} یې {N2} {V}.",
    "{ORG} راپور ورکړ چې د {P} {N} د {Y} او {Y2} ترمنځ {PCT} {VP}.",
    "{NAME}، چې د {P} سره نږدې د {VILLAGE} {N} دی، وايي چې {A} {N2} هر {SEASON} {V}.",
    "یو {A} {N} {P} له {P2} سره نښلوي، او هره {PERIOD} {NUM} {N2} ترې تېرېږي.",
    "په {P} کې شاوخوا {NUM} {N} شته چې ډېری یې {A} دي.",
    "{N} {A} دی، او {N2} د {SEASON} په راتګ سره {V}.",
    "{OPEN}، {ORG} په {P} او {P2} کې {NUM} {N} {VP}.",
    "{N} د {VILLAGE} کلي {NUM} کورنۍ {V}.",
]

PS_QUESTIONS = [
    "د {P} {N} څنګه دی؟", "په {P} کې څو {N} شته؟",
    "د {P} {N} له {Y} وروسته ولې بدل شو؟", "د {P} {N} څوک اداره کوي؟",
    "په {P} کې {A} {N} څنګه کار کوي؟", "{P} کله {A} {N} ترلاسه کړ؟",
    "په {Y} کال کې د {P} پر {N} څه تېر شول؟",
]

PS_HEADINGS = [
    "په {P} کې {N}", "{N} څنګه کار کوي", "له {Y} وروسته څه بدل شول",
    "د {N} تاریخ", "{N} نن ورځ", "{N} او {N2}", "د {Y} کال شمېرې",
    "عملي یادښتونه", "مسؤل څوک دی", "راتلونکې",
]

PS_SEASONS = "پسرلی اوړی منی ژمی".split()
PS_PERIODS = "اونۍ میاشت".split()

# Syllables for made-up names: the long tail of rare words (villages, people).
EN_NAME_PARTS = (
    "Ab Ah Ba Da Fa Gha Ha Ja Ka Kha Ma Na Pa Qa Ra Sa Sha Ta Wa Za Zu Mo Ro Go".split(),
    "bad dar gul hul jan kar khel lal man mir nat rak sar tan zai wal del yar bad rud".split(),
    "ullah i a an abad zai khel gul dara".split(),
)
FA_NAME_PARTS = (
    "عب اح با دا فا غا حا جا کا خا ما نا پا قا را سا شا تا وا زا مو رو گو".split(),
    "باد در گل جان کار خیل لعل من میر نات رک سر تن زی وال دل یار رود".split(),
    "الله ی ان آباد زی خیل گل دره".split(),
)
PS_NAME_PARTS = (
    "عب اح با دا فا غا حا جا کا خا ما نا پا قا را سا شا تا وا زا مو رو ګو".split(),
    "باد در ګل جان کار خېل لعل من میر نات رک سر تن زی وال زړه یار رود".split(),
    "الله ی ان اباد زی خېل ګل دره".split(),
)

TAGS = """
economy government history education health refugees culture language
geography climate agriculture trade security women children water energy
infrastructure travel religion media diplomacy population cities provinces
disasters food money transport mining law elections human-rights sport music
literature architecture archaeology environment drought earthquake migration
aid banking telecom internet jobs prices border roads railways aviation
tourism festivals cuisine crafts carpets poetry universities schools
hospitals vaccines nutrition housing winter summer rivers mountains forests
wildlife livestock fruit saffron cotton exports imports customs taxes budget
statistics census
""".split()

SOURCES = [
    ("World Bank in Afghanistan", "https://www.worldbank.org/en/country/afghanistan"),
    ("UNAMA", "https://unama.unmissions.org/"),
    ("ReliefWeb: Afghanistan", "https://reliefweb.int/country/afg"),
    ("UNHCR Afghanistan", "https://www.unhcr.org/countries/afghanistan"),
    ("WHO Afghanistan", "https://www.emro.who.int/afg/"),
    ("Afghanistan (Encyclopaedia Britannica)", "https://www.britannica.com/place/Afghanistan"),
    ("Da Afghanistan Bank", "https://dab.gov.af/"),
    ("UNICEF Afghanistan", "https://www.unicef.org/afghanistan/"),
    ("World Food Programme: Afghanistan", "https://www.wfp.org/countries/afghanistan"),
    ("Asian Development Bank: Afghanistan", "https://www.adb.org/countries/afghanistan/main"),
    ("Afghanistan (Wikipedia)", "https://en.wikipedia.org/wiki/Afghanistan"),
    ("FAO Afghanistan", "https://www.fao.org/afghanistan/en/"),
]

# Every date falls in this range, none in the future of the sample site.
FIRST_DAY = dt.date(2019, 1, 1)
LAST_DAY = dt.date(2026, 11, 30)

PERSIAN_DIGITS = str.maketrans("0123456789", "۰۱۲۳۴۵۶۷۸۹")


class Zipf:
    """Picks from a list with weight 1/(rank+1): a few items are everywhere."""

    def __init__(self, items):
        self.items = list(items)
        self.weights = [1.0 / (i + 1) for i in range(len(self.items))]

    def pick(self, rng: random.Random):
        return rng.choices(self.items, self.weights)[0]


TAGS_ZIPF = Zipf(TAGS)


class Lang:
    """Everything the generator needs to write one language."""

    def __init__(self, code, nouns, adjectives, verbs, places, orgs, openers,
                 templates, questions, headings, seasons, periods, name_parts,
                 digits, question_form):
        self.code = code
        self.nouns = Zipf(nouns)
        self.adjectives = Zipf(adjectives)
        self.verbs = Zipf(verbs)
        self.places = Zipf(places)
        self.orgs = orgs
        self.openers = openers
        self.templates = templates
        self.questions = questions
        self.headings = headings
        self.seasons = seasons
        self.periods = periods
        self.name_parts = name_parts
        self.digits = digits
        # Wraps words cut from a sentence into a question, for the Ask load.
        self.question_form = question_form

    def number(self, text: str) -> str:
        return text.translate(PERSIAN_DIGITS) if self.digits == "persian" else text

    def name(self, rng: random.Random) -> str:
        a, b, c = self.name_parts
        return rng.choice(a) + rng.choice(b) + rng.choice(c)


LANGS = {
    "en": Lang("en", EN_NOUNS, EN_ADJECTIVES, EN_VERBS, EN_PLACES, EN_ORGS,
               EN_FUNCTION_OPENERS, EN_TEMPLATES, EN_QUESTIONS, EN_HEADINGS,
               EN_SEASONS, EN_PERIODS, EN_NAME_PARTS, "ascii", "What about {}?"),
    "fa": Lang("fa", FA_NOUNS, FA_ADJECTIVES, FA_VERBS, FA_PLACES, FA_ORGS,
               FA_OPENERS, FA_TEMPLATES, FA_QUESTIONS, FA_HEADINGS, FA_SEASONS,
               FA_PERIODS, FA_NAME_PARTS, "persian", "{} چیست؟"),
    "ps": Lang("ps", PS_NOUNS, PS_ADJECTIVES, PS_VERBS, PS_PLACES, PS_ORGS,
               PS_OPENERS, PS_TEMPLATES, PS_QUESTIONS, PS_HEADINGS, PS_SEASONS,
               PS_PERIODS, PS_NAME_PARTS, "persian", "{} څه دی؟"),
}


def plural(noun: str) -> str:
    """English plural, good enough for the nouns above."""
    if noun.endswith(("s", "sh", "ch", "x")):
        return noun + "es"
    if noun.endswith("y") and noun[-2:-1] not in "aeiou":
        return noun[:-1] + "ies"
    return noun + "s"


def fill(template: str, lang: Lang, rng: random.Random, topic: dict, focus: bool = False) -> str:
    """Fills a template's slots; the article's own place and noun come up often,
    and in the first noun and place slots always when `focus` is set (titles,
    questions, summaries), so that an article's question finds it."""

    def noun(first=False):
        return topic["noun"] if (focus and first) or rng.random() < 0.15 else lang.nouns.pick(rng)

    def place(first=False):
        return topic["place"] if (focus and first) or rng.random() < 0.3 else lang.places.pick(rng)

    def verb(past: bool):
        v = lang.verbs.pick(rng)
        return v[1] if past else v[0]

    year = rng.randint(1919, 2026)
    values = {
        "N": noun(first=True), "N2": noun(), "A": lang.adjectives.pick(rng),
        "A2": lang.adjectives.pick(rng), "P": place(first=True), "P2": lang.places.pick(rng),
        "V": verb(False), "V2": verb(False), "VP": verb(True), "VP2": verb(True),
        "Y": lang.number(str(year)), "Y2": lang.number(str(min(2026, year + rng.randint(1, 20)))),
        "NUM": lang.number(f"{rng.choice([rng.randint(2, 99), rng.randint(100, 999), rng.randint(1000, 250000)]):,}"
                           if lang.code == "en" else str(rng.randint(2, 250000))),
        "PCT": lang.number(f"{rng.randint(2, 95)}") + ("%" if lang.code == "en" else "٪"),
        "ORG": rng.choice(lang.orgs), "NAME": lang.name(rng),
        "VILLAGE": topic["village"] if rng.random() < 0.5 else lang.name(rng),
        "SEASON": rng.choice(lang.seasons), "PERIOD": rng.choice(lang.periods),
    }
    if lang.code == "en":
        values["NP"] = plural(values["N"])
        values["NP2"] = plural(values["N2"])
        values["VBASE"] = rng.choice(["have", "get", "see", "sell", "find", "grow"])
        values["ORG_CAP"] = values["ORG"][0].upper() + values["ORG"][1:]
        values["A_CAP"] = values["A"].capitalize()
        values["NP_CAP"] = values["NP"].capitalize()
    if "{OPEN}" in template:
        opener = fill(rng.choice(lang.openers), lang, rng, topic) if rng.random() < 0.6 else ""
        template = template.replace("{OPEN}", opener)
    out = template.format(**values).replace(" ,", ",").replace("، ،", "،")
    out = " ".join(out.split())
    out = out.lstrip("، ,")
    return out[0].upper() + out[1:] if lang.code == "en" else out


def sentence(lang: Lang, rng: random.Random, topic: dict, focus: bool = False) -> str:
    return fill(rng.choice(lang.templates), lang, rng, topic, focus)


def paragraph(lang: Lang, rng: random.Random, topic: dict, sentences: list[str]) -> str:
    n = rng.randint(2, 6)
    out = []
    for _ in range(n):
        s = sentence(lang, rng, topic)
        sentences.append(s)
        out.append(s)
    text = " ".join(out)
    if rng.random() < 0.2:
        word = topic["noun"]
        text = text.replace(word, f"**{word}**", 1)
    return text


def bullet_list(lang: Lang, rng: random.Random, topic: dict, sentences: list[str]) -> str:
    numbered = rng.random() < 0.3
    items = []
    for i in range(rng.randint(3, 6)):
        s = sentence(lang, rng, topic)
        sentences.append(s)
        items.append(f"{i + 1}. {s}" if numbered else f"- {s}")
    return "\n".join(items)


def table(lang: Lang, rng: random.Random, topic: dict) -> str:
    head = {"en": ("Year", "Figure"), "fa": ("سال", "رقم"), "ps": ("کال", "شمېره")}[lang.code]
    rows = [f"| {head[0]} | {head[1]} |", "| --- | --- |"]
    year = rng.randint(2000, 2020)
    for y in range(year, year + rng.randint(3, 6)):
        rows.append(f"| {lang.number(str(y))} | {lang.number(str(rng.randint(10, 99999)))} |")
    return "\n".join(rows)


def body(lang: Lang, rng: random.Random, topic: dict, target: int, sentences: list[str]) -> str:
    blocks = [paragraph(lang, rng, topic, sentences)]
    size = len(blocks[0].encode())
    while size < target:
        heading = fill(rng.choice(lang.headings), lang, rng, topic).rstrip(".")
        section = [f"## {heading}", paragraph(lang, rng, topic, sentences)]
        roll = rng.random()
        if roll < 0.35:
            section.append(bullet_list(lang, rng, topic, sentences))
        elif roll < 0.42:
            section.append(table(lang, rng, topic))
        if rng.random() < 0.6:
            section.append(paragraph(lang, rng, topic, sentences))
        for block in section:
            blocks.append(block)
            size += len(block.encode()) + 2
    return "\n\n".join(blocks) + "\n"


def toml_str(s: str) -> str:
    return '"' + s.replace("\\", "\\\\").replace('"', '\\"') + '"'


def article(lang: Lang, rng: random.Random, topic: dict, translations: dict, target: int):
    """Returns (file text, question, sentences) for one article."""
    question = fill(rng.choice(lang.questions), lang, rng, topic, focus=True)
    title = fill(rng.choice(lang.questions), lang, rng, topic, focus=True)
    sentences: list[str] = []
    summary_parts = [sentence(lang, rng, topic, focus=True) for _ in range(rng.randint(1, 3))]
    summary = " ".join(summary_parts)
    sentences.extend(summary_parts)
    published = FIRST_DAY + dt.timedelta(days=rng.randint(0, (LAST_DAY - FIRST_DAY).days - 150))
    updated = min(LAST_DAY, published + dt.timedelta(days=rng.choice([0, 0, rng.randint(1, 400)])))
    tags = []
    for _ in range(rng.randint(2, 5)):
        t = TAGS_ZIPF.pick(rng)
        if t not in tags:
            tags.append(t)
    front = [
        "+++",
        f"slug = {toml_str(topic['slug'])}",
        f"title = {toml_str(title)}",
        f"question = {toml_str(question)}",
        f"summary = {toml_str(summary)}",
        f'lang = "{lang.code}"',
        "tags = [" + ", ".join(toml_str(t) for t in tags) + "]",
        f"published = {published.isoformat()}",
        f"updated = {updated.isoformat()}",
        "translations = { " + ", ".join(f"{k} = {toml_str(v)}" for k, v in sorted(translations.items())) + " }"
        if translations else "translations = {}",
    ]
    for src_title, url in rng.sample(SOURCES, rng.randint(1, 4)):
        front += ["", "[[sources]]", f"title = {toml_str(src_title)}", f"url = {toml_str(url)}",
                  f"accessed = {updated.isoformat()}"]
    front.append("+++")
    head = "\n".join(front) + "\n\n"
    text = head + body(lang, rng, topic, max(800, target - len(head.encode())), sentences)
    return text, question, sentences



def slugify(*parts: str) -> str:
    """Lowercase ASCII letters and digits joined by single hyphens, as Slug::parse wants."""
    text = " ".join(parts).lower()
    return "-".join("".join(c if c.isascii() and c.isalnum() else " " for c in text).split())


def plan(count: int, rng: random.Random):
    """Topics and their languages: about half English, 30% Dari, 20% Pashto."""
    articles = []  # (topic index, lang, translations)
    topic = 0
    while len(articles) < count:
        roll = rng.random()
        if roll < 0.40:
            langs = ["en"]
        elif roll < 0.55:
            langs = ["en", "fa"]
        elif roll < 0.62:
            langs = ["en", "ps"]
        elif roll < 0.70:
            langs = ["en", "fa", "ps"]
        elif roll < 0.88:
            langs = ["fa"]
        else:
            langs = ["ps"]
        langs = langs[: count - len(articles)]
        linked = len(langs) > 1 and rng.random() < 0.8
        for lang in langs:
            translations = {o: None for o in langs if o != lang} if linked else {}
            articles.append((topic, lang, translations))
        topic += 1
    return articles, topic


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--count", type=int, required=True, help="number of articles")
    ap.add_argument("--out", type=Path, required=True, help="content directory to write (must not exist or be empty)")
    ap.add_argument("--meta", type=Path, required=True, help="directory for paths.tsv and questions.tsv")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--questions-per-article", type=int, default=2,
                    help="questions cut from sentences per article, besides its own question")
    args = ap.parse_args(argv)
    if args.count < 1:
        ap.error("--count must be at least 1")
    if args.out.exists() and any(args.out.iterdir()):
        ap.error(f"{args.out} is not empty")

    rng = random.Random(args.seed)
    planned, topics = plan(args.count, rng)
    topic_data = []
    for i in range(topics):
        noun = EN_NOUNS[rng.randrange(len(EN_NOUNS))]
        place = EN_PLACES[rng.randrange(len(EN_PLACES))]
        topic_data.append({"slug": slugify(noun, place, str(i + 1)), "index_noun": noun, "index_place": place})

    for code in LANGS:
        (args.out / code).mkdir(parents=True, exist_ok=True)
    args.meta.mkdir(parents=True, exist_ok=True)
    total = 0
    with open(args.meta / "paths.tsv", "w", encoding="utf-8") as paths, \
            open(args.meta / "questions.tsv", "w", encoding="utf-8") as questions:
        for topic_i, code, links in planned:
            lang = LANGS[code]
            base = topic_data[topic_i]
            # The topic's noun and place in this language: index-aligned lists
            # would need real translations, so each language picks its own.
            trng = random.Random(f"{args.seed}:{topic_i}:{code}")
            topic = {
                "slug": base["slug"],
                "noun": base["index_noun"] if code == "en" else trng.choice(lang.nouns.items),
                "place": base["index_place"] if code == "en" else trng.choice(lang.places.items),
                "village": lang.name(trng),
            }
            translations = {other: base["slug"] for other in links}
            target = int(rng.triangular(2000, 11000, 5000))
            text, question, sentences = article(lang, rng, topic, translations, target)
            rel = f"{code}/{base['slug']}.md"
            (args.out / rel).write_text(text, encoding="utf-8")
            total += len(text.encode())
            paths.write(f"{code}\t/{code}/{base['slug']}\t{rel}\n")
            questions.write(f"{code}\t{question}\n")
            for s in rng.sample(sentences, min(args.questions_per_article, len(sentences))):
                words = s.rstrip(".").replace("**", "").replace("،", " ").replace(",", " ").split()
                if len(words) < 4:
                    continue
                start = rng.randint(0, max(0, len(words) - 5))
                cut = " ".join(words[start:start + rng.randint(4, 7)])
                questions.write(f"{code}\t{lang.question_form.format(cut)}\n")
    print(f"wrote {len(planned)} articles ({topics} topics), {total / 1e6:.1f} MB of Markdown, "
          f"{total / len(planned) / 1000:.1f} KB each on average, into {args.out}", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
