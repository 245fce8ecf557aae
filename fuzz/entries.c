/* The fuzz entries of fuzz/entries.h. */
#include "fuzz/entries.h"

#include <string.h>

#include <zip.h>

#include "extract/extract.h"
#include "extract/office/xls.h"
#include "normalize/text.h"
#include "normalize/value.h"
#include "pipeline/pipeline.h"
#include "sink/jsonl.h"

void jx_fuzz_init(void)
{
    g_setenv("JIXIAO_OCR_PLUGIN", "/nonexistent/jixiao-fuzz/no-ocr.so", TRUE);
}

/* The bytes as a NUL-terminated string (g_free it): what a reader gives
 * the stages after it. */
static char *as_string(const guint8 *data, gsize len)
{
    char *s = g_malloc(len + 1);
    if (len)
        memcpy(s, data, len);
    s[len] = '\0';
    return s;
}

void jx_fuzz_value(const guint8 *data, gsize len)
{
    static const char *const UNITS[] = {"元", "万元", "亿元", "千元"};
    char *s = as_string(data, len);
    JxValue v;
    jx_value_parse(s, NULL, &v);
    double n;
    jx_value_as_number(&v, &n);
    jx_value_clear(&v);
    jx_value_parse(s, UNITS[len % G_N_ELEMENTS(UNITS)], &v);
    GString *json = g_string_new(NULL); /* how a value leaves the library */
    jx_jsonl_value(json, &v);
    g_string_free(json, TRUE);
    jx_value_clear(&v);
    g_free(s);
}

void jx_fuzz_text(const guint8 *data, gsize len)
{
    char *s = as_string(data, len);
    g_free(jx_text_clean(s));
    g_free(jx_text_clean_ocr(s));
    g_free(jx_text_compact(s));
    g_free(s);
}

static void extract(const guint8 *data, gsize len)
{
    GError *err = NULL;
    JxDoc *doc = jx_extract(data, len, &err);
    jx_doc_free(doc);
    g_clear_error(&err);
}

void jx_fuzz_xls(const guint8 *data, gsize len)
{
    GError *err = NULL;
    jx_doc_free(jx_xls_read(data, len, &err));
    g_clear_error(&err);
}

void jx_fuzz_docx(const guint8 *data, gsize len)
{
    extract(data, len);
}

/* Adds a member holding len bytes of data (not copied: data must live
 * until zip_close), stored. FALSE on a libzip failure. */
static gboolean add_member(zip_t *za, const char *name, const void *data, gsize len)
{
    zip_source_t *s = zip_source_buffer(za, data, len, 0);
    if (!s)
        return FALSE;
    zip_int64_t i = zip_file_add(za, name, s, ZIP_FL_OVERWRITE);
    if (i < 0) {
        zip_source_free(s);
        return FALSE;
    }
    return zip_set_file_compression(za, (zip_uint64_t)i, ZIP_CM_STORE, 0) == 0;
}

/* A stored ZIP of the (name, bytes, length) members (n of them), or NULL. */
static guint8 *zip_of(const char *const *names, const void *const *datas, const gsize *lens,
                      gsize n, gsize *out_len)
{
    zip_error_t zerr;
    zip_error_init(&zerr);
    zip_source_t *src = zip_source_buffer_create(NULL, 0, 0, &zerr);
    zip_error_fini(&zerr);
    if (!src)
        return NULL;
    zip_source_keep(src); /* it outlives the archive: we read it back */
    guint8 *out = NULL;
    zip_t *za = zip_open_from_source(src, ZIP_TRUNCATE, NULL);
    gboolean ok = za != NULL;
    for (gsize i = 0; ok && i < n; i++)
        ok = add_member(za, names[i], datas[i], lens[i]);
    if (za && (!ok || zip_close(za) != 0)) {
        zip_discard(za);
        ok = FALSE;
    }
    zip_stat_t st;
    if (ok && zip_source_stat(src, &st) == 0 && (st.valid & ZIP_STAT_SIZE) &&
        zip_source_open(src) == 0) {
        out = g_malloc(st.size ? st.size : 1);
        if (zip_source_read(src, out, st.size) != (zip_int64_t)st.size)
            g_clear_pointer(&out, g_free);
        else
            *out_len = st.size;
        zip_source_close(src);
    }
    zip_source_free(src);
    return out;
}

guint8 *jx_fuzz_docx_of(const guint8 *xml, gsize xml_len, gsize *out_len)
{
    static const char TYPES[] =
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>"
        "<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\">"
        "<Default Extension=\"xml\" ContentType=\"application/xml\"/>"
        "<Override PartName=\"/word/document.xml\" ContentType=\"application/"
        "vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/></Types>";
    const char *names[] = {"[Content_Types].xml", "word/document.xml"};
    const void *datas[] = {TYPES, xml};
    const gsize lens[] = {sizeof TYPES - 1, xml_len};
    return zip_of(names, datas, lens, G_N_ELEMENTS(names), out_len);
}

void jx_fuzz_docxml(const guint8 *data, gsize len)
{
    gsize n = 0;
    guint8 *docx = jx_fuzz_docx_of(data, len, &n);
    if (docx)
        extract(docx, n);
    g_free(docx);
}

void jx_fuzz_html(const guint8 *data, gsize len)
{
    if (len <= JX_FUZZ_MAX_PDF)
        extract(data, len);
}

void jx_fuzz_ofd(const guint8 *data, gsize len)
{
    static const char OFD[] =
        "<ofd:OFD xmlns:ofd=\"http://www.ofdspec.org/2016\"><ofd:DocBody><ofd:DocRoot>"
        "Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>";
    static const char DOC[] =
        "<ofd:Document xmlns:ofd=\"http://www.ofdspec.org/2016\"><ofd:CommonData><ofd:PageArea>"
        "<ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea><ofd:TemplatePage "
        "ID=\"1\" BaseLoc=\"Pages/Page_0/Content.xml\"/></ofd:CommonData><ofd:Pages>"
        "<ofd:Page ID=\"2\" BaseLoc=\"Pages/Page_0/Content.xml\"/></ofd:Pages></ofd:Document>";
    if (len >= 2 && data[0] == 'P' && data[1] == 'K') {
        extract(data, len);
        return;
    }
    const char *const names[] = {"OFD.xml", "Doc_0/Document.xml", "Doc_0/Pages/Page_0/Content.xml"};
    const void *const datas[] = {OFD, DOC, data};
    const gsize lens[] = {sizeof OFD - 1, sizeof DOC - 1, len};
    gsize n = 0;
    guint8 *ofd = zip_of(names, datas, lens, 3, &n);
    if (ofd)
        extract(ofd, n);
    g_free(ofd);
}

void jx_fuzz_pdf(const guint8 *data, gsize len)
{
    if (len <= JX_FUZZ_MAX_PDF)
        extract(data, len);
}

void jx_fuzz_rules(const guint8 *data, gsize len)
{
    /* the KINDs of common/ruleset.c whose PATTERN is a regular expression,
     * the two whose PATTERN is a number, and cells like those they are for */
    static const char *const KINDS[] = {
        "title", "year", "kind", "field", "fundcol", "fundline", "fundunit", "fundsource",
        "goalcol", "indcol", "indgap", "fundgap", "total", "level1", "level2",
        "level2parent", "levelweight", "namestrip", "checkbox", "ocrfix", "ocrlabel", "chrome"};
    static const char *const NUMERIC[] = {"penalty", "ocrword"};
    static const char *const CELLS[] = {
        "项目名称", "年初预算数", "产出指标(50分)", "数量指标", "1.项目负青人", "",
        "aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa!",
        "2023年度项目支出绩效自评表", "☑是□否", "@@①②"};
    char *text = as_string(data, len);
    JxRuleset *rs = jx_ruleset_new();
    GError *err = NULL;
    jx_ruleset_load_data(rs, "fuzz.rules", text, &err);
    g_clear_error(&err);
    for (gsize c = 0; c < G_N_ELEMENTS(CELLS); c++) {
        for (gsize k = 0; k < G_N_ELEMENTS(KINDS); k++) {
            char *cap = NULL;
            jx_ruleset_match(rs, KINDS[k], CELLS[c], &cap);
            g_free(cap);
            g_free(jx_ruleset_strip(rs, KINDS[k], CELLS[c]));
            g_free(jx_ruleset_replace(rs, KINDS[k], CELLS[c]));
        }
        for (gsize k = 0; k < G_N_ELEMENTS(NUMERIC); k++) {
            jx_ruleset_nearest(rs, NUMERIC[k], CELLS[c]);
            jx_ruleset_number(rs, NUMERIC[k], CELLS[c], 0);
        }
    }
    jx_ruleset_size(rs);
    jx_ruleset_free(rs);
    g_free(text);
}

/* The built-in rules, loaded on first use and kept (they are reachable to
 * the end, so no leak). */
static const JxRuleset *builtin_rules(void)
{
    static JxRuleset *rs;
    if (!rs) {
        rs = jx_pipeline_rules(NULL, NULL);
        g_assert(rs != NULL); /* the built-in rules always load */
    }
    return rs;
}

void jx_fuzz_pipeline(const guint8 *data, gsize len)
{
    if (len > JX_FUZZ_MAX_PDF)
        return;
    JxDocRecords *d = jx_pipeline_data("fuzz-input", data, len, builtin_rules());
    JxRecords recs;
    jx_records_init(&recs, &d->info, d->result, d->error_code, d->error_message);
    GString *out = g_string_new(NULL);
    jx_jsonl_put(out, &recs);
    g_string_free(out, TRUE);
    jx_doc_records_free(d);
}

void jx_fuzz_xlsx(const guint8 *data, gsize len)
{
    if (len >= 2 && data[0] == 'P' && data[1] == 'K') {
        extract(data, len);
        return;
    }
#define SML "xmlns=\"http://schemas.openxmlformats.org/spreadsheetml/2006/main\""
#define REL "http://schemas.openxmlformats.org/officeDocument/2006/relationships/"
    static const char WB[] =
        "<workbook " SML " xmlns:r=\"" REL "\"><sheets>"
        "<sheet name=\"a\" sheetId=\"1\" r:id=\"rId1\"/>"
        "<sheet name=\"h\" sheetId=\"3\" state=\"hidden\" r:id=\"rId3\"/>"
        "<sheet name=\"b\" sheetId=\"2\" r:id=\"rId2\"/></sheets></workbook>";
    static const char RELS[] =
        "<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\">"
        "<Relationship Id=\"rId1\" Type=\"" REL "worksheet\" Target=\"worksheets/sheet1.xml\"/>"
        "<Relationship Id=\"rId2\" Type=\"" REL "worksheet\" Target=\"/xl/worksheets/sheet2.xml\"/>"
        "<Relationship Id=\"rId3\" Type=\"" REL "worksheet\" Target=\"worksheets/sheet2.xml\"/>"
        "<Relationship Id=\"rId4\" Type=\"" REL "styles\" Target=\"styles.xml\"/>"
        "<Relationship Id=\"rId5\" Type=\"" REL "sharedStrings\" Target=\"sharedStrings.xml\"/>"
        "</Relationships>";
    static const char STYLES[] =
        "<styleSheet " SML "><numFmts><numFmt numFmtId=\"164\" formatCode=\"#,##0.00&quot;元&quot;\"/>"
        "</numFmts><borders><border/><border><left style=\"thin\"/></border></borders><cellXfs>"
        "<xf numFmtId=\"0\"/><xf numFmtId=\"2\" borderId=\"1\"/><xf numFmtId=\"10\"/>"
        "<xf numFmtId=\"31\"/><xf numFmtId=\"164\"/></cellXfs></styleSheet>";
    static const char SST[] =
        "<sst " SML "><si><t>项目名称</t></si><si><r><t>年度</t></r><r><t>资金</t></r>"
        "<rPh><t>x</t></rPh></si></sst>";
    static const char SHEET2[] =
        "<worksheet " SML "><sheetData><row r=\"1\"><c r=\"A1\" t=\"s\"><v>1</v></c>"
        "<c r=\"B1\" s=\"2\"><v>0.5</v></c></row></sheetData></worksheet>";
    const char *names[] = {"xl/workbook.xml", "xl/_rels/workbook.xml.rels", "xl/styles.xml",
                           "xl/sharedStrings.xml", "xl/worksheets/sheet1.xml",
                           "xl/worksheets/sheet2.xml"};
    const void *datas[] = {WB, RELS, STYLES, SST, data, SHEET2};
    const gsize lens[] = {sizeof WB - 1, sizeof RELS - 1, sizeof STYLES - 1, sizeof SST - 1,
                          len, sizeof SHEET2 - 1};
#undef SML
#undef REL
    gsize n = 0;
    guint8 *xlsx = zip_of(names, datas, lens, G_N_ELEMENTS(names), &n);
    if (xlsx)
        extract(xlsx, n);
    g_free(xlsx);
}

JxFuzzEntry jx_fuzz_entry(const char *target)
{
    static const struct {
        const char *name;
        JxFuzzEntry fn;
    } ENTRIES[] = {
        {"value", jx_fuzz_value}, {"text", jx_fuzz_text},   {"docx", jx_fuzz_docx},
        {"docxml", jx_fuzz_docxml}, {"pdf", jx_fuzz_pdf},   {"rules", jx_fuzz_rules},
        {"pipeline", jx_fuzz_pipeline}, {"html", jx_fuzz_html}, {"xlsx", jx_fuzz_xlsx},
        {"xls", jx_fuzz_xls}, {"ofd", jx_fuzz_ofd},
    };
    for (gsize i = 0; target && i < G_N_ELEMENTS(ENTRIES); i++)
        if (strcmp(target, ENTRIES[i].name) == 0)
            return ENTRIES[i].fn;
    return NULL;
}
