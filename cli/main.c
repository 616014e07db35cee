/*
 * main.c - the `dokaz` command: dispatch to a subcommand, and the overview help.
 *
 * Built twice (cli/meson.build): as dokaz-full with every command, and, with
 * DOKAZ_LIGHT, as the light dokaz with search, batch, status and show, which
 * hands every other command to dokaz-full (run_full).
 */
#include "cli.h"
#include "common/log.h"

#include <errno.h>
#include <libgen.h>
#include <limits.h>
#include <malloc.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#ifdef DOKAZ_LIGHT
#define FULL(cmd) NULL /* not linked here: run_full */
#else
#define FULL(cmd) cmd
#endif

static const char overview[] =
    "dokaz - keeps, reads and indexes documents about persecuted people, so that\n"
    "every document about a person can be found in seconds.\n"
    "\n"
    "Usage: dokaz COMMAND [OPTIONS] [ARGS]\n"
    "\n"
    "Commands:\n"
    "  watch   [INBOX...]   run the service: receive every file put into the inboxes\n"
    "                       (default DATA/inbox), store it, read it (OCR), index it\n"
    "  ingest  PATH...      receive files or folders once and wait until they are searchable\n"
    "  search  QUERY        find documents; one hit per file with its best page\n"
    "  batch   NAMES.txt    search every line of a list of names (or queries); --csv OUT\n"
    "  show    SHA256       an item's record: where it came from, its type, its pages' text\n"
    "  status               what is queued, being processed, done and failed (with reasons)\n"
    "  retry   SHA256...|--failed  process failed items again\n"
    "  reindex              rebuild the index from the stored records (no OCR)\n"
    "  index   compact      rewrite the index compactly (what xapian-compact does)\n"
    "  serve                the web interface and JSON API (http://127.0.0.1:8080/)\n"
    "  export-pdf SHA256 OUT.pdf  an item's searchable PDF (page images + OCR text)\n"
    "  user    add|passwd|disable|list   the accounts of the web interface and API\n"
    "  user    grant|revoke NAME COLL... the collections a user may see\n"
    "  token   add|revoke|list           API tokens for scripts\n"
    "  verify               re-hash every original, check the audit chain and that the\n"
    "                       store, queue, records and index agree; exit 1 on a problem\n"
    "  custody SHA256       an item's chain of custody: every event, in order\n"
    "  export --out DIR (--query Q | SHA256...)  a package to hand over, with its\n"
    "                       SHA256SUMS, manifest and custody records (--zip, --sign KEY)\n"
    "  timestamp request OUT.tsq | import FILE.tsr  anchor the audit log in time (RFC 3161)\n"
    "  access-log [--user U] [--item SHA] [--since DATE]  who saw what on the web\n"
    "  config  check                     check /etc/dokaz/dokaz.conf and DATA/dokaz.conf\n"
    "\n"
    "Every command takes --data DIR: the data directory holding the evidence store,\n"
    "the queue and the index (default: $DOKAZ_DATA, else ./dokaz-data).\n"
    "'dokaz COMMAND --help' explains a command.\n"
    "\n"
    "Originals are stored byte for byte under DATA/evidence and never modified.\n";

#ifdef DOKAZ_LIGHT
/* run_full - become dokaz-full with the same arguments: the one beside this
 * program (the build tree), else the installed one (DOKAZ_FULL); returns
 * only when neither can be run */
static int run_full(char **argv)
{
    char self[PATH_MAX], beside[PATH_MAX + 16];
    ssize_t n = readlink("/proc/self/exe", self, sizeof self - 1);
    if (n > 0) {
        self[n] = '\0';
        snprintf(beside, sizeof beside, "%s/dokaz-full", dirname(self));
        if (access(beside, X_OK) == 0)
            execv(beside, argv);
    }
    execv(DOKAZ_FULL, argv);
    fprintf(stderr, "dokaz %s: cannot run %s: %s\n", argv[1], DOKAZ_FULL, strerror(errno));
    return EXIT_FAILED;
}
#endif

/* The heap a process keeps when memory is freed, instead of handing it back
 * to the kernel at once. With glibc's default (128 KiB) the ingest's
 * supervisor shrank and grew its heap for every item, and each shrink
 * flushed every core's TLB: 8% of a 3,000-file ingest's CPU in brk and 3% in
 * page faults (bench/index/run, perf). Setting it also fixes glibc's mmap
 * threshold at 128 KiB, which served a few blocks a file from mappings of
 * their own (3,643-4,031 munmap for 1,000 files, against 1,015): blocks of up to
 * 4 MiB come from the heap instead. */
#define KEEP_FREED_BYTES (8 << 20)
#define HEAP_BLOCK_MAX (4 << 20)

/* keep_freed_memory - set the two limits above (best effort: a malloc that
 * does not know them, as under a sanitizer, keeps its own) */
static void keep_freed_memory(void)
{
    (void)mallopt(M_TRIM_THRESHOLD, KEEP_FREED_BYTES);
    (void)mallopt(M_MMAP_THRESHOLD, HEAP_BLOCK_MAX);
}

/* main - pick the subcommand */
int main(int argc, char **argv)
{
    static const struct {
        const char *name;
        int (*run)(int, char **);
    } commands[] = {
        {"watch", FULL(cmd_watch)},
        {"ingest", FULL(cmd_ingest)},
        {"search", cmd_search},
        {"batch", cmd_batch},
        {"show", cmd_show},
        {"status", cmd_status},
        {"worker", FULL(cmd_worker)},
        {"serve", FULL(cmd_serve)},
        {"export-pdf", FULL(cmd_export_pdf)},
        {"verify", FULL(cmd_verify)},
        {"custody", FULL(cmd_custody)},
        {"export", FULL(cmd_export)},
        {"timestamp", FULL(cmd_timestamp)},
        {"user", FULL(cmd_user)},
        {"token", FULL(cmd_token)},
        {"retry", FULL(cmd_retry)},
        {"reindex", FULL(cmd_reindex)},
        {"access-log", FULL(cmd_access_log)},
        {"config", FULL(cmd_config)},
        {"persons", FULL(cmd_persons)},
        {"person", FULL(cmd_person)},
        {"index", FULL(cmd_index)},
    };
    keep_freed_memory();
    if (argc < 2) {
        fputs(overview, stderr);
        return EXIT_USAGE;
    }
    if (strcmp(argv[1], "--help") == 0 || strcmp(argv[1], "-h") == 0 ||
        strcmp(argv[1], "help") == 0) {
        fputs(overview, stdout);
        return EXIT_OK;
    }
    if (strcmp(argv[1], "--version") == 0) {
        puts("dokaz " DOKAZ_VERSION);
        return EXIT_OK;
    }
    for (size_t i = 0; i < sizeof commands / sizeof *commands; i++)
        if (strcmp(argv[1], commands[i].name) == 0) {
#ifdef DOKAZ_LIGHT
            if (commands[i].run == NULL)
                return run_full(argv);
#endif
            log_setup(commands[i].name, LOG_INFO);
            return commands[i].run(argc - 1, argv + 1);
        }
    fprintf(stderr, "dokaz: unknown command '%s'\nTry 'dokaz --help'.\n", argv[1]);
    return EXIT_USAGE;
}
