/*
 * test_formats.c - the real `dokaz ingest` on every format dokaz opens and on
 * hostile files (tests/fixtures): archives, e-mails, office documents, HTML,
 * RTF, legacy encodings; zip slip, absolute paths, links, a zip bomb, deep
 * nesting, truncation, encryption, an empty file, a name that is not UTF-8.
 * Each hostile file must end with its exact status and reason, nothing may
 * be written outside the data directory, and the file after it is processed.
 */
#include "fixtures.h"
#include "itest.h"
#include "testutil.h"
#include "common/xalloc.h"

#include <check.h>
#include <dirent.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

/* ingest - `dokaz ingest --data DATA --workers 2 [extra...] PATH...`; exit status */
static int ingest(const char *data, const char *const *extra, const char *const *paths)
{
    const char *argv[48];
    int n = 0;
    argv[n++] = getenv("DOKAZ_BIN");
    argv[n++] = "ingest";
    argv[n++] = "--data";
    argv[n++] = data;
    argv[n++] = "--workers";
    argv[n++] = "2";
    for (; extra && *extra && n < 20; extra++)
        argv[n++] = *extra;
    for (; *paths && n < 46; paths++)
        argv[n++] = *paths;
    argv[n] = NULL;
    char *out = NULL;
    int status = tu_run((char *const *)argv, &out);
    free(out);
    return status;
}

/* show - `dokaz show --json` of an item by hash */
static json_object *show(const char *data, const char *sha)
{
    const char *args[] = {"show", "--data", data, "--json", sha, NULL};
    return it_dokaz_json(0, args);
}

/* show_file - the item of a file given to ingest */
static json_object *show_file(const char *data, const char *dir, const char *name)
{
    char *path = tu_path(dir, name);
    char *sha = tu_sha256_file(path);
    ck_assert_msg(sha != NULL, "cannot hash %s", path);
    json_object *o = show(data, sha);
    free(sha);
    free(path);
    return o;
}

/* child - the item of member `member` of a shown item (asserts it exists) */
static json_object *child(const char *data, json_object *parent, const char *member)
{
    json_object *children = NULL;
    ck_assert(json_object_object_get_ex(parent, "children", &children));
    for (size_t i = 0; i < json_object_array_length(children); i++) {
        json_object *c = json_object_array_get_idx(children, i);
        if (strcmp(it_get_str(c, "member"), member) == 0)
            return show(data, it_get_str(c, "sha256"));
    }
    ck_abort_msg("%s has no member %s: %s", it_get_str(parent, "name"), member,
                 json_object_to_json_string(children));
    return NULL;
}

/* count - length of an array member */
static size_t count(json_object *o, const char *key)
{
    json_object *a = NULL;
    ck_assert_msg(json_object_object_get_ex(o, key, &a), "no %s", key);
    return a ? json_object_array_length(a) : 0;
}

/* page_text - text of page i (0-based) */
static const char *page_text(json_object *o, size_t i)
{
    json_object *pages = NULL;
    ck_assert(json_object_object_get_ex(o, "pages", &pages));
    ck_assert_msg(i < json_object_array_length(pages), "%s has no page %zu", it_get_str(o, "name"),
                  i + 1);
    return it_get_str(json_object_array_get_idx(pages, i), "text");
}

/* meta - result meta field */
static const char *meta(json_object *o, const char *key)
{
    json_object *m = NULL;
    if (!json_object_object_get_ex(o, "meta", &m) || m == NULL)
        return NULL;
    return it_get_str(m, key);
}

/* expect - status, and a page containing `text` (when given) */
static void expect(json_object *o, const char *status, const char *text)
{
    ck_assert_msg(strcmp(it_get_str(o, "status"), status) == 0, "%s: status %s (%s), expected %s",
                  it_get_str(o, "name"), it_get_str(o, "status"),
                  it_get_str(o, "reason") ? it_get_str(o, "reason") : "", status);
    if (text != NULL) {
        const char *t = page_text(o, 0);
        ck_assert_msg(t && strstr(t, text), "%s: no '%s' in '%s'", it_get_str(o, "name"), text, t);
    }
}

/* expect_reason - the reason contains `part` */
static void expect_reason(json_object *o, const char *part)
{
    const char *r = it_get_str(o, "reason");
    ck_assert_msg(r && strstr(r, part), "%s: reason '%s' lacks '%s'", it_get_str(o, "name"),
                  r ? r : "(none)", part);
}

/* hit_chain - the chain of the single hit for `query` */
static char *hit_chain(const char *data, const char *query)
{
    json_object *r = it_search(data, query), *hits = NULL;
    ck_assert(json_object_object_get_ex(r, "hits", &hits));
    ck_assert_msg(json_object_array_length(hits) >= 1, "no hit for %s", query);
    const char *chain = it_get_str(json_object_array_get_idx(hits, 0), "chain");
    char *copy = chain ? xstrdup(chain) : NULL;
    json_object_put(r);
    return copy;
}

/* encoding_case - a text file in a legacy encoding */
static void encoding_case(const char *data, const char *dir, const char *name, const char *encoding,
                          const char *text)
{
    json_object *o = show_file(data, dir, name);
    expect(o, "done", text);
    ck_assert_msg(meta(o, "encoding") && strcmp(meta(o, "encoding"), encoding) == 0,
                  "%s: encoding %s, expected %s", name, meta(o, "encoding"), encoding);
    json_object_put(o);
}

START_TEST(every_format)
{
    char *dir = tu_tempdir("itest-formats");
    char *fx = tu_path(dir, "fx"), *data = tu_path(dir, "data");
    ck_assert_int_eq(fx_write_all(fx), 0);
    char *formats = tu_path(fx, "formats");
    const char *paths[] = {formats, NULL};
    ck_assert_int_eq(ingest(data, NULL, paths), 0);

    /* text in legacy encodings: windows-1251 and KOI8-R must not be confused */
    encoding_case(data, formats, "ru_cp1251.txt", "WINDOWS-1251", "Приговор суда Ленинского");
    encoding_case(data, formats, "ru_koi8r.txt", "KOI8-R", "Постановление о возбуждении");
    encoding_case(data, formats, "ru_iso8859_5.txt", "ISO-8859-5", "Повестка о вызове");
    encoding_case(data, formats, "ru_cp866.txt", "IBM866", "Протокол обыска");
    encoding_case(data, formats, "utf16le_nobom.txt", "UTF-16LE", "Решение о конфискации");
    encoding_case(data, formats, "utf16be_bom.txt", "UTF-16BE", "Уведомление об аресте");
    encoding_case(data, formats, "fr_cp1252.txt", "WINDOWS-1252", "Procès-verbal");

    /* e-mail: cp1251 body, headers as fields, a scanned PDF OCRed, a forwarded message */
    json_object *mail = show_file(data, formats, "letter_cp1251.eml");
    expect(mail, "done", "Направляю копию приговора по делу Иванова");
    ck_assert_str_eq(meta(mail, "subject"), "Re: документы");
    ck_assert_str_eq(meta(mail, "from"), "Адвокат Мельникова <lawyer@example.org>");
    ck_assert_str_eq(meta(mail, "date"), "2025-03-01T10:15:00+01:00");
    ck_assert_str_eq(meta(mail, "message_id"), "case-1-77@example.org");
    json_object *scan = child(data, mail, "scan.pdf");
    expect(scan, "done", FX_WORD_SCAN);
    ck_assert_str_eq(it_get_str(scan, "chain"),
                     "scan.pdf in email 'Re: документы' received 2025-03-01");
    json_object *fwd = child(data, mail, "Notice.eml");
    expect(fwd, "done", "forwardedword");
    json_object *att = child(data, fwd, "notice.txt");
    expect(att, "done", "attachedword");
    json_object_put(att);
    json_object_put(fwd);
    json_object_put(scan);
    json_object_put(mail);
    json_object *r = it_search(data, "from:мельникова subject:документы");
    ck_assert_int_eq(it_get_int(r, "total"), 1);
    json_object_put(r);
    json_object *box = show_file(data, formats, "mailbox.mbox");
    expect(box, "done", NULL);
    ck_assert_uint_eq(count(box, "children"), 2);
    json_object *second = child(data, box, "message-2.eml");
    expect(second, "done", "secondmboxword");
    json_object_put(second);
    json_object_put(box);

    /* a multipart/mixed message's HTML part; a message libmagic calls text */
    static const char *const mail_words[][2] = {{FX_WORD_HTMLPART, "mixed_html.eml"},
                                                {FX_WORD_EXCHANGE, "exchange_headers.eml"}};
    for (size_t i = 0; i < 2; i++) {
        r = it_search(data, mail_words[i][0]);
        ck_assert_int_eq(it_get_int(r, "total"), 1);
        json_object_put(r);
        json_object *o = show_file(data, formats, mail_words[i][1]);
        ck_assert_msg(meta(o, "subject") != NULL, "%s: not read as e-mail", mail_words[i][1]);
        json_object_put(o);
    }

    /* Outlook .msg: fields, its attachment and its attached message are items */
    json_object *msg = show_file(data, formats, "mail_rtf.msg");
    expect(msg, "done", FX_MSG_WORD);
    ck_assert_str_eq(meta(msg, "subject"), FX_MSG_SUBJECT);
    json_object *note = child(data, msg, "справка.txt");
    expect(note, "done", FX_MSG_ATTACHMENT_WORD);
    json_object *inner = child(data, msg, FX_MSG_NESTED_SUBJECT ".msg");
    expect(inner, "done", FX_MSG_NESTED_WORD);
    json_object_put(inner);
    json_object_put(note);
    json_object_put(msg);
    r = it_search(data, "subject:повестка " FX_MSG_WORD);
    ck_assert_int_eq(it_get_int(r, "total"), 3); /* the plain, HTML and RTF bodies */
    json_object_put(r);

    /* a zip in a zip in a tar.gz; the scan inside is OCRed */
    char *chain = hit_chain(data, FX_WORD_NESTED);
    ck_assert_msg(chain && g_str_has_prefix(chain, "note.txt in deep/ in inner.zip in folder/ "
                                                   "in case_files.zip in nested.tar.gz received "),
                  "chain: %s", chain);
    free(chain);
    json_object *tgz = show_file(data, formats, "nested.tar.gz");
    json_object *zip = child(data, tgz, "case_files.zip");
    json_object *png = child(data, zip, "folder/scan_03.png");
    expect(png, "done", FX_WORD_SCAN);
    json_object_put(png);
    json_object_put(zip);
    json_object_put(tgz);

    /* every other archive format holds docs/member.txt */
    static const char *const archives[] = {
        "plain.tar",    "archive.tar.bz2", "archive.tar.xz", "archive.tar.zst", "archive.7z",
        "archive.cpio", "archive.iso",     "archive.zip",    "archive.rar",
    };
    for (size_t i = 0; i < sizeof archives / sizeof archives[0]; i++) {
        json_object *a = show_file(data, formats, archives[i]);
        expect(a, "done", NULL);
        json_object *m = child(data, a, "docs/member.txt");
        char *want = g_strdup_printf("Member of %s", archives[i]);
        expect(m, "done", want);
        g_free(want);
        json_object_put(m);
        json_object_put(a);
    }
    static const char *const singles[] = {"single.txt.gz", "single.txt.bz2", "single.txt.xz"};
    for (size_t i = 0; i < 3; i++) {
        json_object *a = show_file(data, formats, singles[i]);
        json_object *m = child(data, a, "single.txt");
        expect(m, "done", FX_WORD_ZIPTXT);
        json_object_put(m);
        json_object_put(a);
    }

    /* member names in every encoding, in `show` and in the hits' chains */
    static const char *const named[][3] = {
        {FX_NAME_UTF8, "flagnameword", FX_NAME_UTF8 " in cyrillic_names.zip received "},
        {FX_NAME_UTF8_DIR, "flagdirword", "Апелляция.txt in Дело 1-23/ in cyrillic_names.zip "},
        {FX_NAME_CP866, "oemnameword", FX_NAME_CP866 " in cyrillic_names.zip received "},
        {FX_NAME_CP1251, "ansinameword", FX_NAME_CP1251 " in cyrillic_names.zip received "},
        {FX_NAME_LATIN1_KEPT, "westnameword", FX_NAME_LATIN1_KEPT " in cyrillic_names.zip "},
        {FX_NAME_UTF8, "paxnameword", FX_NAME_UTF8 " in cyrillic_names.tar received "},
    };
    for (size_t i = 0; i < sizeof named / sizeof named[0]; i++) {
        json_object *a = show_file(data, formats,
                                   i < 5 ? "cyrillic_names.zip" : "cyrillic_names.tar");
        json_object *m = child(data, a, named[i][0]);
        expect(m, "done", named[i][1]);
        json_object_put(m);
        json_object_put(a);
        chain = hit_chain(data, named[i][1]);
        ck_assert_msg(chain && g_str_has_prefix(chain, named[i][2]), "chain: %s", chain);
        free(chain);
    }

    /* a picture of text on a page with a text layer: both read, on that page */
    json_object *pic = show_file(data, formats, "picture_page.pdf");
    expect(pic, "done", "Протокол судебного заседания");
    json_object *pages = NULL;
    ck_assert(json_object_object_get_ex(pic, "pages", &pages));
    json_object *p2 = json_object_array_get_idx(pages, 1);
    ck_assert_str_eq(it_get_str(p2, "source"), "text-layer+ocr");
    ck_assert_msg(strstr(it_get_str(p2, "text"), "Приложение к протоколу") &&
                      strstr(it_get_str(p2, "text"), FX_WORD_PICTURE),
                  "page 2: %s", it_get_str(p2, "text"));
    ck_assert_str_eq(it_get_str(json_object_array_get_idx(pages, 0), "source"), "text-layer");
    json_object_put(pic);
    r = it_search(data, "экспертиза");
    json_object *hits = NULL;
    ck_assert(json_object_object_get_ex(r, "hits", &hits));
    ck_assert_int_eq(it_get_int(r, "total"), 1);
    ck_assert_int_eq(it_get_int(json_object_array_get_idx(hits, 0), "page"), 2);
    json_object_put(r);

    /* typed text in fonts without a Unicode map: OCRed, and its searchable PDF made */
    json_object *unmapped = show_file(data, formats, "unmapped_fonts.pdf");
    expect(unmapped, "done", "Ленинского");
    ck_assert_str_eq(it_get_str(json_object_array_get_idx(json_object_object_get(unmapped, "pages"),
                                                          0),
                                "source"),
                     "ocr");
    ck_assert_ptr_nonnull(it_get_str(unmapped, "searchable_pdf"));
    char *unmapped_pdf = tu_path(formats, "unmapped_fonts.pdf");
    char *unmapped_sha = tu_sha256_file(unmapped_pdf), *exported = tu_path(dir, "unmapped.pdf");
    const char *export[] = {getenv("DOKAZ_BIN"), "export-pdf", "--data", data,
                            unmapped_sha,        exported,     NULL};
    ck_assert_int_eq(tu_run((char *const *)export, NULL), 0);
    const char *totext[] = {"/usr/bin/pdftotext", exported, "-", NULL};
    char *text = NULL;
    ck_assert_int_eq(tu_run((char *const *)totext, &text), 0);
    ck_assert_msg(strstr(text, "Ленинского") != NULL, "searchable PDF: %s", text);
    free(text);
    free(exported);
    free(unmapped_sha);
    free(unmapped_pdf);
    json_object_put(unmapped);

    /* office documents: text, metadata, embedded images OCRed */
    json_object *docx = show_file(data, formats, "document.docx");
    expect(docx, "done", "Обвиняемый: Сяргей Іваноў\tdocxword");
    ck_assert_str_eq(meta(docx, "title"), "Приговор по делу 1-77/2024");
    ck_assert_str_eq(meta(docx, "author"), "Суд Центрального района");
    ck_assert_str_eq(meta(docx, "created"), "2024-03-01T09:00:00Z");
    ck_assert_str_eq(meta(docx, "modified"), "2024-03-02T10:30:00Z");
    json_object *img = child(data, docx, "word/media/image1.png");
    expect(img, "done", FX_WORD_SCAN);
    json_object_put(img);
    json_object_put(docx);
    json_object *odt = show_file(data, formats, "document.odt");
    expect(odt, "done", "Грамадзянін Іваноў\todtword");
    ck_assert_str_eq(meta(odt, "author"), "Пракуратура Мінска");
    img = child(data, odt, "Pictures/scan.png");
    expect(img, "done", FX_WORD_SCAN);
    json_object_put(img);
    json_object_put(odt);
    static const struct {
        const char *file, *text;
        size_t pages;
    } docs[] = {
        {"sheet.xlsx", "Фамилия\txlsxword\nПетрович\t1977", 1},
        {"slides.pptx", "Слайд первый pptxword", 2},
        {"sheet.ods", "Фамилия\todsword", 2},
        {"slides.odp", "Первый слайд odpword", 2},
        {"document.rtf", "Приговор суда rtfword\nІваноў", 1},
        {"page_cp1251.html", "Задержан Козлов Игорь htmlword.", 1},
        {"page_koi8.html", "Обращение по делу Смирнова koi8htmlword.", 1},
        {"page.xhtml", "Текст xhtmlword.", 1},
        {"data.xml", "Іваноў xmlword", 1},
        {"book.epub", "Осуждён Іваноў " FX_WORD_EPUB, 2},
    };
    for (size_t i = 0; i < sizeof docs / sizeof docs[0]; i++) {
        json_object *o = show_file(data, formats, docs[i].file);
        expect(o, "done", docs[i].text);
        ck_assert_msg(count(o, "pages") == docs[i].pages, "%s: %zu pages", docs[i].file,
                      count(o, "pages"));
        json_object_put(o);
    }
    json_object *html = show_file(data, formats, "page_cp1251.html");
    ck_assert_str_eq(meta(html, "title"), "Список задержанных");
    ck_assert_ptr_null(strstr(page_text(html, 0), "hiddenscript"));
    json_object_put(html);
    json_object *rtf = show_file(data, formats, "document.rtf");
    ck_assert_str_eq(meta(rtf, "title"), "Приговор");
    ck_assert_ptr_null(strstr(page_text(rtf, 0), "hidden text"));
    json_object_put(rtf);
    r = it_search(data, "title:приговор author:суд");
    ck_assert_int_ge(it_get_int(r, "total"), 1);
    json_object_put(r);

    free(formats);
    free(fx);
    free(data);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* failed_named - the failed_items entry of `dokaz status` called name */
static json_object *failed_named(json_object *status, const char *name)
{
    json_object *list = NULL;
    ck_assert(json_object_object_get_ex(status, "failed_items", &list));
    for (size_t i = 0; i < json_object_array_length(list); i++) {
        json_object *it = json_object_array_get_idx(list, i);
        if (it_get_str(it, "name") && strcmp(it_get_str(it, "name"), name) == 0)
            return it;
    }
    ck_abort_msg("%s is not among the failed items: %s", name, json_object_to_json_string(list));
    return NULL;
}

/* skipped_reason - the reason a member was skipped, or NULL */
static const char *skipped_reason(json_object *o, const char *member)
{
    json_object *list = NULL;
    if (!json_object_object_get_ex(o, "skipped", &list) || list == NULL)
        return NULL;
    for (size_t i = 0; i < json_object_array_length(list); i++) {
        json_object *s = json_object_array_get_idx(list, i);
        if (strcmp(it_get_str(s, "member"), member) == 0)
            return it_get_str(s, "reason");
    }
    return NULL;
}

/* evidence_bytes - total size of the evidence store */
static long long evidence_bytes(const char *data)
{
    char *cmd = g_strdup_printf("du -sb '%s/evidence' | cut -f1", data);
    FILE *p = popen(cmd, "r");
    long long n = -1;
    if (p == NULL || fscanf(p, "%lld", &n) != 1)
        n = -1;
    if (p)
        pclose(p);
    g_free(cmd);
    return n;
}

START_TEST(hostile_files)
{
    char *dir = tu_tempdir("itest-hostile");
    char *fx = tu_path(dir, "fx"), *data = tu_path(dir, "data");
    ck_assert_int_eq(fx_write_all(fx), 0);
    char *hostile = tu_path(fx, "hostile"), *normal = tu_path(dir, "normal.txt");
    tu_write(normal, "an ordinary file afterwards normalword\n", 39);
    const char *paths[] = {hostile, normal, NULL};
    time_t start = time(NULL);
    ck_assert_int_eq(ingest(data, NULL, paths), 1); /* some failed */
    ck_assert_msg(time(NULL) - start < 120, "hostile files took %ld s", (long)(time(NULL) - start));

    /* zip slip and absolute paths: stored as evidence under their hash, the
     * names only recorded; nothing appears where the names point */
    json_object *slip = show_file(data, hostile, "zipslip.zip");
    expect(slip, "done", NULL);
    json_object *m = child(data, slip, "../../dokaz-slip-canary.txt");
    expect(m, "done", "slipword");
    json_object_put(m);
    json_object_put(slip);
    json_object *abs = show_file(data, hostile, "absolute.tar");
    m = child(data, abs, "/tmp/dokaz-abs-canary.txt");
    expect(m, "done", "absword");
    json_object_put(m);
    json_object_put(abs);
    const char *outside[] = {"dokaz-slip-canary.txt", "../dokaz-slip-canary.txt",
                             "fx/dokaz-slip-canary.txt", "data/dokaz-slip-canary.txt"};
    for (size_t i = 0; i < 4; i++) {
        char *p = tu_path(dir, outside[i]);
        ck_assert_msg(access(p, F_OK) != 0, "%s was created", p);
        free(p);
    }
    ck_assert_msg(access("/tmp/dokaz-abs-canary.txt", F_OK) != 0,
                  "/tmp/dokaz-abs-canary.txt exists");
    DIR *d = opendir(dir);
    struct dirent *de;
    while ((de = readdir(d)) != NULL)
        ck_assert_msg(de->d_name[0] == '.' || strcmp(de->d_name, "fx") == 0 ||
                          strcmp(de->d_name, "data") == 0 || strcmp(de->d_name, "normal.txt") == 0,
                      "unexpected %s in the test directory", de->d_name);
    closedir(d);

    /* links are never followed, devices never created */
    json_object *links = show_file(data, hostile, "links.tar");
    expect(links, "done", NULL);
    ck_assert_uint_eq(count(links, "children"), 1);
    ck_assert_str_eq(skipped_reason(links, "passwd"),
                     "symbolic link to '/etc/passwd': not followed");
    ck_assert_str_eq(skipped_reason(links, "up"), "symbolic link to '../../outside': not followed");
    ck_assert_str_eq(skipped_reason(links, "dev/null"), "device, FIFO or socket: nothing to store");
    json_object_put(links);

    /* the bomb is stopped by the ratio limit, and nothing of it is kept */
    json_object *bomb = show_file(data, hostile, "bomb.zip");
    expect(bomb, "failed", NULL);
    expect_reason(bomb, "unpacks to more than 100 times its own size");
    expect_reason(bomb, "--max-ratio");
    ck_assert_uint_eq(count(bomb, "children"), 0);
    json_object_put(bomb);
    long long stored = evidence_bytes(data);
    ck_assert_msg(stored >= 0 && stored < 32LL << 20, "the evidence store holds %lld bytes",
                  stored);

    /* nesting beyond the limit: the 11th zip fails, the ten around it are done */
    const char *status_args[] = {"status", "--data", data, "--json", NULL};
    json_object *st = it_dokaz_json(0, status_args);
    json_object *deep = failed_named(st, "level11.zip");
    ck_assert_str_eq(it_get_str(deep, "reason"),
                     "it is nested 10 containers deep, more than the "
                     "limit of 10 (--max-depth): its members were not unpacked");
    ck_assert_int_eq(it_get_int(st, "encrypted"), 4);
    json_object_put(st);

    /* truncated archives keep what was read before the damage */
    static const char *const cut[] = {"truncated.zip", "truncated.tar.gz"};
    for (size_t i = 0; i < 2; i++) {
        json_object *t = show_file(data, hostile, cut[i]);
        expect(t, "failed", NULL);
        expect_reason(t, "member 'three.bin' cannot be read (damaged or truncated archive)");
        ck_assert_uint_eq(count(t, "children"), 2);
        json_object *one = child(data, t, "one.txt");
        expect(one, "done", "truncword");
        json_object_put(one);
        json_object_put(t);
    }

    /* encrypted archive, PDF, office document, e-book */
    json_object *e = show_file(data, hostile, "encrypted.zip");
    expect(e, "encrypted", NULL);
    ck_assert_str_eq(it_get_str(e, "reason"), "encrypted archive: 1 member needs a password");
    ck_assert_str_eq(skipped_reason(e, "secret.txt"), "encrypted: needs a password");
    json_object_put(e);
    e = show_file(data, hostile, "encrypted.pdf");
    expect(e, "encrypted", NULL);
    ck_assert_str_eq(it_get_str(e, "reason"), "encrypted PDF: it needs a password");
    json_object_put(e);
    e = show_file(data, hostile, "encrypted.odt");
    expect(e, "encrypted", NULL);
    ck_assert_str_eq(it_get_str(e, "reason"), "encrypted document: it needs a password");
    json_object_put(e);
    e = show_file(data, hostile, "drm.epub");
    expect(e, "encrypted", NULL);
    ck_assert_str_eq(it_get_str(e, "reason"),
                     "encrypted e-book (DRM): 1 of its 3 chapters cannot be read");
    json_object_put(e);

    /* an empty file; names that are not UTF-8, on disk and inside a zip */
    e = show_file(data, hostile, "empty.bin");
    expect(e, "done", NULL);
    ck_assert_str_eq(it_get_str(e, "mime"), "application/x-empty");
    ck_assert_uint_eq(count(e, "pages"), 0);
    json_object_put(e);
    json_object *r = it_search(data, "badnameword");
    ck_assert_int_eq(it_get_int(r, "total"), 1);
    json_object_put(r);
    json_object *bad = show_file(data, hostile, "badname.zip");
    m = child(data, bad, "Приговор.txt"); /* its CP866 name decoded */
    expect(m, "done", "badmemberword");
    json_object_put(m);
    json_object_put(bad);

    /* and the ordinary file after all of them */
    json_object *after = show_file(data, dir, "normal.txt");
    expect(after, "done", "normalword");
    json_object_put(after);

    /* tighter limits: members per container, depth */
    char *data2 = tu_path(dir, "data2");
    char *many = tu_path(hostile, "many.zip"), *deepzip = tu_path(hostile, "deep.zip");
    const char *limits[] = {"--max-members", "3", "--max-depth", "3", NULL};
    const char *paths2[] = {many, deepzip, NULL};
    ck_assert_int_eq(ingest(data2, limits, paths2), 1);
    json_object *mz = show_file(data2, hostile, "many.zip");
    expect(mz, "failed", NULL);
    ck_assert_str_eq(it_get_str(mz, "reason"), "it has more than 3 members (limit --max-members); "
                                               "the first 3 are kept, the rest was not unpacked");
    ck_assert_uint_eq(count(mz, "children"), 3);
    json_object_put(mz);
    st = it_dokaz_json(0, (const char *const[]){"status", "--data", data2, "--json", NULL});
    deep = failed_named(st, "level04.zip");
    ck_assert_str_eq(it_get_str(deep, "reason"),
                     "it is nested 3 containers deep, more than the "
                     "limit of 3 (--max-depth): its members were not unpacked");
    json_object_put(st);

    free(many);
    free(deepzip);
    free(data2);
    free(normal);
    free(hostile);
    free(fx);
    free(data);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

START_TEST(legacy_office)
{
    /* .doc, .xls, .ppt that LibreOffice writes from the ODF fixtures: read
     * through LibreOffice, conversion recorded, its PDF kept beside the records */
    char *dir = tu_tempdir("itest-legacy");
    char *fx = tu_path(dir, "fx"), *data = tu_path(dir, "data"), *in = tu_path(dir, "in");
    ck_assert_int_eq(fx_write_all(fx), 0);
    static const char *const cases[][4] = {
        {"document.odt", "doc", "document.doc", "Грамадзянін Іваноў"},
        {"sheet.ods", "xls", "sheet.xls", "odsword"},
        {"slides.odp", "ppt", "slides.ppt", "Первый слайд odpword"},
    };
    for (size_t i = 0; i < 3; i++) {
        char *src = g_build_filename(fx, "formats", cases[i][0], NULL);
        char *out = fx_libreoffice(src, cases[i][1], in);
        ck_assert_msg(out != NULL, "LibreOffice did not write %s", cases[i][2]);
        g_free(out);
        g_free(src);
    }
    char *profile = tu_path(in, "fx-profile"); /* LibreOffice's, not a document */
    tu_rmtree(profile);
    free(profile);
    const char *paths[] = {in, NULL};
    ck_assert_int_eq(ingest(data, NULL, paths), 0);
    for (size_t i = 0; i < 3; i++) {
        json_object *o = show_file(data, in, cases[i][2]);
        expect(o, "done", cases[i][3]);
        ck_assert_msg(meta(o, "converted_by") &&
                          g_str_has_prefix(meta(o, "converted_by"), "LibreOffice "),
                      "%s: converted_by %s", cases[i][2], meta(o, "converted_by"));
        ck_assert_uint_eq(count(o, "children"), 0);
        json_object_put(o);
    }
    /* the picture in the .doc is OCRed like a PDF's: it is in LibreOffice's PDF */
    json_object *docpage = show_file(data, in, "document.doc");
    json_object *docpages = NULL;
    ck_assert(json_object_object_get_ex(docpage, "pages", &docpages));
    json_object *first = json_object_array_get_idx(docpages, 0);
    ck_assert_str_eq(it_get_str(first, "source"), "text-layer+ocr");
    ck_assert_msg(strstr(it_get_str(first, "text"), FX_WORD_SCAN), "%s", it_get_str(first, "text"));
    json_object_put(docpage);
    json_object *r = it_search(data, "Грамадзянін odtword");
    ck_assert_int_eq(it_get_int(r, "total"), 1);
    json_object_put(r);
    char *doc = tu_path(in, "document.doc"), *sha = tu_sha256_file(doc);
    char *kept = g_strdup_printf("%s/items/%.2s/%s.converted.pdf", data, sha, sha);
    size_t len = 0;
    char *bytes = tu_read(kept, &len);
    ck_assert_msg(bytes && len > 5 && memcmp(bytes, "%PDF-", 5) == 0, "no %s", kept);
    free(bytes);
    g_free(kept);

    /* LibreOffice over its time limit: killed, the item failed with the
     * reason, and the service goes on with the next file */
    char *data2 = tu_path(dir, "data2"), *normal = tu_path(dir, "normal.txt");
    tu_write(normal, "an ordinary file afterwards normalword\n", 39);
    setenv("DOKAZ_CONVERT_TIMEOUT", "1", 1);
    const char *paths2[] = {doc, normal, NULL};
    ck_assert_int_eq(ingest(data2, NULL, paths2), 1);
    unsetenv("DOKAZ_CONVERT_TIMEOUT");
    json_object *slow = show_file(data2, in, "document.doc");
    expect(slow, "failed", NULL);
    ck_assert_str_eq(it_get_str(slow, "reason"),
                     "LibreOffice did not finish within the limit of 1 s: killed");
    json_object_put(slow);
    json_object *after = show_file(data2, dir, "normal.txt");
    expect(after, "done", "normalword");
    json_object_put(after);

    free(normal);
    free(data2);
    free(sha);
    free(doc);
    free(in);
    free(fx);
    free(data);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* main - run the suite */
int main(void)
{
    Suite *s = suite_create("integration-formats");
    TCase *tc = tcase_create("formats");
    tcase_set_timeout(tc, 600);
    tcase_add_test(tc, every_format);
    tcase_add_test(tc, hostile_files);
    tcase_add_test(tc, legacy_office);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
