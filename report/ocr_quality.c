/*
 * ocr_quality.c - what the records say about OCR: pages read with low confidence,
 * and the searchable PDF of an item (see report.h).
 *
 * The threshold is DATA/ocr.conf's low_confidence (60 by default): a page
 * whose mean word confidence is below it is marked, because its text, and
 * so the search, may miss words that a person reading the page would see.
 *
 * Functions: report_flag_pages, report_low_confidence.
 */
#include "report.h"
#include "report/report_private.h"
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

/* low_pages - the OCR pages of `result` below t, "2 (41%), 5 (38%)" (g_free;
 * NULL for none); each is marked "low_confidence" in `pages` (its pages as
 * JSON, in the same order) unless that is NULL */
static char *low_pages(const item_result *result, double t, json_object *pages)
{
    GString *s = g_string_new(NULL);
    for (size_t i = 0; result && i < result->npages; i++) {
        const item_page *p = &result->pages[i];
        if (p->source != ITEM_SOURCE_OCR || p->confidence < 0 || p->confidence >= t)
            continue;
        if (pages != NULL)
            json_object_object_add(json_object_array_get_idx(pages, i), "low_confidence",
                                   json_object_new_boolean(1));
        g_string_append_printf(s, "%s%d (%.0f%%)", s->len ? ", " : "", p->number, p->confidence);
    }
    return g_string_free(s, s->len == 0);
}

/* report_flag_pages - "low_confidence": true on pages below the threshold,
 * and the item's "searchable_pdf" (path or null) on the record */
void report_flag_pages(const char *data_dir, const char *sha256, const item_result *result,
                       json_object *record)
{
    json_object *pages = NULL;
    json_object_object_get_ex(record, "pages", &pages);
    g_free(low_pages(result, threshold(data_dir), pages));
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
        item_result *result = item_result_load(data_dir, shas[i], NULL);
        char *which = low_pages(result, t, NULL);
        if (which != NULL) {
            char *reason = g_strdup_printf("low OCR confidence on page%s %s",
                                           strchr(which, ',') ? "s" : "", which);
            json_object_array_add(list, report_summary(data_dir, shas[i], result, reason));
            g_free(reason);
        }
        g_free(which);
        item_result_free(result);
    }
    queue_list_free(shas, n);
    return list;
}
