/* merge-fixture.h: a hub, a district clerk's laptop and a village cadre's, with the records
 * and helpers the tests of merging duplicate households share (test-merge, test-hub-versions).
 * See merge-fixture.c. */
#pragma once

#include "bf-store-private.h"
#include "bf-sync.h"

typedef struct {
  char    *dir;
  BfStore *hub;
  BfStore *a;          /* a district clerk's laptop */
  BfStore *b;          /* a village cadre's laptop */
  BfScope *district;
  BfScope *village;    /* b's area */
  char    *town_id;
  char    *v1, *v2;
  char    *cadre_id;
  gint64   wall_ms;
  guint    serial;     /* for ID numbers */
} Fixture;

/* Stores in the fixture's directory; the test's wall clock a second on (a TestTick). */
BfStore    *open_store (Fixture *f, const char *name);
void        tick       (gpointer data);
/* A valid ID number of someone born in 1960, different at every call. */
char       *id_number  (Fixture *f);

/* Records made in @store, each a second after the last; the new id where there is one. */
char       *add_household (Fixture *f, BfStore *store, const char *village, const char *head,
                           const char *head_id_number);
void        add_member    (Fixture *f, BfStore *store, const char *household, const char *name,
                           BfRelation relation);
char       *add_visit     (Fixture *f, BfStore *store, const char *household, const char *date);
void        add_payment   (Fixture *f, BfStore *store, const char *household, gint64 fen);
void        add_pairing   (Fixture *f, BfStore *store, const char *household);
void        add_income    (Fixture *f, BfStore *store, const char *household, int year,
                           gint64 fen);
void        set_field     (Fixture *f, BfStore *store, const char *household, const char *field,
                           const char *value);

guint       count_of  (BfStore *store, BfEntityKind kind, const char *household);
gint64      query_int (BfStore *store, const char *sql);
/* What a store holds of the two households, for comparing stores. */
char       *digest    (BfStore *store, const char *keep, const char *retire);

/* Push everything as @writer, then pull everything; every change must be accepted. */
void        sync_store      (Fixture *f, BfStore *store, const BfHubWriter *writer);
BfHubWriter district_writer (Fixture *f, BfStore *device);
BfHubWriter cadre_writer    (Fixture *f, BfStore *device);

void        fixture_set_up    (Fixture *f, gconstpointer data);
void        fixture_tear_down (Fixture *f, gconstpointer data);

#define MERGE_ADD(path, fn) g_test_add (path, Fixture, NULL, fixture_set_up, fn, fixture_tear_down)
