// Atom feeds, autodiscovery, OpenGraph and share links as a feed reader, a messenger preview
// and a resident meet them: the feeds parse as XML (libxml2) with the Atom structure RFC 4287
// asks for, carry public news only with its text escaped, follow news writes through the page
// cache (the city feed too), and pages announce them.
#include <libxml/parser.h>
#include <libxml/tree.h>

#include <memory>
#include <vector>

#include "feeds_fixture.hpp"

namespace buurtplein::testing {
namespace {

using domain::news::Visibility;

constexpr const char* kAtomNs = "http://www.w3.org/2005/Atom";

struct XmlDocDeleter {
  void operator()(xmlDoc* d) const { xmlFreeDoc(d); }
};
using XmlDoc = std::unique_ptr<xmlDoc, XmlDocDeleter>;

XmlDoc ParseXml(const std::string& body) {
  return XmlDoc(xmlReadMemory(body.data(), static_cast<int>(body.size()), "feed.xml", nullptr,
                              XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING));
}

bool IsAtom(const xmlNode* n, const char* name) {
  return n->type == XML_ELEMENT_NODE && n->ns && xmlStrcmp(n->ns->href, BAD_CAST kAtomNs) == 0 &&
         xmlStrcmp(n->name, BAD_CAST name) == 0;
}

std::vector<const xmlNode*> Children(const xmlNode* parent, const char* name) {
  std::vector<const xmlNode*> out;
  for (const xmlNode* c = parent->children; c; c = c->next) {
    if (IsAtom(c, name)) out.push_back(c);
  }
  return out;
}

std::string Text(const xmlNode* n) {
  xmlChar* t = xmlNodeGetContent(n);
  std::string out = t ? reinterpret_cast<const char*>(t) : "";
  xmlFree(t);
  return out;
}

std::string Attr(const xmlNode* n, const char* name) {
  xmlChar* v = xmlGetProp(n, BAD_CAST name);
  std::string out = v ? reinterpret_cast<const char*>(v) : "";
  xmlFree(v);
  return out;
}

std::string ChildText(const xmlNode* parent, const char* name) {
  auto c = Children(parent, name);
  return c.size() == 1 ? Text(c[0]) : "<" + std::to_string(c.size()) + " " + name + ">";
}

bool IsRfc3339Utc(const std::string& s) {
  return s.size() == 20 && s[4] == '-' && s[7] == '-' && s[10] == 'T' && s[13] == ':' && s[16] == ':' && s[19] == 'Z';
}

// RFC 4287 §4.1.1/4.1.2: a feed has exactly one id, title and updated, a self link, an author
// (here on the feed); every entry exactly one id, title, updated and an alternate link. The
// entries' titles, in order.
std::vector<std::string> CheckAtom(const std::string& body, const std::string& self_url) {
  auto doc = ParseXml(body);
  EXPECT_TRUE(doc) << "the feed is not well-formed XML:\n" << body;
  if (!doc) return {};
  const xmlNode* feed = xmlDocGetRootElement(doc.get());
  EXPECT_TRUE(IsAtom(feed, "feed")) << "root is Atom's <feed>";
  for (const char* one : {"id", "title", "updated", "author"}) {
    EXPECT_EQ(Children(feed, one).size(), 1u) << one;
  }
  EXPECT_TRUE(IsRfc3339Utc(ChildText(feed, "updated"))) << ChildText(feed, "updated");
  EXPECT_EQ(ChildText(feed, "id"), self_url);
  bool self = false, alternate = false;
  for (const xmlNode* l : Children(feed, "link")) {
    if (Attr(l, "rel") == "self") self = Attr(l, "href") == self_url && Attr(l, "type") == "application/atom+xml";
    if (Attr(l, "rel") == "alternate") alternate = Attr(l, "href").rfind("http://localhost:8080/", 0) == 0;
  }
  EXPECT_TRUE(self) << "rel=self with the feed's own address";
  EXPECT_TRUE(alternate);
  std::vector<std::string> titles;
  for (const xmlNode* e : Children(feed, "entry")) {
    for (const char* one : {"id", "title", "updated", "published", "author"}) {
      EXPECT_EQ(Children(e, one).size(), 1u) << one;
    }
    EXPECT_TRUE(IsRfc3339Utc(ChildText(e, "updated")));
    EXPECT_TRUE(IsRfc3339Utc(ChildText(e, "published")));
    // Entries link into the feed's city: "http://localhost:8080/nijmegen/…".
    const std::string city_prefix = self_url.substr(0, self_url.find('/', std::string("http://localhost:8080/").size()) + 1);
    EXPECT_EQ(ChildText(e, "id").rfind(city_prefix, 0), 0u) << ChildText(e, "id");
    auto links = Children(e, "link");
    EXPECT_EQ(links.size(), 1u);
    if (links.size() == 1) {
      EXPECT_EQ(Attr(links[0], "rel"), "alternate");
      EXPECT_EQ(Attr(links[0], "href"), ChildText(e, "id"));
    }
    auto authors = Children(e, "author");
    if (authors.size() == 1) EXPECT_EQ(Children(authors[0], "name").size(), 1u);
    auto content = Children(e, "content");
    if (content.size() == 1) EXPECT_EQ(Attr(content[0], "type"), "html");
    titles.push_back(ChildText(e, "title"));
  }
  return titles;
}

const xmlNode* Entry(const XmlDoc& doc, const std::string& title) {
  for (const xmlNode* e : Children(xmlDocGetRootElement(doc.get()), "entry")) {
    if (ChildText(e, "title") == title) return e;
  }
  return nullptr;
}

class FeedsTest : public FeedsFixture {};

TEST_F(FeedsTest, SiteFeedIsAtomWithPublicPublishedNewsOnlyAndEscapedText) {
  const std::string tricky = "Fiets & <b>bel</b> \"gevonden\" 'bij' de kerk";
  StorePost(oost_, anna_, "Oud papier", "Zaterdag **oud papier**.", Now() - 7200);
  StorePost(oost_, anna_, tricky, "Zie <script>alert(1)</script> en [link](javascript:alert(1)) & meer.", Now() - 3600);
  StorePost(oost_, anna_, "Alleen voor leden", "Geheim", Now() - 60, Visibility::kMembers);
  StorePost(zuid_, carla_, "Nieuws uit Zuid", "Hallo", Now() - 60);

  auto r = server_.Get("/nijmegen/oost/nieuws.atom");
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Header("content-type"), "application/atom+xml; charset=utf-8");
  const auto titles = CheckAtom(r.body, "http://localhost:8080/nijmegen/oost/nieuws.atom");
  EXPECT_EQ(titles, (std::vector<std::string>{tricky, "Oud papier"})) << "newest first, public only, this site only";
  EXPECT_EQ(r.body.find("Alleen voor leden"), std::string::npos);
  EXPECT_EQ(r.body.find("Geheim"), std::string::npos);
  EXPECT_EQ(r.body.find("<b>bel</b>"), std::string::npos) << "markup in a title is escaped";
  EXPECT_EQ(r.body.find("<script"), std::string::npos);

  auto doc = ParseXml(r.body);
  const xmlNode* e = Entry(doc, tricky);
  ASSERT_TRUE(e);
  auto author = Children(e, "author");
  ASSERT_EQ(author.size(), 1u);
  EXPECT_EQ(ChildText(author[0], "name"), "Anna de Vries");
  EXPECT_EQ(r.body.find("anna-feeds@example.nl"), std::string::npos) << "never an e-mail address";
  const std::string html = ChildText(e, "content");
  EXPECT_NE(html.find("<p>"), std::string::npos) << html;
  EXPECT_EQ(html.find("<script"), std::string::npos) << "the Markdown is rendered in safe mode";
  EXPECT_EQ(html.find("javascript:"), std::string::npos);
  const xmlNode* older = Entry(doc, "Oud papier");
  ASSERT_TRUE(older);
  EXPECT_NE(ChildText(older, "content").find("<strong>oud papier</strong>"), std::string::npos);
  EXPECT_EQ(Attr(xmlDocGetRootElement(doc.get()), "lang"), "nl");
}

TEST_F(FeedsTest, EmptyFeedIsStillValidAtom) {
  auto r = server_.Get("/nijmegen/noord/nieuws.atom", "Accept-Language: en\r\n");
  ASSERT_EQ(r.status, 200);
  EXPECT_TRUE(CheckAtom(r.body, "http://localhost:8080/nijmegen/noord/nieuws.atom").empty());
  EXPECT_NE(r.body.find("xml:lang=\"en\""), std::string::npos);
  EXPECT_EQ(server_.Get("/nijmegen/atlantis/nieuws.atom").status, 404);
  EXPECT_EQ(server_.Get("/atlantis/nieuws.atom").status, 404);
}

TEST_F(FeedsTest, CityFeedGathersEverySiteOfTheCityAndFollowsNewsWrites) {
  StorePost(oost_, anna_, "Nieuws uit Oost", "Hallo Oost", Now() - 600);
  StorePost(zuid_, carla_, "Leden in Zuid", "Niet voor buiten", Now() - 300, Visibility::kMembers);
  // A site in another city, with news of its own.
  auto& rt = server_.runtime();
  const auto* arnhem = rt.sites().directory()->FindCity("arnhem");
  ASSERT_TRUE(arnhem);
  domain::sites::SiteDraft draft{"presikhaaf", "Buurtplein Presikhaaf", "", "#204a87", "#f57900", "",
                                 domain::sites::SiteStatus::kLive, {}, {}};
  auto presikhaaf = rt.sites().UpsertSite(arnhem->id, draft);
  ASSERT_TRUE(presikhaaf.ok());
  StorePost(presikhaaf->id, anna_, "Nieuws uit Arnhem", "Hallo Arnhem", Now() - 500);

  auto first = server_.Get("/nijmegen/nieuws.atom");
  ASSERT_EQ(first.status, 200);
  EXPECT_EQ(CheckAtom(first.body, "http://localhost:8080/nijmegen/nieuws.atom"),
            (std::vector<std::string>{"Nieuws uit Oost"}));
  ASSERT_FALSE(first.Header("etag").empty()) << "the city feed is cached";
  EXPECT_EQ(server_.Get("/nijmegen/nieuws.atom").Header("etag"), first.Header("etag"));
  auto doc = ParseXml(first.body);
  const xmlNode* e = Entry(doc, "Nieuws uit Oost");
  ASSERT_TRUE(e);
  auto category = Children(e, "category");
  ASSERT_EQ(category.size(), 1u);
  EXPECT_EQ(Attr(category[0], "term"), "Buurtplein Oost");
  EXPECT_EQ(ChildText(e, "id").rfind("http://localhost:8080/nijmegen/oost/nieuws/", 0), 0u);

  // A resident of Zuid posts: the site's pages and the city feed are stale at once.
  BrowserClient carla(server_);
  LogIn(carla, carla_);
  auto posted = PostNews(carla, "zuid", "Snoeidag in Zuid", "Zaterdag snoeien we samen.");
  ASSERT_EQ(posted.status, 303) << posted.body;
  auto after = server_.Get("/nijmegen/nieuws.atom");
  EXPECT_EQ(CheckAtom(after.body, "http://localhost:8080/nijmegen/nieuws.atom"),
            (std::vector<std::string>{"Snoeidag in Zuid", "Nieuws uit Oost"}));
  EXPECT_NE(after.Header("etag"), first.Header("etag"));
  EXPECT_NE(server_.Get("/nijmegen/zuid/nieuws.atom").body.find("Snoeidag in Zuid"), std::string::npos);
  auto arnhem_feed = server_.Get("/arnhem/nieuws.atom").body;
  EXPECT_EQ(CheckAtom(arnhem_feed, "http://localhost:8080/arnhem/nieuws.atom"),
            (std::vector<std::string>{"Nieuws uit Arnhem"}))
      << "another city";
}

TEST_F(FeedsTest, FeedWithAScheduledPublicPostIsNotCached) {
  StorePost(oost_, anna_, "Straks", "Komt later", Now() + 3600);
  auto r = server_.Get("/nijmegen/oost/nieuws.atom");
  ASSERT_EQ(r.status, 200);
  EXPECT_EQ(r.body.find("Straks"), std::string::npos);
  EXPECT_TRUE(r.Header("etag").empty()) << "not stored: the post appears without a write";
  EXPECT_TRUE(server_.Get("/nijmegen/nieuws.atom").Header("etag").empty());
  EXPECT_FALSE(server_.Get("/nijmegen/zuid/nieuws.atom").Header("etag").empty()) << "other sites are cached";
}

TEST_F(FeedsTest, SiteAndCityPagesAnnounceTheirFeeds) {
  const std::string site_link =
      "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"Nieuws – Buurtplein Oost\" "
      "href=\"http://localhost:8080/nijmegen/oost/nieuws.atom\">";
  EXPECT_NE(server_.Get("/nijmegen/oost/").body.find(site_link), std::string::npos);
  EXPECT_NE(server_.Get("/nijmegen/oost/nieuws/").body.find(site_link), std::string::npos);
  const std::string city_link =
      "<link rel=\"alternate\" type=\"application/atom+xml\" title=\"News – Nijmegen\" "
      "href=\"http://localhost:8080/nijmegen/nieuws.atom\">";
  EXPECT_NE(server_.Get("/nijmegen/", "Accept-Language: en\r\n").body.find(city_link), std::string::npos);
  EXPECT_EQ(server_.Get("/").body.find("application/atom+xml"), std::string::npos) << "no feed on the platform home";
}

TEST_F(FeedsTest, ContentPagesCarryOpenGraph) {
  auto site = server_.Get("/nijmegen/oost/");
  for (const std::string tag :
       {"<meta property=\"og:type\" content=\"website\">", "<meta property=\"og:title\" content=\"Buurtplein Oost\">",
        "<meta property=\"og:site_name\" content=\"Buurtplein Oost\">", "<meta property=\"og:locale\" content=\"nl_NL\">",
        "<meta property=\"og:url\" content=\"http://localhost:8080/nijmegen/oost/\">",
        "<meta property=\"og:description\" content=\""}) {
    EXPECT_NE(site.body.find(tag), std::string::npos) << tag;
  }
  auto city = server_.Get("/nijmegen/", "Accept-Language: en\r\n");
  for (const std::string tag : {"<meta property=\"og:type\" content=\"website\">",
                                "<meta property=\"og:site_name\" content=\"Buurtplein Nijmegen\">",
                                "<meta property=\"og:locale\" content=\"en_GB\">",
                                "<meta property=\"og:url\" content=\"http://localhost:8080/nijmegen/\">",
                                "<meta property=\"og:title\" content=\"Nijmegen"}) {
    EXPECT_NE(city.body.find(tag), std::string::npos) << tag;
  }
}

TEST_F(FeedsTest, PublicNewsPostHasOpenGraphAndShareLinksMembersOnlyHasNeither) {
  const auto open = StorePost(oost_, anna_, "Buurtfeest & barbecue", "Iedereen is **welkom**.", Now() - 60);
  const auto closed = StorePost(oost_, anna_, "Ledenvergadering", "Alleen leden", Now() - 60, Visibility::kMembers);
  const std::string url = "http://localhost:8080/nijmegen/oost/nieuws/" + std::to_string(open.id.value);
  auto page = server_.Get("/nijmegen/oost/nieuws/" + std::to_string(open.id.value));
  ASSERT_EQ(page.status, 200);
  for (const std::string tag : std::vector<std::string>{"<meta property=\"og:type\" content=\"article\">",
                                "<meta property=\"og:title\" content=\"Buurtfeest &amp; barbecue\">",
                                "<meta property=\"og:description\" content=\"Iedereen is welkom.\">",
                                "<meta property=\"og:url\" content=\"" + url + "\">",
                                "<meta property=\"og:site_name\" content=\"Buurtplein Oost\">",
                                "<meta property=\"og:locale\" content=\"nl_NL\">",
                                "<meta property=\"article:published_time\" content=\""}) {
    EXPECT_NE(page.body.find(tag), std::string::npos) << tag;
  }
  // Share links: plain links with the title and address encoded; a copy button for share.js and
  // a read-only field with the address without JavaScript.
  EXPECT_NE(page.body.find("href=\"mailto:?subject=Buurtfeest%20%26%20barbecue&amp;body="), std::string::npos);
  EXPECT_NE(page.body.find("href=\"https://wa.me/?text=Buurtfeest%20%26%20barbecue%20http%3A//localhost%3A8080/"
                           "nijmegen/oost/nieuws/" + std::to_string(open.id.value) + "\""),
            std::string::npos);
  EXPECT_NE(page.body.find("value=\"" + url + "\" readonly"), std::string::npos);
  EXPECT_NE(page.body.find("data-share-copy hidden"), std::string::npos);
  EXPECT_NE(page.body.find("/static/js/share."), std::string::npos);
  EXPECT_EQ(page.body.find("src=\"https://"), std::string::npos) << "nothing loaded from another site";

  BrowserClient anna(server_);
  LogIn(anna, anna_);
  auto members = anna.Get("/nijmegen/oost/nieuws/" + std::to_string(closed.id.value));
  ASSERT_EQ(members.status, 200);
  EXPECT_EQ(members.body.find("og:title"), std::string::npos);
  EXPECT_EQ(members.body.find("wa.me"), std::string::npos);
}

}  // namespace
}  // namespace buurtplein::testing
