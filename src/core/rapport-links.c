/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-links.c: turning a contact's email, phone, web site, LinkedIn and
 * city into addresses that the desktop's default apps open.
 *
 * A card holds what people typed or what an import brought: "www.acme.com"
 * without a scheme, "+32 2 555 01 23" with spaces, an address with "?" or
 * non-ASCII letters in it. Each becomes a valid URI of its own scheme only,
 * escaped so that nothing in the value can add a recipient to an email,
 * turn a web site into a file: or javascript: address, or break out of a
 * map search. A value that still makes no valid address gives NULL, and the
 * card says so instead of handing a broken address to another app.
 */
#define G_LOG_DOMAIN "rapport-links"

#include "config.h"

#include <string.h>

#include "rapport-links.h"

/* Percent-encodes every byte of @text except ASCII letters, digits and
 * "-._~", the characters in @keep, and, with @keep_escapes, a "%" that
 * already starts an escape. UTF-8 is encoded byte by byte, as RFC 3986
 * asks. */
static void
append_escaped (GString *out,
                const char *text,
                const char *keep,
                gboolean keep_escapes)
{
  for (const guchar *p = (const guchar *) text; *p != '\0'; p++)
    {
      if (g_ascii_isalnum (*p) || strchr ("-._~", *p) != NULL || (*p < 0x80 && strchr (keep, *p) != NULL))
        g_string_append_c (out, (char) *p);
      else if (*p == '%' && keep_escapes && g_ascii_isxdigit (p[1]) && g_ascii_isxdigit (p[2]))
        g_string_append_c (out, '%');
      else
        g_string_append_printf (out, "%%%02X", *p);
    }
}

static gboolean
has_prefix_nocase (const char *text,
                   const char *prefix)
{
  return g_ascii_strncasecmp (text, prefix, strlen (prefix)) == 0;
}

static const char *
skip_prefix_nocase (const char *text,
                    const char *prefix)
{
  return has_prefix_nocase (text, prefix) ? text + strlen (prefix) : text;
}

static char *
checked (GString *uri)
{
  g_autofree char *text = g_string_free (uri, FALSE);

  if (!g_uri_is_valid (text, G_URI_FLAGS_NONE, NULL))
    return NULL;
  return g_steal_pointer (&text);
}

/* RFC 6068: one address, every character that could end it ("?" starts
 * headers, "," adds a recipient) escaped. */
static char *
email_uri (const char *value)
{
  const char *address = skip_prefix_nocase (value, "mailto:");
  GString *uri;

  if (strchr (address, '@') == NULL)
    return NULL;
  uri = g_string_new ("mailto:");
  append_escaped (uri, address, "!$'*+@", FALSE);
  return checked (uri);
}

/* RFC 3966: spaces go (including the no-break and thin spaces that
 * copied numbers carry); "-.()" are visual separators that stay. */
static char *
phone_uri (const char *value)
{
  const char *number = skip_prefix_nocase (value, "tel:");
  g_autoptr(GString) compact = g_string_new (NULL);
  gboolean any_digit = FALSE;
  GString *uri;

  for (const char *p = number; *p != '\0'; p = g_utf8_next_char (p))
    {
      gunichar c = g_utf8_get_char (p);

      if (g_unichar_isspace (c))
        continue;
      any_digit |= g_ascii_isdigit (*p);
      g_string_append_unichar (compact, c);
    }
  if (!any_digit)
    return NULL;
  uri = g_string_new ("tel:");
  append_escaped (uri, compact->str, "+-.()*;=", FALSE);
  return checked (uri);
}

/* Whether @value starts with a scheme, as "file:" or "javascript:" do;
 * "acme.example:8080" is a host and its port. */
static gboolean
has_scheme (const char *value)
{
  const char *scheme = g_uri_peek_scheme (value);
  const char *after;
  gsize digits;

  if (scheme == NULL)
    return FALSE;
  after = value + strlen (scheme) + 1;
  digits = strspn (after, "0123456789");
  return digits == 0 || (after[digits] != '\0' && strchr ("/?#", after[digits]) == NULL);
}

/* http or https only: a value with no scheme gets https, and one with any
 * other scheme makes no web address. A host in another script becomes its
 * ASCII form (IDNA), which every browser reads. */
static char *
web_uri (const char *value)
{
  const char *scheme = "https";
  const char *rest = value;
  const char *end;
  g_autofree char *authority = NULL;
  g_autofree char *ascii = NULL;
  char *port = NULL;
  GString *uri;

  if (has_prefix_nocase (value, "https://"))
    rest = value + strlen ("https://");
  else if (has_prefix_nocase (value, "http://"))
    {
      scheme = "http";
      rest = value + strlen ("http://");
    }
  else if (has_scheme (value))
    return NULL;
  else
    while (*rest == '/')
      rest++;

  end = rest + strcspn (rest, "/?#");
  authority = g_strndup (rest, end - rest);
  if (*authority == '\0')
    return NULL;
  port = strrchr (authority, ':');
  if (port != NULL && port[1] != '\0' && strspn (port + 1, "0123456789") == strlen (port + 1))
    *port++ = '\0';
  else
    port = NULL;
  if (strchr (authority, '@') == NULL)
    ascii = g_hostname_to_ascii (authority);

  uri = g_string_new (scheme);
  g_string_append (uri, "://");
  if (ascii != NULL)
    g_string_append (uri, ascii);
  else
    append_escaped (uri, authority, "!$&'()*+,;=:@", TRUE);
  if (port != NULL)
    g_string_append_printf (uri, ":%s", port);
  append_escaped (uri, end, "!#$&'()*+,;=:@/?", TRUE);
  return checked (uri);
}

/* A profile name alone ("zoe-angstrom") is the end of its address. */
static char *
linkedin_uri (const char *value)
{
  const char *name = value;
  GString *uri;

  if (strpbrk (value, "./:") != NULL)
    return web_uri (value);
  if (*name == '@')
    name++;
  uri = g_string_new ("https://www.linkedin.com/in/");
  append_escaped (uri, name, "", FALSE);
  return checked (uri);
}

static char *
query_uri (const char *prefix,
           const char *text)
{
  GString *uri = g_string_new (prefix);

  append_escaped (uri, text, "", FALSE);
  return checked (uri);
}

/* A copy without the blanks around it, or NULL when nothing is left. */
static char *
trimmed (const char *value)
{
  char *text;

  if (value == NULL)
    return NULL;
  text = g_strstrip (g_utf8_make_valid (value, -1));
  if (*text == '\0')
    g_clear_pointer (&text, g_free);
  return text;
}

/**
 * rapport_link_uri:
 * @kind: what @value is
 * @value: (nullable): the detail as the card holds it
 *
 * The address that opens @value with the desktop's default app for its
 * kind: mailto: for an email, tel: for a phone, http(s) for a web site or
 * LinkedIn profile, and the maps: scheme (GNOME Maps) for a place. See
 * rapport_link_map_web_uri() for a place when no app handles maps:.
 *
 * Returns: (transfer full) (nullable): a valid URI, or %NULL when @value
 *   makes none (empty, an email without "@", a phone without a digit)
 */
char *
rapport_link_uri (RapportLinkKind kind,
                  const char *value)
{
  g_autofree char *text = trimmed (value);

  if (text == NULL)
    return NULL;
  switch (kind)
    {
    case RAPPORT_LINK_EMAIL:
      return email_uri (text);
    case RAPPORT_LINK_PHONE:
      return phone_uri (text);
    case RAPPORT_LINK_WEBSITE:
      return web_uri (text);
    case RAPPORT_LINK_LINKEDIN:
      return linkedin_uri (text);
    case RAPPORT_LINK_PLACE:
      return query_uri ("maps:q=", text);
    default:
      g_return_val_if_reached (NULL);
    }
}

/**
 * rapport_link_map_web_uri:
 * @place: (nullable): a city or an address
 *
 * A search for @place on OpenStreetMap's web site, for a desktop with no
 * maps app: any browser shows it.
 *
 * Returns: (transfer full) (nullable): a valid https URI, or %NULL when
 *   @place is empty
 */
char *
rapport_link_map_web_uri (const char *place)
{
  g_autofree char *text = trimmed (place);

  if (text == NULL)
    return NULL;
  return query_uri ("https://www.openstreetmap.org/search?query=", text);
}
