/* jixiao: the command line. It only wires the stages together:
 *   extract    files -> JSON Lines records (the main job)
 *   tables     files -> the extracted blocks and tables, as text (debugging)
 *   normalize  texts -> value objects (debugging the normalize stage) */
#include <stdio.h>
#include <string.h>

#include "common/error.h"
#include "extract/extract.h"
#include "normalize/value.h"
#include "rules/check.h"
#include "rules/form.h"
#include "rules/ruleset.h"
#include "sink/jsonl.h"

#define EXIT_SOME_FAILED 1
#define EXIT_USAGE 2

static const char USAGE[] =
    "usage: jixiao COMMAND [OPTIONS] ARGS...\n"
    "\n"
    "commands:\n"
    "  extract FILE...    write the records of each file as JSON Lines\n"
    "  tables FILE...     show the paragraphs and tables extracted from each file\n"
    "  normalize TEXT...  parse each text (or each line of stdin with -) as a value\n"
    "\n"
    "Run 'jixiao COMMAND --help' for a command's options.\n";

/* ---------- extract ---------- */

static JxRuleset *load_rules(const char *dir)
{
    JxRuleset *rs = jx_ruleset_new();
    GError *err = NULL;
    if (!jx_ruleset_load_builtin(rs, &err) || (dir && !jx_ruleset_load_dir(rs, dir, &err))) {
        fprintf(stderr, "jixiao: %s\n", err->message);
        g_error_free(err);
        jx_ruleset_free(rs);
        return NULL;
    }
    return rs;
}

typedef struct {
    guint files, failed, forms, funds, indicators;
} Totals;

/* Appends one input's records to out; FALSE when it gave an error record. */
static gboolean process_file(const char *path, const JxRuleset *rs, GString *out,
                             Totals *tot)
{
    JxDocInfo info = {.source = path, .text_source = "none"};
    GError *err = NULL;
    gchar *data = NULL;
    gsize len = 0;
    char *sha = NULL;
    JxDoc *doc = NULL;
    gboolean ok = FALSE;

    if (!g_file_get_contents(path, &data, &len, &err)) {
        GError *e = g_error_new_literal(JX_ERROR, JX_ERROR_IO, err->message);
        g_error_free(err);
        err = e;
        goto fail;
    }
    sha = g_compute_checksum_for_data(G_CHECKSUM_SHA256, (const guchar *)data, len);
    info.sha256 = sha;
    info.has_bytes = TRUE;
    info.bytes = (gint64)len;
    info.format = jx_sniff_format((const guint8 *)data, len);
    doc = jx_extract((const guint8 *)data, len, &err);
    if (!doc)
        goto fail;
    info.format = doc->format;
    info.pages = doc->pages;
    info.text_source = doc->text_source;
    info.pages_without_text = doc->pages_without_text;
    info.pages_garbled = doc->pages_garbled;
    JxResult *res = jx_forms_read(doc, rs);
    jx_check_result(res, rs);
    jx_jsonl_document(out, &info, res);
    jx_jsonl_records(out, &info, res);
    tot->forms += res->forms->len;
    tot->indicators += jx_result_indicator_count(res);
    for (guint i = 0; i < res->forms->len; i++)
        tot->funds += ((JxForm *)g_ptr_array_index(res->forms, i))->funds->len;
    jx_result_free(res);
    ok = TRUE;
    goto done;
fail:
    jx_jsonl_document(out, &info, NULL);
    jx_jsonl_error(out, &info,
                   err->domain == JX_ERROR ? jx_error_code_name(err->code) : "IO",
                   err->message);
    g_error_free(err);
done:
    jx_doc_free(doc);
    g_free(sha);
    g_free(data);
    return ok;
}

static int cmd_extract(int argc, char **argv)
{
    char *output = NULL, *rules_dir = NULL;
    gboolean quiet = FALSE;
    GOptionEntry entries[] = {
        {"quiet", 'q', 0, G_OPTION_ARG_NONE, &quiet, "Do not print the summary on stderr", NULL},
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &output, "Write JSON Lines to FILE (default: stdout)", "FILE"},
        {"rules", 0, 0, G_OPTION_ARG_FILENAME, &rules_dir, "Also load the *.rules files of DIR; they override the built-in rules", "DIR"},
        {NULL}};
    GOptionContext *ctx = g_option_context_new("FILE... - write the records of each file as JSON Lines");
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *err = NULL;
    int status = 0;
    if (!g_option_context_parse(ctx, &argc, &argv, &err) || argc < 2) {
        fprintf(stderr, "jixiao extract: %s\n", err ? err->message : "no input files");
        g_clear_error(&err);
        status = EXIT_USAGE;
        goto out;
    }
    JxRuleset *rs = load_rules(rules_dir);
    if (!rs) {
        status = EXIT_USAGE;
        goto out;
    }
    FILE *fp = output ? fopen(output, "w") : stdout;
    if (!fp) {
        fprintf(stderr, "jixiao extract: cannot write %s\n", output);
        jx_ruleset_free(rs);
        status = EXIT_USAGE;
        goto out;
    }
    GString *buf = g_string_new(NULL);
    Totals tot = {0};
    for (int i = 1; i < argc; i++) {
        g_string_truncate(buf, 0);
        tot.files++;
        if (!process_file(argv[i], rs, buf, &tot)) {
            status = EXIT_SOME_FAILED;
            tot.failed++;
        }
        fwrite(buf->str, 1, buf->len, fp); /* one document in one piece */
        fflush(fp);
    }
    g_string_free(buf, TRUE);
    if (!quiet)
        fprintf(stderr, "jixiao: %u files (%u failed): %u forms, %u fund lines, %u indicators -> %s\n",
                tot.files, tot.failed, tot.forms, tot.funds, tot.indicators,
                output ? output : "stdout");
    if (fp != stdout && fclose(fp) != 0) {
        fprintf(stderr, "jixiao extract: error writing %s\n", output);
        status = EXIT_USAGE;
    }
    jx_ruleset_free(rs);
out:
    g_option_context_free(ctx);
    g_free(output);
    g_free(rules_dir);
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
    fprintf(stderr, "jixiao: unknown command '%s'\n\n%s", argv[1], USAGE);
    return EXIT_USAGE;
}
