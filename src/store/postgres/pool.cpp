#include "store/postgres/pool.hpp"

#include <stdexcept>

namespace buurtplein::store::postgres {

Pool::Pool(std::string conninfo, int size, std::chrono::milliseconds wait_limit)
    : conninfo_(std::move(conninfo)), size_(size < 1 ? 1 : size), wait_limit_(wait_limit) {}

Pool::~Pool() { CloseAll(); }

Pool::Lease::~Lease() {
  if (pool_ && conn_) pool_->Release(std::move(conn_), generation_);
}

Pool::Lease Pool::Acquire() {
  std::unique_lock lock(mutex_);
  if (!freed_.wait_for(lock, wait_limit_, [&] { return !idle_.empty() || open_ < size_; })) {
    throw PostgresError("53300", "No PostgreSQL connection came free within " +
                                     std::to_string(wait_limit_.count()) + " ms (pool of " +
                                     std::to_string(size_) + " connections, all in use).");
  }
  const std::uint64_t generation = generation_;
  std::unique_ptr<Connection> conn;
  if (!idle_.empty()) {
    conn = std::move(idle_.back());
    idle_.pop_back();
  }
  if (!conn) ++open_;
  ++in_use_;
  lock.unlock();

  // Connecting and resetting take network round trips: never under the lock.
  try {
    if (conn && !conn->Healthy() && !conn->Reset()) conn.reset();
    if (!conn) conn = std::make_unique<Connection>(conninfo_);
  } catch (...) {
    lock.lock();
    --open_;
    --in_use_;
    lock.unlock();
    freed_.notify_one();
    throw;
  }
  return Lease(*this, std::move(conn), generation);
}

void Pool::Release(std::unique_ptr<Connection> conn, std::uint64_t generation) {
  // A connection left broken or inside a transaction (an exception between BEGIN and ROLLBACK
  // that could not roll back) is not handed to the next caller.
  const bool keep = conn->Healthy();
  {
    std::lock_guard lock(mutex_);
    --in_use_;
    if (keep && generation == generation_) {
      idle_.push_back(std::move(conn));
    } else {
      --open_;
    }
  }
  freed_.notify_one();
  conn.reset();  // closes outside the lock when not kept
}

std::pair<int, int> Pool::Stats() {
  std::lock_guard lock(mutex_);
  return {open_, in_use_};
}

void Pool::CloseAll() {
  std::vector<std::unique_ptr<Connection>> closing;
  {
    std::lock_guard lock(mutex_);
    closing.swap(idle_);
    open_ -= static_cast<int>(closing.size());
    ++generation_;
  }
  freed_.notify_all();
}

}  // namespace buurtplein::store::postgres
