/*
 * cmd_export_pdf.c - `dokaz export-pdf`: write an item's searchable PDF.
 *
 * The searchable PDF is made while the item's scanned pages are OCRed (see
 * ocr/document.c): the page images with the recognised text laid invisibly
 * over them, so that a PDF viewer can search and copy it. It lives in
 * DATA/cache; this command copies it out. The original stays as received.
 *
 * Functions: cmd_export_pdf.
 */
#include "cli.h"
#include "common/error.h"
#include "common/fsutil.h"
#include "record/record.h"
#include "ocr/ocr.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>

static const char usage[] =
    "Usage: dokaz export-pdf [OPTIONS] SHA256 OUT.pdf\n"
    "\n"
    "Write the searchable PDF of an item (a scan, a photo, a scanned PDF) to\n"
    "OUT.pdf: its page images, upright, with the OCR text as an invisible layer\n"
    "that PDF viewers search and copy. Only pages that were OCRed are in it.\n"
    "A unique prefix of the SHA-256 (at least 4 digits) is enough. The stored\n"
    "original is never changed.\n"
    "\n"
    "Options:\n"
    "  --data DIR   data directory (default: $DOKAZ_DATA, else ./dokaz-data)\n"
    "  --help       this help\n";

/* cmd_export_pdf - resolve, find the PDF, copy it */
int cmd_export_pdf(int argc, char **argv)
{
    const char *data_option = NULL;
    int json = 0;
    int code = cli_simple_options("export-pdf", usage, argc, argv, &data_option, &json);
    if (code >= 0)
        return code;
    if (json)
        return cli_usage_error("export-pdf", "--json is not an option of export-pdf");
    if (optind != argc - 2)
        return cli_usage_error("export-pdf", "give an item's SHA-256 and the output file");
    char *data_dir = cli_data_dir(data_option);
    char *err = NULL, *pdf = NULL, *bytes = NULL;
    size_t len = 0;
    char *sha = item_resolve(data_dir, argv[optind], &err);
    if (sha != NULL && (pdf = ocr_searchable_pdf(data_dir, sha)) == NULL)
        dk_fail(&err,
                "item %.12s has no searchable PDF: it has no OCRed pages, or it "
                "is not read yet",
                sha);
    code = EXIT_FAILED;
    if (pdf != NULL && fs_read_all(pdf, &bytes, &len, &err) == 0 &&
        fs_write_atomic(argv[optind + 1], bytes, len, &err) == 0)
        code = EXIT_OK;
    if (code != EXIT_OK)
        fprintf(stderr, "dokaz export-pdf: %s\n", err ? err : "failed");
    free(err);
    free(bytes);
    free(pdf);
    free(sha);
    free(data_dir);
    return code;
}
