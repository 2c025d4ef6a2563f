/* fuzz-bundle.c: libFuzzer target for bf_bundle_unpack().
 *
 * Built with FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION, which skips the checksum comparison
 * (see bf-bundle.c): the fuzzer cannot forge SHA-256, and would otherwise never get past it to
 * the decompressor and the batch decoder. What unpacks must pack and unpack again to the same
 * batch. */
#include <stdint.h>
#include <stdlib.h>

#include "bf-bundle.h"

int LLVMFuzzerTestOneInput (const uint8_t *data, size_t size);

int
LLVMFuzzerTestOneInput (const uint8_t *data, size_t size)
{
  g_autoptr(GError) error = NULL;
  g_autoptr(BfBatch) batch = bf_bundle_unpack (data, size, &error);
  g_autoptr(GBytes) bundle = NULL;
  g_autoptr(GBytes) bundle_again = NULL;
  g_autoptr(BfBatch) again = NULL;

  if (batch == NULL)
    {
      if (error == NULL || error->message == NULL || error->message[0] == '\0')
        abort ();
      return 0;
    }
  bundle = bf_bundle_pack (batch);
  again = bf_bundle_unpack (g_bytes_get_data (bundle, NULL), g_bytes_get_size (bundle), NULL);
  if (again == NULL)
    abort ();
  bundle_again = bf_bundle_pack (again);
  if (!g_bytes_equal (bundle, bundle_again))
    abort ();
  return 0;
}
