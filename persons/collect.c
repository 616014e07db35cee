/*
 * collect.c - the documents and person mentions of every processed item,
 * read from the records the worker wrote (see persons.h).
 *
 * A page's persons come from its stored derived data; a person kept is one
 * with a surname and more than a surname (a given name, a patronymic, an
 * initial) or a role: a lone capitalised word with no role ("Минска") is
 * no one's mention, nor is a lone all-capitals one (УК, ЗАЯВЛЕНИЕ). Its words as written are read back from the page text
 * at its position: the name words from there on, up to the first comma,
 * bracket, other word, verb opening a line ("Допросил"), adjective of a
 * title ("Государственный обвинитель") or, after a name not in capitals, a
 * word in capitals (a heading: "Иванов С.Н. / ПОСТАНОВЛЕНИЕ"); a Latin initial in a Cyrillic name (OCR's "B."
 * for "В.") also stands for the Cyrillic letter it looks like.
 *
 * Functions: ps_collect.
 */
#include "persons/persons_private.h"
#include "common/error.h"
#include "ingest/collection.h"
#include "ingest/queue.h"
#include "record/record.h"

#include <assert.h>
#include <limits.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#define WRITTEN_WORDS 4 /* words of a name as written, at most */

/* gap_breaks - whether the bytes between two words end a name: a full stop
 * but an initial's own (after_initial), other punctuation, quotes */
static int gap_breaks(const char *gap, size_t len, int after_initial)
{
    for (size_t i = 0; i < len; i++)
        if (strchr(",;:()\"", gap[i]) != NULL || (unsigned char)gap[i] == 0xC2 /* « » */ ||
            (gap[i] == '.' && !(after_initial && i == 0)))
            return 1;
    return 0;
}

/* Where a walk through a page's words stands: past word n (1 the first)
 * at byte at. A page's persons come in reading order, so each one's words
 * are found from where the last one's were, not from the page's start. */
typedef struct {
    size_t at;
    unsigned n;
} word_cursor;

/* written_at - the words of the person at word position pos of text, as
 * written, before the next person's word until (g_free); "" for a lone
 * all-capitals word (an abbreviation or a heading); NULL when pos is not in the text (a
 * sender's name). The walk starts at *from when it is before pos, and
 * leaves *from past the word before pos. */
static char *written_at(const char *text, word_cursor *from, unsigned pos, unsigned until)
{
    if (from->n >= pos)
        *from = (word_cursor){0, 0};
    size_t at = from->at, start = 0, end = 0;
    unsigned n = from->n, taken = 0, flags = 0, first_flags = 0;
    names_word w;
    while (names_next_word(text, &at, &w)) {
        if (++n < pos) {
            *from = (word_cursor){at, n};
            continue;
        }
        if (n == pos) {
            start = w.start;
            first_flags = w.flags;
        } else if (taken == WRITTEN_WORDS || n >= until ||
                   !(w.flags & (NAMES_CAPITAL | NAMES_INITIAL)) ||
                   ((w.flags & NAMES_UPPER) && !(first_flags & NAMES_UPPER)) ||
                   derive_opens_with_verb(text, &w) || derive_titles_role(text, &w) ||
                   gap_breaks(text + end, w.start - end, (flags & NAMES_INITIAL) != 0)) {
            break;
        }
        end = w.start + w.len + ((w.flags & NAMES_INITIAL) && text[w.start + w.len] == '.');
        flags = w.flags;
        taken++;
    }
    if (taken == 0)
        return NULL;
    if (taken == 1 && (flags & NAMES_UPPER))
        return g_strdup(""); /* an abbreviation or a heading (УК, ЗАЯВЛЕНИЕ): no one */
    char *s = g_strndup(text + start, end - start);
    for (char *c = s; *c; c++)
        if (*c == '\n' || *c == '\r' || *c == '\t')
            *c = ' ';
    return s;
}

/* add_symbol - a symbol to an initials list unless it is there or full */
static void add_symbol(char list[DERIVE_INITIALS_MAX], char c)
{
    size_t n = strlen(list);
    if (list[0] != '\0' && strchr(list, c) == NULL && n + 1 < DERIVE_INITIALS_MAX) {
        list[n] = c;
        list[n + 1] = '\0';
    }
}

/* cyrillic_initials - a name written in Cyrillic with an initial OCR read as
 * the Latin letter it looks like ("Кузьмича B.A."): the Cyrillic letter's
 * symbol joins the initials (В is v, Н n, Р r, С s, Х h, У u) */
static void cyrillic_initials(const char *written, ps_parts *p)
{
    static const char latin[] = "BHPCXY", symbol[] = "vnrshu";
    int cyrillic = 0;
    for (const char *c = written; *c; c = g_utf8_next_char(c))
        cyrillic |= g_unichar_get_script(g_utf8_get_char(c)) == G_UNICODE_SCRIPT_CYRILLIC;
    for (const char *c = written; cyrillic && *c; c++) {
        const char *at = strchr(latin, *c);
        if (at == NULL || *c == '\0' || c[1] != '.' ||
            (c > written && c[-1] != ' ' && c[-1] != '.'))
            continue;
        add_symbol(p->given_initials, symbol[at - latin]);
        add_symbol(p->patronymic_initials, symbol[at - latin]);
    }
}

/* worth_keeping - a surname and more, or a role */
static int worth_keeping(const derive_person *p)
{
    return p->surname[0][0] != '\0' && (p->given[0][0] != '\0' || p->given_initials[0] != '\0' ||
                                        p->patronymic[0] != '\0' || p->role != DERIVE_ROLE_OTHER);
}

/* add_case - a case number to the document's list unless it is there */
static void add_once(GPtrArray *cases, const char *c)
{
    for (guint i = 0; i < cases->len; i++)
        if (strcmp(g_ptr_array_index(cases, i), c) == 0)
            return;
    g_ptr_array_add(cases, g_strdup(c));
}

/* read_fields - what a page's fields add to its document */
static void read_fields(ps_doc *d, const fields_page *f, GPtrArray *cases, GPtrArray *courts,
                        GPtrArray *articles, GPtrArray *labels)
{
    for (size_t i = 0; i < f->ncourts; i++) {
        add_once(courts, f->courts[i].key);
        add_once(labels, f->courts[i].label);
    }
    for (size_t i = 0; i < f->narticles; i++)
        add_once(articles, f->articles[i]);
    for (size_t i = 0; i < f->nparts; i++)
        add_once(articles, f->parts[i]);
    if (d->type == NULL || (strcmp(d->type, FIELDS_OTHER) == 0 && f->type != NULL))
        d->type = f->type;
    for (size_t i = 0; i < f->ncases; i++)
        add_once(cases, f->cases[i]);
    for (size_t i = 0; d->date[0] == '\0' && i < f->ndates; i++)
        if (!f->dates[i].birth && f->dates[i].month > 0 && f->dates[i].day > 0)
            snprintf(d->date, sizeof d->date, "%04d-%02d-%02d", f->dates[i].year % 10000,
                     f->dates[i].month % 100, f->dates[i].day % 100);
}

/* read_page - a page's fields and persons; -1 with *err when its derived
 * data is damaged */
static int read_page(persons *t, size_t doc, const item_page *page, GPtrArray *lists[4], char **err)
{
    if (page->derived == NULL)
        return 0;
    derived_page *dp = derived_page_from_json(page->derived, err);
    if (dp == NULL)
        return -1;
    read_fields(g_ptr_array_index(t->docs, doc), dp->fields, lists[0], lists[1], lists[2],
                lists[3]);
    word_cursor from = {0, 0};
    for (size_t i = 0; i < dp->npersons; i++) {
        if (!worth_keeping(&dp->persons[i]))
            continue;
        ps_mention m = {.doc = doc, .page = page->number};
        ps_parts_of(t, &dp->persons[i], &m.p);
        unsigned until = i + 1 < dp->npersons ? dp->persons[i + 1].pos : UINT_MAX;
        m.written = written_at(page->text, &from, dp->persons[i].pos, until);
        if (m.written != NULL && m.written[0] == '\0') {
            g_free(m.written);
            continue;
        }
        if (m.written != NULL)
            cyrillic_initials(m.written, &m.p);
        m.places = ps_places_of(&dp->persons[i]);
        g_array_append_val(t->mentions, m);
    }
    derived_page_free(dp);
    return 0;
}

/* read_item - one item's document and mentions, named by its first
 * reception the collections granted (NULL: any) hold; -1 when its record
 * cannot be read (what it added stays, as a document without mentions) */
static int read_item(persons *t, const char *data_dir, const char *const *granted, const char *sha,
                     char **err)
{
    item_result *r = item_result_load(data_dir, sha, err);
    if (r == NULL)
        return -1;
    item_receptions *rec = item_receptions_load(data_dir, sha, NULL);
    const item_reception *first = NULL;
    for (size_t i = 0; rec != NULL && first == NULL && i < rec->n; i++)
        if (granted == NULL || collection_reception_in(data_dir, &rec->list[i], granted))
            first = &rec->list[i];
    ps_doc *d = g_new0(ps_doc, 1);
    d->sha256 = g_strdup(sha);
    d->name = g_strdup(first ? first->name : NULL);
    d->member = g_strdup(first ? first->member : NULL);
    item_receptions_free(rec);
    g_ptr_array_add(t->docs, d);
    GPtrArray *lists[4] = {g_ptr_array_new(), g_ptr_array_new(), g_ptr_array_new(),
                           g_ptr_array_new()};
    int rc = 0;
    for (size_t i = 0; rc == 0 && i < r->npages; i++)
        rc = read_page(t, t->docs->len - 1, &r->pages[i], lists, err);
    char **out[4];
    for (int k = 0; k < 4; k++) { /* cases, courts, articles, court labels */
        g_ptr_array_add(lists[k], NULL);
        out[k] = (char **)g_ptr_array_free(lists[k], FALSE);
    }
    d->cases = out[0];
    d->courts = out[1];
    d->articles = out[2];
    d->court_labels = out[3];
    if (d->type == NULL)
        d->type = FIELDS_OTHER;
    item_result_free(r);
    return rc;
}

/* ps_collect - every done item in turn, of the collections granted, then
 * their case numbers joined into cases */
int ps_collect(persons *t, const char *data_dir, const char *const *granted, size_t *skipped,
               char **err)
{
    char **shas = NULL;
    size_t n = 0;
    if (!queue_started(data_dir))
        return 0; /* nothing received yet: no persons */
    if (queue_list(data_dir, QUEUE_DONE, &shas, &n, err) < 0)
        return -1;
    for (size_t i = 0; i < n; i++) {
        char *why = NULL;
        if (granted != NULL && !collection_member_of(data_dir, shas[i], granted))
            continue;
        if (read_item(t, data_dir, granted, shas[i], &why) < 0 && skipped != NULL)
            (*skipped)++;
        free(why);
    }
    queue_list_free(shas, n);
    for (guint i = 1; i < t->mentions->len; i++) /* a document's together (persons.c) */
        assert(g_array_index(t->mentions, ps_mention, i - 1).doc <=
               g_array_index(t->mentions, ps_mention, i).doc);
    ps_join_cases(t);
    return 0;
}
