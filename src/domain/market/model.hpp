#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/accounts/model.hpp"
#include "domain/common/ids.hpp"

namespace buurtplein::domain::market {

using ListingId = Id<struct MarketListingTag>;
using MatchId = Id<struct MarketMatchTag>;

/// What a listing is about (issue 4 §4).
enum class Kind {
  kAsk,    ///< asking for help (hulpvraag)
  kOffer,  ///< offering help (hulpaanbod)
  kLend,   ///< something to lend (uitlenen)
  kGive,   ///< something to give away (weggeven)
  kSeek,   ///< looking for something (gezocht)
};
inline constexpr Kind kKinds[] = {Kind::kAsk, Kind::kOffer, Kind::kLend, Kind::kGive, Kind::kSeek};

/// The categories; their names ("klusjes", …) are also their values in the database and in URLs.
enum class Category { kKlusjes, kBoodschappen, kVervoer, kComputerhulp, kGezelschap, kSpullen, kOverig };
inline constexpr Category kCategories[] = {Category::kKlusjes,      Category::kBoodschappen, Category::kVervoer,
                                           Category::kComputerhulp, Category::kGezelschap,   Category::kSpullen,
                                           Category::kOverig};

/// Who may read a listing: everyone, or the site's verified members only.
enum class Visibility { kPublic, kMembers };

/// Where a listing is in its life. Only open listings are on the board; the rest is the archive.
enum class ListingStatus {
  kOpen,     ///< on the board until expires_at
  kMatched,  ///< the poster marked it as matched with a helper (a Match exists)
  kClosed,   ///< the poster closed it without a match
  kExpired,  ///< not renewed in time (set by the periodic job; an open listing past its
             ///< expires_at is treated as expired before that)
};

std::string_view KindName(Kind k);          ///< "ask", "offer", "lend", "give", "seek"
std::optional<Kind> ParseKind(std::string_view s);
std::string_view CategoryName(Category c);  ///< "klusjes", …
std::optional<Category> ParseCategory(std::string_view s);
std::string_view StatusName(ListingStatus s);      ///< "open", "matched", "closed", "expired"
ListingStatus ParseStatus(std::string_view s);

/// An ask or offer on a site's board (vraag & aanbod).
struct Listing {
  ListingId id;
  SiteId site;
  std::optional<UserId> author;  ///< nullopt once the poster deleted their account
  std::string author_name;       ///< the poster's display name ("" without author); never the e-mail
  Kind kind = Kind::kAsk;
  Category category = Category::kOverig;
  std::string title;             ///< at most kMaxTitleLength code points
  std::string body_markdown;     ///< plain text or Markdown, at most kMaxBodyLength code points
  Visibility visibility = Visibility::kPublic;
  ListingStatus status = ListingStatus::kOpen;
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
  std::int64_t expires_at = 0;   ///< leaves the board then, unless renewed
  std::optional<std::int64_t> reminded_at;  ///< the expiry reminder went out
  std::optional<std::int64_t> closed_at;    ///< matched, closed or expired

  /// On the board at `now`: open and not past its expiry.
  bool IsActive(std::int64_t now) const { return status == ListingStatus::kOpen && expires_at > now; }
};

/// What the poster writes (new listing or edit).
struct ListingDraft {
  Kind kind = Kind::kAsk;
  Category category = Category::kOverig;
  std::string title;
  std::string body_markdown;
  Visibility visibility = Visibility::kPublic;
};

inline constexpr std::size_t kMaxTitleLength = 140;
inline constexpr std::size_t kMaxBodyLength = 5000;
/// A listing stays on the board this long after it is posted or renewed.
inline constexpr std::int64_t kLifetimeSeconds = 6 * 7 * 24 * 3600;
/// The reminder goes out this long before a listing expires.
inline constexpr std::int64_t kReminderBeforeSeconds = 3 * 24 * 3600;

/// Which listings of a site to list, newest first.
struct ListQuery {
  std::int64_t now = 0;
  bool archive = false;               ///< false: the board (active); true: matched, closed, expired
  bool include_members_only = false;  ///< also Visibility::kMembers
  std::optional<Kind> kind;           ///< filter
  std::optional<Category> category;   ///< filter
  int limit = 20;                     ///< always bounded
  int offset = 0;
};

/// One page of a list.
struct ListingPage {
  std::vector<Listing> listings;
  int page = 1;
  bool has_more = false;
};

/// A match: the poster of a listing and the member who helped found each other. The headline
/// figure of a site and of a city.
struct Match {
  MatchId id;
  SiteId site;
  std::optional<ListingId> listing;  ///< nullopt when the listing was removed later
  std::optional<UserId> poster;      ///< nullopt after account deletion
  std::optional<UserId> helper;
  std::string helper_name;           ///< display name ("" without helper)
  std::int64_t matched_at = 0;
};

/// A member who responded to a listing (started a conversation about it).
struct Responder {
  UserId user;
  std::string name;
};

/// An open listing whose expiry reminder is due, with where to send it.
struct DueReminder {
  Listing listing;
  std::string email;  ///< the poster's address: for the mail only, never shown
  std::string name;
};

/// Who looks at or changes a site's board (and messages), as far as those need to know.
struct Viewer {
  std::optional<UserId> user;  ///< nullopt: not logged in
  bool member = false;         ///< verified member of the site
  bool buurtverbinder = false; ///< verified buurtverbinder of the site
  std::optional<std::int64_t> verified_at;  ///< when the membership was verified

  static Viewer Of(std::optional<UserId> user, const std::optional<accounts::Membership>& membership);
};

}  // namespace buurtplein::domain::market
