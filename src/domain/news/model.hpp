#pragma once
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/common/ids.hpp"

namespace buurtplein::domain::news {

using PostId = Id<struct NewsPostTag>;
using CategoryId = Id<struct NewsCategoryTag>;
using CommentId = Id<struct NewsCommentTag>;

/// Who may read a post: everyone, or the site's verified members only.
enum class Visibility { kPublic, kMembers };

/// A post's image: processed and stored under a content-addressed key (hex) by the image
/// storage; the versions are kImageWidths wide where the original is wider, and `width` wide.
struct Image {
  std::string key;   ///< "" when the post has no image
  std::string alt;   ///< the text alternative, required with an image
  int width = 0;     ///< of the largest version
  int height = 0;
};

/// The widths of the smaller versions of an image; the largest is at most kImageMaxWidth.
inline constexpr int kImageWidths[] = {480, 960};
inline constexpr int kImageMaxWidth = 1600;
/// The widths stored for an image whose largest version is `width` wide, smallest first.
std::vector<int> ImageWidths(int width);

/// A category of a site's news ("Verkeer", "Groen"). A post has at most one.
struct Category {
  CategoryId id;
  SiteId site;
  std::string name;  ///< at most kMaxCategoryName code points, unique in the site
};

inline constexpr std::size_t kMaxCategoryName = 40;
/// A site has at most this many categories (so the list of them is always short).
inline constexpr int kMaxCategories = 30;

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
  std::optional<CategoryId> category;  ///< nullopt: no category
  std::string category_name;           ///< "" without category
  Image image;                         ///< image.key "": no image
  int thanks = 0;                      ///< how many members said "bedankt"
  int comments = 0;                    ///< how many comments it has
  std::optional<std::int64_t> group_id;///< a group of the site as organiser (issue 4 §5)
  std::string group_name;              ///< its name ("" without group)
  bool group_members_only = false;     ///< the group is seen by the site's members only
};

/// What happens to a post's image when it is saved.
enum class ImageAction { kKeep, kRemove, kReplace };

/// What the author writes (new post or edit).
struct PostDraft {
  std::string title;
  std::string body_markdown;
  Visibility visibility = Visibility::kPublic;
  /// Unix seconds; nullopt: now. A time in the past is taken as now.
  std::optional<std::int64_t> published_at;
  std::optional<CategoryId> category;  ///< nullopt: none
  std::string image_alt;               ///< the image's text alternative (new or kept image)
  ImageAction image_action = ImageAction::kKeep;
  std::string_view image_file;         ///< the uploaded file, for kReplace (not stored as such)
  std::optional<std::int64_t> group_id;///< a group of the site as organiser (the caller checks who may)
};

/// A comment on a post: plain text by a verified member.
struct Comment {
  CommentId id;
  SiteId site;
  PostId post;
  std::optional<UserId> author;  ///< nullopt once the author deleted their account
  std::string author_name;
  std::string body;  ///< plain text, at most kMaxCommentLength code points
  std::int64_t created_at = 0;
};

inline constexpr std::size_t kMaxCommentLength = 2000;

/// One page of a post's comments, oldest first.
struct CommentPage {
  std::vector<Comment> comments;
  int page = 1;
  bool has_more = false;
  int total = 0;
};

/// The state of a member's "bedankt" on a post after a toggle.
struct Thanks {
  bool thanked = false;  ///< the member thanks the post now
  int count = 0;         ///< thanks of everyone
};

inline constexpr std::size_t kMaxTitleLength = 140;
inline constexpr std::size_t kMaxBodyLength = 20000;
inline constexpr std::size_t kMaxImageAltLength = 250;

/// Which published posts of a site to list, newest first with pinned posts on top.
struct ListQuery {
  std::int64_t now = 0;                 ///< published_at <= now
  bool include_members_only = false;    ///< also posts with Visibility::kMembers
  std::int64_t published_since = 0;     ///< published_at >= this (0: any)
  std::optional<CategoryId> category;   ///< only posts of this category
  std::optional<std::int64_t> group;    ///< only posts this group organises
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
