// SPDX-License-Identifier: MIT
// Interpreter benchmark (bench/optimist_bench/evm_command.cpp): SLOAD and SSTORE over 128
// slots, each read and rewritten many times, so the call pays the first (cold) access of
// every slot once and then warm accesses: the state cache of an interpreter, not its
// database. Runs as eth_call, so nothing persists; both sides start from empty storage.
pragma solidity ^0.8.0;

contract BenchStorage {
    uint256[128] private slots;

    function run(uint256 n, uint256 seed) external returns (uint256 sum) {
        for (uint256 i = 0; i < n; ++i) {
            uint256 k = (i * 37) & 127;
            uint256 v = slots[k];
            unchecked {
                slots[k] = v + seed + i;
                sum += v;
            }
        }
    }
}
