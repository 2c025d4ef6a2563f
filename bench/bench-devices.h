/* bench-devices.h: bench-server's figure (d), many devices syncing at once. */
#pragma once

#include <glib.h>

typedef struct _BenchDevice BenchDevice;

/* In the hub's store @db, before the server runs: an account and a signed-in device for each of
 * @n_devices pairing cadres, each with a push of @visits_each new visits to its households
 * made ready. Returns the devices (BenchDevice*). */
GPtrArray *bench_devices_prepare (const char *db, int n_devices, int visits_each);

/* Starts every device at once against the server at @url: each pushes its visits, then pulls
 * after @cursor; then once more with a pull each. Prints p50, p90, p99 and the slowest, and the
 * CPU time the server (process @server_pid) and this benchmark spent on each round. */
void       bench_devices_run     (const char *url, GPtrArray *devices, gint64 cursor,
                                  int visits_each, const char *server_pid);
void       bench_devices_free    (GPtrArray *devices);

/* CPU time, in ms, that process @pid ("self": this one) has used (user and system, every
 * thread); 0 when unknown. */
double     bench_process_cpu_ms  (const char *pid);
