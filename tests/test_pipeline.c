/* The pipeline of one file (pipeline/pipeline.h), in-process: a corpus
 * DOCX read from disk and from memory, files that cannot be read, a file
 * already known, a file no worker finished. */
#include <string.h>

#include <glib/gstdio.h>

#include "pipeline/pipeline.h"
#include "tests/harness.h"

#define DOCX "corpus/docx/001-longgang-3forms.docx"
#define DOCX_SHA "1d3fa0ee8453d33f4364d8c5e51d70de12b4b1fb114d8d06ee61e05f77105e90"
#define EMPTY_SHA "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"

static JxRuleset *rules(void)
{
    JxRuleset *rs = jx_ruleset_new();
    CU_ASSERT_TRUE_FATAL(jx_ruleset_load_builtin(rs, NULL));
    return rs;
}

/* What its gold file says of DOCX: 3 forms, 12 fund lines, 31 indicators. */
static void expect_docx(const JxDocRecords *d, const char *source)
{
    CU_ASSERT_PTR_NULL(d->error_code);
    CU_ASSERT_PTR_NULL(d->error_message);
    CU_ASSERT_FALSE(d->skipped);
    CU_ASSERT_STRING_EQUAL(d->info.source, source);
    CU_ASSERT_STRING_EQUAL(d->info.sha256, DOCX_SHA);
    CU_ASSERT_TRUE(d->info.has_bytes);
    CU_ASSERT_EQUAL(d->info.bytes, 5414);
    CU_ASSERT_STRING_EQUAL(d->info.format, "docx");
    CU_ASSERT_STRING_EQUAL(d->info.text_source, "native");
    CU_ASSERT_PTR_NOT_NULL_FATAL(d->info.pages_without_text);
    CU_ASSERT_EQUAL(d->info.pages_without_text->len, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d->notes);
    CU_ASSERT_EQUAL(d->notes->len, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d->result);
    CU_ASSERT_STRING_EQUAL(d->result->kind, "project_self_eval");
    CU_ASSERT_EQUAL(d->result->year, 2023);
    CU_ASSERT_EQUAL_FATAL(d->result->forms->len, 3);
    CU_ASSERT_EQUAL(jx_result_indicator_count(d->result), 31);
    guint funds = 0;
    for (guint i = 0; i < d->result->forms->len; i++)
        funds += ((const JxForm *)g_ptr_array_index(d->result->forms, i))->funds->len;
    CU_ASSERT_EQUAL(funds, 12);
    const JxForm *f = g_ptr_array_index(d->result->forms, 0);
    CU_ASSERT_STRING_EQUAL(f->project_name, "党建事务");
    CU_ASSERT_TRUE(f->total_score.set);
    CU_ASSERT_DOUBLE_EQUAL(f->total_score.v, 99.89, 1e-9);
    CU_ASSERT_EQUAL_FATAL(f->indicators->len > 0, TRUE);
    const JxIndicator *ind = g_ptr_array_index(f->indicators, 0);
    CU_ASSERT_STRING_EQUAL(ind->name, "推动非公企业应建尽建党组织");
    CU_ASSERT_EQUAL(ind->target.kind, JX_KIND_NUMBER);
    CU_ASSERT_DOUBLE_EQUAL(ind->target.value, 2, 1e-9);
    CU_ASSERT_STRING_EQUAL(ind->target.unit, "家");
}

static void test_docx_file_and_data(void)
{
    JxRuleset *rs = rules();
    JxDocRecords *d = jx_pipeline_file(DOCX, rs, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    expect_docx(d, DOCX);
    jx_doc_records_free(d);

    gchar *data = NULL;
    gsize len = 0;
    CU_ASSERT_TRUE_FATAL(g_file_get_contents(DOCX, &data, &len, NULL));
    d = jx_pipeline_data("in-memory.docx", (const guint8 *)data, len, rs);
    g_free(data); /* not kept */
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    expect_docx(d, "in-memory.docx");
    jx_doc_records_free(d);
    jx_ruleset_free(rs);
}

/* A file whose hash is known: skipped, no records, no error. */
static void test_known_is_skipped(void)
{
    JxRuleset *rs = rules();
    GHashTable *known = g_hash_table_new_full(g_str_hash, g_str_equal, g_free, NULL);
    g_hash_table_add(known, g_strdup(DOCX_SHA));
    JxDocRecords *d = jx_pipeline_file(DOCX, rs, known);
    CU_ASSERT_TRUE(d->skipped);
    CU_ASSERT_PTR_NULL(d->result);
    CU_ASSERT_PTR_NULL(d->error_code);
    jx_doc_records_free(d);
    /* another hash: read as usual */
    g_hash_table_remove_all(known);
    g_hash_table_add(known, g_strdup(EMPTY_SHA));
    d = jx_pipeline_file(DOCX, rs, known);
    CU_ASSERT_FALSE(d->skipped);
    CU_ASSERT_PTR_NOT_NULL(d->result);
    jx_doc_records_free(d);
    g_hash_table_destroy(known);
    jx_ruleset_free(rs);
}

static void expect_error(const JxDocRecords *d, const char *source, const char *code,
                         const char *message_part)
{
    CU_ASSERT_PTR_NOT_NULL_FATAL(d);
    CU_ASSERT_PTR_NULL(d->result);
    CU_ASSERT_FALSE(d->skipped);
    CU_ASSERT_STRING_EQUAL(d->info.source, source);
    CU_ASSERT_STRING_EQUAL(d->info.text_source, "none");
    CU_ASSERT_PTR_NULL(d->info.pages_without_text);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d->error_code);
    CU_ASSERT_STRING_EQUAL(d->error_code, code);
    CU_ASSERT_PTR_NOT_NULL_FATAL(d->error_message);
    if (!strstr(d->error_message, message_part))
        JX_FAIL_MSG("%s: message \"%s\" lacks \"%s\"", source, d->error_message, message_part);
}

/* Files that cannot be read give records with an error, never NULL. */
static void test_unreadable(void)
{
    JxRuleset *rs = rules();
    char *dir = g_dir_make_tmp("jixiao-pipeline-XXXXXX", NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(dir);

    char *empty = g_build_filename(dir, "empty.docx", NULL);
    CU_ASSERT_TRUE_FATAL(g_file_set_contents(empty, "", 0, NULL));
    JxDocRecords *d = jx_pipeline_file(empty, rs, NULL);
    expect_error(d, empty, "EMPTY", "");
    CU_ASSERT_TRUE(d->info.has_bytes); /* read, and hashed */
    CU_ASSERT_EQUAL(d->info.bytes, 0);
    CU_ASSERT_STRING_EQUAL(d->info.sha256, EMPTY_SHA);
    jx_doc_records_free(d);

    d = jx_pipeline_file(dir, rs, NULL); /* a folder */
    expect_error(d, dir, "IO", "not a regular file");
    CU_ASSERT_FALSE(d->info.has_bytes);
    CU_ASSERT_PTR_NULL(d->info.sha256);
    jx_doc_records_free(d);

    char *missing = g_build_filename(dir, "missing.pdf", NULL);
    d = jx_pipeline_file(missing, rs, NULL);
    expect_error(d, missing, "IO", "cannot open");
    CU_ASSERT_PTR_NULL(d->info.sha256);
    jx_doc_records_free(d);

    /* random bytes named x.pdf: the name does not make it a PDF */
    char *noise = g_build_filename(dir, "x.pdf", NULL);
    guint8 bytes[4096];
    GRand *rand = g_rand_new_with_seed(16);
    for (gsize i = 0; i < sizeof bytes; i++)
        bytes[i] = (guint8)g_rand_int_range(rand, 0, 256);
    g_rand_free(rand);
    bytes[0] = 0xff; /* not text, whatever the seed gives */
    CU_ASSERT_TRUE_FATAL(g_file_set_contents(noise, (const char *)bytes, sizeof bytes, NULL));
    d = jx_pipeline_file(noise, rs, NULL);
    expect_error(d, noise, "UNSUPPORTED", "");
    CU_ASSERT_PTR_NULL(d->info.format);
    CU_ASSERT_EQUAL(d->info.bytes, (gint64)sizeof bytes);
    CU_ASSERT_PTR_NOT_NULL(d->info.sha256);
    jx_doc_records_free(d);

    /* the same from memory, and an empty buffer */
    d = jx_pipeline_data("noise", bytes, sizeof bytes, rs);
    expect_error(d, "noise", "UNSUPPORTED", "");
    jx_doc_records_free(d);
    d = jx_pipeline_data("nothing", NULL, 0, rs);
    expect_error(d, "nothing", "EMPTY", "");
    CU_ASSERT_STRING_EQUAL(d->info.sha256, EMPTY_SHA);
    jx_doc_records_free(d);

    g_remove(noise);
    g_remove(empty);
    g_rmdir(dir);
    g_free(noise);
    g_free(missing);
    g_free(empty);
    g_free(dir);
    jx_ruleset_free(rs);
}

/* A file no worker finished: its error, and its hash when it can be read. */
static void test_failure(void)
{
    JxDocRecords *d = jx_pipeline_failure(DOCX, "CRASH", "the worker died (signal 11)");
    expect_error(d, DOCX, "CRASH", "signal 11");
    CU_ASSERT_STRING_EQUAL(d->info.sha256, DOCX_SHA);
    CU_ASSERT_TRUE(d->info.has_bytes);
    CU_ASSERT_EQUAL(d->info.bytes, 5414);
    jx_doc_records_free(d);
    d = jx_pipeline_failure("corpus/no-such-file.pdf", "TIMEOUT", "over 2 s");
    expect_error(d, "corpus/no-such-file.pdf", "TIMEOUT", "over 2 s");
    CU_ASSERT_PTR_NULL(d->info.sha256);
    CU_ASSERT_FALSE(d->info.has_bytes);
    jx_doc_records_free(d);
    jx_doc_records_free(NULL);
}

void jx_add_pipeline_tests(void)
{
    CU_pSuite s = CU_add_suite("pipeline", NULL, NULL);
    CU_add_test(s, "a corpus DOCX from disk and from memory", test_docx_file_and_data);
    CU_add_test(s, "a file whose hash is known is skipped", test_known_is_skipped);
    CU_add_test(s, "empty, folder, missing, random bytes: error records", test_unreadable);
    CU_add_test(s, "a file no worker finished: error, hash", test_failure);
}
