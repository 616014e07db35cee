/*
 * chain.c - where an item came from, in words (see report.h, report_chain):
 * "scan_03.jpg in folder/ in case_files.zip in email 'Re: documents'
 * received 2025-03-01".
 *
 * Built from report_parents (the first reception of each container) and the
 * containers' results: an e-mail is named by its subject, anything else by
 * its file name; a member's folder inside its container is a step of its own.
 * The outermost container ends the sentence with its date: an e-mail's Date
 * header, else the day dokaz received it.
 *
 * Functions: report_chain.
 */
#include "report.h"
#include "common/xalloc.h"

#include <glib.h>
#include <stdlib.h>
#include <string.h>

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
    json_object *parents = report_parents(data_dir, sha256);
    size_t n = json_object_array_length(parents);
    if (n == 0) {
        json_object_put(parents);
        return NULL;
    }
    GString *out = g_string_new(NULL);
    json_object *link = json_object_array_get_idx(parents, 0);
    const char *member = report_string(link, "member");
    char *base = member ? g_path_get_basename(member) : g_strdup(sha256);
    g_string_append(out, base);
    g_free(base);
    for (size_t i = 0; i < n; i++) {
        link = json_object_array_get_idx(parents, i);
        char *dir = dir_part(report_string(link, "member"));
        if (dir != NULL)
            g_string_append_printf(out, " in %s", dir);
        g_free(dir);
        const char *psha = report_string(link, "sha256");
        const char *pname = report_string(link, "name");
        json_object *outer = i + 1 < n ? json_object_array_get_idx(parents, i + 1) : NULL;
        char *own = outer && report_string(outer, "member")
                        ? g_path_get_basename(report_string(outer, "member"))
                        : NULL;
        describe(out, data_dir, psha, own ? own : pname, i + 1 == n);
        g_free(own);
    }
    json_object_put(parents);
    char *sentence = xstrdup(out->str); /* malloc'd, as report.h promises */
    g_string_free(out, TRUE);
    return sentence;
}
