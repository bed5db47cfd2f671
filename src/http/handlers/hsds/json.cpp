#include "http/handlers/hsds/json.hpp"

#include <cstdio>
#include <ctime>

namespace buurtplein::http::handlers::hsds {

using nlohmann::json;
using namespace domain::directory;

namespace {

void Put(json& j, const char* key, const std::string& value) {
  if (!value.empty()) j[key] = value;
}

json PhonesJson(const std::vector<Phone>& phones, const char* owner_key, const std::string& owner_uuid) {
  json out = json::array();
  for (const auto& p : phones) {
    json j = {{"id", p.uuid}, {"number", p.number}, {owner_key, owner_uuid}};
    Put(j, "type", p.type);
    Put(j, "description", p.description);
    out.push_back(j);
  }
  return out;
}

json LanguagesJson(const std::vector<Language>& languages, const char* owner_key, const std::string& owner_uuid) {
  json out = json::array();
  for (const auto& l : languages) {
    json j = {{"id", l.uuid}, {"code", l.code}, {owner_key, owner_uuid}};
    Put(j, "name", l.name);
    Put(j, "note", l.note);
    out.push_back(j);
  }
  return out;
}

json ContactsJson(const std::vector<Contact>& contacts, const char* owner_key, const std::string& owner_uuid) {
  json out = json::array();
  for (const auto& c : contacts) {
    json j = {{"id", c.uuid}, {owner_key, owner_uuid}};
    Put(j, "name", c.name);
    Put(j, "title", c.title);
    Put(j, "department", c.department);
    Put(j, "email", c.email);
    if (!c.phone.empty()) j["phones"] = json::array({{{"id", c.uuid}, {"number", c.phone}, {"contact_id", c.uuid}}});
    out.push_back(j);
  }
  return out;
}

// Weekly lines as HSDS schedules; an exception becomes a schedule valid on that one date.
json SchedulesJson(const std::vector<Schedule>& schedules, const char* owner_key, const std::string& owner_uuid) {
  json out = json::array();
  for (const auto& s : schedules) {
    json j = {{"id", s.uuid}, {owner_key, owner_uuid}};
    if (s.exception) {
      j["valid_from"] = s.valid_from;
      j["valid_to"] = s.valid_from;
      if (s.closed) {
        j["description"] = s.description.empty() ? "Gesloten" : "Gesloten: " + s.description;
      } else {
        Put(j, "opens_at", s.opens_at);
        Put(j, "closes_at", s.closes_at);
        Put(j, "description", s.description);
      }
      j["notes"] = "exception";
    } else {
      j["freq"] = "WEEKLY";
      j["wkst"] = "MO";
      Put(j, "byday", s.byday);
      Put(j, "opens_at", s.opens_at);
      Put(j, "closes_at", s.closes_at);
      Put(j, "valid_from", s.valid_from);
      Put(j, "valid_to", s.valid_to);
      Put(j, "description", s.description);
    }
    out.push_back(j);
  }
  return out;
}

}  // namespace

std::string IsoTime(std::int64_t unix_seconds) {
  const std::time_t t = static_cast<std::time_t>(unix_seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[96];
  std::snprintf(buf, sizeof buf, "%04d-%02d-%02dT%02d:%02d:%02dZ", tm.tm_year + 1900, tm.tm_mon + 1, tm.tm_mday,
                tm.tm_hour, tm.tm_min, tm.tm_sec);
  return buf;
}

json TaxonomyJson(const Taxonomy& t) {
  json j = {{"id", t.uuid}, {"name", t.name}, {"description", t.description.empty() ? t.name : t.description}};
  Put(j, "version", t.version);
  return j;
}

json TermJson(const Term& t) {
  json j = {{"id", t.uuid},
            {"code", t.code},
            {"name", t.name},
            {"description", t.description.empty() ? t.name : t.description},
            {"language", "nl"}};
  Put(j, "taxonomy", t.taxonomy_name);
  Put(j, "taxonomy_id", t.taxonomy_uuid);
  return j;
}

json LocationJson(const Location& l) {
  json j = {{"id", l.uuid}, {"location_type", l.location_type}, {"name", l.name}};
  Put(j, "description", l.description);
  Put(j, "transportation", l.transportation);
  if (l.latitude && l.longitude) {
    j["latitude"] = *l.latitude;
    j["longitude"] = *l.longitude;
  }
  if (!l.buurt_code.empty()) {
    j["external_identifier"] = l.buurt_code;
    j["external_identifier_type"] = "CBS buurtcode";
  }
  if (!l.address_1.empty()) {
    j["addresses"] = json::array({{{"id", l.uuid},
                                   {"location_id", l.uuid},
                                   {"address_1", l.address_1},
                                   {"city", l.address_city},
                                   {"state_province", l.state_province},
                                   {"postal_code", l.postal_code},
                                   {"country", l.country.empty() ? "NL" : l.country},
                                   {"address_type", l.location_type == "postal" ? "postal" : "physical"}}});
  }
  if (!l.accessibility.empty()) {
    j["accessibility"] = json::array({{{"id", l.uuid}, {"location_id", l.uuid}, {"description", l.accessibility}}});
  }
  j["phones"] = PhonesJson(l.phones, "location_id", l.uuid);
  j["languages"] = LanguagesJson(l.languages, "location_id", l.uuid);
  j["schedules"] = SchedulesJson(l.schedules, "location_id", l.uuid);
  return j;
}

json ServiceJson(const Service& s, bool full, const Organization* org, const std::vector<Location>* locations) {
  json j = {{"id", s.uuid},
            {"organization_id", s.organization_uuid},
            {"name", s.name},
            {"status", s.status},
            {"last_modified", IsoTime(s.updated_at)}};
  Put(j, "alternate_name", s.alternate_name);
  Put(j, "description", s.description);
  Put(j, "url", s.url);
  Put(j, "email", s.email);
  Put(j, "interpretation_services", s.interpretation_services);
  Put(j, "application_process", s.application_process);
  Put(j, "fees_description", s.free && s.fees_description.empty() ? std::string("Gratis") : s.fees_description);
  Put(j, "eligibility_description", s.eligibility_description);
  if (s.minimum_age) j["minimum_age"] = *s.minimum_age;
  if (s.maximum_age) j["maximum_age"] = *s.maximum_age;
  Put(j, "assured_date", s.assurance.assured_date);
  Put(j, "assurer_email", s.assurance.assurer_email);
  Put(j, "alert", s.alert);
  if (!full) return j;

  j["phones"] = PhonesJson(s.phones, "service_id", s.uuid);
  j["schedules"] = SchedulesJson(s.schedules, "service_id", s.uuid);
  json areas = json::array();
  for (const auto& a : s.areas) {
    json area = {{"id", a.uuid}, {"service_id", s.uuid}};
    switch (a.type) {
      case AreaType::kCity:
        area["name"] = a.name.empty() ? "Hele gemeente" : a.name;
        area["extent_type"] = "gemeente";
        break;
      case AreaType::kWijk:
        area["name"] = a.name.empty() ? a.code : a.name;
        area["extent_type"] = "CBS wijkcode";
        area["extent"] = a.code;
        break;
      case AreaType::kBuurt:
        area["name"] = a.name.empty() ? a.code : a.name;
        area["extent_type"] = "CBS buurtcode";
        area["extent"] = a.code;
        break;
    }
    areas.push_back(area);
  }
  j["service_areas"] = areas;
  json sals = json::array();
  for (const auto& sal : s.at_locations) {
    json x = {{"id", sal.uuid}, {"service_id", s.uuid}, {"location_id", sal.location_uuid}};
    Put(x, "description", sal.description);
    if (locations) {
      for (const auto& l : *locations) {
        if (l.id == sal.location) x["location"] = LocationJson(l);
      }
    }
    sals.push_back(x);
  }
  j["service_at_locations"] = sals;
  j["languages"] = LanguagesJson(s.languages, "service_id", s.uuid);
  j["contacts"] = ContactsJson(s.contacts, "service_id", s.uuid);
  json attributes = json::array();
  for (const auto& t : s.terms) {
    attributes.push_back({{"id", t.link_uuid.empty() ? t.uuid : t.link_uuid},
                          {"link_id", s.uuid},
                          {"link_type", "service"},
                          {"link_entity", "service"},
                          {"taxonomy_term_id", t.uuid},
                          {"taxonomy_term", TermJson(t)}});
  }
  j["attributes"] = attributes;
  if (s.free) {
    j["cost_options"] = json::array({{{"id", s.uuid}, {"service_id", s.uuid}, {"option", "Gratis"},
                                      {"currency", "EUR"}, {"amount", 0}}});
  }
  if (org) j["organization"] = OrganizationJson(*org, nullptr, nullptr);
  return j;
}

json OrganizationJson(const Organization& o, const std::vector<Service>* services,
                      const std::vector<Location>* locations) {
  json j = {{"id", o.uuid}, {"name", o.name}, {"description", o.description.empty() ? o.name : o.description}};
  Put(j, "alternate_name", o.alternate_name);
  Put(j, "email", o.email);
  Put(j, "website", o.website);
  Put(j, "logo", o.logo);
  if (!o.kvk_number.empty()) {
    j["organization_identifiers"] = json::array({{{"id", o.uuid},
                                                  {"organization_id", o.uuid},
                                                  {"identifier_scheme", "NL-KVK"},
                                                  {"identifier_type", "KvK-nummer"},
                                                  {"identifier", o.kvk_number}}});
  }
  j["phones"] = PhonesJson(o.phones, "organization_id", o.uuid);
  j["contacts"] = ContactsJson(o.contacts, "organization_id", o.uuid);
  if (services) {
    json list = json::array();
    for (const auto& s : *services) list.push_back(ServiceJson(s, false));
    j["services"] = list;
  }
  if (locations) {
    json list = json::array();
    for (const auto& l : *locations) list.push_back(LocationJson(l));
    j["locations"] = list;
  }
  return j;
}

json ServiceAtLocationJson(const ServiceAtLocation& sal, const Service* service, const Location* location) {
  json j = {{"id", sal.uuid}, {"service_id", sal.service_uuid}, {"location_id", sal.location_uuid}};
  Put(j, "description", sal.description);
  if (location) j["location"] = LocationJson(*location);
  if (service) j["service"] = ServiceJson(*service, false);
  return j;
}

}  // namespace buurtplein::http::handlers::hsds
