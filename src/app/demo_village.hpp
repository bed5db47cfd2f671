#pragma once
#include <cstdint>

#include "domain/sites/site_service.hpp"
#include "domain/store.hpp"

namespace buurtplein::app {

/// A group organises things in the demo too (issue 4 §5): on each Nijmegen demo site the first
/// public demo group (by name) becomes the organiser of the site's first coming public demo event
/// and of its newest public demo news post, so the group's page, its iCal feed and "door groep"
/// show example content. Runs after the demo's events, groups and news; idempotent (an item that
/// names a group keeps it). Returns how many items it linked.
int LinkDemoGroupItems(domain::Store& store, const domain::sites::Directory& directory, std::int64_t now);

/// An organisation of the sociale kaart organises things in the demo too (issue 4 §3): on Oost
/// and Zuid a made-up event in the coming week (marked as example in its title and text) organised
/// by an example organisation and added by its demo professional, so
/// the event page, the agenda and the API show an organisation linked to its sociale-kaart page.
/// Runs after the demo's professionals; idempotent (by title). Returns how many it added.
int LoadDemoOrganisationEvents(domain::Store& store, const domain::sites::Directory& directory, std::int64_t now);

}  // namespace buurtplein::app
