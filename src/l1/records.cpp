#include "records.hpp"

#include "record_fields.hpp"

#include <optimist/core/rlp.hpp>
#include <optimist/db/keys.hpp>

namespace optimist::l1::records {
namespace {

using fields::bytes;
using fields::fixed;
using fields::list_of;
using fields::u256;
using fields::u64;

Bytes key(std::uint8_t kind, ByteView rest) { return db::prefixed_key(kind, rest); }

}  // namespace

Bytes be64(std::uint64_t v) { return db::be64(v); }

std::optional<std::uint64_t> read_be64(ByteView b) {
    if (b.size() != 8) return std::nullopt;
    std::uint64_t v = 0;
    for (const auto byte : b) v = (v << 8) | byte;
    return v;
}

Bytes config_key() { return {'m', 'c', 'o', 'n', 'f', 'i', 'g'}; }
Bytes head_key() { return {'m', 'h', 'e', 'a', 'd'}; }
Bytes account_key(const Address& a) { return key(kAccount, a); }
Bytes block_key(std::uint64_t number) { return key(kBlock, be64(number)); }
Bytes transaction_key(const Hash& h) { return key(kTransaction, h); }
Bytes inbox_prefix(std::uint64_t block) { return key(kInbox, be64(block)); }
Bytes inbox_key(std::uint64_t block, std::uint32_t index) {
    Bytes k = inbox_prefix(block);
    const Bytes i = be64(index);
    k.insert(k.end(), i.begin() + 4, i.end());
    return k;
}
Bytes output_key(std::uint64_t index) { return key(kOutput, be64(index)); }
Bytes journal_key(std::uint64_t seq) { return key(kJournal, be64(seq)); }

Bytes encode_config(const L1Config& c) {
    rlp::Encoder e;
    const auto m = e.begin_list();
    e.add_uint(c.chain_id);
    e.add_bytes(c.batch_inbox);
    e.add_bytes(c.output_oracle);
    e.add_uint(c.challenge_window);
    e.add_uint(c.min_bond);
    e.add_bytes(c.dispute_game_factory);
    e.add_uint(c.game_clock);
    e.add_bytes(c.l2_genesis_output);
    e.end_list(m);
    return std::move(e).take();
}

std::optional<L1Config> decode_config(ByteView b) {
    // Datadirs from before dispute games hold the first five fields; the rest read as zero
    // and open() fills them in from the configuration.
    auto items = list_of(b, 8);
    if (!items) items = list_of(b, 5);
    if (!items) return std::nullopt;
    const auto& it = *items;
    auto chain = u64(it[0]);
    auto inbox = fixed<20>(it[1]);
    auto oracle = fixed<20>(it[2]);
    auto window = u64(it[3]);
    auto bond = u256(it[4]);
    if (!chain || !inbox || !oracle || !window || !bond) return std::nullopt;
    L1Config c;
    c.chain_id = *chain;
    c.batch_inbox = *inbox;
    c.output_oracle = *oracle;
    c.challenge_window = *window;
    c.min_bond = *bond;
    c.game_clock = 0;
    if (it.size() == 8) {
        auto factory = fixed<20>(it[5]);
        auto clock = u64(it[6]);
        auto genesis = fixed<32>(it[7]);
        if (!factory || !clock || !genesis) return std::nullopt;
        c.dispute_game_factory = *factory;
        c.game_clock = *clock;
        c.l2_genesis_output = *genesis;
    }
    return c;
}

Bytes encode_account(const Account& a) {
    rlp::Encoder e;
    const auto m = e.begin_list();
    e.add_uint(a.nonce);
    e.add_uint(a.balance);
    e.end_list(m);
    return std::move(e).take();
}

std::optional<Account> decode_account(ByteView b) {
    auto items = list_of(b, 2);
    if (!items) return std::nullopt;
    auto nonce = u64((*items)[0]);
    auto balance = u256((*items)[1]);
    if (!nonce || !balance) return std::nullopt;
    return Account{*nonce, *balance};
}

Bytes encode_block(const tx::BlockHeader& header, const std::vector<Hash>& tx_hashes) {
    rlp::Encoder e;
    const auto m = e.begin_list();
    tx::encode_header(e, header);
    const auto l = e.begin_list();
    for (const auto& h : tx_hashes) e.add_bytes(h);
    e.end_list(l);
    e.end_list(m);
    return std::move(e).take();
}

std::optional<L1Block> decode_block(ByteView b) {
    auto items = list_of(b, 2);
    if (!items || !(*items)[1].is_list) return std::nullopt;
    auto header = tx::decode_header((*items)[0]);
    if (!header) return std::nullopt;
    auto hashes = rlp::decode_list((*items)[1]);
    if (!hashes) return std::nullopt;
    L1Block block{*header, tx::header_hash(*header), {}};
    for (const auto& h : *hashes) {
        auto hash = fixed<32>(h);
        if (!hash) return std::nullopt;
        block.tx_hashes.push_back(*hash);
    }
    return block;
}

Bytes encode_transaction(const TransactionRecord& r) {
    const L1Receipt& rc = r.receipt;
    rlp::Encoder e;
    const auto m = e.begin_list();
    e.add_bytes(r.wire);
    e.add_uint(rc.block_number);
    e.add_bytes(rc.block_hash);
    e.add_uint(rc.index);
    e.add_uint(rc.success ? 1 : 0);
    e.add_uint(rc.gas_used);
    e.add_bytes(rc.from);
    if (rc.to) {
        e.add_bytes(*rc.to);
    } else {
        e.add_bytes({});
    }
    const auto& reason = rc.failure_reason;
    e.add_bytes(ByteView(reinterpret_cast<const std::uint8_t*>(reason.data()), reason.size()));
    e.end_list(m);
    return std::move(e).take();
}

std::optional<TransactionRecord> decode_transaction(ByteView b, const Hash& tx_hash) {
    auto items = list_of(b, 9);
    if (!items) return std::nullopt;
    const auto& it = *items;
    auto wire = bytes(it[0]);
    auto number = u64(it[1]);
    auto block_hash = fixed<32>(it[2]);
    auto index = u64(it[3]);
    auto success = u64(it[4]);
    auto gas = u64(it[5]);
    auto from = fixed<20>(it[6]);
    auto to = bytes(it[7]);
    auto reason = bytes(it[8]);
    if (!wire || !number || !block_hash || !index || *index > UINT32_MAX || !success || *success > 1 ||
        !gas || !from || !to || (!to->empty() && to->size() != 20) || !reason)
        return std::nullopt;
    TransactionRecord r;
    r.wire = std::move(*wire);
    r.receipt.tx_hash = tx_hash;
    r.receipt.block_number = *number;
    r.receipt.block_hash = *block_hash;
    r.receipt.index = static_cast<std::uint32_t>(*index);
    r.receipt.success = *success == 1;
    r.receipt.gas_used = *gas;
    r.receipt.from = *from;
    if (!to->empty()) r.receipt.to = Address::right_aligned(*to);
    r.receipt.failure_reason.assign(reason->begin(), reason->end());
    return r;
}

Bytes encode_inbox_entry(const InboxEntry& entry) {
    rlp::Encoder e;
    const auto m = e.begin_list();
    e.add_bytes(entry.sender);
    e.add_bytes(entry.data);
    e.add_bytes(entry.tx_hash);
    e.end_list(m);
    return std::move(e).take();
}

std::optional<InboxEntry> decode_inbox_entry(ByteView key, ByteView value) {
    if (key.size() != 1 + 8 + 4 || key[0] != kInbox) return std::nullopt;
    auto items = list_of(value, 3);
    if (!items) return std::nullopt;
    auto sender = fixed<20>((*items)[0]);
    auto data = bytes((*items)[1]);
    auto hash = fixed<32>((*items)[2]);
    if (!sender || !data || !hash) return std::nullopt;
    InboxEntry entry;
    entry.l1_block = *read_be64(key.subspan(1, 8));
    entry.index = 0;
    for (const auto byte : key.subspan(9, 4)) entry.index = (entry.index << 8) | byte;
    entry.sender = *sender;
    entry.data = std::move(*data);
    entry.tx_hash = *hash;
    return entry;
}

Bytes encode_output(const OutputProposal& p) {
    rlp::Encoder e;
    const auto m = e.begin_list();
    e.add_bytes(p.proposer);
    e.add_uint(p.l2_block);
    e.add_bytes(p.output_root);
    e.add_uint(p.bond);
    e.add_uint(p.l1_block);
    e.add_uint(static_cast<std::uint64_t>(p.status));
    e.end_list(m);
    return std::move(e).take();
}

std::optional<OutputProposal> decode_output(std::uint64_t index, ByteView b) {
    auto items = list_of(b, 6);
    if (!items) return std::nullopt;
    const auto& it = *items;
    auto proposer = fixed<20>(it[0]);
    auto l2_block = u64(it[1]);
    auto root = fixed<32>(it[2]);
    auto bond = u256(it[3]);
    auto l1_block = u64(it[4]);
    auto status = u64(it[5]);
    if (!proposer || !l2_block || !root || !bond || !l1_block || !status ||
        *status > static_cast<std::uint64_t>(OutputStatus::invalidated))
        return std::nullopt;
    return OutputProposal{
        index, *proposer, *l2_block, *root, *bond, *l1_block, static_cast<OutputStatus>(*status)};
}

}  // namespace optimist::l1::records
