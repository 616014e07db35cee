/*
 * gen_samples.c - writes the sample document set for dokaz's tests and
 * benchmarks.
 *
 * Usage: gen_samples [--seed N] [--set default|bench|pages] [--per-class N]
 *                    [--list LIST] OUTDIR
 *
 * --set bench writes the OCR benchmark set instead (bench.c: N pages, default
 * 10, of every damage class, with ground truth and bench.tsv); --set pages
 * renders the page texts LIST names as scans of a damage class (case_files.c,
 * for the name benchmark's case files).
 *
 * OUTDIR (created if missing) receives:
 *   verdict_ru.pdf      2-page image-only PDF: scanned verdict, Russian
 *   summons_ru.png      scanned summons, Russian, 300 dpi
 *   notice_be.png       scanned prosecutor's notice, Belarusian, 300 dpi
 *   note.txt            plain UTF-8 note, Russian
 *   blob.bin            4096 pseudo-random bytes (an unsupported type)
 *   <file>.p<N>.txt     ground truth of page N: the text as rendered,
 *                       one line per rendered line
 *   manifest.tsv        file, page, lang, phrase: phrases a search must find
 *                       on that page and on no other page of the set
 *
 * Nothing is downloaded and nothing depends on the clock: the same seed gives
 * byte-identical files.  The seed changes only the scan damage and the blob;
 * the texts, and so the ground truth and manifest, are fixed.
 *
 * Pages are A5 at 300 dpi (1748x2480): big enough to be real scans, small
 * enough that OCR in the test suite stays quick.
 */
#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo-pdf.h>
#include <glib.h>

#include "samples.h"

#define DPI 300
#define PAGE_W 1748 /* A5 at 300 dpi */
#define PAGE_H 2480
#define PDF_JPEG_QUALITY 85 /* what office scanners put into their PDFs */
#define PNG_ZLIB_LEVEL 1
#define BLOB_SIZE 4096
#define DEFAULT_SEED 1

/* A fixed date, so the PDF does not carry the time it was made. */
#define PDF_DATE "2024-03-18T09:30:00"

/* The ground truth of one page, kept for the manifest check. */
struct truth {
    const char *file;
    int page;
    char *text;
};

/* usage - print how to call the program */
static void usage(FILE *to)
{
    fprintf(to, "usage: gen_samples [--seed N] [--set default|bench|pages] [--per-class N] "
                "[--list LIST] OUTDIR\n");
}

/* parse_seed - decimal or 0x-hex seed; 0 on success, -1 if malformed */
static int parse_seed(const char *s, uint64_t *seed)
{
    char *end;

    errno = 0;
    if (*s == '-' || *s == '\0')
        return -1;
    unsigned long long v = strtoull(s, &end, 0);
    if (errno != 0 || *end != '\0')
        return -1;
    *seed = v;
    return 0;
}

/* write_bytes - write len bytes to dir/name; 0 or -1 with a message */
static int write_bytes(const char *dir, const char *name, const void *data, size_t len)
{
    char *path = g_build_filename(dir, name, NULL);
    FILE *f = fopen(path, "wb");
    int rc = 0;

    if (f == NULL || fwrite(data, 1, len, f) != len)
        rc = -1;
    if (f != NULL && fclose(f) != 0)
        rc = -1;
    if (rc != 0)
        fprintf(stderr, "gen_samples: cannot write %s: %s\n", path, strerror(errno));
    g_free(path);
    return rc;
}

/* normalise_ws - copy of s with whitespace runs made single spaces, trimmed */
static char *normalise_ws(const char *s)
{
    GString *out = g_string_new(NULL);
    int space = 0;

    for (; *s; s++) {
        if (g_ascii_isspace(*s)) {
            space = out->len > 0;
            continue;
        }
        if (space)
            g_string_append_c(out, ' ');
        space = 0;
        g_string_append_c(out, *s);
    }
    return g_string_free(out, FALSE);
}

/* check_phrases - each phrase on its own page and nowhere else; 0 or -1 */
static int check_phrases(const struct truth *truths, size_t ntruths)
{
    int rc = 0;

    /* Tests rely on this to tell a wrong hit from a right one, so a text
     * edit in docs.c that breaks it must fail here, not in a test. */
    for (size_t i = 0; i < sample_nphrases; i++) {
        const struct phrase *ph = &sample_phrases[i];
        int own = 0, other = 0;

        for (size_t t = 0; t < ntruths; t++) {
            char *norm = normalise_ws(truths[t].text);
            int found = strstr(norm, ph->text) != NULL;
            g_free(norm);
            if (strcmp(truths[t].file, ph->file) == 0 && truths[t].page == ph->page)
                own += found;
            else
                other += found;
        }
        if (own != 1 || other != 0) {
            fprintf(stderr, "gen_samples: phrase \"%s\" is %s\n", ph->text,
                    own != 1 ? "missing from its page" : "not unique to its page");
            rc = -1;
        }
    }
    return rc;
}

/* page_surface - cairo image of a page that embeds in PDF as JPEG */
static cairo_surface_t *page_surface(PIX *pix)
{
    int w = pixGetWidth(pix), h = pixGetHeight(pix);
    cairo_surface_t *img = cairo_image_surface_create(CAIRO_FORMAT_RGB24, w, h);
    l_uint8 *jpeg = NULL;
    size_t jpeg_len = 0;

    if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS)
        return img;

    /* The pixels are only a fallback: with JPEG mime data attached cairo
     * puts the JPEG stream into the PDF as is, like a scanner does. */
    unsigned char *dst = cairo_image_surface_get_data(img);
    int stride = cairo_image_surface_get_stride(img);
    l_uint32 *data = pixGetData(pix);
    int wpl = pixGetWpl(pix);
    cairo_surface_flush(img);
    for (int i = 0; i < h; i++) {
        uint32_t *row = (uint32_t *)(dst + (size_t)i * stride);
        l_uint32 *line = data + (size_t)i * wpl;
        for (int j = 0; j < w; j++) {
            uint32_t g = GET_DATA_BYTE(line, j);
            row[j] = UINT32_C(0xff000000) | g << 16 | g << 8 | g;
        }
    }
    cairo_surface_mark_dirty(img);

    if (pixWriteMemJpeg(&jpeg, &jpeg_len, pix, PDF_JPEG_QUALITY, 0) == 0) {
        cairo_status_t st = cairo_surface_set_mime_data(img, CAIRO_MIME_TYPE_JPEG, jpeg, jpeg_len,
                                                        lept_free, jpeg);
        if (st != CAIRO_STATUS_SUCCESS)
            lept_free(jpeg);
    }
    return img;
}

/* write_pdf - image-only PDF, one page per image, no text layer at all */
static int write_pdf(const char *dir, const char *name, PIX **pages, int n)
{
    char *path = g_build_filename(dir, name, NULL);
    cairo_surface_t *pdf = cairo_pdf_surface_create(path, PAGE_W * 72.0 / DPI, PAGE_H * 72.0 / DPI);
    cairo_t *cr = cairo_create(pdf);
    int rc = 0;

    cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATOR, "dokaz gen_samples");
    cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_CREATE_DATE, PDF_DATE);
    cairo_pdf_surface_set_metadata(pdf, CAIRO_PDF_METADATA_MOD_DATE, PDF_DATE);
    for (int i = 0; i < n; i++) {
        cairo_surface_t *img = page_surface(pages[i]);

        cairo_save(cr);
        cairo_scale(cr, 72.0 / DPI, 72.0 / DPI);
        cairo_set_source_surface(cr, img, 0, 0);
        cairo_paint(cr);
        cairo_restore(cr);
        cairo_show_page(cr);
        if (cairo_surface_status(img) != CAIRO_STATUS_SUCCESS)
            rc = -1;
        cairo_surface_destroy(img);
    }
    cairo_destroy(cr);
    cairo_surface_finish(pdf);
    if (rc != 0 || cairo_surface_status(pdf) != CAIRO_STATUS_SUCCESS) {
        fprintf(stderr, "gen_samples: cannot write %s: %s\n", path,
                cairo_status_to_string(cairo_surface_status(pdf)));
        rc = -1;
    }
    cairo_surface_destroy(pdf);
    g_free(path);
    return rc;
}

/* write_png - grey PNG stamped with its resolution */
static int write_png(const char *dir, const char *name, PIX *pix)
{
    char *path = g_build_filename(dir, name, NULL);
    int rc = 0;

    pixSetResolution(pix, DPI, DPI); /* leptonica writes it as pHYs */
    /* Scanner noise barely compresses; the default zlib level spends three
     * times as long as level 1 to save a few per cent. */
    pixSetZlibCompression(pix, PNG_ZLIB_LEVEL);
    if (pixWritePng(path, pix, 0.0f) != 0) {
        fprintf(stderr, "gen_samples: cannot write %s\n", path);
        rc = -1;
    }
    g_free(path);
    return rc;
}

/* write_blob - BLOB_SIZE pseudo-random bytes that no file type claims */
static int write_blob(const char *dir, uint64_t seed)
{
    unsigned char buf[BLOB_SIZE];
    prng rng = prng_derive(seed, "blob.bin", 0);

    for (size_t i = 0; i < sizeof buf; i += 8) {
        uint64_t v = prng_next(&rng);
        for (int k = 0; k < 8; k++, v >>= 8)
            buf[i + k] = (unsigned char)v;
    }
    /* Random bytes can start like a known magic number (two bytes are
     * enough for some), and then libmagic names a type.  A fixed, unclaimed
     * opening keeps the file "application/octet-stream" for every seed. */
    static const unsigned char head[8] = {0xd0, 0x4b, 0xa3, 0x5a, 0x00, 0x9e, 0xf1, 0x07};
    memcpy(buf, head, sizeof head);
    return write_bytes(dir, "blob.bin", buf, sizeof buf);
}

/* write_manifest - manifest.tsv listing the phrases per page */
static int write_manifest(const char *dir)
{
    GString *m = g_string_new("file\tpage\tlang\tphrase\n");
    int rc;

    for (size_t i = 0; i < sample_nphrases; i++) {
        const struct phrase *ph = &sample_phrases[i];
        g_string_append_printf(m, "%s\t%d\t%s\t%s\n", ph->file, ph->page, ph->lang, ph->text);
    }
    rc = write_bytes(dir, "manifest.tsv", m->str, m->len);
    g_string_free(m, TRUE);
    return rc;
}

/* gen_doc - render, degrade and write one scanned document; 0 or -1 */
static int gen_doc(const char *dir, const struct doc_spec *doc, uint64_t seed,
                   PangoFontMap *fontmap, struct truth *truths)
{
    PIX **pages = g_new0(PIX *, doc->npages);
    int rc = 0;

    for (int p = 0; p < doc->npages && rc == 0; p++) {
        PIX *pix;
        char *text;
        prng rng = prng_derive(seed, doc->file, p + 1);

        if (render_page(fontmap, &doc->pages[p], PAGE_W, PAGE_H, DPI, &pix, &text) != 0) {
            rc = -1;
            break;
        }
        truths[p] = (struct truth){doc->file, p + 1, text};
        if ((pages[p] = degrade_page(pix, doc->recipe, &rng)) == NULL) {
            rc = -1;
            break;
        }
        char *name = g_strdup_printf("%s.p%d.txt", doc->file, p + 1);
        rc = write_bytes(dir, name, text, strlen(text));
        g_free(name);
    }

    if (rc == 0 && doc->kind == DOC_PDF)
        rc = write_pdf(dir, doc->file, pages, doc->npages);
    else if (rc == 0)
        rc = write_png(dir, doc->file, pages[0]);

    for (int p = 0; p < doc->npages; p++)
        pixDestroy(&pages[p]);
    g_free(pages);
    return rc;
}

/* gen_note - the plain-text note and its ground truth (itself); 0 or -1 */
static int gen_note(const char *dir, struct truth *truth)
{
    char *name = g_strdup_printf("%s.p1.txt", sample_note_file);
    size_t len = strlen(sample_note_text);
    int rc = write_bytes(dir, sample_note_file, sample_note_text, len);

    if (rc == 0)
        rc = write_bytes(dir, name, sample_note_text, len);
    g_free(name);
    *truth = (struct truth){sample_note_file, 1, g_strdup(sample_note_text)};
    return rc;
}

/* main - parse arguments and write the whole set */
int main(int argc, char **argv)
{
    uint64_t seed = DEFAULT_SEED;
    const char *outdir = NULL, *set = "default", *list = NULL;
    int per_class = 10;

    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--help") == 0 || strcmp(argv[i], "-h") == 0) {
            usage(stdout);
            return 0;
        } else if (strcmp(argv[i], "--seed") == 0 && i + 1 < argc) {
            if (parse_seed(argv[++i], &seed) != 0) {
                fprintf(stderr, "gen_samples: bad seed: %s\n", argv[i]);
                return 2;
            }
        } else if (strncmp(argv[i], "--seed=", 7) == 0) {
            if (parse_seed(argv[i] + 7, &seed) != 0) {
                fprintf(stderr, "gen_samples: bad seed: %s\n", argv[i] + 7);
                return 2;
            }
        } else if (strcmp(argv[i], "--set") == 0 && i + 1 < argc) {
            set = argv[++i];
        } else if (strcmp(argv[i], "--list") == 0 && i + 1 < argc) {
            list = argv[++i];
        } else if (strcmp(argv[i], "--per-class") == 0 && i + 1 < argc) {
            per_class = atoi(argv[++i]);
        } else if (argv[i][0] == '-' || outdir != NULL) {
            usage(stderr);
            return 2;
        } else {
            outdir = argv[i];
        }
    }
    if (outdir == NULL) {
        usage(stderr);
        return 2;
    }
    if (g_mkdir_with_parents(outdir, 0755) != 0) {
        fprintf(stderr, "gen_samples: cannot create %s: %s\n", outdir, strerror(errno));
        return 1;
    }
    if (strcmp(set, "bench") == 0 || (strcmp(set, "pages") == 0 && list != NULL)) {
        PangoFontMap *fm = pango_cairo_font_map_new();
        int brc = list != NULL ? gen_pages(list, outdir, seed, fm)
                               : gen_bench(outdir, seed, per_class > 0 ? per_class : 10, fm);
        g_object_unref(fm);
        cairo_debug_reset_static_data();
        return brc == 0 ? 0 : 1;
    } else if (strcmp(set, "default") != 0) {
        usage(stderr);
        return 2;
    }

    size_t ntruths = 1; /* the note */
    for (size_t d = 0; d < sample_ndocs; d++) {
        const char *bad = degrade_check_recipe(sample_docs[d].recipe);
        if (bad != NULL) {
            fprintf(stderr, "gen_samples: %s: unknown degradation step %s\n", sample_docs[d].file,
                    bad);
            return 1;
        }
        ntruths += (size_t)sample_docs[d].npages;
    }

    struct truth *truths = g_new0(struct truth, ntruths);
    PangoFontMap *fontmap = pango_cairo_font_map_new();
    size_t t = 0;
    int rc = 0;

    for (size_t d = 0; d < sample_ndocs && rc == 0; d++) {
        rc = gen_doc(outdir, &sample_docs[d], seed, fontmap, truths + t);
        t += (size_t)sample_docs[d].npages;
    }
    if (rc == 0)
        rc = gen_note(outdir, &truths[t++]);
    if (rc == 0)
        rc = write_blob(outdir, seed);
    if (rc == 0)
        rc = check_phrases(truths, t);
    if (rc == 0)
        rc = write_manifest(outdir);

    for (size_t i = 0; i < ntruths; i++)
        g_free(truths[i].text);
    g_free(truths);
    g_object_unref(fontmap);
    cairo_debug_reset_static_data();
    return rc == 0 ? 0 : 1;
}
