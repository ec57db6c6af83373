// SPDX-License-Identifier: MIT
// Interpreter benchmark (bench/optimist_bench/evm_command.cpp): many Token (contracts/Token.sol)
// transfers in one call. The constructor deploys the token and mints this contract a
// balance; run(n) sends n transfers round robin to 64 recipients (after the first 64,
// every balance slot is warm).
pragma solidity ^0.8.0;

import {Token} from "./Token.sol";

contract BenchErc20 {
    Token public immutable token;

    constructor() {
        token = new Token("Bench", "BNCH", address(0));
        address[] memory to = new address[](1);
        to[0] = address(this);
        token.mintBatch(to, 1e30);
    }

    // Returns this contract's balance afterwards.
    function run(uint256 n, uint256 seed) external returns (uint256) {
        for (uint256 i = 0; i < n; ++i) {
            token.transfer(address(uint160(0x10000 + ((seed + i) & 63))), 1 + (i & 7));
        }
        return token.balanceOf(address(this));
    }
}
