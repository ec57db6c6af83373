#include "inbox_index.hpp"

#include "records.hpp"

#include <algorithm>
#include <vector>

namespace optimist::l1 {

InboxIndex::InboxIndex(std::shared_ptr<db::Database> db, std::set<std::uint64_t> inbox_blocks,
                       std::uint64_t head)
    : db_(std::move(db)), inbox_blocks_(std::move(inbox_blocks)), head_(head) {}

void InboxIndex::publish(std::uint64_t head, bool has_inbox) {
    const std::lock_guard lock(mutex_);
    head_ = head;
    if (has_inbox) inbox_blocks_.insert(head);
}

void InboxIndex::close() {
    const std::lock_guard lock(mutex_);
    db_.reset();
}

L1Result<std::vector<InboxEntry>> InboxIndex::batches(std::uint64_t from_l1_block,
                                                      std::uint64_t to_l1_block) const {
    std::shared_ptr<db::Database> db;
    std::vector<std::uint64_t> blocks;
    {
        const std::lock_guard lock(mutex_);
        if (!db_) return fail(L1Error{L1ErrorKind::unavailable, "the L1 stub is closed"});
        db = db_;
        to_l1_block = std::min(to_l1_block, head_);
        if (from_l1_block > to_l1_block) return std::vector<InboxEntry>{};
        for (auto it = inbox_blocks_.lower_bound(from_l1_block);
             it != inbox_blocks_.end() && *it <= to_l1_block; ++it)
            blocks.push_back(*it);
    }
    // Committed blocks never change, so they are read without the lock.
    std::vector<InboxEntry> out;
    bool corrupt = false;
    for (const auto number : blocks) {
        db->for_each_with_prefix(records::inbox_prefix(number), [&](ByteView key, ByteView value) {
            auto entry = records::decode_inbox_entry(key, value);
            if (!entry) return !(corrupt = true);
            out.push_back(std::move(*entry));
            return true;
        });
        if (corrupt)
            return fail(L1Error{L1ErrorKind::internal,
                                "unreadable inbox entry in L1 block " + std::to_string(number)});
    }
    return out;
}

}  // namespace optimist::l1
