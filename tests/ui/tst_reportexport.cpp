// The console's report exports, offscreen over a real engine: the local judge's
// "Export report…" (LocalJudgePage::exportReport) after judging a class against
// a plain problem, and the submissions page's "Export selection…"
// (SubmissionsPage::exportSelection) of two selected rows, read back as CSV,
// JSON, HTML and PDF.

#include "../report/reportcheck.h"
#include "consolesource.h"
#include "engine.h"
#include "localjudgepage.h"
#include "localjudgesession.h"
#include "submissionfiltermodel.h"
#include "submissionmodel.h"
#include "submissionspage.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QItemSelectionModel>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSignalSpy>
#include <QStandardPaths>
#include <QTableView>
#include <QTemporaryDir>
#include <QTest>
#include <memory>

using namespace evalx;
using namespace evalx::ui;
using namespace evalx::test;

namespace {

constexpr int kJudgeTimeoutMs = 120000;

bool write(const QString &path, const QByteArray &data)
{
    QDir().mkpath(QFileInfo(path).absolutePath());
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(data) == data.size();
}

} // namespace

class TestReportExport : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanupTestCase();
    void localJudgeExport();
    void submissionsExport();

private:
    QString path(const QString &name) const { return m_dir.filePath(name); }

    QTemporaryDir m_dir;
    std::unique_ptr<Engine> m_engine;
    std::unique_ptr<LocalSource> m_source;
    QByteArray m_alice, m_carol; // their jobs, once judged
};

void TestReportExport::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    QVERIFY(m_dir.isValid());
    QVERIFY(write(path(QStringLiteral("sum/tests/1.in")), "1 2\n"));
    QVERIFY(write(path(QStringLiteral("sum/tests/1.out")), "3\n"));
    QVERIFY(write(path(QStringLiteral("sum/tests/2.in")), "10 20\n"));
    QVERIFY(write(path(QStringLiteral("sum/tests/2.out")), "30\n"));
    QVERIFY(write(path(QStringLiteral("sum/tests/3.in")), "-5 5\n"));
    QVERIFY(write(path(QStringLiteral("sum/tests/3.out")), "0\n"));
    QVERIFY(write(path(QStringLiteral("class/alice.py")),
                  "a, b = map(int, input().split())\nprint(a + b)\n"));
    QVERIFY(write(path(QStringLiteral("class/carol.py")),
                  "a, b = map(int, input().split())\nprint(a + b + (1 if a == 10 else 0))\n"));
    // The compiler quotes the markup back: "expected expression before '<' token".
    QVERIFY(write(path(QStringLiteral("class/dave.c")), "int main(void) { return <b>; }\n"));

    EngineOptions options;
    options.sandbox.poolSize = 2;
    options.detectLanguages = false;
    m_engine = std::make_unique<Engine>(options);
    QString error;
    QVERIFY2(m_engine->start(&error), qPrintable(error));
    m_source = std::make_unique<LocalSource>(m_engine.get());
}

void TestReportExport::cleanupTestCase()
{
    m_source.reset();
    m_engine.reset();
}

void TestReportExport::localJudgeExport()
{
    LocalJudgePage page(m_source.get());
    LocalJudgeSession *session = page.session();
    QVERIFY(!page.exportAction()->isEnabled()); // nothing to export yet
    QString error;
    QVERIFY2(page.openProblem(path(QStringLiteral("sum")), &error), qPrintable(error));
    QTRY_VERIFY_WITH_TIMEOUT(session->isPrepared(), kJudgeTimeoutMs);
    QCOMPARE(page.addSubmissions({path(QStringLiteral("class"))}).size(), 3);
    QVERIFY(page.exportAction()->isEnabled());
    QVERIFY(page.exportAction()->text().contains(QLatin1String("Export report")));
    QSignalSpy finished(session, &LocalJudgeSession::finished);
    page.run();
    QVERIFY(finished.wait(kJudgeTimeoutMs) || finished.size() > 0);
    m_alice = session->entry(0).token;
    m_carol = session->entry(1).token;

    // CSV: a row per student x test.
    const QString csvPath = path(QStringLiteral("local.csv"));
    QVERIFY2(page.exportReport(csvPath, &error), qPrintable(error));
    const std::optional<QList<QStringList>> rows = parseCsv(readText(csvPath));
    QVERIFY(rows);
    QCOMPARE(rows->size(), 1 + 3 * 3);
    const QStringList header = rows->first();
    const int name = int(header.indexOf(QLatin1String("submission")));
    const int verdict = int(header.indexOf(QLatin1String("verdict")));
    const int test = int(header.indexOf(QLatin1String("test")));
    const int testVerdict = int(header.indexOf(QLatin1String("test_verdict")));
    const int origin = int(header.indexOf(QLatin1String("origin")));
    QCOMPARE(rows->at(1).at(name), QStringLiteral("alice"));
    QCOMPARE(rows->at(1).at(origin), path(QStringLiteral("class/alice.py")));
    QCOMPARE(rows->at(1).at(verdict), QStringLiteral("AC"));
    QCOMPARE(rows->at(5).at(name), QStringLiteral("carol"));
    QCOMPARE(rows->at(5).at(test), QStringLiteral("2"));
    QCOMPARE(rows->at(5).at(testVerdict), QStringLiteral("WA"));
    QCOMPARE(rows->at(7).at(name), QStringLiteral("dave"));
    QCOMPARE(rows->at(7).at(verdict), QStringLiteral("CE"));

    // HTML: the matrix as the page shows it, the compiler's words escaped.
    const QString htmlPath = path(QStringLiteral("local.html"));
    QVERIFY2(page.exportReport(htmlPath, &error), qPrintable(error));
    const QString html = readText(htmlPath);
    QVERIFY(html.contains(QLatin1String("<h1>EvalX local judge: sum</h1>")));
    QCOMPARE(matrixRow(html, QStringLiteral("carol")),
             (QStringList{QStringLiteral("WA"), QStringLiteral("AC"), QStringLiteral("WA"),
                          QStringLiteral("AC")}));
    QCOMPARE(matrixRow(html, QStringLiteral("dave")).value(0), QStringLiteral("CE"));
    const qsizetype compile = html.indexOf(QLatin1String("<pre class=\"compile\">"));
    QVERIFY(compile > 0);
    const QString compileOutput =
        html.mid(compile, html.indexOf(QLatin1String("</pre>"), compile) - compile);
    QVERIFY2(compileOutput.contains(QLatin1String("&lt;")), qPrintable(compileOutput));
    QVERIFY(!compileOutput.mid(5).contains(QLatin1Char('<')));

    // PDF: the students' names in its text.
    const QString pdfPath = path(QStringLiteral("local.pdf"));
    QVERIFY2(page.exportReport(pdfPath, &error), qPrintable(error));
    const std::optional<QString> text = pdfText(pdfPath, &error);
    QVERIFY2(text, qPrintable(error));
    for (const char *s : {"alice", "carol", "dave", "Page 1 of"})
        QVERIFY2(text->contains(QLatin1String(s)), s);

    QVERIFY(!page.exportReport(path(QStringLiteral("local.docx")), &error));
    QVERIFY2(error.contains(QLatin1String("'.docx'")), qPrintable(error));
}

void TestReportExport::submissionsExport()
{
    QVERIFY(!m_alice.isEmpty() && !m_carol.isEmpty());
    SubmissionsPage page(m_source.get());
    QTRY_VERIFY_WITH_TIMEOUT(page.model()->rowOf(m_alice) >= 0 && page.model()->rowOf(m_carol) >= 0,
                             10000);
    QString error;
    QVERIFY(!page.exportSelection(path(QStringLiteral("none.json")), &error));
    QVERIFY2(error.contains(QLatin1String("no submission selected")), qPrintable(error));
    QVERIFY(!page.exportAction()->isEnabled());

    QVERIFY(page.selectToken(m_carol));
    const QModelIndex alice =
        page.filterModel()->mapFromSource(page.model()->index(page.model()->rowOf(m_alice), 0));
    page.table()->selectionModel()->select(alice,
                                           QItemSelectionModel::Select | QItemSelectionModel::Rows);
    QVERIFY(page.exportAction()->isEnabled());

    const QString jsonPath = path(QStringLiteral("selection.json"));
    QVERIFY2(page.exportSelection(jsonPath, &error), qPrintable(error));
    const QJsonObject o = QJsonDocument::fromJson(readText(jsonPath).toUtf8()).object();
    const QJsonArray list = o.value(QLatin1String("submissions")).toArray();
    QCOMPARE(list.size(), 2);
    QStringList names;
    for (const QJsonValue &v : list) {
        const QJsonObject s = v.toObject();
        names << s.value(QLatin1String("name")).toString();
        QCOMPARE(s.value(QLatin1String("origin")).toString(), QStringLiteral("local"));
        QCOMPARE(s.value(QLatin1String("tests")).toArray().size(), 3);
    }
    // In the table's order, whatever order they were selected in.
    const int aliceRow = page.filterModel()
                             ->mapFromSource(page.model()->index(page.model()->rowOf(m_alice), 0))
                             .row();
    const int carolRow = page.filterModel()
                             ->mapFromSource(page.model()->index(page.model()->rowOf(m_carol), 0))
                             .row();
    QCOMPARE(names, aliceRow < carolRow
                        ? (QStringList{QStringLiteral("alice"), QStringLiteral("carol")})
                        : (QStringList{QStringLiteral("carol"), QStringLiteral("alice")}));
    QCOMPARE(list.at(names.indexOf(QStringLiteral("carol")))
                 .toObject()
                 .value(QLatin1String("verdict"))
                 .toString(),
             QStringLiteral("WA"));

    const QString csvPath = path(QStringLiteral("selection.csv"));
    QVERIFY2(page.exportSelection(csvPath, &error), qPrintable(error));
    const std::optional<QList<QStringList>> rows = parseCsv(readText(csvPath));
    QVERIFY(rows);
    QCOMPARE(rows->size(), 1 + 2 * 3);
}

QTEST_MAIN(TestReportExport)
#include "tst_reportexport.moc"
