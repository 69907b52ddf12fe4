#pragma once

// A lean HTTP/1.1 load: K keep-alive connections on the calling thread, each
// POSTing the next body as soon as its previous answer is complete, and the
// time from writing a request to reading the last byte of its answer.
// QNetworkAccessManager runs its connections on a thread of its own and hands
// every reply over with queued signals: on a machine whose cores are busy
// judging, those hops put milliseconds of the client's own into the figure
// it is meant to measure.

#include <QElapsedTimer>
#include <QEventLoop>
#include <QList>
#include <QTcpSocket>
#include <functional>
#include <memory>

namespace evalx::test {

struct PostLoadFigures
{
    QList<double> latencyMs;
    QList<double> sentAtMs; // each request's start, from the first one's
    int created = 0;        // answers with status 201
    int other = 0;          // any other status, or a broken connection
};

inline PostLoadFigures postLoad(quint16 port, const QByteArray &path,
                                const QList<QByteArray> &bodies, int connections)
{
    PostLoadFigures figures;
    struct Connection
    {
        QTcpSocket socket;
        QByteArray buffer;
        QElapsedTimer sent;
        double sentAt = 0;
        bool busy = false;
    };
    std::vector<std::unique_ptr<Connection>> pool;
    qsizetype next = 0;
    int busy = 0;
    QEventLoop loop;
    QElapsedTimer started;
    started.start();

    std::function<void(Connection &)> send = [&](Connection &c) {
        if (next >= bodies.size()) {
            c.busy = false;
            if (--busy == 0)
                loop.quit();
            return;
        }
        const QByteArray &body = bodies[next++];
        QByteArray request = "POST " + path +
                             " HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                             "Content-Type: application/json\r\nContent-Length: ";
        request += QByteArray::number(body.size());
        request += "\r\n\r\n";
        request += body;
        c.sentAt = double(started.nsecsElapsed()) / 1e6;
        c.sent.start();
        c.socket.write(request);
    };
    // One answer: status line, headers up to the blank line, Content-Length bytes.
    auto answered = [&](Connection &c) {
        c.buffer += c.socket.readAll();
        for (;;) {
            const qsizetype end = c.buffer.indexOf("\r\n\r\n");
            if (end < 0)
                return;
            const QByteArray head = c.buffer.left(end).toLower();
            qsizetype length = 0;
            const qsizetype at = head.indexOf("\r\ncontent-length:");
            if (at >= 0) {
                const qsizetype eol = head.indexOf("\r\n", at + 2);
                length = head.mid(at + 17, eol < 0 ? -1 : eol - at - 17).trimmed().toLongLong();
            }
            if (c.buffer.size() < end + 4 + length)
                return;
            figures.latencyMs << double(c.sent.nsecsElapsed()) / 1e6;
            figures.sentAtMs << c.sentAt;
            (head.startsWith("http/1.1 201") ? figures.created : figures.other) += 1;
            c.buffer.remove(0, end + 4 + length);
            send(c);
        }
    };
    for (int k = 0; k < connections && k < bodies.size(); ++k) {
        auto c = std::make_unique<Connection>();
        Connection *raw = c.get();
        QObject::connect(&raw->socket, &QTcpSocket::readyRead, &loop, [&, raw] { answered(*raw); });
        QObject::connect(&raw->socket, &QTcpSocket::errorOccurred, &loop, [&, raw] {
            if (!raw->busy)
                return;
            ++figures.other;
            raw->busy = false;
            if (--busy == 0)
                loop.quit();
        });
        raw->socket.setSocketOption(QAbstractSocket::LowDelayOption, 1);
        raw->socket.connectToHost(QHostAddress::LocalHost, port);
        if (!raw->socket.waitForConnected(5000))
            continue;
        raw->busy = true;
        ++busy;
        pool.push_back(std::move(c));
    }
    for (auto &c : pool)
        send(*c);
    if (busy > 0)
        loop.exec();
    return figures;
}

} // namespace evalx::test
