#!/usr/bin/env python3
"""papers.py - the case files of the persons benchmark and their truth (see bench/persons/run).

  papers.py generate DIR [--small]   texts, the scan list and DIR/set.json
  papers.py pack DIR                 after gen_samples: the files to ingest, DIR/docs

Fourteen invented criminal cases tried in absentia (CASES), each with one to
three accused, witnesses, sometimes a victim, a defence lawyer or a relative,
and the officials: a judge, a prosecutor, an investigator and the court's
secretary, the appeal court's judges. Three to six papers a case, in Russian
or Belarusian as the case goes: a notice of special proceedings, a summons
(the accused in the dative), a verdict with the sentence in years and the
colony's regime (two pages when it names many), an appeal ruling, a seizure
ruling listing the property, an interrogation protocol, a relative's
request, English letters in passport Latin, and in the last two cases, as
realistic case files are, the record of a hearing (everyone present on one
page, the accused and the witnesses as lists) and a wanted list (numbered
lines, the role only in the title), with look-alikes in one case: the
judge's namesake among the accused, an accused woman with the judge's
initials, a witness with the judge's surname. Birth dates and places stand
next to the accused's names where such papers give them. Officials appear by
initials in both orders, in Belarusian papers by the Belarusian initials.
People in bench/persons/people.tsv; the same person in two cases (spelt in
the other language and other grammatical cases), namesakes with another
birth date or patronymic, a man and his mother, on purpose.

Every name is written through Doc.mention, which records the person, the
role and the page: the truth is that record, not a guess from the text. A
mention of the same person on the same page is one unit of the truth
(document, page, person, role); a person has one role a case. Scans are
drawn by gen_samples --set pages with damage classes of the OCR benchmark;
dokaz reads them itself. Names are declined by bench/names/declension.py and
romanised by bench/names/names_bench.py, both written independently of dokaz.
"""
import hashlib
import json
import os
import random
import shutil
import sys

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, os.path.join(HERE, "..", "names"))
from declension import be_name, ru_name  # noqa: E402
from names_bench import be_passport, translit  # noqa: E402

# A city: Russian nominative and genitive, Belarusian nominative and genitive,
# English; the district court there, in the three languages.
CITIES = {
    "Минск": ("Минска", "Мінск", "Мінска", "Minsk"),
    "Гомель": ("Гомеля", "Гомель", "Гомеля", "Homiel"),
    "Брест": ("Бреста", "Брэст", "Брэста", "Brest"),
    "Гродно": ("Гродно", "Гродна", "Гродна", "Hrodna"),
    "Могилёв": ("Могилёва", "Магілёў", "Магілёва", "Mahiliou"),
    "Витебск": ("Витебска", "Віцебск", "Віцебска", "Viciebsk"),
}
COURTS = {
    "Минск": ("Московского района г. Минска", "Маскоўскага раёна г. Мінска",
              "Maskouski district court of Minsk", "Минского городского суда"),
    "Гомель": ("Центрального района г. Гомеля", "Цэнтральнага раёна г. Гомеля",
               "Tsentralny district court of Homiel", "Гомельского областного суда"),
    "Брест": ("Московского района г. Бреста", "Маскоўскага раёна г. Брэста",
              "Maskouski district court of Brest", "Брестского областного суда"),
    "Гродно": ("Ленинского района г. Гродно", "Ленінскага раёна г. Гродна",
               "Leninski district court of Hrodna", "Гродненского областного суда"),
    "Могилёв": ("Октябрьского района г. Могилёва", "Кастрычніцкага раёна г. Магілёва",
                "Kastrychnitski district court of Mahiliou", "Могилёвского областного суда"),
    "Витебск": ("Железнодорожного района г. Витебска", "Чыгуначнага раёна г. Віцебска",
                "Chyhunachny district court of Viciebsk", "Витебского областного суда"),
}
MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
          "сентября", "октября", "ноября", "декабря"]
MONTHS_BE = ["студзеня", "лютага", "сакавіка", "красавіка", "мая", "чэрвеня", "ліпеня",
             "жніўня", "верасня", "кастрычніка", "лістапада", "снежня"]
MONTHS_EN = ["January", "February", "March", "April", "May", "June", "July", "August",
             "September", "October", "November", "December"]
ARTICLES = [("ч. 1 ст. 342", "ч. 1 арт. 342", "Article 342"),
            ("ч. 1 ст. 361-1", "ч. 1 арт. 361-1", "Article 361-1"),
            ("ст. 369", "арт. 369", "Article 369"),
            ("ч. 3 ст. 361-4", "ч. 3 арт. 361-4", "Article 361-4"),
            ("ст. 130", "арт. 130", "Article 130")]
REGIMES = [("общего", "агульнага", "general"), ("усиленного", "узмоцненага", "enhanced"),
           ("строгого", "строгага", "strict")]
PROPERTY = ["автомобиль Volkswagen Passat 2012 года выпуска, регистрационный знак 1234 АВ-7",
            "1/2 доли в праве собственности на квартиру по адресу: ул. Притыцкого, д. 62, кв. 14",
            "денежные средства на счетах в ОАО «Беларусбанк» в сумме 3 450 рублей",
            "земельный участок площадью 0,12 га в садовом товариществе «Рассвет»",
            "ноутбук Lenovo ThinkPad и мобильный телефон Samsung Galaxy A52"]
APPEAL_JUDGES = ("judge_kovalevsky", "judge_shestakova")
SECRETARY = "sec_gaiduk"

# The cases: accused, witnesses, victims, the defence lawyer, a relative
# (person, what she is to the first accused), the officials, the language of
# the papers, and the papers (notice, summons, verdict, appeal, seizure,
# protocol, request, letter).
CASES = [
    dict(accused=["ivanov_s85", "matskevich"], witnesses=["vasiliev"], victims=[],
         lawyer="law_kuzmich", judge="judge_rudnev", pros="pros_goncharov",
         inv="inv_tarasov", city="Минск", lang="ru",
         papers=["notice", "summons", "verdict", "appeal", "letter"]),
    dict(accused=["sorokin"], witnesses=["morozova"], victims=[], lawyer="law_levchenko",
         judge="judge_klimovich", pros="pros_zhdanovich", inv="inv_lysenko", city="Гомель",
         lang="be", papers=["notice", "summons", "verdict", "seizure"]),
    dict(accused=["kozlovskaya", "tkachuk", "gordeev"], witnesses=["lebedeva", "karpov"],
         victims=["nikitina"], lawyer="law_kuzmich", judge="judge_savitsky",
         pros="pros_melnikov", inv="inv_prokopovich", city="Брест", lang="ru",
         papers=["notice", "verdict", "protocol", "seizure", "appeal", "letter"]),
    dict(accused=["ivanov_s91"], witnesses=["kravchenko"], victims=[], lawyer=None,
         judge="judge_bondar", pros="pros_goncharov", inv="inv_kostyuk", city="Гомель",
         lang="be", papers=["notice", "summons", "verdict"]),
    dict(accused=["zhuk", "belova"], witnesses=["morozova"], victims=["semenov"],
         lawyer="law_levchenko", judge="judge_rudnev", pros="pros_zhdanovich",
         inv="inv_tarasov", city="Минск", lang="ru",
         papers=["notice", "summons", "verdict", "protocol", "letter"]),
    dict(accused=["ivanov_sp"], witnesses=["osipova"], victims=[], lawyer=None,
         judge="judge_klimovich", pros="pros_melnikov", inv="inv_lysenko", city="Гродно",
         lang="ru", papers=["summons", "verdict", "seizure"]),
    dict(accused=["ivanov_s85", "yurchenko"], witnesses=["zueva"], victims=[],
         lawyer="law_kuzmich", judge="judge_savitsky", pros="pros_goncharov",
         inv="inv_kostyuk", city="Могилёв", lang="be",
         papers=["notice", "summons", "verdict", "appeal", "letter"]),
    dict(accused=["romanovich"], witnesses=["karpov"], victims=[], lawyer=None,
         judge="judge_bondar", pros="pros_zhdanovich", inv="inv_prokopovich",
         city="Витебск", lang="ru", papers=["notice", "summons", "verdict", "protocol"]),
    dict(accused=["sorokin", "kireev"], witnesses=["vasiliev"], victims=[],
         relative=("sorokina", "мать"), lawyer=None, judge="judge_rudnev",
         pros="pros_melnikov", inv="inv_tarasov", city="Могилёв", lang="ru",
         papers=["notice", "verdict", "seizure", "request", "letter"]),
    dict(accused=["lebedeva", "shapoval"], witnesses=["kravchenko"], victims=[],
         lawyer="law_levchenko", judge="judge_klimovich", pros="pros_goncharov",
         inv="inv_lysenko", city="Витебск", lang="be",
         papers=["notice", "summons", "verdict", "appeal"]),
    dict(accused=["petrenko", "danilov"], witnesses=["zueva"], victims=["nikitina"],
         lawyer="law_levchenko", judge="judge_savitsky", pros="pros_zhdanovich",
         inv="inv_kostyuk", city="Брест", lang="ru",
         papers=["notice", "verdict", "seizure", "protocol", "letter"]),
    dict(accused=["kasperovich"], witnesses=["osipova"], victims=[], lawyer=None,
         judge="judge_bondar", pros="pros_melnikov", inv="inv_prokopovich", city="Гродно",
         lang="be", papers=["notice", "summons", "verdict"]),
    # harder, as the hold-out's case files are: several people a page, lists, look-alikes
    # (added after the first twelve, whose papers stay as they were)
    dict(accused=["ivanova_sn", "klimovich_tv", "savitskaya"],
         witnesses=["rudnev_ai", "vasiliev", "zueva"], victims=[], lawyer="law_kuzmich",
         judge="judge_klimovich", pros="pros_goncharov", inv="inv_tarasov", city="Минск",
         lang="ru", papers=["notice", "hearing", "verdict", "wanted", "letter"]),
    dict(accused=["savitskaya", "kireev"], witnesses=["morozova", "rudnev_ai"], victims=[],
         lawyer=None, judge="judge_savitsky", pros="pros_melnikov", inv="inv_lysenko",
         city="Брест", lang="be", papers=["notice", "summons", "hearing", "verdict"]),
]
# --small: Иванов С.Н. in two cases and his namesake, a victim, Сорокин and his mother
SMALL_CASES = (0, 3, 4, 6, 8)

# How the scans reach a team (the OCR benchmark's damage classes), in turn.
SCAN_CLASSES = ["clean300", "dpi200", "stamp", "skew", "jpeg30", "fax", "phone", "dpi150"]
SCAN_EXT = {"jpeg30": "jpg", "fax": "tif"}


def load_people(path):
    """load_people - people.tsv as {id: person}"""
    people = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            pid, sex, rs, rg, rp, bs, bg, bp, born, place = line.rstrip("\n").split("\t")
            people[pid] = dict(id=pid, sex=sex, rs=rs, rg=rg, rp=rp, bs=bs, bg=bg, bp=bp,
                               born=None if born == "-" else born,
                               place=None if place == "-" else place)
    return people


def passport_name(p, case):
    """passport_name - the Belarusian name in passport Latin (as English letters write it)"""
    return tuple(translit(p[f], be_passport) for f in ("bs", "bg", "bp"))


class Doc:
    """Doc - one paper being written: its lines and the mentions it makes"""

    def __init__(self, people):
        self.people, self.lines, self.page, self.mentions = people, [], 1, []

    def mention(self, pid, role, case="nom", form="full", lang="ru"):
        """mention - person pid as the paper writes them; recorded with role and page"""
        p = self.people[pid]
        s, g, pa = {"ru": ru_name, "be": be_name, "en": passport_name}[lang](p, case)
        init = "%s.%s." % (g[0], pa[0])
        text = {"full": "%s %s %s" % (s, g, pa), "given": "%s %s" % (g, s),
                "init": "%s %s" % (s, init), "init_before": "%s %s" % (init, s),
                "init_spaced": "%s %s. %s." % (s, g[0], pa[0]),
                "init_break": "%s\n%s" % (s, init), "full_break": "%s\n%s %s" % (s, g, pa)}[form]
        self.mentions.append(dict(person=pid, role=role, page=self.page, written=text,
                                  surnames=[s]))
        return text

    def add(self, *lines):
        """add - lines of text ("\\f" starts a new page, a line with a tab is split)"""
        for line in lines:
            self.page += line == "\f"
            self.lines.append(line)

    def text(self):
        """text - the paper as written"""
        return "\n".join(self.lines) + "\n"


def sexed(p, male, female):
    """sexed - the word for p's sex"""
    return male if p["sex"] == "m" else female


def day(d, m, year, lang):
    """day - "12 марта 2023 года", "12 сакавіка 2023 года", "12 March 2023" (m from 0)"""
    if lang == "en":
        return "%d %s %d" % (d, MONTHS_EN[m], year)
    return "%d %s %d года" % (d, (MONTHS if lang == "ru" else MONTHS_BE)[m], year)


def years(n, lang):
    """years - "3 года", "5 лет"; "3 гады", "5 гадоў" """
    if lang == "ru":
        return "%d %s" % (n, "года" if n < 5 else "лет")
    return "%d %s" % (n, "гады" if n < 5 else "гадоў")


def birth(p, lang, nom=False):
    """birth - what a paper says after the name (in the genitive, or nom): birth date and place"""
    y, m, d = p["born"].split("-")
    gen_ru, _, gen_be, en = CITIES[p["place"]]
    if lang == "ru":
        native = ("уроженец", "уроженка") if nom else ("уроженца", "уроженки")
        return "%s.%s.%s года рождения, %s г. %s" % (d, m, y, sexed(p, *native), gen_ru)
    if lang == "be":
        native = ("ураджэнец", "ураджэнка") if nom else ("ураджэнца", "ураджэнкі")
        return "%s.%s.%s года нараджэння, %s г. %s" % (d, m, y, sexed(p, *native), gen_be)
    return "born %d %s %s in %s" % (int(d), MONTHS_EN[int(m) - 1], y, en)


def notice(d, c, x):
    """notice - the prosecutor's notice of special proceedings, naming the accused"""
    P, lang = d.people, c["lang"]
    if lang == "ru":
        d.add("ПРОКУРАТУРА Г. %s" % CITIES[c["city"]][0].upper(), "ИЗВЕЩЕНИЕ",
              "о проведении специального производства", "",
              "%s\tг. %s" % (x["notice_date"], c["city"]), "")
        for k in c["accused"]:
            d.add("Настоящим извещаем, что по уголовному делу № %s в отношении %s %s, %s, "
                  "обвиняем%s в совершении преступления, предусмотренного %s УК Республики "
                  "Беларусь, постановлением прокурора принято решение о проведении специального "
                  "производства." % (x["inv_number"], sexed(P[k], "обвиняемого", "обвиняемой"),
                                     d.mention(k, "accused", "gen"), birth(P[k], "ru"),
                                     sexed(P[k], "ого", "ой"), x["article"][0]))
        d.add("Обвиняем%s вправе явиться к следователю %s и дать показания."
              % ("ые" if len(c["accused"]) > 1 else sexed(P[c["accused"][0]], "ый", "ая"),
                 d.mention(c["inv"], "investigator", "dat", "init")))
        d.add("", "Прокурор\t%s" % d.mention(c["pros"], "prosecutor", "nom", "init_before"))
        return
    d.add("ПРАКУРАТУРА Г. %s" % CITIES[c["city"]][2].upper(), "ПАВЕДАМЛЕННЕ",
          "аб правядзенні спецыяльнай вытворчасці", "",
          "%s\tг. %s" % (x["notice_date_be"], CITIES[c["city"]][1]), "")
    for k in c["accused"]:
        d.add("Паведамляем, што па крымінальнай справе № %s у адносінах да %s %s, %s, "
              "абвінавачван%s ў здзяйсненні злачынства, прадугледжанага %s Крымінальнага кодэкса "
              "Рэспублікі Беларусь, пастановай пракурора прынята рашэнне аб правядзенні "
              "спецыяльнай вытворчасці." % (
                  x["inv_number"], sexed(P[k], "абвінавачанага", "абвінавачанай"),
                  d.mention(k, "accused", "gen", "full", "be"), birth(P[k], "be"),
                  sexed(P[k], "ага", "ай"), x["article"][1]))
    d.add("Даведкі можна атрымаць у следчага %s, тэл. 8017 %03d-%02d-%02d." % (
        d.mention(c["inv"], "investigator", "gen", "init", "be"), x["rnd"].randint(200, 399),
        x["rnd"].randint(10, 99), x["rnd"].randint(10, 99)))
    d.add("", "Пракурор\t%s" % d.mention(c["pros"], "prosecutor", "nom", "init_before", "be"))


def summons(d, c, x):
    """summons - the investigator's summons to the first accused, in the dative"""
    k, lang, rnd = c["accused"][0], c["lang"], x["rnd"]
    street = "%s, д. %d, кв. %d" % ("ул. Советская" if lang == "ru" else "вул. Савецкая",
                                    rnd.randint(1, 200), rnd.randint(1, 99))
    if lang == "ru":
        d.add("ПОВЕСТКА", "о вызове обвиняемого", "",
              d.mention(k, "accused", "dat", "full"), "г. %s, %s" % (c["city"], street), "")
        d.add("Вам надлежит явиться %s к 10.00 к следователю %s по адресу: г. %s, пр. "
              "Независимости, д. 39, каб. 412, для допроса в качестве обвиняемого по уголовному "
              "делу № %s. При неявке без уважительных причин уголовное дело будет рассмотрено в "
              "порядке специального производства." % (
                  x["summons_date"], d.mention(c["inv"], "investigator", "dat", "init"),
                  c["city"], x["inv_number"]))
        d.add("", "Следователь\t%s" % d.mention(c["inv"], "investigator", "nom", "init_before"))
        return
    d.add("ПАВЕСТКА", "аб выкліку абвінавачанага", "",
          d.mention(k, "accused", "dat", "full", "be"),
          "г. %s, %s" % (CITIES[c["city"]][1], street), "")
    d.add("Вам неабходна з'явіцца %s а 10.00 да следчага %s для допыту ў якасці абвінавачанага "
          "па крымінальнай справе № %s. Пры няяўцы без уважлівых прычын справа будзе разгледжана "
          "ў парадку спецыяльнай вытворчасці." % (
              x["summons_date_be"], d.mention(c["inv"], "investigator", "gen", "init_spaced", "be"),
              x["inv_number"]))
    d.add("", "Следчы\t%s" % d.mention(c["inv"], "investigator", "nom", "init_before", "be"))


def verdict_ru(d, c, x):
    """verdict_ru - a Russian verdict in absentia with each accused's sentence"""
    P, acc = d.people, c["accused"]
    d.add("ПРИГОВОР", "ИМЕНЕМ РЕСПУБЛИКИ БЕЛАРУСЬ", "",
          "%s\tг. %s" % (x["verdict_date"], c["city"]),
          "Дело № %s (следственный № %s)" % (x["number"], x["inv_number"]), "")
    defence = (", защитника — адвоката %s" % d.mention(c["lawyer"], "lawyer", "gen", "init")
               if c["lawyer"] else "")
    d.add("Суд %s в составе председательствующего судьи %s, при секретаре судебного заседания "
          "%s, с участием государственного обвинителя %s%s, рассмотрев в открытом судебном "
          "заседании в порядке специального производства уголовное дело в отношении" % (
              COURTS[c["city"]][0], d.mention(c["judge"], "judge", "gen", "init"),
              d.mention(SECRETARY, "other_official", "gen", "init"),
              d.mention(c["pros"], "prosecutor", "gen", "init"), defence))
    for i, k in enumerate(acc):
        d.add(d.mention(k, "accused", "gen", "full_break" if i == 1 else "full") + ",",
              "%s, %s в совершении преступления, предусмотренного %s УК Республики Беларусь%s"
              % (birth(P[k], "ru"), sexed(P[k], "обвиняемого", "обвиняемой"), x["article"][0],
                 "," if i + 1 < len(acc) else ""))
    d.add("", "УСТАНОВИЛ:")
    d.add("%s в %d году %s участие в групповых действиях, грубо нарушающих общественный порядок, "
          "после чего %s за пределы Республики Беларусь и от явки в орган уголовного "
          "преследования %s." % (
              ", ".join(d.mention(k, "accused", "nom", "init") for k in acc), x["year"] - 2,
              "приняли" if len(acc) > 1 else sexed(P[acc[0]], "принял", "приняла"),
              "выехали" if len(acc) > 1 else sexed(P[acc[0]], "выехал", "выехала"),
              "уклоняются" if len(acc) > 1 else "уклоняется"))
    if len(acc) + len(c["witnesses"]) + len(c["victims"]) > 2:
        d.add("\f")
    for k in c["victims"]:
        d.add("Потерпевш%s %s показал%s, что %s причинил%s %s телесные повреждения." % (
            sexed(P[k], "ий", "ая"), d.mention(k, "victim", "nom", "full"), sexed(P[k], "", "а"),
            d.mention(acc[0], "accused", "nom", "init"), sexed(P[acc[0]], "", "а"),
            sexed(P[k], "ему", "ей")))
    for k in c["witnesses"]:
        d.add("Свидетель %s показал%s, что видел%s %s на площади в августе %d года." % (
            d.mention(k, "witness", "nom", "full"), sexed(P[k], "", "а"), sexed(P[k], "", "а"),
            d.mention(acc[-1], "accused", "acc", "init"), x["year"] - 2))
    d.add("", "ПРИГОВОРИЛ:")
    for k in acc:
        d.add("%s признать %s в совершении преступления, предусмотренного %s УК Республики "
              "Беларусь, и назначить %s наказание в виде лишения свободы сроком на %s с "
              "отбыванием наказания в исправительной колонии в условиях %s режима." % (
                  d.mention(k, "accused", "acc", "full"), sexed(P[k], "виновным", "виновной"),
                  x["article"][0], sexed(P[k], "ему", "ей"), years(x["sentence"][k], "ru"),
                  x["regime"][0]))
    d.add("", "Председательствующий\t%s" % d.mention(c["judge"], "judge", "nom", "init_before"))


def verdict_be(d, c, x):
    """verdict_be - a Belarusian verdict in absentia with each accused's sentence"""
    P, acc = d.people, c["accused"]
    d.add("ПРЫСУД", "ІМЕМ РЭСПУБЛІКІ БЕЛАРУСЬ", "",
          "%s\tг. %s" % (x["verdict_date_be"], CITIES[c["city"]][1]),
          "Справа № %s (следчая № %s)" % (x["number"], x["inv_number"]), "")
    defence = (", абаронцы — адваката %s" % d.mention(c["lawyer"], "lawyer", "gen", "init", "be")
               if c["lawyer"] else "")
    d.add("Суд %s у складзе старшынствуючага суддзі %s, пры сакратары судовага пасяджэння %s, з "
          "удзелам дзяржаўнага абвінаваўцы %s%s, разгледзеўшы ў адкрытым судовым пасяджэнні ў "
          "парадку спецыяльнай вытворчасці крымінальную справу ў адносінах да" % (
              COURTS[c["city"]][1], d.mention(c["judge"], "judge", "gen", "init", "be"),
              d.mention(SECRETARY, "other_official", "nom", "init", "be"),
              d.mention(c["pros"], "prosecutor", "gen", "init", "be"), defence))
    for i, k in enumerate(acc):
        d.add(d.mention(k, "accused", "gen", "full_break" if i == 1 else "full", "be") + ",",
              "%s, %s ў здзяйсненні злачынства, прадугледжанага %s КК Рэспублікі Беларусь%s"
              % (birth(P[k], "be"), sexed(P[k], "абвінавачанага", "абвінавачанай"),
                 x["article"][1], "," if i + 1 < len(acc) else ""))
    d.add("", "УСТАНАВІЎ:")
    d.add("%s у %d годзе %s удзел у групавых дзеяннях, якія груба парушаюць грамадскі парадак, "
          "пасля чаго %s за межы Рэспублікі Беларусь." % (
              ", ".join(d.mention(k, "accused", "nom", "init", "be") for k in acc),
              x["year"] - 2, "прынялі" if len(acc) > 1 else sexed(P[acc[0]], "прыняў", "прыняла"),
              "выехалі" if len(acc) > 1 else sexed(P[acc[0]], "выехаў", "выехала")))
    if len(acc) + len(c["witnesses"]) > 2:
        d.add("\f")
    for k in c["witnesses"]:
        d.add("Сведка %s паказал%s, што бачыл%s %s на плошчы ў жніўні %d года." % (
            d.mention(k, "witness", "nom", "full", "be"), sexed(P[k], "", "а"),
            sexed(P[k], "", "а"), d.mention(acc[0], "accused", "gen", "init", "be"),
            x["year"] - 2))
    d.add("", "ПРЫГАВАРЫЎ:")
    for k in acc:
        d.add("%s %s у здзяйсненні злачынства, прадугледжанага %s КК Рэспублікі Беларусь, і %s "
              "прызначана пакаранне ў выглядзе пазбаўлення волі на тэрмін %s з адбываннем у "
              "выпраўленчай калоніі ва ўмовах %s рэжыму." % (
                  d.mention(k, "accused", "nom", "full", "be"),
                  sexed(P[k], "прызнаны вінаватым", "прызнаная вінаватай"), x["article"][1],
                  sexed(P[k], "яму", "ёй"),
                  years(x["sentence"][k], "be"), x["regime"][1]))
    d.add("", "Старшынствуючы\t%s" % d.mention(c["judge"], "judge", "nom", "init_before", "be"))


def verdict(d, c, x):
    """verdict - the verdict in the case's language"""
    (verdict_ru if c["lang"] == "ru" else verdict_be)(d, c, x)


def appeal(d, c, x):
    """appeal - the regional court's ruling on the appeal: the verdict stands"""
    P, acc = d.people, c["accused"]
    chair, judge = APPEAL_JUDGES
    d.add("ОПРЕДЕЛЕНИЕ", "", "%s\tг. %s" % (x["appeal_date"], c["city"]),
          "Дело № 2-%d/%d" % (x["rnd"].randint(10, 400), x["year"]), "")
    who = (("апелляционной жалобе защитника %s" % d.mention(c["lawyer"], "lawyer", "gen", "init"))
           if c["lawyer"] else "апелляционному протесту прокурора")
    d.add("Судебная коллегия по уголовным делам %s в составе председательствующего %s, судьи %s, "
          "с участием прокурора %s, рассмотрела в открытом судебном заседании уголовное дело по "
          "%s на приговор суда %s от %s по делу № %s, которым" % (
              COURTS[c["city"]][3], d.mention(chair, "judge", "gen", "init"),
              d.mention(judge, "judge", "gen", "init"),
              d.mention(c["pros"], "prosecutor", "gen", "init"), who, COURTS[c["city"]][0],
              x["verdict_date"], x["number"]))
    for k in acc:
        d.add("%s, %s, осужден%s по %s УК Республики Беларусь к лишению свободы сроком на %s;" % (
            d.mention(k, "accused", "nom", "full"), birth(P[k], "ru", True), sexed(P[k], "", "а"),
            x["article"][0], years(x["sentence"][k], "ru")))
    d.add("", "ОПРЕДЕЛИЛА:")
    d.add("Приговор суда %s в отношении %s оставить без изменения, а %s — без удовлетворения." % (
        COURTS[c["city"]][0], ", ".join(d.mention(k, "accused", "gen", "init") for k in acc),
        "жалобу" if c["lawyer"] else "протест"))
    d.add("", "Председательствующий\t%s" % d.mention(chair, "judge", "nom", "init_before"),
          "Судья\t%s" % d.mention(judge, "judge", "nom", "init_before"))


def seizure(d, c, x):
    """seizure - the investigator's ruling that seizes the first accused's property"""
    P, k, rnd = d.people, c["accused"][0], x["rnd"]
    d.add("ПОСТАНОВЛЕНИЕ", "о наложении ареста на имущество", "",
          "%s\tг. %s" % (x["seizure_date"], c["city"]), "")
    d.add("Следователь следственного управления Следственного комитета Республики Беларусь %s, "
          "рассмотрев материалы уголовного дела № %s," % (
              d.mention(c["inv"], "investigator", "nom", "init"), x["inv_number"]))
    d.add("", "УСТАНОВИЛ:")
    d.add("%s, %s, обвиняется в совершении преступления, предусмотренного %s УК Республики "
          "Беларусь, и скрывается от органа уголовного преследования за пределами Республики "
          "Беларусь." % (d.mention(k, "accused", "nom", "full"), birth(P[k], "ru", True),
                         x["article"][0]))
    d.add("", "ПОСТАНОВИЛ:")
    things = rnd.sample(PROPERTY, 2)
    d.add("Наложить арест на имущество, принадлежащее %s: %s; %s." % (
        d.mention(k, "accused", "dat", "full"), things[0], things[1]))
    d.add("", "Следователь\t%s" % d.mention(c["inv"], "investigator", "nom", "init_before"),
          "Санкционирую: прокурор\t%s" % d.mention(c["pros"], "prosecutor", "nom", "init_before"))


def protocol(d, c, x):
    """protocol - the interrogation of the first witness about the accused"""
    P, rnd, k = d.people, x["rnd"], c["witnesses"][0]
    acc = c["accused"]
    d.add("ПРОТОКОЛ ДОПРОСА СВИДЕТЕЛЯ", "", "%s\tг. %s" % (x["protocol_date"], c["city"]), "")
    d.add("Следователь %s по уголовному делу № %s допросил в качестве свидетеля:" % (
        d.mention(c["inv"], "investigator", "nom", "init"), x["inv_number"]))
    d.add(d.mention(k, "witness", "nom", "full_break"),
          "%s г.р., проживающ%s в г. %s." % (P[k]["born"][:4], sexed(P[k], "ий", "ая"),
                                            c["city"]))
    d.add("По существу дела свидетель показал%s: %s знаю с %d года, мы работали вместе. Где %s "
          "находится сейчас, мне не известно." % (
              sexed(P[k], "", "а"), d.mention(acc[0], "accused", "acc", "given"),
              rnd.randint(2012, 2018), sexed(P[acc[0]], "он", "она")))
    for a in acc[1:]:
        d.add("Также мне знаком%s %s." % (sexed(P[a], "", "а"), d.mention(a, "accused", "nom")))
    for v in c["victims"]:
        d.add("О том, что %s был%s избит%s, я узнал%s от знакомых." % (
            d.mention(v, "victim", "nom", "init"), sexed(P[v], "", "а"), sexed(P[v], "", "а"),
            sexed(P[k], "", "а")))
    d.add("", "Протокол прочитан лично, записано верно.",
          "Свидетель\t%s" % d.mention(k, "witness", "nom", "init_before"),
          "Допросил следователь %s" % d.mention(c["inv"], "investigator", "nom", "init_break"))


def request(d, c, x):
    """request - the accused's mother asks to lift the seizure of her property"""
    k, word = c["relative"]
    acc = c["accused"][0]
    d.add("Следователю %s" % d.mention(c["inv"], "investigator", "dat", "init"), "",
          "ЗАЯВЛЕНИЕ", "")
    d.add("Прошу снять арест с имущества, наложенный по уголовному делу № %s в отношении моего "
          "сына %s: автомобиль принадлежит мне, а не ему, что подтверждается свидетельством о "
          "регистрации." % (x["inv_number"], d.mention(acc, "accused", "gen", "full")))
    d.add("", "%s\t%s" % (x["request_date"], d.mention(k, "other", "nom", "full")))


def letter(d, c, x):
    """letter - an English letter to a rights group, names in passport Latin"""
    P, acc = d.people, c["accused"]
    d.add("Dear colleagues,", "")
    for k in acc:
        d.add("On %s the %s sentenced %s (%s) in absentia to %d years in a colony of %s regime "
              "under %s of the Criminal Code, case No %s." % (
                  x["verdict_date_en"], COURTS[c["city"]][2],
                  d.mention(k, "accused", "nom", "given", "en"), birth(P[k], "en"),
                  x["sentence"][k], x["regime"][2], x["article"][2], x["number"]))
    if c["lawyer"]:
        d.add("The defence lawyer %s appealed; the appeal was dismissed." % d.mention(
            c["lawyer"], "lawyer", "nom", "given", "en"))
    d.add("The family has not received the verdict. We ask for your support.", "", "Regards",
          "Human rights centre")


def hearing(d, c, x):
    """hearing - the record of the hearing (in Russian): everyone present on one page, the
    accused and the witnesses as lists, each witness's testimony about an accused"""
    P, acc, wit, rnd = d.people, c["accused"], c["witnesses"], x["rnd"]
    d.add("ПРОТОКОЛ", "судебного заседания", "", "%s\tг. %s" % (x["verdict_date"], c["city"]), "")
    d.add("Председательствующий — судья %s" % d.mention(c["judge"], "judge", "nom", "init"),
          "Секретарь судебного заседания — %s" % d.mention(SECRETARY, "other_official", "nom",
                                                           "init"),
          "Государственный обвинитель — %s" % d.mention(c["pros"], "prosecutor", "nom", "init"))
    if c["lawyer"]:
        d.add("Защитник — адвокат %s" % d.mention(c["lawyer"], "lawyer", "nom", "init_before"))
    d.add("", "Подсудим%s: %s — в судебное заседание не явил%s, %s за пределами Республики "
          "Беларусь." % ("ые" if len(acc) > 1 else sexed(P[acc[0]], "ый", "ая"),
                         ", ".join(d.mention(k, "accused", "nom", "full") for k in acc),
                         "ись" if len(acc) > 1 else sexed(P[acc[0]], "ся", "ась"),
                         "находятся" if len(acc) > 1 else "находится"))
    names = [d.mention(k, "witness", "nom", "full") for k in wit]
    d.add("Свидетели: %s." % (names[0] if len(names) == 1 else
                              ", ".join(names[:-1]) + " и " + names[-1]))
    for k in wit:
        d.add("Свидетель %s суду показал%s, что %s знает с %d года." % (
            d.mention(k, "witness", "nom", "init"), sexed(P[k], "", "а"),
            d.mention(rnd.choice(acc), "accused", "acc", "given"), rnd.randint(2010, 2018)))
    d.add("", "Председательствующий\t%s" % d.mention(c["judge"], "judge", "nom", "init_before"),
          "Секретарь\t%s" % d.mention(SECRETARY, "other_official", "nom", "init_before"))


def wanted(d, c, x):
    """wanted - the investigator's list of the case's accused put on the wanted list: one a
    numbered line with birth date, place and address; the role only in the title"""
    P, rnd = d.people, x["rnd"]
    d.add("СПИСОК", "лиц, объявленных в розыск по уголовному делу № %s" % x["inv_number"], "")
    for i, k in enumerate(c["accused"]):
        d.add("%d. %s, %s, зарегистрирован%s по адресу: г. %s, ул. Ленина, д. %d." % (
            i + 1, d.mention(k, "accused", "nom", "full"), birth(P[k], "ru", True),
            sexed(P[k], "", "а"), c["city"], rnd.randint(1, 99)))
    d.add("", "Следователь\t%s" % d.mention(c["inv"], "investigator", "nom", "init_before"))


PAPERS = dict(notice=notice, summons=summons, verdict=verdict, appeal=appeal, seizure=seizure,
              protocol=protocol, request=request, letter=letter, hearing=hearing, wanted=wanted)
TYPES = dict(notice="notice", summons="summons", verdict="verdict", appeal="ruling",
             seizure="ruling", protocol="protocol", request="letter", letter="letter",
             hearing="protocol", wanted="other")


def case_context(n, c, rnd):
    """case_context - what the papers of case n agree on: numbers, dates, sentences"""
    year = 2022 + n % 4
    x = dict(rnd=rnd, year=year, number="1-%d/%d" % (rnd.randint(10, 999), year),
             inv_number="%d%02d%05d" % (year - 1, rnd.randint(10, 99), rnd.randint(1, 99999)),
             article=ARTICLES[n % len(ARTICLES)], regime=REGIMES[n % len(REGIMES)],
             sentence={k: rnd.randint(2, 9) for k in c["accused"]})
    # in the order a case goes: notice, summons, protocol, seizure, request; verdict, appeal
    for kind, y, m in (("notice", year - 1, 0), ("summons", year - 1, 2), ("protocol", year - 1, 4),
                       ("seizure", year - 1, 6), ("request", year - 1, 9), ("verdict", year, 0),
                       ("appeal", year, 6)):
        d, m = rnd.randint(1, 28), m + rnd.randint(0, 1)
        for lang, suffix in (("ru", ""), ("be", "_be"), ("en", "_en")):
            x[kind + "_date" + suffix] = day(d, m, y, lang)
        x[kind + "_iso"] = "%d-%02d-%02d" % (y, m + 1, d)
    x["hearing_iso"], x["wanted_iso"] = x["verdict_iso"], x["seizure_iso"]  # no more draws
    return x


def case_papers(people, n, c, rnd):
    """case_papers - [(file, kind, text, mentions, type, case, date)]: kind "scan:CLASS" or
    "txt", date "YYYY-MM-DD" or None (a letter)"""
    x = case_context(n, c, rnd)
    out = []
    for i, what in enumerate(c["papers"]):
        d = Doc(people)
        PAPERS[what](d, c, x)
        name = "c%02d_%s_%s" % (n + 1, what, c["lang"] if what != "letter" else "en")
        if what == "letter":
            kind, ext = "txt", "txt"
        else:
            cl = SCAN_CLASSES[(n + 2 * i) % len(SCAN_CLASSES)]
            kind, ext = "scan:" + cl, SCAN_EXT.get(cl, "png")
            if d.page > 1:
                ext = "tif"  # the only format gen_samples writes with several pages
        out.append(("%s.%s" % (name, ext), kind, d.text(), d.mentions, TYPES[what], x["number"],
                    x.get(what + "_iso")))
    return out


def generate(out, small):
    """generate - the papers' texts, the scan list and set.json (documents, persons, mentions)"""
    people = load_people(os.path.join(HERE, "people.tsv"))
    rnd = random.Random(14)
    for sub in ("texts", "docs"):
        os.makedirs(os.path.join(out, sub), exist_ok=True)
    docs, mentions, scans = {}, [], []
    for n, c in enumerate(CASES):
        got = case_papers(people, n, c, rnd)  # drawn for every case: the same set either way
        if small and n not in SMALL_CASES:
            continue
        for name, kind, text, ms, typ, number, date in got:
            with open(os.path.join(out, "texts", name + ".txt"), "w", encoding="utf-8") as f:
                f.write(text)
            if kind.startswith("scan:"):
                scans.append("%s\t%s\ttexts/%s.txt" % (name, kind[5:], name))
            docs[name] = dict(case=number, type=typ, date=date, kind=kind,
                              pages=text.count("\f") + 1)
            seen = set()
            for m in ms:  # one unit a person and page
                if (m["person"], m["page"]) not in seen:
                    seen.add((m["person"], m["page"]))
                    mentions.append(dict(m, document=name))
                else:
                    unit = [u for u in mentions if u["document"] == name and
                            u["person"] == m["person"] and u["page"] == m["page"]][0]
                    assert unit["role"] == m["role"], (name, m)
                    unit["written"] += " | " + m["written"]
                    unit["surnames"] = sorted(set(unit["surnames"] + m["surnames"]))
    with open(os.path.join(out, "pages.tsv"), "w", encoding="utf-8") as f:
        f.write("\n".join(scans) + "\n")
    named = sorted({m["person"] for m in mentions})
    persons = {k: people[k] for k in named}
    with open(os.path.join(out, "set.json"), "w", encoding="utf-8") as f:
        json.dump(dict(documents=docs, persons=persons, mentions=mentions), f,
                  ensure_ascii=False, indent=1)
    with open(os.path.join(out, "mentions.tsv"), "w", encoding="utf-8") as f:
        f.write("# document\tpage\tperson\trole\tas written\n")
        for m in mentions:
            f.write("%s\t%d\t%s\t%s\t%s\n" % (m["document"], m["page"], m["person"], m["role"],
                                              m["written"].replace("\n", " ")))
    print("%d cases, %d papers (%d scanned), %d persons, %d mentions (person and page)" % (
        len(CASES) if not small else len(SMALL_CASES), len(docs), len(scans), len(named),
        len(mentions)))


def pack(out):
    """pack - the rendered scans and the plain texts into OUT/docs, their SHA-256 in set.json"""
    path = os.path.join(out, "set.json")
    with open(path, encoding="utf-8") as f:
        s = json.load(f)
    for name, doc in s["documents"].items():
        src = (os.path.join(out, "scans", name) if doc["kind"].startswith("scan:")
               else os.path.join(out, "texts", name + ".txt"))
        dst = os.path.join(out, "docs", name)
        shutil.copyfile(src, dst)
        with open(dst, "rb") as f:
            doc["sha256"] = hashlib.sha256(f.read()).hexdigest()
    with open(path, "w", encoding="utf-8") as f:
        json.dump(s, f, ensure_ascii=False, indent=1)


def main(argv):
    """main - generate or pack"""
    what = argv[1] if len(argv) >= 3 else None
    if what == "generate":
        generate(argv[2], "--small" in argv[3:])
    elif what == "pack" and len(argv) == 3:
        pack(argv[2])
    else:
        sys.stderr.write(__doc__)
        return 2
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
