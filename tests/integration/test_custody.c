/*
 * test_custody.c - the real `dokaz verify`, `custody` and `export`: a clean
 * data directory verifies clean; each kind of tampering (a byte of an
 * original, an edited, deleted or reordered audit line, the log's tail cut,
 * an index table deleted, a result record removed, a reception or result
 * record edited) is reported as exactly that problem with exit 1; an export
 * package passes `sha256sum -c` and fails it after a byte changes, its
 * signature passes `gpg --verify` with a key made here, and the export is in
 * the audit log and in `custody`; a time-stamp token from a tiny TSA made
 * with openssl is checked at import and by verify, which notices a log cut
 * back before the line it stamps; an OCRed item's custody says how it was
 * read (tesseract version, model hashes, settings), and an item's custody
 * has the verifications after its reception.
 */
#include "itest.h"
#include "testutil.h"

#include <check.h>
#include <glib.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* sh - run a shell command, returning its exit status; stdout into *out if out */
static int sh(const char *cmd, char **out)
{
    char *const argv[] = {"/bin/sh", "-c", (char *)cmd, NULL};
    char *got = NULL;
    int status = tu_run(argv, &got);
    if (out)
        *out = got;
    else
        free(got);
    return status;
}

/* ingest - `dokaz ingest --data DATA PATH`, expecting success */
static void ingest(const char *data, const char *path)
{
    const char *args[] = {getenv("DOKAZ_BIN"), "ingest", "--data", data, path, NULL};
    char *out = NULL;
    ck_assert_msg(tu_run((char *const *)args, &out) == 0, "ingest %s: %s", path, out);
    free(out);
}

/* text_file - a small text file with a word of its own */
static char *text_file(const char *dir, const char *name, const char *word)
{
    char *path = tu_path(dir, name);
    char *text = g_strdup_printf("Приговор по делу, слово %s, обвиняемый Иванов.\n", word);
    tu_write(path, text, strlen(text));
    g_free(text);
    return path;
}

/* verify - `dokaz verify --json` on data with the exit status expected */
static json_object *verify(const char *data, int expect)
{
    const char *args[] = {"verify", "--data", data, "--json", NULL};
    return it_dokaz_json(expect, args);
}

/* pristine - a data directory with three items: two ingested, verified
 * (a "verified" line in the middle of the log), then a third */
static char *pristine(const char *dir)
{
    char *data = tu_path(dir, "clean"), *in = tu_path(dir, "in");
    ck_assert_int_eq(mkdir(in, 0755), 0);
    const char *words[] = {"альфа", "бета", "гамма"};
    char *paths[3];
    for (int i = 0; i < 3; i++) {
        char name[32];
        snprintf(name, sizeof name, "doc%d.txt", i);
        paths[i] = text_file(in, name, words[i]);
    }
    ingest(data, paths[0]);
    ingest(data, paths[1]);
    json_object_put(verify(data, 0));
    ingest(data, paths[2]);
    json_object *v = verify(data, 0);
    json_object *summary = json_object_object_get(v, "summary");
    ck_assert_int_eq(it_get_int(summary, "originals"), 3);
    ck_assert_int_eq(it_get_int(summary, "rehashed"), 3);
    ck_assert_int_eq(it_get_int(summary, "problems"), 0);
    ck_assert_int_eq(it_get_int(summary, "index_items"), 3);
    json_object_put(v);
    /* status shows the last verification */
    const char *status[] = {"status", "--data", data, "--json", NULL};
    json_object *st = it_dokaz_json(0, status);
    json_object *last = json_object_object_get(st, "last_verification");
    ck_assert_msg(last != NULL, "no last_verification in status");
    ck_assert_int_eq(it_get_int(last, "problems"), 0);
    ck_assert_msg(strstr(it_get_str(last, "summary"), "verified 3 originals") != NULL, "%s",
                  it_get_str(last, "summary"));
    json_object_put(st);
    for (int i = 0; i < 3; i++)
        free(paths[i]);
    free(in);
    return data;
}

/* tampered - a copy of clean, changed by a shell command run inside it */
static char *tampered(const char *dir, const char *clean, const char *name, const char *change)
{
    char *copy = tu_path(dir, name);
    char *cmd = g_strdup_printf("cp -a '%s' '%s' && cd '%s' && %s", clean, copy, copy, change);
    char *out = NULL;
    ck_assert_msg(sh(cmd, &out) == 0, "%s: %s", change, out);
    free(out);
    g_free(cmd);
    return copy;
}

/* expect_problems - verify exits 1 with exactly n problems, each in `file`
 * (a prefix) and saying `what` */
static void expect_problems(const char *data, size_t n, const char *file, const char *what)
{
    json_object *v = verify(data, 1);
    json_object *problems = json_object_object_get(v, "problems");
    ck_assert_msg(json_object_array_length(problems) == n, "expected %zu problems: %s", n,
                  json_object_to_json_string(problems));
    for (size_t i = 0; i < n; i++) {
        json_object *p = json_object_array_get_idx(problems, i);
        ck_assert_msg(strncmp(it_get_str(p, "file"), file, strlen(file)) == 0 &&
                          strstr(it_get_str(p, "what"), what) != NULL,
                      "expected %s: %s in %s", file, what, json_object_to_json_string(p));
    }
    json_object_put(v);
}

START_TEST(verify_reports_each_tampering)
{
    char *dir = tu_tempdir("itest-custody");
    char *clean = pristine(dir);
    struct {
        const char *name, *change, *file, *what;
        size_t n;
    } cases[] = {
        {"byte",
         "f=$(ls evidence/*/* | head -n 1); chmod u+w $f; "
         "printf X | dd of=$f bs=1 seek=5 conv=notrunc 2>/dev/null",
         "evidence/", "content hash is", 1},
        /* line 1 is the first reception: its path changes, its link stays */
        {"edit", "sed -i '1s/doc0/docX/' audit.log", "audit.log", "chain broken at line 2", 1},
        /* the first "verified" line, between the second and third item */
        {"delete",
         "n=$(grep -n '\"event\":\"verified\"' audit.log | head -n 1 | cut -d: -f1); "
         "sed -i \"${n}d\" audit.log",
         "audit.log", "chain broken at line", 1},
        {"reorder", "sed -i '2{h;d};3{G}' audit.log", "audit.log", "chain broken at line", 3},
        {"index", "rm index/termlist.glass", "index", "termlist", 1},
        {"result", "rm $(ls items/*/*.result.json.gz | head -n 1)", "items/", "missing", 1},
        {"reception", "f=$(ls items/*/receptions-*.jsonl | head -n 1); sed -i '1s/doc/dok/' $f",
         "items/", "the record was changed", 1},
        /* a reception nobody received, added to an item's lines */
        {"reception-forged",
         "f=$(ls items/*/receptions-*.jsonl | head -n 1); head -n 1 $f | "
         "sed 's/\"path\":\"[^\"]*\"/\"path\":\"\\/forged\"/' >> $f",
         "items/", "the record was changed", 1},
        {"result-edit",
         "f=$(ls items/*/*.result.json.gz | head -n 1); "
         "zcat $f | sed 's/Иванов/Петров/' | gzip > $f.new && mv $f.new $f",
         "items/", "the record was changed", 1},
        /* the same JSON, but not the bytes the log bound */
        {"result-unpacked",
         "f=$(ls items/*/*.result.json.gz | head -n 1); zcat $f > ${f%.gz} && rm $f", "items/",
         "the record was changed", 1},
    };
    for (size_t i = 0; i < sizeof cases / sizeof *cases; i++) {
        char *data = tampered(dir, clean, cases[i].name, cases[i].change);
        expect_problems(data, cases[i].n, cases[i].file, cases[i].what);
        free(data);
    }

    /* the log's tail cut (the last item's outcome, its "indexed" line and the
     * verification after them): the index's anchor is gone from the log, and
     * the item lacks its outcome */
    char *data =
        tampered(dir, clean, "truncated",
                 "n=$(wc -l < audit.log); head -n $((n - 3)) audit.log > a && mv a audit.log");
    json_object *v = verify(data, 1);
    const char *all = json_object_to_json_string(json_object_object_get(v, "problems"));
    ck_assert_msg(strstr(all, "the log was truncated or rewritten") != NULL, "%s", all);
    ck_assert_msg(strstr(all, "no outcome for it") != NULL, "%s", all);
    ck_assert_int_eq(json_object_array_length(json_object_object_get(v, "problems")), 2);
    json_object_put(v);
    free(data);

    free(clean);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* package_check - run `sha256sum -c` inside the package */
static int package_check(const char *pkg)
{
    char *cmd = g_strdup_printf("cd '%s' && sha256sum --quiet -c SHA256SUMS", pkg);
    int rc = sh(cmd, NULL);
    g_free(cmd);
    return rc;
}

START_TEST(export_package_checks_offline)
{
    char *dir = tu_tempdir("itest-export");
    char *clean = pristine(dir);
    char *gnupg = tu_path(dir, "gnupg"), *pkg = tu_path(dir, "package");
    ck_assert_int_eq(mkdir(gnupg, 0700), 0);
    setenv("GNUPGHOME", gnupg, 1);
    ck_assert_int_eq(sh("gpg --batch --passphrase '' --quick-gen-key "
                        "'Export Test <export@example.org>' ed25519 sign never 2>/dev/null",
                        NULL),
                     0);

    /* a name with control characters and a byte that is not UTF-8 */
    char *odd = text_file(dir, ".odd\tname\001\xff.txt", "дельта");
    ingest(clean, odd);
    free(odd);

    const char *args[] = {
        "export",
        "--data",
        clean,
        "--out",
        pkg,
        "--query",
        "гамма OR бета OR дельта",
        "--sign",
        "export@example.org",
        "--zip",
        "--json",
        NULL,
    };
    json_object *r = it_dokaz_json(0, args);
    ck_assert_int_eq(it_get_int(r, "items"), 3);
    char *sums = g_strdup(it_get_str(r, "sha256sums"));
    json_object_put(r);

    ck_assert_int_eq(package_check(pkg), 0);
    char *cmd = g_strdup_printf("cd '%s' && gpg --verify SHA256SUMS.asc SHA256SUMS 2>/dev/null",
                                pkg);
    ck_assert_int_eq(sh(cmd, NULL), 0);
    g_free(cmd);
    cmd = g_strdup_printf("cd '%s' && ls originals | wc -l && test -f README.txt && "
                          "test -f manifest.json && ls custody | wc -l && test -f '%s.zip'",
                          pkg, pkg);
    char *out = NULL;
    ck_assert_int_eq(sh(cmd, &out), 0);
    ck_assert_str_eq(out, "3\n6\n");
    free(out);
    g_free(cmd);

    /* names are safe, and the manifest is JSON whatever the names were */
    char *originals = tu_path(pkg, "originals"), *manifest = tu_path(pkg, "manifest.json");
    GDir *d = g_dir_open(originals, 0, NULL);
    const char *name;
    while ((name = g_dir_read_name(d)) != NULL) {
        ck_assert_msg(g_utf8_validate(name, -1, NULL) && name[13] != '.', "%s", name);
        for (const char *c = name; *c; c++)
            ck_assert_msg((unsigned char)*c >= 0x20, "control character in %s", name);
    }
    g_dir_close(d);
    json_object *m = json_object_from_file(manifest);
    ck_assert_msg(m != NULL, "manifest.json is not JSON");
    ck_assert_int_eq(json_object_array_length(json_object_object_get(m, "items")), 3);
    json_object_put(m);
    free(manifest);
    free(originals);

    /* the export is in the audit log and in each item's custody */
    cmd = g_strdup_printf("grep -c '\"event\":\"exported\"' '%s/audit.log'", clean);
    ck_assert_int_eq(sh(cmd, &out), 0);
    ck_assert_str_eq(out, "3\n");
    free(out);
    g_free(cmd);
    cmd = g_strdup_printf("ls '%s/originals' | head -n 1 | cut -c1-12", pkg);
    ck_assert_int_eq(sh(cmd, &out), 0);
    g_strstrip(out);
    const char *custody[] = {"custody", "--data", clean, "--json", out, NULL};
    json_object *c = it_dokaz_json(0, custody);
    json_object *events = json_object_object_get(c, "events");
    json_object *last = json_object_array_get_idx(events, json_object_array_length(events) - 1);
    ck_assert_str_eq(it_get_str(last, "event"), "exported");
    ck_assert_str_eq(it_get_str(last, "record_sha256"), sums);
    json_object_put(c);
    free(out);
    g_free(cmd);

    /* a changed byte fails the check */
    cmd = g_strdup_printf("f=$(ls '%s'/originals/* | head -n 1); chmod u+w \"$f\"; "
                          "printf Z | dd of=\"$f\" bs=1 seek=2 conv=notrunc 2>/dev/null",
                          pkg);
    ck_assert_int_eq(sh(cmd, NULL), 0);
    g_free(cmd);
    ck_assert_int_ne(package_check(pkg), 0);

    sh("gpgconf --kill gpg-agent", NULL);
    g_free(sums);
    free(gnupg);
    free(pkg);
    free(clean);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* The tiny time-stamping authority: a CA, a TSA certificate it signed for
 * time-stamping, and `openssl ts -reply`'s configuration. */
static const char tsa_setup[] =
    "set -e; cd tsa; echo 01 > serial; "
    "echo 'extendedKeyUsage=critical,timeStamping' > ext.cnf; "
    "printf '[ tsa ]\ndefault_tsa = t\n[ t ]\nserial = ./serial\nsigner_cert = ./tsa.crt\n"
    "certs = ./ca.crt\nsigner_key = ./tsa.key\nsigner_digest = sha256\n"
    "default_policy = 1.2.3.4.1\nother_policies = 1.2.3.4.5\ndigests = sha256\n"
    "accuracy = secs:1\ness_cert_id_alg = sha256\n' > tsa.cnf; "
    "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout ca.key "
    "-out ca.crt -subj /CN=TestCA -days 2 -addext basicConstraints=critical,CA:TRUE "
    "-addext keyUsage=critical,keyCertSign,cRLSign 2>/dev/null; "
    "openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout tsa.key "
    "-out tsa.csr -subj /CN=TestTSA 2>/dev/null; "
    "openssl x509 -req -in tsa.csr -CA ca.crt -CAkey ca.key -CAcreateserial -out tsa.crt "
    "-days 2 -extfile ext.cnf 2>/dev/null; "
    "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -keyout other.key "
    "-out other.crt -subj /CN=OtherCA -days 2 2>/dev/null";

/* dokaz_output - run dokaz with args, returning its exit status; its
 * standard output in *out (malloc'd) when out is not NULL */
static int dokaz_output(const char *const *args, char **out)
{
    const char *argv[16];
    int n = 0;
    argv[n++] = getenv("DOKAZ_BIN");
    for (; args[n - 1] && n < 15; n++)
        argv[n] = args[n - 1];
    argv[n] = NULL;
    char *got = NULL;
    int status = tu_run((char *const *)argv, &got);
    if (out)
        *out = got;
    else
        free(got);
    return status;
}

/* dokaz_status - run dokaz with args, returning its exit status */
static int dokaz_status(const char *const *args)
{
    return dokaz_output(args, NULL);
}

/* forge_time - a copy of the reply at `from` with one digit of the token's
 * genTime (a GeneralizedTime: tag 0x18, 15 to 19 bytes starting "20")
 * changed: the request still matches, the signature no longer does */
static void forge_time(const char *from, const char *to)
{
    size_t len = 0;
    unsigned char *der = (unsigned char *)tu_read(from, &len);
    size_t at = 0;
    for (size_t i = 0; at == 0 && i + 4 < len; i++)
        if (der[i] == 0x18 && der[i + 1] >= 15 && der[i + 1] <= 19 && der[i + 2] == '2' &&
            der[i + 3] == '0' && i + 2 + der[i + 1] <= len)
            at = i + 2 + 12; /* YYYYMMDDhhmm: the tens of the seconds */
    ck_assert_msg(at != 0, "no genTime in the reply");
    der[at] = der[at] == '0' ? '1' : '0';
    tu_write(to, der, len);
    free(der);
}

START_TEST(timestamp_anchors_the_log)
{
    char *dir = tu_tempdir("itest-tsa");
    char *clean = pristine(dir);
    char *cmd = g_strdup_printf("cd '%s' && mkdir tsa && %s", dir, tsa_setup);
    ck_assert_int_eq(sh(cmd, NULL), 0);
    g_free(cmd);
    char *tsq = tu_path(dir, "req.tsq"), *tsr = tu_path(dir, "reply.tsr");
    char *ca = tu_path(dir, "tsa/ca.crt"), *other = tu_path(dir, "tsa/other.crt");
    const char *request[] = {"timestamp", "request", "--data", clean, tsq, NULL};
    ck_assert_int_eq(dokaz_status(request), 0);
    cmd = g_strdup_printf("cd '%s/tsa' && openssl ts -reply -config tsa.cnf -queryfile '%s' "
                          "-out '%s' 2>/dev/null",
                          dir, tsq, tsr);
    ck_assert_int_eq(sh(cmd, NULL), 0);
    g_free(cmd);

    /* without --ca (in a copy of the data): a token changed after it was
     * signed is refused; the genuine one is kept, saying its signer was not
     * checked */
    char *forged = tu_path(dir, "forged.tsr");
    char *plain_data = tampered(dir, clean, "plain", "true");
    forge_time(tsr, forged);
    const char *forged_import[] = {"timestamp", "import", "--data", plain_data, forged, NULL};
    ck_assert_int_eq(dokaz_status(forged_import), 1);
    const char *plain[] = {"timestamp", "import", "--data", plain_data, tsr, NULL};
    char *said = NULL;
    ck_assert_int_eq(dokaz_output(plain, &said), 0);
    ck_assert_msg(strstr(said, "not checked against a trusted CA") != NULL, "%s", said);
    free(said);
    free(forged);
    json_object *plain_v = verify(plain_data, 0);
    ck_assert_int_eq(it_get_int(json_object_object_get(plain_v, "summary"), "tokens"), 1);
    json_object_put(plain_v);
    free(plain_data);

    /* a CA that did not sign it: refused; the right one: kept */
    const char *wrong[] = {"timestamp", "import", "--data", clean, "--ca", other, tsr, NULL};
    ck_assert_int_eq(dokaz_status(wrong), 1);
    const char *import[] = {"timestamp", "import", "--data", clean, "--ca", ca, tsr, NULL};
    ck_assert_int_eq(dokaz_status(import), 0);
    json_object *v = verify(clean, 0);
    ck_assert_int_eq(it_get_int(json_object_object_get(v, "summary"), "tokens"), 1);
    json_object_put(v);

    /* the log cut back before the stamped line: the token says so */
    char *data = tampered(dir, clean, "cut",
                          "n=$(wc -l < audit.log); head -n $((n - 3)) audit.log > a && "
                          "mv a audit.log");
    json_object *r = verify(data, 1);
    const char *all = json_object_to_json_string(json_object_object_get(r, "problems"));
    ck_assert_msg(strstr(all, ".tsr") != NULL && strstr(all, "no longer has") != NULL, "%s", all);
    json_object_put(r);
    free(data);
    free(tsq);
    free(tsr);
    free(ca);
    free(other);
    free(clean);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* event_at - the index of the first event `word` in `events`, or -1 */
static int event_at(json_object *events, const char *word)
{
    for (size_t i = 0; i < json_object_array_length(events); i++)
        if (strcmp(it_get_str(json_object_array_get_idx(events, i), "event"), word) == 0)
            return (int)i;
    return -1;
}

/* An OCRed picture's custody: received, identified (libmagic's type and the
 * extractor), read (the engine), processed, indexed (its one page), in that
 * order, in the JSON and in the text both. */
START_TEST(ocr_reading_is_in_custody)
{
    char *dir = tu_tempdir("itest-read");
    char *samples = tu_path(dir, "samples"), *data = tu_path(dir, "data");
    it_generate_samples(samples);
    char *png = tu_path(samples, "notice_be.png");
    ingest(data, png);
    char *sha = tu_sha256_file(png);
    const char *custody[] = {"custody", "--data", data, "--json", sha, NULL};
    json_object *c = it_dokaz_json(0, custody);
    json_object *events = json_object_object_get(c, "events");
    const char *all = json_object_to_json_string(events);
    int received = event_at(events, "received"), identified = event_at(events, "identified");
    int read = event_at(events, "read"), processed = event_at(events, "processed");
    int indexed = event_at(events, "indexed");
    ck_assert_msg(received >= 0 && received < identified && identified < read && read < processed &&
                      processed < indexed,
                  "events out of order: %s", all);
    const char *how = it_get_str(json_object_array_get_idx(events, (size_t)read), "how");
    ck_assert_msg(strstr(how, "tesseract ") == how && strstr(how, "bel.traineddata ") != NULL &&
                      strstr(how, "bel+rus+eng") != NULL,
                  "%s", how);
    json_object *id = json_object_array_get_idx(events, (size_t)identified);
    ck_assert_str_eq(it_get_str(id, "type"), "image/png");
    ck_assert_str_eq(it_get_str(id, "how"), "by libmagic; read by the image extractor");
    ck_assert_int_eq(it_get_int(json_object_array_get_idx(events, (size_t)indexed), "pages"), 1);
    json_object_put(c);

    char *argv[] = {(char *)getenv("DOKAZ_BIN"), "custody", "--data", data, sha, NULL};
    char *text = NULL;
    ck_assert_int_eq(tu_run(argv, &text), 0);
    ck_assert_msg(strstr(text, "identified  image/png, by libmagic; read by the image extractor") &&
                      strstr(text, "indexed     searchable, 1 page(s) in the index"),
                  "%s", text);
    free(text);
    json_object_put(verify(data, 0));
    free(sha);
    free(png);
    free(data);
    free(samples);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* verifications_in_custody - how many "verified" events `dokaz custody`
 * gives the item with this hash */
static int verifications_in_custody(const char *data, const char *sha)
{
    const char *args[] = {"custody", "--data", data, "--json", sha, NULL};
    json_object *c = it_dokaz_json(0, args), *events = json_object_object_get(c, "events");
    int n = 0;
    for (size_t i = 0; i < json_object_array_length(events); i++)
        n += strcmp(it_get_str(json_object_array_get_idx(events, i), "event"), "verified") == 0;
    json_object_put(c);
    return n;
}

/* an item's custody has its own lines and every verification after its
 * reception (lines that do not name it) */
START_TEST(custody_shows_later_verifications)
{
    char *dir = tu_tempdir("itest-custody-verified");
    char *data = pristine(dir), *out = NULL;
    char *cmd = g_strdup_printf("cd '%s/items' && cut -c12-75 */receptions-*.jsonl | sort -u",
                                data);
    ck_assert_int_eq(sh(cmd, &out), 0);
    char **shas = g_strsplit(g_strstrip(out), "\n", -1);
    ck_assert_uint_eq(g_strv_length(shas), 3);
    int counts[3] = {0}, ones = 0, twos = 0;
    for (int i = 0; i < 3; i++) {
        counts[i] = verifications_in_custody(data, shas[i]);
        ones += counts[i] == 1;
        twos += counts[i] == 2;
    }
    /* two items verified twice, the third received between the verifications once */
    ck_assert_msg(ones == 1 && twos == 2, "verifications: %d %d %d", counts[0], counts[1],
                  counts[2]);
    g_strfreev(shas);
    free(out);
    g_free(cmd);
    free(data);
    tu_rmtree(dir);
    free(dir);
}
END_TEST

/* main - the custody suite */
int main(void)
{
    Suite *s = suite_create("integration-custody");
    TCase *tc = tcase_create("custody");
    tcase_set_timeout(tc, 300);
    tcase_add_test(tc, verify_reports_each_tampering);
    tcase_add_test(tc, export_package_checks_offline);
    tcase_add_test(tc, timestamp_anchors_the_log);
    tcase_add_test(tc, ocr_reading_is_in_custody);
    tcase_add_test(tc, custody_shows_later_verifications);
    suite_add_tcase(s, tc);
    return tu_run_suite(s);
}
