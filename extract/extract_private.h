/*
 * extract_private.h - what the extractors share with the registry.
 *
 * Not part of the public API (that is extract.h): the table entries each
 * format file defines, the limits every extractor enforces, and helpers that
 * hand pages to the sink so that each extractor turns sink and OCR failures
 * into reasons the same way. Like libarchive's archive_read_private.h.
 */
#ifndef DOKAZ_EXTRACT_PRIVATE_H
#define DOKAZ_EXTRACT_PRIVATE_H

#include "extract/extract.h"

#include <stdbool.h>

struct Pix;

/* Largest image we decode or render, in pixels (a 100 megapixel page is
 * already an A0 scan at 400 dpi). A decompression bomb is a small file that
 * declares 50,000 x 50,000 pixels; we refuse it before decoding. */
#define EXTRACT_MAX_PIXELS 100000000ULL

/* Most pages we take from one multi-page image; a TIFF whose directory chain
 * goes on longer than this is broken or hostile. */
#define EXTRACT_MAX_IMAGE_PAGES 10000

/* Default resolution for rendering PDF pages that need OCR. */
#define EXTRACT_DEFAULT_RENDER_DPI 300

/* The formats, one per file; the registry lists them in its table. */
extern const extractor extractor_pdf;
extern const extractor extractor_image;
extern const extractor extractor_text;
extern const extractor extractor_archive;
extern const extractor extractor_html;
extern const extractor extractor_email;
extern const extractor extractor_office;
extern const extractor extractor_epub;
extern const extractor extractor_svg;
extern const extractor extractor_rtf;
extern const extractor extractor_msg;
extern const extractor extractor_heic;
extern const extractor extractor_pst;
extern const extractor extractor_libreoffice;

/* extract_emit - hand one page to the sink; EXTRACT_FAILED with *reason set
 * (the sink's own message) if the sink refuses it */
extract_status extract_emit(extract_sink *sink, const extract_page *page, char **reason);

/* extract_emit_ocr - recognise *pix with env->ocr and hand the text to the
 * sink as page `number` (source ocr). Takes ownership of *pix and destroys it
 * as soon as tesseract is done, before the sink runs, so that only one page
 * image is ever alive. `dpi` 0 means "take it from the image". */
extract_status extract_emit_ocr(const extract_env *env, struct Pix **pix, int number, int dpi,
                                extract_sink *sink, char **reason);

/* extract_ocr_cached - call before making page `number`'s image for
 * extract_emit_ocr: true when there is nothing to make, because the page's
 * text came from the OCR cache (then handed to the sink; *st says how that
 * went) or, when helping, another worker is reading it (*st EXTRACT_DONE) */
bool extract_ocr_cached(const extract_env *env, int number, extract_sink *sink, extract_status *st,
                        char **reason);

/* extract_pdf_scan - the one image that is a scanned PDF page, at its own
 * resolution (set on the image; pdf_image.c), or NULL when the page is not
 * plainly one upright full-page image */
struct _PopplerPage; /* NOLINT(bugprone-reserved-identifier): poppler's name */
struct Pix *extract_pdf_scan(struct _PopplerPage *page);

/* extract_pdf_render - page `number`, or the part of it in `area` (page
 * points, NULL: all of it), rendered at `dpi` (lowered for huge pages:
 * *used_dpi gets what was used) as 8 bpp grey on white (pdf_render.c); NULL
 * with *reason when it cannot be */
struct _PopplerRectangle; /* NOLINT(bugprone-reserved-identifier): poppler's name */
struct Pix *extract_pdf_render(struct _PopplerPage *page, const struct _PopplerRectangle *area,
                               int number, int dpi, int *used_dpi, char **reason);

/* extract_pdf_pictures - OCR the pictures of text on a page with a text
 * layer that the layer does not cover (pdf_pictures.c): the text of each one
 * kept is appended to out after "\n\n"; *confidence gets the lowest mean
 * word confidence among them, -1 when none was kept (or env has no OCR).
 * 0, or -1 with *reason when rendering or OCR failed. */
struct _GString; /* NOLINT(bugprone-reserved-identifier): GLib's name */
int extract_pdf_pictures(const extract_env *env, struct _PopplerPage *page, int number,
                         struct _GString *out, double *confidence, char **reason);

/* extract_exif_orientation - a JPEG's EXIF Orientation (1..8), 0 if none (exif.c) */
int extract_exif_orientation(const unsigned char *data, size_t size);

/* extract_exif_meta - a photo's EXIF (a JPEG, or "Exif\0\0" and TIFF) as
 * the metadata fields photo_taken, camera and gps (exif_meta.c); a broken
 * block gives fewer fields; EXTRACT_FAILED only when the sink refuses */
extract_status extract_exif_meta(const unsigned char *data, size_t size, extract_sink *sink,
                                 char **reason);

/* extract_exif_apply - a decoded image turned as its EXIF orientation says
 * (new image; a clone for none) */
struct Pix *extract_exif_apply(struct Pix *pix, int orientation);

/* extract_emit_child - hand a member to the sink (a no-op when the sink takes
 * no members); EXTRACT_FAILED with the sink's reason when it refuses (a limit) */
extract_status extract_emit_child(extract_sink *sink, const extract_child *child, char **reason);

/* Bytes already in memory, read as a member (extract_emit_memory). */
typedef struct {
    const unsigned char *data;
    size_t size, offset;
} extract_memory;

/* extract_emit_memory - hand `size` bytes at `data` to the sink as member `member` */
extract_status extract_emit_memory(extract_sink *sink, const char *member, const void *data,
                                   size_t size, char **reason);
/* extract_emit_base64 - the `len` bytes of base64 text at `b64` decoded and
 * handed to the sink as member `prefix`N, N the next of *count; nothing (and
 * *count as it was) when they decode to nothing */
extract_status extract_emit_base64(extract_sink *sink, const char *prefix, unsigned *count,
                                   const char *b64, size_t len, char **reason);

/* extract_emit_meta - one metadata field (dropped when the value is NULL or "") */
extract_status extract_emit_meta(extract_sink *sink, const char *name, const char *value,
                                 char **reason);

/* extract_utf8_name - a member name as valid UTF-8 (malloc'd): bytes that are
 * not UTF-8 (a name from an old Windows zip) become "\xNN", so the record
 * keeps every byte of the name in a readable form */
char *extract_utf8_name(const char *raw);

/* extract_decode_text - bytes in an unknown encoding (BOM, UTF-8, UTF-16,
 * windows-1251, KOI8-R, ISO-8859-5, CP866, windows-1252: see text.c) as
 * NUL-terminated UTF-8 (free with g_free), undecodable bytes as U+FFFD.
 * *encoding (if not NULL) gets the encoding's name, *out_len the length.
 * NULL with *reason only when iconv cannot convert at all. */
char *extract_decode_text(const unsigned char *data, size_t size, const char **encoding,
                          size_t *out_len, char **reason);

/* extract_html_text - HTML as plain text (free with g_free): scripts and styles
 * dropped, blocks on lines of their own. `encoding` NULL: as the page declares,
 * else guessed like a text file. *title and *author (g_free) when found (either
 * pointer may be NULL); *too_deep (if not NULL): extract_xml_too_deep. */
char *extract_html_text(const char *data, size_t len, const char *encoding, char **title,
                        char **author, bool *too_deep);

/* extract_rtf_text - the text of RTF bytes (free with g_free), NULL when it
 * has none (rtf.c; an Outlook message's compressed RTF body, once inflated) */
char *extract_rtf_text(const unsigned char *data, size_t size);

/* extract_lzfu_inflate - an Outlook compressed RTF stream ([MS-OXRTFCP],
 * "LZFu" or the uncompressed "MELA") as its RTF bytes (g_free, *out_len
 * set), at most `max` of them; NULL with *reason when it is not one (lzfu.c) */
unsigned char *extract_lzfu_inflate(const unsigned char *data, size_t size, size_t max,
                                    size_t *out_len, char **reason);

/* Walking a libxml2 tree (markup.c) for the markup formats. */
struct _xmlNode; /* NOLINT(bugprone-reserved-identifier): libxml2's name */
typedef bool (*extract_xml_enter_fn)(void *ctx, struct _xmlNode *element);
typedef void (*extract_xml_fn)(void *ctx, struct _xmlNode *node);

/* extract_xml_walk - walk the tree under root without recursion: enter(element)
 * (false: do not look inside), text(node) for text and CDATA, leave(element)
 * for every element entered. Entity references are never followed. */
void extract_xml_walk(struct _xmlNode *root, extract_xml_enter_fn enter, extract_xml_fn leave,
                      extract_xml_fn text, void *ctx);

/* extract_xml_too_deep - does the tree under root reach libxml2's nesting
 * limit, so that what was nested deeper was dropped by the parser? */
bool extract_xml_too_deep(struct _xmlNode *root);

/* extract_emit_too_deep - extract_emit_unread: "nesting deeper than N levels" */
extract_status extract_emit_too_deep(extract_sink *sink, char **reason);

/* A member being read from an open libarchive reader (struct archive *). */
typedef struct {
    void *archive;
    const char *member;
} extract_archive_member;

/* extract_archive_read - extract_read_fn over archive_read_data of an
 * extract_archive_member; libarchive's message when the member is damaged */
long extract_archive_read(void *src, void *buf, unsigned long cap, char **err);

/* All XML parts of one zipped document (office.c, epub.c) together may not
 * exceed this: a zip bomb inside a .docx is stopped here; images go through
 * the sink's limits. */
#define EXTRACT_ZIP_PARTS_MAX (256u << 20)

struct _GBytes;     /* NOLINT(bugprone-reserved-identifier): GLib's name */
struct _GHashTable; /* NOLINT(bugprone-reserved-identifier): GLib's name */

/* extract_zip_parts - (office.c) one pass over a zipped document: the
 * members read_whole takes into *parts (name -> GBytes, whole, together at
 * most EXTRACT_ZIP_PARTS_MAX bytes; the caller destroys the table, set even
 * on failure), the unencrypted members emit_child takes handed to the sink as
 * children; EXTRACT_FAILED with *reason when the zip is damaged */
extract_status extract_zip_parts(const extract_input *in, bool (*read_whole)(const char *name),
                                 bool (*emit_child)(const char *name), extract_sink *sink,
                                 struct _GHashTable **parts, char **reason);

/* extract_xml_parse - (office.c) a document's XML part as a tree (NULL when
 * part is NULL or unreadable), never fetching or expanding entities */
struct _xmlDoc; /* NOLINT(bugprone-reserved-identifier): libxml2's name */
struct _xmlDoc *extract_xml_parse(struct _GBytes *part);

/* extract_ooxml_related - (ooxml_rels.c) the part that the relationships
 * of an Office Open XML part name first with a Type ending in type_suffix
 * ("/notesSlide", "/comments"), or NULL (g_free) */
char *extract_ooxml_related(struct _GHashTable *parts, const char *part, const char *type_suffix);

/* extract_ooxml_sheets - (ooxml_rels.c) an XLSX workbook's sheets in its
 * tab order, two strings each: the part, then the sheet's name; only parts
 * that `parts` holds, each once (empty when xl/workbook.xml names none) */
struct _GPtrArray; /* NOLINT(bugprone-reserved-identifier): GLib's name */
struct _GPtrArray *extract_ooxml_sheets(struct _GHashTable *parts);

/* extract_merge_encoded_words - (email_words.c) a header's raw value with
 * each run of base64 encoded words that GMime 3.2 would cut short (padding
 * before the run's last word) made one word of the same bytes; NULL when
 * there is none (g_free) */
char *extract_merge_encoded_words(const char *raw);

/* extract_append_squeezed - (markup.c) s appended to out, each run of
 * white space one space, none at the start of a line */
struct _GString; /* NOLINT(bugprone-reserved-identifier): GLib's name */
void extract_append_squeezed(struct _GString *out, const char *s);

/* extract_xml_find - (markup.c) the first element called name (ASCII case
 * ignored) at or below n or its later siblings, at most 64 levels down from
 * depth */
struct _xmlNode *extract_xml_find(struct _xmlNode *n, const char *name, int depth);

/* extract_dc_meta - (office.c) title, author, dates and subject of a
 * document's Dublin Core metadata part (docProps/core.xml, meta.xml, an EPUB's
 * package document) to the sink; NULL part: nothing */
extract_status extract_dc_meta(struct _GBytes *part, extract_sink *sink, char **reason);

/* extract_emit_skipped - a member deliberately not stored, and why */
extract_status extract_emit_skipped(extract_sink *sink, const char *member, const char *why,
                                    char **reason);

/* extract_emit_derived - a file made from the item, to the sink's `derived`
 * (a no-op without one); EXTRACT_FAILED with the sink's reason */
extract_status extract_emit_derived(extract_sink *sink, const char *name, const char *path,
                                    char **reason);

/* extract_emit_unread - tell the sink's `unread` (a no-op without one) why
 * part of the file was not read; EXTRACT_FAILED with the sink's reason */
extract_status extract_emit_unread(extract_sink *sink, const char *why, char **reason);

#endif
