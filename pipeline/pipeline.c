#include "pipeline/pipeline.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "common/error.h"
#include "extract/extract.h"
#include "normalize/ocr_cells.h"
#include "normalize/prose.h"
#include "rules/check.h"
#include "rules/fact_check.h"
#include "rules/facts.h"
#include "rules/form.h"

/* Reads a regular file whole; FIFOs, devices and folders are refused
 * before anything blocks on them. */
static gboolean read_input(const char *path, gchar **data, gsize *len, GError **error)
{
    int fd = open(path, O_RDONLY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {
        g_set_error(error, JX_ERROR, JX_ERROR_IO, "cannot open: %s", g_strerror(errno));
        return FALSE;
    }
    struct stat st;
    gboolean ok = FALSE;
    if (fstat(fd, &st) != 0) {
        g_set_error(error, JX_ERROR, JX_ERROR_IO, "cannot stat: %s", g_strerror(errno));
    } else if (!S_ISREG(st.st_mode)) {
        g_set_error(error, JX_ERROR, JX_ERROR_IO, "not a regular file");
    } else if ((guint64)st.st_size > JX_MAX_INPUT) {
        g_set_error(error, JX_ERROR, JX_ERROR_TOO_LARGE, "%" G_GUINT64_FORMAT " bytes (limit %u)",
                    (guint64)st.st_size, JX_MAX_INPUT);
    } else {
        close(fd);
        fd = -1;
        GError *e = NULL;
        ok = g_file_get_contents(path, data, len, &e);
        if (!ok) {
            g_set_error(error, JX_ERROR, JX_ERROR_IO, "%s", e->message);
            g_error_free(e);
        }
    }
    if (fd >= 0)
        close(fd);
    return ok;
}

static JxDocRecords *records_new(const char *source)
{
    JxDocRecords *d = g_new0(JxDocRecords, 1);
    d->info.source = g_strdup(source);
    d->info.text_source = "none";
    d->notes = g_ptr_array_new_with_free_func(g_free);
    return d;
}

/* Gives d the error err (taken): the records of a file that was not read. */
static void set_error(JxDocRecords *d, GError *err)
{
    d->error_code = g_strdup(err->domain == JX_ERROR ? jx_error_code_name(err->code) : "IO");
    d->error_message = g_strdup(err->message);
    g_error_free(err);
}

/* The figures in the prose of a 决算说明 or a 自评报告; a document of
 * forms has none (its figures are in its tables). */
static void read_facts(JxResult *res, const JxDoc *doc, const JxRuleset *rs)
{
    if (strcmp(res->kind, "final_accounts") != 0 && strcmp(res->kind, "eval_report") != 0)
        return;
    GPtrArray *prose = jx_prose_read(doc, rs);
    jx_facts_read(prose, rs, res->facts);
    g_ptr_array_unref(prose);
    jx_facts_check(res->facts, rs);
}

/* The pipeline once the bytes are in hand: hash, extract, forms, facts, checks. */
static void run(JxDocRecords *d, const guint8 *data, gsize len, const JxRuleset *rs,
                GHashTable *known, JxDoc **keep)
{
    char *sha = g_compute_checksum_for_data(G_CHECKSUM_SHA256, data, len);
    if (known && g_hash_table_contains(known, sha)) {
        d->skipped = TRUE;
        g_free(sha);
        return;
    }
    d->info.sha256 = sha;
    d->info.has_bytes = TRUE;
    d->info.bytes = (gint64)len;
    d->info.format = jx_sniff_format(data, len);
    GError *err = NULL;
    JxDoc *doc = jx_extract_rules(data, len, rs, &err);
    if (!doc) {
        set_error(d, err);
        return;
    }
    d->info.format = doc->format;
    d->info.pages = doc->pages;
    d->info.text_source = doc->text_source;
    d->info.pages_without_text = g_array_copy(doc->pages_without_text);
    d->info.pages_garbled = g_array_copy(doc->pages_garbled);
    g_ptr_array_unref(d->notes);
    d->notes = g_ptr_array_ref(doc->notes); /* outlives the doc */
    jx_normalize_ocr(doc, rs);
    d->result = jx_forms_read(doc, rs);
    jx_check_result(d->result, rs);
    read_facts(d->result, doc, rs);
    GPtrArray *limits = jx_ruleset_take_limit_reports(rs); /* a rule that gave up: once */
    for (guint i = 0; i < limits->len; i++)
        g_ptr_array_add(d->notes, g_strdup(g_ptr_array_index(limits, i)));
    g_ptr_array_unref(limits);
    if (keep)
        *keep = doc;
    else
        jx_doc_free(doc);
}

JxRuleset *jx_pipeline_rules(const char *dir, GError **error)
{
    JxRuleset *rs = jx_ruleset_new();
    if (!jx_ruleset_load_builtin(rs, error) || (dir && !jx_ruleset_load_dir(rs, dir, error)) ||
        !jx_forms_check_rules(rs, error) || !jx_facts_check_rules(rs, error)) {
        jx_ruleset_free(rs);
        return NULL;
    }
    return rs;
}

JxDocRecords *jx_pipeline_file(const char *path, const JxRuleset *rs, GHashTable *known)
{
    g_return_val_if_fail(path != NULL && rs != NULL, NULL);
    JxDocRecords *d = records_new(path);
    GError *err = NULL;
    gchar *data = NULL;
    gsize len = 0;
    if (read_input(path, &data, &len, &err))
        run(d, (const guint8 *)data, len, rs, known, NULL);
    else
        set_error(d, err);
    g_free(data);
    return d;
}

JxDocRecords *jx_pipeline_data_doc(const char *source, const guint8 *data, gsize len,
                                   const JxRuleset *rs, JxDoc **doc)
{
    g_return_val_if_fail(source != NULL && rs != NULL && (data != NULL || len == 0), NULL);
    if (doc)
        *doc = NULL;
    JxDocRecords *d = records_new(source);
    run(d, data ? data : (const guint8 *)"", len, rs, NULL, doc);
    return d;
}

JxDocRecords *jx_pipeline_data(const char *source, const guint8 *data, gsize len,
                               const JxRuleset *rs)
{
    return jx_pipeline_data_doc(source, data, len, rs, NULL);
}

JxDocRecords *jx_pipeline_failure(const char *path, const char *code, const char *message)
{
    g_return_val_if_fail(path != NULL && code != NULL && message != NULL, NULL);
    JxDocRecords *d = records_new(path);
    struct stat st;
    if (stat(path, &st) == 0 && S_ISREG(st.st_mode)) { /* hash it in pieces */
        FILE *f = fopen(path, "rb");
        if (f) {
            GChecksum *c = g_checksum_new(G_CHECKSUM_SHA256);
            guchar buf[1 << 16];
            size_t n;
            while ((n = fread(buf, 1, sizeof buf, f)) > 0)
                g_checksum_update(c, buf, n);
            fclose(f);
            d->info.sha256 = g_strdup(g_checksum_get_string(c));
            g_checksum_free(c);
            d->info.has_bytes = TRUE;
            d->info.bytes = (gint64)st.st_size;
        }
    }
    d->error_code = g_strdup(code);
    d->error_message = g_strdup(message);
    return d;
}

void jx_doc_records_free(JxDocRecords *d)
{
    if (!d)
        return;
    g_free((char *)d->info.source);
    g_free((char *)d->info.sha256);
    if (d->info.pages_without_text)
        g_array_unref((GArray *)d->info.pages_without_text);
    if (d->info.pages_garbled)
        g_array_unref((GArray *)d->info.pages_garbled);
    jx_result_free(d->result);
    g_free(d->error_code);
    g_free(d->error_message);
    g_ptr_array_unref(d->notes);
    g_free(d);
}
