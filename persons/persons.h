/*
 * persons.h - persons across documents: the whole public API of the
 * persons subsystem.
 *
 * The worker stores each page's persons with their roles and birth dates
 * (derive/). This table joins them across every processed item: mentions
 * with the same surname key whose given names, patronymics, sex and birth
 * dates agree are one person; a different birth date, or a different
 * patronymic where both are written, keeps namesakes apart; a mention
 * written with initials only joins the one person it can be (the one of
 * the same document, else of the same case, else the only candidate). It
 * is built from the records when asked for (`dokaz persons`), never in the
 * supervisor's path.
 *
 * A person's id is the first 12 hex digits of the SHA-256 of its most
 * complete mention's keys (surname, given name, patronymic, birth date), so
 * it stays the same as long as that mention does. A user's merge of two
 * persons (persons_merge) and split of one (persons_split) are kept in the
 * audit log and applied, in order, each time the table is built. A
 * mention's id is its document's first 12 hex digits, its page and its
 * word position: "3fa2c1b0d9e8-1-17".
 *
 * The JSON forms (persons_list_json, persons_dossier_json):
 *   {"persons":[{"id","names":[as written...],"born":"YYYY-MM-DD" or null,
 *                "roles":["accused",...],"cases":["1-234/2024",...],"documents":N}]}
 *   {"query","persons":[{"id","names","born","roles",
 *                        "born_place":{"place":"г. Гомеля","sha256"} or null,
 *                        "addresses":[{"address":"г. Минск, ул. Ленина, д. 5","sha256"},...],
 *                        "cases":[{"case","documents":[{"sha256","name","member",
 *                                  "type","date","courts","articles","role","pages":[N,...],
 *                                  "mentions":[[page,word position],...],
 *                                  "mention_ids":["3fa2c1b0d9e8-1-17",...],
 *                                  "decision"}]}]}]}
 * The birthplace and addresses are as a paper writes them, from the
 * document of that sha256. Documents are in date order (undated last);
 * case numbers that stand together on one paper are one case, across all
 * papers (an investigators' summons and the court's verdict naming both
 * numbers), named by its numbers, the court's first: "1-234/2024 /
 * 20211500123"; documents with no case number are under "case": null.
 */
#ifndef DOKAZ_PERSONS_H
#define DOKAZ_PERSONS_H

#include <json-c/json.h>

/* The role filter that stands for every official's role. */
#define PERSONS_OFFICIAL "official"

/* The persons of a data directory; owned by whoever built it. */
typedef struct persons persons;

/* persons_build - read every processed item's record under data_dir (of
 * the collections granted, NULL-terminated, when not NULL: a user limited
 * to them sees nothing of the others, not even a file name) and join their
 * persons; NULL with *err when the records cannot be listed or the name
 * rules cannot be built (a record that cannot be read is left out and
 * counted in *skipped, which may be NULL) */
persons *persons_build(const char *data_dir, const char *const *granted, size_t *skipped,
                       char **err);

/* persons_merge - log that persons keep and gone (full ids of t) are one,
 * as user said: the next table built joins gone's mentions to keep; -1 with
 * *err when an id is unknown or the log cannot be written */
int persons_merge(const char *data_dir, const persons *t, const char *keep, const char *gone,
                  const char *user, char **err);

/* persons_split - log that the mentions (ids, NULL-terminated) of person
 * id are another person, as user said, and make it so in t: new_id[13]
 * gets the new person's id; the next table built splits them again, even
 * when the persons were joined otherwise. -1 with *err when the id is
 * unknown, a mention is not the person's, or none or all of them are named,
 * or the log cannot be written */
int persons_split(const char *data_dir, persons *t, const char *id, const char *const *mentions,
                  const char *user, char new_id[13], char **err);

/* persons_documents - the SHA-256 of every document of the person with
 * this id (or its first six digits or more; one person only), in date
 * order (g_strfreev); NULL with *err when no person or several have it */
char **persons_documents(const persons *t, const char *id, char **err);

/* persons_free - free the table (NULL is fine) */
void persons_free(persons *t);

/* persons_role_valid - whether a role filter is a role's name or
 * PERSONS_OFFICIAL */
int persons_role_valid(const char *role);

/* persons_list_json - the list form, of the persons with role (NULL: all;
 * PERSONS_OFFICIAL: judges, prosecutors, investigators and other
 * officials); most documents first (a new object: json_object_put it) */
json_object *persons_list_json(const persons *t, const char *role);

/* persons_in_document_json - {"persons": [...]}: the dossier form of each
 * person document sha names, in the list's order (most documents first);
 * none when no document has sha (a new object: json_object_put it) */
json_object *persons_in_document_json(const persons *t, const char *sha);

/* Which persons a list shows: those with a document that fits every
 * member given (and the role in that same document); NULL or 0: any. */
typedef struct {
    const char *role; /* a role's name or PERSONS_OFFICIAL */
    const char *court; /* as typed: "Минский городской", "Центрального района" */
    const char *article; /* as typed: "342", "ч.1 ст.342", "342/1" */
    int year;            /* the document's date's year */
} persons_filter;

/* persons_filtered_json - the list form of the persons the filter lets
 * through, most documents first (a new object: json_object_put it); NULL
 * with *err when the role is none, the court names no court or the article
 * is none */
json_object *persons_filtered_json(const persons *t, const persons_filter *f, char **err);

/* One person a filter lets through, with what a list sorts it by. */
typedef struct {
    size_t index;     /* its place in the table (for persons_row_json) */
    const char *id;   /* the table's: valid while it is */
    const char *name; /* its first name as written, the table's; "" for none */
    int documents;    /* the documents that name it */
    int cases;        /* the cases of those documents */
    char last[24];    /* the date of its latest dated document; "" for none */
} persons_row;

/* persons_rows - the persons the filter lets through (the same as
 * persons_filtered_json's), in the table's order: *rows a new array of *n
 * (free it); -1 with *err as persons_filtered_json */
int persons_rows(const persons *t, const persons_filter *f, persons_row **rows, size_t *n,
                 char **err);

/* persons_row_json - the list form of a row's person (a new object:
 * json_object_put it) */
json_object *persons_row_json(const persons *t, const persons_row *r);

/* What a table is built from, as it stands: two stamps read at two times
 * differ when an item was processed or taken back, or anything was logged
 * in the audit log (a reception, a merge, a split), in between. */
typedef struct {
    long long done_sec, done_nsec;         /* DATA/queue/done's time */
    long long log_sec, log_nsec, log_size; /* DATA/audit.log's time and size */
} persons_stamp;

/* persons_stamp_read - the stamp of data_dir now (a file that is not there
 * counts as zeros) */
void persons_stamp_read(const char *data_dir, persons_stamp *s);

/* persons_stamp_settled - whether a change after the stamp was read would
 * show in a later one: its files' times are some seconds older than now
 * (seconds since the epoch), as a file's time is coarse */
int persons_stamp_settled(const persons_stamp *s, long long now);

/* persons_dossier_json - the dossier form of the persons a query names: a
 * person's id, or a name ("Иванов Сергей", "Ivanou S.", "Іваноў С.М."),
 * the persons whose surname and written parts agree, best first (a new
 * object: json_object_put it) */
json_object *persons_dossier_json(const persons *t, const char *query);

#endif
