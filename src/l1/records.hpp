// The L1 stub's LevelDB layout. One letter per kind of record, numbers big-endian so keys
// sort in numeric order:
//   "mconfig"                     config: rlp([chainId, inbox, oracle, window, minBond,
//                                 factory, gameClock, l2GenesisOutput])
//   "mhead"                       head block number (8 bytes)
//   "a" ‖ address                 account: rlp([nonce, balance])
//   "b" ‖ be64(number)            block: rlp([header, [tx hashes]])
//   "t" ‖ tx hash                 included transaction: rlp([wire, blockNumber, blockHash,
//                                 index, success, gasUsed, from, to, failureReason])
//   "i" ‖ be64(block) ‖ be32(i)   inbox entry: rlp([sender, data, tx hash])
//   "o" ‖ be64(index)             proposal: rlp([proposer, l2Block, outputRoot, bond,
//                                 l1Block, status])
//   "p" ‖ be64(seq)               journal: the wire form of an accepted, unmined transaction
//   "g" ‖ be64(id)                dispute game: game_records.hpp
//   "c" ‖ address                 the factory's credit for an account: rlp(amount); erased at 0
// Records are strict RLP; a record that does not decode reads as absent (the caller logs).
#pragma once

#include "ledger.hpp"

#include <optimist/core/bytes.hpp>
#include <optimist/l1/l1_stub.hpp>
#include <optimist/l1/types.hpp>
#include <optimist/tx/block.hpp>

#include <cstdint>
#include <optional>
#include <vector>

namespace optimist::l1::records {

inline constexpr std::uint8_t kAccount = 'a';
inline constexpr std::uint8_t kBlock = 'b';
inline constexpr std::uint8_t kTransaction = 't';
inline constexpr std::uint8_t kInbox = 'i';
inline constexpr std::uint8_t kOutput = 'o';
inline constexpr std::uint8_t kJournal = 'p';
inline constexpr std::uint8_t kGame = 'g';
inline constexpr std::uint8_t kCredit = 'c';

[[nodiscard]] Bytes config_key();
[[nodiscard]] Bytes head_key();
[[nodiscard]] Bytes account_key(const Address& a);
[[nodiscard]] Bytes block_key(std::uint64_t number);
[[nodiscard]] Bytes transaction_key(const Hash& h);
[[nodiscard]] Bytes inbox_prefix(std::uint64_t block);
[[nodiscard]] Bytes inbox_key(std::uint64_t block, std::uint32_t index);
[[nodiscard]] Bytes output_key(std::uint64_t index);
[[nodiscard]] Bytes journal_key(std::uint64_t seq);

[[nodiscard]] Bytes be64(std::uint64_t v);
[[nodiscard]] std::optional<std::uint64_t> read_be64(ByteView b);

[[nodiscard]] Bytes encode_config(const L1Config& c);
[[nodiscard]] std::optional<L1Config> decode_config(ByteView b);

[[nodiscard]] Bytes encode_account(const Account& a);
[[nodiscard]] std::optional<Account> decode_account(ByteView b);

[[nodiscard]] Bytes encode_block(const tx::BlockHeader& header, const std::vector<Hash>& tx_hashes);
[[nodiscard]] std::optional<L1Block> decode_block(ByteView b);

struct TransactionRecord {
    Bytes wire;
    L1Receipt receipt;
};
[[nodiscard]] Bytes encode_transaction(const TransactionRecord& r);
[[nodiscard]] std::optional<TransactionRecord> decode_transaction(ByteView b, const Hash& tx_hash);

// The key carries the block and index.
[[nodiscard]] Bytes encode_inbox_entry(const InboxEntry& e);
[[nodiscard]] std::optional<InboxEntry> decode_inbox_entry(ByteView key, ByteView value);

[[nodiscard]] Bytes encode_output(const OutputProposal& p);
[[nodiscard]] std::optional<OutputProposal> decode_output(std::uint64_t index, ByteView b);

}  // namespace optimist::l1::records
