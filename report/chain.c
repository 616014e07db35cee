/*
 * chain.c - where an item came from, in words (see report.h, report_chain):
 * "scan_03.jpg in folder/ in case_files.zip in email 'Re: documents'
 * received 2025-03-01".
 *
 * The chain of containers is followed through each item's first reception,
 * at most MAX_PARENTS levels, cut where it comes back to an item already in
 * it. The sentence is built from it and the containers' results: an e-mail
 * is named by its subject, anything else by its file name (the first
 * reception of each container, or its own member name one level up) and
 * a member's folder inside its container is a step of its own.
 * The outermost container ends the sentence with its date: an e-mail's Date
 * header, else the day dokaz received it.
 *
 * Functions: report_parents_load, report_parents_free, report_parents_json,
 * report_chain.
 */
#include "report.h"
#include "report/report_private.h"
#include "common/xalloc.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

enum { MAX_PARENTS = 16 };

/* seen - 1 if sha is the item itself or already in the chain */
static int seen(const report_parents *chain, const char *item, const char *sha)
{
    if (strcmp(sha, item) == 0)
        return 1;
    for (size_t i = 0; i < chain->n; i++)
        if (strcmp(chain->list[i].sha256, sha) == 0)
            return 1;
    return 0;
}

/* report_parents_load - follow the first reception's parent upwards */
report_parents report_parents_load(const char *data_dir, const char *sha)
{
    report_parents chain = {xcalloc(MAX_PARENTS, sizeof *chain.list), 0};
    item_receptions *receptions = item_receptions_load(data_dir, sha, NULL);
    while (chain.n < MAX_PARENTS) {
        const item_reception *first = item_receptions_first(receptions);
        if (first == NULL || first->parent == NULL || seen(&chain, sha, first->parent))
            break;
        item_receptions *up = item_receptions_load(data_dir, first->parent, NULL);
        const item_reception *up_first = item_receptions_first(up);
        report_parent *link = &chain.list[chain.n++];
        link->sha256 = xstrdup(first->parent);
        link->name = up_first && up_first->name ? xstrdup(up_first->name) : NULL;
        link->member = first->member ? xstrdup(first->member) : NULL;
        item_receptions_free(receptions);
        receptions = up;
    }
    item_receptions_free(receptions);
    return chain;
}

/* report_parents_free - every link's strings and the list */
void report_parents_free(report_parents *parents)
{
    for (size_t i = 0; i < parents->n; i++) {
        free(parents->list[i].sha256);
        free(parents->list[i].name);
        free(parents->list[i].member);
    }
    free(parents->list);
    parents->list = NULL;
    parents->n = 0;
}

/* report_parents_json - the chain as JSON */
json_object *report_parents_json(const report_parents *parents)
{
    json_object *list = json_object_new_array();
    for (size_t i = 0; i < parents->n; i++) {
        json_object *link = json_object_new_object();
        json_object_object_add(link, "sha256", json_object_new_string(parents->list[i].sha256));
        json_object_object_add(link, "name", report_new_string(parents->list[i].name));
        json_object_object_add(link, "member", report_new_string(parents->list[i].member));
        json_object_array_add(list, link);
    }
    return list;
}

/* dir_part - "folder/" of "folder/scan.jpg" (g_free), NULL for a bare name */
static char *dir_part(const char *member)
{
    if (member == NULL || strrchr(member, '/') == NULL)
        return NULL;
    char *dir = g_path_get_dirname(member);
    if (strcmp(dir, ".") == 0 || strcmp(dir, "/") == 0) {
        g_free(dir);
        return NULL;
    }
    char *with_slash = g_strconcat(dir, "/", NULL);
    g_free(dir);
    return with_slash;
}

/* describe - " in NAME" or " in email 'SUBJECT'", with the date when outermost */
static void describe(GString *out, const char *data_dir, const char *sha, const char *name,
                     int outermost)
{
    item_result *result = item_result_load(data_dir, sha, NULL);
    const char *mime = result ? result->mime : NULL;
    const char *date = item_result_meta(result, "date");
    const char *subject = item_result_meta(result, "subject");
    int email = mime != NULL && strcmp(mime, "message/rfc822") == 0;
    if (email)
        g_string_append_printf(out, " in email '%s'", subject ? subject : "(no subject)");
    else
        g_string_append_printf(out, " in %s", name ? name : sha);
    if (outermost) {
        item_receptions *receptions = item_receptions_load(data_dir, sha, NULL);
        const item_reception *first = item_receptions_first(receptions);
        const char *when = email && date ? date : first ? first->time : NULL;
        if (when != NULL)
            g_string_append_printf(out, " received %.10s", when);
        item_receptions_free(receptions);
    }
    item_result_free(result);
}

/* report_chain - the sentence, or NULL for an item received directly */
char *report_chain(const char *data_dir, const char *sha256)
{
    report_parents parents = report_parents_load(data_dir, sha256);
    size_t n = parents.n;
    if (n == 0) {
        report_parents_free(&parents);
        return NULL;
    }
    GString *out = g_string_new(NULL);
    const char *member = parents.list[0].member;
    char *base = member ? g_path_get_basename(member) : g_strdup(sha256);
    g_string_append(out, base);
    g_free(base);
    for (size_t i = 0; i < n; i++) {
        const report_parent *link = &parents.list[i];
        char *dir = dir_part(link->member);
        if (dir != NULL)
            g_string_append_printf(out, " in %s", dir);
        g_free(dir);
        const char *outer_member = i + 1 < n ? parents.list[i + 1].member : NULL;
        char *own = outer_member ? g_path_get_basename(outer_member) : NULL;
        describe(out, data_dir, link->sha256, own ? own : link->name, i + 1 == n);
        g_free(own);
    }
    report_parents_free(&parents);
    char *sentence = xstrdup(out->str); /* malloc'd, as report.h promises */
    g_string_free(out, TRUE);
    return sentence;
}
