/*
 * process.c - one item through identification and extraction (see process.h).
 *
 * The stored original is mapped read-only; extractors get the mapping and
 * cannot write to it. Every page an extractor reports goes into the result
 * record as it arrives, with how its text was obtained.
 */
#include "process.h"
#include "extract/identify.h"
#include "ingest/evidence.h"
#include "ingest/items.h"
#include "common/error.h"
#include "common/log.h"

#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

/* add_page - extract_sink callback: append the page to the result's "pages" */
static int add_page(void *ctx, const extract_page *page, char **err)
{
    (void)err;
    json_object *pages = ctx;
    json_object *p = json_object_new_object();
    json_object_object_add(p, "number", json_object_new_int(page->number));
    json_object_object_add(p, "text", json_object_new_string(page->text ? page->text : ""));
    json_object_object_add(p, "source", json_object_new_string(page_source_name(page->source)));
    json_object_object_add(p, "confidence",
                           page->confidence >= 0 ? json_object_new_double(page->confidence) : NULL);
    json_object_array_add(pages, p);
    return 0;
}

/* status_name - how an extraction outcome is recorded */
static const char *status_name(extract_status status)
{
    switch (status) {
    case EXTRACT_DONE: return "done";
    case EXTRACT_UNSUPPORTED: return "unsupported";
    default: return "failed";
    }
}

/* process_item - map, identify, extract, record */
int process_item(const process_env *env, const char *sha256, char **err)
{
    char *path = evidence_path(env->data_dir, sha256);
    char *reason = NULL, *mime = NULL;
    json_object *result = NULL;
    int fd = path ? open(path, O_RDONLY | O_CLOEXEC) : -1;
    struct stat st;
    if (fd < 0 || fstat(fd, &st) != 0) {
        dk_fail_errno(&reason, "cannot open the stored original %s", path ? path : sha256);
        result = items_failed_result(sha256, NULL, reason);
        goto save;
    }
    size_t size = (size_t)st.st_size;
    void *data = size ? mmap(NULL, size, PROT_READ, MAP_PRIVATE, fd, 0) : NULL;
    if (size && data == MAP_FAILED) {
        dk_fail_errno(&reason, "cannot map %s", path);
        result = items_failed_result(sha256, NULL, reason);
        goto save;
    }
    mime = identify_buffer(env->magic, data, size);
    json_object *pages = json_object_new_array();
    extract_sink sink = {add_page, pages};
    extract_input in = {path, data, size, mime ? mime : "application/octet-stream"};
    extract_status status = extract_run(&env->extract, &in, &sink, &reason);
    if (data)
        munmap(data, size);
    result = json_object_new_object();
    json_object_object_add(result, "sha256", json_object_new_string(sha256));
    json_object_object_add(result, "mime", json_object_new_string(in.mime));
    json_object_object_add(result, "status", json_object_new_string(status_name(status)));
    json_object_object_add(result, "reason", reason ? json_object_new_string(reason) : NULL);
    json_object_object_add(result, "pages", pages);
    json_object_object_add(result, "children", json_object_new_array());
    log_msg(LOG_INFO, "%.12s %s %s, %zu pages%s%s", sha256, status_name(status), in.mime,
            json_object_array_length(pages), reason ? ": " : "", reason ? reason : "");
save:;
    int rc = items_save_result(env->data_dir, sha256, result, err);
    json_object_put(result);
    if (fd >= 0)
        close(fd);
    free(mime);
    free(reason);
    free(path);
    return rc;
}
