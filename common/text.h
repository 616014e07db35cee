/*
 * text.h - names and other untrusted text made safe to print: the one form
 * in which a file name that is not UTF-8, or holds a newline or another
 * control character, is shown everywhere (JSON, HTML, the log, line
 * output), so that it can neither spoil a JSON document nor split a line.
 */
#ifndef DOKAZ_COMMON_TEXT_H
#define DOKAZ_COMMON_TEXT_H

/* text_safe - `s` with every byte that is not part of valid UTF-8 and every
 * control character (U+0000-U+001F, U+007F) written as "\xNN"; valid
 * text comes back unchanged, so applying it twice changes nothing more.
 * Never NULL (NULL gives ""); malloc'd, the caller frees it. */
char *text_safe(const char *s);

/* text_is_safe - 1 if text_safe(s) would return s unchanged */
int text_is_safe(const char *s);

struct json_object;

/* text_safe_json - text_safe(s) as a new JSON string the caller owns (NULL,
 * JSON's null, for NULL) */
struct json_object *text_safe_json(const char *s);

#endif
