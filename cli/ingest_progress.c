/*
 * ingest_progress.c - the progress display of `dokaz ingest` (see
 * ingest_progress.h).
 *
 * Items are counted when the index commit makes them searchable; the total
 * is the files given (counted before receiving) and an archive's members,
 * which are items too, so the total grows while they are found. The rate
 * is items a second since the first file was received; the time left is the
 * items waiting at that rate.
 *
 * Functions: ingest_progress_init, ingest_progress_received,
 * ingest_progress_update, ingest_progress_finish.
 */
#include "ingest_progress.h"

#include <stdio.h>
#include <time.h>
#include <unistd.h>

/* How often a line is shown: a terminal line is redrawn often, plain lines
 * and JSON objects are kept few. */
enum { TERMINAL_EVERY_MS = 200, LINES_EVERY_MS = 5000, JSON_EVERY_MS = 1000 };

/* now_ms - monotonic milliseconds */
static long long now_ms(void)
{
    struct timespec ts;
    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (long long)ts.tv_sec * 1000 + ts.tv_nsec / 1000000;
}

/* ingest_progress_init - choose the form from stderr and `json` */
void ingest_progress_init(ingest_progress *p, int json, size_t files)
{
    *p = (ingest_progress){.mode = json                    ? PROGRESS_JSON
                                   : isatty(STDERR_FILENO) ? PROGRESS_TERMINAL
                                                           : PROGRESS_LINES,
                           .files = files};
    p->start_ms = p->last_ms = now_ms();
}

/* show - one line of figures in the display's form */
static void show(ingest_progress *p, int final)
{
    const service_progress *s = &p->progress;
    unsigned long finished = s->done + s->failed;
    unsigned long total = finished + s->waiting;
    if (total < p->received)
        total = p->received;
    if (p->files > p->received)
        total += p->files - p->received; /* given, not received yet */
    double seconds = (double)(now_ms() - p->start_ms) / 1000.0;
    double rate = seconds > 0 ? (double)finished / seconds : 0;
    long eta = rate > 0 ? (long)((double)(total - finished) / rate + 0.5) : -1;
    if (p->mode == PROGRESS_JSON) {
        fprintf(stderr,
                "{\"received\":%zu,\"done\":%lu,\"failed\":%lu,\"total\":%lu,\"pages\":%lu,"
                "\"items_per_second\":%.1f,\"eta_seconds\":%ld,\"elapsed_seconds\":%.1f,"
                "\"final\":%s}\n",
                p->received, s->done, s->failed, total, s->pages, rate, eta, seconds,
                final ? "true" : "false");
    } else {
        fprintf(stderr,
                "%s%zu received, %lu of %lu items searchable (%lu failed), %lu pages, "
                "%.1f items/s",
                p->mode == PROGRESS_TERMINAL ? "\r\033[K" : "", p->received, finished, total,
                s->failed, s->pages, rate);
        if (eta >= 0 && !final)
            fprintf(stderr, ", %ld:%02ld left", eta / 60, eta % 60);
        if (p->mode == PROGRESS_LINES || final)
            fputc('\n', stderr);
    }
    fflush(stderr);
    p->shown = p->mode == PROGRESS_TERMINAL && !final;
    p->last_ms = now_ms();
}

/* due - whether the form's interval has passed since the last line */
static int due(const ingest_progress *p)
{
    long long every = p->mode == PROGRESS_TERMINAL ? TERMINAL_EVERY_MS
                      : p->mode == PROGRESS_JSON   ? JSON_EVERY_MS
                                                   : LINES_EVERY_MS;
    return now_ms() - p->last_ms >= every;
}

/* ingest_progress_received - count a received file, show now and then */
void ingest_progress_received(ingest_progress *p)
{
    p->received++;
    if (due(p))
        show(p, 0);
}

/* ingest_progress_update - keep the service's figures, show now and then */
void ingest_progress_update(const service_progress *progress, void *ctx)
{
    ingest_progress *p = ctx;
    p->progress = *progress;
    if (due(p))
        show(p, 0);
}

/* ingest_progress_finish - the last line */
void ingest_progress_finish(ingest_progress *p)
{
    show(p, 1);
}
