/*
 * test_extract_text.c - plain text files (extract/text.c) and the registry
 * (extract/registry.c): choosing by bid, unsupported types, sink failures.
 */
#include "extract/extract.h"
#include "extract/identify.h"

#include "ocr_sink.h"
#include "testutil.h"

#include <check.h>
#include <glib.h>
#include <stdlib.h>
#include <string.h>

/* run_text - extract `len` bytes typed `mime` */
static extract_status run_text(const char *mime, const void *data, size_t len, collected *c,
                               char **reason)
{
    extract_env env = {.ocr = NULL, .pdf_render_dpi = 300};
    extract_input in = {.path = "/nowhere", .data = data, .size = len, .mime = mime};
    extract_sink sink = {.page = collect, .ctx = c};
    return extract_run(&env, &in, &sink, reason);
}

START_TEST(test_utf8_one_page)
{
    const char *text = "Приговор суда по делу № 1-234/2023\nПаведамленне пракурора, г. Мінск\n";
    collected c = {0};
    char *reason = NULL;
    ck_assert_int_eq(run_text("text/plain", text, strlen(text), &c, &reason), EXTRACT_DONE);
    ck_assert_ptr_null(reason);
    ck_assert_int_eq(c.count, 1);
    ck_assert_int_eq(c.numbers[0], 1);
    ck_assert_int_eq(c.sources[0], PAGE_SOURCE_PLAIN);
    ck_assert(c.confidence[0] < 0);
    ck_assert_str_eq(c.texts[0], text);
    collected_free(&c);
}
END_TEST

START_TEST(test_empty_file)
{
    collected c = {0};
    char *reason = NULL;
    ck_assert_int_eq(run_text("application/x-empty", NULL, 0, &c, &reason), EXTRACT_DONE);
    ck_assert_int_eq(c.count, 0);
    ck_assert_ptr_null(reason);
    /* an empty file of whatever claimed type still yields zero pages */
    ck_assert_int_eq(run_text("text/plain", "", 0, &c, &reason), EXTRACT_DONE);
    ck_assert_int_eq(c.count, 0);
}
END_TEST

START_TEST(test_bom_only)
{
    collected c = {0};
    char *reason = NULL;
    ck_assert_int_eq(run_text("text/plain", "\xEF\xBB\xBF", 3, &c, &reason), EXTRACT_DONE);
    ck_assert_int_eq(c.count, 0);
}
END_TEST

START_TEST(test_utf8_bom_stripped)
{
    const char *text = "\xEF\xBB\xBFСуд Ленинского района";
    collected c = {0};
    char *reason = NULL;
    ck_assert_int_eq(run_text("text/plain", text, strlen(text), &c, &reason), EXTRACT_DONE);
    ck_assert_int_eq(c.count, 1);
    ck_assert_str_eq(c.texts[0], "Суд Ленинского района");
    collected_free(&c);
}
END_TEST

START_TEST(test_windows_1251)
{
    /* "Приговор суда" in windows-1251, as old Word exports are */
    const unsigned char cp1251[] = {0xCF, 0xF0, 0xE8, 0xE3, 0xEE, 0xE2, 0xEE,
                                    0xF0, 0x20, 0xF1, 0xF3, 0xE4, 0xE0, 0x0A};
    collected c = {0};
    char *reason = NULL;
    ck_assert_int_eq(run_text("text/plain", cp1251, sizeof cp1251, &c, &reason), EXTRACT_DONE);
    ck_assert_int_eq(c.count, 1);
    ck_assert_str_eq(c.texts[0], "Приговор суда\n");
    collected_free(&c);
}
END_TEST

START_TEST(test_windows_1251_belarusian_and_undefined_byte)
{
    /* "Мінск ў" in cp1251 (і = 0xB3, ў = 0xA2) plus 0x98, undefined in cp1251 */
    const unsigned char cp1251[] = {0xCC, 0xB3, 0xED, 0xF1, 0xEA, 0x20, 0xA2, 0x98, 0x21};
    collected c = {0};
    char *reason = NULL;
    ck_assert_int_eq(run_text("text/plain", cp1251, sizeof cp1251, &c, &reason), EXTRACT_DONE);
    ck_assert_int_eq(c.count, 1);
    ck_assert_str_eq(c.texts[0], "Мінск ў\xEF\xBF\xBD!");
    collected_free(&c);
}
END_TEST

START_TEST(test_utf16le_bom)
{
    /* "Суд" in UTF-16LE with a byte-order mark */
    const unsigned char u16[] = {0xFF, 0xFE, 0x21, 0x04, 0x43, 0x04, 0x34, 0x04};
    collected c = {0};
    char *reason = NULL;
    ck_assert_int_eq(run_text("text/plain", u16, sizeof u16, &c, &reason), EXTRACT_DONE);
    ck_assert_int_eq(c.count, 1);
    ck_assert_str_eq(c.texts[0], "Суд");
    collected_free(&c);
}
END_TEST

START_TEST(test_utf16be_bom)
{
    const unsigned char u16[] = {0xFE, 0xFF, 0x04, 0x21, 0x04, 0x43, 0x04, 0x34};
    collected c = {0};
    char *reason = NULL;
    ck_assert_int_eq(run_text("text/plain", u16, sizeof u16, &c, &reason), EXTRACT_DONE);
    ck_assert_str_eq(c.texts[0], "Суд");
    collected_free(&c);
}
END_TEST

START_TEST(test_utf16le_without_bom)
{
    const unsigned char u16[] = {'A', 0, 'B', 0, 0x21, 0x04, 0x43, 0x04, 0x34, 0x04, '1', 0};
    collected c = {0};
    char *reason = NULL;
    ck_assert_int_eq(run_text("text/plain", u16, sizeof u16, &c, &reason), EXTRACT_DONE);
    ck_assert_str_eq(c.texts[0], "ABСуд1");
    collected_free(&c);
}
END_TEST

START_TEST(test_utf16_cyrillic_without_bom)
{
    /* "Суд Ленинского района" as UTF-16LE and UTF-16BE, no byte-order mark */
    const char *want = "Суд Ленинского района";
    gsize n = 0;
    gchar *le = g_convert(want, -1, "UTF-16LE", "UTF-8", NULL, &n, NULL);
    ck_assert_ptr_nonnull(le);
    collected c = {0};
    char *reason = NULL;
    ck_assert_int_eq(run_text("text/plain", le, n, &c, &reason), EXTRACT_DONE);
    ck_assert_str_eq(c.texts[0], want);
    collected_free(&c);
    g_free(le);
    gchar *be = g_convert(want, -1, "UTF-16BE", "UTF-8", NULL, &n, NULL);
    ck_assert_int_eq(run_text("text/plain", be, n, &c, &reason), EXTRACT_DONE);
    ck_assert_str_eq(c.texts[0], want);
    collected_free(&c);
    g_free(be);
}
END_TEST

START_TEST(test_damaged_utf8_is_lossy)
{
    /* mostly UTF-8, one stray byte: kept as UTF-8 with a replacement char,
     * not reinterpreted as cp1251 */
    const char *text = "Приговор \xFF суда по делу";
    collected c = {0};
    char *reason = NULL;
    ck_assert_int_eq(run_text("text/plain", text, strlen(text), &c, &reason), EXTRACT_DONE);
    ck_assert_str_eq(c.texts[0], "Приговор \xEF\xBF\xBD суда по делу");
    collected_free(&c);
}
END_TEST

START_TEST(test_truncated_utf8)
{
    /* cut in the middle of "д" (D0 B4) */
    const char text[] = "Суд\xD0";
    collected c = {0};
    char *reason = NULL;
    ck_assert_int_eq(run_text("text/plain", text, sizeof text - 1, &c, &reason), EXTRACT_DONE);
    ck_assert_str_eq(c.texts[0], "Суд\xEF\xBF\xBD");
    collected_free(&c);
}
END_TEST

START_TEST(test_nul_does_not_truncate)
{
    const char text[] = "before\0after";
    collected c = {0};
    char *reason = NULL;
    ck_assert_int_eq(run_text("text/plain", text, sizeof text - 1, &c, &reason), EXTRACT_DONE);
    ck_assert_str_eq(c.texts[0], "before\xEF\xBF\xBD"
                                 "after");
    collected_free(&c);
}
END_TEST

START_TEST(test_sink_refuses)
{
    collected c = {.stop_at = 1};
    char *reason = NULL;
    ck_assert_int_eq(run_text("text/plain", "abc", 3, &c, &reason), EXTRACT_FAILED);
    ck_assert_ptr_nonnull(reason);
    ck_assert_str_eq(reason, "index is full");
    ck_assert_int_eq(c.count, 0);
    free(reason);
}
END_TEST

START_TEST(test_unsupported)
{
    collected c = {0};
    char *reason = NULL;
    ck_assert_int_eq(run_text("application/x-dosexec", "MZ\x90\x00\x03", 5, &c, &reason),
                     EXTRACT_UNSUPPORTED);
    ck_assert_str_eq(reason, "unsupported type application/x-dosexec");
    ck_assert_int_eq(c.count, 0);
    /* a previous reason is replaced, not leaked */
    ck_assert_int_eq(run_text("application/x-sharedlib",
                              "\x7f"
                              "ELF",
                              4, &c, &reason),
                     EXTRACT_UNSUPPORTED);
    ck_assert_str_eq(reason, "unsupported type application/x-sharedlib");
    free(reason);
}
END_TEST

START_TEST(test_choose)
{
    extract_input in = {.data = (const unsigned char *)"x", .size = 1, .mime = "text/plain"};
    const extractor *x = extract_choose(&in);
    ck_assert_ptr_nonnull(x);
    ck_assert_str_eq(x->name, "text");
    in.mime = "text/csv";
    ck_assert_str_eq(extract_choose(&in)->name, "text");
    in.mime = "application/x-executable";
    ck_assert_ptr_null(extract_choose(&in));
    ck_assert_ptr_null(extract_choose(NULL));
    /* the type decides, and it comes from libmagic, which already looked at
     * the content: bytes libmagic called text stay text */
    in.data = (const unsigned char *)"%PDF-1.4";
    in.size = 8;
    in.mime = "text/plain";
    ck_assert_str_eq(extract_choose(&in)->name, "text");
    in.mime = "application/pdf";
    ck_assert_str_eq(extract_choose(&in)->name, "pdf");
}
END_TEST

START_TEST(test_page_source_names)
{
    ck_assert_str_eq(page_source_name(PAGE_SOURCE_PLAIN), "plain");
    ck_assert_str_eq(page_source_name(PAGE_SOURCE_TEXT_LAYER), "text-layer");
    ck_assert_str_eq(page_source_name(PAGE_SOURCE_OCR), "ocr");
}
END_TEST

START_TEST(test_identify_then_extract)
{
    /* the pipeline's order: type from content, then the extractor for it;
     * text libmagic names application/... is read as text too */
    static const struct {
        const char *text, *mime;
    } texts[] = {
        {"Постановление о розыске обвиняемого\n", "text/plain"},
        {"# Hearing notes\n\n```js\nconst fs = require(\"fs\");\nmodule.exports = function () "
         "{};\n```\nThe hearing was postponed.\n",
         "application/javascript"},
        {"1\n00:00:01,000 --> 00:00:04,000\nThe witness said he saw the arrest.\n\n2\n"
         "00:00:05,000 --> 00:00:07,000\nNothing more.\n",
         "application/x-subrip"},
    };
    char *err = NULL;
    identify *idf = identify_open(&err);
    ck_assert_msg(idf != NULL, "%s", err);
    for (size_t i = 0; i < sizeof texts / sizeof *texts; i++) {
        const char *text = texts[i].text;
        char *mime = identify_buffer(idf, text, strlen(text));
        ck_assert_str_eq(mime, texts[i].mime);
        collected c = {0};
        char *reason = NULL;
        ck_assert_int_eq(run_text(mime, text, strlen(text), &c, &reason), EXTRACT_DONE);
        ck_assert_int_eq(c.count, 1);
        ck_assert_str_eq(c.texts[0], text);
        collected_free(&c);
        free(mime);
    }
    identify_close(idf);
}
END_TEST

START_TEST(test_no_sink_or_input)
{
    char *reason = NULL;
    extract_input in = {.data = NULL, .size = 10, .mime = "text/plain"};
    collected c = {0};
    extract_sink sink = {.page = collect, .ctx = &c};
    ck_assert_int_eq(extract_run(NULL, &in, &sink, &reason), EXTRACT_FAILED);
    ck_assert_ptr_nonnull(reason);
    in.data = (const unsigned char *)"0123456789";
    ck_assert_int_eq(extract_run(NULL, &in, NULL, &reason), EXTRACT_FAILED);
    ck_assert_ptr_nonnull(reason);
    /* NULL env means defaults */
    ck_assert_int_eq(extract_run(NULL, &in, &sink, &reason), EXTRACT_DONE);
    ck_assert_ptr_null(reason);
    ck_assert_int_eq(c.count, 1);
    collected_free(&c);
}
END_TEST

static Suite *text_suite(void)
{
    Suite *s = suite_create("extract_text");
    TCase *tc = tcase_create("text");
    tcase_add_test(tc, test_utf8_one_page);
    tcase_add_test(tc, test_empty_file);
    tcase_add_test(tc, test_bom_only);
    tcase_add_test(tc, test_utf8_bom_stripped);
    tcase_add_test(tc, test_windows_1251);
    tcase_add_test(tc, test_windows_1251_belarusian_and_undefined_byte);
    tcase_add_test(tc, test_utf16le_bom);
    tcase_add_test(tc, test_utf16be_bom);
    tcase_add_test(tc, test_utf16le_without_bom);
    tcase_add_test(tc, test_utf16_cyrillic_without_bom);
    tcase_add_test(tc, test_damaged_utf8_is_lossy);
    tcase_add_test(tc, test_truncated_utf8);
    tcase_add_test(tc, test_nul_does_not_truncate);
    suite_add_tcase(s, tc);

    TCase *reg = tcase_create("registry");
    tcase_add_test(reg, test_sink_refuses);
    tcase_add_test(reg, test_unsupported);
    tcase_add_test(reg, test_choose);
    tcase_add_test(reg, test_page_source_names);
    tcase_add_test(reg, test_identify_then_extract);
    tcase_add_test(reg, test_no_sink_or_input);
    suite_add_tcase(s, reg);
    return s;
}

int main(void)
{
    SRunner *sr = srunner_create(text_suite());
    srunner_run_all(sr, CK_NORMAL);
    int failed = srunner_ntests_failed(sr);
    srunner_free(sr);
    return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}
