// SPDX-License-Identifier: MIT
// Creates pairs and swaps through them. Tokens deployed with this router as their trusted
// spender let it pull the input without an approval (Token.sol), so a swap is one
// transaction from the user.
//
// No storage. Pairs made by createPairs land at this contract's CREATE addresses for
// nonces 1, 2, 3, ... in creation order (a contract's nonce starts at 1, EIP-161), which is
// how the workload generator knows them in advance.
pragma solidity ^0.8.0;

import {IERC20} from "./IERC20.sol";
import {Pair} from "./Pair.sol";

contract Router {
    event PairCreated(address indexed token0, address indexed token1, address pair);

    error UnknownToken(address token);
    error InsufficientOutputAmount(uint256 amountOut, uint256 amountOutMin);
    error TransferFailed();

    // `count` independent pools of the same two tokens (their balances in each token are
    // separate storage slots, so swaps in different pools touch disjoint state).
    function createPairs(IERC20 token0, IERC20 token1, uint256 count) external {
        for (uint256 i = 0; i < count; ++i) {
            Pair pair = new Pair(token0, token1);
            emit PairCreated(address(token0), address(token1), address(pair));
        }
    }

    // Settles deposits already sent to each pair (Pair.mint), shares to `to`.
    function mintLiquidity(Pair[] calldata pairs, address to) external {
        for (uint256 i = 0; i < pairs.length; ++i) pairs[i].mint(to);
    }

    // The output of a swap of amountIn against the reserves, after the 0.3% fee.
    function getAmountOut(uint256 amountIn, uint256 reserveIn, uint256 reserveOut)
        public
        pure
        returns (uint256)
    {
        uint256 inWithFee = amountIn * 997;
        return (inWithFee * reserveOut) / (reserveIn * 1000 + inWithFee);
    }

    function swapExactTokensForTokens(
        uint256 amountIn,
        uint256 amountOutMin,
        address tokenIn,
        Pair pair,
        address to
    ) external returns (uint256 amountOut) {
        bool zeroForOne = tokenIn == address(pair.token0());
        if (!zeroForOne && tokenIn != address(pair.token1())) revert UnknownToken(tokenIn);
        (uint256 reserve0, uint256 reserve1) = pair.getReserves();
        amountOut = zeroForOne
            ? getAmountOut(amountIn, reserve0, reserve1)
            : getAmountOut(amountIn, reserve1, reserve0);
        if (amountOut < amountOutMin) revert InsufficientOutputAmount(amountOut, amountOutMin);
        if (!IERC20(tokenIn).transferFrom(msg.sender, address(pair), amountIn)) revert TransferFailed();
        if (zeroForOne) {
            pair.swap(0, amountOut, to);
        } else {
            pair.swap(amountOut, 0, to);
        }
    }
}
