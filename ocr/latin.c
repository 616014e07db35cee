/*
 * latin.c - a Latin-script page read again with Latin languages only.
 *
 * With bel+rus+eng loaded together tesseract reads an English or Polish
 * page with Cyrillic look-alikes in its words ("іп" for "in", "а" for "a")
 * and short words misread ("1$" for "is"), and Polish letters (ą, ł, ż) as
 * whatever the three models know. The first reading tells which script a
 * page is in: when at least LATIN_SHARE of the letters of its confidently
 * read plausible words (script.c) are Latin, the page
 * is read again by a second engine holding only the Latin languages
 * installed of OCR_LATIN_LANGS, and that reading is kept unless its mean
 * confidence is clearly lower. Cyrillic pages (this project's usual papers)
 * cost nothing more; a Latin page costs a second recognition. The second
 * engine is loaded on the first Latin page a worker meets, and only when
 * the configured languages hold a Cyrillic one (a folder set to pol+eng in
 * ocr.conf is read with those as before).
 *
 * A page that is not Latin as a whole may still hold Latin paragraphs: an
 * English address block in a Russian letter, a bilingual notice, a Polish
 * letter quoting a Russian ruling. latin_blocks walks the first reading by
 * paragraph and tells each one's script the same way (its letters, with
 * fewer of them needed, LATIN_BLOCK_MIN_LETTERS); each Latin paragraph's
 * rectangle is read again by the Latin engine as one block, and that
 * reading replaces the paragraph's text by the whole-page rule (kept unless
 * clearly less confident both by mean confidence and by score). The page's
 * text is put together again paragraph by paragraph as tesseract does
 * (GetUTF8Text), each paragraph keeping its place and its trailing line
 * breaks. A page with no Latin paragraph costs one walk of its words.
 *
 * Functions: latin_wanted, latin_engine, latin_blocks.
 */
#include "ocr/ocr_private.h"

#include "common/xalloc.h"

#include <glib.h>
#include <leptonica/allheaders.h>
#include <string.h>

/* The Latin languages a Latin page is read with, those installed of them:
 * English for international papers, Polish for the letters of Poland's
 * courts and NGOs (and its ą ę ł ń ó ś ź ż, which English lacks). */
#define OCR_LATIN_LANGS "eng+pol"
/* Share of Latin letters in the first reading's plausible words that makes
 * a page Latin, and the least letters to tell. A map of Latin place names
 * (OCRmyPDF's baiona_color.jpg) measured 88%, the rest Latin names misread
 * in Cyrillic; a page that is really mixed loses its Cyrillic words in the
 * Latin reading, whose score then drops and the first reading stays. */
#define LATIN_SHARE 0.8
#define LATIN_MIN_LETTERS 20
/* The least letters that tell a paragraph's script: an address line
 * ("Warsaw, ul. Nowy Swiat 10") is short. */
#define LATIN_BLOCK_MIN_LETTERS 8
/* Pixels added around a paragraph's box when it is read again: tesseract's
 * box is tight on the ink, and letters cut at the edge are misread. */
#define LATIN_BLOCK_PAD 12

/* Cyrillic-script languages of tesseract's models. */
static const char *const cyrillic_langs[] = {"bel", "rus", "ukr", "bul",      "srp", "mkd",
                                             "kaz", "kir", "tgk", "uzb_cyrl", "mon", NULL};

/* has_cyrillic - whether a "+"-joined language list names a Cyrillic language */
static bool has_cyrillic(const char *langs)
{
    bool found = false;
    char **list = g_strsplit(langs, "+", -1);
    for (int i = 0; list[i] != NULL && !found; i++)
        for (int k = 0; cyrillic_langs[k] != NULL; k++)
            found = found || strcmp(list[i], cyrillic_langs[k]) == 0;
    g_strfreev(list);
    return found;
}

/* latin_wanted - whether the page api has just read is read again in Latin:
 * its script told by the letters of its confidently read plausible words
 * (script_plausible), so that lone Cyrillic letters and look-alikes that
 * tesseract reads into a picture or a map do not hide a Latin page */
bool latin_wanted(const ocr_engine *engine, TessBaseAPI *api)
{
    if (!has_cyrillic(engine->langs))
        return false;
    TessResultIterator *it = TessBaseAPIGetIterator(api);
    if (it == NULL)
        return false;
    int latin = 0, cyrillic = 0;
    TessPageIterator *page = TessResultIteratorGetPageIterator(it);
    do {
        char *word = TessResultIteratorGetUTF8Text(it, RIL_WORD);
        if (word != NULL && TessResultIteratorConfidence(it, RIL_WORD) >= OCR_CONFIDENT_WORD)
            script_plausible(word, &latin, &cyrillic);
        TessDeleteText(word);
    } while (TessPageIteratorNext(page, RIL_WORD));
    TessResultIteratorDelete(it);
    return latin + cyrillic >= LATIN_MIN_LETTERS && latin >= LATIN_SHARE * (latin + cyrillic);
}

/* installed_latin - the languages of OCR_LATIN_LANGS that tessdata holds
 * (malloc'd, NULL when none) */
static char *installed_latin(TessBaseAPI *api)
{
    char **have = TessBaseAPIGetAvailableLanguagesAsVector(api);
    char **want = g_strsplit(OCR_LATIN_LANGS, "+", -1);
    GString *langs = g_string_new("");
    for (int i = 0; want[i] != NULL; i++)
        for (int k = 0; have != NULL && have[k] != NULL; k++)
            if (strcmp(want[i], have[k]) == 0) {
                g_string_append_printf(langs, "%s%s", langs->len ? "+" : "", want[i]);
                break;
            }
    g_strfreev(want);
    TessDeleteTextArray(have);
    char *out = langs->len ? xstrdup(langs->str) : NULL;
    g_string_free(langs, TRUE);
    return out;
}

/* latin_engine - the Latin engine, loaded once; NULL when no Latin model is installed */
TessBaseAPI *latin_engine(ocr_engine *engine)
{
    if (engine->latin_tried)
        return engine->latin;
    engine->latin_tried = 1;
    char *langs = installed_latin(engine->api);
    if (langs == NULL)
        return NULL;
    TessBaseAPI *api = TessBaseAPICreate();
    TessBaseAPISetVariable(api, "debug_file", "/dev/null");
    if (TessBaseAPIInit3(api, engine->tessdata, langs) != 0) {
        TessBaseAPIDelete(api);
        free(langs);
        return NULL;
    }
    free(langs);
    engine->latin = api;
    return api;
}

/* A paragraph of the first reading: its text, how sure tesseract was, the
 * letters of its plausible words by script, and its score. */
typedef struct {
    char *text;
    float conf;
    int latin, cyrillic;
    long score;
} paragraph;

/* read_paragraph - the paragraph `it` stands at (text NULL when empty or
 * not text: pictures and rules are left out of a page's text, as
 * GetUTF8Text does) */
static paragraph read_paragraph(TessResultIterator *it)
{
    paragraph p = {0};
    TessPageIterator *page = TessResultIteratorGetPageIterator(it);
    TessPolyBlockType type = TessPageIteratorBlockType(page);
    if (type == PT_FLOWING_IMAGE || type == PT_HEADING_IMAGE || type == PT_PULLOUT_IMAGE ||
        type == PT_HORZ_LINE || type == PT_VERT_LINE)
        return p;
    p.text = TessResultIteratorGetUTF8Text(it, RIL_PARA);
    if (p.text == NULL)
        return p;
    p.conf = TessResultIteratorConfidence(it, RIL_PARA);
    TessResultIterator *w = TessResultIteratorCopy(it);
    TessPageIterator *wp = TessResultIteratorGetPageIterator(w);
    do {
        char *word = TessResultIteratorGetUTF8Text(w, RIL_WORD);
        if (word != NULL && TessResultIteratorConfidence(w, RIL_WORD) >= OCR_CONFIDENT_WORD)
            p.score += script_plausible(word, &p.latin, &p.cyrillic);
        TessDeleteText(word);
    } while (TessPageIteratorNext(wp, RIL_WORD) && !TessPageIteratorIsAtBeginningOf(wp, RIL_PARA));
    TessResultIteratorDelete(w);
    return p;
}

/* read_box - the Latin engine's reading of the paragraph `it` stands at,
 * within the page image img (malloc'd; NULL when it failed or was clearly
 * less sure than the first reading p), *score its score */
static char *read_box(TessBaseAPI *latin, TessResultIterator *it, struct Pix *img,
                      const paragraph *p, long *score)
{
    int left = 0, top = 0, right = 0, bottom = 0;
    if (!TessPageIteratorBoundingBox(TessResultIteratorGetPageIterator(it), RIL_PARA, &left, &top,
                                     &right, &bottom))
        return NULL;
    left = left > LATIN_BLOCK_PAD ? left - LATIN_BLOCK_PAD : 0;
    top = top > LATIN_BLOCK_PAD ? top - LATIN_BLOCK_PAD : 0;
    right = MIN(right + LATIN_BLOCK_PAD, pixGetWidth(img));
    bottom = MIN(bottom + LATIN_BLOCK_PAD, pixGetHeight(img));
    TessBaseAPISetRectangle(latin, left, top, right - left, bottom - top);
    char *text = TessBaseAPIGetUTF8Text(latin); /* recognises the rectangle */
    if (text == NULL)
        return NULL;
    double conf = TessBaseAPIMeanTextConf(latin);
    *score = reading_score(latin);
    if (conf + LATIN_MAX_CONF_DROP < p->conf &&
        (double)*score * LATIN_MAX_SCORE_DROP < (double)p->score) {
        TessDeleteText(text);
        return NULL;
    }
    char *out = xstrdup(text);
    TessDeleteText(text);
    return out;
}

/* put_paragraph - a paragraph's new text into the page's: its own line
 * breaks dropped, the first reading's trailing ones kept */
static void put_paragraph(GString *page, const char *text, const char *first)
{
    size_t len = strlen(text), keep = strlen(first), tail = 0;
    while (len > 0 && (text[len - 1] == '\n' || text[len - 1] == ' '))
        len--;
    while (tail < keep && first[keep - 1 - tail] == '\n')
        tail++;
    g_string_append_len(page, text, (gssize)len);
    g_string_append(page, first + keep - tail);
}

/* latin_blocks - each Latin paragraph of the page `engine->api` has just
 * read from img (at dpi, 0 unknown) read again by the Latin engine; *text
 * rebuilt when one of them was kept. How many were kept; what they added
 * to the reading's score added to engine->latin_gain. */
int latin_blocks(ocr_engine *engine, struct Pix *img, int dpi, char **text)
{
    if (!has_cyrillic(engine->langs))
        return 0;
    TessResultIterator *it = TessBaseAPIGetIterator(engine->api);
    if (it == NULL)
        return 0;
    TessBaseAPI *latin = NULL;
    GString *page = g_string_new("");
    int kept = 0;
    do {
        paragraph p = read_paragraph(it);
        if (p.text == NULL)
            continue;
        int letters = p.latin + p.cyrillic;
        char *again = NULL;
        long score = 0;
        if (letters >= LATIN_BLOCK_MIN_LETTERS && p.latin >= LATIN_SHARE * letters) {
            if (latin == NULL && (latin = latin_engine(engine)) != NULL) {
                TessBaseAPISetPageSegMode(latin, PSM_SINGLE_BLOCK);
                TessBaseAPISetImage2(latin, img);
                if (dpi > 0)
                    TessBaseAPISetSourceResolution(latin, dpi);
            }
            if (latin != NULL)
                again = read_box(latin, it, img, &p, &score);
        }
        if (again != NULL) {
            put_paragraph(page, again, p.text);
            engine->latin_gain += score - p.score;
            kept++;
        } else {
            g_string_append(page, p.text);
        }
        free(again);
        TessDeleteText(p.text);
    } while (TessResultIteratorNext(it, RIL_PARA));
    TessResultIteratorDelete(it);
    if (kept > 0) {
        free(*text);
        *text = xstrdup(page->str);
    }
    g_string_free(page, TRUE);
    return kept;
}
