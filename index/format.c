/*
 * format.c - search results as JSON (for the HTTP API and `dokaz search --json`)
 * and as plain text (for a terminal).
 *
 * Functions: index_results_json, index_results_text.
 *
 * Snippets arrive HTML-escaped with matches in <b>...</b>; JSON passes them on
 * as they are (the web UI inserts them as HTML). For a terminal they are
 * unescaped, matches become [[...]], and control characters from the page
 * text or file names are replaced: a hostile document must not be able to
 * send escape sequences to the user's terminal.
 */
#include "index/index.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* json_str - a JSON string, or null for NULL */
static json_object *json_str(const char *s)
{
    return s != NULL ? json_object_new_string(s) : NULL;
}

/* index_results_json - {"query","total","hits":[...]} (malloc'd; NULL for NULL) */
char *index_results_json(const index_results *results)
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
        json_object_object_add(o, "snippet", json_str(h->snippet ? h->snippet : ""));
        json_object_object_add(o, "chain", json_str(h->chain));
        json_object_array_add(hits, o);
    }
    json_object_object_add(root, "hits", hits);
    const char *s = json_object_to_json_string_ext(root, JSON_C_TO_STRING_PLAIN |
                                                         JSON_C_TO_STRING_NOSLASHESCAPE);
    char *copy = s ? strdup(s) : NULL;
    json_object_put(root);
    return copy;
}

/* put_clean - write s, control characters replaced by spaces */
static void put_clean(FILE *f, const char *s)
{
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++)
        fputc(*p < 0x20 || *p == 0x7f ? ' ' : *p, f);
}

/* Snippet markup and the text it stands for on a terminal. */
static const struct { const char *from, *to; } snippet_marks[] = {
    {"<b>", "[["}, {"</b>", "]]"},
    {"&lt;", "<"}, {"&gt;", ">"}, {"&amp;", "&"}, {"&quot;", "\""},
    {"&#39;", "'"}, {"&#x27;", "'"}, {"&apos;", "'"},
};

/* put_snippet - write an HTML snippet as terminal text */
static void put_snippet(FILE *f, const char *s)
{
    char one[2] = {0, 0};
    while (s != NULL && *s) {
        size_t k, n = sizeof snippet_marks / sizeof snippet_marks[0];
        for (k = 0; k < n; k++) {
            size_t len = strlen(snippet_marks[k].from);
            if (strncmp(s, snippet_marks[k].from, len) == 0) {
                fputs(snippet_marks[k].to, f);
                s += len;
                break;
            }
        }
        if (k == n) {
            one[0] = *s++;
            put_clean(f, one);
        }
    }
}

/* index_results_text - a header line, then one block per hit (malloc'd; NULL for NULL) */
char *index_results_text(const index_results *results)
{
    if (results == NULL)
        return NULL;
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    if (f == NULL)
        return NULL;

    fputs("query: ", f);
    put_clean(f, results->query);
    fprintf(f, "\n%ld file%s found", results->total, results->total == 1 ? "" : "s");
    if (results->count > 0 && (long)results->count < results->total)
        fprintf(f, ", showing %zu", results->count);
    fputs("\n", f);

    for (size_t i = 0; i < results->count; i++) {
        const index_hit *h = &results->hits[i];
        fprintf(f, "\n%zu. ", i + 1);
        put_clean(f, h->name && *h->name ? h->name : "(no name)");
        if (h->page > 0)
            fprintf(f, ", page %d", h->page);
        else
            fputs(" (no pages)", f);
        fprintf(f, " (%d%%)\n   path: ", h->percent);
        put_clean(f, h->path);
        if (h->member != NULL) {
            fputs("\n   member: ", f);
            put_clean(f, h->member);
        }
        if (h->chain != NULL) {
            fputs("\n   from: ", f);
            put_clean(f, h->chain);
        }
        fputs("\n   sha256: ", f);
        put_clean(f, h->sha256);
        if (h->snippet != NULL && *h->snippet) {
            fputs("\n   ", f);
            put_snippet(f, h->snippet);
        }
        fputs("\n", f);
    }
    if (fclose(f) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}
