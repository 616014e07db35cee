/*
 * derived.c - a page derived as the worker derives it, for tests (see
 * derived.h), a page made as an older writer left it, and a page's data
 * as stored.
 */
#include "derived.h"
#include "index/xapian/xapian_c.h"

#include <check.h>
#include <stdio.h>
#include <stdlib.h>

/* rules - the deriver, built on first use and kept until the process ends */
static const deriver *rules(void)
{
    static deriver *d;
    char *err = NULL;
    if (d == NULL)
        d = deriver_new(&err);
    ck_assert_msg(d != NULL, "deriver_new: %s", err ? err : "?");
    return d;
}

/* tu_index_page - derive, add, free */
int tu_index_page(index_writer *w, const index_item *item, int page, const char *text, char **err)
{
    derived_page *p = derive_page(rules(), text, item ? item->fields : NULL);
    ck_assert_ptr_nonnull(p);
    int rc = index_add_page(w, item, page, text, p, err);
    derived_page_free(p);
    return rc;
}

/* tu_index_fields - derive, give the fields ahead, free */
int tu_index_fields(index_writer *w, const index_item *item, const char *text, char **err)
{
    derived_page *p = derive_page(rules(), text, item ? item->fields : NULL);
    ck_assert_ptr_nonnull(p);
    int rc = index_item_fields(w, item, p, err);
    derived_page_free(p);
    return rc;
}

/* tu_derived_json - derive, as JSON */
json_object *tu_derived_json(const char *text)
{
    derived_page *p = derive_page(rules(), text, NULL);
    ck_assert_ptr_nonnull(p);
    json_object *o = derived_page_to_json(p);
    derived_page_free(p);
    return o;
}

/* find_page - the index at db_dir opened for writing into *db, and the
 * document of page `page` of item sha, found by its unique term (into term) */
static xc_doc *find_page(const char *db_dir, const char *sha, int page, xc_wdb **db, char term[96])
{
    char *err = NULL;
    int locked = 0;
    snprintf(term, 96, "Q%s:%d", sha, page);
    *db = xc_wdb_open(db_dir, &locked, &err);
    ck_assert_msg(*db != NULL, "xc_wdb_open: %s", err ? err : "?");
    xc_doc *doc = xc_wdb_find(*db, term, &err);
    ck_assert_msg(doc != NULL, "find %s: %s", term, err ? err : "?");
    return doc;
}

/* tu_drop_file_key - find the page's document, remove its value, replace it */
void tu_drop_file_key(const char *db_dir, const char *sha, int page)
{
    char *err = NULL, term[96];
    xc_wdb *db = NULL;
    xc_doc *doc = find_page(db_dir, sha, page, &db, term);
    size_t len = 0;
    free(xc_doc_get_value(doc, 10, &len));
    ck_assert_uint_eq(len, 16); /* the key, as this writer stores it */
    ck_assert_int_eq(xc_doc_add_value(doc, 10, "", 0, &err), 0); /* empty: removed */
    ck_assert_int_eq(xc_wdb_replace(db, term, doc, &err), 0);
    xc_doc_free(doc);
    ck_assert_int_eq(xc_wdb_close(db, &err), 0);
}

/* tu_page_data - find the page's document, read its data */
char *tu_page_data(const char *db_dir, const char *sha, int page)
{
    char *err = NULL, term[96];
    xc_wdb *db = NULL;
    xc_doc *doc = find_page(db_dir, sha, page, &db, term);
    char *data = xc_doc_get_data(doc, NULL, &err);
    ck_assert_msg(data != NULL, "data of %s: %s", term, err ? err : "?");
    xc_doc_free(doc);
    ck_assert_int_eq(xc_wdb_close(db, &err), 0);
    return data;
}
