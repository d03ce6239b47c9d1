/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-chart-export.c: a chart as a file: PNG, SVG or PDF through the
 * matching cairo surface, drawn by rapport_chart_draw() like the widget
 * but with its title and in the light style's colours on white (a file is
 * looked at elsewhere, in another style); and its numbers as CSV, for a
 * spreadsheet. A file appears whole or not at all: the pictures are
 * written beside it and renamed, the CSV with g_file_set_contents(). */
#define G_LOG_DOMAIN "rapport-chart"

#include "config.h"

#include <cairo-pdf.h>
#include <cairo-svg.h>
#include <errno.h>
#include <glib/gi18n.h>
#include <glib/gstdio.h>
#include <math.h>
#include <string.h>

#include "rapport-chart-private.h"

static gboolean
finish_file (cairo_surface_t *surface,
             cairo_status_t status,
             const char *part,
             const char *path,
             GError **error)
{
  int saved_errno;

  cairo_surface_finish (surface);
  if (status == CAIRO_STATUS_SUCCESS)
    status = cairo_surface_status (surface);
  cairo_surface_destroy (surface);
  if (status != CAIRO_STATUS_SUCCESS)
    {
      g_unlink (part);
      g_set_error (error, G_IO_ERROR, G_IO_ERROR_FAILED,
                   /* TRANSLATORS: a file name, and why it could not be written */
                   _("Could not write %s: %s"), path, cairo_status_to_string (status));
      return FALSE;
    }
  if (g_rename (part, path) == 0)
    return TRUE;
  saved_errno = errno;
  g_unlink (part);
  g_set_error (error, G_IO_ERROR, g_io_error_from_errno (saved_errno), _("Could not write %s: %s"), path, g_strerror (saved_errno));
  return FALSE;
}

/**
 * rapport_chart_export:
 * @self: a chart
 * @format: the kind of file
 * @path: where to write it
 * @width: the width of the picture, or 0 for the widget's (800 pixels or
 *   points when it has none)
 * @height: its height, or 0 likewise (480)
 * @error: where to put an error
 *
 * Draws the chart to a file with its title, in the light style's colours.
 * The file appears whole or not at all: it is written beside @path first.
 *
 * Returns: whether the file was written
 */
gboolean
rapport_chart_export (RapportChart *self,
                      RapportChartExport format,
                      const char *path,
                      int width,
                      int height,
                      GError **error)
{
  g_autofree char *part = NULL;
  cairo_surface_t *surface;
  cairo_status_t status;
  cairo_t *cr;

  g_return_val_if_fail (RAPPORT_IS_CHART (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  if (width <= 0 || height <= 0)
    {
      width = gtk_widget_get_width (GTK_WIDGET (self));
      height = gtk_widget_get_height (GTK_WIDGET (self));
    }
  if (width <= 0 || height <= 0)
    {
      width = RAPPORT_CHART_EXPORT_WIDTH;
      height = RAPPORT_CHART_EXPORT_HEIGHT;
    }
  part = g_strconcat (path, ".part", NULL);
  switch (format)
    {
    case RAPPORT_CHART_EXPORT_SVG:
      surface = cairo_svg_surface_create (part, width, height);
      break;
    case RAPPORT_CHART_EXPORT_PDF:
      surface = cairo_pdf_surface_create (part, width, height);
      break;
    case RAPPORT_CHART_EXPORT_PNG:
    default:
      surface = cairo_image_surface_create (CAIRO_FORMAT_ARGB32, width, height);
      break;
    }
  cr = cairo_create (surface);
  rapport_chart_draw (self, cr, width, height, TRUE);
  status = cairo_status (cr);
  cairo_destroy (cr);
  if (status == CAIRO_STATUS_SUCCESS && format == RAPPORT_CHART_EXPORT_PNG)
    status = cairo_surface_write_to_png (surface, part);
  return finish_file (surface, status, part, path, error);
}

static void
append_csv_field (GString *csv,
                  const char *field,
                  gboolean last)
{
  if (strpbrk (field, ",\"\r\n") != NULL)
    {
      g_string_append_c (csv, '"');
      for (const char *c = field; *c != '\0'; c++)
        {
          if (*c == '"')
            g_string_append_c (csv, '"');
          g_string_append_c (csv, *c);
        }
      g_string_append_c (csv, '"');
    }
  else
    g_string_append (csv, field);
  g_string_append (csv, last ? "\r\n" : ",");
}

/**
 * rapport_chart_to_csv:
 * @self: a chart
 *
 * The chart's numbers as CSV (RFC 4180): a header "Series,X,Value,Label",
 * then a row a point: the series' name, x worded as on its axis (the
 * category, "2026-03" for a month, the ISO date for a time, or the
 * number), the raw value (empty when missing) and the point's label.
 *
 * Returns: (transfer full): the text
 */
char *
rapport_chart_to_csv (RapportChart *self)
{
  GString *csv;

  g_return_val_if_fail (RAPPORT_IS_CHART (self), NULL);

  csv = g_string_new ("Series,X,Value,Label\r\n");
  for (guint s = 0; s < rapport_chart_get_n_all_series (self); s++)
    {
      RapportChartSeries *series = rapport_chart_get_any_series (self, s);

      for (guint i = 0; i < rapport_chart_series_get_n_points (series); i++)
        {
          const RapportChartPoint *point = rapport_chart_series_get_point (series, i);
          g_autofree char *x = rapport_chart_format_x (self, point->x, TRUE);
          char value[G_ASCII_DTOSTR_BUF_SIZE] = "";

          if (isfinite (point->y))
            g_ascii_formatd (value, sizeof value, "%.10g", point->y);
          append_csv_field (csv, rapport_chart_series_get_name (series), FALSE);
          append_csv_field (csv, x, FALSE);
          append_csv_field (csv, value, FALSE);
          append_csv_field (csv, point->label != NULL ? point->label : "", TRUE);
        }
    }
  return g_string_free (csv, FALSE);
}

/**
 * rapport_chart_export_csv:
 * @self: a chart
 * @path: where to write the file
 * @error: where to put an error
 *
 * Writes rapport_chart_to_csv() to @path, whole or not at all.
 *
 * Returns: whether the file was written
 */
gboolean
rapport_chart_export_csv (RapportChart *self,
                          const char *path,
                          GError **error)
{
  g_autofree char *csv = NULL;

  g_return_val_if_fail (RAPPORT_IS_CHART (self), FALSE);
  g_return_val_if_fail (path != NULL, FALSE);

  csv = rapport_chart_to_csv (self);
  return g_file_set_contents (path, csv, -1, error);
}
