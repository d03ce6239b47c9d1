/* SPDX-License-Identifier: GPL-3.0-or-later */
/* test-links.c: the addresses a contact's details open with: schemes,
 * escaping, and the values that make no address. */
#define G_LOG_DOMAIN "test-links"

#include "config.h"

#include "rapport-links.h"

static void
assert_uri (RapportLinkKind kind,
            const char *value,
            const char *expected)
{
  g_autofree char *uri = rapport_link_uri (kind, value);

  g_assert_cmpstr (uri, ==, expected);
  if (uri != NULL)
    g_assert_true (g_uri_is_valid (uri, G_URI_FLAGS_NONE, NULL));
}

static void
test_email (void)
{
  assert_uri (RAPPORT_LINK_EMAIL, "zoe@nordlys.example", "mailto:zoe@nordlys.example");
  assert_uri (RAPPORT_LINK_EMAIL, "  zoe@nordlys.example\n", "mailto:zoe@nordlys.example");
  assert_uri (RAPPORT_LINK_EMAIL, "first.last+events@acme.example", "mailto:first.last+events@acme.example");
  /* Already an address: not mailto:mailto:. */
  assert_uri (RAPPORT_LINK_EMAIL, "MAILTO:zoe@nordlys.example", "mailto:zoe@nordlys.example");
  /* Nothing in the value adds a header or a recipient. */
  assert_uri (RAPPORT_LINK_EMAIL, "zoe@nordlys.example?bcc=spy@evil.example",
              "mailto:zoe@nordlys.example%3Fbcc%3Dspy@evil.example");
  assert_uri (RAPPORT_LINK_EMAIL, "a@b.example,c@d.example", "mailto:a@b.example%2Cc@d.example");
  assert_uri (RAPPORT_LINK_EMAIL, "zoe@nordlys.example#x", "mailto:zoe@nordlys.example%23x");
  /* Non-ASCII as UTF-8 bytes (RFC 6068). */
  assert_uri (RAPPORT_LINK_EMAIL, "zoë@ångström.example", "mailto:zo%C3%AB@%C3%A5ngstr%C3%B6m.example");
  assert_uri (RAPPORT_LINK_EMAIL, "100%@x.example", "mailto:100%25@x.example");

  assert_uri (RAPPORT_LINK_EMAIL, "not an address", NULL);
  assert_uri (RAPPORT_LINK_EMAIL, "", NULL);
  assert_uri (RAPPORT_LINK_EMAIL, "   ", NULL);
  assert_uri (RAPPORT_LINK_EMAIL, NULL, NULL);
}

static void
test_phone (void)
{
  assert_uri (RAPPORT_LINK_PHONE, "+32 2 555 01 23", "tel:+3225550123");
  /* No-break, thin and narrow no-break spaces, tabs, as copied numbers have. */
  assert_uri (RAPPORT_LINK_PHONE, "+33\u00a01\u200955\u202f55\t01 23", "tel:+33155550123");
  assert_uri (RAPPORT_LINK_PHONE, "(555) 010-4477", "tel:(555)010-4477");
  assert_uri (RAPPORT_LINK_PHONE, "555.010.4477", "tel:555.010.4477");
  assert_uri (RAPPORT_LINK_PHONE, "tel:+1 555 0100", "tel:+15550100");
  /* "#" would start a fragment, "/" a path. */
  assert_uri (RAPPORT_LINK_PHONE, "*31#555", "tel:*31%23555");
  assert_uri (RAPPORT_LINK_PHONE, "555/0100", "tel:555%2F0100");

  assert_uri (RAPPORT_LINK_PHONE, "ask reception", NULL);
  assert_uri (RAPPORT_LINK_PHONE, " ", NULL);
}

static void
test_web (void)
{
  assert_uri (RAPPORT_LINK_WEBSITE, "www.acme.example", "https://www.acme.example");
  assert_uri (RAPPORT_LINK_WEBSITE, "acme.example/team?lang=en#zoe", "https://acme.example/team?lang=en#zoe");
  assert_uri (RAPPORT_LINK_WEBSITE, "https://acme.example/", "https://acme.example/");
  assert_uri (RAPPORT_LINK_WEBSITE, "HTTP://acme.example", "http://acme.example");
  assert_uri (RAPPORT_LINK_WEBSITE, "//acme.example/x", "https://acme.example/x");
  assert_uri (RAPPORT_LINK_WEBSITE, "acme.example:8080/shop", "https://acme.example:8080/shop");
  /* Spaces and non-ASCII in the path are escaped, escapes kept. */
  assert_uri (RAPPORT_LINK_WEBSITE, "acme.example/our team", "https://acme.example/our%20team");
  assert_uri (RAPPORT_LINK_WEBSITE, "acme.example/caf%C3%A9", "https://acme.example/caf%C3%A9");
  assert_uri (RAPPORT_LINK_WEBSITE, "acme.example/café", "https://acme.example/caf%C3%A9");
  assert_uri (RAPPORT_LINK_WEBSITE, "acme.example/100%", "https://acme.example/100%25");
  /* A host in another script, in its ASCII form. */
  assert_uri (RAPPORT_LINK_WEBSITE, "bücher.example", "https://xn--bcher-kva.example");
  /* Other schemes are never passed on to another app. */
  assert_uri (RAPPORT_LINK_WEBSITE, "file:///etc/passwd", NULL);
  assert_uri (RAPPORT_LINK_WEBSITE, "javascript:alert(1)", NULL);
  assert_uri (RAPPORT_LINK_WEBSITE, "mailto:zoe@nordlys.example", NULL);
  assert_uri (RAPPORT_LINK_LINKEDIN, "ftp://linkedin.example/in/zoe", NULL);

  assert_uri (RAPPORT_LINK_WEBSITE, "https://", NULL);
  assert_uri (RAPPORT_LINK_WEBSITE, "", NULL);
}

static void
test_linkedin (void)
{
  assert_uri (RAPPORT_LINK_LINKEDIN, "linkedin.com/in/zoe-angstrom", "https://linkedin.com/in/zoe-angstrom");
  assert_uri (RAPPORT_LINK_LINKEDIN, "https://www.linkedin.com/in/zoe-angstrom/",
              "https://www.linkedin.com/in/zoe-angstrom/");
  /* A profile name alone. */
  assert_uri (RAPPORT_LINK_LINKEDIN, "zoe-angstrom", "https://www.linkedin.com/in/zoe-angstrom");
  assert_uri (RAPPORT_LINK_LINKEDIN, "@zoe-angstrom", "https://www.linkedin.com/in/zoe-angstrom");
  assert_uri (RAPPORT_LINK_LINKEDIN, "zoë ångström", "https://www.linkedin.com/in/zo%C3%AB%20%C3%A5ngstr%C3%B6m");
}

static void
test_place (void)
{
  g_autofree char *web = NULL;

  assert_uri (RAPPORT_LINK_PLACE, "Brussels", "maps:q=Brussels");
  assert_uri (RAPPORT_LINK_PLACE, "  São Paulo ", "maps:q=S%C3%A3o%20Paulo");
  /* Nothing in the place ends the query or adds to it. */
  assert_uri (RAPPORT_LINK_PLACE, "12 Rue de la Paix, Paris & co?x=1#y",
              "maps:q=12%20Rue%20de%20la%20Paix%2C%20Paris%20%26%20co%3Fx%3D1%23y");
  assert_uri (RAPPORT_LINK_PLACE, "", NULL);

  web = rapport_link_map_web_uri ("São Paulo & Rio");
  g_assert_cmpstr (web, ==, "https://www.openstreetmap.org/search?query=S%C3%A3o%20Paulo%20%26%20Rio");
  g_assert_null (rapport_link_map_web_uri (" "));
  g_assert_null (rapport_link_map_web_uri (NULL));
}

/* A value that is not valid UTF-8 (from an old import) still gives a
 * valid address or none, never a broken one. */
static void
test_invalid_utf8 (void)
{
  static const char bad[] = "caf\xe9\xff@x.example";
  g_autofree char *email = rapport_link_uri (RAPPORT_LINK_EMAIL, bad);
  g_autofree char *place = rapport_link_uri (RAPPORT_LINK_PLACE, bad);

  g_assert_nonnull (email);
  g_assert_true (g_uri_is_valid (email, G_URI_FLAGS_NONE, NULL));
  g_assert_true (g_str_has_prefix (email, "mailto:caf%EF%BF%BD"));
  g_assert_nonnull (place);
  g_assert_true (g_uri_is_valid (place, G_URI_FLAGS_NONE, NULL));
}

int
main (int argc,
      char *argv[])
{
  g_test_init (&argc, &argv, NULL);

  g_test_add_func ("/rapport/links/email", test_email);
  g_test_add_func ("/rapport/links/phone", test_phone);
  g_test_add_func ("/rapport/links/web", test_web);
  g_test_add_func ("/rapport/links/linkedin", test_linkedin);
  g_test_add_func ("/rapport/links/place", test_place);
  g_test_add_func ("/rapport/links/invalid-utf8", test_invalid_utf8);

  return g_test_run ();
}
