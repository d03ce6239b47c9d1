/* SPDX-License-Identifier: GPL-3.0-or-later */
/* rapport-contacts-view.h: the contact list beside the open card. */
#pragma once

#include <adwaita.h>

#include "rapport-contact-page.h"
#include "rapport-store.h"

G_BEGIN_DECLS

#define RAPPORT_TYPE_CONTACTS_VIEW (rapport_contacts_view_get_type ())
G_DECLARE_FINAL_TYPE (RapportContactsView, rapport_contacts_view, RAPPORT, CONTACTS_VIEW, GtkWidget)

void rapport_contacts_view_set_store (RapportContactsView *self, RapportStore *store);
void rapport_contacts_view_show_contact (RapportContactsView *self, gint64 contact_id);
void rapport_contacts_view_focus_search (RapportContactsView *self);
void rapport_contacts_view_search (RapportContactsView *self, const char *text);
void rapport_contacts_view_edit_contact (RapportContactsView *self);
RapportContactPage *rapport_contacts_view_get_contact_page (RapportContactsView *self);
GListModel *rapport_contacts_view_get_shown (RapportContactsView *self);

G_END_DECLS
