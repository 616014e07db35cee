/*
 * samples.h - shared types of the sample-document generator (gen_samples).
 *
 * The generator is three small parts held together by gen_samples.c:
 *   docs.c     what the documents say: pages as lists of text blocks, the
 *              plain-text note and the manifest phrases (data only);
 *   draw_page.c lays a page out with pango+cairo into a clean 8-bit image and
 *              records the text exactly as it was broken into lines;
 *   degrade.c  makes the clean image look scanned, as a table of named steps
 *              run in the order a recipe lists them.
 */
#ifndef DOKAZ_SAMPLES_H
#define DOKAZ_SAMPLES_H

#include <stddef.h>

#include <leptonica/allheaders.h>
#include <pango/pangocairo.h>

#include "prng.h"

/* How a block is placed on the page. */
enum blk_align {
    BLK_LEFT,
    BLK_CENTER,
    BLK_RIGHT,
    BLK_JUSTIFY, /* justified paragraph with a first-line indent */
    BLK_SPLIT    /* one line: text before '\t' flush left, after it flush right */
};

/* One paragraph or line of a page. */
struct block {
    enum blk_align align;
    int bold;
    double space_before_pt; /* extra space above the block, in points */
    const char *text;       /* UTF-8; NULL ends a page's block list */
};

/* One page: its text blocks and the type it is set in. */
struct page_spec {
    const char *family; /* fontconfig family, e.g. "Liberation Serif" */
    double size_pt;
    const struct block *blocks;
};

/* One step of a degradation recipe: a step name from degrade.c's table and
 * up to two parameters whose meaning that step defines. */
struct recipe_step {
    const char *name; /* NULL ends a recipe */
    double a, b;
};

enum doc_kind { DOC_PDF, DOC_PNG };

/* One scanned document of the default set. */
struct doc_spec {
    const char *file;
    enum doc_kind kind;
    const struct page_spec *pages;
    int npages;
    const struct recipe_step *recipe;
};

/* A phrase a search must find on exactly one page of the set. */
struct phrase {
    const char *file;
    int page;
    const char *lang;
    const char *text;
};

/* docs.c */
extern const struct doc_spec sample_docs[];
extern const size_t sample_ndocs;
extern const char sample_note_file[];
extern const char sample_note_text[];
extern const struct phrase sample_phrases[];
extern const size_t sample_nphrases;
extern const struct page_spec *const sample_page_texts[];
extern const size_t sample_npage_texts;

/* One class of the OCR benchmark set (bench_docs.c): how its pages are
 * damaged and the file format they are written in. */
enum bench_format { BENCH_PNG, BENCH_JPEG, BENCH_TIFF_G4 };
struct bench_class {
    const char *name; /* "clean300", "fax", "rot90", ... */
    const struct recipe_step *recipe;
    enum bench_format format;
    int jpeg_quality; /* for BENCH_JPEG */
};

/* bench_docs.c */
extern const struct bench_class bench_classes[];
extern const size_t bench_nclasses;
extern const struct page_spec *const bench_page_texts[];
extern const size_t bench_npage_texts;

/* bench.c */
int gen_bench(const char *dir, uint64_t seed, int per_class, PangoFontMap *fontmap);

/* case_files.c */
int gen_pages(const char *list, const char *outdir, uint64_t seed, PangoFontMap *fontmap);

/* draw_page.c */
int render_page(PangoFontMap *fontmap, const struct page_spec *spec, int width_px, int height_px,
                int dpi, PIX **out_pix, char **out_truth);

/* degrade.c */
PIX *degrade_page(PIX *pix, const struct recipe_step *recipe, prng *rng);
const char *degrade_check_recipe(const struct recipe_step *recipe);

/* damage.c: the benchmark's heavier steps (listed in degrade.c's table) */
PIX *damage_scale(PIX *pix, const struct recipe_step *st, prng *rng);
PIX *damage_threshold(PIX *pix, const struct recipe_step *st, prng *rng);
PIX *damage_turn(PIX *pix, const struct recipe_step *st, prng *rng);
PIX *damage_stamp(PIX *pix, const struct recipe_step *st, prng *rng);
PIX *damage_tint(PIX *pix, const struct recipe_step *st, prng *rng);
PIX *damage_perspective(PIX *pix, const struct recipe_step *st, prng *rng);
PIX *damage_light(PIX *pix, const struct recipe_step *st, prng *rng);
PIX *damage_dpi(PIX *pix, const struct recipe_step *st, prng *rng);

#endif
