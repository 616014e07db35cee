/*
 * itest.h - helpers for the integration tests, which run the real `dokaz`
 * binary (DOKAZ_BIN) on generated samples (DOKAZ_GEN_SAMPLES) in a temporary
 * data directory.
 */
#ifndef DOKAZ_ITEST_H
#define DOKAZ_ITEST_H

#include <json-c/json.h>
#include <stddef.h>
#include <sys/types.h>

/* it_dokaz_json - run `dokaz ARGS... --json`-style command, parse stdout as JSON;
 * asserts the exit status is `expect_status` */
json_object *it_dokaz_json(int expect_status, const char *const *args);

/* it_search - `dokaz search --data DATA --json --limit 50 QUERY` */
json_object *it_search(const char *data, const char *query);

/* it_hit_for - the hit for item `sha` in search results, or NULL */
json_object *it_hit_for(json_object *results, const char *sha);

/* it_wait_idle - poll `dokaz status` until `expected` items are done or failed
 * and nothing is queued or processing; fails the test after `timeout_s` */
json_object *it_wait_idle(const char *data, int expected, int timeout_s);

/* it_wait_condition - poll `dokaz status --json` until its "condition"
 * (why the service is paused) contains `words`; fails after 30 s */
json_object *it_wait_condition(const char *data, const char *words);

/* it_generate_samples - run the sample generator into dir */
void it_generate_samples(const char *dir);

/* it_manifest_phrase - the first manifest phrase for (file, page) (malloc'd) */
char *it_manifest_phrase(const char *samples_dir, const char *file, int page);

/* it_serve - start `dokaz serve --data DATA` on a free loopback port; url gets
 * its address without the final slash ("http://127.0.0.1:PORT"). The caller
 * ends it (SIGTERM) and waits for it. */
pid_t it_serve(const char *data, char *url, size_t size);

/* it_start_server - run DOKAZ_BIN with args (argv[0] first, NULL-terminated),
 * a server that prints its address first; url gets it without the final slash */
pid_t it_start_server(const char *const *args, char *url, size_t size);

/* it_copy - copy a file (as a user would: open, write, close) */
void it_copy(const char *from, const char *to);

/* it_worker_pid - the pid of a `dokaz worker` child of `parent`, or 0 */
pid_t it_worker_pid(pid_t parent);

/* it_watch_start - start `dokaz watch --data DATA --settle SETTLE_MS
 * --no-web --workers 2 INBOX`, its output appended to DIR/watch.log, and
 * wait until its queue exists; the caller ends it (it_watch_stop or SIGKILL) */
pid_t it_watch_start(const char *dir, const char *data, const char *inbox, int settle_ms);

/* it_watch_run - the same with `dokaz watch --data DATA ARGS...` (ARGS
 * NULL-terminated, at most 27) */
pid_t it_watch_run(const char *dir, const char *data, const char *const *args);

/* it_assert_found_once - `dokaz search --exact WORD` finds item sha and
 * nothing else */
void it_assert_found_once(const char *data, const char *word, const char *sha);

/* it_watch_stop - SIGTERM once a worker of it runs (up to 5 s); asserts it exits 0 */
void it_watch_stop(pid_t pid);

/* it_doc_count - documents in DATA/index (itest_index.c: tests that link
 * index_dep) */
unsigned long it_doc_count(const char *data);

/* it_result_path - DATA/items/ab/<sha>.result.json.gz, where dokaz saves an
 * item's result, or DATA/items/ab/<sha>/result.json.gz for an item an older
 * dokaz gave a folder of its own (malloc'd) */
char *it_result_path(const char *data, const char *sha);

/* it_receptions_move - the item's lines taken out of its log,
 * DATA/items/ab/receptions-c.jsonl, into the file `to` (as an older dokaz
 * kept them: a file of the item's own); asserts it had some */
void it_receptions_move(const char *data, const char *sha, const char *to);

/* it_result_record - the item's saved result, read as a person would
 * (`zcat result.json.gz`), parsed; asserts it is there and is JSON */
json_object *it_result_record(const char *data, const char *sha);

/* it_get_int / it_get_str - typed members */
long it_get_int(json_object *o, const char *key);
const char *it_get_str(json_object *o, const char *key);

#endif
