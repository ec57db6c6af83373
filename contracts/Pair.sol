// SPDX-License-Identifier: MIT
// A constant-product pool of two tokens (x * y = k) with a 0.3% fee on the input, in the
// style of Uniswap V2: tokens are sent to the pair first, then mint or swap settles against
// the balance above the recorded reserves. No flash swaps, no protocol fee, no price oracle:
// the workloads need only swaps and a first liquidity deposit.
//
// The tokens must not call back into the pair (Token does not), which is why there is no
// reentrancy lock: a lock would add a storage write to every swap.
//
// Storage layout (eth_getStorageAt):
//   slot 0  reserve0
//   slot 1  reserve1
//   slot 2  totalSupply      liquidity shares
//   slot 3  balanceOf        shares of a at keccak256(abi.encode(a, 3))
// token0 and token1 are immutable.
pragma solidity ^0.8.0;

import {IERC20} from "./IERC20.sol";

contract Pair {
    uint256 public reserve0;
    uint256 public reserve1;
    uint256 public totalSupply;
    mapping(address => uint256) public balanceOf;

    IERC20 public immutable token0;
    IERC20 public immutable token1;

    event Mint(address indexed sender, uint256 amount0, uint256 amount1, address indexed to);
    event Swap(
        address indexed sender,
        uint256 amount0In,
        uint256 amount1In,
        uint256 amount0Out,
        uint256 amount1Out,
        address indexed to
    );
    event Sync(uint256 reserve0, uint256 reserve1);

    error IdenticalTokens();
    error InsufficientLiquidityMinted();
    error InsufficientOutputAmount();
    error InsufficientLiquidity();
    error InsufficientInputAmount();
    error InvalidTo();
    error TransferFailed();
    error ConstantProduct();

    constructor(IERC20 token0_, IERC20 token1_) {
        if (address(token0_) == address(token1_)) revert IdenticalTokens();
        token0 = token0_;
        token1 = token1_;
    }

    function getReserves() external view returns (uint256, uint256) {
        return (reserve0, reserve1);
    }

    // Adds liquidity: what the pair holds above its reserves was deposited by the provider.
    // The first deposit mints sqrt(amount0 * amount1) shares, later ones in proportion.
    function mint(address to) external returns (uint256 liquidity) {
        uint256 balance0 = token0.balanceOf(address(this));
        uint256 balance1 = token1.balanceOf(address(this));
        uint256 amount0 = balance0 - reserve0;
        uint256 amount1 = balance1 - reserve1;
        uint256 supply = totalSupply;
        if (supply == 0) {
            liquidity = sqrt(amount0 * amount1);
        } else {
            uint256 by0 = (amount0 * supply) / reserve0;
            uint256 by1 = (amount1 * supply) / reserve1;
            liquidity = by0 < by1 ? by0 : by1;
        }
        if (liquidity == 0) revert InsufficientLiquidityMinted();
        totalSupply = supply + liquidity;
        balanceOf[to] += liquidity;
        update(balance0, balance1);
        emit Mint(msg.sender, amount0, amount1, to);
    }

    // Sends the outputs to `to`, then requires that the inputs already received keep
    // (balance0 - 0.3% of input0) * (balance1 - 0.3% of input1) >= reserve0 * reserve1.
    function swap(uint256 amount0Out, uint256 amount1Out, address to) external {
        if (amount0Out == 0 && amount1Out == 0) revert InsufficientOutputAmount();
        uint256 r0 = reserve0;
        uint256 r1 = reserve1;
        if (amount0Out >= r0 || amount1Out >= r1) revert InsufficientLiquidity();
        if (to == address(token0) || to == address(token1)) revert InvalidTo();

        if (amount0Out > 0 && !token0.transfer(to, amount0Out)) revert TransferFailed();
        if (amount1Out > 0 && !token1.transfer(to, amount1Out)) revert TransferFailed();
        uint256 balance0 = token0.balanceOf(address(this));
        uint256 balance1 = token1.balanceOf(address(this));

        uint256 amount0In = balance0 > r0 - amount0Out ? balance0 - (r0 - amount0Out) : 0;
        uint256 amount1In = balance1 > r1 - amount1Out ? balance1 - (r1 - amount1Out) : 0;
        if (amount0In == 0 && amount1In == 0) revert InsufficientInputAmount();
        // Scaled by 1000 to keep the fee in integers; checked arithmetic bounds the reserves.
        uint256 adjusted0 = balance0 * 1000 - amount0In * 3;
        uint256 adjusted1 = balance1 * 1000 - amount1In * 3;
        if (adjusted0 * adjusted1 < r0 * r1 * 1_000_000) revert ConstantProduct();

        update(balance0, balance1);
        emit Swap(msg.sender, amount0In, amount1In, amount0Out, amount1Out, to);
    }

    function update(uint256 balance0, uint256 balance1) private {
        reserve0 = balance0;
        reserve1 = balance1;
        emit Sync(balance0, balance1);
    }

    // floor(sqrt(y)) by Newton's iteration, which decreases monotonically from y / 2 + 1.
    function sqrt(uint256 y) private pure returns (uint256 z) {
        if (y > 3) {
            z = y;
            uint256 x = y / 2 + 1;
            while (x < z) {
                z = x;
                x = (y / x + x) / 2;
            }
        } else if (y != 0) {
            z = 1;
        }
    }
}
