/* bf-import.h: importing an existing register of households from a CSV file.
 *
 * The file is what a town office keeps in Excel: one row per person (户主 and members), in
 * UTF-8 or GB18030 (what Chinese Excel writes when saving as CSV), with Chinese headers. The
 * household's own columns (所在镇, 所在村, 类别, 劳动能力…) are read from its head's row; every
 * other row names its head by 户主身份证号 and says 与户主关系. A file without the 与户主关系
 * column is a list of heads only. docs/ARCHITECTURE.md lists every column.
 *
 * Two steps, so the app and bangfu-cli show the same report: bf_import_load() reads and checks
 * everything against the store and writes nothing (the dry run); bf_import_apply() writes it,
 * in one transaction, through the store's record API so that every household and member enters
 * the change log like any edit. A household already in the ledger (the same head's ID number)
 * is updated field by field — only the fields the file gives and that differ — never duplicated.
 */
#pragma once

#include "bf-store.h"

G_BEGIN_DECLS

#define BF_IMPORT_ERROR (bf_import_error_quark ())

typedef enum {
  BF_IMPORT_ERROR_READ,       /* the file cannot be read */
  BF_IMPORT_ERROR_ENCODING,   /* neither UTF-8 nor GB18030 */
  BF_IMPORT_ERROR_FORMAT,     /* not a CSV register: bad quoting, missing columns */
  BF_IMPORT_ERROR_BAD_ROWS,   /* rows have problems and the good ones were not asked for */
} BfImportError;

GQuark bf_import_error_quark (void);

/* One bad row (or a warning): the file's line where the row starts, and why. */
typedef struct {
  guint line;
  char *message;   /* translated */
} BfImportProblem;

typedef struct {
  guint added;            /* households */
  guint updated;
  guint unchanged;
  guint refused;          /* households whose head's row is bad */
  guint rows;             /* data rows in the file */
  guint bad_rows;         /* rows refused, heads and members */
  guint members_added;
  guint members_updated;
} BfImportCounts;

typedef struct _BfImport BfImport;

/* Reads and checks a register; writes nothing. Fails only when the file as a whole cannot be
 * used (unreadable, unknown encoding, bad CSV, a required column missing); bad rows are
 * reported by bf_import_problems(). */
BfImport  *bf_import_load      (BfStore *store, const char *data, gsize length, GError **error);
BfImport  *bf_import_load_file (BfStore *store, const char *path, GError **error);
void       bf_import_free      (BfImport *import);

/* "UTF-8" or "GB18030": what the file was read as. */
const char *bf_import_encoding (const BfImport *import);

/* Every bad row with its reason, by line (BfImportProblem*); empty when the file is clean. */
GPtrArray  *bf_import_problems (const BfImport *import);
/* Things worth a look that do not refuse a row: an ignored column, a sex or birth date that
 * contradicts the ID number, an unknown relation taken as 其他. */
GPtrArray  *bf_import_warnings (const BfImport *import);

/* What bf_import_apply() would do to the store as it is now (taking the good rows). */
gboolean    bf_import_preview  (BfStore *store, const BfImport *import, BfImportCounts *out,
                                GError **error);

/* Writes the register in one transaction. While any row is bad nothing is written
 * (BF_IMPORT_ERROR_BAD_ROWS) unless @take_good_rows: then households whose head's row is good
 * are written, with their good member rows. On any error nothing is written. */
gboolean    bf_import_apply    (BfStore *store, const BfImport *import, gboolean take_good_rows,
                                BfImportCounts *out, GError **error);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfImport, bf_import_free)

G_END_DECLS
