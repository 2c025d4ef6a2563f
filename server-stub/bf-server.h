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

/* A connection on which no byte moves for @seconds is closed (0: never; the default is
 * BF_SERVER_IDLE_TIMEOUT_S, twice libsoup's client-side idle limit, so that our own clients
 * drop an idle connection before the server does). A laptop whose village link died mid-sync
 * sends no FIN: without this its connection, and what the server holds for it, would stay
 * for good. */
#define BF_SERVER_IDLE_TIMEOUT_S 120
void      bf_server_set_idle_timeout (BfServer *self, guint seconds);

/* Stops accepting connections. */
void      bf_server_stop (BfServer *self);

G_END_DECLS
