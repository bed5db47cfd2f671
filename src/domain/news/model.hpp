#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/common/ids.hpp"

namespace buurtplein::domain::news {

using PostId = Id<struct NewsPostTag>;

/// Who may read a post: everyone, or the site's verified members only.
enum class Visibility { kPublic, kMembers };

/// A neighbourhood news post (buurtnieuws). Belongs to one site.
struct Post {
  PostId id;
  SiteId site;
  std::optional<UserId> author;  ///< nullopt once the author deleted their account
  std::string author_name;       ///< the author's display name ("" without author)
  std::string title;             ///< at most kMaxTitleLength code points
  std::string body_markdown;     ///< Markdown, at most kMaxBodyLength code points
  Visibility visibility = Visibility::kPublic;
  bool pinned = false;
  std::int64_t published_at = 0;  ///< Unix seconds; in the future: scheduled, not yet visible
  std::int64_t created_at = 0;
  std::int64_t updated_at = 0;
};

/// What the author writes (new post or edit).
struct PostDraft {
  std::string title;
  std::string body_markdown;
  Visibility visibility = Visibility::kPublic;
  /// Unix seconds; nullopt: now. A time in the past is taken as now.
  std::optional<std::int64_t> published_at;
};

inline constexpr std::size_t kMaxTitleLength = 140;
inline constexpr std::size_t kMaxBodyLength = 20000;

/// Which published posts of a site to list, newest first with pinned posts on top.
struct ListQuery {
  std::int64_t now = 0;                 ///< published_at <= now
  bool include_members_only = false;    ///< also posts with Visibility::kMembers
  std::int64_t published_since = 0;     ///< published_at >= this (0: any)
  int limit = 10;                       ///< always bounded
  int offset = 0;
};

/// One page of a list.
struct PostPage {
  std::vector<Post> posts;
  int page = 1;
  bool has_more = false;  ///< a next page exists
};

}  // namespace buurtplein::domain::news
