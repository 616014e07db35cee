/*
 * events.c - one item's chain of custody: every audit line about it, in the
 * log's order, for `dokaz custody` and the web's item page (see custody.h).
 *
 * An item's lines are those naming it (its receptions, its processing, its
 * exports), those of members extracted from it ("extracted"), and the
 * verifications of the whole store made after it was first received. Its
 * type is told by the worker's "identified" line, and its being searchable
 * by the supervisor's "indexed" line after the index commit. The
 * outcome lines are completed from the result record they bound: the type
 * found and how many pages were read how.
 *
 * Functions: custody_events, custody_event_line.
 */
#include "custody/custody.h"
#include "ingest/audit.h"
#include "record/record.h"
#include "common/xalloc.h"

#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

typedef struct {
    const char *sha256;
    json_object *events;
    bool received; /* its first reception was seen */
    size_t line;
} custody_walk;

/* add_line - the event as an object with its place in the log */
static json_object *add_line(custody_walk *w, const audit_line *line, const char *as)
{
    json_object *o = audit_event_object(line->event);
    if (as)
        json_object_object_add(o, "event", json_object_new_string(as));
    json_object_object_add(o, "line", json_object_new_int64((int64_t)line->number));
    json_object_array_add(w->events, o);
    return o;
}

/* pick_line - audit_walk callback: keep what concerns the item */
static int pick_line(const audit_line *line, void *ctx)
{
    custody_walk *w = ctx;
    const audit_event *e = line->event;
    if (e == NULL)
        return 0;
    if (e->sha256 && strcmp(e->sha256, w->sha256) == 0) {
        w->received |= e->kind == AUDIT_RECEIVED;
        add_line(w, line, NULL);
    } else if (e->kind == AUDIT_RECEIVED && e->parent && strcmp(e->parent, w->sha256) == 0) {
        add_line(w, line, "extracted");
    } else if (e->kind == AUDIT_VERIFIED && w->received) {
        add_line(w, line, NULL);
    }
    return 0;
}

/* add_outcome - the result record's type and page sources on the last outcome line */
static void add_outcome(const char *data_dir, const char *sha256, json_object *events)
{
    item_result *r = item_result_load(data_dir, sha256, NULL);
    if (r == NULL)
        return;
    for (size_t i = json_object_array_length(events); i-- > 0;) {
        json_object *o = json_object_array_get_idx(events, i), *word = NULL;
        json_object_object_get_ex(o, "event", &word);
        const char *kind = json_object_get_string(word);
        if (strcmp(kind, "processed") != 0 && strcmp(kind, "failed") != 0)
            continue;
        json_object_object_add(o, "type", r->mime ? json_object_new_string(r->mime) : NULL);
        json_object_object_add(o, "status", json_object_new_string(item_status_name(r->status)));
        json_object *pages = json_object_new_object();
        for (size_t p = 0; p < r->npages; p++) {
            const char *src = item_source_name(r->pages[p].source);
            json_object *n = NULL;
            int64_t before = json_object_object_get_ex(pages, src, &n) ? json_object_get_int64(n)
                                                                       : 0;
            json_object_object_add(pages, src, json_object_new_int64(before + 1));
        }
        json_object_object_add(o, "pages", pages);
        break;
    }
    item_result_free(r);
}

/* custody_events - walk the log for one item: only the lines that hold
 * its hash (its own, or as a parent) or the word of a verification are read */
json_object *custody_events(const char *data_dir, const char *sha256, char **err)
{
    custody_walk w = {.sha256 = sha256, .events = json_object_new_array()};
    char *verified = xasprintf("\"%s\"", audit_kind_name(AUDIT_VERIFIED));
    const char *const needles[] = {sha256, verified, NULL};
    int rc = audit_walk_holding(data_dir, needles, pick_line, &w, err);
    free(verified);
    if (rc != 0) {
        json_object_put(w.events);
        return NULL;
    }
    add_outcome(data_dir, sha256, w.events);
    json_object *o = json_object_new_object();
    json_object_object_add(o, "sha256", json_object_new_string(sha256));
    json_object_object_add(o, "events", w.events);
    return o;
}

/* str_of - a member's string, or NULL */
static const char *str_of(json_object *o, const char *key)
{
    json_object *v = NULL;
    return json_object_object_get_ex(o, key, &v) && json_object_is_type(v, json_type_string)
               ? json_object_get_string(v)
               : NULL;
}

/* int_of - a member's number, or 0 */
static int64_t int_of(json_object *o, const char *key)
{
    json_object *v = NULL;
    return json_object_object_get_ex(o, key, &v) ? json_object_get_int64(v) : 0;
}

/* describe - what the event says, after its time and word */
static void describe(GString *s, const char *kind, json_object *e)
{
    const char *path = str_of(e, "path"), *reason = str_of(e, "reason");
    const char *record = str_of(e, "record_sha256");
    if (strcmp(kind, "received") == 0 || strcmp(kind, "extracted") == 0) {
        const char *member = str_of(e, "member"), *host = str_of(e, "host");
        const char *owner = str_of(e, "owner");
        if (strcmp(kind, "extracted") == 0)
            g_string_append_printf(s, "member %s stored as %.12s", member ? member : "?",
                                   str_of(e, "sha256"));
        else if (member)
            g_string_append_printf(s, "member %s of %.12s", member, str_of(e, "parent"));
        else
            g_string_append_printf(s, "from %s", path ? path : "?");
        g_string_append_printf(s, ", %lld bytes", (long long)int_of(e, "size"));
        if (host)
            g_string_append_printf(s, ", host %s", host);
        if (owner)
            g_string_append_printf(s, ", owner %s", owner);
        json_object *fresh = NULL;
        if (json_object_object_get_ex(e, "new_content", &fresh))
            g_string_append(s, json_object_get_boolean(fresh) ? ", stored" : ", already stored");
    } else if (strcmp(kind, "exported") == 0) {
        g_string_append_printf(s, "to %s by %s, SHA256SUMS %s", path ? path : "?",
                               str_of(e, "user") ? str_of(e, "user") : "?", record ? record : "?");
    } else if (strcmp(kind, "identified") == 0) {
        g_string_append_printf(s, "%s, %s", str_of(e, "type") ? str_of(e, "type") : "?",
                               str_of(e, "how") ? str_of(e, "how") : "?");
    } else if (strcmp(kind, "indexed") == 0) {
        g_string_append_printf(s, "searchable, %lld page(s) in the index",
                               (long long)int_of(e, "pages"));
    } else if (strcmp(kind, "read") == 0) {
        g_string_append_printf(s, "OCR: %s", str_of(e, "how") ? str_of(e, "how") : "?");
    } else if (strcmp(kind, "verified") == 0) {
        g_string_append_printf(s, "%s", reason ? reason : "");
    } else {
        const char *type = str_of(e, "type");
        if (type)
            g_string_append_printf(s, "%s, ", type);
        json_object *pages = NULL;
        if (json_object_object_get_ex(e, "pages", &pages)) {
            json_object_object_foreach(pages, src, n)
            {
                g_string_append_printf(s, "%lld %s page(s), ", (long long)json_object_get_int64(n),
                                       src);
            }
        }
        if (reason)
            g_string_append_printf(s, "%s, ", reason);
        if (record)
            g_string_append_printf(s, "result record %.16s…", record);
    }
}

/* custody_event_line - "TIME  WORD  what" for one event of custody_events */
char *custody_event_line(json_object *event)
{
    const char *kind = str_of(event, "event");
    GString *s = g_string_new(NULL);
    g_string_append_printf(s, "%-24s  %-10s  ", str_of(event, "time") ? str_of(event, "time") : "",
                           kind ? kind : "?");
    if (kind)
        describe(s, kind, event);
    while (s->len > 0 && (s->str[s->len - 1] == ' ' || s->str[s->len - 1] == ','))
        g_string_truncate(s, s->len - 1);
    char *line = xstrdup(s->str);
    g_string_free(s, TRUE);
    return line;
}
