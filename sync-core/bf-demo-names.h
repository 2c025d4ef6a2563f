/* bf-demo-names.h: synthetic but plausible Chinese names for the demo district.
 *
 * The demo ledger must look like Qingcheng (清城区, Qingyuan) without naming anyone real,
 * so people, villages and assisting units are made up from tables shaped like rural
 * northern Guangdong. Every random choice comes from the GRand the caller passes in:
 * the same seed always yields the same district, which keeps demos and tests repeatable.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef struct _BfNameGen BfNameGen;

/* @rand is borrowed, not owned; it must outlive the generator. */
BfNameGen  *bf_name_gen_new (GRand *rand);
void        bf_name_gen_free (BfNameGen *gen);

/* A surname drawn by its frequency in rural northern Guangdong (陈 most often,
 * two-character ones such as 欧阳 and 司徒 rarely). Static string: do not free. */
const char *bf_name_gen_surname (BfNameGen *gen);

/* A given name of one or two characters fitting the sex and the era of @birth_year
 * (桂英 / 水生 for the 1950s, 丽华 / 志强 for the 1980s, 梓涵 / 浩然 for the 2000s). */
char       *bf_name_gen_given (BfNameGen *gen,
                               gboolean   male,
                               int        birth_year);

/* Surname + given name, 2–4 characters. @surname NULL picks one. */
char       *bf_name_gen_person (BfNameGen  *gen,
                                const char *surname,
                                gboolean    male,
                                int         birth_year);

/* A village (大塘村) or, if @community, a street community (新城社区, 东岗居委会).
 * Never repeats a name or stem this generator gave before, nor a reserved one.
 * NULL only once more than ten thousand names have been handed out. */
char       *bf_name_gen_village (BfNameGen *gen,
                                 gboolean   community);

/* Keep @name (and its stem, so 积余村 also blocks 积余社区) out of bf_name_gen_village(). */
void        bf_name_gen_reserve (BfNameGen  *gen,
                                 const char *name);

/* An assisting unit (帮扶单位) of the district: each at most once, then NULL. */
char       *bf_name_gen_unit (BfNameGen *gen);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (BfNameGen, bf_name_gen_free)

G_END_DECLS
