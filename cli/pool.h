/* Worker processes for a run: each input is handled in a forked worker, so
 * that a file that crashes, hangs or eats memory takes only its worker
 * down. The parent enforces the time limit and the memory limit (resident
 * size; the worker also caps its address space), replaces lost workers,
 * and hands each result back twice: as soon as it is there, and in input
 * order whatever finishes first. A worker dies with the parent. */
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
/* In the parent, once per input: the reply's len bytes (not NUL-terminated;
 * transfer none). */
typedef void (*JxPoolResult)(guint index, const char *reply, gsize len, gpointer ctx);
/* In the parent, now and then while the run goes on; may be NULL. */
typedef void (*JxPoolTick)(guint done, guint total, gpointer ctx);

/* The callbacks of a run; ctx is passed to every one. */
typedef struct {
    JxPoolWork work;
    JxPoolFailure failure;
    JxPoolResult finished; /* as each reply comes, in the order they come; may be NULL */
    JxPoolResult result;   /* after finished, in input order */
    JxPoolTick tick;       /* may be NULL */
    gpointer ctx;
} JxPoolCallbacks;

/* Runs inputs 0..n-1 in up to o->workers forked workers, calling finished
 * and result for each. A worker that runs out of memory (GLib's allocation
 * failure, under the address-space cap of max_memory) gives a TOO_LARGE
 * failure. Returns TRUE when every input had its result (a worker lost on
 * one is a failure reply, not a failed run); FALSE only when no worker
 * could be started. */
gboolean jx_pool_run(guint n, const JxPoolOptions *o, const JxPoolCallbacks *cb);

#endif
