// WebhookSender against a real HTTP receiver on loopback: delivery, retries
// with the receiver failing, giving up, and refused URLs.

#include "webhook.h"
#include "webhookreceiver.h"

#include <QSignalSpy>
#include <QTest>

using evalx::WebhookSender;
using evalx::test::WebhookReceiver;

class TestWebhook : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void deliversOnce()
    {
        WebhookReceiver receiver;
        WebhookSender sender({3, 50, 5000});
        QSignalSpy done(&sender, &WebhookSender::finished);
        sender.send("PUT", QUrl(receiver.url(QStringLiteral("/cb"))), R"({"a":1})");
        QVERIFY(done.wait(10000));
        QCOMPARE(done.first().at(1).toBool(), true);
        QCOMPARE(receiver.received().size(), 1);
        QCOMPARE(receiver.received().first().method, QByteArray("PUT"));
        QCOMPARE(receiver.received().first().path, QStringLiteral("/cb"));
        QCOMPARE(receiver.received().first().body, QByteArray(R"({"a":1})"));
        QCOMPARE(receiver.received().first().contentType, QByteArray("application/json"));
        QCOMPARE(sender.delivered(), 1u);
    }

    void retriesUntilAccepted()
    {
        WebhookReceiver receiver({500, 503});
        WebhookSender sender({3, 50, 5000});
        QSignalSpy done(&sender, &WebhookSender::finished);
        sender.send("POST", QUrl(receiver.url(QStringLiteral("/hook"))), "{}");
        QVERIFY(done.wait(10000));
        QCOMPARE(done.first().at(1).toBool(), true);
        QCOMPARE(done.first().at(2).toInt(), 200);
        QCOMPARE(receiver.received().size(), 3);
    }

    void givesUpAfterTheLastTry()
    {
        WebhookReceiver receiver({500, 500, 500, 500});
        WebhookSender sender({3, 20, 5000});
        QSignalSpy done(&sender, &WebhookSender::finished);
        sender.send("PUT", QUrl(receiver.url(QStringLiteral("/x"))), "{}");
        QVERIFY(done.wait(10000));
        QCOMPARE(done.first().at(1).toBool(), false);
        QCOMPARE(done.first().at(2).toInt(), 500);
        QTest::qWait(200); // no fourth try comes
        QCOMPARE(receiver.received().size(), 3);
        QCOMPARE(sender.failed(), 1u);
    }

    void unreachableReceiverFails()
    {
        quint16 port;
        {
            WebhookReceiver gone;
            port = gone.port();
        }
        WebhookSender sender({2, 20, 2000});
        QSignalSpy done(&sender, &WebhookSender::finished);
        sender.send("PUT", QUrl(QStringLiteral("http://127.0.0.1:%1/x").arg(port)), "{}");
        QVERIFY(done.wait(10000));
        QCOMPARE(done.first().at(1).toBool(), false);
        QCOMPARE(done.first().at(2).toInt(), 0);
    }

    void urlsAreChecked()
    {
        QString error;
        QVERIFY(WebhookSender::acceptable(QUrl(QStringLiteral("https://example.org/cb")), &error));
        QVERIFY(!WebhookSender::acceptable(QUrl(QStringLiteral("ftp://example.org/cb")), &error));
        QVERIFY(error.contains(QLatin1String("http")));
        QVERIFY(!WebhookSender::acceptable(QUrl(QStringLiteral("file:///etc/passwd")), &error));
        QVERIFY(!WebhookSender::acceptable(QUrl(QStringLiteral("not a url")), &error));
    }
};

QTEST_GUILESS_MAIN(TestWebhook)
#include "tst_webhook.moc"
