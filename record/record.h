/*
 * record.h - what dokaz knows about each stored item, beside its bytes, as
 * typed records. This is the whole public API of the record subsystem, the
 * only code that reads or writes these files:
 *
 *   DATA/items/ab/receptions-c.jsonl    one JSON line per reception (chain of custody:
 *                                       sha256, time, path, name, size, mtime_ns, parent,
 *                                       member, collection) of every item whose hash
 *                                       starts with abc (reception_log.c)
 *   DATA/items/ab/<sha>.result.json.gz  the processing result, replaced once per run,
 *                                       gzip-compressed JSON:
 *                                       {"version","sha256","mime","status","reason",
 *                                        "pages":[…],"children":[…],"meta":{…},
 *                                        "skipped":[…],"derived":…}
 *
 * (an item recorded by a dokaz before 2026-12-06 keeps them in a folder of
 * its own, DATA/items/ab/<sha>/received.jsonl and so on: see item_file; one
 * recorded by a dokaz before the reception logs (2026-12-06, later) has its
 * receptions in a file of its own, DATA/items/ab/<sha>.received.jsonl,
 * without "sha256" in its lines).
 * Receptions are appended (O_APPEND, one write per line); results are replaced
 * atomically. Both stay JSON so that people and tools can read them directly
 * (`zcat result.json.gz`); a result is compressed because it is most of the
 * data directory's bytes after the originals and the index (a page's text
 * and what was derived from it, about 7 times smaller in gzip). A result
 * saved uncompressed as result.json, by a dokaz before compressed records,
 * is read as it is, and goes when the item's result is next saved.
 * A result is saved with "version": RECORD_VERSION; one without "version" was
 * written before records were typed and is read as version 1 (same fields).
 *
 * Ownership: every item_result and item_receptions is owned by whoever got
 * it (from a _load, _new or _failed call) and freed with its _free function,
 * which frees every string, array and `derived` object inside it. Strings
 * passed in are copied; a `derived` object passed in is taken over (the
 * caller's reference goes to the record).
 */
#ifndef DOKAZ_RECORD_H
#define DOKAZ_RECORD_H

#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/types.h>
#include <json-c/json.h>

/* The version a result is saved with. 3: pages hold their persons, a page's
 * source may be "text-layer+ocr", and items an older dokaz could not read
 * (legacy Office files, zip members' UTF-8 names, e-mail HTML parts) are
 * read again. 4: each person has its role and birth date. 5: an accused
 * person has what the page decides about them (derive.h's "decision"). */
#define RECORD_VERSION 5

/* What came of processing an item. The words are what result.json says. */
typedef enum {
    ITEM_DONE,        /* "done": read (it may still have no pages) */
    ITEM_FAILED,      /* "failed": could not be read; reason says why */
    ITEM_UNSUPPORTED, /* "unsupported": stored, of a type dokaz cannot read */
    ITEM_ENCRYPTED    /* "encrypted": stored, needs a password to be read */
} item_status;

/* item_status_name - "done", "failed", "unsupported", "encrypted" */
const char *item_status_name(item_status status);

/* item_status_parse - the status a word names; -1 for any other word */
int item_status_parse(const char *word, item_status *status);

/* How a page's text was obtained (the same words as extract's page_source). */
typedef enum {
    ITEM_SOURCE_PLAIN,         /* "plain": the file is text */
    ITEM_SOURCE_TEXT_LAYER,    /* "text-layer": a PDF page's own text */
    ITEM_SOURCE_OCR,           /* "ocr": recognised from an image */
    ITEM_SOURCE_TEXT_LAYER_OCR /* "text-layer+ocr": a PDF page's own text, then
                                  the text of its pictures, recognised */
} item_source;

/* item_source_name - "plain", "text-layer", "ocr", "text-layer+ocr" */
const char *item_source_name(item_source source);

/* item_source_parse - the source a word names; -1 for any other word */
int item_source_parse(const char *word, item_source *source);

/* One reception of an item. Any string may be NULL. */
typedef struct {
    const char *time;       /* UTC, "2025-03-01T10:00:00.000Z"; NULL on add: now */
    const char *path;       /* absolute path it was received from */
    const char *name;       /* file name (last path part, or member's last part) */
    const char *parent;     /* sha256 of the archive/email it came out of */
    const char *member;     /* path inside that parent */
    const char *collection; /* the collection it was received into (ingest/collection.h);
                             * NULL in receptions recorded before collections existed */
    uint64_t size;
    int64_t mtime_ns; /* the source file's modification time, 0 if unknown */
} item_reception;

/* Every reception of an item, oldest first; the list owns its strings. */
typedef struct {
    item_reception *list;
    size_t n;
} item_receptions;

/* One page of a result. */
typedef struct {
    int number; /* 1-based */
    char *text; /* UTF-8, never NULL in a loaded or built record */
    item_source source;
    double confidence;    /* mean OCR word confidence 0..100; < 0: none */
    bool blank;           /* an OCR page found blank (not recognised) */
    json_object *derived; /* derived data ("derived"), kept untouched; NULL: none */
} item_page;

/* A member stored as an item of its own. */
typedef struct {
    char *sha256;
    char *member; /* its path inside this item */
    uint64_t size;
} item_child;

/* A name/value pair of the item's metadata (e-mail headers, document title). */
typedef struct {
    char *name;
    char *value;
} item_meta;

/* A member that was not stored, and why. */
typedef struct {
    char *member;
    char *reason;
} item_skip;

/* The processing result of an item. Read its fields; change it only with
 * the functions below. */
typedef struct {
    int version; /* RECORD_VERSION when built; 1 for an old record */
    char *sha256;
    char *mime; /* NULL when the item could not be identified */
    item_status status;
    char *reason; /* NULL when there is nothing to say */
    item_page *pages;
    size_t npages;
    item_child *children;
    size_t nchildren;
    item_meta *meta; /* in the order first added; names are unique */
    size_t nmeta;
    item_skip *skipped;
    size_t nskipped;
    json_object *derived; /* item-level derived data ("derived"); NULL: none */
} item_result;

/* item_file - where the item's file `name` (a record, or a file made from
 * the item such as LibreOffice's converted.pdf) is or goes:
 * DATA/items/ab/<sha>.<name>, or DATA/items/ab/<sha>/<name> for an item an
 * older dokaz gave a folder of its own (item_in_folder) (malloc'd) */
char *item_file(const char *data_dir, const char *sha256, const char *name);

/* item_in_folder - whether the item has a folder of its own, as a dokaz
 * before 2026-12-06 gave every item */
bool item_in_folder(const char *data_dir, const char *sha256);

/* item_file_rel - the file `name` of the item relative to a data
 * directory: items/ab/<sha>.<name>, or items/ab/<sha>/<name> when in_folder
 * (malloc'd) */
char *item_file_rel(const char *sha256, const char *name, bool in_folder);

/* item_files_dir - the folder the item's files are in: DATA/items/ab, or
 * the item's own (malloc'd) */
char *item_files_dir(const char *data_dir, const char *sha256);

/* item_file_made - item_file, the folder it goes in made first (with mode)
 * when it is not there; NULL with *err when it cannot be */
char *item_file_made(const char *data_dir, const char *sha256, const char *name, mode_t mode,
                     char **err);

/* item_resolve - the full sha256 of the only item whose hash starts with `prefix`
 * (at least 4 hex digits); malloc'd, or NULL with a message (none / ambiguous) */
char *item_resolve(const char *data_dir, const char *prefix, char **err);

/* item_reception_log_rel - items/ab/receptions-c.jsonl, the log the item's
 * receptions go to unless it has a file of its own (malloc'd) */
char *item_reception_log_rel(const char *sha256);

/* item_received - whether the data directory holds a reception of the item */
bool item_received(const char *data_dir, const char *sha256);

/* item_reception_add - append one reception to the item's receptions (its
 * log, or its own file when an older dokaz gave it one) */
int item_reception_add(const char *data_dir, const char *sha256, const item_reception *r,
                       char **err);

/* item_reception_record - item_reception_add (without the fsync unless
 * `sync`) that also gives the SHA-256 of the item's receptions after it
 * into bound[65], as item_record_sha256 would; reads only the lines appended
 * since this process last looked, while it looks at the same file */
int item_reception_record(const char *data_dir, const char *sha256, const item_reception *r,
                          int sync, char bound[65], char **err);

/* item_reception_names - 1 when a reception of the item names `collection`,
 * 0 when none does (or there is none), -1 when they cannot be read */
int item_reception_names(const char *data_dir, const char *sha256, const char *collection);

/* item_receptions_load - every reception of the item; NULL with *err when it
 * has none or they cannot be read (a damaged line is skipped) */
item_receptions *item_receptions_load(const char *data_dir, const char *sha256, char **err);

/* item_receptions_first - the first reception, or NULL (also for a NULL list) */
const item_reception *item_receptions_first(const item_receptions *list);

/* item_receptions_free - free the list and its strings (NULL is fine) */
void item_receptions_free(item_receptions *list);

/* item_reception_json - a reception as a JSON object, without the item's
 * hash (caller puts it) */
json_object *item_reception_json(const item_reception *r);

/* item_result_new - an empty result: status done, no mime, no pages */
item_result *item_result_new(const char *sha256);

/* item_result_failed - a result for an item that could not be processed */
item_result *item_result_failed(const char *sha256, const char *mime, const char *reason);

/* item_result_set_outcome - set mime, status and reason (copied; NULL allowed) */
void item_result_set_outcome(item_result *r, const char *mime, item_status status,
                             const char *reason);

/* item_result_add_page - append a copy of *page (its text: NULL is kept as "");
 * the record takes page->derived */
void item_result_add_page(item_result *r, const item_page *page);

/* item_result_set_derived - give page `index` (0-based) the data derived from
 * it, or the item itself when index is r->npages (an item without pages);
 * the record takes `derived` and frees what was there */
void item_result_set_derived(item_result *r, size_t index, json_object *derived);

/* item_result_add_child - append a stored member */
void item_result_add_child(item_result *r, const char *sha256, const char *member, uint64_t size);

/* item_result_add_meta - meta[name] = value; a repeated name's values are joined
 * with ", " in the order they came */
void item_result_add_meta(item_result *r, const char *name, const char *value);

/* item_result_add_skipped - append a member that was not stored */
void item_result_add_skipped(item_result *r, const char *member, const char *reason);

/* item_result_meta_pairs - the meta as NULL-terminated name/value pairs
 * {"from", "a@b", "subject", "x", NULL}, the form derive_page and the index
 * take; NULL when there is none. The strings stay the record's: g_free only
 * the array, and use it no longer than the record. */
const char **item_result_meta_pairs(const item_result *r);

/* item_result_meta - the value of meta `name`, or NULL (also for a NULL result) */
const char *item_result_meta(const item_result *r, const char *name);

/* item_result_load - the item's result; NULL with *err when there is none or
 * it is not a result record (bad JSON, unknown status, wrong types) */
item_result *item_result_load(const char *data_dir, const char *sha256, char **err);

/* A reader of a result's pages, one at a time (record/result_stream.c), so
 * that an item with a 100 MB text is never held whole: its pages are cut to
 * at most a few hundred KiB each. Owned by whoever opened it. */
typedef struct item_page_reader item_page_reader;

/* item_result_open - the item's result without its pages (npages 0) and
 * without its member lists (nchildren and nskipped 0: an archive's may name
 * 100,000 members, which indexing has no use for; item_result_load has them),
 * after every page was read and checked once, and in *pages a reader of them
 * (freed with item_page_reader_free); NULL with *err as item_result_load */
item_result *item_result_open(const char *data_dir, const char *sha256, item_page_reader **pages,
                              char **err);

/* item_page_reader_count - how many pages the record holds */
size_t item_page_reader_count(const item_page_reader *pages);

/* The member of a page's derived data (derive/derive.h's JSON form) that
 * holds its fields, which item_page_reader_fields gathers. */
#define RECORD_DERIVED_FIELDS "fields"

/* item_page_reader_fields - the RECORD_DERIVED_FIELDS members of the pages'
 * derived data, each that differs from all before it, in the order of the
 * pages (a JSON array, the reader's: valid until item_page_reader_free; empty
 * when no page has any): the fields of the whole item, known before its
 * first page is read */
json_object *item_page_reader_fields(const item_page_reader *pages);

/* item_page_reader_next - the next page in *page: 1; 0 after the last; -1
 * with *err. The page (its text and derived data) is the reader's, valid
 * until the next call. */
int item_page_reader_next(item_page_reader *pages, const item_page **page, char **err);

/* item_page_reader_free - close it (NULL is fine) */
void item_page_reader_free(item_page_reader *pages);

/* item_result_text - the item's saved result as the JSON text it holds,
 * decompressed, NUL-terminated, its length in *len (when not NULL); g_free.
 * NULL with *err when it has none or it cannot be read. For people and
 * tests that look at the record as saved; dokaz itself reads it typed. */
char *item_result_text(const char *data_dir, const char *sha256, size_t *len, char **err);

/* item_result_version - the version of the item's saved result, read cheaply
 * (the first bytes of a record this dokaz saved; any other is loaded whole):
 * 1 for a record without "version", 0 when the item has no result, -1
 * with *err when it cannot be read or is not a result record. A version newer
 * than RECORD_VERSION is returned as it is. */
int item_result_version(const char *data_dir, const char *sha256, char **err);

/* An item's record files, whose hashes the audit log keeps. */
typedef enum {
    ITEM_RECORD_RECEPTIONS, /* its lines of receptions-c.jsonl (or its own received.jsonl) */
    ITEM_RECORD_RESULT      /* result.json.gz (or, saved by an older dokaz, result.json) */
} item_record_file;

/* The name under which a dokaz before compressed records saved a result,
 * uncompressed; read when an item has no result.json.gz. */
#define RECORD_RESULT_UNCOMPRESSED "result.json"

/* item_record_name - "received.jsonl" or "result.json.gz": the name a record
 * is saved under */
const char *item_record_name(item_record_file which);

/* item_record_rel - where the item's record is, relative to DATA, for
 * messages: its file, or the log that holds its receptions (malloc'd) */
char *item_record_rel(const char *data_dir, const char *sha256, item_record_file which);

/* item_record_found - the name of the item's record file as it stands:
 * item_record_name's, or RECORD_RESULT_UNCOMPRESSED for a result only an
 * older dokaz saved (a static string) */
const char *item_record_found(const char *data_dir, const char *sha256, item_record_file which);

/* item_record_sha256 - the SHA-256 of the item's record (as found, the
 * bytes on disk: for receptions, the item's lines of its log) into hex[65]:
 * 0; 1 when the item has no such record; -1 with *err when it cannot be
 * read */
int item_record_sha256(const char *data_dir, const char *sha256, item_record_file which,
                       char hex[65], char **err);

/* item_result_save - replace the item's result.json.gz atomically (and
 * remove a result.json an older dokaz left) */
int item_result_save(const char *data_dir, const item_result *r, char **err);

/* item_result_write - item_result_save without the fsyncs (fs_write_replace):
 * the caller makes the record durable before anything depends on it (a
 * worker's records: the supervisor's syncfs before the group's commit) */
int item_result_write(const char *data_dir, const item_result *r, char **err);

/* The member lists of an item being processed ("children" and "skipped"),
 * written out as they come (record/member_spool.c) instead of held, so
 * that an archive of 100,000 members costs its worker no memory per member:
 * each list goes to an unnamed temporary file beside the item's records, and
 * item_result_write_spooled copies them into the result. Owned by whoever
 * opened it; item_member_spool_free closes it (the files go with it). */
typedef struct item_member_spool item_member_spool;

/* item_member_spool_open - empty lists for item sha256; NULL with *err */
item_member_spool *item_member_spool_open(const char *data_dir, const char *sha256, char **err);

/* item_member_spool_child - append a stored member (as item_result_add_child) */
int item_member_spool_child(item_member_spool *s, const char *sha256, const char *member,
                            uint64_t size, char **err);

/* item_member_spool_skipped - append a member that was not stored (as
 * item_result_add_skipped) */
int item_member_spool_skipped(item_member_spool *s, const char *member, const char *reason,
                              char **err);

/* item_member_spool_count - how many members the lists hold, stored and
 * skipped (0 for NULL) */
size_t item_member_spool_count(const item_member_spool *s);

/* item_member_spool_free - close the lists (NULL is fine) */
void item_member_spool_free(item_member_spool *s);

/* item_result_write_spooled - item_result_write of r with the spool's lists
 * after r's own (spool NULL: none); the file is the one item_result_json
 * describes, written in pieces, never held whole */
int item_result_write_spooled(const char *data_dir, const item_result *r, item_member_spool *spool,
                              char **err);

/* item_result_json - the result as saved, version included (caller puts it) */
json_object *item_result_json(const item_result *r);

/* item_result_free - free the result and all it holds (NULL is fine) */
void item_result_free(item_result *r);

#endif
