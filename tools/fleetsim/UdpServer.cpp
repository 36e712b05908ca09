#include "UdpServer.h"

#include "Agent.h"

#include <algorithm>
#include <arpa/inet.h>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <netinet/in.h>
#include <poll.h>
#include <queue>
#include <sys/socket.h>
#include <unistd.h>

namespace fleetsim {

namespace {

constexpr unsigned kBatch = 64;
constexpr std::size_t kRecvSize = 16384;

struct Pending {
    std::int64_t due;
    sockaddr_in to;
    in_addr from;
    std::string data;
    bool operator>(const Pending &o) const { return due > o.due; }
};

std::uint64_t xorshift(std::uint64_t &s)
{
    s ^= s << 13;
    s ^= s >> 7;
    s ^= s << 17;
    return s;
}

bool isLoopback(in_addr a)
{
    return (ntohl(a.s_addr) >> 24) == 127;
}

} // namespace

void corruptResponse(std::string &r, std::uint64_t random)
{
    if (r.size() < 8)
        return;
    switch (random % 3) {
    case 0: // outer length claims more than was sent
        r[1] = static_cast<char>(0x84);
        r.insert(2, "\x7F\xFF\xFF", 3);
        break;
    case 1: // version field replaced by a bogus tag
        r[2] = static_cast<char>(0x1F);
        break;
    default: // garbage in the middle
        for (std::size_t i = r.size() / 3; i < r.size() / 3 + 6 && i < r.size(); ++i)
            r[i] = static_cast<char>(0xFF);
        break;
    }
}

UdpServer::UdpServer(Fleet &fleet, std::uint16_t port, int threads)
    : m_fleet(fleet), m_port(port), m_threadCount(std::max(1, threads))
{
}

UdpServer::~UdpServer()
{
    stop();
}

bool UdpServer::start(std::string &error)
{
    for (int i = 0; i < m_threadCount; ++i) {
        int fd = socket(AF_INET, SOCK_DGRAM | SOCK_CLOEXEC, 0);
        if (fd < 0) {
            error = std::string("socket: ") + std::strerror(errno);
            return false;
        }
        int one = 1;
        setsockopt(fd, SOL_SOCKET, SO_REUSEPORT, &one, sizeof one);
        setsockopt(fd, IPPROTO_IP, IP_PKTINFO, &one, sizeof one);
        // Only the loopback interface reaches the simulator (needs CAP_NET_RAW; the
        // source/destination check below covers the unprivileged case).
        setsockopt(fd, SOL_SOCKET, SO_BINDTODEVICE, "lo", 3);
        int buf = 8 << 20;
        if (setsockopt(fd, SOL_SOCKET, SO_RCVBUFFORCE, &buf, sizeof buf) != 0)
            setsockopt(fd, SOL_SOCKET, SO_RCVBUF, &buf, sizeof buf);
        if (setsockopt(fd, SOL_SOCKET, SO_SNDBUFFORCE, &buf, sizeof buf) != 0)
            setsockopt(fd, SOL_SOCKET, SO_SNDBUF, &buf, sizeof buf);
        sockaddr_in sa{};
        sa.sin_family = AF_INET;
        sa.sin_port = htons(m_port);
        sa.sin_addr.s_addr = htonl(INADDR_ANY);
        if (bind(fd, reinterpret_cast<sockaddr *>(&sa), sizeof sa) != 0) {
            error = "cannot bind UDP port " + std::to_string(m_port) + ": " + std::strerror(errno) +
                    " (choose another --port)";
            ::close(fd);
            return false;
        }
        m_fds.push_back(fd);
    }
    m_running = true;
    for (std::size_t i = 0; i < m_fds.size(); ++i)
        m_threads.emplace_back([this, i] { run(m_fds[i], static_cast<unsigned>(i)); });
    return true;
}

void UdpServer::stop()
{
    if (!m_running.exchange(false) && m_threads.empty())
        return;
    for (std::thread &t : m_threads)
        t.join();
    m_threads.clear();
    for (int fd : m_fds)
        ::close(fd);
    m_fds.clear();
}

void UdpServer::run(int fd, unsigned threadIndex)
{
    Agent agent(m_fleet);
    std::vector<char> recvBuf(kBatch * kRecvSize);
    mmsghdr in[kBatch];
    iovec inIov[kBatch];
    sockaddr_in inAddr[kBatch];
    alignas(cmsghdr) char inCtl[kBatch][64];
    mmsghdr out[kBatch];
    iovec outIov[kBatch];
    sockaddr_in outAddr[kBatch];
    alignas(cmsghdr) char outCtl[kBatch][CMSG_SPACE(sizeof(in_pktinfo))];
    std::string outData[kBatch];
    std::priority_queue<Pending, std::vector<Pending>, std::greater<>> delayed;
    std::uint64_t rng = 0x9E3779B97F4A7C15ull ^ (m_fleet.config().seed + threadIndex * 7919u);
    if (rng == 0)
        rng = 1;

    auto nowMs = [] { return Fleet::realNowMs(); };
    unsigned outCount = 0;
    auto queueOut = [&](const sockaddr_in &to, in_addr from, std::string &&data) {
        outData[outCount] = std::move(data);
        outAddr[outCount] = to;
        outIov[outCount] = {outData[outCount].data(), outData[outCount].size()};
        std::memset(&out[outCount], 0, sizeof out[outCount]);
        msghdr &h = out[outCount].msg_hdr;
        h.msg_name = &outAddr[outCount];
        h.msg_namelen = sizeof(sockaddr_in);
        h.msg_iov = &outIov[outCount];
        h.msg_iovlen = 1;
        h.msg_control = outCtl[outCount];
        h.msg_controllen = sizeof outCtl[outCount];
        cmsghdr *c = CMSG_FIRSTHDR(&h);
        c->cmsg_level = IPPROTO_IP;
        c->cmsg_type = IP_PKTINFO;
        c->cmsg_len = CMSG_LEN(sizeof(in_pktinfo));
        in_pktinfo pi{};
        pi.ipi_spec_dst = from;
        std::memcpy(CMSG_DATA(c), &pi, sizeof pi);
        ++outCount;
    };
    auto flush = [&] {
        unsigned sent = 0;
        while (sent < outCount) {
            int n = sendmmsg(fd, out + sent, outCount - sent, 0);
            if (n < 0) {
                if (errno == EINTR)
                    continue;
                m_fleet.dropped += outCount - sent;
                break;
            }
            sent += static_cast<unsigned>(n);
        }
        m_fleet.responses += sent;
        outCount = 0;
    };

    std::string response;
    while (m_running.load(std::memory_order_relaxed)) {
        // Delayed responses whose time has come.
        const std::int64_t now = nowMs();
        while (!delayed.empty() && delayed.top().due <= now) {
            Pending p = delayed.top();
            delayed.pop();
            queueOut(p.to, p.from, std::move(p.data));
            if (outCount == kBatch)
                flush();
        }
        flush();

        for (unsigned i = 0; i < kBatch; ++i) {
            inIov[i] = {recvBuf.data() + i * kRecvSize, kRecvSize};
            std::memset(&in[i], 0, sizeof in[i]);
            in[i].msg_hdr.msg_name = &inAddr[i];
            in[i].msg_hdr.msg_namelen = sizeof(sockaddr_in);
            in[i].msg_hdr.msg_iov = &inIov[i];
            in[i].msg_hdr.msg_iovlen = 1;
            in[i].msg_hdr.msg_control = inCtl[i];
            in[i].msg_hdr.msg_controllen = sizeof inCtl[i];
        }
        int n = recvmmsg(fd, in, kBatch, MSG_DONTWAIT, nullptr);
        if (n <= 0) {
            int timeout = 100;
            if (!delayed.empty())
                timeout = static_cast<int>(std::clamp<std::int64_t>(delayed.top().due - nowMs(), 0, 100));
            pollfd pfd{fd, POLLIN, 0};
            poll(&pfd, 1, timeout);
            continue;
        }
        for (int i = 0; i < n; ++i) {
            const msghdr &h = in[i].msg_hdr;
            m_fleet.requests++;
            if (h.msg_flags & (MSG_TRUNC | MSG_CTRUNC)) {
                m_fleet.badPackets++;
                continue;
            }
            in_addr dst{};
            bool haveDst = false;
            for (cmsghdr *c = CMSG_FIRSTHDR(&h); c; c = CMSG_NXTHDR(const_cast<msghdr *>(&h), c)) {
                if (c->cmsg_level == IPPROTO_IP && c->cmsg_type == IP_PKTINFO) {
                    in_pktinfo pi;
                    std::memcpy(&pi, CMSG_DATA(c), sizeof pi);
                    dst = pi.ipi_addr;
                    haveDst = true;
                }
            }
            if (!haveDst || !isLoopback(dst) || !isLoopback(inAddr[i].sin_addr)) {
                m_fleet.dropped++;
                continue;
            }
            Device *dev = m_fleet.findByAddress(ntohl(dst.s_addr));
            if (!dev) {
                m_fleet.dropped++;
                continue;
            }
            const std::string_view req(static_cast<const char *>(inIov[i].iov_base), in[i].msg_len);
            Faults f;
            bool reply = false;
            {
                std::lock_guard lock(dev->mutex);
                dev->packetsIn++;
                dev->octetsIn += req.size();
                f = dev->faults;
                if (!f.silent && !(f.lossPercent > 0 && static_cast<int>(xorshift(rng) % 100) < f.lossPercent)) {
                    reply = agent.handle(*dev, req, response);
                    if (reply) {
                        dev->packetsOut++;
                        dev->octetsOut += response.size();
                    }
                }
            }
            if (!reply) {
                if (f.silent || f.lossPercent)
                    m_fleet.dropped++;
                else
                    m_fleet.badPackets++;
                continue;
            }
            if (f.malformed)
                corruptResponse(response, xorshift(rng));
            if (f.truncate)
                response.resize(std::max<std::size_t>(1, response.size() / 2));
            if (f.delayMs > 0) {
                if (delayed.size() >= 200000) { // bounded: a delayed flood is shed, not queued forever
                    m_fleet.dropped++;
                    continue;
                }
                delayed.push(Pending{nowMs() + f.delayMs, inAddr[i], dst, std::move(response)});
                response.clear();
                continue;
            }
            queueOut(inAddr[i], dst, std::move(response));
            response.clear();
        }
        flush();
    }
}

} // namespace fleetsim
