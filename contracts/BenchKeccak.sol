// SPDX-License-Identifier: MIT
// Interpreter benchmark (bench/optimist_bench/evm_command.cpp): a chain of KECCAK256 over
// 64-byte inputs in scratch memory, so the loop costs hashing and little else.
pragma solidity ^0.8.0;

contract BenchKeccak {
    // h_0 = seed, h_{i+1} = keccak256(h_i ‖ i); returns h_n.
    function run(uint256 n, uint256 seed) external pure returns (bytes32 h) {
        h = bytes32(seed);
        assembly {
            for { let i := 0 } lt(i, n) { i := add(i, 1) } {
                mstore(0x00, h)
                mstore(0x20, i)
                h := keccak256(0x00, 0x40)
            }
        }
    }
}
