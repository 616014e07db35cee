/*
 * derived.h - for the tests that build an index: what the worker would
 * derive from a page (derive/), so a test can index a text as the service
 * does, with one call.
 */
#ifndef DOKAZ_TEST_DERIVED_H
#define DOKAZ_TEST_DERIVED_H

#include "index/index.h"

/* tu_drop_file_key - make page `page` of item sha in the index at db_dir
 * as a writer before the short file key left it: without value slot 10
 * (index/schema.h), which must hold the 16-byte key this writer stores */
void tu_drop_file_key(const char *db_dir, const char *sha, int page);

/* tu_page_data - the document data of page `page` of item sha in the index
 * at db_dir (malloc'd) */
char *tu_page_data(const char *db_dir, const char *sha, int page);

/* tu_index_page - index_add_page with what derive_page finds in text and
 * in item->fields (the rules are built once per test process and kept) */
int tu_index_page(index_writer *w, const index_item *item, int page, const char *text, char **err);

/* tu_index_fields - index_item_fields with what derive_page finds in text */
int tu_index_fields(index_writer *w, const index_item *item, const char *text, char **err);

/* tu_derived_json - what derive_page finds in text, in its JSON form, as a
 * result record's page holds it under "derived" (json_object_put it) */
json_object *tu_derived_json(const char *text);

#endif
