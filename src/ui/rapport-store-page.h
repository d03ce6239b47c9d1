/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-store-page.h: the base of pages that show one record of a store. */
#pragma once

#include <adwaita.h>

#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_STORE_PAGE (rapport_store_page_get_type ())
G_DECLARE_DERIVABLE_TYPE (RapportStorePage, rapport_store_page, RAPPORT, STORE_PAGE, GtkWidget)

/**
 * RapportStorePageClass:
 * @reload: reads the record again and shows it; called from an idle
 *   after rapport_store_page_queue_reload(), or when the page is shown
 *   again after changes while it was hidden
 */
struct _RapportStorePageClass
{
  GtkWidgetClass parent_class;

  void (*reload) (RapportStorePage *self);
};

RapportStore *rapport_store_page_get_store (RapportStorePage *self);
void rapport_store_page_queue_reload (RapportStorePage *self);
void rapport_store_page_gone (RapportStorePage *self);
GtkWidget *rapport_store_page_add_row (RapportStorePage *self, AdwPreferencesGroup *group, GtkWidget *row);
GtkWidget *rapport_store_page_add_figure (RapportStorePage *self,
                                          AdwPreferencesGroup *group,
                                          const char *title,
                                          const char *value);
void rapport_store_page_clear_rows (RapportStorePage *self);

G_END_DECLS
