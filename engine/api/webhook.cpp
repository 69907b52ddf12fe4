#include "webhook.h"

#include <QLoggingCategory>
#include <QNetworkReply>
#include <QNetworkRequest>
#include <QTimer>
#include <QUuid>

Q_LOGGING_CATEGORY(lcWebhook, "evalx.api.webhook")

namespace evalx {

WebhookSender::WebhookSender(Options options, QObject *parent)
    : QObject(parent)
    , m_options(options)
    , m_network(this)
{
    m_network.setAutoDeleteReplies(true);
}

// One per process, random: a pid may come again on another machine.
static const QString &thisProcess()
{
    static const QString id = QUuid::createUuid().toString(QUuid::WithoutBraces);
    return id;
}

static const QString kSenderLabel = QStringLiteral("webhook_sender");

void WebhookSender::claim(QVariantHash *labels)
{
    labels->insert(kSenderLabel, thisProcess());
}

bool WebhookSender::claimedHere(const QVariantHash &labels)
{
    return labels.value(kSenderLabel).toString() == thisProcess();
}

bool WebhookSender::acceptable(const QUrl &url, QString *error)
{
    if (!url.isValid() ||
        (url.scheme() != QLatin1String("http") && url.scheme() != QLatin1String("https")) ||
        url.host().isEmpty()) {
        if (error)
            *error = QStringLiteral("must be an http or https URL");
        return false;
    }
    return true;
}

void WebhookSender::send(const QByteArray &method, const QUrl &url, const QByteArray &json)
{
    // The network manager belongs to this object's thread.
    QMetaObject::invokeMethod(
        this, [this, method, url, json] { attempt(method, url, json, 0); }, Qt::QueuedConnection);
}

void WebhookSender::attempt(const QByteArray &method, const QUrl &url, const QByteArray &json,
                            int tried)
{
    QNetworkRequest request(url);
    request.setHeader(QNetworkRequest::ContentTypeHeader, QByteArrayLiteral("application/json"));
    request.setHeader(QNetworkRequest::UserAgentHeader, QByteArrayLiteral("EvalX"));
    request.setTransferTimeout(m_options.timeoutMs);
    QNetworkReply *reply = m_network.sendCustomRequest(request, method, json);
    connect(reply, &QNetworkReply::finished, this, [=, this] {
        const int status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
        if (status >= 200 && status < 300) {
            ++m_delivered;
            Q_EMIT finished(url, true, status);
            return;
        }
        const int next = tried + 1;
        if (next >= m_options.attempts) {
            ++m_failed;
            qCWarning(lcWebhook, "%s %s failed %d times, last: %s", method.constData(),
                      qUtf8Printable(url.toString()), next,
                      status ? qPrintable(QString::number(status))
                             : qUtf8Printable(reply->errorString()));
            Q_EMIT finished(url, false, status);
            return;
        }
        QTimer::singleShot(m_options.retryDelayMs << tried, this,
                           [=, this] { attempt(method, url, json, next); });
    });
}

} // namespace evalx
