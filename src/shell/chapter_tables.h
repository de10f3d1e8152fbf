// SQL that creates the chapter's example tables: cities, temps, animals and
// primes, as ../shared/chapter/sql/*.sql leave them.
#ifndef SLUICE_SHELL_CHAPTER_TABLES_H_
#define SLUICE_SHELL_CHAPTER_TABLES_H_

#include <string_view>

namespace sluice::shell {

// A script of CREATE/INSERT/UPDATE/DELETE statements (static storage).
std::string_view ChapterTablesSql();

}  // namespace sluice::shell

#endif  // SLUICE_SHELL_CHAPTER_TABLES_H_
