/* jixiao: the command line. It only wires the library together; the work
 * on one file is the pipeline's (pipeline/pipeline.h), scoring is cli/eval.h:
 *   extract    files -> records, in worker processes (cli/pool.h), to JSON
 *              Lines, SQLite, PostgreSQL and CSV (the main job)
 *   tables     files -> the extracted blocks and tables, as text (debugging)
 *   normalize  texts -> value objects (debugging the normalize stage)
 *   merge      SQLite databases of shards -> one
 *   eval       gold files -> scores of the records of the documents beside them
 *   review     files -> a page per document of its records beside their cells (cli/review.h) */
#include <errno.h>
#include <signal.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/eval.h"
#include "cli/inputs.h"
#include "cli/pool.h"
#include "cli/review.h"
#include "common/error.h"
#include "extract/extract.h"
#include "normalize/value.h"
#include "common/ruleset.h"
#include "pipeline/pipeline.h"

#include "sink/csv.h"
#include "sink/handover.h"
#include "sink/jsonl.h"
#include "sink/pg.h"
#include "sink/sqlite.h"
#include "sink/tables.h"

#define EXIT_SOME_FAILED 1
#define EXIT_USAGE 2
#define EXIT_OUTPUT 3 /* extract: an output could not be written */

static const char USAGE[] =
    "usage: jixiao COMMAND [OPTIONS] ARGS...\n"
    "\n"
    "commands:\n"
    "  extract PATH...    write the records of each file (JSON Lines, SQLite, PostgreSQL, CSV)\n"
    "  tables FILE...     show the paragraphs and tables extracted from each file\n"
    "  normalize TEXT...  parse each text (or each line of stdin with -) as a value\n"
    "  merge OUT IN...    merge SQLite databases of shards into one\n"
    "  eval PATH...       score extraction against the gold files in PATH\n"
    "  review PATH...     write an HTML page per document: its records beside the cells they came from\n"
    "\n"
    "Run 'jixiao COMMAND --help' for a command's options.\n";

/* ---------- extract ---------- */

static JxRuleset *load_rules(const char *dir)
{
    GError *err = NULL;
    JxRuleset *rs = jx_pipeline_rules(dir, &err);
    if (!rs) {
        fprintf(stderr, "jixiao: %s\n", err->message);
        g_error_free(err);
    }
    return rs;
}

/* One output of a run, and what it failed to take. */
typedef struct {
    const char *name;    /* its path, or "stdout"; not owned */
    guint lost;          /* documents it could not take */
    gboolean failed;     /* a write failed (said once, on stderr) */
} Output;

typedef struct {
    GPtrArray *paths;
    JxInputs *inputs;    /* what the arguments gave, skipped files and unread folders included */
    const JxRuleset *rs;
    GHashTable *known;   /* --resume: hashes already stored */
    FILE *jsonl;
    JxSqlite *db;
    JxPg *pg;            /* the PostgreSQL store, instead of db */
    JxCsv *csv;
    Output out_jsonl, out_db, out_csv;
    gboolean progress;
    gint64 started;
    guint files, failed, skipped, forms, funds, indicators;
} Run;

#ifdef JX_TEST_HOOKS
/* Test hook (test build only): JIXIAO_TEST_FAULTS="crash=a.pdf,hang=b.pdf,
 * eat=c.pdf" makes a worker crash, hang or eat memory on files whose name
 * contains the text, so that the isolation guarantees can be tested. */
static void test_fault(const char *path)
{
    const char *spec = g_getenv("JIXIAO_TEST_FAULTS");
    if (!spec)
        return;
    char **faults = g_strsplit(spec, ",", -1);
    for (int i = 0; faults[i]; i++) {
        char *eq = strchr(faults[i], '=');
        if (!eq || !strstr(path, eq + 1))
            continue;
        *eq = '\0';
        if (!strcmp(faults[i], "crash"))
            raise(SIGSEGV);
        if (!strcmp(faults[i], "hang"))
            for (;;)
                g_usleep(G_USEC_PER_SEC);
        if (!strcmp(faults[i], "eat"))
            for (gsize n = 0; n < 64; n++) /* up to 4 GB, touched */
                memset(g_malloc(64u << 20), 1, 64u << 20);
    }
    g_strfreev(faults);
}
#else
static void test_fault(const char *path)
{
    (void)path;
}
#endif

/* Tells the user, on stderr, each of notes (char*) not told before by
 * this process (a worker, or an eval or tables run). */
static void tell_notes(const GPtrArray *notes)
{
    static GHashTable *told; /* char* notes, owned; lives as long as the process */
    for (guint i = 0; i < notes->len; i++) {
        const char *note = g_ptr_array_index(notes, i);
        if (!told)
            told = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
        if (g_hash_table_add(told, g_strdup(note)))
            fprintf(stderr, "jixiao: %s\n", note);
    }
}

/* The records of d as the sinks take them: a view, valid while d is. */
static JxRecords records_of(const JxDocRecords *d)
{
    JxRecords recs;
    jx_records_init(&recs, &d->info, d->result, d->error_code, d->error_message);
    return recs;
}

/* A reply: a status line "@ failed skipped forms funds indicators", then
 * the document's records as sink/handover.h serialises them (nothing for a
 * skipped file). */
static void work(guint index, GString *out, gpointer ctx)
{
    Run *r = ctx;
    const char *path = g_ptr_array_index(r->paths, index);
    test_fault(path);
    JxDocRecords *d = jx_pipeline_file(path, r->rs, r->known);
    tell_notes(d->notes);
    guint forms = d->result ? d->result->forms->len : 0, funds = 0;
    for (guint i = 0; i < forms; i++)
        funds += ((JxForm *)g_ptr_array_index(d->result->forms, i))->funds->len;
    g_string_append_printf(out, "@ %d %d %u %u %u\n", d->error_code != NULL, d->skipped, forms,
                           funds, d->result ? jx_result_indicator_count(d->result) : 0);
    if (!d->skipped) {
        JxRecords recs = records_of(d);
        jx_records_serialize(&recs, out);
    }
    jx_doc_records_free(d);
}

static void failure(guint index, const char *code, const char *message, GString *out,
                    gpointer ctx)
{
    Run *r = ctx;
    g_string_append(out, "@ 1 0 0 0 0\n");
    JxDocRecords *d = jx_pipeline_failure(g_ptr_array_index(r->paths, index), code, message);
    JxRecords recs = records_of(d);
    jx_records_serialize(&recs, out);
    jx_doc_records_free(d);
}

/* Notes that o failed to take a document (lost) or to finish (!lost),
 * saying why on stderr the first time only. */
static void output_failed(Output *o, const char *why, gboolean lost)
{
    if (!o->failed)
        fprintf(stderr, "jixiao extract: cannot write %s: %s\n", o->name, why);
    o->failed = TRUE;
    o->lost += lost != FALSE;
}

/* The status line of a reply, and where its records start (*data, *n
 * bytes: none for a skipped file). FALSE when the reply has no status line. */
static gboolean reply_head(const char *reply, gsize len, int *failed, int *skipped, guint counts[3],
                           const char **data, gsize *n)
{
    const char *nl = memchr(reply, '\n', len);
    char head[64]; /* the reply is bytes with a length, not a C string */
    gsize hl = nl ? MIN((gsize)(nl - reply), sizeof head - 1) : 0;
    memcpy(head, reply, hl);
    head[hl] = '\0';
    if (!nl || sscanf(head, "@ %d %d %u %u %u", failed, skipped, &counts[0], &counts[1],
                      &counts[2]) != 5)
        return FALSE;
    *data = nl + 1;
    *n = len - (gsize)(*data - reply);
    return TRUE;
}

/* The records of a reply (transfer full), or NULL: a skipped file, or a
 * reply that cannot be read (said on stderr when say). */
static JxRecords *reply_records(const Run *r, guint index, const char *reply, gsize len,
                                gboolean say)
{
    int failed, skipped;
    guint counts[3];
    const char *data;
    gsize n;
    if (!reply_head(reply, len, &failed, &skipped, counts, &data, &n) || n == 0)
        return NULL;
    GError *err = NULL;
    JxRecords *records = jx_records_deserialize(data, n, &err);
    if (!records && say)
        fprintf(stderr, "jixiao extract: %s: the worker's reply cannot be read: %s\n",
                (const char *)g_ptr_array_index(r->paths, index), err->message);
    g_clear_error(&err);
    return records;
}

/* As each document is done, whatever the order: the summary's counts, and
 * the --db, so that a killed run keeps every document finished. */
static void finished(guint index, const char *reply, gsize len, gpointer ctx)
{
    Run *r = ctx;
    int failed = 0, skipped = 0;
    guint counts[3] = {0, 0, 0};
    const char *data = NULL;
    gsize n = 0;
    gboolean ok = reply_head(reply, len, &failed, &skipped, counts, &data, &n);
    JxRecords *records = ok ? reply_records(r, index, reply, len, TRUE) : NULL;
    if (!ok)
        fprintf(stderr, "jixiao extract: %s: the worker's reply cannot be read\n",
                (const char *)g_ptr_array_index(r->paths, index));
    r->files++;
    r->failed += failed != 0 || !ok || (n > 0 && !records);
    r->skipped += skipped != 0;
    r->forms += counts[0];
    r->funds += counts[1];
    r->indicators += counts[2];
    GError *err = NULL;
    if (r->db && records && !jx_sqlite_put(r->db, records, &err)) {
        output_failed(&r->out_db, err->message, TRUE);
        g_clear_error(&err);
    }
    if (r->pg && records && !jx_pg_put(r->pg, records, &err)) {
        output_failed(&r->out_db, err->message, TRUE);
        g_clear_error(&err);
    }
    jx_records_free(records);
}

/* In input order: the JSON Lines (one document in one piece) and the CSV. */
static void result(guint index, const char *reply, gsize len, gpointer ctx)
{
    Run *r = ctx;
    if (!r->jsonl && !r->csv)
        return;
    JxRecords *records = reply_records(r, index, reply, len, FALSE);
    if (!records)
        return;
    if (r->jsonl) {
        GString *lines = g_string_new(NULL);
        jx_jsonl_put(lines, records);
        errno = 0;
        if (fwrite(lines->str, 1, lines->len, r->jsonl) != lines->len || fflush(r->jsonl) != 0)
            output_failed(&r->out_jsonl, errno ? g_strerror(errno) : "a short write", TRUE);
        g_string_free(lines, TRUE);
    }
    GError *err = NULL;
    if (r->csv && !jx_csv_put(r->csv, records, &err)) {
        output_failed(&r->out_csv, err->message, TRUE);
        g_clear_error(&err);
    }
    jx_records_free(records);
}

static void tick(guint done, guint total, gpointer ctx)
{
    Run *r = ctx;
    if (!r->progress)
        return;
    double secs = (g_get_monotonic_time() - r->started) / 1e6;
    double rate = secs > 0 ? done / secs : 0;
    double eta = rate > 0 ? (total - done) / rate : 0;
    fprintf(stderr, "\r%u/%u files  %.1f files/s  ETA %dm%02ds   ", done, total, rate,
            (int)eta / 60, (int)eta % 60);
    if (done == total)
        fputc('\n', stderr);
}

static gboolean parse_shard(const char *s, guint *k, guint *n)
{
    unsigned a, b;
    char extra;
    if (!s || sscanf(s, "%u/%u%c", &a, &b, &extra) != 2 || b == 0 || a >= b)
        return FALSE;
    *k = a;
    *n = b;
    return TRUE;
}

/* The options of `jixiao extract`, and the argument vector they came from. */
typedef struct {
    char *output, *format, *rules_dir, *csv_dir, *db_path, *pg, *shard;
    gboolean quiet, progress, resume, verbose;
    int jobs, timeout, max_mb;
    guint shard_k, shard_n;
    char **owned; /* the arguments, -j2 split; owned */
    char **argv;  /* what GOption left of them (not owned strings) */
    int argc;
} ExtractOptions;

/* -j2 as make takes it: GOption wants -j 2. Returns a new string vector. */
static char **split_jobs(int argc, char **argv)
{
    GPtrArray *args = g_ptr_array_new_with_free_func(g_free);
    for (int i = 0; i < argc; i++) {
        if (!strncmp(argv[i], "-j", 2) && argv[i][2] && g_ascii_isdigit(argv[i][2])) {
            g_ptr_array_add(args, g_strdup("-j"));
            g_ptr_array_add(args, g_strdup(argv[i] + 2));
        } else {
            g_ptr_array_add(args, g_strdup(argv[i]));
        }
    }
    g_ptr_array_add(args, NULL);
    return (char **)g_ptr_array_free(args, FALSE);
}

/* --format FMT -o TARGET as the store option FMT names (-o TARGET is
 * --csv TARGET for csv, --db TARGET for sqlite, --pg TARGET for pg; jsonl
 * keeps -o as it is). Returns NULL, or why the pair is wrong (static). */
static const char *format_target(ExtractOptions *o)
{
    if (!o->format || !strcmp(o->format, "jsonl"))
        return NULL;
    char **slot = !strcmp(o->format, "csv")      ? &o->csv_dir
                  : !strcmp(o->format, "sqlite") ? &o->db_path
                  : !strcmp(o->format, "pg")     ? &o->pg
                                                 : NULL;
    if (!slot)
        return "--format takes jsonl, csv, sqlite or pg";
    if (*slot)
        return "--format names a store that --csv, --db or --pg names as well";
    if (!o->output && slot != &o->pg)
        return "--format csv and sqlite need -o TARGET (a folder, a file)";
    if (slot == &o->db_path && jx_pg_is_uri(o->output))
        return "a postgresql:// target needs --format pg";
    *slot = o->output ? o->output : g_strdup(""); /* "": libpq's defaults */
    o->output = NULL;
    return NULL;
}

/* Fills o from the command line; FALSE, having said why on stderr, when
 * it is wrong. */
static gboolean parse_extract(ExtractOptions *o, int argc, char **argv)
{
    GOptionEntry entries[] = {
        {"format", 'f', 0, G_OPTION_ARG_STRING, &o->format, "Write the records as FMT into the -o TARGET: jsonl (a file; default stdout), csv (a folder), sqlite (a file), pg (a conninfo or URI; default: libpq's PG* variables)", "FMT"},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &o->output, "Write to TARGET, in the --format (default jsonl: JSON Lines; stdout unless --db, --pg or --csv)", "TARGET"},
        {"db", 0, 0, G_OPTION_ARG_FILENAME, &o->db_path, "Store the records in an SQLite database (one table per record type); a postgresql:// URI: in PostgreSQL", "FILE"},
        {"pg", 0, 0, G_OPTION_ARG_STRING, &o->pg, "Store the records in the PostgreSQL database of a libpq conninfo (host=... dbname=...) or URI; many writers may share it", "CONNINFO"},
        {"csv", 0, 0, G_OPTION_ARG_FILENAME, &o->csv_dir, "Write one CSV file per record type into DIR", "DIR"},
        {"jobs", 'j', 0, G_OPTION_ARG_INT, &o->jobs, "Worker processes (default: all cores)", "N"},
        {"timeout", 0, 0, G_OPTION_ARG_INT, &o->timeout, "Give up on a file after SEC seconds (default 300; 0: never)", "SEC"},
        {"max-memory", 0, 0, G_OPTION_ARG_INT, &o->max_mb, "Give up on a file whose worker goes over MB (default 4096; 0: no limit)", "MB"},
        {"resume", 0, 0, G_OPTION_ARG_NONE, &o->resume, "Skip documents the --db or --pg store already holds (by content hash)", NULL},
        {"shard", 0, 0, G_OPTION_ARG_STRING, &o->shard, "Process only shard K of N (0 <= K < N): a stable split; shards may share one --pg database", "K/N"},
        {"progress", 0, 0, G_OPTION_ARG_NONE, &o->progress, "Show progress on stderr (the default on a terminal)", NULL},
        {"quiet", 'q', 0, G_OPTION_ARG_NONE, &o->quiet, "No progress and no summary on stderr", NULL},
        {"verbose", 'v', 0, G_OPTION_ARG_NONE, &o->verbose, "List on stderr each file and folder a walk passed over, and why", NULL},
        {"rules", 0, 0, G_OPTION_ARG_FILENAME, &o->rules_dir, "Also load the *.rules files of DIR; they override the built-in rules", "DIR"},
        G_OPTION_ENTRY_NULL};
    o->owned = split_jobs(argc, argv);
    o->argc = (int)g_strv_length(o->owned);
    o->argv = g_memdup2(o->owned, sizeof(char *) * (gsize)(o->argc + 1)); /* GOption shuffles argv */
    GOptionContext *ctx = g_option_context_new(
        "PATH... - write the records of each file (folders: every document in them; -: paths from stdin)");
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *err = NULL;
    gboolean parsed = g_option_context_parse(ctx, &o->argc, &o->argv, &err);
    const char *bad_format = parsed ? format_target(o) : NULL;
    if (bad_format) {
        fprintf(stderr, "jixiao extract: %s\n", bad_format);
        g_option_context_free(ctx);
        return FALSE;
    }
    gboolean two_stores = o->pg && o->db_path;
    if (parsed && !o->pg && jx_pg_is_uri(o->db_path)) { /* --db postgresql://... */
        o->pg = o->db_path;
        o->db_path = NULL;
    }
    gboolean ok = parsed && o->argc >= 2 && !two_stores &&
                  (!o->shard || parse_shard(o->shard, &o->shard_k, &o->shard_n)) &&
                  (!o->resume || o->db_path || o->pg) && o->jobs >= 1;
    if (!ok)
        fprintf(stderr, "jixiao extract: %s\n",
                err ? err->message : o->argc < 2 ? "no input files"
                : two_stores ? "one store: --db or --pg, not both"
                : o->resume && !o->db_path && !o->pg ? "--resume needs --db or --pg"
                : o->jobs < 1 ? "-j needs 1 or more"
                : "--shard takes K/N with 0 <= K < N");
    g_clear_error(&err);
    g_option_context_free(ctx);
    return ok;
}

static void extract_options_clear(ExtractOptions *o)
{
    g_free(o->output);
    g_free(o->format);
    g_free(o->rules_dir);
    g_free(o->csv_dir);
    g_free(o->db_path);
    g_free(o->pg);
    g_free(o->shard);
    g_free(o->argv);
    g_strfreev(o->owned);
}

/* The inputs of the run into r: what o's arguments give (r->inputs), and
 * the paths of them that are in its shard (r->paths, g_free'd strings). */
static void run_paths(Run *r, const ExtractOptions *o)
{
    r->inputs = jx_inputs_collect(o->argv + 1, o->argc - 1);
    GPtrArray *all = r->inputs->paths;
    r->paths = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; i < all->len; i++)
        if (jx_inputs_in_shard(g_ptr_array_index(all, i), o->shard_k, o->shard_n))
            g_ptr_array_add(r->paths, g_strdup(g_ptr_array_index(all, i)));
}

/* Lists on stderr what the walks passed over, one a line. */
static void list_passed_over(const JxInputs *in)
{
    for (guint i = 0; i < in->skipped->len; i++)
        fprintf(stderr, "jixiao: skipped %s\n", (const char *)g_ptr_array_index(in->skipped, i));
    for (guint i = 0; i < in->unread->len; i++)
        fprintf(stderr, "jixiao: folder unreadable %s\n",
                (const char *)g_ptr_array_index(in->unread, i));
}

/* Opens the outputs o asks for into r (and reads the --resume hashes);
 * FALSE, having said why on stderr, when one cannot be opened. */
static gboolean open_outputs(Run *r, const ExtractOptions *o)
{
    GError *err = NULL;
    if (o->db_path && !(r->db = jx_sqlite_open(o->db_path, &err))) {
        fprintf(stderr, "jixiao extract: %s\n", err->message);
        g_error_free(err);
        return FALSE;
    }
    if (o->pg && !(r->pg = jx_pg_open(o->pg, &err))) {
        fprintf(stderr, "jixiao extract: %s\n", err->message);
        g_error_free(err);
        return FALSE;
    }
    if (o->csv_dir && !(r->csv = jx_csv_open(o->csv_dir, &err))) {
        fprintf(stderr, "jixiao extract: %s\n", err->message);
        g_error_free(err);
        return FALSE;
    }
    gboolean to_stdout = o->output ? !strcmp(o->output, "-") : !o->db_path && !o->pg && !o->csv_dir;
    if (to_stdout)
        r->jsonl = stdout;
    else if (o->output)
        r->jsonl = fopen(o->output, "w");
    if (o->output && !r->jsonl) {
        fprintf(stderr, "jixiao extract: cannot write %s: %s\n", o->output, g_strerror(errno));
        return FALSE;
    }
    r->out_jsonl.name = to_stdout ? "stdout" : o->output;
    r->out_db.name = r->pg ? jx_pg_name(r->pg) : o->db_path;
    r->out_csv.name = o->csv_dir;
    if (o->resume && r->db)
        r->known = jx_sqlite_known(r->db);
    if (o->resume && r->pg && !(r->known = jx_pg_known(r->pg, &err))) {
        fprintf(stderr, "jixiao extract: --resume: %s\n", err->message);
        g_error_free(err);
        return FALSE;
    }
    return TRUE;
}

/* Closes the JSONL and CSV outputs of a finished run; a failure to finish
 * one is noted in its Output. */
static void finish_outputs(Run *r)
{
    GError *err = NULL;
    errno = 0;
    if (r->jsonl && (r->jsonl == stdout ? fflush(r->jsonl) : fclose(r->jsonl)) != 0)
        output_failed(&r->out_jsonl, errno ? g_strerror(errno) : "cannot close", FALSE);
    r->jsonl = NULL;
    if (r->csv && !jx_csv_close(r->csv, &err)) {
        output_failed(&r->out_csv, err->message, FALSE);
        g_error_free(err);
    }
    r->csv = NULL;
}

/* Frees what r holds; outputs still open (a run that stopped early) are
 * closed without a word. */
static void run_clear(Run *r)
{
    if (r->jsonl && r->jsonl != stdout)
        fclose(r->jsonl);
    if (r->csv)
        jx_csv_close(r->csv, NULL);
    jx_sqlite_close(r->db);
    jx_pg_close(r->pg);
    if (r->known)
        g_hash_table_destroy(r->known);
    if (r->paths)
        g_ptr_array_free(r->paths, TRUE);
    jx_inputs_free(r->inputs);
}

/* One line that accounts for every file met: those read, those a walk
 * passed over, the folders that could not be read, and what each output
 * could not take. */
static void print_summary(const Run *r, const ExtractOptions *o)
{
    GString *s = g_string_new(NULL);
    g_string_append_printf(s, "jixiao: %u files (%u failed, %u already stored): %u forms, "
                              "%u fund lines, %u indicators -> %s",
                           r->files, r->failed, r->skipped, r->forms, r->funds, r->indicators,
                           r->out_db.name ? r->out_db.name : o->csv_dir ? o->csv_dir
                           : o->output ? o->output : "stdout");
    const Output *outs[] = {&r->out_jsonl, &r->out_db, &r->out_csv};
    for (gsize i = 0; i < G_N_ELEMENTS(outs); i++)
        if (outs[i]->failed)
            g_string_append_printf(s, "; %u documents not written to %s", outs[i]->lost,
                                   outs[i]->name);
    if (r->inputs->skipped->len)
        g_string_append_printf(s, "; %u skipped: not documents", r->inputs->skipped->len);
    if (r->inputs->unread->len)
        g_string_append_printf(s, "; %u %s unreadable", r->inputs->unread->len,
                               r->inputs->unread->len == 1 ? "folder" : "folders");
    fprintf(stderr, "%s\n", s->str);
    g_string_free(s, TRUE);
}

static int cmd_extract(int argc, char **argv)
{
    ExtractOptions o = {.jobs = (int)g_get_num_processors(), .timeout = 300, .max_mb = 4096,
                        .shard_n = 1};
    Run r = {0};
    JxRuleset *rs = NULL;
    int status = EXIT_USAGE;
    if (!parse_extract(&o, argc, argv) || !(rs = load_rules(o.rules_dir)))
        goto out;
    r.rs = rs;
    run_paths(&r, &o);
    if (o.verbose)
        list_passed_over(r.inputs);
    if (!open_outputs(&r, &o)) {
        status = EXIT_OUTPUT;
        goto out;
    }
    r.progress = !o.quiet && (o.progress || isatty(STDERR_FILENO));
    r.started = g_get_monotonic_time();
    JxPoolOptions po = {o.jobs, MAX(o.timeout, 0), (guint64)MAX(o.max_mb, 0) << 20};
    JxPoolCallbacks cb = {work, failure, finished, result, tick, &r};
    if (!jx_pool_run(r.paths->len, &po, &cb)) {
        fprintf(stderr, "jixiao extract: cannot start worker processes\n");
        goto out;
    }
    finish_outputs(&r);
    status = r.out_jsonl.failed || r.out_db.failed || r.out_csv.failed ? EXIT_OUTPUT
             : r.failed || r.inputs->unread->len ? EXIT_SOME_FAILED : 0;
    if (!o.quiet)
        print_summary(&r, &o);
out:
    run_clear(&r);
    jx_ruleset_free(rs);
    extract_options_clear(&o);
    return status;
}

/* ---------- eval ---------- */

/* Adds to ev the records of the document beside the gold file g against
 * it; FALSE, having said why on stderr, when either cannot be read. */
static gboolean score_gold(JxEval *ev, const char *g, const JxRuleset *rs)
{
    char *doc = jx_eval_document_for(g), *gold = NULL;
    GError *read_err = NULL;
    gboolean ok = doc && g_file_get_contents(g, &gold, NULL, &read_err);
    if (!doc) {
        fprintf(stderr, "jixiao eval: %s: no document beside it\n", g);
    } else if (!ok) {
        fprintf(stderr, "jixiao eval: %s\n", read_err->message);
        g_error_free(read_err);
    } else {
        JxDocRecords *d = jx_pipeline_file(doc, rs, NULL);
        tell_notes(d->notes);
        GString *out = g_string_new(NULL);
        JxRecords recs = records_of(d);
        jx_jsonl_put(out, &recs);
        jx_doc_records_free(d);
        GError *err = NULL;
        if (!(ok = jx_eval_add(ev, gold, out->str, &err))) {
            fprintf(stderr, "jixiao eval: %s: %s\n", g, err->message);
            g_error_free(err);
        }
        g_string_free(out, TRUE);
    }
    g_free(gold);
    g_free(doc);
    return ok;
}

static int cmd_eval(int argc, char **argv)
{
    gboolean as_json = FALSE;
    char *baseline = NULL, *rules_dir = NULL;
    GOptionEntry entries[] = {
        {"json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print the scores as JSON (a baseline)", NULL},
        {"baseline", 0, 0, G_OPTION_ARG_FILENAME, &baseline, "Fail when a field's F1 falls under, or its silent or confident errors rise over, this report's", "FILE"},
        {"rules", 0, 0, G_OPTION_ARG_FILENAME, &rules_dir, "Also load the *.rules files of DIR", "DIR"},
        G_OPTION_ENTRY_NULL};
    GOptionContext *ctx = g_option_context_new(
        "PATH... - score extraction against the *.gold.jsonl files in PATH (folders: walked)");
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *err = NULL;
    int status = 0;
    JxRuleset *rs = NULL;
    JxEval *ev = NULL;
    GPtrArray *golds = g_ptr_array_new_with_free_func(g_free);
    if (!g_option_context_parse(ctx, &argc, &argv, &err) || argc < 2) {
        fprintf(stderr, "jixiao eval: %s\n", err ? err->message : "no gold files or folders");
        status = EXIT_USAGE;
        goto out;
    }
    if (!(rs = load_rules(rules_dir))) {
        status = EXIT_USAGE;
        goto out;
    }
    for (int i = 1; i < argc; i++)
        jx_eval_gold_files(argv[i], golds);
    ev = jx_eval_new();
    for (guint i = 0; i < golds->len; i++)
        if (!score_gold(ev, g_ptr_array_index(golds, i), rs))
            status = EXIT_SOME_FAILED;
    char *report = jx_eval_report(ev, as_json);
    fputs(report, stdout);
    if (baseline) {
        char *json = as_json ? g_strdup(report) : jx_eval_report(ev, TRUE), *base = NULL;
        GString *why = g_string_new(NULL);
        GError *read_err = NULL;
        if (!g_file_get_contents(baseline, &base, NULL, &read_err)) {
            fprintf(stderr, "jixiao eval: the baseline cannot be read: %s\n", read_err->message);
            g_error_free(read_err);
            status = EXIT_SOME_FAILED;
        } else if (!jx_eval_meets_baseline(json, base, why)) {
            fprintf(stderr, "jixiao eval: worse than %s:\n%s", baseline,
                    why->len ? why->str : "the baseline cannot be read\n");
            status = EXIT_SOME_FAILED;
        }
        g_string_free(why, TRUE);
        g_free(base);
        g_free(json);
    }
    g_free(report);
out:
    g_clear_error(&err);
    jx_eval_free(ev);
    g_ptr_array_free(golds, TRUE);
    jx_ruleset_free(rs);
    g_option_context_free(ctx);
    g_free(baseline);
    g_free(rules_dir);
    return status;
}

/* ---------- merge ---------- */

static int cmd_merge(int argc, char **argv)
{
    GOptionContext *ctx = g_option_context_new("OUT.db IN.db... - merge the databases of shards into one");
    GError *err = NULL;
    int status = 0;
    if (!g_option_context_parse(ctx, &argc, &argv, &err) || argc < 3) {
        fprintf(stderr, "jixiao merge: %s\n", err ? err->message : "need OUT.db and IN.db...");
        status = EXIT_USAGE;
    } else if (!jx_sqlite_merge(argv[1], argv + 2, argc - 2, &err)) {
        fprintf(stderr, "jixiao merge: %s\n", err->message);
        status = EXIT_SOME_FAILED;
    }
    g_clear_error(&err);
    g_option_context_free(ctx);
    return status;
}

/* ---------- tables ---------- */

static void show_text(GString *o, const char *s, glong max)
{
    glong n = 0;
    for (const char *p = s; *p && n < max; p = g_utf8_next_char(p), n++) {
        gunichar c = g_utf8_get_char(p);
        if (c == '\n')
            g_string_append(o, "⏎");
        else if (c == '\t')
            g_string_append(o, "⇥");
        else
            g_string_append_unichar(o, c);
    }
    if (g_utf8_strlen(s, -1) > max)
        g_string_append(o, "…");
}

static void show_table(GString *o, const JxTable *t, int index)
{
    g_string_append_printf(o, "table %d: %d rows x %d columns\n", index, t->nrows, t->ncols);
    for (int r = 0; r < t->nrows; r++) {
        g_string_append_printf(o, "  r%-3d", r);
        for (int c = 0; c < t->ncols; c++) {
            const JxCell *cell = jx_table_cell_at(t, r, c);
            g_string_append(o, " | ");
            if (!cell)
                g_string_append(o, "∅");
            else if (cell->row != r)
                g_string_append(o, "↑");
            else if (cell->col != c)
                g_string_append(o, "←");
            else {
                if (cell->rowspan > 1 || cell->colspan > 1)
                    g_string_append_printf(o, "{%dx%d}", cell->rowspan, cell->colspan);
                show_text(o, cell->text, 40);
            }
        }
        g_string_append(o, "\n");
    }
}

static void show_doc(const char *path, const JxDoc *doc)
{
    GString *o = g_string_new(NULL);
    g_string_append_printf(o, "== %s (%s, %u blocks)\n", path, doc->format, doc->blocks->len);
    int ntables = 0;
    for (guint b = 0; b < doc->blocks->len; b++) {
        const JxBlock *blk = g_ptr_array_index(doc->blocks, b);
        if (blk->page > 0)
            g_string_append_printf(o, "[p%d] ", blk->page);
        if (blk->kind == JX_BLOCK_PARAGRAPH) {
            g_string_append(o, "¶ ");
            show_text(o, blk->text, 200);
            g_string_append_c(o, '\n');
        } else {
            show_table(o, blk->table, ntables++);
        }
    }
    fwrite(o->str, 1, o->len, stdout);
    g_string_free(o, TRUE);
}

/* tables' --format FMT -o TARGET as --json (jsonl: TARGET stays the file
 * to write) or --csv TARGET. Returns NULL, or why the pair is wrong. */
static const char *tables_target(const char *format, char **target, gboolean *json,
                                 char **csv_dir)
{
    if (!format || !strcmp(format, "text"))
        return *target ? "-o needs --format jsonl or csv" : NULL;
    if (!strcmp(format, "jsonl")) {
        *json = TRUE;
        return NULL;
    }
    if (strcmp(format, "csv"))
        return "--format takes text, jsonl or csv";
    if (!*target || *csv_dir)
        return !*target ? "--format csv needs -o DIR" : "--format csv and --csv: one of them";
    *csv_dir = *target;
    *target = NULL;
    return NULL;
}

static int cmd_tables(int argc, char **argv)
{
    gboolean json = FALSE;
    char *csv_dir = NULL, *format = NULL, *target = NULL;
    GOptionEntry entries[] = {
        {"format", 'f', 0, G_OPTION_ARG_STRING, &format,
         "Write the tables as FMT into the -o TARGET: text (the default), jsonl (as --json; a file, default stdout) or csv (as --csv; a folder)", "FMT"},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &target,
         "Write to TARGET, in the --format", "TARGET"},
        {"json", 0, 0, G_OPTION_ARG_NONE, &json,
         "Write each file's tables as one JSON line (page, box, cells with row, col, spans, text)", NULL},
        {"csv", 0, 0, G_OPTION_ARG_FILENAME, &csv_dir,
         "Write each table as DIR/NAME-tN.csv (NAME: the file's name without its extension)", "DIR"},
        {NULL, 0, 0, 0, NULL, NULL, NULL}};
    GOptionContext *ctx = g_option_context_new(
        "FILE... - show paragraphs (¶) and tables (↑ ← mark cells merged from above and from the left, {RxC} a cell's span)");
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *err = NULL;
    int status = 0;
    FILE *out = stdout;
    const char *bad = NULL;
    int rc = 0;
    if (!g_option_context_parse(ctx, &argc, &argv, &err) || argc < 2 ||
        (bad = tables_target(format, &target, &json, &csv_dir))) {
        fprintf(stderr, "jixiao tables: %s\n", err ? err->message : bad ? bad : "no input files");
        rc = EXIT_USAGE;
    } else if (target && strcmp(target, "-") && !(out = fopen(target, "w"))) {
        fprintf(stderr, "jixiao tables: cannot write %s: %s\n", target, g_strerror(errno));
        rc = EXIT_OUTPUT;
    }
    if (rc) {
        g_clear_error(&err);
        g_option_context_free(ctx);
        g_free(csv_dir);
        g_free(format);
        g_free(target);
        return rc;
    }
    GHashTable *stems = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    for (int i = 1; i < argc; i++) {
        gchar *data = NULL;
        gsize len = 0;
        JxDoc *doc = NULL;
        if (g_file_get_contents(argv[i], &data, &len, &err))
            doc = jx_extract((const guint8 *)data, len, &err);
        g_free(data);
        if (!doc) {
            fprintf(stderr, "jixiao tables: %s: %s\n", argv[i], err->message);
            g_clear_error(&err);
            status = EXIT_SOME_FAILED;
            continue;
        }
        tell_notes(doc->notes);
        if (json) {
            GString *o = g_string_new(NULL);
            jx_tables_json(o, argv[i], doc);
            fwrite(o->str, 1, o->len, out);
            g_string_free(o, TRUE);
        }
        if (csv_dir) {
            char *stem = jx_inputs_stem(stems, argv[i]);
            int n = 0;
            if (!jx_tables_csv(csv_dir, stem, doc, &n, &err)) {
                fprintf(stderr, "jixiao tables: %s\n", err->message);
                g_clear_error(&err);
                status = EXIT_SOME_FAILED;
            }
            g_free(stem);
        }
        if (!json && !csv_dir)
            show_doc(argv[i], doc);
        jx_doc_free(doc);
    }
    g_hash_table_destroy(stems);
    if (out != stdout && fclose(out) != 0) {
        fprintf(stderr, "jixiao tables: cannot write %s: %s\n", target, g_strerror(errno));
        status = EXIT_OUTPUT;
    }
    g_option_context_free(ctx);
    g_free(csv_dir);
    g_free(format);
    g_free(target);
    return status;
}

/* ---------- normalize ---------- */

static void print_value(const char *text, const char *unit)
{
    JxValue v;
    jx_value_parse(text, unit, &v);
    GString *o = g_string_new(NULL);
    jx_jsonl_value(o, &v);
    g_string_append_c(o, '\n');
    fwrite(o->str, 1, o->len, stdout);
    g_string_free(o, TRUE);
    jx_value_clear(&v);
}

static int cmd_normalize(int argc, char **argv)
{
    char *unit = NULL;
    GOptionEntry entries[] = {
        {"unit", 'u', 0, G_OPTION_ARG_FILENAME, &unit, "Money unit a table header declares (元, 万元, 亿元) for bare numbers", "UNIT"},
        G_OPTION_ENTRY_NULL};
    GOptionContext *ctx = g_option_context_new("TEXT...|- - print the value object of each text, one JSON object per line");
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *err = NULL;
    if (!g_option_context_parse(ctx, &argc, &argv, &err) || argc < 2) {
        fprintf(stderr, "jixiao normalize: %s\n", err ? err->message : "no text given");
        g_clear_error(&err);
        g_option_context_free(ctx);
        g_free(unit);
        return EXIT_USAGE;
    }
    for (int i = 1; i < argc; i++) {
        if (strcmp(argv[i], "--") == 0)
            continue; /* end of options: "-5%" is a text */
        if (strcmp(argv[i], "-") == 0) {
            char line[65536];
            while (fgets(line, sizeof line, stdin)) {
                line[strcspn(line, "\r\n")] = '\0';
                print_value(line, unit);
            }
        } else {
            print_value(argv[i], unit);
        }
    }
    g_option_context_free(ctx);
    g_free(unit);
    return 0;
}

int main(int argc, char **argv)
{
    /* the character set only (help texts hold 万元; numbers stay C) */
    setlocale(LC_CTYPE, "");
    if (argc < 2 || !strcmp(argv[1], "--help") || !strcmp(argv[1], "-h")) {
        fputs(USAGE, argc < 2 ? stderr : stdout);
        return argc < 2 ? EXIT_USAGE : 0;
    }
    if (!strcmp(argv[1], "--version")) {
        puts("jixiao " JX_VERSION);
        return 0;
    }
    if (!strcmp(argv[1], "extract"))
        return cmd_extract(argc - 1, argv + 1);
    if (!strcmp(argv[1], "tables"))
        return cmd_tables(argc - 1, argv + 1);
    if (!strcmp(argv[1], "normalize"))
        return cmd_normalize(argc - 1, argv + 1);
    if (!strcmp(argv[1], "merge"))
        return cmd_merge(argc - 1, argv + 1);
    if (!strcmp(argv[1], "eval"))
        return cmd_eval(argc - 1, argv + 1);
    if (!strcmp(argv[1], "review"))
        return jx_cli_review(argc - 1, argv + 1);
    fprintf(stderr, "jixiao: unknown command '%s'\n\n%s", argv[1], USAGE);
    return EXIT_USAGE;
}
