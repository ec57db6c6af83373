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

Result<Account, rlp::RlpError> decode_account(ByteView encoded) {
    const auto item = rlp::decode(encoded);
    if (!item) return fail(item.error());
    if (!item->is_list) return fail(rlp::RlpError::expected_list);
    const auto fields = rlp::decode_list(*item);
    if (!fields) return fail(fields.error());
    if (fields->size() != 4) return fail(rlp::RlpError::wrong_list_length);
    const auto nonce = rlp::decode_uint64((*fields)[0]);
    if (!nonce) return fail(nonce.error());
    const auto balance = rlp::decode_uint256((*fields)[1]);
    if (!balance) return fail(balance.error());
    const auto storage_root = rlp::decode_fixed<32>((*fields)[2]);
    if (!storage_root) return fail(storage_root.error());
    const auto code_hash = rlp::decode_fixed<32>((*fields)[3]);
    if (!code_hash) return fail(code_hash.error());
    Account a;
    a.nonce = *nonce;
    a.balance = *balance;
    a.storage_root = *storage_root;
    a.code_hash = *code_hash;
    return a;
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
