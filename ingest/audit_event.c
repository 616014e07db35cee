/*
 * audit_event.c - an audit event as the JSON object of its line, and back
 * (see audit.h, audit_private.h).
 *
 * One table says which fields each kind carries and another how each field
 * is written, so that the line is built and read by the same description
 * and the writer and the reader cannot disagree. The order of the field
 * table is the order of the keys on disk: the chain hash covers the line's
 * bytes, so it must not change.
 *
 * Every string is written in the one safe form of common/text.h: a name with
 * bytes that are not UTF-8 or with a newline is "\xNN"-escaped on the line,
 * as in the log, the JSON and the HTML, so the line is valid UTF-8 JSON and
 * `custody`, `verify` and `export` read back the form everything else shows
 * (the stored records keep the bytes).
 *
 * Functions: audit_kind_name, audit_kind_parse, audit_event_json, audit_event_object,
 * audit_event_read.
 */
#include "audit.h"
#include "audit_private.h"
#include "common/text.h"

#include <stddef.h>
#include <string.h>

/* The fields a line can carry, one bit each. */
enum {
    HAS_SHA256 = 1 << 0,
    HAS_PATH = 1 << 1,
    HAS_SIZE = 1 << 2,
    HAS_MTIME = 1 << 3,
    HAS_PARENT = 1 << 4,
    HAS_MEMBER = 1 << 5,
    HAS_NEW_CONTENT = 1 << 6,
    HAS_REASON = 1 << 7,
    HAS_RECORD = 1 << 8,
    HAS_USER = 1 << 9,
    HAS_PROBLEMS = 1 << 10,
    HAS_HEAD = 1 << 11,
    HAS_HOST = 1 << 12,
    HAS_OWNER = 1 << 13,
    HAS_HOW = 1 << 14,
    HAS_PERSONS = 1 << 15,
    HAS_TYPE = 1 << 16,
    HAS_PAGES = 1 << 17,
};

/* Each kind's word and the fields it carries. */
static const struct {
    const char *word;
    unsigned fields;
} kinds[] = {
    [AUDIT_RECEIVED] = {"received", HAS_SHA256 | HAS_PATH | HAS_SIZE | HAS_MTIME | HAS_PARENT |
                                        HAS_MEMBER | HAS_NEW_CONTENT | HAS_RECORD | HAS_HOST |
                                        HAS_OWNER},
    [AUDIT_REJECTED] = {"rejected", HAS_PATH | HAS_REASON},
    [AUDIT_PROCESSED] = {"processed", HAS_SHA256 | HAS_REASON | HAS_RECORD},
    [AUDIT_FAILED] = {"failed", HAS_SHA256 | HAS_REASON | HAS_RECORD},
    [AUDIT_REQUEUED] = {"requeued", HAS_SHA256 | HAS_REASON},
    [AUDIT_EXPORTED] = {"exported", HAS_SHA256 | HAS_PATH | HAS_RECORD | HAS_USER},
    [AUDIT_VERIFIED] = {"verified", HAS_SIZE | HAS_PROBLEMS | HAS_HEAD | HAS_REASON},
    [AUDIT_TIMESTAMPED] = {"timestamped", HAS_PATH | HAS_HEAD | HAS_RECORD},
    [AUDIT_READ] = {"read", HAS_SHA256 | HAS_HOW},
    [AUDIT_PERSONS_MERGED] = {"persons-merged", HAS_PERSONS | HAS_USER},
    [AUDIT_IDENTIFIED] = {"identified", HAS_SHA256 | HAS_TYPE | HAS_HOW},
    [AUDIT_INDEXED] = {"indexed", HAS_SHA256 | HAS_PAGES},
    [AUDIT_PERSONS_SPLIT] = {"persons-split", HAS_PERSONS | HAS_USER},
};

typedef enum { FIELD_STRING, FIELD_SIZE, FIELD_INT, FIELD_BOOL } field_type;

/* Each field, in the order of the keys on a line. An optional field is left
 * out when it is NULL (and may be missing when read); any other string field
 * of the kind is written as null. */
static const struct {
    const char *key;
    unsigned bit;
    field_type type;
    size_t offset;
    bool optional;
} fields[] = {
    {"sha256", HAS_SHA256, FIELD_STRING, offsetof(audit_event, sha256), false},
    {"path", HAS_PATH, FIELD_STRING, offsetof(audit_event, path), false},
    {"size", HAS_SIZE, FIELD_SIZE, offsetof(audit_event, size), false},
    {"mtime_ns", HAS_MTIME, FIELD_INT, offsetof(audit_event, mtime_ns), false},
    {"parent", HAS_PARENT, FIELD_STRING, offsetof(audit_event, parent), false},
    {"member", HAS_MEMBER, FIELD_STRING, offsetof(audit_event, member), false},
    {"new_content", HAS_NEW_CONTENT, FIELD_BOOL, offsetof(audit_event, new_content), false},
    {"reason", HAS_REASON, FIELD_STRING, offsetof(audit_event, reason), true},
    {"record_sha256", HAS_RECORD, FIELD_STRING, offsetof(audit_event, record_sha256), true},
    {"user", HAS_USER, FIELD_STRING, offsetof(audit_event, user), false},
    {"problems", HAS_PROBLEMS, FIELD_SIZE, offsetof(audit_event, problems), false},
    {"head", HAS_HEAD, FIELD_STRING, offsetof(audit_event, head), false},
    {"host", HAS_HOST, FIELD_STRING, offsetof(audit_event, host), true},
    {"owner", HAS_OWNER, FIELD_STRING, offsetof(audit_event, owner), true},
    {"how", HAS_HOW, FIELD_STRING, offsetof(audit_event, how), false},
    {"persons", HAS_PERSONS, FIELD_STRING, offsetof(audit_event, persons), false},
    {"type", HAS_TYPE, FIELD_STRING, offsetof(audit_event, type), false},
    {"pages", HAS_PAGES, FIELD_SIZE, offsetof(audit_event, pages), false},
};

#define N_KINDS (sizeof kinds / sizeof *kinds)
#define N_FIELDS (sizeof fields / sizeof *fields)

/* audit_kind_name - the table's word */
const char *audit_kind_name(audit_kind kind)
{
    return (size_t)kind < N_KINDS ? kinds[kind].word : "unknown";
}

/* audit_kind_parse - look the word up in the table */
int audit_kind_parse(const char *word, audit_kind *kind)
{
    for (size_t i = 0; word != NULL && i < N_KINDS; i++) {
        if (strcmp(word, kinds[i].word) == 0) {
            *kind = (audit_kind)i;
            return 0;
        }
    }
    return -1;
}

/* field_json - the value of field i of `event`; NULL for a NULL string */
static json_object *field_json(const audit_event *event, size_t i)
{
    const char *at = (const char *)event + fields[i].offset;
    switch (fields[i].type) {
    case FIELD_STRING: return text_safe_json(*(const char *const *)at);
    case FIELD_SIZE: return json_object_new_int64((int64_t) * (const uint64_t *)at);
    case FIELD_INT: return json_object_new_int64(*(const int64_t *)at);
    case FIELD_BOOL: return json_object_new_boolean(*(const bool *)at);
    }
    return NULL;
}

/* audit_event_json - time, event, then the kind's fields in table order */
json_object *audit_event_json(const audit_event *event, const char *time)
{
    json_object *o = json_object_new_object();
    json_object_object_add(o, "time", json_object_new_string(time));
    json_object_object_add(o, "event", json_object_new_string(audit_kind_name(event->kind)));
    unsigned carried = (size_t)event->kind < N_KINDS ? kinds[event->kind].fields : 0;
    for (size_t i = 0; i < N_FIELDS; i++) {
        if (!(carried & fields[i].bit))
            continue;
        json_object *value = field_json(event, i);
        if (value == NULL && fields[i].optional)
            continue;
        json_object_object_add(o, fields[i].key, value);
    }
    return o;
}

/* audit_event_object - audit_event_json stamped with the event's own time */
json_object *audit_event_object(const audit_event *event)
{
    return audit_event_json(event, event->time ? event->time : "");
}

/* field_read - set field i of `event` from `value`; -1 when it is of the wrong type
 * (a string field may be null) */
static int field_read(json_object *value, audit_event *event, size_t i)
{
    static const json_type wanted[] = {
        [FIELD_STRING] = json_type_string,
        [FIELD_SIZE] = json_type_int,
        [FIELD_INT] = json_type_int,
        [FIELD_BOOL] = json_type_boolean,
    };
    field_type type = fields[i].type;
    if (!json_object_is_type(value, wanted[type]) && !(type == FIELD_STRING && value == NULL))
        return -1;
    char *at = (char *)event + fields[i].offset;
    if (type == FIELD_STRING)
        *(const char **)at = value ? json_object_get_string(value) : NULL;
    else if (type == FIELD_SIZE)
        *(uint64_t *)at = (uint64_t)json_object_get_int64(value);
    else if (type == FIELD_INT)
        *(int64_t *)at = json_object_get_int64(value);
    else
        *(bool *)at = json_object_get_boolean(value);
    return 0;
}

/* audit_event_read - the word, the time, then every field the kind carries */
int audit_event_read(json_object *line, audit_event *event)
{
    json_object *word = NULL, *time = NULL;
    *event = (audit_event){0};
    if (!json_object_is_type(line, json_type_object) ||
        !json_object_object_get_ex(line, "event", &word) ||
        !json_object_is_type(word, json_type_string) ||
        audit_kind_parse(json_object_get_string(word), &event->kind) != 0 ||
        !json_object_object_get_ex(line, "time", &time) ||
        !json_object_is_type(time, json_type_string))
        return -1;
    event->time = json_object_get_string(time);
    for (size_t i = 0; i < N_FIELDS; i++) {
        json_object *value = NULL;
        if (!(kinds[event->kind].fields & fields[i].bit))
            continue;
        if (!json_object_object_get_ex(line, fields[i].key, &value)) {
            if (fields[i].optional)
                continue;
            return -1;
        }
        if (field_read(value, event, i) != 0)
            return -1;
    }
    return 0;
}
