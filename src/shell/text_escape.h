// The quoting and escaping helpers of the sqlite3 shell's output modes.
//
// Role: one function per sqlite3 3.40 helper (shell.c: output_csv,
// output_json_string, output_quoted_string, output_quoted_escaped_string,
// output_hex_blob, quoteChar), appending to a string. Byte-exact with the
// reference shell; the unit tests hold the cases checked against sqlite3.
#ifndef SLUICE_SHELL_TEXT_ESCAPE_H_
#define SLUICE_SHELL_TEXT_ESCAPE_H_

#include <string>
#include <string_view>

namespace sluice::shell {

// csv mode: quotes `text` ("" for each ") when it is empty, contains a
// control character, a space, ", ', a byte >= 0x7f, or the column separator.
void AppendCsvField(std::string_view text, std::string_view col_separator, std::string* out);

// json mode: "..." with \" \\ \b \f \n \r \t and \u00XX for other control bytes.
void AppendJsonString(std::string_view bytes, std::string* out);

// quote mode: '...' with ' doubled. `text` stops at its first NUL.
void AppendQuotedString(std::string_view text, std::string* out);

// insert mode: as AppendQuotedString, but newlines and carriage returns
// become replace('...\n...','\n',char(10)) so that the line stays one line.
void AppendQuotedEscapedString(std::string_view text, std::string* out);

// X'0a1b' (lower-case hex, as sqlite3's output_hex_blob()).
void AppendHexBlob(std::string_view bytes, std::string* out);

// REAL as "%!.20g" (json, quote, insert modes): 0.10000000000000000555.
void AppendReal20(double value, std::string* out);

// REAL as insert mode and .dump write it: 1e999 / -1e999 for the
// infinities, "%lld.0" when the value converts to a 64-bit integer and back
// unchanged (so -9223372036854775808.0, where "%!.20g" would print
// -9223372036854775807.8), else "%!.20g".
void AppendInsertReal(double value, std::string* out);

// An SQL name for the `insert` mode and .import's CREATE: the name itself
// when it is a plain identifier that is no keyword, else "name" with "
// doubled (sqlite3's quoteChar).
bool NameNeedsQuotes(std::string_view name);
std::string QuoteNameIfNeeded(std::string_view name);
// Always "name" with " doubled (sqlite3's %w inside "...").
std::string DoubleQuoted(std::string_view name);

}  // namespace sluice::shell

#endif  // SLUICE_SHELL_TEXT_ESCAPE_H_
