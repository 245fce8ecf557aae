#include "cli/review.h"

#include <errno.h>
#include <stdio.h>
#include <string.h>

#include <glib/gstdio.h>

#include "cli/inputs.h"
#include "common/error.h"
#include "extract/pdf/render.h"
#include "pipeline/pipeline.h"
#include "sink/review.h"

/* The pages of a PDF for the review page (a JxReviewPageFn). */
static GBytes *draw_page(int page, const JxPageView *view, double px, gboolean picture,
                         double *w, double *h, const char **mime, gpointer ctx)
{
    GError *err = NULL;
    GBytes *png = jx_pdf_render_image(ctx, page, view, px, picture, w, h, mime, &err);
    if (!png) {
        fprintf(stderr, "jixiao review: page %d: %s\n", page, err->message);
        g_error_free(err);
    }
    return png;
}

/* The review page of the file at path into out; FALSE with *error when it
 * cannot be read (then out is untouched). */
static gboolean review_file(const char *path, const JxRuleset *rs, GString *out,
                            JxReviewCounts *counts, GError **error)
{
    gchar *data = NULL;
    gsize len = 0;
    if (!g_file_test(path, G_FILE_TEST_IS_REGULAR)) { /* a FIFO would block the read */
        g_set_error(error, JX_ERROR, JX_ERROR_IO, "not a regular file");
        return FALSE;
    }
    if (!g_file_get_contents(path, &data, &len, error))
        return FALSE;
    if (len > JX_MAX_INPUT) {
        g_set_error(error, JX_ERROR, JX_ERROR_TOO_LARGE, "over %u bytes", JX_MAX_INPUT);
        g_free(data);
        return FALSE;
    }
    JxDoc *doc = NULL;
    JxDocRecords *d = jx_pipeline_data_doc(path, (const guint8 *)data, len, rs, &doc);
    gboolean ok = d->result && doc;
    if (ok) {
        JxPdfRender *pdf = NULL;
        if (!strcmp(doc->format, "pdf"))
            pdf = jx_pdf_render_open((const guint8 *)data, len, NULL);
        jx_review_html(out, path, doc, d->result, rs, pdf ? draw_page : NULL, pdf, counts);
        jx_pdf_render_close(pdf);
    } else {
        g_set_error(error, JX_ERROR, JX_ERROR_IO, "%s: %s", d->error_code,
                    d->error_message ? d->error_message : "not read");
    }
    for (guint i = 0; i < d->notes->len; i++)
        fprintf(stderr, "jixiao review: %s: %s\n", path, (char *)g_ptr_array_index(d->notes, i));
    jx_doc_free(doc);
    jx_doc_records_free(d);
    g_free(data);
    return ok;
}

static gboolean write_page(const char *path, const GString *page)
{
    GError *err = NULL;
    if (g_file_set_contents(path, page->str, (gssize)page->len, &err))
        return TRUE;
    fprintf(stderr, "jixiao review: %s\n", err->message);
    g_error_free(err);
    return FALSE;
}

/* One page per document in dir, and dir/index.html; the exit status. */
static int review_batch(const JxInputs *in, const JxRuleset *rs, const char *dir)
{
    if (g_mkdir_with_parents(dir, 0777) != 0) {
        fprintf(stderr, "jixiao review: cannot make %s: %s\n", dir, g_strerror(errno));
        return 3;
    }
    guint n = in->paths->len;
    JxReviewEntry *entries = g_new0(JxReviewEntry, n);
    GPtrArray *owned = g_ptr_array_new_with_free_func(g_free);
    GHashTable *stems = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_hash_table_add(stems, g_strdup("index"));
    int status = 0;
    for (guint i = 0; i < n; i++) {
        const char *path = g_ptr_array_index(in->paths, i);
        GString *page = g_string_new(NULL);
        GError *err = NULL;
        entries[i].source = path;
        if (review_file(path, rs, page, &entries[i].counts, &err)) {
            char *stem = jx_inputs_stem(stems, path);
            char *href = g_strconcat(stem, ".html", NULL);
            char *file = g_build_filename(dir, href, NULL);
            if (write_page(file, page))
                entries[i].href = href;
            else
                status = 3;
            g_ptr_array_add(owned, href);
            g_free(file);
            g_free(stem);
        } else {
            fprintf(stderr, "jixiao review: %s: %s\n", path, err->message);
            g_ptr_array_add(owned, g_strdup(err->message));
            entries[i].error = g_ptr_array_index(owned, owned->len - 1);
            g_error_free(err);
            status = status ? status : 1;
        }
        g_string_free(page, TRUE);
    }
    GString *index = g_string_new(NULL);
    jx_review_index_html(index, entries, n);
    char *file = g_build_filename(dir, "index.html", NULL);
    if (!write_page(file, index))
        status = 3;
    else
        fprintf(stderr, "jixiao review: %u documents -> %s\n", n, file);
    g_free(file);
    g_string_free(index, TRUE);
    g_hash_table_destroy(stems);
    g_ptr_array_unref(owned);
    g_free(entries);
    return status;
}

int jx_cli_review(int argc, char **argv)
{
    char *out = NULL, *rules_dir = NULL;
    GOptionEntry entries[] = {
        {"output", 'o', 0, G_OPTION_ARG_FILENAME, &out,
         "Write the page to FILE (one document), or the pages and index.html into the folder "
         "FILE (a folder, several documents, or FILE an existing folder or ending in /); "
         "default review.html, or review/ for a batch", "FILE"},
        {"rules", 0, 0, G_OPTION_ARG_FILENAME, &rules_dir, "Also load the *.rules files of DIR", "DIR"},
        G_OPTION_ENTRY_NULL};
    GOptionContext *ctx = g_option_context_new(
        "PATH... - write a review page per document: each form's records beside the page "
        "(or table) they were read from, flagged values marked");
    g_option_context_add_main_entries(ctx, entries, NULL);
    GError *err = NULL;
    if (!g_option_context_parse(ctx, &argc, &argv, &err) || argc < 2) {
        fprintf(stderr, "jixiao review: %s\n", err ? err->message : "no input files");
        g_clear_error(&err);
        g_option_context_free(ctx);
        g_free(out);
        g_free(rules_dir);
        return 2;
    }
    g_option_context_free(ctx);
    JxRuleset *rs = jx_pipeline_rules(rules_dir, &err);
    g_free(rules_dir);
    if (!rs) {
        fprintf(stderr, "jixiao review: %s\n", err->message);
        g_error_free(err);
        g_free(out);
        return 2;
    }
    gboolean batch = argc > 2 || g_file_test(argv[1], G_FILE_TEST_IS_DIR) ||
                     (out && (g_str_has_suffix(out, "/") || g_file_test(out, G_FILE_TEST_IS_DIR)));
    JxInputs *in = jx_inputs_collect(argv + 1, argc - 1);
    for (guint i = 0; i < in->unread->len; i++)
        fprintf(stderr, "jixiao review: %s\n", (char *)g_ptr_array_index(in->unread, i));
    int status = in->unread->len ? 1 : 0;
    if (!in->paths->len) {
        fprintf(stderr, "jixiao review: no input files\n");
        status = 2;
    } else if (batch) {
        int s = review_batch(in, rs, out ? out : "review");
        status = MAX(status, s);
    } else {
        const char *path = g_ptr_array_index(in->paths, 0);
        GString *page = g_string_new(NULL);
        JxReviewCounts n = {0};
        if (!review_file(path, rs, page, &n, &err)) {
            fprintf(stderr, "jixiao review: %s: %s\n", path, err->message);
            g_clear_error(&err);
            status = 1;
        } else if (!write_page(out ? out : "review.html", page)) {
            status = 3;
        } else {
            fprintf(stderr, "jixiao review: %s: %u forms, %u records, %u need a look -> %s\n",
                    path, n.forms, n.records, n.need, out ? out : "review.html");
        }
        g_string_free(page, TRUE);
    }
    jx_inputs_free(in);
    jx_ruleset_free(rs);
    g_free(out);
    return status;
}
