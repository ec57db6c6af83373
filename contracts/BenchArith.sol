// SPDX-License-Identifier: MIT
// Interpreter benchmark (bench/optimist_bench/evm_command.cpp): 256-bit arithmetic on full-width
// operands: MUL, ADD, SUB, DIV, SDIV, MOD, ADDMOD, MULMOD, EXP, shifts and bitwise operations,
// written in plain (unchecked) Solidity as a contract would.
pragma solidity ^0.8.0;

contract BenchArith {
    function run(uint256 n, uint256 seed) external pure returns (uint256 a, uint256 b, uint256 c) {
        a = seed | 1;
        b = ~seed;
        c = 0x30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47;
        unchecked {
            for (uint256 i = 0; i < n; ++i) {
                a = a * 0x9e3779b97f4a7c15f39cc0605cedc8341082276bf3a27251f86c6a11d0c18e95 + i;
                b ^= (a >> 7) | (a << 249);
                c = mulmod(a, b, c | (1 << 255)) + addmod(a, c, b | 1);
                a += b / ((c >> 128) | 1);
                b -= a % ((b >> 64) | 3);
                c ^= uint256(int256(a) / (int256(b >> 1) | 5));
                a ^= (b | 3) ** ((i & 15) + 1);
            }
        }
    }
}
