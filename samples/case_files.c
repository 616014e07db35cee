/*
 * case_files.c - renders given page texts as scans (gen_samples --set pages LIST OUTDIR).
 *
 * The name benchmark (bench/names/cases) writes the texts of its case files
 * and a LIST of the ones to scan: one document a line, "file<TAB>class<TAB>
 * text", the text file named relative to the LIST's folder, its pages
 * separated by form feeds.  Each page is laid out on A5 at 300 dpi (a line in
 * capitals is a centred bold heading, a line with a tab is split left and
 * right, a line longer than a short one is a justified paragraph, others are
 * set flush left, so a name can be broken over two lines on purpose), then
 * damaged by the recipe of the OCR benchmark class named (bench_docs.c:
 * clean300, fax, phone...), and written to OUTDIR/file in the format its
 * name says: .jpg (at the class's quality), .png, or .tif, the only one that
 * takes several pages (G4 if the class makes 1 bit, else zip).
 * OUTDIR/truth/file.txt is the text as rendered.  A page depends only on the seed, the file name and its number.
 *
 * Functions: gen_pages.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "samples.h"

#define PAGES_DPI 300
#define PAGES_W 1748 /* A5 at 300 dpi, as the other sets */
#define PAGES_H 2480
#define PAGES_PT 10.5
#define PARAGRAPH_MIN 72 /* characters: longer lines are justified paragraphs */

/* find_class - the OCR benchmark class of that name, or NULL */
static const struct bench_class *find_class(const char *name)
{
    for (size_t i = 0; i < bench_nclasses; i++)
        if (strcmp(bench_classes[i].name, name) == 0)
            return &bench_classes[i];
    return NULL;
}

/* is_heading - a line with letters, all of them capitals */
static int is_heading(const char *s)
{
    int letters = 0;
    for (const char *p = s; *p; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (g_unichar_islower(c))
            return 0;
        letters += g_unichar_isupper(c) != 0;
    }
    return letters > 1;
}

/* page_blocks - the blocks of one page's lines (the lines are borrowed; g_free the array) */
static struct block *page_blocks(char **lines)
{
    size_t n = g_strv_length(lines);
    struct block *b = g_new0(struct block, n + 1);
    size_t k = 0;

    for (size_t i = 0; i < n; i++) {
        if (lines[i][0] == '\0')
            continue;
        struct block *bl = &b[k++];
        bl->text = lines[i];
        bl->space_before_pt = k > 1 && lines[i - 1][0] == '\0' ? 8 : 0;
        if (strchr(lines[i], '\t') != NULL)
            bl->align = BLK_SPLIT;
        else if (is_heading(lines[i]))
            bl->align = BLK_CENTER, bl->bold = 1;
        else if (g_utf8_strlen(lines[i], -1) > PARAGRAPH_MIN)
            bl->align = BLK_JUSTIFY;
        else
            bl->align = BLK_LEFT;
    }
    b[k].text = NULL;
    return b;
}

/* render_text_page - one page of text, rendered and damaged; NULL on failure */
static PIX *render_text_page(PangoFontMap *fm, const char *page, const struct bench_class *cl,
                             prng *rng, GString *truth)
{
    char **lines = g_strsplit(page, "\n", -1);
    struct block *blocks = page_blocks(lines);
    /* Court papers come in a few faces; a document keeps its own. */
    struct page_spec spec = {(prng_next(rng) & 1) ? "Liberation Serif" : "DejaVu Serif", PAGES_PT,
                             blocks};
    PIX *pix = NULL;
    char *text = NULL;

    if (render_page(fm, &spec, PAGES_W, PAGES_H, PAGES_DPI, &pix, &text) == 0) {
        g_string_append(truth, text);
        pix = degrade_page(pix, cl->recipe, rng);
    }
    g_free(text);
    g_free(blocks);
    g_strfreev(lines);
    return pix;
}

/* write_doc - the pages in the format the file name says (.jpg, .png, .tif; several
 * pages only in a TIFF); 0 or -1 */
static int write_doc(const char *path, PIX **pix, int n, const struct bench_class *cl)
{
    int rc = -1;
    if (n == 1 && g_str_has_suffix(path, ".jpg")) {
        rc = pixWriteJpeg(path, pix[0], cl->format == BENCH_JPEG ? cl->jpeg_quality : 75, 0);
    } else if (n == 1 && g_str_has_suffix(path, ".png")) {
        pixSetZlibCompression(pix[0], 1);
        rc = pixWritePng(path, pix[0], 0.0f);
    } else if (g_str_has_suffix(path, ".tif")) {
        rc = 0;
        for (int i = 0; i < n && rc == 0; i++) {
            int comp = pixGetDepth(pix[i]) == 1 ? IFF_TIFF_G4 : IFF_TIFF_ZIP;
            rc = pixWriteTiff(path, pix[i], comp, i == 0 ? "w" : "a");
        }
    }
    if (rc != 0)
        fprintf(stderr, "gen_samples: cannot write %s (%d pages)\n", path, n);
    return rc != 0 ? -1 : 0;
}

/* gen_document - one LIST line: render, damage and write a document; 0 or -1 */
static int gen_document(const char *listdir, const char *outdir, char **cols, uint64_t seed,
                        PangoFontMap *fm)
{
    const struct bench_class *cl = find_class(cols[1]);
    char *src = g_build_filename(listdir, cols[2], NULL), *text = NULL;
    int rc = -1;

    if (cl == NULL || degrade_check_recipe(cl->recipe) != NULL)
        fprintf(stderr, "gen_samples: %s: no damage class %s\n", cols[0], cols[1]);
    else if (!g_file_get_contents(src, &text, NULL, NULL))
        fprintf(stderr, "gen_samples: cannot read %s\n", src);
    else
        rc = 0;
    char **pages = rc == 0 ? g_strsplit(text, "\f", -1) : NULL;
    int n = pages != NULL ? (int)g_strv_length(pages) : 0;
    PIX **pix = g_new0(PIX *, n + 1);
    GString *truth = g_string_new(NULL);
    for (int i = 0; i < n && rc == 0; i++) {
        prng rng = prng_derive(seed, cols[0], i + 1);
        if ((pix[i] = render_text_page(fm, pages[i], cl, &rng, truth)) == NULL) {
            fprintf(stderr, "gen_samples: %s: page %d not rendered\n", cols[0], i + 1);
            rc = -1;
        }
    }
    char *out = g_build_filename(outdir, cols[0], NULL);
    char *truth_path = g_strdup_printf("%s/truth/%s.txt", outdir, cols[0]);
    if (rc == 0 && n > 0)
        rc = write_doc(out, pix, n, cl);
    if (rc == 0 && !g_file_set_contents(truth_path, truth->str, (gssize)truth->len, NULL))
        rc = -1;
    for (int i = 0; i < n; i++)
        pixDestroy(&pix[i]);
    g_free(pix);
    g_strfreev(pages);
    g_string_free(truth, TRUE);
    g_free(out);
    g_free(truth_path);
    g_free(text);
    g_free(src);
    return rc;
}

/* gen_pages - every document of LIST into outdir; 0 or -1 */
int gen_pages(const char *list, const char *outdir, uint64_t seed, PangoFontMap *fm)
{
    char *text = NULL, *listdir = g_path_get_dirname(list);
    char *truthdir = g_build_filename(outdir, "truth", NULL);
    int rc = 0;

    if (!g_file_get_contents(list, &text, NULL, NULL) || g_mkdir_with_parents(truthdir, 0755)) {
        fprintf(stderr, "gen_samples: cannot read %s or create %s: %s\n", list, truthdir,
                strerror(errno));
        rc = -1;
    }
    char **lines = rc == 0 ? g_strsplit(text, "\n", -1) : NULL;
    for (size_t i = 0; lines != NULL && lines[i] != NULL && rc == 0; i++) {
        if (lines[i][0] == '\0' || lines[i][0] == '#')
            continue;
        char **cols = g_strsplit(lines[i], "\t", 3);
        if (g_strv_length(cols) != 3) {
            fprintf(stderr, "gen_samples: %s:%zu: not file<TAB>class<TAB>text\n", list, i + 1);
            rc = -1;
        } else {
            rc = gen_document(listdir, outdir, cols, seed, fm);
        }
        g_strfreev(cols);
    }
    g_strfreev(lines);
    g_free(text);
    g_free(listdir);
    g_free(truthdir);
    return rc;
}
