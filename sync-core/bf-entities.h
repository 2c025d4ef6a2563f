/* bf-entities.h: the ledger's records as C structs, and their typed API.
 *
 * Each struct begins with `char *id` (a UUID). Strings are owned by the struct; dates are ISO
 * "YYYY-MM-DD" strings (calendar dates, Asia/Shanghai); money is integer fen. The field tables
 * in bf-schema.c describe every member, so one generic implementation (bf-record.c,
 * bf-store-records.c) serves every entity: storage, validation and — later — the change log.
 * Names are English here and in the schema; the UI shows the Chinese terms.
 */
#pragma once

#include <glib.h>

G_BEGIN_DECLS

typedef enum {
  BF_ENTITY_TOWN,
  BF_ENTITY_VILLAGE,
  BF_ENTITY_UNIT,
  BF_ENTITY_CADRE,
  BF_ENTITY_HOUSEHOLD,
  BF_ENTITY_MEMBER,
  BF_ENTITY_PAIRING,
  BF_ENTITY_VISIT,
  BF_ENTITY_PAYMENT,
  BF_ENTITY_HOUSEHOLD_INCOME,
  BF_ENTITY_VILLAGE_INCOME,
  BF_ENTITY_INSPECTION,
  BF_ENTITY_CONFLICT,
  BF_ENTITY_YEAR_LOCK,
  BF_N_ENTITIES
} BfEntityKind;

/* 街镇: towns (镇), streets (街) and the forest farm (林场). */
typedef enum { BF_TOWN_KIND_TOWN, BF_TOWN_KIND_STREET, BF_TOWN_KIND_FARM } BfTownKind;

typedef struct {
  char      *id;
  char      *name;
  BfTownKind kind;
  int        sort_order;
} BfTown;

/* 村 (village committee) or 居 (residents' committee / community). */
typedef enum { BF_VILLAGE_KIND_VILLAGE, BF_VILLAGE_KIND_COMMUNITY } BfVillageKind;

typedef struct {
  char         *id;
  char         *town_id;
  char         *name;
  BfVillageKind kind;
  gboolean      is_key;        /* 重点帮扶困难村 */
  gboolean      is_old_base;   /* 革命老区 */
} BfVillage;

/* 帮扶单位: a district body, state enterprise or bank that assists. */
typedef struct {
  char    *id;
  char    *name;
  char    *key_village_id;     /* the key village it assists, if any */
  gboolean is_lead;            /* 牵头单位 of that village's assisting group */
} BfUnit;

typedef enum {
  BF_CADRE_ROLE_PAIRING,       /* 帮扶干部 */
  BF_CADRE_ROLE_RESIDENT,      /* 驻村干部 */
  BF_CADRE_ROLE_LEADER,        /* 帮扶单位领导 */
} BfCadreRole;

typedef struct {
  char       *id;
  char       *name;
  char       *unit_id;
  char       *phone;
  BfCadreRole role;
} BfCadre;

/* The household's category decides its standard: 困难户 are district-standard (区定),
 * 低保户 and 五保户 province-standard (省定). */
typedef enum { BF_CATEGORY_KUNNAN, BF_CATEGORY_DIBAO, BF_CATEGORY_WUBAO } BfCategory;
typedef enum { BF_LABOUR_ABLE, BF_LABOUR_PARTIAL, BF_LABOUR_NONE } BfLabour;
typedef enum { BF_STATUS_REGISTERED, BF_STATUS_EXITED, BF_STATUS_RETURNED } BfHouseholdStatus;

/* 贫困户登记卡 */
typedef struct {
  char             *id;
  char             *village_id;
  char             *head_name;
  BfCategory        category;
  BfLabour          labour;
  gboolean          consent_publish;   /* 自愿公开 */
  BfHouseholdStatus status;
  char             *address;
  char             *phone;
  char             *registered_on;
  int               exit_year;         /* 0 while not exited */
  char             *merged_into;       /* a duplicate retired into this household (bf-merge.h) */
} BfHousehold;

typedef enum {
  BF_RELATION_HEAD, BF_RELATION_SPOUSE, BF_RELATION_CHILD, BF_RELATION_CHILD_IN_LAW,
  BF_RELATION_GRANDCHILD, BF_RELATION_PARENT, BF_RELATION_SIBLING, BF_RELATION_OTHER
} BfRelation;
typedef enum { BF_SEX_MALE, BF_SEX_FEMALE } BfSex;

typedef struct {
  char      *id;
  char      *household_id;
  char      *name;
  BfRelation relation;
  char      *id_number;
  BfSex      sex;
  char      *birth_date;
  gboolean   medical_insured;   /* 新农合 */
  gboolean   pension_insured;   /* 新农保 */
  gboolean   dibao_covered;     /* 纳入低保 */
} BfMember;

/* 结对帮扶: history is kept — a pairing ends (to_date) rather than disappearing. */
typedef struct {
  char *id;
  char *cadre_id;
  char *household_id;
  char *from_date;
  char *to_date;               /* NULL while current */
} BfPairing;

/* Kinds of help on a visit, a set. */
typedef enum {
  BF_HELP_POLICY     = 1 << 0,  /* 政策宣传 */
  BF_HELP_FUNDS      = 1 << 1,  /* 资金帮扶 */
  BF_HELP_GOODS      = 1 << 2,  /* 物资帮扶 */
  BF_HELP_TRAINING   = 1 << 3,  /* 技能培训 */
  BF_HELP_EMPLOYMENT = 1 << 4,  /* 就业帮扶 */
  BF_HELP_INDUSTRY   = 1 << 5,  /* 产业扶持 */
  BF_HELP_MEDICAL    = 1 << 6,  /* 医疗救助 */
  BF_HELP_EDUCATION  = 1 << 7,  /* 教育资助 */
  BF_HELP_HOUSING    = 1 << 8,  /* 住房改造 */
  BF_HELP_OTHER      = 1 << 9,  /* 其他 */
} BfHelpKind;

/* 帮扶记录 */
typedef struct {
  char  *id;
  char  *household_id;
  char  *cadre_id;
  char  *date;
  guint  kinds;                /* BfHelpKind flags */
  char  *description;
  gint64 amount_fen;
  char  *voids_id;             /* a voiding entry: the visit it cancels */
  char  *void_reason;
} BfVisit;

typedef enum {
  BF_SOURCE_DISTRICT,          /* 区财政 */
  BF_SOURCE_TOWN,              /* 街镇配套 */
  BF_SOURCE_CHARITY,           /* 慈善会 */
  BF_SOURCE_CADRE,             /* 帮扶干部 */
  BF_SOURCE_UNIT,              /* 帮扶单位 */
  BF_SOURCE_OTHER,             /* 其他 */
} BfPaymentSource;

/* 资金台账: to a household or to a village, never both. */
typedef struct {
  char           *id;
  char           *date;
  char           *household_id;
  char           *village_id;
  BfPaymentSource source;
  char           *purpose;
  gint64          amount_fen;
  char           *cadre_id;    /* the giver when source is a cadre */
  char           *unit_id;     /* the giver when source is a unit */
  char           *voids_id;    /* a voiding entry: the payment it cancels */
  char           *void_reason;
} BfPayment;

/* Per-capita disposable income of a household for a year. Its id is derived from
 * (household, year): see bf_household_income_id(). */
typedef struct {
  char  *id;
  char  *household_id;
  int    year;
  gint64 per_capita_fen;
} BfHouseholdIncome;

/* 村集体经济收入 for a year; id derived from (village, year). */
typedef struct {
  char  *id;
  char  *village_id;
  int    year;
  gint64 collective_fen;
} BfVillageIncome;

/* A unit leader's inspection of a key village. */
typedef struct {
  char *id;
  char *village_id;
  char *unit_id;
  char *leader_id;             /* a cadre with the leader role */
  char *date;
  char *findings;
} BfInspection;

typedef enum { BF_CONFLICT_OPEN, BF_CONFLICT_RESOLVED } BfConflictStatus;

/* Two devices changed one field concurrently (or one edited what another deleted). The hub
 * keeps a deterministic winner — the later HLC, then the device id — and records both sides
 * here for district review. Conflicts are records like any other: they sync to district staff,
 * and resolving one is an ordinary edit. */
typedef struct {
  char            *id;
  char            *entity;         /* the entity's name, "household" */
  char            *row_id;
  char            *field;          /* "deleted" for an edit racing a delete */
  char            *kept_value;     /* the winner, now in the record */
  char            *kept_version;   /* "DEVICE:SEQ" */
  char            *kept_author;
  gint64           kept_hlc;
  char            *other_value;    /* the loser */
  char            *other_version;
  char            *other_author;
  gint64           other_hlc;
  BfConflictStatus status;
  char            *resolution;     /* how it was resolved: "kept", "other" or "merged" */
} BfConflict;

/* The district froze a year's assessment (bf-year-lock.h). Append-only: the frozen figures
 * never change; later edits touching the year are kept and listed as corrections. Its id is
 * derived from the year (bf_year_lock_id()), so two offices locking one year make one row. */
typedef struct {
  char  *id;
  int    year;
  char  *locked_by;            /* the account that locked it */
  gint64 locked_at;            /* ms since the epoch, the locking store's wall clock */
  char  *figures_kind;         /* what `figures` holds (see bf-year-lock.c) */
  char  *figures;              /* the frozen figures, JSON */
} BfYearLock;

/* Ids for records unique by a natural key. */
char *bf_household_income_id (const char *household_id, int year);
char *bf_village_income_id   (const char *village_id, int year);
char *bf_year_lock_id        (int year);

G_END_DECLS
