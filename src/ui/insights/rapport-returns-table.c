/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-returns-table.c: the return on time and money of each group, as
 * a table the user sorts by any column to decide which groups to keep:
 * events, hours (travel included), money (costs and dues), meaningful
 * conversations, referrals traced back to the group and the business
 * they closed. Activating a row opens the group.
 *
 * Each row is a small object holding one RapportGroupReturn; the column
 * view sorts them with one sorter per column over the same numbers. */
#define G_LOG_DOMAIN "rapport-returns-table"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-chart-card.h"
#include "rapport-export.h"
#include "rapport-format.h"
#include "rapport-returns-table.h"
#include "rapport-stats.h"

typedef enum {
  COLUMN_GROUP,
  COLUMN_EVENTS,
  COLUMN_TIME,
  COLUMN_MONEY,
  COLUMN_CONVERSATIONS,
  COLUMN_PER_HOUR,
  COLUMN_REFERRALS,
  COLUMN_CLOSED,
  N_COLUMNS
} Column;

/* clang-format off */
static const char *const column_titles[N_COLUMNS] = {
  [COLUMN_GROUP] = N_("Group"),
  [COLUMN_EVENTS] = N_("Events"),
  [COLUMN_TIME] = N_("Time"),
  [COLUMN_MONEY] = N_("Money"),
  [COLUMN_CONVERSATIONS] = N_("Conversations"),
  [COLUMN_PER_HOUR] = N_("Per Hour"),
  [COLUMN_REFERRALS] = N_("Referrals"),
  [COLUMN_CLOSED] = N_("Closed"),
};
/* clang-format on */

/* One group's row. */

#define RAPPORT_TYPE_RETURN_ROW (rapport_return_row_get_type ())
G_DECLARE_FINAL_TYPE (RapportReturnRow, rapport_return_row, RAPPORT, RETURN_ROW, GObject)

struct _RapportReturnRow
{
  GObject parent_instance;

  gint64 group_id;
  char *name;
  double values[N_COLUMNS]; /* the numbers of every column but the name */
};

G_DEFINE_FINAL_TYPE (RapportReturnRow, rapport_return_row, G_TYPE_OBJECT)

static void
rapport_return_row_finalize (GObject *object)
{
  g_free (RAPPORT_RETURN_ROW (object)->name);
  G_OBJECT_CLASS (rapport_return_row_parent_class)->finalize (object);
}

static void
rapport_return_row_class_init (RapportReturnRowClass *klass)
{
  G_OBJECT_CLASS (klass)->finalize = rapport_return_row_finalize;
}

static void
rapport_return_row_init (RapportReturnRow *self)
{
}

static RapportReturnRow *
return_row_new (const RapportGroupReturn *group)
{
  RapportReturnRow *row = g_object_new (RAPPORT_TYPE_RETURN_ROW, NULL);

  row->group_id = group->group_id;
  row->name = g_strdup (group->name);
  row->values[COLUMN_EVENTS] = group->events;
  row->values[COLUMN_TIME] = group->minutes;
  row->values[COLUMN_MONEY] = group->cents;
  row->values[COLUMN_CONVERSATIONS] = group->meaningful;
  row->values[COLUMN_PER_HOUR] = group->minutes > 0 ? group->meaningful * 60.0 / group->minutes : 0;
  row->values[COLUMN_REFERRALS] = group->referrals;
  row->values[COLUMN_CLOSED] = group->closed_cents;
  return row;
}

static char *
format_cell (RapportReturnRow *row,
             Column column)
{
  double value = row->values[column];

  switch (column)
    {
    case COLUMN_GROUP:
      return g_strdup (row->name);
    case COLUMN_TIME:
      return rapport_format_minutes ((gint64) value);
    case COLUMN_MONEY:
    case COLUMN_CLOSED:
      return rapport_format_money ((gint64) value);
    case COLUMN_PER_HOUR:
      return g_strdup_printf ("%.1f", value);
    case COLUMN_EVENTS:
    case COLUMN_CONVERSATIONS:
    case COLUMN_REFERRALS:
    case N_COLUMNS:
    default:
      return g_strdup_printf ("%.0f", value);
    }
}

/* The table. */

struct _RapportReturnsTable
{
  GtkWidget parent_instance;

  GtkWidget *scrolled;
  GtkColumnView *view;
  GListStore *rows;
  GtkSortListModel *sorted;
  GtkWidget *empty_label;
};

G_DEFINE_FINAL_TYPE (RapportReturnsTable, rapport_returns_table, GTK_TYPE_WIDGET)

enum {
  GROUP_ACTIVATED,
  N_SIGNALS
};

static guint signals[N_SIGNALS];

static int
compare_rows (gconstpointer a,
              gconstpointer b,
              gpointer data)
{
  const RapportReturnRow *left = a, *right = b;
  Column column = GPOINTER_TO_INT (data);

  if (column == COLUMN_GROUP)
    return g_utf8_collate (left->name, right->name);
  return (left->values[column] > right->values[column]) - (left->values[column] < right->values[column]);
}

static void
setup_cell (GtkSignalListItemFactory *factory,
            GtkListItem *item,
            gpointer data)
{
  GtkWidget *label = gtk_label_new (NULL);

  gtk_label_set_xalign (GTK_LABEL (label), GPOINTER_TO_INT (data) == COLUMN_GROUP ? 0 : 1);
  if (GPOINTER_TO_INT (data) == COLUMN_GROUP)
    gtk_label_set_ellipsize (GTK_LABEL (label), PANGO_ELLIPSIZE_END);
  else
    gtk_widget_add_css_class (label, "numeric");
  gtk_list_item_set_child (item, label);
}

static void
bind_cell (GtkSignalListItemFactory *factory,
           GtkListItem *item,
           gpointer data)
{
  g_autofree char *text = format_cell (gtk_list_item_get_item (item), GPOINTER_TO_INT (data));

  gtk_label_set_text (GTK_LABEL (gtk_list_item_get_child (item)), text);
}

static void
on_activate (RapportReturnsTable *self,
             guint position)
{
  g_autoptr(RapportReturnRow) row = g_list_model_get_item (G_LIST_MODEL (self->sorted), position);

  if (row != NULL)
    g_signal_emit (self, signals[GROUP_ACTIVATED], 0, row->group_id);
}

/**
 * rapport_returns_table_set_rows:
 * @self: the table
 * @group_returns: (element-type RapportGroupReturn): the groups' figures
 */
void
rapport_returns_table_set_rows (RapportReturnsTable *self,
                                GArray *group_returns)
{
  g_autoptr(GPtrArray) rows = g_ptr_array_new_with_free_func (g_object_unref);

  g_return_if_fail (RAPPORT_IS_RETURNS_TABLE (self));

  for (guint i = 0; i < group_returns->len; i++)
    g_ptr_array_add (rows, return_row_new (&g_array_index (group_returns, RapportGroupReturn, i)));
  g_list_store_splice (self->rows, 0, g_list_model_get_n_items (G_LIST_MODEL (self->rows)), rows->pdata, rows->len);
  gtk_widget_set_visible (self->empty_label, rows->len == 0);
  gtk_widget_set_visible (self->scrolled, rows->len > 0);
}

/**
 * rapport_returns_table_get_model:
 * @self: the table
 *
 * Returns: (transfer none): the rows in the order shown
 */
GListModel *
rapport_returns_table_get_model (RapportReturnsTable *self)
{
  g_return_val_if_fail (RAPPORT_IS_RETURNS_TABLE (self), NULL);

  return G_LIST_MODEL (self->sorted);
}

static void
append_csv_field (GString *csv,
                  const char *text,
                  gboolean last)
{
  g_autofree char *quoted = NULL;

  if (strpbrk (text, ",\"\r\n") != NULL)
    {
      g_auto(GStrv) parts = g_strsplit (text, "\"", -1);
      g_autofree char *doubled = g_strjoinv ("\"\"", parts);

      quoted = g_strdup_printf ("\"%s\"", doubled);
    }
  g_string_append (csv, quoted ? quoted : text);
  g_string_append (csv, last ? "\r\n" : ",");
}

/**
 * rapport_returns_table_to_csv:
 * @self: the table
 *
 * The rows in the order shown, with plain numbers: minutes and cents.
 *
 * Returns: (transfer full): RFC 4180 text with a header line
 */
char *
rapport_returns_table_to_csv (RapportReturnsTable *self)
{
  static const char *const header[N_COLUMNS] = {
    "Group",
    "Events",
    "Minutes",
    "Money (cents)",
    "Conversations",
    "Per hour",
    "Referrals",
    "Closed (cents)",
  };
  GString *csv = g_string_new (NULL);
  guint n = g_list_model_get_n_items (G_LIST_MODEL (self->sorted));

  for (guint i = 0; i < N_COLUMNS; i++)
    append_csv_field (csv, header[i], i == N_COLUMNS - 1);
  for (guint i = 0; i < n; i++)
    {
      g_autoptr(RapportReturnRow) row = g_list_model_get_item (G_LIST_MODEL (self->sorted), i);

      append_csv_field (csv, row->name, FALSE);
      for (guint c = 1; c < N_COLUMNS; c++)
        {
          char number[G_ASCII_DTOSTR_BUF_SIZE];

          if (c == COLUMN_PER_HOUR)
            g_ascii_formatd (number, sizeof number, "%.2f", row->values[c]);
          else
            g_ascii_formatd (number, sizeof number, "%.0f", row->values[c]);
          append_csv_field (csv, number, c == N_COLUMNS - 1);
        }
    }
  return g_string_free (csv, FALSE);
}

static gboolean
write_csv (GFile *file,
           gpointer data,
           GError **error)
{
  g_autofree char *csv = rapport_returns_table_to_csv (data);

  return g_file_replace_contents (file, csv, strlen (csv), NULL, FALSE, G_FILE_CREATE_NONE, NULL, NULL, error);
}

static void
export_csv (RapportReturnsTable *self,
            GtkWidget *button)
{
  rapport_export_ask (button, _("Export the Numbers"), _("Return on Time and Money"), "csv", "text/csv", write_csv,
                                                           g_object_ref (self), g_object_unref);
}

/**
 * rapport_returns_table_new_card:
 * @table: (transfer floating): the table
 *
 * Returns: (transfer floating): @table on a card under its heading, with
 *   a button that saves its numbers
 */
GtkWidget *
rapport_returns_table_new_card (RapportReturnsTable *table)
{
  GtkWidget *card = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  GtkWidget *export = gtk_button_new_from_icon_name ("document-save-symbolic");
  GtkWidget *header = rapport_chart_card_new_heading (_("Return on Time and Money"),
                                                         _("What each group gave back for the hours and money you "
                                                        "spent on it: its events, the referrals passed to, by or about "
                                                        "people first met there, and the business they closed. A "
                                                        "referral that touches two groups counts for both. Sort by any "
                                                        "column; open a group to decide whether to keep going."),
                                                            export);

  gtk_widget_set_tooltip_text (export, _("Save the Numbers as CSV…"));
  g_signal_connect_object (export, "clicked", G_CALLBACK (export_csv), table, G_CONNECT_SWAPPED);
  gtk_box_append (GTK_BOX (card), header);
  gtk_box_append (GTK_BOX (card), GTK_WIDGET (table));
  gtk_widget_add_css_class (GTK_WIDGET (table), "returns-table");
  gtk_widget_add_css_class (card, "card");
  gtk_widget_add_css_class (card, "summary-tile");
  return card;
}

/**
 * rapport_returns_table_new:
 *
 * Returns: (transfer floating): an empty table
 */
RapportReturnsTable *
rapport_returns_table_new (void)
{
  return g_object_new (RAPPORT_TYPE_RETURNS_TABLE, NULL);
}

static void
rapport_returns_table_dispose (GObject *object)
{
  RapportReturnsTable *self = RAPPORT_RETURNS_TABLE (object);

  g_clear_pointer (&self->scrolled, gtk_widget_unparent);
  g_clear_pointer (&self->empty_label, gtk_widget_unparent);
  g_clear_object (&self->rows);
  G_OBJECT_CLASS (rapport_returns_table_parent_class)->dispose (object);
}

static void
rapport_returns_table_class_init (RapportReturnsTableClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_returns_table_dispose;

  /**
   * RapportReturnsTable::group-activated:
   * @self: the table
   * @group_id: the group of the row
   */
  signals[GROUP_ACTIVATED] = g_signal_new ("group-activated", G_TYPE_FROM_CLASS (klass), G_SIGNAL_RUN_LAST, 0, NULL,
                                           NULL, NULL, G_TYPE_NONE, 1, G_TYPE_INT64);
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BOX_LAYOUT);
}

static void
rapport_returns_table_init (RapportReturnsTable *self)
{
  GtkSingleSelection *selection;

  gtk_orientable_set_orientation (GTK_ORIENTABLE (gtk_widget_get_layout_manager (GTK_WIDGET (self))),
                                  GTK_ORIENTATION_VERTICAL);
  self->rows = g_list_store_new (RAPPORT_TYPE_RETURN_ROW);
  self->view = GTK_COLUMN_VIEW (gtk_column_view_new (NULL));
  self->sorted = gtk_sort_list_model_new (G_LIST_MODEL (g_object_ref (self->rows)),
                                          g_object_ref (gtk_column_view_get_sorter (self->view)));
  selection = gtk_single_selection_new (G_LIST_MODEL (self->sorted));
  gtk_single_selection_set_autoselect (selection, FALSE);
  gtk_single_selection_set_can_unselect (selection, TRUE);
  gtk_column_view_set_model (self->view, GTK_SELECTION_MODEL (selection));
  g_object_unref (selection);
  gtk_column_view_set_single_click_activate (self->view, TRUE);
  gtk_column_view_set_show_column_separators (self->view, FALSE);
  gtk_widget_add_css_class (GTK_WIDGET (self->view), "data-table");
  g_signal_connect_object (self->view, "activate", G_CALLBACK (on_activate), self, G_CONNECT_SWAPPED);

  for (Column c = 0; c < N_COLUMNS; c++)
    {
      GtkListItemFactory *factory = gtk_signal_list_item_factory_new ();
      GtkColumnViewColumn *column;
      GtkSorter *sorter = GTK_SORTER (gtk_custom_sorter_new (compare_rows, GINT_TO_POINTER (c), NULL));

      g_signal_connect (factory, "setup", G_CALLBACK (setup_cell), GINT_TO_POINTER (c));
      g_signal_connect (factory, "bind", G_CALLBACK (bind_cell), GINT_TO_POINTER (c));
      column = gtk_column_view_column_new (_(column_titles[c]), factory);
      gtk_column_view_column_set_sorter (column, sorter);
      gtk_column_view_column_set_expand (column, c == COLUMN_GROUP);
      gtk_column_view_column_set_resizable (column, TRUE);
      gtk_column_view_append_column (self->view, column);
      g_object_unref (sorter);
      g_object_unref (column);
    }

  /* Narrow windows scroll the table sideways rather than crush it. */
  self->scrolled = gtk_scrolled_window_new ();
  gtk_scrolled_window_set_policy (GTK_SCROLLED_WINDOW (self->scrolled), GTK_POLICY_AUTOMATIC, GTK_POLICY_NEVER);
  gtk_scrolled_window_set_propagate_natural_height (GTK_SCROLLED_WINDOW (self->scrolled), TRUE);
  gtk_scrolled_window_set_child (GTK_SCROLLED_WINDOW (self->scrolled), GTK_WIDGET (self->view));
  gtk_widget_set_parent (self->scrolled, GTK_WIDGET (self));
  gtk_widget_set_visible (self->scrolled, FALSE);

  self->empty_label = gtk_label_new (_("No group had events in this period."));
  gtk_widget_add_css_class (self->empty_label, "dim-label");
  gtk_widget_set_parent (self->empty_label, GTK_WIDGET (self));
}
