/*
 * email.c - e-mails (.eml, message/rfc822) and mailboxes (mbox) with GMime 3.
 *
 * A message gives one page: its From, To, Cc, Date and Subject lines, then its
 * body as text in UTF-8 (GMime converts from the declared charset). Every
 * part of a multipart/mixed (and of any other multipart) is content: each
 * text part, plain or HTML (turned into text), is added to the body in order.
 * A multipart/alternative is one content in several forms: one is read, the
 * plain text if there is one, else the last (richest); of the others, only
 * the lines holding a word it lacks (an HTML form may say more than the plain
 * one), and their attachments (Apple Mail puts pictures in the HTML form).
 * A text file that libmagic calls text/plain is still read as e-mail when it
 * starts with a header block that makes it one (is_message). The headers are also metadata fields (from,
 * to, cc, date, subject, message_id) for `from:`-style searches. Every
 * attachment becomes a child, decoded from base64 or quoted-printable as it
 * streams; an attached message becomes a child .eml of its own, so its
 * attachments are children in turn. A mailbox is a container: each message
 * becomes a child, stored as the exact bytes between its "From " lines.
 *
 * Outlook .msg files are msg.c's.
 */
#include "extract/extract_private.h"

#include "common/error.h"

#include <glib.h>
#include <gmime/gmime.h>
#include <stdbool.h>
#include <stdlib.h>
#include <string.h>

/* Headers that say a header block is an e-mail's (mail_headers). */
enum {
    HDR_FROM = 1,
    HDR_DATE = 2,
    HDR_SUBJECT = 4,
    HDR_MESSAGE_ID = 8,
    HDR_MIME = 16,  /* MIME-Version */
    HDR_OTHER = 32, /* another header only mail has: To, Received, Content-Type... */
};

/* A header block is read at most this far (Exchange writes 100 lines of X-MS-). */
#define MAX_HEADER_BYTES 65536

/* header_kind - the HDR_ bit of the header name at p (len bytes, with its colon), 0 if none */
static int header_kind(const unsigned char *p, size_t len)
{
    static const struct {
        const char *name;
        int kind;
    } known[] = {
        {"from:", HDR_FROM},       {"date:", HDR_DATE},
        {"subject:", HDR_SUBJECT}, {"message-id:", HDR_MESSAGE_ID},
        {"to:", HDR_OTHER},        {"mime-version:", HDR_MIME},
        {"received:", HDR_OTHER},  {"return-path:", HDR_OTHER},
        {"cc:", HDR_OTHER},        {"delivered-to:", HDR_OTHER},
        {"x-mailer:", HDR_OTHER},  {"content-type:", HDR_OTHER},
        {"reply-to:", HDR_OTHER},
    };
    for (size_t k = 0; k < sizeof known / sizeof known[0]; k++)
        if (len == strlen(known[k].name) &&
            g_ascii_strncasecmp((const char *)p, known[k].name, len) == 0)
            return known[k].kind;
    return 0;
}

/* mail_headers - the HDR_ bits of the known headers in the block at p, in
 * any order, or 0 if the text does not start with a block of "Name: value"
 * lines (and their continuations) ended by a blank line or the end */
static int mail_headers(const unsigned char *p, size_t n)
{
    int found = 0;
    size_t i = 0, known = 0;
    n = n < MAX_HEADER_BYTES ? n : MAX_HEADER_BYTES;
    while (i < n) {
        size_t end = i;
        while (end < n && p[end] != '\n')
            end++;
        if (end == i || (end == i + 1 && p[i] == '\r'))
            break; /* the blank line after the headers */
        if (p[i] != ' ' && p[i] != '\t') {
            size_t colon = i;
            while (colon < end && p[colon] > ' ' && p[colon] < 127 && p[colon] != ':')
                colon++;
            if (colon == end || p[colon] != ':' || colon == i)
                return 0; /* not a header line */
            int kind = header_kind(p + i, colon + 1 - i);
            found |= kind;
            known += kind != 0;
        }
        i = end + 1;
    }
    return known > 0 ? found : 0;
}

/* is_message - headers enough to be an e-mail: From with a Date or a
 * Subject, a Message-ID, or MIME-Version with a From or a Subject (a message
 * saved unsent, or written by a script, may have neither Date nor Message-ID) */
static bool is_message(const unsigned char *p, size_t n)
{
    int h = mail_headers(p, n);
    return ((h & HDR_FROM) && (h & (HDR_DATE | HDR_SUBJECT))) || (h & HDR_MESSAGE_ID) ||
           ((h & HDR_MIME) && (h & (HDR_FROM | HDR_SUBJECT)));
}

/* is_mbox - "From " and a header block after it */
static bool is_mbox(const extract_input *in)
{
    if (in->size < 5 || memcmp(in->data, "From ", 5) != 0)
        return false;
    const unsigned char *nl = memchr(in->data, '\n', in->size < 1024 ? in->size : 1024);
    return nl != NULL && mail_headers(nl + 1, in->size - (size_t)(nl + 1 - in->data)) != 0;
}

/* email_bid - the types libmagic names, or text that starts like mail (libmagic
 * says text/plain when the first header is not one it knows, text/html when
 * the message's HTML part is near the top): above the HTML reader, which
 * would read the headers and the encoded body as words */
static int email_bid(const extract_input *in)
{
    if (in->mime == NULL || in->size == 0)
        return 0;
    if (strcmp(in->mime, "message/rfc822") == 0 || strcmp(in->mime, "application/mbox") == 0 ||
        strcmp(in->mime, "message/news") == 0)
        return 50;
    if (strncmp(in->mime, "text/", 5) == 0 && (is_mbox(in) || is_message(in->data, in->size)))
        return 55;
    return 0;
}

/* One message being read: where its output goes and its counters. */
typedef struct {
    extract_sink *sink;
    GString *body;  /* body text found so far, parts in order */
    GString *other; /* the text of the forms of alternatives not chosen */
    int attachments;
    extract_status st;
    char **reason;
} message_walk;

/* A part's decoded content as an extract_read_fn source. */
typedef struct {
    GMimeStream *stream;
} part_source;

/* part_read - decoded bytes of an attachment */
static long part_read(void *src, void *buf, unsigned long cap, char **err)
{
    part_source *p = src;
    ssize_t n = g_mime_stream_read(p->stream, buf, cap);
    if (n < 0)
        return dk_fail(err, "cannot decode the attachment");
    return (long)n;
}

/* emit_stream - a child whose bytes are the stream's (decoded) */
static void emit_stream(message_walk *w, const char *member, GMimeStream *stream)
{
    part_source src = {stream};
    extract_child child = {.member = member, .size = -1, .read = part_read, .src = &src};
    w->st = extract_emit_child(w->sink, &child, w->reason);
}

/* member_name - "name" made safe, or fallback N (malloc'd) */
static char *member_name(const char *name, const char *fallback, int n)
{
    if (name != NULL && *name != '\0')
        return extract_utf8_name(name);
    return g_strdup_printf("%s-%d", fallback, n);
}

/* location_name - the last segment of a part's Content-Location URL, which
 * is all a saved web page (MHTML) names its pictures by
 * ("https://example.org/img/a.png?v=2" -> "a.png"), NULL if there is none */
static char *location_name(GMimePart *part)
{
    const char *loc = g_mime_part_get_content_location(part);
    if (loc == NULL || strstr(loc, "://") == NULL)
        return NULL; /* none, or a cid: */
    size_t end = strcspn(loc, "?#");
    const char *start = loc + end;
    while (start > loc && start[-1] != '/')
        start--;
    if (start == loc + end)
        return NULL; /* a folder: "…/news/" */
    char *segment = g_strndup(start, (gsize)(loc + end - start));
    char *name = g_uri_unescape_string(segment, "/");
    g_free(segment);
    return name; /* NULL when an escape is broken */
}

/* repair_words - obj's headers with the encoded words GMime would decode
 * wrongly rewritten (email_words.c), before their values are read; never
 * on a message that is written out again as a child */
static void repair_words(GMimeObject *obj)
{
    GMimeHeaderList *list = g_mime_object_get_header_list(obj);
    int n = list ? g_mime_header_list_get_count(list) : 0;
    for (int i = 0; i < n; i++) {
        GMimeHeader *h = g_mime_header_list_get_header_at(list, i);
        char *merged = extract_merge_encoded_words(g_mime_header_get_raw_value(h));
        if (merged != NULL)
            g_mime_header_set_raw_value(h, merged);
        g_free(merged);
    }
}

/* add_attachment - a leaf part that is not body text */
static void add_attachment(message_walk *w, GMimePart *part)
{
    w->attachments++;
    repair_words(GMIME_OBJECT(part)); /* its file name */
    const char *filename = g_mime_part_get_filename(part);
    char *located = filename == NULL || *filename == '\0' ? location_name(part) : NULL;
    char *name = member_name(located ? located : filename, "attachment", w->attachments);
    g_free(located);
    GMimeDataWrapper *content = g_mime_part_get_content(part);
    GMimeStream *raw = content ? g_mime_data_wrapper_get_stream(content) : NULL;
    if (raw == NULL) {
        w->st = extract_emit_memory(w->sink, name, "", 0, w->reason);
        free(name);
        return;
    }
    g_mime_stream_reset(raw);
    GMimeStream *decoded = g_mime_stream_filter_new(raw);
    GMimeFilter *filter = g_mime_filter_basic_new(g_mime_data_wrapper_get_encoding(content), FALSE);
    g_mime_stream_filter_add(GMIME_STREAM_FILTER(decoded), filter);
    g_object_unref(filter);
    emit_stream(w, name, decoded);
    g_object_unref(decoded);
    free(name);
}

/* add_attached_message - message/rfc822 part: the message as a child .eml */
static void add_attached_message(message_walk *w, GMimeMessagePart *mp)
{
    GMimeMessage *m = g_mime_message_part_get_message(mp);
    if (m == NULL)
        return;
    w->attachments++;
    /* its subject names it: decoded from a repaired copy, the message is
     * written out as it came */
    GMimeHeader *h = g_mime_header_list_get_header(g_mime_object_get_header_list(GMIME_OBJECT(m)),
                                                   "Subject");
    char *merged = h ? extract_merge_encoded_words(g_mime_header_get_raw_value(h)) : NULL;
    char *subject = merged ? g_mime_utils_header_decode_text(NULL, merged)
                           : g_strdup(g_mime_message_get_subject(m));
    g_free(merged);
    char *base = subject && *subject ? g_strdup_printf("%s.eml", g_strstrip(subject))
                                     : g_strdup_printf("message-%d.eml", w->attachments);
    g_free(subject);
    g_strdelimit(base, "/\\", '_');
    char *name = extract_utf8_name(base);
    g_free(base);
    GMimeStream *mem = g_mime_stream_mem_new();
    g_mime_object_write_to_stream(GMIME_OBJECT(m), NULL, mem);
    g_mime_stream_reset(mem);
    emit_stream(w, name, mem);
    g_object_unref(mem);
    free(name);
}

/* add_text - a text part's content to `into`; HTML as text */
static void add_text(GString *into, GMimeTextPart *part, bool html)
{
    char *text = g_mime_text_part_get_text(part);
    if (text == NULL)
        return;
    if (into->len > 0)
        g_string_append(into, "\n\n");
    if (html) {
        char *plain = extract_html_text(text, strlen(text), "UTF-8", NULL, NULL, NULL);
        g_string_append(into, plain);
        g_free(plain);
    } else {
        g_string_append(into, text);
    }
    g_free(text);
}

/* add_words - the case-folded words (letters and digits) of text into set;
 * whether one of them was new */
static bool add_words(GHashTable *set, const char *text, const char *end)
{
    bool added = false;
    const char *p = text;
    while (p < end) {
        while (p < end && !g_unichar_isalnum(g_utf8_get_char(p)))
            p = g_utf8_next_char(p);
        const char *start = p;
        while (p < end && g_unichar_isalnum(g_utf8_get_char(p)))
            p = g_utf8_next_char(p);
        p = MIN(p, end); /* a character cut short at the end */
        if (p > start)
            added |= g_hash_table_add(set, g_utf8_casefold(start, p - start));
    }
    return added;
}

/* add_new_lines - the lines of `other` (text of alternative forms not
 * chosen) that hold a word the body lacks, after the body */
static void add_new_lines(GString *body, const char *other)
{
    GHashTable *known = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    add_words(known, body->str, body->str + body->len);
    bool first = true;
    for (const char *line = other; *line != '\0';) {
        const char *end = line + strcspn(line, "\n");
        if (add_words(known, line, end)) {
            g_string_append(body, first ? "\n\n" : "\n");
            g_string_append_len(body, line, end - line);
            first = false;
        }
        line = *end ? end + 1 : end;
    }
    g_hash_table_destroy(known);
}

/* is_body_text - a text/plain or text/html part that is not an attachment;
 * *html says which */
static bool is_body_text(GMimeObject *obj, bool *html)
{
    GMimeContentType *ct = g_mime_object_get_content_type(obj);
    bool plain = ct && g_mime_content_type_is_type(ct, "text", "plain");
    *html = ct && g_mime_content_type_is_type(ct, "text", "html");
    return (plain || *html) && GMIME_IS_TEXT_PART(obj) &&
           !g_mime_part_is_attachment(GMIME_PART(obj));
}

/* alternative_choice - the one part of a multipart/alternative to read: its
 * plain text when it has one (the same text as the others, without markup),
 * else the last, richest part (RFC 2046 orders them plainest first) */
static GMimeObject *alternative_choice(GMimeMultipart *mp)
{
    int n = g_mime_multipart_get_count(mp);
    for (int i = 0; i < n; i++) {
        GMimeObject *part = g_mime_multipart_get_part(mp, i);
        bool html = false;
        if (is_body_text(part, &html) && !html)
            return part;
    }
    return n > 0 ? g_mime_multipart_get_part(mp, n - 1) : NULL;
}

/* walk_part - body text or attachment; every part of a multipart is read in
 * order (multipart/mixed: each is content), except multipart/alternative,
 * whose parts are one content in several forms: the text of one of them is
 * the body's (`chosen`), the others' goes to w->other; attachments all count */
static void walk_part(message_walk *w, GMimeObject *obj, int depth, bool chosen)
{
    if (w->st != EXTRACT_DONE || obj == NULL)
        return;
    if (GMIME_IS_MULTIPART(obj)) {
        if (depth > 64)
            return;
        GMimeMultipart *mp = GMIME_MULTIPART(obj);
        GMimeContentType *ct = g_mime_object_get_content_type(obj);
        bool alternative = ct && g_mime_content_type_is_type(ct, "multipart", "alternative");
        GMimeObject *choice = alternative ? alternative_choice(mp) : NULL;
        int n = g_mime_multipart_get_count(mp);
        for (int i = 0; i < n; i++) {
            GMimeObject *part = g_mime_multipart_get_part(mp, i);
            walk_part(w, part, depth + 1, chosen && (!alternative || part == choice));
        }
        return;
    }
    if (GMIME_IS_MESSAGE_PART(obj)) {
        add_attached_message(w, GMIME_MESSAGE_PART(obj));
        return;
    }
    if (!GMIME_IS_PART(obj))
        return;
    bool html = false;
    if (is_body_text(obj, &html))
        add_text(chosen ? w->body : w->other, GMIME_TEXT_PART(obj), html);
    else
        add_attachment(w, GMIME_PART(obj));
}

/* address_list - a decoded address list ("Alice <a@b>, c@d"), g_free'd by caller */
static char *address_list(InternetAddressList *list)
{
    if (list == NULL || internet_address_list_length(list) == 0)
        return NULL;
    return internet_address_list_to_string(list, NULL, FALSE);
}

/* one_message - headers, body page, attachments */
static extract_status one_message(GMimeMessage *m, extract_sink *sink, char **reason)
{
    repair_words(GMIME_OBJECT(m));
    char *from = address_list(g_mime_message_get_from(m));
    char *to = address_list(g_mime_message_get_to(m));
    char *cc = address_list(g_mime_message_get_cc(m));
    const char *subject = g_mime_message_get_subject(m);
    const char *id = g_mime_message_get_message_id(m);
    GDateTime *when = g_mime_message_get_date(m);
    char *date = when ? g_date_time_format(when, "%Y-%m-%dT%H:%M:%S%:z") : NULL;
    const char *names[] = {"from", "to", "cc", "date", "subject", "message_id"};
    const char *values[] = {from, to, cc, date, subject, id};
    extract_status st = EXTRACT_DONE;
    for (size_t i = 0; i < 6 && st == EXTRACT_DONE; i++)
        st = extract_emit_meta(sink, names[i], values[i], reason);

    message_walk w = {sink, g_string_new(NULL), g_string_new(NULL), 0, st, reason};
    walk_part(&w, g_mime_message_get_mime_part(m), 0, true);
    add_new_lines(w.body, w.other->str);
    st = w.st;

    GString *page = g_string_new(NULL);
    const char *labels[] = {"From", "To", "Cc", "Date", "Subject"};
    const char *shown[] = {from, to, cc, date, subject};
    for (size_t i = 0; i < 5; i++)
        if (shown[i] != NULL && *shown[i] != '\0')
            g_string_append_printf(page, "%s: %s\n", labels[i], shown[i]);
    if (w.body->len > 0)
        g_string_append_printf(page, "\n%s", w.body->str);
    if (st == EXTRACT_DONE && page->len > 0) {
        extract_page p = {1, page->str, PAGE_SOURCE_PLAIN, -1.0};
        st = extract_emit(sink, &p, reason);
    }
    g_string_free(page, TRUE);
    g_string_free(w.body, TRUE);
    g_string_free(w.other, TRUE);
    g_free(from);
    g_free(to);
    g_free(cc);
    g_free(date);
    return st;
}

/* mailbox - every message of an mbox as a child: the bytes after its "From " line */
static extract_status mailbox(GMimeParser *parser, const extract_input *in, extract_sink *sink,
                              char **reason)
{
    extract_status st = EXTRACT_DONE;
    gint64 begin = -1;
    int count = 0;
    while (st == EXTRACT_DONE && !g_mime_parser_eos(parser)) {
        GMimeMessage *m = g_mime_parser_construct_message(parser, NULL);
        if (m == NULL)
            break;
        gint64 marker = g_mime_parser_get_mbox_marker_offset(parser);
        gint64 headers = g_mime_parser_get_headers_begin(parser);
        g_object_unref(m);
        if (begin >= 0 && marker > begin) { /* the previous message ends here */
            char *name = g_strdup_printf("message-%d.eml", count);
            st = extract_emit_memory(sink, name, in->data + begin, (size_t)(marker - begin),
                                     reason);
            g_free(name);
        }
        begin = headers;
        count++;
    }
    if (st == EXTRACT_DONE && begin >= 0 && (size_t)begin < in->size) {
        char *name = g_strdup_printf("message-%d.eml", count);
        st = extract_emit_memory(sink, name, in->data + begin, in->size - (size_t)begin, reason);
        g_free(name);
    }
    if (st == EXTRACT_DONE && count == 0) {
        dk_fail(reason, "no message found in the mailbox");
        st = EXTRACT_FAILED;
    }
    return st;
}

/* email_run - parse over the mapped bytes (not copied) */
static extract_status email_run(const extract_env *env, const extract_input *in, extract_sink *sink,
                                char **reason)
{
    (void)env;
    static gsize initialised = 0;
    if (g_once_init_enter(&initialised)) {
        g_mime_init();
        g_once_init_leave(&initialised, 1);
    }
    /* the array borrows the mapping; the stream does not own it */
    GByteArray *bytes = g_byte_array_new_take((guint8 *)in->data, in->size);
    GMimeStream *stream = g_mime_stream_mem_new_with_byte_array(bytes);
    g_mime_stream_mem_set_owner(GMIME_STREAM_MEM(stream), FALSE);
    GMimeParser *parser = g_mime_parser_new_with_stream(stream);
    bool mbox = is_mbox(in) || strcmp(in->mime, "application/mbox") == 0;
    g_mime_parser_set_format(parser, mbox ? GMIME_FORMAT_MBOX : GMIME_FORMAT_MESSAGE);
    extract_status st;
    if (mbox) {
        st = mailbox(parser, in, sink, reason);
    } else {
        GMimeMessage *m = g_mime_parser_construct_message(parser, NULL);
        if (m == NULL) {
            dk_fail(reason, "cannot parse the message");
            st = EXTRACT_FAILED;
        } else {
            st = one_message(m, sink, reason);
            g_object_unref(m);
        }
    }
    g_object_unref(parser);
    g_object_unref(stream);
    g_byte_array_free(bytes, FALSE);
    return st;
}

const extractor extractor_email = {
    .name = "email",
    .bid = email_bid,
    .run = email_run,
};
