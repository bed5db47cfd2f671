#pragma once
#include "domain/messages/repositories.hpp"
#include "store/sql/runner.hpp"

/// The messages' repository, written once for both engines on the SQL runner (decision 0010).
namespace buurtplein::store::messages {

class SqlMessagesRepository final : public domain::messages::MessagesRepository {
 public:
  explicit SqlMessagesRepository(sql::Runner& sql) : sql_(sql) {}
  std::optional<domain::messages::ConversationId> FindBetween(
      domain::SiteId site, domain::UserId a, domain::UserId b,
      std::optional<domain::market::ListingId> listing) override;
  domain::Result<domain::messages::ConversationId> StartConversation(
      domain::SiteId site, const domain::messages::NewConversation& c) override;
  std::optional<domain::messages::Conversation> FindConversation(domain::SiteId site,
                                                                 domain::messages::ConversationId id,
                                                                 domain::UserId viewer) override;
  std::vector<domain::messages::Conversation> ListConversations(domain::SiteId site, domain::UserId viewer,
                                                                int limit, int offset) override;
  domain::Result<domain::messages::Message> AddMessage(domain::SiteId site, domain::messages::ConversationId id,
                                                       domain::UserId sender, const std::string& body,
                                                       std::int64_t at) override;
  std::vector<domain::messages::Message> ListMessages(domain::SiteId site, domain::messages::ConversationId id,
                                                      int limit, int offset) override;
  domain::Status MarkRead(domain::SiteId site, domain::messages::ConversationId id, domain::UserId viewer,
                          domain::messages::MessageId upto) override;
  std::int64_t CountUnread(domain::SiteId site, domain::UserId viewer) override;
  std::optional<domain::messages::Message> FindMessage(domain::SiteId site, domain::messages::ConversationId id,
                                                       domain::messages::MessageId message) override;
  domain::Status AddReport(domain::SiteId site, domain::messages::MessageId message, domain::UserId reporter,
                           const std::string& reason, std::int64_t at) override;
  std::vector<domain::messages::Report> ListReports(domain::SiteId site, int limit, int offset) override;
  void EraseUser(domain::UserId user, bool remove) override;

 private:
  std::int64_t InsertMessage(domain::SiteId site, domain::messages::ConversationId id, domain::UserId sender,
                             const std::string& body, std::int64_t at);

  sql::Runner& sql_;
};

}  // namespace buurtplein::store::messages
