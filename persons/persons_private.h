/*
 * persons_private.h - private to persons/: the documents and mentions
 * read from the records (collect.c; a mention's parts kept compact by
 * parts.c), their case numbers joined into cases
 * (cases.c), mentions joined into persons (cluster.c, cluster_index.c) and
 * by the users' merges (merges.c), found by a query (persons.c) and written
 * as JSON (json.c, its places by places.c).
 */
#ifndef DOKAZ_PERSONS_PRIVATE_H
#define DOKAZ_PERSONS_PRIVATE_H

#include "persons/persons.h"
#include "derive/derive.h"

#include <glib.h>

/* A case's label's size, NUL included: "1-234/2024 / 20211500123". */
#define PS_CASE_LABEL_MAX 128

/* One processed item: what its pages say about it. */
typedef struct {
    char *sha256, *name, *member;       /* name and member may be NULL */
    const char *type;                   /* FIELDS_* of its first typed page */
    char date[24];                      /* "YYYY-MM-DD" of its first date that is no birth date */
    char **cases;                       /* its case numbers, NULL-terminated; after
                                     ps_join_cases its case's, the court's first */
    char case_label[PS_CASE_LABEL_MAX]; /* its case's numbers joined by " / "; "": none */
    char **courts;                      /* its courts' keys ("gor minsk"), NULL-terminated */
    char **court_labels;                /* their names as written, NULL-terminated */
    char **articles; /* its articles and parts ("342", "342/1"), NULL-terminated */
} ps_doc;

/* A page's person's parts (derive_person's but its places), its keys the
 * table's own strings (parts.c): two parts have one key when they have one
 * address. A part not written is "". */
typedef struct {
    unsigned pos;
    const char *surname[DERIVE_PART_KEYS];
    const char *given[DERIVE_PART_KEYS];
    const char *patronymic;
    char given_initials[DERIVE_INITIALS_MAX];
    char patronymic_initials[DERIVE_INITIALS_MAX];
    names_sex sex;
    int accused;
    derive_role role;
    fields_date born;
    derive_decision decision;
} ps_parts;

/* A page's person's birthplace and addresses, NULL where none. */
typedef struct {
    char *born_place;
    char *addresses[DERIVE_ADDRESSES];
} ps_places;

/* One person a page names, with the person it is joined to. */
typedef struct {
    size_t doc;
    int page;
    ps_parts p;
    ps_places *places; /* NULL when it writes none */
    char *written;     /* the words as the page writes them (g_free) */
    size_t person;     /* index in the table's persons (after the merges) */
} ps_mention;

/* A person: its mentions' indexes and what they agree on. */
typedef struct {
    char id[13];
    GArray *mentions; /* size_t */
    ps_parts best;    /* the most complete mention's parts, completed by the others */
} ps_person;

struct persons {
    GPtrArray *docs;    /* ps_doc */
    GArray *mentions;   /* ps_mention */
    GPtrArray *persons; /* ps_person */
    GHashTable *keys;   /* the name keys parts point to, each once */
    deriver *rules;     /* for queries */
};

/* ps_parts_of - a page's person's parts into out, its keys t's (those t
 * lacks added) */
void ps_parts_of(persons *t, const derive_person *p, ps_parts *out);

/* ps_parts_asked - a query's person's parts into out: its keys t's, or,
 * those t lacks, its own (which equal no key of t's) */
void ps_parts_asked(const persons *t, const derive_person *p, ps_parts *out);

/* ps_places_of - a page's person's places, NULL when it writes none */
ps_places *ps_places_of(const derive_person *p);

/* ps_places_free - free them (NULL is fine) */
void ps_places_free(ps_places *pl);

/* ps_collect - the documents and mentions of every done item (of the
 * collections granted, when not NULL) */
int ps_collect(persons *t, const char *data_dir, const char *const *granted, size_t *skipped,
               char **err);

/* What clustering keeps beside the table (cluster_index.c): the persons
 * filed under their name's keys, the documents and cases of their
 * mentions, and the ids taken. Owned by ps_cluster. */
typedef struct ps_index ps_index;

/* ps_index_new - t's persons so far filed, with their mentions' documents */
ps_index *ps_index_new(persons *t);

/* ps_index_free - free it (NULL is fine) */
void ps_index_free(ps_index *c);

/* ps_index_file - person i (of t's persons) filed under its keys; its id
 * is taken from then on */
void ps_index_file(ps_index *c, guint i);

/* ps_index_note_doc - person p has a mention in document doc */
void ps_index_note_doc(ps_index *c, size_t p, size_t doc);

/* ps_index_near - the persons with a mention in document doc (and, with
 * same_case, in a document sharing a case number with it), ascending, each
 * once; the index's, valid until the next call */
const GArray *ps_index_near(ps_index *c, size_t doc, int same_case);

/* The lists of persons a mention's candidates are in, and how many they
 * hold: two surname keys, each with its given name's keys and "", or with
 * every symbol its initials may stand for, fit. */
enum { PS_CANDIDATE_LISTS = DERIVE_PART_KEYS * 64 };
typedef struct {
    const GArray *lists[PS_CANDIDATE_LISTS]; /* guint, ascending, each an index's own */
    size_t n, total;
} ps_candidates;

/* ps_index_candidates - the lists holding every person ps_cluster's agrees
 * may say yes to for m (a superset of those it does; one person may be in
 * two lists) into out, valid until the index next changes */
void ps_index_candidates(ps_index *c, const ps_parts *m, ps_candidates *out);

/* ps_index_set_id - p's id: from its first mention's keys, made unique
 * among those taken */
void ps_index_set_id(const ps_index *c, ps_person *p);

/* ps_join_cases - join the numbers each document names together into one
 * case across all documents (union-find), and give each document its
 * case's numbers and label (cases.c) */
void ps_join_cases(persons *t);

/* ps_cluster - join the mentions into persons */
void ps_cluster(persons *t);

/* ps_apply_merges - the merges and splits users logged (merges.c); -1
 * with *err when the audit log cannot be read */
int ps_apply_merges(persons *t, const char *data_dir, char **err);

/* A mention's id's size, NUL included: "3fa2c1b0d9e8-1-17". */
#define PS_MENTION_ID_MAX 40

/* ps_mention_id - the id of mention m (its document, page and position) */
void ps_mention_id(const persons *t, const ps_mention *m, char out[PS_MENTION_ID_MAX]);

/* ps_agrees - whether mention a and b may be one person (surnames share a
 * key; given names, patronymics, their initials, sex and birth dates do not
 * disagree) */
int ps_agrees(const ps_parts *a, const ps_parts *b);

/* ps_born_text - a birth date as "YYYY-MM-DD", "YYYY-MM" or "YYYY" into
 * out[16]; "" when none */
void ps_born_text(const fields_date *d, char out[16]);

/* A filter ready to apply: persons_filter's values as the fields read them. */
typedef struct {
    const char *role;   /* NULL: any */
    char **court_words; /* every one a word of a court's key; NULL: any */
    char article[32];   /* "342", "342/1"; "": any */
    int year;           /* 0: any */
} ps_filter;

/* ps_person_row - whether the person fits the filter (one of their
 * documents is of its court, article and year, with them in its role
 * there; with only a role, one of their mentions has it), and their row
 * into r */
int ps_person_row(const persons *t, const ps_person *p, const ps_filter *f, persons_row *r);

/* ps_person_json - a person's list form (cases as labels) or, with
 * dossier, its dossier form */
json_object *ps_person_json(const persons *t, const ps_person *p, int dossier);

/* ps_places_json - the person's "born_place" and "addresses" of the
 * dossier form, with the documents they came from, into o (places.c) */
void ps_places_json(const persons *t, const ps_person *p, json_object *o);

#endif
