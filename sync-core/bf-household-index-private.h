/* bf-household-index-private.h: what the index's two halves share — the in-memory rows
 * (bf-household-index.c) and reading them from the store (bf-household-index-load.c). */
#pragma once

#include "bf-household-index.h"

G_BEGIN_DECLS

/* A list row and what filtering needs, every string in the index's string chunk. */
typedef struct {
  BfHouseholdRow row;
  const char    *pinyin;       /* the head's name, "zhang san" (bf_pinyin_keys) */
  const char    *initials;     /* "zs" */
  const char    *id_numbers;   /* every member's, each followed by '\n'; "" when none */
} BfIndexEntry;

/* What loading needs from the index and the store, read once per build or refresh. */
typedef struct {
  GStringChunk *strings;
  int           year;
  char         *cadre_id;      /* this device's cadre, NULL when the account is not one */
  char         *today;         /* ISO date: pairings current on it are current */
} BfIndexLoad;

gboolean bf_index_load_begin (BfIndexLoad *load, BfStore *store, GStringChunk *strings,
                              int year, GError **error);
void     bf_index_load_end   (BfIndexLoad *load, BfStore *store, gboolean ok);

/* Appends to @entries (BfIndexEntry) every household, or the one with id @only_id if it
 * exists and is not deleted, in id order, with members, this year's visits and support, and
 * pairings filled in. Between bf_index_load_begin() and _end(). */
gboolean bf_index_load_entries (BfIndexLoad *load, BfStore *store, const char *only_id,
                                GArray *entries, GError **error);

/* The cadre id in the store's meta "scope" when it holds "cadre:<id>" (as text or inside
 * JSON); NULL for any other. The meta "cadre_id", when set, comes first. */
char    *bf_index_scope_cadre (const char *scope);

G_END_DECLS
