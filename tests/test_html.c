/* The HTML reader (extract/html/html.h): the HTML table model's spans, cell
 * text as a browser lays it out, encodings, nested and layout tables, site
 * chrome, a form split over two <table>s, and the bad inputs. */
#include <string.h>

#include "common/error.h"
#include "common/ruleset.h"
#include "extract/extract.h"
#include "extract/html/html.h"
#include "tests/harness.h"

/* The page (a NUL-terminated string) read by the extract door. */
static JxDoc *read_page(const char *page, GError **err)
{
    return jx_extract((const guint8 *)page, strlen(page), err);
}

static const JxTable *nth_table(const JxDoc *doc, int n)
{
    for (guint i = 0; i < doc->blocks->len; i++) {
        const JxBlock *b = g_ptr_array_index(doc->blocks, i);
        if (b->kind == JX_BLOCK_TABLE && n-- == 0)
            return b->table;
    }
    return NULL;
}

static guint count(const JxDoc *doc, JxBlockKind kind)
{
    guint n = 0;
    for (guint i = 0; i < doc->blocks->len; i++)
        n += ((const JxBlock *)g_ptr_array_index(doc->blocks, i))->kind == kind;
    return n;
}

static const char *cell_text(const JxTable *t, int r, int c)
{
    const JxCell *cell = jx_table_cell_at(t, r, c);
    return cell ? cell->text : "(no cell)";
}

static void test_spans(void)
{
    GError *err = NULL;
    JxDoc *doc = read_page(
        "<html><body><table>"
        "<thead><tr><th rowspan=2>A</th><th colspan=\"2\">B</th><th rowspan=99>G</th></tr>"
        "<tr><th>C</th><th>D</th></tr></thead>"
        "<tfoot><tr><td colspan=4>foot</td></tr></tfoot>"
        "<tbody><tr><td colspan=0>E</td><td rowspan=0>F</td><td>H</td></tr>"
        "<tr><td>I</td><td>J</td></tr></tbody>"
        "</table></body></html>",
        &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_STRING_EQUAL(doc->format, "html");
    CU_ASSERT_EQUAL(doc->pages, 0);
    const JxTable *t = nth_table(doc, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL(t->nrows, 5);
    CU_ASSERT_EQUAL(t->ncols, 4);
    const JxCell *a = jx_table_cell_at(t, 1, 0);
    CU_ASSERT_STRING_EQUAL(a->text, "A");
    CU_ASSERT_EQUAL(a->rowspan, 2);
    CU_ASSERT_EQUAL(jx_table_cell_at(t, 0, 2)->colspan, 2);
    /* C skips the column A's rowspan takes; G's rowspan ends with <thead> */
    CU_ASSERT_EQUAL(jx_table_cell_at(t, 1, 1)->row, 1);
    CU_ASSERT_STRING_EQUAL(cell_text(t, 1, 1), "C");
    CU_ASSERT_STRING_EQUAL(cell_text(t, 1, 2), "D");
    CU_ASSERT_STRING_EQUAL(cell_text(t, 1, 3), "G");
    CU_ASSERT_EQUAL(jx_table_cell_at(t, 0, 3)->rowspan, 2);
    /* colspan="0" is 1; rowspan="0" runs to the end of its <tbody> */
    CU_ASSERT_STRING_EQUAL(cell_text(t, 2, 0), "E");
    CU_ASSERT_EQUAL(jx_table_cell_at(t, 2, 0)->colspan, 1);
    CU_ASSERT_EQUAL(jx_table_cell_at(t, 3, 1)->row, 2);
    CU_ASSERT_STRING_EQUAL(cell_text(t, 3, 1), "F");
    CU_ASSERT_STRING_EQUAL(cell_text(t, 3, 0), "I");
    CU_ASSERT_STRING_EQUAL(cell_text(t, 3, 2), "J");
    /* <tfoot> shows last, whatever its place in the source */
    CU_ASSERT_STRING_EQUAL(cell_text(t, 4, 3), "foot");
    jx_doc_free(doc);
}

static void test_cell_text(void)
{
    JxDoc *doc = read_page(
        "<table><tr><td>年度<br>指标值</td><td>a&nbsp;&nbsp;b  <span>c</span><b>d</b>&amp;</td>"
        "<td>\n   项目\n   名称  </td><td><p>x</p><p>y</p><div>z<br></div></td>"
        "<td><FONT face=宋体>主管</FONT><span style='color:red'>部门</span></td>"
        "<td>可<span style=\"display: none\">（草稿）</span>见<script>s()</script><!-- c --></td>"
        "<td><p>a</p><p><br></p><p>b<br></p><p>c</p></td>"
        "<td>社会效益\n  <span>指标</span> 与 A\nB</td>"
        "</tr></table>",
        NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    const JxTable *t = nth_table(doc, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_STRING_EQUAL(cell_text(t, 0, 0), "年度\n指标值");  /* <br> */
    CU_ASSERT_STRING_EQUAL(cell_text(t, 0, 1), "a  b cd&");     /* &nbsp; kept, blanks collapsed */
    CU_ASSERT_STRING_EQUAL(cell_text(t, 0, 2), "项目名称");      /* a wrap between CJK: no space */
    CU_ASSERT_STRING_EQUAL(cell_text(t, 0, 3), "x\ny\nz");       /* blocks are lines */
    CU_ASSERT_STRING_EQUAL(cell_text(t, 0, 4), "主管部门");      /* inline elements joined */
    CU_ASSERT_STRING_EQUAL(cell_text(t, 0, 5), "可见");          /* hidden, script, comment */
    /* an empty paragraph is an empty line, a <br> closing one is not */
    CU_ASSERT_STRING_EQUAL(cell_text(t, 0, 6), "a\n\nb\nc");
    /* a source line break between CJK characters is no space; a blank is */
    CU_ASSERT_STRING_EQUAL(cell_text(t, 0, 7), "社会效益指标 与 A B");
    jx_doc_free(doc);
}

static void test_paragraphs(void)
{
    JxDoc *doc = read_page(
        "<!DOCTYPE html><html><head><title>自评表公开</title><style>p{color:red}</style>"
        "<script>var x = '<p>no</p>';</script></head><body>"
        "<header>某某区人民政府</header><nav><a>首页</a><a>政务公开</a></nav>"
        "<div class=crumb>当前位置：首页 &gt; 政务公开</div>"
        "<h1>项目支出绩效<span>自评表</span></h1><p hidden>不显示</p>"
        "<div>第一行<br>第二行<p>另一段</p></div><noscript>请启用脚本</noscript>"
        "<div>版权所有：某某区人民政府　京ICP备12345678号</div><p>联系电话：010-12345678</p>"
        "<footer>网站地图</footer></body></html>",
        NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    const char *want[] = {"自评表公开", "项目支出绩效自评表", "第一行\n第二行", "另一段"};
    CU_ASSERT_EQUAL_FATAL(doc->blocks->len, G_N_ELEMENTS(want));
    for (guint i = 0; i < G_N_ELEMENTS(want); i++) {
        const JxBlock *b = g_ptr_array_index(doc->blocks, i);
        CU_ASSERT_EQUAL(b->kind, JX_BLOCK_PARAGRAPH);
        CU_ASSERT_STRING_EQUAL(b->text, want[i]);
    }
    jx_doc_free(doc);
}

/* The chrome words come from the rules: without them the footer stays. */
static void test_chrome_rules(void)
{
    static const char PAGE[] = "<html><body><p>版权所有：某某区人民政府</p><nav>首页</nav></body></html>";
    JxDoc *doc = jx_html_read_rules((const guint8 *)PAGE, sizeof PAGE - 1, NULL, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_EQUAL_FATAL(doc->blocks->len, 1); /* <nav> is never read */
    CU_ASSERT_STRING_EQUAL(((JxBlock *)g_ptr_array_index(doc->blocks, 0))->text,
                           "版权所有：某某区人民政府");
    jx_doc_free(doc);
    JxRuleset *rs = jx_ruleset_new();
    CU_ASSERT_TRUE(jx_ruleset_load_data(rs, "t.rules", "chrome  x  ^版权所有\n", NULL));
    doc = jx_html_read_rules((const guint8 *)PAGE, sizeof PAGE - 1, rs, NULL);
    CU_ASSERT_EQUAL(doc->blocks->len, 0);
    jx_doc_free(doc);
    jx_ruleset_free(rs);

    /* through the extract door: a user's rule (what --rules DIR loads)
     * reaches the reader; without it the built-in rules keep the line */
    static const char SITE[] = "<html><body><p>本页责任编辑：张三</p><p>正文</p></body></html>";
    rs = jx_ruleset_new();
    CU_ASSERT_TRUE(jx_ruleset_load_builtin(rs, NULL));
    CU_ASSERT_TRUE(jx_ruleset_load_data(rs, "site.rules", "chrome  editor  ^本页责任编辑:\n", NULL));
    doc = jx_extract_rules((const guint8 *)SITE, sizeof SITE - 1, rs, NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_EQUAL_FATAL(doc->blocks->len, 1);
    CU_ASSERT_STRING_EQUAL(((JxBlock *)g_ptr_array_index(doc->blocks, 0))->text, "正文");
    jx_doc_free(doc);
    doc = jx_extract((const guint8 *)SITE, sizeof SITE - 1, NULL);
    CU_ASSERT_EQUAL(doc ? doc->blocks->len : 0, 2);
    jx_doc_free(doc);
    jx_ruleset_free(rs);
}

static void test_nested(void)
{
    /* a table in a cell with text: its own block right after the outer one */
    JxDoc *doc = read_page("<table><tr><td>外表<table><tr><td>内表</td><td>2</td></tr>"
                           "</table></td></tr></table>",
                           NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_EQUAL(count(doc, JX_BLOCK_TABLE), 2);
    CU_ASSERT_STRING_EQUAL(cell_text(nth_table(doc, 0), 0, 0), "外表");
    CU_ASSERT_STRING_EQUAL(cell_text(nth_table(doc, 1), 0, 0), "内表");
    jx_doc_free(doc);
    /* a layout table (nothing but the form and chrome in it) is unwrapped */
    doc = read_page("<table width=100%><tr><td>首页 | 政务公开</td></tr><tr><td>"
                    "<table><tr><td>项目名称</td><td>党建事务</td></tr></table></td></tr>"
                    "<tr><td>版权所有：某某区</td></tr></table>",
                    NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_EQUAL_FATAL(doc->blocks->len, 1);
    const JxTable *t = nth_table(doc, 0);
    CU_ASSERT_EQUAL(t->ncols, 2);
    CU_ASSERT_STRING_EQUAL(cell_text(t, 0, 1), "党建事务");
    jx_doc_free(doc);
    /* the corpus form nested in a 1x1 table with its title, as the DOCX */
    doc = jx_test_read_doc("corpus/html/000-form3-edited.html", NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_STRING_EQUAL(cell_text(nth_table(doc, 0), 0, 0), "项目支出绩效自评表\n（ 2023年度）");
    CU_ASSERT_STRING_EQUAL(cell_text(nth_table(doc, 1), 0, 2), "聘用人员工资");
    /* the hidden run of the DOCX is a display:none span here */
    CU_ASSERT_STRING_EQUAL(cell_text(nth_table(doc, 1), 12, 3), "指标1：人员工资发放率");
    jx_doc_free(doc);
}

static void test_split(void)
{
    /* one form closed after its fund rows and opened again: one table */
    JxDoc *doc = read_page("<p>项目支出绩效自评表</p><table><tr><td>项目名称</td><td>x</td>"
                           "<td>y</td></tr></table><div>京ICP备1号</div>"
                           "<table><tbody><tr><td rowspan=2>产出指标</td><td>数量指标</td>"
                           "<td>10</td></tr><tr><td>质量指标</td><td>5</td></tr></tbody></table>",
                           NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_EQUAL(count(doc, JX_BLOCK_TABLE), 1);
    const JxTable *t = nth_table(doc, 0);
    CU_ASSERT_EQUAL(t->nrows, 3);
    CU_ASSERT_EQUAL(jx_table_cell_at(t, 2, 0)->row, 1);
    CU_ASSERT_EQUAL(jx_table_cell_at(t, 2, 0)->rowspan, 2);
    CU_ASSERT_STRING_EQUAL(cell_text(t, 2, 2), "5");
    jx_doc_free(doc);
    /* a title between, or another column count: two tables */
    doc = read_page("<table><tr><td>a</td><td>b</td></tr></table><p>第二张表</p>"
                    "<table><tr><td>c</td><td>d</td></tr></table>"
                    "<table><tr><td>e</td><td>f</td><td>g</td></tr></table>",
                    NULL);
    CU_ASSERT_EQUAL(count(doc, JX_BLOCK_TABLE), 3);
    jx_doc_free(doc);
    /* the corpus page that splits its form: one 21 x 10 table, as the DOCX */
    doc = jx_test_read_doc("corpus/html/2021-template-cost.html", NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_EQUAL(count(doc, JX_BLOCK_TABLE), 1);
    CU_ASSERT_EQUAL(nth_table(doc, 0)->nrows, 21);
    CU_ASSERT_EQUAL(nth_table(doc, 0)->ncols, 10);
    /* its <caption>: a paragraph before the table */
    CU_ASSERT_STRING_EQUAL(((JxBlock *)g_ptr_array_index(doc->blocks, 1))->text,
                           "项目支出绩效自评表\n（ 2021年度）");
    jx_doc_free(doc);
}

static void test_encodings(void)
{
    /* GB2312 declared by http-equiv: GBK bytes of 项目名称 and 通州 */
    JxDoc *doc = read_page("<html><head><meta http-equiv=\"Content-Type\" "
                           "content=\"text/html; charset=GB2312\"></head><body><table><tr>"
                           "<td>\xCF\xEE\xC4\xBF\xC3\xFB\xB3\xC6</td><td>\xCD\xA8\xD6\xDD</td>"
                           "</tr></table></body></html>",
                           NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_STRING_EQUAL(cell_text(nth_table(doc, 0), 0, 0), "项目名称");
    CU_ASSERT_STRING_EQUAL(cell_text(nth_table(doc, 0), 0, 1), "通州");
    CU_ASSERT_EQUAL(doc->notes->len, 0);
    jx_doc_free(doc);
    /* a GBK page of the corpus, and a GB18030 one (<meta charset>) */
    doc = jx_test_read_doc("corpus/html/000-tongzhou-5forms.html", NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_STRING_EQUAL(cell_text(nth_table(doc, 0), 0, 2), "微信公众号经费");
    CU_ASSERT_EQUAL(count(doc, JX_BLOCK_TABLE), 5);
    jx_doc_free(doc);
    doc = jx_test_read_doc("corpus/html/001-longgang-3forms.html", NULL);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_STRING_EQUAL(cell_text(nth_table(doc, 0), 0, 3), "党建事务");
    jx_doc_free(doc);
    /* UTF-8 bytes declared GBK (they would decode as GBK mojibake): UTF-8, with a note */
    doc = read_page("<html><head><meta charset=gbk></head><body><p>项目名称</p></body></html>",
                    NULL);
    CU_ASSERT_STRING_EQUAL(((JxBlock *)g_ptr_array_index(doc->blocks, 0))->text, "项目名称");
    CU_ASSERT_EQUAL(doc->notes->len, 1);
    jx_doc_free(doc);
    /* a BOM wins over the charset the page declares */
    doc = read_page("\xEF\xBB\xBF<html><head><meta charset=gbk></head><body><p>通州</p></body></html>",
                    NULL);
    CU_ASSERT_STRING_EQUAL(((JxBlock *)g_ptr_array_index(doc->blocks, 0))->text, "通州");
    jx_doc_free(doc);
}

static const char *note_with(const JxDoc *doc, const char *word)
{
    for (guint i = 0; i < doc->notes->len; i++)
        if (strstr(g_ptr_array_index(doc->notes, i), word))
            return g_ptr_array_index(doc->notes, i);
    return NULL;
}

static void test_bad_inputs(void)
{
    GError *err = NULL;
    /* a page without a table: paragraphs only, no error */
    JxDoc *doc = jx_test_read_doc("tests/data/no-table.html", &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_EQUAL(count(doc, JX_BLOCK_TABLE), 0);
    CU_ASSERT_EQUAL(count(doc, JX_BLOCK_PARAGRAPH), 3); /* title, heading, text; no chrome */
    jx_doc_free(doc);
    /* GB18030 bytes declared UTF-8: read as GB18030, and a note says so */
    doc = jx_test_read_doc("tests/data/gb18030-declared-utf8.html", &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_STRING_EQUAL(cell_text(nth_table(doc, 0), 0, 1), "微信公众号经费");
    CU_ASSERT_PTR_NOT_NULL(note_with(doc, "GB18030"));
    CU_ASSERT_EQUAL(nth_table(doc, 0)->cells->len, 6);
    jx_doc_free(doc);
    /* cut inside 马瑞苹: the rows before, the cut cell flagged, two notes */
    doc = jx_test_read_doc("tests/data/truncated.html", &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    const JxTable *t = nth_table(doc, 0);
    CU_ASSERT_PTR_NOT_NULL_FATAL(t);
    CU_ASSERT_EQUAL(t->nrows, 3);
    CU_ASSERT_STRING_EQUAL(cell_text(t, 1, 1), "通州区工商联");
    CU_ASSERT_STRING_EQUAL(cell_text(t, 2, 1), "马\xEF\xBF\xBD");
    CU_ASSERT_TRUE(jx_table_cell_at(t, 2, 1)->flags & JX_FLAG_BIT(JX_FLAG_TEXT_GARBLED));
    CU_ASSERT_FALSE(jx_table_cell_at(t, 1, 1)->flags & JX_FLAG_BIT(JX_FLAG_TEXT_GARBLED));
    CU_ASSERT_PTR_NOT_NULL(note_with(doc, "cut short"));
    CU_ASSERT_PTR_NOT_NULL(note_with(doc, "U+FFFD"));
    jx_doc_free(doc);
    CU_ASSERT_PTR_NULL(err);
    /* a grid past JX_HTML_MAX_POSITIONS */
    GString *big = g_string_new("<table>");
    for (int r = 0; r < 5000; r++)
        g_string_append(big, "<tr><td colspan=1000>x</td></tr>");
    g_string_append(big, "</table>");
    doc = read_page(big->str, &err);
    CU_ASSERT_PTR_NULL(doc);
    CU_ASSERT_TRUE(g_error_matches(err, JX_ERROR, JX_ERROR_TOO_LARGE));
    g_clear_error(&err);
    g_string_free(big, TRUE);
    /* colspan past 1000 is 1000 */
    doc = read_page("<table><tr><td colspan=99999999999>x</td></tr></table>", &err);
    CU_ASSERT_PTR_NOT_NULL_FATAL(doc);
    CU_ASSERT_EQUAL(nth_table(doc, 0)->ncols, 1000);
    jx_doc_free(doc);
}

void jx_add_html_tests(void)
{
    CU_pSuite s = CU_add_suite("extract/html", NULL, NULL);
    CU_add_test(s, "rowspan/colspan by the HTML table model", test_spans);
    CU_add_test(s, "cell text: br, blocks, nbsp, inline, hidden", test_cell_text);
    CU_add_test(s, "paragraphs; head, scripts, chrome dropped", test_paragraphs);
    CU_add_test(s, "chrome words come from the rules", test_chrome_rules);
    CU_add_test(s, "nested and layout tables", test_nested);
    CU_add_test(s, "a form split over two tables is one", test_split);
    CU_add_test(s, "encodings: meta, GBK, GB18030, BOM", test_encodings);
    CU_add_test(s, "bad inputs", test_bad_inputs);
}
