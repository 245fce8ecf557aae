/* How far apart two texts are, counted in characters: for text read by
 * OCR, which gets a word nearly right (项目负青人 for 项目负责人), or prints
 * one header two ways on two pages (夏核得分 / 复核得分). White space does
 * not count. */
#ifndef JX_EDITS_H
#define JX_EDITS_H

/* The Levenshtein distance between a and b (UTF-8): how many characters
 * must be put in, left out or changed to make one the other. *longer (if
 * not NULL) gets the number of characters of the longer text. */
int jx_edits(const char *a, const char *b, int *longer);

#endif
