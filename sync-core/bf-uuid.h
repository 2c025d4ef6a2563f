/* bf-uuid.h: record identities. Every record has a UUID; some are derived from their natural key. */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

/* A new record's UUID: version 7, time-ordered with 74 random bits. */
char *bf_uuid_random (void);

/* A version-4-shaped UUID drawn from @rand: reproducible demo data for a seed. */
char *bf_uuid_from_rand (GRand *rand);

/* A name-based (version 5, SHA-1) UUID in Bangfu's namespace. Records that are unique by a
 * natural key — a household's income for a year — take their id from that key, so two
 * devices that create "the same" record offline produce one row, not two. */
char *bf_uuid_for_name (const char *name);

/* TRUE when @text is a UUID in canonical lower-case 8-4-4-4-12 form. */
gboolean bf_uuid_is_valid (const char *text);

G_END_DECLS
