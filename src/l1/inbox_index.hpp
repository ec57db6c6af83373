// InboxIndex: which committed L1 blocks hold inbox entries, and reading them, behind its own
// small lock instead of the stub's block-building lock. L1Stub::batches() reads through it,
// and L1Stub::inbox_reader() hands it out to a DisputeReferee, which the stub calls while it
// builds a block (inbox_reader.hpp).
//
// Lock order: the stub's lock, then this one (the builder publishes a block while holding
// its lock); readers take only this one, and never hold it while calling out.
#pragma once

#include <optimist/db/database.hpp>
#include <optimist/l1/inbox_reader.hpp>

#include <cstdint>
#include <memory>
#include <mutex>
#include <set>

namespace optimist::l1 {

class InboxIndex final : public InboxReader {
public:
    InboxIndex(std::shared_ptr<db::Database> db, std::set<std::uint64_t> inbox_blocks, std::uint64_t head);

    // After a block is written: `head` is committed, holding inbox entries or not.
    void publish(std::uint64_t head, bool has_inbox);
    // The stub is closing: drops the database (so its directory can be reopened) and makes
    // later reads fail as unavailable.
    void close();

    [[nodiscard]] L1Result<std::vector<InboxEntry>> batches(std::uint64_t from_l1_block,
                                                            std::uint64_t to_l1_block) const override;

private:
    mutable std::mutex mutex_;
    std::shared_ptr<db::Database> db_;      // null once closed
    std::set<std::uint64_t> inbox_blocks_;  // committed blocks holding at least one entry
    std::uint64_t head_;
};

}  // namespace optimist::l1
