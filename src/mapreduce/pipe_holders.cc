// PipeHolders (pipe_holders.h): a walk of /proc/*/fd/{0,1,2} for "pipe:[INODE]".
#include "mapreduce/pipe_holders.h"

#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cstdlib>
#include <cstring>
#include <string>

namespace sluice::mapreduce {

std::vector<pid_t> PipeHolders(int fd) {
  std::vector<pid_t> holders;
  struct stat st;
  if (::fstat(fd, &st) != 0 || !S_ISFIFO(st.st_mode)) return holders;
  const std::string target = "pipe:[" + std::to_string(st.st_ino) + "]";
  const pid_t self = ::getpid();
  DIR* proc = ::opendir("/proc");
  if (proc == nullptr) return holders;
  while (const dirent* e = ::readdir(proc)) {
    if (e->d_name[0] < '0' || e->d_name[0] > '9') continue;
    const pid_t pid = static_cast<pid_t>(std::atol(e->d_name));
    if (pid == self) continue;
    for (const char* std_fd : {"/fd/0", "/fd/1", "/fd/2"}) {
      char link[64];
      const ssize_t n = ::readlink((std::string("/proc/") + e->d_name + std_fd).c_str(), link, sizeof link);
      if (n > 0 && static_cast<std::size_t>(n) == target.size() &&
          std::memcmp(link, target.data(), target.size()) == 0) {
        holders.push_back(pid);
        break;
      }
    }
  }
  ::closedir(proc);
  return holders;
}

}  // namespace sluice::mapreduce
