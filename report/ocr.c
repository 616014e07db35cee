/*
 * ocr.c - what the records say about OCR: pages read with low confidence,
 * and the searchable PDF of an item (see report.h).
 *
 * Functions: report_flag_pages, report_low_confidence.
 *
 * The threshold is DATA/ocr.conf's low_confidence (60 by default): a page
 * whose mean word confidence is below it is marked, because its text, and
 * so the search, may miss words that a person reading the page would see.
 */
#include "report.h"
#include "ingest/items.h"
#include "ingest/queue.h"
#include "ocr/ocr.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

/* threshold - DATA/ocr.conf's low_confidence, 60 if unreadable */
static double threshold(const char *data_dir)
{
    ocr_config *cfg = ocr_config_load(data_dir, NULL, NULL);
    double t = cfg ? ocr_config_low_confidence(cfg) : 60.0;
    ocr_config_free(cfg);
    return t;
}

/* flag - mark the OCR pages below t; a description "2 (41%), 5 (38%)" (g_free) */
static char *flag(json_object *pages, double t)
{
    GString *s = g_string_new(NULL);
    for (size_t i = 0; pages && i < json_object_array_length(pages); i++) {
        json_object *p = json_object_array_get_idx(pages, i), *conf = NULL, *num = NULL;
        const char *src = report_string(p, "source");
        if (src == NULL || strcmp(src, "ocr") != 0 ||
            !json_object_object_get_ex(p, "confidence", &conf) || conf == NULL ||
            json_object_get_double(conf) >= t)
            continue;
        json_object_object_add(p, "low_confidence", json_object_new_boolean(1));
        json_object_object_get_ex(p, "number", &num);
        g_string_append_printf(s, "%s%d (%.0f%%)", s->len ? ", " : "", json_object_get_int(num),
                               json_object_get_double(conf));
    }
    return g_string_free(s, s->len == 0);
}

/* report_flag_pages - "low_confidence": true on pages below the threshold,
 * and the item's "searchable_pdf" (path or null) on the record */
void report_flag_pages(const char *data_dir, const char *sha256, json_object *record)
{
    json_object *pages = NULL;
    json_object_object_get_ex(record, "pages", &pages);
    g_free(flag(pages, threshold(data_dir)));
    char *pdf = ocr_searchable_pdf(data_dir, sha256);
    json_object_object_add(record, "searchable_pdf", pdf ? json_object_new_string(pdf) : NULL);
    free(pdf);
}

/* report_low_confidence - done items with low-confidence pages:
 * [{"sha256","name","path","mime","reason"}…], reason naming the pages */
json_object *report_low_confidence(const char *data_dir)
{
    json_object *list = json_object_new_array();
    char **shas = NULL;
    size_t n = 0;
    if (queue_list(data_dir, QUEUE_DONE, &shas, &n, NULL) != 0)
        return list;
    double t = threshold(data_dir);
    for (size_t i = 0; i < n; i++) {
        json_object *result = items_load_result(data_dir, shas[i], NULL), *pages = NULL;
        if (result)
            json_object_object_get_ex(result, "pages", &pages);
        char *which = flag(pages, t);
        if (which != NULL) {
            json_object *rec = report_item(data_dir, shas[i]), *o = json_object_new_object();
            const char *keys[] = { "sha256", "name", "path", "mime" };
            for (size_t k = 0; k < 4; k++) {
                json_object *v = NULL;
                json_object_object_get_ex(rec, keys[k], &v);
                json_object_object_add(o, keys[k], v ? json_object_get(v) : NULL);
            }
            char *reason = g_strdup_printf("low OCR confidence on page%s %s",
                                           strchr(which, ',') ? "s" : "", which);
            json_object_object_add(o, "reason", json_object_new_string(reason));
            g_free(reason);
            json_object_array_add(list, o);
            json_object_put(rec);
        }
        g_free(which);
        json_object_put(result);
    }
    queue_list_free(shas, n);
    return list;
}
