/*
 * bench.c - writes the OCR benchmark set (gen_samples --set bench OUTDIR).
 *
 * OUTDIR/<class>/<class>_NN.<png|jpg|tif> is page NN of a class
 * (bench_docs.c) and OUTDIR/<class>/<class>_NN.txt its ground truth, the
 * text as rendered, one line per rendered line.  OUTDIR/bench.tsv lists
 * class, image and truth file, one page a line, for bench/ocr/run.
 *
 * The page texts (docs.c and bench_docs.c) are taken in turn, starting at a
 * different text in each class, so each class mixes Russian and Belarusian
 * pages.  A page depends only on the seed, its class and its number.
 *
 * Functions: gen_bench.
 */
#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib.h>

#include "samples.h"

#define BENCH_DPI 300
#define BENCH_W 1748 /* A5 at 300 dpi, as the default set */
#define BENCH_H 2480

/* page_text - the k-th page text of all of docs.c's and bench_docs.c's */
static const struct page_spec *page_text(size_t k)
{
    size_t n = sample_npage_texts + bench_npage_texts;
    k %= n;
    return k < sample_npage_texts ? sample_page_texts[k] : bench_page_texts[k - sample_npage_texts];
}

/* write_page - the image in its class's format; 0 or -1 */
static int write_page(const char *path, PIX *pix, const struct bench_class *c)
{
    int rc;
    switch (c->format) {
    case BENCH_JPEG: rc = pixWriteJpeg(path, pix, c->jpeg_quality, 0); break;
    case BENCH_TIFF_G4: rc = pixWriteTiff(path, pix, IFF_TIFF_G4, "w"); break;
    default:
        pixSetZlibCompression(pix, 1);
        rc = pixWritePng(path, pix, 0.0f);
        break;
    }
    if (rc != 0)
        fprintf(stderr, "gen_samples: cannot write %s\n", path);
    return rc != 0 ? -1 : 0;
}

/* gen_bench - per_class pages of every class, their truths and bench.tsv */
int gen_bench(const char *dir, uint64_t seed, int per_class, PangoFontMap *fontmap)
{
    static const char *const ext[] = {"png", "jpg", "tif"};
    GString *tsv = g_string_new("class\timage\ttruth\n");
    int rc = 0;

    for (size_t c = 0; c < bench_nclasses && rc == 0; c++) {
        const struct bench_class *cl = &bench_classes[c];
        char *sub = g_build_filename(dir, cl->name, NULL);
        if (degrade_check_recipe(cl->recipe) != NULL || g_mkdir_with_parents(sub, 0755) != 0) {
            fprintf(stderr, "gen_samples: class %s: bad recipe or cannot create %s: %s\n", cl->name,
                    sub, strerror(errno));
            rc = -1;
        }
        for (int k = 1; k <= per_class && rc == 0; k++) {
            PIX *pix = NULL;
            char *truth = NULL;
            prng rng = prng_derive(seed, cl->name, k);
            rc = render_page(fontmap, page_text(c + (size_t)k), BENCH_W, BENCH_H, BENCH_DPI, &pix,
                             &truth);
            if (rc == 0 && (pix = degrade_page(pix, cl->recipe, &rng)) == NULL)
                rc = -1;
            char *img = g_strdup_printf("%s/%s_%02d.%s", cl->name, cl->name, k, ext[cl->format]);
            char *txt = g_strdup_printf("%s/%s_%02d.txt", cl->name, cl->name, k);
            char *img_path = g_build_filename(dir, img, NULL);
            char *txt_path = g_build_filename(dir, txt, NULL);
            if (rc == 0)
                rc = write_page(img_path, pix, cl);
            if (rc == 0 && !g_file_set_contents(txt_path, truth, -1, NULL))
                rc = -1;
            g_string_append_printf(tsv, "%s\t%s\t%s\n", cl->name, img, txt);
            pixDestroy(&pix);
            g_free(truth);
            g_free(img);
            g_free(txt);
            g_free(img_path);
            g_free(txt_path);
        }
        g_free(sub);
    }
    char *tsv_path = g_build_filename(dir, "bench.tsv", NULL);
    if (rc == 0 && !g_file_set_contents(tsv_path, tsv->str, (gssize)tsv->len, NULL)) {
        fprintf(stderr, "gen_samples: cannot write %s\n", tsv_path);
        rc = -1;
    }
    g_free(tsv_path);
    g_string_free(tsv, TRUE);
    return rc;
}
