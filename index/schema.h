/*
 * schema.h - private to index/: the names dokaz's index is built from, shared
 * by the writer (schema.c) and the searcher (search.c) so they cannot drift.
 *
 * Documents: one for each file, or several when its pages' text is long
 * (schema.c's CHUNK_BYTES each): each holds a run of the file's pages, and
 * its unique term names its first. The terms below are a document's; "the
 * page" is each of its pages, whose words start a gap of positions after
 * the last of the page before. Until 2026-12-06 each page was a document
 * of its own; such an index is searched all the same (hits.c), and `dokaz
 * reindex` rewrites it in this form. Terms (Xapian conventions: a capital
 * letter or "X..." starts a prefix, "Z" marks a stem):
 *   words         page text and file name words, exact ("приговора") and
 *                 Russian stems ("Zприговор")
 *   F<word>       file name (and archive member path) words: `file:verdict`
 *   Q<sha>:<page> unique id of the document whose first page is <page>,
 *                 for replace_document
 *   XS<sha>       every document of an item, to delete them all and for `sha:`;
 *                 its within-document frequency is the number of pages the
 *                 document holds (none in a page document of an older index)
 *   T<mime>       MIME type, for `mime:application/pdf`
 *   XCOLL<name>   a collection the item belongs to: every search of a user
 *                 limited to collections is filtered by these (boolean)
 *   XN<key>       name key (names/) of a capitalised word of the page, with
 *                 its position among the page's words; XR<key> the same key
 *                 when the word stands next to обвиняемого / осужденный /
 *                 абвінавачаны or in a verdict's operative part (ranking);
 *                 XI<s> an initial ("С." -> XIs) at its position, XIP<s> an
 *                 initial right after another ("Н." of "С.Н."); XJ<s> the
 *                 initials of a given name or patronymic (Сергей -> XJs)
 *   XCASE<n>      case number 1-234/2024           (item: every page carries
 *   XART<a>       article 342, 361-1, part 342/1     the fields of all the
 *   XCOURT<key>   court key "gor minsk"              item's pages, so a name
 *   XCW<key>      one word of a court key            on page 3 and the case
 *   XD<date>      a date: XD2024 XD202403 XD20240312 number on page 1 meet)
 *   XB<date>      a birth date, the same forms
 *   XTYPE<t>      document type (verdict, notice, ...), XY<yyyy> its year,
 *   XL<lang>      language (be ru en pl)
 *   XP<dir>       a folder of the received path (lower case), XPD<path> the
 *                 whole folder
 * Value slots, only those a search reads (values weigh in every page's
 * posting lists): IX_SLOT_FILE (the collapse key: the first IX_FILE_KEY_LEN
 * bytes of the item's SHA-256, ix_file_key), IX_SLOT_SHA (the SHA-256 in
 * hex, read for the hits shown), IX_SLOT_DATE (sortable YYYYMMDD, the
 * latest date of the item that is no birth date), and IX_SLOT_FACETS, the
 * facet key (facets.c): the item's SHA-256, type, courts and articles
 * (several values joined by IX_SEP), year, language and folder.
 * Slots 1 and 3-8 held the page number and each facet apart until 2026-12;
 * an index written then still has them, unread: do not reuse them. An index
 * written before 2026-12-04 has no IX_SLOT_FILE: a search collapses on
 * IX_SLOT_SHA until every page has it (search.c).
 * Document data: one JSON object. The item's first document holds the
 * item's members and its own:
 *   {"sha256","name","path","member","mime","status","page",
 *    "pages":[{"page","at","text","roles":[[position,"accused"],...]},...],
 *    "type","date","cases":[],"courts":[],"articles":[]}
 * (strings or null; "page" the document's first page, a page's "at" the
 * position after which its words and name keys are); every other
 * document only its own and the item's first document's first page
 * (IX_DATA_ITEM), by which a hit finds the rest (its unique term):
 *   {"item":1,"page","pages":[...]}
 * ("roles": the first word position in its page and the role of each of
 * the page's persons, so that a hit can say what the person whose name
 * matched is there). That is all the search needs to build a hit and
 * snippet. A page document of an index written before 2026-12-06 has its
 * "text" and "roles" where "pages" would be; one written before 2026-12
 * has the item's members on every page: both are read the same way.
 * Metadata "court:<key>" holds a court's name as written, for facets (its
 * first byte is '1' when that name is in the nominative).
 */
#ifndef DOKAZ_INDEX_SCHEMA_H
#define DOKAZ_INDEX_SCHEMA_H

#define IX_STEMMER "russian" /* Snowball stemmer for page text and queries */

#define IX_PREFIX_UNIQUE "Q"
#define IX_UNIQUE_FORMAT IX_PREFIX_UNIQUE "%s:%d" /* sha, page */
/* Members of a document's data: the first page of the item's document
 * that holds the item's members, the document's pages, and in each page the
 * position after which its words are, its text and its persons' roles. */
#define IX_DATA_ITEM "item"
#define IX_DATA_PAGES "pages"
#define IX_DATA_AT "at"
#define IX_DATA_TEXT "text"
#define IX_DATA_ROLES "roles"
#define IX_PREFIX_ITEM "XS"
#define IX_PREFIX_MIME "T"
#define IX_PREFIX_FILE "F"
#define IX_PREFIX_COLLECTION "XCOLL"

#define IX_FIELD_FILE "file" /* free-text query field -> IX_PREFIX_FILE */
#define IX_FIELD_SHA "sha"   /* boolean query field -> IX_PREFIX_ITEM */
#define IX_FIELD_MIME "mime" /* boolean query field -> IX_PREFIX_MIME */

/* Metadata fields (index_item.fields) searchable as words with a prefix
 * (`from:ivanov`, `subject:документы`); they are also indexed as plain words. */
static const struct {
    const char *field, *prefix;
} ix_meta_fields[] = {
    {"from", "XFROM"},       {"to", "XTO"},       {"cc", "XCC"},
    {"subject", "XSUBJECT"}, {"title", "XTITLE"}, {"author", "XAUTHOR"},
};
#define IX_META_FIELD_COUNT (sizeof ix_meta_fields / sizeof ix_meta_fields[0])

#define IX_PREFIX_NAME "XN"
#define IX_PREFIX_ROLE "XR"
#define IX_PREFIX_INITIAL "XI"
#define IX_PREFIX_LATER_INITIAL "XIP"
#define IX_PREFIX_NAME_INITIAL "XJ"
#define IX_PREFIX_CASE "XCASE"
#define IX_PREFIX_ARTICLE "XART"
#define IX_PREFIX_COURT "XCOURT"
#define IX_PREFIX_COURT_WORD "XCW"
#define IX_PREFIX_DATE "XD"
#define IX_PREFIX_BIRTH "XB"
#define IX_PREFIX_TYPE "XTYPE"
#define IX_PREFIX_YEAR "XY"
#define IX_PREFIX_LANG "XL"
#define IX_PREFIX_FOLDER "XP"
#define IX_PREFIX_FOLDER_PATH "XPD"

#define IX_FIELD_NAME "name" /* name keys, see index/query/query.c */
#define IX_FIELD_CASE "case"
#define IX_FIELD_ARTICLE "article"
#define IX_FIELD_COURT "court"
#define IX_FIELD_TYPE "type"
#define IX_FIELD_DATE "date"
#define IX_FIELD_YEAR "year"
#define IX_FIELD_BORN "born"
#define IX_FIELD_LANG "lang"
#define IX_FIELD_FOLDER "folder"

/* Metadata key of the audit log head the index was last committed with. */
#define IX_META_ANCHOR "dokaz.audit_head"

#define IX_SLOT_SHA 0u
#define IX_SLOT_DATE 2u
#define IX_SLOT_FILE 10u    /* the collapse key, IX_FILE_KEY_LEN bytes */
#define IX_SLOT_FACETS 9u   /* SHA-256 and every facet's value, joined by IX_FACET_SEP */
#define IX_SEP '\x1f'       /* between the values of one slot */
#define IX_FACET_SEP '\x1e' /* between the slots of the facet key */

#define IX_COURT_META "court:" /* metadata key prefix of a court's name */

#define IX_SHA_LEN 64
#define IX_MAX_TERM 200 /* longer boolean values are not indexed (Xapian limit 245) */

/* The collapse key is short because a search reads it for every page it
 * looks at (a 64-digit hash fills a block of values with 120 pages, 16
 * bytes with about 400), and long enough that no two files share it by
 * chance or by design (forging two files with the same 128 bits costs some
 * 2^64 SHA-256 computations); files that did would show as one hit. */
#define IX_FILE_KEY_LEN 16

/* ix_file_key - the collapse key of the file whose SHA-256 is sha (64 hex
 * digits): its first IX_FILE_KEY_LEN bytes; -1 when sha is no such hash */
static inline int ix_file_key(const char *sha, char key[IX_FILE_KEY_LEN])
{
    for (int i = 0; i < 2 * IX_FILE_KEY_LEN; i++) {
        char c = sha[i];
        int v = c >= '0' && c <= '9' ? c - '0' : c >= 'a' && c <= 'f' ? c - 'a' + 10 : -1;
        if (v < 0)
            return -1;
        key[i / 2] = (char)(i % 2 ? (unsigned char)key[i / 2] | v : v << 4);
    }
    return 0;
}

#endif
