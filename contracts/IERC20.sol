// SPDX-License-Identifier: MIT
// The part of ERC-20 (EIP-20) that Pair and Router call. An interface: no artifact.
pragma solidity ^0.8.0;

interface IERC20 {
    function balanceOf(address owner) external view returns (uint256);
    function transfer(address to, uint256 amount) external returns (bool);
    function transferFrom(address from, address to, uint256 amount) external returns (bool);
}
