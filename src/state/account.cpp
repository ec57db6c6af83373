#include <optimist/core/keccak.hpp>
#include <optimist/core/rlp.hpp>
#include <optimist/state/account.hpp>

namespace optimist::state {

Bytes encode_account(const Account& a) {
    rlp::Encoder e;
    const auto mark = e.begin_list();
    e.add_uint(a.nonce);
    e.add_uint(a.balance);
    e.add_bytes(a.storage_root);
    e.add_bytes(a.code_hash);
    e.end_list(mark);
    return std::move(e).take();
}

Hash logs_hash(const std::vector<Log>& logs) {
    rlp::Encoder e;
    const auto outer = e.begin_list();
    for (const auto& log : logs) {
        const auto entry = e.begin_list();
        e.add_bytes(log.address);
        const auto topics = e.begin_list();
        for (const auto& t : log.topics) e.add_bytes(t);
        e.end_list(topics);
        e.add_bytes(log.data);
        e.end_list(entry);
    }
    e.end_list(outer);
    return keccak256(e.bytes());
}

}  // namespace optimist::state
