/* Private to the form reader (rules/form*.c): the table being read and the
 * state of the walk, shared by the modules that read each part of a form:
 * form.c (the walk, titles, opening and closing forms, document kind),
 * form_grid.c (cell texts and label matches), form_fields.c (header
 * fields), form_funds.c (项目资金 and 资金来源), form_indicators.c (goals,
 * indicator rows and levels), form_totals.c (总分 rows). Not a public door:
 * rules/form.h is. */
#ifndef JX_FORM_READER_H
#define JX_FORM_READER_H

#include "common/ruleset.h"
#include "extract/doc.h"
#include "normalize/units.h"
#include "rules/record.h"

/* Labels (titles, column headers) are short: longer cells are not
 * matched against label rules at all. Field rules are anchored and may
 * capture a value printed after the label ("年度目标1：…"). */
#define LABEL_MAX_CHARS 40
#define FIELD_MAX_CHARS 200

/* The flags of a cell or paragraph that say its text may be misread: a
 * form field, title or goal taken from it carries them to the form. */
#define JX_DOUBT_READ JX_FLAG_BIT(JX_FLAG_OCR_LOW_CONF)

/* Label kinds whose matches are remembered per cell: a merged cell is
 * seen again on every row it covers. */
typedef enum { MEMO_TITLE, MEMO_TOTAL, MEMO_FUNDCOL, MEMO_INDCOL, MEMO_GOALCOL,
               MEMO_FUNDLINE, MEMO_FUNDSOURCE, MEMO_FIELD, MEMO_N } Memo;

/* One table with each cell's text cleaned once. */
typedef struct {
    const JxTable *t;
    int block;         /* index of t's block in the document */
    char **text;       /* jx_text_clean, per cell index */
    char **key;        /* jx_text_compact, for label rules */
    const char **memo; /* ncells * MEMO_N: rule NAME, NULL, or not yet */
    unsigned *flags;   /* per cell: RULE_LIMIT when a label rule gave up on it */
} Grid;

/* The fund block's columns (项目资金 header) and unit. */
enum { FC_BUDGET_INITIAL, FC_BUDGET_FULL_YEAR, FC_EXECUTED, FC_WEIGHT, FC_RATE,
       FC_SCORE, FC_N };
typedef struct {
    int col[FC_N];
    guint inferred;          /* columns whose header was placed (1 << c) */
    char *unit;              /* declared money unit, or NULL */
    struct { int col; const char *line; } source[8]; /* 项目资金来源 columns */
    int nsource;             /* source columns whose amounts the next row holds */
} FundState;

/* The indicator table's columns, the goal columns, inherited levels. */
enum { IC_LEVEL1, IC_LEVEL2, IC_NAME, IC_TARGET, IC_ACTUAL, IC_WEIGHT, IC_SCORE,
       IC_REVIEW, IC_DEVIATION, IC_DETAIL, IC_CRITERIA, IC_N };
typedef struct {
    int col[IC_N];
    guint inferred;          /* columns whose header was placed (1 << c) */
    int goalcol[2];          /* expected, actual */
    char *l1, *l2;           /* inherited level texts */
    int l1_page, l2_page;    /* the pages their cells were read on */
    int seq;
} IndState;

/* What the rows under the last header row are. */
typedef enum { MODE_NONE, MODE_FUNDS, MODE_GOALS, MODE_INDICATORS } Mode;

typedef struct {
    const JxRuleset *rs;
    JxUnits *units;      /* the unit rules of rs */
    JxResult *res;
    JxForm *form;        /* the open form, or NULL */
    char *title;         /* pending title and year from paragraphs */
    int year;
    unsigned doubt;      /* the reader's doubt (OCR_LOW_CONF) of the text being read */
    unsigned pending_doubt; /* of the pending title and fields: the form opened takes it */
    char *unit;          /* pending money unit ("单位：万元") */
    Mode mode;
    FundState fund;
    IndState ind;
    GHashTable *pending; /* field -> value printed before its form opened */
    JxForm *last;        /* the form closed last (lines after it belong to it) */
} Reader;

/* ---- form_grid.c: the cells of one table ---- */
void fr_grid_init(Grid *g, const JxTable *t, int block);
void fr_grid_clear(Grid *g);
/* The key of cell i if it is at most max characters long, else NULL. */
const char *fr_short_key(const Grid *g, int i, int max);
/* jx_ruleset_match of a label kind on cell i, remembered; static NAME or NULL. */
const char *fr_label_match(const JxRuleset *rs, const Grid *g, int i, Memo memo);
/* Cell index at (r, c), or -1. */
int fr_at(const Grid *g, int r, int c);
const JxCell *fr_cell(const Grid *g, int i);
/* The cell (index) / text under mapped column `which` in row r: a merged cell
 * that also covers a mapped column further left belongs to that column. */
int fr_cell_for(const Grid *g, int r, const int *cols, int n, int which);
const char *fr_text_for(const Grid *g, int r, const int *cols, int n, int which);
/* Adds cell i (ignored when < 0, already there, or no room) to src. */
void fr_source_add(JxSource *src, const Grid *g, int i);
/* The flags the earlier stages set on the cells of row r. */
guint fr_row_flags(const Grid *g, int r);
/* The columns of a header row: cols[c] is the column of names[c], or -1;
 * returns how many were found (the row is a header with 3 or more; only then
 * are cols and *inferred set: bit c for a header cell flagged
 * HEADER_INFERRED). */
int fr_map_columns(const Reader *rd, const Grid *g, GArray *cells, Memo memo,
                   const char *const *names, int n, int *cols, guint *inferred);
/* HEADER_INFERRED if a t[c] (non-NULL) is in an inferred column, else 0. */
guint fr_inferred_flag(guint inferred, const char *const *t, int n);
/* A copy of s, or NULL for NULL or "". */
char *fr_nonempty(const char *s);
/* The number text says, into *out (set); FALSE and *out untouched if none. */
gboolean fr_number_of(const char *text, JxNum *out);

/* ---- form.c: forms ---- */
/* The form open in rd, opened (with the pending title, year and fields)
 * if none is; transfer none. */
JxForm *fr_open_form(Reader *rd);
/* The open form goes into the result (if any) and the block state is reset. */
void fr_close_form(Reader *rd);
/* The open form's pages take in page (<= 0: unknown). */
void fr_note_page(Reader *rd, int page);

/* ---- form_fields.c ---- */
/* Sets header field `name` of f from value (copied) unless it has one,
 * cleaned as the field table says; an unknown name sets nothing. */
void fr_set_field(const JxRuleset *rs, JxForm *f, const char *name, const char *value);
/* The NAME of the field rule that matches a cell or line, tried on its
 * text (so a captured value keeps its punctuation and spaces as printed),
 * then on its key; *cap as jx_ruleset_match sets it. */
const char *fr_match_field(const JxRuleset *rs, const char *text, const char *key, char **cap);
/* The field-label cells of a row and their values. */
void fr_read_fields(Reader *rd, const Grid *g, GArray *cells);
/* A field printed as a line, matched by a rule of that name with capture
 * cap (the value, stripped in place): for the open form, the one just
 * closed, or the one to come (kept pending). */
void fr_read_field_line(Reader *rd, const char *name, char *cap);

/* ---- form_funds.c ---- */
void fr_funds_reset(FundState *fs);
/* Header rows: the 资金来源 header; the 项目资金 header. TRUE if row is one. */
gboolean fr_read_source_header(Reader *rd, const Grid *g, GArray *cells);
gboolean fr_read_fund_header(Reader *rd, const Grid *g, int r, GArray *cells);
/* A row of the fund block: its unit and its fund line, if it is one. */
void fr_read_fund_row(Reader *rd, const Grid *g, int r, GArray *cells);
void fr_read_source_funds(Reader *rd, const Grid *g, int r);

/* ---- form_indicators.c ---- */
void fr_indicators_reset(IndState *is);
gboolean fr_read_indicator_header(Reader *rd, const Grid *g, GArray *cells);
gboolean fr_read_goal_header(Reader *rd, const Grid *g, GArray *cells);
void fr_read_goal(Reader *rd, const Grid *g, int r);
void fr_read_indicator(Reader *rd, const Grid *g, int r);

/* ---- form_totals.c ---- */
/* The 总分 / 合计 row whose label is cell `label`: the form's totals. */
void fr_read_total(Reader *rd, const Grid *g, int r, GArray *cells, int label);

#endif
