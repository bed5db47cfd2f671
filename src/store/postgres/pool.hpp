#pragma once
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <memory>
#include <mutex>
#include <string>
#include <utility>
#include <vector>

#include "store/postgres/connection.hpp"

namespace buurtplein::store::postgres {

/// Up to `size` connections, opened when first needed and shared between threads. A caller
/// borrows one with Acquire() and gives it back by dropping the Lease.
class Pool {
 public:
  Pool(std::string conninfo, int size, std::chrono::milliseconds wait_limit = std::chrono::seconds(10));
  ~Pool();
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  /// A borrowed connection; returned to the pool (or closed, when broken) on destruction.
  class Lease {
   public:
    Lease(Pool& pool, std::unique_ptr<Connection> conn, std::uint64_t generation)
        : pool_(&pool), conn_(std::move(conn)), generation_(generation) {}
    Lease(Lease&& o) noexcept
        : pool_(std::exchange(o.pool_, nullptr)), conn_(std::move(o.conn_)), generation_(o.generation_) {}
    Lease& operator=(Lease&&) = delete;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    ~Lease();
    Connection& operator*() { return *conn_; }
    Connection* operator->() { return conn_.get(); }

   private:
    Pool* pool_;
    std::unique_ptr<Connection> conn_;
    std::uint64_t generation_;
  };

  /// A healthy connection; waits up to the wait limit for one to come free, then throws.
  /// Throws PostgresError when a new connection cannot be opened.
  Lease Acquire();
  /// {connections open, connections lent out}.
  std::pair<int, int> Stats();
  /// Closes the idle connections now and lent ones when they come back. The pool stays usable.
  void CloseAll();

 private:
  void Release(std::unique_ptr<Connection> conn, std::uint64_t generation);

  const std::string conninfo_;
  const int size_;
  const std::chrono::milliseconds wait_limit_;
  std::mutex mutex_;
  std::condition_variable freed_;
  std::vector<std::unique_ptr<Connection>> idle_;
  int open_ = 0;    // idle + lent + being opened
  int in_use_ = 0;  // lent + being opened
  std::uint64_t generation_ = 0;  // bumped by CloseAll: connections of older generations are closed on return
};

}  // namespace buurtplein::store::postgres
