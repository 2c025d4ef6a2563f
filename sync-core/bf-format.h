/* bf-format.h: money and dates the way Chinese users read them. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* 123450 → "1,234.50" (no currency sign); negative amounts get a leading '-'. */
char *bf_format_yuan (gint64 fen);

/* 123450 → "¥1,234.50" */
char *bf_format_money (gint64 fen);

/* 123450 → "1,234.50 元" */
char *bf_format_money_yuan_suffix (gint64 fen);

/* 2017-03-05 → "2017年3月5日" */
char *bf_format_date_zh (const GDate *date);

/* An ISO date string → "2017年3月5日"; NULL if @iso is not a valid date. */
char *bf_format_iso_date_zh (const char *iso);

/* GDate → "2017-03-05" */
char *bf_format_iso_date (const GDate *date);

G_END_DECLS
