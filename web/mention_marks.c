/*
 * mention_marks.c - a page's text with one person's mentions marked: the
 * dossier links to a page with the word positions where the person's
 * mentions start (?mark=PAGE.POSITION,...), and the words of each, as the
 * worker stored them in the page's derived names, are put in <mark
 * class="mention">. A mention runs from its first word over the next
 * words that are name parts, up to the page's next person and at most
 * MAX_WORDS words.
 *
 * Functions: mention_marks_parse, mention_marks_html.
 */
#include "web/web_private.h"
#include "derive/derive.h"
#include "names/names.h"

#include <stdlib.h>
#include <string.h>

enum { MAX_WORDS = 5 };

/* number - digits at *s (at most 8) ended by `end` or the text's end,
 * *s moved past them; 0 when there are none */
static unsigned long number(const char **s, char end)
{
    unsigned long v = 0;
    size_t n = 0;
    while ((*s)[n] >= '0' && (*s)[n] <= '9' && n < 8)
        v = v * 10 + (unsigned long)((*s)[n++] - '0');
    if (n == 0 || ((*s)[n] != end && (*s)[n] != '\0'))
        return 0;
    *s += n + ((*s)[n] == end);
    return v;
}

/* mention_marks_parse - "3.12,3.40" into page and position pairs (a new
 * array of unsigned pairs); NULL when it is not that form or too long */
GArray *mention_marks_parse(const char *text)
{
    GArray *a = g_array_new(FALSE, FALSE, sizeof(unsigned));
    const char *s = text;
    while (*s) {
        unsigned long page = number(&s, '.'), pos = page ? number(&s, ',') : 0;
        if (page == 0 || pos == 0 || a->len >= 2 * MENTION_MARKS_MAX) {
            g_array_free(a, TRUE);
            return NULL;
        }
        unsigned pair[2] = {(unsigned)page, (unsigned)pos};
        g_array_append_vals(a, pair, 2);
    }
    return a;
}

/* name_at - whether the page has a name part at position pos */
static int name_at(const derived_page *d, unsigned pos)
{
    for (size_t i = 0; i < d->nmentions; i++)
        if (d->mentions[i].pos == pos)
            return 1;
    return 0;
}

/* next_person - the position of the page's first person after pos; 0 for none */
static unsigned next_person(const derived_page *d, unsigned pos)
{
    for (size_t i = 0; i < d->npersons; i++)
        if (d->persons[i].pos > pos)
            return d->persons[i].pos;
    return 0;
}

/* marked - the positions to mark on page (a new table of positions) */
static GHashTable *marked(const derived_page *d, int page, const GArray *marks)
{
    GHashTable *set = g_hash_table_new(g_direct_hash, g_direct_equal);
    for (guint i = 0; i + 1 < marks->len; i += 2) {
        unsigned start = g_array_index(marks, unsigned, i + 1);
        if ((int)g_array_index(marks, unsigned, i) != page)
            continue;
        unsigned stop = next_person(d, start);
        g_hash_table_add(set, GUINT_TO_POINTER(start));
        for (unsigned p = start + 1;
             p < start + MAX_WORDS && (stop == 0 || p < stop) && name_at(d, p); p++)
            g_hash_table_add(set, GUINT_TO_POINTER(p));
    }
    return set;
}

/* mention_marks_html - append the page's text escaped, the words of the
 * mentions of marks (mention_marks_parse's pairs) that are on this page in
 * <mark class="mention">; returns the number of marks */
int mention_marks_html(GString *b, const char *text, json_object *derived, int page,
                       const GArray *marks)
{
    derived_page *d = derived ? derived_page_from_json(derived, NULL) : NULL;
    GHashTable *set = d ? marked(d, page, marks) : NULL;
    size_t at = 0, done = 0, open_end = 0;
    unsigned pos = 0;
    int open = 0, n = 0;
    names_word w;
    while (set && g_hash_table_size(set) > 0 && names_next_word(text, &at, &w)) {
        int want = g_hash_table_contains(set, GUINT_TO_POINTER(++pos));
        if (want && !open) {
            html_textn(b, text + done, w.start - done);
            g_string_append(b, "<mark class=\"mention\">");
            done = w.start, open = 1, n++;
        } else if (!want && open) {
            html_textn(b, text + done, open_end - done);
            g_string_append(b, "</mark>");
            done = open_end, open = 0;
        }
        open_end = w.start + w.len;
    }
    if (open) {
        html_textn(b, text + done, open_end - done);
        g_string_append(b, "</mark>");
        done = open_end;
    }
    html_text(b, text + done);
    if (set)
        g_hash_table_destroy(set);
    derived_page_free(d);
    return n;
}
