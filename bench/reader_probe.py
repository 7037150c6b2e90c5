#!/usr/bin/env python3
"""Ask the built-in site what its readers ask, through a running server's API.

Three lists, written for the built-in sample site (not fitted to any data set):
questions on its own subjects, phrased as readers phrase them in English, Dari
and Pashto, each with words one of which a right answer's quote holds; Dari
and Pashto questions on subjects only its English articles cover, which can
only be answered across languages; and questions on other subjects, which
should be turned away ("no clear answer yet"). Prints every question with the decision and the quote, then the counts.
A quote is counted right when it holds one of the words: a check a person
should read, not a score (a right quote in other words is counted wrong).

    askaf serve --addr 127.0.0.1:18080 [--model "$(bash scripts/fetch-model.sh)"] &
    python3 bench/reader_probe.py http://127.0.0.1:18080

Raise `--ask-per-minute` on the server (it allows 120 by default).
"""
import json
import sys
import urllib.parse
import urllib.request

# (language, question, any of these in a right quote)
ON = [
 ('en', "What is the capital of Afghanistan?", ['Kabul']),
 ('en', "Which city is the capital?", ['Kabul']),
 ('en', "How much is one dollar in afghanis?", ['afghani', 'AFN', 'dollar']),
 ('en', "Who prints Afghan money?", ['Da Afghanistan Bank', 'central bank']),
 ('en', "When was the earthquake in eastern Afghanistan?", ['2025', 'August']),
 ('en', "How many people died in the 2025 earthquake?", ['2,2', 'killed', 'died', 'dead']),
 ('en', "Which province was hit hardest by the earthquake?", ['Kunar']),
 ('en', "How big is Afghanistan?", ['652,000']),
 ('en', "What is the highest mountain in Afghanistan?", ['Noshaq', '7,4']),
 ('en', "Is Afghanistan landlocked?", ['landlocked']),
 ('en', "Can girls attend secondary school?", ['sixth', 'secondary', 'grade']),
 ('en', "When did Afghanistan become independent?", ['1919']),
 ('en', "When did the Soviet Union invade Afghanistan?", ['1979']),
 ('en', "When did the Taliban take Kabul?", ['2021', 'August']),
 ('en', "What are the official languages?", ['Dari', 'Pashto']),
 ('en', "Is Dari the same as Persian?", ['Persian']),
 ('en', "What time zone does Afghanistan use?", ['4:30', 'UTC']),
 ('en', "What does the flag look like?", ['flag', 'white', 'black', 'green', 'red']),
 ('en', "What is the population of Afghanistan?", ['million']),
 ('en', "What is the largest ethnic group?", ['Pashtun']),
 ('en', "How many provinces are there?", ['34']),
 ('en', "What is the second largest city?", ['Herat', 'Kandahar']),
 ('en', "How many Afghans were deported from Pakistan?", ['Pakistan']),
 ('en', "Do I need a visa to visit Afghanistan?", ['visa']),
 ('en', "Is it safe to travel to Afghanistan?", ['travel', 'advise', 'advice', 'safe', 'risk']),
 ('en', "Which country recognised the Taliban government?", ['Russia']),
 ('en', "Who is the supreme leader of the Taliban?", ['Akhundzada']),
 ('en', "What does Afghanistan export?", ['export']),
 ('fa', "در افغانستان چند ولایت وجود دارد؟", ['۳۴']),
 ('fa', "افغانستان چند ولایت دارد؟", ['۳۴']),
 ('fa', "پول افغانستان چه نام دارد؟", ['افغانی']),
 ('fa', "یک دالر چند افغانی است؟", ['افغانی', 'دالر']),
 ('fa', "کدام بانک پول افغانستان را چاپ می‌کند؟", ['بانک']),
 ('fa', "آیا دختران می‌توانند به مکتب بروند؟", ['صنف', 'مکتب']),
 ('fa', "دختران تا کدام صنف درس می‌خوانند؟", ['ششم']),
 ('fa', "آیا زنان می‌توانند به دانشگاه بروند؟", ['دانشگاه']),
 ('fa', "زبان رسمی افغانستان چیست؟", ['دری', 'پشتو']),
 ('fa', "دری با فارسی چه فرقی دارد؟", ['فارسی']),
 ('fa', "بزرگترین شهر افغانستان کدام است؟", ['کابل']),
 ('fa', "چند نفر از پاکستان برگشتند؟", ['پاکستان']),
 ('fa', "چرا افغان‌ها از ایران برمی‌گردند؟", ['ایران']),
 ('fa', "کدام کشور طالبان را به رسمیت شناخت؟", ['روسیه']),
 ('fa', "رهبر طالبان کیست؟", ['آخوندزاده', 'رهبر']),
 ('fa', "حکومت طالبان چه نام دارد؟", ['امارت']),
 ('ps', "افغانستان څو ولایتونه لري؟", ['۳۴']),
 ('ps', "د افغانستان رسمي ژبې کومې دي؟", ['پښتو', 'دري']),
 ('ps', "پښتو په کوم خط لیکل کېږي؟", ['عربي', 'لیکدود']),
 ('ps', "افغانستان څوک اداره کوي؟", ['طالبان']),
 ('ps', "کوم هېواد طالبان په رسمیت پېژندلي دي؟", ['روسیه']),
 ('ps', "د طالبانو مشر څوک دی؟", ['اخندزاده', 'آخوندزاده', 'مشر']),
 ('ps', "د افغانستان پلازمېنه چېرته ده؟", ['کابل']),
 ('ps', "د افغانستان پیسې څه نومیږي؟", ['افغانی', 'افغاني']),
]

# Dari and Pashto questions on subjects only the English articles cover (the
# Dari and Pashto sites have six and two articles): answered, if at all,
# from another language, each with words one of which a right quote holds.
ACROSS = [
 ('fa', "زلزله سال ۲۰۲۵ در کدام ولایت بود؟", ['Kunar', 'Nangarhar']),
 ('fa', "در زلزله چند نفر کشته شدند؟", ['2,2', 'died', 'killed']),
 ('fa', "شوروی چه زمانی به افغانستان حمله کرد؟", ['1979']),
 ('fa', "شوروی در چه سالی افغانستان را اشغال کرد؟", ['1979']),
 ('fa', "پرچم طالبان چه رنگی است؟", ['white']),
 ('fa', "بیرق افغانستان چه رنگ است؟", ['white', 'black', 'green']),
 ('fa', "آب و هوای افغانستان چگونه است؟", ['climate', 'winter', 'summer']),
 ('fa', "بزرگترین قوم افغانستان کدام است؟", ['Pashtun']),
 ('fa', "افغانستان چه زمانی مستقل شد؟", ['1919']),
 ('fa', "ساعت افغانستان با گرینویچ چقدر فرق دارد؟", ['4:30']),
 ('fa', "منطقه زمانی افغانستان چیست؟", ['4:30']),
 ('fa', "بلندترین کوه افغانستان کدام است؟", ['Noshaq']),
 ('fa', "آیا سفر به افغانستان امن است؟", ['travel', 'advise']),
 ('fa', "برای رفتن به افغانستان ویزا لازم است؟", ['visa']),
 ('fa', "صادرات افغانستان چیست؟", ['export']),
 ('fa', "جمعیت افغانستان چقدر است؟", ['million']),
 ('fa', "کشت تریاک ممنوع شده است؟", ['poppy', 'opium']),
 ('ps', "په ۲۰۲۵ کال کې زلزله چېرته وشوه؟", ['Kunar', 'Nangarhar']),
 ('ps', "د ۲۰۲۵ زلزلې کې څومره خلک مړه شول؟", ['2,2', 'died', 'killed']),
 ('ps', "د افغانستان بیرغ څه رنګ دی؟", ['white', 'flag']),
 ('ps', "افغانستان کله خپلواک شو؟", ['1919']),
 ('ps', "د افغانستان نفوس څومره دی؟", ['million', 'میلیون']),
 ('ps', "په افغانستان کې څو ولایتونه دي؟", ['34', '۳۴']),
 ('ps', "ایا نجونې ښوونځي ته تللی شي؟", ['school', 'مکتب', 'grade', 'صنف']),
 ('ps', "د افغانستان اقلیم څنګه دی؟", ['climate', 'winter', 'summer']),
 ('ps', "افغانستان ته سفر خوندي دی؟", ['travel', 'advise']),
]

# Questions on subjects the site has no article for.
OFF = {
 'en': ["What is the capital of France?", "Who won the 2022 World Cup?", "How do I apply for a US visa?",
        "Who is the president of Iran?", "What is the currency of Japan?", "How tall is Mount Everest?",
        "When did World War II end?", "What is the population of Pakistan?", "Who wrote Hamlet?",
        "How do I bake bread?", "What language is spoken in Brazil?", "How many provinces does Canada have?",
        "What is the boiling point of water?", "Who is the prime minister of India?", "What causes diabetes?",
        "How far is the Moon from Earth?", "What is the largest ocean?", "When was Google founded?"],
 'fa': ["پایتخت فرانسه کجاست؟", "رئیس جمهور ایران کیست؟", "واحد پول ژاپن چیست؟", "جام جهانی ۲۰۲۲ را کی برد؟",
        "ارتفاع کوه اورست چقدر است؟", "جنگ جهانی دوم چه زمانی تمام شد؟", "جمعیت پاکستان چقدر است؟",
        "هملت را کی نوشت؟", "نان را چگونه بپزیم؟", "در برازیل به چه زبانی صحبت می‌کنند؟",
        "کانادا چند ولایت دارد؟", "آب در چند درجه جوش می‌آید؟", "صدراعظم هند کیست؟", "علت بیماری قند چیست؟",
        "فاصله ماه تا زمین چقدر است؟", "بزرگترین اقیانوس جهان کدام است؟"],
 'ps': ["د فرانسې پلازمېنه چېرته ده؟", "د ایران ولسمشر څوک دی؟", "د جاپان پیسې څه نومیږي؟", "د ۲۰۲۲ نړیوال جام چا وګټه؟",
        "د اورسټ غر څومره لوړ دی؟", "دویمه نړیواله جګړه کله پای ته ورسېده؟", "د پاکستان نفوس څومره دی؟",
        "هملټ چا لیکلی؟", "ډوډۍ څنګه پخه کړو؟", "کاناډا څو ولایتونه لري؟", "د هند لومړی وزیر څوک دی؟",
        "د شکرې ناروغي څه لامل لري؟", "تر ټولو لوی سمندر کوم دی؟"],
}


def ask(base, q, lang):
    url = base + "/api/v1/ask?" + urllib.parse.urlencode({"q": q, "lang": lang})
    with urllib.request.urlopen(url) as r:
        return json.load(r)


def quote(a):
    return " ".join(s.get("text", "") for s in a.get("answer") or [])


def judge(base, questions):
    """Asks each (language, question, words) and prints it with its tag; gives
    the counts of right quotes, questions turned away and quotes to read."""
    right = turned_away = wrong = 0
    for lang, q, want in questions:
        a = ask(base, q, lang)
        if a.get("abstained"):
            tag = "turned away"
            turned_away += 1
        elif any(w in quote(a) for w in want):
            tag = "right"
            right += 1
        else:
            tag = "WRONG?"
            wrong += 1
        print(f"{tag:<12} {lang} {a.get('decision')} {q} => {quote(a)[:100]}")
    return right, turned_away, wrong


def main():
    base = sys.argv[1] if len(sys.argv) > 1 else "http://127.0.0.1:8080"
    right, turned_away, wrong = judge(base, ON)
    across_right, across_away, across_wrong = judge(base, ACROSS)
    answered = 0
    total = 0
    for lang, qs in OFF.items():
        for q in qs:
            a = ask(base, q, lang)
            total += 1
            if not a.get("abstained"):
                answered += 1
                print(f"{'ANSWERED':<12} {lang} {a.get('decision')} {q} => {quote(a)[:100]}")
    print(f"on its subjects: {right} right, {turned_away} turned away, {wrong} quotes to read, of {len(ON)}")
    print(f"only in English: {across_right} right, {across_away} turned away, "
          f"{across_wrong} quotes to read, of {len(ACROSS)}")
    print(f"on other subjects: {answered} answered of {total}")


if __name__ == "__main__":
    main()
