// The Grafana dashboard against a real server: every series a panel queries is
// one 'evalx --headless' exposes at /metrics, and every family there has a panel.

#include "../api/headlessserver.h"
#include "../queue/redisserver.h"

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

class TestGrafana : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void isADashboard();
    void queriesOnlyRealSeries();
    void showsEveryFamily();

private:
    QJsonObject m_dashboard;
    QStringList m_exprs;
    QSet<QString> m_samples;  // sample names in /metrics (histograms: _bucket, _sum, _count)
    QSet<QString> m_families; // # TYPE names
};

static void collectExprs(const QJsonValue &v, QStringList *out)
{
    if (v.isObject()) {
        const QJsonObject o = v.toObject();
        for (auto it = o.begin(); it != o.end(); ++it) {
            if (it.key() == QLatin1String("expr"))
                *out << it.value().toString();
            else
                collectExprs(it.value(), out);
        }
    } else if (v.isArray()) {
        for (const QJsonValue &e : v.toArray())
            collectExprs(e, out);
    }
}

static QSet<QString> metricNames(const QString &expr)
{
    static const QRegularExpression re(QStringLiteral("\\bevalx_[a-z_]+\\b"));
    QSet<QString> names;
    auto it = re.globalMatch(expr);
    while (it.hasNext())
        names.insert(it.next().captured(0));
    return names;
}

void TestGrafana::initTestCase()
{
    QFile file(QStringLiteral(EVALX_SOURCE_DIR "/packaging/grafana-dashboard.json"));
    QVERIFY(file.open(QIODevice::ReadOnly));
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(file.readAll(), &error);
    QVERIFY2(error.error == QJsonParseError::NoError, qPrintable(error.errorString()));
    m_dashboard = doc.object();
    collectExprs(m_dashboard, &m_exprs);
    QVERIFY(m_exprs.size() >= 15);

    // A server with every series: Redis and the result cache on, one job judged.
    evalx::test::RedisServer redis;
    QVERIFY(redis.start());
    evalx::test::HeadlessServer server;
    QVERIFY(
        server.start({QStringLiteral("--workers"), QStringLiteral("1"), QStringLiteral("--redis"),
                      redis.url(), QStringLiteral("--result-cache"), QStringLiteral("60")}));
    int status = 0;
    const QByteArray job =
        QJsonDocument(QJsonObject{{QStringLiteral("source_code"), QStringLiteral("print(1)")},
                                  {QStringLiteral("language_id"), 71}})
            .toJson(QJsonDocument::Compact);
    const QByteArray answer = server.request("POST", QStringLiteral("/submissions?wait=true"), job,
                                             &status, {{"Content-Type", "application/json"}});
    QVERIFY2(status == 201, QByteArray(answer).constData());
    const QByteArray metrics = server.request("GET", QStringLiteral("/metrics"), {}, &status);
    QCOMPARE(status, 200);
    for (const QByteArray &line : metrics.split('\n')) {
        if (line.startsWith("# TYPE "))
            m_families.insert(QString::fromLatin1(line.split(' ').value(2)));
        else if (!line.isEmpty() && !line.startsWith('#'))
            m_samples.insert(QString::fromLatin1(line).section(
                QRegularExpression(QStringLiteral("[{ ]")), 0, 0));
    }
    // The job shows in the series the dashboard reads.
    QVERIFY2(metrics.contains("evalx_jobs_total{verdict=\"AC\"} 1"),
             QByteArray(metrics).constData());
    QVERIFY2(m_samples.contains(QStringLiteral("evalx_result_cache_misses_total")),
             QByteArray(metrics).constData());
}

void TestGrafana::isADashboard()
{
    QCOMPARE(m_dashboard.value(QStringLiteral("title")).toString(), QStringLiteral("EvalX"));
    QVERIFY(m_dashboard.value(QStringLiteral("schemaVersion")).toInt() >= 36);
    // A Prometheus data source variable that every panel and query uses.
    bool datasourceVariable = false;
    for (const QJsonValue &v : m_dashboard.value(QStringLiteral("templating"))
                                   .toObject()
                                   .value(QStringLiteral("list"))
                                   .toArray()) {
        const QJsonObject var = v.toObject();
        if (var.value(QStringLiteral("type")) == QLatin1String("datasource") &&
            var.value(QStringLiteral("query")) == QLatin1String("prometheus") &&
            var.value(QStringLiteral("name")) == QLatin1String("datasource"))
            datasourceVariable = true;
    }
    QVERIFY(datasourceVariable);
    QSet<int> ids;
    for (const QJsonValue &v : m_dashboard.value(QStringLiteral("panels")).toArray()) {
        const QJsonObject panel = v.toObject();
        const int id = panel.value(QStringLiteral("id")).toInt();
        QVERIFY2(!ids.contains(id), "panel ids are unique");
        ids.insert(id);
        QVERIFY(panel.contains(QStringLiteral("gridPos")));
        if (panel.value(QStringLiteral("type")) == QLatin1String("row"))
            continue;
        QCOMPARE(panel.value(QStringLiteral("datasource"))
                     .toObject()
                     .value(QStringLiteral("uid"))
                     .toString(),
                 QStringLiteral("${datasource}"));
        QVERIFY(!panel.value(QStringLiteral("targets")).toArray().isEmpty());
    }
    // Latencies are quantiles over the histograms' buckets.
    const QString all = m_exprs.join(QLatin1Char('\n'));
    QVERIFY(all.contains(QStringLiteral(
        "histogram_quantile(0.95, sum by (le) (rate(evalx_job_duration_seconds_bucket")));
    QVERIFY(all.contains(QStringLiteral(
        "histogram_quantile(0.5, sum by (le) (rate(evalx_run_duration_seconds_bucket")));
}

void TestGrafana::queriesOnlyRealSeries()
{
    for (const QString &expr : std::as_const(m_exprs)) {
        const QSet<QString> names = metricNames(expr);
        QVERIFY2(!names.isEmpty(), qPrintable(expr));
        for (const QString &name : names)
            QVERIFY2(m_samples.contains(name),
                     qPrintable(QStringLiteral("%1 (in %2) is not in /metrics").arg(name, expr)));
    }
    // Counters are read as rates, never as raw totals.
    static const QRegularExpression rawCounter(
        QStringLiteral("(?<!rate\\()\\bevalx_\\w+_total\\b"));
    for (const QString &expr : std::as_const(m_exprs))
        QVERIFY2(!rawCounter.match(expr).hasMatch(), qPrintable(expr));
}

void TestGrafana::showsEveryFamily()
{
    QSet<QString> used;
    for (const QString &expr : std::as_const(m_exprs))
        used.unite(metricNames(expr));
    for (const QString &family : std::as_const(m_families)) {
        const bool shown =
            used.contains(family) || used.contains(family + QStringLiteral("_bucket"));
        QVERIFY2(shown, qPrintable(family + QStringLiteral(" has no panel")));
    }
}

QTEST_GUILESS_MAIN(TestGrafana)
#include "tst_grafana.moc"
