#!/usr/bin/env python3
"""corpus.py - a million-page corpus of court-paper-like texts (bench/million/run).

  corpus.py DIR PAGES [SEED [FIRST]]   write papers of 1-10 pages into DIR until PAGES
                                       pages, numbered from FIRST (default 0)

Each paper is a Russian or Belarusian verdict, notice, summons or protocol of
1-10 pages (about 2 KB a page, pages separated by form feeds), one plain UTF-8
file per paper, a folder per 1,000 papers. A page names several people: the
accused and co-accused, a judge, a witness, a prosecutor; in several grammatical
cases (Иванов, Иванова, Иванову, Ивановым; Ивановой for a woman), in Russian,
Belarusian and Latin spellings (Ковалёв, Ковалев, Кавалёў, Kovalev), written in
full, as surname and initials or initials first, beside look-alike names
(Иванов, Иваненко, Иванович, Ивановский) that are other people. Case numbers,
articles with their parts, courts and dates vary per paper. bench/index/corpus.py's
vocabulary is the start of this one.

The same SEED gives the same corpus; a second part of a larger one takes
another SEED and FIRST the number of papers already written. Prints "FILES PAGES BYTES"; writes the
people named (one "Surname Given" a line) to DIR/people.txt and the files, one
path a line, to DIR/files.txt.
"""
import os
import random
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "index"))
import corpus as base  # noqa: E402  (bench/index/corpus.py: the shared vocabulary)

# Look-alike surnames beside the base ones: other people, near in spelling.
LOOKALIKES = ["Иваненко", "Иванович", "Ивановский", "Петренко", "Петровский", "Сидорович",
              "Коваленко", "Ковальский", "Новик", "Новицкий", "Волк", "Волкович",
              "Лебедь", "Соколовский", "Кузнец", "Попович", "Васильченко", "Павлюк"]
# Belarusian spellings of base surnames and given names.
BEL_SURNAME = {"Иванов": "Іваноў", "Петров": "Пятроў", "Ковалёв": "Кавалёў",
               "Новиков": "Навікоў", "Морозов": "Марозаў", "Волков": "Ваўкоў",
               "Лукашевич": "Лукашэвіч", "Пашкевич": "Пашкевіч", "Кузнецов": "Кузняцоў",
               "Васильев": "Васільеў", "Фёдоров": "Фёдараў", "Михайлов": "Міхайлаў"}
BEL_GIVEN = {"Сергей": "Сяргей", "Алексей": "Аляксей", "Дмитрий": "Дзмітрый",
             "Андрей": "Андрэй", "Игорь": "Ігар", "Николай": "Мікалай", "Виктор": "Віктар",
             "Павел": "Павел", "Олег": "Алег", "Максим": "Максім", "Иван": "Іван",
             "Юрий": "Юрый"}
LATIN = {"Иванов": "Ivanov", "Петров": "Petrov", "Ковалёв": "Kovalev", "Лукашевич": "Lukashevich",
         "Новиков": "Novikov", "Жук": "Zhuk", "Пашкевич": "Pashkevich", "Морозов": "Morozov"}
LATIN_GIVEN = {"Сергей": "Sergei", "Алексей": "Aleksei", "Дмитрий": "Dmitry", "Андрей": "Andrei",
               "Игорь": "Igor", "Николай": "Nikolai", "Виктор": "Viktor", "Павел": "Pavel",
               "Олег": "Oleg", "Максим": "Maxim", "Иван": "Ivan", "Юрий": "Yuri"}
FEMALE = [("Анна", "Сергеевна"), ("Мария", "Викторовна"), ("Елена", "Игоревна"),
          ("Ольга", "Николаевна"), ("Татьяна", "Павловна"), ("Наталья", "Олеговна")]
COURTS = base.COURTS + ["суд Фрунзенского района г. Минска", "Брестский областной суд",
                        "суд Железнодорожного района г. Гомеля", "Верховный Суд Республики Беларусь",
                        "суд Первомайского района г. Витебска", "Гродненский областной суд"]
ARTICLES = base.ARTICLES + ["342-2", "191", "188", "130-1", "357", "361-2", "289", "370"]
PROTOCOL = ("Протокол составлен в присутствии понятых. Изъяты мобильный телефон, ноутбук, "
            "печатные материалы, флаги и листовки. Замечаний от участвующих лиц не поступило. ")
ROLES = ["свидетель", "потерпевший", "государственный обвинитель", "защитник", "эксперт"]


def ov_ending(s):
    return s.endswith(("ов", "ёв", "ев", "ин"))


def surname_case(s, case, female):
    """a surname in a grammatical case: nom, gen, dat, ins"""
    if s.endswith(("ко", "ук", "юк")) and female or s.endswith("ко"):
        return s
    if ov_ending(s):
        if female:
            return {"nom": s + "а", "gen": s + "ой", "dat": s + "ой", "ins": s + "ой"}[case]
        return {"nom": s, "gen": s + "а", "dat": s + "у", "ins": s + "ым"}[case]
    if s.endswith("ский"):
        stem = s[:-2]
        if female:
            return {"nom": stem + "ая", "gen": stem + "ой", "dat": stem + "ой",
                    "ins": stem + "ой"}[case]
        return {"nom": s, "gen": stem + "ого", "dat": stem + "ому", "ins": stem + "им"}[case]
    if female:
        return s
    return {"nom": s, "gen": s + "а", "dat": s + "у", "ins": s + "ом"}[case]


def given_case(g, case, female):
    """a given name or patronymic in a case (masculine -ей/-ий/-ь/consonant, feminine -а/-я)"""
    if female:
        stem = g[:-1]
        soft = g.endswith("я") or stem.endswith(("и", "ь"))
        return {"nom": g, "gen": stem + ("и" if soft or stem[-1] in "гкхжшщч" else "ы"),
                "dat": stem + "е", "ins": stem + ("ей" if soft else "ой")}[case]
    if g.endswith(("й", "ь")):
        stem = g[:-1]
        return {"nom": g, "gen": stem + "я", "dat": stem + "ю", "ins": stem + "ем"}[case]
    ins = g + ("ем" if g.endswith(("ч", "ж", "ш", "щ", "ц")) else "ом")
    return {"nom": g, "gen": g + "а", "dat": g + "у", "ins": ins}[case]


class Person:
    def __init__(self, rng):
        self.female = rng.random() < 0.2
        pool = base.SURNAMES if rng.random() < 0.8 else LOOKALIKES
        self.surname = rng.choice(pool)
        if self.female:
            self.given, self.patronymic = rng.choice(FEMALE)
        else:
            self.given, self.patronymic = rng.choice(base.GIVEN)
        self.born = f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(1950, 2004)}"

    def listed(self):
        """"Surname Given" as people.txt lists it"""
        return f"{surname_case(self.surname, 'nom', self.female)} {self.given}"

    def written(self, rng, case):
        """the person as one paper writes them this time"""
        s, g, p = self.surname, self.given, self.patronymic
        style = rng.random()
        if style < 0.08 and not self.female and s in LATIN:
            return f"{LATIN[s]} {LATIN_GIVEN[g]}"
        if style < 0.2 and not self.female and s in BEL_SURNAME:
            return f"{BEL_SURNAME[s]} {BEL_GIVEN[g]}"
        if style < 0.25 and "ё" in s:
            s = s.replace("ё", "е")
        sc = surname_case(s, case, self.female)
        if style < 0.5:
            return f"{sc} {g[0]}.{p[0]}."
        if style < 0.6:
            return f"{g[0]}.{p[0]}. {sc}"
        return f"{sc} {given_case(g, case, self.female)} {given_case(p, case, self.female)}"


def page(rng, kind, case, people, number, pages):
    """one page of about 2 KB naming several of the paper's people"""
    date = f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(2020, 2025)}"
    art = rng.choice(ARTICLES)
    court = rng.choice(COURTS)
    accused = people[(number - 1) % len(people)]
    other = people[number % len(people)]
    if number == 1:
        text = {
            "verdict": f"ПРИГОВОР\nИменем Республики Беларусь\n{date} {court} рассмотрел "
                       f"уголовное дело № {case} в отношении {accused.written(rng, 'gen')}, "
                       f"{accused.born} года рождения, обвиняемого по ч. {rng.randint(1, 3)} "
                       f"ст. {art} УК.\n",
            "notice": f"ПАВЕДАМЛЕННЕ\nСправа № {case} ад {date}. {accused.written(rng, 'nom')} "
                      f"абвінавачваецца па арт. {art} КК Рэспублікі Беларусь.\n",
            "summons": f"ПОВЕСТКА\n{accused.written(rng, 'nom')} вызывается {date} к "
                       f"следователю по уголовному делу № {case} (ст. {art} УК).\n",
            "protocol": f"ПРОТОКОЛ ОБЫСКА\n{date}, уголовное дело № {case}. Обыск по месту "
                        f"жительства {accused.written(rng, 'gen')}.\n",
        }[kind]
    else:
        text = f"Уголовное дело № {case}, лист {number} из {pages}\n"
    body = base.BEL_FILLER if kind == "notice" else (PROTOCOL if kind == "protocol"
                                                     else base.FILLER)
    while len(text.encode()) < 1800:
        roll = rng.random()
        if roll < 0.25:
            text += (f"Допрошенный в качестве свидетеля {other.written(rng, 'nom')} показал, "
                     f"что {date} видел {accused.written(rng, 'gen')} у здания суда. ")
        elif roll < 0.4:
            text += (f"{rng.choice(ROLES).capitalize()} {Person(rng).written(rng, 'nom')} "
                     f"пояснил, что с {accused.written(rng, 'ins')} знаком с {rng.randint(2010, 2020)} "
                     f"года. ")
        elif roll < 0.5:
            text += (f"Вручить копию приговора {accused.written(rng, 'dat')} в соответствии "
                     f"со ст. {rng.choice(ARTICLES)} УПК. ")
        else:
            text += body
    return text + f"\nСудья {Person(rng).written(rng, 'nom')}\n"


def paper(rng, n):
    """(text, pages, people) of paper n"""
    people = [Person(rng) for _ in range(rng.randint(1, 4))]
    case = f"{rng.randint(1, 9)}-{n}/{rng.randint(2020, 2025)}"
    kind = rng.choice(["verdict", "verdict", "notice", "summons", "protocol"])
    pages = rng.randint(1, 10)
    text = "\f".join(page(rng, kind, case, people, i + 1, pages) for i in range(pages))
    return text, pages, people


def main():
    out, want = sys.argv[1], int(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    first = int(sys.argv[4]) if len(sys.argv) > 4 else 0
    named, npages, nbytes, n = set(), 0, 0, first
    os.makedirs(out, exist_ok=True)
    with open(os.path.join(out, "files.txt"), "w") as listing:
        while npages < want:
            text, pages, people = paper(rng, n)
            pages = min(pages, want - npages)
            text = "\f".join(text.split("\f")[:pages])
            npages += pages
            named.update(p.listed() for p in people)
            folder = os.path.join(out, f"{n // 1000:04d}")
            if n % 1000 == 0 or n == first:
                os.makedirs(folder, exist_ok=True)
            path = os.path.join(folder, f"paper{n:07d}.txt")
            data = text.encode()
            with open(path, "wb") as f:
                f.write(data)
            listing.write(path + "\n")
            nbytes += len(data)
            n += 1
    with open(os.path.join(out, "people.txt"), "w") as f:
        f.write("\n".join(sorted(named)) + "\n")
    print(n - first, npages, nbytes)


if __name__ == "__main__":
    main()
