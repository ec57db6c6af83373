// SPDX-License-Identifier: MIT
// Interpreter benchmark (bench/optimist_bench/evm_command.cpp): many swaps through Router and
// Pair (contracts/Router.sol, Pair.sol) in one call. The constructor deploys a router, two
// tokens that trust it, one pool with liquidity and a balance of both tokens for this
// contract; run(n) swaps n times, alternating the direction.
pragma solidity ^0.8.0;

import {IERC20} from "./IERC20.sol";
import {Pair} from "./Pair.sol";
import {Router} from "./Router.sol";
import {Token} from "./Token.sol";

contract BenchAmm {
    Router public immutable router;
    Token public immutable token0;
    Token public immutable token1;
    Pair public immutable pair;

    constructor() {
        Router r = new Router();
        Token t0 = new Token("Bench A", "BA", address(r));
        Token t1 = new Token("Bench B", "BB", address(r));
        r.createPairs(IERC20(address(t0)), IERC20(address(t1)), 1);
        // The router's first CREATE (its nonce 1): keccak256(rlp([router, 1])).
        Pair p = Pair(address(uint160(uint256(keccak256(abi.encodePacked(bytes2(0xd694), address(r), bytes1(0x01)))))));
        address[] memory to = new address[](2);
        to[0] = address(p);
        to[1] = address(this);
        t0.mintBatch(to, 1e27);
        t1.mintBatch(to, 1e27);
        Pair[] memory pairs = new Pair[](1);
        pairs[0] = p;
        r.mintLiquidity(pairs, address(this));
        router = r;
        token0 = t0;
        token1 = t1;
        pair = p;
    }

    // Returns the sum of the swaps' outputs.
    function run(uint256 n, uint256 seed) external returns (uint256 out) {
        for (uint256 i = 0; i < n; ++i) {
            uint256 amount = 1e18 + ((seed + i) & 0xffff) * 1e12;
            address tokenIn = (i & 1) == 0 ? address(token0) : address(token1);
            out += router.swapExactTokensForTokens(amount, 0, tokenIn, pair, address(this));
        }
    }
}
