/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-test-server.c: starts and stops a real rapport-server for the
 * server's own tests and the sync client's.
 *
 * The server is told to listen on port 0 and prints the address it got,
 * so tests running in parallel never fight over a port. */
#define G_LOG_DOMAIN "rapport-test"

#include "config.h"

#include <gio/gio.h>
#include <signal.h>
#include <sys/prctl.h>
#include <string.h>

#include "rapport-test-server.h"

struct _RapportTestServer
{
  GSubprocess *process;
  char *data_dir;
  char *url;
};

static const char *
server_binary (void)
{
  const char *path = g_getenv ("RAPPORT_SERVER");

  g_assert_nonnull (path);
  return path;
}

static void
die_with_parent (gpointer data)
{
  prctl (PR_SET_PDEATHSIG, SIGTERM);
}

static void
launch (RapportTestServer *self,
        const char *const *extra_args)
{
  g_autoptr (GPtrArray) argv = g_ptr_array_new ();
  g_autoptr (GSubprocessLauncher) launcher = NULL;
  g_autoptr (GDataInputStream) out = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *line = NULL;
  gsize len;

  g_ptr_array_add (argv, (gpointer) server_binary ());
  g_ptr_array_add (argv, (gpointer) "--data");
  g_ptr_array_add (argv, self->data_dir);
  g_ptr_array_add (argv, (gpointer) "--listen");
  g_ptr_array_add (argv, (gpointer) "127.0.0.1:0");
  /* After the defaults, so that a test's own --listen wins. */
  for (guint i = 0; extra_args != NULL && extra_args[i] != NULL; i++)
    g_ptr_array_add (argv, (gpointer) extra_args[i]);
  g_ptr_array_add (argv, NULL);

  launcher = g_subprocess_launcher_new (G_SUBPROCESS_FLAGS_STDOUT_PIPE);
  /* A test that crashes takes its server with it, rather than leaving it
   * holding the output pipe meson waits on. */
  g_subprocess_launcher_set_child_setup (launcher, die_with_parent, NULL, NULL);
  self->process = g_subprocess_launcher_spawnv (launcher, (const char *const *) argv->pdata, &error);
  g_assert_no_error (error);

  out = g_data_input_stream_new (g_subprocess_get_stdout_pipe (self->process));
  line = g_data_input_stream_read_line_utf8 (out, &len, NULL, &error);
  g_assert_no_error (error);
  g_assert_nonnull (line);
  g_assert_true (g_str_has_prefix (line, "Listening on "));

  g_free (self->url);
  self->url = g_strdup (line + strlen ("Listening on "));
  len = strlen (self->url);
  if (len > 0 && self->url[len - 1] == '/')
    self->url[len - 1] = '\0';
}

static void
terminate (RapportTestServer *self)
{
  g_autoptr (GError) error = NULL;

  if (self->process == NULL)
    return;
  g_subprocess_send_signal (self->process, SIGTERM);
  g_subprocess_wait (self->process, NULL, &error);
  g_assert_no_error (error);
  /* A clean exit, not a crash or a sanitizer's complaint. */
  g_assert_true (g_subprocess_get_if_exited (self->process));
  g_assert_cmpint (g_subprocess_get_exit_status (self->process), ==, 0);
  g_clear_object (&self->process);
}

/**
 * rapport_test_server_start:
 * @extra_args: (nullable): more arguments for rapport-server
 *
 * Starts rapport-server on 127.0.0.1 with a new temporary data folder and
 * waits until it listens. Fails the test if it does not start.
 */
RapportTestServer *
rapport_test_server_start (const char *const *extra_args)
{
  RapportTestServer *self = g_new0 (RapportTestServer, 1);
  g_autoptr (GError) error = NULL;

  self->data_dir = g_dir_make_tmp ("rapport-server-XXXXXX", &error);
  g_assert_no_error (error);
  launch (self, extra_args);
  return self;
}

const char *
rapport_test_server_get_url (RapportTestServer *self)
{
  return self->url;
}

const char *
rapport_test_server_get_data_dir (RapportTestServer *self)
{
  return self->data_dir;
}

void
rapport_test_server_add_user (RapportTestServer *self,
                              const char *name,
                              const char *password)
{
  const char *argv[] = { server_binary (), "--data", self->data_dir, "--add-user", name, NULL };
  g_autoptr (GSubprocess) process = NULL;
  g_autoptr (GError) error = NULL;
  g_autofree char *input = g_strconcat (password, "\n", NULL);

  process = g_subprocess_newv (argv, G_SUBPROCESS_FLAGS_STDIN_PIPE | G_SUBPROCESS_FLAGS_STDOUT_SILENCE, &error);
  g_assert_no_error (error);
  g_subprocess_communicate_utf8 (process, input, NULL, NULL, NULL, &error);
  g_assert_no_error (error);
  g_subprocess_wait_check (process, NULL, &error);
  g_assert_no_error (error);
}

/**
 * rapport_test_server_restart:
 * @extra_args: (nullable): the arguments for the new run
 *
 * Stops the server and starts it again on the same data folder; the port
 * may change, so read the url again.
 */
void
rapport_test_server_restart (RapportTestServer *self,
                             const char *const *extra_args)
{
  terminate (self);
  launch (self, extra_args);
}

static void
remove_tree (GFile *file)
{
  g_autoptr (GFileEnumerator) children = NULL;
  GFileInfo *info;

  children = g_file_enumerate_children (file, G_FILE_ATTRIBUTE_STANDARD_NAME "," G_FILE_ATTRIBUTE_STANDARD_TYPE,
                                        G_FILE_QUERY_INFO_NOFOLLOW_SYMLINKS, NULL, NULL);
  while (children != NULL && (info = g_file_enumerator_next_file (children, NULL, NULL)) != NULL)
    {
      g_autoptr (GFile) child = g_file_get_child (file, g_file_info_get_name (info));

      if (g_file_info_get_file_type (info) == G_FILE_TYPE_DIRECTORY)
        remove_tree (child);
      else
        g_file_delete (child, NULL, NULL);
      g_object_unref (info);
    }
  g_file_delete (file, NULL, NULL);
}

void
rapport_test_server_stop (RapportTestServer *self)
{
  g_autoptr (GFile) dir = NULL;

  if (self == NULL)
    return;
  terminate (self);
  dir = g_file_new_for_path (self->data_dir);
  remove_tree (dir);
  g_free (self->data_dir);
  g_free (self->url);
  g_free (self);
}
