// A small fixture in the ethereum/tests format: stExample/add11 (its first post entry and
// expected root are the real ones) with extra list entries, shared by the runner's tests.
#pragma once

namespace optimist::ethtest::testing {

inline constexpr const char* kFixture = R"({
  "demo": {
    "_info": {"comment": "ignored"},
    "env": {
      "currentBaseFee": "0x0a", "currentCoinbase": "0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba",
      "currentDifficulty": "0x020000", "currentExcessBlobGas": "0x00", "currentGasLimit": "0xff112233445566",
      "currentNumber": "0x01", "currentRandom": "0x0000000000000000000000000000000000000000000000000000000000020000",
      "currentTimestamp": "0x03e8"
    },
    "pre": {
      "0x095e7baea6a6c7c4c2dfeb977efac326af552d87": {
        "balance": "0x0de0b6b3a7640000", "code": "0x600160010160005500", "nonce": "0x00", "storage": {}
      },
      "0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba": {
        "balance": "0x00", "code": "0x", "nonce": "0x01", "storage": {}
      },
      "0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b": {
        "balance": "0x0de0b6b3a7640000", "code": "0x", "nonce": "0x00", "storage": {}
      }
    },
    "transaction": {
      "data": ["0x", "0x01ff"],
      "gasLimit": ["0x061a80", "0x5208"],
      "gasPrice": "0x0a",
      "nonce": "0x00",
      "secretKey": "0x45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8",
      "sender": "0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b",
      "to": "0x095e7baea6a6c7c4c2dfeb977efac326af552d87",
      "value": ["0x0186a0", "0x:bigint 0x10000000000000000000000000000000000000000000000000000000000000001"],
      "accessLists": [null, [{"address": "0x095e7baea6a6c7c4c2dfeb977efac326af552d87",
                              "storageKeys": ["0x00", "0x0000000000000000000000000000000000000000000000000000000000000001"]}]]
    },
    "post": {
      "Shanghai": [{"hash": "0x00", "indexes": {"data": 0, "gas": 0, "value": 0}, "logs": "0x00"}],
      "Cancun": [
        {"hash": "0xe8010ce590f401c9d61fef8ab05bea9bcec24281b795e5868809bc4e515aa530",
         "indexes": {"data": 0, "gas": 0, "value": 0},
         "logs": "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347", "txbytes": "0x"},
        {"hash": "0xe8010ce590f401c9d61fef8ab05bea9bcec24281b795e5868809bc4e515aa530",
         "indexes": {"data": 1, "gas": 1, "value": 1},
         "logs": "0x1dcc4de8dec75d7aab85b567b6ccd41ad312451b948a7413f0a142fd40d49347",
         "expectException": "TransactionException.RLP_INVALID_VALUE"}
      ]
    }
  }
})";

}  // namespace optimist::ethtest::testing
