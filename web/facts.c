/*
 * facts.c - what a page says, in one line: document type, case numbers,
 * Criminal Code articles with their parts, court and date, as the fields
 * subsystem finds them in the page's text. Shown above each page of a
 * document (a search hit shows the item's fields as the index keeps them).
 *
 * Functions: facts_new, facts_free, facts_html.
 */
#include "web/web_private.h"
#include "fields/fields.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_SHOWN = 4 };   /* at most this many case numbers or articles */

struct facts {
    names *names;
    fields *fields;
};

/* facts_new - compile the rules (NULL if they cannot be built: no facts shown) */
facts *facts_new(void)
{
    char *err = NULL;
    facts *f = g_new0(facts, 1);
    f->names = names_new(&err);
    f->fields = f->names ? fields_new(f->names, &err) : NULL;
    free(err);
    if (f->fields == NULL) {
        facts_free(f);
        return NULL;
    }
    return f;
}

/* facts_free - NULL is fine */
void facts_free(facts *f)
{
    if (f == NULL)
        return;
    fields_free(f->fields);
    names_free(f->names);
    g_free(f);
}

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

/* facts_html - <p class="facts">…</p> for a page's text; nothing when it says nothing */
void facts_html(const facts *f, GString *b, const char *text)
{
    if (f == NULL || text == NULL || *text == '\0')
        return;
    fields_page *p = fields_extract(f->fields, text);
    if (p == NULL)
        return;
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
                snprintf(date, sizeof date, "%02d.%02d.%04d", p->dates[i].day,
                         p->dates[i].month, p->dates[i].year);
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
    fields_page_free(p);
}
