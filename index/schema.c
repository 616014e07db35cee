/*
 * schema.c - the index writer: how the pages of an item become Xapian
 * documents (the schema is described in schema.h).
 *
 * An item's pages go into one document, or into several when their text
 * is long (CHUNK_BYTES each, so that a hit never reads more than that): a
 * search ranks files, Xapian's work grows with the number of documents a
 * query's words are on, and a file's words are stored once, not once a
 * page. Each page's words start PAGE_GAP positions after the last of the
 * page before, so that no phrase or name matches across two pages; the
 * document's data keeps each page's number and text, from which a hit
 * tells on which page its words are (hits.c).
 *
 * Besides its words, a page gets the name keys of its words and the fields
 * of its item (index/item_fields.h), as the worker derived them (derive/).
 * The service gives the fields of all the item's pages first
 * (index_item_fields), so each document is written once, complete; a caller
 * that does not has them kept while the item's pages come in and brought
 * onto its earlier documents when the next item starts or at commit.
 * Nothing is derived here.
 *
 * Re-indexing must be idempotent, since a crashed job is simply run again:
 * every document is stored with replace_document on its unique term
 * Q<sha>:<its first page>, so adding the pages twice leaves one document.
 * Items whose page count shrank are handled by index_remove_item (XS<sha>)
 * before indexing them anew.
 *
 * Functions: index_writer_open, index_item_fields, index_add_page,
 * index_end_item, index_remove_item, index_set_anchor, index_commit,
 * index_writer_close.
 */
#include "index/index.h"
#include "index/schema.h"
#include "index/xapian/xapian_c.h"
#include "index/item_fields.h"
#include "index/person_terms.h"
#include "common/error.h"
#include "common/xalloc.h"

#include <ctype.h>
#include <errno.h>
#include <glib.h>
#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct index_writer {
    xc_wdb *db;
    xc_termgen *tg; /* one generator for all documents: it holds the stemmer */
    char *dir;
    ix_item *item; /* fields of the item being indexed (item_fields.h) */
    /* The document the item's pages are going into, written when it is
     * full, when the item ends and at a commit (write_chunk); NULL: none. */
    xc_doc *chunk;
    json_object *chunk_data;            /* its data (schema.h) */
    json_object *chunk_pages;           /* its "pages" array, chunk_data's */
    int chunk_page;                     /* its first page, in its unique term */
    char chunk_unique[IX_SHA_LEN + 32]; /* that term (IX_UNIQUE_FORMAT) */
    int chunk_last;                     /* the last page added to it */
    size_t chunk_bytes;                 /* the text of its pages */
    unsigned chunk_next;                /* the position after which its next page's words go */
};

/* Gap in term positions between fields, so a phrase cannot match across the
 * end of the file name and the start of the page text. */
#define FIELD_GAP 100

/* Gap in term positions between two pages of a document: wider than any
 * window a query asks words to be in (a phrase, query.c's names), so that
 * nothing matches across the end of one page and the start of the next. */
#define PAGE_GAP 100

/* Text a document takes before the next page starts another: a hit reads
 * the whole data of its document. A longer page is a document by itself
 * (a page's text is cut to a few hundred KiB, record.h). */
#define CHUNK_BYTES (64 << 10)

/* index_writer_open - create the directory if needed, take the write lock */
index_writer *index_writer_open(const char *dir, char **err)
{
    if (dir == NULL || *dir == '\0') {
        dk_fail(err, "cannot open the index: no directory given");
        return NULL;
    }
    if (g_mkdir_with_parents(dir, 0755) != 0) {
        dk_fail_errno(err, "cannot create the index directory %s", dir);
        return NULL;
    }
    index_writer *w = xcalloc(1, sizeof *w);
    w->dir = xstrdup(dir);
    char *why = NULL;
    int locked = 0;
    w->db = xc_wdb_open(dir, &locked, &why);
    if (w->db == NULL) {
        if (locked) /* the usual cause, so say it plainly */
            dk_fail(err,
                    "the index in %s is locked by another writer: is another dokaz "
                    "service using this data directory?",
                    dir);
        else
            dk_fail(err, "cannot open the index for writing: %s", why ? why : "unknown error");
        goto fail;
    }
    w->tg = xc_termgen_new(IX_STEMMER, XC_STEM_SOME, &why);
    if (w->tg == NULL) {
        dk_fail(err, "cannot open the index in %s: %s", dir, why ? why : "unknown error");
        goto fail;
    }
    w->item = ix_item_new();
    return w;
fail:
    free(why);
    xc_termgen_free(w->tg);
    xc_wdb_close(w->db, NULL);
    free(w->dir);
    free(w);
    return NULL;
}

/* valid_sha - 64 hex digits; the lower-case form is copied into out */
static int valid_sha(const char *sha, char out[IX_SHA_LEN + 1])
{
    if (sha == NULL || strlen(sha) != IX_SHA_LEN)
        return 0;
    for (size_t i = 0; i < IX_SHA_LEN; i++) {
        if (!isxdigit((unsigned char)sha[i]))
            return 0;
        out[i] = (char)tolower((unsigned char)sha[i]);
    }
    out[IX_SHA_LEN] = '\0';
    return 1;
}

/* name_words - the name with '_' turned into spaces (malloc'd): Xapian counts
 * '_' as part of a word, but in file names ("prigovor_ivanov.pdf") it separates words */
static char *name_words(const char *name)
{
    char *s = xstrdup(name);
    for (char *p = s; *p; p++)
        if (*p == '_')
            *p = ' ';
    return s;
}

/* add_str - set key to a string, or to null when s is NULL */
static void add_str(json_object *o, const char *key, const char *s)
{
    json_object_object_add(o, key, s ? json_object_new_string(s) : NULL);
}

/* roles_json - [position, role] of each person of the page ("other" too) */
static json_object *roles_json(const derived_page *derived)
{
    json_object *a = json_object_new_array();
    for (size_t i = 0; derived != NULL && i < derived->npersons; i++) {
        const derive_person *p = &derived->persons[i];
        json_object *pair = json_object_new_array();
        json_object_array_add(pair, json_object_new_int64(p->pos));
        json_object_array_add(pair, json_object_new_string(derive_role_name(p->role)));
        json_object_array_add(a, pair);
    }
    return a;
}

/* chunk_data - the JSON data of a document whose first page is `page`:
 * the item's members when it is the item's first document (item_page, its
 * first page, -1 before it is written), else that page's number, and an
 * empty "pages" into *pages (NULL when json-c fails) */
static json_object *chunk_data(const index_item *item, const char *sha, int page, int item_page,
                               json_object **pages)
{
    json_object *o = json_object_new_object();
    *pages = json_object_new_array();
    if (o == NULL || *pages == NULL) {
        json_object_put(o);
        json_object_put(*pages);
        return NULL;
    }
    if (item_page < 0 || item_page == page) {
        add_str(o, "sha256", sha);
        add_str(o, "name", item->name);
        add_str(o, "path", item->path);
        add_str(o, "member", item->member);
        add_str(o, "mime", item->mime);
        add_str(o, "status", item->status);
    } else {
        json_object_object_add(o, IX_DATA_ITEM, json_object_new_int(item_page));
    }
    json_object_object_add(o, "page", json_object_new_int(page));
    json_object_object_add(o, IX_DATA_PAGES, *pages);
    return o;
}

/* page_entry - a page of a document's "pages": its number, where its words
 * start (IX_DATA_AT), its text and persons */
static json_object *page_entry(int page, unsigned at, const char *text, const derived_page *derived)
{
    json_object *o = json_object_new_object();
    json_object_object_add(o, "page", json_object_new_int(page));
    json_object_object_add(o, IX_DATA_AT, json_object_new_int64(at));
    add_str(o, IX_DATA_TEXT, text);
    json_object_object_add(o, IX_DATA_ROLES, roles_json(derived));
    return o;
}

/* set_data - the JSON object as doc's data */
static int set_data(xc_doc *doc, json_object *o, char **why)
{
    const char *s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
                                                          JSON_C_TO_STRING_NOSLASHESCAPE);
    if (s == NULL) /* json-c returns NULL when its allocation fails */
        return dk_fail(why, "json-c cannot write the document data");
    return xc_doc_set_data(doc, s, strlen(s), why);
}

/* index_name - the file name (and member path) as words and as file: words */
static int index_name(index_writer *w, const char *name, char **why)
{
    if (name == NULL || *name == '\0')
        return 0;
    char *words = name_words(name);
    /* Free text with the smallest wdf, so a name alone weighs like one mention. */
    int rc = xc_termgen_index_text(w->tg, words, 1, "", why);
    xc_termgen_increase_termpos(w->tg, FIELD_GAP);
    if (rc == 0)
        rc = xc_termgen_index_text(w->tg, words, 1, IX_PREFIX_FILE, why);
    /* Also the name as written, so that `file:prigovor_ivanov` works too. */
    if (rc == 0 && strcmp(words, name) != 0) {
        xc_termgen_increase_termpos(w->tg, FIELD_GAP);
        rc = xc_termgen_index_text(w->tg, name, 1, IX_PREFIX_FILE, why);
    }
    xc_termgen_increase_termpos(w->tg, FIELD_GAP);
    free(words);
    return rc;
}

/* index_meta - metadata fields (from, subject, title...) as words and as
 * prefixed words for `from:` searches */
static int index_meta(index_writer *w, const char *const *meta, char **why)
{
    for (size_t i = 0; meta != NULL && meta[i] != NULL && meta[i + 1] != NULL; i += 2) {
        for (size_t k = 0; k < IX_META_FIELD_COUNT; k++) {
            if (strcmp(meta[i], ix_meta_fields[k].field) != 0)
                continue;
            xc_termgen_increase_termpos(w->tg, FIELD_GAP);
            if (xc_termgen_index_text(w->tg, meta[i + 1], 1, "", why) < 0)
                return -1;
            xc_termgen_increase_termpos(w->tg, FIELD_GAP);
            if (xc_termgen_index_text(w->tg, meta[i + 1], 1, ix_meta_fields[k].prefix, why) < 0)
                return -1;
        }
    }
    return 0;
}

/* drop_chunk - forget the document being filled */
static void drop_chunk(index_writer *w)
{
    xc_doc_free(w->chunk);
    json_object_put(w->chunk_data);
    w->chunk = NULL;
    w->chunk_data = w->chunk_pages = NULL;
}

/* item_terms - the terms and values of the item every document of it has */
static int item_terms(xc_doc *doc, const index_item *item, const char *sha, const char *unique,
                      char **why)
{
    char term[IX_MAX_TERM + 16];
    /* The document must carry its own unique term, or the next
     * replace_document on that term would not find it. */
    if (xc_doc_add_boolean_term(doc, unique, why) < 0)
        return -1;
    snprintf(term, sizeof term, IX_PREFIX_ITEM "%s", sha);
    if (xc_doc_add_boolean_term(doc, term, why) < 0)
        return -1;
    if (item->mime != NULL && *item->mime != '\0' && strlen(item->mime) <= IX_MAX_TERM) {
        snprintf(term, sizeof term, IX_PREFIX_MIME "%s", item->mime);
        if (xc_doc_add_boolean_term(doc, term, why) < 0)
            return -1;
    }
    for (const char *const *c = item->collections; c && *c; c++) {
        if (strlen(*c) > IX_MAX_TERM)
            continue;
        snprintf(term, sizeof term, IX_PREFIX_COLLECTION "%s", *c);
        if (xc_doc_add_boolean_term(doc, term, why) < 0)
            return -1;
    }
    char key[IX_FILE_KEY_LEN];
    if (ix_file_key(sha, key) < 0)
        return dk_fail(why, "\"%s\" is no SHA-256", sha);
    if (xc_doc_add_value(doc, IX_SLOT_SHA, sha, IX_SHA_LEN, why) < 0 ||
        xc_doc_add_value(doc, IX_SLOT_FILE, key, IX_FILE_KEY_LEN, why) < 0)
        return -1;
    return 0;
}

/* open_chunk - start a document at `page` with what is the item's: its
 * names, metadata, terms and values (drop_chunk when it fails) */
static int open_chunk(index_writer *w, const index_item *item, const char *sha, int page,
                      char **why)
{
    snprintf(w->chunk_unique, sizeof w->chunk_unique, IX_UNIQUE_FORMAT, sha, page);
    w->chunk = xc_doc_new(why);
    if (w->chunk == NULL)
        return -1;
    w->chunk_data = chunk_data(item, sha, page, ix_item_first_page(w->item), &w->chunk_pages);
    if (w->chunk_data == NULL) /* json-c returns NULL when its allocation fails */
        return dk_fail(why, "json-c cannot make the document data");
    w->chunk_page = w->chunk_last = page;
    w->chunk_bytes = 0;
    if (xc_termgen_set_document(w->tg, w->chunk, why) < 0)
        return -1;
    xc_termgen_set_termpos(w->tg, 0);
    if (index_name(w, item->name, why) < 0)
        return -1;
    if (item->member != NULL && (item->name == NULL || strcmp(item->member, item->name) != 0) &&
        index_name(w, item->member, why) < 0)
        return -1;
    if (index_meta(w, item->fields, why) < 0)
        return -1;
    w->chunk_next = xc_termgen_termpos(w->tg) + FIELD_GAP;
    return item_terms(w->chunk, item, sha, w->chunk_unique, why);
}

/* add_to_chunk - a page's words, name mentions and persons into the
 * document, its fields into the item's, its text into the data */
static int add_to_chunk(index_writer *w, int page, const char *text, const derived_page *derived,
                        char **why)
{
    char term[IX_SHA_LEN + 8];
    snprintf(term, sizeof term, IX_PREFIX_ITEM "%s", ix_item_sha(w->item));
    if (xc_doc_add_term(w->chunk, term, 1, why) < 0) /* a page more (inventory.c) */
        return -1;
    unsigned base = w->chunk_next;
    xc_termgen_set_termpos(w->tg, base);
    if (xc_termgen_index_text(w->tg, text, 1, "", why) < 0)
        return -1;
    unsigned end = xc_termgen_termpos(w->tg);
    for (size_t i = 0; derived != NULL && i < derived->nmentions; i++)
        if (base + derived->mentions[i].pos > end)
            end = base + derived->mentions[i].pos;
    if (ix_index_mentions(w->chunk, derived, base, why) < 0 ||
        ix_index_persons(w->chunk, derived, why) < 0)
        return -1;
    if (derived != NULL) {
        ix_item_add_fields(w->item, derived->fields);
        if (ix_note_courts(w->db, derived->fields, why) < 0)
            return -1;
    }
    json_object_array_add(w->chunk_pages, page_entry(page, base, text, derived));
    w->chunk_next = end + PAGE_GAP;
    w->chunk_last = page;
    w->chunk_bytes += strlen(text);
    return 0;
}

/* write_chunk - the document being filled, with the item's fields as known
 * now, into the database (none: 0) */
static int write_chunk(index_writer *w, char **why)
{
    if (w->chunk == NULL)
        return 0;
    int rc = ix_item_apply(w->item, w->chunk, w->chunk_data, why);
    if (rc == 0)
        rc = set_data(w->chunk, w->chunk_data, why);
    if (rc == 0)
        rc = xc_wdb_replace(w->db, w->chunk_unique, w->chunk, why);
    if (rc == 0)
        ix_item_written(w->item, w->chunk_page);
    drop_chunk(w);
    return rc;
}

/* end_chunk - write_chunk, failing with *err about the item */
static int end_chunk(index_writer *w, char **err)
{
    char *why = NULL;
    int rc = write_chunk(w, &why);
    if (rc < 0)
        dk_fail(err, "cannot index the pages of %s in %s: %s", ix_item_sha(w->item), w->dir,
                why ? why : "unknown error");
    free(why);
    return rc;
}

/* start_item - finish the item before (bringing its pages up to date), start sha's */
static int start_item(index_writer *w, const char *sha, const char *path, char **err)
{
    char *why = NULL;
    if (write_chunk(w, &why) < 0 || ix_item_finish(w->item, w->db, &why) < 0) {
        dk_fail(err, "cannot index %s: the item before it cannot be finished: %s", sha,
                why ? why : "?");
        free(why);
        return -1;
    }
    ix_item_start(w->item, sha, path);
    return 0;
}

/* check_item - a writer, an item and its SHA-256 (lower case into sha), or
 * -1 with *err saying what could not be indexed (`what`: "a page") */
static int check_item(const index_writer *w, const index_item *item, char sha[IX_SHA_LEN + 1],
                      const char *what, char **err)
{
    if (w == NULL || item == NULL)
        return dk_fail(err, "cannot index %s: no index or no item", what);
    if (!valid_sha(item->sha256, sha))
        return dk_fail(err, "cannot index %s of \"%s\": the SHA-256 is not 64 hex digits", what,
                       item->name ? item->name : "(unnamed)");
    return 0;
}

/* index_item_fields - start the item unless its fields are being given,
 * merge these */
int index_item_fields(index_writer *w, const index_item *item, const derived_page *derived,
                      char **err)
{
    char sha[IX_SHA_LEN + 1];
    if (check_item(w, item, sha, "the fields", err) < 0)
        return -1;
    if (strcmp(ix_item_sha(w->item), sha) != 0 || !ix_item_ahead(w->item) ||
        ix_item_docs_written(w->item) > 0) {
        if (start_item(w, sha, item->path, err) < 0)
            return -1;
        ix_item_set_ahead(w->item);
    }
    if (derived != NULL)
        ix_item_add_fields(w->item, derived->fields);
    return 0;
}

/* index_add_page - one page into the item's document being filled; a
 * page numbered as one already in it starts another, which replaces an
 * earlier one */
int index_add_page(index_writer *w, const index_item *item, int page, const char *text,
                   const derived_page *derived, char **err)
{
    char sha[IX_SHA_LEN + 1];

    if (check_item(w, item, sha, "a page", err) < 0)
        return -1;
    if (page < 0)
        return dk_fail(err, "cannot index page %d of %s: negative page number", page, sha);
    if (strcmp(ix_item_sha(w->item), sha) != 0 && start_item(w, sha, item->path, err) < 0)
        return -1; /* a new item: the last one is finished */
    if (text == NULL)
        text = "";
    char *why = NULL;
    int rc = 0;
    if (w->chunk != NULL && (page <= w->chunk_last || w->chunk_bytes + strlen(text) > CHUNK_BYTES))
        rc = write_chunk(w, &why);
    if (rc == 0 && w->chunk == NULL)
        rc = open_chunk(w, item, sha, page, &why);
    if (rc == 0)
        rc = add_to_chunk(w, page, text, derived, &why);
    if (rc < 0) {
        drop_chunk(w);
        dk_fail(err, "cannot index page %d of %s in %s: %s", page, sha, w->dir,
                why ? why : "unknown error");
    }
    free(why);
    return rc;
}

/* index_end_item - write the document being filled */
int index_end_item(index_writer *w, char **err)
{
    if (w == NULL)
        return dk_fail(err, "cannot index: no index");
    return end_chunk(w, err);
}

/* index_remove_item - delete every document carrying XS<sha> */
int index_remove_item(index_writer *w, const char *sha256, char **err)
{
    char sha[IX_SHA_LEN + 1];
    char term[IX_SHA_LEN + 8];

    if (w == NULL)
        return dk_fail(err, "cannot remove an item: no index");
    if (!valid_sha(sha256, sha))
        return dk_fail(err, "cannot remove item \"%s\": not 64 hex digits",
                       sha256 ? sha256 : "(null)");
    snprintf(term, sizeof term, IX_PREFIX_ITEM "%s", sha);
    if (strcmp(ix_item_sha(w->item), sha) == 0) {
        drop_chunk(w);
        ix_item_start(w->item, NULL, NULL); /* its pages are gone: nothing to finish */
    } else if (end_chunk(w, err) < 0) {
        return -1;
    }
    char *why = NULL;
    int rc = xc_wdb_delete_term(w->db, term, &why);
    if (rc < 0)
        dk_fail(err, "cannot remove item %s from the index: %s", sha, why ? why : "unknown error");
    free(why);
    return rc;
}

/* index_set_anchor - the anchor goes into the metadata, durable at the next commit */
int index_set_anchor(index_writer *w, const char *head, char **err)
{
    if (w == NULL)
        return dk_fail(err, "cannot anchor: no index");
    return xc_wdb_set_metadata(w->db, IX_META_ANCHOR, head, err);
}

/* index_commit - commit; an item whose fields were given ahead is kept,
 * for the pages that follow */
int index_commit(index_writer *w, char **err)
{
    if (w == NULL)
        return dk_fail(err, "cannot commit: no index");
    char *why = NULL;
    int rc = write_chunk(w, &why);
    if (rc == 0)
        rc = ix_item_ahead(w->item) ? ix_item_update(w->item, w->db, &why)
                                    : ix_item_finish(w->item, w->db, &why);
    if (rc == 0)
        rc = xc_wdb_commit(w->db, &why);
    if (rc < 0)
        dk_fail(err, "cannot commit the index: %s", why ? why : "unknown error");
    free(why);
    return rc;
}

/* index_writer_close - commit, release the lock, free; a failed final commit
 * only loses what the caller did not commit itself */
void index_writer_close(index_writer *w)
{
    if (w == NULL)
        return;
    write_chunk(w, NULL);
    ix_item_finish(w->item, w->db, NULL);
    ix_item_free(w->item);
    xc_termgen_free(w->tg);
    xc_wdb_close(w->db, NULL);
    free(w->dir);
    free(w);
}
