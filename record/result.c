/*
 * result.c - building and freeing an item's processing result (see record.h).
 *
 * Every string is a private copy, allocated with GLib (which aborts rather
 * than return NULL), so a record is freed by item_result_free alone. The
 * arrays grow one element at a time: results have pages and members in the
 * thousands at most, and realloc amortises the copies.
 *
 * Functions: item_result_new, item_result_failed, item_result_set_outcome,
 * item_result_add_page, item_result_add_child, item_result_add_meta,
 * item_result_set_derived, item_result_add_skipped, item_result_meta_pairs, item_result_meta,
 * item_result_free.
 */
#include "record/record.h"

#include <assert.h>
#include <glib.h>
#include <string.h>

/* item_result_new - done, nothing found yet */
item_result *item_result_new(const char *sha256)
{
    assert(sha256 != NULL);
    item_result *r = g_new0(item_result, 1);
    r->version = RECORD_VERSION;
    r->sha256 = g_strdup(sha256);
    r->status = ITEM_DONE;
    return r;
}

/* item_result_failed - status failed with the reason */
item_result *item_result_failed(const char *sha256, const char *mime, const char *reason)
{
    item_result *r = item_result_new(sha256);
    item_result_set_outcome(r, mime, ITEM_FAILED, reason);
    return r;
}

/* item_result_set_outcome - replace mime, status and reason */
void item_result_set_outcome(item_result *r, const char *mime, item_status status,
                             const char *reason)
{
    assert((unsigned)status <= ITEM_ENCRYPTED);
    char *m = g_strdup(mime), *why = g_strdup(reason);
    g_free(r->mime);
    g_free(r->reason);
    r->mime = m;
    r->status = status;
    r->reason = why;
}

/* item_result_add_page - copy the page's text, take its derived data */
void item_result_add_page(item_result *r, const item_page *page)
{
    assert(page->number >= 0 && (unsigned)page->source <= ITEM_SOURCE_TEXT_LAYER_OCR);
    r->pages = g_renew(item_page, r->pages, r->npages + 1);
    item_page *p = &r->pages[r->npages++];
    *p = *page;
    p->text = g_strdup(page->text ? page->text : "");
}

/* item_result_set_derived - a page's or the item's derived data */
void item_result_set_derived(item_result *r, size_t index, json_object *derived)
{
    assert(index <= r->npages);
    json_object **slot = index < r->npages ? &r->pages[index].derived : &r->derived;
    json_object_put(*slot);
    *slot = derived;
}

/* item_result_add_child - copy sha256 and member */
void item_result_add_child(item_result *r, const char *sha256, const char *member, uint64_t size)
{
    assert(sha256 != NULL);
    r->children = g_renew(item_child, r->children, r->nchildren + 1);
    r->children[r->nchildren++] = (item_child){g_strdup(sha256), g_strdup(member), size};
}

/* find_meta - the pair named `name`, or NULL */
static item_meta *find_meta(const item_result *r, const char *name)
{
    for (size_t i = 0; i < r->nmeta; i++)
        if (strcmp(r->meta[i].name, name) == 0)
            return &r->meta[i];
    return NULL;
}

/* item_result_add_meta - a new pair, or the value joined to the old one */
void item_result_add_meta(item_result *r, const char *name, const char *value)
{
    assert(name != NULL && value != NULL);
    item_meta *old = find_meta(r, name);
    if (old != NULL) {
        char *joined = g_strdup_printf("%s, %s", old->value, value);
        g_free(old->value);
        old->value = joined;
        return;
    }
    r->meta = g_renew(item_meta, r->meta, r->nmeta + 1);
    r->meta[r->nmeta++] = (item_meta){g_strdup(name), g_strdup(value)};
}

/* item_result_add_skipped - copy member and reason */
void item_result_add_skipped(item_result *r, const char *member, const char *reason)
{
    assert(member != NULL && reason != NULL);
    r->skipped = g_renew(item_skip, r->skipped, r->nskipped + 1);
    r->skipped[r->nskipped++] = (item_skip){g_strdup(member), g_strdup(reason)};
}

/* item_result_meta_pairs - the array, pointing into the record */
const char **item_result_meta_pairs(const item_result *r)
{
    if (r->nmeta == 0)
        return NULL;
    const char **pairs = g_new0(const char *, 2 * r->nmeta + 1);
    for (size_t i = 0; i < r->nmeta; i++) {
        pairs[2 * i] = r->meta[i].name;
        pairs[2 * i + 1] = r->meta[i].value;
    }
    return pairs;
}

/* item_result_meta - look a name up */
const char *item_result_meta(const item_result *r, const char *name)
{
    item_meta *m = r ? find_meta(r, name) : NULL;
    return m ? m->value : NULL;
}

/* item_result_free - every string, array and derived object */
void item_result_free(item_result *r)
{
    if (r == NULL)
        return;
    for (size_t i = 0; i < r->npages; i++) {
        g_free(r->pages[i].text);
        json_object_put(r->pages[i].derived);
    }
    for (size_t i = 0; i < r->nchildren; i++) {
        g_free(r->children[i].sha256);
        g_free(r->children[i].member);
    }
    for (size_t i = 0; i < r->nmeta; i++) {
        g_free(r->meta[i].name);
        g_free(r->meta[i].value);
    }
    for (size_t i = 0; i < r->nskipped; i++) {
        g_free(r->skipped[i].member);
        g_free(r->skipped[i].reason);
    }
    g_free(r->pages);
    g_free(r->children);
    g_free(r->meta);
    g_free(r->skipped);
    json_object_put(r->derived);
    g_free(r->sha256);
    g_free(r->mime);
    g_free(r->reason);
    g_free(r);
}
