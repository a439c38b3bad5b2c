/* netprobe: a tiny static helper the network tests copy into a busybox
 * container (busybox has no UDP server and its ping only uses raw sockets).
 *   netprobe udp-echo PORT   echo every datagram back to its sender
 *   netprobe ping ADDR       one ICMP echo over an ICMP datagram socket
 *                            (needs net.ipv4.ping_group_range to cover our gid)
 *   netprobe notify MSG      send MSG (\n escapes allowed) to $NOTIFY_SOCKET, as
 *                            sd_notify does (the systemd tests)
 */
#include <arpa/inet.h>
#include <netinet/in.h>
#include <netinet/ip_icmp.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/socket.h>
#include <sys/time.h>
#include <sys/un.h>
#include <unistd.h>

static int udp_echo(int port) {
    int s = socket(AF_INET, SOCK_DGRAM, 0);
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    a.sin_port = htons(port);
    if (s < 0 || bind(s, (struct sockaddr *)&a, sizeof a) != 0) {
        perror("udp-echo: bind");
        return 1;
    }
    char buf[2048];
    for (;;) {
        struct sockaddr_in peer;
        socklen_t len = sizeof peer;
        ssize_t n = recvfrom(s, buf, sizeof buf, 0, (struct sockaddr *)&peer, &len);
        if (n >= 0)
            sendto(s, buf, n, 0, (struct sockaddr *)&peer, len);
    }
}

static int ping(const char *addr) {
    int s = socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP);
    if (s < 0) {
        perror("ping: socket(AF_INET, SOCK_DGRAM, IPPROTO_ICMP)");
        return 1;
    }
    struct sockaddr_in a;
    memset(&a, 0, sizeof a);
    a.sin_family = AF_INET;
    if (inet_pton(AF_INET, addr, &a.sin_addr) != 1) {
        fprintf(stderr, "ping: bad address %s\n", addr);
        return 2;
    }
    struct icmphdr h;
    memset(&h, 0, sizeof h);
    h.type = ICMP_ECHO;
    h.un.echo.sequence = htons(1);
    if (sendto(s, &h, sizeof h, 0, (struct sockaddr *)&a, sizeof a) < 0) {
        perror("ping: sendto");
        return 1;
    }
    struct timeval tv = {3, 0};
    setsockopt(s, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof tv);
    char buf[256];
    ssize_t n = recv(s, buf, sizeof buf, 0);
    if (n < (ssize_t)sizeof(struct icmphdr)) {
        perror("ping: recv");
        return 1;
    }
    struct icmphdr *r = (struct icmphdr *)buf;
    if (r->type != ICMP_ECHOREPLY) {
        printf("ping: reply of type %d\n", r->type);
        return 1;
    }
    printf("echo reply from %s\n", addr);
    return 0;
}

static int notify(const char *msg) {
    const char *path = getenv("NOTIFY_SOCKET");
    if (!path) {
        fprintf(stderr, "notify: NOTIFY_SOCKET is not set\n");
        return 1;
    }
    char buf[8192];
    size_t n = 0;
    for (const char *p = msg; *p && n < sizeof buf; p++) {
        if (p[0] == '\\' && p[1] == 'n') {
            buf[n++] = '\n';
            p++;
        } else {
            buf[n++] = *p;
        }
    }
    struct sockaddr_un a;
    memset(&a, 0, sizeof a);
    a.sun_family = AF_UNIX;
    strncpy(a.sun_path, path, sizeof a.sun_path - 1);
    int s = socket(AF_UNIX, SOCK_DGRAM, 0);
    if (s < 0 || sendto(s, buf, n, 0, (struct sockaddr *)&a, sizeof a) < 0) {
        perror("notify: sendto");
        return 1;
    }
    return 0;
}

int main(int argc, char **argv) {
    if (argc == 3 && strcmp(argv[1], "notify") == 0)
        return notify(argv[2]);
    if (argc == 3 && strcmp(argv[1], "udp-echo") == 0)
        return udp_echo(atoi(argv[2]));
    if (argc == 3 && strcmp(argv[1], "ping") == 0)
        return ping(argv[2]);
    fprintf(stderr, "usage: netprobe udp-echo PORT | netprobe ping ADDR\n");
    return 2;
}
