/*
 * words.c - the words result.json uses for statuses and page sources (see
 * record.h). They are the records' on-disk format: never change one.
 *
 * Functions: item_status_name, item_status_parse, item_source_name,
 * item_source_parse.
 */
#include "record/record.h"

#include <string.h>

static const char *const status_words[] = {"done", "failed", "unsupported", "encrypted"};
static const char *const source_words[] = {"plain", "text-layer", "ocr", "text-layer+ocr"};

enum {
    N_STATUS = sizeof status_words / sizeof *status_words,
    N_SOURCE = sizeof source_words / sizeof *source_words
};

/* find_word - the index of `word` in words[0..n), or -1 */
static int find_word(const char *const *words, int n, const char *word)
{
    for (int i = 0; word != NULL && i < n; i++)
        if (strcmp(words[i], word) == 0)
            return i;
    return -1;
}

/* item_status_name - the word for a status */
const char *item_status_name(item_status status)
{
    return (unsigned)status < N_STATUS ? status_words[status] : "failed";
}

/* item_status_parse - the status for a word */
int item_status_parse(const char *word, item_status *status)
{
    int i = find_word(status_words, N_STATUS, word);
    if (i < 0)
        return -1;
    *status = (item_status)i;
    return 0;
}

/* item_source_name - the word for a page source */
const char *item_source_name(item_source source)
{
    return (unsigned)source < N_SOURCE ? source_words[source] : "plain";
}

/* item_source_parse - the page source for a word */
int item_source_parse(const char *word, item_source *source)
{
    int i = find_word(source_words, N_SOURCE, word);
    if (i < 0)
        return -1;
    *source = (item_source)i;
    return 0;
}
