/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-chart-card.c: a card holding one chart of Insights under its
 * heading and a sentence saying what it shows, with a menu that saves the
 * chart as PNG, SVG or PDF and its numbers as CSV. The chart's title is
 * the card's heading, so the exported file and what screen readers say
 * match what the user reads. */
#define G_LOG_DOMAIN "rapport-chart-card"

#include "config.h"

#include <glib/gi18n.h>

#include "rapport-chart-card.h"
#include "rapport-export.h"

struct _RapportChartCard
{
  GtkWidget parent_instance;

  GtkWidget *box;
  RapportChart *chart;
};

G_DEFINE_FINAL_TYPE (RapportChartCard, rapport_chart_card, GTK_TYPE_WIDGET)

/* What each entry of the menu saves: -1 for the numbers. */
static const struct
{
  const char *action;
  const char *extension;
  const char *mime_type;
  int format;
} exports[] = {
  { "png", "png", "image/png", RAPPORT_CHART_EXPORT_PNG },
  { "svg", "svg", "image/svg+xml", RAPPORT_CHART_EXPORT_SVG },
  { "pdf", "pdf", "application/pdf", RAPPORT_CHART_EXPORT_PDF },
  { "csv", "csv", "text/csv", -1 },
};

typedef struct
{
  RapportChart *chart;
  int format;
} Export;

static void
export_free (gpointer data)
{
  Export *export = data;

  g_object_unref (export->chart);
  g_free (export);
}

static gboolean
write_export (GFile *file,
              gpointer data,
              GError **error)
{
  Export *export = data;
  g_autofree char *path = g_file_get_path (file);

  if (path == NULL)
    {
      g_set_error_literal (error, G_IO_ERROR, G_IO_ERROR_NOT_SUPPORTED, _("Rapport can only save to a local folder."));
      return FALSE;
    }
  if (export->format < 0)
    return rapport_chart_export_csv (export->chart, path, error);
  return rapport_chart_export (export->chart, export->format, path, 0, 0, error);
}

static void
export_action (GtkWidget *widget,
               const char *action_name,
               GVariant *parameter)
{
  RapportChartCard *self = RAPPORT_CHART_CARD (widget);
  const char *which = g_variant_get_string (parameter, NULL);

  for (guint i = 0; i < G_N_ELEMENTS (exports); i++)
    if (g_str_equal (which, exports[i].action))
      {
        Export *export = g_new0 (Export, 1);
        const char *title = exports[i].format < 0 ? _("Export the Numbers") : _("Export the Chart");

        export->chart = g_object_ref (self->chart);
        export->format = exports[i].format;
        rapport_export_ask (widget, title, rapport_chart_get_title (self->chart), exports[i].extension, exports[i].mime_type, write_export, export, export_free);
        return;
      }
}

static GMenuModel *
export_menu (void)
{
  GMenu *menu = g_menu_new ();
  GMenu *images = g_menu_new ();
  GMenu *numbers = g_menu_new ();

  g_menu_append (images, _("Save as _PNG Image…"), "card.export::png");
  g_menu_append (images, _("Save as _SVG Image…"), "card.export::svg");
  g_menu_append (images, _("Save as P_DF…"), "card.export::pdf");
  g_menu_append (numbers, _("Save the _Numbers as CSV…"), "card.export::csv");
  g_menu_append_section (menu, NULL, G_MENU_MODEL (images));
  g_menu_append_section (menu, NULL, G_MENU_MODEL (numbers));
  g_object_unref (images);
  g_object_unref (numbers);
  return G_MENU_MODEL (menu);
}

/**
 * rapport_chart_card_new:
 * @title: the chart's title
 * @description: one sentence on what it shows and how to read it
 * @chart: (transfer floating): the chart
 *
 * Returns: (transfer floating): a card
 */
GtkWidget *
rapport_chart_card_new (const char *title,
                        const char *description,
                        RapportChart *chart)
{
  RapportChartCard *self = g_object_new (RAPPORT_TYPE_CHART_CARD, NULL);
  GtkWidget *menu_button = gtk_menu_button_new ();
  g_autoptr(GMenuModel) menu = export_menu ();
  g_autofree char *tooltip = g_strdup_printf (_("Export “%s”"), title);

  gtk_menu_button_set_icon_name (GTK_MENU_BUTTON (menu_button), "view-more-symbolic");
  gtk_menu_button_set_menu_model (GTK_MENU_BUTTON (menu_button), menu);
  gtk_widget_set_tooltip_text (menu_button, tooltip);

  self->chart = chart;
  rapport_chart_set_title (chart, title);
  gtk_widget_set_vexpand (GTK_WIDGET (chart), TRUE);
  gtk_box_append (GTK_BOX (self->box), rapport_chart_card_new_heading (title, description, menu_button));
  gtk_box_append (GTK_BOX (self->box), GTK_WIDGET (chart));
  return GTK_WIDGET (self);
}

/**
 * rapport_chart_card_new_heading:
 * @title: what the card shows
 * @description: one sentence on how to read it
 * @button: (transfer floating): a flat button beside them, for exports
 *
 * Returns: (transfer floating): the heading of an Insights card
 */
GtkWidget *
rapport_chart_card_new_heading (const char *title,
                                const char *description,
                                GtkWidget *button)
{
  GtkWidget *header = gtk_box_new (GTK_ORIENTATION_HORIZONTAL, 6);
  GtkWidget *texts = gtk_box_new (GTK_ORIENTATION_VERTICAL, 2);
  GtkWidget *heading = gtk_label_new (title);
  GtkWidget *explanation = gtk_label_new (description);

  gtk_label_set_wrap (GTK_LABEL (heading), TRUE);
  gtk_label_set_xalign (GTK_LABEL (heading), 0);
  gtk_widget_add_css_class (heading, "heading");
  gtk_label_set_wrap (GTK_LABEL (explanation), TRUE);
  gtk_label_set_xalign (GTK_LABEL (explanation), 0);
  gtk_widget_add_css_class (explanation, "dim-label");
  gtk_widget_add_css_class (explanation, "caption");
  gtk_widget_set_hexpand (texts, TRUE);
  gtk_box_append (GTK_BOX (texts), heading);
  gtk_box_append (GTK_BOX (texts), explanation);
  gtk_widget_set_valign (button, GTK_ALIGN_START);
  gtk_widget_add_css_class (button, "flat");
  gtk_box_append (GTK_BOX (header), texts);
  gtk_box_append (GTK_BOX (header), button);
  return header;
}

/**
 * rapport_chart_card_get_chart:
 * @self: a card
 *
 * Returns: (transfer none): its chart
 */
RapportChart *
rapport_chart_card_get_chart (RapportChartCard *self)
{
  g_return_val_if_fail (RAPPORT_IS_CHART_CARD (self), NULL);

  return self->chart;
}

/**
 * rapport_chart_card_add_footer:
 * @self: a card
 * @footer: (transfer floating): what goes under the chart
 */
void
rapport_chart_card_add_footer (RapportChartCard *self,
                               GtkWidget *footer)
{
  g_return_if_fail (RAPPORT_IS_CHART_CARD (self));

  gtk_box_append (GTK_BOX (self->box), footer);
}

static void
rapport_chart_card_dispose (GObject *object)
{
  RapportChartCard *self = RAPPORT_CHART_CARD (object);

  g_clear_pointer (&self->box, gtk_widget_unparent);
  G_OBJECT_CLASS (rapport_chart_card_parent_class)->dispose (object);
}

static void
rapport_chart_card_class_init (RapportChartCardClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  GtkWidgetClass *widget_class = GTK_WIDGET_CLASS (klass);

  object_class->dispose = rapport_chart_card_dispose;
  gtk_widget_class_set_layout_manager_type (widget_class, GTK_TYPE_BIN_LAYOUT);
  gtk_widget_class_set_css_name (widget_class, "chartcard");
  gtk_widget_class_install_action (widget_class, "card.export", "s", export_action);
}

static void
rapport_chart_card_init (RapportChartCard *self)
{
  self->box = gtk_box_new (GTK_ORIENTATION_VERTICAL, 12);
  gtk_widget_add_css_class (GTK_WIDGET (self), "card");
  gtk_widget_set_parent (self->box, GTK_WIDGET (self));
}
