#pragma once

#include <QByteArray>
#include <QNetworkAccessManager>
#include <QObject>
#include <QUrl>
#include <QVariantHash>
#include <atomic>

namespace evalx {

// Delivers JSON documents to clients' URLs: Judge0's callback_url (a PUT of
// the result) and the native API's webhooks. Each delivery is tried up to
// `attempts` times, waiting retryDelayMs, then twice that, between tries; a
// 2xx answer ends it. send() may be called from any thread.
class WebhookSender final : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        int attempts = 3;
        int retryDelayMs = 1000;
        int timeoutMs = 10000; // per try
    };

    // The label a job's webhook travels with, naming the process that took
    // the job: with several API processes on one Redis, every one of them
    // hears the job finish, and only that one delivers.
    static void claim(QVariantHash *labels);
    static bool claimedHere(const QVariantHash &labels);

    explicit WebhookSender(Options options, QObject *parent = nullptr);
    explicit WebhookSender(QObject *parent = nullptr)
        : WebhookSender(Options{}, parent)
    {}

    // An http or https URL with a host, else false and why.
    static bool acceptable(const QUrl &url, QString *error);

    void send(const QByteArray &method, const QUrl &url, const QByteArray &json);

    quint64 delivered() const { return m_delivered; }
    quint64 failed() const { return m_failed; } // every try failed

Q_SIGNALS:
    // One delivery has ended: 2xx at some try, or given up (status of the last try, 0 when none).
    void finished(const QUrl &url, bool delivered, int status);

private:
    void attempt(const QByteArray &method, const QUrl &url, const QByteArray &json, int tried);

    Options m_options;
    QNetworkAccessManager m_network;
    std::atomic<quint64> m_delivered = 0;
    std::atomic<quint64> m_failed = 0;
};

} // namespace evalx
