#pragma once
#include <compare>
#include <cstdint>
#include <functional>

namespace buurtplein::domain {

/// A typed database id: a SiteId cannot be passed where a CityId is expected.
template <typename Tag>
struct Id {
  std::int64_t value = 0;
  auto operator<=>(const Id&) const = default;
  explicit operator bool() const { return value != 0; }
};

using CityId = Id<struct CityTag>;
using SiteId = Id<struct SiteTag>;
using UserId = Id<struct UserTag>;
using SessionId = Id<struct SessionTag>;

}  // namespace buurtplein::domain

template <typename Tag>
struct std::hash<buurtplein::domain::Id<Tag>> {
  std::size_t operator()(const buurtplein::domain::Id<Tag>& id) const noexcept {
    return std::hash<std::int64_t>{}(id.value);
  }
};
