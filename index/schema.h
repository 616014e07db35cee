/*
 * schema.h - private to index/: the names dokaz's index is built from, shared
 * by the writer (schema.c) and the searcher (search.c) so they cannot drift.
 *
 * Terms of a page document (Xapian conventions: a capital letter or "X..."
 * starts a prefix, "Z" marks a stem):
 *   words         page text and file name words, exact ("приговора") and
 *                 Russian stems ("Zприговор")
 *   F<word>       file name (and archive member path) words: `file:verdict`
 *   Q<sha>:<page> unique id of the page, for replace_document
 *   XS<sha>       every page of an item, to delete them all and for `sha:`
 *   T<mime>       MIME type, for `mime:application/pdf`
 * Value slots: IX_SLOT_SHA (the collapse key), IX_SLOT_PAGE (sortable page number).
 * Document data: one JSON object
 *   {"sha256","name","path","member","mime","status","page","text"}
 * (strings or null), which is all the search needs to build a hit and snippet.
 */
#ifndef DOKAZ_INDEX_SCHEMA_H
#define DOKAZ_INDEX_SCHEMA_H

#define IX_STEMMER "russian"     /* Snowball stemmer for page text and queries */

#define IX_PREFIX_UNIQUE "Q"
#define IX_PREFIX_ITEM "XS"
#define IX_PREFIX_MIME "T"
#define IX_PREFIX_FILE "F"

#define IX_FIELD_FILE "file"     /* free-text query field -> IX_PREFIX_FILE */
#define IX_FIELD_SHA "sha"       /* boolean query field -> IX_PREFIX_ITEM */
#define IX_FIELD_MIME "mime"     /* boolean query field -> IX_PREFIX_MIME */

/* Metadata fields (index_item.fields) searchable as words with a prefix
 * (`from:ivanov`, `subject:документы`); they are also indexed as plain words. */
static const struct {
    const char *field, *prefix;
} ix_meta_fields[] = {
    {"from", "XFROM"}, {"to", "XTO"}, {"cc", "XCC"}, {"subject", "XSUBJECT"},
    {"title", "XTITLE"}, {"author", "XAUTHOR"},
};
#define IX_META_FIELD_COUNT (sizeof ix_meta_fields / sizeof ix_meta_fields[0])

#define IX_SLOT_SHA 0u
#define IX_SLOT_PAGE 1u

#define IX_SHA_LEN 64
#define IX_MAX_TERM 200          /* longer boolean values are not indexed (Xapian limit 245) */

#endif
