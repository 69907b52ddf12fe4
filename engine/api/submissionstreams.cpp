#include "submissionstreams.h"
#include "engine.h"
#include "nativecontroller.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QLoggingCategory>
#include <QRegularExpression>
#include <QTimer>
#include <QUrlQuery>
#include <QWebSocket>

#include <algorithm>

Q_LOGGING_CATEGORY(lcStreams, "evalx.api.streams")

namespace evalx {

namespace {

// A peer that does not answer the closing handshake is dropped after this.
constexpr int kCloseTimeoutMs = 5000;

void sendJson(QWebSocket *socket, const QJsonObject &message)
{
    socket->sendTextMessage(
        QString::fromUtf8(QJsonDocument(message).toJson(QJsonDocument::Compact)));
}

} // namespace

SubmissionStreams::SubmissionStreams(Engine &engine, QString authToken, int maxStreams,
                                     QObject *parent)
    : QObject(parent)
    , m_engine(engine)
    , m_authToken(std::move(authToken))
    , m_maxStreams(maxStreams)
{}

SubmissionStreams::~SubmissionStreams() = default;

void SubmissionStreams::takeUpgrade(const QHttpServerRequest &request,
                                    QHttpServerResponder &&responder)
{
    if (request.value(QByteArrayLiteral("Upgrade")).compare("websocket", Qt::CaseInsensitive) == 0)
        return;
    responder.write(
        QJsonDocument(QJsonObject{
            {QStringLiteral("error"), QStringLiteral("this is a WebSocket: ask for an upgrade")},
            {QStringLiteral("field"), QStringLiteral("Upgrade")}}),
        QHttpServerResponder::StatusCode::UpgradeRequired);
}

bool SubmissionStreams::allowed(const QWebSocket &socket) const
{
    if (m_authToken.isEmpty())
        return true;
    QByteArray given = socket.request().rawHeader(QByteArrayLiteral("X-Auth-Token"));
    if (given.isEmpty())
        given =
            QUrlQuery(socket.requestUrl()).queryItemValue(QStringLiteral("X-Auth-Token")).toUtf8();
    return given == m_authToken.toUtf8();
}

void SubmissionStreams::accept(std::unique_ptr<QWebSocket> owned)
{
    QWebSocket *socket = owned.release();
    socket->setParent(this);
    m_sockets.insert(socket, {});
    connect(socket, &QWebSocket::disconnected, this, [this, socket] { forget(socket); });
    connect(socket, &QWebSocket::disconnected, socket, &QObject::deleteLater);

    static const QRegularExpression path(QStringLiteral("^/api/v1/submissions/([^/]+)/stream$"));
    const QRegularExpressionMatch match = path.match(socket->requestUrl().path());
    if (!match.hasMatch())
        return refuse(socket,
                      QStringLiteral("no stream at %1; streams are at "
                                     "/api/v1/submissions/{token}/stream")
                          .arg(socket->requestUrl().path()),
                      QStringLiteral("path"));
    if (!allowed(*socket))
        return refuse(socket, QStringLiteral("authentication failed"),
                      QStringLiteral("X-Auth-Token"));
    if (m_sockets.size() > m_maxStreams)
        return refuse(socket,
                      QStringLiteral("too many streams open (at most %1)").arg(m_maxStreams), {});
    JobQueue *jobs = m_engine.jobs();
    if (!jobs)
        return refuse(socket, QStringLiteral("the engine is not running"), {});
    if (!m_listening) {
        connect(jobs, &JobQueue::testFinished, this, &SubmissionStreams::testFinished,
                Qt::QueuedConnection);
        connect(jobs, &JobQueue::jobFinished, this, &SubmissionStreams::jobFinished,
                Qt::QueuedConnection);
        m_listening = true;
    }

    // Subscribed first, read second: see the class comment.
    const QByteArray token = match.captured(1).toLatin1();
    QList<Subscriber> &list = m_subscribers[token];
    list.append(Subscriber{socket, {}});
    m_sockets.insert(socket, token);
    const std::optional<JobRecord> job = jobs->find(token);
    if (!job)
        return refuse(socket,
                      QStringLiteral("submission %1 not found").arg(QString::fromLatin1(token)),
                      QStringLiteral("token"));
    Subscriber &subscriber = list.last();
    if (job->state == JobState::Done)
        return finish(subscriber, *job);
    QList<TestOutcome> tests = job->result.tests;
    std::sort(tests.begin(), tests.end(),
              [](const TestOutcome &a, const TestOutcome &b) { return a.index < b.index; });
    for (const TestOutcome &t : std::as_const(tests))
        sendTest(subscriber, token, t);
}

void SubmissionStreams::sendTest(Subscriber &subscriber, const QByteArray &token,
                                 const TestOutcome &test)
{
    if (subscriber.sent.contains(test.index))
        return;
    subscriber.sent.insert(test.index);
    QJsonObject message = NativeController::testJson(test);
    message.insert(QStringLiteral("event"), QStringLiteral("test"));
    message.insert(QStringLiteral("token"), QString::fromLatin1(token));
    sendJson(subscriber.socket, message);
}

void SubmissionStreams::testFinished(const QByteArray &token, const TestOutcome &test)
{
    const auto it = m_subscribers.find(token);
    if (it == m_subscribers.end())
        return;
    for (Subscriber &s : *it)
        sendTest(s, token, test);
}

void SubmissionStreams::jobFinished(const QByteArray &token)
{
    if (!m_subscribers.contains(token))
        return;
    JobQueue *jobs = m_engine.jobs();
    const std::optional<JobRecord> job = jobs ? jobs->find(token) : std::nullopt;
    if (!job || job->state != JobState::Done)
        return;
    // finish() takes each subscriber out of the list.
    const QList<Subscriber> subscribers = m_subscribers.value(token);
    for (Subscriber s : subscribers)
        finish(s, *job);
}

void SubmissionStreams::finish(Subscriber &subscriber, const JobRecord &job)
{
    // The tests no signal reported: skipped ones, and those of a failed compile.
    for (const TestOutcome &t : job.result.tests)
        sendTest(subscriber, job.token, t);
    QJsonObject done = NativeController::resultJson(job);
    done.insert(QStringLiteral("event"), QStringLiteral("done"));
    QWebSocket *socket = subscriber.socket;
    sendJson(socket, done);
    forget(socket);
    close(socket);
}

void SubmissionStreams::refuse(QWebSocket *socket, const QString &message, const QString &field)
{
    qCDebug(lcStreams, "refused %s: %s", qUtf8Printable(socket->requestUrl().toString()),
            qUtf8Printable(message));
    sendJson(socket,
             QJsonObject{{QStringLiteral("event"), QStringLiteral("error")},
                         {QStringLiteral("error"), message},
                         {QStringLiteral("field"),
                          field.isEmpty() ? QJsonValue(QJsonValue::Null) : QJsonValue(field)}});
    forget(socket);
    close(socket);
}

void SubmissionStreams::close(QWebSocket *socket)
{
    socket->close(QWebSocketProtocol::CloseCodeNormal);
    // deleteLater also when the peer never answers the close.
    QTimer::singleShot(kCloseTimeoutMs, socket, &QWebSocket::abort);
    if (socket->state() == QAbstractSocket::UnconnectedState)
        socket->deleteLater();
}

// Unsubscribes a socket from its job; it stays a child until it is deleted.
void SubmissionStreams::forget(QWebSocket *socket)
{
    const QByteArray token = m_sockets.take(socket);
    const auto it = m_subscribers.find(token);
    if (it == m_subscribers.end())
        return;
    it->removeIf([socket](const Subscriber &s) { return s.socket == socket; });
    if (it->isEmpty())
        m_subscribers.erase(it);
}

} // namespace evalx
