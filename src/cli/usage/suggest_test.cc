// Tests of the did-you-mean helpers (suggest.h, unknown_option.h,
// help_formatter.h).
#include "cli/usage/suggest.h"

#include <gtest/gtest.h>

#include "cli/usage/help_formatter.h"
#include "cli/usage/unknown_option.h"

namespace sluice::cli {
namespace {

using Names = std::vector<std::string>;

TEST(EditDistance, CountsInsertionsDeletionsSubstitutionsAndSwaps) {
  EXPECT_EQ(EditDistance("", ""), 0u);
  EXPECT_EQ(EditDistance("abc", ""), 3u);
  EXPECT_EQ(EditDistance("", "abc"), 3u);
  EXPECT_EQ(EditDistance("sql", "sql"), 0u);
  EXPECT_EQ(EditDistance("sqll", "sql"), 1u);          // deletion
  EXPECT_EQ(EditDistance("paralel", "parallel"), 1u);  // insertion
  EXPECT_EQ(EditDistance("sqm", "sql"), 1u);           // substitution
  EXPECT_EQ(EditDistance("slt", "sql"), 2u);
  EXPECT_EQ(EditDistance("rnu", "run"), 1u);  // adjacent swap
  EXPECT_EQ(EditDistance("kitten", "sitting"), 3u);
  EXPECT_EQ(EditDistance("ca", "abc"), 3u);  // optimal string alignment, not Damerau (2)
}

TEST(Suggest, NamesTheClosestCandidates) {
  const Names subcommands = {"demo", "sql", "slt", "crawl", "mr", "particles"};
  EXPECT_EQ(Suggest("sqll", subcommands), Names{"sql"});
  EXPECT_EQ(Suggest("SQL", subcommands), Names{"sql"});
  EXPECT_EQ(Suggest("Demo", subcommands), Names{"demo"});
  EXPECT_EQ(Suggest("crawk", subcommands), Names{"crawl"});
  EXPECT_EQ(Suggest("particle", subcommands), Names{"particles"});
  EXPECT_EQ(Suggest("sq", subcommands), (Names{"sql"}));
  EXPECT_EQ(Suggest("sl", subcommands), (Names{"sql", "slt"}));  // a tie: both
  EXPECT_EQ(Suggest("st", subcommands), (Names{"slt"}));
  EXPECT_EQ(Suggest("mappers", {"mapper", "reducer", "input"}), Names{"mapper"});
  EXPECT_EQ(Suggest("paralel", {"parallel", "reducers"}), Names{"parallel"});
}

TEST(Suggest, StaysQuietWhenNothingIsClose) {
  const Names subcommands = {"demo", "sql", "slt", "crawl", "mr", "particles"};
  EXPECT_TRUE(Suggest("logic", subcommands).empty());
  EXPECT_TRUE(Suggest("serve", subcommands).empty());
  EXPECT_TRUE(Suggest("x", subcommands).empty());    // "mr" is 2 edits away: a replacement
  EXPECT_TRUE(Suggest("sql", subcommands).empty());  // not a typo
  EXPECT_TRUE(Suggest("", subcommands).empty());
}

TEST(Suggest, FallsBackToNamesTheWordBegins) {
  EXPECT_EQ(Suggest("conc", {"concurrency", "per-host"}), Names{"concurrency"});
  EXPECT_EQ(Suggest("max", {"max-depth", "max-pages", "rate"}), (Names{"max-depth", "max-pages"}));
}

TEST(DidYouMean, ListsTheSuggestions) {
  EXPECT_EQ(DidYouMean({}), "");
  EXPECT_EQ(DidYouMean({"sql"}), " (did you mean 'sql'?)");
  EXPECT_EQ(DidYouMean({"sql", "slt"}), " (did you mean 'sql' or 'slt'?)");
  EXPECT_EQ(DidYouMean({"a", "b", "c"}), " (did you mean 'a', 'b' or 'c'?)");
}

// An app shaped like `sluice mr run`.
class UnknownOptionTest : public ::testing::Test {
 protected:
  UnknownOptionTest() {
    app_.add_option("--mapper", mapper_);
    app_.add_option("--input", inputs_);
    app_.add_option("-j,--parallel", parallel_);
    app_.add_flag("-q,--quiet", quiet_);
    app_.add_flag("-v,--verbose", verbose_);
    app_.add_option("FILE", files_);
  }
  std::optional<std::string> Find(const Names& args) { return FindUnknownOption(app_, args); }

  CLI::App app_{"test", "test"};
  std::string mapper_;
  Names inputs_, files_;
  int parallel_ = 0;
  bool quiet_ = false, verbose_ = false;
};

TEST_F(UnknownOptionTest, FindsTheFirstUnknownOption) {
  EXPECT_EQ(Find({"--mappers", "cat", "--input", "x"}), "--mappers");
  EXPECT_EQ(Find({"--mapper", "cat", "--paralel", "2"}), "--paralel");
  EXPECT_EQ(Find({"--mapper", "cat", "--paralel=2"}), "--paralel");
  EXPECT_EQ(Find({"-x"}), "-x");
  EXPECT_EQ(Find({"-qx"}), "-x");
  EXPECT_EQ(Find({"-xq"}), "-xq");
  EXPECT_EQ(Find({"-inputformat", "x"}), "-inputformat");
}

TEST_F(UnknownOptionTest, SkipsValuesNumbersAndWhatFollowsDoubleDash) {
  EXPECT_EQ(Find({"--mapper", "--not-an-option", "--quiet"}), std::nullopt);  // a value
  EXPECT_EQ(Find({"--input", "a", "b", "c", "--quiet", "x"}), std::nullopt);
  EXPECT_EQ(Find({"--input", "a", "b", "--bogus"}), "--bogus");
  EXPECT_EQ(Find({"--parallel=3", "-j", "-4", "-j5", "-qv", "-"}), std::nullopt);
  EXPECT_EQ(Find({"--quiet", "--", "--bogus"}), std::nullopt);
  EXPECT_EQ(Find({"a", "b"}), std::nullopt);
  EXPECT_EQ(Find({"--help"}), std::nullopt);
}

TEST_F(UnknownOptionTest, MessageSuggestsCloseLongOptions) {
  EXPECT_EQ(UnknownOptionMessage(app_, "--paralel"), "unknown option '--paralel' (did you mean '--parallel'?)");
  EXPECT_EQ(UnknownOptionMessage(app_, "--mappers"), "unknown option '--mappers' (did you mean '--mapper'?)");
  EXPECT_EQ(UnknownOptionMessage(app_, "--frobnicate"), "unknown option '--frobnicate'");
  EXPECT_EQ(UnknownOptionMessage(app_, "-x"), "unknown option '-x'");
  EXPECT_EQ(UnknownOptionMessage(app_, "-mappers"), "unknown option '-mappers' (did you mean '--mapper'?)");
}

TEST(SubcommandNames, ListsEverySubcommand) {
  CLI::App app{"test", "test"};
  app.add_subcommand("sql", "");
  app.add_subcommand("slt", "");
  EXPECT_EQ(SubcommandNames(app), (Names{"sql", "slt"}));
}

TEST(HelpFormatter, ShowsPlainPlaceholdersWithoutValidatorNoise) {
  CLI::App app{"test", "test"};
  UsePlainHelp(app);
  unsigned reducers = 1;
  int concurrency = 16;
  double timeout = 20;
  std::string format, url;
  std::vector<std::string> files;
  app.add_option("--reducers", reducers, "Reduce tasks, 0 to 100000")->check(CLI::Range(0u, 100000u));
  app.add_option("-j,--concurrency", concurrency, "Requests")->check(CLI::Range(1, 1024));
  app.add_option("--timeout", timeout, "Seconds")->type_name("SECONDS")->check(CLI::Range(0.001, 86400.0));
  app.add_option("--rate", timeout, "Per second")->check(CLI::PositiveNumber);
  app.add_option("--format", format, "text or json")->type_name("FORMAT")->check(CLI::IsMember({"text", "json"}));
  app.add_option("URL", url, "Start page")->required();
  app.add_option("--file", files, "Files")->type_name("FILE");
  const std::string help = app.help();
  EXPECT_NE(help.find("--reducers N "), std::string::npos) << help;
  EXPECT_NE(help.find("-j,--concurrency N "), std::string::npos) << help;
  EXPECT_NE(help.find("--timeout SECONDS "), std::string::npos) << help;
  EXPECT_NE(help.find("--rate NUM "), std::string::npos) << help;
  EXPECT_NE(help.find("--format FORMAT "), std::string::npos) << help;
  EXPECT_NE(help.find("--file FILE... "), std::string::npos) << help;
  EXPECT_NE(help.find("URL (required) "), std::string::npos) << help;
  // The left column (name and placeholder) of every option line.
  std::size_t pos = 0;
  while (pos < help.size()) {
    std::size_t end = help.find('\n', pos);
    if (end == std::string::npos) end = help.size();
    const std::string line = help.substr(pos, end - pos);
    pos = end + 1;
    if (line.size() < 3 || line.compare(0, 2, "  ") != 0 || line[2] == ' ') continue;
    const std::string left = line.substr(2, line.find("  ", 2) - 2);
    for (const char* noise : {"INT", "FLOAT", "TEXT", "REQUIRED", "[", "{", ":"}) {
      EXPECT_EQ(left.find(noise), std::string::npos) << noise << " in: " << line;
    }
  }
}

}  // namespace
}  // namespace sluice::cli
