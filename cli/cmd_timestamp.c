/*
 * cmd_timestamp.c - `dokaz timestamp`: anchor the audit log in time with an
 * RFC 3161 time-stamping authority, offline by design.
 *
 * Functions: cmd_timestamp.
 */
#include "cli.h"
#include "custody/custody.h"

#include <getopt.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static const char usage[] =
    "Usage: dokaz timestamp request [--data DIR] OUT.tsq\n"
    "       dokaz timestamp import [--data DIR] [--ca CAFILE] FILE.tsr\n"
    "\n"
    "request  write an RFC 3161 time-stamp request over the audit log's current\n"
    "         head hash to OUT.tsq. Send it to any time-stamping authority from a\n"
    "         connected machine (e.g. curl -H 'Content-Type: application/timestamp-query'\n"
    "         --data-binary @OUT.tsq URL > FILE.tsr); dokaz never needs the network.\n"
    "import   check the authority's reply against the request and its signature,\n"
    "         and keep it. With --ca, the signer's certificate chain is checked up\n"
    "         to the CA certificates in CAFILE (PEM); without, the signature is\n"
    "         checked against the certificates the token carries, so it shows the\n"
    "         token is unchanged but not that a trusted authority signed it.\n"
    "         `dokaz verify` checks every kept token again and that the log still\n"
    "         holds the line it stamps.\n"
    "\n"
    "Options:\n"
    "  --data DIR   data directory (default: $DOKAZ_DATA, else ./dokaz-data)\n"
    "  --ca FILE    the authority's CA certificates (import)\n"
    "  --help       this help\n";

enum { OPT_T_DATA = 1, OPT_T_CA, OPT_T_HELP };

/* cmd_timestamp - parse, request or import */
int cmd_timestamp(int argc, char **argv)
{
    static const struct option options[] = {
        {"data", required_argument, NULL, OPT_T_DATA},
        {"ca", required_argument, NULL, OPT_T_CA},
        {"help", no_argument, NULL, OPT_T_HELP},
        {NULL, 0, NULL, 0},
    };
    const char *data_option = NULL, *ca = NULL;
    int opt;
    while ((opt = getopt_long(argc, argv, "", options, NULL)) != -1) {
        if (opt == OPT_T_HELP) {
            fputs(usage, stdout);
            return EXIT_OK;
        } else if (opt == OPT_T_DATA) {
            data_option = optarg;
        } else if (opt == OPT_T_CA) {
            ca = optarg;
        } else {
            return cli_usage_error("timestamp", "unknown option");
        }
    }
    if (optind != argc - 2 ||
        (strcmp(argv[optind], "request") != 0 && strcmp(argv[optind], "import") != 0))
        return cli_usage_error("timestamp", "give 'request OUT.tsq' or 'import FILE.tsr'");
    int request = strcmp(argv[optind], "request") == 0;
    if (request && ca)
        return cli_usage_error("timestamp", "--ca is an option of import");
    char *data_dir = cli_data_dir(data_option), *err = NULL, head[65];
    int rc = request ? custody_ts_request(data_dir, argv[optind + 1], head, &err)
                     : custody_ts_import(data_dir, argv[optind + 1], ca, head, &err);
    if (rc == 0 && request)
        printf("request over audit head %s written to %s\n", head, argv[optind + 1]);
    else if (rc == 0)
        printf("token for audit head %s checked and kept; %s\n", head,
               ca ? "its signature and certificate chain up to the CA given are valid"
                  : "its signature is valid for the certificate it carries, but that signer "
                    "is not checked against a trusted CA (give --ca CAFILE)");
    else
        fprintf(stderr, "dokaz timestamp: %s\n", err);
    free(err);
    free(data_dir);
    return rc == 0 ? EXIT_OK : EXIT_FAILED;
}
