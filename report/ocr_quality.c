/*
 * ocr_quality.c - which pages of a record were read with low OCR confidence
 * (see report_private.h).
 *
 * The threshold is DATA/ocr.conf's low_confidence (60 by default): a page
 * whose mean word confidence is below it is marked, because its text, and
 * so the search, may miss words that a person reading the page would see.
 *
 * Functions: report_low_threshold, report_low_page, report_low_pages,
 * report_low_reason.
 */
#include "report/report_private.h"
#include "ocr/ocr.h"

#include <glib.h>
#include <string.h>

/* report_low_threshold - the configured threshold, 60 if unreadable */
double report_low_threshold(const char *data_dir)
{
    ocr_config *cfg = ocr_config_load(data_dir, NULL, NULL);
    double t = cfg ? ocr_config_low_confidence(cfg) : 60.0;
    ocr_config_free(cfg);
    return t;
}

/* report_low_page - one page, in words when it is low */
bool report_low_page(GString *words, const item_page *p, double t)
{
    bool low = p->source == ITEM_SOURCE_OCR && p->confidence >= 0 && p->confidence < t;
    if (low)
        g_string_append_printf(words, "%s%d (%.0f%%)", words->len ? ", " : "", p->number,
                               p->confidence);
    return low;
}

/* report_low_pages - the OCR pages below t, in words, each flagged */
char *report_low_pages(const item_result *result, double t, bool *flags)
{
    GString *s = g_string_new(NULL);
    for (size_t i = 0; result && i < result->npages; i++) {
        bool low = report_low_page(s, &result->pages[i], t);
        if (flags != NULL)
            flags[i] = low;
    }
    return g_string_free(s, s->len == 0);
}

/* report_low_reason - the reason a low-confidence item is listed */
char *report_low_reason(const char *which)
{
    return g_strdup_printf("low OCR confidence on page%s %s", strchr(which, ',') ? "s" : "", which);
}
