/* jixiao: the command line. It only wires the stages together:
 *   extract    files -> JSON Lines records (the main job)
 *   tables     files -> the extracted blocks and tables, as text (debugging)
 *   normalize  texts -> value objects (debugging the normalize stage) */
#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "cli/eval.h"
#include "cli/inputs.h"
#include "cli/pool.h"
#include "cli/process.h"
#include "common/error.h"
#include "extract/extract.h"
#include "normalize/value.h"
#include "common/ruleset.h"
#include "rules/form.h"
#include <json-glib/json-glib.h>

#include "sink/csv.h"
#include "sink/jsonl.h"
#include "sink/sqlite.h"

#define EXIT_SOME_FAILED 1
#define EXIT_USAGE 2

static const char USAGE[] =
    "usage: jixiao COMMAND [OPTIONS] ARGS...\n"
    "\n"
    "commands:\n"
    "  extract PATH...    write the records of each file (JSON Lines, SQLite, CSV)\n"
    "  tables FILE...     show the paragraphs and tables extracted from each file\n"
    "  normalize TEXT...  parse each text (or each line of stdin with -) as a value\n"
    "  merge OUT IN...    merge SQLite databases of shards into one\n"
    "  eval PATH...       score extraction against the gold files in PATH\n"
    "\n"
    "Run 'jixiao COMMAND --help' for a command's options.\n";

/* ---------- extract ---------- */

static JxRuleset *load_rules(const char *dir)
{
    JxRuleset *rs = jx_ruleset_new();
    GError *err = NULL;
    if (!jx_ruleset_load_builtin(rs, &err) || (dir && !jx_ruleset_load_dir(rs, dir, &err)) ||
        !jx_forms_check_rules(rs, &err)) {
        fprintf(stderr, "jixiao: %s\n", err->message);
        g_error_free(err);
        jx_ruleset_free(rs);
        return NULL;
    }
    return rs;
}

typedef struct {
    GPtrArray *paths;
    const JxRuleset *rs;
    GHashTable *known;   /* --resume: hashes already stored */
    FILE *jsonl;
    JxSqlite *db;
    JxCsv *csv;
    gboolean progress, sink_failed;
    gint64 started;
    guint files, failed, skipped, forms, funds, indicators;
} Run;

/* Test hook: JIXIAO_TEST_FAULTS="crash=a.pdf,hang=b.pdf,eat=c.pdf" makes a
 * worker crash, hang or eat memory on files whose name contains the text,
 * so that the isolation guarantees can be tested. */
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

/* A reply: a status line "@ failed skipped forms funds indicators", then
 * the JSON Lines of the document. */
static void work(guint index, GString *out, gpointer ctx)
{
    Run *r = ctx;
    const char *path = g_ptr_array_index(r->paths, index);
    test_fault(path);
    GString *lines = g_string_new(NULL);
    JxProcessed p = jx_process_file(path, r->rs, r->known, lines);
    g_string_append_printf(out, "@ %d %d %u %u %u\n", p.failed, p.skipped, p.forms, p.funds,
                           p.indicators);
    g_string_append_len(out, lines->str, (gssize)lines->len);
    g_string_free(lines, TRUE);
}

static void failure(guint index, const char *code, const char *message, GString *out,
                    gpointer ctx)
{
    Run *r = ctx;
    g_string_append(out, "@ 1 0 0 0 0\n");
    jx_process_failure(g_ptr_array_index(r->paths, index), code, message, out);
}

static void result(guint index, const char *reply, gsize len, gpointer ctx)
{
    Run *r = ctx;
    (void)index;
    int failed = 0, skipped = 0;
    guint forms = 0, funds = 0, inds = 0;
    const char *nl = memchr(reply, '\n', len);
    char head[64]; /* the reply is bytes with a length, not a C string */
    gsize hl = nl ? MIN((gsize)(nl - reply), sizeof head - 1) : 0;
    memcpy(head, reply, hl);
    head[hl] = '\0';
    if (!nl || sscanf(head, "@ %d %d %u %u %u", &failed, &skipped, &forms, &funds, &inds) != 5)
        return;
    const char *jsonl = nl + 1;
    gsize n = len - (gsize)(jsonl - reply);
    r->files++;
    r->failed += failed != 0;
    r->skipped += skipped != 0;
    r->forms += forms;
    r->funds += funds;
    r->indicators += inds;
    GError *err = NULL;
    if (r->jsonl && fwrite(jsonl, 1, n, r->jsonl) != n) /* one document in one piece */
        r->sink_failed = TRUE;
    if (r->jsonl)
        fflush(r->jsonl);
    if ((r->db && !jx_sqlite_put(r->db, jsonl, n, &err)) ||
        (r->csv && !jx_csv_put(r->csv, jsonl, n, &err))) {
        fprintf(stderr, "jixiao: %s\n", err->message);
        g_clear_error(&err);
        r->sink_failed = TRUE;
    }
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

static int cmd_extract(int argc, char **argv)
{
    char *output = NULL, *rules_dir = NULL, *csv_dir = NULL, *db_path = NULL, *shard = NULL;
    gboolean quiet = FALSE, progress = FALSE, resume = FALSE;
    int jobs = (int)g_get_num_processors(), timeout = 300, max_mb = 4096;
    GOptionEntry entries[] = {
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write JSON Lines to FILE (default: stdout, unless --db or --csv)", "FILE"},
        {"db", 0, 0, G_OPTION_ARG_FILENAME, &db_path, "Store the records in an SQLite database (one table per record type)", "FILE"},
        {"csv", 0, 0, G_OPTION_ARG_FILENAME, &csv_dir, "Write one CSV file per record type into DIR", "DIR"},
        {"jobs", 'j', 0, G_OPTION_ARG_INT, &jobs, "Worker processes (default: all cores)", "N"},
        {"timeout", 0, 0, G_OPTION_ARG_INT, &timeout, "Give up on a file after SEC seconds (default 300; 0: never)", "SEC"},
        {"max-memory", 0, 0, G_OPTION_ARG_INT, &max_mb, "Give up on a file whose worker goes over MB (default 4096; 0: no limit)", "MB"},
        {"resume", 0, 0, G_OPTION_ARG_NONE, &resume, "Skip documents the --db already holds (by content hash)", NULL},
        {"shard", 0, 0, G_OPTION_ARG_STRING, &shard, "Process only shard K of N (0 <= K < N): a stable split", "K/N"},
        {"progress", 0, 0, G_OPTION_ARG_NONE, &progress, "Show progress on stderr (the default on a terminal)", NULL},
        {"quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "No progress and no summary on stderr", NULL},
        {"rules", 0, 0, G_OPTION_ARG_FILENAME, &rules_dir, "Also load the *.rules files of DIR; they override the built-in rules", "DIR"},
        {NULL}};
    /* -j2 as make takes it: GOption wants -j 2 */
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
    char **owned = (char **)g_ptr_array_free(args, FALSE);
    argc = (int)g_strv_length(owned);
    argv = g_memdup2(owned, sizeof(char *) * (gsize)(argc + 1)); /* GOption shuffles argv */
    GOptionContext *ctx = g_option_context_new(
        "PATH... - write the records of each file (folders: every document in them; -: paths from stdin)");
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *err = NULL;
    int status = 0;
    guint sk = 0, sn = 1;
    Run r = {0};
    JxRuleset *rs = NULL;
    if (!g_option_context_parse(ctx, &argc, &argv, &err) || argc < 2 ||
        (shard && !parse_shard(shard, &sk, &sn)) || (resume && !db_path) || jobs < 1) {
        fprintf(stderr, "jixiao extract: %s\n",
                err ? err->message : argc < 2 ? "no input files"
                : resume && !db_path ? "--resume needs --db" : jobs < 1 ? "-j needs 1 or more"
                : "--shard takes K/N with 0 <= K < N");
        g_clear_error(&err);
        status = EXIT_USAGE;
        goto out;
    }
    if (!(rs = load_rules(rules_dir))) {
        status = EXIT_USAGE;
        goto out;
    }
    r.rs = rs;
    GPtrArray *all = jx_inputs_collect(argv + 1, argc - 1);
    r.paths = g_ptr_array_new_with_free_func(g_free);
    for (guint i = 0; i < all->len; i++)
        if (jx_inputs_in_shard(g_ptr_array_index(all, i), sk, sn))
            g_ptr_array_add(r.paths, g_strdup(g_ptr_array_index(all, i)));
    g_ptr_array_free(all, TRUE);

    if (db_path && !(r.db = jx_sqlite_open(db_path, &err))) {
        fprintf(stderr, "jixiao extract: %s\n", err->message);
        status = EXIT_USAGE;
        goto out;
    }
    if (csv_dir && !(r.csv = jx_csv_open(csv_dir, &err))) {
        fprintf(stderr, "jixiao extract: %s\n", err->message);
        status = EXIT_USAGE;
        goto out;
    }
    if (output)
        r.jsonl = fopen(output, "w");
    else if (!db_path && !csv_dir)
        r.jsonl = stdout;
    if (output && !r.jsonl) {
        fprintf(stderr, "jixiao extract: cannot write %s\n", output);
        status = EXIT_USAGE;
        goto out;
    }
    if (resume)
        r.known = jx_sqlite_known(r.db);
    r.progress = !quiet && (progress || isatty(STDERR_FILENO));
    r.started = g_get_monotonic_time();
    JxPoolOptions po = {jobs, MAX(timeout, 0), (guint64)MAX(max_mb, 0) << 20};
    if (!jx_pool_run(r.paths->len, &po, work, failure, result, tick, &r)) {
        fprintf(stderr, "jixiao extract: cannot start worker processes\n");
        status = EXIT_USAGE;
        goto out;
    }
    if (r.failed)
        status = EXIT_SOME_FAILED;
    if (r.jsonl && r.jsonl != stdout && fclose(r.jsonl) != 0)
        r.sink_failed = TRUE;
    r.jsonl = NULL;
    if (r.csv && !jx_csv_close(r.csv, &err)) {
        fprintf(stderr, "jixiao extract: %s\n", err->message);
        r.sink_failed = TRUE;
    }
    r.csv = NULL;
    if (r.sink_failed)
        status = EXIT_USAGE;
    if (!quiet)
        fprintf(stderr, "jixiao: %u files (%u failed, %u already stored): %u forms, %u fund lines, "
                        "%u indicators -> %s\n",
                r.files, r.failed, r.skipped, r.forms, r.funds, r.indicators,
                db_path ? db_path : csv_dir ? csv_dir : output ? output : "stdout");
out:
    g_clear_error(&err);
    if (r.jsonl && r.jsonl != stdout)
        fclose(r.jsonl);
    if (r.csv)
        jx_csv_close(r.csv, NULL);
    jx_sqlite_close(r.db);
    if (r.known)
        g_hash_table_destroy(r.known);
    if (r.paths)
        g_ptr_array_free(r.paths, TRUE);
    jx_ruleset_free(rs);
    g_option_context_free(ctx);
    g_free(output);
    g_free(rules_dir);
    g_free(csv_dir);
    g_free(db_path);
    g_free(shard);
    g_free(argv);
    g_strfreev(owned);
    return status;
}

/* ---------- eval ---------- */

/* The document a gold file describes: same folder, same stem. */
static char *document_for(const char *gold)
{
    char *dir = g_path_get_dirname(gold), *base = g_path_get_basename(gold);
    base[strlen(base) - strlen(".gold.jsonl")] = '\0';
    char *found = NULL;
    GDir *d = g_dir_open(dir, 0, NULL);
    const char *n;
    while (d && !found && (n = g_dir_read_name(d)))
        if (g_str_has_prefix(n, base) && n[strlen(base)] == '.' && !g_str_has_suffix(n, ".gold.jsonl"))
            found = g_build_filename(dir, n, NULL);
    if (d)
        g_dir_close(d);
    g_free(dir);
    g_free(base);
    return found;
}

static int cmp_paths(gconstpointer a, gconstpointer b)
{
    return strcmp(*(char *const *)a, *(char *const *)b);
}

static void gold_files(const char *path, GPtrArray *out)
{
    if (!g_file_test(path, G_FILE_TEST_IS_DIR)) {
        if (g_str_has_suffix(path, ".gold.jsonl"))
            g_ptr_array_add(out, g_strdup(path));
        return;
    }
    GDir *d = g_dir_open(path, 0, NULL);
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    const char *n;
    while (d && (n = g_dir_read_name(d)))
        g_ptr_array_add(names, g_build_filename(path, n, NULL));
    if (d)
        g_dir_close(d);
    g_ptr_array_sort(names, cmp_paths);
    for (guint i = 0; i < names->len; i++)
        gold_files(g_ptr_array_index(names, i), out);
    g_ptr_array_free(names, TRUE);
}

/* Compares a report with a baseline report (both --json): every field's F1
 * at least the baseline's, silent errors at most. Appends what regressed. */
static gboolean meets_baseline(const char *report, const char *baseline, GString *why)
{
    JsonNode *r = json_from_string(report, NULL), *b = json_from_string(baseline, NULL);
    gboolean ok = r && b;
    if (!ok)
        g_string_append(why, "the baseline is not JSON\n");
    for (int part = 0; ok && part < 3; part++) {
        const char *group = part == 0 ? "fields" : part == 1 ? "formats" : NULL;
        JsonObject *ro = json_node_get_object(r), *bo = json_node_get_object(b);
        JsonObject *rg = group ? json_object_get_object_member(ro, group) : ro;
        JsonObject *bg = group ? json_object_get_object_member(bo, group) : bo;
        GList *keys = json_object_get_members(bg);
        for (GList *k = keys; k; k = k->next) {
            if (!group && strcmp(k->data, "all"))
                continue;
            JsonObject *want = json_object_get_object_member(bg, k->data);
            JsonObject *got = json_object_has_member(rg, k->data) ? json_object_get_object_member(rg, k->data) : NULL;
            double wf = json_object_get_double_member(want, "f1");
            gint64 ws = json_object_get_int_member(want, "silent");
            double gf = got ? json_object_get_double_member(got, "f1") : 0;
            gint64 gs = got ? json_object_get_int_member(got, "silent") : 0;
            if (gf + 1e-9 < wf || gs > ws) {
                g_string_append_printf(why, "%s %s: f1 %.4f (baseline %.4f), silent %" G_GINT64_FORMAT
                                            " (baseline %" G_GINT64_FORMAT ")\n",
                                       group ? group : "", (const char *)k->data, gf, wf, gs, ws);
                ok = FALSE;
            }
        }
        g_list_free(keys);
    }
    if (r)
        json_node_unref(r);
    if (b)
        json_node_unref(b);
    return ok;
}

static int cmd_eval(int argc, char **argv)
{
    gboolean as_json = FALSE;
    char *baseline = NULL, *rules_dir = NULL;
    GOptionEntry entries[] = {
        {"json", 0, 0, G_OPTION_ARG_NONE, &as_json, "Print the scores as JSON (a baseline)", NULL},
        {"baseline", 0, 0, G_OPTION_ARG_FILENAME, &baseline, "Fail when a field's F1 falls under, or its silent errors rise over, this report's", "FILE"},
        {"rules", 0, 0, G_OPTION_ARG_FILENAME, &rules_dir, "Also load the *.rules files of DIR", "DIR"},
        {NULL}};
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
        gold_files(argv[i], golds);
    ev = jx_eval_new();
    for (guint i = 0; i < golds->len; i++) {
        const char *g = g_ptr_array_index(golds, i);
        char *doc = document_for(g), *gold = NULL;
        if (!doc || !g_file_get_contents(g, &gold, NULL, NULL)) {
            fprintf(stderr, "jixiao eval: %s: no document beside it\n", g);
            status = EXIT_SOME_FAILED;
        } else {
            GString *out = g_string_new(NULL);
            jx_process_file(doc, rs, NULL, out);
            if (!jx_eval_add(ev, gold, out->str, &err)) {
                fprintf(stderr, "jixiao eval: %s: %s\n", g, err->message);
                g_clear_error(&err);
                status = EXIT_SOME_FAILED;
            }
            g_string_free(out, TRUE);
        }
        g_free(gold);
        g_free(doc);
    }
    char *report = jx_eval_report(ev, as_json);
    fputs(report, stdout);
    if (baseline) {
        char *json = as_json ? g_strdup(report) : jx_eval_report(ev, TRUE), *base = NULL;
        GString *why = g_string_new(NULL);
        if (!g_file_get_contents(baseline, &base, NULL, NULL) || !meets_baseline(json, base, why)) {
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

static int cmd_tables(int argc, char **argv)
{
    GOptionContext *ctx = g_option_context_new(
        "FILE... - show paragraphs (¶) and tables (↑ ← mark cells merged from above and from the left, {RxC} a cell's span)");
    GError *err = NULL;
    int status = 0;
    if (!g_option_context_parse(ctx, &argc, &argv, &err) || argc < 2) {
        fprintf(stderr, "jixiao tables: %s\n", err ? err->message : "no input files");
        g_clear_error(&err);
        g_option_context_free(ctx);
        return EXIT_USAGE;
    }
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
        GString *o = g_string_new(NULL);
        g_string_append_printf(o, "== %s (%s, %u blocks)\n", argv[i], doc->format, doc->blocks->len);
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
        jx_doc_free(doc);
    }
    g_option_context_free(ctx);
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
        {NULL}};
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
    fprintf(stderr, "jixiao: unknown command '%s'\n\n%s", argv[1], USAGE);
    return EXIT_USAGE;
}
