/* Worker processes for a run: each input is handled in a forked worker, so
 * that a file that crashes, hangs or eats memory takes only its worker
 * down. The parent enforces the time limit and the memory limit (resident
 * size), replaces lost workers, and hands the results back in input order
 * whatever finishes first. */
#ifndef JX_POOL_H
#define JX_POOL_H

#include <glib.h>

typedef struct {
    int workers;           /* >= 1 */
    int timeout_s;         /* per file; 0 = none */
    guint64 max_memory;    /* bytes of resident memory per worker; 0 = none */
} JxPoolOptions;

/* In a worker: handles input `index` and appends its reply to out (owned
 * by the pool). A worker handles many inputs, one after the other. */
typedef void (*JxPoolWork)(guint index, GString *out, gpointer ctx);
/* In the parent: appends to out the reply for a worker that died on input
 * `index` (code "CRASH", "TIMEOUT" or "TOO_LARGE", and a message). */
typedef void (*JxPoolFailure)(guint index, const char *code, const char *message,
                              GString *out, gpointer ctx);
/* In the parent, once per input, in input order: the reply's len bytes
 * (not NUL-terminated; transfer none). */
typedef void (*JxPoolResult)(guint index, const char *reply, gsize len, gpointer ctx);
/* In the parent, now and then while the run goes on; may be NULL. */
typedef void (*JxPoolTick)(guint done, guint total, gpointer ctx);

/* Runs inputs 0..n-1 in up to o->workers forked workers, calling result for
 * each; ctx is passed to every callback. Returns TRUE when every input
 * had its result (a worker lost on one is a failure reply, not a failed
 * run); FALSE only when no worker could be started. */
gboolean jx_pool_run(guint n, const JxPoolOptions *o, JxPoolWork work,
                     JxPoolFailure failure, JxPoolResult result, JxPoolTick tick,
                     gpointer ctx);

#endif
