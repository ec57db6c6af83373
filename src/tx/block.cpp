// Block bodies and the list-trie roots (block.hpp).
#include <optimist/core/keccak.hpp>
#include <optimist/trie/trie_root.hpp>
#include <optimist/tx/block.hpp>
#include <optimist/tx/codec.hpp>

namespace optimist::tx {
namespace {

using rlp::Item;
using rlp::RlpError;

constexpr std::size_t kWithdrawalFields = 4;

void encode_withdrawal(rlp::Encoder& out, const Withdrawal& w) {
    const std::size_t mark = out.begin_list();
    out.add_uint(w.index);
    out.add_uint(w.validator_index);
    out.add_bytes(w.address);
    out.add_uint(w.amount_gwei);
    out.end_list(mark);
}

Bytes encode_withdrawal(const Withdrawal& w) {
    rlp::Encoder enc;
    encode_withdrawal(enc, w);
    return std::move(enc).take();
}

Result<Withdrawal, RlpError> decode_withdrawal(const Item& item) {
    auto fields = rlp::decode_list(item);
    if (!fields) return fail(fields.error());
    if (fields->size() != kWithdrawalFields) return fail(RlpError::wrong_list_length);
    Withdrawal w;
    auto index = rlp::decode_uint64((*fields)[0]);
    auto validator = rlp::decode_uint64((*fields)[1]);
    auto address = rlp::decode_fixed<20>((*fields)[2]);
    auto amount = rlp::decode_uint64((*fields)[3]);
    if (!index) return fail(index.error());
    if (!validator) return fail(validator.error());
    if (!address) return fail(address.error());
    if (!amount) return fail(amount.error());
    w.index = *index;
    w.validator_index = *validator;
    w.address = *address;
    w.amount_gwei = *amount;
    return w;
}

TxRejection envelope_error(RlpError e) { return TxRejection(e, TxField::envelope); }

// A body item: a legacy transaction's list, or a string holding a typed wire form.
Result<Transaction, TxRejection> decode_body_transaction(const Item& item) {
    if (item.is_list) return decode_transaction(item.encoded);
    // The string must hold an envelope, not a legacy list in disguise (EIP-2718).
    if (item.payload.empty() || item.payload[0] >= 0x80) return fail(envelope_error(RlpError::expected_list));
    return decode_transaction(item.payload);
}

}  // namespace

Bytes encode_block(const Block& b) {
    rlp::Encoder enc;
    const std::size_t mark = enc.begin_list();
    encode_header(enc, b.header);
    const std::size_t txs = enc.begin_list();
    for (const Transaction& t : b.transactions) append_block_body_item(enc, t);
    enc.end_list(txs);
    const std::size_t ommers = enc.begin_list();
    for (const BlockHeader& h : b.ommers) encode_header(enc, h);
    enc.end_list(ommers);
    if (b.withdrawals) {
        const std::size_t ws = enc.begin_list();
        for (const Withdrawal& w : *b.withdrawals) encode_withdrawal(enc, w);
        enc.end_list(ws);
    }
    enc.end_list(mark);
    return std::move(enc).take();
}

Result<Block, TxRejection> decode_block(ByteView encoded) {
    auto item = rlp::decode(encoded);
    if (!item) return fail(envelope_error(item.error()));
    auto parts = rlp::decode_list(*item);
    if (!parts) return fail(envelope_error(parts.error()));
    if (parts->size() != 3 && parts->size() != 4) return fail(envelope_error(RlpError::wrong_list_length));
    Block b;
    auto header = decode_header((*parts)[0]);
    if (!header) return fail(envelope_error(header.error()));
    b.header = std::move(header).value();

    auto txs = rlp::decode_list((*parts)[1]);
    if (!txs) return fail(envelope_error(txs.error()));
    b.transactions.reserve(txs->size());
    for (const Item& t : *txs) {
        auto tx = decode_body_transaction(t);
        if (!tx) return fail(tx.error());
        b.transactions.push_back(std::move(tx).value());
    }

    auto ommers = rlp::decode_list((*parts)[2]);
    if (!ommers) return fail(envelope_error(ommers.error()));
    for (const Item& o : *ommers) {
        auto h = decode_header(o);
        if (!h) return fail(envelope_error(h.error()));
        b.ommers.push_back(std::move(h).value());
    }

    if (parts->size() == 4) {
        auto ws = rlp::decode_list((*parts)[3]);
        if (!ws) return fail(envelope_error(ws.error()));
        b.withdrawals.emplace();
        for (const Item& w : *ws) {
            auto withdrawal = decode_withdrawal(w);
            if (!withdrawal) return fail(envelope_error(withdrawal.error()));
            b.withdrawals->push_back(*withdrawal);
        }
    }
    return b;
}

Hash transactions_root(std::span<const Transaction> txs) {
    std::vector<Bytes> encoded;
    encoded.reserve(txs.size());
    for (const Transaction& t : txs) encoded.push_back(encode_transaction(t));
    return trie::ordered_trie_root(encoded);
}

Hash withdrawals_root(std::span<const Withdrawal> withdrawals) {
    std::vector<Bytes> encoded;
    encoded.reserve(withdrawals.size());
    for (const Withdrawal& w : withdrawals) encoded.push_back(encode_withdrawal(w));
    return trie::ordered_trie_root(encoded);
}

}  // namespace optimist::tx

namespace optimist::tx {

BlockHeader child_header_template(const BlockHeader& parent, const Hash& parent_hash, std::uint64_t timestamp,
                                  const Address& coinbase, std::uint64_t gas_limit) {
    BlockHeader h = cancun_header();
    h.parent_hash = parent_hash;
    h.number = parent.number + 1;
    h.coinbase = coinbase;
    h.gas_limit = gas_limit;
    h.timestamp = timestamp;
    h.base_fee_per_gas = calc_next_base_fee(parent);
    h.mix_hash = keccak256(parent_hash.view());
    return h;
}

}  // namespace optimist::tx
