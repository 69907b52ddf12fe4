// GET /api/v1/reports on a real `evalx --headless`: jobs judged through
// /api/v1, then a report of them in each format (CSV parsed, JSON read back,
// HTML checked, PDF's text through pdftotext), the headers of a download, and
// the errors: no tokens, an unknown one (named), too many, an unknown format.

#include "../report/reportcheck.h"
#include "headlessserver.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QUrlQuery>

using namespace evalx::test;

namespace {

struct Answer
{
    int status = 0;
    QByteArray body;
    QByteArray contentType;
    QByteArray disposition;
};

} // namespace

class TestReports : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase() { m_server.stop(); }
    void csv();
    void json();
    void html();
    void pdf();
    void errors_data();
    void errors();

private:
    QByteArray submit(const QByteArray &source, const QByteArray &name);
    Answer get(const QString &pathAndQuery);
    QString tokens() const;

    HeadlessServer m_server;
    QNetworkAccessManager m_net;
    QList<QByteArray> m_tokens; // accepted, wrong answer
    QTemporaryDir m_dir;
};

QByteArray TestReports::submit(const QByteArray &source, const QByteArray &name)
{
    const QJsonObject body{
        {QStringLiteral("language"), QStringLiteral("python3")},
        {QStringLiteral("source"), QString::fromUtf8(source)},
        {QStringLiteral("tests"),
         QJsonArray{QJsonObject{{QStringLiteral("name"), QString::fromUtf8(name + "-1")},
                                {QStringLiteral("input"), QStringLiteral("1 2")},
                                {QStringLiteral("expected"), QStringLiteral("3")}},
                    QJsonObject{{QStringLiteral("name"), QStringLiteral("two, \"quoted\"")},
                                {QStringLiteral("input"), QStringLiteral("20 22")},
                                {QStringLiteral("expected"), QStringLiteral("42")}}}},
    };
    int status = 0;
    const QByteArray answer = m_server.request(
        "POST", QStringLiteral("/api/v1/submissions?wait=true"), QJsonDocument(body).toJson(),
        &status, {{"Content-Type", "application/json"}});
    if (status != 201)
        qWarning("submit: %d %s", status, answer.constData());
    return QJsonDocument::fromJson(answer)
        .object()
        .value(QLatin1String("token"))
        .toString()
        .toLatin1();
}

Answer TestReports::get(const QString &pathAndQuery)
{
    QNetworkRequest r(
        QUrl(QStringLiteral("http://127.0.0.1:%1%2").arg(m_server.port()).arg(pathAndQuery)));
    QNetworkReply *reply = m_net.get(r);
    QDeadlineTimer deadline(60000);
    while (!reply->isFinished() && !deadline.hasExpired())
        QTest::qWait(10);
    Answer a;
    a.status = reply->attribute(QNetworkRequest::HttpStatusCodeAttribute).toInt();
    a.body = reply->readAll();
    a.contentType = reply->rawHeader("Content-Type");
    a.disposition = reply->rawHeader("Content-Disposition");
    reply->deleteLater();
    return a;
}

QString TestReports::tokens() const
{
    return QString::fromLatin1(m_tokens.join(','));
}

void TestReports::initTestCase()
{
    QVERIFY(m_dir.isValid());
    QVERIFY(m_server.start({QStringLiteral("--workers"), QStringLiteral("2")}));
    m_tokens << submit("a, b = map(int, input().split())\nprint(a + b)\n", "ok");
    m_tokens << submit("print(3)\n", "wa");
    QCOMPARE(m_tokens.size(), 2);
    QVERIFY(!m_tokens.contains(QByteArray()));
}

void TestReports::csv()
{
    const Answer a = get(QStringLiteral("/api/v1/reports?format=csv&tokens=") + tokens());
    QCOMPARE(a.status, 200);
    QCOMPARE(a.contentType, QByteArray("text/csv; charset=utf-8"));
    QVERIFY2(a.disposition.startsWith("attachment; filename=\"evalx-report-") &&
                 a.disposition.endsWith(".csv\""),
             a.disposition.constData());
    const std::optional<QList<QStringList>> rows = parseCsv(QString::fromUtf8(a.body));
    QVERIFY(rows);
    QCOMPARE(rows->size(), 1 + 2 * 2);
    const QStringList header = rows->first();
    const int name = int(header.indexOf(QLatin1String("submission")));
    const int verdict = int(header.indexOf(QLatin1String("verdict")));
    const int test = int(header.indexOf(QLatin1String("test")));
    const int testVerdict = int(header.indexOf(QLatin1String("test_verdict")));
    const int origin = int(header.indexOf(QLatin1String("origin")));
    QCOMPARE(rows->at(1).at(name), QString::fromLatin1(m_tokens.at(0)));
    QCOMPARE(rows->at(1).at(origin), QStringLiteral("api/v1"));
    QCOMPARE(rows->at(1).at(verdict), QStringLiteral("AC"));
    QCOMPARE(rows->at(2).at(test), QStringLiteral("two, \"quoted\""));
    QCOMPARE(rows->at(3).at(name), QString::fromLatin1(m_tokens.at(1)));
    QCOMPARE(rows->at(3).at(verdict), QStringLiteral("WA"));
    QCOMPARE(rows->at(3).at(testVerdict), QStringLiteral("AC"));
    QCOMPARE(rows->at(4).at(testVerdict), QStringLiteral("WA"));
}

void TestReports::json()
{
    // JSON is the default format; the order is the tokens', repeats ignored.
    const Answer a =
        get(QStringLiteral("/api/v1/reports?title=Mine&tokens=%1,%2,%1")
                .arg(QString::fromLatin1(m_tokens.at(1)), QString::fromLatin1(m_tokens.at(0))));
    QCOMPARE(a.status, 200);
    QCOMPARE(a.contentType, QByteArray("application/json"));
    const QJsonObject o = QJsonDocument::fromJson(a.body).object();
    QCOMPARE(o.value(QLatin1String("title")).toString(), QStringLiteral("Mine"));
    const QJsonArray list = o.value(QLatin1String("submissions")).toArray();
    QCOMPARE(list.size(), 2);
    QCOMPARE(list.at(0).toObject().value(QLatin1String("name")).toString(),
             QString::fromLatin1(m_tokens.at(1)));
    QCOMPARE(list.at(0).toObject().value(QLatin1String("verdict")).toString(),
             QStringLiteral("WA"));
    QCOMPARE(list.at(1).toObject().value(QLatin1String("score")).toDouble(), 2.0);
    QCOMPARE(list.at(1).toObject().value(QLatin1String("max_score")).toDouble(), 2.0);
    QCOMPARE(o.value(QLatin1String("tests")).toArray().size(), 3); // ok-1, wa-1, "two, ..."
}

void TestReports::html()
{
    const Answer a = get(QStringLiteral("/api/v1/reports?format=html&tokens=") + tokens());
    QCOMPARE(a.status, 200);
    QCOMPARE(a.contentType, QByteArray("text/html; charset=utf-8"));
    QVERIFY(a.disposition.endsWith(".html\""));
    const QString html = QString::fromUtf8(a.body);
    QCOMPARE(matrixRow(html, QString::fromLatin1(m_tokens.at(1))),
             (QStringList{QStringLiteral("WA"), QStringLiteral("–"), QStringLiteral("WA"),
                          QStringLiteral("AC")})); // columns: ok-1, "two, ...", wa-1
    QVERIFY(!html.contains(QLatin1String("<script")));
}

void TestReports::pdf()
{
    const Answer a = get(QStringLiteral("/api/v1/reports?format=pdf&tokens=") + tokens());
    QVERIFY2(a.status == 200, a.body.constData());
    QCOMPARE(a.contentType, QByteArray("application/pdf"));
    QVERIFY(a.disposition.endsWith(".pdf\""));
    QVERIFY(a.body.startsWith("%PDF-"));
    const QString file = m_dir.filePath(QStringLiteral("r.pdf"));
    QFile f(file);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(a.body);
    f.close();
    QString error;
    const std::optional<QString> text = pdfText(file, &error);
    QVERIFY2(text, qPrintable(error));
    QVERIFY(text->contains(QString::fromLatin1(m_tokens.at(0))));
    QVERIFY(text->contains(QLatin1String("Page 1 of")));
}

void TestReports::errors_data()
{
    QTest::addColumn<QString>("query");
    QTest::addColumn<int>("status");
    QTest::addColumn<QString>("error");
    QStringList many;
    for (int i = 0; i < 1001; ++i)
        many << QStringLiteral("t%1").arg(i);
    QTest::newRow("no tokens") << QStringLiteral("format=csv") << 400 << QStringLiteral("tokens");
    QTest::newRow("empty tokens") << QStringLiteral("tokens=,,") << 400 << QStringLiteral("tokens");
    QTest::newRow("unknown token") << QStringLiteral("tokens=OK,no-such-token") << 404
                                   << QStringLiteral("submission no-such-token not found");
    QTest::newRow("too many") << QStringLiteral("tokens=") + many.join(QLatin1Char(',')) << 413
                              << QStringLiteral("1001 tokens; a report takes at most 1000");
    QTest::newRow("format") << QStringLiteral("format=xlsx&tokens=OK") << 422
                            << QStringLiteral("unknown format 'xlsx'");
}

void TestReports::errors()
{
    QFETCH(QString, query);
    QFETCH(int, status);
    QFETCH(QString, error);
    query.replace(QLatin1String("OK"), QString::fromLatin1(m_tokens.at(0)));
    const Answer a = get(QStringLiteral("/api/v1/reports?") + query);
    QCOMPARE(a.status, status);
    const QJsonObject o = QJsonDocument::fromJson(a.body).object();
    QVERIFY2(o.value(QLatin1String("error")).toString().contains(error), a.body.constData());
}

QTEST_GUILESS_MAIN(TestReports)
#include "tst_reports.moc"
