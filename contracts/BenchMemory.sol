// SPDX-License-Identifier: MIT
// Interpreter benchmark (bench/optimist_bench/evm_command.cpp): copies within a fixed 16 KiB
// buffer with MCOPY (EIP-5656), MLOAD/MSTORE and the identity precompile (0x04), the ways
// contracts move memory. The buffer never grows, so memory expansion is paid once.
pragma solidity ^0.8.0;

contract BenchMemory {
    uint256 private constant SIZE = 16384;

    // Returns keccak256 of the buffer at the end, so both sides must agree on every byte.
    function run(uint256 n, uint256 seed) external view returns (bytes32 digest) {
        assembly {
            let buf := mload(0x40)
            let half := div(SIZE, 2)
            for { let k := 0 } lt(k, SIZE) { k := add(k, 0x20) } {
                mstore(add(buf, k), add(seed, k))
            }
            for { let i := 0 } lt(i, n) { i := add(i, 1) } {
                // A window of 1-4 KiB at a moving offset in the first half to the second half.
                let len := shl(10, add(and(i, 3), 1))
                let from := and(mul(i, 0x260), 0xfe0)
                mcopy(add(buf, half), add(buf, from), len)
                // And back, through the identity precompile.
                if iszero(staticcall(gas(), 0x04, add(buf, add(half, 0x20)), 1024, add(buf, from), 1024)) {
                    revert(0, 0)
                }
                // Word-wise: fold a few words, write them back.
                let w := xor(mload(add(buf, add(half, 0x40))), i)
                mstore(add(buf, and(mul(i, 0x20), 0x3fe0)), w)
                mstore(add(buf, add(half, and(mul(i, 0x60), 0x1fe0))), not(w))
            }
            digest := keccak256(buf, SIZE)
        }
    }
}
