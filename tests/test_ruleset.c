/* Rule files: loading, errors that name file and line, precedence. */
#include <string.h>

#include "common/error.h"
#include "normalize/ocr_cells.h"
#include "rules/check.h"
#include "rules/form.h"
#include "common/ruleset.h"
#include "tests/harness.h"

static void expect_load_error(const char *text, const char *needle)
{
    JxRuleset *rs = jx_ruleset_new();
    GError *err = NULL;
    CU_ASSERT_FALSE(jx_ruleset_load_data(rs, "user.rules", text, &err));
    if (!err || !strstr(err->message, needle))
        JX_FAIL_MSG("rule error \"%s\" does not say \"%s\"", err ? err->message : "(none)", needle);
    else
        CU_ASSERT_EQUAL(err->code, JX_ERROR_RULES);
    g_clear_error(&err);
    jx_ruleset_free(rs);
}

static void test_errors(void)
{
    expect_load_error("# ok\nlevel2 数量指标 ^数量$\nlevle2 x y\n", "user.rules:3: unknown rule kind 'levle2'");
    expect_load_error("\n\nlevel2 数量指标 ^(数量$\n", "user.rules:3: bad pattern");
    expect_load_error("penalty OCR lots\n", "user.rules:1: 'lots' is not a number");
    expect_load_error("title\n", "user.rules:1: expected KIND NAME PATTERN");
    /* a field the forms do not have: refused with its line, not dropped */
    JxRuleset *rs = jx_ruleset_new();
    GError *err = NULL;
    CU_ASSERT_TRUE_FATAL(jx_ruleset_load_builtin(rs, &err));
    CU_ASSERT_TRUE(jx_forms_check_rules(rs, &err));
    CU_ASSERT_TRUE(jx_ruleset_load_data(rs, "user.rules", "# mine\nfield project_leader ^负责人$\n", &err));
    CU_ASSERT_FALSE(jx_forms_check_rules(rs, &err));
    if (!err || strcmp(err->message, "user.rules:2: unknown field name 'project_leader'") != 0)
        JX_FAIL_MSG("field name error: \"%s\"", err ? err->message : "(none)");
    g_clear_error(&err);
    jx_ruleset_free(rs);
}

/* A table of rows of cells (NULL ends a row of fewer than n), all with the
 * given flags, in a new document. */
static JxDoc *doc_of(const char *const *cells, int rows, int cols, unsigned flags)
{
    JxTable *t = jx_table_new();
    for (int r = 0; r < rows; r++)
        for (int c = 0; c < cols && cells[r * cols + c]; c++) {
            JxCell *cell = jx_table_add_cell(t, r, c, 1, 1, cells[r * cols + c]);
            cell->page = 1;
            cell->flags = flags;
        }
    jx_table_finish(t);
    t->page_start = t->page_end = 1;
    JxDoc *doc = jx_doc_new("pdf");
    jx_doc_add_table(doc, t, 1);
    return doc;
}

/* A user's field rule for a label the built-in rules do not know, written
 * with the full-width colon of the form (patterns are read through NFKC
 * like the text), in a cell and on a line of its own. */
static void test_user_field(void)
{
    JxRuleset *rs = jx_ruleset_new();
    GError *err = NULL;
    CU_ASSERT_TRUE_FATAL(jx_ruleset_load_builtin(rs, &err));
    CU_ASSERT_TRUE_FATAL(jx_ruleset_load_data(rs, "user.rules",
                                              "field project_lead ^负责人：(.+)$\n", &err));
    CU_ASSERT_TRUE(jx_forms_check_rules(rs, &err));
    CU_ASSERT_STRING_EQUAL(jx_ruleset_match(rs, "field", "负责人:张三", NULL), "project_lead");
    JxRuleset *mine = jx_ruleset_new();
    CU_ASSERT_TRUE(jx_ruleset_load_data(mine, "user.rules", "fundunit u ^（(万元)）$\n", &err));
    CU_ASSERT_STRING_EQUAL(jx_ruleset_match(mine, "fundunit", "(万元)", NULL), "u");
    CU_ASSERT_PTR_NULL(jx_ruleset_match(mine, "fundunit", "万元", NULL)); /* （ is a literal */
    jx_ruleset_free(mine);
    const char *const CELLS[] = {"项目名称", "培训项目", "负责人：张三", NULL};
    JxDoc *doc = doc_of(CELLS, 2, 2, 0);
    jx_doc_add_paragraph(doc, "负责人： 李四", 1);
    JxResult *res = jx_forms_read(doc, rs);
    CU_ASSERT_EQUAL_FATAL(res->forms->len, 1);
    const JxForm *f = g_ptr_array_index(res->forms, 0);
    CU_ASSERT_STRING_EQUAL(f->project_name, "培训项目");
    CU_ASSERT_STRING_EQUAL(f->project_lead, "张三"); /* the cell's; the line comes after */
    jx_result_free(res);
    jx_doc_free(doc);
    /* the line alone, after the table */
    const char *const ONLY_NAME[] = {"项目名称", "培训项目"};
    doc = doc_of(ONLY_NAME, 1, 2, 0);
    jx_doc_add_paragraph(doc, "负责人： 李四", 1);
    res = jx_forms_read(doc, rs);
    CU_ASSERT_EQUAL_FATAL(res->forms->len, 1);
    f = g_ptr_array_index(res->forms, 0);
    CU_ASSERT_STRING_EQUAL(f->project_lead, "李四");
    jx_result_free(res);
    jx_doc_free(doc);
    jx_ruleset_free(rs);
}

static void test_match_and_precedence(void)
{
    JxRuleset *rs = jx_ruleset_new();
    GError *err = NULL;
    CU_ASSERT_TRUE_FATAL(jx_ruleset_load_builtin(rs, &err));
    CU_ASSERT(jx_ruleset_size(rs) > 50);
    CU_ASSERT_STRING_EQUAL(jx_ruleset_match(rs, "level2", "社会效益指标", NULL), "社会效益指标");
    CU_ASSERT_STRING_EQUAL(jx_ruleset_match(rs, "level2", "可持续性影响", NULL), "可持续影响指标");
    CU_ASSERT_PTR_NULL(jx_ruleset_match(rs, "level2", "产出成果", NULL));
    char *cap = NULL;
    CU_ASSERT_STRING_EQUAL(jx_ruleset_match(rs, "fundunit", "项目资金(万元)", &cap), "u");
    CU_ASSERT_STRING_EQUAL(cap, "万元");
    g_free(cap);
    char *s = jx_ruleset_strip(rs, "namestrip", "指标1:微信公众号维护");
    CU_ASSERT_STRING_EQUAL(s, "微信公众号维护");
    g_free(s);
    s = jx_ruleset_strip(rs, "namestrip", "指标二:发放率");
    CU_ASSERT_STRING_EQUAL(s, "发放率");
    g_free(s);
    s = jx_ruleset_strip(rs, "namestrip", "二级指标满意度"); /* not numbering */
    CU_ASSERT_STRING_EQUAL(s, "二级指标满意度");
    g_free(s);
    /* labels OCR gets nearly right */
    CU_ASSERT_STRING_EQUAL(jx_ruleset_nearest(rs, "ocrword", "项目负青人"), "项目负责人");
    CU_ASSERT_STRING_EQUAL(jx_ruleset_nearest(rs, "ocrword", "年终完成什"), "年终完成值");
    CU_ASSERT_STRING_EQUAL(jx_ruleset_nearest(rs, "ocrword", "年初“指标值"), "年初指标值");
    CU_ASSERT_STRING_EQUAL(jx_ruleset_nearest(rs, "ocrword", "四级指标"), "四级指标");
    CU_ASSERT_PTR_NULL(jx_ruleset_nearest(rs, "ocrword", "五级指标")); /* as near to 一二三四 */
    CU_ASSERT_PTR_NULL(jx_ruleset_nearest(rs, "ocrword", "项目负"));    /* two edits */
    CU_ASSERT_PTR_NULL(jx_ruleset_nearest(rs, "ocrword", "1分"));       /* no word of two */
    CU_ASSERT_PTR_NULL(jx_ruleset_nearest(rs, "ocrword", "产出指标")); /* a level, two off */
    /* signs OCR reads as others; # numbers the points of a list */
    const struct { const char *in, *out; } FIX[] = {
        {"(在职人员数/编制数)x100%", "(在职人员数/编制数)×100%"},
        {"总额]Xx100%", "总额]×100%"},
        {"评价要点:@是否符合;@@是否合理;© 是否规范", "评价要点:1是否符合;2是否合理;3是否规范"},
        {"工、提供佐证资料;2、三级指标", "1、提供佐证资料;2、三级指标"},
        {"box x 100", "box x 100"},         /* x after a letter stays */
        {"发邮件至a@b.cn", "发邮件至a@b.cn"}, /* @ inside a word stays */
        {"工、农业", "工、农业"},              /* no list follows */
        {"产出指标(5Q分)", "产出指标(50分)"},  /* 0 read as Q after a digit */
        {"QQ群5Q", "QQ群5Q"}};                 /* neither 分 nor % follows */
    for (gsize i = 0; i < G_N_ELEMENTS(FIX); i++) {
        s = jx_ruleset_replace(rs, "ocrfix", FIX[i].in);
        CU_ASSERT_STRING_EQUAL(s, FIX[i].out);
        g_free(s);
    }
    /* an unread header between two known columns */
    CU_ASSERT_STRING_EQUAL(jx_ruleset_match(rs, "indgap", "weight,deviation", NULL), "score");
    CU_ASSERT_STRING_EQUAL(jx_ruleset_match(rs, "indgap", "weight,", NULL), "score");
    CU_ASSERT_PTR_NULL(jx_ruleset_match(rs, "indgap", "name,deviation", NULL));
    /* a user's rule file is tried before the built-in ones */
    CU_ASSERT_TRUE(jx_ruleset_load_data(rs, "user.rules", "level2 质量指标 ^产出成果$\npenalty UNIT_MISSING 0.5\n", &err));
    CU_ASSERT_STRING_EQUAL(jx_ruleset_match(rs, "level2", "产出成果", NULL), "质量指标");
    CU_ASSERT_DOUBLE_EQUAL(jx_ruleset_number(rs, "penalty", "UNIT_MISSING", 0), 0.5, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(jx_check_confidence(0, rs), 1.0, 1e-12);
    CU_ASSERT_DOUBLE_EQUAL(jx_check_confidence(JX_FLAG_BIT(JX_FLAG_UNIT_MISSING) |
                                               JX_FLAG_BIT(JX_FLAG_APPROX), rs),
                           0.475, 1e-9);
    jx_ruleset_free(rs);
}

/* A level cell says 50分 but its indicators weigh 10 + 30: both flagged;
 * the 10分 level beside it adds up and is not. */
static void test_level_weights(void)
{
    JxRuleset *rs = jx_ruleset_new();
    CU_ASSERT_TRUE_FATAL(jx_ruleset_load_builtin(rs, NULL));
    JxResult *res = jx_result_new();
    JxForm *f = jx_form_new(0);
    g_ptr_array_add(res->forms, f);
    const struct { const char *l1; double l1w, w; } ROWS[] = {
        {"产出指标(50分)", 50, 10}, {"产出指标(50分)", 50, 30}, {"满意度指标(10分)", 10, 10}};
    for (int i = 0; i < 3; i++) {
        JxIndicator *ind = jx_indicator_new(0, i);
        ind->level1_raw = g_strdup(ROWS[i].l1);
        ind->level1_weight = (JxNum){TRUE, ROWS[i].l1w};
        ind->weight = (JxNum){TRUE, ROWS[i].w};
        ind->score = (JxNum){TRUE, ROWS[i].w};
        jx_value_parse("100%", NULL, &ind->target);
        jx_value_parse("100%", NULL, &ind->actual);
        g_ptr_array_add(f->indicators, ind);
    }
    jx_check_result(res, rs);
    for (int i = 0; i < 3; i++) {
        JxIndicator *ind = g_ptr_array_index(f->indicators, i);
        gboolean flagged = (ind->flags & JX_FLAG_BIT(JX_FLAG_WEIGHT_SUM_MISMATCH)) != 0;
        CU_ASSERT_EQUAL(flagged, i < 2);
        CU_ASSERT(i < 2 ? ind->confidence < 0.9 : ind->confidence == 1.0);
    }
    jx_result_free(res);
    jx_ruleset_free(rs);
}

/* An OCR'd indicator table: its 得分 header unread (between 分值 and
 * 偏差原因 the OCR pass takes it to be 得分, writes the label and flags the
 * cell), its 合计 read as "ait" in the last row (the pass writes 合计). The
 * rules then read both as any other cell. A text-layer table keeps neither. */
static void test_ocr_header_gaps(void)
{
    JxRuleset *rs = jx_ruleset_new();
    CU_ASSERT_TRUE_FATAL(jx_ruleset_load_builtin(rs, NULL));
    const char *const ROWS[] = {
        "一级指标", "三级指标", "年度指标值", "分值", "糙得|从恒", "偏差原因分析及改进措施",
        "产出指标", "培训人数", "50人", "20", "18", "未完成",
        "效益指标", "满意度", "95%", "10", "10", "",
        "ait", "", "", "30", "28", ""};
    for (int ocr = 1; ocr >= 0; ocr--) {
        JxDoc *doc = doc_of(ROWS, 4, 6, ocr ? JX_FLAG_BIT(JX_FLAG_OCR) : 0);
        jx_normalize_ocr(doc, rs);
        const JxTable *t = ((const JxBlock *)g_ptr_array_index(doc->blocks, 0))->table;
        const JxCell *gap = jx_table_cell_at(t, 0, 4), *total = jx_table_cell_at(t, 3, 0);
        CU_ASSERT_STRING_EQUAL(gap->text, ocr ? "得分" : "糙得|从恒");
        CU_ASSERT_EQUAL((gap->flags & JX_FLAG_BIT(JX_FLAG_HEADER_INFERRED)) != 0, ocr);
        CU_ASSERT_STRING_EQUAL(total->text, ocr ? "合计" : "ait");
        CU_ASSERT_STRING_EQUAL(jx_table_cell_at(t, 0, 1)->text, "三级指标");
        JxResult *res = jx_forms_read(doc, rs);
        CU_ASSERT_EQUAL_FATAL(res->forms->len, 1);
        const JxForm *f = g_ptr_array_index(res->forms, 0);
        CU_ASSERT_EQUAL_FATAL(f->indicators->len, ocr ? 2 : 3); /* ait: an indicator */
        const JxIndicator *ind = g_ptr_array_index(f->indicators, 0);
        CU_ASSERT_EQUAL(ind->score.set, ocr);
        if (ocr) {
            CU_ASSERT_DOUBLE_EQUAL(ind->score.v, 18, 1e-9);
            CU_ASSERT(ind->flags & JX_FLAG_BIT(JX_FLAG_HEADER_INFERRED));
            CU_ASSERT_TRUE(f->total_weight.set && f->total_score.set);
            CU_ASSERT_DOUBLE_EQUAL(f->total_weight.v, 30, 1e-9);
            CU_ASSERT_DOUBLE_EQUAL(f->total_score.v, 28, 1e-9);
        } else {
            CU_ASSERT_FALSE(ind->flags & JX_FLAG_BIT(JX_FLAG_HEADER_INFERRED));
            CU_ASSERT_FALSE(f->total_weight.set);
        }
        jx_result_free(res);
        jx_doc_free(doc);
    }
    jx_ruleset_free(rs);
}

/* OCR paragraphs lose their specks line by line; other paragraphs and
 * cells are left as they are. */
static void test_ocr_paragraphs(void)
{
    JxRuleset *rs = jx_ruleset_new();
    CU_ASSERT_TRUE_FATAL(jx_ruleset_load_builtin(rs, NULL));
    JxDoc *doc = jx_doc_new("pdf");
    JxBlock *p = jx_doc_add_paragraph(doc, "| 项目支出绩效自评表 |\n2023年度_", 1);
    p->flags = JX_FLAG_BIT(JX_FLAG_OCR);
    jx_doc_add_paragraph(doc, "| 原样 |", 1);
    jx_normalize_ocr(doc, rs);
    CU_ASSERT_STRING_EQUAL(((JxBlock *)g_ptr_array_index(doc->blocks, 0))->text,
                           "项目支出绩效自评表\n2023年度");
    CU_ASSERT_STRING_EQUAL(((JxBlock *)g_ptr_array_index(doc->blocks, 1))->text, "| 原样 |");
    jx_doc_free(doc);
    jx_ruleset_free(rs);
}

/* The rules flag the values of a column whose header cell says it was
 * placed (HEADER_INFERRED), whoever placed it: nothing here is OCR. */
static void test_header_inferred(void)
{
    JxRuleset *rs = jx_ruleset_new();
    CU_ASSERT_TRUE_FATAL(jx_ruleset_load_builtin(rs, NULL));
    const char *const ROWS[] = {"三级指标", "年度指标值", "分值", "得分",
                                "培训人数", "50人", "20", "18"};
    JxDoc *doc = doc_of(ROWS, 2, 4, 0);
    JxTable *t = ((JxBlock *)g_ptr_array_index(doc->blocks, 0))->table;
    jx_table_cell_at(t, 0, 3)->flags |= JX_FLAG_BIT(JX_FLAG_HEADER_INFERRED);
    JxResult *res = jx_forms_read(doc, rs);
    CU_ASSERT_EQUAL_FATAL(res->forms->len, 1);
    const JxForm *f = g_ptr_array_index(res->forms, 0);
    CU_ASSERT_EQUAL_FATAL(f->indicators->len, 1);
    const JxIndicator *ind = g_ptr_array_index(f->indicators, 0);
    CU_ASSERT_DOUBLE_EQUAL(ind->score.v, 18, 1e-9);
    CU_ASSERT_EQUAL(ind->flags, JX_FLAG_BIT(JX_FLAG_HEADER_INFERRED));
    jx_result_free(res);
    jx_doc_free(doc);
    jx_ruleset_free(rs);
}

/* Strip and replace by a kind whose rules are numbers (no pattern) leave
 * the text alone; they crashed in PCRE2 (found by the rules fuzzer). */
static void test_numeric_kind_substitute(void)
{
    JxRuleset *rs = jx_ruleset_new();
    GError *err = NULL;
    CU_ASSERT_TRUE_FATAL(jx_ruleset_load_data(rs, "t.rules", "ocrword  复核分  1\n", &err));
    char *s = jx_ruleset_strip(rs, "ocrword", "复核分");
    CU_ASSERT_STRING_EQUAL(s, "复核分");
    g_free(s);
    s = jx_ruleset_replace(rs, "ocrword", "复核分");
    CU_ASSERT_STRING_EQUAL(s, "复核分");
    g_free(s);
    jx_ruleset_free(rs);
}

void jx_add_ruleset_tests(void)
{
    CU_pSuite s = CU_add_suite("rules/ruleset", NULL, NULL);
    CU_add_test(s, "errors name file and line", test_errors);
    CU_add_test(s, "matching and precedence", test_match_and_precedence);
    CU_add_test(s, "level weights must add up", test_level_weights);
    CU_add_test(s, "a user's field rule, full-width", test_user_field);
    CU_add_test(s, "OCR: an unread header, an unread total", test_ocr_header_gaps);
    CU_add_test(s, "OCR: paragraphs", test_ocr_paragraphs);
    CU_add_test(s, "a column whose header was placed", test_header_inferred);
    CU_add_test(s, "strip and replace by a numeric kind", test_numeric_kind_substitute);
}
