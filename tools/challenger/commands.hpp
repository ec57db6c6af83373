// The optimist-challenger subcommands; each takes the arguments after its name and returns
// the exit status (challenger_support.hpp).
#pragma once

#include <string>
#include <vector>

namespace optimist::challenger {

int run_run(const std::vector<std::string>& args);
int run_list_games(const std::vector<std::string>& args);
int run_show_game(const std::vector<std::string>& args);
int run_list_credits(const std::vector<std::string>& args);
int run_trace(const std::vector<std::string>& args);

}  // namespace optimist::challenger
