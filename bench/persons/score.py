#!/usr/bin/env python3
"""score.py - the persons benchmark's table (see bench/persons/run).

  score.py DIR DOKAZ DATA    asks DOKAZ about the set in DIR (set.json, from papers.py),
                             indexed in DATA; keeps the answers in DIR/out; prints the table

The truth is a list of units: a person named on a page of a document, with
their role (papers.py records them as it writes). dokaz's answer is read
through the JSON contract of issue 14: `dokaz persons --json` lists the
persons it made, `dokaz person --json ID` each one's dossier, whose documents
carry the role and the pages (from 1). Each (person, document, page, role) of a
dossier is matched to the truth: to the person of the truth named on that
page whose written forms, or whose surname alone, resemble one of the
dossier's names (the role and then the closest spelling decide between two). Then:

- mentions per role: precision (of the dossiers' entries with that role, those
  that are a unit of the truth with that role) and recall (of the truth's units
  with that role, those found with it);
- role right: of the units found, those found with their role;
- clustering: pairwise precision and recall of "same person" over the units
  found, and F1;
- dossier completeness: for every person of the truth, the dossier holding most
  of their units; its documents that are theirs, of all their documents
  (and its precision: of the dossier's documents, those that are theirs).

The baseline is plain name search: `dokaz search --json` for the person's
given name and surname in Russian, its hits (those not marked "match":
"possible") taken as the person's dossier; it has no roles and no persons.
Until dokaz has the persons commands, their columns say "not available".
"""
import difflib
import json
import os
import re
import subprocess
import sys
from collections import Counter, defaultdict

ROLES = ["accused", "victim", "witness", "lawyer", "judge", "prosecutor", "investigator",
         "other_official", "other"]
OFFICIALS = ("judge", "prosecutor", "investigator", "other_official")
TARGETS = dict(mentions=0.95, role=0.95, f1=0.95, dossier=0.98)
SIMILAR = 0.8  # a dossier's name and a written form this close name the same person


def norm(s):
    """norm - lower case, ё as е, letters and spaces only"""
    s = s.lower().replace("ё", "е").replace("\n", " ")
    return " ".join(re.sub(r"[^\w ]+", " ", s).split())


def similar(a, forms, surnames):
    """similar - how close a name is to a person: the best of the whole name against their
    written forms and of its words against their surnames alone (not their given names or
    patronymics, which other people share: Ирина Сергеевна and Людмила Сергеевна)"""
    whole = max((difflib.SequenceMatcher(None, a, b).ratio() for b in forms), default=0.0)
    words = max((difflib.SequenceMatcher(None, x, y).ratio() for x in a.split() for y in surnames
                 if len(x) > 3 and len(y) > 3), default=0.0)
    return max(whole, words)


def dokaz_json(dokaz, data, *args):
    """dokaz_json - (parsed JSON, None) of a dokaz command, or (None, why it failed)"""
    try:
        r = subprocess.run([dokaz, args[0], "--data", data] + list(args[1:]), capture_output=True,
                           text=True, timeout=600)
    except (OSError, subprocess.TimeoutExpired) as e:
        return None, str(e)
    if r.returncode != 0:
        return None, (r.stderr.strip().splitlines() or ["exit %d" % r.returncode])[0]
    try:
        return json.loads(r.stdout), None
    except ValueError as e:
        return None, "not JSON: %s" % e


def save(out, name, obj):
    """save - keep an answer in DIR/out"""
    with open(os.path.join(out, name), "w", encoding="utf-8") as f:
        json.dump(obj, f, ensure_ascii=False, indent=1)


def doc_name(s, entry):
    """doc_name - the set's name of a dossier's or a hit's document (by hash, else file name)"""
    by_sha = s["by_sha"].get(entry.get("sha256") or "")
    if by_sha:
        return by_sha
    for key in ("member", "name", "path"):
        base = os.path.basename(entry.get(key) or "")
        if base in s["documents"]:
            return base
    return None


def ask_persons(s, dokaz, data, out):
    """ask_persons - {id: dossier} from dokaz persons/person --json, or (None, why)"""
    listing, why = dokaz_json(dokaz, data, "persons", "--json")
    if listing is None:
        return None, why
    save(out, "persons.json", listing)
    dossiers = {}
    for p in listing.get("persons", []):
        pid = str(p.get("id"))
        got, why = dokaz_json(dokaz, data, "person", "--json", pid)
        if got is None:
            return None, "person %s: %s" % (pid, why)
        save(out, "person-%s.json" % re.sub(r"[^\w-]", "_", pid), got)
        found = [q for q in got.get("persons", []) if str(q.get("id")) == pid]
        dossiers[pid] = found[0] if found else dict(p, cases=[])
        dossiers[pid].setdefault("names", p.get("names", []))
    return dossiers, None


def entries(s, dossier):
    """entries - a dossier as [(document, page, role)]; page None when it gives none"""
    out = []
    for case in dossier.get("cases") or []:
        for e in case.get("documents") or []:
            name = doc_name(s, e)
            if name is None:
                out.append((None, None, e.get("role")))
                continue
            pages = [p for p in e.get("pages") or [] if isinstance(p, int) and p > 0]
            if not pages and s["documents"][name]["pages"] == 1:
                pages = [1]
            for p in pages or [None]:
                out.append((name, p, e.get("role")))
    return out


def attribute(s, names, doc, page, role):
    """attribute - the truth's unit a dossier entry is, or None"""
    if doc is None:
        return None
    best, best_key = None, None
    for u in s["units_on"].get(doc, []):
        if page is not None and u["page"] != page:
            continue
        close = max((similar(n, s["forms"][u["person"]], s["surnames"][u["person"]])
                     for n in names), default=0.0)
        if close < SIMILAR:
            continue
        key = (u["role"] == role, close)
        if best_key is None or key > best_key:
            best, best_key = u, key
    return best


def score_persons(s, dossiers):
    """score_persons - the figures of dokaz's persons: {row: values}"""
    found = {}  # unit index -> (dossier id, role given); a claim with the right role first
    given = []  # (role given, unit index or None, dossier id, document, page)
    for pid, d in dossiers.items():
        names = [norm(n) for n in d.get("names") or [] if n]
        for doc, page, role in entries(s, d):
            u = attribute(s, names, doc, page, role)
            i = None if u is None else u["index"]
            given.append((role, i, pid, doc, page))
            if u is not None and (i not in found or
                                  (found[i][1] != u["role"] and role == u["role"])):
                found[i] = (pid, role)
    units = s["mentions"]
    rows = {}
    groups = [(r, (r,)) for r in ROLES] + [("officials", OFFICIALS), ("all", tuple(ROLES))]
    for label, roles in groups:
        truth = [u for u in units if u["role"] in roles]
        claimed = {(i, r) if i is not None else (None, r, pid, doc, page)
                   for r, i, pid, doc, page in given if r in roles}
        right = {k for k in claimed if k[0] is not None and units[k[0]]["role"] == k[1]}
        hit = [u for u in truth if u["index"] in found and found[u["index"]][1] == u["role"]]
        located = [u for u in truth if u["index"] in found]
        rows[label] = dict(
            truth=len(truth),
            precision=len(right) / len(claimed) if claimed else None,
            recall=len(hit) / len(truth) if truth else None,
            role=len(hit) / len(located) if located else None)
    rows["clustering"] = pairwise(s, found)
    docs_of = {pid: {doc for doc, _, _ in entries(s, d) if doc} for pid, d in dossiers.items()}
    rows["dossier"] = dossier_rows(s, docs_of, {i: f[0] for i, f in found.items()})
    rows["misses"] = misses(s, dossiers, given, found)
    return rows


def misses(s, dossiers, given, found):
    """misses - the lines that explain the figures: claims of no unit or of another role,
    units not found or found with another role, and people split over several dossiers"""
    units, out = s["mentions"], []
    shown = {pid: " / ".join(d.get("names") or []) for pid, d in dossiers.items()}
    for role, i, pid, doc, page in sorted(given, key=lambda g: (str(g[3]), str(g[4]))):
        if i is None:
            out.append("claimed\t%s\t%s p%s\tno such person: %s" % (role, doc, page, shown[pid]))
        elif units[i]["role"] != role:
            out.append("claimed\t%s\t%s p%s\t%s is %s" % (role, doc, page, units[i]["person"],
                                                          units[i]["role"]))
    for u in units:
        written = u["written"].replace("\n", " ")
        if u["index"] not in found:
            out.append("missed\t%s\t%s p%d\t%s: %s" % (u["role"], u["document"], u["page"],
                                                        u["person"], written))
        elif found[u["index"]][1] != u["role"]:
            out.append("role\t%s\t%s p%d\t%s found as %s: %s" % (
                u["role"], u["document"], u["page"], u["person"], found[u["index"]][1], written))
    split = defaultdict(Counter)
    for i, (pid, _) in found.items():
        split[units[i]["person"]][pid] += 1
    for person, held in sorted(split.items()):
        if len(held) > 1:
            out.append("split\t%s\t%s" % (person, "; ".join(
                "%s (%d)" % (shown[pid], n) for pid, n in held.most_common())))
    return out


def pairwise(s, found):
    """pairwise - precision, recall and F1 of "same person" over the units found"""
    units = s["mentions"]
    by_cluster, by_person, both = Counter(), Counter(), Counter()
    for i, (pid, _) in found.items():
        by_cluster[pid] += 1
        by_person[units[i]["person"]] += 1
        both[(pid, units[i]["person"])] += 1

    def pairs(counter):
        return sum(n * (n - 1) // 2 for n in counter.values())

    tp, pc, pp = pairs(both), pairs(by_cluster), pairs(by_person)
    p = tp / pc if pc else None
    r = tp / pp if pp else None
    f1 = 2 * p * r / (p + r) if p and r else (0.0 if p is not None and r is not None else None)
    return dict(precision=p, recall=r, f1=f1)


def dossier_rows(s, docs_of, owner):
    """dossier_rows - completeness and precision of each person's dossier, by role group.
    docs_of: {dossier: documents}; owner: {unit index: dossier} (None for the baseline,
    whose dossiers are keyed by person)"""
    units = s["mentions"]
    rows = {}
    for label, roles in (("all", tuple(ROLES)), ("accused", ("accused",)),
                         ("officials", OFFICIALS)):
        got = want = shown = 0
        for person, mine in s["docs_of"].items():
            if s["main_role"][person] not in roles:
                continue
            if owner is None:
                theirs = docs_of.get(person, set())
            else:
                held = Counter(owner[u["index"]] for u in units
                               if u["person"] == person and u["index"] in owner)
                theirs = docs_of.get(held.most_common(1)[0][0], set()) if held else set()
            got += len(theirs & mine)
            want += len(mine)
            shown += len(theirs)
        rows[label] = dict(completeness=got / want if want else None,
                           precision=got / shown if shown else None)
    return rows


def baseline(s, dokaz, data, out):
    """baseline - dossiers by plain name search: {person: documents}, or (None, why)"""
    docs_of, answers = {}, {}
    for person, p in s["persons"].items():
        query = "%s %s" % (p["rg"], p["rs"])
        got, why = dokaz_json(dokaz, data, "search", "--json", "--limit", "1000", query)
        if got is None:
            return None, why
        answers[person] = got
        docs_of[person] = {doc_name(s, h) for h in got.get("hits", [])
                           if h.get("match", "exact") != "possible"} - {None}
    save(out, "baseline.json", answers)
    return docs_of, None


def readable(s, dokaz, data, out):
    """readable - how many units' surnames (as written) a word of the page's OCR text
    resembles: what recall can reach on these scans. (count, None) or (None, why)"""
    words, shown = {}, {}
    for name, doc in s["documents"].items():
        got, why = dokaz_json(dokaz, data, "show", "--json", doc["sha256"])
        if got is None:
            return None, why
        shown[name] = got
        for p in got.get("pages") or []:
            words[(name, p.get("number"))] = set(norm(p.get("text") or "").split())
    save(out, "show.json", shown)
    n = 0
    for u in s["mentions"]:
        page = words.get((u["document"], u["page"]), set())
        n += any(difflib.SequenceMatcher(None, norm(sur), w).ratio() >= SIMILAR
                 for sur in u["surnames"] for w in page)
    return n, None


def load_set(path):
    """load_set - set.json with the indexes the scorer needs"""
    with open(path, encoding="utf-8") as f:
        s = json.load(f)
    s["by_sha"] = {d["sha256"]: name for name, d in s["documents"].items() if "sha256" in d}
    s["units_on"], s["forms"], s["docs_of"] = defaultdict(list), defaultdict(set), defaultdict(set)
    s["surnames"] = defaultdict(set)
    roles = defaultdict(Counter)
    for i, u in enumerate(s["mentions"]):
        u["index"] = i
        s["units_on"][u["document"]].append(u)
        s["forms"][u["person"]].update(norm(w) for w in u["written"].split(" | "))
        s["surnames"][u["person"]].update(norm(w) for w in u["surnames"])
        s["docs_of"][u["person"]].add(u["document"])
        roles[u["person"]][u["role"]] += 1
    s["main_role"] = {p: c.most_common(1)[0][0] for p, c in roles.items()}
    return s


def cell(v, width=9):
    """cell - a figure, or "-" """
    return ("%*.3f" % (width, v)) if isinstance(v, float) else "%*s" % (width, "-")


def table(s, rows, why, base, legible):
    """table - print the figures; 0 when every target is met, else 1"""
    docs = s["documents"]
    print("persons benchmark: %d documents (%d scanned, %d pages), %d persons, %d mentions "
          "(person and page)" % (len(docs), sum(d["kind"] != "txt" for d in docs.values()),
                                 sum(d["pages"] for d in docs.values()), len(s["persons"]),
                                 len(s["mentions"])))
    if legible is not None:
        print("surnames readable in the OCR text of their page: %d of %d (%.3f), the ceiling of "
              "recall" % (legible, len(s["mentions"]), legible / len(s["mentions"])))
    if rows is None:
        print("dokaz persons / dokaz person: not available (%s)" % why)
    print()
    print("%-16s %6s  %9s %9s %9s" % ("mentions", "truth", "precision", "recall", "role right"))
    fails = []
    for label in ROLES + ["officials", "all"]:
        n = sum(u["role"] in (OFFICIALS if label == "officials" else ROLES if label == "all"
                              else (label,)) for u in s["mentions"])
        r = rows[label] if rows else {}
        print("%-16s %6d  %s %s %s" % (label, n, cell(r.get("precision")),
                                       cell(r.get("recall")), cell(r.get("role"))))
        if label in ("accused", "officials", "all") and rows:
            for key, target in (("precision", "mentions"), ("recall", "mentions"),
                                ("role", "role")):
                v = r.get(key)
                if label != "all" or key == "role":
                    if v is None or v < TARGETS[target]:
                        fails.append("%s %s" % (label, key))
    c = rows["clustering"] if rows else {}
    print()
    print("%-16s %6s  %9s %9s %9s" % ("clustering", "", "precision", "recall", "F1"))
    print("%-16s %6s  %s %s %s" % ("same person", "pairs", cell(c.get("precision")),
                                   cell(c.get("recall")), cell(c.get("f1"))))
    if rows and (c.get("f1") is None or c["f1"] < TARGETS["f1"]):
        fails.append("clustering F1")
    print()
    print("%-16s %6s  %-23s %s" % ("dossiers", "", "dokaz person", "baseline: name search"))
    print("%-16s %6s  %11s %11s %11s %11s" % ("main role", "people", "complete", "precision",
                                              "complete", "precision"))
    for label in ("all", "accused", "officials"):
        roles = OFFICIALS if label == "officials" else ROLES if label == "all" else (label,)
        n = sum(s["main_role"][p] in roles for p in s["docs_of"])
        d = rows["dossier"][label] if rows else {}
        b = base[label] if base else {}
        print("%-16s %6d  %s %s %s %s" % (label, n, cell(d.get("completeness"), 11),
                                          cell(d.get("precision"), 11),
                                          cell(b.get("completeness"), 11),
                                          cell(b.get("precision"), 11)))
    if rows and (rows["dossier"]["all"]["completeness"] or 0) < TARGETS["dossier"]:
        fails.append("dossier completeness")
    print()
    if rows is None:
        print("targets (accused and officials P and R >= 0.95, roles >= 0.95, clustering F1 >= "
              "0.95, dossier completeness >= 0.98): not measured, the commands are missing")
        return 1
    if rows["misses"]:
        print("misses (also in DIR/out/misses.tsv):")
        for line in rows["misses"]:
            print("  " + line)
        print()
    print("targets (accused and officials P and R >= 0.95, roles >= 0.95, clustering F1 >= "
          "0.95, dossier completeness >= 0.98): %s" % (
              "met" if not fails else "not met: " + ", ".join(fails)))
    return 0 if not fails else 1


def main(argv):
    """main - ask dokaz, score, print"""
    if len(argv) != 4:
        sys.stderr.write(__doc__)
        return 2
    work, dokaz, data = argv[1:]
    s = load_set(os.path.join(work, "set.json"))
    out = os.path.join(work, "out")
    os.makedirs(out, exist_ok=True)
    dossiers, why = ask_persons(s, dokaz, data, out)
    rows = score_persons(s, dossiers) if dossiers is not None else None
    if rows is not None:
        with open(os.path.join(out, "misses.tsv"), "w", encoding="utf-8") as f:
            f.write("".join(line + "\n" for line in rows["misses"]))
    docs_of, bwhy = baseline(s, dokaz, data, out)
    if docs_of is None:
        sys.stderr.write("baseline search failed: %s\n" % bwhy)
        return 2
    base = dossier_rows(s, docs_of, None)
    legible, why_not = readable(s, dokaz, data, out)
    if legible is None:
        sys.stderr.write("dokaz show failed: %s\n" % why_not)
    return table(s, rows, why, base, legible)


if __name__ == "__main__":
    sys.exit(main(sys.argv))
