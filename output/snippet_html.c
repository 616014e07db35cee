/*
 * snippet_html.c - a hit's snippet (plain text and the spans that matched, from
 * the index) marked up: as HTML for JSON, as [[...]] for a terminal or a
 * spreadsheet; and any document text made safe for a terminal.
 *
 * The HTML escapes as Xapian escapes its own snippets, which is what the
 * JSON's "snippet" held before the index gave plain text. On a terminal,
 * control characters from the page text or file names are replaced: a
 * hostile document must not be able to send escape sequences to the user's
 * terminal.
 *
 * Functions: output_snippet_html, out_snippet_text, out_put_snippet_text,
 * out_put_clean.
 */
#include "output/output.h"
#include "output/output_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* out_put_clean - write s, control characters replaced by spaces */
void out_put_clean(FILE *f, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++)
        fputc(*p < 0x20 || *p == 0x7f ? ' ' : *p, f);
}

/* put_html - one byte of snippet text escaped as Xapian escapes its snippets:
 * & < > " ' as entities, control characters as character references */
static void put_html(FILE *f, char c)
{
    switch (c) {
    case '&': fputs("&amp;", f); break;
    case '<': fputs("&lt;", f); break;
    case '>': fputs("&gt;", f); break;
    case '"': fputs("&quot;", f); break;
    case '\'': fputs("&apos;", f); break;
    default:
        if ((unsigned char)c < 0x20 || c == 0x7f)
            fprintf(f, "&#x%x;", (unsigned)c);
        else
            fputc(c, f);
    }
}

/* put_plain - one byte of snippet text for a terminal, control characters as spaces */
static void put_plain(FILE *f, char c)
{
    fputc((unsigned char)c < 0x20 || c == 0x7f ? ' ' : c, f);
}

/* put_snippet - h's snippet through put, each mark between open and close */
static void put_snippet(FILE *f, const index_hit *h, void (*put)(FILE *, char), const char *open,
                        const char *close)
{
    const char *text = h->snippet ? h->snippet : "";
    size_t at = 0, len = strlen(text);
    for (size_t i = 0; i <= h->nmarks; i++) {
        const index_span *m = i < h->nmarks ? &h->marks[i] : NULL;
        if (m != NULL && (m->start < at || m->start + m->len > len))
            continue; /* not where a mark can be */
        for (size_t end = m ? m->start : len; at < end; at++)
            put(f, text[at]);
        if (m == NULL)
            break;
        fputs(open, f);
        for (; at < m->start + m->len; at++)
            put(f, text[at]);
        fputs(close, f);
    }
}

/* snippet_string - put_snippet into a string (malloc'd) */
static char *snippet_string(const index_hit *h, void (*put)(FILE *, char), const char *open,
                            const char *close)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    if (f == NULL)
        return NULL;
    put_snippet(f, h, put, open, close);
    if (fclose(f) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* output_snippet_html - escaped, matches in <b>...</b> (malloc'd) */
char *output_snippet_html(const index_hit *hit)
{
    return snippet_string(hit, put_html, "<b>", "</b>");
}

/* out_put_snippet_text - plain, matches in [[...]] */
void out_put_snippet_text(FILE *f, const index_hit *hit)
{
    put_snippet(f, hit, put_plain, "[[", "]]");
}

/* out_snippet_text - plain, matches in [[...]] (malloc'd) */
char *out_snippet_text(const index_hit *hit)
{
    return snippet_string(hit, put_plain, "[[", "]]");
}
