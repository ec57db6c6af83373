// L1Stub's private state, shared by its two source files (stub_open.cpp: creating and
// loading a datadir; stub.cpp: transactions, mining and reads).
#pragma once

#include "block_builder.hpp"
#include "inbox_index.hpp"
#include "ledger.hpp"

#include <optimist/db/database.hpp>
#include <optimist/l1/l1_stub.hpp>

#include <condition_variable>
#include <deque>
#include <memory>
#include <mutex>
#include <set>
#include <thread>

namespace optimist::l1 {

inline constexpr std::string_view kLog = "l1";

struct L1Stub::Impl {
    // Shared with `inbox`, which closes its reference when the stub goes.
    std::shared_ptr<db::Database> db;
    // Its own lock (inbox_index.hpp): readable while `mutex` is held by the builder.
    std::shared_ptr<InboxIndex> inbox;

    // Guards everything below except the miner's wake-up state.
    mutable std::mutex mutex;
    Ledger ledger;
    std::shared_ptr<const DisputeReferee> referee;
    std::deque<PendingTx> pending;  // arrival order
    std::set<Hash> pending_hashes;
    std::uint64_t next_seq = 0;

    std::thread miner;
    std::mutex wake_mutex;
    std::condition_variable wake;
    bool stopping = false;
    bool tx_arrived = false;
};

}  // namespace optimist::l1
