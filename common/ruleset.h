/* Rule files: form knowledge kept out of C. A rule file is lines of
 *     KIND  NAME  PATTERN
 * (blank lines and lines starting with # are ignored). KIND says what the
 * rule is for (field label, fund column, level name ...; one checked list,
 * an unknown KIND is an error), NAME what it yields (project_name,
 * budget_initial, 数量指标 ...), PATTERN is a PCRE2 regular expression (UTF,
 * Unicode classes) matched against cleaned, space-free cell text, or a
 * number for `penalty` and `ocrword` rules. Patterns are read through NFKC
 * like the text they match (a full-width ： is :, a full-width （ a literal
 * \(). Rules loaded later are tried first, so a user's --rules directory
 * overrides the defaults. This module loads and matches rules; what a kind
 * or a NAME means is for the stages that use them.
 * A JxRuleset is immutable once loaded and may be shared between threads
 * (but for the counts of matches that hit a limit, kept atomically).
 * Every match runs under PCRE2 match and depth limits; a match that hits one
 * is taken as no match, and is counted (jx_ruleset_limit_hits) and reported
 * once per rule (jx_ruleset_take_limit_reports); nothing is printed. */
#ifndef JX_RULESET_H
#define JX_RULESET_H

#include <glib.h>

typedef struct JxRuleset JxRuleset;

/* The PCRE2 limits of every match: steps of the matcher, and nested
 * backtracking depth. The built-in rules keep well within them on every
 * corpus text; nested repeats such as ^(a+)+$ on a long text do not. */
#define JX_RULE_MATCH_LIMIT 100000u
#define JX_RULE_DEPTH_LIMIT 10000u

/* An empty ruleset (transfer full: jx_ruleset_free). Never NULL. */
JxRuleset *jx_ruleset_new(void);
/* Frees rs and its rules; NULL is allowed. */
void jx_ruleset_free(JxRuleset *rs);

/* Loads rules from text; `name` is used in error messages ("file:line").
 * On a bad line (unknown KIND, fewer than three fields, a bad pattern or
 * number) sets JX_ERROR_RULES "name:line: ..." and returns FALSE (the rules
 * before it stay loaded). */
gboolean jx_ruleset_load_data(JxRuleset *rs, const char *name, const char *text,
                              GError **error);
/* As jx_ruleset_load_data on the file's contents; a file that cannot be
 * read is JX_ERROR_RULES too. */
gboolean jx_ruleset_load_file(JxRuleset *rs, const char *path, GError **error);
/* Loads every *.rules file of dir, in name order; FALSE (JX_ERROR_RULES) for
 * a directory that cannot be read or holds none, or the first bad file. */
gboolean jx_ruleset_load_dir(JxRuleset *rs, const char *dir, GError **error);
/* Loads the rule files built into the binary (rules/ at build time). */
gboolean jx_ruleset_load_builtin(JxRuleset *rs, GError **error);

/* Checks that every rule of `kind` has a NAME in names (NULL-terminated):
 * the stage that reads a kind says which names it knows. FALSE with
 * JX_ERROR_RULES "file:line: unknown KIND name 'NAME'" for the first that
 * has not. */
gboolean jx_ruleset_check_names(const JxRuleset *rs, const char *kind,
                                const char *const *names, GError **error);

/* The NAME of the first rule of `kind` whose pattern matches text, or NULL
 * (also for text NULL); transfer none, valid as long as rs. If capture is
 * non-NULL it receives group 1 of that match (transfer full, g_free it), or
 * NULL when there is no match or the group did not take part. */
const char *jx_ruleset_match(const JxRuleset *rs, const char *kind,
                             const char *text, char **capture);

/* Removes from text every match of the rules of `kind` (e.g. numbering
 * prefixes). Returns a new string (transfer full); NULL text is "". */
char *jx_ruleset_strip(const JxRuleset *rs, const char *kind, const char *text);

/* Replaces in text every match of the rules of `kind` with the rule's
 * NAME; a NAME of # is the number of the match in text (1, 2, 3 ...): the
 * k-th ① of a list OCR read as @. Returns a new string (transfer full). */
char *jx_ruleset_replace(const JxRuleset *rs, const char *kind, const char *text);

/* One match of a rule in a text: byte offsets [start, end) into the text
 * as given, and the rule's NAME (transfer none, valid as long as rs). */
typedef struct {
    gsize start, end;
    const char *name;
} JxRuleSpan;

/* Every match of every rule of `kind` in text (folded like the other
 * matches), left to right; of matches that overlap, the one that starts
 * first wins, at the same start the longer. Returns a new GArray of
 * JxRuleSpan (transfer full: g_array_free), empty for NULL text. */
GArray *jx_ruleset_find_all(const JxRuleset *rs, const char *kind, const char *text);

/* The number a rule of kind/name holds (penalty rules), or dflt. */
double jx_ruleset_number(const JxRuleset *rs, const char *kind,
                         const char *name, double dflt);

/* The NAME of the rule of `kind` nearest to text (transfer none), if it is
 * within as many edits (characters put in, left out or changed) as the
 * rule's number says; NULL when none is, or two are equally near. For words
 * OCR gets nearly right (`ocrword 项目负责人 1` mends 项目负青人). */
const char *jx_ruleset_nearest(const JxRuleset *rs, const char *kind, const char *text);

/* The i-th rule of `kind` in the order they are tried (0 is tried first):
 * its NAME, its PATTERN as written and its "file:line" (transfer none,
 * valid as long as rs). FALSE, leaving the pointers alone, past the last. */
gboolean jx_ruleset_nth(const JxRuleset *rs, const char *kind, guint i, const char **name,
                        const char **pattern, const char **source);
/* How many matches (of any ruleset) in the calling thread stopped at a
 * limit since the thread began: a caller compares it before and after a
 * match to learn whether its "no match" is really "gave up". Never fails. */
guint jx_ruleset_limit_hits(void);

/* The rules of rs that hit a limit and were not reported before, one
 * message each ("file:line: this KIND rule's pattern hit the regex match
 * limit ..."): a rule is in one call's list only, across all threads.
 * Returns a new array of char* (transfer full: g_ptr_array_unref), empty
 * when there is nothing new; NULL only for rs NULL. */
GPtrArray *jx_ruleset_take_limit_reports(const JxRuleset *rs);

/* Number of rules loaded. */
guint jx_ruleset_size(const JxRuleset *rs);

#endif
