// SPDX-License-Identifier: MIT
// The worst case for parallel execution: every call reads and writes the same slot, so each
// transaction depends on the one before it (docs/workloads.md, "hotslot").
//
// Storage layout: slot 0  count
pragma solidity ^0.8.0;

contract HotCounter {
    uint256 public count;

    event Incremented(address indexed by, uint256 count);

    function increment() external {
        uint256 next = count + 1;
        count = next;
        emit Incremented(msg.sender, next);
    }
}
