/*
 * chain.c - where an item came from, in words (see report.h, report_chain):
 * "scan_03.jpg in folder/ in case_files.zip in email 'Re: documents'
 * received 2025-03-01".
 *
 * Functions: report_chain, describe, dir_part.
 *
 * Built from report_parents (the first reception of each container) and the
 * containers' results: an e-mail is named by its subject, anything else by
 * its file name; a member's folder inside its container is a step of its own.
 * The outermost container ends the sentence with its date: an e-mail's Date
 * header, else the day dokaz received it.
 */
#include "report.h"
#include "ingest/items.h"

#include <glib.h>
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

/* meta_string - result.meta[key], or NULL */
static const char *meta_string(json_object *result, const char *key)
{
    json_object *meta = NULL;
    if (result == NULL || !json_object_object_get_ex(result, "meta", &meta))
        return NULL;
    return report_string(meta, key);
}

/* describe - " in NAME" or " in email 'SUBJECT'", with the date when outermost */
static void describe(GString *out, const char *data_dir, const char *sha, const char *name,
                     int outermost)
{
    json_object *result = items_load_result(data_dir, sha, NULL);
    const char *mime = report_string(result, "mime");
    const char *date = meta_string(result, "date");
    int email = mime != NULL && strcmp(mime, "message/rfc822") == 0;
    if (email)
        g_string_append_printf(out, " in email '%s'", meta_string(result, "subject")
                                                          ? meta_string(result, "subject")
                                                          : "(no subject)");
    else
        g_string_append_printf(out, " in %s", name ? name : sha);
    if (outermost) {
        json_object *receipts = items_receipts(data_dir, sha, NULL);
        json_object *first = receipts && json_object_array_length(receipts)
                                 ? json_object_array_get_idx(receipts, 0) : NULL;
        const char *when = email && date ? date : report_string(first, "time");
        if (when != NULL)
            g_string_append_printf(out, " received %.10s", when);
        json_object_put(receipts);
    }
    json_object_put(result);
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
                        ? g_path_get_basename(report_string(outer, "member")) : NULL;
        describe(out, data_dir, psha, own ? own : pname, i + 1 == n);
        g_free(own);
    }
    json_object_put(parents);
    return g_string_free(out, FALSE);
}
