/* The PostgreSQL store (sink/pg.h) against a real server: a throwaway
 * cluster in $TMPDIR/jixiao-pgtest-UID (initdb, pg_ctl; run as nobody when
 * the tests run as root, since initdb refuses root), listening only on a
 * unix socket in that folder: not under the checkout, which nobody may not
 * be let into (a clone under /root) and whose path may be too long for a
 * socket's. The binary named by $JIXIAO_BIN writes into it: the same
 * tables, columns and counts as the SQLite store; writers at once on one
 * database; writers killed with SIGKILL, then --resume. Where PostgreSQL
 * is not installed the suite says "pg: skipped" once and checks nothing. */
#include <errno.h>
#include <fcntl.h>
#include <pwd.h>
#include <signal.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <glib/gstdio.h>
#include <libpq-fe.h>
#include <sqlite3.h>

#include "common/ruleset.h"
#include "pipeline/pipeline.h"
#include "rules/record.h"
#include "sink/columns.h"
#include "sink/pg.h"
#include "tests/harness.h"

static char *pg_bin;    /* the folder of initdb and pg_ctl; NULL: not installed */
static char *cluster;   /* $TMPDIR/jixiao-pgtest-UID: data/, the socket, logs, inputs */
static gboolean started; /* the server runs */
static gboolean quiet;   /* pg_rows does not say why a query failed */

/* The inputs of every run: three corpus folders (DOCX, HTML, XLSX), a
 * damaged PDF (stored by its hash, with its error) and a path that does
 * not exist (stored by its path: no hash). */
static char *inputs[5];

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

/* The newest /usr/lib/postgresql/N/bin that has initdb and pg_ctl, or NULL. */
static char *find_pg_bin(void)
{
    GDir *d = g_dir_open("/usr/lib/postgresql", 0, NULL);
    const char *n;
    char *best = NULL;
    long best_v = -1;
    while (d && (n = g_dir_read_name(d))) {
        char *dir = g_build_filename("/usr/lib/postgresql", n, "bin", NULL);
        char *initdb = g_build_filename(dir, "initdb", NULL);
        char *pg_ctl = g_build_filename(dir, "pg_ctl", NULL);
        long v = strtol(n, NULL, 10);
        if (g_file_test(initdb, G_FILE_TEST_IS_EXECUTABLE) &&
            g_file_test(pg_ctl, G_FILE_TEST_IS_EXECUTABLE) && v > best_v) {
            g_free(best);
            best = g_strdup(dir);
            best_v = v;
        }
        g_free(dir);
        g_free(initdb);
        g_free(pg_ctl);
    }
    if (d)
        g_dir_close(d);
    return best;
}

/* Runs a PostgreSQL tool of pg_bin with args (NULL-ended), as nobody when
 * we are root; TRUE when it exits 0. What it says goes to cluster/tools.log. */
static gboolean pg_tool(const char *tool, const char *const *args)
{
    GPtrArray *argv = g_ptr_array_new_with_free_func(g_free);
    if (getuid() == 0) {
        g_ptr_array_add(argv, g_strdup("runuser"));
        g_ptr_array_add(argv, g_strdup("-u"));
        g_ptr_array_add(argv, g_strdup("nobody"));
        g_ptr_array_add(argv, g_strdup("--"));
    }
    g_ptr_array_add(argv, g_build_filename(pg_bin, tool, NULL));
    for (int i = 0; args[i]; i++)
        g_ptr_array_add(argv, g_strdup(args[i]));
    g_ptr_array_add(argv, NULL);
    char *out = NULL, *err = NULL;
    int wait = 0;
    gboolean ok = g_spawn_sync(NULL, (char **)argv->pdata, NULL, G_SPAWN_SEARCH_PATH, NULL, NULL,
                               &out, &err, &wait, NULL) &&
                  g_spawn_check_wait_status(wait, NULL);
    if (!ok)
        fprintf(stderr, "pg: %s failed: %s%s\n", tool, out ? out : "", err ? err : "");
    g_free(out);
    g_free(err);
    g_ptr_array_free(argv, TRUE);
    return ok;
}

/* The libpq conninfo of database name on the test cluster (g_free). */
static char *conninfo(const char *name)
{
    return g_strdup_printf("host=%s user=jixiao dbname=%s", cluster, name);
}

/* The URI of database name, as a user gives it to --db (g_free). */
static char *uri(const char *name)
{
    return g_strdup_printf("postgresql:///%s?host=%s&user=jixiao", name, cluster);
}

/* Runs one statement on database db (no values in it); TRUE on success. */
static gboolean pg_exec(const char *db, const char *sql)
{
    char *ci = conninfo(db);
    PGconn *c = PQconnectdb(ci);
    g_free(ci);
    PGresult *res = PQstatus(c) == CONNECTION_OK ? PQexec(c, sql) : NULL;
    gboolean ok = res && (PQresultStatus(res) == PGRES_COMMAND_OK ||
                          PQresultStatus(res) == PGRES_TUPLES_OK);
    if (!ok)
        fprintf(stderr, "pg: %s: %s\n", sql, PQerrorMessage(c));
    PQclear(res);
    PQfinish(c);
    return ok;
}

/* The rows of a query on database db, each row's fields joined by "|",
 * rows by ","; NULL when it fails (g_free). */
static char *pg_rows(const char *db, const char *sql)
{
    char *ci = conninfo(db);
    PGconn *c = PQconnectdb(ci);
    g_free(ci);
    PGresult *res = PQstatus(c) == CONNECTION_OK ? PQexec(c, sql) : NULL;
    char *out = NULL;
    if (res && PQresultStatus(res) == PGRES_TUPLES_OK) {
        GString *s = g_string_new(NULL);
        for (int r = 0; r < PQntuples(res); r++)
            for (int f = 0; f < PQnfields(res); f++)
                g_string_append_printf(s, "%s%s", f ? "|" : r ? "," : "", PQgetvalue(res, r, f));
        out = g_string_free(s, FALSE);
    } else if (!quiet) {
        fprintf(stderr, "pg: %s: %s\n", sql, PQerrorMessage(c));
    }
    PQclear(res);
    PQfinish(c);
    return out;
}

static gint64 pg_count(const char *db, const char *sql)
{
    char *v = pg_rows(db, sql);
    gint64 n = v ? g_ascii_strtoll(v, NULL, 10) : -1;
    g_free(v);
    return n;
}

static int suite_init(void)
{
    pg_bin = find_pg_bin();
    if (!pg_bin) {
        printf("pg: skipped: postgresql not installed (no /usr/lib/postgresql/*/bin/initdb)\n");
        return 0;
    }
    char *base = g_strdup_printf("jixiao-pgtest-%u", (unsigned)getuid());
    cluster = g_build_filename(g_get_tmp_dir(), base, NULL);
    g_free(base);
    char *stale = g_build_filename(cluster, "data", "postmaster.pid", NULL);
    if (g_file_test(stale, G_FILE_TEST_EXISTS)) { /* the server of a run that died */
        char *old = g_build_filename(cluster, "data", NULL);
        const char *stop[] = {"-D", old, "-m", "immediate", "-w", "stop", NULL};
        pg_tool("pg_ctl", stop);
        g_free(old);
    }
    g_free(stale);
    rm_tree(cluster);
    g_mkdir_with_parents(cluster, 0755);
    if (getuid() == 0) {
        struct passwd *pw = getpwnam("nobody");
        if (!pw || chown(cluster, pw->pw_uid, pw->pw_gid) != 0)
            fprintf(stderr, "pg: cannot give %s to nobody\n", cluster);
    }
    char *data = g_build_filename(cluster, "data", NULL);
    char *log = g_build_filename(cluster, "server.log", NULL);
    char *opts = g_strdup_printf("-k %s -c listen_addresses='' -c fsync=off -c max_connections=40",
                                 cluster);
    const char *initdb[] = {"-D", data, "-U", "jixiao", "--auth=trust", "-E", "UTF8",
                            "--locale=C", "--no-sync", NULL};
    const char *start[] = {"-D", data, "-l", log, "-o", opts, "-w", "-t", "60", "start", NULL};
    started = pg_tool("initdb", initdb) && pg_tool("pg_ctl", start);
    g_free(opts);
    g_free(log);
    g_free(data);
    inputs[0] = g_strdup("corpus/docx");
    inputs[1] = g_strdup("corpus/html");
    inputs[2] = g_strdup("corpus/xlsx");
    inputs[3] = g_build_filename(cluster, "broken.pdf", NULL);
    g_file_set_contents(inputs[3], "%PDF-1.4 not really\n", -1, NULL);
    inputs[4] = g_build_filename(cluster, "missing.pdf", NULL);
    static const char *const DBS[] = {"same", "shards", "killed", "stopped", "race"};
    for (gsize i = 0; started && i < G_N_ELEMENTS(DBS); i++) {
        char *sql = g_strdup_printf("CREATE DATABASE %s", DBS[i]);
        started = pg_exec("postgres", sql);
        g_free(sql);
    }
    return 0; /* a server that did not start fails each test, below */
}

static int suite_clean(void)
{
    if (cluster) {
        char *data = g_build_filename(cluster, "data", NULL);
        const char *stop[] = {"-D", data, "-m", "immediate", "-w", "stop", NULL};
        if (g_file_test(data, G_FILE_TEST_IS_DIR))
            pg_tool("pg_ctl", stop);
        g_free(data);
        rm_tree(cluster);
    }
    for (gsize i = 0; i < G_N_ELEMENTS(inputs); i++)
        g_clear_pointer(&inputs[i], g_free);
    g_clear_pointer(&cluster, g_free);
    g_clear_pointer(&pg_bin, g_free);
    started = FALSE;
    return 0;
}

/* TRUE when the test can run; FALSE (a failure when PostgreSQL is
 * installed but its server did not start) when not. */
static gboolean ready(void)
{
    if (!pg_bin)
        return FALSE;
    CU_ASSERT_TRUE(started);
    return started;
}

/* Starts `jixiao extract -q` with args (NULL-ended) then the inputs, with
 * the extra environment env (NAME=VALUE, NULL-ended; may be NULL). Its
 * stderr goes to cluster/run-N.err. Returns its pid. */
static pid_t launch(const char *const *args, const char *const *env)
{
    static int serial;
    char **envp = g_get_environ();
    for (int i = 0; env && env[i]; i++) {
        char **kv = g_strsplit(env[i], "=", 2);
        envp = g_environ_setenv(envp, kv[0], kv[1], TRUE);
        g_strfreev(kv);
    }
    GPtrArray *argv = g_ptr_array_new();
    g_ptr_array_add(argv, (gpointer)bin());
    g_ptr_array_add(argv, "extract");
    g_ptr_array_add(argv, "-q");
    for (int i = 0; args[i]; i++)
        g_ptr_array_add(argv, (gpointer)args[i]);
    for (gsize i = 0; i < G_N_ELEMENTS(inputs); i++)
        g_ptr_array_add(argv, inputs[i]);
    g_ptr_array_add(argv, NULL);
    char *err_path = g_strdup_printf("%s/run-%d.err", cluster, serial++);
    int err = open(err_path, O_WRONLY | O_CREAT | O_TRUNC, 0644);
    int null = open("/dev/null", O_WRONLY);
    fflush(NULL);
    pid_t pid = fork();
    if (pid == 0) {
        dup2(null, STDOUT_FILENO);
        dup2(err, STDERR_FILENO);
        execve(argv->pdata[0], (char **)argv->pdata, envp);
        _exit(127);
    }
    close(err);
    close(null);
    g_free(err_path);
    g_ptr_array_free(argv, TRUE);
    g_strfreev(envp);
    return pid;
}

/* Waits for pid; its exit status, 128 + the signal when killed. */
static int finish(pid_t pid)
{
    int wait = 0;
    while (waitpid(pid, &wait, 0) < 0 && errno == EINTR)
        ;
    return WIFEXITED(wait) ? WEXITSTATUS(wait) : 128 + WTERMSIG(wait);
}

static int run(const char *const *args, const char *const *env)
{
    return finish(launch(args, env));
}

/* Each table's row count and count of distinct documents, "documents
 * 29/28, forms 40/12, ..." (g_free), from PostgreSQL database db or, when
 * sqlite_path is set, from that SQLite file. */
static char *table_counts(const char *db, const char *sqlite_path)
{
    GString *s = g_string_new(NULL);
    sqlite3 *lite = NULL;
    if (sqlite_path && sqlite3_open_v2(sqlite_path, &lite, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
        g_string_append(s, "(cannot open)");
    for (int i = 0; i < JX_RECORD_COUNT; i++) {
        const char *t = jx_record_type(i)->table;
        char *sql = g_strdup_printf("SELECT count(*), count(DISTINCT doc) FROM %s", t);
        char *v = NULL;
        sqlite3_stmt *st = NULL;
        if (!sqlite_path) {
            v = pg_rows(db, sql);
        } else if (sqlite3_prepare_v2(lite, sql, -1, &st, NULL) == SQLITE_OK &&
                   sqlite3_step(st) == SQLITE_ROW) {
            v = g_strdup_printf("%lld|%lld", (long long)sqlite3_column_int64(st, 0),
                                (long long)sqlite3_column_int64(st, 1));
        }
        sqlite3_finalize(st);
        g_string_append_printf(s, "%s%s %s", i ? ", " : "", t, v ? v : "?");
        g_free(v);
        g_free(sql);
    }
    sqlite3_close(lite);
    return g_string_free(s, FALSE);
}

/* The column names of table t in PostgreSQL database db, or of SQLite
 * file sqlite_path when set, joined by "," (g_free). */
static char *table_columns(const char *db, const char *sqlite_path, const char *t)
{
    if (!sqlite_path) {
        char *sql = g_strdup_printf("SELECT string_agg(column_name, ',' ORDER BY ordinal_position) "
                                    "FROM information_schema.columns WHERE table_name = '%s'", t);
        char *v = pg_rows(db, sql);
        g_free(sql);
        return v;
    }
    sqlite3 *lite = NULL;
    sqlite3_stmt *st = NULL;
    GString *s = g_string_new(NULL);
    char *sql = g_strdup_printf("SELECT name FROM pragma_table_info('%s') ORDER BY cid", t);
    if (sqlite3_open_v2(sqlite_path, &lite, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(lite, sql, -1, &st, NULL) == SQLITE_OK)
        while (sqlite3_step(st) == SQLITE_ROW)
            g_string_append_printf(s, "%s%s", s->len ? "," : "", sqlite3_column_text(st, 0));
    sqlite3_finalize(st);
    sqlite3_close(lite);
    g_free(sql);
    return g_string_free(s, FALSE);
}

/* Asserts what a finished store of the inputs holds in database db: one
 * copy of every document (the unreadable file's by its path), no row of a
 * document the documents table lacks, and the per-table counts of a clean
 * single run (want, from table_counts). */
static void assert_whole(const char *db, const char *want)
{
    CU_ASSERT_EQUAL(pg_count(db, "SELECT count(*) - count(DISTINCT doc) FROM documents "
                                 "WHERE doc IS NOT NULL"), 0);
    CU_ASSERT_EQUAL(pg_count(db, "SELECT count(*) FROM documents WHERE doc IS NULL"), 1);
    for (int i = 0; i < JX_RECORD_COUNT; i++) {
        char *sql = g_strdup_printf("SELECT count(*) FROM %s WHERE doc IS NOT NULL AND doc NOT IN "
                                    "(SELECT doc FROM documents WHERE doc IS NOT NULL)",
                                    jx_record_type(i)->table);
        CU_ASSERT_EQUAL(pg_count(db, sql), 0);
        g_free(sql);
    }
    char *got = table_counts(db, NULL);
    if (strcmp(got, want) != 0)
        JX_FAIL_MSG("%s holds %s; a clean run %s", db, got, want);
    g_free(got);
}

/* The per-table counts of a clean run into "same", set by the first test. */
static char *clean_counts;

static void test_same_as_sqlite(void)
{
    if (!ready())
        return;
    char *lite = g_build_filename(cluster, "same.db", NULL);
    char *target = uri("same");
    const char *to_lite[] = {"-j2", "--db", lite, NULL};
    const char *to_pg[] = {"-j2", "--db", target, NULL};
    CU_ASSERT_EQUAL(run(to_lite, NULL), 1); /* 1: the two broken inputs failed, the rest was read */
    gint64 t0 = g_get_monotonic_time();
    CU_ASSERT_EQUAL(run(to_pg, NULL), 1);
    printf("(pg: a run stored in %.2f s) ", (g_get_monotonic_time() - t0) / 1e6);
    for (int i = 0; i < JX_RECORD_COUNT; i++) {
        const JxRecordType *t = jx_record_type(i);
        char *want = jx_column_list(t, ",");
        char *pg = table_columns("same", NULL, t->table);
        char *sq = table_columns(NULL, lite, t->table);
        if (!pg || strcmp(pg, want) != 0 || strcmp(sq, want) != 0)
            JX_FAIL_MSG("%s: columns %s in PostgreSQL, %s in SQLite, want %s", t->table,
                        pg ? pg : "?", sq, want);
        g_free(want);
        g_free(pg);
        g_free(sq);
    }
    char *pg = table_counts("same", NULL), *sq = table_counts(NULL, lite);
    if (strcmp(pg, sq) != 0)
        JX_FAIL_MSG("PostgreSQL holds %s; SQLite %s", pg, sq);
    CU_ASSERT(pg_count("same", "SELECT count(*) FROM documents") >= 15);
    CU_ASSERT(pg_count("same", "SELECT count(*) FROM indicators") >= 100);
    CU_ASSERT_EQUAL(pg_count("same", "SELECT count(*) FROM errors WHERE doc IS NULL"), 1);
    CU_ASSERT_EQUAL(pg_count("same", "SELECT count(*) FROM errors WHERE doc IS NOT NULL "
                                     "AND code = 'CORRUPT'"), 1);
    /* typed columns: amounts sum as numbers, the same as SQLite's */
    char *sum = pg_rows("same", "SELECT round(sum(confidence)::numeric, 6) FROM indicators");
    sqlite3 *db = NULL;
    sqlite3_stmt *st = NULL;
    double lite_sum = -1;
    if (sqlite3_open_v2(lite, &db, SQLITE_OPEN_READONLY, NULL) == SQLITE_OK &&
        sqlite3_prepare_v2(db, "SELECT sum(confidence) FROM indicators", -1, &st, NULL) == SQLITE_OK &&
        sqlite3_step(st) == SQLITE_ROW)
        lite_sum = sqlite3_column_double(st, 0);
    sqlite3_finalize(st);
    sqlite3_close(db);
    CU_ASSERT_DOUBLE_EQUAL(sum ? g_ascii_strtod(sum, NULL) : -2, lite_sum, 1e-5);
    g_free(sum);
    assert_whole("same", sq);
    /* a second run replaces rows instead of adding them */
    CU_ASSERT_EQUAL(run(to_pg, NULL), 1);
    assert_whole("same", sq);
    g_free(clean_counts);
    clean_counts = sq;
    g_free(pg);
    g_free(target);
    g_free(lite);
}

/* Three shard writers and two writers of everything, started at once, two
 * rounds: on an empty database they race to make the tables, and in each
 * round to store the documents they share (the writers of everything go
 * through the files in one order, so they meet on each). */
static void test_writers_at_once(void)
{
    if (!ready() || !clean_counts)
        return;
    char *target = uri("shards");
    const char *s0[] = {"-j1", "--db", target, "--shard", "0/3", NULL};
    const char *s1[] = {"-j1", "--db", target, "--shard", "1/3", NULL};
    const char *s2[] = {"-j1", "--db", target, "--shard", "2/3", NULL};
    const char *all[] = {"-j1", "--db", target, NULL};
    for (int round = 0; round < 2; round++) {
        gint64 t0 = g_get_monotonic_time();
        pid_t pids[] = {launch(all, NULL), launch(all, NULL), launch(s0, NULL), launch(s1, NULL),
                        launch(s2, NULL)};
        for (gsize i = 0; i < G_N_ELEMENTS(pids); i++) {
            int status = finish(pids[i]);
            CU_ASSERT(status == 0 || status == 1); /* 1: a run with a broken input */
        }
        printf("(pg: round %d, 5 writers at once in %.2f s) ", round + 1,
               (g_get_monotonic_time() - t0) / 1e6);
        assert_whole("shards", clean_counts);
    }
    g_free(target);
}

/* One side of test_same_document_at_once: its own connection (the two
 * open at once race to make the tables), then one put of the document
 * per round. */
#define ROUNDS 30
typedef struct {
    const JxRecords *recs;
    JxPg *pg;
    int stored;  /* puts that succeeded */
    char *error; /* the first failure, or NULL */
} Racer;

static gpointer race_open(gpointer data)
{
    Racer *r = data;
    char *ci = conninfo("race");
    GError *err = NULL;
    if (!(r->pg = jx_pg_open(ci, &err)))
        r->error = g_strdup(err->message);
    g_clear_error(&err);
    g_free(ci);
    return NULL;
}

static gpointer race_put(gpointer data)
{
    Racer *r = data;
    GError *err = NULL;
    if (r->pg && jx_pg_put(r->pg, r->recs, &err))
        r->stored++;
    else if (!r->error)
        r->error = g_strdup(err ? err->message : "no connection");
    g_clear_error(&err);
    return NULL;
}

/* Runs fn on a and b in two threads at once. */
static void both(GThreadFunc fn, Racer *a, Racer *b)
{
    GThread *ta = g_thread_new("race-a", fn, a), *tb = g_thread_new("race-b", fn, b);
    g_thread_join(ta);
    g_thread_join(tb);
}

/* Two connections storing one document at once, round after round (the
 * sink itself, in two threads): every replace is whole, so after each
 * round the database holds one copy, with the rows of one put. */
static void test_same_document_at_once(void)
{
    if (!ready())
        return;
    GError *err = NULL;
    JxRuleset *rs = jx_pipeline_rules(NULL, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(rs);
    JxDocRecords *d = jx_pipeline_file("corpus/docx/001-longgang-3forms.docx", rs, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d->result);
    CU_ASSERT(d->result->forms->len >= 3);
    JxRecords recs;
    jx_records_init(&recs, &d->info, d->result, d->error_code, d->error_message);
    Racer a = {.recs = &recs}, b = {.recs = &recs};
    both(race_open, &a, &b);
    int doubled = 0;
    for (int i = 0; i < ROUNDS && !a.error && !b.error; i++) {
        both(race_put, &a, &b);
        doubled += pg_count("race", "SELECT count(*) FROM documents") != 1 ||
                   pg_count("race", "SELECT count(*) FROM forms") != (gint64)d->result->forms->len;
    }
    if (a.error || b.error)
        JX_FAIL_MSG("a put failed: %s", a.error ? a.error : b.error);
    CU_ASSERT_EQUAL(a.stored + b.stored, 2 * ROUNDS);
    CU_ASSERT_EQUAL(doubled, 0);
    printf("(pg: %d rounds, %d with more than one copy) ", ROUNDS, doubled);
    /* the rows of one put: what one more put alone leaves */
    char *before = table_counts("race", NULL);
    race_put(&a);
    char *after = table_counts("race", NULL);
    CU_ASSERT_STRING_EQUAL(before, after);
    CU_ASSERT_EQUAL(a.stored, ROUNDS + 1);
    g_free(before);
    g_free(after);
    jx_pg_close(a.pg);
    jx_pg_close(b.pg);
    g_free(a.error);
    g_free(b.error);
    jx_doc_records_free(d);
    jx_ruleset_free(rs);
}

/* A writer killed in the middle of a document's transaction, then --resume. */
static void test_killed_in_put(void)
{
    if (!ready() || !clean_counts)
        return;
    char *target = conninfo("killed");
    const char *args[] = {"-j2", "--pg", target, NULL};
    const char *env[] = {"JIXIAO_TEST_KILL_IN_PUT=3", NULL};
    CU_ASSERT_EQUAL(run(args, env), 128 + SIGKILL);
    /* two documents whole, nothing of the third */
    CU_ASSERT_EQUAL(pg_count("killed", "SELECT count(*) FROM documents"), 2);
    CU_ASSERT_EQUAL(pg_count("killed", "SELECT count(DISTINCT doc) FROM documents"), 2);
    for (int i = 0; i < JX_RECORD_COUNT; i++) {
        char *sql = g_strdup_printf("SELECT count(*) FROM %s WHERE doc NOT IN "
                                    "(SELECT doc FROM documents WHERE doc IS NOT NULL)",
                                    jx_record_type(i)->table);
        CU_ASSERT_EQUAL(pg_count("killed", sql), 0);
        g_free(sql);
    }
    const char *resume[] = {"-j2", "--pg", target, "--resume", NULL};
    CU_ASSERT_EQUAL(run(resume, NULL), 1);
    assert_whole("killed", clean_counts);
    g_free(target);
}

/* A writer killed from outside while its workers are busy, then --resume;
 * one file hangs (a test fault), so the kill lands mid-run. */
static void test_killed_mid_run(void)
{
    if (!ready() || !clean_counts)
        return;
    char *target = uri("stopped");
    const char *args[] = {"-j2", "--timeout", "20", "--db", target, NULL};
    const char *env[] = {"JIXIAO_TEST_FAULTS=hang=corpus/html/", NULL};
    pid_t pid = launch(args, env);
    gint64 t0 = g_get_monotonic_time(), n = -1;
    gboolean running = TRUE;
    while (running && n < 4 && g_get_monotonic_time() - t0 < 15 * G_USEC_PER_SEC) {
        g_usleep(100000);
        quiet = TRUE; /* until the writer has made the tables */
        n = pg_count("stopped", "SELECT count(*) FROM documents");
        quiet = FALSE;
        running = waitpid(pid, NULL, WNOHANG) == 0;
    }
    CU_ASSERT_TRUE(running); /* the hanging file has held it up */
    CU_ASSERT(n >= 4);
    if (running) {
        kill(pid, SIGKILL);
        CU_ASSERT_EQUAL(finish(pid), 128 + SIGKILL);
    }
    gint64 kept = pg_count("stopped", "SELECT count(*) FROM documents");
    CU_ASSERT(kept >= 4);
    CU_ASSERT_EQUAL(pg_count("stopped", "SELECT count(*) - count(DISTINCT doc) FROM documents"), 0);
    const char *resume[] = {"-j2", "--db", target, "--resume", NULL};
    CU_ASSERT_EQUAL(run(resume, NULL), 1);
    assert_whole("stopped", clean_counts);
    g_free(target);
}

void jx_add_pg_tests(void)
{
    CU_pSuite s = CU_add_suite("pg", suite_init, suite_clean);
    CU_add_test(s, "the same tables, columns and counts as SQLite", test_same_as_sqlite);
    CU_add_test(s, "writers at once on one database: one copy of each document",
                test_writers_at_once);
    CU_add_test(s, "two connections storing one document at once", test_same_document_at_once);
    CU_add_test(s, "killed in a document's transaction, then --resume", test_killed_in_put);
    CU_add_test(s, "killed mid-run, then --resume", test_killed_mid_run);
}
