/* bf-server.h: the district server's HTTP side (docs/PROTOCOL.md, "HTTP endpoints").
 *
 * The main loop only reads requests and writes answers; everything slow goes through a
 * BfJobRunner, so one big push never keeps another device (or a health check) waiting.
 */
#pragma once

#include <gio/gio.h>

#include "bf-job-runner.h"

G_BEGIN_DECLS

#define BF_TYPE_SERVER (bf_server_get_type ())
G_DECLARE_FINAL_TYPE (BfServer, bf_server, BF, SERVER, GObject)

BfServer *bf_server_new (BfJobRunner *runner);

/* Listens on @address (port 0 picks a free one), over TLS when @certificate is set.
 * @out_url receives the base URL, with the real port. */
gboolean  bf_server_listen (BfServer *self, GSocketAddress *address, GTlsCertificate *certificate,
                            char **out_url, GError **error);

/* Stops accepting connections. */
void      bf_server_stop (BfServer *self);

G_END_DECLS
