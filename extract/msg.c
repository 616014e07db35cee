/*
 * msg.c - Outlook messages (.msg), read with libgsf's compound-file reader.
 *
 * A message gives one page, as an e-mail does (email.c): its From, To, Cc,
 * Date and Subject lines, then its body, and the same metadata fields
 * (from, to, cc, date, subject, message_id). The body is the plain text
 * (PR_BODY) when there is one, else the HTML (PR_HTML) as text, else the
 * compressed RTF (PR_RTF_COMPRESSED, lzfu.c) as text (rtf.c). Recipients
 * come from their own storages, with their SMTP addresses where known, else
 * from the display lists. Every attachment becomes a child, its bytes
 * streamed from the compound file; an attached message becomes a child .msg
 * of its own (msg_copy.c), so its attachments are children in turn, and an
 * embedded OLE object (a Word document pasted in) the compound file it was.
 *
 * The property names and layouts are [MS-OXMSG]'s and [MS-OXPROPS]'s.
 */
#include "extract/extract_private.h"
#include "extract/msg_private.h"

#include "common/error.h"

#include <glib.h>
#include <gsf/gsf-infile-msole.h>
#include <gsf/gsf-input-memory.h>
#include <gsf/gsf-utils.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define MSG_MIME "application/vnd.ms-outlook"

/* Properties ([MS-OXPROPS]). */
enum {
    PR_SUBJECT = 0x0037,
    PR_CLIENT_SUBMIT_TIME = 0x0039,
    PR_SENT_REPRESENTING_NAME = 0x0042,
    PR_SENDER_NAME = 0x0C1A,
    PR_SENDER_EMAIL_ADDRESS = 0x0C1F,
    PR_RECIPIENT_TYPE = 0x0C15,
    PR_DISPLAY_CC = 0x0E03,
    PR_DISPLAY_TO = 0x0E04,
    PR_MESSAGE_DELIVERY_TIME = 0x0E06,
    PR_BODY = 0x1000,
    PR_RTF_COMPRESSED = 0x1009,
    PR_HTML = 0x1013,
    PR_INTERNET_MESSAGE_ID = 0x1035,
    PR_DISPLAY_NAME = 0x3001,
    PR_EMAIL_ADDRESS = 0x3003,
    PR_CREATION_TIME = 0x3007,
    PR_ATTACH_DATA = 0x3701,
    PR_ATTACH_FILENAME = 0x3704,
    PR_ATTACH_METHOD = 0x3705,
    PR_ATTACH_LONG_FILENAME = 0x3707,
    PR_SMTP_ADDRESS = 0x39FE,
    PR_INTERNET_CPID = 0x3FDE,
    PR_MESSAGE_CODEPAGE = 0x3FFD,
    PR_SENDER_SMTP_ADDRESS = 0x5D01,
};

#define ATTACH_EMBEDDED_MSG 5 /* PR_ATTACH_METHOD: the data is a message */
#define RECIPIENT_CC 2        /* PR_RECIPIENT_TYPE: 1 To, 2 Cc, 3 Bcc */
#define RECIPIENT_BCC 3

/* has_msg_streams - a compound file whose directory names MAPI property
 * streams ("__substg1.0_" in UTF-16LE) */
static bool has_msg_streams(const extract_input *in)
{
    static const char substg[] = "_\0_\0s\0u\0b\0s\0t\0g\0"
                                 "1\0.\0"
                                 "0\0_\0";
    return in->size >= 512 && memmem(in->data, in->size, substg, sizeof substg - 1) != NULL;
}

/* msg_bid - a compound file that libmagic calls an Outlook message or that
 * holds MAPI streams (libmagic gives a .pst the same type: pst.c's) */
static int msg_bid(const extract_input *in)
{
    if (in->mime == NULL || in->size < 8 ||
        memcmp(in->data, "\xD0\xCF\x11\xE0\xA1\xB1\x1A\xE1", 8) != 0)
        return 0;
    if (strcmp(in->mime, MSG_MIME) == 0)
        return 60;
    return has_msg_streams(in) ? 55 : 0;
}

/* A message being read: its storage and code page, and where output goes. */
typedef struct {
    GsfInfile *dir;
    int codepage;
    size_t budget; /* bytes an embedded message's copy may take */
    extract_sink *sink;
    char **reason;
} msg_read;

/* person - "Name <address>", or whichever is known (g_free; NULL if neither) */
static char *person(char *name, char *address)
{
    char *s = NULL;
    if (address != NULL && strchr(address, '@') == NULL) {
        g_free(address); /* an Exchange directory name, not an address */
        address = NULL;
    }
    if (name != NULL && address != NULL && strcmp(name, address) != 0)
        s = g_strdup_printf("%s <%s>", name, address);
    else if (address != NULL || name != NULL)
        s = g_strdup(address != NULL ? address : name);
    g_free(name);
    g_free(address);
    return s;
}

/* sender - the sender's name and SMTP address */
static char *sender(const msg_read *m)
{
    char *name = msg_prop_string(m->dir, PR_SENDER_NAME, m->codepage);
    if (name == NULL)
        name = msg_prop_string(m->dir, PR_SENT_REPRESENTING_NAME, m->codepage);
    char *address = msg_prop_string(m->dir, PR_SENDER_SMTP_ADDRESS, m->codepage);
    if (address == NULL)
        address = msg_prop_string(m->dir, PR_SENDER_EMAIL_ADDRESS, m->codepage);
    return person(name, address);
}

/* add_to - append s to a comma-separated list */
static void add_to(GString *list, char *s)
{
    if (s == NULL)
        return;
    if (list->len > 0)
        g_string_append(list, ", ");
    g_string_append(list, s);
    g_free(s);
}

/* recipients - To and Cc lists from the recipient storages (Bcc left out,
 * as a received e-mail has none), else from the display lists (g_free) */
static void recipients(const msg_read *m, char **to, char **cc)
{
    GString *lists[2] = {g_string_new(NULL), g_string_new(NULL)};
    int n = gsf_infile_num_children(m->dir);
    for (int i = 0; i < n; i++) {
        const char *name = gsf_infile_name_by_index(m->dir, i);
        if (name == NULL || !g_str_has_prefix(name, MSG_RECIPIENT_PREFIX))
            continue;
        GsfInput *r = gsf_infile_child_by_index(m->dir, i);
        GsfInfile *rdir = msg_storage(r);
        if (rdir == NULL) {
            if (r != NULL)
                g_object_unref(r);
            continue;
        }
        uint64_t type = 1;
        msg_prop_fixed(rdir, MSG_HEADER_CHILD, PR_RECIPIENT_TYPE, MSG_PT_LONG, &type);
        char *address = msg_prop_string(rdir, PR_SMTP_ADDRESS, m->codepage);
        if (address == NULL)
            address = msg_prop_string(rdir, PR_EMAIL_ADDRESS, m->codepage);
        char *who = person(msg_prop_string(rdir, PR_DISPLAY_NAME, m->codepage), address);
        if ((type & 0xFF) == RECIPIENT_BCC)
            g_free(who);
        else
            add_to(lists[(type & 0xFF) == RECIPIENT_CC], who);
        g_object_unref(r);
    }
    if (lists[0]->len == 0)
        add_to(lists[0], msg_prop_string(m->dir, PR_DISPLAY_TO, m->codepage));
    if (lists[1]->len == 0)
        add_to(lists[1], msg_prop_string(m->dir, PR_DISPLAY_CC, m->codepage));
    *to = g_string_free(lists[0], lists[0]->len == 0);
    *cc = g_string_free(lists[1], lists[1]->len == 0);
}

/* sent_date - when it was sent, else received, else created (g_free) */
static char *sent_date(const msg_read *m)
{
    static const unsigned times[] = {PR_CLIENT_SUBMIT_TIME, PR_MESSAGE_DELIVERY_TIME,
                                     PR_CREATION_TIME};
    for (size_t i = 0; i < sizeof times / sizeof times[0]; i++) {
        uint64_t ft = 0;
        if (msg_prop_fixed(m->dir, MSG_HEADER_TOP, times[i], MSG_PT_SYSTIME, &ft)) {
            char *s = msg_filetime(ft);
            if (s != NULL)
                return s;
        }
    }
    return NULL;
}

/* html_body - PR_HTML as text: Unicode, or bytes in the charset the page declares */
static char *html_body(const msg_read *m)
{
    size_t len = 0;
    unsigned char *raw = msg_prop_bytes(m->dir, PR_HTML, MSG_PT_BINARY, &len);
    char *text = NULL;
    if (raw != NULL) {
        text = extract_html_text((const char *)raw, len, NULL, NULL, NULL, NULL);
    } else {
        char *html = msg_prop_string(m->dir, PR_HTML, m->codepage);
        if (html != NULL)
            text = extract_html_text(html, strlen(html), "UTF-8", NULL, NULL, NULL);
        g_free(html);
    }
    g_free(raw);
    return text;
}

/* rtf_body - PR_RTF_COMPRESSED inflated and read as RTF */
static char *rtf_body(const msg_read *m)
{
    size_t len = 0, rtf_len = 0;
    unsigned char *lz = msg_prop_bytes(m->dir, PR_RTF_COMPRESSED, MSG_PT_BINARY, &len);
    if (lz == NULL)
        return NULL;
    char *err = NULL;
    unsigned char *rtf = extract_lzfu_inflate(lz, len, MSG_MAX_VALUE, &rtf_len, &err);
    g_free(err);
    g_free(lz);
    char *text = rtf ? extract_rtf_text(rtf, rtf_len) : NULL;
    g_free(rtf);
    return text;
}

/* body - plain text, else HTML, else RTF (g_free; NULL when none) */
static char *body(const msg_read *m)
{
    char *text = msg_prop_string(m->dir, PR_BODY, m->codepage);
    if (text == NULL)
        text = html_body(m);
    if (text == NULL)
        text = rtf_body(m);
    return text;
}

/* A stream of the compound file as an extract_read_fn source. */
typedef struct {
    GsfInput *in;
} stream_source;

/* stream_read - the next bytes of an attachment's data stream */
static long stream_read(void *src, void *buf, unsigned long cap, char **err)
{
    stream_source *s = src;
    gsf_off_t left = gsf_input_remaining(s->in);
    size_t n = left < 0 ? 0 : (guint64)left < cap ? (size_t)left : cap;
    if (n > 0 && gsf_input_read(s->in, n, buf) == NULL)
        return dk_fail(err, "the attachment's stream is damaged");
    return (long)n;
}

/* attachment_name - its long file name, short one, display name, or "attachment-N" */
static char *attachment_name(const msg_read *m, GsfInfile *a, int n, bool message)
{
    static const unsigned names[] = {PR_ATTACH_LONG_FILENAME, PR_ATTACH_FILENAME, PR_DISPLAY_NAME};
    char *name = NULL;
    for (size_t i = 0; i < 3 && name == NULL; i++)
        name = msg_prop_string(a, names[i], m->codepage);
    if (name == NULL)
        name = g_strdup_printf("attachment-%d", n);
    if (message && !g_str_has_suffix(name, ".msg")) {
        char *with = g_strdup_printf("%s.msg", name);
        g_free(name);
        name = with;
    }
    g_strdelimit(name, "/\\", '_');
    return name;
}

/* embedded - an attached message (or OLE object) storage as a child file */
static extract_status embedded(msg_read *m, GsfInfile *a, GsfInfile *obj, int n, bool message)
{
    char *name = attachment_name(m, a, n, message);
    char *why = NULL;
    size_t len = 0;
    unsigned char *copy = msg_copy_storage(obj, message, m->budget, &len, &why);
    extract_status st;
    if (copy == NULL) {
        st = extract_emit_skipped(m->sink, name, why, m->reason);
    } else {
        m->budget -= len < m->budget ? len : m->budget;
        st = extract_emit_memory(m->sink, name, copy, len, m->reason);
    }
    free(why);
    g_free(copy);
    g_free(name);
    return st;
}

/* attachment - one attachment storage: its data stream, or its message */
static extract_status attachment(msg_read *m, GsfInfile *a, int n)
{
    uint64_t method = 0;
    msg_prop_fixed(a, MSG_HEADER_CHILD, PR_ATTACH_METHOD, MSG_PT_LONG, &method);
    char sub[40];
    snprintf(sub, sizeof sub, "__substg1.0_%04X%04X", PR_ATTACH_DATA, MSG_PT_OBJECT);
    GsfInput *obj = gsf_infile_child_by_name(a, sub);
    if (msg_storage(obj) != NULL) {
        extract_status st = embedded(m, a, msg_storage(obj), n, method == ATTACH_EMBEDDED_MSG);
        g_object_unref(obj);
        return st;
    }
    if (obj != NULL)
        g_object_unref(obj);
    GsfInput *data = msg_prop_stream(a, PR_ATTACH_DATA, MSG_PT_BINARY);
    char *name = attachment_name(m, a, n, false);
    extract_status st;
    if (data == NULL) {
        st = extract_emit_skipped(m->sink, name, "an attachment without data (a link)", m->reason);
    } else {
        stream_source src = {data};
        extract_child child = {.member = name,
                               .size = (long long)gsf_input_size(data),
                               .read = stream_read,
                               .src = &src};
        st = extract_emit_child(m->sink, &child, m->reason);
        g_object_unref(data);
    }
    g_free(name);
    return st;
}

/* attachments - every attachment storage, in directory order */
static extract_status attachments(msg_read *m)
{
    extract_status st = EXTRACT_DONE;
    int n = gsf_infile_num_children(m->dir), count = 0;
    for (int i = 0; i < n && st == EXTRACT_DONE; i++) {
        const char *name = gsf_infile_name_by_index(m->dir, i);
        if (name == NULL || !g_str_has_prefix(name, MSG_ATTACHMENT_PREFIX))
            continue;
        GsfInput *a = gsf_infile_child_by_index(m->dir, i);
        if (msg_storage(a) != NULL)
            st = attachment(m, msg_storage(a), ++count);
        if (a != NULL)
            g_object_unref(a);
    }
    return st;
}

/* message - metadata, attachments, then the page */
static extract_status message(msg_read *m)
{
    uint64_t cp = 0;
    if (msg_prop_fixed(m->dir, MSG_HEADER_TOP, PR_INTERNET_CPID, MSG_PT_LONG, &cp) ||
        msg_prop_fixed(m->dir, MSG_HEADER_TOP, PR_MESSAGE_CODEPAGE, MSG_PT_LONG, &cp))
        m->codepage = (int)(cp & 0xFFFF);
    char *from = sender(m), *to = NULL, *cc = NULL;
    recipients(m, &to, &cc);
    char *date = sent_date(m);
    char *subject = msg_prop_string(m->dir, PR_SUBJECT, m->codepage);
    char *id = msg_prop_string(m->dir, PR_INTERNET_MESSAGE_ID, m->codepage);
    const char *names[] = {"from", "to", "cc", "date", "subject", "message_id"};
    const char *values[] = {from, to, cc, date, subject, id};
    extract_status st = EXTRACT_DONE;
    for (size_t i = 0; i < 6 && st == EXTRACT_DONE; i++)
        st = extract_emit_meta(m->sink, names[i], values[i], m->reason);
    if (st == EXTRACT_DONE)
        st = attachments(m);

    GString *page = g_string_new(NULL);
    const char *labels[] = {"From", "To", "Cc", "Date", "Subject"};
    for (size_t i = 0; i < 5; i++)
        if (values[i] != NULL)
            g_string_append_printf(page, "%s: %s\n", labels[i], values[i]);
    char *text = body(m);
    if (text != NULL)
        g_string_append_printf(page, "\n%s\n", text);
    if (st == EXTRACT_DONE && page->len > 0) {
        extract_page p = {1, page->str, PAGE_SOURCE_PLAIN, -1.0};
        st = extract_emit(m->sink, &p, m->reason);
    }
    g_string_free(page, TRUE);
    g_free(text);
    g_free(from);
    g_free(to);
    g_free(cc);
    g_free(date);
    g_free(subject);
    g_free(id);
    return st;
}

/* msg_run - open the compound file over the mapped bytes (not copied) */
static extract_status msg_run(const extract_env *env, const extract_input *in, extract_sink *sink,
                              char **reason)
{
    (void)env;
    static gsize initialised = 0;
    if (g_once_init_enter(&initialised)) {
        gsf_init();
        g_once_init_leave(&initialised, 1);
    }
    GsfInput *src = gsf_input_memory_new(in->data, (gsf_off_t)in->size, FALSE);
    GError *gerr = NULL;
    GsfInfile *ole = src ? gsf_infile_msole_new(src, &gerr) : NULL;
    if (ole == NULL) {
        dk_fail(reason, "cannot read the Outlook message's compound file: %s",
                gerr ? gerr->message : "not one");
        g_clear_error(&gerr);
        if (src != NULL)
            g_object_unref(src);
        return EXTRACT_FAILED;
    }
    msg_read m = {ole, 0, in->size, sink, reason};
    extract_status st = message(&m);
    g_object_unref(ole);
    g_object_unref(src);
    return st;
}

const extractor extractor_msg = {
    .name = "msg",
    .bid = msg_bid,
    .run = msg_run,
};
