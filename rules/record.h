/* The records of docs/SCHEMA.md, written once: each record type is one
 * X-macro list of its fields, which makes both the C struct and a table of
 * field descriptors (name, kind, offset) that every sink walks.
 * This module holds the records and frees them; it writes nothing. */
#ifndef JX_RECORD_H
#define JX_RECORD_H

#include <stddef.h>

#include <glib.h>

#include "common/flags.h"
#include "normalize/value.h"

/* Flags (JxFlag, JX_FLAG_BIT) are common/flags.h. */

/* An optional number: JSON null when !set. */
typedef struct {
    gboolean set;
    double v;
} JxNum;

/* What a field holds, and so its C member and its JSON, column and
 * hand-over forms. */
typedef enum {
    JX_FIELD_DOC,   /* no member: the document's hash (sha256 of JxDocInfo) */
    JX_FIELD_STR,   /* char *, owned by the record; NULL -> null */
    JX_FIELD_CSTR,  /* const char *, not owned (static, or the owner's); NULL -> null */
    JX_FIELD_INT,   /* int, always written */
    JX_FIELD_INT0,  /* int, null when <= 0 (pages, years) */
    JX_FIELD_SIZE,  /* gint64 m with gboolean has_m; null when !has_m */
    JX_FIELD_NUM,   /* JxNum */
    JX_FIELD_CONF,  /* double, always written (confidence) */
    JX_FIELD_VALUE, /* JxValue: the value object, null for kind EMPTY; 7 columns */
    JX_FIELD_PAGES, /* const GArray * of int, not owned; NULL -> null */
    JX_FIELD_FLAGS  /* guint of JX_FLAG_BIT()s -> a list of flag names */
} JxFieldKind;

/* The C member each kind makes. */
#define JX_MEMBER_DOC(m)
#define JX_MEMBER_STR(m) char *m;
#define JX_MEMBER_CSTR(m) const char *m;
#define JX_MEMBER_INT(m) int m;
#define JX_MEMBER_INT0(m) int m;
#define JX_MEMBER_SIZE(m) gboolean has_##m; gint64 m;
#define JX_MEMBER_NUM(m) JxNum m;
#define JX_MEMBER_CONF(m) double m;
#define JX_MEMBER_VALUE(m) JxValue m;
#define JX_MEMBER_PAGES(m) const GArray *m;
#define JX_MEMBER_FLAGS(m) guint m;

/* The field lists, in the order the records are written. F(kind, member,
 * name) is a field with its own member; A(kind, member, name) a second name
 * for a member listed by F (written again under that name). */
#define JX_DOCUMENT_FIELDS(F, A) \
    F(CSTR, sha256, doc)               /* lowercase hex, NULL when unreadable */ \
    F(CSTR, source, source)            /* path as given */ \
    F(SIZE, bytes, bytes) \
    F(CSTR, format, format)            /* NULL when unknown */ \
    F(INT0, pages, pages) \
    F(CSTR, text_source, text_source)  /* "native" ... ; "none" when nothing was read */ \
    F(CSTR, kind, kind)                /* "project_self_eval" ... "unknown" */ \
    F(INT0, year, year) \
    F(INT, forms, forms) \
    F(INT, indicators, indicators) \
    F(INT, facts, facts) \
    F(PAGES, pages_without_text, pages_without_text) /* int; NULL when unknown */ \
    F(PAGES, pages_garbled, pages_garbled)           /* int; NULL when unknown */ \
    F(FLAGS, flags, flags)

#define JX_FORM_FIELDS(F, A) \
    F(DOC, doc, doc) \
    A(INT0, page_start, page) \
    F(INT, index, form) \
    F(STR, title, title) \
    F(INT0, year, year) \
    F(STR, project_name, project_name) \
    F(STR, project_code, project_code) \
    F(STR, competent_dept, competent_dept) \
    F(STR, implementing_unit, implementing_unit) \
    F(STR, project_lead, project_lead) \
    F(STR, goal_expected, goal_expected) \
    F(STR, goal_actual, goal_actual) \
    F(NUM, total_weight, total_weight) \
    F(NUM, total_score, total_score) \
    F(INT0, page_start, page_start) \
    F(INT0, page_end, page_end) \
    F(STR, project_attribute, project_attribute) /* 项目属性: the checked option(s) */ \
    F(CONF, confidence, confidence) \
    F(FLAGS, flags, flags)

#define JX_FUND_FIELDS(F, A) \
    F(DOC, doc, doc) \
    F(INT0, page, page) \
    F(INT, form, form) \
    F(CSTR, line, line) /* static: total fiscal carryover other | central provincial local */ \
    F(NUM, budget_initial, budget_initial) /* 元 */ \
    F(NUM, budget_full_year, budget_full_year) \
    F(NUM, executed, executed) \
    F(NUM, weight, weight) \
    F(NUM, rate, rate) \
    F(NUM, score, score) \
    F(STR, unit_declared, unit_declared) /* "元" "万元" "亿元" or NULL */ \
    F(CONF, confidence, confidence) \
    F(FLAGS, flags, flags)

#define JX_INDICATOR_FIELDS(F, A) \
    F(DOC, doc, doc) \
    F(INT0, page, page) \
    F(INT, form, form) \
    F(INT, seq, seq) \
    F(STR, level1, level1) /* canonical, or the cleaned text */ \
    F(STR, level2, level2) \
    F(STR, level1_raw, level1_raw) \
    F(STR, level2_raw, level2_raw) \
    F(NUM, level1_weight, level1_weight) \
    F(NUM, level2_weight, level2_weight) \
    F(STR, name, name) \
    F(STR, detail, detail)         /* 四级指标 */ \
    F(VALUE, target, target) \
    F(VALUE, actual, actual) \
    F(NUM, weight, weight) \
    F(NUM, score, score) \
    F(NUM, review_score, review_score) \
    F(STR, deviation, deviation) \
    F(STR, criteria, criteria)     /* 指标说明 / 评价标准 text */ \
    F(CONF, confidence, confidence) \
    F(FLAGS, flags, flags)

/* A figure stated in prose (rules/facts.h makes them). */
#define JX_FACT_FIELDS(F, A) \
    F(DOC, doc, doc) \
    F(INT0, page, page) \
    F(STR, subject, subject) \
    F(NUM, value, value) \
    F(STR, unit, unit) \
    F(NUM, share_pct, share_pct) \
    F(NUM, change, change) \
    F(NUM, change_pct, change_pct) \
    F(STR, compared_to, compared_to) \
    F(STR, sentence, sentence) \
    F(CONF, confidence, confidence) \
    F(FLAGS, flags, flags)

/* A file that could not be read. */
#define JX_ERROR_FIELDS(F, A) \
    F(DOC, doc, doc) \
    F(CSTR, source, source) \
    F(CSTR, code, code)       /* "IO" "EMPTY" ... (common/error.h) */ \
    F(CSTR, message, message)

/* Where a record's values were read: the cells of the document model
 * (extract/doc.h) they came from, for showing them on the page (sink/review.h).
 * Internal to the library: no sink writes it and the hand-over between
 * processes does not carry it (a record from jx_records_deserialize has none).
 * The indexes mean something only against the JxDoc the record was read from. */
#define JX_SOURCE_CELLS 12
typedef struct {
    int block;  /* index of the table's block in JxDoc.blocks */
    int cell;   /* index in that table's cells */
} JxCellRef;
typedef struct {
    guint n;                          /* 0: not known */
    JxCellRef cell[JX_SOURCE_CELLS];  /* distinct, in the order read */
} JxSource;

#define JX_RECORD_MEMBER(kind, m, name) JX_MEMBER_##kind(m)
#define JX_RECORD_ALIAS(kind, m, name)

/* The document record: what is known of an input file, then the counts of
 * its records (jx_doc_info_complete). Its strings and page lists are not
 * owned: they belong to whoever fills it in. */
typedef struct {
    JX_DOCUMENT_FIELDS(JX_RECORD_MEMBER, JX_RECORD_ALIAS)
} JxDocInfo;

typedef struct {
    JX_FUND_FIELDS(JX_RECORD_MEMBER, JX_RECORD_ALIAS)
    JxSource src;                  /* its label and amount cells */
} JxFund;

typedef struct {
    JX_INDICATOR_FIELDS(JX_RECORD_MEMBER, JX_RECORD_ALIAS)
    JxSource src;                  /* its level, name and value cells */
} JxIndicator;

typedef struct {
    JX_FORM_FIELDS(JX_RECORD_MEMBER, JX_RECORD_ALIAS)
    GPtrArray *funds;              /* JxFund* */
    GPtrArray *indicators;         /* JxIndicator* */
    JxSource src;                  /* the cells of its 总分 row */
} JxForm;

typedef struct {
    JX_FACT_FIELDS(JX_RECORD_MEMBER, JX_RECORD_ALIAS)
} JxFact;

/* Its strings are not owned. */
typedef struct {
    JX_ERROR_FIELDS(JX_RECORD_MEMBER, JX_RECORD_ALIAS)
} JxErrorRecord;

/* What the rules stage reads from one document. */
typedef struct {
    const char *kind;              /* "project_self_eval" ... "unknown" (static) */
    int year;                      /* 0 = null */
    GPtrArray *forms;              /* JxForm* */
    GPtrArray *facts;              /* JxFact*, in the order of the text */
    guint flags;
} JxResult;

/* A field of a record type: its name in the records, what it holds, and
 * where its member is (offset of `has_m` too for JX_FIELD_SIZE). */
typedef struct {
    const char *name;
    JxFieldKind kind;
    gsize offset, has_offset;
} JxField;

typedef enum {
    JX_RECORD_DOCUMENT,
    JX_RECORD_FORM,
    JX_RECORD_FUND,
    JX_RECORD_INDICATOR,
    JX_RECORD_FACT,
    JX_RECORD_ERROR,
    JX_RECORD_COUNT
} JxRecordKind;

typedef struct {
    JxRecordKind kind;
    const char *type;      /* the records' "type": "document", "form" ... */
    const char *table;     /* table and CSV file name: "documents", "forms" ... */
    const JxField *fields; /* in the order they are written */
    guint nfields;
} JxRecordType;

/* The descriptor of a record type; static, never NULL for k < JX_RECORD_COUNT. */
const JxRecordType *jx_record_type(JxRecordKind k);

/* The records of one document, in the order they are written: the document,
 * then each form followed by its fund lines and indicators, then the facts,
 * then the error.
 * A JxRecords filled in by hand (jx_records_init) owns nothing; one from
 * jx_records_deserialize (sink/handover.h) owns everything and is freed with
 * jx_records_free. */
typedef struct {
    JxDocInfo document;      /* complete: jx_doc_info_complete has run */
    JxResult *result;        /* NULL when the file could not be read */
    JxErrorRecord error;     /* error.code NULL when there is no error record */
    GStringChunk *strings_;  /* private: what an owning JxRecords holds */
    GPtrArray *arrays_;      /* private: GArray*, likewise */
} JxRecords;

/* Fills *out with a view of one document's records (owning nothing): a copy
 * of *info completed from res (NULL: nothing could be read), and an error
 * record when code is not NULL. The pointers must outlive *out. */
void jx_records_init(JxRecords *out, const JxDocInfo *info, const JxResult *res,
                     const char *code, const char *message);
/* Frees a JxRecords that owns its records (from jx_records_deserialize);
 * NULL is ignored. */
void jx_records_free(JxRecords *r);

/* Calls fn for each record in the order they are written, with its type and
 * a pointer to its struct (JxDocInfo, JxForm, JxFund, JxIndicator, JxFact,
 * JxErrorRecord). Returns TRUE, or FALSE as soon as fn does (which sets
 * *error if it fails). */
typedef gboolean (*JxRecordFn)(const JxRecordType *t, const void *rec, gpointer ctx,
                               GError **error);
gboolean jx_records_foreach(const JxRecords *r, JxRecordFn fn, gpointer ctx, GError **error);

/* Sets the document record's fields that come from the records: kind,
 * year, counts and flags (TEXT_GARBLED when pages are garbled), and
 * text_source "none" when res is NULL (nothing was read). */
void jx_doc_info_complete(JxDocInfo *d, const JxResult *res);

/* New records (transfer full), with confidence 1 and everything else empty;
 * free the result with jx_result_free (which frees its forms, their fund
 * lines and indicators, and its facts). Never fail. */
JxResult *jx_result_new(void);
void jx_result_free(JxResult *r);
JxForm *jx_form_new(int index);
void jx_form_free(JxForm *f);
JxFund *jx_fund_new(int form, const char *line); /* line: static, not copied */
JxIndicator *jx_indicator_new(int form, int seq);
JxFact *jx_fact_new(void);
void jx_fact_free(JxFact *f);
/* Total indicators over all forms. */
guint jx_result_indicator_count(const JxResult *r);

#endif
