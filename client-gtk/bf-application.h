/* bf-application.h: the app — org.bangfu.Bangfu, `bangfu [--db FILE]`. */
#pragma once

#include <adwaita.h>

G_BEGIN_DECLS

#define BF_TYPE_APPLICATION (bf_application_get_type ())
G_DECLARE_FINAL_TYPE (BfApplication, bf_application, BF, APPLICATION, AdwApplication)

/* Points gettext at @localedir (the installed one, or a build's po/ for tests) and sets the
 * locale from the environment. Call before any UI. */
void           bf_application_setup_i18n (const char *localedir);

BfApplication *bf_application_new (void);

/* The ledger file: --db, else $XDG_DATA_HOME/bangfu/ledger.db. */
const char    *bf_application_get_db_path (BfApplication *self);
void           bf_application_set_db_path (BfApplication *self, const char *path);

G_END_DECLS
