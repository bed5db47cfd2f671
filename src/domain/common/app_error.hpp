#pragma once
#include <string>
#include <utility>
#include <variant>

namespace buurtplein::domain {

/// What went wrong, in terms the HTTP layer maps to a status in one place.
enum class ErrorCode {
  kBadRequest,       ///< the input cannot be understood
  kValidation,       ///< the input is understood but not acceptable
  kUnauthenticated,  ///< log in first
  kForbidden,        ///< logged in, but not allowed
  kNotFound,
  kConflict,
  kPayloadTooLarge,
  kRateLimited,
  kUnavailable,      ///< a dependency (the database) is down
  kInternal,
};

/// An expected failure. `public_message` is a gettext msgid safe to show a user (it is
/// translated when rendered); `internal_detail` goes to the log only.
struct AppError {
  ErrorCode code = ErrorCode::kInternal;
  std::string public_message;
  std::string internal_detail;
  long retry_after_seconds = 0;  ///< for kRateLimited: when to try again
  std::string field;             ///< for kValidation: the form field at fault, if one
};

inline AppError MakeError(ErrorCode code, std::string public_message, std::string internal_detail = {}) {
  return AppError{code, std::move(public_message), std::move(internal_detail)};
}

/// Holds a T or an AppError. Expected failures are returned, never thrown.
template <typename T>
class Result {
 public:
  Result(T value) : v_(std::move(value)) {}  // NOLINT(google-explicit-constructor)
  Result(AppError error) : v_(std::move(error)) {}  // NOLINT(google-explicit-constructor)

  bool ok() const { return v_.index() == 0; }
  explicit operator bool() const { return ok(); }
  T& value() & { return std::get<0>(v_); }
  const T& value() const& { return std::get<0>(v_); }
  T&& value() && { return std::get<0>(std::move(v_)); }
  T& operator*() & { return value(); }
  const T& operator*() const& { return value(); }
  T* operator->() { return &value(); }
  const T* operator->() const { return &value(); }
  const AppError& error() const { return std::get<1>(v_); }

 private:
  std::variant<T, AppError> v_;
};

/// Result of an operation that returns nothing on success.
struct Ok {};
using Status = Result<Ok>;

}  // namespace buurtplein::domain
