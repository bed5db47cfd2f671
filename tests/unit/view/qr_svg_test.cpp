#include "view/qr_svg.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <regex>
#include <string>

namespace buurtplein::view {
namespace {

constexpr const char* kUri =
    "otpauth://totp/Buurtplein:anna%40example.nl?secret=JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP&issuer=Buurtplein"
    "&algorithm=SHA1&digits=6&period=30";

// Reads the path back into modules: every "Mx yhNv1h-Nz" run marks N dark modules.
std::vector<std::vector<bool>> ModulesFromSvg(const std::string& svg, int size) {
  std::vector<std::vector<bool>> rows(static_cast<std::size_t>(size), std::vector<bool>(static_cast<std::size_t>(size)));
  const std::regex run("M(\\d+) (\\d+)h(\\d+)v1h-(\\d+)z");
  for (auto it = std::sregex_iterator(svg.begin(), svg.end(), run); it != std::sregex_iterator(); ++it) {
    const int x = std::stoi((*it)[1]) - 4;
    const int y = std::stoi((*it)[2]) - 4;
    const int n = std::stoi((*it)[3]);
    EXPECT_EQ(n, std::stoi((*it)[4]));
    for (int i = 0; i < n; ++i) rows[static_cast<std::size_t>(y)][static_cast<std::size_t>(x + i)] = true;
  }
  return rows;
}

TEST(QrSvgTest, ModulesHaveTheFinderPatterns) {
  const auto m = QrModules(kUri);
  const std::size_t n = m.size();
  ASSERT_GE(n, 21u);
  EXPECT_EQ((n - 17) % 4, 0u) << "a QR code is 17 + 4 × version modules wide";
  for (const auto& row : m) ASSERT_EQ(row.size(), n);
  // The three 7×7 finder patterns: a dark ring, a light ring, a dark 3×3 centre.
  for (auto [ox, oy] : {std::pair<std::size_t, std::size_t>{0, 0}, {n - 7, 0}, {0, n - 7}}) {
    for (std::size_t y = 0; y < 7; ++y) {
      for (std::size_t x = 0; x < 7; ++x) {
        const bool ring = x == 0 || x == 6 || y == 0 || y == 6;
        const bool centre = x >= 2 && x <= 4 && y >= 2 && y <= 4;
        EXPECT_EQ(m[oy + y][ox + x], ring || centre) << ox << "," << oy << " +" << x << "," << y;
      }
    }
  }
}

TEST(QrSvgTest, SvgDrawsExactlyTheModulesWithAQuietZone) {
  const auto modules = QrModules(kUri);
  const std::string svg = QrSvg(kUri);
  const int n = static_cast<int>(modules.size());
  const std::string side = std::to_string(n + 8);
  EXPECT_EQ(svg.rfind("<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + side + " " + side + "\"", 0), 0u)
      << svg.substr(0, 120);
  EXPECT_EQ(ModulesFromSvg(svg, n), modules);
  // Safe under our CSP: no style attribute or element, no script, no external reference.
  EXPECT_EQ(svg.find("style"), std::string::npos);
  EXPECT_EQ(svg.find("script"), std::string::npos);
  EXPECT_EQ(svg.find("href"), std::string::npos);
}

TEST(QrSvgTest, DataUriIsStandardBase64OfTheSvg) {
  const std::string uri = QrSvgDataUri(kUri);
  const std::string prefix = "data:image/svg+xml;base64,";
  ASSERT_EQ(uri.rfind(prefix, 0), 0u);
  const std::string b64 = uri.substr(prefix.size());
  std::string decoded(b64.size(), '\0');
  std::size_t len = 0;
  ASSERT_EQ(sodium_base642bin(reinterpret_cast<unsigned char*>(decoded.data()), decoded.size(), b64.c_str(), b64.size(),
                              nullptr, &len, nullptr, sodium_base64_VARIANT_ORIGINAL),
            0);
  decoded.resize(len);
  EXPECT_EQ(decoded, QrSvg(kUri));
}

TEST(QrSvgTest, TooMuchTextThrows) { EXPECT_THROW(QrModules(std::string(5000, 'x')), std::runtime_error); }

}  // namespace
}  // namespace buurtplein::view
