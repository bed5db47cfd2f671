#pragma once
#include <functional>
#include <string_view>
#include <vector>

#include "domain/accounts/model.hpp"
#include "domain/common/app_error.hpp"
#include "domain/common/clock.hpp"
#include "domain/store.hpp"

namespace buurtplein::domain::accounts {

/// Who holds which role: the association board of a city, the buurtverbinders of a site, the
/// platform's operators. Only operators give and take roles (the route table's kOperator, or the
/// `grant-role` command on the server), so this service checks no permission itself.
class RoleService {
 public:
  RoleService(Store& store, const Clock& clock) : store_(store), clock_(clock) {}

  /// Called after every change of a role: the board page and site pages show role holders.
  void SetChangeListener(std::function<void()> listener) { on_change_ = std::move(listener); }

  /// Appoints the account with this address to the city's board (again: no change).
  /// kNotFound when no account has the address.
  Status AppointBoard(CityId city, std::string_view email);
  /// kNotFound when the user is not on the city's board.
  Status RemoveBoard(CityId city, UserId user);
  /// Makes the account a verified buurtverbinder of the site: their membership there gets the
  /// role, or a membership is made (home, or following when they live elsewhere).
  Status AppointBuurtverbinder(SiteId site, std::string_view email);
  /// The buurtverbinder becomes a member again; kNotFound when they are no buurtverbinder here.
  Status RemoveBuurtverbinder(SiteId site, UserId user);
  /// Makes the account a platform operator (or not).
  Status SetOperator(std::string_view email, bool is_operator);

  std::vector<RoleHolder> Board(CityId city, int limit, int offset);
  std::vector<RoleHolder> Buurtverbinders(SiteId site, int limit, int offset);

 private:
  Result<User> FindByEmail(std::string_view email);
  void Changed() {
    if (on_change_) on_change_();
  }

  Store& store_;
  const Clock& clock_;
  std::function<void()> on_change_;
};

}  // namespace buurtplein::domain::accounts
