// Cancun opcodes and their metadata in compile-time tables (STYLE: metadata in constexpr
// tables). The interpreter checks stack bounds and charges the constant gas from these
// tables before an instruction runs; dynamic costs (memory, state access, calls) are
// charged by the instruction itself.
#pragma once

#include <array>
#include <cstdint>
#include <string_view>

namespace optimist::evm {

enum Opcode : std::uint8_t {
    op_stop = 0x00,
    op_add = 0x01,
    op_mul = 0x02,
    op_sub = 0x03,
    op_div = 0x04,
    op_sdiv = 0x05,
    op_mod = 0x06,
    op_smod = 0x07,
    op_addmod = 0x08,
    op_mulmod = 0x09,
    op_exp = 0x0a,
    op_signextend = 0x0b,
    op_lt = 0x10,
    op_gt = 0x11,
    op_slt = 0x12,
    op_sgt = 0x13,
    op_eq = 0x14,
    op_iszero = 0x15,
    op_and = 0x16,
    op_or = 0x17,
    op_xor = 0x18,
    op_not = 0x19,
    op_byte = 0x1a,
    op_shl = 0x1b,
    op_shr = 0x1c,
    op_sar = 0x1d,
    op_keccak256 = 0x20,
    op_address = 0x30,
    op_balance = 0x31,
    op_origin = 0x32,
    op_caller = 0x33,
    op_callvalue = 0x34,
    op_calldataload = 0x35,
    op_calldatasize = 0x36,
    op_calldatacopy = 0x37,
    op_codesize = 0x38,
    op_codecopy = 0x39,
    op_gasprice = 0x3a,
    op_extcodesize = 0x3b,
    op_extcodecopy = 0x3c,
    op_returndatasize = 0x3d,
    op_returndatacopy = 0x3e,
    op_extcodehash = 0x3f,
    op_blockhash = 0x40,
    op_coinbase = 0x41,
    op_timestamp = 0x42,
    op_number = 0x43,
    op_prevrandao = 0x44,
    op_gaslimit = 0x45,
    op_chainid = 0x46,
    op_selfbalance = 0x47,
    op_basefee = 0x48,
    op_blobhash = 0x49,
    op_blobbasefee = 0x4a,
    op_pop = 0x50,
    op_mload = 0x51,
    op_mstore = 0x52,
    op_mstore8 = 0x53,
    op_sload = 0x54,
    op_sstore = 0x55,
    op_jump = 0x56,
    op_jumpi = 0x57,
    op_pc = 0x58,
    op_msize = 0x59,
    op_gas = 0x5a,
    op_jumpdest = 0x5b,
    op_tload = 0x5c,
    op_tstore = 0x5d,
    op_mcopy = 0x5e,
    op_push0 = 0x5f,
    op_push1 = 0x60,
    op_push2 = 0x61,
    op_push3 = 0x62,
    op_push4 = 0x63,
    op_push5 = 0x64,
    op_push6 = 0x65,
    op_push7 = 0x66,
    op_push8 = 0x67,
    op_push9 = 0x68,
    op_push10 = 0x69,
    op_push11 = 0x6a,
    op_push12 = 0x6b,
    op_push13 = 0x6c,
    op_push14 = 0x6d,
    op_push15 = 0x6e,
    op_push16 = 0x6f,
    op_push17 = 0x70,
    op_push18 = 0x71,
    op_push19 = 0x72,
    op_push20 = 0x73,
    op_push21 = 0x74,
    op_push22 = 0x75,
    op_push23 = 0x76,
    op_push24 = 0x77,
    op_push25 = 0x78,
    op_push26 = 0x79,
    op_push27 = 0x7a,
    op_push28 = 0x7b,
    op_push29 = 0x7c,
    op_push30 = 0x7d,
    op_push31 = 0x7e,
    op_push32 = 0x7f,
    op_dup1 = 0x80,
    op_dup2 = 0x81,
    op_dup3 = 0x82,
    op_dup4 = 0x83,
    op_dup5 = 0x84,
    op_dup6 = 0x85,
    op_dup7 = 0x86,
    op_dup8 = 0x87,
    op_dup9 = 0x88,
    op_dup10 = 0x89,
    op_dup11 = 0x8a,
    op_dup12 = 0x8b,
    op_dup13 = 0x8c,
    op_dup14 = 0x8d,
    op_dup15 = 0x8e,
    op_dup16 = 0x8f,
    op_swap1 = 0x90,
    op_swap2 = 0x91,
    op_swap3 = 0x92,
    op_swap4 = 0x93,
    op_swap5 = 0x94,
    op_swap6 = 0x95,
    op_swap7 = 0x96,
    op_swap8 = 0x97,
    op_swap9 = 0x98,
    op_swap10 = 0x99,
    op_swap11 = 0x9a,
    op_swap12 = 0x9b,
    op_swap13 = 0x9c,
    op_swap14 = 0x9d,
    op_swap15 = 0x9e,
    op_swap16 = 0x9f,
    op_log0 = 0xa0,
    op_log1 = 0xa1,
    op_log2 = 0xa2,
    op_log3 = 0xa3,
    op_log4 = 0xa4,
    op_create = 0xf0,
    op_call = 0xf1,
    op_callcode = 0xf2,
    op_return = 0xf3,
    op_delegatecall = 0xf4,
    op_create2 = 0xf5,
    op_staticcall = 0xfa,
    op_revert = 0xfd,
    op_invalid = 0xfe,
    op_selfdestruct = 0xff,
};

inline constexpr int kStackLimit = 1024;

// Gas constants named after the Yellow Paper (appendix G) and the EIPs that changed them.
namespace gas {
inline constexpr std::int64_t kZero = 0;
inline constexpr std::int64_t kJumpdest = 1;
inline constexpr std::int64_t kBase = 2;
inline constexpr std::int64_t kVeryLow = 3;
inline constexpr std::int64_t kLow = 5;
inline constexpr std::int64_t kMid = 8;
inline constexpr std::int64_t kHigh = 10;
inline constexpr std::int64_t kWarmAccess = 100;          // EIP-2929 WARM_STORAGE_READ_COST
inline constexpr std::int64_t kColdAccountAccess = 2600;  // EIP-2929
inline constexpr std::int64_t kColdSload = 2100;          // EIP-2929
inline constexpr std::int64_t kSstoreSet = 20000;
inline constexpr std::int64_t kSstoreReset = 5000 - kColdSload;  // EIP-2929: 2900
inline constexpr std::int64_t kSstoreClearsRefund = 4800;        // EIP-3529
inline constexpr std::int64_t kSstoreSentry = 2300;              // EIP-2200 stipend sentry
inline constexpr std::int64_t kExpByte = 50;                     // EIP-160
inline constexpr std::int64_t kKeccakWord = 6;
inline constexpr std::int64_t kCopyWord = 3;
inline constexpr std::int64_t kLogTopic = 375;
inline constexpr std::int64_t kLogData = 8;
inline constexpr std::int64_t kCallValue = 9000;
inline constexpr std::int64_t kCallStipend = 2300;
inline constexpr std::int64_t kNewAccount = 25000;
inline constexpr std::int64_t kCreate = 32000;
inline constexpr std::int64_t kInitcodeWord = 2;  // EIP-3860
inline constexpr std::int64_t kCodeDeposit = 200;
inline constexpr std::int64_t kSelfdestruct = 5000;
inline constexpr std::int64_t kBlockhash = 20;
inline constexpr std::int64_t kMemoryWord = 3;
inline constexpr std::int64_t kQuadCoeffDiv = 512;
}  // namespace gas

inline constexpr std::size_t kMaxCodeSize = 24576;                 // EIP-170
inline constexpr std::size_t kMaxInitcodeSize = 2 * kMaxCodeSize;  // EIP-3860
inline constexpr int kMaxCallDepth = 1024;

// What the interpreter needs to know about an opcode before running it.
struct OpInfo {
    std::string_view name;      // EIP-3155 opName; empty for undefined opcodes
    std::int16_t base_gas = 0;  // charged before the instruction runs
    std::int8_t stack_in = 0;   // items the instruction reads (underflow check)
    std::int8_t stack_out = 0;  // items it leaves (with stack_in: the overflow check)
    bool defined = false;       // defined in Cancun
};

namespace detail {

constexpr std::array<OpInfo, 256> make_op_table() noexcept {
    std::array<OpInfo, 256> t{};
    auto def = [&t](std::uint8_t op, std::string_view name, std::int16_t g, std::int8_t in, std::int8_t out) {
        t[op] = OpInfo{name, g, in, out, true};
    };
    using namespace gas;
    def(op_stop, "STOP", kZero, 0, 0);
    def(op_add, "ADD", kVeryLow, 2, 1);
    def(op_mul, "MUL", kLow, 2, 1);
    def(op_sub, "SUB", kVeryLow, 2, 1);
    def(op_div, "DIV", kLow, 2, 1);
    def(op_sdiv, "SDIV", kLow, 2, 1);
    def(op_mod, "MOD", kLow, 2, 1);
    def(op_smod, "SMOD", kLow, 2, 1);
    def(op_addmod, "ADDMOD", kMid, 3, 1);
    def(op_mulmod, "MULMOD", kMid, 3, 1);
    def(op_exp, "EXP", kHigh, 2, 1);
    def(op_signextend, "SIGNEXTEND", kLow, 2, 1);
    def(op_lt, "LT", kVeryLow, 2, 1);
    def(op_gt, "GT", kVeryLow, 2, 1);
    def(op_slt, "SLT", kVeryLow, 2, 1);
    def(op_sgt, "SGT", kVeryLow, 2, 1);
    def(op_eq, "EQ", kVeryLow, 2, 1);
    def(op_iszero, "ISZERO", kVeryLow, 1, 1);
    def(op_and, "AND", kVeryLow, 2, 1);
    def(op_or, "OR", kVeryLow, 2, 1);
    def(op_xor, "XOR", kVeryLow, 2, 1);
    def(op_not, "NOT", kVeryLow, 1, 1);
    def(op_byte, "BYTE", kVeryLow, 2, 1);
    def(op_shl, "SHL", kVeryLow, 2, 1);
    def(op_shr, "SHR", kVeryLow, 2, 1);
    def(op_sar, "SAR", kVeryLow, 2, 1);
    def(op_keccak256, "KECCAK256", 30, 2, 1);
    def(op_address, "ADDRESS", kBase, 0, 1);
    def(op_balance, "BALANCE", kWarmAccess, 1, 1);
    def(op_origin, "ORIGIN", kBase, 0, 1);
    def(op_caller, "CALLER", kBase, 0, 1);
    def(op_callvalue, "CALLVALUE", kBase, 0, 1);
    def(op_calldataload, "CALLDATALOAD", kVeryLow, 1, 1);
    def(op_calldatasize, "CALLDATASIZE", kBase, 0, 1);
    def(op_calldatacopy, "CALLDATACOPY", kVeryLow, 3, 0);
    def(op_codesize, "CODESIZE", kBase, 0, 1);
    def(op_codecopy, "CODECOPY", kVeryLow, 3, 0);
    def(op_gasprice, "GASPRICE", kBase, 0, 1);
    def(op_extcodesize, "EXTCODESIZE", kWarmAccess, 1, 1);
    def(op_extcodecopy, "EXTCODECOPY", kWarmAccess, 4, 0);
    def(op_returndatasize, "RETURNDATASIZE", kBase, 0, 1);
    def(op_returndatacopy, "RETURNDATACOPY", kVeryLow, 3, 0);
    def(op_extcodehash, "EXTCODEHASH", kWarmAccess, 1, 1);
    def(op_blockhash, "BLOCKHASH", kBlockhash, 1, 1);
    def(op_coinbase, "COINBASE", kBase, 0, 1);
    def(op_timestamp, "TIMESTAMP", kBase, 0, 1);
    def(op_number, "NUMBER", kBase, 0, 1);
    def(op_prevrandao, "PREVRANDAO", kBase, 0, 1);
    def(op_gaslimit, "GASLIMIT", kBase, 0, 1);
    def(op_chainid, "CHAINID", kBase, 0, 1);
    def(op_selfbalance, "SELFBALANCE", kLow, 0, 1);
    def(op_basefee, "BASEFEE", kBase, 0, 1);
    def(op_blobhash, "BLOBHASH", kVeryLow, 1, 1);
    def(op_blobbasefee, "BLOBBASEFEE", kBase, 0, 1);
    def(op_pop, "POP", kBase, 1, 0);
    def(op_mload, "MLOAD", kVeryLow, 1, 1);
    def(op_mstore, "MSTORE", kVeryLow, 2, 0);
    def(op_mstore8, "MSTORE8", kVeryLow, 2, 0);
    def(op_sload, "SLOAD", kWarmAccess, 1, 1);
    def(op_sstore, "SSTORE", kZero, 2, 0);
    def(op_jump, "JUMP", kMid, 1, 0);
    def(op_jumpi, "JUMPI", kHigh, 2, 0);
    def(op_pc, "PC", kBase, 0, 1);
    def(op_msize, "MSIZE", kBase, 0, 1);
    def(op_gas, "GAS", kBase, 0, 1);
    def(op_jumpdest, "JUMPDEST", kJumpdest, 0, 0);
    def(op_tload, "TLOAD", kWarmAccess, 1, 1);    // EIP-1153
    def(op_tstore, "TSTORE", kWarmAccess, 2, 0);  // EIP-1153
    def(op_mcopy, "MCOPY", kVeryLow, 3, 0);       // EIP-5656
    def(op_push0, "PUSH0", kBase, 0, 1);          // EIP-3855
    constexpr std::string_view kPushNames[] = {
        "PUSH1",  "PUSH2",  "PUSH3",  "PUSH4",  "PUSH5",  "PUSH6",  "PUSH7",  "PUSH8",
        "PUSH9",  "PUSH10", "PUSH11", "PUSH12", "PUSH13", "PUSH14", "PUSH15", "PUSH16",
        "PUSH17", "PUSH18", "PUSH19", "PUSH20", "PUSH21", "PUSH22", "PUSH23", "PUSH24",
        "PUSH25", "PUSH26", "PUSH27", "PUSH28", "PUSH29", "PUSH30", "PUSH31", "PUSH32"};
    for (int i = 0; i < 32; ++i) def(static_cast<std::uint8_t>(op_push1 + i), kPushNames[i], kVeryLow, 0, 1);
    constexpr std::string_view kDupNames[] = {"DUP1",  "DUP2",  "DUP3",  "DUP4",  "DUP5",  "DUP6",
                                              "DUP7",  "DUP8",  "DUP9",  "DUP10", "DUP11", "DUP12",
                                              "DUP13", "DUP14", "DUP15", "DUP16"};
    constexpr std::string_view kSwapNames[] = {"SWAP1",  "SWAP2",  "SWAP3",  "SWAP4",  "SWAP5",  "SWAP6",
                                               "SWAP7",  "SWAP8",  "SWAP9",  "SWAP10", "SWAP11", "SWAP12",
                                               "SWAP13", "SWAP14", "SWAP15", "SWAP16"};
    for (int i = 0; i < 16; ++i) {
        const auto n = static_cast<std::int8_t>(i + 1);
        def(static_cast<std::uint8_t>(op_dup1 + i), kDupNames[i], kVeryLow, n,
            static_cast<std::int8_t>(n + 1));
        def(static_cast<std::uint8_t>(op_swap1 + i), kSwapNames[i], kVeryLow, static_cast<std::int8_t>(n + 1),
            static_cast<std::int8_t>(n + 1));
    }
    constexpr std::string_view kLogNames[] = {"LOG0", "LOG1", "LOG2", "LOG3", "LOG4"};
    for (int i = 0; i < 5; ++i) {
        def(static_cast<std::uint8_t>(op_log0 + i), kLogNames[i], static_cast<std::int16_t>(375 * (i + 1)),
            static_cast<std::int8_t>(i + 2), 0);
    }
    def(op_create, "CREATE", kCreate, 3, 1);
    def(op_call, "CALL", kWarmAccess, 7, 1);
    def(op_callcode, "CALLCODE", kWarmAccess, 7, 1);
    def(op_return, "RETURN", kZero, 2, 0);
    def(op_delegatecall, "DELEGATECALL", kWarmAccess, 6, 1);
    def(op_create2, "CREATE2", kCreate, 4, 1);
    def(op_staticcall, "STATICCALL", kWarmAccess, 6, 1);
    def(op_revert, "REVERT", kZero, 2, 0);
    def(op_invalid, "INVALID", kZero, 0, 0);
    def(op_selfdestruct, "SELFDESTRUCT", kSelfdestruct, 1, 0);
    return t;
}

}  // namespace detail

inline constexpr std::array<OpInfo, 256> kOpTable = detail::make_op_table();

// What the interpreter checks before each instruction, folded from kOpTable so that the
// stack check is one unsigned comparison: the stack height in bytes minus min_bytes must
// not exceed range_bytes (at least stack_in items, and room for the result within
// kStackLimit); then base_gas is charged.
struct OpCheck {
    std::int32_t min_bytes = 0;    // 32 * stack_in
    std::int32_t range_bytes = 0;  // 32 * (highest allowed height - stack_in)
    std::int64_t base_gas = 0;
};

namespace detail {
constexpr std::array<OpCheck, 256> make_op_checks() noexcept {
    std::array<OpCheck, 256> t{};
    for (std::size_t i = 0; i < 256; ++i) {
        const int growth = kOpTable[i].stack_out - kOpTable[i].stack_in;
        const int max_height = growth > 0 ? kStackLimit - growth : kStackLimit;
        t[i].min_bytes = 32 * kOpTable[i].stack_in;
        t[i].range_bytes = 32 * (max_height - kOpTable[i].stack_in);
        t[i].base_gas = kOpTable[i].base_gas;
    }
    return t;
}
}  // namespace detail

inline constexpr std::array<OpCheck, 256> kOpChecks = detail::make_op_checks();

// EIP-3155 opName; "opcode 0x.." style names are left to the caller for undefined ones.
[[nodiscard]] constexpr std::string_view op_name(std::uint8_t op) noexcept { return kOpTable[op].name; }

static_assert(kOpTable[op_push32].name == "PUSH32");
static_assert(kOpTable[op_swap16].stack_in == 17);
static_assert(kOpTable[0x0c].defined == false);
static_assert(kOpChecks[op_dup16].min_bytes + kOpChecks[op_dup16].range_bytes == 32 * 1023);

}  // namespace optimist::evm
