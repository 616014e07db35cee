#!/usr/bin/env python3
"""names_bench.py - recall and precision of dokaz's name search (see bench/names/run).

  names_bench.py generate PEOPLE.tsv DIR   papers and name lists into DIR
  names_bench.py score DIR BATCH.json...   the table, one row per spelling

Every person of PEOPLE.tsv gets three papers: a Russian verdict naming them in
the genitive ("в отношении Иванова Сергея Николаевича") and by initials, a
Belarusian notice in the nominative ("Абвінавачаны Іваноў Сяргей
Мікалаевіч") and an English letter in passport Latin ("Siarhei Ivanou").
Verdicts also name judges, secretaries and witnesses, some sharing a
surname with one of the people, as real papers do.

The queries are each person's given name and surname in six spellings:
Russian Cyrillic, Belarusian Cyrillic, Belarusian passport Latin, Łacinka,
Russian Latin (BGN: Sergey Ivanov) and Polish (Siergiej Iwanow). The Latin
and Polish spellings are made here by the published romanisation rules,
independently of dokaz's own normalisation, so the benchmark does not grade
dokaz against itself.
"""
import json
import os
import random
import sys

VOWELS_RU = "аеёиоуыэюя"
VOWELS_BE = "аеёіоуыэюя"


def cap(s):
    """cap - s with its first letter in upper case"""
    return s[:1].upper() + s[1:]


def translit(word, table):
    """translit - word letter by letter through table(prev, letter, next) -> text"""
    out = []
    low = word.lower()
    for i, c in enumerate(low):
        prev = low[i - 1] if i > 0 else ""
        nxt = low[i + 1] if i + 1 < len(low) else ""
        out.append(table(prev, c, nxt))
    return cap("".join(out))


def be_passport(prev, c, nxt):
    """be_passport - Belarusian in passport Latin (Siarhei Ivanou, Tsikhanouskaya)"""
    after_cons = prev != "" and prev not in VOWELS_BE + "ь'ў"
    iot = {"е": ("e", "ye"), "ё": ("io", "yo"), "ю": ("iu", "yu"), "я": ("ia", "ya")}
    if c in iot:
        return iot[c][0] if after_cons else iot[c][1]
    table = {"а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "ж": "zh",
             "з": "z", "і": "i", "й": "i", "к": "k", "л": "l", "м": "m", "н": "n",
             "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ў": "u",
             "ф": "f", "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "ы": "y", "ь": "",
             "э": "e", "'": ""}
    return table.get(c, c)


def lacinka(prev, c, nxt):
    """lacinka - Belarusian in Łacinka (Siarhiej Ivanoŭ, Cichanoŭskaja, Bialacki)"""
    after_cons = prev != "" and prev not in VOWELS_BE + "ь'ў"
    if c == "л":
        return "l" if nxt in "еёіюяь" else "ł"
    iot = {"е": "e", "ё": "o", "ю": "u", "я": "a"}
    if c in iot:
        if prev == "л":
            return iot[c]
        return ("i" if after_cons else "j") + iot[c]
    if c == "ь":
        return ""
    soft = {"н": "ń", "с": "ś", "з": "ź", "ц": "ć"}
    if c in soft and nxt == "ь":
        return soft[c]
    table = {"а": "a", "б": "b", "в": "v", "г": "h", "ґ": "g", "д": "d", "ж": "ž",
             "з": "z", "і": "i", "й": "j", "к": "k", "м": "m", "н": "n", "о": "o",
             "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ў": "ŭ", "ф": "f",
             "х": "ch", "ц": "c", "ч": "č", "ш": "š", "ы": "y", "э": "e", "'": ""}
    return table.get(c, c)


def ru_latin(prev, c, nxt):
    """ru_latin - Russian in BGN/PCGN Latin (Sergey Ivanov, Nikolayevich)"""
    if c == "е":
        return "ye" if prev == "" or prev in VOWELS_RU + "ьъ" else "e"
    table = {"а": "a", "б": "b", "в": "v", "г": "g", "д": "d", "ё": "yo", "ж": "zh",
             "з": "z", "и": "i", "й": "y", "к": "k", "л": "l", "м": "m", "н": "n",
             "о": "o", "п": "p", "р": "r", "с": "s", "т": "t", "у": "u", "ф": "f",
             "х": "kh", "ц": "ts", "ч": "ch", "ш": "sh", "щ": "shch", "ъ": "", "ы": "y",
             "ь": "", "э": "e", "ю": "yu", "я": "ya"}
    return table.get(c, c)


def ru_polish(prev, c, nxt):
    """ru_polish - Russian in Polish spelling (Siergiej Iwanow, Kowalczuk)"""
    hard = "жшцчщ"
    after_vowel = prev == "" or prev in VOWELS_RU + "ьъ"
    if c == "л":
        return "l" if nxt in "еёиюяь" else "ł"
    iot = {"е": "e", "ё": "o", "ю": "u", "я": "a"}
    if c in iot:
        if prev == "л" or (prev in hard and prev != ""):
            return iot[c]
        return ("j" if after_vowel else "i") + iot[c]
    if c == "и":
        return "y" if prev in "жшц" and prev != "" else ("ji" if prev in "ьъ" and prev else "i")
    if c == "ь":
        return ""
    soft = {"н": "ń", "с": "ś", "з": "ź", "т": "ć", "д": "dź"}
    if c in soft and nxt == "ь":
        return soft[c]
    table = {"а": "a", "б": "b", "в": "w", "г": "g", "д": "d", "ж": "ż", "з": "z",
             "й": "j", "к": "k", "м": "m", "н": "n", "о": "o", "п": "p", "р": "r",
             "с": "s", "т": "t", "у": "u", "ф": "f", "х": "ch", "ц": "c", "ч": "cz",
             "ш": "sz", "щ": "szcz", "ъ": "", "ы": "y", "э": "e"}
    return table.get(c, c)


def gen_surname(s, sex):
    """gen_surname - a Russian surname in the genitive"""
    if sex == "m":
        if s.endswith(("ий",)):
            return s[:-2] + "ого"
        if s.endswith("ец"):
            return s[:-2] + "ца"
        if s.endswith(("ко", "о")):
            return s
        return s + "а"
    if s.endswith(("ова", "ева", "ёва", "ина")):
        return s[:-1] + "ой"
    if s.endswith("ая"):
        return s[:-2] + "ой"
    return s


def gen_given(g, sex):
    """gen_given - a Russian given name in the genitive"""
    special = {"Павел": "Павла", "Лев": "Льва"}
    if g in special:
        return special[g]
    if g.endswith("ия") or g.endswith("ий"):
        return g[:-1] + "я" if g.endswith("ий") else g[:-1] + "и"
    if g.endswith("й"):
        return g[:-1] + "я"
    if g.endswith("ья"):
        return g[:-1] + "и"
    if g.endswith("я"):
        return g[:-1] + "и"
    if g.endswith("а"):
        return g[:-1] + ("и" if g[-2] in "гкхжшщч" else "ы")
    return g + "а"


def gen_patronymic(p, sex):
    """gen_patronymic - a Russian patronymic in the genitive"""
    return p + "а" if sex == "m" else p[:-1] + "ы"


# Court staff and witnesses; some share a surname with the people above.
STAFF = ["Ковалевой Н. П.", "Лужиной А. В.", "Дроздова К. С.", "Белько О. Л.", "Грибовской Т. И.",
         "Ярошевича В. М.", "Сидоренко Л. А.", "Пашкевич Е. Н."]
WITNESSES = ["Иванов А. В.", "Петров К. С.", "Ковальчук Д. А.", "Новак Е. В.", "Козлов М. И.",
             "Соколова Р. П.", "Жуков Т. Л.", "Сергеев О. Н.", "Мельник Ю. А.", "Гончаренко В. И."]
COURTS = ["Заречного", "Центрального", "Московского", "Партизанского", "Фрунзенского",
          "Советского", "Ленинского"]
MONTHS = ["января", "февраля", "марта", "апреля", "мая", "июня", "июля", "августа",
          "сентября", "октября", "ноября", "декабря"]


def load_people(path):
    """load_people - the rows of PEOPLE.tsv as dicts"""
    people = []
    with open(path, encoding="utf-8") as f:
        for line in f:
            if line.startswith("#") or not line.strip():
                continue
            sex, rs, rg, rp, bs, bg, bp = line.rstrip("\n").split("\t")
            people.append(dict(sex=sex, rs=rs, rg=rg, rp=rp, bs=bs, bg=bg, bp=bp))
    return people


def papers(p, i, rnd):
    """papers - the three papers of person p (number i): {file name: text}"""
    m = p["sex"] == "m"
    gen = " ".join([gen_surname(p["rs"], p["sex"]), gen_given(p["rg"], p["sex"]),
                    gen_patronymic(p["rp"], p["sex"])])
    initials = "%s %s.%s." % (p["rs"], p["rg"][0], p["rp"][0])
    year = rnd.randint(2021, 2024)
    verdict = (
        "ПРИГОВОР\nИМЕНЕМ РЕСПУБЛИКИ БЕЛАРУСЬ\n%d %s %d года г. Минск\nДело № 1-%d/%d\n"
        "Суд %s района г. Минска в составе председательствующего судьи %s, при секретаре %s, "
        "рассмотрев в открытом судебном заседании в порядке специального производства "
        "уголовное дело в отношении\n%s, %d года рождения, %s в совершении преступления, "
        "предусмотренного ч. 1 ст. 342 УК Республики Беларусь,\nУСТАНОВИЛ:\n%s принял%s участие "
        "в групповых действиях, грубо нарушающих общественный порядок. Свидетель %s показал, "
        "что видел происходившее.\nПРИГОВОРИЛ:\n%s признать виновн%s и назначить наказание.\n"
        % (rnd.randint(1, 28), rnd.choice(MONTHS), year, rnd.randint(1, 999), year,
           rnd.choice(COURTS), rnd.choice(STAFF), rnd.choice(STAFF), gen, rnd.randint(1960, 2002),
           "обвиняемого" if m else "обвиняемой", initials, "" if m else "а",
           rnd.choice(WITNESSES), gen, "ым" if m else "ой"))
    notice = (
        "ПРАКУРАТУРА ГОРАДА МІНСКА\nПАВЕДАМЛЕННЕ\nПракуратура горада Мінска паведамляе, што "
        "крымінальная справа па абвінавачванні ў здзяйсненні злачынства, прадугледжанага "
        "ч. 1 арт. 342 Крымінальнага кодэкса, накіравана ў суд для разгляду ў парадку "
        "спецыяльнай вытворчасці.\n%s %s %s %s знаходзіцца за межамі Рэспублікі Беларусь.\n"
        % ("Абвінавачаны" if m else "Абвінавачаная", p["bs"], p["bg"], p["bp"]))
    letter = (
        "Dear colleagues,\nplease find attached the documents on the case of %s %s, who was "
        "tried in absentia in %d. We ask for your support.\nRegards\n"
        % (translit(p["bg"], be_passport), translit(p["bs"], be_passport), year))
    return {"p%02d_verdict_ru.txt" % i: verdict, "p%02d_notice_be.txt" % i: notice,
            "p%02d_letter_en.txt" % i: letter}


def spellings(p):
    """spellings - the person's name as each kind of query writes it"""
    return {
        "Russian Cyrillic": "%s %s" % (p["rs"], p["rg"]),
        "Belarusian Cyrillic": "%s %s" % (p["bs"], p["bg"]),
        "Belarusian passport Latin": "%s %s" % (translit(p["bg"], be_passport),
                                                translit(p["bs"], be_passport)),
        "Łacinka": "%s %s" % (translit(p["bg"], lacinka), translit(p["bs"], lacinka)),
        "Russian Latin (BGN)": "%s %s" % (translit(p["rg"], ru_latin),
                                         translit(p["rs"], ru_latin)),
        "Polish": "%s %s" % (translit(p["rg"], ru_polish), translit(p["rs"], ru_polish)),
    }


def generate(people_path, out):
    """generate - papers into OUT/docs, one name list per spelling into OUT/lists"""
    rnd = random.Random(5)
    people = load_people(people_path)
    os.makedirs(os.path.join(out, "docs"), exist_ok=True)
    os.makedirs(os.path.join(out, "lists"), exist_ok=True)
    lists = {}
    for i, p in enumerate(people):
        for name, text in papers(p, i, rnd).items():
            with open(os.path.join(out, "docs", name), "w", encoding="utf-8") as f:
                f.write(text)
        for kind, q in spellings(p).items():
            lists.setdefault(kind, []).append(q)
    for k, (kind, qs) in enumerate(lists.items()):
        with open(os.path.join(out, "lists", "%d.txt" % k), "w", encoding="utf-8") as f:
            f.write("# %s\n" % kind)
            f.write("\n".join(qs) + "\n")
    print(len(people))


def score(batch_path):
    """score - (kind, recall, precision, lines) of one batch's JSON output"""
    with open(batch_path, encoding="utf-8") as f:
        batch = json.load(f)
    list_path = batch_path.replace(".json", ".txt").replace(".exact", "")
    with open(list_path, encoding="utf-8") as f:
        kind = f.readline()[2:].strip()
    found = relevant_found = 0
    for i, line in enumerate(batch["lines"]):
        names = [h["name"] for h in line["hits"]]
        found += len(names)
        relevant_found += sum(1 for n in names if n.startswith("p%02d_" % i))
    lines = len(batch["lines"])
    recall = relevant_found / (3.0 * lines) if lines else 0.0
    precision = relevant_found / found if found else 1.0
    return kind, recall, precision, lines


def main(argv):
    """main - generate or score"""
    if len(argv) == 4 and argv[1] == "generate":
        generate(argv[2], argv[3])
        return 0
    if len(argv) >= 3 and argv[1] == "score":
        rows = {}
        for path in argv[2:]:
            kind, r, p, n = score(path)
            rows.setdefault(kind, {})["exact" if ".exact." in path else "names"] = (r, p, n)
        print("%-27s %7s %9s   %7s %9s" % ("query spelling (50 people)", "recall", "precision",
                                          "recall", "precision"))
        print("%-27s %17s   %17s" % ("", "name keys", "words only"))
        total = {"names": [0, 0, 0], "exact": [0, 0, 0]}
        for kind, modes in rows.items():
            cells = []
            for mode in ("names", "exact"):
                r, p, n = modes.get(mode, (0, 0, 0))
                cells.append("%7.1f%% %8.1f%%" % (100 * r, 100 * p))
                total[mode][0] += r
                total[mode][1] += p
                total[mode][2] += 1
            print("%-27s %s   %s" % (kind, cells[0], cells[1]))
        cells = ["%7.1f%% %8.1f%%" % (100 * t[0] / t[2], 100 * t[1] / t[2]) if t[2] else ""
                 for t in (total["names"], total["exact"])]
        print("%-27s %s   %s" % ("mean", cells[0], cells[1]))
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
