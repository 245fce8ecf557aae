/* The one flag vocabulary of jixiao: what is doubtful about a value, or where
 * it came from. The extract stage sets the flags that say how a cell was read
 * (COLUMN_INFERRED, CROSS_PAGE, OCR, OCR_LOW_CONF, TEXT_GARBLED) on its cells
 * and paragraphs; the rules stage carries them into records and adds its own.
 * Names are those of the records' `flags` (docs/SCHEMA.md). */
#ifndef JX_FLAGS_H
#define JX_FLAGS_H

/* X(NAME): every flag, in the order their bits are numbered. */
#define JX_FLAG_LIST(X) \
    X(UNIT_FROM_HEADER) \
    X(UNIT_MISSING) \
    X(APPROX) \
    X(CN_NUMERAL) \
    X(QUALITATIVE) \
    X(SCORE_OVER_WEIGHT) \
    X(WEIGHT_SUM_MISMATCH) \
    X(SCORE_SUM_MISMATCH) \
    X(RATE_MISMATCH) \
    X(LEVEL_UNCANONICAL) \
    X(COLUMN_INFERRED)  /* placed by text position, no ruling lines */ \
    X(CROSS_PAGE)       /* joined across a page break */ \
    X(HEADER_INFERRED)  /* its column header was placed by its neighbours */ \
    X(OCR)              /* the text came from OCR */ \
    X(OCR_LOW_CONF)     /* ... and OCR was not sure of it */ \
    X(TEXT_GARBLED)     /* the page's text layer looks broken */ \
    X(KIND_MISMATCH)    /* a value of the wrong kind for its column */ \
    X(UNIT_UNLISTED)    /* the value's unit is in no unit rule */ \
    X(RULE_LIMIT)       /* a rule's regex gave up on its text (match limit) */ \
    X(LAYOUT_ESTIMATED) /* placed from glyph widths guessed without the font (OFD) */ \
    X(DIGITS_LOST)      /* a spreadsheet number shown or stored with digits lost */ \
    X(SUBJECT_UNLISTED) /* a fact's subject is as printed, in no factsubject rule */ \
    X(SUBJECT_INFERRED) /* a fact's subject came from the heading, the sentence names another */ \
    X(FACT_SUM_MISMATCH)    /* stated parts do not add up to their stated total */ \
    X(FACT_CHANGE_MISMATCH) /* a stated change disagrees with the amounts or the percent */ \
    X(ROWS_INFERRED)    /* rows of a table without lines that touch: told apart by wrapping */

typedef enum {
#define JX_FLAG_ENUM(n) JX_FLAG_##n,
    JX_FLAG_LIST(JX_FLAG_ENUM)
#undef JX_FLAG_ENUM
    JX_FLAG_COUNT
} JxFlag;

/* The bit of flag f in a flags word (unsigned). */
#define JX_FLAG_BIT(f) (1u << (f))

/* The flag's name as records spell it ("OCR"), or "?" for a value out of
 * range. Static string; never NULL. */
const char *jx_flag_name(JxFlag f);

#endif
