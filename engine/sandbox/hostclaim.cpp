#include "hostclaim.h"

#include <cstddef>
#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>
#include <utility>

namespace evalx {

HostClaim::HostClaim(HostClaim &&other) noexcept
    : m_fd(std::exchange(other.m_fd, -1))
    , m_number(std::exchange(other.m_number, -1))
{}

HostClaim &HostClaim::operator=(HostClaim &&other) noexcept
{
    if (this != &other) {
        if (m_fd >= 0)
            ::close(m_fd);
        m_fd = std::exchange(other.m_fd, -1);
        m_number = std::exchange(other.m_number, -1);
    }
    return *this;
}

HostClaim::~HostClaim()
{
    if (m_fd >= 0)
        ::close(m_fd);
}

std::optional<HostClaim> HostClaim::take(const QByteArray &kind, int from, int span)
{
    for (int n = from; n < from + span; ++n) {
        QByteArray name = QByteArrayLiteral("evalx/");
        name.append(kind);
        name.append('/').append(QByteArray::number(n));
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        // Abstract: a leading NUL, the name not NUL-terminated.
        if (qsizetype(sizeof addr.sun_path) < name.size() + 1)
            return std::nullopt;
        std::memcpy(addr.sun_path + 1, name.constData(), std::size_t(name.size()));
        const auto length =
            socklen_t(offsetof(sockaddr_un, sun_path) + 1 + std::size_t(name.size()));
        const int fd = ::socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
        if (fd < 0)
            return std::nullopt;
        if (::bind(fd, reinterpret_cast<const sockaddr *>(&addr), length) == 0) {
            HostClaim claim;
            claim.m_fd = fd;
            claim.m_number = n;
            return claim;
        }
        ::close(fd); // EADDRINUSE: another process holds n
    }
    return std::nullopt;
}

} // namespace evalx
