#pragma once

// The simulator's network side: a few wildcard UDP sockets (SO_REUSEPORT, one
// per thread) that answer as every simulated 127.x.y.z address via IP_PKTINFO,
// reading and writing in batches with recvmmsg/sendmmsg.

#include "Fleet.h"

#include <atomic>
#include <string>
#include <thread>
#include <vector>

namespace fleetsim {

class UdpServer {
public:
    UdpServer(Fleet &fleet, std::uint16_t port, int threads);
    ~UdpServer();
    UdpServer(const UdpServer &) = delete;
    UdpServer &operator=(const UdpServer &) = delete;

    bool start(std::string &error);
    void stop();

private:
    void run(int fd, unsigned threadIndex);

    Fleet &m_fleet;
    std::uint16_t m_port;
    int m_threadCount;
    std::vector<int> m_fds;
    std::vector<std::thread> m_threads;
    std::atomic<bool> m_running{false};
};

// Corrupts an encoded response the way the "malformed" fault asks for.
void corruptResponse(std::string &response, std::uint64_t random);

} // namespace fleetsim
