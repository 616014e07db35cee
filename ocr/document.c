/*
 * document.c - the stored item being read: its OCR cache, page by page,
 * shared with the workers that help read it, and its searchable PDF.
 *
 * Layout: DATA/cache/ocr/ab/<sha256>/<key>/ where key is the first 16 hex
 * digits of the SHA-256 of ocr_engine_settings (languages, preparation
 * switches, pipeline version), written beside as `settings`. It holds
 * p<N>.json per recognised page, p<N>.pdf its one-page searchable PDF until
 * the reader joins them into searchable.pdf, and `complete` once the reader
 * has read every page. Different settings never share pages. Originals are
 * never touched: everything here is derived and can be deleted at any time.
 *
 * A page is the unit. It is cached once p<N>.json exists; its p<N>.pdf is
 * written before it, and both appear by rename, so nobody sees half a page.
 * An item whose reading was cut short (a crash, a timeout) keeps the pages
 * it read: reading it again recognises only the rest.
 *
 * Sharing one large document between workers: the reader goes from the
 * first page to the last, helpers (idle workers the supervisor sends) from
 * the last to the first. Whoever recognises a page holds p<N>.lock (flock)
 * meanwhile. A helper skips a page someone holds; the reader waits for it,
 * then takes it from the cache. The kernel drops a dead process's locks, so
 * a helper killed mid-page never blocks the reader: it reads the page itself.
 *
 * The searchable PDF: each recognised page gets its own, from tesseract's PDF
 * renderer (the page's view: the image as it looks, turned upright like the
 * recognised image, with the words as invisible text). At the end the reader
 * joins the pages it went through, in order, with qpdf, and deletes the page
 * PDFs. Blank pages are left out; an item without scanned pages gets none.
 *
 * document_lookup, document_add, document_claimed, document_release and
 * document_wants_view are for tesseract.c (ocr_private.h).
 *
 * Functions: ocr_document_begin, ocr_document_help, document_release,
 * document_claimed, document_lookup, ocr_document_claim, document_wants_view,
 * document_add, ocr_document_end.
 */
#include "ocr/ocr_private.h"

#include "common/error.h"
#include "common/fsutil.h"
#include "common/xalloc.h"

#include <errno.h>
#include <fcntl.h>
#include <glib.h>
#include <glib/gstdio.h>
#include <json-c/json.h>
#include <leptonica/allheaders.h>
#include <qpdf/qpdfjob-c.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

struct ocr_document {
    char *dir;         /* the cache folder of this item and settings */
    char *settings;    /* the engine's settings, written into it */
    bool made;         /* the folder exists: made when the first page is claimed */
    bool complete;     /* complete at the start: pages come from it */
    bool helping;      /* a helper: recognises and caches, nothing more */
    bool want_pdf;     /* pages get their searchable PDF page */
    char *pdf_error;   /* why the searchable PDF cannot be made */
    int claim_fd;      /* p<N>.lock held for page `claimed`, or -1 */
    int claimed;       /* the page this process is reading, 0: none */
    GArray *pdf_pages; /* the reader's pages for the PDF, in order */
};

/* page_file - p<N>.<ext> of the current document (g_free) */
static char *page_file(const ocr_document *doc, int number, const char *ext)
{
    char name[80];
    snprintf(name, sizeof name, "p%d.%s", number, ext);
    return g_build_filename(doc->dir, name, NULL);
}

/* document_free - release the claim, free everything */
static void document_free(ocr_document *doc)
{
    if (doc->claim_fd >= 0)
        close(doc->claim_fd);
    g_array_free(doc->pdf_pages, TRUE);
    g_free(doc->pdf_error);
    g_free(doc->dir);
    g_free(doc->settings);
    g_free(doc);
}

/* document_open - find or create the cache folder for these settings */
static int document_open(ocr_engine *engine, const char *data_dir, const char *sha256,
                         bool searchable_pdf, bool helping, char **err)
{
    if (engine == NULL || data_dir == NULL || sha256 == NULL || strlen(sha256) < 2)
        return dk_fail(err, "ocr_document_begin: no engine, data directory or item");
    if (engine->doc != NULL)
        ocr_document_end(engine, false, NULL, NULL);
    char *settings = ocr_engine_settings(engine);
    char *key = g_compute_checksum_for_string(G_CHECKSUM_SHA256, settings, -1);
    key[16] = '\0';
    char *parent = ocr_cache_item_dir(data_dir, sha256);
    ocr_document *doc = g_new0(ocr_document, 1);
    doc->dir = g_build_filename(parent, key, NULL);
    doc->claim_fd = -1;
    doc->helping = helping;
    doc->pdf_pages = g_array_new(FALSE, FALSE, sizeof(int));
    g_free(parent);
    g_free(key);
    char *marker = g_build_filename(doc->dir, "complete", NULL);
    doc->complete = g_file_test(marker, G_FILE_TEST_EXISTS);
    g_free(marker);
    doc->want_pdf = searchable_pdf && !doc->complete;
    doc->made = doc->complete;
    doc->settings = settings; /* the folder is made when a page is claimed */
    engine->doc = doc;
    return 0;
}

/* make_folder - the cache folder and its settings, once: an item with
 * nothing to cache (plain text, a text layer) gets no folder */
static int make_folder(ocr_document *doc, char **err)
{
    if (doc->made)
        return 0;
    char *set_path = g_build_filename(doc->dir, "settings", NULL);
    int rc = 0;
    if (fs_mkdirs(doc->dir, 0755, err) != 0 ||
        (!g_file_test(set_path, G_FILE_TEST_EXISTS) &&
         !g_file_set_contents(set_path, doc->settings, -1, NULL)))
        rc = dk_fail(err, "cannot write the OCR cache in %s", doc->dir);
    g_free(set_path);
    doc->made = rc == 0;
    return rc;
}

/* ocr_document_begin - the reader */
int ocr_document_begin(ocr_engine *engine, const char *data_dir, const char *sha256,
                       bool searchable_pdf, char **err)
{
    return document_open(engine, data_dir, sha256, searchable_pdf, false, err);
}

/* ocr_document_help - a helper */
int ocr_document_help(ocr_engine *engine, const char *data_dir, const char *sha256,
                      bool searchable_pdf, char **err)
{
    return document_open(engine, data_dir, sha256, searchable_pdf, true, err);
}

/* document_release - drop the claim on the page being read (if any) */
void document_release(ocr_engine *engine)
{
    ocr_document *doc = engine->doc;
    if (doc == NULL)
        return;
    if (doc->claim_fd >= 0)
        close(doc->claim_fd);
    doc->claim_fd = -1;
    doc->claimed = 0;
}

/* document_claimed - whether this process has claimed page `number` */
bool document_claimed(const ocr_engine *engine, int number)
{
    return engine->doc != NULL && number > 0 && engine->doc->claimed == number;
}

/* lock_page - take p<N>.lock, waiting for it when `wait`: 0 taken (or no
 * lock can be made: read the page anyway), 1 another process holds it */
static int lock_page(ocr_engine *engine, int number, bool wait)
{
    ocr_document *doc = engine->doc;
    document_release(engine);
    char *why = NULL;
    if (make_folder(doc, &why) != 0) /* the page is read all the same; writing it says why */
        free(why);
    char *path = page_file(doc, number, "lock");
    int fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0644);
    g_free(path);
    int rc = -1;
    while (fd >= 0 && (rc = flock(fd, LOCK_EX | (wait ? 0 : LOCK_NB))) != 0 && errno == EINTR)
        ;
    if (fd >= 0 && rc != 0) {
        int busy = errno == EWOULDBLOCK;
        close(fd);
        if (busy)
            return 1;
        fd = -1;
    }
    doc->claim_fd = fd;
    doc->claimed = number;
    return 0;
}

/* document_lookup - read a cached p<N>.json; a page of a document that makes
 * a PDF counts only with its PDF page (made by a reading without PDFs, it is
 * read again). The reader notes it for the PDF. */
int document_lookup(ocr_engine *engine, int number, ocr_result *out)
{
    ocr_document *doc = engine->doc;
    if (doc == NULL || number <= 0)
        return 0;
    char *path = page_file(doc, number, "json");
    json_object *o = json_object_from_file(path), *v;
    g_free(path);
    if (o == NULL)
        return 0;
    int found = 0;
    memset(out, 0, sizeof *out);
    if (json_object_object_get_ex(o, "text", &v) && json_object_is_type(v, json_type_string)) {
        out->text = xstrdup(json_object_get_string(v));
        found = 1;
    }
    if (json_object_object_get_ex(o, "confidence", &v))
        out->confidence = json_object_get_double(v);
    if (json_object_object_get_ex(o, "rotated", &v))
        out->prep.rotated = json_object_get_int(v);
    if (json_object_object_get_ex(o, "skew", &v))
        out->prep.skew = json_object_get_double(v);
    if (json_object_object_get_ex(o, "dpi", &v))
        out->prep.dpi = json_object_get_int(v);
    if (json_object_object_get_ex(o, "scale", &v))
        out->prep.scale = json_object_get_double(v);
    if (json_object_object_get_ex(o, "blank", &v))
        out->prep.blank = json_object_get_boolean(v);
    json_object_put(o);
    bool in_pdf = found && doc->want_pdf && !out->prep.blank;
    if (in_pdf) {
        char *pdf = page_file(doc, number, "pdf");
        found = g_file_test(pdf, G_FILE_TEST_EXISTS);
        g_free(pdf);
    }
    if (!found) {
        ocr_result_free(out);
        return 0;
    }
    if (in_pdf && !doc->helping)
        g_array_append_val(doc->pdf_pages, number);
    out->cached = true;
    return 1;
}

/* ocr_document_claim - cached, or claimed by us, or (helping) another's */
int ocr_document_claim(ocr_engine *engine, int number, ocr_result *out)
{
    memset(out, 0, sizeof *out);
    if (engine == NULL || engine->doc == NULL || number <= 0)
        return 0;
    ocr_document *doc = engine->doc;
    if (doc->claimed == number)
        return 0;
    if (document_lookup(engine, number, out))
        return 1;
    if (doc->complete) /* nothing is written to a complete cache */
        return 0;
    if (lock_page(engine, number, !doc->helping) == 1)
        return 2;
    if (document_lookup(engine, number, out)) { /* read while we waited */
        document_release(engine);
        return 1;
    }
    return 0;
}

/* document_wants_view - a PDF is being made */
int document_wants_view(const ocr_engine *engine)
{
    return engine->doc != NULL && engine->doc->want_pdf;
}

/* write_page_pdf - p<N>.pdf: the recognised page (tesseract still holds its
 * result) over its view, from tesseract's PDF renderer */
static int write_page_pdf(ocr_engine *engine, int number, struct Pix *view, char **err)
{
    ocr_document *doc = engine->doc;
    char tmp_ext[48];
    snprintf(tmp_ext, sizeof tmp_ext, "%ld.tmp", (long)getpid());
    char *base = page_file(doc, number, tmp_ext);
    char *made = g_strconcat(base, ".pdf", NULL); /* the renderer adds ".pdf" */
    char *final = page_file(doc, number, "pdf");
    TessResultRenderer *pdf = TessPDFRendererCreate(base, TessBaseAPIGetDatapath(engine->api), 0);
    int rc = 0;
    if (pdf == NULL || !TessResultRendererBeginDocument(pdf, "dokaz")) {
        rc = dk_fail(err, "cannot start the searchable PDF page %s", made);
    } else {
        /* the renderer draws GetInputImage: the view, not the binarised page.
         * Tesseract takes ownership of the image it is given: hand it a clone. */
        TessBaseAPISetInputImage(engine->result, pixClone(view));
        if (!TessResultRendererAddImage(pdf, engine->result) || !TessResultRendererEndDocument(pdf))
            rc = dk_fail(err, "cannot write the searchable PDF page %s", made);
    }
    if (pdf != NULL)
        TessDeleteResultRenderer(pdf);
    if (rc == 0 && g_rename(made, final) != 0)
        rc = dk_fail_errno(err, "cannot rename %s", made);
    if (rc != 0)
        g_unlink(made);
    g_free(base);
    g_free(made);
    g_free(final);
    return rc;
}

/* write_page_json - p<N>.json, by rename (g_file_set_contents) */
static int write_page_json(ocr_document *doc, int number, const ocr_result *res, char **err)
{
    json_object *o = json_object_new_object();
    json_object_object_add(o, "text", json_object_new_string(res->text ? res->text : ""));
    json_object_object_add(o, "confidence", json_object_new_double(res->confidence));
    json_object_object_add(o, "rotated", json_object_new_int(res->prep.rotated));
    json_object_object_add(o, "skew", json_object_new_double(res->prep.skew));
    json_object_object_add(o, "dpi", json_object_new_int(res->prep.dpi));
    json_object_object_add(o, "scale", json_object_new_double(res->prep.scale));
    json_object_object_add(o, "blank", json_object_new_boolean(res->prep.blank));
    char *path = page_file(doc, number, "json");
    const char *s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN);
    int rc = g_file_set_contents(path, s, -1, NULL)
                 ? 0
                 : dk_fail(err, "cannot write the OCR cache file %s", path);
    g_free(path);
    json_object_put(o);
    return rc;
}

/* document_add - cache a recognised page: its PDF page (not for blank pages),
 * then p<N>.json; then release its claim. A PDF page that cannot be made
 * costs the searchable PDF (ocr_document_end says why), not the text. */
int document_add(ocr_engine *engine, int number, struct Pix *view, const ocr_result *res,
                 char **err)
{
    ocr_document *doc = engine->doc;
    if (doc == NULL || doc->complete || number <= 0)
        return 0;
    if (make_folder(doc, err) != 0)
        return -1;
    bool in_pdf = doc->want_pdf && view != NULL && !res->prep.blank;
    if (in_pdf) {
        char *why = NULL;
        if (write_page_pdf(engine, number, view, &why) != 0) {
            doc->want_pdf = in_pdf = false;
            g_free(doc->pdf_error);
            doc->pdf_error = g_strdup(why);
            free(why);
        }
    }
    int rc = write_page_json(doc, number, res, err);
    if (rc == 0 && in_pdf && !doc->helping)
        g_array_append_val(doc->pdf_pages, number);
    if (rc == 0 && doc->claimed == number) {
        char *lock = page_file(doc, number, "lock");
        g_unlink(lock); /* safe: whoever locks it next finds p<N>.json first */
        g_free(lock);
    }
    document_release(engine);
    return rc;
}

/* collect_message - a qpdf logger destination: keep what it says */
static int collect_message(const char *data, size_t len, void *udata)
{
    g_string_append_len(udata, data, (gssize)len);
    return 0;
}

/* join_pdf - searchable.pdf from the reader's page PDFs, in order (qpdf) */
static int join_pdf(ocr_document *doc, char **err)
{
    guint n = doc->pdf_pages->len;
    const char **argv = g_new0(const char *, n + 6);
    char **files = g_new0(char *, n + 1);
    char *tmp = g_build_filename(doc->dir, "searchable.tmp.pdf", NULL);
    char *pdf = g_build_filename(doc->dir, "searchable.pdf", NULL);
    int argc = 0;
    argv[argc++] = "qpdf";
    argv[argc++] = "--empty";
    argv[argc++] = "--pages";
    for (guint i = 0; i < n; i++)
        argv[argc++] = files[i] = page_file(doc, g_array_index(doc->pdf_pages, int, i), "pdf");
    argv[argc++] = "--";
    argv[argc++] = tmp;
    GString *said = g_string_new(NULL);
    qpdflogger_handle log = qpdflogger_create();
    qpdflogger_set_info(log, qpdf_log_dest_discard, NULL, NULL);
    qpdflogger_set_warn(log, qpdf_log_dest_custom, collect_message, said);
    qpdflogger_set_error(log, qpdf_log_dest_custom, collect_message, said);
    qpdfjob_handle job = qpdfjob_init();
    qpdfjob_set_logger(job, log);
    int status = qpdfjob_initialize_from_argv(job, argv);
    if (status == 0)
        status = qpdfjob_run(job);
    qpdfjob_cleanup(&job);
    qpdflogger_cleanup(&log);
    int rc = 0;
    /* 0: fine, 3: fine with warnings (QPDF_EXIT_WARNING), 2: failed */
    if ((status != 0 && status != 3) || g_rename(tmp, pdf) != 0) {
        g_strchomp(said->str);
        rc = dk_fail(err, "cannot join the searchable PDF %s: %s", pdf,
                     said->len ? said->str : "qpdf failed");
        g_unlink(tmp);
    } else {
        for (guint i = 0; i < n; i++)
            g_unlink(files[i]);
    }
    g_string_free(said, TRUE);
    g_strfreev(files);
    g_free(argv);
    g_free(tmp);
    g_free(pdf);
    return rc;
}

/* ocr_document_end - the reader of a whole item joins its PDF, marks it complete */
int ocr_document_end(ocr_engine *engine, bool complete, int *pdf_pages, char **err)
{
    if (pdf_pages)
        *pdf_pages = 0;
    if (engine == NULL || engine->doc == NULL)
        return 0;
    ocr_document *doc = engine->doc;
    engine->doc = NULL;
    int rc = 0;
    if (complete && !doc->complete && !doc->helping && doc->made) {
        if (doc->pdf_error != NULL)
            rc = dk_fail(err, "no searchable PDF: %s", doc->pdf_error);
        else if (doc->want_pdf && doc->pdf_pages->len > 0 && (rc = join_pdf(doc, err)) == 0 &&
                 pdf_pages)
            *pdf_pages = (int)doc->pdf_pages->len;
        char *marker = g_build_filename(doc->dir, "complete", NULL);
        if (rc == 0 && !g_file_set_contents(marker, "", 0, NULL))
            rc = dk_fail(err, "cannot mark the OCR cache %s complete", doc->dir);
        g_free(marker);
    } else if (complete && doc->complete && pdf_pages) {
        char *pdf = g_build_filename(doc->dir, "searchable.pdf", NULL);
        if (g_file_test(pdf, G_FILE_TEST_EXISTS))
            *pdf_pages = -1; /* made before: the count is in the PDF itself */
        g_free(pdf);
    }
    document_free(doc);
    return rc;
}
