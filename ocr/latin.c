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
 * Functions: latin_wanted, latin_engine.
 */
#include "ocr/ocr_private.h"

#include "common/xalloc.h"

#include <glib.h>
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
