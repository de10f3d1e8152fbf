// Scope rules; see scope.h.
#include "crawl/scope.h"

namespace sluice::crawl {
namespace {

Status Compile(const std::string& pattern, const char* option, regex_t* out) {
  int rc = regcomp(out, pattern.c_str(), REG_EXTENDED | REG_NOSUB);
  if (rc == 0) return Status::OK();
  char buf[256];
  regerror(rc, out, buf, sizeof buf);
  return Status::InvalidArgument(std::string(option) + " '" + pattern + "': " + buf);
}

bool AnyMatch(const std::vector<regex_t>& res, const std::string& text) {
  for (const regex_t& re : res) {
    if (regexec(&re, text.c_str(), 0, nullptr, 0) == 0) return true;
  }
  return false;
}

}  // namespace

Result<std::unique_ptr<Scope>> Scope::Create(const Url& root, const std::vector<std::string>& include,
                                             const std::vector<std::string>& exclude) {
  std::unique_ptr<Scope> scope(new Scope());
  scope->AddRoot(root);
  for (const std::string& p : include) {
    regex_t re;
    SLUICE_RETURN_IF_ERROR(Compile(p, "--include", &re));
    scope->include_.push_back(re);
  }
  for (const std::string& p : exclude) {
    regex_t re;
    SLUICE_RETURN_IF_ERROR(Compile(p, "--exclude", &re));
    scope->exclude_.push_back(re);
  }
  return scope;
}

Scope::~Scope() {
  for (regex_t& re : include_) regfree(&re);
  for (regex_t& re : exclude_) regfree(&re);
}

void Scope::AddRoot(const Url& root) {
  std::string dir = root.path.substr(0, root.path.rfind('/') + 1);
  for (const Root& r : roots_) {
    if (r.origin == root.Origin() && dir.rfind(r.dir, 0) == 0) return;  // already covered
  }
  roots_.push_back({root.Origin(), dir});
}

bool Scope::Follows(const Url& url) const {
  if (!include_.empty()) return AnyMatch(include_, url.WithoutFragment());
  std::string origin = url.Origin();
  for (const Root& r : roots_) {
    if (r.origin == origin && url.path.rfind(r.dir, 0) == 0) return true;
  }
  return false;
}

bool Scope::Excluded(const Url& url) const { return AnyMatch(exclude_, url.WithoutFragment()); }

bool Scope::External(const Url& url) const {
  std::string origin = url.Origin();
  for (const Root& r : roots_) {
    if (r.origin == origin) return false;
  }
  return !(!include_.empty() && AnyMatch(include_, url.WithoutFragment()));
}

}  // namespace sluice::crawl
