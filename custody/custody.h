/*
 * custody.h - showing that nothing changed: `dokaz verify` (every original
 * re-hashed, the audit chain walked end to end and held against its anchors,
 * the evidence store, queue, records and index checked against each other),
 * an item's chain of custody, export packages and time-stamp tokens. This is
 * the whole public API of the custody subsystem.
 *
 * Ownership: strings handed to callbacks are lent for the call only. JSON
 * objects returned are the caller's (json_object_put).
 */
#ifndef DOKAZ_CUSTODY_H
#define DOKAZ_CUSTODY_H

#include <json-c/json.h>
#include <stdbool.h>
#include <stddef.h>
#include <stdint.h>

/* One thing found wrong. */
typedef struct {
    const char *sha256; /* the item, NULL when the problem is no one item's */
    const char *file;   /* relative to the data directory: "evidence/ab/abcd…", "audit.log" */
    const char *what;   /* what is wrong, for a person */
} custody_problem;

typedef void (*custody_problem_fn)(const custody_problem *problem, void *ctx);

/* custody_progress_fn - bytes re-hashed so far of all there are */
typedef void (*custody_progress_fn)(uint64_t done, uint64_t total, void *ctx);

typedef struct {
    bool quick;                   /* sizes of all originals, contents of a random sample only */
    custody_problem_fn problem;   /* called for each problem (may be NULL) */
    custody_progress_fn progress; /* may be NULL */
    void *ctx;                    /* for both */
} custody_verify_opts;

/* What was checked. */
typedef struct {
    size_t originals;   /* files in the evidence store */
    size_t rehashed;    /* of them, re-hashed */
    uint64_t bytes;     /* bytes re-hashed */
    size_t audit_lines; /* lines of the audit log */
    size_t index_items; /* items in the index */
    size_t tokens;      /* time-stamp tokens checked */
    size_t problems;
    double seconds;
    char head[65]; /* the audit log's head hash when it was read */
} custody_verify_summary;

/* custody_verify - check the data directory; every problem goes to
 * opts->problem. Returns 0 when the check ran (problems or not: see
 * out->problems), -1 with *err when it could not run at all. */
int custody_verify(const char *data_dir, const custody_verify_opts *opts,
                   custody_verify_summary *out, char **err);

/* custody_verify_line - the one-line summary ("verified 12 originals (3.4 MB)
 * …: no problems"), malloc'd */
char *custody_verify_line(const custody_verify_summary *s);

/* custody_verify_record - append the "verified" event for `s` to the audit log */
int custody_verify_record(const char *data_dir, const custody_verify_summary *s, char **err);

/* custody_last_verified - the last "verified" event as {"time","problems",
 * "bytes","head","summary"}; NULL when there is none. The log is read back
 * from its end (audit_each_backward) to where the last call's walk ended,
 * kept in DATA/cache/verified.json with what it found: the cost is the
 * lines written since, not the log's size. */
json_object *custody_last_verified(const char *data_dir, char **err);

/* custody_events - every audit event of the item, in order: {"sha256", "events":
 * [{"time","event","line",<the event's fields>}…]}; members extracted from it
 * appear as "extracted", verifications after its first reception as
 * "verified", and its last outcome carries "type", "status" and "pages" (how
 * many pages were read from each source). NULL with *err when the log cannot
 * be read. */
json_object *custody_events(const char *data_dir, const char *sha256, char **err);

/* custody_event_line - one event of custody_events as a line of text
 * ("2025-03-01T10:00:00.000Z  received    from /inbox/a.pdf, 1234 bytes, …"),
 * malloc'd */
char *custody_event_line(json_object *event);

/* custody_ts_request - write an RFC 3161 time-stamp request (DER) over the
 * audit log's current head hash to `out`, for the team to send to any
 * time-stamping authority from a connected machine; the request is also
 * kept in DATA/timestamps/. head[65] gets the hash stamped. */
int custody_ts_request(const char *data_dir, const char *out, char head[65], char **err);

/* custody_ts_import - check a reply (DER) against the kept request (imprint,
 * nonce) and its signature: with ca (a PEM file) the authority's certificate
 * chain up to that CA; without (NULL) against the certificates the token
 * carries, so the signer is not checked against a trusted CA; keep it in DATA/timestamps/ and record a "timestamped"
 * line. head[65] gets the hash it stamps. dokaz verify checks it again. */
int custody_ts_import(const char *data_dir, const char *tsr, const char *ca, char head[65],
                      char **err);

/* What to export. */
typedef struct {
    const char *out_dir;     /* the package's folder: new, or empty */
    const char *const *shas; /* the items, full hashes, each once */
    size_t nshas;
    bool zip;              /* also OUT_DIR.zip */
    const char *sign_key;  /* sign SHA256SUMS with this GnuPG key; NULL: unsigned */
    const char *user;      /* who exports, for the audit log */
    const char *selection; /* why these items, as JSON (a person's dossier: `dokaz export
                              --person`), kept as selection.json; NULL: none */
} custody_export_opts;

/* What was exported; custody_export_result_free frees its strings. */
typedef struct {
    char *dir;      /* the package, absolute */
    char *zip_path; /* OUT_DIR.zip, or NULL */
    size_t items, files;
    char sums_sha256[65]; /* the hash of SHA256SUMS, which the audit log records */
} custody_export_result;

/* custody_export - write the package: originals/ (byte-identical copies named
 * <sha256 prefix>_<safe name>), derived/ (page texts, searchable PDFs),
 * custody/ (each item's custody record as JSON and text), selection.json
 * (with a selection), manifest.json, README.txt and SHA256SUMS; SHA256SUMS.asc with sign_key; then an
 * "exported" audit line per item. An original that no longer matches its
 * hash stops the export. */
int custody_export(const char *data_dir, const custody_export_opts *opts,
                   custody_export_result *out, char **err);

/* custody_export_result_free - free the result's strings */
void custody_export_result_free(custody_export_result *r);

#endif
