#pragma once

// The system-call filter every boxed program runs under, compiled once per
// box with libseccomp and installed in each run with a single prctl.

#include <linux/filter.h>
#include <string>
#include <vector>

namespace evalx::box {

class SeccompFilter
{
public:
    bool build(std::string *error);
    bool isValid() const { return !m_program.empty(); }
    // Installs the filter in the calling process; requires no_new_privs.
    bool install() const;

    // The names of the refused system calls, for documentation and tests.
    static std::vector<std::string> refusedSyscalls();

private:
    std::vector<sock_filter> m_program;
};

} // namespace evalx::box
