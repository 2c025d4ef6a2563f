/* test-validate.c: ID numbers, money, dates and phone numbers as people really type them.
 *
 * The expected check characters below were computed independently of bf-validate.c
 * (by hand-checked script), so a wrong weight or table in the code cannot make its own
 * test pass.
 */
#include <string.h>

#include <glib.h>

#include "bf-format.h"
#include "bf-validate.h"

/* Every test pretends it is 30 June 2017, in the middle of the campaign, so that the
 * "birth date in the future" cases do not depend on the machine's clock. */
static void
get_fixed_today (GDate *today)
{
  g_date_clear (today, 1);
  g_date_set_dmy (today, 30, G_DATE_JUNE, 2017);
}

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
/* ID numbers                                                                           */

typedef struct {
  const char *digits17;
  char        check;
} CheckCase;

static const CheckCase check_cases[] = {
  /* The example of GB 11643-1999 itself. */
  { "11010519491231002", 'X' },
  { "44052418800101001", '4' },
  { "44180219800101123", '4' },
  { "44180219850228622", '8' },
  { "44180219750815108", 'X' },
  { "44180219750815102", '0' },
  { "81000019900101003", '5' },
  { "82000019900101001", '0' },
  { "00000000000000000", '1' },
  /* The 17-character prefix of a longer string: only 17 digits are read. */
  { "4418021980010112345", '4' },
};

static void
test_id_check_char (void)
{
  for (gsize i = 0; i < G_N_ELEMENTS (check_cases); i++)
    g_assert_cmpint (bf_id_number_check_char (check_cases[i].digits17), ==, check_cases[i].check);
}

/* Every possible check value 0..10 must map to the right character; walking the last
 * digit of one prefix through 0..9 with weight 2 visits ten of the eleven residues. */
static void
test_id_check_char_all_residues (void)
{
  /* 4418021980010112d: the last digit has weight 2. Computed with the published table. */
  static const char expected[] = "X864209753";
  char digits[18] = "4418021980010112?";

  for (int d = 0; d <= 9; d++)
    {
      digits[16] = (char) ('0' + d);
      g_assert_cmpint (bf_id_number_check_char (digits), ==, expected[d]);
    }
}

typedef struct {
  const char *input;
  const char *canonical;
  const char *area;
  guint       year;
  guint       month;
  guint       day;
  gboolean    male;
} ValidIdCase;

static const ValidIdCase valid_id_cases[] = {
  { "11010519491231002X", "11010519491231002X", "110105", 1949, 12, 31, FALSE },
  /* A lower-case x, as on most phone keyboards. */
  { "11010519491231002x", "11010519491231002X", "110105", 1949, 12, 31, FALSE },
  /* Qingcheng district, 441802. */
  { "441802198001011234", "441802198001011234", "441802", 1980, 1, 1, TRUE },
  { "441802198502286228", "441802198502286228", "441802", 1985, 2, 28, FALSE },
  { "44180219750815108X", "44180219750815108X", "441802", 1975, 8, 15, FALSE },
  { "44180219750815108x", "44180219750815108X", "441802", 1975, 8, 15, FALSE },
  { "441802197508151020", "441802197508151020", "441802", 1975, 8, 15, FALSE },
  /* Surrounding spaces, and spaces between the groups as printed on some forms. */
  { "  441802198001011234  ", "441802198001011234", "441802", 1980, 1, 1, TRUE },
  { "441802 19800101 1234", "441802198001011234", "441802", 1980, 1, 1, TRUE },
  { "441802 1980 0101 123 4", "441802198001011234", "441802", 1980, 1, 1, TRUE },
  { "\t441802198001011234\n", "441802198001011234", "441802", 1980, 1, 1, TRUE },
  /* A Chinese input method in full-width mode: digits, X and the ideographic space. */
  { "４４１８０２１９８００１０１１２３４", "441802198001011234", "441802", 1980, 1, 1, TRUE },
  { "１１０１０５１９４９１２３１００２Ｘ", "11010519491231002X", "110105", 1949, 12, 31, FALSE },
  { "１１０１０５１９４９１２３１００２ｘ", "11010519491231002X", "110105", 1949, 12, 31, FALSE },
  { "441802\u300019800101\u30001234", "441802198001011234", "441802", 1980, 1, 1, TRUE },
  { "\u3000４４１８０２ 19800101 123４\u3000", "441802198001011234", "441802", 1980, 1, 1, TRUE },
  /* A leap day, and the boundaries of the birth-date range. */
  { "441802200002290044", "441802200002290044", "441802", 2000, 2, 29, FALSE },
  { "441802190001010059", "441802190001010059", "441802", 1900, 1, 1, TRUE },
  { "441802201706300081", "441802201706300081", "441802", 2017, 6, 30, FALSE },
  /* Hong Kong, Macao and Taiwan residence permits use the same format. */
  { "810000199001010035", "810000199001010035", "810000", 1990, 1, 1, TRUE },
  { "820000199001010010", "820000199001010010", "820000", 1990, 1, 1, TRUE },
  { "710000199001010023", "710000199001010023", "710000", 1990, 1, 1, FALSE },
  /* The edges of the province-code ranges. */
  { "650101198001011238", "650101198001011238", "650101", 1980, 1, 1, TRUE },
  { "460100198001011244", "460100198001011244", "460100", 1980, 1, 1, FALSE },
  { "110101198001011232", "110101198001011232", "110101", 1980, 1, 1, TRUE },
};

static void
test_id_valid (void)
{
  GDate today;

  get_fixed_today (&today);

  for (gsize i = 0; i < G_N_ELEMENTS (valid_id_cases); i++)
    {
      const ValidIdCase *c = &valid_id_cases[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *canonical = NULL;
      g_autofree char *without_info = NULL;
      BfIdInfo info;

      g_test_message ("valid ID case %" G_GSIZE_FORMAT, i);
      memset (&info, 0xAA, sizeof info);

      canonical = bf_id_number_normalize (c->input, &today, &info, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (canonical, ==, c->canonical);
      g_assert_cmpstr (info.area, ==, c->area);
      g_assert_true (g_date_valid (&info.birth));
      g_assert_cmpuint (g_date_get_year (&info.birth), ==, c->year);
      g_assert_cmpuint (g_date_get_month (&info.birth), ==, c->month);
      g_assert_cmpuint (g_date_get_day (&info.birth), ==, c->day);
      g_assert_cmpint (!!info.male, ==, !!c->male);

      /* @info is optional. */
      without_info = bf_id_number_normalize (c->input, &today, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (without_info, ==, c->canonical);
    }
}

/* Numbers built from a prefix with the library's own check character round-trip. */
static void
test_id_built (void)
{
  static const char *const prefixes[] = {
    "44180219800101123", "44180219500615001", "44180220100101002",
    "11010519491231002", "44180219750815108", "53010219991231999",
  };
  GDate today;

  get_fixed_today (&today);

  for (gsize i = 0; i < G_N_ELEMENTS (prefixes); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *id = g_strdup_printf ("%s%c", prefixes[i],
                                            bf_id_number_check_char (prefixes[i]));
      g_autofree char *lower = g_ascii_strdown (id, -1);
      g_autofree char *canonical = NULL;
      g_autofree char *from_lower = NULL;

      canonical = bf_id_number_normalize (id, &today, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (canonical, ==, id);

      from_lower = bf_id_number_normalize (lower, &today, NULL, &error);
      g_assert_no_error (error);
      g_assert_cmpstr (from_lower, ==, id);
    }
}

/* Without a date, the real today bounds the birth date. */
static void
test_id_real_today (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *canonical = NULL;
  g_autofree char *future = NULL;

  canonical = bf_id_number_normalize ("441802198001011234", NULL, NULL, &error);
  g_assert_no_error (error);
  g_assert_cmpstr (canonical, ==, "441802198001011234");

  /* Born on 1 January 9999: in the future for a long while yet. */
  future = bf_id_number_normalize ("441802999901011236", NULL, NULL, &error);
  g_assert_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_BIRTH_DATE);
  g_assert_null (future);
}

typedef struct {
  const char *input;
  int         code;
  const char *contains;      /* the value as typed, trimmed */
  const char *contains_too;  /* the hint the message must give */
} BadIdCase;

static const BadIdCase bad_id_cases[] = {
  { "", BF_VALIDATE_ERROR_EMPTY, "ID number", NULL },
  { "   ", BF_VALIDATE_ERROR_EMPTY, "ID number", NULL },
  { "\u3000 \u3000", BF_VALIDATE_ERROR_EMPTY, "ID number", NULL },

  /* A first-generation 15-digit card number. */
  { "441802800101123", BF_VALIDATE_ERROR_OLD_ID, "441802800101123", "18-digit" },
  { " 441802 800101 123 ", BF_VALIDATE_ERROR_OLD_ID, "441802 800101 123", "second-generation" },
  { "４４１８０２８００１０１１２３", BF_VALIDATE_ERROR_OLD_ID, "４４１８０２８００１０１１２３", "15-digit" },

  /* Wrong length: one digit forgotten, one too many, far too short. */
  { "44180219800101123", BF_VALIDATE_ERROR_FORMAT, "44180219800101123", "17 characters" },
  { "4418021980010112344", BF_VALIDATE_ERROR_FORMAT, "4418021980010112344", "19 characters" },
  { "1", BF_VALIDATE_ERROR_FORMAT, "“1”", "1 character;" },
  { "44180219800101123X", BF_VALIDATE_ERROR_CHECK_DIGIT, "44180219800101123X", "should be 4" },
  { "4418021980010112X", BF_VALIDATE_ERROR_FORMAT, "4418021980010112X", "17 characters" },
  /* 15 characters but not all digits is a typo, not an old card. */
  { "44180280010112X", BF_VALIDATE_ERROR_FORMAT, "44180280010112X", "15 characters" },

  /* The letter O for a zero, in either case and width. */
  { "4418O2198001011234", BF_VALIDATE_ERROR_FORMAT, "4418O2198001011234", "position 5" },
  { "4418021980o1011234", BF_VALIDATE_ERROR_FORMAT, "4418021980o1011234", "letter O at position 11" },
  { "441802198001011234O", BF_VALIDATE_ERROR_FORMAT, "441802198001011234O", "19 characters" },
  /* An X anywhere but last. */
  { "44180219800101X234", BF_VALIDATE_ERROR_FORMAT, "44180219800101X234", "X at position 15" },
  { "x41802198001011234", BF_VALIDATE_ERROR_FORMAT, "x41802198001011234", "X at position 1" },
  /* Other stray characters. */
  { "441802-19800101-1234", BF_VALIDATE_ERROR_FORMAT, "441802-19800101-1234", "20 characters" },
  { "4418021980010112３Y", BF_VALIDATE_ERROR_FORMAT, "4418021980010112３Y", "“Y” at position 18" },
  { "44180219800101一234", BF_VALIDATE_ERROR_FORMAT, "44180219800101一234", "“一” at position 15" },

  /* Area codes that are no province. */
  { "991802198001011231", BF_VALIDATE_ERROR_AREA, "991802198001011231", "starts with 99" },
  { "001802198001011232", BF_VALIDATE_ERROR_AREA, "001802198001011232", "starts with 00" },
  { "161802198001011237", BF_VALIDATE_ERROR_AREA, "161802198001011237", "starts with 16" },
  { "721802198001011231", BF_VALIDATE_ERROR_AREA, "721802198001011231", "starts with 72" },
  /* The area is checked before the birth date. */
  { "991802198002301230", BF_VALIDATE_ERROR_AREA, "991802198002301230", "starts with 99" },

  /* Birth dates: no 30 February, not after today, not before 1900. */
  { "441802198002301233", BF_VALIDATE_ERROR_BIRTH_DATE, "441802198002301233", "1980-02-30" },
  { "441802198013011234", BF_VALIDATE_ERROR_BIRTH_DATE, "441802198013011234", "1980-13-01" },
  { "441802198000001234", BF_VALIDATE_ERROR_BIRTH_DATE, "441802198000001234", "1980-00-00" },
  { "441802201707011230", BF_VALIDATE_ERROR_BIRTH_DATE, "441802201707011230", "future" },
  { "441802185001011231", BF_VALIDATE_ERROR_BIRTH_DATE, "441802185001011231", "1850-01-01" },
  { "441802189912311233", BF_VALIDATE_ERROR_BIRTH_DATE, "441802189912311233", "before 1900" },
  /* The birth date is checked before the check digit. */
  { "441802198002301234", BF_VALIDATE_ERROR_BIRTH_DATE, "441802198002301234", "1980-02-30" },

  /* Check digit: adjacent digits transposed, one digit mistyped, the last one wrong. */
  { "441802198001012134", BF_VALIDATE_ERROR_CHECK_DIGIT, "441802198001012134", "should be 0" },
  { "441802190801011234", BF_VALIDATE_ERROR_CHECK_DIGIT, "441802190801011234", "should be 6" },
  { "448102198001011234", BF_VALIDATE_ERROR_CHECK_DIGIT, "448102198001011234", "should be 2" },
  { "441803198001011234", BF_VALIDATE_ERROR_CHECK_DIGIT, "441803198001011234", "should be 0" },
  { "441802198001011235", BF_VALIDATE_ERROR_CHECK_DIGIT, "441802198001011235", "should be 4" },
  { "110105194912310021", BF_VALIDATE_ERROR_CHECK_DIGIT, "110105194912310021", "should be X" },
  { "441802 19800101 1235 ", BF_VALIDATE_ERROR_CHECK_DIGIT, "441802 19800101 1235", "should be 4" },
};

static void
test_id_invalid (void)
{
  GDate today;

  get_fixed_today (&today);

  for (gsize i = 0; i < G_N_ELEMENTS (bad_id_cases); i++)
    {
      const BadIdCase *c = &bad_id_cases[i];
      g_autoptr(GError) error = NULL;
      g_autofree char *canonical = NULL;
      BfIdInfo info;

      g_test_message ("bad ID case %" G_GSIZE_FORMAT, i);
      canonical = bf_id_number_normalize (c->input, &today, &info, &error);
      g_assert_null (canonical);
      g_assert_error (error, BF_VALIDATE_ERROR, c->code);
      assert_message_contains (error, c->contains);
      assert_message_contains (error, c->contains_too);
    }
}

/* The wording matters to the cadres: pin the whole message for the common cases. */
static void
test_id_messages (void)
{
  static const struct {
    const char *input;
    const char *message;
  } cases[] = {
    { "441802800101123",
      "ID number: “441802800101123” is a 15-digit first-generation ID number, which is no "
      "longer accepted; enter the 18-digit number from the second-generation card" },
    { "44180219800101123",
      "ID number: “44180219800101123” has 17 characters; an ID number has 18" },
    { "441802198001012134",
      "ID number: “441802198001012134” has a wrong check digit; compare every digit with "
      "the card: if the first 17 are right, the last character should be 0" },
    { "44180219800101O234",
      "ID number: “44180219800101O234” has the letter O at position 15; ID numbers contain "
      "only digits, so type the digit 0 there" },
    { "441802198002301233",
      "ID number: “441802198002301233” contains the birth date 1980-02-30, which does not exist" },
    { "991802198001011231",
      "ID number: “991802198001011231” starts with 99, which is not the code of any "
      "province, region or municipality" },
    { NULL, "ID number: nothing was entered" },
  };
  GDate today;

  get_fixed_today (&today);

  for (gsize i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *canonical = bf_id_number_normalize (cases[i].input, &today, NULL, &error);

      g_assert_null (canonical);
      g_assert_nonnull (error);
      g_assert_cmpstr (error->message, ==, cases[i].message);
    }
}

/* Bytes that are not UTF-8 are refused, and the message is still valid UTF-8. */
static void
test_id_invalid_utf8 (void)
{
  g_autoptr(GError) error = NULL;
  g_autofree char *canonical = NULL;
  GDate today;

  get_fixed_today (&today);
  canonical = bf_id_number_normalize ("44180219800101123\xff", &today, NULL, &error);
  g_assert_null (canonical);
  g_assert_error (error, BF_VALIDATE_ERROR, BF_VALIDATE_ERROR_FORMAT);
  g_assert_true (g_utf8_validate (error->message, -1, NULL));
  assert_message_contains (error, "44180219800101123");
}

/* Every adjacent transposition of distinct digits in a valid number is caught: that is
 * what the MOD 11-2 check is for, and the commonest copying mistake. */
static void
test_id_every_transposition (void)
{
  const char *valid = "441802198001011234";
  GDate today;
  guint caught = 0;

  get_fixed_today (&today);

  for (int i = 0; i < 16; i++)
    {
      g_autoptr(GError) error = NULL;
      g_autofree char *swapped = g_strdup (valid);
      g_autofree char *canonical = NULL;
      char tmp;

      if (swapped[i] == swapped[i + 1])
        continue;
      tmp = swapped[i];
      swapped[i] = swapped[i + 1];
      swapped[i + 1] = tmp;

      canonical = bf_id_number_normalize (swapped, &today, NULL, &error);
      g_assert_null (canonical);
      g_assert_nonnull (error);
      g_assert_true (error->domain == BF_VALIDATE_ERROR);
      /* Swaps in the area or date may trip an earlier check; all others, the check digit. */
      if (error->code == BF_VALIDATE_ERROR_CHECK_DIGIT)
        caught++;
      else
        g_assert_true (error->code == BF_VALIDATE_ERROR_AREA ||
                       error->code == BF_VALIDATE_ERROR_BIRTH_DATE);
    }

  g_assert_cmpuint (caught, >=, 8);
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

int
main (int   argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/validate/id/check-char", test_id_check_char);
  g_test_add_func ("/validate/id/check-char-residues", test_id_check_char_all_residues);
  g_test_add_func ("/validate/id/valid", test_id_valid);
  g_test_add_func ("/validate/id/built", test_id_built);
  g_test_add_func ("/validate/id/real-today", test_id_real_today);
  g_test_add_func ("/validate/id/invalid", test_id_invalid);
  g_test_add_func ("/validate/id/messages", test_id_messages);
  g_test_add_func ("/validate/id/invalid-utf8", test_id_invalid_utf8);
  g_test_add_func ("/validate/id/every-transposition", test_id_every_transposition);
  g_test_add_func ("/validate/money/valid", test_money_valid);
  g_test_add_func ("/validate/money/invalid", test_money_invalid);
  g_test_add_func ("/validate/money/messages", test_money_messages);
  g_test_add_func ("/validate/money/round-trip", test_money_round_trip);
  g_test_add_func ("/validate/money/fen", test_money_fen);
  g_test_add_func ("/validate/date/parse", test_date_parse);
  g_test_add_func ("/validate/date/messages", test_date_messages);
  g_test_add_func ("/validate/date/between", test_date_between);
  g_test_add_func ("/validate/date/today", test_date_today);
  g_test_add_func ("/validate/date/today-other-zone", test_date_today_other_zone);
  g_test_add_func ("/validate/phone/normalize", test_phone);
  g_test_add_func ("/validate/phone/message", test_phone_message);

  return g_test_run ();
}
