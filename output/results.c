/*
 * results.c - search results as JSON (for the HTTP API and `dokaz search --json`)
 * and as plain text (for a terminal).
 *
 * Functions: output_results_json, output_results_text, output_results_facets_json,
 * output_snippet_html, out_snippet_text, out_put_snippet_text, out_json_string,
 * out_put_clean.
 *
 * Snippets arrive as plain text with the spans that matched. JSON gives them
 * as HTML, escaped as Xapian escapes its snippets, matches in <b>...</b> (the
 * web UI inserts them as HTML). For a terminal matches become [[...]], and
 * control characters from the page text or file names are replaced: a
 * hostile document must not be able to send escape sequences to the user's
 * terminal.
 */
#include "output/output.h"
#include "output/output_int.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* json_str - a JSON string, or null for NULL */
static json_object *json_str(const char *s)
{
    return s != NULL ? json_object_new_string(s) : NULL;
}

/* json_list - a NULL-terminated list as a JSON array (empty for NULL) */
static json_object *json_list(char *const *list)
{
    json_object *a = json_object_new_array();
    for (size_t i = 0; list != NULL && list[i] != NULL; i++)
        json_object_array_add(a, json_object_new_string(list[i]));
    return a;
}

/* add_fields_json - a hit's item fields and matched words */
static void add_fields_json(json_object *o, const index_hit *h)
{
    json_object_object_add(o, "type", json_str(h->type ? h->type : ""));
    json_object_object_add(o, "date", json_str(h->date));
    json_object_object_add(o, "cases", json_list(h->cases));
    json_object_object_add(o, "courts", json_list(h->courts));
    json_object_object_add(o, "articles", json_list(h->articles));
    json_object_object_add(o, "matched", json_list(h->matched));
}

/* facets_json - [{"name","values":[{"value","label","count"}]}] */
static json_object *facets_json(const index_results *r)
{
    json_object *a = json_object_new_array();
    for (size_t i = 0; i < r->nfacets; i++) {
        json_object *f = json_object_new_object(), *values = json_object_new_array();
        json_object_object_add(f, "name", json_str(r->facets[i].name));
        for (size_t k = 0; k < r->facets[i].count; k++) {
            const index_facet_value *v = &r->facets[i].values[k];
            json_object *jv = json_object_new_object();
            json_object_object_add(jv, "value", json_str(v->value));
            json_object_object_add(jv, "label", json_str(v->label));
            json_object_object_add(jv, "count", json_object_new_int64(v->count));
            json_object_array_add(values, jv);
        }
        json_object_object_add(f, "values", values);
        json_object_array_add(a, f);
    }
    return a;
}

/* output_results_facets_json - the facets alone */
char *output_results_facets_json(const index_results *results)
{
    if (results == NULL)
        return strdup("[]");
    return out_json_string(facets_json(results));
}

/* output_results_json - {"query","total","hits":[...]} (malloc'd; NULL for NULL) */
char *output_results_json(const index_results *results)
{
    if (results == NULL)
        return NULL;
    json_object *root = json_object_new_object();
    json_object *hits = json_object_new_array();
    if (root == NULL || hits == NULL) {
        json_object_put(root);
        json_object_put(hits);
        return NULL;
    }
    json_object_object_add(root, "query", json_str(results->query ? results->query : ""));
    json_object_object_add(root, "total", json_object_new_int64(results->total));
    for (size_t i = 0; i < results->count; i++) {
        const index_hit *h = &results->hits[i];
        json_object *o = json_object_new_object();
        if (o == NULL)
            continue;
        json_object_object_add(o, "sha256", json_str(h->sha256));
        json_object_object_add(o, "name", json_str(h->name));
        json_object_object_add(o, "path", json_str(h->path));
        json_object_object_add(o, "member", json_str(h->member));
        json_object_object_add(o, "mime", json_str(h->mime));
        json_object_object_add(o, "page", json_object_new_int(h->page));
        json_object_object_add(o, "score", json_object_new_double(h->score));
        json_object_object_add(o, "percent", json_object_new_int(h->percent));
        char *snippet = output_snippet_html(h);
        json_object_object_add(o, "snippet", json_str(snippet ? snippet : ""));
        free(snippet);
        json_object_object_add(o, "chain", json_str(h->chain));
        add_fields_json(o, h);
        json_object_array_add(hits, o);
    }
    json_object_object_add(root, "hits", hits);
    if (results->nfacets > 0)
        json_object_object_add(root, "facets", facets_json(results));
    return out_json_string(root);
}

/* out_json_string - o as compact JSON (malloc'd), o released */
char *out_json_string(json_object *o)
{
    const char *s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
                                                      JSON_C_TO_STRING_NOSLASHESCAPE);
    char *copy = s ? strdup(s) : NULL;
    json_object_put(o);
    return copy;
}

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
static void put_snippet(FILE *f, const index_hit *h, void (*put)(FILE *, char),
                        const char *open, const char *close)
{
    const char *text = h->snippet ? h->snippet : "";
    size_t at = 0, len = strlen(text);
    for (size_t i = 0; i <= h->nmarks; i++) {
        const index_span *m = i < h->nmarks ? &h->marks[i] : NULL;
        if (m != NULL && (m->start < at || m->start + m->len > len))
            continue;           /* not where a mark can be */
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

/* put_list - "label: a, b" for a non-empty list */
static void put_list(FILE *f, const char *label, char *const *list)
{
    if (list == NULL || list[0] == NULL)
        return;
    fprintf(f, "\n   %s: ", label);
    for (size_t i = 0; list[i] != NULL; i++) {
        if (i > 0)
            fputs(", ", f);
        out_put_clean(f, list[i]);
    }
}

/* put_fields - a hit's type, date, case numbers, courts, articles, matched words */
static void put_fields(FILE *f, const index_hit *h)
{
    if ((h->type != NULL && *h->type && strcmp(h->type, "other") != 0) || h->date != NULL) {
        fputs("\n   document: ", f);
        out_put_clean(f, h->type && *h->type ? h->type : "other");
        if (h->date != NULL) {
            fputs(" of ", f);
            out_put_clean(f, h->date);
        }
    }
    put_list(f, "case", h->cases);
    put_list(f, "court", h->courts);
    put_list(f, "article", h->articles);
    put_list(f, "matched", h->matched);
}

/* put_facets - one line per facet with values: "type: verdict 3, notice 2" */
static void put_facets(FILE *f, const index_results *r)
{
    for (size_t i = 0; i < r->nfacets; i++) {
        if (r->facets[i].count == 0)
            continue;
        fputs("  ", f);
        out_put_clean(f, r->facets[i].name);
        fputc(':', f);
        for (size_t k = 0; k < r->facets[i].count; k++) {
            fputs(k ? ", " : " ", f);
            out_put_clean(f, r->facets[i].values[k].label);
            fprintf(f, " %ld", r->facets[i].values[k].count);
        }
        fputc('\n', f);
    }
}

/* output_results_text - a header line, then one block per hit (malloc'd; NULL for NULL) */
char *output_results_text(const index_results *results)
{
    if (results == NULL)
        return NULL;
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    if (f == NULL)
        return NULL;

    fputs("query: ", f);
    out_put_clean(f, results->query);
    fprintf(f, "\n%ld file%s found", results->total, results->total == 1 ? "" : "s");
    if (results->count > 0 && (long)results->count < results->total)
        fprintf(f, ", showing %zu", results->count);
    fputs("\n", f);

    put_facets(f, results);
    for (size_t i = 0; i < results->count; i++) {
        const index_hit *h = &results->hits[i];
        fprintf(f, "\n%zu. ", i + 1);
        out_put_clean(f, h->name && *h->name ? h->name : "(no name)");
        if (h->page > 0)
            fprintf(f, ", page %d", h->page);
        else
            fputs(" (no pages)", f);
        fprintf(f, " (%d%%)\n   path: ", h->percent);
        out_put_clean(f, h->path);
        if (h->member != NULL) {
            fputs("\n   member: ", f);
            out_put_clean(f, h->member);
        }
        if (h->chain != NULL) {
            fputs("\n   from: ", f);
            out_put_clean(f, h->chain);
        }
        fputs("\n   sha256: ", f);
        out_put_clean(f, h->sha256);
        put_fields(f, h);
        if (h->snippet != NULL && *h->snippet) {
            fputs("\n   ", f);
            out_put_snippet_text(f, h);
        }
        fputs("\n", f);
    }
    if (fclose(f) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}
