// News extras over HTTP: a post with an image (served with long caching, metadata gone, 413 over
// 10 MB, 400 for a file that is no image, alt text required, replaced and removed on edit),
// comments, "bedankt" with and without JSON, categories and the filter, and site isolation.
#include <gtest/gtest.h>
#include <vips/vips.h>

#include <regex>

#include "media/vips_runtime.hpp"
#include "news_fixture.hpp"
#include "testlib/test_images.hpp"

namespace buurtplein::testing {
namespace {

class NewsExtrasTest : public NewsTest {
 protected:
  static void SetUpTestSuite() { media::StartVips("http_tests"); }

  // Posts news with an image on /nijmegen/{site}/ as `client`.
  WireResponse PostWithImage(BrowserClient& client, const std::string& site, const std::string& title,
                             const std::string& image, const std::string& alt,
                             const std::string& content_type = "image/jpeg", const std::string& category = "") {
    const std::string url = "/nijmegen/" + site + "/nieuws/nieuw";
    client.Get(url);
    return client.PostMultipart(url, {{"title", title, "", ""},
                                      {"body", "Kijk maar op de foto.", "", ""},
                                      {"visibility", "public", "", ""},
                                      {"publish_at", "", "", ""},
                                      {"category", category, "", ""},
                                      {"image", image, "foto.jpg", content_type},
                                      {"image_alt", alt, "", ""}});
  }

  static std::string PostPath(const WireResponse& r) {
    std::string location = r.Header("location");
    return location.substr(0, location.find('?'));
  }

  // Every image address on a page (src and srcset).
  static std::vector<std::string> ImageUrls(const std::string& html) {
    std::vector<std::string> out;
    static const std::regex re(R"((/nijmegen/[a-z-]+/nieuws/\d+/afbeelding/[0-9a-f]{32}-\d+\.jpg))");
    for (auto it = std::sregex_iterator(html.begin(), html.end(), re); it != std::sregex_iterator(); ++it) {
      out.push_back((*it)[1]);
    }
    return out;
  }

  // A category made by the buurtverbinder through the page; its id.
  std::string MakeCategory(const std::string& name) {
    BrowserClient bv(server_);
    LogIn(bv, bv_);
    auto r = bv.Submit("/nijmegen/oost/nieuws/categorieen/", "/nijmegen/oost/nieuws/categorieen/",
                       "name=" + FormEncode(name));
    EXPECT_EQ(r.status, 303) << r.body;
    for (const auto& c : server_.runtime().store().news().ListCategories(oost_, 30)) {
      if (c.name == name) return std::to_string(c.id.value);
    }
    ADD_FAILURE() << "no category " << name;
    return "";
  }
};

TEST_F(NewsExtrasTest, APostWithAnImageShowsItAndServesItWithLongCachingAndNoMetadata) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  const std::string jpeg = MakeImage(2000, 1500, "jpeg", ExifWithGps(1));
  auto posted = PostWithImage(anna, "oost", "Nieuwe boom op het plein", jpeg, "Kinderen planten een lindeboom");
  ASSERT_EQ(posted.status, 303) << posted.body;
  const std::string path = PostPath(posted);

  auto page = server_.Get(path);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("alt=\"Kinderen planten een lindeboom\""), std::string::npos);
  EXPECT_NE(page.body.find("srcset=\""), std::string::npos);
  EXPECT_NE(page.body.find(" 480w"), std::string::npos);
  EXPECT_NE(page.body.find(" 960w"), std::string::npos);
  EXPECT_NE(page.body.find(" 1600w"), std::string::npos);
  const auto urls = ImageUrls(page.body);
  ASSERT_GE(urls.size(), 3u);
  for (const auto& url : urls) {
    auto img = server_.Get(url);
    ASSERT_EQ(img.status, 200) << url;
    EXPECT_EQ(img.Header("content-type"), "image/jpeg");
    EXPECT_EQ(img.Header("cache-control"), "public, max-age=31536000, immutable");
    EXPECT_EQ(img.body.substr(0, 3), "\xFF\xD8\xFF");
    EXPECT_EQ(img.body.find("Exif"), std::string::npos) << "EXIF (with GPS) is stripped";
    EXPECT_EQ(img.body.find("Secret XMP place"), std::string::npos);
  }
  // The list and the site home show it too; Zuid does not serve Oost's image.
  EXPECT_NE(server_.Get("/nijmegen/oost/nieuws/").body.find("/afbeelding/"), std::string::npos);
  const std::string zuid_url = "/nijmegen/zuid" + urls[0].substr(std::string("/nijmegen/oost").size());
  EXPECT_EQ(server_.Get(zuid_url).status, 404);
  // A made-up key or width of a real post: not found.
  const std::string wrong_width = std::regex_replace(urls[0], std::regex(R"(-\d+\.jpg)"), "-123.jpg");
  EXPECT_EQ(server_.Get(wrong_width).status, 404);
  EXPECT_EQ(server_.Get(path + "/afbeelding/00000000000000000000000000000000-480.jpg").status, 404);
  EXPECT_EQ(server_.Get(path + "/afbeelding/..%2F..%2Fetc-480.jpg").status / 100, 4);  // 400 from the server
}

TEST_F(NewsExtrasTest, AnUploadOverTenMegabytesIsRefusedWith413) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  anna.Get("/nijmegen/oost/nieuws/nieuw");
  const std::size_t eleven_mb = 11 * 1024 * 1024;
  auto r = ParseResponse(server_.SendRaw(
      "POST /nijmegen/oost/nieuws/nieuw HTTP/1.1\r\nHost: localhost\r\nCookie: bp_session=" +
      anna.Cookie("bp_session") + "\r\nOrigin: http://localhost\r\nContent-Type: multipart/form-data; boundary=b\r\n"
      "Content-Length: " + std::to_string(eleven_mb) + "\r\n\r\n--b\r\n"));
  EXPECT_EQ(r.status, 413);
}

TEST_F(NewsExtrasTest, AFileThatIsNoImageIsRefusedWith400AndAClearMessage) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  // Named .jpg and declared image/jpeg, but a PDF by content.
  auto r = PostWithImage(anna, "oost", "Folder", "%PDF-1.7 een folder", "De folder");
  EXPECT_EQ(r.status, 400);
  EXPECT_NE(r.body.find("Dit bestand is geen afbeelding die we kunnen gebruiken. Kies een JPEG-, PNG- of WebP-bestand."),
            std::string::npos)
      << r.body;
  EXPECT_NE(r.body.find("href=\"#field-image\""), std::string::npos) << "in the error summary, linked to the field";
  EXPECT_NE(r.body.find("value=\"Folder\""), std::string::npos) << "the title is kept";
  EXPECT_EQ(server_.Get("/nijmegen/oost/nieuws/").body.find("Folder"), std::string::npos);
}

TEST_F(NewsExtrasTest, AnImageNeedsADescription) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  auto r = PostWithImage(anna, "oost", "Zonder beschrijving", MakeImage(800, 600, "png"), "  ");
  EXPECT_EQ(r.status, 422);
  EXPECT_NE(r.body.find("Beschrijf de afbeelding in een paar woorden"), std::string::npos) << r.body;
  EXPECT_NE(r.body.find("href=\"#field-image_alt\""), std::string::npos);
}

TEST_F(NewsExtrasTest, TheAuthorReplacesAndRemovesTheImage) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  auto posted = PostWithImage(anna, "oost", "Voor en na", MakeImage(1000, 700, "jpeg"), "Het plein voor");
  ASSERT_EQ(posted.status, 303) << posted.body;
  const std::string path = PostPath(posted);
  const auto before = ImageUrls(server_.Get(path).body);
  ASSERT_FALSE(before.empty());

  // Replace: a new image, a new address; the old files are gone.
  auto form = anna.Get(path + "/bewerken");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("enctype=\"multipart/form-data\""), std::string::npos);
  EXPECT_NE(form.body.find("name=\"remove_image\""), std::string::npos);
  auto edited = anna.PostMultipart(path + "/bewerken", {{"title", "Voor en na", "", ""},
                                                         {"body", "Nu met een andere foto.", "", ""},
                                                         {"visibility", "public", "", ""},
                                                         {"image", MakeImage(900, 900, "webp"), "na.webp", "image/webp"},
                                                         {"image_alt", "Het plein na", "", ""}});
  ASSERT_EQ(edited.status, 303) << edited.body;
  auto after_page = server_.Get(path);
  const auto after = ImageUrls(after_page.body);
  ASSERT_FALSE(after.empty());
  EXPECT_NE(after[0], before[0]);
  EXPECT_NE(after_page.body.find("alt=\"Het plein na\""), std::string::npos);
  EXPECT_EQ(server_.Get(after[0]).status, 200);
  EXPECT_EQ(server_.Get(before[0]).status, 404);

  // Remove.
  anna.Get(path + "/bewerken");
  auto removed = anna.PostMultipart(path + "/bewerken", {{"title", "Voor en na", "", ""},
                                                          {"body", "Zonder foto.", "", ""},
                                                          {"visibility", "public", "", ""},
                                                          {"remove_image", "1", "", ""},
                                                          {"image", "", "", "application/octet-stream"},
                                                          {"image_alt", "", "", ""}});
  ASSERT_EQ(removed.status, 303) << removed.body;
  EXPECT_TRUE(ImageUrls(server_.Get(path).body).empty());
  EXPECT_EQ(server_.Get(after[0]).status, 404);
}

TEST_F(NewsExtrasTest, MembersCommentAndTheAuthorOrABuurtverbinderDeletes) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  auto posted = PostNews(anna, "oost", "Buurtbarbecue", "Zaterdag om vijf uur.");
  ASSERT_EQ(posted.status, 303);
  const std::string path = PostPath(posted);

  BrowserClient bert(server_);
  LogIn(bert, bert_);
  bert.Get(path);
  auto c = bert.Post(path + "/reacties", "comment=" + FormEncode("Ik neem salade mee <b>!</b>"));
  ASSERT_EQ(c.status, 303) << c.body;
  EXPECT_NE(c.Header("location").find("#reactie-"), std::string::npos);
  auto page = server_.Get(path);  // anonymous: the comment, escaped, without a form
  EXPECT_NE(page.body.find("Ik neem salade mee &lt;b&gt;!&lt;/b&gt;"), std::string::npos);
  EXPECT_NE(page.body.find("Bert Jansen"), std::string::npos);
  EXPECT_EQ(page.body.find("name=\"comment\""), std::string::npos);

  // An empty comment: the page again with the message.
  bert.Get(path);
  auto empty = bert.Post(path + "/reacties", "comment=+++");
  EXPECT_EQ(empty.status, 422);
  EXPECT_NE(empty.body.find("Schrijf je reactie."), std::string::npos);

  // A member of Zuid cannot comment on Oost's news (403), and Oost's news is 404 through Zuid.
  BrowserClient carla(server_);
  LogIn(carla, carla_);
  carla.Get("/nijmegen/zuid/nieuws/");
  EXPECT_EQ(carla.Post(path + "/reacties", "comment=Hallo").status, 403);
  const std::string via_zuid = "/nijmegen/zuid" + path.substr(std::string("/nijmegen/oost").size());
  EXPECT_EQ(carla.Post(via_zuid + "/reacties", "comment=Hallo").status, 404);

  // Anna (the post's author, not the comment's) cannot delete Bert's comment; the buurtverbinder can.
  std::smatch m;
  const std::string body = bert.Get(path).body;
  ASSERT_TRUE(std::regex_search(body, m, std::regex(R"re(id="reactie-(\d+)")re")));
  const std::string del = path + "/reacties/" + m[1].str() + "/verwijderen";
  anna.Get(path);
  EXPECT_EQ(anna.Post(del, "").status, 403);
  EXPECT_EQ(carla.Post("/nijmegen/zuid" + del.substr(std::string("/nijmegen/oost").size()), "").status, 404);
  BrowserClient bv(server_);
  LogIn(bv, bv_);
  bv.Get(path);
  auto gone = bv.Post(del, "");
  ASSERT_EQ(gone.status, 303);
  EXPECT_EQ(server_.Get(path).body.find("Ik neem salade mee"), std::string::npos);
}

TEST_F(NewsExtrasTest, CommentsOnMembersOnlyNewsAreForMembersOnly) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  auto posted = PostNews(anna, "oost", "Sleutel buurthuis", "Bij mij.", "members");
  const std::string path = PostPath(posted);
  anna.Get(path);
  ASSERT_EQ(anna.Post(path + "/reacties", "comment=" + FormEncode("Geheime reactie")).status, 303);
  EXPECT_NE(anna.Get(path).body.find("Geheime reactie"), std::string::npos);
  EXPECT_EQ(server_.Get(path).status, 404);
  EXPECT_EQ(server_.Get(path + "?reacties=1").body.find("Geheime reactie"), std::string::npos);
}

TEST_F(NewsExtrasTest, ThanksTogglesWithAndWithoutJavaScript) {
  BrowserClient anna(server_);
  LogIn(anna, anna_);
  auto posted = PostNews(anna, "oost", "Bedankt buren", "Voor de hulp bij de verhuizing.");
  const std::string path = PostPath(posted);
  server_.Get(path);  // cached for anonymous visitors

  // Without JavaScript: a form post that redirects back.
  BrowserClient bert(server_);
  LogIn(bert, bert_);
  auto page = bert.Get(path);
  EXPECT_NE(page.body.find("aria-pressed=\"false\""), std::string::npos);
  auto thanked = bert.Post(path + "/bedankt", "");
  ASSERT_EQ(thanked.status, 303);
  EXPECT_EQ(thanked.Header("location"), path + "#bedankt");
  page = bert.Get(path);
  EXPECT_NE(page.body.find("aria-pressed=\"true\""), std::string::npos);
  EXPECT_NE(page.body.find("<span class=\"js-thanks-count\">1</span>"), std::string::npos);
  EXPECT_NE(server_.Get(path).body.find("<span class=\"js-thanks-count\">1</span>"), std::string::npos)
      << "the cached anonymous page was emptied";

  // With JavaScript: JSON back, the toggle undoes it.
  auto json = bert.Post(path + "/bedankt", "", true, "Accept: application/json\r\n");
  ASSERT_EQ(json.status, 200) << json.body;
  EXPECT_EQ(json.Header("content-type"), "application/json");
  EXPECT_EQ(json.body, R"({"count":0,"thanked":false})");
  bert.Get(path);
  json = bert.Post(path + "/bedankt", "", true, "Accept: application/json\r\n");
  EXPECT_EQ(json.body, R"({"count":1,"thanked":true})");
  anna.Get(path);
  json = anna.Post(path + "/bedankt", "", true, "Accept: application/json\r\n");
  EXPECT_EQ(json.body, R"({"count":2,"thanked":true})");

  // Not a member of Oost: refused; through Zuid: not found.
  BrowserClient carla(server_);
  LogIn(carla, carla_);
  carla.Get("/nijmegen/zuid/nieuws/");
  EXPECT_EQ(carla.Post(path + "/bedankt", "").status, 403);
  const std::string via_zuid = "/nijmegen/zuid" + path.substr(std::string("/nijmegen/oost").size());
  EXPECT_EQ(carla.Post(via_zuid + "/bedankt", "", true, "Accept: application/json\r\n").status, 404);
  // Anonymous: log in first.
  EXPECT_EQ(server_.Request("POST", path + "/bedankt", "Content-Length: 0\r\n").status, 401);
}

TEST_F(NewsExtrasTest, BuurtverbindersManageCategoriesAndTheListFiltersOnThem) {
  const std::string groen = MakeCategory("Speeltuin");
  const std::string verkeer = MakeCategory("Parkeren");
  ASSERT_FALSE(groen.empty());

  BrowserClient anna(server_);
  LogIn(anna, anna_);
  auto form = anna.Get("/nijmegen/oost/nieuws/nieuw");
  EXPECT_NE(form.body.find(">Speeltuin</option>"), std::string::npos);
  auto posted = PostWithImage(anna, "oost", "Geveltuin aangelegd", MakeImage(600, 400, "jpeg"), "Een geveltuin",
                              "image/jpeg", groen);
  ASSERT_EQ(posted.status, 303) << posted.body;
  ASSERT_EQ(PostNews(anna, "oost", "Drempel bij school", "Langzaam rijden.").status, 303);

  auto show = server_.Get(PostPath(posted));
  EXPECT_NE(show.body.find("?categorie=" + groen + "\">Speeltuin</a>"), std::string::npos) << "the category on the post";
  auto filtered = server_.Get("/nijmegen/oost/nieuws/?categorie=" + groen);
  ASSERT_EQ(filtered.status, 200);
  EXPECT_NE(filtered.body.find("Geveltuin aangelegd"), std::string::npos);
  EXPECT_EQ(filtered.body.find("Drempel bij school"), std::string::npos);
  EXPECT_NE(filtered.body.find("aria-current=\"page\">Speeltuin</a>"), std::string::npos);
  EXPECT_EQ(server_.Get("/nijmegen/oost/nieuws/?categorie=" + verkeer).body.find("Geveltuin"), std::string::npos);
  // Oost's category through Zuid: not found.
  EXPECT_EQ(server_.Get("/nijmegen/zuid/nieuws/?categorie=" + groen).status, 404);

  // A duplicate name is refused on the page; a member may not manage categories.
  BrowserClient bv(server_);
  LogIn(bv, bv_);
  auto dup = bv.Submit("/nijmegen/oost/nieuws/categorieen/", "/nijmegen/oost/nieuws/categorieen/", "name=Speeltuin");
  EXPECT_EQ(dup.status, 422);
  EXPECT_NE(dup.body.find("Er is al een categorie met deze naam."), std::string::npos);
  EXPECT_EQ(anna.Get("/nijmegen/oost/nieuws/categorieen/").status, 403);

  // Rename, then delete: the post stays, without a category.
  auto renamed = bv.Submit("/nijmegen/oost/nieuws/categorieen/",
                           "/nijmegen/oost/nieuws/categorieen/" + groen + "/hernoemen", "name=Speeltuin+en+trapveld");
  ASSERT_EQ(renamed.status, 303);
  EXPECT_NE(server_.Get(PostPath(posted)).body.find(">Speeltuin en trapveld</a>"), std::string::npos);
  auto deleted = bv.Submit("/nijmegen/oost/nieuws/categorieen/",
                           "/nijmegen/oost/nieuws/categorieen/" + groen + "/verwijderen", "");
  ASSERT_EQ(deleted.status, 303);
  EXPECT_EQ(server_.Get("/nijmegen/oost/nieuws/?categorie=" + groen).status, 404);
  auto after = server_.Get(PostPath(posted));
  EXPECT_EQ(after.status, 200);
  EXPECT_EQ(after.body.find("Speeltuin en trapveld"), std::string::npos);
}

TEST_F(NewsExtrasTest, TheDemoHasNewsWithCategoriesAndComments) {
  auto list = server_.Get("/nijmegen/oost/nieuws/");
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find("class=\"news-filters\""), std::string::npos);
  EXPECT_NE(server_.Get("/nijmegen/oost/").Header("etag"), "") << "no scheduled demo post in Oost: the home is cached";
  const auto posts = server_.runtime().store().news().ListCategories(oost_, 30);
  EXPECT_EQ(posts.size(), 3u);
}

}  // namespace
}  // namespace buurtplein::testing
