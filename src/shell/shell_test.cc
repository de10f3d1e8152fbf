// Tests of Shell on a FakeDatabase: input grouping, error messages and exit
// status, dot commands, .import, .tables/.schema. Expected texts are what
// sqlite3 3.40.1 prints for the same input (the end-to-end golden tests in
// tests/shell/ run the real engine).
#include "shell/shell.h"

#include <gtest/gtest.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "shell/fake_database.h"
#include "shell/interrupt.h"

namespace sluice::shell {
namespace {

using testing::CannedResult;
using testing::FakeDatabase;
using testing::FakeTable;

struct ScriptRun {
  std::string out;
  std::string err;
  CommandResult result;
};

ScriptRun RunScript(FakeDatabase* db, const std::string& script, bool interactive = false,
                    void (*setup)(Shell*) = nullptr) {
  char* out_buf = nullptr;
  size_t out_size = 0;
  char* err_buf = nullptr;
  size_t err_size = 0;
  std::FILE* out = open_memstream(&out_buf, &out_size);
  std::FILE* err = open_memstream(&err_buf, &err_size);
  std::FILE* in = std::tmpfile();
  std::fwrite(script.data(), 1, script.size(), in);
  std::rewind(in);
  ScriptRun run;
  {
    Shell shell(db, ":memory:", out, err);
    shell.set_interactive(interactive);
    if (setup) setup(&shell);
    FileLineSource source(in);
    run.result = shell.ProcessInput(&source, /*from_file=*/!interactive);
  }
  std::fclose(in);
  std::fclose(out);
  std::fclose(err);
  run.out.assign(out_buf, out_size);
  run.err.assign(err_buf, err_size);
  std::free(out_buf);
  std::free(err_buf);
  return run;
}

CannedResult Rows(std::vector<std::string> columns, std::vector<std::vector<Cell>> rows) {
  CannedResult r;
  r.columns = std::move(columns);
  r.rows = std::move(rows);
  return r;
}

FakeDatabase BasicDb() {
  FakeDatabase db;
  db.Add("select 1", Rows({"1"}, {{Cell::Integer("1")}}));
  db.Add("select 3", Rows({"3"}, {{Cell::Integer("3")}}));
  db.Add("select 1 as a, 2 as b", Rows({"a", "b"}, {{Cell::Integer("1"), Cell::Integer("2")}}));
  db.Add("select null", Rows({"null"}, {{Cell::Null()}}));
  CannedResult dup;
  dup.step_error = "UNIQUE constraint failed: primes.n";
  dup.step_code = ResultCode::kConstraintUnique;
  db.Add("insert into primes values(1)", dup);
  CannedResult no_table;
  no_table.prepare_error = "no such table: nosuch";
  db.Add("select * from nosuch", no_table);
  CannedResult no_column;
  no_column.prepare_error = "no such column: x";
  no_column.error_offset = 7;
  db.Add("select x from primes", no_column);
  return db;
}

TEST(ShellTest, ScriptErrorsNameTheLineAndTheScriptGoesOn) {
  FakeDatabase db = BasicDb();
  ScriptRun r = RunScript(&db,
                          "select 1;\nselec 2;\nselect 3;\n\ninsert into primes values(1);\n"
                          "select * from nosuch;\nselect x from primes;\n");
  EXPECT_EQ(r.out, "1\n3\n");
  EXPECT_EQ(r.err,
            "Parse error near line 2: near \"selec\": syntax error\n"
            "  selec 2;\n"
            "  ^--- error here\n"
            "Runtime error near line 5: UNIQUE constraint failed: primes.n (19)\n"
            "Parse error near line 6: no such table: nosuch\n"
            "Parse error near line 7: no such column: x\n"
            "  select x from primes;\n"
            "         ^--- error here\n");
  EXPECT_EQ(r.result, CommandResult::kError);
}

TEST(ShellTest, ExecuteSqlReturnsTheEnginesStatusAndTheFailedText) {
  FakeDatabase db = BasicDb();
  std::FILE* out = std::tmpfile();
  {
    Shell shell(&db, ":memory:", out, out);
    std::string_view failed;
    Status s = shell.ExecuteSql("select 1; select x from primes; select 3", &failed);
    EXPECT_EQ(s.message(), "no such column: x");
    EXPECT_EQ(s.phase(), ErrorPhase::kPrepare);
    EXPECT_EQ(s.result_code(), ResultCode::kError);
    EXPECT_EQ(failed, "select x from primes; select 3");
    EXPECT_EQ(s.error_offset(), 7);  // within `failed`
    s = shell.ExecuteSql("select 1;\ninsert into primes values(1);", &failed);
    EXPECT_EQ(s.phase(), ErrorPhase::kStep);
    EXPECT_EQ(s.extended_result_code(), ResultCode::kConstraintUnique);
    EXPECT_TRUE(shell.ExecuteSql("select 1; select 3").ok());
  }
  std::fclose(out);
}

TEST(ShellTest, AnErrorEndsItsGroupOnly) {
  // printf 'select 1; selec 2; select 3;\nselect 3;\n' | sqlite3
  FakeDatabase db = BasicDb();
  ScriptRun r = RunScript(&db, "select 1; selec 2; select 3;\nselect 3;\n");
  EXPECT_EQ(r.out, "1\n3\n");
  EXPECT_EQ(r.err,
            "Parse error near line 1: near \"selec\": syntax error\n"
            "  selec 2; select 3;\n"
            "  ^--- error here\n");
}

TEST(ShellTest, MultiLineStatementsAndComments) {
  FakeDatabase db = BasicDb();
  db.Add("select\n  1", Rows({"1"}, {{Cell::Integer("1")}}));
  ScriptRun r = RunScript(&db, "-- a comment\n/* block\ncomment */\n  select\n  1;  -- trailing\nselect 3");
  EXPECT_EQ(r.out, "1\n3\n");
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.result, CommandResult::kOk);
}

TEST(ShellTest, InteractiveErrorsHaveNoLineNumber) {
  FakeDatabase db = BasicDb();
  ScriptRun r = RunScript(&db, "selec 2;\n", /*interactive=*/true);
  EXPECT_EQ(r.err, "Parse error: near \"selec\": syntax error\n  selec 2;\n  ^--- error here\n");
}

TEST(ShellTest, BailStopsAtTheFirstError) {
  FakeDatabase db = BasicDb();
  ScriptRun r = RunScript(&db, ".bail on\nselect 1;\nselec 2;\nselect 3;\n");
  EXPECT_EQ(r.out, "1\n");
  EXPECT_EQ(r.result, CommandResult::kError);
}

TEST(ShellTest, EchoPrintsEachGroupAndCommand) {
  FakeDatabase db = BasicDb();
  ScriptRun r = RunScript(&db, ".echo on\nselect 1;\n.echo off\nselect 3;\n");
  EXPECT_EQ(r.out, "select 1;\n1\n.echo off\n3\n");
}

TEST(ShellTest, ModeHeadersNullvalueSeparator) {
  FakeDatabase db = BasicDb();
  ScriptRun r = RunScript(&db,
                          ".headers on\nselect 1 as a, 2 as b;\n.separator ; ~\nselect 1 as a, 2 as b;\n"
                          ".mode csv\n.nullvalue NUL\nselect null;\n.mode\n.mode line\nselect 1 as a, 2 as b;\n");
  EXPECT_EQ(r.out, "a|b\n1|2\na;b~1;2~null\r\nNUL\r\ncurrent output mode: csv\n    a = 1\n    b = 2\n");
}

TEST(ShellTest, ModeColumnTurnsHeadersOnUnlessSetExplicitly) {
  FakeDatabase db = BasicDb();
  ScriptRun r =
      RunScript(&db, ".mode column\nselect 1 as a, 2 as b;\n.headers off\n.mode column\nselect 1 as a, 2 as b;\n");
  EXPECT_EQ(r.out, "a  b\n-  -\n1  2\n1  2\n");
}

TEST(ShellTest, UnknownCommandsAndBadUsage) {
  FakeDatabase db = BasicDb();
  ScriptRun r = RunScript(&db, ".foo\n.mode foo\n.headers\n.bail maybe\n");
  EXPECT_EQ(r.err,
            "Error: unknown command or invalid arguments:  \"foo\". Enter \".help\" for help\n"
            "Error: mode should be one of: ascii box column csv html insert json line list markdown qbox quote table "
            "tabs\n"
            "Usage: .headers on|off\n"
            "ERROR: Not a boolean value: \"maybe\". Assuming \"no\".\n");
  EXPECT_EQ(r.result, CommandResult::kError);
}

TEST(ShellTest, QuitStopsTheInput) {
  FakeDatabase db = BasicDb();
  ScriptRun r = RunScript(&db, "select 1;\n.quit\nselect 3;\n");
  EXPECT_EQ(r.out, "1\n");
  EXPECT_EQ(r.result, CommandResult::kQuit);
}

TEST(ShellTest, ShowReportsTheSettings) {
  FakeDatabase db = BasicDb();
  ScriptRun r = RunScript(&db, ".mode csv\n.show\n");
  EXPECT_EQ(r.out,
            "        echo: off\n"
            "         eqp: off\n"
            "     explain: auto\n"
            "     headers: off\n"
            "        mode: csv\n"
            "   nullvalue: \"\"\n"
            "      output: stdout\n"
            "colseparator: \",\"\n"
            "rowseparator: \"\\r\\n\"\n"
            "       stats: off\n"
            "       width: \n"
            "    filename: :memory:\n");
}

std::string TempPath(const char* name) { return ::testing::TempDir() + "/shell_test_" + name; }

std::string ReadFile(const std::string& path) {
  std::ifstream f(path, std::ios::binary);
  std::stringstream ss;
  ss << f.rdbuf();
  return ss.str();
}

void WriteFile(const std::string& path, const std::string& text) {
  std::ofstream f(path, std::ios::binary);
  f << text;
}

TEST(ShellTest, OnceAndOutputRedirect) {
  FakeDatabase db = BasicDb();
  std::string once = TempPath("once.txt"), output = TempPath("output.txt");
  ScriptRun r = RunScript(&db, ".once " + once + "\nselect 1;\nselect 3;\n.output " + output +
                                   "\nselect 1;\nselect 3;\n.output\nselect 1;\n");
  EXPECT_EQ(r.out, "3\n1\n");
  EXPECT_EQ(ReadFile(once), "1\n");
  EXPECT_EQ(ReadFile(output), "1\n3\n");
}

TEST(ShellTest, ReadRunsAFileAndCountsItsLines) {
  FakeDatabase db = BasicDb();
  std::string script = TempPath("read.sql");
  WriteFile(script, "select 1;\n\nselec 2;\n");
  ScriptRun r = RunScript(&db, "select 3;\n.read " + script + "\n.read /nonexistent/x.sql\n");
  EXPECT_EQ(r.out, "3\n1\n");
  EXPECT_EQ(r.err,
            "Parse error near line 3: near \"selec\": syntax error\n  selec 2;\n  ^--- error here\n"
            "Error: cannot open \"/nonexistent/x.sql\"\n");
  EXPECT_EQ(r.result, CommandResult::kError);
}

TEST(ShellTest, ImportCreatesTheTableFromTheHeader) {
  FakeDatabase db = BasicDb();
  std::string csv = TempPath("people.csv");
  WriteFile(csv, "name,age,\"quoted, col\"\nalice,30,\"x, y\"\nbob,,\"multi\nline \"\"q\"\"\"\n");
  ScriptRun r = RunScript(&db, ".import --csv " + csv + " people\n");
  EXPECT_EQ(r.err, "");
  const FakeTable* t = db.table("people");
  ASSERT_NE(t, nullptr);
  EXPECT_EQ(t->sql, "CREATE TABLE \"people\"(\n\"name\" TEXT, \"age\" TEXT, \"quoted, col\" TEXT)");
  ASSERT_EQ(t->rows.size(), 2u);
  EXPECT_EQ(*t->rows[1][2], "multi\nline \"q\"");
}

TEST(ShellTest, ImportRenamesDuplicateColumnsAndWrapsTheCreate) {
  FakeDatabase db = BasicDb();
  std::string csv = TempPath("dups.csv");
  WriteFile(csv, "a,b,a,c,b\n");
  ScriptRun r = RunScript(&db, ".import --csv " + csv + " g\n");
  EXPECT_EQ(r.err,
            "Columns renamed during .import " + csv +
                " due to duplicates:\n\"a\" to \"a_1\",\n\"b\" to \"b_2\",\n\"a\" to \"a_3\",\n\"b\" to \"b_5\"\n");
  EXPECT_EQ(db.table("g")->sql,
            "CREATE TABLE \"g\"(\n\"a_1\" TEXT, \"b_2\" TEXT, \"a_3\" TEXT, \"c\" TEXT,\n \"b_5\" TEXT)");
}

TEST(ShellTest, ImportIntoAnExistingTableReportsShortAndLongRecords) {
  FakeDatabase db = BasicDb();
  FakeTable nums;
  nums.sql = "CREATE TABLE nums(a,b,c)";
  nums.columns = {"a", "b", "c"};
  db.AddTable("nums", nums);
  std::string csv = TempPath("nums.csv");
  WriteFile(csv, "1,2\n3,4,5\n6\n7,8,9,10,11\n");
  ScriptRun r = RunScript(&db, ".import --csv " + csv + " nums\n");
  EXPECT_EQ(r.err, csv + ":1: expected 3 columns but found 2 - filling the rest with NULL\n" + csv +
                       ":3: expected 3 columns but found 1 - filling the rest with NULL\n" + csv +
                       ":4: expected 3 columns but found 5 - extras ignored\n");
  const FakeTable* t = db.table("nums");
  ASSERT_EQ(t->rows.size(), 4u);
  EXPECT_FALSE(t->rows[0][2].has_value());
  EXPECT_EQ(*t->rows[1][2], "5");
  EXPECT_EQ(*t->rows[3][2], "9");
  EXPECT_EQ(r.result, CommandResult::kOk);
}

TEST(ShellTest, ImportReportsFailedRowsAndMissingArguments) {
  FakeDatabase db = BasicDb();
  FakeTable u;
  u.columns = {"a", "b"};
  db.AddTable("u", u);
  db.SetUnique("u");
  std::string csv = TempPath("u.csv");
  WriteFile(csv, "1,2\n1,3\n");
  ScriptRun r = RunScript(&db, ".import --csv " + csv + " u\n.import --csv /nonexistent.csv u\n.import x\n");
  EXPECT_EQ(r.err, csv + ":2: INSERT failed: UNIQUE constraint failed: u.a\nError: cannot open \"/nonexistent.csv\"\n");
  EXPECT_EQ(db.table("u")->rows.size(), 1u);
  EXPECT_TRUE(r.out.starts_with("ERROR: missing TABLE argument. Usage:\n.import FILE TABLE"));
  EXPECT_EQ(r.result, CommandResult::kError);
}

// As sqlite3: a failed record is skipped, and the command fails only when
// the last record failed (.bail goes on here).
TEST(ShellTest, ImportFailsOnlyWhenTheLastRecordFailed) {
  FakeDatabase db = BasicDb();
  FakeTable u;
  u.columns = {"a", "b"};
  db.AddTable("u", u);
  db.SetUnique("u");
  std::string csv = TempPath("u2.csv");
  WriteFile(csv, "1,2\n1,3\n4\n");
  ScriptRun r = RunScript(&db, ".bail on\n.import --csv " + csv + " u\n");
  EXPECT_EQ(r.err, csv + ":2: INSERT failed: UNIQUE constraint failed: u.a\n" + csv +
                       ":3: expected 2 columns but found 1 - filling the rest with NULL\n");
  ASSERT_EQ(db.table("u")->rows.size(), 2u);
  EXPECT_FALSE(db.table("u")->rows[1][1].has_value());
  EXPECT_EQ(r.result, CommandResult::kOk);
}

TEST(ShellTest, TablesAndSchema) {
  FakeDatabase db = BasicDb();
  FakeTable t2;
  t2.sql = "CREATE TABLE t2 (a integer primary key, b text)";
  db.AddTable("t2", t2);
  FakeTable odd;
  odd.sql = "CREATE TABLE \"odd name\"(x)";
  db.AddTable("odd name", odd);
  FakeTable idx;
  idx.type = "index";
  idx.sql = "CREATE INDEX i2 on t2(b)";
  db.AddTable("i2", idx);
  ScriptRun r = RunScript(&db, ".tables\n.tables t%\n.schema\n");
  EXPECT_EQ(r.out,
            "odd name  t2      \n"
            "t2\n"
            "CREATE TABLE t2 (a integer primary key, b text);\n"
            "CREATE TABLE IF NOT EXISTS \"odd name\"(x);\n"
            "CREATE INDEX i2 on t2(b);\n");
}

// A catalog with a table of every storage class, a quoted name, an index
// and a view; the row SELECTs are the ones sqlite3's .dump builds.
FakeDatabase DumpDb() {
  FakeDatabase db;
  FakeTable t;
  t.sql = "CREATE TABLE t(i, r, s, b, n)";
  t.columns = {"i", "r", "s", "b", "n"};
  db.AddTable("t", t);
  db.Add("SELECT i,r,s,b,n FROM t",
         Rows({"i", "r", "s", "b", "n"}, {{Cell::Integer("-5"), Cell::Real(1.5, "1.5"), Cell::Text("it's\nhere"),
                                           Cell::Blob(std::string_view("\0\xff", 2)), Cell::Null()},
                                          {Cell::Integer("7"), Cell::Real(1e20, "1.0e+20"), Cell::Text(""),
                                           Cell::Blob(""), Cell::Real(0.1, "0.1")}}));
  FakeTable odd;
  odd.sql = "CREATE TABLE \"odd name\"(\"select\")";
  odd.columns = {"select"};
  db.AddTable("odd name", odd);
  db.Add("SELECT \"select\" FROM \"odd name\"", Rows({"select"}, {{Cell::Real(-2.0, "-2.0")}}));
  FakeTable idx;
  idx.type = "index";
  idx.sql = "CREATE INDEX ti on t(i)";
  db.AddTable("ti", idx);
  FakeTable view;
  view.type = "view";
  view.sql = "CREATE VIEW v as select i from t -- the i's";
  db.AddTable("v", view);
  return db;
}

TEST(ShellTest, DumpWritesTheSchemaAndTheRows) {
  FakeDatabase db = DumpDb();
  ScriptRun r = RunScript(&db, ".dump\n");
  EXPECT_EQ(r.out,
            "PRAGMA foreign_keys=OFF;\n"
            "BEGIN TRANSACTION;\n"
            "CREATE TABLE t(i, r, s, b, n);\n"
            "INSERT INTO t VALUES(-5,1.5,replace('it''s\\nhere','\\n',char(10)),X'00ff',NULL);\n"
            "INSERT INTO t VALUES(7,1.0e+20,'',X'',0.10000000000000000555);\n"
            "CREATE TABLE IF NOT EXISTS \"odd name\"(\"select\");\n"
            "INSERT INTO \"odd name\" VALUES(-2.0);\n"
            "CREATE INDEX ti on t(i);\n"
            "CREATE VIEW v as select i from t -- the i's\n"
            ";\n"
            "COMMIT;\n");
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(r.result, CommandResult::kOk);
}

TEST(ShellTest, DumpPatternsOptionsAndErrors) {
  FakeDatabase db = DumpDb();
  // A pattern selects by name: `.dump t` leaves out the index ti.
  ScriptRun r = RunScript(&db, ".dump t --newlines\n.dump --data-only ODD%\n.dump --bogus\n");
  EXPECT_EQ(r.out,
            "PRAGMA foreign_keys=OFF;\n"
            "BEGIN TRANSACTION;\n"
            "CREATE TABLE t(i, r, s, b, n);\n"
            "INSERT INTO t VALUES(-5,1.5,'it''s\nhere',X'00ff',NULL);\n"
            "INSERT INTO t VALUES(7,1.0e+20,'',X'',0.10000000000000000555);\n"
            "COMMIT;\n"
            "INSERT INTO \"odd name\" VALUES(-2.0);\n");
  EXPECT_EQ(r.err, "Unknown option \"--bogus\" on \".dump\"\n");
  EXPECT_EQ(r.result, CommandResult::kError);

  // A table that cannot be read turns the COMMIT into a ROLLBACK.
  CannedResult broken;
  broken.step_error = "database disk image is malformed";
  db.Add("SELECT \"select\" FROM \"odd name\"", broken);
  r = RunScript(&db, ".dump odd_name\n");
  EXPECT_EQ(r.out,
            "PRAGMA foreign_keys=OFF;\n"
            "BEGIN TRANSACTION;\n"
            "CREATE TABLE IF NOT EXISTS \"odd name\"(\"select\");\n"
            "ROLLBACK; -- due to errors\n");
}

TEST(ShellTest, TimeoutSetsTheBusyTimeoutPragma) {
  FakeDatabase db = BasicDb();
  for (const char* ms : {"250", "0", "2000", "-5"}) {
    db.Add(std::string("PRAGMA busy_timeout=") + ms, Rows({"timeout"}, {{Cell::Integer(ms)}}));
  }
  // As sqlite3: no output, a missing or non-numeric argument is 0, "2k"
  // is 2000, extra arguments are ignored, and ".time" is no abbreviation.
  ScriptRun r = RunScript(&db, ".timeout 250\n.timeo\n.timeout abc\n.timeout 2k 9\n.timeout -5\n.time 5\n");
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "Error: unknown command or invalid arguments:  \"time\". Enter \".help\" for help\n");
  std::vector<std::string> pragmas;
  for (const std::string& sql : db.executed()) {
    if (sql.starts_with("PRAGMA")) pragmas.push_back(sql);
  }
  EXPECT_EQ(pragmas,
            (std::vector<std::string>{"PRAGMA busy_timeout=250", "PRAGMA busy_timeout=0", "PRAGMA busy_timeout=0",
                                      "PRAGMA busy_timeout=2000", "PRAGMA busy_timeout=-5"}));
}

TEST(ShellTest, HelpListsDumpAndTimeout) {
  FakeDatabase db = BasicDb();
  ScriptRun r = RunScript(&db, ".help time\n");
  EXPECT_EQ(r.out,
            ".timeout MS              Try opening locked tables for MS milliseconds\n"
            ".timer on|off            Turn SQL timer on or off\n");
}

}  // namespace
}  // namespace sluice::shell

namespace sluice::shell {
namespace {

FakeDatabase CatalogDb() {
  FakeDatabase db;
  FakeTable items;
  items.sql = "CREATE TABLE items(price, quantity)";
  items.columns = {"price", "quantity"};
  db.AddTable("items", items);
  FakeTable owners;
  owners.sql = "CREATE TABLE owners(name, quota)";
  owners.columns = {"name", "quota"};
  db.AddTable("owners", owners);
  return db;
}

using Words = std::vector<std::string>;

TEST(ShellTest, CompletionOffersDotCommandsKeywordsTablesAndColumns) {
  FakeDatabase db = CatalogDb();
  Shell shell(&db, ":memory:", stdout, stderr);
  EXPECT_EQ(shell.CompletionCandidates(".mo", "mo"), Words{"mode"});
  EXPECT_EQ(shell.CompletionCandidates(".sh", "sh"), (Words{"shell", "show"}));
  EXPECT_EQ(shell.CompletionCandidates(".op", "op"), Words{"open"});
  // A dot command's argument: file names, cut to the word being replaced.
  const std::string dir = ::testing::TempDir() + "/completion_dir";
  std::filesystem::create_directories(dir + "/sub.d");
  std::ofstream(dir + "/data.csv") << "x\n";
  std::ofstream(dir + "/data.sql") << "x\n";
  std::ofstream(dir + "/.hidden") << "x\n";
  EXPECT_EQ(shell.CompletionCandidates(".read " + dir + "/da", "da"), (Words{"data.csv", "data.sql"}));
  EXPECT_EQ(shell.CompletionCandidates(".import " + dir + "/data.c", "c"), Words{"csv"});
  EXPECT_EQ(shell.CompletionCandidates(".open " + dir + "/", ""), (Words{"data.csv", "data.sql", "sub.d/"}));
  EXPECT_EQ(shell.CompletionCandidates(".open " + dir + "/.h", "h"), Words{"hidden"});
  std::filesystem::remove_all(dir);
  // Keywords in the case they are typed in.
  EXPECT_EQ(shell.CompletionCandidates("sel", "sel"), Words{"select"});
  EXPECT_EQ(shell.CompletionCandidates("SEL", "SEL"), Words{"SELECT"});
  // Tables, and the columns of every table.
  EXPECT_EQ(shell.CompletionCandidates("select * from it", "it"), Words{"items"});
  EXPECT_EQ(shell.CompletionCandidates("select qu", "qu"), (Words{"quantity", "query", "quota"}));
  // After "t.", the columns of t only.
  EXPECT_EQ(shell.CompletionCandidates("select items.qu", "qu"), Words{"quantity"});
  EXPECT_EQ(shell.CompletionCandidates("select owners.", ""), (Words{"name", "quota"}));
}

TEST(ShellTest, OpenSwitchesDatabasesAndFallsBackToMemoryOnFailure) {
  FakeDatabase db = BasicDb();
  static std::vector<std::string> opened;
  opened.clear();
  auto setup = [](Shell* shell) {
    shell->set_opener([](const std::string& path) -> Result<std::unique_ptr<Database>> {
      opened.push_back(path);
      if (path == "bad.db") return Status::InvalidArgument("bad.db: file is not a database", ResultCode::kNotADb);
      auto fresh = std::make_unique<FakeDatabase>();
      fresh->Add("select 2", Rows({"2"}, {{Cell::Integer("2")}}));
      return std::unique_ptr<Database>(std::move(fresh));
    });
  };
  ScriptRun r = RunScript(&db,
                          "select 1;\n.open other.db\nselect 2;\nselect 1;\n.open bad.db\nselect 2;\n.open\n"
                          ".open --readonly x\n.open --zzz\n.open a b\n",
                          false, setup);
  EXPECT_EQ(r.out, "1\n2\n2\n");
  EXPECT_EQ(opened, (std::vector<std::string>{"other.db", "bad.db", ":memory:", ":memory:"}));
  EXPECT_EQ(r.err,
            // The new database knows only "select 2" (the fake's error for the rest).
            "Parse error near line 4: near \"select\": syntax error\n  select 1;\n  ^--- error here\n"
            "Error: unable to open database \"bad.db\": bad.db: file is not a database\n"
            "Error: .open --readonly is not supported by this shell\n"
            "unknown option: --zzz\n"
            "extra argument: \"b\"\n");
}

TEST(ShellTest, ReadOfADirectoryIsAnError) {
  FakeDatabase db = BasicDb();
  std::string dir = ::testing::TempDir();
  ScriptRun r = RunScript(&db, ".read " + dir + "\nselect 1;\n");
  EXPECT_EQ(r.err, "Error: cannot open \"" + dir + "\"\n");
  EXPECT_EQ(r.out, "1\n");
  EXPECT_EQ(r.result, CommandResult::kError);
}

TEST(ShellTest, AnInterruptStopsAScriptButNotTheTerminal) {
  FakeDatabase db = BasicDb();
  RaiseInterrupt();
  ScriptRun script = RunScript(&db, "select 1;\nselect 3;\n");
  EXPECT_EQ(script.out, "");
  ResetInterrupts();
  RaiseInterrupt();
  ScriptRun terminal = RunScript(&db, "select 1;\nselect 3;\n", /*interactive=*/true);
  EXPECT_EQ(terminal.out, "1\n3\n\n");  // the terminal's last newline at EOF
  EXPECT_EQ(PendingInterrupts(), 0);
}

TEST(ShellTest, HistoryLinesAreEncodedAsLibeditReadsThem) {
  EXPECT_EQ(EncodeHistoryLine("select 'a b';"), "select\\040'a\\040b';");
  EXPECT_EQ(EncodeHistoryLine("x\\y\t\xc3\xa9"), "x\\134y\\011\\303\\251");
  EXPECT_EQ(EncodeHistoryLine(""), "");
}

}  // namespace
}  // namespace sluice::shell
