// The console's icons: every SVG under resources/icons is compiled into
// evalx_ui, QIcon draws it at any size through the SVG icon engine, and the
// verdict icons carry the verdict's colour.

#include "verdictstyle.h"

#include <QFile>
#include <QHash>
#include <QIcon>
#include <QImage>
#include <QPixmap>
#include <QStandardPaths>
#include <QTest>

using namespace evalx;

namespace {

const QStringList &verdictIconNames()
{
    static const QStringList names{QStringLiteral("verdict-ac"),  QStringLiteral("verdict-wa"),
                                   QStringLiteral("verdict-pe"),  QStringLiteral("verdict-tle"),
                                   QStringLiteral("verdict-mle"), QStringLiteral("verdict-ole"),
                                   QStringLiteral("verdict-re"),  QStringLiteral("verdict-ce"),
                                   QStringLiteral("verdict-ie"),  QStringLiteral("verdict-sk")};
    return names;
}

const QStringList &actionIconNames()
{
    static const QStringList names{
        QStringLiteral("submit"),      QStringLiteral("settings"),     QStringLiteral("run"),
        QStringLiteral("cancel"),      QStringLiteral("open-problem"), QStringLiteral("add-files"),
        QStringLiteral("add-folder"),  QStringLiteral("rejudge"),      QStringLiteral("dashboard"),
        QStringLiteral("submissions"), QStringLiteral("local-judge")};
    return names;
}

QString iconPath(const QString &name)
{
    return QStringLiteral(":/icons/%1.svg").arg(name);
}

QString verdictIconName(Verdict verdict)
{
    return QStringLiteral("verdict-") + verdictName(verdict).toLower();
}

// Straight (not premultiplied) ARGB, so a pixel's colour can be compared.
QImage render(const QIcon &icon, int size)
{
    return icon.pixmap(size).toImage().convertToFormat(QImage::Format_ARGB32);
}

int opaquePixels(const QImage &image)
{
    int count = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            if (qAlpha(image.pixel(x, y)) > 0)
                ++count;
        }
    }
    return count;
}

// The most frequent colour among fully opaque pixels that are not white: the
// fill of a verdict icon's circle, whatever glyph is drawn over it.
QRgb dominantColour(const QImage &image)
{
    QHash<QRgb, int> counts;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QRgb pixel = image.pixel(x, y);
            if (qAlpha(pixel) != 255)
                continue;
            if (qRed(pixel) > 235 && qGreen(pixel) > 235 && qBlue(pixel) > 235)
                continue;
            ++counts[pixel & 0x00ffffff];
        }
    }
    QRgb best = 0;
    int bestCount = -1;
    for (auto it = counts.constBegin(); it != counts.constEnd(); ++it) {
        if (it.value() > bestCount) {
            best = it.key();
            bestCount = it.value();
        }
    }
    return best;
}

bool close(QRgb a, QColor b, int tolerance)
{
    return qAbs(qRed(a) - b.red()) <= tolerance && qAbs(qGreen(a) - b.green()) <= tolerance &&
           qAbs(qBlue(a) - b.blue()) <= tolerance;
}

QString describe(QRgb rgb)
{
    return QColor(rgb).name();
}

} // namespace

class TestIcons : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }
    void everyVerdictHasAnIcon();
    void iconRenders_data();
    void iconRenders();
    void verdictIconIsTheSvg_data();
    void verdictIconIsTheSvg();
    void actionIconsAreMonochrome_data();
    void actionIconsAreMonochrome();
};

void TestIcons::everyVerdictHasAnIcon()
{
    QCOMPARE(ui::allVerdicts().size(), verdictIconNames().size());
    for (Verdict verdict : ui::allVerdicts())
        QVERIFY2(verdictIconNames().contains(verdictIconName(verdict)),
                 qPrintable(verdictIconName(verdict)));
}

void TestIcons::iconRenders_data()
{
    QTest::addColumn<QString>("name");
    QTest::newRow("evalx") << QStringLiteral("evalx");
    for (const QString &name : verdictIconNames())
        QTest::newRow(qPrintable(name)) << name;
    for (const QString &name : actionIconNames())
        QTest::newRow(qPrintable(name)) << name;
}

void TestIcons::iconRenders()
{
    QFETCH(QString, name);
    const QString path = iconPath(name);

    // Compiled in, and self-contained: no links to other files, no bitmaps.
    QFile file(path);
    QVERIFY2(file.open(QIODevice::ReadOnly), qPrintable(path));
    const QByteArray svg = file.readAll();
    QVERIFY(svg.contains("viewBox=\"0 0 24 24\"") || svg.contains("viewBox=\"0 0 32 32\""));
    QVERIFY(!svg.contains("href"));
    QVERIFY(!svg.contains("<image"));

    const QIcon icon(path);
    QVERIFY(!icon.isNull());
    for (int size : {16, 64}) {
        // The SVG engine draws at the size asked for; a bitmap engine would
        // hand back the 24 px image at 64 px.
        const QImage image = render(icon, size);
        QCOMPARE(image.size(), QSize(size, size));
        const int drawn = opaquePixels(image);
        QVERIFY2(
            drawn >= size * size / 10,
            qPrintable(
                QStringLiteral("%1 at %2 px: %3 pixels drawn").arg(name).arg(size).arg(drawn)));
    }
}

void TestIcons::verdictIconIsTheSvg_data()
{
    QTest::addColumn<Verdict>("verdict");
    for (Verdict verdict : ui::allVerdicts())
        QTest::newRow(qPrintable(verdictName(verdict))) << verdict;
}

void TestIcons::verdictIconIsTheSvg()
{
    QFETCH(Verdict, verdict);
    const QIcon svg(iconPath(verdictIconName(verdict)));
    const QImage expected = render(svg, 64);
    QCOMPARE(render(ui::verdictIcon(verdict), 64), expected);

    // A filled circle in the verdict's colour under a white glyph.
    const QRgb dominant = dominantColour(expected);
    QVERIFY2(close(dominant, ui::verdictColor(verdict), 6),
             qPrintable(QStringLiteral("%1 is %2, verdictColor() is %3")
                            .arg(verdictIconName(verdict), describe(dominant),
                                 ui::verdictColor(verdict).name())));
    int white = 0;
    for (int y = 0; y < expected.height(); ++y) {
        for (int x = 0; x < expected.width(); ++x) {
            if (expected.pixel(x, y) == 0xffffffff)
                ++white;
        }
    }
    QVERIFY2(white >= 64, qPrintable(QStringLiteral("%1 white pixels").arg(white)));
    // The circle fills the square but leaves its corners clear.
    QCOMPARE(qAlpha(expected.pixel(0, 0)), 0);
    QCOMPARE(qAlpha(expected.pixel(32, 4)), 255);
}

void TestIcons::actionIconsAreMonochrome_data()
{
    QTest::addColumn<QString>("name");
    for (const QString &name : actionIconNames())
        QTest::newRow(qPrintable(name)) << name;
}

void TestIcons::actionIconsAreMonochrome()
{
    // One mid grey that reads on light and dark palettes; only the edges'
    // coverage varies.
    QFETCH(QString, name);
    const QColor grey(0x6e, 0x77, 0x81);
    const QImage image = render(QIcon(iconPath(name)), 64);
    int solid = 0;
    for (int y = 0; y < image.height(); ++y) {
        for (int x = 0; x < image.width(); ++x) {
            const QRgb pixel = image.pixel(x, y);
            if (qAlpha(pixel) < 128)
                continue;
            QVERIFY2(close(pixel, grey, 4),
                     qPrintable(QStringLiteral("%1 at %2,%3").arg(describe(pixel)).arg(x).arg(y)));
            if (qAlpha(pixel) == 255)
                ++solid;
        }
    }
    QVERIFY(solid > 0);
}

QTEST_MAIN(TestIcons)
#include "tst_icons.moc"
