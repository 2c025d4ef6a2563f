/* bf-import-private.h: what the import's three parts share — the CSV reader
 * (bf-import-csv.c), the row reader (bf-import-rows.c) and the planner (bf-import.c). */
#pragma once

#include "bf-import.h"

G_BEGIN_DECLS

/* A CSV record: the line it starts on and its cells (char*, UTF-8). */
typedef struct {
  guint      line;
  GPtrArray *cells;
} BfCsvRow;

void bf_csv_row_free (BfCsvRow *row);

/* Brings @data to UTF-8: valid UTF-8 stays (a BOM is dropped), anything else is converted
 * from GB18030. @out_encoding receives "UTF-8" or "GB18030". */
char      *bf_import_decode (const char *data, gsize length, const char **out_encoding,
                             GError **error);

/* Splits UTF-8 text into records (RFC 4180: quotes, doubled quotes, line breaks inside
 * quotes, CRLF or LF). Blank lines are skipped. */
GPtrArray *bf_csv_parse (const char *text, GError **error);

/* The columns a register may have. */
typedef enum {
  BF_COL_NAME, BF_COL_HEAD_NAME, BF_COL_ID_NUMBER, BF_COL_RELATION, BF_COL_HEAD_ID,
  BF_COL_TOWN, BF_COL_VILLAGE, BF_COL_CATEGORY, BF_COL_LABOUR, BF_COL_STATUS,
  BF_COL_EXIT_YEAR, BF_COL_PHONE, BF_COL_ADDRESS, BF_COL_CONSENT, BF_COL_REGISTERED_ON,
  BF_COL_SEX, BF_COL_BIRTH, BF_COL_MEDICAL, BF_COL_PENSION, BF_COL_DIBAO, BF_COL_SIZE,
  BF_N_COLS
} BfImportColumn;

/* Which column of the file holds each BfImportColumn (-1: none) and its header as written. */
typedef struct {
  int   index[BF_N_COLS];
  char *header[BF_N_COLS];
  guint n_columns;
} BfImportHeader;

gboolean bf_import_header_read (const BfCsvRow *row, BfImportHeader *out, GPtrArray *warnings,
                                GError **error);
void     bf_import_header_clear (BfImportHeader *header);

/* One person's row, read and checked on its own. */
typedef struct {
  guint        line;
  GPtrArray   *problems;       /* char*, translated; empty when the row is good */
  gboolean     is_head;
  char        *head_key;       /* the head's canonical ID number */
  BfHousehold *household;      /* heads only; village_id resolved */
  BfMember    *member;         /* household_id unset */
  GPtrArray   *household_given;   /* field names the row gives (const char*) */
  GPtrArray   *member_given;
  int          size;           /* 家庭人口, 0 when not given */
} BfImportRow;

void         bf_import_row_free (BfImportRow *row);

/* Name → id of the store's towns and villages, for 所在镇 / 所在村. */
typedef struct _BfPlaceIndex BfPlaceIndex;
BfPlaceIndex *bf_place_index_new  (BfStore *store, GError **error);
void          bf_place_index_free (BfPlaceIndex *places);

BfImportRow *bf_import_row_read (BfStore *store, const BfImportHeader *header,
                                 const BfPlaceIndex *places, const BfCsvRow *csv,
                                 GPtrArray *warnings);

void bf_import_add_problem (GPtrArray *list, guint line, const char *message);

G_END_DECLS
