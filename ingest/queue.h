/*
 * queue.h - the processing queue, Postfix-style: one empty file per item,
 * named by its SHA-256, in the directory of its state. A state change is one
 * rename(2), so an item is always in exactly one state, across crashes too.
 *
 *   DATA/queue/incoming   accepted, waiting for a worker
 *   DATA/queue/active     a worker has it
 *   DATA/queue/done       processed (including "unsupported type")
 *   DATA/queue/failed     could not be processed; the reason is in its record
 */
#ifndef DOKAZ_INGEST_QUEUE_H
#define DOKAZ_INGEST_QUEUE_H

#include <stdbool.h>
#include <stddef.h>

typedef enum { QUEUE_INCOMING, QUEUE_ACTIVE, QUEUE_DONE, QUEUE_FAILED, QUEUE_NSTATES } queue_state;

/* queue_state_name - "incoming", "active", "done", "failed" */
const char *queue_state_name(queue_state state);

/* queue_init - create the queue directories */
int queue_init(const char *data_dir, char **err);

/* queue_started - whether the queue's directories were ever made (by a
 * service or an ingest): a data directory without them has received
 * nothing yet, which readers show as empty, not as an error. A missing
 * data directory is not started either. */
bool queue_started(const char *data_dir);

/* queue_enqueue - put a new item in incoming. An item already in any state
 * stays where it is (same content received again): *added tells which.
 * Entries are not synced: one lost to a power loss is made again at the next
 * start from the item's "received" audit line (service/intake.c). */
int queue_enqueue(const char *data_dir, const char *sha256, int *added, char **err);

/* queue_move - move an item between states; fails if it is not in `from` */
int queue_move(const char *data_dir, const char *sha256, queue_state from, queue_state to,
               char **err);

/* queue_state_of - the item's state, or -1 if it is not queued at all */
int queue_state_of(const char *data_dir, const char *sha256);

/* queue_list - the items in a state, oldest first (malloc'd array of malloc'd strings) */
int queue_list(const char *data_dir, queue_state state, char ***shas, size_t *count, char **err);

/* queue_list_free - free what queue_list returned */
void queue_list_free(char **shas, size_t count);

/* queue_count - how many items are in a state, without listing them in
 * order (a readdir: fast on a folder of a million); -1 with *err (may be NULL) */
long queue_count(const char *data_dir, queue_state state, char **err);

/* queue_recover - after a crash or stop: move every active item back to incoming */
int queue_recover(const char *data_dir, size_t *moved, char **err);

/* queue_dir - DATA/queue/<state> (malloc'd) */
char *queue_dir(const char *data_dir, queue_state state);

/* queue_clean_tmp - remove what queue/tmp holds from processes that are gone
 * (a kill between creating an entry and renaming it); *removed gets how many */
int queue_clean_tmp(const char *data_dir, size_t *removed, char **err);

/* QUEUE_CONDITION_MAX bounds the condition's text, which is written in place
 * over space reserved beforehand, so that it can be said on a full disk. */
enum { QUEUE_CONDITION_MAX = 512 };

/* QUEUE_PROGRESS_FILE - where the running service says, after each index
 * commit, what it has done since it started (JSON, written by the supervisor,
 * read by `dokaz status`): {"started","done","failed","pages","waiting",
 * "items_per_second"} */
#define QUEUE_PROGRESS_FILE "queue/progress.json"

/* queue_set_condition - why the service has paused ("" when it has not):
 * DATA/queue/condition, overwritten in place */
int queue_set_condition(const char *data_dir, const char *text, char **err);

/* queue_condition - what queue_set_condition last wrote (malloc'd), NULL
 * when nothing holds the service back */
char *queue_condition(const char *data_dir);

#endif
