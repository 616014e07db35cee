#!/usr/bin/env python3
"""corpus.py - a born-digital corpus of court-paper-like texts for the scale benchmarks.

  corpus.py DIR FILES [SEED]   write FILES papers into DIR (a folder per 1,000)

Each paper is a Russian or Belarusian verdict, notice or summons of 1-3 pages
(about 2 KB a page, pages separated by form feeds), naming one to three people
in several cases and spellings, with a case number, articles, a court and
dates. Four in five are plain text, one in five HTML. The same SEED gives the
same corpus, so runs compare. Prints the number of pages and the people named
(one "Surname Given" a line, in DIR/people.txt) for the search benchmark.
"""
import os
import random
import sys

SURNAMES = ["Иванов", "Петров", "Сидоров", "Ковалёв", "Новиков", "Морозов", "Волков", "Лебедев",
            "Соколов", "Кузнецов", "Попов", "Васильев", "Зайцев", "Павлов", "Семёнов", "Голубев",
            "Виноградов", "Богданов", "Воробьёв", "Фёдоров", "Михайлов", "Беляев", "Тарасов",
            "Белов", "Комаров", "Орлов", "Киселёв", "Макаров", "Андреев", "Ковальчук", "Шевчук",
            "Савченко", "Бондаренко", "Ткаченко", "Кравченко", "Мельник", "Лукашевич",
            "Пашкевич", "Жук", "Гончаренко"]
GIVEN = [("Сергей", "Сергеевич"), ("Алексей", "Алексеевич"), ("Дмитрий", "Дмитриевич"),
         ("Андрей", "Андреевич"), ("Игорь", "Игоревич"), ("Николай", "Николаевич"),
         ("Виктор", "Викторович"), ("Павел", "Павлович"), ("Олег", "Олегович"),
         ("Максим", "Максимович"), ("Иван", "Иванович"), ("Юрий", "Юрьевич")]
COURTS = ["суд Центрального района г. Минска", "суд Московского района г. Бреста",
          "суд Ленинского района г. Гродно", "Минский городской суд", "Гомельский областной суд",
          "суд Октябрьского района г. Витебска", "Могилёвский областной суд"]
ARTICLES = ["342", "130", "361", "367", "368", "369", "293", "356", "361-1", "361-4"]
FILLER = ("Суд, исследовав материалы уголовного дела, выслушав стороны, установил "
          "следующее. Вина подсудимого подтверждается показаниями свидетелей, протоколами "
          "осмотра, заключением экспертизы и иными доказательствами, исследованными в "
          "судебном заседании. Доводы защиты суд находит несостоятельными. ")
BEL_FILLER = ("Пракуратура паведамляе, што ў дачыненні да названай асобы праводзіцца "
              "спецыяльнае вытворчасць. Асоба абвешчана ў міждзяржаўны вышук. ")


def genitive(surname):
    """the Russian genitive of a masculine surname (Иванов -> Иванова)"""
    if surname.endswith(("ов", "ёв", "ев", "ин")):
        return surname + "а"
    return surname


def page(rng, person, case, kind):
    """one page of about 2 KB"""
    s, (g, p) = person
    date = f"{rng.randint(1, 28):02d}.{rng.randint(1, 12):02d}.{rng.randint(2020, 2025)}"
    art = rng.choice(ARTICLES)
    head = {
        "verdict": f"ПРИГОВОР\nИменем Республики Беларусь\n{date} {rng.choice(COURTS)} "
                   f"рассмотрел уголовное дело № {case} в отношении {genitive(s)} {g}а "
                   f"{p}а, обвиняемого по ч. 1 ст. {art} УК.\n",
        "notice": f"ПАВЕДАМЛЕННЕ\nСправа № {case} ад {date}. {s} {g} {p} абвінавачваецца "
                  f"па арт. {art} КК Рэспублікі Беларусь.\n",
        "summons": f"ПОВЕСТКА\n{s} {g[0]}.{p[0]}. вызывается {date} к следователю по "
                   f"уголовному делу № {case} (ст. {art} УК).\n",
    }[kind]
    body = BEL_FILLER if kind == "notice" else FILLER
    text = head
    while len(text.encode()) < 2000:
        text += body
    return text + f"\nСудья {rng.choice(SURNAMES)} {rng.choice(GIVEN)[0][0]}.И.\n"


def paper(rng, n):
    """(text, is_html, people) of paper n"""
    people = [(rng.choice(SURNAMES), rng.choice(GIVEN)) for _ in range(rng.randint(1, 3))]
    case = f"{rng.randint(1, 9)}-{n}/{rng.randint(2020, 2025)}"
    kind = rng.choice(["verdict", "verdict", "notice", "summons"])
    pages = [page(rng, people[i % len(people)], case, kind) for i in range(rng.randint(1, 3))]
    return "\f".join(pages), rng.random() < 0.2, people


def main():
    out, files = sys.argv[1], int(sys.argv[2])
    rng = random.Random(int(sys.argv[3]) if len(sys.argv) > 3 else 1)
    named, npages = set(), 0
    for n in range(files):
        text, html, people = paper(rng, n)
        npages += text.count("\f") + 1
        named.update(f"{s} {g}" for s, (g, _) in people)
        folder = os.path.join(out, f"{n // 1000:03d}")
        os.makedirs(folder, exist_ok=True)
        if html:
            body = "".join(f"<p>{para}</p>\n" for para in text.replace("\f", "\n").split("\n"))
            text = (f"<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>Дело {n}"
                    f"</title></head><body>\n{body}</body></html>\n")
        with open(os.path.join(folder, f"paper{n:06d}.{'html' if html else 'txt'}"), "w") as f:
            f.write(text)
    with open(os.path.join(out, "..", "people.txt"), "w") as f:
        f.write("\n".join(sorted(named)) + "\n")
    print(npages)


if __name__ == "__main__":
    main()
