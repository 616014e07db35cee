#!/usr/bin/env python3
"""score.py - the table of bench/realworld/run: dokaz beside plain tesseract.

  score.py CER_TOOL PAGES.tsv DOKAZ_DIR TESS_DIR

PAGES.tsv has one page a line: NAME <tab> TRUTH_FILE or "-". DOKAZ_DIR/NAME.txt
and TESS_DIR/NAME.txt hold the two texts. For a page with ground truth the
score is the character error rate (samples/cer, lower is better); without,
the dictionary-word rate (share of words of two letters or more found in
/usr/share/dict, higher is better) and the word agreement between the two
texts. A page is "worse" when dokaz's CER exceeds tesseract's by more than
CER_SLACK, or its dictionary rate falls short by more than DICT_SLACK.

A page is Latin when at least 80% of the letters of its truth (else of
tesseract's text) are Latin; on a Latin page every word of dokaz's text
holding a Cyrillic letter is counted ("cyr"), unless the truth has Cyrillic
words too. Prints the table, then the counts the issue asks for.
"""
import glob
import os
import re
import subprocess
import sys

CER_SLACK = 0.002
DICT_SLACK = 0.01
WORD = re.compile(r"\w+", re.UNICODE)


def is_latin(c):
    return c.isalpha() and ("A" <= c <= "Z" or "a" <= c <= "z" or "\u00c0" <= c <= "\u024f")


def is_cyrillic(c):
    return "\u0400" <= c <= "\u04ff"


def read(path):
    try:
        with open(path, encoding="utf-8", errors="replace") as f:
            return f.read()
    except OSError:
        return ""


def latin_share(text):
    lat = sum(1 for c in text if is_latin(c))
    cyr = sum(1 for c in text if is_cyrillic(c))
    return lat / (lat + cyr) if lat + cyr else 0.0


def cyrillic_words(text):
    return [w for w in text.split() if any(is_cyrillic(c) for c in w)]


def load_dictionary():
    words = set()
    for path in glob.glob("/usr/share/dict/*"):
        if os.path.isfile(path) and not path.endswith((".gz", "README.select-wordlist")):
            for line in read(path).splitlines():
                words.add(line.strip().lower())
    return words


def dict_rate(text, words):
    toks = [t.lower() for t in WORD.findall(text) if len(t) > 1 and t.isalpha()]
    if not toks or not words:
        return None
    return sum(1 for t in toks if t in words) / len(toks)


def agreement(a, b):
    wa, wb = set(WORD.findall(a.lower())), set(WORD.findall(b.lower()))
    return len(wa & wb) / len(wa | wb) if wa | wb else 1.0


def cer_of(tool, rows):
    """CER per page name: the cer tool with every page its own group."""
    if not rows:
        return {}
    lines = "".join(f"{n}\t{t}\t{h}\n" for n, t, h in rows)
    out = subprocess.run([tool], input=lines, capture_output=True, text=True, check=True).stdout
    names = {n for n, _, _ in rows}
    res = {}
    for line in out.splitlines():
        f = line.split("\t")
        if f[0] in names:  # not the tool's closing "all" line
            res[f[0]] = float(f[2])
    return res


def main():
    tool, pages_tsv, ddir, tdir = sys.argv[1:5]
    pages = [l.rstrip("\n").split("\t") for l in open(pages_tsv, encoding="utf-8") if l.strip()]
    with_truth = [(n, t) for n, t in pages if t != "-"]
    cer_d = cer_of(tool, [(n, t, f"{ddir}/{n}.txt") for n, t in with_truth])
    cer_t = cer_of(tool, [(n, t, f"{tdir}/{n}.txt") for n, t in with_truth])
    words = load_dictionary()
    worse, latin_pages, latin_mixed = [], 0, 0
    print(f"{'page':<34} {'script':<6} {'measure':<6} {'dokaz':>7} {'tess':>7} "
          f"{'agree':>6} {'cyr':>4}  verdict")
    for name, truth in pages:
        d, t = read(f"{ddir}/{name}.txt"), read(f"{tdir}/{name}.txt")
        ref = read(truth) if truth != "-" else t
        latin = latin_share(ref) >= 0.8
        cyr = 0
        if latin:
            latin_pages += 1
            if not cyrillic_words(ref) or truth == "-":
                cyr = len(cyrillic_words(d))
            latin_mixed += cyr > 0
        if truth != "-":
            kind, sd, st = "CER", cer_d[name], cer_t[name]
            bad = sd - st > CER_SLACK
        else:
            kind, sd, st = "dict", dict_rate(d, words), dict_rate(t, words)
            bad = sd is not None and st is not None and st - sd > DICT_SLACK
            if sd is None or st is None:
                sd, st = agreement(d, t), 1.0
                kind = "agree"
                bad = False
        verdict = "WORSE" if bad else ("better" if (sd < st if kind == "CER" else sd > st)
                                       else "same")
        if bad:
            worse.append(name)
        print(f"{name:<34} {'latin' if latin else 'cyr':<6} {kind:<6} {sd:7.4f} {st:7.4f} "
              f"{agreement(d, t):6.2f} {cyr:4d}  {verdict}")
    all_d = sum(cer_d.values()) / len(cer_d) if cer_d else 0
    all_t = sum(cer_t.values()) / len(cer_t) if cer_t else 0
    print(f"\nmean CER over {len(cer_d)} pages with truth: dokaz {all_d:.4f}, "
          f"tesseract {all_t:.4f}")
    print(f"pages where dokaz is worse than plain tesseract: {len(worse)} "
          f"{' '.join(worse)}")
    print(f"Latin pages with Cyrillic letters in dokaz's words: {latin_mixed} "
          f"of {latin_pages}")


if __name__ == "__main__":
    main()
