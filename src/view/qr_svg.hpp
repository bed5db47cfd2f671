#pragma once
#include <string>
#include <string_view>
#include <vector>

namespace buurtplein::view {

/// The modules of a QR code for `text` (byte mode, error correction level M, the smallest
/// version that fits): rows top to bottom, true for a dark module. Throws std::runtime_error
/// when the text does not fit in a QR code (more than ~2,300 bytes). libqrencode does the work
/// (docs/decisions/0004-qr-codes-libqrencode.md).
std::vector<std::vector<bool>> QrModules(std::string_view text);

/// The QR code as an SVG document: a white square with a 4-module quiet zone and one black
/// path of the dark modules, one unit per module. No style attributes and no script, so it is
/// safe under our Content-Security-Policy, inline or as an image.
std::string QrSvg(std::string_view text);

/// The SVG as a data: URI for an <img src> ("data:image/svg+xml;base64,…"); our CSP allows
/// img-src data:. The <img> needs an alt text.
std::string QrSvgDataUri(std::string_view text);

}  // namespace buurtplein::view
