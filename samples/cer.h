/*
 * cer.h - character error rate of OCR output against ground truth.
 *
 * Used by the `cer` tool of the OCR benchmark and by the CER regression
 * test. Both texts are compared as Unicode characters after every run of
 * whitespace is made one space (line breaks and layout are not errors).
 */
#ifndef DOKAZ_SAMPLES_CER_H
#define DOKAZ_SAMPLES_CER_H

/* cer_distance - edit distance (insertions, deletions, substitutions) between
 * the normalised texts; *truth_len gets the normalised truth's length in
 * characters. -1 when either is not valid UTF-8. */
long cer_distance(const char *truth, const char *text, long *truth_len);

#endif
