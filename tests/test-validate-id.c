/* test-validate-id.c: resident ID numbers as people really type them.
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
  return g_test_run ();
}
