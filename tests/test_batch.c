/* A batch run that accounts for everything (cli/inputs.h, cli/pool.h,
 * `jixiao extract`): what a folder walk passes over is counted and listed,
 * a failed output is said and has its exit status, workers die with the
 * parent, and --db stores each document as soon as it is done. The
 * end-to-end cases run the binary named by $JIXIAO_BIN. */
#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "cli/inputs.h"
#include "tests/harness.h"

#define NOBODY 65534

static const char *bin(void)
{
    const char *b = g_getenv("JIXIAO_BIN");
    return b ? b : "build/jixiao";
}

static void rm_tree(const char *path)
{
    struct stat st;
    if (lstat(path, &st) != 0)
        return;
    if (S_ISDIR(st.st_mode)) {
        g_chmod(path, 0700);
        GDir *d = g_dir_open(path, 0, NULL);
        const char *n;
        while (d && (n = g_dir_read_name(d))) {
            char *sub = g_build_filename(path, n, NULL);
            rm_tree(sub);
            g_free(sub);
        }
        if (d)
            g_dir_close(d);
        g_rmdir(path);
    } else {
        g_unlink(path);
    }
}

static void copy_file(const char *from, const char *to)
{
    char *data = NULL;
    gsize len = 0;
    CU_ASSERT_TRUE_FATAL(g_file_get_contents(from, &data, &len, NULL));
    CU_ASSERT_TRUE(g_file_set_contents(to, data, (gssize)len, NULL));
    g_free(data);
}

/* A folder of what a crawl meets: a good DOCX, an empty x.pdf, a
 * random-bytes y.pdf, notes.txt, a symbolic link loop and a subfolder
 * nobody but root can read (mode 000, with a DOCX in it). Readable and
 * searchable by everyone itself, for the run as nobody. Returns its path
 * (g_free; rm_tree it). */
static char *crawl_folder(void)
{
    char *dir = g_dir_make_tmp("jixiao-batch-XXXXXX", NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);
    g_chmod(dir, 0755);
    char *p = g_build_filename(dir, "a-good.docx", NULL);
    copy_file("corpus/docx/000-form3-edited.docx", p);
    g_free(p);
    p = g_build_filename(dir, "x.pdf", NULL);
    g_file_set_contents(p, "", 0, NULL);
    g_free(p);
    guint8 noise[4096];
    guint32 seed = 12345;
    for (gsize i = 0; i < sizeof noise; i++) {
        seed = seed * 1103515245u + 12345u;
        noise[i] = (guint8)(seed >> 16);
    }
    p = g_build_filename(dir, "y.pdf", NULL);
    g_file_set_contents(p, (const char *)noise, sizeof noise, NULL);
    g_free(p);
    p = g_build_filename(dir, "notes.txt", NULL);
    g_file_set_contents(p, "just notes\n", -1, NULL);
    g_free(p);
    p = g_build_filename(dir, "loop", NULL);
    CU_ASSERT_EQUAL(symlink("loop", p), 0);
    g_free(p);
    p = g_build_filename(dir, "locked", NULL);
    g_mkdir(p, 0755);
    char *q = g_build_filename(p, "hidden.docx", NULL);
    copy_file("corpus/docx/000-form3-edited.docx", q);
    g_free(q);
    g_chmod(p, 0);
    g_free(p);
    return dir;
}

/* A run of the binary. */
typedef struct {
    pid_t pid;
    char *out_path, *err_path; /* its stdout and stderr */
} Proc;

/* Starts the binary with args (NULL-ended) and the extra environment env
 * (NAME=VALUE, NULL-ended; may be NULL), as nobody when as_nobody, its
 * output into files of dir. */
static Proc launch(const char *dir, const char *const *args, const char *const *env,
                   gboolean as_nobody)
{
    static int serial;
    Proc p = {0};
    p.out_path = g_strdup_printf("%s/stdout-%d", dir, serial);
    p.err_path = g_strdup_printf("%s/stderr-%d", dir, serial++);
    char **envp = g_get_environ();
    for (int i = 0; env && env[i]; i++) {
        char **kv = g_strsplit(env[i], "=", 2);
        envp = g_environ_setenv(envp, kv[0], kv[1], TRUE);
        g_strfreev(kv);
    }
    GPtrArray *argv = g_ptr_array_new();
    g_ptr_array_add(argv, (gpointer)bin());
    for (int i = 0; args[i]; i++)
        g_ptr_array_add(argv, (gpointer)args[i]);
    g_ptr_array_add(argv, NULL);
    int out = open(p.out_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int err = open(p.err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    fflush(NULL);
    p.pid = fork();
    if (p.pid == 0) {
        dup2(out, STDOUT_FILENO);
        dup2(err, STDERR_FILENO);
        if (as_nobody && (setgid(NOBODY) != 0 || setuid(NOBODY) != 0))
            _exit(126);
        execve(argv->pdata[0], (char **)argv->pdata, envp);
        _exit(127);
    }
    close(out);
    close(err);
    g_ptr_array_free(argv, TRUE);
    g_strfreev(envp);
    return p;
}

/* Waits for p; returns its exit status (128 + signal when killed), and
 * sets *out and *err to what it wrote (g_free; either may be NULL). */
static int finish(Proc *p, char **out, char **err)
{
    int wait = 0;
    while (waitpid(p->pid, &wait, 0) < 0 && errno == EINTR)
        ;
    if (out && !g_file_get_contents(p->out_path, out, NULL, NULL))
        *out = g_strdup("");
    if (err && !g_file_get_contents(p->err_path, err, NULL, NULL))
        *err = g_strdup("");
    g_free(p->out_path);
    g_free(p->err_path);
    return WIFEXITED(wait) ? WEXITSTATUS(wait) : 128 + WTERMSIG(wait);
}

/* The error code of the error record of source in JSON Lines, or "". */
static char *error_code(const char *jsonl, const char *source)
{
    char *src = g_strdup_printf("\"source\":\"%s\"", source);
    char **lines = g_strsplit(jsonl, "\n", -1);
    char *code = g_strdup("");
    for (int i = 0; lines[i]; i++) {
        const char *c = strstr(lines[i], "\"code\":\"");
        if (strstr(lines[i], "\"type\":\"error\"") && strstr(lines[i], src) && c) {
            g_free(code);
            code = g_strndup(c + 8, strcspn(c + 8, "\""));
        }
    }
    g_strfreev(lines);
    g_free(src);
    return code;
}

static int count_of(const char *text, const char *what)
{
    int n = 0;
    for (const char *p = text; (p = strstr(p, what)); p += strlen(what))
        n++;
    return n;
}

static void test_inputs_account(void)
{
    CU_ASSERT_TRUE(jx_inputs_named_document("a/b/Report.PDF"));
    CU_ASSERT_TRUE(jx_inputs_named_document("x.Docx"));
    CU_ASSERT_TRUE(jx_inputs_named_document("t.et"));
    CU_ASSERT_TRUE(jx_inputs_named_document("t.htm"));
    CU_ASSERT_FALSE(jx_inputs_named_document("notes.txt"));
    CU_ASSERT_FALSE(jx_inputs_named_document("dir.pdf/notes"));
    CU_ASSERT_FALSE(jx_inputs_named_document(".pdf"));
    CU_ASSERT_FALSE(jx_inputs_named_document("pdf"));

    char *dir = crawl_folder();
    char *args[] = {dir};
    JxInputs *in = jx_inputs_collect(args, 1);
    /* root reads a mode-000 folder: only another user finds it unreadable */
    gboolean root = geteuid() == 0;
    static const char *const WANT[] = {"/a-good.docx", "/locked/hidden.docx", "/x.pdf", "/y.pdf"};
    CU_ASSERT_EQUAL(in->paths->len, root ? 4u : 3u);
    for (guint i = 0, k = 0; i < in->paths->len && k < G_N_ELEMENTS(WANT); i++, k++) {
        k += !root && k == 1; /* no hidden.docx */
        if (!g_str_has_suffix(g_ptr_array_index(in->paths, i), WANT[k]))
            JX_FAIL_MSG("path %u is %s, expected ...%s", i,
                        (const char *)g_ptr_array_index(in->paths, i), WANT[k]);
    }
    CU_ASSERT_EQUAL(in->skipped->len, 2);
    if (in->skipped->len == 2) {
        CU_ASSERT_PTR_NOT_NULL(strstr(g_ptr_array_index(in->skipped, 0), "/loop: a link that leads nowhere"));
        CU_ASSERT_PTR_NOT_NULL(strstr(g_ptr_array_index(in->skipped, 1), "/notes.txt: not a document"));
    }
    CU_ASSERT_EQUAL(in->unread->len, root ? 0u : 1u);
    jx_inputs_free(in);
    rm_tree(dir);
    g_free(dir);
}

static void test_walk_summary(void)
{
    char *dir = crawl_folder();
    char *work = g_dir_make_tmp("jixiao-batch-out-XXXXXX", NULL);
    /* as root, the run drops to nobody so that the mode-000 folder is
     * unreadable to it; when it cannot even start as nobody that case is skipped */
    gboolean nobody = geteuid() == 0;
    const char *args[] = {"extract", "-j2", dir, NULL};
    Proc p = launch(work, args, NULL, nobody);
    char *out, *err;
    int status = finish(&p, &out, &err);
    if (nobody && (status == 126 || status == 127)) {
        printf("\n    (test_walk_summary: cannot run %s as nobody (status %d), the unreadable "
               "folder is not tested; the run goes as root)\n", bin(), status);
        nobody = FALSE;
        g_free(out);
        g_free(err);
        p = launch(work, args, NULL, FALSE);
        status = finish(&p, &out, &err);
    }
    CU_ASSERT_EQUAL(status, 1); /* x.pdf and y.pdf gave error records */
    char *good = g_strdup_printf("%s/a-good.docx", dir), *x = g_strdup_printf("%s/x.pdf", dir),
         *y = g_strdup_printf("%s/y.pdf", dir);
    char *src = g_strdup_printf("\"source\":\"%s\"", good);
    CU_ASSERT_PTR_NOT_NULL(strstr(out, src));
    CU_ASSERT_EQUAL(count_of(out, "\"type\":\"form\""), nobody ? 1 : 2);
    char *cx = error_code(out, x), *cy = error_code(out, y);
    CU_ASSERT_STRING_EQUAL(cx, "EMPTY");
    CU_ASSERT_TRUE(!strcmp(cy, "UNSUPPORTED") || !strcmp(cy, "CORRUPT"));
    CU_ASSERT_EQUAL(count_of(out, "\"type\":\"document\""), nobody ? 3 : 4);
    /* the summary accounts for every file met */
    CU_ASSERT_PTR_NOT_NULL(strstr(err, nobody ? "jixiao: 3 files (2 failed" : "jixiao: 4 files (2 failed"));
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "; 2 skipped: not documents"));
    if (nobody)
        CU_ASSERT_PTR_NOT_NULL(strstr(err, "; 1 folder unreadable"));
    CU_ASSERT_PTR_NULL(strstr(err, "skipped /")); /* listed only with -v */
    g_free(out);
    g_free(err);

    /* -v lists them, one a line */
    const char *verbose[] = {"extract", "-q", "-v", dir, NULL};
    p = launch(work, verbose, NULL, nobody);
    status = finish(&p, &out, &err);
    CU_ASSERT_EQUAL(status, 1);
    char *want = g_strdup_printf("jixiao: skipped %s/notes.txt: not a document\n", dir);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, want));
    g_free(want);
    want = g_strdup_printf("jixiao: skipped %s/loop: a link that leads nowhere", dir);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, want));
    g_free(want);
    if (nobody) {
        want = g_strdup_printf("jixiao: folder unreadable %s/locked: ", dir);
        CU_ASSERT_PTR_NOT_NULL(strstr(err, want));
        g_free(want);
    }
    CU_ASSERT_PTR_NULL(strstr(err, "files (")); /* -q: no summary */
    g_free(out);
    g_free(err);
    g_free(cx);
    g_free(cy);
    g_free(src);
    g_free(good);
    g_free(x);
    g_free(y);
    rm_tree(dir);
    rm_tree(work);
    g_free(dir);
    g_free(work);
}

static void test_output_failure(void)
{
    char *work = g_dir_make_tmp("jixiao-batch-out-XXXXXX", NULL);
    const char *args[] = {"extract", "-o", "/dev/full", "corpus/docx/000-form3-edited.docx", NULL};
    Proc p = launch(work, args, NULL, FALSE);
    char *err;
    int status = finish(&p, NULL, &err);
    CU_ASSERT_EQUAL(status, 3);
    CU_ASSERT_EQUAL(count_of(err, "jixiao extract: cannot write /dev/full: No space left on device\n"), 1);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "; 1 documents not written to /dev/full"));
    g_free(err);
    /* an output that cannot be opened is an output failure too, not a usage error */
    const char *noopen[] = {"extract", "-q", "-o", "/nonexistent/jixiao/out.jsonl",
                            "corpus/docx/000-form3-edited.docx", NULL};
    p = launch(work, noopen, NULL, FALSE);
    status = finish(&p, NULL, &err);
    CU_ASSERT_EQUAL(status, 3);
    CU_ASSERT_PTR_NOT_NULL(strstr(err, "cannot write /nonexistent/jixiao/out.jsonl"));
    g_free(err);
    rm_tree(work);
    g_free(work);
}

/* The state letter of /proc/pid/stat, or 0 when there is no such process. */
static char proc_state(pid_t pid)
{
    char *path = g_strdup_printf("/proc/%d/stat", (int)pid), *text = NULL;
    char state = 0;
    if (g_file_get_contents(path, &text, NULL, NULL)) {
        const char *close_paren = strrchr(text, ')');
        if (close_paren && close_paren[1])
            state = close_paren[2];
    }
    g_free(text);
    g_free(path);
    return state;
}

/* Does process pid have NAME=VALUE var in its environment? */
static gboolean proc_has_env(pid_t pid, const char *var)
{
    char *path = g_strdup_printf("/proc/%d/environ", (int)pid), *text = NULL;
    gsize len = 0;
    gboolean found = FALSE;
    if (g_file_get_contents(path, &text, &len, NULL))
        for (gsize i = 0; i < len && !found; i += strlen(text + i) + 1)
            found = !strcmp(text + i, var);
    g_free(text);
    g_free(path);
    return found;
}

/* The processes whose environment holds var, alive (not zombies), into pids. */
static void find_marked(const char *var, GArray *pids)
{
    g_array_set_size(pids, 0);
    GDir *d = g_dir_open("/proc", 0, NULL);
    const char *n;
    while (d && (n = g_dir_read_name(d))) {
        if (!g_ascii_isdigit(n[0]))
            continue;
        pid_t pid = (pid_t)atoi(n);
        char st = proc_state(pid);
        if (st && st != 'Z' && st != 'X' && proc_has_env(pid, var))
            g_array_append_val(pids, pid);
    }
    if (d)
        g_dir_close(d);
}

static void test_workers_die_with_parent(void)
{
    char *work = g_dir_make_tmp("jixiao-batch-out-XXXXXX", NULL);
    char *marker = g_strdup_printf("hang-%d-%d.docx", (int)getpid(), g_random_int_range(0, 1 << 30));
    char *file = g_build_filename(work, marker, NULL);
    copy_file("corpus/docx/000-form3-edited.docx", file);
    char *var = g_strdup_printf("JIXIAO_TEST_FAULTS=hang=%s", marker);
    const char *env[] = {var, NULL};
    const char *args[] = {"extract", "-q", "-j1", "--timeout", "0", file, NULL};
    Proc p = launch(work, args, env, FALSE);
    GArray *pids = g_array_new(FALSE, FALSE, sizeof(pid_t));
    /* wait for the worker (a marked process that is not the run itself) */
    gboolean worker = FALSE;
    for (int i = 0; i < 200 && !worker; i++) {
        g_usleep(50000);
        find_marked(var, pids);
        for (guint k = 0; k < pids->len; k++)
            worker |= g_array_index(pids, pid_t, k) != p.pid;
    }
    CU_ASSERT_TRUE_FATAL(worker);
    g_usleep(500000); /* well into the hang */
    kill(p.pid, SIGKILL);
    CU_ASSERT_EQUAL(finish(&p, NULL, NULL), 128 + SIGKILL);
    for (int i = 0; i < 20; i++) {
        g_usleep(50000);
        find_marked(var, pids);
        if (pids->len == 0)
            break;
    }
    CU_ASSERT_EQUAL(pids->len, 0); /* no worker outlives the run by a second */
    for (guint k = 0; k < pids->len; k++)
        kill(g_array_index(pids, pid_t, k), SIGKILL);
    g_array_free(pids, TRUE);
    g_free(var);
    g_free(file);
    g_free(marker);
    rm_tree(work);
    g_free(work);
}

/* Documents in the database at path, or -1 when it cannot be read yet. */
static gint64 stored(const char *path)
{
    sqlite3 *db = NULL;
    gint64 n = -1;
    sqlite3_stmt *st = NULL;
    if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_busy_timeout(db, 200) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "SELECT count(*) FROM documents", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        n = sqlite3_column_int64(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    return n;
}

static void test_db_stores_as_done(void)
{
    char *work = g_dir_make_tmp("jixiao-batch-out-XXXXXX", NULL);
    char *in = g_build_filename(work, "in", NULL);
    g_mkdir(in, 0755);
    /* the first file hangs; the fast ones after it are stored while it does */
    static const char *const FAST[] = {"000-form3-edited", "000-tongzhou-5forms", "001-longgang-3forms",
                                       "003-guangshui-common", "003-guangshui-goals"};
    char *p = g_build_filename(in, "000-slow.docx", NULL);
    copy_file("corpus/docx/2021-template-cost.docx", p);
    g_free(p);
    for (gsize i = 0; i < G_N_ELEMENTS(FAST); i++) {
        char *from = g_strdup_printf("corpus/docx/%s.docx", FAST[i]);
        p = g_strdup_printf("%s/%s.docx", in, FAST[i]);
        copy_file(from, p);
        g_free(p);
        g_free(from);
    }
    char *db = g_build_filename(work, "run.db", NULL);
    const char *env[] = {"JIXIAO_TEST_FAULTS=hang=000-slow.docx", NULL};
    const char *args[] = {"extract", "-q", "-j2", "--timeout", "5", "--db", db, in, NULL};
    gint64 t0 = g_get_monotonic_time();
    Proc run = launch(work, args, env, FALSE);
    gint64 n = -1;
    gboolean running = TRUE;
    while (g_get_monotonic_time() - t0 < 4500000 && n < (gint64)G_N_ELEMENTS(FAST) && running) {
        g_usleep(100000);
        n = stored(db);
        running = waitpid(run.pid, NULL, WNOHANG) == 0;
    }
    /* the slow file still hangs (its timeout is not due) and the rest is stored */
    CU_ASSERT_TRUE(running);
    CU_ASSERT_EQUAL(n, (gint64)G_N_ELEMENTS(FAST));
    if (running) {
        kill(run.pid, SIGKILL);
        CU_ASSERT_EQUAL(finish(&run, NULL, NULL), 128 + SIGKILL);
    } else {
        g_free(run.out_path);
        g_free(run.err_path);
    }
    CU_ASSERT_EQUAL(stored(db), (gint64)G_N_ELEMENTS(FAST)); /* a killed run keeps what was done */
    g_free(db);
    g_free(in);
    rm_tree(work);
    g_free(work);
}

void jx_add_batch_tests(void)
{
    CU_pSuite s = CU_add_suite("batch", NULL, NULL);
    CU_add_test(s, "a walk keeps what it passes over", test_inputs_account);
    CU_add_test(s, "the summary accounts for every file met", test_walk_summary);
    CU_add_test(s, "a failed output is said and exits 3", test_output_failure);
    CU_add_test(s, "workers die with the parent", test_workers_die_with_parent);
    CU_add_test(s, "--db stores each document as it is done", test_db_stores_as_done);
}
