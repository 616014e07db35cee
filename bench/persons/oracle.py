#!/usr/bin/env python3
"""oracle.py - a stand-in for dokaz that answers from the truth, to check score.py itself.

  PERSONS_SET=DIR/set.json DOKAZ_REAL=build/cli/dokaz PERSONS_ORACLE=perfect|flawed \\
      oracle.py persons --data DATA --json | person --data DATA --json ID | search ...

Used by `bench/persons/run --check-scorer`: before the persons commands exist,
it shows that the scorer reads their JSON contract (issue 14) and that its
figures can fail. "perfect" answers the truth itself (every figure 1.000);
"flawed" makes known mistakes: the namesakes ivanov_s85 and ivanov_s91 are
one person, witnesses are given the role "other", and the English letters are
missed. `search` and `show` are handed to the real dokaz (DOKAZ_REAL), for the baseline
and the OCR text.
"""
import json
import os
import sys
from collections import defaultdict


def dossiers(s, flawed):
    """dossiers - {id: the person --json entry} from the truth, flawed or not"""
    out = {}
    for u in s["mentions"]:
        person, role = u["person"], u["role"]
        doc = s["documents"][u["document"]]
        if flawed:
            if person == "ivanov_s91":
                person = "ivanov_s85"
            if role == "witness":
                role = "other"
            if doc["kind"] == "txt":
                continue
        p = out.setdefault(person, dict(id=person, names=[], born=None, roles=[],
                                        cases=defaultdict(dict)))
        name = u["written"].split(" | ")[0].replace("\n", " ")
        if name not in p["names"]:
            p["names"].append(name)
        if role not in p["roles"]:
            p["roles"].append(role)
        p["born"] = p["born"] or s["persons"][u["person"]]["born"]
        e = p["cases"][doc["case"]].setdefault(u["document"], dict(
            sha256=doc.get("sha256"), name=u["document"], member=None, type=doc["type"],
            date=None, role=role, pages=[]))
        e["pages"].append(u["page"])
    for p in out.values():
        p["cases"] = [dict(case=c, documents=list(docs.values()))
                      for c, docs in p["cases"].items()]
    return out


def main(argv):
    """main - answer persons and person from the truth, hand search and show to dokaz"""
    if len(argv) > 1 and argv[1] in ("search", "show"):
        os.execv(os.environ["DOKAZ_REAL"], [os.environ["DOKAZ_REAL"]] + argv[1:])
    with open(os.environ["PERSONS_SET"], encoding="utf-8") as f:
        s = json.load(f)
    got = dossiers(s, os.environ.get("PERSONS_ORACLE") == "flawed")
    args = [a for a in argv[2:] if a != "--json"]
    if "--data" in args:
        i = args.index("--data")
        del args[i:i + 2]
    if argv[1] == "persons":
        print(json.dumps(dict(persons=[dict(id=p["id"], names=p["names"], born=p["born"],
                                            roles=p["roles"], cases=[c["case"] for c in p["cases"]],
                                            documents=sum(len(c["documents"]) for c in p["cases"]))
                                       for p in got.values()]), ensure_ascii=False))
        return 0
    if argv[1] == "person" and args and args[0] in got:
        print(json.dumps(dict(query=args[0], persons=[got[args[0]]]), ensure_ascii=False))
        return 0
    sys.stderr.write(__doc__)
    return 2


if __name__ == "__main__":
    sys.exit(main(sys.argv))
