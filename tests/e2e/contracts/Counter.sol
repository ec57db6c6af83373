// SPDX-License-Identifier: MIT
// Compiled at test time (tests/e2e/lib/chain.mjs) for the end-to-end tests: storage writes,
// an event with an indexed topic, a require with a reason and a custom error.
pragma solidity ^0.8.20;

contract Counter {
    uint256 public count;

    event Incremented(address indexed by, uint256 value);

    error TooLarge(uint256 asked, uint256 limit);

    function increment() external {
        count += 1;
        emit Incremented(msg.sender, count);
    }

    // Reverts with Error(string) above 100: the reason must reach the client.
    function add(uint256 n) external {
        require(n <= 100, "Counter: step too large");
        count += n;
        emit Incremented(msg.sender, count);
    }

    // Reverts with a custom error, which clients decode from the revert data alone.
    function addChecked(uint256 n) external {
        if (n > 10) revert TooLarge(n, 10);
        count += n;
        emit Incremented(msg.sender, count);
    }
}
