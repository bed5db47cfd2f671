#include "media/photo_storage.hpp"

#include <sodium.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <stdexcept>
#include <system_error>

#include "media/vips_common.hpp"

namespace buurtplein::media {

namespace fs = std::filesystem;
using domain::profiles::PhotoSize;

namespace {

constexpr std::size_t kKeyLength = 32;

}  // namespace

FilePhotoStorage::FilePhotoStorage(std::string dir) : dir_(std::move(dir)) {
  std::error_code ec;
  fs::create_directories(dir_, ec);
  if (ec || !fs::is_directory(dir_)) {
    throw std::runtime_error("The upload directory " + dir_ + " cannot be created: " + ec.message());
  }
}

bool FilePhotoStorage::IsKey(std::string_view key) {
  if (key.size() != kKeyLength) return false;
  for (char c : key) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

std::string FilePhotoStorage::PathOf(std::string_view key, PhotoSize size) const {
  return dir_ + "/" + std::string(key.substr(0, 2)) + "/" + std::string(key) +
         (size == PhotoSize::kSmall ? "-small.jpg" : ".jpg");
}

domain::Result<std::string> FilePhotoStorage::Save(const domain::profiles::ProcessedPhoto& photo) {
  unsigned char random[kKeyLength / 2];
  randombytes_buf(random, sizeof random);
  char hex[kKeyLength + 1];
  sodium_bin2hex(hex, sizeof hex, random, sizeof random);
  const std::string key(hex, kKeyLength);
  std::error_code ec;
  fs::create_directories(dir_ + "/" + key.substr(0, 2), ec);
  if (ec || !WriteFileAtomically(PathOf(key, PhotoSize::kLarge), photo.large) ||
      !WriteFileAtomically(PathOf(key, PhotoSize::kSmall), photo.small)) {
    Remove(key);
    return domain::MakeError(domain::ErrorCode::kInternal, "Your photo could not be saved. Please try again later.",
                             "writing photo " + key + " failed: " + ec.message());
  }
  return key;
}

std::optional<std::string> FilePhotoStorage::Read(std::string_view key, PhotoSize size) {
  if (!IsKey(key)) return std::nullopt;
  std::ifstream in(PathOf(key, size), std::ios::binary);
  if (!in) return std::nullopt;
  return std::string(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
}

void FilePhotoStorage::Remove(std::string_view key) {
  if (!IsKey(key)) return;
  std::error_code ec;
  fs::remove(PathOf(key, PhotoSize::kLarge), ec);
  fs::remove(PathOf(key, PhotoSize::kSmall), ec);
}

}  // namespace buurtplein::media
