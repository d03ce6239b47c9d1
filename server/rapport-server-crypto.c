/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-server-crypto.c: random secrets and password hashes.
 *
 * Every secret comes from getrandom(), never from GRand, whose output can
 * be predicted from a few samples. Passwords are kept only as salted
 * yescrypt hashes (libxcrypt), and tokens only as their SHA-256, so that a
 * copy of the database gives away neither. */
#define G_LOG_DOMAIN "rapport-server"

#include "config.h"

#include <crypt.h>
#include <errno.h>
#include <stdlib.h>
#include <string.h>
#include <sys/random.h>

#include "rapport-server-crypto.h"

/* Without randomness no secret can be made safely, so there is nothing
 * sensible to fall back to. */
void
rapport_server_random_bytes (guint8 *buffer,
                             gsize length)
{
  gsize done = 0;

  while (done < length)
    {
      ssize_t n = getrandom (buffer + done, length - done, 0);

      if (n < 0 && errno == EINTR)
        continue;
      if (n < 0)
        g_error ("Cannot read random bytes: %s", g_strerror (errno));
      done += (gsize) n;
    }
}

/* URL-safe base64 without padding, so a token needs no escaping in a
 * header, a URL or a keyring attribute. */
char *
rapport_server_token_new (void)
{
  guint8 bytes[RAPPORT_SERVER_TOKEN_BYTES];
  g_autofree char *b64 = NULL;
  GString *token;

  rapport_server_random_bytes (bytes, sizeof bytes);
  b64 = g_base64_encode (bytes, sizeof bytes);
  token = g_string_new (NULL);
  for (const char *p = b64; *p != '\0' && *p != '='; p++)
    g_string_append_c (token, *p == '+' ? '-' : *p == '/' ? '_'
                                                          : *p);
  memset (bytes, 0, sizeof bytes);
  return g_string_free (token, FALSE);
}

char *
rapport_server_token_hash (const char *token)
{
  return g_compute_checksum_for_string (G_CHECKSUM_SHA256, token, -1);
}

char *
rapport_server_device_id_new (void)
{
  guint8 bytes[8];
  GString *id = g_string_new ("d-");

  rapport_server_random_bytes (bytes, sizeof bytes);
  for (guint i = 0; i < sizeof bytes; i++)
    g_string_append_printf (id, "%02x", bytes[i]);
  return g_string_free (id, FALSE);
}

/* No 0/O, 1/I/L or U, so that a code read aloud or copied by hand from a
 * phone survives. 30 symbols, 12 of them: about 59 bits. */
static const char code_alphabet[] = "23456789ABCDEFGHJKMNPQRSTVWXYZ";

char *
rapport_server_invitation_code_new (void)
{
  guint8 bytes[12];
  GString *code = g_string_new (NULL);
  const guint n = sizeof code_alphabet - 1;

  for (guint i = 0; i < sizeof bytes; i++)
    {
      /* Rejection sampling keeps every symbol equally likely. */
      do
        rapport_server_random_bytes (&bytes[i], 1);
      while (bytes[i] >= 256 - (256 % n));
      if (i > 0 && i % 4 == 0)
        g_string_append_c (code, '-');
      g_string_append_c (code, code_alphabet[bytes[i] % n]);
    }
  return g_string_free (code, FALSE);
}

/* People type codes in lower case, without the dashes or with spaces:
 * all of those name the same code. Returns NULL for anything that cannot
 * be a code. */
char *
rapport_server_invitation_code_normalize (const char *code)
{
  GString *out;
  guint n = 0;

  if (code == NULL)
    return NULL;
  out = g_string_new (NULL);
  for (const char *p = code; *p != '\0'; p++)
    {
      char c = g_ascii_toupper (*p);

      if (c == '-' || c == ' ')
        continue;
      if (strchr (code_alphabet, c) == NULL || n == 12)
        {
          g_string_free (out, TRUE);
          return NULL;
        }
      if (n > 0 && n % 4 == 0)
        g_string_append_c (out, '-');
      g_string_append_c (out, c);
      n++;
    }
  if (n != 12)
    {
      g_string_free (out, TRUE);
      return NULL;
    }
  return g_string_free (out, FALSE);
}

char *
rapport_server_password_hash (const char *password,
                              GError **error)
{
  g_autofree struct crypt_data *data = g_new0 (struct crypt_data, 1);
  char *setting;
  const char *hashed;
  char *result = NULL;

  setting = crypt_gensalt_ra ("$y$", 0, NULL, 0);
  if (setting == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   "Cannot make a password salt: %s", g_strerror (errno));
      return NULL;
    }
  hashed = crypt_rn (password, setting, data, sizeof *data);
  if (hashed == NULL || hashed[0] == '*')
    g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                 "Cannot hash the password: %s", g_strerror (errno));
  else
    result = g_strdup (hashed);
  free (setting);
  explicit_bzero (data, sizeof *data);
  return result;
}

/* Compares every byte whatever the first difference, so that the time
 * taken says nothing about how much of a hash matched. */
static gboolean
equal_in_constant_time (const char *a,
                        const char *b)
{
  gsize la = strlen (a), lb = strlen (b);
  guint8 diff = la != lb;

  for (gsize i = 0; i < la; i++)
    diff |= (guint8) a[i] ^ (guint8) b[i % (lb ? lb : 1)];
  return diff == 0;
}

gboolean
rapport_server_password_verify (const char *password,
                                const char *hash)
{
  g_autofree struct crypt_data *data = g_new0 (struct crypt_data, 1);
  const char *hashed;
  gboolean ok;

  if (password == NULL || hash == NULL)
    return FALSE;
  hashed = crypt_rn (password, hash, data, sizeof *data);
  ok = hashed != NULL && hashed[0] != '*' && equal_in_constant_time (hashed, hash);
  explicit_bzero (data, sizeof *data);
  return ok;
}

gboolean
rapport_server_user_name_is_valid (const char *name)
{
  gsize len;

  if (name == NULL)
    return FALSE;
  len = strlen (name);
  if (len < 1 || len > 64)
    return FALSE;
  for (const char *p = name; *p != '\0'; p++)
    if (!g_ascii_isalnum (*p) && *p != '.' && *p != '_' && *p != '-')
      return FALSE;
  return TRUE;
}

gboolean
rapport_server_password_is_acceptable (const char *password,
                                       const char **why)
{
  gsize len = password ? strlen (password) : 0;

  if (len < 8)
    {
      *why = "The password is too short: it needs at least 8 characters.";
      return FALSE;
    }
  if (len > 1024)
    {
      *why = "The password is too long: at most 1024 bytes.";
      return FALSE;
    }
  return TRUE;
}
