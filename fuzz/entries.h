/* The fuzz entries: one function per libFuzzer target of fuzz/, each
 * feeding arbitrary bytes to one reader or parser the way the pipeline
 * calls it. They are shared by the targets (fuzz/fuzz_*.c) and by the
 * regression suite of make test (tests/test_fuzz_regress.c), which runs the
 * inputs of tests/fuzz-regress/<target>/ through the same entry.
 * An entry never fails and keeps nothing but the built-in rules (loaded
 * once, kept for the life of the process); what it finds is a crash, a
 * sanitizer report or a leak. */
#ifndef JX_FUZZ_ENTRIES_H
#define JX_FUZZ_ENTRIES_H

#include <glib.h>

/* Largest input the PDF and pipeline entries read: bigger ones return at
 * once, so that the fuzzer spends its time on many small inputs. */
#define JX_FUZZ_MAX_PDF (256u * 1024)

/* Sets the process up for fuzzing: OCR is never loaded
 * (JIXIAO_OCR_PLUGIN names a file that does not exist), so a scan costs
 * no Tesseract run. For LLVMFuzzerInitialize only; the tests keep OCR. */
void jx_fuzz_init(void);

/* jx_value_parse of the bytes without a header unit, then with one of
 * 元 万元 亿元 千元 (chosen by the input's length). */
void jx_fuzz_value(const guint8 *data, gsize len);
/* jx_text_clean, jx_text_clean_ocr and jx_text_compact of the bytes. */
void jx_fuzz_text(const guint8 *data, gsize len);
/* jx_xls_read of the bytes, whatever they look like (the seeds are XLS
 * files: corpus/xls/, tests/data/xls-*.xls). */
void jx_fuzz_xls(const guint8 *data, gsize len);
/* jx_extract of the bytes (the DOCX fuzzer's seeds are ZIP files). */
void jx_fuzz_docx(const guint8 *data, gsize len);
/* The bytes as word/document.xml of a minimal DOCX built in memory
 * (stored, not deflated), then jx_extract of that DOCX. */
void jx_fuzz_docxml(const guint8 *data, gsize len);
/* A DOCX in memory whose word/document.xml is the len bytes of xml (stored,
 * not deflated): what jx_fuzz_docxml reads. Returns its bytes (transfer
 * full: g_free) and sets *out_len, or NULL on a libzip failure. */
guint8 *jx_fuzz_docx_of(const guint8 *xml, gsize len, gsize *out_len);
/* jx_extract of the bytes, up to JX_FUZZ_MAX_PDF (the HTML fuzzer's seeds
 * are web pages, so most inputs reach the HTML reader). */
void jx_fuzz_html(const guint8 *data, gsize len);

/* An OFD: a ZIP ("PK...") is read as it is (jx_extract); other bytes are
 * the page Content.xml (also its template page) of a one-page OFD built in
 * memory (stored), then jx_extract of that OFD. */
void jx_fuzz_ofd(const guint8 *data, gsize len);
/* jx_extract of the bytes, up to JX_FUZZ_MAX_PDF. */
void jx_fuzz_pdf(const guint8 *data, gsize len);
/* jx_ruleset_load_data of the bytes into an empty ruleset, then, on a few
 * cell texts, what the stages do with the rules: match, strip and replace
 * by every pattern kind, nearest and number by the numeric kinds (penalty,
 * ocrword). */
void jx_fuzz_rules(const guint8 *data, gsize len);
/* The whole path of one file: jx_pipeline_data with the built-in rules
 * (extract, OCR repair, forms reader, checks), then the JSONL lines of its
 * records. Up to JX_FUZZ_MAX_PDF. */
void jx_fuzz_pipeline(const guint8 *data, gsize len);

/* XLSX: a ZIP (bytes starting "PK") goes to jx_extract as it is; any other
 * bytes are the first sheet's XML of a small workbook built in memory (with
 * styles, shared strings, a second sheet and a hidden one), so the fuzzer
 * reaches the sheet reader without having to make a ZIP. */
void jx_fuzz_xlsx(const guint8 *data, gsize len);

/* The entry of a target by name ("value", "text", "docx", "docxml", "pdf",
 * "html", "rules", "pipeline", "xlsx", "xls", "ofd"), or NULL. */
typedef void (*JxFuzzEntry)(const guint8 *data, gsize len);
JxFuzzEntry jx_fuzz_entry(const char *target);

#endif
