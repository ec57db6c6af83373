// Hand-assembled contracts and init codes shared by the random-block tests (the sequential
// executor's and the parallel executor's).
#pragma once

#include <optimist/core/bytes.hpp>

#include <cstdint>
#include <initializer_list>
#include <optional>

namespace optimist::exec::testing {

// SSTORE(calldata[0..32], calldata[32..64]); return SLOAD of that key.
inline const Bytes kStoreCode = {0x60, 0x20, 0x35, 0x60, 0x00, 0x35, 0x55, 0x60, 0x00, 0x35,
                                 0x54, 0x60, 0x00, 0x52, 0x60, 0x20, 0x60, 0x00, 0xf3};
// slot0 += 1; LOG1(topic 0xaa) of the new value.
inline const Bytes kCounterCode = {0x60, 0x00, 0x54, 0x60, 0x01, 0x01, 0x80, 0x60, 0x00, 0x55, 0x60,
                                   0x00, 0x52, 0x60, 0xaa, 0x60, 0x20, 0x60, 0x00, 0xa1, 0x00};
// SSTORE(0, 1); REVERT(0, 0).
inline const Bytes kRevertCode = {0x60, 0x01, 0x60, 0x00, 0x55, 0x60, 0x00, 0x60, 0x00, 0xfd};

// Child init codes, 7 bytes each so a factory pushes them with PUSH7.
// SSTORE(0, 1); SELFDESTRUCT(CALLER): created and destroyed in one transaction (EIP-6780).
inline const Bytes kSelfDestructInit = {0x60, 0x01, 0x60, 0x00, 0x55, 0x33, 0xff};
// SSTORE(2, SLOAD(1)); STOP: deploys empty code, proves slot 1 of a new contract reads zero.
inline const Bytes kCopySlotInit = {0x60, 0x01, 0x54, 0x60, 0x02, 0x55, 0x00};
// SSTORE(3, 7); STOP.
inline const Bytes kStoreSevenInit = {0x60, 0x07, 0x60, 0x03, 0x55, 0x00, 0x00};

inline void put_bytes(Bytes& out, std::initializer_list<std::uint8_t> bytes) {
    for (const std::uint8_t b : bytes) out.push_back(b);
}

// MSTORE the child init code, then CREATE (no salt) or CREATE2 with `salt`; POP; STOP.
inline Bytes factory_code(const Bytes& init, std::optional<std::uint8_t> salt) {
    Bytes code;
    put_bytes(code, {0x66});  // PUSH7
    for (const std::uint8_t b : init) code.push_back(b);
    put_bytes(code, {0x60, 0x00, 0x52});  // MSTORE at 0: the code sits at bytes 25..31
    if (salt) put_bytes(code, {0x60, *salt});
    put_bytes(code, {0x60, 0x07, 0x60, 0x19, 0x60, 0x00, static_cast<std::uint8_t>(salt ? 0xf5 : 0xf0)});
    put_bytes(code, {0x50, 0x00});  // POP STOP
    return code;
}

// Creation transaction data: copies `runtime` out of itself and returns it.
inline Bytes deployer(const Bytes& runtime) {
    const auto n = static_cast<std::uint8_t>(runtime.size());
    Bytes code;
    put_bytes(code, {0x60, n, 0x60, 0x0c, 0x60, 0x00, 0x39, 0x60, n, 0x60, 0x00, 0xf3});
    for (const std::uint8_t b : runtime) code.push_back(b);
    return code;
}

inline Hash salt_hash(std::uint8_t salt) {
    Hash h;
    h[31] = salt;
    return h;
}

}  // namespace optimist::exec::testing
