#include "view/qr_svg.hpp"

#include <qrencode.h>
#include <sodium.h>

#include <cerrno>
#include <cstring>
#include <memory>
#include <stdexcept>

namespace buurtplein::view {

namespace {

constexpr int kQuietZone = 4;  // modules of white around the code, as ISO/IEC 18004 asks

}  // namespace

std::vector<std::vector<bool>> QrModules(std::string_view text) {
  // QRcode_encodeData takes the bytes as they are (byte mode, no NUL termination needed).
  std::unique_ptr<QRcode, decltype(&QRcode_free)> code(
      QRcode_encodeData(static_cast<int>(text.size()), reinterpret_cast<const unsigned char*>(text.data()), 0,
                        QR_ECLEVEL_M),
      &QRcode_free);
  if (!code) throw std::runtime_error(std::string("QR code could not be made: ") + std::strerror(errno));
  const int width = code->width;
  std::vector<std::vector<bool>> rows(static_cast<std::size_t>(width), std::vector<bool>(static_cast<std::size_t>(width)));
  for (int y = 0; y < width; ++y) {
    for (int x = 0; x < width; ++x) {
      // Bit 0 of each byte: 1 is a dark module; the other bits describe what the module is for.
      rows[static_cast<std::size_t>(y)][static_cast<std::size_t>(x)] = (code->data[y * width + x] & 1) != 0;
    }
  }
  return rows;
}

std::string QrSvg(std::string_view text) {
  const auto rows = QrModules(text);
  const int size = static_cast<int>(rows.size()) + 2 * kQuietZone;
  std::string path;
  // One sub-path per horizontal run of dark modules keeps the document small (~3 KB).
  for (std::size_t y = 0; y < rows.size(); ++y) {
    const auto& row = rows[y];
    for (std::size_t x = 0; x < row.size();) {
      if (!row[x]) {
        ++x;
        continue;
      }
      std::size_t end = x;
      while (end < row.size() && row[end]) ++end;
      path += "M" + std::to_string(x + kQuietZone) + " " + std::to_string(y + kQuietZone) + "h" +
              std::to_string(end - x) + "v1h-" + std::to_string(end - x) + "z";
      x = end;
    }
  }
  const std::string n = std::to_string(size);
  return "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 " + n + " " + n + "\" width=\"" +
         std::to_string(size * 4) + "\" height=\"" + std::to_string(size * 4) +
         "\" shape-rendering=\"crispEdges\"><rect width=\"" + n + "\" height=\"" + n +
         "\" fill=\"#fff\"/><path fill=\"#000\" d=\"" + path + "\"/></svg>";
}

std::string QrSvgDataUri(std::string_view text) {
  const std::string svg = QrSvg(text);
  std::string b64(sodium_base64_encoded_len(svg.size(), sodium_base64_VARIANT_ORIGINAL), '\0');
  sodium_bin2base64(b64.data(), b64.size(), reinterpret_cast<const unsigned char*>(svg.data()), svg.size(),
                    sodium_base64_VARIANT_ORIGINAL);
  b64.resize(std::strlen(b64.c_str()));
  return "data:image/svg+xml;base64," + b64;
}

}  // namespace buurtplein::view
