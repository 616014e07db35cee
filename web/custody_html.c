/*
 * custody_html.c - what the web shows of the custody subsystem: an item's
 * chain of custody on its page, and the last verification on the status
 * page (the same as `dokaz custody` and `dokaz status`).
 *
 * Functions: custody_html, verified_html.
 */
#include "web/web_private.h"
#include "custody/custody.h"

#include <stdlib.h>

/* custody_html - "Chain of custody": one list item per event, as `dokaz custody`
 * prints it, of those the asker may see (visible_custody) */
void custody_html(GString *b, const char *data_dir, const char *sha256, const char *const *granted,
                  const item_report *r)
{
    char *err = NULL;
    json_object *o = visible_custody(data_dir, sha256, granted, r, &err);
    g_string_append(b, "<section id=\"custody\"><h2>Chain of custody</h2>");
    if (o == NULL) {
        html_wrap(b, "<p class=\"reason\">The audit log cannot be read: ", err, "</p></section>");
        free(err);
        return;
    }
    json_object *events = json_object_object_get(o, "events");
    g_string_append(b, "<ol class=\"custody\">");
    for (size_t i = 0; i < json_object_array_length(events); i++) {
        char *line = custody_event_line(json_object_array_get_idx(events, i));
        html_wrap(b, "<li><code>", line, "</code></li>");
        free(line);
    }
    g_string_append(b, "</ol></section>");
    json_object_put(o);
}

/* verified_html - "Last verification": its time and summary, or never */
void verified_html(GString *b, json_object *last)
{
    g_string_append(b, "<section id=\"last_verification\"><h2>Last verification</h2>");
    if (last == NULL) {
        g_string_append(b, "<p class=\"none\">never: run <code>dokaz verify</code></p></section>");
        return;
    }
    json_object *problems = json_object_object_get(last, "problems");
    g_string_append_printf(b, "<p class=\"%s\">",
                           json_object_get_int64(problems) ? "reason" : "ok");
    html_text(b, json_object_get_string(json_object_object_get(last, "time")));
    html_wrap(b, ": ", json_object_get_string(json_object_object_get(last, "summary")),
              "</p></section>");
}
