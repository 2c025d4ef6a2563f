/* test-format.c: money and dates as Chinese users read them. */
#include <glib.h>

#include "bf-format.h"

typedef struct {
  gint64      fen;
  const char *yuan;
  const char *money;
  const char *suffix;
} MoneyCase;

static const MoneyCase money_cases[] = {
  { 0, "0.00", "¥0.00", "0.00 元" },
  { 1, "0.01", "¥0.01", "0.01 元" },
  { 5, "0.05", "¥0.05", "0.05 元" },
  { 10, "0.10", "¥0.10", "0.10 元" },
  { 99, "0.99", "¥0.99", "0.99 元" },
  { 100, "1.00", "¥1.00", "1.00 元" },
  { 20000, "200.00", "¥200.00", "200.00 元" },
  { 99999, "999.99", "¥999.99", "999.99 元" },
  { 100000, "1,000.00", "¥1,000.00", "1,000.00 元" },
  { 123450, "1,234.50", "¥1,234.50", "1,234.50 元" },
  { 500000, "5,000.00", "¥5,000.00", "5,000.00 元" },
  { 10000000, "100,000.00", "¥100,000.00", "100,000.00 元" },
  { 99999999, "999,999.99", "¥999,999.99", "999,999.99 元" },
  { 100000000, "1,000,000.00", "¥1,000,000.00", "1,000,000.00 元" },
  { 123456789012, "1,234,567,890.12", "¥1,234,567,890.12", "1,234,567,890.12 元" },
  { -1, "-0.01", "-¥0.01", "-0.01 元" },
  { -5, "-0.05", "-¥0.05", "-0.05 元" },
  { -100, "-1.00", "-¥1.00", "-1.00 元" },
  { -123450, "-1,234.50", "-¥1,234.50", "-1,234.50 元" },
  { -100000000, "-1,000,000.00", "-¥1,000,000.00", "-1,000,000.00 元" },
  { G_MAXINT64, "92,233,720,368,547,758.07", "¥92,233,720,368,547,758.07",
    "92,233,720,368,547,758.07 元" },
  /* -G_MININT64 does not fit in a gint64; the formatter must not negate it naively. */
  { G_MININT64, "-92,233,720,368,547,758.08", "-¥92,233,720,368,547,758.08",
    "-92,233,720,368,547,758.08 元" },
  { G_MININT64 + 1, "-92,233,720,368,547,758.07", "-¥92,233,720,368,547,758.07",
    "-92,233,720,368,547,758.07 元" },
};

static void
test_format_money (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (money_cases); i++)
    {
      const MoneyCase *c = &money_cases[i];
      g_autofree char *yuan = bf_format_yuan (c->fen);
      g_autofree char *money = bf_format_money (c->fen);
      g_autofree char *suffix = bf_format_money_yuan_suffix (c->fen);

      g_test_message ("fen %" G_GINT64_FORMAT, c->fen);
      g_assert_cmpstr (yuan, ==, c->yuan);
      g_assert_cmpstr (money, ==, c->money);
      g_assert_cmpstr (suffix, ==, c->suffix);
    }
}

/* Every power of ten puts the commas in a different place. */
static void
test_format_yuan_grouping (void)
{
  static const char *const expected[] = {
    "0.01", "0.10", "1.00", "10.00", "100.00", "1,000.00", "10,000.00", "100,000.00",
    "1,000,000.00", "10,000,000.00", "100,000,000.00", "1,000,000,000.00",
  };
  gint64 fen = 1;

  for (gsize i = 0; i < G_N_ELEMENTS (expected); i++, fen *= 10)
    {
      g_autofree char *yuan = bf_format_yuan (fen);

      g_assert_cmpstr (yuan, ==, expected[i]);
    }
}

typedef struct {
  guint       year;
  guint       month;
  guint       day;
  const char *iso;
  const char *zh;
} DateCase;

static const DateCase date_cases[] = {
  { 2017, 3, 5, "2017-03-05", "2017年3月5日" },
  { 2016, 1, 1, "2016-01-01", "2016年1月1日" },
  { 2016, 2, 29, "2016-02-29", "2016年2月29日" },
  { 2018, 12, 31, "2018-12-31", "2018年12月31日" },
  { 2016, 10, 10, "2016-10-10", "2016年10月10日" },
  { 1949, 10, 1, "1949-10-01", "1949年10月1日" },
  { 1, 1, 1, "0001-01-01", "1年1月1日" },
  { 999, 9, 9, "0999-09-09", "999年9月9日" },
};

static void
test_format_dates (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (date_cases); i++)
    {
      const DateCase *c = &date_cases[i];
      GDate date;
      g_autofree char *iso = NULL;
      g_autofree char *zh = NULL;
      g_autofree char *zh_from_iso = NULL;

      g_date_clear (&date, 1);
      g_date_set_dmy (&date, (GDateDay) c->day, (GDateMonth) c->month, (GDateYear) c->year);

      iso = bf_format_iso_date (&date);
      zh = bf_format_date_zh (&date);
      zh_from_iso = bf_format_iso_date_zh (c->iso);

      g_assert_cmpstr (iso, ==, c->iso);
      g_assert_cmpstr (zh, ==, c->zh);
      g_assert_cmpstr (zh_from_iso, ==, c->zh);
    }
}

static void
test_format_iso_date_zh_invalid (void)
{
  static const char *const invalid[] = {
    "",
    "2017-3-5",        /* not zero-padded */
    "2017-02-29",      /* not a leap year */
    "2017-02-30",
    "2017-13-01",
    "2017-00-10",
    "2017-04-31",
    "0000-01-01",      /* GDate has no year 0 */
    "2017/03/05",
    "20170305",
    "2017-03-05 ",
    " 2017-03-05",
    "2017-03-05T00:00",
    "abcd-ef-gh",
    "２０１７-03-05",
  };

  for (gsize i = 0; i < G_N_ELEMENTS (invalid); i++)
    {
      g_autofree char *zh = bf_format_iso_date_zh (invalid[i]);

      g_test_message ("'%s'", invalid[i]);
      g_assert_null (zh);
    }

  g_assert_null (bf_format_iso_date_zh (NULL));
}

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/format/money", test_format_money);
  g_test_add_func ("/format/yuan-grouping", test_format_yuan_grouping);
  g_test_add_func ("/format/dates", test_format_dates);
  g_test_add_func ("/format/iso-date-zh-invalid", test_format_iso_date_zh_invalid);

  return g_test_run ();
}
