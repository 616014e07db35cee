/*
 * facts.c - what a page says, in one line: document type, case numbers,
 * Criminal Code articles with their parts, court and date, as the worker
 * derived them (the record page's "derived", derive/derive.h). Shown above
 * each page of a document (a search hit shows the item's fields as the
 * index keeps them). Nothing is derived here: a page recorded without
 * derived data (by an earlier version) shows no line.
 *
 * Functions: facts_html.
 */
#include "web/web_private.h"
#include "derive/derive.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_SHOWN = 4 }; /* at most this many case numbers or articles */

/* list - "label a, b, c" for up to MAX_SHOWN values */
static void list(GString *b, const char *cls, const char *label, char **values, size_t n)
{
    if (n == 0)
        return;
    g_string_append_printf(b, "<span class=\"%s\">%s ", cls, label);
    for (size_t i = 0; i < n && i < MAX_SHOWN; i++) {
        if (i)
            g_string_append(b, ", ");
        html_text(b, values[i]);
    }
    if (n > MAX_SHOWN)
        g_string_append(b, ", …");
    g_string_append(b, "</span>");
}

/* facts_html - <p class="facts">…</p> for a page's stored fields; nothing
 * when there are none or they say nothing */
void facts_html(GString *b, json_object *derived)
{
    derived_page *d = derived ? derived_page_from_json(derived, NULL) : NULL;
    if (d == NULL)
        return;
    const fields_page *p = d->fields;
    size_t before = b->len;
    g_string_append(b, "<p class=\"facts\">");
    size_t start = b->len;
    if (p->type && strcmp(p->type, FIELDS_OTHER) != 0)
        html_wrap(b, "<span class=\"doctype\">", p->type, "</span>");
    list(b, "case", "case", p->cases, p->ncases);
    if (p->nparts)
        list(b, "article", "art.", p->parts, p->nparts);
    else
        list(b, "article", "art.", p->articles, p->narticles);
    if (p->ncourts)
        html_wrap(b, "<span class=\"court\">", p->courts[0].label, "</span>");
    for (size_t i = 0; i < p->ndates; i++)
        if (!p->dates[i].birth && p->dates[i].year > 0) {
            char date[32];
            if (p->dates[i].day > 0)
                snprintf(date, sizeof date, "%02d.%02d.%04d", p->dates[i].day, p->dates[i].month,
                         p->dates[i].year);
            else
                snprintf(date, sizeof date, "%04d", p->dates[i].year);
            html_wrap(b, "<span class=\"date\">", date, "</span>");
            break;
        }
    if (p->lang)
        html_wrap(b, "<span class=\"lang\">", p->lang, "</span>");
    if (b->len == start)
        g_string_truncate(b, before);
    else
        g_string_append(b, "</p>");
    derived_page_free(d);
}
