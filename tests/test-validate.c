/* test-validate.c: money, dates and phone numbers as people really type them.
 *
 * The expected check characters below were computed independently of bf-validate.c
 * (by hand-checked script), so a wrong weight or table in the code cannot make its own
 * test pass.
 */
#include <string.h>

#include <glib.h>

#include "bf-format.h"
#include "bf-validate.h"

static void
assert_message_contains (const GError *error,
                         const char   *needle)
{
  if (needle == NULL)
    return;
  if (g_strstr_len (error->message, -1, needle) == NULL)
    g_error ("message “%s” does not contain “%s”", error->message, needle);
}

/* ------------------------------------------------------------------------------------ */
/* Money                                                                                */

#define NO_CAP G_MAXINT64
#define CAP_5000_YUAN G_GINT64_CONSTANT (500000)

typedef struct {
  const char *text;
  gint64      max_fen;
  gint64      fen;
} GoodMoneyCase;

static const GoodMoneyCase good_money_cases[] = {
  { "0", NO_CAP, 0 },
  { "0.00", NO_CAP, 0 },
  { "0.5", NO_CAP, 50 },
  { "0.05", NO_CAP, 5 },
  { ".5", NO_CAP, 50 },
  { "5.", NO_CAP, 500 },
  { "12.3", NO_CAP, 1230 },
  { "200", NO_CAP, 20000 },
  { "1234.5", NO_CAP, 123450 },
  { "1,234.50", NO_CAP, 123450 },
  { "1,234", NO_CAP, 123400 },
  { "1,234,567.89", NO_CAP, 123456789 },
  { "999,999", NO_CAP, 99999900 },
  { "¥200", NO_CAP, 20000 },
  { "￥200", NO_CAP, 20000 },
  { "¥ 200", NO_CAP, 20000 },
  { "200元", NO_CAP, 20000 },
  { "200 元", NO_CAP, 20000 },
  { "￥1,000元", NO_CAP, 100000 },
  { "  ¥ 1,000.5 元  ", NO_CAP, 100050 },
  { "\u30005000\u3000", NO_CAP, 500000 },
  /* An input method left in full-width mode. */
  { "５００", NO_CAP, 50000 },
  { "１，２３４．５０", NO_CAP, 123450 },
  { "007", NO_CAP, 700 },
  /* Amounts that a double would round: exact to the fen. */
  { "0.29", NO_CAP, 29 },
  { "1.15", NO_CAP, 115 },
  { "90071992547409.93", NO_CAP, G_GINT64_CONSTANT (9007199254740993) },
  /* The largest representable amount. */
  { "92233720368547758.07", NO_CAP, G_MAXINT64 },
  { "92,233,720,368,547,758.07", NO_CAP, G_MAXINT64 },
  /* The cap itself is allowed. */
  { "5000", CAP_5000_YUAN, 500000 },
  { "5,000.00", CAP_5000_YUAN, 500000 },
  { "0", 0, 0 },
};

static void
test_money_valid (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (good_money_cases); i++)
    {
      const GoodMoneyCase *c = &good_money_cases[i];
      g_autoptr(GError) error = NULL;
      gint64 fen = -1;

      g_test_message ("good money case %" G_GSIZE_FORMAT, i);
      g_assert_true (bf_parse_yuan (c->text, c->max_fen, "Amount", &fen, &error));
      g_assert_no_error (error);
      g_assert_cmpint (fen, ==, c->fen);
    }
}

typedef struct {
  const char *text;
  gint64      max_fen;
  int         code;
  const char *contains;
  const char *contains_too;
} BadMoneyCase;

static const BadMoneyCase bad_money_cases[] = {
  { "", NO_CAP, BF_VALIDATE_ERROR_EMPTY, "Amount", NULL },
  { "   ", NO_CAP, BF_VALIDATE_ERROR_EMPTY, "Amount", NULL },
  { "¥", NO_CAP, BF_VALIDATE_ERROR_EMPTY, "Amount", NULL },
  { "元", NO_CAP, BF_VALIDATE_ERROR_EMPTY, "Amount", NULL },

  { "-5", NO_CAP, BF_VALIDATE_ERROR_RANGE, "“-5”", "cannot be negative" },
  { "-0.01", NO_CAP, BF_VALIDATE_ERROR_RANGE, "“-0.01”", "cannot be negative" },
  { "¥-200", NO_CAP, BF_VALIDATE_ERROR_RANGE, "“¥-200”", "cannot be negative" },
  { "-¥200", NO_CAP, BF_VALIDATE_ERROR_RANGE, "“-¥200”", "cannot be negative" },
  { "－200元", NO_CAP, BF_VALIDATE_ERROR_RANGE, "“－200元”", "cannot be negative" },
  /* The sign is the mistake even when the amount is also too big. */
  { "-99999999999999999999", CAP_5000_YUAN, BF_VALIDATE_ERROR_RANGE, "-99999999999999999999", "negative" },

  { "1.234", NO_CAP, BF_VALIDATE_ERROR_FORMAT, "“1.234”", "two decimal places" },
  { "0.001", NO_CAP, BF_VALIDATE_ERROR_FORMAT, "“0.001”", "two decimal places" },
  { "1.230", NO_CAP, BF_VALIDATE_ERROR_FORMAT, "“1.230”", "two decimal places" },

  { "abc", NO_CAP, BF_VALIDATE_ERROR_FORMAT, "“abc”", "not an amount" },
  { "12a", NO_CAP, BF_VALIDATE_ERROR_FORMAT, "“12a”", "not an amount" },
  { "1.2.3", NO_CAP, BF_VALIDATE_ERROR_FORMAT, "“1.2.3”", NULL },
  { ".", NO_CAP, BF_VALIDATE_ERROR_FORMAT, "“.”", NULL },
  { "-", NO_CAP, BF_VALIDATE_ERROR_FORMAT, "“-”", NULL },
  { "--5", NO_CAP, BF_VALIDATE_ERROR_FORMAT, "“--5”", NULL },
  { "+5", NO_CAP, BF_VALIDATE_ERROR_FORMAT, "“+5”", NULL },
  { "1e3", NO_CAP, BF_VALIDATE_ERROR_FORMAT, "“1e3”", NULL },
  { "0x10", NO_CAP, BF_VALIDATE_ERROR_FORMAT, "“0x10”", NULL },
  { "1 000", NO_CAP, BF_VALIDATE_ERROR_FORMAT, "“1 000”", NULL },
  { "200元元", NO_CAP, BF_VALIDATE_ERROR_FORMAT, "“200元元”", NULL },
  { "200 yuan", NO_CAP, BF_VALIDATE_ERROR_FORMAT, "“200 yuan”", NULL },
  { "两百", NO_CAP, BF_VALIDATE_ERROR_FORMAT, "“两百”", NULL },
  /* Commas that are not thousands separators: "1,5" may be a European 1.5. */
  { "1,5", NO_CAP, BF_VALIDATE_ERROR_FORMAT, "“1,5”", NULL },
  { "1,23", NO_CAP, BF_VALIDATE_ERROR_FORMAT, "“1,23”", NULL },
  { "12,34,567", NO_CAP, BF_VALIDATE_ERROR_FORMAT, "“12,34,567”", NULL },
  { "1234,567", NO_CAP, BF_VALIDATE_ERROR_FORMAT, "“1234,567”", NULL },
  { "1,,234", NO_CAP, BF_VALIDATE_ERROR_FORMAT, "“1,,234”", NULL },
  { ",234", NO_CAP, BF_VALIDATE_ERROR_FORMAT, "“,234”", NULL },
  { "1,234,", NO_CAP, BF_VALIDATE_ERROR_FORMAT, "“1,234,”", NULL },
  { "1,234.5,0", NO_CAP, BF_VALIDATE_ERROR_FORMAT, "“1,234.5,0”", NULL },

  /* Too big for the field's cap. */
  { "5000.01", CAP_5000_YUAN, BF_VALIDATE_ERROR_RANGE, "“5000.01”", "limit of 5,000.00 yuan" },
  { "¥6,000", CAP_5000_YUAN, BF_VALIDATE_ERROR_RANGE, "“¥6,000”", "5,000.00" },
  { "0.01", 0, BF_VALIDATE_ERROR_RANGE, "“0.01”", "limit of 0.00 yuan" },
  /* Too big for anything: must be refused, not wrap around. */
  { "92233720368547758.08", NO_CAP, BF_VALIDATE_ERROR_RANGE, "92233720368547758.08",
    "92,233,720,368,547,758.07" },
  { "92233720368547759", NO_CAP, BF_VALIDATE_ERROR_RANGE, "92233720368547759", NULL },
  { "1000000000000000000000000000000000000000", NO_CAP, BF_VALIDATE_ERROR_RANGE,
    "1000000000000000000000000000000000000000", NULL },
  { "9999999999999999999999999999999999999999.99", CAP_5000_YUAN, BF_VALIDATE_ERROR_RANGE,
    "9999999999999999999999999999999999999999.99", "5,000.00" },
  { "18446744073709551616", NO_CAP, BF_VALIDATE_ERROR_RANGE, "18446744073709551616", NULL },
  /* A malformed huge number is malformed, not merely big. */
  { "99999999999999999999999x", NO_CAP, BF_VALIDATE_ERROR_FORMAT, "99999999999999999999999x", NULL },
};

static void
test_money_invalid (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (bad_money_cases); i++)
    {
      const BadMoneyCase *c = &bad_money_cases[i];
      g_autoptr(GError) error = NULL;
      gint64 fen = -42;

      g_test_message ("bad money case %" G_GSIZE_FORMAT, i);
      g_assert_false (bf_parse_yuan (c->text, c->max_fen, "Amount", &fen, &error));
      g_assert_error (error, BF_VALIDATE_ERROR, c->code);
      g_assert_true (g_str_has_prefix (error->message, "Amount"));
      assert_message_contains (error, c->contains);
      assert_message_contains (error, c->contains_too);
      /* A refused amount leaves the output alone. */
      g_assert_cmpint (fen, ==, -42);
    }
}

static void
test_money_messages (void)
{
  static const struct {
    const char *text;
    gint64      max_fen;
    const char *message;
  } cases[] = {
    { "-5", NO_CAP, "Support money: “-5” is negative; amounts cannot be negative" },
    { "1.234", NO_CAP,
      "Support money: “1.234” has more than two decimal places; amounts in yuan go down "
      "to the fen (0.01) and no further" },
    { "abc", NO_CAP,
      "Support money: “abc” is not an amount of money; enter it in yuan, like 1,234.50" },
    { "12000", 1000000, "Support money: “12000” is more than the limit of 10,000.00 yuan" },
    { "", NO_CAP, "Support money: nothing was entered" },
  };

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      gint64 fen;

      g_assert_false (bf_parse_yuan (cases[i].text, cases[i].max_fen, "Support money", &fen, &error));
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* Every fen amount written by bf_format_yuan() reads back to itself. */
static void
test_money_round_trip (void)
{
  static const gint64 amounts[] = {
    0, 1, 9, 10, 99, 100, 101, 999, 1000, 99999, 100000, 123450, 500000, 1000000000,
    G_GINT64_CONSTANT (123456789012345), G_MAXINT64 - 1, G_MAXINT64,
  };

  for (gsize i = 0; i < G_N_ELEMENTS (amounts); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *text = bf_format_yuan (amounts[i]);
      g_autofree char *money = bf_format_money (amounts[i]);
      g_autofree char *suffix = bf_format_money_yuan_suffix (amounts[i]);
      gint64 fen = -1;

      g_assert_true (bf_parse_yuan (text, G_MAXINT64, "Amount", &fen, &error));
      g_assert_no_error (error);
      g_assert_cmpint (fen, ==, amounts[i]);

      fen = -1;
      g_assert_true (bf_parse_yuan (money, G_MAXINT64, "Amount", &fen, &error));
      g_assert_no_error (error);
      g_assert_cmpint (fen, ==, amounts[i]);

      fen = -1;
      g_assert_true (bf_parse_yuan (suffix, G_MAXINT64, "Amount", &fen, &error));
      g_assert_no_error (error);
      g_assert_cmpint (fen, ==, amounts[i]);
    }
}

static void
test_money_fen (void)
{
  g_autoptr(GError) error = NULL;

  g_assert_true (bf_validate_fen (0, CAP_5000_YUAN, "Amount", &error));
  g_assert_no_error (error);
  g_assert_true (bf_validate_fen (CAP_5000_YUAN, CAP_5000_YUAN, "Amount", &error));
  g_assert_no_error (error);
  g_assert_true (bf_validate_fen (G_MAXINT64, G_MAXINT64, "Amount", &error));
  g_assert_no_error (error);

  g_assert_false (bf_validate_fen (CAP_5000_YUAN + 1, CAP_5000_YUAN, "Amount", &error));
  g_assert_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_RANGE);
  g_assert_cmpstr (error->message, ==,
                   "Amount: 5,000.01 yuan is more than the limit of 5,000.00 yuan");
  g_clear_error (&error);

  g_assert_false (bf_validate_fen (-1, CAP_5000_YUAN, "Amount", &error));
  g_assert_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_RANGE);
  g_assert_cmpstr (error->message, ==, "Amount: -0.01 yuan is negative; amounts cannot be negative");
  g_clear_error (&error);

  g_assert_false (bf_validate_fen (G_MININT64, G_MAXINT64, "Amount", &error));
  g_assert_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_RANGE);
  assert_message_contains (error, "-92,233,720,368,547,758.08");
  g_clear_error (&error);

  g_assert_false (bf_validate_fen (1, 0, "Amount", &error));
  g_assert_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_RANGE);
  assert_message_contains (error, "0.00 yuan");
}

/* ------------------------------------------------------------------------------------ */
/* Dates                                                                                */

typedef struct {
  const char *text;
  guint       year;   /* 0: refused */
  guint       month;
  guint       day;
  int         code;
} DateCase;

static const DateCase date_cases[] = {
  { "2017-03-05", 2017, 3, 5, 0 },
  { "2016-01-01", 2016, 1, 1, 0 },
  { "2018-12-31", 2018, 12, 31, 0 },
  { "2016-02-29", 2016, 2, 29, 0 },
  { "2000-02-29", 2000, 2, 29, 0 },
  { " 2017-03-05 ", 2017, 3, 5, 0 },
  { "0001-01-01", 1, 1, 1, 0 },

  { "", 0, 0, 0, BF_VALIDATE_ERROR_EMPTY },
  { "  ", 0, 0, 0, BF_VALIDATE_ERROR_EMPTY },
  { "2017-02-29", 0, 0, 0, BF_VALIDATE_ERROR_DATE },
  { "1900-02-29", 0, 0, 0, BF_VALIDATE_ERROR_DATE },
  { "2017-02-30", 0, 0, 0, BF_VALIDATE_ERROR_DATE },
  { "2017-04-31", 0, 0, 0, BF_VALIDATE_ERROR_DATE },
  { "2017-13-01", 0, 0, 0, BF_VALIDATE_ERROR_DATE },
  { "2017-00-10", 0, 0, 0, BF_VALIDATE_ERROR_DATE },
  { "2017-01-00", 0, 0, 0, BF_VALIDATE_ERROR_DATE },
  { "0000-01-01", 0, 0, 0, BF_VALIDATE_ERROR_DATE },
  { "2017-3-5", 0, 0, 0, BF_VALIDATE_ERROR_DATE },
  { "2017-03-5", 0, 0, 0, BF_VALIDATE_ERROR_DATE },
  { "17-03-05", 0, 0, 0, BF_VALIDATE_ERROR_DATE },
  { "2017/03/05", 0, 0, 0, BF_VALIDATE_ERROR_DATE },
  { "2017.03.05", 0, 0, 0, BF_VALIDATE_ERROR_DATE },
  { "20170305", 0, 0, 0, BF_VALIDATE_ERROR_DATE },
  { "05-03-2017", 0, 0, 0, BF_VALIDATE_ERROR_DATE },
  { "2017-03-05T08:00", 0, 0, 0, BF_VALIDATE_ERROR_DATE },
  { "2017年3月5日", 0, 0, 0, BF_VALIDATE_ERROR_DATE },
  { "+017-03-05", 0, 0, 0, BF_VALIDATE_ERROR_DATE },
  { "2017-0a-05", 0, 0, 0, BF_VALIDATE_ERROR_DATE },
  { "yesterday", 0, 0, 0, BF_VALIDATE_ERROR_DATE },
};

static void
test_date_parse (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (date_cases); i++)
    {
      const DateCase *c = &date_cases[i];
      g_autoptr(GError) error = NULL;
      GDate date;

      g_test_message ("date case %" G_GSIZE_FORMAT, i);
      g_date_clear (&date, 1);

      if (c->year != 0)
        {
          g_assert_true (bf_parse_date (c->text, "Visit date", &date, &error));
          g_assert_no_error (error);
          g_assert_true (g_date_valid (&date));
          g_assert_cmpuint (g_date_get_year (&date), ==, c->year);
          g_assert_cmpuint (g_date_get_month (&date), ==, c->month);
          g_assert_cmpuint (g_date_get_day (&date), ==, c->day);
        }
      else
        {
          g_autofree char *trimmed = g_strstrip (g_strdup (c->text));

          g_assert_false (bf_parse_date (c->text, "Visit date", &date, &error));
          g_assert_error (error, BF_VALIDATE_ERROR, c->code);
          g_assert_true (g_str_has_prefix (error->message, "Visit date"));
          assert_message_contains (error, trimmed);
        }
    }
}

static void
test_date_messages (void)
{
  g_autoptr(GError) error = NULL;
  GDate date;

  g_assert_false (bf_parse_date ("2017-02-30", "Visit date", &date, &error));
  g_assert_cmpstr (error->message, ==,
                   "Visit date: “2017-02-30” is not a real date; check the month and the day");
  g_clear_error (&error);

  g_assert_false (bf_parse_date ("2017/3/5", "Visit date", &date, &error));
  g_assert_cmpstr (error->message, ==,
                   "Visit date: “2017/3/5” is not a date; enter it as YYYY-MM-DD, like 2017-03-05");
  g_clear_error (&error);

  g_assert_false (bf_parse_date (NULL, "Visit date", &date, &error));
  g_assert_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_EMPTY);
  g_assert_cmpstr (error->message, ==, "Visit date: nothing was entered");
}

static void
make_date (GDate *date,
           guint  year,
           guint  month,
           guint  day)
{
  g_date_clear (date, 1);
  g_date_set_dmy (date, (GDateDay) day, (GDateMonth) month, (GDateYear) year);
}

static void
test_date_between (void)
{
  g_autoptr(GError) error = NULL;
  GDate start, end, date;

  /* The campaign: 2016-01-01 to 2018-12-31. */
  make_date (&start, 2016, 1, 1);
  make_date (&end, 2018, 12, 31);

  make_date (&date, 2017, 3, 5);
  g_assert_true (bf_validate_date_between (&date, &start, &end, "Visit date", &error));
  g_assert_no_error (error);
  g_assert_true (bf_validate_date_between (&date, NULL, NULL, "Visit date", &error));
  g_assert_no_error (error);

  /* The bounds themselves are allowed. */
  g_assert_true (bf_validate_date_between (&start, &start, &end, "Visit date", &error));
  g_assert_no_error (error);
  g_assert_true (bf_validate_date_between (&end, &start, &end, "Visit date", &error));
  g_assert_no_error (error);

  make_date (&date, 2015, 12, 31);
  g_assert_false (bf_validate_date_between (&date, &start, &end, "Visit date", &error));
  g_assert_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_RANGE);
  g_assert_cmpstr (error->message, ==,
                   "Visit date: 2015-12-31 is before the earliest allowed date, 2016-01-01");
  g_clear_error (&error);

  /* Only the lower bound given. */
  g_assert_false (bf_validate_date_between (&date, &start, NULL, "Visit date", &error));
  g_assert_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_true (bf_validate_date_between (&date, NULL, &end, "Visit date", &error));
  g_assert_no_error (error);

  make_date (&date, 2019, 1, 1);
  g_assert_false (bf_validate_date_between (&date, &start, &end, "Visit date", &error));
  g_assert_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_RANGE);
  g_assert_cmpstr (error->message, ==,
                   "Visit date: 2019-01-01 is after the latest allowed date, 2018-12-31");
  g_clear_error (&error);

  g_assert_false (bf_validate_date_between (&date, NULL, &end, "Visit date", &error));
  g_assert_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_RANGE);
  g_clear_error (&error);
  g_assert_true (bf_validate_date_between (&date, &start, NULL, "Visit date", &error));
  g_assert_no_error (error);
}

/* bf_today() is the date in Beijing, whatever TZ the process runs in. */
static void
test_date_today (void)
{
  g_autoptr(GTimeZone) beijing = g_time_zone_new_offset (8 * 3600);
  g_autoptr(GDateTime) now = NULL;
  GDate today;

  bf_today (&today);
  now = g_date_time_new_now (beijing);

  g_assert_true (g_date_valid (&today));
  /* A test run exactly at midnight in Beijing may see two different days; allow it. */
  if (g_date_time_get_hour (now) == 0 && g_date_time_get_minute (now) == 0)
    return;
  g_assert_cmpuint (g_date_get_year (&today), ==, (guint) g_date_time_get_year (now));
  g_assert_cmpuint (g_date_get_month (&today), ==, (guint) g_date_time_get_month (now));
  g_assert_cmpuint (g_date_get_day (&today), ==, (guint) g_date_time_get_day_of_month (now));
}

/* The same under zones where the calendar date differs from Beijing's for much of the
 * day. Run in a subprocess because TZ is process-wide. */
static void
test_date_today_other_zone (void)
{
  static const char *const zones[] = { "America/Los_Angeles", "Pacific/Kiritimati", "UTC" };

  if (g_test_subprocess ())
    {
      test_date_today ();
      return;
    }

  for (gsize i = 0; i < G_N_ELEMENTS (zones); i++)
    {
      g_autofree char *old_tz = g_strdup (g_getenv ("TZ"));

      g_setenv ("TZ", zones[i], TRUE);
      g_test_trap_subprocess (NULL, 0, G_TEST_SUBPROCESS_DEFAULT);
      if (old_tz != NULL)
        g_setenv ("TZ", old_tz, TRUE);
      else
        g_unsetenv ("TZ");
      g_test_trap_assert_passed ();
    }
}

/* ------------------------------------------------------------------------------------ */
/* Phone numbers                                                                        */

typedef struct {
  const char *input;
  const char *normalized;  /* NULL: refused */
  int         code;
} PhoneCase;

static const PhoneCase phone_cases[] = {
  { "13800138000", "13800138000", 0 },
  { "138 0013 8000", "13800138000", 0 },
  { "138-0013-8000", "13800138000", 0 },
  { "+86 138 0013 8000", "13800138000", 0 },
  { "+8613800138000", "13800138000", 0 },
  { "8613800138000", "13800138000", 0 },
  { "86 138 0013 8000", "13800138000", 0 },
  { "0086 138 0013 8000", "13800138000", 0 },
  { "＋８６ １３８００１３８０００", "13800138000", 0 },
  { "  19912345678  ", "19912345678", 0 },
  { "15012345678", "15012345678", 0 },
  /* Landlines: Qingyuan is 0763; Guangzhou 020 and Beijing 010 have 3-digit codes. */
  { "0763-3333333", "0763-3333333", 0 },
  { "07633333333", "0763-3333333", 0 },
  { "0763 3333333", "0763-3333333", 0 },
  { "0763-1234567", "0763-1234567", 0 },
  { "020-12345678", "020-12345678", 0 },
  { "02012345678", "020-12345678", 0 },
  { "020-1234567", "020-1234567", 0 },
  { "010-87654321", "010-87654321", 0 },
  { "0755-12345678", "0755-12345678", 0 },
  { "+86 763 3333333", "0763-3333333", 0 },
  { "+86 20 12345678", "020-12345678", 0 },

  { "", NULL, BF_VALIDATE_ERROR_EMPTY },
  { "  ", NULL, BF_VALIDATE_ERROR_EMPTY },
  { "12345", NULL, BF_VALIDATE_ERROR_PHONE },
  { "10000000000", NULL, BF_VALIDATE_ERROR_PHONE },
  { "12000000000", NULL, BF_VALIDATE_ERROR_PHONE },
  { "1380013800", NULL, BF_VALIDATE_ERROR_PHONE },
  { "138001380001", NULL, BF_VALIDATE_ERROR_PHONE },
  { "+1 138 0013 8000", NULL, BF_VALIDATE_ERROR_PHONE },
  { "87 13800138000", NULL, BF_VALIDATE_ERROR_PHONE },
  { "138 0013 800O", NULL, BF_VALIDATE_ERROR_PHONE },
  { "3333333", NULL, BF_VALIDATE_ERROR_PHONE },
  { "0763-333333", NULL, BF_VALIDATE_ERROR_PHONE },
  { "0763-333333333", NULL, BF_VALIDATE_ERROR_PHONE },
  { "0763-3333333-801", NULL, BF_VALIDATE_ERROR_PHONE },
  { "0763-3333333 ext 801", NULL, BF_VALIDATE_ERROR_PHONE },
  { "00763-3333333", NULL, BF_VALIDATE_ERROR_PHONE },
  { "138+00138000", NULL, BF_VALIDATE_ERROR_PHONE },
  { "++8613800138000", NULL, BF_VALIDATE_ERROR_PHONE },
  { "none", NULL, BF_VALIDATE_ERROR_PHONE },
};

static void
test_phone (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (phone_cases); i++)
    {
      const PhoneCase *c = &phone_cases[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *normalized = NULL;

      g_test_message ("phone case %" G_GSIZE_FORMAT, i);
      normalized = bf_phone_normalize (c->input, &error);

      if (c->normalized != NULL)
        {
          g_assert_no_error (error);
          g_assert_cmpstr (normalized, ==, c->normalized);
        }
      else
        {
          g_autofree char *trimmed = g_strstrip (g_strdup (c->input));

          g_assert_null (normalized);
          g_assert_error (error, BF_VALIDATE_ERROR, c->code);
          g_assert_true (g_str_has_prefix (error->message, "Phone number"));
          assert_message_contains (error, trimmed);
        }
    }
}

static void
test_phone_message (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *normalized = bf_phone_normalize ("12345", &error);

  g_assert_null (normalized);
  g_assert_cmpstr (error->message, ==,
                   "Phone number: “12345” is not a phone number; enter an 11-digit mobile "
                   "number, or a landline number with its area code, like 0763-3333333");
}

/* What a cadre types: ISO, or 2017年3月5日 — and nothing looser. */
static void
test_date_typed (void)
{
  const char *good[][2] = {
    { "2017-03-05", "2017-03-05" }, { "2017年3月5日", "2017-03-05" },
    { " 2016年12月31日 ", "2016-12-31" }, { "2016年 1月 9日", "2016-01-09" },
  };
  const char *bad[] = { "2017年2月30日", "2017年3月", "2017年3月5", "3月5日", "2017年3月5日上午" };

  for (guint i = 0; i < G_N_ELEMENTS (good); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *iso = NULL;
      GDate date;

      g_assert_true (bf_parse_date_typed (good[i][0], "日期", &date, &error));
      g_assert_no_error (error);
      iso = bf_format_iso_date (&date);
      g_assert_cmpstr (iso, ==, good[i][1]);
    }
  for (guint i = 0; i < G_N_ELEMENTS (bad); i++)
    {
      g_autoptr(GError) error = NULL;
      GDate date;

      g_assert_false (bf_parse_date_typed (bad[i], "日期", &date, &error));
      g_assert_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_DATE);
    }
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);
  g_test_add_func ("/validate/money/valid", test_money_valid);
  g_test_add_func ("/validate/money/invalid", test_money_invalid);
  g_test_add_func ("/validate/money/messages", test_money_messages);
  g_test_add_func ("/validate/money/round-trip", test_money_round_trip);
  g_test_add_func ("/validate/money/fen", test_money_fen);
  g_test_add_func ("/validate/date/parse", test_date_parse);
  g_test_add_func ("/validate/date/messages", test_date_messages);
  g_test_add_func ("/validate/date/typed", test_date_typed);
  g_test_add_func ("/validate/date/between", test_date_between);
  g_test_add_func ("/validate/date/today", test_date_today);
  g_test_add_func ("/validate/date/today-other-zone", test_date_today_other_zone);
  g_test_add_func ("/validate/phone/normalize", test_phone);
  g_test_add_func ("/validate/phone/message", test_phone_message);
  return g_test_run ();
}
