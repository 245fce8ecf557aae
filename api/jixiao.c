/* libjixiao over the pipeline: a reader is the run's rules; a document is
 * one JxDocRecords, its JSON Lines made on first asking, and its records
 * counted by type when read. */
#include "api/jixiao.h"

#include <string.h>

#include "pipeline/pipeline.h"
#include "rules/record.h"
#include "sink/jsonl.h"

struct jixiao_reader {
    JxRuleset *rules;
};

struct jixiao_document {
    JxDocRecords *records;
    char *jsonl;                  /* made on first asking */
    int counts[JX_RECORD_COUNT];  /* by JxRecordKind */
};

const char *jixiao_version(void)
{
    return JX_VERSION;
}

jixiao_reader *jixiao_reader_new(const char *rules_dir, char **error)
{
    GError *err = NULL;
    JxRuleset *rs = jx_pipeline_rules(rules_dir, &err);
    if (!rs) {
        if (error)
            *error = g_strdup(err->message);
        g_error_free(err);
        return NULL;
    }
    jixiao_reader *r = g_new0(jixiao_reader, 1);
    r->rules = rs;
    return r;
}

void jixiao_reader_free(jixiao_reader *reader)
{
    if (!reader)
        return;
    jx_ruleset_free(reader->rules);
    g_free(reader);
}

static JxRecords view(const JxDocRecords *d)
{
    JxRecords recs;
    jx_records_init(&recs, &d->info, d->result, d->error_code, d->error_message);
    return recs;
}

static gboolean count_one(const JxRecordType *t, const void *rec, gpointer ctx, GError **error)
{
    (void)rec;
    (void)error;
    ((int *)ctx)[t->kind]++;
    return TRUE;
}

static jixiao_document *document_of(JxDocRecords *d)
{
    if (!d)
        return NULL;
    jixiao_document *doc = g_new0(jixiao_document, 1);
    doc->records = d;
    JxRecords recs = view(d);
    jx_records_foreach(&recs, count_one, doc->counts, NULL);
    return doc;
}

jixiao_document *jixiao_read_file(jixiao_reader *reader, const char *path)
{
    g_return_val_if_fail(reader != NULL && path != NULL, NULL);
    return document_of(jx_pipeline_file(path, reader->rules, NULL));
}

jixiao_document *jixiao_read_data(jixiao_reader *reader, const char *source, const void *data,
                                  size_t len)
{
    g_return_val_if_fail(reader != NULL && source != NULL && (data != NULL || len == 0), NULL);
    return document_of(jx_pipeline_data(source, data, len, reader->rules));
}

void jixiao_document_free(jixiao_document *doc)
{
    if (!doc)
        return;
    jx_doc_records_free(doc->records);
    g_free(doc->jsonl);
    g_free(doc);
}

const char *jixiao_document_jsonl(jixiao_document *doc)
{
    g_return_val_if_fail(doc != NULL, NULL);
    if (!doc->jsonl) {
        GString *out = g_string_new(NULL);
        JxRecords recs = view(doc->records);
        jx_jsonl_put(out, &recs);
        doc->jsonl = g_string_free(out, FALSE);
    }
    return doc->jsonl;
}

int jixiao_document_count(const jixiao_document *doc, const char *type)
{
    g_return_val_if_fail(doc != NULL && type != NULL, 0);
    for (int k = 0; k < JX_RECORD_COUNT; k++)
        if (strcmp(jx_record_type((JxRecordKind)k)->type, type) == 0)
            return k == JX_RECORD_DOCUMENT ? 1 : doc->counts[k];
    return 0;
}

const char *jixiao_document_error(const jixiao_document *doc)
{
    g_return_val_if_fail(doc != NULL, NULL);
    return doc->records->error_code;
}

const char *jixiao_document_error_message(const jixiao_document *doc)
{
    g_return_val_if_fail(doc != NULL, NULL);
    return doc->records->error_message;
}

size_t jixiao_document_note_count(const jixiao_document *doc)
{
    g_return_val_if_fail(doc != NULL, 0);
    return doc->records->notes->len;
}

const char *jixiao_document_note(const jixiao_document *doc, size_t i)
{
    g_return_val_if_fail(doc != NULL, NULL);
    return i < doc->records->notes->len ? g_ptr_array_index(doc->records->notes, i) : NULL;
}

void jixiao_free(void *p)
{
    g_free(p);
}
