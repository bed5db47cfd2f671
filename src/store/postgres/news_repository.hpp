#pragma once
#include "domain/news/repositories.hpp"
#include "store/postgres/pool.hpp"

namespace buurtplein::store::postgres {

class PostgresNewsRepository final : public domain::news::NewsRepository {
 public:
  explicit PostgresNewsRepository(Pool& pool) : pool_(pool) {}
  domain::Result<domain::news::Post> CreatePost(domain::SiteId site, domain::UserId author,
                                                const domain::news::PostDraft& draft, std::int64_t at) override;
  std::optional<domain::news::Post> FindPost(domain::SiteId site, domain::news::PostId id) override;
  domain::Status UpdatePost(domain::SiteId site, domain::news::PostId id, const domain::news::PostDraft& draft,
                            std::int64_t at) override;
  domain::Status SetGroup(domain::SiteId site, domain::news::PostId id, std::optional<std::int64_t> group) override;
  domain::Status SetPinned(domain::SiteId site, domain::news::PostId id, bool pinned) override;
  domain::Status DeletePost(domain::SiteId site, domain::news::PostId id) override;
  std::vector<domain::news::Post> ListPublished(domain::SiteId site, const domain::news::ListQuery& query) override;
  std::optional<std::int64_t> NextScheduled(domain::SiteId site, std::int64_t now) override;
  std::vector<domain::SiteId> EraseAuthor(domain::UserId author, bool remove) override;
  domain::Status SetImage(domain::SiteId site, domain::news::PostId id, const domain::news::Image& image) override;
  bool ImageInUse(domain::SiteId site, const std::string& key) override;
  std::vector<std::pair<domain::SiteId, std::string>> ImagesOfAuthor(domain::UserId author) override;
  domain::Result<domain::news::Category> CreateCategory(domain::SiteId site, const std::string& name,
                                                        std::int64_t at) override;
  domain::Status RenameCategory(domain::SiteId site, domain::news::CategoryId id, const std::string& name) override;
  domain::Status DeleteCategory(domain::SiteId site, domain::news::CategoryId id) override;
  std::optional<domain::news::Category> FindCategory(domain::SiteId site, domain::news::CategoryId id) override;
  std::vector<domain::news::Category> ListCategories(domain::SiteId site, int limit) override;
  domain::Result<domain::news::Comment> AddComment(domain::SiteId site, domain::news::PostId post,
                                                   domain::UserId author, const std::string& body,
                                                   std::int64_t at) override;
  std::optional<domain::news::Comment> FindComment(domain::SiteId site, domain::news::CommentId id) override;
  domain::Status DeleteComment(domain::SiteId site, domain::news::CommentId id) override;
  std::vector<domain::news::Comment> ListComments(domain::SiteId site, domain::news::PostId post, int limit,
                                                  int offset) override;
  bool AddThanks(domain::SiteId site, domain::news::PostId post, domain::UserId user, std::int64_t at) override;
  void RemoveThanks(domain::SiteId site, domain::news::PostId post, domain::UserId user) override;
  bool HasThanked(domain::SiteId site, domain::news::PostId post, domain::UserId user) override;
  int CountThanks(domain::SiteId site, domain::news::PostId post) override;

 private:
  Pool& pool_;
};

}  // namespace buurtplein::store::postgres
