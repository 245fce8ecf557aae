#include "cli/pool.h"

#include <errno.h>
#ifdef __GLIBC__
#include <malloc.h>
#endif
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

/* AddressSanitizer reserves terabytes of address space for its shadow
 * memory, so an address-space cap would stop an ASan build at once: there
 * only the parent's resident-size poll enforces --max-memory. */
#if defined(__SANITIZE_ADDRESS__)
#define JX_ASAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define JX_ASAN 1
#endif
#endif

/* The exit status of a worker whose allocation failed. */
#define EXIT_NO_MEMORY 113
/* Address space a worker has beyond --max-memory: the libraries, thread
 * stacks and malloc arenas it maps but does not fill. */
#define ADDRESS_HEADROOM (1024ull << 20)

typedef struct {
    pid_t pid;
    int to, from;        /* job pipe (write end), reply pipe (read end) */
    gboolean busy;
    guint index;         /* the input it is working on */
    gint64 started;      /* monotonic µs */
    GByteArray *buf;     /* reply bytes read so far */
} Worker;

/* A reply on the wire: index (4 bytes), length (8 bytes), then the bytes. */
#define HEADER 12

static gboolean write_all(int fd, const void *p, gsize n)
{
    const char *c = p;
    while (n > 0) {
        ssize_t w = write(fd, c, n);
        if (w < 0 && errno == EINTR)
            continue;
        if (w <= 0)
            return FALSE;
        c += w;
        n -= (gsize)w;
    }
    return TRUE;
}

static gboolean read_all(int fd, void *p, gsize n)
{
    char *c = p;
    while (n > 0) {
        ssize_t r = read(fd, c, n);
        if (r < 0 && errno == EINTR)
            continue;
        if (r <= 0)
            return FALSE;
        c += r;
        n -= (gsize)r;
    }
    return TRUE;
}

/* In a worker: GLib's allocation failure ("failed to allocate N bytes", an
 * error that would abort) ends the worker with EXIT_NO_MEMORY instead, for
 * the parent to report TOO_LARGE. Every other message goes its usual way. */
static GLogWriterOutput worker_log(GLogLevelFlags level, const GLogField *fields, gsize n,
                                   gpointer data)
{
    for (gsize i = 0; (level & G_LOG_LEVEL_ERROR) && i < n; i++)
        if (!strcmp(fields[i].key, "MESSAGE") && fields[i].length < 0 &&
            strstr(fields[i].value, "failed to allocate"))
            _exit(EXIT_NO_MEMORY);
    return g_log_writer_default(level, fields, n, data);
}

/* In a worker, first thing after the fork: die with the parent (parent is
 * its pid, to catch a parent that died before the prctl), and cap the
 * address space at max_memory plus headroom (not under ASan, see JX_ASAN). */
static void worker_setup(pid_t parent, guint64 max_memory)
{
    prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (getppid() != parent)
        _exit(0);
#ifndef JX_ASAN
    if (max_memory > 0) {
        struct rlimit rl;
        if (getrlimit(RLIMIT_AS, &rl) == 0) {
            rlim_t cap = (rlim_t)MIN(max_memory, G_MAXUINT64 - ADDRESS_HEADROOM) + ADDRESS_HEADROOM;
            rl.rlim_cur = rl.rlim_max == RLIM_INFINITY ? cap : MIN(cap, rl.rlim_max);
            setrlimit(RLIMIT_AS, &rl);
        }
    }
#else
    (void)max_memory;
#endif
    g_log_set_writer_func(worker_log, NULL, NULL);
}

static void worker_main(int in, int out, JxPoolWork work, gpointer ctx)
{
#ifdef __GLIBC__
    /* Pages come one after another, each wanting the memory the last one
     * freed: keep it rather than hand it back and fault it in again (5% of
     * the time on a 200-page file). The peak stays what it was. */
    mallopt(M_TRIM_THRESHOLD, 256 << 20);
    mallopt(M_TOP_PAD, 16 << 20);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
#endif
    GString *reply = g_string_new(NULL);
    guint32 index;
    while (read_all(in, &index, sizeof index)) {
        g_string_truncate(reply, 0);
        work(index, reply, ctx);
        guint64 len = reply->len;
        char head[HEADER];
        memcpy(head, &index, 4);
        memcpy(head + 4, &len, 8);
        if (!write_all(out, head, HEADER) || !write_all(out, reply->str, reply->len))
            break;
    }
    _exit(0); /* no atexit handlers, no stdio flush of the parent's buffers */
}

static gboolean spawn(Worker *w, const JxPoolOptions *opt, const JxPoolCallbacks *cb,
                      Worker *all, int n)
{
    int jobs[2], replies[2];
    if (pipe(jobs) != 0)
        return FALSE;
    if (pipe(replies) != 0) {
        close(jobs[0]);
        close(jobs[1]);
        return FALSE;
    }
    fflush(NULL);
    pid_t parent = getpid();
    pid_t pid = fork();
    if (pid < 0) {
        close(jobs[0]); close(jobs[1]); close(replies[0]); close(replies[1]);
        return FALSE;
    }
    if (pid == 0) {
        worker_setup(parent, opt->max_memory);
        close(jobs[1]);
        close(replies[0]);
        for (int i = 0; i < n; i++) /* the other workers' pipes are not ours */
            if (all[i].pid > 0) {
                close(all[i].to);
                close(all[i].from);
            }
        signal(SIGPIPE, SIG_DFL);
        worker_main(jobs[0], replies[1], cb->work, cb->ctx);
    }
    close(jobs[0]);
    close(replies[1]);
    w->pid = pid;
    w->to = jobs[1];
    w->from = replies[0];
    w->busy = FALSE;
    w->buf = g_byte_array_new();
    return TRUE;
}

/* Ends a worker (if it still runs) and returns how it ended. */
static int reap(Worker *w)
{
    int status = 0;
    if (w->pid <= 0)
        return status;
    kill(w->pid, SIGKILL); /* no effect on one that already died */
    close(w->to);
    close(w->from);
    while (waitpid(w->pid, &status, 0) < 0 && errno == EINTR)
        ;
    g_byte_array_free(w->buf, TRUE);
    w->buf = NULL;
    w->pid = 0;
    return status;
}

/* Resident size of a process in bytes, or 0. */
static guint64 resident(pid_t pid)
{
    char path[64], line[128];
    g_snprintf(path, sizeof path, "/proc/%d/statm", (int)pid);
    FILE *f = fopen(path, "r");
    unsigned long size = 0, rss = 0;
    if (f) {
        if (fgets(line, sizeof line, f) && sscanf(line, "%lu %lu", &size, &rss) == 2)
            rss *= (unsigned long)sysconf(_SC_PAGESIZE);
        fclose(f);
    }
    return rss;
}

typedef struct {
    GHashTable *ready;   /* index -> GByteArray reply */
    guint next_out, done;
    const JxPoolCallbacks *cb;
} Out;

static void deliver(Out *o, guint index, GByteArray *reply)
{
    if (o->cb->finished)
        o->cb->finished(index, (const char *)reply->data, reply->len, o->cb->ctx);
    g_hash_table_insert(o->ready, GUINT_TO_POINTER(index), reply);
    o->done++;
    GByteArray *r;
    while ((r = g_hash_table_lookup(o->ready, GUINT_TO_POINTER(o->next_out)))) {
        o->cb->result(o->next_out, (const char *)r->data, r->len, o->cb->ctx);
        g_hash_table_remove(o->ready, GUINT_TO_POINTER(o->next_out));
        o->next_out++;
    }
}

static void fail(Out *o, Worker *w, const char *code, const char *message)
{
    GString *s = g_string_new(NULL);
    o->cb->failure(w->index, code, message, s, o->cb->ctx);
    GByteArray *b = g_byte_array_new_take((guint8 *)s->str, s->len);
    g_string_free(s, FALSE);
    deliver(o, w->index, b);
}

static void free_reply(gpointer p)
{
    g_byte_array_free(p, TRUE);
}

gboolean jx_pool_run(guint n, const JxPoolOptions *opt, const JxPoolCallbacks *cb)
{
    int nw = MAX(1, MIN(opt->workers, (int)MAX(n, 1u)));
    Worker *ws = g_new0(Worker, nw);
    Out out = {g_hash_table_new_full(NULL, NULL, NULL, free_reply), 0, 0, cb};
    void (*old_pipe)(int) = signal(SIGPIPE, SIG_IGN);
    gboolean started = FALSE;
    for (int i = 0; i < nw; i++)
        started |= spawn(&ws[i], opt, cb, ws, nw);
    if (!started) {
        g_free(ws);
        g_hash_table_destroy(out.ready);
        signal(SIGPIPE, old_pipe);
        return FALSE;
    }
    guint next_job = 0;
    struct pollfd *fds = g_new(struct pollfd, nw);
    gint64 last_tick = 0;
    while (out.done < n) {
        /* hand out work */
        for (int i = 0; i < nw && next_job < n; i++) {
            Worker *w = &ws[i];
            if (w->pid <= 0 && !spawn(w, opt, cb, ws, nw))
                continue;
            if (w->busy)
                continue;
            guint32 index = next_job++;
            w->busy = TRUE;
            w->index = index;
            w->started = g_get_monotonic_time();
            g_byte_array_set_size(w->buf, 0);
            if (!write_all(w->to, &index, sizeof index)) {
                fail(&out, w, "CRASH", "the worker could not be given the file");
                reap(w);
            }
        }
        for (int i = 0; i < nw; i++) {
            fds[i].fd = ws[i].pid > 0 && ws[i].busy ? ws[i].from : -1;
            fds[i].events = POLLIN;
            fds[i].revents = 0;
        }
        if (poll(fds, (nfds_t)nw, 100) < 0 && errno != EINTR)
            break;
        gint64 now = g_get_monotonic_time();
        for (int i = 0; i < nw; i++) {
            Worker *w = &ws[i];
            if (w->pid <= 0 || !w->busy)
                continue;
            if (fds[i].revents & (POLLIN | POLLHUP | POLLERR)) {
                guint8 chunk[65536];
                ssize_t r = read(w->from, chunk, sizeof chunk);
                if (r > 0) {
                    g_byte_array_append(w->buf, chunk, (guint)r);
                } else if (r == 0 || (r < 0 && errno != EINTR && errno != EAGAIN)) {
                    guint index = w->index;
                    int status = reap(w);
                    w->index = index;
                    if (WIFEXITED(status) && WEXITSTATUS(status) == EXIT_NO_MEMORY) {
                        fail(&out, w, "TOO_LARGE", "the worker ran out of memory (--max-memory)");
                        continue;
                    }
                    char *msg = WIFSIGNALED(status)
                                    ? g_strdup_printf("the worker died on this file (signal %d, %s)",
                                                      WTERMSIG(status), g_strsignal(WTERMSIG(status)))
                                    : g_strdup_printf("the worker exited on this file (status %d)",
                                                      WEXITSTATUS(status));
                    fail(&out, w, "CRASH", msg);
                    g_free(msg);
                    continue;
                }
                if (w->buf->len >= HEADER) {
                    guint64 len;
                    memcpy(&len, w->buf->data + 4, 8);
                    if (w->buf->len >= HEADER + len) {
                        GByteArray *reply = g_byte_array_sized_new((guint)len);
                        g_byte_array_append(reply, w->buf->data + HEADER, (guint)len);
                        deliver(&out, w->index, reply);
                        w->busy = FALSE;
                        continue;
                    }
                }
            }
            if (opt->timeout_s > 0 && now - w->started > (gint64)opt->timeout_s * G_USEC_PER_SEC) {
                char *msg = g_strdup_printf("no result after %d s (--timeout)", opt->timeout_s);
                fail(&out, w, "TIMEOUT", msg);
                g_free(msg);
                reap(w);
            } else if (opt->max_memory > 0 && resident(w->pid) > opt->max_memory) {
                char *msg = g_strdup_printf("the worker went over %" G_GUINT64_FORMAT
                                            " MB of memory (--max-memory)", opt->max_memory >> 20);
                fail(&out, w, "TOO_LARGE", msg);
                g_free(msg);
                reap(w);
            }
        }
        if (cb->tick && now - last_tick > 250000) {
            cb->tick(out.done, n, cb->ctx);
            last_tick = now;
        }
    }
    if (cb->tick)
        cb->tick(out.done, n, cb->ctx);
    for (int i = 0; i < nw; i++)
        reap(&ws[i]);
    g_free(fds);
    g_free(ws);
    g_hash_table_destroy(out.ready);
    signal(SIGPIPE, old_pipe);
    return TRUE;
}
