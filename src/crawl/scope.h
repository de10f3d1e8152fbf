// Scope: which URLs the crawler follows (fetches and parses) and which it
// only checks or skips.
//
//   followed (in scope)  by default: same origin as a root and path under
//                        the root's directory ("http://h/docs/a.html" ->
//                        origin http://h, directory "/docs/"). With one or
//                        more --include REGEX, exactly the URLs matching one
//                        of them instead.
//   excluded             URLs matching an --exclude REGEX: neither fetched
//                        nor reported.
//   external             another origin than every root: checked (HEAD,
//                        then GET) unless --no-external.
// Regexes are POSIX extended, unanchored, matched against the absolute URL
// without fragment.
//
// Thread safety: const methods only after construction; regexec is
// reentrant.
#ifndef SLUICE_CRAWL_SCOPE_H_
#define SLUICE_CRAWL_SCOPE_H_

#include <regex.h>

#include <memory>
#include <string>
#include <vector>

#include "crawl/url.h"
#include "sluice/result.h"

namespace sluice::crawl {

class Scope {
 public:
  // InvalidArgument naming the bad regex and why it does not compile.
  static Result<std::unique_ptr<Scope>> Create(const Url& root, const std::vector<std::string>& include,
                                               const std::vector<std::string>& exclude);
  ~Scope();
  Scope(const Scope&) = delete;
  Scope& operator=(const Scope&) = delete;

  // Adds a root (the target of a redirected start URL).
  void AddRoot(const Url& root);

  bool Follows(const Url& url) const;
  bool Excluded(const Url& url) const;
  bool External(const Url& url) const;

 private:
  Scope() = default;
  struct Root {
    std::string origin;
    std::string dir;
  };
  std::vector<Root> roots_;
  std::vector<regex_t> include_;
  std::vector<regex_t> exclude_;
};

}  // namespace sluice::crawl

#endif  // SLUICE_CRAWL_SCOPE_H_
