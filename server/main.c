/* SPDX-License-Identifier: GPL-3.0-or-later */
/* main.c: rapport-server's command line: start serving, or add an
 * account and exit. */
#define G_LOG_DOMAIN "rapport-server"

#include "config.h"

#include <glib-unix.h>
#include <locale.h>
#include <stdio.h>
#include <string.h>
#include <termios.h>
#include <unistd.h>

#include "rapport-server-crypto.h"
#include "rapport-server.h"

#define DAY_MS (G_GINT64_CONSTANT (86400000))

static char *opt_listen = NULL;
static char *opt_data = NULL;
static char *opt_tls_cert = NULL;
static char *opt_tls_key = NULL;
static char *opt_add_user = NULL;
static int opt_rate_limit = 1200;
static int opt_history_days = 180;
static int opt_token_days = 180;
static int opt_token_seconds = 0;
static gint64 opt_max_body = 1024 * 1024;
static gboolean opt_version = FALSE;

static const GOptionEntry entries[] = {
  { "listen", 'l', 0, G_OPTION_ARG_STRING, &opt_listen,
    "Address and port to listen on (default 127.0.0.1:8080; port 0 picks a free one)", "HOST:PORT" },
  { "data", 'd', 0, G_OPTION_ARG_FILENAME, &opt_data,
    "Folder for the server's database, made if missing (required)", "DIR" },
  { "tls-cert", 0, 0, G_OPTION_ARG_FILENAME, &opt_tls_cert,
    "PEM certificate (chain) to serve HTTPS with", "FILE" },
  { "tls-key", 0, 0, G_OPTION_ARG_FILENAME, &opt_tls_key,
    "PEM private key of the certificate", "FILE" },
  { "add-user", 0, 0, G_OPTION_ARG_STRING, &opt_add_user,
    "Create an account, reading its password from standard input, and exit", "NAME" },
  { "rate-limit", 0, 0, G_OPTION_ARG_INT, &opt_rate_limit,
    "Requests per minute allowed per token (default 1200)", "N" },
  { "history-days", 0, 0, G_OPTION_ARG_INT, &opt_history_days,
    "Days to keep tombstones and change history (default 180; 0 prunes them all)", "N" },
  { "token-days", 0, 0, G_OPTION_ARG_INT, &opt_token_days,
    "Days a token may go unused before it expires (default 180)", "N" },
  { "token-seconds", 0, 0, G_OPTION_ARG_INT, &opt_token_seconds,
    "For testing: token lifetime in seconds, instead of --token-days", "N" },
  { "max-body", 0, 0, G_OPTION_ARG_INT64, &opt_max_body,
    "Largest request body accepted, in bytes (default 1048576)", "BYTES" },
  { "version", 0, 0, G_OPTION_ARG_NONE, &opt_version,
    "Print the version and exit", NULL },
  { NULL }
};

static const char description[] =
    "rapport-server keeps the records that Rapport users sync between their\n"
    "computers and share with their huddles, and speaks the protocol described\n"
    "in docs/sync-protocol.md. Everything it keeps is in one SQLite file,\n"
    "DIR/rapport-server.db.\n"
    "\n"
    "Accounts:\n"
    "  An administrator creates accounts with --add-user NAME; the password is\n"
    "  read from standard input, one line. Names have 1 to 64 letters, digits,\n"
    "  '.', '_' or '-'; passwords 8 to 1024 bytes. Huddle members can also\n"
    "  invite people, who then make their own account from the app.\n"
    "\n"
    "Transport:\n"
    "  Without --tls-cert and --tls-key, the server speaks plain HTTP and only\n"
    "  on a loopback address (127.0.0.0/8, ::1, localhost), for a reverse\n"
    "  proxy that terminates TLS or for tests. To listen on any other address\n"
    "  give a certificate and key; the server then speaks HTTPS.\n"
    "\n"
    "Once listening, the server prints one line, 'Listening on URL', to\n"
    "standard output, and then one line per request to standard error:\n"
    "time, method, path, status, user id and duration. It stops cleanly on\n"
    "SIGTERM or SIGINT.\n"
    "\n"
    "Examples:\n"
    "  rapport-server --data /var/lib/rapport --add-user ana\n"
    "  rapport-server --data /var/lib/rapport --listen 127.0.0.1:8080\n"
    "  rapport-server --data /var/lib/rapport --listen 0.0.0.0:8443 \\\n"
    "      --tls-cert /etc/rapport/cert.pem --tls-key /etc/rapport/key.pem\n"
    "\n"
    "Exit status: 0 on success, 1 on any error (said on standard error).";

static int
die (const char *format,
     ...) G_GNUC_PRINTF (1, 2);

static int
die (const char *format,
     ...)
{
  va_list args;
  g_autofree char *message = NULL;

  va_start (args, format);
  message = g_strdup_vprintf (format, args);
  va_end (args);
  g_printerr ("rapport-server: %s\n", message);
  return 1;
}

/* Reads one line from standard input, without echo on a terminal. */
static char *
read_password (const char *name)
{
  struct termios saved, quiet;
  gboolean tty = isatty (STDIN_FILENO);
  char buffer[1100];
  char *line;
  gsize len;

  if (tty)
    {
      g_printerr ("Password for %s: ", name);
      tcgetattr (STDIN_FILENO, &saved);
      quiet = saved;
      quiet.c_lflag &= ~(tcflag_t) ECHO;
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &quiet);
    }
  line = fgets (buffer, sizeof buffer, stdin);
  if (tty)
    {
      tcsetattr (STDIN_FILENO, TCSAFLUSH, &saved);
      g_printerr ("\n");
    }
  if (line == NULL)
    return NULL;
  len = strlen (buffer);
  if (len > 0 && buffer[len - 1] == '\n')
    buffer[--len] = '\0';
  if (len > 0 && buffer[len - 1] == '\r')
    buffer[--len] = '\0';
  line = g_strdup (buffer);
  explicit_bzero (buffer, sizeof buffer);
  return line;
}

static int
add_user (RapportServerStore *store)
{
  g_autofree char *password = NULL;
  g_autofree char *hash = NULL;
  g_auto (RapportServerUser) user = { 0 };
  g_autoptr (GError) error = NULL;
  const char *why = NULL;

  if (!rapport_server_user_name_is_valid (opt_add_user))
    return die ("“%s” cannot be a user name: use 1 to 64 letters, digits, “.”, “_” or “-”.", opt_add_user);
  password = read_password (opt_add_user);
  if (password == NULL)
    return die ("No password on standard input.");
  if (!rapport_server_password_is_acceptable (password, &why))
    return die ("%s", why);
  hash = rapport_server_password_hash (password, &error);
  explicit_bzero (password, strlen (password));
  if (hash == NULL)
    return die ("%s", error->message);
  if (!rapport_server_store_add_user (store, opt_add_user, hash, g_get_real_time () / 1000, &user, &error))
    {
      if (g_error_matches (error, RAPPORT_SERVER_ERROR, RAPPORT_SERVER_ERROR_CONFLICT))
        return die ("The name “%s” is already taken.", opt_add_user);
      return die ("%s", error->message);
    }
  g_print ("Added user %s (id %" G_GINT64_FORMAT ")\n", user.name, user.id);
  return 0;
}

/* "127.0.0.1:8080", "[::1]:8080" or "localhost:8080". */
static GSocketAddress *
parse_listen (const char *text,
              GError **error)
{
  const char *colon = strrchr (text, ':');
  g_autofree char *host = NULL;
  g_autoptr (GInetAddress) address = NULL;
  guint64 port;

  if (colon == NULL || !g_ascii_string_to_unsigned (colon + 1, 10, 0, 65535, &port, NULL))
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "--listen wants HOST:PORT, such as 127.0.0.1:8080, not “%s”", text);
      return NULL;
    }
  host = g_strndup (text, colon - text);
  if (host[0] == '[' && host[strlen (host) - 1] == ']')
    {
      char *inner = g_strndup (host + 1, strlen (host) - 2);

      g_free (host);
      host = inner;
    }
  if (g_ascii_strcasecmp (host, "localhost") == 0)
    address = g_inet_address_new_loopback (G_SOCKET_FAMILY_IPV4);
  else
    address = g_inet_address_new_from_string (host);
  if (address == NULL)
    {
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_INVALID_ARGUMENT,
                   "--listen wants an IP address (or localhost), not “%s”", host);
      return NULL;
    }
  return g_inet_socket_address_new (address, (guint16) port);
}

static gboolean
prune (gpointer data)
{
  RapportServerStore *store = data;
  g_autoptr (GError) error = NULL;

  if (!rapport_server_store_prune (store, g_get_real_time () / 1000, opt_history_days * DAY_MS, &error))
    g_message ("Pruning old history failed: %s", error->message);
  return G_SOURCE_CONTINUE;
}

static gboolean
quit (gpointer data)
{
  g_main_loop_quit (data);
  return G_SOURCE_REMOVE;
}

static int
serve (RapportServerStore *store)
{
  g_autoptr (GSocketAddress) address = NULL;
  g_autoptr (GTlsCertificate) certificate = NULL;
  g_autoptr (RapportServer) server = NULL;
  g_autoptr (GMainLoop) loop = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *url = NULL;
  RapportServerConfig config = { 0 };
  GSList *uris;

  address = parse_listen (opt_listen ? opt_listen : "127.0.0.1:8080", &error);
  if (address == NULL)
    return die ("%s", error->message);

  if ((opt_tls_cert == NULL) != (opt_tls_key == NULL))
    return die ("--tls-cert and --tls-key go together.");
  if (opt_tls_cert != NULL)
    {
      certificate = g_tls_certificate_new_from_files (opt_tls_cert, opt_tls_key, &error);
      if (certificate == NULL)
        return die ("Cannot read the certificate: %s", error->message);
    }
  else if (!g_inet_address_get_is_loopback (g_inet_socket_address_get_address (G_INET_SOCKET_ADDRESS (address))))
    return die ("Refusing to serve plain HTTP on a non-loopback address: tokens and passwords "
                "would cross the network in clear. Give --tls-cert and --tls-key, or listen "
                "on 127.0.0.1 behind a reverse proxy that speaks HTTPS.");

  config.token_lifetime_ms = opt_token_seconds > 0 ? opt_token_seconds * G_GINT64_CONSTANT (1000)
                                                   : opt_token_days * DAY_MS;
  config.rate_limit = (guint) opt_rate_limit;
  config.max_body = (gsize) opt_max_body;

  server = rapport_server_new (store, &config, certificate, &error);
  if (server == NULL)
    return die ("%s", error->message);
  if (!soup_server_listen (rapport_server_get_soup_server (server), address,
                           certificate ? SOUP_SERVER_LISTEN_HTTPS : 0, &error))
    return die ("Cannot listen on %s: %s", opt_listen ? opt_listen : "127.0.0.1:8080", error->message);

  uris = soup_server_get_uris (rapport_server_get_soup_server (server));
  url = uris ? g_uri_to_string (uris->data) : g_strdup ("?");
  g_slist_free_full (uris, (GDestroyNotify) g_uri_unref);
  g_print ("Listening on %s\n", url);
  fflush (stdout);

  loop = g_main_loop_new (NULL, FALSE);
  g_unix_signal_add (SIGTERM, quit, loop);
  g_unix_signal_add (SIGINT, quit, loop);
  g_timeout_add_seconds (3600, prune, store);
  g_main_loop_run (loop);
  g_source_remove_by_user_data (store);
  return 0;
}

int
main (int argc,
      char *argv[])
{
  g_autoptr (GOptionContext) context = NULL;
  g_autoptr (GError) error = NULL;
  RapportServerStore *store;
  int status;

  setlocale (LC_ALL, "");
  context = g_option_context_new ("— the Rapport sync server");
  g_option_context_add_main_entries (context, entries, NULL);
  g_option_context_set_description (context, description);
  if (!g_option_context_parse (context, &argc, &argv, &error))
    return die ("%s (see --help)", error->message);
  if (opt_version)
    {
      g_print ("rapport-server %s\n", PACKAGE_VERSION);
      return 0;
    }
  if (opt_data == NULL)
    return die ("--data DIR is required (see --help).");
  if (opt_rate_limit < 1)
    return die ("--rate-limit must be at least 1.");
  if (opt_history_days < 0 || opt_token_days < 1 || opt_token_seconds < 0)
    return die ("--history-days must be 0 or more, --token-days 1 or more, --token-seconds 0 or more.");
  if (opt_max_body < 1024)
    return die ("--max-body must be at least 1024 bytes.");

  store = rapport_server_store_open (opt_data, &error);
  if (store == NULL)
    return die ("%s", error->message);

  if (opt_add_user != NULL)
    status = add_user (store);
  else
    {
      prune (store);
      status = serve (store);
    }
  rapport_server_store_free (store);
  return status;
}
