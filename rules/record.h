/* The records of SCHEMA.md as C structs: what the rules stage produces and
 * the sinks write. A JxResult owns its forms; a form owns its fund lines and
 * indicators; every string is owned by the record that holds it.
 * jx_result_free() frees everything. */
#ifndef JX_RECORD_H
#define JX_RECORD_H

#include <glib.h>

#include "common/flags.h"
#include "normalize/value.h"

/* Flags (JxFlag, JX_FLAG_BIT) are common/flags.h. */

/* An optional number: JSON null when !set. */
typedef struct {
    gboolean set;
    double v;
} JxNum;

typedef struct {
    int form;
    const char *line;     /* "total" "fiscal" "carryover" "other", or by source:
                           * "central" "provincial" "local" (static) */
    JxNum budget_initial, budget_full_year, executed; /* 元 */
    JxNum weight, rate, score;
    char *unit_declared;  /* "元" "万元" "亿元" or NULL */
    int page;             /* 0 = null */
    double confidence;
    guint flags;
} JxFund;

typedef struct {
    int form, seq;
    char *level1, *level2;         /* canonical, or the cleaned text */
    char *level1_raw, *level2_raw;
    JxNum level1_weight, level2_weight;
    char *name, *detail;           /* detail: 四级指标 */
    char *criteria;                /* 指标说明 / 评价标准 text */
    JxValue target, actual;        /* kind JX_KIND_EMPTY -> JSON null */
    JxNum weight, score, review_score;
    char *deviation;
    int page;
    double confidence;
    guint flags;
} JxIndicator;

typedef struct {
    int index;
    char *title;
    int year;                      /* 0 = null */
    char *project_name, *project_code, *competent_dept, *implementing_unit,
        *project_lead, *goal_expected, *goal_actual;
    char *project_attribute;       /* 项目属性: the checked option(s) */
    JxNum total_weight, total_score;
    int page_start, page_end;      /* 0 = null */
    double confidence;
    guint flags;
    GPtrArray *funds;              /* JxFund* */
    GPtrArray *indicators;         /* JxIndicator* */
} JxForm;

typedef struct {
    const char *kind;              /* "project_self_eval" ... "unknown" */
    int year;                      /* 0 = null */
    GPtrArray *forms;              /* JxForm* */
    guint flags;
} JxResult;

JxResult *jx_result_new(void);
void jx_result_free(JxResult *r);
JxForm *jx_form_new(int index);
void jx_form_free(JxForm *f);
JxFund *jx_fund_new(int form, const char *line);
JxIndicator *jx_indicator_new(int form, int seq);
/* Total indicators over all forms. */
guint jx_result_indicator_count(const JxResult *r);

#endif
