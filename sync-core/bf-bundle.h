/* bf-bundle.h: a batch as a file, for villages with no network at all (a USB stick).
 *
 * A bundle is one file: a magic line, a header line with the payload's length and SHA-256,
 * and the gzip-compressed batch. A truncated or altered bundle is refused whole, before any
 * of it is applied. The same format carries a device's unsent changes to the office and the
 * hub's changes back.
 */
#pragma once

#include <glib.h>

#include "bf-wire.h"

G_BEGIN_DECLS

#define BF_BUNDLE_ERROR (bf_bundle_error_quark ())

typedef enum {
  BF_BUNDLE_ERROR_NOT_BUNDLE,   /* not a Bangfu bundle at all */
  BF_BUNDLE_ERROR_VERSION,      /* a newer bundle format */
  BF_BUNDLE_ERROR_TRUNCATED,    /* shorter than its header says */
  BF_BUNDLE_ERROR_CORRUPT,      /* checksum mismatch, bad compression, trailing bytes */
  BF_BUNDLE_ERROR_IO,
} BfBundleError;

GQuark bf_bundle_error_quark (void);

GBytes  *bf_bundle_pack   (const BfBatch *batch);
BfBatch *bf_bundle_unpack (const guint8 *data, gsize length, GError **error);

/* Writes atomically (a temporary file renamed into place), so a pulled-out stick never holds
 * half a bundle under the real name. */
gboolean bf_bundle_write_file (const BfBatch *batch, const char *path, GError **error);
BfBatch *bf_bundle_read_file  (const char *path, GError **error);

G_END_DECLS
