// The history of a real 'evalx --headless': jobs judged by one server are
// found by the next one on the same file (Judge0 and /api/v1), listed and
// filtered through Judge0's GET /submissions, deleted, pruned by age, and
// not kept at all with --history none.

#include "headlessserver.h"

#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QUrlQuery>

using namespace evalx::test;

namespace {

// Python 3 under Judge0's id: prints "hi", expected "hi" (accepted) or not.
QJsonObject submission(bool accepted)
{
    return {{QStringLiteral("language_id"), 71},
            {QStringLiteral("source_code"), QStringLiteral("print('hi')")},
            {QStringLiteral("expected_output"),
             accepted ? QStringLiteral("hi") : QStringLiteral("bye")}};
}

QJsonObject object(const QByteArray &body)
{
    return QJsonDocument::fromJson(body).object();
}

int statusId(const QJsonObject &result)
{
    return result.value(QLatin1String("status")).toObject().value(QLatin1String("id")).toInt();
}

} // namespace

class TestHistory final : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void initTestCase();
    void jobsSurviveARestart();
    void listingIsFilteredAndPaged();
    void deletingForgets();
    void historyDaysPrunes();
    void noneKeepsNothing();
    void theDefaultIsTheDataDirectory();
    void aDamagedFileLeavesTheServerRunning();

private:
    // Judges one job with wait=true; its token.
    QByteArray judge(HeadlessServer &server, bool accepted);
    QJsonObject get(HeadlessServer &server, const QString &path, int *status);
    bool start(HeadlessServer &server, const QStringList &extra);
    // Moves every job of the file this many days into the past.
    void age(const QString &path, int days);

    QTemporaryDir m_dir;
    QString m_shared; // the file of the first three tests
    QList<QByteArray> m_accepted;
    QList<QByteArray> m_wrong;
};

void TestHistory::initTestCase()
{
    QVERIFY(m_dir.isValid());
    m_shared = m_dir.filePath(QStringLiteral("shared/history.sqlite"));
}

bool TestHistory::start(HeadlessServer &server, const QStringList &extra)
{
    return server.start(QStringList{QStringLiteral("--workers"), QStringLiteral("2")} + extra);
}

QByteArray TestHistory::judge(HeadlessServer &server, bool accepted)
{
    int status = 0;
    const QJsonObject result =
        object(server.request("POST", QStringLiteral("/submissions?wait=true"),
                              QJsonDocument(submission(accepted)).toJson(), &status));
    if (status != 201 || statusId(result) != (accepted ? 3 : 4)) {
        qWarning("unexpected answer %d: %s", status,
                 QJsonDocument(result).toJson(QJsonDocument::Compact).constData());
        return {};
    }
    return result.value(QLatin1String("token")).toString().toLatin1();
}

QJsonObject TestHistory::get(HeadlessServer &server, const QString &path, int *status)
{
    return object(server.request("GET", path, {}, status));
}

void TestHistory::age(const QString &path, int days)
{
    {
        QSqlDatabase db =
            QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), QStringLiteral("age"));
        db.setDatabaseName(path);
        QVERIFY(db.open());
        QSqlQuery q(db);
        const qint64 shift = qint64(days) * 86400 * 1000;
        QVERIFY(q.exec(QStringLiteral("UPDATE submissions SET created_at = created_at - %1, "
                                      "finished_at = finished_at - %1")
                           .arg(shift)));
        q = QSqlQuery();
        db.close();
    }
    QSqlDatabase::removeDatabase(QStringLiteral("age"));
}

void TestHistory::jobsSurviveARestart()
{
    {
        HeadlessServer first;
        QVERIFY2(start(first, {QStringLiteral("--history"), m_shared}),
                 first.firstLine().constData());
        for (int i = 0; i < 2; ++i)
            m_accepted << judge(first, true);
        for (int i = 0; i < 3; ++i)
            m_wrong << judge(first, false);
        QVERIFY(!m_accepted.contains(QByteArray()) && !m_wrong.contains(QByteArray()));
        first.stop(); // SIGTERM
        QCOMPARE(first.process().exitStatus(), QProcess::NormalExit);
        QCOMPARE(first.process().exitCode(), 0);
    }
    QVERIFY(QFile::exists(m_shared));
    HeadlessServer second;
    QVERIFY2(start(second, {QStringLiteral("--history"), m_shared}),
             second.firstLine().constData());
    int status = 0;
    QJsonObject result =
        get(second,
            QStringLiteral("/submissions/%1?fields=*").arg(QString::fromLatin1(m_wrong.first())),
            &status);
    QCOMPARE(status, 200);
    QCOMPARE(statusId(result), 4);
    QCOMPARE(result.value(QLatin1String("stdout")).toString(), QStringLiteral("hi\n"));
    QCOMPARE(result.value(QLatin1String("language_id")).toInt(), 71);
    QCOMPARE(result.value(QLatin1String("evalx_verdict")).toString(), QStringLiteral("WA"));
    result =
        get(second,
            QStringLiteral("/api/v1/submissions/%1").arg(QString::fromLatin1(m_accepted.first())),
            &status);
    QCOMPARE(status, 200);
    QCOMPARE(result.value(QLatin1String("status")).toString(), QStringLiteral("done"));
    QCOMPARE(result.value(QLatin1String("verdict")).toString(), QStringLiteral("AC"));
    const QJsonObject batch =
        get(second,
            QStringLiteral("/submissions/batch?tokens=%1,%2")
                .arg(QString::fromLatin1(m_accepted.last()), QString::fromLatin1(m_wrong.last())),
            &status);
    QCOMPARE(status, 200);
    const QJsonArray both = batch.value(QLatin1String("submissions")).toArray();
    QCOMPARE(both.size(), 2);
    QCOMPARE(statusId(both[0].toObject()), 3);
    QCOMPARE(statusId(both[1].toObject()), 4);
    // An unknown token is still 404.
    get(second, QStringLiteral("/submissions/no-such-token"), &status);
    QCOMPARE(status, 404);
}

void TestHistory::listingIsFilteredAndPaged()
{
    HeadlessServer server;
    QVERIFY2(start(server, {QStringLiteral("--history"), m_shared}),
             server.firstLine().constData());
    // One more, judged by this server: listed with the earlier ones, newest first.
    const QByteArray fresh = judge(server, false);
    QVERIFY(!fresh.isEmpty());
    int status = 0;
    auto list = [&](const QString &query, int expectedStatus = 200) {
        const QJsonObject answer = get(server, QStringLiteral("/submissions?") + query, &status);
        if (status != expectedStatus)
            qWarning("GET /submissions?%s: %d", qPrintable(query), status);
        return answer;
    };
    auto tokensOf = [](const QJsonObject &answer) {
        QList<QByteArray> tokens;
        for (const QJsonValue &v : answer.value(QLatin1String("submissions")).toArray())
            tokens << v.toObject().value(QLatin1String("token")).toString().toLatin1();
        return tokens;
    };
    auto meta = [](const QJsonObject &answer, const char *key) {
        return answer.value(QLatin1String("meta")).toObject().value(QLatin1String(key));
    };

    QJsonObject all = list(QString());
    QCOMPARE(status, 200);
    QCOMPARE(meta(all, "total_count").toInt(), 6);
    QCOMPARE(tokensOf(all).first(), fresh);
    QCOMPARE(tokensOf(all).last(), m_accepted.first());

    QJsonObject wrong = list(QStringLiteral("status_id=4"));
    QCOMPARE(status, 200);
    QCOMPARE(meta(wrong, "total_count").toInt(), 4);
    QCOMPARE(tokensOf(wrong), (QList<QByteArray>{fresh, m_wrong[2], m_wrong[1], m_wrong[0]}));
    for (const QJsonValue &v : wrong.value(QLatin1String("submissions")).toArray())
        QCOMPARE(statusId(v.toObject()), 4);

    // Paged: two pages of three wrong answers.
    QJsonObject page = list(QStringLiteral("status_id=4&per_page=3&page=2"));
    QCOMPARE(status, 200);
    QCOMPARE(tokensOf(page), QList<QByteArray>{m_wrong[0]});
    QCOMPARE(meta(page, "total_count").toInt(), 4);
    QCOMPARE(meta(page, "total_pages").toInt(), 2);
    QCOMPARE(meta(page, "current_page").toInt(), 2);
    QVERIFY(meta(page, "next_page").isNull());
    QCOMPARE(meta(page, "prev_page").toInt(), 1);

    QCOMPARE(meta(list(QStringLiteral("status_id=3")), "total_count").toInt(), 2);
    QCOMPARE(meta(list(QStringLiteral("status_id=3,4")), "total_count").toInt(), 6);
    QCOMPARE(meta(list(QStringLiteral("status_id=6")), "total_count").toInt(), 0);
    QCOMPARE(meta(list(QStringLiteral("language_id=71")), "total_count").toInt(), 6);
    QCOMPARE(meta(list(QStringLiteral("language_id=50")), "total_count").toInt(), 0);
    QCOMPARE(tokensOf(list(QStringLiteral("q=") + QString::fromLatin1(m_wrong[1]))),
             QList<QByteArray>{m_wrong[1]});
    // ISO dates here have whole seconds: a second ahead is after every job so far.
    const QString now = QDateTime::currentDateTimeUtc().addSecs(1).toString(Qt::ISODate);
    const QString hourAgo = QDateTime::currentDateTimeUtc().addSecs(-3600).toString(Qt::ISODate);
    QCOMPARE(meta(list(QStringLiteral("since=") + now), "total_count").toInt(), 0);
    QCOMPARE(meta(list(QStringLiteral("until=") + hourAgo), "total_count").toInt(), 0);
    QCOMPARE(
        meta(list(QStringLiteral("since=%1&until=%2&status_id=3").arg(hourAgo, now)), "total_count")
            .toInt(),
        2);
    // Wrong filters name themselves.
    QJsonObject bad = list(QStringLiteral("status_id=99"), 400);
    QCOMPARE(status, 400);
    QVERIFY(bad.value(QLatin1String("error")).toString().contains(QLatin1String("status_id")));
    bad = list(QStringLiteral("since=yesterday"), 400);
    QCOMPARE(status, 400);
    QVERIFY(bad.value(QLatin1String("error")).toString().contains(QLatin1String("since")));
    bad = list(QStringLiteral("language_id=9999"), 400);
    QCOMPARE(status, 400);
    QVERIFY(bad.value(QLatin1String("error")).toString().contains(QLatin1String("language_id")));
}

void TestHistory::deletingForgets()
{
    const QByteArray gone = m_wrong.takeFirst();
    {
        HeadlessServer server;
        QVERIFY2(start(server, {QStringLiteral("--history"), m_shared}),
                 server.firstLine().constData());
        int status = 0;
        server.request("DELETE", QStringLiteral("/submissions/") + QString::fromLatin1(gone), {},
                       &status);
        QCOMPARE(status, 200);
        get(server, QStringLiteral("/submissions/") + QString::fromLatin1(gone), &status);
        QCOMPARE(status, 404);
        // A job of this run: gone from the queue and the history at once.
        const QByteArray fresh = judge(server, true);
        server.request("DELETE", QStringLiteral("/submissions/") + QString::fromLatin1(fresh), {},
                       &status);
        QCOMPARE(status, 200);
        get(server, QStringLiteral("/submissions/") + QString::fromLatin1(fresh), &status);
        QCOMPARE(status, 404);
    }
    HeadlessServer again;
    QVERIFY2(start(again, {QStringLiteral("--history"), m_shared}), again.firstLine().constData());
    int status = 0;
    get(again, QStringLiteral("/submissions/") + QString::fromLatin1(gone), &status);
    QCOMPARE(status, 404);
    const QJsonObject all = get(again, QStringLiteral("/submissions"), &status);
    QCOMPARE(
        all.value(QLatin1String("meta")).toObject().value(QLatin1String("total_count")).toInt(), 5);
}

void TestHistory::historyDaysPrunes()
{
    const QString path = m_dir.filePath(QStringLiteral("prune.sqlite"));
    QByteArray token;
    {
        HeadlessServer server;
        QVERIFY2(start(server, {QStringLiteral("--history"), path}),
                 server.firstLine().constData());
        token = judge(server, true);
        QVERIFY(!token.isEmpty());
    }
    age(path, 40);
    const QString show = QStringLiteral("/submissions/") + QString::fromLatin1(token);
    int status = 0;
    {
        // 0: kept forever; 50 days: 40 is young enough.
        HeadlessServer server;
        QVERIFY2(start(server, {QStringLiteral("--history"), path, QStringLiteral("--history-days"),
                                QStringLiteral("0")}),
                 server.firstLine().constData());
        get(server, show, &status);
        QCOMPARE(status, 200);
    }
    {
        HeadlessServer server;
        QVERIFY2(start(server, {QStringLiteral("--history"), path, QStringLiteral("--history-days"),
                                QStringLiteral("50")}),
                 server.firstLine().constData());
        get(server, show, &status);
        QCOMPARE(status, 200);
    }
    {
        // From the environment, as a deployment sets it: 30 days prunes it.
        HeadlessServer server;
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("EVALX_HISTORY_DAYS"), QStringLiteral("30"));
        server.process().setProcessEnvironment(env);
        QVERIFY2(start(server, {QStringLiteral("--history"), path}),
                 server.firstLine().constData());
        get(server, show, &status);
        QCOMPARE(status, 404);
        const QJsonObject all = get(server, QStringLiteral("/submissions"), &status);
        QCOMPARE(
            all.value(QLatin1String("meta")).toObject().value(QLatin1String("total_count")).toInt(),
            0);
    }
    // A wrong value names the option.
    QProcess bad;
    bad.start(QStringLiteral(EVALX_BINARY),
              {QStringLiteral("--headless"), QStringLiteral("--history-days=many")});
    QVERIFY(bad.waitForFinished(60000));
    QCOMPARE(bad.exitCode(), 2);
    QVERIFY(bad.readAllStandardError().contains("history-days"));
}

void TestHistory::noneKeepsNothing()
{
    HeadlessServer server; // one data directory for both runs
    QVERIFY2(start(server, {QStringLiteral("--history"), QStringLiteral("none")}),
             server.firstLine().constData());
    const QByteArray token = judge(server, false);
    QVERIFY(!token.isEmpty());
    int status = 0;
    // Without a history the listing is the queue's, filters included.
    QJsonObject wrong = get(server, QStringLiteral("/submissions?status_id=4"), &status);
    QCOMPARE(status, 200);
    QCOMPARE(
        wrong.value(QLatin1String("meta")).toObject().value(QLatin1String("total_count")).toInt(),
        1);
    QCOMPARE(get(server, QStringLiteral("/submissions?status_id=3"), &status)
                 .value(QLatin1String("meta"))
                 .toObject()
                 .value(QLatin1String("total_count"))
                 .toInt(),
             0);
    server.stop();
    QVERIFY2(start(server, {QStringLiteral("--history"), QStringLiteral("none")}),
             server.firstLine().constData());
    get(server, QStringLiteral("/submissions/") + QString::fromLatin1(token), &status);
    QCOMPARE(status, 404);
    const QJsonObject all = get(server, QStringLiteral("/submissions"), &status);
    QCOMPARE(
        all.value(QLatin1String("meta")).toObject().value(QLatin1String("total_count")).toInt(), 0);
    const QString dataHome =
        server.process().processEnvironment().value(QStringLiteral("XDG_DATA_HOME"));
    QVERIFY(!dataHome.isEmpty());
    QVERIFY(!QFile::exists(dataHome + QStringLiteral("/evalx/history.sqlite")));
}

void TestHistory::theDefaultIsTheDataDirectory()
{
    HeadlessServer server;
    QVERIFY2(start(server, {}), server.firstLine().constData());
    const QByteArray token = judge(server, true);
    QVERIFY(!token.isEmpty());
    server.stop();
    const QString dataHome =
        server.process().processEnvironment().value(QStringLiteral("XDG_DATA_HOME"));
    QVERIFY(QFile::exists(dataHome + QStringLiteral("/evalx/history.sqlite")));
    QVERIFY2(start(server, {}), server.firstLine().constData());
    int status = 0;
    get(server, QStringLiteral("/submissions/") + QString::fromLatin1(token), &status);
    QCOMPARE(status, 200);
    server.stop();
    // Under systemd, its state directory.
    QTemporaryDir state;
    QProcessEnvironment env = server.process().processEnvironment();
    env.insert(QStringLiteral("STATE_DIRECTORY"), state.path());
    server.process().setProcessEnvironment(env);
    QVERIFY2(start(server, {}), server.firstLine().constData());
    QVERIFY(!judge(server, true).isEmpty());
    server.stop();
    QVERIFY(QFile::exists(state.filePath(QStringLiteral("history.sqlite"))));
}

void TestHistory::aDamagedFileLeavesTheServerRunning()
{
    const QString path = m_dir.filePath(QStringLiteral("damaged.sqlite"));
    QFile f(path);
    QVERIFY(f.open(QIODevice::WriteOnly));
    f.write(QByteArray(8192, '#'));
    f.close();
    QProcess server;
    const quint16 port = freePort();
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.insert(QStringLiteral("XDG_DATA_HOME"), m_dir.path());
    server.setProcessEnvironment(env);
    server.start(QStringLiteral(EVALX_BINARY),
                 {QStringLiteral("--headless"), QStringLiteral("--port"), QString::number(port),
                  QStringLiteral("--workers"), QStringLiteral("1"), QStringLiteral("--history"),
                  path});
    QVERIFY(server.waitForStarted());
    QTRY_VERIFY_WITH_TIMEOUT(server.canReadLine(), 60000);
    QVERIFY(server.readLine().contains("listening on"));
    server.terminate();
    QVERIFY(server.waitForFinished(30000));
    QCOMPARE(server.exitCode(), 0);
    const QByteArray log = server.readAllStandardError();
    // The warning names the file and says the server goes on without it.
    QVERIFY2(log.contains(path.toUtf8()) && log.contains("without a history"), log.constData());
}

QTEST_GUILESS_MAIN(TestHistory)
#include "tst_history.moc"
