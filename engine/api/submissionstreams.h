#pragma once

#include "jobqueue.h"

#include <QHash>
#include <QHttpServerRequest>
#include <QHttpServerResponder>
#include <QList>
#include <QObject>
#include <QSet>
#include <memory>

class QWebSocket;

namespace evalx {

class Engine;

// ws://HOST/api/v1/submissions/{token}/stream: one {"event": "test"} message
// per test as it finishes, then {"event": "done"} with the result, then the
// socket closes. Lives on the server's thread; the queue's signals come here
// queued, and nothing here blocks, so many sockets cost the server little.
//
// Each test is sent exactly once, whenever the client connects: the socket is
// subscribed before the job's record is read, the record holds every test
// finished before its testFinished is emitted, and the tests a socket has
// been sent are remembered, so a test is either in the record or arrives
// later as a signal (or both, and is sent once).
class SubmissionStreams final : public QObject
{
    Q_OBJECT
public:
    // authToken: empty, or what X-Auth-Token (header or query) must say.
    SubmissionStreams(Engine &engine, QString authToken, int maxStreams = 1000,
                      QObject *parent = nullptr);
    ~SubmissionStreams() override;
    Q_DISABLE_COPY_MOVE(SubmissionStreams)

    // The stream's route. Qt 6.4 upgrades a WebSocket request only when a
    // route takes it and writes nothing back; a plain request gets 426.
    static void takeUpgrade(const QHttpServerRequest &request, QHttpServerResponder &&responder);
    // Takes over a socket the HTTP server has upgraded.
    void accept(std::unique_ptr<QWebSocket> socket);
    int count() const { return int(m_sockets.size()); }

private:
    struct Subscriber
    {
        QWebSocket *socket = nullptr;
        QSet<int> sent; // indices of the tests sent
    };

    void testFinished(const QByteArray &token, const evalx::TestOutcome &test);
    void jobFinished(const QByteArray &token);
    // Sends the tests not yet sent, then done, and closes.
    void finish(Subscriber &subscriber, const JobRecord &job);
    void sendTest(Subscriber &subscriber, const QByteArray &token, const TestOutcome &test);
    void refuse(QWebSocket *socket, const QString &message, const QString &field);
    void close(QWebSocket *socket);
    void forget(QWebSocket *socket);
    bool allowed(const QWebSocket &socket) const;

    Engine &m_engine;
    QString m_authToken;
    int m_maxStreams;
    bool m_listening = false;
    QHash<QByteArray, QList<Subscriber>> m_subscribers; // by job token
    QHash<QWebSocket *, QByteArray> m_sockets;          // every open one (a child) and its token
};

} // namespace evalx
