// SourceSpan: the byte range of an AST node's text in the SQL the parser was
// given. Offsets count from the start of that whole input (a script), not
// from the statement; Statement::Text() maps a span to its text.
#ifndef SLUICE_SQL_AST_SOURCE_SPAN_H_
#define SLUICE_SQL_AST_SOURCE_SPAN_H_

#include <cstddef>

namespace sluice::sql {

struct SourceSpan {
  size_t begin = 0;  // offset of the first byte of the node's first token
  size_t end = 0;    // offset just past its last token
  size_t size() const { return end - begin; }
};

}  // namespace sluice::sql

#endif  // SLUICE_SQL_AST_SOURCE_SPAN_H_
