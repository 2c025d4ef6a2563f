/* bf-demo-private.h: state shared by the demo's two halves — the people and places
 * (bf-demo.c) and a year of activity (bf-demo-activity.c). */
#pragma once

#include <json-glib/json-glib.h>

#include "bf-demo-names.h"
#include "bf-demo.h"

G_BEGIN_DECLS

typedef struct {
  char    *id;
  char    *town_name;
  char    *name;
  gboolean is_key;
  gboolean is_community;
} DemoVillage;

typedef struct {
  char *id;
  char *key_village_id;   /* NULL for units without a key village */
  char *leader_id;
  gboolean is_lead;
} DemoUnit;

typedef struct {
  char      *id;
  char      *village_id;
  BfCategory category;
  int        people;
  gboolean   all_insured;
  gboolean   some_labour;
} DemoHousehold;

typedef struct {
  BfStore        *store;
  const BfPolicy *policy;
  GRand          *rand;
  BfNameGen      *names;
  JsonObject     *config;
  int             year;
  GDate           year_start;
  GDate           year_end;        /* 31 December, or today for the current year */
  GPtrArray      *villages;        /* DemoVillage* */
  GPtrArray      *units;           /* DemoUnit* */
  GPtrArray      *pairing_cadres;  /* char* ids */
  GPtrArray      *households;      /* DemoHousehold* */
} BfDemo;

/* Draws: a random id, a date between two dates, a chance. */
char    *bf_demo_id (BfDemo *demo);
char    *bf_demo_date_between (BfDemo *demo, const GDate *from, const GDate *to);
gboolean bf_demo_chance (BfDemo *demo, double probability);

gboolean bf_demo_build_activity (BfDemo *demo, GError **error);

G_END_DECLS
