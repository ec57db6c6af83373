// Executing a message (a call or a contract creation) in the Cancun EVM.
//
// The EVM reaches state only through state::StateView (DESIGN decision 2). Instructions are
// written once and driven two ways (decision 1): the fast loop used here, and the stepping
// driver in machine.hpp used by tracing and, later, the fraud-proof step machine.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/uint256.hpp>
#include <optimist/state/state_view.hpp>

#include <cstdint>
#include <functional>
#include <iosfwd>
#include <memory>
#include <span>
#include <string_view>
#include <vector>

namespace optimist::evm {

// What the block gives every transaction in it.
struct BlockContext {
    Address coinbase;
    std::uint64_t number = 0;
    std::uint64_t timestamp = 0;
    std::uint64_t gas_limit = 0;
    Uint256 prev_randao;   // DIFFICULTY/PREVRANDAO (EIP-4399)
    Uint256 base_fee;      // BASEFEE (EIP-3198)
    Uint256 blob_base_fee; // BLOBBASEFEE (EIP-7516)
    Uint256 chain_id;
    // BLOCKHASH for one of the 256 previous blocks; the EVM checks the range. May be empty,
    // then every hash is zero.
    std::function<Hash(std::uint64_t)> block_hash;
};

// What the transaction gives every frame in it.
struct TxContext {
    Address origin;
    Uint256 gas_price;              // the effective gas price (GASPRICE)
    std::vector<Hash> blob_hashes;  // BLOBHASH (EIP-4844)
};

enum class CallKind : std::uint8_t { call, callcode, delegatecall, staticcall, create, create2 };

struct Message {
    CallKind kind = CallKind::call;
    bool is_static = false;
    int depth = 0;
    std::int64_t gas = 0;
    Address sender;
    // For calls: the account whose storage and balance the code acts on. For creations it
    // is ignored: the address is derived (CREATE: sender and its nonce; CREATE2: salt).
    Address recipient;
    // Whose code runs (differs from recipient for CALLCODE and DELEGATECALL).
    Address code_address;
    Uint256 value;
    Bytes input;  // call data, or init code for creations
    Hash salt;    // CREATE2
};

// Outcome kinds, named after the EVM's exceptional halts (Yellow Paper 9.4.2) and the
// creation rules, so traces and test failures say exactly what happened.
enum class StatusCode : std::uint8_t {
    success,
    revert,
    out_of_gas,
    invalid_instruction,    // INVALID (0xfe)
    undefined_instruction,  // an opcode Cancun does not define
    stack_overflow,
    stack_underflow,
    bad_jump_destination,
    invalid_memory_access,  // RETURNDATACOPY past the return data
    static_mode_violation,
    precompile_failure,
    call_depth_exceeded,
    insufficient_balance,
    nonce_overflow,
    contract_address_collision,
    code_size_exceeded,       // EIP-170
    invalid_code_prefix,      // EIP-3541: deployed code starting with 0xEF
    initcode_size_exceeded,   // EIP-3860
};

[[nodiscard]] std::string_view to_string(StatusCode s) noexcept;

struct ExecutionResult {
    StatusCode status = StatusCode::success;
    std::int64_t gas_left = 0;  // zero for exceptional halts; what remains after success/revert
    Bytes output;               // return or revert data (empty for creations that succeed)
    Address create_address;     // for successful creations
    friend bool operator==(const ExecutionResult&, const ExecutionResult&) = default;
};

// EIP-3155 tracing: one JSON object per executed instruction, written by the stepping driver.
class Tracer {
public:
    virtual ~Tracer() = default;
    // Called before an instruction executes. `stack` is bottom first.
    struct Step {
        std::uint32_t pc;
        std::uint8_t op;
        std::int64_t gas;
        std::int64_t gas_cost;  // static plus dynamic cost of this instruction, where known
        std::uint64_t memory_size;
        std::span<const Uint256> stack;
        int depth;  // 1 for the outermost frame, as EIP-3155 counts
        std::int64_t refund;
    };
    virtual void on_step(const Step& step) = 0;
    virtual void on_frame_end(const ExecutionResult& /*result*/, int /*depth*/) {}
};

// Writes EIP-3155 lines ({"pc":..,"op":..,"gas":"0x..","gasCost":"0x..","memSize":..,
// "stack":[..],"depth":..,"refund":..,"opName":".."}) to a stream.
std::unique_ptr<Tracer> make_json_tracer(std::ostream& out);

// Executes one message to completion: value transfer, precompiles, code, nested calls and
// creations, reverting the message's state changes on failure. For a creation it also
// increments the sender's nonce (the transaction applier does not) and derives the address.
// Does not charge intrinsic gas or apply refunds: that is transaction-level work.
[[nodiscard]] ExecutionResult execute(state::StateView& state, const BlockContext& block, const TxContext& tx,
                                      const Message& msg, Tracer* tracer = nullptr);

// CREATE and CREATE2 addresses (Yellow Paper 7, EIP-1014).
[[nodiscard]] Address create_address(const Address& sender, std::uint64_t nonce);
[[nodiscard]] Address create2_address(const Address& sender, const Hash& salt, ByteView init_code);

}  // namespace optimist::evm
