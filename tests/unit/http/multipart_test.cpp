// The multipart/form-data parser: what browsers send, and what attackers send instead.
#include "http/multipart.hpp"

#include "http/message.hpp"

#include <gtest/gtest.h>

#include <random>
#include <string>

namespace buurtplein::http {
namespace {

using domain::ErrorCode;

const std::string kBoundary = "----WebKitFormBoundary7MA4YWxkTrZu0gW";

std::string Field(const std::string& name, const std::string& value) {
  return "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"\r\n\r\n" + value + "\r\n";
}

std::string File(const std::string& name, const std::string& filename, const std::string& type,
                 const std::string& bytes) {
  return "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"" + name + "\"; filename=\"" + filename +
         "\"\r\nContent-Type: " + type + "\r\n\r\n" + bytes + "\r\n";
}

std::string End() { return "--" + kBoundary + "--\r\n"; }

TEST(MultipartBoundaryTest, ReadsPlainAndQuotedBoundaries) {
  EXPECT_EQ(MultipartBoundary("multipart/form-data; boundary=" + kBoundary), kBoundary);
  EXPECT_EQ(MultipartBoundary("Multipart/Form-Data; charset=utf-8; BOUNDARY=\"a'b(c)+_,-./:=?\""), "a'b(c)+_,-./:=?");
  EXPECT_EQ(MultipartBoundary("multipart/form-data;boundary=x"), "x");
}

TEST(MultipartBoundaryTest, RefusesOtherTypesAndBadBoundaries) {
  EXPECT_FALSE(MultipartBoundary("application/x-www-form-urlencoded"));
  EXPECT_FALSE(MultipartBoundary("multipart/form-data"));
  EXPECT_FALSE(MultipartBoundary("multipart/form-data; boundary="));
  EXPECT_FALSE(MultipartBoundary("multipart/form-data; boundary=\"\""));
  EXPECT_FALSE(MultipartBoundary("multipart/form-data; boundary=\"unterminated"));
  EXPECT_FALSE(MultipartBoundary("multipart/form-data; boundary=" + std::string(71, 'a')));
  EXPECT_FALSE(MultipartBoundary("multipart/form-data; boundary=a\r\nb"));
  EXPECT_FALSE(MultipartBoundary("multipart/mixed; boundary=abc"));
  EXPECT_FALSE(MultipartBoundary(""));
}

TEST(MultipartTest, ParsesFieldsAndAFile) {
  const std::string jpeg("\xFF\xD8\xFF\xE0 binary \0 with \r\n inside", 29);
  const std::string body = Field("csrf", "tok") + Field("about", "Regel 1\r\nRegel 2") +
                           File("photo", "IMG_0001.jpg", "image/jpeg", jpeg) + End();
  auto parts = ParseMultipart(body, kBoundary);
  ASSERT_TRUE(parts.ok()) << parts.error().internal_detail;
  ASSERT_EQ(parts->size(), 3u);
  EXPECT_EQ((*parts)[0].name, "csrf");
  EXPECT_EQ((*parts)[0].body, "tok");
  EXPECT_FALSE((*parts)[0].is_file);
  EXPECT_EQ((*parts)[1].body, "Regel 1\r\nRegel 2");
  const MultipartPart* photo = FindPart(*parts, "photo");
  ASSERT_NE(photo, nullptr);
  EXPECT_TRUE(photo->is_file);
  EXPECT_EQ(photo->filename, "IMG_0001.jpg");
  EXPECT_EQ(photo->content_type, "image/jpeg");
  EXPECT_EQ(photo->body, jpeg);
  EXPECT_EQ(FindPart(*parts, "missing"), nullptr);
}

TEST(MultipartTest, AcceptsAPreambleEpilogueAndAnEmptyFile) {
  const std::string body = "preamble to ignore\r\n" + Field("a", "") + File("photo", "", "application/octet-stream", "") +
                           "--" + kBoundary + "--" + "\r\nepilogue";
  auto parts = ParseMultipart(body, kBoundary);
  ASSERT_TRUE(parts.ok()) << parts.error().internal_detail;
  ASSERT_EQ(parts->size(), 2u);
  EXPECT_EQ((*parts)[0].body, "");
  EXPECT_TRUE((*parts)[1].is_file) << "an empty filename still marks a file input (no file chosen)";
  EXPECT_EQ((*parts)[1].body, "");
}

TEST(MultipartTest, QuotedNamesWithEscapesAndSemicolons) {
  const std::string body = "--" + kBoundary +
                           "\r\ncontent-disposition: form-data; filename=\"a;b\\\"c.png\"; name=\"photo\"\r\n\r\nx\r\n" +
                           End();
  auto parts = ParseMultipart(body, kBoundary);
  ASSERT_TRUE(parts.ok()) << parts.error().internal_detail;
  EXPECT_EQ((*parts)[0].name, "photo");
  EXPECT_EQ((*parts)[0].filename, "a;b\"c.png");
}

TEST(MultipartTest, MalformedInputIsABadRequest) {
  const std::string good = Field("a", "1") + End();
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"empty body", ""},
      {"no boundary at all", "just some text"},
      {"truncated in the part", good.substr(0, good.size() / 2)},
      {"no closing delimiter", Field("a", "1")},
      {"truncated headers", "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"a\""},
      {"no disposition", "--" + kBoundary + "\r\nContent-Type: text/plain\r\n\r\nx\r\n" + End()},
      {"not form-data", "--" + kBoundary + "\r\nContent-Disposition: attachment; name=\"a\"\r\n\r\nx\r\n" + End()},
      {"no name", "--" + kBoundary + "\r\nContent-Disposition: form-data; filename=\"a\"\r\n\r\nx\r\n" + End()},
      {"empty name", "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"\"\r\n\r\nx\r\n" + End()},
      {"unterminated quote", "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"a\r\n\r\nx\r\n" + End()},
      {"header without colon", "--" + kBoundary + "\r\nContent-Disposition form-data\r\n\r\nx\r\n" + End()},
      {"folded header", "--" + kBoundary + "\r\nContent-Disposition: form-data;\r\n name=\"a\"\r\n\r\nx\r\n" + End()},
      {"two dispositions", "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"a\"\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\nx\r\n" + End()},
      {"garbage after boundary", "--" + kBoundary + "garbage\r\n" + End()},
      {"boundary with LF only", "--" + kBoundary + "\nContent-Disposition: form-data; name=\"a\"\n\nx\n" + End()},
  };
  for (const auto& [what, body] : cases) {
    auto parts = ParseMultipart(body, kBoundary);
    ASSERT_FALSE(parts.ok()) << what;
    EXPECT_EQ(parts.error().code, ErrorCode::kBadRequest) << what;
    EXPECT_EQ(parts.error().public_message, "This form could not be read. Please try again.");
  }
}

TEST(MultipartTest, LimitsOnPartsAndSizes) {
  MultipartLimits limits;
  limits.max_parts = 2;
  limits.max_field_bytes = 10;
  limits.max_file_bytes = 20;
  limits.max_header_bytes = 200;

  auto three = ParseMultipart(Field("a", "1") + Field("b", "2") + Field("c", "3") + End(), kBoundary, limits);
  ASSERT_FALSE(three.ok());
  EXPECT_EQ(three.error().code, ErrorCode::kPayloadTooLarge);

  auto big_field = ParseMultipart(Field("a", std::string(11, 'x')) + End(), kBoundary, limits);
  ASSERT_FALSE(big_field.ok());
  EXPECT_EQ(big_field.error().code, ErrorCode::kPayloadTooLarge);
  EXPECT_TRUE(ParseMultipart(Field("a", std::string(10, 'x')) + End(), kBoundary, limits).ok());

  auto big_file = ParseMultipart(File("f", "f.jpg", "image/jpeg", std::string(21, 'x')) + End(), kBoundary, limits);
  ASSERT_FALSE(big_file.ok());
  EXPECT_EQ(big_file.error().code, ErrorCode::kPayloadTooLarge);
  EXPECT_TRUE(ParseMultipart(File("f", "f.jpg", "image/jpeg", std::string(20, 'x')) + End(), kBoundary, limits).ok());

  const std::string long_header = "--" + kBoundary + "\r\nContent-Disposition: form-data; name=\"a\"\r\nX-Pad: " +
                                  std::string(300, 'p') + "\r\n\r\nx\r\n" + End();
  auto headers = ParseMultipart(long_header, kBoundary, limits);
  ASSERT_FALSE(headers.ok());
  EXPECT_EQ(headers.error().code, ErrorCode::kBadRequest);
}

TEST(MultipartTest, ABoundaryInsideContentWithoutCrlfIsContent) {
  const std::string value = "x--" + kBoundary + "y";
  const std::string body = Field("a", value) + End();  // the parts are views into the body
  auto parts = ParseMultipart(body, kBoundary);
  ASSERT_TRUE(parts.ok());
  EXPECT_EQ((*parts)[0].body, value);
}

// Every prefix of a valid body, and seeded random mutations of it: an answer, never a crash.
TEST(MultipartTest, EveryPrefixAndRandomMutationsAreHandled) {
  const std::string body =
      Field("csrf", "tok") + File("photo", "a.png", "image/png", std::string("\x89PNG\r\n\x1A\n....", 12)) + End();
  for (std::size_t n = 0; n < body.size(); ++n) {
    auto parts = ParseMultipart(std::string_view(body).substr(0, n), kBoundary);
    // Only the full body (up to the final "--") parses.
    if (parts.ok()) EXPECT_GE(n, body.size() - 2) << n;
  }
  std::mt19937 rng(20261130);
  for (int i = 0; i < 20000; ++i) {
    std::string m = body;
    const int edits = 1 + static_cast<int>(rng() % 4);
    for (int e = 0; e < edits; ++e) {
      const std::size_t at = rng() % m.size();
      switch (rng() % 3) {
        case 0: m[at] = static_cast<char>(rng() % 256); break;
        case 1: m.erase(at, 1 + rng() % 8); break;
        default: m.insert(at, std::string(1 + rng() % 3, "\r\n-\";="[rng() % 6])); break;
      }
      if (m.empty()) m = "x";
    }
    auto parts = ParseMultipart(m, kBoundary);
    if (parts.ok()) {
      for (const auto& p : *parts) {
        EXPECT_GE(p.body.data(), m.data());
        EXPECT_LE(p.body.data() + p.body.size(), m.data() + m.size());
      }
    }
  }
}

TEST(MultipartTest, RequestFormReadsTextFieldsOfAnUploadForm) {
  Request req;
  req.headers.emplace_back("content-type", "multipart/form-data; boundary=" + kBoundary);
  req.body = Field("csrf", "token-123") + File("photo", "a.jpg", "image/jpeg", "\xFF\xD8\xFF") + End();
  EXPECT_EQ(req.Form("csrf"), "token-123");
  EXPECT_EQ(req.Form("photo"), "") << "a file is not a text field";
  EXPECT_EQ(req.Form("missing"), "");
  req.body = req.body.substr(0, 40);
  EXPECT_EQ(req.Form("csrf"), "") << "nothing is read from a broken body";
}

}  // namespace
}  // namespace buurtplein::http
