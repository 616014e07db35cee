/*
 * html_write.c - writing HTML safely, the page frame, error and JSON responses,
 * request parameters.
 *
 * Everything shown comes from documents that may be hostile (a file named
 * "<script>…", OCR text with markup), so every string is escaped, attribute
 * quotes included; the only markup added around it is ours, such as the <b>
 * html_snippet puts around the matches of a snippet. Pages carry no inline
 * script or style, so the Content-Security-Policy the server sends can forbid
 * both: escaping is the defence, the policy a second one.
 *
 * Functions: html_text, html_textn, html_wrap, html_url, html_snippet,
 * html_chain, html_begin, html_finish, web_error, web_json, web_param_get,
 * web_param_int.
 */
#include "web/web_private.h"
#include "report/report.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* html_textn - the escaping loop */
void html_textn(GString *b, const char *s, size_t n)
{
    if (s == NULL)
        return;
    for (size_t i = 0; i < n && s[i]; i++) {
        switch (s[i]) {
        case '&': g_string_append(b, "&amp;"); break;
        case '<': g_string_append(b, "&lt;"); break;
        case '>': g_string_append(b, "&gt;"); break;
        case '"': g_string_append(b, "&quot;"); break;
        case '\'': g_string_append(b, "&#39;"); break;
        default:
            /* other control characters (not tab/newline) would only confuse */
            if ((unsigned char)s[i] < 0x20 && s[i] != '\n' && s[i] != '\t' && s[i] != '\r')
                g_string_append_c(b, ' ');
            else
                g_string_append_c(b, s[i]);
        }
    }
}

/* html_text - escape a whole string */
void html_text(GString *b, const char *s)
{
    html_textn(b, s, (size_t)-1);
}

/* html_wrap - trusted open, escaped text, trusted close */
void html_wrap(GString *b, const char *open, const char *s, const char *close)
{
    g_string_append(b, open);
    html_text(b, s);
    g_string_append(b, close);
}

/* html_url - percent-encode all but unreserved characters */
void html_url(GString *b, const char *s)
{
    static const char hex[] = "0123456789ABCDEF";
    for (const unsigned char *p = (const unsigned char *)(s ? s : ""); *p; p++) {
        if ((*p >= 'a' && *p <= 'z') || (*p >= 'A' && *p <= 'Z') || (*p >= '0' && *p <= '9') ||
            *p == '-' || *p == '_' || *p == '.' || *p == '~') {
            g_string_append_c(b, (char)*p);
        } else {
            g_string_append_c(b, '%');
            g_string_append_c(b, hex[*p >> 4]);
            g_string_append_c(b, hex[*p & 15]);
        }
    }
}

/* html_snippet - escaped text, each mark in <b>...</b> */
void html_snippet(GString *b, const char *text, const index_span *marks, size_t nmarks)
{
    size_t at = 0, len = text ? strlen(text) : 0;
    for (size_t i = 0; i < nmarks; i++) {
        if (marks[i].start < at || marks[i].start + marks[i].len > len)
            continue; /* not where a mark can be */
        html_textn(b, text + at, marks[i].start - at);
        g_string_append(b, "<b>");
        html_textn(b, text + marks[i].start, marks[i].len);
        g_string_append(b, "</b>");
        at = marks[i].start + marks[i].len;
    }
    html_text(b, text ? text + at : NULL);
}

/* chain_link - <a href=/item/SHA>label</a> */
static void chain_link(GString *b, const char *sha, const char *label)
{
    g_string_append(b, "<a href=\"/item/");
    html_url(b, sha);
    g_string_append(b, "\">");
    html_text(b, label ? label : sha);
    g_string_append(b, "</a>");
}

/* html_chain - the root by name, then each member path, linked to its item */
void html_chain(GString *b, const report_parents *parents)
{
    size_t n = parents->n;
    if (n == 0)
        return;
    chain_link(b, parents->list[n - 1].sha256, parents->list[n - 1].name);
    for (size_t i = n; i-- > 0;) {
        const char *member = parents->list[i].member;
        g_string_append(b, " › ");
        if (i > 0)
            chain_link(b, parents->list[i - 1].sha256, member);
        else
            html_wrap(b, "<span class=\"member\">", member ? member : "?", "</span>");
    }
}

/* html_begin - doctype, head, navigation */
GString *html_begin(const char *title, const char *active)
{
    static const struct {
        const char *href, *label;
    } nav[] = {
        {"/", "Search"},
        {"/batch", "Batch"},
        {"/persons", "Persons"},
        {"/status", "Status"},
    };
    GString *b = g_string_sized_new(8192);
    g_string_append(b, "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                       "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                       "<title>");
    html_text(b, title);
    g_string_append(b, " – dokaz</title><link rel=\"stylesheet\" href=\"/static/dokaz.css\">"
                       "<script src=\"/static/dokaz.js\" defer></script></head>\n<body>"
                       "<header><a class=\"brand\" href=\"/\">dokaz</a><nav>");
    for (size_t i = 0; i < sizeof nav / sizeof *nav; i++)
        g_string_append_printf(b, "<a href=\"%s\"%s>%s</a>", nav[i].href,
                               active && strcmp(active, nav[i].label) == 0
                                   ? " aria-current=\"page\""
                                   : "",
                               nav[i].label);
    g_string_append(b, "</nav></header>\n<main>");
    return b;
}

/* html_finish - footer, then hand the buffer to the response */
void html_finish(GString *b, web_response *resp)
{
    g_string_append(b, "</main>\n<footer>dokaz – originals are kept byte for byte and "
                       "never modified</footer></body></html>\n");
    resp->status = resp->status ? resp->status : 200;
    resp->type = "text/html; charset=utf-8";
    resp->len = b->len;
    resp->body = g_string_free(b, FALSE);
}

/* web_error - a small page that says what went wrong */
void web_error(web_response *resp, int status, int json, const char *fmt, ...)
{
    va_list ap;
    va_start(ap, fmt);
    char *msg = g_strdup_vprintf(fmt, ap);
    va_end(ap);
    web_response_clear(resp);
    if (json) {
        json_object *o = json_object_new_object();
        json_object_object_add(o, "error", json_object_new_string(msg));
        json_object_object_add(o, "status", json_object_new_int(status));
        web_json(resp, o);
    } else {
        const char *title = status == 404   ? "Not found"
                            : status == 400 ? "Bad request"
                            : status == 405 ? "Method not allowed"
                                            : "Error";
        GString *b = html_begin(title, NULL);
        g_string_append_printf(b, "<h1>%s</h1><p class=\"error\">", title);
        html_text(b, msg);
        g_string_append(b, "</p><p><a href=\"/\">Search</a></p>");
        html_finish(b, resp);
    }
    resp->status = status;
    g_free(msg);
}

/* web_json - serialise compactly, UTF-8 and slashes as they are */
void web_json(web_response *resp, json_object *o)
{
    const char *s = json_object_to_json_string_ext(o, JSON_C_TO_STRING_PLAIN |
                                                          JSON_C_TO_STRING_NOSLASHESCAPE);
    resp->len = strlen(s);
    resp->body = g_strndup(s, resp->len);
    resp->type = "application/json; charset=utf-8";
    resp->status = resp->status ? resp->status : 200;
    json_object_put(o);
}

/* web_param_get - linear search; requests have few parameters */
const char *web_param_get(const web_request *req, const char *name)
{
    for (size_t i = 0; i < req->nparams; i++)
        if (req->params[i].name && strcmp(req->params[i].name, name) == 0)
            return req->params[i].value ? req->params[i].value : "";
    return NULL;
}

/* web_param_int - strtol with range checks */
int web_param_int(const web_request *req, const char *name, long min, long max, long fallback,
                  long *out, web_response *resp, int json)
{
    const char *text = web_param_get(req, name);
    *out = fallback;
    if (text == NULL || *text == '\0')
        return 0;
    char *end = NULL;
    errno = 0;
    long v = strtol(text, &end, 10);
    if (errno != 0 || end == text || *end != '\0' || v < min || v > max) {
        web_error(resp, 400, json, "'%s' needs a whole number from %ld to %ld", name, min, max);
        return -1;
    }
    *out = v;
    return 0;
}
