/* fuzz-batch.c: libFuzzer target for the wire decoders, bf_batch_decode() and
 * bf_push_response_decode().
 *
 * Besides "no crash, no leak, no undefined behaviour", it checks the decoders' promise: what
 * one accepts encodes to bytes it accepts again, and those encode to the very same bytes. */
#include <stdint.h>
#include <stdlib.h>

#include "bf-wire.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

static void
check_batch (const guint8 *data, gsize size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfBatch) batch = bf_batch_decode (data, size, &error);
  g_autoptr(GBytes) encoded = NULL;
  g_autoptr(GBytes) encoded_again = NULL;
  g_autoptr(BfBatch) again = NULL;

  if (batch == NULL)
    {
      /* Every refusal says why. */
      if (error == NULL || error->message == NULL || error->message[0] == '\0')
        abort ();
      return;
    }
  encoded = bf_batch_encode (batch);
  again = bf_batch_decode (g_bytes_get_data (encoded, NULL), g_bytes_get_size (encoded), NULL);
  if (again == NULL)
    abort ();
  encoded_again = bf_batch_encode (again);
  if (!g_bytes_equal (encoded, encoded_again))
    abort ();
}

static void
check_push_response (const guint8 *data, gsize size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfPushResponse) response = bf_push_response_decode (data, size, &error);
  g_autoptr(GBytes) encoded = NULL;
  g_autoptr(GBytes) encoded_again = NULL;
  g_autoptr(BfPushResponse) again = NULL;

  if (response == NULL)
    {
      if (error == NULL || error->message == NULL || error->message[0] == '\0')
        abort ();
      return;
    }
  encoded = bf_push_response_encode (response);
  again = bf_push_response_decode (g_bytes_get_data (encoded, NULL), g_bytes_get_size (encoded),
                                   NULL);
  if (again == NULL)
    abort ();
  encoded_again = bf_push_response_encode (again);
  if (!g_bytes_equal (encoded, encoded_again))
    abort ();

  /* In runs it says the same: decoded, it encodes to the same full form. */
  {
    g_autoptr(GBytes) runs = bf_push_response_encode_runs (response);
    g_autoptr(BfPushResponse) from_runs = bf_push_response_decode (g_bytes_get_data (runs, NULL),
                                                                   g_bytes_get_size (runs), NULL);
    g_autoptr(GBytes) full = NULL;

    if (from_runs == NULL)
      abort ();
    full = bf_push_response_encode (from_runs);
    if (!g_bytes_equal (encoded, full))
      abort ();
  }
}

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  check_batch (data, size);
  check_push_response (data, size);
  return 0;
}
