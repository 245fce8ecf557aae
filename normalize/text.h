/* Text clean-up for everything read from a document: LaTeX residue left by
 * other converters (\geq, $...$), Unicode NFKC (full-width digits and
 * letters, Kangxi radicals, compatibility ideographs) except for the Chinese
 * punctuation a reader quotes as printed (，；：（）！？, common/printed.h),
 * CJK radical look-alikes, and white space: runs fold to one space,
 * and a space or line break next to a CJK character or symbol is a wrap
 * artifact and goes ("数量指 标" -> "数量指标"). It does not parse values.
 * Every function returns a new string (g_free it); input must be UTF-8
 * (invalid bytes become U+FFFD). Pure and thread-safe. */
#ifndef JX_TEXT_H
#define JX_TEXT_H

#include <glib.h>

/* The full clean-up above; trims both ends. */
char *jx_text_clean(const char *s);

/* jx_text_clean for text that came from OCR, which also drops the marks
 * OCR makes of specks and ruling lines: | # * _ ~ ^ ` { } [ ] \ anywhere,
 * a point after an ideograph (产出指.标, 项目管理.13分, 二级指标.; Chinese
 * text ends sentences with 。), stray punctuation at the start of the text
 * ("* 实际完成值", "“得分") and at its end ("236人次:", "满意度-", an
 * opening quote, a closing one nothing opened), a point or an unopened
 * closing quote just after punctuation (资料;.2、), and the first of two
 * separators side by side (要点;:1), a colon inside a word of four
 * ideographs or fewer (分:值, 经济效:益10分). Straight quotes beside an
 * ideograph become “ and ” by turns (完善"两新"组织). Then the punctuation
 * that Chinese text prints full width is put back by context: , ; : ! ?
 * beside an ideograph, brackets around text holding one. */
char *jx_text_clean_ocr(const char *s);

/* jx_text_clean with the printed punctuation folded to ASCII too: the text
 * as rules and value parsing see it. */
char *jx_text_fold(const char *s);

/* jx_text_fold, then every white space removed (codes, header labels). */
char *jx_text_compact(const char *s);

/* TRUE for CJK ideographs, CJK/full-width punctuation and symbols. */
gboolean jx_text_is_cjk(gunichar c);

#endif
