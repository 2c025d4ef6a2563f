/* bf-uuid.c: UUIDs for records. */
#include "bf-uuid.h"

#include <string.h>

/* Bangfu's namespace for version-5 UUIDs (itself a random UUID fixed once). */
static const guint8 bangfu_namespace[16] = {
  0x6b, 0x1f, 0x3c, 0x52, 0x9e, 0x0d, 0x4a, 0x77, 0xb2, 0x41, 0x5d, 0xc8, 0x13, 0xe6, 0x90, 0xaf
};

static char *
format_uuid (const guint8 bytes[16])
{
  return g_strdup_printf ("%02x%02x%02x%02x-%02x%02x-%02x%02x-%02x%02x-%02x%02x%02x%02x%02x%02x",
                          bytes[0], bytes[1], bytes[2], bytes[3], bytes[4], bytes[5],
                          bytes[6], bytes[7], bytes[8], bytes[9], bytes[10], bytes[11],
                          bytes[12], bytes[13], bytes[14], bytes[15]);
}

char *
bf_uuid_random (void)
{
  guint8 bytes[16];
  guint64 ms = (guint64) (g_get_real_time () / 1000);

  /* Version 7: the creation time first, so that new records land at the end of every index
   * keyed by id instead of on a random page — at a million rows that is the difference
   * between appending and rewriting the whole B-tree. The rest is random. */
  for (int i = 0; i < 6; i++)
    bytes[i] = (guint8) (ms >> (40 - 8 * i));
  for (int i = 6; i < 16; i += 2)
    {
      guint32 r = g_random_int ();
      bytes[i] = (guint8) r;
      bytes[i + 1] = (guint8) (r >> 8);
    }
  bytes[6] = (bytes[6] & 0x0f) | 0x70;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return format_uuid (bytes);
}

char *
bf_uuid_from_rand (GRand *rand)
{
  guint8 bytes[16];

  for (int i = 0; i < 16; i += 4)
    {
      guint32 word = g_rand_int (rand);
      memcpy (bytes + i, &word, 4);
    }
  bytes[6] = (bytes[6] & 0x0f) | 0x40;
  bytes[8] = (bytes[8] & 0x3f) | 0x80;
  return format_uuid (bytes);
}

char *
bf_uuid_for_name (const char *name)
{
  g_autoptr(GChecksum) sha1 = g_checksum_new (G_CHECKSUM_SHA1);
  guint8 digest[20];
  gsize digest_len = sizeof digest;

  g_checksum_update (sha1, bangfu_namespace, sizeof bangfu_namespace);
  g_checksum_update (sha1, (const guchar *) name, strlen (name));
  g_checksum_get_digest (sha1, digest, &digest_len);
  digest[6] = (digest[6] & 0x0f) | 0x50;
  digest[8] = (digest[8] & 0x3f) | 0x80;
  return format_uuid (digest);
}

gboolean
bf_uuid_is_valid (const char *text)
{
  if (text == NULL || strlen (text) != 36)
    return FALSE;
  for (int i = 0; i < 36; i++)
    {
      char c = text[i];
      if (i == 8 || i == 13 || i == 18 || i == 23)
        {
          if (c != '-')
            return FALSE;
        }
      else if (!g_ascii_isdigit (c) && !(c >= 'a' && c <= 'f'))
        return FALSE;
    }
  return TRUE;
}
