/*
 * query_values.c - case numbers and articles as a user types them in a query
 * (case:, article:), in the form they are indexed in.
 *
 * The text is normalised as a page is, so "361¹", "361 – 1" and "361-1" are
 * one article and "№ 1 - 234 / 24" is case 1-234/2024.
 *
 * Functions: fields_parse_case, fields_parse_article.
 */
#include "fields/fields_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* match - match normalised text against pattern, the match in *m (free it) */
static int match(const char *pattern, const char *text, GMatchInfo **m)
{
    GRegex *re = g_regex_new(pattern, 0, 0, NULL);
    if (re == NULL)
        return 0;
    int ok = g_regex_match(re, text, 0, m);
    g_regex_unref(re);
    return ok;
}

/* fields_parse_case - court form, or an investigator's long number */
int fields_parse_case(const char *text, char *out, size_t size)
{
    fields_norm t;
    if (text == NULL)
        return -1;
    fields_normalise(text, &t);
    GMatchInfo *m = NULL;
    int rc = -1;
    if (match("^\\s*(?:№|n[o°º]?|ме|мо|дело|справа|case)?\\.?\\s*(\\d{1,2})\\s*-\\s*(\\d{1,6})"
              "\\s*/\\s*(\\d{4}|\\d{2})\\s*$",
              t.text, &m)) {
        fields_case_text(fields_group_num(m, 1), fields_group_num(m, 2), fields_group_num(m, 3),
                         out, size);
        rc = 0;
    } else {
        g_match_info_free(m);
        m = NULL;
        if (match("^\\s*(?:№|n[o°º]?|ме|мо|дело|справа|case)?\\.?\\s*(\\d{10,15})\\s*$", t.text,
                  &m)) {
            char *s = g_match_info_fetch(m, 1);
            snprintf(out, size, "%s", s);
            g_free(s);
            rc = 0;
        }
    }
    g_match_info_free(m);
    fields_norm_free(&t);
    return rc;
}

/* fields_parse_article - "ч.1 ст.342", "342", "361-1", "342/1", "342ч1" */
int fields_parse_article(const char *text, char *art, size_t size, int *part)
{
    fields_norm t;
    if (text == NULL)
        return -1;
    fields_normalise(text, &t);
    GMatchInfo *m = NULL;
    int rc = -1;
    if (match("^\\s*(?:(?:ч|часть|частка)\\.?\\s*(\\d{1,2})\\s*)?"
              "(?:(?:ст|статья|арт|артыкул)\\.?\\s*)?(\\d{1,3})(?:\\s*-\\s*(\\d{1,2}))?"
              "(?:\\s*(?:/|:|ч\\.?|часть|частка)\\s*(\\d{1,2}))?"
              "\\s*(?:ук|кк)?\\s*$",
              t.text, &m)) {
        long a = fields_group_num(m, 2), sub = fields_group_num(m, 3);
        long p = fields_group_num(m, 1) >= 0 ? fields_group_num(m, 1) : fields_group_num(m, 4);
        if (a >= 1 && a <= 480) {
            if (sub >= 0)
                snprintf(art, size, "%ld-%ld", a, sub);
            else
                snprintf(art, size, "%ld", a);
            *part = p > 0 ? (int)p : 0;
            rc = 0;
        }
    }
    g_match_info_free(m);
    fields_norm_free(&t);
    return rc;
}
