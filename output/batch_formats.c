/*
 * batch_formats.c - a batch search's results as CSV (for a spreadsheet), JSON (for
 * the web UI) and text (for a terminal).
 *
 * The CSV is RFC 4180, one row per hit, and a row with found 0 for a line
 * without hits, so the list comes back whole and a person with no documents
 * is visible as such. A line's possible matches (a person's namesakes) are
 * counted apart, in their own column, and have no rows. The JSON flags an
 * estimated count ("total_approximate", "possible_approximate") and the text
 * puts "~" before it; the CSV's columns stay numbers. Cells hold text from documents, which are untrusted:
 * a cell starting with = + - @ would be a formula to a spreadsheet, so it
 * gets a leading apostrophe.
 *
 * Functions: output_csv_cell, output_batch_csv, output_batch_json,
 * output_batch_text.
 */
#include "output/output.h"
#include "output/output_int.h"
#include "common/xalloc.h"

#include <json-c/json.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* output_csv_cell - one CSV cell, quoted, formula characters defused, then sep */
void output_csv_cell(FILE *f, const char *s, char sep)
{
    s = s ? s : "";
    fputc('"', f);
    if (*s == '=' || *s == '+' || *s == '-' || *s == '@')
        fputc('\'', f);
    for (; *s; s++) {
        if (*s == '"')
            fputc('"', f);
        fputc(*s == '\r' || *s == '\n' ? ' ' : *s, f);
    }
    fputc('"', f);
    fputc(sep, f);
}

/* put_num - a number cell, then sep */
static void put_num(FILE *f, long n, char sep)
{
    fprintf(f, "%ld%c", n, sep);
}

/* joined - a NULL-terminated list joined by "; " (malloc'd) */
static char *joined(char *const *list)
{
    size_t len = 1;
    for (size_t i = 0; list && list[i]; i++)
        len += strlen(list[i]) + 2;
    char *s = xcalloc(1, len);
    for (size_t i = 0; list && list[i]; i++) {
        if (i > 0)
            strcat(s, "; ");
        strcat(s, list[i]);
    }
    return s;
}

/* put_hit_row - the cells of one hit from rank on */
static void put_hit_row(FILE *f, const index_hit *h, size_t rank)
{
    char *cases = joined(h->cases), *courts = joined(h->courts), *matched = joined(h->matched);
    char *snippet = out_snippet_text(h);
    put_num(f, (long)rank, ',');
    output_csv_cell(f, h->name, ',');
    put_num(f, h->page, ',');
    output_csv_cell(f, cases, ',');
    output_csv_cell(f, h->type, ',');
    output_csv_cell(f, h->date, ',');
    output_csv_cell(f, courts, ',');
    output_csv_cell(f, matched, ',');
    output_csv_cell(f, snippet, ',');
    output_csv_cell(f, h->sha256, ',');
    output_csv_cell(f, h->path, ',');
    output_csv_cell(f, "", '\n');
    free(cases);
    free(courts);
    free(matched);
    free(snippet);
}

/* output_batch_csv - a header, then rows */
char *output_batch_csv(const index_batch *batch)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    if (f == NULL)
        return NULL;
    fputs("line,query,found,possible,rank,file,page,cases,type,date,courts,matched,snippet,"
          "sha256,path,error\n",
          f);
    for (size_t i = 0; batch != NULL && i < batch->count; i++) {
        const index_batch_line *l = &batch->lines[i];
        const index_results *r = l->results;
        size_t n = r ? r->count : 0;
        for (size_t k = 0; k == 0 || k < n; k++) {
            put_num(f, (long)(i + 1), ',');
            output_csv_cell(f, l->query, ',');
            put_num(f, r ? r->total : 0, ',');
            put_num(f, r ? r->possible_total : 0, ',');
            if (k < n) {
                put_hit_row(f, &r->hits[k], k + 1);
                continue;
            }
            fputs(",,,,,,,,,,,", f); /* rank ... path empty */
            output_csv_cell(f, l->error, '\n');
        }
    }
    if (batch != NULL && batch->unsearched > 0) /* a last row says so, in the error column */
        fprintf(f, ",,,,,,,,,,,,,,,%s: %zu lines not searched\n", OUTPUT_TRUNCATED_TIME,
                batch->unsearched);
    if (fclose(f) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}

/* output_batch_json - each line with the hits output_results_json gives */
char *output_batch_json(const index_batch *batch)
{
    json_object *root = json_object_new_object(), *lines = json_object_new_array();
    for (size_t i = 0; batch != NULL && i < batch->count; i++) {
        const index_batch_line *l = &batch->lines[i];
        json_object *o = json_object_new_object();
        json_object_object_add(o, "query", json_object_new_string(l->query ? l->query : ""));
        json_object_object_add(o, "error", l->error ? json_object_new_string(l->error) : NULL);
        json_object_object_add(o, "total",
                               json_object_new_int64(l->results ? l->results->total : 0));
        json_object_object_add(o, "possible_total",
                               json_object_new_int64(l->results ? l->results->possible_total : 0));
        if (l->results != NULL)
            out_estimates_json(o, l->results);
        char *r = output_results_json(l->results);
        json_object *parsed = r ? json_tokener_parse(r) : NULL, *hits = NULL;
        free(r);
        if (parsed != NULL && json_object_object_get_ex(parsed, "hits", &hits))
            json_object_object_add(o, "hits", json_object_get(hits));
        else
            json_object_object_add(o, "hits", json_object_new_array());
        json_object_put(parsed);
        json_object_array_add(lines, o);
    }
    json_object_object_add(root, "lines", lines);
    if (batch != NULL && batch->unsearched > 0) {
        json_object_object_add(root, "truncated", json_object_new_string("time limit"));
        json_object_object_add(root, "unsearched", json_object_new_int64((long)batch->unsearched));
    }
    return out_json_string(root);
}

/* output_batch_text - per line: count, then one line per hit and its snippet */
char *output_batch_text(const index_batch *batch)
{
    char *buf = NULL;
    size_t size = 0;
    FILE *f = open_memstream(&buf, &size);
    if (f == NULL)
        return NULL;
    for (size_t i = 0; batch != NULL && i < batch->count; i++) {
        const index_batch_line *l = &batch->lines[i];
        fprintf(f, "%s%zu. ", i ? "\n" : "", i + 1);
        out_put_clean(f, l->query);
        if (l->error != NULL) {
            fputs(": error: ", f);
            out_put_clean(f, l->error);
            fputc('\n', f);
            continue;
        }
        const index_results *r = l->results;
        long total = r ? r->total : 0, possible = r ? r->possible_total : 0;
        fprintf(f, ": %s%ld file%s", r && r->total_approximate ? "~" : "", total,
                total == 1 ? "" : "s");
        if (possible > 0)
            fprintf(f, " (and %s%ld possible match%s)", r->possible_approximate ? "~" : "",
                    possible, possible == 1 ? "" : "es");
        fputc('\n', f);
        for (size_t k = 0; l->results && k < l->results->count; k++) {
            const index_hit *h = &l->results->hits[k];
            char *cases = joined(h->cases), *snippet = out_snippet_text(h);
            fputs("   ", f);
            out_put_clean(f, h->name);
            fprintf(f, ", page %d", h->page);
            if (cases && *cases) {
                fputs(", case ", f);
                out_put_clean(f, cases);
            }
            if (h->type && *h->type && strcmp(h->type, "other") != 0) {
                fputs(", ", f);
                out_put_clean(f, h->type);
            }
            if (h->date) {
                fputs(" of ", f);
                out_put_clean(f, h->date);
            }
            fputs("\n      ", f);
            out_put_clean(f, snippet);
            fputc('\n', f);
            free(cases);
            free(snippet);
        }
    }
    if (batch != NULL && batch->unsearched > 0)
        fprintf(f, "\n%s: %zu lines not searched\n", OUTPUT_TRUNCATED_TIME, batch->unsearched);
    if (fclose(f) != 0) {
        free(buf);
        return NULL;
    }
    return buf;
}
