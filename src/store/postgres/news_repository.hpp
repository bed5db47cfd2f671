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
  domain::Status SetPinned(domain::SiteId site, domain::news::PostId id, bool pinned) override;
  domain::Status DeletePost(domain::SiteId site, domain::news::PostId id) override;
  std::vector<domain::news::Post> ListPublished(domain::SiteId site, const domain::news::ListQuery& query) override;
  std::optional<std::int64_t> NextScheduled(domain::SiteId site, std::int64_t now) override;
  std::vector<domain::SiteId> EraseAuthor(domain::UserId author, bool remove) override;

 private:
  Pool& pool_;
};

}  // namespace buurtplein::store::postgres
