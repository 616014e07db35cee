/*
 * test_extract_formats.c - the extractors for containers and documents
 * (archive.c, email.c, msg.c, pst.c, office.c, markup.c, rtf.c) and charset detection
 * (text.c), run directly on generated fixtures (tests/fixtures) with a sink
 * that keeps everything: pages, members with their bytes, metadata, skipped
 * members. No OCR, no data directory: the service's side is the
 * integration test's.
 */
#include "extract/extract.h"
#include "extract/identify.h"
#include "fixtures.h"

#include "testutil.h"

#include <check.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

static char *fx_dir; /* the fixtures, written once */
static identify *magic;

/* What the sink saw. */
typedef struct {
    GPtrArray *pages;    /* page texts */
    GPtrArray *members;  /* member names */
    GPtrArray *contents; /* GBytes of each member */
    GHashTable *meta;    /* name -> value */
    GHashTable *skipped; /* member -> reason */
    GHashTable *derived; /* name -> its first bytes, as a string */
    size_t refuse_after; /* refuse the member after this many bytes (0: never) */
    char *unread;        /* the first word on what was not read */
} seen;

static int on_page(void *ctx, const extract_page *p, char **err)
{
    (void)err;
    g_ptr_array_add(((seen *)ctx)->pages, g_strdup(p->text));
    return 0;
}

static int on_child(void *ctx, const extract_child *c, char **err)
{
    seen *s = ctx;
    GByteArray *b = g_byte_array_new();
    char buf[4096];
    long n;
    while ((n = c->read(c->src, buf, sizeof buf, err)) > 0) {
        g_byte_array_append(b, (const guint8 *)buf, (guint)n);
        if (s->refuse_after && b->len > s->refuse_after) {
            g_byte_array_free(b, TRUE);
            *err = g_strdup_printf("limit reached in %s", c->member);
            return -1;
        }
    }
    if (n < 0) {
        g_byte_array_free(b, TRUE);
        return -1;
    }
    g_ptr_array_add(s->members, g_strdup(c->member));
    g_ptr_array_add(s->contents, g_byte_array_free_to_bytes(b));
    return 0;
}

static int on_meta(void *ctx, const char *name, const char *value, char **err)
{
    (void)err;
    g_hash_table_insert(((seen *)ctx)->meta, g_strdup(name), g_strdup(value));
    return 0;
}

static int on_skipped(void *ctx, const char *member, const char *reason, char **err)
{
    (void)err;
    g_hash_table_insert(((seen *)ctx)->skipped, g_strdup(member), g_strdup(reason));
    return 0;
}

static int on_derived(void *ctx, const char *name, const char *path, char **err)
{
    (void)err;
    char head[8] = "";
    FILE *f = fopen(path, "rb");
    if (f != NULL) {
        if (fread(head, 1, 5, f) != 5)
            head[0] = '\0';
        fclose(f);
    }
    g_hash_table_insert(((seen *)ctx)->derived, g_strdup(name), g_strdup(head));
    return 0;
}

static int on_unread(void *ctx, const char *why, char **err)
{
    (void)err;
    seen *s = ctx;
    if (s->unread == NULL)
        s->unread = g_strdup(why);
    return 0;
}

static void seen_init(seen *s)
{
    memset(s, 0, sizeof *s);
    s->pages = g_ptr_array_new_with_free_func(g_free);
    s->members = g_ptr_array_new_with_free_func(g_free);
    s->contents = g_ptr_array_new_with_free_func((GDestroyNotify)g_bytes_unref);
    s->meta = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    s->skipped = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
    s->derived = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, g_free);
}

static void seen_free(seen *s)
{
    g_ptr_array_free(s->pages, TRUE);
    g_ptr_array_free(s->members, TRUE);
    g_ptr_array_free(s->contents, TRUE);
    g_hash_table_destroy(s->meta);
    g_hash_table_destroy(s->skipped);
    g_hash_table_destroy(s->derived);
    g_free(s->unread);
}

/* run_bytes - identify and extract bytes */
static extract_status run_bytes(const void *data, size_t len, const char *name, seen *s,
                                char **reason)
{
    char *mime = identify_buffer(magic, data, len);
    extract_input in = {"/nowhere", data, len, mime, name};
    extract_sink sink = {on_page, s, on_child, on_meta, on_skipped, on_derived, on_unread};
    extract_status st = extract_run(NULL, &in, &sink, reason);
    free(mime);
    return st;
}

/* run_file - a fixture by its path under fx_dir ("formats/x.zip") */
static extract_status run_file(const char *rel, seen *s, char **reason)
{
    char *path = tu_path(fx_dir, rel);
    size_t len = 0;
    char *data = tu_read(path, &len);
    ck_assert_msg(data != NULL, "no fixture %s", path);
    gchar *base = g_path_get_basename(rel);
    extract_status st = run_bytes(data, len, base, s, reason);
    g_free(base);
    free(data);
    free(path);
    return st;
}

/* member_index - position of a member, asserting it is there */
static guint member_index(seen *s, const char *member)
{
    for (guint i = 0; i < s->members->len; i++)
        if (strcmp(g_ptr_array_index(s->members, i), member) == 0)
            return i;
    ck_abort_msg("no member %s", member);
    return 0;
}

START_TEST(test_cp1251_and_koi8r_not_confused)
{
    /* short texts: the word-shape score decides between the two */
    static const char *const texts[] = {"Суд", "Приговор суда", "Иванов И. И., ст. 342 УК"};
    static const char *const charsets[] = {"WINDOWS-1251", "KOI8-R"};
    for (size_t t = 0; t < 3; t++)
        for (size_t c = 0; c < 2; c++) {
            gsize len = 0;
            gchar *bytes = g_convert(texts[t], -1, charsets[c], "UTF-8", NULL, &len, NULL);
            seen s;
            seen_init(&s);
            char *reason = NULL;
            extract_input in = {"/x", (const unsigned char *)bytes, len, "text/plain", NULL};
            extract_sink sink = {on_page, &s, on_child, on_meta, on_skipped, on_derived, on_unread};
            ck_assert_int_eq(extract_run(NULL, &in, &sink, &reason), EXTRACT_DONE);
            ck_assert_msg(strcmp(g_ptr_array_index(s.pages, 0), texts[t]) == 0,
                          "%s in %s came out as %s", texts[t], charsets[c],
                          (char *)g_ptr_array_index(s.pages, 0));
            ck_assert_str_eq(g_hash_table_lookup(s.meta, "encoding"), charsets[c]);
            seen_free(&s);
            g_free(bytes);
        }
}
END_TEST

START_TEST(test_archive_members_and_links)
{
    seen s;
    seen_init(&s);
    char *reason = NULL;
    ck_assert_int_eq(run_file("hostile/links.tar", &s, &reason), EXTRACT_DONE);
    ck_assert_uint_eq(s.members->len, 1);
    GBytes *b = g_ptr_array_index(s.contents, member_index(&s, "after.txt"));
    ck_assert_uint_eq(g_bytes_get_size(b), strlen("after the links linkword\n"));
    ck_assert_str_eq(g_hash_table_lookup(s.skipped, "passwd"),
                     "symbolic link to '/etc/passwd': not followed");
    ck_assert_str_eq(g_hash_table_lookup(s.skipped, "dev/null"),
                     "device, FIFO or socket: nothing to store");
    seen_free(&s);
}
END_TEST

START_TEST(test_archive_sink_limit_stops)
{
    /* the sink refuses the bomb's member: the archive fails with its reason */
    seen s;
    seen_init(&s);
    s.refuse_after = 1 << 20;
    char *reason = NULL;
    ck_assert_int_eq(run_file("hostile/bomb.zip", &s, &reason), EXTRACT_FAILED);
    ck_assert_str_eq(reason, "limit reached in zeros.bin");
    ck_assert_uint_eq(s.members->len, 0);
    free(reason);
    seen_free(&s);
}
END_TEST

START_TEST(test_archive_truncated_and_encrypted)
{
    seen s;
    seen_init(&s);
    char *reason = NULL;
    ck_assert_int_eq(run_file("hostile/truncated.zip", &s, &reason), EXTRACT_FAILED);
    ck_assert_uint_eq(s.members->len, 2);
    ck_assert_ptr_nonnull(strstr(reason, "member 'three.bin' cannot be read"));
    seen_free(&s);
    seen_init(&s);
    ck_assert_int_eq(run_file("hostile/encrypted.zip", &s, &reason), EXTRACT_ENCRYPTED);
    ck_assert_str_eq(reason, "encrypted archive: 1 member needs a password");
    ck_assert_str_eq(g_hash_table_lookup(s.skipped, "secret.txt"), "encrypted: needs a password");
    free(reason);
    seen_free(&s);
}
END_TEST

START_TEST(test_single_gzip_member_name)
{
    seen s;
    seen_init(&s);
    char *reason = NULL;
    ck_assert_int_eq(run_file("formats/single.txt.gz", &s, &reason), EXTRACT_DONE);
    ck_assert_uint_eq(s.members->len, 1);
    ck_assert_str_eq(g_ptr_array_index(s.members, 0), "single.txt");
    seen_free(&s);
    /* text that libarchive's mtree reader also bids on is still one member */
    seen_init(&s);
    ck_assert_int_eq(run_file("formats/changelog.txt.gz", &s, &reason), EXTRACT_DONE);
    ck_assert_uint_eq(s.members->len, 1);
    ck_assert_str_eq(g_ptr_array_index(s.members, 0), "changelog.txt");
    seen_free(&s);
}
END_TEST

START_TEST(test_archive_member_names_every_encoding)
{
    /* the UTF-8 flag, CP866 and windows-1251 names shown as written; a name in
     * another 8-bit encoding kept as its bytes; pax's UTF-8 "path" record */
    static const char *const names[][2] = {
        {FX_NAME_UTF8, "flagnameword\n"},        {FX_NAME_UTF8_DIR, "flagdirword\n"},
        {FX_NAME_CP866, "oemnameword\n"},        {FX_NAME_CP1251, "ansinameword\n"},
        {FX_NAME_LATIN1_KEPT, "westnameword\n"},
    };
    seen s;
    seen_init(&s);
    char *reason = NULL;
    ck_assert_int_eq(run_file("formats/cyrillic_names.zip", &s, &reason), EXTRACT_DONE);
    ck_assert_uint_eq(s.members->len, 5);
    for (size_t i = 0; i < 5; i++) {
        GBytes *b = g_ptr_array_index(s.contents, member_index(&s, names[i][0]));
        ck_assert_uint_eq(g_bytes_get_size(b), strlen(names[i][1]));
        ck_assert_int_eq(memcmp(g_bytes_get_data(b, NULL), names[i][1], strlen(names[i][1])), 0);
    }
    seen_free(&s);
    seen_init(&s);
    ck_assert_int_eq(run_file("formats/cyrillic_names.tar", &s, &reason), EXTRACT_DONE);
    ck_assert_uint_eq(s.members->len, 1);
    ck_assert_str_eq(g_ptr_array_index(s.members, 0), FX_NAME_UTF8);
    seen_free(&s);
}
END_TEST

START_TEST(test_email_headers_body_attachments)
{
    seen s;
    seen_init(&s);
    char *reason = NULL;
    ck_assert_int_eq(run_file("formats/letter_cp1251.eml", &s, &reason), EXTRACT_DONE);
    ck_assert_str_eq(g_hash_table_lookup(s.meta, "subject"), "Re: документы");
    ck_assert_str_eq(g_hash_table_lookup(s.meta, "cc"), "archive@example.org");
    ck_assert_uint_eq(s.pages->len, 1);
    ck_assert_ptr_nonnull(strstr(g_ptr_array_index(s.pages, 0), "Адвокат Мельникова.\n"));
    ck_assert_ptr_null(strstr(g_ptr_array_index(s.pages, 0), "color:red"));
    GBytes *pdf = g_ptr_array_index(s.contents, member_index(&s, "scan.pdf"));
    ck_assert(g_bytes_get_size(pdf) > 100);
    ck_assert_int_eq(memcmp(g_bytes_get_data(pdf, NULL), "%PDF-", 5), 0);
    member_index(&s, "Notice.eml");
    seen_free(&s);
}
END_TEST

/* count_in_pages - how many times word is in the pages as a word of its
 * own (not joined to a letter or digit, as a search would need it) */
static int count_in_pages(const seen *s, const char *word)
{
    int n = 0;
    size_t len = strlen(word);
    for (guint i = 0; i < s->pages->len; i++) {
        const char *page = g_ptr_array_index(s->pages, i);
        for (const char *p = page; (p = strstr(p, word)) != NULL; p += len)
            n += (p == page || !g_ascii_isalnum(p[-1])) && !g_ascii_isalnum(p[len]);
    }
    return n;
}

START_TEST(test_email_mixed_keeps_every_part)
{
    /* mixed: the plain and the HTML part (as text, no markup); the nested
     * alternative: its plain form, and what its HTML form says more */
    seen s;
    seen_init(&s);
    char *reason = NULL;
    ck_assert_int_eq(run_file("formats/mixed_html.eml", &s, &reason), EXTRACT_DONE);
    ck_assert_uint_eq(s.pages->len, 1);
    const char *page = g_ptr_array_index(s.pages, 0);
    ck_assert_ptr_nonnull(strstr(page, "Первая часть plainpartword."));
    ck_assert_ptr_nonnull(strstr(page, "Вторая часть " FX_WORD_HTMLPART "."));
    ck_assert_ptr_null(strstr(page, "<b>"));
    ck_assert_ptr_nonnull(strstr(page, "Третья altplainword."));
    /* of its HTML form, only the line with a word the plain one lacks */
    ck_assert_msg(g_str_has_suffix(page, "\n\nТретья althtmlword."), "%s", page);
    ck_assert_uint_eq(s.members->len, 0);
    seen_free(&s);
}
END_TEST

START_TEST(test_email_encoded_words_and_alternatives)
{
    /* a message without Date or Message-ID that libmagic calls text (a
     * script's or a draft's) is e-mail; a subject and a name split into
     * base64 words with padding before the last are read whole (GMime 3.2
     * kept the first word only); of an alternative, the plain form, what the
     * HTML form says more, and the picture in the HTML form's related part */
    static const char mail[] =
        "X-Script: notices\nMIME-Version: 1.0\n"
        "From: =?UTF-8?B?0JjQstCw0L3QvtCyIA==?= =?UTF-8?B?0JjQstCw0L0=?= <ivanov@example.org>\n"
        "Subject: =?UTF-8?B?0J/RgNC40LPQvtCy0L7RgA==?=\n =?UTF-8?B?INGB0YPQtNCw?=\n"
        "Content-Type: multipart/alternative; boundary=\"a\"\n\n"
        "--a\nContent-Type: text/plain; charset=utf-8\n\nПовестка plainword.\n"
        "--a\nContent-Type: multipart/related; boundary=\"r\"\n\n"
        "--r\nContent-Type: text/html; charset=utf-8\n\n"
        "<p>Повестка <b>plainword</b>.</p><p>Только htmlonlyword</p>\n"
        "--r\nContent-Type: image/png\nContent-Disposition: inline; filename=\"photo.png\"\n"
        "Content-Transfer-Encoding: base64\n\niVBORw0KGgo=\n--r--\n--a--\n";
    seen s;
    seen_init(&s);
    char *reason = NULL;
    ck_assert_int_eq(run_bytes(mail, sizeof mail - 1, "notice.txt", &s, &reason), EXTRACT_DONE);
    ck_assert_str_eq(g_hash_table_lookup(s.meta, "subject"), "Приговор суда");
    const char *page = g_ptr_array_index(s.pages, 0);
    ck_assert_msg(strstr(page, "Иванов Иван") != NULL, "%s", page);
    ck_assert_msg(count_in_pages(&s, "plainword") == 1 && count_in_pages(&s, "htmlonlyword") == 1,
                  "%s", page);
    ck_assert_int_eq(
        memcmp(g_bytes_get_data(g_ptr_array_index(s.contents, member_index(&s, "photo.png")), NULL),
               "\x89PNG", 4),
        0);
    seen_free(&s);
    /* a message whose HTML body libmagic sees first (text/html): e-mail */
    static const char html_mail[] =
        "X-Gmail-Received: 1\nDate: Tue, 28 Jun 2005 01:02:11 -0700\nFrom: a@example.org\n"
        "Subject: =?ISO-8859-1?Q?Fouch=E9?=\nMime-Version: 1.0\n"
        "Content-Type: text/html; charset=ISO-8859-1\nContent-Transfer-Encoding: quoted-printable\n\n"
        "<html><body><p>Fouch=E9 htmlmailword</p></body></html>\n";
    seen_init(&s);
    ck_assert_int_eq(run_bytes(html_mail, sizeof html_mail - 1, "invite.eml", &s, &reason),
                     EXTRACT_DONE);
    ck_assert_str_eq(g_hash_table_lookup(s.meta, "subject"), "Fouché");
    ck_assert_msg(strstr(g_ptr_array_index(s.pages, 0), "\n\nFouché htmlmailword") != NULL, "%s",
                  (char *)g_ptr_array_index(s.pages, 0));
    seen_free(&s);
}
END_TEST

START_TEST(test_saved_web_page)
{
    /* a page saved as MHTML the way Chromium writes it: the page's text is
     * the body, its pictures are members named by their Content-Location */
    static const char mhtml[] =
        "From: <Saved by Blink>\r\nSnapshot-Content-Location: https://example.org/news\r\n"
        "Subject: News\r\nDate: Sat, 1 Mar 2025 10:00:00 -0000\r\nMIME-Version: 1.0\r\n"
        "Content-Type: multipart/related;\r\n\ttype=\"text/html\";\r\n"
        "\tboundary=\"----MultipartBoundary--x----\"\r\n\r\n\r\n"
        "------MultipartBoundary--x----\r\nContent-Type: text/html\r\n"
        "Content-Transfer-Encoding: quoted-printable\r\n"
        "Content-Location: https://example.org/news\r\n\r\n"
        "<html><body><p>=D0=A1=D1=83=D0=B4 mhtmlword</p></body></html>\r\n"
        "------MultipartBoundary--x----\r\nContent-Type: image/png\r\n"
        "Content-Transfer-Encoding: base64\r\n"
        "Content-Location: https://example.org/img/%D0%B0.png?v=2\r\n\r\naGVsbG8=\r\n"
        "------MultipartBoundary--x----\r\nContent-Type: image/png\r\n"
        "Content-Transfer-Encoding: base64\r\nContent-Location: cid:logo\r\n\r\naGVsbG8=\r\n"
        "------MultipartBoundary--x------\r\n";
    seen s;
    seen_init(&s);
    char *reason = NULL;
    ck_assert_int_eq(run_bytes(mhtml, strlen(mhtml), "news.mhtml", &s, &reason), EXTRACT_DONE);
    ck_assert_ptr_nonnull(strstr(g_ptr_array_index(s.pages, 0), "Суд mhtmlword"));
    ck_assert_uint_eq(s.members->len, 2);
    ck_assert_str_eq(g_ptr_array_index(s.members, 0), "а.png");
    ck_assert_str_eq(g_ptr_array_index(s.members, 1), "attachment-2");
    seen_free(&s);
}
END_TEST

START_TEST(test_email_that_magic_calls_text)
{
    /* libmagic says text/plain; the headers make it an e-mail all the same */
    char *path = tu_path(fx_dir, "formats/exchange_headers.eml");
    size_t len = 0;
    char *data = tu_read(path, &len);
    char *mime = identify_buffer(magic, data, len);
    ck_assert_str_eq(mime, "text/plain");
    free(mime);
    seen s;
    seen_init(&s);
    char *reason = NULL;
    ck_assert_int_eq(run_file("formats/exchange_headers.eml", &s, &reason), EXTRACT_DONE);
    ck_assert_str_eq(g_hash_table_lookup(s.meta, "message_id"), "exchange-1@example.org");
    ck_assert_str_eq(g_hash_table_lookup(s.meta, "subject"), "court papers");
    const char *page = g_ptr_array_index(s.pages, 0);
    ck_assert_ptr_nonnull(strstr(page, "\nLetter body " FX_WORD_EXCHANGE "."));
    ck_assert_ptr_null(strstr(page, "X-MS-Exchange"));
    seen_free(&s);
    /* "Name: value" lines without those headers are a text file */
    static const char memo[] = "To: the court\nRe: appeal\n\nA memo, not an e-mail.\n";
    seen_init(&s);
    ck_assert_int_eq(run_bytes(memo, sizeof memo - 1, "memo.txt", &s, &reason), EXTRACT_DONE);
    ck_assert_str_eq(g_ptr_array_index(s.pages, 0), memo);
    ck_assert_ptr_null(g_hash_table_lookup(s.meta, "subject"));
    seen_free(&s);
    free(data);
    free(path);
}
END_TEST

START_TEST(test_mbox_messages_byte_exact)
{
    seen s;
    seen_init(&s);
    char *reason = NULL;
    ck_assert_int_eq(run_file("formats/mailbox.mbox", &s, &reason), EXTRACT_DONE);
    ck_assert_uint_eq(s.members->len, 2);
    gsize len = 0;
    const char *second = g_bytes_get_data(g_ptr_array_index(s.contents, 1), &len);
    const char want[] = "From: bob@example.org\nTo: docs@example.org\nSubject: second\n"
                        "Date: Sun, 02 Mar 2025 11:00:00 +0000\n\nSecond message secondmboxword.\n";
    ck_assert_uint_eq(len, sizeof want - 1);
    ck_assert_int_eq(memcmp(second, want, len), 0);
    seen_free(&s);
}
END_TEST

/* check_msg - what every .msg fixture says, whatever form its body is in */
static void check_msg(const char *rel)
{
    seen s;
    seen_init(&s);
    char *reason = NULL;
    ck_assert_int_eq(run_file(rel, &s, &reason), EXTRACT_DONE);
    ck_assert_uint_eq(s.pages->len, 1);
    const char *page = g_ptr_array_index(s.pages, 0);
    ck_assert_msg(strstr(page, "From: Адвокат Мельникова <lawyer@example.org>\n") &&
                      strstr(page, "Subject: " FX_MSG_SUBJECT "\n") &&
                      strstr(page, "Направляю копию приговора по делу Иванова") &&
                      strstr(page, FX_MSG_WORD),
                  "%s: %s", rel, page);
    ck_assert_str_eq(g_hash_table_lookup(s.meta, "subject"), FX_MSG_SUBJECT);
    ck_assert_str_eq(g_hash_table_lookup(s.meta, "from"),
                     "Адвокат Мельникова <lawyer@example.org>");
    ck_assert_str_eq(g_hash_table_lookup(s.meta, "to"), "Documentation Team <docs@example.org>");
    ck_assert_str_eq(g_hash_table_lookup(s.meta, "cc"), "Архив <archive@example.org>");
    ck_assert_str_eq(g_hash_table_lookup(s.meta, "date"), "2025-03-01T09:15:00+00:00");
    ck_assert_str_eq(g_hash_table_lookup(s.meta, "message_id"), "<msg-fixture-1@example.org>");
    ck_assert_uint_eq(s.members->len, 3);
    GBytes *ole = g_ptr_array_index(s.contents, member_index(&s, FX_MSG_OLE_NAME));
    ck_assert_mem_eq(g_bytes_get_data(ole, NULL), "\xD0\xCF\x11\xE0", 4);
    ck_assert_ptr_nonnull(memmem(g_bytes_get_data(ole, NULL), g_bytes_get_size(ole),
                                 FX_MSG_OLE_WORD, strlen(FX_MSG_OLE_WORD)));
    GBytes *att = g_ptr_array_index(s.contents, member_index(&s, "справка.txt"));
    ck_assert_ptr_nonnull(g_strstr_len(g_bytes_get_data(att, NULL), (gssize)g_bytes_get_size(att),
                                       FX_MSG_ATTACHMENT_WORD));

    /* the attached message is a .msg of its own */
    GBytes *nested = g_ptr_array_index(s.contents, member_index(&s, FX_MSG_NESTED_SUBJECT ".msg"));
    seen n;
    seen_init(&n);
    ck_assert_int_eq(run_bytes(g_bytes_get_data(nested, NULL), g_bytes_get_size(nested),
                               FX_MSG_NESTED_SUBJECT ".msg", &n, &reason),
                     EXTRACT_DONE);
    ck_assert_uint_eq(n.pages->len, 1);
    ck_assert_ptr_nonnull(strstr(g_ptr_array_index(n.pages, 0), FX_MSG_NESTED_WORD));
    ck_assert_str_eq(g_hash_table_lookup(n.meta, "subject"), FX_MSG_NESTED_SUBJECT);
    seen_free(&n);
    seen_free(&s);
}

START_TEST(test_outlook_msg)
{
    check_msg("formats/mail.msg");
    check_msg("formats/mail_html.msg");
    check_msg("formats/mail_rtf.msg");
}
END_TEST

/* test_outlook_msg_damaged - a .msg cut after its first sectors fails with
 * the reason; a bare compound-file signature is not taken for a message */
START_TEST(test_outlook_msg_damaged)
{
    char *path = tu_path(fx_dir, "formats/mail.msg");
    size_t len = 0;
    char *data = tu_read(path, &len);
    ck_assert_ptr_nonnull(data);
    seen s;
    seen_init(&s);
    char *reason = NULL;
    extract_input in = {"/x", (const unsigned char *)data, 1024, "application/vnd.ms-outlook",
                        NULL};
    extract_sink sink = {on_page, &s, on_child, on_meta, on_skipped, on_derived, on_unread};
    ck_assert_str_eq(extract_choose(&in)->name, "msg");
    ck_assert_int_eq(extract_run(NULL, &in, &sink, &reason), EXTRACT_FAILED);
    ck_assert_msg(strstr(reason, "cannot read the Outlook message's compound file"), "%s", reason);
    ck_assert_uint_eq(s.pages->len, 0);
    in.size = 4;
    ck_assert_ptr_null(extract_choose(&in));
    free(reason);
    seen_free(&s);
    free(data);
    free(path);
}
END_TEST

/* test_outlook_pst_refused - libmagic gives a .pst the .msg type: the
 * store's signature picks the pst extractor, and a store libpff cannot
 * open fails with libpff's reason and no members */
START_TEST(test_outlook_pst_refused)
{
    unsigned char store[2048] = "!BDN\x00\x00\x00\x00SM\x17";
    seen s;
    seen_init(&s);
    char *reason = NULL;
    char *mime = identify_buffer(magic, store, sizeof store);
    ck_assert_str_eq(mime, "application/vnd.ms-outlook");
    extract_input in = {"/x", store, sizeof store, mime, NULL};
    extract_sink sink = {on_page, &s, on_child, on_meta, on_skipped, on_derived, on_unread};
    ck_assert_str_eq(extract_choose(&in)->name, "pst");
    ck_assert_int_eq(extract_run(NULL, &in, &sink, &reason), EXTRACT_FAILED);
    ck_assert_msg(strstr(reason, "cannot open the Outlook store: ") && strlen(reason) > 31, "%s",
                  reason);
    ck_assert_uint_eq(s.members->len + s.pages->len, 0);
    free(reason);
    free(mime);
    seen_free(&s);
}
END_TEST

/* run_path - the file at path identified and extracted with `env`, as the
 * worker does (its name and path given); the status, what the sink saw in
 * *s, libmagic's type in *mime (free) when not NULL */
static extract_status run_path(const char *path, const extract_env *env, seen *s, char **reason,
                               char **mime_out)
{
    size_t len = 0;
    char *data = tu_read(path, &len);
    char *mime = identify_buffer(magic, data, len);
    gchar *base = g_path_get_basename(path);
    extract_input in = {path, (const unsigned char *)data, len, mime, base};
    extract_sink sink = {on_page, s, on_child, on_meta, on_skipped, on_derived, on_unread};
    seen_init(s);
    extract_status st = extract_run(env, &in, &sink, reason);
    g_free(base);
    if (mime_out != NULL)
        *mime_out = mime;
    else
        free(mime);
    free(data);
    return st;
}

/* legacy - fixture `odf` written as `ext` by LibreOffice, then extracted with
 * `env` from its own path; the status, with what the sink saw in *s and
 * libmagic's type in *mime (free) when not NULL */
static extract_status legacy(const char *odf, const char *ext, const extract_env *env, seen *s,
                             char **reason, char **mime)
{
    char *src = tu_path(fx_dir, odf), *out = tu_path(fx_dir, "legacy");
    char *path = fx_libreoffice(src, ext, out);
    ck_assert_msg(path != NULL, "LibreOffice did not write %s as %s", odf, ext);
    extract_status st = run_path(path, env, s, reason, mime);
    g_free(path);
    free(out);
    free(src);
    return st;
}

/* any_page_has - some page holds `text` */
static bool any_page_has(const seen *s, const char *text)
{
    for (guint i = 0; i < s->pages->len; i++)
        if (strstr(g_ptr_array_index(s->pages, i), text) != NULL)
            return true;
    return false;
}

START_TEST(test_legacy_office_through_libreoffice)
{
    /* .doc and .xls as LibreOffice writes them from the ODF fixtures, read
     * back through LibreOffice's PDF, the conversion recorded (.ppt, whose
     * second slide needs OCR, is the integration test's) */
    static const char *const cases[][3] = {
        {"formats/document.odt", "doc", "Грамадзянін Іваноў"},
        {"formats/sheet.ods", "xls", "odsword"},
    };
    for (size_t i = 0; i < 2; i++) {
        seen s;
        char *reason = NULL;
        ck_assert_msg(legacy(cases[i][0], cases[i][1], NULL, &s, &reason, NULL) == EXTRACT_DONE,
                      "%s: %s", cases[i][1], reason);
        ck_assert_msg(any_page_has(&s, cases[i][2]), "%s: no '%s' in '%s'", cases[i][1],
                      cases[i][2], s.pages->len ? (char *)g_ptr_array_index(s.pages, 0) : "");
        const char *by = g_hash_table_lookup(s.meta, "converted_by");
        ck_assert_msg(by && g_str_has_prefix(by, "LibreOffice 7."), "converted_by %s", by);
        ck_assert_str_eq(g_hash_table_lookup(s.derived, "converted.pdf"), "%PDF-");
        ck_assert_uint_eq(s.members->len, 0); /* the PDF is not a member */
        seen_free(&s);
    }
}
END_TEST

/* OpenDocument templates, a drawing and flat (one-XML-file) documents as
 * LibreOffice writes them (Debian's libmagic names the first apart, the flat
 * ones XML) read as the documents they come from: the flat ones without
 * their styles' placeholder text or base64 pictures as text */
START_TEST(test_odf_templates_and_drawing)
{
    static const char *const cases[][5] = {
        {"formats/document.odt", "ott", "Грамадзянін Іваноў", "text-template", NULL},
        {"formats/sheet.ods", "ots", "odsword", "spreadsheet-template", NULL},
        {"formats/slides.odp", "otp", "odpword", "presentation-template", NULL},
        {"formats/picture_page.pdf", "odg", "Протокол судебного заседания", "graphics", NULL},
        {"formats/document.odt", "fodt", "Грамадзянін Іваноў", "xml", "iVBOR"},
        {"formats/sheet.ods", "fods", "odsword", "xml", "???"},
        {"formats/slides.odp", "fodp", "odpword", "xml", "<number>"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        seen s;
        char *reason = NULL, *mime = NULL;
        ck_assert_msg(legacy(cases[i][0], cases[i][1], NULL, &s, &reason, &mime) == EXTRACT_DONE,
                      "%s: %s", cases[i][1], reason);
        ck_assert_msg(g_str_has_suffix(mime, cases[i][3]), "%s: %s", cases[i][1], mime);
        ck_assert_msg(any_page_has(&s, cases[i][2]), "%s: no '%s'", cases[i][1], cases[i][2]);
        ck_assert_msg(cases[i][4] == NULL || !any_page_has(&s, cases[i][4]), "%s: '%s' in '%s'",
                      cases[i][1], cases[i][4], (char *)g_ptr_array_index(s.pages, 0));
        if (strcmp(cases[i][1], "fodt") == 0) /* its picture, decoded */
            ck_assert_int_eq(memcmp(g_bytes_get_data(g_ptr_array_index(s.contents, 0), NULL),
                                    "\x89PNG", 4),
                             0);
        seen_free(&s);
        free(mime);
    }
}
END_TEST

START_TEST(test_headers_footnotes_text_boxes)
{
    /* flat ODF files and what LibreOffice writes of them: a text's header
     * (the case number), footer, footnote (a word of its own, not joined to
     * the one it follows), body and text box, each once (.docx keeps a text
     * box twice, the second for old readers); a slide and its speaker's notes */
    static const char *const text[] = {"headerword", "footerword",  "footnoteword",
                                       "bodyword",   "textboxword", "1-234/2024",
                                       NULL};
    static const char *const slides[] = {"slideword", "notesword", NULL};
    static const struct {
        const char *fixture, *ext;
        const char *const *words;
    } cases[] = {
        {"formats/furniture.fodt", NULL, text},   {"formats/furniture.fodt", "docx", text},
        {"formats/furniture.fodt", "odt", text},  {"formats/furniture.fodt", "rtf", text},
        {"formats/furniture.fodt", "html", text}, {"formats/notes.fodp", NULL, slides},
        {"formats/notes.fodp", "pptx", slides},   {"formats/notes.fodp", "odp", slides},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        seen s;
        char *reason = NULL, *path = tu_path(fx_dir, cases[i].fixture);
        const char *ext = cases[i].ext;
        extract_status st = ext ? legacy(cases[i].fixture, ext, NULL, &s, &reason, NULL)
                                : run_path(path, NULL, &s, &reason, NULL);
        ext = ext ? ext : "itself";
        ck_assert_msg(st == EXTRACT_DONE, "%s %s: %s", cases[i].fixture, ext, reason);
        for (const char *const *w = cases[i].words; *w != NULL; w++)
            ck_assert_msg(count_in_pages(&s, *w) == 1, "%s %s: '%s' %d times in '%s'",
                          cases[i].fixture, ext, *w, count_in_pages(&s, *w),
                          (char *)g_ptr_array_index(s.pages, 0));
        free(path);
        seen_free(&s);
    }
}
END_TEST

/* page_has - page number `page` (from 1) holds word */
static bool page_has(const seen *s, guint page, const char *word)
{
    return page >= 1 && page <= s->pages->len &&
           strstr(g_ptr_array_index(s->pages, page - 1), word) != NULL;
}

START_TEST(test_sheet_names_comments_and_tab_order)
{
    /* a sheet's page starts with its name and holds its cells' comments (not
     * their authors), in a flat .fods and what LibreOffice writes of it */
    static const char *const exts[] = {NULL, "xlsx", "ods"};
    for (size_t i = 0; i < G_N_ELEMENTS(exts); i++) {
        seen s;
        char *reason = NULL, *path = tu_path(fx_dir, "formats/annotated.fods");
        extract_status st = exts[i]
                                ? legacy("formats/annotated.fods", exts[i], NULL, &s, &reason, NULL)
                                : run_path(path, NULL, &s, &reason, NULL);
        const char *ext = exts[i] ? exts[i] : "fods";
        ck_assert_msg(st == EXTRACT_DONE, "%s: %s", ext, reason);
        ck_assert_msg(s.pages->len == 2, "%s: %u pages", ext, s.pages->len);
        static const char *const first[] = {"sheetnameword", "Задержанные", "commentword",
                                            "cellword", "1-234/2024"};
        for (size_t w = 0; w < G_N_ELEMENTS(first); w++)
            ck_assert_msg(page_has(&s, 1, first[w]) && count_in_pages(&s, first[w]) == 1,
                          "%s: '%s' not once on page 1: '%s'", ext, first[w],
                          (char *)g_ptr_array_index(s.pages, 0));
        ck_assert_msg(page_has(&s, 2, "secondsheetword") && page_has(&s, 2, "secondcellword"),
                      "%s: page 2 '%s'", ext, (char *)g_ptr_array_index(s.pages, 1));
        ck_assert_msg(count_in_pages(&s, "authorword") == 0, "%s: the comment's author read", ext);
        free(path);
        seen_free(&s);
    }
    /* a hand-made workbook: its tabs in the workbook's order, not the parts'
     * numbers; a tab naming a part already read is not read again */
    seen s;
    char *reason = NULL, *path = tu_path(fx_dir, "formats/tabs.xlsx");
    ck_assert_msg(run_path(path, NULL, &s, &reason, NULL) == EXTRACT_DONE, "tabs.xlsx: %s", reason);
    ck_assert_uint_eq(s.pages->len, 2);
    static const char *const first[] = {"Первый tabnameword", "firsttabword Сидоров",
                                        "tabcommentword", "задержан 12.03.2021"};
    for (size_t w = 0; w < G_N_ELEMENTS(first); w++)
        ck_assert_msg(page_has(&s, 1, first[w]), "no '%s' on page 1: '%s'", first[w],
                      (char *)g_ptr_array_index(s.pages, 0));
    ck_assert_msg(page_has(&s, 2, "Второй") && page_has(&s, 2, "secondtabword"), "page 2: '%s'",
                  (char *)g_ptr_array_index(s.pages, 1));
    ck_assert_msg(count_in_pages(&s, "authorword") + count_in_pages(&s, "again") == 0,
                  "an author or a repeated tab read");
    free(path);
    seen_free(&s);
}
END_TEST

START_TEST(test_wordperfect_and_staroffice_through_libreoffice)
{
    /* a WordPerfect 5.1 letter and an OpenOffice.org 1 (StarOffice) text,
     * written as the formats lay them out (no Debian tool writes either):
     * identified by libmagic, converted, read */
    static const char *const cases[][4] = {
        {"formats/letter.wpd", "application/vnd.wordperfect", FX_WPD_WORD, "1-123/2024"},
        {"formats/staroffice.sxw", "application/vnd.sun.xml.writer", "sxwword", "Петров"},
    };
    for (size_t i = 0; i < sizeof cases / sizeof cases[0]; i++) {
        char *path = tu_path(fx_dir, cases[i][0]), *reason = NULL, *mime = NULL;
        seen s;
        ck_assert_msg(run_path(path, NULL, &s, &reason, &mime) == EXTRACT_DONE, "%s: %s",
                      cases[i][0], reason);
        ck_assert_str_eq(mime, cases[i][1]);
        for (int w = 2; w < 4; w++)
            ck_assert_msg(any_page_has(&s, cases[i][w]), "no '%s' in '%s'", cases[i][w],
                          s.pages->len ? (char *)g_ptr_array_index(s.pages, 0) : "");
        const char *by = g_hash_table_lookup(s.meta, "converted_by");
        ck_assert_msg(by && g_str_has_prefix(by, "LibreOffice 7."), "converted_by %s", by);
        ck_assert_str_eq(g_hash_table_lookup(s.derived, "converted.pdf"), "%PDF-");
        free(mime);
        free(path);
        seen_free(&s);
    }
}
END_TEST

START_TEST(test_works_publisher_visio_go_to_libreoffice)
{
    /* compound files named .wps, .pub, .vsd (no Debian tool writes these
     * formats, so these hold no real document): each is taken by the
     * LibreOffice reader, which converts in the scratch directory and, the
     * import filter finding no document, fails the item with LibreOffice's
     * reason rather than leaving it unsupported */
    static const char *const names[] = {"works.wps", "publisher.pub", "drawing.vsd"};
    for (size_t i = 0; i < 3; i++) {
        char *path = g_build_filename(fx_dir, "routed", names[i], NULL), *reason = NULL;
        seen s;
        extract_status st = run_path(path, NULL, &s, &reason, NULL);
        ck_assert_msg(st == EXTRACT_FAILED, "%s: status %d", names[i], st);
        ck_assert_msg(reason && strstr(reason, "LibreOffice") != NULL, "%s: %s", names[i], reason);
        ck_assert_uint_eq(s.pages->len, 0);
        free(reason);
        g_free(path);
        seen_free(&s);
    }
}
END_TEST

/* running_in - a process whose command line mentions `dir` */
static bool running_in(const char *dir)
{
    bool found = false;
    GDir *proc = g_dir_open("/proc", 0, NULL);
    for (const char *pid; proc && !found && (pid = g_dir_read_name(proc)) != NULL;) {
        char *path = g_strdup_printf("/proc/%s/cmdline", pid), *cmd = NULL;
        gsize len = 0;
        if (g_ascii_isdigit(pid[0]) && g_file_get_contents(path, &cmd, &len, NULL))
            found = memmem(cmd, len, dir, strlen(dir)) != NULL;
        g_free(cmd);
        g_free(path);
    }
    if (proc)
        g_dir_close(proc);
    return found;
}

/* stale_lo_socket - a socket nobody listens on where LibreOffice 7.4 keeps
 * the single-instance socket of the profile in scratch (as seen of it:
 * /tmp/OSL_PIPE_<uid>_SingleOfficeIPC_ and the MD5 of the profile's URL in
 * UTF-16LE, each byte's hex without its leading zero), as a killed one
 * leaves it; its path (g_free) */
static char *stale_lo_socket(const char *scratch)
{
    char *dir = g_canonicalize_filename(scratch, NULL);
    char *profile = g_build_filename(dir, "libreoffice-profile", NULL);
    char *url = g_filename_to_uri(profile, NULL, NULL);
    gsize n = 0;
    char *le = g_convert(url, -1, "UTF-16LE", "UTF-8", NULL, &n, NULL);
    char *md5 = g_compute_checksum_for_data(G_CHECKSUM_MD5, (const guchar *)le, n);
    GString *path = g_string_new(NULL);
    g_string_printf(path, "/tmp/OSL_PIPE_%u_SingleOfficeIPC_", (unsigned)getuid());
    for (size_t i = 0; i < 32; i += 2)
        g_string_append_len(path, md5 + i + (md5[i] == '0'), 2 - (md5[i] == '0'));
    int fd = socket(AF_UNIX, SOCK_STREAM, 0);
    struct sockaddr_un addr = {.sun_family = AF_UNIX};
    g_strlcpy(addr.sun_path, path->str, sizeof addr.sun_path);
    ck_assert_int_eq(bind(fd, (struct sockaddr *)&addr, sizeof addr), 0);
    close(fd);
    g_free(md5);
    g_free(le);
    g_free(url);
    g_free(profile);
    g_free(dir);
    return g_string_free(path, FALSE);
}

START_TEST(test_libreoffice_killed_at_time_limit)
{
    /* no LibreOffice starts within a second: killed, group and all, and
     * the socket it leaves in /tmp removed */
    char *scratch = tu_path(fx_dir, "scratch-timeout");
    char *socket_path = stale_lo_socket(scratch);
    extract_env env = {.pdf_render_dpi = 300, .scratch_dir = scratch};
    setenv("DOKAZ_CONVERT_TIMEOUT", "1", 1);
    seen s;
    char *reason = NULL;
    ck_assert_int_eq(legacy("formats/document.odt", "doc", &env, &s, &reason, NULL),
                     EXTRACT_FAILED);
    unsetenv("DOKAZ_CONVERT_TIMEOUT");
    ck_assert_str_eq(reason, "LibreOffice did not finish within the limit of 1 s: killed");
    ck_assert_uint_eq(s.pages->len, 0);
    for (int i = 0; i < 100 && running_in(scratch); i++)
        g_usleep(50000); /* a killed process may take a moment to go */
    ck_assert(!running_in(scratch));
    ck_assert_msg(!g_file_test(socket_path, G_FILE_TEST_EXISTS), "%s left", socket_path);
    g_free(socket_path);
    free(reason);
    seen_free(&s);
    free(scratch);
}
END_TEST

START_TEST(test_office_documents)
{
    seen s;
    seen_init(&s);
    char *reason = NULL;
    ck_assert_int_eq(run_file("formats/document.docx", &s, &reason), EXTRACT_DONE);
    ck_assert_str_eq(g_ptr_array_index(s.pages, 0),
                     "ПРИГОВОР ИМЕНЕМ РЕСПУБЛИКИ БЕЛАРУСЬ\n"
                     "Обвиняемый: Сяргей Іваноў\tdocxword\nстатья\t342");
    ck_assert_str_eq(g_hash_table_lookup(s.meta, "title"), "Приговор по делу 1-77/2024");
    GBytes *png = g_ptr_array_index(s.contents, member_index(&s, "word/media/image1.png"));
    ck_assert_int_eq(memcmp(g_bytes_get_data(png, NULL), "\x89PNG", 4), 0);
    seen_free(&s);
    seen_init(&s);
    ck_assert_int_eq(run_file("formats/sheet.ods", &s, &reason), EXTRACT_DONE);
    ck_assert_uint_eq(s.pages->len, 2);
    ck_assert_str_eq(g_ptr_array_index(s.pages, 1),
                     "Лист2\nвторой лист"); /* the sheet's name first */
    seen_free(&s);
    seen_init(&s);
    ck_assert_int_eq(run_file("hostile/encrypted.odt", &s, &reason), EXTRACT_ENCRYPTED);
    free(reason);
    seen_free(&s);
}
END_TEST

/* An OpenDocument file with an empty manifest is not encrypted (and its
 * empty part is no pointer for memmem: found by fuzz_office under UBSan). */
START_TEST(test_office_empty_manifest)
{
    static const char content[] = "<office:document-content xmlns:office=\"urn:oasis:names:tc:"
                                  "opendocument:xmlns:office:1.0\"/>";
    const fx_entry entries[] = {
        {"mimetype", "application/vnd.oasis.opendocument.text", 39, NULL},
        {"META-INF/manifest.xml", "", 0, NULL},
        {"content.xml", content, sizeof content - 1, NULL},
    };
    char *path = tu_path(fx_dir, "empty_manifest.odt");
    ck_assert_int_eq(fx_archive(path, "zip", NULL, entries, 3, NULL), 0);
    free(path);
    seen s;
    seen_init(&s);
    char *reason = NULL;
    ck_assert_int_eq(run_file("empty_manifest.odt", &s, &reason), EXTRACT_DONE);
    seen_free(&s);
}
END_TEST

/* An EPUB book: chapters in the spine's order (not their names'), the
 * percent-encoded href and the #fragment resolved, the picture-only cover
 * giving no page, the picture a member, the package's Dublin Core metadata;
 * chapters named in META-INF/encryption.xml make it encrypted. */
START_TEST(test_epub_book)
{
    seen s;
    seen_init(&s);
    char *reason = NULL;
    ck_assert_int_eq(run_file("formats/book.epub", &s, &reason), EXTRACT_DONE);
    ck_assert_uint_eq(s.pages->len, 2);
    ck_assert_str_eq(g_ptr_array_index(s.pages, 0), "Глава первая\n\nОсуждён Іваноў " FX_WORD_EPUB);
    ck_assert_str_eq(g_ptr_array_index(s.pages, 1), "Глава вторая " FX_WORD_EPUB_LAST);
    ck_assert_str_eq(g_hash_table_lookup(s.meta, "title"), "Хроника преследований");
    ck_assert_str_eq(g_hash_table_lookup(s.meta, "author"), "Правозащитный центр");
    GBytes *png = g_ptr_array_index(s.contents, member_index(&s, "Images/scan.png"));
    ck_assert_int_eq(memcmp(g_bytes_get_data(png, NULL), "\x89PNG", 4), 0);
    seen_free(&s);
    seen_init(&s);
    ck_assert_int_eq(run_file("hostile/drm.epub", &s, &reason), EXTRACT_ENCRYPTED);
    ck_assert_str_eq(reason, "encrypted e-book (DRM): 1 of its 3 chapters cannot be read");
    ck_assert_uint_eq(s.pages->len, 0);
    free(reason);
    seen_free(&s);
}
END_TEST

/* An SVG drawing: a line's tspans on one line (a word split between two),
 * title and description, nothing of <defs>, <style> or <script>, its
 * embedded picture a member; a linked one is not fetched */
START_TEST(test_svg_text_and_pictures)
{
    size_t png_len = 0;
    unsigned char *png = fx_png(FX_WORD_PICTURE, &png_len);
    char *b64 = g_base64_encode(png, png_len);
    char *svg = g_strdup_printf(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
        "<svg xmlns=\"http://www.w3.org/2000/svg\" xmlns:xlink=\"http://www.w3.org/1999/xlink\">"
        "<title>Схема задержания</title><desc>svgdescword</desc>"
        "<style>.a { fill: red }</style><script>var hidden = 1;</script>"
        "<defs><text id=\"t\">placeholderword</text></defs>"
        "<g><text x=\"1\" y=\"2\"><tspan>Осуждён </tspan><tspan>Іва</tspan><tspan>ноў</tspan>"
        "</text>\n  <text><tspan>svgline2word</tspan></text></g>"
        "<image xlink:href=\"data:image/png;base64,%s\" width=\"10\" height=\"10\"/>"
        "<image href=\"scan.png\"/></svg>\n",
        b64);
    seen s;
    seen_init(&s);
    char *reason = NULL;
    ck_assert_int_eq(run_bytes(svg, strlen(svg), "drawing.svg", &s, &reason), EXTRACT_DONE);
    ck_assert_uint_eq(s.pages->len, 1);
    ck_assert_str_eq(g_ptr_array_index(s.pages, 0),
                     "Схема задержания\nsvgdescword\nОсуждён Іваноў\nsvgline2word");
    ck_assert_uint_eq(s.members->len, 1);
    GBytes *got = g_ptr_array_index(s.contents, member_index(&s, "image1"));
    ck_assert_uint_eq(g_bytes_get_size(got), png_len);
    ck_assert_int_eq(memcmp(g_bytes_get_data(got, NULL), png, png_len), 0);
    seen_free(&s);
    /* a picture past libxml2's 10 MB limit for an attribute is a member,
     * and the text after it is read as text, not as base64 */
    GString *big = g_string_new("<svg xmlns=\"http://www.w3.org/2000/svg\"><text>before</text>"
                                "<image href='data:image/png;base64,");
    for (int i = 0; i < 12 * 1024 * 1024 / 4; i++)
        g_string_append(big, "AAAA");
    g_string_append(big, "'/><text>svgafterword</text></svg>");
    seen_init(&s);
    ck_assert_int_eq(run_bytes(big->str, big->len, "big.svg", &s, &reason), EXTRACT_DONE);
    ck_assert_uint_eq(s.pages->len, 1);
    ck_assert_str_eq(g_ptr_array_index(s.pages, 0), "before\nsvgafterword");
    ck_assert_uint_eq(g_bytes_get_size(g_ptr_array_index(s.contents, member_index(&s, "image1"))),
                      9 * 1024 * 1024);
    seen_free(&s);
    g_string_free(big, TRUE);
    /* a drawing cut short keeps the text before the cut */
    seen_init(&s);
    static const char cut[] = "<svg xmlns=\"http://www.w3.org/2000/svg\"><text>Іваноў cut";
    ck_assert_int_eq(run_bytes(cut, strlen(cut), "cut.svg", &s, &reason), EXTRACT_DONE);
    ck_assert_uint_eq(s.pages->len, 1);
    ck_assert_str_eq(g_ptr_array_index(s.pages, 0), "Іваноў cut");
    seen_free(&s);
    /* text that names a drawing (gdk-pixbuf's list of image loaders), which
     * libmagic calls SVG: no XML at all, read as the text it is */
    static const char names[] = "# Image loaders\n\"svg\" \"gdk-pixbuf\" \"Scalable Vector "
                                "Graphics\"\n\" <!DOCTYPE svg\" 100\nloaderlistword\n";
    char *mime = identify_buffer(magic, names, strlen(names));
    ck_assert_str_eq(mime, "image/svg+xml");
    free(mime);
    seen_init(&s);
    ck_assert_int_eq(run_bytes(names, strlen(names), "loaders.cache", &s, &reason), EXTRACT_DONE);
    ck_assert_uint_eq(s.pages->len, 1);
    ck_assert_str_eq(g_ptr_array_index(s.pages, 0), names);
    seen_free(&s);
    g_free(svg);
    g_free(b64);
    free(png);
}
END_TEST

/* An EPUB 3 book and SVG slides as LibreOffice writes them (not by our
 * hand) from the ODF fixtures: their text; the book's picture a member; not
 * the slides' master placeholders, which LibreOffice keeps in <defs> */
START_TEST(test_epub_and_svg_libreoffice_writes)
{
    static const struct {
        const char *odf, *ext, *words[2];
        guint members;
    } cases[] = {
        {"formats/document.odt", "epub", {"Грамадзянін Іваноў", "odtword"}, 1},
        {"formats/slides.odp", "svg", {"Первый слайд odpword", "Второй слайд"}, 0},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        seen s;
        char *reason = NULL;
        ck_assert_msg(legacy(cases[i].odf, cases[i].ext, NULL, &s, &reason, NULL) == EXTRACT_DONE,
                      "%s: %s", cases[i].ext, reason);
        for (size_t w = 0; w < 2; w++)
            ck_assert_msg(any_page_has(&s, cases[i].words[w]), "%s: no '%s' in '%s'", cases[i].ext,
                          cases[i].words[w],
                          s.pages->len ? (char *)g_ptr_array_index(s.pages, 0) : "");
        ck_assert_msg(!any_page_has(&s, "<footer>"), "%s: a placeholder read", cases[i].ext);
        ck_assert_uint_eq(s.members->len, cases[i].members);
        seen_free(&s);
    }
}
END_TEST

/* word_counts - how often each lower-cased word (letters and digits) occurs */
static GHashTable *word_counts(const char *text)
{
    GHashTable *counts = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    char *lower = g_utf8_strdown(text, -1);
    GString *word = g_string_new(NULL);
    for (const char *p = lower;; p = g_utf8_next_char(p)) {
        gunichar c = g_utf8_get_char(p);
        if (c != 0 && g_unichar_isalnum(c)) {
            g_string_append_unichar(word, c);
            continue;
        }
        if (word->len > 0) {
            gpointer n = g_hash_table_lookup(counts, word->str);
            g_hash_table_insert(counts, g_strdup(word->str),
                                GSIZE_TO_POINTER(GPOINTER_TO_SIZE(n) + 1));
            g_string_truncate(word, 0);
        }
        if (c == 0)
            break;
    }
    g_string_free(word, TRUE);
    g_free(lower);
    return counts;
}

/* words_shared - of the words `of` counts, how many (with repeats) `in` has
 * too; *all their number */
static size_t words_shared(GHashTable *of, GHashTable *in, size_t *all)
{
    GHashTableIter it;
    gpointer word, n;
    size_t shared = 0;
    *all = 0;
    g_hash_table_iter_init(&it, of);
    while (g_hash_table_iter_next(&it, &word, &n)) {
        size_t here = GPOINTER_TO_SIZE(n), there = GPOINTER_TO_SIZE(g_hash_table_lookup(in, word));
        *all += here;
        shared += MIN(here, there);
    }
    return shared;
}

/* A flat OpenDocument file nobody here wrote: LibreOffice's own list of its
 * contributors (1.8 MB, tables, a picture), read as LibreOffice's text export
 * reads it: at least 99% of its words, and next to nothing it does not have. */
START_TEST(test_flat_odf_libreoffice_credits)
{
    const char *credits = "/usr/lib/libreoffice/CREDITS.fodt";
    ck_assert_msg(g_file_test(credits, G_FILE_TEST_IS_REGULAR),
                  "%s: is libreoffice-common installed?", credits);
    char *out = tu_path(fx_dir, "credits"), *reason = NULL;
    char *txt = fx_libreoffice(credits, "txt", out);
    ck_assert_msg(txt != NULL, "LibreOffice did not write %s as text", credits);
    char *theirs = tu_read(txt, NULL);
    seen s;
    ck_assert_msg(run_path(credits, NULL, &s, &reason, NULL) == EXTRACT_DONE, "%s", reason);
    GString *ours = g_string_new(NULL);
    for (guint i = 0; i < s.pages->len; i++)
        g_string_append_printf(ours, "%s\n", (char *)g_ptr_array_index(s.pages, i));
    GHashTable *lo = word_counts(theirs), *dk = word_counts(ours->str);
    size_t lo_all, dk_all, found = words_shared(lo, dk, &lo_all),
                           kept = words_shared(dk, lo, &dk_all);
    ck_assert_uint_gt(lo_all, 20000);
    ck_assert_msg(found * 100 >= lo_all * 99, "%zu of LibreOffice's %zu words", found, lo_all);
    ck_assert_msg((dk_all - kept) * 100 <= dk_all, "%zu of our %zu words not LibreOffice's",
                  dk_all - kept, dk_all);
    ck_assert_uint_eq(s.members->len, 1); /* the picture */
    g_hash_table_destroy(lo);
    g_hash_table_destroy(dk);
    g_string_free(ours, TRUE);
    seen_free(&s);
    free(theirs);
    g_free(txt);
    free(out);
}
END_TEST

START_TEST(test_rtf_code_pages_binary_and_boxes)
{
    /* as LibreOffice's RTF test files showed: a \'hh byte is in the code
     * page of its font (\fcharset204 Cyrillic, 238 Central European, the
     * default font's when none is named), \binN's bytes are data (braces
     * too), a header's last word is not joined to the body's first, Word 6's
     * drawing objects hold text boxes, \pc is the IBM PC's code page, and
     * "{\rtf" without a version (text to libmagic) is RTF */
    static const struct {
        const char *rtf, *text;
    } cases[] = {
        {"{\\rtf1\\deff0{\\fonttbl{\\f0\\froman\\fcharset204 Times;}{\\f1\\fswiss\\fcharset238 "
         "Arial;}{\\f2\\fmodern\\fcharset0 Courier;}}{\\header \\pard\\plain \\'cf\\'f0\\'e8\\'e3"
         "\\'ee\\'e2\\'ee\\'f0}\\pard Body {\\f1 \\'a3ukasz} {\\f2 caf\\'e9}{\\*\\shprslt\\bin9 }"
         "{binword}}\\par {\\*\\do\\dobxcolumn\\dptxbx{\\dptxbxtext boxword\\par}}tail\\par}",
         "Приговор\nBody Łukasz café\nboxword\ntail"},
        {"{\\rtf1\\pc\\deff0{\\fonttbl{\\f0 Helvetica;}}\\pard K\\'94ln\\par}", "Köln"},
        {"{\\rtf\\ansi{\\fonttbl{\\f0 Times;}}\\pard noversionword\\par}\n", "noversionword"},
    };
    for (size_t i = 0; i < G_N_ELEMENTS(cases); i++) {
        seen s;
        seen_init(&s);
        char *reason = NULL;
        ck_assert_int_eq(run_bytes(cases[i].rtf, strlen(cases[i].rtf), "x.rtf", &s, &reason),
                         EXTRACT_DONE);
        ck_assert_uint_eq(s.pages->len, 1);
        ck_assert_str_eq(g_ptr_array_index(s.pages, 0), cases[i].text);
        seen_free(&s);
    }
}
END_TEST

START_TEST(test_html_rtf_xml)
{
    seen s;
    seen_init(&s);
    char *reason = NULL;
    /* a piece of a page saved as .html (libmagic: text/plain) is HTML */
    static const char fragment[] =
        "\n<ul>\n\t<li>fragmentword</li>\n\t<li><b>второй</b></li>\n</ul>\n";
    ck_assert_int_eq(run_bytes(fragment, sizeof fragment - 1, "list.html", &s, &reason),
                     EXTRACT_DONE);
    ck_assert_str_eq(g_ptr_array_index(s.pages, 0), "fragmentword\n\nвторой");
    seen_free(&s);
    seen_init(&s);
    ck_assert_int_eq(run_file("formats/page_cp1251.html", &s, &reason), EXTRACT_DONE);
    ck_assert_str_eq(g_hash_table_lookup(s.meta, "title"), "Список задержанных");
    ck_assert_str_eq(g_ptr_array_index(s.pages, 0),
                     "Список\n\nЗадержан Козлов Игорь htmlword.\n\n\t1\tМинск");
    seen_free(&s);
    seen_init(&s);
    ck_assert_int_eq(run_file("formats/document.rtf", &s, &reason), EXTRACT_DONE);
    ck_assert_str_eq(g_ptr_array_index(s.pages, 0), "Приговор суда rtfword\nІваноў");
    ck_assert_str_eq(g_hash_table_lookup(s.meta, "author"), "Суд");
    seen_free(&s);
    /* entities are never expanded: a billion laughs stays small */
    GString *lol = g_string_new("<?xml version=\"1.0\"?>\n<!DOCTYPE l [<!ENTITY a \"aaaaaaaaaa\">");
    for (int c = 'b'; c <= 'j'; c++)
        g_string_append_printf(lol, "<!ENTITY %c \"&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;&%c;\">", c,
                               c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1, c - 1,
                               c - 1);
    g_string_append(lol, "]>\n<l>start &j; end<m v=\"in &j; attribute\"/></l>\n");
    seen_init(&s);
    ck_assert_int_eq(run_bytes(lol->str, lol->len, "lol.xml", &s, &reason), EXTRACT_DONE);
    /* libxml2 either skips the reference or stops at it: never a billion "a"s */
    ck_assert(g_str_has_prefix(g_ptr_array_index(s.pages, 0), "start"));
    ck_assert_uint_lt(strlen(g_ptr_array_index(s.pages, 0)), 100);
    seen_free(&s);
    g_string_free(lol, TRUE);
    /* data exported as XML, all in attributes: their values are text */
    static const char registry[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<registry>\n  <case number=\"1-234/2024\" "
        "court=\"Суд Центрального района г. Минска\">\n    <person role=\"accused\" "
        "name=\"Иванов Сергей Петрович\" born=\"1980-01-02\"/>\n    <note>Рассмотрено "
        "заочно.</note>\n  </case>\n</registry>\n";
    seen_init(&s);
    ck_assert_int_eq(run_bytes(registry, strlen(registry), "registry.xml", &s, &reason),
                     EXTRACT_DONE);
    const char *page = g_ptr_array_index(s.pages, 0);
    ck_assert_msg(strstr(page, "1-234/2024 Суд Центрального района г. Минска\n") != NULL, "%s",
                  page);
    ck_assert_msg(strstr(page, "accused Иванов Сергей Петрович 1980-01-02\n") != NULL, "%s", page);
    ck_assert_msg(strstr(page, "Рассмотрено заочно.") != NULL, "%s", page);
    seen_free(&s);
}
END_TEST

/* nested - `levels` elements <tag> nested around word, after head */
static GString *nested(const char *head, const char *tag, int levels, const char *word)
{
    GString *b = g_string_new(head);
    for (int i = 0; i < levels; i++)
        g_string_append_printf(b, "<%s>", tag);
    g_string_append(b, word);
    for (int i = 0; i < levels; i++)
        g_string_append_printf(b, "</%s>", tag);
    return b;
}

/* A file read only in part says why through `unread`: markup nested deeper
 * than libxml2 follows, a PDF whose page count poppler refuses. Markup of a
 * normal depth says nothing. */
START_TEST(test_unread_says_why)
{
    static const struct {
        const char *head, *tag;
        int levels;
    } deep[] = {
        {"<html><body>", "div", 300},
        {"<?xml version=\"1.0\"?>\n", "a", 300},
    };
    for (size_t i = 0; i < 2; i++) {
        seen s;
        seen_init(&s);
        char *reason = NULL;
        GString *b = nested(deep[i].head, deep[i].tag, deep[i].levels, "deepword");
        ck_assert_int_eq(run_bytes(b->str, b->len, NULL, &s, &reason), EXTRACT_DONE);
        ck_assert_ptr_nonnull(s.unread);
        ck_assert_msg(strstr(s.unread, "nesting deeper than 256 levels"), "%s", s.unread);
        g_string_free(b, TRUE);
        seen_free(&s);
        seen_init(&s);
        b = nested(deep[i].head, deep[i].tag, 100, "shallowword");
        ck_assert_int_eq(run_bytes(b->str, b->len, NULL, &s, &reason), EXTRACT_DONE);
        ck_assert_ptr_null(s.unread);
        ck_assert(strstr(g_ptr_array_index(s.pages, 0), "shallowword"));
        g_string_free(b, TRUE);
        seen_free(&s);
    }
    static const char pdf[] = "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n"
                              "2 0 obj << /Type /Pages /Kids [3 0 R] /Count 2000000000 >> endobj\n"
                              "3 0 obj << /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >> "
                              "endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
    seen s;
    seen_init(&s);
    char *reason = NULL;
    ck_assert_int_eq(run_bytes(pdf, sizeof pdf - 1, NULL, &s, &reason), EXTRACT_DONE);
    ck_assert_uint_eq(s.pages->len, 0);
    ck_assert_ptr_nonnull(s.unread);
    ck_assert_msg(g_str_has_prefix(s.unread, "pages claimed 2000000000, limit"), "%s", s.unread);
    seen_free(&s);
}
END_TEST

/* Pages are UTF-8 (extract.h) even when a file that says it is UTF-8 is not:
 * a stray byte in a declared-UTF-8 page, or in an e-mail header, is replaced. */
START_TEST(test_pages_valid_utf8)
{
    static const char html[] = "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                               "<case><person>\xd0\x86\xd0 Ivanou</person></case>\n";
    static const char mail[] = "From: alice@example.org\nTo: docs\xc5@example.org\n"
                               "Subject: x\n\nbody\n";
    const char *const inputs[] = {html, mail};
    for (size_t i = 0; i < 2; i++) {
        seen s;
        seen_init(&s);
        char *reason = NULL;
        ck_assert_int_eq(run_bytes(inputs[i], strlen(inputs[i]), NULL, &s, &reason), EXTRACT_DONE);
        ck_assert_uint_ge(s.pages->len, 1);
        for (guint k = 0; k < s.pages->len; k++)
            ck_assert_msg(g_utf8_validate(g_ptr_array_index(s.pages, k), -1, NULL),
                          "input %zu: page %u is not UTF-8", i, k + 1);
        seen_free(&s);
    }
}
END_TEST

/* main - write the fixtures once, run, clean up */
int main(void)
{
    char *err = NULL;
    magic = identify_open(&err);
    fx_dir = g_dir_make_tmp("dokaz-extract-formats-XXXXXX", NULL); /* not inside a test */
    if (magic == NULL || fx_dir == NULL || fx_write_all(fx_dir) != 0) {
        fprintf(stderr, "cannot prepare: %s\n", err ? err : "fixtures");
        return 1;
    }
    Suite *s = suite_create("extract_formats");
    TCase *tc = tcase_create("formats");
    tcase_add_test(tc, test_cp1251_and_koi8r_not_confused);
    tcase_add_test(tc, test_archive_members_and_links);
    tcase_add_test(tc, test_archive_sink_limit_stops);
    tcase_add_test(tc, test_archive_truncated_and_encrypted);
    tcase_add_test(tc, test_single_gzip_member_name);
    tcase_add_test(tc, test_archive_member_names_every_encoding);
    tcase_add_test(tc, test_email_headers_body_attachments);
    tcase_add_test(tc, test_email_mixed_keeps_every_part);
    tcase_add_test(tc, test_saved_web_page);
    tcase_add_test(tc, test_email_encoded_words_and_alternatives);
    tcase_add_test(tc, test_email_that_magic_calls_text);
    tcase_add_test(tc, test_mbox_messages_byte_exact);
    tcase_add_test(tc, test_outlook_msg);
    tcase_add_test(tc, test_outlook_msg_damaged);
    tcase_add_test(tc, test_outlook_pst_refused);
    tcase_add_test(tc, test_office_documents);
    tcase_add_test(tc, test_legacy_office_through_libreoffice);
    tcase_add_test(tc, test_libreoffice_killed_at_time_limit);
    tcase_add_test(tc, test_headers_footnotes_text_boxes);
    tcase_add_test(tc, test_sheet_names_comments_and_tab_order);
    tcase_add_test(tc, test_wordperfect_and_staroffice_through_libreoffice);
    tcase_add_test(tc, test_odf_templates_and_drawing);
    tcase_add_test(tc, test_works_publisher_visio_go_to_libreoffice);
    tcase_add_test(tc, test_office_empty_manifest);
    tcase_add_test(tc, test_epub_book);
    tcase_add_test(tc, test_svg_text_and_pictures);
    tcase_add_test(tc, test_epub_and_svg_libreoffice_writes);
    tcase_add_test(tc, test_flat_odf_libreoffice_credits);
    tcase_add_test(tc, test_html_rtf_xml);
    tcase_add_test(tc, test_rtf_code_pages_binary_and_boxes);
    tcase_add_test(tc, test_unread_says_why);
    tcase_add_test(tc, test_pages_valid_utf8);
    suite_add_tcase(s, tc);
    int rc = tu_run_suite(s);
    tu_rmtree(fx_dir);
    g_free(fx_dir);
    identify_close(magic);
    return rc;
}
