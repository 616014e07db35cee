/*
 * extract.h - turning one stored file into pages of text.
 *
 * Each format is one file (extract/text.c, extract/image.c, extract/pdf.c, ...)
 * that defines an `extractor`: a bid function that looks at the libmagic MIME
 * type and the first bytes and says how well it can read the file, and a run
 * function that reads it and hands every page to a sink. The registry
 * (extract/registry.c) asks every extractor to bid and runs the best one, as
 * libarchive does with its formats. Adding a format touches its own file and
 * the registry's table, nothing else.
 *
 * Extractors never write anywhere: they read the file and report pages.
 */
#ifndef DOKAZ_EXTRACT_H
#define DOKAZ_EXTRACT_H

#include <stdbool.h>
#include <stddef.h>

struct ocr_engine;

/* How a page's text was obtained. */
typedef enum {
    PAGE_SOURCE_PLAIN,         /* the file is text */
    PAGE_SOURCE_TEXT_LAYER,    /* a PDF page's own text */
    PAGE_SOURCE_OCR,           /* recognised from an image */
    PAGE_SOURCE_TEXT_LAYER_OCR /* a PDF page's own text, then its pictures' recognised */
} page_source;

/* page_source_name - "plain", "text-layer", "ocr" or "text-layer+ocr" */
const char *page_source_name(page_source source);

/* One page, as handed to the sink. `text` is UTF-8, NUL-terminated. */
typedef struct {
    int number; /* 1-based page number in the file */
    const char *text;
    page_source source;
    double confidence; /* mean word confidence 0..100 for OCR, -1 otherwise
                            (and for an OCR page found blank: not recognised) */
} extract_page;

/* extract_read_fn - the next bytes of a member, pulled by the sink: returns
 * how many bytes were put into buf (at most cap), 0 at the end of the member,
 * or -1 with *err set when the member cannot be read (damaged, truncated). */
typedef long (*extract_read_fn)(void *src, void *buf, unsigned long cap, char **err);

/* A member of an archive, an attachment of an email, an image embedded in a
 * document: it becomes an evidence item of its own. Its bytes are pulled
 * with `read` in chunks and streamed into the evidence store, never
 * buffered whole and never written anywhere else. */
typedef struct {
    const char *member; /* its path inside the parent, UTF-8, as recorded */
    long long mtime_ns; /* its modification time, 0 if unknown */
    long long size;     /* the size it declares, -1 if unknown */
    extract_read_fn read;
    void *src;
} extract_child;

/* Where pages, members and metadata go. Returning -1 from a callback stops
 * the extraction (a limit is reached, the store failed): *err says why.
 * Everything after `ctx` may be NULL; extractors then skip that kind of
 * output (a unit test that only wants pages). */
typedef struct {
    int (*page)(void *ctx, const extract_page *page, char **err);
    void *ctx;
    /* child - store one member as an item of its own */
    int (*child)(void *ctx, const extract_child *child, char **err);
    /* meta - one metadata field: "subject" = "Re: documents" (names in index/index.h) */
    int (*meta)(void *ctx, const char *name, const char *value, char **err);
    /* skipped - a member that was deliberately not stored (a symbolic link,
     * a device, an encrypted member), with the reason */
    int (*skipped)(void *ctx, const char *member, const char *reason, char **err);
    /* derived - a file made from this item (LibreOffice's PDF of a .doc),
     * lent for the call: the sink keeps a copy named `name` with the item's
     * records if it wants one; it is never an original (evidence) */
    int (*derived)(void *ctx, const char *name, const char *path, char **err);
    /* unread - part of the file was not read although the extraction is done
     * (markup nested deeper than the parser follows, a PDF whose page count
     * the reader refuses): why, in words for the item's record */
    int (*unread)(void *ctx, const char *why, char **err);
} extract_sink;

/* The file in extract_env.scratch_dir naming a running converter's process
 * group (its decimal id and a newline). */
#define EXTRACT_CONVERTER_PGID "converter.pgid"

/* extract_converter_cleanup - remove what a converter killed in
 * scratch_dir leaves outside it (LibreOffice's single-instance socket in
 * /tmp); whoever kills one calls it */
void extract_converter_cleanup(const char *scratch_dir);

/* What an extractor may use. */
typedef struct {
    struct ocr_engine *ocr; /* may be NULL: then images are not recognised */
    int pdf_render_dpi;     /* resolution for rendering PDF pages (300) */
    /* scratch_dir - a directory only this worker writes, for converters
     * (LibreOffice's profile and its PDF); made when missing; NULL: each
     * conversion makes a temporary one and deletes it. While a converter
     * runs, its process group's id is in EXTRACT_CONVERTER_PGID there, so
     * whoever sees the worker die can kill what it started. */
    const char *scratch_dir;
    /* want_help - called once, when a document's first page that needs OCR
     * has pages after it: idle workers may help read it (NULL: nobody to tell) */
    void (*want_help)(void *ctx);
    void *help_ctx;
    /* helping - another worker reads this file and we help: its pages are
     * taken last to first, only those nobody has read or is reading
     * (ocr_document_claim), for their OCR to be cached; the sink sees only
     * the pages recognised now. Extractors without `helps` do nothing. */
    bool helping;
} extract_env;

/* The file being extracted: mapped read-only, never modified. */
typedef struct {
    const char *path;          /* where the bytes are stored */
    const unsigned char *data; /* the whole file, mapped */
    size_t size;
    const char *mime; /* libmagic MIME type, e.g. "application/pdf" */
    const char *name; /* its original file name, NULL if unknown (it
                                     names the member of a single-file .gz) */
} extract_input;

/* Outcome of an extraction. */
typedef enum {
    EXTRACT_DONE = 0,   /* pages were produced (possibly zero for an empty text file) */
    EXTRACT_FAILED = 1, /* the file is of a known type but could not be read: *reason says why */
    EXTRACT_UNSUPPORTED = 2, /* no extractor bids on this type, or the extractor knows
                                the format but cannot read it (*reason says why) */
    EXTRACT_ENCRYPTED = 3    /* the file (or all of it that matters) needs a password */
} extract_status;

typedef struct {
    const char *name; /* "pdf", "image", "text", ... */
    /* bid - 0 means "cannot read this"; higher wins. */
    int (*bid)(const extract_input *in);
    /* run - produce pages (and members, metadata) into sink; return
     * EXTRACT_DONE, or another status with *reason set */
    extract_status (*run)(const extract_env *env, const extract_input *in, extract_sink *sink,
                          char **reason);
    /* helps - run knows env->helping (and asks for help through want_help);
     * for the others, helping is nothing to do */
    bool helps;
} extractor;

/* extract_run - pick the best-bidding extractor and run it.
 * Returns EXTRACT_UNSUPPORTED (with *reason "unsupported type MIME") when none bids.
 * *reason must be NULL or a malloc'd string on entry (it is freed and replaced,
 * as error.h does); it is NULL after EXTRACT_DONE and set otherwise; the caller
 * frees it. A NULL env means no OCR engine and 300 dpi. Pages already handed
 * to the sink stay handed: EXTRACT_FAILED may follow some pages (a damaged
 * page 7 of a scan). */
extract_status extract_run(const extract_env *env, const extract_input *in, extract_sink *sink,
                           char **reason);

/* extract_choose - the extractor that would run, or NULL */
const extractor *extract_choose(const extract_input *in);

#endif
