/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-import-assistant.c: the window that brings contact files in.
 *
 * Four steps on one stack: pick or drop files; a preview that counts the
 * new cards, the people already in the contacts (each with merge / keep
 * both / skip) and the lines that will be left out, with their reasons;
 * the import itself with a progress bar and Cancel; and a report. The
 * work is RapportImport's: reading on a worker thread, writing a slice
 * per turn of the main loop in one transaction, so Cancel, closing the
 * window or a failure leaves the contacts exactly as they were.
 */
#define G_LOG_DOMAIN "rapport-import-assistant"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-export.h"
#include "rapport-form.h"
#include "rapport-import-assistant.h"
#include "rapport-import.h"

/* Rows are made for the first ones only; the choice for all covers the rest. */
#define MAX_ROWS 200

struct _RapportImportAssistant
{
  AdwWindow parent_instance;

  RapportStore *store;
  RapportImport *import;
  GCancellable *cancellable;
  GPtrArray *choice_dropdowns; /* per duplicate shown, in order */
  GPtrArray *rows;             /* rows added to the groups, to remove them again */
  gboolean applying;

  GtkButton *cancel_button;
  GtkButton *import_button;
  GtkButton *done_button;
  AdwToastOverlay *toast_overlay;
  GtkStack *stack;
  GtkLabel *choose_error;
  AdwStatusPage *working_page;
  GtkSpinner *working_spinner;
  GtkProgressBar *progress_bar;
  GtkLabel *new_label;
  GtkLabel *duplicates_label;
  GtkLabel *problems_label;
  AdwActionRow *duplicates_row;
  AdwActionRow *problems_row;
  AdwPreferencesGroup *summary_group;
  AdwPreferencesGroup *duplicates_group;
  AdwPreferencesGroup *problems_group;
  GtkDropDown *all_dropdown;
  AdwStatusPage *done_status;
  AdwPreferencesGroup *report_group;
};

G_DEFINE_FINAL_TYPE (RapportImportAssistant, rapport_import_assistant, ADW_TYPE_WINDOW)

static const char *const choice_labels[] = {
  N_("Merge"),
      N_("Keep Both"),
          N_("Skip"),
      };

static GtkStringList *
choice_model (void)
{
  GtkStringList *list = gtk_string_list_new (NULL);

  for (guint i = 0; i < G_N_ELEMENTS (choice_labels); i++)
    gtk_string_list_append (list, _(choice_labels[i]));
  return list;
}

static char *
format_count (guint n)
{
  return g_strdup_printf ("%'u", n);
}

static void
set_count (GtkLabel *label,
           guint n)
{
  g_autofree char *text = format_count (n);

  gtk_label_set_label (label, text);
}

static void
clear_rows (RapportImportAssistant *self)
{
  rapport_form_remove_rows (self->rows);
  g_ptr_array_set_size (self->choice_dropdowns, 0);
}

static GtkWidget *
add_text_row (RapportImportAssistant *self,
              AdwPreferencesGroup *group,
              const char *text)
{
  GtkWidget *row = adw_action_row_new ();

  adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), text);
  adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
  adw_action_row_set_title_lines (ADW_ACTION_ROW (row), 0);
  adw_preferences_group_add (group, row);
  g_ptr_array_add (self->rows, row);
  return row;
}

/* Lists the lines left out, the first MAX_ROWS of them. */
static void
add_problem_rows (RapportImportAssistant *self,
                  AdwPreferencesGroup *group)
{
  const RapportImportReport *report = rapport_import_get_report (self->import);
  guint shown = MIN (report->problems->len, MAX_ROWS);

  for (guint i = 0; i < shown; i++)
    add_text_row (self, group, g_ptr_array_index (report->problems, i));
  if (report->problems->len > shown)
    {
      g_autofree char *more = g_strdup_printf (
          g_dngettext (GETTEXT_PACKAGE, "And %u more line", "And %u more lines", report->problems->len - shown),
          report->problems->len - shown);

      add_text_row (self, group, more);
    }
  gtk_widget_set_visible (GTK_WIDGET (group), report->problems->len > 0);
}

static void
show_page (RapportImportAssistant *self,
           const char *name)
{
  gboolean preview = g_str_equal (name, "preview");
  gboolean done = g_str_equal (name, "done");

  gtk_stack_set_visible_child_name (self->stack, name);
  gtk_widget_set_visible (GTK_WIDGET (self->import_button), preview);
  gtk_widget_set_visible (GTK_WIDGET (self->done_button), done);
  gtk_widget_set_visible (GTK_WIDGET (self->cancel_button), !done);
  gtk_spinner_set_spinning (self->working_spinner, g_str_equal (name, "working"));
  if (preview)
    gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->import_button));
  else if (done)
    gtk_window_set_default_widget (GTK_WINDOW (self), GTK_WIDGET (self->done_button));
}

static void
show_working (RapportImportAssistant *self,
              const char *title,
              gboolean with_progress)
{
  adw_status_page_set_title (self->working_page, title);
  gtk_widget_set_visible (GTK_WIDGET (self->progress_bar), with_progress);
  gtk_widget_set_visible (GTK_WIDGET (self->working_spinner), !with_progress);
  gtk_progress_bar_set_fraction (self->progress_bar, 0);
  gtk_progress_bar_set_text (self->progress_bar, NULL);
  show_page (self, "working");
}

static void
on_choice_selected (GtkDropDown *dropdown,
                    GParamSpec *pspec,
                    RapportImportAssistant *self)
{
  guint index = GPOINTER_TO_UINT (g_object_get_data (G_OBJECT (dropdown), "duplicate"));

  rapport_import_set_choice (self->import, index, (RapportImportChoice) gtk_drop_down_get_selected (dropdown));
}

static void
on_all_selected (RapportImportAssistant *self)
{
  RapportImportChoice choice = (RapportImportChoice) gtk_drop_down_get_selected (self->all_dropdown);

  if (self->import == NULL)
    return;
  rapport_import_set_all_choices (self->import, choice);
  for (guint i = 0; i < self->choice_dropdowns->len; i++)
    gtk_drop_down_set_selected (g_ptr_array_index (self->choice_dropdowns, i), choice);
}

static char *
describe_duplicate (RapportImportAssistant *self,
                    gint64 existing_id)
{
  g_autoptr(RapportContact) existing = NULL;

  if (existing_id == 0)
    return g_strdup (_("The same person as an earlier card"));
  existing = rapport_store_get_contact (self->store, existing_id, NULL);
  if (existing == NULL)
    return g_strdup (_("Already in your contacts"));
  /* Translators: %s is the name of a contact already in Rapport */
  return g_strdup_printf (_("Matches %s"), rapport_contact_get_display_name (existing));
}

static void
add_duplicate_rows (RapportImportAssistant *self)
{
  guint n = rapport_import_get_n_duplicates (self->import);
  guint shown = MIN (n, MAX_ROWS);
  g_autoptr(GtkStringList) model = choice_model ();

  for (guint i = 0; i < shown; i++)
    {
      gint64 existing_id = 0;
      RapportContact *card = rapport_import_get_duplicate (self->import, i, &existing_id);
      g_autofree char *subtitle = describe_duplicate (self, existing_id);
      GtkWidget *row = adw_action_row_new ();
      GtkWidget *dropdown = gtk_drop_down_new (G_LIST_MODEL (g_object_ref (model)), NULL);

      adw_preferences_row_set_title (ADW_PREFERENCES_ROW (row), rapport_contact_get_display_name (card));
      adw_preferences_row_set_use_markup (ADW_PREFERENCES_ROW (row), FALSE);
      adw_action_row_set_subtitle (ADW_ACTION_ROW (row), subtitle);
      gtk_widget_set_valign (dropdown, GTK_ALIGN_CENTER);
      gtk_drop_down_set_selected (GTK_DROP_DOWN (dropdown), rapport_import_get_choice (self->import, i));
      gtk_widget_set_tooltip_text (dropdown, _("What to do with this card"));
      g_object_set_data (G_OBJECT (dropdown), "duplicate", GUINT_TO_POINTER (i));
      g_signal_connect_object (dropdown, "notify::selected", G_CALLBACK (on_choice_selected), self, 0);
      adw_action_row_add_suffix (ADW_ACTION_ROW (row), dropdown);
      adw_preferences_group_add (self->duplicates_group, row);
      g_ptr_array_add (self->rows, row);
      g_ptr_array_add (self->choice_dropdowns, dropdown);
    }
  if (n > shown)
    {
      g_autofree char *more = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE,
                                                            "And %u more, handled as chosen for all above",
                                                            "And %u more, handled as chosen for all above",
                                                            n - shown),
                                               n - shown);

      add_text_row (self, self->duplicates_group, more);
    }
  gtk_widget_set_visible (GTK_WIDGET (self->duplicates_group), n > 0);
}

static void
show_preview (RapportImportAssistant *self)
{
  guint n_cards = rapport_import_get_n_cards (self->import);
  guint n_duplicates = rapport_import_get_n_duplicates (self->import);
  guint n_problems = rapport_import_get_n_problems (self->import);
  g_autofree char *label = NULL;
  g_autofree char *sources = g_strjoinv (", ", (char **) rapport_import_get_sources (self->import));
  g_autofree char *file_names = rapport_import_get_file_names (self->import);

  clear_rows (self);
  adw_preferences_group_set_title (self->summary_group, file_names);
  adw_preferences_group_set_description (self->summary_group,
                                         _("Nothing changes in your contacts until you press Import."));
  set_count (self->new_label, rapport_import_get_n_new (self->import));
  set_count (self->duplicates_label, n_duplicates);
  set_count (self->problems_label, n_problems);
  gtk_widget_set_visible (GTK_WIDGET (self->duplicates_row), n_duplicates > 0);
  gtk_widget_set_visible (GTK_WIDGET (self->problems_row), n_problems > 0);

  g_signal_handlers_block_by_func (self->all_dropdown, on_all_selected, self);
  gtk_drop_down_set_selected (self->all_dropdown, RAPPORT_IMPORT_MERGE);
  g_signal_handlers_unblock_by_func (self->all_dropdown, on_all_selected, self);
  add_duplicate_rows (self);
  add_problem_rows (self, self->problems_group);

  if (n_cards > 0)
    label = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "_Import %'u Card", "_Import %'u Cards", n_cards),
                             n_cards);
  else
    label = g_strdup (_("_Import"));
  gtk_button_set_label (self->import_button, label);
  gtk_widget_set_sensitive (GTK_WIDGET (self->import_button), n_cards > 0);
  if (n_cards == 0)
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (_("These files hold no contacts Rapport can import.")));
  /* Translators: %s lists the kinds of files read, like "vCard, LinkedIn connections" */
  if (*sources != '\0')
    {
      g_autofree char *title = g_strdup_printf (_("Import from %s"), sources);

      gtk_window_set_title (GTK_WINDOW (self), title);
    }
  show_page (self, "preview");
}

static void
on_read (GObject *source,
         GAsyncResult *result,
         gpointer user_data)
{
  g_autoptr(RapportImportAssistant) self = user_data;
  g_autoptr(GError) error = NULL;

  if (!rapport_import_read_finish (RAPPORT_IMPORT (source), result, &error))
    {
      if (!g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
        {
          gtk_label_set_label (self->choose_error, error->message);
          gtk_widget_set_visible (GTK_WIDGET (self->choose_error), TRUE);
        }
      g_clear_object (&self->import);
      show_page (self, "choose");
      return;
    }
  show_preview (self);
}

/**
 * rapport_import_assistant_open_files:
 * @self: an assistant
 * @files: (array length=n_files): vCard or contacts CSV files
 * @n_files: how many
 *
 * Reads @files, as choosing or dropping them does, and shows the preview
 * when they are read. Files read before are forgotten.
 */
void
rapport_import_assistant_open_files (RapportImportAssistant *self,
                                     GFile *const *files,
                                     guint n_files)
{
  g_return_if_fail (RAPPORT_IS_IMPORT_ASSISTANT (self));
  g_return_if_fail (!self->applying);

  if (n_files == 0)
    return;
  g_cancellable_cancel (self->cancellable);
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  clear_rows (self);
  g_clear_object (&self->import);
  self->import = rapport_import_new (self->store);
  gtk_widget_set_visible (GTK_WIDGET (self->choose_error), FALSE);
  show_working (self,
                n_files == 1 ? _("Reading the File…") : _("Reading the Files…"), FALSE);
  rapport_import_read_async (self->import, files, n_files, self->cancellable, on_read, g_object_ref (self));
}

static void
on_chooser_response (GtkNativeDialog *chooser,
                     int response,
                     gpointer user_data)
{
  g_autoptr(RapportImportAssistant) self = user_data;

  if (response == GTK_RESPONSE_ACCEPT)
    {
      g_autoptr(GListModel) list = gtk_file_chooser_get_files (GTK_FILE_CHOOSER (chooser));
      g_autoptr(GPtrArray) files = g_ptr_array_new_with_free_func (g_object_unref);

      for (guint i = 0; i < g_list_model_get_n_items (list); i++)
        g_ptr_array_add (files, g_list_model_get_item (list, i));
      rapport_import_assistant_open_files (self, (GFile *const *) files->pdata, files->len);
    }
  rapport_file_chooser_release (chooser);
}

static void
on_choose_clicked (RapportImportAssistant *self)
{
  GtkFileChooserNative *chooser;
  g_autoptr(GtkFileFilter) contacts = gtk_file_filter_new ();
  g_autoptr(GtkFileFilter) all = gtk_file_filter_new ();

  chooser = gtk_file_chooser_native_new (_("Choose Contact Files"), GTK_WINDOW (self), GTK_FILE_CHOOSER_ACTION_OPEN,
                                            _("_Open"), _("_Cancel"));
  gtk_file_chooser_set_select_multiple (GTK_FILE_CHOOSER (chooser), TRUE);
  gtk_file_filter_set_name (contacts, _("Contact files (vCard, CSV)"));
  gtk_file_filter_add_mime_type (contacts, "text/vcard");
  gtk_file_filter_add_mime_type (contacts, "text/x-vcard");
  gtk_file_filter_add_mime_type (contacts, "text/directory");
  gtk_file_filter_add_mime_type (contacts, "text/csv");
  gtk_file_filter_add_suffix (contacts, "vcf");
  gtk_file_filter_add_suffix (contacts, "vcard");
  gtk_file_filter_add_suffix (contacts, "csv");
  gtk_file_filter_set_name (all, _("All files"));
  gtk_file_filter_add_pattern (all, "*");
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), contacts);
  gtk_file_chooser_add_filter (GTK_FILE_CHOOSER (chooser), all);
  g_signal_connect (chooser, "response", G_CALLBACK (on_chooser_response), g_object_ref (self));
  gtk_native_dialog_show (GTK_NATIVE_DIALOG (chooser));
}

static gboolean
on_drop (GtkDropTarget *target,
         const GValue *value,
         double x,
         double y,
         RapportImportAssistant *self)
{
  GSList *list;
  g_autoptr(GPtrArray) files = g_ptr_array_new ();

  if (self->applying || !G_VALUE_HOLDS (value, GDK_TYPE_FILE_LIST))
    return FALSE;
  list = g_value_get_boxed (value);
  for (GSList *l = list; l != NULL; l = l->next)
    g_ptr_array_add (files, l->data);
  rapport_import_assistant_open_files (self, (GFile *const *) files->pdata, files->len);
  return files->len > 0;
}

static void
show_report (RapportImportAssistant *self)
{
  const RapportImportReport *report = rapport_import_get_report (self->import);
  g_autofree char *title = NULL;
  g_autoptr(GString) description = g_string_new (NULL);
  const char *const *sources = rapport_import_get_sources (self->import);

  clear_rows (self);
  title = g_strdup_printf (g_dngettext (GETTEXT_PACKAGE, "Added %'u Contact", "Added %'u Contacts", report->added),
                           report->added);
  adw_status_page_set_title (self->done_status, title);
  if (report->merged > 0)
    {
      g_string_append_printf (description,
                              g_dngettext (GETTEXT_PACKAGE, "%'u card was merged into a contact you had.",
                                           "%'u cards were merged into contacts you had.", report->merged),
                              report->merged);
      g_string_append_c (description, ' ');
    }
  if (report->skipped > 0)
    {
      g_string_append_printf (description,
                              g_dngettext (GETTEXT_PACKAGE, "%'u card was skipped.", "%'u cards were skipped.",
                                           report->skipped),
                              report->skipped);
      g_string_append_c (description, ' ');
    }
  if (sources[0] != NULL && report->added + report->merged > 0)
    g_string_append (description, _("Each card is tagged with where it came from, so you can find them in Contacts."));
  adw_status_page_set_description (self->done_status, description->str);
  add_problem_rows (self, self->report_group);
  show_page (self, "done");
}

static void
on_applied (GObject *source,
            GAsyncResult *result,
            gpointer user_data)
{
  g_autoptr(RapportImportAssistant) self = user_data;
  g_autoptr(GError) error = NULL;

  self->applying = FALSE;
  if (rapport_import_apply_finish (RAPPORT_IMPORT (source), result, &error))
    {
      show_report (self);
      return;
    }
  if (gtk_widget_in_destruction (GTK_WIDGET (self)))
    return;
  show_page (self, "preview");
  if (g_error_matches (error, G_IO_ERROR, G_IO_ERROR_CANCELLED))
    adw_toast_overlay_add_toast (self->toast_overlay,
                                 adw_toast_new (_("Import cancelled. Your contacts are as they were.")));
  else
    {
      g_autofree char *message = g_strdup_printf (_("Nothing was imported. %s"), error->message);
      AdwToast *toast = adw_toast_new (message);

      adw_toast_set_timeout (toast, 0);
      adw_toast_overlay_add_toast (self->toast_overlay, toast);
    }
}

static void
on_progress (guint done,
             guint total,
             gpointer user_data)
{
  RapportImportAssistant *self = user_data;
  g_autofree char *text = g_strdup_printf (_("%'u of %'u"), done, total);

  gtk_progress_bar_set_fraction (self->progress_bar, total > 0 ? (double) done / total : 1.0);
  gtk_progress_bar_set_text (self->progress_bar, text);
}

static void
on_import_clicked (RapportImportAssistant *self)
{
  if (self->import == NULL || self->applying)
    return;
  g_clear_object (&self->cancellable);
  self->cancellable = g_cancellable_new ();
  self->applying = TRUE;
  show_working (self, _("Importing…"), TRUE);
  rapport_import_apply_async (self->import, on_progress, self, self->cancellable, on_applied, g_object_ref (self));
}

static void
on_cancel_clicked (RapportImportAssistant *self)
{
  const char *page = gtk_stack_get_visible_child_name (self->stack);

  /* Cancel stops the work in hand; with none, it closes. */
  if (g_str_equal (page, "working"))
    {
      g_cancellable_cancel (self->cancellable);
      if (!self->applying)
        show_page (self, self->import != NULL && rapport_import_get_n_cards (self->import) > 0 ? "preview" : "choose");
      return;
    }
  gtk_window_close (GTK_WINDOW (self));
}

static gboolean
rapport_import_assistant_close_request (GtkWindow *window)
{
  RapportImportAssistant *self = RAPPORT_IMPORT_ASSISTANT (window);

  /* Whatever runs is undone; the import's task keeps what it needs. */
  g_cancellable_cancel (self->cancellable);
  return GTK_WINDOW_CLASS (rapport_import_assistant_parent_class)->close_request (window);
}

static void
rapport_import_assistant_dispose (GObject *object)
{
  RapportImportAssistant *self = RAPPORT_IMPORT_ASSISTANT (object);

  g_cancellable_cancel (self->cancellable);
  gtk_widget_dispose_template (GTK_WIDGET (self), RAPPORT_TYPE_IMPORT_ASSISTANT);
  G_OBJECT_CLASS (rapport_import_assistant_parent_class)->dispose (object);
}

static void
rapport_import_assistant_finalize (GObject *object)
{
  RapportImportAssistant *self = RAPPORT_IMPORT_ASSISTANT (object);

  g_clear_object (&self->cancellable);
  g_clear_object (&self->import);
  g_clear_object (&self->store);
  g_clear_pointer (&self->choice_dropdowns, g_ptr_array_unref);
  g_clear_pointer (&self->rows, g_ptr_array_unref);
  G_OBJECT_CLASS (rapport_import_assistant_parent_class)->finalize (object);
}

static void
rapport_import_assistant_class_init (RapportImportAssistantClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);
  GtkWindowClass *window_class = GTK_WINDOW_CLASS (klass);

  object_class->dispose = rapport_import_assistant_dispose;
  object_class->finalize = rapport_import_assistant_finalize;
  window_class->close_request = rapport_import_assistant_close_request;

  gtk_widget_class_set_template_from_resource (widget_class,
                                               "/org/weandco/Rapport/import/rapport-import-assistant.ui");
  gtk_widget_class_bind_template_child (widget_class, RapportImportAssistant, cancel_button);
  gtk_widget_class_bind_template_child (widget_class, RapportImportAssistant, import_button);
  gtk_widget_class_bind_template_child (widget_class, RapportImportAssistant, done_button);
  gtk_widget_class_bind_template_child (widget_class, RapportImportAssistant, toast_overlay);
  gtk_widget_class_bind_template_child (widget_class, RapportImportAssistant, stack);
  gtk_widget_class_bind_template_child (widget_class, RapportImportAssistant, choose_error);
  gtk_widget_class_bind_template_child (widget_class, RapportImportAssistant, working_page);
  gtk_widget_class_bind_template_child (widget_class, RapportImportAssistant, working_spinner);
  gtk_widget_class_bind_template_child (widget_class, RapportImportAssistant, progress_bar);
  gtk_widget_class_bind_template_child (widget_class, RapportImportAssistant, new_label);
  gtk_widget_class_bind_template_child (widget_class, RapportImportAssistant, duplicates_label);
  gtk_widget_class_bind_template_child (widget_class, RapportImportAssistant, problems_label);
  gtk_widget_class_bind_template_child (widget_class, RapportImportAssistant, duplicates_row);
  gtk_widget_class_bind_template_child (widget_class, RapportImportAssistant, problems_row);
  gtk_widget_class_bind_template_child (widget_class, RapportImportAssistant, summary_group);
  gtk_widget_class_bind_template_child (widget_class, RapportImportAssistant, duplicates_group);
  gtk_widget_class_bind_template_child (widget_class, RapportImportAssistant, problems_group);
  gtk_widget_class_bind_template_child (widget_class, RapportImportAssistant, all_dropdown);
  gtk_widget_class_bind_template_child (widget_class, RapportImportAssistant, done_status);
  gtk_widget_class_bind_template_child (widget_class, RapportImportAssistant, report_group);
  gtk_widget_class_bind_template_callback (widget_class, on_cancel_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_import_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_choose_clicked);
  gtk_widget_class_bind_template_callback (widget_class, on_all_selected);
}

static void
rapport_import_assistant_init (RapportImportAssistant *self)
{
  g_autoptr(GtkStringList) all_choices = gtk_string_list_new (NULL);
  GtkDropTarget *drop;

  gtk_widget_init_template (GTK_WIDGET (self));
  self->cancellable = g_cancellable_new ();
  self->choice_dropdowns = g_ptr_array_new ();
  self->rows = g_ptr_array_new ();

  gtk_string_list_append (all_choices, _("Merge All"));
  gtk_string_list_append (all_choices, _("Keep All"));
  gtk_string_list_append (all_choices, _("Skip All"));
  gtk_drop_down_set_model (self->all_dropdown, G_LIST_MODEL (all_choices));

  drop = gtk_drop_target_new (GDK_TYPE_FILE_LIST, GDK_ACTION_COPY);
  g_signal_connect (drop, "drop", G_CALLBACK (on_drop), self);
  gtk_widget_add_controller (GTK_WIDGET (self), GTK_EVENT_CONTROLLER (drop));
  show_page (self, "choose");
}

/**
 * rapport_import_assistant_new:
 * @parent: the window it belongs to
 * @store: the store to import into
 *
 * Returns: (transfer full): a new assistant, not shown yet
 */
RapportImportAssistant *
rapport_import_assistant_new (GtkWindow *parent,
                              RapportStore *store)
{
  RapportImportAssistant *self;

  g_return_val_if_fail (RAPPORT_IS_STORE (store), NULL);

  self = g_object_new (RAPPORT_TYPE_IMPORT_ASSISTANT, "transient-for", parent, NULL);
  self->store = g_object_ref (store);
  return self;
}
