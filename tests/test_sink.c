/* The sinks on hand-built records: the exact JSON Lines, the SQLite rows
 * read back, the CSV files, an unreadable document in all three, and the
 * typed hand-over between processes (serialise, rebuild, same records). */
#include <string.h>

#include <glib/gstdio.h>
#include <sqlite3.h>

#include "common/error.h"
#include "sink/columns.h"
#include "sink/csv.h"
#include "sink/handover.h"
#include "sink/jsonl.h"
#include "sink/sqlite.h"
#include "tests/harness.h"

#define SHA "ab12"

/* A document of one form with one fund line and two indicators: value
 * objects (a number with an operator, a date, an empty one), flags, nulls,
 * and a title with a comma and a quote. */
static JxResult *sample_result(void)
{
    JxResult *res = jx_result_new();
    res->kind = "project_self_eval";
    res->year = 2023;
    JxForm *f = jx_form_new(0);
    f->title = g_strdup("自评表, \"2023\"");
    f->year = 2023;
    f->project_name = g_strdup("党建项目");
    f->total_weight = (JxNum){TRUE, 100};
    f->page_start = 1;
    f->page_end = 2;
    f->project_attribute = g_strdup("新增项目");
    g_ptr_array_add(res->forms, f);
    JxFund *fund = jx_fund_new(0, "total");
    fund->page = 1;
    fund->budget_initial = (JxNum){TRUE, 105500};
    fund->rate = (JxNum){TRUE, 98.87};
    fund->unit_declared = g_strdup("万元");
    fund->confidence = 0.95;
    fund->flags = JX_FLAG_BIT(JX_FLAG_UNIT_FROM_HEADER);
    g_ptr_array_add(f->funds, fund);
    JxIndicator *ind = jx_indicator_new(0, 0);
    ind->page = 2;
    ind->level1 = g_strdup("产出指标");
    ind->name = g_strdup("覆盖企业");
    ind->criteria = g_strdup("达到得满分");
    jx_value_parse("≥2家", NULL, &ind->target);
    ind->weight = (JxNum){TRUE, 10};
    ind->confidence = 0.8;
    ind->flags = JX_FLAG_BIT(JX_FLAG_OCR) | JX_FLAG_BIT(JX_FLAG_KIND_MISMATCH);
    g_ptr_array_add(f->indicators, ind);
    ind = jx_indicator_new(0, 1);
    jx_value_parse("2023年12月", NULL, &ind->target);
    jx_value_parse("98.5%", NULL, &ind->actual);
    g_ptr_array_add(f->indicators, ind);
    return res;
}

static const char *const SAMPLE_JSONL[] = {
    "{\"type\":\"document\",\"doc\":\"ab12\",\"source\":\"a.docx\",\"bytes\":1234,\"format\":\"docx\","
    "\"pages\":2,\"text_source\":\"native\",\"kind\":\"project_self_eval\",\"year\":2023,\"forms\":1,"
    "\"indicators\":2,\"facts\":0,\"pages_without_text\":[],\"pages_garbled\":[2],"
    "\"flags\":[\"TEXT_GARBLED\"]}",
    "{\"type\":\"form\",\"doc\":\"ab12\",\"page\":1,\"form\":0,\"title\":\"自评表, \\\"2023\\\"\","
    "\"year\":2023,\"project_name\":\"党建项目\",\"project_code\":null,\"competent_dept\":null,"
    "\"implementing_unit\":null,\"project_lead\":null,\"goal_expected\":null,\"goal_actual\":null,"
    "\"total_weight\":100,\"total_score\":null,\"page_start\":1,\"page_end\":2,"
    "\"project_attribute\":\"新增项目\",\"confidence\":1,\"flags\":[]}",
    "{\"type\":\"fund\",\"doc\":\"ab12\",\"page\":1,\"form\":0,\"line\":\"total\","
    "\"budget_initial\":105500,\"budget_full_year\":null,\"executed\":null,\"weight\":null,"
    "\"rate\":98.87,\"score\":null,\"unit_declared\":\"万元\",\"confidence\":0.95,"
    "\"flags\":[\"UNIT_FROM_HEADER\"]}",
    "{\"type\":\"indicator\",\"doc\":\"ab12\",\"page\":2,\"form\":0,\"seq\":0,\"level1\":\"产出指标\","
    "\"level2\":null,\"level1_raw\":null,\"level2_raw\":null,\"level1_weight\":null,"
    "\"level2_weight\":null,\"name\":\"覆盖企业\",\"detail\":null,"
    "\"target\":{\"raw\":\"≥2家\",\"kind\":\"number\",\"op\":\">=\",\"value\":2,\"max\":null,"
    "\"unit\":\"家\",\"approx\":false},\"actual\":null,\"weight\":10,\"score\":null,"
    "\"review_score\":null,\"deviation\":null,\"criteria\":\"达到得满分\",\"confidence\":0.8,"
    "\"flags\":[\"OCR\",\"KIND_MISMATCH\"]}",
    "{\"type\":\"indicator\",\"doc\":\"ab12\",\"page\":null,\"form\":0,\"seq\":1,\"level1\":null,"
    "\"level2\":null,\"level1_raw\":null,\"level2_raw\":null,\"level1_weight\":null,"
    "\"level2_weight\":null,\"name\":null,\"detail\":null,"
    "\"target\":{\"raw\":\"2023年12月\",\"kind\":\"date\",\"op\":\"=\",\"value\":\"2023-12\","
    "\"max\":null,\"unit\":null,\"approx\":false},"
    "\"actual\":{\"raw\":\"98.5%\",\"kind\":\"percent\",\"op\":\"=\",\"value\":98.5,\"max\":null,"
    "\"unit\":\"%\",\"approx\":false},\"weight\":null,\"score\":null,\"review_score\":null,"
    "\"deviation\":null,\"criteria\":null,\"confidence\":1,\"flags\":[]}",
    NULL};

static const char *const UNREAD_JSONL[] = {
    "{\"type\":\"document\",\"doc\":null,\"source\":\"gone.pdf\",\"bytes\":null,\"format\":null,"
    "\"pages\":null,\"text_source\":\"none\",\"kind\":\"unknown\",\"year\":null,\"forms\":0,"
    "\"indicators\":0,\"facts\":0,\"pages_without_text\":null,\"pages_garbled\":null,\"flags\":[]}",
    "{\"type\":\"error\",\"doc\":null,\"source\":\"gone.pdf\",\"code\":\"IO\","
    "\"message\":\"cannot open: No such file\"}",
    NULL};

typedef struct {
    GArray *none, *garbled;
    JxResult *res;
    JxRecords recs, unread;
} Sample;

static void sample_init(Sample *s)
{
    int two = 2;
    s->none = g_array_new(FALSE, FALSE, sizeof(int));
    s->garbled = g_array_new(FALSE, FALSE, sizeof(int));
    g_array_append_val(s->garbled, two);
    JxDocInfo info = {.sha256 = SHA, .source = "a.docx", .has_bytes = TRUE, .bytes = 1234,
                      .format = "docx", .pages = 2, .text_source = "native",
                      .pages_without_text = s->none, .pages_garbled = s->garbled};
    s->res = sample_result();
    jx_records_init(&s->recs, &info, s->res, NULL, NULL);
    JxDocInfo gone = {.source = "gone.pdf", .text_source = "native"};
    jx_records_init(&s->unread, &gone, NULL, "IO", "cannot open: No such file");
}

static void sample_clear(Sample *s)
{
    jx_result_free(s->res);
    g_array_unref(s->none);
    g_array_unref(s->garbled);
}

static char *joined(const char *const *lines)
{
    GString *s = g_string_new(NULL);
    for (int i = 0; lines[i]; i++)
        g_string_append_printf(s, "%s\n", lines[i]);
    return g_string_free(s, FALSE);
}

static void assert_text(const char *got, const char *want, const char *what)
{
    if (strcmp(got, want) != 0)
        JX_FAIL_MSG("%s:\n got  %s\n want %s", what, got, want);
    else
        CU_PASS(what);
}

static void test_jsonl(void)
{
    Sample s;
    sample_init(&s);
    GString *out = g_string_new(NULL);
    CU_ASSERT_TRUE(jx_jsonl_put(out, &s.recs));
    char *want = joined(SAMPLE_JSONL);
    assert_text(out->str, want, "sample records");
    g_free(want);
    g_string_truncate(out, 0);
    jx_jsonl_put(out, &s.unread);
    want = joined(UNREAD_JSONL);
    assert_text(out->str, want, "unreadable document");
    g_free(want);
    /* the parts' writers give the same lines */
    g_string_truncate(out, 0);
    jx_jsonl_document(out, &s.recs.document, s.res);
    jx_jsonl_records(out, &s.recs.document, s.res);
    want = joined(SAMPLE_JSONL);
    assert_text(out->str, want, "jx_jsonl_document + jx_jsonl_records");
    g_free(want);
    g_string_free(out, TRUE);
    sample_clear(&s);
}

/* One row of sql as text, columns joined with | (NULL as \N). */
static char *query(sqlite3 *db, const char *sql)
{
    sqlite3_stmt *st = NULL;
    GString *o = g_string_new(NULL);
    if (sqlite3_prepare_v2(db, sql, -1, &st, NULL) != SQLITE_OK) {
        g_string_append_printf(o, "error: %s", sqlite3_errmsg(db));
    } else if (sqlite3_step(st) == SQLITE_ROW) {
        for (int c = 0; c < sqlite3_column_count(st); c++) {
            const char *t = (const char *)sqlite3_column_text(st, c);
            g_string_append_printf(o, "%s%s", c ? "|" : "", t ? t : "\\N");
        }
    }
    sqlite3_finalize(st);
    return g_string_free(o, FALSE);
}

static void assert_query(sqlite3 *db, const char *sql, const char *want)
{
    char *got = query(db, sql);
    assert_text(got, want, sql);
    g_free(got);
}

static void test_sqlite(void)
{
    Sample s;
    sample_init(&s);
    char *dir = g_dir_make_tmp("jx-sink-XXXXXX", NULL);
    char *path = g_build_filename(dir, "t.db", NULL);
    GError *err = NULL;
    JxSqlite *db = jx_sqlite_open(path, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(db);
    CU_ASSERT_TRUE(jx_sqlite_put(db, &s.recs, &err));
    CU_ASSERT_TRUE(jx_sqlite_put(db, &s.recs, &err)); /* a re-run replaces, never adds */
    CU_ASSERT_TRUE(jx_sqlite_put(db, &s.unread, &err));
    CU_ASSERT_TRUE(jx_sqlite_put(db, &s.unread, &err));
    CU_ASSERT_PTR_NULL(err);
    GHashTable *known = jx_sqlite_known(db);
    CU_ASSERT_EQUAL(g_hash_table_size(known), 1);
    CU_ASSERT_TRUE(g_hash_table_contains(known, SHA));
    g_hash_table_destroy(known);
    jx_sqlite_close(db);

    sqlite3 *q = NULL;
    CU_ASSERT_EQUAL_FATAL(sqlite3_open(path, &q), SQLITE_OK);
    assert_query(q, "SELECT count(*) FROM documents", "2");
    assert_query(q, "SELECT count(*), sum(seq) FROM indicators", "2|1");
    assert_query(q, "SELECT count(*) FROM facts", "0");
    assert_query(q, "SELECT doc, pages, pages_without_text, pages_garbled, flags FROM documents "
                    "WHERE doc IS NOT NULL",
                 "ab12|2|[]|[2]|[\"TEXT_GARBLED\"]");
    assert_query(q, "SELECT target_raw, target_kind, target_op, target_value, typeof(target_value), "
                    "target_max, target_unit, target_approx, actual_raw, weight, confidence, flags "
                    "FROM indicators WHERE seq = 0",
                 "≥2家|number|>=|2|integer|\\N|家|0|\\N|10|0.8|[\"OCR\",\"KIND_MISMATCH\"]");
    assert_query(q, "SELECT target_value, typeof(target_value), actual_value, typeof(actual_value) "
                    "FROM indicators WHERE seq = 1",
                 "2023-12|text|98.5|real");
    assert_query(q, "SELECT line, budget_initial, typeof(budget_initial), rate, unit_declared, flags "
                    "FROM funds",
                 "total|105500|integer|98.87|万元|[\"UNIT_FROM_HEADER\"]");
    assert_query(q, "SELECT title, page, page_start, project_attribute FROM forms",
                 "自评表, \"2023\"|1|1|新增项目");
    assert_query(q, "SELECT d.source, d.text_source, d.bytes, e.code, e.message FROM documents d "
                    "JOIN errors e ON e.source = d.source WHERE d.doc IS NULL",
                 "gone.pdf|none|\\N|IO|cannot open: No such file");
    sqlite3_close(q);

    /* merge: a second database into a new one */
    char *merged = g_build_filename(dir, "m.db", NULL);
    char *in[] = {path};
    CU_ASSERT_TRUE(jx_sqlite_merge(merged, in, 1, &err));
    CU_ASSERT_EQUAL_FATAL(sqlite3_open(merged, &q), SQLITE_OK);
    assert_query(q, "SELECT (SELECT count(*) FROM documents), (SELECT count(*) FROM indicators), "
                    "(SELECT count(*) FROM errors)",
                 "2|2|1");
    sqlite3_close(q);
    g_clear_error(&err);
    for (const char *const *n = (const char *const[]){"t.db", "t.db-wal", "t.db-shm", "m.db",
                                                      "m.db-wal", "m.db-shm", NULL};
         *n; n++) {
        char *p = g_build_filename(dir, *n, NULL);
        g_unlink(p);
        g_free(p);
    }
    g_rmdir(dir);
    g_free(merged);
    g_free(path);
    g_free(dir);
    sample_clear(&s);
}

static char *read_text(const char *dir, const char *name)
{
    char *path = g_build_filename(dir, name, NULL), *text = NULL;
    if (!g_file_get_contents(path, &text, NULL, NULL))
        text = g_strdup("(unreadable)");
    g_unlink(path);
    g_free(path);
    return text;
}

static void test_csv(void)
{
    Sample s;
    sample_init(&s);
    char *dir = g_dir_make_tmp("jx-sink-XXXXXX", NULL);
    GError *err = NULL;
    JxCsv *csv = jx_csv_open(dir, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(csv);
    CU_ASSERT_TRUE(jx_csv_put(csv, &s.recs, &err));
    CU_ASSERT_TRUE(jx_csv_put(csv, &s.unread, &err));
    CU_ASSERT_TRUE(jx_csv_close(csv, &err));
    CU_ASSERT_PTR_NULL(err);
    char *forms = read_text(dir, "forms.csv"), *inds = read_text(dir, "indicators.csv"),
         *docs = read_text(dir, "documents.csv"), *errs = read_text(dir, "errors.csv"),
         *facts = read_text(dir, "facts.csv"), *funds = read_text(dir, "funds.csv");
    assert_text(forms,
                "doc,page,form,title,year,project_name,project_code,competent_dept,implementing_unit,"
                "project_lead,goal_expected,goal_actual,total_weight,total_score,page_start,page_end,"
                "project_attribute,confidence,flags\r\n"
                "ab12,1,0,\"自评表, \"\"2023\"\"\",2023,党建项目,,,,,,,100,,1,2,新增项目,1,[]\r\n",
                "forms.csv");
    assert_text(funds,
                "doc,page,form,line,budget_initial,budget_full_year,executed,weight,rate,score,"
                "unit_declared,confidence,flags\r\n"
                "ab12,1,0,total,105500,,,,98.87,,万元,0.95,\"[\"\"UNIT_FROM_HEADER\"\"]\"\r\n",
                "funds.csv");
    char **lines = g_strsplit(inds, "\r\n", -1);
    CU_ASSERT_EQUAL(g_strv_length(lines), 4); /* header, 2 rows, "" */
    assert_text(lines[0],
                "doc,page,form,seq,level1,level2,level1_raw,level2_raw,level1_weight,level2_weight,"
                "name,detail,target_raw,target_kind,target_op,target_value,target_max,target_unit,"
                "target_approx,actual_raw,actual_kind,actual_op,actual_value,actual_max,actual_unit,"
                "actual_approx,weight,score,review_score,deviation,criteria,confidence,flags",
                "indicators.csv header");
    assert_text(lines[1],
                "ab12,2,0,0,产出指标,,,,,,覆盖企业,,≥2家,number,>=,2,,家,false,,,,,,,,10,,,,达到得满分,"
                "0.8,\"[\"\"OCR\"\",\"\"KIND_MISMATCH\"\"]\"",
                "indicators.csv row");
    g_strfreev(lines);
    assert_text(docs,
                "doc,source,bytes,format,pages,text_source,kind,year,forms,indicators,facts,"
                "pages_without_text,pages_garbled,flags\r\n"
                "ab12,a.docx,1234,docx,2,native,project_self_eval,2023,1,2,0,[],[2],"
                "\"[\"\"TEXT_GARBLED\"\"]\"\r\n"
                ",gone.pdf,,,,none,unknown,,0,0,0,,,[]\r\n",
                "documents.csv");
    assert_text(errs, "doc,source,code,message\r\n,gone.pdf,IO,cannot open: No such file\r\n",
                "errors.csv");
    assert_text(facts,
                "doc,page,subject,value,unit,share_pct,change,change_pct,compared_to,sentence,"
                "confidence,flags\r\n",
                "facts.csv");
    g_free(forms);
    g_free(inds);
    g_free(docs);
    g_free(errs);
    g_free(facts);
    g_free(funds);
    g_rmdir(dir);
    g_free(dir);
    sample_clear(&s);
}

/* Serialised, rebuilt: the same records, down to their JSON Lines. */
static void round_trip(const JxRecords *recs, const char *const *want_lines)
{
    GString *bytes = g_string_new(NULL);
    CU_ASSERT_TRUE(jx_records_serialize(recs, bytes));
    GError *err = NULL;
    JxRecords *back = jx_records_deserialize(bytes->str, bytes->len, &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(back);
    CU_ASSERT_PTR_NULL(err);
    GString *out = g_string_new(NULL);
    jx_jsonl_put(out, back);
    char *want = joined(want_lines);
    assert_text(out->str, want, "records handed over");
    g_free(want);
    CU_ASSERT_EQUAL(back->result != NULL, recs->result != NULL);
    if (back->result) {
        const JxForm *f = g_ptr_array_index(back->result->forms, 0);
        const JxIndicator *i = g_ptr_array_index(f->indicators, 1);
        CU_ASSERT_STRING_EQUAL(back->result->kind, "project_self_eval");
        CU_ASSERT_EQUAL(back->result->year, 2023);
        CU_ASSERT_EQUAL(f->funds->len, 1);
        CU_ASSERT_STRING_EQUAL(((const JxFund *)g_ptr_array_index(f->funds, 0))->line, "total");
        CU_ASSERT_EQUAL(i->actual.kind, JX_KIND_PERCENT);
        CU_ASSERT_DOUBLE_EQUAL(i->actual.value, 98.5, 0);
        CU_ASSERT_STRING_EQUAL(i->target.text, "2023-12");
        CU_ASSERT_EQUAL(back->document.pages_garbled->len, 1);
    } else {
        CU_ASSERT_STRING_EQUAL(back->error.code, "IO");
    }
    g_string_free(out, TRUE);
    jx_records_free(back);
    /* bytes that are not records */
    back = jx_records_deserialize(bytes->str, bytes->len / 2, &err);
    CU_ASSERT_PTR_NULL(back);
    CU_ASSERT_TRUE(g_error_matches(err, JX_ERROR, JX_ERROR_CORRUPT));
    g_clear_error(&err);
    g_string_free(bytes, TRUE);
}

static void test_handover(void)
{
    Sample s;
    sample_init(&s);
    round_trip(&s.recs, SAMPLE_JSONL);
    round_trip(&s.unread, UNREAD_JSONL);
    sample_clear(&s);
}

/* The field lists make the columns: a value object is 7 of them. */
static void test_columns(void)
{
    GPtrArray *names = g_ptr_array_new_with_free_func(g_free);
    jx_column_names(jx_record_type(JX_RECORD_INDICATOR), names);
    CU_ASSERT_EQUAL(names->len, jx_record_type(JX_RECORD_INDICATOR)->nfields + 2 * 6);
    CU_ASSERT_STRING_EQUAL(g_ptr_array_index(names, 12), "target_raw");
    CU_ASSERT_STRING_EQUAL(g_ptr_array_index(names, 25), "actual_approx");
    g_ptr_array_free(names, TRUE);
    CU_ASSERT_STRING_EQUAL(jx_record_type(JX_RECORD_FACT)->table, "facts");
    CU_ASSERT_STRING_EQUAL(jx_record_type(JX_RECORD_FORM)->fields[1].name, "page");
}

void jx_add_sink_tests(void)
{
    CU_pSuite s = CU_add_suite("sink", NULL, NULL);
    CU_add_test(s, "JSON Lines: exact lines", test_jsonl);
    CU_add_test(s, "SQLite: rows read back, re-put replaces, merge", test_sqlite);
    CU_add_test(s, "CSV: header, quoting, unreadable document", test_csv);
    CU_add_test(s, "hand-over: serialise, rebuild, same records", test_handover);
    CU_add_test(s, "columns from the field lists", test_columns);
}
