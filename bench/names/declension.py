"""declension.py - Russian and Belarusian names in the grammatical cases court papers use.

Written for the case-file benchmark (cases.py), by the grammar books' rules
and independently of dokaz's own name keys, so that the benchmark does not
grade dokaz against itself. Cases: "nom", "gen", "dat", "acc", "ins" for
Russian; "nom", "gen", "dat", "loc" for Belarusian (the locative of a woman's
name is its dative: аб Лукашэвіч Вользе Аляксандраўне). Covers the endings
of case_people.tsv; a name of another shape is returned as it is.
"""

RU_HUSHING = "жшчщц"
RU_VELAR = "гкх"


def _ru_surname(s, sex, case):
    """_ru_surname - a Russian surname in case"""
    if case == "nom":
        return s
    if sex == "f":
        if s.endswith(("ова", "ева", "ёва", "ина", "ына")):
            return s[:-1] + ("у" if case == "acc" else "ой")
        if s.endswith("ая"):
            return s[:-2] + ("ую" if case == "acc" else "ой")
        return s
    if s.endswith(("ий", "ый")):
        return s[:-2] + {"gen": "ого", "acc": "ого", "dat": "ому", "ins": "им"}[case]
    if s.endswith(("о", "их", "ых")):
        return s
    if s.endswith("ец"):
        s = s[:-2] + "ц"
    if s.endswith(("ов", "ев", "ёв", "ин", "ын")):
        return s + {"gen": "а", "acc": "а", "dat": "у", "ins": "ым"}[case]
    ins = "ем" if s[-1] in RU_HUSHING else "ом"
    return s + {"gen": "а", "acc": "а", "dat": "у", "ins": ins}[case]


def _ru_given(g, sex, case):
    """_ru_given - a Russian given name in case"""
    if case == "nom":
        return g
    if sex == "m":
        stem = {"Павел": "Павл", "Лев": "Льв", "Пётр": "Петр"}.get(g, g)
        if g.endswith(("й", "ь")):
            stem = g[:-1]
            return stem + {"gen": "я", "acc": "я", "dat": "ю", "ins": "ем"}[case]
        return stem + {"gen": "а", "acc": "а", "dat": "у", "ins": "ом"}[case]
    stem, last = g[:-1], g[-1]
    if g.endswith("ия"):
        return stem + {"gen": "и", "acc": "ю", "dat": "и", "ins": "ей"}[case]
    if last == "я":
        return stem + {"gen": "и", "acc": "ю", "dat": "е", "ins": "ей"}[case]
    gen = "и" if stem[-1] in RU_VELAR + "жшчщ" else "ы"
    return stem + {"gen": gen, "acc": "у", "dat": "е", "ins": "ой"}[case]


def _ru_patronymic(p, sex, case):
    """_ru_patronymic - a Russian patronymic in case"""
    if case == "nom":
        return p
    if sex == "m":
        return p + {"gen": "а", "acc": "а", "dat": "у", "ins": "ем"}[case]
    return p[:-1] + {"gen": "ы", "acc": "у", "dat": "е", "ins": "ой"}[case]


def _be_surname(s, sex, case):
    """_be_surname - a Belarusian surname in case"""
    if case == "nom":
        return s
    if sex == "f":
        if s.endswith(("ова", "ава", "ёва", "ева", "іна", "ына")):
            return s[:-1] + "ай"
        if s.endswith("ая"):
            return s[:-2] + "ай"
        return s
    dat = case in ("dat", "loc")
    if s.endswith("кі"):
        return s[:-1] + ("аму" if dat else "ага")
    if s.endswith("ка"):
        return s[:-1] + ("у" if dat else "і")
    if s.endswith("ў"):
        return s[:-1] + ("ву" if dat else "ва")
    if s.endswith("ец"):
        s = s[:-3] + ("ў" if s[-3] == "в" else s[-3]) + "ц"
    return s + ("у" if dat else "а")


BE_DATIVE_ALTERNATION = {"г": "зе", "к": "цы", "х": "се", "д": "дзе", "т": "це",
                         "р": "ры", "ц": "цы", "ж": "жы", "ш": "шы", "ч": "чы"}


def _be_given(g, sex, case):
    """_be_given - a Belarusian given name in case (Вольга: Вольгі, Вользе)"""
    if case == "nom":
        return g
    dat = case in ("dat", "loc")
    if sex == "m":
        if g == "Павел":
            g = "Паўл"
        elif g.endswith("ў"):
            g = g[:-1] + "в"
        if g.endswith(("й", "ь")):
            return g[:-1] + ("ю" if dat else "я")
        return g + ("у" if dat else "а")
    stem, last = g[:-1], g[-1]
    if last == "я":
        return stem + "і"
    if not dat:
        return stem + ("і" if stem[-1] in "гкх" else "ы")
    end = stem[-1]
    if end in BE_DATIVE_ALTERNATION:
        return stem[:-1] + BE_DATIVE_ALTERNATION[end]
    return stem + "е"


def _be_patronymic(p, sex, case):
    """_be_patronymic - a Belarusian patronymic in case"""
    if case == "nom":
        return p
    dat = case in ("dat", "loc")
    if sex == "m":
        return p + ("у" if dat else "а")
    return p[:-1] + ("е" if dat else "ы")


def ru_name(p, case):
    """ru_name - (surname, given, patronymic) of person p in Russian, in case"""
    sx = p["sex"]
    return (_ru_surname(p["rs"], sx, case), _ru_given(p["rg"], sx, case),
            _ru_patronymic(p["rp"], sx, case))


def be_name(p, case):
    """be_name - (surname, given, patronymic) of person p in Belarusian, in case"""
    sx = p["sex"]
    return (_be_surname(p["bs"], sx, case), _be_given(p["bg"], sx, case),
            _be_patronymic(p["bp"], sx, case))


def family(p):
    """family - the male Russian surname: one for a man, his wife and his mother"""
    s = p["rs"]
    for f, m in (("ская", "ский"), ("цкая", "цкий"), ("ова", "ов"), ("ева", "ев"),
                 ("ёва", "ёв"), ("ина", "ин")):
        if p["sex"] == "f" and s.endswith(f):
            s = s[:-len(f)] + m
            break
    return s.replace("ё", "е")
