/*
 * pst_message.c - one message of an Outlook store, written out as an e-mail.
 *
 * A .pst keeps its messages as MAPI property sets, not as files. To make
 * each one an evidence item that the e-mail extractor reads like any other
 * (its page, its fields, its attachments as children), the message is
 * written as RFC 822 with GMime: the headers from its properties, the body
 * as UTF-8 text (HTML and RTF bodies turned into text here), each data
 * attachment as a base64 part, each attached message as a message/rfc822
 * part built the same way. So the store's attachments become the items'
 * grandchildren, and an attached message's attachments come after them.
 *
 * Functions: pst_message_eml.
 */
#include "extract/pst_private.h"

#include "extract/extract_private.h"

#include <glib.h>
#include <gmime/gmime.h>
#include <stdbool.h>
#include <string.h>

/* MAPI properties libpff has no name for ([MS-OXPROPS]). */
#define PR_INTERNET_MESSAGE_ID 0x1035
#define PR_SMTP_ADDRESS 0x39FE
#define PR_SENDER_SMTP_ADDRESS 0x5D01

/* Largest string or body we take from a property. */
#define MAX_VALUE ((size_t)64 * 1024 * 1024)

/* drop - forget a libpff error (what failed is left out, not reported) */
static void drop(libpff_error_t **e)
{
    if (*e != NULL)
        libpff_error_free(e);
}

/* entry - entry `type` of record set `set`, of any value type (both freed
 * with close_entry), NULL if absent */
static libpff_record_entry_t *entry(libpff_item_t *item, int set, uint32_t type,
                                    libpff_record_set_t **rs)
{
    libpff_error_t *e = NULL;
    libpff_record_entry_t *re = NULL;
    *rs = NULL;
    if (libpff_item_get_record_set_by_index(item, set, rs, &e) != 1 ||
        libpff_record_set_get_entry_by_type(*rs, type, 0, &re,
                                            LIBPFF_ENTRY_VALUE_FLAG_MATCH_ANY_VALUE_TYPE, &e) != 1)
        re = NULL;
    drop(&e);
    return re;
}

/* close_entry - free what entry gave */
static void close_entry(libpff_record_entry_t **re, libpff_record_set_t **rs)
{
    if (*re != NULL)
        libpff_record_entry_free(re, NULL);
    if (*rs != NULL)
        libpff_record_set_free(rs, NULL);
}

/* entry_u32 - a 32-bit integer entry, or `fallback` */
static uint32_t entry_u32(libpff_item_t *item, int set, uint32_t type, uint32_t fallback)
{
    libpff_record_set_t *rs = NULL;
    libpff_record_entry_t *re = entry(item, set, type, &rs);
    libpff_error_t *e = NULL;
    uint32_t v = fallback;
    if (re != NULL && libpff_record_entry_get_data_as_32bit_integer(re, &v, &e) != 1)
        v = fallback;
    drop(&e);
    close_entry(&re, &rs);
    return v;
}

/* entry_string - a string entry as UTF-8 (g_free), NULL if absent or "" */
static char *entry_string(libpff_item_t *item, int set, uint32_t type)
{
    libpff_record_set_t *rs = NULL;
    libpff_record_entry_t *re = entry(item, set, type, &rs);
    libpff_error_t *e = NULL;
    size_t size = 0;
    char *s = NULL;
    if (re != NULL && libpff_record_entry_get_data_as_utf8_string_size(re, &size, &e) == 1 &&
        size > 0 && size <= MAX_VALUE) {
        s = g_malloc(size + 1);
        if (libpff_record_entry_get_data_as_utf8_string(re, (uint8_t *)s, size, &e) != 1) {
            g_free(s);
            s = NULL;
        } else {
            s[size] = '\0';
            g_strstrip(s);
        }
    }
    drop(&e);
    close_entry(&re, &rs);
    if (s != NULL && (*s == '\0' || !g_utf8_validate(s, -1, NULL))) {
        char *valid = *s ? g_utf8_make_valid(s, -1) : NULL;
        g_free(s);
        s = valid;
    }
    return s;
}

/* mailbox - an address for a name and an address (either may be NULL; taken) */
static InternetAddress *mailbox(char *name, char *address)
{
    if (address != NULL && strchr(address, '@') == NULL) {
        g_free(address); /* an Exchange directory name, not an address */
        address = NULL;
    }
    InternetAddress *a = NULL;
    if (name != NULL || address != NULL)
        a = internet_address_mailbox_new(name, address ? address : "");
    g_free(name);
    g_free(address);
    return a;
}

/* add_address - a to the list, if there is one */
static void add_address(InternetAddressList *list, InternetAddress *a)
{
    if (a == NULL)
        return;
    internet_address_list_add(list, a);
    g_object_unref(a);
}

/* recipients - To and Cc from the recipient table (Bcc left out) */
static void recipients(libpff_item_t *message, GMimeMessage *m)
{
    libpff_error_t *e = NULL;
    libpff_item_t *table = NULL;
    int sets = 0;
    if (libpff_message_get_recipients(message, &table, &e) != 1 ||
        libpff_item_get_number_of_record_sets(table, &sets, &e) != 1)
        sets = 0;
    for (int i = 0; i < sets; i++) {
        uint32_t type = entry_u32(table, i, LIBPFF_ENTRY_TYPE_RECIPIENT_TYPE,
                                  LIBPFF_RECIPIENT_TYPE_TO);
        if (type != LIBPFF_RECIPIENT_TYPE_TO && type != LIBPFF_RECIPIENT_TYPE_CC)
            continue;
        char *address = entry_string(table, i, PR_SMTP_ADDRESS);
        if (address == NULL)
            address = entry_string(table, i, LIBPFF_ENTRY_TYPE_EMAIL_ADDRESS);
        add_address(g_mime_message_get_addresses(m, type == LIBPFF_RECIPIENT_TYPE_CC
                                                        ? GMIME_ADDRESS_TYPE_CC
                                                        : GMIME_ADDRESS_TYPE_TO),
                    mailbox(entry_string(table, i, LIBPFF_ENTRY_TYPE_DISPLAY_NAME), address));
    }
    drop(&e);
    if (table != NULL)
        libpff_item_free(&table, NULL);
}

/* date - when it was sent, else delivered */
static void date(libpff_item_t *message, GMimeMessage *m)
{
    libpff_error_t *e = NULL;
    uint64_t ft = 0;
    if (libpff_message_get_client_submit_time(message, &ft, &e) != 1 || ft == 0) {
        drop(&e);
        if (libpff_message_get_delivery_time(message, &ft, &e) != 1)
            ft = 0;
    }
    drop(&e);
    int64_t unix_s = (int64_t)(ft / 10000000) - INT64_C(11644473600);
    if (ft == 0 || unix_s < -INT64_C(11644473600) || unix_s > INT64_C(253402300799))
        return;
    GDateTime *t = g_date_time_new_from_unix_utc(unix_s);
    if (t != NULL) {
        g_mime_message_set_date(m, t);
        g_date_time_unref(t);
    }
}

/* body_bytes - one of libpff's body getters into a buffer (g_free), NULL if none */
static unsigned char *
body_bytes(libpff_item_t *message, int (*size_fn)(libpff_item_t *, size_t *, libpff_error_t **),
           int (*get_fn)(libpff_item_t *, uint8_t *, size_t, libpff_error_t **), size_t *len)
{
    libpff_error_t *e = NULL;
    size_t size = 0;
    unsigned char *buf = NULL;
    if (size_fn(message, &size, &e) == 1 && size > 0 && size <= MAX_VALUE) {
        buf = g_malloc0(size + 1);
        if (get_fn(message, buf, size, &e) != 1) {
            g_free(buf);
            buf = NULL;
        }
    }
    drop(&e);
    *len = buf ? strnlen((const char *)buf, size) : 0;
    return buf;
}

/* body - plain text, else HTML as text, else RTF as text (g_free), NULL if none */
static char *body(libpff_item_t *message)
{
    size_t len = 0;
    unsigned char *b = body_bytes(message, libpff_message_get_plain_text_body_size,
                                  libpff_message_get_plain_text_body, &len);
    if (b != NULL && len > 0)
        return (char *)b;
    g_free(b);
    char *text = NULL;
    if ((b = body_bytes(message, libpff_message_get_html_body_size, libpff_message_get_html_body,
                        &len)) != NULL)
        text = extract_html_text((const char *)b, len, NULL, NULL, NULL, NULL);
    else if ((b = body_bytes(message, libpff_message_get_rtf_body_size, libpff_message_get_rtf_body,
                             &len)) != NULL)
        text = extract_rtf_text(b, len);
    g_free(b);
    return text;
}

static GMimeMessage *build(libpff_item_t *message, size_t *budget, int depth, char **subject);

/* attachment_name - long file name, short one, display name, or "attachment-N" (g_free) */
static char *attachment_name(libpff_item_t *a, int n)
{
    static const uint32_t names[] = {LIBPFF_ENTRY_TYPE_ATTACHMENT_FILENAME_LONG,
                                     LIBPFF_ENTRY_TYPE_ATTACHMENT_FILENAME_SHORT,
                                     LIBPFF_ENTRY_TYPE_DISPLAY_NAME};
    char *name = NULL;
    for (size_t i = 0; i < 3 && name == NULL; i++)
        name = entry_string(a, 0, names[i]);
    return name ? name : g_strdup_printf("attachment-%d", n);
}

/* data_part - a data attachment as a base64 part, NULL when over the budget or unreadable */
static GMimeObject *data_part(libpff_item_t *a, int n, size_t *budget)
{
    libpff_error_t *e = NULL;
    size64_t size = 0;
    if (libpff_attachment_get_data_size(a, &size, &e) != 1 || size > *budget) {
        drop(&e);
        return NULL;
    }
    GByteArray *data = g_byte_array_sized_new((guint)size);
    unsigned char chunk[65536];
    while (data->len < size) {
        size_t want = size - data->len < sizeof chunk ? (size_t)(size - data->len) : sizeof chunk;
        ssize_t got = libpff_attachment_data_read_buffer(a, chunk, want, &e);
        if (got <= 0)
            break;
        g_byte_array_append(data, chunk, (guint)got);
    }
    drop(&e);
    *budget -= data->len;
    GMimePart *part = g_mime_part_new_with_type("application", "octet-stream");
    char *name = attachment_name(a, n);
    g_mime_part_set_filename(part, name);
    g_free(name);
    GMimeStream *stream = g_mime_stream_mem_new_with_byte_array(data); /* takes data */
    GMimeDataWrapper *content = g_mime_data_wrapper_new_with_stream(stream,
                                                                    GMIME_CONTENT_ENCODING_DEFAULT);
    g_mime_part_set_content(part, content);
    g_mime_part_set_content_encoding(part, GMIME_CONTENT_ENCODING_BASE64);
    g_object_unref(content);
    g_object_unref(stream);
    return GMIME_OBJECT(part);
}

/* item_part - an attached message as message/rfc822, NULL when too deep or unreadable */
static GMimeObject *item_part(libpff_item_t *a, size_t *budget, int depth)
{
    libpff_error_t *e = NULL;
    libpff_item_t *item = NULL;
    if (depth >= PST_MAX_NESTING || libpff_attachment_get_item(a, &item, &e) != 1) {
        drop(&e);
        return NULL;
    }
    GMimeMessage *sub = build(item, budget, depth + 1, NULL);
    libpff_item_free(&item, NULL);
    GMimeMessagePart *part = g_mime_message_part_new_with_message("rfc822", sub);
    g_object_unref(sub);
    return GMIME_OBJECT(part);
}

/* attachments - every attachment into the multipart */
static void attachments(libpff_item_t *message, GMimeMultipart *mixed, size_t *budget, int depth)
{
    libpff_error_t *e = NULL;
    int n = 0;
    if (libpff_message_get_number_of_attachments(message, &n, &e) != 1)
        n = 0;
    for (int i = 0; i < n; i++) {
        libpff_item_t *a = NULL;
        int type = 0;
        if (libpff_message_get_attachment(message, i, &a, &e) != 1 ||
            libpff_attachment_get_type(a, &type, &e) != 1) {
            drop(&e);
            if (a != NULL)
                libpff_item_free(&a, NULL);
            continue;
        }
        GMimeObject *part = type == LIBPFF_ATTACHMENT_TYPE_DATA   ? data_part(a, i + 1, budget)
                            : type == LIBPFF_ATTACHMENT_TYPE_ITEM ? item_part(a, budget, depth)
                                                                  : NULL;
        if (part != NULL) {
            g_mime_multipart_add(mixed, part);
            g_object_unref(part);
        }
        libpff_item_free(&a, NULL);
    }
    drop(&e);
}

/* build - the message and what it holds as a GMime message (unref) */
static GMimeMessage *build(libpff_item_t *message, size_t *budget, int depth, char **subject)
{
    GMimeMessage *m = g_mime_message_new(TRUE);
    char *s = entry_string(message, 0, LIBPFF_ENTRY_TYPE_MESSAGE_SUBJECT);
    if (s != NULL)
        g_mime_message_set_subject(m, s, "utf-8");
    char *address = entry_string(message, 0, PR_SENDER_SMTP_ADDRESS);
    if (address == NULL)
        address = entry_string(message, 0, LIBPFF_ENTRY_TYPE_MESSAGE_SENDER_EMAIL_ADDRESS);
    add_address(g_mime_message_get_from(m),
                mailbox(entry_string(message, 0, LIBPFF_ENTRY_TYPE_MESSAGE_SENDER_NAME), address));
    recipients(message, m);
    date(message, m);
    char *id = entry_string(message, 0, PR_INTERNET_MESSAGE_ID);
    if (id != NULL)
        g_mime_message_set_message_id(m, id);
    g_free(id);

    GMimeMultipart *mixed = g_mime_multipart_new_with_subtype("mixed");
    char *text = body(message);
    GMimeTextPart *part = g_mime_text_part_new_with_subtype("plain");
    g_mime_text_part_set_text(part, text ? text : "");
    g_free(text);
    g_mime_multipart_add(mixed, GMIME_OBJECT(part));
    g_object_unref(part);
    attachments(message, mixed, budget, depth);
    g_mime_message_set_mime_part(m, GMIME_OBJECT(mixed));
    g_object_unref(mixed);
    if (subject != NULL)
        *subject = s;
    else
        g_free(s);
    return m;
}

/* pst_message_eml - build, then write to memory */
unsigned char *pst_message_eml(libpff_item_t *message, size_t budget, size_t *len, char **subject)
{
    GMimeMessage *m = build(message, &budget, 0, subject);
    GMimeStream *mem = g_mime_stream_mem_new();
    g_mime_object_write_to_stream(GMIME_OBJECT(m), NULL, mem);
    GByteArray *bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(mem));
    *len = bytes->len;
    unsigned char *out = g_memdup2(bytes->data, bytes->len);
    g_object_unref(mem);
    g_object_unref(m);
    return out;
}
