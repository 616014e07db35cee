/*
 * results_text.c - search results for a terminal (`dokaz search`).
 *
 * A header line with the query and the count ("~" before a count Xapian
 * estimated), the facets when counted, then
 * one block per hit: name, page, path, where it came from, its fields and
 * the snippet with matches in [[...]]; then the possible matches of a
 * person's name, under their own heading. Every string from a document goes
 * through out_put_clean.
 *
 * Functions: output_results_text.
 */
#include "output/output.h"
#include "output/output_int.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

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

/* put_fields - a hit's type, date, case numbers, courts, articles, matched
 * words, the matched person's role */
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
    if (h->role != NULL) {
        fputs("\n   role: ", f);
        out_put_clean(f, h->role);
    }
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
            fprintf(f, r->facets_approximate ? " ~%ld" : " %ld", r->facets[i].values[k].count);
        }
        fputc('\n', f);
    }
}

/* put_hit - one hit's block, numbered rank */
static void put_hit(FILE *f, const index_hit *h, size_t rank)
{
    fprintf(f, "\n%zu. ", rank);
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
    fprintf(f, "\n%s%ld file%s found", results->total_approximate ? "~" : "", results->total,
            results->total == 1 ? "" : "s");
    if (results->count > 0 && (long)results->count < results->total)
        fprintf(f, ", showing %zu", results->count);
    fputs("\n", f);
    if (results->shards_failed != NULL) { /* "2 of 3 shards answered; shard B: ..." */
        fprintf(f, "%d of %d shards answered; ", results->shards_answered, results->shards_named);
        out_put_clean(f, results->shards_failed);
        fputs("\n", f);
    }

    put_facets(f, results);
    for (size_t i = 0; i < results->count; i++)
        put_hit(f, &results->hits[i], i + 1);
    if (results->possible_total > 0) {
        fprintf(f,
                "\npossible matches: %s%ld file%s naming the surname, or the given name and "
                "patronymic, but not the person asked for (not counted above)\n",
                results->possible_approximate ? "~" : "", results->possible_total,
                results->possible_total == 1 ? "" : "s");
        for (size_t i = 0; i < results->npossible; i++)
            put_hit(f, &results->possible[i], i + 1);
    }
    if (fclose(f) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}
