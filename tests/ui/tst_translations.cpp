// The console's translations: every .ts file is complete where it must be
// (German and French: every message; English: the plural forms) and keeps
// the source's placeholders, HTML tags and accelerators; the built-in
// catalogues switch the window's menus, tabs and status bar at run time.

#include "appearance.h"
#include "console.h"
#include "mainwindow.h"

#include <QAction>
#include <QApplication>
#include <QDir>
#include <QFile>
#include <QLabel>
#include <QMenu>
#include <QMenuBar>
#include <QRegularExpression>
#include <QStandardPaths>
#include <QStatusBar>
#include <QTabWidget>
#include <QTest>
#include <QXmlStreamReader>

#include <algorithm>
#include <set>

using namespace evalx;
using namespace evalx::ui;

namespace {

struct Message
{
    QString context;
    QString source;
    bool numerus = false;
    QString type;             // "unfinished", "vanished", "obsolete" or empty
    QStringList translations; // one, or one per plural form
};

struct Catalogue
{
    QString language; // the TS element's, "de_DE"
    QList<Message> messages;
    QString error;

    const Message *find(const QString &context, const QString &source) const
    {
        for (const Message &m : messages) {
            if (m.context == context && m.source == source)
                return &m;
        }
        return nullptr;
    }
};

QString translationsDir()
{
    return QDir::cleanPath(QStringLiteral(EVALX_TEST_DATA "/../../translations"));
}

Catalogue readCatalogue(const QString &path)
{
    Catalogue c;
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        c.error = file.errorString();
        return c;
    }
    QXmlStreamReader xml(&file);
    QString context;
    Message *current = nullptr;
    while (!xml.atEnd()) {
        xml.readNext();
        if (!xml.isStartElement())
            continue;
        const auto name = xml.name();
        if (name == QLatin1String("TS")) {
            c.language = xml.attributes().value(QLatin1String("language")).toString();
        } else if (name == QLatin1String("context")) {
            context.clear();
        } else if (name == QLatin1String("name")) {
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            Message m;
            m.context = context;
            m.numerus = xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes");
            c.messages.append(m);
            current = &c.messages.last();
        } else if (name == QLatin1String("source") && current) {
            current->source = xml.readElementText();
        } else if (name == QLatin1String("translation") && current) {
            current->type = xml.attributes().value(QLatin1String("type")).toString();
            if (!current->numerus)
                current->translations = {xml.readElementText()};
        } else if (name == QLatin1String("numerusform") && current) {
            current->translations.append(xml.readElementText());
        }
    }
    if (xml.hasError())
        c.error =
            QStringLiteral("%1:%2: %3").arg(path).arg(xml.lineNumber()).arg(xml.errorString());
    return c;
}

// "%1".."%9" (also as "%L1"), and "%n" when asked.
std::multiset<QString> placeholders(const QString &text, bool numerus)
{
    static const QRegularExpression re(QStringLiteral("%L?([1-9]|n)"));
    std::multiset<QString> found;
    for (const QRegularExpressionMatch &m : re.globalMatch(text)) {
        if (m.captured(1) != QLatin1String("n") || numerus)
            found.insert(m.captured(1));
    }
    return found;
}

// The HTML tags, in order ("h3", "/h3", ...); empty when there are none.
QStringList tags(const QString &text)
{
    static const QRegularExpression re(QStringLiteral("<(/?[A-Za-z][A-Za-z0-9]*)[^>]*>"));
    QStringList found;
    for (const QRegularExpressionMatch &m : re.globalMatch(text))
        found << m.captured(1).toLower();
    return found;
}

bool balanced(const QStringList &tags)
{
    static const QStringList empty{QStringLiteral("br"), QStringLiteral("hr"),
                                   QStringLiteral("img")};
    QStringList open;
    for (const QString &tag : tags) {
        if (empty.contains(tag))
            continue;
        if (!tag.startsWith(QLatin1Char('/')))
            open.push_back(tag);
        else if (open.isEmpty() || open.takeLast() != tag.mid(1))
            return false;
    }
    return open.isEmpty();
}

// The accelerator keys in text: "&File" has 'f'; "&&" is a literal '&'.
QString accelerators(const QString &text)
{
    QString keys;
    for (qsizetype i = 0; i + 1 < text.size(); ++i) {
        if (text.at(i) != QLatin1Char('&'))
            continue;
        const QChar next = text.at(i + 1);
        if (next == QLatin1Char('&')) {
            ++i;
        } else if (!next.isSpace()) {
            keys += next.toLower();
            ++i;
        }
    }
    return keys;
}

QString mainWindowText(const Catalogue &c, const QString &source)
{
    const Message *m = c.find(QStringLiteral("evalx::ui::MainWindow"), source);
    return m && !m->translations.isEmpty() ? m->translations.first() : QString();
}

QStringList tabTitles(const MainWindow &window)
{
    QStringList titles;
    for (int i = 0; i < window.pages()->count(); ++i)
        titles << window.pages()->tabText(i);
    return titles;
}

QStringList statusLabels(const MainWindow &window)
{
    QStringList texts;
    for (const QLabel *label : window.statusBar()->findChildren<QLabel *>())
        texts << label->text();
    return texts;
}

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void cleanup() { applyLanguage(QStringLiteral("en")); }
    void catalogueIsSound_data();
    void catalogueIsSound();
    void menusHaveNoClashingAccelerators_data();
    void menusHaveNoClashingAccelerators();
    void switchesAtRunTime();
    void englishHasPluralForms();
    void unknownLanguageLeavesEnglish();

private:
    QHash<QString, Catalogue> m_catalogues; // "de" -> evalx_de.ts
};

void TestTranslations::initTestCase()
{
    QStandardPaths::setTestModeEnabled(true);
    const QDir dir(translationsDir());
    const QStringList files = dir.entryList({QStringLiteral("evalx_*.ts")}, QDir::Files);
    for (const QString &file : files) {
        const QString code = file.mid(6).chopped(3); // evalx_de.ts -> de
        m_catalogues.insert(code, readCatalogue(dir.filePath(file)));
    }
    for (const char *code : {"en", "de", "fr"})
        QVERIFY2(m_catalogues.contains(QLatin1String(code)), code);
    QCOMPARE(m_catalogues.size(), 3);
}

void TestTranslations::catalogueIsSound_data()
{
    QTest::addColumn<QString>("code");
    QTest::addColumn<bool>("complete");
    QTest::newRow("en") << QStringLiteral("en") << false;
    QTest::newRow("de") << QStringLiteral("de") << true;
    QTest::newRow("fr") << QStringLiteral("fr") << true;
}

void TestTranslations::catalogueIsSound()
{
    QFETCH(QString, code);
    QFETCH(bool, complete);
    const Catalogue &c = m_catalogues[code];
    QVERIFY2(c.error.isEmpty(), qPrintable(c.error));
    QVERIFY(c.language.startsWith(code));
    // All three come from the same lupdate run: the same messages.
    QCOMPARE(c.messages.size(), m_catalogues[QStringLiteral("en")].messages.size());
    QVERIFY(c.messages.size() > 200);

    int numerus = 0;
    for (const Message &m : c.messages) {
        const QString where = QStringLiteral("%1: %2 \"%3\"").arg(code, m.context, m.source);
        QVERIFY2(m.type != QLatin1String("vanished") && m.type != QLatin1String("obsolete"),
                 qPrintable(where));
        const bool filled = std::all_of(m.translations.cbegin(), m.translations.cend(),
                                        [](const QString &t) { return !t.isEmpty(); }) &&
                            !m.translations.isEmpty();
        // English needs its plural forms only; German and French need everything.
        if (complete || m.numerus) {
            QVERIFY2(m.type.isEmpty(), qPrintable(where + QStringLiteral(" is unfinished")));
            QVERIFY2(filled, qPrintable(where + QStringLiteral(" has an empty translation")));
        }
        if (!filled)
            continue;
        if (m.numerus) {
            ++numerus;
            QVERIFY2(m.source.contains(QLatin1String("%n")), qPrintable(where));
            // German, French and English: singular and plural.
            QVERIFY2(m.translations.size() == 2, qPrintable(where));
        }
        for (const QString &t : m.translations) {
            const QString what = where + QStringLiteral(" -> \"%1\"").arg(t);
            QVERIFY2(placeholders(t, m.numerus) == placeholders(m.source, m.numerus),
                     qPrintable(what + QStringLiteral(": placeholders differ")));
            const QStringList sourceTags = tags(m.source), translatedTags = tags(t);
            QVERIFY2(balanced(translatedTags) == balanced(sourceTags),
                     qPrintable(what + QStringLiteral(": HTML tags unbalanced")));
            QVERIFY2(std::multiset<QString>(translatedTags.cbegin(), translatedTags.cend()) ==
                         std::multiset<QString>(sourceTags.cbegin(), sourceTags.cend()),
                     qPrintable(what + QStringLiteral(": HTML tags differ")));
            QVERIFY2(accelerators(t).size() == accelerators(m.source).size(),
                     qPrintable(what + QStringLiteral(": accelerators differ")));
        }
    }
    QVERIFY(numerus > 0);
}

void TestTranslations::menusHaveNoClashingAccelerators_data()
{
    QTest::addColumn<QString>("code");
    QTest::newRow("en") << QStringLiteral("en");
    QTest::newRow("de") << QStringLiteral("de");
    QTest::newRow("fr") << QStringLiteral("fr");
}

void TestTranslations::menusHaveNoClashingAccelerators()
{
    QFETCH(QString, code);
    QVERIFY(applyLanguage(code));
    Console console({});
    MainWindow window(&console);
    const Catalogue &c = m_catalogues[code];
    const QString file = code == QLatin1String("en") ? QStringLiteral("&File")
                                                     : mainWindowText(c, QStringLiteral("&File"));
    QTRY_COMPARE(window.menuBar()->actions().value(0) ? window.menuBar()->actions().first()->text()
                                                      : QString(),
                 file);
    QString bar;
    for (const QAction *menuAction : window.menuBar()->actions()) {
        bar += accelerators(menuAction->text());
        QString keys;
        for (const QAction *a : menuAction->menu()->actions()) {
            if (!a->isSeparator())
                keys += accelerators(a->text());
        }
        const QString where = code + QStringLiteral(": menu ") + menuAction->text();
        QVERIFY2(std::set<QChar>(keys.cbegin(), keys.cend()).size() == size_t(keys.size()),
                 qPrintable(where + QStringLiteral(" has clashing accelerators: ") + keys));
    }
    QCOMPARE(bar.size(), qsizetype(3));
    QVERIFY2(std::set<QChar>(bar.cbegin(), bar.cend()).size() == 3, qPrintable(bar));
}

void TestTranslations::switchesAtRunTime()
{
    ConsoleSettings settings;
    settings.poolSize = 1; // a source, so the window has its pages
    Console console(settings);
    QString error;
    QVERIFY2(console.start(&error), qPrintable(error));
    MainWindow window(&console);
    window.show();
    QVERIFY(QTest::qWaitForWindowExposed(&window));
    const QStringList englishTabs{QStringLiteral("Dashboard"), QStringLiteral("Submissions"),
                                  QStringLiteral("Local judge")};
    QCOMPARE(tabTitles(window), englishTabs);
    QTRY_VERIFY(statusLabels(window).contains(QStringLiteral("1 worker")));

    for (const char *code : {"de", "fr"}) {
        const Catalogue &c = m_catalogues[QLatin1String(code)];
        const QString file = mainWindowText(c, QStringLiteral("&File"));
        QStringList tabs;
        for (const QString &tab : englishTabs)
            tabs << mainWindowText(c, tab);
        const Message *workers =
            c.find(QStringLiteral("evalx::ui::MainWindow"), QStringLiteral("%n worker(s)"));
        QVERIFY(workers && workers->translations.size() == 2);
        QVERIFY(!file.isEmpty() && file != QLatin1String("&File"));
        QVERIFY(!tabs.contains(QString()));

        QVERIFY(applyLanguage(QLatin1String(code)));
        QCOMPARE(currentLanguage(), QString(QLatin1String(code)));
        QTRY_COMPARE(window.menuBar()->actions().first()->text(), file);
        QTRY_COMPARE(tabTitles(window), tabs);
        QCOMPARE(window.menuBar()->actions().size(), 3);
        // The status bar follows within a poll: the singular, translated.
        const QString one =
            QString(workers->translations.first()).replace(QLatin1String("%n"), QLatin1String("1"));
        QTRY_VERIFY2(statusLabels(window).contains(one),
                     qPrintable(statusLabels(window).join(QLatin1Char('|'))));
    }

    QVERIFY(applyLanguage(QStringLiteral("en")));
    QCOMPARE(currentLanguage(), QStringLiteral("en"));
    QTRY_COMPARE(window.menuBar()->actions().first()->text(), QStringLiteral("&File"));
    QTRY_COMPARE(tabTitles(window), englishTabs);
    QTRY_VERIFY(statusLabels(window).contains(QStringLiteral("1 worker")));
}

void TestTranslations::englishHasPluralForms()
{
    QVERIFY(applyLanguage(QStringLiteral("en")));
    const auto workers = [](int n) {
        return QCoreApplication::translate("evalx::ui::MainWindow", "%n worker(s)", nullptr, n);
    };
    QCOMPARE(workers(1), QStringLiteral("1 worker"));
    QCOMPARE(workers(2), QStringLiteral("2 workers"));
    QCOMPARE(workers(0), QStringLiteral("0 workers"));
    QCOMPARE(QCoreApplication::translate("evalx::ui::LocalJudgeSession", "%n test(s)", nullptr, 1),
             QStringLiteral("1 test"));
    QCOMPARE(QCoreApplication::translate("evalx::ui::SubmissionsPage",
                                         "Re-judging %n submission(s).", nullptr, 3),
             QStringLiteral("Re-judging 3 submissions."));

    // German and French: singular for 1 (French also for 0), plural above.
    QVERIFY(applyLanguage(QStringLiteral("de")));
    const Message *de = m_catalogues[QStringLiteral("de")].find(
        QStringLiteral("evalx::ui::MainWindow"), QStringLiteral("%n worker(s)"));
    QVERIFY(de);
    QCOMPARE(workers(1),
             QString(de->translations.at(0)).replace(QLatin1String("%n"), QLatin1String("1")));
    QCOMPARE(workers(0),
             QString(de->translations.at(1)).replace(QLatin1String("%n"), QLatin1String("0")));
    QVERIFY(applyLanguage(QStringLiteral("fr")));
    const Message *fr = m_catalogues[QStringLiteral("fr")].find(
        QStringLiteral("evalx::ui::MainWindow"), QStringLiteral("%n worker(s)"));
    QVERIFY(fr);
    QCOMPARE(workers(0),
             QString(fr->translations.at(0)).replace(QLatin1String("%n"), QLatin1String("0")));
    QCOMPARE(workers(2),
             QString(fr->translations.at(1)).replace(QLatin1String("%n"), QLatin1String("2")));
}

void TestTranslations::unknownLanguageLeavesEnglish()
{
    Console console({});
    MainWindow window(&console);
    const QString german =
        mainWindowText(m_catalogues[QStringLiteral("de")], QStringLiteral("&File"));
    QVERIFY(applyLanguage(QStringLiteral("de")));
    QTRY_COMPARE(window.menuBar()->actions().first()->text(), german);

    QVERIFY(!applyLanguage(QStringLiteral("xx")));
    QCOMPARE(currentLanguage(), QStringLiteral("en"));
    QTRY_COMPARE(window.menuBar()->actions().first()->text(), QStringLiteral("&File"));
    QCOMPARE(QCoreApplication::translate("evalx::ui::MainWindow", "%n worker(s)", nullptr, 2),
             QStringLiteral("2 workers"));

    QVERIFY(!applyLanguage(QStringLiteral("xx")));
    QCOMPARE(currentLanguage(), QStringLiteral("en"));
    QCOMPARE(window.menuBar()->actions().first()->text(), QStringLiteral("&File"));
}

QTEST_MAIN(TestTranslations)
#include "tst_translations.moc"
