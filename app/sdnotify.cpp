#include "sdnotify.h"

#include <cstring>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

namespace evalx::app {

void sdNotify(const QByteArray &state)
{
    const QByteArray path = qgetenv("NOTIFY_SOCKET");
    sockaddr_un address{};
    if (path.isEmpty() || std::size_t(path.size()) >= sizeof address.sun_path ||
        (path[0] != '/' && path[0] != '@'))
        return;
    address.sun_family = AF_UNIX;
    std::memcpy(address.sun_path, path.constData(), std::size_t(path.size()));
    if (path[0] == '@') // an abstract socket: its name starts with a zero byte
        address.sun_path[0] = '\0';
    const socklen_t length = socklen_t(offsetof(sockaddr_un, sun_path) + std::size_t(path.size()));
    const int fd = ::socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
    if (fd < 0)
        return;
    [[maybe_unused]] const ssize_t sent =
        ::sendto(fd, state.constData(), std::size_t(state.size()), MSG_NOSIGNAL,
                 reinterpret_cast<const sockaddr *>(&address), length);
    ::close(fd);
}

} // namespace evalx::app
